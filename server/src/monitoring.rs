//! `/metrics`: the server's measurements in the Prometheus text format, for the addresses the
//! operator allows (`TRUSTBOARD_METRICS_ALLOW`, loopback by default; others get 404, as if
//! there were nothing there).
//!
//! - HTTP requests counted and timed by method, **route template** (`/partnerships/{slug}/plans/{year}`,
//!   `/api/plans/save-action`, never a raw path with ids: the labels stay few) and status.
//!   Requests that match no route are counted under `unmatched`.
//! - Read at each scrape: the database pool (size, idle, in use, maximum), the signed-in
//!   sessions alive now, the imports running, and the live event connections to this server.
//!
//! Each server state has its own recorder (no process-wide global), so tests can run several
//! servers in one process.

use crate::net::AddressList;
use crate::AppState;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusRecorder};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

const REQUESTS: &str = "trustboard_http_requests_total";
const DURATION: &str = "trustboard_http_request_duration_seconds";

/// Latency buckets, in seconds: from a cached page to a slow export.
const BUCKETS: [f64; 12] = [
    0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// This server's recorder and who may read it.
#[derive(Clone)]
pub struct Monitoring {
    recorder: Arc<PrometheusRecorder>,
    allow: AddressList,
}

impl std::fmt::Debug for Monitoring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Monitoring")
            .field("allow", &self.allow)
            .finish_non_exhaustive()
    }
}

impl Monitoring {
    pub fn new(allow: AddressList) -> Self {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(DURATION.into()), &BUCKETS)
            .map(PrometheusBuilder::build_recorder)
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "latency buckets refused; timing as summaries");
                PrometheusBuilder::new().build_recorder()
            });
        metrics::with_local_recorder(&recorder, || {
            metrics::describe_counter!(
                REQUESTS,
                "HTTP requests answered, by method, route template and status"
            );
            metrics::describe_histogram!(DURATION, metrics::Unit::Seconds, "Time to answer an HTTP request (to its first byte), by method, route template and status");
            metrics::describe_gauge!(
                "trustboard_db_pool_connections",
                "Database connections open, by state (idle, in_use)"
            );
            metrics::describe_gauge!(
                "trustboard_db_pool_max_connections",
                "The database pool's most connections"
            );
            metrics::describe_gauge!(
                "trustboard_sessions_signed_in",
                "Sessions alive now (not expired, not idle too long)"
            );
            metrics::describe_gauge!(
                "trustboard_imports_running",
                "Measurement imports running now"
            );
            metrics::describe_gauge!(
                "trustboard_live_event_connections",
                "Projectors and participants following live event results on this server"
            );
            metrics::describe_gauge!(
                "trustboard_metrics_scrape_errors",
                "Figures that could not be read at the last scrape"
            );
        });
        Self {
            recorder: Arc::new(recorder),
            allow,
        }
    }

    fn record(&self, method: &str, route: String, status: u16, seconds: f64) {
        metrics::with_local_recorder(&*self.recorder, || {
            let labels = [
                ("method", method.to_string()),
                ("route", route),
                ("status", status.to_string()),
            ];
            metrics::counter!(REQUESTS, &labels).increment(1);
            metrics::histogram!(DURATION, &labels).record(seconds);
        });
    }
}

/// The route a request matched, carried on its response to [`track`] (which runs before
/// routing, so cannot see it on the request).
#[derive(Debug, Clone)]
struct Route(Arc<str>);

/// Put on every route (with `route_layer`): notes the matched route template on the response.
pub async fn mark_route(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| Route(m.as_str().into()));
    let mut res = next.run(req).await;
    if let Some(r) = route {
        res.extensions_mut().insert(r);
    }
    res
}

/// Counts and times every request by its route template and status.
pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().as_str().to_string();
    let res = next.run(req).await;
    let route = res
        .extensions()
        .get::<Route>()
        .map_or_else(|| "unmatched".to_string(), |r| r.0.to_string());
    state.monitoring.record(
        &method,
        route,
        res.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    res
}

/// `GET /metrics`, for the allowed addresses only (by the connection's peer, never a
/// forwarded header).
pub async fn metrics(State(state): State<AppState>, req: Request) -> Response {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>();
    let allowed = peer.is_some_and(|ConnectInfo(addr)| state.monitoring.allow.contains(addr.ip()));
    if !allowed {
        return StatusCode::NOT_FOUND.into_response();
    }
    let figures = read_figures(&state).await;
    let m = &state.monitoring;
    metrics::with_local_recorder(&*m.recorder, || {
        let (size, idle, max) = pool_figures(&state.ctx.db);
        metrics::gauge!("trustboard_db_pool_connections", "state" => "idle").set(idle as f64);
        metrics::gauge!("trustboard_db_pool_connections", "state" => "in_use")
            .set(size.saturating_sub(idle) as f64);
        metrics::gauge!("trustboard_db_pool_max_connections").set(f64::from(max));
        metrics::gauge!("trustboard_live_event_connections")
            .set(state.ctx.live.connections() as f64);
        metrics::gauge!("trustboard_sessions_signed_in").set(figures.sessions.unwrap_or(-1) as f64);
        metrics::gauge!("trustboard_imports_running").set(figures.imports.unwrap_or(-1) as f64);
        metrics::gauge!("trustboard_metrics_scrape_errors").set(f64::from(figures.errors));
    });
    let handle = m.recorder.handle();
    handle.run_upkeep();
    (
        [
            (
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        handle.render(),
    )
        .into_response()
}

/// Connections open, idle, and the most allowed.
fn pool_figures(db: &app::db::Db) -> (usize, usize, u32) {
    match db {
        app::db::Db::Sqlite(p) => (
            p.size() as usize,
            p.num_idle(),
            p.options().get_max_connections(),
        ),
        app::db::Db::Postgres(p) => (
            p.size() as usize,
            p.num_idle(),
            p.options().get_max_connections(),
        ),
    }
}

struct Figures {
    sessions: Option<i64>,
    imports: Option<i64>,
    errors: u32,
}

/// The figures read from the database (each `None`, logged and counted, when it cannot be).
async fn read_figures(state: &AppState) -> Figures {
    let db = &state.ctx.db;
    let now = app::db::now();
    let idle = chrono::TimeDelta::from_std(state.ctx.settings.session_idle)
        .unwrap_or(chrono::TimeDelta::hours(1));
    let sessions = count(
        db,
        "SELECT COUNT(*) FROM user_session s JOIN user_account u ON u.id = s.user_id \
         WHERE s.expires_at > $1 AND s.last_seen_at > $2 AND NOT u.disabled",
        Some((now, now - idle)),
    )
    .await;
    let imports = count(
        db,
        "SELECT COUNT(*) FROM import_job WHERE status = 'running'",
        None,
    )
    .await;
    let mut errors = 0;
    let mut ok = |r: Result<i64, sqlx::Error>, what: &str| match r {
        Ok(n) => Some(n),
        Err(e) => {
            errors += 1;
            tracing::warn!(error = %e, "metrics: could not count {what}");
            None
        }
    };
    Figures {
        sessions: ok(sessions, "sessions"),
        imports: ok(imports, "running imports"),
        errors,
    }
}

type Moment = chrono::DateTime<chrono::Utc>;

async fn count(
    db: &app::db::Db,
    sql: &str,
    binds: Option<(Moment, Moment)>,
) -> Result<i64, sqlx::Error> {
    match db {
        app::db::Db::Sqlite(p) => {
            let mut q = sqlx::query_scalar::<_, i64>(sql);
            if let Some((a, b)) = binds {
                q = q.bind(a).bind(b);
            }
            q.fetch_one(p).await
        }
        app::db::Db::Postgres(p) => {
            let mut q = sqlx::query_scalar::<_, i64>(sql);
            if let Some((a, b)) = binds {
                q = q.bind(a).bind(b);
            }
            q.fetch_one(p).await
        }
    }
}
