//! Demonstration data, generated here (no copied files): a county Trust with eleven partnerships
//! named after Hampshire's districts, partner organisations and people, the Board's five key
//! areas, a catalogue of children's indicators and ten years of plausible measurements for every
//! partnership, the county and England, and the year's calendar. Deterministic: the same
//! figures every time.

use app::db::audit::Actor;
use app::db::{accounts, calendar, catalogue, reference, Db, DbResult};
use app::domain::auth::{Role, RoleScope};
use app::domain::calendar::default_calendar;
use app::domain::partnership::slugify;
use app::domain::{
    AreaCode, AreaKind, Frequency, GeographyLevel, IndicatorCode, MemberRole, OrganisationType,
    Period, PlanYear, Polarity, Unit,
};
use std::collections::HashMap;

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

/// The demo sign-ins: email, name, role, district, partnership (by district name).
pub const DEMO_ACCOUNTS: &[(&str, &str, Role, Option<&str>, Option<&str>)] = &[
    (
        "admin@trustboard.example",
        "Morgan Ellis",
        Role::Administrator,
        None,
        None,
    ),
    (
        "board@trustboard.example",
        "Councillor Pat Hewitt",
        Role::BoardMember,
        None,
        None,
    ),
    (
        "district.manager@trustboard.example",
        "Jo Marsh",
        Role::DistrictManager,
        Some("Gosport"),
        None,
    ),
    (
        "chair.gosport@trustboard.example",
        "Ruth Adeyemi",
        Role::PartnershipChair,
        None,
        Some("Gosport"),
    ),
    (
        "member.havant@trustboard.example",
        "Tom Barker",
        Role::PartnershipMember,
        None,
        Some("Havant"),
    ),
    (
        "viewer@trustboard.example",
        "Lee Carter",
        Role::Viewer,
        None,
        None,
    ),
];

/// How many years of measurements are generated, ending with the last complete year.
pub const YEARS: i32 = 10;

/// The catalogue: code, title, unit, polarity, England's value in the first year, the yearly
/// change, and how far deprivation moves a district (as a fraction of the value).
struct Spec {
    code: &'static str,
    title: &'static str,
    unit: Unit,
    polarity: Polarity,
    start: f64,
    trend: f64,
    spread: f64,
    source: &'static str,
}

const fn spec(
    code: &'static str,
    title: &'static str,
    unit: Unit,
    polarity: Polarity,
    start: f64,
    trend: f64,
    spread: f64,
    source: &'static str,
) -> Spec {
    Spec {
        code,
        title,
        unit,
        polarity,
        start,
        trend,
        spread,
        source,
    }
}

use Polarity::{HigherIsBetter as Up, LowerIsBetter as Down};
use Unit::{Percentage as Pct, PercentagePoints as Pts};

const DFE: &str = "Department for Education";
const DHSC: &str = "Office for Health Improvement and Disparities";
const HMRC: &str = "HM Revenue and Customs / DWP";
const ONS: &str = "Office for National Statistics";
const YJB: &str = "Youth Justice Board";

const INDICATORS: [Spec; 36] = [
    spec(
        "NI 112",
        "Under-18 conception rate per 1,000 females aged 15–17",
        Unit::RatePer1000,
        Down,
        29.0,
        -1.6,
        0.35,
        ONS,
    ),
    spec(
        "NI 117",
        "16–18 year olds not in education, employment or training (NEET)",
        Pct,
        Down,
        6.4,
        -0.18,
        0.30,
        DFE,
    ),
    spec(
        "NI 148",
        "Care leavers in education, employment or training",
        Pct,
        Up,
        58.0,
        0.6,
        0.10,
        DFE,
    ),
    spec(
        "NI 102",
        "Attainment gap at age 16 for pupils eligible for free school meals",
        Pts,
        Down,
        28.0,
        -0.25,
        0.12,
        DFE,
    ),
    spec(
        "NI 116",
        "Children in low-income families",
        Pct,
        Down,
        19.5,
        0.15,
        0.40,
        HMRC,
    ),
    spec(
        "NI 50",
        "Emotional health of children (pupils with good relationships)",
        Pct,
        Up,
        63.0,
        0.2,
        0.05,
        DHSC,
    ),
    spec(
        "NI 51",
        "Effectiveness of child and adolescent mental health services (self-assessment score)",
        Unit::Score,
        Up,
        13.0,
        0.15,
        0.05,
        DHSC,
    ),
    spec(
        "NI 52",
        "Take-up of school lunches",
        Pct,
        Up,
        46.0,
        0.5,
        0.06,
        DFE,
    ),
    spec(
        "NI 53",
        "Infants breastfed at 6–8 weeks",
        Pct,
        Up,
        45.0,
        0.4,
        0.12,
        DHSC,
    ),
    spec(
        "NI 55",
        "Reception-year children with obesity",
        Pct,
        Down,
        9.4,
        0.05,
        0.20,
        DHSC,
    ),
    spec(
        "NI 56",
        "Year 6 children with obesity",
        Pct,
        Down,
        19.0,
        0.15,
        0.18,
        DHSC,
    ),
    spec(
        "NI 57",
        "Children taking part in high-quality PE and sport",
        Pct,
        Up,
        86.0,
        0.3,
        0.03,
        DFE,
    ),
    spec(
        "NI 58",
        "Emotional and behavioural health of looked-after children (average SDQ score)",
        Unit::Score,
        Down,
        14.1,
        -0.05,
        0.05,
        DFE,
    ),
    spec(
        "NI 59",
        "Initial assessments completed within 7 working days",
        Pct,
        Up,
        72.0,
        0.6,
        0.08,
        DFE,
    ),
    spec(
        "NI 60",
        "Core assessments completed within 35 working days",
        Pct,
        Up,
        76.0,
        0.5,
        0.07,
        DFE,
    ),
    spec(
        "NI 62",
        "Looked-after children with three or more placements in the year",
        Pct,
        Down,
        10.6,
        -0.1,
        0.15,
        DFE,
    ),
    spec(
        "NI 63",
        "Looked-after children in the same placement for two years or more",
        Pct,
        Up,
        68.0,
        0.3,
        0.06,
        DFE,
    ),
    spec(
        "NI 64",
        "Child protection plans lasting two years or more",
        Pct,
        Down,
        4.3,
        -0.05,
        0.25,
        DFE,
    ),
    spec(
        "NI 65",
        "Children subject to a child protection plan for a second or later time",
        Pct,
        Down,
        17.5,
        0.1,
        0.15,
        DFE,
    ),
    spec(
        "NI 69",
        "Children who have experienced bullying",
        Pct,
        Down,
        25.0,
        -0.4,
        0.08,
        DFE,
    ),
    spec(
        "NI 70",
        "Hospital admissions for injuries to children aged 0–14 per 10,000",
        Unit::RatePer10000,
        Down,
        123.0,
        -3.0,
        0.20,
        DHSC,
    ),
    spec(
        "NI 72",
        "Children achieving a good level of development at age 5",
        Pct,
        Up,
        60.0,
        1.3,
        0.06,
        DFE,
    ),
    spec(
        "NI 73",
        "Pupils reaching the expected standard in reading, writing and maths at age 11",
        Pct,
        Up,
        58.0,
        0.8,
        0.08,
        DFE,
    ),
    spec(
        "NI 75",
        "Pupils achieving grade 4 or above in English and maths at GCSE",
        Pct,
        Up,
        59.0,
        0.6,
        0.08,
        DFE,
    ),
    spec(
        "NI 79",
        "Young people qualified to level 2 by age 19",
        Pct,
        Up,
        82.0,
        0.3,
        0.04,
        DFE,
    ),
    spec(
        "NI 80",
        "Young people qualified to level 3 by age 19",
        Pct,
        Up,
        56.0,
        0.4,
        0.10,
        DFE,
    ),
    spec(
        "NI 87",
        "Secondary pupils persistently absent",
        Pct,
        Down,
        13.0,
        0.4,
        0.18,
        DFE,
    ),
    spec(
        "NI 92",
        "Gap between the lowest-achieving 20% at age 5 and the rest",
        Pct,
        Down,
        32.0,
        -0.3,
        0.08,
        DFE,
    ),
    spec(
        "NI 99",
        "Looked-after children reaching the expected standard in reading at age 11",
        Pct,
        Up,
        44.0,
        0.7,
        0.12,
        DFE,
    ),
    spec(
        "NI 101",
        "Looked-after children achieving grade 4 or above in English and maths at GCSE",
        Pct,
        Up,
        16.0,
        0.4,
        0.20,
        DFE,
    ),
    spec(
        "NI 103",
        "Education, health and care plans issued within 20 weeks",
        Pct,
        Up,
        60.0,
        -0.8,
        0.15,
        DFE,
    ),
    spec(
        "NI 105",
        "Gap in GCSE English and maths between pupils with and without SEN",
        Pts,
        Down,
        41.0,
        -0.2,
        0.06,
        DFE,
    ),
    spec(
        "NI 110",
        "Young people taking part in positive activities",
        Pct,
        Up,
        65.0,
        0.2,
        0.06,
        DFE,
    ),
    spec(
        "NI 111",
        "First-time entrants to the youth justice system per 100,000 aged 10–17",
        Unit::RatePer100000,
        Down,
        420.0,
        -18.0,
        0.30,
        YJB,
    ),
    spec(
        "NI 114",
        "Permanent exclusions from school per 100 pupils",
        Unit::Score,
        Down,
        0.08,
        0.002,
        0.25,
        DFE,
    ),
    spec(
        "NI 118",
        "Take-up of formal childcare by low-income working families",
        Pct,
        Up,
        18.0,
        0.2,
        0.12,
        HMRC,
    ),
];

/// The Board's key areas for every plan, from the business-cycle paper.
const KEY_AREAS: [(&str, &str); 5] = [
    ("Reducing teenage conceptions", "NI 112"),
    (
        "Reducing the number of young people not in education, employment or training",
        "NI 117",
    ),
    (
        "Increasing the number of care leavers in education, employment or training",
        "NI 148",
    ),
    (
        "Narrowing the attainment gap for pupils eligible for free school meals",
        "NI 102",
    ),
    ("Reducing the impact of child poverty", "NI 116"),
];

const FIRST_NAMES: [&str; 24] = [
    "Amara", "Ben", "Chloe", "Dev", "Eleanor", "Farid", "Grace", "Harry", "Isla", "Jamal", "Kate",
    "Liam", "Maya", "Niall", "Olivia", "Priya", "Quentin", "Rosa", "Sam", "Tariq", "Uma", "Victor",
    "Wendy", "Yusuf",
];
const LAST_NAMES: [&str; 24] = [
    "Ahmed", "Baker", "Carter", "Dawson", "Evans", "Fletcher", "Gill", "Hughes", "Iqbal", "Jones",
    "Kaur", "Lewis", "Mensah", "Novak", "Owen", "Patel", "Quinn", "Reid", "Singh", "Turner",
    "Usman", "Vaughan", "Walsh", "Young",
];

/// A small, fast, deterministic generator (SplitMix64): the demo needs repeatable figures, not
/// cryptographic randomness.
struct SplitMix(u64);

impl SplitMix {
    fn seeded(text: &str) -> Self {
        // FNV-1a of the seed text.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        SplitMix(h)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [-1, 1).
    fn signed_unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
}

/// The value of an indicator for an area (by deprivation score) in year `t` (0-based).
fn value_for(spec: &Spec, deprivation: f64, t: i32, noise: &mut SplitMix) -> f64 {
    let national = spec.start + spec.trend * f64::from(t);
    // Deprivation pushes a value in the worse direction.
    let worse = match spec.polarity {
        Polarity::LowerIsBetter => 1.0,
        Polarity::HigherIsBetter => -1.0,
        Polarity::NoJudgement => 0.0,
    };
    let v = national * (1.0 + worse * deprivation * spec.spread)
        + national.abs() * 0.025 * noise.signed_unit();
    let v = v.max(0.0);
    let v = if matches!(spec.unit, Unit::Percentage) {
        v.min(100.0)
    } else {
        v
    };
    (v * 100.0).round() / 100.0
}

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

/// Loads the demo data into an empty database, in one transaction. A database that already
/// has a Trust is left alone, so loading twice changes nothing.
pub async fn load(db: &Db, today: chrono::NaiveDate) -> DbResult<SeedOutcome> {
    let mut tx = db.begin().await?;
    reference::lock_trust(&mut tx).await?;
    if reference::trust_exists(&mut tx).await? {
        return Ok(SeedOutcome::AlreadyPresent);
    }
    let county = AreaCode::parse(COUNTY.0).map_err(|e| app::db::DbError::corrupt("demo", e))?;
    let trust_id = reference::insert_trust(
        &mut tx,
        "Hampshire Children's Trust (demonstration)",
        &county,
        true,
    )
    .await?;

    // Areas: England, the region, the county and its districts.
    let code = |c: &str| AreaCode::parse(c).map_err(|e| app::db::DbError::corrupt("demo", e));
    let england_id = reference::upsert_area(
        &mut tx,
        &code(ENGLAND.0)?,
        ENGLAND.1,
        AreaKind::Country,
        None,
    )
    .await?;
    let region_id = reference::upsert_area(
        &mut tx,
        &code(REGION.0)?,
        REGION.1,
        AreaKind::Region,
        Some(england_id),
    )
    .await?;
    let county_id = reference::upsert_area(
        &mut tx,
        &county,
        COUNTY.1,
        AreaKind::County,
        Some(region_id),
    )
    .await?;
    let mut district_ids = Vec::with_capacity(DISTRICTS.len());
    for (c, name, _) in DISTRICTS {
        district_ids.push(
            reference::upsert_area(
                &mut tx,
                &code(c)?,
                name,
                AreaKind::District,
                Some(county_id),
            )
            .await?,
        );
    }

    // County-wide partners, who sit on every partnership.
    let mut county_orgs = Vec::new();
    for (name, kind) in [
        (
            "Hampshire County Council Children's Services",
            OrganisationType::CountyCouncil,
        ),
        ("Hampshire Constabulary", OrganisationType::Police),
        ("NHS Hampshire and Isle of Wight", OrganisationType::Health),
        (
            "Jobcentre Plus (Hampshire)",
            OrganisationType::JobcentrePlus,
        ),
        (
            "Hampshire Youth Offending Team",
            OrganisationType::Probation,
        ),
    ] {
        county_orgs.push(reference::insert_organisation(&mut tx, trust_id, name, kind).await?);
    }

    let mut partnership_ids: HashMap<&str, i64> = HashMap::new();
    let mut names = SplitMix::seeded("people");
    let mut person_n = 0usize;
    for (i, ((_, district, _), area_id)) in DISTRICTS.iter().zip(&district_ids).enumerate() {
        let partnership_id = reference::insert_partnership(
            &mut tx,
            trust_id,
            &format!("{district} Children's Partnership"),
            &slugify(district),
        )
        .await?;
        reference::add_partnership_area(&mut tx, partnership_id, *area_id).await?;
        partnership_ids.insert(district, partnership_id);

        let mut orgs = county_orgs.clone();
        for (suffix, kind) in [
            ("District Council", OrganisationType::DistrictCouncil),
            ("primary schools' cluster", OrganisationType::School),
            ("secondary heads' group", OrganisationType::School),
            ("College", OrganisationType::College),
            ("early years network", OrganisationType::EarlyYears),
            ("Voluntary Action", OrganisationType::VoluntarySector),
        ] {
            orgs.push(
                reference::insert_organisation(
                    &mut tx,
                    trust_id,
                    &format!("{district} {suffix}"),
                    kind,
                )
                .await?,
            );
        }
        for org in &orgs {
            reference::add_partnership_organisation(&mut tx, partnership_id, *org).await?;
        }

        // A chair, a vice-chair, two sub-group leads and members: 8 people a partnership.
        let roles = [
            MemberRole::Chair,
            MemberRole::ViceChair,
            MemberRole::SubGroupLead,
            MemberRole::SubGroupLead,
            MemberRole::TopicLead,
            MemberRole::Member,
            MemberRole::Member,
            MemberRole::Member,
        ];
        for (j, role) in roles.into_iter().enumerate() {
            let first = FIRST_NAMES[(names.next_u64() % FIRST_NAMES.len() as u64) as usize];
            let last = LAST_NAMES[(names.next_u64() % LAST_NAMES.len() as u64) as usize];
            person_n += 1;
            let email = format!(
                "{}.{}{}@example.org",
                first.to_lowercase(),
                last.to_lowercase(),
                person_n
            );
            let org = orgs[(i + j) % orgs.len()];
            let person_id = reference::insert_person(
                &mut tx,
                &reference::NewPerson {
                    full_name: &format!("{first} {last}"),
                    email: &email,
                    job_title: Some(role.label()),
                    organisation_id: Some(org),
                },
            )
            .await?;
            reference::add_member(&mut tx, partnership_id, person_id, role).await?;
        }
    }

    // The catalogue and ten years of measurements, ending with the last complete split year.
    let current = if today.month() >= 4 {
        today.year()
    } else {
        today.year() - 1
    };
    let last_year = current - 1;
    let first_year = last_year - (YEARS - 1);
    let mut indicator_ids: HashMap<&str, i64> = HashMap::new();
    let mut rows = Vec::new();
    for spec in &INDICATORS {
        let id = catalogue::insert_indicator(
            &mut tx,
            &catalogue::NewIndicator {
                code: IndicatorCode::parse(spec.code)
                    .map_err(|e| app::db::DbError::corrupt("demo", e))?,
                title: spec.title.into(),
                unit: spec.unit,
                polarity: spec.polarity,
                source: spec.source.into(),
                frequency: Frequency::Annual,
                geography_level: GeographyLevel::District,
                notes: "Demonstration series generated by Trustboard.".into(),
            },
        )
        .await?;
        indicator_ids.insert(spec.code, id);
        let mut noise = SplitMix::seeded(spec.code);
        for t in 0..YEARS {
            let period = Period::SplitYear(first_year + t);
            let mut district_sum = 0.0;
            for ((_, _, deprivation), area_id) in DISTRICTS.iter().zip(&district_ids) {
                let v = value_for(spec, *deprivation, t, &mut noise);
                district_sum += v;
                rows.push(measurement(id, *area_id, period, v, DISTRICT_MARGIN));
            }
            let county_value = (district_sum / DISTRICTS.len() as f64 * 100.0).round() / 100.0;
            rows.push(measurement(
                id,
                county_id,
                period,
                county_value,
                COUNTY_MARGIN,
            ));
            rows.push(measurement(
                id,
                england_id,
                period,
                value_for(spec, 0.0, t, &mut noise),
                ENGLAND_MARGIN,
            ));
        }
    }
    let measurements = catalogue::upsert_measurements(&mut tx, &rows).await?;

    // This year's and next year's calendars and key priorities.
    let this_year = PlanYear::in_cycle_on(today);
    for year in [
        this_year,
        PlanYear::new(this_year.first_year() + 1).unwrap_or(this_year),
    ] {
        calendar::save_calendar(&mut tx, trust_id, year, &default_calendar(year)).await?;
        for (position, (title, code)) in KEY_AREAS.iter().enumerate() {
            calendar::insert_board_priority(
                &mut tx,
                trust_id,
                year,
                title,
                indicator_ids.get(code).copied(),
                position as i32 + 1,
            )
            .await?;
        }
    }
    // Demo sign-ins, one for each role (accepted only in demo mode).
    let hash = app::auth::hash_password(DEMO_PASSWORD.to_string())
        .await
        .map_err(|e| app::db::DbError::corrupt("demo", e))?;
    let actor = Actor::system("Trustboard demo data");
    let district_id = |name: &str| {
        DISTRICTS
            .iter()
            .position(|d| d.1 == name)
            .map(|i| district_ids[i])
    };
    for (email, display_name, role, district, partnership) in DEMO_ACCOUNTS {
        let scope = RoleScope {
            partnership_id: partnership.and_then(|p| partnership_ids.get(p).copied()),
            district_area_id: district.and_then(district_id),
        };
        let label = match (partnership, district) {
            (Some(p), _) => format!("{p} Children's Partnership"),
            (None, Some(d)) => format!("{d} (district)"),
            _ => "Whole Trust".to_string(),
        };
        let new = accounts::NewUser {
            email,
            display_name,
            password_hash: &hash,
            is_demo: true,
        };
        let id = accounts::add_user(&mut tx, &actor, &new, *role, scope, &label).await?;
        if *role == Role::DistrictManager {
            // The demo district manager looks after two districts.
            let fareham = district_id("Fareham");
            accounts::grant_role(&mut tx, id, Role::DistrictManager, None, fareham).await?;
        }
    }

    tx.commit().await?;
    Ok(SeedOutcome::Loaded {
        partnerships: DISTRICTS.len(),
        indicators: INDICATORS.len(),
        measurements,
    })
}

/// Half-widths of the demo's 95% confidence intervals, as a share of the value: a district's
/// figure rests on far fewer cases than the county's or England's.
const DISTRICT_MARGIN: f64 = 0.08;
const COUNTY_MARGIN: f64 = 0.03;
const ENGLAND_MARGIN: f64 = 0.005;

fn measurement(
    indicator_id: i64,
    area_id: i64,
    period: Period,
    value: f64,
    margin: f64,
) -> catalogue::NewMeasurement {
    let half = (value.abs() * margin).max(0.05);
    let round = |x: f64| (x * 100.0).round() / 100.0;
    catalogue::NewMeasurement {
        indicator_id,
        area_id,
        period,
        value: Some(value),
        numerator: None,
        denominator: None,
        ci: Some((round(value - half), round(value + half))),
    }
}

use chrono::Datelike;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generator_is_deterministic_and_bounded() {
        let mut a = SplitMix::seeded("NI 112");
        let mut b = SplitMix::seeded("NI 112");
        for _ in 0..1000 {
            let x = a.signed_unit();
            assert_eq!(x, b.signed_unit());
            assert!((-1.0..1.0).contains(&x));
        }
    }

    #[test]
    fn deprived_areas_fare_worse_whatever_the_polarity() {
        for spec in &INDICATORS {
            let mut n = SplitMix::seeded("x");
            let good = value_for(spec, -0.9, 5, &mut n);
            let bad = value_for(spec, 0.9, 5, &mut n);
            match spec.polarity {
                Polarity::LowerIsBetter => assert!(bad > good, "{}: {bad} vs {good}", spec.code),
                Polarity::HigherIsBetter => assert!(bad < good, "{}: {bad} vs {good}", spec.code),
                Polarity::NoJudgement => {}
            }
            assert!(good >= 0.0 && bad >= 0.0);
        }
    }

    #[test]
    fn catalogue_has_the_key_areas_and_enough_indicators() {
        assert!(INDICATORS.len() >= 30);
        for (_, code) in KEY_AREAS {
            assert!(INDICATORS.iter().any(|s| s.code == code), "{code}");
        }
        let mut codes: Vec<_> = INDICATORS.iter().map(|s| s.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), INDICATORS.len(), "codes are unique");
        for (code, _, _) in DISTRICTS {
            assert_eq!(
                AreaCode::parse(code).unwrap().kind(),
                Some(AreaKind::District)
            );
        }
    }
}
