//! Signing in and out, and one's own account.

use crate::domain::auth::Principal;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Where to go after signing in: a path on this site, never another site.
pub fn safe_next(next: Option<&str>) -> String {
    match next.map(str::trim) {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && !n.starts_with("/api/") =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

/// Percent-encodes a value for a URL's query string (letters, digits and `-._~/` stay as they
/// are).
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

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
    use crate::auth::verify_password;
    use crate::db::accounts;
    use crate::domain::audit::{throttle, Throttle, THROTTLE_WINDOW_MINUTES};
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
    let since = crate::db::now() - chrono::TimeDelta::minutes(THROTTLE_WINDOW_MINUTES);
    let (by_account, by_address) =
        accounts::recent_failures(&ctx.db, email_addr.as_str(), &address, since).await?;
    match throttle(by_account, by_address) {
        Throttle::Refuse => {
            tracing::warn!(%address, "sign-in refused: too many failures");
            return Err(fail(AppError::TooManyAttempts, &back, &keep));
        }
        Throttle::Delay(units) => tokio::time::sleep(ctx.settings.throttle_unit * units).await,
        Throttle::Allow => {}
    }

    let creds = accounts::credentials(&ctx.db, email_addr.as_str()).await?;
    let usable = creds.as_ref().filter(|c| !c.disabled);
    let ok = verify_password(password, usable.map(|c| c.password_hash.clone())).await;
    let demo_refused = ok && usable.is_some_and(|c| c.is_demo) && !ctx.settings.demo_mode;
    accounts::record_attempt(&ctx.db, email_addr.as_str(), &address, ok && !demo_refused).await?;
    let user_id = match usable {
        Some(c) if ok && !demo_refused => c.id,
        _ => {
            let message = if demo_refused {
                "Demo sign-ins are switched off on this installation"
            } else {
                "The email address or password is not right"
            };
            return Err(fail(AppError::field("email", message), &back, &keep));
        }
    };

    // A new session id at every sign-in: the old one (if any) ends.
    let mut tx = ctx.db.begin().await?;
    let cookie = super::start_session(&mut tx, &ctx, user_id).await?;
    tx.commit().await?;
    super::set_cookie(&cookie);
    tracing::info!(user_id, "signed in");
    let to = safe_next(next.as_deref());
    succeed(&to, None);
    Ok(to)
}

/// Signs out: the session ends on the server and the cookie is cleared.
#[server(prefix = "/api", endpoint = "auth/sign-out")]
pub async fn sign_out() -> Result<String, AppError> {
    let ctx = super::context()?;
    if let Some(hash) = super::current_user().session {
        crate::db::accounts::delete_session(&ctx.db, &hash).await?;
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
    } else if !verify_password(current_password, stored).await {
        errors.push(FieldError::new(
            "current-password",
            "Your current password is not right",
        ));
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

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/admin/people")), "/admin/people");
        assert_eq!(safe_next(Some("https://evil.example/")), "/");
        assert_eq!(safe_next(Some("//evil.example/")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("/api/auth/sign-out")), "/");
        assert_eq!(safe_next(None), "/");
        assert_eq!(
            super::encode_query_value("/audit?entity_type=x&page=2"),
            "/audit%3Fentity_type%3Dx%26page%3D2"
        );
    }
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
