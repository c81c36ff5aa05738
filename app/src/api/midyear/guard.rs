//! What every mid-year review command does first and last (server only): load the review's
//! header and authorise the action on its partnership; turn a refusal into the one
//! application error.

use crate::api::ServerContext;
use crate::db::midyear::{Refused, ReviewHeader};
use crate::domain::auth::{Action, Principal, Target};
use crate::domain::plan::{Plan, Shown};
use crate::error::AppError;

/// Loads the review's header and checks the action on its partnership. Nobody signed in is told
/// so before anything is looked up.
pub async fn review_for(
    id: i64,
    action: Action,
) -> Result<(ReviewHeader, Principal, ServerContext), AppError> {
    if crate::api::current_user().principal.is_none() {
        return Err(AppError::Unauthenticated);
    }
    let ctx = crate::api::context()?;
    let head = crate::db::midyear::header(&ctx.db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("That mid-year review".into()))?;
    let me = crate::api::authorise_signed_in(action, Target::Partnership(head.partnership_id))?;
    Ok((head, me, ctx))
}

/// The review's address, from its header.
pub fn base(head: &ReviewHeader) -> String {
    super::review_base(&head.partnership_slug, head.year)
}

/// The approved snapshot the review is of.
pub async fn snapshot(ctx: &ServerContext, head: &ReviewHeader) -> Result<Plan, AppError> {
    crate::db::plans::snapshot(&ctx.db, head.plan_id, head.reviewed_version)
        .await?
        .ok_or_else(|| AppError::NotFound("The approved plan this review is of".into()))
}

/// What a refusal means to the person: `what` names the thing ("this action's progress").
pub fn refusal(r: Refused, what: &str, saved: Option<(Shown, Shown)>) -> AppError {
    match r {
        Refused::NotDraft => AppError::Conflict(
            "This mid-year review has been submitted or accepted, so the partnership cannot change it now. Nothing was saved."
                .into(),
        ),
        Refused::Missing => AppError::NotFound(format!("That part of the mid-year review ({what})")),
        Refused::Mandated => AppError::Conflict("That cannot be removed.".into()),
        Refused::NotNow(why) => AppError::Conflict(format!("{why}. Nothing was changed.")),
        Refused::Stale(revision) => crate::api::plans::guard::stale(what, revision, saved),
    }
}

/// A refused change of the review's status.
pub fn status_refusal(r: Refused) -> AppError {
    match r {
        Refused::Missing => AppError::NotFound("That mid-year review".into()),
        Refused::NotNow(why) => AppError::Conflict(format!("{why}. Nothing was changed.")),
        _ => AppError::Conflict(
            "The mid-year review changed while you were looking at it (someone saved, submitted or decided on it). \
             Nothing was done: look at it as it is now and try again."
                .into(),
        ),
    }
}
