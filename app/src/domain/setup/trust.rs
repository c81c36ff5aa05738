//! The Trust's own details: its name, the county it serves and the county's districts.

use super::{tidy, write_fewer};
use crate::domain::form::Field;
use crate::domain::plan::forms::at;
use crate::domain::plan::Problem;
use crate::domain::{AreaCode, AreaKind};

/// The most a Trust's (or county's) name may hold.
pub const NAME_LIMIT: usize = 120;

crate::form! {
    /// The Trust's details.
    pub struct TrustForm {
        name: String,
        /// The county's ONS code, e.g. E10000014.
        county_code: String,
        county_name: String,
        /// The districts the county holds, one a line: the ONS code, then (optionally) the name.
        districts: String,
    }
}

/// The Trust's details as parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustInput {
    pub name: String,
    pub county_code: AreaCode,
    pub county_name: String,
    /// Each district's code and, where typed, its name (else imported boundaries name it).
    pub districts: Vec<(AreaCode, Option<String>)>,
}

fn name(field: Field, typed: &str, what: &str, problems: &mut Vec<Problem>) -> String {
    let name = tidy(typed);
    if name.is_empty() {
        problems.push(at(field, format!("Enter the {what}")));
    } else if name.chars().count() > NAME_LIMIT {
        problems.push(at(field, write_fewer(NAME_LIMIT, typed)));
    }
    name
}

impl TrustForm {
    /// A form showing what is held.
    pub fn of(input: &TrustInput) -> Self {
        Self {
            name: input.name.clone(),
            county_code: input.county_code.to_string(),
            county_name: input.county_name.clone(),
            districts: input
                .districts
                .iter()
                .map(|(c, n)| match n {
                    Some(n) => format!("{c} {n}"),
                    None => c.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    pub fn parse(&self) -> Result<TrustInput, Vec<Problem>> {
        let mut problems = Vec::new();
        let trust_name = name(Self::name, &self.name, "Trust's name", &mut problems);
        let county_name = name(
            Self::county_name,
            &self.county_name,
            "county's name",
            &mut problems,
        );
        let county = match AreaCode::parse(&self.county_code) {
            Ok(c) if c.kind() == Some(AreaKind::District) || c.kind() == Some(AreaKind::Ward) => {
                problems.push(at(
                    Self::county_code,
                    format!("{c} is a district or ward: enter the county's code, like E10000014"),
                ));
                None
            }
            Ok(c) => Some(c),
            Err(_) if self.county_code.trim().is_empty() => {
                problems.push(at(
                    Self::county_code,
                    "Enter the county's ONS code, like E10000014",
                ));
                None
            }
            Err(e) => {
                problems.push(at(Self::county_code, e.0));
                None
            }
        };
        let mut districts: Vec<(AreaCode, Option<String>)> = Vec::new();
        for (i, line) in self.districts.lines().enumerate() {
            let line = line.trim().trim_end_matches(',');
            if line.is_empty() {
                continue;
            }
            let (code, rest) = line
                .split_once(|c: char| c.is_whitespace() || c == ',')
                .unwrap_or((line, ""));
            let said = |m: String| at(Self::districts, format!("Line {}: {m}", i + 1));
            match AreaCode::parse(code) {
                Ok(c) if c.kind() != Some(AreaKind::District) => problems.push(said(format!(
                    "{c} is not a district's code (they start E06, E07, E08 or E09)"
                ))),
                Ok(c) if districts.iter().any(|(d, _)| *d == c) => {
                    problems.push(said(format!("{c} is listed twice")))
                }
                Ok(c) => {
                    let n = tidy(rest.trim_start_matches(','));
                    if n.chars().count() > NAME_LIMIT {
                        problems.push(said(write_fewer(NAME_LIMIT, &n)));
                    }
                    districts.push((c, (!n.is_empty()).then_some(n)));
                }
                Err(e) => problems.push(said(e.0)),
            }
        }
        if districts.is_empty() && !problems.iter().any(|p| p.anchor == Self::districts.key()) {
            problems.push(at(
                Self::districts,
                "Enter the ONS codes of the county's districts, one on each line",
            ));
        }
        match (county, problems.is_empty()) {
            (Some(county_code), true) => Ok(TrustInput {
                name: trust_name,
                county_code,
                county_name,
                districts,
            }),
            _ => Err(problems),
        }
    }
}
