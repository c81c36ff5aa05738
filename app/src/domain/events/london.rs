//! UK time, for the opening and closing times people type and read. The Trust is in England:
//! GMT in winter, BST (one hour ahead) from 01:00 UTC on the last Sunday of March to 01:00 UTC
//! on the last Sunday of October (the rule since 1996).

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, Utc};

fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }?;
    let last = next.pred_opt()?;
    let back = last.weekday().num_days_from_sunday();
    Some(last - TimeDelta::days(i64::from(back)))
}

/// The start and end of summer time in `year`, in UTC.
fn summer(year: i32) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let at_one = |d: NaiveDate| d.and_hms_opt(1, 0, 0).map(|t| t.and_utc());
    Some((
        at_one(last_sunday(year, 3)?)?,
        at_one(last_sunday(year, 10)?)?,
    ))
}

fn offset_at(utc: DateTime<Utc>) -> TimeDelta {
    match summer(utc.year()) {
        Some((start, end)) if utc >= start && utc < end => TimeDelta::hours(1),
        _ => TimeDelta::zero(),
    }
}

/// The UK clock time at a moment.
pub fn utc_to_london(utc: DateTime<Utc>) -> NaiveDateTime {
    (utc + offset_at(utc)).naive_utc()
}

/// The moment a UK clock time names. In the hour the clocks go forward (which no UK clock
/// shows) the time is read as GMT; in the hour that happens twice, as the first (BST).
pub fn london_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    let as_bst = local.and_utc() - TimeDelta::hours(1);
    if offset_at(as_bst) == TimeDelta::hours(1) {
        as_bst
    } else {
        local.and_utc()
    }
}
