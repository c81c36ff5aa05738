//! The Word, Excel and CSV exports of a plan, read back with independent readers.

use app::domain::plan::{
    ActionStatus, Commissioning, IndicatorRef, Measure, Plan, PlanAction, PlanStatus, Priority,
};
use app::domain::{PlanYear, Polarity};
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use chrono::NaiveDate;
use server::export::{actions_csv, measures_csv, plan_docx, plan_xlsx};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

const MULTI_LINE: &str =
    "Review referrals, with schools and \"Early Help\" leads\nthen agree one route in";
const FORMULA: &str = "=HYPERLINK(\"http://example.com\",\"Click\")";

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

fn measure(id: i64, code: &str, baseline: f64, target: f64, due: Option<NaiveDate>) -> Measure {
    Measure {
        id,
        revision: 1,
        indicator_code: Some(code.into()),
        baseline: Some(baseline),
        baseline_period: Some("2025/26".into()),
        target: Some(target),
        due,
    }
}

#[allow(clippy::too_many_arguments)]
fn action(
    id: i64,
    description: &str,
    lead: i64,
    supporting: Vec<i64>,
    due: Option<NaiveDate>,
    pooled: Option<i64>,
    commissioning: Commissioning,
    status: ActionStatus,
) -> PlanAction {
    PlanAction {
        id,
        revision: 1,
        description: description.into(),
        lead_partner: Some(lead),
        supporting_partners: supporting,
        start: d(2026, 4, 1),
        due,
        resources: "Two youth workers, 0.5 FTE".into(),
        pooled_budget_pence: pooled,
        commissioning,
        status,
    }
}

fn indicator(code: &str, title: &str, polarity: Polarity, unit: &str) -> (String, IndicatorRef) {
    (
        code.to_string(),
        IndicatorRef {
            code: code.into(),
            title: title.into(),
            polarity,
            unit: unit.into(),
        },
    )
}

fn sample() -> Plan {
    Plan {
        id: 7,
        partnership_id: 3,
        partnership_name: "Ashford & Tenterden Children's Partnership".into(),
        partnership_slug: "ashford-tenterden".into(),
        year: PlanYear::new(2026).unwrap(),
        version: 2,
        status: PlanStatus::Submitted,
        revision: 12,
        needs_summary: "Under-18 conception rates remain above the county average.\n\nSmoking in pregnancy is falling.".into(),
        young_people_said: "There is nothing to do after school.".into(),
        young_people_version: None,
        priorities: vec![
            Priority {
                id: 1,
                revision: 1,
                title: "Reducing teenage conceptions".into(),
                mandated: true,
                added_later: false,
                outcome: "Fewer under-18 conceptions".into(),
                champion: Some("Ruth Adeyemi".into()),
                challenger: Some("Jo Marsh".into()),
                measures: vec![
                    measure(10, "NI 112", 24.1, 20.0, d(2027, 3, 31)),
                    measure(11, "LCP 4", -2.5, 1.5, d(2027, 9, 30)),
                ],
                actions: vec![
                    action(
                        100,
                        "Run drop-in sexual health clinics in every secondary school",
                        1,
                        vec![2, 3],
                        d(2027, 3, 31),
                        Some(1_250_050),
                        Commissioning::Commissions,
                        ActionStatus::OnTrack,
                    ),
                    action(
                        101,
                        MULTI_LINE,
                        2,
                        vec![],
                        d(2026, 12, 31),
                        None,
                        Commissioning::Neither,
                        ActionStatus::NotStarted,
                    ),
                ],
            },
            Priority {
                id: 2,
                revision: 1,
                title: "Things to do after school".into(),
                mandated: false,
                added_later: false,
                outcome: "More young people take part in clubs".into(),
                champion: None,
                challenger: None,
                measures: vec![measure(20, "LCP 9", 31.0, 40.0, d(2028, 3, 31))],
                actions: vec![action(
                    200,
                    FORMULA,
                    3,
                    vec![1],
                    d(2027, 6, 30),
                    Some(5),
                    Commissioning::Decommissions,
                    ActionStatus::AtRisk,
                )],
            },
        ],
        organisations: BTreeMap::from([
            (1, "Public Health".to_string()),
            (2, "Ashford Youth Service".to_string()),
            (3, "Ashford Borough Council".to_string()),
        ]),
        indicators: BTreeMap::from([
            indicator(
                "NI 112",
                "Under-18 conception rate",
                Polarity::LowerIsBetter,
                "per 1,000 girls aged 15–17",
            ),
            indicator(
                "LCP 4",
                "Change in smoking at delivery",
                Polarity::LowerIsBetter,
                "percentage points",
            ),
            indicator(
                "LCP 9",
                "Young people in clubs",
                Polarity::HigherIsBetter,
                "%",
            ),
        ]),
    }
}

fn all_actions(plan: &Plan) -> Vec<&PlanAction> {
    plan.priorities.iter().flat_map(|p| &p.actions).collect()
}

fn all_measures(plan: &Plan) -> Vec<&Measure> {
    plan.priorities.iter().flat_map(|p| &p.measures).collect()
}

// ---------------------------------------------------------------------------------------------
// Word

/// Undoes XML's escaping of text.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').expect("an entity ends with a semicolon");
        let entity = &rest[1..end];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            e if e.starts_with("#x") => {
                char::from_u32(u32::from_str_radix(&e[2..], 16).unwrap()).unwrap()
            }
            e if e.starts_with('#') => char::from_u32(e[1..].parse().unwrap()).unwrap(),
            e => panic!("unknown entity &{e};"),
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The text of every `<w:t>` element of a WordprocessingML document, unescaped, one a line.
fn word_texts(xml: &str) -> String {
    let mut texts = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<w:t") {
        rest = &rest[start + 4..];
        // Not <w:tbl>, <w:tc>, <w:tr> and the like.
        if !rest.starts_with(['>', ' ']) {
            continue;
        }
        let open_end = rest.find('>').unwrap();
        if rest[..open_end].ends_with('/') {
            rest = &rest[open_end + 1..];
            continue;
        }
        rest = &rest[open_end + 1..];
        let close = rest.find("</w:t>").expect("<w:t> is closed");
        texts.push(unescape(&rest[..close]));
        rest = &rest[close..];
    }
    texts.join("\n")
}

fn document_xml(docx: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("a docx is a zip");
    for required in ["[Content_Types].xml", "word/styles.xml"] {
        assert!(archive.by_name(required).is_ok(), "{required} is missing");
    }
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn docx_holds_the_whole_plan() {
    let plan = sample();
    let xml = document_xml(&plan_docx(&plan).unwrap());
    assert!(
        xml.contains("Ashford &amp; Tenterden"),
        "the ampersand is escaped"
    );
    assert!(!xml.contains("=HYPERLINK(\"http"), "quotes are escaped");

    let text = word_texts(&xml);
    for expected in [
        "Ashford & Tenterden Children's Partnership: local delivery plan 2026/27",
        "Version 2. Status: Submitted.",
        "Needs analysis",
        "Under-18 conception rates remain above the county average.",
        "Smoking in pregnancy is falling.",
        "What children and young people told us",
        "There is nothing to do after school.",
        "Reducing teenage conceptions (set by the Trust Board)",
        "Fewer under-18 conceptions",
        "Ruth Adeyemi",
        "Jo Marsh",
        "24.1 (2025/26)",
        "-2.5 (2025/26)",
        "31 March 2027",
        "30 September 2027",
        "1 April 2026",
        "£12,500.50",
        "£0.05",
        "Public Health",
        "Ashford Youth Service; Ashford Borough Council",
        "Commissions a service",
        "On track",
        "At risk",
        "NI 112 Under-18 conception rate (per 1,000 girls aged 15–17)",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} is missing from\n{text}"
        );
    }
    assert!(text.contains("Things to do after school"));
    assert!(
        !text.contains("Things to do after school (set by"),
        "only mandated priorities say the Board set them"
    );
    for p in &plan.priorities {
        assert!(text.contains(&p.title), "{}", p.title);
    }
    for m in all_measures(&plan) {
        let code = m.indicator_code.as_deref().unwrap();
        assert!(text.contains(code), "{code}");
    }
    for a in all_actions(&plan) {
        assert!(
            text.contains(&a.description),
            "{:?} is missing",
            a.description
        );
    }
    for header in [
        "Indicator",
        "Baseline",
        "Target",
        "Due",
        "Action",
        "Lead partner",
        "Supporting partners",
        "Start",
        "Resources",
        "Pooled budget",
        "Commissioning",
        "Status",
    ] {
        assert!(text.lines().any(|l| l == header), "{header} column");
    }
    assert_eq!(xml.matches("<w:tbl>").count(), 4, "two tables a priority");
}

#[test]
fn docx_of_an_empty_plan_says_what_is_missing() {
    let mut plan = sample();
    plan.priorities.clear();
    plan.needs_summary = " ".into();
    plan.young_people_said.clear();
    let text = word_texts(&document_xml(&plan_docx(&plan).unwrap()));
    assert!(text.contains("No needs analysis has been written yet."));
    assert!(text.contains("This plan has no priorities yet."));
}

// ---------------------------------------------------------------------------------------------
// Excel

fn date_of(cell: &Data) -> NaiveDate {
    match cell {
        Data::DateTime(dt) => dt.as_datetime().expect("a valid date").date(),
        other => panic!("expected a date, found {other:?}"),
    }
}

fn float_of(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("expected a number, found {other:?}"),
    }
}

fn string_of(cell: &Data) -> &str {
    match cell {
        Data::String(s) => s,
        other => panic!("expected text, found {other:?}"),
    }
}

#[test]
fn xlsx_has_values_excel_can_use() {
    let plan = sample();
    let bytes = plan_xlsx(&plan).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
    assert_eq!(book.sheet_names(), vec!["Measures", "Actions"]);

    let measures = book.worksheet_range("Measures").unwrap();
    let rows: Vec<&[Data]> = measures.rows().collect();
    assert_eq!(rows.len(), 1 + all_measures(&plan).len());
    assert_eq!(string_of(&rows[0][0]), "Priority");
    assert_eq!(string_of(&rows[0][7]), "Due");
    for (row, m) in rows[1..].iter().zip(all_measures(&plan)) {
        assert_eq!(string_of(&row[1]), m.indicator_code.as_deref().unwrap());
        assert_eq!(float_of(&row[4]), m.baseline.unwrap());
        assert_eq!(float_of(&row[6]), m.target.unwrap());
        assert_eq!(date_of(&row[7]), m.due.unwrap());
    }
    assert_eq!(string_of(&rows[1][0]), "Reducing teenage conceptions");
    assert_eq!(string_of(&rows[3][0]), "Things to do after school");
    assert_eq!(string_of(&rows[1][2]), "Under-18 conception rate");
    assert_eq!(float_of(&rows[2][4]), -2.5);

    let actions = book.worksheet_range("Actions").unwrap();
    let rows: Vec<&[Data]> = actions.rows().collect();
    assert_eq!(rows.len(), 1 + all_actions(&plan).len());
    assert_eq!(string_of(&rows[0][7]), "Pooled budget");
    for (row, a) in rows[1..].iter().zip(all_actions(&plan)) {
        assert_eq!(string_of(&row[1]), a.description, "text is kept as text");
        assert_eq!(date_of(&row[4]), a.start.unwrap());
        assert_eq!(date_of(&row[5]), a.due.unwrap());
        match a.pooled_budget_pence {
            Some(p) => assert_eq!(float_of(&row[7]), p as f64 / 100.0),
            None => assert_eq!(row[7], Data::Empty),
        }
        assert_eq!(string_of(&row[9]), a.status.label());
    }
    assert_eq!(string_of(&rows[1][2]), "Public Health");
    assert_eq!(
        string_of(&rows[1][3]),
        "Ashford Youth Service; Ashford Borough Council"
    );
    assert_eq!(float_of(&rows[1][7]), 12_500.5);
    assert_eq!(string_of(&rows[3][0]), "Things to do after school");
}

#[test]
fn xlsx_formats_dates_money_and_the_header() {
    let bytes = plan_xlsx(&sample()).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut styles = String::new();
    archive
        .by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    assert!(styles.contains("dd/mm/yyyy"), "{styles}");
    assert!(styles.contains("£#,##0.00"), "{styles}");
    assert!(styles.contains("<b/>"), "a bold header");
    let mut sheet = String::new();
    archive
        .by_name("xl/worksheets/sheet2.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(
        sheet.contains("state=\"frozen\""),
        "the header row is frozen"
    );
    assert!(sheet.contains("<col "), "columns have widths");
}

// ---------------------------------------------------------------------------------------------
// CSV

/// A strict RFC 4180 reader: every record ends with CRLF, quoted fields may hold commas,
/// doubled quotes and line breaks, and a quote may not appear inside an unquoted field.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    assert!(text.ends_with("\r\n"), "the last record ends with CRLF");
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    quoted = false;
                    assert!(
                        matches!(chars.peek(), Some(',') | Some('\r')),
                        "a closing quote ends its field"
                    );
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            '"' => panic!("a quote inside an unquoted field: {field}"),
            ',' => {
                record.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR is followed by LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                at_field_start = true;
            }
            '\n' => panic!("a bare LF ends a record"),
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    assert!(!quoted, "every quoted field is closed");
    records
}

#[test]
fn measures_csv_reads_back() {
    let plan = sample();
    let records = parse_csv(&measures_csv(&plan));
    assert_eq!(
        records[0],
        [
            "Priority",
            "Indicator code",
            "Indicator",
            "Unit",
            "Baseline",
            "Baseline period",
            "Target",
            "Due"
        ]
    );
    assert_eq!(records.len(), 1 + all_measures(&plan).len());
    assert!(records.iter().all(|r| r.len() == 8));
    assert_eq!(
        records[1],
        [
            "Reducing teenage conceptions",
            "NI 112",
            "Under-18 conception rate",
            "per 1,000 girls aged 15–17",
            "24.1",
            "2025/26",
            "20",
            "2027-03-31"
        ]
    );
    assert_eq!(records[2][4], "-2.5", "a negative number is not defused");
    assert_eq!(records[2][6], "1.5");
    assert_eq!(records[3][0], "Things to do after school");
    assert_eq!(records[3][7], "2028-03-31");
}

#[test]
fn actions_csv_reads_back() {
    let plan = sample();
    let text = actions_csv(&plan);
    let records = parse_csv(&text);
    assert_eq!(records.len(), 1 + all_actions(&plan).len());
    assert!(records.iter().all(|r| r.len() == 10), "{records:?}");
    assert_eq!(records[0][1], "Action");
    assert_eq!(records[0][7], "Pooled budget (pounds)");
    assert_eq!(
        records[1],
        [
            "Reducing teenage conceptions",
            "Run drop-in sexual health clinics in every secondary school",
            "Public Health",
            "Ashford Youth Service; Ashford Borough Council",
            "2026-04-01",
            "2027-03-31",
            "Two youth workers, 0.5 FTE",
            "12500.50",
            "Commissions a service",
            "On track"
        ]
    );
    assert_eq!(
        records[2][1], MULTI_LINE,
        "the multi-line description survives"
    );
    assert_eq!(records[2][7], "", "no pooled budget is blank");
    assert_eq!(
        records[3][1],
        format!("'{FORMULA}"),
        "formula-looking text is defused"
    );
    assert_eq!(records[3][7], "0.05");
    assert_eq!(records[3][8], "De-commissions a service");

    // The shared importer reads the same records.
    assert_eq!(app::domain::import::records(&text).unwrap(), records);
}
