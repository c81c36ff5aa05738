use crate::domain::assessment::AnswersForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Saves the partnership's answers to the district manager's questions (while returned).
#[server(prefix = "/api", endpoint = "assessments/answers")]
pub async fn save_answers(
    assessment_id: i64,
    #[server(default)] form: AnswersForm,
) -> Result<(), AppError> {
    use super::guard::{assessment_for, base, invalid, refusal};
    use crate::api::{actor, fail_form, succeed};
    use crate::db::assessments as repo;
    use crate::domain::auth::Action;
    let (head, me, ctx) = assessment_for(assessment_id, Action::EditAssessment).await?;
    let back = format!("{}/questions", base(&head));
    let assessment = repo::load(&ctx.db, head.id)
        .await?
        .ok_or_else(|| AppError::NotFound("That self-assessment".into()))?;
    let open: Vec<i64> = assessment
        .questions
        .iter()
        .filter(|q| q.round == assessment.round)
        .map(|q| q.id)
        .collect();
    let answers = form
        .parse(&open)
        .map_err(|p| fail_form(invalid(p, &base(&head)), &back, &form))?;
    let mut tx = ctx.db.begin().await?;
    match repo::save_answers(&mut tx, &actor(&me), &head, &answers).await? {
        Ok(()) => {
            tx.commit().await?;
            succeed(&base(&head), Some("Your answers have been saved."));
            Ok(())
        }
        Err(r) => Err(fail_form(refusal(r, "the answers", None), &back, &form)),
    }
}
