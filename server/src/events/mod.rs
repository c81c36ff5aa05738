//! Stakeholder events' public side: joining by code, the participant's page with its ballot and
//! comment box, the projector, the live streams (server-sent events) and the results files.
//! Plain axum handlers drawing whole documents (`app::pages::events::public`), so that a phone
//! on venue Wi-Fi never waits for the app's WebAssembly.

mod listen;
mod live;
mod map;
mod participant;
mod projector;

use crate::AppState;
use axum::routing::{get, post};
use axum::Router;

pub use listen::spawn_listener;

/// The routes: `/e` and `/e/{code}…` for participants, `/events/{id}/…` for the facilitator.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/e", get(participant::join))
        .route("/e/{code}", get(participant::page))
        .route("/e/{code}/ballot", post(participant::ballot))
        .route("/e/{code}/comment", post(participant::comment))
        .route("/e/{code}/live", get(live::participant_stream))
        .route("/events/{id}/projector", get(projector::projector))
        .route("/events/{id}/live", get(live::projector_stream))
        .route("/events/{id}/export/{file}", get(projector::export))
}

/// The document shell: the style sheet's address and this response's nonce.
pub(crate) fn shell(
    state: &AppState,
    nonce: Option<axum::Extension<crate::security::CspNonce>>,
) -> app::pages::events::public::Shell {
    app::pages::events::public::Shell {
        stylesheet: state.stylesheet.to_string(),
        nonce: nonce.map(|n| n.0 .0.clone()).unwrap_or_default(),
    }
}

/// A whole HTML document as the answer, with its status.
pub(crate) fn html(status: axum::http::StatusCode, body: String) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}
