//! Property-based tests over every parser of untrusted input: CSV files (measurements,
//! organisations, people), boundary files (GeoJSON, TopoJSON), every form, and the small values
//! people type (periods, dates, money, numbers, e-mail addresses, join codes, codes). Each is
//! fed arbitrary text and near-valid input (valid files and forms with mutated parts): it must
//! never panic, every refusal must say why, and where a value can be written back out, reading
//! what was written gives the value again.
//!
//! `cargo test -p app --features ssr --test hostile_input` (the case counts are in each
//! `proptest!` block's config; `PROPTEST_CASES` is ignored so the run time stays fixed).

mod csv;
mod forms;
mod geo;
mod values;

use proptest::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// A fixed number of cases, no failure files written into the source tree.
pub fn cases(n: u32) -> ProptestConfig {
    ProptestConfig {
        cases: n,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Text that looks like what people type into a field, give or take a mistake: numbers,
/// money, dates, times, periods, codes, choices, addresses, and the odd extreme.
pub fn near_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| f.to_string()),
        "[-+£ ]{0,2}[0-9,]{0,25}(\\.[0-9]{0,6})?%?",
        (0u32..40, 0u32..15, -3000i32..300000).prop_map(|(d, m, y)| format!("{d}/{m}/{y}")),
        (0u32..40, "[A-Za-z]{0,12}", 0i32..5000).prop_map(|(d, m, y)| format!("{d} {m} {y}")),
        "[0-9]{1,6}-[0-9]{1,3}-[0-9]{1,3}",
        "[0-9]{1,3}[:.][0-9]{1,3}",
        "([Qq][0-9] )?[0-9]{1,6}(/[0-9]{1,4}|-[0-9]{1,3})?",
        "[A-Z][0-9]{8}",
        "[a-z_]{1,20}",
        "[a-z.]{0,10}@[a-z.]{0,10}",
        "[A-Za-z0-9 -]{0,9}",
        prop::sample::select(vec![
            "on",
            "yes",
            "no",
            "true",
            "",
            " ",
            "NaN",
            "inf",
            "-inf",
            "-0",
            "1e309",
            "0",
            "-1",
            "4",
            "99999999999999999999",
            "\u{feff}",
            "\r\n",
            "\"",
            "£",
            "…",
            "ß",
            "İ",
            "ǅ",
        ])
        .prop_map(str::to_string),
    ]
}

/// Anything a field might hold: arbitrary Unicode, near-valid text, or something very long.
pub fn field_text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => near_text(),
        5 => any::<String>(),
        1 => (near_text(), 1usize..2_000).prop_map(|(s, n)| s.repeat(n.min(12_000 / s.len().max(1)).max(1))),
        1 => prop::collection::vec(any::<char>(), 0..12_000).prop_map(|v| v.into_iter().collect()),
    ]
}

/// The keys of a form's checkbox or per-item fields: ids near the ones offered, and junk.
pub fn field_key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0i64..6).prop_map(|n| n.to_string()),
        1 => "-?[0-9]{1,25}",
        1 => "(action|measure|a|m)-[0-9]{1,2}(-[a-z]{1,12})?",
        1 => "[a-z_]{1,24}",
        1 => any::<String>(),
    ]
}

/// A form's fields as a browser could send them: a text per field (some left out), and a map
/// for each field that is one (checkboxes, per-item notes).
#[derive(Debug, Clone)]
pub struct RawForm {
    pub texts: Vec<Option<String>>,
    pub maps: Vec<BTreeMap<String, String>>,
}

pub fn raw_form() -> impl Strategy<Value = RawForm> {
    (
        prop::collection::vec(prop::option::weighted(0.9, field_text()), 16),
        prop::collection::vec(
            prop::collection::btree_map(field_key(), field_text(), 0..8),
            16,
        ),
    )
        .prop_map(|(texts, maps)| RawForm { texts, maps })
}

/// Builds form `T` (declared with `form!`, so every field is optional in JSON) from `raw`:
/// a field that does not take text is given a map.
pub fn build<T: DeserializeOwned>(fields: &[app::domain::form::Field], raw: &RawForm) -> T {
    let mut obj = serde_json::Map::new();
    for (i, f) in fields.iter().enumerate() {
        let key = f.key().to_string();
        let is_map = serde_json::from_value::<T>(serde_json::json!({ key.clone(): "x" })).is_err();
        let value = if is_map {
            serde_json::to_value(&raw.maps[i % raw.maps.len()]).expect("a map")
        } else {
            match &raw.texts[i % raw.texts.len()] {
                Some(t) => serde_json::Value::String(t.clone()),
                None => continue,
            }
        };
        obj.insert(key, value);
    }
    serde_json::from_value(serde_json::Value::Object(obj))
        .expect("every form field accepts text or a map")
}

/// A refusal as a form shows it: at least one problem, every message written out.
pub fn explained<T: std::fmt::Debug>(
    outcome: &Result<T, Vec<app::domain::plan::Problem>>,
) -> Result<(), TestCaseError> {
    if let Err(problems) = outcome {
        prop_assert!(!problems.is_empty(), "refused without a reason");
        for p in problems {
            prop_assert!(
                !p.message.trim().is_empty(),
                "a problem without a message: {p:?}"
            );
        }
    }
    Ok(())
}

/// A refusal as a single message: not blank.
pub fn said<T: std::fmt::Debug>(
    outcome: &Result<T, app::domain::ParseError>,
) -> Result<(), TestCaseError> {
    if let Err(e) = outcome {
        prop_assert!(!e.0.trim().is_empty(), "refused without a reason");
    }
    Ok(())
}
