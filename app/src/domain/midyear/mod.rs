//! The mid-year review of a plan the Board approved: each action's progress (with the
//! corrective action agreed when it is at risk or off track, and any slip of its due date with
//! the reason), each measure's forecast for its due date, the partnership's summary, the
//! workflow (draft → submitted by the chair → returned with comments or accepted, which freezes
//! it), what changed since approval, and the headline counts the Board's roll-up and the plan's
//! page show. Pure rules, shared by the browser and the server.

use super::plan::ActionStatus;
use super::text_enum::text_enum;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

mod changes;
pub mod forms;
mod workflow;

pub use changes::{since_approval, SinceApproval};
pub use forms::*;
pub use workflow::*;

#[cfg(test)]
mod tests;

text_enum!(
    /// Where a mid-year review is in its workflow.
    MidYearStatus, "mid-year review status" {
        Draft => "draft", "Draft",
        Submitted => "submitted", "Submitted",
        Returned => "returned", "Returned with comments",
        Accepted => "accepted", "Accepted",
    }
);

text_enum!(
    /// How an action is going at the mid-year review.
    Progress, "progress" {
        OnTrack => "on_track", "On track",
        AtRisk => "at_risk", "At risk",
        OffTrack => "off_track", "Off track",
        Complete => "complete", "Complete",
        NotStarted => "not_started", "Not started",
        Dropped => "dropped", "Dropped",
    }
);

impl Progress {
    /// At risk or off track: a corrective action must be agreed, with its owner and date.
    pub fn needs_correction(self) -> bool {
        matches!(self, Progress::AtRisk | Progress::OffTrack)
    }

    /// Where a new review starts: the progress last recorded in the approved plan.
    pub fn from_plan(status: ActionStatus) -> Self {
        match status {
            ActionStatus::NotStarted => Progress::NotStarted,
            ActionStatus::OnTrack => Progress::OnTrack,
            ActionStatus::AtRisk => Progress::AtRisk,
            ActionStatus::Complete => Progress::Complete,
        }
    }
}

/// One action of the approved plan as the review records it (by its id in the snapshot).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionProgress {
    pub action_id: i64,
    pub progress: Progress,
    pub commentary: String,
    pub corrective_action: String,
    pub corrective_owner: String,
    pub corrective_due: Option<NaiveDate>,
    /// A new due date (a slip); `None`: due as approved.
    pub revised_due: Option<NaiveDate>,
    pub slip_reason: String,
    pub revision: i64,
}

/// One measure of the approved plan as the review records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureNote {
    pub measure_id: i64,
    /// The partnership's forecast for the measure's due date, in the indicator's unit.
    pub forecast: Option<f64>,
    pub commentary: String,
    pub revision: i64,
}

/// A comment made when a review was returned or accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewComment {
    pub round: i32,
    pub returned: bool,
    pub author: String,
    pub body: String,
    pub at: DateTime<Utc>,
}

/// A partnership's mid-year review of its approved plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MidYearReview {
    pub id: i64,
    pub partnership_id: i64,
    pub plan_id: i64,
    pub year: i32,
    /// The approved version reviewed.
    pub reviewed_version: i32,
    pub status: MidYearStatus,
    /// Times submitted (0: never).
    pub round: i32,
    pub revision: i64,
    pub going_well: String,
    pub board_should_know: String,
    pub late: bool,
    pub submitted_at: Option<DateTime<Utc>>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub accepted_by: Option<String>,
    pub actions: Vec<ActionProgress>,
    pub measures: Vec<MeasureNote>,
    pub comments: Vec<ReviewComment>,
}

impl MidYearReview {
    pub fn action(&self, id: i64) -> Option<&ActionProgress> {
        self.actions.iter().find(|a| a.action_id == id)
    }

    pub fn measure(&self, id: i64) -> Option<&MeasureNote> {
        self.measures.iter().find(|m| m.measure_id == id)
    }

    /// The partnership may change it: a draft, or returned with comments.
    pub fn editable(&self) -> bool {
        matches!(self.status, MidYearStatus::Draft | MidYearStatus::Returned)
    }

    pub fn counts(&self) -> ProgressCounts {
        ProgressCounts::of(self.actions.iter().map(|a| a.progress))
    }
}

/// How many actions are at each stage of progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProgressCounts {
    pub on_track: usize,
    pub at_risk: usize,
    pub off_track: usize,
    pub complete: usize,
    pub not_started: usize,
    pub dropped: usize,
}

impl ProgressCounts {
    pub fn of(progress: impl IntoIterator<Item = Progress>) -> Self {
        let mut c = Self::default();
        for p in progress {
            *c.slot(p) += 1;
        }
        c
    }

    fn slot(&mut self, p: Progress) -> &mut usize {
        match p {
            Progress::OnTrack => &mut self.on_track,
            Progress::AtRisk => &mut self.at_risk,
            Progress::OffTrack => &mut self.off_track,
            Progress::Complete => &mut self.complete,
            Progress::NotStarted => &mut self.not_started,
            Progress::Dropped => &mut self.dropped,
        }
    }

    /// These counts with `n` more at `p`.
    pub fn plus(mut self, p: Progress, n: usize) -> Self {
        *self.slot(p) += n;
        self
    }

    /// How many actions are at `p`.
    pub fn get(&self, p: Progress) -> usize {
        let mut c = *self;
        *c.slot(p)
    }

    pub fn total(&self) -> usize {
        Progress::ALL.iter().map(|p| self.get(*p)).sum()
    }
}

impl std::fmt::Display for ProgressCounts {
    /// "14 actions: 9 on track, 3 at risk, 1 off track, 1 complete" (stages with none left out).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total = self.total();
        write!(
            f,
            "{total} {}",
            if total == 1 { "action" } else { "actions" }
        )?;
        let parts: Vec<String> = Progress::ALL
            .iter()
            .filter(|p| self.get(**p) > 0)
            .map(|p| format!("{} {}", self.get(*p), p.label().to_lowercase()))
            .collect();
        if !parts.is_empty() {
            write!(f, ": {}", parts.join(", "))?;
        }
        Ok(())
    }
}

/// The latest mid-year review of a plan, as the plan's page and the map's panel name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewHeadline {
    pub year: i32,
    pub status: MidYearStatus,
    pub counts: ProgressCounts,
}

impl ReviewHeadline {
    /// "Mid-year review (submitted): 14 actions: 9 on track, 3 at risk, 1 off track, 1 complete"
    pub fn text(&self) -> String {
        format!(
            "Mid-year review ({}): {}",
            self.status.label().to_lowercase(),
            self.counts
        )
    }
}
