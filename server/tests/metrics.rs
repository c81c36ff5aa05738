//! `/metrics` and request ids over HTTP, on both backends: the request counters by route
//! template and status with their latency buckets, the pool, session, import and live-connection
//! gauges; refused to addresses not allowed; and every response's own `X-Request-Id`, which every
//! log line of the request carries.

mod common;

use common::{TestApp, DEMO_PASSWORD};
use std::collections::BTreeSet;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

const ADMIN: &str = "admin@trustboard.example";
const CHAIR: &str = "chair.gosport@trustboard.example";

async fn demo_app(t: &common::TestDb) -> TestApp {
    server::demo::load(&t.db, common::today()).await.unwrap();
    TestApp::spawn(t.db.clone()).await
}

/// The lines of the metrics text for `name` whose labels include every one of `labels`.
fn lines<'a>(text: &'a str, name: &str, labels: &[&str]) -> Vec<&'a str> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter(|l| l.split(['{', ' ']).next() == Some(name))
        .filter(|l| labels.iter().all(|want| l.contains(want)))
        .collect()
}

/// The value of the one line for `name` with `labels`.
fn value(text: &str, name: &str, labels: &[&str]) -> f64 {
    let found = lines(text, name, labels);
    assert_eq!(found.len(), 1, "{name} {labels:?}: {found:?}\n{text}");
    found[0]
        .rsplit(' ')
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("a number: {}", found[0]))
}

on_both_backends!(metrics_count_requests_by_route_and_read_the_gauges, |t| {
    let app = demo_app(&t).await;
    let admin = app.sign_in(ADMIN, DEMO_PASSWORD).await.unwrap();
    let _chair = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    for _ in 0..3 {
        assert_eq!(
            app.get_as("/partnerships/gosport/plans", Some(&admin))
                .await
                .status(),
            200
        );
    }
    assert_eq!(
        app.get_as("/partnerships/havant/plans", Some(&admin))
            .await
            .status(),
        200
    );
    assert_eq!(app.get("/no/such/page/12345").await.status(), 404);
    assert_eq!(app.get_as("/api/account", None).await.status(), 401);

    let res = app.get("/metrics").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let text = res.text().await.unwrap();

    // Requests by route template (one series for both partnerships), method and status.
    let route = r#"route="/partnerships/{slug}/plans""#;
    assert_eq!(
        value(
            &text,
            "trustboard_http_requests_total",
            &[route, r#"method="GET""#, r#"status="200""#]
        ),
        4.0
    );
    assert!(
        !text.contains("/partnerships/gosport") && !text.contains("/partnerships/havant"),
        "no raw paths"
    );
    assert_eq!(
        value(
            &text,
            "trustboard_http_requests_total",
            &[
                r#"route="/api/auth/sign-in""#,
                r#"method="POST""#,
                r#"status="200""#
            ]
        ),
        2.0
    );
    assert_eq!(
        value(
            &text,
            "trustboard_http_requests_total",
            &[r#"route="/api/account""#, r#"status="401""#]
        ),
        1.0
    );
    assert!(
        value(
            &text,
            "trustboard_http_requests_total",
            &[r#"route="unmatched""#, r#"status="404""#]
        ) >= 1.0
    );
    assert!(!text.contains("12345"), "an unmatched path is not a label");
    // Their latency, in buckets.
    let buckets = lines(
        &text,
        "trustboard_http_request_duration_seconds_bucket",
        &[route, r#"status="200""#],
    );
    assert!(buckets.len() >= 12, "{buckets:?}");
    assert_eq!(
        value(
            &text,
            "trustboard_http_request_duration_seconds_bucket",
            &[route, r#"status="200""#, r#"le="+Inf""#]
        ),
        4.0
    );
    assert_eq!(
        value(
            &text,
            "trustboard_http_request_duration_seconds_count",
            &[route, r#"status="200""#]
        ),
        4.0
    );
    assert!(
        value(
            &text,
            "trustboard_http_request_duration_seconds_sum",
            &[route, r#"status="200""#]
        ) > 0.0
    );
    // The pool, the sessions alive (the two sign-ins above), imports and live connections.
    assert!(
        value(
            &text,
            "trustboard_db_pool_connections",
            &[r#"state="idle""#]
        ) >= 0.0
    );
    assert!(
        value(
            &text,
            "trustboard_db_pool_connections",
            &[r#"state="in_use""#]
        ) >= 1.0,
        "the scrape holds one"
    );
    assert!(value(&text, "trustboard_db_pool_max_connections", &[]) >= 1.0);
    let sessions = common::scalar_i64(&t.db, "SELECT COUNT(*) FROM user_session").await;
    assert_eq!(
        value(&text, "trustboard_sessions_signed_in", &[]),
        sessions as f64
    );
    assert!(sessions >= 2);
    assert_eq!(value(&text, "trustboard_imports_running", &[]), 0.0);
    assert_eq!(value(&text, "trustboard_live_event_connections", &[]), 0.0);
    assert_eq!(value(&text, "trustboard_metrics_scrape_errors", &[]), 0.0);

    // Signing out is one session fewer at the next scrape.
    assert_eq!(
        app.post_as("/api/auth/sign-out", Some(&admin), &[])
            .await
            .status(),
        200
    );
    let text = app.get("/metrics").await.text().await.unwrap();
    assert_eq!(
        value(&text, "trustboard_sessions_signed_in", &[]),
        (sessions - 1) as f64
    );
    assert_eq!(
        value(
            &text,
            "trustboard_http_requests_total",
            &[r#"route="/metrics""#, r#"status="200""#]
        ),
        1.0
    );
});

on_both_backends!(metrics_are_refused_to_addresses_not_allowed, |t| {
    for allow in ["10.0.0.0/8, 192.0.2.7", ""] {
        let app = TestApp::spawn_with(t.db.clone(), |s| {
            s.metrics_allow = server::net::AddressList::parse(allow).unwrap();
        })
        .await;
        let res = app.get("/metrics").await;
        assert_eq!(res.status(), 404, "allow list {allow:?}");
        let body = res.text().await.unwrap();
        assert!(!body.contains("trustboard_"), "nothing is given away");
        // A forwarded address changes nothing: the connection's peer is what counts.
        let res = app
            .client
            .get(app.url("/metrics"))
            .header("x-forwarded-for", "10.1.2.3")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
    }
    let app = TestApp::spawn_with(t.db.clone(), |s| {
        s.metrics_allow = server::net::AddressList::parse("127.0.0.1").unwrap();
    })
    .await;
    assert_eq!(
        app.get("/metrics").await.status(),
        200,
        "the loopback address allowed"
    );
    assert_eq!(
        server::Settings::default().metrics_allow,
        server::net::AddressList::loopback(),
        "loopback only by default"
    );
});

/// The log, as the server writes it while these tests run.
fn log() -> Arc<Mutex<Vec<u8>>> {
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOG.get_or_init(|| {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let sink = buf.clone();
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(
                "warn,server::telemetry=info",
            ))
            .with_ansi(false)
            .with_writer(move || Sink(sink.clone()))
            .try_init();
        buf
    })
    .clone()
}

struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

on_both_backends!(every_response_has_its_own_request_id_in_the_log, |t| {
    let log = log();
    let app = TestApp::spawn(t.db.clone()).await;
    let mut ids = BTreeSet::new();
    for path in [
        "/healthz",
        "/",
        "/sign-in",
        "/no/such/page",
        "/api/auth/me",
        "/metrics",
    ] {
        let res = app
            .client
            .get(app.url(path))
            .header("x-request-id", "chosen-by-the-client")
            .send()
            .await
            .unwrap();
        let id = res
            .headers()
            .get("x-request-id")
            .expect("an id")
            .to_str()
            .unwrap()
            .to_string();
        assert_eq!(id.len(), 36, "a UUID: {id}");
        assert_ne!(
            id, "chosen-by-the-client",
            "ids are never taken from outside"
        );
        assert!(ids.insert(id), "{path}: each request its own id");
    }
    // A request that logs (a cross-site post is refused with a warning): its line carries the id.
    let res = app
        .client
        .post(app.url("/api/auth/sign-out"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let id = res.headers()["x-request-id"].to_str().unwrap().to_string();
    let text = String::from_utf8_lossy(&log.lock().unwrap()).to_string();
    let line = text
        .lines()
        .find(|l| l.contains(&id))
        .unwrap_or_else(|| panic!("a log line with the request's id {id}:\n{text}"));
    assert!(line.contains("refused a cross-site request"), "{line}");
});
