//! The Board's comparison of partnerships: the dashboard, the detail behind a cell, the spine
//! chart, and the exceptions summary.

use crate::components::charts::{Series, Spine};
use crate::domain::dashboard::{Basis, Exception};
use crate::domain::rag::{Comparison, Rag, Trend, Unrated};
use crate::domain::Choice;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

mod detail;
mod exceptions;
mod spine;

pub use detail::*;
pub use exceptions::*;
pub use spine::*;

/// A column of the dashboard: an indicator (under a Board priority, in that view).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub code: String,
    pub title: String,
    pub priority: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub rag: Rag,
    pub basis: Basis,
    pub comparison: Comparison,
    pub trend: Trend,
    /// Why a figure that is held is not rated.
    pub unrated: Option<Unrated>,
    pub value: Option<String>,
    pub period: Option<String>,
    /// The figure is the county's: the indicator is published only for the county.
    pub county: bool,
}

/// Where a partnership's figures come from: its own area's series, or — when the indicator is
/// published only for the county (nothing for any district is held) — the county's, marked so.
#[cfg(feature = "ssr")]
pub(crate) fn series_for<'a>(
    figures: &'a crate::db::dashboard::Figures,
    indicator: i64,
    area: i64,
    county: Option<i64>,
    districts: &[i64],
) -> Option<(&'a [(String, crate::domain::dashboard::Point)], bool)> {
    if let Some(mine) = figures.get(&(indicator, area)) {
        return Some((mine.as_slice(), false));
    }
    let any_district = districts
        .iter()
        .any(|d| figures.contains_key(&(indicator, *d)));
    if any_district {
        return None;
    }
    county
        .and_then(|c| figures.get(&(indicator, c)))
        .map(|v| (v.as_slice(), true))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub slug: String,
    pub name: String,
    pub district: String,
    pub cells: Vec<Cell>,
    pub reds: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardView {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub priorities: Vec<Choice>,
    pub districts: Vec<Choice>,
    pub indicators: Vec<Choice>,
    /// The filters as applied.
    pub view: String,
    pub priority: String,
    pub district: String,
    pub indicator: String,
    pub sort: String,
    pub demo: bool,
}

/// Where a cell's figures are: the comparators' areas, the districts the partnerships cover,
/// and the targets in force.
#[cfg(feature = "ssr")]
pub(crate) struct Context<'a> {
    pub figures: &'a crate::db::dashboard::Figures,
    pub county: Option<i64>,
    pub england: Option<i64>,
    pub districts: Vec<i64>,
    pub targets: &'a crate::domain::dashboard::Targets,
}

/// A partnership's cell for an indicator: its latest figure rated against the target in force
/// for that figure's period (or England), with the direction of travel.
#[cfg(feature = "ssr")]
pub(crate) fn cell_of(
    ind: &crate::db::dashboard::RatedIndicator,
    cx: &Context<'_>,
    partnership: &crate::db::dashboard::PartnershipArea,
) -> Cell {
    cell_against(ind, cx, partnership, |start| {
        cx.targets
            .in_force(partnership.id, ind.id, start)
            .map(|f| f.target)
    })
}

/// As [`cell_of`], rated against the target `target` gives for the latest figure's period
/// (the annual review rates last year's figures against that plan's own targets): the same
/// figures, the same engine.
#[cfg(feature = "ssr")]
pub(crate) fn cell_against(
    ind: &crate::db::dashboard::RatedIndicator,
    cx: &Context<'_>,
    partnership: &crate::db::dashboard::PartnershipArea,
    target: impl Fn(chrono::NaiveDate) -> Option<crate::domain::dashboard::Target>,
) -> Cell {
    use crate::domain::dashboard::rate;
    let found = series_for(
        cx.figures,
        ind.id,
        partnership.area_id,
        cx.county,
        &cx.districts,
    );
    let county = found.is_some_and(|(_, c)| c);
    let mine = found.map(|(v, _)| v);
    let latest = mine.and_then(|v| v.first());
    let previous = mine.and_then(|v| v.get(1));
    // England for the same period as the partnership's latest figure.
    let eng = latest.and_then(|(period, _)| {
        cx.england
            .and_then(|e| cx.figures.get(&(ind.id, e)))
            .and_then(|v| v.iter().find(|(p, _)| p == period))
            .map(|(_, p)| p.estimate)
    });
    // A partnership's target is never judged on the county's figure.
    let target = latest
        .filter(|_| !county)
        .and_then(|(_, p)| target(p.start));
    let r = rate(
        ind.polarity,
        &ind.rule,
        latest.map(|(_, p)| p),
        previous.map(|(_, p)| p),
        eng.as_ref(),
        target.as_ref(),
    );
    Cell {
        rag: r.rag,
        basis: r.basis,
        comparison: r.comparison,
        trend: r.trend,
        unrated: r.unrated,
        value: latest
            .and_then(|(_, p)| p.estimate.value)
            .map(|v| ind.unit.format(v)),
        period: latest.map(|(p, _)| p.clone()),
        county,
    }
}

/// Everything the dashboard reads, kept in memory while the data version stands still.
#[cfg(feature = "ssr")]
#[derive(Debug)]
pub struct DashboardData {
    pub version: i64,
    pub year: i32,
    pub indicators: Vec<crate::db::dashboard::RatedIndicator>,
    pub partnerships: Vec<crate::db::dashboard::PartnershipArea>,
    pub county: Option<i64>,
    pub england: Option<i64>,
    pub figures: crate::db::dashboard::Figures,
    pub targets: crate::domain::dashboard::Targets,
    pub board: Vec<(String, Option<i64>)>,
}

#[cfg(feature = "ssr")]
impl DashboardData {
    pub(crate) fn context(&self) -> Context<'_> {
        Context {
            figures: &self.figures,
            county: self.county,
            england: self.england,
            districts: self.partnerships.iter().map(|p| p.area_id).collect(),
            targets: &self.targets,
        }
    }
}

/// Every approved target, to find the one in force for each figure's period
/// ([`crate::domain::dashboard::Targets::in_force`]), for everyone. A target in a draft or a
/// submitted plan is not in force and may not be readable by the person looking (see
/// [`crate::domain::auth::plan_visibility`]), so it is neither shown nor rated against anywhere
/// on the dashboard, the map or the exceptions.
#[cfg(feature = "ssr")]
pub(crate) async fn targets_in_force(
    db: &crate::db::Db,
    indicators: &[crate::db::dashboard::RatedIndicator],
) -> Result<crate::domain::dashboard::Targets, AppError> {
    let versions = crate::db::dashboard::approved_versions(db).await?;
    Ok(crate::domain::dashboard::Targets::from_versions(
        versions.iter().map(|(plan, on)| (plan, *on)),
        |code| {
            indicators
                .iter()
                .find(|i| i.code.eq_ignore_ascii_case(code))
                .map(|i| i.id)
        },
    ))
}

/// The dashboard's inputs as cached by this server.
#[cfg(feature = "ssr")]
pub type DashboardCache = std::sync::Arc<std::sync::RwLock<Option<std::sync::Arc<DashboardData>>>>;

/// The dashboard's inputs: from memory when the data version has not moved (one tiny query),
/// otherwise read again (six set-based queries) and kept.
#[cfg(feature = "ssr")]
pub(crate) async fn dashboard_data(
    ctx: &super::ServerContext,
    year: i32,
) -> Result<std::sync::Arc<DashboardData>, AppError> {
    use crate::db::dashboard as q;
    let version = q::data_version(&ctx.db).await?;
    if let Ok(cached) = ctx.dashboard.read() {
        if let Some(d) = cached
            .as_ref()
            .filter(|d| d.version == version && d.year == year)
        {
            return Ok(d.clone());
        }
    }
    let (county, england) = q::comparator_areas(&ctx.db).await?;
    let indicators = q::rated_indicators(&ctx.db).await?;
    let data = std::sync::Arc::new(DashboardData {
        version,
        year,
        targets: targets_in_force(&ctx.db, &indicators).await?,
        indicators,
        partnerships: q::partnership_areas(&ctx.db).await?,
        county,
        england,
        figures: q::latest_figures(&ctx.db, 2).await?,
        board: q::board_priorities(&ctx.db, year).await?,
    });
    if let Ok(mut cache) = ctx.dashboard.write() {
        *cache = Some(data.clone());
    }
    Ok(data)
}

/// The dashboard: partnerships × the Board's priorities (their indicators) or × every
/// indicator, filtered and sorted.
#[server(prefix = "/api", endpoint = "dashboard", input = GetUrl)]
pub async fn get_dashboard(
    view: Option<String>,
    priority: Option<String>,
    district: Option<String>,
    indicator: Option<String>,
    sort: Option<String>,
) -> Result<DashboardView, AppError> {
    use crate::db::dashboard as q;
    use crate::domain::auth::{Action, Target};
    use crate::domain::PlanYear;
    super::authorise_signed_in(Action::ViewDashboard, Target::Trust)?;
    let ctx = super::context()?;
    let view = match view.as_deref() {
        Some("indicators") => "indicators",
        _ => "priorities",
    }
    .to_string();
    let (priority, district, indicator) = (
        priority.unwrap_or_default(),
        district.unwrap_or_default(),
        indicator.unwrap_or_default(),
    );
    let sort = match sort.as_deref() {
        Some("reds") => "reds",
        _ => "name",
    }
    .to_string();
    let year = PlanYear::in_cycle_on(ctx.today()).first_year();
    let data = dashboard_data(&ctx, year).await?;
    let cx = data.context();
    let DashboardData {
        indicators,
        partnerships,
        board,
        ..
    } = &*data;

    let mut columns: Vec<(Column, &q::RatedIndicator)> = Vec::new();
    if view == "priorities" {
        for (title, ind) in board {
            if !priority.is_empty() && *title != priority {
                continue;
            }
            if let Some(i) = ind.and_then(|id| indicators.iter().find(|i| i.id == id)) {
                columns.push((
                    Column {
                        code: i.code.clone(),
                        title: i.title.clone(),
                        priority: Some(title.clone()),
                    },
                    i,
                ));
            }
        }
    } else {
        for i in indicators {
            if indicator.is_empty() || i.code == indicator {
                columns.push((
                    Column {
                        code: i.code.clone(),
                        title: i.title.clone(),
                        priority: None,
                    },
                    i,
                ));
            }
        }
    }
    let mut rows: Vec<Row> = partnerships
        .iter()
        .filter(|p| district.is_empty() || p.area_code == district)
        .map(|p| {
            let cells: Vec<Cell> = columns.iter().map(|(_, i)| cell_of(i, &cx, p)).collect();
            Row {
                slug: p.slug.clone(),
                name: p.name.clone(),
                district: p.area_name.clone(),
                reds: cells.iter().filter(|c| c.rag == Rag::Red).count(),
                cells,
            }
        })
        .collect();
    if sort == "reds" {
        rows.sort_by(|a, b| b.reds.cmp(&a.reds).then_with(|| a.name.cmp(&b.name)));
    }
    Ok(DashboardView {
        columns: columns.into_iter().map(|(c, _)| c).collect(),
        rows,
        priorities: board
            .iter()
            .map(|(t, _)| Choice {
                value: t.clone(),
                label: t.clone(),
            })
            .collect(),
        districts: partnerships
            .iter()
            .map(|p| Choice {
                value: p.area_code.clone(),
                label: p.area_name.clone(),
            })
            .collect(),
        indicators: indicators
            .iter()
            .map(|i| Choice {
                value: i.code.clone(),
                label: format!("{} {}", i.code, i.title),
            })
            .collect(),
        view,
        priority,
        district,
        indicator,
        sort,
        demo: ctx.settings.demo_mode,
    })
}
