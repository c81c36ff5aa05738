//! The demo's plans, in every state of the workflow: last year's approved (one after being
//! returned, one in a second approved version), and this year's in draft (one unfinished, one
//! with a district manager's comments), submitted, returned with the Board's comments, approved
//! (one with an edited children and young people's version) and amended (a second version in
//! draft).
//!
//! They are made as people make them in the app: each step in its own transaction through the
//! plan repository's functions, each step reading the plan as it was committed — so approval
//! freezes the snapshot exactly as the Board's decision does.

use super::figures::Figures;
use super::people::{Accounts, Partnership};
use super::plan_content::{self as content, saved, Draft};
use super::plan_texts;
use app::db::audit::Actor;
use app::db::plans::{self as repo, PlanHeader};
use app::db::{Db, DbError, DbResult};
use app::domain::plan::{submission_problems, Plan, PlanStatus};
use app::domain::PlanYear;

/// A step in a plan's life after it is drafted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// The draft is left unfinished: gaps stop it being submitted.
    Unfinished,
    /// The district manager comments on the draft.
    DistrictComment,
    /// The partnership edits the children and young people's version.
    EditYoungPeople,
    Submit,
    /// The Board returns it with comments.
    Return,
    /// The partnership answers the Board's comments.
    Answer,
    /// The Board approves it: that version is frozen.
    Approve,
    /// The partnership starts the next version…
    Amend,
    /// …and changes a target and an action's progress in it.
    Revise,
}

use Step::*;

/// A partnership's plans: whether they have a local priority besides the Board's, and how far
/// last year's and this year's went (`None`: not started).
struct Story {
    district: &'static str,
    local: bool,
    last_year: Option<&'static [Step]>,
    this_year: Option<&'static [Step]>,
}

const fn story(
    district: &'static str,
    local: bool,
    last_year: Option<&'static [Step]>,
    this_year: Option<&'static [Step]>,
) -> Story {
    Story {
        district,
        local,
        last_year,
        this_year,
    }
}

const APPROVED: &[Step] = &[Submit, Approve];

const STORIES: [Story; 11] = [
    story(
        "Basingstoke and Deane",
        true,
        Some(&[Submit, Approve, Amend, Revise, Submit, Approve]),
        Some(APPROVED),
    ),
    story(
        "East Hampshire",
        true,
        Some(APPROVED),
        Some(&[Submit, Approve, Amend, Revise, DistrictComment]),
    ),
    story("Eastleigh", true, Some(APPROVED), Some(&[Submit])),
    // Fareham's approved plan is left without a mid-year review for the browser tests.
    story(
        "Fareham",
        true,
        Some(&[DistrictComment, Submit, Approve]),
        Some(&[DistrictComment, Submit, Approve]),
    ),
    // Gosport's plan has only the Board's priorities (so that nothing is carried forward) and
    // this year's and next year's are not started: the browser tests start them (see
    // end2end/tests/plans.spec.mjs).
    story(
        "Gosport",
        false,
        Some(&[DistrictComment, Submit, Approve]),
        None,
    ),
    story(
        "Hart",
        true,
        Some(APPROVED),
        Some(&[EditYoungPeople, Submit, Approve]),
    ),
    story("Havant", true, Some(APPROVED), Some(&[Submit, Return])),
    story("New Forest", true, Some(APPROVED), Some(&[Unfinished])),
    story(
        "Rushmoor",
        true,
        Some(&[Submit, Return, Answer, Submit, Approve]),
        Some(&[Submit]),
    ),
    story("Test Valley", true, Some(APPROVED), Some(APPROVED)),
    story("Winchester", true, Some(APPROVED), Some(APPROVED)),
];

/// What the plans are made with.
pub(super) struct Cast<'a> {
    pub partnerships: &'a [Partnership],
    pub accounts: &'a Accounts,
    pub figures: &'a Figures,
}

impl Cast<'_> {
    /// Who edits a partnership's plan: its demo sign-in if it has one, otherwise its chair.
    fn author(&self, p: &Partnership) -> Actor {
        self.accounts
            .partnership
            .get(p.district)
            .cloned()
            .unwrap_or_else(|| Actor {
                user_id: None,
                name: p.members.first().cloned().unwrap_or_default(),
            })
    }
}

/// Makes every partnership's plans for last year and `this_year`. Returns how many.
pub(super) async fn write(db: &Db, cast: &Cast<'_>, this_year: PlanYear) -> DbResult<usize> {
    let last_year = PlanYear::new(this_year.first_year() - 1).map_err(|e| bad(e.0))?;
    let mut n = 0;
    for (index, p) in cast.partnerships.iter().enumerate() {
        let Some(story) = STORIES.iter().find(|s| s.district == p.district) else {
            continue;
        };
        for (year, steps) in [(last_year, story.last_year), (this_year, story.this_year)] {
            let Some(steps) = steps else { continue };
            let draft = Draft {
                partnership: p,
                index,
                year,
                figures: cast.figures,
                local: story.local,
                gaps: steps.contains(&Unfinished),
            };
            make(db, cast, &draft, steps).await?;
            n += 1;
        }
    }
    Ok(n)
}

fn bad(reason: impl std::fmt::Display) -> DbError {
    DbError::corrupt("demo", reason)
}

async fn loaded(db: &Db, plan_id: i64) -> DbResult<Plan> {
    repo::load(db, plan_id)
        .await?
        .ok_or_else(|| bad("a demo plan vanished"))
}

async fn header(db: &Db, plan_id: i64) -> DbResult<PlanHeader> {
    repo::header(db, plan_id)
        .await?
        .ok_or_else(|| bad("a demo plan vanished"))
}

/// Starts and fills one plan, then takes it through `steps`.
async fn make(db: &Db, cast: &Cast<'_>, d: &Draft<'_>, steps: &[Step]) -> DbResult<()> {
    let p = d.partnership;
    let author = cast.author(p);
    let board = &cast.accounts.board;
    let mut tx = db.begin().await?;
    let plan_id = repo::start(&mut tx, &author, p.id, d.year, d.local).await?;
    tx.commit().await?;
    let plan = loaded(db, plan_id).await?;
    let mut tx = db.begin().await?;
    content::fill(&mut tx, &author, &plan, d).await?;
    tx.commit().await?;
    for step in steps {
        let head = header(db, plan_id).await?;
        let plan = loaded(db, plan_id).await?;
        let mut tx = db.begin().await?;
        match step {
            Unfinished => {}
            DistrictComment => {
                let manager = if cast.accounts.managed.contains(&p.district) {
                    &cast.accounts.district_manager
                } else if cast.accounts.other_managed.contains(&p.district) {
                    &cast.accounts.other_manager
                } else {
                    return Err(bad("no demo district manager looks after that plan"));
                };
                if plan.status != PlanStatus::Draft {
                    return Err(bad("the district manager cannot comment on that plan"));
                }
                let body = plan_texts::district_comment(&plan);
                repo::add_district_comment(&mut tx, manager, &head, &body).await?;
            }
            EditYoungPeople => {
                let text = plan_texts::young_people_edit(&plan);
                let out = repo::save_young_people_version(
                    &mut tx,
                    &author,
                    plan_id,
                    p.id,
                    head.revision,
                    Some(&text),
                );
                saved(out.await?, "the young people's version")?;
            }
            Submit => {
                // The submission rules, as the app checks them before submitting.
                let problems = submission_problems(&plan.priorities);
                if let Some(problem) = problems.first() {
                    return Err(bad(format!(
                        "a demo plan cannot be submitted: {}",
                        problem.message
                    )));
                }
                saved(repo::submit(&mut tx, &author, &head).await?, "submission")?;
            }
            Return => {
                let comment = plan_texts::board_comment(&plan);
                let out = repo::return_to_draft(&mut tx, board, &head, &comment).await?;
                saved(out, "the return")?;
            }
            Answer => content::answer_board(&mut tx, &author, &plan).await?,
            Approve => {
                saved(repo::approve(&mut tx, board, &plan).await?, "approval")?;
            }
            Amend => {
                saved(repo::amend(&mut tx, &author, &head).await?, "the amendment")?;
            }
            Revise => content::revise(&mut tx, &author, &plan, cast.figures).await?,
        }
        tx.commit().await?;
    }
    Ok(())
}
