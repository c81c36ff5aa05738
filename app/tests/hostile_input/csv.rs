//! CSV files: indicator measurements (the data import) and the set-up lists of partner
//! organisations and people.

use crate::{cases, field_text, near_text, said};
use app::domain::import::{guess_columns, parse_rows, records, Place, Tally};
use app::domain::setup::{read_organisations, read_people, PeopleContext, RowProblem};
use app::domain::{AreaCode, Unit};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// A field written the way a spreadsheet writes it: always quoted, quotes doubled.
fn quoted(field: &str) -> String {
    format!("\"{}\"", field.replace('"', "\"\""))
}

fn write_csv(records: &[Vec<String>], crlf: bool) -> String {
    let end = if crlf { "\r\n" } else { "\n" };
    records
        .iter()
        .map(|r| r.iter().map(|f| quoted(f)).collect::<Vec<_>>().join(",") + end)
        .collect()
}

/// A cell as a data source might write it, or a mistake.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => near_text(),
        1 => prop::sample::select(vec!["NA", "x", "..", "*", ":", "-", "", "E92000001", "E06000044", "2016/17", "Q1 2016/17", "2016-04", "12.5%", "1,250"]).prop_map(str::to_string),
        1 => any::<String>(),
    ]
}

/// A tidy measurements file: a heading the import recognises (some columns optional, in any
/// order), then rows of plausible cells, some of them mutated, some rows short or long.
fn measurement_file() -> impl Strategy<Value = (Vec<Vec<String>>, bool)> {
    let heading = prop::sample::subsequence(
        vec![
            "Area Code",
            "Area Name",
            "Time period",
            "Value",
            "Count",
            "Denominator",
            "Lower CI 95.0 limit",
            "Upper CI 95.0 limit",
            "Indicator Name",
            "Compared to England",
        ],
        3..=10,
    )
    .prop_shuffle();
    (
        heading,
        prop::collection::vec(prop::collection::vec(cell(), 0..12), 0..25),
        any::<bool>(),
    )
        .prop_map(|(heading, rows, crlf)| {
            let mut out = vec![heading.into_iter().map(str::to_string).collect::<Vec<_>>()];
            out.extend(rows);
            (out, crlf)
        })
}

/// The whole import of a file's text as the upload runs it: records, columns, rows, tally.
fn import(text: &str, unit: Unit) -> Result<(), TestCaseError> {
    let parsed = records(text);
    said(&parsed)?;
    let Ok(rows) = parsed else { return Ok(()) };
    let Some((header, data)) = rows.split_first() else {
        return Ok(());
    };
    let map = guess_columns(header);
    said(&map)?;
    let Ok(map) = map else { return Ok(()) };
    let _ = map.describe(header);
    let (good, bad) = parse_rows(header, data, &map, unit);
    for b in &bad {
        prop_assert!(b.line >= 2, "a bad row's line: {b:?}");
        prop_assert!(
            !b.reason.trim().is_empty(),
            "a bad row without a reason: {b:?}"
        );
        prop_assert!(!b.to_string().is_empty());
    }
    for g in &good {
        if let Some(v) = g.value {
            prop_assert!(v.is_finite());
            prop_assert!(
                unit.check(v).is_ok(),
                "kept an impossible value {v} for {unit:?}"
            );
        }
    }
    prop_assert!(good.len() + bad.len() <= data.len());
    let county = AreaCode::parse("E10000014").expect("a county code");
    let tally = Tally::of(&good, bad.len(), |code| Place::of(code, &county, true));
    prop_assert_eq!(tally.rows, good.len() + bad.len());
    let _ = tally.lines();
    Ok(())
}

fn problems_explained(
    outcome: &Result<impl std::fmt::Debug, Vec<RowProblem>>,
) -> Result<(), TestCaseError> {
    if let Err(problems) = outcome {
        prop_assert!(!problems.is_empty(), "refused without a reason");
        for p in problems {
            prop_assert!(
                !p.message.trim().is_empty(),
                "a problem without a message: {p:?}"
            );
            prop_assert!(!p.to_string().is_empty());
        }
    }
    Ok(())
}

fn partnerships() -> Vec<(i64, String, String)> {
    vec![
        (1, "Gosport".into(), "gosport".into()),
        (
            2,
            "Fareham and Gosport".into(),
            "fareham-and-gosport".into(),
        ),
        (3, "Test Valley".into(), "test-valley".into()),
    ]
}

fn organisation_row() -> impl Strategy<Value = Vec<String>> {
    let name = prop_oneof![3 => "[A-Z][a-z]{2,12}( [A-Z][a-z]{2,10}){0,3}", 1 => field_text()];
    let kind = prop_oneof![
        3 => prop::sample::select(vec!["School", "Voluntary sector", "voluntary_sector", "Health", "Police", "Local authority", "Other"]).prop_map(str::to_string),
        1 => field_text()
    ];
    let ps = prop_oneof![
        3 => prop::sample::subsequence(vec!["Gosport", "fareham-and-gosport", "Test Valley", "Nowhere"], 0..=4).prop_map(|v| v.join("; ")),
        1 => field_text()
    ];
    (name, kind, ps).prop_map(|(a, b, c)| vec![a, b, c])
}

fn person_row() -> impl Strategy<Value = Vec<String>> {
    let name = prop_oneof![3 => "[A-Z][a-z]{1,10} [A-Z][a-z]{1,12}", 1 => field_text()];
    let email = prop_oneof![3 => "[a-z]{1,8}(\\.[a-z]{1,8})?@[a-z]{2,8}\\.(org|gov\\.uk)", 1 => field_text()];
    let role = prop_oneof![
        3 => prop::sample::select(vec!["Partnership chair", "chair", "member", "Partnership member", "District manager", "Board member", "Viewer", "Administrator", "admin"]).prop_map(str::to_string),
        1 => field_text()
    ];
    let scope = prop_oneof![
        3 => prop::sample::select(vec!["Gosport", "test-valley", "E07000088", "Fareham", ""]).prop_map(str::to_string),
        1 => field_text()
    ];
    (name, email, role, scope).prop_map(|(a, b, c, d)| vec![a, b, c, d])
}

proptest! {
    #![proptest_config(cases(600))]

    #[test]
    fn any_text_is_read_or_refused_with_a_reason(text in any::<String>(), unit in prop::sample::select(Unit::ALL.to_vec())) {
        import(&text, unit)?;
    }

    #[test]
    fn near_valid_measurement_files_never_panic((rows, crlf) in measurement_file(), unit in prop::sample::select(Unit::ALL.to_vec())) {
        import(&write_csv(&rows, crlf), unit)?;
    }

    #[test]
    fn quoted_fields_read_back_as_written(rows in prop::collection::vec(prop::collection::vec(any::<String>(), 1..6), 1..12), crlf in any::<bool>()) {
        let text = write_csv(&rows, crlf);
        prop_assert_eq!(records(&text).expect("a well-formed file"), rows);
    }

}

proptest! {
    #![proptest_config(cases(400))]

    #[test]
    fn organisation_lists_never_panic(rows in prop::collection::vec(organisation_row(), 0..30), crlf in any::<bool>(), junk in prop::option::of(any::<String>())) {
        let mut all = vec![vec!["name".to_string(), "type".into(), "partnerships".into()]];
        all.extend(rows);
        let mut text = write_csv(&all, crlf);
        if let Some(j) = junk { text.push_str(&j); }
        let ps = partnerships();
        let read = read_organisations(&text, &ps);
        problems_explained(&read)?;
        if let Ok(orgs) = read {
            for o in orgs {
                prop_assert!(!o.name.trim().is_empty());
                prop_assert!(o.partnerships.iter().all(|id| ps.iter().any(|p| p.0 == *id)));
            }
        }
        problems_explained(&read_organisations(&junk_only(&text), &ps))?;
    }

    #[test]
    fn people_lists_never_panic(rows in prop::collection::vec(person_row(), 0..30), crlf in any::<bool>(), junk in prop::option::of(any::<String>())) {
        let mut all = vec![vec!["Name".to_string(), "E-mail".into(), "email".into(), "Role".into(), "Partnership or district".into()]];
        all.extend(rows.into_iter().map(|r| vec![r[0].clone(), String::new(), r[1].clone(), r[2].clone(), r[3].clone()]));
        let mut text = write_csv(&all, crlf);
        if let Some(j) = junk { text.push_str(&j); }
        let ps = partnerships();
        let districts = vec![(10, "E07000088".to_string(), "Gosport".to_string()), (11, "E07000087".into(), "Fareham".into())];
        let emails: BTreeSet<String> = ["taken@example.org".to_string()].into();
        let chaired: BTreeSet<i64> = [1].into();
        let ctx = PeopleContext { partnerships: &ps, districts: &districts, emails: &emails, chaired: &chaired };
        problems_explained(&read_people(&text, &ctx))?;
        problems_explained(&read_people(&junk_only(&text), &ctx))?;
    }

    #[test]
    fn any_text_as_a_setup_list_is_refused_with_a_reason(text in any::<String>()) {
        let ps = partnerships();
        problems_explained(&read_organisations(&text, &ps))?;
        let (emails, chaired) = (BTreeSet::new(), BTreeSet::new());
        let ctx = PeopleContext { partnerships: &ps, districts: &[], emails: &emails, chaired: &chaired };
        problems_explained(&read_people(&text, &ctx))?;
    }
}

/// The file cut at an arbitrary character (as an interrupted upload leaves it).
fn junk_only(text: &str) -> String {
    let n = text.chars().count();
    text.chars().take(n / 2 + n % 7).collect()
}
