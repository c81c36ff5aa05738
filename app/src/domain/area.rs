//! Areas are identified by ONS (GSS) codes such as `E07000084` (Basingstoke and Deane).

use super::{text_enum::text_enum, ParseError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A nine-character ONS statistical geography code: a country letter, a two-digit entity code and
/// a six-digit instance number. Stored upper-case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AreaCode(String);

impl AreaCode {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let code = input.trim().to_ascii_uppercase();
        let mut chars = code.chars();
        let valid = code.len() == 9
            && matches!(chars.next(), Some('E' | 'W' | 'S' | 'N' | 'K'))
            && chars.all(|c| c.is_ascii_digit());
        if valid {
            Ok(Self(code))
        } else {
            Err(ParseError::new(format!(
                "'{}' is not an ONS area code: expected a letter and eight digits, like E07000084",
                input.trim()
            )))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The kind of area, read from the entity part of the code where it tells.
    pub fn kind(&self) -> Option<AreaKind> {
        match &self.0[..3] {
            "E92" | "W92" | "S92" | "N92" | "K02" | "K03" | "K04" => Some(AreaKind::Country),
            "E12" => Some(AreaKind::Region),
            "E10" | "E11" => Some(AreaKind::County),
            "E06" | "E07" | "E08" | "E09" | "W06" | "S12" | "N09" => Some(AreaKind::District),
            "E05" | "W05" | "S13" | "N08" => Some(AreaKind::Ward),
            _ => None,
        }
    }
}

impl fmt::Display for AreaCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for AreaCode {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<AreaCode> for String {
    fn from(value: AreaCode) -> Self {
        value.0
    }
}

text_enum!(
    /// Where an area sits in the geography. Partnerships cover districts or wards; the county,
    /// region and country are comparators.
    AreaKind, "area kind" {
        Country => "country", "Country",
        Region => "region", "Region",
        County => "county", "County",
        District => "district", "District",
        Ward => "ward", "Ward",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ons_codes_in_any_case_and_with_spaces() {
        let code = AreaCode::parse(" e07000084 ").unwrap();
        assert_eq!(code.as_str(), "E07000084");
        assert_eq!(code.kind(), Some(AreaKind::District));
        assert_eq!(
            AreaCode::parse("E92000001").unwrap().kind(),
            Some(AreaKind::Country)
        );
        assert_eq!(
            AreaCode::parse("E10000014").unwrap().kind(),
            Some(AreaKind::County)
        );
        assert_eq!(
            AreaCode::parse("E12000008").unwrap().kind(),
            Some(AreaKind::Region)
        );
        assert_eq!(
            AreaCode::parse("E05004770").unwrap().kind(),
            Some(AreaKind::Ward)
        );
        assert_eq!(AreaCode::parse("E47000001").unwrap().kind(), None);
    }

    #[test]
    fn rejects_what_is_not_a_code() {
        for bad in [
            "",
            "E0700008",
            "E070000845",
            "X07000084",
            "E07O00084",
            "Hampshire",
        ] {
            let err = AreaCode::parse(bad).unwrap_err();
            assert!(err.0.contains("is not an ONS area code"), "{bad}: {err}");
        }
    }

    #[test]
    fn deserialising_checks_the_code() {
        assert!(serde_json::from_str::<AreaCode>("\"E07000090\"").is_ok());
        assert!(serde_json::from_str::<AreaCode>("\"nonsense\"").is_err());
    }
}
