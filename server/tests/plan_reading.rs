//! What people who may read a plan but not change it see, and a measure's due date against the
//! plan year — over HTTP, on both backends.

mod common;

use app::error::AppError;
use common::{scalar_i64, snapshot, TestApp, DEMO_PASSWORD};
use server::demo;

async fn page(app: &TestApp, path: &str, cookie: &str) -> String {
    let res = app.get_as(path, Some(cookie)).await;
    assert_eq!(res.status().as_u16(), 200, "{path}");
    res.text().await.unwrap()
}

/// The text inside the element marked `data-testid=id`, up to its closing `tag`.
fn inside(html: &str, id: &str, tag: &str) -> String {
    html.split(&format!("data-testid=\"{id}\""))
        .nth(1)
        .and_then(|s| s.split(&format!("</{tag}>")).next())
        .unwrap_or_else(|| panic!("no {id} in the page"))
        .to_string()
}

on_both_backends!(people_who_may_only_read_see_an_action_and_a_measure, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    // Gosport's approved 2025/26 plan, read by a viewer and by the chair after approval.
    let action = scalar_i64(
        &t.db,
        "SELECT MIN(a.id) FROM plan_action a JOIN plan_priority pp ON pp.id = a.priority_id
         JOIN plan p ON p.id = pp.plan_id JOIN partnership pt ON pt.id = p.partnership_id
         WHERE pt.slug = 'gosport' AND p.plan_year = 2025",
    )
    .await;
    let measure = scalar_i64(
        &t.db,
        "SELECT MIN(m.id) FROM plan_measure m JOIN plan_priority pp ON pp.id = m.priority_id
         JOIN plan p ON p.id = pp.plan_id JOIN partnership pt ON pt.id = p.partnership_id
         WHERE pt.slug = 'gosport' AND p.plan_year = 2025 AND m.target IS NOT NULL",
    )
    .await;
    let description = common::rows_text(
        &t.db,
        &format!("SELECT description FROM plan_action WHERE id = {action}"),
    )
    .await
    .remove(0);
    let code = common::rows_text(
        &t.db,
        &format!(
            "SELECT i.code FROM plan_measure m JOIN indicator i ON i.id = m.indicator_id WHERE m.id = {measure}"
        ),
    )
    .await
    .remove(0);
    for email in [
        "viewer@trustboard.example",
        "chair.gosport@trustboard.example",
    ] {
        let cookie = app.sign_in(email, DEMO_PASSWORD).await.unwrap();
        let html = page(
            &app,
            &format!("/partnerships/gosport/plans/2025/actions/{action}"),
            &cookie,
        )
        .await;
        let details = inside(&html, "action-details", "dl");
        assert!(
            details.contains(&description.replace('\'', "&#x27;"))
                || details.contains(&description),
            "{email}: the action's description"
        );
        for key in ["Lead partner", "Due"] {
            assert!(details.contains(key), "{email}: {key} in {details}");
        }
        assert!(
            !html.contains("data-testid=\"action-form\""),
            "{email}: no form"
        );

        let html = page(
            &app,
            &format!("/partnerships/gosport/plans/2025/measures/{measure}"),
            &cookie,
        )
        .await;
        let details = inside(&html, "measure-details", "dl");
        assert!(details.contains(&code), "{email}: the indicator");
        let target = details
            .split("Target</dt>")
            .nth(1)
            .and_then(|s| s.split("</dd>").next())
            .unwrap_or_default();
        assert!(
            target.chars().any(|c| c.is_ascii_digit()),
            "{email}: the target is shown: {target}"
        );
    }
});

on_both_backends!(a_measure_due_before_its_plan_year_is_refused, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let chair = app
        .sign_in("chair.gosport@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let res = app
        .post_as(
            "/api/plans/start",
            Some(&chair),
            &[("slug", "gosport".into()), ("year", "2027".into())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let (plan, priority) = {
        let p = scalar_i64(
            &t.db,
            "SELECT p.id FROM plan p JOIN partnership pt ON pt.id = p.partnership_id
             WHERE pt.slug = 'gosport' AND p.plan_year = 2027",
        )
        .await;
        let q = scalar_i64(
            &t.db,
            &format!("SELECT MIN(id) FROM plan_priority WHERE plan_id = {p}"),
        )
        .await;
        (p, q)
    };
    let before = snapshot(&t.db).await;
    let res = app
        .post_as(
            "/api/plans/measure/save",
            Some(&chair),
            &[
                ("plan_id", plan.to_string()),
                ("priority_id", priority.to_string()),
                ("measure_id", "0".into()),
                ("revision", "0".into()),
                ("form[indicator]", "NI 112".into()),
                ("form[baseline]", "20".into()),
                ("form[baseline_period]", "2025/26".into()),
                ("form[target]", "18.5".into()),
                ("form[due]", "1/1/2027".into()),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let e: AppError = res.json().await.unwrap();
    let errors = e.field_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, "due");
    assert!(
        errors[0]
            .message
            .contains("during or after the 2027/28 plan year"),
        "{}",
        errors[0].message
    );
    assert_eq!(snapshot(&t.db).await, before, "nothing was written");
});
