//! The cycle calendar and the Board's key priorities.

use super::{with_pool, with_tx, Db, DbError, DbResult, Tx};
use crate::domain::{CalendarStage, PlanYear};
use chrono::NaiveDate;

#[derive(sqlx::FromRow)]
struct StageRow {
    kind: String,
    opens: NaiveDate,
    due: NaiveDate,
}

/// Replaces a year's calendar for a Trust.
pub async fn save_calendar(
    tx: &mut Tx,
    trust_id: i64,
    year: PlanYear,
    stages: &[CalendarStage],
) -> DbResult<()> {
    with_tx!(tx, conn => {
        sqlx::query("DELETE FROM cycle_stage WHERE trust_id = $1 AND plan_year = $2")
            .bind(trust_id).bind(year.first_year()).execute(&mut *conn).await?;
        for s in stages {
            sqlx::query("INSERT INTO cycle_stage (trust_id, plan_year, kind, opens, due) VALUES ($1, $2, $3, $4, $5)")
                .bind(trust_id).bind(year.first_year()).bind(s.kind.as_str()).bind(s.opens).bind(s.due)
                .execute(&mut *conn).await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(())
}

/// A year's calendar in date order; empty when none has been set.
pub async fn calendar(db: &Db, trust_id: i64, year: PlanYear) -> DbResult<Vec<CalendarStage>> {
    let rows: Vec<StageRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT kind, opens, due FROM cycle_stage WHERE trust_id = $1 AND plan_year = $2 ORDER BY due, opens, id"
    ).bind(trust_id).bind(year.first_year()).fetch_all(pool).await)?;
    rows.into_iter()
        .map(|r| {
            let kind = r
                .kind
                .parse()
                .map_err(|e| DbError::corrupt("cycle_stage", e))?;
            CalendarStage::new(kind, r.opens, r.due).map_err(|e| DbError::corrupt("cycle_stage", e))
        })
        .collect()
}

/// The calendar that applies to a year (see [`crate::domain::calendar::effective_calendar`]):
/// the one set for it, else last year's carried forward, else the paper's defaults.
pub async fn effective_calendar(
    db: &Db,
    trust_id: i64,
    year: PlanYear,
) -> DbResult<Vec<CalendarStage>> {
    let this_year = calendar(db, trust_id, year).await?;
    let last_year = match PlanYear::new(year.first_year() - 1) {
        Ok(last) => calendar(db, trust_id, last).await?,
        Err(_) => Vec::new(),
    };
    Ok(crate::domain::calendar::effective_calendar(
        year, &this_year, &last_year,
    ))
}

/// Inserts a Board priority already published (as the demo's are): it goes into plans started
/// from now on. The Board's own drafting and publishing is in [`crate::db::cycle`].
pub async fn insert_board_priority(
    tx: &mut Tx,
    trust_id: i64,
    year: PlanYear,
    title: &str,
    indicator_id: Option<i64>,
    position: i32,
) -> DbResult<i64> {
    let id = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO board_priority (trust_id, plan_year, title, indicator_id, position, published_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
    ).bind(trust_id).bind(year.first_year()).bind(title).bind(indicator_id).bind(position)
     .bind(super::now()).fetch_one(&mut *conn).await)?;
    if let Some(indicator_id) = indicator_id {
        with_tx!(tx, conn => sqlx::query(
            "INSERT INTO board_priority_indicator (board_priority_id, indicator_id, position) VALUES ($1, $2, 1)"
        ).bind(id).bind(indicator_id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    Ok(id)
}

/// The Board's published key priorities for a year, with the code of the indicator each is
/// measured by.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct BoardPriority {
    pub title: String,
    pub indicator_code: Option<String>,
}

pub async fn board_priorities(
    db: &Db,
    trust_id: i64,
    year: PlanYear,
) -> DbResult<Vec<BoardPriority>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT bp.title, i.code AS indicator_code FROM board_priority bp
         LEFT JOIN indicator i ON i.id = bp.indicator_id
         WHERE bp.trust_id = $1 AND bp.plan_year = $2 AND bp.published_at IS NOT NULL
         ORDER BY bp.position"
    ).bind(trust_id).bind(year.first_year()).fetch_all(pool).await)?)
}
