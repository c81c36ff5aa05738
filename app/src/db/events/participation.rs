//! What participants do: join (a random token, stored hashed), cast or change their ballot,
//! comment. No personal data: only what they chose to say (a young person, an age band).
//! Also the throttle on wrong join codes.

use super::changed;
use crate::db::{now, with_pool, with_tx, Db, DbResult, Tx};
use crate::domain::events::{AboutYou, AgeBand, BallotInput, CommentInput, CommentState};
use chrono::{DateTime, TimeDelta, Utc};

/// A participant as their own pages see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub id: i64,
    pub about: AboutYou,
    /// Their ballot: (option id, votes).
    pub ballot: Vec<(i64, i32)>,
}

/// The participant a token names at an event, with their ballot.
pub async fn participant(
    db: &Db,
    event_id: i64,
    token_hash: &str,
) -> DbResult<Option<Participant>> {
    let row: Option<(i64, bool, Option<String>)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, young_person, age_band FROM event_participant WHERE event_id = $1 AND token_hash = $2"
    ).bind(event_id).bind(token_hash).fetch_optional(pool).await)?;
    let Some((id, young_person, band)) = row else {
        return Ok(None);
    };
    let ballot: Vec<(i64, i32)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT option_id, votes FROM event_vote WHERE participant_id = $1 ORDER BY option_id"
    ).bind(id).fetch_all(pool).await)?;
    Ok(Some(Participant {
        id,
        about: AboutYou {
            young_person,
            age_band: band.and_then(|b| b.parse::<AgeBand>().ok()),
        },
        ballot,
    }))
}

/// Joins an event with a new token; returns the participant's id.
pub async fn join(tx: &mut Tx, event_id: i64, token_hash: &str) -> DbResult<i64> {
    let id: i64 = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO event_participant (event_id, token_hash, joined_at) VALUES ($1, $2, $3) RETURNING id"
    ).bind(event_id).bind(token_hash).bind(now()).fetch_one(&mut *conn).await)?;
    changed(tx, event_id).await?;
    Ok(id)
}

async fn set_about(tx: &mut Tx, participant_id: i64, about: AboutYou) -> DbResult<()> {
    with_tx!(tx, conn => sqlx::query(
        "UPDATE event_participant SET young_person = $2, age_band = $3 WHERE id = $1"
    ).bind(participant_id).bind(about.young_person).bind(about.age_band.map(AgeBand::as_str))
     .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Replaces a participant's ballot. Returns the event's change number after it.
pub async fn cast_ballot(
    tx: &mut Tx,
    event_id: i64,
    participant_id: i64,
    ballot: &BallotInput,
) -> DbResult<i64> {
    // Counting the change first takes the event's row lock: ballots of one event queue here.
    let n = changed(tx, event_id).await?;
    with_tx!(tx, conn => sqlx::query("DELETE FROM event_vote WHERE participant_id = $1")
        .bind(participant_id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    for (option, votes) in &ballot.votes {
        with_tx!(tx, conn => sqlx::query(
            "INSERT INTO event_vote (participant_id, option_id, votes) VALUES ($1, $2, $3)"
        ).bind(participant_id).bind(option).bind(i32::from(*votes)).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    set_about(tx, participant_id, ballot.about).await?;
    with_tx!(tx, conn => sqlx::query("UPDATE event_participant SET voted_at = $2 WHERE id = $1")
        .bind(participant_id).bind(now()).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(n)
}

/// Adds a participant's comment, shown at once or waiting for the facilitator. Returns the
/// event's change number after it.
pub async fn add_comment(
    tx: &mut Tx,
    event_id: i64,
    participant_id: i64,
    comment: &CommentInput,
    state: CommentState,
) -> DbResult<i64> {
    let n = changed(tx, event_id).await?;
    with_tx!(tx, conn => sqlx::query(
        "INSERT INTO event_comment (event_id, participant_id, body, young_person, age_band, created_at, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7)"
    ).bind(event_id).bind(participant_id).bind(&comment.body).bind(comment.about.young_person)
     .bind(comment.about.age_band.map(AgeBand::as_str)).bind(now()).bind(state.as_str())
     .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    set_about(tx, participant_id, comment.about).await?;
    Ok(n)
}

/// Wrong join codes one address may try in [`JOIN_WINDOW_MINUTES`].
pub const JOIN_FAILURES_ALLOWED: i32 = 20;
pub const JOIN_WINDOW_MINUTES: i64 = 10;

/// When an address that has tried too many wrong codes may try again (`None`: it may now).
pub async fn join_barred_until(db: &Db, address: &str) -> DbResult<Option<DateTime<Utc>>> {
    let row: Option<(DateTime<Utc>, i32)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT window_start, failures FROM join_code_throttle WHERE address = $1"
    ).bind(address).fetch_optional(pool).await)?;
    let until = row.and_then(|(start, failures)| {
        let end = start + TimeDelta::minutes(JOIN_WINDOW_MINUTES);
        (failures >= JOIN_FAILURES_ALLOWED && now() < end).then_some(end)
    });
    Ok(until)
}

/// Counts a wrong code from an address (a window older than [`JOIN_WINDOW_MINUTES`] starts
/// over).
pub async fn count_join_failure(tx: &mut Tx, address: &str) -> DbResult<()> {
    let at = now();
    let fresh = at - TimeDelta::minutes(JOIN_WINDOW_MINUTES);
    with_tx!(tx, conn => sqlx::query(
        "INSERT INTO join_code_throttle (address, window_start, failures) VALUES ($1, $2, 1)
         ON CONFLICT (address) DO UPDATE SET
            failures = CASE WHEN join_code_throttle.window_start < $3 THEN 1 ELSE join_code_throttle.failures + 1 END,
            window_start = CASE WHEN join_code_throttle.window_start < $3 THEN $2 ELSE join_code_throttle.window_start END"
    ).bind(address).bind(at).bind(fresh).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Forgets old wrong-code counts (housekeeping).
pub async fn purge_join_throttle(db: &Db, before: DateTime<Utc>) -> DbResult<u64> {
    Ok(
        with_pool!(db, pool => sqlx::query("DELETE FROM join_code_throttle WHERE window_start < $1")
        .bind(before).execute(pool).await.map(|r| r.rows_affected()))?,
    )
}
