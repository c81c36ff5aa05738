//! The reading and checking of measurement files.

use super::*;

#[test]
fn a_mapping_is_described_by_its_headings() {
    let header: Vec<String> = ["Area Code", "Year", "Value", "Count"]
        .map(String::from)
        .to_vec();
    let map = guess_columns(&header).unwrap();
    let d = map.describe(&header);
    assert_eq!(d["area_code"], "Area Code (column 1)");
    assert_eq!(d["value"], "Value (column 3)");
    assert_eq!(d["count"], "Count (column 4)");
    assert!(!d.contains_key("denominator"), "{d:?}");
}

#[test]
fn records_follow_rfc_4180() {
    let text = "\u{feff}a,b,c\r\n\"Bristol, City of\",\"say \"\"hi\"\"\",3\n\"two\nlines\",x,\n";
    let r = records(text).unwrap();
    assert_eq!(r.len(), 3);
    assert_eq!(r[0], ["a", "b", "c"]);
    assert_eq!(r[1], ["Bristol, City of", "say \"hi\"", "3"]);
    assert_eq!(r[2], ["two\nlines", "x", ""]);
    assert_eq!(
        records("a,b").unwrap(),
        vec![vec!["a".to_string(), "b".to_string()]],
        "no final newline"
    );
}

fn header(h: &str) -> Vec<String> {
    h.split(',').map(str::to_string).collect()
}

#[test]
fn columns_are_recognised_by_heading() {
    let map = guess_columns(&header(
        "area_code,area_name,period,value,indicator,measure,unit,significance",
    ))
    .unwrap();
    assert_eq!(
        (map.area_code, map.period, map.value, map.indicator),
        (0, 2, 3, Some(4))
    );
    let map = guess_columns(&header(
        "Area Code,Time period,Value,Lower CI,Upper CI,Count,Denominator",
    ))
    .unwrap();
    assert_eq!(
        (map.ci_lower, map.ci_upper, map.count, map.denominator),
        (Some(3), Some(4), Some(5), Some(6))
    );
    assert!(guess_columns(&header("name,value"))
        .unwrap_err()
        .0
        .contains("there is no column for the area code"));
}

#[test]
fn rows_are_parsed_or_named() {
    let rows = records(
        "E07000084,Basingstoke and Deane,2016/17,12.5,,\n\
         E07000085,East Hampshire,2016/17,NA,,\n\
         E07000086,Eastleigh,2016/17,*,,\n\
         E07000087,Fareham,Q1 2016/17,:,,\n\
         NOTACODE,Nowhere,2016/17,1,,\n\
         E07000088,Gosport,sometime,1,,\n\
         E07000089,Hart,2016,twelve,,\n\
         E07000090,Havant,2016,5,9,3\n\
         E07000091,New Forest,2016-04,0,1,2\n",
    )
    .unwrap();
    let map = ColumnMap {
        area_code: 0,
        area_name: Some(1),
        period: 2,
        value: 3,
        count: None,
        denominator: None,
        ci_lower: Some(4),
        ci_upper: Some(5),
        indicator: None,
        significance: None,
    };
    let header = header("area_code,area_name,period,value,lci,uci");
    let (good, bad) = parse_rows(&header, &rows, &map, Unit::Percentage);
    assert_eq!(good.len(), 5);
    assert_eq!(good[0].value, Some(12.5));
    assert!(
        good[1..4].iter().all(|r| r.value.is_none()),
        "NA, * and : are missing, not zero"
    );
    assert_eq!(good[4].value, Some(0.0), "a real zero is kept");
    assert_eq!(good[4].ci, Some((1.0, 2.0)));
    let lines: Vec<_> = bad.iter().map(|e| e.line).collect();
    assert_eq!(lines, [6, 7, 8, 9]);
    assert!(bad[0].reason.contains("not an ONS area code"));
    assert!(bad[1].reason.contains("not a period"));
    assert!(bad[2].reason.contains("'twelve' is not a number"));
    assert!(bad[3].reason.contains("lower confidence limit is above"));
}

/// The real published files beside the repository (never copied into it).
fn shared(name: &str) -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/indicators")
        .join(name);
    std::fs::read_to_string(path).ok()
}

#[test]
fn the_real_indicator_files_parse_completely() {
    for (file, hampshire, england) in [
        ("low_income_families.csv", 121, 11),
        ("excess_weight_reception.csv", 132, 12),
    ] {
        let Some(text) = shared(file) else {
            panic!("../shared/data/indicators/{file} is missing: the tests read the shared data beside the repository");
        };
        let all = records(&text).unwrap();
        let map = guess_columns(&all[0]).unwrap();
        let (good, bad) = parse_rows(&all[0], &all[1..], &map, Unit::Percentage);
        assert!(bad.is_empty(), "{file}: {:?}", &bad[..bad.len().min(3)]);
        assert!(good.len() > 3000, "{file}: {} rows", good.len());
        let in_hampshire = good
            .iter()
            .filter(|r| ("E07000084".."E07000095").contains(&r.area_code.as_str()))
            .count();
        assert_eq!(in_hampshire, hampshire, "{file}");
        assert_eq!(
            good.iter()
                .filter(|r| r.area_code.as_str() == "E92000001")
                .count(),
            england,
            "{file}"
        );
        assert!(
            good.iter().any(|r| r.value.is_none()) || file.starts_with("excess"),
            "{file}: NA is kept as missing"
        );
    }
}

#[test]
fn an_unclosed_quote_is_reported_on_the_line_it_opened() {
    // An 11-line file whose quote opens on line 7 and is never closed.
    let mut lines: Vec<String> = (1..=11)
        .map(|i| format!("E070000{:02},Area {i},2016/17,{i}", 80 + i))
        .collect();
    lines[6] = "E07000087,\"Fareham,2016/17,3".into();
    let text = lines.join("\n") + "\n";
    assert_eq!(
        records(&text).unwrap_err().0,
        "Line 7: a quoted field opened on this line is never closed (a \" is missing)"
    );
    // Opened on the last line, with no final newline.
    assert!(records("a,b\nc,\"d").unwrap_err().0.starts_with("Line 2: "));
    // A closed quote spanning lines does not move the line of a later one.
    assert!(records("a,\"two\nlines\"\nb,c\n\"open\n")
        .unwrap_err()
        .0
        .starts_with("Line 4: "));
}

/// The heading and rows of a real-looking file (Eastleigh's reception-year excess weight).
fn eastleigh(rows: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let text =
        std::iter::once("area_code,area_name,period,value,indicator,measure,unit,significance")
            .chain(rows.iter().copied())
            .collect::<Vec<_>>()
            .join("\n");
    let mut all = records(&text).unwrap();
    let body = all.split_off(1);
    (all.remove(0), body)
}

fn named(bad: &[RowError]) -> Vec<String> {
    bad.iter().map(ToString::to_string).collect()
}

#[test]
fn figures_the_unit_cannot_hold_are_named_by_line() {
    let (header, rows) = eastleigh(&[
        "E07000086,Eastleigh,2016/17,21.9,Excess weight,Percentage,Persons,Similar",
        "E07000086,Eastleigh,2017/18,-5,Excess weight,Percentage,Persons,Similar",
        "E07000086,Eastleigh,2018/19,150,Excess weight,Percentage,Persons,Similar",
        "E07000086,Eastleigh,2019/20,100,Excess weight,Percentage,Persons,Similar",
        "E07000086,Eastleigh,2020/21,0,Excess weight,Percentage,Persons,Similar",
    ]);
    let map = guess_columns(&header).unwrap();
    let (good, bad) = parse_rows(&header, &rows, &map, Unit::Percentage);
    assert_eq!(
        named(&bad),
        [
            "Line 3: the value -5 is not possible: a percentage must be from 0 to 100",
            "Line 4: the value 150 is not possible: a percentage must be from 0 to 100",
        ]
    );
    assert_eq!(good.len(), 3, "0 and 100 are possible percentages");
    // The same figures as a rate: 150 is possible, -5 is not.
    let (good, bad) = parse_rows(&header, &rows, &map, Unit::RatePer1000);
    assert_eq!(
        named(&bad),
        ["Line 3: the value -5 is not possible: a rate cannot be negative"]
    );
    assert_eq!(good.len(), 4);
    // A count must be whole.
    let (_, bad) = parse_rows(&header, &rows[..1], &map, Unit::Count);
    assert_eq!(
        named(&bad),
        ["Line 2: the value 21.9 is not possible: a count must be a whole number, 0 or more"]
    );
    // Confidence limits are figures in the unit too.
    let header: Vec<String> = ["Area Code", "Time period", "Value", "Lower CI", "Upper CI"]
        .map(String::from)
        .to_vec();
    let map = guess_columns(&header).unwrap();
    let rows = records("E07000086,2016/17,2.1,-1.5,5.2\n").unwrap();
    let (_, bad) = parse_rows(&header, &rows, &map, Unit::Percentage);
    assert_eq!(
        named(&bad),
        ["Line 2: the lower confidence limit -1.5 is not possible: a percentage must be from 0 to 100"]
    );
}

#[test]
fn a_row_without_its_value_is_named_by_line() {
    let (header, rows) = eastleigh(&[
        "E07000086,Eastleigh,2016/17,21.9,Excess weight,Percentage,Persons,Similar",
        "E07000086,Eastleigh,2017/18",
        "E07000086,Eastleigh,2018/19,22.5,Excess weight,Percentage,Persons",
        "E07000086,Eastleigh,2019/20,NA,Excess weight,Percentage,Persons,Not compared",
    ]);
    let map = guess_columns(&header).unwrap();
    let (good, bad) = parse_rows(&header, &rows, &map, Unit::Percentage);
    assert_eq!(
        named(&bad),
        [
            "Line 3: the row has 3 fields where the headings have 8: there is no value column",
            "Line 4: the row has 7 fields where the headings have 8: a field is missing",
        ]
    );
    assert_eq!(good.len(), 2);
    assert_eq!(
        good[1].value, None,
        "NA is suppressed, not a missing column"
    );
    // A heading without a value column is named by its line too.
    let header: Vec<String> = ["area_code", "area_name", "period", "count"]
        .map(String::from)
        .to_vec();
    assert_eq!(
        guess_columns(&header).unwrap_err().0,
        "Line 1 (the headings): there is no column for the value: expected a heading such as 'value'"
    );
}

#[test]
fn a_second_row_for_an_area_and_period_names_the_first() {
    let mut lines: Vec<String> = (0..8)
        .map(|i| {
            format!(
                "E07000086,Eastleigh,20{:02}/{:02},2{i}.5,Excess weight,Percentage,Persons,Similar",
                12 + i,
                13 + i
            )
        })
        .collect();
    // Line 14 repeats line 9 (2019/20), with another value; line 15 repeats it in other words.
    lines.push(
        "E07000084,Basingstoke and Deane,2019/20,20.1,Excess weight,Percentage,Persons,Similar"
            .into(),
    );
    lines.push(
        "E07000085,East Hampshire,2019/20,19.0,Excess weight,Percentage,Persons,Better".into(),
    );
    lines.push(
        "E07000085,East Hampshire,2018/19,19.0,Excess weight,Percentage,Persons,Better".into(),
    );
    lines.push("E07000087,Fareham,2019/20,18.0,Excess weight,Percentage,Persons,Better".into());
    lines.push("E07000086,Eastleigh,2019/20,31.0,Excess weight,Percentage,Persons,Worse".into());
    lines.push("e07000086 ,Eastleigh, 2019/20 ,31.0,Excess weight,Percentage,Persons,Worse".into());
    let rows: Vec<&str> = lines.iter().map(String::as_str).collect();
    let (header, rows) = eastleigh(&rows);
    let map = guess_columns(&header).unwrap();
    let (good, bad) = parse_rows(&header, &rows, &map, Unit::Percentage);
    assert_eq!(
        named(&bad),
        [
            "Line 14: this area and period duplicates line 9 (E07000086, 2019/20)",
            "Line 15: this area and period duplicates line 9 (E07000086, 2019/20)",
        ]
    );
    assert_eq!(good.len(), 12);
    assert_eq!(
        good.iter().find(|r| r.line == 9).map(|r| r.value),
        Some(Some(27.5)),
        "the first row stays; the later one does not silently win"
    );
}

#[test]
fn a_significance_column_is_kept_as_published() {
    let (header, rows) = eastleigh(&[
        "E07000086,Eastleigh,2016/17,21.9,Excess weight,Percentage,Persons,Similar",
        "E07000086,Eastleigh,2017/18,24.0,Excess weight,Percentage,Persons,Worse 99.8%",
        "E07000086,Eastleigh,2018/19,22.0,Excess weight,Percentage,Persons,",
    ]);
    let map = guess_columns(&header).unwrap();
    assert_eq!(map.significance, Some(7));
    assert_eq!(
        map.describe(&header)["significance"],
        "significance (column 8)"
    );
    let (good, bad) = parse_rows(&header, &rows, &map, Unit::Percentage);
    assert!(bad.is_empty(), "{bad:?}");
    let kept: Vec<_> = good.iter().map(|r| r.significance.as_deref()).collect();
    assert_eq!(kept, [Some("Similar"), Some("Worse 99.8%"), None]);
    // The heading of Fingertips exports.
    let header: Vec<String> = [
        "Area Code",
        "Time period",
        "Value",
        "Compared to England value or percentiles",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(guess_columns(&header).unwrap().significance, Some(3));
    // Files without one still read.
    let header: Vec<String> = ["area_code", "period", "value"].map(String::from).to_vec();
    assert_eq!(guess_columns(&header).unwrap().significance, None);
}

#[test]
fn the_tally_says_what_every_row_is_for() {
    let county = AreaCode::parse("E10000014").unwrap();
    let known = |c: &AreaCode| ["E07000086", "E10000014", "E92000001"].contains(&c.as_str());
    let place = |c: &AreaCode| Place::of(c, &county, known(c));
    let (header, rows) = eastleigh(&[
        "E07000086,Eastleigh,2016/17,21.9,Excess weight,Percentage,Persons,Similar",
        "E07000086,Eastleigh,2017/18,NA,Excess weight,Percentage,Persons,Not compared",
        "E10000014,Hampshire,2016/17,21.0,Excess weight,Percentage,Persons,Better",
        "E92000001,England,2016/17,22.6,Excess weight,Percentage,Persons,Not compared",
        "E12000008,South East,2016/17,x,Excess weight,Percentage,Persons,Not compared",
        "E07000004,Aylesbury Vale,2016/17,NA,Excess weight,Percentage,Persons,Not compared",
        "E06000001,Hartlepool,2016/17,25.0,Excess weight,Percentage,Persons,Worse",
        "E06000001,Hartlepool,2016/17,25.0,Excess weight,Percentage,Persons,Worse",
    ]);
    let map = guess_columns(&header).unwrap();
    let (good, bad) = parse_rows(&header, &rows, &map, Unit::Percentage);
    let t = Tally::of(&good, bad.len(), place);
    assert_eq!(
        t,
        Tally {
            rows: 8,
            area_rows: 2,
            county_rows: 1,
            comparator_rows: 2,
            skipped_outside: 2,
            suppressed: 2,
            bad: 1,
        },
        "suppressed values are counted among the rows kept"
    );
    assert_eq!(t.kept(), 5);
    let big = Tally {
        rows: 3936,
        area_rows: 132,
        county_rows: 0,
        comparator_rows: 12,
        skipped_outside: 3792,
        suppressed: 7,
        bad: 0,
    };
    let lines: Vec<String> = big
        .lines()
        .into_iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    assert_eq!(
        lines,
        [
            "Rows in the file: 3,936",
            "Rows for the Trust and its comparators: 144 rows: 132 for partnership areas, 0 for the county, 12 for comparators (England and regions)",
            "Rows for areas outside the Trust: 3,792 rows, skipped",
            "Suppressed values: 7 (such as NA or x): kept as missing, never as zero",
            "Rows with errors: 0",
        ]
    );
}
