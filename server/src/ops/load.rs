//! Loading a dump into an empty database, in one transaction: the target's own catalogue gives
//! the order (parents first) and each column's type; triggers are set aside while loading (the
//! append-only audit trail, frozen versions and locked assessments would refuse rows that were
//! legitimately written in their time, and counters such as `data_version` would move); every
//! table is read back and its checksum compared with the file's before anything is committed.

use super::catalogue::{self, quote, Table};
use super::dump::{read_postgres, read_sqlite};
use super::value::{canonical_text, parse_instant, table_checksum};
use super::{Dump, Kind, OpsError, OpsResult, TableData, TableSum, Val};
use app::db::Db;
use sqlx::{PgConnection, SqliteConnection};
use std::collections::BTreeSet;

/// Rows per INSERT statement, so that a statement stays well within both backends' limits on
/// bound values.
fn batch_rows(columns: usize) -> usize {
    (20_000 / columns.max(1)).clamp(1, 500)
}

/// Pairs each table of the file with the target's, in the target's load order; refuses a file
/// whose tables or columns the target does not have.
fn plan<'a>(tables: &'a [Table], dump: &'a Dump) -> OpsResult<Vec<(&'a Table, &'a TableData)>> {
    for d in &dump.tables {
        let Some(t) = tables.iter().find(|t| t.name == d.name) else {
            return Err(OpsError::Refused(format!(
                "The backup holds a table this database does not have ({}). Nothing has been changed.",
                d.name
            )));
        };
        let want: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
        let have: Vec<&str> = d.columns.iter().map(|(n, _)| n.as_str()).collect();
        if want != have {
            return Err(OpsError::Refused(format!(
                "The backup's table {} has the columns {} but this database's has {}. Nothing has been changed.",
                d.name,
                have.join(", "),
                want.join(", ")
            )));
        }
    }
    Ok(tables
        .iter()
        .filter_map(|t| {
            dump.tables
                .iter()
                .find(|d| d.name == t.name)
                .map(|d| (t, d))
        })
        .collect())
}

fn refuse_occupied(occupied: &BTreeSet<String>) -> OpsResult<()> {
    if occupied.is_empty() {
        return Ok(());
    }
    let list: Vec<&str> = occupied.iter().map(String::as_str).collect();
    Err(OpsError::Refused(format!(
        "The database is not empty: {} already hold rows. Restore into a new, empty database (migrated, with nothing else in it). Nothing has been changed.",
        list.join(", ")
    )))
}

fn verify(d: &TableData, back: &TableData) -> OpsResult<TableSum> {
    let sum = back.checksum();
    if back.rows.len() != d.rows.len() || sum != d.checksum() {
        let first = d.rows.iter().zip(&back.rows).find_map(|(a, b)| {
            a.iter()
                .zip(b)
                .zip(&d.columns)
                .find(|((x, y), _)| {
                    table_checksum(&["v"], &[vec![(*x).clone()]])
                        != table_checksum(&["v"], &[vec![(*y).clone()]])
                })
                .map(|((x, y), (c, _))| {
                    format!(
                        "; first difference in column {c}: {} became {}",
                        shown(x),
                        shown(y)
                    )
                })
        });
        return Err(OpsError::Refused(format!(
            "Table {} did not load identically ({} rows in the backup, {} loaded{}). Nothing has been changed.",
            d.name,
            d.rows.len(),
            back.rows.len(),
            first.unwrap_or_default()
        )));
    }
    Ok(TableSum {
        table: d.name.clone(),
        rows: back.rows.len(),
        sha256: sum,
    })
}

fn shown(v: &Val) -> String {
    let s = format!("{v:?}");
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// Loads `dump` into `db`, which must be empty apart from what its migrations fill (the
/// `seeded` tables, whose rows are replaced by the file's). Returns the checked tables.
pub async fn into_empty(
    db: &Db,
    dump: &Dump,
    seeded: &BTreeSet<String>,
) -> OpsResult<Vec<TableSum>> {
    match db {
        Db::Sqlite(pool) => {
            let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
            let tables = catalogue::sqlite(&mut tx).await?;
            let plan = plan(&tables, dump)?;
            let candidates = tables
                .iter()
                .map(|t| t.name.as_str())
                .filter(|n| catalogue::is_copied(n) && !seeded.contains(*n));
            refuse_occupied(&catalogue::non_empty_sqlite(&mut tx, candidates).await?)?;
            sqlx::query("PRAGMA defer_foreign_keys = ON")
                .execute(&mut *tx)
                .await?;
            // Triggers are dropped and made again from their own text, in the transaction.
            let triggers: Vec<(String, String)> =
                sqlx::query_as("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
                    .fetch_all(&mut *tx)
                    .await?;
            for (name, _) in &triggers {
                sqlx::query(&format!("DROP TRIGGER {}", quote(name)))
                    .execute(&mut *tx)
                    .await?;
            }
            let from_sqlite = dump.backend == "SQLite";
            let mut sums = Vec::new();
            for (t, d) in &plan {
                if seeded.contains(&t.name) {
                    sqlx::query(&format!("DELETE FROM {}", quote(&t.name)))
                        .execute(&mut *tx)
                        .await?;
                }
                insert_sqlite(&mut tx, d, from_sqlite).await?;
                sums.push(verify(d, &read_sqlite(&mut tx, t).await?)?);
            }
            for (_, sql) in &triggers {
                sqlx::query(sql).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(sums)
        }
        Db::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            let tables = catalogue::postgres(&mut tx).await?;
            let plan = plan(&tables, dump)?;
            let candidates = tables
                .iter()
                .map(|t| t.name.as_str())
                .filter(|n| catalogue::is_copied(n) && !seeded.contains(*n));
            refuse_occupied(&catalogue::non_empty_postgres(&mut tx, candidates).await?)?;
            // The table owner's own triggers are off for the load (foreign keys stay checked);
            // ALTER TABLE is transactional, so a refusal leaves them as they were.
            for (t, _) in &plan {
                sqlx::query(&format!(
                    "ALTER TABLE {} DISABLE TRIGGER USER",
                    quote(&t.name)
                ))
                .execute(&mut *tx)
                .await?;
            }
            let mut sums = Vec::new();
            for (t, d) in &plan {
                if seeded.contains(&t.name) {
                    sqlx::query(&format!("DELETE FROM {}", quote(&t.name)))
                        .execute(&mut *tx)
                        .await?;
                }
                insert_postgres(&mut tx, t, d).await?;
                sums.push(verify(d, &read_postgres(&mut tx, t).await?)?);
            }
            for (t, _) in &plan {
                sqlx::query(&format!(
                    "ALTER TABLE {} ENABLE TRIGGER USER",
                    quote(&t.name)
                ))
                .execute(&mut *tx)
                .await?;
            }
            reset_sequences(&mut tx).await?;
            tx.commit().await?;
            Ok(sums)
        }
    }
}

fn insert_sql(
    table: &str,
    columns: &[String],
    rows: usize,
    param: impl Fn(usize, usize) -> String,
) -> String {
    let names: Vec<String> = columns.iter().map(|c| quote(c)).collect();
    let mut sql = format!(
        "INSERT INTO {} ({}) VALUES ",
        quote(table),
        names.join(", ")
    );
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..columns.len() {
            if c > 0 {
                sql.push_str(", ");
            }
            n += 1;
            sql.push_str(&param(n, c));
        }
        sql.push(')');
    }
    sql
}

async fn insert_sqlite(
    conn: &mut SqliteConnection,
    d: &TableData,
    from_sqlite: bool,
) -> OpsResult<()> {
    let names: Vec<String> = d.columns.iter().map(|(n, _)| n.clone()).collect();
    for chunk in d.rows.chunks(batch_rows(names.len())) {
        let sql = insert_sql(&d.name, &names, chunk.len(), |n, _| format!("${n}"));
        let mut q = sqlx::query(&sql);
        for row in chunk {
            for (v, (_, kind)) in row.iter().zip(&d.columns) {
                q = match v {
                    Val::Null => q.bind(None::<i64>),
                    Val::Int(i) => q.bind(*i),
                    Val::Real(f) => q.bind(*f),
                    // PostgreSQL's timestamps are written as the application writes them.
                    Val::Text(s) if *kind == Kind::Timestamp && !from_sqlite => {
                        match parse_instant(s) {
                            Some(t) => q.bind(t),
                            None => q.bind(s.clone()),
                        }
                    }
                    Val::Text(s) => q.bind(s.clone()),
                    Val::Bytes(b) => q.bind(b.clone()),
                };
            }
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

async fn insert_postgres(conn: &mut PgConnection, t: &Table, d: &TableData) -> OpsResult<()> {
    let names: Vec<String> = d.columns.iter().map(|(n, _)| n.clone()).collect();
    // Columns are in the same (sorted) order in the file and the catalogue: checked by `plan`.
    let cols = &t.columns;
    for chunk in d.rows.chunks(batch_rows(names.len())) {
        let sql = insert_sql(&d.name, &names, chunk.len(), |n, c| {
            format!("${n}::{}", cols[c].sql_type)
        })
        .replacen(" VALUES ", " OVERRIDING SYSTEM VALUE VALUES ", 1);
        let mut q = sqlx::query(&sql);
        for row in chunk {
            for (v, c) in row.iter().zip(cols) {
                q = if c.typname == "bytea" {
                    match v {
                        Val::Bytes(b) => q.bind(Some(b.clone())),
                        Val::Null => q.bind(None::<Vec<u8>>),
                        other => q.bind(other.to_pg_text().map(String::into_bytes)),
                    }
                } else if c.kind == Kind::Timestamp {
                    q.bind(match v {
                        Val::Text(s) => Some(canonical_text(s).into_owned()),
                        other => other.to_pg_text(),
                    })
                } else {
                    q.bind(v.to_pg_text())
                };
            }
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Every sequence (serial or identity) of the schema set past the highest value loaded.
async fn reset_sequences(conn: &mut PgConnection) -> OpsResult<()> {
    let owned: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT t.relname::text, a.attname::text, s.oid::regclass::text
         FROM pg_class s
         JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
              AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
         JOIN pg_class t ON t.oid = d.refobjid
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE s.relkind = 'S' AND n.nspname = current_schema()",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (table, column, sequence) in owned {
        let sql = format!(
            "SELECT setval($1::regclass, COALESCE((SELECT MAX({}) FROM {}), 0) + 1, false)",
            quote(&column),
            quote(&table)
        );
        sqlx::query(&sql)
            .bind(&sequence)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
