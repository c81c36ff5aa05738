//! The participant's side: enter a code, see the event's page, vote, comment. No account: the
//! first visit gets a random token in a cookie for this event only (stored hashed); one ballot
//! per device, changeable until voting closes. A refused post comes back as the page itself
//! with every character typed and the problems named. Wrong codes are throttled per address.

use super::{html, shell};
use crate::answers::internal;
use crate::security::CspNonce;
use crate::AppState;
use app::api::ClientAddress;
use app::db::events::{self as repo, Participant};
use app::domain::events::{BallotForm, CommentForm, CommentState, JoinCode, StakeholderEvent};
use app::error::FieldError;
use app::pages::events::public::{self as doc, ParticipantView, Which};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};

type Nonce = Option<Extension<CspNonce>>;

/// How long a participant's cookie lasts: the day of the event and the next.
const COOKIE_SECONDS: i64 = 2 * 24 * 60 * 60;

fn cookie_name(code: &str) -> String {
    format!("tb_event_{code}")
}

fn token_of(headers: &HeaderMap, code: &str) -> Option<String> {
    let name = cookie_name(code);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| app::auth::read_cookie(h, &name).map(str::to_string))
        .filter(|t| !t.is_empty() && t.len() <= 64)
}

fn set_cookie(state: &AppState, code: &str, token: &str) -> Option<HeaderValue> {
    let secure = if state.ctx.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{}={token}; Path=/e/{code}; Max-Age={COOKIE_SECONDS}; HttpOnly; SameSite=Lax{secure}",
        cookie_name(code)
    ))
    .ok()
}

fn address(addr: Option<Extension<ClientAddress>>) -> String {
    addr.map(|Extension(a)| a.to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Why a code leads nowhere, as a page; wrong codes are counted against the address.
enum Lookup {
    Found(StakeholderEvent),
    Refused(Response),
}

async fn lookup(
    state: &AppState,
    typed: &str,
    from: &str,
    nonce: &Nonce,
    on_join_page: bool,
) -> Lookup {
    let db = &state.ctx.db;
    let shell = shell(state, nonce.clone());
    let refuse = |status: StatusCode, heading: &str, message: String| {
        Lookup::Refused(if on_join_page {
            html(status, doc::join_document(&shell, typed, Some(message)))
        } else {
            html(status, doc::notice_document(&shell, heading, &message))
        })
    };
    match repo::join_barred_until(db, from).await {
        Ok(Some(until)) => {
            let minutes = ((until - app::db::now()).num_seconds() / 60 + 1).max(1);
            return refuse(
                StatusCode::TOO_MANY_REQUESTS,
                "Too many wrong codes",
                format!("Too many wrong codes have been tried from here. Wait {minutes} minutes, then try again, or scan the QR code on the screen."),
            );
        }
        Ok(None) => {}
        Err(e) => return Lookup::Refused(internal("join: throttle lookup failed", e)),
    }
    let code = match JoinCode::parse(typed) {
        Ok(c) => c,
        Err(e) => return refuse(StatusCode::UNPROCESSABLE_ENTITY, "Check the code", e.0),
    };
    let found = match repo::find_by_code(db, &code).await {
        Ok(found) => found,
        Err(e) => return Lookup::Refused(internal("join: event lookup failed", e)),
    };
    let Some(event) = found else {
        let counted = async {
            let mut tx = db.begin().await?;
            repo::count_join_failure(&mut tx, from).await?;
            tx.commit().await
        };
        if let Err(e) = counted.await {
            tracing::warn!(error = %e, "join: could not count a wrong code");
        }
        return refuse(
            StatusCode::NOT_FOUND,
            "No event has that code",
            format!(
                "No event has the code {}: check it on the screen.",
                code.spaced()
            ),
        );
    };
    if on_join_page && event.rules.phase(app::db::now()).is_closed() {
        return refuse(
            StatusCode::GONE,
            "This event has finished",
            format!(
                "Voting at “{}” has closed, so it cannot be joined now.",
                event.title
            ),
        );
    }
    Lookup::Found(event)
}

#[derive(serde::Deserialize)]
pub struct JoinQuery {
    code: Option<String>,
}

/// `/e`: the code form; with `?code=…`, to the event's page.
pub async fn join(
    State(state): State<AppState>,
    Query(q): Query<JoinQuery>,
    addr: Option<Extension<ClientAddress>>,
    nonce: Nonce,
) -> Response {
    let Some(typed) = q.code else {
        return html(
            StatusCode::OK,
            doc::join_document(&shell(&state, nonce), "", None),
        );
    };
    match lookup(&state, &typed, &address(addr), &nonce, true).await {
        Lookup::Found(event) => Redirect::to(&format!("/e/{}", event.code)).into_response(),
        Lookup::Refused(r) => r,
    }
}

/// The participant a request's cookie names, or a new one (with the cookie to set).
async fn participant_for(
    state: &AppState,
    event: &StakeholderEvent,
    headers: &HeaderMap,
) -> Result<(Participant, Option<HeaderValue>), app::db::DbError> {
    if let Some(p) = existing(state, event, headers).await? {
        return Ok((p, None));
    }
    let db = &state.ctx.db;
    let mut tx = db.begin().await?;
    let (id, cookie) = joined_in(state, &mut tx, event, &None).await?;
    tx.commit().await?;
    state.ctx.live.after_commit(db, event.id);
    Ok((Participant { id, ..newcomer() }, cookie))
}

/// The participant a request's cookie names, if any (nothing is created).
async fn existing(
    state: &AppState,
    event: &StakeholderEvent,
    headers: &HeaderMap,
) -> Result<Option<Participant>, app::db::DbError> {
    match token_of(headers, &event.code) {
        Some(token) => {
            repo::participant(&state.ctx.db, event.id, &app::auth::token_hash(&token)).await
        }
        None => Ok(None),
    }
}

/// Someone who has not joined yet, for drawing a refused post's page (nothing is stored).
fn newcomer() -> Participant {
    Participant {
        id: 0,
        about: Default::default(),
        ballot: Vec::new(),
    }
}

/// A participant's post as it arrives: the event (or the refusal of its code) and who sent it,
/// if this device has joined.
async fn arrive(
    state: &AppState,
    code: &str,
    headers: &HeaderMap,
    addr: Option<Extension<ClientAddress>>,
    nonce: &Nonce,
) -> Result<(StakeholderEvent, Option<Participant>), Response> {
    let event = match lookup(state, code, &address(addr), nonce, false).await {
        Lookup::Found(e) => e,
        Lookup::Refused(r) => return Err(r),
    };
    match existing(state, &event, headers).await {
        Ok(p) => Ok((event, p)),
        Err(e) => Err(internal(
            "a participant's post: participant lookup failed",
            e,
        )),
    }
}

/// What a participant's accepted post stores.
enum Write<'a> {
    Ballot(&'a app::domain::events::BallotInput),
    Comment(&'a app::domain::events::CommentInput, CommentState),
}

/// Stores a post in one transaction (joining the device first if it has not joined) and tells
/// the live results; answers the event's change number and the cookie to set, if new.
async fn store(
    state: &AppState,
    event: &StakeholderEvent,
    participant: &Option<Participant>,
    write: Write<'_>,
) -> Result<(i64, Option<HeaderValue>), app::db::DbError> {
    let db = &state.ctx.db;
    let mut tx = db.begin().await?;
    let (id, cookie) = joined_in(state, &mut tx, event, participant).await?;
    let n = match write {
        Write::Ballot(input) => repo::cast_ballot(&mut tx, event.id, id, input).await?,
        Write::Comment(input, shown) => {
            repo::add_comment(&mut tx, event.id, id, input, shown).await?
        }
    };
    tx.commit().await?;
    state.ctx.live.after_commit(db, event.id);
    Ok((n, cookie))
}

/// The participant's id within `tx`: theirs, or a new one joined there (with its cookie).
async fn joined_in(
    state: &AppState,
    tx: &mut app::db::Tx,
    event: &StakeholderEvent,
    participant: &Option<Participant>,
) -> Result<(i64, Option<HeaderValue>), app::db::DbError> {
    if let Some(p) = participant {
        return Ok((p.id, None));
    }
    let token = app::auth::new_token();
    let id = repo::join(tx, event.id, &app::auth::token_hash(&token)).await?;
    Ok((id, set_cookie(state, &event.code, &token)))
}

/// What the page shows besides the event: what was typed (after a refusal) or saved.
struct Shown {
    votes: Option<Vec<(i64, String)>>,
    about: Option<app::domain::events::AboutYou>,
    comment: String,
    errors: Vec<FieldError>,
    errors_in: Which,
    notice: Option<String>,
}

async fn page_for(
    state: &AppState,
    nonce: Nonce,
    event: StakeholderEvent,
    participant: &Participant,
    shown: Shown,
    status: StatusCode,
    cookie: Option<HeaderValue>,
) -> Response {
    let db = &state.ctx.db;
    let results = match repo::results(db, &event, app::db::now(), repo::NEWEST_COMMENTS).await {
        Ok(r) => r,
        Err(e) => return internal("participant page: results could not be counted", e),
    };
    let map = match super::map::event_map(&state.ctx, &event).await {
        Ok(m) => m,
        Err(e) => {
            tracing::warn!(error = %e, "participant page: the map could not be drawn");
            None
        }
    };
    let view = ParticipantView {
        votes: shown.votes.unwrap_or_else(|| {
            participant
                .ballot
                .iter()
                .map(|(o, v)| (*o, v.to_string()))
                .collect()
        }),
        about: shown.about.unwrap_or(participant.about),
        has_voted: !participant.ballot.is_empty(),
        comment: shown.comment,
        errors: shown.errors,
        errors_in: shown.errors_in,
        notice: shown.notice,
        map,
        results,
        event,
    };
    let mut res = html(
        status,
        doc::participant_document(&shell(state, nonce), view),
    );
    if let Some(c) = cookie {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    res
}

#[derive(serde::Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// `/e/{code}`: the event's page for a participant (joining on the first visit).
pub async fn page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(done): Query<Done>,
    headers: HeaderMap,
    addr: Option<Extension<ClientAddress>>,
    nonce: Nonce,
) -> Response {
    let event = match lookup(&state, &code, &address(addr), &nonce, false).await {
        Lookup::Found(e) => e,
        Lookup::Refused(r) => return r,
    };
    if event.code != code {
        return Redirect::to(&format!("/e/{}", event.code)).into_response();
    }
    // A finished event is shown, not joined.
    let joined = if event.rules.phase(app::db::now()).is_closed() {
        existing(&state, &event, &headers)
            .await
            .map(|p| (p.unwrap_or_else(newcomer), None))
    } else {
        participant_for(&state, &event, &headers).await
    };
    let (participant, cookie) = match joined {
        Ok(p) => p,
        Err(e) => return internal("participant page: could not join", e),
    };
    let notice = match done.done.as_deref() {
        Some("ballot") => Some(
            "Your votes have been counted. You can change them until voting closes.".to_string(),
        ),
        Some("comment") if event.rules.comments_after_review => Some(
            "Thank you: your comment will be shown once the facilitator has seen it.".to_string(),
        ),
        Some("comment") => Some("Thank you: your comment has been added.".to_string()),
        _ => None,
    };
    let shown = Shown {
        votes: None,
        about: None,
        comment: String::new(),
        errors: Vec::new(),
        errors_in: Which::Ballot,
        notice,
    };
    page_for(
        &state,
        nonce,
        event,
        &participant,
        shown,
        StatusCode::OK,
        cookie,
    )
    .await
}

/// A form post's fields, as sent (`votes[12]=2`, `young_person=yes`, …).
type Posted = Vec<(String, String)>;

fn ballot_form(posted: &Posted) -> BallotForm {
    let mut f = BallotForm::default();
    for (k, v) in posted {
        match k.as_str() {
            "young_person" => f.young_person = v.clone(),
            "age_band" => f.age_band = v.clone(),
            k => {
                if let Some(id) = k.strip_prefix("votes[").and_then(|r| r.strip_suffix(']')) {
                    f.votes.insert(id.to_string(), v.clone());
                }
            }
        }
    }
    f
}

fn comment_form(posted: &Posted) -> CommentForm {
    let mut f = CommentForm::default();
    for (k, v) in posted {
        match k.as_str() {
            "comment" => f.comment = v.clone(),
            "young_person" => f.young_person = v.clone(),
            "age_band" => f.age_band = v.clone(),
            _ => {}
        }
    }
    f
}

fn problems(p: Vec<app::domain::plan::Problem>) -> Vec<FieldError> {
    p.into_iter()
        .map(|p| FieldError::new(&p.anchor, p.message))
        .collect()
}

/// `POST /e/{code}/ballot`: casts or changes the participant's ballot (joining them first if
/// this device has not joined yet). A refused ballot stores nothing.
pub async fn ballot(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
    addr: Option<Extension<ClientAddress>>,
    nonce: Nonce,
    Form(posted): Form<Posted>,
) -> Response {
    let (event, participant) = match arrive(&state, &code, &headers, addr, &nonce).await {
        Ok(x) => x,
        Err(refusal) => return refusal,
    };
    let shown_as = participant.clone().unwrap_or_else(newcomer);
    let form = ballot_form(&posted);
    let typed: Vec<(i64, String)> = form
        .votes
        .iter()
        .filter_map(|(k, v)| k.parse::<i64>().ok().map(|id| (id, v.clone())))
        .collect();
    let refused = |errors: Vec<FieldError>| Shown {
        votes: Some(typed.clone()),
        about: None,
        comment: String::new(),
        errors,
        errors_in: Which::Ballot,
        notice: None,
    };
    let phase = event.rules.phase(app::db::now());
    if !phase.is_open() {
        let message = if phase.is_closed() {
            "Voting has closed, so your votes were not counted."
        } else {
            "Voting has not opened yet, so your votes were not counted. Send them again when it opens."
        };
        let shown = refused(vec![FieldError::new("", message)]);
        return page_for(
            &state,
            nonce,
            event,
            &shown_as,
            shown,
            StatusCode::CONFLICT,
            None,
        )
        .await;
    }
    let input = match form.parse(&event.options, &event.rules) {
        Ok(i) => i,
        Err(p) => {
            let shown = refused(problems(p));
            return page_for(
                &state,
                nonce,
                event,
                &shown_as,
                shown,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
            )
            .await;
        }
    };
    let (changes, cookie) = match store(&state, &event, &participant, Write::Ballot(&input)).await {
        Ok(x) => x,
        Err(e) => {
            // Voting closed by hand between the check and the write (the database refuses it).
            if event_closed_now(&state, event.id).await {
                let shown = refused(vec![FieldError::new(
                    "",
                    "Voting has closed, so your votes were not counted.",
                )]);
                return page_for(
                    &state,
                    nonce,
                    event,
                    &shown_as,
                    shown,
                    StatusCode::CONFLICT,
                    None,
                )
                .await;
            }
            return internal("ballot: could not be counted", e);
        }
    };
    done(&event.code, "ballot#vote", changes, cookie)
}

async fn event_closed_now(state: &AppState, id: i64) -> bool {
    matches!(app::db::events::find(&state.ctx.db, id).await, Ok(Some(e)) if e.rules.phase(app::db::now()).is_closed())
}

/// After a post: back to the page (Post/Redirect/Get), telling the client the event's change
/// number its post made (the live stream's id for it).
fn done(code: &str, what: &str, changes: i64, cookie: Option<HeaderValue>) -> Response {
    let (what, anchor) = what.split_once('#').unwrap_or((what, ""));
    let mut res = Redirect::to(&format!("/e/{code}?done={what}#{anchor}")).into_response();
    if let Ok(v) = HeaderValue::from_str(&changes.to_string()) {
        res.headers_mut().insert("x-trustboard-change", v);
    }
    if let Some(c) = cookie {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    res
}

/// `POST /e/{code}/comment`: adds the participant's comment (joining them first if this device
/// has not joined yet). A refused comment stores nothing and comes back whole.
pub async fn comment(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
    addr: Option<Extension<ClientAddress>>,
    nonce: Nonce,
    Form(posted): Form<Posted>,
) -> Response {
    let (event, participant) = match arrive(&state, &code, &headers, addr, &nonce).await {
        Ok(x) => x,
        Err(refusal) => return refusal,
    };
    let shown_as = participant.clone().unwrap_or_else(newcomer);
    let form = comment_form(&posted);
    let refused = |errors: Vec<FieldError>| Shown {
        votes: None,
        about: None,
        comment: form.comment.clone(),
        errors,
        errors_in: Which::Comment,
        notice: None,
    };
    if event.rules.phase(app::db::now()).is_closed() {
        let shown = refused(vec![FieldError::new(
            "",
            "The event has closed, so your comment was not added.",
        )]);
        return page_for(
            &state,
            nonce,
            event,
            &shown_as,
            shown,
            StatusCode::CONFLICT,
            None,
        )
        .await;
    }
    let input = match form.parse() {
        Ok(i) => i,
        Err(p) => {
            let shown = refused(problems(p));
            return page_for(
                &state,
                nonce,
                event,
                &shown_as,
                shown,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
            )
            .await;
        }
    };
    let state_of = if event.rules.comments_after_review {
        CommentState::Waiting
    } else {
        CommentState::Shown
    };
    match store(
        &state,
        &event,
        &participant,
        Write::Comment(&input, state_of),
    )
    .await
    {
        Ok((n, cookie)) => done(&event.code, "comment#say", n, cookie),
        Err(e) => internal("comment: could not be added", e),
    }
}
