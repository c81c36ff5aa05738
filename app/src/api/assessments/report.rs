use crate::domain::assessment::{ReportRow, Scale, Spread};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// The Board's July report for a year: every partnership's self-assessed and moderated grades
/// side by side, the spread of grades per standard, and each annual review's headline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentReport {
    pub year: i32,
    /// The years with standards, newest first.
    pub years: Vec<i32>,
    /// `None` when the year has no standards yet.
    pub scale: Option<Scale>,
    pub standards: Vec<String>,
    pub rows: Vec<ReportRow>,
    pub spread: Vec<Spread>,
}

impl AssessmentReport {
    /// How many assessments have been moderated, of how many partnerships.
    pub fn moderated(&self) -> (usize, usize) {
        let done = self
            .rows
            .iter()
            .filter(|r| r.status == Some(crate::domain::assessment::AssessmentStatus::Moderated))
            .count();
        (done, self.rows.len())
    }
}

#[server(prefix = "/api", endpoint = "assessments/report", input = GetUrl)]
pub async fn get_assessment_report(year: i32) -> Result<AssessmentReport, AppError> {
    use crate::domain::auth::{Action, Target};
    let me = crate::api::authorise_signed_in(Action::ViewAssessmentReport, Target::Trust)?;
    let ctx = crate::api::context()?;
    report_for(&ctx, &me, year).await
}

/// The report as `who` may read it: a row per partnership, with the grades of assessments
/// that have been submitted and that the one visibility rule lets them read. `year` 0 is this
/// cycle's year (see [`super::default_year`]).
#[cfg(feature = "ssr")]
pub async fn report_for(
    ctx: &crate::api::ServerContext,
    who: &crate::domain::auth::Principal,
    year: i32,
) -> Result<AssessmentReport, AppError> {
    use super::review_rows::review_from;
    use crate::api::dashboard::dashboard_data;
    use crate::db::assessments as repo;
    use crate::domain::assessment::{parse_year, spread, ReportCell};
    use crate::domain::auth::assessment_visibility;
    use crate::domain::PlanYear;
    let years = repo::years(&ctx.db).await?;
    let year = match year {
        0 => super::default_year(&years, ctx.today()),
        y => parse_year(y).map_err(|e| AppError::field("year", e.0))?,
    };
    let set = repo::load_set(&ctx.db, year).await?;
    let assessments = repo::load_year(&ctx.db, year).await?;
    let plans = repo::reviewed_plans(&ctx.db, year).await?;
    let data = dashboard_data(ctx, PlanYear::in_cycle_on(ctx.today()).first_year()).await?;
    let standards: Vec<(i64, String)> = set
        .as_ref()
        .map(|s| {
            s.standards
                .iter()
                .map(|x| (x.id, x.title.clone()))
                .collect()
        })
        .unwrap_or_default();
    let mut rows = Vec::new();
    for (id, name, slug) in crate::db::reference::partnership_list(&ctx.db).await? {
        let found = assessments.iter().find(|a| a.partnership_id == id);
        let readable =
            found.filter(|a| a.round > 0 && assessment_visibility(Some(who), id).shows(a.round));
        let row = match readable {
            Some(a) => {
                let review = plans.get(&a.id).map(|p| review_from(&data, a, p));
                ReportRow {
                    partnership: name,
                    slug,
                    status: Some(a.status),
                    round: a.round,
                    late: a.late,
                    cells: standards
                        .iter()
                        .map(|(sid, _)| ReportCell::of(a.answer(*sid)))
                        .collect(),
                    headline: review.as_ref().map_or_else(
                        || "No plan was approved for the year reviewed".to_string(),
                        |r| r.headline.to_string(),
                    ),
                    headline_figures: review.map(|r| r.headline),
                }
            }
            None => ReportRow {
                partnership: name,
                slug,
                status: found.map(|a| a.status),
                round: found.map_or(0, |a| a.round),
                late: false,
                cells: standards.iter().map(|_| ReportCell::of(None)).collect(),
                headline: "Not submitted yet".into(),
                headline_figures: None,
            },
        };
        rows.push(row);
    }
    let titles: Vec<String> = standards.into_iter().map(|(_, t)| t).collect();
    Ok(AssessmentReport {
        year,
        years,
        scale: set.map(|s| s.scale),
        spread: spread(&titles, &rows),
        standards: titles,
        rows,
    })
}
