//! What changed between two versions of a plan: every part of it (the needs analysis, what
//! children and young people said, their version, priorities, measures and actions), written
//! as people write them — names rather than ids, dates like "31 March 2028", figures with
//! their units.

use super::{format_pounds, Commissioning, Measure, Plan, PlanAction, Priority};
use crate::domain::date::{format_number, long_date};
use crate::domain::Unit;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One difference between two versions of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Added(String),
    Removed(String),
    Changed {
        what: String,
        before: String,
        after: String,
    },
}

/// What changed between two versions of a plan, matching priorities, measures and actions by
/// the ids that persist across versions.
pub fn compare(before: &Plan, after: &Plan) -> Vec<Change> {
    let mut out = Vec::new();
    let mut text = |what: &str, x: &str, y: &str| {
        if x.trim() != y.trim() {
            out.push(Change::Changed {
                what: what.into(),
                before: shown(x),
                after: shown(y),
            });
        }
    };
    text(
        "Summary of the needs analysis",
        &before.needs_summary,
        &after.needs_summary,
    );
    text(
        "What children and young people said",
        &before.young_people_said,
        &after.young_people_said,
    );
    text(
        "The children and young people's version",
        &before.young_people_version.clone().unwrap_or_default(),
        &after.young_people_version.clone().unwrap_or_default(),
    );
    for b in &before.priorities {
        match after.priorities.iter().find(|a| a.id == b.id) {
            None => out.push(Change::Removed(format!("Priority “{}”", b.title))),
            Some(a) => compare_priority(before, after, b, a, &mut out),
        }
    }
    for a in after
        .priorities
        .iter()
        .filter(|a| !before.priorities.iter().any(|b| b.id == a.id))
    {
        out.push(Change::Added(format!("Priority “{}”", a.title)));
    }
    out
}

fn compare_priority(
    plan_b: &Plan,
    plan_a: &Plan,
    b: &Priority,
    a: &Priority,
    out: &mut Vec<Change>,
) {
    let mut field = |name: &str, x: &str, y: &str| {
        if x.trim() != y.trim() {
            out.push(Change::Changed {
                what: format!("{name} of “{}”", a.title),
                before: shown(x),
                after: shown(y),
            });
        }
    };
    field("Title", &b.title, &a.title);
    field("Outcome", &b.outcome, &a.outcome);
    field(
        "Champion",
        b.champion.as_deref().unwrap_or_default(),
        a.champion.as_deref().unwrap_or_default(),
    );
    field(
        "Challenger",
        b.challenger.as_deref().unwrap_or_default(),
        a.challenger.as_deref().unwrap_or_default(),
    );
    for m in &b.measures {
        match a.measures.iter().find(|x| x.id == m.id) {
            None => out.push(Change::Removed(format!(
                "A measure of “{}”: {}",
                a.title,
                describe_measure(plan_b, m)
            ))),
            Some(x) if !same_measure(x, m) => out.push(Change::Changed {
                what: format!("A measure of “{}”", a.title),
                before: describe_measure(plan_b, m),
                after: describe_measure(plan_a, x),
            }),
            _ => {}
        }
    }
    for m in a
        .measures
        .iter()
        .filter(|x| !b.measures.iter().any(|y| y.id == x.id))
    {
        out.push(Change::Added(format!(
            "A measure of “{}”: {}",
            a.title,
            describe_measure(plan_a, m)
        )));
    }
    for act in &b.actions {
        match a.actions.iter().find(|x| x.id == act.id) {
            None => out.push(Change::Removed(format!("The action “{}”", act.description))),
            Some(x) if !same_action(plan_b, plan_a, x, act) => out.push(Change::Changed {
                what: format!("The action “{}”", x.description),
                before: describe_action(plan_b, act),
                after: describe_action(plan_a, x),
            }),
            _ => {}
        }
    }
    for act in a
        .actions
        .iter()
        .filter(|x| !b.actions.iter().any(|y| y.id == x.id))
    {
        out.push(Change::Added(format!(
            "The action “{}”: {}",
            act.description,
            describe_action(plan_a, act)
        )));
    }
}

/// A text as the comparison shows it: a dash when blank.
fn shown(text: &str) -> String {
    if text.trim().is_empty() {
        "—".into()
    } else {
        text.trim().to_string()
    }
}

/// Equal in content, whatever the revision.
fn same_measure(a: &Measure, b: &Measure) -> bool {
    Measure {
        revision: 0,
        ..a.clone()
    } == Measure {
        revision: 0,
        ..b.clone()
    }
}

/// Equal in what people read: the same text and the same organisations by name.
fn same_action(plan_a: &Plan, plan_b: &Plan, a: &PlanAction, b: &PlanAction) -> bool {
    describe_action(plan_a, a) == describe_action(plan_b, b)
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(long_date).unwrap_or_else(|| "no date".into())
}

/// A figure with its indicator's unit, exactly as typed (a comparison must show a change of
/// 0.01): "20%", "24.15 per 1,000", "3 pts" — the unit written as everywhere else
/// ([`Unit::with_decimals`]).
pub fn figure(value: f64, unit_label: Option<&str>) -> String {
    let text = format_number(value);
    let places = text.split_once('.').map_or(0, |(_, f)| f.len());
    match unit_label.and_then(Unit::from_label) {
        Some(unit) => unit.with_decimals(value, places),
        None => text,
    }
}

fn describe_measure(plan: &Plan, m: &Measure) -> String {
    let unit = m
        .indicator_code
        .as_deref()
        .and_then(|c| plan.indicators.get(c))
        .map(|i| i.unit.as_str());
    let value = |v: Option<f64>| {
        v.map(|v| figure(v, unit))
            .unwrap_or_else(|| "not set".into())
    };
    let period = m
        .baseline_period
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    format!(
        "{}: baseline {}{period}, target {} by {}",
        plan.indicator_name(m.indicator_code.as_deref()),
        value(m.baseline),
        value(m.target),
        date(m.due)
    )
}

fn describe_action(plan: &Plan, a: &PlanAction) -> String {
    let lead = match a.lead_partner {
        Some(_) => plan.organisation_name(a.lead_partner),
        None => "no lead partner".into(),
    };
    let mut text = format!(
        "{}; led by {lead}; {} to {}; {}",
        a.description.trim(),
        date(a.start),
        date(a.due),
        a.status.label().to_lowercase()
    );
    if !a.supporting_partners.is_empty() {
        let mut names: Vec<String> = a
            .supporting_partners
            .iter()
            .map(|id| plan.organisation_name(Some(*id)))
            .collect();
        names.sort();
        text.push_str(&format!("; supported by {}", names.join(", ")));
    }
    if let Some(p) = a.pooled_budget_pence {
        text.push_str(&format!("; pooled budget {}", format_pounds(p)));
    }
    if a.commissioning != Commissioning::Neither {
        text.push_str(&format!("; {}", a.commissioning.label().to_lowercase()));
    }
    if !a.resources.trim().is_empty() {
        text.push_str(&format!("; resources: {}", a.resources.trim()));
    }
    text
}
