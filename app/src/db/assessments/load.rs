//! Loading whole self-assessments: one, or every one of a year, in five queries either way.

use super::*;
use crate::domain::assessment::{
    Assessment, EvidenceFigure, Grade, Question, ReviewNote, StandardAnswer,
};
use crate::domain::date::long_date;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};

#[derive(sqlx::FromRow)]
struct AssessmentRow {
    id: i64,
    partnership_id: i64,
    partnership_name: String,
    partnership_slug: String,
    year: i32,
    status: String,
    round: i32,
    revision: i64,
    review_revision: i64,
    summary: String,
    late: bool,
    submitted_at: Option<DateTime<Utc>>,
    moderated_at: Option<DateTime<Utc>>,
    moderated_by: Option<String>,
    reviewed_plan_id: Option<i64>,
    reviewed_version: Option<i32>,
}

#[derive(sqlx::FromRow)]
struct AnswerRow {
    assessment_id: i64,
    standard_id: i64,
    grade: Option<i32>,
    evidence: String,
    strengths: String,
    development: String,
    moderated_grade: Option<i32>,
    moderation_reason: String,
    revision: i64,
}

#[derive(sqlx::FromRow)]
struct FigureRow {
    id: i64,
    assessment_id: i64,
    standard_id: i64,
    code: String,
    title: String,
    unit: String,
    area_name: String,
    period: String,
    value: f64,
    source: String,
}

#[derive(sqlx::FromRow)]
struct QuestionRow {
    id: i64,
    assessment_id: i64,
    standard_id: Option<i64>,
    round: i32,
    body: String,
    asked_by: String,
    asked_at: DateTime<Utc>,
    answer: Option<String>,
    answered_by: Option<String>,
}

#[derive(sqlx::FromRow)]
struct NoteRow {
    assessment_id: i64,
    kind: String,
    item_id: i64,
    outcome: Option<String>,
    commentary: String,
}

fn grade(n: Option<i32>, table: &'static str) -> DbResult<Option<Grade>> {
    n.map(|g| Grade::new(g.into()).map_err(|e| DbError::corrupt(table, e)))
        .transpose()
}

/// The assessments matching `filter` (`a.id = $1` or `a.year = $1`, bound to `key`), whole.
async fn load_where(db: &Db, filter: &str, key: i64) -> DbResult<Vec<Assessment>> {
    let heads: Vec<AssessmentRow> = with_pool!(db, pool => sqlx::query_as(&format!(
        "SELECT a.id, a.partnership_id, p.name AS partnership_name, p.slug AS partnership_slug,
                a.year, a.status, a.round, a.revision, a.review_revision, a.summary, a.late,
                a.submitted_at, a.moderated_at, a.moderated_by, a.reviewed_plan_id, a.reviewed_version
         FROM self_assessment a JOIN partnership p ON p.id = a.partnership_id
         WHERE {filter} ORDER BY p.name"
    )).bind(key).fetch_all(pool).await)?;
    if heads.is_empty() {
        return Ok(vec![]);
    }
    let within = format!("SELECT a.id FROM self_assessment a WHERE {filter}");
    let answers: Vec<AnswerRow> = with_pool!(db, pool => sqlx::query_as(&format!(
        "SELECT x.assessment_id, x.standard_id, x.grade, x.evidence, x.strengths, x.development,
                x.moderated_grade, x.moderation_reason, x.revision
         FROM assessment_standard x JOIN standard s ON s.id = x.standard_id
         WHERE x.assessment_id IN ({within}) ORDER BY s.position, s.id"
    )).bind(key).fetch_all(pool).await)?;
    let figures: Vec<FigureRow> = with_pool!(db, pool => sqlx::query_as(&format!(
        "SELECT f.id, f.assessment_id, f.standard_id, i.code, i.title, i.unit, f.area_name, f.period,
                f.value, f.source
         FROM assessment_figure f JOIN indicator i ON i.id = f.indicator_id
         WHERE f.assessment_id IN ({within}) ORDER BY f.id"
    )).bind(key).fetch_all(pool).await)?;
    let questions: Vec<QuestionRow> = with_pool!(db, pool => sqlx::query_as(&format!(
        "SELECT id, assessment_id, standard_id, round, body, asked_by, asked_at, answer, answered_by
         FROM assessment_question WHERE assessment_id IN ({within}) ORDER BY round, id"
    )).bind(key).fetch_all(pool).await)?;
    let notes: Vec<NoteRow> = with_pool!(db, pool => sqlx::query_as(&format!(
        "SELECT assessment_id, kind, item_id, outcome, commentary
         FROM assessment_review_item WHERE assessment_id IN ({within})"
    )).bind(key).fetch_all(pool).await)?;

    let mut figures_of: HashMap<(i64, i64), Vec<EvidenceFigure>> = HashMap::new();
    for f in figures {
        let value = match f.unit.parse::<crate::domain::Unit>() {
            Ok(unit) => unit.format(f.value),
            Err(_) => crate::domain::date::format_number(f.value),
        };
        figures_of
            .entry((f.assessment_id, f.standard_id))
            .or_default()
            .push(EvidenceFigure {
                id: f.id,
                indicator_code: f.code,
                indicator_title: f.title,
                value,
                area_name: f.area_name,
                period: f.period,
                source: f.source,
            });
    }
    let mut answers_of: HashMap<i64, Vec<StandardAnswer>> = HashMap::new();
    for a in answers {
        let figures = figures_of
            .remove(&(a.assessment_id, a.standard_id))
            .unwrap_or_default();
        answers_of
            .entry(a.assessment_id)
            .or_default()
            .push(StandardAnswer {
                standard_id: a.standard_id,
                grade: grade(a.grade, "assessment_standard")?,
                evidence: a.evidence,
                strengths: a.strengths,
                development: a.development,
                moderated_grade: grade(a.moderated_grade, "assessment_standard")?,
                moderation_reason: a.moderation_reason,
                revision: a.revision,
                figures,
            });
    }
    let mut questions_of: HashMap<i64, Vec<Question>> = HashMap::new();
    for q in questions {
        questions_of
            .entry(q.assessment_id)
            .or_default()
            .push(Question {
                id: q.id,
                standard_id: q.standard_id,
                round: q.round,
                body: q.body,
                asked_by: q.asked_by,
                asked_on: long_date(q.asked_at.date_naive()),
                answer: q.answer,
                answered_by: q.answered_by,
            });
    }
    let mut notes_of: HashMap<i64, BTreeMap<(bool, i64), ReviewNote>> = HashMap::new();
    for n in notes {
        let outcome = n
            .outcome
            .as_deref()
            .map(|o| {
                o.parse()
                    .map_err(|_| DbError::corrupt("assessment_review_item", "outcome"))
            })
            .transpose()?;
        notes_of.entry(n.assessment_id).or_default().insert(
            (n.kind == "action", n.item_id),
            ReviewNote {
                outcome,
                commentary: n.commentary,
            },
        );
    }
    heads
        .into_iter()
        .map(|h| {
            Ok(Assessment {
                status: h
                    .status
                    .parse()
                    .map_err(|_| DbError::corrupt("self_assessment", "status"))?,
                answers: answers_of.remove(&h.id).unwrap_or_default(),
                questions: questions_of.remove(&h.id).unwrap_or_default(),
                notes: notes_of.remove(&h.id).unwrap_or_default(),
                id: h.id,
                partnership_id: h.partnership_id,
                partnership_name: h.partnership_name,
                partnership_slug: h.partnership_slug,
                year: h.year,
                round: h.round,
                revision: h.revision,
                review_revision: h.review_revision,
                summary: h.summary,
                late: h.late,
                submitted_on: h.submitted_at.map(|d| long_date(d.date_naive())),
                moderated_on: h.moderated_at.map(|d| long_date(d.date_naive())),
                moderated_by: h.moderated_by,
                reviewed: h.reviewed_plan_id.zip(h.reviewed_version),
            })
        })
        .collect()
}

/// One whole self-assessment.
pub async fn load(db: &Db, id: i64) -> DbResult<Option<Assessment>> {
    Ok(load_where(db, "a.id = $1", id).await?.pop())
}

/// Every self-assessment of a year, whole, by partnership name.
pub async fn load_year(db: &Db, year: i32) -> DbResult<Vec<Assessment>> {
    load_where(db, "a.year = $1", i64::from(year)).await
}

#[derive(sqlx::FromRow)]
struct SnapshotRow {
    id: i64,
    content: String,
}

/// The approved plans the assessments of a year review, by assessment: one query.
pub async fn reviewed_plans(
    db: &Db,
    year: i32,
) -> DbResult<HashMap<i64, crate::domain::plan::Plan>> {
    let rows: Vec<SnapshotRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT a.id, v.content FROM self_assessment a
         JOIN plan_version v ON v.plan_id = a.reviewed_plan_id AND v.version = a.reviewed_version
         WHERE a.year = $1"
    ).bind(year).fetch_all(pool).await)?;
    rows.into_iter()
        .map(|r| {
            serde_json::from_str(&r.content)
                .map(|p| (r.id, p))
                .map_err(|e| DbError::corrupt("plan_version", e))
        })
        .collect()
}

/// The latest approved version of a partnership's plan for a plan year: what its
/// self-assessment the year after reviews.
pub async fn approved_version(
    db: &Db,
    partnership_id: i64,
    plan_year: i32,
) -> DbResult<Option<(i64, i32)>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT v.plan_id, v.version FROM plan_version v JOIN plan p ON p.id = v.plan_id
         WHERE p.partnership_id = $1 AND p.plan_year = $2 ORDER BY v.version DESC LIMIT 1"
    ).bind(partnership_id).bind(plan_year).fetch_optional(pool).await)?)
}

/// The latest published figure of an indicator for a partnership's area — or the county's,
/// when the indicator is published for no district (as the dashboard reads it) — with the
/// area's name and the period: (area, period, value).
pub async fn latest_figure(
    db: &Db,
    partnership_id: i64,
    indicator_id: i64,
) -> DbResult<Option<(String, String, f64)>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT a.name, m.period, m.value FROM measurement m JOIN area a ON a.id = m.area_id
         WHERE m.indicator_id = $2 AND m.value IS NOT NULL AND (
             m.area_id IN (SELECT area_id FROM partnership_area WHERE partnership_id = $1)
             OR (a.code IN (SELECT county_code FROM trust) AND NOT EXISTS (
                 SELECT 1 FROM measurement d JOIN partnership_area pa ON pa.area_id = d.area_id
                 WHERE d.indicator_id = $2)))
         ORDER BY m.period_start DESC LIMIT 1"
    ).bind(partnership_id).bind(indicator_id).fetch_optional(pool).await)?)
}

/// A partnership's self-assessment in every year that has standards, newest first: (year,
/// status, times submitted, late), status `None` where not started. One query.
pub async fn partnership_years(
    db: &Db,
    partnership_id: i64,
) -> DbResult<Vec<(i32, Option<String>, Option<i32>, Option<bool>)>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT s.year, a.status, a.round, a.late FROM standard_scale s
         LEFT JOIN self_assessment a ON a.year = s.year AND a.partnership_id = $1
         ORDER BY s.year DESC"
    ).bind(partnership_id).fetch_all(pool).await)?)
}
