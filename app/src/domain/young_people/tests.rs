use super::super::plan::{ActionStatus, Commissioning, Measure, PlanStatus};
use super::super::readability::{long_sentences, readability};
use super::super::PlanYear;
use super::*;
use std::collections::BTreeMap;

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

fn action(id: i64, description: &str, lead: Option<i64>, due: Option<NaiveDate>) -> PlanAction {
    PlanAction {
        id,
        revision: 1,
        description: description.into(),
        lead_partner: lead,
        supporting_partners: vec![],
        start: d(2026, 4, 1),
        due,
        resources: String::new(),
        pooled_budget_pence: None,
        commissioning: Commissioning::Neither,
        status: ActionStatus::NotStarted,
    }
}

fn measure(id: i64, due: Option<NaiveDate>) -> Measure {
    Measure {
        id,
        revision: 1,
        indicator_code: Some("NI 112".into()),
        baseline: Some(24.1),
        baseline_period: Some("2025/26".into()),
        target: Some(20.0),
        due,
    }
}

fn sample() -> Plan {
    Plan {
        id: 1,
        partnership_id: 3,
        partnership_name: "Ashford Children's Partnership".into(),
        partnership_slug: "ashford".into(),
        year: PlanYear::new(2026).unwrap(),
        version: 1,
        status: PlanStatus::Draft,
        revision: 4,
        needs_summary: "Under-18 conception rates remain above the county average.".into(),
        young_people_said: "There is nothing to do after school. We want more clubs and safe places to meet friends.".into(),
        young_people_version: None,
        priorities: vec![
            Priority {
                id: 1,
                revision: 1,
                title: "Staying healthy".into(),
                mandated: true,
                added_later: false,
                outcome: "Fewer young people smoke or drink.".into(),
                champion: Some("Ruth Adeyemi".into()),
                challenger: None,
                measures: vec![measure(10, d(2027, 3, 31))],
                actions: vec![
                    action(100, "Run drop-in health clinics in every secondary school.", Some(1), d(2026, 12, 31)),
                    action(101, "Train youth workers to talk about drugs and alcohol", Some(2), d(2027, 1, 31)),
                ],
            },
            Priority {
                id: 2,
                revision: 1,
                title: "Things to do".into(),
                mandated: false,
                added_later: false,
                outcome: "More young people go to clubs near where they live".into(),
                champion: None,
                challenger: None,
                measures: vec![],
                actions: vec![
                    action(200, "Open two new youth clubs", Some(3), d(2027, 6, 30)),
                    action(201, "Keep the skate park open later in summer.", Some(4), d(2026, 9, 30)),
                    action(202, "Ask young people which clubs they want", None, None),
                    action(203, "Put a list of clubs online", Some(3), None),
                ],
            },
        ],
        organisations: BTreeMap::from([
            (1, "The school nursing team".to_string()),
            (2, "Ashford Youth Service".to_string()),
            (3, "Ashford Borough Council".to_string()),
            (4, "Leisure Ashford".to_string()),
        ]),
        indicators: BTreeMap::new(),
    }
}

#[test]
fn names_every_priority_and_lead_partner() {
    let text = generate(&sample());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Our plan for children and young people in Ashford Children's Partnership, 2026/27"
    );
    for heading in ["# Staying healthy", "# Things to do", "# Find out more"] {
        assert!(lines.contains(&heading), "{heading} is a heading:\n{text}");
    }
    for lead in [
        "The school nursing team will lead this work: run drop-in health clinics in every secondary school.",
        "Ashford Youth Service will lead this work: train youth workers to talk about drugs and alcohol.",
        "Ashford Borough Council will lead this work: open two new youth clubs.",
        "Leisure Ashford will lead this work: keep the skate park open later in summer.",
        "We will work on this: ask young people which clubs they want.",
    ] {
        assert!(text.contains(lead), "{lead}\n{text}");
    }
    assert!(text.contains("We want: fewer young people smoke or drink."));
    assert!(text.contains("You told us: “There is nothing to do after school.”"));
    assert!(
        !text.contains("safe places to meet"),
        "only the first sentence is quoted"
    );
    assert!(
        text.contains("We will do one more thing too."),
        "a fourth action is counted"
    );
    assert!(!text.contains("put a list of clubs online"));
    assert!(text.contains("We will check this by March 2027."));
    assert!(text.contains("We will check this by June 2027."));
    assert!(text.contains("have your say"));
}

#[test]
fn is_easy_to_read() {
    let text = generate(&sample());
    let r = readability(&text).unwrap();
    assert!(r.score >= 60.0, "score {r:?}\n{text}");
    assert!(long_sentences(&text, 20).is_empty(), "{text}");
}

#[test]
fn blank_fields_leave_no_empty_sentences() {
    let mut plan = sample();
    plan.young_people_said = "  \n ".into();
    plan.priorities[1].outcome = " ".into();
    plan.priorities[1].actions = vec![action(300, "  ", Some(3), None)];
    plan.priorities[1].title = String::new();
    let text = generate(&plan);
    assert!(!text.contains("You told us"), "{text}");
    assert!(!text.contains("We want: ."), "{text}");
    assert!(!text.contains("will ."), "{text}");
    assert!(text.contains("# Something else we will work on"));
    for line in text.lines() {
        assert!(!line.trim().is_empty(), "no blank lines:\n{text}");
        assert!(!line.contains(" ."), "{line}");
        assert!(!line.contains(".."), "{line}");
    }
}

/// A plan as a partnership might really write it, with `titles` as its priorities and each
/// priority's actions as (description, lead organisation id).
fn fixture(
    name: &str,
    said: &str,
    priorities: Vec<(&str, &str, Vec<(&str, Option<i64>)>)>,
) -> Plan {
    let mut plan = sample();
    plan.partnership_name = name.into();
    plan.young_people_said = said.into();
    plan.priorities = priorities
        .into_iter()
        .enumerate()
        .map(|(i, (title, outcome, actions))| Priority {
            id: i as i64 + 1,
            revision: 1,
            title: title.into(),
            mandated: i == 0,
            added_later: false,
            outcome: outcome.into(),
            champion: None,
            challenger: None,
            measures: vec![],
            actions: actions
                .into_iter()
                .enumerate()
                .map(|(j, (text, lead))| action((i * 10 + j) as i64, text, lead, None))
                .collect(),
        })
        .collect();
    plan.organisations = BTreeMap::from([
        (1, "Gosport Voluntary Action".to_string()),
        (2, "Hampshire CAMHS".to_string()),
        (3, "Gosport Borough Council.".to_string()),
    ]);
    plan
}

/// Every generated line must read as a sentence or a heading, whatever the input.
fn assert_well_formed(plan: &Plan) {
    let text = generate(plan);
    for line in text.lines() {
        assert!(!line.trim().is_empty(), "no blank lines:\n{text}");
        for bad in [
            "..",
            " .",
            "“““",
            "””",
            "““",
            "\"\"",
            "“\"",
            "\"”",
            ". .",
            "?.",
            "!.",
            ":.",
        ] {
            assert!(!line.contains(bad), "{bad:?} in {line:?}\n{text}");
        }
        if let Some(h) = line.strip_prefix(HEADING_MARK) {
            assert!(!h.is_empty() && !h.starts_with(['#', ' ']), "{line:?}");
        } else if line != text.lines().next().unwrap_or_default() {
            assert!(
                line.ends_with(['.', '?', '!', '”']),
                "a sentence ends: {line:?}\n{text}"
            );
        }
    }
    // Every priority is a heading in the leaflet.
    let headings: Vec<String> = leaflet_lines(&text)
        .into_iter()
        .filter_map(|l| match l {
            LeafletLine::Heading(h) => Some(h),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings.len(),
        plan.priorities.len() + 1,
        "{headings:?}\n{text}"
    );
}

#[test]
fn every_priority_is_a_heading_whatever_its_title() {
    let plan = fixture(
        "Gosport",
        "We want somewhere safe to go.",
        vec![
            ("Reducing teenage conceptions", "Fewer teenage pregnancies", vec![]),
            ("Are children safe online?", "", vec![]),
            ("Helping families with money: the cost of living, benefit take-up, debt advice and food banks in every part of the borough.", "", vec![]),
            ("Emotional wellbeing.", "", vec![]),
            ("#Getting ready for school", "", vec![]),
        ],
    );
    let text = generate(&plan);
    for heading in [
        "# Reducing teenage conceptions",
        "# Are children safe online?",
        "# Emotional wellbeing",
        "# Getting ready for school",
    ] {
        assert!(text.lines().any(|l| l == heading), "{heading}\n{text}");
    }
    assert_well_formed(&plan);
}

#[test]
fn sentences_read_correctly_for_verb_led_and_noun_led_actions() {
    let plan = fixture(
        "Gosport Children's Partnership",
        "",
        vec![(
            "Helping families with money",
            "More families claim what they are entitled to.",
            vec![
                ("Benefit take-up campaign in family hubs", Some(1)),
                ("Run debt advice clinics at the Discovery Centre.", Some(3)),
                ("CAMHS drop-in sessions in schools", Some(2)),
                ("A new food bank rota;", None),
            ],
        )],
    );
    let text = generate(&plan);
    for sentence in [
        "Gosport Voluntary Action will lead this work: benefit take-up campaign in family hubs.",
        "Gosport Borough Council will lead this work: run debt advice clinics at the Discovery Centre.",
        "Hampshire CAMHS will lead this work: CAMHS drop-in sessions in schools.",
    ] {
        assert!(text.contains(sentence), "{sentence}\n{text}");
    }
    assert!(!text.contains("will benefit take-up"), "{text}");
    assert!(
        text.contains("We want: more families claim what they are entitled to."),
        "{text}"
    );
    assert_well_formed(&plan);
}

#[test]
fn quotation_marks_are_never_doubled() {
    for said in [
        "\"There is nothing to do after school.\" We want clubs.",
        "“Buses stop too early”",
        "“\"We feel safe at the youth club\"”",
        "Sam said \"the park is too dark\" and we agreed.",
    ] {
        let plan = fixture(
            "Havant",
            said,
            vec![(
                "Things to do",
                "Young people say \"there is more to do\"?",
                vec![
                    ("Launch the \"Safe at Home\" campaign.", Some(1)),
                    ("Promote \"\"Chill Out\"\" sessions.", None),
                ],
            )],
        );
        let text = generate(&plan);
        let told = text
            .lines()
            .find(|l| l.starts_with("You told us"))
            .unwrap_or_default();
        assert_eq!(told.matches(['“', '"']).count(), 1, "{told}");
        assert_eq!(told.matches(['”', '"']).count(), 1, "{told}");
        assert_well_formed(&plan);
    }
    let plan = fixture(
        "Havant",
        "\"There is nothing to do after school.\" We want clubs.",
        vec![],
    );
    assert!(
        generate(&plan).contains("You told us: “There is nothing to do after school.”"),
        "{}",
        generate(&plan)
    );
    let plan = fixture(
        "Havant",
        "Sam said \"the park is too dark\" and we agreed.",
        vec![],
    );
    assert!(
        generate(&plan).contains("You told us: “Sam said ‘the park is too dark’ and we agreed.”"),
        "{}",
        generate(&plan)
    );
}

#[test]
fn empty_optional_fields_and_trailing_stops() {
    let plan = fixture(
        "",
        "  ",
        vec![
            ("", "", vec![("  ", Some(1))]),
            (
                "Staying healthy.",
                "Fewer young people smoke.",
                vec![("Stop-smoking sessions.", Some(3))],
            ),
        ],
    );
    let text = generate(&plan);
    assert!(
        text.contains("Gosport Borough Council will lead this work: stop-smoking sessions."),
        "{text}"
    );
    assert!(text.contains("# Staying healthy\n"), "{text}");
    assert!(!text.contains("You told us"), "{text}");
    assert_well_formed(&plan);
    let r = readability(&text).unwrap();
    assert!(long_sentences(&text, 20).is_empty(), "{r:?}\n{text}");
}

#[test]
fn leaflet_lines_follow_the_marks_or_the_old_rule() {
    assert_eq!(
        leaflet_lines("Our plan\n# Are children safe online?\nWe will help."),
        vec![
            LeafletLine::Title("Our plan".into()),
            LeafletLine::Heading("Are children safe online?".into()),
            LeafletLine::Text("We will help.".into()),
        ]
    );
    // Unmarked text written before headings were marked.
    assert_eq!(
        leaflet_lines("Our plan\nThings to do\nWe will help."),
        vec![
            LeafletLine::Title("Our plan".into()),
            LeafletLine::Heading("Things to do".into()),
            LeafletLine::Text("We will help.".into()),
        ]
    );
    // Once a line is marked, only marked lines are headings.
    assert_eq!(
        leaflet_lines("Our plan\n# Money\nShort line"),
        vec![
            LeafletLine::Title("Our plan".into()),
            LeafletLine::Heading("Money".into()),
            LeafletLine::Text("Short line".into()),
        ]
    );
}

#[test]
fn helpers() {
    assert_eq!(lower_first("Run clubs"), "run clubs");
    assert_eq!(
        lower_first("CAMHS to see young people sooner"),
        "CAMHS to see young people sooner"
    );
    assert_eq!(without_end_stop("Open clubs."), "Open clubs");
    assert_eq!(
        first_sentence("We want clubs! And parks.").as_deref(),
        Some("We want clubs!")
    );
    assert_eq!(
        first_sentence("\n  Rates fell 3.5 per cent\nover the year").as_deref(),
        Some("Rates fell 3.5 per cent")
    );
    assert_eq!(
        first_sentence("- Buses stop too early\n- Clubs cost too much").as_deref(),
        Some("Buses stop too early")
    );
    assert_eq!(first_sentence("  "), None);
}
