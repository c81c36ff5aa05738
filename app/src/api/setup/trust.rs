//! The Trust's details.

use crate::domain::setup::TrustForm;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The Trust's details as held (blank before set-up).
#[server(prefix = "/api", endpoint = "setup/trust", input = GetUrl)]
pub async fn get_trust_form() -> Result<(TrustForm, bool), AppError> {
    use crate::domain::auth::{Action, Target};
    crate::api::authorise_signed_in(Action::ManageSetUp, Target::Trust)?;
    let ctx = crate::api::context()?;
    Ok(match crate::db::setup::trust::held(&ctx.db).await? {
        Some(t) => (TrustForm::of(&t), true),
        None => (TrustForm::default(), false),
    })
}

/// Sets the Trust up, or changes its details.
#[server(prefix = "/api", endpoint = "setup/trust/save")]
pub async fn save_trust(#[server(default)] form: TrustForm) -> Result<i64, AppError> {
    use crate::api::{actor, authorise_signed_in, context, fail_form, succeed};
    use crate::db::setup::Refusal;
    use crate::domain::auth::{Action, Target};
    let me = authorise_signed_in(Action::ManageSetUp, Target::Trust)?;
    let ctx = context()?;
    let back = "/admin/setup/trust";
    let input = form
        .parse()
        .map_err(|p| fail_form(crate::api::plans::guard::invalid(p), back, &form))?;
    let mut tx = ctx.db.begin().await?;
    let id = match crate::db::setup::trust::save(&mut tx, &actor(&me), &input).await? {
        Ok(id) => id,
        Err(Refusal::Field(f, m)) => return Err(fail_form(AppError::field(f, m), back, &form)),
        Err(Refusal::Conflict(m)) => return Err(fail_form(AppError::Conflict(m), back, &form)),
    };
    tx.commit().await?;
    succeed(
        "/admin/setup",
        Some(&format!("{}'s details have been saved.", input.name)),
    );
    Ok(id)
}
