//! Signing in and out, and one's own account.

use crate::domain::auth::Principal;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

mod redirect;
mod second_factor;
mod sessions;
#[cfg(feature = "ssr")]
pub use redirect::redirect_locally;
pub use redirect::{encode_query_value, local_path, safe_next};
pub use second_factor::*;
pub use sessions::*;

/// The person signed in, if any (for the header and navigation).
#[server(prefix = "/api", endpoint = "auth/me", input = GetUrl)]
pub async fn who_am_i() -> Result<Option<Principal>, AppError> {
    Ok(super::current_user().principal)
}

/// Signs in with an email address and password. Returns where to go next.
#[server(prefix = "/api", endpoint = "auth/sign-in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<String, AppError> {
    use super::{fail, succeed};
    use crate::auth::throttle::{address_delay_units, Turn, WINDOW_MINUTES};
    use crate::auth::verify_password;
    use crate::db::accounts;
    use crate::domain::auth::Email;
    use crate::error::FieldError;

    let ctx = super::context()?;
    let back = format!(
        "/sign-in?next={}",
        encode_query_value(&safe_next(next.as_deref()))
    );
    let keep = [("email", email.as_str())];
    let mut errors = Vec::new();
    let parsed = Email::parse(&email).map_err(|e| errors.push(FieldError::new("email", e.0)));
    if password.is_empty() {
        errors.push(FieldError::new("password", "Enter your password"));
    }
    let (Ok(email_addr), true) = (parsed, errors.is_empty()) else {
        return Err(fail(AppError::Invalid(errors), &back, &keep));
    };

    let address = super::client_address();
    let email = email_addr.as_str();
    let unit = ctx.settings.throttle_unit;
    let wait = match accounts::reserve_turn(&ctx.db, email, &address, unit).await? {
        Turn::Go { wait, .. } => wait,
        Turn::Refuse { retry_after } => {
            tracing::warn!(%address, ?retry_after, "sign-in refused for now: too many attempts");
            return Err(fail(AppError::TooManyAttempts, &back, &keep));
        }
    };
    let since = crate::db::now() - chrono::TimeDelta::minutes(WINDOW_MINUTES);
    let from_address = accounts::address_failures(&ctx.db, &address, since).await?;
    tokio::time::sleep(wait + unit * address_delay_units(from_address)).await;

    let creds = accounts::credentials(&ctx.db, email).await?;
    let usable = creds.as_ref().filter(|c| !c.disabled);
    let Ok(ok) = verify_password(
        &ctx.hashing,
        password,
        usable.map(|c| c.password_hash.clone()),
    )
    .await
    else {
        tracing::warn!(%address, "sign-in refused: too many passwords being checked");
        return Err(fail(AppError::Busy, &back, &keep));
    };
    let demo_refused = ok && usable.is_some_and(|c| c.is_demo) && !ctx.settings.demo_mode;
    let user = match usable {
        Some(c) if ok && !demo_refused => c,
        _ => {
            let reason = match &creds {
                Some(c) if c.disabled => "account disabled",
                Some(_) if demo_refused => "demo sign-ins are off",
                _ => "wrong password",
            };
            let account = creds.as_ref().map(accounts::Credentials::account);
            accounts::record_failure(&ctx.db, email, &address, account, reason).await?;
            let message = if demo_refused {
                "Demo sign-ins are switched off on this installation"
            } else {
                "The email address or password is not right"
            };
            return Err(fail(AppError::field("email", message), &back, &keep));
        }
    };

    // Someone who uses a second factor (or whose role requires one) is not signed in yet: a
    // short session lets them give their code (or set the factor up) and nothing else. The
    // pair's attempts are not cleared until the code is right, so codes are throttled too.
    if let Some((stage, to)) = second_factor_stage(&ctx, user.id, next.as_deref()).await? {
        let mut tx = ctx.db.begin().await?;
        let cookie = super::start_session_at(&mut tx, &ctx, user.id, stage).await?;
        tx.commit().await?;
        super::set_cookie(&cookie);
        tracing::info!(
            user_id = user.id,
            stage = stage.as_str(),
            "password accepted; second factor asked for"
        );
        succeed(&to, None);
        return Ok(to);
    }

    // A new session id at every sign-in: the old one (if any) ends.
    let mut tx = ctx.db.begin().await?;
    accounts::record_success(&mut tx, email, &address, user.account()).await?;
    let cookie = super::start_session(&mut tx, &ctx, user.id).await?;
    tx.commit().await?;
    super::set_cookie(&cookie);
    tracing::info!(user_id = user.id, "signed in");
    let to = safe_next(next.as_deref());
    succeed(&to, None);
    Ok(to)
}

/// Signs out: the session ends on the server (recorded in the audit trail) and the cookie is
/// cleared.
#[server(prefix = "/api", endpoint = "auth/sign-out")]
pub async fn sign_out() -> Result<String, AppError> {
    use crate::db::accounts;
    let ctx = super::context()?;
    let me = super::current_user();
    let who = me.principal.or(me.pending.map(|p| p.principal));
    if let (Some(hash), Some(who)) = (me.session, who) {
        let mut tx = ctx.db.begin().await?;
        accounts::delete_session_in(&mut tx, &hash).await?;
        let account = accounts::Account {
            id: who.user_id,
            display_name: &who.display_name,
        };
        accounts::record_sign_out(&mut tx, account, &super::client_address()).await?;
        tx.commit().await?;
    }
    super::set_cookie(&crate::auth::clear_session_cookie(
        ctx.settings.secure_cookies,
    ));
    super::succeed("/", Some("You have signed out."));
    Ok("/".into())
}

/// One's own account.
#[server(prefix = "/api", endpoint = "account", input = GetUrl)]
pub async fn my_account() -> Result<Principal, AppError> {
    use crate::domain::auth::{Action, Target};
    super::authorise_signed_in(Action::ViewOwnAccount, Target::Trust)
}

/// Changes one's own password. Every session of the account ends except a fresh one for this
/// browser.
#[server(prefix = "/api", endpoint = "account/password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<String, AppError> {
    use super::{fail, succeed};
    use crate::auth::verify_password;
    use crate::db::accounts;
    use crate::domain::auth::{Action, NewPassword, Target};
    use crate::error::FieldError;

    let me = super::authorise_signed_in(Action::ChangeOwnPassword, Target::Trust)?;
    let ctx = super::context()?;
    let back = "/account";
    let mut errors = Vec::new();
    let stored = accounts::password_hash(&ctx.db, me.user_id).await?;
    if current_password.is_empty() {
        errors.push(FieldError::new(
            "current-password",
            "Enter your current password",
        ));
    } else {
        match verify_password(&ctx.hashing, current_password, stored).await {
            Ok(true) => {}
            Ok(false) => errors.push(FieldError::new(
                "current-password",
                "Your current password is not right",
            )),
            Err(_) => return Err(fail(AppError::Busy, back, &[])),
        }
    }
    let new = NewPassword::parse(&new_password)
        .map_err(|e| errors.push(FieldError::new("new-password", e.0)));
    if new.is_ok() && new_password != confirm_password {
        errors.push(FieldError::new(
            "confirm-password",
            "The passwords do not match",
        ));
    }
    let (Ok(new), true) = (new, errors.is_empty()) else {
        return Err(fail(AppError::Invalid(errors), back, &[]));
    };
    let hash = super::hash_new_password(&new).await?;
    let mut tx = ctx.db.begin().await?;
    let summary = format!(
        "{} changed their password; their other sessions ended",
        me.display_name
    );
    accounts::replace_password(&mut tx, &super::actor(&me), me.user_id, &hash, summary).await?;
    let cookie = super::start_session(&mut tx, &ctx, me.user_id).await?;
    tx.commit().await?;
    super::set_cookie(&cookie);
    let notice = "Your password has been changed. You have been signed out everywhere else.";
    succeed(back, Some(notice));
    Ok(notice.into())
}

/// A demo sign-in offered on the sign-in page.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DemoSignIn {
    pub email: String,
    pub display_name: String,
    pub roles: String,
}

/// The demo sign-ins, when demo mode is on (none otherwise). Their password is public.
#[server(prefix = "/api", endpoint = "auth/demo-sign-ins", input = GetUrl)]
pub async fn demo_sign_ins() -> Result<(Vec<DemoSignIn>, String), AppError> {
    let ctx = super::context()?;
    if !ctx.settings.demo_mode {
        return Ok((vec![], String::new()));
    }
    let users = crate::db::accounts::list_users(&ctx.db).await?;
    let list = users
        .into_iter()
        .filter(|u| u.is_demo && !u.disabled)
        .map(|u| DemoSignIn {
            roles: u
                .roles
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            email: u.email,
            display_name: u.display_name,
        })
        .collect();
    Ok((list, DEMO_PASSWORD.to_string()))
}

/// The password of the generated demo sign-ins (accepted only in demo mode).
pub const DEMO_PASSWORD: &str = "trustboard-demo";
