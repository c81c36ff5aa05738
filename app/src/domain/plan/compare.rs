//! What changed between two versions of a plan.

use super::{format_pounds, Commissioning, Measure, PlanAction, Priority};
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

/// What changed between two versions of a plan's priorities, by the ids that persist across
/// versions.
pub fn compare(before: &[Priority], after: &[Priority]) -> Vec<Change> {
    let mut out = Vec::new();
    for b in before {
        match after.iter().find(|a| a.id == b.id) {
            None => out.push(Change::Removed(format!("Priority “{}”", b.title))),
            Some(a) => {
                let mut field = |name: &str, x: String, y: String| {
                    if x != y {
                        out.push(Change::Changed {
                            what: format!("{name} of “{}”", a.title),
                            before: x,
                            after: y,
                        });
                    }
                };
                field("Title", b.title.clone(), a.title.clone());
                field("Outcome", b.outcome.clone(), a.outcome.clone());
                field(
                    "Champion",
                    b.champion.clone().unwrap_or_default(),
                    a.champion.clone().unwrap_or_default(),
                );
                field(
                    "Challenger",
                    b.challenger.clone().unwrap_or_default(),
                    a.challenger.clone().unwrap_or_default(),
                );
                for m in &b.measures {
                    match a.measures.iter().find(|x| x.id == m.id) {
                        None => out.push(Change::Removed(format!("A measure of “{}”", a.title))),
                        Some(x) if !same_measure(x, m) => out.push(Change::Changed {
                            what: format!("A measure of “{}”", a.title),
                            before: describe_measure(m),
                            after: describe_measure(x),
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
                        describe_measure(m)
                    )));
                }
                for act in &b.actions {
                    match a.actions.iter().find(|x| x.id == act.id) {
                        None => {
                            out.push(Change::Removed(format!("The action “{}”", act.description)))
                        }
                        Some(x) if !same_action(x, act) => out.push(Change::Changed {
                            what: format!("The action “{}”", x.description),
                            before: describe_action(act),
                            after: describe_action(x),
                        }),
                        _ => {}
                    }
                }
                for act in a
                    .actions
                    .iter()
                    .filter(|x| !b.actions.iter().any(|y| y.id == x.id))
                {
                    out.push(Change::Added(format!("The action “{}”", act.description)));
                }
            }
        }
    }
    for a in after
        .iter()
        .filter(|a| !before.iter().any(|b| b.id == a.id))
    {
        out.push(Change::Added(format!("Priority “{}”", a.title)));
    }
    out
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

fn same_action(a: &PlanAction, b: &PlanAction) -> bool {
    PlanAction {
        revision: 0,
        ..a.clone()
    } == PlanAction {
        revision: 0,
        ..b.clone()
    }
}

fn opt<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref()
        .map(ToString::to_string)
        .unwrap_or_else(|| "—".into())
}

fn describe_measure(m: &Measure) -> String {
    format!(
        "{}: baseline {} ({}), target {} by {}",
        opt(&m.indicator_code),
        opt(&m.baseline),
        opt(&m.baseline_period),
        opt(&m.target),
        opt(&m.due)
    )
}

fn describe_action(a: &PlanAction) -> String {
    let mut text = format!(
        "{}; lead {}; {} to {}; {}",
        a.description,
        opt(&a.lead_partner),
        opt(&a.start),
        opt(&a.due),
        a.status.label().to_lowercase()
    );
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
