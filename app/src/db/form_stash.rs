//! What a refused plain form post leaves for its page (see `migrations/*/0010_form_stash.sql`):
//! stored under the SHA-256 of a random key that only the browser holds, read once, gone after
//! a few minutes.

use super::{now, with_pool, Db, DbResult};
use chrono::TimeDelta;

/// How long a stash waits to be read.
pub const LIFETIME_MINUTES: i64 = 10;

/// Stores `payload` under `key_hash`, and clears stashes nobody came back for.
pub async fn put(db: &Db, key_hash: &str, payload: &str) -> DbResult<()> {
    let at = now();
    let expires = at + TimeDelta::minutes(LIFETIME_MINUTES);
    with_pool!(db, pool => {
        sqlx::query("DELETE FROM form_stash WHERE expires_at <= $1")
            .bind(at)
            .execute(pool)
            .await?;
        sqlx::query(
            "INSERT INTO form_stash (key_hash, payload, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(key_hash)
        .bind(payload)
        .bind(at)
        .bind(expires)
        .execute(pool)
        .await?;
    });
    Ok(())
}

/// Takes (reads and deletes) the stash under `key_hash`, if it is there and still fresh.
pub async fn take(db: &Db, key_hash: &str) -> DbResult<Option<String>> {
    let at = now();
    Ok(with_pool!(db, pool => sqlx::query_scalar(
        "DELETE FROM form_stash WHERE key_hash = $1 AND expires_at > $2 RETURNING payload"
    ).bind(key_hash).bind(at).fetch_optional(pool).await)?)
}
