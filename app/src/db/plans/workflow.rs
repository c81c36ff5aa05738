//! The workflow: submit, approve (freezing the version), return with comments, amend; comments.

use super::*;
use crate::domain::plan::{transition, PlanEvent};

/// Applies `event` to the plan if it is still at the revision the person saw, and bumps the
/// revision. Which status the plan moves to is the domain's decision
/// ([`crate::domain::plan::transition`]); this only writes it. Returns the new revision.
async fn change_status(
    tx: &mut Tx,
    actor: &Actor,
    plan: &PlanHeader,
    event: &PlanEvent,
) -> DbResult<Saved<(i64, PlanStatus)>> {
    let from = plan.status()?;
    let to = match transition(from, event) {
        Ok(to) => to,
        Err(why) => return Ok(Err(Refused::NotNow(why.0))),
    };
    let at = now();
    let rev: Option<i64> = with_tx!(tx, conn => sqlx::query_scalar(
        "UPDATE plan SET status = $1, revision = revision + 1, updated_at = $2, updated_by = $3,
                submitted_at = CASE WHEN $1 = 'submitted' THEN $2 ELSE submitted_at END,
                version = CASE WHEN $4 THEN version + 1 ELSE version END
         WHERE id = $5 AND status = $6 AND revision = $7 RETURNING revision"
    ).bind(to.as_str()).bind(at).bind(&actor.name).bind(event.starts_new_version()).bind(plan.id)
     .bind(from.as_str()).bind(plan.revision).fetch_optional(&mut *conn).await)?;
    match rev {
        Some(r) => Ok(Ok((r, to))),
        None => {
            let row: Option<(String, i64)> = with_tx!(tx, conn => sqlx::query_as(
                "SELECT status, revision FROM plan WHERE id = $1"
            ).bind(plan.id).fetch_optional(&mut *conn).await)?;
            Ok(Err(match row {
                None => Refused::Missing,
                Some((_, rev)) => Refused::Stale(rev),
            }))
        }
    }
}

fn status_record<'a>(
    actor: &'a Actor,
    plan: &PlanHeader,
    to: PlanStatus,
    summary: String,
) -> Record<'a> {
    let mut r = entry(
        actor,
        AuditAction::StatusChange,
        "plan",
        plan.id,
        plan.partnership_id,
        summary,
    );
    r.before = Some(json!({ "status": plan.status, "version": plan.version }));
    r.after = Some(json!({ "status": to.as_str() }));
    r
}

/// Submits a draft for the Board's approval. The caller has checked the submission rules.
pub async fn submit(tx: &mut Tx, actor: &Actor, plan: &PlanHeader) -> DbResult<Saved<i64>> {
    let out = change_status(tx, actor, plan, &PlanEvent::Submit).await?;
    if let Ok((_, to)) = out {
        let r = status_record(
            actor,
            plan,
            to,
            format!("Submitted version {} of the plan", plan.version),
        );
        audit::record(tx, r).await?;
    }
    Ok(out.map(|(rev, _)| rev))
}

/// Approves a submitted plan and freezes `content` (the plan as loaded, which cannot change
/// while submitted) as that version's snapshot.
pub async fn approve(tx: &mut Tx, actor: &Actor, content: &Plan) -> DbResult<Saved<i64>> {
    let head = PlanHeader {
        id: content.id,
        partnership_id: content.partnership_id,
        partnership_slug: content.partnership_slug.clone(),
        plan_year: content.year.first_year(),
        status: content.status.as_str().into(),
        version: content.version,
        revision: content.revision,
    };
    let (rev, to) = match change_status(tx, actor, &head, &PlanEvent::Approve).await? {
        Ok(done) => done,
        Err(r) => return Ok(Err(r)),
    };
    let mut frozen = content.clone();
    frozen.status = to;
    frozen.revision = rev;
    let text = serde_json::to_string(&frozen).map_err(|e| DbError::corrupt("plan_version", e))?;
    with_tx!(tx, conn => sqlx::query(
        "INSERT INTO plan_version (plan_id, version, content, approved_at, approved_by)
         VALUES ($1, $2, $3, $4, $5)"
    ).bind(content.id).bind(content.version).bind(text).bind(now()).bind(&actor.name)
     .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
    let r = status_record(
        actor,
        &head,
        to,
        format!("Approved version {} of the plan", content.version),
    );
    audit::record(tx, r).await?;
    Ok(Ok(rev))
}

/// Returns a submitted plan to draft with the Board's comment.
pub async fn return_to_draft(
    tx: &mut Tx,
    actor: &Actor,
    plan: &PlanHeader,
    comment: &str,
) -> DbResult<Saved<i64>> {
    let event = PlanEvent::Return {
        comment: comment.to_string(),
    };
    let out = change_status(tx, actor, plan, &event).await?;
    if let Ok((_, to)) = out {
        add_comment_in(tx, actor, plan, CommentKind::Returned, comment).await?;
        // A draft again: it gains any Board priority published while it was frozen.
        crate::db::cycle::add_missing_to_plan(tx, actor, plan.id).await?;
        let mut r = status_record(
            actor,
            plan,
            to,
            format!(
                "Returned version {} of the plan with comments",
                plan.version
            ),
        );
        r.after = Some(json!({ "status": to.as_str(), "comment": comment }));
        audit::record(tx, r).await?;
    }
    Ok(out.map(|(rev, _)| rev))
}

/// Starts the next version of an approved plan, as a draft.
pub async fn amend(tx: &mut Tx, actor: &Actor, plan: &PlanHeader) -> DbResult<Saved<i64>> {
    let out = change_status(tx, actor, plan, &PlanEvent::Amend).await?;
    if let Ok((_, to)) = out {
        // The new version gains any Board priority published while the plan was frozen.
        crate::db::cycle::add_missing_to_plan(tx, actor, plan.id).await?;
        let r = status_record(
            actor,
            plan,
            to,
            format!("Started version {} of the plan", plan.version + 1),
        );
        audit::record(tx, r).await?;
    }
    Ok(out.map(|(rev, _)| rev))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommentKind {
    Returned,
    DistrictManager,
}

impl CommentKind {
    fn as_str(self) -> &'static str {
        match self {
            CommentKind::Returned => "returned",
            CommentKind::DistrictManager => "district_manager",
        }
    }
}

async fn add_comment_in(
    tx: &mut Tx,
    actor: &Actor,
    plan: &PlanHeader,
    kind: CommentKind,
    body: &str,
) -> DbResult<i64> {
    Ok(with_tx!(tx, conn => sqlx::query_scalar(
        "INSERT INTO plan_comment (plan_id, version, kind, author_user_id, author_name, body, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
    ).bind(plan.id).bind(plan.version).bind(kind.as_str()).bind(actor.user_id).bind(&actor.name)
     .bind(body).bind(now()).fetch_one(&mut *conn).await)?)
}

/// A district manager's comment on a plan before it is submitted.
pub async fn add_district_comment(
    tx: &mut Tx,
    actor: &Actor,
    plan: &PlanHeader,
    body: &str,
) -> DbResult<i64> {
    let id = add_comment_in(tx, actor, plan, CommentKind::DistrictManager, body).await?;
    let mut r = entry(
        actor,
        AuditAction::Create,
        "plan_comment",
        id,
        plan.partnership_id,
        "Commented on the plan".into(),
    );
    r.after = Some(json!({ "comment": body }));
    audit::record(tx, r).await?;
    Ok(id)
}
