//! The second factor: asked for after a correct password, set up (and turned off, when the
//! person's role allows) from their account, and reset by another administrator.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// One's own second factor, for the account's page that sets it up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecondFactorSetUp {
    pub enrolled: bool,
    /// The person's role requires one (so it cannot be turned off).
    pub required: bool,
    /// Signing in waits for this set-up (the person sees nothing else until it is done).
    pub signing_in: bool,
    pub recovery_codes_left: i64,
    /// While not set up: the secret in groups of four, for typing into an app.
    pub secret: Option<String>,
    /// While not set up: the QR code of the `otpauth://` address, as SVG.
    pub qr_svg: Option<String>,
}

/// The recovery codes given when the factor is set up, shown once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}

/// Another person's second factor, as an administrator sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonFactor {
    pub enrolled: bool,
    pub required: bool,
    pub recovery_codes_left: i64,
    /// The administrator is looking at their own page (which cannot be reset from here).
    pub own: bool,
}

#[cfg(feature = "ssr")]
mod server {
    use crate::api::{authorise_signed_in, current_user, ServerContext};
    use crate::domain::auth::second_factor::SessionStage;
    use crate::domain::auth::{authorise as decide, Action, Principal, Target};
    use crate::error::AppError;

    /// After a correct password: the stage `user_id`'s session starts at, and the page it goes
    /// to, if they must give a code (they have a factor) or set one up (their role requires it).
    pub async fn second_factor_stage(
        ctx: &ServerContext,
        user_id: i64,
        next: Option<&str>,
    ) -> Result<Option<(SessionStage, String)>, AppError> {
        use super::super::{encode_query_value, safe_next};
        use crate::db::accounts::{self, second_factor};
        let next = encode_query_value(&safe_next(next));
        if second_factor::enrolled(&ctx.db, user_id).await? {
            return Ok(Some((
                SessionStage::Code,
                format!("/sign-in/second-factor?next={next}"),
            )));
        }
        let roles = accounts::principal(&ctx.db, user_id)
            .await?
            .map(|p| p.roles)
            .unwrap_or_default();
        if ctx.settings.second_factor_roles.require(&roles) {
            return Ok(Some((
                SessionStage::Enrol,
                format!("/account/second-factor?next={next}"),
            )));
        }
        Ok(None)
    }

    /// The person setting up their own factor: someone signed in, or someone whose sign-in
    /// waits for them to set it up; with whether it is the latter. Decided by the rules table.
    pub fn own_factor_person(action: Action) -> Result<(Principal, bool), AppError> {
        let me = current_user();
        match me.pending {
            Some(p) if p.stage == SessionStage::Enrol && me.principal.is_none() => {
                decide(Some(&p.principal), action, Target::Trust).map_err(|_| {
                    tracing::warn!(action = action.as_str(), "refused");
                    AppError::Forbidden
                })?;
                Ok((p.principal, true))
            }
            _ => Ok((authorise_signed_in(action, Target::Trust)?, false)),
        }
    }

    /// The set-up page, keeping where a sign-in waiting for it goes next.
    pub fn own_factor_page(signing_in: bool, next: Option<String>) -> String {
        use super::super::{encode_query_value, safe_next};
        match (signing_in, next) {
            (true, Some(n)) => format!(
                "/account/second-factor?next={}",
                encode_query_value(&safe_next(Some(&n)))
            ),
            _ => "/account/second-factor".to_string(),
        }
    }
}

#[cfg(feature = "ssr")]
pub use server::second_factor_stage;

/// Signs in with the code from an authenticator app, or a recovery code, after the password.
/// Wrong codes are throttled and audited as failed sign-ins, like wrong passwords.
#[server(prefix = "/api", endpoint = "auth/second-factor")]
pub async fn second_factor_sign_in(code: String, next: Option<String>) -> Result<String, AppError> {
    use super::{encode_query_value, safe_next};
    use crate::api::{actor, client_address, context, current_user, fail, start_session, succeed};
    use crate::auth::second_factor::{matching_step, recovery_hash, unix_now};
    use crate::auth::throttle::{address_delay_units, Turn, WINDOW_MINUTES};
    use crate::db::accounts::{self, second_factor, Account};
    use crate::domain::auth::second_factor::{EnteredCode, SessionStage};

    let ctx = context()?;
    let me = current_user();
    let to = safe_next(next.as_deref());
    let back = format!("/sign-in/second-factor?next={}", encode_query_value(&to));
    let Some(pending) = me.pending.filter(|p| p.stage == SessionStage::Code) else {
        if me.principal.is_some() {
            succeed(&to, None);
            return Ok(to);
        }
        return Err(AppError::Unauthenticated);
    };
    let p = &pending.principal;
    let entered =
        EnteredCode::parse(&code).map_err(|e| fail(AppError::field("code", e.0), &back, &[]))?;

    let address = client_address();
    let unit = ctx.settings.throttle_unit;
    let wait = match accounts::reserve_turn(&ctx.db, &p.email, &address, unit).await? {
        Turn::Go { wait, .. } => wait,
        Turn::Refuse { retry_after } => {
            tracing::warn!(%address, ?retry_after, "code refused for now: too many attempts");
            return Err(fail(AppError::TooManyAttempts, &back, &[]));
        }
    };
    let since = crate::db::now() - chrono::TimeDelta::minutes(WINDOW_MINUTES);
    let from_address = accounts::address_failures(&ctx.db, &address, since).await?;
    tokio::time::sleep(wait + unit * address_delay_units(from_address)).await;

    enum Outcome {
        Code,
        Recovery(i64),
        Wrong,
        Reused,
    }
    let outcome = match entered {
        EnteredCode::OneTime(code) => {
            let factor = second_factor::factor(&ctx.db, p.user_id)
                .await?
                .filter(|f| f.enrolled_at.is_some());
            match factor.and_then(|f| matching_step(&f.secret, &code, unix_now())) {
                Some(step) => match i64::try_from(step) {
                    Ok(step) if second_factor::use_step(&ctx.db, p.user_id, step).await? => {
                        Outcome::Code
                    }
                    _ => Outcome::Reused,
                },
                None => Outcome::Wrong,
            }
        }
        EnteredCode::Recovery(code) => {
            match second_factor::claim_recovery_code(&ctx.db, p.user_id, &recovery_hash(&code))
                .await?
            {
                Some(left) => Outcome::Recovery(left),
                None => Outcome::Wrong,
            }
        }
    };
    let account = Account {
        id: p.user_id,
        display_name: &p.display_name,
    };
    let message = match outcome {
        Outcome::Wrong => Some(("wrong code", "The code is not right. Enter the code your authenticator app shows now, or one of your recovery codes")),
        Outcome::Reused => Some(("code already used", "That code has already been used. Wait for your authenticator app to show the next one")),
        _ => None,
    };
    if let Some((reason, message)) = message {
        accounts::record_failure(&ctx.db, &p.email, &address, Some(account), reason).await?;
        return Err(fail(AppError::field("code", message), &back, &[]));
    }
    let mut tx = ctx.db.begin().await?;
    if let Outcome::Recovery(left) = outcome {
        second_factor::record_recovery_code_use(&mut tx, &actor(p), p.user_id, left).await?;
    }
    accounts::record_success(&mut tx, &p.email, &address, account).await?;
    let cookie = start_session(&mut tx, &ctx, p.user_id).await?;
    tx.commit().await?;
    crate::api::set_cookie(&cookie);
    tracing::info!(user_id = p.user_id, "signed in with a second factor");
    succeed(&to, None);
    Ok(to)
}

/// One's own second factor; while it is being set up, its secret as a QR code and as text.
/// Only reads: the secret is made by [`start_second_factor`].
#[server(prefix = "/api", endpoint = "account/second-factor", input = GetUrl)]
pub async fn my_second_factor() -> Result<SecondFactorSetUp, AppError> {
    use crate::api::context;
    use crate::auth::second_factor::{otpauth_uri, qr_svg};
    use crate::db::accounts::second_factor;
    use crate::domain::auth::second_factor::group_in_fours;
    use crate::domain::auth::Action;

    let (me, signing_in) = server::own_factor_person(Action::ManageOwnSecondFactor)?;
    let ctx = context()?;
    let required = ctx.settings.second_factor_roles.require(&me.roles);
    let factor = second_factor::factor(&ctx.db, me.user_id).await?;
    let enrolled = factor.as_ref().is_some_and(|f| f.enrolled_at.is_some());
    let secret = factor.filter(|f| f.enrolled_at.is_none()).map(|f| f.secret);
    let qr = secret
        .as_deref()
        .and_then(|s| otpauth_uri(s, &me.email))
        .and_then(|uri| qr_svg(&uri));
    Ok(SecondFactorSetUp {
        enrolled,
        required,
        signing_in,
        recovery_codes_left: second_factor::recovery_codes_left(&ctx.db, me.user_id).await?,
        secret: secret.as_deref().map(group_in_fours),
        qr_svg: qr,
    })
}

/// Starts setting up one's own factor: a secret is made and kept (starting again keeps the same
/// one, so the QR code does not change under the person) until a code from it confirms it.
#[server(prefix = "/api", endpoint = "account/second-factor/start")]
pub async fn start_second_factor(next: Option<String>) -> Result<String, AppError> {
    use crate::api::{context, succeed};
    use crate::auth::second_factor::new_secret;
    use crate::db::accounts::second_factor;
    use crate::domain::auth::Action;

    let (me, signing_in) = server::own_factor_person(Action::ManageOwnSecondFactor)?;
    let ctx = context()?;
    second_factor::begin_enrolment(&ctx.db, me.user_id, &new_secret()).await?;
    let to = server::own_factor_page(signing_in, next);
    succeed(&to, None);
    Ok(to)
}

/// Confirms the set-up with a code from the app: the factor counts from now and ten recovery
/// codes are shown once. A sign-in that waited for this set-up is complete.
#[server(prefix = "/api", endpoint = "account/second-factor/confirm")]
pub async fn confirm_second_factor(code: String, next: Option<String>) -> Result<String, AppError> {
    use crate::api::{actor, client_address, context, fail, start_session, succeed_with_form};
    use crate::auth::second_factor::{matching_step, new_recovery_codes, recovery_hash, unix_now};
    use crate::db::accounts::{self, second_factor, Account};
    use crate::domain::auth::second_factor::{show_recovery_code, EnteredCode};
    use crate::domain::auth::Action;

    let (me, signing_in) = server::own_factor_person(Action::ManageOwnSecondFactor)?;
    let ctx = context()?;
    let back = "/account/second-factor";
    let code = EnteredCode::parse_one_time(&code)
        .map_err(|e| fail(AppError::field("code", e.0), back, &[]))?;
    let pending = second_factor::factor(&ctx.db, me.user_id)
        .await?
        .filter(|f| f.enrolled_at.is_none());
    let Some(factor) = pending else {
        return Err(fail(
            AppError::field("code", "Your second factor is already set up"),
            back,
            &[],
        ));
    };
    let step = matching_step(&factor.secret, &code, unix_now()).and_then(|s| i64::try_from(s).ok());
    let Some(step) = step else {
        return Err(fail(
            AppError::field(
                "code",
                "The code is not right. Check that your phone's clock is right and enter the code your app shows now",
            ),
            back,
            &[],
        ));
    };
    let codes = new_recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| recovery_hash(c)).collect();
    let mut tx = ctx.db.begin().await?;
    if !second_factor::confirm_enrolment(&mut tx, &actor(&me), me.user_id, step, &hashes).await? {
        return Err(fail(
            AppError::field("code", "Your second factor is already set up"),
            back,
            &[],
        ));
    }
    if signing_in {
        let address = client_address();
        let account = Account {
            id: me.user_id,
            display_name: &me.display_name,
        };
        accounts::record_success(&mut tx, &me.email, &address, account).await?;
        let cookie = start_session(&mut tx, &ctx, me.user_id).await?;
        tx.commit().await?;
        crate::api::set_cookie(&cookie);
    } else {
        tx.commit().await?;
    }
    let to = server::own_factor_page(signing_in, next);
    let shown = super::RecoveryCodes {
        codes: codes.iter().map(|c| show_recovery_code(c)).collect(),
    };
    succeed_with_form(&to, "Your second factor is set up", &shown);
    Ok(to)
}

/// Turns one's own second factor off (the password confirms it), unless one's role requires it.
#[server(prefix = "/api", endpoint = "account/second-factor/off")]
pub async fn turn_off_second_factor(password: String) -> Result<String, AppError> {
    use crate::api::{actor, authorise_signed_in, context, fail, succeed};
    use crate::auth::verify_password;
    use crate::db::accounts::{self, second_factor};
    use crate::domain::auth::{Action, Target};

    let me = authorise_signed_in(Action::ManageOwnSecondFactor, Target::Trust)?;
    let ctx = context()?;
    let back = "/account/second-factor";
    if ctx.settings.second_factor_roles.require(&me.roles) {
        return Err(fail(
            AppError::field(
                "password",
                "Your role requires a second factor, so it cannot be turned off",
            ),
            back,
            &[],
        ));
    }
    if password.is_empty() {
        return Err(fail(
            AppError::field("password", "Enter your password"),
            back,
            &[],
        ));
    }
    let stored = accounts::password_hash(&ctx.db, me.user_id).await?;
    match verify_password(&ctx.hashing, password, stored).await {
        Ok(true) => {}
        Ok(false) => {
            return Err(fail(
                AppError::field("password", "Your password is not right"),
                back,
                &[],
            ))
        }
        Err(_) => return Err(fail(AppError::Busy, back, &[])),
    }
    let mut tx = ctx.db.begin().await?;
    let summary = format!("{} turned their second factor off", me.display_name);
    let removed = second_factor::remove(&mut tx, &actor(&me), me.user_id, false, summary).await?;
    tx.commit().await?;
    let notice = if removed {
        "Your second factor is off"
    } else {
        "You had no second factor"
    };
    succeed(back, Some(notice));
    Ok(notice.into())
}

/// Another person's second factor, for their page.
#[server(prefix = "/api", endpoint = "admin/person/second-factor", input = GetUrl)]
pub async fn person_second_factor(id: i64) -> Result<PersonFactor, AppError> {
    use crate::api::{authorise_signed_in, context};
    use crate::db::accounts::{self, second_factor};
    use crate::domain::auth::{Action, Target};

    let me = authorise_signed_in(Action::ResetSecondFactor, Target::Trust)?;
    let ctx = context()?;
    let person = accounts::user(&ctx.db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("person".into()))?;
    Ok(PersonFactor {
        enrolled: second_factor::enrolled(&ctx.db, id).await?,
        required: ctx.settings.second_factor_roles.require(&person.roles),
        recovery_codes_left: second_factor::recovery_codes_left(&ctx.db, id).await?,
        own: me.user_id == id,
    })
}

/// Resets another person's second factor (never one's own): it and their recovery codes are
/// removed and their sessions end; they set it up again when they next sign in (if their role
/// requires it). Audited.
#[server(prefix = "/api", endpoint = "admin/person/second-factor/reset")]
pub async fn reset_second_factor(user_id: i64) -> Result<String, AppError> {
    use crate::api::{actor, authorise_signed_in, context, fail, succeed};
    use crate::db::accounts::{self, second_factor};
    use crate::domain::auth::{Action, Target};

    let me = authorise_signed_in(Action::ResetSecondFactor, Target::Trust)?;
    let ctx = context()?;
    let back = format!("/admin/people/{user_id}");
    if me.user_id == user_id {
        return Err(fail(
            AppError::field(
                "reset",
                "You cannot reset your own second factor: another administrator must",
            ),
            &back,
            &[],
        ));
    }
    let person = accounts::user(&ctx.db, user_id)
        .await?
        .ok_or_else(|| AppError::NotFound("person".into()))?;
    let mut tx = ctx.db.begin().await?;
    let summary = format!(
        "{} reset {}'s second factor: their sessions ended, and they set it up again when they next sign in",
        me.display_name, person.display_name
    );
    let removed = second_factor::remove(&mut tx, &actor(&me), user_id, true, summary).await?;
    tx.commit().await?;
    let notice = if removed {
        format!(
            "{}'s second factor has been reset. They set it up again when they next sign in.",
            person.display_name
        )
    } else {
        format!("{} had no second factor to reset", person.display_name)
    };
    succeed(&back, Some(&notice));
    Ok(notice)
}
