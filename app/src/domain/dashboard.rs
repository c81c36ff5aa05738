//! The Board's comparison of partnerships: one rating per partnership and indicator, from the
//! latest figures, and the exceptions a Board paper reports. Pure rules over the RAG engine.

use super::rag::{
    against_comparator, against_target, direction, trajectory, Comparison, Estimate, Rag, RagRule,
    Trend, Unrated,
};
use super::Polarity;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod targets;
pub use targets::{period_end, InForce, Targets};

/// One published value, as the dashboard uses it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub start: NaiveDate,
    pub estimate: Estimate,
}

/// A partnership's target for an indicator, from an approved plan ([`Targets`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub value: f64,
    pub due: Option<NaiveDate>,
    /// The baseline and the first day of its period, for the trajectory.
    pub baseline: Option<(f64, NaiveDate)>,
}

/// What a rating was measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Basis {
    /// The partnership's target (or where its trajectory stands by then).
    Target,
    /// England, by confidence intervals.
    England,
    /// Nothing to rate against, or no data.
    None,
}

/// A cell of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    pub rag: Rag,
    pub basis: Basis,
    pub comparison: Comparison,
    pub trend: Trend,
    /// Why a figure that is held is not rated ([`Rag::NotRated`]).
    pub unrated: Option<Unrated>,
}

/// Rates a partnership's figure: against the target in force for its period where there is one
/// (on the trajectory from its baseline while the target is not yet due), otherwise against
/// England where confidence intervals allow (better green, similar amber, worse red). No data
/// is grey; small numbers are flagged, not rated; a figure nothing can rate is "not rated",
/// with the reason.
pub fn rate(
    polarity: Polarity,
    rule: &RagRule,
    latest: Option<&Point>,
    previous: Option<&Point>,
    england: Option<&Estimate>,
    target: Option<&Target>,
) -> Rating {
    let Some(now) = latest else {
        return Rating {
            rag: Rag::Grey,
            basis: Basis::None,
            comparison: Comparison::NotCompared,
            trend: Trend::NoTrend,
            unrated: None,
        };
    };
    let missing = Estimate::missing();
    let comparison = against_comparator(polarity, &now.estimate, england.unwrap_or(&missing), rule);
    let trend = direction(
        polarity,
        &now.estimate,
        previous.map(|p| &p.estimate).unwrap_or(&missing),
        rule,
    );
    let (rag, basis, unrated) = match target {
        Some(t) => {
            let aim = match (t.baseline, t.due) {
                (Some((b, from)), Some(due)) => {
                    trajectory(b, from, t.value, due, period_end(now.start))
                }
                _ => t.value,
            };
            let rag = against_target(polarity, &now.estimate, aim, rule);
            let unrated = (rag == Rag::NotRated).then_some(Unrated::NoDirection);
            (rag, Basis::Target, unrated)
        }
        None => {
            let rag = if now.estimate.value.is_none() {
                Rag::Grey
            } else if now
                .estimate
                .numerator
                .is_some_and(|n| n < rule.small_number_threshold)
            {
                Rag::SmallNumbers
            } else {
                match comparison {
                    Comparison::Better => Rag::Green,
                    Comparison::Similar => Rag::Amber,
                    Comparison::Worse => Rag::Red,
                    Comparison::NotCompared => Rag::NotRated,
                }
            };
            let unrated = (rag == Rag::NotRated).then(|| {
                if polarity == Polarity::NoJudgement {
                    Unrated::NoDirection
                } else if england.and_then(|e| e.value).is_none() {
                    Unrated::NoComparator
                } else {
                    Unrated::NoInterval
                }
            });
            let basis = match rag {
                Rag::Grey | Rag::NotRated => Basis::None,
                _ => Basis::England,
            };
            (rag, basis, unrated)
        }
    };
    Rating {
        rag,
        basis,
        comparison,
        trend,
        unrated,
    }
}

/// The kinds of exception a Board paper reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Exception {
    /// Red now, and not red the period before.
    NewlyRed,
    /// Red now and the period before (or longer).
    PersistentlyRed,
    /// Improved markedly: up a rating or more, or better by at least a tenth.
    MarkedImprovement,
}

impl Exception {
    pub fn label(self) -> &'static str {
        match self {
            Exception::NewlyRed => "Newly red",
            Exception::PersistentlyRed => "Persistently red",
            Exception::MarkedImprovement => "Marked improvement",
        }
    }
}

fn rank(rag: Rag) -> Option<u8> {
    match rag {
        Rag::Red => Some(0),
        Rag::Amber => Some(1),
        Rag::Green => Some(2),
        Rag::Grey | Rag::NotRated | Rag::SmallNumbers => None,
    }
}

/// Which exception, if any, a partnership's indicator is for the period: `now` and `before`
/// are the ratings of the period and the one before; the values are for the size of a change.
pub fn exception(
    polarity: Polarity,
    now: Rag,
    before: Rag,
    value_now: Option<f64>,
    value_before: Option<f64>,
) -> Option<Exception> {
    if now == Rag::Red {
        return Some(if before == Rag::Red {
            Exception::PersistentlyRed
        } else {
            Exception::NewlyRed
        });
    }
    let up_a_rating = matches!((rank(now), rank(before)), (Some(a), Some(b)) if a > b);
    let marked_change = match (value_now, value_before) {
        (Some(n), Some(b)) if b.abs() > f64::EPSILON => {
            let better = match polarity {
                Polarity::HigherIsBetter => n - b,
                Polarity::LowerIsBetter => b - n,
                Polarity::NoJudgement => 0.0,
            };
            better / b.abs() >= 0.10
        }
        _ => false,
    };
    (up_a_rating || marked_change).then_some(Exception::MarkedImprovement)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn point(value: f64, ci: Option<(f64, f64)>) -> Point {
        Point {
            start: d(2025, 4, 1),
            estimate: Estimate {
                value: Some(value),
                numerator: None,
                ci,
            },
        }
    }

    const RULE: RagRule = RagRule {
        tolerance: 1.0,
        small_number_threshold: 5.0,
        trend_threshold: 0.0,
    };

    #[test]
    fn without_a_target_england_decides_by_confidence_intervals() {
        let england = Estimate {
            value: Some(20.0),
            numerator: None,
            ci: Some((19.8, 20.2)),
        };
        let rate_lower = |v, ci| {
            rate(
                Polarity::LowerIsBetter,
                &RULE,
                Some(&point(v, ci)),
                None,
                Some(&england),
                None,
            )
        };
        assert_eq!(rate_lower(15.0, Some((14.0, 16.0))).rag, Rag::Green);
        assert_eq!(
            rate_lower(20.5, Some((19.0, 22.0))).rag,
            Rag::Amber,
            "overlapping is similar"
        );
        assert_eq!(rate_lower(25.0, Some((24.0, 26.0))).rag, Rag::Red);
        let no_interval = rate_lower(25.0, None);
        assert_eq!(
            (no_interval.rag, no_interval.unrated),
            (Rag::NotRated, Some(Unrated::NoInterval)),
            "no interval, no claim: the figure is held but not rated"
        );
        let no_england = rate(
            Polarity::LowerIsBetter,
            &RULE,
            Some(&point(25.0, Some((24.0, 26.0)))),
            None,
            None,
            None,
        );
        assert_eq!(no_england.unrated, Some(Unrated::NoComparator));
        let higher = rate(
            Polarity::HigherIsBetter,
            &RULE,
            Some(&point(25.0, Some((24.0, 26.0)))),
            None,
            Some(&england),
            None,
        );
        assert_eq!(higher.rag, Rag::Green);
        assert_eq!(higher.basis, Basis::England);
    }

    #[test]
    fn a_target_takes_precedence_and_follows_its_trajectory() {
        let target = Target {
            value: 10.0,
            due: Some(d(2028, 3, 31)),
            baseline: Some((20.0, d(2024, 4, 1))),
        };
        // Judged at the end of March 2026: half-way from 20 towards 10 is 15.
        let r = rate(
            Polarity::LowerIsBetter,
            &RULE,
            Some(&point(15.5, None)),
            None,
            None,
            Some(&target),
        );
        assert_eq!((r.rag, r.basis), (Rag::Amber, Basis::Target));
        let r = rate(
            Polarity::LowerIsBetter,
            &RULE,
            Some(&point(14.0, None)),
            None,
            None,
            Some(&target),
        );
        assert_eq!(r.rag, Rag::Green);
        let r = rate(
            Polarity::LowerIsBetter,
            &RULE,
            Some(&point(17.0, None)),
            None,
            None,
            Some(&target),
        );
        assert_eq!(r.rag, Rag::Red);
    }

    #[test]
    fn missing_and_small_numbers() {
        let none = rate(Polarity::LowerIsBetter, &RULE, None, None, None, None);
        assert_eq!((none.rag, none.trend), (Rag::Grey, Trend::NoTrend));
        let small = Point {
            start: d(2025, 4, 1),
            estimate: Estimate {
                value: Some(3.0),
                numerator: Some(2.0),
                ci: Some((1.0, 5.0)),
            },
        };
        let england = Estimate::value(20.0);
        assert_eq!(
            rate(
                Polarity::LowerIsBetter,
                &RULE,
                Some(&small),
                None,
                Some(&england),
                None
            )
            .rag,
            Rag::SmallNumbers
        );
    }

    #[test]
    fn trends_follow_polarity() {
        let before = point(20.0, None);
        let now = point(18.0, None);
        let r = rate(
            Polarity::LowerIsBetter,
            &RULE,
            Some(&now),
            Some(&before),
            None,
            None,
        );
        assert_eq!(r.trend, Trend::Improving);
        let r = rate(
            Polarity::HigherIsBetter,
            &RULE,
            Some(&now),
            Some(&before),
            None,
            None,
        );
        assert_eq!(r.trend, Trend::Worsening);
    }

    #[test]
    fn exceptions() {
        use Exception::*;
        let lower = Polarity::LowerIsBetter;
        assert_eq!(
            exception(lower, Rag::Red, Rag::Amber, None, None),
            Some(NewlyRed)
        );
        assert_eq!(
            exception(lower, Rag::Red, Rag::Grey, None, None),
            Some(NewlyRed)
        );
        assert_eq!(
            exception(lower, Rag::Red, Rag::Red, None, None),
            Some(PersistentlyRed)
        );
        assert_eq!(
            exception(lower, Rag::Green, Rag::Red, None, None),
            Some(MarkedImprovement)
        );
        assert_eq!(
            exception(lower, Rag::Amber, Rag::Amber, Some(18.0), Some(20.0)),
            Some(MarkedImprovement),
            "10% lower is a marked improvement when lower is better"
        );
        assert_eq!(
            exception(lower, Rag::Amber, Rag::Amber, Some(19.0), Some(20.0)),
            None
        );
        assert_eq!(
            exception(
                Polarity::HigherIsBetter,
                Rag::Amber,
                Rag::Amber,
                Some(18.0),
                Some(20.0)
            ),
            None
        );
        assert_eq!(
            exception(lower, Rag::Amber, Rag::Green, Some(21.0), Some(20.0)),
            None
        );
    }
}
