//! Imports made through the administration pages: the uploaded file and its mapping are kept
//! (and audited) until it is imported; the import runs in the background, reports its progress,
//! and leaves its outcome for the page (and the audit trail).
//!
//! A running job holds a lease: its server renews `heartbeat_at` every [`HEARTBEAT_EVERY`].
//! A job whose heartbeat is older than [`LEASE`] has lost its server (stopped or restarted) and
//! is marked failed by [`recover_interrupted`]; since an import writes its figures and its
//! outcome in one transaction, such a job kept nothing, and it can be run again.

use super::audit::{self, Actor, Record};
use super::import::{import_csv_with, ImportError, ImportReport, JobRun, Mode};
use super::{now, with_pool, with_tx, Db, DbError, DbResult, Tx};
use crate::domain::audit::AuditAction;
use crate::domain::import::{ColumnMap, Outcome};
use std::time::Duration;

/// Imports in progress on this server: job id → (rows done, rows in all).
pub type Progress =
    std::sync::Arc<std::sync::Mutex<std::collections::HashMap<i64, (usize, usize)>>>;

/// How often the server running an import renews its heartbeat.
pub const HEARTBEAT_EVERY: Duration = Duration::from_secs(10);
/// How long a heartbeat holds a running job: one not renewed for this long has lost its server.
pub const LEASE: Duration = Duration::from_secs(60);

/// What the page says of an import whose server stopped while it ran.
pub const INTERRUPTED: &str = "The server stopped or restarted while this import was running; nothing from it was kept — run it again.";

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

impl Job {
    /// Whether the file may be (re)mapped and run: uploaded, or failed (nothing was kept).
    pub fn can_run(&self) -> bool {
        matches!(self.status.as_str(), "uploaded" | "failed")
    }
}

/// An uploaded file, as the upload route read it.
pub struct Upload<'a> {
    pub indicator_id: i64,
    pub indicator_code: &'a str,
    pub file_name: &'a str,
    pub content: &'a str,
    /// Data rows (the heading not counted).
    pub rows: usize,
}

/// Keeps an uploaded file for its preview, with its audit entry. Returns the job's id.
pub async fn create(db: &Db, actor: &Actor, upload: &Upload<'_>) -> DbResult<i64> {
    let mut tx = db.begin().await?;
    let id: i64 = with_tx!(&mut tx, conn => sqlx::query_scalar(
        "INSERT INTO import_job (indicator_id, file_name, content, mapping, status, created_by, created_at)
         VALUES ($1, $2, $3, '', 'uploaded', $4, $5) RETURNING id"
    ).bind(upload.indicator_id).bind(upload.file_name).bind(upload.content).bind(&actor.name).bind(now())
     .fetch_one(&mut *conn).await)?;
    audit::record(
        &mut tx,
        Record {
            actor,
            action: AuditAction::Create,
            entity_type: "import",
            entity_id: id.to_string(),
            partnership_id: None,
            summary: format!(
                "Uploaded {} ({} bytes, {} rows) for {}",
                upload.file_name,
                upload.content.len(),
                upload.rows,
                upload.indicator_code
            ),
            before: None,
            after: Some(serde_json::json!({
                "file_name": upload.file_name,
                "size_bytes": upload.content.len(),
                "indicator": upload.indicator_code,
                "rows": upload.rows,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
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

/// Sets which column holds what (while the file may still be run), with an audit entry naming
/// the columns before (as set or as recognised; `None` when none were) and after. False when
/// the file is being imported or has been.
pub async fn set_mapping(
    db: &Db,
    actor: &Actor,
    id: i64,
    header: &[String],
    before: Option<&ColumnMap>,
    after: &ColumnMap,
) -> DbResult<bool> {
    let text = serde_json::to_string(after).map_err(|e| DbError::corrupt("import_job", e))?;
    let mut tx = db.begin().await?;
    let n = with_tx!(&mut tx, conn => sqlx::query(
        "UPDATE import_job SET mapping = $1 WHERE id = $2 AND status IN ('uploaded', 'failed')"
    ).bind(&text).bind(id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(false);
    }
    audit::record(
        &mut tx,
        Record {
            actor,
            action: AuditAction::Update,
            entity_type: "import",
            entity_id: id.to_string(),
            partnership_id: None,
            summary: "Set the columns of an uploaded file".into(),
            before: before.map(|m| m.describe(header).into()),
            after: Some(after.describe(header).into()),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Marks the job as running, if nobody is running it: for the one caller who may, the token
/// naming this run.
pub async fn claim(db: &Db, id: i64, mode: Mode) -> DbResult<Option<String>> {
    let mode = match mode {
        Mode::AllOrNothing => "all_or_nothing",
        Mode::ValidRowsOnly => "valid_rows_only",
    };
    let token = format!("{:032x}", rand::random::<u128>());
    let n = with_pool!(db, pool => sqlx::query(
        "UPDATE import_job SET status = 'running', mode = $1, run_token = $2, heartbeat_at = $3,
                report = NULL, finished_at = NULL, rows_done = NULL, rows_total = NULL
         WHERE id = $4 AND status IN ('uploaded', 'failed')"
    ).bind(mode).bind(&token).bind(now()).bind(id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok((n == 1).then_some(token))
}

/// Renews a running job's lease.
pub async fn heartbeat(db: &Db, id: i64, token: &str) -> DbResult<()> {
    with_pool!(db, pool => sqlx::query(
        "UPDATE import_job SET heartbeat_at = $1 WHERE id = $2 AND run_token = $3 AND status = 'running'"
    ).bind(now()).bind(id).bind(token).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Marks failed every running job whose heartbeat is older than `stale_before` (or that never
/// had one), saying so on its page. Returns their ids. Jobs of live servers are left alone.
pub async fn recover_interrupted(
    db: &Db,
    stale_before: chrono::DateTime<chrono::Utc>,
) -> DbResult<Vec<i64>> {
    let report = report_json(&Outcome {
        message: Some(INTERRUPTED.into()),
        ..Outcome::default()
    })?;
    Ok(with_pool!(db, pool => sqlx::query_scalar(
        "UPDATE import_job SET status = 'failed', report = $1, finished_at = $2
         WHERE status = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < $3)
         RETURNING id"
    ).bind(report).bind(now()).bind(stale_before).fetch_all(pool).await)?)
}

fn report_json(outcome: &Outcome) -> DbResult<String> {
    serde_json::to_string(outcome).map_err(|e| DbError::corrupt("import_job", e))
}

/// Records a run's outcome (in `tx`), unless a later run has taken the job over.
async fn finish_in(tx: &mut Tx, job: JobRun<'_>, status: &str, outcome: &Outcome) -> DbResult<()> {
    let report = report_json(outcome)?;
    with_tx!(tx, conn => sqlx::query(
        "UPDATE import_job SET status = $1, report = $2, finished_at = $3 WHERE id = $4 AND run_token = $5"
    ).bind(status).bind(report).bind(now()).bind(job.id).bind(job.token)
     .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records the outcome of an import that wrote figures, in the import's own transaction.
pub(super) async fn record_outcome(
    tx: &mut Tx,
    job: JobRun<'_>,
    mode: Mode,
    report: &ImportReport,
) -> DbResult<()> {
    finish_in(tx, job, "done", &outcome_of(report, mode)).await
}

/// Records the outcome of a run that wrote nothing.
async fn finish(db: &Db, job: JobRun<'_>, status: &str, outcome: &Outcome) {
    let done = async {
        let mut tx = db.begin().await?;
        finish_in(&mut tx, job, status, outcome).await?;
        tx.commit().await
    };
    if let Err(e) = done.await {
        tracing::error!(import = job.id, error = %e, "could not record the outcome of an import");
    }
}

fn outcome_of(r: &ImportReport, mode: Mode) -> Outcome {
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
    let t = r.tally;
    Outcome {
        rows: t.rows,
        bad: r.errors.len(),
        added: r.added,
        changed: r.changed,
        unchanged: r.unchanged,
        comparator_rows: t.comparator_rows,
        skipped_outside: t.skipped_outside,
        area_rows: t.area_rows,
        county_rows: t.county_rows,
        suppressed: t.suppressed,
        imported: r.imported,
        message: Some(message),
    }
}

/// Records where a running job has got to, for pages served by other app servers.
async fn record_progress(
    db: &Db,
    id: i64,
    token: &str,
    (done, total): (usize, usize),
) -> DbResult<()> {
    let (done, total) = (done as i64, total as i64);
    with_pool!(db, pool => sqlx::query(
        "UPDATE import_job SET rows_done = $1, rows_total = $2
         WHERE id = $3 AND run_token = $4 AND status = 'running'"
    ).bind(done).bind(total).bind(id).bind(token).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Where a running import has got to (rows done, rows in all), whichever app server runs it:
/// this server's own count when it runs the job, else the count its server last recorded.
pub async fn progress_of(db: &Db, local: &Progress, id: i64) -> DbResult<Option<(usize, usize)>> {
    if let Some(p) = local.lock().ok().and_then(|p| p.get(&id).copied()) {
        return Ok(Some(p));
    }
    let row: Option<(Option<i64>, Option<i64>)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT rows_done, rows_total FROM import_job WHERE id = $1 AND status = 'running'"
    ).bind(id).fetch_optional(pool).await)?;
    Ok(match row {
        Some((Some(done), Some(total))) => Some((
            usize::try_from(done).unwrap_or(0),
            usize::try_from(total).unwrap_or(0),
        )),
        _ => None,
    })
}

/// How often the server running an import records its progress for the other servers.
const PROGRESS_EVERY: Duration = Duration::from_millis(250);

/// Stops renewing a job's lease (and recording its progress) when dropped, however the run
/// ends.
struct Heartbeat(tokio::task::JoinHandle<()>);

impl Drop for Heartbeat {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Renews the job's lease every [`HEARTBEAT_EVERY`] and, on PostgreSQL (where several app
/// servers may share the database), records its progress when it has moved. On SQLite there is
/// one app server, and the import's own write transaction holds the database's only write lock
/// while it runs, so the progress stays in this server's memory.
fn keep_alive(db: &Db, id: i64, token: &str, progress: &Progress) -> Heartbeat {
    let (db, token, progress) = (db.clone(), token.to_string(), progress.clone());
    let shared = matches!(db.backend(), super::Backend::Postgres);
    Heartbeat(tokio::spawn(async move {
        let mut every = tokio::time::interval(if shared {
            PROGRESS_EVERY
        } else {
            HEARTBEAT_EVERY
        });
        let mut renewed = tokio::time::Instant::now();
        let mut recorded = None;
        loop {
            every.tick().await;
            if shared {
                let now = progress.lock().ok().and_then(|p| p.get(&id).copied());
                if let Some(p) = now.filter(|p| recorded != Some(*p)) {
                    match record_progress(&db, id, &token, p).await {
                        Ok(()) => recorded = Some(p),
                        Err(e) => {
                            tracing::warn!(import = id, error = %e, "could not record an import's progress")
                        }
                    }
                }
            }
            if renewed.elapsed() >= HEARTBEAT_EVERY {
                renewed = tokio::time::Instant::now();
                if let Err(e) = heartbeat(&db, id, &token).await {
                    tracing::warn!(import = id, error = %e, "could not renew an import's heartbeat");
                }
            }
        }
    }))
}

/// Runs a claimed job to the end, renewing its lease and keeping `progress` up to date, and
/// records the outcome.
pub async fn run_job(
    db: &Db,
    actor: &Actor,
    id: i64,
    token: &str,
    mode: Mode,
    progress: &Progress,
) {
    let run = JobRun { id, token };
    let Ok(Some(job)) = job(db, id).await else {
        tracing::error!(import = id, "an import job vanished before it ran");
        return;
    };
    let _lease = keep_alive(db, id, token, progress);
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
        Some(run),
    )
    .await;
    if let Ok(mut p) = progress.lock() {
        p.remove(&id);
    }
    match result {
        // Recorded with the figures.
        Ok(r) if r.imported => {}
        Ok(r) => finish(db, run, "done", &outcome_of(&r, mode)).await,
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
            finish(db, run, "failed", &outcome).await;
        }
    }
}
