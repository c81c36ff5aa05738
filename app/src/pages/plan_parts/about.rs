//! The summary: needs analysis and what children and young people told us. The form is a plain
//! post; an island around it ([`crate::islands::drafts::AboutEditor`]) saves drafts as people
//! type.

use super::*;
use crate::domain::plan::AboutForm;
use crate::islands::drafts::AboutEditor;

#[component]
pub fn PlanAboutPage() -> impl IntoView {
    let save = ServerAction::<SaveAbout>::new();
    let title = "Needs analysis and what children and young people told us";
    plan_frame(title, move |page, flash, _| {
        let Some(plan) = page.plan.clone() else {
            return missing("The plan").into_any();
        };
        let base = page.base();
        let refused = flash.as_ref().map(|f| f.errors.clone()).unwrap_or_default();
        if editable(&page) {
            let typed = flash
                .as_ref()
                .and_then(|f| f.form::<AboutForm>())
                .unwrap_or_else(|| AboutForm::from_saved(&plan));
            // After a stale refusal, saving names the newer revision: it replaces it knowingly.
            let stale = flash.as_ref().and_then(|f| f.revision);
            let errors = Signal::stored(refused);
            return view! {
                <a href=base class="govuk-back-link">"Back to the plan"</a>
                <AboutEditor>
                    <ErrorSummary errors />
                    {plan_heading(&page, title.into())}
                    <ActionForm action=save attr:novalidate=true attr:data-testid="about-form" attr:data-revision=plan.revision attr:data-drafts-stopped=stale.is_some().then_some("yes")>
                        <input type="hidden" name="plan_id" value=plan.id />
                        <input type="hidden" name="revision" value=stale.unwrap_or(plan.revision) />
                        <TextArea field=AboutForm::needs_summary label="Summary of the needs analysis" hint="What the local data and partners' knowledge say children and young people here need most." value=typed.needs_summary errors rows=8 />
                        <TextArea field=AboutForm::young_people_said label="What children and young people told us" hint="From consultations, youth councils and surveys: in their words where you can." value=typed.young_people_said errors rows=8 />
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Save and return to the plan"</button>
                    </ActionForm>
                </AboutEditor>
            }
            .into_any();
        }
        view! {
            <a href=base class="govuk-back-link">"Back to the plan"</a>
            <ErrorSummary errors=Signal::stored(refused) />
            {plan_heading(&page, title.into())}
            {read_only_note(&page)}
            <h2 class="govuk-heading-m">"Summary of the needs analysis"</h2>
            <p class="govuk-body tb-pre">{plan.needs_summary.clone()}</p>
            <h2 class="govuk-heading-m">"What children and young people told us"</h2>
            <p class="govuk-body tb-pre">{plan.young_people_said.clone()}</p>
        }
        .into_any()
    })
}
