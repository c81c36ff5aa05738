//! Charts drawn as SVG on the server: a trend chart (the partnership against the county and
//! England, with its target) and a spine-chart row (a partnership against the range of the
//! county's districts). Series differ by line style and marker shape as well as colour, every
//! chart has a text description, and each page shows the same figures in a table.

use crate::domain::figure::axis;
use crate::domain::Unit;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One line on a trend chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    /// (period label, value) in time order; `None` for a missing value (a gap, never zero).
    pub points: Vec<(String, Option<f64>)>,
}

/// The look of each series, in order: the partnership, the county, England.
const STYLES: [(&str, &str, &str); 3] = [
    ("#1d70b8", "", "circle"),
    ("#b35000", "8 4", "square"),
    ("#0b0c0c", "2 4", "triangle"),
];

const W: f64 = 640.0;
const H: f64 = 300.0;
/// Room on the left for the axis labels with their unit ("1,000 per 100,000" is the widest).
const LEFT: f64 = 112.0;
/// Room on the right for the last period's label, which is drawn ending at its point.
const RIGHT: f64 = 24.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 48.0;

fn marker(shape: &str, x: f64, y: f64, colour: &str) -> AnyView {
    match shape {
        "square" => {
            view! { <rect x=x - 4.0 y=y - 4.0 width="8" height="8" fill=colour.to_string() /> }
                .into_any()
        }
        "triangle" => {
            let points = format!(
                "{},{} {},{} {},{}",
                x,
                y - 5.0,
                x - 5.0,
                y + 4.0,
                x + 5.0,
                y + 4.0
            );
            view! { <polygon points=points fill=colour.to_string() /> }.into_any()
        }
        _ => view! { <circle cx=x cy=y r="4.5" fill=colour.to_string() /> }.into_any(),
    }
}

/// A trend chart over the periods of the first series. `target` is drawn as a dashed line. The
/// value axis has round steps labelled in the indicator's unit.
#[component]
pub fn TrendChart(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    series: Vec<Series>,
    #[prop(default = None)] target: Option<f64>,
    unit: Unit,
) -> impl IntoView {
    let periods: Vec<String> = series
        .first()
        .map(|s| s.points.iter().map(|(p, _)| p.clone()).collect())
        .unwrap_or_default();
    let values: Vec<f64> = series
        .iter()
        .flat_map(|s| s.points.iter().filter_map(|(_, v)| *v))
        .chain(target)
        .collect();
    if values.is_empty() {
        return view! { <p class="govuk-body">"There are no figures to draw."</p> }.into_any();
    }
    let lowest = values.iter().copied().fold(f64::INFINITY, f64::min);
    let highest = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let scale = axis(lowest, highest, 5);
    let (lo, hi) = (scale.lo(), scale.hi());
    let n = periods.len().max(2) as f64;
    let x = move |i: usize| LEFT + (W - LEFT - RIGHT) * i as f64 / (n - 1.0);
    let y = move |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - (v - lo) / (hi - lo).max(1e-9));
    let ticks = scale.ticks.clone();
    let decimals = scale.decimals;
    let last = periods.len().saturating_sub(1);
    let label_every = (periods.len() / 6).max(1);
    let id = format!("chart-{}", title.len() + description.len());
    view! {
        <figure class="tb-chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby=format!("{id}-title {id}-desc") class="tb-chart__svg" data-testid="trend-chart">
                <title id=format!("{id}-title")>{title.clone()}</title>
                <desc id=format!("{id}-desc")>{description.clone()}</desc>
                {ticks.iter().map(|t| view! {
                    <line x1=LEFT x2=W - RIGHT y1=y(*t) y2=y(*t) stroke="#b1b4b6" stroke-width="1" />
                    <text x=LEFT - 6.0 y=y(*t) + 4.0 text-anchor="end" font-size="12" fill="#0b0c0c" data-testid="chart-tick">{unit.with_decimals(*t, decimals)}</text>
                }).collect_view()}
                // The first label starts at its point and the last ends at its point, so
                // neither runs off the chart.
                {periods.iter().enumerate().filter(|(i, _)| i % label_every == 0 || *i == last).map(|(i, p)| {
                    let anchor = if i == last && last > 0 { "end" } else if i == 0 { "start" } else { "middle" };
                    view! {
                        <text x=x(i) y=H - BOTTOM + 18.0 text-anchor=anchor font-size="12" fill="#0b0c0c" data-testid="chart-period">{p.clone()}</text>
                    }
                }).collect_view()}
                {target.map(|t| view! {
                    <line x1=LEFT x2=W - RIGHT y1=y(t) y2=y(t) stroke="#00703c" stroke-width="2" stroke-dasharray="12 4 2 4" />
                })}
                {series.iter().enumerate().map(|(k, s)| {
                    let (colour, dash, shape) = STYLES[k % STYLES.len()];
                    // Lines join consecutive known values only: a missing value is a gap.
                    let mut segments: Vec<Vec<(f64, f64)>> = vec![vec![]];
                    for (i, (_, v)) in s.points.iter().enumerate() {
                        match v {
                            Some(v) => segments.last_mut().map(|seg| seg.push((x(i), y(*v)))).unwrap_or(()),
                            None => segments.push(vec![]),
                        }
                    }
                    view! {
                        <g>
                            {segments.into_iter().filter(|seg| seg.len() > 1).map(|seg| {
                                let pts = seg.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect::<Vec<_>>().join(" ");
                                view! { <polyline points=pts fill="none" stroke=colour stroke-width="2.5" stroke-dasharray=dash /> }
                            }).collect_view()}
                            {s.points.iter().enumerate().filter_map(|(i, (_, v))| v.map(|v| marker(shape, x(i), y(v), colour))).collect_view()}
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption class="tb-chart__legend">
                <ul class="govuk-list tb-legend">
                    {series.iter().enumerate().map(|(k, s)| {
                        let (colour, dash, shape) = STYLES[k % STYLES.len()];
                        view! {
                            <li>
                                <svg width="36" height="14" aria-hidden="true" focusable="false">
                                    <line x1="0" x2="36" y1="7" y2="7" stroke=colour stroke-width="2.5" stroke-dasharray=dash />
                                    {marker(shape, 18.0, 7.0, colour)}
                                </svg>
                                " " {s.name.clone()}
                            </li>
                        }
                    }).collect_view()}
                    {target.map(|t| view! {
                        <li>
                            <svg width="36" height="14" aria-hidden="true" focusable="false">
                                <line x1="0" x2="36" y1="7" y2="7" stroke="#00703c" stroke-width="2" stroke-dasharray="12 4 2 4" />
                            </svg>
                            {format!(" Target ({})", unit.format(t))}
                        </li>
                    })}
                </ul>
            </figcaption>
        </figure>
    }
    .into_any()
}

/// One row of a spine chart: the county's districts' range (lightest), their middle half
/// (darker), the county (a bar), England (a diamond) and the partnership (a circle). Better is
/// always to the right.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spine {
    pub min: f64,
    pub q1: f64,
    pub q3: f64,
    pub max: f64,
    pub county: Option<f64>,
    pub england: Option<f64>,
    pub value: Option<f64>,
    /// Lower is better: the axis is flipped so that better stays on the right.
    pub lower_is_better: bool,
}

#[component]
pub fn SpineRow(spine: Spine, #[prop(into)] label: String) -> impl IntoView {
    const SW: f64 = 240.0;
    const SH: f64 = 22.0;
    let lo = [Some(spine.min), spine.england, spine.value, spine.county]
        .into_iter()
        .flatten()
        .fold(f64::INFINITY, f64::min);
    let hi = [Some(spine.max), spine.england, spine.value, spine.county]
        .into_iter()
        .flatten()
        .fold(f64::NEG_INFINITY, f64::max);
    let span = (hi - lo).max(1e-9);
    let pos = move |v: f64| {
        let f = (v - lo) / span;
        let f = if spine.lower_is_better { 1.0 - f } else { f };
        6.0 + (SW - 12.0) * f
    };
    let (a, b) = (
        pos(spine.min).min(pos(spine.max)),
        pos(spine.min).max(pos(spine.max)),
    );
    let (c, d) = (
        pos(spine.q1).min(pos(spine.q3)),
        pos(spine.q1).max(pos(spine.q3)),
    );
    view! {
        <svg width=SW height=SH viewBox=format!("0 0 {SW} {SH}") role="img" aria-label=label class="tb-spine">
            <rect x=a y="5" width=(b - a).max(1.0) height="12" fill="#dee0e2" />
            <rect x=c y="5" width=(d - c).max(1.0) height="12" fill="#8eb8dc" />
            {spine.county.map(|v| view! { <rect x=pos(v) - 1.0 y="2" width="2" height="18" fill="#0b0c0c" /> })}
            {spine.england.map(|v| {
                let x = pos(v);
                view! { <polygon points=format!("{},4 {},11 {},18 {},11", x, x + 6.0, x, x - 6.0) fill="#ffffff" stroke="#0b0c0c" stroke-width="1.5" /> }
            })}
            {spine.value.map(|v| view! { <circle cx=pos(v) cy="11" r="5.5" fill="#1d70b8" stroke="#ffffff" stroke-width="1.5" /> })}
        </svg>
    }
}
