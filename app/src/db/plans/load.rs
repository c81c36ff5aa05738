//! Loading a whole plan: five queries, whatever its size.

use super::*;

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
    added_later: bool,
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
        "SELECT id, revision, board_priority_id, title, outcome, champion, challenger, added_later
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
            added_later: p.added_later,
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
