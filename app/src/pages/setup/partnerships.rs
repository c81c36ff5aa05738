//! `/admin/setup/partnerships`: the partnerships, a new one, and one partnership's set-up
//! (its name and areas, who is in it, retiring it).

use super::row;
use crate::api::setup::partnerships::{
    setup_partnership, setup_partnerships, CreatePartnership, PartnershipsSetUp, RetirePartnership,
    UpdatePartnership,
};
use crate::components::forms::{ErrorSummary, PostForm, SuccessBanner, TextArea, TextInput};
use crate::domain::setup::{KnownArea, PartnershipDetail, PartnershipForm};
use crate::domain::AreaKind;
use crate::pages::frame;
use crate::pages::midyear::flash_parts;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PartnershipsSetUpPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| setup_partnerships());
    frame("Partnerships", data, |page: PartnershipsSetUp, flash| {
        let (_, notice) = flash_parts(&flash);
        view! {
            <a href="/admin/setup" class="govuk-back-link">"Back to set-up"</a>
            {notice.map(|n| view! { <SuccessBanner message=n /> })}
            <h1 class="govuk-heading-l">"Partnerships"</h1>
            {if page.trust_set_up {
                view! { <a href="/admin/setup/partnerships/new" class="govuk-button" data-module="govuk-button">"Create a partnership"</a> }.into_any()
            } else {
                view! { <p class="govuk-body">"Set up "<a class="govuk-link" href="/admin/setup/trust">"the Trust's details"</a>" first: partnerships cover its districts or their wards."</p> }.into_any()
            }}
            {if page.partnerships.is_empty() {
                view! { <p class="govuk-body" data-testid="no-partnerships">"No partnerships yet."</p> }.into_any()
            } else {
                view! {
                    <div class="tb-table-scroll" tabindex="0" role="region" aria-label="Partnerships">
                    <table class="govuk-table" data-testid="setup-partnerships">
                        <caption class="govuk-table__caption govuk-table__caption--m">"Partnerships"</caption>
                        <thead class="govuk-table__head"><tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Partnership"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Areas"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"People"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Organisations"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Plans"</th>
                        </tr></thead>
                        <tbody class="govuk-table__body">
                            {page.partnerships.into_iter().map(|p| view! {
                                <tr class="govuk-table__row">
                                    <th scope="row" class="govuk-table__header">
                                        <a class="govuk-link" href=format!("/admin/setup/partnerships/{}", p.slug)>{p.name.clone()}</a>
                                        {p.retired.then(|| view! { " " <strong class="govuk-tag govuk-tag--grey">"Retired"</strong> })}
                                    </th>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{p.areas}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{p.people}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{p.organisations}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{p.plans}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any()
            }}
        }
    })
}

/// The areas held, to choose from (names and codes), in a details element under the form.
fn areas_help(areas: &[KnownArea]) -> impl IntoView {
    let districts: Vec<&KnownArea> = areas
        .iter()
        .filter(|a| a.kind == AreaKind::District)
        .collect();
    let wards = areas.iter().filter(|a| a.kind == AreaKind::Ward).count();
    let text = districts
        .iter()
        .map(|a| format!("{} – {}", a.code, a.name))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <details class="govuk-details">
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"The areas you can choose from"</span></summary>
            <div class="govuk-details__text">
                <p class="govuk-body">{format!("Districts: {text}.")}</p>
                <p class="govuk-body">{format!("{wards} wards, by name or code (import the ward boundaries on the map page to add them).")}</p>
            </div>
        </details>
    }
}

fn partnership_fields(
    typed: PartnershipForm,
    errors: Signal<Vec<crate::error::FieldError>>,
) -> impl IntoView {
    view! {
        <TextInput field=PartnershipForm::name label="Name" hint="For example, Basingstoke and Deane" value=typed.name errors />
        <TextArea field=PartnershipForm::areas label="The districts or wards it covers" hint="One on each line, by name or ONS code: whole districts, or a set of wards." value=typed.areas errors rows=6 />
    }
}

#[component]
pub fn NewPartnershipPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| setup_partnerships());
    frame(
        "Create a partnership",
        data,
        |page: PartnershipsSetUp, flash| {
            let (errors, _) = flash_parts(&flash);
            let typed = flash
                .as_ref()
                .and_then(|f| f.form::<PartnershipForm>())
                .unwrap_or_default();
            view! {
                <a href="/admin/setup/partnerships" class="govuk-back-link">"Back to partnerships"</a>
                <ErrorSummary errors />
                <h1 class="govuk-heading-l">"Create a partnership"</h1>
                <PostForm action={<CreatePartnership as ServerFn>::PATH} testid="partnership-form">
                    {partnership_fields(typed, errors)}
                    {areas_help(&page.areas)}
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Create the partnership"</button>
                </PostForm>
            }
        },
    )
}

#[component]
pub fn PartnershipSetUpPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let data = Resource::new(slug, setup_partnership);
    frame(
        "A partnership's set-up",
        data,
        |(d, areas): (PartnershipDetail, Vec<KnownArea>), flash| {
            let (errors, notice) = flash_parts(&flash);
            let held = PartnershipForm {
                name: d.listed.name.clone(),
                areas: d
                    .areas
                    .iter()
                    .map(|a| a.code.clone())
                    .collect::<Vec<_>>()
                    .join("\n"),
            };
            let typed = flash
                .as_ref()
                .and_then(|f| f.form::<PartnershipForm>())
                .unwrap_or(held);
            let slug = d.listed.slug.clone();
            let slug_for_update = slug.clone();
            let retired = d.listed.retired;
            let covers = d
                .areas
                .iter()
                .map(|a| a.described())
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <a href="/admin/setup/partnerships" class="govuk-back-link">"Back to partnerships"</a>
                {notice.map(|n| view! { <SuccessBanner message=n /> })}
                <ErrorSummary errors />
                <h1 class="govuk-heading-l">{d.listed.name.clone()}
                    {retired.then(|| view! { " " <strong class="govuk-tag govuk-tag--grey">"Retired"</strong> })}
                </h1>
                <dl class="govuk-summary-list" data-testid="partnership-summary">
                    {row("Covers", covers)}
                    {row("Plans", d.listed.plans.to_string())}
                    {row("People", if d.people.is_empty() {
                        view! { <span>"Nobody yet: "<a class="govuk-link" href="/admin/setup/people">"upload people"</a></span> }.into_any()
                    } else {
                        view! { <ul class="govuk-list" data-testid="partnership-people">{d.people.iter().map(|(id, name, role)| view! {
                            <li><a class="govuk-link" href=format!("/admin/people/{id}")>{name.clone()}</a>{format!(" – {role}")}</li>
                        }).collect_view()}</ul> }.into_any()
                    })}
                    {row("Partner organisations", if d.organisations.is_empty() {
                        view! { <span>"None yet: "<a class="govuk-link" href="/admin/setup/organisations">"upload partner organisations"</a></span> }.into_any()
                    } else {
                        view! { <ul class="govuk-list">{d.organisations.iter().map(|(name, t)| view! { <li>{format!("{name} ({t})")}</li> }).collect_view()}</ul> }.into_any()
                    })}
                </dl>
                <h2 class="govuk-heading-m">"Name and areas"</h2>
                <PostForm action={<UpdatePartnership as ServerFn>::PATH} testid="partnership-form">
                    <input type="hidden" name="slug" value=slug_for_update />
                    {partnership_fields(typed, errors)}
                    {areas_help(&areas)}
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Save"</button>
                </PostForm>
                <h2 class="govuk-heading-m">{if retired { "Bring it back" } else { "Retire the partnership" }}</h2>
                <p class="govuk-body">{if retired {
                    "A retired partnership keeps its plans and history. Bringing it back offers it for new work again."
                } else {
                    "A retired partnership is no longer offered for new work: its plans, self-assessments and history are all kept, and nothing is deleted."
                }}</p>
                <PostForm action={<RetirePartnership as ServerFn>::PATH}>
                    <input type="hidden" name="slug" value=slug />
                    <input type="hidden" name="retired" value=(!retired).to_string() />
                    <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">{if retired { "Bring the partnership back" } else { "Retire the partnership" }}</button>
                </PostForm>
            }
        },
    )
}
