//! A running import's progress, asked for every 0.8 s (`data-src` on the panel the server
//! drew); when the import has finished the page is loaded again to show its outcome. Without
//! JavaScript the page refreshes itself.

use super::dom::{find, go_to, Frame};
use super::net::{get, prop};
use leptos::prelude::*;

const EVERY: std::time::Duration = std::time::Duration::from_millis(800);

#[island]
pub fn ImportProgress(children: Children) -> impl IntoView {
    let frame = Frame::new();
    Effect::new(move |_| ask_later(frame));
    view! { <div node_ref=frame>{children()}</div> }
}

fn ask_later(frame: Frame) {
    set_timeout(
        move || {
            let Some(src) = find(frame, "[data-src]").and_then(|p| p.get_attribute("data-src"))
            else {
                return;
            };
            leptos::task::spawn_local(async move {
                // Signed out or the server away: the page's own refresh carries on.
                let Ok(now) = get(&src).await else {
                    return;
                };
                if prop(&now, "running").as_bool() != Some(true) {
                    // Finished (or failed): the page shows the outcome.
                    go_to(None);
                    return;
                }
                let progress = prop(&now, "progress");
                let (done, total) = (prop(&progress, "0").as_f64(), prop(&progress, "1").as_f64());
                if let (Some(done), Some(total)) = (done, total) {
                    show_progress(frame, done as u64, total as u64);
                }
                ask_later(frame);
            });
        },
        EVERY,
    );
}

fn show_progress(frame: Frame, done: u64, total: u64) {
    let percent = (done * 100).checked_div(total).unwrap_or(0);
    if let Some(bar) = find(frame, "progress") {
        let _ = bar.set_attribute("max", &total.to_string());
        let _ = bar.set_attribute("value", &done.to_string());
        bar.set_text_content(Some(&format!("{percent}%")));
    }
    if let Some(text) = find(frame, "[data-progress-text]") {
        text.set_text_content(Some(&format!("{done} of {total} rows")));
    }
}
