//! The comparison dashboard, the detail behind a cell (chart and table), the spine chart and
//! the exceptions summary. Filters are plain GET forms, so everything works without JavaScript.

use crate::api::dashboard::{get_dashboard, get_detail, get_exceptions, get_spine};
use crate::components::charts::{SpineRow, TrendChart};
use crate::components::forms::Select;
use crate::components::layout::DemoBanner;
use crate::domain::dashboard::Basis;
use crate::domain::rag::{Comparison, Rag, Trend, Unrated};
use crate::domain::Choice;
use crate::pages::sign_in_link;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

pub fn rag_tag(rag: Rag) -> impl IntoView {
    let class = match rag {
        Rag::Red => "govuk-tag govuk-tag--red",
        Rag::Amber => "govuk-tag govuk-tag--yellow",
        Rag::Green => "govuk-tag govuk-tag--green",
        Rag::Grey | Rag::NotRated | Rag::SmallNumbers => "govuk-tag govuk-tag--grey",
    };
    view! { <strong class=class>{rag.label()}</strong> }
}

fn trend_mark(trend: Trend) -> impl IntoView {
    let (arrow, text) = match trend {
        Trend::Improving => ("▲", "improving"),
        Trend::Worsening => ("▼", "worsening"),
        Trend::NoChange => ("▶", "no significant change"),
        Trend::NoTrend => ("", "no trend"),
    };
    view! {
        <span class="tb-trend" title=text>
            <span aria-hidden="true">{arrow}</span>
            <span class="govuk-visually-hidden">{format!(", {text}")}</span>
        </span>
    }
}

fn basis_text(basis: Basis) -> &'static str {
    match basis {
        Basis::Target => "against the partnership's target",
        Basis::England => "against England",
        Basis::None => "",
    }
}

/// What a rating was made against, or why a figure held is not rated: ", not rated: no target,
/// and no England figure for the same period".
fn rating_note(basis: Basis, unrated: Option<Unrated>) -> String {
    match unrated {
        Some(why) => format!("— {why}"),
        None => basis_text(basis).to_string(),
    }
}

fn choices_with_all(all: &str, choices: &[Choice]) -> Vec<Choice> {
    std::iter::once(Choice {
        value: String::new(),
        label: all.into(),
    })
    .chain(choices.iter().cloned())
    .collect()
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let query = use_query_map();
    let q = move |k: &str| query.with(|m| m.get(k));
    let data = Resource::new(
        move || {
            (
                q("view"),
                q("priority"),
                q("district"),
                q("indicator"),
                q("sort"),
            )
        },
        |(view, priority, district, indicator, sort)| {
            get_dashboard(view, priority, district, indicator, sort)
        },
    );
    let location = use_location();
    view! {
        <Title text="Comparing partnerships" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let d = match data.await {
                    Ok(d) => d,
                    Err(e) => return sign_in_link(e, &location.pathname.get_untracked()).into_any(),
                };
                let none = Signal::derive(Vec::new);
                let views = vec![
                    Choice { value: "priorities".into(), label: "The Board's priorities".into() },
                    Choice { value: "indicators".into(), label: "Every indicator".into() },
                ];
                let sorts = vec![
                    Choice { value: "name".into(), label: "Partnership name".into() },
                    Choice { value: "reds".into(), label: "Most red first".into() },
                ];
                let columns = d.columns.clone();
                view! {
                    {d.demo.then(|| view! { <DemoBanner /> })}
                    <h1 class="govuk-heading-l">"Comparing partnerships"</h1>
                    <p class="govuk-body">"Each cell rates a partnership's latest figure: against the target in its plan as the Board approved it (or where the target's trajectory stands by then) when it has one, otherwise against England where confidence intervals allow. The arrow is the direction of travel since the period before. Open a cell for its chart and figures."</p>
                    <p class="govuk-body">
                        <a class="govuk-link" href="/dashboard/exceptions">"Exceptions for the Board"</a>
                    </p>
                    <form method="get" action="/dashboard" class="tb-filters" data-testid="dashboard-filters">
                        <Select id="view" label="Show" choices=views selected=d.view.clone() errors=none />
                        {if d.view == "priorities" {
                            view! { <Select id="priority" label="Priority" choices=choices_with_all("All priorities", &d.priorities) selected=d.priority.clone() errors=none /> }.into_any()
                        } else {
                            view! { <Select id="indicator" label="Indicator" choices=choices_with_all("All indicators", &d.indicators) selected=d.indicator.clone() errors=none /> }.into_any()
                        }}
                        <Select id="district" label="District" choices=choices_with_all("All districts", &d.districts) selected=d.district.clone() errors=none />
                        <Select id="sort" label="Sort by" choices=sorts selected=d.sort.clone() errors=none />
                        <button type="submit" class="govuk-button govuk-button--secondary">"Apply"</button>
                    </form>
                    <div class="tb-table-scroll" tabindex="0" role="region" aria-label="Ratings by partnership">
                        <table class="govuk-table tb-dashboard" data-testid="dashboard">
                            <caption class="govuk-table__caption govuk-table__caption--s">{format!("{} partnerships × {} {}", d.rows.len(), d.columns.len(), if d.view == "priorities" { "priorities" } else { "indicators" })}</caption>
                            <thead class="govuk-table__head">
                                <tr class="govuk-table__row">
                                    <th scope="col" class="govuk-table__header">"Partnership"</th>
                                    {columns.iter().map(|c| view! {
                                        <th scope="col" class="govuk-table__header tb-dashboard__column">
                                            {c.priority.clone().unwrap_or_else(|| c.title.clone())}
                                            <br /><span class="govuk-body-s tb-muted">{c.code.clone()}</span>
                                        </th>
                                    }).collect_view()}
                                </tr>
                            </thead>
                            <tbody class="govuk-table__body">
                                {d.rows.iter().map(|r| {
                                    let slug = r.slug.clone();
                                    view! {
                                        <tr class="govuk-table__row">
                                            <th scope="row" class="govuk-table__header">
                                                {r.name.clone()}
                                                <br /><a class="govuk-link govuk-body-s" href=format!("/dashboard/spine?partnership={slug}")>"Spine chart"<span class="govuk-visually-hidden">{format!(" for {}", r.name)}</span></a>
                                            </th>
                                            {r.cells.iter().zip(columns.iter()).map(|(cell, col)| {
                                                let href = format!("/dashboard/detail?partnership={slug}&indicator={}", col.code.replace(' ', "+"));
                                                let whose = if cell.county { " (the county's figure)" } else { "" };
                                                let why = cell.unrated.map(|u| format!(" ({u})")).unwrap_or_default();
                                                let label = format!("{} for {}: {}{why}{}{whose}", col.code, r.name, cell.rag.label(), cell.value.as_ref().map(|v| format!(", {v}")).unwrap_or_default());
                                                view! {
                                                    <td class="govuk-table__cell tb-dashboard__cell">
                                                        <a class="govuk-link tb-cell-link" href=href aria-label=label>
                                                            {rag_tag(cell.rag)} {trend_mark(cell.trend)}
                                                        </a>
                                                        <br /><span class="govuk-body-s">{cell.value.clone().unwrap_or_default()}</span>
                                                        {cell.county.then(|| view! { <br /><span class="govuk-body-s tb-muted">"County figure"</span> })}
                                                    </td>
                                                }
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <h2 class="govuk-heading-s">"Key"</h2>
                    <ul class="govuk-list govuk-body-s">
                        <li>{rag_tag(Rag::Green)} " at or beyond the target, or better than England"</li>
                        <li>{rag_tag(Rag::Amber)} " within the tolerance of the target, or similar to England"</li>
                        <li>{rag_tag(Rag::Red)} " short of the target by more than the tolerance, or worse than England"</li>
                        <li>{rag_tag(Rag::NotRated)} " a figure is held, but there is no target and no confidence interval (or England figure) to judge it by; open the cell for the reason"</li>
                        <li>{rag_tag(Rag::Grey)} " no figure; " {rag_tag(Rag::SmallNumbers)} " counts too small to rate"</li>
                        <li>"County figure: the indicator is published only for the county, so every partnership shows the county's figure"</li>
                        <li>"▲ improving, ▼ worsening, ▶ no significant change since the period before"</li>
                    </ul>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn DetailPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            query.with(|m| {
                (
                    m.get("partnership").unwrap_or_default(),
                    m.get("indicator").unwrap_or_default(),
                )
            })
        },
        |(p, i)| get_detail(p, i),
    );
    let location = use_location();
    view! {
        <Title text="Indicator detail" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let d = match data.await {
                    Ok(d) => d,
                    Err(e) => return sign_in_link(e, &location.pathname.get_untracked()).into_any(),
                };
                let description = format!(
                    "{} for {} by period, with the county and England{}. The same figures are in the table below.",
                    d.title, d.partnership, if d.target.is_some() { " and the partnership's target" } else { "" }
                );
                view! {
                    <a href="/dashboard" class="govuk-back-link">"Back to the comparison"</a>
                    <span class="govuk-caption-l">{d.partnership.clone()}</span>
                    <h1 class="govuk-heading-l">{format!("{} {}", d.code, d.title)}</h1>
                    <dl class="govuk-summary-list" data-testid="detail-summary">
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">"Rating"</dt>
                            <dd class="govuk-summary-list__value" data-testid="detail-rating">{rag_tag(d.cell.rag)} " " {rating_note(d.cell.basis, d.cell.unrated)} {d.cell.period.clone().map(|p| format!(" ({p})"))}</dd>
                        </div>
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">"Latest figure"</dt>
                            <dd class="govuk-summary-list__value" data-testid="detail-latest">
                                {match (&d.cell.value, &d.cell.period) {
                                    (Some(v), Some(p)) => format!("{v} ({p})"),
                                    _ => "No figure is held".to_string(),
                                }}
                                {d.cell.county.then(|| view! { <p class="govuk-body-s govuk-!-margin-bottom-0">"The county's figure: this indicator is published only for the county, so it is shown for every partnership."</p> })}
                            </dd>
                        </div>
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">"Target"</dt>
                            <dd class="govuk-summary-list__value" data-testid="detail-target">{d.target.as_ref().map(|t| t.text.clone()).unwrap_or_else(|| "No target in an approved plan applies to this figure".into())}</dd>
                        </div>
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">"Compared with England"</dt>
                            <dd class="govuk-summary-list__value">{d.cell.comparison.label()}{d.significance.clone().map(|s| view! { <p class="govuk-body-s govuk-!-margin-bottom-0">{format!("As published: {s}{}", d.cell.period.clone().map(|p| format!(" ({p})")).unwrap_or_default())}</p> })}</dd>
                        </div>
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">"Direction of travel"</dt>
                            <dd class="govuk-summary-list__value">{d.cell.trend.label()}</dd>
                        </div>
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">"Which way is better"</dt>
                            <dd class="govuk-summary-list__value">{d.polarity.clone()}</dd>
                        </div>
                    </dl>
                    <TrendChart title=format!("{} in {}", d.title, d.partnership) description=description series=d.series.clone() target=d.target.as_ref().map(|t| t.value) unit=d.unit />
                    <table class="govuk-table" data-testid="detail-table">
                        <caption class="govuk-table__caption govuk-table__caption--m">"The figures"</caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Period"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">{d.partnership.clone()}</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"95% confidence interval"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"County"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"England"</th>
                                <th scope="col" class="govuk-table__header">"Rating for the period"</th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {d.rows.iter().map(|r| view! {
                                <tr class="govuk-table__row">
                                    <th scope="row" class="govuk-table__header">{r.period.clone()}</th>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{r.value.clone().unwrap_or_else(|| "no figure".into())}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{r.interval.clone().unwrap_or_else(|| "—".into())}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{r.county.clone().unwrap_or_else(|| "—".into())}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{r.england.clone().unwrap_or_else(|| "—".into())}</td>
                                    <td class="govuk-table__cell">
                                        {rag_tag(r.rag)} " " {rating_note(r.basis, r.unrated)}
                                        {r.target.clone().map(|t| view! { <br /><span class="govuk-body-s">{format!("Target: {t}")}</span> })}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="govuk-body"><a class="govuk-link" href=format!("/dashboard/spine?partnership={}", d.slug)>{format!("{} against the county's range, indicator by indicator", d.partnership)}</a></p>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn SpinePage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.with(|m| m.get("partnership").unwrap_or_default()),
        get_spine,
    );
    let location = use_location();
    view! {
        <Title text="Spine chart" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let d = match data.await {
                    Ok(d) => d,
                    Err(e) => return sign_in_link(e, &location.pathname.get_untracked()).into_any(),
                };
                let none = Signal::derive(Vec::new);
                view! {
                    <a href="/dashboard" class="govuk-back-link">"Back to the comparison"</a>
                    <span class="govuk-caption-l">"Spine chart"</span>
                    <h1 class="govuk-heading-l">{d.partnership.clone()}</h1>
                    <form method="get" action="/dashboard/spine" class="tb-filters">
                        <Select id="partnership" label="Partnership" choices=d.partnerships.clone() selected=d.slug.clone() errors=none />
                        <button type="submit" class="govuk-button govuk-button--secondary">"Show"</button>
                    </form>
                    <p class="govuk-body">"Each row: the range of the county's districts (light grey), their middle half (blue band), the county (black bar), England (diamond) and this partnership (blue circle). Better is always to the right. The table gives the same figures."</p>
                    <table class="govuk-table tb-spine-table" data-testid="spine">
                        <caption class="govuk-visually-hidden">"The partnership against the county's range"</caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Indicator"</th>
                                <th scope="col" class="govuk-table__header">"Period"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Value"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"County"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"England"</th>
                                <th scope="col" class="govuk-table__header">"Districts' range"</th>
                                <th scope="col" class="govuk-table__header">"Against England"</th>
                                <th scope="col" class="govuk-table__header">"Chart"</th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {d.lines.iter().map(|l| {
                                let label = format!("{} {}: {}", l.code, l.title, l.value.clone().unwrap_or_else(|| "no figure".into()));
                                let comparison = match l.comparison { Comparison::NotCompared => "—", c => c.label() };
                                view! {
                                    <tr class="govuk-table__row">
                                        <th scope="row" class="govuk-table__header"><a class="govuk-link" href=format!("/dashboard/detail?partnership={}&indicator={}", d.slug, l.code.replace(' ', "+"))>{format!("{} {}", l.code, l.title)}</a></th>
                                        <td class="govuk-table__cell">{l.period.clone().unwrap_or_else(|| "—".into())}</td>
                                        <td class="govuk-table__cell govuk-table__cell--numeric">{l.value.clone().unwrap_or_else(|| "—".into())}</td>
                                        <td class="govuk-table__cell govuk-table__cell--numeric">{l.county.clone().unwrap_or_else(|| "—".into())}</td>
                                        <td class="govuk-table__cell govuk-table__cell--numeric">{l.england.clone().unwrap_or_else(|| "—".into())}</td>
                                        <td class="govuk-table__cell">{l.range.clone().unwrap_or_else(|| "—".into())}</td>
                                        <td class="govuk-table__cell">{comparison}</td>
                                        <td class="govuk-table__cell">{l.spine.map(|s| view! { <SpineRow spine=s label=label.clone() /> })}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn ExceptionsPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.with(|m| m.get("year").and_then(|y| y.parse::<i32>().ok())),
        get_exceptions,
    );
    let location = use_location();
    view! {
        <Title text="Exceptions for the Board" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let d = match data.await {
                    Ok(d) => d,
                    Err(e) => return sign_in_link(e, &location.pathname.get_untracked()).into_any(),
                };
                let none = Signal::derive(Vec::new);
                let years: Vec<Choice> = d.years.iter().map(|y| Choice { value: y.to_string(), label: format!("Periods starting in {y}") }).collect();
                let groups = [
                    (crate::domain::dashboard::Exception::NewlyRed, "Newly red", "Red in this period, and not the period before."),
                    (crate::domain::dashboard::Exception::PersistentlyRed, "Persistently red", "Red in this period and the period before."),
                    (crate::domain::dashboard::Exception::MarkedImprovement, "Marked improvements", "Up a rating, or better by a tenth or more: what the Board can learn from."),
                ];
                view! {
                    <div class="tb-no-print">
                        <a href="/dashboard" class="govuk-back-link">"Back to the comparison"</a>
                        <form method="get" action="/dashboard/exceptions" class="tb-filters">
                            <Select id="year" label="Period" choices=years selected=d.year.to_string() errors=none />
                            <button type="submit" class="govuk-button govuk-button--secondary">"Show"</button>
                        </form>
                        <p class="govuk-body">
                            <a class="govuk-link" href=format!("/dashboard/exceptions/export.csv?year={}", d.year) download="">"Download as CSV"</a>
                            " · "
                            <a class="govuk-link" href=format!("/dashboard/exceptions/export.xlsx?year={}", d.year) download="">"Download as a spreadsheet (.xlsx)"</a>
                            " · Print this page for the Board paper."
                        </p>
                    </div>
                    <article class="tb-document" data-testid="exceptions">
                        <h1 class="govuk-heading-l">{format!("Exceptions: periods starting in {}", d.year)}</h1>
                        {groups.into_iter().map(|(kind, heading, hint)| {
                            let lines: Vec<_> = d.lines.iter().filter(|l| l.kind == kind).cloned().collect();
                            view! {
                                <h2 class="govuk-heading-m">{format!("{heading} ({})", lines.len())}</h2>
                                <p class="govuk-body-s">{hint}</p>
                                {if lines.is_empty() {
                                    view! { <p class="govuk-body">"None."</p> }.into_any()
                                } else {
                                    view! {
                                        <table class="govuk-table">
                                            <caption class="govuk-visually-hidden">{heading}</caption>
                                            <thead class="govuk-table__head"><tr class="govuk-table__row">
                                                <th scope="col" class="govuk-table__header">"Partnership"</th>
                                                <th scope="col" class="govuk-table__header">"Indicator"</th>
                                                <th scope="col" class="govuk-table__header">"Period"</th>
                                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Now"</th>
                                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Before"</th>
                                                <th scope="col" class="govuk-table__header">"Rating now, and before"</th>
                                            </tr></thead>
                                            <tbody class="govuk-table__body">
                                                {lines.into_iter().map(|l| view! {
                                                    <tr class="govuk-table__row">
                                                        <td class="govuk-table__cell">{l.partnership.clone()}</td>
                                                        <td class="govuk-table__cell"><a class="govuk-link" href=format!("/dashboard/detail?partnership={}&indicator={}", l.slug, l.code.replace(' ', "+"))>{format!("{} {}", l.code, l.title)}</a></td>
                                                        <td class="govuk-table__cell">{l.period.clone()}</td>
                                                        <td class="govuk-table__cell govuk-table__cell--numeric">{l.value.clone().unwrap_or_else(|| "—".into())}</td>
                                                        <td class="govuk-table__cell govuk-table__cell--numeric">{l.previous.clone().unwrap_or_else(|| "—".into())}</td>
                                                        <td class="govuk-table__cell">{rag_tag(l.rag)} {format!(", was {}", l.previous_rag.label().to_lowercase())}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    }.into_any()
                                }}
                            }
                        }).collect_view()}
                    </article>
                }.into_any()
            })}
        </Suspense>
    }
}
