//! The participants' pages and the projector, drawn by the server as whole documents (server
//! only). They must be quick on a phone on venue Wi-Fi: no WebAssembly, the app's style sheet
//! (cached after the first page), the map drawn as SVG, and a few lines of script for the live
//! results — everything works with JavaScript off (plain forms; the projector reloads itself).

use super::results_view;
use crate::domain::date::long_date;
use crate::domain::events::{AboutYou, AgeBand, EventResults, StakeholderEvent};
use crate::error::FieldError;
use leptos::prelude::*;

/// What every document needs from the server: the style sheet's address and this response's
/// script nonce.
pub struct Shell {
    pub stylesheet: String,
    pub nonce: String,
}

/// The live results' script: opens the stream named on `#live-results` and puts each update in
/// place. Without it (or without EventSource) the page simply does not update.
const LIVE_SCRIPT: &str = "(function(){var r=document.getElementById('live-results');if(!r||!window.EventSource)return;var s=new EventSource(r.getAttribute('data-live'));s.addEventListener('results',function(e){try{var d=JSON.parse(e.data);r.innerHTML=d.html;r.setAttribute('data-changes',String(d.changes));}catch(x){}});document.documentElement.setAttribute('data-live','on');})();";

fn document(
    shell: &Shell,
    title: String,
    refresh: Option<u32>,
    class: &'static str,
    body: AnyView,
) -> String {
    let page = view! {
        <!DOCTYPE html>
        <html lang="en-GB" class="govuk-template">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
                <title>{title}</title>
                <link rel="stylesheet" href=shell.stylesheet.clone() />
                {refresh.map(|s| view! { <noscript><meta http-equiv="refresh" content=s.to_string() /></noscript> })}
            </head>
            <body class=format!("govuk-template__body {class}")>
                <a href="#main-content" class="govuk-skip-link">"Skip to main content"</a>
                <header class="tb-event-header"><div class="govuk-width-container">"Trustboard"</div></header>
                <div class="govuk-width-container">
                    <main class="govuk-main-wrapper" id="main-content">{body}</main>
                </div>
                <script nonce=shell.nonce.clone() inner_html=LIVE_SCRIPT></script>
            </body>
        </html>
    };
    page.to_html()
}

fn error_summary(errors: &[FieldError], id_of: impl Fn(&str) -> String) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        view! {
            <div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1" data-testid="error-summary">
                <div role="alert">
                    <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                    <div class="govuk-error-summary__body">
                        <ul class="govuk-list govuk-error-summary__list">
                            {errors.iter().map(|e| if e.field.is_empty() {
                                view! { <li>{e.message.clone()}</li> }.into_any()
                            } else {
                                view! { <li><a href=format!("#{}", id_of(&e.field))>{e.message.clone()}</a></li> }.into_any()
                            }).collect_view()}
                        </ul>
                    </div>
                </div>
            </div>
        }
    })
}

fn field_error(errors: &[FieldError], key: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == key)
        .map(|e| e.message.clone())
}

fn inline_error(id: String, message: Option<String>) -> impl IntoView {
    message.map(|m| view! { <p id=id class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{m}</p> })
}

/// The page for entering a code (`/e`).
pub fn join_document(shell: &Shell, typed: &str, error: Option<String>) -> String {
    let errors: Vec<FieldError> = error
        .iter()
        .map(|m| FieldError::new("code", m.clone()))
        .collect();
    let group = if error.is_some() {
        "govuk-form-group govuk-form-group--error"
    } else {
        "govuk-form-group"
    };
    let input_class = if error.is_some() {
        "govuk-input govuk-input--width-10 tb-code govuk-input--error"
    } else {
        "govuk-input govuk-input--width-10 tb-code"
    };
    let body = view! {
        {error_summary(&errors, |k| k.to_string())}
        <h1 class="govuk-heading-l">"Join an event"</h1>
        <form method="get" action="/e" novalidate=true data-testid="join-form">
            <div class=group>
                <label class="govuk-label govuk-label--m" for="code">"Enter the code on the screen"</label>
                <div id="code-hint" class="govuk-hint">"6 letters and numbers, for example K7R 4MX"</div>
                {inline_error("code-error".into(), error.clone())}
                <input class=input_class id="code" name="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" value=typed.to_string() aria-describedby=if error.is_some() { "code-hint code-error" } else { "code-hint" } />
            </div>
            <button type="submit" class="govuk-button" data-module="govuk-button">"Join"</button>
        </form>
        <p class="govuk-body-s">"You do not need an account. Nobody can tell who you are from your votes or comments."</p>
    };
    document(
        shell,
        "Join an event – Trustboard".into(),
        None,
        "",
        body.into_any(),
    )
}

/// An event's area on its map, drawn on the server.
#[derive(Debug, Clone)]
pub struct EventMap {
    pub view_box: String,
    /// What shades it ("NI 116 – Children in low-income families").
    pub shaded_by: Option<String>,
    pub caption: Option<String>,
    /// (name, path, fill, figure as read out, where the name goes).
    pub areas: Vec<(String, String, String, String, (f64, f64))>,
    pub legend: Vec<(String, String)>,
}

fn event_map(m: &EventMap) -> impl IntoView {
    let title = match &m.shaded_by {
        Some(s) => format!("Map of the event's area, shaded by {s}"),
        None => "Map of the event's area".into(),
    };
    let scale = m
        .view_box
        .split_whitespace()
        .nth(2)
        .and_then(|w| w.parse::<f64>().ok())
        .unwrap_or(800.0)
        / 400.0;
    view! {
        <figure class="tb-event-map">
            <svg viewBox=m.view_box.clone() role="img" aria-labelledby="event-map-title" data-testid="event-map">
                <title id="event-map-title">{title}</title>
                {m.areas.iter().map(|(name, path, fill, label, at)| view! {
                    <g>
                        <path d=path.clone() fill=fill.clone() stroke="#0b0c0c" stroke-width=format!("{:.2}", scale)></path>
                        <text x=format!("{:.1}", at.0) y=format!("{:.1}", at.1) font-size=format!("{:.1}", 14.0 * scale) text-anchor="middle" fill="#0b0c0c" stroke="#ffffff" stroke-width=format!("{:.2}", 3.0 * scale) paint-order="stroke">
                            {if label.is_empty() { crate::domain::map::short_name(name).to_string() } else { format!("{}: {label}", crate::domain::map::short_name(name)) }}
                        </text>
                    </g>
                }).collect_view()}
            </svg>
            {m.caption.clone().map(|c| view! { <figcaption class="govuk-body-s">{c}</figcaption> })}
        </figure>
        {(!m.legend.is_empty()).then(|| view! {
            <ul class="govuk-list govuk-body-s tb-legend">
                {m.legend.iter().map(|(fill, label)| view! {
                    <li><svg width="16" height="16" aria-hidden="true" focusable="false"><rect width="16" height="16" fill=fill.clone() stroke="#0b0c0c"></rect></svg>" "{label.clone()}</li>
                }).collect_view()}
            </ul>
        })}
        <table class="govuk-table" data-testid="map-table">
            <caption class="govuk-table__caption govuk-table__caption--s">{m.shaded_by.clone().unwrap_or_else(|| "The event's partnerships".into())}</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">"Partnership"</th>
                <th scope="col" class="govuk-table__header">"Latest figure"</th>
            </tr></thead>
            <tbody class="govuk-table__body">
                {m.areas.iter().map(|(name, _, _, label, _)| view! {
                    <tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header">{name.clone()}</th>
                        <td class="govuk-table__cell">{label.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Which form an error belongs to on the participant's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Ballot,
    Comment,
}

/// Everything the participant's page shows.
pub struct ParticipantView {
    pub event: StakeholderEvent,
    pub results: EventResults,
    pub map: Option<EventMap>,
    /// The votes to show in the ballot: (option id, votes) as saved, or as typed.
    pub votes: Vec<(i64, String)>,
    pub about: AboutYou,
    pub comment: String,
    pub errors: Vec<FieldError>,
    pub errors_in: Which,
    pub notice: Option<String>,
    pub has_voted: bool,
}

fn about_you(form: &'static str, about: AboutYou, errors: &[FieldError]) -> impl IntoView {
    let young_id = format!("{form}-young_person");
    let band_id = format!("{form}-age_band");
    let band_error = field_error(errors, "age_band");
    let group = if band_error.is_some() {
        "govuk-form-group govuk-form-group--error"
    } else {
        "govuk-form-group"
    };
    view! {
        <fieldset class="govuk-fieldset">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"About you (optional)"</legend>
            <div class="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-3">
                <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id=young_id.clone() name="young_person" type="checkbox" value="yes" checked=about.young_person />
                    <label class="govuk-label govuk-checkboxes__label" for=young_id>"I am a young person (25 or under)"</label>
                </div>
            </div>
            <div class=group>
                <label class="govuk-label" for=band_id.clone()>"Your age (optional)"</label>
                {inline_error(format!("{band_id}-error"), band_error)}
                <select class="govuk-select" id=band_id name="age_band">
                    <option value="" selected=about.age_band.is_none()>"Rather not say"</option>
                    {AgeBand::ALL.iter().map(|b| view! {
                        <option value=b.as_str() selected=about.age_band == Some(*b)>{b.label()}</option>
                    }).collect_view()}
                </select>
            </div>
        </fieldset>
    }
}

/// The participant's page (`/e/CODE`): the map, the ballot, the comment box and the results.
pub fn participant_document(shell: &Shell, p: ParticipantView) -> String {
    let e = &p.event;
    let base = format!("/e/{}", e.code);
    let phase = p.results.phase;
    let ballot_errors: Vec<FieldError> = if p.errors_in == Which::Ballot {
        p.errors.clone()
    } else {
        Vec::new()
    };
    let comment_errors: Vec<FieldError> = if p.errors_in == Which::Comment {
        p.errors.clone()
    } else {
        Vec::new()
    };
    let id_of = |form: &'static str| {
        move |key: &str| match key {
            "votes" | "comment" => key.to_string(),
            k => format!("{form}-{k}"),
        }
    };
    let votes_error = field_error(&ballot_errors, "votes");
    let comment_error = field_error(&comment_errors, "comment");
    let several = e.rules.several_on_one;
    let most = e.rules.votes_each;
    let typed = |id: i64| {
        p.votes
            .iter()
            .find(|(o, _)| *o == id)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let title = format!("{} – Trustboard", e.title);
    let body = view! {
        {p.notice.clone().map(|n| view! {
            <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="done-title" data-testid="success-banner">
                <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="done-title">"Done"</h2></div>
                <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">{n}</p></div>
            </div>
        })}
        {error_summary(&ballot_errors, id_of("ballot"))}
        {error_summary(&comment_errors, id_of("comment"))}
        <span class="govuk-caption-l">{format!("{} · {}", e.partnership_names(), long_date(e.held_on))}</span>
        <h1 class="govuk-heading-l">{e.title.clone()}</h1>
        <p class="govuk-inset-text" data-testid="participant-phase">{phase.describe()}</p>
        {p.map.as_ref().map(|m| view! {
            <h2 class="govuk-heading-m">"Your area"</h2>
            {event_map(m)}
        })}
        <h2 class="govuk-heading-m" id="vote">"Vote for the priorities that matter most"</h2>
        {if phase.is_open() {
            view! {
                <form method="post" action=format!("{base}/ballot") novalidate=true data-testid="ballot-form">
                    <div class=if votes_error.is_some() { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }>
                        <fieldset class="govuk-fieldset" id="votes" tabindex="-1" aria-describedby="votes-hint">
                            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"The priorities"</legend>
                            <div id="votes-hint" class="govuk-hint">{e.rules.ballot_rule()}</div>
                            {inline_error("votes-error".into(), votes_error.clone())}
                            {if several {
                                e.options.iter().map(|o| {
                                    let id = format!("vote-{}", o.id);
                                    view! {
                                        <div class="govuk-form-group govuk-!-margin-bottom-3">
                                            <label class="govuk-label" for=id.clone()>{o.label.clone()}</label>
                                            <input class="govuk-input govuk-input--width-2" id=id name=format!("votes[{}]", o.id) type="number" inputmode="numeric" min="0" max=most.to_string() value=typed(o.id) />
                                        </div>
                                    }
                                }).collect_view().into_any()
                            } else {
                                view! {
                                    <div class="govuk-checkboxes govuk-checkboxes--small">
                                        {e.options.iter().map(|o| {
                                            let id = format!("vote-{}", o.id);
                                            let on = !matches!(typed(o.id).as_str(), "" | "0");
                                            view! {
                                                <div class="govuk-checkboxes__item">
                                                    <input class="govuk-checkboxes__input" id=id.clone() name=format!("votes[{}]", o.id) type="checkbox" value="1" checked=on />
                                                    <label class="govuk-label govuk-checkboxes__label" for=id>{o.label.clone()}</label>
                                                </div>
                                            }
                                        }).collect_view()}
                                    </div>
                                }.into_any()
                            }}
                        </fieldset>
                    </div>
                    {about_you("ballot", p.about, &ballot_errors)}
                    <button type="submit" class="govuk-button" data-module="govuk-button">{if p.has_voted { "Change my votes" } else { "Send my votes" }}</button>
                </form>
            }.into_any()
        } else {
            view! {
                <ol class="govuk-list govuk-list--number" data-testid="ballot-closed">
                    {e.options.iter().map(|o| view! { <li>{o.label.clone()}</li> }).collect_view()}
                </ol>
            }.into_any()
        }}
        {(!phase.is_closed()).then(|| view! {
            <h2 class="govuk-heading-m" id="say">"Say what matters to you"</h2>
            <form method="post" action=format!("{base}/comment") novalidate=true data-testid="comment-form">
                <div class=if comment_error.is_some() { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }>
                    <label class="govuk-label" for="comment">"Your comment"</label>
                    <div id="comment-hint" class="govuk-hint">"Up to 1,000 characters. Do not include names or anything that says who you are."</div>
                    {inline_error("comment-error".into(), comment_error.clone())}
                    <textarea class=if comment_error.is_some() { "govuk-textarea govuk-textarea--error" } else { "govuk-textarea" } id="comment" name="comment" rows="4" aria-describedby=if comment_error.is_some() { "comment-hint comment-error" } else { "comment-hint" }>{p.comment.clone()}</textarea>
                </div>
                {about_you("comment", p.about, &comment_errors)}
                <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Send my comment"</button>
            </form>
        })}
        <h2 class="govuk-heading-m">"Results so far"</h2>
        <div id="live-results" data-live=format!("{base}/live")>{results_view(&p.results)}</div>
    };
    document(shell, title, None, "tb-event-page", body.into_any())
}

/// A page that says why there is nothing to join: an unknown or finished event (`/e/CODE`).
pub fn notice_document(shell: &Shell, heading: &str, message: &str) -> String {
    let body = view! {
        <h1 class="govuk-heading-l">{heading.to_string()}</h1>
        <p class="govuk-body" data-testid="event-notice">{message.to_string()}</p>
        <p class="govuk-body"><a class="govuk-link" href="/e">"Enter another code"</a></p>
    };
    document(
        shell,
        format!("{heading} – Trustboard"),
        None,
        "",
        body.into_any(),
    )
}

/// The projector (`/events/ID/projector`): the join code and QR code, big, and the results,
/// live; without JavaScript it reloads itself every 10 seconds.
pub fn projector_document(
    shell: &Shell,
    event: &StakeholderEvent,
    results: &EventResults,
    qr_svg: &str,
    join_url: &str,
) -> String {
    let code = crate::domain::events::JoinCode::parse(&event.code)
        .map(|c| c.spaced())
        .unwrap_or_else(|_| event.code.clone());
    let body = view! {
        <div class="tb-projector">
            <div class="tb-projector-join">
                <h1 class="govuk-heading-xl">{event.title.clone()}</h1>
                <p class="govuk-body-l">"Join on your phone at"</p>
                <p class="tb-projector-url" data-testid="join-url">{join_url.to_string()}</p>
                <p class="govuk-body-l">"with the code"</p>
                <p class="tb-projector-code" data-testid="projector-code">{code}</p>
                <div class="tb-qr" role="img" aria-label=format!("QR code for {join_url}") inner_html=qr_svg.to_string()></div>
            </div>
            <div class="tb-projector-results">
                <div id="live-results" data-live=format!("/events/{}/live", event.id)>{results_view(results)}</div>
            </div>
        </div>
    };
    document(
        shell,
        format!("{} – projector – Trustboard", event.title),
        Some(10),
        "tb-projector-page",
        body.into_any(),
    )
}
