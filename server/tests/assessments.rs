//! Self-assessment over HTTP on both backends: the whole workflow — a chair fills in the
//! standards, summary and review, submits (late, not refused); another district's manager is
//! refused; the right one changes a grade (a reason is required), asks and returns; the chair
//! answers and resubmits; the moderation completes and locks it (the database refuses changes
//! too) — and the Board's report and its files hold the grades.

mod common;

use app::api::assessments::{AssessmentPage, AssessmentReport};
use app::domain::assessment::{AssessmentStatus, Moderation};
use common::{exec, scalar_i64, snapshot, TestApp, DEMO_PASSWORD};
use server::demo;

const CHAIR: &str = "chair.gosport@trustboard.example";
const MANAGER: &str = "district.manager@trustboard.example";
const OTHER_MANAGER: &str = "district.manager.havant@trustboard.example";
const BOARD: &str = "board@trustboard.example";

async fn page(app: &TestApp, cookie: &str, slug: &str, year: i32) -> AssessmentPage {
    let res = app
        .get_as(
            &format!("/api/assessments/page?slug={slug}&year={year}"),
            Some(cookie),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    res.json().await.expect("the page's data")
}

fn as_form(f: &[(String, String)]) -> Vec<(&str, String)> {
    f.iter().map(|(k, v)| (k.as_str(), v.clone())).collect()
}

async fn post(app: &TestApp, cookie: &str, path: &str, form: &[(&str, String)]) -> (u16, String) {
    let res = app.post_as(path, Some(cookie), form).await;
    let status = res.status().as_u16();
    (status, res.text().await.unwrap_or_default())
}

/// Fills in every standard, the summary and the review of Gosport's 2026 self-assessment.
async fn fill_in(app: &TestApp, chair: &str, p: &AssessmentPage) {
    let a = p.assessment.as_ref().expect("started");
    let set = p.standards.as_ref().expect("standards");
    for (i, s) in set.standards.iter().enumerate() {
        let revision = a.answer(s.id).map_or(0, |x| x.revision);
        let (status, body) = post(
            app,
            chair,
            "/api/assessments/standard",
            &[
                ("assessment_id", a.id.to_string()),
                ("standard_id", s.id.to_string()),
                ("revision", revision.to_string()),
                ("form[grade]", (1 + i % 3).to_string()),
                (
                    "form[evidence]",
                    format!("Minutes and reports for {}", s.title),
                ),
                ("form[strengths]", "Strong partners".into()),
                ("form[development]", "More young people's voice".into()),
            ],
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = post(
        app,
        chair,
        "/api/assessments/summary",
        &[
            ("assessment_id", a.id.to_string()),
            ("revision", a.revision.to_string()),
            (
                "form[summary]",
                "A good year, with more to do on data.".into(),
            ),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let review = p.review.as_ref().expect("last year's plan was approved");
    let mut form = vec![
        ("assessment_id", a.id.to_string()),
        ("revision", a.review_revision.to_string()),
    ];
    let mut keys = Vec::new();
    for (id, _) in &review.items.actions {
        keys.push((
            format!("form[outcome][action-{id}]"),
            "achieved".to_string(),
        ));
        keys.push((format!("form[commentary][action-{id}]"), "Done".to_string()));
    }
    for (id, _) in &review.items.measures {
        keys.push((
            format!("form[commentary][measure-{id}]"),
            "On track".to_string(),
        ));
    }
    let keys: Vec<(String, String)> = keys;
    let owned: Vec<(&str, String)> = keys.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    form.extend(owned);
    let (status, body) = post(app, chair, "/api/assessments/review", &form).await;
    assert_eq!(status, 200, "{body}");
}

on_both_backends!(an_assessment_is_filled_in_moderated_and_reported, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let chair = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    let manager = app.sign_in(MANAGER, DEMO_PASSWORD).await.unwrap();
    let other = app.sign_in(OTHER_MANAGER, DEMO_PASSWORD).await.unwrap();
    let board = app.sign_in(BOARD, DEMO_PASSWORD).await.unwrap();

    let (status, body) = post(
        &app,
        &chair,
        "/api/assessments/start",
        &[("slug", "gosport".into()), ("year", "2026".into())],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let p = page(&app, &chair, "gosport", 2026).await;
    assert_eq!(p.standards.as_ref().unwrap().standards.len(), 6);
    let review = p
        .review
        .as_ref()
        .expect("the review of the approved 2025/26 plan");
    assert!(!review.items.actions.is_empty() && !review.items.measures.is_empty());
    // Before anything is filled in, every gap is listed with the page and field that fix it.
    assert!(p.problems.iter().any(|x| x.anchor == "summary#summary"));
    let a = p.assessment.clone().unwrap();
    let (status, body) = post(
        &app,
        &chair,
        "/api/assessments/submit",
        &[
            ("assessment_id", a.id.to_string()),
            ("revision", a.revision.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 422, "a gap blocks submission: {body}");
    assert!(
        body.contains("/partnerships/gosport/self-assessments/2026/summary#summary"),
        "{body}"
    );

    fill_in(&app, &chair, &p).await;
    let p = page(&app, &chair, "gosport", 2026).await;
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let a = p.assessment.clone().unwrap();
    let (status, body) = post(
        &app,
        &chair,
        "/api/assessments/submit",
        &[
            ("assessment_id", a.id.to_string()),
            ("revision", a.revision.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let p = page(&app, &chair, "gosport", 2026).await;
    let a = p.assessment.clone().unwrap();
    assert_eq!(a.status, AssessmentStatus::Submitted);
    assert!(
        a.late,
        "submitted in November, due in April: marked late, not refused"
    );

    // Another district's manager cannot moderate it; nothing changes.
    let set = p.standards.clone().unwrap();
    let first = set.standards[0].id;
    let second = set.standards[1].id;
    let own_second = a.answer(second).unwrap().grade.unwrap().number();
    let changed = if own_second == 4 { 3 } else { own_second + 1 };
    let before = snapshot(&t.db).await;
    let form = |reason: &str, intent: &str, revision: i64| -> Vec<(String, String)> {
        let mut f = vec![
            ("assessment_id".to_string(), a.id.to_string()),
            ("revision".to_string(), revision.to_string()),
            (
                format!("form[decision][{first}]"),
                a.answer(first).unwrap().grade.unwrap().number().to_string(),
            ),
            (format!("form[decision][{second}]"), changed.to_string()),
            (format!("form[reason][{second}]"), reason.to_string()),
            (
                format!("form[question][{first}]"),
                "Who chaired the March meeting?".to_string(),
            ),
            // A question on the whole assessment beside one on a standard.
            (
                "form[question][0]".to_string(),
                "Who signed it off?".to_string(),
            ),
        ];
        if !intent.is_empty() {
            f.push(("intent".to_string(), intent.to_string()));
        }
        f
    };
    let f = form("Not enough evidence", "return", a.revision);
    let (status, _) = post(&app, &other, "/api/assessments/moderate", &as_form(&f)).await;
    assert_eq!(status, 403, "another district's manager");
    let res = app
        .get_as(
            "/partnerships/gosport/self-assessments/2026/moderation",
            Some(&other),
        )
        .await;
    assert_eq!(res.status().as_u16(), 403, "nor open its moderation page");
    assert_eq!(snapshot(&t.db).await, before);

    // A changed grade without a reason is refused, and nothing changes.
    let f = form("", "return", a.revision);
    let (status, body) = post(&app, &manager, "/api/assessments/moderate", &as_form(&f)).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains(&format!("reason-{second}")), "{body}");
    assert_eq!(snapshot(&t.db).await, before, "nothing changed");
    // The database refuses a changed grade without a reason as well.
    assert!(exec(&t.db, &format!(
        "UPDATE assessment_standard SET moderated_grade = {changed}, moderation_reason = '' WHERE assessment_id = {} AND standard_id = {second}", a.id
    )).await.is_err());

    // With the reason: agreed one, changed one, asked a question, returned.
    let f = form("Two of six meetings were not quorate", "return", a.revision);
    let (status, body) = post(&app, &manager, "/api/assessments/moderate", &as_form(&f)).await;
    assert_eq!(status, 200, "{body}");
    let p = page(&app, &chair, "gosport", 2026).await;
    let a = p.assessment.clone().unwrap();
    assert_eq!(a.status, AssessmentStatus::Returned);
    let questions: Vec<i64> = a.open_questions().map(|q| q.id).collect();
    assert_eq!(questions.len(), 2, "one on a standard, one on the whole");
    assert!(a.questions.iter().any(|q| q.standard_id.is_none()));
    assert_eq!(
        a.answer(second).unwrap().moderation(),
        if changed > own_second {
            Moderation::Lowered
        } else {
            Moderation::Raised
        }
    );
    assert_eq!(
        a.answer(second).unwrap().grade.unwrap().number(),
        own_second,
        "the partnership's own grade stays"
    );

    // The chair cannot resubmit before answering; answers, then resubmits.
    let (status, _) = post(
        &app,
        &chair,
        "/api/assessments/submit",
        &[
            ("assessment_id", a.id.to_string()),
            ("revision", a.revision.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 422, "an unanswered question blocks resubmission");
    let mut answers = vec![("assessment_id".to_string(), a.id.to_string())];
    for q in &questions {
        answers.push((
            format!("form[answer][{q}]"),
            "Our vice-chair, from the college".to_string(),
        ));
    }
    let (status, body) = post(&app, &chair, "/api/assessments/answers", &as_form(&answers)).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = post(
        &app,
        &chair,
        "/api/assessments/submit",
        &[
            ("assessment_id", a.id.to_string()),
            ("revision", a.revision.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let p = page(&app, &manager, "gosport", 2026).await;
    let a = p.assessment.clone().unwrap();
    assert_eq!((a.status, a.round), (AssessmentStatus::Submitted, 2));
    assert_eq!(
        a.questions[0].answer.as_deref(),
        Some("Our vice-chair, from the college"),
        "the history is kept"
    );

    // Completing needs a decision on every standard (those of the first round stand); then it
    // is locked.
    let before = snapshot(&t.db).await;
    let f = vec![
        ("assessment_id".to_string(), a.id.to_string()),
        ("revision".to_string(), a.revision.to_string()),
        ("intent".to_string(), "complete".to_string()),
    ];
    let (status, body) = post(&app, &manager, "/api/assessments/moderate", &as_form(&f)).await;
    assert_eq!(status, 422, "{body}");
    assert!(
        !body.contains(&format!("decision-{first}"))
            && !body.contains(&format!("decision-{second}")),
        "{body}"
    );
    assert!(
        body.contains(&format!("decision-{}", set.standards[2].id)),
        "{body}"
    );
    assert_eq!(snapshot(&t.db).await, before);
    let mut f = f;
    for s in &set.standards[2..] {
        let own = a.answer(s.id).unwrap().grade.unwrap();
        f.push((
            format!("form[decision][{}]", s.id),
            own.number().to_string(),
        ));
    }
    let (status, body) = post(&app, &manager, "/api/assessments/moderate", &as_form(&f)).await;
    assert_eq!(status, 200, "{body}");
    let p = page(&app, &chair, "gosport", 2026).await;
    let a = p.assessment.clone().unwrap();
    assert_eq!(a.status, AssessmentStatus::Moderated);

    // Locked: the chair's save is refused, and the database refuses any change.
    let before = snapshot(&t.db).await;
    let (status, _) = post(
        &app,
        &chair,
        "/api/assessments/standard",
        &[
            ("assessment_id", a.id.to_string()),
            ("standard_id", first.to_string()),
            ("revision", a.answer(first).unwrap().revision.to_string()),
            ("form[grade]", "1".into()),
            ("form[evidence]", "Changed".into()),
        ],
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(snapshot(&t.db).await, before);
    for sql in [
        format!(
            "UPDATE assessment_standard SET evidence = 'x' WHERE assessment_id = {}",
            a.id
        ),
        format!(
            "UPDATE self_assessment SET summary = 'x' WHERE id = {}",
            a.id
        ),
        format!(
            "DELETE FROM assessment_question WHERE assessment_id = {}",
            a.id
        ),
        format!("UPDATE standard SET title = 'x' WHERE id = {first}"),
    ] {
        assert!(
            exec(&t.db, &sql).await.is_err(),
            "the database refuses: {sql}"
        );
    }

    // The Board's report: own and moderated grades side by side, and the files hold them.
    let res = app
        .get_as("/api/assessments/report?year=2026", Some(&board))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let report: AssessmentReport = res.json().await.unwrap();
    let row = report.rows.iter().find(|r| r.slug == "gosport").unwrap();
    assert_eq!(row.status, Some(AssessmentStatus::Moderated));
    let scale = report.scale.clone().unwrap();
    let moved = &row.cells[1];
    assert_eq!(moved.own.unwrap().number(), own_second);
    assert_eq!(moved.moderated.unwrap().number(), changed);
    let words = moved.words(&scale);
    assert!(words.starts_with("Moderated "), "{words}");
    let draft = report.rows.iter().find(|r| r.slug == "new-forest").unwrap();
    assert!(
        draft.cells.iter().all(|c| c.own.is_none()),
        "a draft's grades are not reported"
    );

    let csv = app
        .get_as("/self-assessments/2026/export/grades.csv", Some(&board))
        .await;
    assert_eq!(csv.status().as_u16(), 200);
    let csv = csv.text().await.unwrap();
    assert!(csv.contains(&words), "{csv}");
    assert!(csv.lines().count() > 6 * 9);
    for (file, needle) in [
        ("report.docx", "word/document.xml"),
        ("report.xlsx", "xl/worksheets/sheet1.xml"),
    ] {
        let res = app
            .get_as(
                &format!("/self-assessments/2026/export/{file}"),
                Some(&board),
            )
            .await;
        assert_eq!(res.status().as_u16(), 200, "{file}");
        let bytes = res.bytes().await.unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(needle).expect(needle), &mut xml).unwrap();
        if file.ends_with("docx") {
            assert!(
                xml.contains(&words),
                "{file} holds the moved grade in words"
            );
        } else {
            let mut strings = String::new();
            std::io::Read::read_to_string(
                &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
                &mut strings,
            )
            .unwrap_or_default();
            assert!(
                xml.contains(&words) || strings.contains(&words),
                "{file} holds the moved grade in words"
            );
        }
    }
    let chair_report = app
        .get_as("/api/assessments/report?year=2026", Some(&chair))
        .await;
    assert_eq!(
        chair_report.status().as_u16(),
        403,
        "the report is the Board's"
    );
    assert!(
        scalar_i64(
            &t.db,
            "SELECT COUNT(*) FROM audit_event WHERE entity_type = 'self_assessment'"
        )
        .await
            >= 6
    );
});
