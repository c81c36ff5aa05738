//! The self-assessment's rules over HTTP on both backends: the review rates last year's
//! measures exactly as the dashboard rates the same figures; standards are set by
//! administrators, start from last year's, and freeze once anyone submits; bad input is named
//! and changes nothing, and a refused post with JavaScript off comes back with every character.

mod common;

use app::api::assessments::{AssessmentPage, StandardsView};
use app::api::dashboard::Detail;
use app::domain::dashboard::Basis;
use common::{exec, scalar_i64, snapshot, TestApp, DEMO_PASSWORD};
use server::demo;

const BOARD: &str = "board@trustboard.example";
const ADMIN: &str = "admin@trustboard.example";
const CHAIR: &str = "chair.gosport@trustboard.example";

async fn json<T: serde::de::DeserializeOwned>(app: &TestApp, path: &str, cookie: &str) -> T {
    let res = app.get_as(path, Some(cookie)).await;
    let status = res.status().as_u16();
    let body = res.text().await.unwrap();
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"))
}

on_both_backends!(the_review_rates_measures_as_the_dashboard_does, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let board = app.sign_in(BOARD, DEMO_PASSWORD).await.unwrap();
    let mut compared = 0;
    for slug in [
        "basingstoke-and-deane",
        "east-hampshire",
        "rushmoor",
        "test-valley",
        "winchester",
        "eastleigh",
        "hart",
        "havant",
    ] {
        let p: AssessmentPage = json(
            &app,
            &format!("/api/assessments/page?slug={slug}&year=2026"),
            &board,
        )
        .await;
        let review = p
            .review
            .expect("the demo's partnerships all had an approved plan last year");
        assert_eq!(review.plan_year.first_year(), 2025);
        for m in review.measures.iter().filter(|m| m.basis == Basis::Target) {
            let code = m.indicator.split(' ').take(2).collect::<Vec<_>>().join("+");
            let d: Detail = json(
                &app,
                &format!("/api/dashboard/detail?partnership={slug}&indicator={code}"),
                &board,
            )
            .await;
            let Some(row) = d.rows.iter().find(|r| Some(&r.period) == m.period.as_ref()) else {
                continue;
            };
            // The same figure rated against the same target: the same rating.
            let same_target = row
                .target
                .as_deref()
                .is_some_and(|t| t.starts_with(&m.target) && t.contains(&m.due));
            if row.basis == Basis::Target && same_target {
                assert_eq!(
                    row.rag, m.rag,
                    "{slug} {}: review {:?}, dashboard {:?}",
                    m.indicator, m.rag, row.rag
                );
                assert_eq!(row.value, m.latest);
                compared += 1;
            }
        }
    }
    assert!(compared >= 5, "enough measures were compared: {compared}");
});

on_both_backends!(
    standards_start_from_last_year_and_freeze_once_submitted,
    |t| {
        demo::load(&t.db, common::today()).await.unwrap();
        let app = TestApp::spawn(t.db.clone()).await;
        let admin = app.sign_in(ADMIN, DEMO_PASSWORD).await.unwrap();
        // 2026's standards are frozen: the demo has submitted self-assessments.
        let v: StandardsView = json(&app, "/api/admin/standards?year=2026", &admin).await;
        let set = v.set.expect("2026 is set up");
        assert!(set.frozen);
        let s = &set.standards[0];
        let before = snapshot(&t.db).await;
        let res = app
            .post_as(
                "/api/admin/standards/save",
                Some(&admin),
                &[
                    ("year", "2026".into()),
                    ("standard_id", s.id.to_string()),
                    ("revision", s.revision.to_string()),
                    ("form[title]", "Renamed".into()),
                    ("form[covers]", String::new()),
                    ("form[descriptor_1]", "a".into()),
                    ("form[descriptor_2]", "b".into()),
                    ("form[descriptor_3]", "c".into()),
                    ("form[descriptor_4]", "d".into()),
                ],
            )
            .await;
        assert_eq!(res.status().as_u16(), 409);
        assert!(res.text().await.unwrap().contains("frozen"));
        assert_eq!(snapshot(&t.db).await, before);
        assert!(
            exec(
                &t.db,
                &format!("UPDATE standard SET title = 'x' WHERE id = {}", s.id)
            )
            .await
            .is_err(),
            "the database refuses too"
        );
        assert!(exec(&t.db, "INSERT INTO standard (year, position, title, covers, descriptor_1, descriptor_2, descriptor_3, descriptor_4, updated_at, updated_by) VALUES (2026, 9, 't', '', 'a', 'b', 'c', 'd', '2026-01-01T00:00:00Z', 'x')").await.is_err());

        // 2027 starts from 2026's, and can be changed until someone submits against it.
        let v: StandardsView = json(&app, "/api/admin/standards?year=2027", &admin).await;
        assert!(v.set.is_none());
        assert_eq!(v.copies_from, Some(2026));
        let res = app
            .post_as(
                "/api/admin/standards/set-up",
                Some(&admin),
                &[("year", "2027".into())],
            )
            .await;
        assert_eq!(res.status().as_u16(), 200);
        let v: StandardsView = json(&app, "/api/admin/standards?year=2027", &admin).await;
        let next = v.set.unwrap();
        assert_eq!(
            next.standards.iter().map(|s| &s.title).collect::<Vec<_>>(),
            set.standards.iter().map(|s| &s.title).collect::<Vec<_>>()
        );
        assert!(!next.frozen);
        // Grades are data: renamed; two the same are refused.
        let rename = |g2: &str| {
            vec![
                ("year", "2027".to_string()),
                ("revision", next.scale_revision.to_string()),
                ("form[grade_1]", "Excellent".to_string()),
                ("form[grade_2]", g2.to_string()),
                ("form[grade_3]", "Developing".to_string()),
                ("form[grade_4]", "Weak".to_string()),
            ]
        };
        let res = app
            .post_as(
                "/api/admin/standards/scale",
                Some(&admin),
                &rename("excellent"),
            )
            .await;
        assert_eq!(res.status().as_u16(), 422);
        let res = app
            .post_as(
                "/api/admin/standards/scale",
                Some(&admin),
                &rename("Strong"),
            )
            .await;
        assert_eq!(res.status().as_u16(), 200);
        let v: StandardsView = json(&app, "/api/admin/standards?year=2027", &admin).await;
        assert_eq!(v.set.unwrap().scale.labels[1], "Strong");
        // A new standard needs a descriptor for every grade.
        let res = app
            .post_as(
                "/api/admin/standards/save",
                Some(&admin),
                &[
                    ("year", "2027".into()),
                    ("standard_id", "0".into()),
                    ("revision", "0".into()),
                    ("form[title]", "Safeguarding".into()),
                    ("form[covers]", "How partners keep children safe".into()),
                    ("form[descriptor_1]", "a".into()),
                    ("form[descriptor_2]", String::new()),
                    ("form[descriptor_3]", "c".into()),
                    ("form[descriptor_4]", "d".into()),
                ],
            )
            .await;
        assert_eq!(res.status().as_u16(), 422);
        assert!(res
            .text()
            .await
            .unwrap()
            .contains("Describe what “Strong” looks like"));
        assert_eq!(
            scalar_i64(&t.db, "SELECT COUNT(*) FROM standard WHERE year = 2027").await,
            6
        );
    }
);

on_both_backends!(bad_input_is_named_and_typed_text_comes_back, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let chair = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    let res = app
        .post_as(
            "/api/assessments/start",
            Some(&chair),
            &[("slug", "gosport".into()), ("year", "2026".into())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    // Starting twice is refused.
    let res = app
        .post_as(
            "/api/assessments/start",
            Some(&chair),
            &[("slug", "gosport".into()), ("year", "2026".into())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 409);
    let p: AssessmentPage =
        json(&app, "/api/assessments/page?slug=gosport&year=2026", &chair).await;
    let a = p.assessment.unwrap();
    let s = &p.standards.unwrap().standards[0];
    let before = snapshot(&t.db).await;
    // A grade outside the scale, and evidence longer than any cookie and than the limit.
    let long: String = (0..2_000)
        .map(|i| format!("line {i} of the evidence; "))
        .collect();
    assert!(long.chars().count() > 10_000);
    let res = app
        .plain_post(
            "/api/assessments/standard",
            &chair,
            &[
                ("assessment_id", a.id.to_string()),
                ("standard_id", s.id.to_string()),
                ("revision", "1".into()),
                ("form[grade]", "5".into()),
                ("form[evidence]", long.clone()),
            ],
        )
        .await;
    assert_eq!(
        res.status().as_u16(),
        302,
        "JavaScript off: back to the form"
    );
    let back = format!(
        "/partnerships/gosport/self-assessments/2026/standards/{}",
        s.id
    );
    assert_eq!(res.headers()["location"], back.as_str());
    let key = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("tb_flash="))
        .map(|v| v.split(';').next().unwrap().to_string())
        .expect("a flash key");
    assert!(key.len() < 80, "the cookie holds a key, not the text");
    assert_eq!(snapshot(&t.db).await, before, "nothing changed");
    let html = app
        .get_as(&back, Some(&format!("{chair}; {key}")))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Choose one of the four grades"));
    assert!(html.contains("Write 10,000 characters or fewer"));
    assert!(
        html.contains("line 1999 of the evidence;"),
        "every character typed comes back"
    );
    // With JavaScript, the same refusal is the error itself.
    let res = app
        .post_as(
            "/api/assessments/standard",
            Some(&chair),
            &[
                ("assessment_id", a.id.to_string()),
                ("standard_id", s.id.to_string()),
                ("revision", "1".into()),
                ("form[grade]", "0".into()),
                ("form[evidence]", "ok".into()),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    // A save based on an old revision is refused and shows what was saved meanwhile.
    let ok = |rev: i64, text: &str| {
        vec![
            ("assessment_id", a.id.to_string()),
            ("standard_id", s.id.to_string()),
            ("revision", rev.to_string()),
            ("form[grade]", "2".to_string()),
            ("form[evidence]", text.to_string()),
        ]
    };
    assert_eq!(
        app.post_as("/api/assessments/standard", Some(&chair), &ok(1, "First"))
            .await
            .status()
            .as_u16(),
        200
    );
    let res = app
        .post_as("/api/assessments/standard", Some(&chair), &ok(1, "Second"))
        .await;
    assert_eq!(res.status().as_u16(), 409);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Saved meanwhile: “First”"));
    // A figure for an indicator not in the catalogue is named; one that is gets its period and source.
    let add = |code: &str| {
        vec![
            ("assessment_id", a.id.to_string()),
            ("standard_id", s.id.to_string()),
            ("form[indicator]", code.to_string()),
        ]
    };
    let res = app
        .post_as("/api/assessments/figure/add", Some(&chair), &add("XX 999"))
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let res = app
        .post_as("/api/assessments/figure/add", Some(&chair), &add("NI 116"))
        .await;
    assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());
    let p: AssessmentPage =
        json(&app, "/api/assessments/page?slug=gosport&year=2026", &chair).await;
    let f = &p.assessment.unwrap().answers[0].figures[0];
    assert_eq!(f.area_name, "Gosport");
    assert!(
        !f.period.is_empty() && !f.source.is_empty() && f.value.ends_with('%'),
        "{f:?}"
    );
});
