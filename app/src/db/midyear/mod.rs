//! Mid-year reviews: starting one from an approved snapshot, loading whole reviews (one, or a
//! year's, in four queries either way), the partnership's saves with optimistic concurrency,
//! and the workflow (`workflow`).
//!
//! Every change is written in the caller's transaction with its audit entry. Content changes
//! first "touch" the review row with a condition on its status, which also serialises writers
//! against a change of status; the database refuses any change to an accepted review as well
//! (triggers in migration 0013).

use super::audit::{self, entry, Actor};
pub use super::plans::{Refused, Saved};
use super::{now, with_pool, with_tx, Db, DbError, DbResult, Tx};
use crate::domain::audit::AuditAction;
use crate::domain::midyear::{MidYearStatus, Progress};
use crate::domain::plan::Plan;
use serde_json::json;

mod content;
mod load;
mod workflow;

pub use content::*;
pub use load::*;
pub use workflow::*;

/// The review row's own facts, for authorising a request before anything else is loaded.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ReviewHeader {
    pub id: i64,
    pub partnership_id: i64,
    pub partnership_slug: String,
    pub plan_id: i64,
    pub year: i32,
    pub reviewed_version: i32,
    pub status: String,
    pub round: i32,
    pub revision: i64,
}

impl ReviewHeader {
    pub fn status(&self) -> DbResult<MidYearStatus> {
        self.status
            .parse()
            .map_err(|_| DbError::corrupt("mid_year_review", format!("status '{}'", self.status)))
    }
}

pub async fn header(db: &Db, id: i64) -> DbResult<Option<ReviewHeader>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT r.id, r.partnership_id, p.slug AS partnership_slug, r.plan_id, r.year, r.reviewed_version,
                r.status, r.round, r.revision
         FROM mid_year_review r JOIN partnership p ON p.id = r.partnership_id WHERE r.id = $1"
    ).bind(id).fetch_optional(pool).await)?)
}

/// A partnership's mid-year review of its plan for a year, if it has been started.
pub async fn find(db: &Db, partnership_id: i64, year: i32) -> DbResult<Option<i64>> {
    Ok(with_pool!(db, pool => sqlx::query_scalar(
        "SELECT id FROM mid_year_review WHERE partnership_id = $1 AND year = $2"
    ).bind(partnership_id).bind(year).fetch_optional(pool).await)?)
}

/// Starts the mid-year review of `plan` (an approved snapshot): a row for every action, starting
/// from the progress recorded in the plan, and for every measure.
pub async fn start(tx: &mut Tx, actor: &Actor, plan: &Plan) -> DbResult<i64> {
    let at = now();
    let year = plan.year.first_year();
    let id: i64 = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO mid_year_review (partnership_id, plan_id, year, reviewed_version, status, created_at, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, 'draft', $5, $5, $6) RETURNING id"
    ).bind(plan.partnership_id).bind(plan.id).bind(year).bind(plan.version).bind(at).bind(&actor.name)
     .fetch_one(&mut *conn).await)?;
    for p in &plan.priorities {
        for a in &p.actions {
            with_tx!(tx, conn => sqlx::query(
                "INSERT INTO mid_year_action (review_id, action_id, progress, updated_at, updated_by)
                 VALUES ($1, $2, $3, $4, $5)"
            ).bind(id).bind(a.id).bind(Progress::from_plan(a.status).as_str()).bind(at).bind(&actor.name)
             .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        }
        for m in &p.measures {
            with_tx!(tx, conn => sqlx::query(
                "INSERT INTO mid_year_measure (review_id, measure_id, updated_at, updated_by)
                 VALUES ($1, $2, $3, $4)"
            ).bind(id).bind(m.id).bind(at).bind(&actor.name)
             .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        }
    }
    let mut r = entry(
        actor,
        AuditAction::Create,
        "mid_year_review",
        id,
        Some(plan.partnership_id),
        format!("Started the mid-year review of the {} plan", plan.year),
    );
    r.after = Some(json!({ "plan": plan.id, "version": plan.version, "year": year }));
    audit::record(tx, r).await?;
    Ok(id)
}

/// Marks the review as changed by `actor` if the partnership may still change it (a draft, or
/// returned with comments). Every content change starts here.
async fn touch_editable(tx: &mut Tx, actor: &Actor, id: i64) -> DbResult<Saved<()>> {
    let n = with_tx!(tx, conn => sqlx::query(
        "UPDATE mid_year_review SET updated_at = $1, updated_by = $2
         WHERE id = $3 AND status IN ('draft', 'returned')"
    ).bind(now()).bind(&actor.name).bind(id)
     .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(if n == 1 {
        Ok(())
    } else {
        Err(Refused::NotDraft)
    })
}
