//! RAG ratings (towards the data capability): against a target (with a tolerance), against a
//! target's trajectory, against a comparator using confidence intervals where present (better,
//! similar, worse, as public-health profiles do), and the direction of travel. Missing data is
//! grey; small numbers are flagged, not rated.

use super::text_enum::text_enum;
use super::Polarity;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

text_enum!(
    /// A rating. Always shown with its word, never by colour alone.
    Rag, "RAG rating" {
        Red => "red", "Red",
        Amber => "amber", "Amber",
        Green => "green", "Green",
        Grey => "grey", "No data",
        NotRated => "not_rated", "Not rated",
        SmallNumbers => "small_numbers", "Too few to rate",
    }
);

text_enum!(
    /// Why a figure that is held is not rated.
    Unrated, "reason" {
        NoDirection => "no_direction", "this indicator has no better or worse direction",
        NoComparator => "no_comparator", "no target, and no England figure for the same period",
        NoInterval => "no_interval", "no target, and no confidence interval to compare with England",
    }
);

text_enum!(
    Comparison, "comparison" {
        Better => "better", "Better",
        Similar => "similar", "Similar",
        Worse => "worse", "Worse",
        NotCompared => "not_compared", "Not compared",
    }
);

text_enum!(
    Trend, "direction of travel" {
        Improving => "improving", "Improving",
        NoChange => "no_change", "No significant change",
        Worsening => "worsening", "Worsening",
        NoTrend => "no_trend", "No trend",
    }
);

/// How an indicator is rated; configurable per indicator.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RagRule {
    /// How far short of the target (in the indicator's unit) still counts as amber.
    pub tolerance: f64,
    /// Counts (numerators) below this are too small to rate.
    pub small_number_threshold: f64,
    /// Changes smaller than this (in the unit) are "no significant change".
    pub trend_threshold: f64,
}

impl Default for RagRule {
    fn default() -> Self {
        Self {
            tolerance: 1.0,
            small_number_threshold: 5.0,
            trend_threshold: 0.0,
        }
    }
}

/// A value with its count and confidence interval, where published.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub ci: Option<(f64, f64)>,
}

impl Estimate {
    pub fn value(value: f64) -> Self {
        Self {
            value: Some(value),
            numerator: None,
            ci: None,
        }
    }

    pub fn missing() -> Self {
        Self {
            value: None,
            numerator: None,
            ci: None,
        }
    }
}

/// How much better `value` is than `reference` in the indicator's good direction (negative when
/// worse); `None` when the indicator has no good direction.
fn better_by(polarity: Polarity, value: f64, reference: f64) -> Option<f64> {
    match polarity {
        Polarity::HigherIsBetter => Some(value - reference),
        Polarity::LowerIsBetter => Some(reference - value),
        Polarity::NoJudgement => None,
    }
}

fn is_small(e: &Estimate, rule: &RagRule) -> bool {
    e.numerator.is_some_and(|n| n < rule.small_number_threshold)
}

/// Rates a value against a target: green at or beyond it, amber within the tolerance short of
/// it (the edge included), red beyond that.
pub fn against_target(polarity: Polarity, e: &Estimate, target: f64, rule: &RagRule) -> Rag {
    let Some(value) = e.value else {
        return Rag::Grey;
    };
    if is_small(e, rule) {
        return Rag::SmallNumbers;
    }
    match better_by(polarity, value, target) {
        None => Rag::NotRated,
        Some(gap) if gap >= 0.0 => Rag::Green,
        Some(gap) if gap >= -rule.tolerance - 1e-9 => Rag::Amber,
        Some(_) => Rag::Red,
    }
}

/// Where a target's straight line from the baseline stands on `date`: partway through the
/// plan, a partnership is rated against progress so far, not the final target.
pub fn trajectory(
    baseline: f64,
    from: NaiveDate,
    target: f64,
    due: NaiveDate,
    date: NaiveDate,
) -> f64 {
    let total = (due - from).num_days();
    if total <= 0 || date >= due {
        return target;
    }
    if date <= from {
        return baseline;
    }
    let done = (date - from).num_days() as f64 / total as f64;
    baseline + (target - baseline) * done
}

/// Compares an area with a comparator. With both intervals: overlapping is similar, separate is
/// better or worse. With the area's interval only: the comparator's value inside it is similar.
/// Without intervals nothing is claimed.
pub fn against_comparator(
    polarity: Polarity,
    area: &Estimate,
    comparator: &Estimate,
    rule: &RagRule,
) -> Comparison {
    let (Some(value), Some(other)) = (area.value, comparator.value) else {
        return Comparison::NotCompared;
    };
    if is_small(area, rule) {
        return Comparison::NotCompared;
    }
    let Some(ci) = area.ci else {
        return Comparison::NotCompared;
    };
    let separate = match comparator.ci {
        Some(c) => ci.1 < c.0 || c.1 < ci.0,
        None => other < ci.0 || ci.1 < other,
    };
    if !separate {
        return Comparison::Similar;
    }
    match better_by(polarity, value, other) {
        Some(g) if g > 0.0 => Comparison::Better,
        Some(_) => Comparison::Worse,
        None => Comparison::NotCompared,
    }
}

/// The direction of travel from the previous period.
pub fn direction(
    polarity: Polarity,
    current: &Estimate,
    previous: &Estimate,
    rule: &RagRule,
) -> Trend {
    let (Some(now), Some(before)) = (current.value, previous.value) else {
        return Trend::NoTrend;
    };
    match better_by(polarity, now, before) {
        None => Trend::NoTrend,
        Some(g) if g.abs() <= rule.trend_threshold => Trend::NoChange,
        Some(g) if g > 0.0 => Trend::Improving,
        Some(_) => Trend::Worsening,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Polarity::*;

    const RULE: RagRule = RagRule {
        tolerance: 2.0,
        small_number_threshold: 5.0,
        trend_threshold: 0.1,
    };

    fn v(x: f64) -> Estimate {
        Estimate::value(x)
    }

    fn ci(x: f64, lo: f64, hi: f64) -> Estimate {
        Estimate {
            value: Some(x),
            numerator: None,
            ci: Some((lo, hi)),
        }
    }

    #[test]
    fn target_when_higher_is_better() {
        assert_eq!(
            against_target(HigherIsBetter, &v(60.0), 60.0, &RULE),
            Rag::Green,
            "on target"
        );
        assert_eq!(
            against_target(HigherIsBetter, &v(61.0), 60.0, &RULE),
            Rag::Green
        );
        assert_eq!(
            against_target(HigherIsBetter, &v(59.0), 60.0, &RULE),
            Rag::Amber
        );
        assert_eq!(
            against_target(HigherIsBetter, &v(58.0), 60.0, &RULE),
            Rag::Amber,
            "the tolerance's edge is amber"
        );
        assert_eq!(
            against_target(HigherIsBetter, &v(57.99), 60.0, &RULE),
            Rag::Red,
            "just past it is red"
        );
    }

    #[test]
    fn target_when_lower_is_better() {
        assert_eq!(
            against_target(LowerIsBetter, &v(20.0), 20.0, &RULE),
            Rag::Green
        );
        assert_eq!(
            against_target(LowerIsBetter, &v(15.0), 20.0, &RULE),
            Rag::Green
        );
        assert_eq!(
            against_target(LowerIsBetter, &v(22.0), 20.0, &RULE),
            Rag::Amber
        );
        assert_eq!(
            against_target(LowerIsBetter, &v(22.01), 20.0, &RULE),
            Rag::Red
        );
    }

    #[test]
    fn missing_data_is_grey_and_small_numbers_are_flagged() {
        assert_eq!(
            against_target(HigherIsBetter, &Estimate::missing(), 60.0, &RULE),
            Rag::Grey
        );
        let small = Estimate {
            value: Some(10.0),
            numerator: Some(3.0),
            ci: None,
        };
        assert_eq!(
            against_target(LowerIsBetter, &small, 20.0, &RULE),
            Rag::SmallNumbers
        );
        let enough = Estimate {
            numerator: Some(5.0),
            ..small
        };
        assert_eq!(
            against_target(LowerIsBetter, &enough, 20.0, &RULE),
            Rag::Green
        );
        assert_eq!(
            against_target(NoJudgement, &v(1.0), 2.0, &RULE),
            Rag::NotRated,
            "a figure is held: it is not missing"
        );
    }

    #[test]
    fn trajectories() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let (from, due) = (d(2026, 4, 1), d(2027, 4, 1));
        assert_eq!(trajectory(30.0, from, 20.0, due, d(2026, 4, 1)), 30.0);
        assert!(
            (trajectory(30.0, from, 20.0, due, d(2026, 10, 1)) - 24.96).abs() < 0.05,
            "halfway"
        );
        assert_eq!(trajectory(30.0, from, 20.0, due, d(2028, 1, 1)), 20.0);
        assert_eq!(
            trajectory(30.0, due, 20.0, from, d(2026, 10, 1)),
            20.0,
            "a due date before the start is the target"
        );
        // Halfway through, 26 is amber against the trajectory, though red against the final target.
        let mid = trajectory(30.0, from, 20.0, due, d(2026, 10, 1));
        assert_eq!(
            against_target(LowerIsBetter, &v(26.0), mid, &RULE),
            Rag::Amber
        );
        assert_eq!(
            against_target(LowerIsBetter, &v(26.0), 20.0, &RULE),
            Rag::Red
        );
    }

    #[test]
    fn comparator_with_intervals() {
        // Overlapping intervals: similar, whichever value is higher.
        assert_eq!(
            against_comparator(
                HigherIsBetter,
                &ci(62.0, 58.0, 66.0),
                &ci(60.0, 59.0, 61.0),
                &RULE
            ),
            Comparison::Similar
        );
        // Separate intervals: better or worse by polarity.
        assert_eq!(
            against_comparator(
                HigherIsBetter,
                &ci(70.0, 67.0, 73.0),
                &ci(60.0, 59.0, 61.0),
                &RULE
            ),
            Comparison::Better
        );
        assert_eq!(
            against_comparator(
                LowerIsBetter,
                &ci(70.0, 67.0, 73.0),
                &ci(60.0, 59.0, 61.0),
                &RULE
            ),
            Comparison::Worse
        );
        assert_eq!(
            against_comparator(
                LowerIsBetter,
                &ci(50.0, 48.0, 52.0),
                &ci(60.0, 59.0, 61.0),
                &RULE
            ),
            Comparison::Better
        );
        // Touching intervals overlap.
        assert_eq!(
            against_comparator(
                HigherIsBetter,
                &ci(64.0, 61.0, 67.0),
                &ci(60.0, 59.0, 61.0),
                &RULE
            ),
            Comparison::Similar
        );
        // Only the area has an interval: the comparator's value inside it is similar.
        assert_eq!(
            against_comparator(HigherIsBetter, &ci(62.0, 58.0, 66.0), &v(60.0), &RULE),
            Comparison::Similar
        );
        assert_eq!(
            against_comparator(HigherIsBetter, &ci(62.0, 61.0, 63.0), &v(60.0), &RULE),
            Comparison::Better
        );
        // No interval, missing data, small numbers: nothing is claimed.
        assert_eq!(
            against_comparator(HigherIsBetter, &v(90.0), &v(60.0), &RULE),
            Comparison::NotCompared
        );
        assert_eq!(
            against_comparator(HigherIsBetter, &Estimate::missing(), &v(60.0), &RULE),
            Comparison::NotCompared
        );
        let small = Estimate {
            value: Some(90.0),
            numerator: Some(2.0),
            ci: Some((80.0, 99.0)),
        };
        assert_eq!(
            against_comparator(HigherIsBetter, &small, &v(60.0), &RULE),
            Comparison::NotCompared
        );
    }

    #[test]
    fn direction_of_travel() {
        assert_eq!(
            direction(HigherIsBetter, &v(61.0), &v(60.0), &RULE),
            Trend::Improving
        );
        assert_eq!(
            direction(LowerIsBetter, &v(61.0), &v(60.0), &RULE),
            Trend::Worsening
        );
        assert_eq!(
            direction(LowerIsBetter, &v(60.05), &v(60.0), &RULE),
            Trend::NoChange
        );
        assert_eq!(
            direction(HigherIsBetter, &v(61.0), &Estimate::missing(), &RULE),
            Trend::NoTrend
        );
    }
}
