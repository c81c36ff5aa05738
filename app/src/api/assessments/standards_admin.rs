//! The standards and grades of each year, as administrators set them.

use crate::domain::assessment::{ScaleForm, StandardDefinitionForm, StandardSet};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StandardsView {
    pub year: i32,
    /// `None` until the year is set up.
    pub set: Option<StandardSet>,
    /// The years with standards, newest first.
    pub years: Vec<i32>,
    /// The year a new year's standards would be copied from (`None`: the defaults).
    pub copies_from: Option<i32>,
}

/// The address of a year's standards.
pub fn standards_base(year: i32) -> String {
    format!("/admin/standards/{year}")
}

#[server(prefix = "/api", endpoint = "admin/standards", input = GetUrl)]
pub async fn get_standards(year: i32) -> Result<StandardsView, AppError> {
    use crate::db::assessments as repo;
    use crate::domain::auth::{Action, Target};
    crate::api::authorise_signed_in(Action::ManageStandards, Target::Trust)?;
    let ctx = crate::api::context()?;
    let years = repo::years(&ctx.db).await?;
    // 0: this cycle's year when it has standards, else the latest that has.
    let year = match year {
        0 => super::default_year(&years, ctx.today()),
        y => crate::domain::assessment::parse_year(y)
            .map_err(|_| AppError::NotFound("That year".into()))?,
    };
    Ok(StandardsView {
        year,
        set: repo::load_set(&ctx.db, year).await?,
        copies_from: years.iter().copied().find(|y| *y < year),
        years,
    })
}

fn admin_year(year: i32) -> Result<i32, AppError> {
    crate::domain::assessment::parse_year(year).map_err(|e| AppError::field("year", e.0))
}

/// Sets up a year's standards from the year before (or the defaults).
#[server(prefix = "/api", endpoint = "admin/standards/set-up")]
pub async fn set_up_standards(year: i32) -> Result<(), AppError> {
    use crate::api::{actor, succeed};
    use crate::domain::auth::{Action, Target};
    let me = crate::api::authorise_signed_in(Action::ManageStandards, Target::Trust)?;
    let ctx = crate::api::context()?;
    let year = admin_year(year)?;
    let mut tx = ctx.db.begin().await?;
    let made = crate::db::assessments::ensure_set(&mut tx, &actor(&me), year).await?;
    tx.commit().await?;
    let notice = match made {
        Some(Some(from)) => format!("The {year} standards have been set up from {from}'s."),
        Some(None) => format!("The {year} standards have been set up from the defaults."),
        None => format!("The {year} standards were already set up."),
    };
    succeed(&standards_base(year), Some(&notice));
    Ok(())
}

/// Renames a year's four grades.
#[server(prefix = "/api", endpoint = "admin/standards/scale")]
pub async fn save_scale(
    year: i32,
    revision: i64,
    #[server(default)] form: ScaleForm,
) -> Result<i64, AppError> {
    use super::guard::{invalid, refusal};
    use crate::api::{actor, fail_form, succeed};
    use crate::domain::auth::{Action, Target};
    let me = crate::api::authorise_signed_in(Action::ManageStandards, Target::Trust)?;
    let ctx = crate::api::context()?;
    let year = admin_year(year)?;
    let back = format!("{}/grades", standards_base(year));
    let scale = form
        .parse()
        .map_err(|p| fail_form(invalid(p, ""), &back, &form))?;
    let mut tx = ctx.db.begin().await?;
    match crate::db::assessments::save_scale(&mut tx, &actor(&me), year, revision, &scale).await? {
        Ok(rev) => {
            tx.commit().await?;
            succeed(&standards_base(year), Some("The grades have been renamed."));
            Ok(rev)
        }
        Err(r) => Err(fail_form(refusal(r, "the grades", None), &back, &form)),
    }
}

/// Adds a standard to a year (`standard_id` 0) or changes one.
#[server(prefix = "/api", endpoint = "admin/standards/save")]
pub async fn save_standard_definition(
    year: i32,
    standard_id: i64,
    revision: i64,
    #[server(default)] form: StandardDefinitionForm,
) -> Result<i64, AppError> {
    use super::guard::{invalid, refusal};
    use crate::api::{actor, fail_form, succeed};
    use crate::db::assessments as repo;
    use crate::domain::auth::{Action, Target};
    let me = crate::api::authorise_signed_in(Action::ManageStandards, Target::Trust)?;
    let ctx = crate::api::context()?;
    let year = admin_year(year)?;
    let id = (standard_id > 0).then_some(standard_id);
    let back = match id {
        Some(id) => format!("{}/{id}", standards_base(year)),
        None => format!("{}/new", standards_base(year)),
    };
    let set = repo::load_set(&ctx.db, year)
        .await?
        .ok_or_else(|| AppError::NotFound("That year's standards".into()))?;
    let def = form
        .parse(&set.scale)
        .map_err(|p| fail_form(invalid(p, ""), &back, &form))?;
    let mut tx = ctx.db.begin().await?;
    match repo::save_standard(&mut tx, &actor(&me), year, id, revision, &def).await? {
        Ok(saved) => {
            tx.commit().await?;
            succeed(
                &standards_base(year),
                Some(&format!("“{}” has been saved.", def.title)),
            );
            Ok(saved)
        }
        Err(r) => {
            drop(tx);
            let now = match id {
                Some(id) => repo::load_set(&ctx.db, year).await?.and_then(|s| {
                    s.standard(id).map(|x| {
                        let saved = StandardDefinitionForm::from_saved(x);
                        (shown(&saved), shown(&form))
                    })
                }),
                None => None,
            };
            Err(fail_form(refusal(r, "this standard", now), &back, &form))
        }
    }
}

#[cfg(feature = "ssr")]
fn shown(f: &StandardDefinitionForm) -> crate::domain::plan::Shown {
    type F = StandardDefinitionForm;
    vec![
        (F::title, f.title.clone()),
        (F::covers, f.covers.clone()),
        (F::descriptor_1, f.descriptor_1.clone()),
        (F::descriptor_2, f.descriptor_2.clone()),
        (F::descriptor_3, f.descriptor_3.clone()),
        (F::descriptor_4, f.descriptor_4.clone()),
    ]
}

/// Removes a standard nobody has started answering, once confirmed.
#[server(prefix = "/api", endpoint = "admin/standards/remove")]
pub async fn remove_standard(
    year: i32,
    standard_id: i64,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use super::guard::refusal;
    use crate::api::{actor, fail, succeed};
    use crate::domain::auth::{Action, Target};
    let me = crate::api::authorise_signed_in(Action::ManageStandards, Target::Trust)?;
    let ctx = crate::api::context()?;
    let year = admin_year(year)?;
    let back = format!("{}/{standard_id}", standards_base(year));
    if confirm.as_deref().map(str::trim) != Some("yes") {
        return Err(fail(
            AppError::field(
                "confirm",
                "Confirm that you want to remove this standard: nothing has been removed yet",
            ),
            &back,
            &[],
        ));
    }
    let mut tx = ctx.db.begin().await?;
    match crate::db::assessments::remove_standard(&mut tx, &actor(&me), year, standard_id).await? {
        Ok(()) => {
            tx.commit().await?;
            succeed(
                &standards_base(year),
                Some("The standard has been removed."),
            );
            Ok(())
        }
        Err(r) => Err(fail(refusal(r, "that standard", None), &back, &[])),
    }
}
