//! The authorisation matrix's mid-year review cells: for each call, a review of its own (of an
//! approved plan of its own) in the state the call needs, and the form or query that makes the
//! call succeed when it is allowed.

use app::db::audit::Actor;
use app::db::midyear as repo;
use app::db::Db;
use app::domain::midyear::MidYearEvent;

/// What one cell sends.
pub struct Call {
    pub form: Vec<(&'static str, String)>,
    pub query: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Draft,
    /// Summary written: ready to submit.
    Complete,
    Submitted,
}

struct Fixture {
    id: i64,
    revision: i64,
    action: i64,
    action_revision: i64,
    /// The action's due date as approved, as typed.
    due: String,
    measure: i64,
    measure_revision: i64,
}

async fn fixture(db: &Db, plan_id: i64, state: State) -> Fixture {
    let actor = Actor::system("test");
    let version = app::db::dashboard::approved_plan(db, plan_id)
        .await
        .unwrap()
        .expect("an approved plan");
    let mut tx = db.begin().await.unwrap();
    let id = repo::start(&mut tx, &actor, &version).await.unwrap();
    tx.commit().await.unwrap();
    if state != State::Draft {
        let head = repo::header(db, id).await.unwrap().unwrap();
        let mut tx = db.begin().await.unwrap();
        repo::save_summary(&mut tx, &actor, &head, head.revision, "Well", "Know")
            .await
            .unwrap()
            .unwrap();
        tx.commit().await.unwrap();
    }
    if state == State::Submitted {
        let head = repo::header(db, id).await.unwrap().unwrap();
        let mut tx = db.begin().await.unwrap();
        repo::change_status(
            &mut tx,
            &actor,
            &head,
            head.revision,
            MidYearEvent::Submit,
            "",
            false,
            chrono::Utc::now(),
        )
        .await
        .unwrap()
        .unwrap();
        tx.commit().await.unwrap();
    }
    let r = repo::load(db, id).await.unwrap().unwrap();
    let due = version
        .priorities
        .iter()
        .flat_map(|p| &p.actions)
        .find(|a| a.id == r.actions[0].action_id)
        .and_then(|a| a.due)
        .map(app::domain::date::short_date)
        .unwrap_or_default();
    Fixture {
        due,
        id,
        revision: r.revision,
        action: r.actions[0].action_id,
        action_revision: r.actions[0].revision,
        measure: r.measures[0].measure_id,
        measure_revision: r.measures[0].revision,
    }
}

/// The call for a mid-year endpoint (`None` for any other). `plan` is an approved plan of the
/// call's own for `year`, when the call is aimed at a partnership.
pub async fn call(db: &Db, name: &str, slug: &str, plan: Option<(i64, i32)>) -> Option<Call> {
    let none = String::new();
    let review = |state| async move {
        let (plan_id, _) = plan.expect("a partnership-scoped call");
        fixture(db, plan_id, state).await
    };
    let year = plan.map_or(2026, |(_, y)| y);
    Some(match name {
        "mid-year page" => Call {
            form: vec![],
            query: format!("?slug={slug}&year={year}"),
        },
        "roll-up" => Call {
            form: vec![],
            query: "?year=2026".into(),
        },
        "start mid-year review" => Call {
            form: vec![("slug", slug.to_string()), ("year", year.to_string())],
            query: none,
        },
        "save action progress" => {
            let f = review(State::Draft).await;
            Call {
                form: vec![
                    ("review_id", f.id.to_string()),
                    ("action_id", f.action.to_string()),
                    ("revision", f.action_revision.to_string()),
                    ("form[progress]", "on_track".into()),
                    ("form[due]", f.due.clone()),
                ],
                query: none,
            }
        }
        "save measure note" => {
            let f = review(State::Draft).await;
            Call {
                form: vec![
                    ("review_id", f.id.to_string()),
                    ("measure_id", f.measure.to_string()),
                    ("revision", f.measure_revision.to_string()),
                    ("form[forecast]", "9".into()),
                    ("form[commentary]", "Close".into()),
                ],
                query: none,
            }
        }
        "save mid-year summary" => {
            let f = review(State::Draft).await;
            Call {
                form: vec![
                    ("review_id", f.id.to_string()),
                    ("revision", f.revision.to_string()),
                    ("form[going_well]", "Well".into()),
                    ("form[board_should_know]", "Know".into()),
                ],
                query: none,
            }
        }
        "submit mid-year review" => {
            let f = review(State::Complete).await;
            Call {
                form: vec![
                    ("review_id", f.id.to_string()),
                    ("revision", f.revision.to_string()),
                ],
                query: none,
            }
        }
        "decide mid-year review" => {
            let f = review(State::Submitted).await;
            Call {
                form: vec![
                    ("review_id", f.id.to_string()),
                    ("revision", f.revision.to_string()),
                    ("form[decision]", "return".into()),
                    ("form[comment]", "Look again".into()),
                ],
                query: none,
            }
        }
        _ => return None,
    })
}
