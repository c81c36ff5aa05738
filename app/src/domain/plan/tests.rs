use super::*;

pub(super) fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

pub(super) fn complete() -> Priority {
    Priority {
        id: 1,
        title: "Reducing teenage conceptions".into(),
        mandated: true,
        added_later: false,
        outcome: "Fewer under-18 conceptions".into(),
        champion: Some("Ruth Adeyemi".into()),
        challenger: Some("Jo Marsh".into()),
        revision: 1,
        measures: vec![Measure {
            id: 10,
            revision: 1,
            indicator_code: Some("NI 112".into()),
            baseline: Some(24.1),
            baseline_period: Some("2025/26".into()),
            target: Some(20.0),
            due: d(2027, 3, 31),
        }],
        actions: vec![PlanAction {
            id: 100,
            revision: 1,
            description: "Sexual health drop-ins in secondary schools".into(),
            lead_partner: Some(7),
            supporting_partners: vec![3],
            start: d(2026, 9, 1),
            due: d(2027, 3, 31),
            resources: "Two school nurses".into(),
            pooled_budget_pence: Some(1_250_000),
            commissioning: Commissioning::Commissions,
            status: ActionStatus::NotStarted,
        }],
    }
}

#[test]
fn workflow() {
    use PlanEvent::*;
    use PlanStatus::*;
    assert_eq!(transition(Draft, &Submit), Ok(Submitted));
    assert_eq!(transition(Submitted, &Approve), Ok(Approved));
    assert_eq!(
        transition(
            Submitted,
            &Return {
                comment: "Add a target for NEET".into()
            }
        ),
        Ok(Draft)
    );
    assert!(transition(
        Submitted,
        &Return {
            comment: "  ".into()
        }
    )
    .unwrap_err()
    .0
    .contains("Enter a comment"));
    assert_eq!(transition(Approved, &Amend), Ok(Draft));
    assert_eq!(
        transition(Draft, &Approve).unwrap_err().0,
        "A plan that is draft cannot be approved"
    );
    assert!(
        transition(Approved, &Submit).is_err(),
        "an approved plan is frozen"
    );
    assert!(transition(Submitted, &Submit).is_err());
}

#[test]
fn a_complete_plan_has_no_problems() {
    assert!(submission_problems(&[complete()]).is_empty());
}

#[test]
fn every_gap_is_named_and_anchored() {
    let mut p = complete();
    p.measures[0].target = None;
    p.measures[0].due = None;
    p.actions[0].lead_partner = None;
    p.actions[0].start = None;
    let anchors: Vec<_> = submission_problems(&[p])
        .into_iter()
        .map(|x| x.anchor)
        .collect();
    assert_eq!(
        anchors,
        [
            "measure-10-target",
            "measure-10-due",
            "action-100-lead",
            "action-100-start"
        ]
    );
}

#[test]
fn mandated_priorities_need_a_measure_local_ones_do_not() {
    let mut p = complete();
    p.measures.clear();
    let problems = submission_problems(&[p.clone()]);
    assert_eq!(problems[0].anchor, "priority-1-measures");
    assert!(problems[0].message.contains("set by the Board"));
    p.mandated = false;
    assert!(submission_problems(&[p]).is_empty());
}

#[test]
fn an_action_cannot_end_before_it_starts() {
    let mut p = complete();
    p.actions[0].due = d(2026, 8, 31);
    let problems = submission_problems(&[p]);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("on or after its start"));
}

#[test]
fn more_than_twelve_priorities_is_a_warning() {
    assert!(priority_count_warning(12).is_none());
    assert!(priority_count_warning(13)
        .unwrap()
        .contains("13 priorities"));
}

#[test]
fn targets_are_checked_against_polarity() {
    assert!(target_direction_warning(Polarity::LowerIsBetter, 24.1, 20.0).is_none());
    assert!(
        target_direction_warning(Polarity::LowerIsBetter, 24.1, 26.0)
            .unwrap()
            .contains("above the baseline")
    );
    assert!(
        target_direction_warning(Polarity::HigherIsBetter, 58.0, 55.0)
            .unwrap()
            .contains("below the baseline")
    );
    assert!(target_direction_warning(Polarity::HigherIsBetter, 58.0, 58.0).is_none());
    assert!(target_direction_warning(Polarity::NoJudgement, 1.0, 9.0).is_none());
}

#[test]
fn money() {
    assert_eq!(parse_pounds("£1,250.50"), Ok(Some(125_050)));
    assert_eq!(parse_pounds("1250"), Ok(Some(125_000)));
    assert_eq!(parse_pounds(" 12.5 "), Ok(Some(1_250)));
    assert_eq!(parse_pounds(""), Ok(None));
    assert_eq!(parse_pounds("£ "), Ok(None), "a lone pound sign is a blank");
    for bad in [
        "12.345",
        "-5",
        "ten",
        "1.2.3",
        "99999999999999999999",
        "£12.3p",
    ] {
        assert!(parse_pounds(bad).is_err(), "{bad}");
    }
}

#[test]
fn money_is_written_back_as_people_write_it() {
    assert_eq!(format_pounds(125_050), "£1,250.50");
    assert_eq!(format_pounds(100_000_000), "£1,000,000");
    assert_eq!(format_pounds(5), "£0.05");
    for pence in [0, 99, 125_050, 123_456_789] {
        assert_eq!(parse_pounds(&format_pounds(pence)), Ok(Some(pence)));
    }
}

fn year() -> crate::domain::PlanYear {
    crate::domain::PlanYear::new(2026).unwrap()
}

#[test]
fn measure_forms() {
    let ok = MeasureForm {
        indicator: "ni 112".into(),
        baseline: "24.1".into(),
        baseline_period: "2025/26".into(),
        target: "20".into(),
        due: "31/3/2027".into(),
    }
    .parse(year())
    .unwrap();
    assert_eq!(
        ok.indicator_code.as_deref(),
        Some("ni 112"),
        "kept as typed: the catalogue is searched without case"
    );
    assert_eq!(ok.due, d(2027, 3, 31));
    assert_eq!(MeasureForm::default().parse(year()).unwrap().target, None);
    let bad = MeasureForm {
        target: "twenty".into(),
        due: "31/2/2027".into(),
        baseline_period: "last year".into(),
        ..MeasureForm::default()
    }
    .parse(year())
    .unwrap_err();
    let fields: Vec<_> = bad.iter().map(|p| p.anchor.as_str()).collect();
    assert_eq!(fields, ["baseline_period", "target", "due"]);
}

#[test]
fn a_target_cannot_fall_due_before_its_plan_year() {
    let early = MeasureForm {
        due: "1/1/2026".into(),
        ..MeasureForm::default()
    }
    .parse(year())
    .unwrap_err();
    assert_eq!(early[0].anchor, "due");
    assert!(
        early[0].message.contains("1/4/2026"),
        "{}",
        early[0].message
    );
    let first_day = MeasureForm {
        due: "1/4/2026".into(),
        ..MeasureForm::default()
    };
    assert!(first_day.parse(year()).is_ok());
}

fn ticked(ids: &[&str]) -> std::collections::BTreeMap<String, String> {
    ids.iter()
        .map(|i| (i.to_string(), "on".to_string()))
        .collect()
}

#[test]
fn action_forms() {
    let form = ActionForm {
        description: "  Drop-in clinics ".into(),
        lead: "7".into(),
        supporting: ticked(&["3", "7", ""]),
        start: "1/9/2026".into(),
        due: "31 March 2027".into(),
        pooled_budget: "£12,500".into(),
        commissioning: "commissions".into(),
        status: "on_track".into(),
        ..ActionForm::default()
    };
    let a = form.parse().unwrap();
    assert_eq!(a.description, "Drop-in clinics");
    assert_eq!(
        a.supporting_partners,
        [3],
        "the lead and blanks are dropped"
    );
    assert_eq!(a.pooled_budget_pence, Some(1_250_000));
    assert_eq!(a.status, ActionStatus::OnTrack);
    let bad = ActionForm {
        description: " ".into(),
        lead: "someone".into(),
        start: "1/9/2027".into(),
        due: "1/9/2026".into(),
        pooled_budget: "lots".into(),
        commissioning: "maybe".into(),
        ..ActionForm::default()
    }
    .parse()
    .unwrap_err();
    let ids: Vec<_> = bad.iter().map(|p| p.anchor.as_str()).collect();
    assert_eq!(
        ids,
        [
            "description",
            "lead",
            "due",
            "pooled_budget",
            "commissioning"
        ]
    );
}

#[test]
fn a_saved_action_fills_its_form_and_parses_back_to_itself() {
    let saved = complete().actions[0].clone();
    let input = ActionForm::from_saved(&saved).parse().unwrap();
    assert_eq!(input, ActionInput::from(&saved));
}

#[test]
fn a_stale_save_names_every_field_someone_else_changed() {
    let saved = complete().actions[0].clone();
    let mine = ActionInput {
        supporting_partners: vec![],
        commissioning: Commissioning::Neither,
        ..ActionInput::from(&saved)
    };
    let name = |id: i64| format!("Partner {id}");
    let diff = differences(&ActionInput::from(&saved).shown(name), &mine.shown(name));
    let fields: Vec<_> = diff.iter().map(|p| p.anchor.as_str()).collect();
    assert_eq!(fields, ["supporting", "commissioning"]);
    assert_eq!(diff[0].message, "Saved meanwhile: “Partner 3”");
}

#[test]
fn priority_forms() {
    let p = PriorityForm {
        title: "  Safer   streets ".into(),
        outcome: "Fewer incidents".into(),
        champion: " ".into(),
        challenger: "Jo  Marsh".into(),
    }
    .parse()
    .unwrap();
    assert_eq!(p.title, "Safer streets");
    assert_eq!(p.champion, None);
    assert_eq!(p.challenger.as_deref(), Some("Jo Marsh"));
    assert_eq!(
        PriorityForm::default().parse().unwrap_err()[0].anchor,
        "title"
    );
}

#[test]
fn a_decision_must_be_chosen_and_a_return_explained() {
    let none = DecisionForm::default().parse().unwrap_err();
    assert_eq!(none[0].anchor, "decision");
    assert_eq!(
        none[0].message,
        "Choose whether to approve the plan or return it"
    );
    let unexplained = DecisionForm {
        decision: "return".into(),
        comment: "  ".into(),
    };
    assert_eq!(unexplained.parse().unwrap_err()[0].anchor, "comment");
    let approve = DecisionForm {
        decision: "approve".into(),
        ..DecisionForm::default()
    };
    assert_eq!(approve.parse(), Ok(PlanEvent::Approve));
}

#[test]
fn long_texts_are_refused_against_their_field() {
    let long = "x".repeat(ABOUT_LIMIT + 1);
    let about = AboutForm {
        needs_summary: long,
        young_people_said: "fine".into(),
    };
    assert_eq!(about.parse().unwrap_err()[0].anchor, "needs_summary");
    let ten_thousand = AboutForm {
        needs_summary: "y".repeat(ABOUT_LIMIT),
        ..AboutForm::default()
    };
    assert!(ten_thousand.parse().is_ok());
}

#[test]
fn problems_point_at_their_page_and_field() {
    assert_eq!(
        problem_location("measure-10-target"),
        Some(("measures/10".into(), "target".into()))
    );
    assert_eq!(
        problem_location("priority-1-measures"),
        Some(("priorities/1".into(), "measures".into()))
    );
    assert_eq!(problem_location("nonsense"), None);
    for p in submission_problems(&[Priority {
        measures: vec![],
        outcome: String::new(),
        ..complete()
    }]) {
        assert!(problem_location(&p.anchor).is_some(), "{}", p.anchor);
    }
}

#[test]
fn task_statuses() {
    let p = complete();
    assert_eq!(priority_task_status(&p), TaskStatus::Completed);
    let mut gap = p.clone();
    gap.actions[0].lead_partner = None;
    assert_eq!(priority_task_status(&gap), TaskStatus::InProgress);
    let blank = Priority {
        outcome: String::new(),
        champion: None,
        challenger: None,
        measures: vec![],
        actions: vec![],
        ..p
    };
    assert_eq!(priority_task_status(&blank), TaskStatus::NotStarted);
    assert_eq!(text_task_status(&["", " "]), TaskStatus::NotStarted);
    assert_eq!(text_task_status(&["Needs", ""]), TaskStatus::InProgress);
    assert_eq!(text_task_status(&["Needs", "Said"]), TaskStatus::Completed);
}
