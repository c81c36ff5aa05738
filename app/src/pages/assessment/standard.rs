//! One standard: what it covers and what each grade looks like, the partnership's grade,
//! evidence (with figures pulled in from the catalogue), strengths and areas for development,
//! and the district manager's questions on it.

use super::*;
use crate::api::assessments::{AddEvidenceFigure, RemoveEvidenceFigure, SaveStandardAnswer};
use crate::components::forms::{
    message_for, ErrorSummary, PostForm, Select, SuccessBanner, TextArea,
};
use crate::domain::assessment::{FigureForm, Question, StandardForm};
use crate::domain::Choice;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StandardPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()));
    assessment_frame("A standard", move |page, flash| {
        let Some(a) = page.assessment.clone() else {
            return not_there(&page);
        };
        let set = page.standards.clone();
        let Some((set, standard)) = set.and_then(|s| {
            let found = id().and_then(|i| s.standard(i).cloned());
            found.map(|x| (s, x))
        }) else {
            crate::error::answer_page_with(&crate::error::AppError::NotFound(
                "That standard".into(),
            ));
            return view! { <h1 class="govuk-heading-l">"Page not found"</h1><p class="govuk-body">"That standard is not one of this year's."</p> }.into_any();
        };
        let (errors, notice) = flash_parts(&flash);
        let base = page.base();
        let answer = a.answer(standard.id).cloned();
        let typed = flash
            .as_ref()
            .and_then(|f| f.form::<StandardForm>())
            .unwrap_or_else(|| StandardForm::from_saved(answer.as_ref()));
        let revision = flash
            .as_ref()
            .and_then(|f| f.revision)
            .unwrap_or_else(|| answer.as_ref().map_or(0, |x| x.revision));
        let figure_typed = flash
            .as_ref()
            .and_then(|f| f.form::<FigureForm>())
            .unwrap_or_default();
        let edit = editable(&page);
        let questions: Vec<Question> = a
            .questions
            .iter()
            .filter(|q| q.standard_id == Some(standard.id))
            .cloned()
            .collect();
        let figures = answer
            .as_ref()
            .map(|x| x.figures.clone())
            .unwrap_or_default();
        let scale = set.scale.clone();
        let (aid, sid) = (a.id, standard.id);
        view! {
            <a href=base.clone() class="govuk-back-link">"Back to the self-assessment"</a>
            {notice.map(|n| view! { <SuccessBanner message=n /> })}
            <ErrorSummary errors />
            {heading(&page, standard.title.clone())}
            <p class="govuk-body-l">{standard.covers.clone()}</p>
            <details class="govuk-details">
                <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"What each grade looks like"</span></summary>
                <div class="govuk-details__text">
                    <dl class="govuk-summary-list">
                        {Grade::ALL.iter().map(|g| view! {
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">{scale.label(*g).to_string()}</dt>
                                <dd class="govuk-summary-list__value">{standard.descriptors[g.index()].clone()}</dd>
                            </div>
                        }).collect_view()}
                    </dl>
                </div>
            </details>
            {read_only_note(&page)}
            {if edit {
                let selected = typed.grade.clone();
                let grade_error = message_for(&errors.get_untracked(), StandardForm::grade.key());
                view! {
                    <PostForm action={<SaveStandardAnswer as ServerFn>::PATH} testid="standard-form">
                        <input type="hidden" name="assessment_id" value=aid />
                        <input type="hidden" name="standard_id" value=sid />
                        <input type="hidden" name="revision" value=revision />
                        <div class=if grade_error.is_some() { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }>
                            <fieldset class="govuk-fieldset" aria-describedby=grade_error.as_ref().map(|_| "grade-error")>
                                <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">"Your grade"</legend>
                                {grade_error.clone().map(|e| view! { <p id="grade-error" class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{e}</p> })}
                                <div class="govuk-radios" data-module="govuk-radios">
                                    {Grade::ALL.iter().map(|g| {
                                        let value = g.number().to_string();
                                        let input_id = if g.number() == 1 { "grade".to_string() } else { format!("grade-{}", g.number()) };
                                        let hint_id = format!("{input_id}-hint");
                                        let checked = selected == value;
                                        view! {
                                            <div class="govuk-radios__item">
                                                <input class="govuk-radios__input" id=input_id.clone() name=StandardForm::grade.name() type="radio" value=value checked=checked aria-describedby=hint_id.clone() />
                                                <label class="govuk-label govuk-radios__label" for=input_id>{scale.label(*g).to_string()}</label>
                                                <div id=hint_id class="govuk-hint govuk-radios__hint">{standard.descriptors[g.index()].clone()}</div>
                                            </div>
                                        }
                                    }).collect_view()}
                                </div>
                            </fieldset>
                        </div>
                        <TextArea field=StandardForm::evidence label="Evidence" hint="What shows this grade is right: minutes, reports, feedback, figures. Figures you add below are listed with their period and source." value=typed.evidence errors rows=8 />
                        <TextArea field=StandardForm::strengths label="Strengths" value=typed.strengths errors rows=4 />
                        <TextArea field=StandardForm::development label="Areas for development" value=typed.development errors rows=4 />
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Save and return to the self-assessment"</button>
                    </PostForm>
                }.into_any()
            } else {
                let x = answer.clone();
                view! {
                    <dl class="govuk-summary-list" data-testid="standard-answer">
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">"Grade"</dt>
                            <dd class="govuk-summary-list__value">{grade_tag(&scale, x.as_ref().and_then(|x| x.grade))}</dd>
                        </div>
                        {[("Evidence", x.as_ref().map(|x| x.evidence.clone())), ("Strengths", x.as_ref().map(|x| x.strengths.clone())), ("Areas for development", x.as_ref().map(|x| x.development.clone()))]
                            .into_iter().map(|(k, v)| view! {
                                <div class="govuk-summary-list__row">
                                    <dt class="govuk-summary-list__key">{k}</dt>
                                    <dd class="govuk-summary-list__value tb-pre">{v.filter(|t| !t.is_empty()).unwrap_or_else(|| "—".into())}</dd>
                                </div>
                            }).collect_view()}
                    </dl>
                }.into_any()
            }}
            <h2 class="govuk-heading-m" id="figures">"Figures in the evidence"</h2>
            {if figures.is_empty() {
                view! { <p class="govuk-body" data-testid="no-figures">"No figures have been added."</p> }.into_any()
            } else {
                view! {
                    <table class="govuk-table" data-testid="evidence-figures">
                        <thead class="govuk-table__head"><tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Indicator"</th>
                            <th scope="col" class="govuk-table__header">"Figure"</th>
                            <th scope="col" class="govuk-table__header">"Area and period"</th>
                            <th scope="col" class="govuk-table__header">"Source"</th>
                            {edit.then(|| view! { <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Remove"</span></th> })}
                        </tr></thead>
                        <tbody class="govuk-table__body">
                            {figures.into_iter().map(|f| view! {
                                <tr class="govuk-table__row">
                                    <td class="govuk-table__cell">{format!("{} {}", f.indicator_code, f.indicator_title)}</td>
                                    <td class="govuk-table__cell">{f.value.clone()}</td>
                                    <td class="govuk-table__cell">{format!("{}, {}", f.area_name, f.period)}</td>
                                    <td class="govuk-table__cell">{f.source.clone()}</td>
                                    {edit.then(|| view! {
                                        <td class="govuk-table__cell">
                                            <PostForm action={<RemoveEvidenceFigure as ServerFn>::PATH}>
                                                <input type="hidden" name="assessment_id" value=aid />
                                                <input type="hidden" name="standard_id" value=sid />
                                                <input type="hidden" name="figure_id" value=f.id />
                                                <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">"Remove"<span class="govuk-visually-hidden">{format!(" {}", f.indicator_code.clone())}</span></button>
                                            </PostForm>
                                        </td>
                                    })}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            {edit.then(|| {
                let choices: Vec<Choice> = std::iter::once(Choice { value: String::new(), label: "Choose an indicator".into() })
                    .chain(page.indicators.iter().cloned()).collect();
                view! {
                    <PostForm action={<AddEvidenceFigure as ServerFn>::PATH} testid="figure-form">
                        <input type="hidden" name="assessment_id" value=aid />
                        <input type="hidden" name="standard_id" value=sid />
                        <Select field=FigureForm::indicator label="Add the latest figure of an indicator for your area" hint="It is kept as published now, with its period and source." choices selected=figure_typed.indicator errors />
                        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Add the figure"</button>
                    </PostForm>
                }
            })}
            {(!questions.is_empty()).then(|| view! {
                <h2 class="govuk-heading-m">"Questions from the district manager"</h2>
                {super::parts::question_list(&questions)}
            })}
        }
        .into_any()
    })
}
