//! The mid-year review of an approved plan: its overview with the workflow and what changed
//! since approval (`overview`), each action's progress and each measure's forecast, the
//! summary and the check before submission (`parts`), and the Board's December roll-up
//! (`rollup`). Every form is a plain post: the pages work the same with JavaScript off and on.

mod overview;
mod parts;
mod rollup;

pub use overview::MidYearOverviewPage;
pub use parts::{ActionProgressPage, MeasureNotePage, MidYearSubmitPage, MidYearSummaryPage};
pub use rollup::RollUpPage;

use crate::api::midyear::{get_mid_year_page, MidYearPage};
use crate::api::Flash;
use crate::components::tag::{Tag, TagColour};
use crate::domain::midyear::{MidYearStatus, Progress};
use crate::error::FieldError;
use leptos::prelude::*;

/// Loads the review's page data (partnership and year from the address) and the flash, and
/// renders `body` with them (or why not).
pub fn review_frame<F, V>(title: &'static str, body: F) -> impl IntoView
where
    F: Fn(MidYearPage, Option<Flash>) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let key = super::plans::plan_key();
    let page = Resource::new(key, |(slug, year)| get_mid_year_page(slug, year));
    super::frame(title, page, body)
}

/// The caption and heading of a review's page.
pub fn heading(page: &MidYearPage, text: String) -> impl IntoView {
    view! {
        <span class="govuk-caption-l">{format!("{} · {} plan", page.partnership_name, crate::domain::PlanYear::new(page.year).map(|y| y.to_string()).unwrap_or_default())}</span>
        <h1 class="govuk-heading-l">{text}</h1>
    }
}

/// The errors a refused post left, and the notice a successful one did.
pub fn flash_parts(flash: &Option<Flash>) -> (Signal<Vec<FieldError>>, Option<String>) {
    (
        Signal::stored(flash.as_ref().map(|f| f.errors.clone()).unwrap_or_default()),
        flash.as_ref().and_then(|f| f.notice.clone()),
    )
}

/// The status as a tag (its words always shown).
pub fn status_tag(status: Option<MidYearStatus>) -> impl IntoView {
    let colour = match status {
        None => TagColour::Grey,
        Some(MidYearStatus::Draft) => TagColour::Yellow,
        Some(MidYearStatus::Submitted) => TagColour::Blue,
        Some(MidYearStatus::Returned) => TagColour::Orange,
        Some(MidYearStatus::Accepted) => TagColour::Green,
    };
    let text = status.map_or("Not started", |s| s.label());
    view! { <span data-testid="review-status"><Tag colour text /></span> }
}

/// An action's progress as a tag.
pub fn progress_tag(p: Progress) -> impl IntoView {
    let colour = match p {
        Progress::OnTrack => TagColour::Blue,
        Progress::AtRisk => TagColour::Orange,
        Progress::OffTrack => TagColour::Red,
        Progress::Complete => TagColour::Green,
        Progress::NotStarted => TagColour::Grey,
        Progress::Dropped => TagColour::Purple,
    };
    view! { <Tag colour text=p.label() /> }
}

/// Whether the partnership may change the review now, as this person.
pub fn editable(page: &MidYearPage) -> bool {
    page.may.edit && page.review.as_ref().is_some_and(|r| r.editable())
}

/// Why this person sees the review read-only, if they do.
pub fn read_only_note(page: &MidYearPage) -> impl IntoView {
    (!editable(page)).then(|| {
        let why = match page.review.as_ref().map(|r| r.status) {
            Some(MidYearStatus::Submitted) => {
                "The review has been submitted: it cannot be changed unless it is returned."
            }
            Some(MidYearStatus::Accepted) => "The review has been accepted: it is frozen.",
            _ if !page.may.edit => "You can read this review but not change it.",
            _ => "",
        };
        view! { <div class="govuk-inset-text" data-testid="read-only">{why}</div> }
    })
}

/// What a page shows when the review it is about has not been started (or cannot be read).
pub fn not_there(page: &MidYearPage) -> AnyView {
    view! {
        <a href=page.base() class="govuk-back-link">"Back to the mid-year review"</a>
        <p class="govuk-body" data-testid="not-started">"This mid-year review has not been started, or you cannot read it yet."</p>
    }
    .into_any()
}

/// The progress choices, as radios' values and labels.
pub fn progress_choices() -> Vec<crate::domain::Choice> {
    Progress::ALL
        .iter()
        .map(|p| crate::domain::Choice {
            value: p.as_str().into(),
            label: p.label().into(),
        })
        .collect()
}
