//! The overall summary, the questions and answers, and the check before submission.

use super::*;
use crate::api::assessments::{SaveAnswers, SaveAssessmentSummary, SubmitAssessment};
use crate::components::forms::{ErrorSummary, PostForm, TextArea};
use crate::domain::assessment::{AnswersForm, Question, SummaryForm};
use leptos::server_fn::ServerFn;

#[component]
pub fn SummaryPage() -> impl IntoView {
    assessment_frame("Overall summary", move |page, flash| {
        let Some(a) = page.assessment.clone() else {
            return not_there(&page);
        };
        let (errors, _) = flash_parts(&flash);
        let typed = flash
            .as_ref()
            .and_then(|f| f.form::<SummaryForm>())
            .unwrap_or_else(|| SummaryForm {
                summary: a.summary.clone(),
            });
        let revision = flash
            .as_ref()
            .and_then(|f| f.revision)
            .unwrap_or(a.revision);
        view! {
            <a href=page.base() class="govuk-back-link">"Back to the self-assessment"</a>
            <ErrorSummary errors />
            {heading(&page, "Overall summary".into())}
            {read_only_note(&page)}
            {if editable(&page) {
                view! {
                    <PostForm action={<SaveAssessmentSummary as ServerFn>::PATH} testid="summary-form">
                        <input type="hidden" name="assessment_id" value=a.id />
                        <input type="hidden" name="revision" value=revision />
                        <TextArea field=SummaryForm::summary label="Summary of the self-assessment" hint="How the partnership is doing overall, and what it will do next." value=typed.summary errors rows=10 />
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Save and return to the self-assessment"</button>
                    </PostForm>
                }.into_any()
            } else {
                view! { <p class="govuk-body tb-pre" data-testid="summary-text">{if a.summary.is_empty() { "—".to_string() } else { a.summary.clone() }}</p> }.into_any()
            }}
        }
        .into_any()
    })
}

/// Questions with their answers, oldest first: the history of every round.
pub fn question_list(questions: &[Question]) -> impl IntoView {
    view! {
        <ul class="govuk-list" data-testid="question-history">
            {questions.iter().map(|q| view! {
                <li class="tb-comment">
                    <p class="govuk-body-s tb-muted">{format!("Asked by {} on {} (submission {})", q.asked_by, q.asked_on, q.round)}</p>
                    <p class="govuk-body tb-pre">{q.body.clone()}</p>
                    {match &q.answer {
                        Some(ans) => view! {
                            <p class="govuk-body-s tb-muted">{format!("Answered by {}", q.answered_by.clone().unwrap_or_default())}</p>
                            <p class="govuk-body tb-pre" data-testid="answer">{ans.clone()}</p>
                        }.into_any(),
                        None => view! { <p class="govuk-body"><strong>"Not answered yet"</strong></p> }.into_any(),
                    }}
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn QuestionsPage() -> impl IntoView {
    assessment_frame("Questions from the district manager", move |page, flash| {
        let Some(a) = page.assessment.clone() else {
            return not_there(&page);
        };
        let (errors, _) = flash_parts(&flash);
        let typed = flash
            .as_ref()
            .and_then(|f| f.form::<AnswersForm>())
            .unwrap_or_default();
        let open: Vec<Question> = a
            .questions
            .iter()
            .filter(|q| q.round == a.round)
            .cloned()
            .collect();
        let answering =
            editable(&page) && a.status == AssessmentStatus::Returned && !open.is_empty();
        let titles: Vec<String> = open
            .iter()
            .map(|q| match q.standard_id {
                Some(id) => format!("On “{}”", page.standard_title(id)),
                None => "On the self-assessment as a whole".to_string(),
            })
            .collect();
        let aid = a.id;
        view! {
            <a href=page.base() class="govuk-back-link">"Back to the self-assessment"</a>
            <ErrorSummary errors />
            {heading(&page, "Questions from the district manager".into())}
            {if answering {
                view! {
                    <PostForm action={<SaveAnswers as ServerFn>::PATH} testid="answers-form">
                        <input type="hidden" name="assessment_id" value=aid />
                        {open.iter().zip(titles).map(|(q, title)| {
                            let key = q.id.to_string();
                            let value = typed.answer.get(&key).cloned().unwrap_or_else(|| q.answer.clone().unwrap_or_default());
                            view! {
                                <div class="tb-comment">
                                    <p class="govuk-body-s tb-muted">{format!("{title} · asked by {} on {}", q.asked_by, q.asked_on)}</p>
                                    <p class="govuk-body tb-pre" data-testid="question">{q.body.clone()}</p>
                                    <TextArea id=format!("answer-{}", q.id) name=format!("form[answer][{}]", q.id) label="Your answer" value errors rows=4 />
                                </div>
                            }
                        }).collect_view()}
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Save your answers"</button>
                    </PostForm>
                }.into_any()
            } else {
                view! { <p class="govuk-body">"There are no questions waiting for an answer."</p> }.into_any()
            }}
            <h2 class="govuk-heading-m">"Every question and answer"</h2>
            {question_list(&a.questions)}
        }
        .into_any()
    })
}

#[component]
pub fn SubmitAssessmentPage() -> impl IntoView {
    assessment_frame(
        "Check and submit the self-assessment",
        move |page, flash| {
            let Some(a) = page.assessment.clone() else {
                return not_there(&page);
            };
            let base = page.base();
            // The gaps as they stand, each linking to the field on the page where it is filled in.
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
            let late = page.due.is_some_and(|d| page.today > d) && a.round == 0;
            view! {
            <a href=base.clone() class="govuk-back-link">"Back to the self-assessment"</a>
            <ErrorSummary errors />
            {heading(&page, "Check and submit the self-assessment".into())}
            <p class="govuk-body" data-testid="submit-readiness">{if ready {
                "Every standard has a grade and evidence, the summary is written and last year's plan is reviewed. The self-assessment can be submitted.".to_string()
            } else {
                format!("{} things need completing before the self-assessment can be submitted: they are listed above, each linking to where it is done.", page.problems.len())
            }}</p>
            {late.then(|| view! {
                <div class="govuk-warning-text" data-testid="late-warning">
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>"It is past the due date: it can still be submitted, and will be marked late."</strong>
                </div>
            })}
            {(page.may.submit && a.status.partnership_may_edit()).then(|| view! {
                <PostForm action={<SubmitAssessment as ServerFn>::PATH} testid="submit-form">
                    <input type="hidden" name="assessment_id" value=a.id />
                    <input type="hidden" name="revision" value=a.revision />
                    <button type="submit" class="govuk-button" data-module="govuk-button">{if a.round > 0 { "Submit it again to the district manager" } else { "Submit to the district manager" }}</button>
                </PostForm>
            })}
        }
        .into_any()
        },
    )
}
