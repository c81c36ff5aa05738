//! Self-assessment against the Trust's common standards, the annual review of last year's
//! approved plan that goes with it, and moderation by the district manager. Pure rules, shared
//! by the browser and the server.
//!
//! Years are the business cycle's: the 2027 self-assessment is submitted in April 2027 and
//! reviews the 2026/27 plan ([`reviewed_plan_year`]).

use super::text_enum::text_enum;
use super::{ParseError, PlanYear};
use serde::{Deserialize, Serialize};

mod defaults;
pub mod forms;
mod report;
mod review;
mod workflow;

pub use defaults::{default_scale, default_standards};
pub use forms::*;
pub use report::*;
pub use review::*;
pub use workflow::*;

#[cfg(test)]
mod tests;

/// A grade on the four-point scale: 1 is the best. What each is called is the year's
/// [`Scale`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Grade(u8);

impl Grade {
    pub const ALL: [Grade; 4] = [Grade(1), Grade(2), Grade(3), Grade(4)];

    pub fn new(n: i64) -> Result<Self, ParseError> {
        match n {
            1..=4 => Ok(Self(n as u8)),
            _ => Err(ParseError::new(format!(
                "{n} is not a grade: grades run from 1 to 4"
            ))),
        }
    }

    /// Reads a grade as a form sends it ("1" to "4").
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        input
            .trim()
            .parse::<i64>()
            .map_err(|_| ParseError::new("Choose a grade"))
            .and_then(Self::new)
    }

    pub fn number(self) -> u8 {
        self.0
    }

    /// Its position in the year's list of labels and descriptors.
    pub fn index(self) -> usize {
        usize::from(self.0 - 1)
    }
}

/// A year's names for the four grades, best first (e.g. Outstanding, Good, Requires
/// improvement, Inadequate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub labels: [String; 4],
}

impl Scale {
    pub fn label(&self, grade: Grade) -> &str {
        &self.labels[grade.index()]
    }

    /// "Good", or "Not graded".
    pub fn label_of(&self, grade: Option<Grade>) -> String {
        grade.map_or_else(|| "Not graded".into(), |g| self.label(g).to_string())
    }
}

/// One of the Trust's common standards for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standard {
    pub id: i64,
    pub position: i32,
    pub title: String,
    /// What the standard covers.
    pub covers: String,
    /// What each grade looks like for this standard, best first.
    pub descriptors: [String; 4],
    pub revision: i64,
}

/// A year's standards and scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandardSet {
    pub year: i32,
    pub scale: Scale,
    pub scale_revision: i64,
    pub standards: Vec<Standard>,
    /// A partnership has submitted against them: they can no longer change.
    pub frozen: bool,
}

impl StandardSet {
    pub fn standard(&self, id: i64) -> Option<&Standard> {
        self.standards.iter().find(|s| s.id == id)
    }
}

text_enum!(
    /// Where a self-assessment is in its workflow.
    AssessmentStatus, "self-assessment status" {
        Draft => "draft", "Draft",
        Submitted => "submitted", "Submitted",
        InModeration => "in_moderation", "Being moderated",
        Returned => "returned", "Returned with questions",
        Moderated => "moderated", "Moderated",
    }
);

impl AssessmentStatus {
    /// The partnership may change its content (grades, evidence, the review, answers).
    pub fn partnership_may_edit(self) -> bool {
        matches!(self, AssessmentStatus::Draft | AssessmentStatus::Returned)
    }

    /// The district manager may record decisions and questions.
    pub fn open_to_moderation(self) -> bool {
        matches!(
            self,
            AssessmentStatus::Submitted | AssessmentStatus::InModeration
        )
    }

    /// The status as people read it: a second submission is "Resubmitted".
    pub fn label_in_round(self, round: i32) -> &'static str {
        match self {
            AssessmentStatus::Submitted if round > 1 => "Resubmitted",
            s => s.label(),
        }
    }

    /// The GOV.UK tag colour for the status.
    pub fn tag_class(self) -> &'static str {
        match self {
            AssessmentStatus::Draft => "govuk-tag--grey",
            AssessmentStatus::Submitted => "govuk-tag--blue",
            AssessmentStatus::InModeration => "govuk-tag--purple",
            AssessmentStatus::Returned => "govuk-tag--orange",
            AssessmentStatus::Moderated => "govuk-tag--green",
        }
    }
}

/// A figure pulled in from the catalogue as evidence, as it was published when pulled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceFigure {
    pub id: i64,
    pub indicator_code: String,
    pub indicator_title: String,
    /// The figure in its unit ("27.3%").
    pub value: String,
    pub area_name: String,
    pub period: String,
    pub source: String,
}

/// The partnership's answer for one standard, and the district manager's decision on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StandardAnswer {
    pub standard_id: i64,
    pub grade: Option<Grade>,
    pub evidence: String,
    pub strengths: String,
    pub development: String,
    pub moderated_grade: Option<Grade>,
    pub moderation_reason: String,
    pub revision: i64,
    pub figures: Vec<EvidenceFigure>,
}

impl StandardAnswer {
    /// The section's status on the task list.
    pub fn task_status(&self) -> crate::domain::plan::TaskStatus {
        use crate::domain::plan::TaskStatus;
        let filled = [&self.evidence, &self.strengths, &self.development]
            .iter()
            .filter(|t| !t.trim().is_empty())
            .count();
        match (self.grade, filled) {
            (None, 0) if self.figures.is_empty() => TaskStatus::NotStarted,
            (Some(_), _) if !self.evidence.trim().is_empty() => TaskStatus::Completed,
            _ => TaskStatus::InProgress,
        }
    }

    /// What the moderation decided: nothing yet, agreed, or changed (and which way).
    pub fn moderation(&self) -> Moderation {
        match (self.grade, self.moderated_grade) {
            (_, None) => Moderation::Undecided,
            (Some(g), Some(m)) if g == m => Moderation::Agreed,
            (Some(g), Some(m)) if m < g => Moderation::Raised,
            _ => Moderation::Lowered,
        }
    }
}

/// The district manager's decision on a standard's grade, as the Board reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Moderation {
    Undecided,
    Agreed,
    /// Moderated to a better grade than the partnership gave itself.
    Raised,
    /// Moderated to a worse grade.
    Lowered,
}

impl Moderation {
    pub fn words(self) -> &'static str {
        match self {
            Moderation::Undecided => "Not yet moderated",
            Moderation::Agreed => "Agreed",
            Moderation::Raised => "Moderated up",
            Moderation::Lowered => "Moderated down",
        }
    }
}

/// A district manager's question and the partnership's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: i64,
    /// The standard it is about; `None` for the assessment as a whole.
    pub standard_id: Option<i64>,
    /// The submission it was asked of (1 for the first).
    pub round: i32,
    pub body: String,
    pub asked_by: String,
    pub asked_on: String,
    pub answer: Option<String>,
    pub answered_by: Option<String>,
}

text_enum!(
    /// How an action of last year's plan turned out.
    ReviewOutcome, "outcome" {
        Achieved => "achieved", "Achieved",
        Partly => "partly", "Partly achieved",
        NotAchieved => "not_achieved", "Not achieved",
        Dropped => "dropped", "Dropped",
    }
);

/// What the partnership wrote about one action or measure of last year's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ReviewNote {
    pub outcome: Option<ReviewOutcome>,
    pub commentary: String,
}

/// A partnership's self-assessment for a year, with everything in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub id: i64,
    pub partnership_id: i64,
    pub partnership_name: String,
    pub partnership_slug: String,
    pub year: i32,
    pub status: AssessmentStatus,
    /// How many times it has been submitted.
    pub round: i32,
    /// Bumped by a change of status or of the summary.
    pub revision: i64,
    /// Bumped by each save of the annual review.
    pub review_revision: i64,
    pub summary: String,
    pub late: bool,
    pub submitted_on: Option<String>,
    pub moderated_on: Option<String>,
    pub moderated_by: Option<String>,
    /// The approved version of last year's plan the review is built from.
    pub reviewed: Option<(i64, i32)>,
    pub answers: Vec<StandardAnswer>,
    pub questions: Vec<Question>,
    /// Notes on last year's actions and measures, by (is an action, id in the snapshot).
    #[serde(with = "pairs")]
    pub notes: std::collections::BTreeMap<(bool, i64), ReviewNote>,
}

impl Assessment {
    pub fn answer(&self, standard_id: i64) -> Option<&StandardAnswer> {
        self.answers.iter().find(|a| a.standard_id == standard_id)
    }

    /// The questions of the latest round still without an answer.
    pub fn open_questions(&self) -> impl Iterator<Item = &Question> {
        self.questions
            .iter()
            .filter(move |q| q.round == self.round && q.answer.is_none())
    }

    /// "Self-assessment 2027 — review of the 2026/27 plan"
    pub fn title(&self) -> String {
        title(self.year)
    }
}

/// The plan year a cycle year's self-assessment reviews: the one that has just ended.
pub fn reviewed_plan_year(year: i32) -> Option<PlanYear> {
    PlanYear::new(year - 1).ok()
}

/// "Self-assessment 2027"
pub fn title(year: i32) -> String {
    format!("Self-assessment {year}")
}

/// A plausible assessment year.
pub fn parse_year(n: i32) -> Result<i32, ParseError> {
    PlanYear::new(n).map(|y| y.first_year())
}

/// A map whose keys are not strings, written as a list of pairs (JSON maps need string keys).
mod pairs {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<K: Serialize, V: Serialize, S: Serializer>(
        map: &BTreeMap<K, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(map.iter())
    }

    pub fn deserialize<'de, K, V, D>(d: D) -> Result<BTreeMap<K, V>, D::Error>
    where
        K: Deserialize<'de> + Ord,
        V: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        Ok(Vec::<(K, V)>::deserialize(d)?.into_iter().collect())
    }
}
