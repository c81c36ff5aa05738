//! What the administrators' backup page shows before the download (the file itself is served
//! by `server/src/ops/download.rs`, authorised by the same rule).

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// What a backup taken now would hold, in outline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupOverview {
    /// "SQLite" or "PostgreSQL".
    pub backend: String,
    /// The highest migration applied.
    pub schema_version: i64,
    pub people: i64,
    pub plans: i64,
    pub audit_entries: i64,
}

#[server(prefix = "/api", endpoint = "admin/backup", input = GetUrl)]
pub async fn get_backup_overview() -> Result<BackupOverview, AppError> {
    use crate::db::with_pool;
    use crate::domain::auth::{Action, Target};
    super::authorise_signed_in(Action::TakeBackup, Target::Trust)?;
    let ctx = super::context()?;
    let db = &ctx.db;
    let (schema_version, people, plans, audit_entries): (i64, i64, i64, i64) =
        with_pool!(db, pool => sqlx::query_as(
            "SELECT (SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations),
                    (SELECT COUNT(*) FROM user_account),
                    (SELECT COUNT(*) FROM plan),
                    (SELECT COUNT(*) FROM audit_event)",
        )
        .fetch_one(pool)
        .await)
        .map_err(crate::db::DbError::from)?;
    Ok(BackupOverview {
        backend: db.backend().name().into(),
        schema_version,
        people,
        plans,
        audit_entries,
    })
}
