//! One-time links with which a new person chooses their own password. Only the SHA-256 of the
//! token in the link is stored; a link works once, and for a fortnight.

use crate::db::audit::{self, Actor, Record};
use crate::db::{now, with_pool, with_tx, Db, DbResult, Tx};
use crate::domain::audit::AuditAction;
use chrono::{DateTime, Utc};

/// How long a link lasts.
pub const LIFETIME_DAYS: i64 = 14;

/// A new random token (for the link) and its hash (for the database).
pub fn new_token() -> (String, String) {
    let token = crate::auth::new_token();
    let hash = hash(&token);
    (token, hash)
}

/// The stored form of a token.
pub fn hash(token: &str) -> String {
    crate::auth::token_hash(token)
}

pub async fn create(tx: &mut Tx, user_id: i64, token_hash: &str) -> DbResult<()> {
    let at = now();
    let expires = at + chrono::Duration::days(LIFETIME_DAYS);
    with_tx!(tx, conn => sqlx::query(
        "INSERT INTO password_setup (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)"
    ).bind(token_hash).bind(user_id).bind(at).bind(expires).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// What a link leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// The person it is for: (user id, name, e-mail).
    Valid(i64, String, String),
    Used,
    Expired,
    Unknown,
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    user_id: i64,
    display_name: String,
    email: String,
    expires_at: DateTime<Utc>,
    used: bool,
    disabled: bool,
}

pub async fn find(db: &Db, token: &str) -> DbResult<Link> {
    let row: Option<LinkRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT s.user_id, u.display_name, u.email, s.expires_at, s.used_at IS NOT NULL AS used, u.disabled
         FROM password_setup s JOIN user_account u ON u.id = s.user_id WHERE s.token_hash = $1"
    ).bind(hash(token)).fetch_optional(pool).await)?;
    Ok(match row {
        None => Link::Unknown,
        Some(r) if r.disabled => Link::Unknown,
        Some(r) if r.used => Link::Used,
        Some(r) if r.expires_at < now() => Link::Expired,
        Some(r) => Link::Valid(r.user_id, r.display_name, r.email),
    })
}

/// Uses a link: the person's password becomes `password_hash`, every other link of theirs and
/// every session ends. `false` when the link was used (or expired) in the meantime.
pub async fn redeem(tx: &mut Tx, token: &str, password_hash: &str) -> DbResult<bool> {
    let at = now();
    let user: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE password_setup SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
         RETURNING user_id"
    ).bind(at).bind(hash(token)).fetch_optional(&mut *conn).await)?;
    let Some(user_id) = user else {
        return Ok(false);
    };
    with_tx!(tx, conn => sqlx::query("UPDATE password_setup SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(at).bind(user_id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    with_tx!(tx, conn => sqlx::query("UPDATE user_account SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(password_hash).bind(at).bind(user_id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    with_tx!(tx, conn => sqlx::query("DELETE FROM user_session WHERE user_id = $1")
        .bind(user_id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    let name: String = with_tx!(tx, conn => sqlx::query_scalar("SELECT display_name FROM user_account WHERE id = $1")
        .bind(user_id).fetch_one(&mut *conn).await)?;
    audit::record(
        tx,
        Record {
            actor: &Actor {
                user_id: Some(user_id),
                name: name.clone(),
            },
            action: AuditAction::Update,
            entity_type: "user_account",
            entity_id: user_id.to_string(),
            partnership_id: None,
            summary: format!("{name} chose their password with their set-your-password link"),
            before: None,
            after: None,
        },
    )
    .await?;
    Ok(true)
}
