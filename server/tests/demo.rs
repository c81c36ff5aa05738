//! The demo data, on both backends: plans in every state of the workflow for last year and this
//! year (derived from the date it is loaded on), approved versions frozen as the app freezes
//! them, the Board's comments and a district manager's, an amended plan, an edited children and
//! young people's version; the dashboard rating partnerships against the demo's targets (red,
//! amber and green) with exceptions among them; the same people in the header and the
//! partnerships table; and a second load refused with nothing changed.

mod common;

use app::api::dashboard::{DashboardView, Exceptions};
use app::db::{partnerships, plans, reference};
use app::domain::dashboard::Basis;
use app::domain::plan::{submission_problems, Plan};
use app::domain::rag::Rag;
use app::domain::PlanYear;
use common::{snapshot, TestApp, DEMO_PASSWORD};
use server::demo::{self, SeedOutcome};
use std::collections::{BTreeMap, HashSet};

fn year(y: i32) -> PlanYear {
    PlanYear::new(y).unwrap()
}

/// Each partnership's plan for a year, by slug: (status, version), `None` if not started.
async fn states(db: &app::db::Db, y: i32) -> BTreeMap<String, Option<(String, i32)>> {
    plans::year_overview(db, year(y))
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.partnership_slug, s.status.zip(s.version)))
        .collect()
}

async fn plan_of(db: &app::db::Db, slug: &str, y: i32) -> Plan {
    let (pid, _) = reference::partnership_by_slug(db, slug)
        .await
        .unwrap()
        .unwrap();
    let id = plans::find(db, pid, year(y)).await.unwrap().unwrap();
    plans::load(db, id).await.unwrap().unwrap()
}

fn state(status: &str, version: i32) -> Option<(String, i32)> {
    Some((status.to_string(), version))
}

on_both_backends!(the_demo_has_plans_in_every_state, |t| {
    let started = std::time::Instant::now();
    let outcome = demo::load(&t.db, common::today()).await.unwrap();
    assert!(matches!(outcome, SeedOutcome::Loaded { .. }));
    let took = started.elapsed();
    assert!(took.as_secs() < 30, "the demo loads in seconds: {took:?}");

    // On 23 November 2026 the 2026/27 cycle is running: last year's plans are all approved.
    let last = states(&t.db, 2025).await;
    assert_eq!(last.len(), 11);
    assert!(last
        .values()
        .all(|s| matches!(s, Some((st, _)) if st == "approved")));
    assert_eq!(last["basingstoke-and-deane"], state("approved", 2));

    // This year's, in every state; Gosport's is left for the browser test to start.
    let this = states(&t.db, 2026).await;
    let expected = [
        ("basingstoke-and-deane", state("approved", 1)),
        ("east-hampshire", state("draft", 2)),
        ("eastleigh", state("submitted", 1)),
        ("fareham", state("approved", 1)),
        ("gosport", None),
        ("hart", state("approved", 1)),
        ("havant", state("draft", 1)),
        ("new-forest", state("draft", 1)),
        ("rushmoor", state("submitted", 1)),
        ("test-valley", state("approved", 1)),
        ("winchester", state("approved", 1)),
    ];
    for (slug, want) in &expected {
        assert_eq!(&this[*slug], want, "{slug}");
    }
    // Next year's are for the browser tests to start.
    assert!(states(&t.db, 2027).await.values().all(Option::is_none));

    // Mid-year reviews of this year's approved plans in every state; Fareham's and East
    // Hampshire's are left for the browser tests to start.
    let reviews = app::db::midyear::load_year(&t.db, 2026).await.unwrap();
    let mut found: Vec<(String, &str, i32)> = Vec::new();
    for r in &reviews {
        let slug = common::rows_text(
            &t.db,
            &format!(
                "SELECT slug FROM partnership WHERE id = {}",
                r.partnership_id
            ),
        )
        .await;
        found.push((slug.concat(), r.status.as_str(), r.round));
    }
    found.sort();
    assert_eq!(
        found,
        [
            ("basingstoke-and-deane".to_string(), "accepted", 1),
            ("hart".to_string(), "draft", 0),
            ("test-valley".to_string(), "submitted", 1),
            ("winchester".to_string(), "returned", 1),
        ]
    );
    let tv = reviews
        .iter()
        .find(|r| r.status.as_str() == "submitted")
        .unwrap();
    assert!(tv
        .actions
        .iter()
        .any(|a| a.revised_due.is_some() && !a.slip_reason.is_empty()));
    assert!(tv
        .actions
        .iter()
        .any(|a| a.progress.as_str() == "off_track" && !a.corrective_action.is_empty()));

    // Every approved version is frozen exactly as it was approved; an amended plan keeps its
    // approved version beside the new draft.
    for (y, states) in [(2025, &last), (2026, &this)] {
        for (slug, s) in states.iter() {
            let Some((status, version)) = s else { continue };
            let plan = plan_of(&t.db, slug, y).await;
            let versions = plans::versions(&t.db, plan.id).await.unwrap();
            let frozen: Vec<i32> = versions.iter().map(|v| v.version).collect();
            match status.as_str() {
                "approved" => {
                    assert_eq!(frozen, (1..=*version).collect::<Vec<_>>(), "{slug} {y}");
                    let snap = plans::snapshot(&t.db, plan.id, *version).await.unwrap();
                    assert_eq!(snap.as_ref(), Some(&plan), "{slug} {y}: the snapshot");
                    assert!(versions
                        .iter()
                        .all(|v| v.approved_by == "Councillor Pat Hewitt"));
                }
                _ => assert_eq!(frozen, (1..*version).collect::<Vec<_>>(), "{slug} {y}"),
            }
            // Measures and actions with everything the submission rules ask for, except in
            // the unfinished draft.
            let problems = submission_problems(&plan.priorities);
            assert_eq!(
                problems.is_empty(),
                *slug != "new-forest" || y != 2026,
                "{slug} {y}"
            );
        }
    }
    let amended = plan_of(&t.db, "east-hampshire", 2026).await;
    let v1 = plans::snapshot(&t.db, amended.id, 1)
        .await
        .unwrap()
        .unwrap();
    let targets = |p: &Plan| -> Vec<Option<f64>> {
        p.priorities
            .iter()
            .flat_map(|p| p.measures.iter().map(|m| m.target))
            .collect()
    };
    assert_ne!(
        targets(&v1),
        targets(&amended),
        "version 2 changes a target"
    );

    // The Board's comments on the returned plan; a district manager's before submission.
    let havant = plan_of(&t.db, "havant", 2026).await;
    let comments = plans::comments(&t.db, havant.id).await.unwrap();
    assert!(comments
        .iter()
        .any(|c| c.returned && c.author == "Councillor Pat Hewitt" && !c.body.is_empty()));
    let amended = plan_of(&t.db, "east-hampshire", 2026).await;
    let comments = plans::comments(&t.db, amended.id).await.unwrap();
    assert!(comments
        .iter()
        .any(|c| !c.returned && c.author == "Sam Okafor" && c.version == 2));
    let rushmoor = plan_of(&t.db, "rushmoor", 2025).await;
    let comments = plans::comments(&t.db, rushmoor.id).await.unwrap();
    assert!(
        comments.iter().any(|c| c.returned),
        "returned, then approved"
    );

    // The content: baselines, targets and due dates on catalogue indicators; actions with lead
    // and supporting partners, dates, resources, pooled budgets, commissioning and statuses;
    // last year's local priority carried forward; an edited young people's version.
    let hart = plan_of(&t.db, "hart", 2026).await;
    assert_eq!(hart.priorities.len(), 6);
    assert!(hart.priorities.iter().filter(|p| !p.mandated).count() == 1);
    let measures: Vec<_> = hart.priorities.iter().flat_map(|p| &p.measures).collect();
    assert!(measures.iter().all(|m| m.baseline.is_some()
        && m.baseline_period.as_deref() == Some("2024/25")
        && m.target.is_some()
        && m.due.is_some()
        && hart
            .indicators
            .contains_key(m.indicator_code.as_deref().unwrap())));
    let actions: Vec<_> = hart.priorities.iter().flat_map(|p| &p.actions).collect();
    assert!(actions.len() >= 10);
    assert!(actions
        .iter()
        .all(|a| a.lead_partner.is_some() && !a.supporting_partners.is_empty()));
    assert!(actions.iter().any(|a| a.pooled_budget_pence.is_some()));
    let kinds: HashSet<_> = actions.iter().map(|a| a.commissioning).collect();
    assert_eq!(kinds.len(), 3, "commissions, de-commissions and neither");
    let statuses: HashSet<_> = actions.iter().map(|a| a.status).collect();
    assert!(statuses.len() >= 3, "{statuses:?}");
    assert!(hart
        .young_people_version
        .as_deref()
        .is_some_and(|t| t.contains("The youth council helped us write it.")));
    let gosport = plan_of(&t.db, "gosport", 2025).await;
    assert!(
        gosport.priorities.iter().all(|p| p.mandated),
        "nothing for the browser test's new plan to carry forward"
    );

    // The people in the header are the people in the partnerships table.
    let trust = reference::trust(&t.db).await.unwrap().unwrap();
    let rows = partnerships::overview(&t.db, trust.id, "NI 116")
        .await
        .unwrap();
    let chair = |slug: &str| rows.iter().find(|r| r.slug == slug).unwrap().chair.clone();
    assert_eq!(chair("gosport").as_deref(), Some("Ruth Adeyemi"));
    assert!(rows.iter().all(|r| r.member_count == 8));
    let tom: i64 = common::scalar_i64(
        &t.db,
        "SELECT COUNT(*) FROM partnership_member m JOIN person p ON p.id = m.person_id
         JOIN partnership pt ON pt.id = m.partnership_id
         WHERE p.full_name = 'Tom Barker' AND pt.slug = 'havant' AND m.role = 'member'",
    )
    .await;
    assert_eq!(tom, 1);
});

on_both_backends!(the_dashboard_rates_against_the_demo_targets, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let board = app
        .sign_in("board@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let get = |path: &'static str| {
        let (app, board) = (&app, &board);
        async move {
            let res = app.get_as(path, Some(board)).await;
            assert_eq!(res.status().as_u16(), 200, "{path}");
            res.text().await.unwrap()
        }
    };
    let d: DashboardView =
        serde_json::from_str(&get("/api/dashboard?view=indicators").await).unwrap();
    let mut against_targets = HashSet::new();
    let mut colours = HashSet::new();
    for row in &d.rows {
        for (cell, column) in row.cells.iter().zip(&d.columns) {
            if cell.basis == Basis::Target {
                against_targets.insert((row.slug.clone(), column.code.clone()));
                colours.insert(cell.rag);
            }
        }
    }
    for rag in [Rag::Red, Rag::Amber, Rag::Green] {
        assert!(
            colours.contains(&rag),
            "{rag:?} against a target: {colours:?}"
        );
    }
    // Gosport is rated against last year's targets (its plan this year is not started).
    assert!(against_targets.contains(&("gosport".to_string(), "NI 112".to_string())));
    // Some partnerships are still rated against England.
    assert!(d
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .any(|c| c.basis == Basis::England));

    // The exceptions include cells rated against the partnerships' targets.
    let ex: Exceptions = serde_json::from_str(&get("/api/dashboard/exceptions").await).unwrap();
    assert!(ex
        .lines
        .iter()
        .any(|l| against_targets.contains(&(l.slug.clone(), l.code.clone()))));
});

on_both_backends!(the_years_follow_the_date_it_is_loaded_on, |t| {
    // In February 2027 the 2027/28 plans are being drafted and 2026/27's are approved.
    let feb = chrono::NaiveDate::from_ymd_opt(2027, 2, 10).unwrap();
    demo::load(&t.db, feb).await.unwrap();
    let last = states(&t.db, 2026).await;
    assert!(last
        .values()
        .all(|s| matches!(s, Some((st, _)) if st == "approved")));
    let this = states(&t.db, 2027).await;
    assert_eq!(this["eastleigh"], state("submitted", 1));
    assert_eq!(this["gosport"], None);
    assert!(states(&t.db, 2025).await.values().all(Option::is_none));
    // The baselines are the latest figures: 2025/26 is the last complete year.
    let plan = plan_of(&t.db, "hart", 2027).await;
    assert!(plan
        .priorities
        .iter()
        .flat_map(|p| &p.measures)
        .all(|m| m.baseline_period.as_deref() == Some("2025/26")));
});

on_both_backends!(loading_twice_is_refused_and_changes_nothing, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let before = snapshot(&t.db).await;
    assert_eq!(
        demo::load(&t.db, common::today()).await.unwrap(),
        SeedOutcome::AlreadyPresent
    );
    assert_eq!(snapshot(&t.db).await, before);
});

on_both_backends!(the_demo_has_stakeholder_events_in_every_state, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let rows = common::rows_text(
        &t.db,
        "SELECT e.code || ':' || e.voting || ':' || CAST(e.held_on AS TEXT) || ':' || COALESCE(CAST(e.opens_at AS TEXT), '-')
         FROM stakeholder_event e ORDER BY e.code",
    )
    .await;
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows[0].starts_with("EHY7RF:open:2026-11-23:-"), "{rows:?}");
    assert!(
        rows[1].starts_with("HVT4NK:closed:2026-11-13:-"),
        "{rows:?}"
    );
    assert!(
        rows[2].starts_with("NFD2JQ:scheduled:2027-01-20:2027-01-20"),
        "{rows:?}"
    );
    let count = |sql: String| {
        let db = t.db.clone();
        async move { common::scalar_i64(&db, &sql).await }
    };
    let of = |code: &str, table: &str, more: &str| {
        format!("SELECT COUNT(*) FROM {table} x JOIN stakeholder_event e ON e.id = x.event_id WHERE e.code = '{code}' {more}")
    };
    // Havant's: 12 took part (4 young people), one comment hidden, the results in the plan.
    assert_eq!(count(of("HVT4NK", "event_participant", "")).await, 12);
    assert_eq!(
        count(of("HVT4NK", "event_participant", "AND x.young_person")).await,
        4
    );
    assert_eq!(
        count(of("HVT4NK", "event_comment", "AND x.state = 'hidden'")).await,
        1
    );
    assert_eq!(count(of("HVT4NK", "event_plan_result", "")).await, 1);
    let needs = common::rows_text(
        &t.db,
        "SELECT p.needs_summary FROM plan p JOIN partnership pt ON pt.id = p.partnership_id WHERE pt.slug = 'havant' AND p.plan_year = 2026",
    )
    .await;
    assert!(needs[0].contains("Stakeholder event “Havant autumn stakeholder event”, 13 November 2026 (12 people taking part, 11 voted)"), "{needs:?}");
    // East Hampshire's: open, comments waiting for the facilitator (one shown).
    assert_eq!(
        count(of("EHY7RF", "event_comment", "AND x.state = 'waiting'")).await,
        3
    );
    assert_eq!(
        count(of("EHY7RF", "event_comment", "AND x.state = 'shown'")).await,
        1
    );
    // New Forest's: nobody yet.
    assert_eq!(count(of("NFD2JQ", "event_participant", "")).await, 0);
});
