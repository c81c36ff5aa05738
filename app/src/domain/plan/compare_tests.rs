//! The comparison of two versions: every part of the plan, as people write it.

use super::tests::{complete, d};
use super::*;
use crate::domain::PlanYear;
use std::collections::BTreeMap;

fn plan(priorities: Vec<Priority>) -> Plan {
    Plan {
        id: 1,
        partnership_id: 2,
        partnership_name: "Gosport".into(),
        partnership_slug: "gosport".into(),
        year: PlanYear::new(2027).expect("a plan year"),
        version: 1,
        status: PlanStatus::Approved,
        revision: 3,
        needs_summary: "Conceptions are above the county rate.".into(),
        young_people_said: "Nothing to do after school.".into(),
        young_people_version: None,
        priorities,
        organisations: BTreeMap::from([
            (3, "Gosport Voluntary Action".to_string()),
            (7, "Solent NHS Trust".to_string()),
            (32, "Hampshire Youth Service".to_string()),
        ]),
        indicators: BTreeMap::from([(
            "NI 112".to_string(),
            IndicatorRef {
                code: "NI 112".into(),
                title: "Under-18 conception rate".into(),
                polarity: crate::domain::Polarity::LowerIsBetter,
                unit: crate::domain::Unit::RatePer1000.label().into(),
            },
        )]),
    }
}

fn texts(changes: &[Change]) -> String {
    changes
        .iter()
        .map(|c| match c {
            Change::Added(w) => format!("added {w}"),
            Change::Removed(w) => format!("removed {w}"),
            Change::Changed {
                what,
                before,
                after,
            } => format!("changed {what}: {before} → {after}"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn comparing_versions() {
    let v1 = plan(vec![complete()]);
    let mut v2 = v1.clone();
    v2.priorities[0].measures[0].target = Some(18.0);
    v2.priorities[0].actions.push(PlanAction {
        id: 101,
        description: "Youth worker outreach".into(),
        ..v1.priorities[0].actions[0].clone()
    });
    v2.priorities.push(Priority {
        id: 2,
        title: "Reducing persistent absence".into(),
        mandated: false,
        added_later: false,
        ..complete()
    });
    let changes = compare(&v1, &v2);
    assert_eq!(changes.len(), 3, "{changes:?}");
    assert!(
        matches!(&changes[0], Change::Changed { before, after, .. } if before.contains("target 20 per 1,000") && after.contains("target 18 per 1,000")),
        "{changes:?}"
    );
    assert!(
        matches!(&changes[1], Change::Added(w) if w.starts_with("The action “Youth worker outreach”")),
        "{changes:?}"
    );
    assert_eq!(
        changes[2],
        Change::Added("Priority “Reducing persistent absence”".into())
    );
    assert_eq!(
        compare(&v2, &v1)
            .iter()
            .filter(|c| matches!(c, Change::Removed(_)))
            .count(),
        2
    );
    assert!(compare(&v1, &v1).is_empty());
    let mut resaved = v1.clone();
    resaved.priorities[0].actions[0].revision = 7;
    resaved.priorities[0].measures[0].revision = 3;
    assert!(
        compare(&v1, &resaved).is_empty(),
        "a save that changed nothing is not a change"
    );
}

#[test]
fn the_needs_analysis_and_young_peoples_words_are_compared() {
    let v1 = plan(vec![complete()]);
    let mut v2 = v1.clone();
    v2.needs_summary = "Conceptions fell but remain above the county rate.".into();
    v2.young_people_said = "Buses stop too early.".into();
    v2.young_people_version = Some("Our plan, edited by the youth council.".into());
    let all = texts(&compare(&v1, &v2));
    assert!(all.contains("changed Summary of the needs analysis: Conceptions are above the county rate. → Conceptions fell but remain above the county rate."), "{all}");
    assert!(all.contains("changed What children and young people said: Nothing to do after school. → Buses stop too early."), "{all}");
    assert!(all.contains("changed The children and young people's version: — → Our plan, edited by the youth council."), "{all}");
}

#[test]
fn names_dates_and_units_are_written_as_people_write_them() {
    let v1 = plan(vec![complete()]);
    let mut v2 = v1.clone();
    let action = &mut v2.priorities[0].actions[0];
    action.lead_partner = Some(32);
    action.supporting_partners = vec![3, 7];
    action.due = d(2028, 3, 31);
    v2.priorities[0].measures[0].due = d(2028, 3, 31);
    v2.priorities[0].champion = Some("Jo Marsh".into());
    let all = texts(&compare(&v1, &v2));
    assert!(all.contains("led by Solent NHS Trust"), "{all}");
    assert!(all.contains("led by Hampshire Youth Service"), "{all}");
    assert!(
        all.contains("supported by Gosport Voluntary Action, Solent NHS Trust"),
        "{all}"
    );
    assert!(all.contains("1 September 2026 to 31 March 2028"), "{all}");
    assert!(
        all.contains("NI 112 Under-18 conception rate: baseline 24.1 per 1,000 (2025/26), target 20 per 1,000 by 31 March 2028"),
        "{all}"
    );
    assert!(all.contains("pooled budget £12,500"), "{all}");
    assert!(
        all.contains("changed Champion of “Reducing teenage conceptions”: Ruth Adeyemi → Jo Marsh"),
        "{all}"
    );
    for raw in [
        "lead 32",
        "lead 7",
        "2028-03-31",
        "2026-09-01",
        " 32",
        "Some(",
    ] {
        assert!(!all.contains(raw), "{raw:?} in\n{all}");
    }
}

#[test]
fn removed_items_say_what_they_held() {
    let v1 = plan(vec![complete()]);
    let mut v2 = v1.clone();
    v2.priorities[0].measures.clear();
    let all = texts(&compare(&v1, &v2));
    assert!(
        all.contains(
            "removed A measure of “Reducing teenage conceptions”: NI 112 Under-18 conception rate"
        ),
        "{all}"
    );
}

#[test]
fn figures_carry_their_units() {
    assert_eq!(figure(20.0, Some("Percentage")), "20%");
    assert_eq!(figure(24.15, Some("Rate per 1,000")), "24.15 per 1,000");
    assert_eq!(figure(3.0, Some("Percentage points")), "3 pts");
    assert_eq!(figure(12.0, Some("Count")), "12");
    assert_eq!(figure(1234.5, Some("Count")), "1,234.5", "exact, as typed");
    assert_eq!(figure(12.0, None), "12");
}
