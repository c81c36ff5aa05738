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
        .and_then(|(_, p)| cx.targets.in_force(partnership.id, ind.id, p.start))
        .map(|f| f.target);
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

/// One value row of the detail's table: a period's figures and how that period was rated
/// (against the target in force for it, or England) — history does not move.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DetailRow {
    pub period: String,
    pub value: Option<String>,
    pub interval: Option<String>,
    pub county: Option<String>,
    pub england: Option<String>,
    pub rag: Rag,
    pub basis: Basis,
    pub unrated: Option<Unrated>,
    /// The target the period was rated against, as written ("27.3% by 31 March 2027").
    pub target: Option<String>,
}

/// The target in force for the latest figure, and where it was set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetLine {
    pub value: f64,
    /// "27.3% by 31 March 2027, in the 2026/27 plan (version 2)".
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detail {
    pub partnership: String,
    pub slug: String,
    pub code: String,
    pub title: String,
    pub polarity: String,
    pub unit: crate::domain::Unit,
    pub cell: Cell,
    pub target: Option<TargetLine>,
    pub series: Vec<Series>,
    /// Newest first.
    pub rows: Vec<DetailRow>,
    /// How the source compared the rated figure, where its file said ("Better", "Similar"…).
    pub significance: Option<String>,
}

/// The detail behind a cell: the trend with county, England and the target, and the figures,
/// each period rated as it stood.
#[server(prefix = "/api", endpoint = "dashboard/detail", input = GetUrl)]
pub async fn get_detail(partnership: String, indicator: String) -> Result<Detail, AppError> {
    use crate::db::dashboard as q;
    use crate::domain::auth::{Action, Target};
    use crate::domain::dashboard::rate;
    super::authorise_signed_in(Action::ViewDashboard, Target::Trust)?;
    let ctx = super::context()?;
    let indicators = q::rated_indicators(&ctx.db).await?;
    let ind = indicators
        .iter()
        .find(|i| i.code.eq_ignore_ascii_case(&indicator))
        .ok_or_else(|| AppError::NotFound("That indicator".into()))?;
    let partnerships = q::partnership_areas(&ctx.db).await?;
    let p = partnerships
        .iter()
        .find(|p| p.slug == partnership)
        .ok_or_else(|| AppError::NotFound("That partnership".into()))?;
    let (county, england) = q::comparator_areas(&ctx.db).await?;
    let districts: Vec<i64> = partnerships.iter().map(|p| p.area_id).collect();
    let areas: Vec<i64> = districts
        .iter()
        .copied()
        .chain(county)
        .chain(england)
        .collect();
    let targets = targets_in_force(&ctx.db, &indicators).await?;
    // Newest first, as the dashboard holds figures.
    let figures: q::Figures = q::series(&ctx.db, ind.id, &areas)
        .await?
        .into_iter()
        .map(|(area, mut points)| {
            points.reverse();
            ((ind.id, area), points)
        })
        .collect();
    let cx = Context {
        figures: &figures,
        county,
        england,
        districts: districts.clone(),
        targets: &targets,
    };
    let cell = cell_of(ind, &cx, p);
    let found = series_for(&figures, ind.id, p.area_id, county, &districts);
    let of_county = found.is_some_and(|(_, c)| c);
    let mine: Vec<(String, crate::domain::dashboard::Point)> =
        found.map(|(v, _)| v.to_vec()).unwrap_or_default();
    // How the source compared the figure rated, as its file said.
    let shown_area = if of_county { county } else { Some(p.area_id) };
    let significance = match (&cell.period, shown_area) {
        (Some(period), Some(area)) => {
            crate::db::catalogue::published_significance(&ctx.db, ind.id, area, period).await?
        }
        _ => None,
    };
    let in_area = |area: Option<i64>, period: &str| {
        area.and_then(|a| figures.get(&(ind.id, a)))
            .and_then(|v| v.iter().find(|(p, _)| p == period))
            .map(|(_, p)| p.estimate)
    };
    let fmt = |v: Option<f64>| v.map(|v| ind.unit.format(v));
    let target_text = |f: &crate::domain::dashboard::InForce| {
        let by = f
            .target
            .due
            .map(|d| format!(" by {}", crate::domain::date::long_date(d)))
            .unwrap_or_default();
        format!(
            "{}{by}, in the {} plan (version {})",
            ind.unit.format(f.target.value),
            f.year,
            f.version
        )
    };
    let rows: Vec<DetailRow> = mine
        .iter()
        .enumerate()
        .map(|(i, (period, pt))| {
            let in_force = (!of_county)
                .then(|| targets.in_force(p.id, ind.id, pt.start))
                .flatten();
            let r = rate(
                ind.polarity,
                &ind.rule,
                Some(pt),
                mine.get(i + 1).map(|(_, b)| b),
                in_area(england, period).as_ref(),
                in_force.as_ref().map(|f| &f.target),
            );
            DetailRow {
                period: period.clone(),
                value: fmt(pt.estimate.value),
                interval: pt
                    .estimate
                    .ci
                    .map(|(a, b)| format!("{} to {}", ind.unit.format(a), ind.unit.format(b))),
                county: fmt(in_area(county, period).and_then(|e| e.value)),
                england: fmt(in_area(england, period).and_then(|e| e.value)),
                rag: r.rag,
                basis: r.basis,
                unrated: r.unrated,
                target: in_force.as_ref().map(target_text),
            }
        })
        .collect();
    let target = mine
        .first()
        .filter(|_| !of_county)
        .and_then(|(_, pt)| targets.in_force(p.id, ind.id, pt.start))
        .map(|f| TargetLine {
            value: f.target.value,
            text: target_text(&f),
        });
    // The chart runs oldest to newest.
    let line = |name: String, area: Option<i64>| Series {
        name,
        points: mine
            .iter()
            .rev()
            .map(|(period, _)| (period.clone(), in_area(area, period).and_then(|e| e.value)))
            .collect(),
    };
    let own = if of_county { None } else { Some(p.area_id) };
    let mut series = Vec::new();
    if let Some(area) = own {
        series.push(line(p.area_name.clone(), Some(area)));
    }
    series.push(line("County".into(), county));
    series.push(line("England".into(), england));
    Ok(Detail {
        partnership: p.name.clone(),
        slug: p.slug.clone(),
        code: ind.code.clone(),
        title: ind.title.clone(),
        polarity: ind.polarity.label().to_string(),
        unit: ind.unit,
        cell,
        target,
        series,
        rows,
        significance,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpineLine {
    pub code: String,
    pub title: String,
    pub period: Option<String>,
    pub value: Option<String>,
    pub county: Option<String>,
    pub england: Option<String>,
    pub range: Option<String>,
    pub comparison: Comparison,
    pub spine: Option<Spine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpineView {
    pub partnership: String,
    pub slug: String,
    pub partnerships: Vec<Choice>,
    pub lines: Vec<SpineLine>,
}

#[cfg(feature = "ssr")]
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let pos = (sorted.len() - 1) as f64 * q;
    let (i, f) = (pos.floor() as usize, pos - pos.floor());
    match sorted.get(i + 1) {
        Some(next) => sorted[i] + (next - sorted[i]) * f,
        None => sorted[i],
    }
}

/// A partnership against the range of the county's districts, indicator by indicator.
#[server(prefix = "/api", endpoint = "dashboard/spine", input = GetUrl)]
pub async fn get_spine(partnership: String) -> Result<SpineView, AppError> {
    use crate::db::dashboard as q;
    use crate::domain::auth::{Action, Target};
    use crate::domain::rag::against_comparator;
    super::authorise_signed_in(Action::ViewDashboard, Target::Trust)?;
    let ctx = super::context()?;
    let partnerships = q::partnership_areas(&ctx.db).await?;
    let p = partnerships
        .iter()
        .find(|p| p.slug == partnership)
        .ok_or_else(|| AppError::NotFound("That partnership".into()))?;
    let indicators = q::rated_indicators(&ctx.db).await?;
    let (county, england) = q::comparator_areas(&ctx.db).await?;
    let figures = q::latest_figures(&ctx.db, 1).await?;
    let lines = indicators
        .iter()
        .map(|ind| {
            let get = |area: Option<i64>| {
                area.and_then(|a| figures.get(&(ind.id, a)))
                    .and_then(|v| v.first())
                    .cloned()
            };
            let mine = get(Some(p.area_id));
            let period = mine.as_ref().map(|(per, _)| per.clone());
            // The districts' values for the same period.
            let mut values: Vec<f64> = partnerships
                .iter()
                .filter_map(|o| get(Some(o.area_id)))
                .filter(|(per, _)| Some(per) == period.as_ref())
                .filter_map(|(_, pt)| pt.estimate.value)
                .collect();
            values.sort_by(|a, b| a.total_cmp(b));
            let same = |x: Option<(String, crate::domain::dashboard::Point)>| {
                x.filter(|(per, _)| Some(per) == period.as_ref())
                    .and_then(|(_, pt)| pt.estimate.value)
            };
            let (county_v, england_pt) = (same(get(county)), get(england));
            let england_v = same(england_pt.clone());
            let comparison = match (&mine, &england_pt) {
                (Some((_, m)), Some((_, e))) => {
                    against_comparator(ind.polarity, &m.estimate, &e.estimate, &ind.rule)
                }
                _ => Comparison::NotCompared,
            };
            let value = mine.as_ref().and_then(|(_, pt)| pt.estimate.value);
            let spine = (values.len() >= 2 && value.is_some()).then(|| Spine {
                min: values[0],
                q1: quantile(&values, 0.25),
                q3: quantile(&values, 0.75),
                max: values[values.len() - 1],
                county: county_v,
                england: england_v,
                value,
                lower_is_better: ind.polarity == crate::domain::Polarity::LowerIsBetter,
            });
            SpineLine {
                code: ind.code.clone(),
                title: ind.title.clone(),
                period,
                value: value.map(|v| ind.unit.format(v)),
                county: county_v.map(|v| ind.unit.format(v)),
                england: england_v.map(|v| ind.unit.format(v)),
                range: spine
                    .map(|s| format!("{} to {}", ind.unit.format(s.min), ind.unit.format(s.max))),
                comparison,
                spine,
            }
        })
        .collect();
    Ok(SpineView {
        partnership: p.name.clone(),
        slug: p.slug.clone(),
        partnerships: partnerships
            .iter()
            .map(|o| Choice {
                value: o.slug.clone(),
                label: o.name.clone(),
            })
            .collect(),
        lines,
    })
}

/// One exception for the Board paper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExceptionLine {
    pub kind: Exception,
    pub partnership: String,
    pub slug: String,
    pub code: String,
    pub title: String,
    pub period: String,
    pub value: Option<String>,
    pub previous: Option<String>,
    pub rag: Rag,
    pub previous_rag: Rag,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exceptions {
    pub year: i32,
    pub years: Vec<i32>,
    pub lines: Vec<ExceptionLine>,
}

/// The exceptions for the periods starting in `year`: newly red, persistently red, and
/// marked improvements, against the period before.
#[server(prefix = "/api", endpoint = "dashboard/exceptions", input = GetUrl)]
pub async fn get_exceptions(year: Option<i32>) -> Result<Exceptions, AppError> {
    use crate::domain::auth::{Action, Target};
    super::authorise_signed_in(Action::ViewDashboard, Target::Trust)?;
    let ctx = super::context()?;
    exceptions_for(&ctx.db, year).await
}

/// The exceptions, for the page and for the downloads.
#[cfg(feature = "ssr")]
pub async fn exceptions_for(db: &crate::db::Db, year: Option<i32>) -> Result<Exceptions, AppError> {
    use crate::db::dashboard as q;
    use crate::domain::dashboard::{exception, rate};
    use chrono::Datelike;
    let indicators = q::rated_indicators(db).await?;
    let partnerships = q::partnership_areas(db).await?;
    let (county, england) = q::comparator_areas(db).await?;
    let districts: Vec<i64> = partnerships.iter().map(|p| p.area_id).collect();
    let targets = targets_in_force(db, &indicators).await?;
    // The years with figures, newest first; by default the latest.
    let latest = q::latest_figures(db, 1).await?;
    let newest = latest
        .values()
        .filter_map(|v| v.first())
        .map(|(_, p)| p.start.year())
        .max()
        .unwrap_or(2000);
    let year = year.unwrap_or(newest);
    let figures = q::figures_between(db, year - 2, year).await?;
    let mut lines = Vec::new();
    for p in &partnerships {
        for ind in &indicators {
            // A county-only indicator is the county's exception, not each partnership's.
            let Some((points, false)) = series_for(&figures, ind.id, p.area_id, county, &districts)
            else {
                continue;
            };
            let Some(i) = points.iter().position(|(_, pt)| pt.start.year() == year) else {
                continue;
            };
            let now = &points[i];
            let before = points.get(i + 1);
            let before_that = points.get(i + 2);
            let england_for = |period: &str| {
                england
                    .and_then(|e| figures.get(&(ind.id, e)))
                    .and_then(|v| v.iter().find(|(per, _)| per == period))
                    .map(|(_, pt)| pt.estimate)
            };
            // Each period against the target in force for it: approving a plan never re-rates
            // the period before.
            let target_for = |pt: &crate::domain::dashboard::Point| {
                targets.in_force(p.id, ind.id, pt.start).map(|f| f.target)
            };
            let r_now = rate(
                ind.polarity,
                &ind.rule,
                Some(&now.1),
                before.map(|b| &b.1),
                england_for(&now.0).as_ref(),
                target_for(&now.1).as_ref(),
            );
            let r_before = match before {
                Some(b) => {
                    rate(
                        ind.polarity,
                        &ind.rule,
                        Some(&b.1),
                        before_that.map(|x| &x.1),
                        england_for(&b.0).as_ref(),
                        target_for(&b.1).as_ref(),
                    )
                    .rag
                }
                None => Rag::Grey,
            };
            if let Some(kind) = exception(
                ind.polarity,
                r_now.rag,
                r_before,
                now.1.estimate.value,
                before.and_then(|b| b.1.estimate.value),
            ) {
                lines.push(ExceptionLine {
                    kind,
                    partnership: p.name.clone(),
                    slug: p.slug.clone(),
                    code: ind.code.clone(),
                    title: ind.title.clone(),
                    period: now.0.clone(),
                    value: now.1.estimate.value.map(|v| ind.unit.format(v)),
                    previous: before
                        .and_then(|b| b.1.estimate.value)
                        .map(|v| ind.unit.format(v)),
                    rag: r_now.rag,
                    previous_rag: r_before,
                });
            }
        }
    }
    lines.sort_by_key(|l| match l.kind {
        Exception::NewlyRed => 0,
        Exception::PersistentlyRed => 1,
        Exception::MarkedImprovement => 2,
    });
    Ok(Exceptions {
        year,
        years: (newest - 9..=newest).rev().collect(),
        lines,
    })
}
