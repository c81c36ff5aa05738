//! The audit trail: everything (administrators), or one partnership's history.

use crate::api::audit::{audit_trail, partnership_history, AuditPage};
use crate::components::forms::{ErrorSummary, Select, TextInput};
use crate::domain::audit::kind_in_words;
use crate::domain::Choice;
use crate::error::AppError;
use crate::pages::sign_in_link;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn entries_table(page: &AuditPage, base: &str) -> impl IntoView {
    let prev = (page.page > 1).then(|| format!("{base}page={}", page.page - 1));
    let next = page.more.then(|| format!("{base}page={}", page.page + 1));
    view! {
        {if page.entries.is_empty() {
            view! { <p class="govuk-body" data-testid="audit-empty">"Nothing has been recorded that matches."</p> }.into_any()
        } else {
            view! {
                <table class="govuk-table" data-testid="audit">
                    <caption class="govuk-visually-hidden">"Audit entries, newest first"</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"When (UTC)"</th>
                            <th scope="col" class="govuk-table__header">"Who"</th>
                            <th scope="col" class="govuk-table__header">"What happened"</th>
                            <th scope="col" class="govuk-table__header">"What changed"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">
                        {page.entries.iter().map(|e| view! {
                            <tr class="govuk-table__row">
                                <td class="govuk-table__cell tb-nowrap">{e.at.format("%-d %B %Y %H:%M").to_string()}</td>
                                <td class="govuk-table__cell">{e.actor_name.clone()}</td>
                                <td class="govuk-table__cell">
                                    <strong>{format!("{} · {}", e.action.label(), kind_in_words(&e.entity_type))}</strong><br />
                                    {e.headline.clone()}
                                    {e.partnership.clone().map(|p| view! { <br /><span class="govuk-body-s tb-muted">{p}</span> })}
                                </td>
                                <td class="govuk-table__cell">
                                    {if e.changes.is_empty() {
                                        view! { <span class="tb-muted">"—"</span> }.into_any()
                                    } else {
                                        view! {
                                            <ul class="govuk-list govuk-body-s">
                                                {e.changes.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    }}
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        {(prev.is_some() || next.is_some()).then(|| view! {
            <nav class="govuk-pagination" aria-label="Pages of the audit trail">
                {prev.map(|href| view! {
                    <div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" href=href rel="prev">
                        <span class="govuk-pagination__link-title">"Newer"</span></a></div>
                })}
                {next.map(|href| view! {
                    <div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" href=href rel="next">
                        <span class="govuk-pagination__link-title">"Older"</span></a></div>
                })}
            </nav>
        })}
    }
}

#[component]
pub fn AuditTrailPage() -> impl IntoView {
    let query = use_query_map();
    let q = move |k: &str| query.with(|m| m.get(k)).filter(|v| !v.is_empty());
    let data = Resource::new(
        move || {
            (
                q("entity_type"),
                q("partnership"),
                q("from"),
                q("to"),
                q("page").and_then(|p| p.parse::<u32>().ok()),
            )
        },
        |(entity_type, partnership, from, to, page)| {
            audit_trail(entity_type, partnership, from, to, page)
        },
    );
    view! {
        <Title text="Audit trail" />
        <h1 class="govuk-heading-l">"Audit trail"</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let (errors, page) = match data.await {
                    Ok(p) => (vec![], Some(p)),
                    Err(AppError::Invalid(errors)) => (errors, None),
                    Err(e) => return sign_in_link(e, "/audit").into_any(),
                };
                let errors_sig = Signal::derive({ let errors = errors.clone(); move || errors.clone() });
                let types: Vec<Choice> = std::iter::once(Choice { value: String::new(), label: "All kinds".into() })
                    .chain(page.iter().flat_map(|p| p.entity_types.iter()).map(|t| Choice { value: t.clone(), label: kind_in_words(t) }))
                    .collect();
                let partnerships: Vec<Choice> = std::iter::once(Choice { value: String::new(), label: "All partnerships".into() })
                    .chain(page.iter().flat_map(|p| p.partnerships.iter().cloned()))
                    .collect();
                let mut base = String::from("/audit?");
                for k in ["entity_type", "partnership", "from", "to"] {
                    if let Some(v) = q(k) {
                        base.push_str(&format!("{k}={}&", v.replace('&', "%26").replace(' ', "+")));
                    }
                }
                view! {
                    <ErrorSummary errors=errors_sig />
                    <form method="get" action="/audit" class="govuk-!-margin-bottom-6" data-testid="audit-filter">
                        <div class="govuk-grid-row">
                            <div class="govuk-grid-column-one-quarter">
                                <Select id="entity_type" label="Kind of record" choices=types selected=q("entity_type").unwrap_or_default() errors=errors_sig />
                            </div>
                            <div class="govuk-grid-column-one-quarter">
                                <Select id="partnership" label="Partnership" choices=partnerships selected=q("partnership").unwrap_or_default() errors=errors_sig />
                            </div>
                            <div class="govuk-grid-column-one-quarter">
                                <TextInput id="from" label="From (YYYY-MM-DD)" value=q("from").unwrap_or_default() errors=errors_sig />
                            </div>
                            <div class="govuk-grid-column-one-quarter">
                                <TextInput id="to" label="To (YYYY-MM-DD)" value=q("to").unwrap_or_default() errors=errors_sig />
                            </div>
                        </div>
                        <button type="submit" class="govuk-button govuk-button--secondary">"Filter"</button>
                    </form>
                    {page.map(|p| entries_table(&p, &base))}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn PartnershipHistoryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("slug")).unwrap_or_default(),
                query
                    .with(|q| q.get("page"))
                    .and_then(|p| p.parse::<u32>().ok()),
            )
        },
        |(slug, page)| partnership_history(slug, page),
    );
    view! {
        <Title text="Partnership history" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let slug = params.with_untracked(|p| p.get("slug")).unwrap_or_default();
                match data.await {
                    Ok(page) => view! {
                        <span class="govuk-caption-l">{page.title.clone()}</span>
                        <h1 class="govuk-heading-l">"History of changes"</h1>
                        {entries_table(&page, &format!("/partnerships/{slug}/history?"))}
                    }.into_any(),
                    Err(e) => sign_in_link(e, &format!("/partnerships/{slug}/history")).into_any(),
                }
            })}
        </Suspense>
    }
}
