use crate::domain::plan::YoungPeopleForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Saves the edited children and young people's version; its "regenerate" button goes back to
/// the text generated from the plan.
#[server(prefix = "/api", endpoint = "plans/young-people")]
pub async fn save_young_people_version(
    plan_id: i64,
    revision: i64,
    #[server(default)] form: YoungPeopleForm,
) -> Result<i64, AppError> {
    use super::guard::{base, current, invalid, plan_for, refusal};
    use crate::api::{actor, fail_form, succeed};
    use crate::domain::auth::Action;
    let (head, me, ctx) = plan_for(plan_id, Action::EditPlan).await?;
    let back = format!("{}/young-people", base(&head));
    let text = form
        .parse()
        .map_err(|p| fail_form(invalid(p), &back, &form))?;
    let mut tx = ctx.db.begin().await?;
    match crate::db::plans::save_young_people_version(
        &mut tx,
        &actor(&me),
        plan_id,
        head.partnership_id,
        revision,
        text.as_deref(),
    )
    .await?
    {
        Ok(rev) => {
            tx.commit().await?;
            succeed(
                &back,
                Some("The children and young people's version has been saved."),
            );
            Ok(rev)
        }
        Err(r) => {
            drop(tx);
            let field = YoungPeopleForm::text;
            let now = current(&ctx, plan_id).await?.map(|p| {
                (
                    vec![(field, p.young_people_text())],
                    vec![(field, form.text.clone())],
                )
            });
            Err(fail_form(
                refusal(r, "the children and young people's version", now),
                &back,
                &form,
            ))
        }
    }
}
