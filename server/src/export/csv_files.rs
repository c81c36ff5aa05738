//! The plan's measures and actions as CSV files, safe to open in a spreadsheet.

use super::*;

/// A text field made safe to open in a spreadsheet: text that starts like a formula gets a
/// leading apostrophe, so a spreadsheet shows it rather than runs it.
pub(super) fn defused(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A field as RFC 4180 writes it: quoted when it holds a comma, quote or line break.
pub(super) fn quoted(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// A CSV field: text is defused, numbers and dates are written as they are.
pub(super) enum Field {
    Text(String),
    /// A number, a date or an amount, already written.
    Value(String),
}

pub(super) fn csv(header: &[&str], rows: impl Iterator<Item = Vec<Field>>) -> String {
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

pub(super) fn opt_value<T: ToString>(value: Option<T>) -> Field {
    Field::Value(value.map(|v| v.to_string()).unwrap_or_default())
}

pub(super) fn opt_text(text: Option<&str>) -> Field {
    Field::Text(text.map(str::trim).unwrap_or_default().to_string())
}

/// Pence as pounds with two decimals: "1250.50", "-0.05".
pub(super) fn pounds(pence: i64) -> String {
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
