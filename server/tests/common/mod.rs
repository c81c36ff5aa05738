//! The test harness: a fresh database per test on either backend, and the real application
//! served on a random port.
#![allow(dead_code)]

use app::db::{Db, PoolSettings};
use server::config::Settings;
use std::net::SocketAddr;

/// The environment variable naming a PostgreSQL server that tests may create databases on,
/// e.g. `postgres://trustboard:secret@127.0.0.1:5432/postgres`. `./scripts/test` sets it.
pub const PG_ENV: &str = "TRUSTBOARD_TEST_POSTGRES_URL";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database that exists for one test. SQLite files live in a temporary folder; PostgreSQL
/// databases are named `tb_test_…` and dropped by the test script at the end of the run.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{}_{}_{}",
        std::process::id(),
        nanos,
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// An empty, migrated database on `backend`.
pub async fn fresh_db(backend: Backend) -> TestDb {
    let (url, dir) = match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temporary folder");
            (
                format!("sqlite:{}", dir.path().join("trustboard.db").display()),
                Some(dir),
            )
        }
        Backend::Postgres => {
            let admin_url = std::env::var(PG_ENV).unwrap_or_else(|_| {
                panic!(
                    "{PG_ENV} is not set: the repository tests run on PostgreSQL as well as SQLite. \
                     Run ./scripts/test, which starts a local PostgreSQL, or set {PG_ENV} to a server \
                     where tests may create databases."
                )
            });
            let name = format!("tb_test_{}", unique_suffix());
            let admin = Db::connect(
                &admin_url,
                &PoolSettings {
                    max_connections: 1,
                    ..Default::default()
                },
            )
            .await
            .expect("connect to the PostgreSQL test server");
            if let Db::Postgres(pool) = &admin {
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(pool)
                    .await
                    .expect("create test database");
            }
            admin.close().await;
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b)
                .unwrap_or(&admin_url)
                .to_string();
            (format!("{base}/{name}"), None)
        }
    };
    let db = Db::connect(&url, &PoolSettings::default())
        .await
        .expect("connect to the test database");
    db.migrate()
        .await
        .expect("migrations apply to an empty database");
    TestDb { db, url, _dir: dir }
}

/// Runs a test body once on SQLite and once on PostgreSQL, as two tests named `sqlite` and
/// `postgres` inside a module named after the test, so the output says which passed.
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident, |$db:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn body($db: $crate::common::TestDb) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                body($crate::common::fresh_db($crate::common::Backend::Sqlite).await).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                body($crate::common::fresh_db($crate::common::Backend::Postgres).await).await
            }
        }
    };
}

/// The date the tests pretend it is.
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

/// The real application serving `db` on a random local port.
pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    /// The server's turns for hashing passwords.
    pub hashing: app::auth::gate::Gate,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl TestApp {
    pub async fn spawn(db: Db) -> TestApp {
        Self::spawn_with(db, |_| {}).await
    }

    /// Serves with the test settings changed by `adjust`.
    pub async fn spawn_with(db: Db, adjust: impl FnOnce(&mut Settings)) -> TestApp {
        Self::spawn_configured(db, adjust, |_| {}).await
    }

    /// Serves with the test settings changed by `adjust`, then Leptos's options by `options`.
    pub async fn spawn_configured(
        db: Db,
        adjust: impl FnOnce(&mut Settings),
        options: impl FnOnce(&mut leptos::config::LeptosOptions),
    ) -> TestApp {
        // `TB_TEST_LOG=warn` shows the server's log while a test runs.
        if let Ok(filter) = std::env::var("TB_TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
                .with_test_writer()
                .try_init();
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a random port");
        let addr = listener.local_addr().expect("local address");
        let mut settings = Settings {
            addr,
            demo: true,
            today: Some(today()),
            throttle_unit: std::time::Duration::from_millis(1),
            // Tests sign administrators and the Board in with passwords only; the second
            // factor's own tests turn it on.
            second_factor_roles: Some(Default::default()),
            ..Settings::default()
        };
        adjust(&mut settings);
        let mut state = server::state(db, &settings);
        options(&mut state.leptos_options);
        let hashing = state.ctx.hashing.clone();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            server::serve(listener, state, async {
                let _ = rx.await;
            })
            .await
            .expect("server runs");
        });
        // A request that gets no answer fails the test within a minute (naming the request)
        // instead of holding the whole run until CI gives up.
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .expect("HTTP client");
        TestApp {
            addr,
            client,
            hashing,
            shutdown: Some(tx),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    /// A GET with a session cookie.
    pub async fn get_as(&self, path: &str, cookie: Option<&str>) -> reqwest::Response {
        let mut req = self.client.get(self.url(path));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send().await.expect("request")
    }

    /// A form POST as the page's own code sends it (same origin), with a session cookie.
    pub async fn post_as(
        &self,
        path: &str,
        cookie: Option<&str>,
        form: &[(&str, String)],
    ) -> reqwest::Response {
        let mut req = self
            .client
            .post(self.url(path))
            .header("sec-fetch-site", "same-origin")
            .form(form);
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send().await.expect("request")
    }

    /// A plain form post, as a browser sends one with JavaScript off (it asks for a page).
    pub async fn plain_post(
        &self,
        path: &str,
        cookie: &str,
        form: &[(&str, String)],
    ) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("accept", "text/html")
            .header("sec-fetch-site", "same-origin")
            .header("cookie", cookie)
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// Signs in and returns the session cookie (`name=value`).
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<String, (u16, String)> {
        let res = self
            .post_as(
                "/api/auth/sign-in",
                None,
                &[("email", email.into()), ("password", password.into())],
            )
            .await;
        let status = res.status().as_u16();
        let cookie = session_cookie(&res);
        let body = res.text().await.unwrap_or_default();
        match (status, cookie) {
            (200, Some(c)) => Ok(c),
            _ => Err((status, body)),
        }
    }

    /// Who the server says is signed in with this cookie.
    pub async fn me(&self, cookie: Option<&str>) -> Option<app::domain::auth::Principal> {
        self.get_as("/api/auth/me", cookie)
            .await
            .json()
            .await
            .expect("JSON")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// The session cookie a response sets (`name=value`), if any and not a removal.
pub fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter(|v| v.starts_with("tb_session=") && !v.contains("Max-Age=0"))
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
        .next()
}

/// The key of what a form post left for the next page (`tb_flash=…`), if it left anything.
pub fn flash_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("tb_flash=") && !v.contains("Max-Age=0"))
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
}

/// The demo password.
pub const DEMO_PASSWORD: &str = server::demo::DEMO_PASSWORD;

/// Rows per table, and the mutable columns of accounts and roles: what a refused request must
/// leave exactly as it was.
pub async fn snapshot(db: &Db) -> Vec<String> {
    let tables = [
        "trust",
        "area",
        "partnership",
        "partnership_area",
        "organisation",
        "partnership_organisation",
        "person",
        "partnership_member",
        "indicator",
        "measurement",
        "cycle_stage",
        "board_priority",
        "user_account",
        "role_assignment",
        "user_session",
        "audit_event",
        "plan",
        "plan_priority",
        "plan_measure",
        "plan_action",
        "plan_action_supporter",
        "plan_comment",
        "plan_version",
        "import_job",
        "standard_scale",
        "standard",
        "self_assessment",
        "assessment_standard",
        "assessment_figure",
        "assessment_review_item",
        "assessment_question",
        "mid_year_review",
        "mid_year_action",
        "mid_year_measure",
        "mid_year_comment",
        "stakeholder_event",
        "stakeholder_event_partnership",
        "event_option",
        "event_participant",
        "board_priority_indicator",
        "password_setup",
        "digest",
        "event_vote",
        "event_comment",
        "event_plan_result",
    ];
    let mut out = Vec::new();
    for t in tables {
        let sql = format!("SELECT COUNT(*) FROM {t}");
        let n: i64 = match db {
            Db::Sqlite(p) => sqlx::query_scalar(&sql).fetch_one(p).await.unwrap(),
            Db::Postgres(p) => sqlx::query_scalar(&sql).fetch_one(p).await.unwrap(),
        };
        out.push(format!("{t}={n}"));
    }
    let accounts =
        "SELECT id, email, display_name, password_hash, disabled FROM user_account ORDER BY id";
    let rows: Vec<(i64, String, String, String, bool)> = match db {
        Db::Sqlite(p) => sqlx::query_as(accounts).fetch_all(p).await.unwrap(),
        Db::Postgres(p) => sqlx::query_as(accounts).fetch_all(p).await.unwrap(),
    };
    out.extend(rows.into_iter().map(|r| format!("{r:?}")));
    let roles = "SELECT id, user_id, role FROM role_assignment ORDER BY id";
    let rows: Vec<(i64, i64, String)> = match db {
        Db::Sqlite(p) => sqlx::query_as(roles).fetch_all(p).await.unwrap(),
        Db::Postgres(p) => sqlx::query_as(roles).fetch_all(p).await.unwrap(),
    };
    out.extend(rows.into_iter().map(|r| format!("{r:?}")));
    // Plans: every row's status or revision moves with any change.
    for sql in [
        "SELECT id, status || ':' || version || ':' || revision FROM plan ORDER BY id",
        "SELECT id, CAST(revision AS TEXT) FROM plan_priority ORDER BY id",
        "SELECT id, CAST(revision AS TEXT) FROM plan_measure ORDER BY id",
        "SELECT id, CAST(revision AS TEXT) FROM plan_action ORDER BY id",
        "SELECT id, title || ':' || CAST(rag_tolerance AS TEXT) FROM indicator ORDER BY id",
        "SELECT id, status FROM import_job ORDER BY id",
        "SELECT id, COALESCE(indicator_code, '') || ':' || CAST(published AS TEXT) FROM map_publication",
        "SELECT id, CAST(LENGTH(COALESCE(geometry, '')) AS TEXT) FROM area ORDER BY id",
        // Self-assessments and standards: every save moves a revision or a status.
        "SELECT id, status || ':' || CAST(round AS TEXT) || ':' || CAST(revision AS TEXT) || ':' || CAST(review_revision AS TEXT) FROM self_assessment ORDER BY id",
        "SELECT assessment_id * 100000 + standard_id, CAST(revision AS TEXT) || ':' || COALESCE(CAST(moderated_grade AS TEXT), '') FROM assessment_standard ORDER BY 1",
        "SELECT id, COALESCE(answer, '') FROM assessment_question ORDER BY id",
        "SELECT id, CAST(revision AS TEXT) FROM standard ORDER BY id",
        "SELECT CAST(year AS BIGINT), CAST(revision AS TEXT) FROM standard_scale ORDER BY 1",
        // Mid-year reviews: every save moves a revision or a status.
        "SELECT id, status || ':' || CAST(round AS TEXT) || ':' || CAST(revision AS TEXT) FROM mid_year_review ORDER BY id",
        "SELECT review_id * 1000000 + action_id, CAST(revision AS TEXT) FROM mid_year_action ORDER BY 1",
        "SELECT review_id * 1000000 + measure_id, CAST(revision AS TEXT) FROM mid_year_measure ORDER BY 1",
        // Stakeholder events: every change moves the change number; votes and comments' states.
        "SELECT id, voting || ':' || CAST(revision AS TEXT) || ':' || CAST(changes AS TEXT) FROM stakeholder_event ORDER BY id",
        "SELECT participant_id * 100000 + option_id, CAST(votes AS TEXT) FROM event_vote ORDER BY 1",
        "SELECT id, state FROM event_comment ORDER BY id",
        "SELECT id, CAST(young_person AS TEXT) || ':' || COALESCE(age_band, '') FROM event_participant ORDER BY id",
    ] {
        let rows: Vec<(i64, String)> = match db {
            Db::Sqlite(p) => sqlx::query_as(sql).fetch_all(p).await.unwrap(),
            Db::Postgres(p) => sqlx::query_as(sql).fetch_all(p).await.unwrap(),
        };
        out.extend(rows.into_iter().map(|r| format!("{r:?}")));
    }
    out
}

/// Runs one SQL statement on either backend, returning rows affected or the error text.
pub async fn exec(db: &Db, sql: &str) -> Result<u64, String> {
    match db {
        Db::Sqlite(p) => sqlx::query(sql)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
            .map_err(|e| e.to_string()),
        Db::Postgres(p) => sqlx::query(sql)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
            .map_err(|e| e.to_string()),
    }
}

pub async fn scalar_i64(db: &Db, sql: &str) -> i64 {
    match db {
        Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
        Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
    }
}

/// The first column of every row, as text.
pub async fn rows_text(db: &Db, sql: &str) -> Vec<String> {
    match db {
        Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_all(p).await.unwrap(),
        Db::Postgres(p) => sqlx::query_scalar(sql).fetch_all(p).await.unwrap(),
    }
}
