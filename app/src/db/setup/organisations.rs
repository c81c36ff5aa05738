//! Partner organisations: the list, and a whole list uploaded at once.

use crate::db::audit::{self, Actor, Record};
use crate::db::{with_pool, with_tx, Db, DbResult, Tx};
use crate::domain::audit::AuditAction;
use crate::domain::setup::OrganisationRow;
use crate::domain::setup::{OrganisationListed as Organisation, OrganisationsImported as Imported};
use serde_json::json;
use std::collections::HashMap;

/// Every partner organisation with the partnerships it takes part in (two queries).
pub async fn list(db: &Db) -> DbResult<Vec<Organisation>> {
    let orgs: Vec<(i64, String, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, name, org_type FROM organisation ORDER BY name"
    ).fetch_all(pool).await)?;
    let links: Vec<(i64, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT po.organisation_id, p.name FROM partnership_organisation po
         JOIN partnership p ON p.id = po.partnership_id ORDER BY p.name"
    ).fetch_all(pool).await)?;
    let mut by_org: HashMap<i64, Vec<String>> = HashMap::new();
    for (id, name) in links {
        by_org.entry(id).or_default().push(name);
    }
    Ok(orgs
        .into_iter()
        .map(|(id, name, t)| Organisation {
            name,
            type_label: t
                .parse::<crate::domain::OrganisationType>()
                .map(|t| t.label().to_string())
                .unwrap_or(t),
            partnerships: by_org.remove(&id).unwrap_or_default(),
        })
        .collect())
}

/// Stores a list read whole: a new name is added; a name held already (ignoring case) takes
/// the type given and joins the partnerships named (it leaves none).
pub async fn import(
    tx: &mut Tx,
    actor: &Actor,
    trust_id: i64,
    file_name: &str,
    rows: &[OrganisationRow],
) -> DbResult<Imported> {
    let held: Vec<(i64, String, String)> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT id, name, org_type FROM organisation WHERE trust_id = $1"
    ).bind(trust_id).fetch_all(&mut *conn).await)?;
    let held: HashMap<String, (i64, String)> = held
        .into_iter()
        .map(|(id, name, t)| (name.to_lowercase(), (id, t)))
        .collect();
    let memberships: Vec<(i64, i64)> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT organisation_id, partnership_id FROM partnership_organisation"
    ).fetch_all(&mut *conn).await)?;
    let mut done = Imported::default();
    for row in rows {
        let (id, changed) = match held.get(&row.name.to_lowercase()) {
            Some((id, t)) => {
                let retyped = t != row.org_type.as_str();
                if retyped {
                    with_tx!(tx, conn => sqlx::query("UPDATE organisation SET org_type = $1 WHERE id = $2")
                        .bind(row.org_type.as_str()).bind(id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
                }
                (*id, retyped)
            }
            None => {
                let id: i64 = with_tx!(tx, conn => sqlx::query_scalar(
                    "INSERT INTO organisation (trust_id, name, org_type) VALUES ($1, $2, $3) RETURNING id"
                ).bind(trust_id).bind(&row.name).bind(row.org_type.as_str()).fetch_one(&mut *conn).await)?;
                done.added += 1;
                (id, false)
            }
        };
        let mut joined = false;
        for pid in &row.partnerships {
            if !memberships.contains(&(id, *pid)) {
                with_tx!(tx, conn => sqlx::query(
                    "INSERT INTO partnership_organisation (partnership_id, organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
                ).bind(pid).bind(id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
                joined = true;
            }
        }
        if held.contains_key(&row.name.to_lowercase()) {
            if changed || joined {
                done.updated += 1;
            } else {
                done.unchanged += 1;
            }
        }
    }
    audit::record(
        tx,
        Record {
            actor,
            action: AuditAction::Update,
            entity_type: "organisations",
            entity_id: file_name.to_string(),
            partnership_id: None,
            summary: format!(
                "Uploaded partner organisations from {file_name}: {} added, {} changed, {} unchanged",
                done.added, done.updated, done.unchanged
            ),
            before: None,
            after: Some(json!({
                "file_name": file_name,
                "rows": rows.iter().map(|r| json!({
                    "name": r.name, "type": r.org_type.as_str(), "partnerships": r.partnerships,
                })).collect::<Vec<_>>(),
            })),
        },
    )
    .await?;
    Ok(done)
}
