//! What the partnership writes: each action's progress, each measure's forecast and
//! commentary, and the summary — each refused when someone saved it first.

use super::*;
use crate::domain::midyear::{ActionProgressInput, MeasureNoteInput};

/// Why an update of a part matched nothing: gone, or moved on (the revision now saved).
async fn part_refusal(
    tx: &mut Tx,
    table: &str,
    key: &str,
    review: i64,
    id: i64,
) -> DbResult<Refused> {
    let current: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(&format!(
        "SELECT revision FROM {table} WHERE review_id = $1 AND {key} = $2"
    )).bind(review).bind(id).fetch_optional(&mut *conn).await)?;
    Ok(current.map_or(Refused::Missing, Refused::Stale))
}

/// Saves an action's progress, if it is still at the revision the person saw.
pub async fn save_action(
    tx: &mut Tx,
    actor: &Actor,
    head: &ReviewHeader,
    action_id: i64,
    based_on: i64,
    input: &ActionProgressInput,
    name: &str,
) -> DbResult<Saved<i64>> {
    if let Err(r) = touch_editable(tx, actor, head.id).await? {
        return Ok(Err(r));
    }
    let before: Option<(String, Option<chrono::NaiveDate>)> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT progress, revised_due FROM mid_year_action WHERE review_id = $1 AND action_id = $2"
    ).bind(head.id).bind(action_id).fetch_optional(&mut *conn).await)?;
    let rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE mid_year_action SET progress = $1, commentary = $2, corrective_action = $3,
                corrective_owner = $4, corrective_due = $5, revised_due = $6, slip_reason = $7,
                revision = revision + 1, updated_at = $8, updated_by = $9
         WHERE review_id = $10 AND action_id = $11 AND revision = $12 RETURNING revision"
    ).bind(input.progress.as_str()).bind(&input.commentary).bind(&input.corrective_action)
     .bind(&input.corrective_owner).bind(input.corrective_due).bind(input.revised_due)
     .bind(&input.slip_reason).bind(now()).bind(&actor.name).bind(head.id).bind(action_id)
     .bind(based_on).fetch_optional(&mut *conn).await)?;
    let Some(rev) = rev else {
        return part_refusal(tx, "mid_year_action", "action_id", head.id, action_id)
            .await
            .map(Err);
    };
    let mut r = entry(
        actor,
        AuditAction::Update,
        "mid_year_action",
        format!("{}:{action_id}", head.id),
        Some(head.partnership_id),
        format!("Changed the mid-year progress of “{name}”"),
    );
    r.before = before.map(|(p, d)| json!({ "progress": p, "revised_due": d }));
    r.after = Some(json!({
        "progress": input.progress.as_str(), "commentary": input.commentary,
        "corrective_action": input.corrective_action, "corrective_owner": input.corrective_owner,
        "corrective_due": input.corrective_due, "revised_due": input.revised_due,
        "slip_reason": input.slip_reason,
    }));
    audit::record(tx, r).await?;
    Ok(Ok(rev))
}

/// Saves a measure's forecast and commentary, if still at the revision the person saw.
pub async fn save_measure(
    tx: &mut Tx,
    actor: &Actor,
    head: &ReviewHeader,
    measure_id: i64,
    based_on: i64,
    input: &MeasureNoteInput,
    name: &str,
) -> DbResult<Saved<i64>> {
    if let Err(r) = touch_editable(tx, actor, head.id).await? {
        return Ok(Err(r));
    }
    let rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE mid_year_measure SET forecast = $1, commentary = $2, revision = revision + 1,
                updated_at = $3, updated_by = $4
         WHERE review_id = $5 AND measure_id = $6 AND revision = $7 RETURNING revision"
    ).bind(input.forecast).bind(&input.commentary).bind(now()).bind(&actor.name)
     .bind(head.id).bind(measure_id).bind(based_on).fetch_optional(&mut *conn).await)?;
    let Some(rev) = rev else {
        return part_refusal(tx, "mid_year_measure", "measure_id", head.id, measure_id)
            .await
            .map(Err);
    };
    let mut r = entry(
        actor,
        AuditAction::Update,
        "mid_year_measure",
        format!("{}:{measure_id}", head.id),
        Some(head.partnership_id),
        format!("Changed the mid-year forecast of “{name}”"),
    );
    r.after = Some(json!({ "forecast": input.forecast, "commentary": input.commentary }));
    audit::record(tx, r).await?;
    Ok(Ok(rev))
}

/// Saves the summary, if the review is still at the revision the person saw.
pub async fn save_summary(
    tx: &mut Tx,
    actor: &Actor,
    head: &ReviewHeader,
    based_on: i64,
    going_well: &str,
    board_should_know: &str,
) -> DbResult<Saved<i64>> {
    let rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE mid_year_review SET going_well = $1, board_should_know = $2, revision = revision + 1,
                updated_at = $3, updated_by = $4
         WHERE id = $5 AND revision = $6 AND status IN ('draft', 'returned') RETURNING revision"
    ).bind(going_well).bind(board_should_know).bind(now()).bind(&actor.name).bind(head.id)
     .bind(based_on).fetch_optional(&mut *conn).await)?;
    let Some(rev) = rev else {
        let row: Option<(String, i64)> = with_tx!(tx, conn => sqlx::query_as(
            "SELECT status, revision FROM mid_year_review WHERE id = $1"
        ).bind(head.id).fetch_optional(&mut *conn).await)?;
        return Ok(Err(match row {
            None => Refused::Missing,
            Some((s, _)) if s != "draft" && s != "returned" => Refused::NotDraft,
            Some((_, rev)) => Refused::Stale(rev),
        }));
    };
    let mut r = entry(
        actor,
        AuditAction::Update,
        "mid_year_review",
        head.id,
        Some(head.partnership_id),
        "Changed the mid-year review's summary".into(),
    );
    r.after = Some(json!({ "going_well": going_well, "board_should_know": board_should_know }));
    audit::record(tx, r).await?;
    Ok(Ok(rev))
}
