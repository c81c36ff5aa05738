//! What every self-assessment command does first and last (server only): load the assessment's
//! header and authorise the action on its partnership; turn a refusal or the domain's problems
//! into the one application error.

use super::assessment_base;
use crate::api::ServerContext;
use crate::db::assessments::{AssessmentHeader, Refused};
use crate::domain::auth::{Action, Principal, Target};
use crate::domain::plan::{Problem, Shown};
use crate::error::{AppError, FieldError};

/// Loads the assessment's header and checks the action on its partnership. Nobody signed in is
/// told so before anything is looked up.
pub async fn assessment_for(
    id: i64,
    action: Action,
) -> Result<(AssessmentHeader, Principal, ServerContext), AppError> {
    if crate::api::current_user().principal.is_none() {
        return Err(AppError::Unauthenticated);
    }
    let ctx = crate::api::context()?;
    let head = crate::db::assessments::header(&ctx.db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("That self-assessment".into()))?;
    let me = crate::api::authorise_signed_in(action, Target::Partnership(head.partnership_id))?;
    Ok((head, me, ctx))
}

/// The assessment's address, from its header.
pub fn base(head: &AssessmentHeader) -> String {
    assessment_base(&head.partnership_slug, head.year)
}

/// The domain's problems with a form, as the application's error. Anchors of the form
/// `page#field` become links to that page below `base`.
pub fn invalid(problems: Vec<Problem>, base: &str) -> AppError {
    AppError::Invalid(
        problems
            .into_iter()
            .map(|p| {
                let field = if p.anchor.contains('#') {
                    format!("{base}/{}", p.anchor)
                } else {
                    p.anchor
                };
                FieldError::new(&field, p.message)
            })
            .collect(),
    )
}

/// What a refusal means to the person: `what` names the thing ("this standard's answer"). After
/// a stale save, `saved` and `typed` say how each field reads now and as typed.
pub fn refusal(r: Refused, what: &str, saved: Option<(Shown, Shown)>) -> AppError {
    match r {
        Refused::NotDraft => AppError::Conflict(
            "This self-assessment has been submitted or moderated, so the partnership cannot change it now. Nothing was saved."
                .into(),
        ),
        Refused::Missing => AppError::NotFound(format!("That part of the self-assessment ({what})")),
        Refused::Mandated => AppError::Conflict("That cannot be removed.".into()),
        Refused::NotNow(why) => AppError::Conflict(format!("{why}. Nothing was changed.")),
        Refused::Stale(revision) => crate::api::plans::guard::stale(what, revision, saved),
    }
}

/// A refused change of the assessment's status.
pub fn status_refusal(r: Refused) -> AppError {
    match r {
        Refused::Missing => AppError::NotFound("That self-assessment".into()),
        Refused::NotNow(why) => AppError::Conflict(format!("{why}. Nothing was changed.")),
        _ => AppError::Conflict(
            "The self-assessment changed while you were looking at it (someone saved, submitted or moderated it). \
             Nothing was done: look at it as it is now and try again."
                .into(),
        ),
    }
}
