//! What is due from whom, and when: the business cycle turned into each person's list.
//!
//! From a person's roles, the year's effective calendar, where every partnership stands (its
//! plan, self-assessment and mid-year review for the year) and today's date, [`due_from`] says
//! what is due from them. Who owes a stage is its actor ([`StageKind::actor`]):
//!
//! - a partnership's chair and members owe its plan and self-assessment (the plan-submission
//!   stage) and its mid-year review (the mid-year submission stage), each while it is not yet
//!   submitted and only when its stage is open, due within [`WINDOW_DAYS`], or overdue;
//! - a district manager has the self-assessments submitted in their districts to moderate, and
//!   (while plans are being drafted) the draft plans to comment on;
//! - a Board member has the submitted plans to approve and mid-year reviews to accept;
//! - an administrator hears of partnerships that have nobody who can sign in as chair to
//!   submit what is due.
//!
//! Only the plan year whose cycle is running ([`PlanYear::in_cycle_on`]) counts: last year's
//! loose ends are the district managers' to chase, not a daily reminder. A retired partnership
//! owes nothing.

pub mod ical;

use super::assessment::AssessmentStatus;
use super::auth::{Role, RoleAssignment};
use super::calendar::{Actor, CalendarStage, PlanYear, StageKind};
use super::date::long_date;
use super::midyear::MidYearStatus;
use super::plan::PlanStatus;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[cfg(test)]
mod tests;

/// How far ahead a deadline is worth a reminder: a fortnight.
pub const WINDOW_DAYS: i64 = 14;

/// Where one partnership stands in a year's cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnershipPosition {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// Retired partnerships owe nothing.
    pub retired: bool,
    /// Someone who can sign in holds the chair's role (only a chair submits).
    pub has_chair: bool,
    /// The year's plan, if started.
    pub plan: Option<PlanStatus>,
    /// A version of the year's plan has been approved (a draft is then a change to it).
    pub plan_approved_once: bool,
    pub assessment: Option<AssessmentStatus>,
    pub mid_year: Option<MidYearStatus>,
}

impl PartnershipPosition {
    /// The plan is owed: not started, or drafted and never yet submitted and approved.
    pub fn plan_owed(&self) -> bool {
        match self.plan {
            None => true,
            Some(PlanStatus::Draft) => !self.plan_approved_once,
            Some(_) => false,
        }
    }

    pub fn assessment_owed(&self) -> bool {
        matches!(
            self.assessment,
            None | Some(AssessmentStatus::Draft) | Some(AssessmentStatus::Returned)
        )
    }

    /// A mid-year review reviews the approved plan: none is owed before one is approved.
    pub fn mid_year_owed(&self) -> bool {
        self.plan_approved_once
            && matches!(
                self.mid_year,
                None | Some(MidYearStatus::Draft) | Some(MidYearStatus::Returned)
            )
    }
}

/// A year's cycle: its effective calendar and where every partnership stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleYear {
    pub year: PlanYear,
    pub calendar: Vec<CalendarStage>,
    pub partnerships: Vec<PartnershipPosition>,
}

impl CycleYear {
    pub fn stage(&self, kind: StageKind) -> Option<&CalendarStage> {
        self.calendar.iter().find(|s| s.kind == kind)
    }
}

/// What an item is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DueKind {
    Plan,
    SelfAssessment,
    MidYearReview,
    Moderation,
    PlanComments,
    PlanApproval,
    MidYearAcceptance,
    NoChair,
}

/// One thing due from a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueItem {
    pub kind: DueKind,
    /// "Plan for 2027/28 due 30 April 2027 (12 days)"
    pub text: String,
    /// The partnership it is for, when it is one partnership's.
    pub partnership: Option<String>,
    pub due: NaiveDate,
    /// Days until it is due (negative once past).
    pub days: i64,
    pub overdue: bool,
    /// Where to do it (a path in the application).
    pub href: String,
}

impl DueItem {
    /// Due within the reminder window, or overdue: worth a digest.
    pub fn urgent(&self) -> bool {
        self.days <= WINDOW_DAYS
    }
}

/// "due 30 April 2027 (12 days)", "due 30 April 2027 (today)", "was due 30 April 2027 (3 days
/// ago)".
pub fn when(due: NaiveDate, today: NaiveDate) -> String {
    let days = (due - today).num_days();
    let date = long_date(due);
    match days {
        0 => format!("due {date} (today)"),
        1 => format!("due {date} (tomorrow)"),
        n if n > 1 => format!("due {date} ({n} days)"),
        -1 => format!("was due {date} (yesterday)"),
        n => format!("was due {date} ({} days ago)", -n),
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The partnerships a person works in as chair or member (by id).
fn own_partnerships(roles: &[RoleAssignment]) -> BTreeSet<i64> {
    roles
        .iter()
        .filter(|r| matches!(r.role, Role::PartnershipChair | Role::PartnershipMember))
        .flat_map(|r| r.partnerships.iter().copied())
        .collect()
}

fn managed_partnerships(roles: &[RoleAssignment]) -> BTreeSet<i64> {
    roles
        .iter()
        .filter(|r| r.role == Role::DistrictManager)
        .flat_map(|r| r.partnerships.iter().copied())
        .collect()
}

/// Whether a partnership's obligation is shown: its stage is open, it is due within the
/// window, or it is overdue.
fn in_view(stage: &CalendarStage, today: NaiveDate) -> bool {
    stage.is_open_on(today) || (stage.due - today).num_days() <= WINDOW_DAYS
}

struct Maker<'a> {
    cycle: &'a CycleYear,
    today: NaiveDate,
    out: Vec<DueItem>,
}

impl Maker<'_> {
    fn push(
        &mut self,
        kind: DueKind,
        stage: &CalendarStage,
        what: String,
        partnership: Option<&str>,
        href: String,
    ) {
        let days = (stage.due - self.today).num_days();
        self.out.push(DueItem {
            kind,
            text: format!("{what} {}", when(stage.due, self.today)),
            partnership: partnership.map(str::to_string),
            due: stage.due,
            days,
            overdue: days < 0,
            href,
        });
    }

    fn year(&self) -> i32 {
        self.cycle.year.first_year()
    }
}

/// What is due from a person with these roles, soonest first (the overdue before the rest).
pub fn due_from(roles: &[RoleAssignment], cycle: &CycleYear, today: NaiveDate) -> Vec<DueItem> {
    let mut m = Maker {
        cycle,
        today,
        out: Vec::new(),
    };
    let y = m.year();
    let live = || cycle.partnerships.iter().filter(|p| !p.retired);
    let has = |role: Role| roles.iter().any(|r| r.role == role);

    // A partnership's own obligations, for its chair and members.
    let own = own_partnerships(roles);
    let submission = cycle.stage(StageKind::PlanSubmission).cloned();
    let mid_year = cycle.stage(StageKind::MidYearSubmission).cloned();
    for p in live().filter(|p| own.contains(&p.id)) {
        if let Some(stage) = submission.as_ref().filter(|s| in_view(s, today)) {
            if p.plan_owed() {
                m.push(
                    DueKind::Plan,
                    stage,
                    format!("Plan for {}", cycle.year),
                    Some(&p.name),
                    format!("/partnerships/{}/plans/{y}", p.slug),
                );
            }
            if p.assessment_owed() {
                let what = if p.assessment == Some(AssessmentStatus::Returned) {
                    "Self-assessment (returned with questions)"
                } else {
                    "Self-assessment"
                };
                m.push(
                    DueKind::SelfAssessment,
                    stage,
                    what.into(),
                    Some(&p.name),
                    format!("/partnerships/{}/self-assessments/{y}", p.slug),
                );
            }
        }
        if let Some(stage) = mid_year.as_ref().filter(|s| in_view(s, today)) {
            if p.mid_year_owed() {
                let what = if p.mid_year == Some(MidYearStatus::Returned) {
                    "Mid-year review (returned with comments)"
                } else {
                    "Mid-year review"
                };
                m.push(
                    DueKind::MidYearReview,
                    stage,
                    what.into(),
                    Some(&p.name),
                    format!("/partnerships/{}/plans/{y}/mid-year-review", p.slug),
                );
            }
        }
    }

    // District managers: moderation and comments in their districts.
    let managed = managed_partnerships(roles);
    if !managed.is_empty() {
        let mine: Vec<&PartnershipPosition> = live().filter(|p| managed.contains(&p.id)).collect();
        let to_moderate: Vec<_> = mine
            .iter()
            .filter(|p| {
                matches!(
                    p.assessment,
                    Some(AssessmentStatus::Submitted) | Some(AssessmentStatus::InModeration)
                )
            })
            .collect();
        if let (Some(stage), false) = (cycle.stage(StageKind::Moderation), to_moderate.is_empty()) {
            let href = match to_moderate.as_slice() {
                [one] => format!("/partnerships/{}/self-assessments/{y}/moderation", one.slug),
                _ => format!("/self-assessments?year={y}"),
            };
            let what = format!(
                "{} to moderate,",
                count(to_moderate.len(), "self-assessment", "self-assessments")
            );
            let stage = stage.clone();
            m.push(DueKind::Moderation, &stage, what, None, href);
        }
        let drafts = mine
            .iter()
            .filter(|p| p.plan == Some(PlanStatus::Draft) && !p.plan_approved_once)
            .count();
        if let Some(stage) = submission
            .as_ref()
            .filter(|s| s.due >= today && in_view(s, today))
        {
            if drafts > 0 {
                let what = format!(
                    "{} to comment on before submission,",
                    count(drafts, "draft plan", "draft plans")
                );
                m.push(
                    DueKind::PlanComments,
                    stage,
                    what,
                    None,
                    format!("/plans?year={y}"),
                );
            }
        }
    }

    // The Board: decisions waiting on it. District managers accept their districts' mid-year
    // reviews too.
    let board = has(Role::BoardMember);
    if board {
        let waiting = live()
            .filter(|p| p.plan == Some(PlanStatus::Submitted))
            .count();
        if let (Some(stage), true) = (cycle.stage(StageKind::PlanApproval), waiting > 0) {
            let stage = stage.clone();
            let what = format!("{} awaiting approval,", count(waiting, "plan", "plans"));
            m.push(
                DueKind::PlanApproval,
                &stage,
                what,
                None,
                format!("/plans?year={y}"),
            );
        }
    }
    if board || !managed.is_empty() {
        let to_accept = live()
            .filter(|p| board || managed.contains(&p.id))
            .filter(|p| p.mid_year == Some(MidYearStatus::Submitted))
            .count();
        if let (Some(stage), true) = (cycle.stage(StageKind::BoardMidYearReview), to_accept > 0) {
            let stage = stage.clone();
            let what = format!(
                "{} to accept,",
                count(to_accept, "mid-year review", "mid-year reviews")
            );
            m.push(
                DueKind::MidYearAcceptance,
                &stage,
                what,
                None,
                format!("/mid-year-reviews?year={y}"),
            );
        }
    }

    // Administrators: partnerships nobody can submit for, before the next submission.
    if has(Role::Administrator) {
        let next = cycle
            .calendar
            .iter()
            .filter(|s| s.kind.actor() == Actor::Partnership)
            .filter(|s| {
                matches!(
                    s.kind,
                    StageKind::PlanSubmission | StageKind::MidYearSubmission
                )
            })
            .filter(|s| s.due >= today && in_view(s, today))
            .min_by_key(|s| s.due)
            .cloned();
        let chairless = live().filter(|p| !p.has_chair).count();
        if let (Some(stage), true) = (next, chairless > 0) {
            let what = format!(
                "{} no chair who can sign in to submit {},",
                count(chairless, "partnership has", "partnerships have"),
                if stage.kind == StageKind::PlanSubmission {
                    "the plan and self-assessment"
                } else {
                    "the mid-year review"
                }
            );
            m.push(DueKind::NoChair, &stage, what, None, "/admin/people".into());
        }
    }

    let mut out = m.out;
    out.sort_by(|a, b| (a.due, a.kind, &a.partnership).cmp(&(b.due, b.kind, &b.partnership)));
    out
}

/// "Trustboard: 2 things due, 1 overdue"
pub fn digest_subject(items: &[DueItem]) -> String {
    let overdue = items.iter().filter(|i| i.overdue).count();
    let due = items.len() - overdue;
    match (due, overdue) {
        (0, o) => format!("Trustboard: {} overdue", count(o, "thing", "things")),
        (d, 0) => format!("Trustboard: {} due", count(d, "thing", "things")),
        (d, o) => format!(
            "Trustboard: {} due, {o} overdue",
            count(d, "thing", "things")
        ),
    }
}

/// The digest's plain-text body: each item with its date and a full link.
pub fn digest_body(name: &str, items: &[DueItem], base_url: &str, today: NaiveDate) -> String {
    let base = base_url.trim_end_matches('/');
    let mut body = format!(
        "Dear {name},\n\nThis is what is due from you in Trustboard on {}.\n\n",
        long_date(today)
    );
    for i in items {
        let flag = if i.overdue { "OVERDUE: " } else { "" };
        body.push_str(&format!("- {flag}{}", i.text));
        if let Some(p) = &i.partnership {
            body.push_str(&format!(" – {p}"));
        }
        body.push_str(&format!("\n  {base}{}\n\n", i.href));
    }
    body.push_str(&format!(
        "Everything due from you is on your first page: {base}/\n\n\
         You get this e-mail because digests are on in your account. To stop them, turn them \
         off at {base}/account\n"
    ));
    body
}

/// The stages of a calendar that concern a person: their partnerships' stages for chairs and
/// members, moderation for district managers, the Board's for Board members, every stage for
/// administrators (they run the cycle).
pub fn stages_for(roles: &[RoleAssignment], calendar: &[CalendarStage]) -> Vec<CalendarStage> {
    let has = |role: Role| roles.iter().any(|r| r.role == role);
    let admin = has(Role::Administrator);
    let partnership = has(Role::PartnershipChair) || has(Role::PartnershipMember);
    let manager = has(Role::DistrictManager);
    let board = has(Role::BoardMember);
    calendar
        .iter()
        .filter(|s| {
            admin
                || match s.kind.actor() {
                    Actor::Partnership => partnership,
                    Actor::DistrictManager => manager,
                    Actor::Board => board,
                }
        })
        .cloned()
        .collect()
}
