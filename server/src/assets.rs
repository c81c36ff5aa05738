//! The built site's script, WebAssembly and style sheet (`/pkg/…`).
//!
//! A release build names each file after a hash of its content (cargo-leptos `hash-files`,
//! listed in `hash.txt` beside the executable) and writes Brotli and gzip copies beside it
//! (`--precompress`). They are served as built — the copy the browser accepts, never
//! compressed per request — and, since a name never changes its content, kept by browsers for
//! a year without asking again. Without hashed names (a development build) browsers ask each
//! time whether a file has changed.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use leptos::config::LeptosOptions;
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;

/// For files whose names carry a hash of their content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For files whose names do not: the browser checks first (a `304` costs no body).
pub const REVALIDATE: &str = "no-cache";

/// The list of hashed names cargo-leptos writes beside the executable.
pub fn hash_file(options: &LeptosOptions) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.join(options.hash_file.as_ref()))
}

/// Whether this build's assets carry hashed names: when the build left its list of hashes
/// beside us (and `LEPTOS_HASH_FILES` does not say otherwise). Without the list Leptos could not
/// name the files (it would fail on every page), so it is never assumed.
pub fn hashed_names(options: &LeptosOptions) -> bool {
    let listed = hash_file(options).is_some_and(|p| p.is_file());
    match std::env::var("LEPTOS_HASH_FILES") {
        Ok(v) if v.trim() == "false" => false,
        Ok(v) if v.trim() == "true" && !listed => {
            tracing::warn!(
                "LEPTOS_HASH_FILES is true but the build's hash.txt is not beside the executable; serving unhashed names"
            );
            false
        }
        _ => listed,
    }
}

/// The style sheet's address, as Leptos names it (with its content's hash in a release build).
pub fn stylesheet_href(options: &LeptosOptions) -> String {
    let mut name = options.output_name.to_string();
    if options.hash_files {
        let hashes = hash_file(options).and_then(|p| std::fs::read_to_string(p).ok());
        if let Some(hash) = hashes
            .as_deref()
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.trim().split_once(':'))
            .find(|(file, _)| *file == "css")
            .map(|(_, hash)| hash.trim().to_string())
        {
            name.push('.');
            name.push_str(&hash);
        }
    }
    format!("/{}/{name}.css", options.site_pkg_dir)
}

/// `/pkg/…`, served from `<site root>/<pkg dir>`.
pub fn router<S: Clone + Send + Sync + 'static>(options: &LeptosOptions) -> Router<S> {
    let dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    let policy = if options.hash_files {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    Router::new()
        .nest_service(&format!("/{}", options.site_pkg_dir), files)
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            cache_policy(policy, req, next)
        }))
}

/// Found files get the policy; an answer that a file is missing is not made to last (the file
/// may come with the next build).
async fn cache_policy(policy: &'static str, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    if matches!(res.status(), StatusCode::OK | StatusCode::NOT_MODIFIED) {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    res
}
