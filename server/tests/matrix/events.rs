//! The authorisation matrix's stakeholder-event cells: for each call, an event of its own for
//! the call's partnership, held in 2024 (a year no other cell and none of the demo's plans use;
//! adding results goes to a draft 2024 plan, started by the first such call and shared: each
//! event's results go into it once), and the form or query that makes the call succeed when
//! it is allowed.

use super::matrix_midyear::Call;
use app::db::audit::Actor;
use app::db::events as repo;
use app::db::Db;
use app::domain::events::{CommentForm, EventForm, JoinCode, Voting};

/// An event for `slug`'s partnership on 1 June of `year`, open, with one comment.
async fn fixture(db: &Db, pid: i64, slug: &str, year: i32, n: usize) -> (i64, i64, i64) {
    let actor = Actor::system("test");
    let mut form = EventForm::new_event(chrono::NaiveDate::from_ymd_opt(year, 6, 1).unwrap());
    form.title = "Matrix event".into();
    form.partnerships.insert(slug.into(), "on".into());
    form.ballot_source = "custom".into();
    form.candidates = "One\nTwo".into();
    let input = form.parse(&[(pid, slug.to_string())], &[]).unwrap();
    // A code of its own: the call's number written in the code's alphabet.
    let alphabet = app::domain::events::CODE_ALPHABET;
    let mut k = n;
    let code: String = (0..6)
        .map(|_| {
            let c = alphabet[k % alphabet.len()] as char;
            k /= alphabet.len();
            c
        })
        .collect();
    let code = JoinCode::parse(&code).unwrap();
    let mut tx = db.begin().await.unwrap();
    let id = repo::create(
        &mut tx,
        &actor,
        &input,
        &code,
        year,
        &input.candidates,
        None,
    )
    .await
    .unwrap()
    .expect("a code of its own");
    tx.commit().await.unwrap();
    let event = repo::find(db, id).await.unwrap().unwrap();
    let mut tx = db.begin().await.unwrap();
    repo::set_voting(&mut tx, &actor, &event, event.revision, Voting::Open)
        .await
        .unwrap()
        .unwrap();
    let participant = repo::join(&mut tx, id, &format!("matrix-{n}"))
        .await
        .unwrap();
    let comment = CommentForm {
        comment: "A comment".into(),
        ..CommentForm::default()
    }
    .parse()
    .unwrap();
    repo::add_comment(
        &mut tx,
        id,
        participant,
        &comment,
        app::domain::events::CommentState::Shown,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let revision = repo::find(db, id).await.unwrap().unwrap().revision;
    let comment = repo::comments(db, id, false, 10).await.unwrap()[0].id;
    (id, revision, comment)
}

const YEAR: i32 = 2024;

/// The call for an event endpoint (`None` for any other). `pid` is the call's partnership;
/// `year` a year of the call's own; `n` the call's number.
pub async fn call(db: &Db, name: &str, slug: &str, pid: Option<i64>, n: usize) -> Option<Call> {
    let year = YEAR;
    let none = String::new();
    let event = |year| async move {
        fixture(db, pid.expect("a partnership-scoped call"), slug, year, n).await
    };
    Some(match name {
        "events" => Call {
            form: vec![],
            query: none,
        },
        "event page" => {
            let (id, _, _) = event(year).await;
            Call {
                form: vec![],
                query: format!("?id={id}"),
            }
        }
        "create event" => Call {
            form: vec![
                ("form[title]", "A new event".into()),
                ("form[held_on]", format!("1/6/{year}")),
                (
                    Box::leak(format!("form[partnerships][{slug}]").into_boxed_str()),
                    "on".into(),
                ),
                ("form[ballot_source]", "custom".into()),
                ("form[candidates]", "One\nTwo".into()),
                ("form[votes_each]", "3".into()),
                ("form[several_on_one]", "yes".into()),
                ("form[comments_after_review]", "no".into()),
            ],
            query: none,
        },
        "event voting" => {
            let (id, revision, _) = event(year).await;
            Call {
                form: vec![
                    ("event_id", id.to_string()),
                    ("revision", revision.to_string()),
                    ("voting", "closed".into()),
                ],
                query: none,
            }
        }
        "event comment" => {
            let (id, _, comment) = event(year).await;
            Call {
                form: vec![
                    ("event_id", id.to_string()),
                    ("comment_id", comment.to_string()),
                    ("decision", "hide".into()),
                ],
                query: none,
            }
        }
        "add event results" => {
            let (id, _, _) = event(year).await;
            let plan_year = app::domain::PlanYear::new(year).unwrap();
            let pid = pid.expect("a partnership-scoped call");
            if app::db::plans::find(db, pid, plan_year)
                .await
                .unwrap()
                .is_none()
            {
                let mut tx = db.begin().await.unwrap();
                app::db::plans::start(&mut tx, &Actor::system("test"), pid, plan_year, false)
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
            }
            Call {
                form: vec![
                    ("event_id", id.to_string()),
                    ("partnership", slug.to_string()),
                ],
                query: none,
            }
        }
        _ => return None,
    })
}
