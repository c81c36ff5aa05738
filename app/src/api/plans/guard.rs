//! What every plan command does first and last (server only): load the plan's header and
//! authorise the action on its partnership; turn a refusal or the domain's problems into the
//! one application error.

use crate::api::ServerContext;
use crate::db::plans::{PlanHeader, Refused};
use crate::domain::auth::{Action, Principal, Target};
use crate::domain::plan::{differences, Problem, Shown};
use crate::error::{AppError, FieldError};

/// Loads the plan's header and checks the action on its partnership. Nobody signed in is told
/// so before anything is looked up.
pub async fn plan_for(
    plan_id: i64,
    action: Action,
) -> Result<(PlanHeader, Principal, ServerContext), AppError> {
    if crate::api::current_user().principal.is_none() {
        return Err(AppError::Unauthenticated);
    }
    let ctx = crate::api::context()?;
    let head = crate::db::plans::header(&ctx.db, plan_id)
        .await?
        .ok_or_else(|| AppError::NotFound("That plan".into()))?;
    let me = crate::api::authorise_signed_in(action, Target::Partnership(head.partnership_id))?;
    Ok((head, me, ctx))
}

/// The plan's address, from its header.
pub fn base(head: &PlanHeader) -> String {
    format!(
        "/partnerships/{}/plans/{}",
        head.partnership_slug, head.plan_year
    )
}

/// The domain's problems with a form, as the application's error.
pub fn invalid(problems: Vec<Problem>) -> AppError {
    AppError::Invalid(
        problems
            .into_iter()
            .map(|p| FieldError::new(&p.anchor, p.message))
            .collect(),
    )
}

/// What a refusal means to the person: `what` names the thing ("this action"). After a stale
/// save, `saved` and `typed` say how each field reads now and as typed, so that the person sees
/// what someone else saved wherever it differs.
pub fn refusal(r: Refused, what: &str, saved: Option<(Shown, Shown)>) -> AppError {
    match r {
        Refused::NotDraft => AppError::Conflict(
            "This plan has been submitted or approved, so it cannot be changed now. Nothing was saved."
                .into(),
        ),
        Refused::Missing => AppError::NotFound(capitalise(what)),
        Refused::Mandated => AppError::Conflict(
            "The Trust Board set this priority for every plan, so it cannot be removed.".into(),
        ),
        Refused::NotNow(why) => AppError::Conflict(format!("{why}. Nothing was changed.")),
        Refused::Stale(revision) => stale(what, revision, saved),
    }
}

/// A save refused because someone else saved `what` first (it is at `revision` now); `saved`
/// and `typed` say how each field reads now and as typed, for showing the differences.
pub(crate) fn stale(what: &str, revision: i64, saved: Option<(Shown, Shown)>) -> AppError {
    AppError::Stale {
        message: format!(
            "Someone else saved {what} while you were working on it, so your changes have not been saved yet. \
             What they saved is shown beside each field where it differs from yours. \
             Check the form, then save again to keep your version."
        ),
        revision,
        fields: saved
            .map(|(now, typed)| {
                differences(&now, &typed)
                    .into_iter()
                    .map(|p| FieldError::new(&p.anchor, p.message))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// A refused change of the plan's status.
pub fn status_refusal(r: Refused) -> AppError {
    match r {
        Refused::Missing => AppError::NotFound("That plan".into()),
        Refused::NotNow(why) => AppError::Conflict(format!("{why}. Nothing was changed.")),
        _ => AppError::Conflict(
            "The plan changed while you were looking at it (someone saved, submitted or decided on it). \
             Nothing was done: look at the plan as it is now and try again."
                .into(),
        ),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The plan as it is now, for telling a person what someone else saved.
pub async fn current(
    ctx: &ServerContext,
    plan_id: i64,
) -> Result<Option<crate::domain::plan::Plan>, AppError> {
    Ok(crate::db::plans::load(&ctx.db, plan_id).await?)
}

/// Commits a removal, or says why it did not happen.
pub async fn finish_removal(
    tx: crate::db::Tx,
    out: crate::db::plans::Saved<()>,
    back: &str,
    what: &str,
    notice: &str,
) -> Result<(), AppError> {
    match out {
        Ok(()) => {
            tx.commit().await?;
            crate::api::succeed(back, Some(notice));
            Ok(())
        }
        Err(r) => Err(crate::api::fail(refusal(r, what, None), back, &[])),
    }
}

/// A removal happens only once the person has said yes on its confirmation page (`confirm`
/// is "yes"); otherwise nothing is removed, and a plain form post is sent to that page.
pub fn confirmed(
    confirm: Option<&str>,
    confirmation_page: &str,
    what: &str,
) -> Result<(), AppError> {
    if confirm.map(str::trim) == Some("yes") {
        return Ok(());
    }
    Err(crate::api::fail(
        AppError::field(
            "confirm",
            format!("Confirm that you want to remove this {what}: nothing has been removed yet"),
        ),
        confirmation_page,
        &[],
    ))
}

/// Removes a measure or an action of a priority (the two remove commands), once confirmed.
pub async fn remove_from_priority(
    plan_id: i64,
    priority_id: i64,
    item: crate::db::plans::Item,
    id: i64,
    confirm: Option<&str>,
) -> Result<(), AppError> {
    let (head, me, ctx) = plan_for(plan_id, Action::EditPlan).await?;
    confirmed(
        confirm,
        &format!("{}/{}/{id}/remove", base(&head), item.path()),
        item.noun(),
    )?;
    let mut tx = ctx.db.begin().await?;
    let out = crate::db::plans::remove_item(
        &mut tx,
        &crate::api::actor(&me),
        plan_id,
        head.partnership_id,
        item,
        id,
    )
    .await?;
    let back = format!("{}/priorities/{priority_id}", base(&head));
    finish_removal(tx, out, &back, item.that(), item.removed()).await
}
