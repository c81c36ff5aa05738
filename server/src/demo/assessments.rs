//! The demo's self-assessments for this year, in every state of the workflow: moderated (one
//! after being returned with questions, with grades moved both ways), submitted late, being
//! moderated, returned with questions waiting for answers, and a draft part-way through.
//! Gosport's and Fareham's are not started: the browser tests start them.
//!
//! They are made as people make them in the app: each step in its own transaction through the
//! repository's functions, with the workflow's own checks; only the days they were submitted
//! and moderated are set afterwards, to where they fall in the year's cycle.

use super::people::{Accounts, Partnership};
use app::db::assessments::{self as repo, AssessmentHeader, NewFigure};
use app::db::audit::Actor;
use app::db::{Db, DbError, DbResult};
use app::domain::assessment::{
    submission_problems, Decision, Grade, ModerationInput, ReviewItems, ReviewNote, ReviewOutcome,
    StandardInput,
};
use chrono::NaiveDate;

/// How far a partnership's self-assessment goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Story {
    /// Part-way through: some standards answered, no summary.
    Draft,
    /// Submitted after the due date.
    SubmittedLate,
    /// Submitted; the district manager has decided on some standards.
    BeingModerated,
    /// Returned with questions the partnership has not answered yet.
    Returned,
    /// Moderated: one grade lowered.
    Moderated,
    /// Returned, answered, resubmitted, then moderated: one grade raised.
    ModeratedAfterReturn,
}

use Story::*;

const STORIES: [(&str, Story); 9] = [
    ("Basingstoke and Deane", Moderated),
    ("East Hampshire", ModeratedAfterReturn),
    ("Eastleigh", SubmittedLate),
    ("Hart", BeingModerated),
    ("Havant", Returned),
    ("New Forest", Draft),
    ("Rushmoor", Moderated),
    ("Test Valley", Moderated),
    ("Winchester", SubmittedLate),
];

fn bad(reason: impl std::fmt::Display) -> DbError {
    DbError::corrupt("demo", reason)
}

fn done<T>(out: repo::Saved<T>, what: &str) -> DbResult<T> {
    out.map_err(|r| {
        bad(format!(
            "a demo self-assessment's {what} was refused: {r:?}"
        ))
    })
}

/// The evidence for a standard, in a partnership's words.
fn evidence(district: &str, title: &str, i: usize) -> String {
    let sources = [
        "minutes of the six partnership meetings, attendance records and the chair's annual report",
        "the joint action log, two pooled-budget agreements and the family hubs' referral figures",
        "the youth forum's report, the 'You said, we did' leaflet and the annual survey of 412 pupils",
        "the needs analysis refreshed in February, the district profile and the quarterly data packs",
        "the indicators in the plan against their baselines and England, and the mid-year review",
        "the commissioning plan, the de-commissioning of the duplicated parenting course and spend reports",
    ];
    format!(
        "{district}: for “{title}” we rely on {}. Partners reviewed this evidence together at the March meeting.",
        sources[i % sources.len()]
    )
}

/// A partnership's own grade for standard `i`: mostly good, some spread.
fn own_grade(index: usize, i: usize) -> Grade {
    let pattern = [2, 2, 3, 2, 1, 3, 2, 2, 4, 2, 3];
    let n = pattern[(index * 3 + i * 5) % pattern.len()];
    Grade::new(n).unwrap_or(Grade::ALL[1])
}

/// Makes the demo's self-assessments for `year`. Returns how many.
pub(super) async fn write(
    db: &Db,
    partnerships: &[Partnership],
    accounts: &Accounts,
    year: i32,
) -> DbResult<usize> {
    let system = Actor::system("Trustboard demo data");
    let mut tx = db.begin().await?;
    repo::ensure_set(&mut tx, &system, year).await?;
    tx.commit().await?;
    let set = repo::load_set(db, year)
        .await?
        .ok_or_else(|| bad("the year's standards were not set up"))?;
    let mut n = 0;
    for (index, p) in partnerships.iter().enumerate() {
        let Some((_, story)) = STORIES.iter().find(|(d, _)| *d == p.district) else {
            continue;
        };
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
            db,
            set: &set,
            author,
            manager,
        };
        cast.make(p, index, year, *story).await?;
        n += 1;
    }
    Ok(n)
}

struct Cast<'a> {
    db: &'a Db,
    set: &'a app::domain::assessment::StandardSet,
    author: Actor,
    manager: Actor,
}

impl Cast<'_> {
    async fn head(&self, id: i64) -> DbResult<AssessmentHeader> {
        repo::header(self.db, id)
            .await?
            .ok_or_else(|| bad("a demo self-assessment vanished"))
    }

    async fn make(&self, p: &Partnership, index: usize, year: i32, story: Story) -> DbResult<()> {
        let db = self.db;
        let reviewed = repo::approved_version(db, p.id, year - 1).await?;
        let mut tx = db.begin().await?;
        let id = repo::start(&mut tx, &self.author, p.id, year, reviewed).await?;
        tx.commit().await?;
        let answered = if story == Draft {
            3
        } else {
            self.set.standards.len()
        };
        for (i, s) in self.set.standards.iter().enumerate().take(answered) {
            let head = self.head(id).await?;
            let input = StandardInput {
                grade: Some(own_grade(index, i)),
                evidence: evidence(p.district, &s.title, i),
                strengths: format!(
                    "Partners know {} well and challenge each other constructively.",
                    s.title.to_lowercase()
                ),
                development: "Make sure every action has an agreed measure of impact.".into(),
            };
            let mut tx = db.begin().await?;
            let out =
                repo::save_answer(&mut tx, &self.author, &head, s.id, 1, &input, &s.title).await?;
            done(out, "answer")?;
            if i == 3 {
                if let Some(f) = self.figure(p).await? {
                    let out =
                        repo::add_figure(&mut tx, &self.author, &head, s.id, &f.as_new()).await?;
                    done(out, "figure")?;
                }
            }
            tx.commit().await?;
        }
        if story == Draft {
            return Ok(());
        }
        let head = self.head(id).await?;
        let mut tx = db.begin().await?;
        let summary = format!(
            "{} Children's Partnership has strong leadership and good joint working. Participation of young people has grown; our use of data and the impact on outcomes are where we most need to improve.",
            p.district
        );
        done(
            repo::save_summary(&mut tx, &self.author, &head, head.revision, &summary).await?,
            "summary",
        )?;
        tx.commit().await?;
        self.review(id).await?;
        self.submit(id, year, story == SubmittedLate).await?;
        match story {
            SubmittedLate => return Ok(()),
            BeingModerated => {
                self.moderate(id, 3, None, vec![]).await?;
                return Ok(());
            }
            Returned => {
                self.moderate(
                    id,
                    2,
                    None,
                    vec![(
                        Some(self.set.standards[1].id),
                        "Which partners have signed up to the pooled budget, and for how much?",
                    )],
                )
                .await?;
                self.send_back(id).await?;
                return Ok(());
            }
            ModeratedAfterReturn => {
                self.moderate(id, 0, None, vec![(None, "The summary does not mention the police: were they involved in this self-assessment?")]).await?;
                self.send_back(id).await?;
                let a = repo::load(db, id).await?.ok_or_else(|| bad("vanished"))?;
                let head = self.head(id).await?;
                let answers: Vec<(i64, String)> = a.open_questions().map(|q| (q.id, "Yes: the district commander attended the self-assessment workshop on 12 March and agreed the grades.".to_string())).collect();
                let mut tx = db.begin().await?;
                done(
                    repo::save_answers(&mut tx, &self.author, &head, &answers).await?,
                    "answers",
                )?;
                tx.commit().await?;
                self.submit(id, year, false).await?;
                self.moderate(id, usize::MAX, Some(false), vec![]).await?;
            }
            _ => self.moderate(id, usize::MAX, Some(true), vec![]).await?,
        }
        let head = self.head(id).await?;
        let mut tx = db.begin().await?;
        let out = repo::complete_at(
            &mut tx,
            &self.manager,
            &head,
            head.revision,
            day(year, 5, 28)?,
        );
        done(out.await?, "completion")?;
        tx.commit().await
    }

    /// The latest figure of the headline indicator for the partnership's area.
    async fn figure(&self, p: &Partnership) -> DbResult<Option<Figure>> {
        let code = app::domain::IndicatorCode::parse("NI 116").map_err(|e| bad(e.0))?;
        let Some(indicator) = app::db::catalogue::indicator_by_code(self.db, &code).await? else {
            return Ok(None);
        };
        let (indicator_id, source) = (indicator.id, indicator.source);
        Ok(repo::latest_figure(self.db, p.id, indicator_id)
            .await?
            .map(|(area, period, value)| Figure {
                indicator_id,
                area,
                period,
                value,
                source,
            }))
    }

    /// A note for every action and measure of last year's plan.
    async fn review(&self, id: i64) -> DbResult<()> {
        let a = repo::load(self.db, id)
            .await?
            .ok_or_else(|| bad("vanished"))?;
        let Some((plan_id, version)) = a.reviewed else {
            return Ok(());
        };
        let Some(plan) = app::db::plans::snapshot(self.db, plan_id, version).await? else {
            return Ok(());
        };
        let items = ReviewItems::from_plan(&plan);
        let outcomes = [
            ReviewOutcome::Achieved,
            ReviewOutcome::Achieved,
            ReviewOutcome::Partly,
            ReviewOutcome::NotAchieved,
            ReviewOutcome::Achieved,
            ReviewOutcome::Dropped,
        ];
        let mut notes = Vec::new();
        for (k, (action_id, _)) in items.actions.iter().enumerate() {
            let outcome = outcomes[(k + id as usize) % outcomes.len()];
            let commentary = match outcome {
                ReviewOutcome::Achieved => "Delivered on time by the lead partner; the families it reached are in the quarterly report.",
                ReviewOutcome::Partly => "Started late after a staff vacancy; two of the three sessions planned ran.",
                ReviewOutcome::NotAchieved => "The venue was lost in the autumn and no alternative was found; carried into this year's plan.",
                ReviewOutcome::Dropped => "Dropped by agreement in October: the county service now covers it.",
            };
            notes.push((
                true,
                *action_id,
                ReviewNote {
                    outcome: Some(outcome),
                    commentary: commentary.into(),
                },
            ));
        }
        for (measure_id, what) in &items.measures {
            notes.push((
                false,
                *measure_id,
                ReviewNote {
                    outcome: None,
                    commentary: format!(
                        "{what}: discussed at the March meeting against the target and England."
                    ),
                },
            ));
        }
        let head = self.head(id).await?;
        let mut tx = self.db.begin().await?;
        done(
            repo::save_review(&mut tx, &self.author, &head, 1, &notes).await?,
            "review",
        )?;
        tx.commit().await
    }

    async fn submit(&self, id: i64, year: i32, late: bool) -> DbResult<()> {
        let a = repo::load(self.db, id)
            .await?
            .ok_or_else(|| bad("vanished"))?;
        let review = match a.reviewed {
            Some((plan, v)) => app::db::plans::snapshot(self.db, plan, v)
                .await?
                .map(|p| ReviewItems::from_plan(&p)),
            None => None,
        };
        // The submission rules, as the app checks them before submitting.
        if let Some(problem) = submission_problems(&a, self.set, review.as_ref()).first() {
            return Err(bad(format!(
                "a demo self-assessment cannot be submitted: {}",
                problem.message
            )));
        }
        let head = self.head(id).await?;
        // On time at the end of April; late ones in May; a resubmission in mid-May.
        let at = match (late, head.round) {
            (true, _) => day(year, 5, 12)?,
            (false, 0) => day(year, 4, 28)?,
            (false, _) => day(year, 5, 19)?,
        };
        let mut tx = self.db.begin().await?;
        let out = repo::submit_at(&mut tx, &self.author, &head, head.revision, late, at);
        done(out.await?, "submission")?;
        tx.commit().await
    }

    /// Decides on the first `decide` standards (agreeing all but one: `changed` lowers it when
    /// true, raises it when false) and asks `questions`.
    async fn moderate(
        &self,
        id: i64,
        decide: usize,
        changed: Option<bool>,
        questions: Vec<(Option<i64>, &str)>,
    ) -> DbResult<()> {
        let a = repo::load(self.db, id)
            .await?
            .ok_or_else(|| bad("vanished"))?;
        let mut decisions = Vec::new();
        for (i, s) in self.set.standards.iter().enumerate().take(decide) {
            let own = a
                .answer(s.id)
                .and_then(|x| x.grade)
                .ok_or_else(|| bad("ungraded"))?;
            let moved = match changed {
                Some(true) if i == 2 && own.number() < 4 => {
                    Grade::new(i64::from(own.number()) + 1).ok()
                }
                Some(false) if i == 0 && own.number() > 1 => {
                    Grade::new(i64::from(own.number()) - 1).ok()
                }
                _ => None,
            };
            decisions.push(match moved {
                Some(g) => Decision { standard_id: s.id, grade: g, reason: "The evidence shows fewer joint actions than the grade needs; minutes record two of six meetings without a quorum.".into() },
                None => Decision { standard_id: s.id, grade: own, reason: String::new() },
            });
        }
        let input = ModerationInput {
            decisions,
            questions: questions
                .into_iter()
                .map(|(s, q)| (s, q.to_string()))
                .collect(),
        };
        let head = self.head(id).await?;
        let mut tx = self.db.begin().await?;
        done(
            repo::moderate(&mut tx, &self.manager, &head, head.revision, &input).await?,
            "moderation",
        )?;
        tx.commit().await
    }

    async fn send_back(&self, id: i64) -> DbResult<()> {
        let head = self.head(id).await?;
        let mut tx = self.db.begin().await?;
        done(
            repo::return_with_questions(&mut tx, &self.manager, &head, head.revision).await?,
            "return",
        )?;
        tx.commit().await
    }
}

/// A day of the year's cycle, at ten in the morning.
fn day(year: i32, month: u32, day: u32) -> DbResult<chrono::DateTime<chrono::Utc>> {
    NaiveDate::from_ymd_opt(year, month, day)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .map(|d| d.and_utc())
        .ok_or_else(|| bad("a demo date"))
}

struct Figure {
    indicator_id: i64,
    area: String,
    period: String,
    value: f64,
    source: String,
}

impl Figure {
    fn as_new(&self) -> NewFigure<'_> {
        NewFigure {
            indicator_id: self.indicator_id,
            area_name: &self.area,
            period: &self.period,
            value: self.value,
            source: &self.source,
        }
    }
}
