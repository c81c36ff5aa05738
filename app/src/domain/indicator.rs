//! The indicator catalogue: what is measured, in what unit, and which direction is better.

use super::{text_enum::text_enum, ParseError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A short catalogue code such as `NI 112`. Letters, digits, spaces, dots and hyphens; at most
/// 20 characters; stored with single spaces and upper-case letters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IndicatorCode(String);

impl IndicatorCode {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let code = input
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_uppercase();
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
    fn codes_are_normalised() {
        assert_eq!(
            IndicatorCode::parse("  ni   112 ").unwrap().as_str(),
            "NI 112"
        );
        assert_eq!(
            IndicatorCode::parse("PHOF-2.06i").unwrap().as_str(),
            "PHOF-2.06I"
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
