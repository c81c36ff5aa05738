//! Setting a county up: the Trust, partnerships, partner organisations, people in bulk, and
//! one-time set-your-password links.

pub mod organisations;
pub mod partnerships;
pub mod password_links;
pub mod people;
pub mod trust;

/// Why a set-up change was refused, for the person who asked: by field, or as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Field(&'static str, String),
    Conflict(String),
}
