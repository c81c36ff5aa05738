//! The authorisation matrix: every server function that acts on someone's behalf, tried by
//! every demo role (and by nobody) against their own scope and another, over HTTP. The expected
//! answer comes from the rules table itself (`app::domain::auth::RULES`): allowed must succeed,
//! denied must be "forbidden" (or "sign in" for nobody) and leave the database exactly as it
//! was.

mod common;

use app::db::{accounts, audit::Actor};
use app::domain::auth::{authorise, Action, Principal, Role, RoleScope, Target};
use app::error::AppError;
use common::{scalar_i64, snapshot, TestApp, DEMO_PASSWORD};
use server::demo;

#[derive(Clone, Copy, Debug)]
enum Method {
    Get,
    Post,
}

/// One server function, the action it performs, and how to call it.
struct Endpoint {
    name: &'static str,
    action: Action,
    method: Method,
    path: &'static str,
    /// Aimed at a partnership (own or other) rather than the Trust.
    partnership_scoped: bool,
}

const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        name: "overview",
        action: Action::ViewPartnerships,
        method: Method::Get,
        path: "/api/partnerships/overview",
        partnership_scoped: false,
    },
    Endpoint {
        name: "my account",
        action: Action::ViewOwnAccount,
        method: Method::Get,
        path: "/api/account",
        partnership_scoped: false,
    },
    Endpoint {
        name: "change password",
        action: Action::ChangeOwnPassword,
        method: Method::Post,
        path: "/api/account/password",
        partnership_scoped: false,
    },
    Endpoint {
        name: "list people",
        action: Action::ManagePeople,
        method: Method::Get,
        path: "/api/admin/people",
        partnership_scoped: false,
    },
    Endpoint {
        name: "get person",
        action: Action::ManagePeople,
        method: Method::Get,
        path: "/api/admin/person",
        partnership_scoped: false,
    },
    Endpoint {
        name: "create person",
        action: Action::ManagePeople,
        method: Method::Post,
        path: "/api/admin/people/create",
        partnership_scoped: false,
    },
    Endpoint {
        name: "grant role",
        action: Action::ManagePeople,
        method: Method::Post,
        path: "/api/admin/people/grant-role",
        partnership_scoped: false,
    },
    Endpoint {
        name: "revoke role",
        action: Action::ManagePeople,
        method: Method::Post,
        path: "/api/admin/people/revoke-role",
        partnership_scoped: false,
    },
    Endpoint {
        name: "set status",
        action: Action::ManagePeople,
        method: Method::Post,
        path: "/api/admin/people/set-status",
        partnership_scoped: false,
    },
    Endpoint {
        name: "set password",
        action: Action::ManagePeople,
        method: Method::Post,
        path: "/api/admin/people/set-password",
        partnership_scoped: false,
    },
    Endpoint {
        name: "audit trail",
        action: Action::ViewAuditTrail,
        method: Method::Get,
        path: "/api/audit/events",
        partnership_scoped: false,
    },
    Endpoint {
        name: "partnership history",
        action: Action::ViewPartnershipHistory,
        method: Method::Get,
        path: "/api/audit/partnership",
        partnership_scoped: true,
    },
];

/// Who tries: an email (None for nobody), and the slugs of their own and another partnership.
const PERSONAS: &[(Option<&str>, &str, &str)] = &[
    (None, "gosport", "havant"),
    (Some("admin@trustboard.example"), "gosport", "havant"),
    (Some("board@trustboard.example"), "gosport", "havant"),
    (
        Some("district.manager@trustboard.example"),
        "gosport",
        "havant",
    ),
    (
        Some("chair.gosport@trustboard.example"),
        "gosport",
        "havant",
    ),
    (
        Some("member.havant@trustboard.example"),
        "havant",
        "gosport",
    ),
    (Some("viewer@trustboard.example"), "gosport", "havant"),
];

/// A throwaway person with one role, made directly in the database, for the calls that change
/// someone.
async fn target_person(db: &app::db::Db, n: usize) -> (i64, i64) {
    let mut tx = db.begin().await.unwrap();
    let email = format!("target{n}@example.org");
    let new = accounts::NewUser {
        email: &email,
        display_name: "Target",
        password_hash: "x",
        is_demo: false,
    };
    let scope = RoleScope {
        partnership_id: None,
        district_area_id: None,
    };
    let id = accounts::add_user(
        &mut tx,
        &Actor::system("test"),
        &new,
        Role::Viewer,
        scope,
        "Whole Trust",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let assignment = scalar_i64(
        db,
        &format!("SELECT id FROM role_assignment WHERE user_id = {id}"),
    )
    .await;
    (id, assignment)
}

on_both_backends!(every_role_action_and_scope, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    for action in Action::ALL {
        assert!(
            ENDPOINTS.iter().any(|e| e.action == *action),
            "no endpoint exercises {action:?}"
        );
    }
    let mut cells = 0;
    let mut n = 0;
    for (email, own, other) in PERSONAS {
        for endpoint in ENDPOINTS {
            let scopes: &[&str] = if endpoint.partnership_scoped {
                &[own, other]
            } else {
                &["trust"]
            };
            for scope in scopes {
                n += 1;
                // A fresh sign-in per cell: some allowed calls (a password change) end sessions.
                let cookie = match email {
                    Some(e) => Some(app.sign_in(e, DEMO_PASSWORD).await.expect("demo sign-in")),
                    None => None,
                };
                let who: Option<Principal> = app.me(cookie.as_deref()).await;
                let target = if endpoint.partnership_scoped {
                    Target::Partnership(
                        scalar_i64(
                            &t.db,
                            &format!("SELECT id FROM partnership WHERE slug = '{scope}'"),
                        )
                        .await,
                    )
                } else {
                    Target::Trust
                };
                let expected = authorise(who.as_ref(), endpoint.action, target);

                let (target_id, assignment) = target_person(&t.db, n).await;
                let form: Vec<(&str, String)> = match endpoint.name {
                    "change password" => vec![
                        ("current_password", DEMO_PASSWORD.into()),
                        ("new_password", DEMO_PASSWORD.into()),
                        ("confirm_password", DEMO_PASSWORD.into()),
                    ],
                    "create person" => vec![
                        ("email", format!("created{n}@example.org")),
                        ("display_name", "Created Person".into()),
                        ("password", "a long enough password".into()),
                        ("role", "viewer".into()),
                        ("scope", String::new()),
                    ],
                    "grant role" => vec![
                        ("user_id", target_id.to_string()),
                        ("role", "board_member".into()),
                        ("scope", String::new()),
                    ],
                    "revoke role" => vec![
                        ("user_id", target_id.to_string()),
                        ("assignment_id", assignment.to_string()),
                    ],
                    "set password" => vec![
                        ("user_id", target_id.to_string()),
                        ("new_password", "a long enough password".into()),
                    ],
                    "set status" => vec![
                        ("user_id", target_id.to_string()),
                        ("disabled", "true".into()),
                    ],
                    _ => vec![],
                };
                let query = match endpoint.name {
                    "get person" => format!("?id={target_id}"),
                    "partnership history" => format!("?slug={scope}"),
                    _ => String::new(),
                };
                let path = format!("{}{query}", endpoint.path);

                let before = snapshot(&t.db).await;
                let res = match endpoint.method {
                    Method::Get => app.get_as(&path, cookie.as_deref()).await,
                    Method::Post => app.post_as(&path, cookie.as_deref(), &form).await,
                };
                let status = res.status().as_u16();
                let body = res.text().await.unwrap();
                let cell = format!(
                    "{} × {} × {scope}",
                    email.unwrap_or("nobody"),
                    endpoint.name
                );
                match expected {
                    Ok(()) => assert!(
                        (200..300).contains(&status),
                        "{cell}: allowed, but got {status} {body}"
                    ),
                    Err(denial) => {
                        let (want_status, want_error) = match denial {
                            app::domain::auth::Denial::Unauthenticated => {
                                (401, AppError::Unauthenticated)
                            }
                            app::domain::auth::Denial::Forbidden => (403, AppError::Forbidden),
                        };
                        assert_eq!(
                            status, want_status,
                            "{cell}: denied, but got {status} {body}"
                        );
                        assert_eq!(
                            serde_json::from_str::<AppError>(&body).unwrap(),
                            want_error,
                            "{cell}"
                        );
                        assert_eq!(
                            snapshot(&t.db).await,
                            before,
                            "{cell}: a denied call changed the database"
                        );
                    }
                }
                cells += 1;
            }
        }
    }
    // 7 personas × (11 Trust-wide endpoints + 1 endpoint × 2 scopes).
    assert_eq!(cells, 7 * 13);
});

/// Server functions that act for nobody in particular, so have no rule: the public list, who is
/// signed in, signing in and out, the demo sign-ins and the flash of a form post.
const PUBLIC: &[&str] = &[
    "/api/auth/me",
    "/api/auth/sign-in",
    "/api/auth/sign-out",
    "/api/auth/demo-sign-ins",
    "/api/flash",
];

#[test]
fn every_server_function_is_in_the_matrix_or_public() {
    let mut paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(p, _)| p)
        .collect();
    paths.sort_unstable();
    assert!(
        paths.len() >= ENDPOINTS.len(),
        "server functions are registered: {paths:?}"
    );
    for path in paths {
        let covered = ENDPOINTS.iter().any(|e| e.path == path) || PUBLIC.contains(&path);
        assert!(
            covered,
            "{path} is neither in the authorisation matrix nor listed as public"
        );
    }
}
