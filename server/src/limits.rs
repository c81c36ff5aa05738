//! How big a request body may be, by the kind of route, in one place. A body declared larger
//! (`Content-Length`) is refused at once with 413 and a message saying the limit, before
//! anyone is looked up or anything is read; a body sent without a length is read up to the
//! limit and refused the same way when it goes past it. Upload routes also keep axum's
//! `DefaultBodyLimit` at their size (set in [`crate::router`]) for their multipart reader.

use crate::setup_uploads::MAX_LIST_UPLOAD;
use crate::uploads::{MAX_BOUNDARY_UPLOAD, MAX_UPLOAD};
use app::error::{AppError, FieldError};
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Server functions: the biggest form (a plan's texts at 10,000 characters each, URL-encoded)
/// is a few hundred kilobytes.
pub const MAX_SERVER_FN: usize = 1024 * 1024;
/// A participant's ballot or comment at a stakeholder event.
pub const MAX_EVENT_FORM: usize = 64 * 1024;
/// Anything else (pages, downloads, plain form posts the pages make): no big bodies.
pub const MAX_OTHER: usize = 256 * 1024;

/// The kinds of route, each with its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteKind {
    MeasurementUpload,
    BoundaryUpload,
    ListUpload,
    ServerFunction,
    EventForm,
    Other,
}

impl RouteKind {
    pub fn of(path: &str) -> Self {
        match path {
            "/admin/imports/upload" => Self::MeasurementUpload,
            "/admin/boundaries/upload" => Self::BoundaryUpload,
            "/admin/setup/organisations/upload" | "/admin/setup/people/upload" => Self::ListUpload,
            p if p.starts_with("/api/") => Self::ServerFunction,
            p if p.starts_with("/e/") || p == "/e" => Self::EventForm,
            _ => Self::Other,
        }
    }

    /// The most bytes a body may hold.
    pub fn limit(self) -> usize {
        match self {
            Self::MeasurementUpload => MAX_UPLOAD,
            Self::BoundaryUpload => MAX_BOUNDARY_UPLOAD,
            Self::ListUpload => MAX_LIST_UPLOAD,
            Self::ServerFunction => MAX_SERVER_FN,
            Self::EventForm => MAX_EVENT_FORM,
            Self::Other => MAX_OTHER,
        }
    }

    fn is_upload(self) -> bool {
        matches!(
            self,
            Self::MeasurementUpload | Self::BoundaryUpload | Self::ListUpload
        )
    }
}

/// "20 MB", "64 KB".
fn size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{} KB", bytes / 1024)
    }
}

/// 413 with the limit in words: JSON of an [`AppError`] for server functions (which the pages
/// read), plain text otherwise.
fn too_large(kind: RouteKind) -> Response {
    let message = if kind.is_upload() {
        format!(
            "The file is too large: Trustboard accepts files of at most {} here",
            size(kind.limit())
        )
    } else {
        format!(
            "What was sent is too large: Trustboard accepts at most {} here",
            size(kind.limit())
        )
    };
    tracing::warn!(
        ?kind,
        limit = kind.limit(),
        "refused a request body over its limit"
    );
    if kind == RouteKind::ServerFunction {
        let body = serde_json::to_string(&AppError::Invalid(vec![FieldError::new("", &message)]))
            .unwrap_or_default();
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            body,
        )
            .into_response();
    }
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        message,
    )
        .into_response()
}

/// Refuses bodies over their route kind's limit (see the module's documentation).
pub async fn body_limits(req: Request, next: Next) -> Response {
    let kind = RouteKind::of(req.uri().path());
    let limit = kind.limit();
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return too_large(kind);
    }
    let bodiless = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        && declared.is_none()
        && !req.headers().contains_key(header::TRANSFER_ENCODING);
    if kind.is_upload() || bodiless {
        // Uploads are read by their handler within the same limit (`DefaultBodyLimit`).
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(e) => {
            let over = std::iter::successors(Some(&e as &(dyn std::error::Error + 'static)), |e| {
                e.source()
            })
            .any(|e| e.is::<http_body_util::LengthLimitError>());
            if over {
                too_large(kind)
            } else {
                tracing::info!(error = %e, "a request body could not be read");
                (StatusCode::BAD_REQUEST, "The request could not be read").into_response()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_route_kind_has_its_limit() {
        assert_eq!(
            RouteKind::of("/admin/imports/upload"),
            RouteKind::MeasurementUpload
        );
        assert_eq!(
            RouteKind::of("/admin/boundaries/upload"),
            RouteKind::BoundaryUpload
        );
        assert_eq!(
            RouteKind::of("/admin/setup/people/upload"),
            RouteKind::ListUpload
        );
        assert_eq!(RouteKind::of("/api/plans/save"), RouteKind::ServerFunction);
        assert_eq!(RouteKind::of("/e/K7R4MX/ballot"), RouteKind::EventForm);
        assert_eq!(RouteKind::of("/partnerships/gosport"), RouteKind::Other);
        assert_eq!(size(MAX_EVENT_FORM), "64 KB");
        assert_eq!(size(MAX_UPLOAD), "20 MB");
    }
}
