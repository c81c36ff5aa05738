//! The partnership map: every area a link (reachable by keyboard, named for screen readers),
//! shaded with a legend, the selected partnership's panel, and a table with the same values.

use crate::api::map::{get_map, NO_DATA};
use crate::api::map_panel::{GetMapPanel, GetPublicMapPanel};
use crate::components::forms::Select;
use crate::components::layout::DemoBanner;
use crate::components::map_panel::panel_or_hint;
use crate::domain::map::{label_fits, short_name, ViewBox, LABEL_UNITS_NARROW, LABEL_UNITS_WIDE};
use crate::islands::map::MapExplorer;
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

/// The toolbar's buttons: what each does (for the island), its name, what it shows.
const TOOLS: [(&str, &str, &str); 7] = [
    ("in", "Zoom in", "+"),
    ("out", "Zoom out", "−"),
    ("left", "Pan left", "←"),
    ("right", "Pan right", "→"),
    ("up", "Pan up", "↑"),
    ("down", "Pan down", "↓"),
    ("reset", "Reset the map", "Reset"),
];

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
    let whole = ViewBox::whole(m.width, m.height);
    // Where the island fetches an area's panel (the area's slug is added).
    let panel_src = if public {
        format!(
            "{}?selected=",
            <GetPublicMapPanel as leptos::server_fn::ServerFn>::PATH
        )
    } else {
        let shade: String = url_escape(&m.shade);
        format!(
            "{}?shade={shade}&selected=",
            <GetMapPanel as leptos::server_fn::ServerFn>::PATH
        )
    };
    // The map, its readout and legend: drawn here, made live by the island around them.
    let drawn = view! {
            <svg viewBox=whole.attr() class="tb-map" role="group" aria-labelledby="map-title" data-testid="map" data-panel-src=panel_src>
            <title id="map-title">{format!("Partnerships shaded by {}", m.shade_label)}</title>
            {m.areas.iter().map(|a| {
                let is_selected = selected.as_deref() == Some(a.slug.as_str());
                let label = format!("{}: {}", a.name, a.label);
                view! {
                    <a href=format!("{}#map-panel", href(&a.slug)) class=if is_selected { "tb-map__area tb-map__area--selected" } else { "tb-map__area" } aria-label=label.clone() aria-current=is_selected.then_some("true") data-slug=a.slug.clone()>
                        <title>{label.clone()}</title>
                        <path d=a.path.clone() fill=a.fill.clone() fill-rule="evenodd" />
                    </a>
                }
            }).collect_view()}
            {m.areas.iter().map(|a| {
                let name = short_name(&a.name).to_string();
                let chars = name.chars().count();
                let room = a.room;
                // Without JavaScript: shown where it fits on a desktop, and on a phone
                // only where it fits there too. With it, sized in screen pixels.
                let class = match (label_fits(room, chars, LABEL_UNITS_WIDE), label_fits(room, chars, LABEL_UNITS_NARROW)) {
                    (true, true) => "tb-map__label",
                    (true, false) => "tb-map__label tb-map__label--wide",
                    _ => "tb-map__label tb-map__label--small",
                };
                view! {
                    <text x=format!("{:.1}", a.label_at.0) y=format!("{:.1}", a.label_at.1) text-anchor="middle" dominant-baseline="central"
                        class=class aria-hidden="true" data-slug=a.slug.clone() data-room=format!("{:.1} {:.1}", room.0, room.1)>
                        {name}
                    </text>
                }
            }).collect_view()}
        </svg>
        <p class="govuk-body-s tb-map__readout" aria-hidden="true" data-testid="map-readout"></p>
        <h2 class="govuk-heading-s">{m.shade_label.clone()}</h2>
        {m.caption.clone().map(|c| view! { <p class="govuk-body-s" data-testid="map-period">{c}</p> })}
        <ul class="govuk-list tb-legend" data-testid="map-legend">
            {m.legend.iter().map(|(fill, text)| view! {
                <li data-step=(fill.as_str() != NO_DATA).then_some("true")><svg width="18" height="18" aria-hidden="true" focusable="false"><rect width="18" height="18" fill=fill.clone() stroke="#0b0c0c" /></svg>" " {text.clone()}</li>
            }).collect_view()}
        </ul>
    }
    .into_any();
    view! {
        {m.demo.then(|| view! { <DemoBanner /> })}
        <h1 class="govuk-heading-l">"Map of the partnerships"</h1>
        {(!public).then(|| view! {
            <form method="get" action="/map" class="tb-filters tb-filters--compact" data-testid="map-shade">
                <Select id="shade" label="Shade by" choices=m.shades.clone() selected=m.shade.clone() errors=none />
                {m.selected.as_ref().map(|p| view! { <input type="hidden" name="selected" value=p.slug.clone() /> })}
                <button type="submit" class="govuk-button govuk-button--secondary">"Show"</button>
            </form>
        })}
        {m.hex.then(|| view! { <p class="govuk-inset-text">"Boundaries have not been imported, so each partnership is drawn as a hexagon."</p> })}
        <MapExplorer>
            <div class="govuk-grid-row">
                <div class="govuk-grid-column-two-thirds">
                    // Shown once the island is live (the buttons need JavaScript).
                    <div class="tb-map__toolbar" role="group" aria-label="Zoom and pan the map" data-testid="map-controls" hidden>
                        {TOOLS.iter().map(|(tool, label, text)| view! {
                            <button type="button" class="govuk-button govuk-button--secondary tb-map__tool" data-map-tool=*tool aria-label=*label>{*text}</button>
                        }).collect_view()}
                    </div>
                    {drawn}
                </div>
                <div class="govuk-grid-column-one-third" id="map-panel-slot">
                    {panel_or_hint(m.selected.clone(), public)}
                </div>
            </div>
        </MapExplorer>
        <div class="tb-table-scroll" tabindex="0" role="region" aria-label="The map's values as a table">
            <table class="govuk-table" data-testid="map-table">
                <caption class="govuk-table__caption govuk-table__caption--m">"The same values as a table"</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Partnership"</th>
                    <th scope="col" class="govuk-table__header">{m.shade_label.clone()}</th>
                </tr></thead>
                <tbody class="govuk-table__body">
                    {m.areas.iter().map(|a| view! {
                        <tr class="govuk-table__row">
                            <th scope="row" class="govuk-table__header"><a class="govuk-link" href=format!("{}#map-panel", href(&a.slug))>{a.name.clone()}</a></th>
                            <td class="govuk-table__cell">{a.label.clone()}{a.period.clone().map(|p| view! { <span class="tb-muted">{format!(" ({p})")}</span> })}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }.into_any()
}

/// Administration of the map: boundaries, and the public map.
#[component]
pub fn MapAdminPage() -> impl IntoView {
    use crate::api::map::{get_map_settings, PublishMap, SetPartnershipAreas};
    use crate::api::take_flash;
    use crate::components::forms::{errors_of, ErrorSummary, SuccessBanner};
    let data = Resource::new(|| (), |_| get_map_settings());
    let flash = Resource::new(|| (), |_| take_flash());
    let publish = ServerAction::<PublishMap>::new();
    let set_areas = ServerAction::<SetPartnershipAreas>::new();
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

/// `text` for a query string: letters, digits and `-._~` as they are, the rest percent-encoded.
fn url_escape(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
