//! Administration of the map: what each partnership covers, and the published map.

use super::*;

/// The map's settings, for administrators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapSettings {
    /// Each partnership: slug, name, and the codes of the areas it covers.
    pub partnerships: Vec<(String, String, String)>,
    pub published: bool,
    pub indicator: Option<String>,
    pub indicators: Vec<Choice>,
    pub outlines: usize,
}

#[server(prefix = "/api", endpoint = "admin/map", input = GetUrl)]
pub async fn get_map_settings() -> Result<MapSettings, AppError> {
    use crate::domain::auth::{Action, Target};
    crate::api::authorise_signed_in(Action::ImportData, Target::Trust)?;
    let ctx = crate::api::context()?;
    let (published, indicator) = crate::db::boundaries::publication(&ctx.db).await?;
    let outlines = crate::db::boundaries::partnership_outlines(&ctx.db)
        .await?
        .values()
        .filter(|fs| fs.iter().any(|f| !f.rings.is_empty()))
        .count();
    let indicators = crate::db::catalogue::list_indicators(&ctx.db)
        .await?
        .into_iter()
        .map(|i| Choice {
            value: i.code.as_str().to_string(),
            label: format!("{} {}", i.code.as_str(), i.title),
        })
        .collect();
    Ok(MapSettings {
        partnerships: crate::db::boundaries::partnership_area_codes(&ctx.db).await?,
        published,
        indicator,
        indicators,
        outlines,
    })
}

/// Publishes the read-only map (shaded by an indicator), or takes it down.
#[server(prefix = "/api", endpoint = "admin/map/publish")]
pub async fn publish_map(published: Option<String>, indicator: String) -> Result<(), AppError> {
    use crate::domain::auth::{Action, Target};
    let me = crate::api::authorise_signed_in(Action::ImportData, Target::Trust)?;
    let ctx = crate::api::context()?;
    let publish = published.is_some();
    let code = indicator.trim();
    let known = crate::db::catalogue::list_indicators(&ctx.db)
        .await?
        .into_iter()
        .any(|i| i.code.as_str() == code);
    if publish && !known {
        return Err(crate::api::fail(
            AppError::field(
                "indicator",
                "Choose the indicator the public map is shaded by",
            ),
            "/admin/map",
            &[],
        ));
    }
    let mut tx = ctx.db.begin().await?;
    crate::db::boundaries::set_publication(
        &mut tx,
        &crate::api::actor(&me),
        publish,
        known.then_some(code),
    )
    .await?;
    tx.commit().await?;
    crate::api::succeed(
        "/admin/map",
        Some(if publish {
            "The map is published at /public/map."
        } else {
            "The public map has been taken down."
        }),
    );
    Ok(())
}

/// Sets the areas a partnership covers: districts, or a set of wards (the map draws their
/// union).
#[server(prefix = "/api", endpoint = "admin/map/areas")]
pub async fn set_partnership_areas(slug: String, areas: String) -> Result<(), AppError> {
    use crate::domain::auth::{Action, Target};
    use crate::domain::AreaCode;
    let me = crate::api::authorise_signed_in(Action::ImportData, Target::Trust)?;
    let ctx = crate::api::context()?;
    let keep = [("slug", slug.as_str()), ("areas", areas.as_str())];
    let Some((id, name)) = crate::db::reference::partnership_by_slug(&ctx.db, &slug).await? else {
        return Err(crate::api::fail(
            AppError::field("slug", "Choose a partnership"),
            "/admin/map",
            &keep,
        ));
    };
    let mut codes = Vec::new();
    for text in areas
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
    {
        match AreaCode::parse(text) {
            Ok(c) if !codes.contains(&c.as_str().to_string()) => codes.push(c.as_str().to_string()),
            Ok(_) => {}
            Err(_) => {
                return Err(crate::api::fail(
                    AppError::field(
                        "areas",
                        format!("'{text}' is not an ONS area code, like E07000088 or E05004531"),
                    ),
                    "/admin/map",
                    &keep,
                ))
            }
        }
    }
    if codes.is_empty() {
        return Err(crate::api::fail(
            AppError::field(
                "areas",
                "Enter the codes of the districts or wards the partnership covers",
            ),
            "/admin/map",
            &keep,
        ));
    }
    match crate::db::boundaries::set_partnership_areas(&ctx.db, &crate::api::actor(&me), id, &codes)
        .await?
    {
        Ok(()) => {
            crate::api::succeed(
                "/admin/map",
                Some(&format!("{name} now covers {}.", codes.join(", "))),
            );
            Ok(())
        }
        Err(unknown) => Err(crate::api::fail(
            AppError::field(
                "areas",
                format!(
                    "Trustboard holds no area with the code {}: import its boundaries first",
                    unknown.join(", ")
                ),
            ),
            "/admin/map",
            &keep,
        )),
    }
}
