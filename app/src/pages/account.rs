//! One's own account: who you are, your roles, changing your password, and your reminders
//! (digests on or off, your calendar address).

use crate::api::auth::{my_account, ChangePassword};
use crate::api::take_flash;
use crate::components::forms::{errors_of, ErrorSummary, SuccessBanner, TextInput};
use crate::pages::sign_in_link;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let me = Resource::new(|| (), |_| my_account());
    let flash = Resource::new(|| (), |_| take_flash());
    let action = ServerAction::<ChangePassword>::new();
    view! {
        <Title text="Your account" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let me = match me.await {
                    Ok(me) => me,
                    Err(e) => return sign_in_link(e, "/account").into_any(),
                };
                let notice = flash.as_ref().and_then(|f| f.notice.clone());
                let errors = Signal::derive(move || errors_of(action.value().get(), &flash));
                view! {
                    <div class="govuk-grid-row">
                        <div class="govuk-grid-column-two-thirds">
                            {notice.map(|n| view! { <SuccessBanner message=n /> })}
                            <ErrorSummary errors />
                            <h1 class="govuk-heading-l">"Your account"</h1>
                            <dl class="govuk-summary-list">
                                <div class="govuk-summary-list__row">
                                    <dt class="govuk-summary-list__key">"Name"</dt>
                                    <dd class="govuk-summary-list__value">{me.display_name.clone()}</dd>
                                </div>
                                <div class="govuk-summary-list__row">
                                    <dt class="govuk-summary-list__key">"Email address"</dt>
                                    <dd class="govuk-summary-list__value">{me.email.clone()}</dd>
                                </div>
                                <div class="govuk-summary-list__row">
                                    <dt class="govuk-summary-list__key">"Roles"</dt>
                                    <dd class="govuk-summary-list__value">{me.roles_text()}</dd>
                                </div>
                            </dl>
                            <h2 class="govuk-heading-m">"Signing in"</h2>
                            <ul class="govuk-list">
                                <li><a class="govuk-link" href="/account/second-factor">"Second factor (authenticator app)"</a></li>
                                <li><a class="govuk-link" href="/account/sessions">"Where you are signed in"</a></li>
                            </ul>
                            <h2 class="govuk-heading-m">"Change your password"</h2>
                            <p class="govuk-body">"Changing your password signs you out everywhere else."</p>
                            <ActionForm action attr:novalidate=true>
                                <TextInput id="current-password" name="current_password" label="Current password" input_type="password" autocomplete="current-password" errors />
                                <TextInput id="new-password" name="new_password" label="New password" hint="12 characters or more. A few unrelated words are easy to remember and hard to guess." input_type="password" autocomplete="new-password" errors />
                                <TextInput id="confirm-password" name="confirm_password" label="Confirm new password" input_type="password" autocomplete="new-password" errors />
                                <button type="submit" class="govuk-button" data-module="govuk-button">"Change password"</button>
                            </ActionForm>
                            <crate::pages::due::RemindersSection />
                        </div>
                    </div>
                }.into_any()
            })}
        </Suspense>
    }
}
