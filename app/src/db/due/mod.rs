//! Where every partnership stands in the cycle, the digests outbox and calendar feeds.

use super::audit::{self, entry, Actor};
use super::{now, with_pool, with_tx, Db, DbError, DbResult, Tx};
use crate::domain::audit::AuditAction;
use crate::domain::due::{CycleYear, PartnershipPosition};
use crate::domain::PlanYear;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(sqlx::FromRow)]
struct PositionRow {
    id: i64,
    slug: String,
    name: String,
    retired: bool,
    has_chair: bool,
    plan_status: Option<String>,
    approved_once: bool,
    assessment_status: Option<String>,
    mid_year_status: Option<String>,
}

/// Every partnership of the Trust and where it stands in `year`: one query.
pub async fn positions(
    db: &Db,
    trust_id: i64,
    year: PlanYear,
) -> DbResult<Vec<PartnershipPosition>> {
    let rows: Vec<PositionRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT p.id, p.slug, p.name,
                (p.retired_at IS NOT NULL) AS retired,
                EXISTS (SELECT 1 FROM role_assignment ra JOIN user_account u ON u.id = ra.user_id
                        WHERE ra.partnership_id = p.id AND ra.role = 'partnership_chair'
                          AND u.disabled = FALSE) AS has_chair,
                pl.status AS plan_status,
                EXISTS (SELECT 1 FROM plan_version v WHERE v.plan_id = pl.id) AS approved_once,
                sa.status AS assessment_status,
                m.status AS mid_year_status
         FROM partnership p
         LEFT JOIN plan pl ON pl.partnership_id = p.id AND pl.plan_year = $2
         LEFT JOIN self_assessment sa ON sa.partnership_id = p.id AND sa.year = $2
         LEFT JOIN mid_year_review m ON m.partnership_id = p.id AND m.year = $2
         WHERE p.trust_id = $1
         ORDER BY p.name"
    ).bind(trust_id).bind(year.first_year()).fetch_all(pool).await)?;
    fn parse<T: std::str::FromStr>(table: &'static str, v: Option<String>) -> DbResult<Option<T>>
    where
        T::Err: std::fmt::Display,
    {
        v.map(|s| s.parse::<T>().map_err(|e| DbError::corrupt(table, e)))
            .transpose()
    }
    rows.into_iter()
        .map(|r| {
            Ok(PartnershipPosition {
                plan: parse("plan", r.plan_status)?,
                assessment: parse("self_assessment", r.assessment_status)?,
                mid_year: parse("mid_year_review", r.mid_year_status)?,
                id: r.id,
                slug: r.slug,
                name: r.name,
                retired: r.retired,
                has_chair: r.has_chair,
                plan_approved_once: r.approved_once,
            })
        })
        .collect()
}

/// A year's cycle: the calendar that applies and where every partnership stands.
pub async fn cycle_year(db: &Db, trust_id: i64, year: PlanYear) -> DbResult<CycleYear> {
    Ok(CycleYear {
        year,
        calendar: super::calendar::effective_calendar(db, trust_id, year).await?,
        partnerships: positions(db, trust_id, year).await?,
    })
}

/// The people who want digests: enabled accounts with digests on (ids).
pub async fn digest_subscribers(db: &Db) -> DbResult<Vec<i64>> {
    Ok(with_pool!(db, pool => sqlx::query_scalar(
        "SELECT id FROM user_account WHERE digests = TRUE AND disabled = FALSE ORDER BY id"
    ).fetch_all(pool).await)?)
}

// --- The outbox -----------------------------------------------------------------------------

/// A digest, as the outbox shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Digest {
    pub id: i64,
    pub user_id: i64,
    pub for_date: NaiveDate,
    pub email: String,
    pub subject: String,
    pub body: String,
    pub items: i32,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub send_error: Option<String>,
}

/// A digest to store.
pub struct NewDigest<'a> {
    pub user_id: i64,
    pub for_date: NaiveDate,
    pub email: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub items: i32,
}

/// Stores a person's digest for a day unless they already have one: true when stored. A
/// second run the same day (on this server or another) stores nothing.
pub async fn insert_digest(db: &Db, d: &NewDigest<'_>) -> DbResult<bool> {
    let n = with_pool!(db, pool => sqlx::query(
        "INSERT INTO digest (user_id, for_date, email, subject, body, items, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (user_id, for_date) DO NOTHING"
    ).bind(d.user_id).bind(d.for_date).bind(d.email).bind(d.subject).bind(d.body).bind(d.items)
     .bind(now()).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

const DIGEST_COLUMNS: &str = "SELECT id, user_id, for_date, email, subject, body, items, created_at, sent_at, send_error FROM digest";

/// A day's digests not yet sent, oldest first.
pub async fn unsent(db: &Db, for_date: NaiveDate) -> DbResult<Vec<Digest>> {
    let sql = format!("{DIGEST_COLUMNS} WHERE for_date = $1 AND sent_at IS NULL ORDER BY id");
    Ok(with_pool!(db, pool => sqlx::query_as(&sql).bind(for_date).fetch_all(pool).await)?)
}

/// Claims a digest for sending: true for the one caller that gets it, so that two servers
/// never send it twice. The claim stands as "sent" once the mail server takes it; otherwise
/// [`send_failed`] releases it with the reason.
pub async fn claim(db: &Db, id: i64, at: DateTime<Utc>) -> DbResult<bool> {
    let n = with_pool!(db, pool => sqlx::query(
        "UPDATE digest SET sent_at = $2, send_error = NULL WHERE id = $1 AND sent_at IS NULL"
    ).bind(id).bind(at).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Records why a claimed digest could not be sent; it waits in the outbox to be tried again.
pub async fn send_failed(db: &Db, id: i64, error: &str) -> DbResult<()> {
    let error: String = error.chars().take(1000).collect();
    with_pool!(db, pool => sqlx::query(
        "UPDATE digest SET sent_at = NULL, send_error = $2 WHERE id = $1"
    ).bind(id).bind(error).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The outbox, newest first: a page of digests and how many there are in all.
pub async fn outbox(db: &Db, offset: i64, limit: i64) -> DbResult<(Vec<Digest>, i64)> {
    let sql = format!("{DIGEST_COLUMNS} ORDER BY for_date DESC, id DESC LIMIT $1 OFFSET $2");
    let rows: Vec<Digest> = with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(limit).bind(offset).fetch_all(pool).await)?;
    let total: i64 = with_pool!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM digest")
        .fetch_one(pool).await)?;
    Ok((rows, total))
}

// --- A person's reminders -------------------------------------------------------------------

/// Whether a person gets digests, and whether they have a calendar address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminders {
    pub digests: bool,
    pub has_calendar: bool,
}

pub async fn reminders(db: &Db, user_id: i64) -> DbResult<Option<Reminders>> {
    let row: Option<(bool, bool)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT digests, (calendar_token_hash IS NOT NULL) FROM user_account WHERE id = $1"
    ).bind(user_id).fetch_optional(pool).await)?;
    Ok(row.map(|(digests, has_calendar)| Reminders {
        digests,
        has_calendar,
    }))
}

/// Turns a person's digests on or off (audited). Answers whether anything changed.
pub async fn set_digests(tx: &mut Tx, actor: &Actor, user_id: i64, on: bool) -> DbResult<bool> {
    let n = with_tx!(tx, conn => sqlx::query(
        "UPDATE user_account SET digests = $2, updated_at = $3 WHERE id = $1 AND digests <> $2"
    ).bind(user_id).bind(on).bind(now()).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(false);
    }
    let summary = if on {
        format!("{} turned their digests of what is due on", actor.name)
    } else {
        format!("{} turned their digests of what is due off", actor.name)
    };
    let mut e = entry(
        actor,
        AuditAction::Update,
        "user_account",
        user_id,
        None,
        summary,
    );
    e.before = Some(json!({ "digests": !on }));
    e.after = Some(json!({ "digests": on }));
    audit::record(tx, e).await?;
    Ok(true)
}

/// Stores a new calendar address's secret (its SHA-256) for a person, replacing any other
/// (audited; the secret is never recorded).
pub async fn set_calendar_token(
    tx: &mut Tx,
    actor: &Actor,
    user_id: i64,
    token_hash: &str,
) -> DbResult<()> {
    let replaced: Option<Option<String>> = with_tx!(tx, conn => sqlx::query_scalar(
        "SELECT calendar_token_hash FROM user_account WHERE id = $1"
    ).bind(user_id).fetch_optional(&mut *conn).await)?;
    with_tx!(tx, conn => sqlx::query(
        "UPDATE user_account SET calendar_token_hash = $2, updated_at = $3 WHERE id = $1"
    ).bind(user_id).bind(token_hash).bind(now()).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    let had = replaced.flatten().is_some();
    let summary = if had {
        format!(
            "{} replaced their calendar address (the old one no longer works)",
            actor.name
        )
    } else {
        format!("{} created their calendar address", actor.name)
    };
    let mut e = entry(
        actor,
        if had {
            AuditAction::Update
        } else {
            AuditAction::Create
        },
        "calendar_feed",
        user_id,
        None,
        summary,
    );
    e.after = Some(json!({ "calendar": "a new secret address" }));
    audit::record(tx, e).await?;
    Ok(())
}

/// The person whose calendar address holds this secret (by its SHA-256), if any.
pub async fn calendar_owner(db: &Db, token_hash: &str) -> DbResult<Option<i64>> {
    Ok(with_pool!(db, pool => sqlx::query_scalar(
        "SELECT id FROM user_account WHERE calendar_token_hash = $1"
    ).bind(token_hash).fetch_optional(pool).await)?)
}
