//! Administration of people and their roles.

use crate::api::people::{
    get_person, list_people, CreatePerson, GrantRole, PersonView, RevokeRole, SetPersonPassword,
    SetPersonStatus,
};
use crate::api::take_flash;
use crate::components::forms::{errors_of, ErrorSummary, Select, SuccessBanner, TextInput};
use crate::components::tag::{Tag, TagColour};
use crate::domain::auth::Role;
use crate::domain::Choice;
use crate::pages::sign_in_link;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn role_choices() -> Vec<Choice> {
    std::iter::once(Choice {
        value: String::new(),
        label: "Choose a role".into(),
    })
    .chain(Role::ALL.iter().map(|r| Choice {
        value: r.as_str().into(),
        label: r.label().into(),
    }))
    .collect()
}

fn status_tag(p: &PersonView) -> impl IntoView {
    if p.disabled {
        view! { <Tag colour=TagColour::Grey text="Disabled" /> }
    } else {
        view! { <Tag colour=TagColour::Green text="Active" /> }
    }
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    let page = Resource::new(|| (), |_| list_people());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text="People" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let notice = flash.await.ok().flatten().and_then(|f| f.notice);
                let page = match page.await {
                    Ok(p) => p,
                    Err(e) => return sign_in_link(e, "/admin/people").into_any(),
                };
                view! {
                    {notice.map(|n| view! { <SuccessBanner message=n /> })}
                    <h1 class="govuk-heading-l">"People"</h1>
                    <p class="govuk-body">"Everyone who can sign in to Trustboard, and what they may do."</p>
                    <a href="/admin/people/new" class="govuk-button" data-module="govuk-button">"Add a person"</a>
                    <table class="govuk-table" data-testid="people">
                        <caption class="govuk-table__caption govuk-table__caption--m">{format!("{} people", page.people.len())}</caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Name"</th>
                                <th scope="col" class="govuk-table__header">"Email address"</th>
                                <th scope="col" class="govuk-table__header">"Roles"</th>
                                <th scope="col" class="govuk-table__header">"Status"</th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {page.people.into_iter().map(|p| {
                                let roles = p.roles.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
                                view! {
                                    <tr class="govuk-table__row">
                                        <th scope="row" class="govuk-table__header">
                                            <a class="govuk-link" href=format!("/admin/people/{}", p.id)>{p.display_name.clone()}</a>
                                        </th>
                                        <td class="govuk-table__cell">{p.email.clone()}</td>
                                        <td class="govuk-table__cell">{roles}</td>
                                        <td class="govuk-table__cell">{status_tag(&p)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn NewPersonPage() -> impl IntoView {
    let page = Resource::new(|| (), |_| list_people());
    let flash = Resource::new(|| (), |_| take_flash());
    let action = ServerAction::<CreatePerson>::new();
    view! {
        <Title text="Add a person" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let page = match page.await {
                    Ok(p) => p,
                    Err(e) => return sign_in_link(e, "/admin/people/new").into_any(),
                };
                let value = |f: &str| flash.as_ref().map(|x| x.value(f)).unwrap_or_default();
                let (email, name, role, scope) = (value("email"), value("display-name"), value("role"), value("scope"));
                let errors = Signal::derive(move || errors_of(action.value().get(), &flash));
                view! {
                    <a href="/admin/people" class="govuk-back-link">"Back to people"</a>
                    <div class="govuk-grid-row">
                        <div class="govuk-grid-column-two-thirds">
                            <ErrorSummary errors />
                            <h1 class="govuk-heading-l">"Add a person"</h1>
                            <ActionForm action attr:novalidate=true>
                                <TextInput id="display-name" name="display_name" label="Full name" autocomplete="off" value=name errors />
                                <TextInput id="email" label="Email address" input_type="email" autocomplete="off" value=email errors />
                                <TextInput id="password" label="First password" hint="12 characters or more. Give it to the person securely; they can change it after signing in." input_type="password" autocomplete="new-password" errors />
                                <Select id="role" label="Role" choices=role_choices() selected=role errors />
                                <Select id="scope" label="Where the role applies" hint="A partnership for chairs and members, a district for district managers, the whole Trust for other roles." choices=page.scopes selected=scope errors />
                                <button type="submit" class="govuk-button" data-module="govuk-button">"Add person"</button>
                            </ActionForm>
                        </div>
                    </div>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let data = Resource::new(id, get_person);
    let flash = Resource::new(|| (), |_| take_flash());
    let grant = ServerAction::<GrantRole>::new();
    let revoke = ServerAction::<RevokeRole>::new();
    let status = ServerAction::<SetPersonStatus>::new();
    let password = ServerAction::<SetPersonPassword>::new();
    view! {
        <Title text="Person" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let (person, page) = match data.await {
                    Ok(d) => d,
                    Err(e) => return sign_in_link(e, "/admin/people").into_any(),
                };
                let notice = flash.as_ref().and_then(|f| f.notice.clone());
                let value = |f: &str| flash.as_ref().map(|x| x.value(f)).unwrap_or_default();
                let (role, scope) = (value("role"), value("scope"));
                let errors = Signal::derive(move || {
                    let mut e = errors_of(grant.value().get(), &flash);
                    if let Some(Err(x)) = revoke.value().get() { e.extend(errors_of::<()>(Some(Err(x)), &None)); }
                    if let Some(Err(x)) = password.value().get() { e.extend(errors_of::<()>(Some(Err(x)), &None)); }
                    if let Some(Err(x)) = status.value().get() { e.extend(errors_of::<()>(Some(Err(x)), &None)); }
                    e
                });
                let user_id = person.id;
                let is_me = person.id == page.me;
                view! {
                    <a href="/admin/people" class="govuk-back-link">"Back to people"</a>
                    {notice.map(|n| view! { <SuccessBanner message=n /> })}
                    <ErrorSummary errors />
                    <h1 class="govuk-heading-l">{person.display_name.clone()}</h1>
                    <dl class="govuk-summary-list">
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">"Email address"</dt>
                            <dd class="govuk-summary-list__value">{person.email.clone()}</dd>
                        </div>
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">"Status"</dt>
                            <dd class="govuk-summary-list__value" data-testid="person-status">{status_tag(&person)}</dd>
                        </div>
                        {person.is_demo.then(|| view! {
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">"Demo sign-in"</dt>
                                <dd class="govuk-summary-list__value">"Yes: refused when demo mode is off"</dd>
                            </div>
                        })}
                    </dl>

                    <h2 class="govuk-heading-m">"Roles"</h2>
                    <table class="govuk-table" data-testid="roles">
                        <caption class="govuk-visually-hidden">"Roles"</caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Role"</th>
                                <th scope="col" class="govuk-table__header">"Where"</th>
                                <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Action"</span></th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {person.roles.clone().into_iter().map(|r| {
                                let label = format!("Remove role {r}");
                                view! {
                                    <tr class="govuk-table__row">
                                        <td class="govuk-table__cell">{r.role.label()}</td>
                                        <td class="govuk-table__cell">{r.scope_name.clone().unwrap_or_else(|| "Whole Trust".into())}</td>
                                        <td class="govuk-table__cell">
                                            <ActionForm action=revoke attr:class="tb-inline-form">
                                                <input type="hidden" name="user_id" value=user_id />
                                                <input type="hidden" name="assignment_id" value=r.id />
                                                <button type="submit" class="govuk-button govuk-button--warning tb-button--small" aria-label=label>"Remove"</button>
                                            </ActionForm>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>

                    <h2 class="govuk-heading-m">"Give another role"</h2>
                    <ActionForm action=grant attr:novalidate=true>
                        <input type="hidden" name="user_id" value=user_id />
                        <Select id="role" label="Role" choices=role_choices() selected=role errors />
                        <Select id="scope" label="Where the role applies" choices=page.scopes selected=scope errors />
                        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Give role"</button>
                    </ActionForm>

                    <h2 class="govuk-heading-m">"Set a new password"</h2>
                    <p class="govuk-body">"For someone who has forgotten theirs. Their sessions end; give them the new password securely."</p>
                    <ActionForm action=password attr:novalidate=true>
                        <input type="hidden" name="user_id" value=user_id />
                        <TextInput id="new-password" name="new_password" label="New password" hint="12 characters or more." input_type="password" autocomplete="new-password" errors />
                        <button type="submit" class="govuk-button govuk-button--secondary">"Set password"</button>
                    </ActionForm>

                    <h2 class="govuk-heading-m">"Account"</h2>
                    {if is_me {
                        view! { <p class="govuk-body">"You cannot disable your own account."</p> }.into_any()
                    } else if person.disabled {
                        view! {
                            <ActionForm action=status>
                                <input type="hidden" name="user_id" value=user_id />
                                <input type="hidden" name="disabled" value="false" />
                                <button type="submit" class="govuk-button govuk-button--secondary">"Enable account"</button>
                            </ActionForm>
                        }.into_any()
                    } else {
                        view! {
                            <p class="govuk-body">"Disabling the account signs the person out everywhere at once."</p>
                            <ActionForm action=status>
                                <input type="hidden" name="user_id" value=user_id />
                                <input type="hidden" name="disabled" value="true" />
                                <button type="submit" class="govuk-button govuk-button--warning">"Disable account"</button>
                            </ActionForm>
                        }.into_any()
                    }}
                    <crate::pages::second_factor::PersonSecondFactorSection user_id />
                }.into_any()
            })}
        </Suspense>
    }
}
