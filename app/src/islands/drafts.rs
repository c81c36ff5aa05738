//! The plan's summary — the needs analysis and what children and young people said — saved as
//! people type. The form is drawn on the server (`children`) and posted as a plain form by the
//! person's own "Save"; the island saves drafts of what is typed in between, to the same
//! server function.
//!
//! A draft is always based on the revision the person's text started from (`data-revision` on
//! the form), which only a successful save moves on. When a draft is refused because someone
//! else saved meanwhile, drafts stop: the person sees what was saved and decides; only their
//! own "Save" (whose `revision` then names the newer one) replaces the colleague's text. The
//! server marks the form `data-drafts-stopped` when the person's own save was refused so.

use super::dom::{find, Frame};
use super::net::{form_params, post};
use crate::components::forms::ErrorSummary;
use crate::error::{AppError, FieldError};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{HtmlFormElement, HtmlInputElement};

/// How long typing must pause before a draft is saved.
const PAUSE: std::time::Duration = std::time::Duration::from_millis(1200);

#[island]
pub fn AboutEditor(children: Children) -> impl IntoView {
    let frame = Frame::new();
    let based_on = StoredValue::new(0_i64);
    let stopped = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<(), Vec<FieldError>>>);
    let timer = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
    Effect::new(move |_| {
        if let Some(form) = find(frame, "form") {
            let revision = form
                .get_attribute("data-revision")
                .and_then(|r| r.parse().ok());
            based_on.set_value(revision.unwrap_or(0));
            stopped.set(form.has_attribute("data-drafts-stopped"));
        }
    });
    let save_draft = move || {
        // Checked again when the timer fires: a refusal may have come in meanwhile.
        if stopped.get_untracked() {
            return;
        }
        let Some(form) = find(frame, "form").and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let Some(params) = form_params(&form) else {
            return;
        };
        params.set("revision", &based_on.get_value().to_string());
        params.set("autosave", "yes");
        saving.set(true);
        leptos::task::spawn_local(async move {
            let answer = post(&form.action(), &params).await;
            saving.set(false);
            match answer {
                Ok(rev) => {
                    let rev = rev.as_f64().unwrap_or(0.0) as i64;
                    based_on.set_value(rev);
                    set_revision(frame, rev);
                    outcome.set(Some(Ok(())));
                }
                Err(e) => {
                    if let AppError::Stale { revision, .. } = &e {
                        // The person's own "Save" now replaces the newer version knowingly.
                        set_revision(frame, *revision);
                        stopped.set(true);
                    }
                    outcome.set(Some(Err(e.form_errors())));
                }
            }
        });
    };
    let on_input = move |_| {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        if stopped.get_untracked() {
            return;
        }
        timer.set_value(set_timeout_with_handle(save_draft, PAUSE).ok());
    };
    let errors = Signal::derive(move || match outcome.get() {
        Some(Err(e)) => e,
        _ => vec![],
    });
    let status = move || {
        if saving.get() {
            "Saving your draft…"
        } else if stopped.get() {
            "Drafts are no longer saved as you type: someone else has saved this page. Check the message above, then save to keep your version."
        } else {
            match outcome.get() {
                Some(Ok(())) => "Draft saved.",
                Some(Err(_)) => "Your draft could not be saved: see the message above.",
                None => "",
            }
        }
    };
    view! {
        <ErrorSummary errors />
        <div node_ref=frame on:input=on_input>{children()}</div>
        <p class="govuk-body-s tb-muted" aria-live="polite" data-testid="autosave-status">{status}</p>
    }
}

/// The revision the form's own "Save" names.
fn set_revision(frame: Frame, revision: i64) {
    if let Some(input) =
        find(frame, "input[name=\"revision\"]").and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
    {
        input.set_value(&revision.to_string());
    }
}
