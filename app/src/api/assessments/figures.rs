use crate::domain::assessment::FigureForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Pulls the latest figure of an indicator for the partnership's area into a standard's
/// evidence, with its period and source as published.
#[server(prefix = "/api", endpoint = "assessments/figure/add")]
pub async fn add_evidence_figure(
    assessment_id: i64,
    standard_id: i64,
    #[server(default)] form: FigureForm,
) -> Result<i64, AppError> {
    use super::guard::{assessment_for, base, refusal};
    use crate::api::{actor, fail_form, succeed};
    use crate::db::assessments::{self as repo, NewFigure};
    use crate::db::catalogue::indicator_by_code;
    use crate::domain::auth::Action;
    use crate::domain::IndicatorCode;
    let (head, me, ctx) = assessment_for(assessment_id, Action::EditAssessment).await?;
    let back = format!("{}/standards/{standard_id}", base(&head));
    let refuse = |message: &str| {
        fail_form(
            AppError::field(FigureForm::indicator.key(), message),
            &back,
            &form,
        )
    };
    let code = IndicatorCode::parse(&form.indicator)
        .map_err(|_| refuse("Choose the indicator whose figure you want to add"))?;
    let Some(indicator) = indicator_by_code(&ctx.db, &code).await? else {
        return Err(refuse("That indicator is not in the catalogue"));
    };
    let Some((area, period, value)) =
        repo::latest_figure(&ctx.db, head.partnership_id, indicator.id).await?
    else {
        return Err(refuse(
            "No figure of that indicator is published for your area yet",
        ));
    };
    let figure = NewFigure {
        indicator_id: indicator.id,
        area_name: &area,
        period: &period,
        value,
        source: &indicator.source,
    };
    let mut tx = ctx.db.begin().await?;
    match repo::add_figure(&mut tx, &actor(&me), &head, standard_id, &figure).await? {
        Ok(id) => {
            tx.commit().await?;
            succeed(
                &format!("{back}#figures"),
                Some(&format!(
                    "{} for {area}, {period}, has been added to the evidence.",
                    indicator.code
                )),
            );
            Ok(id)
        }
        Err(r) => Err(fail_form(refusal(r, "this standard", None), &back, &form)),
    }
}

/// Takes a figure out of a standard's evidence.
#[server(prefix = "/api", endpoint = "assessments/figure/remove")]
pub async fn remove_evidence_figure(
    assessment_id: i64,
    standard_id: i64,
    figure_id: i64,
) -> Result<(), AppError> {
    use super::guard::{assessment_for, base, refusal};
    use crate::api::{actor, fail, succeed};
    use crate::db::assessments as repo;
    use crate::domain::auth::Action;
    let (head, me, ctx) = assessment_for(assessment_id, Action::EditAssessment).await?;
    let back = format!("{}/standards/{standard_id}", base(&head));
    let mut tx = ctx.db.begin().await?;
    match repo::remove_figure(&mut tx, &actor(&me), &head, figure_id).await? {
        Ok(()) => {
            tx.commit().await?;
            succeed(
                &format!("{back}#figures"),
                Some("The figure has been taken out of the evidence."),
            );
            Ok(())
        }
        Err(r) => Err(fail(refusal(r, "that figure", None), &back, &[])),
    }
}
