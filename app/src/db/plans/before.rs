//! What a measure, action or priority holds now, read in the writer's transaction just before a
//! change, so that the audit entry records the values before as well as after — in the same
//! shape, so the two can be compared key by key.

use super::*;
use crate::domain::plan::{ActionStatus, Commissioning};

#[derive(sqlx::FromRow)]
struct MeasureNow {
    indicator_code: Option<String>,
    baseline: Option<f64>,
    baseline_period: Option<String>,
    target: Option<f64>,
    due: Option<NaiveDate>,
}

pub(super) async fn measure_now(
    tx: &mut Tx,
    id: i64,
    plan_id: i64,
) -> DbResult<Option<MeasureInput>> {
    let row: Option<MeasureNow> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT i.code AS indicator_code, m.baseline, m.baseline_period, m.target, m.due
         FROM plan_measure m JOIN plan_priority pp ON pp.id = m.priority_id
         LEFT JOIN indicator i ON i.id = m.indicator_id
         WHERE m.id = $1 AND pp.plan_id = $2"
    ).bind(id).bind(plan_id).fetch_optional(&mut *conn).await)?;
    Ok(row.map(|m| MeasureInput {
        indicator_code: m.indicator_code,
        baseline: m.baseline,
        baseline_period: m.baseline_period,
        target: m.target,
        due: m.due,
    }))
}

pub(super) fn measure_json(m: &MeasureInput) -> serde_json::Value {
    json!({
        "indicator": m.indicator_code, "baseline": m.baseline,
        "baseline_period": m.baseline_period, "target": m.target, "due": m.due
    })
}

#[derive(sqlx::FromRow)]
struct ActionNow {
    description: String,
    lead_organisation_id: Option<i64>,
    start_date: Option<NaiveDate>,
    due_date: Option<NaiveDate>,
    resources: String,
    pooled_budget_pence: Option<i64>,
    commissioning: String,
    status: String,
}

pub(super) async fn action_now(
    tx: &mut Tx,
    id: i64,
    plan_id: i64,
) -> DbResult<Option<ActionInput>> {
    let row: Option<ActionNow> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT a.description, a.lead_organisation_id, a.start_date, a.due_date, a.resources,
                a.pooled_budget_pence, a.commissioning, a.status
         FROM plan_action a JOIN plan_priority pp ON pp.id = a.priority_id
         WHERE a.id = $1 AND pp.plan_id = $2"
    ).bind(id).bind(plan_id).fetch_optional(&mut *conn).await)?;
    let Some(a) = row else { return Ok(None) };
    let supporting_partners: Vec<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "SELECT organisation_id FROM plan_action_supporter WHERE action_id = $1 ORDER BY organisation_id"
    ).bind(id).fetch_all(&mut *conn).await)?;
    let commissioning: Commissioning = a
        .commissioning
        .parse()
        .map_err(|e| DbError::corrupt("plan_action", e))?;
    let status: ActionStatus = a
        .status
        .parse()
        .map_err(|e| DbError::corrupt("plan_action", e))?;
    Ok(Some(ActionInput {
        description: a.description,
        lead_partner: a.lead_organisation_id,
        supporting_partners,
        start: a.start_date,
        due: a.due_date,
        resources: a.resources,
        pooled_budget_pence: a.pooled_budget_pence,
        commissioning,
        status,
    }))
}

pub(super) fn action_json(a: &ActionInput) -> serde_json::Value {
    json!({
        "description": a.description, "lead": a.lead_partner,
        "supporting": a.supporting_partners, "start": a.start, "due": a.due,
        "resources": a.resources, "pooled_budget_pence": a.pooled_budget_pence,
        "commissioning": a.commissioning.as_str(), "status": a.status.as_str()
    })
}

#[derive(sqlx::FromRow)]
struct PriorityNow {
    title: String,
    outcome: String,
    champion: Option<String>,
    challenger: Option<String>,
}

pub(super) async fn priority_now(
    tx: &mut Tx,
    id: i64,
    plan_id: i64,
) -> DbResult<Option<PriorityInput>> {
    let row: Option<PriorityNow> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT title, outcome, champion, challenger FROM plan_priority WHERE id = $1 AND plan_id = $2"
    ).bind(id).bind(plan_id).fetch_optional(&mut *conn).await)?;
    Ok(row.map(|p| PriorityInput {
        title: p.title,
        outcome: p.outcome,
        champion: p.champion,
        challenger: p.challenger,
    }))
}

pub(super) fn priority_json(p: &PriorityInput) -> serde_json::Value {
    json!({ "title": p.title, "outcome": p.outcome, "champion": p.champion, "challenger": p.challenger })
}
