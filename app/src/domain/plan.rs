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

text_enum!(
    /// Whether an action commissions or de-commissions a service.
    Commissioning, "commissioning" {
        Neither => "neither", "Neither",
        Commissions => "commissions", "Commissions a service",
        Decommissions => "decommissions", "De-commissions a service",
    }
);

text_enum!(
    /// How an action is going.
    ActionStatus, "action status" {
        NotStarted => "not_started", "Not started",
        OnTrack => "on_track", "On track",
        AtRisk => "at_risk", "At risk",
        Complete => "complete", "Complete",
    }
);

text_enum!(
    /// A section's progress on the plan's task list (the GOV.UK task-list statuses).
    TaskStatus, "task status" {
        NotStarted => "not_started", "Not started",
        InProgress => "in_progress", "In progress",
        Completed => "completed", "Completed",
    }
);

/// An indicator as a plan refers to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorRef {
    pub code: String,
    pub title: String,
    pub polarity: Polarity,
    /// How values are written, e.g. "per 1,000 girls aged 15–17" or "%".
    pub unit: String,
}

/// A whole plan as people read it: its content and the names it refers to, so that a frozen
/// snapshot (and every document made from it) reads the same for ever.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub id: i64,
    pub partnership_id: i64,
    pub partnership_name: String,
    pub partnership_slug: String,
    pub year: super::PlanYear,
    /// 1 for the first version; each change after approval starts the next.
    pub version: i32,
    pub status: PlanStatus,
    /// Bumped by every change to the plan's own fields or status.
    pub revision: i64,
    pub needs_summary: String,
    pub young_people_said: String,
    /// The children and young people's version as edited; `None` means "generated from the plan".
    pub young_people_version: Option<String>,
    pub priorities: Vec<Priority>,
    /// Names of the partner organisations the plan refers to, by id.
    pub organisations: std::collections::BTreeMap<i64, String>,
    /// The indicators the plan's measures use, by code.
    pub indicators: std::collections::BTreeMap<String, IndicatorRef>,
}

impl Plan {
    /// The name of a partner organisation, or a dash.
    pub fn organisation_name(&self, id: Option<i64>) -> String {
        id.and_then(|i| self.organisations.get(&i).cloned())
            .unwrap_or_else(|| "—".into())
    }

    /// "NI 112 Under-18 conception rate", or a dash.
    pub fn indicator_name(&self, code: Option<&str>) -> String {
        match code {
            Some(c) => match self.indicators.get(c) {
                Some(i) => format!("{} {}", i.code, i.title),
                None => c.to_string(),
            },
            None => "—".into(),
        }
    }

    /// The text of the children and young people's version: as edited, or generated.
    pub fn young_people_text(&self) -> String {
        self.young_people_version
            .clone()
            .unwrap_or_else(|| super::young_people::generate(self))
    }
}

/// A priority's progress on the task list: not started while nothing is written, completed when
/// it has an outcome, at least one measure and one action, and nothing stops submission.
pub fn priority_task_status(p: &Priority) -> TaskStatus {
    let untouched = p.outcome.trim().is_empty()
        && p.measures.is_empty()
        && p.actions.is_empty()
        && p.champion.is_none()
        && p.challenger.is_none();
    if untouched {
        TaskStatus::NotStarted
    } else if !p.measures.is_empty()
        && !p.actions.is_empty()
        && submission_problems(std::slice::from_ref(p)).is_empty()
    {
        TaskStatus::Completed
    } else {
        TaskStatus::InProgress
    }
}

/// The progress of a piece of text on the task list.
pub fn text_task_status(texts: &[&str]) -> TaskStatus {
    let filled = texts.iter().filter(|t| !t.trim().is_empty()).count();
    match filled {
        0 => TaskStatus::NotStarted,
        n if n == texts.len() => TaskStatus::Completed,
        _ => TaskStatus::InProgress,
    }
}

/// A measure of a priority: an indicator, where it starts, where it should get to, and by when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub id: i64,
    /// Bumped by every save: a save based on an older revision is refused.
    #[serde(default)]
    pub revision: i64,
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
    #[serde(default)]
    pub revision: i64,
    pub description: String,
    /// The partner organisation that leads it.
    pub lead_partner: Option<i64>,
    pub supporting_partners: Vec<i64>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub resources: String,
    /// Pooled-budget contribution, in pence.
    pub pooled_budget_pence: Option<i64>,
    pub commissioning: Commissioning,
    pub status: ActionStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Priority {
    pub id: i64,
    #[serde(default)]
    pub revision: i64,
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

/// What a person typed into a measure's form, field by field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MeasureFields {
    pub indicator: String,
    pub baseline: String,
    pub baseline_period: String,
    pub target: String,
    pub due: String,
}

/// A measure's content, parsed. Blanks are allowed while drafting; submission needs them.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureInput {
    pub indicator_code: Option<String>,
    pub baseline: Option<f64>,
    pub baseline_period: Option<String>,
    pub target: Option<f64>,
    pub due: Option<NaiveDate>,
}

/// Reads a measure's form. Every problem is reported, each against its field's id.
pub fn parse_measure(f: &MeasureFields) -> Result<MeasureInput, Vec<Problem>> {
    use super::date::{parse_date, parse_number};
    let mut problems = Vec::new();
    let mut note = |field: &str, e: ParseError| problems.push(problem(field.into(), e.0));
    let indicator_code = match f.indicator.trim() {
        "" => None,
        code => match super::IndicatorCode::parse(code) {
            Ok(c) => Some(c.as_str().to_string()),
            Err(e) => {
                note("indicator", e);
                None
            }
        },
    };
    let baseline = parse_number(&f.baseline, "baseline").unwrap_or_else(|e| {
        note("baseline", e);
        None
    });
    let baseline_period = match f.baseline_period.trim() {
        "" => None,
        text => match super::Period::parse(text) {
            Ok(p) => Some(p.to_string()),
            Err(e) => {
                note("baseline-period", e);
                None
            }
        },
    };
    let target = parse_number(&f.target, "target").unwrap_or_else(|e| {
        note("target", e);
        None
    });
    let due = parse_date(&f.due).unwrap_or_else(|e| {
        note("due", e);
        None
    });
    if problems.is_empty() {
        Ok(MeasureInput {
            indicator_code,
            baseline,
            baseline_period,
            target,
            due,
        })
    } else {
        Err(problems)
    }
}

/// What a person typed into an action's form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActionFields {
    pub description: String,
    pub lead: String,
    pub supporting: Vec<String>,
    pub start: String,
    pub due: String,
    pub resources: String,
    pub pooled_budget: String,
    pub commissioning: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionInput {
    pub description: String,
    pub lead_partner: Option<i64>,
    pub supporting_partners: Vec<i64>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub resources: String,
    pub pooled_budget_pence: Option<i64>,
    pub commissioning: Commissioning,
    pub status: ActionStatus,
}

/// Reads an action's form. The description is needed even in a draft (it names the action);
/// the rest may wait until submission, but what is typed must make sense.
pub fn parse_action(f: &ActionFields) -> Result<ActionInput, Vec<Problem>> {
    use super::date::parse_date;
    let mut problems = Vec::new();
    let mut note = |field: &str, message: String| problems.push(problem(field.into(), message));
    let description = f.description.trim().to_string();
    match description.chars().count() {
        0 => note("description", "Describe what will be done".into()),
        n if n > 2000 => note(
            "description",
            "The description must be 2,000 characters or fewer".into(),
        ),
        _ => {}
    }
    let id = |text: &str| text.trim().parse::<i64>().ok().filter(|v| *v > 0);
    let lead_partner = match f.lead.trim() {
        "" => None,
        text => {
            let v = id(text);
            if v.is_none() {
                note("lead", "Choose the lead partner from the list".into());
            }
            v
        }
    };
    let mut supporting_partners = Vec::new();
    for s in f.supporting.iter().filter(|s| !s.trim().is_empty()) {
        match id(s) {
            Some(v) if Some(v) == lead_partner => {}
            Some(v) if !supporting_partners.contains(&v) => supporting_partners.push(v),
            Some(_) => {}
            None => note(
                "supporting",
                "Choose supporting partners from the list".into(),
            ),
        }
    }
    let start = parse_date(&f.start).unwrap_or_else(|e| {
        note("start", e.0);
        None
    });
    let due = parse_date(&f.due).unwrap_or_else(|e| {
        note("due", e.0);
        None
    });
    if let (Some(s), Some(d)) = (start, due) {
        if d < s {
            note(
                "due",
                "The due date must be the same as or after the start date".into(),
            );
        }
    }
    let pooled_budget_pence = parse_pounds(&f.pooled_budget).unwrap_or_else(|e| {
        note("pooled-budget", e.0);
        None
    });
    let commissioning = match f.commissioning.trim() {
        "" => Commissioning::Neither,
        text => text.parse().unwrap_or_else(|_| {
            note(
                "commissioning",
                "Choose whether a service is commissioned".into(),
            );
            Commissioning::Neither
        }),
    };
    let status = match f.status.trim() {
        "" => ActionStatus::NotStarted,
        text => text.parse().unwrap_or_else(|_| {
            note("status", "Choose the action's status".into());
            ActionStatus::NotStarted
        }),
    };
    if problems.is_empty() {
        Ok(ActionInput {
            description,
            lead_partner,
            supporting_partners,
            start,
            due,
            resources: f.resources.trim().to_string(),
            pooled_budget_pence,
            commissioning,
            status,
        })
    } else {
        Err(problems)
    }
}

/// A priority's own fields, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorityInput {
    pub title: String,
    pub outcome: String,
    pub champion: Option<String>,
    pub challenger: Option<String>,
}

pub fn parse_priority(
    title: &str,
    outcome: &str,
    champion: &str,
    challenger: &str,
) -> Result<PriorityInput, Vec<Problem>> {
    let mut problems = Vec::new();
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    match title.chars().count() {
        0 => problems.push(problem("title".into(), "Enter the priority's title".into())),
        n if n > 200 => problems.push(problem(
            "title".into(),
            "The title must be 200 characters or fewer".into(),
        )),
        _ => {}
    }
    if outcome.chars().count() > 2000 {
        problems.push(problem(
            "outcome".into(),
            "The outcome must be 2,000 characters or fewer".into(),
        ));
    }
    let name = |text: &str, field: &str, problems: &mut Vec<Problem>| {
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.chars().count() > 200 {
            problems.push(problem(
                field.into(),
                "Names must be 200 characters or fewer".into(),
            ));
        }
        (!t.is_empty()).then_some(t)
    };
    let champion = name(champion, "champion", &mut problems);
    let challenger = name(challenger, "challenger", &mut problems);
    if problems.is_empty() {
        Ok(PriorityInput {
            title,
            outcome: outcome.trim().to_string(),
            champion,
            challenger,
        })
    } else {
        Err(problems)
    }
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

/// Pence as people write money: £1,250.50 (or £1,250 for whole pounds).
pub fn format_pounds(pence: i64) -> String {
    let pounds = pence / 100;
    let rest = pence % 100;
    let digits = pounds.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if rest == 0 {
        format!("£{grouped}")
    } else {
        format!("£{grouped}.{rest:02}")
    }
}

// What the plan's pages list: comments, versions, the Board's overview, indicators offered.
use chrono::{DateTime, Utc};

/// A comment on a plan, for the people working on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanComment {
    pub version: i32,
    pub returned: bool,
    pub author: String,
    pub body: String,
    pub at: DateTime<Utc>,
}

/// An approved version, as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct VersionSummary {
    pub version: i32,
    pub approved_at: DateTime<Utc>,
    pub approved_by: String,
}

/// One partnership's plan for a year, as the Board's overview lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PlanSummary {
    pub partnership_id: i64,
    pub partnership_name: String,
    pub partnership_slug: String,
    pub plan_id: Option<i64>,
    pub status: Option<String>,
    pub version: Option<i32>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub priorities: i64,
    pub measures: i64,
    pub actions: i64,
}

/// An indicator offered for a measure, with the latest value for the partnership's area (the
/// baseline offered) when there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct IndicatorOption {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub polarity: String,
    pub latest_value: Option<f64>,
    pub latest_period: Option<String>,
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
            revision: 1,
            measures: vec![Measure {
                id: 10,
                revision: 1,
                indicator_code: Some("NI 112".into()),
                baseline: Some(24.1),
                baseline_period: Some("2025/26".into()),
                target: Some(20.0),
                due: d(2027, 3, 31),
            }],
            actions: vec![PlanAction {
                id: 100,
                revision: 1,
                description: "Sexual health drop-ins in secondary schools".into(),
                lead_partner: Some(7),
                supporting_partners: vec![3],
                start: d(2026, 9, 1),
                due: d(2027, 3, 31),
                resources: "Two school nurses".into(),
                pooled_budget_pence: Some(1_250_000),
                commissioning: Commissioning::Commissions,
                status: ActionStatus::NotStarted,
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
        let mut resaved = v1.clone();
        resaved[0].actions[0].revision = 7;
        resaved[0].measures[0].revision = 3;
        assert!(
            compare(&v1, &resaved).is_empty(),
            "a save that changed nothing is not a change"
        );
    }

    #[test]
    fn money_is_written_back_as_people_write_it() {
        assert_eq!(format_pounds(125_050), "£1,250.50");
        assert_eq!(format_pounds(100_000_000), "£1,000,000");
        assert_eq!(format_pounds(5), "£0.05");
        for pence in [0, 99, 125_050, 123_456_789] {
            assert_eq!(parse_pounds(&format_pounds(pence)), Ok(Some(pence)));
        }
    }

    #[test]
    fn measure_forms() {
        let ok = parse_measure(&MeasureFields {
            indicator: "ni 112".into(),
            baseline: "24.1".into(),
            baseline_period: "2025/26".into(),
            target: "20".into(),
            due: "31/3/2027".into(),
        })
        .unwrap();
        assert_eq!(ok.indicator_code.as_deref(), Some("NI 112"));
        assert_eq!(ok.due, d(2027, 3, 31));
        assert_eq!(
            parse_measure(&MeasureFields::default()).unwrap().target,
            None
        );
        let bad = parse_measure(&MeasureFields {
            target: "twenty".into(),
            due: "31/2/2027".into(),
            baseline_period: "last year".into(),
            ..MeasureFields::default()
        })
        .unwrap_err();
        let fields: Vec<_> = bad.iter().map(|p| p.anchor.as_str()).collect();
        assert_eq!(fields, ["baseline-period", "target", "due"]);
    }

    #[test]
    fn action_forms() {
        let fields = ActionFields {
            description: "  Drop-in clinics ".into(),
            lead: "7".into(),
            supporting: vec!["3".into(), "7".into(), "3".into(), "".into()],
            start: "1/9/2026".into(),
            due: "31 March 2027".into(),
            pooled_budget: "£12,500".into(),
            commissioning: "commissions".into(),
            status: "on_track".into(),
            ..ActionFields::default()
        };
        let a = parse_action(&fields).unwrap();
        assert_eq!(a.description, "Drop-in clinics");
        assert_eq!(
            a.supporting_partners,
            [3],
            "the lead and repeats are dropped"
        );
        assert_eq!(a.pooled_budget_pence, Some(1_250_000));
        assert_eq!(a.status, ActionStatus::OnTrack);
        let bad = parse_action(&ActionFields {
            description: " ".into(),
            lead: "someone".into(),
            start: "1/9/2027".into(),
            due: "1/9/2026".into(),
            pooled_budget: "lots".into(),
            commissioning: "maybe".into(),
            ..ActionFields::default()
        })
        .unwrap_err();
        let ids: Vec<_> = bad.iter().map(|p| p.anchor.as_str()).collect();
        assert_eq!(
            ids,
            [
                "description",
                "lead",
                "due",
                "pooled-budget",
                "commissioning"
            ]
        );
    }

    #[test]
    fn priority_forms() {
        let p = parse_priority("  Safer   streets ", "Fewer incidents", " ", "Jo  Marsh").unwrap();
        assert_eq!(p.title, "Safer streets");
        assert_eq!(p.champion, None);
        assert_eq!(p.challenger.as_deref(), Some("Jo Marsh"));
        assert_eq!(
            parse_priority("", "", "", "").unwrap_err()[0].anchor,
            "title"
        );
    }

    #[test]
    fn problems_point_at_their_page_and_field() {
        assert_eq!(
            problem_location("measure-10-target"),
            Some(("measures/10".into(), "target".into()))
        );
        assert_eq!(
            problem_location("priority-1-measures"),
            Some(("priorities/1".into(), "measures".into()))
        );
        assert_eq!(problem_location("nonsense"), None);
        for p in submission_problems(&[Priority {
            measures: vec![],
            outcome: String::new(),
            ..complete()
        }]) {
            assert!(problem_location(&p.anchor).is_some(), "{}", p.anchor);
        }
    }

    #[test]
    fn task_statuses() {
        let p = complete();
        assert_eq!(priority_task_status(&p), TaskStatus::Completed);
        let mut gap = p.clone();
        gap.actions[0].lead_partner = None;
        assert_eq!(priority_task_status(&gap), TaskStatus::InProgress);
        let blank = Priority {
            outcome: String::new(),
            champion: None,
            challenger: None,
            measures: vec![],
            actions: vec![],
            ..p
        };
        assert_eq!(priority_task_status(&blank), TaskStatus::NotStarted);
        assert_eq!(text_task_status(&["", " "]), TaskStatus::NotStarted);
        assert_eq!(text_task_status(&["Needs", ""]), TaskStatus::InProgress);
        assert_eq!(text_task_status(&["Needs", "Said"]), TaskStatus::Completed);
    }
}
