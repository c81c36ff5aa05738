//! Crash safety, on both backends: the real `trustboard` binary is killed with SIGKILL in the
//! middle of a burst of plan saves from several clients, twenty times, and restarted on the
//! same database each time. After every restart each save the clients saw acknowledged must be
//! there at the revision the server answered with, the stored texts never older, the revisions
//! and the audit trail must add up, and the database must pass its integrity and foreign-key
//! checks (see crash_support/checks.rs).
//!
//! Each backend's result is printed as `crash test (SQLite): 20 kills, N acknowledged saves,
//! 0 acknowledged saves lost`, and appended to the file named by `TRUSTBOARD_CRASH_REPORT`
//! when set (`scripts/test` prints that file, since `cargo test` keeps a passing test's output
//! to itself).

mod common;
mod crash_support;

use app::db::Db;
use common::TestDb;
use crash_support::{checks, child::Server, clients, Rng};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const KILLS: usize = 20;

on_both_backends!(
    sigkill_during_a_burst_of_saves_loses_no_acknowledged_save,
    |t| { run(t).await }
);

async fn run(t: TestDb) {
    let backend = match t.db {
        Db::Sqlite(_) => "SQLite",
        Db::Postgres(_) => "PostgreSQL",
    };
    // Only the server holds the database while it runs and dies.
    t.db.close().await;
    let began = Instant::now();
    let dir = tempfile::tempdir().expect("a folder for the server");
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("HTTP client");
    let (mut rng, seed) = Rng::seeded();
    eprintln!("crash test ({backend}): seed {seed} (TB_CRASH_SEED repeats it)");

    let mut server = Server::start(&t.url, dir.path(), &http).await;
    let cast = crash_support::prepare(&http, &server.base).await;
    let db = checks::open(&t.url).await;
    let mut tracked = checks::baseline(&db, &cast.fields).await;
    db.close().await;
    let ready = began.elapsed();

    let (mut acked, mut cut_off, mut stored_anyway, mut stale) = (0, 0, 0, 0);
    let (mut lost, mut problems) = (Vec::new(), Vec::new());
    for cycle in 1..=KILLS {
        let revisions: Vec<i64> = tracked.iter().map(|t| t.revision).collect();
        // The kill comes after a random number of acknowledgements (however fast the machine),
        // then a random few milliseconds, so that it lands anywhere in a save's handling.
        let count = Arc::new(AtomicUsize::new(0));
        let burst = clients::start(&http, &server.base, &cast, &revisions, cycle, &count);
        let target = rng.between(10, 80) as usize;
        let give_up = Instant::now() + Duration::from_secs(30);
        while count.load(Ordering::Relaxed) < target && Instant::now() < give_up {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        tokio::time::sleep(Duration::from_millis(rng.between(0, 25))).await;
        server.kill();
        let seen = clients::finish(burst).await;
        server = Server::start(&t.url, dir.path(), &http).await;

        let db = checks::open(&t.url).await;
        let found = checks::fields(&db, &mut tracked, &seen).await;
        let database = checks::database(&db).await;
        db.close().await;

        acked += seen.acks.len();
        cut_off += seen.unanswered.len();
        stored_anyway += found.stored_unanswered;
        stale += seen.stale;
        let tag = |m: String| format!("kill {cycle}: {m}");
        lost.extend(found.lost.into_iter().map(tag));
        problems.extend(found.inconsistent.into_iter().map(tag));
        problems.extend(database.into_iter().map(tag));
        problems.extend(
            seen.unexpected
                .into_iter()
                .map(|m| tag(format!("unexpected answer {m}"))),
        );
    }
    server.kill();
    let db = checks::open(&t.url).await;
    let checked = checks::can_fail(&db, &mut tracked).await;
    db.close().await;

    let line = format!(
        "crash test ({backend}): {KILLS} kills, {acked} acknowledged saves, {} acknowledged saves lost",
        lost.len()
    );
    eprintln!(
        "{line}\ncrash test ({backend}): {cut_off} saves cut off by a kill ({stored_anyway} of them \
         stored), {stale} refused as stale; ready in {:.1} s, {:.1} s in all",
        ready.as_secs_f64(),
        began.elapsed().as_secs_f64()
    );
    if let Ok(path) = std::env::var("TRUSTBOARD_CRASH_REPORT") {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .expect("the crash report file");
        writeln!(file, "{line}").expect("write the crash report");
    }
    assert!(
        acked >= 10 * KILLS,
        "the bursts were too short to test anything: {acked} acknowledged saves"
    );
    assert!(
        lost.is_empty() && problems.is_empty(),
        "{line}\n{}\n{}\nthe server's log:\n{}",
        lost.join("\n"),
        problems.join("\n"),
        server.log_tail()
    );
    if let Err(e) = checked {
        panic!("the crash test's checks could not fail: {e}");
    }
}
