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
