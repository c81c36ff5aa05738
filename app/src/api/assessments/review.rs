use crate::domain::assessment::ReviewForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Saves the annual review of last year's plan: an outcome and commentary for each action,
/// commentary for each measure.
#[server(prefix = "/api", endpoint = "assessments/review")]
pub async fn save_review(
    assessment_id: i64,
    revision: i64,
    #[server(default)] form: ReviewForm,
) -> Result<i64, AppError> {
    use super::guard::{assessment_for, base, invalid, refusal};
    use crate::api::{actor, fail_form, succeed};
    use crate::db::assessments as repo;
    use crate::domain::assessment::ReviewItems;
    use crate::domain::auth::Action;
    use crate::domain::plan::differences_by_key;
    use crate::error::FieldError;
    let (head, me, ctx) = assessment_for(assessment_id, Action::EditAssessment).await?;
    let back = format!("{}/review", base(&head));
    // The header names the reviewed version: no need to load the whole assessment for it.
    let reviewed = match head.reviewed_plan_id.zip(head.reviewed_version) {
        Some((plan, version)) => crate::db::plans::snapshot(&ctx.db, plan, version).await?,
        None => None,
    };
    let Some(plan) = reviewed else {
        return Err(fail_form(
            AppError::Conflict(
                "Last year's plan was never approved, so there is nothing to review.".into(),
            ),
            &back,
            &form,
        ));
    };
    let items = ReviewItems::from_plan(&plan);
    let notes = form
        .parse(&items)
        .map_err(|p| fail_form(invalid(p, &base(&head)), &back, &form))?;
    let mut tx = ctx.db.begin().await?;
    match repo::save_review(&mut tx, &actor(&me), &head, revision, &notes).await? {
        Ok(rev) => {
            tx.commit().await?;
            succeed(
                &base(&head),
                Some("The review of last year's plan has been saved."),
            );
            Ok(rev)
        }
        Err(r) => {
            drop(tx);
            let now = repo::load(&ctx.db, head.id).await?;
            let mut err = refusal(r, "the review", None);
            // What is saved now, beside each note where it differs from what was typed.
            if let (AppError::Stale { fields, .. }, Some(a)) = (&mut err, now) {
                let saved = ReviewForm::from_saved(&items, &a.notes).shown();
                fields.extend(
                    differences_by_key(&saved, &form.shown())
                        .into_iter()
                        .map(|p| FieldError::new(&p.anchor, p.message)),
                );
            }
            Err(fail_form(err, &back, &form))
        }
    }
}
