//! What the demo's plans say: the needs analysis, the outcome, champion and challenger of each
//! priority, a measure on a real demo indicator (baseline, target, due date) and actions with
//! lead and supporting partners, dates, resources, pooled budgets, commissioning and status.
//! Everything is saved through the same repository functions the plan pages use.

use super::figures::Figures;
use super::indicators::KEY_AREAS;
use super::people::Partnership;
use super::plan_texts::{
    ActionSpec, KEY_AREA_PLANS, LOCAL_PRIORITIES, STATUSES, YOUNG_PEOPLE_SAID,
};
use super::targets::{target_for, Facts, PROGRESS};
use app::db::audit::Actor;
use app::db::plans::{self as repo, Saved};
use app::db::{DbError, DbResult, Tx};
use app::domain::plan::{ActionInput, ActionStatus, MeasureInput, Plan, PriorityInput};
use app::domain::{Period, PlanYear};
use chrono::{Months, NaiveDate};

/// A refusal where the demo expects none is a fault in the demo: say which.
pub(super) fn saved<T>(out: Saved<T>, what: &str) -> DbResult<T> {
    out.map_err(|r| DbError::corrupt("demo", format!("{what} was refused: {r:?}")))
}

/// What a plan is drafted from.
pub(super) struct Draft<'a> {
    pub partnership: &'a Partnership,
    /// The partnership's position, so that partnerships differ.
    pub index: usize,
    pub year: PlanYear,
    pub figures: &'a Figures,
    /// Whether the plan has a local priority of its own.
    pub local: bool,
    /// Whether the draft is still unfinished (gaps that stop submission).
    pub gaps: bool,
}

impl Draft<'_> {
    /// The local priority this partnership works on.
    fn local_priority(&self) -> &'static (&'static str, &'static str, &'static str, ActionSpec) {
        &LOCAL_PRIORITIES[self.index % LOCAL_PRIORITIES.len()]
    }

    /// The baseline's year: the latest figure published when the plan was drafted (figures
    /// come out about a year after the year they describe).
    fn baseline_year(&self) -> i32 {
        (self.year.first_year() - 2).min(self.figures.latest_year)
    }

    fn member(&self, i: usize) -> Option<String> {
        let m = &self.partnership.members;
        m.get(i % m.len()).cloned()
    }

    fn organisation(&self, i: usize) -> i64 {
        let o = &self.partnership.organisations;
        o[i % o.len()]
    }

    fn needs_summary(&self) -> String {
        let (area, year) = (self.partnership.area_id, self.baseline_year());
        let figure = |code: &str| {
            self.figures
                .value(code, area, year)
                .map(|v| format!("{v:.1}"))
                .unwrap_or_else(|| "no figure".into())
        };
        format!(
            "In {district}, {poverty}% of children live in low-income families and the under-18 \
             conception rate is {conceptions} per 1,000 ({period} figures). {neet}% of 16 to 18 \
             year olds are not in education, employment or training. The sub-groups analysed the \
             figures with schools, health visitors and the youth council between January and \
             March.",
            district = self.partnership.district,
            poverty = figure("NI 116"),
            conceptions = figure("NI 112"),
            neet = figure("NI 117"),
            period = Period::SplitYear(year),
        )
    }

    /// A measure of `code`, its target set so that the latest figures show `seq`'s progress.
    fn measure(&self, code: &str, seq: usize, with_target: bool) -> MeasureInput {
        let area = self.partnership.area_id;
        let (from_year, latest_year) = (self.baseline_year(), self.figures.latest_year);
        let due = ymd(self.year.first_year() + 1, 3, 31);
        let baseline = self.figures.value(code, area, from_year);
        let latest = self.figures.value(code, area, latest_year);
        let target = match (baseline, latest) {
            (Some(baseline), Some(latest)) if with_target => Some(target_for(
                &Facts {
                    polarity: Figures::polarity(code),
                    baseline,
                    from: Period::SplitYear(from_year).start(),
                    due,
                    latest,
                    judged: ymd(latest_year + 1, 3, 31),
                },
                PROGRESS[seq % PROGRESS.len()],
            )),
            _ => None,
        };
        MeasureInput {
            indicator_code: Some(code.to_string()),
            baseline,
            baseline_period: baseline.map(|_| Period::SplitYear(from_year).to_string()),
            target,
            due: with_target.then_some(due),
        }
    }

    fn action(&self, spec: &ActionSpec, seq: usize, with_lead: bool) -> ActionInput {
        let year_starts = ymd(self.year.first_year(), 4, 1);
        let start = year_starts + Months::new(spec.start);
        let due = (start + Months::new(spec.months)).pred_opt();
        ActionInput {
            description: spec.what.to_string(),
            lead_partner: with_lead.then(|| self.organisation(spec.lead)),
            supporting_partners: spec.support.iter().map(|i| self.organisation(*i)).collect(),
            start: Some(start),
            due,
            resources: spec.resources.to_string(),
            pooled_budget_pence: spec.pooled_pounds.map(|p| p * 100),
            commissioning: spec.commissioning,
            status: STATUSES[seq % STATUSES.len()],
        }
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// Fills a plan just started (the Board's priorities in it, and last year's local priority
/// if it was carried forward), as its authors would on the plan's pages.
pub(super) async fn fill(tx: &mut Tx, author: &Actor, plan: &Plan, d: &Draft<'_>) -> DbResult<()> {
    let pid = d.partnership.id;
    let said = YOUNG_PEOPLE_SAID[d.index % YOUNG_PEOPLE_SAID.len()];
    let needs = d.needs_summary();
    let out = repo::save_about(tx, author, plan.id, pid, plan.revision, &needs, said);
    saved(out.await?, "the needs analysis")?;
    // Coprime with the length of PROGRESS, so that partnerships fare differently.
    let mut seq = d.index * 3;
    // (priority, outcome, measure's indicator, actions) for each priority to fill in.
    let mut work: Vec<(i64, i64, &str, &str, &[ActionSpec])> = Vec::new();
    for p in &plan.priorities {
        if let Some(k) = KEY_AREAS.iter().position(|(title, _)| *title == p.title) {
            let (outcome, actions) = &KEY_AREA_PLANS[k];
            work.push((p.id, p.revision, outcome, KEY_AREAS[k].1, actions));
        }
    }
    if d.local {
        let (title, outcome, code, action) = d.local_priority();
        // Carried forward from last year's plan, or added now.
        let id = match plan.priorities.iter().find(|p| !p.mandated) {
            Some(p) => (p.id, p.revision),
            None => {
                let input = PriorityInput {
                    title: title.to_string(),
                    outcome: String::new(),
                    champion: None,
                    challenger: None,
                };
                let out = repo::add_priority(tx, author, plan.id, pid, &input).await?;
                (saved(out, "a local priority")?, 1)
            }
        };
        work.push((id.0, id.1, outcome, code, std::slice::from_ref(action)));
    }
    for (n, (priority, revision, outcome, code, actions)) in work.into_iter().enumerate() {
        // An unfinished draft: the last priorities untouched, the third without a target.
        if d.gaps && n >= 3 {
            continue;
        }
        let title = plan
            .priorities
            .iter()
            .find(|p| p.id == priority)
            .map(|p| p.title.clone())
            .unwrap_or_else(|| d.local_priority().0.to_string());
        let input = PriorityInput {
            title,
            outcome: outcome.to_string(),
            champion: d.member(1 + n % 4),
            challenger: d.member(5 + n % 3),
        };
        let out = repo::save_priority(tx, author, plan.id, pid, priority, revision, &input);
        saved(out.await?, "a priority")?;
        let indicator = d.figures.indicators.get(code).copied();
        let measure = d.measure(code, seq, !(d.gaps && n == 2));
        let out = repo::save_measure(
            tx, author, plan.id, pid, priority, None, 0, &measure, indicator,
        );
        saved(out.await?, "a measure")?;
        seq += 1;
        for (a, spec) in actions.iter().enumerate() {
            let action = d.action(spec, seq + a, !(d.gaps && a == 1));
            let out = repo::save_action(tx, author, plan.id, pid, priority, None, 0, &action);
            saved(out.await?, "an action")?;
        }
    }
    Ok(())
}

/// The partnership's answer to the Board's comments: the outcome it asked about, sharpened.
pub(super) async fn answer_board(tx: &mut Tx, author: &Actor, plan: &Plan) -> DbResult<()> {
    let Some(p) = plan.priorities.iter().find(|p| p.title == KEY_AREAS[4].0) else {
        return Err(DbError::corrupt("demo", "the plan lacks a Board priority"));
    };
    let input = PriorityInput {
        title: p.title.clone(),
        outcome: format!(
            "{} 400 more families helped to claim what they are entitled to by March {}.",
            p.outcome.trim_end_matches('.'),
            plan.year.first_year() + 1
        ),
        champion: p.champion.clone(),
        challenger: p.challenger.clone(),
    };
    let out = repo::save_priority(
        tx,
        author,
        plan.id,
        plan.partnership_id,
        p.id,
        p.revision,
        &input,
    );
    saved(out.await?, "the answer to the Board").map(|_| ())
}

/// A change after approval (the next version): a more ambitious target after the mid-year
/// review, and an action's progress brought up to date.
pub(super) async fn revise(
    tx: &mut Tx,
    author: &Actor,
    plan: &Plan,
    figures: &Figures,
) -> DbResult<()> {
    let pid = plan.partnership_id;
    let priority = plan
        .priorities
        .iter()
        .find(|p| !p.measures.is_empty() && !p.actions.is_empty())
        .ok_or_else(|| DbError::corrupt("demo", "nothing to revise"))?;
    let m = &priority.measures[0];
    let better = match m.indicator_code.as_deref().map(Figures::polarity) {
        Some(app::domain::Polarity::LowerIsBetter) => -0.5,
        _ => 0.5,
    };
    let input = MeasureInput {
        indicator_code: m.indicator_code.clone(),
        baseline: m.baseline,
        baseline_period: m.baseline_period.clone(),
        target: m.target.map(|t| ((t + better) * 10.0).round() / 10.0),
        due: m.due,
    };
    let indicator = m
        .indicator_code
        .as_deref()
        .and_then(|c| figures.indicators.get(c).copied());
    let out = repo::save_measure(
        tx,
        author,
        plan.id,
        pid,
        priority.id,
        Some(m.id),
        m.revision,
        &input,
        indicator,
    );
    saved(out.await?, "the revised target")?;
    let a = &priority.actions[0];
    let input = ActionInput {
        description: a.description.clone(),
        lead_partner: a.lead_partner,
        supporting_partners: a.supporting_partners.clone(),
        start: a.start,
        due: a.due,
        resources: a.resources.clone(),
        pooled_budget_pence: a.pooled_budget_pence,
        commissioning: a.commissioning,
        status: ActionStatus::AtRisk,
    };
    let out = repo::save_action(
        tx,
        author,
        plan.id,
        pid,
        priority.id,
        Some(a.id),
        a.revision,
        &input,
    );
    saved(out.await?, "the action's progress").map(|_| ())
}
