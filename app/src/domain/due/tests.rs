use super::*;
use crate::domain::calendar::default_calendar;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn role(role: Role, partnerships: &[i64]) -> RoleAssignment {
    RoleAssignment {
        id: 1,
        role,
        partnership_id: None,
        district_area_id: None,
        scope_name: None,
        partnership_slug: None,
        partnerships: partnerships.to_vec(),
    }
}

fn position(id: i64, name: &str) -> PartnershipPosition {
    PartnershipPosition {
        id,
        slug: name.to_lowercase(),
        name: format!("{name} Children's Partnership"),
        retired: false,
        has_chair: true,
        plan: None,
        plan_approved_once: false,
        assessment: None,
        mid_year: None,
    }
}

fn cycle(year: i32, partnerships: Vec<PartnershipPosition>) -> CycleYear {
    let year = PlanYear::new(year).unwrap();
    CycleYear {
        year,
        calendar: default_calendar(year),
        partnerships,
    }
}

fn texts(items: &[DueItem]) -> Vec<String> {
    items.iter().map(|i| i.text.clone()).collect()
}

#[test]
fn a_chair_sees_their_plan_and_self_assessment_in_the_window() {
    let c = cycle(2027, vec![position(1, "Gosport"), position(2, "Fareham")]);
    let chair = [role(Role::PartnershipChair, &[1])];
    let items = due_from(&chair, &c, d(2027, 4, 18));
    assert_eq!(
        texts(&items),
        vec![
            "Plan for 2027/28 due 30 April 2027 (12 days)",
            "Self-assessment due 30 April 2027 (12 days)",
        ]
    );
    assert!(items.iter().all(|i| !i.overdue && i.urgent()));
    assert_eq!(items[0].href, "/partnerships/gosport/plans/2027");
    assert_eq!(items[1].href, "/partnerships/gosport/self-assessments/2027");
    assert_eq!(
        items[0].partnership.as_deref(),
        Some("Gosport Children's Partnership")
    );
    // Not yet in view in March (the stage opens on 1 April and is 6 weeks away).
    assert!(due_from(&chair, &c, d(2027, 3, 15)).is_empty());
    // Open from 1 April though 29 days away: shown, but not worth a digest yet.
    let early = due_from(&chair, &c, d(2027, 4, 1));
    assert_eq!(early.len(), 2);
    assert!(early.iter().all(|i| !i.urgent()));
}

#[test]
fn due_today_tomorrow_and_overdue() {
    let c = cycle(2027, vec![position(1, "Gosport")]);
    let chair = [role(Role::PartnershipMember, &[1])];
    let today = due_from(&chair, &c, d(2027, 4, 30));
    assert_eq!(today[0].text, "Plan for 2027/28 due 30 April 2027 (today)");
    assert!(!today[0].overdue);
    let tomorrow = due_from(&chair, &c, d(2027, 4, 29));
    assert_eq!(
        tomorrow[0].text,
        "Plan for 2027/28 due 30 April 2027 (tomorrow)"
    );
    let late = due_from(&chair, &c, d(2027, 5, 3));
    assert_eq!(
        texts(&late),
        vec![
            "Plan for 2027/28 was due 30 April 2027 (3 days ago)",
            "Self-assessment was due 30 April 2027 (3 days ago)",
        ]
    );
    assert!(late.iter().all(|i| i.overdue && i.urgent()));
    assert_eq!(
        due_from(&chair, &c, d(2027, 5, 1))[0].text,
        "Plan for 2027/28 was due 30 April 2027 (yesterday)"
    );
}

#[test]
fn what_is_done_is_not_due() {
    let mut p = position(1, "Gosport");
    p.plan = Some(PlanStatus::Submitted);
    p.assessment = Some(AssessmentStatus::InModeration);
    let chair = [role(Role::PartnershipChair, &[1])];
    assert!(due_from(&chair, &cycle(2027, vec![p.clone()]), d(2027, 4, 20)).is_empty());
    // An approved plan being changed is not owed again; a returned assessment is.
    p.plan = Some(PlanStatus::Draft);
    p.plan_approved_once = true;
    p.assessment = Some(AssessmentStatus::Returned);
    let items = due_from(&chair, &cycle(2027, vec![p.clone()]), d(2027, 4, 20));
    assert_eq!(
        texts(&items),
        vec!["Self-assessment (returned with questions) due 30 April 2027 (10 days)"]
    );
    // A draft plan never approved is still owed.
    p.plan_approved_once = false;
    let items = due_from(&chair, &cycle(2027, vec![p]), d(2027, 4, 20));
    assert_eq!(items[0].kind, DueKind::Plan);
}

#[test]
fn the_mid_year_review_needs_an_approved_plan() {
    let mut p = position(1, "Gosport");
    p.plan = Some(PlanStatus::Approved);
    p.plan_approved_once = true;
    p.assessment = Some(AssessmentStatus::Moderated);
    let chair = [role(Role::PartnershipChair, &[1])];
    let items = due_from(&chair, &cycle(2026, vec![p.clone()]), d(2026, 11, 23));
    assert_eq!(
        texts(&items),
        vec!["Mid-year review due 30 November 2026 (7 days)"]
    );
    assert_eq!(
        items[0].href,
        "/partnerships/gosport/plans/2026/mid-year-review"
    );
    p.mid_year = Some(MidYearStatus::Submitted);
    assert!(due_from(&chair, &cycle(2026, vec![p.clone()]), d(2026, 11, 23)).is_empty());
    // No approved plan: nothing to review yet (the plan itself is what is owed).
    p.mid_year = None;
    p.plan = Some(PlanStatus::Submitted);
    p.plan_approved_once = false;
    assert!(due_from(&chair, &cycle(2026, vec![p]), d(2026, 11, 23)).is_empty());
}

#[test]
fn a_retired_partnership_owes_nothing() {
    let mut p = position(1, "Gosport");
    p.retired = true;
    let c = cycle(2027, vec![p]);
    for r in [
        Role::PartnershipChair,
        Role::BoardMember,
        Role::Administrator,
    ] {
        assert!(
            due_from(&[role(r, &[1])], &c, d(2027, 5, 20)).is_empty(),
            "{r:?}"
        );
    }
}

#[test]
fn one_partnerships_items_are_never_shown_to_anothers_chair() {
    let mut fareham = position(2, "Fareham");
    fareham.plan = Some(PlanStatus::Approved);
    fareham.plan_approved_once = true;
    fareham.assessment = Some(AssessmentStatus::Submitted);
    let c = cycle(2027, vec![position(1, "Gosport"), fareham]);
    let fareham_chair = [role(Role::PartnershipChair, &[2])];
    assert!(due_from(&fareham_chair, &c, d(2027, 4, 20)).is_empty());
    let gosport_chair = [role(Role::PartnershipChair, &[1])];
    let items = due_from(&gosport_chair, &c, d(2027, 4, 20));
    assert!(items
        .iter()
        .all(|i| i.partnership.as_deref() == Some("Gosport Children's Partnership")));
    assert!(items.iter().all(|i| !i.href.contains("fareham")));
    // A viewer owes nothing.
    assert!(due_from(&[role(Role::Viewer, &[])], &c, d(2027, 4, 20)).is_empty());
}

#[test]
fn district_managers_count_their_districts_only() {
    let mut ps: Vec<_> = (1..=5).map(|i| position(i, &format!("P{i}"))).collect();
    ps[0].assessment = Some(AssessmentStatus::Submitted);
    ps[1].assessment = Some(AssessmentStatus::InModeration);
    ps[2].assessment = Some(AssessmentStatus::Submitted);
    ps[3].assessment = Some(AssessmentStatus::Moderated);
    ps[0].plan = Some(PlanStatus::Draft);
    ps[1].plan = Some(PlanStatus::Draft);
    ps[4].plan = Some(PlanStatus::Draft);
    let c = cycle(2027, ps);
    let manager = [role(Role::DistrictManager, &[1, 2, 4])];
    let items = due_from(&manager, &c, d(2027, 4, 20));
    assert_eq!(
        texts(&items),
        vec![
            "2 draft plans to comment on before submission, due 30 April 2027 (10 days)",
            "2 self-assessments to moderate, due 31 May 2027 (41 days)",
        ]
    );
    assert_eq!(items[1].href, "/self-assessments?year=2027");
    // After submission closes there is nothing to comment on; moderation becomes overdue.
    let items = due_from(&manager, &c, d(2027, 6, 2));
    assert_eq!(
        texts(&items),
        vec!["2 self-assessments to moderate, was due 31 May 2027 (2 days ago)"]
    );
    assert!(items[0].overdue);
    // One to moderate: straight to it.
    let one = [role(Role::DistrictManager, &[1])];
    let items = due_from(&one, &c, d(2027, 5, 10));
    assert_eq!(
        items[0].text,
        "1 self-assessment to moderate, due 31 May 2027 (21 days)"
    );
    assert_eq!(
        items[0].href,
        "/partnerships/p1/self-assessments/2027/moderation"
    );
}

#[test]
fn the_board_counts_plans_and_mid_year_reviews() {
    let mut ps: Vec<_> = (1..=9).map(|i| position(i, &format!("P{i}"))).collect();
    for p in ps.iter_mut().take(7) {
        p.plan = Some(PlanStatus::Submitted);
    }
    for p in ps.iter_mut().skip(5) {
        p.mid_year = Some(MidYearStatus::Submitted);
    }
    ps[8].retired = true;
    let c = cycle(2027, ps);
    let board = [role(Role::BoardMember, &[])];
    let items = due_from(&board, &c, d(2027, 5, 20));
    assert_eq!(
        texts(&items),
        vec![
            "7 plans awaiting approval, due 31 May 2027 (11 days)",
            "3 mid-year reviews to accept, due 31 December 2027 (225 days)",
        ]
    );
    assert!(items[0].urgent() && !items[1].urgent());
    assert_eq!(items[0].href, "/plans?year=2027");
}

#[test]
fn administrators_hear_of_partnerships_without_a_chair() {
    let mut ps = vec![
        position(1, "Gosport"),
        position(2, "Fareham"),
        position(3, "Hart"),
    ];
    ps[0].has_chair = false;
    ps[1].has_chair = false;
    let c = cycle(2026, ps);
    let admin = [role(Role::Administrator, &[])];
    let items = due_from(&admin, &c, d(2026, 11, 23));
    assert_eq!(
        texts(&items),
        vec!["2 partnerships have no chair who can sign in to submit the mid-year review, due 30 November 2026 (7 days)"]
    );
    assert_eq!(items[0].href, "/admin/people");
    assert!(
        due_from(&admin, &c, d(2026, 8, 1)).is_empty(),
        "nothing due soon"
    );
}

#[test]
fn digests_say_how_many_and_link_in_full() {
    let c = cycle(2027, vec![position(1, "Gosport")]);
    let chair = [role(Role::PartnershipChair, &[1])];
    let items = due_from(&chair, &c, d(2027, 5, 3));
    assert_eq!(digest_subject(&items), "Trustboard: 2 things overdue");
    let mut mixed = items.clone();
    mixed[1].overdue = false;
    assert_eq!(digest_subject(&mixed), "Trustboard: 1 thing due, 1 overdue");
    assert_eq!(digest_subject(&mixed[1..]), "Trustboard: 1 thing due");
    let body = digest_body("Ruth", &items, "https://tb.example.org/", d(2027, 5, 3));
    assert!(body.starts_with("Dear Ruth,"));
    assert!(body.contains("- OVERDUE: Plan for 2027/28 was due 30 April 2027 (3 days ago) – Gosport Children's Partnership\n  https://tb.example.org/partnerships/gosport/plans/2027\n"));
    assert!(body.contains("https://tb.example.org/account"));
}

#[test]
fn the_stages_that_concern_a_person() {
    let cal = default_calendar(PlanYear::new(2027).unwrap());
    let kinds = |roles: &[RoleAssignment]| {
        stages_for(roles, &cal)
            .into_iter()
            .map(|s| s.kind)
            .collect::<Vec<_>>()
    };
    let chair = kinds(&[role(Role::PartnershipChair, &[1])]);
    assert!(chair.contains(&StageKind::PlanSubmission));
    assert!(!chair.contains(&StageKind::PlanApproval));
    assert_eq!(
        kinds(&[role(Role::DistrictManager, &[1])]),
        vec![StageKind::Moderation]
    );
    assert!(kinds(&[role(Role::BoardMember, &[])]).contains(&StageKind::PlanApproval));
    assert_eq!(
        kinds(&[role(Role::Administrator, &[])]).len(),
        StageKind::ALL.len()
    );
    assert!(kinds(&[role(Role::Viewer, &[])]).is_empty());
}
