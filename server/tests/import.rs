//! Importing the real published indicator files (read from ../shared, never copied), on both
//! backends.

mod common;
mod imports_support;

use app::db::catalogue;
use app::db::import::{import_csv, Mode};
use app::domain::IndicatorCode;
use common::scalar_i64;
use imports_support::{held, new_indicator, shared};
use server::demo;

on_both_backends!(the_real_files_import_for_hampshire_and_keep_england, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    for (file, code, hampshire, england) in [
        ("low_income_families.csv", "LIF", 121, 11),
        ("excess_weight_reception.csv", "EWR", 132, 12),
    ] {
        let text = shared(file);
        let indicator = new_indicator(&t.db, code).await;
        let report = import_csv(
            &t.db,
            &app::db::audit::Actor::system("test"),
            indicator,
            &text,
            Mode::AllOrNothing,
        )
        .await
        .unwrap();
        assert!(report.errors.is_empty(), "{file}: {:?}", report.errors);
        assert!(report.imported);
        assert_eq!(report.added, hampshire + england, "{file}");
        assert_eq!(
            report.tally.comparator_rows, england,
            "{file}: England is kept as a comparator"
        );
        assert_eq!(
            report.tally.skipped_outside,
            report.tally.rows - hampshire - england,
            "{file}: other districts are skipped and counted"
        );
        assert_eq!(held(&t.db, indicator).await, (hampshire + england) as i64);
        let in_districts = scalar_i64(
            &t.db,
            &format!("SELECT COUNT(*) FROM measurement m JOIN area a ON a.id = m.area_id WHERE m.indicator_id = {indicator} AND a.kind = 'district'"),
        )
        .await;
        assert_eq!(in_districts, hampshire as i64);

        // The same file again changes nothing.
        let again = import_csv(
            &t.db,
            &app::db::audit::Actor::system("test"),
            indicator,
            &text,
            Mode::AllOrNothing,
        )
        .await
        .unwrap();
        assert_eq!(
            (again.added, again.changed, again.unchanged, again.imported),
            (0, 0, hampshire + england, false)
        );
        assert_eq!(held(&t.db, indicator).await, (hampshire + england) as i64);
        let audited = scalar_i64(&t.db, &format!("SELECT COUNT(*) FROM audit_event WHERE entity_type = 'indicator' AND entity_id = '{indicator}'")).await;
        assert_eq!(
            audited, 1,
            "{file}: the import is in the audit trail; the no-op re-import is not"
        );
    }
});

on_both_backends!(a_copy_with_one_broken_row_imports_nothing, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let text = shared("low_income_families.csv");
    // Break the value of the first Gosport row.
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with("E07000088,"))
        .unwrap();
    let mut fields: Vec<String> = lines[i].split(',').map(str::to_string).collect();
    fields[3] = "twelve".into();
    lines[i] = fields.join(",");
    let broken = lines.join("\n");
    let indicator = new_indicator(&t.db, "LIF").await;

    let report = import_csv(
        &t.db,
        &app::db::audit::Actor::system("test"),
        indicator,
        &broken,
        Mode::AllOrNothing,
    )
    .await
    .unwrap();
    assert!(!report.imported);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].line, i + 1, "the line number in the file");
    assert!(report.errors[0].reason.contains("'twelve' is not a number"));
    assert_eq!(held(&t.db, indicator).await, 0, "nothing was imported");

    // When the person chooses, exactly the valid rows are imported, and the report says which not.
    let report = import_csv(
        &t.db,
        &app::db::audit::Actor::system("test"),
        indicator,
        &broken,
        Mode::ValidRowsOnly,
    )
    .await
    .unwrap();
    assert!(report.imported);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(held(&t.db, indicator).await, 121 + 11 - 1);
});

on_both_backends!(unreadable_files_are_refused_with_a_reason, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let indicator = new_indicator(&t.db, "LIF").await;
    for (text, reason) in [
        ("", "empty"),
        ("name,value\nx,1\n", "area code"),
        (
            "area_code,period,value\n\"E07000084,2016,1\n",
            "never closed",
        ),
    ] {
        let err = import_csv(
            &t.db,
            &app::db::audit::Actor::system("test"),
            indicator,
            text,
            Mode::AllOrNothing,
        )
        .await
        .unwrap_err();
        assert!(err.to_string().contains(reason), "{err}");
    }
    assert_eq!(held(&t.db, indicator).await, 0);
});

// ---- Imports through the administration pages: interrupted jobs and the audit trail ----

use app::api::imports::ImportView;
use app::db::import_jobs::{self, Upload, INTERRUPTED};
use app::db::Db;
use common::{rows_text, TestApp, DEMO_PASSWORD};

async fn set_heartbeat(db: &Db, id: i64, at: Option<chrono::DateTime<chrono::Utc>>) {
    let sql = "UPDATE import_job SET heartbeat_at = $1 WHERE id = $2";
    match db {
        Db::Sqlite(p) => sqlx::query(sql)
            .bind(at)
            .bind(id)
            .execute(p)
            .await
            .map(|_| ()),
        Db::Postgres(p) => sqlx::query(sql)
            .bind(at)
            .bind(id)
            .execute(p)
            .await
            .map(|_| ()),
    }
    .unwrap();
}

async fn status(db: &Db, id: i64) -> String {
    rows_text(
        db,
        &format!("SELECT status FROM import_job WHERE id = {id}"),
    )
    .await
    .remove(0)
}

async fn view_of(app: &TestApp, cookie: &str, id: i64) -> ImportView {
    let res = app
        .get_as(&format!("/api/admin/import?id={id}"), Some(cookie))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    res.json().await.unwrap()
}

on_both_backends!(
    interrupted_imports_are_failed_on_start_up_and_live_ones_kept,
    |t| {
        demo::load(&t.db, common::today()).await.unwrap();
        let code = IndicatorCode::parse("NI 116").unwrap();
        let indicator = catalogue::indicator_by_code(&t.db, &code)
            .await
            .unwrap()
            .unwrap()
            .id;
        let text = shared("low_income_families.csv");
        let actor = app::db::audit::Actor::system("test");
        let mut jobs = Vec::new();
        for _ in 0..3 {
            let upload = Upload {
                indicator_id: indicator,
                indicator_code: "NI 116",
                file_name: "lif.csv",
                content: &text,
                rows: 3608,
            };
            let id = import_jobs::create(&t.db, &actor, &upload).await.unwrap();
            assert!(import_jobs::claim(&t.db, id, Mode::AllOrNothing)
                .await
                .unwrap()
                .is_some());
            jobs.push(id);
        }
        let (stale, live, unleased) = (jobs[0], jobs[1], jobs[2]);
        // One left by a server that stopped five minutes ago; one whose server renews its lease;
        // one left by a server from before leases.
        set_heartbeat(
            &t.db,
            stale,
            Some(app::db::now() - chrono::TimeDelta::minutes(5)),
        )
        .await;
        set_heartbeat(&t.db, live, Some(app::db::now())).await;
        set_heartbeat(&t.db, unleased, None).await;
        let figures = held(&t.db, indicator).await;

        let mut recovered = server::recover_interrupted_imports(&t.db).await.unwrap();
        recovered.sort();
        assert_eq!(recovered, vec![stale, unleased]);
        assert_eq!(status(&t.db, stale).await, "failed");
        assert_eq!(status(&t.db, unleased).await, "failed");
        assert_eq!(
            status(&t.db, live).await,
            "running",
            "another server's live job"
        );
        assert_eq!(held(&t.db, indicator).await, figures, "nothing was kept");
        // A second server starting leaves the live job alone too.
        assert!(server::recover_interrupted_imports(&t.db)
            .await
            .unwrap()
            .is_empty());

        // The page says what happened, and the file can be run again from it.
        let app = TestApp::spawn(t.db.clone()).await;
        let admin = app
            .sign_in("admin@trustboard.example", DEMO_PASSWORD)
            .await
            .unwrap();
        let view = view_of(&app, &admin, stale).await;
        assert_eq!(view.status, "failed");
        let outcome = view.outcome.unwrap();
        assert!(!outcome.imported);
        assert_eq!(outcome.message.as_deref(), Some(INTERRUPTED));
        let page = app
            .get_as(&format!("/admin/imports/{stale}"), Some(&admin))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("nothing from it was kept"), "{page}");
        assert!(page.contains("run-form"), "the file can be run again");
        let run = |id: i64| {
            let (app, admin) = (&app, &admin);
            async move {
                app.post_as(
                    "/api/admin/import/run",
                    Some(admin),
                    &[("id", id.to_string()), ("mode", "all_or_nothing".into())],
                )
                .await
            }
        };
        assert_eq!(run(live).await.status().as_u16(), 409, "one run at a time");
        assert_eq!(run(stale).await.status().as_u16(), 200);
        let mut view = view_of(&app, &admin, stale).await;
        for _ in 0..200 {
            if view.status != "running" {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            view = view_of(&app, &admin, stale).await;
        }
        assert_eq!(view.status, "done");
        let outcome = view.outcome.unwrap();
        assert!(outcome.imported && outcome.added > 0, "{outcome:?}");
        assert!(held(&t.db, indicator).await > figures);
    }
);

/// Uploads a file for NI 116 as the page's form does; the import's id.
async fn upload(app: &TestApp, cookie: &str, name: &str, text: &str) -> i64 {
    imports_support::upload_for(app, cookie, "NI 116", name, text).await
}

on_both_backends!(uploads_and_column_mappings_are_audited, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let admin = app
        .sign_in("admin@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let text = shared("low_income_families.csv");
    let id = upload(&app, &admin, "low_income_families.csv", &text).await;
    let entry = |action: &str| {
        let db = t.db.clone();
        let sql = format!(
            "SELECT COALESCE(before_value, 'null') || '|' || after_value || '|' || summary || '|' || actor_name
             FROM audit_event WHERE entity_type = 'import' AND entity_id = '{id}' AND action = '{action}'"
        );
        async move { rows_text(&db, &sql).await }
    };
    let created = entry("create").await;
    assert_eq!(created.len(), 1, "{created:?}");
    let parts: Vec<&str> = created[0].split('|').collect();
    assert_eq!(parts[0], "null");
    let after: serde_json::Value = serde_json::from_str(parts[1]).unwrap();
    let rows = text.lines().filter(|l| !l.trim().is_empty()).count() - 1;
    assert_eq!(
        after,
        serde_json::json!({
            "file_name": "low_income_families.csv",
            "size_bytes": text.len(),
            "indicator": "NI 116",
            "rows": rows,
        })
    );
    assert!(parts[2].contains("low_income_families.csv"), "{}", parts[2]);
    assert_eq!(parts[3], "Morgan Ellis");

    // The columns as recognised, then as the person sets them: area names left out.
    let set_columns = || {
        let (app, admin) = (&app, &admin);
        async move {
            let empty = String::new;
            app.post_as(
                "/api/admin/import/mapping",
                Some(admin),
                &[
                    ("id", id.to_string()),
                    ("area_code", "0".into()),
                    ("area_name", empty()),
                    ("period", "2".into()),
                    ("value", "3".into()),
                    ("count", empty()),
                    ("denominator", empty()),
                    ("ci_lower", empty()),
                    ("ci_upper", empty()),
                ],
            )
            .await
        }
    };
    let res = set_columns().await;
    assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());
    let updated = entry("update").await;
    assert_eq!(updated.len(), 1, "{updated:?}");
    let parts: Vec<&str> = updated[0].split('|').collect();
    let before: serde_json::Value = serde_json::from_str(parts[0]).unwrap();
    let after: serde_json::Value = serde_json::from_str(parts[1]).unwrap();
    assert_eq!(before["area_name"], "area_name (column 2)");
    assert_eq!(before["indicator"], "indicator (column 5)");
    assert_eq!(after["area_code"], "area_code (column 1)");
    assert_eq!(after["value"], "value (column 4)");
    assert!(after.get("area_name").is_none(), "{after}");

    // Once imported, the columns can no longer be changed, and nothing more is audited.
    let res = app
        .post_as(
            "/api/admin/import/run",
            Some(&admin),
            &[("id", id.to_string()), ("mode", "all_or_nothing".into())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let mut done = false;
    for _ in 0..200 {
        if view_of(&app, &admin, id).await.status == "done" {
            done = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(done, "the import finishes");
    assert_eq!(set_columns().await.status().as_u16(), 409);
    assert_eq!(entry("update").await.len(), 1);
});
