//! A priority's actions as a table: on the priority's page, and on its own when the page's
//! island asks for it again after adding an action in place (as HTML, so the browser carries
//! no code to draw it).

use crate::domain::date::long_date;
use crate::domain::plan::{Plan, PlanAction, Priority};
use leptos::prelude::*;

fn opt_date(d: Option<chrono::NaiveDate>) -> String {
    d.map(long_date).unwrap_or_else(|| "—".into())
}

pub fn actions_table(plan: &Plan, p: &Priority, base: &str, can_edit: bool) -> AnyView {
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
            let a_id = a.id;
            view! {
                <tr class="govuk-table__row">
                    <td class="govuk-table__cell">{a.description.clone()}</td>
                    <td class="govuk-table__cell">{lead}</td>
                    <td class="govuk-table__cell">{format!("{} to {}", opt_date(a.start), opt_date(a.due))}</td>
                    <td class="govuk-table__cell">{a.status.label()}</td>
                    <td class="govuk-table__cell tb-row-actions">
                        <a class="govuk-link" href=format!("{base}/actions/{}", a.id)>{if can_edit { "Change" } else { "View" }}<span class="govuk-visually-hidden">{format!(" action {label}")}</span></a>
                        {can_edit.then(|| view! {
                            " "
                            <a class="govuk-link tb-remove-link" href=format!("{base}/actions/{a_id}/remove")>"Remove"<span class="govuk-visually-hidden">{format!(" action {label}")}</span></a>
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
