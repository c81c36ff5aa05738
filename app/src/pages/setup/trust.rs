//! `/admin/setup/trust`: the Trust's name, its county and the county's districts.

use crate::api::setup::trust::{get_trust_form, SaveTrust};
use crate::components::forms::{ErrorSummary, PostForm, TextArea, TextInput};
use crate::domain::setup::TrustForm;
use crate::pages::frame;
use crate::pages::midyear::flash_parts;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn TrustPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_trust_form());
    frame(
        "The Trust's details",
        data,
        |(held, set_up): (TrustForm, bool), flash| {
            let (errors, _) = flash_parts(&flash);
            let typed = flash
                .as_ref()
                .and_then(|f| f.form::<TrustForm>())
                .unwrap_or(held);
            view! {
                <a href="/admin/setup" class="govuk-back-link">"Back to set-up"</a>
                <ErrorSummary errors />
                <h1 class="govuk-heading-l">"The Trust's details"</h1>
                <PostForm action={<SaveTrust as ServerFn>::PATH} testid="trust-form">
                    <TextInput field=TrustForm::name label="The Trust's name" hint="For example, Hampshire Children's Trust" value=typed.name errors />
                    <TextInput field=TrustForm::county_code label="The county's ONS code" hint="For example, E10000014" value=typed.county_code errors width="govuk-input--width-10" />
                    <TextInput field=TrustForm::county_name label="The county's name" hint="For example, Hampshire" value=typed.county_name errors />
                    <TextArea field=TrustForm::districts label="The county's districts" hint="One on each line: the district's ONS code, then its name if you like (imported boundaries name it otherwise). For example, E07000084 Basingstoke and Deane" value=typed.districts errors rows=8 />
                    <button type="submit" class="govuk-button" data-module="govuk-button">{if set_up { "Save the Trust's details" } else { "Set up the Trust" }}</button>
                </PostForm>
            }
        },
    )
}
