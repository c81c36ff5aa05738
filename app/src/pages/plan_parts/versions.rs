//! Versions and their comparison.

use super::*;

#[component]
pub fn VersionsPage() -> impl IntoView {
    let query = use_query_map();
    let pair = move || {
        query.with(|q| {
            let n = |k: &str| q.get(k).and_then(|v| v.parse::<i32>().ok());
            (n("from"), n("to"))
        })
    };
    let key = super::super::plans::plan_key();
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
