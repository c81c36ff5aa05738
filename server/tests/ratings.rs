//! Ratings and figures over HTTP, on both backends: a period keeps the rating it had when a
//! later plan is approved; a figure nothing rates is "not rated", with the reason, never "no
//! data"; an indicator published only for the county is shown for every partnership as the
//! county's; figures carry their unit and rounding, and charts have round ticks.

mod common;

use app::api::dashboard::{DashboardView, Detail, Exceptions};
use app::api::map::MapView;
use app::domain::dashboard::Basis;
use app::domain::rag::{Rag, Unrated};
use common::{exec, scalar_i64, TestApp, DEMO_PASSWORD};
use server::demo;

async fn get<T: serde::de::DeserializeOwned>(app: &TestApp, path: &str, cookie: &str) -> T {
    let res = app.get_as(path, Some(cookie)).await;
    let status = res.status().as_u16();
    let body = res.text().await.unwrap();
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"))
}

async fn html(app: &TestApp, path: &str, cookie: &str) -> String {
    let res = app.get_as(path, Some(cookie)).await;
    assert_eq!(res.status().as_u16(), 200, "{path}");
    res.text().await.unwrap()
}

/// Every period's rating on the detail page, for comparing before and after.
fn ratings(d: &Detail) -> Vec<(String, Rag, Basis, Option<String>)> {
    d.rows
        .iter()
        .map(|r| (r.period.clone(), r.rag, r.basis, r.target.clone()))
        .collect()
}

on_both_backends!(approving_a_plan_never_rerates_the_past, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let board = app
        .sign_in("board@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    // Eastleigh's 2026/27 plan is submitted. Its targets are set far out of reach (the test's
    // own change), so that rating any period against them would turn it red.
    let plan_id = scalar_i64(
        &t.db,
        "SELECT p.id FROM plan p JOIN partnership pt ON pt.id = p.partnership_id
         WHERE pt.slug = 'eastleigh' AND p.plan_year = 2026 AND p.status = 'submitted'",
    )
    .await;
    exec(
        &t.db,
        &format!(
            "UPDATE plan_measure SET target = CASE
                 WHEN (SELECT polarity FROM indicator i WHERE i.id = plan_measure.indicator_id) = 'lower_is_better' THEN 0
                 ELSE 100 END
             WHERE target IS NOT NULL AND priority_id IN (SELECT id FROM plan_priority WHERE plan_id = {plan_id})"
        ),
    )
    .await
    .unwrap();
    let codes: Vec<String> = common::rows_text(
        &t.db,
        &format!(
            "SELECT DISTINCT i.code FROM plan_measure m JOIN indicator i ON i.id = m.indicator_id
             JOIN plan_priority pp ON pp.id = m.priority_id
             WHERE pp.plan_id = {plan_id} AND m.target IS NOT NULL ORDER BY i.code"
        ),
    )
    .await;
    assert!(!codes.is_empty(), "the plan has targets");

    let details = |codes: Vec<String>| {
        let app = &app;
        let board = board.clone();
        async move {
            let mut out = Vec::new();
            for code in codes {
                let d: Detail = get(
                    app,
                    &format!(
                        "/api/dashboard/detail?partnership=eastleigh&indicator={}",
                        code.replace(' ', "+")
                    ),
                    &board,
                )
                .await;
                out.push((code, d.cell.rag, ratings(&d)));
            }
            out
        }
    };
    let before = details(codes.clone()).await;
    let exceptions_before: Exceptions = get(&app, "/api/dashboard/exceptions", &board).await;
    let dashboard_before: DashboardView = get(&app, "/api/dashboard?view=indicators", &board).await;

    // The Board approves the plan (the same request the decision page sends).
    let revision = scalar_i64(
        &t.db,
        &format!("SELECT revision FROM plan WHERE id = {plan_id}"),
    )
    .await;
    let res = app
        .post_as(
            "/api/plans/decide",
            Some(&board),
            &[
                ("plan_id", plan_id.to_string()),
                ("revision", revision.to_string()),
                ("form[decision]", "approve".into()),
                ("form[comment]", String::new()),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());

    // Every figure held is for a period that ended before 2026/27 began: nothing moves.
    assert_eq!(details(codes).await, before, "no period is re-rated");
    let exceptions_after: Exceptions = get(&app, "/api/dashboard/exceptions", &board).await;
    assert_eq!(exceptions_after, exceptions_before);
    let dashboard_after: DashboardView = get(&app, "/api/dashboard?view=indicators", &board).await;
    assert_eq!(dashboard_after.rows, dashboard_before.rows);

    // A figure for 2026/27 arrives: that period, and only that one, is judged against the new
    // plan's (unreachable) target.
    let lower: Vec<String> = common::rows_text(
        &t.db,
        "SELECT code FROM indicator WHERE polarity = 'lower_is_better' ORDER BY code",
    )
    .await;
    let (code, _, earlier) = before
        .iter()
        .find(|(c, _, _)| lower.contains(c))
        .expect("a target for an indicator where lower is better");
    exec(
        &t.db,
        &format!(
            "INSERT INTO measurement (indicator_id, area_id, period, period_start, value, ci_lower, ci_upper)
             SELECT m.indicator_id, m.area_id, '2026/27', '2026-04-01', m.value, m.ci_lower, m.ci_upper
             FROM measurement m JOIN indicator i ON i.id = m.indicator_id JOIN area a ON a.id = m.area_id
             WHERE i.code = '{code}' AND a.name = 'Eastleigh' AND m.period = '2025/26'"
        ),
    )
    .await
    .unwrap();
    let d: Detail = get(
        &app,
        &format!(
            "/api/dashboard/detail?partnership=eastleigh&indicator={}",
            code.replace(' ', "+")
        ),
        &board,
    )
    .await;
    assert_eq!(d.rows[0].period, "2026/27");
    assert_eq!((d.rows[0].rag, d.rows[0].basis), (Rag::Red, Basis::Target));
    assert!(
        d.rows[0]
            .target
            .as_deref()
            .unwrap()
            .contains("in the 2026/27 plan (version 1)"),
        "{:?}",
        d.rows[0].target
    );
    assert_eq!(
        ratings(&d)[1..],
        earlier[..],
        "the earlier periods as they were"
    );
});

on_both_backends!(a_figure_nothing_rates_is_shown_as_not_rated, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let board = app
        .sign_in("board@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    // A Gosport figure rated against England, with no target in force.
    let d: DashboardView = get(&app, "/api/dashboard?view=indicators", &board).await;
    let gosport = d.rows.iter().find(|r| r.slug == "gosport").unwrap();
    let (col, _) = gosport
        .cells
        .iter()
        .enumerate()
        .find(|(_, c)| c.basis == Basis::England)
        .expect("a cell rated against England");
    let code = d.columns[col].code.clone();
    // Its confidence interval is not published: nothing can rate it any more.
    exec(
        &t.db,
        &format!(
            "UPDATE measurement SET ci_lower = NULL, ci_upper = NULL
             WHERE indicator_id = (SELECT id FROM indicator WHERE code = '{code}')
               AND area_id = (SELECT id FROM area WHERE name = 'Gosport')"
        ),
    )
    .await
    .unwrap();
    let d: DashboardView = get(&app, "/api/dashboard?view=indicators", &board).await;
    let cell = &d.rows.iter().find(|r| r.slug == "gosport").unwrap().cells[col];
    assert_eq!(cell.rag, Rag::NotRated);
    assert_eq!(cell.unrated, Some(Unrated::NoInterval));
    assert!(cell.value.is_some(), "the figure is shown");

    let query = format!("partnership=gosport&indicator={}", code.replace(' ', "+"));
    let page = html(&app, &format!("/dashboard/detail?{query}"), &board).await;
    let rating = page
        .split("data-testid=\"detail-rating\"")
        .nth(1)
        .and_then(|s| s.split("</dd>").next())
        .unwrap();
    assert!(rating.contains("Not rated"), "{rating}");
    assert!(rating.contains("no confidence interval"), "{rating}");
    assert!(!rating.contains("No data"), "{rating}");
    let latest = page
        .split("data-testid=\"detail-latest\"")
        .nth(1)
        .and_then(|s| s.split("</dd>").next())
        .unwrap();
    assert!(latest.contains(cell.value.as_deref().unwrap()), "{latest}");
    let dashboard = html(&app, "/dashboard?view=indicators", &board).await;
    let said = format!(
        ": Not rated (no target, and no confidence interval to compare with England), {}",
        cell.value.as_deref().unwrap()
    );
    assert!(dashboard.contains(&said), "the cell says why: {said}");
});

on_both_backends!(
    a_county_only_indicator_shows_the_county_figure_everywhere,
    |t| {
        demo::load(&t.db, common::today()).await.unwrap();
        let app = TestApp::spawn(t.db.clone()).await;
        let board = app
            .sign_in("board@trustboard.example", DEMO_PASSWORD)
            .await
            .unwrap();
        // Published only for the county and England, as some public-health series are.
        exec(
        &t.db,
        "INSERT INTO indicator (code, title, unit, polarity, source, frequency, geography_level, notes)
         VALUES ('PH 2.06ii', 'Excess weight in 10 to 11 year olds', 'percentage', 'lower_is_better',
                 'OHID Fingertips', 'annual', 'county', '')",
    )
    .await
    .unwrap();
        for (area, period, start, value, lo, hi) in [
            ("E10000014", "2023/24", "2023-04-01", 31.84, 31.2, 32.5),
            ("E10000014", "2024/25", "2024-04-01", 32.91, 32.3, 33.5),
            ("E92000001", "2023/24", "2023-04-01", 36.6, 36.5, 36.7),
            ("E92000001", "2024/25", "2024-04-01", 35.8, 35.7, 35.9),
        ] {
            exec(
            &t.db,
            &format!(
                "INSERT INTO measurement (indicator_id, area_id, period, period_start, value, ci_lower, ci_upper)
                 VALUES ((SELECT id FROM indicator WHERE code = 'PH 2.06ii'), (SELECT id FROM area WHERE code = '{area}'),
                         '{period}', '{start}', {value}, {lo}, {hi})"
            ),
        )
        .await
        .unwrap();
        }

        let d: DashboardView = get(
            &app,
            "/api/dashboard?view=indicators&indicator=PH+2.06ii",
            &board,
        )
        .await;
        assert_eq!(d.columns.len(), 1);
        assert_eq!(d.rows.len(), 11);
        for r in &d.rows {
            let c = &r.cells[0];
            assert!(c.county, "{}: marked as the county's", r.name);
            assert_eq!(c.value.as_deref(), Some("32.9%"), "{}", r.name);
            assert_eq!(c.period.as_deref(), Some("2024/25"));
            assert_eq!(c.rag, Rag::Green, "the county is better than England");
        }

        let detail: Detail = get(
            &app,
            "/api/dashboard/detail?partnership=gosport&indicator=PH+2.06ii",
            &board,
        )
        .await;
        assert!(detail.cell.county);
        assert_eq!(detail.rows.len(), 2);
        assert_eq!(detail.rows[0].value.as_deref(), Some("32.9%"));
        assert_eq!(detail.rows[0].england.as_deref(), Some("35.8%"));
        let page = html(
            &app,
            "/dashboard/detail?partnership=gosport&indicator=PH+2.06ii",
            &board,
        )
        .await;
        assert!(!page.contains("There are no figures to draw"));
        assert!(page.contains("The county&#x27;s figure") || page.contains("The county's figure"));

        let map: MapView = get(&app, "/api/map?shade=PH+2.06ii", &board).await;
        assert!(
            map.areas
                .iter()
                .all(|a| a.label.contains("32.9%") && a.label.contains("county")),
            "{:?}",
            map.areas.iter().map(|a| &a.label).collect::<Vec<_>>()
        );
    }
);

on_both_backends!(figures_carry_their_unit_and_charts_round_ticks, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let chair = app
        .sign_in("chair.gosport@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    // Gosport's approved 2025/26 plan: a percentage measure's baseline and target are written
    // with the unit and one decimal place.
    let (priority, baseline, target) = {
        let rows = common::rows_text(
            &t.db,
            "SELECT pp.id || '|' || m.baseline || '|' || m.target
             FROM plan_measure m JOIN plan_priority pp ON pp.id = m.priority_id
             JOIN plan p ON p.id = pp.plan_id JOIN partnership pt ON pt.id = p.partnership_id
             JOIN indicator i ON i.id = m.indicator_id
             WHERE pt.slug = 'gosport' AND p.plan_year = 2025 AND i.unit = 'percentage'
               AND m.target IS NOT NULL
             ORDER BY m.id",
        )
        .await;
        let first = rows.first().expect("a percentage measure").clone();
        let parts: Vec<String> = first.split('|').map(String::from).collect();
        (
            parts[0].clone(),
            parts[1].parse::<f64>().unwrap(),
            parts[2].parse::<f64>().unwrap(),
        )
    };
    let page = html(
        &app,
        &format!("/partnerships/gosport/plans/2025/priorities/{priority}"),
        &chair,
    )
    .await;
    assert!(
        page.contains(&format!("{baseline:.1}% (")),
        "baseline {baseline} with its unit"
    );
    assert!(
        page.contains(&format!(">{target:.1}%<")),
        "target {target} with its unit"
    );

    // The detail's chart: round ticks written in the unit, and the last period's label ends at
    // its point so it is never cut off.
    let page = html(
        &app,
        "/dashboard/detail?partnership=gosport&indicator=NI+116",
        &chair,
    )
    .await;
    let ticks: Vec<f64> = page
        .split("data-testid=\"chart-tick\">")
        .skip(1)
        .map(|s| {
            let text = s.split('<').next().unwrap();
            assert!(text.ends_with('%'), "a tick in the unit: {text}");
            text.trim_end_matches('%').replace(',', "").parse().unwrap()
        })
        .collect();
    assert!(ticks.len() >= 3, "{ticks:?}");
    let step = ticks[1] - ticks[0];
    assert!(
        [1.0, 2.0, 2.5, 5.0].iter().any(|m| {
            let power = 10f64.powf(step.log10().floor());
            (step - m * power).abs() < 1e-9
        }),
        "a round step: {ticks:?}"
    );
    assert!(
        ticks
            .iter()
            .all(|t| ((t / step).round() * step - t).abs() < 1e-9),
        "{ticks:?}"
    );
    let last_label = page.rsplit("data-testid=\"chart-period\"").next().unwrap();
    let label_tag = page
        .split("data-testid=\"chart-period\"")
        .collect::<Vec<_>>();
    let tag_before = label_tag[label_tag.len() - 2];
    let opening = tag_before.rsplit("<text").next().unwrap();
    assert!(
        opening.contains("text-anchor=\"end\""),
        "{opening}{last_label}"
    );
});
