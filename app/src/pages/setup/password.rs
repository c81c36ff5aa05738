//! `/set-password/<token>`: a new person chooses their own password with their one-time link.

use crate::api::setup::password::{password_link, ChoosePassword, LinkState};
use crate::components::forms::{ErrorSummary, PostForm, TextInput};
use crate::pages::frame;
use crate::pages::midyear::flash_parts;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let data = Resource::new(token, password_link);
    frame(
        "Choose your password",
        data,
        move |state: LinkState, flash| {
            let (errors, _) = flash_parts(&flash);
            let token = token();
            match state {
            LinkState::Valid { name, email } => view! {
                <ErrorSummary errors />
                <h1 class="govuk-heading-l">"Choose your password"</h1>
                <p class="govuk-body">{format!("Welcome, {name}. You will sign in to Trustboard with your e-mail address, {email}, and the password you choose now.")}</p>
                <PostForm action={<ChoosePassword as ServerFn>::PATH} testid="choose-password">
                    <input type="hidden" name="token" value=token />
                    <input type="text" name="username" value=email.clone() autocomplete="username" hidden=true readonly=true />
                    <TextInput id="new-password" name="new_password" label="New password" hint="At least 12 characters. A few unrelated words make a strong one." input_type="password" autocomplete="new-password" errors />
                    <TextInput id="confirm-password" name="confirm_password" label="Type it again" input_type="password" autocomplete="new-password" errors />
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Set my password and sign in"</button>
                </PostForm>
            }.into_any(),
            other => {
                let why = match other {
                    LinkState::Used => "This link has been used already. Sign in with the password you chose, or ask your Trust administrator for a new link.",
                    LinkState::Expired => "This link has expired. Ask your Trust administrator for a new one.",
                    _ => "This link is not right. Check you have the whole link, or ask your Trust administrator for a new one.",
                };
                view! {
                    <ErrorSummary errors />
                    <h1 class="govuk-heading-l">"This link does not work"</h1>
                    <p class="govuk-body" data-testid="link-state">{why}</p>
                    <p class="govuk-body"><a class="govuk-link" href="/sign-in">"Sign in"</a></p>
                }.into_any()
            }
        }
        },
    )
}
