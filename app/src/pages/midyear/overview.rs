//! The mid-year review's overview: its status and workflow, every action's progress and every
//! measure's latest figure and forecast, what changed since approval, the comments, and the
//! decision for the district manager or the Board.

use super::*;
use crate::api::midyear::{DecideMidYearReview, StartMidYearReview};
use crate::components::forms::{ErrorSummary, PostForm, Radios, SuccessBanner, TextArea};
use crate::domain::date::long_date;
use crate::domain::midyear::{MidYearDecisionForm, MidYearReview};
use crate::domain::plan::TaskStatus;
use crate::domain::Choice;
use crate::pages::dashboard::rag_tag;
use crate::pages::plans::task;
use leptos::server_fn::ServerFn;

#[component]
pub fn MidYearOverviewPage() -> impl IntoView {
    review_frame("Mid-year review", move |page, flash| {
        let (errors, notice) = flash_parts(&flash);
        let decision = flash
            .as_ref()
            .and_then(|f| f.form::<MidYearDecisionForm>())
            .unwrap_or_default();
        view! {
            <a href=format!("/partnerships/{}/plans/{}", page.slug, page.year) class="govuk-back-link">"Back to the plan"</a>
            {notice.map(|n| view! { <SuccessBanner message=n /> })}
            <ErrorSummary errors />
            {heading(&page, "Mid-year review".into())}
            {match page.review.clone() {
                None => not_started(&page).into_any(),
                Some(r) => started(&page, r, decision, errors).into_any(),
            }}
        }
    })
}

fn due_line(page: &MidYearPage) -> Option<impl IntoView> {
    let due = page.due?;
    let submitted = page.review.as_ref().is_some_and(|r| r.round > 0);
    let overdue = !submitted && page.today > due;
    Some(view! {
        <p class="govuk-body" data-testid="review-due">
            {format!("Due {}", long_date(due))}
            {overdue.then(|| view! { " " <Tag colour=TagColour::Red text="Overdue" /> })}
        </p>
    })
}

fn not_started(page: &MidYearPage) -> impl IntoView {
    if let Some(status) = page.status_only {
        return view! {
            <p class="govuk-body">"Status: " {status_tag(Some(status))}</p>
            <p class="govuk-body" data-testid="not-started">"The partnership is still drafting its mid-year review. You can read it once it has been submitted."</p>
        }
        .into_any();
    }
    let Some(plan) = page.snapshot.clone() else {
        return view! { <p class="govuk-body" data-testid="not-started">"No version of this plan has been approved yet, so there is nothing to review."</p> }.into_any();
    };
    if !page.may.edit {
        return view! { <p class="govuk-body" data-testid="not-started">"The partnership has not started its mid-year review yet."</p> }.into_any();
    }
    let (slug, year) = (page.slug.clone(), page.year);
    view! {
        <p class="govuk-body" data-testid="not-started">{format!(
            "The mid-year review of version {} of the {} plan, as the Board approved it, has not been started. Each action starts from the progress recorded in the plan.",
            plan.version, plan.year)}</p>
        {due_line(page)}
        <PostForm action={<StartMidYearReview as ServerFn>::PATH}>
            <input type="hidden" name="slug" value=slug />
            <input type="hidden" name="year" value=year />
            <button type="submit" class="govuk-button" data-module="govuk-button">"Start the mid-year review"</button>
        </PostForm>
    }
    .into_any()
}

fn started(
    page: &MidYearPage,
    r: MidYearReview,
    decision: MidYearDecisionForm,
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let Some(plan) = page.snapshot.clone() else {
        return view! { <p class="govuk-body">"The approved plan this review is of cannot be found."</p> }.into_any();
    };
    let base = page.base();
    let edit = editable(page);
    let last_return = r.comments.iter().rev().find(|c| c.returned).cloned();
    let summary_status = match (
        r.going_well.trim().is_empty(),
        r.board_should_know.trim().is_empty(),
    ) {
        (true, true) => TaskStatus::NotStarted,
        (false, false) => TaskStatus::Completed,
        _ => TaskStatus::InProgress,
    };
    let measures = page.measures.clone();
    view! {
        <dl class="govuk-summary-list" data-testid="review-summary">
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Status"</dt>
                <dd class="govuk-summary-list__value">{status_tag(Some(r.status))}
                    {r.late.then(|| view! { " " <span data-testid="review-late"><Tag colour=TagColour::Red text="Late" /></span> })}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Reviews"</dt>
                <dd class="govuk-summary-list__value">{format!("Version {} of the {} plan, as approved", plan.version, plan.year)}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Actions"</dt>
                <dd class="govuk-summary-list__value" data-testid="review-headline">{r.counts().to_string()}</dd>
            </div>
            {r.submitted_at.map(|d| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"Submitted"</dt>
                    <dd class="govuk-summary-list__value">{long_date(d.date_naive())}</dd>
                </div>
            })}
            {r.accepted_at.map(|d| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"Accepted"</dt>
                    <dd class="govuk-summary-list__value">{format!("{} by {}", long_date(d.date_naive()), r.accepted_by.clone().unwrap_or_default())}</dd>
                </div>
            })}
        </dl>
        {due_line(page)}
        {read_only_note(page)}
        {(r.status == MidYearStatus::Returned).then(|| view! {
            <div class="govuk-inset-text" data-testid="returned-note">
                <p class="govuk-body">{format!("Returned by {}:", last_return.as_ref().map(|c| c.author.clone()).unwrap_or_default())}</p>
                <p class="govuk-body tb-pre">{last_return.as_ref().map(|c| c.body.clone()).unwrap_or_default()}</p>
                <p class="govuk-body">"Make the changes asked for, then submit the review again."</p>
            </div>
        })}

        <h2 class="govuk-heading-m" id="actions">"Actions"</h2>
        {plan.priorities.iter().filter(|p| !p.actions.is_empty()).map(|p| view! {
            <table class="govuk-table" data-testid="review-actions">
                <caption class="govuk-table__caption govuk-table__caption--s">{p.title.clone()}</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Action"</th>
                    <th scope="col" class="govuk-table__header">"Due"</th>
                    <th scope="col" class="govuk-table__header">"Progress"</th>
                </tr></thead>
                <tbody class="govuk-table__body">
                    {p.actions.iter().map(|a| {
                        let x = r.action(a.id).cloned();
                        let name = crate::domain::assessment::shorten(&a.description, 120);
                        let approved = a.due.map(long_date).unwrap_or_else(|| "—".into());
                        let slipped = x.as_ref().and_then(|x| x.revised_due);
                        let href = format!("{base}/actions/{}", a.id);
                        view! {
                            <tr class="govuk-table__row" data-testid=format!("action-{}", a.id)>
                                <td class="govuk-table__cell"><a class="govuk-link" href=href>{name}</a>
                                    {x.as_ref().filter(|x| x.progress.needs_correction() && !x.corrective_action.is_empty()).map(|x| view! {
                                        <p class="govuk-body-s">{format!("Corrective action: {} ({}, by {})", x.corrective_action, x.corrective_owner, x.corrective_due.map(long_date).unwrap_or_default())}</p>
                                    })}
                                </td>
                                <td class="govuk-table__cell">{match slipped {
                                    Some(d) => view! { {long_date(d)} <br /> <span class="govuk-body-s" data-testid="slipped">{format!("Slipped from {approved}")}</span> }.into_any(),
                                    None => view! { {approved} }.into_any(),
                                }}</td>
                                <td class="govuk-table__cell">{x.map(|x| progress_tag(x.progress))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }).collect_view()}

        <h2 class="govuk-heading-m" id="measures">"Measures"</h2>
        <div class="tb-table-scroll" tabindex="0" role="region" aria-label="Measures">
        <table class="govuk-table" data-testid="review-measures">
            <caption class="govuk-table__caption govuk-table__caption--s">"The latest figure for the area, rated against the plan's target on the way from its baseline"</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">"Measure"</th>
                <th scope="col" class="govuk-table__header">"Baseline and target"</th>
                <th scope="col" class="govuk-table__header">"Latest"</th>
                <th scope="col" class="govuk-table__header">"Forecast"</th>
            </tr></thead>
            <tbody class="govuk-table__body">
                {measures.into_iter().map(|m| {
                    let note = r.measure(m.id).cloned();
                    let shown = plan.priorities.iter().flat_map(|p| &p.measures).find(|x| x.id == m.id).cloned();
                    let forecast = match (&shown, note.as_ref().and_then(|n| n.forecast)) {
                        (Some(s), Some(v)) => plan.figure(s, Some(v)),
                        _ => "—".into(),
                    };
                    view! {
                        <tr class="govuk-table__row">
                            <td class="govuk-table__cell"><a class="govuk-link" href=format!("{base}/measures/{}", m.id)>{m.indicator.clone()}</a>
                                <p class="govuk-body-s">{m.priority.clone()}</p></td>
                            <td class="govuk-table__cell">{format!("{} → {} by {}", m.baseline, m.target, m.due)}</td>
                            <td class="govuk-table__cell">{rag_tag(m.rag)} " " {m.rating_words()}</td>
                            <td class="govuk-table__cell">{forecast}
                                {note.filter(|n| !n.commentary.is_empty()).map(|n| view! { <p class="govuk-body-s tb-pre">{n.commentary}</p> })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>

        <h2 class="govuk-heading-m">"Summary"</h2>
        <ul class="govuk-task-list">
            {task(format!("{base}/summary"), "What is going well, and what the Board should know".into(), None, "task-summary".into(), summary_status)}
        </ul>

        <h2 class="govuk-heading-m" id="changes">"What changed since approval"</h2>
        {if page.changes.is_empty() {
            view! { <p class="govuk-body" data-testid="no-changes">"Nothing has changed since the Board approved the plan."</p> }.into_any()
        } else {
            view! {
                <ul class="govuk-list" data-testid="changes">
                    {page.changes.iter().map(|c| view! {
                        <li><Tag colour=TagColour::Grey text=c.kind() /> " " {c.describe()}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}

        {(!r.comments.is_empty()).then(|| view! {
            <h2 class="govuk-heading-m">"Comments"</h2>
            <ul class="govuk-list" data-testid="review-comments">
                {r.comments.iter().map(|c| view! {
                    <li class="tb-comment">
                        <p class="govuk-body-s tb-muted">{format!("{} by {} on {} (submission {})", if c.returned { "Returned" } else { "Accepted" }, c.author, long_date(c.at.date_naive()), c.round)}</p>
                        <p class="govuk-body tb-pre">{c.body.clone()}</p>
                    </li>
                }).collect_view()}
            </ul>
        })}

        {(edit && page.may.submit).then(|| view! {
            <h2 class="govuk-heading-m">"Submit"</h2>
            <ul class="govuk-task-list">
                {task(format!("{base}/submit"), "Check and submit the mid-year review".into(),
                    Some(format!("{} things to complete before it can be submitted", page.problems.len())),
                    "task-submit".into(),
                    if page.problems.is_empty() { TaskStatus::InProgress } else { TaskStatus::NotStarted })}
            </ul>
        })}
        {(page.may.decide && r.status == MidYearStatus::Submitted).then(|| {
            let choices = vec![
                Choice { value: MidYearDecisionForm::ACCEPT.into(), label: "Accept the review".into() },
                Choice { value: MidYearDecisionForm::RETURN.into(), label: "Return it to the partnership with a comment".into() },
            ];
            view! {
                <h2 class="govuk-heading-m" id="your-decision">"Your decision"</h2>
                <PostForm action={<DecideMidYearReview as ServerFn>::PATH} testid="decision-form">
                    <input type="hidden" name="review_id" value=r.id />
                    <input type="hidden" name="revision" value=r.revision />
                    <Radios field=MidYearDecisionForm::decision legend="Accept the review or return it?" choices selected=decision.decision errors />
                    <TextArea field=MidYearDecisionForm::comment label="Comment" hint="Needed when you return it: say what the partnership should look at again." value=decision.comment errors rows=4 />
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Record the decision"</button>
                </PostForm>
            }
        })}
    }
    .into_any()
}
