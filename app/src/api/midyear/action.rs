use crate::domain::midyear::ActionProgressForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Saves one action's progress: its status, commentary, the corrective action when it is at
/// risk or off track, and a changed due date with its reason.
#[server(prefix = "/api", endpoint = "mid-year/action")]
pub async fn save_action_progress(
    review_id: i64,
    action_id: i64,
    revision: i64,
    #[server(default)] form: ActionProgressForm,
) -> Result<i64, AppError> {
    use super::guard::{base, refusal, review_for, snapshot};
    use crate::api::{actor, fail_form, succeed};
    use crate::db::midyear as repo;
    use crate::domain::auth::Action;
    let (head, me, ctx) = review_for(review_id, Action::EditMidYearReview).await?;
    let back = format!("{}/actions/{action_id}", base(&head));
    let plan = snapshot(&ctx, &head).await?;
    let approved = plan
        .priorities
        .iter()
        .flat_map(|p| &p.actions)
        .find(|a| a.id == action_id)
        .ok_or_else(|| AppError::NotFound("That action".into()))?;
    let input = form.parse(approved.due).map_err(|p| {
        fail_form(
            crate::api::assessments::guard_invalid(p, &base(&head)),
            &back,
            &form,
        )
    })?;
    let name = crate::domain::assessment::shorten(&approved.description, 80);
    let mut tx = ctx.db.begin().await?;
    match repo::save_action(
        &mut tx,
        &actor(&me),
        &head,
        action_id,
        revision,
        &input,
        &name,
    )
    .await?
    {
        Ok(rev) => {
            tx.commit().await?;
            succeed(
                &base(&head),
                Some(&format!("The progress of “{name}” has been saved.")),
            );
            Ok(rev)
        }
        Err(r) => {
            drop(tx);
            let now = repo::load(&ctx.db, head.id).await?.and_then(|x| {
                x.action(action_id).map(|a| {
                    (
                        ActionProgressForm::from_saved(a, approved.due).shown(),
                        form.shown(),
                    )
                })
            });
            Err(fail_form(
                refusal(r, "this action's progress", now),
                &back,
                &form,
            ))
        }
    }
}
