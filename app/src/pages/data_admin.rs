//! Administration of the data: the indicator catalogue with each indicator's rating rule, and
//! imports of measurements (upload, preview and column mapping, the check, the import with
//! its progress).

use crate::api::catalogue::{catalogue_choices, get_indicator, list_indicators, SaveIndicator};
use crate::api::imports::{
    get_import, list_imports, ImportProgress as ImportProgressQuery, RunImport, SetMapping,
};
use crate::api::take_flash;
use crate::components::forms::{
    errors_of, ErrorSummary, Radios, Select, SuccessBanner, TextArea, TextInput,
};
use crate::domain::date::format_number;
use crate::domain::geo::thousands;
use crate::domain::import::Tally;
use crate::domain::Choice;
use crate::islands::import_progress::ImportProgress;
use crate::pages::sign_in_link;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn IndicatorsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_indicators());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text="Indicator catalogue" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let notice = flash.await.ok().flatten().and_then(|f| f.notice);
                let list = match data.await {
                    Ok(l) => l,
                    Err(e) => return sign_in_link(e, "/admin/indicators").into_any(),
                };
                view! {
                    {notice.map(|n| view! { <SuccessBanner message=n /> })}
                    <h1 class="govuk-heading-l">"Indicator catalogue"</h1>
                    <p class="govuk-body">"What each indicator measures, which way is better, and how it is rated."</p>
                    <div class="govuk-button-group">
                        <a href="/admin/indicators/new" class="govuk-button">"Add an indicator"</a>
                        <a href="/admin/imports" class="govuk-button govuk-button--secondary">"Import measurements"</a>
                        <a href="/admin/map" class="govuk-button govuk-button--secondary">"Boundaries and the public map"</a>
                    </div>
                    <table class="govuk-table" data-testid="indicators">
                        <caption class="govuk-table__caption govuk-table__caption--m">{format!("{} indicators", list.len())}</caption>
                        <thead class="govuk-table__head"><tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Indicator"</th>
                            <th scope="col" class="govuk-table__header">"Unit"</th>
                            <th scope="col" class="govuk-table__header">"Better when"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Tolerance"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Figures held"</th>
                        </tr></thead>
                        <tbody class="govuk-table__body">
                            {list.into_iter().map(|i| view! {
                                <tr class="govuk-table__row">
                                    <th scope="row" class="govuk-table__header"><a class="govuk-link" href=format!("/admin/indicators/{}", i.id)>{format!("{} {}", i.code, i.title)}</a></th>
                                    <td class="govuk-table__cell">{i.unit.parse::<crate::domain::Unit>().map(|u| u.label()).unwrap_or("")}</td>
                                    <td class="govuk-table__cell">{i.polarity.parse::<crate::domain::Polarity>().map(|u| u.label()).unwrap_or("")}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{format_number(i.rag_tolerance)}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{i.measurements}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn IndicatorPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let data = Resource::new(id, get_indicator);
    let flash = Resource::new(|| (), |_| take_flash());
    let save = ServerAction::<SaveIndicator>::new();
    view! {
        <Title text="Indicator" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let i = match data.await {
                    Ok(i) => i,
                    Err(e) => return sign_in_link(e, "/admin/indicators").into_any(),
                };
                let v = |f: &str, saved: String| flash.as_ref().and_then(|x| x.get(f)).unwrap_or(saved);
                let v_code = v("code", i.code.clone());
                let v_title = v("title", i.title.clone());
                let v_unit = v("unit", i.unit.clone());
                let v_polarity = v("polarity", i.polarity.clone());
                let v_geography_level = v("geography_level", i.geography_level.clone());
                let v_frequency = v("frequency", i.frequency.clone());
                let v_source = v("source", i.source.clone());
                let v_notes = v("notes", i.notes.clone());
                let v_rag_tolerance = v("rag_tolerance", format_number(i.rag_tolerance));
                let v_small_number_threshold = v("small_number_threshold", format_number(i.small_number_threshold));
                let v_trend_threshold = v("trend_threshold", format_number(i.trend_threshold));
                let flash_errors = flash.clone();
                let errors = Signal::derive(move || errors_of(save.value().get(), &flash_errors));
                let choices = catalogue_choices();
                let heading = if i.id == 0 { "Add an indicator".to_string() } else { format!("{} {}", i.code, i.title) };
                view! {
                    <a href="/admin/indicators" class="govuk-back-link">"Back to the catalogue"</a>
                    <ErrorSummary errors />
                    <h1 class="govuk-heading-l">{heading}</h1>
                    <ActionForm action=save attr:novalidate=true attr:data-testid="indicator-form">
                        <input type="hidden" name="id" value=i.id />
                        <TextInput id="code" label="Code" hint="For example, NI 112" value=v_code errors width="govuk-input--width-10" />
                        <TextInput id="title" label="Title" value=v_title errors />
                        <Select id="unit" label="Unit" choices=choices.units.clone() selected=v_unit errors />
                        <Select id="polarity" label="Which way is better" choices=choices.polarities.clone() selected=v_polarity errors />
                        <Select id="geography-level" name="geography_level" label="Published for" choices=choices.geographies.clone() selected=v_geography_level errors />
                        <Select id="frequency" label="Published" choices=choices.frequencies.clone() selected=v_frequency errors />
                        <TextInput id="source" label="Source" value=v_source errors />
                        <TextArea id="notes" label="Notes" value=v_notes errors rows=3 />
                        <h2 class="govuk-heading-m">"How it is rated"</h2>
                        <TextInput id="rag-tolerance" name="rag_tolerance" label="Tolerance" hint="How far short of a target, in the indicator's unit, is still amber." value=v_rag_tolerance errors width="govuk-input--width-5" />
                        <TextInput id="small-number-threshold" name="small_number_threshold" label="Small-number threshold" hint="Counts below this are flagged, not rated." value=v_small_number_threshold errors width="govuk-input--width-5" />
                        <TextInput id="trend-threshold" name="trend_threshold" label="Trend threshold" hint="Changes smaller than this, in the unit, are “no significant change”." value=v_trend_threshold errors width="govuk-input--width-5" />
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Save indicator"</button>
                    </ActionForm>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn ImportsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_imports());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text="Import measurements" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let d = match data.await {
                    Ok(d) => d,
                    Err(e) => return sign_in_link(e, "/admin/imports").into_any(),
                };
                let flash_errors = flash.clone();
                let errors = Signal::derive(move || errors_of::<()>(None, &flash_errors));
                let choices: Vec<Choice> = std::iter::once(Choice { value: String::new(), label: "Choose the indicator".into() }).chain(d.indicators.clone()).collect();
                view! {
                    <a href="/admin/indicators" class="govuk-back-link">"Back to the catalogue"</a>
                    <ErrorSummary errors />
                    <h1 class="govuk-heading-l">"Import measurements"</h1>
                    <p class="govuk-body">"A tidy CSV file: one row per area and period, with the area code, period and value, and optionally the area name, count, denominator and confidence interval. You will see a preview and a check of every row before anything is imported."</p>
                    <form method="post" action="/admin/imports/upload" enctype="multipart/form-data" data-testid="upload-form">
                        <Select id="indicator" label="Indicator" choices=choices selected=flash.as_ref().map(|f| f.value("indicator")).unwrap_or_default() errors />
                        <div class=move || if crate::components::forms::message_for(&errors.get(), "file").is_some() { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }>
                            <label class="govuk-label" for="file">"CSV file"</label>
                            {move || crate::components::forms::message_for(&errors.get(), "file").map(|m| view! { <p class="govuk-error-message" id="file-error"><span class="govuk-visually-hidden">"Error: "</span>{m}</p> })}
                            <input class="govuk-file-upload" id="file" name="file" type="file" accept=".csv,text/csv" />
                        </div>
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Upload and preview"</button>
                    </form>
                    {(!d.recent.is_empty()).then(|| view! {
                        <h2 class="govuk-heading-m">"Recent imports"</h2>
                        <table class="govuk-table">
                            <caption class="govuk-visually-hidden">"Recent imports"</caption>
                            <thead class="govuk-table__head"><tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"File"</th>
                                <th scope="col" class="govuk-table__header">"Indicator"</th>
                                <th scope="col" class="govuk-table__header">"Status"</th>
                                <th scope="col" class="govuk-table__header">"By"</th>
                            </tr></thead>
                            <tbody class="govuk-table__body">
                                {d.recent.iter().map(|(id, file, indicator, status, by)| view! {
                                    <tr class="govuk-table__row">
                                        <td class="govuk-table__cell"><a class="govuk-link" href=format!("/admin/imports/{id}")>{file.clone()}</a></td>
                                        <td class="govuk-table__cell">{indicator.clone()}</td>
                                        <td class="govuk-table__cell">{status.clone()}</td>
                                        <td class="govuk-table__cell">{by.clone()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    })}
                }.into_any()
            })}
        </Suspense>
    }
}

/// What a file's rows are for, as rows of a summary list: kept, skipped, suppressed, bad.
#[component]
fn TallyRows(tally: Tally) -> impl IntoView {
    tally
        .lines()
        .into_iter()
        .map(|(what, said)| {
            view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{what}</dt>
                    <dd class="govuk-summary-list__value">{said}</dd>
                </div>
            }
        })
        .collect_view()
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let data = Resource::new(id, get_import);
    let flash = Resource::new(|| (), |_| take_flash());
    let mapping = ServerAction::<SetMapping>::new();
    let run = ServerAction::<RunImport>::new();
    view! {
        <Title text="Import" />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let d = match data.await {
                    Ok(d) => d,
                    Err(e) => return sign_in_link(e, "/admin/imports").into_any(),
                };
                let notice = flash.as_ref().and_then(|f| f.notice.clone());
                let flash_errors = flash.clone();
                let errors = Signal::derive(move || {
                    let mut e = errors_of(mapping.value().get(), &flash_errors);
                    if let Some(Err(x)) = run.value().get() { e.extend(x.form_errors()); }
                    e
                });
                let none = || Choice { value: String::new(), label: "None".into() };
                let cols = d.columns.clone();
                let with_none: Vec<Choice> = std::iter::once(none()).chain(cols.iter().cloned()).collect();
                let pick = |c: Option<usize>| c.map(|i| i.to_string()).unwrap_or_default();
                let m = d.mapping;
                let running = d.status == "running";
                view! {
                    {running.then(|| view! { <Meta http_equiv="refresh" content="2" /> })}
                    <a href="/admin/imports" class="govuk-back-link">"Back to imports"</a>
                    {notice.map(|n| view! { <SuccessBanner message=n /> })}
                    <ErrorSummary errors />
                    <span class="govuk-caption-l">{d.indicator.clone()}</span>
                    <h1 class="govuk-heading-l">{d.file_name.clone()}</h1>
                    {match d.status.as_str() {
                        "running" => {
                            let (done, total) = d.progress.unwrap_or((0, d.rows));
                            let pct = (done * 100).checked_div(total).unwrap_or(0);
                            let src = format!("{}?id={}", <ImportProgressQuery as leptos::server_fn::ServerFn>::PATH, d.id);
                            view! {
                                <ImportProgress>
                                    <div class="tb-panel" data-testid="import-progress" data-src=src>
                                        <label class="govuk-label" for="progress">"Importing"</label>
                                        <progress id="progress" max=total value=done class="tb-progress">{format!("{pct}%")}</progress>
                                        <p class="govuk-body" aria-live="polite" data-progress-text>{format!("{done} of {total} rows")}</p>
                                    </div>
                                </ImportProgress>
                            }.into_any()
                        }
                        "done" | "failed" => {
                            let o = d.outcome.clone().unwrap_or_default();
                            view! {
                                <div class="govuk-panel govuk-panel--confirmation tb-panel--left" data-testid="import-outcome">
                                    <h2 class="govuk-panel__title">{if o.imported { "Imported" } else { "Nothing was imported" }}</h2>
                                    <div class="govuk-panel__body">{o.message.clone().unwrap_or_default()}</div>
                                </div>
                                <dl class="govuk-summary-list">
                                    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"New figures"</dt><dd class="govuk-summary-list__value" data-testid="outcome-added">{thousands(o.added)}</dd></div>
                                    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Figures changed"</dt><dd class="govuk-summary-list__value">{thousands(o.changed)}</dd></div>
                                    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Already held"</dt><dd class="govuk-summary-list__value">{thousands(o.unchanged)}</dd></div>
                                    <TallyRows tally=o.tally() />
                                </dl>
                            }.into_any()
                        }
                        _ => ().into_any(),
                    }}

                    <h2 class="govuk-heading-m">"Preview"</h2>
                    <div class="tb-table-scroll" tabindex="0" role="region" aria-label="The first rows of the file">
                        <table class="govuk-table govuk-body-s" data-testid="import-preview">
                            <caption class="govuk-visually-hidden">"The first rows of the file"</caption>
                            <thead class="govuk-table__head"><tr class="govuk-table__row">
                                {d.header.iter().map(|h| view! { <th scope="col" class="govuk-table__header">{h.clone()}</th> }).collect_view()}
                            </tr></thead>
                            <tbody class="govuk-table__body">
                                {d.preview.iter().map(|r| view! {
                                    <tr class="govuk-table__row">{r.iter().map(|c| view! { <td class="govuk-table__cell">{c.clone()}</td> }).collect_view()}</tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>

                    {(d.status == "uploaded" || d.status == "failed").then(|| view! {
                        <h2 class="govuk-heading-m">"Columns"</h2>
                        {d.mapping_problem.clone().map(|p| view! { <p class="govuk-body">{p}" Choose the columns below."</p> })}
                        <ActionForm action=mapping attr:novalidate=true attr:data-testid="mapping-form">
                            <input type="hidden" name="id" value=d.id />
                            <div class="tb-filters">
                                <Select id="area-code" name="area_code" label="Area code" choices=cols.clone() selected=pick(m.map(|m| m.area_code)) errors />
                                <Select id="area-name" name="area_name" label="Area name" choices=with_none.clone() selected=pick(m.and_then(|m| m.area_name)) errors />
                                <Select id="period" label="Period" choices=cols.clone() selected=pick(m.map(|m| m.period)) errors />
                                <Select id="value" label="Value" choices=cols.clone() selected=pick(m.map(|m| m.value)) errors />
                                <Select id="count" label="Count" choices=with_none.clone() selected=pick(m.and_then(|m| m.count)) errors />
                                <Select id="denominator" label="Denominator" choices=with_none.clone() selected=pick(m.and_then(|m| m.denominator)) errors />
                                <Select id="ci-lower" name="ci_lower" label="Lower confidence limit" choices=with_none.clone() selected=pick(m.and_then(|m| m.ci_lower)) errors />
                                <Select id="ci-upper" name="ci_upper" label="Upper confidence limit" choices=with_none.clone() selected=pick(m.and_then(|m| m.ci_upper)) errors />
                                <Select id="significance" label="Significance (compared with England)" choices=with_none.clone() selected=pick(m.and_then(|m| m.significance)) errors />
                            </div>
                            <button type="submit" class="govuk-button govuk-button--secondary">"Use these columns"</button>
                        </ActionForm>

                        <h2 class="govuk-heading-m">"Check"</h2>
                        {d.tally.map(|t| view! {
                            <p class="govuk-body">"Before anything is imported, this is what the file holds:"</p>
                            <dl class="govuk-summary-list" data-testid="import-check">
                                <TallyRows tally=t />
                            </dl>
                        })}
                        {(!d.bad.is_empty()).then(|| view! {
                            <table class="govuk-table" data-testid="bad-rows">
                                <caption class="govuk-table__caption govuk-table__caption--s">"Rows that cannot be imported"</caption>
                                <thead class="govuk-table__head"><tr class="govuk-table__row">
                                    <th scope="col" class="govuk-table__header">"Line"</th>
                                    <th scope="col" class="govuk-table__header">"Why"</th>
                                </tr></thead>
                                <tbody class="govuk-table__body">
                                    {d.bad.iter().take(200).map(|b| view! {
                                        <tr class="govuk-table__row">
                                            <td class="govuk-table__cell">{b.line}</td>
                                            <td class="govuk-table__cell">{b.reason.clone()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            {(d.bad.len() > 200).then(|| view! { <p class="govuk-body">{format!("…and {} more.", d.bad.len() - 200)}</p> })}
                        })}
                        {(d.mapping.is_some() && d.good > 0).then(|| {
                            let modes = vec![
                                Choice { value: "all_or_nothing".into(), label: if d.bad.is_empty() { "Import every row".to_string() } else { "Import nothing until the file is fixed".to_string() } },
                                Choice { value: "valid_rows_only".into(), label: format!("Import only the {} valid rows", thousands(d.good)) },
                            ];
                            view! {
                                <ActionForm action=run attr:novalidate=true attr:data-testid="run-form">
                                    <input type="hidden" name="id" value=d.id />
                                    <Radios id="mode" legend="What to import" choices=modes selected="all_or_nothing" errors />
                                    <button type="submit" class="govuk-button" data-module="govuk-button">"Import"</button>
                                </ActionForm>
                            }
                        })}
                    })}
                }.into_any()
            })}
        </Transition>
    }
}
