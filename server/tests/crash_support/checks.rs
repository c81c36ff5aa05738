//! What must hold after every restart. For each field: every acknowledged save is in the audit
//! trail at exactly the revision the server answered with; the stored revision has moved on by
//! exactly the number of audit entries since the test began; the stored text is the newest
//! entry's (so never older than the last acknowledged save); each entry's "before" is the
//! previous entry's "after"; and every new entry is a save a client sent in that burst, either
//! acknowledged or cut off by the kill. For the database: SQLite's integrity and foreign-key
//! checks, and no orphan row behind any foreign key on PostgreSQL.

use super::clients::Outcome;
use super::Field;
use app::db::{Db, PoolSettings};

/// A field's state when the test began, and what has been acknowledged since.
pub struct Tracked {
    pub field: Field,
    base_revision: i64,
    base_text: String,
    /// Audit entries about it up to here were there before the test.
    audit_from: i64,
    /// Every acknowledged save: (revision, text).
    acked: Vec<(i64, String)>,
    /// Those already reported lost (each is reported once).
    reported: std::collections::HashSet<i64>,
    /// Audit entries seen at the last check.
    seen: usize,
    /// The stored revision at the last check (the clients' next starting point).
    pub revision: i64,
}

/// What one check found.
#[derive(Debug, Default)]
pub struct Findings {
    /// Acknowledged saves that are not there.
    pub lost: Vec<String>,
    /// Anything else that does not add up.
    pub inconsistent: Vec<String>,
    /// Saves cut off by the kill that were stored all the same (allowed).
    pub stored_unanswered: usize,
}

/// A short-lived connection to the test database, closed again before the next kill so that
/// only the server has it open when it dies.
pub async fn open(url: &str) -> Db {
    let settings = PoolSettings {
        max_connections: 1,
        ..PoolSettings::default()
    };
    Db::connect(url, &settings)
        .await
        .expect("connect to the test database")
}

async fn stored(db: &Db, field: &Field) -> (i64, String) {
    let (sql, id) = field.stored_sql();
    match db {
        Db::Sqlite(p) => sqlx::query_as(sql).bind(id).fetch_one(p).await,
        Db::Postgres(p) => sqlx::query_as(sql).bind(id).fetch_one(p).await,
    }
    .expect("the field's row is there")
}

/// The field's audit entries after `from`, oldest first: (id, before, after) texts of the field.
async fn entries(db: &Db, field: &Field, from: i64) -> Vec<(i64, Option<String>, Option<String>)> {
    let (entity, id, key) = field.audit();
    let sql = "SELECT id, before_value, after_value FROM audit_event
               WHERE entity_type = $1 AND entity_id = $2 AND action = 'update' AND id > $3
               ORDER BY id";
    let rows: Vec<(i64, Option<String>, Option<String>)> = match db {
        Db::Sqlite(p) => {
            sqlx::query_as(sql)
                .bind(entity)
                .bind(&id)
                .bind(from)
                .fetch_all(p)
                .await
        }
        Db::Postgres(p) => {
            sqlx::query_as(sql)
                .bind(entity)
                .bind(&id)
                .bind(from)
                .fetch_all(p)
                .await
        }
    }
    .expect("the audit trail");
    let text = |v: Option<String>| {
        v.and_then(|j| serde_json::from_str::<serde_json::Value>(&j).ok())
            .and_then(|j| j.get(key).and_then(|t| t.as_str()).map(str::to_string))
    };
    rows.into_iter()
        .map(|(id, b, a)| (id, text(b), text(a)))
        .collect()
}

/// Each field's state before the first burst.
pub async fn baseline(db: &Db, fields: &[Field]) -> Vec<Tracked> {
    let audit_from =
        crate::common::scalar_i64(db, "SELECT COALESCE(MAX(id), 0) FROM audit_event").await;
    let mut out = Vec::new();
    for field in fields {
        let (revision, text) = stored(db, field).await;
        out.push(Tracked {
            field: field.clone(),
            base_revision: revision,
            base_text: text,
            audit_from,
            acked: Vec::new(),
            reported: Default::default(),
            seen: 0,
            revision,
        });
    }
    out
}

/// Checks every field after a restart, given what the clients saw in the burst before it.
pub async fn fields(db: &Db, tracked: &mut [Tracked], burst: &Outcome) -> Findings {
    let mut found = Findings::default();
    for (i, t) in tracked.iter_mut().enumerate() {
        let name = t.field.name();
        let acked_now: Vec<&str> = burst
            .acks
            .iter()
            .filter(|a| a.field == i)
            .map(|a| a.text.as_str())
            .collect();
        let cut_off: Vec<&str> = burst
            .unanswered
            .iter()
            .filter(|(f, _)| *f == i)
            .map(|(_, text)| text.as_str())
            .collect();
        t.acked.extend(
            burst
                .acks
                .iter()
                .filter(|a| a.field == i)
                .map(|a| (a.revision, a.text.clone())),
        );
        let (revision, text) = stored(db, &t.field).await;
        let log = entries(db, &t.field, t.audit_from).await;

        // Every acknowledged save, at the revision the server answered with.
        for (rev, said) in &t.acked {
            let at = usize::try_from(rev - t.base_revision - 1).ok();
            let logged = at.and_then(|k| log.get(k)).and_then(|e| e.2.as_deref());
            // The row itself at an acknowledged revision holds that save's text.
            let overwritten = *rev == revision && text != *said;
            let missing = *rev > revision || logged != Some(said.as_str()) || overwritten;
            if missing && t.reported.insert(*rev) {
                found.lost.push(format!(
                    "{name}: \"{said}\" was acknowledged as revision {rev}; stored is revision {revision} \
                     \"{text}\", the audit trail has {logged:?} there"
                ));
            }
        }
        // Revisions add up: one audit entry per stored revision.
        if revision - t.base_revision != log.len() as i64 {
            found.inconsistent.push(format!(
                "{name}: revision {revision} is {} saves on from {}, but the audit trail has {} entries",
                revision - t.base_revision,
                t.base_revision,
                log.len()
            ));
        }
        // The stored text is the newest entry's, and the entries chain.
        let newest = log
            .last()
            .and_then(|e| e.2.clone())
            .unwrap_or_else(|| t.base_text.clone());
        if text != newest {
            found.inconsistent.push(format!(
                "{name}: stored \"{text}\" but the newest audit entry says \"{newest}\""
            ));
        }
        let mut previous = Some(t.base_text.clone());
        for (id, before, after) in &log {
            if *before != previous {
                found.inconsistent.push(format!(
                    "{name}: audit entry {id} says it changed {before:?}, but the entry before left {previous:?}"
                ));
            }
            previous = after.clone();
        }
        // What this burst added: acknowledged saves, and perhaps some that were cut off.
        let added = log.get(t.seen..).unwrap_or_default();
        for (id, _, after) in added {
            let after = after.as_deref().unwrap_or_default();
            if cut_off.contains(&after) {
                found.stored_unanswered += 1;
            } else if !acked_now.contains(&after) {
                found.inconsistent.push(format!(
                    "{name}: audit entry {id} records \"{after}\", which no client sent in this burst"
                ));
            }
        }
        t.seen = log.len();
        t.revision = revision;
    }
    found
}

/// The database as a whole: SQLite's own checks; on PostgreSQL, no row pointing at a missing
/// row through any foreign key (which it enforces anyway; this would catch a constraint
/// dropped or skipped).
pub async fn database(db: &Db) -> Vec<String> {
    match db {
        Db::Sqlite(p) => {
            let mut out = Vec::new();
            let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_all(p)
                .await
                .expect("integrity check");
            if integrity != ["ok"] {
                out.push(format!("PRAGMA integrity_check: {integrity:?}"));
            }
            let orphans: Vec<(String, Option<i64>, String)> =
                sqlx::query_as("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check")
                    .fetch_all(p)
                    .await
                    .expect("foreign key check");
            out.extend(
                orphans.into_iter().map(|(t, row, parent)| {
                    format!("{t} row {row:?} points at a missing {parent}")
                }),
            );
            out
        }
        Db::Postgres(p) => {
            // Every foreign key of the schema, with its columns in order.
            let keys: Vec<(String, String, String, String, String)> = sqlx::query_as(
                "SELECT c.conname::text, c.conrelid::regclass::text, c.confrelid::regclass::text,
                    (SELECT string_agg(quote_ident(a.attname), ',' ORDER BY k.n)
                       FROM unnest(c.conkey) WITH ORDINALITY k(att, n)
                       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.att),
                    (SELECT string_agg(quote_ident(a.attname), ',' ORDER BY k.n)
                       FROM unnest(c.confkey) WITH ORDINALITY k(att, n)
                       JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.att)
                 FROM pg_constraint c
                 WHERE c.contype = 'f'
                   AND c.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
                 ORDER BY 1",
            )
            .fetch_all(p)
            .await
            .expect("the schema's foreign keys");
            assert!(
                keys.len() > 20,
                "the schema's foreign keys are found ({})",
                keys.len()
            );
            // One query counts the orphans behind every key.
            let counts: Vec<String> = keys
                .iter()
                .map(|(name, child, parent, cols, pcols)| {
                    let cols: Vec<&str> = cols.split(',').collect();
                    let pcols: Vec<&str> = pcols.split(',').collect();
                    let set = cols
                        .iter()
                        .map(|c| format!("c.{c} IS NOT NULL"))
                        .collect::<Vec<_>>()
                        .join(" AND ");
                    let matches = cols
                        .iter()
                        .zip(&pcols)
                        .map(|(c, pc)| format!("p.{pc} = c.{c}"))
                        .collect::<Vec<_>>()
                        .join(" AND ");
                    format!(
                        "SELECT '{name}'::text, COUNT(*) FROM {child} c WHERE {set} \
                         AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE {matches})"
                    )
                })
                .collect();
            let orphans: Vec<(String, i64)> = sqlx::query_as(&counts.join(" UNION ALL "))
                .fetch_all(p)
                .await
                .expect("orphan counts");
            orphans
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(key, n)| format!("{n} rows break the foreign key {key}"))
                .collect()
        }
    }
}

/// The checks can fail: on the final database (the server stopped), an acknowledgement the
/// database never saw, and the needs summary changed behind the audit trail's back, must both
/// be caught. Leaves the database changed.
pub async fn can_fail(db: &Db, tracked: &mut [Tracked]) -> Result<(), String> {
    use super::clients::Ack;
    let about = tracked
        .iter()
        .position(|t| matches!(t.field, Field::About { .. }))
        .ok_or("no needs summary is tracked")?;
    let phantom = Outcome {
        acks: vec![Ack {
            field: about,
            revision: tracked[about].revision + 1,
            text: "acknowledged but never stored".into(),
        }],
        ..Outcome::default()
    };
    let found = fields(db, tracked, &phantom).await;
    tracked[about].acked.pop();
    let caught = |l: &String| l.contains("\"acknowledged but never stored\"");
    if found.lost.len() != 1 || !found.lost.iter().any(caught) {
        return Err(format!(
            "a save acknowledged but never stored was not reported lost: {found:?}"
        ));
    }
    let Field::About { plan_id } = tracked[about].field else {
        unreachable!("found above")
    };
    let sql = format!(
        "UPDATE plan SET needs_summary = 'changed behind the audit trail' WHERE id = {plan_id}"
    );
    crate::common::exec(db, &sql).await?;
    let found = fields(db, tracked, &Outcome::default()).await;
    if found.inconsistent.is_empty() {
        return Err(format!(
            "a change without a revision or an audit entry was not reported: {found:?}"
        ));
    }
    Ok(())
}
