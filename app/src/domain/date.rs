//! Dates and numbers as people type them into forms, and dates as people read them.

use super::ParseError;
use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Reads a date written as 31/3/2027, 31-03-2027, 31 March 2027, 31 Mar 2027 or 2027-03-31.
/// A blank is `None`.
pub fn parse_date(input: &str) -> Result<Option<NaiveDate>, ParseError> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let refuse = || {
        ParseError::new(format!(
            "'{text}' is not a date: write it like 31/3/2027 or 31 March 2027"
        ))
    };
    let parts: Vec<&str> = text
        .split(|c: char| c == '/' || c == '-' || c == '.' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(refuse());
    };
    let number = |s: &str| s.parse::<u32>().map_err(|_| refuse());
    let (day, month, year) = if a.len() == 4 {
        (number(c)?, number(b)?, number(a)?)
    } else {
        let month = match b.parse::<u32>() {
            Ok(m) => m,
            Err(_) => {
                let name = b.to_lowercase();
                let found = MONTHS
                    .iter()
                    .position(|m| name.len() >= 3 && m.starts_with(name.as_str()))
                    .ok_or_else(refuse)?;
                found as u32 + 1
            }
        };
        (number(a)?, month, number(c)?)
    };
    if !(1990..=2100).contains(&year) {
        return Err(ParseError::new(format!(
            "'{text}' is not a date in a plausible year: write the year in full, like 2027"
        )));
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .map(Some)
        .ok_or_else(|| ParseError::new(format!("'{text}' is not a real date")))
}

/// "31 March 2027"
pub fn long_date(date: NaiveDate) -> String {
    let month = MONTHS[date.month0() as usize];
    let mut name = month.to_string();
    name[..1].make_ascii_uppercase();
    format!("{} {} {}", date.day(), name, date.year())
}

/// "31/3/2027", the form people type dates back in.
pub fn short_date(date: NaiveDate) -> String {
    format!("{}/{}/{}", date.day(), date.month(), date.year())
}

/// Reads a number as people type it ("24.1", "1,250", "58%"). A blank is `None`.
pub fn parse_number(input: &str, what: &str) -> Result<Option<f64>, ParseError> {
    let text: String = input
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(ParseError::new(format!(
            "The {what} must be a number, like 24.5"
        ))),
    }
}

/// A number as people read it: no trailing zeros, no exponent.
pub fn format_number(value: f64) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn dates_as_people_type_them() {
        for text in [
            "31/3/2027",
            "31/03/2027",
            "31-3-2027",
            "31 March 2027",
            "31 mar 2027",
            "2027-03-31",
            " 31.3.2027 ",
        ] {
            assert_eq!(parse_date(text), Ok(ymd(2027, 3, 31)), "{text}");
        }
        assert_eq!(parse_date("  "), Ok(None));
        assert!(parse_date("31/2/2027")
            .unwrap_err()
            .0
            .contains("not a real date"));
        assert!(parse_date("1/4/27").unwrap_err().0.contains("year in full"));
        for bad in ["soon", "31/3", "31 Ma 2027", "1/2/3/4", "31 Smarch 2027"] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_read_back() {
        let d = ymd(2027, 3, 31).unwrap();
        assert_eq!(long_date(d), "31 March 2027");
        assert_eq!(parse_date(&long_date(d)), Ok(Some(d)));
        assert_eq!(parse_date(&short_date(d)), Ok(Some(d)));
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("24.1", "target"), Ok(Some(24.1)));
        assert_eq!(parse_number("1,250", "target"), Ok(Some(1250.0)));
        assert_eq!(parse_number("58%", "target"), Ok(Some(58.0)));
        assert_eq!(parse_number("-3", "target"), Ok(Some(-3.0)));
        assert_eq!(parse_number("", "target"), Ok(None));
        assert!(parse_number("about 20", "target")
            .unwrap_err()
            .0
            .contains("target must be a number"));
        assert!(parse_number("NaN", "target").is_err());
        assert!(parse_number("inf", "target").is_err());
        assert_eq!(format_number(24.10), "24.1");
        assert_eq!(format_number(20.0), "20");
        assert_eq!(format_number(-0.0), "0");
    }
}
