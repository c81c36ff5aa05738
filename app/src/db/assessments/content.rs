//! What the partnership writes: its answer for each standard, the figures it pulls in as
//! evidence, the overall summary, the annual review and its answers to questions.

use super::*;
use crate::domain::assessment::{ReviewNote, StandardInput};
use serde_json::json;

/// Starts a partnership's self-assessment for a year: an empty answer for each of the year's
/// standards, and the review built from `reviewed` (last year's approved plan and version).
pub async fn start(
    tx: &mut Tx,
    actor: &Actor,
    partnership_id: i64,
    year: i32,
    reviewed: Option<(i64, i32)>,
) -> DbResult<i64> {
    let at = now();
    let id: i64 = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO self_assessment (partnership_id, year, status, reviewed_plan_id, reviewed_version, created_at, updated_at, updated_by)
         VALUES ($1, $2, 'draft', $3, $4, $5, $5, $6) RETURNING id"
    ).bind(partnership_id).bind(year).bind(reviewed.map(|r| r.0)).bind(reviewed.map(|r| r.1))
     .bind(at).bind(&actor.name).fetch_one(&mut *conn).await)?;
    with_tx!(tx, conn => sqlx::query(
        "INSERT INTO assessment_standard (assessment_id, standard_id, updated_at, updated_by)
         SELECT $1, id, $2, $3 FROM standard WHERE year = $4"
    ).bind(id).bind(at).bind(&actor.name).bind(year)
     .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    let mut r = entry(
        actor,
        AuditAction::Create,
        "self_assessment",
        id,
        Some(partnership_id),
        format!("Started the {year} self-assessment"),
    );
    r.after = Some(
        json!({ "year": year, "reviewed_plan": reviewed.map(|r| r.0), "reviewed_version": reviewed.map(|r| r.1) }),
    );
    audit::record(tx, r).await?;
    Ok(id)
}

/// Saves the partnership's answer for one standard, if it is still at the revision the person
/// saw. A changed grade clears the district manager's earlier decision on it (it was about the
/// old grade).
pub async fn save_answer(
    tx: &mut Tx,
    actor: &Actor,
    head: &AssessmentHeader,
    standard_id: i64,
    based_on: i64,
    input: &StandardInput,
    title: &str,
) -> DbResult<Saved<i64>> {
    if let Err(r) = touch_editable(tx, actor, head.id).await? {
        return Ok(Err(r));
    }
    let grade = input.grade.map(|g| i32::from(g.number()));
    let before: Option<(Option<i32>, String)> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT grade, evidence FROM assessment_standard WHERE assessment_id = $1 AND standard_id = $2"
    ).bind(head.id).bind(standard_id).fetch_optional(&mut *conn).await)?;
    let rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE assessment_standard SET grade = $1, evidence = $2, strengths = $3, development = $4,
                moderated_grade = CASE WHEN COALESCE(grade, 0) = COALESCE($1, 0) THEN moderated_grade ELSE NULL END,
                moderation_reason = CASE WHEN COALESCE(grade, 0) = COALESCE($1, 0) THEN moderation_reason ELSE '' END,
                revision = revision + 1, updated_at = $5, updated_by = $6
         WHERE assessment_id = $7 AND standard_id = $8 AND revision = $9 RETURNING revision"
    ).bind(grade).bind(&input.evidence).bind(&input.strengths).bind(&input.development).bind(now())
     .bind(&actor.name).bind(head.id).bind(standard_id).bind(based_on)
     .fetch_optional(&mut *conn).await)?;
    let Some(rev) = rev else {
        let current: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
            "SELECT revision FROM assessment_standard WHERE assessment_id = $1 AND standard_id = $2"
        ).bind(head.id).bind(standard_id).fetch_optional(&mut *conn).await)?;
        return Ok(Err(current.map_or(Refused::Missing, Refused::Stale)));
    };
    let mut r = entry(
        actor,
        AuditAction::Update,
        "assessment_standard",
        format!("{}:{standard_id}", head.id),
        Some(head.partnership_id),
        format!("Changed the self-assessment of “{title}”"),
    );
    r.before = before.map(|(g, e)| json!({ "grade": g, "evidence": e }));
    r.after = Some(json!({ "grade": grade, "evidence": input.evidence }));
    audit::record(tx, r).await?;
    Ok(Ok(rev))
}

/// Saves the overall summary, if the assessment is still at the revision the person saw.
pub async fn save_summary(
    tx: &mut Tx,
    actor: &Actor,
    head: &AssessmentHeader,
    based_on: i64,
    summary: &str,
) -> DbResult<Saved<i64>> {
    let rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE self_assessment SET summary = $1, revision = revision + 1, updated_at = $2, updated_by = $3
         WHERE id = $4 AND revision = $5 AND status IN ('draft', 'returned') RETURNING revision"
    ).bind(summary).bind(now()).bind(&actor.name).bind(head.id).bind(based_on)
     .fetch_optional(&mut *conn).await)?;
    let Some(rev) = rev else {
        return refusal(tx, head.id, "revision").await.map(Err);
    };
    let mut r = entry(
        actor,
        AuditAction::Update,
        "self_assessment",
        head.id,
        Some(head.partnership_id),
        "Changed the self-assessment's summary".into(),
    );
    r.after = Some(json!({ "summary": summary }));
    audit::record(tx, r).await?;
    Ok(Ok(rev))
}

/// Why a change to the assessment row matched nothing: not editable now, gone, or moved on
/// (`column` is the revision it was based on).
async fn refusal(tx: &mut Tx, id: i64, column: &str) -> DbResult<Refused> {
    let row: Option<(String, i64)> = with_tx!(tx, conn => sqlx::query_as(&format!(
        "SELECT status, {column} FROM self_assessment WHERE id = $1"
    )).bind(id).fetch_optional(&mut *conn).await)?;
    Ok(match row {
        None => Refused::Missing,
        Some((status, _)) if status != "draft" && status != "returned" => Refused::NotDraft,
        Some((_, rev)) => Refused::Stale(rev),
    })
}

/// Saves the annual review's notes, if the review is still at the revision the person saw.
pub async fn save_review(
    tx: &mut Tx,
    actor: &Actor,
    head: &AssessmentHeader,
    based_on: i64,
    notes: &[(bool, i64, ReviewNote)],
) -> DbResult<Saved<i64>> {
    let at = now();
    let rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE self_assessment SET review_revision = review_revision + 1, updated_at = $1, updated_by = $2
         WHERE id = $3 AND review_revision = $4 AND status IN ('draft', 'returned') RETURNING review_revision"
    ).bind(at).bind(&actor.name).bind(head.id).bind(based_on)
     .fetch_optional(&mut *conn).await)?;
    let Some(rev) = rev else {
        return refusal(tx, head.id, "review_revision").await.map(Err);
    };
    for (action, id, note) in notes {
        let kind = if *action { "action" } else { "measure" };
        with_tx!(tx, conn => sqlx::query(
            "INSERT INTO assessment_review_item (assessment_id, kind, item_id, outcome, commentary, updated_at, updated_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (assessment_id, kind, item_id) DO UPDATE SET outcome = excluded.outcome,
                 commentary = excluded.commentary, updated_at = excluded.updated_at, updated_by = excluded.updated_by"
        ).bind(head.id).bind(kind).bind(id).bind(note.outcome.map(|o| o.as_str())).bind(&note.commentary)
         .bind(at).bind(&actor.name).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    let mut r = entry(
        actor,
        AuditAction::Update,
        "self_assessment",
        head.id,
        Some(head.partnership_id),
        "Changed the review of last year's plan".into(),
    );
    r.after = Some(json!({
        "notes": notes.iter().map(|(a, id, n)| json!({
            "kind": if *a { "action" } else { "measure" }, "id": id,
            "outcome": n.outcome.map(|o| o.as_str()), "commentary": n.commentary,
        })).collect::<Vec<_>>()
    }));
    audit::record(tx, r).await?;
    Ok(Ok(rev))
}

/// A figure as published, to keep as evidence.
pub struct NewFigure<'a> {
    pub indicator_id: i64,
    pub area_name: &'a str,
    pub period: &'a str,
    pub value: f64,
    pub source: &'a str,
}

/// Pulls a figure into a standard's evidence (again, if it was there: the latest replaces it).
pub async fn add_figure(
    tx: &mut Tx,
    actor: &Actor,
    head: &AssessmentHeader,
    standard_id: i64,
    f: &NewFigure<'_>,
) -> DbResult<Saved<i64>> {
    if let Err(r) = touch_editable(tx, actor, head.id).await? {
        return Ok(Err(r));
    }
    let at = now();
    let id: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO assessment_figure (assessment_id, standard_id, indicator_id, area_name, period, value, source, added_at, added_by)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE EXISTS (
             SELECT 1 FROM assessment_standard WHERE assessment_id = $1 AND standard_id = $2)
         ON CONFLICT (assessment_id, standard_id, indicator_id) DO UPDATE SET area_name = excluded.area_name,
             period = excluded.period, value = excluded.value, source = excluded.source,
             added_at = excluded.added_at, added_by = excluded.added_by
         RETURNING id"
    ).bind(head.id).bind(standard_id).bind(f.indicator_id).bind(f.area_name).bind(f.period)
     .bind(f.value).bind(f.source).bind(at).bind(&actor.name).fetch_optional(&mut *conn).await)?;
    let Some(id) = id else {
        return Ok(Err(Refused::Missing));
    };
    let mut r = entry(
        actor,
        AuditAction::Create,
        "assessment_figure",
        id,
        Some(head.partnership_id),
        "Added a figure to the self-assessment's evidence".into(),
    );
    r.after = Some(
        json!({ "standard": standard_id, "indicator": f.indicator_id, "area": f.area_name, "period": f.period, "value": f.value }),
    );
    audit::record(tx, r).await?;
    Ok(Ok(id))
}

/// Takes a figure out of a standard's evidence.
pub async fn remove_figure(
    tx: &mut Tx,
    actor: &Actor,
    head: &AssessmentHeader,
    figure_id: i64,
) -> DbResult<Saved<()>> {
    if let Err(r) = touch_editable(tx, actor, head.id).await? {
        return Ok(Err(r));
    }
    let n = with_tx!(tx, conn => sqlx::query(
        "DELETE FROM assessment_figure WHERE id = $1 AND assessment_id = $2"
    ).bind(figure_id).bind(head.id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(Err(Refused::Missing));
    }
    audit::record(
        tx,
        entry(
            actor,
            AuditAction::Delete,
            "assessment_figure",
            figure_id,
            Some(head.partnership_id),
            "Removed a figure from the self-assessment's evidence".into(),
        ),
    )
    .await?;
    Ok(Ok(()))
}

/// Records the partnership's answers to questions of the latest round (only while returned).
pub async fn save_answers(
    tx: &mut Tx,
    actor: &Actor,
    head: &AssessmentHeader,
    answers: &[(i64, String)],
) -> DbResult<Saved<()>> {
    let n = with_tx!(tx, conn => sqlx::query(
        "UPDATE self_assessment SET updated_at = $1, updated_by = $2 WHERE id = $3 AND status = 'returned'"
    ).bind(now()).bind(&actor.name).bind(head.id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(Err(Refused::NotNow(
            "Questions can be answered only while the self-assessment is returned to the partnership".into(),
        )));
    }
    let at = now();
    for (id, text) in answers {
        with_tx!(tx, conn => sqlx::query(
            "UPDATE assessment_question SET answer = $1, answered_by = $2, answered_at = $3
             WHERE id = $4 AND assessment_id = $5 AND round = (SELECT round FROM self_assessment WHERE id = $5)"
        ).bind(text).bind(&actor.name).bind(at).bind(id).bind(head.id)
         .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    let mut r = entry(
        actor,
        AuditAction::Update,
        "self_assessment",
        head.id,
        Some(head.partnership_id),
        format!(
            "Answered {} of the district manager's questions",
            answers.len()
        ),
    );
    r.after = Some(
        json!({ "answers": answers.iter().map(|(id, t)| json!({ "question": id, "answer": t })).collect::<Vec<_>>() }),
    );
    audit::record(tx, r).await?;
    Ok(Ok(()))
}
