//! Local delivery plans. This file: what the plan pages read (the page data, a partnership's
//! plans, the Board's overview, version comparison). Each command is a file of its own: start,
//! the plan's texts (about, young_people), priorities, measures, actions, the workflow (submit,
//! decide, amend) and comments; `guard` holds what every command does first and last.

mod about;
mod action;
mod comment;
#[cfg(feature = "ssr")]
pub(crate) mod guard;
mod measure;
mod priority;
mod rows;
mod start;
mod workflow;
mod young_people;

pub use about::*;
pub use action::*;
pub use comment::*;
pub use measure::*;
pub use priority::*;
pub use rows::*;
pub use start::*;
pub use workflow::*;
pub use young_people::*;

use crate::domain::plan::{
    Change, IndicatorOption, Plan, PlanComment, PlanSummary, Problem, VersionSummary,
};
use crate::domain::readability::Readability;
use crate::domain::{Choice, PlanYear};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// What the person looking may do with this plan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPermissions {
    pub edit: bool,
    pub submit: bool,
    pub comment: bool,
    pub decide: bool,
}

/// Everything the plan's pages show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanPage {
    pub partnership_id: i64,
    pub partnership_name: String,
    pub slug: String,
    pub year: PlanYear,
    pub plan: Option<Plan>,
    pub may: PlanPermissions,
    pub comments: Vec<PlanComment>,
    pub versions: Vec<VersionSummary>,
    /// What stops submission now, each with its anchor.
    pub problems: Vec<Problem>,
    /// Things worth a second look that do not stop submission.
    pub warnings: Vec<String>,
    /// Local priorities in last year's plan that could be carried forward.
    pub carry_forward: i64,
    pub partners: Vec<Choice>,
    pub indicators: Vec<IndicatorOption>,
    /// Of the children and young people's version.
    pub readability: Option<Readability>,
    pub demo: bool,
    /// The partnership's latest mid-year review, as its headline, when the person may read it.
    #[serde(default)]
    pub mid_year: Option<crate::domain::midyear::ReviewHeadline>,
}

impl PlanPage {
    /// The plan's address: `/partnerships/gosport/plans/2027`.
    pub fn base(&self) -> String {
        plan_base(&self.slug, self.year)
    }
}

pub fn plan_base(slug: &str, year: PlanYear) -> String {
    format!("/partnerships/{slug}/plans/{}", year.first_year())
}

/// The warnings a plan deserves: too many priorities; targets pointing the wrong way.
pub fn plan_warnings(plan: &Plan) -> Vec<String> {
    use crate::domain::plan::{priority_count_warning, target_direction_warning};
    let mut out: Vec<String> = priority_count_warning(plan.priorities.len())
        .into_iter()
        .collect();
    for p in &plan.priorities {
        for m in &p.measures {
            let indicator = m
                .indicator_code
                .as_ref()
                .and_then(|c| plan.indicators.get(c));
            if let (Some(i), Some(b), Some(t)) = (indicator, m.baseline, m.target) {
                if let Some(w) = target_direction_warning(i.polarity, b, t) {
                    out.push(format!("“{}”, {}: {w}", p.title, i.code));
                }
            }
        }
    }
    out
}

/// A partnership's plan for a year, for someone who may read it: what every reading of a plan
/// (its pages, the actions table its island fetches) does first.
#[cfg(feature = "ssr")]
pub struct ReadablePlan {
    pub partnership_id: i64,
    pub partnership_name: String,
    pub year: PlanYear,
    pub me: crate::domain::auth::Principal,
    pub plan: Option<crate::domain::plan::Plan>,
}

#[cfg(feature = "ssr")]
pub async fn readable_plan(
    ctx: &crate::api::ServerContext,
    slug: &str,
    year: i32,
) -> Result<ReadablePlan, AppError> {
    use crate::db::{plans, reference};
    use crate::domain::auth::{Action, Target};
    let (partnership_id, partnership_name) =
        reference::partnership_by_slug(&ctx.db, slug)
            .await?
            .ok_or_else(|| AppError::NotFound("That partnership".into()))?;
    let me =
        crate::api::authorise_signed_in(Action::ViewPlan, Target::Partnership(partnership_id))?;
    let year =
        PlanYear::new(year).map_err(|_| AppError::NotFound("A plan for that year".into()))?;
    let plan = match plans::find(&ctx.db, partnership_id, year).await? {
        Some(id) => plans::load(&ctx.db, id).await?,
        None => None,
    };
    Ok(ReadablePlan {
        partnership_id,
        partnership_name,
        year,
        me,
        plan,
    })
}

#[server(prefix = "/api", endpoint = "plans/page", input = GetUrl)]
pub async fn get_plan_page(slug: String, year: i32) -> Result<PlanPage, AppError> {
    use crate::db::plans;
    use crate::domain::auth::{authorise as decide, Action, Target};
    use crate::domain::plan::submission_problems;
    use crate::domain::readability::readability;
    let ctx = crate::api::context()?;
    let ReadablePlan {
        partnership_id,
        partnership_name,
        year,
        me,
        plan,
    } = readable_plan(&ctx, &slug, year).await?;
    let target = Target::Partnership(partnership_id);
    let may = |a| decide(Some(&me), a, target).is_ok();
    let (comments, versions) = match &plan {
        Some(p) => (
            plans::comments(&ctx.db, p.id).await?,
            plans::versions(&ctx.db, p.id).await?,
        ),
        None => (vec![], vec![]),
    };
    let mid_year = crate::api::midyear::visible_headline(&ctx, &me, partnership_id).await?;
    Ok(PlanPage {
        mid_year,
        partnership_id,
        partnership_name,
        slug,
        year,
        may: PlanPermissions {
            edit: may(Action::EditPlan),
            submit: may(Action::SubmitPlan),
            comment: may(Action::CommentOnPlan),
            decide: may(Action::DecidePlan),
        },
        comments,
        versions,
        problems: plan
            .as_ref()
            .map(|p| submission_problems(&p.priorities))
            .unwrap_or_default(),
        warnings: plan.as_ref().map(plan_warnings).unwrap_or_default(),
        carry_forward: plans::local_priorities_last_year(&ctx.db, partnership_id, year).await?,
        partners: plans::partner_choices(&ctx.db, partnership_id).await?,
        indicators: plans::indicator_options(&ctx.db, partnership_id).await?,
        readability: plan
            .as_ref()
            .and_then(|p| readability(&p.young_people_text())),
        plan,
        demo: ctx.settings.demo_mode,
    })
}

/// A partnership's plans, year by year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnershipPlansView {
    pub name: String,
    pub slug: String,
    pub years: Vec<(
        PlanYear,
        Option<crate::domain::plan::PlanStatus>,
        Option<i32>,
    )>,
    pub may_edit: bool,
}

#[server(prefix = "/api", endpoint = "plans/partnership", input = GetUrl)]
pub async fn get_partnership_plans(slug: String) -> Result<PartnershipPlansView, AppError> {
    use crate::db::{plans, reference};
    use crate::domain::auth::{authorise as decide, Action, Target};
    let ctx = crate::api::context()?;
    let (id, name) = reference::partnership_by_slug(&ctx.db, &slug)
        .await?
        .ok_or_else(|| AppError::NotFound("That partnership".into()))?;
    let me = crate::api::authorise_signed_in(Action::ViewPlan, Target::Partnership(id))?;
    let mut years = Vec::new();
    for (year, status, version) in plans::years(&ctx.db, id).await? {
        let year = PlanYear::new(year).map_err(|e| crate::db::DbError::corrupt("plan", e))?;
        let status = status
            .map(|s| s.parse())
            .transpose()
            .map_err(|_| crate::db::DbError::corrupt("plan", "status"))?;
        years.push((year, status, version));
    }
    Ok(PartnershipPlansView {
        name,
        slug,
        years,
        may_edit: decide(Some(&me), Action::EditPlan, Target::Partnership(id)).is_ok(),
    })
}

/// Every partnership's plan for a year, for the Board.
#[server(prefix = "/api", endpoint = "plans/year", input = GetUrl)]
pub async fn plans_for_year(year: i32) -> Result<(PlanYear, Vec<PlanSummary>), AppError> {
    use crate::domain::auth::plan_visibility;
    use crate::domain::auth::{Action, Target};
    let me = crate::api::authorise_signed_in(Action::ViewAllPlans, Target::Trust)?;
    let ctx = crate::api::context()?;
    let year = if year == 0 {
        let years = crate::db::plans::year_activity(&ctx.db).await?;
        crate::domain::plan::year_to_open(ctx.today(), &years)
    } else {
        PlanYear::new(year).map_err(|e| AppError::field("year", e.0))?
    };
    let mut rows = crate::db::plans::year_overview(&ctx.db, year).await?;
    for r in &mut rows {
        r.may_open = plan_visibility(Some(&me), r.partnership_id).shows_working_plan();
    }
    Ok((year, rows))
}

/// A measure or action as saved: its id, and the revision a further save must name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedItem {
    pub id: i64,
    pub revision: i64,
}

/// Two versions side by side: what was added, removed and changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub from_label: String,
    pub to_label: String,
    pub changes: Vec<Change>,
}

/// Compares two versions of a plan: approved versions by number, `0` for the plan as it
/// stands now.
#[server(prefix = "/api", endpoint = "plans/compare", input = GetUrl)]
pub async fn compare_versions(
    slug: String,
    year: i32,
    from: i32,
    to: i32,
) -> Result<Comparison, AppError> {
    use crate::db::{plans, reference};
    use crate::domain::auth::{Action, Target};
    let ctx = crate::api::context()?;
    let (partnership_id, _) = reference::partnership_by_slug(&ctx.db, &slug)
        .await?
        .ok_or_else(|| AppError::NotFound("That partnership".into()))?;
    crate::api::authorise_signed_in(Action::ViewPlan, Target::Partnership(partnership_id))?;
    let year =
        PlanYear::new(year).map_err(|_| AppError::NotFound("A plan for that year".into()))?;
    let plan_id = plans::find(&ctx.db, partnership_id, year)
        .await?
        .ok_or_else(|| AppError::NotFound("That plan".into()))?;
    let version = |v: i32| {
        let db = ctx.db.clone();
        async move {
            let (plan, label) = if v == 0 {
                let p = plans::load(&db, plan_id).await?;
                let label = p
                    .as_ref()
                    .map(|p| {
                        format!(
                            "Version {} ({})",
                            p.version,
                            p.status.label().to_lowercase()
                        )
                    })
                    .unwrap_or_default();
                (p, label)
            } else {
                (
                    plans::snapshot(&db, plan_id, v).await?,
                    format!("Version {v} (approved)"),
                )
            };
            plan.map(|p| (p, label))
                .ok_or_else(|| AppError::NotFound(format!("Version {v}")))
        }
    };
    let (before, from_label) = version(from).await?;
    let (after, to_label) = version(to).await?;
    Ok(Comparison {
        from_label,
        to_label,
        changes: crate::domain::plan::compare(&before, &after),
    })
}
