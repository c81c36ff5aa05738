//! The summary: needs analysis and what children and young people told us, saved as people
//! type (JavaScript on).

use super::*;
use crate::domain::plan::AboutForm;

/// Where drafts saved as people type have got to. A draft is always based on the revision the
/// person's text started from (`based_on`), which only a successful save moves on. When a save is
/// refused because someone else saved meanwhile, drafts stop: the person sees what was saved and
/// decides; only their own "Save" replaces the newer version (`replaces`).
#[derive(Clone, Copy)]
struct Drafts {
    based_on: RwSignal<i64>,
    replaces: RwSignal<Option<i64>>,
    stopped: RwSignal<bool>,
}

impl Drafts {
    fn new(based_on: i64, stale: Option<i64>) -> Self {
        Self {
            based_on: RwSignal::new(based_on),
            replaces: RwSignal::new(stale),
            stopped: RwSignal::new(stale.is_some()),
        }
    }

    /// Follows an answer to a save (a draft's or the person's own).
    fn follow(self, answer: Option<Result<i64, AppError>>) {
        match answer {
            Some(Ok(rev)) => {
                self.based_on.set(rev);
                self.replaces.set(None);
                self.stopped.set(false);
            }
            Some(Err(AppError::Stale { revision, .. })) => {
                self.replaces.set(Some(revision));
                self.stopped.set(true);
            }
            _ => {}
        }
    }

    /// The revision the person's own "Save" names.
    fn for_save(self) -> i64 {
        self.replaces.get().unwrap_or_else(|| self.based_on.get())
    }
}

#[component]
pub fn PlanAboutPage() -> impl IntoView {
    let save = ServerAction::<SaveAbout>::new();
    let draft = ServerAction::<SaveAbout>::new();
    let here = super::super::plans::plan_key();
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            let (slug, year) = here();
            reload_to(&format!("/partnerships/{slug}/plans/{year}"));
        }
    });
    let title = "Needs analysis and what children and young people told us";
    plan_frame(title, move |page, flash, _| {
        let Some(plan) = page.plan.clone() else {
            return missing("The plan").into_any();
        };
        let can_edit = editable(&page);
        let flash_errors = flash.clone();
        let errors = Signal::derive(move || {
            let mut e = errors_of(save.value().get(), &flash_errors);
            if let Some(Err(x)) = draft.value().get() {
                e.extend(x.form_errors());
            }
            e
        });
        let typed = flash
            .as_ref()
            .and_then(|f| f.form::<AboutForm>())
            .unwrap_or_else(|| AboutForm::from_saved(&plan));
        let drafts = Drafts::new(plan.revision, flash.as_ref().and_then(|f| f.revision));
        Effect::new(move |_| drafts.follow(draft.value().get()));
        Effect::new(move |_| drafts.follow(save.value().get()));
        let needs_ref = NodeRef::<leptos::html::Textarea>::new();
        let said_ref = NodeRef::<leptos::html::Textarea>::new();
        let timer = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
        let plan_id = plan.id;
        let on_input = move |_| {
            if let Some(h) = timer.get_value() {
                h.clear();
            }
            if drafts.stopped.get_untracked() {
                return;
            }
            let handle = set_timeout_with_handle(
                move || {
                    // Checked again when it fires: a refusal may have come in meanwhile.
                    if drafts.stopped.get_untracked() || save.pending().get_untracked() {
                        return;
                    }
                    let (Some(n), Some(s)) = (needs_ref.get_untracked(), said_ref.get_untracked())
                    else {
                        return;
                    };
                    draft.dispatch(SaveAbout {
                        plan_id,
                        revision: drafts.based_on.get_untracked(),
                        form: AboutForm {
                            needs_summary: n.value(),
                            young_people_said: s.value(),
                        },
                        autosave: Some("yes".into()),
                    });
                },
                std::time::Duration::from_millis(1200),
            );
            timer.set_value(handle.ok());
        };
        let status = move || {
            if draft.pending().get() {
                "Saving your draft…".to_string()
            } else if drafts.stopped.get() {
                "Drafts are no longer saved as you type: someone else has saved this page. Check the message above, then save to keep your version.".to_string()
            } else {
                match draft.value().get() {
                    Some(Ok(_)) => "Draft saved.".to_string(),
                    Some(Err(_)) => {
                        "Your draft could not be saved: see the message above.".to_string()
                    }
                    None => String::new(),
                }
            }
        };
        let base = page.base();
        view! {
            <a href=base.clone() class="govuk-back-link">"Back to the plan"</a>
            <ErrorSummary errors />
            {plan_heading(&page, title.into())}
            {read_only_note(&page)}
            {if can_edit {
                view! {
                    <ActionForm action=save attr:novalidate=true attr:data-testid="about-form">
                        <input type="hidden" name="plan_id" value=plan.id />
                        <input type="hidden" name="revision" value=move || drafts.for_save().to_string() />
                        <div on:input=on_input>
                            {text_group(AboutForm::needs_summary, "Summary of the needs analysis", "What the local data and partners' knowledge say children and young people here need most.", typed.needs_summary.clone(), errors, needs_ref)}
                            {text_group(AboutForm::young_people_said, "What children and young people told us", "From consultations, youth councils and surveys: in their words where you can.", typed.young_people_said.clone(), errors, said_ref)}
                        </div>
                        <p class="govuk-body-s tb-muted" aria-live="polite" data-testid="autosave-status">{status}</p>
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Save and return to the plan"</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <h2 class="govuk-heading-m">"Summary of the needs analysis"</h2>
                    <p class="govuk-body tb-pre">{plan.needs_summary.clone()}</p>
                    <h2 class="govuk-heading-m">"What children and young people told us"</h2>
                    <p class="govuk-body tb-pre">{plan.young_people_said.clone()}</p>
                }.into_any()
            }}
        }
        .into_any()
    })
}

/// A long text with its label, hint and inline error, whose value the draft saver reads.
fn text_group(
    field: crate::domain::form::Field,
    label: &'static str,
    hint: &'static str,
    value: String,
    errors: Signal<Vec<FieldError>>,
    node: NodeRef<leptos::html::Textarea>,
) -> impl IntoView {
    let id = field.key();
    let error = move || crate::components::forms::message_for(&errors.get(), id);
    let group = move || {
        if error().is_some() {
            "govuk-form-group govuk-form-group--error"
        } else {
            "govuk-form-group"
        }
    };
    let described = move || {
        if error().is_some() {
            format!("{id}-hint {id}-error")
        } else {
            format!("{id}-hint")
        }
    };
    view! {
        <div class=group>
            <label class="govuk-label govuk-label--s" for=id>{label}</label>
            <div class="govuk-hint" id=format!("{id}-hint")>{hint}</div>
            {move || error().map(|m| view! { <p class="govuk-error-message" id=format!("{id}-error")><span class="govuk-visually-hidden">"Error: "</span>{m}</p> })}
            <textarea class="govuk-textarea" id=id name=field.name() rows="8" aria-describedby=described node_ref=node>{value}</textarea>
        </div>
    }
}
