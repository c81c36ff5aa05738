//! The self-assessment's workflow — draft → submitted (by the chair) → being moderated →
//! returned with questions → resubmitted → moderated (locked) — and the rules each step
//! checks first. Every change of status is decided here and nowhere else.

use super::{Assessment, AssessmentStatus, ReviewItems, StandardSet};
use crate::domain::plan::Problem;
use crate::domain::ParseError;
use serde::{Deserialize, Serialize};

/// What can happen to a self-assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssessmentEvent {
    /// The chair submits it (again, after it was returned).
    Submit,
    /// The district manager records a decision or a question: moderation has begun.
    Moderate,
    /// The district manager returns it with questions.
    Return,
    /// The district manager completes the moderation: it is locked.
    Complete,
}

/// The status after `event`, or why the event cannot happen now.
pub fn transition(
    status: AssessmentStatus,
    event: AssessmentEvent,
) -> Result<AssessmentStatus, ParseError> {
    use AssessmentEvent::*;
    use AssessmentStatus::*;
    match (status, event) {
        (Draft | Returned, Submit) => Ok(Submitted),
        (Submitted | InModeration, Moderate) => Ok(InModeration),
        (Submitted | InModeration, Return) => Ok(Returned),
        (Submitted | InModeration, Complete) => Ok(Moderated),
        (s, e) => Err(ParseError::new(format!(
            "A self-assessment that is {} cannot be {}",
            s.label().to_lowercase(),
            match e {
                Submit => "submitted",
                Moderate => "moderated",
                Return => "returned",
                Complete => "signed off as moderated",
            }
        ))),
    }
}

fn gap(anchor: String, message: String) -> Problem {
    Problem { anchor, message }
}

/// Every gap that stops submission, each with where it is fixed (`page#field`, below the
/// assessment's address): the overall summary; a grade and evidence for every standard; an
/// outcome and commentary for every action of last year's plan and commentary for every
/// measure; and, after a return, an answer to every question.
pub fn submission_problems(
    a: &Assessment,
    set: &StandardSet,
    review: Option<&ReviewItems>,
) -> Vec<Problem> {
    let mut out = Vec::new();
    if a.summary.trim().is_empty() {
        out.push(gap(
            "summary#summary".into(),
            "Write the overall summary of the self-assessment".into(),
        ));
    }
    for s in &set.standards {
        let answer = a.answer(s.id);
        if answer.and_then(|x| x.grade).is_none() {
            out.push(gap(
                format!("standards/{}#grade", s.id),
                format!("Choose a grade for “{}”", s.title),
            ));
        }
        if answer.is_none_or(|x| x.evidence.trim().is_empty()) {
            out.push(gap(
                format!("standards/{}#evidence", s.id),
                format!("Give the evidence for “{}”", s.title),
            ));
        }
    }
    if let Some(items) = review {
        for (id, what) in &items.actions {
            let note = a.notes.get(&(true, *id));
            if note.and_then(|n| n.outcome).is_none() {
                out.push(gap(
                    format!("review#action-{id}-outcome"),
                    format!("Say how the action “{what}” turned out"),
                ));
            }
            if note.is_none_or(|n| n.commentary.trim().is_empty()) {
                out.push(gap(
                    format!("review#action-{id}-commentary"),
                    format!("Comment on the action “{what}”"),
                ));
            }
        }
        for (id, what) in &items.measures {
            if a.notes
                .get(&(false, *id))
                .is_none_or(|n| n.commentary.trim().is_empty())
            {
                out.push(gap(
                    format!("review#measure-{id}-commentary"),
                    format!("Comment on the measure “{what}”"),
                ));
            }
        }
    }
    for q in a.open_questions() {
        out.push(gap(
            format!("questions#answer-{}", q.id),
            format!("Answer the question “{}”", shorten(&q.body, 80)),
        ));
    }
    out
}

/// Why the district manager cannot return the assessment now: they must have asked at least
/// one question of this submission.
pub fn return_problems(a: &Assessment) -> Vec<Problem> {
    if a.open_questions().next().is_none() {
        vec![gap(
            "question-0".into(),
            "Ask at least one question before returning the self-assessment".into(),
        )]
    } else {
        vec![]
    }
}

/// Why the moderation cannot be completed now: every standard needs a decision, and questions
/// asked of this submission must first go back to the partnership.
pub fn completion_problems(a: &Assessment, set: &StandardSet) -> Vec<Problem> {
    let mut out: Vec<Problem> = set
        .standards
        .iter()
        .filter(|s| a.answer(s.id).and_then(|x| x.moderated_grade).is_none())
        .map(|s| {
            gap(
                format!("decision-{}", s.id),
                format!("Agree or change the grade for “{}”", s.title),
            )
        })
        .collect();
    if a.open_questions().next().is_some() {
        out.push(gap(
            "question-0".into(),
            "You have asked questions the partnership has not answered: return the self-assessment so that they can answer them".into(),
        ));
    }
    out
}

/// The first `n` characters of a text, with an ellipsis when cut.
pub fn shorten(text: &str, n: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= n {
        text.to_string()
    } else {
        let cut: String = text.chars().take(n).collect();
        format!("{}…", cut.trim_end())
    }
}
