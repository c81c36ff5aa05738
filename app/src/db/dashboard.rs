//! What the comparison dashboard, the detail, the spine chart and the exceptions read: a few
//! set-based queries whatever the number of partnerships and indicators (window functions pick
//! the latest figures), never a query per cell.

use super::{with_pool, Db, DbError, DbResult};
use crate::domain::dashboard::Point;
use crate::domain::plan::Plan;
use crate::domain::rag::{Estimate, RagRule};
use crate::domain::{Polarity, Unit};
use chrono::NaiveDate;
use std::collections::HashMap;

/// An indicator with its rating rule.
#[derive(Debug, Clone, PartialEq)]
pub struct RatedIndicator {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub unit: Unit,
    pub polarity: Polarity,
    pub rule: RagRule,
}

#[derive(sqlx::FromRow)]
struct IndicatorRow {
    id: i64,
    code: String,
    title: String,
    unit: String,
    polarity: String,
    rag_tolerance: f64,
    small_number_threshold: f64,
    trend_threshold: f64,
}

pub async fn rated_indicators(db: &Db) -> DbResult<Vec<RatedIndicator>> {
    let rows: Vec<IndicatorRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, code, title, unit, polarity, rag_tolerance, small_number_threshold, trend_threshold
         FROM indicator ORDER BY code"
    ).fetch_all(pool).await)?;
    rows.into_iter()
        .map(|r| {
            Ok(RatedIndicator {
                id: r.id,
                unit: r
                    .unit
                    .parse()
                    .map_err(|_| DbError::corrupt("indicator", "unit"))?,
                polarity: r
                    .polarity
                    .parse()
                    .map_err(|_| DbError::corrupt("indicator", "polarity"))?,
                code: r.code,
                title: r.title,
                rule: RagRule {
                    tolerance: r.rag_tolerance,
                    small_number_threshold: r.small_number_threshold,
                    trend_threshold: r.trend_threshold,
                },
            })
        })
        .collect()
}

/// A partnership with the district it covers.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PartnershipArea {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub area_id: i64,
    pub area_code: String,
    pub area_name: String,
}

pub async fn partnership_areas(db: &Db) -> DbResult<Vec<PartnershipArea>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT p.id, p.slug, p.name, a.id AS area_id, a.code AS area_code, a.name AS area_name
         FROM partnership p
         JOIN area a ON a.id = (SELECT MIN(pa.area_id) FROM partnership_area pa WHERE pa.partnership_id = p.id)
         ORDER BY p.name"
    ).fetch_all(pool).await)?)
}

/// The comparators: the county's area and England's, where held.
pub async fn comparator_areas(db: &Db) -> DbResult<(Option<i64>, Option<i64>)> {
    let county: Option<i64> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT a.id FROM area a JOIN trust t ON t.county_code = a.code LIMIT 1"
    ).fetch_optional(pool).await)?;
    let england: Option<i64> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT id FROM area WHERE code = 'E92000001'"
    ).fetch_optional(pool).await)?;
    Ok((county, england))
}

#[derive(sqlx::FromRow)]
struct PointRow {
    indicator_id: i64,
    area_id: i64,
    period: String,
    period_start: NaiveDate,
    value: Option<f64>,
    numerator: Option<f64>,
    ci_lower: Option<f64>,
    ci_upper: Option<f64>,
}

fn point(r: &PointRow) -> Point {
    Point {
        start: r.period_start,
        estimate: Estimate {
            value: r.value,
            numerator: r.numerator,
            ci: r.ci_lower.zip(r.ci_upper),
        },
    }
}

/// Figures keyed by (indicator, area), newest first, with their period labels.
pub type Figures = HashMap<(i64, i64), Vec<(String, Point)>>;

fn collect(rows: Vec<PointRow>) -> Figures {
    let mut out: Figures = HashMap::new();
    for r in rows {
        let p = point(&r);
        out.entry((r.indicator_id, r.area_id))
            .or_default()
            .push((r.period, p));
    }
    out
}

/// The latest `n` published values of every indicator for every area: one query.
pub async fn latest_figures(db: &Db, n: i64) -> DbResult<Figures> {
    let rows: Vec<PointRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT indicator_id, area_id, period, period_start, value, numerator, ci_lower, ci_upper
         FROM (
             SELECT m.indicator_id, m.area_id, m.period, m.period_start, m.value, m.numerator,
                    m.ci_lower, m.ci_upper,
                    ROW_NUMBER() OVER (PARTITION BY m.indicator_id, m.area_id ORDER BY m.period_start DESC) AS n
             FROM measurement m WHERE m.value IS NOT NULL
         ) latest
         WHERE n <= $1
         ORDER BY indicator_id, area_id, period_start DESC"
    ).bind(n).fetch_all(pool).await)?;
    Ok(collect(rows))
}

/// Every figure of every indicator whose period starts in `from_year` to `to_year`: one query.
pub async fn figures_between(db: &Db, from_year: i32, to_year: i32) -> DbResult<Figures> {
    let from = NaiveDate::from_ymd_opt(from_year, 1, 1).unwrap_or_default();
    let to = NaiveDate::from_ymd_opt(to_year, 12, 31).unwrap_or_default();
    let rows: Vec<PointRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT indicator_id, area_id, period, period_start, value, numerator, ci_lower, ci_upper
         FROM measurement WHERE period_start BETWEEN $1 AND $2
         ORDER BY indicator_id, area_id, period_start DESC"
    ).bind(from).bind(to).fetch_all(pool).await)?;
    Ok(collect(rows))
}

/// One indicator's whole series for some areas, oldest first.
pub async fn series(
    db: &Db,
    indicator_id: i64,
    areas: &[i64],
) -> DbResult<HashMap<i64, Vec<(String, Point)>>> {
    let rows: Vec<PointRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT indicator_id, area_id, period, period_start, value, numerator, ci_lower, ci_upper
         FROM measurement WHERE indicator_id = $1 ORDER BY period_start"
    ).bind(indicator_id).fetch_all(pool).await)?;
    let mut out: HashMap<i64, Vec<(String, Point)>> = HashMap::new();
    for r in rows.iter().filter(|r| areas.contains(&r.area_id)) {
        out.entry(r.area_id)
            .or_default()
            .push((r.period.clone(), point(r)));
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    content: String,
    approved_at: chrono::DateTime<chrono::Utc>,
}

/// Every version of every plan the Board has approved, as frozen when it was approved, with the
/// day it was approved (the dashboard's targets come from these and nothing else): one query.
pub async fn approved_versions(db: &Db) -> DbResult<Vec<(Plan, NaiveDate)>> {
    let rows: Vec<VersionRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT v.content, v.approved_at FROM plan_version v JOIN plan p ON p.id = v.plan_id
         ORDER BY p.plan_year, p.id, v.version"
    ).fetch_all(pool).await)?;
    rows.iter()
        .map(|r| Ok((frozen(&r.content)?, r.approved_at.date_naive())))
        .collect()
}

/// The latest approved version of one plan, if any version has been approved.
pub async fn approved_plan(db: &Db, plan_id: i64) -> DbResult<Option<Plan>> {
    let text: Option<String> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT content FROM plan_version WHERE plan_id = $1 ORDER BY version DESC LIMIT 1"
    ).bind(plan_id).fetch_optional(pool).await)?;
    text.as_deref().map(frozen).transpose()
}

fn frozen(text: &str) -> DbResult<Plan> {
    serde_json::from_str(text).map_err(|e| DbError::corrupt("plan_version", e))
}

/// The Board's published priorities for a year with the indicator each is measured by.
pub async fn board_priorities(db: &Db, year: i32) -> DbResult<Vec<(String, Option<i64>)>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT title, indicator_id FROM board_priority WHERE plan_year = $1 AND published_at IS NOT NULL ORDER BY position"
    ).bind(year).fetch_all(pool).await)?)
}

/// A number that moves whenever anything the dashboard reads changes: the data version (moved
/// by triggers) plus the number of approved plan versions, which only grows (the table refuses
/// updates and deletes), so an approval — which changes the targets in force — moves it too.
pub async fn data_version(db: &Db) -> DbResult<i64> {
    Ok(with_pool!(db, pool => sqlx::query_scalar(
        "SELECT d.version + (SELECT COUNT(*) FROM plan_version) FROM data_version d WHERE d.id = 1"
    ).fetch_one(pool).await)?)
}
