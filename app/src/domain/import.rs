//! Reading tidy CSV files of published indicator data (towards the data capability): the file is
//! split into records (RFC 4180: quoted fields, doubled quotes, CRLF or LF), the columns are
//! recognised by their headings, and each row is parsed into an area code, a period and a value,
//! or refused with its line number and the reason. Suppressed or missing values are kept as
//! missing, never zero.

use super::{AreaCode, ParseError, Period};
use serde::{Deserialize, Serialize};

/// Splits CSV text into records of fields.
pub fn records(text: &str) -> Result<Vec<Vec<String>>, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut line = 1;
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
            (false, '"') if field.is_empty() => quoted = true,
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
            "A quoted field that starts on or before line {line} is never closed"
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
                "No column for the {what}: expected a heading such as '{}'",
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
}

/// A row that did not, with its line in the file (the heading is line 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: usize,
    pub reason: String,
}

/// One bad row as the import page lists it.
pub type BadRow = RowError;

/// What an import made through the administration pages did, as its page shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub rows: usize,
    pub bad: usize,
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub comparator_rows: usize,
    pub skipped_outside: usize,
    pub imported: bool,
    pub message: Option<String>,
}

/// Parses every data row, keeping the good and naming the bad.
pub fn parse_rows(rows: &[Vec<String>], map: &ColumnMap) -> (Vec<ImportRow>, Vec<RowError>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let line = i + 2;
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let cell = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
        let opt = |c: Option<usize>, what: &str| {
            c.map(|c| number(cell(c), what))
                .transpose()
                .map(Option::flatten)
        };
        let parsed = (|| -> Result<ImportRow, String> {
            let area_code = AreaCode::parse(cell(map.area_code)).map_err(|e| e.0)?;
            let period = Period::parse(cell(map.period)).map_err(|e| e.0)?;
            let value = number(cell(map.value), "value")?;
            let (lo, hi) = (
                opt(map.ci_lower, "lower confidence limit")?,
                opt(map.ci_upper, "upper confidence limit")?,
            );
            let ci = match (lo, hi) {
                (Some(l), Some(h)) if l <= h => Some((l, h)),
                (Some(_), Some(_)) => {
                    return Err("the lower confidence limit is above the upper".into())
                }
                _ => None,
            };
            Ok(ImportRow {
                line,
                area_code,
                area_name: map
                    .area_name
                    .map(|c| cell(c).trim().to_string())
                    .unwrap_or_default(),
                period,
                value,
                count: opt(map.count, "count")?,
                denominator: opt(map.denominator, "denominator")?,
                ci,
                indicator: map
                    .indicator
                    .map(|c| cell(c).trim().to_string())
                    .filter(|s| !s.is_empty()),
            })
        })();
        match parsed {
            Ok(r) => good.push(r),
            Err(reason) => bad.push(RowError { line, reason }),
        }
    }
    (good, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_is_described_by_its_headings() {
        let header: Vec<String> = ["Area Code", "Year", "Value", "Count"]
            .map(String::from)
            .to_vec();
        let map = guess_columns(&header).unwrap();
        let d = map.describe(&header);
        assert_eq!(d["area_code"], "Area Code (column 1)");
        assert_eq!(d["value"], "Value (column 3)");
        assert_eq!(d["count"], "Count (column 4)");
        assert!(!d.contains_key("denominator"), "{d:?}");
    }

    #[test]
    fn records_follow_rfc_4180() {
        let text =
            "\u{feff}a,b,c\r\n\"Bristol, City of\",\"say \"\"hi\"\"\",3\n\"two\nlines\",x,\n";
        let r = records(text).unwrap();
        assert_eq!(r.len(), 3);
        assert_eq!(r[0], ["a", "b", "c"]);
        assert_eq!(r[1], ["Bristol, City of", "say \"hi\"", "3"]);
        assert_eq!(r[2], ["two\nlines", "x", ""]);
        assert!(records("a,\"open\n")
            .unwrap_err()
            .0
            .contains("never closed"));
        assert_eq!(
            records("a,b").unwrap(),
            vec![vec!["a".to_string(), "b".to_string()]],
            "no final newline"
        );
    }

    fn header(h: &str) -> Vec<String> {
        h.split(',').map(str::to_string).collect()
    }

    #[test]
    fn columns_are_recognised_by_heading() {
        let map = guess_columns(&header(
            "area_code,area_name,period,value,indicator,measure,unit,significance",
        ))
        .unwrap();
        assert_eq!(
            (map.area_code, map.period, map.value, map.indicator),
            (0, 2, 3, Some(4))
        );
        let map = guess_columns(&header(
            "Area Code,Time period,Value,Lower CI,Upper CI,Count,Denominator",
        ))
        .unwrap();
        assert_eq!(
            (map.ci_lower, map.ci_upper, map.count, map.denominator),
            (Some(3), Some(4), Some(5), Some(6))
        );
        assert!(guess_columns(&header("name,value"))
            .unwrap_err()
            .0
            .contains("No column for the area code"));
    }

    #[test]
    fn rows_are_parsed_or_named() {
        let rows = records(
            "E07000084,Basingstoke and Deane,2016/17,12.5,,\n\
             E07000085,East Hampshire,2016/17,NA,,\n\
             E07000086,Eastleigh,2016/17,*,,\n\
             E07000087,Fareham,Q1 2016/17,:,,\n\
             NOTACODE,Nowhere,2016/17,1,,\n\
             E07000088,Gosport,sometime,1,,\n\
             E07000089,Hart,2016,twelve,,\n\
             E07000090,Havant,2016,5,9,3\n\
             E07000091,New Forest,2016-04,0,1,2\n",
        )
        .unwrap();
        let map = ColumnMap {
            area_code: 0,
            area_name: Some(1),
            period: 2,
            value: 3,
            count: None,
            denominator: None,
            ci_lower: Some(4),
            ci_upper: Some(5),
            indicator: None,
        };
        let (good, bad) = parse_rows(&rows, &map);
        assert_eq!(good.len(), 5);
        assert_eq!(good[0].value, Some(12.5));
        assert!(
            good[1..4].iter().all(|r| r.value.is_none()),
            "NA, * and : are missing, not zero"
        );
        assert_eq!(good[4].value, Some(0.0), "a real zero is kept");
        assert_eq!(good[4].ci, Some((1.0, 2.0)));
        let lines: Vec<_> = bad.iter().map(|e| e.line).collect();
        assert_eq!(lines, [6, 7, 8, 9]);
        assert!(bad[0].reason.contains("not an ONS area code"));
        assert!(bad[1].reason.contains("not a period"));
        assert!(bad[2].reason.contains("'twelve' is not a number"));
        assert!(bad[3].reason.contains("lower confidence limit is above"));
    }

    /// The real published files beside the repository (never copied into it).
    fn shared(name: &str) -> Option<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/data/indicators")
            .join(name);
        std::fs::read_to_string(path).ok()
    }

    #[test]
    fn the_real_indicator_files_parse_completely() {
        for (file, hampshire, england) in [
            ("low_income_families.csv", 121, 11),
            ("excess_weight_reception.csv", 132, 12),
        ] {
            let Some(text) = shared(file) else {
                panic!("../shared/data/indicators/{file} is missing: the tests read the shared data beside the repository");
            };
            let all = records(&text).unwrap();
            let map = guess_columns(&all[0]).unwrap();
            let (good, bad) = parse_rows(&all[1..], &map);
            assert!(bad.is_empty(), "{file}: {:?}", &bad[..bad.len().min(3)]);
            assert!(good.len() > 3000, "{file}: {} rows", good.len());
            let in_hampshire = good
                .iter()
                .filter(|r| ("E07000084".."E07000095").contains(&r.area_code.as_str()))
                .count();
            assert_eq!(in_hampshire, hampshire, "{file}");
            assert_eq!(
                good.iter()
                    .filter(|r| r.area_code.as_str() == "E92000001")
                    .count(),
                england,
                "{file}"
            );
            assert!(
                good.iter().any(|r| r.value.is_none()) || file.starts_with("excess"),
                "{file}: NA is kept as missing"
            );
        }
    }
}
