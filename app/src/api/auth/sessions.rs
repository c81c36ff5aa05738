//! One's own sessions: where one is signed in, and ending the others.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// One of one's own sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionListed {
    /// What a form names it by (not the token, nor enough to make one).
    pub reference: String,
    /// When it started and was last used, in words (UK time).
    pub started: String,
    pub last_seen: String,
    pub address: Option<String>,
    /// The browser it started in, as people know it ("Chrome on Windows").
    pub browser: Option<String>,
    /// The session of this browser.
    pub current: bool,
}

#[cfg(feature = "ssr")]
fn uk_time(at: chrono::DateTime<chrono::Utc>) -> String {
    crate::domain::events::utc_to_london(at)
        .format("%-d %B %Y at %H:%M")
        .to_string()
}

/// Where one is signed in: every live session, this one marked.
#[server(prefix = "/api", endpoint = "account/sessions", input = GetUrl)]
pub async fn my_sessions() -> Result<Vec<SessionListed>, AppError> {
    use crate::api::{authorise_signed_in, context, current_user};
    use crate::db::accounts::{own_sessions, reference};
    use crate::domain::auth::{Action, Target};

    let me = authorise_signed_in(Action::ViewOwnSessions, Target::Trust)?;
    let ctx = context()?;
    let current = current_user().session.unwrap_or_default();
    let now = crate::db::now();
    let idle = chrono::TimeDelta::from_std(ctx.settings.session_idle)
        .unwrap_or(chrono::TimeDelta::hours(1));
    let sessions = own_sessions(&ctx.db, me.user_id, now, now - idle).await?;
    Ok(sessions
        .into_iter()
        .map(|s| SessionListed {
            reference: reference(&s.token_hash),
            started: uk_time(s.created_at),
            last_seen: uk_time(s.last_seen_at),
            address: s.address,
            browser: s
                .user_agent
                .as_deref()
                .map(crate::domain::auth::describe_browser),
            current: s.token_hash == current,
        })
        .collect())
}

/// Ends one of one's other sessions (to end this one, sign out). Ending one that has already
/// ended is not an error.
#[server(prefix = "/api", endpoint = "account/sessions/end")]
pub async fn end_session(session: String) -> Result<String, AppError> {
    use crate::api::{actor, authorise_signed_in, context, current_user, fail, succeed};
    use crate::db::accounts::{end_own_session, record_sessions_ended, reference};
    use crate::domain::auth::{Action, Target};

    let me = authorise_signed_in(Action::EndOwnSessions, Target::Trust)?;
    let ctx = context()?;
    let back = "/account/sessions";
    let current = current_user().session.unwrap_or_default();
    let valid = session.len() == 16 && session.bytes().all(|b| b.is_ascii_hexdigit());
    if !valid {
        return Err(fail(
            AppError::field("sessions", "Choose a session to end"),
            back,
            &[],
        ));
    }
    if session == reference(&current) {
        return Err(fail(
            AppError::field("sessions", "To end the session you are using, sign out"),
            back,
            &[],
        ));
    }
    let mut tx = ctx.db.begin().await?;
    let ended = end_own_session(&mut tx, me.user_id, &session, &current).await?;
    if ended > 0 {
        let summary = format!("{} ended one of their other sessions", me.display_name);
        record_sessions_ended(&mut tx, &actor(&me), me.user_id, summary, ended).await?;
    }
    tx.commit().await?;
    let notice = if ended > 0 {
        "That session has ended"
    } else {
        "That session had already ended"
    };
    succeed(back, Some(notice));
    Ok(notice.into())
}

/// Ends every session of one's own but this one.
#[server(prefix = "/api", endpoint = "account/sessions/end-others")]
pub async fn end_other_sessions() -> Result<String, AppError> {
    use crate::api::{actor, authorise_signed_in, context, current_user, succeed};
    use crate::db::accounts::record_sessions_ended;
    use crate::domain::auth::{Action, Target};

    let me = authorise_signed_in(Action::EndOwnSessions, Target::Trust)?;
    let ctx = context()?;
    let current = current_user().session.unwrap_or_default();
    let mut tx = ctx.db.begin().await?;
    let ended = crate::db::accounts::end_other_sessions(&mut tx, me.user_id, &current).await?;
    if ended > 0 {
        let summary = format!(
            "{} ended their {ended} other session{}",
            me.display_name,
            if ended == 1 { "" } else { "s" }
        );
        record_sessions_ended(&mut tx, &actor(&me), me.user_id, summary, ended).await?;
    }
    tx.commit().await?;
    let notice = match ended {
        0 => "You were not signed in anywhere else".to_string(),
        1 => "Your other session has ended".to_string(),
        n => format!("Your {n} other sessions have ended"),
    };
    succeed("/account/sessions", Some(&notice));
    Ok(notice)
}
