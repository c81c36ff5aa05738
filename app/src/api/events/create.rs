use crate::domain::events::EventForm;
use crate::error::AppError;
use leptos::prelude::*;

/// Creates a stakeholder event for partnerships the person may run events for, with its ballot
/// copied in and a join code of its own; answers its id (a plain form goes to its page).
#[server(prefix = "/api", endpoint = "events/create")]
pub async fn create_event(#[server(default)] form: EventForm) -> Result<i64, AppError> {
    use crate::api::{actor, authorise_signed_in, context, fail_form, succeed};
    use crate::domain::auth::{Action, Target};
    use crate::domain::events::JoinCode;
    use rand::RngCore;
    let me = authorise_signed_in(Action::ListEvents, Target::Trust)?;
    let ctx = context()?;
    let back = "/events/new";
    let offered: Vec<(i64, String)> = super::guard::offered(&ctx, &me)
        .await?
        .into_iter()
        .map(|(id, slug, _)| (id, slug))
        .collect();
    // The catalogue, read once: the codes the form may name, then the chosen one's id.
    let catalogue = crate::db::dashboard::rated_indicators(&ctx.db).await?;
    let indicators: Vec<String> = catalogue.iter().map(|i| i.code.clone()).collect();
    let input = match form.parse(&offered, &indicators) {
        Ok(input) => input,
        Err(p) => {
            // Naming a partnership the person may not run events for is refused as such.
            let foreign = form
                .partnerships
                .keys()
                .any(|slug| !offered.iter().any(|(_, s)| s == slug));
            let err = if foreign {
                AppError::Forbidden
            } else {
                crate::api::plans::guard::invalid(p)
            };
            return Err(fail_form(err, back, &form));
        }
    };
    let plan_year = crate::domain::PlanYear::in_cycle_on(input.held_on).first_year();
    let ballot = crate::db::events::ballot_for(&ctx.db, &input, plan_year).await?;
    if ballot.len() < 2 {
        let message = match input.source {
            crate::domain::events::BallotSource::Board => format!(
                "The Board has not set its priorities for {}: choose another ballot or type the candidates in",
                crate::domain::PlanYear::in_cycle_on(input.held_on)
            ),
            _ => format!(
                "The {} plans have fewer than two priorities to vote on: choose another ballot or type the candidates in",
                crate::domain::PlanYear::in_cycle_on(input.held_on)
            ),
        };
        return Err(fail_form(
            AppError::field("ballot_source", message),
            back,
            &form,
        ));
    }
    let indicator_id = input
        .indicator
        .as_ref()
        .and_then(|code| catalogue.iter().find(|i| &i.code == code))
        .map(|i| i.id);
    for _ in 0..8 {
        let code = {
            let mut rng = rand::rng();
            JoinCode::generate(|| {
                let mut b = [0u8; 1];
                rng.fill_bytes(&mut b);
                b[0]
            })
        };
        let mut tx = ctx.db.begin().await?;
        let created = crate::db::events::create(
            &mut tx,
            &actor(&me),
            &input,
            &code,
            plan_year,
            &ballot,
            indicator_id,
        )
        .await?;
        if let Ok(id) = created {
            tx.commit().await?;
            succeed(
                &format!("/events/{id}"),
                Some(&format!(
                    "The event has been created. Its join code is {}.",
                    code.spaced()
                )),
            );
            return Ok(id);
        }
    }
    Err(AppError::Busy)
}
