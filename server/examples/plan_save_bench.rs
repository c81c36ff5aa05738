//! Benchmark: many partners editing plans at once. Starts the real server (in this process, on a
//! random local port) over a fresh demo database, signs in N editors (members of the 11
//! partnerships, several per plan), gives each an action of their own, then has all of them save
//! their action over and over for a fixed time, each save naming the revision it was based on.
//! Reports saves per second, latency percentiles and errors (any answer but 200 is an error:
//! nobody's save should be refused as stale, because nobody edits another's action).
//!
//! `cargo run --release -p server --example plan_save_bench -- [editors] [seconds]`
//! SQLite always; PostgreSQL too when TRUSTBOARD_BENCH_POSTGRES_URL names a server where a
//! database may be created (it is dropped afterwards).

use app::db::audit::Actor;
use app::db::{accounts, plans, Db, PoolSettings};
use app::domain::auth::{Role, RoleScope};
use app::domain::PlanYear;
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};

const PASSWORD: &str = "bench-password-123";

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let editors: usize = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(50);
    let seconds: u64 = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(20);
    println!("{editors} concurrent editors saving actions for {seconds} s each run");
    println!(
        "{:<11} {:>8} {:>10} {:>9} {:>9} {:>9} {:>7}",
        "backend", "saves", "saves/s", "p50 ms", "p99 ms", "max ms", "errors"
    );
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite:{}", dir.path().join("bench.db").display());
    run("SQLite", &url, editors, seconds).await;
    if let Ok(admin) = std::env::var("TRUSTBOARD_BENCH_POSTGRES_URL") {
        let name = format!("tb_bench_{}", std::process::id());
        let pool = PoolSettings {
            max_connections: 1,
            ..Default::default()
        };
        let admin_db = Db::connect(&admin, &pool).await.expect("PostgreSQL");
        execute(&admin_db, &format!("CREATE DATABASE {name}")).await;
        let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
        run("PostgreSQL", &format!("{base}/{name}"), editors, seconds).await;
        execute(&admin_db, &format!("DROP DATABASE {name} WITH (FORCE)")).await;
    }
}

async fn execute(db: &Db, sql: &str) {
    if let Db::Postgres(p) = db {
        sqlx::query(sql).execute(p).await.expect(sql);
    }
}

async fn run(backend: &str, url: &str, editors: usize, seconds: u64) {
    let db = Db::connect(url, &PoolSettings::default())
        .await
        .expect("database");
    db.migrate().await.expect("migrations");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    server::demo::load(&db, today).await.expect("demo data");

    // Editors: partnership members, spread over the partnerships; every partnership's plan.
    let partnerships = app::db::reference::partnership_list(&db)
        .await
        .expect("list");
    let hash = app::auth::hash_password(PASSWORD.into())
        .await
        .expect("hash");
    let year = PlanYear::new(2027).expect("year");
    let actor = Actor::system("benchmark");
    let mut tx = db.begin().await.expect("tx");
    let mut emails = Vec::new();
    for i in 0..editors {
        let (pid, name, _) = &partnerships[i % partnerships.len()];
        let email = format!("editor{i}@bench.example");
        let new = accounts::NewUser {
            email: &email,
            display_name: &format!("Editor {i}"),
            password_hash: &hash,
            is_demo: false,
        };
        let scope = RoleScope {
            partnership_id: Some(*pid),
            district_area_id: None,
        };
        accounts::add_user(&mut tx, &actor, &new, Role::PartnershipMember, scope, name)
            .await
            .expect("editor");
        emails.push((email, partnerships[i % partnerships.len()].2.clone()));
    }
    for (pid, _, _) in &partnerships {
        plans::start(&mut tx, &actor, *pid, year, false)
            .await
            .expect("plan");
    }
    tx.commit().await.expect("commit");

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("port");
    let addr = listener.local_addr().expect("address");
    let settings = server::Settings {
        addr,
        demo: true,
        today: Some(today),
        ..server::Settings::default()
    };
    let state = server::state(db.clone(), &settings);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server::serve(listener, state, async {
        let _ = stopped.await;
    }));
    let base = format!("http://{addr}");

    // Each editor signs in and adds an action of their own.
    let mut setup = Vec::new();
    for (i, (email, slug)) in emails.into_iter().enumerate() {
        let base = base.clone();
        setup.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client");
            let res = client
                .post(format!("{base}/api/auth/sign-in"))
                .header("sec-fetch-site", "same-origin")
                .form(&[("email", email.as_str()), ("password", PASSWORD)])
                .send()
                .await
                .expect("sign in");
            let cookie = res
                .headers()
                .get_all("set-cookie")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find(|v| v.starts_with("tb_session="))
                .and_then(|v| v.split(';').next())
                .expect("session cookie")
                .to_string();
            let page: Value = client
                .get(format!("{base}/api/plans/page?slug={slug}&year=2027"))
                .header("cookie", &cookie)
                .send()
                .await
                .expect("page")
                .json()
                .await
                .expect("JSON");
            let plan_id = page["plan"]["id"].as_i64().expect("plan id");
            let priority = page["plan"]["priorities"][0]["id"]
                .as_i64()
                .expect("priority");
            let lead = page["partners"][0]["value"]
                .as_str()
                .unwrap_or("")
                .to_string();
            let editor = Editor {
                client,
                cookie,
                plan_id,
                priority,
                lead,
                action: 0,
                revision: 0,
                n: i,
            };
            let (status, body) = editor.save(&base, "First draft").await;
            assert_eq!(status, 200, "first save: {body}");
            let saved: Value = serde_json::from_str(&body).expect("JSON");
            Editor {
                action: saved["id"].as_i64().expect("id"),
                revision: saved["revision"].as_i64().expect("revision"),
                ..editor
            }
        }));
    }
    let mut ready = Vec::new();
    for s in setup {
        ready.push(s.await.expect("editor ready"));
    }

    // Everyone saves as fast as the server answers, for `seconds`.
    let until = Instant::now() + Duration::from_secs(seconds);
    let base = Arc::new(base);
    let started = Instant::now();
    let mut running = Vec::new();
    for mut editor in ready {
        let base = base.clone();
        running.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = Vec::new();
            let mut k = 0;
            while Instant::now() < until {
                k += 1;
                let t = Instant::now();
                let (status, body) = editor
                    .save(&base, &format!("Editor {}'s action, draft {k}", editor.n))
                    .await;
                latencies.push(t.elapsed());
                if status == 200 {
                    let saved: Value = serde_json::from_str(&body).unwrap_or_default();
                    editor.revision = saved["revision"].as_i64().unwrap_or(editor.revision);
                } else {
                    errors.push(format!("{status} {body}"));
                }
            }
            (latencies, errors)
        }));
    }
    let mut latencies = Vec::new();
    let mut errors = Vec::new();
    for r in running {
        let (l, e) = r.await.expect("editor");
        latencies.extend(l);
        errors.extend(e);
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let pct = |p: f64| {
        let i = ((latencies.len() as f64 - 1.0) * p).round() as usize;
        latencies[i].as_secs_f64() * 1000.0
    };
    println!(
        "{:<11} {:>8} {:>10.0} {:>9.1} {:>9.1} {:>9.1} {:>7}",
        backend,
        latencies.len(),
        latencies.len() as f64 / elapsed,
        pct(0.5),
        pct(0.99),
        pct(1.0),
        errors.len()
    );
    for e in errors.iter().take(5) {
        println!("  error: {e}");
    }
    // No save was lost: each action's revision is one more than its number of updates.
    let ok = (latencies.len() - errors.len()) as i64;
    let sql = "SELECT CAST(COALESCE(SUM(revision), 0) AS BIGINT) FROM plan_action";
    let revisions: i64 = match &db {
        Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await,
        Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await,
    }
    .expect("sum of revisions");
    if revisions != editors as i64 + ok {
        errors.push(format!(
            "lost updates: revisions add up to {revisions}, expected {}",
            editors as i64 + ok
        ));
        println!("  error: {}", errors.last().unwrap_or(&String::new()));
    }
    let _ = stop.send(());
    let _ = serving.await;
    db.close().await;
    if !errors.is_empty() {
        std::process::exit(1);
    }
}

struct Editor {
    client: reqwest::Client,
    cookie: String,
    plan_id: i64,
    priority: i64,
    lead: String,
    action: i64,
    revision: i64,
    n: usize,
}

impl Editor {
    async fn save(&self, base: &str, description: &str) -> (u16, String) {
        let form = [
            ("plan_id", self.plan_id.to_string()),
            ("priority_id", self.priority.to_string()),
            ("action_id", self.action.to_string()),
            ("revision", self.revision.to_string()),
            ("form[description]", description.to_string()),
            ("form[lead]", self.lead.clone()),
            ("form[start]", "1/4/2027".into()),
            ("form[due]", "31/3/2028".into()),
            (
                "form[resources]",
                "Two youth workers, one day a week".into(),
            ),
            ("form[pooled_budget]", "£12,500".into()),
            ("form[commissioning]", "neither".into()),
            ("form[status]", "on_track".into()),
        ];
        match self
            .client
            .post(format!("{base}/api/plans/action/save"))
            .header("sec-fetch-site", "same-origin")
            .header("cookie", &self.cookie)
            .form(&form)
            .send()
            .await
        {
            Ok(res) => {
                let status = res.status().as_u16();
                (status, res.text().await.unwrap_or_default())
            }
            Err(e) => (0, e.to_string()),
        }
    }
}
