//! The annual review of last year's plan: every action as approved, with how it turned out and
//! commentary; every measure with its latest figure for the area against its target and due
//! date, rated by the dashboard's engine, with commentary.

use super::*;
use crate::api::assessments::{ReviewView, SaveReview};
use crate::components::forms::{ErrorSummary, PostForm, Radios, TextArea};
use crate::domain::assessment::{review_field, review_key, ReviewForm, ReviewOutcome};
use crate::domain::Choice;
use crate::pages::dashboard::rag_tag;
use leptos::server_fn::ServerFn;

fn outcome_choices() -> Vec<Choice> {
    ReviewOutcome::ALL
        .iter()
        .map(|o| Choice {
            value: o.as_str().into(),
            label: o.label().into(),
        })
        .collect()
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    assessment_frame("Review of last year's plan", move |page, flash| {
        let Some(a) = page.assessment.clone() else {
            return not_there(&page);
        };
        let (errors, _) = flash_parts(&flash);
        let title = format!(
            "Review of the {} plan",
            page.reviewed_year
                .map(|y| y.to_string())
                .unwrap_or_default()
        );
        let Some(review) = page.review.clone() else {
            return view! {
                <a href=page.base() class="govuk-back-link">"Back to the self-assessment"</a>
                {heading(&page, title)}
                <p class="govuk-body" data-testid="no-review">"No version of last year's plan was approved, so there is nothing to review. The self-assessment can be submitted without a review."</p>
            }
            .into_any();
        };
        let typed = flash
            .as_ref()
            .and_then(|f| f.form::<ReviewForm>())
            .unwrap_or_else(|| ReviewForm::from_saved(&review.items, &a.notes));
        let revision = flash
            .as_ref()
            .and_then(|f| f.revision)
            .unwrap_or(a.review_revision);
        let edit = editable(&page);
        let ReviewView {
            actions,
            measures,
            headline,
            plan_year,
            version,
            ..
        } = review;
        view! {
            <a href=page.base() class="govuk-back-link">"Back to the self-assessment"</a>
            <ErrorSummary errors />
            {heading(&page, title)}
            <p class="govuk-body">{format!("Built from version {version} of the {plan_year} plan, as the Trust Board approved it.")}</p>
            <p class="govuk-body" data-testid="review-headline"><strong>{headline.to_string()}</strong></p>
            {read_only_note(&page)}
            <PostForm action={<SaveReview as ServerFn>::PATH} testid="review-form">
                <input type="hidden" name="assessment_id" value=a.id />
                <input type="hidden" name="revision" value=revision />
                <h2 class="govuk-heading-m">{format!("Actions ({})", actions.len())}</h2>
                {actions.iter().map(|x| {
                    let key = review_key(true, x.id);
                    let outcome = typed.outcome.get(&key).cloned().unwrap_or_default();
                    let commentary = typed.commentary.get(&key).cloned().unwrap_or_default();
                    view! {
                        <div class="tb-review-item" data-testid="review-action">
                            <h3 class="govuk-heading-s">{x.description.clone()}</h3>
                            <p class="govuk-body-s tb-muted">{format!("{} · led by {} · due {} · recorded as {}", x.priority, x.lead, x.due, x.recorded.to_lowercase())}</p>
                            {if edit {
                                view! {
                                    <Radios id=review_field(true, x.id, "outcome") name=format!("form[outcome][{key}]") legend="How did it turn out?" choices=outcome_choices() selected=outcome errors />
                                    <TextArea id=review_field(true, x.id, "commentary") name=format!("form[commentary][{key}]") label="Commentary" value=commentary errors rows=3 />
                                }.into_any()
                            } else {
                                let shown = outcome.parse::<ReviewOutcome>().map(|o| o.label().to_string()).unwrap_or_else(|_| "Not said".into());
                                view! {
                                    <p class="govuk-body"><strong>{shown}</strong></p>
                                    <p class="govuk-body tb-pre">{commentary}</p>
                                }.into_any()
                            }}
                        </div>
                    }
                }).collect_view()}
                <h2 class="govuk-heading-m">{format!("Measures ({})", measures.len())}</h2>
                {measures.iter().map(|m| {
                    let key = review_key(false, m.id);
                    let commentary = typed.commentary.get(&key).cloned().unwrap_or_default();
                    view! {
                        <div class="tb-review-item" data-testid="review-measure">
                            <h3 class="govuk-heading-s">{m.indicator.clone()}</h3>
                            <dl class="govuk-summary-list govuk-summary-list--no-border">
                                <div class="govuk-summary-list__row">
                                    <dt class="govuk-summary-list__key">"Baseline and target"</dt>
                                    <dd class="govuk-summary-list__value">{format!("From {} to {} by {}", m.baseline, m.target, m.due)}</dd>
                                </div>
                                <div class="govuk-summary-list__row">
                                    <dt class="govuk-summary-list__key">"Latest figure"</dt>
                                    <dd class="govuk-summary-list__value" data-testid="review-rating">{rag_tag(m.rag)} " " {m.rating_words()}</dd>
                                </div>
                            </dl>
                            {if edit {
                                view! { <TextArea id=review_field(false, m.id, "commentary") name=format!("form[commentary][{key}]") label="Commentary" value=commentary errors rows=3 /> }.into_any()
                            } else {
                                view! { <p class="govuk-body tb-pre">{commentary}</p> }.into_any()
                            }}
                        </div>
                    }
                }).collect_view()}
                {edit.then(|| view! {
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Save and return to the self-assessment"</button>
                })}
            </PostForm>
        }
        .into_any()
    })
}
