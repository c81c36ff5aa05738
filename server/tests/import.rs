//! Importing the real published indicator files (read from ../shared, never copied), on both
//! backends.

mod common;

use app::db::catalogue::{self, NewIndicator};
use app::db::import::{import_csv, Mode};
use app::domain::{Frequency, GeographyLevel, IndicatorCode, Polarity, Unit};
use common::scalar_i64;
use server::demo;

fn shared(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/indicators")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the shared data must sit beside the repository)",
            path.display()
        )
    })
}

async fn new_indicator(db: &app::db::Db, code: &str) -> i64 {
    let mut tx = db.begin().await.unwrap();
    let id = catalogue::insert_indicator(
        &mut tx,
        &NewIndicator {
            code: IndicatorCode::parse(code).unwrap(),
            title: code.into(),
            unit: Unit::Percentage,
            polarity: Polarity::LowerIsBetter,
            source: "test".into(),
            frequency: Frequency::Annual,
            geography_level: GeographyLevel::District,
            notes: String::new(),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

async fn held(db: &app::db::Db, indicator: i64) -> i64 {
    scalar_i64(
        db,
        &format!("SELECT COUNT(*) FROM measurement WHERE indicator_id = {indicator}"),
    )
    .await
}

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
            report.comparator_rows, england,
            "{file}: England is kept as a comparator"
        );
        assert_eq!(
            report.skipped_outside,
            report.rows - hampshire - england,
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
