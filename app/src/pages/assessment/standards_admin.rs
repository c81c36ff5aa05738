//! The standards and grades of each year, for administrators.

use super::*;
use crate::api::assessments::{
    get_standards, standards_base, RemoveStandard, SaveScale, SaveStandardDefinition,
    SetUpStandards, StandardsView,
};
use crate::components::forms::{ErrorSummary, PostForm, SuccessBanner, TextArea, TextInput};
use crate::domain::assessment::{ScaleForm, StandardDefinitionForm};
use crate::error::AppError;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

/// Loads a year's standards (the year from the address) and the flash.
fn standards_frame<F, V>(title: &'static str, body: F) -> impl IntoView
where
    F: Fn(StandardsView, Option<Flash>) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let params = use_params_map();
    let year = move || {
        params.with(|p| {
            p.get("year")
                .and_then(|y| y.parse::<i32>().ok())
                .unwrap_or(0)
        })
    };
    let data = Resource::new(year, get_standards);
    crate::pages::frame(title, data, body)
}

fn frozen_note(v: &StandardsView) -> impl IntoView {
    v.set.as_ref().filter(|s| s.frozen).map(|_| view! {
        <div class="govuk-inset-text" data-testid="standards-frozen">"A partnership has submitted its self-assessment against these standards, so they are frozen: they can be read but no longer changed."</div>
    })
}

#[component]
pub fn StandardsPage() -> impl IntoView {
    standards_frame("Standards", |v, flash| {
        let (errors, notice) = flash_parts(&flash);
        let base = standards_base(v.year);
        view! {
            {notice.map(|n| view! { <SuccessBanner message=n /> })}
            <ErrorSummary errors />
            <span class="govuk-caption-l">"Self-assessment"</span>
            <h1 class="govuk-heading-l">{format!("Standards for {}", v.year)}</h1>
            <p class="govuk-body">"Every partnership grades itself against these standards each April, on a four-point scale whose grades are named below."</p>
            <p class="govuk-body">"Other years: " {v.years.iter().filter(|y| **y != v.year).map(|y| view! { <a class="govuk-link" href=standards_base(*y)>{y.to_string()}</a> " " }).collect_view()}
                <a class="govuk-link" href=standards_base(v.year + 1)>{format!("{} (next year)", v.year + 1)}</a></p>
            {frozen_note(&v)}
            {match v.set.clone() {
                None => view! {
                    <p class="govuk-body" data-testid="no-standards">{match v.copies_from {
                        Some(y) => format!("This year has no standards yet. Setting them up copies {y}'s, which you can then change."),
                        None => "This year has no standards yet. Setting them up starts from the Trust's six default standards, which you can then change.".to_string(),
                    }}</p>
                    <PostForm action={<SetUpStandards as ServerFn>::PATH}>
                        <input type="hidden" name="year" value=v.year />
                        <button type="submit" class="govuk-button" data-module="govuk-button">"Set up this year's standards"</button>
                    </PostForm>
                }.into_any(),
                Some(set) => view! {
                    <h2 class="govuk-heading-m">"Grades"</h2>
                    <p class="govuk-body" data-testid="grade-names">{set.scale.labels.join(", ")}
                        {(!set.frozen).then(|| view! { " · " <a class="govuk-link" href=format!("{base}/grades")>"Rename the grades"</a> })}</p>
                    <h2 class="govuk-heading-m">"Standards"</h2>
                    <ol class="govuk-list govuk-list--number" data-testid="standards-list">
                        {set.standards.iter().map(|s| view! {
                            <li><a class="govuk-link" href=format!("{base}/{}", s.id)>{s.title.clone()}</a></li>
                        }).collect_view()}
                    </ol>
                    {(!set.frozen).then(|| view! {
                        <p class="govuk-body"><a class="govuk-link" href=format!("{base}/new")>"Add a standard"</a></p>
                    })}
                }.into_any(),
            }}
        }
    })
}

#[component]
pub fn StandardDefinitionPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()));
    standards_frame("A standard", move |v, flash| {
        let Some(set) = v.set.clone() else {
            return sign_in_link(AppError::NotFound("That year's standards".into()), "").into_any();
        };
        let existing = id().and_then(|i| set.standard(i).cloned());
        if id().is_some() && existing.is_none() {
            return sign_in_link(AppError::NotFound("That standard".into()), "").into_any();
        }
        let (errors, _) = flash_parts(&flash);
        let typed = flash
            .as_ref()
            .and_then(|f| f.form::<StandardDefinitionForm>())
            .unwrap_or_else(|| {
                existing
                    .as_ref()
                    .map(StandardDefinitionForm::from_saved)
                    .unwrap_or_default()
            });
        let revision = flash
            .as_ref()
            .and_then(|f| f.revision)
            .unwrap_or_else(|| existing.as_ref().map_or(0, |s| s.revision));
        let base = standards_base(v.year);
        let labels = set.scale.labels.clone();
        let title = existing
            .as_ref()
            .map_or_else(|| "Add a standard".to_string(), |s| s.title.clone());
        let fields = StandardDefinitionForm::FIELDS;
        let existing_id = existing.as_ref().map_or(0, |s| s.id);
        view! {
            <a href=base.clone() class="govuk-back-link">"Back to the standards"</a>
            <ErrorSummary errors />
            <span class="govuk-caption-l">{format!("Standards for {}", v.year)}</span>
            <h1 class="govuk-heading-l">{title}</h1>
            {frozen_note(&v)}
            {(!set.frozen).then(|| view! {
                <PostForm action={<SaveStandardDefinition as ServerFn>::PATH} testid="standard-definition-form">
                    <input type="hidden" name="year" value=v.year />
                    <input type="hidden" name="standard_id" value=existing_id />
                    <input type="hidden" name="revision" value=revision />
                    <TextInput field=StandardDefinitionForm::title label="Title" value=typed.title.clone() errors />
                    <TextArea field=StandardDefinitionForm::covers label="What it covers" value=typed.covers.clone() errors rows=3 />
                    {[typed.descriptor_1.clone(), typed.descriptor_2.clone(), typed.descriptor_3.clone(), typed.descriptor_4.clone()]
                        .into_iter().enumerate().map(|(i, value)| view! {
                            <TextArea field=fields[2 + i] label=format!("What “{}” looks like", labels[i]) value errors rows=3 />
                        }).collect_view()}
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Save the standard"</button>
                </PostForm>
            })}
            {existing.filter(|_| !set.frozen).map(|s| view! {
                <h2 class="govuk-heading-m">"Remove this standard"</h2>
                <p class="govuk-body">"A standard can be removed until a partnership starts answering it."</p>
                <PostForm action={<RemoveStandard as ServerFn>::PATH}>
                    <input type="hidden" name="year" value=v.year />
                    <input type="hidden" name="standard_id" value=s.id />
                    <input type="hidden" name="confirm" value="yes" />
                    <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">"Remove this standard"</button>
                </PostForm>
            })}
        }
        .into_any()
    })
}

#[component]
pub fn GradesPage() -> impl IntoView {
    standards_frame("Grades", |v, flash| {
        let Some(set) = v.set.clone() else {
            return sign_in_link(AppError::NotFound("That year's standards".into()), "").into_any();
        };
        let (errors, _) = flash_parts(&flash);
        let typed = flash
            .as_ref()
            .and_then(|f| f.form::<ScaleForm>())
            .unwrap_or_else(|| ScaleForm::from_saved(&set.scale));
        let revision = flash
            .as_ref()
            .and_then(|f| f.revision)
            .unwrap_or(set.scale_revision);
        view! {
            <a href=standards_base(v.year) class="govuk-back-link">"Back to the standards"</a>
            <ErrorSummary errors />
            <span class="govuk-caption-l">{format!("Standards for {}", v.year)}</span>
            <h1 class="govuk-heading-l">"The four grades"</h1>
            {frozen_note(&v)}
            {(!set.frozen).then(|| view! {
                <PostForm action={<SaveScale as ServerFn>::PATH} testid="grades-form">
                    <input type="hidden" name="year" value=v.year />
                    <input type="hidden" name="revision" value=revision />
                    <TextInput field=ScaleForm::grade_1 label="Grade 1 (the best)" value=typed.grade_1.clone() errors />
                    <TextInput field=ScaleForm::grade_2 label="Grade 2" value=typed.grade_2.clone() errors />
                    <TextInput field=ScaleForm::grade_3 label="Grade 3" value=typed.grade_3.clone() errors />
                    <TextInput field=ScaleForm::grade_4 label="Grade 4 (the worst)" value=typed.grade_4.clone() errors />
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Save the grades"</button>
                </PostForm>
            })}
        }
        .into_any()
    })
}
