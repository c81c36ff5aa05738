//! What people see of their own sessions: where and when each started, when it was last used,
//! and ending the ones they do not want.

use crate::db::{now, with_pool, with_tx, Db, DbResult, Tx};
use crate::domain::auth::second_factor::SessionStage;
use chrono::{DateTime, Utc};

/// How a session starts.
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user_id: i64,
    pub expires_at: DateTime<Utc>,
    pub stage: SessionStage,
    pub address: Option<&'a str>,
    pub user_agent: Option<&'a str>,
}

/// The longest browser description kept.
const MAX_USER_AGENT: usize = 300;

pub async fn insert_session(tx: &mut Tx, s: &NewSession<'_>) -> DbResult<()> {
    let at = now();
    let agent = s.user_agent.map(|a| {
        let mut end = a.len().min(MAX_USER_AGENT);
        while !a.is_char_boundary(end) {
            end -= 1;
        }
        &a[..end]
    });
    with_tx!(tx, conn => sqlx::query(
        "INSERT INTO user_session (token_hash, user_id, created_at, last_seen_at, expires_at, stage, address, user_agent)
         VALUES ($1, $2, $3, $3, $4, $5, $6, $7)"
    ).bind(s.token_hash).bind(s.user_id).bind(at).bind(s.expires_at).bind(s.stage.as_str())
     .bind(s.address).bind(agent).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The short reference a page uses for a session: the start of its token's hash (which is
/// itself not secret: the token cannot be recovered from it).
pub fn reference(token_hash: &str) -> String {
    token_hash.chars().take(16).collect()
}

/// One of a person's sessions, as they see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OwnSession {
    pub token_hash: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub address: Option<String>,
    pub user_agent: Option<String>,
}

/// The person's live, fully signed-in sessions, the most recently used first.
pub async fn own_sessions(
    db: &Db,
    user_id: i64,
    at: DateTime<Utc>,
    idle_since: DateTime<Utc>,
) -> DbResult<Vec<OwnSession>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT token_hash, created_at, last_seen_at, address, user_agent FROM user_session
         WHERE user_id = $1 AND stage = 'full' AND expires_at > $2 AND last_seen_at > $3
         ORDER BY last_seen_at DESC, created_at DESC"
    ).bind(user_id).bind(at).bind(idle_since).fetch_all(pool).await)?)
}

/// Ends one of the person's sessions by its reference, never `current`: how many ended (0 or 1).
pub async fn end_own_session(
    tx: &mut Tx,
    user_id: i64,
    reference: &str,
    current: &str,
) -> DbResult<u64> {
    let pattern = format!("{reference}%");
    Ok(with_tx!(tx, conn => sqlx::query(
        "DELETE FROM user_session WHERE user_id = $1 AND token_hash LIKE $2 AND token_hash <> $3"
    ).bind(user_id).bind(pattern).bind(current).execute(&mut *conn).await.map(|r| r.rows_affected()))?)
}

/// Ends every session of the person but `current`: how many ended.
pub async fn end_other_sessions(tx: &mut Tx, user_id: i64, current: &str) -> DbResult<u64> {
    Ok(with_tx!(tx, conn => sqlx::query(
        "DELETE FROM user_session WHERE user_id = $1 AND token_hash <> $2"
    ).bind(user_id).bind(current).execute(&mut *conn).await.map(|r| r.rows_affected()))?)
}

/// Records in the audit trail that the person ended sessions of their own.
pub async fn record_sessions_ended(
    tx: &mut Tx,
    actor: &crate::db::audit::Actor,
    user_id: i64,
    summary: String,
    ended: u64,
) -> DbResult<()> {
    crate::db::audit::record(
        tx,
        crate::db::audit::Record {
            actor,
            action: crate::domain::audit::AuditAction::Update,
            entity_type: "user_account",
            entity_id: user_id.to_string(),
            partnership_id: None,
            summary,
            before: None,
            after: Some(serde_json::json!({ "sessions_ended": ended })),
        },
    )
    .await
}
