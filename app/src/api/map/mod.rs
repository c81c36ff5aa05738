//! The partnership map: each partnership's area drawn on the server as SVG, shaded by an
//! indicator or by where its plan has got to, with a panel for the selected partnership and the
//! same values in a table.

use crate::domain::plan::PlanStatus;
use crate::domain::Choice;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

mod admin;
#[cfg(feature = "ssr")]
mod shapes;

pub use admin::*;
#[cfg(feature = "ssr")]
use shapes::{map_shapes, WIDTH};
#[cfg(feature = "ssr")]
pub use shapes::{LabelSpot, Shapes, ShapesCache};

/// The sequential scale (light to dark, each shade standing out from the page) and the colour
/// of no figure: see [`crate::domain::map`].
pub use crate::domain::map::{NO_DATA, SCALE};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapArea {
    pub slug: String,
    pub name: String,
    pub path: String,
    pub fill: String,
    /// The value or stage, as read out and shown in the table.
    pub label: String,
    /// Where the area's name sits (inside it, where there is most room).
    pub label_at: (f64, f64),
    /// The room for the name there (width and height, in map units).
    pub room: (f64, f64),
    /// The figure's period, when shaded by an indicator and the area has one.
    pub period: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Panel {
    pub slug: String,
    pub name: String,
    pub year: String,
    pub year_first: i32,
    /// Where the plan has got to; `None` when not started or not to be shown.
    pub status: Option<PlanStatus>,
    /// The priorities' titles the person may read (see [`crate::domain::auth::plan_visibility`]).
    pub priorities: Vec<String>,
    /// Set when the priorities are those of this approved version rather than the plan as it
    /// stands (which the person may not read).
    pub approved_version: Option<i32>,
    pub figures: Vec<(String, String)>,
    /// The latest mid-year review's headline, when the person may read it (never on the
    /// published map).
    #[serde(default)]
    pub mid_year: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapView {
    pub width: f64,
    pub height: f64,
    /// Drawn as a hex map: boundaries have not been imported.
    pub hex: bool,
    pub areas: Vec<MapArea>,
    pub legend: Vec<(String, String)>,
    pub shade: String,
    pub shade_label: String,
    /// The period of the figures (and their source), told under the legend.
    pub caption: Option<String>,
    pub shades: Vec<Choice>,
    pub selected: Option<Panel>,
    pub bytes: usize,
    pub demo: bool,
}

/// The map, shaded by `shade` ("stage", or an indicator's code), with `selected`'s panel.
#[server(prefix = "/api", endpoint = "map", input = GetUrl)]
pub async fn get_map(shade: Option<String>, selected: Option<String>) -> Result<MapView, AppError> {
    use crate::domain::auth::{Action, Target};
    let me = super::authorise_signed_in(Action::ViewMap, Target::Trust)?;
    let ctx = super::context()?;
    build_map(&ctx, Some(&me), shade, selected).await
}

/// The selected partnership's panel: where its plan has got to and the priorities `who` may
/// read (the plan as it stands, or the latest version the Board approved, or nothing), with
/// its latest figures.
#[cfg(feature = "ssr")]
async fn panel(
    ctx: &super::ServerContext,
    who: Option<&crate::domain::auth::Principal>,
    p: &crate::db::dashboard::PartnershipArea,
    year: crate::domain::PlanYear,
    plan: Option<&crate::domain::plan::PlanSummary>,
    figures: Vec<(String, String)>,
) -> Result<Panel, AppError> {
    use crate::db::{dashboard as q, plans};
    let visibility = crate::domain::auth::plan_visibility(who, p.id);
    let plan_id = plan.and_then(|s| s.plan_id);
    let status = plan
        .and_then(|s| s.status.as_deref())
        .and_then(|s| s.parse::<PlanStatus>().ok())
        .filter(|_| visibility.shows_stage());
    // The plan as it stands, or the version the Board approved last (marked as such).
    let shown = match plan_id {
        Some(id) if visibility.shows_working_plan() => {
            plans::load(&ctx.db, id).await?.map(|plan| (plan, false))
        }
        Some(id) if visibility.shows_approved() => q::approved_plan(&ctx.db, id)
            .await?
            .map(|plan| (plan, true)),
        _ => None,
    };
    let approved_version = shown
        .as_ref()
        .filter(|(_, frozen)| *frozen)
        .map(|(plan, _)| plan.version);
    let priorities = shown
        .map(|(plan, _)| plan.priorities.into_iter().map(|x| x.title).collect())
        .unwrap_or_default();
    let mid_year = match who {
        Some(me) => crate::api::midyear::visible_headline(ctx, me, p.id)
            .await?
            .map(|h| h.text()),
        None => None,
    };
    Ok(Panel {
        mid_year,
        slug: p.slug.clone(),
        name: p.name.clone(),
        year: year.to_string(),
        year_first: year.first_year(),
        status,
        priorities,
        approved_version,
        figures,
    })
}

/// The map as `who` (nobody, for the published map) may see it.
#[cfg(feature = "ssr")]
pub async fn build_map(
    ctx: &super::ServerContext,
    who: Option<&crate::domain::auth::Principal>,
    shade: Option<String>,
    selected: Option<String>,
) -> Result<MapView, AppError> {
    use crate::db::{dashboard as q, plans};
    use crate::domain::auth::plan_visibility;
    use crate::domain::PlanYear;
    let partnerships = q::partnership_areas(&ctx.db).await?;
    let indicators = q::rated_indicators(&ctx.db).await?;
    let figures = q::latest_figures(&ctx.db, 1).await?;
    // A partnership's latest figure: its own, or the county's where only the county's is
    // published (then marked as the county's).
    let (county, _) = q::comparator_areas(&ctx.db).await?;
    let districts: Vec<i64> = partnerships.iter().map(|p| p.area_id).collect();
    let latest_of = |indicator: i64, area: i64| {
        super::dashboard::series_for(&figures, indicator, area, county, &districts)
            .and_then(|(v, of_county)| v.first().map(|(period, pt)| (period, pt, of_county)))
    };
    let year = PlanYear::in_cycle_on(ctx.today());
    let overview = plans::year_overview(&ctx.db, year).await?;

    // The shapes, from memory while nothing they are drawn from has changed.
    let shapes = map_shapes(ctx, &partnerships).await?;
    let (hex, height) = (shapes.hex, shapes.height);
    let paths = shapes.paths.clone();

    // Shading.
    let shade = shade.unwrap_or_else(|| "stage".into());
    let indicator = indicators.iter().find(|i| i.code == shade);
    let board = q::board_priorities(&ctx.db, year.first_year()).await?;
    let priority = shade
        .strip_prefix("priority:")
        .and_then(|t| board.iter().find(|(title, _)| title == t))
        .and_then(|(title, ind)| {
            ind.and_then(|id| indicators.iter().find(|i| i.id == id))
                .map(|i| (title.clone(), i))
        });
    // The indicator the map is shaded by, whose figure the panel shows first.
    let shaded = indicator
        .or(priority.as_ref().map(|(_, i)| *i))
        .map(|i| i.id);
    let mut periods: Vec<Option<String>> = vec![None; partnerships.len()];
    let mut source: Option<String> = None;
    let (fills, labels, legend, shade_label): (
        Vec<String>,
        Vec<String>,
        Vec<(String, String)>,
        String,
    ) = match (indicator, priority) {
        (None, Some((title, ind))) => {
            // The dashboard's ratings, from the same figures and targets.
            use crate::domain::rag::Rag;
            let data = super::dashboard::dashboard_data(ctx, year.first_year()).await?;
            let cx = data.context();
            let cells: Vec<super::dashboard::Cell> = partnerships
                .iter()
                .map(|p| super::dashboard::cell_of(ind, &cx, p))
                .collect();
            periods = cells.iter().map(|c| c.period.clone()).collect();
            source = indicator_source(ctx, &ind.code).await?;
            let rags: Vec<Rag> = cells.iter().map(|c| c.rag).collect();
            // Told apart by lightness as well as hue, and always named in the table.
            let colour = |r: Rag| match r {
                Rag::Red => "#b31e10",
                Rag::Amber => "#ffbf47",
                Rag::Green => "#00703c",
                Rag::Grey | Rag::NotRated | Rag::SmallNumbers => NO_DATA,
            };
            let legend = [Rag::Red, Rag::Amber, Rag::Green, Rag::Grey]
                .into_iter()
                .map(|r| (colour(r).to_string(), r.label().to_string()))
                .collect();
            (
                rags.iter().map(|r| colour(*r).to_string()).collect(),
                rags.iter().map(|r| r.label().to_string()).collect(),
                legend,
                format!("RAG for “{title}” ({})", ind.code),
            )
        }
        (Some(ind), _) => {
            let of_county: Vec<bool> = partnerships
                .iter()
                .map(|p| latest_of(ind.id, p.area_id).is_some_and(|(_, _, c)| c))
                .collect();
            let latest: Vec<Option<(String, f64)>> = partnerships
                .iter()
                .map(|p| {
                    latest_of(ind.id, p.area_id).and_then(|(period, pt, _)| {
                        pt.estimate.value.map(|v| (period.to_string(), v))
                    })
                })
                .collect();
            periods = latest
                .iter()
                .map(|l| l.as_ref().map(|(p, _)| p.clone()))
                .collect();
            source = indicator_source(ctx, &ind.code).await?;
            let values: Vec<Option<f64>> =
                latest.iter().map(|l| l.as_ref().map(|(_, v)| *v)).collect();
            let known: Vec<f64> = values.iter().flatten().copied().collect();
            let (lo, hi) = known
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                    (a.min(*v), b.max(*v))
                });
            let step = ((hi - lo) / SCALE.len() as f64).max(1e-9);
            let class = |v: f64| (((v - lo) / step) as usize).min(SCALE.len() - 1);
            let fills = values
                .iter()
                .map(|v| {
                    v.map(|v| SCALE[class(v)].to_string())
                        .unwrap_or_else(|| NO_DATA.into())
                })
                .collect();
            let labels = values
                .iter()
                .zip(&of_county)
                .map(|(v, county)| match (v, county) {
                    (Some(v), true) => format!("{} (the county's figure)", ind.unit.format(*v)),
                    (Some(v), false) => ind.unit.format(*v),
                    (None, _) => "no figure".into(),
                })
                .collect();
            let legend = if known.is_empty() {
                vec![(NO_DATA.to_string(), "No figure".to_string())]
            } else {
                SCALE
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let a = lo + step * i as f64;
                        (
                            c.to_string(),
                            format!("{} to {}", ind.unit.format(a), ind.unit.format(a + step)),
                        )
                    })
                    .chain(std::iter::once((
                        NO_DATA.to_string(),
                        "No figure".to_string(),
                    )))
                    .collect()
            };
            (
                fills,
                labels,
                legend,
                format!(
                    "{} {} ({})",
                    ind.code,
                    ind.title,
                    ind.polarity.label().to_lowercase()
                ),
            )
        }
        (None, None) => {
            let stage = |p: &q::PartnershipArea| {
                overview
                    .iter()
                    .find(|o| o.partnership_id == p.id)
                    .and_then(|o| o.status.as_deref())
                    .and_then(|s| s.parse::<PlanStatus>().ok())
            };
            let colour = |s: Option<PlanStatus>| match s {
                None => NO_DATA,
                Some(PlanStatus::Draft) => SCALE[1],
                Some(PlanStatus::Submitted) => SCALE[2],
                Some(PlanStatus::Approved) => SCALE[4],
            };
            let name = |s: Option<PlanStatus>| {
                s.map(|s| s.label().to_string())
                    .unwrap_or_else(|| "Not started".into())
            };
            // The stage word is shown to everyone signed in; never without signing in.
            let shown = |p: &q::PartnershipArea| plan_visibility(who, p.id).shows_stage();
            let legend = [
                None,
                Some(PlanStatus::Draft),
                Some(PlanStatus::Submitted),
                Some(PlanStatus::Approved),
            ]
            .into_iter()
            .map(|s| (colour(s).to_string(), name(s)))
            .collect();
            (
                partnerships
                    .iter()
                    .map(|p| match shown(p) {
                        true => colour(stage(p)).to_string(),
                        false => NO_DATA.to_string(),
                    })
                    .collect(),
                partnerships
                    .iter()
                    .map(|p| match shown(p) {
                        true => name(stage(p)),
                        false => "Not shown".to_string(),
                    })
                    .collect(),
                legend,
                format!("Where each {year} plan has got to"),
            )
        }
    };
    let caption = crate::domain::map::period_caption(
        &periods.iter().flatten().cloned().collect::<Vec<_>>(),
        source.as_deref(),
    );
    let areas: Vec<MapArea> = partnerships
        .iter()
        .zip(paths)
        .zip(fills.into_iter().zip(labels))
        .zip(periods)
        .map(
            |(((p, (path, (label_at, room))), (fill, label)), period)| MapArea {
                slug: p.slug.clone(),
                name: p.name.clone(),
                path,
                fill,
                label,
                label_at,
                room,
                period,
            },
        )
        .collect();
    let bytes = areas.iter().map(|a| a.path.len()).sum();

    let selected = match selected.and_then(|s| partnerships.iter().find(|p| p.slug == s)) {
        None => None,
        Some(p) => {
            // The figure the map is shaded by first (with its period), then the Board's.
            let mut ids: Vec<i64> = shaded.into_iter().collect();
            ids.extend(
                board
                    .iter()
                    .filter_map(|(_, ind)| *ind)
                    .filter(|id| Some(*id) != shaded),
            );
            let figures = ids
                .into_iter()
                .filter_map(|id| indicators.iter().find(|i| i.id == id))
                .filter_map(|i| {
                    latest_of(i.id, p.area_id).and_then(|(period, pt, of_county)| {
                        pt.estimate.value.map(|v| {
                            let whose = if of_county {
                                ", the county's figure"
                            } else {
                                ""
                            };
                            (
                                format!("{} {} ({period}{whose})", i.code, i.title),
                                i.unit.format(v),
                            )
                        })
                    })
                })
                .collect();
            let plan = overview.iter().find(|o| o.partnership_id == p.id);
            Some(panel(ctx, who, p, year, plan, figures).await?)
        }
    };
    let mut shades = vec![Choice {
        value: "stage".into(),
        label: "Where each plan has got to".into(),
    }];
    shades.extend(
        board
            .iter()
            .filter(|(_, i)| i.is_some())
            .map(|(t, _)| Choice {
                value: format!("priority:{t}"),
                label: format!("RAG: {t}"),
            }),
    );
    shades.extend(indicators.iter().map(|i| Choice {
        value: i.code.clone(),
        label: format!("{} {}", i.code, i.title),
    }));
    Ok(MapView {
        width: WIDTH,
        height,
        hex,
        areas,
        legend,
        shade,
        shade_label,
        caption,
        shades,
        selected,
        bytes,
        demo: ctx.settings.demo_mode,
    })
}

/// Where an indicator's figures come from, as the catalogue records it.
#[cfg(feature = "ssr")]
async fn indicator_source(
    ctx: &super::ServerContext,
    code: &str,
) -> Result<Option<String>, AppError> {
    Ok(crate::db::catalogue::list_indicators(&ctx.db)
        .await?
        .into_iter()
        .find(|i| i.code.as_str() == code)
        .map(|i| i.source)
        .filter(|s| !s.trim().is_empty()))
}

/// The map without sign-in, as the Trust has chosen to publish it (figures only: no drafts).
#[server(prefix = "/api", endpoint = "public/map", input = GetUrl)]
pub async fn get_public_map(selected: Option<String>) -> Result<MapView, AppError> {
    use crate::domain::auth::{Action, Target};
    super::authorise(Action::ViewPublicMap, Target::Trust)?;
    let ctx = super::context()?;
    let (published, indicator) = crate::db::boundaries::publication(&ctx.db).await?;
    let Some(indicator) = indicator.filter(|_| published) else {
        return Err(AppError::NotFound("The public map".into()));
    };
    // As nobody signed in sees it: figures only, no plan content (see `plan_visibility`).
    let mut map = build_map(&ctx, None, Some(indicator), selected).await?;
    map.shades.clear();
    Ok(map)
}
