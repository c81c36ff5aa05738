use crate::domain::assessment::StandardForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Saves the partnership's answer for one standard: its grade, evidence, strengths and areas
/// for development.
#[server(prefix = "/api", endpoint = "assessments/standard")]
pub async fn save_standard_answer(
    assessment_id: i64,
    standard_id: i64,
    revision: i64,
    #[server(default)] form: StandardForm,
) -> Result<i64, AppError> {
    use super::guard::{assessment_for, base, invalid, refusal};
    use crate::api::{actor, fail_form, succeed};
    use crate::db::assessments as repo;
    use crate::domain::auth::Action;
    let (head, me, ctx) = assessment_for(assessment_id, Action::EditAssessment).await?;
    let back = format!("{}/standards/{standard_id}", base(&head));
    let set = repo::load_set(&ctx.db, head.year)
        .await?
        .ok_or_else(|| AppError::NotFound("This year's standards".into()))?;
    let standard = set
        .standard(standard_id)
        .ok_or_else(|| AppError::NotFound("That standard".into()))?;
    let input = form
        .parse()
        .map_err(|p| fail_form(invalid(p, &base(&head)), &back, &form))?;
    let mut tx = ctx.db.begin().await?;
    let saved = repo::save_answer(
        &mut tx,
        &actor(&me),
        &head,
        standard_id,
        revision,
        &input,
        &standard.title,
    )
    .await?;
    match saved {
        Ok(rev) => {
            tx.commit().await?;
            succeed(
                &base(&head),
                Some(&format!(
                    "Your answer for “{}” has been saved.",
                    standard.title
                )),
            );
            Ok(rev)
        }
        Err(r) => {
            drop(tx);
            let now = repo::load(&ctx.db, head.id).await?.map(|a| {
                (
                    StandardForm::from_saved(a.answer(standard_id)).shown(&set.scale),
                    form.shown(&set.scale),
                )
            });
            Err(fail_form(
                refusal(r, "this standard's answer", now),
                &back,
                &form,
            ))
        }
    }
}
