//! One module a page.

pub mod account;
pub mod assessment;
pub mod audit;
pub mod dashboard;
pub mod data_admin;
pub mod home;
pub mod map;
pub mod not_found;
pub mod people;
pub mod plan_parts;
pub mod plans;
pub mod sign_in;

use crate::error::AppError;
use leptos::prelude::*;

/// What a page shows when its data was refused: a way to sign in, or why not.
pub fn sign_in_link(err: AppError, here: &str) -> impl IntoView {
    crate::error::answer_page_with(&err);
    match err {
        AppError::Unauthenticated => view! {
            <h1 class="govuk-heading-l">"Sign in to continue"</h1>
            <p class="govuk-body">
                "You need to sign in to see this page. "
                <a class="govuk-link" href=format!("/sign-in?next={}", crate::api::auth::encode_query_value(here))>"Sign in"</a>
            </p>
        }
        .into_any(),
        AppError::Forbidden => view! {
            <h1 class="govuk-heading-l">"You cannot see this page"</h1>
            <p class="govuk-body" data-testid="forbidden">
                "Your roles do not include this. If you need it for your work, ask your Trust administrator."
            </p>
        }
        .into_any(),
        AppError::NotFound(what) => view! {
            <h1 class="govuk-heading-l">"Page not found"</h1>
            <p class="govuk-body">{format!("{what} could not be found.")}</p>
        }
        .into_any(),
        other => view! {
            <h1 class="govuk-heading-l">"Sorry, there is a problem"</h1>
            <p class="govuk-body">{other.to_string()}</p>
        }
        .into_any(),
    }
}
