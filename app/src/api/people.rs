//! Administration of people and their roles.

use crate::domain::Choice;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// A person as administrators see them.
pub use crate::domain::auth::UserSummary as PersonView;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeoplePage {
    pub people: Vec<PersonView>,
    /// Where a role can apply.
    pub scopes: Vec<Choice>,
    /// The administrator looking, who cannot disable themselves.
    pub me: i64,
}

#[server(prefix = "/api", endpoint = "admin/people", input = GetUrl)]
pub async fn list_people() -> Result<PeoplePage, AppError> {
    use crate::domain::auth::{Action, Target};
    let me = super::authorise_signed_in(Action::ManagePeople, Target::Trust)?;
    let ctx = super::context()?;
    let people = crate::db::accounts::list_users(&ctx.db).await?;
    let scopes = crate::db::reference::scope_choices(&ctx.db).await?;
    Ok(PeoplePage {
        people,
        scopes,
        me: me.user_id,
    })
}

#[server(prefix = "/api", endpoint = "admin/person", input = GetUrl)]
pub async fn get_person(id: i64) -> Result<(PersonView, PeoplePage), AppError> {
    use crate::domain::auth::{Action, Target};
    let me = super::authorise_signed_in(Action::ManagePeople, Target::Trust)?;
    let ctx = super::context()?;
    let person = crate::db::accounts::user(&ctx.db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("That person".into()))?;
    let scopes = crate::db::reference::scope_choices(&ctx.db).await?;
    Ok((
        person,
        PeoplePage {
            people: vec![],
            scopes,
            me: me.user_id,
        },
    ))
}

#[cfg(feature = "ssr")]
fn scope_json(
    role: crate::domain::auth::Role,
    scope: &crate::domain::auth::RoleScope,
    scopes: &[Choice],
) -> serde_json::Value {
    let label = scopes
        .iter()
        .find(|c| c.value == scope.form_value())
        .map(|c| c.label.clone())
        .unwrap_or_default();
    serde_json::json!({ "role": role.as_str(), "scope": label })
}

/// Adds a person who can sign in, with their first role.
#[server(prefix = "/api", endpoint = "admin/people/create")]
pub async fn create_person(
    email: String,
    display_name: String,
    password: String,
    role: String,
    scope: String,
) -> Result<i64, AppError> {
    use super::{fail, succeed};
    use crate::db::accounts;
    use crate::domain::auth::{
        parse_display_name, Action, Email, NewPassword, Role, RoleScope, Target,
    };
    use crate::error::FieldError;

    let me = super::authorise_signed_in(Action::ManagePeople, Target::Trust)?;
    let ctx = super::context()?;
    let back = "/admin/people/new";
    let keep = [
        ("email", email.as_str()),
        ("display-name", display_name.as_str()),
        ("role", role.as_str()),
        ("scope", scope.as_str()),
    ];
    let mut errors = Vec::new();
    let name = parse_display_name(&display_name)
        .map_err(|e| errors.push(FieldError::new("display-name", e.0)));
    let email_addr = Email::parse(&email).map_err(|e| errors.push(FieldError::new("email", e.0)));
    let pw =
        NewPassword::parse(&password).map_err(|e| errors.push(FieldError::new("password", e.0)));
    let role_v = role
        .parse::<Role>()
        .map_err(|_| errors.push(FieldError::new("role", "Choose a role")));
    let scope_v = match role_v {
        Ok(r) => {
            RoleScope::parse(r, &scope).map_err(|e| errors.push(FieldError::new("scope", e.0)))
        }
        Err(()) => Err(()),
    };
    let (Ok(name), Ok(email_addr), Ok(pw), Ok(role_v), Ok(scope_v), true) =
        (name, email_addr, pw, role_v, scope_v, errors.is_empty())
    else {
        return Err(fail(AppError::Invalid(errors), back, &keep));
    };
    let hash = super::hash_new_password(&pw).await?;
    let scopes = crate::db::reference::scope_choices(&ctx.db).await?;

    let label = scopes
        .iter()
        .find(|c| c.value == scope_v.form_value())
        .map(|c| c.label.clone())
        .unwrap_or_default();
    let mut tx = ctx.db.begin().await?;
    let new = accounts::NewUser {
        email: email_addr.as_str(),
        display_name: &name,
        password_hash: &hash,
        is_demo: false,
    };
    let id = match accounts::add_user(&mut tx, &super::actor(&me), &new, role_v, scope_v, &label)
        .await
    {
        Ok(id) => id,
        Err(e) if e.is_unique_violation() => {
            return Err(fail(
                AppError::field("email", "Someone already has that email address"),
                back,
                &keep,
            ));
        }
        Err(crate::db::DbError::Sqlx(sqlx::Error::Database(d))) if d.is_foreign_key_violation() => {
            return Err(fail(
                AppError::field("scope", "Choose where the role applies from the list"),
                back,
                &keep,
            ));
        }
        Err(e) => return Err(e.into()),
    };
    tx.commit().await?;
    succeed(
        &format!("/admin/people/{id}"),
        Some(&format!("{name} has been added.")),
    );
    Ok(id)
}

/// Gives a person another role.
#[server(prefix = "/api", endpoint = "admin/people/grant-role")]
pub async fn grant_role(user_id: i64, role: String, scope: String) -> Result<i64, AppError> {
    use super::{fail, succeed};
    use crate::db::{accounts, audit};
    use crate::domain::audit::AuditAction;
    use crate::domain::auth::{Action, Role, RoleScope, Target};

    let me = super::authorise_signed_in(Action::ManagePeople, Target::Trust)?;
    let ctx = super::context()?;
    let back = format!("/admin/people/{user_id}");
    let keep = [("role", role.as_str()), ("scope", scope.as_str())];
    let role_v: Role = role
        .parse()
        .map_err(|_| fail(AppError::field("role", "Choose a role"), &back, &keep))?;
    let scope_v = RoleScope::parse(role_v, &scope)
        .map_err(|e| fail(AppError::field("scope", e.0), &back, &keep))?;
    let person = accounts::user(&ctx.db, user_id)
        .await?
        .ok_or_else(|| AppError::NotFound("That person".into()))?;
    let scopes = crate::db::reference::scope_choices(&ctx.db).await?;
    let mut tx = ctx.db.begin().await?;
    let id = match accounts::grant_role(
        &mut tx,
        user_id,
        role_v,
        scope_v.partnership_id,
        scope_v.district_area_id,
    )
    .await
    {
        Ok(id) => id,
        Err(e) if e.is_unique_violation() => {
            return Err(fail(
                AppError::field(
                    "role",
                    format!("{} already has that role there", person.display_name),
                ),
                &back,
                &keep,
            ));
        }
        Err(crate::db::DbError::Sqlx(sqlx::Error::Database(d))) if d.is_foreign_key_violation() => {
            return Err(fail(
                AppError::field("scope", "Choose where the role applies from the list"),
                &back,
                &keep,
            ));
        }
        Err(e) => return Err(e.into()),
    };
    let after = scope_json(role_v, &scope_v, &scopes);
    audit::record(
        &mut tx,
        audit::Record {
            actor: &super::actor(&me),
            action: AuditAction::Create,
            entity_type: "role_assignment",
            entity_id: id.to_string(),
            partnership_id: scope_v.partnership_id,
            summary: format!(
                "Gave {} the role {} {}",
                person.display_name,
                role_v.label().to_lowercase(),
                after["scope"].as_str().unwrap_or("")
            ),
            before: None,
            after: Some(after),
        },
    )
    .await?;
    tx.commit().await?;
    succeed(
        &back,
        Some(&format!(
            "{} is now {}.",
            person.display_name,
            role_v.label().to_lowercase()
        )),
    );
    Ok(id)
}

/// Takes a role away.
#[server(prefix = "/api", endpoint = "admin/people/revoke-role")]
pub async fn revoke_role(user_id: i64, assignment_id: i64) -> Result<(), AppError> {
    use super::{fail, succeed};
    use crate::db::{accounts, audit};
    use crate::domain::audit::AuditAction;
    use crate::domain::auth::{Action, Target};

    let me = super::authorise_signed_in(Action::ManagePeople, Target::Trust)?;
    let ctx = super::context()?;
    let back = format!("/admin/people/{user_id}");
    let person = accounts::user(&ctx.db, user_id)
        .await?
        .ok_or_else(|| AppError::NotFound("That person".into()))?;
    let Some(held) = person.roles.iter().find(|r| r.id == assignment_id).cloned() else {
        return Err(fail(
            AppError::field("", "That role has already been removed"),
            &back,
            &[],
        ));
    };
    if held.role == crate::domain::auth::Role::Administrator && user_id == me.user_id {
        return Err(fail(
            AppError::field("", "You cannot remove your own administrator role"),
            &back,
            &[],
        ));
    }
    let mut tx = ctx.db.begin().await?;
    accounts::revoke_role(&mut tx, assignment_id).await?;
    audit::record(
        &mut tx,
        audit::Record {
            actor: &super::actor(&me),
            action: AuditAction::Delete,
            entity_type: "role_assignment",
            entity_id: assignment_id.to_string(),
            partnership_id: held.partnership_id,
            summary: format!("Removed the role {held} from {}", person.display_name),
            before: Some(
                serde_json::json!({ "role": held.role.as_str(), "scope": held.scope_name }),
            ),
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    succeed(&back, Some(&format!("The role {held} has been removed.")));
    Ok(())
}

/// Disables a person (ending all their sessions) or enables them again.
#[server(prefix = "/api", endpoint = "admin/people/set-status")]
pub async fn set_person_status(user_id: i64, disabled: bool) -> Result<(), AppError> {
    use super::{fail, succeed};
    use crate::db::{accounts, audit};
    use crate::domain::audit::AuditAction;
    use crate::domain::auth::{Action, Target};

    let me = super::authorise_signed_in(Action::ManagePeople, Target::Trust)?;
    let ctx = super::context()?;
    let back = format!("/admin/people/{user_id}");
    if disabled && user_id == me.user_id {
        return Err(fail(
            AppError::field("", "You cannot disable your own account"),
            &back,
            &[],
        ));
    }
    let mut tx = ctx.db.begin().await?;
    let before = accounts::set_disabled(&mut tx, user_id, disabled)
        .await?
        .ok_or_else(|| AppError::NotFound("That person".into()))?;
    if before != disabled {
        let name = accounts_name(&mut tx, user_id).await?;
        audit::record(
            &mut tx,
            audit::Record {
                actor: &super::actor(&me),
                action: AuditAction::StatusChange,
                entity_type: "user_account",
                entity_id: user_id.to_string(),
                partnership_id: None,
                summary: if disabled {
                    format!("Disabled {name}; their sessions ended")
                } else {
                    format!("Enabled {name}")
                },
                before: Some(serde_json::json!({ "disabled": before })),
                after: Some(serde_json::json!({ "disabled": disabled })),
            },
        )
        .await?;
    }
    tx.commit().await?;
    succeed(
        &back,
        Some(if disabled {
            "The account has been disabled and its sessions ended."
        } else {
            "The account has been enabled."
        }),
    );
    Ok(())
}

#[cfg(feature = "ssr")]
async fn accounts_name(tx: &mut crate::db::Tx, user_id: i64) -> Result<String, AppError> {
    Ok(crate::db::accounts::display_name(tx, user_id)
        .await?
        .unwrap_or_default())
}

/// Sets a new password for someone who has forgotten theirs; all their sessions end.
#[server(prefix = "/api", endpoint = "admin/people/set-password")]
pub async fn set_person_password(user_id: i64, new_password: String) -> Result<(), AppError> {
    use super::{fail, succeed};
    use crate::db::accounts;
    use crate::domain::auth::{Action, NewPassword, Target};

    let me = super::authorise_signed_in(Action::ManagePeople, Target::Trust)?;
    let ctx = super::context()?;
    let back = format!("/admin/people/{user_id}");
    let password = NewPassword::parse(&new_password)
        .map_err(|e| fail(AppError::field("new-password", e.0), &back, &[]))?;
    let person = accounts::user(&ctx.db, user_id)
        .await?
        .ok_or_else(|| AppError::NotFound("That person".into()))?;
    let hash = super::hash_new_password(&password).await?;
    let mut tx = ctx.db.begin().await?;
    let summary = format!(
        "Set a new password for {}; their sessions ended",
        person.display_name
    );
    accounts::replace_password(&mut tx, &super::actor(&me), user_id, &hash, summary).await?;
    tx.commit().await?;
    succeed(
        &back,
        Some(&format!(
            "{} has a new password. Give it to them securely.",
            person.display_name
        )),
    );
    Ok(())
}
