//! The exceptions summary for the Board, as CSV and as a workbook.

use super::csv_files::{csv, opt_text, Field};
use super::excel::{optional_text, write_sheet, Cell, Formats};
use super::*;

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
