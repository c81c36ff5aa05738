//! Importing measurements from a tidy CSV file (the command line and the administration pages).
//! Nothing is written unless the file is accepted whole — or, if the person chooses, exactly the
//! valid rows — and then in one transaction; the report says what happened to every row.
//! Re-importing the same file changes nothing.

use super::catalogue::{upsert_measurements, NewMeasurement};
use super::{reference, with_pool, Db, DbError};
use crate::domain::import::{guess_columns, parse_rows, records, ImportRow, RowError};
use crate::domain::{AreaCode, AreaKind};
use std::collections::HashMap;

/// What to do with a file that has bad rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Import nothing unless every row is good.
    AllOrNothing,
    /// Import the good rows; the report lists the rest.
    ValidRowsOnly,
}

/// What an import did (or, when refused, would have done).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    pub rows: usize,
    pub errors: Vec<RowError>,
    /// New values written.
    pub added: usize,
    /// Values that replaced different ones.
    pub changed: usize,
    /// Rows whose value was already held.
    pub unchanged: usize,
    /// Rows for comparators (England, a region, the county) among the written ones.
    pub comparator_rows: usize,
    /// Rows for areas outside the Trust that are not comparators: skipped.
    pub skipped_outside: usize,
    /// Whether anything was written.
    pub imported: bool,
}

#[derive(sqlx::FromRow)]
struct Held {
    area_id: i64,
    period: String,
    value: Option<f64>,
}

/// Reads `text` and imports its measurements for the indicator `indicator_id`, recognising
/// the columns from their headings.
pub async fn import_csv(
    db: &Db,
    actor: &super::audit::Actor,
    indicator_id: i64,
    text: &str,
    mode: Mode,
) -> Result<ImportReport, ImportError> {
    import_csv_with(db, actor, indicator_id, text, mode, None, &|_, _| {}, None).await
}

/// One run of an import job of the administration pages: when the import writes anything, the
/// job's outcome is recorded in the same transaction, so a job is never left "running" over
/// figures that were kept.
#[derive(Debug, Clone, Copy)]
pub struct JobRun<'a> {
    pub id: i64,
    pub token: &'a str,
}

/// As [`import_csv`], with the columns as the person set them (`None`: recognised from the
/// headings), telling `progress` (rows done, rows in all) as it goes, for `job` if any.
#[allow(clippy::too_many_arguments)]
pub async fn import_csv_with(
    db: &Db,
    actor: &super::audit::Actor,
    indicator_id: i64,
    text: &str,
    mode: Mode,
    map: Option<crate::domain::import::ColumnMap>,
    progress: &(dyn Fn(usize, usize) + Send + Sync),
    job: Option<JobRun<'_>>,
) -> Result<ImportReport, ImportError> {
    let all = records(text).map_err(|e| ImportError::Unreadable(e.0))?;
    let Some((header, rows)) = all.split_first() else {
        return Err(ImportError::Unreadable("The file is empty".into()));
    };
    let map = match map {
        Some(m) => m,
        None => guess_columns(header).map_err(|e| ImportError::Unreadable(e.0))?,
    };
    let (good, errors) = parse_rows(rows, &map);
    progress(0, rows.len());
    let mut report = ImportReport {
        rows: good.len() + errors.len(),
        errors,
        ..ImportReport::default()
    };
    if mode == Mode::AllOrNothing && !report.errors.is_empty() {
        return Ok(report);
    }

    let trust = reference::trust(db).await?.ok_or(ImportError::NotSetUp)?;
    let known = reference::area_ids(db).await?;
    let held: Vec<Held> = with_pool!(db, pool => sqlx::query_as(
        "SELECT area_id, period, value FROM measurement WHERE indicator_id = $1"
    ).bind(indicator_id).fetch_all(pool).await)
    .map_err(DbError::from)?;
    let held: HashMap<(i64, String), Option<f64>> = held
        .into_iter()
        .map(|h| ((h.area_id, h.period), h.value))
        .collect();

    // Which rows to write: the Trust's own areas, and comparators (added as areas if new).
    let is_comparator = |code: &AreaCode| {
        matches!(code.kind(), Some(AreaKind::Country | AreaKind::Region))
            || *code == trust.county_code
    };
    let mut tx = db.begin().await?;
    let mut new_areas: HashMap<String, i64> = HashMap::new();
    let mut to_write = Vec::new();
    for row in &good {
        let code = row.area_code.as_str();
        let comparator = is_comparator(&row.area_code);
        let area_id = match known.get(code).or_else(|| new_areas.get(code)) {
            Some(id) => *id,
            None if comparator => {
                let kind = row.area_code.kind().unwrap_or(AreaKind::Country);
                let name = if row.area_name.is_empty() {
                    code.to_string()
                } else {
                    row.area_name.clone()
                };
                let id = reference::upsert_area(&mut tx, &row.area_code, &name, kind, None).await?;
                new_areas.insert(code.to_string(), id);
                id
            }
            None => {
                report.skipped_outside += 1;
                continue;
            }
        };
        match held.get(&(area_id, row.period.to_string())) {
            None => report.added += 1,
            Some(v) if same(*v, row.value) => {
                report.unchanged += 1;
                continue;
            }
            Some(_) => report.changed += 1,
        }
        if comparator {
            report.comparator_rows += 1;
        }
        to_write.push(measurement(indicator_id, area_id, row));
    }
    if to_write.is_empty() && new_areas.is_empty() {
        return Ok(report);
    }
    // Written in batches, so that a large file shows its progress.
    let total = rows.len();
    let checked = total - to_write.len();
    for (i, batch) in to_write.chunks(1000).enumerate() {
        upsert_measurements(&mut tx, batch).await?;
        progress((checked + (i + 1) * 1000).min(total), total);
    }
    super::audit::record(
        &mut tx,
        super::audit::Record {
            actor,
            action: crate::domain::audit::AuditAction::Update,
            entity_type: "indicator",
            entity_id: indicator_id.to_string(),
            partnership_id: None,
            summary: format!(
                "Imported measurements: {} added, {} changed, {} already held, {} bad rows, {} outside the Trust skipped",
                report.added,
                report.changed,
                report.unchanged,
                report.errors.len(),
                report.skipped_outside
            ),
            before: None,
            after: Some(serde_json::json!({ "added": report.added, "changed": report.changed })),
        },
    )
    .await?;
    report.imported = !to_write.is_empty();
    if let Some(job) = job {
        super::import_jobs::record_outcome(&mut tx, job, mode, &report).await?;
    }
    tx.commit().await?;
    Ok(report)
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        _ => false,
    }
}

fn measurement(indicator_id: i64, area_id: i64, row: &ImportRow) -> NewMeasurement {
    NewMeasurement {
        indicator_id,
        area_id,
        period: row.period,
        value: row.value,
        numerator: row.count,
        denominator: row.denominator,
        ci: row.ci,
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Unreadable(String),
    #[error("Trustboard has not been set up yet: there is no Trust to import for")]
    NotSetUp,
    #[error(transparent)]
    Db(#[from] DbError),
}
