//! What is due, the Board's cycle table, the outbox, and the reminders part of the account
//! page.

use crate::api::due::{
    get_cycle_table, get_my_reminders, get_outbox, CycleTable, DueNow, NewCalendarAddress, Outbox,
    SetDigests,
};
use crate::components::forms::PostForm;
use crate::components::tag::{Tag, TagColour};
use crate::domain::assessment::AssessmentStatus;
use crate::domain::date::long_date;
use crate::domain::due::PartnershipPosition;
use crate::domain::midyear::MidYearStatus;
use crate::domain::plan::PlanStatus;
use crate::pages::frame;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// "What is due from you": each item a link, the overdue ones tagged.
#[component]
pub fn DueList(due: DueNow) -> impl IntoView {
    let DueNow {
        items,
        can_view_cycle,
        can_read_outbox,
        year,
        ..
    } = due;
    let list = if items.is_empty() {
        view! {
            <p class="govuk-body" data-testid="nothing-due">"Nothing is due from you in the next fortnight."</p>
        }
        .into_any()
    } else {
        view! {
            <ul class="govuk-list govuk-list--spaced" data-testid="due-items">
                {items.into_iter().map(|i| view! {
                    <li data-overdue=i.overdue.then_some("true")>
                        {i.overdue.then(|| view! { <Tag colour=TagColour::Red text="Overdue" /> " " })}
                        <a class="govuk-link" href=i.href>{i.text}</a>
                        {i.partnership.map(|p| view! { <br /><span class="govuk-body-s tb-muted">{p}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="due-heading" data-testid="what-is-due">
            <h2 class="govuk-heading-m" id="due-heading">"What is due from you"</h2>
            {list}
            {can_view_cycle.then(|| view! {
                <p class="govuk-body">
                    <a class="govuk-link" href="/cycle" data-testid="cycle-link">{format!("Where every partnership stands in the {year} cycle")}</a>
                </p>
            })}
            {can_read_outbox.then(|| view! {
                <p class="govuk-body">
                    <a class="govuk-link" href="/admin/outbox" data-testid="outbox-link">"The daily digests sent (or waiting) in the outbox"</a>
                </p>
            })}
        </section>
    }
}

fn plan_tag(p: &PartnershipPosition) -> (TagColour, &'static str) {
    match p.plan {
        None => (TagColour::Grey, "Not started"),
        Some(PlanStatus::Draft) if p.plan_approved_once => {
            (TagColour::Turquoise, "Approved, being changed")
        }
        Some(PlanStatus::Draft) => (TagColour::Yellow, "Draft"),
        Some(PlanStatus::Submitted) => (TagColour::Blue, "Submitted"),
        Some(PlanStatus::Approved) => (TagColour::Green, "Approved"),
    }
}

fn assessment_tag(s: Option<AssessmentStatus>) -> (TagColour, &'static str) {
    match s {
        None => (TagColour::Grey, "Not started"),
        Some(AssessmentStatus::Draft) => (TagColour::Yellow, "Draft"),
        Some(AssessmentStatus::Submitted) => (TagColour::Blue, "Submitted"),
        Some(AssessmentStatus::InModeration) => (TagColour::Purple, "Being moderated"),
        Some(AssessmentStatus::Returned) => (TagColour::Orange, "Returned with questions"),
        Some(AssessmentStatus::Moderated) => (TagColour::Green, "Moderated"),
    }
}

fn mid_year_tag(p: &PartnershipPosition) -> (TagColour, &'static str) {
    match p.mid_year {
        None if !p.plan_approved_once => (TagColour::Grey, "Waits for an approved plan"),
        None => (TagColour::Grey, "Not started"),
        Some(MidYearStatus::Draft) => (TagColour::Yellow, "Draft"),
        Some(MidYearStatus::Submitted) => (TagColour::Blue, "Submitted"),
        Some(MidYearStatus::Returned) => (TagColour::Orange, "Returned with comments"),
        Some(MidYearStatus::Accepted) => (TagColour::Green, "Accepted"),
    }
}

fn cell(tag: (TagColour, &'static str), overdue: bool, href: String) -> impl IntoView {
    let (colour, text) = tag;
    view! {
        <td class="govuk-table__cell">
            <a class="govuk-link" href=href><Tag colour text=text /></a>
            {overdue.then(|| view! { " " <Tag colour=TagColour::Red text="Overdue" /> })}
        </td>
    }
}

/// Every partnership's position in the cycle: plan, self-assessment, mid-year review.
#[component]
pub fn CycleTableView(table: CycleTable) -> impl IntoView {
    let CycleTable {
        today,
        year,
        plan_due,
        mid_year_due,
        partnerships,
    } = table;
    let y = year.first_year();
    let past = |d: Option<chrono::NaiveDate>| d.is_some_and(|d| d < today);
    let caption = format!(
        "Plans and self-assessments due {}; mid-year reviews due {}.",
        plan_due.map(long_date).unwrap_or_else(|| "—".into()),
        mid_year_due.map(long_date).unwrap_or_else(|| "—".into())
    );
    view! {
        <p class="govuk-body">{caption}</p>
        <div class="tb-table-scroll" tabindex="0" role="region" aria-label="Every partnership's position in the cycle">
        <table class="govuk-table" data-testid="cycle-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{format!("Every partnership's position in the {year} cycle")}</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">"Partnership"</th>
                <th scope="col" class="govuk-table__header">"Plan"</th>
                <th scope="col" class="govuk-table__header">"Self-assessment"</th>
                <th scope="col" class="govuk-table__header">"Mid-year review"</th>
            </tr></thead>
            <tbody class="govuk-table__body">
                {partnerships.into_iter().map(|p| {
                    let plan = cell(plan_tag(&p), p.plan_owed() && past(plan_due), format!("/partnerships/{}/plans/{y}", p.slug));
                    let sa = cell(assessment_tag(p.assessment), p.assessment_owed() && past(plan_due), format!("/partnerships/{}/self-assessments/{y}", p.slug));
                    let my = cell(mid_year_tag(&p), p.mid_year_owed() && past(mid_year_due), format!("/partnerships/{}/plans/{y}/mid-year-review", p.slug));
                    view! {
                        <tr class="govuk-table__row" data-slug=p.slug.clone()>
                            <th scope="row" class="govuk-table__header">{p.name.clone()}</th>
                            {plan}
                            {sa}
                            {my}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

/// `/cycle`: every partnership's position in the cycle (`?year=2026` for another year).
#[component]
pub fn CyclePage() -> impl IntoView {
    let query = use_query_map();
    let year = move || query.with(|q| q.get("year").and_then(|y| y.parse::<i32>().ok()));
    let data = Resource::new(year, get_cycle_table);
    frame(
        "Where every partnership stands",
        data,
        |table: CycleTable, _flash| {
            let year = table.year;
            let y = year.first_year();
            view! {
                <a href="/" class="govuk-back-link">"Back to the first page"</a>
                <h1 class="govuk-heading-l">{format!("Where every partnership stands: {year}")}</h1>
                <CycleTableView table />
                <p class="govuk-body">
                    <a class="govuk-link" href=format!("/cycle?year={}", y - 1)>{"The year before"}</a>
                    " · "
                    <a class="govuk-link" href=format!("/cycle?year={}", y + 1)>{"The year after"}</a>
                </p>
            }
        },
    )
}

/// `/admin/outbox`: the daily digests, newest first.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.with(|q| q.get("page").and_then(|p| p.parse::<i64>().ok()));
    let data = Resource::new(page, get_outbox);
    frame("Outbox", data, |o: Outbox, _flash| {
        let Outbox {
            digests,
            total,
            page,
            pages,
            mail_configured,
        } = o;
        let note = if mail_configured {
            "Each morning everyone with something due gets an e-mail of it. Here is every digest: whether the mail server took it, or why it could not be sent."
        } else {
            "No mail server is configured, so the daily digests are not sent: they wait here. Configure SMTP (see the README) to send them."
        };
        view! {
            <h1 class="govuk-heading-l">"Outbox"</h1>
            <p class="govuk-body" data-testid="outbox-note">{note}</p>
            {if digests.is_empty() {
                view! { <p class="govuk-body" data-testid="outbox-empty">"No digests yet."</p> }.into_any()
            } else {
                view! {
                    <p class="govuk-body">{format!("{total} digests. Page {page} of {pages}.")}</p>
                    <div data-testid="outbox">
                    {digests.into_iter().map(|d| {
                        let state = if d.sent {
                            view! { <Tag colour=TagColour::Green text=d.state.clone() /> }.into_any()
                        } else if d.send_error.is_some() {
                            view! { <Tag colour=TagColour::Red text=d.state.clone() /> }.into_any()
                        } else {
                            view! { <Tag colour=TagColour::Grey text=d.state.clone() /> }.into_any()
                        };
                        view! {
                            <div class="govuk-summary-card" data-digest=d.id.to_string()>
                                <div class="govuk-summary-card__title-wrapper">
                                    <h2 class="govuk-summary-card__title">{d.subject.clone()}</h2>
                                    {state}
                                </div>
                                <div class="govuk-summary-card__content">
                                    <dl class="govuk-summary-list">
                                        <div class="govuk-summary-list__row">
                                            <dt class="govuk-summary-list__key">"To"</dt>
                                            <dd class="govuk-summary-list__value">{d.email.clone()}</dd>
                                        </div>
                                        <div class="govuk-summary-list__row">
                                            <dt class="govuk-summary-list__key">"For"</dt>
                                            <dd class="govuk-summary-list__value">{long_date(d.for_date)}</dd>
                                        </div>
                                        {d.send_error.clone().map(|e| view! {
                                            <div class="govuk-summary-list__row">
                                                <dt class="govuk-summary-list__key">"Why it was not sent"</dt>
                                                <dd class="govuk-summary-list__value" data-testid="send-error">{e}</dd>
                                            </div>
                                        })}
                                    </dl>
                                    <details class="govuk-details">
                                        <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"The message"</span></summary>
                                        <div class="govuk-details__text"><pre class="tb-digest-body" style="white-space: pre-wrap; font-family: inherit">{d.body.clone()}</pre></div>
                                    </details>
                                </div>
                            </div>
                        }
                    }).collect_view()}
                    </div>
                    <nav class="govuk-pagination" aria-label="Pages of the outbox">
                        {(page > 1).then(|| view! { <a class="govuk-link" href=format!("/admin/outbox?page={}", page - 1)>"Newer digests"</a> })}
                        " "
                        {(page < pages).then(|| view! { <a class="govuk-link" href=format!("/admin/outbox?page={}", page + 1)>"Older digests"</a> })}
                    </nav>
                }.into_any()
            }}
        }
    })
}

/// The account page's reminders: digests on or off, and the calendar address.
#[component]
pub fn RemindersSection() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_my_reminders());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(r) = data.await else { return ().into_any() };
                let (on, off) = (r.digests, !r.digests);
                view! {
                    <h2 class="govuk-heading-m" id="reminders">"Reminders"</h2>
                    <PostForm action={<SetDigests as ServerFn>::PATH} testid="digests-form">
                        <div class="govuk-form-group">
                            <fieldset class="govuk-fieldset">
                                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Do you want an e-mail on days something is due from you?"</legend>
                                <div class="govuk-hint">"It comes in the morning, only when something is due within a fortnight or overdue."</div>
                                <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
                                    <div class="govuk-radios__item">
                                        <input class="govuk-radios__input" id="digests-on" name="digests" type="radio" value="on" checked=on />
                                        <label class="govuk-label govuk-radios__label" for="digests-on">"Yes"</label>
                                    </div>
                                    <div class="govuk-radios__item">
                                        <input class="govuk-radios__input" id="digests-off" name="digests" type="radio" value="off" checked=off />
                                        <label class="govuk-label govuk-radios__label" for="digests-off">"No"</label>
                                    </div>
                                </div>
                            </fieldset>
                        </div>
                        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Save"</button>
                    </PostForm>
                    <h2 class="govuk-heading-m" id="calendar">"Your calendar address"</h2>
                    <p class="govuk-body">"Your calendar program can show the deadlines that concern you, and keep them up to date, from a secret address."</p>
                    {r.has_calendar.then(|| view! {
                        <p class="govuk-body" data-testid="has-calendar">"You have a calendar address. It was shown once, when you created it. Creating a new one stops the old one working."</p>
                    })}
                    <PostForm action={<NewCalendarAddress as ServerFn>::PATH} testid="calendar-form">
                        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
                            {if r.has_calendar { "Create a new calendar address" } else { "Create your calendar address" }}
                        </button>
                    </PostForm>
                }.into_any()
            })}
        </Suspense>
    }
}
