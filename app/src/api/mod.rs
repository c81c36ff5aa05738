//! Server functions, grouped by area. Each is thin: it authorises first, parses its input into
//! domain types, calls the repositories, and maps failures to [`AppError`]. Endpoints are named
//! explicitly so that their URLs are stable for tests and other clients.
//!
//! Forms work without JavaScript: a plain form post gets a redirect, and its errors (and every
//! character typed, to put back) are kept on the server for the next page, which reads them
//! once through [`take_flash`]; the browser holds only a random key in a small cookie. With
//! JavaScript the same server function answers the page directly. Errors become HTTP statuses
//! in one place (`server/src/answers.rs`, from [`AppError::status`]).

pub mod assessments;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod catalogue;
pub mod cycle;
pub mod dashboard;
pub mod due;
pub mod events;
pub mod imports;
pub mod map;
pub mod map_panel;
pub mod midyear;
pub mod partnerships;
pub mod people;
pub mod plans;
pub mod setup;

use crate::error::{AppError, FieldError};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a form post leaves for the page it returns to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Flash {
    pub errors: Vec<FieldError>,
    /// The values typed into a form not (yet) declared with [`crate::form!`], by name (never
    /// passwords).
    pub values: BTreeMap<String, String>,
    /// What was typed into a form declared with [`crate::form!`], whole.
    pub form: Option<serde_json::Value>,
    /// After a stale save, the revision saved now: saving again replaces it knowingly.
    pub revision: Option<i64>,
    /// A success message.
    pub notice: Option<String>,
    /// The page (its path) a notice left by the page's own code belongs to. That code shows the
    /// outcome itself (in place, or by loading this page afresh), so the notice is shown only
    /// when this page is loaded; read anywhere else — a link followed within the application —
    /// it is discarded, never shown on the wrong page. `None` (a plain form post, answered by a
    /// redirect to the page) shows on the next page.
    #[serde(default)]
    pub page: Option<String>,
}

impl Flash {
    pub fn value(&self, field: &str) -> String {
        self.values.get(field).cloned().unwrap_or_default()
    }

    /// The value typed into `field`, if the flash carries one.
    pub fn get(&self, field: &str) -> Option<String> {
        self.values.get(field).cloned()
    }

    /// The form as it was typed, when this flash carries one of that type.
    pub fn form<F: serde::de::DeserializeOwned>(&self) -> Option<F> {
        self.form
            .as_ref()
            .and_then(|v| serde_json::from_value(v.clone()).ok())
    }
}

/// The cookie that holds the key of what a form post left for the next page.
pub const FLASH_COOKIE: &str = "tb_flash";

/// Reads (and clears) what a form post left for this page, if anything.
#[server(prefix = "/api", endpoint = "flash", input = GetUrl)]
pub async fn take_flash() -> Result<Option<Flash>, AppError> {
    server::take_flash().await
}

/// Where a request's server function leaves its [`Flash`]; the server's flash layer stores it
/// once the response is made.
#[derive(Clone, Debug, Default)]
pub struct FlashSlot(std::sync::Arc<std::sync::Mutex<Option<Flash>>>);

impl FlashSlot {
    pub fn put(&self, flash: Flash) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(flash);
        }
    }

    pub fn take(&self) -> Option<Flash> {
        self.0.lock().ok().and_then(|mut slot| slot.take())
    }
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::Flash;
    use crate::auth::CurrentUser;
    use crate::db::audit::Actor;
    use crate::db::Db;
    use crate::domain::auth::{authorise as decide, Action, Denial, Principal, Target};
    use crate::error::AppError;
    use axum::http::{header, request::Parts, HeaderValue};
    use chrono::NaiveDate;
    use leptos::prelude::use_context;
    use leptos_axum::ResponseOptions;
    use std::sync::Arc;
    use std::time::Duration;

    /// What server functions need from the running server: provided as context per request.
    #[derive(Clone, Debug)]
    pub struct ServerContext {
        pub db: Db,
        pub settings: Arc<AppSettings>,
        /// Imports running on this server, and how far each has got.
        pub progress: crate::api::imports::Progress,
        /// The comparison dashboard's inputs, while the data version stands still.
        pub dashboard: crate::api::dashboard::DashboardCache,
        /// The map's drawn shapes, while the data version stands still.
        pub map_shapes: crate::api::map::ShapesCache,
        /// Turns for hashing and checking passwords (a bounded number at once).
        pub hashing: crate::auth::gate::Gate,
        /// Stakeholder events' live results, for the projectors and phones connected here.
        pub live: crate::api::events::live::LiveHub,
        /// Sends e-mail when a mail server is configured (`None`: nothing is sent).
        pub mailer: Option<crate::mail::Mailer>,
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
        /// Served over TLS: Secure cookies with the `__Host-` prefix, and HSTS.
        pub secure_cookies: bool,
        /// A session ends after this long without a request.
        pub session_idle: Duration,
        /// A session ends this long after sign-in, whatever the activity.
        pub session_lifetime: Duration,
        /// One unit of the delay that slows repeated sign-in failures.
        pub throttle_unit: Duration,
        /// The address people reach Trustboard at (no trailing slash), for links in e-mail and
        /// calendar feeds, e.g. `https://trustboard.example.org`.
        pub public_url: String,
        /// The roles whose holders must sign in with a second factor.
        pub second_factor_roles: crate::domain::auth::second_factor::RequiredRoles,
    }

    impl Default for AppSettings {
        fn default() -> Self {
            Self {
                demo_mode: true,
                today: None,
                headline_indicator: "NI 116".into(),
                secure_cookies: false,
                session_idle: Duration::from_secs(60 * 60),
                session_lifetime: Duration::from_secs(12 * 60 * 60),
                throttle_unit: Duration::from_secs(1),
                public_url: "http://127.0.0.1:3000".into(),
                second_factor_roles: Default::default(),
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
        use_context::<ServerContext>().ok_or_else(|| {
            tracing::error!("server function called without a ServerContext");
            AppError::Internal("TB-NO-CONTEXT".into())
        })
    }

    /// The person signed in for this request, if any.
    pub fn current_user() -> CurrentUser {
        use_context::<CurrentUser>().unwrap_or_default()
    }

    /// Checks the rules table before anything else happens: the signed-in person (if any) when
    /// allowed, an "unauthenticated" or "forbidden" error (with its status) when not.
    pub fn authorise(action: Action, target: Target) -> Result<Option<Principal>, AppError> {
        let who = current_user().principal;
        match decide(who.as_ref(), action, target) {
            Ok(()) => Ok(who),
            Err(denial) => {
                tracing::warn!(
                    action = action.as_str(),
                    ?target,
                    user = who.as_ref().map(|p| p.user_id),
                    "refused"
                );
                Err(match denial {
                    Denial::Unauthenticated => AppError::Unauthenticated,
                    Denial::Forbidden => AppError::Forbidden,
                })
            }
        }
    }

    /// As [`authorise`], for actions that need someone signed in.
    pub fn authorise_signed_in(action: Action, target: Target) -> Result<Principal, AppError> {
        authorise(action, target)?.ok_or_else(|| AppError::Unauthenticated)
    }

    /// Hashes a new password (on a blocking thread, when the server's hashing gate gives a
    /// turn); too busy is said so, a failure is logged and reported as ours.
    pub async fn hash_new_password(
        password: &crate::domain::auth::NewPassword,
    ) -> Result<String, AppError> {
        use crate::auth::{hash_password_through, HashError};
        let ctx = context()?;
        hash_password_through(&ctx.hashing, password.expose().to_string())
            .await
            .map_err(|e| match e {
                HashError::Busy(_) => AppError::Busy,
                HashError::Failed(e) => {
                    let reference = format!("TB-HASH-{}", chrono::Utc::now().timestamp());
                    tracing::error!(%reference, error = %e, "password hashing failed");
                    AppError::Internal(reference)
                }
            })
    }

    /// Starts a session for `user_id` in the caller's transaction (ending the one this browser
    /// presented, if any) and returns the `Set-Cookie` value to send once it commits.
    pub async fn start_session(
        tx: &mut crate::db::Tx,
        ctx: &ServerContext,
        user_id: i64,
    ) -> Result<String, AppError> {
        use crate::domain::auth::second_factor::SessionStage;
        start_session_at(tx, ctx, user_id, SessionStage::Full).await
    }

    /// How long a session waiting for a second factor lasts.
    pub const PENDING_SESSION: Duration = Duration::from_secs(10 * 60);

    /// As [`start_session`], at `stage`: a session waiting for a second factor lasts ten
    /// minutes. The address and browser it starts from are kept for the person to see.
    pub async fn start_session_at(
        tx: &mut crate::db::Tx,
        ctx: &ServerContext,
        user_id: i64,
        stage: crate::domain::auth::second_factor::SessionStage,
    ) -> Result<String, AppError> {
        use crate::auth::{cookie_name, new_token, session_cookie, token_hash};
        use crate::domain::auth::second_factor::SessionStage;
        let secure = ctx.settings.secure_cookies;
        if let Some(old) = request_cookie(cookie_name(secure)) {
            crate::db::accounts::delete_session_in(tx, &token_hash(&old)).await?;
        }
        let token = new_token();
        let lifetime = match stage {
            SessionStage::Full => ctx.settings.session_lifetime,
            _ => PENDING_SESSION,
        };
        let expires = crate::db::now()
            + chrono::TimeDelta::from_std(lifetime).unwrap_or(chrono::TimeDelta::hours(12));
        let address = client_address();
        let agent = parts().and_then(|p| {
            p.headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        });
        let hash = token_hash(&token);
        let session = crate::db::accounts::NewSession {
            token_hash: &hash,
            user_id,
            expires_at: expires,
            stage,
            address: Some(&address),
            user_agent: agent.as_deref(),
        };
        crate::db::accounts::insert_session(tx, &session).await?;
        Ok(session_cookie(&token, secure, lifetime.as_secs() as i64))
    }

    pub fn actor(p: &Principal) -> Actor {
        Actor {
            user_id: Some(p.user_id),
            name: p.display_name.clone(),
        }
    }

    fn parts() -> Option<Parts> {
        use_context::<Parts>()
    }

    /// True for a browser's own form submission (JavaScript off), false for a call from the
    /// page's code or another client.
    pub fn is_plain_form_post() -> bool {
        parts()
            .and_then(|p| {
                p.headers
                    .get(header::ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .map(|v| v.contains("text/html"))
            })
            .unwrap_or(false)
    }

    /// The address of the person making the request, as the server's client-address layer
    /// decided it: the connection's peer, or, when the peer is a configured trusted proxy, the
    /// address that proxy forwarded (`X-Forwarded-For`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct ClientAddress(pub std::net::IpAddr);

    impl std::fmt::Display for ClientAddress {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            self.0.fmt(f)
        }
    }

    /// The client's address, for sign-in throttling and the record of sign-ins.
    pub fn client_address() -> String {
        parts()
            .and_then(|p| {
                p.extensions
                    .get::<ClientAddress>()
                    .map(ClientAddress::to_string)
                    .or_else(|| {
                        p.extensions
                            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                            .map(|c| c.0.ip().to_string())
                    })
            })
            .unwrap_or_else(|| "unknown".into())
    }

    /// The request's cookie of that name.
    pub fn request_cookie(name: &str) -> Option<String> {
        let parts = parts()?;
        parts
            .headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|h| crate::auth::read_cookie(h, name).map(str::to_string))
    }

    pub fn set_cookie(value: &str) {
        if let (Some(res), Ok(v)) = (
            use_context::<ResponseOptions>(),
            HeaderValue::from_str(value),
        ) {
            res.append_header(header::SET_COOKIE, v);
        }
    }

    fn set_flash(flash: Flash) {
        match parts().and_then(|p| p.extensions.get::<super::FlashSlot>().cloned()) {
            Some(slot) => slot.put(flash),
            None => tracing::warn!("no flash slot for this request: its message is not kept"),
        }
    }

    pub(super) async fn take_flash() -> Result<Option<Flash>, AppError> {
        let Some(key) = request_cookie(super::FLASH_COOKIE).filter(|k| !k.is_empty()) else {
            return Ok(None);
        };
        set_cookie(&format!(
            "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0",
            super::FLASH_COOKIE
        ));
        let ctx = context()?;
        let payload = crate::db::form_stash::take(&ctx.db, &crate::auth::token_hash(&key)).await?;
        let here = parts().map(|p| p.uri.path().to_string());
        Ok(
            payload.and_then(|p| match serde_json::from_str::<Flash>(&p) {
                Ok(flash) => match &flash.page {
                    Some(page) if Some(page) != here.as_ref() => None,
                    _ => Some(flash),
                },
                Err(e) => {
                    tracing::warn!(error = %e, "a stored flash could not be read");
                    None
                }
            }),
        )
    }

    /// Answers a failed form: for a plain form post, sends the browser back to `back` with the
    /// errors and the values typed (kept on the server, see [`super::Flash`]); for a call from
    /// the page, the error itself answers. Returns the error for the server function to return.
    pub fn fail(err: AppError, back: &str, values: &[(&str, &str)]) -> AppError {
        let values = values
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        refuse(
            err,
            back,
            Flash {
                values,
                ..Flash::default()
            },
        )
    }

    /// As [`fail`], for a form declared with [`crate::form!`]: it comes back whole.
    pub fn fail_form<F: serde::Serialize>(err: AppError, back: &str, form: &F) -> AppError {
        let form = match serde_json::to_value(form) {
            Ok(v) => Some(v),
            Err(e) => {
                tracing::error!(error = %e, "a form could not be kept for its page");
                None
            }
        };
        refuse(
            err,
            back,
            Flash {
                form,
                ..Flash::default()
            },
        )
    }

    fn refuse(err: AppError, back: &str, mut flash: Flash) -> AppError {
        if is_plain_form_post() {
            flash.errors = err.form_errors();
            // After a stale save the form comes back based on what is saved now, so that saving
            // again replaces it knowingly.
            if let AppError::Stale { revision, .. } = &err {
                flash.revision = Some(*revision);
            }
            set_flash(flash);
            super::auth::redirect_locally(back);
        }
        err
    }

    /// Answers a successful form: the notice waits in the flash for the next page; a plain
    /// form post is sent on to `to` (the page's own code loads `to` itself).
    pub fn succeed(to: &str, notice: Option<&str>) {
        let plain = is_plain_form_post();
        if let Some(n) = notice {
            set_flash(Flash {
                notice: Some(n.to_string()),
                // Called from the page's code: only a fresh load of `to` shows it.
                page: (!plain).then(|| page_path(to)),
                ..Flash::default()
            });
        }
        if plain {
            super::auth::redirect_locally(to);
        }
    }

    /// As [`succeed`], leaving `form` (shown once by the page `to`, then gone: it is kept on the
    /// server, read once, never in a cookie) with the notice.
    pub fn succeed_with_form<F: serde::Serialize>(to: &str, notice: &str, form: &F) {
        let plain = is_plain_form_post();
        set_flash(Flash {
            notice: Some(notice.to_string()),
            form: serde_json::to_value(form).ok(),
            page: (!plain).then(|| page_path(to)),
            ..Flash::default()
        });
        if plain {
            super::auth::redirect_locally(to);
        }
    }

    /// The path of a local address, without its query or fragment.
    fn page_path(to: &str) -> String {
        to.split(['?', '#']).next().unwrap_or(to).to_string()
    }
}
