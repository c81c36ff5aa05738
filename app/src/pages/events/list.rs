//! The facilitator's events, and the form for a new one.

use crate::api::events::{get_events, CreateEvent, EventsPage};
use crate::components::forms::{
    Checkboxes, ErrorSummary, PostForm, Radios, Select, SuccessBanner, TextArea, TextInput,
};
use crate::domain::date::long_date;
use crate::domain::events::{BallotSource, EventForm};
use crate::domain::Choice;
use crate::pages::frame;
use crate::pages::midyear::flash_parts;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn EventsListPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_events());
    frame("Stakeholder events", data, |page: EventsPage, flash| {
        let (_, notice) = flash_parts(&flash);
        view! {
            {notice.map(|n| view! { <SuccessBanner message=n /> })}
            <h1 class="govuk-heading-l">"Stakeholder events"</h1>
            <p class="govuk-body">"Run a stakeholder event or data day: people join on their phones with a short code, vote on priorities, say what matters to them and see the results live on the projector. Afterwards, add the results to the plan."</p>
            <a href="/events/new" class="govuk-button" data-module="govuk-button">"Create an event"</a>
            {if page.events.is_empty() {
                view! { <p class="govuk-body" data-testid="no-events">"No events yet."</p> }.into_any()
            } else {
                view! {
                    <div class="tb-table-scroll">
                    <table class="govuk-table" data-testid="events">
                        <caption class="govuk-table__caption govuk-table__caption--m">"Events"</caption>
                        <thead class="govuk-table__head"><tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Event"</th>
                            <th scope="col" class="govuk-table__header">"Date"</th>
                            <th scope="col" class="govuk-table__header">"Partnerships"</th>
                            <th scope="col" class="govuk-table__header">"Join code"</th>
                            <th scope="col" class="govuk-table__header">"Voting"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Joined"</th>
                        </tr></thead>
                        <tbody class="govuk-table__body">
                            {page.events.into_iter().map(|e| view! {
                                <tr class="govuk-table__row">
                                    <td class="govuk-table__cell"><a class="govuk-link" href=format!("/events/{}", e.id)>{e.title}</a></td>
                                    <td class="govuk-table__cell">{long_date(e.held_on)}</td>
                                    <td class="govuk-table__cell">{e.partnerships}</td>
                                    <td class="govuk-table__cell tb-code">{e.code}</td>
                                    <td class="govuk-table__cell">{e.phase}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{e.joined.to_string()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any()
            }}
        }
    })
}

fn choices(pairs: &[(&str, &str)]) -> Vec<Choice> {
    pairs
        .iter()
        .map(|(v, l)| Choice {
            value: v.to_string(),
            label: l.to_string(),
        })
        .collect()
}

#[component]
pub fn NewEventPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_events());
    frame(
        "Create a stakeholder event",
        data,
        |page: EventsPage, flash| {
            let (errors, _) = flash_parts(&flash);
            let typed = flash
                .as_ref()
                .and_then(|f| f.form::<EventForm>())
                .unwrap_or_else(|| {
                    let mut f = EventForm::new_event(page.today);
                    if page.offered.len() == 1 {
                        f.partnerships
                            .insert(page.offered[0].value.clone(), "on".into());
                    }
                    f
                });
            let checked: Vec<String> = typed
                .partnerships
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, _)| k.clone())
                .collect();
            let sources: Vec<Choice> = BallotSource::ALL
                .iter()
                .map(|s| Choice {
                    value: s.as_str().into(),
                    label: s.label().into(),
                })
                .collect();
            let mut indicators = vec![Choice {
                value: String::new(),
                label: "No shading".into(),
            }];
            indicators.extend(page.indicators.clone());
            view! {
                <a href="/events" class="govuk-back-link">"Back to stakeholder events"</a>
                <ErrorSummary errors />
                <h1 class="govuk-heading-l">"Create a stakeholder event"</h1>
                <PostForm action={<CreateEvent as ServerFn>::PATH} testid="event-form">
                    <TextInput field=EventForm::title label="Title" hint="For example, Gosport data day" value=typed.title errors />
                    <TextInput field=EventForm::held_on label="Date" hint="For example, 20/1/2027. The results can go into the plan for the year the event is in." value=typed.held_on errors width="govuk-input--width-10" />
                    <Checkboxes field=EventForm::partnerships legend="Which partnerships is it for?" choices=page.offered.clone() checked errors />
                    <Radios field=EventForm::ballot_source legend="What is on the ballot?" choices=sources selected=typed.ballot_source errors />
                    <TextArea field=EventForm::candidates label="Candidate priorities (when typed in)" hint="One on each line, 2 to 20 of them." value=typed.candidates errors rows=5 />
                    <TextInput field=EventForm::votes_each label="Votes each participant has" hint="From 1 to 10" value=typed.votes_each errors width="govuk-input--width-2" />
                    <Radios field=EventForm::several_on_one legend="Can a participant give several votes to one priority?" choices=choices(&[("yes", "Yes"), ("no", "No, at most one each")]) selected=typed.several_on_one errors />
                    <Radios field=EventForm::comments_after_review legend="When are comments shown?" choices=choices(&[("no", "At once"), ("yes", "After I have seen them")]) selected=typed.comments_after_review errors />
                    <Select field=EventForm::indicator label="Which indicator shades the map?" choices=indicators selected=typed.indicator errors />
                    <TextInput field=EventForm::opens_at label="Voting opens at (optional)" hint="UK time on the day, for example 10:00. Leave blank to open it yourself." value=typed.opens_at errors width="govuk-input--width-5" />
                    <TextInput field=EventForm::closes_at label="Voting closes at (optional)" hint="For example 11:30. Leave blank to close it yourself." value=typed.closes_at errors width="govuk-input--width-5" />
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Create the event"</button>
                </PostForm>
            }
        },
    )
}
