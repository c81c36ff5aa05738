//! The children and young people's version.

use super::*;
use crate::domain::plan::YoungPeopleForm;

#[component]
pub fn YoungPeoplePage() -> impl IntoView {
    let save = ServerAction::<SaveYoungPeopleVersion>::new();
    plan_frame(
        "The children and young people's version",
        move |page, flash, _| {
            let Some(plan) = page.plan.clone() else {
                return missing("The plan").into_any();
            };
            let base = page.base();
            let can_edit = editable(&page);
            let flash_errors = flash.clone();
            let errors = Signal::derive(move || errors_of(save.value().get(), &flash_errors));
            let text = plan.young_people_text();
            let typed = flash
                .as_ref()
                .and_then(|f| f.form::<YoungPeopleForm>())
                .map(|f| f.text)
                .unwrap_or_else(|| text.clone());
            let notice = flash.as_ref().and_then(|f| f.notice.clone());
            let initial = flash
                .as_ref()
                .and_then(|f| f.revision)
                .unwrap_or(plan.revision);
            let revision =
                Signal::derive(move || revision_after(initial, save.value().get(), |r| *r));
            let score = page.readability.clone();
            let long = long_sentences(&text, 20);
            view! {
            <div class="tb-no-print">
                <a href=base.clone() class="govuk-back-link">"Back to the plan"</a>
                {notice.map(|n| view! { <SuccessBanner message=n /> })}
                <ErrorSummary errors />
                {plan_heading(&page, "The children and young people's version".into())}
                <p class="govuk-body">{if plan.young_people_version.is_some() {
                    "This version has been edited by the partnership."
                } else {
                    "This version is generated from the plan in short, plain sentences. Check it and make it your own."
                }}</p>
                {score.map(|r| {
                    let (label, advice) = band(r.score);
                    view! {
                        <div class="tb-panel" data-testid="readability">
                            <h2 class="govuk-heading-s">"How easy it is to read"</h2>
                            <p class="govuk-body"><span class="tb-big-number">{format!("{:.0}", r.score)}</span>" out of 100 (Flesch reading ease): "<strong>{label}</strong></p>
                            <p class="govuk-body-s">{format!("{advice} Aim for 70 or more. {} words in {} sentences, {:.1} words a sentence on average.", r.words, r.sentences, r.average_sentence_length)}</p>
                            {(!long.is_empty()).then(|| view! {
                                <p class="govuk-body-s">"Sentences to shorten:"</p>
                                <ul class="govuk-list govuk-list--bullet govuk-body-s">{long.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
                            })}
                        </div>
                    }
                })}
                {can_edit.then(|| view! {
                    <ActionForm action=save attr:novalidate=true attr:data-testid="young-people-form">
                        <input type="hidden" name="plan_id" value=plan.id />
                        <input type="hidden" name="revision" value=move || revision.get().to_string() />
                        <TextArea field=YoungPeopleForm::text label="The text of the leaflet" hint="One idea a line. Start a heading’s line with #, like “# Staying healthy”." value=typed errors rows=16 />
                        <div class="govuk-button-group">
                            <button type="submit" class="govuk-button" data-module="govuk-button">"Save this version"</button>
                            <button type="submit" name=YoungPeopleForm::regenerate.name() value="yes" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Go back to the generated version"</button>
                        </div>
                    </ActionForm>
                })}
                <h2 class="govuk-heading-m">"The leaflet"</h2>
                <p class="govuk-body">"Print this page to get the two-page leaflet: only the leaflet is printed."</p>
            </div>
            <section class="tb-leaflet" aria-label="Leaflet" data-testid="leaflet">
                {leaflet(&text)}
            </section>
        }
        .into_any()
        },
    )
}

/// The leaflet: the first line as its title, marked lines as headings
/// ([`crate::domain::young_people::leaflet_lines`]).
fn leaflet(text: &str) -> impl IntoView {
    use crate::domain::young_people::{leaflet_lines, LeafletLine};
    let mut title = String::new();
    let mut body = Vec::new();
    for line in leaflet_lines(text) {
        match line {
            LeafletLine::Title(t) => title = t,
            LeafletLine::Heading(h) => {
                body.push(view! { <h3 class="tb-leaflet__heading">{h}</h3> }.into_any())
            }
            LeafletLine::Text(t) => {
                body.push(view! { <p class="tb-leaflet__text">{t}</p> }.into_any())
            }
        }
    }
    view! {
        <h2 class="tb-leaflet__title">{title}</h2>
        <div class="tb-leaflet__columns">{body}</div>
    }
}
