//! Setting a county up: the Trust, partnerships, partner organisations, people in bulk, and
//! one-time set-your-password links.

pub mod organisations;
pub mod partnerships;
pub mod password_links;
pub mod people;
pub mod trust;

use crate::db::{with_pool, Db, DbResult};

/// How far the county's set-up has got, counted in one query for the set-up hub.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Counts {
    pub districts: i64,
    pub wards: i64,
    pub outlines: i64,
    pub partnerships: i64,
    pub organisations: i64,
    pub people: i64,
    /// People whose set-your-password link is still unused.
    pub waiting: i64,
}

pub async fn counts(db: &Db) -> DbResult<Counts> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT
            (SELECT COUNT(*) FROM area WHERE kind = 'district' AND parent_id IN
                (SELECT c.id FROM area c JOIN trust t ON t.county_code = c.code)) AS districts,
            (SELECT COUNT(*) FROM area WHERE kind = 'ward') AS wards,
            (SELECT COUNT(*) FROM area WHERE geometry IS NOT NULL) AS outlines,
            (SELECT COUNT(*) FROM partnership WHERE retired_at IS NULL) AS partnerships,
            (SELECT COUNT(*) FROM organisation) AS organisations,
            (SELECT COUNT(*) FROM user_account WHERE NOT disabled) AS people,
            (SELECT COUNT(DISTINCT user_id) FROM password_setup WHERE used_at IS NULL) AS waiting"
    ).fetch_one(pool).await)?)
}

/// Why a set-up change was refused, for the person who asked: by field, or as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Field(&'static str, String),
    Conflict(String),
}
