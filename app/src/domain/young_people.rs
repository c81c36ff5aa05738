//! The children and young people's version of a plan: what the partnership will do, in short
//! plain sentences, generated from the plan itself. Authors may edit it before it is published
//! (see [`super::plan::Plan::young_people_text`]); this is the starting point.

use super::plan::{Plan, PlanAction, Priority};
use chrono::NaiveDate;

/// At most this many actions are described for each priority, to keep the text short.
const ACTIONS_PER_PRIORITY: usize = 3;

/// The plain-language version of `plan`, as newline-separated paragraphs; each priority's
/// title is a heading on its own line.
pub fn generate(plan: &Plan) -> String {
    let name = tidy(&plan.partnership_name);
    let mut paragraphs: Vec<String> = Vec::new();

    paragraphs.push(if name.is_empty() {
        format!("Our plan for children and young people, {}", plan.year)
    } else {
        format!(
            "Our plan for children and young people in {name}, {}",
            plan.year
        )
    });
    paragraphs.push(
        "This plan says what we will do this year. It is for children, young people and their families."
            .into(),
    );

    if let Some(said) = first_sentence(&plan.young_people_said) {
        paragraphs.push(format!("You told us: “{said}”"));
        paragraphs.push("We listened. Here is what we will do.".into());
    }

    for priority in &plan.priorities {
        paragraphs.extend(priority_paragraphs(plan, priority));
    }

    paragraphs.push("Find out more".into());
    let contact = if name.is_empty() {
        "your local children's partnership".to_string()
    } else {
        name
    };
    paragraphs.push(format!(
        "Do you want to know more? Do you want to have your say? Talk to your school or a youth worker. Or get in touch with {contact}."
    ));
    paragraphs.join("\n")
}

/// A priority's heading and its sentences.
fn priority_paragraphs(plan: &Plan, priority: &Priority) -> Vec<String> {
    let mut out = Vec::new();
    let title = tidy(&priority.title);
    out.push(if title.is_empty() {
        "Something else we will work on".to_string()
    } else {
        title
    });

    let outcome = lower_first(&without_end_stop(&tidy(&priority.outcome)));
    if !outcome.is_empty() {
        out.push(format!("We want: {outcome}."));
    }

    let described: Vec<&PlanAction> = priority
        .actions
        .iter()
        .filter(|a| !tidy(&a.description).is_empty())
        .collect();
    for action in described.iter().take(ACTIONS_PER_PRIORITY) {
        out.push(action_sentence(plan, action));
    }
    match described.len().saturating_sub(ACTIONS_PER_PRIORITY) {
        0 => {}
        1 => out.push("We will do one more thing too.".into()),
        n => out.push(format!("We will do {n} more things too.")),
    }

    if let Some(due) = latest_due(priority) {
        out.push(format!("We will check this by {}.", due.format("%B %Y")));
    }
    out
}

/// "Public Health will run clubs after school."
fn action_sentence(plan: &Plan, action: &PlanAction) -> String {
    let what = lower_first(&without_end_stop(&tidy(&action.description)));
    let lead = action
        .lead_partner
        .and_then(|id| plan.organisations.get(&id))
        .map(|n| tidy(n))
        .filter(|n| !n.is_empty());
    match lead {
        Some(lead) => format!("{lead} will {what}."),
        None => format!("We will {what}."),
    }
}

/// The latest date a measure or action of the priority is due.
fn latest_due(priority: &Priority) -> Option<NaiveDate> {
    priority
        .measures
        .iter()
        .filter_map(|m| m.due)
        .chain(priority.actions.iter().filter_map(|a| a.due))
        .max()
}

/// Text on one line with single spaces.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text without the full stops (or other closing punctuation) at its end.
fn without_end_stop(text: &str) -> String {
    text.trim_end_matches(['.', ';', ',', ':', ' ']).to_string()
}

/// The first letter in lower case, unless the first word is an acronym ("CAMHS", "NHS") or
/// a name that keeps its capital inside ("YouthZone").
fn lower_first(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or("");
    let keeps_capitals = first_word.chars().skip(1).any(char::is_uppercase);
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if !keeps_capitals => c.to_lowercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

/// The first sentence of a piece of text, on one line; `None` when it is blank.
fn first_sentence(text: &str) -> Option<String> {
    let text = text.trim();
    let line = text.lines().find(|l| !l.trim().is_empty())?;
    let line = tidy(line.trim_start_matches(['-', '*', '•', ' ', '\t']));
    let mut end = line.len();
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|(_, n)| n.is_whitespace()) {
            end = i + c.len_utf8();
            break;
        }
    }
    let sentence = line[..end].trim();
    (!sentence.is_empty()).then(|| sentence.to_string())
}

#[cfg(test)]
mod tests {
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
        for heading in ["Staying healthy", "Things to do"] {
            assert!(lines.contains(&heading), "{heading} is a heading:\n{text}");
        }
        for lead in [
            "The school nursing team will run drop-in health clinics in every secondary school.",
            "Ashford Youth Service will train youth workers to talk about drugs and alcohol.",
            "Ashford Borough Council will open two new youth clubs.",
            "Leisure Ashford will keep the skate park open later in summer.",
            "We will ask young people which clubs they want.",
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
        assert!(text.contains("Something else we will work on"));
        for line in text.lines() {
            assert!(!line.trim().is_empty(), "no blank lines:\n{text}");
            assert!(!line.contains(" ."), "{line}");
            assert!(!line.contains(".."), "{line}");
        }
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
}
