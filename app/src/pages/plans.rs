//! The local delivery plan: the Board's view of a year, a partnership's years, and the plan's
//! task list with its workflow (submit, approve or return, comment, start a new version).
//! The parts of a plan (priorities, measures, actions and the rest) are in `plan_parts`.

use crate::api::plans::{
    get_partnership_plans, get_plan_page, plans_for_year, AmendPlan, CommentOnPlan, DecidePlan,
    PlanPage, StartPlan,
};
use crate::api::{take_flash, Flash};
use crate::components::forms::{errors_of, ErrorSummary, Radios, SuccessBanner, TextArea};
use crate::components::layout::DemoBanner;
use crate::components::tag::{Tag, TagColour};
use crate::domain::plan::{priority_task_status, text_task_status, PlanStatus, TaskStatus};
use crate::domain::plan::{CommentForm, DecisionForm};
use crate::domain::{Choice, PlanYear};
use crate::error::AppError;
use crate::pages::sign_in_link;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

pub fn status_tag(status: Option<PlanStatus>) -> impl IntoView {
    let (colour, text) = match status {
        None => (TagColour::Grey, "Not started"),
        Some(PlanStatus::Draft) => (TagColour::Yellow, "Draft"),
        Some(PlanStatus::Submitted) => (TagColour::Blue, "Submitted"),
        Some(PlanStatus::Approved) => (TagColour::Green, "Approved"),
    };
    view! { <Tag colour text /> }
}

pub(crate) fn task_status(id: String, status: TaskStatus) -> impl IntoView {
    match status {
        TaskStatus::Completed => {
            view! { <div class="govuk-task-list__status" id=id>"Completed"</div> }.into_any()
        }
        TaskStatus::InProgress => view! {
            <div class="govuk-task-list__status" id=id><strong class="govuk-tag govuk-tag--light-blue">"In progress"</strong></div>
        }
        .into_any(),
        TaskStatus::NotStarted => view! {
            <div class="govuk-task-list__status" id=id><strong class="govuk-tag govuk-tag--blue">"Not started"</strong></div>
        }
        .into_any(),
    }
}

/// One task on a task list.
pub(crate) fn task(
    href: String,
    name: String,
    hint: Option<String>,
    id: String,
    status: TaskStatus,
) -> impl IntoView {
    let status_id = format!("{id}-status");
    view! {
        <li class="govuk-task-list__item govuk-task-list__item--with-link" data-testid=id>
            <div class="govuk-task-list__name-and-hint">
                <a class="govuk-link govuk-task-list__link" href=href aria-describedby=status_id.clone()>{name}</a>
                {hint.map(|h| view! { <div class="govuk-task-list__hint">{h}</div> })}
            </div>
            {task_status(status_id, status)}
        </li>
    }
}

/// The plan's pages share one loader: the partnership and year come from the address.
pub fn plan_key() -> impl Fn() -> (String, i32) + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params.with(|p| {
            (
                p.get("slug").unwrap_or_default(),
                p.get("year").and_then(|y| y.parse().ok()).unwrap_or(0),
            )
        })
    }
}

/// The plan's page data, from the address.
pub fn plan_resource() -> Resource<Result<PlanPage, AppError>> {
    Resource::new(plan_key(), |(slug, year)| get_plan_page(slug, year))
}

/// Loads the plan's page data and the flash, and renders `body` with them (or why not).
pub fn plan_frame<F, V>(title: &'static str, body: F) -> impl IntoView
where
    F: Fn(PlanPage, Option<Flash>, Resource<Result<PlanPage, AppError>>) -> V
        + Clone
        + Send
        + Sync
        + 'static,
    V: IntoView + 'static,
{
    plan_frame_with(plan_resource(), title, body)
}

/// As [`plan_frame`], with a resource the page made (to refetch it after a change in place).
pub fn plan_frame_with<F, V>(
    page: Resource<Result<PlanPage, AppError>>,
    title: &'static str,
    body: F,
) -> impl IntoView
where
    F: Fn(PlanPage, Option<Flash>, Resource<Result<PlanPage, AppError>>) -> V
        + Clone
        + Send
        + Sync
        + 'static,
    V: IntoView + 'static,
{
    let flash = Resource::new(|| (), |_| take_flash());
    let location = use_location();
    view! {
        <Title text=title />
        <Transition fallback=|| ()>
            {move || {
                let body = body.clone();
                Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    match page.await {
                        Ok(p) => body(p, flash, page).into_any(),
                        Err(e) => sign_in_link(e, &location.pathname.get_untracked()).into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// The caption and heading of a plan's page.
pub fn plan_heading(page: &PlanPage, heading: String) -> impl IntoView {
    view! {
        <span class="govuk-caption-l">{format!("{} · {} plan", page.partnership_name, page.year)}</span>
        <h1 class="govuk-heading-l">{heading}</h1>
    }
}

#[component]
pub fn PlanOverviewPage() -> impl IntoView {
    let start = ServerAction::<StartPlan>::new();
    let decide = ServerAction::<DecidePlan>::new();
    let comment = ServerAction::<CommentOnPlan>::new();
    let amend = ServerAction::<AmendPlan>::new();
    plan_frame("Local delivery plan", move |page, flash, _| {
        let notice = flash.as_ref().and_then(|f| f.notice.clone());
        let decided = flash
            .as_ref()
            .and_then(|f| f.form::<DecisionForm>())
            .unwrap_or_default();
        let (decision, comment_text) = (decided.decision, decided.comment);
        let comment_for_dm = flash
            .as_ref()
            .and_then(|f| f.form::<CommentForm>())
            .map(|f| f.comment)
            .unwrap_or_default();
        let errors = Signal::derive(move || {
            let mut e = errors_of(decide.value().get(), &flash);
            for r in [
                start.value().get().map(|r| r.map(|_| ())),
                comment.value().get(),
                amend.value().get().map(|r| r.map(|_| ())),
            ] {
                if let Some(Err(x)) = r {
                    e.extend(x.form_errors());
                }
            }
            e
        });
        let base = page.base();
        let heading = format!("Local delivery plan {}", page.year);
        view! {
            <a href=format!("/partnerships/{}/plans", page.slug) class="govuk-back-link">"All years"</a>
            {page.demo.then(|| view! { <DemoBanner /> })}
            {notice.map(|n| view! { <SuccessBanner message=n /> })}
            <ErrorSummary errors />
            {plan_heading(&page, heading)}
            {match page.plan.clone() {
                None => not_started(&page, start, errors).into_any(),
                Some(plan) => {
                    let draft = plan.status == PlanStatus::Draft;
                    let editable = draft && page.may.edit;
                    let returned = page.comments.iter().find(|c| c.returned && c.version == plan.version && draft).cloned();
                    let about_status = text_task_status(&[&plan.needs_summary, &plan.young_people_said]);
                    let young_status = if plan.young_people_version.is_some() { TaskStatus::Completed } else { TaskStatus::InProgress };
                    view! {
                        <dl class="govuk-summary-list" data-testid="plan-summary">
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">"Status"</dt>
                                <dd class="govuk-summary-list__value" data-testid="plan-status">{status_tag(Some(plan.status))}</dd>
                            </div>
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">"Version"</dt>
                                <dd class="govuk-summary-list__value" data-testid="plan-version">{plan.version}</dd>
                            </div>
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">"Priorities"</dt>
                                <dd class="govuk-summary-list__value">{format!("{} ({} set by the Trust Board)", plan.priorities.len(), plan.priorities.iter().filter(|p| p.mandated).count())}</dd>
                            </div>
                        </dl>
                        {returned.map(|c| view! {
                            <div class="govuk-inset-text" data-testid="returned-comment">
                                <p class="govuk-body"><strong>{format!("Returned by {} on {}", c.author, c.at.format("%-d %B %Y"))}</strong></p>
                                <p class="govuk-body tb-pre">{c.body}</p>
                            </div>
                        })}
                        {(!page.warnings.is_empty()).then(|| view! {
                            <div class="govuk-warning-text" data-testid="plan-warnings">
                                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                                <div class="govuk-warning-text__text">
                                    <span class="govuk-visually-hidden">"Warning"</span>
                                    <ul class="govuk-list">{page.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
                                </div>
                            </div>
                        })}

                        <h2 class="govuk-heading-m">"About the plan"</h2>
                        <ul class="govuk-task-list">
                            {task(format!("{base}/about"), "Needs analysis and what children and young people told us".into(), None, "task-about".into(), about_status)}
                        </ul>

                        <h2 class="govuk-heading-m">"Priorities"</h2>
                        <ul class="govuk-task-list" data-testid="priority-tasks">
                            {plan.priorities.iter().map(|p| {
                                let hint = p.mandated.then(|| if p.added_later { "Set by the Trust Board · Added later" } else { "Set by the Trust Board" }.to_string());
                                task(format!("{base}/priorities/{}", p.id), p.title.clone(), hint, format!("task-priority-{}", p.id), priority_task_status(p))
                            }).collect_view()}
                        </ul>
                        {editable.then(|| view! {
                            <p class="govuk-body"><a class="govuk-link" href=format!("{base}/priorities/new")>"Add a local priority"</a></p>
                        })}

                        <h2 class="govuk-heading-m">"For children and young people"</h2>
                        <ul class="govuk-task-list">
                            {task(format!("{base}/young-people"), "The children and young people's version".into(),
                                Some(if plan.young_people_version.is_some() { "Edited by the partnership".into() } else { "Generated from the plan: check and edit it".into() }),
                                "task-young-people".into(), young_status)}
                        </ul>

                        {(draft && page.may.submit).then(|| view! {
                            <h2 class="govuk-heading-m">"Submit"</h2>
                            <ul class="govuk-task-list">
                                {task(format!("{base}/submit"), "Check and submit the plan".into(),
                                    Some(format!("{} things to fix before it can be submitted", page.problems.len())),
                                    "task-submit".into(),
                                    if page.problems.is_empty() { TaskStatus::InProgress } else { TaskStatus::NotStarted })}
                            </ul>
                        })}

                        {(!page.versions.is_empty() || page.mid_year.is_some()).then(|| view! {
                            <h2 class="govuk-heading-m">"Mid-year review"</h2>
                            <p class="govuk-body" data-testid="mid-year-headline">{match &page.mid_year {
                                Some(h) if h.year == page.year.first_year() => h.text(),
                                _ => "The mid-year review of this plan has not been started.".to_string(),
                            }}</p>
                            <p class="govuk-body"><a class="govuk-link" href=format!("{base}/mid-year-review") data-testid="mid-year-link">"Open the mid-year review"</a></p>
                        })}

                        <h2 class="govuk-heading-m">"Read, print and download"</h2>
                        <ul class="govuk-list" data-testid="plan-downloads">
                            <li><a class="govuk-link" href=format!("{base}/document")>"The whole plan, to read or print"</a></li>
                            <li><a class="govuk-link" href=format!("{base}/versions")>"Versions and what changed"</a></li>
                            <li><a class="govuk-link" href=format!("{base}/export/plan.docx") download="">"The plan as a Word document (.docx)"</a></li>
                            <li><a class="govuk-link" href=format!("{base}/export/plan.xlsx") download="">"Measures and actions as a spreadsheet (.xlsx)"</a></li>
                            <li><a class="govuk-link" href=format!("{base}/export/measures.csv") download="">"Measures (CSV)"</a></li>
                            <li><a class="govuk-link" href=format!("{base}/export/actions.csv") download="">"Actions (CSV)"</a></li>
                        </ul>

                        {(page.may.decide && plan.status == PlanStatus::Submitted).then(|| view! {
                            <h2 class="govuk-heading-m">"The Board's decision"</h2>
                            <ActionForm action=decide attr:novalidate=true attr:data-testid="decide-form">
                                <input type="hidden" name="plan_id" value=plan.id />
                                <input type="hidden" name="revision" value=plan.revision />
                                <Radios field=DecisionForm::decision legend="Approve this plan, or return it to the partnership?" selected=decision
                                    choices=vec![
                                        Choice { value: DecisionForm::APPROVE.into(), label: "Approve it: this version is then frozen".into() },
                                        Choice { value: DecisionForm::RETURN.into(), label: "Return it with comments".into() },
                                    ] errors />
                                <TextArea field=DecisionForm::comment label="Comments" hint="Needed when you return the plan: say what the partnership should change." value=comment_text.clone() errors rows=4 />
                                <button type="submit" class="govuk-button" data-module="govuk-button">"Record the decision"</button>
                            </ActionForm>
                        })}

                        {(page.may.comment && draft).then(|| view! {
                            <h2 class="govuk-heading-m">"Comment before submission"</h2>
                            <ActionForm action=comment attr:novalidate=true>
                                <input type="hidden" name="plan_id" value=plan.id />
                                <TextArea field=CommentForm::comment label="Your comment for the partnership" value=comment_for_dm.clone() errors rows=4 />
                                <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Add comment"</button>
                            </ActionForm>
                        })}

                        {(page.may.submit && plan.status == PlanStatus::Approved).then(|| view! {
                            <h2 class="govuk-heading-m">"Make changes"</h2>
                            <p class="govuk-body">{format!("Version {} stays exactly as the Board approved it. Changes go into version {}, which needs the Board's approval in turn.", plan.version, plan.version + 1)}</p>
                            <ActionForm action=amend>
                                <input type="hidden" name="plan_id" value=plan.id />
                                <input type="hidden" name="revision" value=plan.revision />
                                <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">{format!("Start version {}", plan.version + 1)}</button>
                            </ActionForm>
                        })}

                        {(!page.comments.is_empty()).then(|| view! {
                            <h2 class="govuk-heading-m">"Comments"</h2>
                            <ul class="govuk-list" data-testid="comments">
                                {page.comments.iter().map(|c| view! {
                                    <li class="tb-comment">
                                        <p class="govuk-body-s tb-muted">{format!("{} · version {} · {}{}", c.author, c.version, c.at.format("%-d %B %Y %H:%M"), if c.returned { " · returned the plan" } else { "" })}</p>
                                        <p class="govuk-body tb-pre">{c.body.clone()}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        })}
                    }.into_any()
                }
            }}
        }
    })
}

fn not_started(
    page: &PlanPage,
    start: ServerAction<StartPlan>,
    _errors: Signal<Vec<crate::error::FieldError>>,
) -> impl IntoView {
    if !page.may.edit {
        return view! {
            <p class="govuk-body" data-testid="plan-not-started">"The partnership has not started its plan for this year yet."</p>
        }
        .into_any();
    }
    let carry = page.carry_forward;
    let (slug, year) = (page.slug.clone(), page.year.first_year());
    view! {
        <p class="govuk-body" data-testid="plan-not-started">"This plan has not been started. Starting it puts in the priorities the Trust Board has set for every partnership this year; they cannot be removed."</p>
        <ActionForm action=start>
            <input type="hidden" name="slug" value=slug />
            <input type="hidden" name="year" value=year />
            {(carry > 0).then(|| view! {
                <div class="govuk-form-group">
                    <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                        <div class="govuk-checkboxes__item">
                            <input class="govuk-checkboxes__input" id="carry-forward" name="carry_forward" type="checkbox" value="yes" checked=true />
                            <label class="govuk-label govuk-checkboxes__label" for="carry-forward">{format!("Carry forward last year's {carry} local priorities")}</label>
                        </div>
                    </div>
                </div>
            })}
            <button type="submit" class="govuk-button" data-module="govuk-button">"Start the plan"</button>
        </ActionForm>
    }
    .into_any()
}

/// A partnership's plans, year by year.
#[component]
pub fn PartnershipPlansPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let data = Resource::new(slug, get_partnership_plans);
    let location = use_location();
    view! {
        <Title text="Plans" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let d = match data.await {
                    Ok(d) => d,
                    Err(e) => return sign_in_link(e, &location.pathname.get_untracked()).into_any(),
                };
                view! {
                    <span class="govuk-caption-l">{d.name.clone()}</span>
                    <h1 class="govuk-heading-l">"Local delivery plans"</h1>
                    <table class="govuk-table" data-testid="plan-years">
                        <caption class="govuk-visually-hidden">"Plans by year"</caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Year"</th>
                                <th scope="col" class="govuk-table__header">"Status"</th>
                                <th scope="col" class="govuk-table__header">"Version"</th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {d.years.iter().map(|(year, status, version)| view! {
                                <tr class="govuk-table__row">
                                    <th scope="row" class="govuk-table__header">
                                        <a class="govuk-link" href=format!("/partnerships/{}/plans/{}", d.slug, year.first_year())>{format!("{year} plan")}</a>
                                    </th>
                                    <td class="govuk-table__cell">{status_tag(*status)}</td>
                                    <td class="govuk-table__cell">{version.map(|v| v.to_string()).unwrap_or_else(|| "—".into())}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <h2 class="govuk-heading-m">"More about the partnership"</h2>
                    <ul class="govuk-list">
                        <li><a class="govuk-link" href=format!("/partnerships/{}/self-assessments", d.slug)>"Self-assessments"</a></li>
                        <li><a class="govuk-link" href=format!("/partnerships/{}/history", d.slug)>"Partnership history"</a></li>
                    </ul>
                }.into_any()
            })}
        </Suspense>
    }
}

/// The Board's view: every partnership's plan for a year.
#[component]
pub fn PlansForYearPage() -> impl IntoView {
    let query = use_query_map();
    let year = move || {
        query.with(|q| {
            q.get("year")
                .and_then(|y| y.parse::<i32>().ok())
                .unwrap_or(0)
        })
    };
    let data = Resource::new(year, plans_for_year);
    view! {
        <Title text="Plans for the year" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let (year, rows) = match data.await {
                    Ok(d) => d,
                    Err(e) => return sign_in_link(e, "/plans").into_any(),
                };
                let count = |s: &str| rows.iter().filter(|r| r.status.as_deref() == Some(s)).count();
                let not_started = rows.iter().filter(|r| r.plan_id.is_none()).count();
                let other = |offset: i32| PlanYear::new(year.first_year() + offset).ok();
                view! {
                    <h1 class="govuk-heading-l">{format!("Local delivery plans {year}")}</h1>
                    <nav class="govuk-body" aria-label="Other years">
                        {other(-1).map(|y| view! { <a class="govuk-link" href=format!("/plans?year={}", y.first_year())>{format!("{y} plans")}</a> " · " })}
                        {other(1).map(|y| view! { <a class="govuk-link" href=format!("/plans?year={}", y.first_year())>{format!("{y} plans")}</a> })}
                    </nav>
                    {rows.iter().any(|r| !r.may_open).then(|| view! {
                        <p class="govuk-body">"You can open the plans of the partnerships you work with. The others are listed so that you can see where each has got to."</p>
                    })}
                    <p class="govuk-body" data-testid="plan-counts">
                        {format!("{} approved, {} submitted and waiting for a decision, {} in draft, {} not started.", count("approved"), count("submitted"), count("draft"), not_started)}
                    </p>
                    <div class="tb-table-scroll" tabindex="0" role="region" aria-label="Every partnership's plan">
                    <table class="govuk-table" data-testid="plans-table">
                        <caption class="govuk-visually-hidden">{format!("Every partnership's {year} plan")}</caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Partnership"</th>
                                <th scope="col" class="govuk-table__header">"Status"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Version"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Priorities"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Measures"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Actions"</th>
                                <th scope="col" class="govuk-table__header">"Last change"</th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {rows.iter().map(|r| {
                                let status = r.status.as_deref().and_then(|s| s.parse::<PlanStatus>().ok());
                                view! {
                                    <tr class="govuk-table__row">
                                        <th scope="row" class="govuk-table__header">
                                            {if r.may_open {
                                                view! { <a class="govuk-link" href=format!("/partnerships/{}/plans/{}", r.partnership_slug, year.first_year())>{r.partnership_name.clone()}</a> }.into_any()
                                            } else {
                                                view! { <span data-testid="plan-not-yours">{r.partnership_name.clone()}</span> }.into_any()
                                            }}
                                        </th>
                                        <td class="govuk-table__cell">{status_tag(status)}</td>
                                        <td class="govuk-table__cell govuk-table__cell--numeric">{r.version.map(|v| v.to_string()).unwrap_or_else(|| "—".into())}</td>
                                        <td class="govuk-table__cell govuk-table__cell--numeric">{r.priorities}</td>
                                        <td class="govuk-table__cell govuk-table__cell--numeric">{r.measures}</td>
                                        <td class="govuk-table__cell govuk-table__cell--numeric">{r.actions}</td>
                                        <td class="govuk-table__cell">{r.updated_at.map(|t| t.format("%-d %b %Y").to_string()).unwrap_or_else(|| "—".into())}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any()
            })}
        </Suspense>
    }
}
