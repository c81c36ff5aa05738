//! The first page: what is due from the person signed in, the Trust's partnerships, where the
//! annual cycle stands, and the Board's key priorities for the year.

use crate::api::auth::who_am_i;
use crate::api::due::{what_is_due, DueNow};
use crate::api::partnerships::{partnerships_overview, Overview};
use crate::components::layout::DemoBanner;
use crate::components::tag::{Tag, TagColour};
use crate::domain::calendar::CalendarStage;
use crate::domain::{Actor, PartnershipSummary};
use crate::pages::due::DueList;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| partnerships_overview());
    // What is due from the person signed in (asked only when someone is).
    let due = Resource::new(
        || (),
        |_| async {
            match who_am_i().await {
                Ok(Some(_)) => what_is_due().await.ok(),
                _ => None,
            }
        },
    );
    view! {
        <Title text="Partnerships" />
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading the partnerships…"</p> }>
            {move || Suspend::new(async move {
                let due = due.await;
                match overview.await {
                    Ok(o) => view! { <OverviewView overview=o due /> }.into_any(),
                    // A new installation: say what comes first (administrators have Set-up in
                    // their menu).
                    Err(crate::error::AppError::NotSetUp) => view! {
                        <h1 class="govuk-heading-l">"Welcome to Trustboard"</h1>
                        <p class="govuk-body" data-testid="not-set-up">
                            "Trustboard has not been set up yet. A Trust administrator starts with "
                            <a class="govuk-link" href="/admin/setup">"Set-up"</a>
                            ": the Trust's details, the map's boundaries, partnerships, partner organisations and people."
                        </p>
                    }.into_any(),
                    Err(e) => view! {
                        <h1 class="govuk-heading-l">"Partnerships"</h1>
                        <div class="govuk-error-summary" role="alert" tabindex="-1">
                            <h2 class="govuk-error-summary__title">"The partnerships could not be shown"</h2>
                            <div class="govuk-error-summary__body"><p class="govuk-body">{e.to_string()}</p></div>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn long_date(d: chrono::NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn actor_tag(actor: Actor) -> impl IntoView {
    let colour = match actor {
        Actor::Partnership => TagColour::Blue,
        Actor::DistrictManager => TagColour::Purple,
        Actor::Board => TagColour::Turquoise,
    };
    view! { <Tag colour text=actor.label() /> }
}

fn stage_row(stage: CalendarStage, today: chrono::NaiveDate) -> impl IntoView {
    let days = (stage.due - today).num_days();
    let when = match days {
        0 => "due today".to_string(),
        1 => "due tomorrow".to_string(),
        n => format!("due in {n} days"),
    };
    view! {
        <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{stage.kind.label()}</dt>
            <dd class="govuk-summary-list__value">
                {long_date(stage.due)} " (" {when} ")"
            </dd>
            <dd class="govuk-summary-list__actions">{actor_tag(stage.kind.actor())}</dd>
        </div>
    }
}

#[component]
fn OverviewView(overview: Overview, due: Option<DueNow>) -> impl IntoView {
    let Overview {
        trust_name,
        is_demo,
        plan_year,
        today,
        cycle,
        priorities,
        partnerships,
        links,
    } = overview;
    let count = partnerships.len();
    let headline_title = partnerships.iter().find_map(|p| {
        p.headline
            .as_ref()
            .map(|h| format!("{} ({})", h.indicator_title, h.indicator_code))
    });
    let cycle_view = if cycle.open.is_empty() {
        let next = cycle
            .next_due
            .map(|s| format!("Next: {} — due {}.", s.kind.label(), long_date(s.due)));
        view! {
            <p class="govuk-body" data-testid="cycle-quiet">
                "No stage of the cycle is open today. " {next}
            </p>
        }
        .into_any()
    } else {
        view! {
            <dl class="govuk-summary-list" data-testid="cycle-open">
                {cycle.open.into_iter().map(|s| stage_row(s, today)).collect_view()}
            </dl>
        }
        .into_any()
    };

    view! {
        {is_demo.then(|| view! { <DemoBanner /> })}
        <span class="govuk-caption-l">{trust_name}</span>
        <h1 class="govuk-heading-l">"Local Children's Partnerships"</h1>
        <p class="govuk-body-l">
            {format!("{count} partnerships deliver the Trust's plan for children and young people in their areas.")}
        </p>
        {due.map(|due| view! { <DueList due /> })}

        <h2 class="govuk-heading-m">{format!("Where the {plan_year} cycle stands on {}", long_date(today))}</h2>
        {cycle_view}

        <h2 class="govuk-heading-m">"The Board's key priorities for every plan"</h2>
        {if priorities.is_empty() {
            view! { <p class="govuk-body">"The Board has not yet set its key priorities for this year."</p> }.into_any()
        } else {
            view! {
                <ol class="govuk-list govuk-list--number" data-testid="board-priorities">
                    {priorities.into_iter().map(|(title, code)| view! {
                        <li>{title} {code.map(|c| format!(" ({c})"))}</li>
                    }).collect_view()}
                </ol>
            }.into_any()
        }}

        <div class="tb-table-scroll" tabindex="0" role="region" aria-label="The partnerships">
        <table class="govuk-table" data-testid="partnerships">
            <caption class="govuk-table__caption govuk-table__caption--m">"Partnerships"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Partnership"</th>
                    <th scope="col" class="govuk-table__header">"Area"</th>
                    <th scope="col" class="govuk-table__header">"Chair"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Members"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Partner organisations"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                        {headline_title.unwrap_or_else(|| "Headline indicator".into())}
                    </th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {partnerships.into_iter().map(|p| {
                    let to = links.get(&p.slug).cloned().unwrap_or_else(|| format!("/partnerships/{}/plans", p.slug));
                    partnership_row(p, to)
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

fn partnership_row(p: PartnershipSummary, to: String) -> impl IntoView {
    let areas = p
        .areas
        .iter()
        .map(|(code, name)| format!("{name} ({code})"))
        .collect::<Vec<_>>()
        .join(", ");
    let figure = match p.headline {
        Some(h) => {
            let england = h
                .england
                .map(|e| format!("England {e}"))
                .unwrap_or_default();
            view! {
                <span class="tb-numeric">{h.value}</span>
                <br />
                <span class="govuk-body-s tb-muted">{h.period} " · " {england}</span>
            }
            .into_any()
        }
        None => view! { <span class="tb-muted">"No data"</span> }.into_any(),
    };
    view! {
        <tr class="govuk-table__row" data-slug=p.slug.clone()>
            <th scope="row" class="govuk-table__header"><a class="govuk-link" href=to>{p.name}</a></th>
            <td class="govuk-table__cell">{areas}</td>
            <td class="govuk-table__cell">{p.chair.unwrap_or_else(|| "Vacant".into())}</td>
            <td class="govuk-table__cell govuk-table__cell--numeric">{p.member_count}</td>
            <td class="govuk-table__cell govuk-table__cell--numeric">{p.organisation_count}</td>
            <td class="govuk-table__cell govuk-table__cell--numeric">{figure}</td>
        </tr>
    }
}
