use crate::domain::midyear::MidYearSummaryForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Saves the summary: what is going well, and what the Board should know.
#[server(prefix = "/api", endpoint = "mid-year/summary")]
pub async fn save_mid_year_summary(
    review_id: i64,
    revision: i64,
    #[server(default)] form: MidYearSummaryForm,
) -> Result<i64, AppError> {
    use super::guard::{base, refusal, review_for};
    use crate::api::{actor, fail_form, succeed};
    use crate::db::midyear as repo;
    use crate::domain::auth::Action;
    let (head, me, ctx) = review_for(review_id, Action::EditMidYearReview).await?;
    let back = format!("{}/summary", base(&head));
    let (going_well, board) = form.parse().map_err(|p| {
        fail_form(
            crate::api::assessments::guard_invalid(p, &base(&head)),
            &back,
            &form,
        )
    })?;
    let mut tx = ctx.db.begin().await?;
    match repo::save_summary(&mut tx, &actor(&me), &head, revision, &going_well, &board).await? {
        Ok(rev) => {
            tx.commit().await?;
            succeed(&base(&head), Some("The summary has been saved."));
            Ok(rev)
        }
        Err(r) => {
            drop(tx);
            let now = repo::load(&ctx.db, head.id).await?.map(|x| {
                let saved = MidYearSummaryForm {
                    going_well: x.going_well,
                    board_should_know: x.board_should_know,
                };
                (saved.shown(), form.shown())
            });
            Err(fail_form(refusal(r, "the summary", now), &back, &form))
        }
    }
}
