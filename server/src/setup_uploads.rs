//! Lists uploaded while setting a county up (multipart forms, so they work without
//! JavaScript): partner organisations and people. Each file is read row by row off the async
//! threads and stored whole or not at all; the browser goes back to the list's page with the
//! outcome (every problem with its row, or what was added).

use crate::answers::{answer, internal};
use crate::downloads::allowed;
use crate::AppState;
use app::api::{Flash, FlashSlot};
use app::auth::CurrentUser;
use app::domain::auth::{Action, Principal, Target};
use app::domain::setup::{PeopleAdded, PersonAdded, RowProblem};
use app::error::{AppError, FieldError};
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

/// The largest list accepted: 5,000 rows of a few hundred characters.
pub const MAX_LIST_UPLOAD: usize = 2 * 1024 * 1024;

/// The most problems listed at once (the rest are counted).
const MOST_SHOWN: usize = 50;

fn back(slot: &FlashSlot, to: &str, errors: Vec<FieldError>, notice: Option<String>) -> Response {
    slot.put(Flash {
        errors,
        notice,
        ..Default::default()
    });
    Redirect::to(to).into_response()
}

fn problems(found: &[RowProblem]) -> Vec<FieldError> {
    let mut out: Vec<FieldError> = found
        .iter()
        .take(MOST_SHOWN)
        .map(|p| FieldError::new("file", p.to_string()))
        .collect();
    if found.len() > MOST_SHOWN {
        out.push(FieldError::new(
            "file",
            format!("… and {} more problems", found.len() - MOST_SHOWN),
        ));
    }
    out.push(FieldError::new(
        "file",
        "Nothing was stored: correct the file and upload it again",
    ));
    out
}

/// Reads the `file` field of an upload as UTF-8 text: `(file name, text)` or why not.
async fn read_file(mut form: Multipart) -> Result<(String, String), String> {
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or("list.csv").to_string();
                let bytes = field.bytes().await.map_err(|_| {
                    "The file could not be read: it may be larger than 2 MB".to_string()
                })?;
                if bytes.is_empty() {
                    return Err("Choose a CSV file to upload".into());
                }
                let text = String::from_utf8(bytes.to_vec())
                    .map_err(|_| "The file must be a CSV file saved as UTF-8 text".to_string())?;
                return Ok((name, text));
            }
            Ok(Some(_)) => continue,
            Ok(None) => return Err("Choose a CSV file to upload".into()),
            Err(_) => return Err("The upload could not be read: it may be larger than 2 MB".into()),
        }
    }
}

/// The person may set the county up (the answer to send if not).
fn setter(user: Option<Extension<CurrentUser>>) -> Result<Principal, Response> {
    match allowed(user, Action::ManageSetUp, Target::Trust) {
        Ok(Some(me)) => Ok(me),
        Ok(None) => Err(answer(AppError::Unauthenticated)),
        Err(refusal) => Err(refusal),
    }
}

/// `POST /admin/setup/organisations/upload`: a CSV file of partner organisations.
pub async fn organisations(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Extension(slot): Extension<FlashSlot>,
    form: Multipart,
) -> Response {
    let me = match setter(user) {
        Ok(me) => me,
        Err(r) => return r,
    };
    let to = "/admin/setup/organisations";
    let (file_name, text) = match read_file(form).await {
        Ok(f) => f,
        Err(m) => return back(&slot, to, vec![FieldError::new("file", m)], None),
    };
    let db = &state.ctx.db;
    let trust = match app::db::reference::trust(db).await {
        Ok(Some(t)) => t,
        Ok(None) => {
            return back(
                &slot,
                to,
                vec![FieldError::new("file", "Set the Trust up first")],
                None,
            )
        }
        Err(e) => return internal("organisations upload: trust", e),
    };
    let partnerships = match app::db::setup::people::active_partnerships(db).await {
        Ok(p) => p,
        Err(e) => return internal("organisations upload: partnerships", e),
    };
    let read = tokio::task::spawn_blocking(move || {
        app::domain::setup::read_organisations(&text, &partnerships)
    })
    .await;
    let rows = match read {
        Ok(Ok(rows)) => rows,
        Ok(Err(found)) => return back(&slot, to, problems(&found), None),
        Err(e) => return internal("organisations upload: reading", e),
    };
    let stored = async {
        let mut tx = db.begin().await?;
        let done = app::db::setup::organisations::import(
            &mut tx,
            &app::api::actor(&me),
            trust.id,
            &file_name,
            &rows,
        )
        .await?;
        tx.commit().await?;
        Ok::<_, app::db::DbError>(done)
    }
    .await;
    match stored {
        Ok(done) => back(
            &slot,
            to,
            vec![],
            Some(format!(
                "{file_name}: {} organisations added, {} changed, {} already as listed.",
                done.added, done.updated, done.unchanged
            )),
        ),
        Err(e) => internal("organisations upload: storing", e),
    }
}

/// `POST /admin/setup/people/upload`: a CSV file of people. Each gets a one-time link to choose
/// their own password: shown to the administrator once, and e-mailed when e-mail is set up.
pub async fn people(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Extension(slot): Extension<FlashSlot>,
    form: Multipart,
) -> Response {
    let me = match setter(user) {
        Ok(me) => me,
        Err(r) => return r,
    };
    let to = "/admin/setup/people";
    let (file_name, text) = match read_file(form).await {
        Ok(f) => f,
        Err(m) => return back(&slot, to, vec![FieldError::new("file", m)], None),
    };
    let ctx = &state.ctx;
    let held = match app::db::setup::people::held(&ctx.db).await {
        Ok(h) => h,
        Err(e) => return internal("people upload: what is held", e),
    };
    let read = tokio::task::spawn_blocking(move || {
        app::domain::setup::read_people(&text, &held.context())
    })
    .await;
    let rows = match read {
        Ok(Ok(rows)) => rows,
        Ok(Err(found)) => return back(&slot, to, problems(&found), None),
        Err(e) => return internal("people upload: reading", e),
    };
    let stored = async {
        let mut tx = ctx.db.begin().await?;
        let added = app::db::setup::people::import(&mut tx, &app::api::actor(&me), &rows).await?;
        tx.commit().await?;
        Ok::<_, app::db::DbError>(added)
    }
    .await;
    let added = match stored {
        Ok(a) => a,
        // Someone was added with one of these addresses meanwhile.
        Err(e) if e.is_unique_violation() => {
            return back(
                &slot,
                to,
                vec![FieldError::new("file", "Someone on the list was added by another administrator meanwhile: upload it again to see who")],
                None,
            )
        }
        Err(e) => return internal("people upload: storing", e),
    };
    let base = ctx.settings.public_url.trim_end_matches('/').to_string();
    let mut people = Vec::with_capacity(added.len());
    for a in added {
        let link = format!("{base}/set-password/{}", a.token);
        let emailed = match &ctx.mailer {
            Some(mailer) => {
                let body = format!(
                    "Hello {},\n\nYou have been added to Trustboard as {}.\n\nChoose your password here (the link works once, for 14 days):\n{link}\n\nThen sign in with this e-mail address.\n",
                    a.name, a.role
                );
                match mailer
                    .send(
                        &a.email,
                        "Your Trustboard account: choose your password",
                        &body,
                    )
                    .await
                {
                    Ok(()) => true,
                    Err(e) => {
                        tracing::warn!(error = %e.0, user = a.user_id, "a set-your-password link could not be e-mailed");
                        false
                    }
                }
            }
            None => false,
        };
        people.push(PersonAdded {
            user_id: a.user_id,
            name: a.name,
            email: a.email,
            role: a.role,
            link,
            emailed,
        });
    }
    let n = people.len();
    slot.put(Flash {
        notice: Some(format!("{file_name}: {n} people added.")),
        form: serde_json::to_value(PeopleAdded { people }).ok(),
        ..Default::default()
    });
    Redirect::to(to).into_response()
}
