use crate::domain::assessment::SummaryForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Saves the self-assessment's overall summary.
#[server(prefix = "/api", endpoint = "assessments/summary")]
pub async fn save_assessment_summary(
    assessment_id: i64,
    revision: i64,
    #[server(default)] form: SummaryForm,
) -> Result<i64, AppError> {
    use super::guard::{assessment_for, base, invalid, refusal};
    use crate::api::{actor, fail_form, succeed};
    use crate::db::assessments as repo;
    use crate::domain::auth::Action;
    let (head, me, ctx) = assessment_for(assessment_id, Action::EditAssessment).await?;
    let back = format!("{}/summary", base(&head));
    let summary = form
        .parse()
        .map_err(|p| fail_form(invalid(p, &base(&head)), &back, &form))?;
    let mut tx = ctx.db.begin().await?;
    match repo::save_summary(&mut tx, &actor(&me), &head, revision, &summary).await? {
        Ok(rev) => {
            tx.commit().await?;
            succeed(&base(&head), Some("The overall summary has been saved."));
            Ok(rev)
        }
        Err(r) => {
            drop(tx);
            let now = repo::load(&ctx.db, head.id).await?.map(|a| {
                (
                    vec![(SummaryForm::summary, a.summary)],
                    vec![(SummaryForm::summary, form.summary.clone())],
                )
            });
            Err(fail_form(refusal(r, "the summary", now), &back, &form))
        }
    }
}
