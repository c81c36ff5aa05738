//! The exceptions summary for the Board paper: newly red, persistently red, and marked
//! improvements.
use super::*;

/// One exception for the Board paper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExceptionLine {
    pub kind: Exception,
    pub partnership: String,
    pub slug: String,
    pub code: String,
    pub title: String,
    pub period: String,
    pub value: Option<String>,
    pub previous: Option<String>,
    pub rag: Rag,
    pub previous_rag: Rag,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exceptions {
    pub year: i32,
    pub years: Vec<i32>,
    pub lines: Vec<ExceptionLine>,
}

/// The exceptions for the periods starting in `year`: newly red, persistently red, and
/// marked improvements, against the period before.
#[server(prefix = "/api", endpoint = "dashboard/exceptions", input = GetUrl)]
pub async fn get_exceptions(year: Option<i32>) -> Result<Exceptions, AppError> {
    use crate::domain::auth::{Action, Target};
    crate::api::authorise_signed_in(Action::ViewDashboard, Target::Trust)?;
    let ctx = crate::api::context()?;
    exceptions_for(&ctx.db, year).await
}

/// The exceptions, for the page and for the downloads.
#[cfg(feature = "ssr")]
pub async fn exceptions_for(db: &crate::db::Db, year: Option<i32>) -> Result<Exceptions, AppError> {
    use crate::db::dashboard as q;
    use crate::domain::dashboard::{exception, rate};
    use chrono::Datelike;
    let indicators = q::rated_indicators(db).await?;
    let partnerships = q::partnership_areas(db).await?;
    let (county, england) = q::comparator_areas(db).await?;
    let districts: Vec<i64> = partnerships.iter().map(|p| p.area_id).collect();
    let targets = targets_in_force(db, &indicators).await?;
    // The years with figures, newest first; by default the latest.
    let latest = q::latest_figures(db, 1).await?;
    let newest = latest
        .values()
        .filter_map(|v| v.first())
        .map(|(_, p)| p.start.year())
        .max()
        .unwrap_or(2000);
    let year = year.unwrap_or(newest);
    let figures = q::figures_between(db, year - 2, year).await?;
    let mut lines = Vec::new();
    for p in &partnerships {
        for ind in &indicators {
            // A county-only indicator is the county's exception, not each partnership's.
            let Some((points, false)) = series_for(&figures, ind.id, p.area_id, county, &districts)
            else {
                continue;
            };
            let Some(i) = points.iter().position(|(_, pt)| pt.start.year() == year) else {
                continue;
            };
            let now = &points[i];
            let before = points.get(i + 1);
            let before_that = points.get(i + 2);
            let england_for = |period: &str| {
                england
                    .and_then(|e| figures.get(&(ind.id, e)))
                    .and_then(|v| v.iter().find(|(per, _)| per == period))
                    .map(|(_, pt)| pt.estimate)
            };
            // Each period against the target in force for it: approving a plan never re-rates
            // the period before.
            let target_for = |pt: &crate::domain::dashboard::Point| {
                targets.in_force(p.id, ind.id, pt.start).map(|f| f.target)
            };
            let r_now = rate(
                ind.polarity,
                &ind.rule,
                Some(&now.1),
                before.map(|b| &b.1),
                england_for(&now.0).as_ref(),
                target_for(&now.1).as_ref(),
            );
            let r_before = match before {
                Some(b) => {
                    rate(
                        ind.polarity,
                        &ind.rule,
                        Some(&b.1),
                        before_that.map(|x| &x.1),
                        england_for(&b.0).as_ref(),
                        target_for(&b.1).as_ref(),
                    )
                    .rag
                }
                None => Rag::Grey,
            };
            if let Some(kind) = exception(
                ind.polarity,
                r_now.rag,
                r_before,
                now.1.estimate.value,
                before.and_then(|b| b.1.estimate.value),
            ) {
                lines.push(ExceptionLine {
                    kind,
                    partnership: p.name.clone(),
                    slug: p.slug.clone(),
                    code: ind.code.clone(),
                    title: ind.title.clone(),
                    period: now.0.clone(),
                    value: now.1.estimate.value.map(|v| ind.unit.format(v)),
                    previous: before
                        .and_then(|b| b.1.estimate.value)
                        .map(|v| ind.unit.format(v)),
                    rag: r_now.rag,
                    previous_rag: r_before,
                });
            }
        }
    }
    lines.sort_by_key(|l| match l.kind {
        Exception::NewlyRed => 0,
        Exception::PersistentlyRed => 1,
        Exception::MarkedImprovement => 2,
    });
    Ok(Exceptions {
        year,
        years: (newest - 9..=newest).rev().collect(),
        lines,
    })
}
