use crate::domain::plan::CommentForm;
use crate::error::AppError;
use leptos::prelude::*;

/// A district manager's comment, before the plan is submitted.
#[server(prefix = "/api", endpoint = "plans/comment")]
pub async fn comment_on_plan(
    plan_id: i64,
    #[server(default)] form: CommentForm,
) -> Result<(), AppError> {
    use super::guard::{base, invalid, plan_for};
    use crate::api::{actor, fail_form, succeed};
    use crate::domain::auth::Action;
    use crate::domain::plan::PlanStatus;
    let (head, me, ctx) = plan_for(plan_id, Action::CommentOnPlan).await?;
    let back = base(&head);
    let body = form
        .parse()
        .map_err(|p| fail_form(invalid(p), &back, &form))?;
    if head.status()? != PlanStatus::Draft {
        return Err(fail_form(
            AppError::Conflict(
                "District managers comment before a plan is submitted; this one has been submitted already."
                    .into(),
            ),
            &back,
            &form,
        ));
    }
    let mut tx = ctx.db.begin().await?;
    crate::db::plans::add_district_comment(&mut tx, &actor(&me), &head, &body).await?;
    tx.commit().await?;
    succeed(&back, Some("Your comment has been added to the plan."));
    Ok(())
}
