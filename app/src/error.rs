//! The one error type every server function returns. People see its message; the log keeps the
//! detail behind it, under the reference the message quotes.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A problem with one field of a form, for the error summary and the field's inline message.
/// `field` is the input's id (the summary links to it); empty for the form as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("You need to sign in to do that.")]
    Unauthenticated,
    #[error("You do not have permission to do that.")]
    Forbidden,
    #[error("{0} could not be found.")]
    NotFound(String),
    #[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(". "))]
    Invalid(Vec<FieldError>),
    #[error(
        "There have been too many attempts to sign in to this account from here. Wait a minute, then try again."
    )]
    TooManyAttempts,
    #[error("Trustboard is busy at the moment and nothing was changed. Wait a few seconds, then try again.")]
    Busy,
    #[error("Your request came from another site, so it was refused. Go back to Trustboard and try again.")]
    CrossSite,
    #[error("Trustboard has not been set up yet: an administrator needs to create the Trust.")]
    NotSetUp,
    #[error("Something went wrong on our side and nothing was changed. Please try again; if it keeps happening, give your administrator this reference: {0}.")]
    Internal(String),
    #[error("Trustboard could not be reached ({0}). Check your connection and try again.")]
    Communication(String),
    /// A save based on a revision that someone else has since replaced. `fields` say, field by
    /// field, what is saved now where it differs from what this person typed; `revision` is the
    /// one now saved, so that saving again replaces it knowingly.
    #[error("{message}")]
    Stale {
        message: String,
        revision: i64,
        fields: Vec<FieldError>,
    },
    /// The request cannot be done in the thing's present state (e.g. editing a submitted plan).
    #[error("{0}")]
    Conflict(String),
}

impl AppError {
    /// A form error about one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid(vec![FieldError::new(field, message)])
    }

    /// The field errors, if this is a form error.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            AppError::Invalid(errors) => errors,
            AppError::Stale { fields, .. } => fields,
            _ => &[],
        }
    }

    /// Everything to show in a form's error summary and beside its fields.
    pub fn form_errors(&self) -> Vec<FieldError> {
        match self {
            AppError::Invalid(errors) => errors.clone(),
            AppError::Stale {
                message, fields, ..
            } => std::iter::once(FieldError::new("", message.clone()))
                .chain(fields.iter().cloned())
                .collect(),
            other => vec![FieldError::new("", other.to_string())],
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound(_) => 404,
            AppError::Invalid(_) => 422,
            AppError::TooManyAttempts => 429,
            AppError::CrossSite => 403,
            AppError::NotSetUp | AppError::Busy => 503,
            AppError::Stale { .. } | AppError::Conflict(_) => 409,
            AppError::Internal(_) | AppError::Communication(_) => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// Failures of the server-function machinery itself. People never see its internals (a
    /// serde message means nothing to them); the log keeps them.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(detail) | ServerFnErrorErr::Deserialization(detail) => {
                log_detail("a request could not be read", &detail);
                AppError::Invalid(vec![FieldError::new(
                    "",
                    "The form could not be read. Go back, check what you entered and try again",
                )])
            }
            ServerFnErrorErr::Request(detail) | ServerFnErrorErr::Response(detail) => {
                log_detail("Trustboard could not be reached", &detail);
                AppError::Communication("the connection failed".into())
            }
            other => {
                log_detail("a server function failed", &other.to_string());
                AppError::Communication("an unexpected answer".into())
            }
        }
    }
}

/// Gives the page being rendered on the server the status of the error it shows (a refused
/// page answers 401, 403 or 404, not 200). Server functions' own answers get theirs in
/// `server/src/answers.rs`; both come from [`AppError::status`].
pub fn answer_page_with(err: &AppError) {
    #[cfg(feature = "ssr")]
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = axum::http::StatusCode::from_u16(err.status()) {
            res.set_status(code);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = err;
}

/// Keeps the technical detail of a failure out of what people see, and in the log (the
/// browser's console with JavaScript on).
fn log_detail(what: &str, detail: &str) {
    #[cfg(feature = "ssr")]
    tracing::warn!(%detail, "{what}");
    #[cfg(not(feature = "ssr"))]
    leptos::logging::warn!("{what}: {detail}");
}

#[cfg(feature = "ssr")]
mod server {
    use super::AppError;
    use crate::db::DbError;
    use std::sync::atomic::{AtomicU32, Ordering};

    static SEQUENCE: AtomicU32 = AtomicU32::new(0);

    /// A short reference that ties what a person is told to the log line with the detail.
    pub fn reference() -> String {
        let seconds = chrono::Utc::now().timestamp() as u32;
        let n = SEQUENCE.fetch_add(1, Ordering::Relaxed);
        format!("TB-{:06X}-{:03X}", seconds & 0xFF_FFFF, n & 0xFFF)
    }

    impl From<DbError> for AppError {
        fn from(err: DbError) -> Self {
            let reference = reference();
            tracing::error!(%reference, error = %err, "storage failure");
            AppError::Internal(reference)
        }
    }
}

#[cfg(feature = "ssr")]
pub use server::reference;
