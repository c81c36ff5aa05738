//! The Board's July report: every partnership's self-assessed and moderated grade for every
//! standard side by side, where moderation moved a grade and which way (in words), the spread
//! of grades per standard, and each partnership's annual-review headline.

use super::{AssessmentStatus, Grade, Headline, Moderation, Scale, StandardAnswer};
use serde::{Deserialize, Serialize};

/// One partnership and one standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportCell {
    pub own: Option<Grade>,
    pub moderated: Option<Grade>,
    pub moderation: Moderation,
}

impl ReportCell {
    pub fn of(answer: Option<&StandardAnswer>) -> Self {
        match answer {
            Some(a) => Self {
                own: a.grade,
                moderated: a.moderated_grade,
                moderation: a.moderation(),
            },
            None => Self {
                own: None,
                moderated: None,
                moderation: Moderation::Undecided,
            },
        }
    }

    /// "Agreed", "Moderated down from Good to Requires improvement", "Not yet moderated".
    pub fn words(&self, scale: &Scale) -> String {
        match (self.moderation, self.own, self.moderated) {
            (Moderation::Raised | Moderation::Lowered, own, Some(m)) => format!(
                "{} from {} to {}",
                self.moderation.words(),
                scale.label_of(own),
                scale.label(m)
            ),
            (m, _, _) => m.words().to_string(),
        }
    }
}

/// A partnership's row of the report. Grades are shown once the assessment has been submitted
/// (a draft is the partnership's work in progress).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportRow {
    pub partnership: String,
    pub slug: String,
    pub status: Option<AssessmentStatus>,
    pub round: i32,
    pub late: bool,
    pub cells: Vec<ReportCell>,
    /// The annual review's headline, or why there is none.
    pub headline: String,
    pub headline_figures: Option<Headline>,
}

impl ReportRow {
    /// "Moderated", "Submitted (late)", "Not started".
    pub fn status_words(&self) -> String {
        let status = self
            .status
            .map_or("Not started", |s| s.label_in_round(self.round));
        if self.late {
            format!("{status} (late)")
        } else {
            status.to_string()
        }
    }
}

/// How many partnerships hold each grade for one standard: the moderated grade where
/// moderation has decided, and how many submitted grades still await moderation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spread {
    pub standard: String,
    /// Moderated grades, best first.
    pub moderated: [usize; 4],
    pub awaiting: usize,
}

/// The spread of grades for each standard (in order) across the rows.
pub fn spread(standards: &[String], rows: &[ReportRow]) -> Vec<Spread> {
    standards
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let mut s = Spread {
                standard: title.clone(),
                moderated: [0; 4],
                awaiting: 0,
            };
            for cell in rows.iter().filter_map(|r| r.cells.get(i)) {
                match (cell.moderated, cell.own) {
                    (Some(g), _) => s.moderated[g.index()] += 1,
                    (None, Some(_)) => s.awaiting += 1,
                    _ => {}
                }
            }
            s
        })
        .collect()
}
