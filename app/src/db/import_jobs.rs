//! Imports made through the administration pages: the uploaded file and its mapping are kept
//! until it is imported; the import runs in the background, reports its progress, and leaves
//! its outcome for the page (and the audit trail).

use super::audit::Actor;
use super::import::{import_csv_with, ImportError, Mode};
use super::{now, with_pool, Db, DbResult};
use crate::api::imports::{Outcome, Progress};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Job {
    pub id: i64,
    pub indicator_id: i64,
    pub indicator: String,
    pub file_name: String,
    pub content: String,
    pub mapping: Option<String>,
    pub status: String,
    pub report: Option<String>,
}

/// Keeps an uploaded file for its preview. Returns the job's id.
pub async fn create(
    db: &Db,
    actor: &Actor,
    indicator_id: i64,
    file_name: &str,
    content: &str,
) -> DbResult<i64> {
    Ok(with_pool!(db, pool => sqlx::query_scalar(
        "INSERT INTO import_job (indicator_id, file_name, content, mapping, status, created_by, created_at)
         VALUES ($1, $2, $3, '', 'uploaded', $4, $5) RETURNING id"
    ).bind(indicator_id).bind(file_name).bind(content).bind(&actor.name).bind(now())
     .fetch_one(pool).await)?)
}

pub async fn job(db: &Db, id: i64) -> DbResult<Option<Job>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT j.id, j.indicator_id, i.code || ' ' || i.title AS indicator, j.file_name, j.content,
                NULLIF(j.mapping, '') AS mapping, j.status, j.report
         FROM import_job j JOIN indicator i ON i.id = j.indicator_id WHERE j.id = $1"
    ).bind(id).fetch_optional(pool).await)?)
}

/// The latest imports: (id, file, indicator, status, by).
pub async fn recent_jobs(db: &Db) -> DbResult<Vec<(i64, String, String, String, String)>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT j.id, j.file_name, i.code, j.status, j.created_by
         FROM import_job j JOIN indicator i ON i.id = j.indicator_id
         ORDER BY j.created_at DESC, j.id DESC LIMIT 20"
    ).fetch_all(pool).await)?)
}

pub async fn set_mapping(db: &Db, id: i64, mapping: &str) -> DbResult<()> {
    with_pool!(db, pool => sqlx::query(
        "UPDATE import_job SET mapping = $1 WHERE id = $2 AND status = 'uploaded'"
    ).bind(mapping).bind(id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Marks the job as running, if nobody has yet: true for the one caller who may run it.
pub async fn claim(db: &Db, id: i64, mode: Mode) -> DbResult<bool> {
    let mode = match mode {
        Mode::AllOrNothing => "all_or_nothing",
        Mode::ValidRowsOnly => "valid_rows_only",
    };
    let n = with_pool!(db, pool => sqlx::query(
        "UPDATE import_job SET status = 'running', mode = $1 WHERE id = $2 AND status = 'uploaded'"
    ).bind(mode).bind(id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

async fn finish(db: &Db, id: i64, status: &str, outcome: &Outcome) {
    let report = serde_json::to_string(outcome).unwrap_or_default();
    let done = with_pool!(db, pool => sqlx::query(
        "UPDATE import_job SET status = $1, report = $2, finished_at = $3 WHERE id = $4"
    ).bind(status).bind(report).bind(now()).bind(id).execute(pool).await.map(|r| r.rows_affected()));
    if let Err(e) = done {
        tracing::error!(import = id, error = %e, "could not record the outcome of an import");
    }
}

/// Runs a claimed job to the end, keeping `progress` up to date, and records the outcome.
pub async fn run_job(db: &Db, actor: &Actor, id: i64, mode: Mode, progress: &Progress) {
    let Ok(Some(job)) = job(db, id).await else {
        tracing::error!(import = id, "an import job vanished before it ran");
        return;
    };
    let map = job
        .mapping
        .as_deref()
        .and_then(|m| serde_json::from_str(m).ok());
    let report_progress = |done: usize, total: usize| {
        if let Ok(mut p) = progress.lock() {
            p.insert(id, (done, total));
        }
    };
    let result = import_csv_with(
        db,
        actor,
        job.indicator_id,
        &job.content,
        mode,
        map,
        &report_progress,
    )
    .await;
    if let Ok(mut p) = progress.lock() {
        p.remove(&id);
    }
    match result {
        Ok(r) => {
            let message = if r.imported {
                format!(
                    "{} new figures, {} changed, {} already held.",
                    r.added, r.changed, r.unchanged
                )
            } else if !r.errors.is_empty() && mode == Mode::AllOrNothing {
                format!(
                    "{} rows cannot be imported, so nothing was. Fix the file, or choose to import only the valid rows.",
                    r.errors.len()
                )
            } else {
                "Every figure in the file was already held: nothing changed.".to_string()
            };
            let outcome = Outcome {
                rows: r.rows,
                bad: r.errors.len(),
                added: r.added,
                changed: r.changed,
                unchanged: r.unchanged,
                comparator_rows: r.comparator_rows,
                skipped_outside: r.skipped_outside,
                imported: r.imported,
                message: Some(message),
            };
            finish(db, id, "done", &outcome).await;
        }
        Err(e) => {
            if let ImportError::Db(err) = &e {
                tracing::error!(import = id, error = %err, "import failed");
            }
            let outcome = Outcome {
                message: Some(match e {
                    ImportError::Db(_) => "Something went wrong on our side and nothing was imported. Please try again.".into(),
                    other => other.to_string(),
                }),
                ..Outcome::default()
            };
            finish(db, id, "failed", &outcome).await;
        }
    }
}
