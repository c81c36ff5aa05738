//! The map's island: the zoom and pan buttons, the gestures, the readout of the area under
//! the pointer or focus, and choosing an area in place — its panel fetched (as HTML drawn on
//! the server) and shown beside the map, the address updated, the map left as it was zoomed.
//!
//! Everything it acts on is drawn on the server (`children`): the map, its legend, the panel,
//! and the toolbar (hidden until the island is live). Without JavaScript each area is a link
//! that loads the page with that area's panel. The island draws nothing itself, so the
//! browser carries little code for it.

mod gestures;

use super::dom::{closest, find, show, Frame};
use super::net::get;
use gestures::Gestures;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, Event, MouseEvent};

/// The map's `<svg>` says where an area's panel comes from (`data-panel-src`, to which the
/// area's slug is added).
#[island]
pub fn MapExplorer(children: Children) -> impl IntoView {
    let frame = Frame::new();
    let g = Gestures::new(frame);
    Effect::new(move |_| {
        g.start();
        if let Some(svg) = g.svg() {
            let _ = svg.class_list().add_1("tb-map--live");
        }
        show(frame, "[data-testid=\"map-controls\"]");
    });
    Effect::new(move |_| g.draw());
    let resize = window_event_listener(leptos::ev::resize, move |_| g.measure());
    // Back and forward through areas chosen in place: the page as its address says.
    let back = window_event_listener(leptos::ev::popstate, move |_| {
        let _ = window().location().reload();
    });
    on_cleanup(move || {
        resize.remove();
        back.remove();
    });
    let click = move |ev: MouseEvent| {
        if let Some(tool) =
            closest(&ev, "[data-map-tool]").and_then(|t| t.get_attribute("data-map-tool"))
        {
            match tool.as_str() {
                "in" => g.zoom(0.67),
                "out" => g.zoom(1.5),
                "left" => g.pan(-1.0, 0.0),
                "right" => g.pan(1.0, 0.0),
                "up" => g.pan(0.0, -1.0),
                "down" => g.pan(0.0, 1.0),
                _ => g.view.set(g.whole()),
            }
            return;
        }
        let Some(area) = closest(&ev, "a[data-slug]") else {
            return;
        };
        if g.ends_drag(&ev) {
            ev.prevent_default();
            return;
        }
        // With a modifier key the browser opens the link as asked.
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        ev.prevent_default();
        let (Some(slug), Some(href)) =
            (area.get_attribute("data-slug"), area.get_attribute("href"))
        else {
            return;
        };
        choose(g, frame, slug, href, ev.detail() == 0);
    };
    let read_out = move |ev: Event| {
        let text = closest(&ev, "a[data-slug]").and_then(|a| a.get_attribute("aria-label"));
        if let (Some(text), Some(readout)) = (text, find(frame, "[data-testid=\"map-readout\"]")) {
            readout.set_text_content(Some(&text));
        }
    };
    view! {
        <div node_ref=frame
            on:wheel=move |ev| g.wheel(ev)
            on:pointerdown=move |ev| g.pointer_down(ev)
            on:pointermove=move |ev| g.pointer_move(ev)
            on:pointerup=move |ev| g.pointer_up(ev)
            on:pointercancel=move |ev| g.pointer_up(ev)
            on:click=click
            on:focusin=move |ev| read_out(ev.into())
            on:mouseover=move |ev| read_out(ev.into())>
            {children()}
        </div>
    }
}

/// Shows `slug`'s panel in place, the map as it is; whatever goes wrong, the page itself
/// (`href`) says it.
fn choose(g: Gestures, frame: Frame, slug: String, href: String, keyboard: bool) {
    let Some(src) = g.svg().and_then(|svg| svg.get_attribute("data-panel-src")) else {
        let _ = window().location().assign(&href);
        return;
    };
    leptos::task::spawn_local(async move {
        let url = format!(
            "{src}{}",
            String::from(leptos::web_sys::js_sys::encode_uri_component(&slug))
        );
        let answer = get(&url).await.ok().and_then(|html| html.as_string());
        let (Some(html), Some(slot)) = (answer, find(frame, "#map-panel-slot")) else {
            let _ = window().location().assign(&href);
            return;
        };
        slot.set_inner_html(&html);
        mark_selected(&g, &slug);
        if let Ok(history) = window().history() {
            let _ =
                history.push_state_with_url(&leptos::wasm_bindgen::JsValue::NULL, "", Some(&href));
        }
        // The area chosen by keyboard keeps the focus; the panel of one tapped or clicked
        // comes into view.
        request_animation_frame(move || {
            if keyboard {
                if let Some(area) = g
                    .svg()
                    .and_then(|svg| {
                        svg.query_selector(&format!("a[data-slug=\"{slug}\"]"))
                            .ok()
                            .flatten()
                    })
                    .and_then(|e| e.dyn_into::<leptos::web_sys::SvgElement>().ok())
                {
                    let _ = area.focus();
                }
            } else {
                reveal_panel(frame);
            }
        });
    });
}

/// Marks `slug`'s area as the selected one.
fn mark_selected(g: &Gestures, slug: &str) {
    let Some(areas) = g
        .svg()
        .and_then(|svg| svg.query_selector_all("a[data-slug]").ok())
    else {
        return;
    };
    for i in 0..areas.length() {
        let Some(a) = areas.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let chosen = a.get_attribute("data-slug").as_deref() == Some(slug);
        let _ = a
            .class_list()
            .toggle_with_force("tb-map__area--selected", chosen);
        if chosen {
            let _ = a.set_attribute("aria-current", "true");
        } else {
            let _ = a.remove_attribute("aria-current");
        }
    }
}

/// Brings the panel's heading into view when it is off the screen.
fn reveal_panel(frame: Frame) {
    let Some(heading) = find(frame, "#map-panel h2") else {
        return;
    };
    let r = heading.get_bounding_client_rect();
    let height = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    if r.top() < 0.0 || r.bottom() > height {
        heading.scroll_into_view();
    }
}
