//! The authorisation matrix's cells for the Board's priorities and the calendar: each call gets
//! a draft priority of its own (titled with the call's number) in 2200, a year no plan of the
//! matrix or the demo uses, so that publishing puts nothing into another cell's plan; the
//! calendar is saved for 2090 (its dates all within the year's window).

use super::matrix_midyear::Call;
use app::db::audit::Actor;
use app::db::Db;
use app::domain::cycle::{BoardPriorityForm, CalendarForm};
use app::domain::{PlanYear, StageKind};

const PRIORITIES_YEAR: i32 = 2200;
const CALENDAR_YEAR: i32 = 2090;

/// A draft priority of the call's own.
async fn draft(db: &Db, n: usize) -> i64 {
    let trust = app::db::reference::trust(db).await.unwrap().unwrap().id;
    let input = BoardPriorityForm {
        title: format!("Matrix draft {n}"),
        ..BoardPriorityForm::default()
    }
    .parse(&[], &[])
    .unwrap();
    let mut tx = db.begin().await.unwrap();
    let id = app::db::cycle::add(
        &mut tx,
        &Actor::system("test"),
        trust,
        PlanYear::new(PRIORITIES_YEAR).unwrap(),
        &input,
    )
    .await
    .unwrap()
    .unwrap();
    tx.commit().await.unwrap();
    id
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// The call for an endpoint of the Board's priorities or the calendar (`None` for any other);
/// `n` is the call's number.
pub async fn call(db: &Db, name: &str, n: usize) -> Option<Call> {
    let year = PRIORITIES_YEAR.to_string();
    let none = String::new();
    Some(match name {
        "board priorities" => Call {
            form: vec![],
            query: format!("?year={year}"),
        },
        "add board priority" => Call {
            form: vec![
                ("year", year),
                ("form[title]", format!("Matrix added {n}")),
                ("form[outcome]", "Better lives".into()),
                ("form[indicators]", "NI 112".into()),
            ],
            query: none,
        },
        "save board priority" => {
            let id = draft(db, n).await;
            Call {
                form: vec![
                    ("year", year),
                    ("priority_id", id.to_string()),
                    ("form[title]", format!("Matrix renamed {n}")),
                    ("form[outcome]", String::new()),
                    ("form[indicators]", String::new()),
                ],
                query: none,
            }
        }
        "remove board priority" => {
            let id = draft(db, n).await;
            Call {
                form: vec![("year", year), ("priority_id", id.to_string())],
                query: none,
            }
        }
        "publish board priorities" => {
            draft(db, n).await;
            let drafts = common_drafts(db).await;
            Call {
                form: vec![("year", year), ("drafts", drafts.to_string())],
                query: none,
            }
        }
        "cycle calendar" => Call {
            form: vec![],
            query: format!("?year={CALENDAR_YEAR}"),
        },
        "save cycle calendar" => {
            let year = PlanYear::new(CALENDAR_YEAR).unwrap();
            let form = CalendarForm::from_stages(&app::domain::calendar::default_calendar(year));
            let mut fields = vec![("year", CALENDAR_YEAR.to_string())];
            for kind in StageKind::ALL {
                fields.push((
                    leak(CalendarForm::opens_name(*kind)),
                    form.opens[kind.as_str()].clone(),
                ));
                fields.push((
                    leak(CalendarForm::due_name(*kind)),
                    form.due[kind.as_str()].clone(),
                ));
            }
            Call {
                form: fields,
                query: none,
            }
        }
        _ => return None,
    })
}

/// How many drafts the year has: what the page would offer to publish.
async fn common_drafts(db: &Db) -> i64 {
    super::common::scalar_i64(
        db,
        &format!(
            "SELECT COUNT(*) FROM board_priority WHERE plan_year = {PRIORITIES_YEAR} AND published_at IS NULL"
        ),
    )
    .await
}
