//! What the set-up pages show.

use super::KnownArea;
use serde::{Deserialize, Serialize};

/// A partner organisation as administrators see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationListed {
    pub name: String,
    pub type_label: String,
    pub partnerships: Vec<String>,
}

/// How an uploaded list of organisations changed them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationsImported {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// One partnership in the administrators' list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnershipListed {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub retired: bool,
    pub areas: i64,
    pub people: i64,
    pub organisations: i64,
    pub plans: i64,
}

/// A partnership as its set-up page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnershipDetail {
    pub listed: PartnershipListed,
    pub areas: Vec<KnownArea>,
    /// (user id, name, role)
    pub people: Vec<(i64, String, String)>,
    /// (name, type)
    pub organisations: Vec<(String, String)>,
}

/// A person added from a list, with their set-your-password link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonAdded {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    /// The link's address (a path until the page makes it whole).
    pub link: String,
    /// The link was e-mailed to them.
    pub emailed: bool,
}

/// The outcome of a people list, kept for the page that shows the links once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleAdded {
    pub people: Vec<PersonAdded>,
}
