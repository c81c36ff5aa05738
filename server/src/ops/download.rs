//! `/admin/backup/download`: an administrator downloads a backup of the whole database, taken
//! in one snapshot while the application serves, and the audit trail records who took it.

use super::{dump, file};
use crate::answers::{answer, internal};
use crate::downloads::allowed;
use crate::AppState;
use app::auth::CurrentUser;
use app::db::audit::{self, Actor};
use app::domain::audit::AuditAction;
use app::domain::auth::{Action, Target};
use app::error::AppError;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Extension;

pub async fn download(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
) -> Response {
    let who = match allowed(user, Action::TakeBackup, Target::Trust) {
        Ok(Some(who)) => who,
        Ok(None) => return answer(AppError::Unauthenticated),
        Err(refusal) => return refusal,
    };
    let db = &state.ctx.db;
    let dump = match dump::take(db).await {
        Ok(d) => d,
        Err(e) => return internal("backup download: the dump failed", e),
    };
    let tables = dump.tables.len();
    let rows: usize = dump.tables.iter().map(|t| t.rows.len()).sum();
    let stamp = dump.taken_at.clone();
    let built = tokio::task::spawn_blocking(move || file::write(&dump, Vec::new())).await;
    let bytes = match built {
        Ok(Ok((bytes, _))) => bytes,
        Ok(Err(e)) => return internal("backup download: the file could not be written", e),
        Err(e) => return internal("backup download: the writing task failed", e),
    };
    let actor = Actor {
        user_id: Some(who.user_id),
        name: who.display_name.clone(),
    };
    let recorded = async {
        let mut tx = db.begin().await?;
        audit::record(
            &mut tx,
            audit::entry(
                &actor,
                AuditAction::Create,
                "backup",
                &stamp,
                None,
                format!(
                    "Downloaded a backup of the whole database ({tables} tables, {rows} rows, {} bytes)",
                    bytes.len()
                ),
            ),
        )
        .await?;
        tx.commit().await
    };
    if let Err(e) = recorded.await {
        // No backup leaves without its entry in the audit trail.
        return internal("backup download: the audit entry could not be written", e);
    }
    tracing::info!(
        user = who.user_id,
        tables,
        rows,
        bytes = bytes.len(),
        "backup downloaded"
    );
    let name = format!(
        "trustboard-backup-{}.jsonl.gz",
        stamp.get(..19).unwrap_or(&stamp).replace(':', "")
    );
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/gzip"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        bytes,
    )
        .into_response()
}
