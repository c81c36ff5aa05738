//! The indicator catalogue and measurements.

use super::{with_pool, with_tx, Db, DbError, DbResult, Tx};
use crate::domain::{Frequency, GeographyLevel, IndicatorCode, Period, Polarity, Unit};

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: i64,
    pub code: IndicatorCode,
    pub title: String,
    pub unit: Unit,
    pub polarity: Polarity,
    pub source: String,
    pub frequency: Frequency,
    pub geography_level: GeographyLevel,
    pub notes: String,
}

#[derive(Debug, Clone)]
pub struct NewIndicator {
    pub code: IndicatorCode,
    pub title: String,
    pub unit: Unit,
    pub polarity: Polarity,
    pub source: String,
    pub frequency: Frequency,
    pub geography_level: GeographyLevel,
    pub notes: String,
}

#[derive(sqlx::FromRow)]
struct IndicatorRow {
    id: i64,
    code: String,
    title: String,
    unit: String,
    polarity: String,
    source: String,
    frequency: String,
    geography_level: String,
    notes: String,
}

impl TryFrom<IndicatorRow> for Indicator {
    type Error = DbError;
    fn try_from(r: IndicatorRow) -> DbResult<Self> {
        let bad = |e: crate::domain::ParseError| DbError::corrupt("indicator", e);
        Ok(Indicator {
            id: r.id,
            code: IndicatorCode::parse(&r.code).map_err(bad)?,
            title: r.title,
            unit: r.unit.parse().map_err(bad)?,
            polarity: r.polarity.parse().map_err(bad)?,
            source: r.source,
            frequency: r.frequency.parse().map_err(bad)?,
            geography_level: r.geography_level.parse().map_err(bad)?,
            notes: r.notes,
        })
    }
}

const INDICATOR_COLUMNS: &str =
    "id, code, title, unit, polarity, source, frequency, geography_level, notes";

pub async fn insert_indicator(tx: &mut Tx, i: &NewIndicator) -> DbResult<i64> {
    let id = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO indicator (code, title, unit, polarity, source, frequency, geography_level, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
    ).bind(i.code.as_str()).bind(&i.title).bind(i.unit.as_str()).bind(i.polarity.as_str()).bind(&i.source)
     .bind(i.frequency.as_str()).bind(i.geography_level.as_str()).bind(&i.notes)
     .fetch_one(&mut *conn).await)?;
    Ok(id)
}

pub async fn list_indicators(db: &Db) -> DbResult<Vec<Indicator>> {
    let sql = format!("SELECT {INDICATOR_COLUMNS} FROM indicator ORDER BY code");
    let rows: Vec<IndicatorRow> =
        with_pool!(db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?;
    rows.into_iter().map(Indicator::try_from).collect()
}

/// The indicator with this code, whatever its case (codes are compared without it).
pub async fn indicator_by_code(db: &Db, code: &IndicatorCode) -> DbResult<Option<Indicator>> {
    let sql = format!("SELECT {INDICATOR_COLUMNS} FROM indicator WHERE lower(code) = lower($1)");
    let row: Option<IndicatorRow> = with_pool!(db, pool => sqlx::query_as(&sql).bind(code.as_str()).fetch_optional(pool).await)?;
    row.map(Indicator::try_from).transpose()
}

pub async fn indicator_by_id(db: &Db, id: i64) -> DbResult<Option<Indicator>> {
    let sql = format!("SELECT {INDICATOR_COLUMNS} FROM indicator WHERE id = $1");
    let row: Option<IndicatorRow> =
        with_pool!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?;
    row.map(Indicator::try_from).transpose()
}

/// How the source compared an area's figure for a period (its significance column), if it said.
pub async fn published_significance(
    db: &Db,
    indicator_id: i64,
    area_id: i64,
    period: &str,
) -> DbResult<Option<String>> {
    let found: Option<Option<String>> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT significance FROM measurement WHERE indicator_id = $1 AND area_id = $2 AND period = $3"
    ).bind(indicator_id).bind(area_id).bind(period).fetch_optional(pool).await)?;
    Ok(found.flatten())
}

/// A value to store. `value` is `None` when the source suppressed or did not publish it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMeasurement {
    pub indicator_id: i64,
    pub area_id: i64,
    pub period: Period,
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub ci: Option<(f64, f64)>,
    /// How the source compared the figure ("Better", "Similar"…), where its file said.
    pub significance: Option<String>,
}

/// Rows per INSERT statement: 10 parameters each keeps well inside both backends' limits.
const MEASUREMENT_BATCH: usize = 500;

/// Stores measurements, replacing the value already held for the same indicator, area and
/// period. Returns how many rows were written.
pub async fn upsert_measurements(tx: &mut Tx, rows: &[NewMeasurement]) -> DbResult<u64> {
    let mut written = 0;
    for chunk in rows.chunks(MEASUREMENT_BATCH) {
        let result = with_tx!(tx, conn => {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO measurement (indicator_id, area_id, period, period_start, value, numerator, denominator, ci_lower, ci_upper, significance) ",
            );
            q.push_values(chunk, |mut b, m| {
                b.push_bind(m.indicator_id)
                    .push_bind(m.area_id)
                    .push_bind(m.period.to_string())
                    .push_bind(m.period.start())
                    .push_bind(m.value)
                    .push_bind(m.numerator)
                    .push_bind(m.denominator)
                    .push_bind(m.ci.map(|c| c.0))
                    .push_bind(m.ci.map(|c| c.1))
                    .push_bind(m.significance.as_deref());
            });
            q.push(
                " ON CONFLICT (indicator_id, area_id, period) DO UPDATE SET value = excluded.value,
                  numerator = excluded.numerator, denominator = excluded.denominator,
                  ci_lower = excluded.ci_lower, ci_upper = excluded.ci_upper,
                  significance = excluded.significance",
            );
            q.build().execute(&mut *conn).await.map(|r| r.rows_affected())
        })?;
        written += result;
    }
    Ok(written)
}

/// How many measurements are held, in all.
pub async fn count_measurements(db: &Db) -> DbResult<i64> {
    Ok(
        with_pool!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM measurement").fetch_one(pool).await)?,
    )
}
