//! GOV.UK form patterns: the error summary that links to fields, inputs with inline errors,
//! selects, and the success banner.

use crate::api::Flash;
use crate::domain::Choice;
use crate::error::{AppError, FieldError};
use leptos::prelude::*;

/// The errors to show: those of the last submission from this page (JavaScript on), else those
/// a plain form post left in the flash (JavaScript off).
pub fn errors_of<T: Clone + Send + Sync + 'static>(
    result: Option<Result<T, AppError>>,
    flash: &Option<Flash>,
) -> Vec<FieldError> {
    match result {
        Some(Err(AppError::Invalid(errors))) => errors,
        Some(Err(other)) => vec![FieldError::new("", other.to_string())],
        Some(Ok(_)) => vec![],
        None => flash.as_ref().map(|f| f.errors.clone()).unwrap_or_default(),
    }
}

/// The message for one field, if it has one.
pub fn message_for(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

/// The error summary: a list of every problem, each linking to its field. Rendered only when
/// there are errors; focused (by the page's script) so screen readers announce it.
#[component]
pub fn ErrorSummary(#[prop(into)] errors: Signal<Vec<FieldError>>) -> impl IntoView {
    move || {
        let errors = errors.get();
        (!errors.is_empty()).then(|| {
            view! {
                <div class="govuk-error-summary" data-module="govuk-error-summary" role="alert" tabindex="-1" data-testid="error-summary">
                    <div role="alert">
                        <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                        <div class="govuk-error-summary__body">
                            <ul class="govuk-list govuk-error-summary__list">
                                {errors.into_iter().map(|e| {
                                    if e.field.is_empty() {
                                        view! { <li>{e.message}</li> }.into_any()
                                    } else {
                                        view! { <li><a href=format!("#{}", e.field)>{e.message}</a></li> }.into_any()
                                    }
                                }).collect_view()}
                            </ul>
                        </div>
                    </div>
                </div>
            }
        })
    }
}

/// A text input with its label, hint and inline error.
#[component]
pub fn TextInput(
    /// The input's id (the error summary links here); also its name unless `name` is given.
    id: &'static str,
    #[prop(optional)] name: Option<&'static str>,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] value: String,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(optional)] width: Option<&'static str>,
) -> impl IntoView {
    let error = move || message_for(&errors.get(), id);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let group_class = move || {
        if error().is_some() {
            "govuk-form-group govuk-form-group--error"
        } else {
            "govuk-form-group"
        }
    };
    let input_class = move || {
        let mut c = String::from("govuk-input");
        if let Some(w) = width {
            c.push(' ');
            c.push_str(w);
        }
        if error().is_some() {
            c.push_str(" govuk-input--error");
        }
        c
    };
    view! {
        <div class=group_class>
            <label class="govuk-label" for=id>{label}</label>
            {hint.map(|h| view! { <div id=hint_id.clone() class="govuk-hint">{h}</div> })}
            {move || error().map(|e| view! {
                <p id=error_id.clone() class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{e}</p>
            })}
            <input
                class=input_class
                id=id
                name=name.unwrap_or(id)
                type=input_type
                value=value
                autocomplete=autocomplete
                spellcheck="false"
                aria-describedby=described
            />
        </div>
    }
}

/// A select with its label and inline error.
#[component]
pub fn Select(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    choices: Vec<Choice>,
    #[prop(optional, into)] selected: String,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let error = move || message_for(&errors.get(), id);
    let group_class = move || {
        if error().is_some() {
            "govuk-form-group govuk-form-group--error"
        } else {
            "govuk-form-group"
        }
    };
    let select_class = move || {
        if error().is_some() {
            "govuk-select govuk-select--error"
        } else {
            "govuk-select"
        }
    };
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class=group_class>
            <label class="govuk-label" for=id>{label}</label>
            {hint.map(|h| view! { <div id=hint_id.clone() class="govuk-hint">{h}</div> })}
            {move || error().map(|e| view! {
                <p id=error_id.clone() class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{e}</p>
            })}
            <select class=select_class id=id name=id aria-describedby=described>
                {choices.into_iter().map(|c| {
                    let is_selected = c.value == selected;
                    view! { <option value=c.value selected=is_selected>{c.label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// The green banner that confirms something worked.
#[component]
pub fn SuccessBanner(#[prop(into)] message: String) -> impl IntoView {
    view! {
        <div class="govuk-notification-banner govuk-notification-banner--success" role="alert"
            aria-labelledby="success-banner-title" data-testid="success-banner">
            <div class="govuk-notification-banner__header">
                <h2 class="govuk-notification-banner__title" id="success-banner-title">"Success"</h2>
            </div>
            <div class="govuk-notification-banner__content">
                <p class="govuk-notification-banner__heading">{message}</p>
            </div>
        </div>
    }
}

/// Sends the browser to `to` with a full page load (JavaScript on), so that everything on the
/// page — the header included — shows the new state.
pub fn reload_to(to: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = leptos::prelude::window().location().assign(to);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = to;
}
