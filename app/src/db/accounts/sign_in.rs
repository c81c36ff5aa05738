//! Sign-in attempts: each pair's turn (reserved atomically before a password is checked), the
//! log of checked attempts (an address's failures slow its later attempts), and the audit
//! entries for signing in, failing to and signing out.

use crate::auth::throttle::{self, PairState, Turn};
use crate::db::audit::{self, Actor, Record};
use crate::db::{now, with_pool, with_tx, Db, DbResult, Tx};
use crate::domain::audit::AuditAction;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// Reserves the next turn of the (email, address) pair and decides the attempt, in one
/// transaction: the upsert locks the pair's row (PostgreSQL) or the database (SQLite's
/// `BEGIN IMMEDIATE`) until the decision is stored, so concurrent attempts queue for it.
pub async fn reserve_turn(db: &Db, email: &str, address: &str, unit: Duration) -> DbResult<Turn> {
    let mut tx = db.begin().await?;
    let created = now();
    let (attempts, next_at, updated_at): (i64, DateTime<Utc>, DateTime<Utc>) = with_tx!(&mut tx, conn => sqlx::query_as(
        "INSERT INTO sign_in_throttle (email, address, attempts, next_at, updated_at) VALUES ($1, $2, 0, $3, $3)
         ON CONFLICT (email, address) DO UPDATE SET attempts = sign_in_throttle.attempts
         RETURNING attempts, next_at, updated_at"
    ).bind(email).bind(address).bind(created).fetch_one(&mut *conn).await)?;
    let state = PairState {
        attempts,
        next_at,
        updated_at,
    };
    let turn = throttle::admit(state, now(), unit);
    if let Turn::Go { after, .. } = turn {
        with_tx!(&mut tx, conn => sqlx::query(
            "UPDATE sign_in_throttle SET attempts = $3, next_at = $4, updated_at = $5 WHERE email = $1 AND address = $2"
        ).bind(email).bind(address).bind(after.attempts).bind(after.next_at).bind(after.updated_at)
         .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    tx.commit().await?;
    Ok(turn)
}

/// Checked attempts from `address` since `since` that failed.
pub async fn address_failures(db: &Db, address: &str, since: DateTime<Utc>) -> DbResult<i64> {
    Ok(with_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM sign_in_attempt WHERE address = $1 AND NOT succeeded AND at > $2"
    ).bind(address).bind(since).fetch_one(pool).await)?)
}

/// Logs a checked attempt.
pub async fn record_attempt(
    tx: &mut Tx,
    email: &str,
    address: &str,
    succeeded: bool,
) -> DbResult<()> {
    with_tx!(tx, conn => sqlx::query(
        "INSERT INTO sign_in_attempt (email, address, succeeded, at) VALUES ($1, $2, $3, $4)"
    ).bind(email).bind(address).bind(succeeded).bind(now()).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// An account someone tried to sign in to.
pub struct Account<'a> {
    pub id: i64,
    pub display_name: &'a str,
}

fn entry<'a>(
    actor: &'a Actor,
    action: AuditAction,
    account: &Account<'_>,
    summary: String,
    after: serde_json::Value,
) -> Record<'a> {
    Record {
        actor,
        action,
        entity_type: "user_account",
        entity_id: account.id.to_string(),
        partnership_id: None,
        summary,
        before: None,
        after: Some(after),
    }
}

impl super::Credentials {
    pub fn account(&self) -> Account<'_> {
        Account {
            id: self.id,
            display_name: &self.display_name,
        }
    }
}

/// A checked attempt that failed: logged, and audited (with the address and the reason, never
/// the password) when the account exists — in one transaction.
pub async fn record_failure(
    db: &Db,
    email: &str,
    address: &str,
    account: Option<Account<'_>>,
    reason: &str,
) -> DbResult<()> {
    let mut tx = db.begin().await?;
    record_attempt(&mut tx, email, address, false).await?;
    if let Some(account) = account {
        let actor = Actor::system(&format!("Someone at {address}"));
        let summary = format!(
            "Failed sign-in to {}'s account from {address} ({reason})",
            account.display_name
        );
        let after = serde_json::json!({ "address": address, "reason": reason });
        let record = entry(&actor, AuditAction::SignInFailed, &account, summary, after);
        audit::record(&mut tx, record).await?;
    }
    tx.commit().await
}

/// A successful sign-in, in the caller's transaction (which starts the session): logged,
/// audited with the address, and the pair starts over.
pub async fn record_success(
    tx: &mut Tx,
    email: &str,
    address: &str,
    account: Account<'_>,
) -> DbResult<()> {
    record_attempt(tx, email, address, true).await?;
    with_tx!(&mut *tx, conn => sqlx::query("DELETE FROM sign_in_throttle WHERE email = $1 AND address = $2")
        .bind(email).bind(address).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    let actor = Actor {
        user_id: Some(account.id),
        name: account.display_name.to_string(),
    };
    let summary = format!("{} signed in from {address}", account.display_name);
    let after = serde_json::json!({ "address": address });
    audit::record(
        tx,
        entry(&actor, AuditAction::SignIn, &account, summary, after),
    )
    .await
}

/// Signing out, in the caller's transaction (which ends the session).
pub async fn record_sign_out(tx: &mut Tx, account: Account<'_>, address: &str) -> DbResult<()> {
    let actor = Actor {
        user_id: Some(account.id),
        name: account.display_name.to_string(),
    };
    let summary = format!("{} signed out", account.display_name);
    let after = serde_json::json!({ "address": address });
    audit::record(
        tx,
        entry(&actor, AuditAction::SignOut, &account, summary, after),
    )
    .await
}

/// Forgets checked attempts and pairs' turns older than `before` (they only matter for
/// throttling). Returns how many rows went.
pub async fn purge_sign_in_attempts(db: &Db, before: DateTime<Utc>) -> DbResult<u64> {
    let attempts = with_pool!(db, pool => sqlx::query("DELETE FROM sign_in_attempt WHERE at < $1")
        .bind(before).execute(pool).await.map(|r| r.rows_affected()))?;
    let turns = with_pool!(db, pool => sqlx::query("DELETE FROM sign_in_throttle WHERE updated_at < $1")
        .bind(before).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(attempts + turns)
}
