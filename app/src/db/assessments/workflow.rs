//! The workflow: submit (and resubmit), moderate (decisions and questions), return with
//! questions, complete. Which status follows is the domain's decision
//! ([`crate::domain::assessment::transition`]); this only writes it.

use super::*;
use crate::domain::assessment::{transition, AssessmentEvent, ModerationInput};
use serde_json::json;

/// Applies `event` if the assessment is still at the revision the person saw (`based_on`),
/// bumping the revision; a submission also counts the round (and, the first time, whether it
/// was `late`), a completion records who moderated it and when.
async fn change_status(
    tx: &mut Tx,
    actor: &Actor,
    head: &AssessmentHeader,
    based_on: i64,
    event: AssessmentEvent,
    late: bool,
    at: chrono::DateTime<chrono::Utc>,
) -> DbResult<Saved<(i64, AssessmentStatus)>> {
    let from = head.status()?;
    let to = match transition(from, event) {
        Ok(to) => to,
        Err(why) => return Ok(Err(Refused::NotNow(why.0))),
    };
    let submit = event == AssessmentEvent::Submit;
    let complete = event == AssessmentEvent::Complete;
    let rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE self_assessment SET status = $1, revision = revision + 1, updated_at = $2, updated_by = $3,
                round = CASE WHEN $4 THEN round + 1 ELSE round END,
                submitted_at = CASE WHEN $4 THEN $2 ELSE submitted_at END,
                first_submitted_at = CASE WHEN $4 THEN COALESCE(first_submitted_at, $2) ELSE first_submitted_at END,
                late = CASE WHEN $4 AND round = 0 THEN $5 ELSE late END,
                moderated_at = CASE WHEN $6 THEN $2 ELSE moderated_at END,
                moderated_by = CASE WHEN $6 THEN $3 ELSE moderated_by END
         WHERE id = $7 AND status = $8 AND revision = $9 RETURNING revision"
    ).bind(to.as_str()).bind(at).bind(&actor.name).bind(submit).bind(late).bind(complete)
     .bind(head.id).bind(from.as_str()).bind(based_on).fetch_optional(&mut *conn).await)?;
    match rev {
        Some(r) => Ok(Ok((r, to))),
        None => {
            let row: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
                "SELECT revision FROM self_assessment WHERE id = $1"
            ).bind(head.id).fetch_optional(&mut *conn).await)?;
            Ok(Err(row.map_or(Refused::Missing, Refused::Stale)))
        }
    }
}

async fn record_status(
    tx: &mut Tx,
    actor: &Actor,
    head: &AssessmentHeader,
    to: AssessmentStatus,
    summary: String,
    extra: Option<serde_json::Value>,
) -> DbResult<()> {
    let mut r = entry(
        actor,
        AuditAction::StatusChange,
        "self_assessment",
        head.id,
        Some(head.partnership_id),
        summary,
    );
    r.before = Some(json!({ "status": head.status, "round": head.round }));
    let mut after = json!({ "status": to.as_str() });
    if let (Some(extra), Some(obj)) = (extra, after.as_object_mut()) {
        obj.insert("detail".into(), extra);
    }
    r.after = Some(after);
    audit::record(tx, r).await
}

/// Submits (or resubmits) the assessment; `late` when past the calendar's due date (kept from
/// the first submission).
pub async fn submit(
    tx: &mut Tx,
    actor: &Actor,
    head: &AssessmentHeader,
    based_on: i64,
    late: bool,
) -> DbResult<Saved<i64>> {
    submit_at(tx, actor, head, based_on, late, now()).await
}

/// As [`submit`], recorded as made at `at` (a submission made on paper and entered later, or
/// the demo's, which falls in April).
pub async fn submit_at(
    tx: &mut Tx,
    actor: &Actor,
    head: &AssessmentHeader,
    based_on: i64,
    late: bool,
    at: chrono::DateTime<chrono::Utc>,
) -> DbResult<Saved<i64>> {
    let out = change_status(tx, actor, head, based_on, AssessmentEvent::Submit, late, at).await?;
    if let Ok((_, to)) = out {
        let what = if head.round == 0 {
            "Submitted"
        } else {
            "Resubmitted"
        };
        let late_words = if late && head.round == 0 {
            " (late)"
        } else {
            ""
        };
        let summary = format!("{what} the {} self-assessment{late_words}", head.year);
        record_status(tx, actor, head, to, summary, None).await?;
    }
    Ok(out.map(|(rev, _)| rev))
}

/// Records the district manager's decisions and questions; moderation has begun.
pub async fn moderate(
    tx: &mut Tx,
    actor: &Actor,
    head: &AssessmentHeader,
    based_on: i64,
    input: &ModerationInput,
) -> DbResult<Saved<i64>> {
    let out = change_status(
        tx,
        actor,
        head,
        based_on,
        AssessmentEvent::Moderate,
        false,
        now(),
    )
    .await?;
    let Ok((rev, to)) = out else {
        return Ok(out.map(|(rev, _)| rev));
    };
    let at = now();
    for d in &input.decisions {
        with_tx!(tx, conn => sqlx::query(
            "UPDATE assessment_standard SET moderated_grade = $1, moderation_reason = $2,
                    revision = revision + 1, updated_at = $3, updated_by = $4
             WHERE assessment_id = $5 AND standard_id = $6"
        ).bind(i32::from(d.grade.number())).bind(&d.reason).bind(at).bind(&actor.name)
         .bind(head.id).bind(d.standard_id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    for (standard, body) in &input.questions {
        with_tx!(tx, conn => sqlx::query(
            "INSERT INTO assessment_question (assessment_id, standard_id, round, body, asked_by, asked_at)
             VALUES ($1, $2, $3, $4, $5, $6)"
        ).bind(head.id).bind(standard).bind(head.round).bind(body).bind(&actor.name).bind(at)
         .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    let changed = input
        .decisions
        .iter()
        .filter(|d| !d.reason.is_empty())
        .count();
    let summary = format!(
        "Moderated the {} self-assessment: {} grades agreed, {changed} changed, {} questions asked",
        head.year,
        input.decisions.len() - changed,
        input.questions.len()
    );
    let detail = json!({
        "decisions": input.decisions.iter().map(|d| json!({
            "standard": d.standard_id, "grade": d.grade.number(), "reason": d.reason,
        })).collect::<Vec<_>>(),
        "questions": input.questions.iter().map(|(s, b)| json!({ "standard": s, "question": b })).collect::<Vec<_>>(),
    });
    record_status(tx, actor, head, to, summary, Some(detail)).await?;
    Ok(Ok(rev))
}

/// Returns the assessment to the partnership with the questions asked.
pub async fn return_with_questions(
    tx: &mut Tx,
    actor: &Actor,
    head: &AssessmentHeader,
    based_on: i64,
) -> DbResult<Saved<i64>> {
    let out = change_status(
        tx,
        actor,
        head,
        based_on,
        AssessmentEvent::Return,
        false,
        now(),
    )
    .await?;
    if let Ok((_, to)) = out {
        let summary = format!("Returned the {} self-assessment with questions", head.year);
        record_status(tx, actor, head, to, summary, None).await?;
    }
    Ok(out.map(|(rev, _)| rev))
}

/// Completes the moderation: the assessment is locked from now on.
pub async fn complete(
    tx: &mut Tx,
    actor: &Actor,
    head: &AssessmentHeader,
    based_on: i64,
) -> DbResult<Saved<i64>> {
    complete_at(tx, actor, head, based_on, now()).await
}

/// As [`complete`], recorded as done at `at`.
pub async fn complete_at(
    tx: &mut Tx,
    actor: &Actor,
    head: &AssessmentHeader,
    based_on: i64,
    at: chrono::DateTime<chrono::Utc>,
) -> DbResult<Saved<i64>> {
    let out = change_status(
        tx,
        actor,
        head,
        based_on,
        AssessmentEvent::Complete,
        false,
        at,
    )
    .await?;
    if let Ok((_, to)) = out {
        let summary = format!(
            "Completed the moderation of the {} self-assessment",
            head.year
        );
        record_status(tx, actor, head, to, summary, None).await?;
    }
    Ok(out.map(|(rev, _)| rev))
}
