use crate::domain::plan::PriorityForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Adds a local priority.
#[server(prefix = "/api", endpoint = "plans/priority/add")]
pub async fn add_priority(
    plan_id: i64,
    #[server(default)] form: PriorityForm,
) -> Result<i64, AppError> {
    use super::guard::{base, invalid, plan_for, refusal};
    use crate::api::{actor, fail_form, succeed};
    use crate::domain::auth::Action;
    let (head, me, ctx) = plan_for(plan_id, Action::EditPlan).await?;
    let back = format!("{}/priorities/new", base(&head));
    let input = form
        .parse()
        .map_err(|p| fail_form(invalid(p), &back, &form))?;
    let mut tx = ctx.db.begin().await?;
    match crate::db::plans::add_priority(&mut tx, &actor(&me), plan_id, head.partnership_id, &input)
        .await?
    {
        Ok(id) => {
            tx.commit().await?;
            succeed(
                &format!("{}/priorities/{id}", base(&head)),
                Some(&format!("The priority “{}” has been added.", input.title)),
            );
            Ok(id)
        }
        Err(r) => Err(fail_form(refusal(r, "this plan", None), &back, &form)),
    }
}

/// Saves a priority's outcome, champion and challenger (and the title of a local one).
#[server(prefix = "/api", endpoint = "plans/priority/save")]
pub async fn save_priority(
    plan_id: i64,
    priority_id: i64,
    revision: i64,
    #[server(default)] form: PriorityForm,
) -> Result<i64, AppError> {
    use super::guard::{base, current, invalid, plan_for, refusal};
    use crate::api::{actor, fail_form, succeed};
    use crate::domain::auth::Action;
    use crate::domain::plan::PriorityInput;
    let (head, me, ctx) = plan_for(plan_id, Action::EditPlan).await?;
    let back = format!("{}/priorities/{priority_id}", base(&head));
    let input = form
        .parse()
        .map_err(|p| fail_form(invalid(p), &back, &form))?;
    let mut tx = ctx.db.begin().await?;
    match crate::db::plans::save_priority(
        &mut tx,
        &actor(&me),
        plan_id,
        head.partnership_id,
        priority_id,
        revision,
        &input,
    )
    .await?
    {
        Ok(rev) => {
            tx.commit().await?;
            succeed(
                &base(&head),
                Some(&format!("The priority “{}” has been saved.", input.title)),
            );
            Ok(rev)
        }
        Err(r) => {
            drop(tx);
            let now = current(&ctx, plan_id).await?.and_then(|p| {
                let saved = p.priorities.into_iter().find(|p| p.id == priority_id)?;
                Some((
                    PriorityInput::from(&saved).shown(saved.mandated),
                    input.shown(saved.mandated),
                ))
            });
            Err(fail_form(refusal(r, "this priority", now), &back, &form))
        }
    }
}

/// Removes a local priority, with its measures and actions, once the person has confirmed it on
/// the confirmation page (`confirm=yes`); without that, they are sent to that page.
#[server(prefix = "/api", endpoint = "plans/priority/remove")]
pub async fn remove_priority(
    plan_id: i64,
    priority_id: i64,
    #[server(default)] confirm: Option<String>,
) -> Result<(), AppError> {
    use super::guard::{base, confirmed, plan_for};
    use crate::domain::auth::Action;
    let (head, me, ctx) = plan_for(plan_id, Action::EditPlan).await?;
    confirmed(
        confirm.as_deref(),
        &format!("{}/priorities/{priority_id}/remove", base(&head)),
        "priority",
    )?;
    let mut tx = ctx.db.begin().await?;
    let out = crate::db::plans::remove_priority(
        &mut tx,
        &crate::api::actor(&me),
        plan_id,
        head.partnership_id,
        priority_id,
    )
    .await?;
    super::guard::finish_removal(
        tx,
        out,
        &base(&head),
        "that priority",
        "The priority has been removed.",
    )
    .await
}
