//! `GET /calendar/{token}.ics`: a person's deadlines as an iCalendar feed, for calendar
//! programs to subscribe to. No sign-in: the secret in the address is the key (only its
//! SHA-256 is stored). An unknown secret, or a disabled account, is "not found".

use crate::AppState;
use app::domain::auth::{Principal, Role};
use app::domain::calendar::{CalendarStage, StageKind};
use app::domain::date::long_date;
use app::domain::due::{ical, stages_for};
use app::domain::PlanYear;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "There is no calendar at this address. Create a new address on your account page.",
    )
        .into_response()
}

pub async fn calendar(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = file
        .strip_suffix(".ics")
        .filter(|t| !t.is_empty() && t.len() <= 100)
    else {
        return not_found();
    };
    let ctx = &state.ctx;
    let hash = app::auth::token_hash(token);
    let found = async {
        let Some(user_id) = app::db::due::calendar_owner(&ctx.db, &hash).await? else {
            return Ok(None);
        };
        // A disabled account has no principal.
        let Some(person) = app::db::accounts::principal(&ctx.db, user_id).await? else {
            return Ok(None);
        };
        let Some(trust) = app::db::reference::trust(&ctx.db).await? else {
            return Ok(None);
        };
        let this_year = PlanYear::in_cycle_on(ctx.today());
        let mut calendars = Vec::new();
        for first in [this_year.first_year(), this_year.first_year() + 1] {
            if let Ok(year) = PlanYear::new(first) {
                let cal = app::db::calendar::effective_calendar(&ctx.db, trust.id, year).await?;
                calendars.push((year, cal));
            }
        }
        Ok::<_, app::db::DbError>(Some((person, calendars)))
    };
    match found.await {
        Ok(Some((person, calendars))) => {
            let base = ctx.settings.public_url.trim_end_matches('/');
            let events: Vec<ical::Event> = calendars
                .iter()
                .flat_map(|(year, cal)| {
                    stages_for(&person.roles, cal)
                        .into_iter()
                        .map(|s| event(&person, *year, &s, base))
                        .collect::<Vec<_>>()
                })
                .collect();
            let body = ical::calendar(
                &format!("Trustboard: {}", person.display_name),
                &events,
                app::db::now(),
            );
            (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                    (header::CACHE_CONTROL, "private, no-cache"),
                    (
                        header::CONTENT_DISPOSITION,
                        "inline; filename=\"trustboard.ics\"",
                    ),
                ],
                body,
            )
                .into_response()
        }
        Ok(None) => not_found(),
        Err(e) => {
            tracing::error!(error = %e, "a calendar feed could not be made");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Sorry, the calendar could not be made.",
            )
                .into_response()
        }
    }
}

/// The partnerships (by name) a person's partnership roles are for.
fn partnerships(person: &Principal) -> Vec<String> {
    let mut names: Vec<String> = person
        .roles
        .iter()
        .filter(|r| matches!(r.role, Role::PartnershipChair | Role::PartnershipMember))
        .filter_map(|r| r.scope_name.clone())
        .collect();
    names.sort();
    names.dedup();
    names
}

fn event(person: &Principal, year: PlanYear, stage: &CalendarStage, base: &str) -> ical::Event {
    let y = year.first_year();
    let own = partnerships(person);
    let slugs: Vec<&str> = person
        .roles
        .iter()
        .filter(|r| matches!(r.role, Role::PartnershipChair | Role::PartnershipMember))
        .filter_map(|r| r.partnership_slug.as_deref())
        .collect();
    let path = match (stage.kind, slugs.as_slice()) {
        (StageKind::PlanSubmission, [slug]) => format!("/partnerships/{slug}/plans/{y}"),
        (StageKind::MidYearSubmission | StageKind::MidYearMeeting, [slug]) => {
            format!("/partnerships/{slug}/plans/{y}/mid-year-review")
        }
        (StageKind::PlanApproval, _) if person.has_role(Role::BoardMember) => {
            format!("/plans?year={y}")
        }
        (StageKind::Moderation, _) => format!("/self-assessments?year={y}"),
        (StageKind::BoardMidYearReview, _) => format!("/mid-year-reviews?year={y}"),
        _ => "/".to_string(),
    };
    let who = match stage.kind.actor() {
        app::domain::Actor::Partnership if !own.is_empty() => format!(" For {}.", own.join(", ")),
        actor => format!(
            " For {}.",
            actor
                .label()
                .to_lowercase()
                .replace("trust board", "the Trust Board")
        ),
    };
    ical::Event {
        uid: format!(
            "stage-{}-{y}-{}@trustboard",
            stage.kind.as_str(),
            person.user_id
        ),
        date: stage.due,
        summary: format!("{} ({year})", stage.kind.label()),
        description: format!(
            "Open from {} and due {}.{who}",
            long_date(stage.opens),
            long_date(stage.due)
        ),
        url: format!("{base}{path}"),
    }
}
