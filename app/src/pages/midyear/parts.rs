//! One action's progress, one measure's forecast, the summary, and the check before
//! submission.

use super::*;
use crate::api::midyear::{
    SaveActionProgress, SaveMeasureNote, SaveMidYearSummary, SubmitMidYearReview,
};
use crate::components::forms::{ErrorSummary, PostForm, Radios, TextArea, TextInput};
use crate::domain::date::long_date;
use crate::domain::midyear::{ActionProgressForm, MeasureNoteForm, MidYearSummaryForm};
use crate::pages::dashboard::rag_tag;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

fn id_param() -> impl Fn() -> Option<i64> + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()))
}

fn missing(what: &str) -> AnyView {
    crate::error::answer_page_with(&crate::error::AppError::NotFound(what.into()));
    view! { <h1 class="govuk-heading-l">"Page not found"</h1><p class="govuk-body">{format!("{what} is not part of this plan.")}</p> }.into_any()
}

fn row(key: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{key}</dt>
            <dd class="govuk-summary-list__value tb-pre">{if value.trim().is_empty() { "—".to_string() } else { value }}</dd>
        </div>
    }
}

#[component]
pub fn ActionProgressPage() -> impl IntoView {
    let id = id_param();
    review_frame("An action's progress", move |page, flash| {
        let Some(r) = page.review.clone() else {
            return not_there(&page);
        };
        let found = page.snapshot.as_ref().and_then(|plan| {
            plan.priorities.iter().find_map(|p| {
                p.actions.iter().find(|a| Some(a.id) == id()).map(|a| {
                    (
                        p.title.clone(),
                        a.clone(),
                        plan.organisation_name(a.lead_partner),
                    )
                })
            })
        });
        let Some((priority, action, lead)) = found else {
            return missing("That action");
        };
        let Some(saved) = r.action(action.id).cloned() else {
            return missing("That action");
        };
        let (errors, _) = flash_parts(&flash);
        let typed = flash
            .as_ref()
            .and_then(|f| f.form::<ActionProgressForm>())
            .unwrap_or_else(|| ActionProgressForm::from_saved(&saved, action.due));
        let revision = flash
            .as_ref()
            .and_then(|f| f.revision)
            .unwrap_or(saved.revision);
        let approved = action
            .due
            .map(long_date)
            .unwrap_or_else(|| "no date".into());
        view! {
            <a href=page.base() class="govuk-back-link">"Back to the mid-year review"</a>
            <ErrorSummary errors />
            {heading(&page, "An action's progress".into())}
            <dl class="govuk-summary-list" data-testid="approved-action">
                {row("Priority", priority)}
                {row("Action", action.description.clone())}
                {row("Lead partner", lead)}
                {row("Due, as approved", approved.clone())}
                {row("Progress recorded in the plan", action.status.label().to_string())}
            </dl>
            {read_only_note(&page)}
            {if editable(&page) {
                view! {
                    <PostForm action={<SaveActionProgress as ServerFn>::PATH} testid="action-form">
                        <input type="hidden" name="review_id" value=r.id />
                        <input type="hidden" name="action_id" value=action.id />
                        <input type="hidden" name="revision" value=revision />
                        <Radios field=ActionProgressForm::progress legend="How is the action going?" choices=progress_choices() selected=typed.progress errors />
                        <TextArea field=ActionProgressForm::commentary label="Progress so far" hint="What has been done, and what is next. If it was dropped, say why." value=typed.commentary errors rows=5 />
                        <fieldset class="govuk-fieldset">
                            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">"Corrective action"</legend>
                            <div class="govuk-hint">"Needed when the action is at risk or off track: what has been agreed, who owns it and when it is due."</div>
                            <TextArea field=ActionProgressForm::corrective_action label="Corrective action agreed" value=typed.corrective_action errors rows=3 />
                            <TextInput field=ActionProgressForm::corrective_owner label="Who owns it" value=typed.corrective_owner errors />
                            <TextInput field=ActionProgressForm::corrective_due label="When it is due" hint="For example, 31/1/2027" value=typed.corrective_due errors width="govuk-input--width-10" />
                        </fieldset>
                        <fieldset class="govuk-fieldset">
                            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">"Due date"</legend>
                            <TextInput field=ActionProgressForm::due label="When the action is now due" hint=format!("Approved as {approved}. A new date is recorded as a slip, with its reason.") value=typed.due errors width="govuk-input--width-10" />
                            <TextArea field=ActionProgressForm::slip_reason label="Why the date has changed" value=typed.slip_reason errors rows=3 />
                        </fieldset>
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Save and return to the review"</button>
                    </PostForm>
                }.into_any()
            } else {
                view! {
                    <dl class="govuk-summary-list" data-testid="action-progress">
                        {row("Progress", saved.progress.label().to_string())}
                        {row("Progress so far", saved.commentary.clone())}
                        {row("Corrective action", saved.corrective_action.clone())}
                        {row("Owner", saved.corrective_owner.clone())}
                        {row("Corrective action due", saved.corrective_due.map(long_date).unwrap_or_default())}
                        {row("Now due", saved.revised_due.map(long_date).unwrap_or_else(|| approved.clone()))}
                        {row("Why the date changed", saved.slip_reason.clone())}
                    </dl>
                }.into_any()
            }}
        }
        .into_any()
    })
}

#[component]
pub fn MeasureNotePage() -> impl IntoView {
    let id = id_param();
    review_frame("A measure's forecast", move |page, flash| {
        let Some(r) = page.review.clone() else {
            return not_there(&page);
        };
        let Some(m) = page.measures.iter().find(|m| Some(m.id) == id()).cloned() else {
            return missing("That measure");
        };
        let Some(saved) = r.measure(m.id).cloned() else {
            return missing("That measure");
        };
        let (errors, _) = flash_parts(&flash);
        let typed = flash
            .as_ref()
            .and_then(|f| f.form::<MeasureNoteForm>())
            .unwrap_or_else(|| MeasureNoteForm::from_saved(&saved));
        let revision = flash
            .as_ref()
            .and_then(|f| f.revision)
            .unwrap_or(saved.revision);
        view! {
            <a href=page.base() class="govuk-back-link">"Back to the mid-year review"</a>
            <ErrorSummary errors />
            {heading(&page, m.indicator.clone())}
            <dl class="govuk-summary-list" data-testid="measure-figures">
                {row("Priority", m.priority.clone())}
                {row("Baseline", m.baseline.clone())}
                {row("Target", format!("{} by {}", m.target, m.due))}
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"Latest figure"</dt>
                    <dd class="govuk-summary-list__value" data-testid="measure-rating">{rag_tag(m.rag)} " " {m.rating_words()}</dd>
                </div>
            </dl>
            {read_only_note(&page)}
            {if editable(&page) {
                view! {
                    <PostForm action={<SaveMeasureNote as ServerFn>::PATH} testid="measure-form">
                        <input type="hidden" name="review_id" value=r.id />
                        <input type="hidden" name="measure_id" value=m.id />
                        <input type="hidden" name="revision" value=revision />
                        <TextInput field=MeasureNoteForm::forecast label=format!("Your forecast for {}", m.due) hint="The figure the partnership expects by the due date, in the indicator's unit." value=typed.forecast errors width="govuk-input--width-10" />
                        <TextArea field=MeasureNoteForm::commentary label="Commentary" value=typed.commentary errors rows=4 />
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Save and return to the review"</button>
                    </PostForm>
                }.into_any()
            } else {
                view! {
                    <dl class="govuk-summary-list">
                        {row("Forecast", saved.forecast.map(crate::domain::date::format_number).unwrap_or_default())}
                        {row("Commentary", saved.commentary.clone())}
                    </dl>
                }.into_any()
            }}
        }
        .into_any()
    })
}

#[component]
pub fn MidYearSummaryPage() -> impl IntoView {
    review_frame("The review's summary", move |page, flash| {
        let Some(r) = page.review.clone() else {
            return not_there(&page);
        };
        let (errors, _) = flash_parts(&flash);
        let typed = flash
            .as_ref()
            .and_then(|f| f.form::<MidYearSummaryForm>())
            .unwrap_or_else(|| MidYearSummaryForm {
                going_well: r.going_well.clone(),
                board_should_know: r.board_should_know.clone(),
            });
        let revision = flash
            .as_ref()
            .and_then(|f| f.revision)
            .unwrap_or(r.revision);
        view! {
            <a href=page.base() class="govuk-back-link">"Back to the mid-year review"</a>
            <ErrorSummary errors />
            {heading(&page, "Summary".into())}
            {read_only_note(&page)}
            {if editable(&page) {
                view! {
                    <PostForm action={<SaveMidYearSummary as ServerFn>::PATH} testid="summary-form">
                        <input type="hidden" name="review_id" value=r.id />
                        <input type="hidden" name="revision" value=revision />
                        <TextArea field=MidYearSummaryForm::going_well label="What is going well" value=typed.going_well errors rows=6 />
                        <TextArea field=MidYearSummaryForm::board_should_know label="What the Board should know" hint="Risks, help the partnership needs, decisions for the Board." value=typed.board_should_know errors rows=6 />
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Save and return to the review"</button>
                    </PostForm>
                }.into_any()
            } else {
                view! {
                    <dl class="govuk-summary-list" data-testid="summary-text">
                        {row("What is going well", r.going_well.clone())}
                        {row("What the Board should know", r.board_should_know.clone())}
                    </dl>
                }.into_any()
            }}
        }
        .into_any()
    })
}

#[component]
pub fn MidYearSubmitPage() -> impl IntoView {
    review_frame(
        "Check and submit the mid-year review",
        move |page, flash| {
            let Some(r) = page.review.clone() else {
                return not_there(&page);
            };
            let base = page.base();
            let gaps: Vec<FieldError> = page
                .problems
                .iter()
                .map(|p| FieldError::new(&format!("{base}/{}", p.anchor), p.message.clone()))
                .collect();
            let (refused, _) = flash_parts(&flash);
            let errors = Signal::derive(move || {
                let e = refused.get();
                if e.is_empty() {
                    gaps.clone()
                } else {
                    e
                }
            });
            let ready = page.problems.is_empty();
            let late = page.due.is_some_and(|d| page.today > d) && r.round == 0;
            view! {
            <a href=base.clone() class="govuk-back-link">"Back to the mid-year review"</a>
            <ErrorSummary errors />
            {heading(&page, "Check and submit the mid-year review".into())}
            <p class="govuk-body" data-testid="submit-readiness">{if ready {
                format!("The review is complete ({}). It can be submitted.", r.counts())
            } else {
                format!("{} things need completing before the review can be submitted: they are listed above, each linking to where it is done.", page.problems.len())
            }}</p>
            {late.then(|| view! {
                <div class="govuk-warning-text" data-testid="late-warning">
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>"It is past the due date: it can still be submitted, and will be marked late."</strong>
                </div>
            })}
            {(ready && page.may.submit && r.editable()).then(|| view! {
                <PostForm action={<SubmitMidYearReview as ServerFn>::PATH} testid="submit-form">
                    <input type="hidden" name="review_id" value=r.id />
                    <input type="hidden" name="revision" value=r.revision />
                    <button type="submit" class="govuk-button" data-module="govuk-button">{if r.round > 0 { "Submit the review again" } else { "Submit the review" }}</button>
                </PostForm>
            })}
        }
        .into_any()
        },
    )
}
