//! The authorisation matrix: every server function that acts on someone's behalf, tried by
//! every demo role (and by nobody) against their own scope and another, over HTTP. The expected
//! answer comes from the rules table itself (`app::domain::auth::RULES`): allowed must succeed,
//! denied must be "forbidden" (or "sign in" for nobody) and leave the database exactly as it
//! was.

mod common;
#[path = "matrix/assessments.rs"]
mod matrix_assessments;
#[path = "matrix/cycle.rs"]
mod matrix_cycle;
#[path = "matrix/due.rs"]
mod matrix_due;
#[path = "matrix/endpoints.rs"]
mod matrix_endpoints;
#[path = "matrix/events.rs"]
mod matrix_events;
#[path = "matrix/midyear.rs"]
mod matrix_midyear;
#[path = "matrix/setup.rs"]
mod matrix_setup;

use matrix_endpoints::{Method, ENDPOINTS};

use app::db::{accounts, audit::Actor};
use app::domain::auth::{authorise, Action, Principal, Role, RoleScope, Target};
use app::error::AppError;
use common::{scalar_i64, snapshot, TestApp, DEMO_PASSWORD};
use server::demo;

/// A plan made directly in the database for one cell: a local priority with a complete
/// measure and action, in the state the call needs (a year with no Board priorities, so the
/// plan can be submitted).
struct Fixture {
    plan_id: i64,
    year: i32,
    priority: i64,
    priority_revision: i64,
    measure: i64,
    action: i64,
    revision: i64,
}

async fn fixture(db: &app::db::Db, partnership_id: i64, year: i32, state: &str) -> Fixture {
    use app::db::plans;
    use app::domain::plan::{
        ActionInput, ActionStatus, Commissioning, MeasureInput, PriorityInput,
    };
    let actor = Actor::system("test");
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(year + 1, m, d);
    let plan_year = app::domain::PlanYear::new(year).unwrap();
    let indicator = Some(scalar_i64(db, "SELECT id FROM indicator WHERE code = 'NI 112'").await);
    let mut tx = db.begin().await.unwrap();
    let plan_id = plans::start(&mut tx, &actor, partnership_id, plan_year, false)
        .await
        .unwrap();
    let priority = PriorityInput {
        title: "Fixture priority".into(),
        outcome: "Better lives".into(),
        champion: None,
        challenger: None,
    };
    let priority = plans::add_priority(&mut tx, &actor, plan_id, partnership_id, &priority)
        .await
        .unwrap()
        .unwrap();
    let measure = MeasureInput {
        indicator_code: Some("NI 112".into()),
        baseline: Some(10.0),
        baseline_period: Some("2025/26".into()),
        target: Some(8.0),
        due: day(3, 31),
    };
    let (measure, _) = plans::save_measure(
        &mut tx,
        &actor,
        plan_id,
        partnership_id,
        priority,
        None,
        0,
        &measure,
        indicator,
    )
    .await
    .unwrap()
    .unwrap();
    tx.commit().await.unwrap();
    let lead = scalar_i64(
        db,
        &format!("SELECT MIN(organisation_id) FROM partnership_organisation WHERE partnership_id = {partnership_id}"),
    )
    .await;
    let mut tx = db.begin().await.unwrap();
    let action = ActionInput {
        description: "Fixture action".into(),
        lead_partner: Some(lead),
        supporting_partners: vec![],
        start: day(1, 1),
        due: day(3, 31),
        resources: String::new(),
        pooled_budget_pence: None,
        commissioning: Commissioning::Neither,
        status: ActionStatus::NotStarted,
    };
    let (action, _) = plans::save_action(
        &mut tx,
        &actor,
        plan_id,
        partnership_id,
        priority,
        None,
        0,
        &action,
    )
    .await
    .unwrap()
    .unwrap();
    tx.commit().await.unwrap();
    if state != "draft" {
        let head = plans::header(db, plan_id).await.unwrap().unwrap();
        let mut tx = db.begin().await.unwrap();
        plans::submit(&mut tx, &actor, &head)
            .await
            .unwrap()
            .unwrap();
        tx.commit().await.unwrap();
    }
    if state == "approved" {
        let plan = plans::load(db, plan_id).await.unwrap().unwrap();
        let mut tx = db.begin().await.unwrap();
        plans::approve(&mut tx, &actor, &plan)
            .await
            .unwrap()
            .unwrap();
        tx.commit().await.unwrap();
    }
    let plan = plans::load(db, plan_id).await.unwrap().unwrap();
    Fixture {
        plan_id,
        year,
        priority,
        priority_revision: plan.priorities[0].revision,
        measure,
        action,
        revision: plan.revision,
    }
}

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
    // The public map is published, so that looking at it can succeed.
    common::exec(
        &t.db,
        "UPDATE map_publication SET published = TRUE, indicator_code = 'NI 112'",
    )
    .await
    .unwrap();
    for action in Action::ALL {
        assert!(
            ENDPOINTS.iter().any(|e| e.action == *action),
            "no endpoint exercises {action:?}"
        );
    }
    let mut cells = 0;
    let mut n = 0;
    let mut years = std::collections::HashMap::<String, i32>::new();
    let mut assessment_years = std::collections::HashMap::<String, i32>::new();
    let mut mid_years = std::collections::HashMap::<String, i32>::new();
    for (email, own, other) in PERSONAS {
        // One sign-in per persona; again after a password change (which ends sessions).
        let mut cookie = match email {
            Some(e) => Some(app.sign_in(e, DEMO_PASSWORD).await.expect("demo sign-in")),
            None => None,
        };
        for endpoint in ENDPOINTS {
            let scopes: &[&str] = if endpoint.partnership_scoped {
                &[own, other]
            } else {
                &["trust"]
            };
            for scope in scopes {
                n += 1;
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
                // Plan calls get a plan of their own, in the state they need.
                let mid_year = endpoint.path.starts_with("/api/mid-year/");
                let plan = if (endpoint.path.starts_with("/api/plans/") || mid_year)
                    && endpoint.partnership_scoped
                {
                    // Years of their own: plans' from 2061 (their forms send no dates),
                    // mid-year reviews' from 2000 (they send the approved due dates back, which
                    // must be plausible), passing over the demo's own years.
                    let year = if mid_year {
                        let y = mid_years.entry(scope.to_string()).or_insert(1999);
                        if *y == 2023 {
                            *y = 2027;
                        }
                        y
                    } else {
                        years.entry(scope.to_string()).or_insert(2060)
                    };
                    *year += 1;
                    let Target::Partnership(pid) = target else {
                        unreachable!()
                    };
                    let state = match endpoint.name {
                        "decide" => "submitted",
                        "amend" => "approved",
                        // A mid-year review is of an approved plan.
                        _ if mid_year => "approved",
                        _ => "draft",
                    };
                    if endpoint.name == "start plan" {
                        None
                    } else {
                        Some(fixture(&t.db, pid, *year, state).await)
                    }
                } else {
                    None
                };
                let year = years.get(*scope).copied().unwrap_or(2027);
                // Import calls get a file of their own: one row, for an area outside the Trust
                // (so that even an allowed run writes no measurements).
                let job = if endpoint.path.starts_with("/api/admin/import") {
                    let indicator =
                        scalar_i64(&t.db, "SELECT id FROM indicator WHERE code = 'NI 112'").await;
                    Some(
                        app::db::import_jobs::create(
                            &t.db,
                            &Actor::system("test"),
                            &app::db::import_jobs::Upload {
                                indicator_id: indicator,
                                indicator_code: "NI 112",
                                file_name: "test.csv",
                                content: "Area Code,Area Name,Time period,Value\nE07000001,Elsewhere,2024,12.5\n",
                                rows: 1,
                            },
                        )
                        .await
                        .unwrap(),
                    )
                } else {
                    None
                };
                let job_id = job.unwrap_or(0).to_string();
                // Self-assessment calls get an assessment (or a year of standards) of their own.
                let pid = match target {
                    Target::Partnership(id) => Some(id),
                    Target::Trust => None,
                };
                // A year of its own for each call (standards' years apart from assessments',
                // which freeze theirs when submitted).
                let assessed_year = if endpoint.path.starts_with("/api/assessments/")
                    || endpoint.path.starts_with("/api/admin/standards")
                {
                    let first = if pid.is_some() { 2030 } else { 2150 };
                    let y = assessment_years.entry(scope.to_string()).or_insert(first);
                    *y += 1;
                    *y
                } else {
                    2030
                };
                let assessed =
                    matrix_assessments::call(&t.db, endpoint.name, scope, pid, assessed_year).await;
                let reviewed = matrix_midyear::call(
                    &t.db,
                    endpoint.name,
                    scope,
                    plan.as_ref().map(|f| (f.plan_id, f.year)),
                )
                .await;
                // Event calls get an event of their own.
                let evented = if endpoint.path.starts_with("/api/event") {
                    matrix_events::call(&t.db, endpoint.name, scope, pid, n).await
                } else if endpoint.path.starts_with("/api/cycle/") {
                    // The Board's priorities and the calendar: a draft of the call's own.
                    matrix_cycle::call(&t.db, endpoint.name, n).await
                } else if endpoint.path.starts_with("/api/setup/") {
                    // Set-up calls get a partnership (or an area) of their own.
                    matrix_setup::call(&t.db, endpoint.name, n).await
                } else if endpoint.path.starts_with("/api/due/") {
                    // Reminder calls act on the caller's own account.
                    matrix_due::call(endpoint.name)
                } else {
                    None
                };
                let ni112 =
                    scalar_i64(&t.db, "SELECT id FROM indicator WHERE code = 'NI 112'").await;
                let f = plan.as_ref();
                let id = |v: fn(&Fixture) -> i64| f.map(v).unwrap_or(0).to_string();
                let form: Vec<(&str, String)> = match endpoint.name {
                    "start plan" => vec![("slug", scope.to_string()), ("year", year.to_string())],
                    "save about" => vec![
                        ("plan_id", id(|f| f.plan_id)),
                        ("revision", id(|f| f.revision)),
                        ("form[needs_summary]", "Needs".into()),
                        ("form[young_people_said]", "Said".into()),
                    ],
                    "add priority" => vec![
                        ("plan_id", id(|f| f.plan_id)),
                        ("form[title]", "Another priority".into()),
                        ("form[outcome]", String::new()),
                    ],
                    "save priority" => vec![
                        ("plan_id", id(|f| f.plan_id)),
                        ("priority_id", id(|f| f.priority)),
                        ("revision", id(|f| f.priority_revision)),
                        ("form[title]", "Renamed".into()),
                        ("form[outcome]", "Better".into()),
                        ("form[champion]", String::new()),
                        ("form[challenger]", String::new()),
                    ],
                    "remove priority" => vec![
                        ("plan_id", id(|f| f.plan_id)),
                        ("priority_id", id(|f| f.priority)),
                        ("confirm", "yes".into()),
                    ],
                    "save measure" => vec![
                        ("plan_id", id(|f| f.plan_id)),
                        ("priority_id", id(|f| f.priority)),
                        ("measure_id", "0".into()),
                        ("revision", "0".into()),
                        ("form[indicator]", String::new()),
                        ("form[baseline]", String::new()),
                        ("form[baseline_period]", String::new()),
                        ("form[target]", "5".into()),
                        ("form[due]", String::new()),
                    ],
                    "remove measure" => vec![
                        ("plan_id", id(|f| f.plan_id)),
                        ("priority_id", id(|f| f.priority)),
                        ("measure_id", id(|f| f.measure)),
                        ("confirm", "yes".into()),
                    ],
                    "save action" => vec![
                        ("plan_id", id(|f| f.plan_id)),
                        ("priority_id", id(|f| f.priority)),
                        ("action_id", "0".into()),
                        ("revision", "0".into()),
                        ("form[description]", "Another action".into()),
                        ("form[lead]", String::new()),
                        ("form[start]", String::new()),
                        ("form[due]", String::new()),
                        ("form[resources]", String::new()),
                        ("form[pooled_budget]", String::new()),
                        ("form[commissioning]", String::new()),
                        ("form[status]", String::new()),
                    ],
                    "remove action" => vec![
                        ("plan_id", id(|f| f.plan_id)),
                        ("priority_id", id(|f| f.priority)),
                        ("action_id", id(|f| f.action)),
                        ("confirm", "yes".into()),
                    ],
                    "young people" => vec![
                        ("plan_id", id(|f| f.plan_id)),
                        ("revision", id(|f| f.revision)),
                        ("form[text]", "Our plan for you.".into()),
                    ],
                    "submit" | "amend" => vec![
                        ("plan_id", id(|f| f.plan_id)),
                        ("revision", id(|f| f.revision)),
                    ],
                    "decide" => vec![
                        ("plan_id", id(|f| f.plan_id)),
                        ("revision", id(|f| f.revision)),
                        ("form[decision]", "approve".into()),
                        ("form[comment]", String::new()),
                    ],
                    "save indicator" => vec![
                        ("id", ni112.to_string()),
                        ("code", "NI 112".into()),
                        ("title", "Under-18 conception rate".into()),
                        ("unit", "rate_per_1000".into()),
                        ("polarity", "lower_is_better".into()),
                        ("source", "ONS".into()),
                        ("frequency", "annual".into()),
                        ("geography_level", "district".into()),
                        ("notes", String::new()),
                        ("rag_tolerance", format!("{}", 1 + n % 5)),
                        ("small_number_threshold", "5".into()),
                        ("trend_threshold", "0".into()),
                    ],
                    "set mapping" => vec![
                        ("id", job_id.clone()),
                        ("area_code", "0".into()),
                        ("area_name", "1".into()),
                        ("period", "2".into()),
                        ("value", "3".into()),
                        ("count", String::new()),
                        ("denominator", String::new()),
                        ("ci_lower", String::new()),
                        ("ci_upper", String::new()),
                    ],
                    "run import" => vec![("id", job_id.clone()), ("mode", "all_or_nothing".into())],
                    "partnership areas" => {
                        vec![("slug", "gosport".into()), ("areas", "E07000088".into())]
                    }
                    "publish map" => {
                        vec![("published", "yes".into()), ("indicator", "NI 112".into())]
                    }
                    "comment" => vec![
                        ("plan_id", id(|f| f.plan_id)),
                        ("form[comment]", "Looks good".into()),
                    ],
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
                    "confirm second factor" => {
                        let sql = format!(
                            "SELECT f.secret FROM second_factor f JOIN user_account u ON u.id = f.user_id \
                             WHERE u.email = '{}' AND f.enrolled_at IS NULL",
                            email.unwrap_or("")
                        );
                        let secret = common::rows_text(&t.db, &sql)
                            .await
                            .pop()
                            .unwrap_or_default();
                        let now = app::auth::second_factor::unix_now();
                        let code = app::auth::second_factor::code_at(&secret, now);
                        vec![("code", code.unwrap_or_else(|| "000000".into()))]
                    }
                    "turn off second factor" => vec![("password", DEMO_PASSWORD.into())],
                    "end session" => vec![("session", "0".repeat(16))],
                    "reset second factor" => vec![("user_id", target_id.to_string())],
                    "set status" => vec![
                        ("user_id", target_id.to_string()),
                        ("disabled", "true".into()),
                    ],
                    _ => match (&reviewed, &assessed, &evented) {
                        (Some(r), _, _) => r.form.clone(),
                        (None, Some(a), _) => a.form.clone(),
                        (None, None, Some(e)) => e.form.clone(),
                        (None, None, None) => vec![],
                    },
                };
                let query = match endpoint.name {
                    "get person" | "person second factor" => format!("?id={target_id}"),
                    "partnership history" | "partnership plans" => format!("?slug={scope}"),
                    "plan page" => {
                        format!("?slug={scope}&year={}", f.map(|f| f.year).unwrap_or(year))
                    }
                    "compare" => format!(
                        "?slug={scope}&year={}&from=0&to=0",
                        f.map(|f| f.year).unwrap_or(year)
                    ),
                    "plans for year" => "?year=2027".to_string(),
                    "dashboard detail" => "?partnership=gosport&indicator=NI+112".to_string(),
                    "spine" => "?partnership=gosport".to_string(),
                    "get indicator" => format!("?id={ni112}"),
                    "get import" | "import progress" => format!("?id={job_id}"),
                    "map panel" | "public map panel" => "?selected=gosport".to_string(),
                    "actions table" => format!(
                        "?slug={scope}&year={}&priority_id={}",
                        f.map(|f| f.year).unwrap_or(year),
                        id(|f| f.priority)
                    ),
                    _ => match (&reviewed, &assessed, &evented) {
                        (Some(r), _, _) => r.query.clone(),
                        (None, Some(a), _) => a.query.clone(),
                        (None, None, Some(e)) => e.query.clone(),
                        (None, None, None) => String::new(),
                    },
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
                if endpoint.name == "change password" && status == 200 {
                    if let Some(e) = email {
                        cookie = Some(app.sign_in(e, DEMO_PASSWORD).await.expect("demo sign-in"));
                    }
                }
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
    // 7 personas × every endpoint, once for the Trust or twice (own and other partnership): no
    // cell was skipped.
    let per_persona: usize = ENDPOINTS
        .iter()
        .map(|e| if e.partnership_scoped { 2 } else { 1 })
        .sum();
    assert_eq!(cells, 7 * per_persona);
});

/// Server functions that act for nobody in particular, so have no rule: the public list, who is
/// signed in, signing in and out, the demo sign-ins and the flash of a form post.
const PUBLIC: &[&str] = &[
    "/api/auth/me",
    "/api/auth/sign-in",
    "/api/auth/sign-out",
    // The code asked for after a correct password: the half-made session is the authority.
    "/api/auth/second-factor",
    "/api/auth/demo-sign-ins",
    "/api/flash",
    // A new person choosing their password: the one-time link is the authority.
    "/api/password-link",
    "/api/password-link/choose",
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
