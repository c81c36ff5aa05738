//! The demo's stakeholder events, one in each state: Havant's autumn event, held and closed,
//! with votes (young people's among them), comments (one hidden) and its results added to the
//! plan; East Hampshire's youth forum, open now, with comments waiting for the facilitator; and
//! New Forest's data day in January, not open yet. Gosport's are left for the browser tests.
//!
//! Made through the repository as people make them: the domain's parsers check every ballot
//! and comment; participants are anonymous tokens.

use super::people::{Accounts, Partnership};
use app::db::audit::Actor;
use app::db::events as repo;
use app::db::{Db, DbError, DbResult};
use app::domain::events::{
    BallotForm, CommentForm, CommentState, EventForm, JoinCode, PlanWording, Voting,
};
use chrono::{Datelike, NaiveDate, TimeDelta};

fn bad(reason: impl std::fmt::Display) -> DbError {
    DbError::corrupt("demo", reason)
}

/// The demo's fixed join codes (well formed; a real event gets a random one).
const CODES: [&str; 3] = ["HVT4NK", "EHY7RF", "NFD2JQ"];

#[allow(clippy::too_many_arguments)]
async fn make(
    db: &Db,
    actor: &Actor,
    p: &Partnership,
    slug: &str,
    form: EventForm,
    code: &str,
) -> DbResult<i64> {
    let offered = vec![(p.id, slug.to_string())];
    // The catalogue, read once: the codes the form may name, then the chosen one's id.
    let catalogue = app::db::dashboard::rated_indicators(db).await?;
    let indicators: Vec<String> = catalogue.iter().map(|i| i.code.clone()).collect();
    let input = form
        .parse(&offered, &indicators)
        .map_err(|e| bad(format!("a demo event was refused: {e:?}")))?;
    let plan_year = app::domain::PlanYear::in_cycle_on(input.held_on).first_year();
    let ballot = repo::ballot_for(db, &input, plan_year).await?;
    let indicator_id = input
        .indicator
        .as_ref()
        .and_then(|code| catalogue.iter().find(|i| &i.code == code))
        .map(|i| i.id);
    let code = JoinCode::parse(code).map_err(|e| bad(e.0))?;
    let mut tx = db.begin().await?;
    let id = repo::create(
        &mut tx,
        actor,
        &input,
        &code,
        plan_year,
        &ballot,
        indicator_id,
    )
    .await?
    .map_err(|_| bad("a demo join code is taken"))?;
    tx.commit().await?;
    Ok(id)
}

fn event_form(title: &str, held_on: NaiveDate, slug: &str) -> EventForm {
    let mut f = EventForm::new_event(held_on);
    f.title = title.into();
    f.partnerships.insert(slug.into(), "on".into());
    f.indicator = "NI 116".into();
    f
}

/// One participant's part: their votes (by ballot position), whether they are a young person
/// (and their age band), and what they said.
struct Part {
    votes: &'static [(usize, u8)],
    young: Option<&'static str>,
    comment: Option<&'static str>,
}

const fn part(
    votes: &'static [(usize, u8)],
    young: Option<&'static str>,
    comment: Option<&'static str>,
) -> Part {
    Part {
        votes,
        young,
        comment,
    }
}

async fn take_part(
    db: &Db,
    event_id: i64,
    code: &str,
    parts: &[Part],
    comment_state: CommentState,
) -> DbResult<()> {
    let event = repo::find(db, event_id)
        .await?
        .ok_or_else(|| bad("a demo event vanished"))?;
    for (i, p) in parts.iter().enumerate() {
        let hash = app::auth::token_hash(&format!("demo-participant-{code}-{i}"));
        let mut tx = db.begin().await?;
        let participant = repo::join(&mut tx, event_id, &hash).await?;
        tx.commit().await?;
        let about = |young: Option<&str>| -> (String, String) {
            match young {
                Some(band) => ("yes".into(), band.into()),
                None => (String::new(), String::new()),
            }
        };
        if !p.votes.is_empty() {
            let (young_person, age_band) = about(p.young);
            let form = BallotForm {
                votes: p
                    .votes
                    .iter()
                    .filter_map(|(pos, n)| {
                        event
                            .options
                            .get(*pos)
                            .map(|o| (o.id.to_string(), n.to_string()))
                    })
                    .collect(),
                young_person,
                age_band,
            };
            let ballot = form
                .parse(&event.options, &event.rules)
                .map_err(|e| bad(format!("a demo ballot was refused: {e:?}")))?;
            let mut tx = db.begin().await?;
            repo::cast_ballot(&mut tx, event_id, participant, &ballot).await?;
            tx.commit().await?;
        }
        if let Some(text) = p.comment {
            let (young_person, age_band) = about(p.young);
            let input = CommentForm {
                comment: text.into(),
                young_person,
                age_band,
            }
            .parse()
            .map_err(|e| bad(format!("a demo comment was refused: {e:?}")))?;
            let mut tx = db.begin().await?;
            repo::add_comment(&mut tx, event_id, participant, &input, comment_state).await?;
            tx.commit().await?;
        }
    }
    Ok(())
}

const HAVANT: &[Part] = &[
    part(
        &[(0, 2), (1, 1)],
        None,
        Some("Families wait too long for help with their children's mental health."),
    ),
    part(
        &[(0, 1), (2, 2)],
        Some("16_18"),
        Some("Somewhere to go after school that isn't the street."),
    ),
    part(&[(1, 3)], None, None),
    part(
        &[(0, 3)],
        Some("11_15"),
        Some("More help with revision and less waiting for counselling."),
    ),
    part(
        &[(2, 1), (1, 1), (0, 1)],
        None,
        Some("Our health visitors are stretched thin on the Leigh Park estates."),
    ),
    part(&[(0, 2), (2, 1)], None, None),
    part(&[(1, 2), (2, 1)], Some("19_25"), None),
    part(
        &[(0, 1), (1, 1), (2, 1)],
        None,
        Some("Call John on 07700 900123 about the youth club"),
    ),
    part(
        &[(2, 3)],
        Some("16_18"),
        Some("Cheaper buses so we can get to college."),
    ),
    part(&[(0, 2), (1, 1)], None, None),
    part(
        &[],
        None,
        Some("Please keep the family hubs open in the school holidays."),
    ),
    part(&[(1, 1), (0, 2)], None, None),
];

const EAST_HAMPSHIRE: &[Part] = &[
    part(
        &[(0, 1), (2, 1)],
        Some("11_15"),
        Some("A skate park in Petersfield."),
    ),
    part(
        &[(1, 1), (2, 1)],
        Some("16_18"),
        Some("Help getting a first job or apprenticeship."),
    ),
    part(
        &[(3, 1), (2, 1)],
        Some("16_18"),
        Some("Talk to us in schools, not just online."),
    ),
    part(&[(0, 1), (4, 1)], None, None),
    part(
        &[(2, 1)],
        Some("19_25"),
        Some("Mental health support that doesn't stop at 18."),
    ),
    part(&[], None, None),
];

/// Makes the demo's events around `today`. Returns how many.
pub(super) async fn write(
    db: &Db,
    partnerships: &[Partnership],
    accounts: &Accounts,
    today: NaiveDate,
) -> DbResult<usize> {
    let find = |d: &str| partnerships.iter().find(|p| p.district == d);
    let slug = app::domain::partnership::slugify;
    let chair = |p: &Partnership| Actor {
        user_id: None,
        name: p.members.first().cloned().unwrap_or_default(),
    };
    let mut n = 0;

    // Havant: held ten days ago, closed, results in the plan.
    if let Some(p) = find("Havant") {
        let facilitator = accounts.other_manager.clone();
        let made = make(
            db,
            &facilitator,
            p,
            &slug("Havant"),
            event_form(
                "Havant autumn stakeholder event",
                today - TimeDelta::days(10),
                &slug("Havant"),
            ),
            CODES[0],
        )
        .await?;
        take_part(db, made, CODES[0], HAVANT, CommentState::Shown).await?;
        let event = repo::find(db, made)
            .await?
            .ok_or_else(|| bad("a demo event vanished"))?;
        // The facilitator hides the comment that names someone.
        let comments = repo::comments(db, made, false, 100).await?;
        if let Some(c) = comments.iter().find(|c| c.body.contains("07700")) {
            let mut tx = db.begin().await?;
            repo::decide_comment(&mut tx, &facilitator, &event, c.id, CommentState::Hidden)
                .await?
                .map_err(|e| bad(format!("{e:?}")))?;
            tx.commit().await?;
        }
        let mut tx = db.begin().await?;
        repo::set_voting(
            &mut tx,
            &facilitator,
            &event,
            event.revision,
            Voting::Closed,
        )
        .await?
        .map_err(|e| bad(format!("{e:?}")))?;
        tx.commit().await?;
        // The chair adds the results to this year's plan (a draft, returned by the Board).
        let event = repo::find(db, made)
            .await?
            .ok_or_else(|| bad("a demo event vanished"))?;
        let year = app::domain::PlanYear::new(event.plan_year).map_err(|e| bad(e.0))?;
        if let Some(plan_id) = app::db::plans::find(db, p.id, year).await? {
            let head = app::db::plans::header(db, plan_id)
                .await?
                .ok_or_else(|| bad("a plan vanished"))?;
            let plan = app::db::plans::load(db, plan_id)
                .await?
                .ok_or_else(|| bad("a plan vanished"))?;
            if head.status == "draft" {
                let results = repo::results(db, &event, app::db::now(), 500).await?;
                let wording = PlanWording::of(&event, &results);
                let who = chair(p);
                let mut tx = db.begin().await?;
                repo::record_added_to_plan(&mut tx, &who, &event, plan_id, p.id)
                    .await?
                    .map_err(|e| bad(format!("{e:?}")))?;
                app::db::plans::save_about(
                    &mut tx,
                    &who,
                    plan_id,
                    p.id,
                    head.revision,
                    &PlanWording::appended(&plan.needs_summary, &wording.needs),
                    &PlanWording::appended(&plan.young_people_said, &wording.young_people),
                )
                .await?
                .map_err(|e| bad(format!("{e:?}")))?;
                tx.commit().await?;
            }
        }
        n += 1;
    }

    // East Hampshire: today, open, comments waiting for the facilitator.
    if let Some(p) = find("East Hampshire") {
        let facilitator = accounts.other_manager.clone();
        let mut form = event_form("East Hampshire youth forum", today, &slug("East Hampshire"));
        form.ballot_source = "custom".into();
        form.candidates = "Things to do after school\nFirst jobs and apprenticeships\nMental health support\nSafer journeys to school\nSomewhere to live".into();
        form.votes_each = "2".into();
        form.several_on_one = "no".into();
        form.comments_after_review = "yes".into();
        let made = make(db, &facilitator, p, &slug("East Hampshire"), form, CODES[1]).await?;
        let event = repo::find(db, made)
            .await?
            .ok_or_else(|| bad("a demo event vanished"))?;
        let mut tx = db.begin().await?;
        repo::set_voting(&mut tx, &facilitator, &event, event.revision, Voting::Open)
            .await?
            .map_err(|e| bad(format!("{e:?}")))?;
        tx.commit().await?;
        take_part(db, made, CODES[1], EAST_HAMPSHIRE, CommentState::Waiting).await?;
        // One seen and shown; the rest wait.
        if let Some(c) = repo::comments(db, made, false, 100).await?.last() {
            let mut tx = db.begin().await?;
            repo::decide_comment(&mut tx, &facilitator, &event, c.id, CommentState::Shown)
                .await?
                .map_err(|e| bad(format!("{e:?}")))?;
            tx.commit().await?;
        }
        n += 1;
    }

    // New Forest: the January data day before next year's plan, opening at 10:00.
    if let Some(p) = find("New Forest") {
        let day =
            NaiveDate::from_ymd_opt(today.year() + 1, 1, 20).ok_or_else(|| bad("no such date"))?;
        let mut form = event_form("New Forest data day", day, &slug("New Forest"));
        let board: Vec<String> = {
            let input_year = app::domain::PlanYear::in_cycle_on(day).first_year();
            app::db::dashboard::board_priorities(db, input_year)
                .await?
                .into_iter()
                .map(|(t, _)| t)
                .collect()
        };
        if board.len() < 2 {
            form.ballot_source = "custom".into();
            form.candidates = "Best start in life\nMental health and wellbeing\nSafe from harm\nReady for adulthood".into();
        } else {
            form.ballot_source = "board".into();
        }
        form.opens_at = "10:00".into();
        form.closes_at = "12:00".into();
        make(db, &chair(p), p, &slug("New Forest"), form, CODES[2]).await?;
        n += 1;
    }
    Ok(n)
}
