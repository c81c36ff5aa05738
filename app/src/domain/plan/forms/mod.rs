//! What people type into the plan's forms, each declared once with [`crate::form!`], and the
//! parsers that turn it into the plan's content. The same parser checks a form in the browser
//! and has the last word on the server.

mod about;
mod action;
mod measure;
mod priority;
mod review;

pub use about::*;
pub use action::*;
pub use measure::*;
pub use priority::*;
pub use review::*;

use super::Problem;
use crate::domain::form::Field;

/// A problem with one field.
pub(crate) fn at(field: Field, message: impl Into<String>) -> Problem {
    Problem {
        anchor: field.key().to_string(),
        message: message.into(),
    }
}

/// How each field of a saved thing reads, for telling a person what someone else saved.
pub type Shown = Vec<(Field, String)>;

/// The fields where what is saved now differs from what this person typed, each with what is
/// saved (after a save was refused because someone else saved first).
pub fn differences(saved: &Shown, typed: &Shown) -> Vec<Problem> {
    let keyed = |s: &Shown| -> Vec<(String, String)> {
        s.iter()
            .map(|(f, v)| (f.key().to_string(), v.clone()))
            .collect()
    };
    differences_by_key(&keyed(saved), &keyed(typed))
}

/// As [`differences`], for fields named by key (those repeated per row, like `action-12-outcome`).
pub fn differences_by_key(saved: &[(String, String)], typed: &[(String, String)]) -> Vec<Problem> {
    saved
        .iter()
        .filter(|(field, now)| {
            let mine = typed
                .iter()
                .find(|(f, _)| f == field)
                .map(|(_, v)| v.trim());
            mine != Some(now.trim())
        })
        .map(|(field, now)| {
            let now = now.trim();
            let shown = if now.is_empty() {
                "blank".to_string()
            } else {
                format!("“{now}”")
            };
            Problem {
                anchor: field.clone(),
                message: format!("Saved meanwhile: {shown}"),
            }
        })
        .collect()
}

/// The longest text a field of a plan may hold.
pub(crate) fn too_long(text: &str, limit: usize) -> bool {
    text.chars().count() > limit
}
