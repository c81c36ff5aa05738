//! The parts of a plan, each on its own page: the summary (saved as you type, with
//! JavaScript: an island), priorities with their measures and actions (an action added in
//! place, with JavaScript: an island; removing asks first), measures, actions, the check before
//! submission, the children and young people's version, the versions and their comparison, and
//! the whole plan to print.

mod about;
mod action;
mod document;
mod measure;
mod priority;
mod remove;
mod submit;
mod versions;
mod young_people;

pub use about::PlanAboutPage;
pub use action::ActionPage;
pub use document::PlanDocumentPage;
pub use measure::MeasurePage;
pub use priority::PriorityPage;
pub use remove::{RemoveActionPage, RemoveMeasurePage, RemovePriorityPage};
pub use submit::SubmitPlanPage;
pub use versions::VersionsPage;
pub use young_people::YoungPeoplePage;

use super::plans::{plan_frame, plan_frame_with, plan_heading, plan_resource, status_tag};
use crate::api::plans::{
    compare_versions, AddPriority, RemoveAction, RemoveMeasure, RemovePriority, SaveAbout,
    SaveAction, SaveMeasure, SavePriority, SaveYoungPeopleVersion, SubmitPlan,
};
use crate::components::forms::{
    errors_of, revision_after, Checkboxes, ErrorSummary, Radios, Select, SuccessBanner, TextArea,
    TextInput,
};
use crate::domain::date::long_date;
use crate::domain::plan::{
    format_pounds, problem_location, ActionStatus, Change, Commissioning, Plan, PlanAction,
    PlanStatus, Priority,
};
use crate::domain::readability::{band, long_sentences};
use crate::domain::Choice;
use crate::error::{AppError, FieldError};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn id_param(name: &'static str) -> impl Fn() -> Option<i64> + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get(name).and_then(|v| v.parse().ok()))
}

fn priority_query() -> impl Fn() -> i64 + Clone + Send + Sync + 'static {
    let query = use_query_map();
    move || query.with(|q| q.get("priority").and_then(|v| v.parse().ok()).unwrap_or(0))
}

fn opt_date(d: Option<chrono::NaiveDate>) -> String {
    d.map(long_date).unwrap_or_else(|| "—".into())
}

fn editable(page: &crate::api::plans::PlanPage) -> bool {
    page.may.edit
        && page
            .plan
            .as_ref()
            .is_some_and(|p| p.status == PlanStatus::Draft)
}

fn read_only_note(page: &crate::api::plans::PlanPage) -> impl IntoView {
    (!editable(page)).then(|| {
        let why = match page.plan.as_ref().map(|p| p.status) {
            Some(PlanStatus::Submitted) => "The plan has been submitted, so it cannot be changed until the Board decides.",
            Some(PlanStatus::Approved) => "This version has been approved and is frozen. The chair can start a new version to make changes.",
            _ if !page.may.edit => "You can read this plan but not change it.",
            _ => "",
        };
        view! { <div class="govuk-inset-text" data-testid="read-only">{why}</div> }
    })
}

/// Finds a priority of the plan.
fn priority_of(plan: &Plan, id: i64) -> Option<Priority> {
    plan.priorities.iter().find(|p| p.id == id).cloned()
}

fn missing(what: &str) -> AnyView {
    crate::error::answer_page_with(&AppError::NotFound(what.to_string()));
    view! {
        <h1 class="govuk-heading-l">"Page not found"</h1>
        <p class="govuk-body">{format!("{what} is not part of this plan.")}</p>
    }
    .into_any()
}

/// The partnership's partners, after a first choice that says what to do.
fn lead_choices(partners: &[Choice]) -> Vec<Choice> {
    std::iter::once(Choice {
        value: String::new(),
        label: "Choose the lead partner".into(),
    })
    .chain(partners.iter().cloned())
    .collect()
}

/// What a measure or action page is about: the item (`id` given) and its priority, or a new
/// item for the priority named in the address. `Err` is the view for something not in the plan.
fn item_and_priority<T: Clone>(
    plan: &Plan,
    id: Option<i64>,
    priority: i64,
    items: fn(&Priority) -> &[T],
    item_id: fn(&T) -> i64,
    what: &str,
) -> Result<(Priority, Option<T>), AnyView> {
    match id {
        Some(id) => plan
            .priorities
            .iter()
            .find_map(|p| {
                items(p)
                    .iter()
                    .find(|i| item_id(i) == id)
                    .map(|i| (p.clone(), Some(i.clone())))
            })
            .ok_or_else(|| missing(what)),
        None => priority_of(plan, priority)
            .map(|p| (p, None))
            .ok_or_else(|| missing("That priority")),
    }
}
