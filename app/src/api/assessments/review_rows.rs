//! The annual review's rows, built from the approved snapshot of last year's plan: each measure's
//! latest figure for the area rated against that plan's own target by the dashboard's engine
//! (the same figures, read once for the whole page or report), each action as approved.

use super::ReviewView;
use crate::api::dashboard::{cell_against, dashboard_data, DashboardData};
use crate::api::ServerContext;
use crate::domain::assessment::{Assessment, Headline, ReviewAction, ReviewItems, ReviewMeasure};
use crate::domain::dashboard::{Basis, Target};
use crate::domain::date::long_date;
use crate::domain::plan::Plan;
use crate::domain::rag::Rag;
use crate::domain::{Period, PlanYear};
use crate::error::AppError;

/// The review of the plan an assessment reviews, if a version of it was approved.
pub(super) async fn review_of(
    ctx: &ServerContext,
    a: &Assessment,
) -> Result<Option<ReviewView>, AppError> {
    let Some((plan_id, version)) = a.reviewed else {
        return Ok(None);
    };
    let Some(plan) = crate::db::plans::snapshot(&ctx.db, plan_id, version).await? else {
        return Ok(None);
    };
    let data = dashboard_data(ctx, PlanYear::in_cycle_on(ctx.today()).first_year()).await?;
    Ok(Some(review_from(&data, a, &plan)))
}

/// The review of `plan` (an approved snapshot) for assessment `a`, from the dashboard's data.
pub(crate) fn review_from(data: &DashboardData, a: &Assessment, plan: &Plan) -> ReviewView {
    let (actions, measures) = plan_rows(data, plan);
    let items = ReviewItems::from_plan(plan);
    let headline = Headline::of(&items, &a.notes, &measures);
    ReviewView {
        plan_year: plan.year,
        version: plan.version,
        items,
        actions,
        measures,
        headline,
    }
}

/// The actions of an approved plan as approved, and its measures each with the latest figure
/// for the partnership's area rated by the dashboard's engine against the plan's own target
/// (on the trajectory from its baseline): what the annual review and the mid-year review show.
pub(crate) fn plan_rows(
    data: &DashboardData,
    plan: &Plan,
) -> (Vec<ReviewAction>, Vec<ReviewMeasure>) {
    let cx = data.context();
    let partnership = data
        .partnerships
        .iter()
        .find(|p| p.id == plan.partnership_id);
    let mut measures = Vec::new();
    let mut actions = Vec::new();
    for p in &plan.priorities {
        for m in &p.measures {
            let indicator = m.indicator_code.as_deref().and_then(|code| {
                data.indicators
                    .iter()
                    .find(|i| i.code.eq_ignore_ascii_case(code))
            });
            let target = m.target.map(|value| Target {
                value,
                due: m.due,
                baseline: match (m.baseline, m.baseline_period.as_deref().map(Period::parse)) {
                    (Some(b), Some(Ok(period))) => Some((b, period.start())),
                    _ => None,
                },
            });
            let cell = match (indicator, partnership) {
                (Some(i), Some(pt)) => Some(cell_against(i, &cx, pt, |_| target)),
                _ => None,
            };
            measures.push(ReviewMeasure {
                id: m.id,
                priority: p.title.clone(),
                indicator: plan.indicator_name(m.indicator_code.as_deref()),
                baseline: plan.figure(m, m.baseline),
                target: plan.figure(m, m.target),
                due: m.due.map(long_date).unwrap_or_else(|| "—".into()),
                latest: cell.as_ref().and_then(|c| c.value.clone()),
                period: cell.as_ref().and_then(|c| c.period.clone()),
                county: cell.as_ref().is_some_and(|c| c.county),
                rag: cell.as_ref().map_or(Rag::Grey, |c| c.rag),
                basis: cell.as_ref().map_or(Basis::None, |c| c.basis),
                comparison: cell
                    .as_ref()
                    .map_or(crate::domain::rag::Comparison::NotCompared, |c| {
                        c.comparison
                    }),
                trend: cell
                    .as_ref()
                    .map_or(crate::domain::rag::Trend::NoTrend, |c| c.trend),
            });
        }
        for x in &p.actions {
            actions.push(ReviewAction {
                id: x.id,
                priority: p.title.clone(),
                description: x.description.clone(),
                lead: plan.organisation_name(x.lead_partner),
                due: x.due.map(long_date).unwrap_or_else(|| "—".into()),
                recorded: x.status.label().to_string(),
            });
        }
    }
    (actions, measures)
}
