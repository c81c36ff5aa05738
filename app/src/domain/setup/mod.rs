//! Setting a county up: the Trust, its partnerships (and the areas each covers), partner
//! organisations and people in bulk. Each form is declared once with [`crate::form!`]; the
//! CSV lists are read row by row and accepted whole or not at all.

mod lists;
mod partnership;
mod trust;
mod views;

pub use lists::{
    read_organisations, read_people, OrganisationRow, PeopleContext, PersonRow, RowProblem,
    ScopeName, ORGANISATIONS_HEADER, PEOPLE_HEADER,
};
pub use partnership::{resolve_areas, KnownArea, PartnershipForm, PartnershipInput};
pub use trust::{TrustForm, TrustInput};
pub use views::*;

#[cfg(test)]
mod tests;

/// "Write 120 characters or fewer (this has 131)"
pub(crate) fn write_fewer(limit: usize, typed: &str) -> String {
    format!(
        "Write {limit} characters or fewer (this has {})",
        typed.trim().chars().count()
    )
}

/// Spaces collapsed and trimmed.
pub(crate) fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
