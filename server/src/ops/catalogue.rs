//! The tables to copy, found in the database's own catalogue (`sqlite_master`, `pg_catalog`)
//! rather than listed here, so that tables added by later migrations are copied too; ordered
//! so that every table comes after the tables its foreign keys point to.

use super::{Kind, OpsResult, EXCLUDED};
use sqlx::{PgConnection, SqliteConnection};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
    /// The declared type (SQLite) or `format_type` (PostgreSQL), for casts when loading.
    pub sql_type: String,
    /// PostgreSQL's type name (`typname`), empty on SQLite.
    pub typname: String,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    /// Sorted by name: the canonical order.
    pub columns: Vec<Column>,
    pub primary_key: Vec<String>,
    /// The tables its foreign keys point to (itself excluded).
    pub parents: BTreeSet<String>,
}

impl Table {
    pub fn key_positions(&self) -> Vec<usize> {
        self.primary_key
            .iter()
            .filter_map(|k| self.columns.iter().position(|c| &c.name == k))
            .collect()
    }
}

/// Double-quotes an identifier (both backends).
pub fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

type Raw = BTreeMap<String, (Vec<(i64, Column)>, BTreeSet<String>)>;

fn finish(raw: Raw) -> Vec<Table> {
    let tables: Vec<Table> = raw
        .into_iter()
        .map(|(name, (cols, parents))| {
            let mut pk: Vec<(i64, String)> = cols
                .iter()
                .filter(|(p, _)| *p > 0)
                .map(|(p, c)| (*p, c.name.clone()))
                .collect();
            pk.sort();
            let mut columns: Vec<Column> = cols.into_iter().map(|(_, c)| c).collect();
            columns.sort_by(|a, b| a.name.cmp(&b.name));
            let parents = parents.into_iter().filter(|p| p != &name).collect();
            Table {
                name,
                columns,
                primary_key: pk.into_iter().map(|(_, n)| n).collect(),
                parents,
            }
        })
        .collect();
    in_dependency_order(tables)
}

/// Parents before children; tables in a cycle (none today) keep their alphabetical place.
pub fn in_dependency_order(mut tables: Vec<Table>) -> Vec<Table> {
    tables.sort_by(|a, b| a.name.cmp(&b.name));
    let names: BTreeSet<String> = tables.iter().map(|t| t.name.clone()).collect();
    let mut placed = BTreeSet::new();
    let mut out = Vec::with_capacity(tables.len());
    while !tables.is_empty() {
        let ready = tables.iter().position(|t| {
            t.parents
                .iter()
                .all(|p| placed.contains(p) || !names.contains(p))
        });
        let t = tables.remove(ready.unwrap_or(0));
        placed.insert(t.name.clone());
        out.push(t);
    }
    out
}

/// Every table of a SQLite database (the excluded ones too, marked by [`is_copied`]).
pub async fn sqlite(conn: &mut SqliteConnection) -> OpsResult<Vec<Table>> {
    let cols: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT m.name, p.name, p.type, p.pk FROM sqlite_master m JOIN pragma_table_info(m.name) p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name, p.cid",
    )
    .fetch_all(&mut *conn)
    .await?;
    let fks: Vec<(String, String)> = sqlx::query_as(
        "SELECT m.name, f.\"table\" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table'",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut raw = Raw::new();
    for (table, name, declared, pk) in cols {
        raw.entry(table).or_default().0.push((
            pk,
            Column {
                kind: Kind::of_sqlite(&declared),
                name,
                sql_type: declared,
                typname: String::new(),
            },
        ));
    }
    for (table, parent) in fks {
        if let Some(t) = raw.get_mut(&table) {
            t.1.insert(parent);
        }
    }
    Ok(finish(raw))
}

/// Every table of the PostgreSQL schema in use.
pub async fn postgres(conn: &mut PgConnection) -> OpsResult<Vec<Table>> {
    let cols: Vec<(String, String, String, String, i32)> = sqlx::query_as(
        "SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod), t.typname::text,
                COALESCE((SELECT k.n FROM pg_index i, unnest(i.indkey::int2[]) WITH ORDINALITY k(att, n)
                          WHERE i.indrelid = c.oid AND i.indisprimary AND k.att = a.attnum), 0)::int4
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         JOIN pg_type t ON t.oid = a.atttypid
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attgenerated = ''
         ORDER BY c.relname, a.attnum",
    )
    .fetch_all(&mut *conn)
    .await?;
    let fks: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.relname::text, p.relname::text FROM pg_constraint k
         JOIN pg_class c ON c.oid = k.conrelid
         JOIN pg_class p ON p.oid = k.confrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE k.contype = 'f' AND n.nspname = current_schema()",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut raw = Raw::new();
    for (table, name, sql_type, typname, pk) in cols {
        raw.entry(table).or_default().0.push((
            i64::from(pk),
            Column {
                kind: Kind::of_postgres(&typname),
                name,
                sql_type,
                typname,
            },
        ));
    }
    for (table, parent) in fks {
        if let Some(t) = raw.get_mut(&table) {
            t.1.insert(parent);
        }
    }
    Ok(finish(raw))
}

/// Whether a table is copied (see [`EXCLUDED`]).
pub fn is_copied(name: &str) -> bool {
    !EXCLUDED.contains(&name)
}

/// The highest migration applied to a database (its schema version); 0 for none.
pub async fn schema_version_sqlite(conn: &mut SqliteConnection) -> OpsResult<i64> {
    let v: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(&mut *conn)
            .await
            .unwrap_or(None);
    Ok(v.unwrap_or(0))
}

pub async fn schema_version_postgres(conn: &mut PgConnection) -> OpsResult<i64> {
    let exists: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relname = '_sqlx_migrations')",
    )
    .fetch_one(&mut *conn)
    .await?;
    if !exists {
        return Ok(0);
    }
    let v: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(&mut *conn)
            .await?;
    Ok(v.unwrap_or(0))
}

/// What this program's migrations make: the schema version they reach, and the tables they
/// fill themselves (one-row settings such as `data_version`). Found by applying them to an
/// in-memory SQLite database (both backends' migrations are the same numbered files).
pub async fn reference_schema() -> OpsResult<(i64, BTreeSet<String>)> {
    use app::db::{Db, PoolSettings};
    let db = Db::connect(
        "sqlite::memory:",
        &PoolSettings {
            max_connections: 1,
            ..PoolSettings::default()
        },
    )
    .await?;
    db.migrate().await?;
    let Db::Sqlite(pool) = &db else {
        return Err(super::OpsError::Refused(
            "an in-memory SQLite database was expected".into(),
        ));
    };
    let mut conn = pool.acquire().await?;
    let version = schema_version_sqlite(&mut conn).await?;
    let tables = sqlite(&mut conn).await?;
    let seeded = non_empty_sqlite(&mut conn, tables.iter().map(|t| t.name.as_str())).await?;
    drop(conn);
    db.close().await;
    Ok((version, seeded))
}

/// One query for every table: the names of those holding at least one row.
fn non_empty_sql<'a>(tables: impl Iterator<Item = &'a str>) -> Option<String> {
    let parts: Vec<String> = tables
        .map(|t| {
            format!(
                "SELECT '{}' WHERE EXISTS (SELECT 1 FROM {})",
                t.replace('\'', "''"),
                quote(t)
            )
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" UNION ALL "))
}

pub async fn non_empty_sqlite<'a>(
    conn: &mut SqliteConnection,
    tables: impl Iterator<Item = &'a str>,
) -> OpsResult<BTreeSet<String>> {
    let Some(sql) = non_empty_sql(tables) else {
        return Ok(BTreeSet::new());
    };
    let names: Vec<String> = sqlx::query_scalar(&sql).fetch_all(&mut *conn).await?;
    Ok(names.into_iter().collect())
}

pub async fn non_empty_postgres<'a>(
    conn: &mut PgConnection,
    tables: impl Iterator<Item = &'a str>,
) -> OpsResult<BTreeSet<String>> {
    let Some(sql) = non_empty_sql(tables) else {
        return Ok(BTreeSet::new());
    };
    let sql = sql.replace("SELECT '", "SELECT text '");
    let names: Vec<String> = sqlx::query_scalar(&sql).fetch_all(&mut *conn).await?;
    Ok(names.into_iter().collect())
}
