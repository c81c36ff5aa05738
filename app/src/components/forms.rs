//! GOV.UK form patterns: the error summary that links to fields, inputs with inline errors,
//! selects, and the success banner.

use crate::api::Flash;
use crate::domain::form::Field;
use crate::domain::Choice;
use crate::error::{AppError, FieldError};
use leptos::prelude::*;

/// The errors to show: those of an action's last answer where the page runs it itself, else
/// those a plain form post left in the flash. Pages are drawn on the server only, so there it
/// is always the flash; the islands keep their own.
pub fn errors_of<T: Clone + Send + Sync + 'static>(
    result: Option<Result<T, AppError>>,
    flash: &Option<Flash>,
) -> Vec<FieldError> {
    match result {
        Some(Err(e)) => e.form_errors(),
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
                                        // A field on this page, or (starting with /) on another.
                                        let href = if e.field.starts_with('/') { e.field.clone() } else { format!("#{}", e.field) };
                                        view! { <li><a href=href>{e.message}</a></li> }.into_any()
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

/// The ids that describe a control: its hint, and its error message when it has one.
fn described_by(
    id: String,
    hint: bool,
    errors: Signal<Vec<FieldError>>,
) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
    move || {
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{id}-hint"));
        }
        if message_for(&errors.get(), &id).is_some() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A field's error message (when it has one) and its form group's classes, as they follow the
/// errors.
fn field_error(
    id: &str,
    errors: Signal<Vec<FieldError>>,
) -> (
    impl Fn() -> Option<String> + Clone + Send + Sync + 'static,
    impl Fn() -> &'static str + Clone + Send + Sync + 'static,
) {
    let id = id.to_string();
    let error = move || message_for(&errors.get(), &id);
    let group = {
        let error = error.clone();
        move || {
            if error().is_some() {
                "govuk-form-group govuk-form-group--error"
            } else {
                "govuk-form-group"
            }
        }
    };
    (error, group)
}

/// The GOV.UK form group around a control: label, hint and inline error.
#[component]
fn FormGroup(
    id: String,
    label: String,
    hint: Option<String>,
    errors: Signal<Vec<FieldError>>,
    children: Children,
) -> impl IntoView {
    let (error, group_class) = field_error(&id, errors);
    view! {
        <div class=group_class>
            <label class="govuk-label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div id=format!("{id}-hint") class="govuk-hint">{h}</div> })}
            {let error_id = format!("{id}-error"); move || error().map(|e| view! {
                <p id=error_id.clone() class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{e}</p>
            })}
            {children()}
        </div>
    }
}

/// A control's classes: the base, an optional width, and the error modifier when it has one.
fn control_class(
    base: &'static str,
    width: Option<&'static str>,
    id: String,
    errors: Signal<Vec<FieldError>>,
) -> impl Fn() -> String + Send + Sync + 'static {
    move || {
        let mut c = String::from(base);
        if let Some(w) = width {
            c.push(' ');
            c.push_str(w);
        }
        if message_for(&errors.get(), &id).is_some() {
            c.push(' ');
            c.push_str(base);
            c.push_str("--error");
        }
        c
    }
}

/// A text input with its label, hint and inline error.
#[component]
pub fn TextInput(
    /// A field of a form declared with `form!`: gives the id and the name.
    #[prop(optional)]
    field: Option<Field>,
    /// The input's id (the error summary links here); also its name unless `name` is given.
    #[prop(optional, into)]
    id: String,
    #[prop(optional, into)] name: Option<String>,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] value: String,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(optional)] width: Option<&'static str>,
) -> impl IntoView {
    let (id, name) = id_and_name(field, id, name);
    let has_hint = hint.is_some();
    view! {
        <FormGroup id=id.clone() label hint errors>
            <input
                class=control_class("govuk-input", width, id.clone(), errors)
                id=id.clone()
                name=name
                type=input_type
                value=value
                autocomplete=autocomplete
                spellcheck="false"
                aria-describedby=described_by(id, has_hint, errors)
            />
        </FormGroup>
    }
}

/// A select with its label, hint and inline error.
#[component]
pub fn Select(
    #[prop(optional)] field: Option<Field>,
    #[prop(optional, into)] id: String,
    /// The field's name, when it differs from the id.
    #[prop(optional, into)]
    name: Option<String>,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    choices: Vec<Choice>,
    #[prop(optional, into)] selected: String,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let (id, name) = id_and_name(field, id, name);
    let has_hint = hint.is_some();
    view! {
        <FormGroup id=id.clone() label hint errors>
            <select class=control_class("govuk-select", None, id.clone(), errors) id=id.clone() name=name aria-describedby=described_by(id, has_hint, errors)>
                {choices.into_iter().map(|c| {
                    let is_selected = c.value == selected;
                    view! { <option value=c.value selected=is_selected>{c.label}</option> }
                }).collect_view()}
            </select>
        </FormGroup>
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

/// A textarea with its label, hint and inline error.
#[component]
pub fn TextArea(
    #[prop(optional)] field: Option<Field>,
    #[prop(optional, into)] id: String,
    #[prop(optional, into)] name: Option<String>,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] value: String,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(default = 5)] rows: u32,
) -> impl IntoView {
    let (id, name) = id_and_name(field, id, name);
    let has_hint = hint.is_some();
    view! {
        <FormGroup id=id.clone() label hint errors>
            <textarea
                class=control_class("govuk-textarea", None, id.clone(), errors)
                id=id.clone()
                name=name
                rows=rows
                aria-describedby=described_by(id, has_hint, errors)
            >{value}</textarea>
        </FormGroup>
    }
}

/// A group of checkboxes, each named `name[value]`, in a fieldset with a legend.
#[component]
pub fn Checkboxes(
    #[prop(optional)] field: Option<Field>,
    #[prop(optional, into)] id: String,
    #[prop(optional, into)] name: Option<String>,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: Option<String>,
    choices: Vec<Choice>,
    checked: Vec<String>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let (id, name) = id_and_name(field, id, name);
    let (error, group_class) = field_error(&id, errors);
    let has_hint = hint.is_some();
    view! {
        <div class=group_class>
            <fieldset class="govuk-fieldset" id=id.clone() aria-describedby=described_by(id.clone(), has_hint, errors) tabindex="-1">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                {hint.map(|h| view! { <div id=format!("{id}-hint") class="govuk-hint">{h}</div> })}
                {let error_id = format!("{id}-error"); move || error().map(|e| view! {
                    <p id=error_id.clone() class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{e}</p>
                })}
                <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    {choices.into_iter().enumerate().map(|(i, c)| {
                        let input_id = format!("{id}-{i}");
                        let is_checked = checked.contains(&c.value);
                        view! {
                            <div class="govuk-checkboxes__item">
                                <input class="govuk-checkboxes__input" id=input_id.clone() name=format!("{name}[{}]", c.value) type="checkbox" value="on" checked=is_checked />
                                <label class="govuk-label govuk-checkboxes__label" for=input_id>{c.label}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

/// Radios in a fieldset with a legend; the first radio carries the group's id (for the error
/// summary's link).
#[component]
pub fn Radios(
    #[prop(optional)] field: Option<Field>,
    #[prop(optional, into)] id: String,
    /// The radios' name, when it differs from the id.
    #[prop(optional, into)]
    name: Option<String>,
    #[prop(into)] legend: String,
    choices: Vec<Choice>,
    #[prop(optional, into)] selected: String,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let (id, name) = id_and_name(field, id, name);
    let (error, group_class) = field_error(&id, errors);
    let described = {
        let (id, error) = (id.clone(), error.clone());
        move || error().map(|_| format!("{id}-error"))
    };
    view! {
        <div class=group_class>
            <fieldset class="govuk-fieldset" aria-describedby=described>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                {let error_id = format!("{id}-error"); move || error().map(|e| view! {
                    <p id=error_id.clone() class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{e}</p>
                })}
                <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
                    {choices.into_iter().enumerate().map(|(i, c)| {
                        let input_id = if i == 0 { id.clone() } else { format!("{id}-{i}") };
                        let is_checked = c.value == selected;
                        view! {
                            <div class="govuk-radios__item">
                                <input class="govuk-radios__input" id=input_id.clone() name=name.clone() type="radio" value=c.value checked=is_checked />
                                <label class="govuk-label govuk-radios__label" for=input_id>{c.label}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

/// A control's id and name: from its form's field when it has one (the id is the field's key,
/// the name `form[key]`), else the id given and the name given (or the id).
fn id_and_name(field: Option<Field>, id: String, name: Option<String>) -> (String, String) {
    match field {
        Some(f) => (
            if id.is_empty() {
                f.key().to_string()
            } else {
                id
            },
            name.unwrap_or_else(|| f.name()),
        ),
        None => {
            let name = name.unwrap_or_else(|| id.clone());
            (id, name)
        }
    }
}

/// The revision a form's save is based on. It follows the last answer from this page: after a
/// save, the new revision; after a stale save, the one now stored (so saving again replaces it
/// knowingly).
pub fn revision_after<T, F>(initial: i64, result: Option<Result<T, AppError>>, saved: F) -> i64
where
    F: Fn(&T) -> i64,
{
    match result {
        Some(Ok(v)) => saved(&v),
        Some(Err(AppError::Stale { revision, .. })) => revision,
        _ => initial,
    }
}

/// A form posted to a server function (`action` is its path): a plain form post, the same
/// with JavaScript off and on. `novalidate`: the server's parser has the last word, and its
/// messages follow the GOV.UK pattern.
#[component]
pub fn PostForm(
    action: &'static str,
    #[prop(optional)] testid: &'static str,
    children: Children,
) -> impl IntoView {
    let testid = (!testid.is_empty()).then_some(testid);
    view! {
        <form method="post" action=action novalidate=true data-testid=testid>{children()}</form>
    }
}
