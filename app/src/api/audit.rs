//! Browsing the audit trail: all of it for administrators, a partnership's own history for
//! those who work on or oversee it.

use crate::domain::audit::AuditEntry;
use crate::domain::Choice;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

pub const PAGE_SIZE: i64 = 50;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    /// The partnership, for a partnership's history.
    pub title: Option<String>,
    pub entries: Vec<AuditEntry>,
    pub page: u32,
    pub more: bool,
    pub entity_types: Vec<String>,
    pub partnerships: Vec<Choice>,
}

/// The whole trail, filtered. Every filter is optional; bad values are named.
#[server(prefix = "/api", endpoint = "audit/events", input = GetUrl)]
pub async fn audit_trail(
    entity_type: Option<String>,
    partnership: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: Option<u32>,
) -> Result<AuditPage, AppError> {
    use crate::domain::audit::AuditFilter;
    use crate::domain::auth::{Action, Target};
    use crate::error::FieldError;

    super::authorise_signed_in(Action::ViewAuditTrail, Target::Trust)?;
    let ctx = super::context()?;
    let nonempty = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let mut errors = Vec::new();
    let date = |field: &str, v: Option<String>, errors: &mut Vec<FieldError>| {
        nonempty(v).and_then(|s| {
            chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                .map_err(|_| {
                    errors.push(FieldError::new(
                        field,
                        format!("'{s}' is not a date: use the form 2026-11-23"),
                    ))
                })
                .ok()
        })
    };
    let from = date("from", from, &mut errors);
    let to = date("to", to, &mut errors);
    let partnerships = crate::db::reference::partnership_list(&ctx.db).await?;
    let partnership_id = match nonempty(partnership) {
        Some(slug) => match partnerships.iter().find(|p| p.2 == slug) {
            Some(p) => Some(p.0),
            None => {
                errors.push(FieldError::new(
                    "partnership",
                    "Choose a partnership from the list",
                ));
                None
            }
        },
        None => None,
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let filter = AuditFilter {
        entity_type: nonempty(entity_type),
        actor_user_id: None,
        partnership_id,
        from,
        to,
    };
    let page = page.unwrap_or(1).max(1);
    let (entries, more) =
        crate::db::audit::list(&ctx.db, &filter, PAGE_SIZE, i64::from(page - 1) * PAGE_SIZE)
            .await?;
    let entries = crate::db::audit::in_words(&ctx.db, entries).await?;
    Ok(AuditPage {
        title: None,
        entries,
        page,
        more,
        entity_types: crate::db::audit::entity_types(&ctx.db).await?,
        partnerships: partnerships
            .into_iter()
            .map(|(_, name, slug)| Choice {
                value: slug,
                label: name,
            })
            .collect(),
    })
}

/// One partnership's history.
#[server(prefix = "/api", endpoint = "audit/partnership", input = GetUrl)]
pub async fn partnership_history(slug: String, page: Option<u32>) -> Result<AuditPage, AppError> {
    use crate::domain::audit::AuditFilter;
    use crate::domain::auth::{Action, Target};

    if super::current_user().principal.is_none() {
        return Err(AppError::Unauthenticated);
    }
    let ctx = super::context()?;
    // The partnership is looked up first so that the rule can be checked against it (the list
    // of partnerships is public, so "not found" reveals nothing).
    let Some((id, name)) = crate::db::reference::partnership_by_slug(&ctx.db, &slug).await? else {
        return Err(AppError::NotFound("That partnership".into()));
    };
    super::authorise_signed_in(Action::ViewPartnershipHistory, Target::Partnership(id))?;
    let filter = AuditFilter {
        partnership_id: Some(id),
        ..AuditFilter::default()
    };
    let page = page.unwrap_or(1).max(1);
    let (entries, more) =
        crate::db::audit::list(&ctx.db, &filter, PAGE_SIZE, i64::from(page - 1) * PAGE_SIZE)
            .await?;
    let entries = crate::db::audit::in_words(&ctx.db, entries).await?;
    Ok(AuditPage {
        title: Some(name),
        entries,
        page,
        more,
        entity_types: vec![],
        partnerships: vec![],
    })
}
