//! Setting a county up, by administrators: the Trust, partnerships, partner organisations and
//! people in bulk (the lists arrive as uploads: `server/src/setup_uploads.rs`). New people choose
//! their own password with a one-time link ([`password`]).

pub mod partnerships;
pub mod password;
pub mod trust;

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// Where set-up stands: the hub's task list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetUpOverview {
    pub trust: Option<String>,
    pub districts: i64,
    pub wards: i64,
    pub outlines: i64,
    pub partnerships: i64,
    pub organisations: i64,
    pub people: i64,
    /// People who have not yet used their set-your-password link.
    pub waiting: i64,
    pub year: crate::domain::PlanYear,
    /// The year's calendar has been set (rather than defaulting).
    pub calendar_set: bool,
    pub board_priorities: i64,
}

#[server(prefix = "/api", endpoint = "setup/overview", input = GetUrl)]
pub async fn setup_overview() -> Result<SetUpOverview, AppError> {
    use crate::db::reference;
    use crate::domain::auth::{Action, Target};
    super::authorise_signed_in(Action::ManageSetUp, Target::Trust)?;
    let ctx = super::context()?;
    let db = &ctx.db;
    let trust = reference::trust(db).await?;
    let c = crate::db::setup::counts(db).await?;
    let year = crate::domain::PlanYear::in_cycle_on(ctx.today());
    let (calendar_set, board_priorities) = match &trust {
        Some(t) => {
            let set = !crate::db::calendar::calendar(db, t.id, year)
                .await?
                .is_empty();
            let n = crate::db::calendar::board_priorities(db, t.id, year)
                .await?
                .len() as i64;
            (set, n)
        }
        None => (false, 0),
    };
    Ok(SetUpOverview {
        trust: trust.map(|t| t.name),
        districts: c.districts,
        wards: c.wards,
        outlines: c.outlines,
        partnerships: c.partnerships,
        organisations: c.organisations,
        people: c.people,
        waiting: c.waiting,
        year,
        calendar_set,
        board_priorities,
    })
}

/// The partner organisations, for their page (the list is uploaded as a file).
#[server(prefix = "/api", endpoint = "setup/organisations", input = GetUrl)]
pub async fn setup_organisations() -> Result<Vec<crate::domain::setup::OrganisationListed>, AppError>
{
    use crate::domain::auth::{Action, Target};
    super::authorise_signed_in(Action::ManageSetUp, Target::Trust)?;
    let ctx = super::context()?;
    Ok(crate::db::setup::organisations::list(&ctx.db).await?)
}
