//! The second factor as stored: a person's authenticator secret (while they enrol, then once
//! enrolled), the last step a code was accepted for, and their recovery codes (as SHA-256).

use crate::db::audit::{self, Actor, Record};
use crate::db::{now, with_pool, with_tx, Db, DbResult, Tx};
use crate::domain::audit::AuditAction;
use chrono::{DateTime, Utc};

/// A person's second factor.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Factor {
    pub secret: String,
    pub enrolled_at: Option<DateTime<Utc>>,
    pub last_step: Option<i64>,
}

pub async fn factor(db: &Db, user_id: i64) -> DbResult<Option<Factor>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT secret, enrolled_at, last_step FROM second_factor WHERE user_id = $1"
    ).bind(user_id).fetch_optional(pool).await)?)
}

/// Whether the person has a second factor (enrolment confirmed).
pub async fn enrolled(db: &Db, user_id: i64) -> DbResult<bool> {
    Ok(factor(db, user_id)
        .await?
        .is_some_and(|f| f.enrolled_at.is_some()))
}

/// The secret of the person's enrolment in progress: `secret` is kept if none was started
/// (a started one is reused, so that reloading the page keeps the same QR code). `None` when
/// they are already enrolled.
pub async fn begin_enrolment(db: &Db, user_id: i64, secret: &str) -> DbResult<Option<String>> {
    Ok(with_pool!(db, pool => {
        sqlx::query(
            "INSERT INTO second_factor (user_id, secret, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (user_id) DO NOTHING"
        ).bind(user_id).bind(secret).bind(now()).execute(pool).await?;
        sqlx::query_scalar("SELECT secret FROM second_factor WHERE user_id = $1 AND enrolled_at IS NULL")
            .bind(user_id).fetch_optional(pool).await
    })?)
}

/// Completes an enrolment whose code (of `step`) was right: the factor counts from now, the
/// step is used, the recovery codes (their hashes) replace any earlier ones, and the audit
/// trail says so. False (nothing changed) when there was no enrolment in progress.
pub async fn confirm_enrolment(
    tx: &mut Tx,
    actor: &Actor,
    user_id: i64,
    step: i64,
    recovery_hashes: &[String],
) -> DbResult<bool> {
    let at = now();
    let done = with_tx!(tx, conn => sqlx::query(
        "UPDATE second_factor SET enrolled_at = $1, last_step = $2 WHERE user_id = $3 AND enrolled_at IS NULL"
    ).bind(at).bind(step).bind(user_id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    if done != 1 {
        return Ok(false);
    }
    with_tx!(tx, conn => {
        sqlx::query("DELETE FROM recovery_code WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?;
        for hash in recovery_hashes {
            sqlx::query("INSERT INTO recovery_code (user_id, code_hash, created_at) VALUES ($1, $2, $3)")
                .bind(user_id).bind(hash).bind(at).execute(&mut *conn).await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    let summary = format!(
        "{} set up a second factor (an authenticator app) and was given {} recovery codes",
        actor.name,
        recovery_hashes.len()
    );
    record(tx, actor, AuditAction::Create, user_id, summary).await?;
    Ok(true)
}

/// Marks `step` used if it is later than the last step used: true when it was (one statement,
/// so a code is accepted once, even by two requests at the same time).
pub async fn use_step(db: &Db, user_id: i64, step: i64) -> DbResult<bool> {
    let n = with_pool!(db, pool => sqlx::query(
        "UPDATE second_factor SET last_step = $1
         WHERE user_id = $2 AND enrolled_at IS NOT NULL AND (last_step IS NULL OR last_step < $1)"
    ).bind(step).bind(user_id).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Uses a recovery code (by its hash) if it is one of the person's and not used before (one
/// statement, so it works once): how many are left then, or `None`.
pub async fn claim_recovery_code(db: &Db, user_id: i64, hash: &str) -> DbResult<Option<i64>> {
    let n = with_pool!(db, pool => sqlx::query(
        "UPDATE recovery_code SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL"
    ).bind(now()).bind(user_id).bind(hash).execute(pool).await.map(|r| r.rows_affected()))?;
    if n != 1 {
        return Ok(None);
    }
    Ok(Some(recovery_codes_left(db, user_id).await?))
}

/// Records in the audit trail that a recovery code was used, in the caller's transaction.
pub async fn record_recovery_code_use(
    tx: &mut Tx,
    actor: &Actor,
    user_id: i64,
    left: i64,
) -> DbResult<()> {
    let summary = format!(
        "{} signed in with a recovery code ({left} left)",
        actor.name
    );
    record(tx, actor, AuditAction::Update, user_id, summary).await
}

/// Recovery codes not yet used.
pub async fn recovery_codes_left(db: &Db, user_id: i64) -> DbResult<i64> {
    Ok(with_pool!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM recovery_code WHERE user_id = $1 AND used_at IS NULL"
    ).bind(user_id).fetch_one(pool).await)?)
}

/// Removes the person's second factor and recovery codes (turned off by them, or reset by an
/// administrator, when `end_sessions` their sessions end too), audited with `summary`. False
/// (nothing audited) when they had none.
pub async fn remove(
    tx: &mut Tx,
    actor: &Actor,
    user_id: i64,
    end_sessions: bool,
    summary: String,
) -> DbResult<bool> {
    let n = with_tx!(tx, conn => sqlx::query("DELETE FROM second_factor WHERE user_id = $1 AND enrolled_at IS NOT NULL")
        .bind(user_id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(false);
    }
    with_tx!(tx, conn => {
        sqlx::query("DELETE FROM recovery_code WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?;
        if end_sessions {
            sqlx::query("DELETE FROM user_session WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    record(tx, actor, AuditAction::Delete, user_id, summary).await?;
    Ok(true)
}

async fn record(
    tx: &mut Tx,
    actor: &Actor,
    action: AuditAction,
    user_id: i64,
    summary: String,
) -> DbResult<()> {
    audit::record(
        tx,
        Record {
            actor,
            action,
            entity_type: "user_account",
            entity_id: user_id.to_string(),
            partnership_id: None,
            summary,
            before: None,
            after: Some(serde_json::json!({ "second_factor": action != AuditAction::Delete })),
        },
    )
    .await
}
