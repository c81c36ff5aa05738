//! Stakeholder events, as their facilitators run them (a partnership's chair, its district
//! manager, an administrator). This file: what the facilitator's pages read. Each command is a
//! file of its own: create, voting (open or close), a comment's decision, the results into a
//! plan. The participants' pages and the projector are drawn by the server without the app's
//! WebAssembly (see `server::events`); `live` sends every change to them as it happens.

mod comment;
mod create;
#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod live;
mod plan;
mod voting;

pub use comment::*;
pub use create::*;
pub use plan::*;
pub use voting::*;

use crate::domain::events::{EventComment, EventResults, StakeholderEvent};
use crate::domain::Choice;
use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// An event in the facilitator's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRow {
    pub id: i64,
    pub title: String,
    pub held_on: NaiveDate,
    pub code: String,
    pub phase: String,
    pub partnerships: String,
    pub joined: i64,
}

/// The events page: the events the person runs, and what a new one may be made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventsPage {
    pub events: Vec<EventRow>,
    /// The partnerships the person may run events for (slug, name).
    pub offered: Vec<Choice>,
    /// The indicators that may shade the map (code, title).
    pub indicators: Vec<Choice>,
    pub today: NaiveDate,
}

/// A plan an event's results may go into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanTarget {
    pub slug: String,
    pub name: String,
    /// "2026/27"
    pub year: String,
    /// The plan's address, if it has been started.
    pub href: Option<String>,
    /// Where the results stand for it: already added, can be added, or why not.
    pub state: PlanTargetState,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanTargetState {
    Added,
    CanAdd,
    Cannot(String),
}

/// The facilitator's page for one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventPage {
    pub event: StakeholderEvent,
    pub results: EventResults,
    /// Every comment, newest first, with its state.
    pub comments: Vec<EventComment>,
    pub plans: Vec<PlanTarget>,
    /// "Voting is open until 11:30".
    pub phase: String,
}

/// Every comment the facilitator sees on their page, at most.
pub const COMMENTS_LISTED: i64 = 500;

#[server(prefix = "/api", endpoint = "events", input = GetUrl)]
pub async fn get_events() -> Result<EventsPage, AppError> {
    use crate::domain::auth::{Action, Target};
    let me = super::authorise_signed_in(Action::ListEvents, Target::Trust)?;
    let ctx = super::context()?;
    let offered = guard::offered(&ctx, &me).await?;
    let ids: Vec<i64> = offered.iter().map(|(id, _, _)| *id).collect();
    let all = me.has_role(crate::domain::auth::Role::Administrator);
    let events = crate::db::events::list(&ctx.db, (!all).then_some(ids.as_slice())).await?;
    let now = crate::db::now();
    let rules = crate::db::events::phases(&ctx.db).await?;
    let events = events
        .into_iter()
        .map(|e| EventRow {
            phase: rules
                .iter()
                .find(|(id, _)| *id == e.id)
                .map(|(_, r)| r.phase(now).describe())
                .unwrap_or_default(),
            id: e.id,
            title: e.title,
            held_on: e.held_on,
            code: e.code,
            partnerships: e.partnerships.join(", "),
            joined: e.joined,
        })
        .collect();
    let indicators = crate::db::dashboard::rated_indicators(&ctx.db)
        .await?
        .into_iter()
        .map(|i| Choice {
            label: format!("{} – {}", i.code, i.title),
            value: i.code,
        })
        .collect();
    Ok(EventsPage {
        events,
        offered: offered
            .into_iter()
            .map(|(_, slug, name)| Choice {
                value: slug,
                label: name,
            })
            .collect(),
        indicators,
        today: ctx.today(),
    })
}

#[server(prefix = "/api", endpoint = "event", input = GetUrl)]
pub async fn get_event(id: i64) -> Result<EventPage, AppError> {
    use crate::domain::auth::{authorise, Action, Target};
    use crate::domain::PlanYear;
    let (event, me, ctx) = guard::event_for(id).await?;
    let now = crate::db::now();
    let results = crate::db::events::results(&ctx.db, &event, now, COMMENTS_LISTED).await?;
    let comments = crate::db::events::comments(&ctx.db, id, false, COMMENTS_LISTED).await?;
    let added = crate::db::events::added_to(&ctx.db, id).await?;
    let year = PlanYear::new(event.plan_year).map_err(|e| AppError::Internal(e.0))?;
    let mut plans = Vec::new();
    for (pid, slug, name) in &event.partnerships {
        let plan = crate::db::plans::find(&ctx.db, *pid, year).await?;
        let status = match plan {
            Some(plan_id) => crate::db::plans::header(&ctx.db, plan_id)
                .await?
                .map(|h| h.status),
            None => None,
        };
        let may_edit = authorise(
            Some(&me),
            Action::AddEventResults,
            Target::Partnership(*pid),
        )
        .is_ok();
        let state = match (plan, status.as_deref()) {
            (Some(p), _) if added.iter().any(|(plan_id, ..)| *plan_id == p) => {
                PlanTargetState::Added
            }
            _ if !may_edit => PlanTargetState::Cannot(
                "Only the partnership's chair can add results to its plan".into(),
            ),
            (None, _) => PlanTargetState::Cannot(format!("The {year} plan has not been started")),
            (Some(_), Some("draft")) => PlanTargetState::CanAdd,
            (Some(_), _) => PlanTargetState::Cannot(format!(
                "The {year} plan has been submitted or approved: start a new version to add them"
            )),
        };
        plans.push(PlanTarget {
            slug: slug.clone(),
            name: name.clone(),
            year: year.to_string(),
            href: plan.map(|_| format!("/partnerships/{slug}/plans/{}", year.first_year())),
            state,
        });
    }
    Ok(EventPage {
        phase: event.rules.phase(now).describe(),
        event,
        results,
        comments,
        plans,
    })
}
