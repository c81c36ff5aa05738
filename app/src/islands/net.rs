//! The islands' requests to the server functions, through the browser's own `fetch`,
//! `URLSearchParams` and `JSON.parse`: the WebAssembly carries no serialisation code (serde,
//! the server-function client), which would cost more than all the islands together.
//!
//! Server functions answer JSON: the output on success; the [`AppError`] on refusal, with its
//! status. [`app_error`] reads the latter back into the application's one error type.

use crate::error::{AppError, FieldError};
use leptos::wasm_bindgen::JsValue;
#[cfg(feature = "hydrate")]
use leptos::web_sys::js_sys::{Reflect, JSON};
use leptos::web_sys::UrlSearchParams;

/// A refused or failed request: the server's error, or why it could not be reached.
pub type Refusal = AppError;

/// GET `url`, read as JSON.
pub async fn get(url: &str) -> Result<JsValue, Refusal> {
    send(url, None).await
}

/// POST `params` (form-encoded, as a form post) to `url`, read as JSON.
pub async fn post(url: &str, params: &UrlSearchParams) -> Result<JsValue, Refusal> {
    send(url, Some(params)).await
}

#[cfg(feature = "hydrate")]
async fn send(url: &str, params: Option<&UrlSearchParams>) -> Result<JsValue, Refusal> {
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{RequestInit, Response};
    use wasm_bindgen_futures::JsFuture;
    let unreachable = |_| AppError::Communication("the connection failed".into());
    let init = RequestInit::new();
    if let Some(p) = params {
        init.set_method("POST");
        init.set_body(p.as_ref());
    }
    let promise = leptos::prelude::window().fetch_with_str_and_init(url, &init);
    let res: Response = JsFuture::from(promise)
        .await
        .map_err(unreachable)?
        .dyn_into()
        .map_err(unreachable)?;
    let text = JsFuture::from(res.text().map_err(unreachable)?)
        .await
        .map_err(unreachable)?
        .as_string()
        .unwrap_or_default();
    let body = JSON::parse(&text).unwrap_or(JsValue::UNDEFINED);
    if res.ok() {
        Ok(body)
    } else {
        Err(app_error(&body))
    }
}

#[cfg(not(feature = "hydrate"))]
async fn send(_url: &str, _params: Option<&UrlSearchParams>) -> Result<JsValue, Refusal> {
    Err(AppError::Communication("not in a browser".into()))
}

/// `value`'s property `key`.
#[cfg(feature = "hydrate")]
pub fn prop(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

#[cfg(not(feature = "hydrate"))]
pub fn prop(_value: &JsValue, _key: &str) -> JsValue {
    JsValue::UNDEFINED
}

fn text(value: &JsValue) -> String {
    value.as_string().unwrap_or_default()
}

fn field_errors(value: &JsValue) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut i = 0u32;
    loop {
        let e = prop(value, &i.to_string());
        if e.is_undefined() || e.is_null() {
            return errors;
        }
        errors.push(FieldError::new(
            &text(&prop(&e, "field")),
            text(&prop(&e, "message")),
        ));
        i += 1;
    }
}

/// The [`AppError`] a server function answered with (as serde writes it: a unit variant as
/// its name, the others as `{"Variant": content}`).
pub fn app_error(body: &JsValue) -> AppError {
    if let Some(name) = body.as_string() {
        return match name.as_str() {
            "Unauthenticated" => AppError::Unauthenticated,
            "Forbidden" => AppError::Forbidden,
            "TooManyAttempts" => AppError::TooManyAttempts,
            "Busy" => AppError::Busy,
            "CrossSite" => AppError::CrossSite,
            "NotSetUp" => AppError::NotSetUp,
            _ => AppError::Communication("an unexpected answer".into()),
        };
    }
    let of = |variant: &str| prop(body, variant);
    let stale = of("Stale");
    if !stale.is_undefined() {
        return AppError::Stale {
            message: text(&prop(&stale, "message")),
            revision: prop(&stale, "revision").as_f64().unwrap_or(0.0) as i64,
            fields: field_errors(&prop(&stale, "fields")),
        };
    }
    let invalid = of("Invalid");
    if !invalid.is_undefined() {
        return AppError::Invalid(field_errors(&invalid));
    }
    for (variant, make) in [
        ("NotFound", AppError::NotFound as fn(String) -> AppError),
        ("Conflict", AppError::Conflict),
        ("Internal", AppError::Internal),
        ("Communication", AppError::Communication),
    ] {
        if let Some(s) = of(variant).as_string() {
            return make(s);
        }
    }
    AppError::Communication("an unexpected answer".into())
}

/// The form's fields, form-encoded as the browser would post them.
#[cfg(feature = "hydrate")]
pub fn form_params(form: &leptos::web_sys::HtmlFormElement) -> Option<UrlSearchParams> {
    let data = leptos::web_sys::FormData::new_with_form(form).ok()?;
    UrlSearchParams::new_with_str_sequence_sequence(data.as_ref()).ok()
}

#[cfg(not(feature = "hydrate"))]
pub fn form_params(_form: &leptos::web_sys::HtmlFormElement) -> Option<UrlSearchParams> {
    None
}
