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

mod compare;
pub mod forms;
mod submission;
mod workflow;
mod years;

pub use compare::{compare, figure, Change};
pub use forms::*;
pub use submission::{problem_location, submission_problems};
pub use workflow::{transition, PlanEvent};
pub use years::{year_to_open, YearActivity};

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

impl IndicatorRef {
    /// A figure of this indicator with its unit and rounding ("27.3%"); a bare number when the
    /// snapshot's unit is not one Trustboard knows.
    pub fn format(&self, value: f64) -> String {
        match crate::domain::Unit::from_label(&self.unit) {
            Some(unit) => unit.format(value),
            None => crate::domain::date::format_number(value),
        }
    }
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

    /// A measure's figure in its indicator's unit and rounding ("27.3%"), or a dash.
    pub fn figure(&self, m: &Measure, value: Option<f64>) -> String {
        let Some(v) = value else {
            return "—".into();
        };
        match m
            .indicator_code
            .as_deref()
            .and_then(|c| self.indicators.get(c))
        {
            Some(i) => i.format(v),
            None => crate::domain::date::format_number(v),
        }
    }

    /// A measure's baseline with its period: "27.3% (2025/26)", "27.3%", or a dash.
    pub fn baseline_text(&self, m: &Measure) -> String {
        let period = m
            .baseline_period
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty());
        match (m.baseline, period) {
            (Some(_), Some(p)) => format!("{} ({p})", self.figure(m, m.baseline)),
            (Some(_), None) => self.figure(m, m.baseline),
            (None, Some(p)) => format!("— ({p})"),
            (None, None) => "—".into(),
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
    /// A Board priority published after the plan was started.
    #[serde(default)]
    pub added_later: bool,
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

pub(crate) fn problem(anchor: String, message: String) -> Problem {
    Problem { anchor, message }
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
    /// Whether the person listing may open this plan (the one rule,
    /// [`crate::domain::auth::plan_visibility`]); set after the list is read.
    #[cfg_attr(feature = "ssr", sqlx(default))]
    #[serde(default)]
    pub may_open: bool,
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
    /// The unit as stored ("percentage").
    pub unit: String,
    pub latest_value: Option<f64>,
    pub latest_period: Option<String>,
}

impl IndicatorOption {
    /// A figure of this indicator with its unit and rounding.
    pub fn format(&self, value: f64) -> String {
        match self.unit.parse::<crate::domain::Unit>() {
            Ok(unit) => unit.format(value),
            Err(_) => crate::domain::date::format_number(value),
        }
    }
}

#[cfg(test)]
mod compare_tests;
#[cfg(test)]
mod tests;
