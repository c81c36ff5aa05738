use crate::domain::midyear::MeasureNoteForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Saves one measure's forecast for its due date and commentary.
#[server(prefix = "/api", endpoint = "mid-year/measure")]
pub async fn save_measure_note(
    review_id: i64,
    measure_id: i64,
    revision: i64,
    #[server(default)] form: MeasureNoteForm,
) -> Result<i64, AppError> {
    use super::guard::{base, refusal, review_for, snapshot};
    use crate::api::{actor, fail_form, succeed};
    use crate::db::midyear as repo;
    use crate::domain::auth::Action;
    let (head, me, ctx) = review_for(review_id, Action::EditMidYearReview).await?;
    let back = format!("{}/measures/{measure_id}", base(&head));
    let plan = snapshot(&ctx, &head).await?;
    let measure = plan
        .priorities
        .iter()
        .flat_map(|p| &p.measures)
        .find(|m| m.id == measure_id)
        .ok_or_else(|| AppError::NotFound("That measure".into()))?;
    let unit = measure
        .indicator_code
        .as_deref()
        .and_then(|c| plan.indicators.get(c))
        .and_then(|i| crate::domain::Unit::from_label(&i.unit));
    let input = form.parse(unit).map_err(|p| {
        fail_form(
            crate::api::assessments::guard_invalid(p, &base(&head)),
            &back,
            &form,
        )
    })?;
    let name = plan.indicator_name(measure.indicator_code.as_deref());
    let mut tx = ctx.db.begin().await?;
    match repo::save_measure(
        &mut tx,
        &actor(&me),
        &head,
        measure_id,
        revision,
        &input,
        &name,
    )
    .await?
    {
        Ok(rev) => {
            tx.commit().await?;
            succeed(
                &base(&head),
                Some(&format!("The forecast for “{name}” has been saved.")),
            );
            Ok(rev)
        }
        Err(r) => {
            drop(tx);
            let now = repo::load(&ctx.db, head.id).await?.and_then(|x| {
                x.measure(measure_id)
                    .map(|m| (MeasureNoteForm::from_saved(m).shown(), form.shown()))
            });
            Err(fail_form(
                refusal(r, "this measure's forecast", now),
                &back,
                &form,
            ))
        }
    }
}
