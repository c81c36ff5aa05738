//! The audit trail as people read it.

use super::text_enum::text_enum;
use serde::{Deserialize, Serialize};

text_enum!(
    AuditAction, "audit action" {
        Create => "create", "Created",
        Update => "update", "Changed",
        Delete => "delete", "Deleted",
        StatusChange => "status_change", "Status changed",
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

/// How sign-in failures are answered: the more recent failures for one account or one address,
/// the slower the answer, until attempts are refused for the rest of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Throttle {
    Allow,
    /// Answer only after this many delay units.
    Delay(u32),
    Refuse,
}

/// The window over which failures count, in minutes.
pub const THROTTLE_WINDOW_MINUTES: i64 = 15;

pub fn throttle(failures_for_account: i64, failures_for_address: i64) -> Throttle {
    if failures_for_account >= 10 || failures_for_address >= 50 {
        Throttle::Refuse
    } else if failures_for_account >= 3 {
        Throttle::Delay(1 << (failures_for_account - 3).min(2))
    } else if failures_for_address >= 20 {
        Throttle::Delay(2)
    } else {
        Throttle::Allow
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttling_slows_then_refuses() {
        assert_eq!(throttle(0, 0), Throttle::Allow);
        assert_eq!(throttle(2, 0), Throttle::Allow);
        assert_eq!(throttle(3, 0), Throttle::Delay(1));
        assert_eq!(throttle(4, 0), Throttle::Delay(2));
        assert_eq!(throttle(5, 0), Throttle::Delay(4));
        assert_eq!(throttle(9, 0), Throttle::Delay(4));
        assert_eq!(throttle(10, 0), Throttle::Refuse);
        assert_eq!(throttle(0, 19), Throttle::Allow);
        assert_eq!(throttle(0, 20), Throttle::Delay(2));
        assert_eq!(throttle(0, 50), Throttle::Refuse);
    }
}
