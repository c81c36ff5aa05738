use super::{at, too_long, Shown};
use crate::domain::plan::{Priority, Problem};

crate::form! {
    /// A priority's own fields. The title of a Board-mandated priority is the Board's.
    pub struct PriorityForm {
        title: String,
        outcome: String,
        champion: String,
        challenger: String,
    }
}

/// A priority's own fields, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorityInput {
    pub title: String,
    pub outcome: String,
    pub champion: Option<String>,
    pub challenger: Option<String>,
}

/// Runs of spaces and line breaks as one space: names and titles are one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl PriorityForm {
    pub fn from_saved(p: &Priority) -> Self {
        Self {
            title: p.title.clone(),
            outcome: p.outcome.clone(),
            champion: p.champion.clone().unwrap_or_default(),
            challenger: p.challenger.clone().unwrap_or_default(),
        }
    }

    pub fn parse(&self) -> Result<PriorityInput, Vec<Problem>> {
        let Self {
            title,
            outcome,
            champion,
            challenger,
        } = self;
        let mut problems = Vec::new();
        let title = one_line(title);
        if title.is_empty() {
            problems.push(at(Self::title, "Enter the priority's title"));
        } else if too_long(&title, 200) {
            problems.push(at(Self::title, "The title must be 200 characters or fewer"));
        }
        if too_long(outcome, 2000) {
            problems.push(at(
                Self::outcome,
                "The outcome must be 2,000 characters or fewer",
            ));
        }
        let mut name = |field, text: &str| {
            let t = one_line(text);
            if too_long(&t, 200) {
                problems.push(at(field, "Names must be 200 characters or fewer"));
            }
            (!t.is_empty()).then_some(t)
        };
        let champion = name(Self::champion, champion);
        let challenger = name(Self::challenger, challenger);
        if problems.is_empty() {
            Ok(PriorityInput {
                title,
                outcome: outcome.trim().to_string(),
                champion,
                challenger,
            })
        } else {
            Err(problems)
        }
    }
}

impl PriorityInput {
    /// How each field reads; a mandated priority's title is not the partnership's to change.
    pub fn shown(&self, mandated: bool) -> Shown {
        let Self {
            title,
            outcome,
            champion,
            challenger,
        } = self;
        let mut out = vec![
            (PriorityForm::outcome, outcome.clone()),
            (PriorityForm::champion, champion.clone().unwrap_or_default()),
            (
                PriorityForm::challenger,
                challenger.clone().unwrap_or_default(),
            ),
        ];
        if !mandated {
            out.insert(0, (PriorityForm::title, title.clone()));
        }
        out
    }
}

impl From<&Priority> for PriorityInput {
    fn from(p: &Priority) -> Self {
        Self {
            title: p.title.clone(),
            outcome: p.outcome.clone(),
            champion: p.champion.clone(),
            challenger: p.challenger.clone(),
        }
    }
}
