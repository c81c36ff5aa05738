//! Loading whole mid-year reviews (one, or every one of a year, in four queries either way),
//! and the headline counts of a partnership's latest review (one aggregate query).

use super::*;
use crate::domain::midyear::{
    ActionProgress, MeasureNote, MidYearReview, ProgressCounts, ReviewComment, ReviewHeadline,
};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
struct ReviewRow {
    id: i64,
    partnership_id: i64,
    plan_id: i64,
    year: i32,
    reviewed_version: i32,
    status: String,
    round: i32,
    revision: i64,
    going_well: String,
    board_should_know: String,
    late: bool,
    submitted_at: Option<DateTime<Utc>>,
    accepted_at: Option<DateTime<Utc>>,
    accepted_by: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ActionRow {
    review_id: i64,
    action_id: i64,
    progress: String,
    commentary: String,
    corrective_action: String,
    corrective_owner: String,
    corrective_due: Option<NaiveDate>,
    revised_due: Option<NaiveDate>,
    slip_reason: String,
    revision: i64,
}

#[derive(sqlx::FromRow)]
struct MeasureRow {
    review_id: i64,
    measure_id: i64,
    forecast: Option<f64>,
    commentary: String,
    revision: i64,
}

#[derive(sqlx::FromRow)]
struct CommentRow {
    review_id: i64,
    round: i32,
    kind: String,
    author_name: String,
    body: String,
    at: DateTime<Utc>,
}

/// The reviews matching `filter` (`r.id = $1` or `r.year = $1`, bound to `key`), whole.
async fn load_where(db: &Db, filter: &str, key: i64) -> DbResult<Vec<MidYearReview>> {
    let heads: Vec<ReviewRow> = with_pool!(db, pool => sqlx::query_as(&format!(
        "SELECT r.id, r.partnership_id, r.plan_id, r.year, r.reviewed_version, r.status, r.round,
                r.revision, r.going_well, r.board_should_know, r.late, r.submitted_at, r.accepted_at,
                r.accepted_by
         FROM mid_year_review r JOIN partnership p ON p.id = r.partnership_id
         WHERE {filter} ORDER BY p.name"
    )).bind(key).fetch_all(pool).await)?;
    if heads.is_empty() {
        return Ok(vec![]);
    }
    let within = format!("SELECT r.id FROM mid_year_review r WHERE {filter}");
    let actions: Vec<ActionRow> = with_pool!(db, pool => sqlx::query_as(&format!(
        "SELECT review_id, action_id, progress, commentary, corrective_action, corrective_owner,
                corrective_due, revised_due, slip_reason, revision
         FROM mid_year_action WHERE review_id IN ({within}) ORDER BY action_id"
    )).bind(key).fetch_all(pool).await)?;
    let measures: Vec<MeasureRow> = with_pool!(db, pool => sqlx::query_as(&format!(
        "SELECT review_id, measure_id, forecast, commentary, revision
         FROM mid_year_measure WHERE review_id IN ({within}) ORDER BY measure_id"
    )).bind(key).fetch_all(pool).await)?;
    let comments: Vec<CommentRow> = with_pool!(db, pool => sqlx::query_as(&format!(
        "SELECT review_id, round, kind, author_name, body, at
         FROM mid_year_comment WHERE review_id IN ({within}) ORDER BY at, id"
    )).bind(key).fetch_all(pool).await)?;
    let mut actions_of: HashMap<i64, Vec<ActionProgress>> = HashMap::new();
    for a in actions {
        let progress = a.progress.parse().map_err(|_| {
            DbError::corrupt("mid_year_action", format!("progress '{}'", a.progress))
        })?;
        actions_of
            .entry(a.review_id)
            .or_default()
            .push(ActionProgress {
                action_id: a.action_id,
                progress,
                commentary: a.commentary,
                corrective_action: a.corrective_action,
                corrective_owner: a.corrective_owner,
                corrective_due: a.corrective_due,
                revised_due: a.revised_due,
                slip_reason: a.slip_reason,
                revision: a.revision,
            });
    }
    let mut measures_of: HashMap<i64, Vec<MeasureNote>> = HashMap::new();
    for m in measures {
        measures_of
            .entry(m.review_id)
            .or_default()
            .push(MeasureNote {
                measure_id: m.measure_id,
                forecast: m.forecast,
                commentary: m.commentary,
                revision: m.revision,
            });
    }
    let mut comments_of: HashMap<i64, Vec<ReviewComment>> = HashMap::new();
    for c in comments {
        comments_of
            .entry(c.review_id)
            .or_default()
            .push(ReviewComment {
                round: c.round,
                returned: c.kind == "returned",
                author: c.author_name,
                body: c.body,
                at: c.at,
            });
    }
    heads
        .into_iter()
        .map(|h| {
            let status = h.status.parse().map_err(|_| {
                DbError::corrupt("mid_year_review", format!("status '{}'", h.status))
            })?;
            Ok(MidYearReview {
                id: h.id,
                partnership_id: h.partnership_id,
                plan_id: h.plan_id,
                year: h.year,
                reviewed_version: h.reviewed_version,
                status,
                round: h.round,
                revision: h.revision,
                going_well: h.going_well,
                board_should_know: h.board_should_know,
                late: h.late,
                submitted_at: h.submitted_at,
                accepted_at: h.accepted_at,
                accepted_by: h.accepted_by,
                actions: actions_of.remove(&h.id).unwrap_or_default(),
                measures: measures_of.remove(&h.id).unwrap_or_default(),
                comments: comments_of.remove(&h.id).unwrap_or_default(),
            })
        })
        .collect()
}

pub async fn load(db: &Db, id: i64) -> DbResult<Option<MidYearReview>> {
    Ok(load_where(db, "r.id = $1", id).await?.into_iter().next())
}

/// Every partnership's review of its plan for `year`, by partnership name.
pub async fn load_year(db: &Db, year: i32) -> DbResult<Vec<MidYearReview>> {
    load_where(db, "r.year = $1", i64::from(year)).await
}

/// The latest review of a partnership's plans (by year) with its headline counts, and how many
/// times it has been submitted (for the one rule of who may see it).
pub async fn latest_headline(
    db: &Db,
    partnership_id: i64,
) -> DbResult<Option<(ReviewHeadline, i32)>> {
    let rows: Vec<(i32, String, i32, String, i64)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT r.year, r.status, r.round, a.progress, COUNT(*)
         FROM mid_year_review r JOIN mid_year_action a ON a.review_id = r.id
         WHERE r.partnership_id = $1
           AND r.year = (SELECT MAX(year) FROM mid_year_review WHERE partnership_id = $1)
         GROUP BY r.year, r.status, r.round, a.progress"
    ).bind(partnership_id).fetch_all(pool).await)?;
    let Some((year, status, round, _, _)) = rows.first().cloned() else {
        return Ok(None);
    };
    let status = status
        .parse()
        .map_err(|_| DbError::corrupt("mid_year_review", format!("status '{status}'")))?;
    let mut counts = ProgressCounts::default();
    for (_, _, _, progress, n) in rows {
        let p = progress
            .parse()
            .map_err(|_| DbError::corrupt("mid_year_action", format!("progress '{progress}'")))?;
        counts = counts.plus(p, usize::try_from(n).unwrap_or(0));
    }
    Ok(Some((
        ReviewHeadline {
            year,
            status,
            counts,
        },
        round,
    )))
}

/// The approved snapshots the reviews of `year` are of, by plan id (one query).
pub async fn reviewed_snapshots(db: &Db, year: i32) -> DbResult<HashMap<i64, Plan>> {
    let rows: Vec<(i64, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT v.plan_id, v.content FROM plan_version v
         JOIN mid_year_review r ON r.plan_id = v.plan_id AND r.reviewed_version = v.version
         WHERE r.year = $1"
    ).bind(year).fetch_all(pool).await)?;
    rows.into_iter()
        .map(|(id, text)| {
            serde_json::from_str(&text)
                .map(|p| (id, p))
                .map_err(|e| DbError::corrupt("plan_version", e))
        })
        .collect()
}
