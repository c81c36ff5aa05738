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
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl TestApp {
    pub async fn spawn(db: Db) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a random port");
        let addr = listener.local_addr().expect("local address");
        let settings = Settings {
            addr,
            demo: true,
            today: Some(today()),
            ..Settings::default()
        };
        let state = server::state(db, &settings);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            server::serve(listener, state, async {
                let _ = rx.await;
            })
            .await
            .expect("server runs");
        });
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("HTTP client");
        TestApp {
            addr,
            client,
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
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
