//! The mid-year review's rules: its workflow, what each form accepts, what stops submission,
//! the headline counts and what changed since approval.

use super::*;
use crate::domain::plan::{
    ActionStatus, Change, Commissioning, Measure, Plan, PlanAction, PlanStatus, Priority,
};
use crate::domain::{PlanYear, Unit};
use std::collections::BTreeMap;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a date")
}

fn action(id: i64, description: &str, due: NaiveDate) -> PlanAction {
    PlanAction {
        id,
        revision: 1,
        description: description.into(),
        lead_partner: None,
        supporting_partners: vec![],
        start: Some(d(2026, 4, 1)),
        due: Some(due),
        resources: String::new(),
        pooled_budget_pence: None,
        commissioning: Commissioning::Neither,
        status: ActionStatus::OnTrack,
    }
}

fn plan() -> Plan {
    Plan {
        id: 1,
        partnership_id: 2,
        partnership_name: "Hart".into(),
        partnership_slug: "hart".into(),
        year: PlanYear::new(2026).expect("a plan year"),
        version: 1,
        status: PlanStatus::Approved,
        revision: 1,
        needs_summary: String::new(),
        young_people_said: String::new(),
        young_people_version: None,
        priorities: vec![Priority {
            id: 5,
            revision: 1,
            title: "Reducing teenage conceptions".into(),
            mandated: true,
            added_later: false,
            outcome: String::new(),
            champion: None,
            challenger: None,
            measures: vec![Measure {
                id: 10,
                revision: 1,
                indicator_code: Some("NI 112".into()),
                baseline: Some(24.0),
                baseline_period: None,
                target: Some(20.0),
                due: Some(d(2027, 3, 31)),
            }],
            actions: vec![
                action(100, "School drop-ins", d(2027, 3, 31)),
                action(101, "Youth club sessions", d(2027, 1, 31)),
            ],
        }],
        organisations: BTreeMap::new(),
        indicators: BTreeMap::new(),
    }
}

fn progress(id: i64, p: Progress) -> ActionProgress {
    ActionProgress {
        action_id: id,
        progress: p,
        commentary: String::new(),
        corrective_action: String::new(),
        corrective_owner: String::new(),
        corrective_due: None,
        revised_due: None,
        slip_reason: String::new(),
        revision: 1,
    }
}

fn review(actions: Vec<ActionProgress>) -> MidYearReview {
    MidYearReview {
        id: 1,
        partnership_id: 2,
        plan_id: 1,
        year: 2026,
        reviewed_version: 1,
        status: MidYearStatus::Draft,
        round: 0,
        revision: 1,
        going_well: "Drop-ins are busy".into(),
        board_should_know: "Funding ends in March".into(),
        late: false,
        submitted_at: None,
        accepted_at: None,
        accepted_by: None,
        actions,
        measures: vec![],
        comments: vec![],
    }
}

#[test]
fn workflow() {
    use MidYearEvent::*;
    use MidYearStatus::*;
    assert_eq!(transition(Draft, Submit), Ok(Submitted));
    assert_eq!(transition(Returned, Submit), Ok(Submitted));
    assert_eq!(transition(Submitted, Return), Ok(Returned));
    assert_eq!(transition(Submitted, Accept), Ok(Accepted));
    for (s, e) in [
        (Draft, Accept),
        (Draft, Return),
        (Returned, Accept),
        (Submitted, Submit),
        (Accepted, Submit),
        (Accepted, Return),
        (Accepted, Accept),
    ] {
        assert!(transition(s, e).is_err(), "{s:?} {e:?}");
    }
}

fn form(progress: &str) -> ActionProgressForm {
    ActionProgressForm {
        progress: progress.into(),
        due: "31/3/2027".into(),
        ..Default::default()
    }
}

fn keys(problems: &[crate::domain::plan::Problem]) -> Vec<&str> {
    problems.iter().map(|p| p.anchor.as_str()).collect()
}

#[test]
fn off_track_needs_a_corrective_action_with_owner_and_date() {
    let due = Some(d(2027, 3, 31));
    let refused = form("off_track").parse(due).expect_err("refused");
    assert_eq!(
        keys(&refused),
        ["corrective_action", "corrective_owner", "corrective_due"]
    );
    assert!(refused[0].message.contains("off track"));
    let mut f = form("off_track");
    f.corrective_action = "Second venue".into();
    f.corrective_owner = "Youth Service".into();
    f.corrective_due = "31 December 2026".into();
    let ok = f.parse(due).expect("accepted");
    assert_eq!(ok.corrective_due, Some(d(2026, 12, 31)));
    assert_eq!(ok.revised_due, None);
    // On track needs none of it.
    assert!(form("on_track").parse(due).is_ok());
    // A progress that is not one of the six is refused by name.
    assert_eq!(
        keys(&form("sideways").parse(due).expect_err("x")),
        ["progress"]
    );
    assert_eq!(keys(&form("").parse(due).expect_err("x")), ["progress"]);
}

#[test]
fn a_new_due_date_is_a_slip_with_its_reason() {
    let due = Some(d(2027, 3, 31));
    let mut f = form("on_track");
    f.due = "30/6/2027".into();
    assert_eq!(keys(&f.parse(due).expect_err("no reason")), ["slip_reason"]);
    f.slip_reason = "The venue closed".into();
    let ok = f.parse(due).expect("accepted");
    assert_eq!(ok.revised_due, Some(d(2027, 6, 30)));
    assert_eq!(ok.slip_reason, "The venue closed");
    // The approved date again is no slip, and a reason left over is not kept.
    f.due = "31 March 2027".into();
    let ok = f.parse(due).expect("accepted");
    assert_eq!((ok.revised_due, ok.slip_reason.as_str()), (None, ""));
    // The date cannot be taken away, and must be a date.
    f.due = String::new();
    assert_eq!(keys(&f.parse(due).expect_err("blank")), ["due"]);
    f.due = "soon".into();
    assert_eq!(keys(&f.parse(due).expect_err("not a date")), ["due"]);
}

#[test]
fn dropping_says_why_and_long_text_is_refused() {
    let due = Some(d(2027, 3, 31));
    assert_eq!(
        keys(&form("dropped").parse(due).expect_err("why")),
        ["commentary"]
    );
    let mut f = form("on_track");
    f.commentary = "x".repeat(NOTE_LIMIT + 1);
    assert_eq!(keys(&f.parse(due).expect_err("long")), ["commentary"]);
}

#[test]
fn a_forecast_must_be_a_figure_its_unit_allows() {
    let f = |v: &str| MeasureNoteForm {
        forecast: v.into(),
        commentary: String::new(),
    };
    assert_eq!(
        f("101")
            .parse(Some(Unit::Percentage))
            .expect_err("over")
            .len(),
        1
    );
    assert_eq!(
        f("-1")
            .parse(Some(Unit::RatePer1000))
            .expect_err("negative")
            .len(),
        1
    );
    assert_eq!(f("lots").parse(None).expect_err("words").len(), 1);
    assert_eq!(
        f("18.5")
            .parse(Some(Unit::RatePer1000))
            .expect("ok")
            .forecast,
        Some(18.5)
    );
    assert_eq!(
        f("").parse(Some(Unit::Percentage)).expect("ok").forecast,
        None
    );
}

#[test]
fn a_return_needs_a_comment() {
    let f = |d: &str, c: &str| MidYearDecisionForm {
        decision: d.into(),
        comment: c.into(),
    };
    assert!(f("return", " ").parse().is_err());
    assert_eq!(
        f("return", "Why?").parse(),
        Ok((MidYearEvent::Return, "Why?".into()))
    );
    assert_eq!(
        f("accept", "").parse(),
        Ok((MidYearEvent::Accept, String::new()))
    );
    assert!(f("", "").parse().is_err());
}

#[test]
fn what_stops_submission() {
    let plan = plan();
    let mut r = review(vec![
        progress(100, Progress::AtRisk),
        progress(101, Progress::Dropped),
    ]);
    r.going_well.clear();
    assert_eq!(
        keys(&submission_problems(&r, &plan)),
        [
            "summary#going_well",
            "actions/100#corrective_action",
            "actions/100#corrective_owner",
            "actions/100#corrective_due",
            "actions/101#commentary"
        ]
    );
    r.going_well = "Busy".into();
    r.actions[0].corrective_action = "More staff".into();
    r.actions[0].corrective_owner = "Solent NHS".into();
    r.actions[0].corrective_due = Some(d(2026, 12, 1));
    r.actions[1].commentary = "Funding ended".into();
    assert!(submission_problems(&r, &plan).is_empty());
}

#[test]
fn headline_counts() {
    let r = review(vec![
        progress(1, Progress::OnTrack),
        progress(2, Progress::OnTrack),
        progress(3, Progress::AtRisk),
        progress(4, Progress::OffTrack),
        progress(5, Progress::Complete),
    ]);
    assert_eq!(
        r.counts().to_string(),
        "5 actions: 2 on track, 1 at risk, 1 off track, 1 complete"
    );
    assert_eq!(r.counts().total(), 5);
    assert_eq!(ProgressCounts::default().to_string(), "0 actions");
}

#[test]
fn changes_since_approval_list_slips_drops_and_the_plans_own_changes() {
    let approved = plan();
    let mut slipped = progress(100, Progress::OnTrack);
    slipped.revised_due = Some(d(2027, 6, 30));
    slipped.slip_reason = "The venue closed".into();
    let r = review(vec![slipped, {
        let mut x = progress(101, Progress::Dropped);
        x.commentary = "Funding ended".into();
        x
    }]);
    // Nothing changed in the plan: only the review's slip and drop.
    let same = since_approval(&approved, Some(&approved), &r);
    assert_eq!(
        same.iter().map(|c| c.kind()).collect::<Vec<_>>(),
        ["Slipped", "Dropped"]
    );
    assert_eq!(
        same[0].describe(),
        "“School drop-ins” is now due 30 June 2027 (approved for 31 March 2027): The venue closed"
    );
    // A new version with an added action.
    let mut now = approved.clone();
    now.priorities[0]
        .actions
        .push(action(102, "Peer educators", d(2027, 2, 28)));
    let changed = since_approval(&approved, Some(&now), &r);
    assert_eq!(changed.len(), 3);
    assert!(
        matches!(&changed[2], SinceApproval::Plan(Change::Added(w)) if w.contains("Peer educators"))
    );
}
