//! The children and young people's version of a plan: what the partnership will do, in short
//! plain sentences, generated from the plan itself. Authors may edit it before it is published
//! (see [`super::plan::Plan::young_people_text`]); this is the starting point.

use super::plan::{Plan, PlanAction, Priority};
use chrono::NaiveDate;

/// At most this many actions are described for each priority, to keep the text short.
const ACTIONS_PER_PRIORITY: usize = 3;

/// Marks a heading line in the text: "# Staying healthy".
pub const HEADING_MARK: &str = "# ";

/// The plain-language version of `plan`, as newline-separated paragraphs; each priority's
/// title is a heading on its own line, marked with [`HEADING_MARK`] (so that any title, even one
/// that ends with a question mark or runs long, is a heading in the leaflet).
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
        paragraphs.push(format!("You told us: {}", quoted(&said)));
        paragraphs.push("We listened. Here is what we will do.".into());
    }

    for priority in &plan.priorities {
        paragraphs.extend(priority_paragraphs(plan, priority));
    }

    paragraphs.push(format!("{HEADING_MARK}Find out more"));
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
    let title = without_end_stop(&tidy(&priority.title));
    let title = title.trim_start_matches(['#', ' ']);
    out.push(format!(
        "{HEADING_MARK}{}",
        if title.is_empty() {
            "Something else we will work on"
        } else {
            title
        }
    ));

    let outcome = lower_first(&without_end_stop(&tidy(&priority.outcome)));
    if !outcome.is_empty() {
        out.push(format!("We want: {}", as_sentence(&outcome)));
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

/// "Public Health will lead this work: run clubs after school." The action's text follows a
/// colon, so the sentence reads correctly whether it starts with a verb ("Run clubs") or is a
/// noun phrase ("Benefit take-up campaign in family hubs").
fn action_sentence(plan: &Plan, action: &PlanAction) -> String {
    let what = lower_first(&without_end_stop(&tidy(&action.description)));
    let lead = action
        .lead_partner
        .and_then(|id| plan.organisations.get(&id))
        .map(|n| without_end_stop(&tidy(n)))
        .filter(|n| !n.is_empty());
    match lead {
        Some(lead) => format!("{lead} will lead this work: {}", as_sentence(&what)),
        None => format!("We will work on this: {}", as_sentence(&what)),
    }
}

/// Text in quotation marks, once: marks already around the text are taken off first, and
/// marks inside it become single ones, so that quotes are never doubled.
fn quoted(text: &str) -> String {
    let inner = strip_outer_quotes(text.trim());
    let mut out = String::from("“");
    let mut open = true;
    for c in inner.chars() {
        match c {
            '"' | '“' | '”' => {
                out.push(if open { '‘' } else { '’' });
                open = !open;
            }
            _ => out.push(c),
        }
    }
    out.push('”');
    out
}

/// The text without quotation marks that enclose all of it (and the spaces inside them). Marks
/// that open and close two separate quotations ("A" and "B") are left alone.
fn strip_outer_quotes(text: &str) -> &str {
    const MARKS: [char; 6] = ['"', '“', '”', '\'', '‘', '’'];
    let mut t = text;
    loop {
        let mut chars = t.chars();
        let (Some(a), Some(b)) = (chars.next(), chars.next_back()) else {
            return t;
        };
        if !(MARKS.contains(&a) && MARKS.contains(&b)) {
            return t;
        }
        let inner = &t[a.len_utf8()..t.len() - b.len_utf8()];
        if inner.contains(['"', '“', '”']) {
            return t;
        }
        t = inner.trim();
    }
}

/// The text as a sentence: a full stop at its end unless it already ends with a question or
/// exclamation mark (perhaps inside a closing quotation mark).
fn as_sentence(text: &str) -> String {
    let last = text
        .trim_end_matches(['"', '”', '’', ')'])
        .chars()
        .next_back();
    if matches!(last, Some('?' | '!')) {
        text.to_string()
    } else {
        format!("{text}.")
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

/// Text on one line with single spaces, and a doubled quotation mark ("" or “”“) written once.
fn tidy(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(one_line.len());
    let mut last: Option<char> = None;
    for c in one_line.chars() {
        let quote = matches!(c, '"' | '“' | '”');
        if quote && last.is_some_and(|l| matches!(l, '"' | '“' | '”')) {
            continue;
        }
        out.push(c);
        last = Some(c);
    }
    out
}

/// What a line of the leaflet is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeafletLine {
    Title(String),
    Heading(String),
    Text(String),
}

/// The leaflet's lines: the first is its title; lines marked with [`HEADING_MARK`] are headings.
/// A text written before headings were marked (with no marked line at all) keeps the old rule:
/// a short line without closing punctuation is a heading.
pub fn leaflet_lines(text: &str) -> Vec<LeafletLine> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(first) = lines.next() else {
        return Vec::new();
    };
    let marked = text.lines().any(|l| l.trim_start().starts_with('#'));
    let mut out = vec![LeafletLine::Title(
        first.trim_start_matches(['#', ' ']).to_string(),
    )];
    for l in lines {
        out.push(if l.starts_with('#') {
            LeafletLine::Heading(l.trim_start_matches(['#', ' ']).to_string())
        } else if !marked
            && !l.ends_with(['.', '!', '?', ':'])
            && l.split_whitespace().count() <= 10
        {
            LeafletLine::Heading(l.to_string())
        } else {
            LeafletLine::Text(l.to_string())
        });
    }
    out
}

/// Text without the full stops (or other closing punctuation) at its end.
fn without_end_stop(text: &str) -> String {
    let t = text.trim_end_matches(['.', ';', ',', ':', ' ']);
    // A stop just inside a closing quotation mark: `Launch "Safe at Home."`.
    let mut chars = t.chars();
    match (chars.next_back(), chars.clone().next_back()) {
        (Some(q @ ('"' | '”' | '’')), Some('.')) => {
            let body = chars.as_str().trim_end_matches('.');
            format!("{body}{q}")
        }
        _ => t.to_string(),
    }
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
        if matches!(c, '.' | '!' | '?') {
            let mut stop = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if matches!(n, '"' | '”' | '’' | '\'' | ')') {
                    stop = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if chars.peek().is_none_or(|(_, n)| n.is_whitespace()) {
                end = stop;
                break;
            }
        }
    }
    let sentence = line[..end].trim();
    (!sentence.is_empty()).then(|| sentence.to_string())
}

#[cfg(test)]
mod tests;
