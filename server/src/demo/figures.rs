//! The catalogue and its generated figures: ten years of plausible values for every district,
//! the county and England, shaped by each district's deprivation. Deterministic: the same
//! figures every time, whatever the date (only the years they are labelled with move).

use super::indicators::{Spec, INDICATORS};
use super::DISTRICTS;
use app::db::{catalogue, DbError, DbResult, Tx};
use app::domain::{Frequency, GeographyLevel, IndicatorCode, Period, Polarity, Unit};
use std::collections::HashMap;

/// How many years of measurements are generated, ending with the last complete year.
pub const YEARS: i32 = 10;

/// Half-widths of the demo's 95% confidence intervals, as a share of the value: a district's
/// figure rests on far fewer cases than the county's or England's.
const DISTRICT_MARGIN: f64 = 0.08;
const COUNTY_MARGIN: f64 = 0.03;
const ENGLAND_MARGIN: f64 = 0.005;

/// A small, fast, deterministic generator (SplitMix64): the demo needs repeatable figures, not
/// cryptographic randomness.
pub(super) struct SplitMix(u64);

impl SplitMix {
    pub fn seeded(text: &str) -> Self {
        // FNV-1a of the seed text.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        SplitMix(h)
    }

    pub fn next_u64(&mut self) -> u64 {
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
        significance: None,
    }
}

/// The areas the figures are generated for.
pub(super) struct Areas {
    pub england: i64,
    pub county: i64,
    /// In the order of [`DISTRICTS`].
    pub districts: Vec<i64>,
}

/// What was generated, for the plans to take their baselines and targets from.
pub(super) struct Figures {
    /// Indicator ids by code.
    pub indicators: HashMap<&'static str, i64>,
    /// The first calendar year of the latest (complete) split year with figures.
    pub latest_year: i32,
    /// Values by indicator code, area id and split year.
    values: HashMap<(&'static str, i64, i32), f64>,
    pub measurements: u64,
}

impl Figures {
    pub fn value(&self, code: &str, area_id: i64, year: i32) -> Option<f64> {
        INDICATORS
            .iter()
            .find(|s| s.code == code)
            .and_then(|s| self.values.get(&(s.code, area_id, year)))
            .copied()
    }

    pub fn polarity(code: &str) -> Polarity {
        INDICATORS
            .iter()
            .find(|s| s.code == code)
            .map(|s| s.polarity)
            .unwrap_or(Polarity::NoJudgement)
    }
}

/// The catalogue and ten years of measurements, ending with the last complete split year
/// (`last_year`).
pub(super) async fn insert(tx: &mut Tx, areas: &Areas, last_year: i32) -> DbResult<Figures> {
    let first_year = last_year - (YEARS - 1);
    let mut indicators = HashMap::new();
    let mut values = HashMap::new();
    let mut rows = Vec::new();
    for spec in &INDICATORS {
        let id = catalogue::insert_indicator(
            tx,
            &catalogue::NewIndicator {
                code: IndicatorCode::parse(spec.code).map_err(|e| DbError::corrupt("demo", e))?,
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
        indicators.insert(spec.code, id);
        let mut noise = SplitMix::seeded(spec.code);
        for t in 0..YEARS {
            let year = first_year + t;
            let period = Period::SplitYear(year);
            let mut district_sum = 0.0;
            for ((_, _, deprivation), area_id) in DISTRICTS.iter().zip(&areas.districts) {
                let v = value_for(spec, *deprivation, t, &mut noise);
                district_sum += v;
                values.insert((spec.code, *area_id, year), v);
                rows.push(measurement(id, *area_id, period, v, DISTRICT_MARGIN));
            }
            let county_value = (district_sum / DISTRICTS.len() as f64 * 100.0).round() / 100.0;
            rows.push(measurement(
                id,
                areas.county,
                period,
                county_value,
                COUNTY_MARGIN,
            ));
            let england = value_for(spec, 0.0, t, &mut noise);
            values.insert((spec.code, areas.england, year), england);
            rows.push(measurement(
                id,
                areas.england,
                period,
                england,
                ENGLAND_MARGIN,
            ));
        }
    }
    let measurements = catalogue::upsert_measurements(tx, &rows).await?;
    Ok(Figures {
        indicators,
        latest_year: last_year,
        values,
        measurements,
    })
}

#[cfg(test)]
mod tests {
    use super::super::indicators::KEY_AREAS;
    use super::*;
    use app::domain::{AreaCode, AreaKind};

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
