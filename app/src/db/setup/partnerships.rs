//! Partnerships as administrators set them up: created, renamed, given their areas, retired
//! (never deleted: their plans and history stay).

use super::Refusal;
use crate::db::audit::{self, Actor, Record};
use crate::db::{now, with_pool, with_tx, Db, DbError, DbResult, Tx};
use crate::domain::audit::AuditAction;
use crate::domain::setup::{KnownArea, PartnershipInput};
use crate::domain::setup::{PartnershipDetail as Detail, PartnershipListed as Listed};
use serde_json::json;

/// The areas a partnership may cover: the county's districts (and any a partnership already
/// covers) and the wards within them.
pub async fn known_areas(db: &Db) -> DbResult<Vec<KnownArea>> {
    let rows: Vec<(String, String, String, Option<String>)> = with_pool!(db, pool => sqlx::query_as(
        "WITH d AS (
             SELECT a.id, a.code, a.name FROM area a WHERE a.kind = 'district'
               AND (a.id IN (SELECT area_id FROM partnership_area)
                    OR a.parent_id IN (SELECT c.id FROM area c JOIN trust t ON t.county_code = c.code)))
         SELECT d.code, d.name, 'district', NULL FROM d
         UNION ALL
         SELECT w.code, w.name, 'ward', d.name FROM area w JOIN d ON d.id = w.parent_id WHERE w.kind = 'ward'
         ORDER BY 3, 2, 1"
    ).fetch_all(pool).await)?;
    rows.into_iter()
        .map(|(code, name, kind, district)| {
            Ok(KnownArea {
                code,
                name,
                kind: kind.parse().map_err(|e| DbError::corrupt("area", e))?,
                district,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct ListedRow {
    id: i64,
    name: String,
    slug: String,
    retired: bool,
    areas: i64,
    people: i64,
    organisations: i64,
    plans: i64,
}

/// Every partnership, the retired ones last, with head counts (one query).
pub async fn list(db: &Db) -> DbResult<Vec<Listed>> {
    let rows: Vec<ListedRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT p.id, p.name, p.slug, p.retired_at IS NOT NULL AS retired,
            (SELECT COUNT(*) FROM partnership_area pa WHERE pa.partnership_id = p.id) AS areas,
            (SELECT COUNT(DISTINCT r.user_id) FROM role_assignment r WHERE r.partnership_id = p.id) AS people,
            (SELECT COUNT(*) FROM partnership_organisation po WHERE po.partnership_id = p.id) AS organisations,
            (SELECT COUNT(*) FROM plan pl WHERE pl.partnership_id = p.id) AS plans
         FROM partnership p ORDER BY p.retired_at IS NOT NULL, p.name"
    ).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|r| Listed {
            id: r.id,
            name: r.name,
            slug: r.slug,
            retired: r.retired,
            areas: r.areas,
            people: r.people,
            organisations: r.organisations,
            plans: r.plans,
        })
        .collect())
}

pub async fn detail(db: &Db, slug: &str) -> DbResult<Option<Detail>> {
    let Some(listed) = list(db).await?.into_iter().find(|p| p.slug == slug) else {
        return Ok(None);
    };
    let id = listed.id;
    let areas: Vec<(String, String, String, Option<String>)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT a.code, a.name, a.kind, d.name FROM partnership_area pa JOIN area a ON a.id = pa.area_id
         LEFT JOIN area d ON d.id = a.parent_id AND a.kind = 'ward'
         WHERE pa.partnership_id = $1 ORDER BY a.name"
    ).bind(id).fetch_all(pool).await)?;
    let people: Vec<(i64, String, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT u.id, u.display_name, r.role FROM role_assignment r JOIN user_account u ON u.id = r.user_id
         WHERE r.partnership_id = $1 ORDER BY r.role, u.display_name"
    ).bind(id).fetch_all(pool).await)?;
    let organisations: Vec<(String, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT o.name, o.org_type FROM partnership_organisation po JOIN organisation o ON o.id = po.organisation_id
         WHERE po.partnership_id = $1 ORDER BY o.name"
    ).bind(id).fetch_all(pool).await)?;
    Ok(Some(Detail {
        listed,
        areas: areas
            .into_iter()
            .map(|(code, name, kind, district)| {
                Ok(KnownArea {
                    code,
                    name,
                    kind: kind.parse().map_err(|e| DbError::corrupt("area", e))?,
                    district,
                })
            })
            .collect::<DbResult<_>>()?,
        people: people
            .into_iter()
            .map(|(id, name, role)| {
                let label = role
                    .parse::<crate::domain::auth::Role>()
                    .map(|r| r.label().to_string())
                    .unwrap_or(role);
                (id, name, label)
            })
            .collect(),
        organisations: organisations
            .into_iter()
            .map(|(name, t)| {
                let label = t
                    .parse::<crate::domain::OrganisationType>()
                    .map(|t| t.label().to_string())
                    .unwrap_or(t);
                (name, label)
            })
            .collect(),
    }))
}

/// Refuses a name another partnership has, or areas another (active) partnership covers.
async fn clashes(
    tx: &mut Tx,
    input: &PartnershipInput,
    this: Option<i64>,
) -> DbResult<Option<Refusal>> {
    let me = this.unwrap_or(0);
    let named: Option<String> = with_tx!(tx, conn => sqlx::query_scalar(
        "SELECT name FROM partnership WHERE (lower(name) = lower($1) OR slug = $2) AND id <> $3"
    ).bind(&input.name).bind(&input.slug).bind(me).fetch_optional(&mut *conn).await)?;
    if let Some(n) = named {
        return Ok(Some(Refusal::Field(
            "name",
            format!("There is already a partnership called {n}: choose another name"),
        )));
    }
    // One query for all the areas typed: `$2, $3, …` for the codes.
    let sql = format!(
        "SELECT a.code, a.name, p.name FROM partnership_area pa JOIN area a ON a.id = pa.area_id
         JOIN partnership p ON p.id = pa.partnership_id
         WHERE p.id <> $1 AND p.retired_at IS NULL AND a.code IN ({})",
        code_placeholders(input.areas.len(), 2)
    );
    let covered: Vec<(String, String, String)> = if input.areas.is_empty() {
        Vec::new()
    } else {
        with_tx!(tx, conn => {
            let mut q = sqlx::query_as(&sql).bind(me);
            for code in &input.areas {
                q = q.bind(code);
            }
            q.fetch_all(&mut *conn).await
        })?
    };
    // In the order they were typed.
    let taken: Vec<String> = input
        .areas
        .iter()
        .filter_map(|code| covered.iter().find(|(c, _, _)| c == code))
        .map(|(code, area, p)| format!("{area} ({code}) is covered by {p}"))
        .collect();
    if !taken.is_empty() {
        return Ok(Some(Refusal::Field(
            "areas",
            format!("{}: an area belongs to one partnership", taken.join("; ")),
        )));
    }
    Ok(None)
}

async fn set_areas(tx: &mut Tx, id: i64, codes: &[String]) -> DbResult<()> {
    with_tx!(tx, conn => sqlx::query("DELETE FROM partnership_area WHERE partnership_id = $1")
        .bind(id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    if codes.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO partnership_area (partnership_id, area_id)
         SELECT $1, id FROM area WHERE code IN ({})",
        code_placeholders(codes.len(), 2)
    );
    with_tx!(tx, conn => {
        let mut q = sqlx::query(&sql).bind(id);
        for code in codes {
            q = q.bind(code);
        }
        q.execute(&mut *conn).await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// `$from, $from+1, …`: `n` numbered placeholders, for a list bound one value each (both
/// backends accept them; neither shares a way to bind an array).
fn code_placeholders(n: usize, from: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Creates a partnership covering the areas given.
pub async fn create(
    tx: &mut Tx,
    actor: &Actor,
    trust_id: i64,
    input: &PartnershipInput,
) -> DbResult<Result<i64, Refusal>> {
    if let Some(r) = clashes(tx, input, None).await? {
        return Ok(Err(r));
    }
    let id: i64 = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO partnership (trust_id, name, slug, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
    ).bind(trust_id).bind(&input.name).bind(&input.slug).bind(now()).fetch_one(&mut *conn).await)?;
    set_areas(tx, id, &input.areas).await?;
    audit::record(
        tx,
        Record {
            actor,
            action: AuditAction::Create,
            entity_type: "partnership",
            entity_id: id.to_string(),
            partnership_id: Some(id),
            summary: format!(
                "Created the partnership {} ({} areas)",
                input.name,
                input.areas.len()
            ),
            before: None,
            after: Some(json!({ "name": input.name, "areas": input.areas })),
        },
    )
    .await?;
    Ok(Ok(id))
}

/// Renames a partnership or changes its areas. Its address (slug) stays, so links and
/// history keep working.
pub async fn update(
    tx: &mut Tx,
    actor: &Actor,
    id: i64,
    input: &PartnershipInput,
) -> DbResult<Result<(), Refusal>> {
    let mut same_slug = input.clone();
    same_slug.slug = with_tx!(tx, conn => sqlx::query_scalar("SELECT slug FROM partnership WHERE id = $1")
        .bind(id).fetch_one(&mut *conn).await)?;
    if let Some(r) = clashes(tx, &same_slug, Some(id)).await? {
        return Ok(Err(r));
    }
    let before_name: String = with_tx!(tx, conn => sqlx::query_scalar("SELECT name FROM partnership WHERE id = $1")
        .bind(id).fetch_one(&mut *conn).await)?;
    let before_areas: Vec<String> = with_tx!(tx, conn => sqlx::query_scalar(
        "SELECT a.code FROM partnership_area pa JOIN area a ON a.id = pa.area_id WHERE pa.partnership_id = $1 ORDER BY a.code"
    ).bind(id).fetch_all(&mut *conn).await)?;
    with_tx!(tx, conn => sqlx::query("UPDATE partnership SET name = $1 WHERE id = $2")
        .bind(&input.name).bind(id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    set_areas(tx, id, &input.areas).await?;
    let summary = if before_name == input.name {
        format!("Changed the areas {} covers", input.name)
    } else {
        format!("Renamed {before_name} to {}", input.name)
    };
    audit::record(
        tx,
        Record {
            actor,
            action: AuditAction::Update,
            entity_type: "partnership",
            entity_id: id.to_string(),
            partnership_id: Some(id),
            summary,
            before: Some(json!({ "name": before_name, "areas": before_areas })),
            after: Some(json!({ "name": input.name, "areas": input.areas })),
        },
    )
    .await?;
    Ok(Ok(()))
}

/// Retires a partnership, or brings a retired one back. Nothing of it is deleted.
pub async fn set_retired(
    tx: &mut Tx,
    actor: &Actor,
    id: i64,
    retired: bool,
) -> DbResult<Result<(), Refusal>> {
    let row: Option<(String, bool)> = with_tx!(tx, conn => sqlx::query_as(
        "SELECT name, retired_at IS NOT NULL FROM partnership WHERE id = $1"
    ).bind(id).fetch_optional(&mut *conn).await)?;
    let Some((name, was)) = row else {
        return Ok(Err(Refusal::Conflict(
            "That partnership does not exist".into(),
        )));
    };
    if was == retired {
        return Ok(Err(Refusal::Conflict(if retired {
            format!("{name} has already been retired")
        } else {
            format!("{name} is not retired")
        })));
    }
    let at = retired.then(now);
    with_tx!(tx, conn => sqlx::query("UPDATE partnership SET retired_at = $1 WHERE id = $2")
        .bind(at).bind(id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    audit::record(
        tx,
        Record {
            actor,
            action: AuditAction::StatusChange,
            entity_type: "partnership",
            entity_id: id.to_string(),
            partnership_id: Some(id),
            summary: if retired {
                format!("Retired {name}: its plans and history are kept")
            } else {
                format!("Brought {name} back from retirement")
            },
            before: Some(json!({ "retired": was })),
            after: Some(json!({ "retired": retired })),
        },
    )
    .await?;
    Ok(Ok(()))
}
