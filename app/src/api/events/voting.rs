use crate::error::AppError;
use leptos::prelude::*;

/// Opens or closes voting by hand ("open", "closed"), or hands it back to the times set
/// ("scheduled").
#[server(prefix = "/api", endpoint = "events/voting")]
pub async fn set_event_voting(
    event_id: i64,
    revision: i64,
    voting: String,
) -> Result<i64, AppError> {
    use crate::api::{actor, fail, succeed};
    use crate::db::events::EventRefused;
    use crate::domain::events::Voting;
    let (event, me, ctx) = super::guard::event_for(event_id).await?;
    let back = format!("/events/{event_id}");
    let voting = voting.parse::<Voting>().map_err(|_| {
        fail(
            AppError::field("voting", "Choose to open or close voting"),
            &back,
            &[],
        )
    })?;
    let mut tx = ctx.db.begin().await?;
    match crate::db::events::set_voting(&mut tx, &actor(&me), &event, revision, voting).await? {
        Ok(rev) => {
            tx.commit().await?;
            ctx.live.after_commit(&ctx.db, event_id);
            let notice = match voting {
                Voting::Open => "Voting is open.",
                Voting::Closed => "Voting has closed. No more votes will be counted.",
                Voting::Scheduled => "Voting will open and close at the times set.",
            };
            succeed(&back, Some(notice));
            Ok(rev)
        }
        Err(EventRefused::Stale) => Err(fail(
            AppError::Conflict(
                "Someone else changed this event's voting while you were looking at it. Nothing was changed: look at it as it is now and try again."
                    .into(),
            ),
            &back,
            &[],
        )),
        Err(_) => Err(AppError::NotFound("That event".into())),
    }
}
