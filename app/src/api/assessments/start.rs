use crate::error::AppError;
use leptos::prelude::*;

/// Starts a partnership's self-assessment for a year: the year's standards (set up from last
/// year's, or the defaults, if this is the first use of the year) and the review of the
/// version of last year's plan the Board approved last.
#[server(prefix = "/api", endpoint = "assessments/start")]
pub async fn start_assessment(slug: String, year: i32) -> Result<String, AppError> {
    use super::assessment_base;
    use crate::api::{actor, authorise_signed_in, context, fail, succeed};
    use crate::db::{assessments as repo, reference};
    use crate::domain::assessment::parse_year;
    use crate::domain::auth::{Action, Target};
    let ctx = context()?;
    let (partnership_id, _) = reference::partnership_by_slug(&ctx.db, &slug)
        .await?
        .ok_or_else(|| AppError::NotFound("That partnership".into()))?;
    let me = authorise_signed_in(Action::EditAssessment, Target::Partnership(partnership_id))?;
    let year = parse_year(year).map_err(|e| AppError::field("year", e.0))?;
    let to = assessment_base(&slug, year);
    let reviewed = repo::approved_version(&ctx.db, partnership_id, year - 1).await?;
    let who = actor(&me);
    let mut tx = ctx.db.begin().await?;
    repo::ensure_set(&mut tx, &who, year).await?;
    match repo::start(&mut tx, &who, partnership_id, year, reviewed).await {
        Ok(_) => {}
        Err(e) if e.is_unique_violation() => {
            return Err(fail(
                AppError::Conflict(format!(
                    "The {year} self-assessment has already been started."
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
        Some(&format!("The {year} self-assessment has been started.")),
    );
    Ok(to)
}
