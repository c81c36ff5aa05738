//! Importing measurements from a tidy CSV file (the command line and the administration pages).
//! Nothing is written unless the file is accepted whole — or, if the person chooses, exactly the
//! valid rows — and then in one transaction; the report says what happened to every row.
//! Re-importing the same file changes nothing.

use super::catalogue::{upsert_measurements, NewMeasurement};
use super::{reference, with_pool, Db, DbError};
use crate::domain::import::{
    guess_columns, parse_rows, records, ColumnMap, ImportRow, Place, RowError, Tally,
};
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
    /// What the file's rows are for: kept (the partnerships' areas, the county, comparators),
    /// skipped (outside the Trust), suppressed, bad.
    pub tally: Tally,
    pub errors: Vec<RowError>,
    /// New values written.
    pub added: usize,
    /// Values that replaced different ones.
    pub changed: usize,
    /// Rows whose value was already held.
    pub unchanged: usize,
    /// Whether anything was written.
    pub imported: bool,
}

/// A file checked before anything is written: its good rows, its bad rows named by line, and
/// what the rows are for.
#[derive(Debug, Clone)]
pub struct Checked {
    pub good: Vec<ImportRow>,
    pub errors: Vec<RowError>,
    pub tally: Tally,
    /// The Trust's county.
    county: AreaCode,
    /// Ids of the areas held, by code.
    known: HashMap<String, i64>,
}

impl Checked {
    fn place(&self, code: &AreaCode) -> Place {
        Place::of(code, &self.county, self.known.contains_key(code.as_str()))
    }
}

/// Checks the data `rows` of a file with `header`, read with `map`, for the indicator
/// `indicator_id` (whose unit bounds its figures) and the Trust's areas. Writes nothing.
pub async fn check(
    db: &Db,
    indicator_id: i64,
    header: &[String],
    rows: &[Vec<String>],
    map: &ColumnMap,
) -> Result<Checked, ImportError> {
    let indicator = super::catalogue::indicator_by_id(db, indicator_id)
        .await?
        .ok_or(ImportError::NoIndicator)?;
    let (good, errors) = parse_rows(header, rows, map, indicator.unit);
    let trust = reference::trust(db).await?.ok_or(ImportError::NotSetUp)?;
    let mut checked = Checked {
        tally: Tally::default(),
        good,
        errors,
        county: trust.county_code,
        known: reference::area_ids(db).await?,
    };
    checked.tally = Tally::of(&checked.good, checked.errors.len(), |c| checked.place(c));
    Ok(checked)
}

#[derive(sqlx::FromRow)]
struct Held {
    area_id: i64,
    period: String,
    value: Option<f64>,
    significance: Option<String>,
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
    map: Option<ColumnMap>,
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
    let checked = check(db, indicator_id, header, rows, &map).await?;
    progress(0, rows.len());
    let mut report = ImportReport {
        tally: checked.tally,
        errors: checked.errors.clone(),
        ..ImportReport::default()
    };
    if mode == Mode::AllOrNothing && !report.errors.is_empty() {
        return Ok(report);
    }

    let held: Vec<Held> = with_pool!(db, pool => sqlx::query_as(
        "SELECT area_id, period, value, significance FROM measurement WHERE indicator_id = $1"
    ).bind(indicator_id).fetch_all(pool).await)
    .map_err(DbError::from)?;
    let held: HashMap<(i64, String), (Option<f64>, Option<String>)> = held
        .into_iter()
        .map(|h| ((h.area_id, h.period), (h.value, h.significance)))
        .collect();

    // Which rows to write: the Trust's own areas, and comparators (added as areas if new).
    let mut tx = db.begin().await?;
    let mut new_areas: HashMap<String, i64> = HashMap::new();
    let mut to_write = Vec::new();
    for row in &checked.good {
        let code = row.area_code.as_str();
        let place = checked.place(&row.area_code);
        let area_id = match checked.known.get(code).or_else(|| new_areas.get(code)) {
            Some(id) => *id,
            None if place.kept() => {
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
            None => continue,
        };
        match held.get(&(area_id, row.period.to_string())) {
            None => report.added += 1,
            Some((v, s)) if same(*v, row.value) && *s == row.significance => {
                report.unchanged += 1;
                continue;
            }
            Some(_) => report.changed += 1,
        }
        to_write.push(measurement(indicator_id, area_id, row));
    }
    if to_write.is_empty() && new_areas.is_empty() {
        return Ok(report);
    }
    // Written in batches, so that a large file shows its progress.
    let total = rows.len();
    let done = total - to_write.len();
    for (i, batch) in to_write.chunks(1000).enumerate() {
        upsert_measurements(&mut tx, batch).await?;
        progress((done + (i + 1) * 1000).min(total), total);
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
                report.tally.skipped_outside
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
        significance: row.significance.clone(),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Unreadable(String),
    #[error("Trustboard has not been set up yet: there is no Trust to import for")]
    NotSetUp,
    #[error("That indicator is no longer in the catalogue")]
    NoIndicator,
    #[error(transparent)]
    Db(#[from] DbError),
}
