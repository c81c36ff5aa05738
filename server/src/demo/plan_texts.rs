//! The words of the demo's plans: the outcome and actions for each of the Board's key areas,
//! the partnerships' own priorities, what young people said, and the comments people leave.

use super::indicators::KEY_AREAS;
use app::domain::plan::{ActionStatus, Commissioning, Plan};

/// An action, with its partners as positions in the partnership's organisations (the county's
/// five — children's services, police, health, Jobcentre Plus, youth offending — then the
/// district council, primary schools, secondary heads, college, early years, voluntary action).
pub(super) struct ActionSpec {
    pub what: &'static str,
    pub lead: usize,
    pub support: &'static [usize],
    pub resources: &'static str,
    pub pooled_pounds: Option<i64>,
    pub commissioning: Commissioning,
    /// Months after the plan year starts, and how many months it runs.
    pub start: u32,
    pub months: u32,
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
pub(super) const KEY_AREA_PLANS: [(&str, [ActionSpec; 2]); 5] = [
    (
        "Fewer under-18 conceptions, with every secondary school offering confidential advice",
        [
            act("Run sexual health drop-ins in every secondary school", 2, &[7, 0], "School nurses, two sessions a week", Some(12_000), Commissions, (0, 12)),
            act("Train youth workers and foster carers to talk about relationships", 10, &[0], "Training budget; venue from the district council", Some(3_500), Neither, (2, 6)),
        ],
    ),
    (
        "More 16 to 18 year olds in education, employment or training",
        [
            act("Mentor Year 11 pupils at risk of leaving education", 8, &[3, 7], "Two mentors from the college", None, Neither, (0, 12)),
            act("Open a youth employment hub with Jobcentre Plus", 3, &[5, 10], "Hub rooms in the district council offices", Some(20_000), Commissions, (3, 9)),
        ],
    ),
    (
        "Care leavers in work, training or study by the age of 19",
        [
            act("Set aside apprenticeships for care leavers", 5, &[0, 8], "Four apprenticeship places a year", Some(8_000), Neither, (0, 12)),
            act("Review personal advisers' caseloads", 0, &[3], "Team manager time", None, Neither, (0, 3)),
        ],
    ),
    (
        "A narrower gap at 16 between pupils eligible for free school meals and the rest",
        [
            act("Tutor disadvantaged pupils in Years 10 and 11", 7, &[6], "Pupil premium; tutors from the college", Some(15_000), Neither, (5, 7)),
            act("Run holiday activities with free meals", 10, &[5, 0], "Holiday activities grant", Some(18_000), Commissions, (3, 5)),
        ],
    ),
    (
        "Families with children claim what they are entitled to, and fewer children live in poverty",
        [
            act("Help families claim benefits through early years settings", 9, &[3, 10], "Welfare rights adviser two days a week", Some(6_000), Neither, (1, 10)),
            act("Close the district's debt-advice line and use the county service", 5, &[0], "Savings moved to the county service", None, Decommissions, (0, 6)),
        ],
    ),
];

/// The partnerships' own priorities, in turn: title, outcome, indicator, and one action.
pub(super) const LOCAL_PRIORITIES: [(&str, &str, &str, ActionSpec); 4] = [
    (
        "Improving children's emotional health and wellbeing",
        "More pupils report good relationships and know where to get help",
        "NI 50",
        act(
            "Put a mental health support team in every secondary school",
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
            "Send attendance advisers to work with families",
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
            "Run a youth diversion scheme with the police",
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
            "Run active holidays and healthy eating sessions",
            5,
            &[2, 6],
            "Leisure centre places; school cooks",
            Some(7_500),
            Neither,
            (3, 6),
        ),
    ),
];

pub(super) const YOUNG_PEOPLE_SAID: [&str; 4] = [
    "Young people want somewhere safe to go in the evenings. They want help to find work.",
    "Pupils said bullying online worries them most. They want adults who listen.",
    "Care leavers asked for one worker who knows them. They want help with money.",
    "Young carers said they miss school to look after family. They want schools to understand.",
];

/// Actions' statuses (and measures' progress) come from a running count, so that the demo
/// shows every kind.
pub(super) const STATUSES: [ActionStatus; 5] = [
    ActionStatus::OnTrack,
    ActionStatus::NotStarted,
    ActionStatus::AtRisk,
    ActionStatus::OnTrack,
    ActionStatus::Complete,
];

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
