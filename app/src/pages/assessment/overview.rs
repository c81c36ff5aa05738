//! The self-assessment's task list and workflow, and a partnership's years.

use super::*;
use crate::api::assessments::{assessment_base, get_partnership_assessments, StartAssessment};
use crate::components::forms::{ErrorSummary, PostForm, SuccessBanner};
use crate::domain::assessment::Assessment;
use crate::domain::date::long_date;
use crate::domain::plan::TaskStatus;
use crate::pages::plans::task;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

#[component]
pub fn AssessmentOverviewPage() -> impl IntoView {
    assessment_frame("Self-assessment", move |page, flash| {
        let (errors, notice) = flash_parts(&flash);
        let base = page.base();
        view! {
            <a href=format!("/partnerships/{}/self-assessments", page.slug) class="govuk-back-link">"All years"</a>
            {notice.map(|n| view! { <SuccessBanner message=n /> })}
            <ErrorSummary errors />
            {heading(&page, format!("Self-assessment {}", page.year))}
            {match page.assessment.clone() {
                None => not_started(&page).into_any(),
                Some(a) => started(&page, a, base).into_any(),
            }}
        }
    })
}

fn not_started(page: &AssessmentPage) -> impl IntoView {
    let reviewed = page
        .reviewed_year
        .map(|y| format!(" and the review of the {y} plan"))
        .unwrap_or_default();
    if let Some(status) = page.status_only {
        return view! {
            <p class="govuk-body">"Status: " {status_tag(Some(status), 0)}</p>
            <p class="govuk-body" data-testid="not-started">"The partnership is still drafting its self-assessment. You can read it once it has been submitted."</p>
        }
        .into_any();
    }
    if !page.may.edit {
        return view! {
            <p class="govuk-body" data-testid="not-started">"The partnership has not started its self-assessment for this year yet."</p>
        }
        .into_any();
    }
    let (slug, year, due) = (page.slug.clone(), page.year, due_line(page));
    view! {
        <p class="govuk-body" data-testid="not-started">{format!(
            "This self-assessment has not been started. It covers the Trust's standards for {year}{reviewed}.")}</p>
        {due}
        <PostForm action={<StartAssessment as ServerFn>::PATH}>
            <input type="hidden" name="slug" value=slug />
            <input type="hidden" name="year" value=year />
            <button type="submit" class="govuk-button" data-module="govuk-button">"Start the self-assessment"</button>
        </PostForm>
    }
    .into_any()
}

/// "Due 30 April 2027", with how late it is when past.
fn due_line(page: &AssessmentPage) -> Option<impl IntoView> {
    let due = page.due?;
    let submitted = page.assessment.as_ref().is_some_and(|a| a.round > 0);
    let overdue = !submitted && page.today > due;
    Some(view! {
        <p class="govuk-body" data-testid="assessment-due">
            {format!("Due {}", long_date(due))}
            {overdue.then(|| view! { " " <Tag colour=TagColour::Red text="Overdue" /> })}
        </p>
    })
}

fn started(page: &AssessmentPage, a: Assessment, base: String) -> impl IntoView {
    let Some(set) = page.standards.clone() else {
        return view! { <p class="govuk-body">"This year has no standards yet."</p> }.into_any();
    };
    let edit = editable(page);
    let open_questions = a.open_questions().count();
    let summary_status = if a.summary.trim().is_empty() {
        TaskStatus::NotStarted
    } else {
        TaskStatus::Completed
    };
    let review_status = match &page.review {
        None => TaskStatus::Completed,
        Some(r) => {
            let done = r
                .items
                .keys()
                .filter(|k| {
                    a.notes
                        .get(k)
                        .is_some_and(|n| !n.commentary.trim().is_empty())
                })
                .count();
            let all = r.items.keys().count();
            if done == 0 {
                TaskStatus::NotStarted
            } else if done < all {
                TaskStatus::InProgress
            } else {
                TaskStatus::Completed
            }
        }
    };
    let review_hint = match (&page.review, page.reviewed_year) {
        (Some(r), _) => format!(
            "Version {} of the {} plan, as approved: {}",
            r.version, r.plan_year, r.headline
        ),
        (None, Some(y)) => {
            format!("No version of the {y} plan was approved, so there is nothing to review")
        }
        (None, None) => String::new(),
    };
    let moderated = a.answers.iter().any(|x| x.moderated_grade.is_some());
    view! {
        <dl class="govuk-summary-list" data-testid="assessment-summary">
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Status"</dt>
                <dd class="govuk-summary-list__value">{status_tag(Some(a.status), a.round)}
                    {a.late.then(|| view! { " " <span data-testid="assessment-late"><Tag colour=TagColour::Red text="Late" /></span> })}</dd>
            </div>
            {a.submitted_on.clone().map(|d| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"Submitted"</dt>
                    <dd class="govuk-summary-list__value">{d}</dd>
                </div>
            })}
            {a.moderated_on.clone().map(|d| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">"Moderated"</dt>
                    <dd class="govuk-summary-list__value">{format!("{d} by {}", a.moderated_by.clone().unwrap_or_default())}</dd>
                </div>
            })}
        </dl>
        {due_line(page)}
        {read_only_note(page)}
        {(a.status == AssessmentStatus::Returned).then(|| view! {
            <div class="govuk-inset-text" data-testid="returned-note">
                {format!("Your district manager has returned the self-assessment with {open_questions} {}. Answer them, make any changes, then submit it again.", if open_questions == 1 { "question" } else { "questions" })}
                " " <a class="govuk-link" href=format!("{base}/questions")>"Answer the questions"</a>
            </div>
        })}

        <h2 class="govuk-heading-m">"The Trust's standards"</h2>
        <ul class="govuk-task-list" data-testid="standard-tasks">
            {set.standards.iter().map(|s| {
                let answer = a.answer(s.id);
                let status = answer.map_or(TaskStatus::NotStarted, |x| x.task_status());
                let hint = answer.and_then(|x| x.grade).map(|g| format!("Graded {}", set.scale.label(g)));
                task(format!("{base}/standards/{}", s.id), s.title.clone(), hint, format!("task-standard-{}", s.id), status)
            }).collect_view()}
        </ul>
        <h2 class="govuk-heading-m">"Summary and review"</h2>
        <ul class="govuk-task-list">
            {task(format!("{base}/summary"), "Overall summary".into(), None, "task-summary".into(), summary_status)}
            {task(format!("{base}/review"), format!("Review of the {} plan", page.reviewed_year.map(|y| y.to_string()).unwrap_or_default()), Some(review_hint), "task-review".into(), review_status)}
            {(!a.questions.is_empty()).then(|| task(format!("{base}/questions"), "Questions from the district manager".into(),
                Some(format!("{} asked, {open_questions} waiting for an answer", a.questions.len())), "task-questions".into(),
                if open_questions == 0 { TaskStatus::Completed } else { TaskStatus::NotStarted }))}
        </ul>
        {(edit && page.may.submit).then(|| view! {
            <h2 class="govuk-heading-m">"Submit"</h2>
            <ul class="govuk-task-list">
                {task(format!("{base}/submit"), "Check and submit the self-assessment".into(),
                    Some(format!("{} things to complete before it can be submitted", page.problems.len())),
                    "task-submit".into(),
                    if page.problems.is_empty() { TaskStatus::InProgress } else { TaskStatus::NotStarted })}
            </ul>
        })}
        {(page.may.moderate && a.status.open_to_moderation()).then(|| view! {
            <h2 class="govuk-heading-m">"Moderation"</h2>
            <p class="govuk-body"><a class="govuk-link" href=format!("{base}/moderation") data-testid="moderate-link">"Moderate this self-assessment"</a></p>
        })}
        {(moderated || a.status == AssessmentStatus::Moderated).then(|| view! {
            <h2 class="govuk-heading-m">"Grades"</h2>
            <table class="govuk-table" data-testid="grades-table">
                <caption class="govuk-table__caption govuk-table__caption--s">"The partnership's own grade beside the moderated grade"</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Standard"</th>
                    <th scope="col" class="govuk-table__header">"Self-assessed"</th>
                    <th scope="col" class="govuk-table__header">"Moderated"</th>
                    <th scope="col" class="govuk-table__header">"Moderation"</th>
                </tr></thead>
                <tbody class="govuk-table__body">
                    {set.standards.iter().map(|s| {
                        let cell = crate::domain::assessment::ReportCell::of(a.answer(s.id));
                        let reason = a.answer(s.id).map(|x| x.moderation_reason.clone()).unwrap_or_default();
                        view! {
                            <tr class="govuk-table__row">
                                <th scope="row" class="govuk-table__header">{s.title.clone()}</th>
                                <td class="govuk-table__cell">{grade_tag(&set.scale, cell.own)}</td>
                                <td class="govuk-table__cell">{grade_tag(&set.scale, cell.moderated)}</td>
                                <td class="govuk-table__cell">{cell.words(&set.scale)}
                                    {(!reason.is_empty()).then(|| view! { <p class="govuk-body-s tb-pre">{reason.clone()}</p> })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
    .into_any()
}

#[component]
pub fn PartnershipAssessmentsPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let data = Resource::new(slug, get_partnership_assessments);
    let location = use_location();
    view! {
        <Title text="Self-assessments" />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => sign_in_link(e, &location.pathname.get_untracked()).into_any(),
                    Ok(v) => view! {
                        <span class="govuk-caption-l">{v.name.clone()}</span>
                        <h1 class="govuk-heading-l">"Self-assessments"</h1>
                        <p class="govuk-body">"Each April the partnership assesses itself against the Trust's standards and reviews the plan that has just ended; its district manager then moderates the assessment."</p>
                        <table class="govuk-table" data-testid="assessment-years">
                            <thead class="govuk-table__head"><tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Year"</th>
                                <th scope="col" class="govuk-table__header">"Status"</th>
                            </tr></thead>
                            <tbody class="govuk-table__body">
                                {v.years.iter().map(|(year, status, round, late)| view! {
                                    <tr class="govuk-table__row">
                                        <td class="govuk-table__cell"><a class="govuk-link" href=assessment_base(&v.slug, *year)>{format!("Self-assessment {year}")}</a></td>
                                        <td class="govuk-table__cell">{status_tag(*status, *round)}
                                            {late.then(|| view! { " " <Tag colour=TagColour::Red text="Late" /> })}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}
