//! The frame of every page: skip link, header, service navigation, main content and footer.

use leptos::prelude::*;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a href="#main-content" class="govuk-skip-link">"Skip to main content"</a>
        <div class="govuk-generic-header">
            <div class="govuk-generic-header__container govuk-width-container">
                <div class="govuk-generic-header__logo">
                    <a href="/" class="govuk-generic-header__homepage-link">"Trustboard"</a>
                </div>
            </div>
        </div>
        <section class="govuk-service-navigation" aria-label="Service information">
            <div class="govuk-width-container">
                <div class="govuk-service-navigation__container">
                    <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
                        <ul class="govuk-service-navigation__list" id="navigation">
                            <li class="govuk-service-navigation__item">
                                <a class="govuk-service-navigation__link" href="/">"Partnerships"</a>
                            </li>
                        </ul>
                    </nav>
                </div>
            </div>
        </section>
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
