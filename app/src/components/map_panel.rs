//! The selected partnership's panel beside the map: drawn with the map's page, and on its own
//! when the map's island asks for another partnership's (as HTML, so the browser carries no
//! code to draw it).

use crate::api::map::Panel;
use crate::pages::plans::status_tag;
use leptos::prelude::*;

/// The panel of the selected partnership, or a hint to select one. The map's island puts a new
/// one in `#map-panel-slot`.
pub fn panel_or_hint(panel: Option<Panel>, public: bool) -> AnyView {
    match panel {
        None => view! { <p class="govuk-body" data-testid="map-hint">"Select a partnership on the map, or in the table below, to see its plan and latest figures."</p> }.into_any(),
        Some(p) => map_panel(p, public).into_any(),
    }
}

/// The selected partnership: where its plan has got to (signed in), its priorities, its latest
/// figures with their periods, and where to go next.
fn map_panel(p: Panel, public: bool) -> impl IntoView {
    view! {
        <div class="tb-panel tb-map__panel" id="map-panel" data-testid="map-panel">
            <h2 class="govuk-heading-m">{p.name.clone()}</h2>
            {(!public).then(|| view! { <p class="govuk-body">{format!("{} plan: ", p.year)}{status_tag(p.status)}</p> })}
            {p.mid_year.clone().map(|h| view! { <p class="govuk-body-s" data-testid="map-panel-mid-year">{h}</p> })}
            {(!p.priorities.is_empty()).then(|| view! {
                <h3 class="govuk-heading-s">"Priorities"</h3>
                {p.approved_version.map(|v| view! { <p class="govuk-body-s" data-testid="map-panel-approved">{format!("As the Board approved them (version {v}).")}</p> })}
                <ul class="govuk-list govuk-list--bullet govuk-body-s">{p.priorities.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
            })}
            {(!p.figures.is_empty()).then(|| view! {
                <h3 class="govuk-heading-s">"Latest figures"</h3>
                <dl class="govuk-summary-list govuk-summary-list--no-border govuk-body-s tb-map__figures">{p.figures.iter().map(|(k, v)| view! {
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
    }
}
