//! The check of a measurements file before anything is imported, on both backends: impossible
//! figures, rows without a value and duplicate area-period rows are named by line on the check
//! page, refused by the import (from the page and the command line) with nothing changed; the
//! check says what will be stored, skipped and suppressed; a file's significance column is kept
//! and shown; indicator codes keep their case and are compared without it. The files are
//! adapted from the real published ones (read from ../shared at test time).

mod common;
mod imports_support;

use common::{rows_text, scalar_i64, snapshot, TestApp, DEMO_PASSWORD};
use imports_support::{held, new_indicator, run_to_end, shared, upload_for, view_json};
use server::demo;

/// The heading and the first eight Eastleigh rows of the reception-year excess weight file
/// (2006/07 to 2013/14), with an impossible percentage on lines 3 and 4, line 5 cut short before
/// its value, and line 9's area and period again on line 10.
fn broken_eastleigh_file() -> String {
    let text = shared("excess_weight_reception.csv");
    let mut lines = text.lines();
    let header = lines.next().unwrap().to_string();
    let mut rows: Vec<Vec<String>> = lines
        .filter(|l| l.starts_with("E07000086,"))
        .take(8)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    assert_eq!(rows[7][2], "2013/14", "the shared file is as expected");
    rows[1][3] = "-5".into();
    rows[2][3] = "150".into();
    rows[3].truncate(3);
    let mut again = rows[7].clone();
    again[3] = "19.9".into();
    rows.push(again);
    std::iter::once(header)
        .chain(rows.iter().map(|r| r.join(",")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the check and every import say of [`broken_eastleigh_file`].
const BROKEN_EASTLEIGH: [&str; 4] = [
    "Line 3: the value -5 is not possible: a percentage must be from 0 to 100",
    "Line 4: the value 150 is not possible: a percentage must be from 0 to 100",
    "Line 5: the row has 3 fields where the headings have 8: there is no value column",
    "Line 10: this area and period duplicates line 9 (E07000086, 2013/14)",
];

fn bad_rows(view: &serde_json::Value) -> Vec<String> {
    view["bad"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| format!("Line {}: {}", b["line"], b["reason"].as_str().unwrap()))
        .collect()
}

async fn admin(app: &TestApp) -> String {
    app.sign_in("admin@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap()
}

/// The summary list marked `testid` on the page at `path`, as HTML.
async fn summary_list(app: &TestApp, cookie: &str, path: &str, testid: &str) -> String {
    let page = app.get_as(path, Some(cookie)).await.text().await.unwrap();
    page.split(&format!("data-testid=\"{testid}\""))
        .nth(1)
        .and_then(|s| s.split("</dl>").next())
        .unwrap_or_else(|| panic!("no {testid} on {path}: {page}"))
        .to_string()
}

/// Every figure held, in one line: what a refused import must leave exactly as it was.
async fn values(db: &app::db::Db) -> Vec<String> {
    rows_text(
        db,
        "SELECT CAST(COUNT(*) AS TEXT) || ' ' || COALESCE(CAST(SUM(value) AS TEXT), '') FROM measurement",
    )
    .await
}

async fn ni_116(db: &app::db::Db) -> i64 {
    scalar_i64(db, "SELECT id FROM indicator WHERE code = 'NI 116'").await
}

on_both_backends!(
    impossible_short_and_duplicate_rows_are_named_by_line_and_refused,
    |t| {
        demo::load(&t.db, common::today()).await.unwrap();
        let app = TestApp::spawn(t.db.clone()).await;
        let admin = admin(&app).await;
        let indicator = ni_116(&t.db).await;
        let id = upload_for(
            &app,
            &admin,
            "NI 116",
            "eastleigh.csv",
            &broken_eastleigh_file(),
        )
        .await;
        let figures = held(&t.db, indicator).await;

        let view = view_json(&app, &admin, id).await;
        assert_eq!(bad_rows(&view), BROKEN_EASTLEIGH);
        assert_eq!(view["good"], 5, "{view}");
        let page = app
            .get_as(&format!("/admin/imports/{id}"), Some(&admin))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("this area and period duplicates line 9 (E07000086, 2013/14)"),
            "the check page names the row"
        );

        // Importing everything is refused, and nothing changes.
        let before = snapshot(&t.db).await;
        let values_before = values(&t.db).await;
        let done = run_to_end(&app, &admin, id, "all_or_nothing").await;
        assert_eq!(done["outcome"]["imported"], false, "{done}");
        assert_eq!(done["outcome"]["bad"], 4, "{done}");
        assert_eq!(held(&t.db, indicator).await, figures);
        let after: Vec<String> = snapshot(&t.db)
            .await
            .into_iter()
            .map(|row| {
                row.replace(
                    &format!("({id}, \"done\")"),
                    &format!("({id}, \"uploaded\")"),
                )
            })
            .collect();
        assert_eq!(after, before, "only the job's own status changed");
        assert_eq!(values(&t.db).await, values_before, "no figure changed");

        // The same file straight through the repository: refused with the same reasons.
        let report = app::db::import::import_csv(
            &t.db,
            &app::db::audit::Actor::system("test"),
            indicator,
            &broken_eastleigh_file(),
            app::db::import::Mode::AllOrNothing,
        )
        .await
        .unwrap();
        assert!(!report.imported);
        let named: Vec<String> = report
            .errors
            .iter()
            .map(|e| format!("Line {}: {}", e.line, e.reason))
            .collect();
        assert_eq!(named, BROKEN_EASTLEIGH);
        assert_eq!(values(&t.db).await, values_before);
    }
);

on_both_backends!(a_heading_without_a_value_column_is_named_by_line, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let indicator = ni_116(&t.db).await;
    let text = shared("low_income_families.csv").replacen(
        "area_code,area_name,period,value,",
        "area_code,area_name,period,figure,",
        1,
    );
    let err = app::db::import::import_csv(
        &t.db,
        &app::db::audit::Actor::system("test"),
        indicator,
        &text,
        app::db::import::Mode::AllOrNothing,
    )
    .await
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Line 1 (the headings): there is no column for the value: expected a heading such as 'value'"
    );
    let app = TestApp::spawn(t.db.clone()).await;
    let admin = admin(&app).await;
    let id = upload_for(&app, &admin, "NI 116", "no-value.csv", &text).await;
    let view = view_json(&app, &admin, id).await;
    assert_eq!(view["mapping_problem"], err.to_string());
});

on_both_backends!(
    the_check_says_what_will_be_stored_skipped_and_suppressed,
    |t| {
        demo::load(&t.db, common::today()).await.unwrap();
        let app = TestApp::spawn(t.db.clone()).await;
        let admin = admin(&app).await;
        let id = upload_for(
            &app,
            &admin,
            "NI 116",
            "excess_weight_reception.csv",
            &shared("excess_weight_reception.csv"),
        )
        .await;
        let check = summary_list(
            &app,
            &admin,
            &format!("/admin/imports/{id}"),
            "import-check",
        )
        .await;
        // Hampshire's 11 districts and England over 12 years; 7 of those figures are "NA".
        for said in [
        "3,936",
        "144 rows: 132 for partnership areas, 0 for the county, 12 for comparators (England and regions)",
        "3,792 rows, skipped",
        "7 (such as NA or x): kept as missing, never as zero",
        ">0<",
    ] {
        assert!(check.contains(said), "{said:?} in {check}");
    }
        let view = view_json(&app, &admin, id).await;
        let tally = &view["tally"];
        assert_eq!(
            (
                &tally["rows"],
                &tally["area_rows"],
                &tally["county_rows"],
                &tally["comparator_rows"],
                &tally["skipped_outside"],
                &tally["suppressed"],
                &tally["bad"]
            ),
            (
                &3936.into(),
                &132.into(),
                &0.into(),
                &12.into(),
                &3792.into(),
                &7.into(),
                &0.into()
            )
        );
    }
);

on_both_backends!(the_command_line_refuses_the_same_rows, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let indicator = ni_116(&t.db).await;
    let figures = held(&t.db, indicator).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("eastleigh.csv");
    std::fs::write(&file, broken_eastleigh_file()).unwrap();
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_trustboard"))
            .args(["import-measurements", "--indicator", "ni 116", "--file"])
            .arg(&file)
            .args(extra)
            .env("DATABASE_URL", &t.url)
            .env_remove("TRUSTBOARD_DATABASE_URL")
            .env_remove("TRUSTBOARD_CONFIG")
            .env("RUST_LOG", "error")
            .output()
            .unwrap()
    };
    let out = run(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "refused: {stdout}");
    for line in BROKEN_EASTLEIGH {
        assert!(stdout.contains(line), "{line:?} in {stdout}");
    }
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("nothing was imported"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(held(&t.db, indicator).await, figures, "nothing changed");

    // Only the valid rows, when asked: the first of the two duplicate rows, not the second.
    let out = run(&["--valid-rows-only"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("Rows with errors: 4"), "{stdout}");
    let kept = rows_text(
        &t.db,
        &format!(
            "SELECT CAST(m.value AS TEXT) FROM measurement m JOIN area a ON a.id = m.area_id
             WHERE m.indicator_id = {indicator} AND a.code = 'E07000086' AND m.period = '2013/14'"
        ),
    )
    .await;
    assert_eq!(kept.len(), 1);
    assert_ne!(kept[0], "19.9", "the duplicate row was not imported");
});

on_both_backends!(
    the_significance_published_with_a_figure_is_kept_and_shown,
    |t| {
        demo::load(&t.db, common::today()).await.unwrap();
        let indicator = new_indicator(&t.db, "LIF").await;
        let report = app::db::import::import_csv(
            &t.db,
            &app::db::audit::Actor::system("test"),
            indicator,
            &shared("low_income_families.csv"),
            app::db::import::Mode::AllOrNothing,
        )
        .await
        .unwrap();
        assert!(report.imported && report.errors.is_empty());
        let kept = rows_text(
            &t.db,
            &format!(
                "SELECT a.code || ' ' || m.period || ' ' || COALESCE(m.significance, 'none')
             FROM measurement m JOIN area a ON a.id = m.area_id
             WHERE m.indicator_id = {indicator} AND m.period IN ('2015', '2016')
               AND a.code IN ('E07000088', 'E92000001')
             ORDER BY a.code, m.period"
            ),
        )
        .await;
        assert_eq!(
            kept,
            [
                "E07000088 2015 Better",
                "E07000088 2016 Better",
                "E92000001 2015 Not compared",
                "E92000001 2016 Not compared"
            ]
        );
        let app = TestApp::spawn(t.db.clone()).await;
        let admin = admin(&app).await;
        let summary = summary_list(
            &app,
            &admin,
            "/dashboard/detail?partnership=gosport&indicator=LIF",
            "detail-summary",
        )
        .await;
        assert!(
            summary.contains("As published: Better (2016)"),
            "beside the comparator rating: {summary}"
        );
    }
);

on_both_backends!(
    indicator_codes_keep_their_case_and_are_compared_without_it,
    |t| {
        demo::load(&t.db, common::today()).await.unwrap();
        let app = TestApp::spawn(t.db.clone()).await;
        let admin = admin(&app).await;
        let form = |code: &str| {
            vec![
                ("id", "0".to_string()),
                ("code", code.to_string()),
                (
                    "title",
                    "Hospital admissions caused by injuries in children (0-14 years)".into(),
                ),
                ("unit", "rate_per_10000".into()),
                ("polarity", "lower_is_better".into()),
                ("source", "Hospital Episode Statistics".into()),
                ("frequency", "annual".into()),
                ("geography_level", "district".into()),
                ("notes", String::new()),
                ("rag_tolerance", "1".into()),
                ("small_number_threshold", "5".into()),
                ("trend_threshold", "0".into()),
            ]
        };
        let res = app
            .post_as(
                "/api/admin/indicators/save",
                Some(&admin),
                &form("PH 2.06ii"),
            )
            .await;
        assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());
        assert_eq!(
        rows_text(
            &t.db,
            "SELECT code FROM indicator WHERE title = 'Hospital admissions caused by injuries in children (0-14 years)'"
        )
        .await,
        ["PH 2.06ii"],
        "kept as typed"
    );
        // The same code in other letters is the same code.
        let before = snapshot(&t.db).await;
        let res = app
            .post_as(
                "/api/admin/indicators/save",
                Some(&admin),
                &form("ph 2.06II"),
            )
            .await;
        assert_eq!(res.status().as_u16(), 422);
        let e: app::error::AppError = res.json().await.unwrap();
        assert_eq!(
            e.field_errors()
                .iter()
                .map(|f| (f.field.as_str(), f.message.as_str()))
                .collect::<Vec<_>>(),
            [("code", "Another indicator already has that code")]
        );
        assert_eq!(snapshot(&t.db).await, before);
        // The database refuses it too, whoever writes.
        assert!(
            common::exec(
                &t.db,
                "UPDATE indicator SET code = 'ni 112' WHERE code = 'NI 116'"
            )
            .await
            .is_err(),
            "a unique index without case"
        );
        // An upload names the indicator in any case.
        let id = upload_for(
            &app,
            &admin,
            "ph 2.06II",
            "injuries.csv",
            "area_code,period,value\nE07000088,2016/17,98.1\n",
        )
        .await;
        let view = view_json(&app, &admin, id).await;
        assert!(
            view["indicator"]
                .as_str()
                .unwrap()
                .starts_with("PH 2.06ii "),
            "{view}"
        );
    }
);
