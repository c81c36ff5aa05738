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

mod assessments;
mod csv_files;
mod events;
mod excel;
mod exceptions;
mod midyear;
mod word;

pub use assessments::{report_csv, report_docx, report_xlsx};
pub use csv_files::{actions_csv, measures_csv};
pub use events::{results_csv, results_xlsx};
pub use excel::plan_xlsx;
pub use exceptions::{exceptions_csv, exceptions_xlsx};
pub use midyear::{roll_up_docx, roll_up_xlsx};
pub use word::plan_docx;

#[cfg(test)]
mod tests {
    use super::csv_files::{defused, pounds, quoted};
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
