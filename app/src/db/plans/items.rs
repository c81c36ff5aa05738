//! Measures and actions of a priority.

use super::before::{action_json, action_now, measure_json, measure_now};
use super::*;

/// Whether the priority belongs to the plan.
async fn priority_in_plan(tx: &mut Tx, priority_id: i64, plan_id: i64) -> DbResult<bool> {
    let n: i64 = with_tx!(tx, conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM plan_priority WHERE id = $1 AND plan_id = $2"
    ).bind(priority_id).bind(plan_id).fetch_one(&mut *conn).await)?;
    Ok(n == 1)
}

/// Before a measure or action is written: the plan is a draft (and marked changed) and the
/// priority is one of its own.
async fn open_priority(
    tx: &mut Tx,
    actor: &Actor,
    plan_id: i64,
    priority_id: i64,
) -> DbResult<Saved<()>> {
    if let Err(r) = touch_draft(tx, actor, plan_id).await? {
        return Ok(Err(r));
    }
    if !priority_in_plan(tx, priority_id, plan_id).await? {
        return Ok(Err(Refused::Missing));
    }
    Ok(Ok(()))
}

/// Adds (`measure_id` `None`) or saves a measure. Returns its id and new revision.
#[allow(clippy::too_many_arguments)]
pub async fn save_measure(
    tx: &mut Tx,
    actor: &Actor,
    plan_id: i64,
    partnership_id: i64,
    priority_id: i64,
    measure_id: Option<i64>,
    based_on: i64,
    input: &MeasureInput,
    indicator_id: Option<i64>,
) -> DbResult<Saved<(i64, i64)>> {
    if let Err(r) = open_priority(tx, actor, plan_id, priority_id).await? {
        return Ok(Err(r));
    }
    let at = now();
    let before = match measure_id {
        Some(id) => measure_now(tx, id, plan_id).await?,
        None => None,
    };
    let (id, rev, action) = match measure_id {
        None => {
            let id: i64 = with_tx!(tx, conn => sqlx::query_scalar(
                "INSERT INTO plan_measure (priority_id, indicator_id, baseline, baseline_period, target, due, updated_at, updated_by)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
            ).bind(priority_id).bind(indicator_id).bind(input.baseline).bind(&input.baseline_period)
             .bind(input.target).bind(input.due).bind(at).bind(&actor.name)
             .fetch_one(&mut *conn).await)?;
            (id, 1, AuditAction::Create)
        }
        Some(id) => {
            let rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
                "UPDATE plan_measure SET indicator_id = $1, baseline = $2, baseline_period = $3,
                        target = $4, due = $5, revision = revision + 1, updated_at = $6, updated_by = $7
                 WHERE id = $8 AND revision = $9
                   AND priority_id IN (SELECT id FROM plan_priority WHERE plan_id = $10)
                 RETURNING revision"
            ).bind(indicator_id).bind(input.baseline).bind(&input.baseline_period).bind(input.target)
             .bind(input.due).bind(at).bind(&actor.name).bind(id).bind(based_on).bind(plan_id)
             .fetch_optional(&mut *conn).await)?;
            match rev {
                Some(rev) => (id, rev, AuditAction::Update),
                None => {
                    return why_not(
                        tx,
                        "SELECT m.revision FROM plan_measure m JOIN plan_priority pp ON pp.id = m.priority_id
                         WHERE m.id = $1 AND pp.plan_id = $2",
                        id,
                        plan_id,
                    )
                    .await
                    .map(Err)
                }
            }
        }
    };
    let mut r = entry(
        actor,
        action,
        "plan_measure",
        id,
        partnership_id,
        format!(
            "{} a measure ({})",
            if action == AuditAction::Create {
                "Added"
            } else {
                "Changed"
            },
            input
                .indicator_code
                .as_deref()
                .unwrap_or("no indicator yet")
        ),
    );
    r.before = before.as_ref().map(measure_json);
    r.after = Some(measure_json(input));
    audit::record(tx, r).await?;
    Ok(Ok((id, rev)))
}

/// A measure or an action of a priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Measure,
    Action,
}

impl Item {
    fn table(self) -> &'static str {
        match self {
            Item::Measure => "plan_measure",
            Item::Action => "plan_action",
        }
    }

    /// "that measure", as people are told what could not be found.
    pub fn that(self) -> &'static str {
        match self {
            Item::Measure => "that measure",
            Item::Action => "that action",
        }
    }

    /// Its pages' segment: `measures` or `actions`.
    pub fn path(self) -> &'static str {
        match self {
            Item::Measure => "measures",
            Item::Action => "actions",
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            Item::Measure => "measure",
            Item::Action => "action",
        }
    }

    pub fn removed(self) -> &'static str {
        match self {
            Item::Measure => "The measure has been removed.",
            Item::Action => "The action has been removed.",
        }
    }
}

/// Removes a measure or an action from a draft plan, recording what it held.
pub async fn remove_item(
    tx: &mut Tx,
    actor: &Actor,
    plan_id: i64,
    partnership_id: i64,
    item: Item,
    id: i64,
) -> DbResult<Saved<()>> {
    if let Err(r) = touch_draft(tx, actor, plan_id).await? {
        return Ok(Err(r));
    }
    let before = match item {
        Item::Measure => measure_now(tx, id, plan_id)
            .await?
            .as_ref()
            .map(measure_json),
        Item::Action => action_now(tx, id, plan_id).await?.as_ref().map(action_json),
    };
    let table = item.table();
    let sql = format!(
        "DELETE FROM {table} WHERE id = $1 AND priority_id IN (SELECT id FROM plan_priority WHERE plan_id = $2)"
    );
    let n = with_tx!(tx, conn => sqlx::query(&sql).bind(id).bind(plan_id)
        .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(Err(Refused::Missing));
    }
    let what = match item {
        Item::Measure => "a measure",
        Item::Action => "an action",
    };
    let mut r = entry(
        actor,
        AuditAction::Delete,
        table,
        id,
        partnership_id,
        format!("Removed {what}"),
    );
    r.before = before;
    audit::record(tx, r).await?;
    Ok(Ok(()))
}

/// Adds (`action_id` `None`) or saves an action and its supporting partners. Returns its id
/// and new revision.
#[allow(clippy::too_many_arguments)]
pub async fn save_action(
    tx: &mut Tx,
    actor: &Actor,
    plan_id: i64,
    partnership_id: i64,
    priority_id: i64,
    action_id: Option<i64>,
    based_on: i64,
    input: &ActionInput,
) -> DbResult<Saved<(i64, i64)>> {
    if let Err(r) = open_priority(tx, actor, plan_id, priority_id).await? {
        return Ok(Err(r));
    }
    let at = now();
    let before = match action_id {
        Some(id) => action_now(tx, id, plan_id).await?,
        None => None,
    };
    let (id, rev, action) = match action_id {
        None => {
            let id: i64 = with_tx!(tx, conn => sqlx::query_scalar(
                "INSERT INTO plan_action (priority_id, description, lead_organisation_id, start_date, due_date,
                        resources, pooled_budget_pence, commissioning, status, updated_at, updated_by)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"
            ).bind(priority_id).bind(&input.description).bind(input.lead_partner).bind(input.start)
             .bind(input.due).bind(&input.resources).bind(input.pooled_budget_pence)
             .bind(input.commissioning.as_str()).bind(input.status.as_str()).bind(at).bind(&actor.name)
             .fetch_one(&mut *conn).await)?;
            (id, 1, AuditAction::Create)
        }
        Some(id) => {
            let rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
                "UPDATE plan_action SET description = $1, lead_organisation_id = $2, start_date = $3,
                        due_date = $4, resources = $5, pooled_budget_pence = $6, commissioning = $7,
                        status = $8, revision = revision + 1, updated_at = $9, updated_by = $10
                 WHERE id = $11 AND revision = $12
                   AND priority_id IN (SELECT id FROM plan_priority WHERE plan_id = $13)
                 RETURNING revision"
            ).bind(&input.description).bind(input.lead_partner).bind(input.start).bind(input.due)
             .bind(&input.resources).bind(input.pooled_budget_pence).bind(input.commissioning.as_str())
             .bind(input.status.as_str()).bind(at).bind(&actor.name).bind(id).bind(based_on).bind(plan_id)
             .fetch_optional(&mut *conn).await)?;
            match rev {
                Some(rev) => {
                    with_tx!(tx, conn => sqlx::query("DELETE FROM plan_action_supporter WHERE action_id = $1")
                        .bind(id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
                    (id, rev, AuditAction::Update)
                }
                None => {
                    return why_not(
                        tx,
                        "SELECT a.revision FROM plan_action a JOIN plan_priority pp ON pp.id = a.priority_id
                         WHERE a.id = $1 AND pp.plan_id = $2",
                        id,
                        plan_id,
                    )
                    .await
                    .map(Err)
                }
            }
        }
    };
    for org in &input.supporting_partners {
        with_tx!(tx, conn => sqlx::query(
            "INSERT INTO plan_action_supporter (action_id, organisation_id) VALUES ($1, $2)"
        ).bind(id).bind(org).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    let mut r = entry(
        actor,
        action,
        "plan_action",
        id,
        partnership_id,
        format!(
            "{} the action “{}”",
            if action == AuditAction::Create {
                "Added"
            } else {
                "Changed"
            },
            input.description
        ),
    );
    r.before = before.as_ref().map(action_json);
    r.after = Some(action_json(input));
    audit::record(tx, r).await?;
    Ok(Ok((id, rev)))
}
