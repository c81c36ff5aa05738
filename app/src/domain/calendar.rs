//! The annual business cycle (Appendix 1 of the partnership business-cycle paper). The dates
//! differ between counties and years, so the calendar is data: [`default_calendar`] gives the
//! paper's defaults, which an administrator may change.

use super::{text_enum::text_enum, ParseError};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A plan year such as 2026/27, by its first calendar year. Plans run April to March; their
/// drafting starts in the January before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PlanYear(i32);

impl PlanYear {
    pub fn new(first_year: i32) -> Result<Self, ParseError> {
        if (2000..=2200).contains(&first_year) {
            Ok(Self(first_year))
        } else {
            Err(ParseError::new(format!(
                "{first_year} is not a plausible plan year"
            )))
        }
    }

    /// Reads `2026/27` (or `2026/2027`).
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        match super::Period::parse(input) {
            Ok(super::Period::SplitYear(y)) => Self::new(y),
            _ => Err(ParseError::new(format!(
                "'{}' is not a plan year: write it like 2026/27",
                input.trim()
            ))),
        }
    }

    pub fn first_year(self) -> i32 {
        self.0
    }

    /// The plan year's first day: 1 April.
    pub fn starts(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 4, 1).unwrap_or(NaiveDate::MIN)
    }

    /// Its last day: 31 March of the following year.
    pub fn ends(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 3, 31).unwrap_or(NaiveDate::MAX)
    }

    /// The plan year whose business cycle is running on `date`: a cycle starts in January, so from
    /// January 2027 the partnerships are working on the 2027/28 plan.
    pub fn in_cycle_on(date: NaiveDate) -> Self {
        Self(date.year())
    }
}

impl fmt::Display for PlanYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.0, (self.0 + 1) % 100)
    }
}

impl TryFrom<String> for PlanYear {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PlanYear> for String {
    fn from(value: PlanYear) -> Self {
        value.to_string()
    }
}

text_enum!(
    /// Who a stage of the cycle is for.
    Actor, "actor" {
        Partnership => "partnership", "Partnerships",
        DistrictManager => "district_manager", "District managers",
        Board => "board", "Trust Board",
    }
);

text_enum!(
    /// The stages of the annual cycle, in the order of Appendix 1.
    StageKind, "cycle stage" {
        BoardPriorities => "board_priorities", "Key priorities sent to partnerships",
        PlanningStarts => "planning_starts", "Whole-partnership meeting starts the new plan",
        NeedsAnalysis => "needs_analysis", "Sub-groups analyse needs and consult",
        PlanSubmission => "plan_submission", "Self-assessment, review and draft plan submitted",
        CountyPlanReview => "county_plan_review", "Annual review of the county plan starts",
        PlanApproval => "plan_approval", "Local delivery plans approved",
        Moderation => "moderation", "Self-assessments moderated",
        Monitoring => "monitoring", "Sub-groups monitor progress",
        AnnualReport => "annual_report", "Annual report published; moderated self-assessments reported",
        MidYearMeeting => "mid_year_meeting", "Whole-partnership meeting considers the mid-year review",
        MidYearSubmission => "mid_year_submission", "Mid-year review submitted",
        BoardMidYearReview => "board_mid_year_review", "Board's mid-year review of the county plan",
    }
);

impl StageKind {
    pub fn actor(self) -> Actor {
        use StageKind::*;
        match self {
            BoardPriorities | CountyPlanReview | PlanApproval | AnnualReport
            | BoardMidYearReview => Actor::Board,
            Moderation => Actor::DistrictManager,
            PlanningStarts | NeedsAnalysis | PlanSubmission | Monitoring | MidYearMeeting
            | MidYearSubmission => Actor::Partnership,
        }
    }
}

/// One stage of a year's calendar: open from `opens` until it is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarStage {
    pub kind: StageKind,
    pub opens: NaiveDate,
    pub due: NaiveDate,
}

impl CalendarStage {
    pub fn new(kind: StageKind, opens: NaiveDate, due: NaiveDate) -> Result<Self, ParseError> {
        if due < opens {
            return Err(ParseError::new(format!(
                "'{}' cannot be due ({due}) before it opens ({opens})",
                kind.label()
            )));
        }
        Ok(Self { kind, opens, due })
    }

    pub fn is_open_on(&self, date: NaiveDate) -> bool {
        self.opens <= date && date <= self.due
    }
}

fn first_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}

fn last_of(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    first_of(y, m).pred_opt().unwrap_or(NaiveDate::MIN)
}

/// The business-cycle paper's calendar for a plan year: drafting from January, submission by
/// the end of April, approval and moderation in May, the annual report in July, the mid-year
/// review in October and November and the Board's review in December.
pub fn default_calendar(year: PlanYear) -> Vec<CalendarStage> {
    use StageKind::*;
    let y = year.first_year();
    let stage = |kind, open_month, due_month| CalendarStage {
        kind,
        opens: first_of(y, open_month),
        due: last_of(y, due_month),
    };
    vec![
        stage(BoardPriorities, 1, 1),
        stage(PlanningStarts, 1, 1),
        stage(NeedsAnalysis, 2, 3),
        stage(PlanSubmission, 4, 4),
        stage(CountyPlanReview, 4, 4),
        stage(PlanApproval, 5, 5),
        stage(Moderation, 5, 5),
        stage(Monitoring, 6, 6),
        stage(AnnualReport, 7, 7),
        stage(MidYearMeeting, 10, 10),
        stage(MidYearSubmission, 11, 11),
        stage(BoardMidYearReview, 12, 12),
    ]
}

/// Last year's calendar moved on a year, day for day (29 February becomes the 28th).
pub fn carried_forward(last: &[CalendarStage]) -> Vec<CalendarStage> {
    let next = |d: NaiveDate| {
        d.with_year(d.year() + 1)
            .or_else(|| NaiveDate::from_ymd_opt(d.year() + 1, d.month(), 28))
            .unwrap_or(d)
    };
    last.iter()
        .map(|s| CalendarStage {
            kind: s.kind,
            opens: next(s.opens),
            due: next(s.due),
        })
        .collect()
}

/// The calendar that applies to a year: the one set for it; else last year's, carried forward;
/// else the paper's defaults. Every stage is there: one missing from what was set comes from
/// the same fallbacks.
pub fn effective_calendar(
    year: PlanYear,
    this_year: &[CalendarStage],
    last_year: &[CalendarStage],
) -> Vec<CalendarStage> {
    let carried = carried_forward(last_year);
    let defaults = default_calendar(year);
    let mut out: Vec<CalendarStage> = StageKind::ALL
        .iter()
        .filter_map(|k| {
            this_year
                .iter()
                .chain(carried.iter())
                .chain(defaults.iter())
                .find(|s| s.kind == *k)
                .cloned()
        })
        .collect();
    out.sort_by_key(|s| (s.due, s.opens, s.kind));
    out
}

/// Where a calendar stands on a day: what is open now, and the next deadline still to come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleStatus {
    pub open: Vec<CalendarStage>,
    pub next_due: Option<CalendarStage>,
}

pub fn status_on(calendar: &[CalendarStage], date: NaiveDate) -> CycleStatus {
    let mut open: Vec<_> = calendar
        .iter()
        .filter(|s| s.is_open_on(date))
        .cloned()
        .collect();
    open.sort_by_key(|s| (s.due, s.kind));
    let next_due = calendar
        .iter()
        .filter(|s| s.due >= date)
        .min_by_key(|s| (s.due, s.kind))
        .cloned();
    CycleStatus { open, next_due }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn plan_years() {
        let y = PlanYear::parse("2026/27").unwrap();
        assert_eq!(y.first_year(), 2026);
        assert_eq!(y.to_string(), "2026/27");
        assert_eq!(PlanYear::parse("2099/2100").unwrap().to_string(), "2099/00");
        assert!(PlanYear::parse("2026")
            .unwrap_err()
            .0
            .contains("is not a plan year"));
        assert!(PlanYear::new(1850).is_err());
        assert_eq!(
            PlanYear::in_cycle_on(d(2026, 11, 23)).to_string(),
            "2026/27"
        );
        assert_eq!(PlanYear::in_cycle_on(d(2027, 1, 2)).to_string(), "2027/28");
    }

    #[test]
    fn default_calendar_follows_the_paper() {
        let cal = default_calendar(PlanYear::new(2026).unwrap());
        assert_eq!(cal.len(), StageKind::ALL.len());
        let due = |k| cal.iter().find(|s| s.kind == k).unwrap().due;
        assert_eq!(due(StageKind::BoardPriorities), d(2026, 1, 31));
        assert_eq!(due(StageKind::NeedsAnalysis), d(2026, 3, 31));
        assert_eq!(
            due(StageKind::PlanSubmission),
            d(2026, 4, 30),
            "self-assessment due end of April"
        );
        assert_eq!(due(StageKind::PlanApproval), d(2026, 5, 31));
        assert_eq!(due(StageKind::AnnualReport), d(2026, 7, 31));
        assert_eq!(due(StageKind::MidYearSubmission), d(2026, 11, 30));
        assert_eq!(due(StageKind::BoardMidYearReview), d(2026, 12, 31));
        assert!(cal.iter().all(|s| s.opens <= s.due));
        assert!(
            cal.windows(2).all(|w| w[0].due <= w[1].due),
            "stages are in date order"
        );
    }

    #[test]
    fn february_in_a_leap_year() {
        assert_eq!(last_of(2028, 2), d(2028, 2, 29));
        assert_eq!(last_of(2026, 12), d(2026, 12, 31));
    }

    #[test]
    fn status_on_a_day() {
        let cal = default_calendar(PlanYear::new(2026).unwrap());
        let st = status_on(&cal, d(2026, 11, 23));
        assert_eq!(
            st.open.iter().map(|s| s.kind).collect::<Vec<_>>(),
            vec![StageKind::MidYearSubmission]
        );
        assert_eq!(st.next_due.unwrap().kind, StageKind::MidYearSubmission);

        let st = status_on(&cal, d(2026, 8, 15));
        assert!(st.open.is_empty(), "nothing is open in August");
        assert_eq!(st.next_due.unwrap().kind, StageKind::MidYearMeeting);

        let st = status_on(&cal, d(2026, 5, 1));
        assert_eq!(
            st.open.iter().map(|s| s.kind).collect::<Vec<_>>(),
            vec![StageKind::PlanApproval, StageKind::Moderation]
        );
        assert!(status_on(&cal, d(2027, 1, 1)).next_due.is_none());
    }

    #[test]
    fn a_stage_cannot_be_due_before_it_opens() {
        assert!(CalendarStage::new(StageKind::Monitoring, d(2026, 6, 30), d(2026, 6, 1)).is_err());
        assert!(CalendarStage::new(StageKind::Monitoring, d(2026, 6, 1), d(2026, 6, 1)).is_ok());
    }

    #[test]
    fn the_calendar_that_applies() {
        let y26 = PlanYear::new(2026).unwrap();
        let y27 = PlanYear::new(2027).unwrap();
        // Nothing set: the paper's defaults.
        assert_eq!(
            effective_calendar(y27, &[], &[]).len(),
            StageKind::ALL.len()
        );
        let mut last = default_calendar(y26);
        last.iter_mut()
            .find(|s| s.kind == StageKind::PlanSubmission)
            .unwrap()
            .due = d(2026, 5, 8);
        // Last year's own dates carried forward a year, day for day.
        let cal = effective_calendar(y27, &[], &last);
        let due = |cal: &[CalendarStage], k| cal.iter().find(|s| s.kind == k).unwrap().due;
        assert_eq!(due(&cal, StageKind::PlanSubmission), d(2027, 5, 8));
        assert_eq!(due(&cal, StageKind::BoardPriorities), d(2027, 1, 31));
        // This year's own dates win; a stage it lacks comes from last year.
        let this =
            vec![
                CalendarStage::new(StageKind::PlanSubmission, d(2027, 4, 1), d(2027, 4, 20))
                    .unwrap(),
            ];
        let cal = effective_calendar(y27, &this, &last);
        assert_eq!(due(&cal, StageKind::PlanSubmission), d(2027, 4, 20));
        assert_eq!(cal.len(), StageKind::ALL.len());
        // 29 February moves to the 28th.
        let leap =
            vec![
                CalendarStage::new(StageKind::NeedsAnalysis, d(2028, 2, 1), d(2028, 2, 29))
                    .unwrap(),
            ];
        assert_eq!(carried_forward(&leap)[0].due, d(2029, 2, 28));
    }

    #[test]
    fn actors() {
        assert_eq!(StageKind::PlanApproval.actor(), Actor::Board);
        assert_eq!(StageKind::Moderation.actor(), Actor::DistrictManager);
        assert_eq!(StageKind::MidYearSubmission.actor(), Actor::Partnership);
    }
}
