//! Partnerships as people see them.

use super::{with_pool, Db, DbError, DbResult};
use crate::domain::partnership::HeadlineFigure;
use crate::domain::{AreaCode, PartnershipSummary, Unit};
use std::collections::HashMap;

/// The comparator shown beside each partnership's headline figure.
pub const ENGLAND: &str = "E92000001";

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    name: String,
    slug: String,
    chair: Option<String>,
    member_count: i64,
    organisation_count: i64,
}

#[derive(sqlx::FromRow)]
struct AreaRow {
    partnership_id: i64,
    code: String,
    name: String,
}

#[derive(sqlx::FromRow)]
struct LatestRow {
    code: String,
    title: String,
    unit: String,
    area_code: String,
    period: String,
    value: Option<f64>,
}

/// Every partnership of a Trust with its areas, chair, head counts and the latest value of the
/// headline indicator. Three queries, whatever the number of partnerships.
pub async fn overview(
    db: &Db,
    trust_id: i64,
    headline_indicator: &str,
) -> DbResult<Vec<PartnershipSummary>> {
    let rows: Vec<SummaryRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT p.id, p.name, p.slug,
            (SELECT pe.full_name FROM partnership_member m JOIN person pe ON pe.id = m.person_id
              WHERE m.partnership_id = p.id AND m.role = 'chair') AS chair,
            (SELECT COUNT(DISTINCT m.person_id) FROM partnership_member m
              WHERE m.partnership_id = p.id) AS member_count,
            (SELECT COUNT(*) FROM partnership_organisation po
              WHERE po.partnership_id = p.id) AS organisation_count
         FROM partnership p WHERE p.trust_id = $1 AND p.retired_at IS NULL ORDER BY p.name"
    ).bind(trust_id).fetch_all(pool).await)?;

    let area_rows: Vec<AreaRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT pa.partnership_id, a.code, a.name FROM partnership_area pa
         JOIN area a ON a.id = pa.area_id
         JOIN partnership p ON p.id = pa.partnership_id
         WHERE p.trust_id = $1 ORDER BY a.code"
    ).bind(trust_id).fetch_all(pool).await)?;

    let latest: Vec<LatestRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT i.code, i.title, i.unit, a.code AS area_code, m.period, m.value
         FROM measurement m
         JOIN indicator i ON i.id = m.indicator_id
         JOIN area a ON a.id = m.area_id
         WHERE i.code = $1
           AND m.period_start = (SELECT MAX(m2.period_start) FROM measurement m2 WHERE m2.indicator_id = i.id)"
    ).bind(headline_indicator).fetch_all(pool).await)?;

    let mut areas: HashMap<i64, Vec<(AreaCode, String)>> = HashMap::new();
    for r in area_rows {
        let code = AreaCode::parse(&r.code).map_err(|e| DbError::corrupt("area", e))?;
        areas
            .entry(r.partnership_id)
            .or_default()
            .push((code, r.name));
    }
    let mut values: HashMap<&str, &LatestRow> = HashMap::new();
    for r in &latest {
        values.insert(r.area_code.as_str(), r);
    }
    let format = |r: &LatestRow| -> DbResult<Option<String>> {
        let unit: Unit = r
            .unit
            .parse()
            .map_err(|e| DbError::corrupt("indicator", e))?;
        Ok(r.value.map(|v| unit.format(v)))
    };
    let england = match values.get(ENGLAND) {
        Some(r) => format(r)?,
        None => None,
    };

    rows.into_iter()
        .map(|r| {
            let areas = areas.remove(&r.id).unwrap_or_default();
            let headline = match areas
                .first()
                .and_then(|(code, _)| values.get(code.as_str()))
            {
                Some(l) => format(l)?.map(|value| HeadlineFigure {
                    indicator_code: l.code.clone(),
                    indicator_title: l.title.clone(),
                    period: l.period.clone(),
                    value,
                    england: england.clone(),
                }),
                None => None,
            };
            Ok(PartnershipSummary {
                id: r.id,
                name: r.name,
                slug: r.slug,
                areas,
                chair: r.chair,
                member_count: r.member_count,
                organisation_count: r.organisation_count,
                headline,
            })
        })
        .collect()
}
