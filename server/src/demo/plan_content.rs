//! What the demo's plans say: the needs analysis, the outcome, champion and challenger of each
//! priority, a measure on a real demo indicator (baseline, target, due date) and actions with
//! lead and supporting partners, dates, resources, pooled budgets, commissioning and status.
//! Everything is saved through the same repository functions the plan pages use.

use super::figures::Figures;
use super::indicators::KEY_AREAS;
use super::people::Partnership;
use super::targets::{target_for, Facts, PROGRESS};
use app::db::audit::Actor;
use app::db::plans::{self as repo, Saved};
use app::db::{DbError, DbResult, Tx};
use app::domain::plan::{
    ActionInput, ActionStatus, Commissioning, MeasureInput, Plan, PriorityInput,
};
use app::domain::{Period, PlanYear};
use chrono::{Months, NaiveDate};

/// A refusal where the demo expects none is a fault in the demo: say which.
pub(super) fn saved<T>(out: Saved<T>, what: &str) -> DbResult<T> {
    out.map_err(|r| DbError::corrupt("demo", format!("{what} was refused: {r:?}")))
}

/// An action, with its partners as positions in the partnership's organisations (the county's
/// five — children's services, police, health, Jobcentre Plus, youth offending — then the
/// district council, primary schools, secondary heads, college, early years, voluntary action).
struct ActionSpec {
    what: &'static str,
    lead: usize,
    support: &'static [usize],
    resources: &'static str,
    pooled_pounds: Option<i64>,
    commissioning: Commissioning,
    /// Months after the plan year starts, and how many months it runs.
    start: u32,
    months: u32,
}

const fn act(
    what: &'static str,
    lead: usize,
    support: &'static [usize],
    resources: &'static str,
    pooled_pounds: Option<i64>,
    commissioning: Commissioning,
    (start, months): (u32, u32),
) -> ActionSpec {
    ActionSpec {
        what,
        lead,
        support,
        resources,
        pooled_pounds,
        commissioning,
        start,
        months,
    }
}

use Commissioning::{Commissions, Decommissions, Neither};

/// The outcome and two actions for each of the Board's key areas, in [`KEY_AREAS`] order.
const KEY_AREA_PLANS: [(&str, [ActionSpec; 2]); 5] = [
    (
        "Fewer under-18 conceptions, with every secondary school offering confidential advice",
        [
            act("Sexual health drop-ins in every secondary school", 2, &[7, 0], "School nurses, two sessions a week", Some(12_000), Commissions, (0, 12)),
            act("Relationships training for youth workers and foster carers", 10, &[0], "Training budget; venue from the district council", Some(3_500), Neither, (2, 6)),
        ],
    ),
    (
        "More 16 to 18 year olds in education, employment or training",
        [
            act("Careers mentoring for Year 11 pupils at risk of becoming NEET", 8, &[3, 7], "Two mentors from the college", None, Neither, (0, 12)),
            act("Youth employment hub with Jobcentre Plus", 3, &[5, 10], "Hub rooms in the district council offices", Some(20_000), Commissions, (3, 9)),
        ],
    ),
    (
        "Care leavers in work, training or study by the age of 19",
        [
            act("Apprenticeships set aside for care leavers", 5, &[0, 8], "Four apprenticeship places a year", Some(8_000), Neither, (0, 12)),
            act("Review of personal advisers' caseloads", 0, &[3], "Team manager time", None, Neither, (0, 3)),
        ],
    ),
    (
        "A narrower gap at 16 between pupils eligible for free school meals and the rest",
        [
            act("Tutoring for disadvantaged pupils in Years 10 and 11", 7, &[6], "Pupil premium; tutors from the college", Some(15_000), Neither, (5, 7)),
            act("Holiday activities and food programme", 10, &[5, 0], "Holiday activities grant", Some(18_000), Commissions, (3, 5)),
        ],
    ),
    (
        "Families with children claim what they are entitled to, and fewer children live in poverty",
        [
            act("Benefit take-up campaign through early years settings", 9, &[3, 10], "Welfare rights adviser two days a week", Some(6_000), Neither, (1, 10)),
            act("De-commission the district's debt-advice line in favour of the county service", 5, &[0], "Savings moved to the county service", None, Decommissions, (0, 6)),
        ],
    ),
];

/// The partnerships' own priorities, in turn: title, outcome, indicator, and one action.
const LOCAL_PRIORITIES: [(&str, &str, &str, ActionSpec); 4] = [
    (
        "Improving children's emotional health and wellbeing",
        "More pupils report good relationships and know where to get help",
        "NI 50",
        act(
            "Mental health support teams in every secondary school",
            2,
            &[6, 7],
            "Two mental health practitioners",
            Some(25_000),
            Commissions,
            (0, 12),
        ),
    ),
    (
        "Reducing persistent absence from secondary school",
        "Fewer secondary pupils persistently absent",
        "NI 87",
        act(
            "Attendance advisers working with families",
            0,
            &[7, 1],
            "Three attendance advisers",
            None,
            Neither,
            (0, 12),
        ),
    ),
    (
        "Reducing first-time entrants to the youth justice system",
        "Fewer young people entering the youth justice system for the first time",
        "NI 111",
        act(
            "Youth diversion scheme with the police",
            4,
            &[1, 10],
            "Diversion workers; police youth officers",
            Some(10_000),
            Commissions,
            (0, 12),
        ),
    ),
    (
        "Reducing obesity among Year 6 children",
        "Fewer children leave primary school obese",
        "NI 56",
        act(
            "Active holidays and healthy eating sessions",
            5,
            &[2, 6],
            "Leisure centre places; school cooks",
            Some(7_500),
            Neither,
            (3, 6),
        ),
    ),
];

const YOUNG_PEOPLE_SAID: [&str; 4] = [
    "Young people want somewhere safe to go in the evenings. They want help to find work.",
    "Pupils said bullying online worries them most. They want adults who listen.",
    "Care leavers asked for one worker who knows them. They want help with money.",
    "Young carers said they miss school to look after family. They want schools to understand.",
];

/// Actions' statuses (and measures' progress) come from a running count, so that the demo
/// shows every kind.
const STATUSES: [ActionStatus; 5] = [
    ActionStatus::OnTrack,
    ActionStatus::NotStarted,
    ActionStatus::AtRisk,
    ActionStatus::OnTrack,
    ActionStatus::Complete,
];

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

/// The Board's comments when it returns a plan.
pub(super) fn board_comment(plan: &Plan) -> String {
    format!(
        "Thank you. Before we approve it, please make the outcome for “{}” measurable: say how \
         many more families you expect to reach, and by when.",
        KEY_AREAS[4].0
    ) + if plan.priorities.iter().any(|p| !p.mandated) {
        " The local priority is welcome."
    } else {
        ""
    }
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

/// A district manager's comment on a draft.
pub(super) fn district_comment(plan: &Plan) -> String {
    format!(
        "The needs analysis is clear. {} could pool its holiday activities budget with its \
         neighbours; I can put you in touch.",
        plan.partnership_name
    )
}

/// The children and young people's version, as the partnership edited it: the generated text
/// with a word from the youth council.
pub(super) fn young_people_edit(plan: &Plan) -> String {
    plan.young_people_text().replacen(
        "It is for children, young people and their families.",
        "It is for children, young people and their families. The youth council helped us write \
         it.",
        1,
    )
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
