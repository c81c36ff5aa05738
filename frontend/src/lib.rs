//! The browser entry point. Only the islands (`#[island]` components) are compiled in: the
//! script Leptos puts in every page loads this module when the browser is idle, calls
//! `hydrate`, then hydrates each island on the page. The body is marked once they are live, so
//! that people's tools and the browser tests can tell the page is interactive
//! (`data-hydrated`), and when (`data-hydrated-at`, milliseconds since the navigation began,
//! read by `scripts/bench-phone`).

// The islands are exported from the application crate: linking it brings them in.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // The islands are hydrated right after this returns, by promises that settle before the
    // next task: a zero timeout runs once they are all live.
    leptos::prelude::set_timeout(mark_hydrated, std::time::Duration::ZERO);
}

fn mark_hydrated() {
    let window = leptos::prelude::window();
    let Some(body) = window.document().and_then(|d| d.body()) else {
        return;
    };
    let _ = body.set_attribute("data-hydrated", "true");
    if let Some(now) = window.performance().map(|p| p.now()) {
        let _ = body.set_attribute("data-hydrated-at", &(now.round() as i64).to_string());
    }
}
