//! The rules a plan must meet before it is submitted, and where each gap is fixed.

use super::{problem, Priority, Problem};

/// Every gap that stops submission: each mandated priority needs a measure; every measure a
/// target and the date it is due; every action a lead partner and a timescale (start and due,
/// in that order). National research found only one plan in five gave timescales and lead
/// agencies against its targets; a Trustboard plan cannot be submitted without them.
pub fn submission_problems(priorities: &[Priority]) -> Vec<Problem> {
    let mut out = Vec::new();
    for p in priorities {
        let name = if p.title.trim().is_empty() {
            "A priority".to_string()
        } else {
            format!("“{}”", p.title.trim())
        };
        if p.mandated && p.measures.is_empty() {
            out.push(problem(
                format!("priority-{}-measures", p.id),
                format!("{name} is set by the Board and needs at least one measure"),
            ));
        }
        if p.outcome.trim().is_empty() {
            out.push(problem(
                format!("priority-{}-outcome", p.id),
                format!("Enter the outcome {name} seeks"),
            ));
        }
        for m in &p.measures {
            if m.indicator_code.is_none() {
                out.push(problem(
                    format!("measure-{}-indicator", m.id),
                    format!("Choose the indicator for a measure of {name}"),
                ));
            }
            if m.target.is_none() {
                out.push(problem(
                    format!("measure-{}-target", m.id),
                    format!("Enter the target for a measure of {name}"),
                ));
            }
            if m.due.is_none() {
                out.push(problem(
                    format!("measure-{}-due", m.id),
                    format!("Enter the date the target of a measure of {name} is due"),
                ));
            }
        }
        for a in &p.actions {
            let what = if a.description.trim().is_empty() {
                format!("an action of {name}")
            } else {
                format!("the action “{}”", a.description.trim())
            };
            if a.lead_partner.is_none() {
                out.push(problem(
                    format!("action-{}-lead", a.id),
                    format!("Choose the lead partner for {what}"),
                ));
            }
            match (a.start, a.due) {
                (None, _) => out.push(problem(
                    format!("action-{}-start", a.id),
                    format!("Enter when {what} starts"),
                )),
                (_, None) => out.push(problem(
                    format!("action-{}-due", a.id),
                    format!("Enter when {what} is due"),
                )),
                (Some(s), Some(d)) if d < s => out.push(problem(
                    format!("action-{}-due", a.id),
                    format!("The due date of {what} must be on or after its start"),
                )),
                _ => {}
            }
        }
    }
    out
}

/// Where a submission problem's anchor is fixed: the page (below the plan's address) and the
/// field's id on it.
pub fn problem_location(anchor: &str) -> Option<(String, String)> {
    let mut parts = anchor.splitn(3, '-');
    let (kind, id, field) = (parts.next()?, parts.next()?, parts.next()?);
    let id: i64 = id.parse().ok()?;
    let page = match kind {
        "priority" => format!("priorities/{id}"),
        "measure" => format!("measures/{id}"),
        "action" => format!("actions/{id}"),
        _ => return None,
    };
    Some((page, field.to_string()))
}
