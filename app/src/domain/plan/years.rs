//! Which plan year the Board's list of plans opens on: the year in the cycle that has work.

use crate::domain::PlanYear;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How many plans a year has, and how many of them are still being drafted or decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearActivity {
    pub year: PlanYear,
    pub plans: i64,
    /// Plans in draft or submitted: work going on.
    pub in_progress: i64,
}

/// The year to open on `today`: the year of the cycle running now (see
/// [`PlanYear::in_cycle_on`]) while it has plans being drafted or decided; else next year's when
/// its plans are already under way (a partnership may start early); else this cycle's year if it
/// has any plans; else the latest year that has plans; else this cycle's year.
pub fn year_to_open(today: NaiveDate, years: &[YearActivity]) -> PlanYear {
    let cycle = PlanYear::in_cycle_on(today);
    let next = PlanYear::new(cycle.first_year() + 1).ok();
    let of = |y: Option<PlanYear>| years.iter().find(|a| Some(a.year) == y);
    let working = |y: Option<PlanYear>| of(y).is_some_and(|a| a.in_progress > 0);
    if working(Some(cycle)) {
        cycle
    } else if working(next) {
        next.unwrap_or(cycle)
    } else if of(Some(cycle)).is_some_and(|a| a.plans > 0) {
        cycle
    } else {
        years
            .iter()
            .filter(|a| a.plans > 0)
            .map(|a| a.year)
            .max()
            .unwrap_or(cycle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y(first: i32) -> PlanYear {
        PlanYear::new(first).expect("a plan year")
    }

    fn a(first: i32, plans: i64, in_progress: i64) -> YearActivity {
        YearActivity {
            year: y(first),
            plans,
            in_progress,
        }
    }

    fn on(date: &str) -> NaiveDate {
        NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("a date")
    }

    #[test]
    fn opens_on_the_year_with_work() {
        // This cycle's plans are being drafted: this cycle.
        assert_eq!(
            year_to_open(on("2026-11-23"), &[a(2025, 11, 0), a(2026, 11, 6)]),
            y(2026)
        );
        // This cycle's plans are all approved and next year's are under way: next year.
        assert_eq!(
            year_to_open(on("2025-11-23"), &[a(2025, 11, 0), a(2026, 11, 6)]),
            y(2026)
        );
        // Nothing in this cycle's year, next year's plans submitted.
        assert_eq!(
            year_to_open(on("2026-11-23"), &[a(2025, 11, 0), a(2027, 2, 2)]),
            y(2027)
        );
        // Everything approved: this cycle's year.
        assert_eq!(
            year_to_open(on("2026-11-23"), &[a(2025, 11, 0), a(2026, 11, 0)]),
            y(2026)
        );
        // Nothing this year or next: the latest year with plans.
        assert_eq!(
            year_to_open(on("2030-02-01"), &[a(2025, 11, 0), a(2026, 11, 3)]),
            y(2026)
        );
        // No plans at all: this cycle's year.
        assert_eq!(year_to_open(on("2027-01-10"), &[]), y(2027));
    }
}
