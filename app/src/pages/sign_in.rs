//! Signing in, with the demo sign-ins listed when demo mode is on.

use crate::api::auth::{demo_sign_ins, SignIn};
use crate::api::take_flash;
use crate::components::forms::{errors_of, ErrorSummary, TextInput};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let flash = Resource::new(|| (), |_| take_flash());
    let demos = Resource::new(|| (), |_| demo_sign_ins());
    let query = use_query_map();
    let next = move || {
        query
            .with_untracked(|q| q.get("next"))
            .unwrap_or_else(|| "/".into())
    };
    let action = ServerAction::<SignIn>::new();
    view! {
        <Title text="Sign in" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let (demos, demo_password) = demos.await.unwrap_or_default();
                let email = flash.as_ref().map(|f| f.value("email")).unwrap_or_default();
                let errors = Signal::derive(move || errors_of(action.value().get(), &flash));
                view! {
                    <div class="govuk-grid-row">
                        <div class="govuk-grid-column-two-thirds">
                            <ErrorSummary errors />
                            <h1 class="govuk-heading-l">"Sign in to Trustboard"</h1>
                            <ActionForm action attr:novalidate=true>
                                <input type="hidden" name="next" value=next() />
                                <TextInput id="email" label="Email address" input_type="email" autocomplete="username" value=email errors />
                                <TextInput id="password" label="Password" input_type="password" autocomplete="current-password" errors />
                                <button type="submit" class="govuk-button" data-module="govuk-button">"Sign in"</button>
                            </ActionForm>
                            <p class="govuk-body">"If you have forgotten your password, ask your Trust administrator to set a new one."</p>
                        </div>
                    </div>
                    {(!demos.is_empty()).then(|| view! {
                        <h2 class="govuk-heading-m">"Demo sign-ins"</h2>
                        <p class="govuk-body">
                            "This installation runs in demo mode. Each demo person below has the password "
                            <code>{demo_password.clone()}</code> "."
                        </p>
                        <table class="govuk-table" data-testid="demo-sign-ins">
                            <caption class="govuk-visually-hidden">"Demo sign-ins"</caption>
                            <thead class="govuk-table__head">
                                <tr class="govuk-table__row">
                                    <th scope="col" class="govuk-table__header">"Person"</th>
                                    <th scope="col" class="govuk-table__header">"Email address"</th>
                                    <th scope="col" class="govuk-table__header">"Roles"</th>
                                    <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Action"</span></th>
                                </tr>
                            </thead>
                            <tbody class="govuk-table__body">
                                {demos.into_iter().map(|d| {
                                    let password = demo_password.clone();
                                    let label = format!("Sign in as {}", d.display_name);
                                    view! {
                                        <tr class="govuk-table__row">
                                            <th scope="row" class="govuk-table__header">{d.display_name.clone()}</th>
                                            <td class="govuk-table__cell">{d.email.clone()}</td>
                                            <td class="govuk-table__cell">{d.roles.clone()}</td>
                                            <td class="govuk-table__cell">
                                                <ActionForm action attr:class="tb-inline-form">
                                                    <input type="hidden" name="email" value=d.email.clone() />
                                                    <input type="hidden" name="password" value=password />
                                                    <input type="hidden" name="next" value=next() />
                                                    <button type="submit" class="govuk-button govuk-button--secondary tb-button--small">{label}</button>
                                                </ActionForm>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    })}
                }
            })}
        </Suspense>
    }
}
