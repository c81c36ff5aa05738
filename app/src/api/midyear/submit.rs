use crate::error::AppError;
use leptos::prelude::*;

/// Submits the mid-year review (again, after it was returned), once nothing is missing. Past
/// the calendar's due date it is marked late, never refused.
#[server(prefix = "/api", endpoint = "mid-year/submit")]
pub async fn submit_mid_year_review(review_id: i64, revision: i64) -> Result<i64, AppError> {
    use super::guard::{base, review_for, snapshot, status_refusal};
    use crate::api::{actor, fail, succeed};
    use crate::db::midyear as repo;
    use crate::domain::auth::Action;
    use crate::domain::midyear::submission_problems;
    let (head, me, ctx) = review_for(review_id, Action::SubmitMidYearReview).await?;
    let back = format!("{}/submit", base(&head));
    let review = repo::load(&ctx.db, head.id)
        .await?
        .ok_or_else(|| AppError::NotFound("That mid-year review".into()))?;
    let plan = snapshot(&ctx, &head).await?;
    let problems = submission_problems(&review, &plan);
    if !problems.is_empty() {
        return Err(fail(
            crate::api::assessments::guard_invalid(problems, &base(&head)),
            &back,
            &[],
        ));
    }
    let due = crate::api::assessments::stage_due(
        &ctx,
        head.year,
        crate::domain::StageKind::MidYearSubmission,
    )
    .await?;
    let late = due.is_some_and(|d| ctx.today() > d);
    let mut tx = ctx.db.begin().await?;
    match repo::submit(&mut tx, &actor(&me), &head, revision, late).await? {
        Ok(rev) => {
            tx.commit().await?;
            let notice = if late && head.round == 0 {
                "The mid-year review has been submitted (after its due date, so it is marked late)."
            } else {
                "The mid-year review has been submitted to the district manager and the Board."
            };
            succeed(&base(&head), Some(notice));
            Ok(rev)
        }
        Err(r) => Err(fail(status_refusal(r), &back, &[])),
    }
}
