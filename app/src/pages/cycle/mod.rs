//! The Board's priorities page and the calendar editor. Every form is a plain post: the pages
//! work the same with JavaScript off and on.

use crate::api::cycle::{
    board_priorities_base, calendar_base, get_board_priorities, get_calendar, AddBoardPriority,
    BoardPrioritiesView, CalendarView, PublishBoardPriorities, RemoveBoardPriority,
    SaveBoardPriority, SaveCycleCalendar,
};
use crate::components::forms::{ErrorSummary, PostForm, SuccessBanner, TextArea, TextInput};
use crate::components::tag::{Tag, TagColour};
use crate::domain::cycle::{BoardPriority, BoardPriorityForm, CalendarForm, CalendarSource};
use crate::domain::date::long_date;
use crate::error::AppError;
use crate::pages::midyear::flash_parts;
use crate::pages::{frame, sign_in_link};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

/// The year in the address; 0 (none) is the year in cycle.
fn year_param() -> impl Fn() -> i32 + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params.with(|p| {
            p.get("year")
                .and_then(|y| y.parse::<i32>().ok())
                .unwrap_or(0)
        })
    }
}

fn year_label(year: i32) -> String {
    crate::domain::PlanYear::new(year)
        .map(|y| y.to_string())
        .unwrap_or_else(|_| year.to_string())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The indicators the Board suggests, as "NI 112 – Under-18 conceptions".
fn suggested(p: &BoardPriority) -> impl IntoView {
    if p.indicators.is_empty() {
        view! { <span class="govuk-hint">"None suggested"</span> }.into_any()
    } else {
        view! {
            <ul class="govuk-list">
                {p.indicators.iter().map(|i| view! { <li><span class="tb-code">{i.code.clone()}</span>{format!(" – {}", i.title)}</li> }).collect_view()}
            </ul>
        }
        .into_any()
    }
}

fn priorities_table(
    caption: &'static str,
    testid: &'static str,
    year: i32,
    rows: Vec<BoardPriority>,
) -> impl IntoView {
    let base = board_priorities_base(year);
    view! {
        <div class="tb-table-scroll">
        <table class="govuk-table" data-testid=testid>
            <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">"Priority"</th>
                <th scope="col" class="govuk-table__header">"Outcome sought"</th>
                <th scope="col" class="govuk-table__header">"Suggested indicators"</th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"In plans"</th>
            </tr></thead>
            <tbody class="govuk-table__body">
                {rows.into_iter().map(|p| {
                    let title = if p.is_published() {
                        view! { <span>{p.title.clone()}</span> " " <Tag colour=TagColour::Green text="Published" /> }.into_any()
                    } else {
                        view! { <a class="govuk-link" href=format!("{base}/{}", p.id)>{p.title.clone()}</a> " " <Tag colour=TagColour::Grey text="Draft" /> }.into_any()
                    };
                    view! {
                        <tr class="govuk-table__row">
                            <td class="govuk-table__cell">{title}</td>
                            <td class="govuk-table__cell">{if p.outcome.is_empty() { "Not given".to_string() } else { p.outcome.clone() }}</td>
                            <td class="govuk-table__cell">{suggested(&p)}</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric">{p.plans.to_string()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

/// The fields of a priority's form.
fn priority_fields(
    typed: BoardPriorityForm,
    errors: Signal<Vec<crate::error::FieldError>>,
) -> impl IntoView {
    view! {
        <TextInput field=BoardPriorityForm::title label="Title" hint="200 characters or fewer. Every partnership's plan will have this priority." value=typed.title errors />
        <TextArea field=BoardPriorityForm::outcome label="Outcome sought (optional)" hint="What the Board wants to change for children and young people; 2,000 characters or fewer. Each plan starts with it." value=typed.outcome errors rows=4 />
        <TextArea field=BoardPriorityForm::indicators label="Suggested indicators (optional)" hint="Codes from the indicator catalogue, one on each line or separated by commas, for example NI 112, NI 117." value=typed.indicators errors rows=3 />
    }
}

/// The Board's key priorities for a year: drafts, published ones, adding and publishing.
#[component]
pub fn BoardPrioritiesPage() -> impl IntoView {
    let data = Resource::new(year_param(), get_board_priorities);
    frame(
        "The Board's key priorities",
        data,
        |v: BoardPrioritiesView, flash| {
            let (errors, notice) = flash_parts(&flash);
            let typed = flash
                .as_ref()
                .and_then(|f| f.form::<BoardPriorityForm>())
                .unwrap_or_default();
            let drafts = v.drafts();
            let (published, draft): (Vec<BoardPriority>, Vec<BoardPriority>) =
                v.priorities.iter().cloned().partition(|p| p.is_published());
            let label = v.label.clone();
            let what_happens = match (v.draft_plans, v.frozen_plans) {
            (0, 0) => "No partnership has started its plan for this year yet: each plan gets them when it starts.".to_string(),
            (d, f) => {
                let mut s = if d > 0 {
                    format!("{} will have them straight away, marked as added later.", plural(d as usize, "draft plan", "draft plans"))
                } else {
                    String::new()
                };
                if f > 0 {
                    if !s.is_empty() { s.push(' '); }
                    s.push_str(&format!("{} submitted or approved will not change now; {} them when next returned to draft or amended.",
                        plural(f as usize, "plan", "plans"), if f == 1 { "it gains" } else { "they gain" }));
                }
                s.push_str(" Plans started later have them from the start.");
                s
            }
        };
            view! {
                {notice.map(|n| view! { <SuccessBanner message=n /> })}
                <ErrorSummary errors />
                <span class="govuk-caption-l">"Trust Board"</span>
                <h1 class="govuk-heading-l">{format!("Key priorities for {label}")}</h1>
                <p class="govuk-body">"Each January the Board sets the key priorities every partnership's plan must include. Draft them here, then publish them: they go into every plan for the year and cannot then be changed or removed."</p>
                <p class="govuk-body" data-testid="other-years">
                    <a class="govuk-link" href=board_priorities_base(v.year - 1)>{format!("{} priorities", year_label(v.year - 1))}</a>
                    " · "
                    <a class="govuk-link" href=board_priorities_base(v.year + 1)>{format!("{} priorities", year_label(v.year + 1))}</a>
                    {(v.year != v.in_cycle).then(|| view! { " · " <a class="govuk-link" href=board_priorities_base(v.in_cycle)>{format!("{} (the year in cycle)", year_label(v.in_cycle))}</a> })}
                </p>

                {if published.is_empty() {
                    view! { <p class="govuk-body" data-testid="none-published">{format!("No priorities have been published for {label} yet.")}</p> }.into_any()
                } else {
                    priorities_table("Published", "published-priorities", v.year, published).into_any()
                }}
                {(!draft.is_empty()).then(|| priorities_table("Drafts", "draft-priorities", v.year, draft))}

                {(drafts > 0).then(|| view! {
                    <h2 class="govuk-heading-m">"Publish"</h2>
                    <div class="govuk-inset-text" data-testid="publish-effect">{what_happens.clone()}</div>
                    <PostForm action={<PublishBoardPriorities as ServerFn>::PATH} testid="publish-form">
                        <input type="hidden" name="year" value=v.year />
                        <input type="hidden" name="drafts" value=drafts />
                        <div class="govuk-warning-text">
                            <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                            <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>"Once published, a priority cannot be changed or removed from any plan."</strong>
                        </div>
                        <button type="submit" class="govuk-button" data-module="govuk-button">
                            {format!("Publish {} to every partnership's plan for {label}", plural(drafts, "priority", "priorities"))}
                        </button>
                    </PostForm>
                })}

                <h2 class="govuk-heading-m">"Add a priority"</h2>
                <PostForm action={<AddBoardPriority as ServerFn>::PATH} testid="add-priority-form">
                    <input type="hidden" name="year" value=v.year />
                    {priority_fields(typed, errors)}
                    <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Add as a draft"</button>
                </PostForm>
            }
        },
    )
}

/// One draft priority: change it, or remove it.
#[component]
pub fn BoardPriorityPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()));
    let data = Resource::new(year_param(), get_board_priorities);
    frame(
        "A Board priority",
        data,
        move |v: BoardPrioritiesView, flash| {
            let Some(p) = id().and_then(|i| v.priorities.iter().find(|p| p.id == i).cloned())
            else {
                return sign_in_link(AppError::NotFound("That Board priority".into()), "")
                    .into_any();
            };
            let (errors, _) = flash_parts(&flash);
            let typed = flash
                .as_ref()
                .and_then(|f| f.form::<BoardPriorityForm>())
                .unwrap_or_else(|| BoardPriorityForm::from_saved(&p));
            let base = board_priorities_base(v.year);
            view! {
            <a href=base.clone() class="govuk-back-link">"Back to the Board's priorities"</a>
            <ErrorSummary errors />
            <span class="govuk-caption-l">{format!("Key priorities for {}", v.label)}</span>
            <h1 class="govuk-heading-l">{p.title.clone()}</h1>
            {if let Some(at) = p.published_at {
                view! {
                    <div class="govuk-inset-text" data-testid="priority-published">
                        {format!("Published on {}, and in {} now. A published priority cannot be changed or removed.", long_date(at.date_naive()), plural(p.plans as usize, "plan", "plans"))}
                    </div>
                    <h2 class="govuk-heading-m">"Outcome sought"</h2>
                    <p class="govuk-body">{if p.outcome.is_empty() { "Not given".to_string() } else { p.outcome.clone() }}</p>
                    <h2 class="govuk-heading-m">"Suggested indicators"</h2>
                    {suggested(&p)}
                }.into_any()
            } else {
                view! {
                    <PostForm action={<SaveBoardPriority as ServerFn>::PATH} testid="priority-form">
                        <input type="hidden" name="year" value=v.year />
                        <input type="hidden" name="priority_id" value=p.id />
                        {priority_fields(typed, errors)}
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Save the draft"</button>
                    </PostForm>
                    <h2 class="govuk-heading-m">"Remove this draft"</h2>
                    <p class="govuk-body">"It has not been published, so no plan has it yet."</p>
                    <PostForm action={<RemoveBoardPriority as ServerFn>::PATH} testid="remove-priority-form">
                        <input type="hidden" name="year" value=v.year />
                        <input type="hidden" name="priority_id" value=p.id />
                        <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">"Remove this draft"</button>
                    </PostForm>
                }.into_any()
            }}
        }
        .into_any()
        },
    )
}

/// The cycle calendar for a year: when each stage of Appendix 1 opens and is due.
#[component]
pub fn CalendarPage() -> impl IntoView {
    let data = Resource::new(year_param(), get_calendar);
    frame("The cycle calendar", data, |v: CalendarView, flash| {
        let (errors, notice) = flash_parts(&flash);
        let typed = flash
            .as_ref()
            .and_then(|f| f.form::<CalendarForm>())
            .unwrap_or_else(|| CalendarForm::from_stages(&v.stages));
        let source_tag = match v.source {
            CalendarSource::Set => view! { <Tag colour=TagColour::Green text="Set" /> }.into_any(),
            CalendarSource::LastYear => {
                view! { <Tag colour=TagColour::Yellow text="Defaulting from last year" /> }
                    .into_any()
            }
            CalendarSource::Paper => {
                view! { <Tag colour=TagColour::Yellow text="Defaulting from the paper" /> }
                    .into_any()
            }
        };
        let rows = v.stages.iter().map(|s| {
            let kind = s.kind;
            let opens_id = CalendarForm::opens_id(kind);
            let due_id = CalendarForm::due_id(kind);
            let opens = typed.opens.get(kind.as_str()).cloned().unwrap_or_default();
            let due = typed.due.get(kind.as_str()).cloned().unwrap_or_default();
            view! {
                <fieldset class="govuk-fieldset" data-testid=format!("stage-{}", kind.as_str())>
                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{kind.label()}<span class="govuk-hint">{format!(" ({})", kind.actor().label())}</span></legend>
                    <div class="govuk-grid-row">
                        <div class="govuk-grid-column-one-half">
                            <TextInput id=opens_id name=CalendarForm::opens_name(kind) label="Opens" value=opens errors width="govuk-input--width-10" />
                        </div>
                        <div class="govuk-grid-column-one-half">
                            <TextInput id=due_id name=CalendarForm::due_name(kind) label="Due" value=due errors width="govuk-input--width-10" />
                        </div>
                    </div>
                </fieldset>
            }
        }).collect_view();
        let (first, last) = crate::domain::PlanYear::new(v.year)
            .map(crate::domain::cycle::calendar_window)
            .map(|(f, l)| (long_date(f), long_date(l)))
            .unwrap_or_default();
        view! {
            {notice.map(|n| view! { <SuccessBanner message=n /> })}
            <ErrorSummary errors />
            <span class="govuk-caption-l">"Setting up"</span>
            <h1 class="govuk-heading-l">{format!("The cycle calendar for {}", v.label)}</h1>
            <p class="govuk-body" data-testid="calendar-source">{source_tag}" "{v.source.describe()}</p>
            <p class="govuk-body">
                <a class="govuk-link" href=calendar_base(v.year - 1)>{format!("{} calendar", year_label(v.year - 1))}</a>
                " · "
                <a class="govuk-link" href=calendar_base(v.year + 1)>{format!("{} calendar", year_label(v.year + 1))}</a>
            </p>
            <p class="govuk-body">{format!("Enter each date like 31/3/{}. Every date must be between {first} and {last}, and no stage may be due before it opens. Saving stores all twelve stages, or nothing.", v.year + 1)}</p>
            <PostForm action={<SaveCycleCalendar as ServerFn>::PATH} testid="calendar-form">
                <input type="hidden" name="year" value=v.year />
                {rows}
                <button type="submit" class="govuk-button" data-module="govuk-button">"Save the calendar"</button>
            </PostForm>
        }
    })
}
