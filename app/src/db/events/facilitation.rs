//! What the facilitator does: open and close voting, show or hide a comment, add the results
//! to a plan. Each is audited in the same transaction.

use super::changed;
use crate::db::audit::{self, entry, Actor};
use crate::db::{now, with_pool, with_tx, Db, DbError, DbResult, Tx};
use crate::domain::audit::AuditAction;
use crate::domain::events::{AgeBand, CommentState, EventComment, StakeholderEvent, Voting};
use chrono::{DateTime, Utc};
use serde_json::json;

/// Why a facilitator's change was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventRefused {
    /// Someone changed the event since the page was shown.
    Stale,
    Missing,
    /// These results are in that plan already.
    AlreadyAdded,
}

/// Opens or closes voting by hand (or hands it back to the times set).
pub async fn set_voting(
    tx: &mut Tx,
    actor: &Actor,
    event: &StakeholderEvent,
    based_on: i64,
    voting: Voting,
) -> DbResult<Result<i64, EventRefused>> {
    let rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE stakeholder_event SET voting = $3, revision = revision + 1 WHERE id = $1 AND revision = $2 RETURNING revision"
    ).bind(event.id).bind(based_on).bind(voting.as_str()).fetch_optional(&mut *conn).await)?;
    let Some(rev) = rev else {
        return Ok(Err(EventRefused::Stale));
    };
    changed(tx, event.id).await?;
    let what = match voting {
        Voting::Open => "Opened voting",
        Voting::Closed => "Closed voting",
        Voting::Scheduled => "Set voting to open and close at the times set",
    };
    let mut e = entry(
        actor,
        AuditAction::StatusChange,
        "stakeholder_event",
        event.id,
        event.partnership_ids().first().copied(),
        format!("{what} at “{}”", event.title),
    );
    e.before = Some(json!({ "voting": event.rules.voting.as_str() }));
    e.after = Some(json!({ "voting": voting.as_str() }));
    audit::record(tx, e).await?;
    Ok(Ok(rev))
}

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: i64,
    body: String,
    young_person: bool,
    age_band: Option<String>,
    created_at: DateTime<Utc>,
    state: String,
}

impl CommentRow {
    fn into_domain(self) -> DbResult<EventComment> {
        Ok(EventComment {
            id: self.id,
            state: self.state.parse::<CommentState>().map_err(|_| {
                DbError::corrupt("event_comment", format!("state '{}'", self.state))
            })?,
            body: self.body,
            young_person: self.young_person,
            age_band: self.age_band.and_then(|b| b.parse::<AgeBand>().ok()),
            at: self.created_at,
        })
    }
}

const COMMENT_COLUMNS: &str =
    "SELECT id, body, young_person, age_band, created_at, state FROM event_comment";

/// An event's comments: every one (for the facilitator), or only those shown, newest first;
/// at most `limit`.
pub async fn comments(
    db: &Db,
    event_id: i64,
    only_shown: bool,
    limit: i64,
) -> DbResult<Vec<EventComment>> {
    let sql = format!(
        "{COMMENT_COLUMNS} WHERE event_id = $1 {} ORDER BY id DESC LIMIT $2",
        if only_shown {
            "AND state = 'shown'"
        } else {
            ""
        }
    );
    let rows: Vec<CommentRow> = with_pool!(db, pool => sqlx::query_as(&sql).bind(event_id).bind(limit).fetch_all(pool).await)?;
    rows.into_iter().map(CommentRow::into_domain).collect()
}

/// Shows or hides a comment.
pub async fn decide_comment(
    tx: &mut Tx,
    actor: &Actor,
    event: &StakeholderEvent,
    comment_id: i64,
    state: CommentState,
) -> DbResult<Result<(), EventRefused>> {
    let before: Option<String> = with_tx!(tx, conn => sqlx::query_scalar(
        "SELECT state FROM event_comment WHERE id = $1 AND event_id = $2"
    ).bind(comment_id).bind(event.id).fetch_optional(&mut *conn).await)?;
    let Some(before) = before else {
        return Ok(Err(EventRefused::Missing));
    };
    with_tx!(tx, conn => sqlx::query(
        "UPDATE event_comment SET state = $2, decided_at = $3, decided_by = $4 WHERE id = $1"
    ).bind(comment_id).bind(state.as_str()).bind(now()).bind(&actor.name).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    changed(tx, event.id).await?;
    let mut e = entry(
        actor,
        AuditAction::Update,
        "event_comment",
        comment_id,
        event.partnership_ids().first().copied(),
        format!(
            "{} a comment at “{}”",
            if state == CommentState::Hidden {
                "Hid"
            } else {
                "Showed"
            },
            event.title
        ),
    );
    e.before = Some(json!({ "state": before }));
    e.after = Some(json!({ "state": state.as_str() }));
    audit::record(tx, e).await?;
    Ok(Ok(()))
}

/// Records that an event's results went into a plan; refused when they are there already.
pub async fn record_added_to_plan(
    tx: &mut Tx,
    actor: &Actor,
    event: &StakeholderEvent,
    plan_id: i64,
    partnership_id: i64,
) -> DbResult<Result<(), EventRefused>> {
    let done: Result<_, sqlx::Error> = with_tx!(tx, conn => sqlx::query(
        "INSERT INTO event_plan_result (event_id, plan_id, added_at, added_by) VALUES ($1, $2, $3, $4)"
    ).bind(event.id).bind(plan_id).bind(now()).bind(&actor.name).execute(&mut *conn).await.map(|r| r.rows_affected()));
    if let Err(e) = done {
        let e = DbError::from(e);
        return if e.is_unique_violation() {
            Ok(Err(EventRefused::AlreadyAdded))
        } else {
            Err(e)
        };
    }
    let mut e = entry(
        actor,
        AuditAction::Create,
        "event_plan_result",
        format!("{}:{plan_id}", event.id),
        Some(partnership_id),
        format!("Added the results of “{}” to the plan", event.title),
    );
    e.after = Some(json!({ "event_id": event.id, "plan_id": plan_id }));
    audit::record(tx, e).await?;
    Ok(Ok(()))
}

/// The plans an event's results have gone into: (plan id, partnership id, when).
pub async fn added_to(db: &Db, event_id: i64) -> DbResult<Vec<(i64, i64, DateTime<Utc>)>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT r.plan_id, p.partnership_id, r.added_at FROM event_plan_result r JOIN plan p ON p.id = r.plan_id
         WHERE r.event_id = $1 ORDER BY r.added_at"
    ).bind(event_id).fetch_all(pool).await)?)
}
