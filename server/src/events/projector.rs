//! The facilitator's projector page and the results files, authorised by the one rule for who
//! runs an event (`app::api::events::guard::may_run`).

use crate::answers::{answer, internal};
use crate::security::CspNonce;
use crate::AppState;
use app::auth::CurrentUser;
use app::domain::events::StakeholderEvent;
use app::error::AppError;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

/// The event, when the person signed in may run it; otherwise the refusal to send.
pub(super) async fn run_by(
    state: &AppState,
    id: i64,
    user: Option<Extension<CurrentUser>>,
) -> Result<StakeholderEvent, Response> {
    let who = user.and_then(|Extension(u)| u.principal);
    if who.is_none() {
        return Err(answer(AppError::Unauthenticated));
    }
    let event = match app::db::events::find(&state.ctx.db, id).await {
        Ok(Some(e)) => e,
        Ok(None) => return Err(answer(AppError::NotFound("That event".into()))),
        Err(e) => return Err(internal("event lookup failed", e)),
    };
    app::api::events::guard::may_run(who.as_ref(), &event).map_err(answer)?;
    Ok(event)
}

/// The event's results as they stand, with at most `comments` comments.
async fn counted(
    state: &AppState,
    event: &StakeholderEvent,
    comments: i64,
) -> Result<app::domain::events::EventResults, Response> {
    app::db::events::results(&state.ctx.db, event, app::db::now(), comments)
        .await
        .map_err(|e| internal("event results: could not be counted", e))
}

/// The address people type: this server as the browser reached it, then `/e/CODE`.
fn join_url(headers: &HeaderMap, secure: bool, code: &str) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    format!(
        "{}://{host}/e/{code}",
        if secure { "https" } else { "http" }
    )
}

/// A QR code of `text` as SVG (dark modules on white, with its quiet zone).
fn qr_svg(text: &str) -> Result<String, qrcode::types::QrError> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(240, 240)
        .dark_color(svg::Color("#0b0c0c"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // Inline in the page: without the XML declaration.
    Ok(match image.find("<svg") {
        Some(i) => image[i..].to_string(),
        None => image,
    })
}

/// `/events/{id}/projector`.
pub async fn projector(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    user: Option<Extension<CurrentUser>>,
    nonce: Option<Extension<CspNonce>>,
) -> Response {
    let signed_in = user
        .as_ref()
        .is_some_and(|Extension(u)| u.principal.is_some());
    if !signed_in {
        return Redirect::to(&format!("/sign-in?next=/events/{id}/projector")).into_response();
    }
    let event = match run_by(&state, id, user).await {
        Ok(e) => e,
        Err(refusal) => return refusal,
    };
    let results = match counted(&state, &event, app::db::events::NEWEST_COMMENTS).await {
        Ok(r) => r,
        Err(refusal) => return refusal,
    };
    let url = join_url(&headers, state.ctx.settings.secure_cookies, &event.code);
    let qr = match qr_svg(&url) {
        Ok(svg) => svg,
        Err(e) => return internal("projector: the QR code could not be drawn", e),
    };
    let shell = super::shell(&state, nonce);
    super::html(
        StatusCode::OK,
        app::pages::events::public::projector_document(&shell, &event, &results, &qr, &url),
    )
}

/// `/events/{id}/export/results.csv` and `results.xlsx`.
pub async fn export(
    State(state): State<AppState>,
    Path((id, file)): Path<(i64, String)>,
    user: Option<Extension<CurrentUser>>,
) -> Response {
    let event = match run_by(&state, id, user).await {
        Ok(e) => e,
        Err(refusal) => return refusal,
    };
    let results = match counted(&state, &event, app::api::events::COMMENTS_LISTED).await {
        Ok(r) => r,
        Err(refusal) => return refusal,
    };
    let name = format!("event-{}-results", event.code.to_lowercase());
    crate::downloads::built_off_thread("event results", move || {
        Ok(match file.as_str() {
            "results.csv" => (
                crate::export::results_csv(&results).into_bytes(),
                "text/csv; charset=utf-8",
                format!("{name}.csv"),
            ),
            "results.xlsx" => (
                crate::export::results_xlsx(&event, &results).map_err(|e| e.to_string())?,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                format!("{name}.xlsx"),
            ),
            _ => return Err(String::new()),
        })
    })
    .await
}
