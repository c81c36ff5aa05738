use crate::error::AppError;
use leptos::prelude::*;

/// Starts the plan for a year (from the Board's priorities; optionally carrying forward last
/// year's local priorities).
#[server(prefix = "/api", endpoint = "plans/start")]
pub async fn start_plan(
    slug: String,
    year: i32,
    carry_forward: Option<String>,
) -> Result<String, AppError> {
    use super::plan_base;
    use crate::api::{actor, authorise_signed_in, context, fail, succeed};
    use crate::db::{plans, reference};
    use crate::domain::auth::{Action, Target};
    use crate::domain::PlanYear;
    let ctx = context()?;
    let (partnership_id, _) = reference::partnership_by_slug(&ctx.db, &slug)
        .await?
        .ok_or_else(|| AppError::NotFound("That partnership".into()))?;
    let me = authorise_signed_in(Action::EditPlan, Target::Partnership(partnership_id))?;
    let year = PlanYear::new(year).map_err(|e| AppError::field("year", e.0))?;
    let to = plan_base(&slug, year);
    let mut tx = ctx.db.begin().await?;
    match plans::start(
        &mut tx,
        &actor(&me),
        partnership_id,
        year,
        carry_forward.is_some(),
    )
    .await
    {
        Ok(_) => {}
        Err(e) if e.is_unique_violation() => {
            return Err(fail(
                AppError::Conflict(format!("The {year} plan has already been started.")),
                &to,
                &[],
            ))
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    succeed(&to, Some(&format!("The {year} plan has been started.")));
    Ok(to)
}
