//! People added in bulk: each gets an account without a password, their role, their place in
//! the partnership (as chair or member), and a one-time link to choose their own password.

use super::password_links;
use crate::db::accounts::{self, NewUser};
use crate::db::audit::Actor;
use crate::db::{reference, with_pool, with_tx, Db, DbResult, Tx};
use crate::domain::auth::Role;
use crate::domain::setup::PersonRow;
use crate::domain::MemberRole;
use std::collections::BTreeSet;

/// What a people list is read against (see [`crate::domain::setup::PeopleContext`]).
pub struct Held {
    pub partnerships: Vec<(i64, String, String)>,
    pub districts: Vec<(i64, String, String)>,
    pub emails: BTreeSet<String>,
    pub chaired: BTreeSet<i64>,
}

impl Held {
    pub fn context(&self) -> crate::domain::setup::PeopleContext<'_> {
        crate::domain::setup::PeopleContext {
            partnerships: &self.partnerships,
            districts: &self.districts,
            emails: &self.emails,
            chaired: &self.chaired,
        }
    }
}

/// The active partnerships (id, name, slug), the Trust's districts (id, code, name), the e-mail
/// addresses held, and the partnerships that have a chair.
pub async fn held(db: &Db) -> DbResult<Held> {
    let partnerships = active_partnerships(db).await?;
    let districts: Vec<(i64, String, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT a.id, a.code, a.name FROM area a WHERE a.kind = 'district'
           AND (a.id IN (SELECT area_id FROM partnership_area)
                OR a.parent_id IN (SELECT c.id FROM area c JOIN trust t ON t.county_code = c.code))
         ORDER BY a.name"
    ).fetch_all(pool).await)?;
    let emails: Vec<String> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT email FROM user_account UNION SELECT email FROM person"
    ).fetch_all(pool).await)?;
    let chaired: Vec<i64> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT partnership_id FROM partnership_member WHERE role = 'chair'
         UNION SELECT partnership_id FROM role_assignment WHERE role = 'partnership_chair'"
    ).fetch_all(pool).await)?;
    Ok(Held {
        partnerships,
        districts,
        emails: emails.into_iter().collect(),
        chaired: chaired.into_iter().collect(),
    })
}

/// The partnerships not retired: (id, name, slug).
pub async fn active_partnerships(db: &Db) -> DbResult<Vec<(i64, String, String)>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT id, name, slug FROM partnership WHERE retired_at IS NULL ORDER BY name"
    ).fetch_all(pool).await)?)
}

/// A person added, with the token of their set-your-password link.
pub struct Added {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub token: String,
}

/// Adds everyone on a list read whole (see [`crate::domain::setup::read_people`]).
pub async fn import(tx: &mut Tx, actor: &Actor, rows: &[PersonRow]) -> DbResult<Vec<Added>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        // Nobody can sign in with this: the person chooses a password with their link.
        let new = NewUser {
            email: row.email.as_str(),
            display_name: &row.name,
            password_hash: "!",
            is_demo: false,
        };
        let user_id =
            accounts::add_user(tx, actor, &new, row.role, row.scope.scope, &row.scope.label)
                .await?;
        if let Some(pid) = row.scope.scope.partnership_id {
            let person = reference::insert_person(
                tx,
                &reference::NewPerson {
                    full_name: &row.name,
                    email: row.email.as_str(),
                    job_title: None,
                    organisation_id: None,
                },
            )
            .await?;
            let part = if row.role == Role::PartnershipChair {
                MemberRole::Chair
            } else {
                MemberRole::Member
            };
            reference::add_member(tx, pid, person, part).await?;
            with_tx!(tx, conn => sqlx::query("UPDATE user_account SET person_id = $1 WHERE id = $2")
                .bind(person).bind(user_id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        }
        let (token, hash) = password_links::new_token();
        password_links::create(tx, user_id, &hash).await?;
        out.push(Added {
            user_id,
            name: row.name.clone(),
            email: row.email.as_str().to_string(),
            role: format!("{} ({})", row.role.label(), row.scope.label),
            token,
        });
    }
    Ok(out)
}
