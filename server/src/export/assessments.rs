//! The Board's July report of self-assessments, as a Word paper, a workbook and CSV: the
//! self-assessed and moderated grade of every partnership for every standard, which way
//! moderation moved a grade (in words), the spread of grades and each review's headline.

use super::csv_files::{csv, Field};
use super::excel::{write_sheet, Cell, Formats};
use super::word::{landscape, styled, table};
use super::*;
use app::api::assessments::AssessmentReport;
use app::domain::assessment::Scale;

/// One line a partnership and standard: partnership, status, standard, self-assessed grade,
/// moderated grade, moderation in words, the review's headline.
fn lines(r: &AssessmentReport, scale: &Scale) -> Vec<[String; 7]> {
    let mut out = Vec::new();
    for row in &r.rows {
        for (standard, cell) in r.standards.iter().zip(&row.cells) {
            out.push([
                row.partnership.clone(),
                row.status_words(),
                standard.clone(),
                cell.own
                    .map(|g| scale.label(g).to_string())
                    .unwrap_or_default(),
                cell.moderated
                    .map(|g| scale.label(g).to_string())
                    .unwrap_or_default(),
                if cell.own.is_some() {
                    cell.words(scale)
                } else {
                    String::new()
                },
                row.headline.clone(),
            ]);
        }
    }
    out
}

const HEADINGS: [&str; 7] = [
    "Partnership",
    "Status",
    "Standard",
    "Self-assessed grade",
    "Moderated grade",
    "Moderation",
    "Review of last year's plan",
];

fn scale_of(r: &AssessmentReport) -> Scale {
    r.scale.clone().unwrap_or(Scale {
        labels: app::domain::assessment::default_scale(),
    })
}

/// The grades as CSV.
pub fn report_csv(r: &AssessmentReport) -> String {
    let scale = scale_of(r);
    csv(
        &HEADINGS,
        lines(r, &scale)
            .into_iter()
            .map(|l| l.into_iter().map(Field::Text).collect()),
    )
}

/// The grades and their spread as a workbook.
pub fn report_xlsx(r: &AssessmentReport) -> Result<Vec<u8>, ExportError> {
    let scale = scale_of(r);
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let rows: Vec<Vec<Cell>> = lines(r, &scale)
        .into_iter()
        .map(|l| l.into_iter().map(Cell::Text).collect())
        .collect();
    let sheet = workbook.add_worksheet();
    sheet.set_name(format!("Grades {}", r.year))?;
    let widths = [34.0, 22.0, 36.0, 22.0, 22.0, 44.0, 48.0];
    let columns: Vec<(&str, f64)> = HEADINGS.iter().copied().zip(widths).collect();
    write_sheet(sheet, &formats, &columns, &rows)?;
    let spread: Vec<Vec<Cell>> = r
        .spread
        .iter()
        .map(|s| {
            std::iter::once(Cell::Text(s.standard.clone()))
                .chain(s.moderated.iter().map(|n| Cell::Number(Some(*n as f64))))
                .chain(std::iter::once(Cell::Number(Some(s.awaiting as f64))))
                .collect()
        })
        .collect();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Spread")?;
    let mut columns: Vec<(&str, f64)> = vec![("Standard", 40.0)];
    columns.extend(scale.labels.iter().map(|l| (l.as_str(), 18.0)));
    columns.push(("Awaiting moderation", 20.0));
    write_sheet(sheet, &formats, &columns, &spread)?;
    Ok(workbook.save_to_buffer()?)
}

/// The report as a Board paper.
pub fn report_docx(r: &AssessmentReport) -> Result<Vec<u8>, ExportError> {
    let scale = scale_of(r);
    let (done, all) = r.moderated();
    let mut doc = landscape()
        .add_paragraph(styled(
            "Title",
            &format!("Self-assessments {}: moderated grades", r.year),
        ))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(format!(
            "{done} of {all} partnerships' self-assessments have been moderated. For each standard the partnership's own grade is shown beside the moderated grade, with whether moderation agreed it or moved it up or down."
        ))))
        .add_paragraph(styled("Heading1", "Grades by partnership"));
    let mut header: Vec<(&str, usize)> = vec![("Partnership", 3)];
    header.extend(r.standards.iter().map(|s| (s.as_str(), 3)));
    let rows = r
        .rows
        .iter()
        .map(|row| {
            std::iter::once(format!("{}\n{}", row.partnership, row.status_words()))
                .chain(row.cells.iter().map(|c| match c.own {
                    None => "—".to_string(),
                    Some(own) => format!(
                            "Self: {}\nModerated: {}\n{}",
                            scale.label(own),
                            c.moderated
                                .map(|g| scale.label(g).to_string())
                                .unwrap_or_else(|| "—".into()),
                            c.words(&scale)
                        ),
                }))
                .collect()
        })
        .collect();
    doc = doc.add_table(table(&header, rows));
    doc = doc.add_paragraph(styled("Heading1", "How grades are spread"));
    let mut header: Vec<(&str, usize)> = vec![("Standard", 4)];
    header.extend(scale.labels.iter().map(|l| (l.as_str(), 2)));
    header.push(("Awaiting moderation", 2));
    let rows = r
        .spread
        .iter()
        .map(|s| {
            std::iter::once(s.standard.clone())
                .chain(s.moderated.iter().map(|n| n.to_string()))
                .chain(std::iter::once(s.awaiting.to_string()))
                .collect()
        })
        .collect();
    doc = doc.add_table(table(&header, rows));
    doc = doc.add_paragraph(styled("Heading1", "Review of last year's plans"));
    let rows = r
        .rows
        .iter()
        .map(|row| vec![row.partnership.clone(), row.headline.clone()])
        .collect();
    doc = doc.add_table(table(&[("Partnership", 1), ("Headline", 2)], rows));
    let mut out = Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(DocxError::from)?;
    Ok(out.into_inner())
}
