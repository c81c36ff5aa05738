//! The whole plan, to read and print.

use super::*;

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
            <h2 class="govuk-heading-m">{p.title.clone()}{p.mandated.then_some(" (set by the Trust Board)")}{p.added_later.then_some(" (added later)")}</h2>
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
                            <td class="govuk-table__cell">{plan.baseline_text(m)}</td>
                            <td class="govuk-table__cell">{plan.figure(m, m.target)}</td>
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
