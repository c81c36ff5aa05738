//! The indicator catalogue as administrators edit it, with each indicator's rating rule.

use super::audit::{self, Actor, Record};
use super::{with_pool, with_tx, Db, DbResult, Tx};
use crate::domain::audit::AuditAction;
use crate::domain::indicator::IndicatorEntry;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    code: String,
    title: String,
    unit: String,
    polarity: String,
    source: String,
    frequency: String,
    geography_level: String,
    notes: String,
    rag_tolerance: f64,
    small_number_threshold: f64,
    trend_threshold: f64,
    measurements: i64,
}

impl From<Row> for IndicatorEntry {
    fn from(r: Row) -> Self {
        IndicatorEntry {
            id: r.id,
            code: r.code,
            title: r.title,
            unit: r.unit,
            polarity: r.polarity,
            source: r.source,
            frequency: r.frequency,
            geography_level: r.geography_level,
            notes: r.notes,
            rag_tolerance: r.rag_tolerance,
            small_number_threshold: r.small_number_threshold,
            trend_threshold: r.trend_threshold,
            measurements: r.measurements,
        }
    }
}

/// Every indicator with how many figures are held for it (one aggregate query).
pub async fn entries(db: &Db) -> DbResult<Vec<IndicatorEntry>> {
    let rows: Vec<Row> = with_pool!(db, pool => sqlx::query_as(
        "SELECT i.id, i.code, i.title, i.unit, i.polarity, i.source, i.frequency, i.geography_level,
                i.notes, i.rag_tolerance, i.small_number_threshold, i.trend_threshold,
                COALESCE(m.n, 0) AS measurements
         FROM indicator i
         LEFT JOIN (SELECT indicator_id, COUNT(*) AS n FROM measurement GROUP BY indicator_id) m
           ON m.indicator_id = i.id
         ORDER BY i.code"
    ).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(IndicatorEntry::from).collect())
}

fn json(e: &IndicatorEntry) -> serde_json::Value {
    serde_json::json!({
        "code": e.code, "title": e.title, "unit": e.unit, "polarity": e.polarity,
        "source": e.source, "frequency": e.frequency, "geography_level": e.geography_level,
        "notes": e.notes, "rag_tolerance": e.rag_tolerance,
        "small_number_threshold": e.small_number_threshold, "trend_threshold": e.trend_threshold
    })
}

/// Adds (`id` 0) or changes an indicator, with its audit entry. `None` when there is no
/// indicator with that id.
pub async fn save_entry(tx: &mut Tx, actor: &Actor, e: &IndicatorEntry) -> DbResult<Option<i64>> {
    let before: Option<Row> = if e.id == 0 {
        None
    } else {
        let row = with_tx!(tx, conn => sqlx::query_as(
            "SELECT id, code, title, unit, polarity, source, frequency, geography_level, notes,
                    rag_tolerance, small_number_threshold, trend_threshold, CAST(0 AS BIGINT) AS measurements
             FROM indicator WHERE id = $1"
        ).bind(e.id).fetch_optional(&mut *conn).await)?;
        if row.is_none() {
            return Ok(None);
        }
        row
    };
    let id: i64 = if e.id == 0 {
        with_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO indicator (code, title, unit, polarity, source, frequency, geography_level, notes,
                                    rag_tolerance, small_number_threshold, trend_threshold)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"
        ).bind(&e.code).bind(&e.title).bind(&e.unit).bind(&e.polarity).bind(&e.source).bind(&e.frequency)
         .bind(&e.geography_level).bind(&e.notes).bind(e.rag_tolerance).bind(e.small_number_threshold)
         .bind(e.trend_threshold).fetch_one(&mut *conn).await)?
    } else {
        with_tx!(tx, conn => sqlx::query(
            "UPDATE indicator SET code = $1, title = $2, unit = $3, polarity = $4, source = $5,
                    frequency = $6, geography_level = $7, notes = $8, rag_tolerance = $9,
                    small_number_threshold = $10, trend_threshold = $11
             WHERE id = $12"
        ).bind(&e.code).bind(&e.title).bind(&e.unit).bind(&e.polarity).bind(&e.source).bind(&e.frequency)
         .bind(&e.geography_level).bind(&e.notes).bind(e.rag_tolerance).bind(e.small_number_threshold)
         .bind(e.trend_threshold).bind(e.id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        e.id
    };
    audit::record(
        tx,
        Record {
            actor,
            action: if e.id == 0 {
                AuditAction::Create
            } else {
                AuditAction::Update
            },
            entity_type: "indicator",
            entity_id: id.to_string(),
            partnership_id: None,
            summary: format!(
                "{} the indicator {} {}",
                if e.id == 0 { "Added" } else { "Changed" },
                e.code,
                e.title
            ),
            before: before.map(|b| json(&IndicatorEntry::from(b))),
            after: Some(json(e)),
        },
    )
    .await?;
    Ok(Some(id))
}
