//! Actions.

use super::*;
use crate::domain::plan::ActionForm;

#[component]
pub fn ActionPage() -> impl IntoView {
    let action_id = id_param("id");
    let priority_param = priority_query();
    let save = ServerAction::<SaveAction>::new();
    plan_frame("Action", move |page, flash, _| {
        let Some(plan) = page.plan.clone() else {
            return missing("The plan").into_any();
        };
        let base = page.base();
        let can_edit = editable(&page);
        let (priority, action) = match item_and_priority(
            &plan,
            action_id(),
            priority_param(),
            |p| &p.actions,
            |i| i.id,
            "That action",
        ) {
            Ok(found) => found,
            Err(view) => return view,
        };
        let flash_errors = flash.clone();
        let errors = Signal::derive(move || errors_of(save.value().get(), &flash_errors));
        let typed = flash
            .as_ref()
            .and_then(|f| f.form::<ActionForm>())
            .unwrap_or_else(|| {
                action
                    .as_ref()
                    .map(ActionForm::from_saved)
                    .unwrap_or_default()
            });
        let supporting = typed.supporting_ids();
        let commissioning = if typed.commissioning.is_empty() {
            Commissioning::Neither.as_str().to_string()
        } else {
            typed.commissioning.clone()
        };
        let initial = flash
            .as_ref()
            .and_then(|f| f.revision)
            .unwrap_or(action.as_ref().map(|a| a.revision).unwrap_or(0));
        let revision =
            Signal::derive(move || revision_after(initial, save.value().get(), |s| s.revision));
        let heading = if action.is_some() {
            "Change an action"
        } else {
            "Add an action"
        };
        let details = (!can_edit)
            .then(|| action.as_ref().map(|a| action_details(&plan, a)))
            .flatten();
        let back = format!("{base}/priorities/{}", priority.id);
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
                    <TextArea field=ActionForm::description label="What will be done" value=typed.description.clone() errors rows=3 />
                    <Select field=ActionForm::lead label="Lead partner" hint="The organisation that answers for it." choices=lead_choices(&page.partners) selected=typed.lead.clone() errors />
                    <Checkboxes field=ActionForm::supporting legend="Supporting partners" choices=page.partners.clone() checked=supporting errors />
                    <div class="tb-date-pair">
                        <TextInput field=ActionForm::start label="Starts" hint="For example, 1/9/2027" value=typed.start.clone() errors width="govuk-input--width-10" />
                        <TextInput field=ActionForm::due label="Due" hint="For example, 31/3/2028" value=typed.due.clone() errors width="govuk-input--width-10" />
                    </div>
                    <TextArea field=ActionForm::resources label="Resources" hint="People, time and money committed." value=typed.resources.clone() errors rows=2 />
                    <TextInput field=ActionForm::pooled_budget label="Pooled-budget contribution (optional)" hint="In pounds, for example £12,500" value=typed.pooled_budget.clone() errors width="govuk-input--width-10" />
                    <Radios field=ActionForm::commissioning legend="Does this commission or de-commission a service?" choices=commissioning_choices selected=commissioning errors />
                    <Select field=ActionForm::status label="Status" choices=status_choices selected=typed.status.clone() errors />
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Save action"</button>
                </ActionForm>
            })}
            {details}
        }
        .into_any()
    })
}

/// An action as someone who may read the plan but not change it sees it.
fn action_details(plan: &Plan, a: &PlanAction) -> impl IntoView {
    let supporting = if a.supporting_partners.is_empty() {
        "—".to_string()
    } else {
        a.supporting_partners
            .iter()
            .map(|p| plan.organisation_name(Some(*p)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let rows = [
        ("What will be done", a.description.clone()),
        ("Lead partner", plan.organisation_name(a.lead_partner)),
        ("Supporting partners", supporting),
        ("Starts", opt_date(a.start)),
        ("Due", opt_date(a.due)),
        (
            "Resources",
            if a.resources.is_empty() {
                "—".into()
            } else {
                a.resources.clone()
            },
        ),
        (
            "Pooled-budget contribution",
            a.pooled_budget_pence
                .map(format_pounds)
                .unwrap_or_else(|| "—".into()),
        ),
        ("Commissioning", a.commissioning.label().to_string()),
        ("Status", a.status.label().to_string()),
    ];
    view! {
        <dl class="govuk-summary-list" data-testid="action-details">
            {rows.into_iter().map(|(k, v)| view! {
                <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{k}</dt><dd class="govuk-summary-list__value tb-pre">{v}</dd></div>
            }).collect_view()}
        </dl>
    }
}
