//! Importing measurements through the administration pages: the uploaded file (received by the
//! server's upload route), its preview and column mapping, the validation report, and the
//! import itself, which runs in the background and reports its progress.

use crate::domain::import::ColumnMap;
use crate::domain::Choice;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub use crate::db::import_jobs::Progress;
pub use crate::domain::import::{BadRow, Outcome, Tally};

/// The import page: the file, its preview, the mapping, the check and the progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportView {
    pub id: i64,
    pub indicator: String,
    pub file_name: String,
    pub status: String,
    pub header: Vec<String>,
    pub preview: Vec<Vec<String>>,
    pub mapping: Option<ColumnMap>,
    /// Why the columns could not be recognised, when they could not.
    pub mapping_problem: Option<String>,
    pub columns: Vec<Choice>,
    pub rows: usize,
    pub good: usize,
    pub bad: Vec<BadRow>,
    /// What the rows are for (kept, skipped, suppressed, bad), when the columns are known.
    pub tally: Option<Tally>,
    /// (done, total) while running on this server.
    pub progress: Option<(usize, usize)>,
    pub outcome: Option<Outcome>,
}

/// The indicators an upload can be for, and the recent imports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportsView {
    pub indicators: Vec<Choice>,
    pub recent: Vec<(i64, String, String, String, String)>,
}

#[server(prefix = "/api", endpoint = "admin/imports", input = GetUrl)]
pub async fn list_imports() -> Result<ImportsView, AppError> {
    use crate::domain::auth::{Action, Target};
    super::authorise_signed_in(Action::ImportData, Target::Trust)?;
    let ctx = super::context()?;
    let indicators = crate::db::catalogue::list_indicators(&ctx.db)
        .await?
        .into_iter()
        .map(|i| Choice {
            value: i.code.as_str().to_string(),
            label: format!("{} {}", i.code.as_str(), i.title),
        })
        .collect();
    Ok(ImportsView {
        indicators,
        recent: crate::db::import_jobs::recent_jobs(&ctx.db).await?,
    })
}

/// The columns a file is read with: as the person set them, or else as recognised from its
/// headings (`Err`: why they could not be).
#[cfg(feature = "ssr")]
fn mapping_in_use(
    job: &crate::db::import_jobs::Job,
    header: &[String],
) -> Result<ColumnMap, String> {
    match job
        .mapping
        .as_deref()
        .map(serde_json::from_str::<ColumnMap>)
    {
        Some(Ok(m)) => Ok(m),
        _ => crate::domain::import::guess_columns(header).map_err(|e| e.0),
    }
}

#[server(prefix = "/api", endpoint = "admin/import", input = GetUrl)]
pub async fn get_import(id: i64) -> Result<ImportView, AppError> {
    use crate::domain::auth::{Action, Target};
    use crate::domain::import::records;
    super::authorise_signed_in(Action::ImportData, Target::Trust)?;
    let ctx = super::context()?;
    let job = crate::db::import_jobs::job(&ctx.db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("That import".into()))?;
    let all = records(&job.content).unwrap_or_default();
    let (header, body) = all
        .split_first()
        .map(|(h, b)| (h.clone(), b))
        .unwrap_or_default();
    let (mapping, mapping_problem) = match mapping_in_use(&job, &header) {
        Ok(m) => (Some(m), None),
        Err(e) => (None, Some(e)),
    };
    let (good, bad, tally) = match &mapping {
        Some(m) => {
            let checked = crate::db::import::check(&ctx.db, job.indicator_id, &header, body, m)
                .await
                .map_err(|e| match e {
                    crate::db::import::ImportError::Db(e) => AppError::from(e),
                    other => AppError::Conflict(other.to_string()),
                })?;
            (checked.good.len(), checked.errors, Some(checked.tally))
        }
        None => (0, vec![], None),
    };
    let progress = crate::db::import_jobs::progress_of(&ctx.db, &ctx.progress, id).await?;
    Ok(ImportView {
        id,
        indicator: job.indicator,
        file_name: job.file_name,
        status: job.status,
        columns: header
            .iter()
            .enumerate()
            .map(|(i, h)| Choice {
                value: i.to_string(),
                label: format!("{} (column {})", h, i + 1),
            })
            .collect(),
        header,
        preview: body.iter().take(8).cloned().collect(),
        mapping,
        mapping_problem,
        rows: body.len(),
        good,
        bad,
        tally,
        progress,
        outcome: job.report.and_then(|r| serde_json::from_str(&r).ok()),
    })
}

/// Where a running import has got to (asked for every second while its page is open).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportProgressView {
    pub running: bool,
    /// (done, total) while it runs, whichever app server runs it.
    pub progress: Option<(usize, usize)>,
}

#[server(prefix = "/api", endpoint = "admin/import/progress", input = GetUrl)]
pub async fn import_progress(id: i64) -> Result<ImportProgressView, AppError> {
    use crate::domain::auth::{Action, Target};
    super::authorise_signed_in(Action::ImportData, Target::Trust)?;
    let ctx = super::context()?;
    let job = crate::db::import_jobs::job(&ctx.db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("That import".into()))?;
    let progress = crate::db::import_jobs::progress_of(&ctx.db, &ctx.progress, id).await?;
    Ok(ImportProgressView {
        running: job.status == "running",
        progress,
    })
}

/// Sets which column holds what.
#[server(prefix = "/api", endpoint = "admin/import/mapping")]
#[allow(clippy::too_many_arguments)]
pub async fn set_mapping(
    id: i64,
    area_code: String,
    area_name: String,
    period: String,
    value: String,
    count: String,
    denominator: String,
    ci_lower: String,
    ci_upper: String,
    #[server(default)] significance: String,
) -> Result<(), AppError> {
    use crate::domain::auth::{Action, Target};
    use crate::error::FieldError;
    let me = super::authorise_signed_in(Action::ImportData, Target::Trust)?;
    let ctx = super::context()?;
    let back = format!("/admin/imports/{id}");
    let job = crate::db::import_jobs::job(&ctx.db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("That import".into()))?;
    let header = crate::domain::import::records(&job.content)
        .ok()
        .and_then(|r| r.into_iter().next())
        .unwrap_or_default();
    let columns = header.len();
    let mut errors = Vec::new();
    let mut col = |field: &str, text: &str, needed: bool| -> Option<usize> {
        match text.trim().parse::<usize>() {
            Ok(i) if i < columns => Some(i),
            _ if !needed && text.trim().is_empty() => None,
            _ => {
                errors.push(FieldError::new(field, "Choose the column from the list"));
                None
            }
        }
    };
    let map = ColumnMap {
        area_code: col("area-code", &area_code, true).unwrap_or(0),
        area_name: col("area-name", &area_name, false),
        period: col("period", &period, true).unwrap_or(0),
        value: col("value", &value, true).unwrap_or(0),
        count: col("count", &count, false),
        denominator: col("denominator", &denominator, false),
        ci_lower: col("ci-lower", &ci_lower, false),
        ci_upper: col("ci-upper", &ci_upper, false),
        indicator: None,
        significance: col("significance", &significance, false),
    };
    if !errors.is_empty() {
        return Err(super::fail(AppError::Invalid(errors), &back, &[]));
    }
    if map.ci_lower.is_some() != map.ci_upper.is_some() {
        return Err(super::fail(
            AppError::field(
                "ci-lower",
                "Choose both ends of the confidence interval, or neither",
            ),
            &back,
            &[],
        ));
    }
    let refused = || {
        super::fail(
            AppError::Conflict("This file is being imported, or has been already.".into()),
            &back,
            &[],
        )
    };
    if !job.can_run() {
        return Err(refused());
    }
    let before = mapping_in_use(&job, &header).ok();
    let actor = super::actor(&me);
    if !crate::db::import_jobs::set_mapping(&ctx.db, &actor, id, &header, before.as_ref(), &map)
        .await?
    {
        return Err(refused());
    }
    tracing::info!(user = me.user_id, import = id, "column mapping set");
    super::succeed(
        &back,
        Some("The columns have been set. Check the rows below."),
    );
    Ok(())
}

/// Imports the file: everything (refused if any row is bad) or exactly the valid rows. Runs in
/// the background; the page shows its progress.
#[server(prefix = "/api", endpoint = "admin/import/run")]
pub async fn run_import(id: i64, mode: String) -> Result<(), AppError> {
    use crate::db::import::Mode;
    use crate::domain::auth::{Action, Target};
    let me = super::authorise_signed_in(Action::ImportData, Target::Trust)?;
    let ctx = super::context()?;
    let back = format!("/admin/imports/{id}");
    let mode = match mode.as_str() {
        "all_or_nothing" => Mode::AllOrNothing,
        "valid_rows_only" => Mode::ValidRowsOnly,
        _ => {
            return Err(super::fail(
                AppError::field("mode", "Choose what to do with bad rows"),
                &back,
                &[],
            ))
        }
    };
    // Only one run at a time: the status moves to running once (from uploaded, or from failed
    // when the file is run again).
    let Some(token) = crate::db::import_jobs::claim(&ctx.db, id, mode).await? else {
        return Err(super::fail(
            AppError::Conflict("This file is being imported, or has been already.".into()),
            &back,
            &[],
        ));
    };
    let actor = super::actor(&me);
    let db = ctx.db.clone();
    let progress = ctx.progress.clone();
    tokio::spawn(async move {
        crate::db::import_jobs::run_job(&db, &actor, id, &token, mode, &progress).await;
    });
    super::succeed(&back, None);
    Ok(())
}
