//! Local delivery plans: loading a whole plan in five queries (`load`), saving its parts with
//! optimistic concurrency — every save names the revision it was based on — (`content`,
//! `items`), the workflow and the frozen snapshots of approved versions (`workflow`), and the
//! lists the pages show (`lists`).
//!
//! Every change is written in the caller's transaction together with its audit entry. Content
//! can only change while the plan is a draft: each write first "touches" the plan row with a
//! `status = 'draft'` condition, which also serialises writers to one plan against a change of
//! its status (a row lock on PostgreSQL; SQLite's write transactions are serial anyway).

use super::audit::{self, Actor, Record};
use super::{now, with_pool, with_tx, Db, DbError, DbResult, Tx};
use crate::domain::audit::AuditAction;
use crate::domain::plan::{
    ActionInput, IndicatorRef, Measure, MeasureInput, Plan, PlanAction, PlanStatus, Priority,
    PriorityInput,
};
pub use crate::domain::plan::{IndicatorOption, PlanComment, PlanSummary, VersionSummary};
use crate::domain::{Choice, PlanYear};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;

mod before;
mod content;
mod items;
mod lists;
mod load;
mod workflow;

pub use content::*;
pub use items::*;
pub use lists::*;
pub use load::*;
pub use workflow::*;

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The plan is not a draft (submitted or approved): its content is frozen.
    NotDraft,
    /// The thing is not part of this plan (or no longer exists).
    Missing,
    /// Someone saved it since this person loaded it; this is the revision now saved.
    Stale(i64),
    /// A Board-mandated priority cannot be removed.
    Mandated,
    /// The workflow does not allow this in the plan's present state; the reason, for people.
    NotNow(String),
}

pub type Saved<T> = Result<T, Refused>;

/// The plan row's own facts, for authorising a request before anything else is loaded.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PlanHeader {
    pub id: i64,
    pub partnership_id: i64,
    pub partnership_slug: String,
    pub plan_year: i32,
    pub status: String,
    pub version: i32,
    pub revision: i64,
}

impl PlanHeader {
    pub fn status(&self) -> DbResult<PlanStatus> {
        self.status
            .parse()
            .map_err(|_| DbError::corrupt("plan", format!("status '{}'", self.status)))
    }
}

pub async fn header(db: &Db, plan_id: i64) -> DbResult<Option<PlanHeader>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT p.id, p.partnership_id, pt.slug AS partnership_slug, p.plan_year, p.status, p.version, p.revision
         FROM plan p JOIN partnership pt ON pt.id = p.partnership_id WHERE p.id = $1"
    ).bind(plan_id).fetch_optional(pool).await)?)
}

/// The plan of a partnership for a year, if it has been started.
pub async fn find(db: &Db, partnership_id: i64, year: PlanYear) -> DbResult<Option<i64>> {
    Ok(with_pool!(db, pool => sqlx::query_scalar(
        "SELECT id FROM plan WHERE partnership_id = $1 AND plan_year = $2"
    ).bind(partnership_id).bind(year.first_year()).fetch_optional(pool).await)?)
}

fn entry<'a>(
    actor: &'a Actor,
    action: AuditAction,
    entity_type: &'a str,
    id: i64,
    partnership_id: i64,
    summary: String,
) -> Record<'a> {
    Record {
        actor,
        action,
        entity_type,
        entity_id: id.to_string(),
        partnership_id: Some(partnership_id),
        summary,
        before: None,
        after: None,
    }
}

/// Marks the plan as changed by `actor`, if it is a draft. Every content change starts here.
async fn touch_draft(tx: &mut Tx, actor: &Actor, plan_id: i64) -> DbResult<Saved<()>> {
    let n = with_tx!(tx, conn => sqlx::query(
        "UPDATE plan SET updated_at = $1, updated_by = $2 WHERE id = $3 AND status = 'draft'"
    ).bind(now()).bind(&actor.name).bind(plan_id)
     .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(if n == 1 {
        Ok(())
    } else {
        Err(Refused::NotDraft)
    })
}

/// After an update matched nothing: was the row missing, or had it moved on?
async fn why_not(tx: &mut Tx, sql: &str, id: i64, plan_id: i64) -> DbResult<Refused> {
    let current: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(sql)
        .bind(id).bind(plan_id).fetch_optional(&mut *conn).await)?;
    Ok(match current {
        Some(rev) => Refused::Stale(rev),
        None => Refused::Missing,
    })
}

async fn plan_refusal(tx: &mut Tx, plan_id: i64) -> DbResult<Refused> {
    let row: Option<(String, i64)> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT status, revision FROM plan WHERE id = $1"
    ).bind(plan_id).fetch_optional(&mut *conn).await)?;
    Ok(match row {
        None => Refused::Missing,
        Some((status, _)) if status != "draft" => Refused::NotDraft,
        Some((_, rev)) => Refused::Stale(rev),
    })
}
