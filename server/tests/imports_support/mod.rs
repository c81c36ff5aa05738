//! What the import tests share: the real published files (read from ../shared, never copied),
//! a test indicator, the count of figures held, and the upload and check page as a browser
//! uses them.
#![allow(dead_code)]

use crate::common::{scalar_i64, TestApp};
use app::db::catalogue::{self, NewIndicator};
use app::domain::{Frequency, GeographyLevel, IndicatorCode, Polarity, Unit};

/// A published indicator file beside the repository.
pub fn shared(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/indicators")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the shared data must sit beside the repository)",
            path.display()
        )
    })
}

/// Adds a percentage indicator with the code `code`; its id.
pub async fn new_indicator(db: &app::db::Db, code: &str) -> i64 {
    let mut tx = db.begin().await.unwrap();
    let id = catalogue::insert_indicator(
        &mut tx,
        &NewIndicator {
            code: IndicatorCode::parse(code).unwrap(),
            title: code.into(),
            unit: Unit::Percentage,
            polarity: Polarity::LowerIsBetter,
            source: "test".into(),
            frequency: Frequency::Annual,
            geography_level: GeographyLevel::District,
            notes: String::new(),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

/// How many figures are held for the indicator.
pub async fn held(db: &app::db::Db, indicator: i64) -> i64 {
    scalar_i64(
        db,
        &format!("SELECT COUNT(*) FROM measurement WHERE indicator_id = {indicator}"),
    )
    .await
}

/// Uploads a file for the indicator `code` as the page's form does; the import's id from the
/// redirect.
pub async fn upload_for(app: &TestApp, cookie: &str, code: &str, name: &str, text: &str) -> i64 {
    let form = reqwest::multipart::Form::new()
        .text("indicator", code.to_string())
        .part(
            "file",
            reqwest::multipart::Part::text(text.to_string()).file_name(name.to_string()),
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
    assert_eq!(res.status().as_u16(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    to.rsplit('/').next().unwrap().parse().unwrap_or_else(|_| {
        panic!("the upload was refused: sent to {to}");
    })
}

/// The check page's data, as JSON.
pub async fn view_json(app: &TestApp, cookie: &str, id: i64) -> serde_json::Value {
    let res = app
        .get_as(&format!("/api/admin/import?id={id}"), Some(cookie))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    res.json().await.unwrap()
}

/// Runs an import from its page and waits for it to end: its status.
pub async fn run_to_end(app: &TestApp, cookie: &str, id: i64, mode: &str) -> serde_json::Value {
    let res = app
        .post_as(
            "/api/admin/import/run",
            Some(cookie),
            &[("id", id.to_string()), ("mode", mode.into())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());
    for _ in 0..400 {
        let view = view_json(app, cookie, id).await;
        if view["status"] != "running" {
            return view;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the import did not finish");
}
