//! Self-assessments, the annual review of last year's plan, moderation and the Board's July
//! report. This file: what the assessment's pages read. Each command is a file of its own:
//! start, a standard's answer, evidence figures, the summary, the review, answers to
//! questions, submission, moderation; the report and the standards have theirs. `guard` holds
//! what every command does first and last.

mod answers;
mod figures;
#[cfg(feature = "ssr")]
mod guard;
mod moderate;
mod report;
mod review;
#[cfg(feature = "ssr")]
pub(crate) mod review_rows;
mod standard;
mod standards_admin;
mod start;
mod submit;
mod summary;

pub use answers::*;
pub use figures::*;
pub use moderate::*;
pub use report::*;
pub use review::*;
pub use standard::*;
pub use standards_admin::*;
pub use start::*;
pub use submit::*;
pub use summary::*;

use crate::domain::assessment::{
    Assessment, AssessmentStatus, Headline, ReviewAction, ReviewItems, ReviewMeasure, StandardSet,
};
use crate::domain::plan::Problem;
use crate::domain::{Choice, PlanYear};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// What the person looking may do with this assessment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentPermissions {
    pub edit: bool,
    pub submit: bool,
    pub moderate: bool,
}

/// Last year's approved plan as the review shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewView {
    pub plan_year: PlanYear,
    pub version: i32,
    pub items: ReviewItems,
    pub actions: Vec<ReviewAction>,
    pub measures: Vec<ReviewMeasure>,
    pub headline: Headline,
}

/// Everything the assessment's pages show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentPage {
    pub partnership_id: i64,
    pub partnership_name: String,
    pub slug: String,
    pub year: i32,
    /// The year's standards; `None` until the year is set up (starting an assessment does).
    pub standards: Option<StandardSet>,
    /// The assessment, when started and readable by the person looking.
    pub assessment: Option<Assessment>,
    /// Its status alone, for someone who may not read a draft.
    pub status_only: Option<AssessmentStatus>,
    pub may: AssessmentPermissions,
    /// When it is due (the calendar's submission date).
    pub due: Option<chrono::NaiveDate>,
    pub today: chrono::NaiveDate,
    /// The review of last year's plan; `None` when no version of it was approved.
    pub review: Option<ReviewView>,
    /// The plan year the review is of.
    pub reviewed_year: Option<PlanYear>,
    /// What stops submission now, each `page#field` below the assessment's address.
    pub problems: Vec<Problem>,
    /// What stops the moderation being completed now.
    pub moderation_problems: Vec<Problem>,
    /// Indicators whose latest figure for the area may be pulled in as evidence.
    pub indicators: Vec<Choice>,
}

impl AssessmentPage {
    /// The assessment's address: `/partnerships/gosport/self-assessments/2027`.
    pub fn base(&self) -> String {
        assessment_base(&self.slug, self.year)
    }

    /// The title of a standard, by id.
    pub fn standard_title(&self, id: i64) -> String {
        self.standards
            .as_ref()
            .and_then(|s| s.standard(id))
            .map(|s| s.title.clone())
            .unwrap_or_default()
    }
}

pub fn assessment_base(slug: &str, year: i32) -> String {
    format!("/partnerships/{slug}/self-assessments/{year}")
}

#[server(prefix = "/api", endpoint = "assessments/page", input = GetUrl)]
pub async fn get_assessment_page(slug: String, year: i32) -> Result<AssessmentPage, AppError> {
    use crate::db::{assessments as repo, reference};
    use crate::domain::assessment::{
        completion_problems, parse_year, reviewed_plan_year, submission_problems,
    };
    use crate::domain::auth::{assessment_visibility, authorise as decide, Action, Target};
    let ctx = crate::api::context()?;
    let (partnership_id, partnership_name) = reference::partnership_by_slug(&ctx.db, &slug)
        .await?
        .ok_or_else(|| AppError::NotFound("That partnership".into()))?;
    let target = Target::Partnership(partnership_id);
    let me = crate::api::authorise_signed_in(Action::ViewAssessment, target)?;
    let year = parse_year(year).map_err(|_| AppError::NotFound("That year".into()))?;
    let may = |a| decide(Some(&me), a, target).is_ok();
    let visibility = assessment_visibility(Some(&me), partnership_id);
    let standards = repo::load_set(&ctx.db, year).await?;
    let found = match repo::find(&ctx.db, partnership_id, year).await? {
        Some(id) => repo::load(&ctx.db, id).await?,
        None => None,
    };
    let (assessment, status_only) = match found {
        Some(a) if visibility.shows(a.round) => (Some(a), None),
        Some(a) => (None, Some(a.status)),
        None => (None, None),
    };
    let review = match &assessment {
        Some(a) => review_rows::review_of(&ctx, a).await?,
        None => None,
    };
    let (problems, moderation_problems) = match (&assessment, &standards) {
        (Some(a), Some(set)) => (
            submission_problems(a, set, review.as_ref().map(|r| &r.items)),
            completion_problems(a, set),
        ),
        _ => (vec![], vec![]),
    };
    let indicators = crate::db::plans::indicator_options(&ctx.db, partnership_id)
        .await?
        .into_iter()
        .filter(|i| i.latest_value.is_some())
        .map(|i| Choice {
            value: i.code.clone(),
            label: format!("{} {}", i.code, i.title),
        })
        .collect();
    Ok(AssessmentPage {
        partnership_id,
        partnership_name,
        slug,
        year,
        standards,
        assessment,
        status_only,
        may: AssessmentPermissions {
            edit: may(Action::EditAssessment),
            submit: may(Action::SubmitAssessment),
            moderate: may(Action::ModerateAssessment),
        },
        due: guard_due(&ctx, year).await?,
        today: ctx.today(),
        review,
        reviewed_year: reviewed_plan_year(year),
        problems,
        moderation_problems,
        indicators,
    })
}

/// The domain's problems with a form, as the application's error: anchors of the form
/// `page#field` link to that page below `base` (shared by the self-assessment and the mid-year
/// review).
#[cfg(feature = "ssr")]
pub(crate) fn guard_invalid(problems: Vec<Problem>, base: &str) -> AppError {
    guard::invalid(problems, base)
}

/// The year a page opens on when none is asked for: this cycle's when it has standards, else
/// the latest that has (newest first in `years`), else this cycle's.
pub fn default_year(years: &[i32], today: chrono::NaiveDate) -> i32 {
    let now = PlanYear::in_cycle_on(today).first_year();
    if years.contains(&now) {
        now
    } else {
        years.first().copied().unwrap_or(now)
    }
}

/// The calendar's due date for self-assessments in `year`.
#[cfg(feature = "ssr")]
pub(crate) async fn guard_due(
    ctx: &crate::api::ServerContext,
    year: i32,
) -> Result<Option<chrono::NaiveDate>, AppError> {
    stage_due(ctx, year, crate::domain::StageKind::PlanSubmission).await
}

/// When the calendar's stage `kind` of plan year `year` is due (the Trust's calendar, or the
/// business cycle's default).
#[cfg(feature = "ssr")]
pub(crate) async fn stage_due(
    ctx: &crate::api::ServerContext,
    year: i32,
    kind: crate::domain::StageKind,
) -> Result<Option<chrono::NaiveDate>, AppError> {
    let Some(trust) = crate::db::reference::trust(&ctx.db).await? else {
        return Ok(None);
    };
    let Ok(plan_year) = PlanYear::new(year) else {
        return Ok(None);
    };
    let stages = crate::db::calendar::calendar(&ctx.db, trust.id, plan_year).await?;
    let due = stages
        .iter()
        .find(|s| s.kind == kind)
        .map(|s| s.due)
        .or_else(|| {
            crate::domain::calendar::default_calendar(plan_year)
                .into_iter()
                .find(|s| s.kind == kind)
                .map(|s| s.due)
        });
    Ok(due)
}

/// A partnership's self-assessments, year by year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnershipAssessments {
    pub name: String,
    pub slug: String,
    /// (year, status when started, times submitted, submitted late)
    pub years: Vec<(i32, Option<AssessmentStatus>, i32, bool)>,
}

#[server(prefix = "/api", endpoint = "assessments/partnership", input = GetUrl)]
pub async fn get_partnership_assessments(slug: String) -> Result<PartnershipAssessments, AppError> {
    use crate::db::{assessments as repo, reference};
    use crate::domain::auth::{Action, Target};
    let ctx = crate::api::context()?;
    let (id, name) = reference::partnership_by_slug(&ctx.db, &slug)
        .await?
        .ok_or_else(|| AppError::NotFound("That partnership".into()))?;
    crate::api::authorise_signed_in(Action::ViewAssessment, Target::Partnership(id))?;
    let mut years = Vec::new();
    for (year, status, round, late) in repo::partnership_years(&ctx.db, id).await? {
        let status = status
            .map(|s| s.parse())
            .transpose()
            .map_err(|_| crate::db::DbError::corrupt("self_assessment", "status"))?;
        years.push((year, status, round.unwrap_or(0), late.unwrap_or(false)));
    }
    let current = PlanYear::in_cycle_on(ctx.today()).first_year();
    if !years.iter().any(|y| y.0 == current) {
        years.insert(0, (current, None, 0, false));
    }
    Ok(PartnershipAssessments { name, slug, years })
}
