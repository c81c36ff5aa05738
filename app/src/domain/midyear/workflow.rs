//! The mid-year review's workflow — draft → submitted (by the chair) → returned with comments
//! (by the district manager or the Board) → resubmitted → accepted (frozen) — and what must be
//! in place before it is submitted. Every change of status is decided here and nowhere else.

use super::{MidYearReview, MidYearStatus};
use crate::domain::plan::{Plan, Problem};
use crate::domain::ParseError;
use serde::{Deserialize, Serialize};

/// What can happen to a mid-year review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MidYearEvent {
    Submit,
    Return,
    Accept,
}

/// The status after `event`, or why it cannot happen now.
pub fn transition(status: MidYearStatus, event: MidYearEvent) -> Result<MidYearStatus, ParseError> {
    use MidYearEvent::*;
    use MidYearStatus::*;
    match (status, event) {
        (Draft | Returned, Submit) => Ok(Submitted),
        (Submitted, Return) => Ok(Returned),
        (Submitted, Accept) => Ok(Accepted),
        (s, e) => Err(ParseError::new(format!(
            "A mid-year review that is {} cannot be {}",
            s.label().to_lowercase(),
            match e {
                Submit => "submitted",
                Return => "returned",
                Accept => "accepted",
            }
        ))),
    }
}

fn gap(anchor: String, message: String) -> Problem {
    Problem { anchor, message }
}

/// Every gap that stops submission, each with where it is fixed (`page#field`, below the
/// review's address): both parts of the summary; for every action at risk or off track, the
/// corrective action agreed, its owner and date; for a dropped action, why.
pub fn submission_problems(review: &MidYearReview, plan: &Plan) -> Vec<Problem> {
    let mut out = Vec::new();
    if review.going_well.trim().is_empty() {
        out.push(gap(
            "summary#going_well".into(),
            "Say what is going well".into(),
        ));
    }
    if review.board_should_know.trim().is_empty() {
        out.push(gap(
            "summary#board_should_know".into(),
            "Say what the Board should know".into(),
        ));
    }
    for p in &plan.priorities {
        for a in &p.actions {
            let Some(x) = review.action(a.id) else {
                continue;
            };
            let name = super::super::assessment::shorten(&a.description, 80);
            let at = |field: &str| format!("actions/{}#{field}", a.id);
            if x.progress.needs_correction() {
                let state = x.progress.label().to_lowercase();
                if x.corrective_action.trim().is_empty() {
                    out.push(gap(
                        at("corrective_action"),
                        format!(
                            "Enter the corrective action agreed for “{name}”, which is {state}"
                        ),
                    ));
                }
                if x.corrective_owner.trim().is_empty() {
                    out.push(gap(
                        at("corrective_owner"),
                        format!("Enter who owns the corrective action for “{name}”"),
                    ));
                }
                if x.corrective_due.is_none() {
                    out.push(gap(
                        at("corrective_due"),
                        format!("Enter the date the corrective action for “{name}” is due"),
                    ));
                }
            }
            if x.progress == super::Progress::Dropped && x.commentary.trim().is_empty() {
                out.push(gap(
                    at("commentary"),
                    format!("Say why “{name}” was dropped"),
                ));
            }
        }
    }
    out
}
