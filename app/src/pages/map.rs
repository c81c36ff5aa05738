//! The partnership map: every area a link (reachable by keyboard, named for screen readers),
//! shaded with a legend, the selected partnership's panel, and a table with the same values.

use crate::api::map::get_map;
use crate::components::forms::Select;
use crate::components::layout::DemoBanner;
use crate::pages::plans::status_tag;
use crate::pages::sign_in_link;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn MapPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.with(|q| (q.get("shade"), q.get("selected"))),
        |(shade, selected)| get_map(shade, selected),
    );
    view! {
        <Title text="Map of the partnerships" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(m) => render_map(m, false),
                    Err(e) => sign_in_link(e, "/map").into_any(),
                }
            })}
        </Suspense>
    }
}

/// The read-only map the Trust publishes: no sign-in, figures only.
#[component]
pub fn PublicMapPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.with(|q| q.get("selected")),
        crate::api::map::get_public_map,
    );
    view! {
        <Title text="Map of the partnerships" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(m) => render_map(m, true),
                    Err(e) => sign_in_link(e, "/public/map").into_any(),
                }
            })}
        </Suspense>
    }
}

fn render_map(m: crate::api::map::MapView, public: bool) -> AnyView {
    let none = Signal::derive(Vec::new);
    let shade = m.shade.clone();
    let href = move |slug: &str| {
        if public {
            format!("/public/map?selected={slug}")
        } else {
            format!("/map?shade={}&selected={slug}", shade.replace(' ', "+"))
        }
    };
    let selected = m.selected.as_ref().map(|p| p.slug.clone());
    // Zoom and pan (with JavaScript): the view box, and controls shown once the page
    // is live. Without JavaScript the whole map is shown and every area is a link.
    let (full_w, full_h) = (m.width, m.height);
    let view_box = RwSignal::new((0.0f64, 0.0f64, full_w, full_h));
    let live = RwSignal::new(false);
    // What the area in focus or under the pointer is, in words (with JavaScript).
    let readout = RwSignal::new(String::new());
    Effect::new(move |_| live.set(true));
    let zoom = move |factor: f64| {
        view_box.update(|(x, y, w, h)| {
            let (cx, cy) = (*x + *w / 2.0, *y + *h / 2.0);
            let nw = (*w * factor).clamp(full_w / 8.0, full_w);
            let nh = (*h * factor).clamp(full_h / 8.0, full_h);
            *x = (cx - nw / 2.0).clamp(0.0, full_w - nw);
            *y = (cy - nh / 2.0).clamp(0.0, full_h - nh);
            *w = nw;
            *h = nh;
        })
    };
    let pan = move |dx: f64, dy: f64| {
        view_box.update(|(x, y, w, h)| {
            *x = (*x + dx * *w / 4.0).clamp(0.0, full_w - *w);
            *y = (*y + dy * *h / 4.0).clamp(0.0, full_h - *h);
        })
    };
    view! {
                    {m.demo.then(|| view! { <DemoBanner /> })}
                    <h1 class="govuk-heading-l">"Map of the partnerships"</h1>
                    {(!public).then(|| view! {
                        <form method="get" action="/map" class="tb-filters" data-testid="map-shade">
                            <Select id="shade" label="Shade by" choices=m.shades.clone() selected=m.shade.clone() errors=none />
                            {m.selected.as_ref().map(|p| view! { <input type="hidden" name="selected" value=p.slug.clone() /> })}
                            <button type="submit" class="govuk-button govuk-button--secondary">"Show"</button>
                        </form>
                    })}
                    {m.hex.then(|| view! { <p class="govuk-inset-text">"Boundaries have not been imported, so each partnership is drawn as a hexagon."</p> })}
                    <div class="govuk-grid-row">
                        <div class="govuk-grid-column-two-thirds">
                            {move || live.get().then(|| view! {
                                <div class="govuk-button-group tb-map__controls" role="group" aria-label="Zoom and pan the map">
                                    <button type="button" class="govuk-button govuk-button--secondary tb-button--small" on:click=move |_| zoom(0.67)>"Zoom in"</button>
                                    <button type="button" class="govuk-button govuk-button--secondary tb-button--small" on:click=move |_| zoom(1.5)>"Zoom out"</button>
                                    <button type="button" class="govuk-button govuk-button--secondary tb-button--small" on:click=move |_| pan(-1.0, 0.0) aria-label="Pan left">"←"</button>
                                    <button type="button" class="govuk-button govuk-button--secondary tb-button--small" on:click=move |_| pan(1.0, 0.0) aria-label="Pan right">"→"</button>
                                    <button type="button" class="govuk-button govuk-button--secondary tb-button--small" on:click=move |_| pan(0.0, -1.0) aria-label="Pan up">"↑"</button>
                                    <button type="button" class="govuk-button govuk-button--secondary tb-button--small" on:click=move |_| pan(0.0, 1.0) aria-label="Pan down">"↓"</button>
                                    <button type="button" class="govuk-button govuk-button--secondary tb-button--small" on:click=move |_| view_box.set((0.0, 0.0, full_w, full_h))>"Reset"</button>
                                </div>
                            })}
                            <p class="govuk-body tb-map__readout" aria-hidden="true" data-testid="map-readout">{move || readout.get()}</p>
                            <svg viewBox=move || { let (x, y, w, h) = view_box.get(); format!("{x:.0} {y:.0} {w:.0} {h:.0}") } class="tb-map" role="group" aria-labelledby="map-title" data-testid="map">
                                <title id="map-title">{format!("Partnerships shaded by {}", m.shade_label)}</title>
                                {m.areas.iter().map(|a| {
                                    let is_selected = selected.as_deref() == Some(a.slug.as_str());
                                    let label = format!("{}: {}", a.name, a.label);
                                    let title = label.clone();
                                    let (shown, shown_hover) = (label.clone(), label.clone());
                                    view! {
                                        <a href=href(&a.slug) class=if is_selected { "tb-map__area tb-map__area--selected" } else { "tb-map__area" } aria-label=label.clone() aria-current=is_selected.then_some("true") data-slug=a.slug.clone()
                                            on:focus=move |_| readout.set(shown.clone()) on:mouseenter=move |_| readout.set(shown_hover.clone())>
                                            <title>{title}</title>
                                            <path d=a.path.clone() fill=a.fill.clone() fill-rule="evenodd" />
                                        </a>
                                    }
                                }).collect_view()}
                                {m.hex.then(|| m.areas.iter().map(|a| view! {
                                    <text x=a.centre.0 y=a.centre.1 text-anchor="middle" font-size="12" class="tb-map__label" aria-hidden="true">{a.name.replace(" Children's Partnership", "")}</text>
                                }).collect_view())}
                            </svg>
                            <h2 class="govuk-heading-s">{m.shade_label.clone()}</h2>
                            <ul class="govuk-list tb-legend" data-testid="map-legend">
                                {m.legend.iter().map(|(fill, text)| view! {
                                    <li><svg width="18" height="18" aria-hidden="true" focusable="false"><rect width="18" height="18" fill=fill.clone() stroke="#0b0c0c" /></svg>" " {text.clone()}</li>
                                }).collect_view()}
                            </ul>
                        </div>
                        <div class="govuk-grid-column-one-third">
                            {match m.selected.clone() {
                                None => view! { <p class="govuk-body" data-testid="map-hint">"Select a partnership on the map, or in the table below, to see its plan and latest figures."</p> }.into_any(),
                                Some(p) => view! {
                                    <div class="tb-panel" data-testid="map-panel">
                                        <h2 class="govuk-heading-m">{p.name.clone()}</h2>
                                        {(!public).then(|| view! { <p class="govuk-body">{format!("{} plan: ", p.year)}{status_tag(p.status)}</p> })}
                                        {(!p.priorities.is_empty()).then(|| view! {
                                            <h3 class="govuk-heading-s">"Priorities"</h3>
                                            {p.approved_version.map(|v| view! { <p class="govuk-body-s" data-testid="map-panel-approved">{format!("As the Board approved them (version {v}).")}</p> })}
                                            <ul class="govuk-list govuk-list--bullet govuk-body-s">{p.priorities.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
                                        })}
                                        {(!p.figures.is_empty()).then(|| view! {
                                            <h3 class="govuk-heading-s">"Latest figures"</h3>
                                            <dl class="govuk-summary-list govuk-body-s">{p.figures.iter().map(|(k, v)| view! {
                                                <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{k.clone()}</dt><dd class="govuk-summary-list__value">{v.clone()}</dd></div>
                                            }).collect_view()}</dl>
                                        })}
                                        {(!public).then(|| view! {
                                            <ul class="govuk-list">
                                                <li><a class="govuk-link" href=format!("/partnerships/{}/plans/{}", p.slug, p.year_first)>{format!("The {} plan", p.year)}</a></li>
                                                <li><a class="govuk-link" href=format!("/dashboard/spine?partnership={}", p.slug)>"Its figures against the county"</a></li>
                                            </ul>
                                        })}
                                    </div>
                                }.into_any(),
                            }}
                        </div>
                    </div>
                    <table class="govuk-table" data-testid="map-table">
                        <caption class="govuk-table__caption govuk-table__caption--m">"The same values as a table"</caption>
                        <thead class="govuk-table__head"><tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Partnership"</th>
                            <th scope="col" class="govuk-table__header">{m.shade_label.clone()}</th>
                        </tr></thead>
                        <tbody class="govuk-table__body">
                            {m.areas.iter().map(|a| view! {
                                <tr class="govuk-table__row">
                                    <th scope="row" class="govuk-table__header"><a class="govuk-link" href=href(&a.slug)>{a.name.clone()}</a></th>
                                    <td class="govuk-table__cell">{a.label.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
}

/// Administration of the map: boundaries, and the public map.
#[component]
pub fn MapAdminPage() -> impl IntoView {
    use crate::api::map::{get_map_settings, PublishMap, SetPartnershipAreas};
    use crate::api::take_flash;
    use crate::components::forms::{errors_of, reload_to, ErrorSummary, SuccessBanner};
    let data = Resource::new(|| (), |_| get_map_settings());
    let flash = Resource::new(|| (), |_| take_flash());
    let publish = ServerAction::<PublishMap>::new();
    let set_areas = ServerAction::<SetPartnershipAreas>::new();
    Effect::new(move |_| {
        if matches!(publish.value().get(), Some(Ok(_)))
            || matches!(set_areas.value().get(), Some(Ok(_)))
        {
            reload_to("/admin/map");
        }
    });
    view! {
        <Title text="The map" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let d = match data.await {
                    Ok(d) => d,
                    Err(e) => return sign_in_link(e, "/admin/map").into_any(),
                };
                let notice = flash.as_ref().and_then(|f| f.notice.clone());
                let typed = |f: &str| flash.as_ref().map(|x| x.value(f)).unwrap_or_default();
                let (typed_slug, typed_areas) = (typed("slug"), typed("areas"));
                let errors = Signal::derive(move || {
                    let mut e = errors_of(publish.value().get(), &flash);
                    if let Some(Err(x)) = set_areas.value().get() {
                        e.extend(x.form_errors());
                    }
                    e
                });
                let partnership_choices: Vec<crate::domain::Choice> = d.partnerships.iter().map(|(slug, name, _)| crate::domain::Choice { value: slug.clone(), label: name.clone() }).collect();
                let choices: Vec<crate::domain::Choice> = std::iter::once(crate::domain::Choice { value: String::new(), label: "Choose an indicator".into() }).chain(d.indicators.clone()).collect();
                view! {
                    {notice.map(|n| view! { <SuccessBanner message=n /> })}
                    <ErrorSummary errors />
                    <h1 class="govuk-heading-l">"The map"</h1>
                    <p class="govuk-body" data-testid="outline-count">{format!("{} of the partnerships have boundaries. Without them the map shows a hexagon for each.", d.outlines)}</p>
                    <h2 class="govuk-heading-m">"Import boundaries"</h2>
                    <form method="post" action="/admin/boundaries/upload" enctype="multipart/form-data" data-testid="boundary-form">
                        <div class=move || if crate::components::forms::message_for(&errors.get(), "boundary-file").is_some() { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }>
                            <label class="govuk-label" for="boundary-file">"GeoJSON or TopoJSON file of districts or wards, with ONS codes"</label>
                            {move || crate::components::forms::message_for(&errors.get(), "boundary-file").map(|m| view! { <p class="govuk-error-message" id="boundary-file-error"><span class="govuk-visually-hidden">"Error: "</span>{m}</p> })}
                            <input class="govuk-file-upload" id="boundary-file" name="file" type="file" accept=".json,.geojson,.topojson,application/json" />
                        </div>
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Import boundaries"</button>
                    </form>
                    <h2 class="govuk-heading-m">"What each partnership covers"</h2>
                    <table class="govuk-table govuk-body-s" data-testid="partnership-areas">
                        <caption class="govuk-visually-hidden">"The areas each partnership covers"</caption>
                        <thead class="govuk-table__head"><tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Partnership"</th>
                            <th scope="col" class="govuk-table__header">"Areas (ONS codes)"</th>
                        </tr></thead>
                        <tbody class="govuk-table__body">
                            {d.partnerships.iter().map(|(_, name, codes)| view! {
                                <tr class="govuk-table__row"><td class="govuk-table__cell">{name.clone()}</td><td class="govuk-table__cell">{codes.clone()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <ActionForm action=set_areas attr:novalidate=true attr:data-testid="areas-form">
                        <Select id="slug" label="Partnership" choices=partnership_choices selected=typed_slug errors />
                        <crate::components::forms::TextArea id="areas" label="Districts or wards it covers" hint="ONS codes separated by spaces or commas, for example E07000088, or a set of wards such as E05004531 E05004532. The map draws their union." value=typed_areas errors rows=2 />
                        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Set the areas"</button>
                    </ActionForm>
                    <h2 class="govuk-heading-m">"The public map"</h2>
                    <p class="govuk-body">"A read-only map anyone can open without signing in, for stakeholder events and partnerships' websites. It shows published figures only."</p>
                    <ActionForm action=publish attr:novalidate=true>
                        <div class="govuk-form-group">
                            <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                                <div class="govuk-checkboxes__item">
                                    <input class="govuk-checkboxes__input" id="published" name="published" type="checkbox" value="yes" checked=d.published />
                                    <label class="govuk-label govuk-checkboxes__label" for="published">"Publish the map at /public/map"</label>
                                </div>
                            </div>
                        </div>
                        <Select id="indicator" label="Shaded by" choices=choices selected=d.indicator.clone().unwrap_or_default() errors />
                        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Save"</button>
                    </ActionForm>
                }.into_any()
            })}
        </Suspense>
    }
}
