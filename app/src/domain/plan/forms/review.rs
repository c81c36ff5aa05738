//! The short forms around a plan's workflow: the children and young people's version, a
//! district manager's comment and the Board's decision.

use super::{at, too_long};
use crate::domain::plan::{PlanEvent, Problem};

crate::form! {
    /// The children and young people's version, as edited.
    pub struct YoungPeopleForm {
        text: String,
        /// Set (by its own button) to go back to the version generated from the plan.
        regenerate: String,
    }
}

impl YoungPeopleForm {
    /// The edited text, or `None` to go back to the generated one.
    pub fn parse(&self) -> Result<Option<String>, Vec<Problem>> {
        let text = self.text.trim();
        if !self.regenerate.is_empty() {
            return Ok(None);
        }
        if text.is_empty() {
            return Err(vec![at(
                Self::text,
                "Write the children and young people's version, or go back to the generated one",
            )]);
        }
        if too_long(text, 6_000) {
            return Err(vec![at(
                Self::text,
                "Keep it to 6,000 characters or fewer: it must fit a two-page leaflet",
            )]);
        }
        Ok(Some(text.to_string()))
    }
}

crate::form! {
    /// A district manager's comment on a plan before it is submitted.
    pub struct CommentForm {
        comment: String,
    }
}

impl CommentForm {
    pub fn parse(&self) -> Result<String, Vec<Problem>> {
        let body = self.comment.trim();
        if body.is_empty() {
            Err(vec![at(Self::comment, "Enter your comment")])
        } else if too_long(body, 5_000) {
            Err(vec![at(Self::comment, "Write 5,000 characters or fewer")])
        } else {
            Ok(body.to_string())
        }
    }
}

crate::form! {
    /// The Board's decision on a submitted plan.
    pub struct DecisionForm {
        /// "approve" or "return".
        decision: String,
        comment: String,
    }
}

impl DecisionForm {
    pub const APPROVE: &'static str = "approve";
    pub const RETURN: &'static str = "return";

    /// The event the decision is, or every problem with it (a choice not made is one).
    pub fn parse(&self) -> Result<PlanEvent, Vec<Problem>> {
        let comment = self.comment.trim();
        if too_long(comment, 5_000) {
            return Err(vec![at(Self::comment, "Write 5,000 characters or fewer")]);
        }
        match self.decision.as_str() {
            Self::APPROVE => Ok(PlanEvent::Approve),
            Self::RETURN if comment.is_empty() => Err(vec![at(
                Self::comment,
                "Enter a comment saying what the partnership needs to change",
            )]),
            Self::RETURN => Ok(PlanEvent::Return {
                comment: comment.to_string(),
            }),
            _ => Err(vec![at(
                Self::decision,
                "Choose whether to approve the plan or return it",
            )]),
        }
    }
}
