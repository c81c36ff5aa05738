//! Lists uploaded as CSV: partner organisations, and people. Each is read row by row against
//! what Trustboard holds, every problem is reported with its row, and the list is accepted only
//! when no row has one (all or nothing, as the measurement import).

use super::tidy;
use crate::domain::auth::{parse_display_name, Email, Role, RoleScope, ScopeKind};
use crate::domain::import::records;
use crate::domain::OrganisationType;
use std::collections::{BTreeMap, BTreeSet};

/// The columns of a partner-organisations file (in any order; others are ignored).
pub const ORGANISATIONS_HEADER: &str = "name,type,partnerships";
/// The columns of a people file.
pub const PEOPLE_HEADER: &str = "name,email,role,partnership or district";

/// The most rows one file may hold.
const MOST_ROWS: usize = 5_000;
/// The most an organisation's name may hold.
pub const ORGANISATION_NAME_LIMIT: usize = 200;

/// A problem with one row (its line in the file: the header is line 1), or with the file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RowProblem {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            f.write_str(&self.message)
        } else {
            write!(f, "Row {}: {}", self.line, self.message)
        }
    }
}

fn whole_file(message: impl Into<String>) -> Vec<RowProblem> {
    vec![RowProblem {
        line: 0,
        message: message.into(),
    }]
}

/// The rows of a file with the named columns, each row as those columns' values (by the
/// header's names, ignoring case and spacing).
fn table(text: &str, header: &str) -> Result<Vec<(usize, Vec<String>)>, Vec<RowProblem>> {
    let rows = records(text).map_err(|e| {
        whole_file(format!(
            "The file is not a CSV file Trustboard can read: {}",
            e.0
        ))
    })?;
    let mut rows = rows.into_iter();
    let Some(head) = rows.next() else {
        return Err(whole_file(format!(
            "The file is empty: its first row must be the column names: {header}"
        )));
    };
    let norm = |s: &str| tidy(s).to_lowercase();
    let names: Vec<String> = head.iter().map(|h| norm(h)).collect();
    let wanted: Vec<&str> = header.split(',').collect();
    let mut at = Vec::new();
    for w in &wanted {
        match names.iter().position(|n| n == w) {
            Some(i) => at.push(i),
            None => {
                return Err(whole_file(format!(
                    "The first row must name the columns {header}: there is no column “{w}”"
                )))
            }
        }
    }
    let out: Vec<(usize, Vec<String>)> = rows
        .enumerate()
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, r)| {
            let cells = at
                .iter()
                .map(|&k| r.get(k).map(|c| c.trim().to_string()).unwrap_or_default())
                .collect();
            (i + 2, cells)
        })
        .collect();
    if out.is_empty() {
        return Err(whole_file("The file has no rows under its column names"));
    }
    if out.len() > MOST_ROWS {
        return Err(whole_file(format!(
            "The file has {} rows: upload at most {MOST_ROWS} at a time",
            out.len()
        )));
    }
    Ok(out)
}

/// A partnership as a list may name it: by its name or its slug.
fn partnership_named<'a>(
    typed: &str,
    partnerships: &'a [(i64, String, String)],
) -> Option<&'a (i64, String, String)> {
    let want = tidy(typed).to_lowercase();
    partnerships
        .iter()
        .find(|(_, name, slug)| name.to_lowercase() == want || *slug == want)
}

fn organisation_type(typed: &str) -> Option<OrganisationType> {
    let want = tidy(typed).to_lowercase();
    OrganisationType::ALL
        .iter()
        .copied()
        .find(|t| t.as_str() == want.replace(' ', "_") || t.label().to_lowercase() == want)
}

/// One partner organisation of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationRow {
    pub line: usize,
    pub name: String,
    pub org_type: OrganisationType,
    /// The partnerships it takes part in (ids).
    pub partnerships: Vec<i64>,
}

/// Reads a list of partner organisations: name, type (a type's name, like “School” or
/// “Voluntary sector”), and the partnerships it belongs to (names separated by semicolons).
pub fn read_organisations(
    text: &str,
    partnerships: &[(i64, String, String)],
) -> Result<Vec<OrganisationRow>, Vec<RowProblem>> {
    let rows = table(text, ORGANISATIONS_HEADER)?;
    let mut problems = Vec::new();
    let mut out = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let types = OrganisationType::ALL
        .iter()
        .map(|t| t.label())
        .collect::<Vec<_>>()
        .join(", ");
    for (line, cells) in rows {
        let mut said = |m: String| problems.push(RowProblem { line, message: m });
        let name = tidy(&cells[0]);
        if name.is_empty() {
            said("enter the organisation's name".into());
            continue;
        }
        if name.chars().count() > ORGANISATION_NAME_LIMIT {
            said(format!(
                "the name must be {ORGANISATION_NAME_LIMIT} characters or fewer (it has {})",
                name.chars().count()
            ));
            continue;
        }
        if let Some(first) = seen.insert(name.to_lowercase(), line) {
            said(format!("{name} is listed twice (first in row {first})"));
            continue;
        }
        let Some(org_type) = organisation_type(&cells[1]) else {
            said(if cells[1].is_empty() {
                format!("enter the type of {name}: one of {types}")
            } else {
                format!(
                    "“{}” is not a type of organisation: use one of {types}",
                    cells[1]
                )
            });
            continue;
        };
        let mut ids = Vec::new();
        let mut bad = Vec::new();
        for p in cells[2].split(';').map(str::trim).filter(|p| !p.is_empty()) {
            match partnership_named(p, partnerships) {
                Some((id, _, _)) if !ids.contains(id) => ids.push(*id),
                Some(_) => {}
                None => bad.push(format!("“{p}”")),
            }
        }
        if !bad.is_empty() {
            said(format!(
                "{} {} not a partnership: use the partnerships' names, separated by semicolons",
                bad.join(", "),
                if bad.len() == 1 { "is" } else { "are" }
            ));
            continue;
        }
        out.push(OrganisationRow {
            line,
            name,
            org_type,
            partnerships: ids,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// What a people list names as a role's scope, resolved: where the role applies and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeName {
    pub scope: RoleScope,
    pub label: String,
}

/// One person of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    pub line: usize,
    pub name: String,
    pub email: Email,
    pub role: Role,
    pub scope: ScopeName,
}

fn role_named(typed: &str) -> Option<Role> {
    let want = tidy(typed).to_lowercase();
    let short = match want.as_str() {
        "chair" => Some(Role::PartnershipChair),
        "member" => Some(Role::PartnershipMember),
        "board" | "board member" => Some(Role::BoardMember),
        "district manager" => Some(Role::DistrictManager),
        "administrator" | "admin" => Some(Role::Administrator),
        _ => None,
    };
    short.or_else(|| {
        Role::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == want.replace(' ', "_") || r.label().to_lowercase() == want)
    })
}

/// What the people list is read against: the partnerships (id, name, slug), the districts
/// (area id, code, name), the e-mail addresses already held, and the partnerships that have a
/// chair.
pub struct PeopleContext<'a> {
    pub partnerships: &'a [(i64, String, String)],
    pub districts: &'a [(i64, String, String)],
    pub emails: &'a BTreeSet<String>,
    pub chaired: &'a BTreeSet<i64>,
}

/// Reads a list of people: name, e-mail, role (“Partnership chair”, “chair”, “member”,
/// “District manager”, “Board member”, “Viewer”, “Administrator”), and the partnership (for a
/// chair or member) or district (for a district manager) by name; blank for the others.
pub fn read_people(text: &str, ctx: &PeopleContext<'_>) -> Result<Vec<PersonRow>, Vec<RowProblem>> {
    let rows = table(text, PEOPLE_HEADER)?;
    let mut problems = Vec::new();
    let mut out: Vec<PersonRow> = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut chairs: BTreeMap<i64, usize> = BTreeMap::new();
    for (line, cells) in rows {
        let mut said = |m: String| problems.push(RowProblem { line, message: m });
        let name = match parse_display_name(&cells[0]) {
            Ok(n) => n,
            Err(e) => {
                said(e.0.to_lowercase());
                continue;
            }
        };
        let email = match Email::parse(&cells[1]) {
            Ok(e) => e,
            Err(e) => {
                said(format!("{name}: {}", e.0.to_lowercase()));
                continue;
            }
        };
        if ctx.emails.contains(email.as_str()) {
            said(format!(
                "someone already has the e-mail address {}: give them another role on their page instead",
                email.as_str()
            ));
            continue;
        }
        if let Some(first) = seen.insert(email.as_str().to_string(), line) {
            said(format!(
                "{} is listed twice (first in row {first}): list each person once, and give a second role on their page afterwards",
                email.as_str()
            ));
            continue;
        }
        let Some(role) = role_named(&cells[2]) else {
            said(format!(
                "“{}” is not a role: use Partnership chair, Partnership member, District manager, Board member, Viewer or Administrator",
                cells[2]
            ));
            continue;
        };
        let place = tidy(&cells[3]);
        let scope = match role.scope_kind() {
            ScopeKind::Trust if place.is_empty() => ScopeName {
                scope: RoleScope {
                    partnership_id: None,
                    district_area_id: None,
                },
                label: "Whole Trust".into(),
            },
            ScopeKind::Trust => {
                said(format!(
                    "a {} applies to the whole Trust: leave the partnership or district blank",
                    role.label().to_lowercase()
                ));
                continue;
            }
            ScopeKind::Partnership => match partnership_named(&place, ctx.partnerships) {
                Some((id, pname, _)) => {
                    if role == Role::PartnershipChair {
                        if ctx.chaired.contains(id) {
                            said(format!("{pname} already has a chair"));
                            continue;
                        }
                        if let Some(first) = chairs.insert(*id, line) {
                            said(format!(
                                "{pname} can have one chair: row {first} names one already"
                            ));
                            continue;
                        }
                    }
                    ScopeName {
                        scope: RoleScope {
                            partnership_id: Some(*id),
                            district_area_id: None,
                        },
                        label: pname.clone(),
                    }
                }
                None => {
                    said(if place.is_empty() {
                        format!(
                            "name the partnership {name} is {} of",
                            if role == Role::PartnershipChair {
                                "the chair"
                            } else {
                                "a member"
                            }
                        )
                    } else {
                        format!("“{place}” is not a partnership")
                    });
                    continue;
                }
            },
            ScopeKind::District => {
                let want = place.to_lowercase();
                match ctx.districts.iter().find(|(_, code, dname)| {
                    code.to_lowercase() == want || dname.to_lowercase() == want
                }) {
                    Some((id, _, dname)) => ScopeName {
                        scope: RoleScope {
                            partnership_id: None,
                            district_area_id: Some(*id),
                        },
                        label: format!("{dname} (district)"),
                    },
                    None => {
                        said(if place.is_empty() {
                            "name the district the district manager looks after".into()
                        } else {
                            format!("“{place}” is not a district of the Trust")
                        });
                        continue;
                    }
                }
            }
        };
        out.push(PersonRow {
            line,
            name,
            email,
            role,
            scope,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
