//! The Board's December roll-up: action progress by partnership (a chart drawn on the server,
//! with its table), every Board priority's measures across partnerships, the exceptions with
//! slipped and dropped actions, and each partnership's summary. Filter by district; print it as
//! a Board paper or download it.

use super::*;
use crate::api::midyear::{get_roll_up, RollUp, RollUpPartnership};
use crate::pages::dashboard::rag_tag;
use crate::pages::sign_in_link;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

#[component]
pub fn RollUpPage() -> impl IntoView {
    let query = use_query_map();
    let key = move || {
        query.with(|q| {
            (
                q.get("year").and_then(|y| y.parse::<i32>().ok()),
                q.get("district").filter(|d| !d.is_empty()),
            )
        })
    };
    let data = Resource::new(key, |(year, district)| get_roll_up(year, district));
    let location = use_location();
    view! {
        <Title text="Mid-year reviews: the Board's roll-up" />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => sign_in_link(e, &location.pathname.get_untracked()).into_any(),
                    Ok(r) => roll_up(r).into_any(),
                }
            })}
        </Transition>
    }
}

/// The colour of each stage of progress in the chart (the legend and the table say it in
/// words).
fn fill(p: Progress) -> &'static str {
    match p {
        Progress::OnTrack => "#1d70b8",
        Progress::AtRisk => "#f47738",
        Progress::OffTrack => "#d4351c",
        Progress::Complete => "#00703c",
        Progress::NotStarted => "#b1b4b6",
        Progress::Dropped => "#4c2c92",
    }
}

/// Action progress by partnership as stacked bars, drawn on the server: each partnership's
/// name and count above its bar, so that it reads on a phone as well as on a wide screen.
fn progress_chart(rows: &[&RollUpPartnership]) -> impl IntoView {
    let width = 440.0;
    let row_h = 44.0;
    let height = row_h * rows.len() as f64 + 4.0;
    let most = rows
        .iter()
        .map(|r| r.counts.total())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    view! {
        <figure class="tb-chart" data-testid="progress-chart">
            <svg viewBox=format!("0 0 {width} {height}") role="img" aria-labelledby="progress-chart-title" class="tb-chart__svg tb-chart__svg--bars">
                <title id="progress-chart-title">"Action progress by partnership: the table below gives the same figures"</title>
                {rows.iter().enumerate().map(|(i, r)| {
                    let y = i as f64 * row_h;
                    let mut x = 0.0;
                    let segments = Progress::ALL.iter().filter(|p| r.counts.get(**p) > 0).map(|p| {
                        let w = width * r.counts.get(*p) as f64 / most;
                        let seg = view! { <rect x=format!("{x:.1}") y=format!("{:.1}", y + 20.0) width=format!("{w:.1}") height="18" fill=fill(*p)><title>{format!("{}: {} {}", r.name, r.counts.get(*p), p.label().to_lowercase())}</title></rect> };
                        x += w;
                        seg
                    }).collect_view();
                    view! {
                        <text x="0" y=format!("{:.1}", y + 14.0) font-size="14" fill="#0b0c0c">{format!("{} ({} actions)", r.name.replace(" Children's Partnership", ""), r.counts.total())}</text>
                        {segments}
                    }
                }).collect_view()}
            </svg>
            <figcaption class="tb-chart__legend">
                <ul class="govuk-list tb-legend">
                    {Progress::ALL.iter().map(|p| view! {
                        <li><svg width="14" height="14" aria-hidden="true" focusable="false"><rect width="14" height="14" fill=fill(*p) /></svg> {p.label()}</li>
                    }).collect_view()}
                </ul>
            </figcaption>
        </figure>
    }
}

fn roll_up(r: RollUp) -> impl IntoView {
    let submitted: Vec<&RollUpPartnership> = r.submitted().collect();
    let waiting: Vec<&RollUpPartnership> = r.partnerships.iter().filter(|p| !p.submitted).collect();
    let query = if r.district.is_empty() {
        format!("?year={}", r.year)
    } else {
        format!("?year={}&district={}", r.year, r.district)
    };
    let year_words = crate::domain::PlanYear::new(r.year)
        .map(|y| y.to_string())
        .unwrap_or_default();
    view! {
        <span class="govuk-caption-l">"Report to the Trust Board"</span>
        <h1 class="govuk-heading-l">{format!("Mid-year reviews of the {year_words} plans")}</h1>
        <form method="get" action="/mid-year-reviews" class="tb-filters tb-no-print">
            <input type="hidden" name="year" value=r.year />
            <div class="govuk-form-group">
                <label class="govuk-label" for="district">"District"</label>
                <select class="govuk-select" id="district" name="district">
                    <option value="" selected=r.district.is_empty()>"All districts"</option>
                    {r.districts.iter().map(|d| view! { <option value=d.value.clone() selected=d.value == r.district>{d.label.clone()}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Show"</button>
        </form>
        <p class="govuk-body tb-no-print">
            <a class="govuk-link" href=format!("/mid-year-reviews/{}/export/roll-up.docx{query}", r.year) download="">"Download as Word (.docx)"</a>
            " · "
            <a class="govuk-link" href=format!("/mid-year-reviews/{}/export/roll-up.xlsx{query}", r.year) download="">"Download as Excel (.xlsx)"</a>
        </p>
        <p class="govuk-body" data-testid="rollup-totals">{format!("{} of {} partnerships have submitted their review. Across the reviews submitted, {}.", submitted.len(), r.partnerships.len(), r.totals)}</p>

        <h2 class="govuk-heading-m">"Action progress by partnership"</h2>
        {(!submitted.is_empty()).then(|| progress_chart(&submitted))}
        <div class="tb-table-scroll" tabindex="0" role="region" aria-label="Actions at each stage, by partnership">
        <table class="govuk-table" data-testid="progress-table">
            <caption class="govuk-table__caption govuk-table__caption--s">"Actions at each stage, by partnership"</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">"Partnership"</th>
                {Progress::ALL.iter().map(|p| view! { <th scope="col" class="govuk-table__header govuk-table__header--numeric">{p.label()}</th> }).collect_view()}
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"All"</th>
            </tr></thead>
            <tbody class="govuk-table__body">
                {submitted.iter().map(|p| view! {
                    <tr class="govuk-table__row" data-testid=format!("progress-{}", p.slug)>
                        <th scope="row" class="govuk-table__header"><a class="govuk-link" href=format!("/partnerships/{}/plans/{}/mid-year-review", p.slug, r.year)>{p.name.clone()}</a>
                            {p.late.then(|| view! { " " <Tag colour=TagColour::Red text="Late" /> })}</th>
                        {Progress::ALL.iter().map(|s| view! { <td class="govuk-table__cell govuk-table__cell--numeric">{p.counts.get(*s)}</td> }).collect_view()}
                        <td class="govuk-table__cell govuk-table__cell--numeric">{p.counts.total()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
        {(!waiting.is_empty()).then(|| view! {
            <p class="govuk-body" data-testid="rollup-waiting">{format!("Not yet submitted: {}.", waiting.iter().map(|p| format!("{} ({})", p.name, p.status.map_or("not started", |s| s.label()).to_lowercase())).collect::<Vec<_>>().join("; "))}</p>
        })}

        <h2 class="govuk-heading-m">"Measures by Board priority"</h2>
        {r.priorities.iter().map(|g| view! {
            <div class="tb-table-scroll" tabindex="0" role="region" aria-label=g.title.clone()>
            <table class="govuk-table tb-table--small" data-testid="rollup-priority">
                <caption class="govuk-table__caption govuk-table__caption--s">{g.title.clone()}</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Partnership"</th>
                    <th scope="col" class="govuk-table__header">"Measure"</th>
                    <th scope="col" class="govuk-table__header">"Latest"</th>
                    <th scope="col" class="govuk-table__header">"Target"</th>
                    <th scope="col" class="govuk-table__header">"Against England"</th>
                    <th scope="col" class="govuk-table__header">"Trend"</th>
                    <th scope="col" class="govuk-table__header">"RAG"</th>
                    <th scope="col" class="govuk-table__header">"Forecast"</th>
                </tr></thead>
                <tbody class="govuk-table__body">
                    {if g.rows.is_empty() {
                        view! { <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="8">"No submitted review measures this priority yet."</td></tr> }.into_any()
                    } else {
                        g.rows.iter().map(|m| view! {
                            <tr class="govuk-table__row">
                                <td class="govuk-table__cell">{m.partnership.clone()}</td>
                                <td class="govuk-table__cell">{m.measure.indicator.clone()}</td>
                                <td class="govuk-table__cell">{match (&m.measure.latest, &m.measure.period) { (Some(v), Some(p)) => format!("{v} ({p})"), _ => "—".into() }}</td>
                                <td class="govuk-table__cell">{format!("{} by {}", m.measure.target, m.measure.due)}</td>
                                <td class="govuk-table__cell">{m.measure.comparison.label()}</td>
                                <td class="govuk-table__cell">{m.measure.trend.label()}</td>
                                <td class="govuk-table__cell">{rag_tag(m.measure.rag)}</td>
                                <td class="govuk-table__cell">{m.forecast.clone().unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        }).collect_view().into_any()
                    }}
                </tbody>
            </table>
            </div>
        }).collect_view()}

        <h2 class="govuk-heading-m">"Exceptions"</h2>
        <p class="govuk-body">"Newly and persistently red figures, marked improvements to learn from, and the actions that slipped or were dropped."</p>
        {submitted.iter().map(|p| view! {
            <section data-testid=format!("exceptions-{}", p.slug)>
                <h3 class="govuk-heading-s">{p.name.clone()}</h3>
                {if p.exceptions.is_empty() && p.slips.is_empty() {
                    view! { <p class="govuk-body">"No exceptions."</p> }.into_any()
                } else {
                    view! {
                        <ul class="govuk-list govuk-list--bullet">
                            {p.exceptions.iter().map(|e| view! {
                                <li>{format!("{}: {} {} — {} ({})", e.kind.label(), e.code, e.title, e.value.clone().unwrap_or_else(|| "no figure".into()), e.period)}
                                    {e.previous.clone().map(|v| format!(", was {v}"))}</li>
                            }).collect_view()}
                            {p.slips.iter().map(|s| view! { <li data-testid="rollup-slip">{format!("{}: {}", s.kind(), s.describe())}</li> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        }).collect_view()}

        <h2 class="govuk-heading-m">"Each partnership's summary"</h2>
        {submitted.iter().map(|p| view! {
            <section data-testid=format!("summary-{}", p.slug)>
                <h3 class="govuk-heading-s">{p.name.clone()} " " {status_tag(p.status)}</h3>
                <dl class="govuk-summary-list">
                    <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">"Going well"</dt>
                        <dd class="govuk-summary-list__value tb-pre">{p.going_well.clone()}</dd>
                    </div>
                    <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">"The Board should know"</dt>
                        <dd class="govuk-summary-list__value tb-pre">{p.board_should_know.clone()}</dd>
                    </div>
                </dl>
            </section>
        }).collect_view()}
    }
}
