//! The security layers: who is signed in (sessions), refusing cross-site state changes (CSRF),
//! and the response headers (a nonce-based Content-Security-Policy and friends, and
//! `Cache-Control: no-store` on everything personal).

use crate::AppState;
use app::auth::{cookie_name, read_cookie, token_hash, CurrentUser};
use app::domain::auth::second_factor::SessionStage;
use app::error::AppError;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// The nonce of this response's Content-Security-Policy, for Leptos's inline scripts.
#[derive(Debug, Clone)]
pub struct CspNonce(pub String);

/// Marks a response to a request with a live session: it is personal, so never stored.
#[derive(Debug, Clone, Copy)]
struct SignedIn;

/// Paths that never need to know who is signed in.
fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/healthz"
}

/// Where a person half-way through signing in is sent when they ask for any page but the one
/// that asks for their code (`/sign-in/second-factor`) or has them set it up
/// (`/account/second-factor`); `None` for that page and for server functions (which treat them
/// as not signed in).
fn second_factor_page(stage: SessionStage, path: &str) -> Option<&'static str> {
    let page = match stage {
        SessionStage::Enrol => "/account/second-factor",
        _ => "/sign-in/second-factor",
    };
    (!path.starts_with("/api/") && path != page).then_some(page)
}

/// Don't write `last_seen_at` more often than this for one session.
const TOUCH_EVERY: Duration = Duration::from_secs(60);

/// Reads the session cookie, checks the session is alive and the account enabled, and puts the
/// [`CurrentUser`] into the request.
pub async fn session_layer(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    if is_static(req.uri().path()) {
        return next.run(req).await;
    }
    let settings = &state.ctx.settings;
    let name = cookie_name(settings.secure_cookies);
    let token = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| read_cookie(h, name).map(str::to_string));
    let mut current = CurrentUser::default();
    if let Some(token) = token.filter(|t| !t.is_empty()) {
        let hash = token_hash(&token);
        let now = app::db::now();
        let idle = chrono::TimeDelta::from_std(settings.session_idle)
            .unwrap_or(chrono::TimeDelta::hours(1));
        match app::db::accounts::live_session(&state.ctx.db, &hash, now, now - idle).await {
            Ok(Some(s)) => {
                if now - s.last_seen_at
                    > chrono::TimeDelta::from_std(TOUCH_EVERY).unwrap_or_default()
                {
                    if let Err(e) =
                        app::db::accounts::touch_session(&state.ctx.db, &hash, now).await
                    {
                        tracing::warn!(error = %e, "could not record session activity");
                    }
                }
                match app::db::accounts::principal(&state.ctx.db, s.user_id).await {
                    // Half-way through signing in: only the second factor's own page and calls.
                    Ok(Some(p)) if s.stage != SessionStage::Full.as_str() => {
                        let stage = s.stage.parse().unwrap_or(SessionStage::Code);
                        if let Some(to) = second_factor_page(stage, req.uri().path()) {
                            return axum::response::Redirect::to(to).into_response();
                        }
                        current.session = Some(hash);
                        current.pending = Some(app::auth::Pending {
                            principal: p,
                            stage,
                        });
                    }
                    Ok(p) => {
                        current.session = p.as_ref().map(|_| hash);
                        current.principal = p;
                    }
                    Err(e) => tracing::error!(error = %e, "could not load the signed-in person"),
                }
            }
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "could not read the session"),
        }
    }
    let signed_in = current.session.is_some();
    req.extensions_mut().insert(current);
    let mut res = next.run(req).await;
    if signed_in {
        res.extensions_mut().insert(SignedIn);
    }
    res
}

/// Nothing personal is kept by the browser or a proxy: every server function's answer, and
/// every answer to someone signed in, is `no-store` (a handler's own `no-store` stays as it is;
/// anything laxer is replaced). Static assets never pass the session layer, so keep theirs.
fn forbid_storing(api: bool, res: &mut Response) {
    if !api && res.extensions().get::<SignedIn>().is_none() {
        return;
    }
    let already = res
        .headers()
        .get_all(header::CACHE_CONTROL)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.contains("no-store")));
    if !already {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

/// Whether a state-changing request comes from this site. Browsers say where a request came
/// from in `Sec-Fetch-Site`; older ones send `Origin`. A request with neither did not come from
/// a browser page, so it cannot be a cross-site forgery.
pub fn same_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => {
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            origin
                .split_once("://")
                .map(|(_, rest)| rest.trim_end_matches('/') == host)
                .unwrap_or(false)
        }
    }
}

/// Refuses state-changing requests from other sites.
pub async fn csrf_layer(req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && !same_site(req.headers()) {
        tracing::warn!(path = %req.uri().path(), "refused a cross-site request");
        let body = serde_json::to_string(&AppError::CrossSite).unwrap_or_default();
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response();
    }
    next.run(req).await
}

/// Adds a per-response nonce for the Content-Security-Policy and the other security headers.
pub async fn headers_layer(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let nonce = leptos::nonce::Nonce::new().to_string();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let api = req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    forbid_storing(api, &mut res);
    let h = res.headers_mut();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if state.ctx.settings.secure_cookies {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    res
}

#[cfg(test)]
mod tests {
    use super::same_site;
    use axum::http::HeaderMap;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn cross_site_requests_are_recognised() {
        assert!(same_site(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(same_site(&headers(&[("sec-fetch-site", "none")])));
        assert!(!same_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!same_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(same_site(&headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!same_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!same_site(&headers(&[
            ("origin", "null"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(same_site(&headers(&[])), "not from a browser page");
    }
}
