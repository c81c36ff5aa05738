//! The live streams: server-sent events carrying the results each time they change. Each stream
//! starts with the results as they stand; a stream that falls behind skips to the newest.

use crate::answers::answer;
use crate::AppState;
use app::api::events::live::{render, Connection, Update};
use app::auth::CurrentUser;
use app::domain::events::JoinCode;
use app::error::AppError;
use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures::stream::{self, Stream};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::{self, error::RecvError};

fn sse_event(u: &Update) -> Event {
    Event::default()
        .event("results")
        .id(u.changes.to_string())
        .data(u.data.as_ref())
}

/// The stream of one event's updates, beginning with `first`.
fn updates(
    first: Option<Update>,
    rx: broadcast::Receiver<Update>,
    connection: Connection,
) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold(
        (first, rx, connection),
        |(first, mut rx, connection)| async move {
            if let Some(u) = first {
                return Some((Ok(sse_event(&u)), (None, rx, connection)));
            }
            loop {
                match rx.recv().await {
                    Ok(u) => return Some((Ok(sse_event(&u)), (None, rx, connection))),
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => return None,
                }
            }
        },
    )
}

async fn stream_for(state: &AppState, event_id: i64) -> Response {
    let ctx = &state.ctx;
    let (rx, connection) = ctx.live.subscribe(&ctx.db, event_id);
    let first = match render(&ctx.db, event_id).await {
        Ok(u) => u,
        Err(e) => return crate::answers::internal("live results: could not draw them", e),
    };
    Sse::new(updates(first, rx, connection))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

/// `/e/{code}/live`: the participants' stream (anyone with the code).
pub async fn participant_stream(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Response {
    let Ok(code) = JoinCode::parse(&code) else {
        return answer(AppError::NotFound("That event".into()));
    };
    match app::db::events::find_by_code(&state.ctx.db, &code).await {
        Ok(Some(event)) => stream_for(&state, event.id).await,
        Ok(None) => answer(AppError::NotFound("That event".into())),
        Err(e) => crate::answers::internal("live results: event lookup failed", e),
    }
}

/// `/events/{id}/live`: the projector's stream (the facilitator).
pub async fn projector_stream(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    user: Option<Extension<CurrentUser>>,
) -> Response {
    match super::projector::run_by(&state, id, user).await {
        Ok(event) => stream_for(&state, event.id).await,
        Err(refusal) => refusal,
    }
}
