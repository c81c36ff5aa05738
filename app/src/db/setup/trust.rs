//! The Trust's details: its name, its county and the county's districts.

use super::Refusal;
use crate::db::audit::{self, Actor, Record};
use crate::db::{now, reference, with_pool, with_tx, Db, DbResult, Tx};
use crate::domain::audit::AuditAction;
use crate::domain::setup::TrustInput;
use crate::domain::AreaCode;
use serde_json::json;

/// The Trust's details as its form shows them, if it has been set up.
pub async fn held(db: &Db) -> DbResult<Option<TrustInput>> {
    let Some(trust) = reference::trust(db).await? else {
        return Ok(None);
    };
    let county_name: Option<String> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT name FROM area WHERE code = $1"
    ).bind(trust.county_code.as_str()).fetch_optional(pool).await)?;
    let rows: Vec<(String, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT d.code, d.name FROM area d JOIN area c ON c.id = d.parent_id
         WHERE c.code = $1 AND d.kind = 'district' ORDER BY d.code"
    ).bind(trust.county_code.as_str()).fetch_all(pool).await)?;
    let districts = rows
        .into_iter()
        .filter_map(|(code, name)| {
            let c = AreaCode::parse(&code).ok()?;
            let named = (name != code).then_some(name);
            Some((c, named))
        })
        .collect();
    Ok(Some(TrustInput {
        name: trust.name,
        county_code: trust.county_code,
        county_name: county_name.unwrap_or_default(),
        districts,
    }))
}

/// Sets the Trust up, or changes its details: the county becomes an area, and each district
/// an area within it (named as typed, or by its code until boundaries name it). A district
/// taken off the list leaves the county, unless a partnership covers it.
pub async fn save(
    tx: &mut Tx,
    actor: &Actor,
    input: &TrustInput,
) -> DbResult<Result<i64, Refusal>> {
    reference::lock_trust(tx).await?;
    let existing: Option<(i64, String, String)> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT id, name, county_code FROM trust ORDER BY id LIMIT 1"
    ).fetch_optional(&mut *conn).await)?;
    let county = input.county_code.as_str();
    let county_id: i64 = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO area (code, name, kind) VALUES ($1, $2, 'county')
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = 'county' RETURNING id"
    ).bind(county).bind(&input.county_name).fetch_one(&mut *conn).await)?;
    // Districts leaving the county: refused while a partnership covers one.
    let listed: Vec<&str> = input.districts.iter().map(|(c, _)| c.as_str()).collect();
    let before: Vec<(i64, String, Option<String>)> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT d.id, d.code, (SELECT p.name FROM partnership_area pa JOIN partnership p ON p.id = pa.partnership_id
                                WHERE pa.area_id = d.id ORDER BY p.name LIMIT 1)
         FROM area d WHERE d.parent_id = $1 AND d.kind = 'district'"
    ).bind(county_id).fetch_all(&mut *conn).await)?;
    for (id, code, covered_by) in &before {
        if listed.contains(&code.as_str()) {
            continue;
        }
        if let Some(p) = covered_by {
            return Ok(Err(Refusal::Field(
                "districts",
                format!("{code} is covered by {p}: it cannot leave the county while a partnership covers it"),
            )));
        }
        with_tx!(tx, conn => sqlx::query("UPDATE area SET parent_id = NULL WHERE id = $1")
            .bind(id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    for (code, name) in &input.districts {
        with_tx!(tx, conn => sqlx::query(
            "INSERT INTO area (code, name, kind, parent_id) VALUES ($1, $2, 'district', $3)
             ON CONFLICT (code) DO UPDATE SET parent_id = excluded.parent_id,
                 name = CASE WHEN $4 THEN excluded.name ELSE area.name END"
        ).bind(code.as_str()).bind(name.as_deref().unwrap_or(code.as_str())).bind(county_id).bind(name.is_some())
         .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    }
    let after = json!({
        "name": input.name, "county_code": county, "county_name": input.county_name,
        "districts": listed,
    });
    let (id, action, summary, before_json) = match existing {
        Some((id, name, code)) => {
            with_tx!(tx, conn => sqlx::query("UPDATE trust SET name = $1, county_code = $2 WHERE id = $3")
                .bind(&input.name).bind(county).bind(id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
            let codes: Vec<&str> = before.iter().map(|(_, c, _)| c.as_str()).collect();
            (
                id,
                AuditAction::Update,
                format!("Changed the Trust's details ({})", input.name),
                Some(json!({ "name": name, "county_code": code, "districts": codes })),
            )
        }
        None => {
            let id: i64 = with_tx!(tx, conn => sqlx::query_scalar(
                "INSERT INTO trust (name, county_code, is_demo, created_at) VALUES ($1, $2, FALSE, $3) RETURNING id"
            ).bind(&input.name).bind(county).bind(now()).fetch_one(&mut *conn).await)?;
            (
                id,
                AuditAction::Create,
                format!(
                    "Set up {} for {} ({} districts)",
                    input.name,
                    input.county_name,
                    listed.len()
                ),
                None,
            )
        }
    };
    audit::record(
        tx,
        Record {
            actor,
            action,
            entity_type: "trust",
            entity_id: id.to_string(),
            partnership_id: None,
            summary,
            before: before_json,
            after: Some(after),
        },
    )
    .await?;
    Ok(Ok(id))
}
