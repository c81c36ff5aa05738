//! A partnership's panel beside the map, on its own: what the map's island asks for when an
//! area is chosen, instead of the whole map again. It comes as HTML drawn by the same code as
//! the page's ([`crate::components::map_panel`]), and who may see what is decided exactly as
//! for the map's page (it is the same panel, from [`super::map::build_map`]).

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The panel of `selected` on the map shaded by `shade`, for someone signed in.
#[server(prefix = "/api", endpoint = "map/panel", input = GetUrl)]
pub async fn get_map_panel(shade: Option<String>, selected: String) -> Result<String, AppError> {
    use crate::domain::auth::{Action, Target};
    let me = super::authorise_signed_in(Action::ViewMap, Target::Trust)?;
    let ctx = super::context()?;
    let map = super::map::build_map(&ctx, Some(&me), shade, Some(selected)).await?;
    drawn(map.selected, false)
}

/// The panel of `selected` on the published map, for anyone.
#[server(prefix = "/api", endpoint = "public/map/panel", input = GetUrl)]
pub async fn get_public_map_panel(selected: String) -> Result<String, AppError> {
    let map = super::map::get_public_map(Some(selected)).await?;
    drawn(map.selected, true)
}

#[cfg(feature = "ssr")]
fn drawn(panel: Option<super::map::Panel>, public: bool) -> Result<String, AppError> {
    let panel = panel.ok_or_else(|| AppError::NotFound("That partnership".into()))?;
    Ok(crate::components::map_panel::panel_or_hint(Some(panel), public).to_html())
}
