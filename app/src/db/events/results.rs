//! An event's results, counted by the database: the numbers taking part and each priority's
//! votes (young people's apart) in two aggregate queries, and the comments shown.

use crate::db::{with_pool, Db, DbResult};
use crate::domain::events::{EventResults, StakeholderEvent, Tally};
use chrono::{DateTime, Utc};

/// The newest comments the results carry.
pub const NEWEST_COMMENTS: i64 = 12;

pub async fn results(
    db: &Db,
    event: &StakeholderEvent,
    at: DateTime<Utc>,
    comments: i64,
) -> DbResult<EventResults> {
    let (joined, voted, young_voted, changes): (i64, i64, i64, i64) = with_pool!(db, pool => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM event_participant WHERE event_id = $1),
                (SELECT COUNT(*) FROM event_participant p WHERE p.event_id = $1
                    AND EXISTS (SELECT 1 FROM event_vote v WHERE v.participant_id = p.id)),
                (SELECT COUNT(*) FROM event_participant p WHERE p.event_id = $1 AND p.young_person
                    AND EXISTS (SELECT 1 FROM event_vote v WHERE v.participant_id = p.id)),
                (SELECT changes FROM stakeholder_event WHERE id = $1)"
    ).bind(event.id).fetch_one(pool).await)?;
    let counts: Vec<(i64, i64, i64)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT o.id, CAST(COALESCE(SUM(v.votes), 0) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN p.young_person THEN v.votes ELSE 0 END), 0) AS BIGINT)
         FROM event_option o
         LEFT JOIN event_vote v ON v.option_id = o.id
         LEFT JOIN event_participant p ON p.id = v.participant_id
         WHERE o.event_id = $1 GROUP BY o.id"
    ).bind(event.id).fetch_all(pool).await)?;
    let tallies = event
        .options
        .iter()
        .map(|o| {
            let (votes, young_votes) = counts
                .iter()
                .find(|(id, ..)| *id == o.id)
                .map(|(_, v, y)| (*v, *y))
                .unwrap_or((0, 0));
            Tally {
                option_id: o.id,
                label: o.label.clone(),
                votes,
                young_votes,
            }
        })
        .collect();
    Ok(EventResults {
        title: event.title.clone(),
        code: event.code.clone(),
        phase: event.rules.phase(at),
        joined,
        voted,
        young_voted,
        tallies,
        comments: super::comments(db, event.id, true, comments).await?,
        changes,
    })
}
