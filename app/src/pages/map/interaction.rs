//! The map's interaction in the browser (an enhancement: without JavaScript every area is a
//! link and the whole map is shown): wheel zoom about the pointer, drag to pan (a drag never
//! selects), pinch to zoom, the area chosen by keyboard keeping the focus, the panel of a
//! tapped area brought into view, and the areas' names sized in screen pixels.

use crate::domain::map::{label_font, ViewBox};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{MouseEvent, PointerEvent, WheelEvent};

/// The names' size on the screen, in pixels, once the page is live.
const LABEL_PX: f64 = 13.0;
/// Without JavaScript, the names' size in map units (set in the style sheet): for a desktop
/// (the map about 620 px wide) and for a phone (about 360 px).
pub const LABEL_UNITS_WIDE: f64 = 16.0;
pub const LABEL_UNITS_NARROW: f64 = 28.0;
/// A pointer moving less than this (in pixels) is a click, not a drag.
const DRAG_PX: f64 = 6.0;

#[derive(Debug, Clone, Default)]
struct Pointers {
    /// The pointers down on the map: id and where (client pixels).
    down: Vec<(i32, (f64, f64))>,
    /// The view and the pointers when the current gesture started.
    start: Option<(ViewBox, Vec<(i32, (f64, f64))>)>,
    /// The gesture has moved the map: the click that ends it selects nothing.
    moved: bool,
}

/// What stays on the page while the map's data reloads (another area selected).
#[derive(Clone, Copy)]
pub struct MapState {
    pub view: RwSignal<ViewBox>,
    pub whole: RwSignal<ViewBox>,
    pub live: RwSignal<bool>,
    pub readout: RwSignal<String>,
    /// The drawn map's size in pixels (once measured).
    size: RwSignal<Option<(f64, f64)>>,
    /// The area chosen by keyboard: focused again once the page is redrawn.
    refocus: RwSignal<Option<String>>,
    /// An area was chosen by pointer: its panel is brought into view once drawn.
    reveal: RwSignal<bool>,
    pointers: StoredValue<Pointers>,
}

impl MapState {
    pub fn new() -> Self {
        let live = RwSignal::new(false);
        Effect::new(move |_| live.set(true));
        Self {
            view: RwSignal::new(ViewBox::whole(800.0, 600.0)),
            whole: RwSignal::new(ViewBox::whole(0.0, 0.0)),
            live,
            readout: RwSignal::new(String::new()),
            size: RwSignal::new(None),
            refocus: RwSignal::new(None),
            reveal: RwSignal::new(false),
            pointers: StoredValue::new(Pointers::default()),
        }
    }

    /// The names' size in map units, once the map has been measured (JavaScript).
    pub fn label_font(&self) -> Option<f64> {
        let size = self.size.get()?;
        Some(label_font(LABEL_PX, self.view.get().units_per_px(size)))
    }

    /// Measures the drawn map.
    pub fn measure(&self, svg: NodeRef<leptos::svg::Svg>) {
        if let Some(r) = rect(svg) {
            self.size.set(Some((r.2, r.3)));
        }
    }

    /// Whether a click on area `slug` should select it in the page (JavaScript): not when it
    /// ends a drag (then nothing is selected), nor with a modifier key (the browser opens the
    /// link as asked).
    pub fn chose(&self, ev: &MouseEvent, slug: &str) -> bool {
        // A click from the keyboard (Enter) has no pointer and a detail of 0.
        let keyboard = ev.detail() == 0;
        if !keyboard && self.pointers.with_value(|p| p.moved) {
            self.pointers.update_value(|p| p.moved = false);
            ev.prevent_default();
            return false;
        }
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return false;
        }
        ev.prevent_default();
        if keyboard {
            self.refocus.set(Some(slug.to_string()));
        } else {
            self.reveal.set(true);
        }
        true
    }

    /// Once the newly selected area's page is drawn.
    pub fn after_selection(&self) {
        let document = document();
        if let Some(slug) = self.refocus.get_untracked() {
            self.refocus.set(None);
            let area = document
                .query_selector(&format!("[data-testid=\"map\"] a[data-slug=\"{slug}\"]"))
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<leptos::web_sys::SvgElement>().ok());
            if let Some(area) = area {
                let _ = area.focus();
            }
        }
        if self.reveal.get_untracked() {
            self.reveal.set(false);
            if let Ok(Some(heading)) = document.query_selector("#map-panel h2") {
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
        }
    }

    /// The wheel zooms about the pointer; past the whole map it scrolls the page as usual.
    pub fn wheel(&self, ev: WheelEvent, svg: NodeRef<leptos::svg::Svg>) {
        let Some((left, top, w, h)) = rect(svg) else {
            return;
        };
        let delta = ev.delta_y()
            * match ev.delta_mode() {
                1 => 16.0,
                2 => 400.0,
                _ => 1.0,
            };
        let factor = (delta * 0.002).clamp(-1.0, 1.0).exp();
        let (view, whole) = (self.view.get_untracked(), self.whole.get_untracked());
        if factor >= 1.0 && view == whole {
            return;
        }
        ev.prevent_default();
        let at = view.point_at(
            (
                f64::from(ev.client_x()) - left,
                f64::from(ev.client_y()) - top,
            ),
            (w, h),
        );
        self.view.set(view.zoom_at(factor, at, whole));
    }

    pub fn pointer_down(&self, ev: PointerEvent, _svg: NodeRef<leptos::svg::Svg>) {
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        let at = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let view = self.view.get_untracked();
        self.pointers.update_value(|p| {
            if p.down.is_empty() {
                p.moved = false;
            }
            p.down.retain(|(id, _)| *id != ev.pointer_id());
            p.down.push((ev.pointer_id(), at));
            p.start = Some((view, p.down.clone()));
        });
    }

    pub fn pointer_move(&self, ev: PointerEvent, svg: NodeRef<leptos::svg::Svg>) {
        let id = ev.pointer_id();
        let at = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let Some((left, top, w, h)) = rect(svg) else {
            return;
        };
        let whole = self.whole.get_untracked();
        let mut capture = false;
        let next = self.pointers.try_update_value(|p| {
            let i = p.down.iter().position(|(d, _)| *d == id)?;
            p.down[i].1 = at;
            let (start_view, start) = p.start.clone()?;
            match (start.as_slice(), p.down.as_slice()) {
                ([(_, from)], [(_, now)]) => {
                    let (dx, dy) = (now.0 - from.0, now.1 - from.1);
                    if !p.moved && dx.hypot(dy) < DRAG_PX {
                        return None;
                    }
                    capture = !p.moved;
                    p.moved = true;
                    let s = start_view.units_per_px((w, h));
                    Some(start_view.pan(-dx * s, -dy * s, whole))
                }
                ([(_, a0), (_, b0)], [(_, a1), (_, b1)]) => {
                    let before = (a0.0 - b0.0).hypot(a0.1 - b0.1);
                    let after = (a1.0 - b1.0).hypot(a1.1 - b1.1);
                    if before < 1.0 || after < 1.0 {
                        return None;
                    }
                    p.moved = true;
                    let mid = ((a0.0 + b0.0) / 2.0 - left, (a0.1 + b0.1) / 2.0 - top);
                    let point = start_view.point_at(mid, (w, h));
                    Some(start_view.zoom_at(before / after, point, whole))
                }
                _ => None,
            }
        });
        if let Some(Some(view)) = next {
            ev.prevent_default();
            if capture {
                // Keeps the drag when the pointer leaves the map; the click that ends it then
                // goes to the map, not an area.
                if let Some(el) = svg.get_untracked() {
                    let _ = el.set_pointer_capture(id);
                }
            }
            self.view.set(view);
        }
    }

    pub fn pointer_up(&self, ev: PointerEvent) {
        let view = self.view.get_untracked();
        self.pointers.update_value(|p| {
            p.down.retain(|(id, _)| *id != ev.pointer_id());
            // The rest of a pinch carries on as a drag from here.
            p.start = (!p.down.is_empty()).then(|| (view, p.down.clone()));
        });
    }
}

/// The drawn map's left, top, width and height in client pixels.
fn rect(svg: NodeRef<leptos::svg::Svg>) -> Option<(f64, f64, f64, f64)> {
    let el = svg.get_untracked()?;
    let r = el.get_bounding_client_rect();
    (r.width() > 0.0 && r.height() > 0.0).then(|| (r.left(), r.top(), r.width(), r.height()))
}
