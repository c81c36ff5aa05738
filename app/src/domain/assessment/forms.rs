//! What people type into the self-assessment's forms, each declared once with [`crate::form!`],
//! and the parsers that turn it into the assessment's content. Fields repeated per standard,
//! action or question are maps keyed by the thing's id; their errors are keyed
//! `<what>-<id>` (e.g. `reason-12`), the id of the control on the page.

use super::{
    review_key, Grade, ReviewItems, ReviewNote, ReviewOutcome, Scale, StandardAnswer, StandardSet,
};
use crate::domain::plan::forms::{at, too_long};
use crate::domain::plan::{Problem, Shown};
use std::collections::BTreeMap;

/// The most a long text may hold.
pub const TEXT_LIMIT: usize = 10_000;
/// The most a comment, reason, question or answer may hold.
pub const NOTE_LIMIT: usize = 5_000;

fn problem(anchor: String, message: impl Into<String>) -> Problem {
    Problem {
        anchor,
        message: message.into(),
    }
}

crate::form! {
    /// The partnership's answer for one standard.
    pub struct StandardForm {
        grade: String,
        evidence: String,
        strengths: String,
        development: String,
    }
}

/// A standard's answer as parsed: the grade may still be missing while it is a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandardInput {
    pub grade: Option<Grade>,
    pub evidence: String,
    pub strengths: String,
    pub development: String,
}

impl StandardForm {
    pub fn from_saved(a: Option<&StandardAnswer>) -> Self {
        a.map(|a| Self {
            grade: a.grade.map(|g| g.number().to_string()).unwrap_or_default(),
            evidence: a.evidence.clone(),
            strengths: a.strengths.clone(),
            development: a.development.clone(),
        })
        .unwrap_or_default()
    }

    pub fn parse(&self) -> Result<StandardInput, Vec<Problem>> {
        let mut problems = Vec::new();
        let grade = match self.grade.trim() {
            "" => None,
            g => match Grade::parse(g) {
                Ok(g) => Some(g),
                Err(_) => {
                    problems.push(at(Self::grade, "Choose one of the four grades"));
                    None
                }
            },
        };
        for (field, text) in [
            (Self::evidence, &self.evidence),
            (Self::strengths, &self.strengths),
            (Self::development, &self.development),
        ] {
            if too_long(text, TEXT_LIMIT) {
                problems.push(at(field, "Write 10,000 characters or fewer"));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(StandardInput {
            grade,
            evidence: self.evidence.trim().to_string(),
            strengths: self.strengths.trim().to_string(),
            development: self.development.trim().to_string(),
        })
    }

    /// How each field reads, with the grade by its label.
    pub fn shown(&self, scale: &Scale) -> Shown {
        let grade = Grade::parse(&self.grade)
            .map(|g| scale.label(g).to_string())
            .unwrap_or_default();
        vec![
            (Self::grade, grade),
            (Self::evidence, self.evidence.clone()),
            (Self::strengths, self.strengths.clone()),
            (Self::development, self.development.clone()),
        ]
    }
}

crate::form! {
    /// The overall summary of the self-assessment.
    pub struct SummaryForm {
        summary: String,
    }
}

impl SummaryForm {
    pub fn parse(&self) -> Result<String, Vec<Problem>> {
        if too_long(&self.summary, TEXT_LIMIT) {
            return Err(vec![at(Self::summary, "Write 10,000 characters or fewer")]);
        }
        Ok(self.summary.trim().to_string())
    }
}

crate::form! {
    /// The annual review of last year's plan: an outcome and commentary per action (keyed
    /// `action-<id>`), commentary per measure (`measure-<id>`).
    pub struct ReviewForm {
        outcome: BTreeMap<String, String>,
        commentary: BTreeMap<String, String>,
    }
}

/// The control that holds one review note's part: `action-12-outcome`.
pub fn review_field(action: bool, id: i64, part: &str) -> String {
    format!("{}-{part}", review_key(action, id))
}

impl ReviewForm {
    pub fn from_saved(items: &ReviewItems, notes: &BTreeMap<(bool, i64), ReviewNote>) -> Self {
        let mut form = Self::default();
        for (action, id) in items.keys() {
            let key = review_key(action, id);
            let note = notes.get(&(action, id)).cloned().unwrap_or_default();
            if let Some(o) = note.outcome {
                form.outcome.insert(key.clone(), o.as_str().into());
            }
            form.commentary.insert(key, note.commentary);
        }
        form
    }

    /// A note for every action and measure of the review (blanks allowed while drafting); a key
    /// that is not one of them, an unknown outcome or a text too long is refused.
    pub fn parse(&self, items: &ReviewItems) -> Result<Vec<(bool, i64, ReviewNote)>, Vec<Problem>> {
        let mut problems = Vec::new();
        let known: Vec<(bool, i64)> = items.keys().collect();
        let key_of = |k: &str| -> Option<(bool, i64)> {
            let (kind, id) = k.split_once('-')?;
            let id: i64 = id.parse().ok()?;
            let action = match kind {
                "action" => true,
                "measure" => false,
                _ => return None,
            };
            known.contains(&(action, id)).then_some((action, id))
        };
        for k in self.outcome.keys().chain(self.commentary.keys()) {
            if key_of(k).is_none() {
                problems.push(problem(
                    String::new(),
                    "The form names something that is not in last year's approved plan: reload the page and try again",
                ));
                return Err(problems);
            }
        }
        let mut out = Vec::new();
        for (action, id) in known.iter().copied() {
            let key = review_key(action, id);
            let outcome = match self.outcome.get(&key).map(|s| s.trim()).unwrap_or("") {
                "" => None,
                o if action => match o.parse::<ReviewOutcome>() {
                    Ok(o) => Some(o),
                    Err(_) => {
                        problems.push(problem(
                            review_field(action, id, "outcome"),
                            "Choose achieved, partly achieved, not achieved or dropped",
                        ));
                        None
                    }
                },
                _ => None,
            };
            let commentary = self.commentary.get(&key).cloned().unwrap_or_default();
            if too_long(&commentary, NOTE_LIMIT) {
                problems.push(problem(
                    review_field(action, id, "commentary"),
                    "Write 5,000 characters or fewer",
                ));
            }
            out.push((
                action,
                id,
                ReviewNote {
                    outcome,
                    commentary: commentary.trim().to_string(),
                },
            ));
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }

    /// How each note reads, for telling a person what someone else saved.
    pub fn shown(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (k, v) in &self.outcome {
            let label = v
                .parse::<ReviewOutcome>()
                .map(|o| o.label().to_string())
                .unwrap_or_default();
            out.push((format!("{k}-outcome"), label));
        }
        for (k, v) in &self.commentary {
            out.push((format!("{k}-commentary"), v.clone()));
        }
        out
    }
}

crate::form! {
    /// The district manager's moderation: a grade per standard (keyed by the standard's id;
    /// the partnership's own grade means "agreed"), the reason for any change, and questions
    /// (per standard, or [`WHOLE`] for the whole assessment).
    pub struct ModerationForm {
        decision: BTreeMap<String, String>,
        reason: BTreeMap<String, String>,
        question: BTreeMap<String, String>,
    }
}

/// The key of a question on the whole assessment in [`ModerationForm::question`]: numeric like
/// the standards' ids, because a form's keys are read as a list when they are all numbers and a
/// mix of numbers and words cannot be read at all.
pub const WHOLE: &str = "0";

/// A moderation decision on one standard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub standard_id: i64,
    pub grade: Grade,
    /// Empty when the grade is agreed.
    pub reason: String,
}

/// What a moderation form asks to record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ModerationInput {
    pub decisions: Vec<Decision>,
    /// (standard, question); `None` for the whole assessment.
    pub questions: Vec<(Option<i64>, String)>,
}

impl ModerationForm {
    pub fn from_saved(answers: &[StandardAnswer]) -> Self {
        let mut form = Self::default();
        for a in answers {
            if let Some(m) = a.moderated_grade {
                form.decision
                    .insert(a.standard_id.to_string(), m.number().to_string());
                form.reason
                    .insert(a.standard_id.to_string(), a.moderation_reason.clone());
            }
        }
        form
    }

    /// Decisions and questions, or every problem: a grade that is not one of the four, a
    /// changed grade without a reason, a standard that is not this year's, text too long.
    pub fn parse(
        &self,
        set: &StandardSet,
        answers: &[StandardAnswer],
    ) -> Result<ModerationInput, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut input = ModerationInput::default();
        let standard = |k: &str| k.parse::<i64>().ok().and_then(|id| set.standard(id));
        for k in self
            .decision
            .keys()
            .chain(self.reason.keys())
            .chain(self.question.keys().filter(|k| *k != WHOLE))
        {
            if standard(k).is_none() {
                return Err(vec![problem(
                    String::new(),
                    "The form names a standard that is not this year's: reload the page and try again",
                )]);
            }
        }
        for s in &set.standards {
            let key = s.id.to_string();
            let own = answers
                .iter()
                .find(|a| a.standard_id == s.id)
                .and_then(|a| a.grade);
            let reason = self.reason.get(&key).map(|r| r.trim()).unwrap_or("");
            if too_long(reason, NOTE_LIMIT) {
                problems.push(problem(
                    format!("reason-{}", s.id),
                    "Write 5,000 characters or fewer",
                ));
            }
            match self.decision.get(&key).map(|d| d.trim()).unwrap_or("") {
                "" => {}
                d => match Grade::parse(d) {
                    Err(_) => problems.push(problem(
                        format!("decision-{}", s.id),
                        format!("Choose one of the four grades for “{}”", s.title),
                    )),
                    Ok(g) if Some(g) != own && reason.is_empty() => problems.push(problem(
                        format!("reason-{}", s.id),
                        format!(
                            "Give the reason for changing the grade for “{}” from {} to {}",
                            s.title,
                            set.scale.label_of(own),
                            set.scale.label(g)
                        ),
                    )),
                    Ok(g) => input.decisions.push(Decision {
                        standard_id: s.id,
                        grade: g,
                        reason: if Some(g) == own {
                            String::new()
                        } else {
                            reason.to_string()
                        },
                    }),
                },
            }
        }
        for (k, body) in &self.question {
            let body = body.trim();
            if body.is_empty() {
                continue;
            }
            if too_long(body, NOTE_LIMIT) {
                problems.push(problem(
                    format!("question-{k}"),
                    "Write 5,000 characters or fewer",
                ));
                continue;
            }
            let on = if k == WHOLE {
                None
            } else {
                k.parse::<i64>().ok()
            };
            input.questions.push((on, body.to_string()));
        }
        if problems.is_empty() {
            Ok(input)
        } else {
            Err(problems)
        }
    }
}

crate::form! {
    /// The partnership's answers to the district manager's questions, keyed by question id.
    pub struct AnswersForm {
        answer: BTreeMap<String, String>,
    }
}

impl AnswersForm {
    /// (question id, answer) for every answer given; `open` are the questions that may be
    /// answered now.
    pub fn parse(&self, open: &[i64]) -> Result<Vec<(i64, String)>, Vec<Problem>> {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for (k, text) in &self.answer {
            let Some(id) = k.parse::<i64>().ok().filter(|id| open.contains(id)) else {
                return Err(vec![problem(
                    String::new(),
                    "The form answers a question that is not open: reload the page and try again",
                )]);
            };
            let text = text.trim();
            if too_long(text, NOTE_LIMIT) {
                problems.push(problem(
                    format!("answer-{id}"),
                    "Write 5,000 characters or fewer",
                ));
            } else if !text.is_empty() {
                out.push((id, text.to_string()));
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }
}

crate::form! {
    /// A standard as an administrator defines it.
    pub struct StandardDefinitionForm {
        title: String,
        covers: String,
        descriptor_1: String,
        descriptor_2: String,
        descriptor_3: String,
        descriptor_4: String,
    }
}

/// A standard's definition as parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandardDefinition {
    pub title: String,
    pub covers: String,
    pub descriptors: [String; 4],
}

impl StandardDefinitionForm {
    pub fn from_saved(s: &super::Standard) -> Self {
        let [d1, d2, d3, d4] = s.descriptors.clone();
        Self {
            title: s.title.clone(),
            covers: s.covers.clone(),
            descriptor_1: d1,
            descriptor_2: d2,
            descriptor_3: d3,
            descriptor_4: d4,
        }
    }

    pub fn parse(&self, scale: &Scale) -> Result<StandardDefinition, Vec<Problem>> {
        let mut problems = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            problems.push(at(Self::title, "Enter the standard's title"));
        } else if too_long(title, 200) {
            problems.push(at(Self::title, "Write 200 characters or fewer"));
        }
        if too_long(&self.covers, 2000) {
            problems.push(at(Self::covers, "Write 2,000 characters or fewer"));
        }
        let fields = [
            (Self::descriptor_1, &self.descriptor_1),
            (Self::descriptor_2, &self.descriptor_2),
            (Self::descriptor_3, &self.descriptor_3),
            (Self::descriptor_4, &self.descriptor_4),
        ];
        for (i, (field, text)) in fields.iter().enumerate() {
            let label = &scale.labels[i];
            if text.trim().is_empty() {
                problems.push(at(*field, format!("Describe what “{label}” looks like")));
            } else if too_long(text, 2000) {
                problems.push(at(*field, "Write 2,000 characters or fewer"));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(StandardDefinition {
            title: title.to_string(),
            covers: self.covers.trim().to_string(),
            descriptors: fields.map(|(_, t)| t.trim().to_string()),
        })
    }
}

crate::form! {
    /// The names of a year's four grades, best first.
    pub struct ScaleForm {
        grade_1: String,
        grade_2: String,
        grade_3: String,
        grade_4: String,
    }
}

impl ScaleForm {
    pub fn from_saved(scale: &Scale) -> Self {
        let [grade_1, grade_2, grade_3, grade_4] = scale.labels.clone();
        Self {
            grade_1,
            grade_2,
            grade_3,
            grade_4,
        }
    }

    pub fn parse(&self) -> Result<Scale, Vec<Problem>> {
        let fields = [
            (Self::grade_1, &self.grade_1),
            (Self::grade_2, &self.grade_2),
            (Self::grade_3, &self.grade_3),
            (Self::grade_4, &self.grade_4),
        ];
        let mut problems = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for (i, (field, text)) in fields.iter().enumerate() {
            let t = text.trim();
            if t.is_empty() {
                problems.push(at(*field, format!("Name grade {}", i + 1)));
            } else if too_long(t, 60) {
                problems.push(at(*field, "Write 60 characters or fewer"));
            } else if seen.iter().any(|s| s.eq_ignore_ascii_case(t)) {
                problems.push(at(
                    *field,
                    format!("“{t}” is already the name of another grade"),
                ));
            }
            seen.push(t.to_string());
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Scale {
            labels: fields.map(|(_, t)| t.trim().to_string()),
        })
    }
}

crate::form! {
    /// A figure to pull in from the catalogue as evidence: the indicator's code.
    pub struct FigureForm {
        indicator: String,
    }
}
