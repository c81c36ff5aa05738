//! What the plan pages list: comments, versions, the Board's overview, partners and indicators.

use super::*;

#[derive(sqlx::FromRow)]
struct CommentRow {
    version: i32,
    kind: String,
    author_name: String,
    body: String,
    at: DateTime<Utc>,
}

/// The comments on a plan, newest first.
pub async fn comments(db: &Db, plan_id: i64) -> DbResult<Vec<PlanComment>> {
    let rows: Vec<CommentRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT version, kind, author_name, body, at FROM plan_comment WHERE plan_id = $1 ORDER BY at DESC, id DESC"
    ).bind(plan_id).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|r| PlanComment {
            version: r.version,
            returned: r.kind == "returned",
            author: r.author_name,
            body: r.body,
            at: r.at,
        })
        .collect())
}

pub async fn versions(db: &Db, plan_id: i64) -> DbResult<Vec<VersionSummary>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT version, approved_at, approved_by FROM plan_version WHERE plan_id = $1 ORDER BY version"
    ).bind(plan_id).fetch_all(pool).await)?)
}

/// The frozen snapshot of an approved version.
pub async fn snapshot(db: &Db, plan_id: i64, version: i32) -> DbResult<Option<Plan>> {
    let text: Option<String> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT content FROM plan_version WHERE plan_id = $1 AND version = $2"
    ).bind(plan_id).bind(version).fetch_optional(pool).await)?;
    text.map(|t| serde_json::from_str(&t).map_err(|e| DbError::corrupt("plan_version", e)))
        .transpose()
}

/// Every partnership with its plan for the year (if started) and the plan's size, in three
/// aggregate joins rather than a query per partnership.
pub async fn year_overview(db: &Db, year: PlanYear) -> DbResult<Vec<PlanSummary>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT pt.id AS partnership_id, pt.name AS partnership_name, pt.slug AS partnership_slug,
                p.id AS plan_id, p.status, p.version, p.submitted_at, p.updated_at,
                (SELECT COUNT(*) FROM plan_priority pp WHERE pp.plan_id = p.id) AS priorities,
                (SELECT COUNT(*) FROM plan_measure m JOIN plan_priority pp ON pp.id = m.priority_id
                  WHERE pp.plan_id = p.id) AS measures,
                (SELECT COUNT(*) FROM plan_action a JOIN plan_priority pp ON pp.id = a.priority_id
                  WHERE pp.plan_id = p.id) AS actions
         FROM partnership pt LEFT JOIN plan p ON p.partnership_id = pt.id AND p.plan_year = $1
         ORDER BY pt.name"
    ).bind(year.first_year()).fetch_all(pool).await)?)
}

/// Each year that has plans: how many, and how many are being drafted or decided.
pub async fn year_activity(db: &Db) -> DbResult<Vec<crate::domain::plan::YearActivity>> {
    let rows: Vec<(i32, i64, i64)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT plan_year, COUNT(*), COALESCE(SUM(CASE WHEN status IN ('draft', 'submitted') THEN 1 ELSE 0 END), 0)
         FROM plan GROUP BY plan_year ORDER BY plan_year"
    ).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .filter_map(|(year, plans, in_progress)| {
            Some(crate::domain::plan::YearActivity {
                year: PlanYear::new(year).ok()?,
                plans,
                in_progress,
            })
        })
        .collect())
}

/// The partner organisations of a partnership, for choosing leads and supporters.
pub async fn partner_choices(db: &Db, partnership_id: i64) -> DbResult<Vec<Choice>> {
    let rows: Vec<(i64, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT o.id, o.name FROM organisation o
         JOIN partnership_organisation po ON po.organisation_id = o.id
         WHERE po.partnership_id = $1 ORDER BY o.name"
    ).bind(partnership_id).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| Choice {
            value: id.to_string(),
            label: name,
        })
        .collect())
}

/// Whether an organisation takes part in the partnership.
pub async fn partners_known(db: &Db, partnership_id: i64, ids: &[i64]) -> DbResult<bool> {
    if ids.is_empty() {
        return Ok(true);
    }
    let known = partner_choices(db, partnership_id).await?;
    Ok(ids
        .iter()
        .all(|id| known.iter().any(|c| c.value == id.to_string())))
}

/// The catalogue with each indicator's latest value for the partnership's first area, in one
/// query (a window function picks the latest period per indicator).
pub async fn indicator_options(db: &Db, partnership_id: i64) -> DbResult<Vec<IndicatorOption>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "WITH area AS (
             SELECT MIN(area_id) AS area_id FROM partnership_area WHERE partnership_id = $1
         ), latest AS (
             SELECT m.indicator_id, m.value, m.period,
                    ROW_NUMBER() OVER (PARTITION BY m.indicator_id ORDER BY m.period_start DESC) AS n
             FROM measurement m JOIN area ON area.area_id = m.area_id
             WHERE m.value IS NOT NULL
         )
         SELECT i.id, i.code, i.title, i.polarity, i.unit, l.value AS latest_value, l.period AS latest_period
         FROM indicator i LEFT JOIN latest l ON l.indicator_id = i.id AND l.n = 1
         ORDER BY i.code"
    ).bind(partnership_id).fetch_all(pool).await)?)
}

/// The years a partnership can have a plan for (those the Board has set priorities for, and
/// those it has plans in), with the plan's status and version where it has one.
pub async fn years(
    db: &Db,
    partnership_id: i64,
) -> DbResult<Vec<(i32, Option<String>, Option<i32>)>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT y.plan_year, p.status, p.version FROM (
             SELECT bp.plan_year FROM board_priority bp JOIN partnership pt ON pt.trust_id = bp.trust_id
             WHERE pt.id = $1 AND bp.published_at IS NOT NULL
             UNION SELECT plan_year FROM plan WHERE partnership_id = $1
         ) y LEFT JOIN plan p ON p.partnership_id = $1 AND p.plan_year = y.plan_year
         ORDER BY y.plan_year DESC"
    ).bind(partnership_id).fetch_all(pool).await)?)
}
