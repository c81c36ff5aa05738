//! The facilitator's page for one event: how to join, voting (open or close it), the results as
//! they stand, every comment (show or hide it), the results into a plan, and the downloads.

use super::results_view;
use crate::api::events::{
    get_event, AddEventResults, DecideEventComment, EventPage, PlanTargetState, SetEventVoting,
};
use crate::components::forms::{ErrorSummary, PostForm, SuccessBanner};
use crate::domain::date::long_date;
use crate::domain::events::{CommentState, Voting};
use crate::pages::frame;
use crate::pages::midyear::flash_parts;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

fn row(key: &'static str, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{key}</dt>
            <dd class="govuk-summary-list__value">{value}</dd>
        </div>
    }
}

fn voting_button(
    event_id: i64,
    revision: i64,
    voting: Voting,
    label: &'static str,
    secondary: bool,
) -> impl IntoView {
    let class = if secondary {
        "govuk-button govuk-button--secondary"
    } else {
        "govuk-button"
    };
    view! {
        <PostForm action={<SetEventVoting as ServerFn>::PATH}>
            <input type="hidden" name="event_id" value=event_id />
            <input type="hidden" name="revision" value=revision />
            <input type="hidden" name="voting" value=voting.as_str() />
            <button type="submit" class=class data-module="govuk-button">{label}</button>
        </PostForm>
    }
}

#[component]
pub fn EventPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let data = Resource::new(id, get_event);
    frame("Stakeholder event", data, |page: EventPage, flash| {
        let (errors, notice) = flash_parts(&flash);
        let e = page.event.clone();
        let join = format!("/e/{}", e.code);
        let open = page.results.phase.is_open();
        let closed = page.results.phase.is_closed();
        let base = format!("/events/{}", e.id);
        let eid = e.id;
        view! {
            <a href="/events" class="govuk-back-link">"Back to stakeholder events"</a>
            {notice.map(|n| view! { <SuccessBanner message=n /> })}
            <ErrorSummary errors />
            <span class="govuk-caption-l">{format!("{} · {}", e.partnership_names(), long_date(e.held_on))}</span>
            <h1 class="govuk-heading-l">{e.title.clone()}</h1>
            <dl class="govuk-summary-list" data-testid="event-summary">
                {row("Join code", view! { <strong class="tb-code" data-testid="join-code">{e.code.clone()}</strong> })}
                {row("Where people join", view! { <a class="govuk-link" href=join.clone()>{join.clone()}</a> })}
                {row("Ballot", format!("{} priorities. {}", e.options.len(), e.rules.ballot_rule()))}
                {row("Comments", if e.rules.comments_after_review { "Shown after you have seen them" } else { "Shown at once" })}
                {row("Map shaded by", e.indicator.as_ref().map(|(c, t)| format!("{c} – {t}")).unwrap_or_else(|| "No shading".into()))}
                {row("Voting", view! { <span data-testid="voting-state">{page.phase.clone()}</span> })}
            </dl>
            <div class="govuk-button-group">
                <a class="govuk-button" data-module="govuk-button" href=format!("{base}/projector") data-testid="projector-link">"Open the projector"</a>
                {(!open).then(|| voting_button(e.id, e.revision, Voting::Open, "Open voting now", false))}
                {(!closed).then(|| voting_button(e.id, e.revision, Voting::Closed, "Close voting", true))}
                {(e.rules.voting != Voting::Scheduled && (e.rules.opens_at.is_some() || e.rules.closes_at.is_some()))
                    .then(|| voting_button(e.id, e.revision, Voting::Scheduled, "Go back to the times set", true))}
            </div>
            <h2 class="govuk-heading-l">"Results so far"</h2>
            {results_view(&page.results)}
            <p class="govuk-body">
                <a class="govuk-link" href=format!("{base}/export/results.csv") download="">"Download the results (CSV)"</a>
                " · "
                <a class="govuk-link" href=format!("{base}/export/results.xlsx") download="">"Download the results (Excel)"</a>
            </p>
            <h2 class="govuk-heading-l" id="comments">"Comments"</h2>
            {if page.comments.is_empty() {
                view! { <p class="govuk-body">"No comments yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="govuk-list" data-testid="all-comments">
                        {page.comments.clone().into_iter().map(|c| {
                            let (tag, action, label) = match c.state {
                                CommentState::Waiting => ("govuk-tag govuk-tag--yellow", Some("show"), "Show"),
                                CommentState::Shown => ("govuk-tag govuk-tag--green", Some("hide"), "Hide"),
                                CommentState::Hidden => ("govuk-tag govuk-tag--grey", Some("show"), "Show again"),
                            };
                            view! {
                                <li class="tb-event-comment" data-comment=c.id.to_string()>
                                    <p class="govuk-body tb-pre">{c.body.clone()}</p>
                                    <p class="govuk-body-s">{c.who()}" · "<strong class=tag>{c.state.label()}</strong></p>
                                    {action.map(|a| view! {
                                        <PostForm action={<DecideEventComment as ServerFn>::PATH}>
                                            <input type="hidden" name="event_id" value=eid />
                                            <input type="hidden" name="comment_id" value=c.id />
                                            <input type="hidden" name="decision" value=a />
                                            <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" data-module="govuk-button">
                                                {label}<span class="govuk-visually-hidden">{format!(" the comment “{}”", c.body.chars().take(40).collect::<String>())}</span>
                                            </button>
                                        </PostForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h2 class="govuk-heading-l" id="results-to-plan">"Add the results to a plan"</h2>
            <p class="govuk-body">"The priorities ranked by votes go into the plan's needs analysis; young people's ranking and what they said go into “what children and young people told us”. Each names the event, its date and how many took part."</p>
            <ul class="govuk-list" data-testid="plans">
                {page.plans.clone().into_iter().map(|p| {
                    let (slug, add_label) = (p.slug.clone(), format!("Add the results to {}'s {} plan", p.name, p.year));
                    let heading = format!("{} – {} plan", p.name, p.year);
                    let state = match &p.state {
                        PlanTargetState::Added => view! { <strong class="govuk-tag govuk-tag--green">"Added"</strong> }.into_any(),
                        PlanTargetState::CanAdd => view! {
                            <PostForm action={<AddEventResults as ServerFn>::PATH}>
                                <input type="hidden" name="event_id" value=eid />
                                <input type="hidden" name="partnership" value=slug />
                                <button type="submit" class="govuk-button" data-module="govuk-button">
                                    {add_label}
                                </button>
                            </PostForm>
                        }.into_any(),
                        PlanTargetState::Cannot(why) => view! { <span class="govuk-body">{why.clone()}</span> }.into_any(),
                    };
                    view! {
                        <li>
                            <h3 class="govuk-heading-s">{match &p.href {
                                Some(h) => view! { <a class="govuk-link" href=h.clone()>{heading}</a> }.into_any(),
                                None => view! { <span>{heading}</span> }.into_any(),
                            }}</h3>
                            {state}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}
