//! Repository tests: every one runs on SQLite and on PostgreSQL.

mod common;

use app::db::{calendar, catalogue, partnerships, reference, Db};
use app::domain::calendar::default_calendar;
use app::domain::{AreaCode, AreaKind, MemberRole, Period, PlanYear};
use common::{fresh_db, today, Backend};
use server::demo::{self, SeedOutcome};
use std::collections::BTreeSet;

async fn count(db: &Db, table: &str) -> i64 {
    common::scalar_i64(db, &format!("SELECT COUNT(*) FROM {table}")).await
}

/// (table, column, nullable) for every column the migrations create.
async fn columns(db: &Db) -> BTreeSet<(String, String, bool)> {
    let rows: Vec<(String, String, bool)> = match db {
        Db::Sqlite(p) => sqlx::query_as(
            "SELECT m.name, c.name, (c.\"notnull\" = 0 AND c.pk = 0) FROM sqlite_master m
             JOIN pragma_table_info(m.name) c
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'",
        )
        .fetch_all(p)
        .await
        .unwrap(),
        Db::Postgres(p) => sqlx::query_as(
            "SELECT table_name::text, column_name::text, is_nullable = 'YES' FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'",
        )
        .fetch_all(p)
        .await
        .unwrap(),
    };
    rows.into_iter().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_backends_have_the_same_tables_and_columns() {
    let sqlite = fresh_db(Backend::Sqlite).await;
    let postgres = fresh_db(Backend::Postgres).await;
    let (s, p) = (columns(&sqlite.db).await, columns(&postgres.db).await);
    assert!(s.len() > 40, "the schema has its tables: {s:?}");
    let only_sqlite: Vec<_> = s.difference(&p).collect();
    let only_postgres: Vec<_> = p.difference(&s).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "migrations are out of lockstep.\nonly in SQLite: {only_sqlite:?}\nonly in PostgreSQL: {only_postgres:?}"
    );
}

on_both_backends!(migrating_twice_changes_nothing, |t| {
    let before = columns(&t.db).await;
    t.db.migrate().await.unwrap();
    assert_eq!(columns(&t.db).await, before);
});

on_both_backends!(demo_data_loads_once_and_never_twice, |t| {
    let first = demo::load(&t.db, today()).await.unwrap();
    assert_eq!(
        first,
        SeedOutcome::Loaded {
            partnerships: 11,
            indicators: 36,
            measurements: 36 * 10 * 13
        }
    );
    let counts = [
        count(&t.db, "partnership").await,
        count(&t.db, "person").await,
        count(&t.db, "measurement").await,
        count(&t.db, "cycle_stage").await,
    ];
    assert_eq!(counts, [11, 88, 4680, 24]);
    assert_eq!(
        demo::load(&t.db, today()).await.unwrap(),
        SeedOutcome::AlreadyPresent
    );
    let again = [
        count(&t.db, "partnership").await,
        count(&t.db, "person").await,
        count(&t.db, "measurement").await,
        count(&t.db, "cycle_stage").await,
    ];
    assert_eq!(again, counts, "a second load changes nothing");
    let trust = reference::trust(&t.db).await.unwrap().unwrap();
    assert!(trust.is_demo);
    assert_eq!(trust.county_code.as_str(), "E10000014");
});

on_both_backends!(overview_lists_every_partnership_with_its_facts, |t| {
    demo::load(&t.db, today()).await.unwrap();
    let trust = reference::trust(&t.db).await.unwrap().unwrap();
    let rows = partnerships::overview(&t.db, trust.id, "NI 116")
        .await
        .unwrap();
    assert_eq!(rows.len(), 11);
    let names: Vec<_> = rows.iter().map(|r| r.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "ordered by name");
    assert_eq!(names[0], "Basingstoke and Deane Children's Partnership");
    let codes: BTreeSet<_> = rows
        .iter()
        .map(|r| r.areas[0].0.as_str().to_string())
        .collect();
    let expected: BTreeSet<_> = (84..=94).map(|n| format!("E07000{n:03}")).collect();
    assert_eq!(codes, expected, "E07000084 to E07000094");
    for r in &rows {
        assert!(r.chair.is_some(), "{} has a chair", r.name);
        assert_eq!(r.member_count, 8);
        assert_eq!(r.organisation_count, 11);
        let h = r.headline.as_ref().expect("a headline figure");
        assert_eq!(h.indicator_code, "NI 116");
        assert_eq!(h.period, "2025/26", "the latest complete year");
        assert!(h.value.ends_with('%') && h.england.is_some());
    }
    // The generated figures respect deprivation: Havant's child poverty exceeds Hart's.
    let value = |slug: &str| -> f64 {
        let r = rows.iter().find(|r| r.slug == slug).unwrap();
        r.headline
            .as_ref()
            .unwrap()
            .value
            .trim_end_matches('%')
            .parse()
            .unwrap()
    };
    assert!(value("havant") > value("hart"));
});

on_both_backends!(overview_of_an_unknown_indicator_has_no_headline, |t| {
    demo::load(&t.db, today()).await.unwrap();
    let trust = reference::trust(&t.db).await.unwrap().unwrap();
    let rows = partnerships::overview(&t.db, trust.id, "NI 999")
        .await
        .unwrap();
    assert_eq!(rows.len(), 11);
    assert!(rows.iter().all(|r| r.headline.is_none()));
});

on_both_backends!(calendar_is_stored_in_date_order_and_replaced_whole, |t| {
    let mut tx = t.db.begin().await.unwrap();
    let trust = reference::insert_trust(
        &mut tx,
        "Test Trust",
        &AreaCode::parse("E10000014").unwrap(),
        false,
    )
    .await
    .unwrap();
    let year = PlanYear::new(2026).unwrap();
    let mut stages = default_calendar(year);
    stages.reverse();
    calendar::save_calendar(&mut tx, trust, year, &stages)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let stored = calendar::calendar(&t.db, trust, year).await.unwrap();
    assert_eq!(stored.len(), stages.len());
    assert!(stored.windows(2).all(|w| w[0].due <= w[1].due));
    assert_eq!(
        stored[0].opens,
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
    );

    let mut tx = t.db.begin().await.unwrap();
    calendar::save_calendar(&mut tx, trust, year, &stages[..3])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        calendar::calendar(&t.db, trust, year).await.unwrap().len(),
        3
    );
    assert!(
        calendar::calendar(&t.db, trust, PlanYear::new(2027).unwrap())
            .await
            .unwrap()
            .is_empty()
    );
});

on_both_backends!(
    missing_values_stay_missing_and_reimporting_changes_nothing,
    |t| {
        let mut tx = t.db.begin().await.unwrap();
        let area = reference::upsert_area(
            &mut tx,
            &AreaCode::parse("E07000088").unwrap(),
            "Gosport",
            AreaKind::District,
            None,
        )
        .await
        .unwrap();
        let indicator = catalogue::insert_indicator(
            &mut tx,
            &catalogue::NewIndicator {
                code: app::domain::IndicatorCode::parse("NI 117").unwrap(),
                title: "NEET".into(),
                unit: app::domain::Unit::Percentage,
                polarity: app::domain::Polarity::LowerIsBetter,
                source: "DfE".into(),
                frequency: app::domain::Frequency::Annual,
                geography_level: app::domain::GeographyLevel::District,
                notes: String::new(),
            },
        )
        .await
        .unwrap();
        let rows: Vec<_> = [
            ("2015/16", Some(6.5)),
            ("2016/17", None),
            ("Q1 2016/17", Some(0.0)),
        ]
        .iter()
        .map(|(p, v)| catalogue::NewMeasurement {
            indicator_id: indicator,
            area_id: area,
            period: Period::parse(p).unwrap(),
            value: *v,
            numerator: None,
            denominator: None,
            ci: Some((1.0, 2.0)),
            significance: None,
        })
        .collect();
        catalogue::upsert_measurements(&mut tx, &rows)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut tx = t.db.begin().await.unwrap();
        catalogue::upsert_measurements(&mut tx, &rows)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            catalogue::count_measurements(&t.db).await.unwrap(),
            3,
            "the same rows again add nothing"
        );

        let stored: Vec<(String, Option<f64>, chrono::NaiveDate)> = match &t.db {
            Db::Sqlite(p) => sqlx::query_as(
                "SELECT period, value, period_start FROM measurement ORDER BY period_start, period",
            )
            .fetch_all(p)
            .await
            .unwrap(),
            Db::Postgres(p) => sqlx::query_as(
                "SELECT period, value, period_start FROM measurement ORDER BY period_start, period",
            )
            .fetch_all(p)
            .await
            .unwrap(),
        };
        assert_eq!(
            stored[0],
            (
                "2015/16".into(),
                Some(6.5),
                chrono::NaiveDate::from_ymd_opt(2015, 4, 1).unwrap()
            )
        );
        let missing = stored.iter().find(|r| r.0 == "2016/17").unwrap();
        assert_eq!(missing.1, None, "a missing value is not zero");
        let zero = stored.iter().find(|r| r.0 == "Q1 2016/17").unwrap();
        assert_eq!(zero.1, Some(0.0), "a real zero is kept");
    }
);

on_both_backends!(a_partnership_has_at_most_one_chair, |t| {
    demo::load(&t.db, today()).await.unwrap();
    let before = count(&t.db, "partnership_member").await;
    let (partnership, person): (i64, i64) = match &t.db {
        Db::Sqlite(p) => sqlx::query_as(
            "SELECT partnership_id, person_id FROM partnership_member WHERE role = 'member' ORDER BY partnership_id LIMIT 1",
        )
        .fetch_one(p)
        .await
        .unwrap(),
        Db::Postgres(p) => sqlx::query_as(
            "SELECT partnership_id, person_id FROM partnership_member WHERE role = 'member' ORDER BY partnership_id LIMIT 1",
        )
        .fetch_one(p)
        .await
        .unwrap(),
    };
    let mut tx = t.db.begin().await.unwrap();
    let err = reference::add_member(&mut tx, partnership, person, MemberRole::Chair)
        .await
        .unwrap_err();
    assert!(err.is_unique_violation(), "{err}");
    drop(tx);
    assert_eq!(
        count(&t.db, "partnership_member").await,
        before,
        "nothing changed"
    );
});

on_both_backends!(
    stored_text_outside_the_domain_is_refused_by_the_schema,
    |t| {
        let result = common::exec(
            &t.db,
            "INSERT INTO area (code, name, kind) VALUES ('E07000001', 'X', 'galaxy')",
        )
        .await;
        assert!(result.is_err(), "CHECK constraints mirror the domain enums");
        assert_eq!(count(&t.db, "area").await, 0);
    }
);

on_both_backends!(ended_sessions_and_old_attempts_are_purged, |t| {
    use app::db::accounts;
    let mut tx = t.db.begin().await.unwrap();
    let user = accounts::insert_user(
        &mut tx,
        &accounts::NewUser {
            email: "p@example.org",
            display_name: "P",
            password_hash: "x",
            is_demo: false,
        },
    )
    .await
    .unwrap();
    let now = app::db::now();
    accounts::create_session(&mut tx, "live", user, now + chrono::TimeDelta::hours(1))
        .await
        .unwrap();
    accounts::create_session(
        &mut tx,
        "expired",
        user,
        now - chrono::TimeDelta::seconds(1),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(accounts::count_sessions(&t.db, user).await.unwrap(), 2);
    let purged = accounts::purge_expired_sessions(&t.db, now, now - chrono::TimeDelta::hours(1))
        .await
        .unwrap();
    assert_eq!(purged, 1);
    assert!(
        accounts::live_session(&t.db, "live", now, now - chrono::TimeDelta::hours(1))
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        accounts::live_session(&t.db, "expired", now, now - chrono::TimeDelta::hours(1))
            .await
            .unwrap()
            .is_none()
    );

    let since = now - chrono::TimeDelta::minutes(15);
    for succeeded in [false, true] {
        let mut tx = t.db.begin().await.unwrap();
        accounts::record_attempt(&mut tx, "p@example.org", "127.0.0.1", succeeded)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let failures = accounts::address_failures(&t.db, "127.0.0.1", since)
            .await
            .unwrap();
        assert_eq!(failures, 1, "only failures count against the address");
    }
    assert_eq!(
        accounts::purge_sign_in_attempts(&t.db, app::db::now() + chrono::TimeDelta::seconds(1))
            .await
            .unwrap(),
        2
    );
});
