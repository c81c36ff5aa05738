//! The second factor's pages: the code asked for after the password, setting it up (a QR code
//! with the secret as text beside it, then recovery codes shown once), one's own sessions, and
//! an administrator's reset on a person's page.

use crate::api::auth::{
    my_second_factor, my_sessions, person_second_factor, ConfirmSecondFactor, EndOtherSessions,
    EndSession, RecoveryCodes, ResetSecondFactor, SecondFactorSignIn, SignOut, StartSecondFactor,
    TurnOffSecondFactor,
};
use crate::api::take_flash;
use crate::components::forms::{errors_of, ErrorSummary, SuccessBanner, TextInput};
use crate::pages::sign_in_link;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn next_of_query() -> impl Fn() -> String + Copy {
    let query = use_query_map();
    move || {
        query
            .with_untracked(|q| q.get("next"))
            .unwrap_or_else(|| "/".into())
    }
}

/// A way out for someone half-way through signing in.
#[component]
fn SignOutInstead() -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <ActionForm action=sign_out>
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Sign out"</button>
        </ActionForm>
    }
}

/// `/sign-in/second-factor`: the code from the authenticator app, or a recovery code.
#[component]
pub fn SecondFactorCodePage() -> impl IntoView {
    let flash = Resource::new(|| (), |_| take_flash());
    let next = next_of_query();
    let action = ServerAction::<SecondFactorSignIn>::new();
    view! {
        <Title text="Enter your code" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let errors = Signal::derive(move || errors_of(action.value().get(), &flash));
                view! {
                    <div class="govuk-grid-row">
                        <div class="govuk-grid-column-two-thirds">
                            <ErrorSummary errors />
                            <h1 class="govuk-heading-l">"Enter your code"</h1>
                            <p class="govuk-body">"Your password was right. To finish signing in, enter the 6-digit code your authenticator app shows for Trustboard."</p>
                            <ActionForm action attr:novalidate=true>
                                <input type="hidden" name="next" value=next() />
                                <TextInput id="code" label="Code" hint="6 digits, or one of your recovery codes if you do not have your phone" autocomplete="one-time-code" width="govuk-input--width-10" errors />
                                <button type="submit" class="govuk-button" data-module="govuk-button">"Continue"</button>
                            </ActionForm>
                            <p class="govuk-body">"If you have lost your phone and your recovery codes, ask another Trust administrator to reset your second factor."</p>
                            <SignOutInstead />
                        </div>
                    </div>
                }
            })}
        </Suspense>
    }
}

/// The recovery codes, once.
#[component]
fn RecoveryCodesShown(codes: RecoveryCodes) -> impl IntoView {
    view! {
        <h2 class="govuk-heading-m">"Your recovery codes"</h2>
        <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
            <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>
                "These codes are shown only now. Keep them somewhere safe, away from your phone. Each works once, instead of a code from your app."
            </strong>
        </div>
        <ul class="govuk-list govuk-list--bullet" data-testid="recovery-codes">
            {codes.codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
        </ul>
    }
}

/// `/account/second-factor`: setting the factor up (or turning it off).
#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| my_second_factor());
    let flash = Resource::new(|| (), |_| take_flash());
    let next = next_of_query();
    let confirm = ServerAction::<ConfirmSecondFactor>::new();
    let off = ServerAction::<TurnOffSecondFactor>::new();
    let start = ServerAction::<StartSecondFactor>::new();
    view! {
        <Title text="Second factor" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let codes = flash.as_ref().and_then(|f| f.form::<RecoveryCodes>());
                let notice = flash.as_ref().and_then(|f| f.notice.clone());
                let errors = Signal::derive(move || {
                    let mut e = errors_of(confirm.value().get(), &flash);
                    if let Some(Err(x)) = off.value().get() { e.extend(x.form_errors()); }
                    e
                });
                let s = match data.await {
                    Ok(s) => s,
                    Err(e) => return sign_in_link(e, "/account/second-factor").into_any(),
                };
                let body = if s.enrolled {
                    let continue_to = next();
                    view! {
                        <p class="govuk-body">
                            <strong class="govuk-tag govuk-tag--green">"On"</strong>
                            " You sign in with your password and a code from your authenticator app."
                        </p>
                        <p class="govuk-body">{format!("Recovery codes left: {}", s.recovery_codes_left)}</p>
                        {codes.map(|c| view! { <RecoveryCodesShown codes=c /> <p class="govuk-body"><a class="govuk-link" href=continue_to>"Continue"</a></p> })}
                        {if s.required {
                            view! { <p class="govuk-body">"Your role requires a second factor, so it cannot be turned off. If you lose your phone and your recovery codes, another administrator can reset it."</p> }.into_any()
                        } else {
                            view! {
                                <h2 class="govuk-heading-m">"Turn it off"</h2>
                                <ActionForm action=off attr:novalidate=true>
                                    <TextInput id="password" label="Your password" input_type="password" autocomplete="current-password" errors />
                                    <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">"Turn off the second factor"</button>
                                </ActionForm>
                            }.into_any()
                        }}
                    }.into_any()
                } else if s.secret.is_none() {
                    view! {
                        <p class="govuk-body">{if s.signing_in {
                            "Your role requires a second factor. Set it up to finish signing in."
                        } else {
                            "A second factor protects your account if your password is ever guessed or stolen: signing in also asks for a code from an authenticator app on your phone."
                        }}</p>
                        <p class="govuk-body">"You will need your phone, with an authenticator app on it (for example Microsoft Authenticator or Google Authenticator)."</p>
                        <ActionForm action=start>
                            <input type="hidden" name="next" value=next() />
                            <button type="submit" class="govuk-button" data-module="govuk-button">"Start setting up"</button>
                        </ActionForm>
                        {s.signing_in.then(|| view! { <SignOutInstead /> })}
                    }.into_any()
                } else {
                    let secret = s.secret.clone().unwrap_or_default();
                    view! {
                        <ol class="govuk-list govuk-list--number">
                            <li>"Install an authenticator app on your phone, if you have none (for example Microsoft Authenticator or Google Authenticator)."</li>
                            <li>"In the app, add an account and scan the QR code below, or type the key shown under it."</li>
                            <li>"Enter the 6-digit code the app then shows."</li>
                        </ol>
                        <figure class="tb-qr" data-testid="second-factor-qr">
                            <img src=s.qr_svg.map(|svg| format!("data:image/svg+xml;utf8,{}", svg_data(&svg))).unwrap_or_default()
                                alt="QR code for your authenticator app. If you cannot scan it, type the key shown below it." width="200" height="200" />
                            <figcaption class="govuk-body">
                                "Key (if you cannot scan the code): "
                                <code data-testid="second-factor-secret">{secret}</code>
                                <br /><span class="govuk-body-s">"Time-based, 6 digits, every 30 seconds."</span>
                            </figcaption>
                        </figure>
                        <ActionForm action=confirm attr:novalidate=true>
                            <input type="hidden" name="next" value=next() />
                            <TextInput id="code" label="Code from your app" autocomplete="one-time-code" width="govuk-input--width-10" errors />
                            <button type="submit" class="govuk-button" data-module="govuk-button">"Set up the second factor"</button>
                        </ActionForm>
                        {s.signing_in.then(|| view! { <SignOutInstead /> })}
                    }.into_any()
                };
                view! {
                    <div class="govuk-grid-row">
                        <div class="govuk-grid-column-two-thirds">
                            {(!s.signing_in).then(|| view! { <a href="/account" class="govuk-back-link">"Back to your account"</a> })}
                            {notice.map(|n| view! { <SuccessBanner message=n /> })}
                            <ErrorSummary errors />
                            <h1 class="govuk-heading-l">"Second factor"</h1>
                            {body}
                        </div>
                    </div>
                }.into_any()
            })}
        </Suspense>
    }
}

/// An SVG document as the data of a `data:` address.
fn svg_data(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() + svg.len() / 4);
    for c in svg.chars() {
        match c {
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '"' => out.push('\''),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `/account/sessions`: where one is signed in.
#[component]
pub fn SessionsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| my_sessions());
    let flash = Resource::new(|| (), |_| take_flash());
    let end = ServerAction::<EndSession>::new();
    let end_others = ServerAction::<EndOtherSessions>::new();
    view! {
        <Title text="Where you are signed in" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let notice = flash.as_ref().and_then(|f| f.notice.clone());
                let errors = Signal::derive(move || errors_of(end.value().get(), &flash));
                let sessions = match data.await {
                    Ok(s) => s,
                    Err(e) => return sign_in_link(e, "/account/sessions").into_any(),
                };
                let others = sessions.iter().filter(|s| !s.current).count();
                view! {
                    <a href="/account" class="govuk-back-link">"Back to your account"</a>
                    {notice.map(|n| view! { <SuccessBanner message=n /> })}
                    <ErrorSummary errors />
                    <h1 class="govuk-heading-l">"Where you are signed in"</h1>
                    <div class="tb-table-scroll" tabindex="0" role="region" aria-label="Your sessions">
                    <table class="govuk-table" id="sessions" data-testid="sessions">
                        <caption class="govuk-table__caption govuk-table__caption--s">{format!("{} session{}", sessions.len(), if sessions.len() == 1 { "" } else { "s" })}</caption>
                        <thead class="govuk-table__head"><tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Started"</th>
                            <th scope="col" class="govuk-table__header">"Last used"</th>
                            <th scope="col" class="govuk-table__header">"From"</th>
                            <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Action"</span></th>
                        </tr></thead>
                        <tbody class="govuk-table__body">
                            {sessions.into_iter().map(|s| {
                                let from = format!("{} — {}", s.address.clone().unwrap_or_else(|| "Address not recorded".into()), s.browser.clone().unwrap_or_else(|| "browser not recorded".into()));
                                let label = format!("End the session started {}", s.started);
                                let (row_ref, form_ref) = (s.reference.clone(), s.reference.clone());
                                let (started, last_seen, current) = (s.started.clone(), s.last_seen.clone(), s.current);
                                view! {
                                    <tr class="govuk-table__row" data-reference=row_ref>
                                        <td class="govuk-table__cell">{started}</td>
                                        <td class="govuk-table__cell">{last_seen}</td>
                                        <td class="govuk-table__cell tb-break">{from}</td>
                                        <td class="govuk-table__cell">{if current {
                                            view! { <strong class="govuk-tag">"This browser"</strong> }.into_any()
                                        } else {
                                            view! {
                                                <ActionForm action=end attr:class="tb-inline-form">
                                                    <input type="hidden" name="session" value=form_ref />
                                                    <button type="submit" class="govuk-button govuk-button--warning tb-button--small" aria-label=label>"End"</button>
                                                </ActionForm>
                                            }.into_any()
                                        }}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    {(others > 0).then(|| view! {
                        <ActionForm action=end_others>
                            <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">"End every other session"</button>
                        </ActionForm>
                    })}
                }.into_any()
            })}
        </Suspense>
    }
}

/// On a person's page: their second factor, and resetting it (not one's own).
#[component]
pub fn PersonSecondFactorSection(user_id: i64) -> impl IntoView {
    let data = Resource::new(move || user_id, person_second_factor);
    let reset = ServerAction::<ResetSecondFactor>::new();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(f) = data.await else { return ().into_any() };
                let status = if f.enrolled {
                    format!("On ({} recovery codes left)", f.recovery_codes_left)
                } else if f.required {
                    "Not set up yet: their role requires it, so they set it up when they next sign in".into()
                } else {
                    "Off".into()
                };
                view! {
                    <h2 class="govuk-heading-m" id="reset">"Second factor"</h2>
                    <p class="govuk-body" data-testid="person-second-factor">{status}</p>
                    {if f.own {
                        view! { <p class="govuk-body">"You cannot reset your own second factor: another administrator must."</p> }.into_any()
                    } else if f.enrolled {
                        view! {
                            <p class="govuk-body">"If they have lost their phone, reset it: their sessions end and they set it up again when they next sign in."</p>
                            <ActionForm action=reset>
                                <input type="hidden" name="user_id" value=user_id />
                                <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">"Reset their second factor"</button>
                            </ActionForm>
                        }.into_any()
                    } else {
                        ().into_any()
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}
