//! The district manager's moderation: for each standard the partnership's own grade (always
//! shown) and the moderated grade — agreed, or changed with a reason — and questions; then
//! return the assessment with its questions, or complete the moderation.

use super::*;
use crate::api::assessments::ModerateAssessment;
use crate::components::forms::{ErrorSummary, PostForm, Radios, TextArea};
use crate::domain::assessment::{ModerationForm, Question, WHOLE};
use crate::error::AppError;
use leptos::server_fn::ServerFn;

#[component]
pub fn ModerationPage() -> impl IntoView {
    assessment_frame("Moderate the self-assessment", move |page, flash| {
        if !page.may.moderate {
            return sign_in_link(AppError::Forbidden, "").into_any();
        }
        let Some(a) = page.assessment.clone() else {
            return not_there(&page);
        };
        let Some(set) = page.standards.clone() else {
            return not_there(&page);
        };
        let (errors, notice) = flash_parts(&flash);
        let typed = flash
            .as_ref()
            .and_then(|f| f.form::<ModerationForm>())
            .unwrap_or_else(|| ModerationForm::from_saved(&a.answers));
        let base = page.base();
        let open = a.status.open_to_moderation();
        let open_questions: Vec<Question> = a.open_questions().cloned().collect();
        view! {
            <a href=base.clone() class="govuk-back-link">"Back to the self-assessment"</a>
            {notice.map(|n| view! { <crate::components::forms::SuccessBanner message=n /> })}
            <ErrorSummary errors />
            {heading(&page, "Moderate the self-assessment".into())}
            <p class="govuk-body">"Status: " {status_tag(Some(a.status), a.round)}
                {a.late.then(|| view! { " " <Tag colour=TagColour::Red text="Late" /> })}</p>
            {if !open {
                view! { <p class="govuk-body" data-testid="not-open">"The self-assessment is not waiting for moderation now."</p> }.into_any()
            } else {
                view! {
                    <p class="govuk-body">"For each standard, choose the partnership's own grade to agree it, or another grade with your reason. Questions go to the partnership when you return the self-assessment."</p>
                    <PostForm action={<ModerateAssessment as ServerFn>::PATH} testid="moderation-form">
                        <input type="hidden" name="assessment_id" value=a.id />
                        <input type="hidden" name="revision" value=a.revision />
                        {set.standards.iter().map(|s| {
                            let answer = a.answer(s.id).cloned();
                            let own = answer.as_ref().and_then(|x| x.grade);
                            let key = s.id.to_string();
                            let choices = grade_choices(&set.scale).into_iter().map(|mut c| {
                                if own.is_some_and(|g| g.number().to_string() == c.value) {
                                    c.label = format!("{} (the partnership's grade: agree)", c.label);
                                }
                                c
                            }).collect::<Vec<_>>();
                            let asked: Vec<Question> = a.questions.iter().filter(|q| q.standard_id == Some(s.id)).cloned().collect();
                            view! {
                                <div class="tb-review-item" data-testid="moderate-standard">
                                    <h2 class="govuk-heading-m">{s.title.clone()}</h2>
                                    <p class="govuk-body">"The partnership's grade: " {grade_tag(&set.scale, own)}
                                        " · " <a class="govuk-link" href=format!("{base}/standards/{}", s.id)>"Read its evidence"<span class="govuk-visually-hidden">{format!(" for {}", s.title)}</span></a></p>
                                    <p class="govuk-body tb-pre tb-excerpt">{answer.as_ref().map(|x| crate::domain::assessment::shorten(&x.evidence, 400)).unwrap_or_default()}</p>
                                    <Radios id=format!("decision-{}", s.id) name=format!("form[decision][{key}]") legend=format!("Moderated grade for “{}”", s.title) choices selected=typed.decision.get(&key).cloned().unwrap_or_default() errors />
                                    <TextArea id=format!("reason-{}", s.id) name=format!("form[reason][{key}]") label="Reason for a changed grade" hint="Needed only when you change the partnership's grade." value=typed.reason.get(&key).cloned().unwrap_or_default() errors rows=3 />
                                    {(!asked.is_empty()).then(|| super::parts::question_list(&asked))}
                                    <TextArea id=format!("question-{}", s.id) name=format!("form[question][{key}]") label="A question about this standard (optional)" value=typed.question.get(&key).cloned().unwrap_or_default() errors rows=2 />
                                </div>
                            }
                        }).collect_view()}
                        <h2 class="govuk-heading-m">"The self-assessment as a whole"</h2>
                        <TextArea id=format!("question-{WHOLE}") name=format!("form[question][{WHOLE}]") label="A question about the whole self-assessment (optional)" value=typed.question.get(WHOLE).cloned().unwrap_or_default() errors rows=3 />
                        {(!open_questions.is_empty()).then(|| view! {
                            <p class="govuk-body" data-testid="open-questions">{format!("{} questions are ready to go to the partnership.", open_questions.len())}</p>
                        })}
                        <div class="govuk-button-group">
                            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Save"</button>
                            <button type="submit" name="intent" value="return" class="govuk-button govuk-button--warning" data-module="govuk-button">"Save and return it with your questions"</button>
                            <button type="submit" name="intent" value="complete" class="govuk-button" data-module="govuk-button">"Save and complete the moderation"</button>
                        </div>
                    </PostForm>
                }.into_any()
            }}
        }
        .into_any()
    })
}
