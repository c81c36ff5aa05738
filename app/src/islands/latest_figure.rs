//! A measure's indicator: choosing one shows its latest figure for the area, offered as the
//! baseline. The server draws the select, the hint for the indicator already chosen, and
//! (hidden) the hint for every indicator; without JavaScript the first is what shows.

use super::dom::{find, Frame};
use leptos::prelude::*;

#[island]
pub fn LatestFigure(children: Children) -> impl IntoView {
    let frame = Frame::new();
    let change = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev);
        let hint = find(frame, "[data-hints]")
            .and_then(|list| {
                let items = list.children();
                (0..items.length())
                    .filter_map(|i| items.item(i))
                    .find(|li| li.get_attribute("data-code").as_deref() == Some(code.as_str()))
            })
            .and_then(|li| li.text_content())
            .unwrap_or_default();
        if let Some(shown) = find(frame, "[data-testid=\"latest-figure\"]") {
            shown.set_text_content(Some(&hint));
        }
    };
    view! { <div node_ref=frame on:change=change>{children()}</div> }
}
