//! Reading every copied table inside one snapshot: SQLite's read transaction (WAL readers see
//! the database as it was when they began) or PostgreSQL's `REPEATABLE READ READ ONLY`. The
//! application keeps serving meanwhile; the dump is consistent across tables.

use super::catalogue::{self, quote, Table};
use super::value::{canonical_instant, sort_rows};
use super::{Dump, OpsResult, TableData, Val};
use app::db::Db;
use sqlx::{PgConnection, Row, SqliteConnection};

/// Dumps every copied table of `db` as of one moment.
pub async fn take(db: &Db) -> OpsResult<Dump> {
    let taken_at = canonical_instant(app::db::now());
    match db {
        Db::Sqlite(pool) => {
            let mut tx = pool.begin().await?;
            let schema_version = catalogue::schema_version_sqlite(&mut tx).await?;
            let tables = catalogue::sqlite(&mut tx).await?;
            let mut out = Vec::new();
            for t in tables.iter().filter(|t| catalogue::is_copied(&t.name)) {
                out.push(read_sqlite(&mut tx, t).await?);
            }
            tx.rollback().await?;
            Ok(Dump {
                schema_version,
                backend: "SQLite".into(),
                taken_at,
                tables: out,
            })
        }
        Db::Postgres(pool) => {
            let mut tx = pool
                .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .await?;
            let schema_version = catalogue::schema_version_postgres(&mut tx).await?;
            let tables = catalogue::postgres(&mut tx).await?;
            let mut out = Vec::new();
            for t in tables.iter().filter(|t| catalogue::is_copied(&t.name)) {
                out.push(read_postgres(&mut tx, t).await?);
            }
            tx.rollback().await?;
            Ok(Dump {
                schema_version,
                backend: "PostgreSQL".into(),
                taken_at,
                tables: out,
            })
        }
    }
}

fn data(t: &Table, mut rows: Vec<Vec<Val>>) -> TableData {
    sort_rows(&mut rows, &t.key_positions());
    TableData {
        name: t.name.clone(),
        columns: t.columns.iter().map(|c| (c.name.clone(), c.kind)).collect(),
        primary_key: t.primary_key.clone(),
        rows,
    }
}

/// A SQLite table's rows, each value read by what it holds (SQLite types values, not columns).
pub async fn read_sqlite(conn: &mut SqliteConnection, t: &Table) -> OpsResult<TableData> {
    use sqlx::{TypeInfo, ValueRef};
    let list: Vec<String> = t.columns.iter().map(|c| quote(&c.name)).collect();
    let sql = format!("SELECT {} FROM {}", list.join(", "), quote(&t.name));
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut vals = Vec::with_capacity(t.columns.len());
        for i in 0..t.columns.len() {
            let raw = row.try_get_raw(i)?;
            let v = if raw.is_null() {
                Val::Null
            } else {
                match raw.type_info().name() {
                    "INTEGER" | "BOOLEAN" | "INT4" | "BIGINT" => {
                        Val::Int(row.try_get_unchecked::<i64, _>(i)?)
                    }
                    "REAL" => Val::Real(row.try_get_unchecked::<f64, _>(i)?),
                    "BLOB" => Val::Bytes(row.try_get_unchecked::<Vec<u8>, _>(i)?),
                    _ => Val::Text(row.try_get_unchecked::<String, _>(i)?),
                }
            };
            vals.push(v);
        }
        out.push(vals);
    }
    Ok(data(t, out))
}

/// A PostgreSQL table's rows, each column read by its type; types without a reader here are
/// read as their text form.
pub async fn read_postgres(conn: &mut PgConnection, t: &Table) -> OpsResult<TableData> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
    let list: Vec<String> = t
        .columns
        .iter()
        .map(|c| match c.typname.as_str() {
            "int2" | "int4" | "int8" | "float4" | "float8" | "bool" | "timestamptz"
            | "timestamp" | "date" | "bytea" | "text" | "varchar" | "bpchar" => quote(&c.name),
            _ => format!("{}::text", quote(&c.name)),
        })
        .collect();
    let sql = format!("SELECT {} FROM {}", list.join(", "), quote(&t.name));
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut vals = Vec::with_capacity(t.columns.len());
        for (i, c) in t.columns.iter().enumerate() {
            let v = match c.typname.as_str() {
                "int2" => row
                    .try_get::<Option<i16>, _>(i)?
                    .map(|x| Val::Int(x.into())),
                "int4" => row
                    .try_get::<Option<i32>, _>(i)?
                    .map(|x| Val::Int(x.into())),
                "int8" => row.try_get::<Option<i64>, _>(i)?.map(Val::Int),
                "float4" => row
                    .try_get::<Option<f32>, _>(i)?
                    .map(|x| Val::Real(x.to_string().parse().unwrap_or(f64::from(x)))),
                "float8" => row.try_get::<Option<f64>, _>(i)?.map(Val::Real),
                "bool" => row
                    .try_get::<Option<bool>, _>(i)?
                    .map(|b| Val::Int(i64::from(b))),
                "timestamptz" => row
                    .try_get::<Option<DateTime<Utc>>, _>(i)?
                    .map(|x| Val::Text(canonical_instant(x))),
                "timestamp" => row
                    .try_get::<Option<NaiveDateTime>, _>(i)?
                    .map(|x| Val::Text(canonical_instant(x.and_utc()))),
                "date" => row
                    .try_get::<Option<NaiveDate>, _>(i)?
                    .map(|d| Val::Text(d.format("%Y-%m-%d").to_string())),
                "bytea" => row.try_get::<Option<Vec<u8>>, _>(i)?.map(Val::Bytes),
                _ => row.try_get::<Option<String>, _>(i)?.map(Val::Text),
            };
            vals.push(v.unwrap_or(Val::Null));
        }
        out.push(vals);
    }
    Ok(data(t, out))
}
