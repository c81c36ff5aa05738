//! The Board's July report: partnerships × standards, the self-assessed and moderated grade
//! side by side (a moved grade said in words as well as colour), the spread of grades per
//! standard, each annual review's headline; to print as a Board paper or download.

use super::*;
use crate::api::assessments::{get_assessment_report, AssessmentReport};
use crate::domain::assessment::Moderation;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AssessmentReportPage() -> impl IntoView {
    let query = use_query_map();
    let year = move || {
        query.with(|q| {
            q.get("year")
                .and_then(|y| y.parse::<i32>().ok())
                .unwrap_or(0)
        })
    };
    let data = Resource::new(year, get_assessment_report);
    let location = use_location();
    view! {
        <Title text="Self-assessments: the Board's report" />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => sign_in_link(e, &location.pathname.get_untracked()).into_any(),
                    Ok(r) => report(r).into_any(),
                }
            })}
        </Transition>
    }
}

fn moved_class(m: Moderation) -> &'static str {
    match m {
        Moderation::Raised => "tb-moved tb-moved--up",
        Moderation::Lowered => "tb-moved tb-moved--down",
        _ => "tb-moved",
    }
}

fn report(r: AssessmentReport) -> impl IntoView {
    let (done, all) = r.moderated();
    let year = r.year;
    let Some(scale) = r.scale.clone() else {
        return view! {
            <h1 class="govuk-heading-l">{format!("Self-assessments {year}")}</h1>
            <p class="govuk-body">"This year has no standards yet, so there is nothing to report."</p>
        }
        .into_any();
    };
    view! {
        <span class="govuk-caption-l">"Report to the Trust Board"</span>
        <h1 class="govuk-heading-l">{format!("Self-assessments {year}: moderated grades")}</h1>
        <form method="get" action="/self-assessments" class="tb-filters tb-no-print">
            <div class="govuk-form-group">
                <label class="govuk-label" for="year">"Year"</label>
                <select class="govuk-select" id="year" name="year">
                    {r.years.iter().map(|y| view! { <option value=y.to_string() selected=*y == year>{y.to_string()}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">"Show"</button>
        </form>
        <p class="govuk-body" data-testid="report-progress">{format!("{done} of {all} partnerships' self-assessments have been moderated.")}</p>
        <ul class="govuk-list tb-no-print" data-testid="report-downloads">
            <li><a class="govuk-link" href=format!("/self-assessments/{year}/export/report.docx") download="">"The report as a Word document (.docx)"</a></li>
            <li><a class="govuk-link" href=format!("/self-assessments/{year}/export/report.xlsx") download="">"The grades as a spreadsheet (.xlsx)"</a></li>
            <li><a class="govuk-link" href=format!("/self-assessments/{year}/export/grades.csv") download="">"The grades (CSV)"</a></li>
        </ul>
        <div class="tb-table-scroll" tabindex="0" role="region" aria-label="Grades by partnership and standard">
            <table class="govuk-table tb-report" data-testid="report-table">
                <caption class="govuk-table__caption govuk-table__caption--m">"Self-assessed and moderated grade for each standard"</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Partnership"</th>
                    {r.standards.iter().map(|s| view! { <th scope="col" class="govuk-table__header">{s.clone()}</th> }).collect_view()}
                    <th scope="col" class="govuk-table__header">"Review of last year's plan"</th>
                </tr></thead>
                <tbody class="govuk-table__body">
                    {r.rows.iter().map(|row| view! {
                        <tr class="govuk-table__row" data-testid="report-row">
                            <th scope="row" class="govuk-table__header">
                                <a class="govuk-link" href=format!("/partnerships/{}/self-assessments/{year}", row.slug)>{row.partnership.clone()}</a>
                                <span class="govuk-body-s tb-muted tb-block">{row.status_words()}</span>
                            </th>
                            {row.cells.iter().map(|c| view! {
                                <td class="govuk-table__cell" data-testid="report-cell">
                                    <span class="tb-block">"Self: " {scale.label_of(c.own)}</span>
                                    <span class="tb-block">"Moderated: " <strong>{c.moderated.map(|g| scale.label(g).to_string()).unwrap_or_else(|| "—".into())}</strong></span>
                                    {(c.own.is_some()).then(|| view! { <span class=moved_class(c.moderation)>{c.words(&scale)}</span> })}
                                </td>
                            }).collect_view()}
                            <td class="govuk-table__cell" data-testid="report-headline">{row.headline.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <h2 class="govuk-heading-m">"How grades are spread"</h2>
        <table class="govuk-table" data-testid="spread-table">
            <caption class="govuk-table__caption govuk-table__caption--s">"Moderated grades per standard (and submitted grades still awaiting moderation)"</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">"Standard"</th>
                {scale.labels.iter().map(|l| view! { <th scope="col" class="govuk-table__header govuk-table__header--numeric">{l.clone()}</th> }).collect_view()}
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Awaiting moderation"</th>
            </tr></thead>
            <tbody class="govuk-table__body">
                {r.spread.iter().map(|s| view! {
                    <tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header">{s.standard.clone()}</th>
                        {s.moderated.iter().map(|n| view! { <td class="govuk-table__cell govuk-table__cell--numeric">{*n}</td> }).collect_view()}
                        <td class="govuk-table__cell govuk-table__cell--numeric">{s.awaiting}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
