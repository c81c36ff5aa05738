//! Demonstration data, generated here (no copied files): a county Trust with eleven partnerships
//! named after Hampshire's districts, partner organisations and people, the Board's five key
//! areas, a catalogue of children's indicators and ten years of plausible measurements for every
//! partnership, the county and England, the year's calendar, and local delivery plans in every
//! state of the workflow. Deterministic: the same figures every time.
//!
//! The years follow the date the demo is loaded on (`TRUSTBOARD_TODAY` or the real date): the
//! figures end with the last complete April-to-March year, "this year" is the plan year whose
//! cycle is running ([`PlanYear::in_cycle_on`]), and last year's plans are all approved.
//!
//! - [`indicators`]: the catalogue and the Board's key areas;
//! - [`figures`]: the generated measurements;
//! - [`people`]: organisations, members and the demo sign-ins;
//! - [`plans`], [`plan_content`], [`plan_texts`], [`targets`]: the plans, how they are filled
//!   in, their words, and their targets.

mod assessments;
mod events;
mod figures;
mod indicators;
mod midyear;
mod people;
mod plan_content;
mod plan_texts;
mod plans;
mod targets;

pub use figures::YEARS;
pub use people::DEMO_ACCOUNTS;

use app::db::{calendar, reference, Db, DbError, DbResult};
use app::domain::calendar::default_calendar;
use app::domain::{AreaCode, AreaKind, PlanYear};
use chrono::Datelike;
use indicators::{INDICATORS, KEY_AREAS};

pub const COUNTY: (&str, &str) = ("E10000014", "Hampshire");
pub const REGION: (&str, &str) = ("E12000008", "South East");
pub const ENGLAND: (&str, &str) = ("E92000001", "England");

/// Hampshire's districts, with a relative deprivation score (-1 least, +1 most deprived) that
/// shapes their generated figures.
pub const DISTRICTS: [(&str, &str, f64); 11] = [
    ("E07000084", "Basingstoke and Deane", 0.1),
    ("E07000085", "East Hampshire", -0.5),
    ("E07000086", "Eastleigh", -0.1),
    ("E07000087", "Fareham", -0.4),
    ("E07000088", "Gosport", 0.8),
    ("E07000089", "Hart", -0.9),
    ("E07000090", "Havant", 0.9),
    ("E07000091", "New Forest", -0.1),
    ("E07000092", "Rushmoor", 0.5),
    ("E07000093", "Test Valley", -0.3),
    ("E07000094", "Winchester", -0.6),
];

/// The password of every demo sign-in. Demo sign-ins are refused unless demo mode is on.
pub use app::api::auth::DEMO_PASSWORD;

/// What loading found or did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeedOutcome {
    Loaded {
        partnerships: usize,
        indicators: usize,
        measurements: u64,
    },
    AlreadyPresent,
}

fn code(c: &str) -> DbResult<AreaCode> {
    AreaCode::parse(c).map_err(|e| DbError::corrupt("demo", e))
}

/// Loads the demo data into an empty database. A database that already has a Trust is left
/// alone, so loading twice changes nothing.
///
/// The Trust, its areas, people, catalogue, figures, calendar and sign-ins go in one
/// transaction. The plans follow it, step by step as the app makes them (each reading the plan
/// as committed, as the Board's approval does); should one fail, the error is returned and the
/// plans made so far stay.
pub async fn load(db: &Db, today: chrono::NaiveDate) -> DbResult<SeedOutcome> {
    let mut tx = db.begin().await?;
    reference::lock_trust(&mut tx).await?;
    if reference::trust_exists(&mut tx).await? {
        return Ok(SeedOutcome::AlreadyPresent);
    }
    let county = code(COUNTY.0)?;
    let trust_id = reference::insert_trust(
        &mut tx,
        "Hampshire Children's Trust (demonstration)",
        &county,
        true,
    )
    .await?;

    // Areas: England, the region, the county and its districts.
    let england = reference::upsert_area(
        &mut tx,
        &code(ENGLAND.0)?,
        ENGLAND.1,
        AreaKind::Country,
        None,
    )
    .await?;
    let region = reference::upsert_area(
        &mut tx,
        &code(REGION.0)?,
        REGION.1,
        AreaKind::Region,
        Some(england),
    )
    .await?;
    let county_id =
        reference::upsert_area(&mut tx, &county, COUNTY.1, AreaKind::County, Some(region)).await?;
    let mut districts = Vec::with_capacity(DISTRICTS.len());
    for (c, name, _) in DISTRICTS {
        let kind = AreaKind::District;
        districts
            .push(reference::upsert_area(&mut tx, &code(c)?, name, kind, Some(county_id)).await?);
    }

    let partnerships = people::partnerships(&mut tx, trust_id, &districts).await?;

    // The catalogue and ten years of measurements, ending with the last complete split year.
    let current = if today.month() >= 4 {
        today.year()
    } else {
        today.year() - 1
    };
    let areas = figures::Areas {
        england,
        county: county_id,
        districts,
    };
    let figures = figures::insert(&mut tx, &areas, current - 1).await?;

    // Calendars for this year and next; the Board's key areas for last year too, whose plans
    // are all approved.
    let this_year = PlanYear::in_cycle_on(today);
    let year = |first: i32| PlanYear::new(first).map_err(|e| DbError::corrupt("demo", e.0));
    let last_year = year(this_year.first_year() - 1)?;
    let next_year = year(this_year.first_year() + 1)?;
    for year in [this_year, next_year] {
        calendar::save_calendar(&mut tx, trust_id, year, &default_calendar(year)).await?;
    }
    for year in [last_year, this_year, next_year] {
        for (position, (title, code)) in KEY_AREAS.iter().enumerate() {
            let indicator = figures.indicators.get(code).copied();
            let position = position as i32 + 1;
            calendar::insert_board_priority(&mut tx, trust_id, year, title, indicator, position)
                .await?;
        }
    }
    let accounts = people::accounts(&mut tx, &partnerships, &areas.districts).await?;
    tx.commit().await?;

    let cast = plans::Cast {
        partnerships: &partnerships,
        accounts: &accounts,
        figures: &figures,
    };
    let made = plans::write(db, &cast, this_year).await?;
    tracing::info!(plans = made, "demo plans made");
    let assessed = assessments::write(db, &partnerships, &accounts, this_year.first_year()).await?;
    tracing::info!(self_assessments = assessed, "demo self-assessments made");
    let reviewed =
        midyear::write(db, &partnerships, &accounts, this_year.first_year(), today).await?;
    tracing::info!(mid_year_reviews = reviewed, "demo mid-year reviews made");
    let events = events::write(db, &partnerships, &accounts, today).await?;
    tracing::info!(stakeholder_events = events, "demo stakeholder events made");
    Ok(SeedOutcome::Loaded {
        partnerships: DISTRICTS.len(),
        indicators: INDICATORS.len(),
        measurements: figures.measurements,
    })
}
