//! A priority's actions as the table on its page shows them: what the page's island asks for
//! after adding one in place — that table alone, drawn on the server by the same code as the
//! page ([`crate::components::actions_table`]), not the whole plan.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The actions table of priority `priority_id` of `slug`'s plan for `year`, as HTML, for those
/// who may read the plan (as its pages: [`super::get_plan_page`]).
#[server(prefix = "/api", endpoint = "plans/actions", input = GetUrl)]
pub async fn get_actions_table(
    slug: String,
    year: i32,
    priority_id: i64,
) -> Result<String, AppError> {
    use crate::domain::plan::PlanStatus;
    let page = super::get_plan_page(slug, year).await?;
    let base = page.base();
    let plan = page
        .plan
        .ok_or_else(|| AppError::NotFound("The plan".into()))?;
    let priority = plan
        .priorities
        .iter()
        .find(|p| p.id == priority_id)
        .ok_or_else(|| AppError::NotFound("That priority".into()))?;
    let can_edit = page.may.edit && plan.status == PlanStatus::Draft;
    Ok(crate::components::actions_table::actions_table(&plan, priority, &base, can_edit).to_html())
}
