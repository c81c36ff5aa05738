use super::*;
use crate::domain::plan::Problem;
use std::collections::BTreeMap;

fn set() -> StandardSet {
    let standards = default_standards()
        .into_iter()
        .enumerate()
        .map(|(i, (title, covers, descriptors))| Standard {
            id: 10 + i as i64,
            position: i as i32,
            title,
            covers,
            descriptors,
            revision: 1,
        })
        .collect();
    StandardSet {
        year: 2027,
        scale: Scale {
            labels: default_scale(),
        },
        scale_revision: 1,
        standards,
        frozen: false,
    }
}

fn answer(standard_id: i64, grade: Option<u8>, evidence: &str) -> StandardAnswer {
    StandardAnswer {
        standard_id,
        grade: grade.map(|g| Grade::new(g.into()).unwrap()),
        evidence: evidence.into(),
        strengths: String::new(),
        development: String::new(),
        moderated_grade: None,
        moderation_reason: String::new(),
        revision: 1,
        figures: vec![],
    }
}

fn assessment(answers: Vec<StandardAnswer>) -> Assessment {
    Assessment {
        id: 1,
        partnership_id: 3,
        partnership_name: "Gosport Children's Partnership".into(),
        partnership_slug: "gosport".into(),
        year: 2027,
        status: AssessmentStatus::Draft,
        round: 0,
        revision: 1,
        review_revision: 1,
        summary: String::new(),
        late: false,
        submitted_on: None,
        moderated_on: None,
        moderated_by: None,
        reviewed: None,
        answers,
        questions: vec![],
        notes: BTreeMap::new(),
    }
}

fn anchors(problems: &[Problem]) -> Vec<&str> {
    problems.iter().map(|p| p.anchor.as_str()).collect()
}

#[test]
fn grades_run_from_one_to_four_and_nothing_else() {
    assert_eq!(Grade::parse(" 2 ").unwrap().number(), 2);
    for bad in ["0", "5", "-1", "good", "", "2.5"] {
        assert!(Grade::parse(bad).is_err(), "{bad}");
    }
    let scale = Scale {
        labels: default_scale(),
    };
    assert_eq!(scale.label(Grade::new(3).unwrap()), "Requires improvement");
    assert_eq!(scale.label_of(None), "Not graded");
}

#[test]
fn the_workflow_goes_round_until_moderated_and_then_stops() {
    use AssessmentEvent::*;
    use AssessmentStatus::*;
    assert_eq!(transition(Draft, Submit), Ok(Submitted));
    assert_eq!(transition(Submitted, Moderate), Ok(InModeration));
    assert_eq!(transition(InModeration, Return), Ok(Returned));
    assert_eq!(transition(Returned, Submit), Ok(Submitted));
    assert_eq!(transition(InModeration, Complete), Ok(Moderated));
    for e in [Submit, Moderate, Return, Complete] {
        assert!(transition(Moderated, e).is_err(), "{e:?}");
    }
    assert!(transition(Draft, Complete).is_err());
    assert!(transition(Submitted, Submit).is_err());
    assert_eq!(
        transition(Moderated, Submit).unwrap_err().0,
        "A self-assessment that is moderated cannot be submitted"
    );
    assert_eq!(Submitted.label_in_round(2), "Resubmitted");
    assert!(Returned.partnership_may_edit() && !Submitted.partnership_may_edit());
    assert!(InModeration.open_to_moderation() && !Moderated.open_to_moderation());
}

#[test]
fn every_gap_stops_submission_and_says_where_it_is_fixed() {
    let s = set();
    let mut a = assessment(vec![
        answer(10, Some(2), "Minutes show …"),
        answer(11, None, ""),
    ]);
    let items = ReviewItems {
        actions: vec![(7, "Family hubs".into())],
        measures: vec![(8, "NI 112 Under-18 conceptions".into())],
    };
    a.notes.insert(
        (true, 7),
        ReviewNote {
            outcome: Some(ReviewOutcome::Partly),
            commentary: String::new(),
        },
    );
    let problems = submission_problems(&a, &s, Some(&items));
    let found = anchors(&problems);
    assert_eq!(found[0], "summary#summary");
    assert!(!found.contains(&"standards/10#grade") && !found.contains(&"standards/10#evidence"));
    assert!(found.contains(&"standards/11#grade") && found.contains(&"standards/11#evidence"));
    assert!(found.contains(&"standards/15#grade"));
    assert!(!found.contains(&"review#action-7-outcome"));
    assert!(found.contains(&"review#action-7-commentary"));
    assert!(found.contains(&"review#measure-8-commentary"));
    assert_eq!(problems.len(), 1 + 2 * 5 + 2);
    assert!(problems
        .iter()
        .any(|p| p.message == "Choose a grade for “Joint working and integrated delivery”"));
    // Without an approved plan last year there is nothing to review, and nothing invented.
    assert_eq!(submission_problems(&a, &s, None).len(), 1 + 2 * 5);
}

#[test]
fn a_returned_assessment_needs_every_question_answered() {
    let s = set();
    let answers = s
        .standards
        .iter()
        .map(|x| answer(x.id, Some(2), "Evidence"))
        .collect();
    let mut a = assessment(answers);
    a.summary = "Summary".into();
    a.status = AssessmentStatus::Returned;
    a.round = 1;
    a.questions.push(Question {
        id: 4,
        standard_id: Some(10),
        round: 1,
        body: "Which partners attended?".into(),
        asked_by: "Jo Marsh".into(),
        asked_on: "2 May 2027".into(),
        answer: None,
        answered_by: None,
    });
    let problems = submission_problems(&a, &s, None);
    assert_eq!(anchors(&problems), vec!["questions#answer-4"]);
    assert!(return_problems(&a).is_empty());
    a.questions[0].answer = Some("All but health".into());
    assert!(submission_problems(&a, &s, None).is_empty());
    assert_eq!(anchors(&return_problems(&a)), vec!["question-0"]);
}

#[test]
fn completing_needs_a_decision_on_every_standard_and_no_open_question() {
    let s = set();
    let mut answers: Vec<_> = s
        .standards
        .iter()
        .map(|x| answer(x.id, Some(2), "Evidence"))
        .collect();
    let mut a = assessment(answers.clone());
    a.status = AssessmentStatus::InModeration;
    a.round = 1;
    assert_eq!(completion_problems(&a, &s).len(), 6);
    for x in answers.iter_mut() {
        x.moderated_grade = x.grade;
    }
    a.answers = answers;
    assert!(completion_problems(&a, &s).is_empty());
    a.questions.push(Question {
        id: 1,
        standard_id: None,
        round: 1,
        body: "Who signed this off?".into(),
        asked_by: "Jo".into(),
        asked_on: "today".into(),
        answer: None,
        answered_by: None,
    });
    assert_eq!(anchors(&completion_problems(&a, &s)), vec!["question-0"]);
}

#[test]
fn a_changed_grade_needs_a_reason_and_an_agreed_one_does_not() {
    let s = set();
    let answers = vec![answer(10, Some(2), "E"), answer(11, Some(3), "E")];
    let mut form = ModerationForm::default();
    form.decision.insert("10".into(), "2".into());
    form.decision.insert("11".into(), "4".into());
    let problems = form.parse(&s, &answers).unwrap_err();
    assert_eq!(anchors(&problems), vec!["reason-11"]);
    assert_eq!(
        problems[0].message,
        "Give the reason for changing the grade for “Joint working and integrated delivery” from Requires improvement to Inadequate"
    );
    form.reason
        .insert("11".into(), "  No joint actions were delivered. ".into());
    form.reason
        .insert("10".into(), "ignored when agreed".into());
    form.question
        .insert(WHOLE.into(), "Who signed this off?".into());
    form.question.insert("12".into(), "   ".into());
    let input = form.parse(&s, &answers).unwrap();
    assert_eq!(
        input.decisions,
        vec![
            Decision {
                standard_id: 10,
                grade: Grade::new(2).unwrap(),
                reason: String::new()
            },
            Decision {
                standard_id: 11,
                grade: Grade::new(4).unwrap(),
                reason: "No joint actions were delivered.".into()
            },
        ]
    );
    assert_eq!(
        input.questions,
        vec![(None, "Who signed this off?".to_string())]
    );
    // A grade outside the scale, or a standard of another year, is refused.
    let mut bad = ModerationForm::default();
    bad.decision.insert("10".into(), "5".into());
    assert_eq!(
        anchors(&bad.parse(&s, &answers).unwrap_err()),
        vec!["decision-10"]
    );
    let mut other = ModerationForm::default();
    other.decision.insert("999".into(), "1".into());
    assert!(other.parse(&s, &answers).is_err());
}

#[test]
fn a_standards_form_refuses_a_grade_off_the_scale_and_text_too_long() {
    let form = StandardForm {
        grade: "5".into(),
        evidence: "x".repeat(TEXT_LIMIT + 1),
        ..Default::default()
    };
    let problems = form.parse().unwrap_err();
    assert_eq!(anchors(&problems), vec!["grade", "evidence"]);
    let ok = StandardForm {
        grade: String::new(),
        evidence: "  Minutes of six meetings  ".into(),
        ..Default::default()
    }
    .parse()
    .unwrap();
    assert_eq!(ok.grade, None);
    assert_eq!(ok.evidence, "Minutes of six meetings");
}

#[test]
fn the_review_form_takes_only_last_years_items_and_known_outcomes() {
    let items = ReviewItems {
        actions: vec![(7, "Family hubs".into())],
        measures: vec![(8, "NI 112".into())],
    };
    let mut form = ReviewForm::default();
    form.outcome.insert("action-7".into(), "partly".into());
    form.commentary
        .insert("action-7".into(), " Two of three hubs ".into());
    form.commentary.insert("measure-8".into(), "Fell".into());
    let notes = form.parse(&items).unwrap();
    assert_eq!(notes[0].2.outcome, Some(ReviewOutcome::Partly));
    assert_eq!(notes[0].2.commentary, "Two of three hubs");
    assert_eq!(notes[1].2.outcome, None);
    form.outcome.insert("action-7".into(), "brilliant".into());
    assert_eq!(
        anchors(&form.parse(&items).unwrap_err()),
        vec!["action-7-outcome"]
    );
    let mut stranger = ReviewForm::default();
    stranger.commentary.insert("action-99".into(), "x".into());
    assert!(stranger.parse(&items).is_err());
    // The saved notes fill the form back.
    let saved: BTreeMap<_, _> = notes.into_iter().map(|(a, id, n)| ((a, id), n)).collect();
    let again = ReviewForm::from_saved(&items, &saved);
    assert_eq!(
        again.outcome.get("action-7").map(String::as_str),
        Some("partly")
    );
}

#[test]
fn the_headline_counts_outcomes_and_targets_met() {
    use crate::domain::dashboard::Basis;
    use crate::domain::rag::Rag;
    let items = ReviewItems {
        actions: vec![(1, "a".into()), (2, "b".into()), (3, "c".into())],
        measures: vec![(5, "m".into()), (6, "n".into())],
    };
    let mut notes = BTreeMap::new();
    let note = |o| ReviewNote {
        outcome: Some(o),
        commentary: "c".into(),
    };
    notes.insert((true, 1), note(ReviewOutcome::Achieved));
    notes.insert((true, 2), note(ReviewOutcome::Partly));
    let measure = |id, rag, basis| ReviewMeasure {
        id,
        priority: String::new(),
        indicator: String::new(),
        baseline: String::new(),
        target: String::new(),
        due: String::new(),
        latest: None,
        period: None,
        county: false,
        rag,
        basis,
        comparison: crate::domain::rag::Comparison::NotCompared,
        trend: crate::domain::rag::Trend::NoTrend,
    };
    let measures = [
        measure(5, Rag::Green, Basis::Target),
        // Green against England is not a target met.
        measure(6, Rag::Green, Basis::England),
    ];
    let h = Headline::of(&items, &notes, &measures);
    assert_eq!(
        h.to_string(),
        "1 of 3 actions achieved, 1 partly; 1 of 2 targets met"
    );
}

#[test]
fn the_report_says_which_way_moderation_moved_a_grade() {
    let scale = Scale {
        labels: default_scale(),
    };
    let mut a = answer(10, Some(2), "E");
    a.moderated_grade = Some(Grade::new(3).unwrap());
    let cell = ReportCell::of(Some(&a));
    assert_eq!(
        cell.words(&scale),
        "Moderated down from Good to Requires improvement"
    );
    a.moderated_grade = Some(Grade::new(1).unwrap());
    assert_eq!(
        ReportCell::of(Some(&a)).words(&scale),
        "Moderated up from Good to Outstanding"
    );
    a.moderated_grade = a.grade;
    assert_eq!(ReportCell::of(Some(&a)).words(&scale), "Agreed");
    let rows = vec![ReportRow {
        partnership: "Gosport".into(),
        slug: "gosport".into(),
        status: Some(AssessmentStatus::Moderated),
        round: 1,
        late: true,
        cells: vec![ReportCell::of(Some(&a)), ReportCell::of(None)],
        headline: String::new(),
        headline_figures: None,
    }];
    assert_eq!(rows[0].status_words(), "Moderated (late)");
    let s = spread(&["A".into(), "B".into()], &rows);
    assert_eq!(s[0].moderated, [0, 1, 0, 0]);
    assert_eq!(s[1].moderated, [0; 4]);
}

#[test]
fn the_scale_needs_four_different_names() {
    let form = ScaleForm {
        grade_1: "Strong".into(),
        grade_2: "strong".into(),
        grade_3: String::new(),
        grade_4: "Weak".into(),
    };
    assert_eq!(
        anchors(&form.parse().unwrap_err()),
        vec!["grade_2", "grade_3"]
    );
}

#[test]
fn an_assessment_travels_as_json_with_its_notes() {
    let mut a = assessment(vec![answer(10, Some(2), "E")]);
    a.notes.insert(
        (true, 7),
        ReviewNote {
            outcome: Some(ReviewOutcome::Achieved),
            commentary: "Done".into(),
        },
    );
    let text = serde_json::to_string(&a).expect("serialises");
    let back: Assessment = serde_json::from_str(&text).expect("reads back");
    assert_eq!(back, a);
}
