//! The authorisation matrix's self-assessment cells: for each call, an assessment (or a year of
//! standards) of its own in the state the call needs, and the form or query that makes the
//! call succeed when it is allowed.

use app::db::assessments::{self as repo, NewFigure};
use app::db::audit::Actor;
use app::db::Db;
use app::domain::assessment::{ModerationInput, StandardInput};

/// What one cell sends.
pub struct Call {
    pub form: Vec<(&'static str, String)>,
    pub query: String,
}

/// The state a call's assessment must be in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Draft,
    /// Every part filled in: ready to submit.
    Complete,
    Submitted,
    /// Returned with a question waiting for an answer.
    Returned,
}

struct Fixture {
    id: i64,
    revision: i64,
    review_revision: i64,
    standard: i64,
    standard_revision: i64,
    figure: i64,
    question: i64,
}

fn system() -> Actor {
    Actor::system("test")
}

async fn fixture(db: &Db, partnership: i64, year: i32, state: State) -> Fixture {
    let actor = system();
    // The review is of the partnership's approved plan (any approved version will do).
    let reviewed: Option<(i64, i32)> = repo::approved_version(db, partnership, 2025).await.unwrap();
    let mut tx = db.begin().await.unwrap();
    repo::ensure_set(&mut tx, &actor, year).await.unwrap();
    let reviewed = if state == State::Draft {
        reviewed
    } else {
        None
    };
    let id = repo::start(&mut tx, &actor, partnership, year, reviewed)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let set = repo::load_set(db, year).await.unwrap().unwrap();
    let head = repo::header(db, id).await.unwrap().unwrap();
    let mut tx = db.begin().await.unwrap();
    let figure = NewFigure {
        indicator_id: first_indicator(db).await,
        area_name: "Test",
        period: "2024/25",
        value: 10.0,
        source: "Test",
    };
    let figure = repo::add_figure(&mut tx, &actor, &head, set.standards[0].id, &figure)
        .await
        .unwrap()
        .unwrap();
    if state != State::Draft {
        for s in &set.standards {
            let input = StandardInput {
                grade: Some(app::domain::assessment::Grade::ALL[1]),
                evidence: "Evidence".into(),
                strengths: String::new(),
                development: String::new(),
            };
            repo::save_answer(&mut tx, &actor, &head, s.id, 1, &input, &s.title)
                .await
                .unwrap()
                .unwrap();
        }
        repo::save_summary(&mut tx, &actor, &head, head.revision, "Summary")
            .await
            .unwrap()
            .unwrap();
    }
    tx.commit().await.unwrap();
    if matches!(state, State::Submitted | State::Returned) {
        let head = repo::header(db, id).await.unwrap().unwrap();
        let mut tx = db.begin().await.unwrap();
        repo::submit(&mut tx, &actor, &head, head.revision, false)
            .await
            .unwrap()
            .unwrap();
        tx.commit().await.unwrap();
    }
    if state == State::Returned {
        let head = repo::header(db, id).await.unwrap().unwrap();
        let input = ModerationInput {
            decisions: vec![],
            questions: vec![(None, "Why?".into())],
        };
        let mut tx = db.begin().await.unwrap();
        repo::moderate(&mut tx, &actor, &head, head.revision, &input)
            .await
            .unwrap()
            .unwrap();
        tx.commit().await.unwrap();
        let head = repo::header(db, id).await.unwrap().unwrap();
        let mut tx = db.begin().await.unwrap();
        repo::return_with_questions(&mut tx, &actor, &head, head.revision)
            .await
            .unwrap()
            .unwrap();
        tx.commit().await.unwrap();
    }
    let a = repo::load(db, id).await.unwrap().unwrap();
    let first = set.standards[0].id;
    Fixture {
        id,
        revision: a.revision,
        review_revision: a.review_revision,
        standard: first,
        standard_revision: a.answer(first).unwrap().revision,
        figure,
        question: a.questions.first().map_or(0, |q| q.id),
    }
}

async fn first_indicator(db: &Db) -> i64 {
    let code = app::domain::IndicatorCode::parse("NI 116").unwrap();
    app::db::catalogue::indicator_by_code(db, &code)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The call for an assessment or standards endpoint (`None` for any other). `year` is a year
/// no other cell uses.
pub async fn call(
    db: &Db,
    name: &str,
    slug: &str,
    partnership: Option<i64>,
    year: i32,
) -> Option<Call> {
    let for_state = |state| async move {
        fixture(
            db,
            partnership.expect("a partnership-scoped call"),
            year,
            state,
        )
        .await
    };
    let none = String::new();
    Some(match name {
        "assessment page" => Call {
            form: vec![],
            query: format!("?slug={slug}&year=2026"),
        },
        "partnership assessments" => Call {
            form: vec![],
            query: format!("?slug={slug}"),
        },
        "start assessment" => Call {
            form: vec![("slug", slug.to_string()), ("year", year.to_string())],
            query: none,
        },
        "save standard answer" => {
            let f = for_state(State::Draft).await;
            Call {
                form: vec![
                    ("assessment_id", f.id.to_string()),
                    ("standard_id", f.standard.to_string()),
                    ("revision", f.standard_revision.to_string()),
                    ("form[grade]", "2".into()),
                    ("form[evidence]", "Evidence".into()),
                ],
                query: none,
            }
        }
        "add figure" => {
            let f = for_state(State::Draft).await;
            Call {
                form: vec![
                    ("assessment_id", f.id.to_string()),
                    ("standard_id", f.standard.to_string()),
                    ("form[indicator]", "NI 116".into()),
                ],
                query: none,
            }
        }
        "remove figure" => {
            let f = for_state(State::Draft).await;
            Call {
                form: vec![
                    ("assessment_id", f.id.to_string()),
                    ("standard_id", f.standard.to_string()),
                    ("figure_id", f.figure.to_string()),
                ],
                query: none,
            }
        }
        "save summary" => {
            let f = for_state(State::Draft).await;
            Call {
                form: vec![
                    ("assessment_id", f.id.to_string()),
                    ("revision", f.revision.to_string()),
                    ("form[summary]", "A summary".into()),
                ],
                query: none,
            }
        }
        "save review" => {
            let f = for_state(State::Draft).await;
            Call {
                form: vec![
                    ("assessment_id", f.id.to_string()),
                    ("revision", f.review_revision.to_string()),
                ],
                query: none,
            }
        }
        "save answers" => {
            let f = for_state(State::Returned).await;
            Call {
                form: vec![
                    ("assessment_id", f.id.to_string()),
                    (
                        leak(format!("form[answer][{}]", f.question)),
                        "Because".into(),
                    ),
                ],
                query: none,
            }
        }
        "submit assessment" => {
            let f = for_state(State::Complete).await;
            Call {
                form: vec![
                    ("assessment_id", f.id.to_string()),
                    ("revision", f.revision.to_string()),
                ],
                query: none,
            }
        }
        "moderate" => {
            let f = for_state(State::Submitted).await;
            Call {
                form: vec![
                    ("assessment_id", f.id.to_string()),
                    ("revision", f.revision.to_string()),
                    (leak(format!("form[decision][{}]", f.standard)), "2".into()),
                ],
                query: none,
            }
        }
        "assessment report" => Call {
            form: vec![],
            query: "?year=2026".into(),
        },
        "standards" => Call {
            form: vec![],
            query: "?year=2026".into(),
        },
        "set up standards" => Call {
            form: vec![("year", year.to_string())],
            query: none,
        },
        "save scale" => {
            set_up(db, year).await;
            Call {
                form: vec![
                    ("year", year.to_string()),
                    ("revision", "1".into()),
                    ("form[grade_1]", "Excellent".into()),
                    ("form[grade_2]", "Strong".into()),
                    ("form[grade_3]", "Developing".into()),
                    ("form[grade_4]", "Weak".into()),
                ],
                query: none,
            }
        }
        "save standard definition" => {
            set_up(db, year).await;
            Call {
                form: vec![
                    ("year", year.to_string()),
                    ("standard_id", "0".into()),
                    ("revision", "0".into()),
                    ("form[title]", "Safeguarding".into()),
                    ("form[covers]", String::new()),
                    ("form[descriptor_1]", "a".into()),
                    ("form[descriptor_2]", "b".into()),
                    ("form[descriptor_3]", "c".into()),
                    ("form[descriptor_4]", "d".into()),
                ],
                query: none,
            }
        }
        "remove standard" => {
            set_up(db, year).await;
            let set = repo::load_set(db, year).await.unwrap().unwrap();
            Call {
                form: vec![
                    ("year", year.to_string()),
                    ("standard_id", set.standards[0].id.to_string()),
                    ("confirm", "yes".into()),
                ],
                query: none,
            }
        }
        _ => return None,
    })
}

async fn set_up(db: &Db, year: i32) {
    let mut tx = db.begin().await.unwrap();
    repo::ensure_set(&mut tx, &system(), year).await.unwrap();
    tx.commit().await.unwrap();
}

/// A form field's name made at run time, for the matrix's `&'static str` names (a few hundred
/// bytes for the whole test).
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}
