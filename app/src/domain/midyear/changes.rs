//! What changed since the Board approved the plan: the review's slips (a new due date with its
//! reason) and dropped actions, and every change to the plan itself since that version — the
//! version comparison ([`crate::domain::plan::compare`]) of the approved snapshot with the plan
//! as it stands now.

use super::{MidYearReview, Progress};
use crate::domain::date::long_date;
use crate::domain::plan::{compare, Change, Plan};
use serde::{Deserialize, Serialize};

/// One change since approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SinceApproval {
    /// An action's due date moved, with the reason given.
    Slipped {
        action: String,
        priority: String,
        from: String,
        to: String,
        reason: String,
    },
    /// The review drops an action, saying why.
    Dropped {
        action: String,
        priority: String,
        why: String,
    },
    /// A change to the plan since the approved version (a new version was started).
    Plan(Change),
}

impl SinceApproval {
    /// The kind of change, in words (for its tag).
    pub fn kind(&self) -> &'static str {
        match self {
            SinceApproval::Slipped { .. } => "Slipped",
            SinceApproval::Dropped { .. } => "Dropped",
            SinceApproval::Plan(Change::Added(_)) => "Added",
            SinceApproval::Plan(Change::Removed(_)) => "Removed",
            SinceApproval::Plan(Change::Changed { .. }) => "Changed",
        }
    }

    /// The change in a sentence.
    pub fn describe(&self) -> String {
        match self {
            SinceApproval::Slipped {
                action,
                from,
                to,
                reason,
                ..
            } => format!("“{action}” is now due {to} (approved for {from}): {reason}"),
            SinceApproval::Dropped { action, why, .. } => format!("“{action}” was dropped: {why}"),
            SinceApproval::Plan(Change::Added(what)) => format!("{what} was added to the plan"),
            SinceApproval::Plan(Change::Removed(what)) => {
                format!("{what} was removed from the plan")
            }
            SinceApproval::Plan(Change::Changed {
                what,
                before,
                after,
            }) => format!("{what} changed from “{before}” to “{after}”"),
        }
    }
}

/// Everything that changed since `approved` (the snapshot the review is of): the review's slips
/// and dropped actions, in the plan's order, then the plan's own changes since that version
/// (`current`: the plan as it stands, when it has moved on).
pub fn since_approval(
    approved: &Plan,
    current: Option<&Plan>,
    review: &MidYearReview,
) -> Vec<SinceApproval> {
    let mut out = Vec::new();
    for p in &approved.priorities {
        for a in &p.actions {
            let Some(x) = review.action(a.id) else {
                continue;
            };
            let action = super::super::assessment::shorten(&a.description, 120);
            if let Some(to) = x.revised_due.filter(|d| Some(*d) != a.due) {
                out.push(SinceApproval::Slipped {
                    action: action.clone(),
                    priority: p.title.clone(),
                    from: a.due.map(long_date).unwrap_or_else(|| "no date".into()),
                    to: long_date(to),
                    reason: x.slip_reason.clone(),
                });
            }
            if x.progress == Progress::Dropped {
                out.push(SinceApproval::Dropped {
                    action,
                    priority: p.title.clone(),
                    why: x.commentary.clone(),
                });
            }
        }
    }
    if let Some(now) = current {
        out.extend(compare(approved, now).into_iter().map(SinceApproval::Plan));
    }
    out
}
