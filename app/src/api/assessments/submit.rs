use crate::error::AppError;
use leptos::prelude::*;

/// Submits the self-assessment and the review of last year's plan (again, after it was
/// returned), once nothing is missing. Past the calendar's due date it is marked late, never
/// refused.
#[server(prefix = "/api", endpoint = "assessments/submit")]
pub async fn submit_assessment(assessment_id: i64, revision: i64) -> Result<i64, AppError> {
    use super::guard::{assessment_for, base, invalid, status_refusal};
    use crate::api::{actor, fail, succeed};
    use crate::db::assessments as repo;
    use crate::domain::assessment::submission_problems;
    use crate::domain::auth::Action;
    let (head, me, ctx) = assessment_for(assessment_id, Action::SubmitAssessment).await?;
    let back = format!("{}/submit", base(&head));
    let assessment = repo::load(&ctx.db, head.id)
        .await?
        .ok_or_else(|| AppError::NotFound("That self-assessment".into()))?;
    let set = repo::load_set(&ctx.db, head.year)
        .await?
        .ok_or_else(|| AppError::NotFound("This year's standards".into()))?;
    let review = super::review_rows::review_of(&ctx, &assessment).await?;
    let problems = submission_problems(&assessment, &set, review.as_ref().map(|r| &r.items));
    if !problems.is_empty() {
        return Err(fail(invalid(problems, &base(&head)), &back, &[]));
    }
    let due = super::guard_due(&ctx, head.year).await?;
    let late = due.is_some_and(|d| ctx.today() > d);
    let mut tx = ctx.db.begin().await?;
    match repo::submit(&mut tx, &actor(&me), &head, revision, late).await? {
        Ok(rev) => {
            tx.commit().await?;
            let notice = if late && head.round == 0 {
                "The self-assessment has been submitted to the district manager (after its due date, so it is marked late)."
            } else {
                "The self-assessment has been submitted to the district manager."
            };
            succeed(&base(&head), Some(notice));
            Ok(rev)
        }
        Err(r) => Err(fail(status_refusal(r), &back, &[])),
    }
}
