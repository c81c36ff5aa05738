//! The local delivery plan: its content, its workflow, the rules a plan must meet before it is
//! submitted, and the comparison of two versions. Pure rules, shared by the browser (to check a
//! form as it is filled in) and the server (which has the last word).
//!
//! Storage and pages come with the plan-builder capability; these are the rules they follow.

use super::text_enum::text_enum;
use super::{ParseError, Polarity};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

text_enum!(
    /// Where a plan is in its workflow. A returned plan goes back to draft with the Board's
    /// comments; an approved plan is frozen, and changing it starts a new draft version.
    PlanStatus, "plan status" {
        Draft => "draft", "Draft",
        Submitted => "submitted", "Submitted",
        Approved => "approved", "Approved",
    }
);

/// What can happen to a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanEvent {
    Submit,
    Approve,
    Return {
        comment: String,
    },
    /// Start a new version of an approved plan.
    Amend,
}

/// The status after `event`, or why the event cannot happen now.
pub fn transition(status: PlanStatus, event: &PlanEvent) -> Result<PlanStatus, ParseError> {
    use PlanEvent::*;
    use PlanStatus::*;
    match (status, event) {
        (Draft, Submit) => Ok(Submitted),
        (Submitted, Approve) => Ok(Approved),
        (Submitted, Return { comment }) if comment.trim().is_empty() => Err(ParseError::new(
            "Enter a comment saying what the partnership needs to change",
        )),
        (Submitted, Return { .. }) => Ok(Draft),
        (Approved, Amend) => Ok(Draft),
        (s, e) => Err(ParseError::new(format!(
            "A plan that is {} cannot be {}",
            s.label().to_lowercase(),
            match e {
                Submit => "submitted",
                Approve => "approved",
                Return { .. } => "returned",
                Amend => "amended",
            }
        ))),
    }
}

/// A measure of a priority: an indicator, where it starts, where it should get to, and by when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub id: i64,
    pub indicator_code: Option<String>,
    pub baseline: Option<f64>,
    pub baseline_period: Option<String>,
    pub target: Option<f64>,
    pub due: Option<NaiveDate>,
}

/// An action towards a priority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanAction {
    pub id: i64,
    pub description: String,
    /// The partner organisation that leads it.
    pub lead_partner: Option<i64>,
    pub supporting_partners: Vec<i64>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub resources: String,
    /// Pooled-budget contribution, in pence.
    pub pooled_budget_pence: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Priority {
    pub id: i64,
    pub title: String,
    /// Set by the Trust Board for every plan: cannot be removed.
    pub mandated: bool,
    pub outcome: String,
    pub champion: Option<String>,
    pub challenger: Option<String>,
    pub measures: Vec<Measure>,
    pub actions: Vec<PlanAction>,
}

/// A problem that stops a plan being submitted, with the id of the field it concerns (for the
/// error summary's link).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub anchor: String,
    pub message: String,
}

fn problem(anchor: String, message: String) -> Problem {
    Problem { anchor, message }
}

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

/// Partnerships work on roughly 10–12 priorities: more is a warning, never an error.
pub const PRIORITY_GUIDE: usize = 12;

pub fn priority_count_warning(count: usize) -> Option<String> {
    (count > PRIORITY_GUIDE).then(|| {
        format!("This plan has {count} priorities. Partnerships usually focus on 10 to 12; consider whether some can be combined.")
    })
}

/// Whether a target points the right way for the indicator: a target worse than the baseline
/// is almost always a mistake (though it may be deliberate, so it is a warning).
pub fn target_direction_warning(polarity: Polarity, baseline: f64, target: f64) -> Option<String> {
    match polarity {
        Polarity::HigherIsBetter if target < baseline => {
            Some(format!("Higher is better for this indicator, but the target ({target}) is below the baseline ({baseline})"))
        }
        Polarity::LowerIsBetter if target > baseline => {
            Some(format!("Lower is better for this indicator, but the target ({target}) is above the baseline ({baseline})"))
        }
        _ => None,
    }
}

/// Reads an amount of money as people type it ("£1,250.50", "1250", "1250.5") into pence.
pub fn parse_pounds(input: &str) -> Result<Option<i64>, ParseError> {
    let text: String = input
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    if text.is_empty() {
        return Ok(None);
    }
    let refuse = || {
        ParseError::new(format!(
            "'{}' is not an amount of money: write it like £1,250.50",
            input.trim()
        ))
    };
    let (pounds, pence) = match text.split_once('.') {
        Some((p, d)) if d.len() <= 2 && d.chars().all(|c| c.is_ascii_digit()) => {
            (p, format!("{d:0<2}"))
        }
        Some(_) => return Err(refuse()),
        None => (text.as_str(), "00".to_string()),
    };
    if pounds.is_empty() || !pounds.chars().all(|c| c.is_ascii_digit()) {
        return Err(refuse());
    }
    let pounds: i64 = pounds.parse().map_err(|_| refuse())?;
    let pence: i64 = pence.parse().map_err(|_| refuse())?;
    pounds
        .checked_mul(100)
        .and_then(|p| p.checked_add(pence))
        .map(Some)
        .ok_or_else(refuse)
}

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
                        Some(x) if x != m => out.push(Change::Changed {
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
                        Some(x) if x != act => out.push(Change::Changed {
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
    format!(
        "{}; lead {}; {} to {}",
        a.description,
        opt(&a.lead_partner),
        opt(&a.start),
        opt(&a.due)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn complete() -> Priority {
        Priority {
            id: 1,
            title: "Reducing teenage conceptions".into(),
            mandated: true,
            outcome: "Fewer under-18 conceptions".into(),
            champion: Some("Ruth Adeyemi".into()),
            challenger: Some("Jo Marsh".into()),
            measures: vec![Measure {
                id: 10,
                indicator_code: Some("NI 112".into()),
                baseline: Some(24.1),
                baseline_period: Some("2025/26".into()),
                target: Some(20.0),
                due: d(2027, 3, 31),
            }],
            actions: vec![PlanAction {
                id: 100,
                description: "Sexual health drop-ins in secondary schools".into(),
                lead_partner: Some(7),
                supporting_partners: vec![3],
                start: d(2026, 9, 1),
                due: d(2027, 3, 31),
                resources: "Two school nurses".into(),
                pooled_budget_pence: Some(1_250_000),
            }],
        }
    }

    #[test]
    fn workflow() {
        use PlanEvent::*;
        use PlanStatus::*;
        assert_eq!(transition(Draft, &Submit), Ok(Submitted));
        assert_eq!(transition(Submitted, &Approve), Ok(Approved));
        assert_eq!(
            transition(
                Submitted,
                &Return {
                    comment: "Add a target for NEET".into()
                }
            ),
            Ok(Draft)
        );
        assert!(transition(
            Submitted,
            &Return {
                comment: "  ".into()
            }
        )
        .unwrap_err()
        .0
        .contains("Enter a comment"));
        assert_eq!(transition(Approved, &Amend), Ok(Draft));
        assert_eq!(
            transition(Draft, &Approve).unwrap_err().0,
            "A plan that is draft cannot be approved"
        );
        assert!(
            transition(Approved, &Submit).is_err(),
            "an approved plan is frozen"
        );
        assert!(transition(Submitted, &Submit).is_err());
    }

    #[test]
    fn a_complete_plan_has_no_problems() {
        assert!(submission_problems(&[complete()]).is_empty());
    }

    #[test]
    fn every_gap_is_named_and_anchored() {
        let mut p = complete();
        p.measures[0].target = None;
        p.measures[0].due = None;
        p.actions[0].lead_partner = None;
        p.actions[0].start = None;
        let anchors: Vec<_> = submission_problems(&[p])
            .into_iter()
            .map(|x| x.anchor)
            .collect();
        assert_eq!(
            anchors,
            [
                "measure-10-target",
                "measure-10-due",
                "action-100-lead",
                "action-100-start"
            ]
        );
    }

    #[test]
    fn mandated_priorities_need_a_measure_local_ones_do_not() {
        let mut p = complete();
        p.measures.clear();
        let problems = submission_problems(&[p.clone()]);
        assert_eq!(problems[0].anchor, "priority-1-measures");
        assert!(problems[0].message.contains("set by the Board"));
        p.mandated = false;
        assert!(submission_problems(&[p]).is_empty());
    }

    #[test]
    fn an_action_cannot_end_before_it_starts() {
        let mut p = complete();
        p.actions[0].due = d(2026, 8, 31);
        let problems = submission_problems(&[p]);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("on or after its start"));
    }

    #[test]
    fn more_than_twelve_priorities_is_a_warning() {
        assert!(priority_count_warning(12).is_none());
        assert!(priority_count_warning(13)
            .unwrap()
            .contains("13 priorities"));
    }

    #[test]
    fn targets_are_checked_against_polarity() {
        assert!(target_direction_warning(Polarity::LowerIsBetter, 24.1, 20.0).is_none());
        assert!(
            target_direction_warning(Polarity::LowerIsBetter, 24.1, 26.0)
                .unwrap()
                .contains("above the baseline")
        );
        assert!(
            target_direction_warning(Polarity::HigherIsBetter, 58.0, 55.0)
                .unwrap()
                .contains("below the baseline")
        );
        assert!(target_direction_warning(Polarity::HigherIsBetter, 58.0, 58.0).is_none());
        assert!(target_direction_warning(Polarity::NoJudgement, 1.0, 9.0).is_none());
    }

    #[test]
    fn money() {
        assert_eq!(parse_pounds("£1,250.50"), Ok(Some(125_050)));
        assert_eq!(parse_pounds("1250"), Ok(Some(125_000)));
        assert_eq!(parse_pounds(" 12.5 "), Ok(Some(1_250)));
        assert_eq!(parse_pounds(""), Ok(None));
        assert_eq!(parse_pounds("£ "), Ok(None), "a lone pound sign is a blank");
        for bad in [
            "12.345",
            "-5",
            "ten",
            "1.2.3",
            "99999999999999999999",
            "£12.3p",
        ] {
            assert!(parse_pounds(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn comparing_versions() {
        let v1 = vec![complete()];
        let mut v2 = v1.clone();
        v2[0].measures[0].target = Some(18.0);
        v2[0].actions.push(PlanAction {
            id: 101,
            description: "Youth worker outreach".into(),
            ..v1[0].actions[0].clone()
        });
        v2.push(Priority {
            id: 2,
            title: "Reducing persistent absence".into(),
            mandated: false,
            ..complete()
        });
        let changes = compare(&v1, &v2);
        assert_eq!(changes.len(), 3, "{changes:?}");
        assert!(
            matches!(&changes[0], Change::Changed { before, after, .. } if before.contains("target 20") && after.contains("target 18"))
        );
        assert_eq!(
            changes[1],
            Change::Added("The action “Youth worker outreach”".into())
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
    }
}
