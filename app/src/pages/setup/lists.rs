//! `/admin/setup/organisations` and `/admin/setup/people`: lists uploaded as CSV files, checked
//! row by row and taken whole or not at all. New people's set-your-password links are shown once.

use super::file_input;
use crate::api::setup::setup_organisations;
use crate::components::forms::{ErrorSummary, SuccessBanner};
use crate::domain::setup::{OrganisationListed, PeopleAdded, ORGANISATIONS_HEADER, PEOPLE_HEADER};
use crate::pages::frame;
use crate::pages::midyear::flash_parts;
use leptos::prelude::*;

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| setup_organisations());
    frame(
        "Partner organisations",
        data,
        |orgs: Vec<OrganisationListed>, flash| {
            let (errors, notice) = flash_parts(&flash);
            let types = crate::domain::OrganisationType::ALL
                .iter()
                .map(|t| t.label())
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <a href="/admin/setup" class="govuk-back-link">"Back to set-up"</a>
                {notice.map(|n| view! { <SuccessBanner message=n /> })}
                <ErrorSummary errors />
                <h1 class="govuk-heading-l">"Partner organisations"</h1>
                <h2 class="govuk-heading-m">"Upload a list"</h2>
                <p class="govuk-body">{format!("A CSV file whose first row is “{ORGANISATIONS_HEADER}”: each organisation's name, its type ({types}), and the partnerships it takes part in, separated by semicolons. Every row is checked first: if any is wrong, nothing is stored and each problem is listed with its row. An organisation already held takes the type given and joins the partnerships named.")}</p>
                <form method="post" action="/admin/setup/organisations/upload" enctype="multipart/form-data" data-testid="organisations-upload">
                    {file_input(errors, "CSV file of partner organisations", "Up to 5,000 rows, saved as UTF-8".into())}
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Upload the list"</button>
                </form>
                {if orgs.is_empty() {
                    view! { <p class="govuk-body" data-testid="no-organisations">"No partner organisations yet."</p> }.into_any()
                } else {
                    view! {
                        <div class="tb-table-scroll" tabindex="0" role="region" aria-label="Partner organisations">
                        <table class="govuk-table" data-testid="organisations">
                            <caption class="govuk-table__caption govuk-table__caption--m">{format!("{} partner organisations", orgs.len())}</caption>
                            <thead class="govuk-table__head"><tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Organisation"</th>
                                <th scope="col" class="govuk-table__header">"Type"</th>
                                <th scope="col" class="govuk-table__header">"Partnerships"</th>
                            </tr></thead>
                            <tbody class="govuk-table__body">
                                {orgs.into_iter().map(|o| view! {
                                    <tr class="govuk-table__row">
                                        <th scope="row" class="govuk-table__header">{o.name}</th>
                                        <td class="govuk-table__cell">{o.type_label}</td>
                                        <td class="govuk-table__cell">{if o.partnerships.is_empty() { "None".to_string() } else { o.partnerships.join(", ") }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    }.into_any()
                }}
            }
        },
    )
}

#[component]
pub fn PeopleUploadPage() -> impl IntoView {
    // The overview authorises (ManageSetUp) and says whether there is anything to add people to.
    let data = Resource::new(|| (), |_| crate::api::setup::setup_overview());
    frame(
        "Add people from a list",
        data,
        |o: crate::api::setup::SetUpOverview, flash| {
            let (errors, notice) = flash_parts(&flash);
            let added = flash.as_ref().and_then(|f| f.form::<PeopleAdded>());
            view! {
                <a href="/admin/setup" class="govuk-back-link">"Back to set-up"</a>
                {notice.map(|n| view! { <SuccessBanner message=n /> })}
                <ErrorSummary errors />
                <h1 class="govuk-heading-l">"Add people from a list"</h1>
                {added.map(|a| view! {
                    <h2 class="govuk-heading-m">"Their set-your-password links"</h2>
                    <div class="govuk-warning-text">
                        <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                        <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>
                            "These links are shown only now. Pass each one to its person securely; it works once, for 14 days. Anyone whose link is lost can be given a new password on their page."
                        </strong>
                    </div>
                    <div class="tb-table-scroll" tabindex="0" role="region" aria-label="Set-your-password links">
                    <table class="govuk-table" data-testid="password-links">
                        <caption class="govuk-table__caption govuk-table__caption--s">{format!("{} people added", a.people.len())}</caption>
                        <thead class="govuk-table__head"><tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Person"</th>
                            <th scope="col" class="govuk-table__header">"Role"</th>
                            <th scope="col" class="govuk-table__header">"Link"</th>
                        </tr></thead>
                        <tbody class="govuk-table__body">
                            {a.people.into_iter().map(|p| { let email = p.email.clone(); view! {
                                <tr class="govuk-table__row" data-email=email>
                                    <th scope="row" class="govuk-table__header">{p.name}<br /><span class="govuk-body-s">{p.email}</span></th>
                                    <td class="govuk-table__cell">{p.role}</td>
                                    <td class="govuk-table__cell tb-break"><a class="govuk-link" href=p.link.clone()>{p.link.clone()}</a>
                                        {p.emailed.then(|| view! { <br /><span class="govuk-body-s">"E-mailed to them"</span> })}
                                    </td>
                                </tr>
                            }}).collect_view()}
                        </tbody>
                    </table>
                    </div>
                })}
                <p class="govuk-body">{format!("A CSV file whose first row is “{PEOPLE_HEADER}”: each person's name, e-mail address, role (Partnership chair, Partnership member, District manager, Board member, Viewer or Administrator), and the partnership (for a chair or member) or district (for a district manager) by name; blank for the others. Every row is checked first: if any is wrong, nobody is added and each problem is listed with its row. Each person gets a one-time link to choose their own password{}.", "")}</p>
                {(o.partnerships == 0).then(|| view! { <p class="govuk-body">"There are no partnerships yet: only Trust-wide roles can be given until "<a class="govuk-link" href="/admin/setup/partnerships">"partnerships are created"</a>"."</p> })}
                <form method="post" action="/admin/setup/people/upload" enctype="multipart/form-data" data-testid="people-upload">
                    {file_input(errors, "CSV file of people", "Up to 5,000 rows, saved as UTF-8".into())}
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Add the people"</button>
                </form>
                <p class="govuk-body"><a class="govuk-link" href="/admin/people">"Everyone who can sign in"</a></p>
            }
        },
    )
}
