//! The data side over HTTP, on both backends: the comparison dashboard and its filters, the
//! detail (chart and table), the spine chart, the exceptions and their downloads; the
//! indicator catalogue; and importing the real shared files through the upload, the preview,
//! the check and the background import.

mod common;

use app::api::dashboard::{DashboardView, Detail, Exceptions, SpineView};
use app::api::imports::ImportView;
use app::domain::rag::Rag;
use app::error::AppError;
use common::{scalar_i64, snapshot, TestApp, DEMO_PASSWORD};
use server::demo;

async fn get<T: serde::de::DeserializeOwned>(app: &TestApp, path: &str, cookie: &str) -> T {
    let res = app.get_as(path, Some(cookie)).await;
    let status = res.status().as_u16();
    let body = res.text().await.unwrap();
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"))
}

fn shared(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/indicators")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

on_both_backends!(the_board_compares_partnerships, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let board = app
        .sign_in("board@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();

    let d: DashboardView = get(&app, "/api/dashboard", &board).await;
    assert_eq!(d.rows.len(), 11);
    assert_eq!(d.columns.len(), 5, "the Board's five priorities");
    let rated = d
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|c| c.rag != Rag::Grey)
        .count();
    assert!(rated > 20, "most cells are rated against England: {rated}");
    assert!(d
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .all(|c| c.value.is_some()));

    // The dashboard's inputs are kept in memory only while the data stands still: a changed
    // figure shows at once (the data version moves with it, whoever changed it).
    let gosport_ni112 = |d: &DashboardView| {
        let col = d.columns.iter().position(|c| c.code == "NI 112").unwrap();
        d.rows.iter().find(|r| r.slug == "gosport").unwrap().cells[col]
            .value
            .clone()
    };
    let before = gosport_ni112(&d);
    common::exec(
        &t.db,
        "UPDATE measurement SET value = value * 3 WHERE indicator_id = (SELECT id FROM indicator WHERE code = 'NI 112')
           AND area_id = (SELECT id FROM area WHERE code = 'E07000088')",
    )
    .await
    .unwrap();
    let again: DashboardView = get(&app, "/api/dashboard", &board).await;
    assert_ne!(
        gosport_ni112(&again),
        before,
        "a changed figure shows at once"
    );

    // Filters: one priority, one district; every indicator; most red first.
    let first = d.priorities[0].value.replace(' ', "+");
    let one: DashboardView = get(&app, &format!("/api/dashboard?priority={first}"), &board).await;
    assert_eq!(one.columns.len(), 1);
    assert_eq!(
        one.columns[0].priority.as_deref(),
        Some(d.priorities[0].value.as_str())
    );
    let gosport: DashboardView = get(&app, "/api/dashboard?district=E07000088", &board).await;
    assert_eq!(gosport.rows.len(), 1);
    assert_eq!(gosport.rows[0].slug, "gosport");
    let all: DashboardView = get(&app, "/api/dashboard?view=indicators&sort=reds", &board).await;
    assert_eq!(all.columns.len(), 36);
    assert!(
        all.rows.windows(2).all(|w| w[0].reds >= w[1].reds),
        "sorted by reds"
    );

    // A cell's detail: three lines, the target when the plan sets one, and the table.
    let detail: Detail = get(
        &app,
        "/api/dashboard/detail?partnership=gosport&indicator=NI+112",
        &board,
    )
    .await;
    assert_eq!(detail.series.len(), 3);
    assert_eq!(detail.rows.len(), 10, "ten years of figures");
    assert!(detail
        .rows
        .iter()
        .all(|r| r.england.is_some() && r.county.is_some()));
    let html = app
        .get_as(
            "/dashboard/detail?partnership=gosport&indicator=NI+112",
            Some(&board),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("<svg") && html.contains("data-testid=\"detail-table\""));
    assert!(html.contains("<title"), "the chart has a text alternative");

    // The spine chart: every indicator, with the districts' range.
    let spine: SpineView = get(&app, "/api/dashboard/spine?partnership=gosport", &board).await;
    assert_eq!(spine.lines.len(), 36);
    assert!(spine.lines.iter().all(|l| l.spine.is_some()));

    // Exceptions, and their downloads.
    let ex: Exceptions = get(&app, "/api/dashboard/exceptions", &board).await;
    assert!(!ex.lines.is_empty());
    let csv = app
        .get_as(
            &format!("/dashboard/exceptions/export.csv?year={}", ex.year),
            Some(&board),
        )
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        csv.trim_start_matches('\u{feff}').lines().count(),
        ex.lines.len() + 1
    );
    let bytes = app
        .get_as(
            &format!("/dashboard/exceptions/export.xlsx?year={}", ex.year),
            Some(&board),
        )
        .await
        .bytes()
        .await
        .unwrap();
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = book
        .worksheet_range(&format!("Exceptions {}", ex.year))
        .unwrap();
    assert_eq!(sheet.height(), ex.lines.len() + 1);
    assert_eq!(
        app.get_as("/dashboard/exceptions/export.csv", None)
            .await
            .status()
            .as_u16(),
        401
    );
});

on_both_backends!(administrators_keep_the_catalogue, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let admin = app
        .sign_in("admin@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let id = scalar_i64(&t.db, "SELECT id FROM indicator WHERE code = 'NI 112'").await;
    let form = |tolerance: &str, title: &str| {
        vec![
            ("id", id.to_string()),
            ("code", "NI 112".into()),
            ("title", title.to_string()),
            ("unit", "rate_per_1000".into()),
            ("polarity", "lower_is_better".into()),
            ("source", "Office for National Statistics".into()),
            ("frequency", "annual".into()),
            ("geography_level", "district".into()),
            ("notes", "Girls aged 15 to 17".into()),
            ("rag_tolerance", tolerance.to_string()),
            ("small_number_threshold", "5".into()),
            ("trend_threshold", "0.2".into()),
        ]
    };
    let before = snapshot(&t.db).await;
    let res = app
        .post_as("/api/admin/indicators/save", Some(&admin), &form("-1", " "))
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let e: AppError = res.json().await.unwrap();
    let fields: Vec<&str> = e.field_errors().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["title", "rag-tolerance"]);
    assert_eq!(snapshot(&t.db).await, before, "bad input changed nothing");
    let res = app
        .post_as(
            "/api/admin/indicators/save",
            Some(&admin),
            &form("2.5", "Under-18 conception rate"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let tolerance: f64 = match &t.db {
        app::db::Db::Sqlite(p) => {
            sqlx::query_scalar("SELECT rag_tolerance FROM indicator WHERE code = 'NI 112'")
                .fetch_one(p)
                .await
                .unwrap()
        }
        app::db::Db::Postgres(p) => {
            sqlx::query_scalar("SELECT rag_tolerance FROM indicator WHERE code = 'NI 112'")
                .fetch_one(p)
                .await
                .unwrap()
        }
    };
    assert_eq!(tolerance, 2.5);
    assert_eq!(
        scalar_i64(&t.db, &format!("SELECT COUNT(*) FROM audit_event WHERE entity_type = 'indicator' AND entity_id = '{id}' AND before_value LIKE '%rag_tolerance%'")).await,
        1,
        "audited with before and after"
    );
    // A code already taken.
    let mut taken = form("1", "Another");
    taken[0].1 = "0".into();
    let res = app
        .post_as("/api/admin/indicators/save", Some(&admin), &taken)
        .await;
    assert_eq!(res.status().as_u16(), 422);
});

/// Uploads a file as the page's form does, returning the import's id from the redirect.
async fn upload(
    app: &TestApp,
    cookie: &str,
    indicator: &str,
    name: &str,
    text: String,
) -> Result<i64, u16> {
    let form = reqwest::multipart::Form::new()
        .text("indicator", indicator.to_string())
        .part(
            "file",
            reqwest::multipart::Part::text(text).file_name(name.to_string()),
        );
    let res = app
        .client
        .post(app.url("/admin/imports/upload"))
        .header("sec-fetch-site", "same-origin")
        .header("cookie", cookie)
        .multipart(form)
        .send()
        .await
        .unwrap();
    match res.status().as_u16() {
        303 => {
            let to = res.headers()["location"].to_str().unwrap().to_string();
            to.rsplit('/')
                .next()
                .and_then(|id| id.parse().ok())
                .ok_or(0)
        }
        other => Err(other),
    }
}

async fn run_to_end(app: &TestApp, cookie: &str, id: i64, mode: &str) -> ImportView {
    let res = app
        .post_as(
            "/api/admin/import/run",
            Some(cookie),
            &[("id", id.to_string()), ("mode", mode.to_string())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());
    for _ in 0..200 {
        let view: ImportView = get(app, &format!("/api/admin/import?id={id}"), cookie).await;
        if view.status == "done" || view.status == "failed" {
            return view;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the import did not finish");
}

on_both_backends!(imports_through_the_pages, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let admin = app
        .sign_in("admin@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let text = shared("low_income_families.csv");

    // Only administrators may upload.
    let member = app
        .sign_in("member.havant@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    assert_eq!(
        upload(&app, &member, "NI 116", "lif.csv", text.clone()).await,
        Err(403)
    );
    // Bad uploads go back to the form with a message; nothing is kept.
    let before = snapshot(&t.db).await;
    let form = reqwest::multipart::Form::new()
        .text("indicator", "NOPE")
        .part(
            "file",
            reqwest::multipart::Part::text(text.clone()).file_name("lif.csv"),
        );
    let res = app
        .client
        .post(app.url("/admin/imports/upload"))
        .header("sec-fetch-site", "same-origin")
        .header("cookie", &admin)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(
        res.headers()["location"],
        "/admin/imports",
        "sent back to the form"
    );
    assert!(
        res.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("tb_flash="),
        "with the error"
    );
    assert_eq!(snapshot(&t.db).await, before, "nothing kept");

    // The preview recognises the columns; the check finds every row good.
    let id = upload(
        &app,
        &admin,
        "NI 116",
        "low_income_families.csv",
        text.clone(),
    )
    .await
    .unwrap();
    let view: ImportView = get(&app, &format!("/api/admin/import?id={id}"), &admin).await;
    assert_eq!(view.status, "uploaded");
    assert!(view.mapping.is_some(), "{:?}", view.mapping_problem);
    assert!(
        view.bad.is_empty(),
        "{:?}",
        &view.bad[..view.bad.len().min(3)]
    );
    assert!(view.rows > 1000, "every English district: {}", view.rows);
    assert_eq!(view.preview.len(), 8);
    let held = |db: app::db::Db| async move {
        scalar_i64(&db, "SELECT COUNT(*) FROM measurement m JOIN indicator i ON i.id = m.indicator_id WHERE i.code = 'NI 116'").await
    };
    let before_count = held(t.db.clone()).await;
    let done = run_to_end(&app, &admin, id, "all_or_nothing").await;
    let o = done.outcome.unwrap();
    assert!(o.imported);
    assert_eq!(o.comparator_rows, 11, "England kept as a comparator");
    assert_eq!(
        o.added + o.changed + o.unchanged,
        121 + 11,
        "Hampshire's districts and England"
    );
    assert!(held(t.db.clone()).await >= before_count);
    // It runs once only.
    let res = app
        .post_as(
            "/api/admin/import/run",
            Some(&admin),
            &[("id", id.to_string()), ("mode", "all_or_nothing".into())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 409);

    // The same file again changes nothing.
    let again = upload(&app, &admin, "NI 116", "again.csv", text.clone())
        .await
        .unwrap();
    let o = run_to_end(&app, &admin, again, "all_or_nothing")
        .await
        .outcome
        .unwrap();
    assert_eq!((o.added, o.changed, o.imported), (0, 0, false));
    assert_eq!(o.unchanged, 132);

    // One broken row: named by line and reason, and nothing is imported unless asked for the
    // valid rows only.
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let hampshire = lines.iter().position(|l| l.contains("E07000088")).unwrap();
    lines[hampshire] = lines[hampshire].replacen("E07000088", "NOT-A-CODE", 1);
    let broken = lines.join("\n");
    let bad = upload(&app, &admin, "NI 116", "broken.csv", broken.clone())
        .await
        .unwrap();
    let view: ImportView = get(&app, &format!("/api/admin/import?id={bad}"), &admin).await;
    assert_eq!(view.bad.len(), 1);
    assert_eq!(view.bad[0].line, hampshire + 1);
    let snap = snapshot(&t.db).await;
    let o = run_to_end(&app, &admin, bad, "all_or_nothing")
        .await
        .outcome
        .unwrap();
    assert!(!o.imported);
    assert_eq!(o.bad, 1);
    let after = snapshot(&t.db).await;
    let strip = |s: Vec<String>| {
        s.into_iter()
            .filter(|l| {
                !l.starts_with('(')
                    || !l.contains("running") && !l.contains("done") && !l.contains("uploaded")
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        strip(after),
        strip(snap),
        "nothing imported from a file with a broken row"
    );
    // Valid rows only: the rest go in, and the report says how many were bad.
    let valid = upload(&app, &admin, "NI 116", "broken.csv", broken)
        .await
        .unwrap();
    let o = run_to_end(&app, &admin, valid, "valid_rows_only")
        .await
        .outcome
        .unwrap();
    assert_eq!(o.bad, 1);
});
