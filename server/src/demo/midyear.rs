//! The demo's mid-year reviews of this year's approved plans, in every state of the workflow:
//! accepted (Basingstoke and Deane), submitted with an action off track and a slipped one (Test
//! Valley), returned with the district manager's comment (Winchester) and a draft part-way
//! through (Hart). Fareham's and East Hampshire's are not started: the browser tests start them.
//!
//! They are made as people make them in the app: each step in its own transaction through the
//! repository's functions, with the domain's parsers and the workflow's checks.

use super::people::{Accounts, Partnership};
use app::db::audit::Actor;
use app::db::midyear::{self as repo, ReviewHeader};
use app::db::{Db, DbError, DbResult};
use app::domain::midyear::{
    submission_problems, ActionProgressForm, MeasureNoteForm, MidYearEvent,
};
use app::domain::plan::Plan;
use chrono::{NaiveDate, TimeZone, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Story {
    Draft,
    Submitted,
    Returned,
    Accepted,
}

use Story::*;

const STORIES: [(&str, Story); 4] = [
    ("Basingstoke and Deane", Accepted),
    ("Hart", Draft),
    ("Test Valley", Submitted),
    ("Winchester", Returned),
];

fn bad(reason: impl std::fmt::Display) -> DbError {
    DbError::corrupt("demo", reason)
}

fn done<T>(out: repo::Saved<T>, what: &str) -> DbResult<T> {
    out.map_err(|r| {
        bad(format!(
            "a demo mid-year review's {what} was refused: {r:?}"
        ))
    })
}

/// Makes the demo's mid-year reviews of the `year` plans, as of `today`. Returns how many.
pub(super) async fn write(
    db: &Db,
    partnerships: &[Partnership],
    accounts: &Accounts,
    year: i32,
    today: NaiveDate,
) -> DbResult<usize> {
    let mut n = 0;
    for p in partnerships {
        let Some((_, story)) = STORIES.iter().find(|(d, _)| *d == p.district) else {
            continue;
        };
        let Some((plan_id, version)) =
            app::db::assessments::approved_version(db, p.id, year).await?
        else {
            continue;
        };
        let plan = app::db::plans::snapshot(db, plan_id, version)
            .await?
            .ok_or_else(|| bad("an approved plan without its snapshot"))?;
        let author = accounts
            .partnership
            .get(p.district)
            .cloned()
            .unwrap_or_else(|| Actor {
                user_id: None,
                name: p.members.first().cloned().unwrap_or_default(),
            });
        let manager = if accounts.other_managed.contains(&p.district) {
            accounts.other_manager.clone()
        } else if accounts.managed.contains(&p.district) {
            accounts.district_manager.clone()
        } else {
            Actor::system(&format!("{} district manager", p.district))
        };
        let cast = Cast {
            author: &author,
            manager: &manager,
            board: &accounts.board,
            today,
        };
        make(db, &plan, &cast, *story).await?;
        n += 1;
    }
    Ok(n)
}

async fn head(db: &Db, id: i64) -> DbResult<ReviewHeader> {
    repo::header(db, id)
        .await?
        .ok_or_else(|| bad("a demo mid-year review vanished"))
}

/// Who takes part, and the day the demo is loaded on.
struct Cast<'a> {
    author: &'a Actor,
    manager: &'a Actor,
    board: &'a Actor,
    today: NaiveDate,
}

impl Cast<'_> {
    /// A November day of the review's year, at ten in the morning — never after today.
    fn day(&self, year: i32, day: u32) -> chrono::DateTime<Utc> {
        let date = NaiveDate::from_ymd_opt(year, 11, day)
            .unwrap_or(self.today)
            .min(self.today);
        Utc.from_utc_datetime(&date.and_hms_opt(10, 0, 0).unwrap_or_default())
    }
}

async fn make(db: &Db, plan: &Plan, cast: &Cast<'_>, story: Story) -> DbResult<()> {
    let author = cast.author;
    let mut tx = db.begin().await?;
    let id = repo::start(&mut tx, author, plan).await?;
    tx.commit().await?;
    // Every action: on track, except the second (off track, with a corrective action), the
    // third (slipped by three months), and any left at risk in the plan (a corrective action).
    let actions: Vec<_> = plan.priorities.iter().flat_map(|p| &p.actions).collect();
    let review = repo::load(db, id).await?.ok_or_else(|| bad("no review"))?;
    let last = if story == Draft { 3 } else { actions.len() };
    for (i, a) in actions.iter().enumerate().take(last) {
        let saved = review
            .action(a.id)
            .ok_or_else(|| bad("an action without its row"))?;
        let mut form = ActionProgressForm::from_saved(saved, a.due);
        form.progress = match (i, saved.progress) {
            (1, _) => "off_track".into(),
            (_, p) if p.needs_correction() => p.as_str().into(),
            (_, app::domain::midyear::Progress::NotStarted) => "not_started".into(),
            (_, app::domain::midyear::Progress::Complete) => "complete".into(),
            _ => "on_track".into(),
        };
        form.commentary = format!(
            "Reviewed at the October whole-partnership meeting: {}.",
            if i == 1 {
                "the venue was lost in August and sessions stopped"
            } else {
                "partners reported progress against the milestones"
            }
        );
        if form.progress == "off_track" || form.progress == "at_risk" {
            form.corrective_action =
                "Sessions move to the family hub, with a second youth worker from January".into();
            form.corrective_owner = "Hampshire Youth Service".into();
            form.corrective_due = "31/1/2027".into();
        }
        if i == 2 {
            if let Some(due) = a.due {
                let later = due
                    .checked_add_months(chrono::Months::new(3))
                    .unwrap_or(due);
                form.due = app::domain::date::short_date(later);
                form.slip_reason = "The lead partner's recruitment took longer than planned".into();
            }
        }
        let input = form
            .parse(a.due)
            .map_err(|p| bad(format!("demo action progress refused: {p:?}")))?;
        let h = head(db, id).await?;
        let mut tx = db.begin().await?;
        let name = app::domain::assessment::shorten(&a.description, 80);
        done(
            repo::save_action(&mut tx, author, &h, a.id, saved.revision, &input, &name).await?,
            "action",
        )?;
        tx.commit().await?;
    }
    if story == Draft {
        return Ok(());
    }
    // A forecast for every measure: the target where the latest figure is on its way, a little
    // short of it otherwise (the partnership's own judgement).
    for (i, m) in plan.priorities.iter().flat_map(|p| &p.measures).enumerate() {
        let Some(target) = m.target else { continue };
        let saved = review
            .measure(m.id)
            .ok_or_else(|| bad("a measure without its row"))?;
        let short = match (m.baseline, i % 3) {
            (Some(b), 0) => ((target + b) / 2.0 * 10.0).round() / 10.0,
            _ => target,
        };
        let form = MeasureNoteForm {
            forecast: app::domain::date::format_number(short),
            commentary: if short == target {
                "Expected to meet the target by its date.".into()
            } else {
                "Likely to fall short: the trend is right but slower than planned.".into()
            },
        };
        let unit = m
            .indicator_code
            .as_deref()
            .and_then(|c| plan.indicators.get(c))
            .and_then(|x| app::domain::Unit::from_label(&x.unit));
        let input = form
            .parse(unit)
            .map_err(|p| bad(format!("demo forecast refused: {p:?}")))?;
        let h = head(db, id).await?;
        let name = plan.indicator_name(m.indicator_code.as_deref());
        let mut tx = db.begin().await?;
        done(
            repo::save_measure(&mut tx, author, &h, m.id, saved.revision, &input, &name).await?,
            "forecast",
        )?;
        tx.commit().await?;
    }
    let h = head(db, id).await?;
    let mut tx = db.begin().await?;
    done(
        repo::save_summary(
            &mut tx,
            author,
            &h,
            h.revision,
            &format!("In {}, school drop-ins are busier than planned and the youth forum now meets monthly.", plan.partnership_name.replace(" Children's Partnership", "")),
            "One action is off track after the loss of a venue; the partnership has agreed a corrective action and asks the Board for help with a second venue.",
        )
        .await?,
        "summary",
    )?;
    tx.commit().await?;
    let review = repo::load(db, id).await?.ok_or_else(|| bad("no review"))?;
    let gaps = submission_problems(&review, plan);
    if !gaps.is_empty() {
        return Err(bad(format!("a demo mid-year review has gaps: {gaps:?}")));
    }
    let h = head(db, id).await?;
    let mut tx = db.begin().await?;
    done(
        repo::change_status(
            &mut tx,
            author,
            &h,
            h.revision,
            MidYearEvent::Submit,
            "",
            false,
            cast.day(plan.year.first_year(), 16),
        )
        .await?,
        "submission",
    )?;
    tx.commit().await?;
    let (who, event, comment) = match story {
        Returned => (
            cast.manager,
            MidYearEvent::Return,
            "Please say what the corrective action will cost and whether the pooled budget covers it.",
        ),
        Accepted => (
            cast.board,
            MidYearEvent::Accept,
            "Accepted for the Board's December meeting.",
        ),
        _ => return Ok(()),
    };
    let h = head(db, id).await?;
    let mut tx = db.begin().await?;
    done(
        repo::change_status(
            &mut tx,
            who,
            &h,
            h.revision,
            event,
            comment,
            false,
            cast.day(plan.year.first_year(), 20),
        )
        .await?,
        "decision",
    )?;
    tx.commit().await?;
    Ok(())
}
