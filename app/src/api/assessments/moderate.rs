use crate::domain::assessment::ModerationForm;
use crate::error::AppError;
use leptos::prelude::*;

/// The district manager's moderation: records a decision on each standard's grade (agreed, or
/// changed with its reason) and any questions; then, as asked (`intent`), returns the
/// assessment to the partnership with its questions (`return`) or completes the moderation
/// (`complete`), which locks it. One form, one transaction: nothing is half done.
#[server(prefix = "/api", endpoint = "assessments/moderate")]
pub async fn moderate_assessment(
    assessment_id: i64,
    revision: i64,
    #[server(default)] form: ModerationForm,
    intent: Option<String>,
) -> Result<i64, AppError> {
    use super::guard::{assessment_for, base, invalid, status_refusal};
    use crate::api::{actor, fail_form, succeed};
    use crate::db::assessments as repo;
    use crate::domain::assessment::{completion_problems, return_problems, Question};
    use crate::domain::auth::Action;
    let (head, me, ctx) = assessment_for(assessment_id, Action::ModerateAssessment).await?;
    let back = format!("{}/moderation", base(&head));
    let fail = |e: AppError| fail_form(e, &back, &form);
    let mut assessment = repo::load(&ctx.db, head.id)
        .await?
        .ok_or_else(|| AppError::NotFound("That self-assessment".into()))?;
    let set = repo::load_set(&ctx.db, head.year)
        .await?
        .ok_or_else(|| AppError::NotFound("This year's standards".into()))?;
    let input = form
        .parse(&set, &assessment.answers)
        .map_err(|p| fail(invalid(p, &base(&head))))?;
    // The assessment as it will be once this form is recorded: what returning or completing
    // is checked against.
    for d in &input.decisions {
        if let Some(a) = assessment
            .answers
            .iter_mut()
            .find(|a| a.standard_id == d.standard_id)
        {
            a.moderated_grade = Some(d.grade);
        }
    }
    for (standard_id, body) in &input.questions {
        assessment.questions.push(Question {
            id: 0,
            standard_id: *standard_id,
            round: assessment.round,
            body: body.clone(),
            asked_by: me.display_name.clone(),
            asked_on: String::new(),
            answer: None,
            answered_by: None,
        });
    }
    let intent = intent.unwrap_or_default();
    let problems = match intent.as_str() {
        "return" => return_problems(&assessment),
        "complete" => completion_problems(&assessment, &set),
        _ => vec![],
    };
    if !problems.is_empty() {
        return Err(fail(invalid(problems, &base(&head))));
    }
    let who = actor(&me);
    let mut tx = ctx.db.begin().await?;
    let mut now = head.clone();
    let recorded = !input.decisions.is_empty() || !input.questions.is_empty();
    if recorded || intent.is_empty() {
        match repo::moderate(&mut tx, &who, &head, revision, &input).await? {
            Ok(rev) => {
                now.revision = rev;
                now.status = "in_moderation".into();
            }
            Err(r) => return Err(fail(status_refusal(r))),
        }
    } else {
        now.revision = revision;
    }
    let (outcome, notice) = match intent.as_str() {
        "return" => (
            repo::return_with_questions(&mut tx, &who, &now, now.revision).await?,
            "The self-assessment has been returned to the partnership with your questions.",
        ),
        "complete" => (
            repo::complete(&mut tx, &who, &now, now.revision).await?,
            "The moderation is complete: the self-assessment is locked and goes to the Board.",
        ),
        _ => (Ok(now.revision), "Your moderation has been saved."),
    };
    match outcome {
        Ok(rev) => {
            tx.commit().await?;
            let to = if intent.is_empty() {
                back.clone()
            } else {
                base(&head)
            };
            succeed(&to, Some(notice));
            Ok(rev)
        }
        Err(r) => Err(fail(status_refusal(r))),
    }
}
