//! A new person chooses their own password with the one-time link an administrator passed on
//! (or that was e-mailed to them). Nobody is signed in yet: the link is the authority.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// Who a link is for, or why it no longer works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkState {
    Valid { name: String, email: String },
    Used,
    Expired,
    Unknown,
}

#[server(prefix = "/api", endpoint = "password-link", input = GetUrl)]
pub async fn password_link(token: String) -> Result<LinkState, AppError> {
    use crate::db::setup::password_links::{find, Link};
    let ctx = crate::api::context()?;
    Ok(match find(&ctx.db, &token).await? {
        Link::Valid(_, name, email) => LinkState::Valid { name, email },
        Link::Used => LinkState::Used,
        Link::Expired => LinkState::Expired,
        Link::Unknown => LinkState::Unknown,
    })
}

/// Sets the person's password from their link, signs them in and takes them to the first page.
#[server(prefix = "/api", endpoint = "password-link/choose")]
pub async fn choose_password(
    token: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::api::{context, fail, set_cookie, start_session, succeed};
    use crate::db::setup::password_links::{find, redeem, Link};
    use crate::domain::auth::NewPassword;
    use crate::error::FieldError;
    let ctx = context()?;
    let back = format!("/set-password/{token}");
    let user_id = match find(&ctx.db, &token).await? {
        Link::Valid(id, _, _) => id,
        Link::Used => {
            return Err(fail(
                AppError::Conflict("This link has been used already: sign in with the password you chose, or ask your Trust administrator for a new link.".into()),
                &back,
                &[],
            ))
        }
        Link::Expired => {
            return Err(fail(
                AppError::Conflict("This link has expired: ask your Trust administrator for a new one.".into()),
                &back,
                &[],
            ))
        }
        Link::Unknown => return Err(AppError::NotFound("That link".into())),
    };
    let mut errors = Vec::new();
    let new = NewPassword::parse(&new_password)
        .map_err(|e| errors.push(FieldError::new("new-password", e.0)));
    if new.is_ok() && new_password != confirm_password {
        errors.push(FieldError::new(
            "confirm-password",
            "The passwords do not match",
        ));
    }
    let (Ok(new), true) = (new, errors.is_empty()) else {
        return Err(fail(AppError::Invalid(errors), &back, &[]));
    };
    let hash = crate::api::hash_new_password(&new).await?;
    let mut tx = ctx.db.begin().await?;
    if !redeem(&mut tx, &token, &hash).await? {
        return Err(fail(
            AppError::Conflict("This link has just been used or has expired: ask your Trust administrator for a new one.".into()),
            &back,
            &[],
        ));
    }
    let cookie = start_session(&mut tx, &ctx, user_id).await?;
    tx.commit().await?;
    set_cookie(&cookie);
    succeed(
        "/",
        Some("Your password has been set and you are signed in."),
    );
    Ok(())
}
