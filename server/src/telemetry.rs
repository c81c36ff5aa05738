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
            .with(fmt::layer().json().with_current_span(false))
            .try_init(),
        LogFormat::Pretty => registry.with(fmt::layer().compact()).try_init(),
    };
}
