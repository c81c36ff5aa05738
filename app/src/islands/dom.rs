//! Small helpers over the page the server drew, for the islands (which find what they act on
//! by selector inside themselves, instead of drawing it).

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, Event};

/// The island's own element (the wrapper it puts around what the server drew).
pub type Frame = NodeRef<leptos::html::Div>;

/// The element matching `selector` inside the island.
pub fn find(frame: Frame, selector: &str) -> Option<Element> {
    frame
        .get_untracked()?
        .query_selector(selector)
        .ok()
        .flatten()
}

/// The element matching `selector` that an event happened in (or on).
pub fn closest(ev: &Event, selector: &str) -> Option<Element> {
    ev.target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

/// Shows an element the server drew hidden.
pub fn show(frame: Frame, selector: &str) {
    if let Some(e) = find(frame, selector) {
        let _ = e.remove_attribute("hidden");
    }
}

/// Loads the page afresh (or another).
pub fn go_to(href: Option<&str>) {
    let location = window().location();
    let _ = match href {
        Some(h) => location.assign(h),
        None => location.reload(),
    };
}
