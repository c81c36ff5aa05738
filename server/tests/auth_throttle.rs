//! Sign-in throttling over HTTP on both backends: concurrent guesses get no more checks than
//! patient ones, hashing is bounded, nobody can lock the right person out, and signing in and
//! out is audited.

mod common;

use app::auth::throttle;
use common::{rows_text, scalar_i64, session_cookie, TestApp, DEMO_PASSWORD};
use server::demo;
use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

const CHAIR: &str = "chair.gosport@trustboard.example";
const ADMIN: &str = "admin@trustboard.example";
const GHOST: &str = "ghost@trustboard.example";

async fn app_with_unit(t: &common::TestDb, unit: Duration) -> TestApp {
    demo::load(&t.db, common::today()).await.unwrap();
    TestApp::spawn_with(t.db.clone(), |s| s.throttle_unit = unit).await
}

/// A client whose requests come from another loopback address (another place, to the server).
fn client_from(last: u8) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, last)))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Tries to sign in; the status, the body and the session cookie if one was set.
async fn attempt(
    client: &reqwest::Client,
    app: &TestApp,
    email: &str,
    password: &str,
) -> (u16, String, Option<String>) {
    let res = client
        .post(app.url("/api/auth/sign-in"))
        .header("sec-fetch-site", "same-origin")
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap();
    let cookie = session_cookie(&res);
    (res.status().as_u16(), res.text().await.unwrap(), cookie)
}

/// Fires `count` wrong passwords at once (for `email(i)`), returning each answer's status and
/// how long it took.
async fn burst(
    app: &TestApp,
    count: usize,
    email: impl Fn(usize) -> String,
) -> Vec<(u16, Duration)> {
    let start = Instant::now();
    let tasks: Vec<_> = (0..count)
        .map(|i| {
            let (client, url, email) = (app.client.clone(), app.url("/api/auth/sign-in"), email(i));
            tokio::spawn(async move {
                let res = client
                    .post(url)
                    .header("sec-fetch-site", "same-origin")
                    .form(&[("email", email.as_str()), ("password", "a wrong guess")])
                    .send()
                    .await
                    .unwrap();
                (res.status().as_u16(), start.elapsed())
            })
        })
        .collect();
    let mut out = vec![];
    for task in tasks {
        out.push(task.await.unwrap());
    }
    out
}

fn count(db_rows: &[(u16, Duration)], status: u16) -> usize {
    db_rows.iter().filter(|(s, _)| *s == status).count()
}

on_both_backends!(
    concurrent_guesses_get_no_more_checks_than_patient_ones,
    |t| {
        let unit = Duration::from_secs(1);
        let app = app_with_unit(&t, unit).await;
        let answers = burst(&app, 200, |_| CHAIR.to_string()).await;
        let (checked, refused) = (count(&answers, 422), count(&answers, 429));
        assert_eq!(checked + refused, 200, "only 422 or 429: {answers:?}");
        let at_once = answers
            .iter()
            .filter(|(s, took)| *s == 422 && *took < unit)
            .count();
        assert!(
            at_once <= throttle::FREE_PER_PAIR as usize,
            "{at_once} guesses checked without waiting for a turn"
        );
        // Five at once, then turns 1, 3 and 7 units later (the next is more than 10 units off while
        // the burst lasts less than 5 units; one more if it lasted up to 21).
        assert!(
            (throttle::FREE_PER_PAIR as usize..=9).contains(&checked),
            "{checked} of 200 concurrent guesses were checked"
        );
        let logged = scalar_i64(
            &t.db,
            &format!("SELECT COUNT(*) FROM sign_in_attempt WHERE email = '{CHAIR}'"),
        )
        .await;
        assert_eq!(
            logged as usize, checked,
            "every check is logged, nothing else"
        );
        assert!(app.hashing.peak() <= app.hashing.limit());

        // The account's owner, from somewhere else, signs in at once with the right password.
        let elsewhere = client_from(2);
        let started = Instant::now();
        let (status, body, cookie) = attempt(&elsewhere, &app, CHAIR, DEMO_PASSWORD).await;
        assert_eq!(status, 200, "{body}");
        assert!(cookie.is_some());
        assert!(
            started.elapsed() < unit,
            "not slowed: another address is another pair"
        );
    }
);

on_both_backends!(
    the_owner_gets_in_from_the_same_address_after_a_bounded_wait,
    |t| {
        let unit = Duration::from_millis(20);
        let app = app_with_unit(&t, unit).await;
        let mut answers = std::collections::BTreeMap::<&str, Vec<(u16, String)>>::new();
        for email in [CHAIR, GHOST] {
            for _ in 0..20 {
                let (status, body, _) = attempt(&app.client, &app, email, "a wrong guess").await;
                answers.entry(email).or_default().push((status, body));
            }
        }
        let statuses = |email| -> std::collections::BTreeSet<u16> {
            answers[email].iter().map(|(s, _)| *s).collect()
        };
        assert_eq!(statuses(CHAIR), [422, 429].into(), "{:?}", answers[CHAIR]);
        assert_eq!(statuses(GHOST), [422, 429].into(), "{:?}", answers[GHOST]);
        let bodies = |email| -> std::collections::BTreeSet<String> {
            answers[email].iter().map(|(_, b)| b.clone()).collect()
        };
        assert_eq!(
            bodies(CHAIR),
            bodies(GHOST),
            "nothing says whether an account exists"
        );

        // Still guessed at: the right password gets in within the longest gap and wait.
        let bound = unit * (throttle::MAX_GAP_UNITS + throttle::MAX_WAIT_UNITS);
        let started = Instant::now();
        let signed_in = loop {
            let (status, body, cookie) = attempt(&app.client, &app, CHAIR, DEMO_PASSWORD).await;
            match status {
                200 => break cookie,
                429 if started.elapsed() < bound + Duration::from_secs(5) => {
                    tokio::time::sleep(unit * 5).await
                }
                _ => panic!("{status} {body} after {:?}", started.elapsed()),
            }
        };
        assert!(signed_in.is_some());
        // A success clears the pair: the next mistake is checked at once.
        let (status, _, _) = attempt(&app.client, &app, CHAIR, "a typo").await;
        assert_eq!(status, 422);
    }
);

on_both_backends!(
    a_flood_of_made_up_accounts_does_not_lock_out_an_address,
    |t| {
        let unit = Duration::from_millis(10);
        let app = app_with_unit(&t, unit).await;
        let answers = burst(&app, 200, |i| format!("nobody{i}@example.org")).await;
        let (checked, busy) = (count(&answers, 422), count(&answers, 503));
        assert_eq!(checked + busy, 200, "checked or busy: {answers:?}");
        assert!(checked >= app.hashing.limit(), "{checked} checked");
        assert!(app.hashing.peak() <= app.hashing.limit());
        let failures = scalar_i64(
            &t.db,
            "SELECT COUNT(*) FROM sign_in_attempt WHERE NOT succeeded",
        )
        .await;
        assert!(
            failures >= throttle::FREE_PER_ADDRESS,
            "{failures}: enough to slow the address"
        );
        // The same address, the right password: slowed a little, never refused.
        let (status, body, cookie) = attempt(&app.client, &app, ADMIN, DEMO_PASSWORD).await;
        assert_eq!(status, 200, "{body}");
        assert!(cookie.is_some());
    }
);

on_both_backends!(signing_in_failing_and_signing_out_are_audited, |t| {
    let app = app_with_unit(&t, Duration::from_millis(1)).await;
    let (status, _, _) = attempt(&app.client, &app, CHAIR, "secret guess 1").await;
    assert_eq!(status, 422);
    let (status, _, _) = attempt(&app.client, &app, GHOST, "secret guess 2").await;
    assert_eq!(status, 422);
    let cookie = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    let res = app.post_as("/api/auth/sign-out", Some(&cookie), &[]).await;
    assert_eq!(res.status(), 200);

    let chair = scalar_i64(
        &t.db,
        &format!("SELECT id FROM user_account WHERE email = '{CHAIR}'"),
    )
    .await;
    let chair_id = chair.to_string();
    let entries = rows_text(
        &t.db,
        "SELECT action || '|' || entity_id || '|' || COALESCE(CAST(actor_user_id AS TEXT), '-') || '|' || summary || '|' || COALESCE(after_value, '')
         FROM audit_event WHERE action IN ('sign_in', 'sign_in_failed', 'sign_out') ORDER BY id",
    )
    .await;
    assert_eq!(entries.len(), 3, "{entries:?}");
    let expect = [
        (
            "sign_in_failed",
            "-",
            "Failed sign-in to Ruth Adeyemi's account from 127.0.0.1",
        ),
        (
            "sign_in",
            chair_id.as_str(),
            "Ruth Adeyemi signed in from 127.0.0.1",
        ),
        ("sign_out", chair_id.as_str(), "Ruth Adeyemi signed out"),
    ];
    for (entry, (action, actor, summary)) in entries.iter().zip(expect) {
        let parts: Vec<&str> = entry.splitn(5, '|').collect();
        assert_eq!(parts[0], action, "{entry}");
        assert_eq!(parts[1], chair_id, "{entry}");
        assert_eq!(parts[2], actor, "{entry}");
        assert!(parts[3].starts_with(summary), "{entry}");
        assert!(
            parts[4].contains("127.0.0.1"),
            "the address is noted: {entry}"
        );
    }
    let all = rows_text(
        &t.db,
        "SELECT summary || COALESCE(after_value, '') FROM audit_event",
    )
    .await;
    assert!(
        all.iter()
            .all(|e| !e.contains("secret guess") && !e.contains("ghost")),
        "no password, and nothing about accounts that do not exist"
    );
    // The trail shows them to administrators.
    let admin = app.sign_in(ADMIN, DEMO_PASSWORD).await.unwrap();
    let page = app
        .get_as("/audit", Some(&admin))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Failed sign-in") && page.contains("Signed out"));
});
