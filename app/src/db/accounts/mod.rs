//! People who can sign in, their roles and their sessions; sign-in attempts, turns and their
//! audit entries are in [`sign_in`].

pub mod second_factor;
mod sessions;
mod sign_in;
pub use sessions::*;
pub use sign_in::*;

use super::{now, with_pool, with_tx, Db, DbError, DbResult, Tx};
use crate::domain::auth::{Principal, Role, RoleAssignment};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub is_demo: bool,
}

pub async fn insert_user(tx: &mut Tx, u: &NewUser<'_>) -> DbResult<i64> {
    let at = now();
    let id = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO user_account (email, display_name, password_hash, is_demo, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id"
    ).bind(u.email).bind(u.display_name).bind(u.password_hash).bind(u.is_demo).bind(at)
     .fetch_one(&mut *conn).await)?;
    Ok(id)
}

/// What sign-in needs to know about an account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Credentials {
    pub id: i64,
    pub display_name: String,
    pub password_hash: String,
    pub disabled: bool,
    pub is_demo: bool,
}

pub async fn credentials(db: &Db, email: &str) -> DbResult<Option<Credentials>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT id, display_name, password_hash, disabled, is_demo FROM user_account WHERE email = $1"
    ).bind(email).fetch_optional(pool).await)?)
}

pub async fn password_hash(db: &Db, user_id: i64) -> DbResult<Option<String>> {
    Ok(
        with_pool!(db, pool => sqlx::query_scalar("SELECT password_hash FROM user_account WHERE id = $1")
        .bind(user_id).fetch_optional(pool).await)?,
    )
}

/// Sets a new password, ends every session of the account and records the change (never the
/// password material) in the audit trail.
pub async fn replace_password(
    tx: &mut Tx,
    actor: &super::audit::Actor,
    user_id: i64,
    hash: &str,
    summary: String,
) -> DbResult<()> {
    set_password_hash(tx, user_id, hash).await?;
    super::audit::record(
        tx,
        super::audit::Record {
            actor,
            action: crate::domain::audit::AuditAction::Update,
            entity_type: "user_account",
            entity_id: user_id.to_string(),
            partnership_id: None,
            summary,
            before: None,
            after: None,
        },
    )
    .await
}

async fn set_password_hash(tx: &mut Tx, user_id: i64, hash: &str) -> DbResult<()> {
    with_tx!(tx, conn => {
        sqlx::query("UPDATE user_account SET password_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(hash).bind(now()).bind(user_id).execute(&mut *conn).await?;
        sqlx::query("DELETE FROM user_session WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?;
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(())
}

/// Disables or re-enables an account; disabling ends every session. Returns the previous state,
/// or `None` when there is no such account.
pub async fn set_disabled(tx: &mut Tx, user_id: i64, disabled: bool) -> DbResult<Option<bool>> {
    let before: Option<bool> = with_tx!(tx, conn => sqlx::query_scalar("SELECT disabled FROM user_account WHERE id = $1")
        .bind(user_id).fetch_optional(&mut *conn).await)?;
    if before.is_some() {
        with_tx!(tx, conn => {
            sqlx::query("UPDATE user_account SET disabled = $1, updated_at = $2 WHERE id = $3")
                .bind(disabled).bind(now()).bind(user_id).execute(&mut *conn).await?;
            if disabled {
                sqlx::query("DELETE FROM user_session WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?;
            }
            Ok::<_, sqlx::Error>(())
        })?;
    }
    Ok(before)
}

pub async fn grant_role(
    tx: &mut Tx,
    user_id: i64,
    role: Role,
    partnership_id: Option<i64>,
    district_area_id: Option<i64>,
) -> DbResult<i64> {
    let id = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO role_assignment (user_id, role, partnership_id, district_area_id) VALUES ($1, $2, $3, $4) RETURNING id"
    ).bind(user_id).bind(role.as_str()).bind(partnership_id).bind(district_area_id).fetch_one(&mut *conn).await)?;
    Ok(id)
}

/// A role assignment as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredAssignment {
    pub id: i64,
    pub user_id: i64,
    pub role: String,
    pub partnership_id: Option<i64>,
    pub district_area_id: Option<i64>,
}

/// Removes a role assignment, returning what it was.
pub async fn revoke_role(tx: &mut Tx, assignment_id: i64) -> DbResult<Option<StoredAssignment>> {
    let row: Option<StoredAssignment> = with_tx!(tx, conn => sqlx::query_as(
        "DELETE FROM role_assignment WHERE id = $1 RETURNING id, user_id, role, partnership_id, district_area_id"
    ).bind(assignment_id).fetch_optional(&mut *conn).await)?;
    Ok(row)
}

#[derive(sqlx::FromRow)]
struct AssignmentRow {
    id: i64,
    user_id: i64,
    role: String,
    partnership_id: Option<i64>,
    district_area_id: Option<i64>,
    scope_name: Option<String>,
    partnership_slug: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ReachRow {
    assignment_id: i64,
    partnership_id: i64,
}

/// Role assignments with their scope resolved, for one user or (with `None`) for everyone.
/// Two queries, whatever the number of people.
async fn assignments(db: &Db, user_id: Option<i64>) -> DbResult<HashMap<i64, Vec<RoleAssignment>>> {
    let rows: Vec<AssignmentRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT ra.id, ra.user_id, ra.role, ra.partnership_id, ra.district_area_id,
                COALESCE(p.name, a.name) AS scope_name, p.slug AS partnership_slug
         FROM role_assignment ra
         LEFT JOIN partnership p ON p.id = ra.partnership_id
         LEFT JOIN area a ON a.id = ra.district_area_id
         WHERE ($1 IS NULL OR ra.user_id = $1)
         ORDER BY ra.user_id, ra.id"
    ).bind(user_id).fetch_all(pool).await)?;
    // The partnerships a district manager reaches: those covering the district or its wards.
    let reach: Vec<ReachRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT DISTINCT ra.id AS assignment_id, pa.partnership_id
         FROM role_assignment ra
         JOIN area a ON a.id = ra.district_area_id OR a.parent_id = ra.district_area_id
         JOIN partnership_area pa ON pa.area_id = a.id
         WHERE ra.role = 'district_manager' AND ($1 IS NULL OR ra.user_id = $1)"
    ).bind(user_id).fetch_all(pool).await)?;
    let mut reach_by: HashMap<i64, Vec<i64>> = HashMap::new();
    for r in reach {
        reach_by
            .entry(r.assignment_id)
            .or_default()
            .push(r.partnership_id);
    }
    let mut out: HashMap<i64, Vec<RoleAssignment>> = HashMap::new();
    for r in rows {
        let role: Role = r
            .role
            .parse()
            .map_err(|e| DbError::corrupt("role_assignment", e))?;
        let partnerships = match role {
            Role::DistrictManager => {
                let mut v = reach_by.remove(&r.id).unwrap_or_default();
                v.sort_unstable();
                v
            }
            _ => r.partnership_id.into_iter().collect(),
        };
        out.entry(r.user_id).or_default().push(RoleAssignment {
            id: r.id,
            role,
            partnership_id: r.partnership_id,
            district_area_id: r.district_area_id,
            scope_name: r.scope_name,
            partnership_slug: r.partnership_slug,
            partnerships,
        });
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    display_name: String,
    disabled: bool,
    is_demo: bool,
}

/// A signed-in person with their roles, or `None` if the account is missing or disabled.
pub async fn principal(db: &Db, user_id: i64) -> DbResult<Option<Principal>> {
    let user: Option<UserRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, email, display_name, disabled, is_demo FROM user_account WHERE id = $1"
    ).bind(user_id).fetch_optional(pool).await)?;
    let Some(user) = user.filter(|u| !u.disabled) else {
        return Ok(None);
    };
    let roles = assignments(db, Some(user_id))
        .await?
        .remove(&user_id)
        .unwrap_or_default();
    Ok(Some(Principal {
        user_id: user.id,
        display_name: user.display_name,
        email: user.email,
        roles,
    }))
}

pub use crate::domain::auth::UserSummary;

pub async fn list_users(db: &Db) -> DbResult<Vec<UserSummary>> {
    let users: Vec<UserRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, email, display_name, disabled, is_demo FROM user_account ORDER BY display_name, id"
    ).fetch_all(pool).await)?;
    let mut roles = assignments(db, None).await?;
    Ok(users
        .into_iter()
        .map(|u| UserSummary {
            roles: roles.remove(&u.id).unwrap_or_default(),
            id: u.id,
            email: u.email,
            display_name: u.display_name,
            disabled: u.disabled,
            is_demo: u.is_demo,
        })
        .collect())
}

pub async fn user(db: &Db, user_id: i64) -> DbResult<Option<UserSummary>> {
    let user: Option<UserRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, email, display_name, disabled, is_demo FROM user_account WHERE id = $1"
    ).bind(user_id).fetch_optional(pool).await)?;
    let Some(u) = user else { return Ok(None) };
    let roles = assignments(db, Some(user_id))
        .await?
        .remove(&user_id)
        .unwrap_or_default();
    Ok(Some(UserSummary {
        id: u.id,
        email: u.email,
        display_name: u.display_name,
        disabled: u.disabled,
        is_demo: u.is_demo,
        roles,
    }))
}

// --- Sessions -------------------------------------------------------------------------------

pub async fn create_session(
    tx: &mut Tx,
    token_hash: &str,
    user_id: i64,
    expires_at: DateTime<Utc>,
) -> DbResult<()> {
    let at = now();
    with_tx!(tx, conn => sqlx::query(
        "INSERT INTO user_session (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)"
    ).bind(token_hash).bind(user_id).bind(at).bind(expires_at).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete_session(db: &Db, token_hash: &str) -> DbResult<()> {
    with_pool!(db, pool => sqlx::query("DELETE FROM user_session WHERE token_hash = $1").bind(token_hash)
        .execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete_session_in(tx: &mut Tx, token_hash: &str) -> DbResult<()> {
    with_tx!(tx, conn => sqlx::query("DELETE FROM user_session WHERE token_hash = $1").bind(token_hash)
        .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LiveSession {
    pub user_id: i64,
    pub last_seen_at: DateTime<Utc>,
    /// `full`, or waiting for a second factor (see [`crate::domain::auth::second_factor::SessionStage`]).
    pub stage: String,
}

/// The session for a token if it is still alive: not past its absolute end, active since
/// `idle_since`, and its account not disabled.
pub async fn live_session(
    db: &Db,
    token_hash: &str,
    at: DateTime<Utc>,
    idle_since: DateTime<Utc>,
) -> DbResult<Option<LiveSession>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT s.user_id, s.last_seen_at, s.stage FROM user_session s JOIN user_account u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND NOT u.disabled"
    ).bind(token_hash).bind(at).bind(idle_since).fetch_optional(pool).await)?)
}

pub async fn touch_session(db: &Db, token_hash: &str, at: DateTime<Utc>) -> DbResult<()> {
    with_pool!(db, pool => sqlx::query("UPDATE user_session SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(at).bind(token_hash).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn count_sessions(db: &Db, user_id: i64) -> DbResult<i64> {
    Ok(
        with_pool!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM user_session WHERE user_id = $1")
        .bind(user_id).fetch_one(pool).await)?,
    )
}

/// Removes sessions that ended before `at` (housekeeping).
pub async fn purge_expired_sessions(
    db: &Db,
    at: DateTime<Utc>,
    idle_since: DateTime<Utc>,
) -> DbResult<u64> {
    Ok(
        with_pool!(db, pool => sqlx::query("DELETE FROM user_session WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(at).bind(idle_since).execute(pool).await.map(|r| r.rows_affected()))?,
    )
}

pub async fn display_name(tx: &mut Tx, user_id: i64) -> DbResult<Option<String>> {
    Ok(
        with_tx!(tx, conn => sqlx::query_scalar("SELECT display_name FROM user_account WHERE id = $1")
        .bind(user_id).fetch_optional(&mut *conn).await)?,
    )
}

/// Adds a person who can sign in with their first role, and records it in the audit trail, in
/// the caller's transaction. A taken email address is a unique violation; an unknown
/// partnership or district a foreign-key violation.
pub async fn add_user(
    tx: &mut Tx,
    actor: &super::audit::Actor,
    user: &NewUser<'_>,
    role: Role,
    scope: crate::domain::auth::RoleScope,
    scope_label: &str,
) -> DbResult<i64> {
    let id = insert_user(tx, user).await?;
    grant_role(tx, id, role, scope.partnership_id, scope.district_area_id).await?;
    super::audit::record(
        tx,
        super::audit::Record {
            actor,
            action: crate::domain::audit::AuditAction::Create,
            entity_type: "user_account",
            entity_id: id.to_string(),
            partnership_id: scope.partnership_id,
            summary: format!(
                "Added {} ({}) as {}",
                user.display_name,
                user.email,
                role.label().to_lowercase()
            ),
            before: None,
            after: Some(serde_json::json!({
                "email": user.email,
                "display_name": user.display_name,
                "roles": [{ "role": role.as_str(), "scope": scope_label }],
            })),
        },
    )
    .await?;
    Ok(id)
}
