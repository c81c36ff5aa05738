//! A partnership: its name and the areas it covers — one or more districts, or a set of wards —
//! each named by its ONS code or its name, as the administrator prefers.

use super::{tidy, write_fewer};
use crate::domain::partnership::slugify;
use crate::domain::plan::forms::at;
use crate::domain::plan::Problem;
use crate::domain::AreaKind;

/// The most a partnership's name may hold.
pub const NAME_LIMIT: usize = 120;

crate::form! {
    /// A new partnership, or one renamed or given other areas.
    pub struct PartnershipForm {
        name: String,
        /// The areas it covers, one a line: an ONS code or a name.
        areas: String,
    }
}

/// An area Trustboard holds, as the areas of a partnership are chosen from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KnownArea {
    pub code: String,
    pub name: String,
    pub kind: AreaKind,
    /// For a ward, the district that holds it.
    pub district: Option<String>,
}

impl KnownArea {
    /// "Alton Amery (E05004464, East Hampshire)"
    pub fn described(&self) -> String {
        match &self.district {
            Some(d) => format!("{} ({}, {d})", self.name, self.code),
            None => format!("{} ({})", self.name, self.code),
        }
    }
}

/// A partnership as parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnershipInput {
    pub name: String,
    pub slug: String,
    /// The codes of the areas it covers, in the order typed.
    pub areas: Vec<String>,
    pub kind: AreaKind,
}

/// Reads the areas typed (one a line, by code or by name; case and spacing ignored) against the
/// areas held. Every line must name exactly one area; all of them districts, or all wards.
pub fn resolve_areas<'a>(
    typed: &str,
    known: &'a [KnownArea],
) -> Result<Vec<&'a KnownArea>, Vec<String>> {
    let mut problems = Vec::new();
    let mut found: Vec<&KnownArea> = Vec::new();
    let norm = |s: &str| tidy(s).to_lowercase();
    for (i, line) in typed.lines().enumerate() {
        let want = norm(line.trim().trim_end_matches([',', ';']));
        if want.is_empty() {
            continue;
        }
        let line_no = i + 1;
        let by_code: Vec<&KnownArea> = known
            .iter()
            .filter(|a| a.code.to_lowercase() == want)
            .collect();
        let matches = if by_code.is_empty() {
            known
                .iter()
                .filter(|a| norm(&a.name) == want)
                .collect::<Vec<_>>()
        } else {
            by_code
        };
        match matches.as_slice() {
            [] => problems.push(format!(
                "Line {line_no}: “{}” is not an area Trustboard holds: use a district's or ward's name or ONS code (import the boundaries first)",
                line.trim()
            )),
            [one] if found.iter().any(|a| a.code == one.code) => {
                problems.push(format!("Line {line_no}: {} is listed twice", one.described()))
            }
            [one] => found.push(one),
            several => problems.push(format!(
                "Line {line_no}: “{}” could be {}: write the code instead",
                line.trim(),
                several
                    .iter()
                    .map(|a| a.described())
                    .collect::<Vec<_>>()
                    .join(" or ")
            )),
        }
    }
    if found.is_empty() && problems.is_empty() {
        problems
            .push("Enter the districts or wards the partnership covers, one on each line".into());
    }
    if problems.is_empty() {
        let districts = found
            .iter()
            .filter(|a| a.kind == AreaKind::District)
            .count();
        if districts > 0 && districts < found.len() {
            problems.push(
                "A partnership covers whole districts or a set of wards, not both: list only districts, or only wards"
                    .into(),
            );
        } else if found
            .iter()
            .any(|a| !matches!(a.kind, AreaKind::District | AreaKind::Ward))
        {
            problems.push("List districts or wards, not counties or regions".into());
        }
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

impl PartnershipForm {
    pub fn parse(&self, known: &[KnownArea]) -> Result<PartnershipInput, Vec<Problem>> {
        let mut problems = Vec::new();
        let name = tidy(&self.name);
        let slug = slugify(&name);
        if name.is_empty() {
            problems.push(at(Self::name, "Enter the partnership's name"));
        } else if name.chars().count() > NAME_LIMIT {
            problems.push(at(Self::name, write_fewer(NAME_LIMIT, &self.name)));
        } else if slug.is_empty() {
            problems.push(at(
                Self::name,
                "The name needs at least one letter or digit",
            ));
        }
        let areas = match resolve_areas(&self.areas, known) {
            Ok(found) => Some((
                found.iter().map(|a| a.code.clone()).collect::<Vec<_>>(),
                found.first().map(|a| a.kind).unwrap_or(AreaKind::District),
            )),
            Err(ps) => {
                problems.extend(ps.into_iter().map(|m| at(Self::areas, m)));
                None
            }
        };
        match (areas, problems.is_empty()) {
            (Some((areas, kind)), true) => Ok(PartnershipInput {
                name,
                slug,
                areas,
                kind,
            }),
            _ => Err(problems),
        }
    }
}
