//! `/admin/setup`: what a county needs before people can work in Trustboard, as a task list.

use crate::api::setup::{setup_overview, SetUpOverview};
use crate::components::forms::SuccessBanner;
use crate::pages::frame;
use crate::pages::midyear::flash_parts;
use leptos::prelude::*;

fn task(
    href: String,
    name: &'static str,
    hint: String,
    done: bool,
    testid: &'static str,
) -> impl IntoView {
    let (tag, text) = if done {
        ("govuk-tag govuk-tag--green", "Done")
    } else {
        ("govuk-tag govuk-tag--blue", "To do")
    };
    view! {
        <li class="govuk-task-list__item govuk-task-list__item--with-link" data-testid=testid>
            <div class="govuk-task-list__name-and-hint">
                <a class="govuk-link govuk-task-list__link" href=href aria-describedby=format!("{testid}-status")>{name}</a>
                <div class="govuk-task-list__hint">{hint}</div>
            </div>
            <div class="govuk-task-list__status" id=format!("{testid}-status")><strong class=tag>{text}</strong></div>
        </li>
    }
}

#[component]
pub fn SetUpPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| setup_overview());
    frame("Set up the Trust", data, |o: SetUpOverview, flash| {
        let (_, notice) = flash_parts(&flash);
        let year = o.year;
        view! {
            {notice.map(|n| view! { <SuccessBanner message=n /> })}
            <h1 class="govuk-heading-l">"Set up the Trust"</h1>
            <p class="govuk-body">"What a county needs before its partnerships can work in Trustboard. Each step can be changed later; nothing here deletes history."</p>
            <ul class="govuk-task-list" data-testid="set-up-tasks">
                {task("/admin/setup/trust".into(), "The Trust's details", match &o.trust {
                    Some(name) => format!("{name}: {} districts", o.districts),
                    None => "Its name, the county it serves and the county's districts".into(),
                }, o.trust.is_some(), "task-trust")}
                {task("/admin/map".into(), "Boundaries for the map", format!("{} areas have outlines; {} wards held", o.outlines, o.wards), o.outlines > 0, "task-boundaries")}
                {task("/admin/setup/partnerships".into(), "Partnerships", format!("{} partnerships, each covering districts or wards", o.partnerships), o.partnerships > 0, "task-partnerships")}
                {task("/admin/setup/organisations".into(), "Partner organisations", format!("{} organisations", o.organisations), o.organisations > 0, "task-organisations")}
                {task("/admin/setup/people".into(), "People", format!("{} people can sign in; {} have not yet chosen their password", o.people, o.waiting), o.people > 1, "task-people")}
                {task(format!("/admin/calendar/{}", year.first_year()), "The cycle calendar", if o.calendar_set {
                    format!("The {year} calendar has been set")
                } else {
                    format!("The {year} calendar follows last year's dates or the business-cycle paper's")
                }, o.calendar_set, "task-calendar")}
                {task("/admin/indicators".into(), "Indicators", "The catalogue, how each is rated, and their data".into(), true, "task-indicators")}
            </ul>
            <p class="govuk-body"><a class="govuk-link" href="/admin/outbox">"The digests outbox"</a>": the daily reminders of what is due, as sent (or kept, without a mail server)."</p>
            <p class="govuk-body"><a class="govuk-link" href="/admin/backup" data-testid="backup-link">"Download a backup"</a>": a copy of everything Trustboard holds, to keep safely or to move to another database."</p>
            <h2 class="govuk-heading-m">"The Board's key priorities"</h2>
            <p class="govuk-body" data-testid="board-priorities-state">{if o.board_priorities == 0 {
                format!("The Board has not yet published its key priorities for {year}. Board members set them in January, from “Board priorities” in their menu.")
            } else {
                format!("The Board has published {} key priorities for {year}.", o.board_priorities)
            }}</p>
        }
    })
}
