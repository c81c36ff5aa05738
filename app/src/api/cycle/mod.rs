//! The Board's key priorities and the cycle calendar.
//!
//! Board members draft a year's priorities (title, outcome, suggested indicators), change or
//! remove drafts, and publish them into every partnership's plan for the year; administrators
//! set the year's calendar. Every command authorises first, parses with the domain's parser,
//! and writes with its audit entry in one transaction.

use crate::domain::cycle::{BoardPriority, BoardPriorityForm, CalendarForm, CalendarSource};
use crate::domain::CalendarStage;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// The Board's priorities page for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardPrioritiesView {
    pub year: i32,
    /// "2027/28"
    pub label: String,
    /// The year whose cycle is running today.
    pub in_cycle: i32,
    /// Drafts and published, in order.
    pub priorities: Vec<BoardPriority>,
    /// The year's draft plans (a publication goes into them now).
    pub draft_plans: i64,
    /// The year's submitted or approved plans (they gain it when next a draft).
    pub frozen_plans: i64,
}

impl BoardPrioritiesView {
    pub fn drafts(&self) -> usize {
        self.priorities.iter().filter(|p| !p.is_published()).count()
    }
}

/// The calendar editor's page for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarView {
    pub year: i32,
    pub label: String,
    /// The calendar that applies: as set, else defaulting.
    pub stages: Vec<CalendarStage>,
    pub source: CalendarSource,
}

/// The address of a year's Board priorities.
pub fn board_priorities_base(year: i32) -> String {
    format!("/board-priorities/{year}")
}

/// The address of a year's calendar editor.
pub fn calendar_base(year: i32) -> String {
    format!("/admin/calendar/{year}")
}

/// A year from the address or a form; 0 is the year in cycle today.
#[cfg(feature = "ssr")]
fn plan_year(
    year: i32,
    ctx: &crate::api::ServerContext,
) -> Result<crate::domain::PlanYear, AppError> {
    use crate::domain::PlanYear;
    match year {
        0 => Ok(PlanYear::in_cycle_on(ctx.today())),
        y => PlanYear::new(y).map_err(|_| AppError::NotFound("That year".into())),
    }
}

#[cfg(feature = "ssr")]
async fn trust_id(ctx: &crate::api::ServerContext) -> Result<i64, AppError> {
    Ok(crate::db::reference::trust(&ctx.db)
        .await?
        .ok_or(AppError::NotSetUp)?
        .id)
}

#[cfg(feature = "ssr")]
fn refusal(r: crate::db::cycle::Refused, year: crate::domain::PlanYear) -> AppError {
    use crate::db::cycle::Refused;
    match r {
        Refused::Missing => AppError::NotFound("That Board priority".into()),
        Refused::Published => AppError::Conflict(
            "This priority has been published to every partnership's plan, so it can no longer be changed or removed. Nothing was changed.".into(),
        ),
        Refused::Duplicate => AppError::field(
            BoardPriorityForm::title.key(),
            format!("The Board already has a priority with this title for {year}: give this one another title"),
        ),
        Refused::Changed => AppError::Conflict(format!(
            "The draft priorities for {year} have changed since you loaded the page, so nothing was published. Check them and publish again."
        )),
    }
}

#[server(prefix = "/api", endpoint = "cycle/board-priorities", input = GetUrl)]
pub async fn get_board_priorities(year: i32) -> Result<BoardPrioritiesView, AppError> {
    use crate::domain::auth::{Action, Target};
    use crate::domain::PlanYear;
    crate::api::authorise_signed_in(Action::SetBoardPriorities, Target::Trust)?;
    let ctx = crate::api::context()?;
    let year = plan_year(year, &ctx)?;
    let trust = trust_id(&ctx).await?;
    let priorities = crate::db::cycle::priorities(&ctx.db, trust, year).await?;
    let (draft_plans, frozen_plans) = crate::db::cycle::plan_counts(&ctx.db, trust, year).await?;
    Ok(BoardPrioritiesView {
        year: year.first_year(),
        label: year.to_string(),
        in_cycle: PlanYear::in_cycle_on(ctx.today()).first_year(),
        priorities,
        draft_plans,
        frozen_plans,
    })
}

/// The titles of the year's other priorities and the catalogue's codes, for the parser.
#[cfg(feature = "ssr")]
async fn parse_priority(
    ctx: &crate::api::ServerContext,
    trust: i64,
    year: crate::domain::PlanYear,
    except: i64,
    form: &BoardPriorityForm,
) -> Result<crate::domain::cycle::BoardPriorityInput, AppError> {
    let others: Vec<String> = crate::db::cycle::priorities(&ctx.db, trust, year)
        .await?
        .into_iter()
        .filter(|p| p.id != except)
        .map(|p| p.title)
        .collect();
    let codes = crate::db::cycle::catalogue_codes(&ctx.db).await?;
    form.parse(&codes, &others)
        .map_err(crate::api::plans::guard::invalid)
}

/// Drafts a new priority for a year.
#[server(prefix = "/api", endpoint = "cycle/board-priorities/add")]
pub async fn add_board_priority(
    year: i32,
    #[server(default)] form: BoardPriorityForm,
) -> Result<i64, AppError> {
    use crate::api::{actor, authorise_signed_in, context, fail_form, succeed};
    use crate::domain::auth::{Action, Target};
    let me = authorise_signed_in(Action::SetBoardPriorities, Target::Trust)?;
    let ctx = context()?;
    let year = plan_year(year, &ctx)?;
    let back = board_priorities_base(year.first_year());
    let trust = trust_id(&ctx).await?;
    let input = parse_priority(&ctx, trust, year, 0, &form)
        .await
        .map_err(|e| fail_form(e, &back, &form))?;
    let mut tx = ctx.db.begin().await?;
    match crate::db::cycle::add(&mut tx, &actor(&me), trust, year, &input).await? {
        Ok(id) => {
            tx.commit().await?;
            succeed(
                &back,
                Some(&format!(
                    "“{}” has been added to the draft priorities for {year}.",
                    input.title
                )),
            );
            Ok(id)
        }
        Err(r) => Err(fail_form(refusal(r, year), &back, &form)),
    }
}

/// Changes a draft priority.
#[server(prefix = "/api", endpoint = "cycle/board-priorities/save")]
pub async fn save_board_priority(
    year: i32,
    priority_id: i64,
    #[server(default)] form: BoardPriorityForm,
) -> Result<(), AppError> {
    use crate::api::{actor, authorise_signed_in, context, fail_form, succeed};
    use crate::domain::auth::{Action, Target};
    let me = authorise_signed_in(Action::SetBoardPriorities, Target::Trust)?;
    let ctx = context()?;
    let year = plan_year(year, &ctx)?;
    let back = format!("{}/{priority_id}", board_priorities_base(year.first_year()));
    let trust = trust_id(&ctx).await?;
    let input = parse_priority(&ctx, trust, year, priority_id, &form)
        .await
        .map_err(|e| fail_form(e, &back, &form))?;
    let mut tx = ctx.db.begin().await?;
    match crate::db::cycle::save(&mut tx, &actor(&me), trust, year, priority_id, &input).await? {
        Ok(()) => {
            tx.commit().await?;
            succeed(
                &board_priorities_base(year.first_year()),
                Some(&format!("“{}” has been saved.", input.title)),
            );
            Ok(())
        }
        Err(r) => Err(fail_form(refusal(r, year), &back, &form)),
    }
}

/// Removes a draft priority.
#[server(prefix = "/api", endpoint = "cycle/board-priorities/remove")]
pub async fn remove_board_priority(year: i32, priority_id: i64) -> Result<(), AppError> {
    use crate::api::{actor, authorise_signed_in, context, fail, succeed};
    use crate::domain::auth::{Action, Target};
    let me = authorise_signed_in(Action::SetBoardPriorities, Target::Trust)?;
    let ctx = context()?;
    let year = plan_year(year, &ctx)?;
    let back = format!("{}/{priority_id}", board_priorities_base(year.first_year()));
    let trust = trust_id(&ctx).await?;
    let mut tx = ctx.db.begin().await?;
    match crate::db::cycle::remove(&mut tx, &actor(&me), trust, year, priority_id).await? {
        Ok(title) => {
            tx.commit().await?;
            succeed(
                &board_priorities_base(year.first_year()),
                Some(&format!("The draft priority “{title}” has been removed.")),
            );
            Ok(())
        }
        Err(r) => Err(fail(refusal(r, year), &back, &[])),
    }
}

/// Publishes the year's drafts — `drafts` of them, as the page offered — into every
/// partnership's plan for the year.
#[server(prefix = "/api", endpoint = "cycle/board-priorities/publish")]
pub async fn publish_board_priorities(year: i32, drafts: i64) -> Result<usize, AppError> {
    use crate::api::{actor, authorise_signed_in, context, fail, succeed};
    use crate::domain::auth::{Action, Target};
    let me = authorise_signed_in(Action::SetBoardPriorities, Target::Trust)?;
    let ctx = context()?;
    let year = plan_year(year, &ctx)?;
    let back = board_priorities_base(year.first_year());
    let trust = trust_id(&ctx).await?;
    let mut tx = ctx.db.begin().await?;
    match crate::db::cycle::publish(&mut tx, &actor(&me), trust, year, drafts).await? {
        Ok(done) => {
            tx.commit().await?;
            let what = if done.priorities == 1 {
                "1 priority has".to_string()
            } else {
                format!("{} priorities have", done.priorities)
            };
            let plans = match done.plans {
                0 => "no plan has been started yet, so each plan gets them when it starts"
                    .to_string(),
                1 => "1 draft plan has them now".to_string(),
                n => format!("{n} draft plans have them now"),
            };
            succeed(
                &back,
                Some(&format!("{what} been published for {year}: {plans}.")),
            );
            Ok(done.priorities)
        }
        Err(r) => Err(fail(refusal(r, year), &back, &[])),
    }
}

#[server(prefix = "/api", endpoint = "cycle/calendar", input = GetUrl)]
pub async fn get_calendar(year: i32) -> Result<CalendarView, AppError> {
    use crate::domain::auth::{Action, Target};
    use crate::domain::PlanYear;
    crate::api::authorise_signed_in(Action::ManageSetUp, Target::Trust)?;
    let ctx = crate::api::context()?;
    let year = plan_year(year, &ctx)?;
    let trust = trust_id(&ctx).await?;
    let set = crate::db::calendar::calendar(&ctx.db, trust, year).await?;
    let source = if !set.is_empty() {
        CalendarSource::Set
    } else {
        let last = match PlanYear::new(year.first_year() - 1) {
            Ok(last) => crate::db::calendar::calendar(&ctx.db, trust, last).await?,
            Err(_) => Vec::new(),
        };
        if last.is_empty() {
            CalendarSource::Paper
        } else {
            CalendarSource::LastYear
        }
    };
    let mut stages = crate::db::calendar::effective_calendar(&ctx.db, trust, year).await?;
    // In the order of Appendix 1.
    stages.sort_by_key(|s| {
        crate::domain::StageKind::ALL
            .iter()
            .position(|k| *k == s.kind)
    });
    Ok(CalendarView {
        year: year.first_year(),
        label: year.to_string(),
        stages,
        source,
    })
}

/// Saves a year's whole calendar: all twelve stages, or nothing.
#[server(prefix = "/api", endpoint = "cycle/calendar/save")]
pub async fn save_cycle_calendar(
    year: i32,
    #[server(default)] form: CalendarForm,
) -> Result<(), AppError> {
    use crate::api::{actor, authorise_signed_in, context, fail_form, succeed};
    use crate::domain::auth::{Action, Target};
    let me = authorise_signed_in(Action::ManageSetUp, Target::Trust)?;
    let ctx = context()?;
    let year = plan_year(year, &ctx)?;
    let back = calendar_base(year.first_year());
    let stages = form
        .parse(year)
        .map_err(|p| fail_form(crate::api::plans::guard::invalid(p), &back, &form))?;
    let trust = trust_id(&ctx).await?;
    let mut tx = ctx.db.begin().await?;
    crate::db::cycle::save_calendar(&mut tx, &actor(&me), trust, year, &stages).await?;
    tx.commit().await?;
    succeed(&back, Some(&format!("The {year} calendar has been saved.")));
    Ok(())
}
