//! Local delivery plans: loading a whole plan in five queries, saving its parts with optimistic
//! concurrency (every save names the revision it was based on), the workflow, and the frozen
//! snapshots of approved versions.
//!
//! Every change is written in the caller's transaction together with its audit entry. Content
//! can only change while the plan is a draft: each write first "touches" the plan row with a
//! `status = 'draft'` condition, which also serialises writers to one plan against a change of
//! its status (a row lock on PostgreSQL; SQLite's write transactions are serial anyway).

use super::audit::{self, Actor, Record};
use super::{now, with_pool, with_tx, Db, DbError, DbResult, Tx};
use crate::domain::audit::AuditAction;
use crate::domain::plan::{
    ActionInput, IndicatorRef, Measure, MeasureInput, Plan, PlanAction, PlanStatus, Priority,
    PriorityInput,
};
pub use crate::domain::plan::{IndicatorOption, PlanComment, PlanSummary, VersionSummary};
use crate::domain::{Choice, PlanYear};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The plan is not a draft (submitted or approved): its content is frozen.
    NotDraft,
    /// The thing is not part of this plan (or no longer exists).
    Missing,
    /// Someone saved it since this person loaded it; this is the revision now saved.
    Stale(i64),
    /// A Board-mandated priority cannot be removed.
    Mandated,
}

pub type Saved<T> = Result<T, Refused>;

/// The plan row's own facts, for authorising a request before anything else is loaded.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PlanHeader {
    pub id: i64,
    pub partnership_id: i64,
    pub partnership_slug: String,
    pub plan_year: i32,
    pub status: String,
    pub version: i32,
    pub revision: i64,
}

impl PlanHeader {
    pub fn status(&self) -> DbResult<PlanStatus> {
        self.status
            .parse()
            .map_err(|_| DbError::corrupt("plan", format!("status '{}'", self.status)))
    }
}

pub async fn header(db: &Db, plan_id: i64) -> DbResult<Option<PlanHeader>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT p.id, p.partnership_id, pt.slug AS partnership_slug, p.plan_year, p.status, p.version, p.revision
         FROM plan p JOIN partnership pt ON pt.id = p.partnership_id WHERE p.id = $1"
    ).bind(plan_id).fetch_optional(pool).await)?)
}

/// The plan of a partnership for a year, if it has been started.
pub async fn find(db: &Db, partnership_id: i64, year: PlanYear) -> DbResult<Option<i64>> {
    Ok(with_pool!(db, pool => sqlx::query_scalar(
        "SELECT id FROM plan WHERE partnership_id = $1 AND plan_year = $2"
    ).bind(partnership_id).bind(year.first_year()).fetch_optional(pool).await)?)
}

#[derive(sqlx::FromRow)]
struct PlanRow {
    id: i64,
    partnership_id: i64,
    partnership_name: String,
    partnership_slug: String,
    plan_year: i32,
    status: String,
    version: i32,
    revision: i64,
    needs_summary: String,
    young_people_said: String,
    young_people_version: Option<String>,
}

#[derive(sqlx::FromRow)]
struct PriorityRow {
    id: i64,
    revision: i64,
    board_priority_id: Option<i64>,
    title: String,
    outcome: String,
    champion: Option<String>,
    challenger: Option<String>,
}

#[derive(sqlx::FromRow)]
struct MeasureRow {
    id: i64,
    priority_id: i64,
    revision: i64,
    indicator_code: Option<String>,
    indicator_title: Option<String>,
    polarity: Option<String>,
    unit: Option<String>,
    baseline: Option<f64>,
    baseline_period: Option<String>,
    target: Option<f64>,
    due: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct ActionRow {
    id: i64,
    priority_id: i64,
    revision: i64,
    description: String,
    lead_organisation_id: Option<i64>,
    lead_name: Option<String>,
    start_date: Option<NaiveDate>,
    due_date: Option<NaiveDate>,
    resources: String,
    pooled_budget_pence: Option<i64>,
    commissioning: String,
    status: String,
}

#[derive(sqlx::FromRow)]
struct SupporterRow {
    action_id: i64,
    organisation_id: i64,
    name: String,
}

/// A whole plan as it stands: five queries, whatever its size.
pub async fn load(db: &Db, plan_id: i64) -> DbResult<Option<Plan>> {
    let head: Option<PlanRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT p.id, p.partnership_id, pt.name AS partnership_name, pt.slug AS partnership_slug,
                p.plan_year, p.status, p.version, p.revision, p.needs_summary, p.young_people_said,
                p.young_people_version
         FROM plan p JOIN partnership pt ON pt.id = p.partnership_id WHERE p.id = $1"
    ).bind(plan_id).fetch_optional(pool).await)?;
    let Some(head) = head else { return Ok(None) };
    let priorities: Vec<PriorityRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, revision, board_priority_id, title, outcome, champion, challenger
         FROM plan_priority WHERE plan_id = $1 ORDER BY position, id"
    ).bind(plan_id).fetch_all(pool).await)?;
    let measures: Vec<MeasureRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT m.id, m.priority_id, m.revision, i.code AS indicator_code, i.title AS indicator_title,
                i.polarity, i.unit, m.baseline, m.baseline_period, m.target, m.due
         FROM plan_measure m JOIN plan_priority pp ON pp.id = m.priority_id
         LEFT JOIN indicator i ON i.id = m.indicator_id
         WHERE pp.plan_id = $1 ORDER BY m.id"
    ).bind(plan_id).fetch_all(pool).await)?;
    let actions: Vec<ActionRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT a.id, a.priority_id, a.revision, a.description, a.lead_organisation_id,
                o.name AS lead_name, a.start_date, a.due_date, a.resources, a.pooled_budget_pence,
                a.commissioning, a.status
         FROM plan_action a JOIN plan_priority pp ON pp.id = a.priority_id
         LEFT JOIN organisation o ON o.id = a.lead_organisation_id
         WHERE pp.plan_id = $1 ORDER BY a.id"
    ).bind(plan_id).fetch_all(pool).await)?;
    let supporters: Vec<SupporterRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT s.action_id, s.organisation_id, o.name
         FROM plan_action_supporter s JOIN plan_action a ON a.id = s.action_id
         JOIN plan_priority pp ON pp.id = a.priority_id JOIN organisation o ON o.id = s.organisation_id
         WHERE pp.plan_id = $1 ORDER BY o.name"
    ).bind(plan_id).fetch_all(pool).await)?;

    let mut organisations = BTreeMap::new();
    let mut indicators = BTreeMap::new();
    let mut out: Vec<Priority> = priorities
        .into_iter()
        .map(|p| Priority {
            id: p.id,
            revision: p.revision,
            title: p.title,
            mandated: p.board_priority_id.is_some(),
            outcome: p.outcome,
            champion: p.champion,
            challenger: p.challenger,
            measures: vec![],
            actions: vec![],
        })
        .collect();
    let index: BTreeMap<i64, usize> = out.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    for m in measures {
        if let (Some(code), Some(title), Some(polarity), Some(unit)) =
            (&m.indicator_code, &m.indicator_title, &m.polarity, &m.unit)
        {
            let polarity = polarity
                .parse()
                .map_err(|_| DbError::corrupt("indicator", format!("polarity '{polarity}'")))?;
            let unit: crate::domain::Unit = unit
                .parse()
                .map_err(|_| DbError::corrupt("indicator", format!("unit '{unit}'")))?;
            indicators.insert(
                code.clone(),
                IndicatorRef {
                    code: code.clone(),
                    title: title.clone(),
                    polarity,
                    unit: unit.label().to_string(),
                },
            );
        }
        if let Some(&i) = index.get(&m.priority_id) {
            out[i].measures.push(Measure {
                id: m.id,
                revision: m.revision,
                indicator_code: m.indicator_code,
                baseline: m.baseline,
                baseline_period: m.baseline_period,
                target: m.target,
                due: m.due,
            });
        }
    }
    let mut supporting: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for s in supporters {
        organisations.insert(s.organisation_id, s.name);
        supporting
            .entry(s.action_id)
            .or_default()
            .push(s.organisation_id);
    }
    for a in actions {
        if let (Some(id), Some(name)) = (a.lead_organisation_id, a.lead_name) {
            organisations.insert(id, name);
        }
        let commissioning = a
            .commissioning
            .parse()
            .map_err(|_| DbError::corrupt("plan_action", "commissioning"))?;
        let status = a
            .status
            .parse()
            .map_err(|_| DbError::corrupt("plan_action", "status"))?;
        if let Some(&i) = index.get(&a.priority_id) {
            out[i].actions.push(PlanAction {
                id: a.id,
                revision: a.revision,
                description: a.description,
                lead_partner: a.lead_organisation_id,
                supporting_partners: supporting.remove(&a.id).unwrap_or_default(),
                start: a.start_date,
                due: a.due_date,
                resources: a.resources,
                pooled_budget_pence: a.pooled_budget_pence,
                commissioning,
                status,
            });
        }
    }
    Ok(Some(Plan {
        id: head.id,
        partnership_id: head.partnership_id,
        partnership_name: head.partnership_name,
        partnership_slug: head.partnership_slug,
        year: PlanYear::new(head.plan_year).map_err(|e| DbError::corrupt("plan", e))?,
        version: head.version,
        status: head
            .status
            .parse()
            .map_err(|_| DbError::corrupt("plan", "status"))?,
        revision: head.revision,
        needs_summary: head.needs_summary,
        young_people_said: head.young_people_said,
        young_people_version: head.young_people_version,
        priorities: out,
        organisations,
        indicators,
    }))
}

fn entry<'a>(
    actor: &'a Actor,
    action: AuditAction,
    entity_type: &'a str,
    id: i64,
    partnership_id: i64,
    summary: String,
) -> Record<'a> {
    Record {
        actor,
        action,
        entity_type,
        entity_id: id.to_string(),
        partnership_id: Some(partnership_id),
        summary,
        before: None,
        after: None,
    }
}

/// Starts a partnership's plan for a year: the Board's priorities for that year are put in (and
/// cannot be removed); with `carry_forward`, so are the local priorities of last year's plan.
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
        "INSERT INTO plan_priority (plan_id, board_priority_id, title, position, updated_at, updated_by)
         SELECT $1, bp.id, bp.title, bp.position, $2, $3 FROM board_priority bp
         JOIN partnership pt ON pt.trust_id = bp.trust_id
         WHERE pt.id = $4 AND bp.plan_year = $5"
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

/// Marks the plan as changed by `actor`, if it is a draft. Every content change starts here.
async fn touch_draft(tx: &mut Tx, actor: &Actor, plan_id: i64) -> DbResult<Saved<()>> {
    let n = with_tx!(tx, conn => sqlx::query(
        "UPDATE plan SET updated_at = $1, updated_by = $2 WHERE id = $3 AND status = 'draft'"
    ).bind(now()).bind(&actor.name).bind(plan_id)
     .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(if n == 1 {
        Ok(())
    } else {
        Err(Refused::NotDraft)
    })
}

/// After an update matched nothing: was the row missing, or had it moved on?
async fn why_not(tx: &mut Tx, sql: &str, id: i64, plan_id: i64) -> DbResult<Refused> {
    let current: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(sql)
        .bind(id).bind(plan_id).fetch_optional(&mut *conn).await)?;
    Ok(match current {
        Some(rev) => Refused::Stale(rev),
        None => Refused::Missing,
    })
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
            r.after = Some(
                json!({ "needs_summary": needs_summary, "young_people_said": young_people_said }),
            );
            audit::record(tx, r).await?;
            Ok(Ok(rev))
        }
        None => plan_refusal(tx, plan_id).await.map(Err),
    }
}

async fn plan_refusal(tx: &mut Tx, plan_id: i64) -> DbResult<Refused> {
    let row: Option<(String, i64)> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT status, revision FROM plan WHERE id = $1"
    ).bind(plan_id).fetch_optional(&mut *conn).await)?;
    Ok(match row {
        None => Refused::Missing,
        Some((status, _)) if status != "draft" => Refused::NotDraft,
        Some((_, rev)) => Refused::Stale(rev),
    })
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

fn priority_json(p: &PriorityInput) -> serde_json::Value {
    json!({ "title": p.title, "outcome": p.outcome, "champion": p.champion, "challenger": p.challenger })
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
    r.before = Some(json!({ "title": title }));
    audit::record(tx, r).await?;
    Ok(Ok(()))
}

/// Whether the priority belongs to the plan.
async fn priority_in_plan(tx: &mut Tx, priority_id: i64, plan_id: i64) -> DbResult<bool> {
    let n: i64 = with_tx!(tx, conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM plan_priority WHERE id = $1 AND plan_id = $2"
    ).bind(priority_id).bind(plan_id).fetch_one(&mut *conn).await)?;
    Ok(n == 1)
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
    if let Err(r) = touch_draft(tx, actor, plan_id).await? {
        return Ok(Err(r));
    }
    if !priority_in_plan(tx, priority_id, plan_id).await? {
        return Ok(Err(Refused::Missing));
    }
    let at = now();
    let after = json!({
        "indicator": input.indicator_code, "baseline": input.baseline,
        "baseline_period": input.baseline_period, "target": input.target, "due": input.due
    });
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
    r.after = Some(after);
    audit::record(tx, r).await?;
    Ok(Ok((id, rev)))
}

/// Removes a measure or an action (by its table) from a draft plan.
async fn remove_item(
    tx: &mut Tx,
    actor: &Actor,
    plan_id: i64,
    partnership_id: i64,
    table: &'static str,
    id: i64,
) -> DbResult<Saved<()>> {
    if let Err(r) = touch_draft(tx, actor, plan_id).await? {
        return Ok(Err(r));
    }
    let sql = format!(
        "DELETE FROM {table} WHERE id = $1 AND priority_id IN (SELECT id FROM plan_priority WHERE plan_id = $2)"
    );
    let n = with_tx!(tx, conn => sqlx::query(&sql).bind(id).bind(plan_id)
        .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(Err(Refused::Missing));
    }
    let what = if table == "plan_measure" {
        "a measure"
    } else {
        "an action"
    };
    audit::record(
        tx,
        entry(
            actor,
            AuditAction::Delete,
            table,
            id,
            partnership_id,
            format!("Removed {what}"),
        ),
    )
    .await?;
    Ok(Ok(()))
}

pub async fn remove_measure(
    tx: &mut Tx,
    actor: &Actor,
    plan_id: i64,
    partnership_id: i64,
    measure_id: i64,
) -> DbResult<Saved<()>> {
    remove_item(
        tx,
        actor,
        plan_id,
        partnership_id,
        "plan_measure",
        measure_id,
    )
    .await
}

pub async fn remove_action(
    tx: &mut Tx,
    actor: &Actor,
    plan_id: i64,
    partnership_id: i64,
    action_id: i64,
) -> DbResult<Saved<()>> {
    remove_item(tx, actor, plan_id, partnership_id, "plan_action", action_id).await
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
    if let Err(r) = touch_draft(tx, actor, plan_id).await? {
        return Ok(Err(r));
    }
    if !priority_in_plan(tx, priority_id, plan_id).await? {
        return Ok(Err(Refused::Missing));
    }
    let at = now();
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
    r.after = Some(json!({
        "description": input.description, "lead": input.lead_partner,
        "supporting": input.supporting_partners, "start": input.start, "due": input.due,
        "resources": input.resources, "pooled_budget_pence": input.pooled_budget_pence,
        "commissioning": input.commissioning.as_str(), "status": input.status.as_str()
    }));
    audit::record(tx, r).await?;
    Ok(Ok((id, rev)))
}

/// Moves the plan from `from` to `to` if it is still at the revision the person saw; bumps
/// the revision. Returns the new revision.
async fn change_status(
    tx: &mut Tx,
    actor: &Actor,
    plan_id: i64,
    based_on: i64,
    from: PlanStatus,
    to: PlanStatus,
    new_version: bool,
) -> DbResult<Saved<i64>> {
    let at = now();
    let rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE plan SET status = $1, revision = revision + 1, updated_at = $2, updated_by = $3,
                submitted_at = CASE WHEN $1 = 'submitted' THEN $2 ELSE submitted_at END,
                version = CASE WHEN $4 THEN version + 1 ELSE version END
         WHERE id = $5 AND status = $6 AND revision = $7 RETURNING revision"
    ).bind(to.as_str()).bind(at).bind(&actor.name).bind(new_version).bind(plan_id)
     .bind(from.as_str()).bind(based_on).fetch_optional(&mut *conn).await)?;
    match rev {
        Some(r) => Ok(Ok(r)),
        None => {
            let row: Option<(String, i64)> = with_tx!(tx, conn => sqlx::query_as(
                "SELECT status, revision FROM plan WHERE id = $1"
            ).bind(plan_id).fetch_optional(&mut *conn).await)?;
            Ok(Err(match row {
                None => Refused::Missing,
                Some((_, rev)) => Refused::Stale(rev),
            }))
        }
    }
}

fn status_record<'a>(
    actor: &'a Actor,
    plan: &PlanHeader,
    to: PlanStatus,
    summary: String,
) -> Record<'a> {
    let mut r = entry(
        actor,
        AuditAction::StatusChange,
        "plan",
        plan.id,
        plan.partnership_id,
        summary,
    );
    r.before = Some(json!({ "status": plan.status, "version": plan.version }));
    r.after = Some(json!({ "status": to.as_str() }));
    r
}

/// Submits a draft for the Board's approval. The caller has checked the submission rules.
pub async fn submit(tx: &mut Tx, actor: &Actor, plan: &PlanHeader) -> DbResult<Saved<i64>> {
    let out = change_status(
        tx,
        actor,
        plan.id,
        plan.revision,
        PlanStatus::Draft,
        PlanStatus::Submitted,
        false,
    )
    .await?;
    if out.is_ok() {
        let r = status_record(
            actor,
            plan,
            PlanStatus::Submitted,
            format!("Submitted version {} of the plan", plan.version),
        );
        audit::record(tx, r).await?;
    }
    Ok(out)
}

/// Approves a submitted plan and freezes `content` (the plan as loaded, which cannot change
/// while submitted) as that version's snapshot.
pub async fn approve(tx: &mut Tx, actor: &Actor, content: &Plan) -> DbResult<Saved<i64>> {
    let head = PlanHeader {
        id: content.id,
        partnership_id: content.partnership_id,
        partnership_slug: content.partnership_slug.clone(),
        plan_year: content.year.first_year(),
        status: content.status.as_str().into(),
        version: content.version,
        revision: content.revision,
    };
    let out = change_status(
        tx,
        actor,
        content.id,
        content.revision,
        PlanStatus::Submitted,
        PlanStatus::Approved,
        false,
    )
    .await?;
    let Ok(rev) = out else { return Ok(out) };
    let mut frozen = content.clone();
    frozen.status = PlanStatus::Approved;
    frozen.revision = rev;
    let text = serde_json::to_string(&frozen).map_err(|e| DbError::corrupt("plan_version", e))?;
    with_tx!(tx, conn => sqlx::query(
        "INSERT INTO plan_version (plan_id, version, content, approved_at, approved_by)
         VALUES ($1, $2, $3, $4, $5)"
    ).bind(content.id).bind(content.version).bind(text).bind(now()).bind(&actor.name)
     .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    let r = status_record(
        actor,
        &head,
        PlanStatus::Approved,
        format!("Approved version {} of the plan", content.version),
    );
    audit::record(tx, r).await?;
    Ok(Ok(rev))
}

/// Returns a submitted plan to draft with the Board's comment.
pub async fn return_to_draft(
    tx: &mut Tx,
    actor: &Actor,
    plan: &PlanHeader,
    comment: &str,
) -> DbResult<Saved<i64>> {
    let out = change_status(
        tx,
        actor,
        plan.id,
        plan.revision,
        PlanStatus::Submitted,
        PlanStatus::Draft,
        false,
    )
    .await?;
    if out.is_ok() {
        add_comment_in(tx, actor, plan, CommentKind::Returned, comment).await?;
        let mut r = status_record(
            actor,
            plan,
            PlanStatus::Draft,
            format!(
                "Returned version {} of the plan with comments",
                plan.version
            ),
        );
        r.after = Some(json!({ "status": "draft", "comment": comment }));
        audit::record(tx, r).await?;
    }
    Ok(out)
}

/// Starts the next version of an approved plan, as a draft.
pub async fn amend(tx: &mut Tx, actor: &Actor, plan: &PlanHeader) -> DbResult<Saved<i64>> {
    let out = change_status(
        tx,
        actor,
        plan.id,
        plan.revision,
        PlanStatus::Approved,
        PlanStatus::Draft,
        true,
    )
    .await?;
    if out.is_ok() {
        let r = status_record(
            actor,
            plan,
            PlanStatus::Draft,
            format!("Started version {} of the plan", plan.version + 1),
        );
        audit::record(tx, r).await?;
    }
    Ok(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommentKind {
    Returned,
    DistrictManager,
}

impl CommentKind {
    fn as_str(self) -> &'static str {
        match self {
            CommentKind::Returned => "returned",
            CommentKind::DistrictManager => "district_manager",
        }
    }
}

async fn add_comment_in(
    tx: &mut Tx,
    actor: &Actor,
    plan: &PlanHeader,
    kind: CommentKind,
    body: &str,
) -> DbResult<i64> {
    Ok(with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO plan_comment (plan_id, version, kind, author_user_id, author_name, body, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
    ).bind(plan.id).bind(plan.version).bind(kind.as_str()).bind(actor.user_id).bind(&actor.name)
     .bind(body).bind(now()).fetch_one(&mut *conn).await)?)
}

/// A district manager's comment on a plan before it is submitted.
pub async fn add_district_comment(
    tx: &mut Tx,
    actor: &Actor,
    plan: &PlanHeader,
    body: &str,
) -> DbResult<i64> {
    let id = add_comment_in(tx, actor, plan, CommentKind::DistrictManager, body).await?;
    let mut r = entry(
        actor,
        AuditAction::Create,
        "plan_comment",
        id,
        plan.partnership_id,
        "Commented on the plan".into(),
    );
    r.after = Some(json!({ "comment": body }));
    audit::record(tx, r).await?;
    Ok(id)
}

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
         SELECT i.id, i.code, i.title, i.polarity, l.value AS latest_value, l.period AS latest_period
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
             WHERE pt.id = $1
             UNION SELECT plan_year FROM plan WHERE partnership_id = $1
         ) y LEFT JOIN plan p ON p.partnership_id = $1 AND p.plan_year = y.plan_year
         ORDER BY y.plan_year DESC"
    ).bind(partnership_id).fetch_all(pool).await)?)
}
