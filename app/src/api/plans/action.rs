use super::SavedItem;
use crate::domain::plan::ActionForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Adds (`action_id` 0) or saves an action.
#[server(prefix = "/api", endpoint = "plans/action/save")]
pub async fn save_action(
    plan_id: i64,
    priority_id: i64,
    action_id: i64,
    revision: i64,
    #[server(default)] form: ActionForm,
) -> Result<SavedItem, AppError> {
    use super::guard::{base, current, invalid, plan_for, refusal};
    use crate::api::{actor, fail_form, succeed};
    use crate::domain::auth::Action;
    use crate::domain::plan::ActionInput;
    let (head, me, ctx) = plan_for(plan_id, Action::EditPlan).await?;
    let back = if action_id == 0 {
        format!("{}/actions/new?priority={priority_id}", base(&head))
    } else {
        format!("{}/actions/{action_id}", base(&head))
    };
    let input = form
        .parse()
        .map_err(|p| fail_form(invalid(p), &back, &form))?;
    let mut partners: Vec<i64> = input.supporting_partners.clone();
    partners.extend(input.lead_partner);
    if !crate::db::plans::partners_known(&ctx.db, head.partnership_id, &partners).await? {
        return Err(fail_form(
            AppError::field(
                ActionForm::lead.key(),
                "Choose partners from this partnership's list",
            ),
            &back,
            &form,
        ));
    }
    let mut tx = ctx.db.begin().await?;
    let saved = crate::db::plans::save_action(
        &mut tx,
        &actor(&me),
        plan_id,
        head.partnership_id,
        priority_id,
        (action_id != 0).then_some(action_id),
        revision,
        &input,
    )
    .await?;
    match saved {
        Ok((id, revision)) => {
            tx.commit().await?;
            succeed(
                &format!("{}/priorities/{priority_id}", base(&head)),
                Some(&format!(
                    "The action “{}” has been saved.",
                    input.description
                )),
            );
            Ok(SavedItem { id, revision })
        }
        Err(r) => {
            drop(tx);
            let now = current(&ctx, plan_id).await?.and_then(|p| {
                let a = p
                    .priorities
                    .iter()
                    .flat_map(|p| p.actions.iter())
                    .find(|a| a.id == action_id)?;
                let name = |id: i64| p.organisation_name(Some(id));
                Some((ActionInput::from(a).shown(name), input.shown(name)))
            });
            Err(fail_form(refusal(r, "this action", now), &back, &form))
        }
    }
}

/// Removes an action, once the person has confirmed it on the confirmation page
/// (`confirm=yes`); without that, they are sent to that page.
#[server(prefix = "/api", endpoint = "plans/action/remove")]
pub async fn remove_action(
    plan_id: i64,
    priority_id: i64,
    action_id: i64,
    #[server(default)] confirm: Option<String>,
) -> Result<(), AppError> {
    super::guard::remove_from_priority(
        plan_id,
        priority_id,
        crate::db::plans::Item::Action,
        action_id,
        confirm.as_deref(),
    )
    .await
}
