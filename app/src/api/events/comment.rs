use crate::error::AppError;
use leptos::prelude::*;

/// Shows a comment waiting to be seen ("show"), or hides one ("hide"): a hidden comment never
/// reaches the projector or the results.
#[server(prefix = "/api", endpoint = "events/comment")]
pub async fn decide_event_comment(
    event_id: i64,
    comment_id: i64,
    decision: String,
) -> Result<(), AppError> {
    use crate::api::{actor, fail, succeed};
    use crate::domain::events::CommentState;
    let (event, me, ctx) = super::guard::event_for(event_id).await?;
    let back = format!("/events/{event_id}#comments");
    let state = match decision.as_str() {
        "show" => CommentState::Shown,
        "hide" => CommentState::Hidden,
        _ => {
            return Err(fail(
                AppError::field("decision", "Choose to show or hide the comment"),
                &back,
                &[],
            ))
        }
    };
    let mut tx = ctx.db.begin().await?;
    match crate::db::events::decide_comment(&mut tx, &actor(&me), &event, comment_id, state).await?
    {
        Ok(()) => {
            tx.commit().await?;
            ctx.live.after_commit(&ctx.db, event_id);
            succeed(
                &back,
                Some(if state == CommentState::Hidden {
                    "The comment is hidden: it will not be shown or kept in the results."
                } else {
                    "The comment is shown."
                }),
            );
            Ok(())
        }
        Err(_) => Err(AppError::NotFound("That comment".into())),
    }
}
