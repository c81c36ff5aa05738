//! Structured logs with `tracing`. `RUST_LOG` sets the filter; the format is pretty for people
//! or JSON for log collectors.

use crate::config::LogFormat;
use tracing_subscriber::{fmt, prelude::*, EnvFilter};

pub fn init(format: &LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info,leptos_axum=warn"));
    let registry = tracing_subscriber::registry().with(filter);
    // A second initialisation (as in tests) is harmless: the first subscriber stays.
    let _ = match format {
        LogFormat::Json => registry
            // Every span the line is in (the request's carries its id).
            .with(
                fmt::layer()
                    .json()
                    .with_current_span(false)
                    .with_span_list(true),
            )
            .try_init(),
        LogFormat::Pretty => registry.with(fmt::layer().compact()).try_init(),
    };
}

/// The span of one HTTP request: its id (from `X-Request-Id`, set by the request-id layer just
/// before), method and path. Every log line written while the request is handled carries them.
pub fn request_span(req: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        request_id = %id,
        method = %req.method(),
        path = %logged_path(req.uri().path()),
    )
}

/// The path as logged: the secret in a set-your-password link or a calendar feed's address is
/// left out.
fn logged_path(path: &str) -> &str {
    ["/set-password/", "/calendar/"]
        .into_iter()
        .find(|p| path.starts_with(p))
        .unwrap_or(path)
}

/// Request ids are made here: one sent from outside is dropped (it could be anything, and
/// the logs must be able to trust it).
pub async fn drop_outside_request_id(mut req: axum::extract::Request) -> axum::extract::Request {
    req.headers_mut().remove("x-request-id");
    req
}
