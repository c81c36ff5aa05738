//! Downloads of a plan: the office document, the spreadsheet and the CSV files. Plain axum
//! handlers (a file, not a page), authorised by the same rules as the plan's pages.

use crate::answers::{answer, internal};
use crate::AppState;
use app::auth::CurrentUser;
use app::domain::auth::{authorise, Action, Denial, Target};
use app::domain::PlanYear;
use app::error::AppError;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Extension;

/// The rules table's answer for a plain (non-server-function) route: the person signed in
/// when allowed, otherwise the refusal to send (401 or 403, worded as everywhere else).
pub(crate) fn allowed(
    user: Option<Extension<CurrentUser>>,
    action: Action,
    target: Target,
) -> Result<Option<app::domain::auth::Principal>, Response> {
    let who = user.and_then(|Extension(u)| u.principal);
    match authorise(who.as_ref(), action, target) {
        Ok(()) => Ok(who),
        Err(Denial::Unauthenticated) => Err(answer(AppError::Unauthenticated)),
        Err(Denial::Forbidden) => Err(answer(AppError::Forbidden)),
    }
}

/// `/partnerships/{slug}/plans/{year}/export/{file}`: `plan.docx`, `plan.xlsx`,
/// `measures.csv` or `actions.csv`.
pub async fn download(
    State(state): State<AppState>,
    Path((slug, year, file)): Path<(String, i32, String)>,
    user: Option<Extension<CurrentUser>>,
) -> Response {
    let db = &state.ctx.db;
    let partnership = match app::db::reference::partnership_by_slug(db, &slug).await {
        Ok(Some((id, _))) => id,
        Ok(None) => return answer(AppError::NotFound("That partnership".into())),
        Err(e) => {
            return internal("download: partnership lookup failed", e);
        }
    };
    if let Err(refusal) = allowed(user, Action::ViewPlan, Target::Partnership(partnership)) {
        return refusal;
    }
    let Ok(year) = PlanYear::new(year) else {
        return answer(AppError::NotFound("A plan for that year".into()));
    };
    let plan = match app::db::plans::find(db, partnership, year).await {
        Ok(Some(id)) => app::db::plans::load(db, id).await,
        Ok(None) => Ok(None),
        Err(e) => Err(e),
    };
    let plan = match plan {
        Ok(Some(p)) => p,
        Ok(None) => return answer(AppError::NotFound("A plan for that year".into())),
        Err(e) => {
            return internal("download: plan could not be loaded", e);
        }
    };
    let stem = format!("{slug}-plan-{}-v{}", year.first_year(), plan.version);
    // Building an office file is CPU work: off the async threads.
    built_off_thread("download", move || {
        use crate::export;
        Ok(match file.as_str() {
            "plan.docx" => (
                export::plan_docx(&plan).map_err(|e| e.to_string())?,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                format!("{stem}.docx"),
            ),
            "plan.xlsx" => (
                export::plan_xlsx(&plan).map_err(|e| e.to_string())?,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                format!("{stem}.xlsx"),
            ),
            // A byte-order mark, so that Excel reads the UTF-8 (£, curly quotes) rightly.
            "measures.csv" => (
                format!("\u{feff}{}", export::measures_csv(&plan)).into_bytes(),
                "text/csv; charset=utf-8",
                format!("{stem}-measures.csv"),
            ),
            "actions.csv" => (
                format!("\u{feff}{}", export::actions_csv(&plan)).into_bytes(),
                "text/csv; charset=utf-8",
                format!("{stem}-actions.csv"),
            ),
            _ => return Err(String::new()),
        })
    })
    .await
}

/// `/dashboard/exceptions/export.csv?year=` and `…/export.xlsx?year=`: the Board paper's
/// exceptions, for anyone who may see the dashboard.
pub async fn exceptions(
    State(state): State<AppState>,
    Path(file): Path<String>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
    user: Option<Extension<CurrentUser>>,
) -> Response {
    if let Err(refusal) = allowed(user, Action::ViewDashboard, Target::Trust) {
        return refusal;
    }
    let year = query.get("year").and_then(|y| y.parse::<i32>().ok());
    let found = match app::api::dashboard::exceptions_for(&state.ctx.db, year).await {
        Ok(e) => e,
        Err(e) => {
            return internal("exceptions download failed", e);
        }
    };
    let name = format!("exceptions-{}", found.year);
    built_off_thread("exceptions", move || {
        Ok(match file.as_str() {
            "export.csv" => (
                format!("\u{feff}{}", crate::export::exceptions_csv(&found)).into_bytes(),
                "text/csv; charset=utf-8",
                format!("{name}.csv"),
            ),
            "export.xlsx" => (
                crate::export::exceptions_xlsx(&found).map_err(|e| e.to_string())?,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                format!("{name}.xlsx"),
            ),
            _ => return Err(String::new()),
        })
    })
    .await
}

/// `/self-assessments/{year}/export/{file}`: the Board's July report as `report.docx`,
/// `report.xlsx` or `grades.csv`, for those who may see the report, holding only what the one
/// visibility rule lets them read.
pub async fn assessment_report(
    State(state): State<AppState>,
    Path((year, file)): Path<(i32, String)>,
    user: Option<Extension<CurrentUser>>,
) -> Response {
    let who = match allowed(user, Action::ViewAssessmentReport, Target::Trust) {
        Ok(Some(who)) => who,
        Ok(None) => return answer(AppError::Unauthenticated),
        Err(refusal) => return refusal,
    };
    let report = match app::api::assessments::report_for(&state.ctx, &who, year).await {
        Ok(r) => r,
        Err(e) => return answer(e),
    };
    let name = format!("self-assessments-{}", report.year);
    built_off_thread("self-assessment report", move || {
        use crate::export;
        Ok(match file.as_str() {
            "report.docx" => (
                export::report_docx(&report).map_err(|e| e.to_string())?,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                format!("{name}.docx"),
            ),
            "report.xlsx" => (
                export::report_xlsx(&report).map_err(|e| e.to_string())?,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                format!("{name}.xlsx"),
            ),
            "grades.csv" => (
                format!("\u{feff}{}", export::report_csv(&report)).into_bytes(),
                "text/csv; charset=utf-8",
                format!("{name}.csv"),
            ),
            _ => return Err(String::new()),
        })
    })
    .await
}

/// The district a roll-up download is filtered on (`?district=E07000089`), if any.
#[derive(serde::Deserialize, Default)]
pub struct RollUpQuery {
    #[serde(default)]
    district: String,
}

/// `/mid-year-reviews/{year}/export/{file}`: the Board's December roll-up as `roll-up.docx` or
/// `roll-up.xlsx` (optionally for one district), built off the async threads.
pub async fn roll_up(
    State(state): State<AppState>,
    Path((year, file)): Path<(i32, String)>,
    axum::extract::Query(query): axum::extract::Query<RollUpQuery>,
    user: Option<Extension<CurrentUser>>,
) -> Response {
    let who = match allowed(user, Action::ViewRollUp, Target::Trust) {
        Ok(Some(who)) => who,
        Ok(None) => return answer(AppError::Unauthenticated),
        Err(refusal) => return refusal,
    };
    let r = match app::api::midyear::roll_up_for(&state.ctx, &who, Some(year), query.district).await
    {
        Ok(r) => r,
        Err(e) => return answer(e),
    };
    let name = format!("mid-year-reviews-{}", r.year);
    built_off_thread("mid-year roll-up", move || {
        use crate::export;
        Ok(match file.as_str() {
            "roll-up.docx" => (
                export::roll_up_docx(&r).map_err(|e| e.to_string())?,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                format!("{name}.docx"),
            ),
            "roll-up.xlsx" => (
                export::roll_up_xlsx(&r).map_err(|e| e.to_string())?,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                format!("{name}.xlsx"),
            ),
            _ => return Err(String::new()),
        })
    })
    .await
}

/// A file to download: its bytes, content type and name; `Err("")` when there is no such file.
pub(crate) type Built = Result<(Vec<u8>, &'static str, String), String>;

/// Builds a file off the async threads (Word and Excel files take real work) and answers with
/// it: the attachment, "not found" for a file that does not exist, or an internal error with
/// its detail in the log.
pub(crate) async fn built_off_thread(
    what: &str,
    build: impl FnOnce() -> Built + Send + 'static,
) -> Response {
    match tokio::task::spawn_blocking(build).await {
        Ok(Ok((bytes, content_type, name))) => attachment(bytes, content_type, &name),
        Ok(Err(e)) if e.is_empty() => answer(AppError::NotFound("That download".into())),
        Ok(Err(e)) => internal(&format!("{what}: the file could not be built"), e),
        Err(e) => internal(&format!("{what}: the building task failed"), e),
    }
}

fn attachment(bytes: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        bytes,
    )
        .into_response()
}
