//! The mid-year review over HTTP on both backends: a chair fills in the review of the approved
//! plan — each rule refused with nothing changed (an action off track without its corrective
//! action, a slip without its reason, a forecast its unit does not allow, text over the limit
//! brought back whole with JavaScript off, a stale save, a gap at submission); another
//! district's manager and a member are refused; the district manager returns it with a
//! comment; the chair resubmits; the Board accepts it and it is frozen (by the database too).
//! What changed since approval lists exactly the changes made; the Board's roll-up counts equal
//! the reviews' rows, filter by district, and its .docx and .xlsx hold every partnership.

mod common;

use app::api::midyear::{MidYearPage, RollUp};
use app::domain::midyear::{MidYearStatus, Progress};
use common::{exec, scalar_i64, snapshot, TestApp, DEMO_PASSWORD};
use server::demo;

const CHAIR: &str = "chair.fareham@trustboard.example";
const MANAGER: &str = "district.manager@trustboard.example";
const OTHER_MANAGER: &str = "district.manager.havant@trustboard.example";
const OTHER_CHAIR: &str = "chair.easthampshire@trustboard.example";
const MEMBER: &str = "member.havant@trustboard.example";
const BOARD: &str = "board@trustboard.example";
const BASE: &str = "/partnerships/fareham/plans/2026/mid-year-review";

async fn page(app: &TestApp, cookie: &str, slug: &str) -> MidYearPage {
    let res = app
        .get_as(
            &format!("/api/mid-year/page?slug={slug}&year=2026"),
            Some(cookie),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    res.json().await.expect("the page's data")
}

async fn post(app: &TestApp, cookie: &str, path: &str, form: &[(&str, String)]) -> (u16, String) {
    let res = app.post_as(path, Some(cookie), form).await;
    let status = res.status().as_u16();
    (status, res.text().await.unwrap_or_default())
}

async fn start(app: &TestApp, cookie: &str, slug: &str) -> MidYearPage {
    let (status, body) = post(
        app,
        cookie,
        "/api/mid-year/start",
        &[("slug", slug.into()), ("year", "2026".into())],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    page(app, cookie, slug).await
}

/// The form of one action's progress.
fn action_form(
    review: i64,
    action: i64,
    revision: i64,
    fields: &[(&str, &str)],
) -> Vec<(String, String)> {
    let mut f = vec![
        ("review_id".to_string(), review.to_string()),
        ("action_id".to_string(), action.to_string()),
        ("revision".to_string(), revision.to_string()),
    ];
    f.extend(
        fields
            .iter()
            .map(|(k, v)| (format!("form[{k}]"), v.to_string())),
    );
    f
}

fn as_form(f: &[(String, String)]) -> Vec<(&str, String)> {
    f.iter().map(|(k, v)| (k.as_str(), v.clone())).collect()
}

/// The actions of the reviewed snapshot: (id, approved due date as typed).
fn actions(p: &MidYearPage) -> Vec<(i64, String)> {
    p.snapshot
        .as_ref()
        .expect("an approved plan")
        .priorities
        .iter()
        .flat_map(|x| &x.actions)
        .map(|a| {
            (
                a.id,
                a.due.map(app::domain::date::short_date).unwrap_or_default(),
            )
        })
        .collect()
}

fn revision_of(p: &MidYearPage, action: i64) -> i64 {
    p.review.as_ref().unwrap().action(action).unwrap().revision
}

on_both_backends!(
    a_mid_year_review_is_filled_in_returned_resubmitted_and_accepted,
    |t| {
        demo::load(&t.db, common::today()).await.unwrap();
        let app = TestApp::spawn(t.db.clone()).await;
        let chair = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
        let manager = app.sign_in(MANAGER, DEMO_PASSWORD).await.unwrap();
        let other = app.sign_in(OTHER_MANAGER, DEMO_PASSWORD).await.unwrap();
        let other_chair = app.sign_in(OTHER_CHAIR, DEMO_PASSWORD).await.unwrap();
        let member = app.sign_in(MEMBER, DEMO_PASSWORD).await.unwrap();
        let board = app.sign_in(BOARD, DEMO_PASSWORD).await.unwrap();

        // Before it is started, the Board may not read it (nor another partnership's chair start it).
        let before = snapshot(&t.db).await;
        let (status, _) = post(
            &app,
            &other_chair,
            "/api/mid-year/start",
            &[("slug", "fareham".into()), ("year", "2026".into())],
        )
        .await;
        assert_eq!(status, 403, "another partnership's chair");
        assert_eq!(snapshot(&t.db).await, before);

        let p = start(&app, &chair, "fareham").await;
        let r = p.review.clone().expect("started");
        assert_eq!(r.status, MidYearStatus::Draft);
        let acts = actions(&p);
        assert!(acts.len() >= 4, "{acts:?}");
        assert_eq!(r.actions.len(), acts.len(), "a row for every action");
        assert_eq!(
            r.measures.len(),
            p.measures.len(),
            "a row for every measure"
        );
        assert!(
            p.measures.iter().all(|m| m.latest.is_some()),
            "latest figures pulled in"
        );
        // Started once only.
        let (status, _) = post(
            &app,
            &chair,
            "/api/mid-year/start",
            &[("slug", "fareham".into()), ("year", "2026".into())],
        )
        .await;
        assert_eq!(status, 409);
        // A draft is the partnership's and its district manager's: the Board sees its status only.
        assert!(page(&app, &board, "fareham").await.review.is_none());
        assert_eq!(
            page(&app, &board, "fareham").await.status_only,
            Some(MidYearStatus::Draft)
        );
        assert!(page(&app, &manager, "fareham").await.review.is_some());

        let (a0, due0) = acts[0].clone();
        let (a1, due1) = acts[1].clone();
        let (a2, _) = acts[2].clone();
        let before = snapshot(&t.db).await;
        // Off track without the corrective action: refused, each missing part named.
        let f = action_form(
            r.id,
            a0,
            revision_of(&p, a0),
            &[("progress", "off_track"), ("due", &due0)],
        );
        let (status, body) = post(&app, &chair, "/api/mid-year/action", &as_form(&f)).await;
        assert_eq!(status, 422, "{body}");
        for key in ["corrective_action", "corrective_owner", "corrective_due"] {
            assert!(body.contains(key), "{key}: {body}");
        }
        // A new due date without its reason: refused.
        let f = action_form(
            r.id,
            a1,
            revision_of(&p, a1),
            &[("progress", "on_track"), ("due", "30/6/2027")],
        );
        let (status, body) = post(&app, &chair, "/api/mid-year/action", &as_form(&f)).await;
        assert_eq!(status, 422, "{body}");
        assert!(body.contains("slip_reason"), "{body}");
        // A progress that is not one of the six, and a corrective date that is not a date.
        let f = action_form(
            r.id,
            a1,
            revision_of(&p, a1),
            &[("progress", "sideways"), ("due", &due1)],
        );
        assert_eq!(
            post(&app, &chair, "/api/mid-year/action", &as_form(&f))
                .await
                .0,
            422
        );
        // A forecast its unit does not allow.
        let m = &p.measures[0];
        let note = r.measure(m.id).unwrap();
        let (status, body) = post(
            &app,
            &chair,
            "/api/mid-year/measure",
            &[
                ("review_id", r.id.to_string()),
                ("measure_id", m.id.to_string()),
                ("revision", note.revision.to_string()),
                ("form[forecast]", "-5".into()),
            ],
        )
        .await;
        assert_eq!(status, 422, "{body}");
        assert!(body.contains("forecast"), "{body}");
        // A member of another partnership, and another district's manager, change nothing.
        let f = action_form(
            r.id,
            a1,
            revision_of(&p, a1),
            &[("progress", "complete"), ("due", &due1)],
        );
        assert_eq!(
            post(&app, &member, "/api/mid-year/action", &as_form(&f))
                .await
                .0,
            403
        );
        assert_eq!(
            post(&app, &other, "/api/mid-year/action", &as_form(&f))
                .await
                .0,
            403
        );
        assert_eq!(snapshot(&t.db).await, before, "nothing changed");

        // With JavaScript off, commentary over the limit comes back whole (longer than a cookie).
        let long: String = "The venue closed and sessions moved twice. ".repeat(130);
        assert!(long.len() > 5_000);
        let f = action_form(
            r.id,
            a1,
            revision_of(&p, a1),
            &[
                ("progress", "on_track"),
                ("due", &due1),
                ("commentary", &long),
            ],
        );
        let res = app
            .plain_post("/api/mid-year/action", &chair, &as_form(&f))
            .await;
        assert_eq!(res.status().as_u16(), 302);
        assert_eq!(res.headers()["location"], format!("{BASE}/actions/{a1}"));
        let key = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("tb_flash=") && !v.contains("Max-Age=0"))
            .map(|v| v.split(';').next().unwrap_or_default().to_string())
            .expect("a flash key");
        assert!(key.len() < 80, "the cookie holds a key, not the text");
        let html = app
            .get_as(
                &format!("{BASE}/actions/{a1}"),
                Some(&format!("{chair}; {key}")),
            )
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains(long.trim()),
            "every character typed comes back"
        );
        assert_eq!(snapshot(&t.db).await, before, "nothing changed");

        // Now properly: off track with its corrective action; dropped with why; slipped with why.
        let f = action_form(
            r.id,
            a0,
            revision_of(&p, a0),
            &[
                ("progress", "off_track"),
                ("due", &due0),
                ("commentary", "The venue closed"),
                ("corrective_action", "Move to the family hub"),
                ("corrective_owner", "Youth Service"),
                ("corrective_due", "31/1/2027"),
            ],
        );
        let (status, body) = post(&app, &chair, "/api/mid-year/action", &as_form(&f)).await;
        assert_eq!(status, 200, "{body}");
        let f = action_form(
            r.id,
            a1,
            revision_of(&p, a1),
            &[
                ("progress", "dropped"),
                ("due", &due1),
                ("commentary", "The funding ended"),
            ],
        );
        assert_eq!(
            post(&app, &chair, "/api/mid-year/action", &as_form(&f))
                .await
                .0,
            200
        );
        let f = action_form(
            r.id,
            a2,
            revision_of(&p, a2),
            &[
                ("progress", "on_track"),
                ("due", "30/6/2027"),
                ("slip_reason", "Recruitment took longer"),
            ],
        );
        assert_eq!(
            post(&app, &chair, "/api/mid-year/action", &as_form(&f))
                .await
                .0,
            200
        );
        // A save based on what was there before is stale: refused, nothing changed.
        let before = snapshot(&t.db).await;
        let f = action_form(
            r.id,
            a2,
            revision_of(&p, a2),
            &[
                ("progress", "complete"),
                ("due", "30/6/2027"),
                ("slip_reason", "x"),
            ],
        );
        let (status, body) = post(&app, &chair, "/api/mid-year/action", &as_form(&f)).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(snapshot(&t.db).await, before);

        // What changed since approval: exactly the slip and the drop (the plan has not moved on).
        let p = page(&app, &chair, "fareham").await;
        let kinds: Vec<&str> = p.changes.iter().map(|c| c.kind()).collect();
        // In the plan's order: the second action dropped, the third slipped.
        assert_eq!(kinds, ["Dropped", "Slipped"]);
        assert!(p
            .changes
            .iter()
            .any(|c| c.describe().contains("30 June 2027")
                && c.describe().contains("Recruitment took longer")));

        // Submission: the summary is missing, so it is refused with a link to it.
        let r = p.review.clone().unwrap();
        let (status, body) = post(
            &app,
            &chair,
            "/api/mid-year/submit",
            &[
                ("review_id", r.id.to_string()),
                ("revision", r.revision.to_string()),
            ],
        )
        .await;
        assert_eq!(status, 422, "{body}");
        assert!(
            body.contains(&format!("{BASE}/summary#going_well")),
            "{body}"
        );
        let (status, body) = post(
            &app,
            &chair,
            "/api/mid-year/summary",
            &[
                ("review_id", r.id.to_string()),
                ("revision", r.revision.to_string()),
                ("form[going_well]", "Drop-ins are busy".into()),
                ("form[board_should_know]", "We need a second venue".into()),
            ],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        // Any action the plan left at risk needs its corrective action too.
        let p = page(&app, &chair, "fareham").await;
        for gap in p
            .problems
            .iter()
            .filter(|g| g.anchor.ends_with("#corrective_action"))
        {
            let id: i64 = gap
                .anchor
                .trim_start_matches("actions/")
                .split('#')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let due = acts.iter().find(|(a, _)| *a == id).unwrap().1.clone();
            let f = action_form(
                r.id,
                id,
                revision_of(&p, id),
                &[
                    ("progress", "at_risk"),
                    ("due", &due),
                    ("corrective_action", "Weekly check-ins"),
                    ("corrective_owner", "The chair"),
                    ("corrective_due", "15/1/2027"),
                ],
            );
            assert_eq!(
                post(&app, &chair, "/api/mid-year/action", &as_form(&f))
                    .await
                    .0,
                200
            );
        }
        let p = page(&app, &chair, "fareham").await;
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let r = p.review.clone().unwrap();
        // A member may not submit; the chair does (in November, before the end-of-month due date).
        let (status, _) = post(
            &app,
            &member,
            "/api/mid-year/submit",
            &[
                ("review_id", r.id.to_string()),
                ("revision", r.revision.to_string()),
            ],
        )
        .await;
        assert_eq!(status, 403);
        let (status, body) = post(
            &app,
            &chair,
            "/api/mid-year/submit",
            &[
                ("review_id", r.id.to_string()),
                ("revision", r.revision.to_string()),
            ],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let r = page(&app, &board, "fareham")
            .await
            .review
            .expect("submitted: the Board reads it");
        assert_eq!(
            (r.status, r.round, r.late),
            (MidYearStatus::Submitted, 1, false)
        );
        // Submitted: the partnership cannot change it.
        let before = snapshot(&t.db).await;
        let f = action_form(
            r.id,
            a2,
            r.action(a2).unwrap().revision,
            &[
                ("progress", "complete"),
                ("due", "30/6/2027"),
                ("slip_reason", "x"),
            ],
        );
        assert_eq!(
            post(&app, &chair, "/api/mid-year/action", &as_form(&f))
                .await
                .0,
            409
        );

        // Decisions: another district's manager and the chair may not decide; a return needs a
        // comment; nothing changes.
        let decide = |decision: &str, comment: &str, revision: i64| {
            vec![
                ("review_id", r.id.to_string()),
                ("revision", revision.to_string()),
                ("form[decision]", decision.to_string()),
                ("form[comment]", comment.to_string()),
            ]
        };
        assert_eq!(
            post(
                &app,
                &other,
                "/api/mid-year/decide",
                &decide("return", "No", r.revision)
            )
            .await
            .0,
            403
        );
        assert_eq!(
            post(
                &app,
                &chair,
                "/api/mid-year/decide",
                &decide("accept", "", r.revision)
            )
            .await
            .0,
            403
        );
        let (status, body) = post(
            &app,
            &manager,
            "/api/mid-year/decide",
            &decide("return", " ", r.revision),
        )
        .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(snapshot(&t.db).await, before);
        let (status, body) = post(
            &app,
            &manager,
            "/api/mid-year/decide",
            &decide("return", "Say what the second venue will cost.", r.revision),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let r = page(&app, &chair, "fareham").await.review.unwrap();
        assert_eq!(r.status, MidYearStatus::Returned);
        assert_eq!(r.comments.len(), 1);
        assert!(r.comments[0].returned && r.comments[0].author == "Jo Marsh");
        // Returned: cannot be accepted until resubmitted.
        assert_eq!(
            post(
                &app,
                &board,
                "/api/mid-year/decide",
                &decide("accept", "", r.revision)
            )
            .await
            .0,
            409
        );
        let (status, body) = post(
            &app,
            &chair,
            "/api/mid-year/summary",
            &[
                ("review_id", r.id.to_string()),
                ("revision", r.revision.to_string()),
                ("form[going_well]", "Drop-ins are busy".into()),
                (
                    "form[board_should_know]",
                    "We need a second venue: about £4,000 a year.".into(),
                ),
            ],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let r = page(&app, &chair, "fareham").await.review.unwrap();
        let (status, body) = post(
            &app,
            &chair,
            "/api/mid-year/submit",
            &[
                ("review_id", r.id.to_string()),
                ("revision", r.revision.to_string()),
            ],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let r = page(&app, &board, "fareham").await.review.unwrap();
        assert_eq!((r.status, r.round), (MidYearStatus::Submitted, 2));
        let (status, body) = post(
            &app,
            &board,
            "/api/mid-year/decide",
            &decide("accept", "Thank you.", r.revision),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let r = page(&app, &chair, "fareham").await.review.unwrap();
        assert_eq!(r.status, MidYearStatus::Accepted);
        assert_eq!(r.accepted_by.as_deref(), Some("Councillor Pat Hewitt"));

        // Accepted: frozen. The chair's saves are refused and the database refuses any change.
        let before = snapshot(&t.db).await;
        let f = action_form(
            r.id,
            a2,
            r.action(a2).unwrap().revision,
            &[
                ("progress", "complete"),
                ("due", "30/6/2027"),
                ("slip_reason", "x"),
            ],
        );
        assert_eq!(
            post(&app, &chair, "/api/mid-year/action", &as_form(&f))
                .await
                .0,
            409
        );
        assert_eq!(
            post(
                &app,
                &board,
                "/api/mid-year/decide",
                &decide("return", "Again", r.revision)
            )
            .await
            .0,
            409
        );
        assert_eq!(snapshot(&t.db).await, before);
        for sql in [
            format!(
                "UPDATE mid_year_action SET commentary = 'x' WHERE review_id = {}",
                r.id
            ),
            format!(
                "UPDATE mid_year_measure SET forecast = 1 WHERE review_id = {}",
                r.id
            ),
            format!(
                "UPDATE mid_year_review SET going_well = 'x' WHERE id = {}",
                r.id
            ),
            format!("DELETE FROM mid_year_action WHERE review_id = {}", r.id),
            format!("DELETE FROM mid_year_comment WHERE review_id = {}", r.id),
        ] {
            assert!(
                exec(&t.db, &sql).await.is_err(),
                "the database refuses: {sql}"
            );
        }
        // The plan's page names the latest review's headline; so does the map's panel.
        let res = app
            .get_as("/api/plans/page?slug=fareham&year=2026", Some(&board))
            .await;
        let plan: app::api::plans::PlanPage = res.json().await.unwrap();
        let headline = plan.mid_year.expect("a headline");
        assert_eq!(headline.counts, r.counts());
        assert!(
            headline.text().contains("1 off track"),
            "{}",
            headline.text()
        );
        assert!(headline.text().contains("1 dropped"), "{}", headline.text());
        let panel = app
            .get_as("/api/map/panel?selected=fareham", Some(&board))
            .await
            .text()
            .await
            .unwrap();
        assert!(panel.contains(&headline.counts.to_string()), "{panel}");
        assert!(
        scalar_i64(&t.db, &format!(
            "SELECT COUNT(*) FROM audit_event WHERE entity_type IN ('mid_year_review', 'mid_year_action', 'mid_year_measure') AND partnership_id = {}", r.partnership_id
        )).await >= 9,
        "every step audited"
    );
    }
);

on_both_backends!(
    what_changed_since_approval_includes_the_plans_own_changes,
    |t| {
        demo::load(&t.db, common::today()).await.unwrap();
        let app = TestApp::spawn(t.db.clone()).await;
        let chair = app.sign_in(OTHER_CHAIR, DEMO_PASSWORD).await.unwrap();
        // East Hampshire's plan was approved, then a second version was started that changes a
        // target (and an action's progress): the review of the approved version lists them.
        let p = start(&app, &chair, "east-hampshire").await;
        let snapshot_plan = p.snapshot.clone().unwrap();
        assert_eq!(snapshot_plan.version, 1);
        let revised = snapshot_plan
            .priorities
            .iter()
            .find(|x| !x.measures.is_empty() && !x.actions.is_empty())
            .unwrap();
        let progress_changed = revised.actions[0].status != app::domain::plan::ActionStatus::AtRisk;
        let described: Vec<String> = p
            .changes
            .iter()
            .map(|c| format!("{}: {}", c.kind(), c.describe()))
            .collect();
        assert_eq!(
            described.len(),
            1 + usize::from(progress_changed),
            "{described:?}"
        );
        assert!(
            described[0].starts_with("Changed: A measure of"),
            "{described:?}"
        );
        // A slip in the review is listed first, with its reason.
        let r = p.review.clone().unwrap();
        let a = &revised.actions[1];
        let f = action_form(
            r.id,
            a.id,
            r.action(a.id).unwrap().revision,
            &[
                ("progress", "on_track"),
                ("due", "1/9/2027"),
                ("slip_reason", "The contract was re-tendered"),
            ],
        );
        assert_eq!(
            post(&app, &chair, "/api/mid-year/action", &as_form(&f))
                .await
                .0,
            200
        );
        let p = page(&app, &chair, "east-hampshire").await;
        let kinds: Vec<&str> = p.changes.iter().map(|c| c.kind()).collect();
        assert_eq!(kinds.len(), described.len() + 1);
        assert_eq!(kinds[0], "Slipped");
        let slip = p.changes[0].describe();
        assert!(
            slip.contains("is now due 1 September 2027 (approved for "),
            "{slip}"
        );
        assert!(slip.ends_with("): The contract was re-tendered"), "{slip}");
        assert!(p.changes.iter().skip(1).all(|c| c.kind() == "Changed"));
    }
);

on_both_backends!(
    the_roll_up_counts_equal_the_reviews_and_its_files_hold_every_partnership,
    |t| {
        demo::load(&t.db, common::today()).await.unwrap();
        let app = TestApp::spawn(t.db.clone()).await;
        let board = app.sign_in(BOARD, DEMO_PASSWORD).await.unwrap();
        let chair = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
        let res = app
            .get_as("/api/mid-year/roll-up?year=2026", Some(&board))
            .await;
        assert_eq!(res.status().as_u16(), 200);
        let r: RollUp = res.json().await.unwrap();
        assert_eq!(r.partnerships.len(), 11);
        let submitted: Vec<&str> = r.submitted().map(|p| p.slug.as_str()).collect();
        // The demo: accepted, submitted and returned reviews are in it (each submitted once); the
        // draft is not.
        assert_eq!(
            submitted,
            ["basingstoke-and-deane", "test-valley", "winchester"]
        );
        let hart = r.partnerships.iter().find(|p| p.slug == "hart").unwrap();
        assert_eq!(
            (hart.status, hart.submitted),
            (Some(MidYearStatus::Draft), false)
        );
        assert_eq!(hart.counts.total(), 0, "a draft's content is not rolled up");
        // Each partnership's counts are its review's rows, by progress.
        for p in r.submitted() {
            for stage in Progress::ALL {
                let n = scalar_i64(&t.db, &format!(
                "SELECT COUNT(*) FROM mid_year_action a JOIN mid_year_review r ON r.id = a.review_id
                 JOIN partnership p ON p.id = r.partnership_id
                 WHERE p.slug = '{}' AND r.year = 2026 AND a.progress = '{}'", p.slug, stage.as_str()
            )).await;
                assert_eq!(p.counts.get(*stage) as i64, n, "{} {stage:?}", p.slug);
            }
        }
        let all = scalar_i64(&t.db, "SELECT COUNT(*) FROM mid_year_action a JOIN mid_year_review r ON r.id = a.review_id WHERE r.round > 0").await;
        assert_eq!(r.totals.total() as i64, all);
        // Test Valley's slipped action is among its exceptions; every measure row is rated.
        let tv = r
            .partnerships
            .iter()
            .find(|p| p.slug == "test-valley")
            .unwrap();
        assert!(
            tv.slips.iter().any(|s| s.kind() == "Slipped"),
            "{:?}",
            tv.slips
        );
        assert!(tv.counts.off_track >= 1);
        let rows: usize = r.priorities.iter().map(|g| g.rows.len()).sum();
        let measures = scalar_i64(&t.db, "SELECT COUNT(*) FROM mid_year_measure m JOIN mid_year_review r ON r.id = m.review_id WHERE r.round > 0").await;
        assert_eq!(rows as i64, measures, "every submitted review's measures");
        // Filtered by a district: that district's partnership only.
        let code = r
            .districts
            .iter()
            .find(|d| d.label == "Winchester")
            .unwrap()
            .value
            .clone();
        let res = app
            .get_as(
                &format!("/api/mid-year/roll-up?year=2026&district={code}"),
                Some(&board),
            )
            .await;
        let w: RollUp = res.json().await.unwrap();
        assert_eq!(w.partnerships.len(), 1);
        assert_eq!(
            w.submitted().map(|p| p.slug.as_str()).collect::<Vec<_>>(),
            ["winchester"]
        );
        // Chairs have no roll-up, and nobody signed in has nothing.
        assert_eq!(
            app.get_as("/api/mid-year/roll-up?year=2026", Some(&chair))
                .await
                .status()
                .as_u16(),
            403
        );
        assert_eq!(
            app.get_as("/mid-year-reviews/2026/export/roll-up.docx", Some(&chair))
                .await
                .status()
                .as_u16(),
            403
        );
        assert_eq!(
            app.get_as("/mid-year-reviews/2026/export/roll-up.docx", None)
                .await
                .status()
                .as_u16(),
            401
        );

        // The files parse and hold every partnership in the roll-up.
        for (file, needle) in [
            ("roll-up.docx", "word/document.xml"),
            ("roll-up.xlsx", "xl/worksheets/sheet1.xml"),
        ] {
            let res = app
                .get_as(
                    &format!("/mid-year-reviews/2026/export/{file}"),
                    Some(&board),
                )
                .await;
            assert_eq!(res.status().as_u16(), 200, "{file}");
            let bytes = res.bytes().await.unwrap();
            let mut zip =
                zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(needle).expect(needle), &mut xml)
                .unwrap();
            if file.ends_with("xlsx") {
                let mut strings = String::new();
                std::io::Read::read_to_string(
                    &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
                    &mut strings,
                )
                .unwrap_or_default();
                xml.push_str(&strings);
                let charts = (0..zip.len())
                    .filter(|i| {
                        zip.by_index(*i)
                            .is_ok_and(|f| f.name().is_ok_and(|n| n.starts_with("xl/charts/")))
                    })
                    .count();
                assert!(charts > 0, "the workbook has its chart");
            }
            for p in r.submitted() {
                assert!(
                    xml.contains(&p.name.replace('\'', "&apos;")) || xml.contains(&p.name),
                    "{file} holds {}",
                    p.name
                );
            }
            assert!(xml.contains("Slipped"), "{file} holds the slipped actions");
        }
    }
);
