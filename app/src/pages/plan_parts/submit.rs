//! Check and submit.

use super::*;

#[component]
pub fn SubmitPlanPage() -> impl IntoView {
    let submit = ServerAction::<SubmitPlan>::new();
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
