//! What every event command does first (server only): load the event and check that the person
//! may run events for every partnership it is for; and the partnerships a person may run events
//! for.

use crate::api::ServerContext;
use crate::domain::auth::{authorise, Action, Principal, Target};
use crate::domain::events::StakeholderEvent;
use crate::error::AppError;

/// Loads the event and authorises running it. Nobody signed in is told so before anything is
/// looked up.
pub async fn event_for(id: i64) -> Result<(StakeholderEvent, Principal, ServerContext), AppError> {
    if crate::api::current_user().principal.is_none() {
        return Err(AppError::Unauthenticated);
    }
    let ctx = crate::api::context()?;
    let event = crate::db::events::find(&ctx.db, id)
        .await?
        .ok_or_else(|| AppError::NotFound("That event".into()))?;
    let me = may_run(crate::api::current_user().principal.as_ref(), &event)?;
    Ok((event, me, ctx))
}

/// The one rule for who runs an event: whoever may run events for every partnership it is for.
pub fn may_run(who: Option<&Principal>, event: &StakeholderEvent) -> Result<Principal, AppError> {
    let me = who.ok_or(AppError::Unauthenticated)?;
    for id in event.partnership_ids() {
        if authorise(Some(me), Action::RunEvent, Target::Partnership(id)).is_err() {
            tracing::warn!(
                event = event.id,
                user = me.user_id,
                "refused: running an event"
            );
            return Err(AppError::Forbidden);
        }
    }
    Ok(me.clone())
}

/// The partnerships `me` may run events for: (id, slug, name), by name.
pub async fn offered(
    ctx: &ServerContext,
    me: &Principal,
) -> Result<Vec<(i64, String, String)>, AppError> {
    Ok(crate::db::events::partnerships(&ctx.db)
        .await?
        .into_iter()
        .filter(|(id, ..)| authorise(Some(me), Action::RunEvent, Target::Partnership(*id)).is_ok())
        .collect())
}
