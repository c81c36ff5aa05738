//! The plan's workflow as people drive it: submit, the Board's decision, and amending an
//! approved plan. Which moves are allowed is decided by `domain::plan::transition`, once.

use crate::domain::plan::DecisionForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Submits the plan for the Board's approval: refused with every gap listed until the
/// submission rules are met.
#[server(prefix = "/api", endpoint = "plans/submit")]
pub async fn submit_plan(plan_id: i64, revision: i64) -> Result<i64, AppError> {
    use super::guard::{base, current, plan_for, status_refusal};
    use crate::api::{actor, fail, succeed};
    use crate::domain::auth::Action;
    use crate::domain::plan::{problem_location, submission_problems};
    use crate::error::FieldError;
    let (head, me, ctx) = plan_for(plan_id, Action::SubmitPlan).await?;
    let back = format!("{}/submit", base(&head));
    let plan = current(&ctx, plan_id)
        .await?
        .ok_or_else(|| AppError::NotFound("That plan".into()))?;
    let problems = submission_problems(&plan.priorities);
    if !problems.is_empty() {
        // Each gap links to its field on the page where it is fixed.
        let errors = problems
            .into_iter()
            .map(|p| {
                let link = match problem_location(&p.anchor) {
                    Some((page, field)) => format!("{}/{page}#{field}", base(&head)),
                    None => String::new(),
                };
                FieldError::new(&link, p.message)
            })
            .collect();
        return Err(fail(AppError::Invalid(errors), &back, &[]));
    }
    let head = crate::db::plans::PlanHeader { revision, ..head };
    let mut tx = ctx.db.begin().await?;
    match crate::db::plans::submit(&mut tx, &actor(&me), &head).await? {
        Ok(rev) => {
            tx.commit().await?;
            succeed(
                &base(&head),
                Some("The plan has been submitted to the Trust Board."),
            );
            Ok(rev)
        }
        Err(r) => Err(fail(status_refusal(r), &back, &[])),
    }
}

/// The Board approves a submitted plan (freezing that version) or returns it with comments.
#[server(prefix = "/api", endpoint = "plans/decide")]
pub async fn decide_plan(
    plan_id: i64,
    revision: i64,
    #[server(default)] form: DecisionForm,
) -> Result<i64, AppError> {
    use super::guard::{base, current, invalid, plan_for, status_refusal};
    use crate::api::{actor, fail_form, succeed};
    use crate::db::plans::{PlanHeader, Refused};
    use crate::domain::auth::Action;
    use crate::domain::plan::PlanEvent;
    let (head, me, ctx) = plan_for(plan_id, Action::DecidePlan).await?;
    let back = base(&head);
    let event = form
        .parse()
        .map_err(|p| fail_form(invalid(p), &back, &form))?;
    let actor = actor(&me);
    let head = PlanHeader { revision, ..head };
    let mut tx;
    let out = match &event {
        PlanEvent::Approve => {
            // The content frozen is the content the Board saw: at the revision they decided on.
            let plan = current(&ctx, plan_id)
                .await?
                .ok_or_else(|| AppError::NotFound("That plan".into()))?;
            if plan.revision != revision {
                return Err(fail_form(
                    status_refusal(Refused::Stale(plan.revision)),
                    &back,
                    &form,
                ));
            }
            tx = ctx.db.begin().await?;
            crate::db::plans::approve(&mut tx, &actor, &plan).await?
        }
        PlanEvent::Return { comment } => {
            tx = ctx.db.begin().await?;
            crate::db::plans::return_to_draft(&mut tx, &actor, &head, comment).await?
        }
        PlanEvent::Submit | PlanEvent::Amend => {
            return Err(AppError::Internal("TB-DECIDE-EVENT".into()))
        }
    };
    match out {
        Ok(rev) => {
            tx.commit().await?;
            let notice = match event {
                PlanEvent::Approve => {
                    format!("Version {} of the plan has been approved.", head.version)
                }
                _ => "The plan has been returned to the partnership with your comments.".into(),
            };
            succeed(&back, Some(&notice));
            Ok(rev)
        }
        Err(r) => Err(fail_form(status_refusal(r), &back, &form)),
    }
}

/// Starts the next version of an approved plan.
#[server(prefix = "/api", endpoint = "plans/amend")]
pub async fn amend_plan(plan_id: i64, revision: i64) -> Result<i64, AppError> {
    use super::guard::{base, plan_for, status_refusal};
    use crate::api::{actor, fail, succeed};
    use crate::domain::auth::Action;
    let (head, me, ctx) = plan_for(plan_id, Action::SubmitPlan).await?;
    let back = base(&head);
    let head = crate::db::plans::PlanHeader { revision, ..head };
    let mut tx = ctx.db.begin().await?;
    match crate::db::plans::amend(&mut tx, &actor(&me), &head).await? {
        Ok(rev) => {
            tx.commit().await?;
            succeed(
                &back,
                Some(&format!(
                    "Version {} has been started. Version {} stays as the Board approved it.",
                    head.version + 1,
                    head.version
                )),
            );
            Ok(rev)
        }
        Err(r) => Err(fail(status_refusal(r), &back, &[])),
    }
}
