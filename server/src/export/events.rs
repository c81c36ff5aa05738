//! An event's results as files: a CSV of the votes for each priority, and a workbook with the
//! votes (ranked, young people's apart), the comments kept and the numbers taking part.

use super::csv_files::{csv, Field};
use super::excel::{write_sheet, Cell, Formats};
use super::ExportError;
use app::domain::events::{EventResults, StakeholderEvent};
use rust_xlsxwriter::Workbook;

/// The votes for each priority, most first: rank, priority, votes, young people's votes.
pub fn results_csv(r: &EventResults) -> String {
    let young = |label: &str| {
        r.tallies
            .iter()
            .find(|t| t.label == label)
            .map(|t| t.young_votes)
            .unwrap_or(0)
    };
    csv(
        &["Rank", "Priority", "Votes", "Young people's votes"],
        r.ranked().into_iter().map(|(rank, label, votes)| {
            vec![
                Field::Value(rank.to_string()),
                Field::Text(label.clone()),
                Field::Value(votes.to_string()),
                Field::Value(young(&label).to_string()),
            ]
        }),
    )
}

pub fn results_xlsx(event: &StakeholderEvent, r: &EventResults) -> Result<Vec<u8>, ExportError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let young = |label: &str| {
        r.tallies
            .iter()
            .find(|t| t.label == label)
            .map(|t| t.young_votes)
            .unwrap_or(0)
    };
    let sheet = workbook.add_worksheet();
    sheet.set_name("Votes")?;
    let rows: Vec<Vec<Cell>> = r
        .ranked()
        .into_iter()
        .map(|(rank, label, votes)| {
            vec![
                Cell::Number(Some(rank as f64)),
                Cell::Text(label.clone()),
                Cell::Number(Some(votes as f64)),
                Cell::Number(Some(young(&label) as f64)),
            ]
        })
        .collect();
    write_sheet(
        sheet,
        &formats,
        &[
            ("Rank", 8.0),
            ("Priority", 50.0),
            ("Votes", 10.0),
            ("Young people's votes", 14.0),
        ],
        &rows,
    )?;
    let sheet = workbook.add_worksheet();
    sheet.set_name("Comments")?;
    let rows: Vec<Vec<Cell>> = r
        .comments
        .iter()
        .map(|c| {
            vec![
                Cell::Text(c.body.clone()),
                Cell::Text(c.who()),
                Cell::Text(c.at.format("%Y-%m-%d %H:%M UTC").to_string()),
            ]
        })
        .collect();
    write_sheet(
        sheet,
        &formats,
        &[("Comment", 70.0), ("Who", 26.0), ("When", 20.0)],
        &rows,
    )?;
    let sheet = workbook.add_worksheet();
    sheet.set_name("Taking part")?;
    let rows = vec![
        vec![Cell::Text("Event".into()), Cell::Text(event.title.clone())],
        vec![Cell::Text("Date".into()), Cell::Date(Some(event.held_on))],
        vec![
            Cell::Text("Partnerships".into()),
            Cell::Text(event.partnership_names()),
        ],
        vec![
            Cell::Text("People who joined".into()),
            Cell::Number(Some(r.joined as f64)),
        ],
        vec![
            Cell::Text("People who voted".into()),
            Cell::Number(Some(r.voted as f64)),
        ],
        vec![
            Cell::Text("Young people who voted".into()),
            Cell::Number(Some(r.young_voted as f64)),
        ],
        vec![
            Cell::Text("Votes cast".into()),
            Cell::Number(Some(r.total_votes() as f64)),
        ],
        vec![
            Cell::Text("Comments kept".into()),
            Cell::Number(Some(r.comments.len() as f64)),
        ],
    ];
    write_sheet(sheet, &formats, &[("", 26.0), ("", 60.0)], &rows)?;
    Ok(workbook.save_to_buffer()?)
}
