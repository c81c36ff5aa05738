use crate::error::AppError;
use leptos::prelude::*;

/// Adds an event's results to a partnership's plan for the event's year: the ranked priorities
/// to the needs analysis, young people's ranking and words to "what children and young people
/// told us", each naming its source. Once per plan; the plan must be a draft. The partnership's
/// chair does it, for any event held for their partnership.
#[server(prefix = "/api", endpoint = "events/add-to-plan")]
pub async fn add_event_results(event_id: i64, partnership: String) -> Result<(), AppError> {
    use crate::api::{actor, authorise_signed_in, fail, succeed};
    use crate::db::events::EventRefused;
    use crate::domain::auth::{Action, Target};
    use crate::domain::events::PlanWording;
    use crate::domain::plan::ABOUT_LIMIT;
    use crate::domain::PlanYear;
    if crate::api::current_user().principal.is_none() {
        return Err(AppError::Unauthenticated);
    }
    let ctx = crate::api::context()?;
    let event = crate::db::events::find(&ctx.db, event_id)
        .await?
        .ok_or_else(|| AppError::NotFound("That event".into()))?;
    let back = format!("/events/{event_id}#results-to-plan");
    let Some((pid, slug, name)) = event
        .partnerships
        .iter()
        .find(|(_, s, _)| *s == partnership)
        .cloned()
    else {
        return Err(fail(
            AppError::field("partnership", "Choose one of the event's partnerships"),
            &back,
            &[],
        ));
    };
    let me = authorise_signed_in(Action::AddEventResults, Target::Partnership(pid))?;
    let year = PlanYear::new(event.plan_year).map_err(|e| AppError::Internal(e.0))?;
    let refuse = |message: String| Err(fail(AppError::Conflict(message), &back, &[]));
    let Some(plan_id) = crate::db::plans::find(&ctx.db, pid, year).await? else {
        return refuse(format!(
            "{name} has not started its {year} plan: start it, then add the results."
        ));
    };
    let Some(head) = crate::db::plans::header(&ctx.db, plan_id).await? else {
        return Err(AppError::NotFound("That plan".into()));
    };
    if head.status != "draft" {
        return refuse(format!(
            "{name}'s {year} plan has been submitted or approved, so nothing can be added to it now. Start a new version of it, then add the results."
        ));
    }
    let plan = crate::db::plans::load(&ctx.db, plan_id)
        .await?
        .ok_or_else(|| AppError::NotFound("That plan".into()))?;
    let results =
        crate::db::events::results(&ctx.db, &event, crate::db::now(), super::COMMENTS_LISTED)
            .await?;
    let wording = PlanWording::of(&event, &results);
    let needs = PlanWording::appended(&plan.needs_summary, &wording.needs);
    let young = PlanWording::appended(&plan.young_people_said, &wording.young_people);
    if needs.chars().count() > ABOUT_LIMIT || young.chars().count() > ABOUT_LIMIT {
        return refuse(format!(
            "The plan's needs analysis would be longer than {ABOUT_LIMIT} characters with these results: shorten it first. Nothing was added."
        ));
    }
    let who = actor(&me);
    let mut tx = ctx.db.begin().await?;
    if let Err(EventRefused::AlreadyAdded) =
        crate::db::events::record_added_to_plan(&mut tx, &who, &event, plan_id, pid).await?
    {
        return refuse(format!(
            "These results are in {name}'s {year} plan already. Nothing was added."
        ));
    }
    let saved =
        crate::db::plans::save_about(&mut tx, &who, plan_id, pid, head.revision, &needs, &young)
            .await?;
    if saved.is_err() {
        return refuse(
            "The plan changed while the results were being added. Nothing was added: try again."
                .into(),
        );
    }
    tx.commit().await?;
    succeed(
        &format!("/partnerships/{slug}/plans/{}", year.first_year()),
        Some(&format!(
            "The results of “{}” have been added to the plan.",
            event.title
        )),
    );
    Ok(())
}
