//! The demo's targets: each chosen so that, on the latest generated figures, the partnership is
//! ahead of its target's trajectory, just behind it, or well behind it — so the dashboard's
//! target-based ratings show green, amber and red, rated by the app's own rules.

use app::domain::rag::{trajectory, RagRule};
use app::domain::Polarity;
use chrono::NaiveDate;

/// Where the latest figure stands against the target's trajectory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Progress {
    /// Better than the trajectory (met, once due): green.
    Ahead,
    /// Short of it by less than the tolerance: amber.
    JustBehind,
    /// Short of it by more than the tolerance: red.
    WellBehind,
}

/// How the demo's measures fare, in turn.
pub(super) const PROGRESS: [Progress; 7] = [
    Progress::Ahead,
    Progress::JustBehind,
    Progress::Ahead,
    Progress::WellBehind,
    Progress::Ahead,
    Progress::JustBehind,
    Progress::WellBehind,
];

/// A measure's facts: its baseline (value and the first day of its period), when the target is
/// due, and the latest figure with the day it is judged on (the end of its period).
pub(super) struct Facts {
    pub polarity: Polarity,
    pub baseline: f64,
    pub from: NaiveDate,
    pub due: NaiveDate,
    pub latest: f64,
    pub judged: NaiveDate,
}

/// The target (to one decimal place) that puts `facts.latest` where `progress` says. A target
/// always asks for some improvement on the baseline: where that would take a target pointing
/// the wrong way (the figures have gone the wrong way since the baseline), it asks for a modest
/// one, and the rating is whatever the figures then give.
pub(super) fn target_for(facts: &Facts, progress: Progress) -> f64 {
    let tolerance = RagRule::default().tolerance;
    let better = match facts.polarity {
        Polarity::LowerIsBetter => -1.0,
        _ => 1.0,
    };
    // Where the trajectory should stand when the latest figure is judged.
    let aim = facts.latest
        + better
            * match progress {
                Progress::Ahead => -0.5 * tolerance,
                Progress::JustBehind => 0.5 * tolerance,
                Progress::WellBehind => 2.0 * tolerance,
            };
    // The share of the way from the baseline to the target by then (1 once due).
    let share = trajectory(0.0, facts.from, 1.0, facts.due, facts.judged);
    let target = if share > 0.0 {
        facts.baseline + (aim - facts.baseline) / share
    } else {
        aim
    };
    let round = |t: f64| (t.max(0.0) * 10.0).round() / 10.0;
    if better * (target - facts.baseline) < 0.5 * tolerance {
        // The figures went the wrong way: a modest improvement on the baseline.
        round(facts.baseline + better * 0.5 * tolerance)
    } else {
        round(target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::rag::{against_target, Estimate, Rag};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Rates the latest figure against the target's trajectory, as the dashboard does.
    fn rag(facts: &Facts, target: f64) -> Rag {
        let aim = trajectory(facts.baseline, facts.from, target, facts.due, facts.judged);
        against_target(
            facts.polarity,
            &Estimate::value(facts.latest),
            aim,
            &RagRule::default(),
        )
    }

    fn facts(polarity: Polarity, baseline: f64, latest: f64, due: NaiveDate) -> Facts {
        Facts {
            polarity,
            baseline,
            from: d(2024, 4, 1),
            due,
            latest,
            judged: d(2026, 3, 31),
        }
    }

    #[test]
    fn each_progress_gives_its_rating_partway_and_once_due() {
        for due in [d(2027, 3, 31), d(2026, 3, 31)] {
            for (polarity, baseline, latest) in [
                (Polarity::LowerIsBetter, 31.4, 27.9),
                (Polarity::HigherIsBetter, 55.0, 58.2),
            ] {
                let f = facts(polarity, baseline, latest, due);
                for (progress, want) in [
                    (Progress::Ahead, Rag::Green),
                    (Progress::JustBehind, Rag::Amber),
                    (Progress::WellBehind, Rag::Red),
                ] {
                    let t = target_for(&f, progress);
                    assert_eq!(rag(&f, t), want, "{polarity:?} {progress:?} due {due}: {t}");
                    let better = if polarity == Polarity::LowerIsBetter {
                        baseline - t
                    } else {
                        t - baseline
                    };
                    assert!(better >= 0.5, "{t} asks for an improvement");
                }
            }
        }
    }

    #[test]
    fn a_target_always_asks_for_improvement() {
        // The figure got worse since the baseline: "ahead" would need a worse target.
        let f = facts(Polarity::LowerIsBetter, 20.0, 23.0, d(2027, 3, 31));
        assert_eq!(target_for(&f, Progress::Ahead), 19.5);
        let f = facts(Polarity::HigherIsBetter, 60.0, 57.0, d(2027, 3, 31));
        assert_eq!(target_for(&f, Progress::JustBehind), 60.5);
    }
}
