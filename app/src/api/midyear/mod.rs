//! The mid-year review of an approved plan and the Board's December roll-up. This file: what
//! the review's pages read. Each command is a file of its own: start, an action's progress, a
//! measure's forecast, the summary, submission, the decision (return or accept); the roll-up
//! has its own. `guard` holds what every command does first and last.

mod action;
mod decide;
#[cfg(feature = "ssr")]
mod guard;
mod measure;
mod rollup;
mod start;
mod submit;
mod summary;

pub use action::*;
pub use decide::*;
pub use measure::*;
pub use rollup::*;
pub use start::*;
pub use submit::*;
pub use summary::*;

use crate::domain::assessment::ReviewMeasure;
use crate::domain::midyear::{MidYearReview, MidYearStatus, SinceApproval};
use crate::domain::plan::{Plan, Problem};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// What the person looking may do with this review.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPermissions {
    pub edit: bool,
    pub submit: bool,
    pub decide: bool,
}

/// Everything the mid-year review's pages show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MidYearPage {
    pub partnership_id: i64,
    pub partnership_name: String,
    pub slug: String,
    pub year: i32,
    /// The approved plan the review is of (or, before it is started, the latest approved
    /// version); `None` when no version of the plan has been approved.
    pub snapshot: Option<Plan>,
    /// The snapshot's measures, each with the latest figure rated by the dashboard's engine.
    pub measures: Vec<ReviewMeasure>,
    /// The review, when started and readable by the person looking.
    pub review: Option<MidYearReview>,
    /// Its status alone, for someone who may not read a draft.
    pub status_only: Option<MidYearStatus>,
    pub may: ReviewPermissions,
    /// When it is due (the calendar's mid-year submission date).
    pub due: Option<chrono::NaiveDate>,
    pub today: chrono::NaiveDate,
    /// What stops submission now, each `page#field` below the review's address.
    pub problems: Vec<Problem>,
    /// What changed since the Board approved the plan.
    pub changes: Vec<SinceApproval>,
}

impl MidYearPage {
    /// The review's address: `/partnerships/hart/plans/2026/mid-year-review`.
    pub fn base(&self) -> String {
        review_base(&self.slug, self.year)
    }
}

pub fn review_base(slug: &str, year: i32) -> String {
    format!("/partnerships/{slug}/plans/{year}/mid-year-review")
}

#[server(prefix = "/api", endpoint = "mid-year/page", input = GetUrl)]
pub async fn get_mid_year_page(slug: String, year: i32) -> Result<MidYearPage, AppError> {
    use crate::db::{midyear as repo, reference};
    use crate::domain::auth::{authorise as decide, review_visibility, Action, Target};
    use crate::domain::midyear::{since_approval, submission_problems};
    use crate::domain::StageKind;
    let ctx = crate::api::context()?;
    let (partnership_id, partnership_name) = reference::partnership_by_slug(&ctx.db, &slug)
        .await?
        .ok_or_else(|| AppError::NotFound("That partnership".into()))?;
    let target = Target::Partnership(partnership_id);
    let me = crate::api::authorise_signed_in(Action::ViewMidYearReview, target)?;
    let year = crate::domain::assessment::parse_year(year)
        .map_err(|_| AppError::NotFound("That year".into()))?;
    let may = |a| decide(Some(&me), a, target).is_ok();
    let found = match repo::find(&ctx.db, partnership_id, year).await? {
        Some(id) => repo::load(&ctx.db, id).await?,
        None => None,
    };
    let visibility = review_visibility(Some(&me), partnership_id);
    let (review, status_only) = match found {
        Some(r) if visibility.shows(r.round) => (Some(r), None),
        Some(r) => (None, Some(r.status)),
        None => (None, None),
    };
    let reviewed = match &review {
        Some(r) => Some((r.plan_id, r.reviewed_version)),
        None => crate::db::assessments::approved_version(&ctx.db, partnership_id, year).await?,
    };
    let snapshot = match reviewed {
        Some((plan, version)) => crate::db::plans::snapshot(&ctx.db, plan, version).await?,
        None => None,
    };
    let measures = match &snapshot {
        Some(plan) => {
            let now = crate::domain::PlanYear::in_cycle_on(ctx.today()).first_year();
            let data = crate::api::dashboard::dashboard_data(&ctx, now).await?;
            crate::api::assessments::review_rows::plan_rows(&data, plan).1
        }
        None => vec![],
    };
    let (problems, changes) = match (&review, &snapshot) {
        (Some(r), Some(plan)) => {
            let now = crate::db::plans::load(&ctx.db, r.plan_id).await?;
            (
                submission_problems(r, plan),
                since_approval(plan, now.as_ref(), r),
            )
        }
        _ => (vec![], vec![]),
    };
    Ok(MidYearPage {
        partnership_id,
        partnership_name,
        slug,
        year,
        snapshot,
        measures,
        review,
        status_only,
        may: ReviewPermissions {
            edit: may(Action::EditMidYearReview),
            submit: may(Action::SubmitMidYearReview),
            decide: may(Action::DecideMidYearReview),
        },
        due: crate::api::assessments::stage_due(&ctx, year, StageKind::MidYearSubmission).await?,
        today: ctx.today(),
        problems,
        changes,
    })
}

/// The headline of a partnership's latest mid-year review, if `me` may read it (the one rule,
/// [`crate::domain::auth::review_visibility`]): for the plan's page and the map's panel.
#[cfg(feature = "ssr")]
pub async fn visible_headline(
    ctx: &crate::api::ServerContext,
    me: &crate::domain::auth::Principal,
    partnership_id: i64,
) -> Result<Option<crate::domain::midyear::ReviewHeadline>, AppError> {
    use crate::domain::auth::review_visibility;
    let found = crate::db::midyear::latest_headline(&ctx.db, partnership_id).await?;
    Ok(found
        .filter(|(_, round)| review_visibility(Some(me), partnership_id).shows(*round))
        .map(|(h, _)| h))
}
