use super::SavedItem;
use crate::domain::plan::MeasureForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Adds (`measure_id` 0) or saves a measure of a priority. A blank baseline is offered from the
/// latest figure for the partnership's area.
#[server(prefix = "/api", endpoint = "plans/measure/save")]
pub async fn save_measure(
    plan_id: i64,
    priority_id: i64,
    measure_id: i64,
    revision: i64,
    #[server(default)] form: MeasureForm,
) -> Result<SavedItem, AppError> {
    use super::guard::{base, current, invalid, plan_for, refusal};
    use crate::api::{actor, fail_form, succeed};
    use crate::domain::auth::Action;
    use crate::domain::plan::MeasureInput;
    use crate::domain::PlanYear;
    let (head, me, ctx) = plan_for(plan_id, Action::EditPlan).await?;
    let back = if measure_id == 0 {
        format!("{}/measures/new?priority={priority_id}", base(&head))
    } else {
        format!("{}/measures/{measure_id}", base(&head))
    };
    let year = PlanYear::new(head.plan_year).map_err(|e| crate::db::DbError::corrupt("plan", e))?;
    let refuse = |e: AppError| fail_form(e, &back, &form);
    let mut input = form.parse(year).map_err(|p| refuse(invalid(p)))?;
    let indicator_id = match input.indicator_code.clone() {
        None => None,
        Some(code) => {
            let code = crate::domain::IndicatorCode::parse(&code)
                .map_err(|e| refuse(AppError::field(MeasureForm::indicator.key(), e.0)))?;
            match crate::db::catalogue::indicator_by_code(&ctx.db, &code).await? {
                Some(i) => {
                    // Found without case: kept as the catalogue writes it.
                    input.indicator_code = Some(i.code.as_str().to_string());
                    Some(i.id)
                }
                None => {
                    return Err(refuse(AppError::field(
                        MeasureForm::indicator.key(),
                        "Choose an indicator from the catalogue",
                    )))
                }
            }
        }
    };
    let mut offered = None;
    if let (None, Some(code)) = (input.baseline, &input.indicator_code) {
        let options = crate::db::plans::indicator_options(&ctx.db, head.partnership_id).await?;
        if let Some(o) = options
            .into_iter()
            .find(|o| o.code.eq_ignore_ascii_case(code))
        {
            if let (Some(v), Some(period)) = (o.latest_value, &o.latest_period) {
                input.baseline = Some(v);
                input.baseline_period = Some(period.clone());
                offered = Some(format!(
                    " The baseline was taken from the latest figure for the area: {} ({period}).",
                    o.format(v)
                ));
            }
        }
    }
    let mut tx = ctx.db.begin().await?;
    let saved = crate::db::plans::save_measure(
        &mut tx,
        &actor(&me),
        plan_id,
        head.partnership_id,
        priority_id,
        (measure_id != 0).then_some(measure_id),
        revision,
        &input,
        indicator_id,
    )
    .await?;
    match saved {
        Ok((id, revision)) => {
            tx.commit().await?;
            succeed(
                &format!("{}/priorities/{priority_id}", base(&head)),
                Some(&format!(
                    "The measure has been saved.{}",
                    offered.unwrap_or_default()
                )),
            );
            Ok(SavedItem { id, revision })
        }
        Err(r) => {
            drop(tx);
            let now = current(&ctx, plan_id).await?.and_then(|p| {
                let m = p
                    .priorities
                    .iter()
                    .flat_map(|p| p.measures.iter())
                    .find(|m| m.id == measure_id)?;
                Some((MeasureInput::from(m).shown(), input.shown()))
            });
            Err(fail_form(refusal(r, "this measure", now), &back, &form))
        }
    }
}

/// Removes a measure, once the person has confirmed it on the confirmation page
/// (`confirm=yes`); without that, they are sent to that page.
#[server(prefix = "/api", endpoint = "plans/measure/remove")]
pub async fn remove_measure(
    plan_id: i64,
    priority_id: i64,
    measure_id: i64,
    #[server(default)] confirm: Option<String>,
) -> Result<(), AppError> {
    super::guard::remove_from_priority(
        plan_id,
        priority_id,
        crate::db::plans::Item::Measure,
        measure_id,
        confirm.as_deref(),
    )
    .await
}
