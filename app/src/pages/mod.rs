//! One module a page.

pub mod account;
pub mod assessment;
pub mod audit;
pub mod backup;
pub mod cycle;
pub mod dashboard;
pub mod data_admin;
pub mod due;
pub mod events;
pub mod home;
pub mod map;
pub mod midyear;
pub mod not_found;
pub mod people;
pub mod plan_parts;
pub mod plans;
pub mod second_factor;
pub mod setup;
pub mod sign_in;

use crate::error::AppError;
use leptos::prelude::*;

/// A page's frame: its title, then — once its data and the flash a form post left are in —
/// `body` with them, or why the data was refused.
pub fn frame<T, F, V>(
    title: &'static str,
    data: Resource<Result<T, AppError>>,
    body: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    F: Fn(T, Option<crate::api::Flash>) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let flash = Resource::new(|| (), |_| crate::api::take_flash());
    let location = leptos_router::hooks::use_location();
    view! {
        <leptos_meta::Title text=title />
        <Transition fallback=|| ()>
            {move || {
                let body = body.clone();
                Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    match data.await {
                        Ok(v) => body(v, flash).into_any(),
                        Err(e) => sign_in_link(e, &location.pathname.get_untracked()).into_any(),
                    }
                })
            }}
        </Transition>
    }
}

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
