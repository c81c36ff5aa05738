//! Partnerships: created, renamed or given other areas, retired.

use crate::domain::setup::{KnownArea, PartnershipDetail, PartnershipForm, PartnershipListed};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// The partnerships page: every partnership, and the areas a new one may cover.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnershipsSetUp {
    pub partnerships: Vec<PartnershipListed>,
    pub areas: Vec<KnownArea>,
    pub trust_set_up: bool,
}

#[server(prefix = "/api", endpoint = "setup/partnerships", input = GetUrl)]
pub async fn setup_partnerships() -> Result<PartnershipsSetUp, AppError> {
    use crate::domain::auth::{Action, Target};
    crate::api::authorise_signed_in(Action::ManageSetUp, Target::Trust)?;
    let ctx = crate::api::context()?;
    Ok(PartnershipsSetUp {
        partnerships: crate::db::setup::partnerships::list(&ctx.db).await?,
        areas: crate::db::setup::partnerships::known_areas(&ctx.db).await?,
        trust_set_up: crate::db::reference::trust(&ctx.db).await?.is_some(),
    })
}

/// One partnership's set-up page.
#[server(prefix = "/api", endpoint = "setup/partnership", input = GetUrl)]
pub async fn setup_partnership(
    slug: String,
) -> Result<(PartnershipDetail, Vec<KnownArea>), AppError> {
    use crate::domain::auth::{Action, Target};
    crate::api::authorise_signed_in(Action::ManageSetUp, Target::Trust)?;
    let ctx = crate::api::context()?;
    let detail = crate::db::setup::partnerships::detail(&ctx.db, &slug)
        .await?
        .ok_or_else(|| AppError::NotFound("That partnership".into()))?;
    Ok((
        detail,
        crate::db::setup::partnerships::known_areas(&ctx.db).await?,
    ))
}

#[cfg(feature = "ssr")]
fn refused(r: crate::db::setup::Refusal, back: &str, form: &PartnershipForm) -> AppError {
    use crate::db::setup::Refusal;
    let err = match r {
        Refusal::Field(f, m) => AppError::field(f, m),
        Refusal::Conflict(m) => AppError::Conflict(m),
    };
    crate::api::fail_form(err, back, form)
}

/// Creates a partnership covering the districts or wards named.
#[server(prefix = "/api", endpoint = "setup/partnerships/create")]
pub async fn create_partnership(
    #[server(default)] form: PartnershipForm,
) -> Result<String, AppError> {
    use crate::api::{actor, authorise_signed_in, context, fail_form, succeed};
    use crate::domain::auth::{Action, Target};
    let me = authorise_signed_in(Action::ManageSetUp, Target::Trust)?;
    let ctx = context()?;
    let back = "/admin/setup/partnerships/new";
    let Some(trust) = crate::db::reference::trust(&ctx.db).await? else {
        return Err(fail_form(
            AppError::Conflict("Set the Trust up first: its name, county and districts.".into()),
            back,
            &form,
        ));
    };
    let known = crate::db::setup::partnerships::known_areas(&ctx.db).await?;
    let input = form
        .parse(&known)
        .map_err(|p| fail_form(crate::api::plans::guard::invalid(p), back, &form))?;
    let mut tx = ctx.db.begin().await?;
    match crate::db::setup::partnerships::create(&mut tx, &actor(&me), trust.id, &input).await? {
        Ok(_) => {}
        Err(r) => return Err(refused(r, back, &form)),
    }
    tx.commit().await?;
    let to = format!("/admin/setup/partnerships/{}", input.slug);
    succeed(&to, Some(&format!("{} has been created.", input.name)));
    Ok(input.slug)
}

/// Renames a partnership or changes the areas it covers.
#[server(prefix = "/api", endpoint = "setup/partnerships/update")]
pub async fn update_partnership(
    slug: String,
    #[server(default)] form: PartnershipForm,
) -> Result<(), AppError> {
    use crate::api::{actor, authorise_signed_in, context, fail_form, succeed};
    use crate::domain::auth::{Action, Target};
    let me = authorise_signed_in(Action::ManageSetUp, Target::Trust)?;
    let ctx = context()?;
    let back = format!("/admin/setup/partnerships/{slug}");
    let (id, _) = crate::db::reference::partnership_by_slug(&ctx.db, &slug)
        .await?
        .ok_or_else(|| AppError::NotFound("That partnership".into()))?;
    let known = crate::db::setup::partnerships::known_areas(&ctx.db).await?;
    let input = form
        .parse(&known)
        .map_err(|p| fail_form(crate::api::plans::guard::invalid(p), &back, &form))?;
    let mut tx = ctx.db.begin().await?;
    if let Err(r) = crate::db::setup::partnerships::update(&mut tx, &actor(&me), id, &input).await?
    {
        return Err(refused(r, &back, &form));
    }
    tx.commit().await?;
    succeed(&back, Some(&format!("{} has been saved.", input.name)));
    Ok(())
}

/// Retires a partnership (its plans and history stay), or brings it back.
#[server(prefix = "/api", endpoint = "setup/partnerships/retire")]
pub async fn retire_partnership(slug: String, retired: bool) -> Result<(), AppError> {
    use crate::api::{actor, authorise_signed_in, context, fail, succeed};
    use crate::db::setup::Refusal;
    use crate::domain::auth::{Action, Target};
    let me = authorise_signed_in(Action::ManageSetUp, Target::Trust)?;
    let ctx = context()?;
    let back = format!("/admin/setup/partnerships/{slug}");
    let (id, name) = crate::db::reference::partnership_by_slug(&ctx.db, &slug)
        .await?
        .ok_or_else(|| AppError::NotFound("That partnership".into()))?;
    let mut tx = ctx.db.begin().await?;
    if let Err(r) =
        crate::db::setup::partnerships::set_retired(&mut tx, &actor(&me), id, retired).await?
    {
        let m = match r {
            Refusal::Field(_, m) | Refusal::Conflict(m) => m,
        };
        return Err(fail(AppError::Conflict(m), &back, &[]));
    }
    tx.commit().await?;
    succeed(
        &back,
        Some(&if retired {
            format!("{name} has been retired. Its plans and history are kept.")
        } else {
            format!("{name} is active again.")
        }),
    );
    Ok(())
}
