//! Several app servers on one database, as a county that outgrows one machine runs them behind
//! a load balancer: a session, an import's progress and the dashboard are the same whichever
//! server a request reaches. And behind a reverse proxy: the client's address comes from
//! `X-Forwarded-For` only when the request comes from a configured proxy.

mod common;
mod imports_support;

use app::api::dashboard::DashboardView;
use app::db::{Db, PoolSettings};
use common::{rows_text, scalar_i64, TestApp, DEMO_PASSWORD};
use imports_support::{new_indicator, upload_for, view_json};
use server::demo;
use std::time::Duration;

async fn dashboard(app: &TestApp, cookie: &str) -> DashboardView {
    let res = app
        .get_as(
            "/api/dashboard?view=indicators&indicator=NI+112",
            Some(cookie),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    res.json().await.expect("the dashboard as JSON")
}

/// Gosport's latest NI 112 figure, as the dashboard writes it.
fn gosport(d: &DashboardView) -> String {
    let row = d.rows.iter().find(|r| r.slug == "gosport");
    let cell = row.and_then(|r| r.cells.first());
    cell.and_then(|c| c.value.clone()).unwrap_or_default()
}

/// A file of `rows` figures for the Trust's districts, month after month.
fn big_file(districts: &[String], rows: usize) -> String {
    let mut text = String::from("area_code,period,value\n");
    let months = (1900..2100).flat_map(|y| (1..=12).map(move |m| format!("{y}-{m:02}")));
    for (i, (month, area)) in months
        .flat_map(|m| districts.iter().map(move |a| (m.clone(), a)))
        .take(rows)
        .enumerate()
    {
        text.push_str(&format!("{area},{month},{}\n", (i % 97) as f64 / 2.0));
    }
    text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_app_servers_share_one_postgresql() {
    let t = common::fresh_db(common::Backend::Postgres).await;
    demo::load(&t.db, common::today()).await.unwrap();
    // Each server has its own pool, as two machines would.
    let db_b = Db::connect(&t.url, &PoolSettings::default()).await.unwrap();
    let a = TestApp::spawn(t.db.clone()).await;
    let b = TestApp::spawn(db_b).await;

    // Signed in through A, the session works on B; signed out on B, it has ended on A.
    let admin = a
        .sign_in("admin@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let on_b = b.me(Some(&admin)).await.expect("the session works on B");
    assert_eq!(on_b.email, "admin@trustboard.example");
    let board = a
        .sign_in("board@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let res = b.post_as("/api/auth/sign-out", Some(&board), &[]).await;
    assert!(res.status().is_success() || res.status().is_redirection());
    assert!(a.me(Some(&board)).await.is_none(), "signed out everywhere");
    let board = b
        .sign_in("board@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();

    // An import started on A shows its progress on B. The test holds the figures' table so
    // that the import waits after counting its rows, whatever the machine's speed.
    let districts = rows_text(
        &t.db,
        "SELECT code FROM area WHERE kind = 'district' ORDER BY code",
    )
    .await;
    assert!(districts.len() >= 11, "{districts:?}");
    let indicator = new_indicator(&t.db, "TWO 1").await;
    let file = big_file(&districts, 6000);
    let id = upload_for(&a, &admin, "TWO 1", "many.csv", &file).await;
    let Db::Postgres(pool) = &t.db else {
        unreachable!()
    };
    let mut hold = pool.begin().await.unwrap();
    sqlx::query("LOCK TABLE measurement IN EXCLUSIVE MODE")
        .execute(&mut *hold)
        .await
        .unwrap();
    let res = a
        .post_as(
            "/api/admin/import/run",
            Some(&admin),
            &[("id", id.to_string()), ("mode", "all_or_nothing".into())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());
    let mut seen = None;
    for _ in 0..200 {
        let p = b
            .get_as(&format!("/api/admin/import/progress?id={id}"), Some(&admin))
            .await;
        assert_eq!(p.status().as_u16(), 200);
        let p: serde_json::Value = p.json().await.unwrap();
        assert_eq!(p["running"], true, "still running while held: {p}");
        if !p["progress"].is_null() {
            seen = Some(p["progress"].clone());
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let seen = seen.expect("B shows the progress of the import running on A");
    assert_eq!(seen[1], 6000, "rows in all: {seen}");
    assert_eq!(seen[0], 0, "none written yet: {seen}");
    // B's import page says the same.
    let view = view_json(&b, &admin, id).await;
    assert_eq!(view["status"], "running");
    assert_eq!(view["progress"][1], 6000);
    hold.commit().await.unwrap();
    let mut done = false;
    for _ in 0..400 {
        if view_json(&b, &admin, id).await["status"] == "done" {
            done = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(done, "B sees the import finish");
    assert_eq!(imports_support::held(&t.db, indicator).await, 6000);

    // A change made on A is on B's dashboard at once (B had it in memory already).
    let before = gosport(&dashboard(&b, &board).await);
    assert!(!before.is_empty() && !before.contains("77.7"), "{before}");
    let id = upload_for(
        &a,
        &admin,
        "NI 112",
        "gosport.csv",
        "area_code,area_name,period,value\nE07000088,Gosport,2035/36,77.7\n",
    )
    .await;
    let outcome = imports_support::run_to_end(&a, &admin, id, "all_or_nothing").await;
    assert_eq!(outcome["status"], "done", "{outcome}");
    let after = gosport(&dashboard(&b, &board).await);
    assert!(
        after.starts_with("77.7"),
        "B shows the figure imported on A: {after}"
    );
}

on_both_backends!(forwarded_addresses_count_only_from_trusted_proxies, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let behind = TestApp::spawn_with(t.db.clone(), |s| {
        s.trusted_proxies = server::net::AddressList::parse("127.0.0.1").unwrap();
    })
    .await;
    let open = TestApp::spawn(t.db.clone()).await;

    let sign_in = |app: &TestApp, from: &'static str, password: &'static str| {
        app.client
            .post(app.url("/api/auth/sign-in"))
            .header("sec-fetch-site", "same-origin")
            .header("x-forwarded-for", from)
            .form(&[
                ("email", "chair.gosport@trustboard.example"),
                ("password", password),
            ])
            .send()
    };
    let last_address = || async {
        rows_text(
            &t.db,
            "SELECT address FROM sign_in_attempt ORDER BY id DESC LIMIT 1",
        )
        .await
    };

    // Through the trusted proxy: the client it names is recorded and throttled.
    let res = sign_in(&behind, "198.51.100.9, 203.0.113.7", "wrong password")
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 422, "refused");
    assert_eq!(last_address().await, vec!["203.0.113.7"]);
    let res = sign_in(&behind, "203.0.113.8", DEMO_PASSWORD)
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(last_address().await, vec!["203.0.113.8"]);
    assert_eq!(
        scalar_i64(
            &t.db,
            "SELECT COUNT(*) FROM sign_in_throttle WHERE address = '203.0.113.7'"
        )
        .await,
        1,
        "the failure counts against the client, not the proxy"
    );

    // From anywhere else the header is ignored: the peer is the client.
    let res = sign_in(&open, "203.0.113.7", DEMO_PASSWORD).await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(last_address().await, vec!["127.0.0.1"]);
});
