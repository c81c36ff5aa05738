//! A plan as files people take away: a Word document to circulate, a workbook and CSV files of
//! its measures and actions to analyse. Each export is made from a [`Plan`] alone, so a frozen
//! snapshot gives the same files for ever.

use app::domain::plan::{format_pounds, Plan, PlanAction, Priority};
use chrono::{Datelike, NaiveDate};
use docx_rs::{
    BreakType, Docx, DocxError, PageMargin, PageOrientationType, Paragraph, Run, RunFonts, Shading,
    Style, StyleType, Table, TableCell, TableRow, WidthType,
};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};
use std::io::Cursor;

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write the Word document: {0}")]
    Docx(#[from] DocxError),
    #[error("could not write the spreadsheet: {0}")]
    Xlsx(#[from] XlsxError),
}

/// "31 March 2027".
fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

fn long_date_or_dash(date: Option<NaiveDate>) -> String {
    date.map(long_date).unwrap_or_else(|| "—".into())
}

/// The names of an action's supporting partners, separated by semicolons.
fn supporting_names(plan: &Plan, action: &PlanAction) -> String {
    action
        .supporting_partners
        .iter()
        .map(|id| plan.organisation_name(Some(*id)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The priority's title as a heading: mandated priorities say who set them.
fn priority_heading(priority: &Priority) -> String {
    let title = priority.title.trim();
    let title = if title.is_empty() {
        "Untitled priority"
    } else {
        title
    };
    if priority.mandated {
        format!("{title} (set by the Trust Board)")
    } else {
        title.to_string()
    }
}

/// The text, or a dash when it is blank.
fn or_dash(text: &str) -> String {
    match text.trim() {
        "" => "—".into(),
        t => t.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Word

/// A4 landscape, in twentieths of a point: the action table has nine columns.
const PAGE_WIDTH: u32 = 16_838;
const PAGE_HEIGHT: u32 = 11_906;
const MARGIN: i32 = 1_134; // 2 cm
const TEXT_WIDTH: usize = PAGE_WIDTH as usize - 2 * MARGIN as usize;

/// Arial 11 point, with bold headings. Word's own names ("heading 1") make the headings show in
/// its navigation pane and table of contents.
fn styles(docx: Docx) -> Docx {
    // Sizes are in half-points.
    let bold = |id: &str, name: &str, size: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .bold()
            .size(size)
            .q_format(true)
    };
    docx.default_size(22)
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .add_style(bold("Title", "Title", 40))
        .add_style(bold("Heading1", "heading 1", 32).outline_lvl(0))
        .add_style(bold("Heading2", "heading 2", 28).outline_lvl(1))
        .add_style(bold("Heading3", "heading 3", 24).outline_lvl(2))
}

/// A run of text, with each line of a multi-line text on a line of its own.
fn text_run(text: &str) -> Run {
    let mut run = Run::new();
    for (i, line) in text.trim().lines().enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line.trim_end());
    }
    run
}

fn styled(style: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(text_run(text))
}

/// Paragraphs of a long text (one a line, leaving out blank lines), or a note that it is blank.
fn text_paragraphs(text: &str, blank: &str) -> Vec<Paragraph> {
    let paragraphs: Vec<Paragraph> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Paragraph::new().add_run(Run::new().add_text(l)))
        .collect();
    if paragraphs.is_empty() {
        vec![Paragraph::new().add_run(Run::new().add_text(blank).italic())]
    } else {
        paragraphs
    }
}

/// "Outcome: fewer under-18 conceptions", with the label in bold.
fn labelled(label: &str, value: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(format!("{label}: ")).bold())
        .add_run(text_run(value))
}

/// A table with a shaded, bold header row. Each heading comes with its column's share of the
/// width of the text.
fn table(header: &[(&str, usize)], rows: Vec<Vec<String>>) -> Table {
    let total: usize = header.iter().map(|(_, w)| w).sum();
    let grid = header
        .iter()
        .map(|(_, w)| w * TEXT_WIDTH / total.max(1))
        .collect();
    let header_row = TableRow::new(
        header
            .iter()
            .map(|(h, _)| {
                TableCell::new()
                    .shading(Shading::new().fill("D9D9D9"))
                    .add_paragraph(Paragraph::new().add_run(Run::new().add_text(*h).bold()))
            })
            .collect(),
    )
    .cant_split();
    let body = rows.into_iter().map(|cells| {
        TableRow::new(
            cells
                .iter()
                .map(|c| TableCell::new().add_paragraph(Paragraph::new().add_run(text_run(c))))
                .collect(),
        )
        .cant_split()
    });
    // The full width of the page (in fiftieths of a per cent).
    Table::new(std::iter::once(header_row).chain(body).collect())
        .width(5000, WidthType::Pct)
        .set_grid(grid)
}

fn measures_table(plan: &Plan, priority: &Priority) -> Table {
    let rows = priority
        .measures
        .iter()
        .map(|m| {
            let mut indicator = plan.indicator_name(m.indicator_code.as_deref());
            if let Some(unit) = m
                .indicator_code
                .as_ref()
                .and_then(|c| plan.indicators.get(c))
                .map(|i| i.unit.trim())
                .filter(|u| !u.is_empty())
            {
                indicator.push_str(&format!(" ({unit})"));
            }
            vec![
                indicator,
                plan.baseline_text(m),
                plan.figure(m, m.target),
                long_date_or_dash(m.due),
            ]
        })
        .collect();
    table(
        &[
            ("Indicator", 40),
            ("Baseline", 20),
            ("Target", 20),
            ("Due", 20),
        ],
        rows,
    )
}

fn actions_table(plan: &Plan, priority: &Priority) -> Table {
    let rows = priority
        .actions
        .iter()
        .map(|a| {
            let supporting = supporting_names(plan, a);
            vec![
                or_dash(&a.description),
                plan.organisation_name(a.lead_partner),
                or_dash(&supporting),
                long_date_or_dash(a.start),
                long_date_or_dash(a.due),
                or_dash(&a.resources),
                a.pooled_budget_pence
                    .map(format_pounds)
                    .unwrap_or_else(|| "—".into()),
                a.commissioning.label().to_string(),
                a.status.label().to_string(),
            ]
        })
        .collect();
    table(
        &[
            ("Action", 22),
            ("Lead partner", 12),
            ("Supporting partners", 13),
            ("Start", 8),
            ("Due", 8),
            ("Resources", 13),
            ("Pooled budget", 8),
            ("Commissioning", 9),
            ("Status", 7),
        ],
        rows,
    )
}

/// The plan as a Word document for the partnership to circulate.
pub fn plan_docx(plan: &Plan) -> Result<Vec<u8>, ExportError> {
    let name = plan.partnership_name.trim();
    let mut doc = styles(Docx::new())
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(PageMargin {
            top: MARGIN,
            left: MARGIN,
            bottom: MARGIN,
            right: MARGIN,
            header: 709,
            footer: 709,
            gutter: 0,
        })
        .add_paragraph(styled(
            "Title",
            &format!("{name}: local delivery plan {}", plan.year),
        ))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(format!(
            "Version {}. Status: {}.",
            plan.version,
            plan.status.label()
        ))))
        .add_paragraph(styled("Heading1", "Needs analysis"));
    for p in text_paragraphs(
        &plan.needs_summary,
        "No needs analysis has been written yet.",
    ) {
        doc = doc.add_paragraph(p);
    }
    doc = doc.add_paragraph(styled("Heading1", "What children and young people told us"));
    for p in text_paragraphs(
        &plan.young_people_said,
        "Nothing has been written about what children and young people said yet.",
    ) {
        doc = doc.add_paragraph(p);
    }

    doc = doc.add_paragraph(styled("Heading1", "Priorities"));
    if plan.priorities.is_empty() {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text("This plan has no priorities yet.")
                    .italic(),
            ),
        );
    }
    for priority in &plan.priorities {
        doc = doc
            .add_paragraph(styled("Heading2", &priority_heading(priority)))
            .add_paragraph(labelled("Outcome", &or_dash(&priority.outcome)))
            .add_paragraph(labelled(
                "Champion",
                &or_dash(priority.champion.as_deref().unwrap_or_default()),
            ))
            .add_paragraph(labelled(
                "Challenger",
                &or_dash(priority.challenger.as_deref().unwrap_or_default()),
            ))
            .add_paragraph(styled("Heading3", "Measures"));
        doc = if priority.measures.is_empty() {
            doc.add_paragraph(
                Paragraph::new().add_run(Run::new().add_text("No measures yet.").italic()),
            )
        } else {
            doc.add_table(measures_table(plan, priority))
        };
        doc = doc.add_paragraph(styled("Heading3", "Actions"));
        doc = if priority.actions.is_empty() {
            doc.add_paragraph(
                Paragraph::new().add_run(Run::new().add_text("No actions yet.").italic()),
            )
        } else {
            doc.add_table(actions_table(plan, priority))
        };
    }

    let mut out = Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(DocxError::from)?;
    Ok(out.into_inner())
}

// ---------------------------------------------------------------------------------------------
// Excel

fn excel_date(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(date.year())
        .map_err(|_| XlsxError::DateTimeRangeError(format!("{date} is outside Excel's dates")))?;
    // Month and day always fit.
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8)
}

/// The formats of a sheet's cells.
struct Formats {
    header: Format,
    text: Format,
    number: Format,
    date: Format,
    money: Format,
}

impl Formats {
    fn new() -> Self {
        let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        Self {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color("D9D9D9"),
            number: Format::new().set_align(FormatAlign::Top),
            date: Format::new()
                .set_num_format("dd/mm/yyyy")
                .set_align(FormatAlign::Top),
            money: Format::new()
                .set_num_format("£#,##0.00")
                .set_align(FormatAlign::Top),
            text,
        }
    }
}

/// A cell of a row: what it holds decides how it is written.
enum Cell {
    Text(String),
    Number(Option<f64>),
    Date(Option<NaiveDate>),
    Money(Option<f64>),
}

fn write_sheet(
    sheet: &mut Worksheet,
    formats: &Formats,
    columns: &[(&str, f64)],
    rows: &[Vec<Cell>],
) -> Result<(), XlsxError> {
    for (col, (heading, width)) in columns.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, *heading, &formats.header)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(t) if t.is_empty() => {}
                Cell::Text(t) => {
                    sheet.write_string_with_format(r, c, t, &formats.text)?;
                }
                Cell::Number(Some(n)) => {
                    sheet.write_number_with_format(r, c, *n, &formats.number)?;
                }
                Cell::Money(Some(n)) => {
                    sheet.write_number_with_format(r, c, *n, &formats.money)?;
                }
                Cell::Date(Some(d)) => {
                    sheet.write_datetime_with_format(r, c, excel_date(*d)?, &formats.date)?;
                }
                Cell::Number(None) | Cell::Money(None) | Cell::Date(None) => {}
            }
        }
    }
    if !rows.is_empty() {
        let last_row = u32::try_from(rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.autofilter(0, 0, last_row, (columns.len() - 1) as u16)?;
    }
    Ok(())
}

fn optional_text(text: Option<&str>) -> Cell {
    Cell::Text(text.map(str::trim).unwrap_or_default().to_string())
}

/// The plan's measures and actions as a workbook, one sheet of each, one row a measure or
/// action, with numbers, dates and money as values Excel can calculate with.
pub fn plan_xlsx(plan: &Plan) -> Result<Vec<u8>, ExportError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();

    let measures: Vec<Vec<Cell>> = plan
        .priorities
        .iter()
        .flat_map(|p| p.measures.iter().map(move |m| (p, m)))
        .map(|(p, m)| {
            let indicator = m
                .indicator_code
                .as_ref()
                .and_then(|c| plan.indicators.get(c));
            vec![
                Cell::Text(p.title.trim().to_string()),
                optional_text(m.indicator_code.as_deref()),
                optional_text(indicator.map(|i| i.title.as_str())),
                optional_text(indicator.map(|i| i.unit.as_str())),
                Cell::Number(m.baseline),
                optional_text(m.baseline_period.as_deref()),
                Cell::Number(m.target),
                Cell::Date(m.due),
            ]
        })
        .collect();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Measures")?;
    write_sheet(
        sheet,
        &formats,
        &[
            ("Priority", 30.0),
            ("Indicator code", 14.0),
            ("Indicator", 40.0),
            ("Unit", 20.0),
            ("Baseline", 10.0),
            ("Baseline period", 14.0),
            ("Target", 10.0),
            ("Due", 12.0),
        ],
        &measures,
    )?;

    let actions: Vec<Vec<Cell>> = plan
        .priorities
        .iter()
        .flat_map(|p| p.actions.iter().map(move |a| (p, a)))
        .map(|(p, a)| {
            vec![
                Cell::Text(p.title.trim().to_string()),
                Cell::Text(a.description.trim().to_string()),
                optional_text(
                    a.lead_partner
                        .and_then(|id| plan.organisations.get(&id))
                        .map(String::as_str),
                ),
                Cell::Text(supporting_names(plan, a)),
                Cell::Date(a.start),
                Cell::Date(a.due),
                Cell::Text(a.resources.trim().to_string()),
                Cell::Money(a.pooled_budget_pence.map(|p| p as f64 / 100.0)),
                Cell::Text(a.commissioning.label().to_string()),
                Cell::Text(a.status.label().to_string()),
            ]
        })
        .collect();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Actions")?;
    write_sheet(
        sheet,
        &formats,
        &[
            ("Priority", 30.0),
            ("Action", 50.0),
            ("Lead partner", 25.0),
            ("Supporting partners", 30.0),
            ("Start", 12.0),
            ("Due", 12.0),
            ("Resources", 30.0),
            ("Pooled budget", 14.0),
            ("Commissioning", 22.0),
            ("Status", 12.0),
        ],
        &actions,
    )?;

    Ok(workbook.save_to_buffer()?)
}

// ---------------------------------------------------------------------------------------------
// CSV

/// A text field made safe to open in a spreadsheet: text that starts like a formula gets a
/// leading apostrophe, so a spreadsheet shows it rather than runs it.
fn defused(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A field as RFC 4180 writes it: quoted when it holds a comma, quote or line break.
fn quoted(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// A CSV field: text is defused, numbers and dates are written as they are.
enum Field {
    Text(String),
    /// A number, a date or an amount, already written.
    Value(String),
}

fn csv(header: &[&str], rows: impl Iterator<Item = Vec<Field>>) -> String {
    let mut out = String::new();
    let mut line = |fields: Vec<String>| {
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    };
    line(header.iter().map(|h| quoted(h)).collect());
    for row in rows {
        line(
            row.into_iter()
                .map(|f| match f {
                    Field::Text(t) => quoted(&defused(&t)),
                    Field::Value(v) => quoted(&v),
                })
                .collect(),
        );
    }
    out
}

fn opt_value<T: ToString>(value: Option<T>) -> Field {
    Field::Value(value.map(|v| v.to_string()).unwrap_or_default())
}

fn opt_text(text: Option<&str>) -> Field {
    Field::Text(text.map(str::trim).unwrap_or_default().to_string())
}

/// Pence as pounds with two decimals: "1250.50", "-0.05".
fn pounds(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let abs = pence.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// The plan's measures as CSV, one row a measure, dates as 2027-03-31.
pub fn measures_csv(plan: &Plan) -> String {
    let rows = plan.priorities.iter().flat_map(|p| {
        p.measures.iter().map(move |m| {
            let indicator = m
                .indicator_code
                .as_ref()
                .and_then(|c| plan.indicators.get(c));
            vec![
                Field::Text(p.title.trim().to_string()),
                opt_text(m.indicator_code.as_deref()),
                opt_text(indicator.map(|i| i.title.as_str())),
                opt_text(indicator.map(|i| i.unit.as_str())),
                opt_value(m.baseline),
                opt_text(m.baseline_period.as_deref()),
                opt_value(m.target),
                opt_value(m.due),
            ]
        })
    });
    csv(
        &[
            "Priority",
            "Indicator code",
            "Indicator",
            "Unit",
            "Baseline",
            "Baseline period",
            "Target",
            "Due",
        ],
        rows,
    )
}

/// The plan's actions as CSV, one row an action, dates as 2027-03-31 and the pooled budget in
/// pounds with two decimals.
pub fn actions_csv(plan: &Plan) -> String {
    let rows = plan.priorities.iter().flat_map(|p| {
        p.actions.iter().map(move |a| {
            vec![
                Field::Text(p.title.trim().to_string()),
                Field::Text(a.description.trim().to_string()),
                opt_text(
                    a.lead_partner
                        .and_then(|id| plan.organisations.get(&id))
                        .map(String::as_str),
                ),
                Field::Text(supporting_names(plan, a)),
                opt_value(a.start),
                opt_value(a.due),
                Field::Text(a.resources.trim().to_string()),
                opt_value(a.pooled_budget_pence.map(pounds)),
                Field::Text(a.commissioning.label().to_string()),
                Field::Text(a.status.label().to_string()),
            ]
        })
    });
    csv(
        &[
            "Priority",
            "Action",
            "Lead partner",
            "Supporting partners",
            "Start",
            "Due",
            "Resources",
            "Pooled budget (pounds)",
            "Commissioning",
            "Status",
        ],
        rows,
    )
}

// ---------------------------------------------------------------------------------------------
// The exceptions summary for the Board

/// The exceptions as CSV, one row an exception.
pub fn exceptions_csv(e: &app::api::dashboard::Exceptions) -> String {
    let rows = e.lines.iter().map(|l| {
        vec![
            Field::Text(l.kind.label().to_string()),
            Field::Text(l.partnership.clone()),
            Field::Text(l.code.clone()),
            Field::Text(l.title.clone()),
            Field::Value(l.period.clone()),
            opt_text(l.value.as_deref()),
            opt_text(l.previous.as_deref()),
            Field::Text(l.rag.label().to_string()),
            Field::Text(l.previous_rag.label().to_string()),
        ]
    });
    csv(
        &[
            "Exception",
            "Partnership",
            "Indicator code",
            "Indicator",
            "Period",
            "Value",
            "Previous value",
            "Rating",
            "Previous rating",
        ],
        rows,
    )
}

/// The exceptions as a workbook with one sheet.
pub fn exceptions_xlsx(e: &app::api::dashboard::Exceptions) -> Result<Vec<u8>, ExportError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let rows: Vec<Vec<Cell>> = e
        .lines
        .iter()
        .map(|l| {
            vec![
                Cell::Text(l.kind.label().to_string()),
                Cell::Text(l.partnership.clone()),
                Cell::Text(l.code.clone()),
                Cell::Text(l.title.clone()),
                Cell::Text(l.period.clone()),
                optional_text(l.value.as_deref()),
                optional_text(l.previous.as_deref()),
                Cell::Text(l.rag.label().to_string()),
                Cell::Text(l.previous_rag.label().to_string()),
            ]
        })
        .collect();
    let sheet = workbook.add_worksheet();
    sheet.set_name(format!("Exceptions {}", e.year))?;
    write_sheet(
        sheet,
        &formats,
        &[
            ("Exception", 20.0),
            ("Partnership", 34.0),
            ("Indicator code", 14.0),
            ("Indicator", 44.0),
            ("Period", 10.0),
            ("Value", 12.0),
            ("Previous value", 14.0),
            ("Rating", 12.0),
            ("Previous rating", 14.0),
        ],
        &rows,
    )?;
    Ok(workbook.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_defused() {
        for t in ["=SUM(A1)", "+1", "-cmd", "@here", "\tx", "\rx"] {
            assert_eq!(defused(t), format!("'{t}"));
        }
        assert_eq!(defused("Run clubs"), "Run clubs");
        assert_eq!(defused(""), "");
    }

    #[test]
    fn fields_are_quoted_when_needed() {
        assert_eq!(quoted("plain"), "plain");
        assert_eq!(quoted("a, b"), "\"a, b\"");
        assert_eq!(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quoted("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn pounds_have_two_decimals() {
        assert_eq!(pounds(125_050), "1250.50");
        assert_eq!(pounds(5), "0.05");
        assert_eq!(pounds(-5), "-0.05");
        assert_eq!(pounds(0), "0.00");
    }

    #[test]
    fn dates_are_written_in_full() {
        assert_eq!(
            long_date(NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()),
            "1 March 2027"
        );
    }
}
