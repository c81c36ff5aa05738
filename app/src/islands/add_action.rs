//! A priority's actions, with a short form that adds one in place: the form is posted to its
//! server function, the table is fetched again (as HTML drawn on the server, from the
//! table's `data-src`), the form is cleared and a notice shown. Anything refused is posted as
//! a plain form instead, so the person lands where a plain post lands — the action's own page,
//! with the errors and everything typed — exactly as without JavaScript. The table, the form and the notice (in a `<template>`) are drawn on
//! the server (`children`).

use super::dom::{find, go_to, Frame};
use super::net::{form_params, get, post};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{HtmlFormElement, SubmitEvent};

#[island]
pub fn ActionsEditor(children: Children) -> impl IntoView {
    let frame = Frame::new();
    let submit = move |ev: SubmitEvent| {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
            .filter(|f| f.has_attribute("data-quick-add"))
        else {
            return;
        };
        let Some(params) = form_params(&form) else {
            return;
        };
        ev.prevent_default();
        leptos::task::spawn_local(async move {
            if post(&form.action(), &params).await.is_err() {
                // Refused: the plain post brings the page back with what to fix.
                let _ = form.submit();
                return;
            }
            let src = find(frame, "[data-actions-table]").and_then(|t| t.get_attribute("data-src"));
            let table = match src {
                Some(src) => get(&src).await.ok().and_then(|html| html.as_string()),
                None => None,
            };
            match (table, find(frame, "[data-actions-table]")) {
                (Some(html), Some(slot)) => {
                    slot.set_inner_html(&html);
                    form.reset();
                    let notice =
                        find(frame, "template[data-quick-notice-text]").map(|t| t.inner_html());
                    if let (Some(html), Some(slot)) = (notice, find(frame, "[data-quick-notice]")) {
                        slot.set_inner_html(&html);
                    }
                }
                // Saved, but the table could not be fetched: the page shows it.
                _ => go_to(None),
            }
        });
    };
    view! { <div node_ref=frame on:submit=submit>{children()}</div> }
}
