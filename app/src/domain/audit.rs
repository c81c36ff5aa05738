//! The audit trail as people read it.

use super::text_enum::text_enum;
use serde::{Deserialize, Serialize};

text_enum!(
    AuditAction, "audit action" {
        Create => "create", "Created",
        Update => "update", "Changed",
        Delete => "delete", "Deleted",
        StatusChange => "status_change", "Status changed",
        SignIn => "sign_in", "Signed in",
        SignInFailed => "sign_in_failed", "Failed sign-in",
        SignOut => "sign_out", "Signed out",
    }
);

/// One entry: who did what to which entity, when, with the values before and after (JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor_name: String,
    pub action: AuditAction,
    pub entity_type: String,
    pub entity_id: String,
    pub partnership: Option<String>,
    pub summary: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// What happened and what changed, in words (see [`headline`] and [`changes_in_words`]),
    /// filled in before the entry is shown.
    #[serde(default)]
    pub headline: String,
    #[serde(default)]
    pub changes: Vec<String>,
}

/// The filters people can apply to the trail.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub entity_type: Option<String>,
    pub actor_user_id: Option<i64>,
    pub partnership_id: Option<i64>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

/// The kind of record an entry is about, in words: "plan_action" → "Action".
pub fn kind_in_words(entity_type: &str) -> String {
    match entity_type {
        "plan" => "Plan".into(),
        "plan_priority" => "Priority".into(),
        "plan_measure" => "Measure".into(),
        "plan_action" => "Action".into(),
        "plan_comment" => "Comment".into(),
        "user_account" => "Account".into(),
        "indicator" => "Indicator".into(),
        "import" => "Import".into(),
        "self_assessment" => "Self-assessment".into(),
        "assessment_standard" => "Self-assessment of a standard".into(),
        "assessment_figure" => "Evidence figure".into(),
        "standards" => "Standards".into(),
        "standard" => "Standard".into(),
        other => sentence_case(&other.replace('_', " ")),
    }
}

/// The entry's headline: what happened, naming the thing by what people call it
/// ("Action “Youth worker outreach” removed") rather than by its internal id.
pub fn headline(entry: &AuditEntry) -> String {
    let before = parse(entry.before.as_deref());
    let named = |v: &serde_json::Map<String, serde_json::Value>| {
        ["description", "title", "indicator", "code", "email"]
            .iter()
            .find_map(|k| v.get(*k).and_then(|x| x.as_str()))
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
    };
    match (entry.action, &before) {
        (AuditAction::Delete, Some(b)) => match named(b) {
            Some(name) => format!("{} “{}” removed", kind_in_words(&entry.entity_type), name),
            None => entry.summary.clone(),
        },
        _ => entry.summary.clone(),
    }
}

/// What changed, one sentence a field, in words: "Status changed from Submitted to Draft",
/// "Lead partner changed from Solent NHS Trust to Gosport Voluntary Action", "Due: 31 March
/// 2028". Partner organisations are named from `organisations`; ids are never shown.
pub fn changes_in_words(
    entry: &AuditEntry,
    organisations: &std::collections::BTreeMap<i64, String>,
) -> Vec<String> {
    let before = parse(entry.before.as_deref()).unwrap_or_default();
    let after = parse(entry.after.as_deref()).unwrap_or_default();
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.dedup();
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for key in keys {
        if !seen.insert(key.clone()) || hidden(key) {
            continue;
        }
        let show =
            |v: &serde_json::Value| value_in_words(&entry.entity_type, key, v, organisations);
        let label = field_in_words(key);
        match (before.get(key), after.get(key)) {
            (Some(b), Some(a)) if b == a => {}
            (Some(b), Some(a)) => {
                let (b, a) = (show(b), show(a));
                if b != a {
                    out.push(format!("{label} changed from {b} to {a}"));
                }
            }
            (None, Some(a)) => {
                if !blank(a) {
                    out.push(format!("{label}: {}", show(a)));
                }
            }
            (Some(b), None) => {
                if !blank(b) {
                    out.push(format!("{label} was {}", show(b)));
                }
            }
            (None, None) => {}
        }
    }
    out
}

fn parse(text: Option<&str>) -> Option<serde_json::Map<String, serde_json::Value>> {
    match serde_json::from_str::<serde_json::Value>(text?).ok()? {
        serde_json::Value::Object(map) => Some(map),
        other => Some(serde_json::Map::from_iter([("value".to_string(), other)])),
    }
}

/// Internal ids are never shown.
fn hidden(key: &str) -> bool {
    key == "id" || key.ends_with("_id") || key.ends_with("_ids")
}

fn blank(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Null => true,
        serde_json::Value::String(s) => s.trim().is_empty(),
        serde_json::Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn field_in_words(key: &str) -> String {
    match key {
        "needs_summary" => "Summary of the needs analysis".into(),
        "young_people_said" => "What children and young people said".into(),
        "young_people_version" => "The children and young people's version".into(),
        "lead" => "Lead partner".into(),
        "supporting" => "Supporting partners".into(),
        "start" => "Starts".into(),
        "due" => "Due".into(),
        "pooled_budget_pence" => "Pooled budget".into(),
        "baseline_period" => "Baseline period".into(),
        "year" => "Plan year".into(),
        "board_priorities" => "Priorities set by the Trust Board".into(),
        "carried_forward" => "Priorities carried forward".into(),
        "measures" => "Measures removed with it".into(),
        "actions" => "Actions removed with it".into(),
        "display_name" => "Name".into(),
        "size_bytes" => "Size in bytes".into(),
        "rag_tolerance" => "Amber tolerance".into(),
        other => sentence_case(&other.replace('_', " ")),
    }
}

fn value_in_words(
    entity_type: &str,
    key: &str,
    v: &serde_json::Value,
    organisations: &std::collections::BTreeMap<i64, String>,
) -> String {
    use super::plan::{ActionStatus, Commissioning, PlanStatus};
    use serde_json::Value;
    let organisation = |id: i64| {
        organisations
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "a partner organisation no longer listed".into())
    };
    match (key, v) {
        (_, Value::Null) => "nothing".into(),
        (_, Value::String(s)) if s.trim().is_empty() => "nothing".into(),
        ("lead", Value::Number(n)) => n.as_i64().map(organisation).unwrap_or_default(),
        ("supporting", Value::Array(ids)) => {
            let names: Vec<String> = ids
                .iter()
                .filter_map(Value::as_i64)
                .map(organisation)
                .collect();
            names.join(", ")
        }
        ("pooled_budget_pence", Value::Number(n)) => n
            .as_i64()
            .map(super::plan::format_pounds)
            .unwrap_or_default(),
        ("status", Value::String(s)) => {
            let label = if entity_type == "plan_action" {
                s.parse::<ActionStatus>().map(|x| x.label()).ok()
            } else {
                s.parse::<PlanStatus>().map(|x| x.label()).ok()
            };
            label
                .map(str::to_string)
                .unwrap_or_else(|| sentence_case(&s.replace('_', " ")))
        }
        ("commissioning", Value::String(s)) => s
            .parse::<Commissioning>()
            .map(|c| c.label().to_string())
            .unwrap_or_else(|_| s.clone()),
        (_, Value::String(s)) => match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => super::date::long_date(d),
            Err(_) => quoted(s),
        },
        (_, Value::Bool(b)) => if *b { "yes" } else { "no" }.into(),
        (_, Value::Number(n)) => n
            .as_f64()
            .map(super::date::format_number)
            .unwrap_or_else(|| n.to_string()),
        (_, Value::Array(items)) => {
            let words: Vec<String> = items
                .iter()
                .map(|i| value_in_words(entity_type, key, i, organisations))
                .collect();
            if words.is_empty() {
                "nothing".into()
            } else {
                words.join(", ")
            }
        }
        (_, Value::Object(map)) => map
            .iter()
            .filter(|(k, x)| !hidden(k) && !blank(x))
            .map(|(k, x)| {
                format!(
                    "{} {}",
                    field_in_words(k).to_lowercase(),
                    value_in_words(entity_type, k, x, organisations)
                )
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// A text in quotation marks (a single word or code as it is), cut short after 200 characters.
fn quoted(s: &str) -> String {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if !t.contains(' ') {
        t
    } else if t.chars().count() > 200 {
        let short: String = t.chars().take(200).collect();
        format!("“{}…”", short.trim_end())
    } else {
        format!("“{t}”")
    }
}

fn sentence_case(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn entry(
        action: AuditAction,
        entity_type: &str,
        summary: &str,
        before: Option<&str>,
        after: Option<&str>,
    ) -> AuditEntry {
        AuditEntry {
            id: 1,
            at: chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default(),
            actor_name: "Ruth Adeyemi".into(),
            action,
            entity_type: entity_type.into(),
            entity_id: "32".into(),
            partnership: Some("Gosport".into()),
            summary: summary.into(),
            before: before.map(str::to_string),
            after: after.map(str::to_string),
            headline: String::new(),
            changes: Vec::new(),
        }
    }

    fn orgs() -> BTreeMap<i64, String> {
        BTreeMap::from([
            (32, "Solent NHS Trust".to_string()),
            (7, "Gosport Voluntary Action".to_string()),
        ])
    }

    #[test]
    fn a_status_change_is_told_in_words() {
        let e = entry(
            AuditAction::StatusChange,
            "plan",
            "Returned version 1 of the plan",
            Some(r#"{"status":"submitted","version":1}"#),
            Some(r#"{"status":"draft","comment":"Add a measure for NEET."}"#),
        );
        let words = changes_in_words(&e, &orgs());
        assert_eq!(
            words,
            vec![
                "Status changed from Submitted to Draft".to_string(),
                "Version was 1".to_string(),
                "Comment: “Add a measure for NEET.”".to_string(),
            ]
        );
    }

    #[test]
    fn a_removed_action_is_named_and_its_partners_too() {
        let e = entry(
            AuditAction::Delete,
            "plan_action",
            "Removed an action",
            Some(
                r#"{"description":"Youth worker outreach","lead":32,"supporting":[7],"start":"2026-09-01","due":"2028-03-31","resources":"","pooled_budget_pence":1250000,"commissioning":"commissions","status":"on_track"}"#,
            ),
            None,
        );
        assert_eq!(headline(&e), "Action “Youth worker outreach” removed");
        let words = changes_in_words(&e, &orgs()).join("\n");
        for line in [
            "Lead partner was Solent NHS Trust",
            "Supporting partners was Gosport Voluntary Action",
            "Starts was 1 September 2026",
            "Due was 31 March 2028",
            "Pooled budget was £12,500",
            "Commissioning was Commissions a service",
            "Status was On track",
        ] {
            assert!(words.contains(line), "{line}\n{words}");
        }
        for raw in ["{", "\"", "32", "2028-03-31", "on_track", "null"] {
            assert!(!words.contains(raw), "{raw} in\n{words}");
        }
    }

    #[test]
    fn a_changed_action_says_only_what_changed() {
        let e = entry(
            AuditAction::Update,
            "plan_action",
            "Changed an action",
            Some(r#"{"description":"Outreach","lead":32,"due":null,"status":"not_started"}"#),
            Some(
                r#"{"description":"Outreach","lead":7,"due":"2027-03-31","status":"not_started"}"#,
            ),
        );
        assert_eq!(
            changes_in_words(&e, &orgs()),
            vec![
                "Due changed from nothing to 31 March 2027".to_string(),
                "Lead partner changed from Solent NHS Trust to Gosport Voluntary Action"
                    .to_string(),
            ]
        );
        assert_eq!(headline(&e), "Changed an action");
    }

    #[test]
    fn ids_and_unknown_kinds_are_worded() {
        let e = entry(
            AuditAction::Create,
            "plan",
            "Started the 2027/28 plan",
            None,
            Some(
                r#"{"year":"2027/28","board_priorities":3,"carried_forward":0,"partnership_id":4}"#,
            ),
        );
        assert_eq!(
            changes_in_words(&e, &orgs()),
            vec![
                "Priorities set by the Trust Board: 3".to_string(),
                "Priorities carried forward: 0".to_string(),
                "Plan year: 2027/28".to_string(),
            ]
        );
        assert_eq!(kind_in_words("plan_action"), "Action");
        assert_eq!(kind_in_words("public_map"), "Public map");
    }
}
