//! The shape every form shares, over HTTP on both backends: a refused plain form post
//! (JavaScript off) comes back to its page with every character typed — kept on the server,
//! however long, while the browser holds only a small key — and read once; errors answer with
//! the status their kind gives them; a choice left unmade is a plain message, never a
//! technical one.

mod common;

use app::error::AppError;
use common::{flash_cookie, scalar_i64, snapshot, TestApp, DEMO_PASSWORD};
use server::demo;

const CHAIR: &str = "chair.gosport@trustboard.example";

/// A plain form post, as a browser sends one with JavaScript off.
async fn plain_post(
    app: &TestApp,
    path: &str,
    cookie: &str,
    form: &[(&str, String)],
) -> reqwest::Response {
    app.plain_post(path, cookie, form).await
}

/// Starts Gosport's 2027 plan as its chair; returns the chair's cookie and the plan's id.
async fn started(app: &TestApp, db: &app::db::Db) -> (String, i64) {
    let chair = app.sign_in(CHAIR, DEMO_PASSWORD).await.expect("sign in");
    let res = app
        .post_as(
            "/api/plans/start",
            Some(&chair),
            &[("slug", "gosport".into()), ("year", "2027".into())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());
    let plan = scalar_i64(
        db,
        "SELECT p.id FROM plan p JOIN partnership pt ON pt.id = p.partnership_id
         WHERE pt.slug = 'gosport' AND p.plan_year = 2027",
    )
    .await;
    (chair, plan)
}

/// A long text no cookie could carry: every line different, so nothing can be guessed back.
fn long_text(n: usize) -> String {
    let mut text = String::new();
    let mut i = 0;
    while text.chars().count() < n {
        text.push_str(&format!(
            "Line {i}: young people in ward {} asked for more. ",
            i * 7
        ));
        i += 1;
    }
    text.chars().take(n).collect()
}

on_both_backends!(
    a_refused_plain_post_brings_back_ten_thousand_characters,
    |t| {
        demo::load(&t.db, common::today()).await.unwrap();
        let app = TestApp::spawn(t.db.clone()).await;
        let (chair, plan) = started(&app, &t.db).await;
        let rev = scalar_i64(
            &t.db,
            &format!("SELECT revision FROM plan WHERE id = {plan}"),
        )
        .await;
        // A colleague saves first, so the chair's save (based on `rev`) is stale.
        let colleague = app
            .post_as(
                "/api/plans/about",
                Some(&chair),
                &[
                    ("plan_id", plan.to_string()),
                    ("revision", rev.to_string()),
                    ("form[needs_summary]", "The colleague's summary".into()),
                    ("form[young_people_said]", String::new()),
                ],
            )
            .await;
        assert_eq!(colleague.status().as_u16(), 200);
        let before = snapshot(&t.db).await;
        let typed = long_text(10_000);
        let res = plain_post(
            &app,
            "/api/plans/about",
            &chair,
            &[
                ("plan_id", plan.to_string()),
                ("revision", rev.to_string()),
                ("form[needs_summary]", typed.clone()),
                ("form[young_people_said]", "Somewhere safe to go".into()),
            ],
        )
        .await;
        assert_eq!(
            res.status().as_u16(),
            302,
            "JavaScript off: back to the form"
        );
        assert_eq!(
            res.headers()["location"],
            "/partnerships/gosport/plans/2027/about"
        );
        let key = flash_cookie(&res).expect("a flash key");
        assert!(
            key.len() < 80,
            "the cookie holds a key, not the text: {key}"
        );
        assert_eq!(snapshot(&t.db).await.len(), before.len());
        let saved: String = app::db::plans::load(&t.db, plan)
            .await
            .unwrap()
            .unwrap()
            .needs_summary;
        assert_eq!(saved, "The colleague's summary", "nothing overwritten");

        let page = app
            .get_as(
                "/partnerships/gosport/plans/2027/about",
                Some(&format!("{chair}; {key}")),
            )
            .await;
        assert_eq!(page.status().as_u16(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains(&typed), "every character typed comes back");
        assert!(html.contains("Somewhere safe to go"));
        assert!(
            html.contains("Someone else saved the plan"),
            "with the reason"
        );
        assert!(
            html.contains("Saved meanwhile: “The colleague"),
            "and what was saved meanwhile beside the field"
        );

        // Read once: the same key brings nothing back a second time.
        let again = app
            .get_as(
                "/partnerships/gosport/plans/2027/about",
                Some(&format!("{chair}; {key}")),
            )
            .await
            .text()
            .await
            .unwrap();
        assert!(!again.contains(&typed));
    }
);

on_both_backends!(text_over_the_limit_is_refused_and_kept, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let (chair, plan) = started(&app, &t.db).await;
    let rev = scalar_i64(
        &t.db,
        &format!("SELECT revision FROM plan WHERE id = {plan}"),
    )
    .await;
    let before = snapshot(&t.db).await;
    let typed = long_text(10_001);
    let form = [
        ("plan_id", plan.to_string()),
        ("revision", rev.to_string()),
        ("form[needs_summary]", typed.clone()),
        ("form[young_people_said]", String::new()),
    ];
    // With JavaScript: 422, the field named.
    let res = app.post_as("/api/plans/about", Some(&chair), &form).await;
    assert_eq!(res.status().as_u16(), 422);
    let err: AppError = res.json().await.unwrap();
    assert_eq!(err.field_errors()[0].field, "needs_summary");
    // Without: back to the page with the text and the message.
    let res = plain_post(&app, "/api/plans/about", &chair, &form).await;
    let key = flash_cookie(&res).expect("a flash key");
    let html = app
        .get_as(
            "/partnerships/gosport/plans/2027/about",
            Some(&format!("{chair}; {key}")),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(&typed));
    assert!(html.contains("Write 10,000 characters or fewer"));
    assert!(
        html.contains("href=\"#needs_summary\""),
        "the summary links to the field"
    );
    assert_eq!(snapshot(&t.db).await, before, "nothing changed");
});

on_both_backends!(a_decision_not_made_is_a_plain_message, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let (_, plan) = started(&app, &t.db).await;
    let board = app
        .sign_in("board@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let before = snapshot(&t.db).await;
    // No decision field at all, as a browser sends a radio group left unchosen.
    let res = app
        .post_as(
            "/api/plans/decide",
            Some(&board),
            &[("plan_id", plan.to_string()), ("revision", "1".into())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let err: AppError = res.json().await.unwrap();
    assert_eq!(err.field_errors()[0].field, "decision");
    assert_eq!(
        err.field_errors()[0].message,
        "Choose whether to approve the plan or return it"
    );
    // Arguments that cannot be read at all: a plain message, the detail only in the log.
    let res = app
        .post_as(
            "/api/plans/decide",
            Some(&board),
            &[("plan_id", "not a number".into())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let body = res.text().await.unwrap();
    assert!(!body.to_lowercase().contains("serde"), "{body}");
    assert!(!body.contains("invalid digit"), "{body}");
    assert_eq!(snapshot(&t.db).await, before);
});

on_both_backends!(
    a_stale_action_save_names_supporting_partners_and_commissioning,
    |t| {
        demo::load(&t.db, common::today()).await.unwrap();
        let app = TestApp::spawn(t.db.clone()).await;
        let (chair, plan) = started(&app, &t.db).await;
        let priority = scalar_i64(
            &t.db,
            &format!("SELECT MIN(id) FROM plan_priority WHERE plan_id = {plan}"),
        )
        .await;
        let partners = common::rows_text(
            &t.db,
            "SELECT CAST(po.organisation_id AS TEXT) FROM partnership_organisation po
         JOIN partnership p ON p.id = po.partnership_id WHERE p.slug = 'gosport'
         ORDER BY po.organisation_id",
        )
        .await;
        assert!(partners.len() >= 2, "Gosport has partners");
        let form = |revision: &str, action: &str, supporting: &str, commissioning: &str| {
            vec![
                ("plan_id", plan.to_string()),
                ("priority_id", priority.to_string()),
                ("action_id", action.to_string()),
                ("revision", revision.to_string()),
                ("form[description]", "Youth club evenings".to_string()),
                ("form[lead]", partners[0].clone()),
                (
                    Box::leak(format!("form[supporting][{supporting}]").into_boxed_str()) as &str,
                    "on".to_string(),
                ),
                ("form[commissioning]", commissioning.to_string()),
            ]
        };
        let saved: app::api::plans::SavedItem = app
            .post_as(
                "/api/plans/action/save",
                Some(&chair),
                &form("0", "0", &partners[1], "neither"),
            )
            .await
            .json()
            .await
            .unwrap();
        let id = saved.id.to_string();
        // A colleague changes only the commissioning; this person (on revision 1) only the
        // supporting partner. Both differences are named.
        let res = app
            .post_as(
                "/api/plans/action/save",
                Some(&chair),
                &form("1", &id, &partners[1], "commissions"),
            )
            .await;
        assert_eq!(res.status().as_u16(), 200);
        let res = app
            .post_as(
                "/api/plans/action/save",
                Some(&chair),
                &form("1", &id, &partners[0], "neither"),
            )
            .await;
        assert_eq!(res.status().as_u16(), 409);
        let err: AppError = res.json().await.unwrap();
        let fields: Vec<&str> = err
            .field_errors()
            .iter()
            .map(|f| f.field.as_str())
            .collect();
        assert!(fields.contains(&"supporting"), "{fields:?}");
        assert!(fields.contains(&"commissioning"), "{fields:?}");
    }
);

on_both_backends!(edits_and_removals_are_audited_with_before_and_after, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let (chair, plan) = started(&app, &t.db).await;
    let priority = scalar_i64(
        &t.db,
        &format!("SELECT MIN(id) FROM plan_priority WHERE plan_id = {plan}"),
    )
    .await;
    let post = |action: String, revision: &str, resources: &str| {
        vec![
            ("plan_id", plan.to_string()),
            ("priority_id", priority.to_string()),
            ("action_id", action),
            ("revision", revision.to_string()),
            ("form[description]", "Youth club evenings".to_string()),
            ("form[resources]", resources.to_string()),
        ]
    };
    let saved: app::api::plans::SavedItem = app
        .post_as(
            "/api/plans/action/save",
            Some(&chair),
            &post("0".into(), "0", "Two youth workers"),
        )
        .await
        .json()
        .await
        .unwrap();
    let changed = app
        .post_as(
            "/api/plans/action/save",
            Some(&chair),
            &post(saved.id.to_string(), "1", "Three youth workers"),
        )
        .await;
    assert_eq!(changed.status().as_u16(), 200);
    let removed = app
        .post_as(
            "/api/plans/action/remove",
            Some(&chair),
            &[
                ("plan_id", plan.to_string()),
                ("priority_id", priority.to_string()),
                ("action_id", saved.id.to_string()),
                ("confirm", "yes".to_string()),
            ],
        )
        .await;
    assert_eq!(removed.status().as_u16(), 200);
    let rows = common::rows_text(
        &t.db,
        &format!(
            "SELECT action || '|' || COALESCE(CAST(before_value AS TEXT), '') || '|' ||
                    COALESCE(CAST(after_value AS TEXT), '')
             FROM audit_event WHERE entity_type = 'plan_action' AND entity_id = '{}' ORDER BY id",
            saved.id
        ),
    )
    .await;
    assert_eq!(rows.len(), 3, "{rows:?}");
    let parts: Vec<Vec<&str>> = rows.iter().map(|r| r.splitn(3, '|').collect()).collect();
    assert_eq!(parts[0][0], "create");
    assert!(parts[0][1].is_empty() && parts[0][2].contains("Two youth workers"));
    assert_eq!(parts[1][0], "update");
    assert!(
        parts[1][1].contains("Two youth workers"),
        "before: {}",
        parts[1][1]
    );
    assert!(
        parts[1][2].contains("Three youth workers"),
        "after: {}",
        parts[1][2]
    );
    assert_eq!(parts[2][0], "delete");
    assert!(
        parts[2][1].contains("Three youth workers"),
        "what was removed: {}",
        parts[2][1]
    );
    assert!(parts[2][2].is_empty());
});

on_both_backends!(refused_and_unknown_pages_answer_with_their_status, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let (chair, _) = started(&app, &t.db).await;
    let status = |path: &'static str| {
        let app = &app;
        let chair = chair.clone();
        async move { app.get_as(path, Some(&chair)).await.status().as_u16() }
    };
    assert_eq!(status("/partnerships/havant/history").await, 403);
    assert_eq!(
        status("/partnerships/gosport/plans/2027/actions/99999").await,
        404
    );
    assert_eq!(
        status("/partnerships/gosport/plans/2027/measures/99999").await,
        404
    );
    assert_eq!(status("/partnerships/gosport/plans/2027").await, 200);
    assert_eq!(app.get("/admin/people").await.status().as_u16(), 401);
});
