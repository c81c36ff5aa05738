use crate::domain::plan::AboutForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Saves the needs-analysis summary and what children and young people told us. Also used to
/// save drafts as people type (JavaScript on, `autosave` set): a draft save based on an older
/// revision is refused like any other, and the page stops saving drafts until the person
/// chooses what to keep.
#[server(prefix = "/api", endpoint = "plans/about")]
pub async fn save_about(
    plan_id: i64,
    revision: i64,
    #[server(default)] form: AboutForm,
    autosave: Option<String>,
) -> Result<i64, AppError> {
    use super::guard::{base, current, invalid, plan_for, refusal};
    use crate::api::{actor, fail_form, succeed};
    use crate::domain::auth::Action;
    let (head, me, ctx) = plan_for(plan_id, Action::EditPlan).await?;
    let back = format!("{}/about", base(&head));
    let input = form
        .parse()
        .map_err(|p| fail_form(invalid(p), &back, &form))?;
    let mut tx = ctx.db.begin().await?;
    let saved = crate::db::plans::save_about(
        &mut tx,
        &actor(&me),
        plan_id,
        head.partnership_id,
        revision,
        &input.needs_summary,
        &input.young_people_said,
    )
    .await?;
    match saved {
        Ok(rev) => {
            tx.commit().await?;
            if autosave.is_none() {
                succeed(&base(&head), Some("The plan's summary has been saved."));
            }
            Ok(rev)
        }
        Err(r) => {
            drop(tx);
            let now = current(&ctx, plan_id)
                .await?
                .map(|p| (AboutForm::from_saved(&p).shown(), input.shown()));
            Err(fail_form(
                refusal(r, "the plan's summary", now),
                &back,
                &form,
            ))
        }
    }
}
