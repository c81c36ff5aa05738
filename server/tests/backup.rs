//! Backup, restore and copying a county between backends: the demo county backed up and
//! restored table for table (checksums of a canonical form), refusals that change nothing (a
//! database in use, a newer schema, a damaged file), the administrators' download (and its
//! audit entry; others refused), and a round trip SQLite → PostgreSQL → SQLite after which the
//! application answers the same pages.

mod common;

use app::db::Db;
use common::{fresh_db, snapshot, Backend, TestApp, DEMO_PASSWORD};
use server::demo;
use server::ops::{commands, dump, file, OpsError, TableSum};
use std::io::{Read, Write};

async fn sums(db: &Db) -> Vec<TableSum> {
    dump::take(db).await.expect("dump").sums()
}

fn backend(db: &Db) -> Backend {
    match db {
        Db::Sqlite(_) => Backend::Sqlite,
        Db::Postgres(_) => Backend::Postgres,
    }
}

fn row_count(s: &[TableSum], table: &str) -> usize {
    s.iter()
        .find(|t| t.table == table)
        .map(|t| t.rows)
        .unwrap_or(0)
}

/// Every table as the restore refuses to touch: rows and checksums, plus the common snapshot.
async fn state_of(db: &Db) -> (Vec<TableSum>, Vec<String>) {
    (sums(db).await, snapshot(db).await)
}

on_both_backends!(a_backup_restores_table_for_table, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("county.jsonl.gz");
    let before = sums(&t.db).await;
    let report = commands::backup(&t.db, &path).await.expect("backup");
    assert_eq!(
        report.sums, before,
        "the file holds what the database holds"
    );
    assert!(report.bytes > 10_000, "{} bytes", report.bytes);
    // Sessions and the migrations' ledger stay out; people, plans, frozen versions and the
    // audit trail are in, with rows.
    let names: Vec<&str> = report.sums.iter().map(|s| s.table.as_str()).collect();
    for left_out in [
        "user_session",
        "_sqlx_migrations",
        "form_stash",
        "sign_in_attempt",
    ] {
        assert!(!names.contains(&left_out), "{left_out} is not copied");
    }
    for kept in [
        "user_account",
        "role_assignment",
        "plan",
        "plan_version",
        "audit_event",
        "measurement",
    ] {
        assert!(row_count(&report.sums, kept) > 0, "{kept} has rows");
    }
    // Parents before children.
    let at = |n: &str| names.iter().position(|x| *x == n).unwrap();
    assert!(at("partnership") < at("plan") && at("plan") < at("plan_version"));
    assert!(at("user_account") < at("role_assignment"));

    let target = fresh_db(backend(&t.db)).await;
    let (dump, restored) = commands::restore(&target.db, &path).await.expect("restore");
    assert_eq!(dump.schema_version, report.schema_version);
    assert_eq!(restored, before, "every table restored identically");
    assert_eq!(
        sums(&target.db).await,
        before,
        "and it reads back the same afterwards"
    );
    assert_eq!(snapshot(&target.db).await, snapshot(&t.db).await);
    // Identifiers continue after the restored ones, and the triggers are back: the audit trail
    // is still append-only.
    let max = common::scalar_i64(&target.db, "SELECT MAX(id) FROM audit_event").await;
    common::exec(
        &target.db,
        "INSERT INTO audit_event (at, actor_name, action, entity_type, entity_id, summary)
         VALUES ('2026-11-23T10:00:00+00:00', 'test', 'create', 'test', '1', 'after restore')",
    )
    .await
    .expect("a new entry after the restore");
    assert!(common::scalar_i64(&target.db, "SELECT MAX(id) FROM audit_event").await > max);
    assert!(common::exec(&target.db, "DELETE FROM audit_event")
        .await
        .is_err());
    assert!(
        common::exec(&target.db, "UPDATE plan_version SET snapshot = 'x'")
            .await
            .is_err()
    );
});

on_both_backends!(a_database_in_use_is_refused_with_nothing_changed, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("county.jsonl.gz");
    commands::backup(&t.db, &path).await.unwrap();
    // Into itself: every table already has its rows.
    let before = state_of(&t.db).await;
    let err = commands::restore(&t.db, &path).await.unwrap_err();
    assert!(matches!(err, OpsError::Refused(_)), "{err}");
    assert!(err.to_string().contains("not empty"), "{err}");
    assert_eq!(state_of(&t.db).await, before);

    // One row anywhere is enough.
    let target = fresh_db(backend(&t.db)).await;
    common::exec(
        &target.db,
        "INSERT INTO trust (name, county_code, created_at) VALUES ('Already here', 'E10000014', '2026-11-23T10:00:00+00:00')",
    )
    .await
    .expect("a row in one table");
    let before = state_of(&target.db).await;
    let err = commands::restore(&target.db, &path).await.unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
    assert_eq!(state_of(&target.db).await, before);
});

/// The file's lines (decompressed), for tests that tamper with it.
fn lines(path: &std::path::Path) -> Vec<String> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    text.lines().map(String::from).collect()
}

fn write_lines(path: &std::path::Path, lines: &[String]) {
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(path).unwrap(),
        flate2::Compression::fast(),
    );
    for l in lines {
        gz.write_all(l.as_bytes()).unwrap();
        gz.write_all(b"\n").unwrap();
    }
    gz.finish().unwrap();
}

on_both_backends!(a_file_from_a_newer_schema_is_refused, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("county.jsonl.gz");
    let report = commands::backup(&t.db, &path).await.unwrap();
    let mut l = lines(&path);
    let mut header: serde_json::Value = serde_json::from_str(&l[0]).unwrap();
    header["schema_version"] = (report.schema_version + 1).into();
    l[0] = header.to_string();
    write_lines(&path, &l);

    let target = fresh_db(backend(&t.db)).await;
    let before = state_of(&target.db).await;
    let err = commands::restore(&target.db, &path).await.unwrap_err();
    assert!(err.to_string().contains("newer Trustboard"), "{err}");
    assert_eq!(state_of(&target.db).await, before);
});

on_both_backends!(a_damaged_file_is_refused_with_nothing_changed, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("county.jsonl.gz");
    commands::backup(&t.db, &path).await.unwrap();
    let good = lines(&path);
    let target = fresh_db(backend(&t.db)).await;
    let before = state_of(&target.db).await;

    // A person's name changed in the file: the table's checksum no longer matches.
    let mut l = good.clone();
    let i = l
        .iter()
        .position(|x| x.contains("admin@trustboard.example"))
        .unwrap();
    l[i] = l[i].replacen("admin@trustboard.example", "admin@elsewhere.example", 1);
    write_lines(&path, &l);
    let err = commands::restore(&target.db, &path).await.unwrap_err();
    assert!(err.to_string().contains("damaged"), "{err}");
    assert_eq!(state_of(&target.db).await, before);

    // A row taken out (the count and the manifest disagree).
    let mut l = good.clone();
    let i = l
        .iter()
        .position(|x| x.contains("admin@trustboard.example"))
        .unwrap();
    l.remove(i);
    write_lines(&path, &l);
    let err = commands::restore(&target.db, &path).await.unwrap_err();
    assert!(matches!(err, OpsError::BadFile(_)), "{err}");
    assert_eq!(state_of(&target.db).await, before);

    // Cut short: the compressed stream ends in the middle.
    write_lines(&path, &good);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let err = commands::restore(&target.db, &path).await.unwrap_err();
    assert!(matches!(err, OpsError::BadFile(_)), "{err}");
    assert_eq!(state_of(&target.db).await, before);

    // Not a backup at all.
    std::fs::write(&path, b"id,name\n1,Gosport\n").unwrap();
    let err = commands::restore(&target.db, &path).await.unwrap_err();
    assert!(matches!(err, OpsError::BadFile(_)), "{err}");
    assert_eq!(state_of(&target.db).await, before);
});

on_both_backends!(administrators_download_a_backup_and_nobody_else, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let path = "/admin/backup/download";
    let audited = "SELECT COUNT(*) FROM audit_event WHERE entity_type = 'backup'";

    assert_eq!(app.get(path).await.status(), 401, "nobody signed in");
    for who in [
        "chair.fareham@trustboard.example",
        "board@trustboard.example",
        "viewer@trustboard.example",
    ] {
        let cookie = app.sign_in(who, DEMO_PASSWORD).await.unwrap();
        assert_eq!(app.get_as(path, Some(&cookie)).await.status(), 403, "{who}");
        assert_eq!(
            app.get_as("/api/admin/backup", Some(&cookie))
                .await
                .status(),
            403,
            "{who}"
        );
    }
    assert_eq!(
        common::scalar_i64(&t.db, audited).await,
        0,
        "refusals take nothing"
    );

    let cookie = app
        .sign_in("admin@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let page = app
        .get_as("/admin/backup", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("personal data") && page.contains(path),
        "the page says what it holds"
    );
    let hub = app
        .get_as("/admin/setup", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        hub.contains("href=\"/admin/backup\""),
        "the set-up hub links to it"
    );

    let before = sums(&t.db).await;
    let res = app.get_as(path, Some(&cookie)).await;
    assert_eq!(res.status(), 200);
    let header = |n: &str| {
        res.headers()
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert!(header("content-disposition").starts_with("attachment; filename=\"trustboard-backup-"));
    assert_eq!(header("cache-control"), "no-store");
    assert_eq!(header("content-type"), "application/gzip");
    let bytes = res.bytes().await.unwrap();

    // Who took it, and when, is in the audit trail.
    assert_eq!(common::scalar_i64(&t.db, audited).await, 1);
    let who = common::rows_text(
        &t.db,
        "SELECT actor_name FROM audit_event WHERE entity_type = 'backup'",
    )
    .await;
    assert_eq!(who.len(), 1);
    let admin = common::rows_text(
        &t.db,
        "SELECT display_name FROM user_account WHERE email = 'admin@trustboard.example'",
    )
    .await;
    assert_eq!(who, admin);

    // The file restores into an empty database as the database was when it was taken.
    let dump = file::read(&bytes[..]).expect("a readable backup");
    let target = fresh_db(backend(&t.db)).await;
    let restored = commands::load_dump(&target.db, &dump, "The download")
        .await
        .unwrap();
    let same: Vec<&TableSum> = before
        .iter()
        .filter(|s| s.table != "audit_event" && s.table != "user_account")
        .collect();
    for s in same {
        assert!(restored.contains(s), "{} restored as it was", s.table);
    }
    assert_eq!(restored, dump.sums());
});

/// A page with what differs between two requests taken out: the per-request nonce (also
/// given as the `crossorigin` value of the preloads).
fn normalised(html: &str) -> String {
    let mut page = html.to_string();
    for attribute in ["nonce=\"", "crossorigin=\""] {
        let mut out = String::with_capacity(page.len());
        let mut rest = page.as_str();
        while let Some(i) = rest.find(attribute) {
            out.push_str(&rest[..i + attribute.len()]);
            rest = &rest[i + attribute.len()..];
            rest = &rest[rest.find('"').unwrap_or(rest.len())..];
        }
        out.push_str(rest);
        page = out;
    }
    page
}

/// Where two pages first differ, with some context, for a readable failure.
fn same_page(got: &str, want: &str, what: &str) {
    if got == want {
        return;
    }
    let at = got
        .bytes()
        .zip(want.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(got.len().min(want.len()));
    let around = |s: &str| {
        let from = s.floor_char_boundary(at.saturating_sub(80));
        let to = s.floor_char_boundary((at + 80).min(s.len()));
        s[from..to].to_string()
    };
    panic!(
        "{what}: the pages differ at byte {at}:\n got: {}\nwant: {}",
        around(got),
        around(want)
    );
}

async fn pages(db: &Db) -> Vec<String> {
    let app = TestApp::spawn(db.clone()).await;
    let cookie = app
        .sign_in("chair.fareham@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let mut out = Vec::new();
    for path in [
        "/",
        "/partnerships/fareham/plans/2026",
        "/partnerships/fareham/plans/2025",
    ] {
        let res = app.get_as(path, Some(&cookie)).await;
        assert_eq!(res.status(), 200, "{path}");
        out.push(normalised(&res.text().await.unwrap()));
    }
    out
}

/// Not one test per backend: it needs both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_data_round_trip_sqlite_postgres_sqlite() {
    let source = fresh_db(Backend::Sqlite).await;
    demo::load(&source.db, common::today()).await.unwrap();
    let pg = fresh_db(Backend::Postgres).await;
    let back = fresh_db(Backend::Sqlite).await;
    let original = sums(&source.db).await;

    let there = commands::copy_data(&source.url, &pg.url)
        .await
        .expect("to PostgreSQL");
    assert_eq!(there, original, "PostgreSQL holds what SQLite held");
    let again = commands::copy_data(&pg.url, &back.url)
        .await
        .expect("back to SQLite");
    assert_eq!(again, original, "and SQLite again");
    assert_eq!(sums(&pg.db).await, original);
    assert_eq!(sums(&back.db).await, original);
    // Identifiers and revisions kept; timestamps as the application writes them.
    for sql in [
        "SELECT id || ':' || status || ':' || version || ':' || revision FROM plan ORDER BY id",
        "SELECT id || ':' || actor_name || ':' || action FROM audit_event ORDER BY id",
    ] {
        assert_eq!(
            common::rows_text(&back.db, sql).await,
            common::rows_text(&source.db, sql).await
        );
    }
    let at = "SELECT at FROM audit_event ORDER BY id LIMIT 5";
    assert_eq!(
        common::rows_text(&back.db, at).await,
        common::rows_text(&source.db, at).await
    );

    // A second copy into a target that now holds the county is refused.
    let err = commands::copy_data(&source.url, &pg.url).await.unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
    assert_eq!(sums(&pg.db).await, original);

    // The application answers the same pages on every copy.
    let want = pages(&source.db).await;
    for (copy, db) in [("PostgreSQL copy", &pg.db), ("SQLite copy", &back.db)] {
        for (got, want) in pages(db).await.iter().zip(&want) {
            same_page(got, want, copy);
        }
    }
}

/// A source whose schema differs from this program's is refused, and not migrated.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_data_refuses_a_source_on_another_schema() {
    let source = fresh_db(Backend::Sqlite).await;
    let target = fresh_db(Backend::Postgres).await;
    common::exec(
        &source.db,
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
    )
    .await
    .unwrap();
    let before = common::scalar_i64(&source.db, "SELECT COUNT(*) FROM _sqlx_migrations").await;
    let err = commands::copy_data(&source.url, &target.url)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("schema version"), "{err}");
    assert_eq!(
        common::scalar_i64(&source.db, "SELECT COUNT(*) FROM _sqlx_migrations").await,
        before
    );
}
