//! The frame of every page: skip link, header (who is signed in), navigation that offers only
//! what the person may do, main content and footer.

use crate::api::auth::{who_am_i, SignOut};
use crate::domain::auth::{authorise, Action, Principal, Role, Target};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

fn nav_items(who: Option<&Principal>) -> Vec<(String, &'static str)> {
    let mut items = vec![("/".to_string(), "Partnerships")];
    let may = |a| authorise(who, a, Target::Trust).is_ok();
    if may(Action::ManageSetUp) {
        items.push(("/admin/setup".into(), "Set-up"));
    }
    if may(Action::ManagePeople) {
        items.push(("/admin/people".into(), "People"));
    }
    if may(Action::ViewAuditTrail) {
        items.push(("/audit".into(), "Audit trail"));
    }
    if may(Action::ViewAllPlans) {
        items.push(("/plans".into(), "Plans"));
    }
    if may(Action::ViewDashboard) {
        items.push(("/dashboard".into(), "Compare"));
    }
    if may(Action::ViewMap) {
        items.push(("/map".into(), "Map"));
    }
    if may(Action::ViewAssessmentReport) {
        items.push(("/self-assessments".into(), "Self-assessments"));
    }
    if may(Action::ViewRollUp) {
        items.push(("/mid-year-reviews".into(), "Mid-year reviews"));
    }
    if may(Action::ListEvents) {
        items.push(("/events".into(), "Events"));
    }
    if may(Action::ManageCatalogue) {
        items.push(("/admin/indicators".into(), "Indicators"));
    }
    if may(Action::ManageStandards) {
        items.push(("/admin/standards/0".into(), "Standards"));
    }
    if may(Action::SetBoardPriorities) {
        // The year in cycle today (the page resolves it; from January, the plan starting in April).
        items.push(("/board-priorities".into(), "Board priorities"));
    }
    if let Some(p) = who {
        // A partnership's own plans and self-assessment, for those who work on one.
        let own = p
            .roles
            .iter()
            .filter(|r| matches!(r.role, Role::PartnershipChair | Role::PartnershipMember));
        if let Some(slug) = own.filter_map(|r| r.partnership_slug.clone()).next() {
            items.push((format!("/partnerships/{slug}/plans"), "Your plans"));
            // Its history is linked from the plans page: one row fewer in the menu on a phone.
            items.push((
                format!("/partnerships/{slug}/self-assessments"),
                "Self-assessment",
            ));
        }
        items.push(("/account".into(), "Your account"));
    } else {
        items.push(("/sign-in".into(), "Sign in"));
    }
    items
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let who = Resource::new(|| (), |_| who_am_i());
    let location = use_location();
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <a href="#main-content" class="govuk-skip-link">"Skip to main content"</a>
        <div class="govuk-generic-header">
            <div class="govuk-generic-header__container govuk-width-container">
                <div class="govuk-generic-header__logo">
                    <a href="/" class="govuk-generic-header__homepage-link">"Trustboard"</a>
                </div>
            </div>
        </div>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let principal = who.await.ok().flatten();
                let path = location.pathname.get_untracked();
                let items = nav_items(principal.as_ref());
                view! {
                    <section class="govuk-service-navigation" aria-label="Service information">
                        <div class="govuk-width-container">
                            <div class="govuk-service-navigation__container">
                                <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
                                    <ul class="govuk-service-navigation__list" id="navigation">
                                        {items.into_iter().map(|(href, text)| {
                                            let current = href == path || (href != "/" && path.starts_with(href.as_str()));
                                            view! {
                                                <li class=if current { "govuk-service-navigation__item govuk-service-navigation__item--active" } else { "govuk-service-navigation__item" }>
                                                    <a class="govuk-service-navigation__link" href=href aria-current=current.then_some("page")>{text}</a>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </nav>
                            </div>
                        </div>
                    </section>
                    {principal.map(|p| view! {
                        <div class="govuk-width-container tb-signed-in" data-testid="signed-in">
                            <p class="govuk-body-s tb-signed-in__text">
                                "Signed in as " <strong>{p.display_name.clone()}</strong> " — " {p.roles_text()}
                            </p>
                            <ActionForm action=sign_out attr:class="tb-signed-in__form">
                                <button type="submit" class="govuk-button govuk-button--secondary tb-button--small" data-module="govuk-button">
                                    "Sign out"
                                </button>
                            </ActionForm>
                        </div>
                    })}
                }
            })}
        </Suspense>
        <div class="govuk-width-container">
            <main class="govuk-main-wrapper" id="main-content" tabindex="-1">
                {children()}
            </main>
        </div>
        <footer class="govuk-footer">
            <div class="govuk-width-container">
                <div class="govuk-footer__meta">
                    <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                        <p class="govuk-body-s">
                            "Trustboard helps a Children's Trust and its Local Children's Partnerships plan, assess and review their work together."
                        </p>
                        <p class="govuk-body-s">
                            "Contains public sector information licensed under the Open Government Licence v3.0. Area codes: Office for National Statistics."
                        </p>
                    </div>
                </div>
            </div>
        </footer>
    }
}

/// Says plainly, on every page that shows data, that the data is invented for demonstration.
#[component]
pub fn DemoBanner() -> impl IntoView {
    view! {
        <div class="govuk-phase-banner tb-demo-banner" data-testid="demo-banner">
            <p class="govuk-phase-banner__content">
                <strong class="govuk-tag govuk-phase-banner__content__tag">"Demo data"</strong>
                <span class="govuk-phase-banner__text">
                    "Everything shown here was generated for demonstration: the people, organisations and figures are not real."
                </span>
            </p>
        </div>
    }
}
