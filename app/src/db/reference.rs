//! The Trust, its areas, partnerships, partner organisations and people.

use super::{now, with_pool, with_tx, Db, DbError, DbResult, Tx};
use crate::domain::{AreaCode, AreaKind, MemberRole, OrganisationType};

#[derive(Debug, Clone, PartialEq)]
pub struct Trust {
    pub id: i64,
    pub name: String,
    pub county_code: AreaCode,
    pub is_demo: bool,
}

#[derive(sqlx::FromRow)]
struct TrustRow {
    id: i64,
    name: String,
    county_code: String,
    is_demo: bool,
}

impl TryFrom<TrustRow> for Trust {
    type Error = DbError;
    fn try_from(r: TrustRow) -> DbResult<Self> {
        Ok(Trust {
            id: r.id,
            name: r.name,
            county_code: AreaCode::parse(&r.county_code)
                .map_err(|e| DbError::corrupt("trust", e))?,
            is_demo: r.is_demo,
        })
    }
}

/// The installation's Trust, if one has been set up.
pub async fn trust(db: &Db) -> DbResult<Option<Trust>> {
    let row: Option<TrustRow> = with_pool!(db, pool => sqlx::query_as(
        "SELECT id, name, county_code, is_demo FROM trust ORDER BY id LIMIT 1"
    ).fetch_optional(pool).await)?;
    row.map(Trust::try_from).transpose()
}

pub async fn insert_trust(
    tx: &mut Tx,
    name: &str,
    county: &AreaCode,
    is_demo: bool,
) -> DbResult<i64> {
    let id = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO trust (name, county_code, is_demo, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
    ).bind(name).bind(county.as_str()).bind(is_demo).bind(now()).fetch_one(&mut *conn).await)?;
    Ok(id)
}

/// Adds an area, or returns the id of the one with that code.
pub async fn upsert_area(
    tx: &mut Tx,
    code: &AreaCode,
    name: &str,
    kind: AreaKind,
    parent_id: Option<i64>,
) -> DbResult<i64> {
    let id = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO area (code, name, kind, parent_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind,
             parent_id = COALESCE(excluded.parent_id, area.parent_id)
         RETURNING id"
    ).bind(code.as_str()).bind(name).bind(kind.as_str()).bind(parent_id).fetch_one(&mut *conn).await)?;
    Ok(id)
}

pub async fn insert_partnership(
    tx: &mut Tx,
    trust_id: i64,
    name: &str,
    slug: &str,
) -> DbResult<i64> {
    let id = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO partnership (trust_id, name, slug, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
    ).bind(trust_id).bind(name).bind(slug).bind(now()).fetch_one(&mut *conn).await)?;
    Ok(id)
}

pub async fn add_partnership_area(tx: &mut Tx, partnership_id: i64, area_id: i64) -> DbResult<()> {
    with_tx!(tx, conn => sqlx::query(
        "INSERT INTO partnership_area (partnership_id, area_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
    ).bind(partnership_id).bind(area_id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn insert_organisation(
    tx: &mut Tx,
    trust_id: i64,
    name: &str,
    org_type: OrganisationType,
) -> DbResult<i64> {
    let id = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO organisation (trust_id, name, org_type) VALUES ($1, $2, $3) RETURNING id"
    ).bind(trust_id).bind(name).bind(org_type.as_str()).fetch_one(&mut *conn).await)?;
    Ok(id)
}

pub async fn add_partnership_organisation(
    tx: &mut Tx,
    partnership_id: i64,
    organisation_id: i64,
) -> DbResult<()> {
    with_tx!(tx, conn => sqlx::query(
        "INSERT INTO partnership_organisation (partnership_id, organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
    ).bind(partnership_id).bind(organisation_id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub struct NewPerson<'a> {
    pub full_name: &'a str,
    pub email: &'a str,
    pub job_title: Option<&'a str>,
    pub organisation_id: Option<i64>,
}

pub async fn insert_person(tx: &mut Tx, p: &NewPerson<'_>) -> DbResult<i64> {
    let id = with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO person (full_name, email, job_title, organisation_id, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id"
    ).bind(p.full_name).bind(p.email.trim().to_lowercase()).bind(p.job_title).bind(p.organisation_id).bind(now())
     .fetch_one(&mut *conn).await)?;
    Ok(id)
}

pub async fn add_member(
    tx: &mut Tx,
    partnership_id: i64,
    person_id: i64,
    role: MemberRole,
) -> DbResult<()> {
    with_tx!(tx, conn => sqlx::query(
        "INSERT INTO partnership_member (partnership_id, person_id, role) VALUES ($1, $2, $3)"
    ).bind(partnership_id).bind(person_id).bind(role.as_str()).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Ids of areas by code, for the codes that exist.
pub async fn area_ids(db: &Db) -> DbResult<std::collections::HashMap<String, i64>> {
    let rows: Vec<(String, i64)> =
        with_pool!(db, pool => sqlx::query_as("SELECT code, id FROM area").fetch_all(pool).await)?;
    Ok(rows.into_iter().collect())
}

/// Whether a Trust has been set up, read inside a write transaction (so that two loaders
/// cannot both find the database empty).
pub async fn trust_exists(tx: &mut Tx) -> DbResult<bool> {
    let n: i64 = with_tx!(tx, conn => sqlx::query_scalar("SELECT COUNT(*) FROM trust").fetch_one(&mut *conn).await)?;
    Ok(n > 0)
}

/// Serialises set-up: on PostgreSQL takes a lock on the trust table until the transaction
/// ends (SQLite's `BEGIN IMMEDIATE` already holds the write lock).
pub async fn lock_trust(tx: &mut Tx) -> DbResult<()> {
    if let Tx::Postgres(t) = tx {
        sqlx::query("LOCK TABLE trust IN SHARE ROW EXCLUSIVE MODE")
            .execute(&mut **t)
            .await?;
    }
    Ok(())
}

pub use crate::domain::Choice;

/// Where roles can apply: each partnership, and each district a partnership covers.
pub async fn scope_choices(db: &Db) -> DbResult<Vec<Choice>> {
    let partnerships: Vec<(i64, String)> = with_pool!(db, pool => sqlx::query_as("SELECT id, name FROM partnership WHERE retired_at IS NULL ORDER BY name").fetch_all(pool).await)?;
    let districts: Vec<(i64, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT DISTINCT a.id, a.name FROM area a JOIN partnership_area pa ON pa.area_id = a.id
         WHERE a.kind = 'district' ORDER BY a.name"
    ).fetch_all(pool).await)?;
    let mut out = vec![Choice {
        value: String::new(),
        label: "Whole Trust".into(),
    }];
    out.extend(partnerships.into_iter().map(|(id, name)| Choice {
        value: format!("partnership:{id}"),
        label: name,
    }));
    out.extend(districts.into_iter().map(|(id, name)| Choice {
        value: format!("district:{id}"),
        label: format!("{name} (district)"),
    }));
    Ok(out)
}

/// A partnership's id and name by its slug.
pub async fn partnership_by_slug(db: &Db, slug: &str) -> DbResult<Option<(i64, String)>> {
    Ok(
        with_pool!(db, pool => sqlx::query_as("SELECT id, name FROM partnership WHERE slug = $1")
        .bind(slug).fetch_optional(pool).await)?,
    )
}

/// The partnerships, for filters: (id, name, slug).
pub async fn partnership_list(db: &Db) -> DbResult<Vec<(i64, String, String)>> {
    Ok(
        with_pool!(db, pool => sqlx::query_as("SELECT id, name, slug FROM partnership ORDER BY name")
        .fetch_all(pool).await)?,
    )
}
