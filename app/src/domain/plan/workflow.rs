//! The plan's workflow: what can happen to a plan in each state. Every change of status —
//! submit, approve, return, amend — is decided here and nowhere else.

use super::PlanStatus;
use crate::domain::ParseError;
use serde::{Deserialize, Serialize};

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

impl PlanEvent {
    /// Whether the event starts the plan's next version (changing an approved plan).
    pub fn starts_new_version(&self) -> bool {
        matches!(self, PlanEvent::Amend)
    }
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
