//! Which target a figure is rated against: the one **in force for its period**, so that a
//! period's rating never moves when a later plan is approved or amended.
//!
//! Only targets the Board has approved count. A target in a draft or a submitted plan is not in
//! force, and it is work in progress that most people may not read (see
//! [`plan_visibility`](crate::domain::auth::plan_visibility)), so it neither shows nor colours a
//! cell for anyone.
//!
//! The rule, for a figure whose period ends on day `E`:
//! - the plans considered are the approved plans of years that had begun by `E`, latest year
//!   first; a year's plan is the latest version the Board had approved by `E` (or, if it was
//!   approved only later, the version first approved);
//! - the first of them with a target for the indicator whose time has not run out by `E` (its
//!   plan year, or its due date when that is later) is in force;
//! - otherwise no target applies, and the figure is rated against the comparator.

use super::Target;
use crate::domain::plan::{Plan, PlanStatus};
use crate::domain::{Period, PlanYear};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// A target with where it came from, as the detail page names it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct InForce {
    pub target: Target,
    pub year: PlanYear,
    pub version: i32,
}

/// One approved version of a plan: its targets by indicator id, and the day it was approved.
#[derive(Debug, Clone)]
struct Version {
    number: i32,
    approved_on: NaiveDate,
    targets: HashMap<i64, Target>,
}

/// Every approved target of every partnership, by plan year and version.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    /// (partnership, first year of the plan year) → the approved versions, first version first.
    plans: BTreeMap<(i64, i32), Vec<Version>>,
}

/// The last day of a period that starts on `start`: the day its figure is judged on.
pub fn period_end(start: NaiveDate) -> NaiveDate {
    start
        .checked_add_months(chrono::Months::new(12))
        .and_then(|d| d.pred_opt())
        .unwrap_or(start)
}

impl Targets {
    /// From the approved versions given, each with the day it was approved (anything not
    /// approved is ignored). `indicator_id` turns an indicator code, as the snapshot names it,
    /// into the catalogue's id.
    pub fn from_versions<'a>(
        versions: impl IntoIterator<Item = (&'a Plan, NaiveDate)>,
        indicator_id: impl Fn(&str) -> Option<i64>,
    ) -> Self {
        let mut plans: BTreeMap<(i64, i32), Vec<Version>> = BTreeMap::new();
        for (plan, approved_on) in versions {
            if plan.status != PlanStatus::Approved {
                continue;
            }
            let mut targets = HashMap::new();
            for m in plan.priorities.iter().flat_map(|p| &p.measures) {
                let (Some(value), Some(indicator)) = (
                    m.target,
                    m.indicator_code.as_deref().and_then(&indicator_id),
                ) else {
                    continue;
                };
                let baseline = match (m.baseline, m.baseline_period.as_deref().map(Period::parse)) {
                    (Some(b), Some(Ok(period))) => Some((b, period.start())),
                    _ => None,
                };
                targets.insert(
                    indicator,
                    Target {
                        value,
                        due: m.due,
                        baseline,
                    },
                );
            }
            plans
                .entry((plan.partnership_id, plan.year.first_year()))
                .or_default()
                .push(Version {
                    number: plan.version,
                    approved_on,
                    targets,
                });
        }
        for versions in plans.values_mut() {
            versions.sort_by_key(|v| v.number);
        }
        Self { plans }
    }

    /// The target in force for a figure of `indicator` whose period starts on `start`.
    pub fn in_force(&self, partnership: i64, indicator: i64, start: NaiveDate) -> Option<InForce> {
        let end = period_end(start);
        let years = self
            .plans
            .range((partnership, i32::MIN)..=(partnership, i32::MAX))
            .rev();
        for (&(_, first_year), versions) in years {
            let Ok(year) = PlanYear::new(first_year) else {
                continue;
            };
            if year.starts() > end {
                continue;
            }
            let version = versions
                .iter()
                .rev()
                .find(|v| v.approved_on <= end)
                .or_else(|| versions.first());
            let Some(version) = version else {
                continue;
            };
            let Some(target) = version.targets.get(&indicator) else {
                continue;
            };
            let runs_to = target.due.map_or(year.ends(), |due| due.max(year.ends()));
            if end <= runs_to {
                return Some(InForce {
                    target: *target,
                    year,
                    version: version.number,
                });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::{Measure, Priority};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn plan(
        partnership_id: i64,
        year: i32,
        version: i32,
        status: PlanStatus,
        targets: &[(&str, f64)],
    ) -> Plan {
        Plan {
            id: partnership_id * 10_000 + i64::from(year),
            partnership_id,
            partnership_name: "P".into(),
            partnership_slug: "p".into(),
            year: PlanYear::new(year).unwrap(),
            version,
            status,
            revision: 1,
            needs_summary: String::new(),
            young_people_said: String::new(),
            young_people_version: None,
            priorities: vec![Priority {
                id: 1,
                revision: 1,
                title: "A priority".into(),
                mandated: false,
                added_later: false,
                outcome: String::new(),
                champion: None,
                challenger: None,
                measures: targets
                    .iter()
                    .enumerate()
                    .map(|(i, (code, t))| Measure {
                        id: i as i64,
                        revision: 1,
                        indicator_code: Some(code.to_string()),
                        baseline: Some(10.0),
                        baseline_period: Some(format!("{}/{:02}", year - 2, (year - 1) % 100)),
                        target: Some(*t),
                        due: Some(d(year + 1, 3, 31)),
                    })
                    .collect(),
                actions: vec![],
            }],
            organisations: Default::default(),
            indicators: Default::default(),
        }
    }

    fn id(code: &str) -> Option<i64> {
        match code {
            "NI 112" => Some(1),
            "NI 117" => Some(2),
            _ => None,
        }
    }

    /// The financial year `y`/`y+1` as a period start.
    fn fy(y: i32) -> NaiveDate {
        d(y, 4, 1)
    }

    #[test]
    fn only_approved_plans_set_targets() {
        let plans = [
            (
                plan(7, 2026, 1, PlanStatus::Draft, &[("NI 112", 3.0)]),
                d(2026, 3, 1),
            ),
            (
                plan(8, 2026, 1, PlanStatus::Submitted, &[("NI 112", 4.0)]),
                d(2026, 3, 1),
            ),
            (
                plan(9, 2026, 1, PlanStatus::Approved, &[("NI 112", 5.0)]),
                d(2026, 3, 1),
            ),
        ];
        let t = Targets::from_versions(plans.iter().map(|(p, on)| (p, *on)), id);
        assert_eq!(t.in_force(7, 1, fy(2026)), None);
        assert_eq!(t.in_force(8, 1, fy(2026)), None);
        let nine = t.in_force(9, 1, fy(2026)).unwrap();
        assert_eq!(
            (nine.target.value, nine.year.first_year(), nine.version),
            (5.0, 2026, 1)
        );
        assert_eq!(
            nine.target.baseline.map(|(b, _)| b),
            Some(10.0),
            "the baseline comes along for the trajectory"
        );
    }

    #[test]
    fn a_period_before_the_plan_year_keeps_its_own_rating() {
        // The 2027/28 plan is approved in March 2027 with a target for NI 112: figures for
        // 2025/26 and 2026/27 were judged before that plan year began, so it does not apply.
        let plans = [(
            plan(7, 2027, 1, PlanStatus::Approved, &[("NI 112", 6.0)]),
            d(2027, 3, 20),
        )];
        let t = Targets::from_versions(plans.iter().map(|(p, on)| (p, *on)), id);
        assert_eq!(t.in_force(7, 1, fy(2025)), None);
        assert_eq!(t.in_force(7, 1, fy(2026)), None);
        assert_eq!(
            t.in_force(7, 1, fy(2027)).map(|f| f.target.value),
            Some(6.0)
        );
        // Past its plan year and its due date, the target is spent.
        assert_eq!(t.in_force(7, 1, fy(2028)), None);
    }

    #[test]
    fn each_year_has_its_own_target() {
        let plans = [
            (
                plan(
                    7,
                    2025,
                    1,
                    PlanStatus::Approved,
                    &[("NI 112", 5.0), ("NI 117", 9.0)],
                ),
                d(2025, 3, 1),
            ),
            (
                plan(7, 2026, 1, PlanStatus::Approved, &[("NI 112", 6.0)]),
                d(2026, 3, 1),
            ),
            (
                plan(7, 2027, 1, PlanStatus::Draft, &[("NI 112", 1.0)]),
                d(2027, 3, 1),
            ),
            (
                plan(7, 2024, 1, PlanStatus::Approved, &[("NI 999", 2.0)]),
                d(2024, 3, 1),
            ),
        ];
        let t = Targets::from_versions(plans.iter().map(|(p, on)| (p, *on)), id);
        let value = |ind, start| t.in_force(7, ind, start).map(|f| f.target.value);
        assert_eq!(value(1, fy(2025)), Some(5.0));
        assert_eq!(value(1, fy(2026)), Some(6.0));
        assert_eq!(value(1, fy(2027)), None, "a draft is never in force");
        assert_eq!(value(2, fy(2025)), Some(9.0));
        assert_eq!(
            value(2, fy(2026)),
            None,
            "the 2025/26 target ran out in March 2026"
        );
        assert_eq!(value(1, fy(2024)), None, "unknown indicators are skipped");
    }

    #[test]
    fn a_longer_target_stays_in_force_until_it_is_due() {
        let mut p = plan(7, 2025, 1, PlanStatus::Approved, &[("NI 117", 9.0)]);
        p.priorities[0].measures[0].due = Some(d(2028, 3, 31));
        let plans = [(p, d(2025, 3, 1))];
        let t = Targets::from_versions(plans.iter().map(|(p, on)| (p, *on)), id);
        assert!(t.in_force(7, 2, fy(2027)).is_some());
        assert!(t.in_force(7, 2, fy(2028)).is_none());
    }

    #[test]
    fn an_amendment_applies_from_its_approval_not_before() {
        // Version 1 approved before the year; version 2, approved in May 2027, changes the
        // target and adds one for NI 117.
        let plans = [
            (
                plan(7, 2026, 1, PlanStatus::Approved, &[("NI 112", 5.0)]),
                d(2026, 3, 10),
            ),
            (
                plan(
                    7,
                    2026,
                    2,
                    PlanStatus::Approved,
                    &[("NI 112", 4.0), ("NI 117", 8.0)],
                ),
                d(2027, 5, 2),
            ),
            (
                plan(7, 2027, 1, PlanStatus::Approved, &[("NI 112", 3.0)]),
                d(2027, 3, 2),
            ),
        ];
        let t = Targets::from_versions(plans.iter().map(|(p, on)| (p, *on)), id);
        // 2026/27 ended on 31 March 2027, before version 2: version 1 stays in force for it.
        let f = t.in_force(7, 1, fy(2026)).unwrap();
        assert_eq!((f.target.value, f.version), (5.0, 1));
        assert_eq!(t.in_force(7, 2, fy(2026)), None);
        // A quarter starting in April 2027 (judged a year on) is the 2027/28 plan's.
        assert_eq!(
            t.in_force(7, 1, d(2027, 4, 1)).map(|f| f.target.value),
            Some(3.0)
        );
        // A plan approved only after its year ended still rates that year, as first approved.
        let late = [(
            plan(8, 2026, 1, PlanStatus::Approved, &[("NI 112", 7.0)]),
            d(2027, 6, 1),
        )];
        let t = Targets::from_versions(late.iter().map(|(p, on)| (p, *on)), id);
        assert_eq!(t.in_force(8, 1, fy(2026)).map(|f| f.version), Some(1));
    }
}
