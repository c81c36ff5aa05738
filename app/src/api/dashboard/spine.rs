//! The spine chart: a partnership against the range of the county's districts, indicator
//! by indicator.
use super::*;

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
    crate::api::authorise_signed_in(Action::ViewDashboard, Target::Trust)?;
    let ctx = crate::api::context()?;
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
