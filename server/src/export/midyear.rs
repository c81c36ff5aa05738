//! The Board's December roll-up of mid-year reviews, as a Word paper and a workbook: action
//! progress by partnership (with a chart in the workbook), every Board priority's measures
//! across partnerships, the exceptions with slipped and dropped actions, and each partnership's
//! summary.

use super::excel::{write_sheet, Cell, Formats};
use super::word::{landscape, styled, table};
use super::*;
use app::api::midyear::RollUp;
use app::domain::midyear::Progress;

fn progress_rows(r: &RollUp) -> Vec<Vec<String>> {
    r.submitted()
        .map(|p| {
            std::iter::once(p.name.clone())
                .chain(Progress::ALL.iter().map(|s| p.counts.get(*s).to_string()))
                .chain(std::iter::once(p.counts.total().to_string()))
                .collect()
        })
        .collect()
}

const MEASURE_HEADINGS: [&str; 9] = [
    "Priority",
    "Partnership",
    "Measure",
    "Latest",
    "Target",
    "Against England",
    "Trend",
    "RAG",
    "Forecast",
];

fn measure_rows(r: &RollUp) -> Vec<[String; 9]> {
    r.priorities
        .iter()
        .flat_map(|g| {
            g.rows.iter().map(|m| {
                [
                    g.title.clone(),
                    m.partnership.clone(),
                    m.measure.indicator.clone(),
                    match (&m.measure.latest, &m.measure.period) {
                        (Some(v), Some(p)) => format!("{v} ({p})"),
                        _ => "—".into(),
                    },
                    format!("{} by {}", m.measure.target, m.measure.due),
                    m.measure.comparison.label().to_string(),
                    m.measure.trend.label().to_string(),
                    m.measure.rag.label().to_string(),
                    m.forecast.clone().unwrap_or_else(|| "—".into()),
                ]
            })
        })
        .collect()
}

fn exception_rows(r: &RollUp) -> Vec<[String; 3]> {
    let mut out = Vec::new();
    for p in r.submitted() {
        for e in &p.exceptions {
            out.push([
                p.name.clone(),
                e.kind.label().to_string(),
                format!(
                    "{} {}: {} ({}){}",
                    e.code,
                    e.title,
                    e.value.clone().unwrap_or_else(|| "no figure".into()),
                    e.period,
                    e.previous
                        .clone()
                        .map(|v| format!(", was {v}"))
                        .unwrap_or_default()
                ),
            ]);
        }
        for s in &p.slips {
            out.push([p.name.clone(), s.kind().to_string(), s.describe()]);
        }
    }
    out
}

fn progress_headings() -> Vec<&'static str> {
    std::iter::once("Partnership")
        .chain(Progress::ALL.iter().map(|p| p.label()))
        .chain(std::iter::once("All actions"))
        .collect()
}

/// The roll-up as a workbook: progress (with a stacked bar chart), measures, exceptions and
/// summaries, a sheet each.
pub fn roll_up_xlsx(r: &RollUp) -> Result<Vec<u8>, ExportError> {
    use rust_xlsxwriter::{Chart, ChartType};
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let progress = progress_rows(r);
    let sheet = workbook.add_worksheet();
    sheet.set_name("Action progress")?;
    let headings = progress_headings();
    let columns: Vec<(&str, f64)> = headings
        .iter()
        .enumerate()
        .map(|(i, h)| (*h, if i == 0 { 36.0 } else { 14.0 }))
        .collect();
    let rows: Vec<Vec<Cell>> = progress
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, v)| {
                    if i == 0 {
                        Cell::Text(v.clone())
                    } else {
                        Cell::Number(v.parse::<f64>().ok())
                    }
                })
                .collect()
        })
        .collect();
    write_sheet(sheet, &formats, &columns, &rows)?;
    if !progress.is_empty() {
        let last = progress.len() as u32;
        let mut chart = Chart::new(ChartType::BarStacked);
        for (i, p) in Progress::ALL.iter().enumerate() {
            let col = (i + 1) as u16;
            chart
                .add_series()
                .set_name(p.label())
                .set_categories(("Action progress", 1, 0, last, 0))
                .set_values(("Action progress", 1, col, last, col));
        }
        chart.title().set_name("Action progress by partnership");
        sheet.insert_chart(last + 2, 0, &chart)?;
    }
    let sheet = workbook.add_worksheet();
    sheet.set_name("Measures")?;
    let widths = [34.0, 34.0, 40.0, 18.0, 24.0, 16.0, 16.0, 12.0, 14.0];
    let columns: Vec<(&str, f64)> = MEASURE_HEADINGS.iter().copied().zip(widths).collect();
    let rows: Vec<Vec<Cell>> = measure_rows(r)
        .into_iter()
        .map(|l| l.into_iter().map(Cell::Text).collect())
        .collect();
    write_sheet(sheet, &formats, &columns, &rows)?;
    let sheet = workbook.add_worksheet();
    sheet.set_name("Exceptions")?;
    let rows: Vec<Vec<Cell>> = exception_rows(r)
        .into_iter()
        .map(|l| l.into_iter().map(Cell::Text).collect())
        .collect();
    write_sheet(
        sheet,
        &formats,
        &[("Partnership", 34.0), ("Kind", 20.0), ("What", 90.0)],
        &rows,
    )?;
    let sheet = workbook.add_worksheet();
    sheet.set_name("Summaries")?;
    let rows: Vec<Vec<Cell>> = r
        .submitted()
        .map(|p| {
            vec![
                Cell::Text(p.name.clone()),
                Cell::Text(p.status.map(|s| s.label().to_string()).unwrap_or_default()),
                Cell::Text(p.going_well.clone()),
                Cell::Text(p.board_should_know.clone()),
            ]
        })
        .collect();
    write_sheet(
        sheet,
        &formats,
        &[
            ("Partnership", 34.0),
            ("Status", 16.0),
            ("Going well", 60.0),
            ("The Board should know", 60.0),
        ],
        &rows,
    )?;
    Ok(workbook.save_to_buffer()?)
}

/// The roll-up as a Board paper.
pub fn roll_up_docx(r: &RollUp) -> Result<Vec<u8>, ExportError> {
    let submitted = r.submitted().count();
    let year = app::domain::PlanYear::new(r.year)
        .map(|y| y.to_string())
        .unwrap_or_default();
    let mut doc = landscape()
        .add_paragraph(styled(
            "Title",
            &format!("Mid-year reviews of the {year} plans"),
        ))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(format!(
            "{submitted} of {} partnerships have submitted their mid-year review. Across the reviews submitted, {}.",
            r.partnerships.len(),
            r.totals
        ))))
        .add_paragraph(styled("Heading1", "Action progress by partnership"));
    let headings = progress_headings();
    let header: Vec<(&str, usize)> = headings
        .iter()
        .enumerate()
        .map(|(i, h)| (*h, if i == 0 { 3 } else { 1 }))
        .collect();
    doc = doc.add_table(table(&header, progress_rows(r)));
    doc = doc.add_paragraph(styled("Heading1", "Measures by Board priority"));
    let header: Vec<(&str, usize)> = MEASURE_HEADINGS.iter().map(|h| (*h, 1)).collect();
    let rows = measure_rows(r).into_iter().map(Vec::from).collect();
    doc = doc.add_table(table(&header, rows));
    doc = doc.add_paragraph(styled("Heading1", "Exceptions"));
    let rows = exception_rows(r).into_iter().map(Vec::from).collect();
    doc = doc.add_table(table(&[("Partnership", 2), ("Kind", 1), ("What", 5)], rows));
    doc = doc.add_paragraph(styled("Heading1", "Each partnership's summary"));
    for p in r.submitted() {
        doc = doc
            .add_paragraph(styled("Heading2", &p.name))
            .add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text(format!("Going well: {}", p.going_well))),
            )
            .add_paragraph(Paragraph::new().add_run(
                Run::new().add_text(format!("The Board should know: {}", p.board_should_know)),
            ));
    }
    let mut out = Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(DocxError::from)?;
    Ok(out.into_inner())
}
