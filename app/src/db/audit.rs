//! The append-only audit trail. Entries are written in the same transaction as the change they
//! record; this module has no function that updates or deletes one (and the schema refuses it).

use super::{now, with_pool, with_tx, Db, DbError, DbResult, Tx};
use crate::domain::audit::{AuditAction, AuditEntry, AuditFilter};

/// Who made a change: a signed-in person, or the system (demo data, an operator command).
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub name: String,
}

impl Actor {
    pub fn system(name: &str) -> Self {
        Actor {
            user_id: None,
            name: name.into(),
        }
    }
}

pub struct Record<'a> {
    pub actor: &'a Actor,
    pub action: AuditAction,
    pub entity_type: &'a str,
    pub entity_id: String,
    pub partnership_id: Option<i64>,
    pub summary: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// An entry about `entity_type` `id` (in a partnership's affairs, when `partnership_id` is
/// given), before and after to be filled in by the caller when they matter.
pub fn entry<'a>(
    actor: &'a Actor,
    action: AuditAction,
    entity_type: &'a str,
    id: impl ToString,
    partnership_id: Option<i64>,
    summary: String,
) -> Record<'a> {
    Record {
        actor,
        action,
        entity_type,
        entity_id: id.to_string(),
        partnership_id,
        summary,
        before: None,
        after: None,
    }
}

pub async fn record(tx: &mut Tx, r: Record<'_>) -> DbResult<()> {
    let before = r.before.map(|v| v.to_string());
    let after = r.after.map(|v| v.to_string());
    with_tx!(tx, conn => sqlx::query(
        "INSERT INTO audit_event (at, actor_user_id, actor_name, action, entity_type, entity_id, partnership_id, summary, before_value, after_value)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    ).bind(now()).bind(r.actor.user_id).bind(&r.actor.name).bind(r.action.as_str()).bind(r.entity_type)
     .bind(&r.entity_id).bind(r.partnership_id).bind(&r.summary).bind(before).bind(after)
     .execute(&mut *conn).await.map(|x| x.rows_affected()))?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    at: chrono::DateTime<chrono::Utc>,
    actor_name: String,
    action: String,
    entity_type: String,
    entity_id: String,
    partnership: Option<String>,
    summary: String,
    before_value: Option<String>,
    after_value: Option<String>,
}

/// Entries matching the filter, newest first, a page at a time; also whether there are more.
pub async fn list(
    db: &Db,
    filter: &AuditFilter,
    limit: i64,
    offset: i64,
) -> DbResult<(Vec<AuditEntry>, bool)> {
    let from = filter
        .from
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc());
    let to = filter
        .to
        .and_then(|d| d.succ_opt())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc());
    let rows: Vec<Row> = with_pool!(db, pool => sqlx::query_as(
        "SELECT e.id, e.at, e.actor_name, e.action, e.entity_type, e.entity_id, p.name AS partnership,
                e.summary, e.before_value, e.after_value
         FROM audit_event e LEFT JOIN partnership p ON p.id = e.partnership_id
         WHERE ($1 IS NULL OR e.entity_type = $1)
           AND ($2 IS NULL OR e.actor_user_id = $2)
           AND ($3 IS NULL OR e.partnership_id = $3)
           AND ($4 IS NULL OR e.at >= $4)
           AND ($5 IS NULL OR e.at < $5)
         ORDER BY e.at DESC, e.id DESC
         LIMIT $6 OFFSET $7"
    ).bind(filter.entity_type.as_deref()).bind(filter.actor_user_id).bind(filter.partnership_id)
     .bind(from).bind(to).bind(limit + 1).bind(offset).fetch_all(pool).await)?;
    let more = rows.len() as i64 > limit;
    let entries = rows
        .into_iter()
        .take(limit as usize)
        .map(|r| {
            Ok(AuditEntry {
                id: r.id,
                at: r.at,
                actor_name: r.actor_name,
                action: r
                    .action
                    .parse()
                    .map_err(|e| DbError::corrupt("audit_event", e))?,
                entity_type: r.entity_type,
                entity_id: r.entity_id,
                partnership: r.partnership,
                summary: r.summary,
                before: r.before_value,
                after: r.after_value,
                headline: String::new(),
                changes: Vec::new(),
            })
        })
        .collect::<DbResult<Vec<_>>>()?;
    Ok((entries, more))
}

/// The kinds of entity the trail holds, for the filter.
pub async fn entity_types(db: &Db) -> DbResult<Vec<String>> {
    Ok(
        with_pool!(db, pool => sqlx::query_scalar("SELECT DISTINCT entity_type FROM audit_event ORDER BY entity_type")
        .fetch_all(pool).await)?,
    )
}

/// Partner organisations' names by id, for telling what an entry changed in words.
pub async fn organisation_names(db: &Db) -> DbResult<std::collections::BTreeMap<i64, String>> {
    let rows: Vec<(i64, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, name FROM organisation"
    ).fetch_all(pool).await)?;
    Ok(rows.into_iter().collect())
}

/// The entries in words, without the stored JSON: what the pages show.
pub async fn in_words(db: &Db, entries: Vec<AuditEntry>) -> DbResult<Vec<AuditEntry>> {
    use crate::domain::audit::{changes_in_words, headline};
    let organisations = organisation_names(db).await?;
    Ok(entries
        .into_iter()
        .map(|e| AuditEntry {
            headline: headline(&e),
            changes: changes_in_words(&e, &organisations),
            before: None,
            after: None,
            ..e
        })
        .collect())
}
