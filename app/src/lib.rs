//! Trustboard: the application shared by the server (SSR) and the browser (hydration).

#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod islands;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod mail;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment};

/// The name the build gives the browser bundle and stylesheet.
pub const OUTPUT_NAME: &str = "trustboard";

/// The site's icon, inline: one request fewer on every first visit, and nothing to cache.
const FAVICON: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='4' fill='%230b0c0c'/%3E%3Cpath d='M7 8h18v4h-7v14h-4V12H7z' fill='%23fff'/%3E%3C/svg%3E";

/// The HTML document around the app, rendered on the server. Only the islands (`#[island]`)
/// are compiled to WebAssembly and hydrated; everything else is HTML from the server. The
/// script, WebAssembly and style sheet carry a hash of their content in their names
/// (cargo-leptos `hash-files`), so they are cached for good.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en-GB" class="govuk-template">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
                <meta name="theme-color" content="#0b0c0c" />
                <link rel="icon" href=FAVICON type="image/svg+xml" />
                <HashedStylesheet options=options.clone() id="leptos" />
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true />
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
        <Title formatter=|text: String| {
            if text.is_empty() { "Trustboard".to_string() } else { format!("{text} – Trustboard") }
        } />
        <Router>
            <components::layout::Layout>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=StaticSegment("") view=pages::home::HomePage ssr=SsrMode::Async />
                    <Route path=StaticSegment("sign-in") view=pages::sign_in::SignInPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("account") view=pages::account::AccountPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("account"), StaticSegment("second-factor")) view=pages::second_factor::SecondFactorPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("account"), StaticSegment("sessions")) view=pages::second_factor::SessionsPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("sign-in"), StaticSegment("second-factor")) view=pages::second_factor::SecondFactorCodePage ssr=SsrMode::Async />
                    <Route path=StaticSegment("cycle") view=pages::due::CyclePage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("outbox")) view=pages::due::OutboxPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("backup")) view=pages::backup::BackupPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("people")) view=pages::people::PeoplePage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("people"), StaticSegment("new")) view=pages::people::NewPersonPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("people"), ParamSegment("id")) view=pages::people::PersonPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("audit") view=pages::audit::AuditTrailPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("setup")) view=pages::setup::SetUpPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("setup"), StaticSegment("trust")) view=pages::setup::TrustPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("setup"), StaticSegment("partnerships")) view=pages::setup::PartnershipsSetUpPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("setup"), StaticSegment("partnerships"), StaticSegment("new")) view=pages::setup::NewPartnershipPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("setup"), StaticSegment("partnerships"), ParamSegment("slug")) view=pages::setup::PartnershipSetUpPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("setup"), StaticSegment("organisations")) view=pages::setup::OrganisationsPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("setup"), StaticSegment("people")) view=pages::setup::PeopleUploadPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("set-password"), ParamSegment("token")) view=pages::setup::SetPasswordPage ssr=SsrMode::Async />
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
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans"), ParamSegment("year"), StaticSegment("mid-year-review")) view=pages::midyear::MidYearOverviewPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans"), ParamSegment("year"), StaticSegment("mid-year-review"), StaticSegment("actions"), ParamSegment("id")) view=pages::midyear::ActionProgressPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans"), ParamSegment("year"), StaticSegment("mid-year-review"), StaticSegment("measures"), ParamSegment("id")) view=pages::midyear::MeasureNotePage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans"), ParamSegment("year"), StaticSegment("mid-year-review"), StaticSegment("summary")) view=pages::midyear::MidYearSummaryPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("plans"), ParamSegment("year"), StaticSegment("mid-year-review"), StaticSegment("submit")) view=pages::midyear::MidYearSubmitPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("events") view=pages::events::EventsListPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("events"), StaticSegment("new")) view=pages::events::NewEventPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("events"), ParamSegment("id")) view=pages::events::EventPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("mid-year-reviews") view=pages::midyear::RollUpPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("self-assessments") view=pages::assessment::AssessmentReportPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("self-assessments")) view=pages::assessment::PartnershipAssessmentsPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("self-assessments"), ParamSegment("year")) view=pages::assessment::AssessmentOverviewPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("self-assessments"), ParamSegment("year"), StaticSegment("standards"), ParamSegment("id")) view=pages::assessment::StandardPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("self-assessments"), ParamSegment("year"), StaticSegment("summary")) view=pages::assessment::SummaryPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("self-assessments"), ParamSegment("year"), StaticSegment("review")) view=pages::assessment::ReviewPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("self-assessments"), ParamSegment("year"), StaticSegment("questions")) view=pages::assessment::QuestionsPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("self-assessments"), ParamSegment("year"), StaticSegment("submit")) view=pages::assessment::SubmitAssessmentPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("partnerships"), ParamSegment("slug"), StaticSegment("self-assessments"), ParamSegment("year"), StaticSegment("moderation")) view=pages::assessment::ModerationPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("standards"), ParamSegment("year")) view=pages::assessment::StandardsPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("standards"), ParamSegment("year"), StaticSegment("grades")) view=pages::assessment::GradesPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("standards"), ParamSegment("year"), StaticSegment("new")) view=pages::assessment::StandardDefinitionPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("standards"), ParamSegment("year"), ParamSegment("id")) view=pages::assessment::StandardDefinitionPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("board-priorities") view=pages::cycle::BoardPrioritiesPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("board-priorities"), ParamSegment("year")) view=pages::cycle::BoardPrioritiesPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("board-priorities"), ParamSegment("year"), ParamSegment("id")) view=pages::cycle::BoardPriorityPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("calendar"), ParamSegment("year")) view=pages::cycle::CalendarPage ssr=SsrMode::Async />
                </Routes>
            </components::layout::Layout>
        </Router>
    }
}
