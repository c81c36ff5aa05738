//! The indicator catalogue: what is measured, in what unit, and which direction is better.

use super::{text_enum::text_enum, ParseError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A short catalogue code such as `NI 112` or `PH 2.06ii`. Letters, digits, spaces, dots and
/// hyphens; at most 20 characters; stored as typed (with single spaces), and compared without
/// case: `ph 2.06II` is the same code as `PH 2.06ii`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IndicatorCode(String);

impl IndicatorCode {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let code = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if code.is_empty() {
            return Err(ParseError::new("Enter an indicator code, like NI 112"));
        }
        if code.chars().count() > 20 {
            return Err(ParseError::new(
                "An indicator code must be 20 characters or fewer",
            ));
        }
        if let Some(bad) = code
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || " .-".contains(*c)))
        {
            return Err(ParseError::new(format!(
                "An indicator code can only contain letters, numbers, spaces, dots and hyphens, not '{bad}'"
            )));
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `other` names this code, whatever its case and spacing.
    pub fn matches(&self, other: &str) -> bool {
        Self::parse(other).is_ok_and(|o| o == *self)
    }

    /// The form codes are compared in (a code holds ASCII only).
    fn key(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

impl PartialEq for IndicatorCode {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl Eq for IndicatorCode {}

impl std::hash::Hash for IndicatorCode {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state)
    }
}

impl PartialOrd for IndicatorCode {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for IndicatorCode {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl fmt::Display for IndicatorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for IndicatorCode {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<IndicatorCode> for String {
    fn from(value: IndicatorCode) -> Self {
        value.0
    }
}

text_enum!(
    /// Whether a higher value is good news.
    Polarity, "polarity" {
        HigherIsBetter => "higher_is_better", "Higher is better",
        LowerIsBetter => "lower_is_better", "Lower is better",
        NoJudgement => "no_judgement", "No judgement",
    }
);

text_enum!(
    Unit, "unit" {
        Percentage => "percentage", "Percentage",
        PercentagePoints => "percentage_points", "Percentage points",
        RatePer1000 => "rate_per_1000", "Rate per 1,000",
        RatePer10000 => "rate_per_10000", "Rate per 10,000",
        RatePer100000 => "rate_per_100000", "Rate per 100,000",
        Count => "count", "Count",
        Score => "score", "Average score",
    }
);

impl Unit {
    /// Whether `value` is a possible figure in this unit: a percentage from 0 to 100,
    /// percentage points from −100 to 100, a rate 0 or more, a count a whole number 0 or more
    /// (scores, such as Progress 8, may be negative). `Err`: why not, for people.
    pub fn check(self, value: f64) -> Result<(), &'static str> {
        let fits = match self {
            Unit::Percentage => (0.0..=100.0).contains(&value),
            Unit::PercentagePoints => (-100.0..=100.0).contains(&value),
            Unit::RatePer1000 | Unit::RatePer10000 | Unit::RatePer100000 => value >= 0.0,
            Unit::Count => value >= 0.0 && value.fract() == 0.0,
            Unit::Score => value.is_finite(),
        };
        if fits {
            return Ok(());
        }
        Err(match self {
            Unit::Percentage => "a percentage must be from 0 to 100",
            Unit::PercentagePoints => "a difference in percentage points must be from -100 to 100",
            Unit::RatePer1000 | Unit::RatePer10000 | Unit::RatePer100000 => {
                "a rate cannot be negative"
            }
            Unit::Count => "a count must be a whole number, 0 or more",
            Unit::Score => "a score must be a number",
        })
    }
}

text_enum!(
    Frequency, "frequency" {
        Annual => "annual", "Annual",
        Quarterly => "quarterly", "Quarterly",
        Monthly => "monthly", "Monthly",
    }
);

text_enum!(
    /// The smallest geography an indicator is published for.
    GeographyLevel, "geography level" {
        Ward => "ward", "Ward",
        District => "district", "District",
        County => "county", "County",
    }
);

/// An indicator as administrators see and edit it in the catalogue, with its rating rule and
/// how many figures are held for it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IndicatorEntry {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub unit: String,
    pub polarity: String,
    pub source: String,
    pub frequency: String,
    pub geography_level: String,
    pub notes: String,
    pub rag_tolerance: f64,
    pub small_number_threshold: f64,
    pub trend_threshold: f64,
    pub measurements: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_keep_their_case_and_are_compared_without_it() {
        assert_eq!(
            IndicatorCode::parse("  NI   112 ").unwrap().as_str(),
            "NI 112"
        );
        let typed = IndicatorCode::parse("PH 2.06ii").unwrap();
        assert_eq!(typed.as_str(), "PH 2.06ii", "kept as typed");
        assert_eq!(typed.to_string(), "PH 2.06ii");
        let other = IndicatorCode::parse("ph  2.06II").unwrap();
        assert_eq!(typed, other, "the same code");
        assert!(typed.matches(" ph 2.06II "));
        assert!(!typed.matches("PH 2.06i"));
        let mut set = std::collections::HashSet::new();
        set.insert(typed);
        assert!(!set.insert(other), "one code, whatever the case");
        assert!(IndicatorCode::parse("ni 112").unwrap() < IndicatorCode::parse("NI 116").unwrap());
    }

    #[test]
    fn each_unit_has_its_possible_range() {
        assert_eq!(
            Unit::Percentage.check(-5.0),
            Err("a percentage must be from 0 to 100")
        );
        assert!(Unit::Percentage.check(150.0).is_err());
        assert!(Unit::Percentage.check(0.0).is_ok() && Unit::Percentage.check(100.0).is_ok());
        assert!(Unit::PercentagePoints.check(-28.3).is_ok());
        assert!(Unit::PercentagePoints.check(-101.0).is_err());
        assert_eq!(
            Unit::RatePer1000.check(-0.1),
            Err("a rate cannot be negative")
        );
        assert!(Unit::RatePer100000.check(1250.0).is_ok());
        assert_eq!(
            Unit::Count.check(4.5),
            Err("a count must be a whole number, 0 or more")
        );
        assert!(Unit::Count.check(-1.0).is_err() && Unit::Count.check(12.0).is_ok());
        assert!(
            Unit::Score.check(-0.45).is_ok(),
            "Progress 8 can be negative"
        );
    }

    #[test]
    fn bad_codes_are_refused_with_a_reason() {
        assert!(IndicatorCode::parse("  ")
            .unwrap_err()
            .0
            .contains("Enter an indicator code"));
        assert!(IndicatorCode::parse("NI/112")
            .unwrap_err()
            .0
            .contains("not '/'"));
        assert!(IndicatorCode::parse(&"X".repeat(21))
            .unwrap_err()
            .0
            .contains("20 characters"));
    }

    #[test]
    fn units_format_values() {
        assert_eq!(Unit::Percentage.format(12.345), "12.3%");
        assert_eq!(Unit::Count.format(41.6), "42");
        assert_eq!(Unit::RatePer1000.format(27.04), "27.0 per 1,000");
    }

    #[test]
    fn polarity_parses_stored_text() {
        assert_eq!(
            "lower_is_better".parse::<Polarity>().unwrap(),
            Polarity::LowerIsBetter
        );
        assert!("down".parse::<Polarity>().is_err());
    }
}
