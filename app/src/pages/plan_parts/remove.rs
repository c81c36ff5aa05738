//! "Are you sure?" before anything is removed from a plan (the GOV.UK confirmation pattern): a
//! page of its own, reached by a link, whose form posts the removal with `confirm=yes` (a plain
//! post, answered by a redirect to the page the thing was removed from).

use super::*;

/// What is being removed, and where the person goes back to.
struct Removal {
    heading: String,
    details: Vec<(&'static str, String)>,
    warning: Option<&'static str>,
    button: &'static str,
    back: String,
}

/// The confirmation page around its form (`form`, made by each page for its own command).
fn removal_view(
    page: &crate::api::plans::PlanPage,
    removal: Removal,
    errors: Signal<Vec<FieldError>>,
    form: AnyView,
) -> AnyView {
    let can_edit = editable(page);
    let Removal {
        heading,
        details,
        warning,
        back,
        ..
    } = removal;
    view! {
        <a href=back class="govuk-back-link">"Back"</a>
        <ErrorSummary errors />
        {plan_heading(page, heading)}
        <dl class="govuk-summary-list" data-testid="removal-details">
            {details.into_iter().map(|(k, v)| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{k}</dt>
                    <dd class="govuk-summary-list__value tb-pre">{v}</dd>
                </div>
            }).collect_view()}
        </dl>
        {read_only_note(page)}
        {can_edit.then(|| view! {
            {warning.map(|w| view! {
                <div class="govuk-warning-text">
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>{w}</strong>
                </div>
            })}
            <p class="govuk-body">"The removal is recorded in the partnership's history."</p>
            {form}
        })}
    }
    .into_any()
}

/// The confirmation form's fields: what to remove, `confirm=yes`, the button and "Cancel".
fn confirm_fields(removal: &Removal, hidden: Vec<(&'static str, String)>) -> AnyView {
    let (button, back) = (removal.button, removal.back.clone());
    view! {
        {hidden.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value /> }).collect_view()}
        <input type="hidden" name="confirm" value="yes" />
        <div class="govuk-button-group">
            <button type="submit" id="confirm" class="govuk-button govuk-button--warning" data-module="govuk-button">{button}</button>
            <a class="govuk-link" href=back>"Cancel"</a>
        </div>
    }
    .into_any()
}

#[component]
pub fn RemoveMeasurePage() -> impl IntoView {
    let id = id_param("id");
    let remove = ServerAction::<RemoveMeasure>::new();
    plan_frame("Remove a measure", move |page, flash, _| {
        let Some(plan) = page.plan.clone() else {
            return missing("The plan").into_any();
        };
        let (priority, measure) =
            match item_and_priority(&plan, id(), 0, |p| &p.measures, |m| m.id, "That measure") {
                Ok((p, Some(m))) => (p, m),
                Ok(_) => return missing("That measure").into_any(),
                Err(view) => return view,
            };
        let to = format!("{}/priorities/{}", page.base(), priority.id);
        let name = plan.indicator_name(measure.indicator_code.as_deref());
        let removal = Removal {
            heading: format!("Are you sure you want to remove the measure “{name}”?"),
            details: vec![
                ("Priority", priority.title.clone()),
                ("Indicator", name.clone()),
                ("Baseline", plan.baseline_text(&measure)),
                ("Target", plan.figure(&measure, measure.target)),
                ("Due", opt_date(measure.due)),
            ],
            warning: priority.mandated.then_some(
                "The Trust Board set this priority: the plan cannot be submitted until it has at least one measure.",
            ),
            button: "Remove measure",
            back: to,
        };
        let hidden = vec![
            ("plan_id", plan.id.to_string()),
            ("priority_id", priority.id.to_string()),
            ("measure_id", measure.id.to_string()),
        ];
        let fields = confirm_fields(&removal, hidden);
        let errors = Signal::derive(move || errors_of(remove.value().get(), &flash));
        let form = view! { <ActionForm action=remove attr:data-testid="confirm-removal">{fields}</ActionForm> }.into_any();
        removal_view(&page, removal, errors, form)
    })
}

#[component]
pub fn RemoveActionPage() -> impl IntoView {
    let id = id_param("id");
    let remove = ServerAction::<RemoveAction>::new();
    plan_frame("Remove an action", move |page, flash, _| {
        let Some(plan) = page.plan.clone() else {
            return missing("The plan").into_any();
        };
        let (priority, action) =
            match item_and_priority(&plan, id(), 0, |p| &p.actions, |a| a.id, "That action") {
                Ok((p, Some(a))) => (p, a),
                Ok(_) => return missing("That action").into_any(),
                Err(view) => return view,
            };
        let to = format!("{}/priorities/{}", page.base(), priority.id);
        let removal = Removal {
            heading: format!(
                "Are you sure you want to remove the action “{}”?",
                action.description.trim()
            ),
            details: vec![
                ("Priority", priority.title.clone()),
                ("Lead partner", plan.organisation_name(action.lead_partner)),
                (
                    "When",
                    format!("{} to {}", opt_date(action.start), opt_date(action.due)),
                ),
                ("Status", action.status.label().to_string()),
            ],
            warning: None,
            button: "Remove action",
            back: to,
        };
        let hidden = vec![
            ("plan_id", plan.id.to_string()),
            ("priority_id", priority.id.to_string()),
            ("action_id", action.id.to_string()),
        ];
        let fields = confirm_fields(&removal, hidden);
        let errors = Signal::derive(move || errors_of(remove.value().get(), &flash));
        let form = view! { <ActionForm action=remove attr:data-testid="confirm-removal">{fields}</ActionForm> }.into_any();
        removal_view(&page, removal, errors, form)
    })
}

#[component]
pub fn RemovePriorityPage() -> impl IntoView {
    let id = id_param("id");
    let remove = ServerAction::<RemovePriority>::new();
    plan_frame("Remove a priority", move |page, flash, _| {
        let Some(plan) = page.plan.clone() else {
            return missing("The plan").into_any();
        };
        let Some(priority) = id().and_then(|id| priority_of(&plan, id)) else {
            return missing("That priority").into_any();
        };
        let base = page.base();
        if priority.mandated {
            return view! {
                <a href=format!("{base}/priorities/{}", priority.id) class="govuk-back-link">"Back"</a>
                {plan_heading(&page, priority.title.clone())}
                <p class="govuk-body" data-testid="cannot-remove">"The Trust Board set this priority for every plan, so it cannot be removed."</p>
            }
            .into_any();
        }
        let removal = Removal {
            heading: format!(
                "Are you sure you want to remove the priority “{}”?",
                priority.title.trim()
            ),
            details: vec![
                ("Outcome", priority.outcome.clone()),
                ("Measures", priority.measures.len().to_string()),
                ("Actions", priority.actions.len().to_string()),
            ],
            warning: Some("Its measures and actions are removed with it."),
            button: "Remove priority",
            back: format!("{base}/priorities/{}", priority.id),
        };
        let hidden = vec![
            ("plan_id", plan.id.to_string()),
            ("priority_id", priority.id.to_string()),
        ];
        let fields = confirm_fields(&removal, hidden);
        let errors = Signal::derive(move || errors_of(remove.value().get(), &flash));
        let form = view! { <ActionForm action=remove attr:data-testid="confirm-removal">{fields}</ActionForm> }.into_any();
        removal_view(&page, removal, errors, form)
    })
}
