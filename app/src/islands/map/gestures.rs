//! The map's gestures in the browser (an enhancement: without JavaScript every area is a link
//! and the whole map is shown): wheel zoom about the pointer, drag to pan (a drag never
//! selects), pinch to zoom, and the areas' names sized in screen pixels. The map itself is
//! drawn on the server; these act on its element.

use crate::domain::map::{label_fits, label_font, tenths, ViewBox};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, MouseEvent, PointerEvent, SvgElement, WheelEvent};

/// The names' size on the screen, in pixels, once the page is live.
const LABEL_PX: f64 = 13.0;
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

/// The map's view and gestures. `frame` holds the server-drawn map; `whole` is read from it.
#[derive(Clone, Copy)]
pub struct Gestures {
    pub view: RwSignal<ViewBox>,
    whole: StoredValue<ViewBox>,
    frame: NodeRef<leptos::html::Div>,
    /// The drawn map's size in pixels (once measured).
    size: RwSignal<Option<(f64, f64)>>,
    pointers: StoredValue<Pointers>,
}

impl Gestures {
    pub fn new(frame: NodeRef<leptos::html::Div>) -> Self {
        let whole = ViewBox::whole(0.0, 0.0);
        Self {
            view: RwSignal::new(whole),
            whole: StoredValue::new(whole),
            frame,
            size: RwSignal::new(None),
            pointers: StoredValue::new(Pointers::default()),
        }
    }

    /// The map's `<svg>`.
    pub fn svg(&self) -> Option<SvgElement> {
        self.frame
            .get_untracked()?
            .query_selector("svg[data-testid=\"map\"]")
            .ok()
            .flatten()?
            .dyn_into::<SvgElement>()
            .ok()
    }

    /// Reads the whole map from the map the server drew (its first `viewBox`).
    pub fn start(&self) {
        let drawn = self.svg().and_then(|svg| svg.get_attribute("viewBox"));
        if let Some(whole) = drawn.as_deref().and_then(ViewBox::from_attr) {
            self.whole.set_value(whole);
            self.view.set(whole);
        }
        self.measure();
    }

    /// The whole map.
    pub fn whole(&self) -> ViewBox {
        self.whole.get_value()
    }

    /// Shows the view on the map, and sizes the names for it.
    pub fn draw(&self) {
        let view = self.view.get();
        let size = self.size.get();
        if view.w <= 0.0 {
            return;
        }
        let Some(svg) = self.svg() else {
            return;
        };
        let _ = svg.set_attribute("viewBox", &view.attr());
        let Some(size) = size else {
            return;
        };
        let font = label_font(LABEL_PX, view.units_per_px(size));
        let Ok(labels) = svg.query_selector_all("text.tb-map__label") else {
            return;
        };
        for i in 0..labels.length() {
            let Some(label) = labels.item(i).and_then(|n| n.dyn_into::<SvgElement>().ok()) else {
                continue;
            };
            let chars = label.text_content().unwrap_or_default().chars().count();
            let fits = room(&label).is_some_and(|r| label_fits(r, chars, font));
            let style = label.style();
            let _ = style.set_property("font-size", &format!("{}px", tenths(font)));
            let _ = style.set_property("display", if fits { "inline" } else { "none" });
        }
    }

    /// Measures the drawn map.
    pub fn measure(&self) {
        if let Some(r) = self.rect() {
            self.size.set(Some((r.2, r.3)));
        }
    }

    pub fn zoom(&self, factor: f64) {
        let whole = self.whole();
        self.view.update(|v| *v = v.zoom(factor, whole));
    }

    pub fn pan(&self, dx: f64, dy: f64) {
        let whole = self.whole();
        self.view
            .update(|v| *v = v.pan(dx * v.w / 4.0, dy * v.h / 4.0, whole));
    }

    /// Whether a click ends a drag (then it selects nothing): forgets the drag.
    pub fn ends_drag(&self, ev: &MouseEvent) -> bool {
        // A click from the keyboard (Enter) has no pointer and a detail of 0.
        let keyboard = ev.detail() == 0;
        if !keyboard && self.pointers.with_value(|p| p.moved) {
            self.pointers.update_value(|p| p.moved = false);
            return true;
        }
        false
    }

    /// The wheel zooms about the pointer; past the whole map it scrolls the page as usual.
    pub fn wheel(&self, ev: WheelEvent) {
        let Some((left, top, w, h)) = self.rect() else {
            return;
        };
        let delta = ev.delta_y()
            * match ev.delta_mode() {
                1 => 16.0,
                2 => 400.0,
                _ => 1.0,
            };
        let factor = (delta * 0.002).clamp(-1.0, 1.0).exp();
        let (view, whole) = (self.view.get_untracked(), self.whole());
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

    pub fn pointer_down(&self, ev: PointerEvent) {
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

    pub fn pointer_move(&self, ev: PointerEvent) {
        let id = ev.pointer_id();
        let at = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let Some((left, top, w, h)) = self.rect() else {
            return;
        };
        let whole = self.whole();
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
                if let Some(svg) = self.svg() {
                    let _ = svg.set_pointer_capture(id);
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

    /// The drawn map's left, top, width and height in client pixels.
    fn rect(&self) -> Option<(f64, f64, f64, f64)> {
        let r = self.svg()?.get_bounding_client_rect();
        (r.width() > 0.0 && r.height() > 0.0).then(|| (r.left(), r.top(), r.width(), r.height()))
    }
}

/// The room a name has in its area (`data-room`: width and height in map units).
fn room(label: &Element) -> Option<(f64, f64)> {
    let attr = label.get_attribute("data-room")?;
    let (w, h) = attr.split_once(' ')?;
    Some((w.parse().ok()?, h.parse().ok()?))
}
