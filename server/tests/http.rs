//! HTTP-level tests: the real application on a random port, on both backends.

mod common;

use common::TestApp;
use server::demo;

on_both_backends!(
    first_page_lists_the_partnerships_rendered_on_the_server,
    |t| {
        demo::load(&t.db, common::today()).await.unwrap();
        let app = TestApp::spawn(t.db.clone()).await;
        let res = app.get("/").await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        assert_eq!(res.headers()["x-frame-options"], "DENY");
        let html = res.text().await.unwrap();
        for district in [
            "Basingstoke and Deane",
            "Gosport",
            "Havant",
            "Winchester",
            "Test Valley",
        ] {
            assert!(
                html.contains(&format!("{district} Children&#x27;s Partnership"))
                    || html.contains(&format!("{district} Children's Partnership")),
                "{district}"
            );
        }
        assert_eq!(html.matches("data-slug=").count(), 11, "eleven rows");
        assert!(
            html.contains("generated for demonstration"),
            "says it is demo data"
        );
        assert!(
            html.contains("Mid-year review submitted"),
            "the cycle stage of 23 November"
        );
        assert!(
            html.contains("/pkg/trustboard.js"),
            "hydration scripts are linked"
        );
    }
);

on_both_backends!(overview_endpoint_returns_json, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let res = app.get("/api/partnerships/overview").await;
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["partnerships"].as_array().unwrap().len(), 11);
    assert_eq!(body["plan_year"], "2026/27");
    assert_eq!(body["is_demo"], true);
    assert_eq!(body["priorities"].as_array().unwrap().len(), 5);
    assert_eq!(body["partnerships"][0]["areas"][0][0], "E07000084");
});

on_both_backends!(before_set_up_the_overview_says_so, |t| {
    let app = TestApp::spawn(t.db.clone()).await;
    let res = app.get("/api/partnerships/overview").await;
    assert_eq!(res.status(), 503);
    let err: app::error::AppError = res.json().await.unwrap();
    assert_eq!(err, app::error::AppError::NotSetUp);
    let page = app.get("/").await.text().await.unwrap();
    assert!(
        page.contains("has not been set up yet"),
        "the page explains rather than failing"
    );
});

on_both_backends!(health_check_reports_the_database, |t| {
    let app = TestApp::spawn(t.db.clone()).await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["database"], "reachable");
    t.db.close().await;
    let res = app.get("/healthz").await;
    assert_eq!(
        res.status(),
        503,
        "a closed pool is reported as unavailable"
    );
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "unavailable");
});

on_both_backends!(unknown_pages_are_404_with_a_helpful_page, |t| {
    let app = TestApp::spawn(t.db.clone()).await;
    let res = app.get("/partnerships/nowhere").await;
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("Page not found"));
});

on_both_backends!(server_functions_refuse_the_wrong_method, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let res = app
        .client
        .post(app.url("/api/partnerships/overview"))
        .send()
        .await
        .unwrap();
    assert!(
        res.status().is_client_error(),
        "a GET endpoint does not accept POST: {}",
        res.status()
    );
});
