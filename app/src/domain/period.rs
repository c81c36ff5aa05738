//! Reporting periods as published data writes them: `2016`, `2016/17`, `Q1 2016/17`, `2016-04`.

use super::ParseError;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A period a measurement covers. Quarters are of the financial year (Q1 is April to June).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Period {
    /// A calendar year, `2016`.
    Year(i32),
    /// A financial or academic year spanning two calendar years, `2016/17`, by its first year.
    SplitYear(i32),
    /// A quarter of a financial year, `Q1 2016/17`.
    Quarter { year: i32, quarter: u8 },
    /// A calendar month, `2016-04`.
    Month { year: i32, month: u8 },
}

const MIN_YEAR: i32 = 1900;
const MAX_YEAR: i32 = 2200;

fn year(text: &str) -> Option<i32> {
    (text.len() == 4 && text.chars().all(|c| c.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
        .filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y))
}

/// `2016/17` or `2016/2017`: the second year must follow the first.
fn split_year(text: &str) -> Option<i32> {
    let (first, second) = text.split_once('/')?;
    let first = year(first)?;
    let follows = match second.len() {
        2 => second.parse::<i32>().ok()? == (first + 1) % 100,
        4 => year(second)? == first + 1,
        _ => false,
    };
    follows.then_some(first)
}

impl Period {
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let text = input.trim();
        let refuse = || {
            ParseError::new(format!(
                "'{text}' is not a period Trustboard understands: use a year (2016), a financial or \
                 academic year (2016/17), a quarter (Q1 2016/17) or a month (2016-04)"
            ))
        };
        if let Some(y) = year(text) {
            return Ok(Period::Year(y));
        }
        if let Some(y) = split_year(text) {
            return Ok(Period::SplitYear(y));
        }
        if let Some(rest) = text.strip_prefix(['Q', 'q']) {
            let (q, span) = rest.split_once(char::is_whitespace).ok_or_else(refuse)?;
            let quarter: u8 = q
                .parse()
                .ok()
                .filter(|q| (1..=4).contains(q))
                .ok_or_else(refuse)?;
            let year = split_year(span.trim()).ok_or_else(refuse)?;
            return Ok(Period::Quarter { year, quarter });
        }
        if let Some((y, m)) = text.split_once('-') {
            let year = year(y).ok_or_else(refuse)?;
            let month = (m.len() == 2)
                .then(|| m.parse::<u8>().ok())
                .flatten()
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(refuse)?;
            return Ok(Period::Month { year, month });
        }
        Err(refuse())
    }

    /// The first day the period covers.
    pub fn start(self) -> NaiveDate {
        let ymd = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN);
        match self {
            Period::Year(y) => ymd(y, 1),
            Period::SplitYear(y) => ymd(y, 4),
            Period::Quarter { year, quarter } => {
                // Q1 April, Q2 July, Q3 October, Q4 January of the following year.
                let month0 = 3 + 3 * (u32::from(quarter) - 1);
                ymd(year + (month0 / 12) as i32, month0 % 12 + 1)
            }
            Period::Month { year, month } => ymd(year, u32::from(month)),
        }
    }

    /// The period just before this one, of the same kind.
    pub fn previous(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y - 1),
            Period::SplitYear(y) => Period::SplitYear(y - 1),
            Period::Quarter { year, quarter: 1 } => Period::Quarter {
                year: year - 1,
                quarter: 4,
            },
            Period::Quarter { year, quarter } => Period::Quarter {
                year,
                quarter: quarter - 1,
            },
            Period::Month { year, month: 1 } => Period::Month {
                year: year - 1,
                month: 12,
            },
            Period::Month { year, month } => Period::Month {
                year,
                month: month - 1,
            },
        }
    }

    /// The split year (financial/academic) a date falls in, with years starting on 1 April.
    pub fn split_year_of(date: NaiveDate) -> Period {
        Period::SplitYear(if date.month() >= 4 {
            date.year()
        } else {
            date.year() - 1
        })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Year(y) => write!(f, "{y}"),
            Period::SplitYear(y) => write!(f, "{y}/{:02}", (y + 1) % 100),
            Period::Quarter { year, quarter } => {
                write!(f, "Q{quarter} {year}/{:02}", (year + 1) % 100)
            }
            Period::Month { year, month } => write!(f, "{year}-{month:02}"),
        }
    }
}

impl TryFrom<String> for Period {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Period> for String {
    fn from(value: Period) -> Self {
        value.to_string()
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Periods order by the day they start, then by their text so that the order is total.
impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.start(), self.to_string()).cmp(&(other.start(), other.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).unwrap()
    }

    #[test]
    fn understands_the_published_forms() {
        assert_eq!(Period::parse("2016").unwrap(), Period::Year(2016));
        assert_eq!(Period::parse(" 2016/17 ").unwrap(), Period::SplitYear(2016));
        assert_eq!(Period::parse("2016/2017").unwrap(), Period::SplitYear(2016));
        assert_eq!(Period::parse("1999/00").unwrap(), Period::SplitYear(1999));
        assert_eq!(
            Period::parse("Q1 2016/17").unwrap(),
            Period::Quarter {
                year: 2016,
                quarter: 1
            }
        );
        assert_eq!(
            Period::parse("q4 2016/17").unwrap(),
            Period::Quarter {
                year: 2016,
                quarter: 4
            }
        );
        assert_eq!(
            Period::parse("2016-04").unwrap(),
            Period::Month {
                year: 2016,
                month: 4
            }
        );
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        for bad in [
            "",
            "16",
            "2016/18",
            "2016/1",
            "Q5 2016/17",
            "Q1 2016",
            "2016-13",
            "2016-4",
            "April 2016",
            "NA",
        ] {
            let err = Period::parse(bad).unwrap_err();
            assert!(
                err.0.contains("is not a period Trustboard understands"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn displays_canonically_and_round_trips() {
        for text in ["2016", "2016/17", "1999/00", "Q3 2016/17", "2016-04"] {
            assert_eq!(Period::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(Period::parse("2016/2017").unwrap().to_string(), "2016/17");
    }

    #[test]
    fn start_dates() {
        assert_eq!(Period::Year(2016).start(), d(2016, 1));
        assert_eq!(Period::SplitYear(2016).start(), d(2016, 4));
        assert_eq!(
            Period::Quarter {
                year: 2016,
                quarter: 1
            }
            .start(),
            d(2016, 4)
        );
        assert_eq!(
            Period::Quarter {
                year: 2016,
                quarter: 3
            }
            .start(),
            d(2016, 10)
        );
        assert_eq!(
            Period::Quarter {
                year: 2016,
                quarter: 4
            }
            .start(),
            d(2017, 1)
        );
        assert_eq!(
            Period::Month {
                year: 2016,
                month: 4
            }
            .start(),
            d(2016, 4)
        );
    }

    #[test]
    fn previous_periods() {
        assert_eq!(Period::Year(2016).previous(), Period::Year(2015));
        assert_eq!(Period::SplitYear(2016).previous(), Period::SplitYear(2015));
        assert_eq!(
            Period::Quarter {
                year: 2016,
                quarter: 1
            }
            .previous(),
            Period::Quarter {
                year: 2015,
                quarter: 4
            }
        );
        assert_eq!(
            Period::Month {
                year: 2016,
                month: 1
            }
            .previous(),
            Period::Month {
                year: 2015,
                month: 12
            }
        );
        let mut periods = vec![
            Period::SplitYear(2016),
            Period::Year(2016),
            Period::Month {
                year: 2015,
                month: 12,
            },
        ];
        periods.sort();
        assert_eq!(
            periods,
            vec![
                Period::Month {
                    year: 2015,
                    month: 12
                },
                Period::Year(2016),
                Period::SplitYear(2016)
            ]
        );
    }

    #[test]
    fn split_year_of_a_date() {
        assert_eq!(
            Period::split_year_of(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()),
            Period::SplitYear(2025)
        );
        assert_eq!(
            Period::split_year_of(NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()),
            Period::SplitYear(2026)
        );
    }
}
