use super::*;
use crate::domain::calendar::default_calendar;

fn catalogue() -> Vec<String> {
    ["NI 112", "NI 117", "NI 148"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn priority(title: &str, outcome: &str, indicators: &str) -> BoardPriorityForm {
    BoardPriorityForm {
        title: title.into(),
        outcome: outcome.into(),
        indicators: indicators.into(),
    }
}

fn anchors(problems: &[Problem]) -> Vec<&str> {
    problems.iter().map(|p| p.anchor.as_str()).collect()
}

#[test]
fn a_board_priority_is_read_with_its_indicators_in_the_catalogues_spelling() {
    let input = priority(
        "  Fewer   young people NEET ",
        " More in work or learning \r\n",
        "ni117, NI148\n\nNI 112",
    )
    .parse(&catalogue(), &["Safer journeys".into()])
    .unwrap();
    assert_eq!(input.title, "Fewer young people NEET");
    assert_eq!(input.outcome, "More in work or learning");
    assert_eq!(input.indicators, vec!["NI 117", "NI 148", "NI 112"]);
    // No indicators is fine.
    let none = priority("Safer streets", "", "")
        .parse(&catalogue(), &[])
        .unwrap();
    assert!(none.indicators.is_empty());
}

#[test]
fn every_refusal_is_named_at_its_field() {
    let p = priority("", &"x".repeat(OUTCOME_LIMIT + 1), "NI 999")
        .parse(&catalogue(), &[])
        .unwrap_err();
    assert_eq!(anchors(&p), vec!["title", "outcome", "indicators"]);
    assert!(p[0].message.contains("Enter the priority's title"));
    assert!(
        p[1].message.contains("2,000 characters or fewer"),
        "{}",
        p[1].message
    );
    assert!(p[1].message.contains("2,001"), "{}", p[1].message);
    assert!(p[2]
        .message
        .contains("‘NI 999’ is not in the indicator catalogue"));
}

#[test]
fn text_over_the_limits_is_refused_and_at_the_limit_accepted() {
    let at_limit = "t".repeat(TITLE_LIMIT);
    assert!(priority(&at_limit, &"o".repeat(OUTCOME_LIMIT), "")
        .parse(&catalogue(), &[])
        .is_ok());
    let p = priority(&format!("{at_limit}u"), "", "")
        .parse(&catalogue(), &[])
        .unwrap_err();
    assert_eq!(anchors(&p), vec!["title"]);
    assert!(p[0].message.contains("200 characters or fewer"));
}

#[test]
fn a_title_is_unique_in_its_year_ignoring_case() {
    let others = vec!["Fewer young people NEET".to_string()];
    let p = priority("fewer YOUNG people neet", "", "")
        .parse(&catalogue(), &others)
        .unwrap_err();
    assert_eq!(anchors(&p), vec!["title"]);
    assert!(p[0].message.contains("already has a priority"));
}

#[test]
fn unknown_and_repeated_codes_are_named() {
    let p = priority("A", "", "NI 112, XYZ, NI 404")
        .parse(&catalogue(), &[])
        .unwrap_err();
    assert!(
        p[0].message.starts_with("‘XYZ’ and ‘NI 404’ are not in"),
        "{}",
        p[0].message
    );
    let p = priority("A", "", "NI 112\nni 112")
        .parse(&catalogue(), &[])
        .unwrap_err();
    assert_eq!(anchors(&p), vec!["indicators"]);
    assert!(p[0].message.contains("‘NI 112’ is listed twice"));
}

fn y(first: i32) -> PlanYear {
    PlanYear::new(first).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn a_calendar_round_trips_through_its_form() {
    let year = y(2027);
    let cal = default_calendar(year);
    let form = CalendarForm::from_stages(&cal);
    assert_eq!(form.opens.len(), 12);
    let parsed = form.parse(year).unwrap();
    assert_eq!(parsed.len(), 12);
    // In the order of Appendix 1.
    let kinds: Vec<StageKind> = parsed.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, StageKind::ALL.to_vec());
    for s in &cal {
        assert!(parsed.contains(s));
    }
}

#[test]
fn a_first_year_whose_dates_differ_is_just_data() {
    // A first year running late: submission in June, approval in July, everything later.
    let year = y(2026);
    let mut form = CalendarForm::from_stages(&default_calendar(year));
    let plan = StageKind::PlanSubmission.as_str().to_string();
    form.opens.insert(plan.clone(), "1 May 2026".into());
    form.due.insert(plan, "30/06/2026".into());
    let approval = StageKind::PlanApproval.as_str().to_string();
    form.opens.insert(approval.clone(), "2026-07-01".into());
    form.due.insert(approval, "31/7/2026".into());
    let cal = form.parse(year).unwrap();
    let stage = |k| cal.iter().find(|s| s.kind == k).unwrap().clone();
    assert_eq!(stage(StageKind::PlanSubmission).due, d(2026, 6, 30));
    assert_eq!(stage(StageKind::PlanApproval).opens, d(2026, 7, 1));
}

#[test]
fn every_calendar_refusal_is_named_at_its_own_input() {
    let year = y(2027);
    let mut form = CalendarForm::from_stages(&default_calendar(year));
    let key = |k: StageKind| k.as_str().to_string();
    form.opens
        .insert(key(StageKind::BoardPriorities), String::new());
    form.due
        .insert(key(StageKind::NeedsAnalysis), "31/2/2027".into());
    form.opens
        .insert(key(StageKind::Monitoring), "30 June 2026".into());
    form.due
        .insert(key(StageKind::BoardMidYearReview), "1/4/2028".into());
    form.opens
        .insert(key(StageKind::AnnualReport), "20/7/2027".into());
    form.due
        .insert(key(StageKind::AnnualReport), "19/7/2027".into());
    form.due.remove(&key(StageKind::Moderation));
    let p = form.parse(year).unwrap_err();
    assert_eq!(
        anchors(&p),
        vec![
            "board_priorities-opens",
            "needs_analysis-due",
            "moderation-due",
            "monitoring-opens",
            "annual_report-due",
            "board_mid_year_review-due",
        ]
    );
    assert!(p[0].message.contains("Enter the date"), "{}", p[0].message);
    assert!(p[1].message.contains("not a real date"), "{}", p[1].message);
    assert!(
        p[3].message
            .contains("between 1 July 2026 and 31 March 2028"),
        "{}",
        p[3].message
    );
    assert!(p[4].message.contains("cannot be due"), "{}", p[4].message);
    // The window's own ends are accepted.
    let mut edges = CalendarForm::from_stages(&default_calendar(year));
    edges
        .opens
        .insert(key(StageKind::BoardPriorities), "1/7/2026".into());
    edges
        .due
        .insert(key(StageKind::BoardMidYearReview), "31/3/2028".into());
    assert!(edges.parse(year).is_ok());
}

#[test]
fn the_calendars_inputs_are_named_from_its_form() {
    assert_eq!(
        CalendarForm::opens_name(StageKind::PlanSubmission),
        "form[opens][plan_submission]"
    );
    assert_eq!(
        CalendarForm::due_id(StageKind::Moderation),
        "moderation-due"
    );
}
