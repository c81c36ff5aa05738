//! Priorities.

use super::*;
use crate::api::plans::GetActionsTable;
use crate::components::actions_table::actions_table;
use crate::domain::plan::{ActionForm, PriorityForm};
use crate::islands::add_action::ActionsEditor;

#[component]
pub fn PriorityPage() -> impl IntoView {
    let priority_id = id_param("id");
    let page = plan_resource();
    let add = ServerAction::<AddPriority>::new();
    let save = ServerAction::<SavePriority>::new();
    let quick_action = ServerAction::<SaveAction>::new();
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
            let typed = flash
                .as_ref()
                .and_then(|f| f.form::<PriorityForm>())
                .unwrap_or_default();
            return view! {
                <a href=base.clone() class="govuk-back-link">"Back to the plan"</a>
                <ErrorSummary errors />
                {plan_heading(&page, "Add a local priority".into())}
                {read_only_note(&page)}
                {can_edit.then(|| view! {
                    <ActionForm action=add attr:novalidate=true>
                        <input type="hidden" name="plan_id" value=plan.id />
                        <TextInput field=PriorityForm::title label="Priority" hint="A short name, like “Reducing persistent absence”." value=typed.title errors />
                        <TextArea field=PriorityForm::outcome label="The outcome sought" hint="What will be different for children and young people." value=typed.outcome errors rows=3 />
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
        let errors = Signal::derive(move || errors_of(save.value().get(), &flash_errors));
        let initial = flash
            .as_ref()
            .and_then(|f| f.revision)
            .unwrap_or(p.revision);
        let revision = Signal::derive(move || revision_after(initial, save.value().get(), |r| *r));
        let notice = flash.as_ref().and_then(|f| f.notice.clone());
        let plan_for_rows = plan.clone();
        let partners = page.partners.clone();
        let (plan_id, p_id, mandated) = (plan.id, p.id, p.mandated);
        let typed = flash
            .as_ref()
            .and_then(|f| f.form::<PriorityForm>())
            .unwrap_or_else(|| PriorityForm::from_saved(&p));
        let mandated_title = p.title.clone();
        let table = actions_table(&plan_for_rows, &p, &base, can_edit);
        // Where the island fetches the table again after adding an action in place.
        let table_src = format!(
            "{}?slug={}&year={}&priority_id={p_id}",
            <GetActionsTable as leptos::server_fn::ServerFn>::PATH,
            page.slug,
            page.year.first_year()
        );
        view! {
            <a href=base.clone() class="govuk-back-link">"Back to the plan"</a>
            {notice.map(|n| view! { <SuccessBanner message=n /> })}
            <ErrorSummary errors />
            <span class="govuk-caption-l">{format!("{} · {} plan", page.partnership_name, page.year)}</span>
            <h1 class="govuk-heading-l">{p.title.clone()}</h1>
            {p.mandated.then(|| view! { <p class="govuk-body"><strong class="govuk-tag govuk-tag--purple">"Set by the Trust Board"</strong>" Every plan has this priority; it cannot be removed."</p> })}
            {p.added_later.then(|| view! { <p class="govuk-body" data-testid="added-later"><strong class="govuk-tag govuk-tag--yellow">"Added later"</strong>" The Board published this priority after the plan was started."</p> })}
            {read_only_note(&page)}
            {if can_edit {
                view! {
                    <ActionForm action=save attr:novalidate=true attr:data-testid="priority-form">
                        <input type="hidden" name="plan_id" value=plan_id />
                        <input type="hidden" name="priority_id" value=p_id />
                        <input type="hidden" name="revision" value=move || revision.get().to_string() />
                        {if mandated {
                            view! { <input type="hidden" name=PriorityForm::title.name() value=mandated_title /> }.into_any()
                        } else {
                            view! { <TextInput field=PriorityForm::title label="Priority" value=typed.title errors /> }.into_any()
                        }}
                        <TextArea field=PriorityForm::outcome label="The outcome sought" hint="What will be different for children and young people." value=typed.outcome errors rows=3 />
                        <TextInput field=PriorityForm::champion label="Champion" hint="Who drives this priority." value=typed.champion errors width="govuk-!-width-two-thirds" />
                        <TextInput field=PriorityForm::challenger label="Challenger" hint="Who scrutinises progress." value=typed.challenger errors width="govuk-!-width-two-thirds" />
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
                                        <td class="govuk-table__cell">{plan_for_rows.baseline_text(m)}</td>
                                        <td class="govuk-table__cell">{plan_for_rows.figure(m, m.target)}</td>
                                        <td class="govuk-table__cell">{opt_date(m.due)}</td>
                                        <td class="govuk-table__cell tb-row-actions">
                                            <a class="govuk-link" href=format!("{base}/measures/{}", m.id)>{if can_edit { "Change" } else { "View" }}<span class="govuk-visually-hidden">{format!(" measure {name}")}</span></a>
                                            {can_edit.then(|| view! {
                                                " "
                                                <a class="govuk-link tb-remove-link" href=format!("{base}/measures/{m_id}/remove")>"Remove"<span class="govuk-visually-hidden">{format!(" measure {name}")}</span></a>
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
            <ActionsEditor>
                <div data-actions-table data-src=table_src>{table}</div>
                // A refused action goes to the action's own page (all its fields), with the
                // errors and what was typed.
                {can_edit.then(|| {
                    let none = Signal::stored(Vec::new());
                    view! {
                        <div class="tb-panel" data-testid="add-action">
                            <h3 class="govuk-heading-s">"Add an action"</h3>
                            // Shown by the island once an action is added in place.
                            <div data-quick-notice></div>
                            <template data-quick-notice-text><SuccessBanner message="The action has been added." /></template>
                            <ActionForm action=quick_action attr:novalidate=true attr:data-quick-add="yes">
                                <input type="hidden" name="plan_id" value=plan_id />
                                <input type="hidden" name="priority_id" value=p_id />
                                <input type="hidden" name="action_id" value="0" />
                                <input type="hidden" name="revision" value="0" />
                                <TextInput id="new-action-description" name=ActionForm::description.name() label="What will be done" errors=none />
                                <Select id="new-action-lead" name=ActionForm::lead.name() label="Lead partner" choices=lead_choices(&partners) errors=none />
                                <div class="tb-date-pair">
                                    <TextInput id="new-action-start" name=ActionForm::start.name() label="Starts" hint="For example, 1/9/2027" errors=none width="govuk-input--width-10" />
                                    <TextInput id="new-action-due" name=ActionForm::due.name() label="Due" hint="For example, 31/3/2028" errors=none width="govuk-input--width-10" />
                                </div>
                                <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Add action"</button>
                            </ActionForm>
                            <p class="govuk-body-s">"Supporting partners, resources, pooled budget and commissioning are on each action's own page."</p>
                        </div>
                    }
                })}
            </ActionsEditor>

            {(can_edit && !p.mandated).then(|| view! {
                <h2 class="govuk-heading-m">"Remove this priority"</h2>
                <p class="govuk-body">"Its measures and actions are removed with it."</p>
                <a class="govuk-button govuk-button--warning" data-module="govuk-button" href=format!("{base}/priorities/{p_id}/remove")>"Remove priority"</a>
            })}
        }
        .into_any()
    })
}
