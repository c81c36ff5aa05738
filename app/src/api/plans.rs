//! Local delivery plans: the page data, every edit (each naming the revision it was based on),
//! the workflow (submit, approve, return, amend), comments and version comparison.

use crate::domain::plan::{
    Change, IndicatorOption, Plan, PlanComment, PlanSummary, Problem, VersionSummary,
};
use crate::domain::readability::Readability;
use crate::domain::{Choice, PlanYear};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the person looking may do with this plan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPermissions {
    pub edit: bool,
    pub submit: bool,
    pub comment: bool,
    pub decide: bool,
}

/// Everything the plan's pages show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanPage {
    pub partnership_id: i64,
    pub partnership_name: String,
    pub slug: String,
    pub year: PlanYear,
    pub plan: Option<Plan>,
    pub may: PlanPermissions,
    pub comments: Vec<PlanComment>,
    pub versions: Vec<VersionSummary>,
    /// What stops submission now, each with its anchor.
    pub problems: Vec<Problem>,
    /// Things worth a second look that do not stop submission.
    pub warnings: Vec<String>,
    /// Local priorities in last year's plan that could be carried forward.
    pub carry_forward: i64,
    pub partners: Vec<Choice>,
    pub indicators: Vec<IndicatorOption>,
    /// Of the children and young people's version.
    pub readability: Option<Readability>,
    pub demo: bool,
}

impl PlanPage {
    /// The plan's address: `/partnerships/gosport/plans/2027`.
    pub fn base(&self) -> String {
        plan_base(&self.slug, self.year)
    }
}

pub fn plan_base(slug: &str, year: PlanYear) -> String {
    format!("/partnerships/{slug}/plans/{}", year.first_year())
}

/// The warnings a plan deserves: too many priorities; targets pointing the wrong way.
pub fn plan_warnings(plan: &Plan) -> Vec<String> {
    use crate::domain::plan::{priority_count_warning, target_direction_warning};
    let mut out: Vec<String> = priority_count_warning(plan.priorities.len())
        .into_iter()
        .collect();
    for p in &plan.priorities {
        for m in &p.measures {
            let indicator = m
                .indicator_code
                .as_ref()
                .and_then(|c| plan.indicators.get(c));
            if let (Some(i), Some(b), Some(t)) = (indicator, m.baseline, m.target) {
                if let Some(w) = target_direction_warning(i.polarity, b, t) {
                    out.push(format!("“{}”, {}: {w}", p.title, i.code));
                }
            }
        }
    }
    out
}

#[server(prefix = "/api", endpoint = "plans/page", input = GetUrl)]
pub async fn get_plan_page(slug: String, year: i32) -> Result<PlanPage, AppError> {
    use crate::db::{plans, reference};
    use crate::domain::auth::{authorise as decide, Action, Target};
    use crate::domain::plan::submission_problems;
    use crate::domain::readability::readability;
    let ctx = super::context()?;
    let (partnership_id, partnership_name) = reference::partnership_by_slug(&ctx.db, &slug)
        .await?
        .ok_or_else(|| AppError::NotFound("That partnership".into()).with_status())?;
    let target = Target::Partnership(partnership_id);
    let me = super::authorise_signed_in(Action::ViewPlan, target)?;
    let year = PlanYear::new(year)
        .map_err(|_| AppError::NotFound("A plan for that year".into()).with_status())?;
    let may = |a| decide(Some(&me), a, target).is_ok();
    let plan = match plans::find(&ctx.db, partnership_id, year).await? {
        Some(id) => plans::load(&ctx.db, id).await?,
        None => None,
    };
    let (comments, versions) = match &plan {
        Some(p) => (
            plans::comments(&ctx.db, p.id).await?,
            plans::versions(&ctx.db, p.id).await?,
        ),
        None => (vec![], vec![]),
    };
    Ok(PlanPage {
        partnership_id,
        partnership_name,
        slug,
        year,
        may: PlanPermissions {
            edit: may(Action::EditPlan),
            submit: may(Action::SubmitPlan),
            comment: may(Action::CommentOnPlan),
            decide: may(Action::DecidePlan),
        },
        comments,
        versions,
        problems: plan
            .as_ref()
            .map(|p| submission_problems(&p.priorities))
            .unwrap_or_default(),
        warnings: plan.as_ref().map(plan_warnings).unwrap_or_default(),
        carry_forward: plans::local_priorities_last_year(&ctx.db, partnership_id, year).await?,
        partners: plans::partner_choices(&ctx.db, partnership_id).await?,
        indicators: plans::indicator_options(&ctx.db, partnership_id).await?,
        readability: plan
            .as_ref()
            .and_then(|p| readability(&p.young_people_text())),
        plan,
        demo: ctx.settings.demo_mode,
    })
}

/// A partnership's plans, year by year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnershipPlansView {
    pub name: String,
    pub slug: String,
    pub years: Vec<(
        PlanYear,
        Option<crate::domain::plan::PlanStatus>,
        Option<i32>,
    )>,
    pub may_edit: bool,
}

#[server(prefix = "/api", endpoint = "plans/partnership", input = GetUrl)]
pub async fn get_partnership_plans(slug: String) -> Result<PartnershipPlansView, AppError> {
    use crate::db::{plans, reference};
    use crate::domain::auth::{authorise as decide, Action, Target};
    let ctx = super::context()?;
    let (id, name) = reference::partnership_by_slug(&ctx.db, &slug)
        .await?
        .ok_or_else(|| AppError::NotFound("That partnership".into()).with_status())?;
    let me = super::authorise_signed_in(Action::ViewPlan, Target::Partnership(id))?;
    let mut years = Vec::new();
    for (year, status, version) in plans::years(&ctx.db, id).await? {
        let year = PlanYear::new(year).map_err(|e| crate::db::DbError::corrupt("plan", e))?;
        let status = status
            .map(|s| s.parse())
            .transpose()
            .map_err(|_| crate::db::DbError::corrupt("plan", "status"))?;
        years.push((year, status, version));
    }
    Ok(PartnershipPlansView {
        name,
        slug,
        years,
        may_edit: decide(Some(&me), Action::EditPlan, Target::Partnership(id)).is_ok(),
    })
}

/// Every partnership's plan for a year, for the Board.
#[server(prefix = "/api", endpoint = "plans/year", input = GetUrl)]
pub async fn plans_for_year(year: i32) -> Result<(PlanYear, Vec<PlanSummary>), AppError> {
    use crate::domain::auth::{Action, Target};
    super::authorise_signed_in(Action::ViewAllPlans, Target::Trust)?;
    let ctx = super::context()?;
    let year = if year == 0 {
        PlanYear::in_cycle_on(ctx.today())
    } else {
        PlanYear::new(year).map_err(|e| AppError::field("year", e.0).with_status())?
    };
    Ok((year, crate::db::plans::year_overview(&ctx.db, year).await?))
}

/// A measure or action as saved: its id, and the revision a further save must name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedItem {
    pub id: i64,
    pub revision: i64,
}

/// Two versions side by side: what was added, removed and changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub from_label: String,
    pub to_label: String,
    pub changes: Vec<Change>,
}

/// Compares two versions of a plan: approved versions by number, `0` for the plan as it
/// stands now.
#[server(prefix = "/api", endpoint = "plans/compare", input = GetUrl)]
pub async fn compare_versions(
    slug: String,
    year: i32,
    from: i32,
    to: i32,
) -> Result<Comparison, AppError> {
    use crate::db::{plans, reference};
    use crate::domain::auth::{Action, Target};
    let ctx = super::context()?;
    let (partnership_id, _) = reference::partnership_by_slug(&ctx.db, &slug)
        .await?
        .ok_or_else(|| AppError::NotFound("That partnership".into()).with_status())?;
    super::authorise_signed_in(Action::ViewPlan, Target::Partnership(partnership_id))?;
    let year = PlanYear::new(year)
        .map_err(|_| AppError::NotFound("A plan for that year".into()).with_status())?;
    let plan_id = plans::find(&ctx.db, partnership_id, year)
        .await?
        .ok_or_else(|| AppError::NotFound("That plan".into()).with_status())?;
    let version = |v: i32| {
        let db = ctx.db.clone();
        async move {
            let (plan, label) = if v == 0 {
                let p = plans::load(&db, plan_id).await?;
                let label = p
                    .as_ref()
                    .map(|p| {
                        format!(
                            "Version {} ({})",
                            p.version,
                            p.status.label().to_lowercase()
                        )
                    })
                    .unwrap_or_default();
                (p, label)
            } else {
                (
                    plans::snapshot(&db, plan_id, v).await?,
                    format!("Version {v} (approved)"),
                )
            };
            plan.map(|p| (p, label))
                .ok_or_else(|| AppError::NotFound(format!("Version {v}")).with_status())
        }
    };
    let (before, from_label) = version(from).await?;
    let (after, to_label) = version(to).await?;
    Ok(Comparison {
        from_label,
        to_label,
        changes: crate::domain::plan::compare(&before.priorities, &after.priorities),
    })
}

#[cfg(feature = "ssr")]
mod guard {
    use super::*;
    use crate::db::plans::{PlanHeader, Refused};
    use crate::domain::auth::{Action, Principal, Target};
    use crate::error::FieldError;

    /// Loads the plan's header and checks the action on its partnership. Nobody signed in is
    /// told so before anything is looked up.
    pub async fn plan_for(
        plan_id: i64,
        action: Action,
    ) -> Result<(PlanHeader, Principal, crate::api::ServerContext), AppError> {
        if crate::api::current_user().principal.is_none() {
            return Err(AppError::Unauthenticated.with_status());
        }
        let ctx = crate::api::context()?;
        let head = crate::db::plans::header(&ctx.db, plan_id)
            .await?
            .ok_or_else(|| AppError::NotFound("That plan".into()).with_status())?;
        let me = crate::api::authorise_signed_in(action, Target::Partnership(head.partnership_id))?;
        Ok((head, me, ctx))
    }

    /// The plan's address, from its header.
    pub fn base(head: &PlanHeader) -> String {
        format!(
            "/partnerships/{}/plans/{}",
            head.partnership_slug, head.plan_year
        )
    }

    pub fn invalid(problems: Vec<Problem>) -> AppError {
        AppError::Invalid(
            problems
                .into_iter()
                .map(|p| FieldError::new(&p.anchor, p.message))
                .collect(),
        )
    }

    /// What a refusal means to the person: `what` names the thing ("this action").
    pub fn refusal(r: Refused, what: &str, fields: Vec<FieldError>) -> AppError {
        match r {
            Refused::NotDraft => AppError::Conflict(
                "This plan has been submitted or approved, so it cannot be changed now. Nothing was saved."
                    .into(),
            ),
            Refused::Missing => AppError::NotFound(capitalise(what)),
            Refused::Mandated => AppError::Conflict(
                "The Trust Board set this priority for every plan, so it cannot be removed.".into(),
            ),
            Refused::Stale(revision) => AppError::Stale {
                message: format!(
                    "Someone else saved {what} while you were working on it, so your changes have not been saved yet. \
                     What they saved is shown beside each field where it differs from yours. \
                     Check the form, then save again to keep your version."
                ),
                revision,
                fields,
            },
        }
    }

    fn capitalise(s: &str) -> String {
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => String::new(),
        }
    }

    /// A field whose saved value differs from what the person typed.
    pub fn differs(field: &str, saved: String, typed: String, out: &mut Vec<FieldError>) {
        if saved.trim() != typed.trim() {
            let shown = if saved.trim().is_empty() {
                "blank".to_string()
            } else {
                format!("“{}”", saved.trim())
            };
            out.push(FieldError::new(field, format!("Saved meanwhile: {shown}")));
        }
    }
}

#[cfg(feature = "ssr")]
use guard::*;

/// Starts the plan for a year (from the Board's priorities; optionally carrying forward last
/// year's local priorities).
#[server(prefix = "/api", endpoint = "plans/start")]
pub async fn start_plan(
    slug: String,
    year: i32,
    carry_forward: Option<String>,
) -> Result<String, AppError> {
    use crate::db::{plans, reference};
    use crate::domain::auth::{Action, Target};
    let ctx = super::context()?;
    let (partnership_id, _) = reference::partnership_by_slug(&ctx.db, &slug)
        .await?
        .ok_or_else(|| AppError::NotFound("That partnership".into()).with_status())?;
    let me = super::authorise_signed_in(Action::EditPlan, Target::Partnership(partnership_id))?;
    let year = PlanYear::new(year).map_err(|e| AppError::field("year", e.0).with_status())?;
    let to = plan_base(&slug, year);
    let mut tx = ctx.db.begin().await?;
    match plans::start(
        &mut tx,
        &super::actor(&me),
        partnership_id,
        year,
        carry_forward.is_some(),
    )
    .await
    {
        Ok(_) => {}
        Err(e) if e.is_unique_violation() => {
            return Err(super::fail(
                AppError::Conflict(format!("The {year} plan has already been started.")),
                &to,
                &[],
            ))
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    super::succeed(&to, Some(&format!("The {year} plan has been started.")));
    Ok(to)
}

/// Saves the needs-analysis summary and what children and young people told us. Also used to
/// save drafts as people type (JavaScript on).
#[server(prefix = "/api", endpoint = "plans/about")]
pub async fn save_about(
    plan_id: i64,
    revision: i64,
    needs_summary: String,
    young_people_said: String,
    autosave: Option<String>,
) -> Result<i64, AppError> {
    use crate::domain::auth::Action;
    let (head, me, ctx) = plan_for(plan_id, Action::EditPlan).await?;
    let back = format!("{}/about", base(&head));
    let keep = [
        ("needs_summary", needs_summary.as_str()),
        ("young_people_said", young_people_said.as_str()),
    ];
    let mut problems = Vec::new();
    for (field, text) in [
        ("needs-summary", &needs_summary),
        ("young-people-said", &young_people_said),
    ] {
        if text.chars().count() > 10_000 {
            problems.push(Problem {
                anchor: field.into(),
                message: "Write 10,000 characters or fewer".into(),
            });
        }
    }
    if !problems.is_empty() {
        return Err(super::fail(invalid(problems), &back, &keep));
    }
    let mut tx = ctx.db.begin().await?;
    let saved = crate::db::plans::save_about(
        &mut tx,
        &super::actor(&me),
        plan_id,
        head.partnership_id,
        revision,
        needs_summary.trim(),
        young_people_said.trim(),
    )
    .await?;
    match saved {
        Ok(rev) => {
            tx.commit().await?;
            if autosave.is_none() {
                super::succeed(&base(&head), Some("The plan's summary has been saved."));
            }
            Ok(rev)
        }
        Err(r) => {
            drop(tx);
            let mut fields = Vec::new();
            if let Some(p) = crate::db::plans::load(&ctx.db, plan_id).await? {
                differs(
                    "needs-summary",
                    p.needs_summary,
                    needs_summary.clone(),
                    &mut fields,
                );
                differs(
                    "young-people-said",
                    p.young_people_said,
                    young_people_said.clone(),
                    &mut fields,
                );
            }
            Err(super::fail(
                refusal(r, "the plan's summary", fields),
                &back,
                &keep,
            ))
        }
    }
}

/// Adds a local priority.
#[server(prefix = "/api", endpoint = "plans/priority/add")]
pub async fn add_priority(plan_id: i64, title: String, outcome: String) -> Result<i64, AppError> {
    use crate::domain::auth::Action;
    use crate::domain::plan::parse_priority;
    let (head, me, ctx) = plan_for(plan_id, Action::EditPlan).await?;
    let back = format!("{}/priorities/new", base(&head));
    let keep = [("title", title.as_str()), ("outcome", outcome.as_str())];
    let input = parse_priority(&title, &outcome, "", "")
        .map_err(|p| super::fail(invalid(p), &back, &keep))?;
    let mut tx = ctx.db.begin().await?;
    match crate::db::plans::add_priority(
        &mut tx,
        &super::actor(&me),
        plan_id,
        head.partnership_id,
        &input,
    )
    .await?
    {
        Ok(id) => {
            tx.commit().await?;
            super::succeed(
                &format!("{}/priorities/{id}", base(&head)),
                Some(&format!("The priority “{}” has been added.", input.title)),
            );
            Ok(id)
        }
        Err(r) => Err(super::fail(refusal(r, "this plan", vec![]), &back, &keep)),
    }
}

/// Saves a priority's outcome, champion and challenger (and the title of a local one).
#[server(prefix = "/api", endpoint = "plans/priority/save")]
pub async fn save_priority(
    plan_id: i64,
    priority_id: i64,
    revision: i64,
    title: String,
    outcome: String,
    champion: String,
    challenger: String,
) -> Result<i64, AppError> {
    use crate::domain::auth::Action;
    use crate::domain::plan::parse_priority;
    let (head, me, ctx) = plan_for(plan_id, Action::EditPlan).await?;
    let back = format!("{}/priorities/{priority_id}", base(&head));
    let keep = [
        ("title", title.as_str()),
        ("outcome", outcome.as_str()),
        ("champion", champion.as_str()),
        ("challenger", challenger.as_str()),
    ];
    let input = parse_priority(&title, &outcome, &champion, &challenger)
        .map_err(|p| super::fail(invalid(p), &back, &keep))?;
    let mut tx = ctx.db.begin().await?;
    match crate::db::plans::save_priority(
        &mut tx,
        &super::actor(&me),
        plan_id,
        head.partnership_id,
        priority_id,
        revision,
        &input,
    )
    .await?
    {
        Ok(rev) => {
            tx.commit().await?;
            super::succeed(
                &base(&head),
                Some(&format!("The priority “{}” has been saved.", input.title)),
            );
            Ok(rev)
        }
        Err(r) => {
            drop(tx);
            let mut fields = Vec::new();
            if let Some(p) = current(&ctx, plan_id)
                .await?
                .and_then(|p| p.priorities.into_iter().find(|p| p.id == priority_id))
            {
                if !p.mandated {
                    differs("title", p.title, input.title.clone(), &mut fields);
                }
                differs("outcome", p.outcome, input.outcome.clone(), &mut fields);
                differs(
                    "champion",
                    p.champion.unwrap_or_default(),
                    champion.clone(),
                    &mut fields,
                );
                differs(
                    "challenger",
                    p.challenger.unwrap_or_default(),
                    challenger.clone(),
                    &mut fields,
                );
            }
            Err(super::fail(
                refusal(r, "this priority", fields),
                &back,
                &keep,
            ))
        }
    }
}

#[cfg(feature = "ssr")]
async fn current(ctx: &crate::api::ServerContext, plan_id: i64) -> Result<Option<Plan>, AppError> {
    Ok(crate::db::plans::load(&ctx.db, plan_id).await?)
}

/// Removes a local priority, with its measures and actions.
#[server(prefix = "/api", endpoint = "plans/priority/remove")]
pub async fn remove_priority(plan_id: i64, priority_id: i64) -> Result<(), AppError> {
    use crate::domain::auth::Action;
    let (head, me, ctx) = plan_for(plan_id, Action::EditPlan).await?;
    let mut tx = ctx.db.begin().await?;
    match crate::db::plans::remove_priority(
        &mut tx,
        &super::actor(&me),
        plan_id,
        head.partnership_id,
        priority_id,
    )
    .await?
    {
        Ok(()) => {
            tx.commit().await?;
            super::succeed(&base(&head), Some("The priority has been removed."));
            Ok(())
        }
        Err(r) => Err(super::fail(
            refusal(r, "that priority", vec![]),
            &base(&head),
            &[],
        )),
    }
}

/// Adds (`measure_id` 0) or saves a measure of a priority.
#[server(prefix = "/api", endpoint = "plans/measure/save")]
#[allow(clippy::too_many_arguments)]
pub async fn save_measure(
    plan_id: i64,
    priority_id: i64,
    measure_id: i64,
    revision: i64,
    indicator: String,
    baseline: String,
    baseline_period: String,
    target: String,
    due: String,
) -> Result<SavedItem, AppError> {
    use crate::domain::auth::Action;
    use crate::domain::date::format_number;
    use crate::domain::plan::{parse_measure, MeasureFields};
    let (head, me, ctx) = plan_for(plan_id, Action::EditPlan).await?;
    let back = if measure_id == 0 {
        format!("{}/measures/new?priority={priority_id}", base(&head))
    } else {
        format!("{}/measures/{measure_id}", base(&head))
    };
    let keep = [
        ("indicator", indicator.as_str()),
        ("baseline", baseline.as_str()),
        ("baseline_period", baseline_period.as_str()),
        ("target", target.as_str()),
        ("due", due.as_str()),
    ];
    let fields = MeasureFields {
        indicator: indicator.clone(),
        baseline: baseline.clone(),
        baseline_period: baseline_period.clone(),
        target: target.clone(),
        due: due.clone(),
    };
    let mut input = parse_measure(&fields).map_err(|p| super::fail(invalid(p), &back, &keep))?;
    let indicator_id = match &input.indicator_code {
        None => None,
        Some(code) => {
            let code = crate::domain::IndicatorCode::parse(code)
                .map_err(|e| super::fail(AppError::field("indicator", e.0), &back, &keep))?;
            match crate::db::catalogue::indicator_by_code(&ctx.db, &code).await? {
                Some(i) => Some(i.id),
                None => {
                    return Err(super::fail(
                        AppError::field("indicator", "Choose an indicator from the catalogue"),
                        &back,
                        &keep,
                    ))
                }
            }
        }
    };
    // A blank baseline is offered from the latest figure for the partnership's area.
    let mut offered = None;
    if let (None, Some(code)) = (input.baseline, &input.indicator_code) {
        let options = crate::db::plans::indicator_options(&ctx.db, head.partnership_id).await?;
        if let Some(o) = options.into_iter().find(|o| &o.code == code) {
            if let (Some(v), Some(period)) = (o.latest_value, o.latest_period) {
                input.baseline = Some(v);
                input.baseline_period = Some(period.clone());
                offered = Some(format!(
                    " The baseline was taken from the latest figure for the area: {} ({period}).",
                    format_number(v)
                ));
            }
        }
    }
    let mut tx = ctx.db.begin().await?;
    let saved = crate::db::plans::save_measure(
        &mut tx,
        &super::actor(&me),
        plan_id,
        head.partnership_id,
        priority_id,
        (measure_id != 0).then_some(measure_id),
        revision,
        &input,
        indicator_id,
    )
    .await?;
    match saved {
        Ok((id, revision)) => {
            tx.commit().await?;
            super::succeed(
                &format!("{}/priorities/{priority_id}", base(&head)),
                Some(&format!(
                    "The measure has been saved.{}",
                    offered.unwrap_or_default()
                )),
            );
            Ok(SavedItem { id, revision })
        }
        Err(r) => {
            drop(tx);
            let mut out = Vec::new();
            let saved = current(&ctx, plan_id).await?.and_then(|p| {
                p.priorities
                    .into_iter()
                    .flat_map(|p| p.measures)
                    .find(|m| m.id == measure_id)
            });
            if let Some(m) = saved {
                let num = |v: Option<f64>| v.map(format_number).unwrap_or_default();
                differs(
                    "indicator",
                    m.indicator_code.unwrap_or_default(),
                    indicator.clone(),
                    &mut out,
                );
                differs("baseline", num(m.baseline), baseline.clone(), &mut out);
                differs(
                    "baseline-period",
                    m.baseline_period.unwrap_or_default(),
                    baseline_period.clone(),
                    &mut out,
                );
                differs("target", num(m.target), target.clone(), &mut out);
                let typed_due = input
                    .due
                    .map(crate::domain::date::short_date)
                    .unwrap_or_default();
                differs(
                    "due",
                    m.due
                        .map(crate::domain::date::short_date)
                        .unwrap_or_default(),
                    typed_due,
                    &mut out,
                );
            }
            Err(super::fail(refusal(r, "this measure", out), &back, &keep))
        }
    }
}

#[server(prefix = "/api", endpoint = "plans/measure/remove")]
pub async fn remove_measure(
    plan_id: i64,
    priority_id: i64,
    measure_id: i64,
) -> Result<(), AppError> {
    use crate::domain::auth::Action;
    let (head, me, ctx) = plan_for(plan_id, Action::EditPlan).await?;
    let mut tx = ctx.db.begin().await?;
    let out = crate::db::plans::remove_measure(
        &mut tx,
        &super::actor(&me),
        plan_id,
        head.partnership_id,
        measure_id,
    )
    .await?;
    let back = format!("{}/priorities/{priority_id}", base(&head));
    finish_removal(
        tx,
        out,
        &back,
        "that measure",
        "The measure has been removed.",
    )
    .await
}

#[server(prefix = "/api", endpoint = "plans/action/remove")]
pub async fn remove_action(plan_id: i64, priority_id: i64, action_id: i64) -> Result<(), AppError> {
    use crate::domain::auth::Action;
    let (head, me, ctx) = plan_for(plan_id, Action::EditPlan).await?;
    let mut tx = ctx.db.begin().await?;
    let out = crate::db::plans::remove_action(
        &mut tx,
        &super::actor(&me),
        plan_id,
        head.partnership_id,
        action_id,
    )
    .await?;
    let back = format!("{}/priorities/{priority_id}", base(&head));
    finish_removal(
        tx,
        out,
        &back,
        "that action",
        "The action has been removed.",
    )
    .await
}

#[cfg(feature = "ssr")]
async fn finish_removal(
    tx: crate::db::Tx,
    out: crate::db::plans::Saved<()>,
    back: &str,
    what: &str,
    notice: &str,
) -> Result<(), AppError> {
    match out {
        Ok(()) => {
            tx.commit().await?;
            super::succeed(back, Some(notice));
            Ok(())
        }
        Err(r) => Err(super::fail(refusal(r, what, vec![]), back, &[])),
    }
}

/// Adds (`action_id` 0) or saves an action. Supporting partners come as `supporting[<id>]`
/// checkboxes.
#[server(prefix = "/api", endpoint = "plans/action/save")]
#[allow(clippy::too_many_arguments)]
pub async fn save_action(
    plan_id: i64,
    priority_id: i64,
    action_id: i64,
    revision: i64,
    description: String,
    lead: String,
    supporting: Option<BTreeMap<String, String>>,
    start: String,
    due: String,
    resources: String,
    pooled_budget: String,
    commissioning: String,
    status: String,
) -> Result<SavedItem, AppError> {
    use crate::domain::auth::Action;
    use crate::domain::plan::{format_pounds, parse_action, ActionFields};
    let (head, me, ctx) = plan_for(plan_id, Action::EditPlan).await?;
    let back = if action_id == 0 {
        format!("{}/actions/new?priority={priority_id}", base(&head))
    } else {
        format!("{}/actions/{action_id}", base(&head))
    };
    let supporting: Vec<String> = supporting.unwrap_or_default().into_keys().collect();
    let supporting_text = supporting.join(",");
    let keep = [
        ("description", description.as_str()),
        ("lead", lead.as_str()),
        ("supporting", supporting_text.as_str()),
        ("start", start.as_str()),
        ("due", due.as_str()),
        ("resources", resources.as_str()),
        ("pooled_budget", pooled_budget.as_str()),
        ("commissioning", commissioning.as_str()),
        ("status", status.as_str()),
    ];
    let fields = ActionFields {
        description: description.clone(),
        lead: lead.clone(),
        supporting,
        start: start.clone(),
        due: due.clone(),
        resources: resources.clone(),
        pooled_budget: pooled_budget.clone(),
        commissioning: commissioning.clone(),
        status: status.clone(),
    };
    let input = parse_action(&fields).map_err(|p| super::fail(invalid(p), &back, &keep))?;
    let mut partners: Vec<i64> = input.supporting_partners.clone();
    partners.extend(input.lead_partner);
    if !crate::db::plans::partners_known(&ctx.db, head.partnership_id, &partners).await? {
        return Err(super::fail(
            AppError::field("lead", "Choose partners from this partnership's list"),
            &back,
            &keep,
        ));
    }
    let mut tx = ctx.db.begin().await?;
    let saved = crate::db::plans::save_action(
        &mut tx,
        &super::actor(&me),
        plan_id,
        head.partnership_id,
        priority_id,
        (action_id != 0).then_some(action_id),
        revision,
        &input,
    )
    .await?;
    match saved {
        Ok((id, revision)) => {
            tx.commit().await?;
            super::succeed(
                &format!("{}/priorities/{priority_id}", base(&head)),
                Some(&format!(
                    "The action “{}” has been saved.",
                    input.description
                )),
            );
            Ok(SavedItem { id, revision })
        }
        Err(r) => {
            drop(tx);
            let mut out = Vec::new();
            let plan = current(&ctx, plan_id).await?;
            let saved = plan.as_ref().and_then(|p| {
                p.priorities
                    .iter()
                    .flat_map(|p| p.actions.iter())
                    .find(|a| a.id == action_id)
                    .cloned()
            });
            if let (Some(a), Some(p)) = (saved, plan) {
                let date = |d: Option<chrono::NaiveDate>| {
                    d.map(crate::domain::date::short_date).unwrap_or_default()
                };
                differs(
                    "description",
                    a.description.clone(),
                    input.description.clone(),
                    &mut out,
                );
                if a.lead_partner != input.lead_partner {
                    differs(
                        "lead",
                        p.organisation_name(a.lead_partner),
                        String::new(),
                        &mut out,
                    );
                }
                differs("start", date(a.start), date(input.start), &mut out);
                differs("due", date(a.due), date(input.due), &mut out);
                differs(
                    "resources",
                    a.resources.clone(),
                    input.resources.clone(),
                    &mut out,
                );
                differs(
                    "pooled-budget",
                    a.pooled_budget_pence.map(format_pounds).unwrap_or_default(),
                    input
                        .pooled_budget_pence
                        .map(format_pounds)
                        .unwrap_or_default(),
                    &mut out,
                );
                if a.status != input.status {
                    differs("status", a.status.label().into(), String::new(), &mut out);
                }
            }
            Err(super::fail(refusal(r, "this action", out), &back, &keep))
        }
    }
}

/// Saves the edited children and young people's version; `regenerate` goes back to the text
/// generated from the plan.
#[server(prefix = "/api", endpoint = "plans/young-people")]
pub async fn save_young_people_version(
    plan_id: i64,
    revision: i64,
    text: String,
    regenerate: Option<String>,
) -> Result<i64, AppError> {
    use crate::domain::auth::Action;
    let (head, me, ctx) = plan_for(plan_id, Action::EditPlan).await?;
    let back = format!("{}/young-people", base(&head));
    let keep = [("text", text.as_str())];
    let trimmed = text.trim();
    if regenerate.is_none() && trimmed.is_empty() {
        return Err(super::fail(
            AppError::field(
                "text",
                "Write the children and young people's version, or go back to the generated one",
            ),
            &back,
            &keep,
        ));
    }
    if trimmed.chars().count() > 6_000 {
        return Err(super::fail(
            AppError::field(
                "text",
                "Keep it to 6,000 characters or fewer: it must fit a two-page leaflet",
            ),
            &back,
            &keep,
        ));
    }
    let value = if regenerate.is_some() {
        None
    } else {
        Some(trimmed)
    };
    let mut tx = ctx.db.begin().await?;
    match crate::db::plans::save_young_people_version(
        &mut tx,
        &super::actor(&me),
        plan_id,
        head.partnership_id,
        revision,
        value,
    )
    .await?
    {
        Ok(rev) => {
            tx.commit().await?;
            super::succeed(
                &back,
                Some("The children and young people's version has been saved."),
            );
            Ok(rev)
        }
        Err(r) => {
            drop(tx);
            let mut fields = Vec::new();
            if let Some(p) = current(&ctx, plan_id).await? {
                differs("text", p.young_people_text(), text.clone(), &mut fields);
            }
            Err(super::fail(
                refusal(r, "the children and young people's version", fields),
                &back,
                &keep,
            ))
        }
    }
}

/// Submits the plan for the Board's approval: refused with every gap listed until the
/// submission rules are met.
#[server(prefix = "/api", endpoint = "plans/submit")]
pub async fn submit_plan(plan_id: i64, revision: i64) -> Result<i64, AppError> {
    use crate::domain::auth::Action;
    use crate::domain::plan::{problem_location, submission_problems};
    use crate::error::FieldError;
    let (head, me, ctx) = plan_for(plan_id, Action::SubmitPlan).await?;
    let back = format!("{}/submit", base(&head));
    let plan = current(&ctx, plan_id)
        .await?
        .ok_or_else(|| AppError::NotFound("That plan".into()).with_status())?;
    let problems = submission_problems(&plan.priorities);
    if !problems.is_empty() {
        // Each gap links to its field on the page where it is fixed.
        let errors = problems
            .into_iter()
            .map(|p| {
                let link = match problem_location(&p.anchor) {
                    Some((page, field)) => format!("{}/{page}#{field}", base(&head)),
                    None => String::new(),
                };
                FieldError::new(&link, p.message)
            })
            .collect();
        return Err(super::fail(AppError::Invalid(errors), &back, &[]));
    }
    let head = crate::db::plans::PlanHeader { revision, ..head };
    let mut tx = ctx.db.begin().await?;
    match crate::db::plans::submit(&mut tx, &super::actor(&me), &head).await? {
        Ok(rev) => {
            tx.commit().await?;
            super::succeed(
                &base(&head),
                Some("The plan has been submitted to the Trust Board."),
            );
            Ok(rev)
        }
        Err(r) => Err(super::fail(status_refusal(r), &back, &[])),
    }
}

#[cfg(feature = "ssr")]
fn status_refusal(r: crate::db::plans::Refused) -> AppError {
    match r {
        crate::db::plans::Refused::Missing => AppError::NotFound("That plan".into()),
        _ => AppError::Conflict(
            "The plan changed while you were looking at it (someone saved, submitted or decided on it). \
             Nothing was done: look at the plan as it is now and try again."
                .into(),
        ),
    }
}

/// The Board approves a submitted plan (freezing that version) or returns it with comments.
#[server(prefix = "/api", endpoint = "plans/decide")]
pub async fn decide_plan(
    plan_id: i64,
    revision: i64,
    decision: String,
    comment: String,
) -> Result<i64, AppError> {
    use crate::domain::auth::Action;
    use crate::domain::plan::{transition, PlanEvent, PlanStatus};
    let (head, me, ctx) = plan_for(plan_id, Action::DecidePlan).await?;
    let back = base(&head);
    let keep = [
        ("decision", decision.as_str()),
        ("comment", comment.as_str()),
    ];
    let event = match decision.as_str() {
        "approve" => PlanEvent::Approve,
        "return" => PlanEvent::Return {
            comment: comment.trim().to_string(),
        },
        _ => {
            return Err(super::fail(
                AppError::field(
                    "decision",
                    "Choose whether to approve the plan or return it",
                ),
                &back,
                &keep,
            ))
        }
    };
    if comment.chars().count() > 5_000 {
        return Err(super::fail(
            AppError::field("comment", "Write 5,000 characters or fewer"),
            &back,
            &keep,
        ));
    }
    let status: PlanStatus = head.status()?;
    if let Err(e) = transition(status, &event) {
        let field = if matches!(event, PlanEvent::Return { .. }) && status == PlanStatus::Submitted
        {
            "comment"
        } else {
            ""
        };
        return Err(super::fail(AppError::field(field, e.0), &back, &keep));
    }
    let actor = super::actor(&me);
    let mut tx;
    let out = match event {
        PlanEvent::Approve => {
            let mut plan = current(&ctx, plan_id)
                .await?
                .ok_or_else(|| AppError::NotFound("That plan".into()).with_status())?;
            if plan.revision != revision {
                return Err(super::fail(
                    status_refusal(crate::db::plans::Refused::Stale(plan.revision)),
                    &back,
                    &keep,
                ));
            }
            plan.revision = revision;
            tx = ctx.db.begin().await?;
            crate::db::plans::approve(&mut tx, &actor, &plan).await?
        }
        PlanEvent::Return { comment } => {
            let head = crate::db::plans::PlanHeader {
                revision,
                ..head.clone()
            };
            tx = ctx.db.begin().await?;
            crate::db::plans::return_to_draft(&mut tx, &actor, &head, &comment).await?
        }
        PlanEvent::Submit | PlanEvent::Amend => {
            return Err(AppError::Internal("TB-DECIDE-EVENT".into()).with_status())
        }
    };
    match out {
        Ok(rev) => {
            tx.commit().await?;
            let notice = if decision == "approve" {
                format!("Version {} of the plan has been approved.", head.version)
            } else {
                "The plan has been returned to the partnership with your comments.".to_string()
            };
            super::succeed(&back, Some(&notice));
            Ok(rev)
        }
        Err(r) => Err(super::fail(status_refusal(r), &back, &keep)),
    }
}

/// A district manager's comment, before the plan is submitted.
#[server(prefix = "/api", endpoint = "plans/comment")]
pub async fn comment_on_plan(plan_id: i64, comment: String) -> Result<(), AppError> {
    use crate::domain::auth::Action;
    use crate::domain::plan::PlanStatus;
    let (head, me, ctx) = plan_for(plan_id, Action::CommentOnPlan).await?;
    let back = base(&head);
    let keep = [("comment", comment.as_str())];
    let body = comment.trim();
    if body.is_empty() {
        return Err(super::fail(
            AppError::field("comment", "Enter your comment"),
            &back,
            &keep,
        ));
    }
    if body.chars().count() > 5_000 {
        return Err(super::fail(
            AppError::field("comment", "Write 5,000 characters or fewer"),
            &back,
            &keep,
        ));
    }
    if head.status()? != PlanStatus::Draft {
        return Err(super::fail(
            AppError::Conflict(
                "District managers comment before a plan is submitted; this one has been submitted already."
                    .into(),
            ),
            &back,
            &keep,
        ));
    }
    let mut tx = ctx.db.begin().await?;
    crate::db::plans::add_district_comment(&mut tx, &super::actor(&me), &head, body).await?;
    tx.commit().await?;
    super::succeed(&back, Some("Your comment has been added to the plan."));
    Ok(())
}

/// Starts the next version of an approved plan.
#[server(prefix = "/api", endpoint = "plans/amend")]
pub async fn amend_plan(plan_id: i64, revision: i64) -> Result<i64, AppError> {
    use crate::domain::auth::Action;
    let (head, me, ctx) = plan_for(plan_id, Action::SubmitPlan).await?;
    let back = base(&head);
    let head = crate::db::plans::PlanHeader { revision, ..head };
    let mut tx = ctx.db.begin().await?;
    match crate::db::plans::amend(&mut tx, &super::actor(&me), &head).await? {
        Ok(rev) => {
            tx.commit().await?;
            super::succeed(
                &back,
                Some(&format!(
                    "Version {} has been started. Version {} stays as the Board approved it.",
                    head.version + 1,
                    head.version
                )),
            );
            Ok(rev)
        }
        Err(r) => Err(super::fail(status_refusal(r), &back, &[])),
    }
}
