//! The self-assessment: its task list and workflow (`overview`), each standard's answer with
//! the figures pulled in as evidence, the overall summary, the review of last year's plan, the
//! district manager's questions and the partnership's answers, the check before submission,
//! the moderation, a partnership's years, and the Board's July report. Every form is a plain
//! post: the pages work the same with JavaScript off and on.

mod moderation;
mod overview;
mod parts;
mod report;
mod review;
mod standard;
mod standards_admin;

pub use moderation::ModerationPage;
pub use overview::{AssessmentOverviewPage, PartnershipAssessmentsPage};
pub use parts::{QuestionsPage, SubmitAssessmentPage, SummaryPage};
pub use report::AssessmentReportPage;
pub use review::ReviewPage;
pub use standard::StandardPage;
pub use standards_admin::{GradesPage, StandardDefinitionPage, StandardsPage};

use crate::api::assessments::{get_assessment_page, AssessmentPage};
use crate::api::Flash;
use crate::components::tag::{Tag, TagColour};
use crate::domain::assessment::{AssessmentStatus, Grade, Scale};
use crate::error::FieldError;
use crate::pages::sign_in_link;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// Loads the assessment's page data (partnership and year from the address) and the flash,
/// and renders `body` with them (or why not).
pub fn assessment_frame<F, V>(title: &'static str, body: F) -> impl IntoView
where
    F: Fn(AssessmentPage, Option<Flash>) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let key = super::plans::plan_key();
    let page = Resource::new(key, |(slug, year)| get_assessment_page(slug, year));
    super::frame(title, page, body)
}

/// The caption and heading of an assessment's page.
pub fn heading(page: &AssessmentPage, text: String) -> impl IntoView {
    view! {
        <span class="govuk-caption-l">{format!("{} · self-assessment {}", page.partnership_name, page.year)}</span>
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

/// The status as a tag (its words always shown, never colour alone).
pub fn status_tag(status: Option<AssessmentStatus>, round: i32) -> impl IntoView {
    let (colour, text) = match status {
        None => (TagColour::Grey, "Not started"),
        Some(AssessmentStatus::Draft) => (TagColour::Yellow, "Draft"),
        Some(AssessmentStatus::Submitted) => (
            TagColour::Blue,
            AssessmentStatus::Submitted.label_in_round(round),
        ),
        Some(AssessmentStatus::InModeration) => (TagColour::Purple, "Being moderated"),
        Some(AssessmentStatus::Returned) => (TagColour::Orange, "Returned with questions"),
        Some(AssessmentStatus::Moderated) => (TagColour::Green, "Moderated"),
    };
    view! { <span data-testid="assessment-status"><Tag colour text /></span> }
}

/// A grade as a tag: its label, coloured from best to worst.
pub fn grade_tag(scale: &Scale, grade: Option<Grade>) -> impl IntoView {
    let colour = match grade.map(|g| g.number()) {
        Some(1) => TagColour::Green,
        Some(2) => TagColour::Turquoise,
        Some(3) => TagColour::Yellow,
        Some(_) => TagColour::Red,
        None => TagColour::Grey,
    };
    view! { <Tag colour text=scale.label_of(grade) /> }
}

/// Whether the partnership may change the assessment now, as this person.
pub fn editable(page: &AssessmentPage) -> bool {
    page.may.edit
        && page
            .assessment
            .as_ref()
            .is_some_and(|a| a.status.partnership_may_edit())
}

/// Why this person sees the assessment read-only, if they do.
pub fn read_only_note(page: &AssessmentPage) -> impl IntoView {
    (!editable(page)).then(|| {
        let why = match page.assessment.as_ref().map(|a| a.status) {
            Some(AssessmentStatus::Submitted | AssessmentStatus::InModeration) => {
                "The self-assessment has been submitted: it cannot be changed while the district manager moderates it."
            }
            Some(AssessmentStatus::Moderated) => {
                "The moderation is complete: this self-assessment is locked."
            }
            _ if !page.may.edit => "You can read this self-assessment but not change it.",
            _ => "",
        };
        view! { <div class="govuk-inset-text" data-testid="read-only">{why}</div> }
    })
}

/// The grade choices of a year's scale, best first, as radios' values and labels.
pub fn grade_choices(scale: &Scale) -> Vec<crate::domain::Choice> {
    Grade::ALL
        .iter()
        .map(|g| crate::domain::Choice {
            value: g.number().to_string(),
            label: scale.label(*g).to_string(),
        })
        .collect()
}

/// What a page shows when the assessment it is about has not been started (or cannot be read).
pub fn not_there(page: &AssessmentPage) -> AnyView {
    let what = if page.status_only.is_some() {
        "The partnership is still drafting this self-assessment."
    } else {
        "This self-assessment has not been started."
    };
    view! {
        <a href=page.base() class="govuk-back-link">"Back to the self-assessment"</a>
        <p class="govuk-body" data-testid="not-started">{what}</p>
    }
    .into_any()
}
