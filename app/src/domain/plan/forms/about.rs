use super::{at, too_long, Shown};
use crate::domain::plan::{Plan, Problem};

crate::form! {
    /// The needs analysis and what children and young people told us.
    pub struct AboutForm {
        needs_summary: String,
        young_people_said: String,
    }
}

/// The most either text may hold.
pub const ABOUT_LIMIT: usize = 10_000;

impl AboutForm {
    pub fn from_saved(plan: &Plan) -> Self {
        Self {
            needs_summary: plan.needs_summary.clone(),
            young_people_said: plan.young_people_said.clone(),
        }
    }

    /// The texts, trimmed, or every problem with them.
    pub fn parse(&self) -> Result<AboutForm, Vec<Problem>> {
        let Self {
            needs_summary,
            young_people_said,
        } = self;
        let mut problems = Vec::new();
        for (field, text) in [
            (Self::needs_summary, needs_summary),
            (Self::young_people_said, young_people_said),
        ] {
            if too_long(text, ABOUT_LIMIT) {
                problems.push(at(field, "Write 10,000 characters or fewer"));
            }
        }
        if problems.is_empty() {
            Ok(Self {
                needs_summary: needs_summary.trim().to_string(),
                young_people_said: young_people_said.trim().to_string(),
            })
        } else {
            Err(problems)
        }
    }

    pub fn shown(&self) -> Shown {
        let Self {
            needs_summary,
            young_people_said,
        } = self;
        vec![
            (Self::needs_summary, needs_summary.clone()),
            (Self::young_people_said, young_people_said.clone()),
        ]
    }
}
