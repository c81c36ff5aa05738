//! The set-up pages administrators use: a task list of what a county needs, the Trust's
//! details, partnerships, partner organisations and people (lists uploaded as CSV files), and
//! the page where a new person chooses their password.

mod hub;
mod lists;
mod partnerships;
mod password;
mod trust;

pub use hub::SetUpPage;
pub use lists::{OrganisationsPage, PeopleUploadPage};
pub use partnerships::{NewPartnershipPage, PartnershipSetUpPage, PartnershipsSetUpPage};
pub use password::SetPasswordPage;
pub use trust::TrustPage;

use crate::error::FieldError;
use leptos::prelude::*;

/// A summary-list row.
fn row(key: &'static str, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{key}</dt>
            <dd class="govuk-summary-list__value">{value}</dd>
        </div>
    }
}

/// A file input (with its error), for the upload forms.
fn file_input(errors: Signal<Vec<FieldError>>, label: &'static str, hint: String) -> impl IntoView {
    let message = move || crate::components::forms::message_for(&errors.get(), "file");
    view! {
        <div class=move || if message().is_some() { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }>
            <label class="govuk-label govuk-label--s" for="file">{label}</label>
            <div class="govuk-hint" id="file-hint">{hint}</div>
            {move || message().map(|m| view! { <p class="govuk-error-message" id="file-error"><span class="govuk-visually-hidden">"Error: "</span>{m}</p> })}
            <input class="govuk-file-upload" id="file" name="file" type="file" accept=".csv,text/csv" aria-describedby="file-hint" />
        </div>
    }
}
