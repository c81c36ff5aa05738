//! A priority's actions as the table on its page shows them: what the page's island asks for
//! after adding one in place — that table alone, drawn on the server by the same code as the
//! page ([`crate::components::actions_table`]), not the whole plan.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The actions table of priority `priority_id` of `slug`'s plan for `year`, as HTML, for those
/// who may read the plan (as its pages: [`super::readable_plan`]).
#[server(prefix = "/api", endpoint = "plans/actions", input = GetUrl)]
pub async fn get_actions_table(
    slug: String,
    year: i32,
    priority_id: i64,
) -> Result<String, AppError> {
    use crate::domain::auth::{authorise, Action, Target};
    use crate::domain::plan::PlanStatus;
    let ctx = crate::api::context()?;
    // Only what the table needs: the plan, and whether this person may change it.
    let read = super::readable_plan(&ctx, &slug, year).await?;
    let base = super::plan_base(&slug, read.year);
    let plan = read
        .plan
        .ok_or_else(|| AppError::NotFound("The plan".into()))?;
    let priority = plan
        .priorities
        .iter()
        .find(|p| p.id == priority_id)
        .ok_or_else(|| AppError::NotFound("That priority".into()))?;
    let may_edit = authorise(
        Some(&read.me),
        Action::EditPlan,
        Target::Partnership(read.partnership_id),
    )
    .is_ok();
    let can_edit = may_edit && plan.status == PlanStatus::Draft;
    Ok(crate::components::actions_table::actions_table(&plan, priority, &base, can_edit).to_html())
}
