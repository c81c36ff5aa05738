//! The workflow: submit (and resubmit), return with comments, accept (which freezes the
//! review). Which status follows is the domain's decision
//! ([`crate::domain::midyear::transition`]); this only writes it.

use super::*;
use crate::domain::midyear::{transition, MidYearEvent};

/// Applies `event` if the review is still at the revision the person saw (`based_on`),
/// bumping the revision; a submission also counts the round (and, the first time, whether it
/// was `late`); an acceptance records who accepted it and when. A comment is written first
/// (an accepted review refuses every change after).
#[allow(clippy::too_many_arguments)]
pub async fn change_status(
    tx: &mut Tx,
    actor: &Actor,
    head: &ReviewHeader,
    based_on: i64,
    event: MidYearEvent,
    comment: &str,
    late: bool,
    at: chrono::DateTime<chrono::Utc>,
) -> DbResult<Saved<i64>> {
    let from = head.status()?;
    let to = match transition(from, event) {
        Ok(to) => to,
        Err(why) => return Ok(Err(Refused::NotNow(why.0))),
    };
    let submit = event == MidYearEvent::Submit;
    let accept = event == MidYearEvent::Accept;
    // Claim the row at the revision seen before writing anything else.
    let claimed: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE mid_year_review SET updated_at = $1, updated_by = $2
         WHERE id = $3 AND status = $4 AND revision = $5 RETURNING revision"
    ).bind(at).bind(&actor.name).bind(head.id).bind(from.as_str()).bind(based_on)
     .fetch_optional(&mut *conn).await)?;
    if claimed.is_none() {
        let row: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
            "SELECT revision FROM mid_year_review WHERE id = $1"
        ).bind(head.id).fetch_optional(&mut *conn).await)?;
        return Ok(Err(row.map_or(Refused::Missing, Refused::Stale)));
    }
    if !comment.is_empty() && !submit {
        with_tx!(tx, conn => sqlx::query(
            "INSERT INTO mid_year_comment (review_id, round, kind, author_user_id, author_name, body, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)"
        ).bind(head.id).bind(head.round).bind(if accept { "accepted" } else { "returned" })
         .bind(actor.user_id).bind(&actor.name).bind(comment).bind(at)
         .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    let rev: i64 = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE mid_year_review SET status = $1, revision = revision + 1,
                round = CASE WHEN $2 THEN round + 1 ELSE round END,
                submitted_at = CASE WHEN $2 THEN $3 ELSE submitted_at END,
                first_submitted_at = CASE WHEN $2 THEN COALESCE(first_submitted_at, $3) ELSE first_submitted_at END,
                late = CASE WHEN $2 AND round = 0 THEN $4 ELSE late END,
                accepted_at = CASE WHEN $5 THEN $3 ELSE accepted_at END,
                accepted_by = CASE WHEN $5 THEN $6 ELSE accepted_by END
         WHERE id = $7 RETURNING revision"
    ).bind(to.as_str()).bind(submit).bind(at).bind(late).bind(accept).bind(&actor.name)
     .bind(head.id).fetch_one(&mut *conn).await)?;
    let summary = match event {
        MidYearEvent::Submit if head.round == 0 && late => {
            format!("Submitted the {} mid-year review (late)", head.year)
        }
        MidYearEvent::Submit if head.round == 0 => {
            format!("Submitted the {} mid-year review", head.year)
        }
        MidYearEvent::Submit => format!("Resubmitted the {} mid-year review", head.year),
        MidYearEvent::Return => format!("Returned the {} mid-year review with comments", head.year),
        MidYearEvent::Accept => format!("Accepted the {} mid-year review", head.year),
    };
    let mut r = entry(
        actor,
        AuditAction::StatusChange,
        "mid_year_review",
        head.id,
        Some(head.partnership_id),
        summary,
    );
    r.before = Some(json!({ "status": head.status, "round": head.round }));
    r.after = Some(json!({ "status": to.as_str(), "comment": comment }));
    audit::record(tx, r).await?;
    Ok(Ok(rev))
}

/// Submits (or resubmits) the review; `late` when past the calendar's due date.
pub async fn submit(
    tx: &mut Tx,
    actor: &Actor,
    head: &ReviewHeader,
    based_on: i64,
    late: bool,
) -> DbResult<Saved<i64>> {
    change_status(
        tx,
        actor,
        head,
        based_on,
        MidYearEvent::Submit,
        "",
        late,
        now(),
    )
    .await
}

/// Returns the review with a comment, or accepts it (with an optional comment).
pub async fn decide(
    tx: &mut Tx,
    actor: &Actor,
    head: &ReviewHeader,
    based_on: i64,
    event: MidYearEvent,
    comment: &str,
) -> DbResult<Saved<i64>> {
    change_status(tx, actor, head, based_on, event, comment, false, now()).await
}
