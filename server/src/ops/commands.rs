//! The operator commands: `backup --to FILE`, `restore --from FILE` and
//! `copy-data --from URL --to URL`, each built on the same dump and load.

use super::{catalogue, dump, file, load, Dump, OpsError, OpsResult, TableSum};
use app::db::{Db, PoolSettings};
use std::path::Path;

/// What a backup wrote.
pub struct BackupReport {
    pub schema_version: i64,
    pub bytes: u64,
    pub sums: Vec<TableSum>,
}

/// Dumps `db` to a gzip'd file (written beside it, then renamed into place).
pub async fn backup(db: &Db, to: &Path) -> OpsResult<BackupReport> {
    let dump = dump::take(db).await?;
    let to = to.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let partial = to.with_extension("partial");
        let out = std::fs::File::create(&partial)?;
        let (out, sums) = file::write(&dump, std::io::BufWriter::new(out))?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&partial, &to)?;
        let bytes = std::fs::metadata(&to)?.len();
        Ok(BackupReport {
            schema_version: dump.schema_version,
            bytes,
            sums,
        })
    })
    .await
    .map_err(|e| OpsError::Io(std::io::Error::other(e)))?
}

/// The schema version of a database, whichever backend.
pub async fn schema_version(db: &Db) -> OpsResult<i64> {
    match db {
        Db::Sqlite(pool) => catalogue::schema_version_sqlite(&mut *pool.acquire().await?).await,
        Db::Postgres(pool) => catalogue::schema_version_postgres(&mut *pool.acquire().await?).await,
    }
}

/// Refuses a dump whose schema is not this program's.
fn same_schema(dump_version: i64, ours: i64, what: &str) -> OpsResult<()> {
    if dump_version > ours {
        return Err(OpsError::Refused(format!(
            "{what} comes from a newer Trustboard (schema version {dump_version}); this program knows schema version {ours}. Use that version of Trustboard or a later one. Nothing has been changed."
        )));
    }
    if dump_version < ours {
        return Err(OpsError::Refused(format!(
            "{what} comes from an older Trustboard (schema version {dump_version}); this program is at schema version {ours}. Restore it with the version of Trustboard that took it, then run this version's `trustboard migrate`. Nothing has been changed."
        )));
    }
    Ok(())
}

/// Loads a dump into `db` (migrated, and empty), after checking its schema version.
pub async fn load_dump(db: &Db, dump: &Dump, what: &str) -> OpsResult<Vec<TableSum>> {
    let (ours, seeded) = catalogue::reference_schema().await?;
    same_schema(dump.schema_version, ours, what)?;
    let target = schema_version(db).await?;
    same_schema(target, ours, "The target database")?;
    load::into_empty(db, dump, &seeded).await
}

/// Reads and checks a backup file (off the async threads).
pub async fn read_file(from: &Path) -> OpsResult<Dump> {
    let from = from.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let f = std::fs::File::open(&from)
            .map_err(|e| OpsError::Refused(format!("Could not open {}: {e}", from.display())))?;
        file::read(std::io::BufReader::new(f))
    })
    .await
    .map_err(|e| OpsError::Io(std::io::Error::other(e)))?
}

/// Restores a backup file into `db`.
pub async fn restore(db: &Db, from: &Path) -> OpsResult<(Dump, Vec<TableSum>)> {
    let dump = read_file(from).await?;
    let sums = load_dump(db, &dump, "The backup file").await?;
    Ok((dump, sums))
}

/// Copies a whole county from one database to another (either backend to either): the source
/// is read in one snapshot and never migrated; the target is migrated, must be empty, and is
/// loaded and checked in one transaction.
pub async fn copy_data(from: &str, to: &str) -> OpsResult<Vec<TableSum>> {
    let settings = PoolSettings {
        max_connections: 2,
        ..PoolSettings::default()
    };
    let source = Db::connect(from, &settings).await?;
    let (ours, _) = catalogue::reference_schema().await?;
    let theirs = schema_version(&source).await?;
    if theirs != ours {
        source.close().await;
        return Err(OpsError::Refused(format!(
            "The source database is at schema version {theirs}, and this program at {ours}. Bring it to this version first (`trustboard migrate` with this version, pointed at it), or copy with the version of Trustboard that matches it. Nothing has been changed."
        )));
    }
    let target = Db::connect(to, &settings).await?;
    target.migrate().await?;
    let dump = dump::take(&source).await?;
    source.close().await;
    let sums = load_dump(&target, &dump, "The source database").await;
    target.close().await;
    let sums = sums?;
    let expected = dump.sums();
    if sums != expected {
        return Err(OpsError::Refused(
            "The copy does not match the source table for table.".into(),
        ));
    }
    Ok(sums)
}
