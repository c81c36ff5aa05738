//! The partnerships overview: the first page.

use crate::domain::calendar::CycleStatus;
use crate::domain::{PartnershipSummary, PlanYear};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub trust_name: String,
    pub is_demo: bool,
    pub plan_year: PlanYear,
    pub today: chrono::NaiveDate,
    pub cycle: CycleStatus,
    /// The Board's key priorities for the plan year: (title, indicator code).
    pub priorities: Vec<(String, Option<String>)>,
    pub partnerships: Vec<PartnershipSummary>,
    /// Where each partnership's name leads the reader (by slug): see
    /// [`crate::domain::map::partnership_link`].
    pub links: std::collections::BTreeMap<String, String>,
}

/// Everyone may see the list of partnerships: it is public information about the Trust.
#[server(prefix = "/api", endpoint = "partnerships/overview", input = GetUrl)]
pub async fn partnerships_overview() -> Result<Overview, AppError> {
    use crate::db::{calendar, partnerships, reference};
    use crate::domain::calendar::status_on;

    let ctx = super::context()?;
    let trust = reference::trust(&ctx.db)
        .await?
        .ok_or_else(|| AppError::NotSetUp)?;
    let today = ctx.today();
    let plan_year = PlanYear::in_cycle_on(today);
    let stages = calendar::calendar(&ctx.db, trust.id, plan_year).await?;
    let priorities = calendar::board_priorities(&ctx.db, trust.id, plan_year).await?;
    let partnerships =
        partnerships::overview(&ctx.db, trust.id, &ctx.settings.headline_indicator).await?;
    let who = super::current_user().principal;
    let (map_published, _) = crate::db::boundaries::publication(&ctx.db).await?;
    let links = partnerships
        .iter()
        .map(|p| {
            let to =
                crate::domain::map::partnership_link(who.as_ref(), p.id, &p.slug, map_published);
            (p.slug.clone(), to)
        })
        .collect();
    Ok(Overview {
        trust_name: trust.name,
        is_demo: trust.is_demo,
        plan_year,
        today,
        cycle: status_on(&stages, today),
        priorities: priorities
            .into_iter()
            .map(|p| (p.title, p.indicator_code))
            .collect(),
        partnerships,
        links,
    })
}
