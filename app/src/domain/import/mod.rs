//! Reading tidy CSV files of published indicator data (towards the data capability): the file is
//! split into records (RFC 4180: quoted fields, doubled quotes, CRLF or LF), the columns are
//! recognised by their headings, and each row is parsed into an area code, a period and a value,
//! or refused with its line number and the reason: a figure the indicator's unit cannot hold, a
//! row without its value, the same area and period twice. Suppressed or missing values are kept
//! as missing, never zero. [`Tally`] says what the rows are for before anything is written.

use super::{AreaCode, ParseError, Period, Unit};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

mod tally;
pub use tally::{Outcome, Place, Tally};

/// Splits CSV text into records of fields.
pub fn records(text: &str) -> Result<Vec<Vec<String>>, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut line = 1;
    // Where the open quoted field began.
    let mut opened = 1;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c)
            }
            (false, '"') if field.is_empty() => {
                quoted = true;
                opened = line;
            }
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                out.push(std::mem::take(&mut record));
                line += 1;
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(ParseError::new(format!(
            "Line {opened}: a quoted field opened on this line is never closed (a \" is missing)"
        )));
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        out.push(record);
    }
    Ok(out)
}

/// Which column holds what, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMap {
    pub area_code: usize,
    pub area_name: Option<usize>,
    pub period: usize,
    pub value: usize,
    pub count: Option<usize>,
    pub denominator: Option<usize>,
    pub ci_lower: Option<usize>,
    pub ci_upper: Option<usize>,
    pub indicator: Option<usize>,
    /// How the source compared the figure (e.g. "Better", "Similar", "Worse", "Not compared").
    #[serde(default)]
    pub significance: Option<usize>,
}

impl ColumnMap {
    /// Which heading each field is read from, for people (and the audit trail): field →
    /// "heading (column n)", fields not read left out.
    pub fn describe(&self, header: &[String]) -> serde_json::Map<String, serde_json::Value> {
        let fields = [
            ("area_code", Some(self.area_code)),
            ("area_name", self.area_name),
            ("period", Some(self.period)),
            ("value", Some(self.value)),
            ("count", self.count),
            ("denominator", self.denominator),
            ("ci_lower", self.ci_lower),
            ("ci_upper", self.ci_upper),
            ("indicator", self.indicator),
            ("significance", self.significance),
        ];
        fields
            .into_iter()
            .filter_map(|(field, column)| {
                let i = column?;
                let heading = header.get(i).map(String::as_str).unwrap_or("?");
                Some((
                    field.to_string(),
                    format!("{heading} (column {})", i + 1).into(),
                ))
            })
            .collect()
    }
}

fn normalise(heading: &str) -> String {
    heading.trim().to_lowercase().replace([' ', '-', '.'], "_")
}

/// Recognises the columns from the headings that data sources use.
pub fn guess_columns(header: &[String]) -> Result<ColumnMap, ParseError> {
    let find = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.contains(&normalise(h).as_str()))
    };
    let need = |names: &[&str], what: &str| {
        find(names).ok_or_else(|| {
            ParseError::new(format!(
                "Line 1 (the headings): there is no column for the {what}: expected a heading such as '{}'",
                names[0]
            ))
        })
    };
    Ok(ColumnMap {
        area_code: need(
            &[
                "area_code",
                "areacode",
                "geography_code",
                "code",
                "ons_code",
            ],
            "area code",
        )?,
        area_name: find(&["area_name", "areaname", "geography", "name"]),
        period: need(
            &["period", "time_period", "timeperiod", "year", "date"],
            "period",
        )?,
        value: need(&["value", "rate", "percentage"], "value")?,
        count: find(&["count", "numerator"]),
        denominator: find(&["denominator"]),
        ci_lower: find(&[
            "lower_ci",
            "lowerci",
            "lower_ci_95",
            "lower_ci95_0_limit",
            "lci",
            "ci_lower",
        ]),
        ci_upper: find(&[
            "upper_ci",
            "upperci",
            "upper_ci_95",
            "upper_ci95_0_limit",
            "uci",
            "ci_upper",
        ]),
        indicator: find(&[
            "indicator",
            "indicator_name",
            "indicatorname",
            "indicator_code",
        ]),
        significance: find(&[
            "significance",
            "compared_to_england",
            "compared_to_england_value_or_percentiles",
            "comparison_with_england",
            "england_comparison",
        ]),
    })
}

/// The markers sources use for a value that is missing or suppressed.
pub fn is_missing(text: &str) -> bool {
    matches!(
        text.trim(),
        "" | "NA" | "N/A" | "n/a" | "*" | ":" | ".." | "x" | "-"
    )
}

fn number(text: &str, what: &str) -> Result<Option<f64>, String> {
    if is_missing(text) {
        return Ok(None);
    }
    let cleaned: String = text.trim().chars().filter(|c| *c != ',').collect();
    let cleaned = cleaned.trim_end_matches('%');
    match cleaned.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(Some(n)),
        _ => Err(format!("the {what} '{}' is not a number", text.trim())),
    }
}

/// A row that parsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportRow {
    pub line: usize,
    pub area_code: AreaCode,
    pub area_name: String,
    pub period: Period,
    pub value: Option<f64>,
    pub count: Option<f64>,
    pub denominator: Option<f64>,
    pub ci: Option<(f64, f64)>,
    pub indicator: Option<String>,
    /// How the source compared the figure, as it wrote it.
    pub significance: Option<String>,
}

/// A row that did not, with its line in the file (the heading is line 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Line {}: {}", self.line, self.reason)
    }
}

/// One bad row as the import page lists it.
pub type BadRow = RowError;

/// The longest significance text kept ("Not compared", "Better 95%", "Lowest quintile"…).
const MAX_SIGNIFICANCE: usize = 40;

/// Parses every data row of a file with `header`, keeping the good and naming the bad: values
/// are checked against `unit`, a row shorter than the heading is refused (its columns cannot be
/// trusted), and a second row for an area and period names the first.
pub fn parse_rows(
    header: &[String],
    rows: &[Vec<String>],
    map: &ColumnMap,
    unit: Unit,
) -> (Vec<ImportRow>, Vec<RowError>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    let mut seen: HashMap<(AreaCode, Period), usize> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        let line = i + 2;
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        match parse_row(header.len(), row, map, unit, line) {
            Ok(r) => match seen.get(&(r.area_code.clone(), r.period)) {
                Some(first) => bad.push(RowError {
                    line,
                    reason: format!(
                        "this area and period duplicates line {first} ({}, {})",
                        r.area_code, r.period
                    ),
                }),
                None => {
                    seen.insert((r.area_code.clone(), r.period), line);
                    good.push(r);
                }
            },
            Err(reason) => bad.push(RowError { line, reason }),
        }
    }
    (good, bad)
}

/// A value in `unit`, if the row has one: `Err` when it is not a number or not possible.
fn figure(text: &str, what: &str, unit: Unit) -> Result<Option<f64>, String> {
    let value = number(text, what)?;
    if let Some(v) = value {
        unit.check(v)
            .map_err(|why| format!("the {what} {} is not possible: {why}", text.trim()))?;
    }
    Ok(value)
}

fn parse_row(
    columns: usize,
    row: &[String],
    map: &ColumnMap,
    unit: Unit,
    line: usize,
) -> Result<ImportRow, String> {
    if row.len() < columns {
        let what = if row.len() <= map.value {
            "there is no value column"
        } else {
            "a field is missing"
        };
        return Err(format!(
            "the row has {} fields where the headings have {columns}: {what}",
            row.len()
        ));
    }
    let cell = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
    let text = |c: Option<usize>| {
        c.map(|c| cell(c).trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let opt = |c: Option<usize>, what: &str| {
        c.map(|c| number(cell(c), what))
            .transpose()
            .map(Option::flatten)
    };
    let limit = |c: Option<usize>, what: &str| {
        c.map(|c| figure(cell(c), what, unit))
            .transpose()
            .map(Option::flatten)
    };
    let area_code = AreaCode::parse(cell(map.area_code)).map_err(|e| e.0)?;
    let period = Period::parse(cell(map.period)).map_err(|e| e.0)?;
    let value = figure(cell(map.value), "value", unit)?;
    let (lo, hi) = (
        limit(map.ci_lower, "lower confidence limit")?,
        limit(map.ci_upper, "upper confidence limit")?,
    );
    let ci = match (lo, hi) {
        (Some(l), Some(h)) if l <= h => Some((l, h)),
        (Some(_), Some(_)) => return Err("the lower confidence limit is above the upper".into()),
        _ => None,
    };
    let significance = text(map.significance);
    if let Some(s) = &significance {
        if s.chars().count() > MAX_SIGNIFICANCE {
            return Err(format!(
                "the significance '{s}' is longer than {MAX_SIGNIFICANCE} characters"
            ));
        }
    }
    Ok(ImportRow {
        line,
        area_code,
        area_name: text(map.area_name).unwrap_or_default(),
        period,
        value,
        count: opt(map.count, "count")?,
        denominator: opt(map.denominator, "denominator")?,
        ci,
        indicator: text(map.indicator),
        significance,
    })
}

#[cfg(test)]
mod tests;
