//! The plan's own texts and its priorities.

use super::before::{priority_json, priority_now};
use super::*;

/// Starts a partnership's plan for a year: the Board's published priorities for that year are
/// put in, with their outcome (and cannot be removed); with `carry_forward`, so are the local priorities of last year's plan.
pub async fn start(
    tx: &mut Tx,
    actor: &Actor,
    partnership_id: i64,
    year: PlanYear,
    carry_forward: bool,
) -> DbResult<i64> {
    let at = now();
    let plan_id: i64 = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO plan (partnership_id, plan_year, status, created_at, updated_at, updated_by)
         VALUES ($1, $2, 'draft', $3, $3, $4) RETURNING id"
    ).bind(partnership_id).bind(year.first_year()).bind(at).bind(&actor.name)
     .fetch_one(&mut *conn).await)?;
    let mandated = with_tx!(tx, conn => sqlx::query(
        "INSERT INTO plan_priority (plan_id, board_priority_id, title, outcome, position, updated_at, updated_by)
         SELECT $1, bp.id, bp.title, bp.outcome, bp.position, $2, $3 FROM board_priority bp
         JOIN partnership pt ON pt.trust_id = bp.trust_id
         WHERE pt.id = $4 AND bp.plan_year = $5 AND bp.published_at IS NOT NULL"
    ).bind(plan_id).bind(at).bind(&actor.name).bind(partnership_id).bind(year.first_year())
     .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    let carried = if carry_forward {
        with_tx!(tx, conn => sqlx::query(
            "INSERT INTO plan_priority (plan_id, title, outcome, champion, challenger, position, updated_at, updated_by)
             SELECT $1, pp.title, pp.outcome, pp.champion, pp.challenger, 1000 + pp.position, $2, $3
             FROM plan_priority pp JOIN plan prev ON prev.id = pp.plan_id
             WHERE prev.partnership_id = $4 AND prev.plan_year = $5 AND pp.board_priority_id IS NULL"
        ).bind(plan_id).bind(at).bind(&actor.name).bind(partnership_id).bind(year.first_year() - 1)
         .execute(&mut *conn).await.map(|r| r.rows_affected()))?
    } else {
        0
    };
    let mut record = entry(
        actor,
        AuditAction::Create,
        "plan",
        plan_id,
        partnership_id,
        format!("Started the {year} plan"),
    );
    record.after = Some(json!({
        "year": year.to_string(), "board_priorities": mandated, "carried_forward": carried
    }));
    audit::record(tx, record).await?;
    Ok(plan_id)
}

/// Whether last year's plan exists and has local priorities to carry forward.
pub async fn local_priorities_last_year(
    db: &Db,
    partnership_id: i64,
    year: PlanYear,
) -> DbResult<i64> {
    Ok(with_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM plan_priority pp JOIN plan p ON p.id = pp.plan_id
         WHERE p.partnership_id = $1 AND p.plan_year = $2 AND pp.board_priority_id IS NULL"
    ).bind(partnership_id).bind(year.first_year() - 1).fetch_one(pool).await)?)
}

/// Saves the needs-analysis summary and what children and young people said.
pub async fn save_about(
    tx: &mut Tx,
    actor: &Actor,
    plan_id: i64,
    partnership_id: i64,
    based_on: i64,
    needs_summary: &str,
    young_people_said: &str,
) -> DbResult<Saved<i64>> {
    let before: Option<(String, String)> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT needs_summary, young_people_said FROM plan WHERE id = $1"
    ).bind(plan_id).fetch_optional(&mut *conn).await)?;
    let rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE plan SET needs_summary = $1, young_people_said = $2, revision = revision + 1,
                updated_at = $3, updated_by = $4
         WHERE id = $5 AND status = 'draft' AND revision = $6 RETURNING revision"
    ).bind(needs_summary).bind(young_people_said).bind(now()).bind(&actor.name)
     .bind(plan_id).bind(based_on).fetch_optional(&mut *conn).await)?;
    match rev {
        Some(rev) => {
            let mut r = entry(
                actor,
                AuditAction::Update,
                "plan",
                plan_id,
                partnership_id,
                "Changed the needs analysis and what children and young people said".into(),
            );
            r.before = before.map(|(n, y)| json!({ "needs_summary": n, "young_people_said": y }));
            r.after = Some(
                json!({ "needs_summary": needs_summary, "young_people_said": young_people_said }),
            );
            audit::record(tx, r).await?;
            Ok(Ok(rev))
        }
        None => plan_refusal(tx, plan_id).await.map(Err),
    }
}

/// Saves the edited children and young people's version (`None` goes back to the generated one).
pub async fn save_young_people_version(
    tx: &mut Tx,
    actor: &Actor,
    plan_id: i64,
    partnership_id: i64,
    based_on: i64,
    text: Option<&str>,
) -> DbResult<Saved<i64>> {
    let before: Option<Option<String>> = with_tx!(tx, conn => sqlx::query_scalar(
        "SELECT young_people_version FROM plan WHERE id = $1"
    ).bind(plan_id).fetch_optional(&mut *conn).await)?;
    let rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE plan SET young_people_version = $1, revision = revision + 1, updated_at = $2, updated_by = $3
         WHERE id = $4 AND status = 'draft' AND revision = $5 RETURNING revision"
    ).bind(text).bind(now()).bind(&actor.name).bind(plan_id).bind(based_on)
     .fetch_optional(&mut *conn).await)?;
    match rev {
        Some(rev) => {
            let mut r = entry(
                actor,
                AuditAction::Update,
                "plan",
                plan_id,
                partnership_id,
                match text {
                    Some(_) => "Edited the children and young people's version".into(),
                    None => "Went back to the generated children and young people's version".into(),
                },
            );
            r.before = before.map(|b| json!({ "young_people_version": b }));
            r.after = Some(json!({ "young_people_version": text }));
            audit::record(tx, r).await?;
            Ok(Ok(rev))
        }
        None => plan_refusal(tx, plan_id).await.map(Err),
    }
}

/// Adds a local priority at the end of the plan.
pub async fn add_priority(
    tx: &mut Tx,
    actor: &Actor,
    plan_id: i64,
    partnership_id: i64,
    input: &PriorityInput,
) -> DbResult<Saved<i64>> {
    if let Err(r) = touch_draft(tx, actor, plan_id).await? {
        return Ok(Err(r));
    }
    let id: i64 = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO plan_priority (plan_id, title, outcome, champion, challenger, position, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5,
                 (SELECT COALESCE(MAX(position), 0) + 1 FROM plan_priority WHERE plan_id = $1), $6, $7)
         RETURNING id"
    ).bind(plan_id).bind(&input.title).bind(&input.outcome).bind(&input.champion).bind(&input.challenger)
     .bind(now()).bind(&actor.name).fetch_one(&mut *conn).await)?;
    let mut r = entry(
        actor,
        AuditAction::Create,
        "plan_priority",
        id,
        partnership_id,
        format!("Added the priority “{}”", input.title),
    );
    r.after = Some(priority_json(input));
    audit::record(tx, r).await?;
    Ok(Ok(id))
}

/// Saves a priority's own fields. A mandated priority keeps the Board's title.
pub async fn save_priority(
    tx: &mut Tx,
    actor: &Actor,
    plan_id: i64,
    partnership_id: i64,
    priority_id: i64,
    based_on: i64,
    input: &PriorityInput,
) -> DbResult<Saved<i64>> {
    if let Err(r) = touch_draft(tx, actor, plan_id).await? {
        return Ok(Err(r));
    }
    let before = priority_now(tx, priority_id, plan_id).await?;
    let rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE plan_priority SET
            title = CASE WHEN board_priority_id IS NULL THEN $1 ELSE title END,
            outcome = $2, champion = $3, challenger = $4, revision = revision + 1,
            updated_at = $5, updated_by = $6
         WHERE id = $7 AND plan_id = $8 AND revision = $9 RETURNING revision"
    ).bind(&input.title).bind(&input.outcome).bind(&input.champion).bind(&input.challenger)
     .bind(now()).bind(&actor.name).bind(priority_id).bind(plan_id).bind(based_on)
     .fetch_optional(&mut *conn).await)?;
    let Some(rev) = rev else {
        return why_not(
            tx,
            "SELECT revision FROM plan_priority WHERE id = $1 AND plan_id = $2",
            priority_id,
            plan_id,
        )
        .await
        .map(Err);
    };
    let mut r = entry(
        actor,
        AuditAction::Update,
        "plan_priority",
        priority_id,
        partnership_id,
        format!("Changed the priority “{}”", input.title),
    );
    r.before = before.as_ref().map(priority_json);
    r.after = Some(priority_json(input));
    audit::record(tx, r).await?;
    Ok(Ok(rev))
}

/// Removes a local priority with its measures and actions.
pub async fn remove_priority(
    tx: &mut Tx,
    actor: &Actor,
    plan_id: i64,
    partnership_id: i64,
    priority_id: i64,
) -> DbResult<Saved<()>> {
    if let Err(r) = touch_draft(tx, actor, plan_id).await? {
        return Ok(Err(r));
    }
    let found: Option<(String, Option<i64>)> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT title, board_priority_id FROM plan_priority WHERE id = $1 AND plan_id = $2"
    ).bind(priority_id).bind(plan_id).fetch_optional(&mut *conn).await)?;
    let title = match found {
        None => return Ok(Err(Refused::Missing)),
        Some((_, Some(_))) => return Ok(Err(Refused::Mandated)),
        Some((title, None)) => title,
    };
    let before = priority_now(tx, priority_id, plan_id).await?;
    let (measures, actions): (i64, i64) = with_tx!(tx, conn => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM plan_measure WHERE priority_id = $1),
                (SELECT COUNT(*) FROM plan_action WHERE priority_id = $1)"
    ).bind(priority_id).fetch_one(&mut *conn).await)?;
    with_tx!(tx, conn => sqlx::query("DELETE FROM plan_priority WHERE id = $1")
        .bind(priority_id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    let mut r = entry(
        actor,
        AuditAction::Delete,
        "plan_priority",
        priority_id,
        partnership_id,
        format!("Removed the priority “{title}”"),
    );
    r.before = before.as_ref().map(|p| {
        let mut v = priority_json(p);
        v["measures"] = json!(measures);
        v["actions"] = json!(actions);
        v
    });
    audit::record(tx, r).await?;
    Ok(Ok(()))
}
