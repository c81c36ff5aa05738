//! What people type into the mid-year review's forms, each declared once with [`crate::form!`],
//! and the parsers that turn it into the review's content. The same parser checks a form in the
//! browser and has the last word on the server.

use super::{ActionProgress, MeasureNote, MidYearEvent, Progress};
use crate::domain::date::{long_date, parse_date, parse_number, short_date};
use crate::domain::plan::forms::{at, too_long};
use crate::domain::plan::{Problem, Shown};
use crate::domain::Unit;
use chrono::NaiveDate;

/// The most commentary, a corrective action, a reason or a comment may hold.
pub const NOTE_LIMIT: usize = 5_000;
/// The most each part of the summary may hold.
pub const SUMMARY_LIMIT: usize = 10_000;

fn limit(problems: &mut Vec<Problem>, fields: &[(crate::domain::form::Field, &str, usize)]) {
    for (field, text, n) in fields {
        if too_long(text, *n) {
            problems.push(at(
                *field,
                format!(
                    "Write {} characters or fewer",
                    crate::domain::date::format_number(*n as f64)
                ),
            ));
        }
    }
}

crate::form! {
    /// One action's progress at the mid-year review.
    pub struct ActionProgressForm {
        progress: String,
        commentary: String,
        corrective_action: String,
        corrective_owner: String,
        corrective_due: String,
        /// The due date: as approved, or a new one (a slip).
        due: String,
        slip_reason: String,
    }
}

/// An action's progress as parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionProgressInput {
    pub progress: Progress,
    pub commentary: String,
    pub corrective_action: String,
    pub corrective_owner: String,
    pub corrective_due: Option<NaiveDate>,
    pub revised_due: Option<NaiveDate>,
    pub slip_reason: String,
}

impl ActionProgressForm {
    /// The form as the saved progress fills it; `approved` is the due date in the approved plan.
    pub fn from_saved(x: &ActionProgress, approved: Option<NaiveDate>) -> Self {
        Self {
            progress: x.progress.as_str().into(),
            commentary: x.commentary.clone(),
            corrective_action: x.corrective_action.clone(),
            corrective_owner: x.corrective_owner.clone(),
            corrective_due: x.corrective_due.map(short_date).unwrap_or_default(),
            due: x
                .revised_due
                .or(approved)
                .map(short_date)
                .unwrap_or_default(),
            slip_reason: x.slip_reason.clone(),
        }
    }

    /// Reads the form for an action approved as due on `approved`. At risk or off track needs
    /// the corrective action agreed, who owns it and when it is due; a due date other than the
    /// approved one is a slip and needs its reason; a dropped action needs to say why.
    pub fn parse(&self, approved: Option<NaiveDate>) -> Result<ActionProgressInput, Vec<Problem>> {
        let mut problems = Vec::new();
        let progress = match self.progress.trim().parse::<Progress>() {
            Ok(p) => Some(p),
            Err(_) => {
                problems.push(at(Self::progress, "Choose how the action is going"));
                None
            }
        };
        limit(
            &mut problems,
            &[
                (Self::commentary, &self.commentary, NOTE_LIMIT),
                (Self::corrective_action, &self.corrective_action, NOTE_LIMIT),
                (Self::corrective_owner, &self.corrective_owner, 200),
                (Self::slip_reason, &self.slip_reason, NOTE_LIMIT),
            ],
        );
        let corrective_due = parse_date(&self.corrective_due).unwrap_or_else(|e| {
            problems.push(at(Self::corrective_due, e.0));
            None
        });
        let due = parse_date(&self.due).unwrap_or_else(|e| {
            problems.push(at(Self::due, e.0));
            approved
        });
        let (commentary, corrective_action, corrective_owner, slip_reason) = (
            self.commentary.trim(),
            self.corrective_action.trim(),
            self.corrective_owner.trim(),
            self.slip_reason.trim(),
        );
        if let Some(p) = progress.filter(|p| p.needs_correction()) {
            let state = p.label().to_lowercase();
            if corrective_action.is_empty() {
                problems.push(at(
                    Self::corrective_action,
                    format!("Enter the corrective action agreed, because the action is {state}"),
                ));
            }
            if corrective_owner.is_empty() {
                problems.push(at(
                    Self::corrective_owner,
                    "Enter who owns the corrective action",
                ));
            }
            if corrective_due.is_none() && self.corrective_due.trim().is_empty() {
                problems.push(at(
                    Self::corrective_due,
                    "Enter the date the corrective action is due",
                ));
            }
        }
        if progress == Some(Progress::Dropped) && commentary.is_empty() {
            problems.push(at(Self::commentary, "Say why the action was dropped"));
        }
        let revised_due = match (approved, due) {
            (Some(a), None) => {
                problems.push(at(
                    Self::due,
                    format!("Enter the due date: it was approved as {}", long_date(a)),
                ));
                None
            }
            (a, Some(d)) if a != Some(d) => Some(d),
            _ => None,
        };
        if revised_due.is_some() && slip_reason.is_empty() {
            problems.push(at(
                Self::slip_reason,
                "Give the reason the due date has changed",
            ));
        }
        match progress {
            Some(progress) if problems.is_empty() => Ok(ActionProgressInput {
                progress,
                commentary: commentary.into(),
                corrective_action: corrective_action.into(),
                corrective_owner: corrective_owner.into(),
                corrective_due,
                revised_due,
                slip_reason: if revised_due.is_some() {
                    slip_reason.into()
                } else {
                    String::new()
                },
            }),
            _ => Err(problems),
        }
    }

    /// How each field reads.
    pub fn shown(&self) -> Shown {
        let progress = self
            .progress
            .parse::<Progress>()
            .map(|p| p.label().to_string())
            .unwrap_or_default();
        vec![
            (Self::progress, progress),
            (Self::commentary, self.commentary.clone()),
            (Self::corrective_action, self.corrective_action.clone()),
            (Self::corrective_owner, self.corrective_owner.clone()),
            (Self::corrective_due, self.corrective_due.clone()),
            (Self::due, self.due.clone()),
            (Self::slip_reason, self.slip_reason.clone()),
        ]
    }
}

crate::form! {
    /// One measure at the mid-year review: the forecast for its due date, and commentary.
    pub struct MeasureNoteForm {
        forecast: String,
        commentary: String,
    }
}

/// A measure's note as parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureNoteInput {
    pub forecast: Option<f64>,
    pub commentary: String,
}

impl MeasureNoteForm {
    pub fn from_saved(x: &MeasureNote) -> Self {
        Self {
            forecast: x
                .forecast
                .map(crate::domain::date::format_number)
                .unwrap_or_default(),
            commentary: x.commentary.clone(),
        }
    }

    /// Reads the form for a measure whose indicator is written in `unit`: a forecast must be a
    /// figure that unit allows.
    pub fn parse(&self, unit: Option<Unit>) -> Result<MeasureNoteInput, Vec<Problem>> {
        let mut problems = Vec::new();
        let forecast = match parse_number(&self.forecast, "forecast") {
            Ok(Some(v)) => match unit.map(|u| u.check(v)) {
                Some(Err(why)) => {
                    problems.push(at(
                        Self::forecast,
                        format!(
                            "The forecast cannot be {}: {why}",
                            crate::domain::date::format_number(v)
                        ),
                    ));
                    None
                }
                _ => Some(v),
            },
            Ok(None) => None,
            Err(e) => {
                problems.push(at(Self::forecast, e.0));
                None
            }
        };
        limit(
            &mut problems,
            &[(Self::commentary, &self.commentary, NOTE_LIMIT)],
        );
        if problems.is_empty() {
            Ok(MeasureNoteInput {
                forecast,
                commentary: self.commentary.trim().into(),
            })
        } else {
            Err(problems)
        }
    }

    pub fn shown(&self) -> Shown {
        vec![
            (Self::forecast, self.forecast.clone()),
            (Self::commentary, self.commentary.clone()),
        ]
    }
}

crate::form! {
    /// The partnership's summary for the Board.
    pub struct MidYearSummaryForm {
        going_well: String,
        board_should_know: String,
    }
}

impl MidYearSummaryForm {
    pub fn parse(&self) -> Result<(String, String), Vec<Problem>> {
        let mut problems = Vec::new();
        limit(
            &mut problems,
            &[
                (Self::going_well, &self.going_well, SUMMARY_LIMIT),
                (
                    Self::board_should_know,
                    &self.board_should_know,
                    SUMMARY_LIMIT,
                ),
            ],
        );
        if problems.is_empty() {
            Ok((
                self.going_well.trim().into(),
                self.board_should_know.trim().into(),
            ))
        } else {
            Err(problems)
        }
    }

    pub fn shown(&self) -> Shown {
        vec![
            (Self::going_well, self.going_well.clone()),
            (Self::board_should_know, self.board_should_know.clone()),
        ]
    }
}

crate::form! {
    /// The district manager's or the Board's decision on a submitted review.
    pub struct MidYearDecisionForm {
        /// "accept" or "return".
        decision: String,
        comment: String,
    }
}

impl MidYearDecisionForm {
    pub const ACCEPT: &'static str = "accept";
    pub const RETURN: &'static str = "return";

    /// The event and its comment (required when returning), or every problem.
    pub fn parse(&self) -> Result<(MidYearEvent, String), Vec<Problem>> {
        let comment = self.comment.trim();
        if too_long(comment, NOTE_LIMIT) {
            return Err(vec![at(Self::comment, "Write 5,000 characters or fewer")]);
        }
        match self.decision.as_str() {
            Self::ACCEPT => Ok((MidYearEvent::Accept, comment.into())),
            Self::RETURN if comment.is_empty() => Err(vec![at(
                Self::comment,
                "Enter a comment saying what the partnership needs to look at again",
            )]),
            Self::RETURN => Ok((MidYearEvent::Return, comment.into())),
            _ => Err(vec![at(
                Self::decision,
                "Choose whether to accept the review or return it",
            )]),
        }
    }
}
