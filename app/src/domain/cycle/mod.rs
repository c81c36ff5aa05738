//! The Board's key priorities for a year and the cycle calendar, as people type them.
//!
//! Each form is declared once with [`crate::form!`]; its parser reports every problem keyed by
//! the field (the input's id) it concerns, and has the last word on the server.

use crate::domain::calendar::{CalendarStage, PlanYear, StageKind};
use crate::domain::date::{long_date, parse_date, short_date};
use crate::domain::figure::grouped;
use crate::domain::plan::forms::{at, too_long};
use crate::domain::plan::Problem;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[cfg(test)]
mod tests;

/// The most a Board priority's title may hold (as a plan priority's).
pub const TITLE_LIMIT: usize = 200;
/// The most a Board priority's outcome may hold.
pub const OUTCOME_LIMIT: usize = 2_000;
/// The most indicators the Board may suggest for one priority.
pub const MOST_INDICATORS: usize = 10;

fn write_fewer(n: usize, typed: &str) -> String {
    format!(
        "Write {} characters or fewer (this has {})",
        grouped(n as f64, 0),
        grouped(typed.chars().count() as f64, 0)
    )
}

/// An indicator the Board suggests a priority is measured by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestedIndicator {
    pub code: String,
    pub title: String,
}

/// One of the Board's key priorities for a year, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardPriority {
    pub id: i64,
    pub title: String,
    pub outcome: String,
    pub position: i32,
    /// When it was published to every partnership's plan; `None` while a draft.
    pub published_at: Option<DateTime<Utc>>,
    pub indicators: Vec<SuggestedIndicator>,
    /// How many plans it is in.
    pub plans: i64,
}

impl BoardPriority {
    pub fn is_published(&self) -> bool {
        self.published_at.is_some()
    }
}

crate::form! {
    /// One of the Board's key priorities, as a Board member types it.
    pub struct BoardPriorityForm {
        title: String,
        outcome: String,
        /// Indicator codes from the catalogue, one a line or separated by commas.
        indicators: String,
    }
}

/// A Board priority as parsed: its indicators are the catalogue's own codes, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardPriorityInput {
    pub title: String,
    pub outcome: String,
    pub indicators: Vec<String>,
}

/// A code as people may type it: case and spaces do not matter ("ni112" is NI 112).
fn code_key(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// "‘A’", "‘A’ and ‘B’", "‘A’, ‘B’ and ‘C’".
fn listed(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("‘{i}’")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl BoardPriorityForm {
    pub fn from_saved(p: &BoardPriority) -> Self {
        Self {
            title: p.title.clone(),
            outcome: p.outcome.clone(),
            indicators: p
                .indicators
                .iter()
                .map(|i| i.code.clone())
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// Reads the form. `catalogue` holds the indicator codes that may be suggested; `others`
    /// the titles of the year's other priorities (a title is unique in its year, ignoring case).
    pub fn parse(
        &self,
        catalogue: &[String],
        others: &[String],
    ) -> Result<BoardPriorityInput, Vec<Problem>> {
        let mut problems = Vec::new();
        let title = self.title.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.is_empty() {
            problems.push(at(Self::title, "Enter the priority's title"));
        } else if too_long(&title, TITLE_LIMIT) {
            problems.push(at(Self::title, write_fewer(TITLE_LIMIT, &title)));
        } else if others
            .iter()
            .any(|o| o.trim().to_lowercase() == title.to_lowercase())
        {
            problems.push(at(
                Self::title,
                format!("The Board already has a priority called “{title}” this year: give this one another title"),
            ));
        }
        let outcome = self.outcome.trim().replace('\r', "");
        if too_long(&outcome, OUTCOME_LIMIT) {
            problems.push(at(Self::outcome, write_fewer(OUTCOME_LIMIT, &outcome)));
        }
        let typed: Vec<&str> = self
            .indicators
            .split([',', '\n', ';'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let mut indicators: Vec<String> = Vec::new();
        let mut unknown: Vec<String> = Vec::new();
        let mut twice: Vec<String> = Vec::new();
        for code in &typed {
            match catalogue.iter().find(|c| code_key(c) == code_key(code)) {
                Some(c) if indicators.contains(c) => {
                    if !twice.contains(c) {
                        twice.push(c.clone());
                    }
                }
                Some(c) => indicators.push(c.clone()),
                None => unknown.push(code.to_string()),
            }
        }
        if !unknown.is_empty() {
            let verb = if unknown.len() == 1 { "is" } else { "are" };
            problems.push(at(
                Self::indicators,
                format!(
                    "{} {verb} not in the indicator catalogue: check the code (like NI 112) or leave it out",
                    listed(&unknown)
                ),
            ));
        } else if !twice.is_empty() {
            problems.push(at(
                Self::indicators,
                format!(
                    "{} is listed twice: list each indicator once",
                    listed(&twice)
                ),
            ));
        } else if indicators.len() > MOST_INDICATORS {
            problems.push(at(
                Self::indicators,
                format!(
                    "Suggest at most {MOST_INDICATORS} indicators (there are {})",
                    indicators.len()
                ),
            ));
        }
        if problems.is_empty() {
            Ok(BoardPriorityInput {
                title,
                outcome,
                indicators,
            })
        } else {
            Err(problems)
        }
    }
}

/// The days a year's calendar may use: from 1 July of the year before its drafting starts to
/// the end of the plan year (31 March of the year after).
pub fn calendar_window(year: PlanYear) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(year.first_year() - 1, 7, 1).unwrap_or(NaiveDate::MIN);
    (first, year.ends())
}

crate::form! {
    /// A year's calendar: when each stage opens and is due, keyed by the stage's name
    /// (`form[opens][plan_submission]`).
    pub struct CalendarForm {
        opens: BTreeMap<String, String>,
        due: BTreeMap<String, String>,
    }
}

impl CalendarForm {
    /// The id (and error key) of the input for when `kind` opens.
    pub fn opens_id(kind: StageKind) -> String {
        format!("{}-opens", kind.as_str())
    }

    /// The id (and error key) of the input for when `kind` is due.
    pub fn due_id(kind: StageKind) -> String {
        format!("{}-due", kind.as_str())
    }

    /// The input's name for when `kind` opens.
    pub fn opens_name(kind: StageKind) -> String {
        format!("{}[{}]", Self::opens.name(), kind.as_str())
    }

    /// The input's name for when `kind` is due.
    pub fn due_name(kind: StageKind) -> String {
        format!("{}[{}]", Self::due.name(), kind.as_str())
    }

    /// A calendar as the form shows it.
    pub fn from_stages(stages: &[CalendarStage]) -> Self {
        let mut form = Self::default();
        for s in stages {
            form.opens
                .insert(s.kind.as_str().into(), short_date(s.opens));
            form.due.insert(s.kind.as_str().into(), short_date(s.due));
        }
        form
    }

    /// Reads every stage's two dates: each must be a real date within the year's window (see
    /// [`calendar_window`]), and no stage may be due before it opens. All twelve stages, in
    /// the order of Appendix 1, or every problem keyed by its input.
    pub fn parse(&self, year: PlanYear) -> Result<Vec<CalendarStage>, Vec<Problem>> {
        let (first, last) = calendar_window(year);
        let mut problems = Vec::new();
        let mut stages = Vec::new();
        for kind in StageKind::ALL.iter().copied() {
            let mut date = |typed: Option<&String>, id: String, what: &str| {
                let typed = typed.map(String::as_str).unwrap_or("");
                let stage = kind.label();
                let refuse = |message: String| Problem {
                    anchor: id.clone(),
                    message,
                };
                match parse_date(typed) {
                    Ok(None) => {
                        problems.push(refuse(format!("Enter the date ‘{stage}’ {what}")));
                        None
                    }
                    Err(e) => {
                        problems.push(refuse(format!("‘{stage}’ {what}: {}", e.0)));
                        None
                    }
                    Ok(Some(d)) if d < first || d > last => {
                        problems.push(refuse(format!(
                            "‘{stage}’ {what} on {}: the {year} calendar's dates must be between {} and {}",
                            long_date(d),
                            long_date(first),
                            long_date(last)
                        )));
                        None
                    }
                    Ok(Some(d)) => Some(d),
                }
            };
            let opens = date(self.opens.get(kind.as_str()), Self::opens_id(kind), "opens");
            let due = date(self.due.get(kind.as_str()), Self::due_id(kind), "is due");
            if let (Some(opens), Some(due)) = (opens, due) {
                match CalendarStage::new(kind, opens, due) {
                    Ok(s) => stages.push(s),
                    Err(_) => problems.push(Problem {
                        anchor: Self::due_id(kind),
                        message: format!(
                            "‘{}’ cannot be due ({}) before it opens ({}): enter a later due date",
                            kind.label(),
                            long_date(due),
                            long_date(opens)
                        ),
                    }),
                }
            }
        }
        if problems.is_empty() {
            Ok(stages)
        } else {
            Err(problems)
        }
    }
}

/// Where a year's calendar comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CalendarSource {
    /// An administrator set this year's dates.
    Set,
    /// Last year's dates, carried forward a year.
    LastYear,
    /// The business-cycle paper's defaults.
    Paper,
}

impl CalendarSource {
    /// How the page says it.
    pub fn describe(self) -> &'static str {
        match self {
            CalendarSource::Set => "This year's calendar is set.",
            CalendarSource::LastYear => "This year's calendar has not been set: it is defaulting from last year's, a year on. Saving sets it.",
            CalendarSource::Paper => "This year's calendar has not been set: it is defaulting from the paper's calendar (Appendix 1). Saving sets it.",
        }
    }
}
