//! Which targets the dashboard rates against: only those the Board has approved. A target in a
//! draft or a submitted plan is not in force, and it is work in progress that most people may
//! not read (see [`plan_visibility`](crate::domain::auth::plan_visibility)), so it neither shows
//! nor colours a cell for anyone.

use super::Target;
use crate::domain::plan::{Plan, PlanStatus};
use crate::domain::Period;
use std::collections::HashMap;

/// Each partnership's target for each indicator, keyed by (partnership, indicator), from the
/// approved plans given (the frozen snapshots of the latest approved version of each plan;
/// anything not approved is ignored). A later plan year's target replaces an earlier one's.
/// `indicator_id` turns an indicator code, as the snapshot names it, into the catalogue's id.
pub fn approved_targets<'a>(
    plans: impl IntoIterator<Item = &'a Plan>,
    indicator_id: impl Fn(&str) -> Option<i64>,
) -> HashMap<(i64, i64), Target> {
    let mut approved: Vec<&Plan> = plans
        .into_iter()
        .filter(|p| p.status == PlanStatus::Approved)
        .collect();
    approved.sort_by_key(|p| (p.year.first_year(), p.version));
    let mut out = HashMap::new();
    for plan in approved {
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
            out.insert(
                (plan.partnership_id, indicator),
                Target {
                    value,
                    due: m.due,
                    baseline,
                },
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::{Measure, Priority};
    use crate::domain::PlanYear;

    fn plan(partnership_id: i64, year: i32, status: PlanStatus, targets: &[(&str, f64)]) -> Plan {
        Plan {
            id: partnership_id * 10_000 + i64::from(year),
            partnership_id,
            partnership_name: "P".into(),
            partnership_slug: "p".into(),
            year: PlanYear::new(year).unwrap(),
            version: 1,
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
                        baseline_period: Some("2025/26".into()),
                        target: Some(*t),
                        due: None,
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

    #[test]
    fn only_approved_plans_set_targets() {
        let plans = [
            plan(7, 2026, PlanStatus::Draft, &[("NI 112", 3.0)]),
            plan(8, 2026, PlanStatus::Submitted, &[("NI 112", 4.0)]),
            plan(9, 2026, PlanStatus::Approved, &[("NI 112", 5.0)]),
        ];
        let t = approved_targets(&plans, id);
        assert_eq!(t.len(), 1);
        let nine = t[&(9, 1)];
        assert_eq!(nine.value, 5.0);
        assert_eq!(
            nine.baseline.map(|(b, _)| b),
            Some(10.0),
            "the baseline comes along for the trajectory"
        );
    }

    #[test]
    fn the_latest_approved_year_wins_and_unknown_indicators_are_skipped() {
        let plans = [
            plan(7, 2027, PlanStatus::Approved, &[("NI 112", 6.0)]),
            plan(
                7,
                2026,
                PlanStatus::Approved,
                &[("NI 112", 5.0), ("NI 117", 9.0)],
            ),
            plan(7, 2028, PlanStatus::Draft, &[("NI 112", 1.0)]),
            plan(7, 2025, PlanStatus::Approved, &[("NI 999", 2.0)]),
        ];
        let t = approved_targets(&plans, id);
        assert_eq!(t[&(7, 1)].value, 6.0);
        assert_eq!(t[&(7, 2)].value, 9.0);
        assert_eq!(t.len(), 2);
    }
}
