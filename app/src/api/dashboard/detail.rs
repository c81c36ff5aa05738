//! The detail behind a dashboard cell: the trend with county, England and the target in
//! force, and every period's figures rated as they stood.
use super::*;

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
    crate::api::authorise_signed_in(Action::ViewDashboard, Target::Trust)?;
    let ctx = crate::api::context()?;
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
