//! The plan's measures and actions as a workbook Excel can calculate with.

use super::*;

pub(super) fn excel_date(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(date.year())
        .map_err(|_| XlsxError::DateTimeRangeError(format!("{date} is outside Excel's dates")))?;
    // Month and day always fit.
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8)
}

/// The formats of a sheet's cells.
pub(super) struct Formats {
    header: Format,
    text: Format,
    number: Format,
    date: Format,
    money: Format,
}

impl Formats {
    pub(super) fn new() -> Self {
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
pub(super) enum Cell {
    Text(String),
    Number(Option<f64>),
    Date(Option<NaiveDate>),
    Money(Option<f64>),
}

pub(super) fn write_sheet(
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

pub(super) fn optional_text(text: Option<&str>) -> Cell {
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
