//! Backup, restore and moving a county between backends: a logical dump of every table taken
//! inside one snapshot transaction, written as gzip'd JSON lines, and loaded back into an empty
//! database in one transaction, verified table by table with checksums of a canonical form that
//! is the same whichever backend holds the data.
//!
//! - [`catalogue`]: the tables, found in the database's own catalogue, in foreign-key order.
//! - [`value`]: one value in its canonical form, and the per-table SHA-256.
//! - [`dump`]: reading every table inside one snapshot.
//! - [`file`]: the backup file's format.
//! - [`load`]: loading a dump into an empty database, checked before it is committed.
//! - [`commands`]: `backup`, `restore` and `copy-data`.
//! - [`download`]: the administrators' download of a backup.

pub mod catalogue;
pub mod commands;
pub mod download;
pub mod dump;
pub mod file;
pub mod load;
pub mod value;

pub use value::{Kind, Val};

/// Tables never copied: the migrations' own ledger (the target has its own), people's
/// sessions (a restored county signs everyone in again), and what only lives for minutes or
/// hours: refused forms kept for ten minutes, sign-in attempts and their throttling, and the
/// count of wrong event join codes.
pub const EXCLUDED: &[&str] = &[
    "_sqlx_migrations",
    "user_session",
    "form_stash",
    "sign_in_attempt",
    "sign_in_throttle",
    "join_code_throttle",
];

/// Why a backup, restore or copy did not happen. `Refused` messages are for the operator as
/// they stand; the others carry their detail.
#[derive(Debug, thiserror::Error)]
pub enum OpsError {
    #[error("{0}")]
    Refused(String),
    #[error("the file is not a readable Trustboard backup: {0}")]
    BadFile(String),
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("{0}")]
    Db(#[from] app::db::DbError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

pub type OpsResult<T> = Result<T, OpsError>;

/// One table's content as dumped: its columns (sorted by name, the canonical order), the
/// primary key, and its rows in canonical order.
#[derive(Debug, Clone)]
pub struct TableData {
    pub name: String,
    pub columns: Vec<(String, Kind)>,
    pub primary_key: Vec<String>,
    pub rows: Vec<Vec<Val>>,
}

impl TableData {
    pub fn checksum(&self) -> String {
        let names: Vec<&str> = self.columns.iter().map(|(n, _)| n.as_str()).collect();
        value::table_checksum(&names, &self.rows)
    }
}

/// A whole dump: where and when it was taken, and every table in load order.
#[derive(Debug, Clone)]
pub struct Dump {
    pub schema_version: i64,
    pub backend: String,
    pub taken_at: String,
    pub tables: Vec<TableData>,
}

/// A table's rows and checksum, as checked after a load (or as written to a file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSum {
    pub table: String,
    pub rows: usize,
    pub sha256: String,
}

impl Dump {
    pub fn sums(&self) -> Vec<TableSum> {
        self.tables
            .iter()
            .map(|t| TableSum {
                table: t.name.clone(),
                rows: t.rows.len(),
                sha256: t.checksum(),
            })
            .collect()
    }
}

/// The per-table report printed by the commands: rows and the start of each checksum.
pub fn print_sums(sums: &[TableSum]) {
    let width = sums.iter().map(|s| s.table.len()).max().unwrap_or(5);
    println!("{:width$}  {:>8}  sha256", "table", "rows");
    for s in sums {
        println!("{:width$}  {:>8}  {}", s.table, s.rows, s.sha256);
    }
    let total: usize = sums.iter().map(|s| s.rows).sum();
    println!("{} tables, {total} rows.", sums.len());
}
