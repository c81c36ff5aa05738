//! The Board's key priorities and the cycle calendar over HTTP on both backends: a Board member
//! drafts, changes and removes priorities (every mistake refused at its field with nothing
//! stored, a refused plain post coming back with every character), then publishes them — a
//! draft plan gains them marked as added later, a submitted plan is left alone until it
//! returns to draft, a plan started afterwards has them from the start with their outcome —
//! and a published priority can no longer be changed or removed. An administrator sets a
//! year's calendar (bad dates refused with nothing changed); a new year defaults from last
//! year's. Who may do either.

mod common;

use app::api::cycle::{BoardPrioritiesView, CalendarView};
use app::db::audit::Actor;
use app::domain::cycle::{CalendarForm, CalendarSource};
use app::domain::{PlanYear, StageKind};
use common::{flash_cookie, rows_text, scalar_i64, snapshot, TestApp, DEMO_PASSWORD};
use server::demo;

const BOARD: &str = "board@trustboard.example";
const ADMIN: &str = "admin@trustboard.example";
const CHAIR: &str = "chair.gosport@trustboard.example";
const MANAGER: &str = "district.manager@trustboard.example";
const VIEWER: &str = "viewer@trustboard.example";

/// A year the demo has neither Board priorities nor plans for.
const YEAR: i32 = 2028;

async fn post(
    app: &TestApp,
    cookie: Option<&str>,
    path: &str,
    form: &[(&str, String)],
) -> (u16, String) {
    let res = app.post_as(path, cookie, form).await;
    let status = res.status().as_u16();
    (status, res.text().await.unwrap_or_default())
}

fn priority(title: &str, outcome: &str, indicators: &str) -> Vec<(&'static str, String)> {
    vec![
        ("year", YEAR.to_string()),
        ("form[title]", title.to_string()),
        ("form[outcome]", outcome.to_string()),
        ("form[indicators]", indicators.to_string()),
    ]
}

/// The Board's priorities and suggestions as stored: what a refused call must leave alone.
async fn board_rows(db: &app::db::Db) -> Vec<String> {
    let mut rows = rows_text(
        db,
        "SELECT CAST(id AS TEXT) || ':' || title || ':' || outcome || ':' ||
                CASE WHEN published_at IS NULL THEN 'draft' ELSE 'published' END
         FROM board_priority ORDER BY id",
    )
    .await;
    rows.extend(
        rows_text(
            db,
            "SELECT CAST(board_priority_id AS TEXT) || ':' || CAST(indicator_id AS TEXT) || ':' || CAST(position AS TEXT)
             FROM board_priority_indicator ORDER BY board_priority_id, position",
        )
        .await,
    );
    rows
}

async fn view(app: &TestApp, cookie: &str, year: i32) -> BoardPrioritiesView {
    let res = app
        .get_as(
            &format!("/api/cycle/board-priorities?year={year}"),
            Some(cookie),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    res.json().await.expect("the Board's priorities")
}

async fn partnership(db: &app::db::Db, slug: &str) -> i64 {
    scalar_i64(
        db,
        &format!("SELECT id FROM partnership WHERE slug = '{slug}'"),
    )
    .await
}

async fn start_plan(db: &app::db::Db, slug: &str) -> i64 {
    let pid = partnership(db, slug).await;
    let mut tx = db.begin().await.unwrap();
    let id = app::db::plans::start(
        &mut tx,
        &Actor::system("test"),
        pid,
        PlanYear::new(YEAR).unwrap(),
        false,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

/// The plan's priorities in order: title, whether the Board's, added later, outcome.
async fn plan_priorities(db: &app::db::Db, plan_id: i64) -> Vec<String> {
    rows_text(
        db,
        &format!(
            "SELECT title || '|' || CASE WHEN board_priority_id IS NULL THEN 'local' ELSE 'board' END
                    || '|' || CASE WHEN added_later THEN 'later' ELSE 'start' END || '|' || outcome
             FROM plan_priority WHERE plan_id = {plan_id} ORDER BY position, id"
        ),
    )
    .await
}

on_both_backends!(the_board_drafts_and_publishes_its_priorities, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let board = app.sign_in(BOARD, DEMO_PASSWORD).await.unwrap();
    let actor = Actor::system("test");

    // Before publishing: Gosport's plan is a draft with a local priority; Havant's submitted.
    let gosport = start_plan(&t.db, "gosport").await;
    let mut tx = t.db.begin().await.unwrap();
    let local = app::domain::plan::PriorityInput {
        title: "Our own priority".into(),
        outcome: String::new(),
        champion: None,
        challenger: None,
    };
    app::db::plans::add_priority(
        &mut tx,
        &actor,
        gosport,
        partnership(&t.db, "gosport").await,
        &local,
    )
    .await
    .unwrap()
    .unwrap();
    tx.commit().await.unwrap();
    let havant = start_plan(&t.db, "havant").await;
    let head = app::db::plans::header(&t.db, havant)
        .await
        .unwrap()
        .unwrap();
    let mut tx = t.db.begin().await.unwrap();
    app::db::plans::submit(&mut tx, &actor, &head)
        .await
        .unwrap()
        .unwrap();
    tx.commit().await.unwrap();

    let empty = view(&app, &board, YEAR).await;
    assert!(empty.priorities.is_empty());
    assert_eq!((empty.draft_plans, empty.frozen_plans), (1, 1));

    // Drafting: the indicators typed as codes, in the catalogue's own spelling.
    let (status, body) = post(
        &app,
        Some(&board),
        "/api/cycle/board-priorities/add",
        &priority(
            "Fewer young people NEET",
            "More 16 to 18 year olds in work or learning",
            "ni117, NI 148",
        ),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let neet: i64 = body.trim().parse().expect("the new priority's id");
    let (status, body) = post(
        &app,
        Some(&board),
        "/api/cycle/board-priorities/add",
        &priority("Safer journeys", "", ""),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let safer: i64 = body.trim().parse().unwrap();
    let v = view(&app, &board, YEAR).await;
    assert_eq!(v.drafts(), 2);
    let codes: Vec<&str> = v.priorities[0]
        .indicators
        .iter()
        .map(|i| i.code.as_str())
        .collect();
    assert_eq!(codes, vec!["NI 117", "NI 148"]);
    assert!(!v.priorities[0].indicators[0].title.is_empty());

    // Every mistake refused at its field, nothing stored.
    let before = (snapshot(&t.db).await, board_rows(&t.db).await);
    let long_outcome = "Children told us they want safe places to go. ".repeat(110);
    assert!(long_outcome.chars().count() > 5_000);
    for (form, field, says) in [
        (
            priority("  ", "", ""),
            "title",
            "Enter the priority's title",
        ),
        (
            priority(&"t".repeat(201), "", ""),
            "title",
            "200 characters or fewer",
        ),
        (
            priority("fewer YOUNG people neet", "", ""),
            "title",
            "already has a priority",
        ),
        (
            priority("Good health", "", "NI 112, NI 999"),
            "indicators",
            "NI 999",
        ),
        (
            priority("Good health", &long_outcome, ""),
            "outcome",
            "2,000 characters or fewer",
        ),
    ] {
        let (status, body) =
            post(&app, Some(&board), "/api/cycle/board-priorities/add", &form).await;
        assert_eq!(status, 422, "{body}");
        assert!(body.contains(&format!("\"{field}\"")), "{field} in {body}");
        assert!(body.contains(says), "{says} in {body}");
        assert_eq!(
            (snapshot(&t.db).await, board_rows(&t.db).await),
            before,
            "nothing stored"
        );
    }
    // JavaScript off: back to the page with every character typed and the reason.
    let res = app
        .plain_post(
            "/api/cycle/board-priorities/add",
            &board,
            &priority("Good health", &long_outcome, "NI 112"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(res.headers()["location"], "/board-priorities/2028");
    let key = flash_cookie(&res).expect("a flash key");
    let html = app
        .get_as("/board-priorities/2028", Some(&format!("{board}; {key}")))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(long_outcome.trim_end()),
        "every character typed"
    );
    assert!(
        html.contains("href=\"#outcome\""),
        "the summary links to the field"
    );
    assert_eq!((snapshot(&t.db).await, board_rows(&t.db).await), before);

    // A draft is changed, and removed.
    let (status, body) = post(
        &app,
        Some(&board),
        "/api/cycle/board-priorities/save",
        &[
            ("year", YEAR.to_string()),
            ("priority_id", safer.to_string()),
            ("form[title]", "Safer journeys to school".into()),
            ("form[outcome]", "Fewer children hurt on the roads".into()),
            ("form[indicators]", String::new()),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(board_rows(&t.db).await.contains(&format!(
        "{safer}:Safer journeys to school:Fewer children hurt on the roads:draft"
    )));
    let (status, body) = post(
        &app,
        Some(&board),
        "/api/cycle/board-priorities/remove",
        &[
            ("year", YEAR.to_string()),
            ("priority_id", safer.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(view(&app, &board, YEAR).await.priorities.len(), 1);
    let (status, _) = post(
        &app,
        Some(&board),
        "/api/cycle/board-priorities/add",
        &priority("Good mental health", "Children get help early", "NI 112"),
    )
    .await;
    assert_eq!(status, 200);
    let audited = scalar_i64(
        &t.db,
        "SELECT COUNT(*) FROM audit_event WHERE entity_type = 'board_priority' AND before_value IS NOT NULL",
    )
    .await;
    assert_eq!(audited, 2, "the change and the removal, with before");

    // The page says what publishing will do.
    let html = app
        .get_as("/board-priorities/2028", Some(&board))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Publish 2 priorities to every partnership&#x27;s plan for 2028/29")
            || html.contains("Publish 2 priorities to every partnership's plan for 2028/29"),
        "{html}"
    );
    assert!(html.contains("1 draft plan will have them straight away"));

    // Publishing what the page no longer shows is refused.
    let before = (snapshot(&t.db).await, board_rows(&t.db).await);
    let (status, body) = post(
        &app,
        Some(&board),
        "/api/cycle/board-priorities/publish",
        &[("year", YEAR.to_string()), ("drafts", "3".into())],
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!((snapshot(&t.db).await, board_rows(&t.db).await), before);
    let havant_before = plan_priorities(&t.db, havant).await;

    let (status, body) = post(
        &app,
        Some(&board),
        "/api/cycle/board-priorities/publish",
        &[("year", YEAR.to_string()), ("drafts", "2".into())],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    // The draft plan has them, after any other Board priority and before its own.
    assert_eq!(
        plan_priorities(&t.db, gosport).await,
        vec![
            "Fewer young people NEET|board|later|More 16 to 18 year olds in work or learning",
            "Good mental health|board|later|Children get help early",
            "Our own priority|local|start|",
        ]
    );
    // The submitted plan is not changed.
    assert_eq!(plan_priorities(&t.db, havant).await, havant_before);
    // A plan started now has them from the start, with their outcome.
    let fareham = start_plan(&t.db, "fareham").await;
    assert_eq!(
        plan_priorities(&t.db, fareham).await,
        vec![
            "Fewer young people NEET|board|start|More 16 to 18 year olds in work or learning",
            "Good mental health|board|start|Children get help early",
        ]
    );
    // The submitted plan gains them when it returns to draft, marked as added later.
    let head = app::db::plans::header(&t.db, havant)
        .await
        .unwrap()
        .unwrap();
    let mut tx = t.db.begin().await.unwrap();
    app::db::plans::return_to_draft(&mut tx, &actor, &head, "Please add the Board's priorities")
        .await
        .unwrap()
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        plan_priorities(&t.db, havant).await,
        vec![
            "Fewer young people NEET|board|later|More 16 to 18 year olds in work or learning",
            "Good mental health|board|later|Children get help early",
        ]
    );
    let v = view(&app, &board, YEAR).await;
    assert_eq!(v.drafts(), 0);
    assert!(v
        .priorities
        .iter()
        .all(|p| p.is_published() && p.plans == 3));
    // The plan's pages say which were added later.
    let chair = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    let plan_page = app
        .get_as("/partnerships/gosport/plans/2028", Some(&chair))
        .await
        .text()
        .await
        .unwrap();
    assert!(plan_page.contains("Added later"), "{plan_page}");

    // Published: cannot be changed or removed; nothing changes.
    let before = (snapshot(&t.db).await, board_rows(&t.db).await);
    let (status, body) = post(
        &app,
        Some(&board),
        "/api/cycle/board-priorities/save",
        &[
            ("year", YEAR.to_string()),
            ("priority_id", neet.to_string()),
            ("form[title]", "Renamed".into()),
            ("form[outcome]", String::new()),
            ("form[indicators]", String::new()),
        ],
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body.contains("can no longer be changed or removed"),
        "{body}"
    );
    let (status, body) = post(
        &app,
        Some(&board),
        "/api/cycle/board-priorities/remove",
        &[
            ("year", YEAR.to_string()),
            ("priority_id", neet.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!((snapshot(&t.db).await, board_rows(&t.db).await), before);

    // A draft added after publishing reaches no plan until it is published.
    let (status, _) = post(
        &app,
        Some(&board),
        "/api/cycle/board-priorities/add",
        &priority("Only a draft", "", ""),
    )
    .await;
    assert_eq!(status, 200);
    let east = start_plan(&t.db, "east-hampshire").await;
    assert_eq!(plan_priorities(&t.db, east).await.len(), 2);
    assert!(
        scalar_i64(
            &t.db,
            "SELECT COUNT(*) FROM plan_priority WHERE title = 'Only a draft'"
        )
        .await
            == 0
    );
    // An approved plan is frozen: it gains a newly published priority only with its next
    // version.
    for step in ["submit", "approve"] {
        let head = app::db::plans::header(&t.db, havant)
            .await
            .unwrap()
            .unwrap();
        let plan = app::db::plans::load(&t.db, havant).await.unwrap().unwrap();
        let mut tx = t.db.begin().await.unwrap();
        match step {
            "submit" => app::db::plans::submit(&mut tx, &actor, &head).await,
            _ => app::db::plans::approve(&mut tx, &actor, &plan).await,
        }
        .unwrap()
        .unwrap();
        tx.commit().await.unwrap();
    }
    let approved = plan_priorities(&t.db, havant).await;
    let (status, body) = post(
        &app,
        Some(&board),
        "/api/cycle/board-priorities/publish",
        &[("year", YEAR.to_string()), ("drafts", "1".into())],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(plan_priorities(&t.db, havant).await, approved);
    assert_eq!(plan_priorities(&t.db, east).await.len(), 3);
    let head = app::db::plans::header(&t.db, havant)
        .await
        .unwrap()
        .unwrap();
    let mut tx = t.db.begin().await.unwrap();
    app::db::plans::amend(&mut tx, &actor, &head)
        .await
        .unwrap()
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        plan_priorities(&t.db, havant)
            .await
            .last()
            .map(String::as_str),
        Some("Only a draft|board|later|")
    );
    let frozen = app::db::plans::snapshot(&t.db, havant, 1)
        .await
        .unwrap()
        .expect("the approved version");
    assert_eq!(
        frozen.priorities.len(),
        2,
        "the approved version stays as it was"
    );

    // The menu leads to the year in cycle (2026/27 on the tests' day).
    let home = app.get_as("/", Some(&board)).await.text().await.unwrap();
    assert!(home.contains("href=\"/board-priorities\""));
    let page = app
        .get_as("/board-priorities", Some(&board))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Key priorities for 2026/27"), "{page}");
    assert!(page.contains("NI 1"), "the demo's suggested indicators");
});

/// The calendar form for `year` from `stages`, with `changes` (stage, "opens"/"due", typed).
fn calendar_form(
    year: i32,
    stages: &[app::domain::CalendarStage],
    changes: &[(StageKind, &str, &str)],
) -> Vec<(String, String)> {
    let mut form = CalendarForm::from_stages(stages);
    for (kind, which, typed) in changes {
        let map = if *which == "opens" {
            &mut form.opens
        } else {
            &mut form.due
        };
        map.insert(kind.as_str().to_string(), typed.to_string());
    }
    let mut out = vec![("year".to_string(), year.to_string())];
    for kind in StageKind::ALL {
        out.push((
            CalendarForm::opens_name(*kind),
            form.opens.get(kind.as_str()).cloned().unwrap_or_default(),
        ));
        out.push((
            CalendarForm::due_name(*kind),
            form.due.get(kind.as_str()).cloned().unwrap_or_default(),
        ));
    }
    out
}

fn as_form(f: &[(String, String)]) -> Vec<(&str, String)> {
    f.iter().map(|(k, v)| (k.as_str(), v.clone())).collect()
}

async fn calendar(app: &TestApp, cookie: &str, year: i32) -> CalendarView {
    let res = app
        .get_as(&format!("/api/cycle/calendar?year={year}"), Some(cookie))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    res.json().await.expect("the calendar")
}

fn due(v: &CalendarView, kind: StageKind) -> chrono::NaiveDate {
    v.stages.iter().find(|s| s.kind == kind).unwrap().due
}

async fn stage_rows(db: &app::db::Db) -> Vec<String> {
    rows_text(
        db,
        "SELECT CAST(plan_year AS TEXT) || ':' || kind || ':' || CAST(opens AS TEXT) || ':' || CAST(due AS TEXT)
         FROM cycle_stage ORDER BY plan_year, kind",
    )
    .await
}

on_both_backends!(an_administrator_sets_the_calendar, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let admin = app.sign_in(ADMIN, DEMO_PASSWORD).await.unwrap();
    let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();

    // The demo set 2027's: 2028 defaults from it, a year on; 2035 from the paper.
    let v = calendar(&app, &admin, YEAR).await;
    assert_eq!(v.source, CalendarSource::LastYear);
    let kinds: Vec<StageKind> = v.stages.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, StageKind::ALL.to_vec(), "in the order of Appendix 1");
    assert_eq!(due(&v, StageKind::PlanSubmission), d(2028, 4, 30));
    assert_eq!(
        calendar(&app, &admin, 2035).await.source,
        CalendarSource::Paper
    );

    // Saved: a late submission date.
    let form = calendar_form(
        YEAR,
        &v.stages,
        &[(StageKind::PlanSubmission, "due", "08/05/2028")],
    );
    let (status, body) = post(
        &app,
        Some(&admin),
        "/api/cycle/calendar/save",
        &as_form(&form),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let v = calendar(&app, &admin, YEAR).await;
    assert_eq!(v.source, CalendarSource::Set);
    assert_eq!(due(&v, StageKind::PlanSubmission), d(2028, 5, 8));
    assert_eq!(
        scalar_i64(
            &t.db,
            "SELECT COUNT(*) FROM audit_event WHERE entity_type = 'cycle_calendar' AND after_value IS NOT NULL"
        )
        .await,
        1
    );
    // The next year defaults from it.
    let next = calendar(&app, &admin, YEAR + 1).await;
    assert_eq!(next.source, CalendarSource::LastYear);
    assert_eq!(due(&next, StageKind::PlanSubmission), d(2029, 5, 8));
    let html = app
        .get_as("/admin/calendar/2029", Some(&admin))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Defaulting from last year"), "{html}");
    assert!(html.contains("8/5/2029"), "prefilled from last year");
    assert!(html.contains("href=\"/admin/calendar/2028\""));

    // Bad dates: refused at their own inputs, nothing changed.
    let before = (snapshot(&t.db).await, stage_rows(&t.db).await);
    for (changes, field, says) in [
        (
            vec![(StageKind::PlanSubmission, "due", "31/2/2028")],
            "plan_submission-due",
            "not a real date",
        ),
        (
            vec![
                (StageKind::AnnualReport, "due", "1/7/2028"),
                (StageKind::AnnualReport, "opens", "2/7/2028"),
            ],
            "annual_report-due",
            "cannot be due",
        ),
        (
            vec![(StageKind::BoardMidYearReview, "due", "1/4/2029")],
            "board_mid_year_review-due",
            "must be between 1 July 2027 and 31 March 2029",
        ),
        (
            vec![(StageKind::Moderation, "opens", "")],
            "moderation-opens",
            "Enter the date",
        ),
    ] {
        let form = calendar_form(YEAR, &v.stages, &changes);
        let (status, body) = post(
            &app,
            Some(&admin),
            "/api/cycle/calendar/save",
            &as_form(&form),
        )
        .await;
        assert_eq!(status, 422, "{body}");
        assert!(body.contains(&format!("\"{field}\"")), "{field} in {body}");
        assert!(body.contains(says), "{says} in {body}");
        assert_eq!((snapshot(&t.db).await, stage_rows(&t.db).await), before);
    }
    // JavaScript off: the summary links to the input, which keeps what was typed.
    let form = calendar_form(
        YEAR,
        &v.stages,
        &[(StageKind::PlanSubmission, "due", "31/2/2028")],
    );
    let res = app
        .plain_post("/api/cycle/calendar/save", &admin, &as_form(&form))
        .await;
    assert_eq!(res.status().as_u16(), 302);
    let key = flash_cookie(&res).expect("a flash key");
    let html = app
        .get_as("/admin/calendar/2028", Some(&format!("{admin}; {key}")))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("href=\"#plan_submission-due\""), "{html}");
    assert!(html.contains("value=\"31/2/2028\""));
    assert_eq!((snapshot(&t.db).await, stage_rows(&t.db).await), before);
});

on_both_backends!(
    only_the_board_sets_priorities_and_administrators_the_calendar,
    |t| {
        demo::load(&t.db, common::today()).await.unwrap();
        let app = TestApp::spawn(t.db.clone()).await;
        let board = app.sign_in(BOARD, DEMO_PASSWORD).await.unwrap();
        let (status, body) = post(
            &app,
            Some(&board),
            "/api/cycle/board-priorities/add",
            &priority("A draft", "", ""),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let draft: i64 = body.trim().parse().unwrap();
        let stages = app::domain::calendar::default_calendar(PlanYear::new(YEAR).unwrap());
        let cal = calendar_form(YEAR, &stages, &[]);
        let admin = app.sign_in(ADMIN, DEMO_PASSWORD).await.unwrap();
        let mut people: Vec<(Option<String>, u16)> = vec![(None, 401)];
        for email in [CHAIR, MANAGER, VIEWER] {
            people.push((Some(app.sign_in(email, DEMO_PASSWORD).await.unwrap()), 403));
        }
        let before = (
            snapshot(&t.db).await,
            board_rows(&t.db).await,
            stage_rows(&t.db).await,
        );
        for (cookie, want) in &people {
            let cookie = cookie.as_deref();
            let id = draft.to_string();
            let calls: Vec<(&str, Vec<(&str, String)>)> = vec![
                (
                    "/api/cycle/board-priorities/add",
                    priority("Another", "", ""),
                ),
                (
                    "/api/cycle/board-priorities/save",
                    vec![
                        ("year", YEAR.to_string()),
                        ("priority_id", id.clone()),
                        ("form[title]", "Renamed".into()),
                    ],
                ),
                (
                    "/api/cycle/board-priorities/remove",
                    vec![("year", YEAR.to_string()), ("priority_id", id.clone())],
                ),
                (
                    "/api/cycle/board-priorities/publish",
                    vec![("year", YEAR.to_string()), ("drafts", "1".into())],
                ),
                ("/api/cycle/calendar/save", as_form(&cal)),
            ];
            for (path, form) in calls {
                let (status, body) = post(&app, cookie, path, &form).await;
                assert_eq!(status, *want, "{path}: {body}");
            }
            for path in [
                "/api/cycle/board-priorities?year=2028",
                "/api/cycle/calendar?year=2028",
            ] {
                let status = app.get_as(path, cookie).await.status().as_u16();
                assert_eq!(status, *want, "{path}");
            }
            for page in ["/board-priorities/2028", "/admin/calendar/2028"] {
                let status = app.get_as(page, cookie).await.status().as_u16();
                assert_eq!(status, *want, "{page}");
            }
        }
        // A Board member does not set the calendar; an administrator does not set priorities.
        let (status, _) = post(
            &app,
            Some(&board),
            "/api/cycle/calendar/save",
            &as_form(&cal),
        )
        .await;
        assert_eq!(status, 403);
        let allowed = app::domain::auth::authorise(
            app.me(Some(&admin)).await.as_ref(),
            app::domain::auth::Action::SetBoardPriorities,
            app::domain::auth::Target::Trust,
        )
        .is_ok();
        let (status, _) = post(
            &app,
            Some(&admin),
            "/api/cycle/board-priorities/publish",
            &[("year", "2099".into()), ("drafts", "0".into())],
        )
        .await;
        assert_eq!(status, if allowed { 409 } else { 403 });
        assert_eq!(
            (
                snapshot(&t.db).await,
                board_rows(&t.db).await,
                stage_rows(&t.db).await
            ),
            before
        );
    }
);
