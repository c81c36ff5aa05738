use crate::domain::midyear::MidYearDecisionForm;
use crate::error::AppError;
use leptos::prelude::*;

/// The district manager's or the Board's decision on a submitted review: return it with a
/// comment, or accept it (which freezes it).
#[server(prefix = "/api", endpoint = "mid-year/decide")]
pub async fn decide_mid_year_review(
    review_id: i64,
    revision: i64,
    #[server(default)] form: MidYearDecisionForm,
) -> Result<i64, AppError> {
    use super::guard::{base, review_for, status_refusal};
    use crate::api::{actor, fail_form, succeed};
    use crate::db::midyear as repo;
    use crate::domain::auth::Action;
    use crate::domain::midyear::MidYearEvent;
    let (head, me, ctx) = review_for(review_id, Action::DecideMidYearReview).await?;
    let back = base(&head);
    let (event, comment) = form
        .parse()
        .map_err(|p| fail_form(crate::api::plans::guard::invalid(p), &back, &form))?;
    let mut tx = ctx.db.begin().await?;
    match repo::decide(&mut tx, &actor(&me), &head, revision, event, &comment).await? {
        Ok(rev) => {
            tx.commit().await?;
            let notice = match event {
                MidYearEvent::Accept => {
                    "The mid-year review has been accepted. It cannot be changed now."
                }
                _ => "The mid-year review has been returned to the partnership with your comment.",
            };
            succeed(&base(&head), Some(notice));
            Ok(rev)
        }
        Err(r) => Err(fail_form(status_refusal(r), &back, &form)),
    }
}
