//! Sign-in, sessions, CSRF, security headers and the audit trail, over HTTP, on
//! both backends.

mod common;

use app::domain::auth::Role;
use app::error::AppError;
use common::{exec, scalar_i64, session_cookie, snapshot, TestApp, DEMO_PASSWORD};
use server::demo;

const ADMIN: &str = "admin@trustboard.example";
const CHAIR: &str = "chair.gosport@trustboard.example";

async fn demo_app(t: &common::TestDb) -> TestApp {
    demo::load(&t.db, common::today()).await.unwrap();
    TestApp::spawn(t.db.clone()).await
}

on_both_backends!(each_demo_role_signs_in_and_is_known, |t| {
    let app = demo_app(&t).await;
    let expected = [
        (ADMIN, Role::Administrator),
        ("board@trustboard.example", Role::BoardMember),
        ("district.manager@trustboard.example", Role::DistrictManager),
        (CHAIR, Role::PartnershipChair),
        ("member.havant@trustboard.example", Role::PartnershipMember),
        ("viewer@trustboard.example", Role::Viewer),
    ];
    for (email, role) in expected {
        let cookie = app.sign_in(email, DEMO_PASSWORD).await.expect(email);
        let me = app.me(Some(&cookie)).await.expect("signed in");
        assert_eq!(me.email, email);
        assert!(me.has_role(role), "{email}: {:?}", me.roles);
    }
    // The district manager's scope reaches the partnerships of both their districts.
    let cookie = app
        .sign_in("district.manager@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let me = app.me(Some(&cookie)).await.unwrap();
    let reach: Vec<i64> = me
        .roles
        .iter()
        .flat_map(|r| r.partnerships.clone())
        .collect();
    assert_eq!(reach.len(), 2, "Gosport and Fareham: {:?}", me.roles);
    assert_eq!(app.me(None).await, None, "nobody without a cookie");
});

on_both_backends!(
    wrong_password_and_unknown_account_get_the_same_answer,
    |t| {
        let app = demo_app(&t).await;
        let before = snapshot(&t.db).await;
        let (s1, b1) = app.sign_in(CHAIR, "not the password").await.unwrap_err();
        let (s2, b2) = app
            .sign_in("nobody@trustboard.example", "not the password")
            .await
            .unwrap_err();
        assert_eq!((s1, s2), (422, 422));
        assert_eq!(b1, b2, "the answer never reveals whether an account exists");
        let err: AppError = serde_json::from_str(&b1).unwrap();
        assert_eq!(
            err,
            AppError::field("email", "The email address or password is not right")
        );
        let (s3, b3) = app.sign_in("not an email", "x").await.unwrap_err();
        assert_eq!(s3, 422);
        assert!(b3.contains("correct format"), "{b3}");
        let after = snapshot(&t.db).await;
        let audited = |snap: &[String]| -> Vec<String> {
            snap.iter()
                .filter(|l| !l.starts_with("audit_event="))
                .cloned()
                .collect()
        };
        assert_eq!(
            audited(&before),
            audited(&after),
            "failed sign-ins change nothing but the attempt log and the audit trail"
        );
        let failures = "SELECT COUNT(*) FROM audit_event WHERE action = 'sign_in_failed'";
        assert_eq!(
            scalar_i64(&t.db, failures).await,
            1,
            "audited for the existing account only"
        );
    }
);

on_both_backends!(a_new_session_id_at_every_sign_in, |t| {
    let app = demo_app(&t).await;
    let first = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    let res = app
        .post_as(
            "/api/auth/sign-in",
            Some(&first),
            &[("email", CHAIR.into()), ("password", DEMO_PASSWORD.into())],
        )
        .await;
    assert_eq!(res.status(), 200);
    let second = session_cookie(&res).expect("a new cookie");
    assert_ne!(first, second, "the session id changes at sign-in");
    assert!(
        app.me(Some(&first)).await.is_none(),
        "the old session ended"
    );
    assert!(app.me(Some(&second)).await.is_some());
    let set = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"),
        "{set}"
    );
});

on_both_backends!(signing_out_ends_the_session, |t| {
    let app = demo_app(&t).await;
    let cookie = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    let res = app.post_as("/api/auth/sign-out", Some(&cookie), &[]).await;
    assert_eq!(res.status(), 200);
    let cleared = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cleared.starts_with("tb_session=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
    assert!(
        app.me(Some(&cookie)).await.is_none(),
        "the token no longer works, even if kept"
    );
});

on_both_backends!(disabling_a_person_ends_all_their_sessions, |t| {
    let app = demo_app(&t).await;
    let laptop = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    let phone = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    let me = app.me(Some(&laptop)).await.unwrap();
    let admin = app.sign_in(ADMIN, DEMO_PASSWORD).await.unwrap();
    let res = app
        .post_as(
            "/api/admin/people/set-status",
            Some(&admin),
            &[
                ("user_id", me.user_id.to_string()),
                ("disabled", "true".into()),
            ],
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    assert!(app.me(Some(&laptop)).await.is_none());
    assert!(app.me(Some(&phone)).await.is_none());
    let n = scalar_i64(
        &t.db,
        &format!(
            "SELECT COUNT(*) FROM user_session WHERE user_id = {}",
            me.user_id
        ),
    )
    .await;
    assert_eq!(n, 0, "the sessions are gone from the database");
    assert!(
        app.sign_in(CHAIR, DEMO_PASSWORD).await.is_err(),
        "a disabled person cannot sign in"
    );
    // Enabled again, they can.
    let res = app
        .post_as(
            "/api/admin/people/set-status",
            Some(&admin),
            &[
                ("user_id", me.user_id.to_string()),
                ("disabled", "false".into()),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(app.sign_in(CHAIR, DEMO_PASSWORD).await.is_ok());
});

on_both_backends!(changing_a_password_ends_the_other_sessions, |t| {
    let app = demo_app(&t).await;
    let laptop = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    let phone = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    let new = "a much longer passphrase";
    let bad = app
        .post_as(
            "/api/account/password",
            Some(&laptop),
            &[
                ("current_password", "wrong".into()),
                ("new_password", "short".into()),
                ("confirm_password", "x".into()),
            ],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let err: AppError = bad.json().await.unwrap();
    let fields: Vec<_> = err
        .field_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(fields, ["current-password", "new-password"]);
    assert!(
        app.me(Some(&phone)).await.is_some(),
        "a refused change changes nothing"
    );

    let res = app
        .post_as(
            "/api/account/password",
            Some(&laptop),
            &[
                ("current_password", DEMO_PASSWORD.into()),
                ("new_password", new.into()),
                ("confirm_password", new.into()),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let fresh = session_cookie(&res).expect("a fresh session for this browser");
    assert!(app.me(Some(&phone)).await.is_none(), "other sessions ended");
    assert!(
        app.me(Some(&laptop)).await.is_none(),
        "the old token of this browser too"
    );
    assert!(
        app.me(Some(&fresh)).await.is_some(),
        "this browser stays signed in"
    );
    assert!(app.sign_in(CHAIR, DEMO_PASSWORD).await.is_err());
    assert!(app.sign_in(CHAIR, new).await.is_ok());
});

on_both_backends!(sessions_end_when_idle_and_at_their_lifetime, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let idle = TestApp::spawn_with(t.db.clone(), |s| {
        s.session_idle = std::time::Duration::from_millis(1500)
    })
    .await;
    let cookie = idle.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    assert!(idle.me(Some(&cookie)).await.is_some());
    tokio::time::sleep(std::time::Duration::from_millis(1800)).await;
    assert!(idle.me(Some(&cookie)).await.is_none(), "idle too long");

    let short = TestApp::spawn_with(t.db.clone(), |s| {
        s.session_lifetime = std::time::Duration::from_secs(1)
    })
    .await;
    let cookie = short.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    assert!(short.me(Some(&cookie)).await.is_some());
    tokio::time::sleep(std::time::Duration::from_millis(1300)).await;
    assert!(
        short.me(Some(&cookie)).await.is_none(),
        "past the absolute lifetime"
    );
});

on_both_backends!(demo_sign_ins_are_refused_when_demo_mode_is_off, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn_with(t.db.clone(), |s| s.demo = false).await;
    let (status, body) = app.sign_in(ADMIN, DEMO_PASSWORD).await.unwrap_err();
    assert_eq!(status, 422);
    assert!(body.contains("Demo sign-ins are switched off"), "{body}");
    let list: (Vec<serde_json::Value>, String) = app
        .get("/api/auth/demo-sign-ins")
        .await
        .json()
        .await
        .unwrap();
    assert!(list.0.is_empty(), "no demo sign-ins are offered");
});

on_both_backends!(cross_site_posts_are_refused_and_change_nothing, |t| {
    let app = demo_app(&t).await;
    let admin = app.sign_in(ADMIN, DEMO_PASSWORD).await.unwrap();
    let before = snapshot(&t.db).await;
    let form = [
        ("email", "forged@example.org"),
        ("display_name", "Forged"),
        ("password", "a long enough password"),
        ("role", "administrator"),
        ("scope", ""),
    ];
    for (header, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://evil.example"),
    ] {
        let res = app
            .client
            .post(app.url("/api/admin/people/create"))
            .header("cookie", &admin)
            .header(header, value)
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{header}: {value}");
        assert_eq!(res.json::<AppError>().await.unwrap(), AppError::CrossSite);
    }
    assert_eq!(snapshot(&t.db).await, before);
    // A sign-out forged from another site does not end the session either.
    let res = app
        .client
        .post(app.url("/api/auth/sign-out"))
        .header("cookie", &admin)
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(app.me(Some(&admin)).await.is_some());
});

on_both_backends!(pages_carry_a_nonce_based_content_security_policy, |t| {
    let app = demo_app(&t).await;
    let res = app.get("/").await;
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .expect("a nonce")
        .to_string();
    assert!(nonce.len() >= 16);
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert!(res.headers()["referrer-policy"]
        .to_str()
        .unwrap()
        .contains("strict-origin"));
    assert!(
        res.headers().get("strict-transport-security").is_none(),
        "no HSTS without TLS"
    );
    let html = res.text().await.unwrap();
    let scripts = html.matches("<script").count();
    assert!(scripts > 0);
    assert_eq!(
        html.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "every script carries the nonce"
    );
    let second = app.get("/").await.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert_ne!(csp, second, "a new nonce each response");
});

on_both_backends!(secure_installations_use_host_cookies_and_hsts, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn_with(t.db.clone(), |s| s.secure_cookies = true).await;
    let res = app
        .post_as(
            "/api/auth/sign-in",
            None,
            &[("email", CHAIR.into()), ("password", DEMO_PASSWORD.into())],
        )
        .await;
    let set = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        set.starts_with("__Host-tb_session=") && set.contains("; Secure") && set.contains("Path=/"),
        "{set}"
    );
    assert!(res.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .contains("max-age="));
});

on_both_backends!(plain_form_posts_redirect_with_their_errors, |t| {
    let app = demo_app(&t).await;
    let res = app
        .client
        .post(app.url("/api/auth/sign-in"))
        .header("accept", "text/html")
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("email", "chair.gosport@trustboard.example"),
            ("password", ""),
            ("next", "/account"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 302, "JavaScript off: back to the form");
    assert_eq!(res.headers()["location"], "/sign-in?next=/account");
    let flash = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("tb_flash="))
        .map(|v| v.split(';').next().unwrap().to_string())
        .expect("the errors travel in the flash cookie");
    let page = app.get_as("/sign-in?next=/account", Some(&flash)).await;
    let cleared = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|v| v.to_str().unwrap().starts_with("tb_flash=;"));
    assert!(cleared, "the flash is read once");
    let html = page.text().await.unwrap();
    assert!(html.contains("There is a problem"));
    assert!(
        html.contains("href=\"#password\""),
        "the summary links to the field"
    );
    assert!(html.contains("Enter your password"));
    assert!(
        html.contains("value=\"chair.gosport@trustboard.example\""),
        "the email typed is kept"
    );

    let ok = app
        .client
        .post(app.url("/api/auth/sign-in"))
        .header("accept", "text/html")
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("email", CHAIR),
            ("password", DEMO_PASSWORD),
            ("next", "/account"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 302);
    assert_eq!(ok.headers()["location"], "/account");
    assert!(session_cookie(&ok).is_some());
});

on_both_backends!(
    every_kind_of_change_is_audited_and_the_trail_is_append_only,
    |t| {
        let app = demo_app(&t).await;
        let admin = app.sign_in(ADMIN, DEMO_PASSWORD).await.unwrap();
        let start = scalar_i64(&t.db, "SELECT COUNT(*) FROM audit_event").await;
        assert!(start >= 6, "the demo accounts' creation is recorded");

        let res = app
            .post_as(
                "/api/admin/people/create",
                Some(&admin),
                &[
                    ("email", "new.person@example.org".into()),
                    ("display_name", "New Person".into()),
                    ("password", "a long enough password".into()),
                    ("role", "viewer".into()),
                    ("scope", "".into()),
                ],
            )
            .await;
        assert_eq!(res.status(), 200);
        let id: i64 = res.json().await.unwrap();
        let gosport = scalar_i64(&t.db, "SELECT id FROM partnership WHERE slug = 'gosport'").await;
        let res = app
            .post_as(
                "/api/admin/people/grant-role",
                Some(&admin),
                &[
                    ("user_id", id.to_string()),
                    ("role", "partnership_member".into()),
                    ("scope", format!("partnership:{gosport}")),
                ],
            )
            .await;
        assert_eq!(res.status(), 200);
        let assignment: i64 = res.json().await.unwrap();
        let res = app
            .post_as(
                "/api/admin/people/revoke-role",
                Some(&admin),
                &[
                    ("user_id", id.to_string()),
                    ("assignment_id", assignment.to_string()),
                ],
            )
            .await;
        assert_eq!(res.status(), 200);
        let res = app
            .post_as(
                "/api/admin/people/set-status",
                Some(&admin),
                &[("user_id", id.to_string()), ("disabled", "true".into())],
            )
            .await;
        assert_eq!(res.status(), 200);
        let cookie = app
            .sign_in("viewer@trustboard.example", DEMO_PASSWORD)
            .await
            .unwrap();
        let res = app
            .post_as(
                "/api/account/password",
                Some(&cookie),
                &[
                    ("current_password", DEMO_PASSWORD.into()),
                    ("new_password", "another long passphrase".into()),
                    ("confirm_password", "another long passphrase".into()),
                ],
            )
            .await;
        assert_eq!(res.status(), 200);

        let trail: serde_json::Value = app
            .get_as("/api/audit/events", Some(&admin))
            .await
            .json()
            .await
            .unwrap();
        let entries = trail["entries"].as_array().unwrap();
        let kinds: Vec<(String, String)> = entries
            .iter()
            .take(6)
            .map(|e| {
                (
                    e["action"].as_str().unwrap().to_string(),
                    e["entity_type"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let k = |a: &str, e: &str| (a.to_string(), e.to_string());
        assert_eq!(
            kinds,
            [
                k("update", "user_account"),
                k("sign_in", "user_account"),
                k("status_change", "user_account"),
                k("delete", "role_assignment"),
                k("create", "role_assignment"),
                k("create", "user_account")
            ],
            "newest first, one entry per change (and the viewer's sign-in)"
        );
        assert_eq!(entries[0]["actor_name"], "Lee Carter");
        assert!(
            entries[0]["before"].is_null() && entries[0]["after"].is_null(),
            "no password material is recorded"
        );
        assert_eq!(entries[1]["actor_name"], "Lee Carter");
        // What changed, in words (the stored JSON stays in the database, not on the page).
        let changes = |e: &serde_json::Value| {
            e["changes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect::<Vec<_>>()
                .join("; ")
        };
        assert!(entries[2]["before"].is_null() && entries[2]["after"].is_null());
        let disabled = changes(&entries[2]);
        assert!(
            disabled.contains("changed from") && !disabled.contains('{'),
            "{disabled}"
        );
        assert!(
            changes(&entries[4]).contains("Gosport Children's Partnership"),
            "{}",
            changes(&entries[4])
        );
        assert_eq!(entries[4]["partnership"], "Gosport Children's Partnership");
        assert_eq!(entries[5]["actor_name"], "Morgan Ellis");

        // Filters: by kind, by partnership, by date (and a bad date is named).
        let by_kind: serde_json::Value = app
            .get_as(
                "/api/audit/events?entity_type=role_assignment",
                Some(&admin),
            )
            .await
            .json()
            .await
            .unwrap();
        assert!(by_kind["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["entity_type"] == "role_assignment"));
        let by_partnership: serde_json::Value = app
            .get_as("/api/audit/events?partnership=gosport", Some(&admin))
            .await
            .json()
            .await
            .unwrap();
        assert!(by_partnership["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["partnership"] == "Gosport Children's Partnership"));
        let future: serde_json::Value = app
            .get_as("/api/audit/events?from=2999-01-01", Some(&admin))
            .await
            .json()
            .await
            .unwrap();
        assert!(future["entries"].as_array().unwrap().is_empty());
        let bad = app
            .get_as("/api/audit/events?from=yesterday", Some(&admin))
            .await;
        assert_eq!(bad.status(), 422);

        // The Gosport chair sees Gosport's history, which includes the role given there.
        let chair = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
        let history: serde_json::Value = app
            .get_as("/api/audit/partnership?slug=gosport", Some(&chair))
            .await
            .json()
            .await
            .unwrap();
        assert!(history["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["entity_type"] == "role_assignment"));

        // No code path may change the trail, and neither may SQL.
        let n = scalar_i64(&t.db, "SELECT COUNT(*) FROM audit_event").await;
        assert!(exec(&t.db, "UPDATE audit_event SET summary = 'tampered'")
            .await
            .unwrap_err()
            .contains("append-only"));
        assert!(exec(&t.db, "DELETE FROM audit_event")
            .await
            .unwrap_err()
            .contains("append-only"));
        assert_eq!(
            scalar_i64(&t.db, "SELECT COUNT(*) FROM audit_event").await,
            n
        );
    }
);

on_both_backends!(
    bad_administration_input_gets_clear_messages_and_changes_nothing,
    |t| {
        let app = demo_app(&t).await;
        let admin = app.sign_in(ADMIN, DEMO_PASSWORD).await.unwrap();
        let before = snapshot(&t.db).await;
        let res = app
            .post_as(
                "/api/admin/people/create",
                Some(&admin),
                &[
                    ("email", "not-an-email".into()),
                    ("display_name", " ".into()),
                    ("password", "short".into()),
                    ("role", "partnership_chair".into()),
                    ("scope", "".into()),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        let err: AppError = res.json().await.unwrap();
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["display-name", "email", "password", "scope"]);
        let res = app
            .post_as(
                "/api/admin/people/create",
                Some(&admin),
                &[
                    ("email", CHAIR.into()),
                    ("display_name", "Duplicate".into()),
                    ("password", "a long enough password".into()),
                    ("role", "viewer".into()),
                    ("scope", "".into()),
                ],
            )
            .await;
        assert_eq!(res.status(), 422);
        assert!(res
            .text()
            .await
            .unwrap()
            .contains("already has that email address"));
        let res = app
            .post_as(
                "/api/admin/people/create",
                Some(&admin),
                &[
                    ("email", "x@example.org".into()),
                    ("display_name", "X".into()),
                    ("password", "a long enough password".into()),
                    ("role", "partnership_chair".into()),
                    ("scope", "partnership:999999".into()),
                ],
            )
            .await;
        assert_eq!(res.status(), 422, "an unknown partnership");
        let me = app.me(Some(&admin)).await.unwrap();
        let res = app
            .post_as(
                "/api/admin/people/set-status",
                Some(&admin),
                &[
                    ("user_id", me.user_id.to_string()),
                    ("disabled", "true".into()),
                ],
            )
            .await;
        assert_eq!(
            res.status(),
            422,
            "an administrator cannot lock themselves out"
        );
        assert_eq!(snapshot(&t.db).await, before);
    }
);

on_both_backends!(the_operator_command_creates_an_administrator, |t| {
    let id = server::admin::create_admin(
        &t.db,
        "first.admin@council.example",
        "First Admin",
        "a long enough password",
    )
    .await
    .unwrap();
    assert!(id > 0);
    assert!(server::admin::create_admin(
        &t.db,
        "first.admin@council.example",
        "Again",
        "a long enough password"
    )
    .await
    .is_err());
    assert!(
        server::admin::create_admin(&t.db, "second@council.example", "Short", "short")
            .await
            .is_err()
    );
    let app = TestApp::spawn_with(t.db.clone(), |s| s.demo = false).await;
    let cookie = app
        .sign_in("first.admin@council.example", "a long enough password")
        .await
        .unwrap();
    assert!(app
        .me(Some(&cookie))
        .await
        .unwrap()
        .has_role(Role::Administrator));
    assert_eq!(
        scalar_i64(
            &t.db,
            "SELECT COUNT(*) FROM audit_event WHERE actor_name = 'operator (command line)'"
        )
        .await,
        1
    );
});

on_both_backends!(an_administrator_sets_a_forgotten_password, |t| {
    let app = demo_app(&t).await;
    let chair = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    let me = app.me(Some(&chair)).await.unwrap();
    let admin = app.sign_in(ADMIN, DEMO_PASSWORD).await.unwrap();
    let short = app
        .post_as(
            "/api/admin/people/set-password",
            Some(&admin),
            &[
                ("user_id", me.user_id.to_string()),
                ("new_password", "short".into()),
            ],
        )
        .await;
    assert_eq!(short.status(), 422);
    assert!(
        app.me(Some(&chair)).await.is_some(),
        "a refused change changes nothing"
    );
    let res = app
        .post_as(
            "/api/admin/people/set-password",
            Some(&admin),
            &[
                ("user_id", me.user_id.to_string()),
                ("new_password", "a fresh long password".into()),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(app.me(Some(&chair)).await.is_none(), "their sessions ended");
    assert!(app.sign_in(CHAIR, DEMO_PASSWORD).await.is_err());
    assert!(app.sign_in(CHAIR, "a fresh long password").await.is_ok());
    let n = scalar_i64(&t.db, "SELECT COUNT(*) FROM audit_event WHERE summary LIKE 'Set a new password for Ruth Adeyemi%'").await;
    assert_eq!(n, 1);
});
