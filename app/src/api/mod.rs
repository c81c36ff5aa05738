//! Server functions, grouped by area. Each is thin: it authorises first, parses its input into
//! domain types, calls the repositories, and maps failures to [`AppError`]. Endpoints are named
//! explicitly so that their URLs are stable for tests and other clients.

pub mod partnerships;

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use crate::db::Db;
    use crate::error::AppError;
    use chrono::NaiveDate;
    use std::sync::Arc;

    /// What server functions need from the running server: provided as context per request.
    #[derive(Clone, Debug)]
    pub struct ServerContext {
        pub db: Db,
        pub settings: Arc<AppSettings>,
    }

    /// Settings the application (rather than the HTTP server) reads.
    #[derive(Clone, Debug)]
    pub struct AppSettings {
        /// Demo mode: the demo data may be loaded and demo sign-ins are accepted.
        pub demo_mode: bool,
        /// A fixed "today" for demonstrations and tests; the real date when `None`.
        pub today: Option<NaiveDate>,
        /// The indicator shown beside each partnership on the first page.
        pub headline_indicator: String,
    }

    impl Default for AppSettings {
        fn default() -> Self {
            Self {
                demo_mode: true,
                today: None,
                headline_indicator: "NI 116".into(),
            }
        }
    }

    impl ServerContext {
        pub fn today(&self) -> NaiveDate {
            self.settings
                .today
                .unwrap_or_else(|| chrono::Utc::now().date_naive())
        }
    }

    /// The request's [`ServerContext`].
    pub fn context() -> Result<ServerContext, AppError> {
        leptos::prelude::use_context::<ServerContext>().ok_or_else(|| {
            tracing::error!("server function called without a ServerContext");
            AppError::Internal("TB-NO-CONTEXT".into())
        })
    }
}
