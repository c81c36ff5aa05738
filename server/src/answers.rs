//! How the application's answers reach HTTP, each in one place:
//!
//! - [`answer`]: an [`AppError`] as a plain (non-server-function) response, with the status that
//!   [`AppError::status`] gives it.
//! - [`server_fn_status`]: a server function's error (which Leptos sends as a bare 500) given
//!   that same status, so that clients other than the page, and the logs, see 403, 404, 409 or
//!   422.
//! - [`flash_layer`]: what a form post leaves for the next page (errors, every character typed,
//!   a notice) kept on the server under a random key; the browser holds only that key.

use crate::AppState;
use app::api::{FlashSlot, FLASH_COOKIE};
use app::error::AppError;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// An application error as a plain response: its status and the message people see.
pub fn answer(err: AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        err.to_string(),
    )
        .into_response()
}

/// A failure on our side as a plain response: logged with a reference, which the person is
/// given.
pub fn internal(what: &str, e: impl std::fmt::Display) -> Response {
    let reference = app::error::reference();
    tracing::error!(%reference, error = %e, "{what}");
    answer(AppError::Internal(reference))
}

/// Server functions' errors are encoded as JSON; the biggest is a form's field errors.
const MAX_ERROR_BODY: usize = 256 * 1024;

/// Gives a server function's error response the status of its [`AppError`].
pub async fn server_fn_status(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res
            .headers()
            .contains_key(leptos::server_fn::error::SERVER_FN_ERROR_HEADER)
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_ERROR_BODY).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "a server function's error could not be read");
            return answer(AppError::Internal("TB-ERROR-BODY".into()));
        }
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(err.status()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Gives every request a [`FlashSlot`]; after the response is made, stores what a form left in
/// it and sends the key as a small cookie.
pub async fn flash_layer(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let db = &state.ctx.db;
    let slot = FlashSlot::default();
    req.extensions_mut().insert(slot.clone());
    let mut res = next.run(req).await;
    let Some(flash) = slot.take() else {
        return res;
    };
    let key = app::auth::new_token();
    let stored = match serde_json::to_string(&flash) {
        Ok(payload) => app::db::form_stash::put(db, &app::auth::token_hash(&key), &payload)
            .await
            .map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    match stored {
        Ok(()) => {
            let secure = if state.ctx.settings.secure_cookies {
                "; Secure"
            } else {
                ""
            };
            let cookie = format!(
                "{FLASH_COOKIE}={key}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
                app::db::form_stash::LIFETIME_MINUTES * 60
            );
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
        }
        // The person sees the page as it is saved; the log says why their message is missing.
        Err(e) => tracing::error!(error = %e, "what a form left for the next page was not kept"),
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_answers_with_its_own_status_and_message() {
        let res = answer(AppError::NotFound("That plan".into()));
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        let res = answer(AppError::Forbidden);
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
}
