//! Operator tasks run from the command line.

use app::db::audit::Actor;
use app::db::{accounts, Db};
use app::domain::auth::{parse_display_name, Email, NewPassword, Role, RoleScope};

/// Creates an administrator (the first one, typically), recorded in the audit trail as done by
/// the operator.
pub async fn create_admin(
    db: &Db,
    email: &str,
    name: &str,
    password: &str,
) -> crate::anyhow_like::Result<i64> {
    let email = Email::parse(email)?;
    let name = parse_display_name(name)?;
    let password = NewPassword::parse(password)?;
    let hash = app::auth::hash_password(password.expose().to_string()).await?;
    let mut tx = db.begin().await?;
    let new = accounts::NewUser {
        email: email.as_str(),
        display_name: &name,
        password_hash: &hash,
        is_demo: false,
    };
    let scope = RoleScope {
        partnership_id: None,
        district_area_id: None,
    };
    let id = match accounts::add_user(
        &mut tx,
        &Actor::system("operator (command line)"),
        &new,
        Role::Administrator,
        scope,
        "Whole Trust",
    )
    .await
    {
        Ok(id) => id,
        Err(e) if e.is_unique_violation() => {
            return Err(format!("someone already has the email address {}", email.as_str()).into())
        }
        Err(e) => return Err(e.into()),
    };
    tx.commit().await?;
    Ok(id)
}
