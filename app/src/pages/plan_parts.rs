//! The parts of a plan, each on its own page: the summary (saved as you type, with
//! JavaScript), priorities with their measures and actions (added and removed in place, with
//! JavaScript), measures, actions, the check before submission, the children and young
//! people's version, the versions and their comparison, and the whole plan to print.

use super::plans::{plan_frame, plan_frame_with, plan_heading, plan_resource, status_tag};
use crate::api::plans::{
    compare_versions, AddPriority, RemoveAction, RemoveMeasure, RemovePriority, SaveAbout,
    SaveAction, SaveMeasure, SavePriority, SaveYoungPeopleVersion, SubmitPlan,
};
use crate::api::Flash;
use crate::components::forms::{
    errors_of, reload_to, revision_after, Checkboxes, ErrorSummary, Radios, Select, SuccessBanner,
    TextArea, TextInput,
};
use crate::domain::date::{format_number, long_date, short_date};
use crate::domain::plan::{
    format_pounds, problem_location, ActionStatus, Change, Commissioning, Plan, PlanAction,
    PlanStatus, Priority,
};
use crate::domain::readability::{band, long_sentences};
use crate::domain::Choice;
use crate::error::FieldError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The value to show in a field: what was typed (back from a refused plain form post), else
/// what is saved.
fn typed_or(flash: &Option<Flash>, field: &str, saved: String) -> String {
    flash.as_ref().and_then(|f| f.get(field)).unwrap_or(saved)
}

fn id_param(name: &'static str) -> impl Fn() -> Option<i64> + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get(name).and_then(|v| v.parse().ok()))
}

fn priority_query() -> impl Fn() -> i64 + Clone + Send + Sync + 'static {
    let query = use_query_map();
    move || query.with(|q| q.get("priority").and_then(|v| v.parse().ok()).unwrap_or(0))
}

fn opt_date(d: Option<chrono::NaiveDate>) -> String {
    d.map(long_date).unwrap_or_else(|| "—".into())
}

fn opt_num(v: Option<f64>) -> String {
    v.map(format_number).unwrap_or_else(|| "—".into())
}

fn editable(page: &crate::api::plans::PlanPage) -> bool {
    page.may.edit
        && page
            .plan
            .as_ref()
            .is_some_and(|p| p.status == PlanStatus::Draft)
}

fn read_only_note(page: &crate::api::plans::PlanPage) -> impl IntoView {
    (!editable(page)).then(|| {
        let why = match page.plan.as_ref().map(|p| p.status) {
            Some(PlanStatus::Submitted) => "The plan has been submitted, so it cannot be changed until the Board decides.",
            Some(PlanStatus::Approved) => "This version has been approved and is frozen. The chair can start a new version to make changes.",
            _ if !page.may.edit => "You can read this plan but not change it.",
            _ => "",
        };
        view! { <div class="govuk-inset-text" data-testid="read-only">{why}</div> }
    })
}

/// Finds a priority of the plan.
fn priority_of(plan: &Plan, id: i64) -> Option<Priority> {
    plan.priorities.iter().find(|p| p.id == id).cloned()
}

fn missing(what: &str) -> AnyView {
    view! {
        <h1 class="govuk-heading-l">"Page not found"</h1>
        <p class="govuk-body">{format!("{what} is not part of this plan.")}</p>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// The summary: needs analysis and what children and young people told us.

#[component]
pub fn PlanAboutPage() -> impl IntoView {
    let save = ServerAction::<SaveAbout>::new();
    let draft = ServerAction::<SaveAbout>::new();
    let here = super::plans::plan_key();
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            let (slug, year) = here();
            reload_to(&format!("/partnerships/{slug}/plans/{year}"));
        }
    });
    plan_frame(
        "Needs analysis and what children and young people told us",
        move |page, flash, _| {
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
            let needs = typed_or(&flash, "needs_summary", plan.needs_summary.clone());
            let said = typed_or(&flash, "young_people_said", plan.young_people_said.clone());
            let initial = flash
                .as_ref()
                .and_then(|f| f.get("revision"))
                .and_then(|r| r.parse().ok())
                .unwrap_or(plan.revision);
            // The revision the next save is based on: it follows drafts saved as people type.
            let revision = RwSignal::new(initial);
            Effect::new(move |_| {
                let latest = draft.value().get().or_else(|| save.value().get());
                revision.set(revision_after(revision.get_untracked(), latest, |r| *r));
            });
            let needs_ref = NodeRef::<leptos::html::Textarea>::new();
            let said_ref = NodeRef::<leptos::html::Textarea>::new();
            let timer = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
            let plan_id = plan.id;
            let on_input = move |_| {
                if let Some(h) = timer.get_value() {
                    h.clear();
                }
                // A stale draft stops saving as you type: the person decides what to keep.
                if matches!(
                    draft.value().get_untracked(),
                    Some(Err(crate::error::AppError::Stale { .. }))
                ) {
                    return;
                }
                let handle = set_timeout_with_handle(
                    move || {
                        let (Some(n), Some(s)) =
                            (needs_ref.get_untracked(), said_ref.get_untracked())
                        else {
                            return;
                        };
                        draft.dispatch(SaveAbout {
                            plan_id,
                            revision: revision.get_untracked(),
                            needs_summary: n.value(),
                            young_people_said: s.value(),
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
            {plan_heading(&page, "Needs analysis and what children and young people told us".into())}
            {read_only_note(&page)}
            {if can_edit {
                view! {
                    <ActionForm action=save attr:novalidate=true attr:data-testid="about-form">
                        <input type="hidden" name="plan_id" value=plan.id />
                        <input type="hidden" name="revision" value=move || revision.get().to_string() />
                        <div on:input=on_input>
                            <div class="govuk-form-group">
                                <label class="govuk-label govuk-label--s" for="needs-summary">"Summary of the needs analysis"</label>
                                <div class="govuk-hint" id="needs-summary-hint">"What the local data and partners' knowledge say children and young people here need most."</div>
                                {move || crate::components::forms::message_for(&errors.get(), "needs-summary").map(|m| view! { <p class="govuk-error-message" id="needs-summary-error">{m}</p> })}
                                <textarea class="govuk-textarea" id="needs-summary" name="needs_summary" rows="8" aria-describedby="needs-summary-hint" node_ref=needs_ref>{needs}</textarea>
                            </div>
                            <div class="govuk-form-group">
                                <label class="govuk-label govuk-label--s" for="young-people-said">"What children and young people told us"</label>
                                <div class="govuk-hint" id="young-people-said-hint">"From consultations, youth councils and surveys: in their words where you can."</div>
                                {move || crate::components::forms::message_for(&errors.get(), "young-people-said").map(|m| view! { <p class="govuk-error-message" id="young-people-said-error">{m}</p> })}
                                <textarea class="govuk-textarea" id="young-people-said" name="young_people_said" rows="8" aria-describedby="young-people-said-hint" node_ref=said_ref>{said}</textarea>
                            </div>
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
        },
    )
}

// ---------------------------------------------------------------------------------------------
// Priorities.

#[component]
pub fn PriorityPage() -> impl IntoView {
    let priority_id = id_param("id");
    let page = plan_resource();
    let add = ServerAction::<AddPriority>::new();
    let save = ServerAction::<SavePriority>::new();
    let remove = ServerAction::<RemovePriority>::new();
    let remove_measure = ServerAction::<RemoveMeasure>::new();
    let remove_action = ServerAction::<RemoveAction>::new();
    let quick_action = ServerAction::<SaveAction>::new();
    let here = super::plans::plan_key();
    Effect::new(move |_| {
        let (slug, year) = here();
        let base = format!("/partnerships/{slug}/plans/{year}");
        if let Some(Ok(id)) = add.value().get() {
            reload_to(&format!("{base}/priorities/{id}"));
        }
        if matches!(save.value().get(), Some(Ok(_))) || matches!(remove.value().get(), Some(Ok(_)))
        {
            reload_to(&base);
        }
    });
    // Rows added or removed here change in place: the plan is fetched again.
    Effect::new(move |_| {
        let changed = matches!(remove_measure.value().get(), Some(Ok(_)))
            || matches!(remove_action.value().get(), Some(Ok(_)))
            || matches!(quick_action.value().get(), Some(Ok(_)));
        if changed {
            page.refetch();
        }
    });
    plan_frame_with(page, "Priority", move |page, flash, _| {
        let Some(plan) = page.plan.clone() else {
            return missing("The plan").into_any();
        };
        let base = page.base();
        let can_edit = editable(&page);
        let Some(pid) = priority_id() else {
            // Adding a local priority.
            let flash_errors = flash.clone();
            let errors = Signal::derive(move || errors_of(add.value().get(), &flash_errors));
            return view! {
                <a href=base.clone() class="govuk-back-link">"Back to the plan"</a>
                <ErrorSummary errors />
                {plan_heading(&page, "Add a local priority".into())}
                {read_only_note(&page)}
                {can_edit.then(|| view! {
                    <ActionForm action=add attr:novalidate=true>
                        <input type="hidden" name="plan_id" value=plan.id />
                        <TextInput id="title" label="Priority" hint="A short name, like “Reducing persistent absence”." value=typed_or(&flash, "title", String::new()) errors />
                        <TextArea id="outcome" label="The outcome sought" hint="What will be different for children and young people." value=typed_or(&flash, "outcome", String::new()) errors rows=3 />
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Add priority"</button>
                    </ActionForm>
                })}
            }
            .into_any();
        };
        let Some(p) = priority_of(&plan, pid) else {
            return missing("That priority").into_any();
        };
        let flash_errors = flash.clone();
        let errors = Signal::derive(move || {
            let mut e = errors_of(save.value().get(), &flash_errors);
            for r in [
                remove.value().get(),
                remove_measure.value().get(),
                remove_action.value().get(),
            ] {
                if let Some(Err(x)) = r {
                    e.extend(x.form_errors());
                }
            }
            if let Some(Err(x)) = quick_action.value().get() {
                e.extend(x.form_errors().into_iter().map(|f| FieldError {
                    field: if f.field.is_empty() {
                        f.field
                    } else {
                        format!("new-action-{}", f.field)
                    },
                    ..f
                }));
            }
            e
        });
        let initial = flash
            .as_ref()
            .and_then(|f| f.get("revision"))
            .and_then(|r| r.parse().ok())
            .unwrap_or(p.revision);
        let revision = Signal::derive(move || revision_after(initial, save.value().get(), |r| *r));
        let notice = flash.as_ref().and_then(|f| f.notice.clone());
        let quick_notice = move || {
            matches!(quick_action.value().get(), Some(Ok(_)))
                .then(|| view! { <SuccessBanner message="The action has been added." /> })
        };
        let plan_for_rows = plan.clone();
        let partners = page.partners.clone();
        let (plan_id, p_id, mandated) = (plan.id, p.id, p.mandated);
        let title_v = typed_or(&flash, "title", p.title.clone());
        let outcome_v = typed_or(&flash, "outcome", p.outcome.clone());
        let champion_v = typed_or(&flash, "champion", p.champion.clone().unwrap_or_default());
        let challenger_v = typed_or(
            &flash,
            "challenger",
            p.challenger.clone().unwrap_or_default(),
        );
        let mandated_title = p.title.clone();
        view! {
            <a href=base.clone() class="govuk-back-link">"Back to the plan"</a>
            {notice.map(|n| view! { <SuccessBanner message=n /> })}
            {quick_notice}
            <ErrorSummary errors />
            <span class="govuk-caption-l">{format!("{} · {} plan", page.partnership_name, page.year)}</span>
            <h1 class="govuk-heading-l">{p.title.clone()}</h1>
            {p.mandated.then(|| view! { <p class="govuk-body"><strong class="govuk-tag govuk-tag--purple">"Set by the Trust Board"</strong>" Every plan has this priority; it cannot be removed."</p> })}
            {read_only_note(&page)}
            {if can_edit {
                view! {
                    <ActionForm action=save attr:novalidate=true attr:data-testid="priority-form">
                        <input type="hidden" name="plan_id" value=plan_id />
                        <input type="hidden" name="priority_id" value=p_id />
                        <input type="hidden" name="revision" value=move || revision.get().to_string() />
                        {if mandated {
                            view! { <input type="hidden" name="title" value=mandated_title /> }.into_any()
                        } else {
                            view! { <TextInput id="title" label="Priority" value=title_v errors /> }.into_any()
                        }}
                        <TextArea id="outcome" label="The outcome sought" hint="What will be different for children and young people." value=outcome_v errors rows=3 />
                        <TextInput id="champion" label="Champion" hint="Who drives this priority." value=champion_v errors width="govuk-!-width-two-thirds" />
                        <TextInput id="challenger" label="Challenger" hint="Who scrutinises progress." value=challenger_v errors width="govuk-!-width-two-thirds" />
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Save priority"</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <dl class="govuk-summary-list">
                        <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Outcome"</dt><dd class="govuk-summary-list__value tb-pre">{p.outcome.clone()}</dd></div>
                        <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Champion"</dt><dd class="govuk-summary-list__value">{p.champion.clone().unwrap_or_else(|| "—".into())}</dd></div>
                        <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Challenger"</dt><dd class="govuk-summary-list__value">{p.challenger.clone().unwrap_or_else(|| "—".into())}</dd></div>
                    </dl>
                }.into_any()
            }}

            <h2 class="govuk-heading-m" id="measures" tabindex="-1">"Measures"</h2>
            {if p.measures.is_empty() {
                view! { <p class="govuk-body" data-testid="no-measures">{if p.mandated { "No measures yet. A priority set by the Board needs at least one before the plan can be submitted." } else { "No measures yet." }}</p> }.into_any()
            } else {
                view! {
                    <table class="govuk-table" data-testid="measures">
                        <caption class="govuk-visually-hidden">"Measures"</caption>
                        <thead class="govuk-table__head"><tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Indicator"</th>
                            <th scope="col" class="govuk-table__header">"Baseline"</th>
                            <th scope="col" class="govuk-table__header">"Target"</th>
                            <th scope="col" class="govuk-table__header">"Due"</th>
                            <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Actions"</span></th>
                        </tr></thead>
                        <tbody class="govuk-table__body">
                            {p.measures.iter().map(|m| {
                                let name = plan_for_rows.indicator_name(m.indicator_code.as_deref());
                                let m_id = m.id;
                                view! {
                                    <tr class="govuk-table__row">
                                        <td class="govuk-table__cell">{name.clone()}</td>
                                        <td class="govuk-table__cell">{format!("{}{}", opt_num(m.baseline), m.baseline_period.as_ref().map(|x| format!(" ({x})")).unwrap_or_default())}</td>
                                        <td class="govuk-table__cell">{opt_num(m.target)}</td>
                                        <td class="govuk-table__cell">{opt_date(m.due)}</td>
                                        <td class="govuk-table__cell tb-row-actions">
                                            <a class="govuk-link" href=format!("{base}/measures/{}", m.id)>{if can_edit { "Change" } else { "View" }}<span class="govuk-visually-hidden">{format!(" measure {name}")}</span></a>
                                            {can_edit.then(|| view! {
                                                <ActionForm action=remove_measure attr:class="tb-inline-form">
                                                    <input type="hidden" name="plan_id" value=plan_id />
                                                    <input type="hidden" name="priority_id" value=p_id />
                                                    <input type="hidden" name="measure_id" value=m_id />
                                                    <button type="submit" class="govuk-button govuk-button--warning tb-button--small" aria-label=format!("Remove measure {name}")>"Remove"</button>
                                                </ActionForm>
                                            })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            {can_edit.then(|| view! {
                <p class="govuk-body"><a class="govuk-button govuk-button--secondary" href=format!("{base}/measures/new?priority={}", p.id)>"Add a measure"</a></p>
            })}

            <h2 class="govuk-heading-m" id="actions" tabindex="-1">"Actions"</h2>
            {actions_table(&plan_for_rows, &p, &base, can_edit, remove_action)}
            {can_edit.then(|| {
                let errors_new = errors;
                view! {
                    <div class="tb-panel" data-testid="add-action">
                        <h3 class="govuk-heading-s">"Add an action"</h3>
                        <ActionForm action=quick_action attr:novalidate=true>
                            <input type="hidden" name="plan_id" value=plan_id />
                            <input type="hidden" name="priority_id" value=p_id />
                            <input type="hidden" name="action_id" value="0" />
                            <input type="hidden" name="revision" value="0" />
                            <input type="hidden" name="resources" value="" />
                            <input type="hidden" name="pooled_budget" value="" />
                            <input type="hidden" name="commissioning" value="neither" />
                            <input type="hidden" name="status" value="not_started" />
                            <TextInput id="new-action-description" name="description" label="What will be done" errors=errors_new />
                            <Select id="new-action-lead" name="lead" label="Lead partner" choices=lead_choices(&partners) errors=errors_new />
                            <div class="tb-date-pair">
                                <TextInput id="new-action-start" name="start" label="Starts" hint="For example, 1/9/2027" errors=errors_new width="govuk-input--width-10" />
                                <TextInput id="new-action-due" name="due" label="Due" hint="For example, 31/3/2028" errors=errors_new width="govuk-input--width-10" />
                            </div>
                            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Add action"</button>
                        </ActionForm>
                        <p class="govuk-body-s">"Supporting partners, resources, pooled budget and commissioning are on each action's own page."</p>
                    </div>
                }
            })}

            {(can_edit && !p.mandated).then(|| view! {
                <h2 class="govuk-heading-m">"Remove this priority"</h2>
                <p class="govuk-body">"Its measures and actions are removed with it."</p>
                <ActionForm action=remove>
                    <input type="hidden" name="plan_id" value=plan_id />
                    <input type="hidden" name="priority_id" value=p_id />
                    <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">"Remove priority"</button>
                </ActionForm>
            })}
        }
        .into_any()
    })
}

fn lead_choices(partners: &[Choice]) -> Vec<Choice> {
    std::iter::once(Choice {
        value: String::new(),
        label: "Choose the lead partner".into(),
    })
    .chain(partners.iter().cloned())
    .collect()
}

fn actions_table(
    plan: &Plan,
    p: &Priority,
    base: &str,
    can_edit: bool,
    remove_action: ServerAction<RemoveAction>,
) -> AnyView {
    if p.actions.is_empty() {
        return view! { <p class="govuk-body" data-testid="no-actions">"No actions yet."</p> }
            .into_any();
    }
    let rows = p
        .actions
        .iter()
        .map(|a: &PlanAction| {
            let lead = plan.organisation_name(a.lead_partner);
            let label = a.description.clone();
            let (plan_id, p_id, a_id) = (plan.id, p.id, a.id);
            view! {
                <tr class="govuk-table__row">
                    <td class="govuk-table__cell">{a.description.clone()}</td>
                    <td class="govuk-table__cell">{lead}</td>
                    <td class="govuk-table__cell">{format!("{} to {}", opt_date(a.start), opt_date(a.due))}</td>
                    <td class="govuk-table__cell">{a.status.label()}</td>
                    <td class="govuk-table__cell tb-row-actions">
                        <a class="govuk-link" href=format!("{base}/actions/{}", a.id)>{if can_edit { "Change" } else { "View" }}<span class="govuk-visually-hidden">{format!(" action {label}")}</span></a>
                        {can_edit.then(|| view! {
                            <ActionForm action=remove_action attr:class="tb-inline-form">
                                <input type="hidden" name="plan_id" value=plan_id />
                                <input type="hidden" name="priority_id" value=p_id />
                                <input type="hidden" name="action_id" value=a_id />
                                <button type="submit" class="govuk-button govuk-button--warning tb-button--small" aria-label=format!("Remove action {label}")>"Remove"</button>
                            </ActionForm>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="govuk-table" data-testid="actions">
            <caption class="govuk-visually-hidden">"Actions"</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">"Action"</th>
                <th scope="col" class="govuk-table__header">"Lead partner"</th>
                <th scope="col" class="govuk-table__header">"When"</th>
                <th scope="col" class="govuk-table__header">"Status"</th>
                <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Actions"</span></th>
            </tr></thead>
            <tbody class="govuk-table__body">{rows}</tbody>
        </table>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// Measures.

#[component]
pub fn MeasurePage() -> impl IntoView {
    let measure_id = id_param("id");
    let priority_param = priority_query();
    let save = ServerAction::<SaveMeasure>::new();
    // Where a saved measure returns to: its priority's page (set when the page renders).
    let back_to = StoredValue::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            reload_to(&back_to.get_value());
        }
    });
    plan_frame("Measure", move |page, flash, _| {
        let Some(plan) = page.plan.clone() else {
            return missing("The plan").into_any();
        };
        let base = page.base();
        let can_edit = editable(&page);
        let found = measure_id().and_then(|mid| {
            plan.priorities.iter().find_map(|p| {
                p.measures
                    .iter()
                    .find(|m| m.id == mid)
                    .map(|m| (p.clone(), m.clone()))
            })
        });
        let (priority, measure) = match (measure_id(), found) {
            (Some(_), Some((p, m))) => (p, Some(m)),
            (Some(_), None) => return missing("That measure").into_any(),
            (None, _) => match priority_of(&plan, priority_param()) {
                Some(p) => (p, None),
                None => return missing("That priority").into_any(),
            },
        };
        let flash_errors = flash.clone();
        let errors = Signal::derive(move || errors_of(save.value().get(), &flash_errors));
        let saved = |f: fn(&crate::domain::plan::Measure) -> String| {
            measure.as_ref().map(f).unwrap_or_default()
        };
        let indicator = typed_or(
            &flash,
            "indicator",
            saved(|m| m.indicator_code.clone().unwrap_or_default()),
        );
        let baseline = typed_or(
            &flash,
            "baseline",
            saved(|m| m.baseline.map(format_number).unwrap_or_default()),
        );
        let period = typed_or(
            &flash,
            "baseline_period",
            saved(|m| m.baseline_period.clone().unwrap_or_default()),
        );
        let target = typed_or(
            &flash,
            "target",
            saved(|m| m.target.map(format_number).unwrap_or_default()),
        );
        let due = typed_or(
            &flash,
            "due",
            saved(|m| m.due.map(short_date).unwrap_or_default()),
        );
        let initial = flash
            .as_ref()
            .and_then(|f| f.get("revision"))
            .and_then(|r| r.parse().ok())
            .unwrap_or(measure.as_ref().map(|m| m.revision).unwrap_or(0));
        let revision =
            Signal::derive(move || revision_after(initial, save.value().get(), |s| s.revision));
        let choices: Vec<Choice> = std::iter::once(Choice {
            value: String::new(),
            label: "Choose an indicator".into(),
        })
        .chain(page.indicators.iter().map(|i| Choice {
            value: i.code.clone(),
            label: format!("{} — {}", i.code, i.title),
        }))
        .collect();
        // The latest figure for the chosen indicator, offered as the baseline.
        let options = page.indicators.clone();
        let chosen = RwSignal::new(indicator.clone());
        let latest = move || {
            let code = chosen.get();
            options.iter().find(|o| o.code == code).and_then(|o| match (o.latest_value, &o.latest_period) {
                (Some(v), Some(p)) => Some(format!("Latest figure for this area: {} ({p}). Leave the baseline blank to use it.", format_number(v))),
                _ => None,
            })
        };
        let heading = if measure.is_some() {
            "Change a measure"
        } else {
            "Add a measure"
        };
        let warning = measure.as_ref().and_then(|m| {
            let i = plan.indicators.get(m.indicator_code.as_ref()?)?;
            crate::domain::plan::target_direction_warning(i.polarity, m.baseline?, m.target?)
        });
        let back = format!("{base}/priorities/{}", priority.id);
        back_to.set_value(back.clone());
        view! {
            <a href=back class="govuk-back-link">{format!("Back to “{}”", priority.title)}</a>
            <ErrorSummary errors />
            {plan_heading(&page, heading.into())}
            <p class="govuk-body">{format!("For the priority “{}”.", priority.title)}</p>
            {read_only_note(&page)}
            {warning.map(|w| view! {
                <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>{w}</strong></div>
            })}
            {can_edit.then(|| view! {
                <ActionForm action=save attr:novalidate=true attr:data-testid="measure-form">
                    <input type="hidden" name="plan_id" value=plan.id />
                    <input type="hidden" name="priority_id" value=priority.id />
                    <input type="hidden" name="measure_id" value=measure.as_ref().map(|m| m.id).unwrap_or(0) />
                    <input type="hidden" name="revision" value=move || revision.get().to_string() />
                    <div on:change=move |ev| { chosen.set(event_target_value(&ev)); }>
                        <Select id="indicator" label="Indicator" hint="From the Trust's indicator catalogue." choices=choices selected=indicator errors />
                    </div>
                    <p class="govuk-body-s" data-testid="latest-figure" aria-live="polite">{latest}</p>
                    <TextInput id="baseline" label="Baseline" hint="Where things stand now." value=baseline errors width="govuk-input--width-10" />
                    <TextInput id="baseline-period" name="baseline_period" label="Baseline period" hint="For example, 2025/26 or 2025." value=period errors width="govuk-input--width-10" />
                    <TextInput id="target" label="Target" value=target errors width="govuk-input--width-10" />
                    <TextInput id="due" label="Target due by" hint="For example, 31/3/2028" value=due errors width="govuk-input--width-10" />
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Save measure"</button>
                </ActionForm>
            })}
        }
        .into_any()
    })
}

// ---------------------------------------------------------------------------------------------
// Actions.

#[component]
pub fn ActionPage() -> impl IntoView {
    let action_id = id_param("id");
    let priority_param = priority_query();
    let save = ServerAction::<SaveAction>::new();
    let back_to = StoredValue::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            reload_to(&back_to.get_value());
        }
    });
    plan_frame("Action", move |page, flash, _| {
        let Some(plan) = page.plan.clone() else {
            return missing("The plan").into_any();
        };
        let base = page.base();
        let can_edit = editable(&page);
        let found = action_id().and_then(|aid| {
            plan.priorities.iter().find_map(|p| {
                p.actions
                    .iter()
                    .find(|a| a.id == aid)
                    .map(|a| (p.clone(), a.clone()))
            })
        });
        let (priority, action) = match (action_id(), found) {
            (Some(_), Some((p, a))) => (p, Some(a)),
            (Some(_), None) => return missing("That action").into_any(),
            (None, _) => match priority_of(&plan, priority_param()) {
                Some(p) => (p, None),
                None => return missing("That priority").into_any(),
            },
        };
        let flash_errors = flash.clone();
        let errors = Signal::derive(move || errors_of(save.value().get(), &flash_errors));
        let a = action.clone();
        let saved = move |f: fn(&PlanAction) -> String| a.as_ref().map(f).unwrap_or_default();
        let description = typed_or(&flash, "description", saved(|a| a.description.clone()));
        let lead = typed_or(
            &flash,
            "lead",
            saved(|a| a.lead_partner.map(|v| v.to_string()).unwrap_or_default()),
        );
        let supporting: Vec<String> = typed_or(
            &flash,
            "supporting",
            saved(|a| {
                a.supporting_partners
                    .iter()
                    .map(|v| v.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            }),
        )
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
        let start = typed_or(
            &flash,
            "start",
            saved(|a| a.start.map(short_date).unwrap_or_default()),
        );
        let due = typed_or(
            &flash,
            "due",
            saved(|a| a.due.map(short_date).unwrap_or_default()),
        );
        let resources = typed_or(&flash, "resources", saved(|a| a.resources.clone()));
        let budget = typed_or(
            &flash,
            "pooled_budget",
            saved(|a| a.pooled_budget_pence.map(format_pounds).unwrap_or_default()),
        );
        let commissioning = typed_or(
            &flash,
            "commissioning",
            saved(|a| a.commissioning.as_str().to_string()),
        );
        let commissioning = if commissioning.is_empty() {
            "neither".to_string()
        } else {
            commissioning
        };
        let status = typed_or(&flash, "status", saved(|a| a.status.as_str().to_string()));
        let initial = flash
            .as_ref()
            .and_then(|f| f.get("revision"))
            .and_then(|r| r.parse().ok())
            .unwrap_or(action.as_ref().map(|a| a.revision).unwrap_or(0));
        let revision =
            Signal::derive(move || revision_after(initial, save.value().get(), |s| s.revision));
        let heading = if action.is_some() {
            "Change an action"
        } else {
            "Add an action"
        };
        let back = format!("{base}/priorities/{}", priority.id);
        back_to.set_value(back.clone());
        let status_choices: Vec<Choice> = ActionStatus::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str().into(),
                label: s.label().into(),
            })
            .collect();
        let commissioning_choices: Vec<Choice> = Commissioning::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str().into(),
                label: s.label().into(),
            })
            .collect();
        view! {
            <a href=back class="govuk-back-link">{format!("Back to “{}”", priority.title)}</a>
            <ErrorSummary errors />
            {plan_heading(&page, heading.into())}
            <p class="govuk-body">{format!("For the priority “{}”.", priority.title)}</p>
            {read_only_note(&page)}
            {can_edit.then(|| view! {
                <ActionForm action=save attr:novalidate=true attr:data-testid="action-form">
                    <input type="hidden" name="plan_id" value=plan.id />
                    <input type="hidden" name="priority_id" value=priority.id />
                    <input type="hidden" name="action_id" value=action.as_ref().map(|a| a.id).unwrap_or(0) />
                    <input type="hidden" name="revision" value=move || revision.get().to_string() />
                    <TextArea id="description" label="What will be done" value=description errors rows=3 />
                    <Select id="lead" label="Lead partner" hint="The organisation that answers for it." choices=lead_choices(&page.partners) selected=lead errors />
                    <Checkboxes id="supporting" name="supporting" legend="Supporting partners" choices=page.partners.clone() checked=supporting errors />
                    <div class="tb-date-pair">
                        <TextInput id="start" label="Starts" hint="For example, 1/9/2027" value=start errors width="govuk-input--width-10" />
                        <TextInput id="due" label="Due" hint="For example, 31/3/2028" value=due errors width="govuk-input--width-10" />
                    </div>
                    <TextArea id="resources" label="Resources" hint="People, time and money committed." value=resources errors rows=2 />
                    <TextInput id="pooled-budget" name="pooled_budget" label="Pooled-budget contribution (optional)" hint="In pounds, for example £12,500" value=budget errors width="govuk-input--width-10" />
                    <Radios id="commissioning" legend="Does this commission or de-commission a service?" choices=commissioning_choices selected=commissioning errors />
                    <Select id="status" label="Status" choices=status_choices selected=status errors />
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Save action"</button>
                </ActionForm>
            })}
        }
        .into_any()
    })
}

// ---------------------------------------------------------------------------------------------
// Check and submit.

#[component]
pub fn SubmitPlanPage() -> impl IntoView {
    let submit = ServerAction::<SubmitPlan>::new();
    let here = super::plans::plan_key();
    Effect::new(move |_| {
        if let Some(Ok(_)) = submit.value().get() {
            let (slug, year) = here();
            reload_to(&format!("/partnerships/{slug}/plans/{year}"));
        }
    });
    plan_frame("Check and submit the plan", move |page, flash, _| {
        let Some(plan) = page.plan.clone() else {
            return missing("The plan").into_any();
        };
        let base = page.base();
        // The gaps as they stand, each linking to the field on the page where it is fixed.
        let gaps: Vec<FieldError> = page
            .problems
            .iter()
            .map(|p| {
                let link = problem_location(&p.anchor)
                    .map(|(pg, f)| format!("{base}/{pg}#{f}"))
                    .unwrap_or_default();
                FieldError::new(&link, p.message.clone())
            })
            .collect();
        let errors = Signal::derive(move || {
            let e = errors_of(submit.value().get(), &flash);
            if e.is_empty() {
                gaps.clone()
            } else {
                e
            }
        });
        let ready = page.problems.is_empty();
        view! {
            <a href=base.clone() class="govuk-back-link">"Back to the plan"</a>
            <ErrorSummary errors />
            {plan_heading(&page, "Check and submit the plan".into())}
            <p class="govuk-body" data-testid="submit-readiness">{if ready {
                "Every measure and action has a lead and a timescale, and every priority set by the Board has a measure. The plan can be submitted.".to_string()
            } else {
                format!("{} things need fixing before the plan can be submitted: they are listed above, each linking to where it is fixed.", page.problems.len())
            }}</p>
            {(!page.warnings.is_empty()).then(|| view! {
                <h2 class="govuk-heading-m">"Worth a second look"</h2>
                <ul class="govuk-list govuk-list--bullet" data-testid="submit-warnings">{page.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
            })}
            {(page.may.submit && plan.status == PlanStatus::Draft).then(|| view! {
                <ActionForm action=submit>
                    <input type="hidden" name="plan_id" value=plan.id />
                    <input type="hidden" name="revision" value=plan.revision />
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Submit the plan to the Trust Board"</button>
                </ActionForm>
            })}
        }
        .into_any()
    })
}

// ---------------------------------------------------------------------------------------------
// The children and young people's version.

#[component]
pub fn YoungPeoplePage() -> impl IntoView {
    let save = ServerAction::<SaveYoungPeopleVersion>::new();
    let here = super::plans::plan_key();
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            let (slug, year) = here();
            reload_to(&format!("/partnerships/{slug}/plans/{year}/young-people"));
        }
    });
    plan_frame(
        "The children and young people's version",
        move |page, flash, _| {
            let Some(plan) = page.plan.clone() else {
                return missing("The plan").into_any();
            };
            let base = page.base();
            let can_edit = editable(&page);
            let flash_errors = flash.clone();
            let errors = Signal::derive(move || errors_of(save.value().get(), &flash_errors));
            let text = plan.young_people_text();
            let typed = typed_or(&flash, "text", text.clone());
            let notice = flash.as_ref().and_then(|f| f.notice.clone());
            let initial = flash
                .as_ref()
                .and_then(|f| f.get("revision"))
                .and_then(|r| r.parse().ok())
                .unwrap_or(plan.revision);
            let revision =
                Signal::derive(move || revision_after(initial, save.value().get(), |r| *r));
            let score = page.readability.clone();
            let long = long_sentences(&text, 20);
            view! {
            <div class="tb-no-print">
                <a href=base.clone() class="govuk-back-link">"Back to the plan"</a>
                {notice.map(|n| view! { <SuccessBanner message=n /> })}
                <ErrorSummary errors />
                {plan_heading(&page, "The children and young people's version".into())}
                <p class="govuk-body">{if plan.young_people_version.is_some() {
                    "This version has been edited by the partnership."
                } else {
                    "This version is generated from the plan in short, plain sentences. Check it and make it your own."
                }}</p>
                {score.map(|r| {
                    let (label, advice) = band(r.score);
                    view! {
                        <div class="tb-panel" data-testid="readability">
                            <h2 class="govuk-heading-s">"How easy it is to read"</h2>
                            <p class="govuk-body"><span class="tb-big-number">{format!("{:.0}", r.score)}</span>" out of 100 (Flesch reading ease): "<strong>{label}</strong></p>
                            <p class="govuk-body-s">{format!("{advice} Aim for 70 or more. {} words in {} sentences, {:.1} words a sentence on average.", r.words, r.sentences, r.average_sentence_length)}</p>
                            {(!long.is_empty()).then(|| view! {
                                <p class="govuk-body-s">"Sentences to shorten:"</p>
                                <ul class="govuk-list govuk-list--bullet govuk-body-s">{long.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
                            })}
                        </div>
                    }
                })}
                {can_edit.then(|| view! {
                    <ActionForm action=save attr:novalidate=true attr:data-testid="young-people-form">
                        <input type="hidden" name="plan_id" value=plan.id />
                        <input type="hidden" name="revision" value=move || revision.get().to_string() />
                        <TextArea id="text" label="The text of the leaflet" hint="One idea a line. Headings on their own line." value=typed errors rows=16 />
                        <div class="govuk-button-group">
                            <button type="submit" class="govuk-button" data-module="govuk-button">"Save this version"</button>
                            <button type="submit" name="regenerate" value="yes" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Go back to the generated version"</button>
                        </div>
                    </ActionForm>
                })}
                <h2 class="govuk-heading-m">"The leaflet"</h2>
                <p class="govuk-body">"Print this page to get the two-page leaflet: only the leaflet is printed."</p>
            </div>
            <section class="tb-leaflet" aria-label="Leaflet" data-testid="leaflet">
                {leaflet(&text)}
            </section>
        }
        .into_any()
        },
    )
}

/// The leaflet: the first line as its title, lines without a full stop as headings.
fn leaflet(text: &str) -> impl IntoView {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().unwrap_or_default().to_string();
    let body = lines
        .map(|l| {
            let heading = !l.ends_with(['.', '!', '?', ':']) && l.split_whitespace().count() <= 10;
            if heading {
                view! { <h3 class="tb-leaflet__heading">{l.to_string()}</h3> }.into_any()
            } else {
                view! { <p class="tb-leaflet__text">{l.to_string()}</p> }.into_any()
            }
        })
        .collect_view();
    view! {
        <h2 class="tb-leaflet__title">{title}</h2>
        <div class="tb-leaflet__columns">{body}</div>
    }
}

// ---------------------------------------------------------------------------------------------
// Versions and their comparison.

#[component]
pub fn VersionsPage() -> impl IntoView {
    let query = use_query_map();
    let pair = move || {
        query.with(|q| {
            let n = |k: &str| q.get(k).and_then(|v| v.parse::<i32>().ok());
            (n("from"), n("to"))
        })
    };
    let key = super::plans::plan_key();
    let comparison = Resource::new(
        move || (key(), pair()),
        |((slug, year), pair)| async move {
            match pair {
                (Some(from), Some(to)) => compare_versions(slug, year, from, to).await.map(Some),
                _ => Ok(None),
            }
        },
    );
    plan_frame("Versions", move |page, _, _| {
        let Some(plan) = page.plan.clone() else {
            return missing("The plan").into_any();
        };
        let base = page.base();
        let mut choices: Vec<Choice> = page
            .versions
            .iter()
            .map(|v| Choice {
                value: v.version.to_string(),
                label: format!("Version {} (approved)", v.version),
            })
            .collect();
        let current_is_snapshot = plan.status == PlanStatus::Approved;
        if !current_is_snapshot {
            choices.push(Choice {
                value: "0".into(),
                label: format!(
                    "Version {} ({}, as it stands)",
                    plan.version,
                    plan.status.label().to_lowercase()
                ),
            });
        }
        let (from, to) = pair();
        let default_from = from
            .map(|v| v.to_string())
            .or_else(|| choices.first().map(|c| c.value.clone()))
            .unwrap_or_default();
        let default_to = to
            .map(|v| v.to_string())
            .or_else(|| choices.last().map(|c| c.value.clone()))
            .unwrap_or_default();
        let no_errors = Signal::derive(Vec::new);
        view! {
            <a href=base.clone() class="govuk-back-link">"Back to the plan"</a>
            {plan_heading(&page, "Versions".into())}
            <table class="govuk-table" data-testid="versions">
                <caption class="govuk-visually-hidden">"Versions of the plan"</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Version"</th>
                    <th scope="col" class="govuk-table__header">"Status"</th>
                    <th scope="col" class="govuk-table__header">"Approved"</th>
                </tr></thead>
                <tbody class="govuk-table__body">
                    {page.versions.iter().map(|v| view! {
                        <tr class="govuk-table__row">
                            <td class="govuk-table__cell">{v.version}</td>
                            <td class="govuk-table__cell">{status_tag(Some(PlanStatus::Approved))}</td>
                            <td class="govuk-table__cell">{format!("{} by {}", v.approved_at.format("%-d %B %Y %H:%M"), v.approved_by)}</td>
                        </tr>
                    }).collect_view()}
                    {(!current_is_snapshot).then(|| view! {
                        <tr class="govuk-table__row">
                            <td class="govuk-table__cell">{plan.version}</td>
                            <td class="govuk-table__cell">{status_tag(Some(plan.status))}</td>
                            <td class="govuk-table__cell">"—"</td>
                        </tr>
                    })}
                </tbody>
            </table>
            {(choices.len() >= 2).then(|| view! {
                <h2 class="govuk-heading-m">"Compare two versions"</h2>
                <form method="get" action=format!("{base}/versions") class="tb-compare-form">
                    <Select id="from" label="From" choices=choices.clone() selected=default_from errors=no_errors />
                    <Select id="to" label="To" choices=choices.clone() selected=default_to errors=no_errors />
                    <button type="submit" class="govuk-button govuk-button--secondary">"Compare"</button>
                </form>
            })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match comparison.await {
                        Ok(Some(c)) => comparison_table(c).into_any(),
                        Ok(None) => ().into_any(),
                        Err(e) => view! { <p class="govuk-error-message">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        }
        .into_any()
    })
}

fn comparison_table(c: crate::api::plans::Comparison) -> impl IntoView {
    let empty = c.changes.is_empty();
    view! {
        <h2 class="govuk-heading-m" id="changes">{format!("{} compared with {}", c.to_label, c.from_label)}</h2>
        {if empty {
            view! { <p class="govuk-body" data-testid="no-changes">"Nothing changed between these versions."</p> }.into_any()
        } else {
            view! {
                <table class="govuk-table tb-comparison" data-testid="comparison">
                    <caption class="govuk-visually-hidden">"What was added, removed and changed"</caption>
                    <thead class="govuk-table__head"><tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Change"</th>
                        <th scope="col" class="govuk-table__header">"What"</th>
                        <th scope="col" class="govuk-table__header">{c.from_label.clone()}</th>
                        <th scope="col" class="govuk-table__header">{c.to_label.clone()}</th>
                    </tr></thead>
                    <tbody class="govuk-table__body">
                        {c.changes.into_iter().map(|ch| {
                            let (tag, what, before, after) = match ch {
                                Change::Added(w) => (view! { <strong class="govuk-tag govuk-tag--green">"Added"</strong> }.into_any(), w.clone(), "—".to_string(), w),
                                Change::Removed(w) => (view! { <strong class="govuk-tag govuk-tag--red">"Removed"</strong> }.into_any(), w.clone(), w, "—".to_string()),
                                Change::Changed { what, before, after } => (view! { <strong class="govuk-tag govuk-tag--blue">"Changed"</strong> }.into_any(), what, before, after),
                            };
                            view! {
                                <tr class="govuk-table__row">
                                    <td class="govuk-table__cell">{tag}</td>
                                    <td class="govuk-table__cell">{what}</td>
                                    <td class="govuk-table__cell tb-before">{before}</td>
                                    <td class="govuk-table__cell tb-after">{after}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

// ---------------------------------------------------------------------------------------------
// The whole plan, to read and print.

#[component]
pub fn PlanDocumentPage() -> impl IntoView {
    view! {
        <Title text="The plan" />
        {plan_frame("The plan", move |page, _, _| {
            let Some(plan) = page.plan.clone() else { return missing("The plan").into_any() };
            let base = page.base();
            view! {
                <div class="tb-no-print">
                    <a href=base.clone() class="govuk-back-link">"Back to the plan"</a>
                    <p class="govuk-body">"Print this page, or save it as a PDF from your browser's print dialogue. "
                        <a class="govuk-link" href=format!("{base}/export/plan.docx") download="">"Download it as a Word document"</a>"."</p>
                </div>
                <article class="tb-document" data-testid="plan-document">
                    <h1 class="govuk-heading-l">{format!("{}: local delivery plan {}", plan.partnership_name, plan.year)}</h1>
                    <p class="govuk-body">{format!("Version {} · {}", plan.version, plan.status.label())}</p>
                    <h2 class="govuk-heading-m">"Needs analysis"</h2>
                    <p class="govuk-body tb-pre">{plan.needs_summary.clone()}</p>
                    <h2 class="govuk-heading-m">"What children and young people told us"</h2>
                    <p class="govuk-body tb-pre">{plan.young_people_said.clone()}</p>
                    {plan.priorities.iter().map(|p| document_priority(&plan, p)).collect_view()}
                </article>
            }
            .into_any()
        })}
    }
}

fn document_priority(plan: &Plan, p: &Priority) -> impl IntoView {
    view! {
        <section class="tb-document__priority">
            <h2 class="govuk-heading-m">{p.title.clone()}{p.mandated.then_some(" (set by the Trust Board)")}</h2>
            <dl class="govuk-summary-list govuk-summary-list--no-border">
                <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Outcome"</dt><dd class="govuk-summary-list__value tb-pre">{p.outcome.clone()}</dd></div>
                <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Champion"</dt><dd class="govuk-summary-list__value">{p.champion.clone().unwrap_or_else(|| "—".into())}</dd></div>
                <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Challenger"</dt><dd class="govuk-summary-list__value">{p.challenger.clone().unwrap_or_else(|| "—".into())}</dd></div>
            </dl>
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--s">"Measures"</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Indicator"</th>
                    <th scope="col" class="govuk-table__header">"Baseline"</th>
                    <th scope="col" class="govuk-table__header">"Target"</th>
                    <th scope="col" class="govuk-table__header">"Due"</th>
                </tr></thead>
                <tbody class="govuk-table__body">
                    {p.measures.iter().map(|m| view! {
                        <tr class="govuk-table__row">
                            <td class="govuk-table__cell">{plan.indicator_name(m.indicator_code.as_deref())}</td>
                            <td class="govuk-table__cell">{format!("{}{}", opt_num(m.baseline), m.baseline_period.as_ref().map(|x| format!(" ({x})")).unwrap_or_default())}</td>
                            <td class="govuk-table__cell">{opt_num(m.target)}</td>
                            <td class="govuk-table__cell">{opt_date(m.due)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--s">"Actions"</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Action"</th>
                    <th scope="col" class="govuk-table__header">"Lead and supporting partners"</th>
                    <th scope="col" class="govuk-table__header">"When"</th>
                    <th scope="col" class="govuk-table__header">"Resources"</th>
                </tr></thead>
                <tbody class="govuk-table__body">
                    {p.actions.iter().map(|a| {
                        let supporters = a.supporting_partners.iter().map(|s| plan.organisation_name(Some(*s))).collect::<Vec<_>>().join(", ");
                        let mut resources = a.resources.clone();
                        if let Some(b) = a.pooled_budget_pence { resources = format!("{resources} Pooled budget: {}.", format_pounds(b)).trim().to_string(); }
                        if a.commissioning != Commissioning::Neither { resources = format!("{resources} {}.", a.commissioning.label()).trim().to_string(); }
                        view! {
                            <tr class="govuk-table__row">
                                <td class="govuk-table__cell">{a.description.clone()}<br /><span class="govuk-body-s tb-muted">{a.status.label()}</span></td>
                                <td class="govuk-table__cell">{plan.organisation_name(a.lead_partner)}{(!supporters.is_empty()).then(|| view! { <br /><span class="govuk-body-s">{format!("With {supporters}")}</span> })}</td>
                                <td class="govuk-table__cell">{format!("{} to {}", opt_date(a.start), opt_date(a.due))}</td>
                                <td class="govuk-table__cell">{resources}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
