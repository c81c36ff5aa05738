//! Self-assessments: the standards of each year (`standards`), loading whole assessments in
//! five queries however many there are (`load`), the partnership's saves with optimistic
//! concurrency (`content`), and the workflow and moderation (`workflow`).
//!
//! Every change is written in the caller's transaction with its audit entry. Content changes
//! first "touch" the assessment row with a condition on its status, which also serialises
//! writers against a change of status; the database refuses any change to a moderated
//! assessment as well (triggers in migration 0012).

use super::audit::{self, entry, Actor};
pub use super::plans::{Refused, Saved};
use super::{now, with_pool, with_tx, Db, DbError, DbResult, Tx};
use crate::domain::assessment::AssessmentStatus;
use crate::domain::audit::AuditAction;

mod content;
mod load;
mod standards;
mod workflow;

pub use content::*;
pub use load::*;
pub use standards::*;
pub use workflow::*;

/// The assessment row's own facts, for authorising a request before anything else is loaded.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AssessmentHeader {
    pub id: i64,
    pub partnership_id: i64,
    pub partnership_slug: String,
    pub year: i32,
    pub status: String,
    pub round: i32,
    pub revision: i64,
    /// The approved plan version its review is built from, if any.
    pub reviewed_plan_id: Option<i64>,
    pub reviewed_version: Option<i32>,
}

impl AssessmentHeader {
    pub fn status(&self) -> DbResult<AssessmentStatus> {
        self.status
            .parse()
            .map_err(|_| DbError::corrupt("self_assessment", format!("status '{}'", self.status)))
    }
}

pub async fn header(db: &Db, id: i64) -> DbResult<Option<AssessmentHeader>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT a.id, a.partnership_id, p.slug AS partnership_slug, a.year, a.status, a.round, a.revision,
                a.reviewed_plan_id, a.reviewed_version
         FROM self_assessment a JOIN partnership p ON p.id = a.partnership_id WHERE a.id = $1"
    ).bind(id).fetch_optional(pool).await)?)
}

/// A partnership's self-assessment for a year, if it has been started.
pub async fn find(db: &Db, partnership_id: i64, year: i32) -> DbResult<Option<i64>> {
    Ok(with_pool!(db, pool => sqlx::query_scalar(
        "SELECT id FROM self_assessment WHERE partnership_id = $1 AND year = $2"
    ).bind(partnership_id).bind(year).fetch_optional(pool).await)?)
}

/// Marks the assessment as changed by `actor` if the partnership may still change it (a draft,
/// or returned with questions). Every content change starts here.
async fn touch_editable(tx: &mut Tx, actor: &Actor, id: i64) -> DbResult<Saved<()>> {
    let n = with_tx!(tx, conn => sqlx::query(
        "UPDATE self_assessment SET updated_at = $1, updated_by = $2
         WHERE id = $3 AND status IN ('draft', 'returned')"
    ).bind(now()).bind(&actor.name).bind(id)
     .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(if n == 1 {
        Ok(())
    } else {
        Err(Refused::NotDraft)
    })
}
