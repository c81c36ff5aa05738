//! The authorisation matrix's cells for what is due, reminders and calendars: none needs a
//! fixture of its own (they act on the caller's own account, or read the Trust's cycle and
//! outbox); this gives the form or query that makes each call succeed when it is allowed.

use super::matrix_midyear::Call;

/// The call for a `/api/due/…` endpoint (`None` for any other).
pub fn call(name: &str) -> Option<Call> {
    let none = String::new();
    Some(match name {
        "what is due" | "reminders" | "calendar address" => Call {
            form: vec![],
            query: none,
        },
        "cycle table" => Call {
            form: vec![],
            query: "?year=2026".into(),
        },
        "outbox" => Call {
            form: vec![],
            query: "?page=1".into(),
        },
        "set digests" => Call {
            form: vec![("digests", "off".into())],
            query: none,
        },
        _ => return None,
    })
}
