//! The upload of a measurements file (a multipart form, so it works without JavaScript): the
//! file is kept as an import job, and the browser is sent to its preview.

use crate::AppState;
use app::auth::CurrentUser;
use app::domain::auth::{Action, Target};
use app::domain::IndicatorCode;
use axum::extract::{Multipart, State};

use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

/// The largest file accepted: the real national files are a few hundred kilobytes.
pub const MAX_UPLOAD: usize = 20 * 1024 * 1024;

/// The largest boundary upload: the largest boundary file read, and room for the form around it.
pub const MAX_BOUNDARY_UPLOAD: usize = app::domain::geo::MAX_FILE_BYTES + 64 * 1024;

use crate::answers::{answer, internal};
use crate::downloads::allowed;
use app::api::FlashSlot;
use app::error::AppError;

/// Sends the person back to the upload form with the error (kept for the next page).
fn back_with(slot: &FlashSlot, field: &str, message: &str, indicator: &str) -> Response {
    slot.put(app::api::Flash {
        errors: vec![app::error::FieldError::new(field, message)],
        values: [("indicator".to_string(), indicator.to_string())]
            .into_iter()
            .collect(),
        ..Default::default()
    });
    Redirect::to("/admin/imports").into_response()
}

/// `POST /admin/imports/upload`: fields `indicator` (a code) and `file`.
pub async fn upload(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Extension(slot): Extension<FlashSlot>,
    mut form: Multipart,
) -> Response {
    let me = match allowed(user, Action::ImportData, Target::Trust) {
        Ok(Some(me)) => me,
        Ok(None) => return answer(AppError::Unauthenticated),
        Err(refusal) => return refusal,
    };
    let (mut indicator, mut file_name, mut content) =
        (String::new(), String::new(), None::<Vec<u8>>);
    loop {
        match form.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("indicator") => indicator = field.text().await.unwrap_or_default(),
                Some("file") => {
                    file_name = field.file_name().unwrap_or("upload.csv").to_string();
                    match field.bytes().await {
                        Ok(b) => content = Some(b.to_vec()),
                        Err(_) => {
                            return back_with(
                                &slot,
                                "file",
                                "The file could not be read: it may be larger than 20 MB",
                                &indicator,
                            )
                        }
                    }
                }
                _ => {}
            },
            Ok(None) => break,
            Err(_) => {
                return back_with(
                    &slot,
                    "file",
                    "The upload could not be read: try again",
                    &indicator,
                )
            }
        }
    }
    let db = &state.ctx.db;
    let code = match IndicatorCode::parse(&indicator) {
        Ok(c) => c,
        Err(_) => {
            return back_with(
                &slot,
                "indicator",
                "Choose the indicator the file is for",
                &indicator,
            )
        }
    };
    let found = match app::db::catalogue::indicator_by_code(db, &code).await {
        Ok(f) => f,
        Err(e) => {
            return internal("upload: indicator lookup failed", e);
        }
    };
    let Some(found) = found else {
        return back_with(
            &slot,
            "indicator",
            "Choose the indicator the file is for",
            &indicator,
        );
    };
    let bytes = match content {
        Some(b) if !b.is_empty() => b,
        _ => return back_with(&slot, "file", "Choose a CSV file to upload", &indicator),
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
        Err(_) => {
            return back_with(
                &slot,
                "file",
                "The file must be a CSV file saved as UTF-8 text",
                &indicator,
            )
        }
    };
    // Read off the async threads: a file may be large.
    let (text, read) = match tokio::task::spawn_blocking(move || {
        let read = app::domain::import::records(&text).map(|r| r.len());
        (text, read)
    })
    .await
    {
        Ok(done) => done,
        Err(e) => {
            return internal("upload: reading the file failed", e);
        }
    };
    let records = match read {
        Ok(n) => n,
        Err(e) => {
            return back_with(
                &slot,
                "file",
                &format!("The file is not a CSV file Trustboard can read: {}", e.0),
                &indicator,
            )
        }
    };
    let actor = app::api::actor(&me);
    let upload = app::db::import_jobs::Upload {
        indicator_id: found.id,
        indicator_code: found.code.as_str(),
        file_name: &file_name,
        content: &text,
        rows: records.saturating_sub(1),
    };
    match app::db::import_jobs::create(db, &actor, &upload).await {
        Ok(id) => Redirect::to(&format!("/admin/imports/{id}")).into_response(),
        Err(e) => internal("upload: the file could not be kept", e),
    }
}

/// `POST /admin/boundaries/upload`: a GeoJSON or TopoJSON file of districts or wards.
pub async fn upload_boundaries(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Extension(slot): Extension<FlashSlot>,
    mut form: Multipart,
) -> Response {
    let me = match allowed(user, Action::ImportData, Target::Trust) {
        Ok(Some(me)) => me,
        Ok(None) => return answer(AppError::Unauthenticated),
        Err(refusal) => return refusal,
    };
    let back = |field: &str, message: &str, notice: Option<String>| {
        slot.put(app::api::Flash {
            errors: if message.is_empty() {
                vec![]
            } else {
                vec![app::error::FieldError::new(field, message)]
            },
            notice,
            ..Default::default()
        });
        Redirect::to("/admin/map").into_response()
    };
    let (mut file_name, mut content) = (String::new(), None::<Vec<u8>>);
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                file_name = field.file_name().unwrap_or("boundaries.json").to_string();
                match field.bytes().await {
                    Ok(b) => content = Some(b.to_vec()),
                    Err(_) => {
                        return back(
                            "boundary-file",
                            &format!(
                                "The file could not be read: it may be larger than {} MB",
                                app::domain::geo::MAX_FILE_BYTES / (1024 * 1024)
                            ),
                            None,
                        )
                    }
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => {
                return back(
                    "boundary-file",
                    "The upload could not be read: try again",
                    None,
                )
            }
        }
    }
    let Some(text) = content
        .filter(|b| !b.is_empty())
        .and_then(|b| String::from_utf8(b).ok())
    else {
        return back(
            "boundary-file",
            "Choose a GeoJSON or TopoJSON file to upload",
            None,
        );
    };
    let actor = app::api::actor(&me);
    match app::db::boundaries::import_boundaries(&state.ctx.db, &actor, &file_name, &text).await {
        Ok(r) => back(
            "",
            "",
            Some(format!(
                "{} outlines stored from {file_name} ({} wards added); {} areas outside the Trust skipped.",
                r.stored, r.new_wards, r.skipped_outside
            )),
        ),
        Err(app::db::boundaries::BoundaryError::Refused(why)) => back("boundary-file", &why, None),
        Err(e) => {
            internal("boundary import failed", e)
        }
    }
}
