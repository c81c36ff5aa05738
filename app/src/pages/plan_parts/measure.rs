//! Measures.

use super::*;
use crate::domain::plan::MeasureForm;
use crate::islands::latest_figure::LatestFigure;

#[component]
pub fn MeasurePage() -> impl IntoView {
    let measure_id = id_param("id");
    let priority_param = priority_query();
    let save = ServerAction::<SaveMeasure>::new();
    plan_frame("Measure", move |page, flash, _| {
        let Some(plan) = page.plan.clone() else {
            return missing("The plan").into_any();
        };
        let base = page.base();
        let can_edit = editable(&page);
        let (priority, measure) = match item_and_priority(
            &plan,
            measure_id(),
            priority_param(),
            |p| &p.measures,
            |i| i.id,
            "That measure",
        ) {
            Ok(found) => found,
            Err(view) => return view,
        };
        let flash_errors = flash.clone();
        let errors = Signal::derive(move || errors_of(save.value().get(), &flash_errors));
        let typed = flash
            .as_ref()
            .and_then(|f| f.form::<MeasureForm>())
            .unwrap_or_else(|| {
                measure
                    .as_ref()
                    .map(MeasureForm::from_saved)
                    .unwrap_or_default()
            });
        let initial = flash
            .as_ref()
            .and_then(|f| f.revision)
            .unwrap_or(measure.as_ref().map(|m| m.revision).unwrap_or(0));
        let revision =
            Signal::derive(move || revision_after(initial, save.value().get(), |s| s.revision));
        let choices: Vec<Choice> = std::iter::once(Choice {
            value: String::new(),
            label: "Choose an indicator".into(),
        })
        .chain(page.indicators.iter().map(|i| Choice {
            value: i.code.clone(),
            label: format!("{} — {}", i.code, i.title),
        }))
        .collect();
        // The latest figure of each indicator, offered as the baseline.
        let hints: Vec<(String, String)> = page
            .indicators
            .iter()
            .filter_map(|o| match (o.latest_value, &o.latest_period) {
                (Some(v), Some(p)) => Some((
                    o.code.clone(),
                    format!("Latest figure for this area: {} ({p}). Leave the baseline blank to use it.", o.format(v)),
                )),
                _ => None,
            })
            .collect();
        let shown_hint = hints
            .iter()
            .find(|(code, _)| *code == typed.indicator)
            .map(|(_, h)| h.clone());
        let heading = if measure.is_some() {
            "Change a measure"
        } else {
            "Add a measure"
        };
        let warning = measure.as_ref().and_then(|m| {
            let i = plan.indicators.get(m.indicator_code.as_ref()?)?;
            crate::domain::plan::target_direction_warning(i.polarity, m.baseline?, m.target?)
        });
        let details = (!can_edit).then(|| measure.as_ref().map(|m| view! {
                <dl class="govuk-summary-list" data-testid="measure-details">
                    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Indicator"</dt><dd class="govuk-summary-list__value">{plan.indicator_name(m.indicator_code.as_deref())}</dd></div>
                    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Baseline"</dt><dd class="govuk-summary-list__value">{plan.baseline_text(m)}</dd></div>
                    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Target"</dt><dd class="govuk-summary-list__value">{plan.figure(m, m.target)}</dd></div>
                    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Target due by"</dt><dd class="govuk-summary-list__value">{opt_date(m.due)}</dd></div>
                </dl>
            }));
        let back = format!("{base}/priorities/{}", priority.id);
        view! {
            <a href=back class="govuk-back-link">{format!("Back to “{}”", priority.title)}</a>
            <ErrorSummary errors />
            {plan_heading(&page, heading.into())}
            <p class="govuk-body">{format!("For the priority “{}”.", priority.title)}</p>
            {read_only_note(&page)}
            {warning.map(|w| view! {
                <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>{w}</strong></div>
            })}
            {can_edit.then(|| view! {
                <ActionForm action=save attr:novalidate=true attr:data-testid="measure-form">
                    <input type="hidden" name="plan_id" value=plan.id />
                    <input type="hidden" name="priority_id" value=priority.id />
                    <input type="hidden" name="measure_id" value=measure.as_ref().map(|m| m.id).unwrap_or(0) />
                    <input type="hidden" name="revision" value=move || revision.get().to_string() />
                    <LatestFigure>
                        <Select field=MeasureForm::indicator label="Indicator" hint="From the Trust's indicator catalogue." choices=choices selected=typed.indicator errors />
                        <p class="govuk-body-s" data-testid="latest-figure" aria-live="polite">{shown_hint}</p>
                        // Every indicator's, for the island to show when another is chosen.
                        <ul hidden data-hints>
                            {hints.into_iter().map(|(code, hint)| view! { <li data-code=code>{hint}</li> }).collect_view()}
                        </ul>
                    </LatestFigure>
                    <TextInput field=MeasureForm::baseline label="Baseline" hint="Where things stand now." value=typed.baseline errors width="govuk-input--width-10" />
                    <TextInput field=MeasureForm::baseline_period label="Baseline period" hint="For example, 2025/26 or 2025." value=typed.baseline_period errors width="govuk-input--width-10" />
                    <TextInput field=MeasureForm::target label="Target" value=typed.target errors width="govuk-input--width-10" />
                    <TextInput field=MeasureForm::due label="Target due by" hint="For example, 31/3/2028" value=typed.due errors width="govuk-input--width-10" />
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Save measure"</button>
                </ActionForm>
            })}
            {details}
        }
        .into_any()
    })
}
