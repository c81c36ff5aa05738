use super::{at, Shown};
use crate::domain::date::{format_number, parse_date, parse_number, short_date};
use crate::domain::plan::{Measure, Problem};
use crate::domain::{IndicatorCode, Period, PlanYear};
use chrono::NaiveDate;

crate::form! {
    /// A measure of a priority: an indicator, its baseline, the target and when it is due.
    pub struct MeasureForm {
        indicator: String,
        baseline: String,
        baseline_period: String,
        target: String,
        due: String,
    }
}

/// A measure's content, parsed. Blanks are allowed while drafting; submission needs them.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureInput {
    pub indicator_code: Option<String>,
    pub baseline: Option<f64>,
    pub baseline_period: Option<String>,
    pub target: Option<f64>,
    pub due: Option<NaiveDate>,
}

impl MeasureForm {
    /// The form as the saved measure fills it.
    pub fn from_saved(m: &Measure) -> Self {
        Self::from_input(&MeasureInput::from(m))
    }

    fn from_input(m: &MeasureInput) -> Self {
        Self {
            indicator: m.indicator_code.clone().unwrap_or_default(),
            baseline: m.baseline.map(format_number).unwrap_or_default(),
            baseline_period: m.baseline_period.clone().unwrap_or_default(),
            target: m.target.map(format_number).unwrap_or_default(),
            due: m.due.map(short_date).unwrap_or_default(),
        }
    }

    /// Reads the form for a plan of `year`. Every problem is reported, each against its field.
    pub fn parse(&self, year: PlanYear) -> Result<MeasureInput, Vec<Problem>> {
        let Self {
            indicator,
            baseline,
            baseline_period,
            target,
            due,
        } = self;
        let mut problems = Vec::new();
        let indicator_code = match indicator.trim() {
            "" => None,
            code => match IndicatorCode::parse(code) {
                Ok(c) => Some(c.as_str().to_string()),
                Err(e) => {
                    problems.push(at(Self::indicator, e.0));
                    None
                }
            },
        };
        let baseline = parse_number(baseline, "baseline").unwrap_or_else(|e| {
            problems.push(at(Self::baseline, e.0));
            None
        });
        let baseline_period = match baseline_period.trim() {
            "" => None,
            text => match Period::parse(text) {
                Ok(p) => Some(p.to_string()),
                Err(e) => {
                    problems.push(at(Self::baseline_period, e.0));
                    None
                }
            },
        };
        let target = parse_number(target, "target").unwrap_or_else(|e| {
            problems.push(at(Self::target, e.0));
            None
        });
        let due = parse_date(due).unwrap_or_else(|e| {
            problems.push(at(Self::due, e.0));
            None
        });
        if let Some(d) = due {
            if d < year.starts() {
                problems.push(at(
                    Self::due,
                    format!(
                        "The target must be due during or after the {year} plan year, which starts on {}",
                        short_date(year.starts())
                    ),
                ));
            }
        }
        if problems.is_empty() {
            Ok(MeasureInput {
                indicator_code,
                baseline,
                baseline_period,
                target,
                due,
            })
        } else {
            Err(problems)
        }
    }
}

impl From<&Measure> for MeasureInput {
    fn from(m: &Measure) -> Self {
        Self {
            indicator_code: m.indicator_code.clone(),
            baseline: m.baseline,
            baseline_period: m.baseline_period.clone(),
            target: m.target,
            due: m.due,
        }
    }
}

impl MeasureInput {
    /// How each field reads, as people write it.
    pub fn shown(&self) -> Shown {
        let MeasureForm {
            indicator,
            baseline,
            baseline_period,
            target,
            due,
        } = MeasureForm::from_input(self);
        vec![
            (MeasureForm::indicator, indicator),
            (MeasureForm::baseline, baseline),
            (MeasureForm::baseline_period, baseline_period),
            (MeasureForm::target, target),
            (MeasureForm::due, due),
        ]
    }
}
