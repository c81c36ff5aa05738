//! Trustboard: the application shared by the server (SSR) and the browser (hydration).

#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod db;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment};

/// The name the build gives the browser bundle and stylesheet.
pub const OUTPUT_NAME: &str = "trustboard";

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en-GB" class="govuk-template">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
                <meta name="theme-color" content="#0b0c0c" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body class="govuk-template__body">
                <App />
            </body>
        </html>
    }
}

/// The routes. Every page renders completely on the server (`SsrMode::Async`), so it works
/// before — and without — the WebAssembly.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href=format!("/pkg/{OUTPUT_NAME}.css") />
        <Title formatter=|text: String| {
            if text.is_empty() { "Trustboard".to_string() } else { format!("{text} – Trustboard") }
        } />
        <Router>
            <components::layout::Layout>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=StaticSegment("") view=pages::home::HomePage ssr=SsrMode::Async />
                    <Route path=StaticSegment("sign-in") view=pages::sign_in::SignInPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("account") view=pages::account::AccountPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("people")) view=pages::people::PeoplePage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("people"), StaticSegment("new")) view=pages::people::NewPersonPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("people"), ParamSegment("id")) view=pages::people::PersonPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("audit") view=pages::audit::AuditTrailPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("history")) view=pages::audit::PartnershipHistoryPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("plans") view=pages::plans::PlansForYearPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("dashboard") view=pages::dashboard::DashboardPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("map") view=pages::map::MapPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("public"), StaticSegment("map")) view=pages::map::PublicMapPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("map")) view=pages::map::MapAdminPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("dashboard"), StaticSegment("detail")) view=pages::dashboard::DetailPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("dashboard"), StaticSegment("spine")) view=pages::dashboard::SpinePage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("dashboard"), StaticSegment("exceptions")) view=pages::dashboard::ExceptionsPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("indicators")) view=pages::data_admin::IndicatorsPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("indicators"), ParamSegment("id")) view=pages::data_admin::IndicatorPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("imports")) view=pages::data_admin::ImportsPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("imports"), ParamSegment("id")) view=pages::data_admin::ImportPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans")) view=pages::plans::PartnershipPlansPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans"), ParamSegment("year")) view=pages::plans::PlanOverviewPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans"), ParamSegment("year"), StaticSegment("about")) view=pages::plan_parts::PlanAboutPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans"), ParamSegment("year"), StaticSegment("priorities"), ParamSegment("id")) view=pages::plan_parts::PriorityPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans"), ParamSegment("year"), StaticSegment("measures"), ParamSegment("id")) view=pages::plan_parts::MeasurePage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans"), ParamSegment("year"), StaticSegment("actions"), ParamSegment("id")) view=pages::plan_parts::ActionPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans"), ParamSegment("year"), StaticSegment("priorities"), ParamSegment("id"), StaticSegment("remove")) view=pages::plan_parts::RemovePriorityPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans"), ParamSegment("year"), StaticSegment("measures"), ParamSegment("id"), StaticSegment("remove")) view=pages::plan_parts::RemoveMeasurePage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans"), ParamSegment("year"), StaticSegment("actions"), ParamSegment("id"), StaticSegment("remove")) view=pages::plan_parts::RemoveActionPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans"), ParamSegment("year"), StaticSegment("submit")) view=pages::plan_parts::SubmitPlanPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans"), ParamSegment("year"), StaticSegment("young-people")) view=pages::plan_parts::YoungPeoplePage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans"), ParamSegment("year"), StaticSegment("versions")) view=pages::plan_parts::VersionsPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans"), ParamSegment("year"), StaticSegment("document")) view=pages::plan_parts::PlanDocumentPage ssr=SsrMode::Async />
                </Routes>
            </components::layout::Layout>
        </Router>
    }
}
