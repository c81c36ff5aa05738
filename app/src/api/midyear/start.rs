use crate::error::AppError;
use leptos::prelude::*;

/// Starts the mid-year review of a partnership's plan for a year, from the latest version the
/// Board approved: every action starts from the progress recorded in that version.
#[server(prefix = "/api", endpoint = "mid-year/start")]
pub async fn start_mid_year_review(slug: String, year: i32) -> Result<String, AppError> {
    use super::review_base;
    use crate::api::{actor, authorise_signed_in, context, fail, succeed};
    use crate::db::{midyear as repo, reference};
    use crate::domain::assessment::parse_year;
    use crate::domain::auth::{Action, Target};
    let ctx = context()?;
    let (partnership_id, _) = reference::partnership_by_slug(&ctx.db, &slug)
        .await?
        .ok_or_else(|| AppError::NotFound("That partnership".into()))?;
    let me = authorise_signed_in(
        Action::EditMidYearReview,
        Target::Partnership(partnership_id),
    )?;
    let year = parse_year(year).map_err(|e| AppError::field("year", e.0))?;
    let to = review_base(&slug, year);
    let Some((plan_id, version)) =
        crate::db::assessments::approved_version(&ctx.db, partnership_id, year).await?
    else {
        return Err(fail(
            AppError::Conflict(format!(
                "The {year} plan has no version the Board has approved, so there is nothing to review yet."
            )),
            &to,
            &[],
        ));
    };
    let plan = crate::db::plans::snapshot(&ctx.db, plan_id, version)
        .await?
        .ok_or_else(|| AppError::NotFound("The approved plan".into()))?;
    let mut tx = ctx.db.begin().await?;
    match repo::start(&mut tx, &actor(&me), &plan).await {
        Ok(_) => {}
        Err(e) if e.is_unique_violation() => {
            return Err(fail(
                AppError::Conflict(format!(
                    "The mid-year review of the {} plan has already been started.",
                    plan.year
                )),
                &to,
                &[],
            ))
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    succeed(
        &to,
        Some(&format!(
            "The mid-year review of the {} plan has been started.",
            plan.year
        )),
    );
    Ok(to)
}
