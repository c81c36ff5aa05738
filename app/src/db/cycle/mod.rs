//! The Board's key priorities (drafted, then published to every plan) and the calendar's editing.
//!
//! A draft priority is the Board's alone: it may be changed or removed. Publishing puts it into
//! every draft plan of its year (marked as added later) and it is then never changed nor taken
//! out of any plan; a plan that was submitted or approved gains it when it next becomes a draft
//! ([`add_missing_to_plan`], called by the plan's workflow). Plans started afterwards get it
//! when they start (`plans::start`). Every write is audited in the caller's transaction.

use super::audit::{self, entry, Actor};
use super::{now, with_pool, with_tx, Db, DbResult, Tx};
use crate::domain::audit::AuditAction;
use crate::domain::cycle::{BoardPriority, BoardPriorityInput, SuggestedIndicator};
use crate::domain::{CalendarStage, PlanYear};
use chrono::{DateTime, Utc};
use serde_json::json;

/// Why a change to a Board priority did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Not one of that year's priorities (or no longer there).
    Missing,
    /// It has been published: it is in the plans and cannot change.
    Published,
    /// Another priority of the year already has this title (ignoring case).
    Duplicate,
    /// What the page offered to publish is no longer what there is to publish.
    Changed,
}

pub type Saved<T> = Result<T, Refused>;

#[derive(sqlx::FromRow)]
struct PriorityRow {
    id: i64,
    title: String,
    outcome: String,
    position: i32,
    published_at: Option<DateTime<Utc>>,
    plans: i64,
}

#[derive(sqlx::FromRow)]
struct SuggestionRow {
    board_priority_id: i64,
    code: String,
    title: String,
}

/// A year's priorities, drafts and published, in order, each with its suggested indicators and
/// the number of plans it is in (three queries, whatever their number).
pub async fn priorities(db: &Db, trust_id: i64, year: PlanYear) -> DbResult<Vec<BoardPriority>> {
    let rows: Vec<PriorityRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT bp.id, bp.title, bp.outcome, bp.position, bp.published_at,
                COALESCE(n.plans, 0) AS plans
         FROM board_priority bp
         LEFT JOIN (SELECT board_priority_id, COUNT(*) AS plans FROM plan_priority
                    WHERE board_priority_id IS NOT NULL GROUP BY board_priority_id) n
                ON n.board_priority_id = bp.id
         WHERE bp.trust_id = $1 AND bp.plan_year = $2 ORDER BY bp.position, bp.id"
    ).bind(trust_id).bind(year.first_year()).fetch_all(pool).await)?;
    let suggested: Vec<SuggestionRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT s.board_priority_id, i.code, i.title FROM board_priority_indicator s
         JOIN board_priority bp ON bp.id = s.board_priority_id
         JOIN indicator i ON i.id = s.indicator_id
         WHERE bp.trust_id = $1 AND bp.plan_year = $2 ORDER BY s.position, i.code"
    ).bind(trust_id).bind(year.first_year()).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|r| BoardPriority {
            indicators: suggested
                .iter()
                .filter(|s| s.board_priority_id == r.id)
                .map(|s| SuggestedIndicator {
                    code: s.code.clone(),
                    title: s.title.clone(),
                })
                .collect(),
            id: r.id,
            title: r.title,
            outcome: r.outcome,
            position: r.position,
            published_at: r.published_at,
            plans: r.plans,
        })
        .collect())
}

/// How many of the year's plans are drafts (a publication goes into them now) and how many are
/// submitted or approved (they gain it when they next become a draft).
pub async fn plan_counts(db: &Db, trust_id: i64, year: PlanYear) -> DbResult<(i64, i64)> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN p.status = 'draft' THEN 1 ELSE 0 END), 0) AS drafts,
                COALESCE(SUM(CASE WHEN p.status = 'draft' THEN 0 ELSE 1 END), 0) AS frozen
         FROM plan p JOIN partnership pt ON pt.id = p.partnership_id
         WHERE pt.trust_id = $1 AND p.plan_year = $2"
    ).bind(trust_id).bind(year.first_year()).fetch_one(pool).await)?)
}

fn priority_json(p: &BoardPriority) -> serde_json::Value {
    json!({
        "position": p.position,
        "title": p.title,
        "outcome": p.outcome,
        "indicators": p.indicators.iter().map(|i| i.code.clone()).collect::<Vec<_>>(),
        "published": p.is_published(),
    })
}

fn input_json(year: PlanYear, input: &BoardPriorityInput) -> serde_json::Value {
    json!({
        "year": year.to_string(),
        "title": input.title,
        "outcome": input.outcome,
        "indicators": input.indicators,
        "published": false,
    })
}

/// One priority of the year, read in the writer's transaction.
async fn one(
    tx: &mut Tx,
    trust_id: i64,
    year: PlanYear,
    id: i64,
) -> DbResult<Option<BoardPriority>> {
    let row: Option<PriorityRow> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT id, title, outcome, position, published_at, CAST(0 AS BIGINT) AS plans FROM board_priority
         WHERE id = $1 AND trust_id = $2 AND plan_year = $3"
    ).bind(id).bind(trust_id).bind(year.first_year()).fetch_optional(&mut *conn).await)?;
    let Some(r) = row else { return Ok(None) };
    let codes: Vec<(String, String)> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT i.code, i.title FROM board_priority_indicator s JOIN indicator i ON i.id = s.indicator_id
         WHERE s.board_priority_id = $1 ORDER BY s.position"
    ).bind(id).fetch_all(&mut *conn).await)?;
    Ok(Some(BoardPriority {
        id: r.id,
        title: r.title,
        outcome: r.outcome,
        position: r.position,
        published_at: r.published_at,
        indicators: codes
            .into_iter()
            .map(|(code, title)| SuggestedIndicator { code, title })
            .collect(),
        plans: 0,
    }))
}

/// Whether another priority of the year has this title, ignoring case.
async fn title_taken(
    tx: &mut Tx,
    trust_id: i64,
    year: PlanYear,
    title: &str,
    except: i64,
) -> DbResult<bool> {
    let n: i64 = with_tx!(tx, conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM board_priority
         WHERE trust_id = $1 AND plan_year = $2 AND LOWER(title) = LOWER($3) AND id <> $4"
    ).bind(trust_id).bind(year.first_year()).bind(title).bind(except).fetch_one(&mut *conn).await)?;
    Ok(n > 0)
}

/// Replaces a priority's suggested indicators with those coded, in order.
async fn set_indicators(tx: &mut Tx, id: i64, codes: &[String]) -> DbResult<()> {
    with_tx!(tx, conn => sqlx::query("DELETE FROM board_priority_indicator WHERE board_priority_id = $1")
        .bind(id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    for (i, code) in codes.iter().enumerate() {
        with_tx!(tx, conn => sqlx::query(
            "INSERT INTO board_priority_indicator (board_priority_id, indicator_id, position)
             SELECT $1, id, $2 FROM indicator WHERE code = $3"
        ).bind(id).bind(i as i32 + 1).bind(code).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Adds a draft priority at the end of the year's list.
pub async fn add(
    tx: &mut Tx,
    actor: &Actor,
    trust_id: i64,
    year: PlanYear,
    input: &BoardPriorityInput,
) -> DbResult<Saved<i64>> {
    if title_taken(tx, trust_id, year, &input.title, 0).await? {
        return Ok(Err(Refused::Duplicate));
    }
    let id: i64 = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO board_priority (trust_id, plan_year, title, outcome, position)
         VALUES ($1, $2, $3, $4,
                 (SELECT COALESCE(MAX(position), 0) + 1 FROM board_priority WHERE trust_id = $1 AND plan_year = $2))
         RETURNING id"
    ).bind(trust_id).bind(year.first_year()).bind(&input.title).bind(&input.outcome)
     .fetch_one(&mut *conn).await)?;
    set_indicators(tx, id, &input.indicators).await?;
    let mut r = entry(
        actor,
        AuditAction::Create,
        "board_priority",
        id,
        None,
        format!("Drafted the Board priority “{}” for {year}", input.title),
    );
    r.after = Some(input_json(year, input));
    audit::record(tx, r).await?;
    Ok(Ok(id))
}

/// Changes a draft priority; a published one is refused.
pub async fn save(
    tx: &mut Tx,
    actor: &Actor,
    trust_id: i64,
    year: PlanYear,
    id: i64,
    input: &BoardPriorityInput,
) -> DbResult<Saved<()>> {
    let Some(before) = one(tx, trust_id, year, id).await? else {
        return Ok(Err(Refused::Missing));
    };
    if before.is_published() {
        return Ok(Err(Refused::Published));
    }
    if title_taken(tx, trust_id, year, &input.title, id).await? {
        return Ok(Err(Refused::Duplicate));
    }
    let changed = with_tx!(tx, conn => sqlx::query(
        "UPDATE board_priority SET title = $1, outcome = $2 WHERE id = $3 AND published_at IS NULL"
    ).bind(&input.title).bind(&input.outcome).bind(id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    if changed == 0 {
        return Ok(Err(Refused::Published));
    }
    set_indicators(tx, id, &input.indicators).await?;
    let mut r = entry(
        actor,
        AuditAction::Update,
        "board_priority",
        id,
        None,
        format!(
            "Changed the draft Board priority “{}” for {year}",
            input.title
        ),
    );
    r.before = Some(priority_json(&before));
    r.after = Some(input_json(year, input));
    audit::record(tx, r).await?;
    Ok(Ok(()))
}

/// Removes a draft priority; a published one is refused.
pub async fn remove(
    tx: &mut Tx,
    actor: &Actor,
    trust_id: i64,
    year: PlanYear,
    id: i64,
) -> DbResult<Saved<String>> {
    let Some(before) = one(tx, trust_id, year, id).await? else {
        return Ok(Err(Refused::Missing));
    };
    if before.is_published() {
        return Ok(Err(Refused::Published));
    }
    with_tx!(tx, conn => sqlx::query("DELETE FROM board_priority_indicator WHERE board_priority_id = $1")
        .bind(id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    let gone = with_tx!(tx, conn => sqlx::query(
        "DELETE FROM board_priority WHERE id = $1 AND published_at IS NULL"
    ).bind(id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    if gone == 0 {
        return Ok(Err(Refused::Published));
    }
    let mut r = entry(
        actor,
        AuditAction::Delete,
        "board_priority",
        id,
        None,
        format!(
            "Removed the draft Board priority “{}” for {year}",
            before.title
        ),
    );
    r.before = Some(priority_json(&before));
    audit::record(tx, r).await?;
    Ok(Ok(before.title))
}

/// What a publication did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// Priorities published.
    pub priorities: usize,
    /// Draft plans they were put into.
    pub plans: usize,
}

/// Publishes the year's drafts — `expected` of them, as the page offered — and puts them into
/// every draft plan of the year, marked as added later.
pub async fn publish(
    tx: &mut Tx,
    actor: &Actor,
    trust_id: i64,
    year: PlanYear,
    expected: i64,
) -> DbResult<Saved<Published>> {
    let drafts: Vec<(i64, String)> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT id, title FROM board_priority
         WHERE trust_id = $1 AND plan_year = $2 AND published_at IS NULL ORDER BY position, id"
    ).bind(trust_id).bind(year.first_year()).fetch_all(&mut *conn).await)?;
    if drafts.is_empty() || drafts.len() as i64 != expected {
        return Ok(Err(Refused::Changed));
    }
    let at = now();
    with_tx!(tx, conn => sqlx::query(
        "UPDATE board_priority SET published_at = $1
         WHERE trust_id = $2 AND plan_year = $3 AND published_at IS NULL"
    ).bind(at).bind(trust_id).bind(year.first_year()).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    let plans: Vec<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "SELECT p.id FROM plan p JOIN partnership pt ON pt.id = p.partnership_id
         WHERE pt.trust_id = $1 AND p.plan_year = $2 AND p.status = 'draft' ORDER BY p.id"
    ).bind(trust_id).bind(year.first_year()).fetch_all(&mut *conn).await)?;
    let mut touched = 0;
    for plan_id in plans {
        if add_missing_to_plan(tx, actor, plan_id).await? > 0 {
            touched += 1;
        }
    }
    let titles: Vec<&String> = drafts.iter().map(|(_, t)| t).collect();
    let mut r = entry(
        actor,
        AuditAction::StatusChange,
        "board_priority",
        year.first_year(),
        None,
        format!(
            "Published {} Board {} for {year} to every partnership's plan",
            drafts.len(),
            if drafts.len() == 1 {
                "priority"
            } else {
                "priorities"
            }
        ),
    );
    r.before = Some(json!({ "year": year.to_string(), "drafts": titles }));
    r.after = Some(json!({
        "year": year.to_string(), "published": titles, "published_at": at, "plans": touched
    }));
    audit::record(tx, r).await?;
    Ok(Ok(Published {
        priorities: drafts.len(),
        plans: touched,
    }))
}

/// Puts every published Board priority of the plan's year that the plan lacks into it — only
/// while it is a draft — after its other Board priorities, marked as added later, each audited.
/// Returns how many were added. Called on publishing, and by the workflow when a plan returns to
/// draft or starts a new version.
pub async fn add_missing_to_plan(tx: &mut Tx, actor: &Actor, plan_id: i64) -> DbResult<usize> {
    let plan: Option<(i64, i32)> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT partnership_id, plan_year FROM plan WHERE id = $1 AND status = 'draft'"
    ).bind(plan_id).fetch_optional(&mut *conn).await)?;
    let Some((partnership_id, plan_year)) = plan else {
        return Ok(0);
    };
    let missing: Vec<(i64, String, String)> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT bp.id, bp.title, bp.outcome FROM board_priority bp
         JOIN partnership pt ON pt.trust_id = bp.trust_id
         WHERE pt.id = $1 AND bp.plan_year = $2 AND bp.published_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM plan_priority pp
                           WHERE pp.plan_id = $3 AND pp.board_priority_id = bp.id)
         ORDER BY bp.position, bp.id"
    ).bind(partnership_id).bind(plan_year).bind(plan_id).fetch_all(&mut *conn).await)?;
    if missing.is_empty() {
        return Ok(0);
    }
    // Room after the Board's priorities: the local ones move down together.
    let board_last: i32 = with_tx!(tx, conn => sqlx::query_scalar(
        "SELECT COALESCE(MAX(position), 0) FROM plan_priority
         WHERE plan_id = $1 AND board_priority_id IS NOT NULL"
    ).bind(plan_id).fetch_one(&mut *conn).await)?;
    let k = missing.len() as i32;
    with_tx!(tx, conn => sqlx::query(
        "UPDATE plan_priority SET position = position + $1
         WHERE plan_id = $2 AND board_priority_id IS NULL AND position > $3"
    ).bind(k).bind(plan_id).bind(board_last).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    let at = now();
    for (i, (bp_id, title, outcome)) in missing.iter().enumerate() {
        let id: i64 = with_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO plan_priority (plan_id, board_priority_id, title, outcome, position, added_later, updated_at, updated_by)
             VALUES ($1, $2, $3, $4, $5, TRUE, $6, $7) RETURNING id"
        ).bind(plan_id).bind(bp_id).bind(title).bind(outcome).bind(board_last + 1 + i as i32)
         .bind(at).bind(&actor.name).fetch_one(&mut *conn).await)?;
        let mut r = entry(
            actor,
            AuditAction::Create,
            "plan_priority",
            id,
            Some(partnership_id),
            format!("The Board's priority “{title}” was added to the plan after it started"),
        );
        r.after = Some(json!({
            "plan_id": plan_id, "board_priority_id": bp_id, "title": title,
            "outcome": outcome, "added_later": true
        }));
        audit::record(tx, r).await?;
    }
    Ok(missing.len())
}

/// Saves a year's whole calendar, audited with what it was before and after.
pub async fn save_calendar(
    tx: &mut Tx,
    actor: &Actor,
    trust_id: i64,
    year: PlanYear,
    stages: &[CalendarStage],
) -> DbResult<()> {
    let before: Vec<(String, chrono::NaiveDate, chrono::NaiveDate)> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT kind, opens, due FROM cycle_stage WHERE trust_id = $1 AND plan_year = $2 ORDER BY due, opens, id"
    ).bind(trust_id).bind(year.first_year()).fetch_all(&mut *conn).await)?;
    super::calendar::save_calendar(tx, trust_id, year, stages).await?;
    let as_json = |rows: Vec<(String, chrono::NaiveDate, chrono::NaiveDate)>| {
        serde_json::Value::Object(
            rows.into_iter()
                .map(|(k, o, d)| (k, json!({ "opens": o, "due": d })))
                .collect(),
        )
    };
    let mut r = entry(
        actor,
        if before.is_empty() {
            AuditAction::Create
        } else {
            AuditAction::Update
        },
        "cycle_calendar",
        year.first_year(),
        None,
        format!("Set the {year} cycle calendar"),
    );
    r.before = (!before.is_empty()).then(|| as_json(before));
    r.after = Some(as_json(
        stages
            .iter()
            .map(|s| (s.kind.as_str().to_string(), s.opens, s.due))
            .collect(),
    ));
    audit::record(tx, r).await?;
    Ok(())
}

/// Every code in the indicator catalogue, for checking the indicators the Board suggests.
pub async fn catalogue_codes(db: &Db) -> DbResult<Vec<String>> {
    Ok(with_pool!(db, pool => sqlx::query_scalar(
        "SELECT code FROM indicator ORDER BY code"
    ).fetch_all(pool).await)?)
}
