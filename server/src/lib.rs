//! The Trustboard server: configuration, telemetry, the HTTP stack and operator commands.

pub mod admin;
pub mod answers;
pub mod assets;
pub mod config;
pub mod demo;
pub mod downloads;
pub mod events;
pub mod export;
pub mod limits;
pub mod monitoring;
pub mod net;
pub mod ops;
pub mod reminders;
pub mod security;
pub mod setup_uploads;
pub mod telemetry;
pub mod uploads;

use app::api::{AppSettings, ServerContext};
use app::db::{Db, PoolSettings};
use app::{shell, App};
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json};
use axum::routing::get;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub use config::Settings;

/// Everything a request handler may need.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub ctx: ServerContext,
    /// The style sheet's address (with its content's hash), for the documents drawn without
    /// Leptos (the stakeholder events' public pages).
    pub stylesheet: Arc<str>,
    /// The proxies whose `X-Forwarded-For` names the client (none: the peer is the client).
    pub trusted_proxies: Arc<net::AddressList>,
    /// `/metrics`: the request counters and who may read them.
    pub monitoring: monitoring::Monitoring,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// Leptos's options: from cargo-leptos's environment when it runs us, with our settings for
/// the address and the site folder.
pub fn leptos_options(settings: &Settings) -> LeptosOptions {
    let mut options = match leptos::config::get_configuration(None) {
        Ok(conf) => conf.leptos_options,
        Err(e) => {
            tracing::warn!(error = %e, "Leptos configuration from the environment is invalid; using defaults");
            LeptosOptions::builder()
                .output_name(app::OUTPUT_NAME)
                .build()
        }
    };
    if options.output_name.is_empty() {
        options.output_name = app::OUTPUT_NAME.into();
    }
    options.site_addr = settings.addr;
    options.site_root = settings.site_root.to_string_lossy().as_ref().into();
    options.hash_files = assets::hashed_names(&options);
    options
}

/// Opens the database named in the settings and brings its schema up to date.
pub async fn open_database(settings: &Settings) -> anyhow_like::Result<Db> {
    let pool = PoolSettings {
        max_connections: settings.max_connections,
        ..PoolSettings::default()
    };
    let db = Db::connect(&settings.database_url, &pool).await?;
    db.migrate().await?;
    Ok(db)
}

/// A tiny error-chain type for start-up and operator commands (which print and exit).
pub mod anyhow_like {
    pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;
}

/// What every page render and server function gets as context: the server's context, the
/// person signed in (from the session layer) and the response's CSP nonce.
fn request_context(ctx: ServerContext) -> impl Fn() + Clone + Send + Sync + 'static {
    move || {
        provide_context(ctx.clone());
        if let Some(parts) = use_context::<axum::http::request::Parts>() {
            if let Some(user) = parts.extensions.get::<app::auth::CurrentUser>() {
                provide_context(user.clone());
            }
            if let Some(nonce) = parts.extensions.get::<security::CspNonce>() {
                provide_context(leptos::nonce::Nonce::from_value(nonce.0.clone()));
            }
        }
    }
}

/// The application's router. Layers run outside-in: tracing, compression (of pages and
/// answers: the assets are compressed when built), security headers, CSRF, then the session.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(monitoring::metrics))
        .merge(assets::router(&options))
        .merge(events::router())
        .route("/calendar/{file}", get(reminders::feed::calendar))
        .route(
            "/partnerships/{slug}/plans/{year}/export/{file}",
            get(downloads::download),
        )
        .route("/dashboard/exceptions/{file}", get(downloads::exceptions))
        .route("/admin/backup/download", get(ops::download::download))
        .route(
            "/self-assessments/{year}/export/{file}",
            get(downloads::assessment_report),
        )
        .route(
            "/mid-year-reviews/{year}/export/{file}",
            get(downloads::roll_up),
        )
        .route(
            "/admin/boundaries/upload",
            axum::routing::post(uploads::upload_boundaries).layer(
                axum::extract::DefaultBodyLimit::max(uploads::MAX_BOUNDARY_UPLOAD),
            ),
        )
        .route(
            "/admin/setup/organisations/upload",
            axum::routing::post(setup_uploads::organisations).layer(
                axum::extract::DefaultBodyLimit::max(setup_uploads::MAX_LIST_UPLOAD),
            ),
        )
        .route(
            "/admin/setup/people/upload",
            axum::routing::post(setup_uploads::people).layer(axum::extract::DefaultBodyLimit::max(
                setup_uploads::MAX_LIST_UPLOAD,
            )),
        )
        .route(
            "/admin/imports/upload",
            axum::routing::post(uploads::upload)
                .layer(axum::extract::DefaultBodyLimit::max(uploads::MAX_UPLOAD)),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            request_context(state.ctx.clone()),
            move || shell(options.clone()),
        )
        // Every route above notes its template for the request metrics.
        .route_layer(axum::middleware::from_fn(monitoring::mark_route))
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(request_context(state.ctx.clone()), shell))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            answers::flash_layer,
        ))
        .layer(axum::middleware::from_fn(answers::server_fn_status))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::session_layer,
        ))
        .layer(axum::middleware::from_fn(security::csrf_layer))
        .layer(axum::middleware::from_fn(limits::body_limits))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::headers_layer,
        ))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            state.trusted_proxies.clone(),
            net::client_address_layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            monitoring::track,
        ))
        // Every request's id: made here (never taken from outside), in its span (so in every
        // log line of the request) and in the `X-Request-Id` response header.
        .layer(TraceLayer::new_for_http().make_span_with(telemetry::request_span))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(axum::middleware::map_request(
            telemetry::drop_outside_request_id,
        ))
        .with_state(state)
}

/// `/healthz`: 200 when the database answers within two seconds, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let db = &state.ctx.db;
    let backend = db.backend().name();
    match tokio::time::timeout(Duration::from_secs(2), db.ping()).await {
        Ok(Ok(())) => (
            StatusCode::OK,
            Json(
                serde_json::json!({ "status": "ok", "database": "reachable", "backend": backend }),
            ),
        ),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(
                    serde_json::json!({ "status": "unavailable", "database": "unreachable", "backend": backend }),
                ),
            )
        }
        Err(_) => {
            tracing::error!("health check: database did not answer within 2 s");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(
                    serde_json::json!({ "status": "unavailable", "database": "timeout", "backend": backend }),
                ),
            )
        }
    }
}

/// Builds the state for a database and settings.
pub fn state(db: Db, settings: &Settings) -> AppState {
    let leptos_options = leptos_options(settings);
    AppState {
        stylesheet: assets::stylesheet_href(&leptos_options).into(),
        trusted_proxies: Arc::new(settings.trusted_proxies.clone()),
        monitoring: monitoring::Monitoring::new(settings.metrics_allow.clone()),
        leptos_options,
        ctx: ServerContext {
            db,
            progress: Default::default(),
            dashboard: Default::default(),
            map_shapes: Default::default(),
            hashing: Default::default(),
            live: Default::default(),
            mailer: reminders::mailer(settings),
            settings: Arc::new(AppSettings {
                demo_mode: settings.demo,
                today: settings.today,
                secure_cookies: settings.secure_cookies,
                session_idle: settings.session_idle,
                session_lifetime: settings.session_lifetime,
                throttle_unit: settings.throttle_unit,
                public_url: settings.public_url(),
                second_factor_roles: settings.second_factor_roles(),
                ..AppSettings::default()
            }),
        },
    }
}

/// Serves on `listener` until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Live results hear of changes made through any app server (PostgreSQL).
    let announcements = events::spawn_listener(&state.ctx.db, &state.ctx.live);
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await;
    if let Some(task) = announcements {
        task.abort();
    }
    served
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "could not listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "could not listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Marks failed the imports left running by a server that stopped or restarted (their lease
/// has lapsed; imports another live server is running keep theirs), so that their page says
/// so and they can be run again. Run before serving, and with the housekeeping.
pub async fn recover_interrupted_imports(db: &Db) -> Result<Vec<i64>, app::db::DbError> {
    use app::db::import_jobs::{recover_interrupted, LEASE};
    let lease = chrono::TimeDelta::from_std(LEASE).unwrap_or(chrono::TimeDelta::minutes(1));
    let ids = recover_interrupted(db, app::db::now() - lease).await?;
    if !ids.is_empty() {
        tracing::warn!(imports = ?ids, "imports interrupted by a stopped server marked failed");
    }
    Ok(ids)
}

/// Removes ended sessions and old sign-in attempts, and marks failed the imports of stopped
/// servers, every quarter of an hour, for as long as the server runs.
pub fn spawn_housekeeping(state: &AppState) -> tokio::task::JoinHandle<()> {
    let db = state.ctx.db.clone();
    let idle = state.ctx.settings.session_idle;
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(15 * 60));
        loop {
            every.tick().await;
            let now = app::db::now();
            let idle_since =
                now - chrono::TimeDelta::from_std(idle).unwrap_or(chrono::TimeDelta::hours(1));
            match app::db::accounts::purge_expired_sessions(&db, now, idle_since).await {
                Ok(n) if n > 0 => tracing::info!(sessions = n, "removed ended sessions"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "could not remove ended sessions"),
            }
            if let Err(e) =
                app::db::accounts::purge_sign_in_attempts(&db, now - chrono::TimeDelta::days(1))
                    .await
            {
                tracing::warn!(error = %e, "could not remove old sign-in attempts");
            }
            if let Err(e) =
                app::db::events::purge_join_throttle(&db, now - chrono::TimeDelta::hours(1)).await
            {
                tracing::warn!(error = %e, "could not forget old wrong join codes");
            }
            if let Err(e) = recover_interrupted_imports(&db).await {
                tracing::warn!(error = %e, "could not look for interrupted imports");
            }
        }
    })
}
