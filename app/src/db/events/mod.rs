//! Stakeholder events: creating one (its ballot copied in), loading it by id or join code,
//! listing them, and the live-update announcement. Participants' writes are in
//! `participation`, the facilitator's in `facilitation`, the results in `results`.
//!
//! Every write bumps the event's `changes` number in the writer's transaction (which also
//! serialises writers of one event) and, on PostgreSQL, sends `NOTIFY` on commit so that every
//! app server's live streams hear of it.

use super::audit::{self, entry, Actor};
use super::{now, with_pool, with_tx, Db, DbError, DbResult, Tx};
use crate::domain::audit::AuditAction;
use crate::domain::events::{
    BallotOption, BallotSource, EventInput, EventRules, JoinCode, StakeholderEvent, Voting,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

mod facilitation;
mod participation;
mod results;

pub use facilitation::*;
pub use participation::*;
pub use results::*;

/// The PostgreSQL channel live updates are announced on; the payload is the event's id.
pub const CHANNEL: &str = "trustboard_events";

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    code: String,
    title: String,
    held_on: NaiveDate,
    plan_year: i32,
    ballot_source: String,
    votes_each: i32,
    several_on_one: bool,
    comments_after_review: bool,
    voting: String,
    opens_at: Option<DateTime<Utc>>,
    closes_at: Option<DateTime<Utc>>,
    indicator_code: Option<String>,
    indicator_name: Option<String>,
    revision: i64,
    created_by: String,
}

const EVENT_COLUMNS: &str =
    "SELECT e.id, e.code, e.title, e.held_on, e.plan_year, e.ballot_source, e.votes_each,
        e.several_on_one, e.comments_after_review, e.voting, e.opens_at, e.closes_at,
        i.code AS indicator_code, i.title AS indicator_name, e.revision, e.created_by
     FROM stakeholder_event e LEFT JOIN indicator i ON i.id = e.indicator_id";

async fn load(db: &Db, row: Option<EventRow>) -> DbResult<Option<StakeholderEvent>> {
    let Some(row) = row else { return Ok(None) };
    let corrupt =
        |what: &str, v: &str| DbError::corrupt("stakeholder_event", format!("{what} '{v}'"));
    let partnerships: Vec<(i64, String, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT p.id, p.slug, p.name FROM stakeholder_event_partnership ep
         JOIN partnership p ON p.id = ep.partnership_id WHERE ep.event_id = $1 ORDER BY p.name"
    ).bind(row.id).fetch_all(pool).await)?;
    let options: Vec<(i64, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, label FROM event_option WHERE event_id = $1 ORDER BY position"
    ).bind(row.id).fetch_all(pool).await)?;
    Ok(Some(StakeholderEvent {
        id: row.id,
        source: row
            .ballot_source
            .parse::<BallotSource>()
            .map_err(|_| corrupt("ballot_source", &row.ballot_source))?,
        rules: EventRules {
            votes_each: u8::try_from(row.votes_each)
                .map_err(|_| corrupt("votes_each", &row.votes_each.to_string()))?,
            several_on_one: row.several_on_one,
            comments_after_review: row.comments_after_review,
            voting: row
                .voting
                .parse::<Voting>()
                .map_err(|_| corrupt("voting", &row.voting))?,
            opens_at: row.opens_at,
            closes_at: row.closes_at,
        },
        code: row.code,
        title: row.title,
        held_on: row.held_on,
        plan_year: row.plan_year,
        indicator: row.indicator_code.zip(row.indicator_name),
        partnerships,
        options: options
            .into_iter()
            .map(|(id, label)| BallotOption { id, label })
            .collect(),
        revision: row.revision,
        created_by: row.created_by,
    }))
}

pub async fn find(db: &Db, id: i64) -> DbResult<Option<StakeholderEvent>> {
    let sql = format!("{EVENT_COLUMNS} WHERE e.id = $1");
    let row = with_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?;
    load(db, row).await
}

pub async fn find_by_code(db: &Db, code: &JoinCode) -> DbResult<Option<StakeholderEvent>> {
    let sql = format!("{EVENT_COLUMNS} WHERE e.code = $1");
    let row = with_pool!(db, pool => sqlx::query_as(&sql).bind(code.as_str()).fetch_optional(pool).await)?;
    load(db, row).await
}

/// An event in a list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EventListing {
    pub id: i64,
    pub title: String,
    pub held_on: NaiveDate,
    pub code: String,
    pub voting: String,
    pub partnerships: Vec<String>,
    pub joined: i64,
}

/// Events for any of `partnerships` (every event when `None`), newest first, with their
/// partnerships and how many have joined each: two queries.
pub async fn list(db: &Db, partnerships: Option<&[i64]>) -> DbResult<Vec<EventListing>> {
    let rows: Vec<(i64, String, NaiveDate, String, String, i64)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT e.id, e.title, e.held_on, e.code, e.voting,
                (SELECT COUNT(*) FROM event_participant x WHERE x.event_id = e.id) AS joined
         FROM stakeholder_event e ORDER BY e.held_on DESC, e.id DESC"
    ).fetch_all(pool).await)?;
    let of: Vec<(i64, i64, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT ep.event_id, p.id, p.name FROM stakeholder_event_partnership ep
         JOIN partnership p ON p.id = ep.partnership_id ORDER BY p.name"
    ).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .filter(|(id, ..)| {
            partnerships.is_none_or(|mine| of.iter().any(|(ev, p, _)| ev == id && mine.contains(p)))
        })
        .map(|(id, title, held_on, code, voting, joined)| EventListing {
            partnerships: of
                .iter()
                .filter(|(ev, ..)| *ev == id)
                .map(|(_, _, n)| n.clone())
                .collect(),
            id,
            title,
            held_on,
            code,
            voting,
            joined,
        })
        .collect())
}

/// Every partnership: (id, slug, name), by name.
pub async fn partnerships(db: &Db) -> DbResult<Vec<(i64, String, String)>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT id, slug, name FROM partnership ORDER BY name"
    ).fetch_all(pool).await)?)
}

/// Every event's rules, for saying where voting stands in a list.
pub async fn phases(db: &Db) -> DbResult<Vec<(i64, EventRules)>> {
    let rows: Vec<(
        i64,
        i32,
        bool,
        bool,
        String,
        Option<DateTime<Utc>>,
        Option<DateTime<Utc>>,
    )> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, votes_each, several_on_one, comments_after_review, voting, opens_at, closes_at FROM stakeholder_event"
    ).fetch_all(pool).await)?;
    rows.into_iter()
        .map(
            |(
                id,
                votes_each,
                several_on_one,
                comments_after_review,
                voting,
                opens_at,
                closes_at,
            )| {
                Ok((
                    id,
                    EventRules {
                        votes_each: u8::try_from(votes_each).unwrap_or(1),
                        several_on_one,
                        comments_after_review,
                        voting: voting.parse::<Voting>().map_err(|_| {
                            DbError::corrupt("stakeholder_event", format!("voting '{voting}'"))
                        })?,
                        opens_at,
                        closes_at,
                    },
                ))
            },
        )
        .collect()
}

/// The ballot an event starts with: the priorities of the partnerships' plans for the year
/// (named with their partnership when there are several), the Board's, or those typed in.
pub async fn ballot_for(db: &Db, input: &EventInput, plan_year: i32) -> DbResult<Vec<String>> {
    Ok(match input.source {
        BallotSource::Custom => input.candidates.clone(),
        BallotSource::Board => with_pool!(db, pool => sqlx::query_scalar(
            "SELECT title FROM board_priority WHERE plan_year = $1 AND published_at IS NOT NULL ORDER BY position"
        ).bind(plan_year).fetch_all(pool).await)?,
        BallotSource::Plan => {
            let mut labels = Vec::new();
            for id in &input.partnerships {
                let rows: Vec<(String, String)> = with_pool!(db, pool => sqlx::query_as(
                    "SELECT pp.title, p.name FROM plan_priority pp JOIN plan pl ON pl.id = pp.plan_id
                     JOIN partnership p ON p.id = pl.partnership_id
                     WHERE pl.partnership_id = $1 AND pl.plan_year = $2 ORDER BY pp.position"
                ).bind(id).bind(plan_year).fetch_all(pool).await)?;
                for (title, partnership) in rows {
                    let label = if input.partnerships.len() > 1 {
                        format!("{title} ({partnership})")
                    } else {
                        title
                    };
                    if !labels.iter().any(|l: &String| l.eq_ignore_ascii_case(&label)) {
                        labels.push(label);
                    }
                }
            }
            labels
        }
    }
    .into_iter()
    .map(|l| l.chars().take(crate::domain::events::OPTION_LIMIT).collect())
    .collect())
}

/// Creates an event with its ballot. `Ok(Err(()))` when the code is taken (make another).
pub async fn create(
    tx: &mut Tx,
    actor: &Actor,
    input: &EventInput,
    code: &JoinCode,
    plan_year: i32,
    ballot: &[String],
    indicator_id: Option<i64>,
) -> DbResult<Result<i64, ()>> {
    let at = now();
    let inserted: Result<i64, sqlx::Error> = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO stakeholder_event (code, title, held_on, plan_year, ballot_source, votes_each, several_on_one,
            comments_after_review, indicator_id, voting, opens_at, closes_at, created_at, created_by, created_by_user)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id"
    ).bind(code.as_str()).bind(&input.title).bind(input.held_on).bind(plan_year).bind(input.source.as_str())
     .bind(i32::from(input.rules.votes_each)).bind(input.rules.several_on_one).bind(input.rules.comments_after_review)
     .bind(indicator_id).bind(input.rules.voting.as_str()).bind(input.rules.opens_at).bind(input.rules.closes_at)
     .bind(at).bind(&actor.name).bind(actor.user_id)
     .fetch_one(&mut *conn).await);
    let id = match inserted {
        Ok(id) => id,
        Err(e) => {
            let e = DbError::from(e);
            if e.is_unique_violation() {
                return Ok(Err(()));
            }
            return Err(e);
        }
    };
    for p in &input.partnerships {
        with_tx!(tx, conn => sqlx::query(
            "INSERT INTO stakeholder_event_partnership (event_id, partnership_id) VALUES ($1, $2)"
        ).bind(id).bind(p).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    for (i, label) in ballot.iter().enumerate() {
        with_tx!(tx, conn => sqlx::query(
            "INSERT INTO event_option (event_id, position, label) VALUES ($1, $2, $3)"
        ).bind(id).bind(i as i32).bind(label).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    let mut e = entry(
        actor,
        AuditAction::Create,
        "stakeholder_event",
        id,
        input.partnerships.first().copied(),
        format!(
            "Created the stakeholder event “{}” ({})",
            input.title, input.held_on
        ),
    );
    e.after = Some(json!({
        "title": input.title, "held_on": input.held_on, "code": code.as_str(), "partnerships": input.partnerships,
        "ballot": ballot, "votes_each": input.rules.votes_each, "several_on_one": input.rules.several_on_one,
        "comments_after_review": input.rules.comments_after_review, "opens_at": input.rules.opens_at,
        "closes_at": input.rules.closes_at, "indicator_id": indicator_id,
    }));
    audit::record(tx, e).await?;
    Ok(Ok(id))
}

/// Counts a change to an event and, on PostgreSQL, announces it to every app server when the
/// transaction commits. Returns the event's new change number.
pub async fn changed(tx: &mut Tx, event_id: i64) -> DbResult<i64> {
    let n: i64 = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE stakeholder_event SET changes = changes + 1 WHERE id = $1 RETURNING changes"
    ).bind(event_id).fetch_one(&mut *conn).await)?;
    if let Tx::Postgres(t) = tx {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(event_id.to_string())
            .execute(&mut **t)
            .await?;
    }
    Ok(n)
}
