//! The second factor over HTTP, on both backends: a role that requires it reaches no page and no
//! server function with the password alone; enrolment by code, recovery codes shown once and
//! each working once; wrong and reused codes refused and counted by the sign-in throttle; an
//! administrator resetting someone else's factor (never their own; nobody else may); and one's
//! own sessions, listed and ended.

mod common;
#[allow(dead_code)]
#[path = "matrix/endpoints.rs"]
mod matrix_endpoints;

use app::api::auth::{RecoveryCodes, SecondFactorSetUp, SessionListed};
use app::api::Flash;
use app::auth::second_factor::{code_at, unix_now};
use app::domain::auth::second_factor::RequiredRoles;
use app::domain::auth::{Action, Grant, RULES};
use common::{
    flash_cookie, rows_text, scalar_i64, session_cookie, snapshot, TestApp, DEMO_PASSWORD,
};
use matrix_endpoints::{Method, ENDPOINTS};
use server::demo;

const ADMIN: &str = "admin@trustboard.example";
const BOARD: &str = "board@trustboard.example";
const CHAIR: &str = "chair.gosport@trustboard.example";

async fn app_requiring(db: &app::db::Db, unit_ms: u64) -> TestApp {
    TestApp::spawn_with(db.clone(), |s| {
        s.second_factor_roles = Some(RequiredRoles::people_with_power());
        s.throttle_unit = std::time::Duration::from_millis(unit_ms);
    })
    .await
}

/// Every page of the application, its parameters filled in with the demo's.
fn every_page() -> Vec<String> {
    let mut pages: Vec<String> = leptos_axum::generate_route_list(app::App)
        .into_iter()
        .map(|r| {
            r.path()
                .split('/')
                .map(|seg| {
                    match seg
                        .trim_start_matches(['{', ':', '*'])
                        .trim_end_matches('}')
                    {
                        s if s == seg => seg.to_string(),
                        "slug" => "gosport".into(),
                        "year" => "2027".into(),
                        "token" => "nothing".into(),
                        _ => "1".into(),
                    }
                })
                .collect::<Vec<_>>()
                .join("/")
        })
        .map(|p| if p.is_empty() { "/".into() } else { p })
        .collect();
    pages.sort();
    pages.dedup();
    pages
}

async fn user_id(db: &app::db::Db, email: &str) -> i64 {
    scalar_i64(
        db,
        &format!("SELECT id FROM user_account WHERE email = '{email}'"),
    )
    .await
}

async fn audit_count(db: &app::db::Db, like: &str) -> i64 {
    scalar_i64(
        db,
        &format!("SELECT COUNT(*) FROM audit_event WHERE summary LIKE '{like}'"),
    )
    .await
}

/// Calls a server function with no arguments: its status and body.
async fn call(
    app: &TestApp,
    e: &matrix_endpoints::Endpoint,
    cookie: Option<&str>,
) -> (u16, String) {
    let res = match e.method {
        Method::Get => app.get_as(e.path, cookie).await,
        Method::Post => app.post_as(e.path, cookie, &[]).await,
    };
    (res.status().as_u16(), res.text().await.unwrap())
}

/// Signs in with the password: the (half-made) session's cookie and where it was sent.
async fn password(app: &TestApp, email: &str) -> (String, String) {
    let res = app
        .post_as(
            "/api/auth/sign-in",
            None,
            &[("email", email.into()), ("password", DEMO_PASSWORD.into())],
        )
        .await;
    assert_eq!(res.status(), 200, "{email}");
    let cookie = session_cookie(&res).expect("a session cookie");
    (cookie, res.json::<String>().await.unwrap())
}

/// Gives a code (or a recovery code) after the password: the status, the new cookie if any,
/// and the body.
async fn give_code(app: &TestApp, cookie: &str, code: &str) -> (u16, Option<String>, String) {
    let res = app
        .post_as(
            "/api/auth/second-factor",
            Some(cookie),
            &[("code", code.into())],
        )
        .await;
    let status = res.status().as_u16();
    let new = session_cookie(&res);
    (status, new, res.text().await.unwrap())
}

/// Sets the factor up with `cookie` (a full or an enrol-only session), as a plain form post:
/// the secret, the recovery codes shown once, and the session cookie afterwards.
async fn enrol(app: &TestApp, cookie: &str) -> (String, Vec<String>, String) {
    // Looking at the page makes nothing: the secret comes from starting, and starting again
    // keeps it.
    let unstarted: SecondFactorSetUp = app
        .get_as("/api/account/second-factor", Some(cookie))
        .await
        .json()
        .await
        .unwrap();
    assert!(!unstarted.enrolled && unstarted.secret.is_none() && unstarted.qr_svg.is_none());
    let mut started = Vec::new();
    for _ in 0..2 {
        let res = app
            .plain_post("/api/account/second-factor/start", cookie, &[])
            .await;
        assert!(res.status().is_redirection(), "{}", res.status());
        assert!(res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/account/second-factor"));
        let s: SecondFactorSetUp = app
            .get_as("/api/account/second-factor", Some(cookie))
            .await
            .json()
            .await
            .unwrap();
        started.push(s.secret);
    }
    assert!(
        started[0].is_some() && started[0] == started[1],
        "{started:?}"
    );
    let setup: SecondFactorSetUp = app
        .get_as("/api/account/second-factor", Some(cookie))
        .await
        .json()
        .await
        .unwrap();
    assert!(!setup.enrolled);
    assert!(setup.qr_svg.as_deref().is_some_and(|s| s.contains("<svg")));
    let secret: String = setup.secret.unwrap().split_whitespace().collect();
    let code = code_at(&secret, unix_now()).unwrap();
    let res = app
        .plain_post(
            "/api/account/second-factor/confirm",
            cookie,
            &[("code", code)],
        )
        .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    let after = session_cookie(&res).unwrap_or_else(|| cookie.to_string());
    let flash = flash_cookie(&res).expect("the recovery codes wait for the next page");
    let shown: Option<Flash> = app
        .get_as("/api/flash", Some(&flash))
        .await
        .json()
        .await
        .unwrap();
    let codes = shown.unwrap().form::<RecoveryCodes>().unwrap().codes;
    assert_eq!(codes.len(), 10);
    // Shown once: the flash is gone, and only hashes are stored.
    let again: Option<Flash> = app
        .get_as("/api/flash", Some(&flash))
        .await
        .json()
        .await
        .unwrap();
    assert!(again.is_none());
    (secret, codes, after)
}

on_both_backends!(password_alone_reaches_nothing_then_codes_sign_in, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = app_requiring(&t.db, 1).await;
    let board = user_id(&t.db, BOARD).await;

    // The password alone: a session that is not signed in, sent to set the factor up.
    let before = snapshot(&t.db).await;
    let (cookie, to) = password(&app, BOARD).await;
    assert!(to.starts_with("/account/second-factor"), "{to}");
    assert!(app.me(Some(&cookie)).await.is_none());
    let pages = every_page();
    assert!(pages.len() > 50, "{pages:?}");
    for page in &pages {
        let res = app.get_as(page, Some(&cookie)).await;
        if page == "/account/second-factor" {
            assert_eq!(res.status(), 200, "{page}");
        } else {
            assert_eq!(res.status(), 303, "{page}");
            assert_eq!(
                res.headers()["location"],
                "/account/second-factor",
                "{page}"
            );
        }
    }
    let open = |a: Action| {
        RULES
            .iter()
            .any(|r| r.action == a && r.grants.contains(&Grant::Everyone))
    };
    // Every server function answers the half-made session exactly as it answers nobody.
    let mut refused = 0;
    for e in ENDPOINTS {
        let own_set_up =
            e.action == Action::ManageOwnSecondFactor && e.path != "/api/account/second-factor/off";
        if open(e.action) || own_set_up {
            continue;
        }
        let (status, body) = call(&app, e, Some(&cookie)).await;
        assert_eq!(
            (status, &body),
            (call(&app, e, None).await.0, &call(&app, e, None).await.1),
            "{}",
            e.path
        );
        assert!((400..500).contains(&status), "{}: {status}", e.path);
        if status == 401 {
            refused += 1;
        }
    }
    assert!(refused > 10, "{refused}");
    // Nothing changed but the half-made session itself.
    let mut after = snapshot(&t.db).await;
    let mut expected = before.clone();
    for v in [&mut after, &mut expected] {
        v.retain(|l| !l.starts_with("user_session="));
    }
    assert_eq!(after, expected, "refusals changed nothing");

    // Setting it up finishes signing in (a new session), audited; recovery codes shown once.
    let (secret, codes, cookie) = enrol(&app, &cookie).await;
    assert_eq!(app.me(Some(&cookie)).await.unwrap().user_id, board);
    assert_eq!(audit_count(&t.db, "%set up a second factor%").await, 1);
    let stored = rows_text(
        &t.db,
        &format!("SELECT code_hash FROM recovery_code WHERE user_id = {board}"),
    )
    .await;
    assert_eq!(stored.len(), 10);
    assert!(
        codes.iter().all(|c| !stored.contains(c)),
        "only hashes are stored"
    );
    assert_eq!(app.get_as("/dashboard", Some(&cookie)).await.status(), 200);

    // Next sign-in: a code is asked for, and only that page is reachable.
    let (pending, to) = password(&app, BOARD).await;
    assert!(to.starts_with("/sign-in/second-factor"), "{to}");
    let res = app.get_as("/dashboard", Some(&pending)).await;
    assert_eq!(res.headers()["location"], "/sign-in/second-factor");
    assert_eq!(
        app.get_as("/sign-in/second-factor", Some(&pending))
            .await
            .status(),
        200
    );

    // A wrong code: refused with a clear message, counted, audited; nothing else changes.
    let failures = scalar_i64(
        &t.db,
        "SELECT COUNT(*) FROM sign_in_attempt WHERE NOT succeeded",
    )
    .await;
    let turns = scalar_i64(
        &t.db,
        &format!("SELECT attempts FROM sign_in_throttle WHERE email = '{BOARD}'"),
    )
    .await;
    let right_now = code_at(&secret, unix_now()).unwrap();
    let wrong = if right_now == "000000" {
        "111111"
    } else {
        "000000"
    };
    let factor_before = rows_text(
        &t.db,
        &format!("SELECT CAST(last_step AS TEXT) FROM second_factor WHERE user_id = {board}"),
    )
    .await;
    let (status, new, body) = give_code(&app, &pending, wrong).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("The code is not right"), "{body}");
    assert!(new.is_none());
    assert!(app.me(Some(&pending)).await.is_none());
    assert_eq!(
        scalar_i64(
            &t.db,
            "SELECT COUNT(*) FROM sign_in_attempt WHERE NOT succeeded"
        )
        .await,
        failures + 1
    );
    assert_eq!(
        scalar_i64(
            &t.db,
            &format!("SELECT attempts FROM sign_in_throttle WHERE email = '{BOARD}'")
        )
        .await,
        turns + 1
    );
    assert_eq!(audit_count(&t.db, "%Failed sign-in%(wrong code)%").await, 1);
    assert_eq!(
        rows_text(
            &t.db,
            &format!("SELECT CAST(last_step AS TEXT) FROM second_factor WHERE user_id = {board}")
        )
        .await,
        factor_before
    );

    // The step used to set it up cannot be used again.
    let last: i64 = factor_before[0].parse().unwrap();
    let used = code_at(&secret, (last as u64) * 30).unwrap();
    let (status, _, body) = give_code(&app, &pending, &used).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("already been used"), "{body}");

    // A later step's code signs in.
    let next = code_at(&secret, (last as u64 + 1) * 30).unwrap();
    let (status, new, body) = give_code(&app, &pending, &next).await;
    assert_eq!(status, 200, "{body}");
    let full = new.expect("a new session");
    assert_eq!(app.me(Some(&full)).await.unwrap().user_id, board);
    assert!(
        app.me(Some(&pending)).await.is_none(),
        "the half-made session ended"
    );

    // A recovery code works once, and is audited.
    let (pending, _) = password(&app, BOARD).await;
    let (status, new, body) = give_code(&app, &pending, &codes[0].to_uppercase()).await;
    assert_eq!(status, 200, "{body}");
    assert!(app.me(new.as_deref()).await.is_some());
    assert_eq!(audit_count(&t.db, "%recovery code (9 left)%").await, 1);
    let (pending, _) = password(&app, BOARD).await;
    let (status, _, _) = give_code(&app, &pending, &codes[0]).await;
    assert_eq!(status, 422, "a recovery code works once");

    // After the throttle's limit even the right code waits: refused for now, nothing checked.
    common::exec(
        &t.db,
        &format!("UPDATE sign_in_throttle SET attempts = 20, next_at = '2999-01-01T00:00:00Z' WHERE email = '{BOARD}'"),
    )
    .await
    .unwrap();
    let step_before = rows_text(
        &t.db,
        &format!("SELECT CAST(last_step AS TEXT) FROM second_factor WHERE user_id = {board}"),
    )
    .await;
    let right = code_at(&secret, unix_now() + 30).unwrap();
    let (status, new, _) = give_code(&app, &pending, &right).await;
    assert_eq!(status, 429);
    assert!(new.is_none());
    assert_eq!(
        rows_text(
            &t.db,
            &format!("SELECT CAST(last_step AS TEXT) FROM second_factor WHERE user_id = {board}")
        )
        .await,
        step_before
    );
});

on_both_backends!(administrators_reset_others_factors_only, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = app_requiring(&t.db, 1).await;
    let board = user_id(&t.db, BOARD).await;
    let admin = user_id(&t.db, ADMIN).await;
    let (cookie, _) = password(&app, ADMIN).await;
    let (_, _, admin_cookie) = enrol(&app, &cookie).await;
    let (cookie, _) = password(&app, BOARD).await;
    let (_, _, board_cookie) = enrol(&app, &cookie).await;

    // Nobody else may reset: a chair (no factor required) is forbidden, nobody must sign in.
    let chair = app
        .sign_in(CHAIR, DEMO_PASSWORD)
        .await
        .expect("a chair signs in with a password");
    let before = snapshot(&t.db).await;
    let form = [("user_id", board.to_string())];
    let path = "/api/admin/person/second-factor/reset";
    assert_eq!(app.post_as(path, Some(&chair), &form).await.status(), 403);
    assert_eq!(app.post_as(path, None, &form).await.status(), 401);
    // Not one's own.
    let own = [("user_id", admin.to_string())];
    let res = app.post_as(path, Some(&admin_cookie), &own).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("cannot reset your own"));
    assert_eq!(snapshot(&t.db).await, before, "refusals changed nothing");
    assert_eq!(
        scalar_i64(
            &t.db,
            "SELECT COUNT(*) FROM second_factor WHERE enrolled_at IS NOT NULL"
        )
        .await,
        2
    );

    // Another's: gone with their recovery codes and sessions, audited; they set it up again.
    let res = app.post_as(path, Some(&admin_cookie), &form).await;
    assert_eq!(res.status(), 200);
    assert!(
        app.me(Some(&board_cookie)).await.is_none(),
        "their sessions ended"
    );
    assert_eq!(
        scalar_i64(
            &t.db,
            &format!("SELECT COUNT(*) FROM second_factor WHERE user_id = {board}")
        )
        .await,
        0
    );
    assert_eq!(
        scalar_i64(
            &t.db,
            &format!("SELECT COUNT(*) FROM recovery_code WHERE user_id = {board}")
        )
        .await,
        0
    );
    assert_eq!(audit_count(&t.db, "%reset %second factor%").await, 1);
    let (_, to) = password(&app, BOARD).await;
    assert!(to.starts_with("/account/second-factor"), "{to}");
});

on_both_backends!(people_see_and_end_their_own_sessions, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let here = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    let there = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    let elsewhere = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    let other = app.sign_in(BOARD, DEMO_PASSWORD).await.unwrap();
    let list: Vec<SessionListed> = app
        .get_as("/api/account/sessions", Some(&here))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list.len(), 3, "only their own");
    assert_eq!(list.iter().filter(|s| s.current).count(), 1);
    assert!(list
        .iter()
        .all(|s| s.address.as_deref() == Some("127.0.0.1")));
    let page = app
        .get_as("/account/sessions", Some(&here))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Where you are signed in"));

    // Refused: ending this session (sign out instead), or nonsense; nothing changes.
    let before = snapshot(&t.db).await;
    let mine = list.iter().find(|s| s.current).unwrap().reference.clone();
    let res = app
        .post_as(
            "/api/account/sessions/end",
            Some(&here),
            &[("session", mine)],
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = app
        .post_as(
            "/api/account/sessions/end",
            Some(&here),
            &[("session", "%".into())],
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = app
        .post_as(
            "/api/account/sessions/end",
            None,
            &[("session", "0".repeat(16))],
        )
        .await;
    assert_eq!(res.status(), 401);
    assert_eq!(snapshot(&t.db).await, before);

    // Another person's session cannot be ended by its reference.
    let theirs: Vec<SessionListed> = app
        .get_as("/api/account/sessions", Some(&other))
        .await
        .json()
        .await
        .unwrap();
    let res = app
        .post_as(
            "/api/account/sessions/end",
            Some(&here),
            &[("session", theirs[0].reference.clone())],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(app.me(Some(&other)).await.is_some());

    // One other session ended: it no longer works; audited.
    let there_ref = list.iter().find(|s| !s.current).unwrap().reference.clone();
    let res = app
        .post_as(
            "/api/account/sessions/end",
            Some(&here),
            &[("session", there_ref)],
        )
        .await;
    assert_eq!(res.status(), 200);
    let alive = [
        app.me(Some(&there)).await.is_some(),
        app.me(Some(&elsewhere)).await.is_some(),
    ];
    assert_eq!(alive.iter().filter(|a| **a).count(), 1, "exactly one ended");
    assert_eq!(
        audit_count(&t.db, "%ended one of their other sessions%").await,
        1
    );

    // Every other: only this one is left.
    let res = app
        .post_as("/api/account/sessions/end-others", Some(&here), &[])
        .await;
    assert_eq!(res.status(), 200);
    assert!(app.me(Some(&there)).await.is_none() && app.me(Some(&elsewhere)).await.is_none());
    assert!(app.me(Some(&here)).await.is_some());
    assert!(
        app.me(Some(&other)).await.is_some(),
        "other people's sessions stay"
    );
    assert_eq!(audit_count(&t.db, "%ended their 1 other session%").await, 1);
});
