//! One rule decides who reads a plan's content wherever it appears (`plan_visibility`), tried
//! over HTTP on both backends: the map's partnership panel, the dashboard's detail and ratings,
//! and the public map, for a chair of another partnership, a member of the partnership, a
//! district manager outside their districts, a viewer, a Board member and nobody — while Havant's
//! plan is a draft, once the Board has approved it, and while a second version is drafted.

mod common;

use app::api::dashboard::{DashboardView, Detail};
use app::api::map::{MapView, Panel};
use app::db::{audit::Actor, plans};
use app::domain::dashboard::Basis;
use app::domain::plan::{MeasureInput, PlanStatus, PriorityInput};
use app::domain::PlanYear;
use common::{scalar_i64, TestApp, DEMO_PASSWORD};
use server::demo;

const FIRST_TITLE: &str = "Kestrel outreach for care leavers";
const SECOND_TITLE: &str = "Osprey drop-in for young carers";
const FIRST_TARGET: f64 = 4.25;
const SECOND_TARGET: f64 = 3.5;

/// Who looks, and whether the rules let them read Havant's plan as it stands.
const PEOPLE: &[(&str, bool)] = &[
    ("chair.gosport@trustboard.example", false),
    ("member.havant@trustboard.example", true),
    // Gosport and Fareham only.
    ("district.manager@trustboard.example", false),
    ("viewer@trustboard.example", true),
    ("board@trustboard.example", true),
];

async fn json<T: serde::de::DeserializeOwned>(app: &TestApp, path: &str, cookie: &str) -> T {
    let res = app.get_as(path, Some(cookie)).await;
    let status = res.status().as_u16();
    let body = res.text().await.unwrap();
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"))
}

async fn panel(app: &TestApp, cookie: &str) -> Panel {
    let m: MapView = json(app, "/api/map?selected=havant", cookie).await;
    let p = m.selected.expect("Havant's panel");
    // The panel the map's island fetches on its own (as HTML) says the same.
    let html: String = json(app, "/api/map/panel?selected=havant", cookie).await;
    assert!(html.contains("data-testid=\"map-panel\""), "{html}");
    for title in [FIRST_TITLE, SECOND_TITLE] {
        assert_eq!(
            html.contains(title),
            p.priorities.iter().any(|t| t == title),
            "{title} in {html}"
        );
    }
    p
}

async fn detail(app: &TestApp, cookie: &str) -> Detail {
    json(
        app,
        "/api/dashboard/detail?partnership=havant&indicator=NI+112",
        cookie,
    )
    .await
}

/// How Havant's NI 112 cell is rated on the dashboard.
async fn basis(app: &TestApp, cookie: &str) -> Basis {
    let d: DashboardView = json(app, "/api/dashboard", cookie).await;
    let col = d.columns.iter().position(|c| c.code == "NI 112").unwrap();
    d.rows.iter().find(|r| r.slug == "havant").unwrap().cells[col].basis
}

/// What nobody signed in gets: no map, no dashboard, and a public map with figures only.
async fn nobody_sees_plan_content(app: &TestApp) {
    for path in ["/api/map?selected=havant", "/api/map/panel?selected=havant"] {
        let res = app.get_as(path, None).await;
        assert_eq!(res.status().as_u16(), 401, "{path}");
    }
    let res = app
        .get_as("/api/public/map/panel?selected=havant", None)
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let html: String = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    assert!(
        html.contains("Havant")
            && !html.contains("Kestrel")
            && !html.contains("Osprey")
            && !html.contains(" plan: "),
        "{html}"
    );
    let res = app
        .get_as(
            "/api/dashboard/detail?partnership=havant&indicator=NI+112",
            None,
        )
        .await;
    assert_eq!(res.status().as_u16(), 401);
    let res = app.get_as("/api/public/map?selected=havant", None).await;
    assert_eq!(res.status().as_u16(), 200);
    let body = res.text().await.unwrap();
    assert!(
        !body.contains("Kestrel") && !body.contains("Osprey"),
        "{body}"
    );
    let m: MapView = serde_json::from_str(&body).unwrap();
    let p = m.selected.expect("Havant's public panel");
    assert!(p.priorities.is_empty() && p.status.is_none());
    assert!(!p.figures.is_empty(), "figures are public");
}

on_both_backends!(plan_content_follows_one_rule_everywhere, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    common::exec(
        &t.db,
        "UPDATE map_publication SET published = TRUE, indicator_code = 'NI 112'",
    )
    .await
    .unwrap();
    // Havant's NI 112 figure for this plan year (2026/27), which this year's plan's target
    // rates once approved; earlier periods keep the ratings they had (see tests/ratings.rs).
    common::exec(
        &t.db,
        "INSERT INTO measurement (indicator_id, area_id, period, period_start, value, ci_lower, ci_upper)
         SELECT m.indicator_id, m.area_id, '2026/27', '2026-04-01', m.value, m.ci_lower, m.ci_upper
         FROM measurement m JOIN indicator i ON i.id = m.indicator_id JOIN area a ON a.id = m.area_id
         WHERE i.code = 'NI 112' AND a.name = 'Havant' AND m.period = '2025/26'",
    )
    .await
    .unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let mut cookies = Vec::new();
    for (email, _) in PEOPLE {
        cookies.push(app.sign_in(email, DEMO_PASSWORD).await.unwrap());
    }
    let board = cookies[4].clone();

    // Havant's plan for this year, a draft with a local priority and a target.
    let actor = Actor::system("test");
    let havant = scalar_i64(&t.db, "SELECT id FROM partnership WHERE slug = 'havant'").await;
    let ni112 = scalar_i64(&t.db, "SELECT id FROM indicator WHERE code = 'NI 112'").await;
    let year = PlanYear::in_cycle_on(common::today());
    // The demo's own Havant plan for this year (a returned draft, with a stakeholder event's
    // results in it) makes way for the fixture.
    for sql in [
        "DELETE FROM event_plan_result WHERE plan_id IN (SELECT id FROM plan WHERE partnership_id = {havant} AND plan_year = {year})",
        "DELETE FROM plan WHERE partnership_id = {havant} AND plan_year = {year}",
    ] {
        let sql = sql
            .replace("{havant}", &havant.to_string())
            .replace("{year}", &year.first_year().to_string());
        common::exec(&t.db, &sql).await.unwrap();
    }
    let mut tx = t.db.begin().await.unwrap();
    let plan_id = plans::start(&mut tx, &actor, havant, year, false)
        .await
        .unwrap();
    let priority = PriorityInput {
        title: FIRST_TITLE.into(),
        outcome: "Fewer young people lose touch".into(),
        champion: None,
        challenger: None,
    };
    let priority_id = plans::add_priority(&mut tx, &actor, plan_id, havant, &priority)
        .await
        .unwrap()
        .unwrap();
    let measure = |target| MeasureInput {
        indicator_code: Some("NI 112".into()),
        baseline: Some(10.0),
        baseline_period: Some("2025/26".into()),
        target: Some(target),
        due: chrono::NaiveDate::from_ymd_opt(year.first_year() + 1, 3, 31),
    };
    let (measure_id, _) = plans::save_measure(
        &mut tx,
        &actor,
        plan_id,
        havant,
        priority_id,
        None,
        0,
        &measure(FIRST_TARGET),
        Some(ni112),
    )
    .await
    .unwrap()
    .unwrap();
    tx.commit().await.unwrap();

    // A draft: its partners and the Trust-wide readers see it on the map; nobody else does, and
    // its target is neither shown nor rated against, for anyone (it is not in force; last
    // year's approved target, from the demo, may be).
    for ((email, may), cookie) in PEOPLE.iter().zip(&cookies) {
        let p = panel(&app, cookie).await;
        assert_eq!(
            p.status,
            Some(PlanStatus::Draft),
            "{email}: the stage shows"
        );
        assert_eq!(
            p.priorities.iter().any(|t| t == FIRST_TITLE),
            *may,
            "{email}: the draft's priority"
        );
        assert_eq!(p.approved_version, None, "{email}");
        let d = detail(&app, cookie).await;
        assert_ne!(
            d.target.as_ref().map(|t| t.value),
            Some(FIRST_TARGET),
            "{email}: a draft's target"
        );
    }
    nobody_sees_plan_content(&app).await;

    // Approved: the published plan, for everyone signed in; the dashboard (kept in memory)
    // rates against its target at once.
    let head = plans::header(&t.db, plan_id).await.unwrap().unwrap();
    let mut tx = t.db.begin().await.unwrap();
    plans::submit(&mut tx, &actor, &head)
        .await
        .unwrap()
        .unwrap();
    tx.commit().await.unwrap();
    let submitted = plans::load(&t.db, plan_id).await.unwrap().unwrap();
    let mut tx = t.db.begin().await.unwrap();
    plans::approve(&mut tx, &actor, &submitted)
        .await
        .unwrap()
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(basis(&app, &board).await, Basis::Target);
    for ((email, may), cookie) in PEOPLE.iter().zip(&cookies) {
        let p = panel(&app, cookie).await;
        assert_eq!(p.status, Some(PlanStatus::Approved), "{email}");
        assert!(p.priorities.iter().any(|t| t == FIRST_TITLE), "{email}");
        assert_eq!(p.approved_version, (!may).then_some(1), "{email}");
        let d = detail(&app, cookie).await;
        assert_eq!(
            d.target.as_ref().map(|t| t.value),
            Some(FIRST_TARGET),
            "{email}: the approved target"
        );
        assert_eq!(d.cell.basis, Basis::Target, "{email}");
    }
    nobody_sees_plan_content(&app).await;

    // A second version in draft: its readers see it; everyone else still reads version 1, and
    // version 1's target stays in force for all.
    let head = plans::header(&t.db, plan_id).await.unwrap().unwrap();
    let mut tx = t.db.begin().await.unwrap();
    plans::amend(&mut tx, &actor, &head).await.unwrap().unwrap();
    tx.commit().await.unwrap();
    let draft = plans::load(&t.db, plan_id).await.unwrap().unwrap();
    let mine = draft
        .priorities
        .iter()
        .find(|p| p.id == priority_id)
        .unwrap();
    let renamed = PriorityInput {
        title: SECOND_TITLE.into(),
        ..priority
    };
    let mut tx = t.db.begin().await.unwrap();
    plans::save_priority(
        &mut tx,
        &actor,
        plan_id,
        havant,
        priority_id,
        mine.revision,
        &renamed,
    )
    .await
    .unwrap()
    .unwrap();
    plans::save_measure(
        &mut tx,
        &actor,
        plan_id,
        havant,
        priority_id,
        Some(measure_id),
        mine.measures[0].revision,
        &measure(SECOND_TARGET),
        Some(ni112),
    )
    .await
    .unwrap()
    .unwrap();
    tx.commit().await.unwrap();
    for ((email, may), cookie) in PEOPLE.iter().zip(&cookies) {
        let p = panel(&app, cookie).await;
        assert_eq!(p.status, Some(PlanStatus::Draft), "{email}");
        let (shown, hidden) = if *may {
            (SECOND_TITLE, FIRST_TITLE)
        } else {
            (FIRST_TITLE, SECOND_TITLE)
        };
        assert!(p.priorities.iter().any(|t| t == shown), "{email}: {shown}");
        assert!(
            !p.priorities.iter().any(|t| t == hidden),
            "{email}: {hidden}"
        );
        let d = detail(&app, cookie).await;
        assert_eq!(
            d.target.as_ref().map(|t| t.value),
            Some(FIRST_TARGET),
            "{email}: still version 1's"
        );
    }
    nobody_sees_plan_content(&app).await;
});
