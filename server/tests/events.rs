//! Stakeholder events over HTTP on both backends: a chair creates an event (every mistake in the
//! form refused with nothing stored; another partnership's event refused); participants join by
//! code without an account, vote and comment — too many votes, an unknown priority, voting not
//! open yet or closed, an empty or over-long comment each refused with a clear message and
//! nothing stored, the over-long comment coming back whole; a ballot is changed, not doubled;
//! the live stream carries a vote within a second; the facilitator hides a comment and it
//! reaches neither the projector nor the results; the results files; the results into the plan
//! once; who may run an event; wrong codes throttled. And two app servers on one PostgreSQL:
//! a vote cast through one reaches a projector connected to the other.

mod common;

use app::api::events::{EventPage, PlanTargetState};
use common::{scalar_i64, snapshot, TestApp, DEMO_PASSWORD};
use server::demo;

const CHAIR: &str = "chair.easthampshire@trustboard.example";
const MANAGER: &str = "district.manager.havant@trustboard.example";
const OTHER_MANAGER: &str = "district.manager@trustboard.example";
const OTHER_CHAIR: &str = "chair.fareham@trustboard.example";
const MEMBER: &str = "member.havant@trustboard.example";
const BOARD: &str = "board@trustboard.example";

async fn post(
    app: &TestApp,
    cookie: Option<&str>,
    path: &str,
    form: &[(&str, String)],
) -> (u16, String) {
    let res = app.post_as(path, cookie, form).await;
    let status = res.status().as_u16();
    (status, res.text().await.unwrap_or_default())
}

fn event_form(fields: &[(&str, &str)]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|(k, v)| (format!("form[{k}]"), v.to_string()))
        .collect()
}

fn as_form(f: &[(String, String)]) -> Vec<(&str, String)> {
    f.iter().map(|(k, v)| (k.as_str(), v.clone())).collect()
}

const GOOD: &[(&str, &str)] = &[
    ("title", "East Hampshire data day"),
    ("held_on", "23/11/2026"),
    ("partnerships][east-hampshire", "on"),
    ("ballot_source", "custom"),
    (
        "candidates",
        "Things to do after school\nMental health support\nSafer journeys",
    ),
    ("votes_each", "3"),
    ("several_on_one", "yes"),
    ("comments_after_review", "no"),
    ("indicator", "NI 116"),
];

fn good_with(changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut f: Vec<(&str, &str)> = GOOD.to_vec();
    for (k, v) in changes {
        f.retain(|(key, _)| key != k);
        f.push((k, v));
    }
    event_form(&f)
}

async fn event_page(app: &TestApp, cookie: &str, id: i64) -> EventPage {
    let res = app
        .get_as(&format!("/api/event?id={id}"), Some(cookie))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    res.json().await.expect("the event's page")
}

/// A participant: a device with its own cookie jar (just the event's cookie).
struct Device {
    cookie: Option<String>,
}

impl Device {
    fn new() -> Self {
        Device { cookie: None }
    }

    fn keep(&mut self, res: &reqwest::Response) {
        if let Some(c) = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("tb_event_"))
        {
            self.cookie = c.split(';').next().map(str::to_string);
        }
    }

    async fn get(&mut self, app: &TestApp, path: &str) -> (u16, String) {
        let res = app.get_as(path, self.cookie.as_deref()).await;
        self.keep(&res);
        (res.status().as_u16(), res.text().await.unwrap_or_default())
    }

    /// A plain form post (JavaScript off); answers status, body and the change number.
    async fn post(
        &mut self,
        app: &TestApp,
        path: &str,
        form: &[(&str, String)],
    ) -> (u16, String, Option<i64>) {
        let mut req = app
            .client
            .post(app.url(path))
            .header("accept", "text/html")
            .header("sec-fetch-site", "same-origin")
            .form(form);
        if let Some(c) = &self.cookie {
            req = req.header("cookie", c);
        }
        let res = req.send().await.expect("request");
        self.keep(&res);
        let change = res
            .headers()
            .get("x-trustboard-change")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok());
        (
            res.status().as_u16(),
            res.text().await.unwrap_or_default(),
            change,
        )
    }
}

/// Reads a live stream until an update with a change number of at least `at_least` arrives
/// (or `within` passes); answers that update's data.
async fn wait_for_update(
    res: &mut reqwest::Response,
    at_least: i64,
    within: std::time::Duration,
) -> Option<String> {
    let deadline = tokio::time::Instant::now() + within;
    let mut buffer = String::new();
    loop {
        let chunk = tokio::time::timeout_at(deadline, res.chunk())
            .await
            .ok()?
            .ok()??;
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let message: String = buffer.drain(..end + 2).collect();
            let id = message
                .lines()
                .find_map(|l| l.strip_prefix("id:"))
                .map(|v| v.trim().parse::<i64>().unwrap_or(0));
            let data: String = message
                .lines()
                .filter_map(|l| l.strip_prefix("data:"))
                .map(|d| d.trim_start())
                .collect::<Vec<_>>()
                .join("\n");
            if id.is_some_and(|n| n >= at_least) {
                return Some(data);
            }
        }
    }
}

on_both_backends!(an_event_runs_from_its_creation_to_the_plan, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let chair = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    let member = app.sign_in(MEMBER, DEMO_PASSWORD).await.unwrap();
    let board = app.sign_in(BOARD, DEMO_PASSWORD).await.unwrap();
    let other_chair = app.sign_in(OTHER_CHAIR, DEMO_PASSWORD).await.unwrap();
    let other_manager = app.sign_in(OTHER_MANAGER, DEMO_PASSWORD).await.unwrap();
    let manager = app.sign_in(MANAGER, DEMO_PASSWORD).await.unwrap();

    // Every mistake in the form is refused, naming its field, with nothing stored.
    let before = snapshot(&t.db).await;
    let bad = good_with(&[
        ("title", ""),
        ("held_on", "31/2/2026"),
        ("votes_each", "0"),
        ("opens_at", "25:00"),
    ]);
    let (status, body) = post(&app, Some(&chair), "/api/events/create", &as_form(&bad)).await;
    assert_eq!(status, 422, "{body}");
    for field in ["\"title\"", "\"held_on\"", "\"votes_each\"", "\"opens_at\""] {
        assert!(body.contains(field), "{field} in {body}");
    }
    let twice = good_with(&[("candidates", "Safer streets\nsafer streets")]);
    let (status, body) = post(&app, Some(&chair), "/api/events/create", &as_form(&twice)).await;
    assert_eq!(status, 422);
    assert!(body.contains("listed twice"), "{body}");
    // Another partnership's event: refused as such.
    let foreign = good_with(&[("partnerships][havant", "on")]);
    let (status, _) = post(&app, Some(&chair), "/api/events/create", &as_form(&foreign)).await;
    assert_eq!(status, 403);
    // A member, a Board member and nobody cannot create one at all.
    assert_eq!(
        post(
            &app,
            Some(&member),
            "/api/events/create",
            &as_form(&good_with(&[]))
        )
        .await
        .0,
        403
    );
    assert_eq!(
        post(
            &app,
            Some(&board),
            "/api/events/create",
            &as_form(&good_with(&[]))
        )
        .await
        .0,
        403
    );
    assert_eq!(
        post(&app, None, "/api/events/create", &as_form(&good_with(&[])))
            .await
            .0,
        401
    );
    assert_eq!(
        snapshot(&t.db).await,
        before,
        "refused creations stored nothing"
    );

    // Created: a code without look-alikes, the ballot copied in, not open yet.
    let (status, body) = post(
        &app,
        Some(&chair),
        "/api/events/create",
        &as_form(&good_with(&[])),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let id: i64 = body.trim().parse().expect("the new event's id");
    let page = event_page(&app, &chair, id).await;
    let code = page.event.code.clone();
    assert_eq!(code.len(), 6);
    assert!(!code.chars().any(|c| "0O1IL".contains(c)), "{code}");
    assert_eq!(page.event.options.len(), 3);
    assert!(!page.results.phase.is_open());
    assert_eq!(
        scalar_i64(&t.db, &format!("SELECT COUNT(*) FROM audit_event WHERE entity_type = 'stakeholder_event' AND entity_id = '{id}'")).await,
        1
    );
    let options: Vec<i64> = page.event.options.iter().map(|o| o.id).collect();

    // The ballot can come from the partnership's plan for the year or from the Board's
    // priorities: copied in, in their order.
    for (source, sql) in [
        ("plan", "SELECT pp.title FROM plan_priority pp JOIN plan p ON p.id = pp.plan_id JOIN partnership pt ON pt.id = p.partnership_id WHERE pt.slug = 'east-hampshire' AND p.plan_year = 2026 ORDER BY pp.position"),
        ("board", "SELECT title FROM board_priority WHERE plan_year = 2026 ORDER BY position"),
    ] {
        let (status, body) = post(&app, Some(&chair), "/api/events/create", &as_form(&good_with(&[("ballot_source", source), ("candidates", "")]))).await;
        assert_eq!(status, 200, "{source}: {body}");
        let other: i64 = body.trim().parse().unwrap();
        let labels: Vec<String> = event_page(&app, &chair, other).await.event.options.into_iter().map(|o| o.label).collect();
        let expected = common::rows_text(&t.db, sql).await;
        assert!(expected.len() >= 2, "{source}");
        assert_eq!(labels, expected, "{source}");
    }

    // Other people may not run it: another partnership's chair, the other district's manager,
    // a member, the Board; nobody is asked to sign in. Its own district manager may.
    for who in [&other_chair, &other_manager, &member, &board] {
        assert_eq!(
            app.get_as(&format!("/api/event?id={id}"), Some(who))
                .await
                .status()
                .as_u16(),
            403
        );
        assert_eq!(
            app.get_as(&format!("/events/{id}/projector"), Some(who))
                .await
                .status()
                .as_u16(),
            403
        );
        assert_eq!(
            app.get_as(&format!("/events/{id}/export/results.csv"), Some(who))
                .await
                .status()
                .as_u16(),
            403
        );
        assert_eq!(
            app.get_as(&format!("/events/{id}/live"), Some(who))
                .await
                .status()
                .as_u16(),
            403
        );
    }
    assert_eq!(
        app.get_as(&format!("/api/event?id={id}"), None)
            .await
            .status()
            .as_u16(),
        401
    );
    assert_eq!(
        app.get_as(&format!("/events/{id}/export/results.csv"), None)
            .await
            .status()
            .as_u16(),
        401
    );
    assert_eq!(
        app.get_as(&format!("/api/event?id={id}"), Some(&manager))
            .await
            .status()
            .as_u16(),
        200
    );

    // A participant joins by code (any case, spaces ignored) and gets the event's cookie.
    let mut phone = Device::new();
    let spaced = format!("{} {}", &code[..3].to_lowercase(), &code[3..]);
    let res = app
        .get(&format!("/e?code={}", spaced.replace(' ', "+")))
        .await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], format!("/e/{code}").as_str());
    let (status, body) = phone.get(&app, &format!("/e/{code}")).await;
    assert_eq!(status, 200);
    assert!(phone.cookie.is_some(), "the participant's cookie");
    assert!(
        body.contains("East Hampshire data day") && body.contains("data-testid=\"event-map\""),
        "the page with its map"
    );
    assert!(
        !body.contains(".wasm") && !body.contains("/pkg/trustboard.js"),
        "no WebAssembly on a participant's page"
    );
    assert!(
        !body.contains("ballot-form"),
        "no ballot before voting opens"
    );

    // A ballot before voting opens: refused, nothing stored.
    let before = snapshot(&t.db).await;
    let ballot = |votes: &[(i64, &str)]| -> Vec<(String, String)> {
        votes
            .iter()
            .map(|(o, n)| (format!("votes[{o}]"), n.to_string()))
            .collect()
    };
    let (status, body, _) = phone
        .post(
            &app,
            &format!("/e/{code}/ballot"),
            &as_form(&ballot(&[(options[0], "1")])),
        )
        .await;
    assert_eq!(status, 409);
    assert!(body.contains("Voting has not opened yet"), "{body}");
    assert_eq!(snapshot(&t.db).await, before);

    // The chair opens voting (a stale revision is refused first).
    let open = |rev: i64| {
        vec![
            ("event_id", id.to_string()),
            ("revision", rev.to_string()),
            ("voting", "open".to_string()),
        ]
    };
    assert_eq!(
        post(
            &app,
            Some(&chair),
            "/api/events/voting",
            &open(page.event.revision + 5)
        )
        .await
        .0,
        409
    );
    // A voting state not understood: refused, nothing changed.
    let before = snapshot(&t.db).await;
    let maybe = [
        ("event_id", id.to_string()),
        ("revision", page.event.revision.to_string()),
        ("voting", "maybe".to_string()),
    ];
    let (status, body) = post(&app, Some(&chair), "/api/events/voting", &maybe).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(snapshot(&t.db).await, before);
    assert_eq!(
        post(
            &app,
            Some(&other_chair),
            "/api/events/voting",
            &open(page.event.revision)
        )
        .await
        .0,
        403
    );
    assert_eq!(
        post(
            &app,
            Some(&chair),
            "/api/events/voting",
            &open(page.event.revision)
        )
        .await
        .0,
        200
    );

    // Bad ballots: each refused with its message, the typed votes kept, nothing stored.
    let before = snapshot(&t.db).await;
    for (votes, message) in [
        (
            ballot(&[(options[0], "3"), (options[1], "1")]),
            "You have 3 votes but gave 4",
        ),
        (ballot(&[(options[0], "0")]), "Choose at least one priority"),
        (ballot(&[(999_999, "1")]), "not on this ballot"),
        (ballot(&[(options[0], "-1")]), "whole number"),
    ] {
        let (status, body, _) = phone
            .post(&app, &format!("/e/{code}/ballot"), &as_form(&votes))
            .await;
        assert_eq!(status, 422, "{message}");
        assert!(body.contains(message), "{message} in the page");
        assert!(body.contains("govuk-error-summary"), "an error summary");
    }
    let (_, body, _) = phone
        .post(
            &app,
            &format!("/e/{code}/ballot"),
            &as_form(&ballot(&[(options[0], "3"), (options[1], "1")])),
        )
        .await;
    assert!(body.contains(&format!("name=\"votes[{}]\" type=\"number\" inputmode=\"numeric\" min=\"0\" max=\"3\" value=\"3\"", options[0])), "the typed votes come back");
    assert_eq!(
        snapshot(&t.db).await,
        before,
        "refused ballots stored nothing"
    );

    // A live stream, connected before the vote.
    let mut live = app.get(&format!("/e/{code}/live")).await;
    assert_eq!(live.status().as_u16(), 200);
    assert_eq!(live.headers()["content-type"], "text/event-stream");
    assert!(
        wait_for_update(&mut live, 0, std::time::Duration::from_secs(5))
            .await
            .is_some(),
        "the results as they stand"
    );

    // A good ballot: counted, and on the stream within a second.
    let (status, _, change) = phone
        .post(
            &app,
            &format!("/e/{code}/ballot"),
            &as_form(&ballot(&[(options[0], "2"), (options[1], "1")])),
        )
        .await;
    assert_eq!(status, 303);
    let change = change.expect("the change number");
    let data = wait_for_update(&mut live, change, std::time::Duration::from_secs(1))
        .await
        .expect("the vote on the stream within a second");
    assert!(data.contains("3 votes cast"), "{data}");
    // Changed, not doubled.
    let (status, _, _) = phone
        .post(
            &app,
            &format!("/e/{code}/ballot"),
            &as_form(&ballot(&[(options[2], "3")])),
        )
        .await;
    assert_eq!(status, 303);
    let votes_here = format!("SELECT CAST(COALESCE(SUM(v.votes), 0) AS BIGINT) FROM event_vote v JOIN event_option o ON o.id = v.option_id WHERE o.event_id = {id}");
    assert_eq!(scalar_i64(&t.db, &votes_here).await, 3);
    assert_eq!(
        scalar_i64(
            &t.db,
            &format!(
                "SELECT COUNT(*) FROM event_vote WHERE option_id = {}",
                options[2]
            )
        )
        .await,
        1
    );

    // A young person's ballot, from a device that has not opened the page: joins as it votes.
    let mut young = Device::new();
    let mut form = ballot(&[(options[1], "2")]);
    form.push(("young_person".into(), "yes".into()));
    form.push(("age_band".into(), "16_18".into()));
    let (status, _, _) = young
        .post(&app, &format!("/e/{code}/ballot"), &as_form(&form))
        .await;
    assert_eq!(status, 303);
    assert!(young.cookie.is_some());

    // Comments: empty and over-long refused (the long one comes back whole), then added.
    let before = snapshot(&t.db).await;
    let (status, body, _) = phone
        .post(
            &app,
            &format!("/e/{code}/comment"),
            &[("comment", " ".into())],
        )
        .await;
    assert_eq!(status, 422);
    assert!(body.contains("Write your comment"));
    let long: String = "Parks and youth clubs matter to us. ".repeat(160);
    assert!(long.len() > 4096, "longer than a cookie could carry");
    let (status, body, _) = phone
        .post(
            &app,
            &format!("/e/{code}/comment"),
            &[("comment", long.clone())],
        )
        .await;
    assert_eq!(status, 422);
    assert!(
        body.contains("Write 1,000 characters or fewer"),
        "the limit said"
    );
    assert!(
        body.contains(long.trim_end()),
        "every character typed comes back"
    );
    assert_eq!(snapshot(&t.db).await, before);
    let (status, _, _) = phone
        .post(
            &app,
            &format!("/e/{code}/comment"),
            &[("comment", "More buses to Alton".into())],
        )
        .await;
    assert_eq!(status, 303);
    let (status, _, _) = young
        .post(
            &app,
            &format!("/e/{code}/comment"),
            &[
                ("comment", "Ring 07700 900456 for a lift".into()),
                ("young_person", "yes".into()),
            ],
        )
        .await;
    assert_eq!(status, 303);

    // The facilitator sees both and hides one: it reaches neither the projector nor the files.
    let page = event_page(&app, &chair, id).await;
    assert_eq!(page.results.voted, 2);
    assert_eq!(page.results.young_voted, 1);
    assert_eq!(page.results.young_total(), 2);
    let hidden = page
        .comments
        .iter()
        .find(|c| c.body.contains("07700"))
        .expect("the comment")
        .id;
    assert_eq!(
        post(
            &app,
            Some(&other_chair),
            "/api/events/comment",
            &[
                ("event_id", id.to_string()),
                ("comment_id", hidden.to_string()),
                ("decision", "hide".into())
            ]
        )
        .await
        .0,
        403
    );
    assert_eq!(
        post(
            &app,
            Some(&chair),
            "/api/events/comment",
            &[
                ("event_id", id.to_string()),
                ("comment_id", hidden.to_string()),
                ("decision", "hide".into())
            ]
        )
        .await
        .0,
        200
    );
    let projector = app
        .get_as(&format!("/events/{id}/projector"), Some(&chair))
        .await;
    assert_eq!(projector.status().as_u16(), 200);
    let projector = projector.text().await.unwrap();
    assert!(projector.contains("More buses to Alton"));
    assert!(
        !projector.contains("07700"),
        "a hidden comment never reaches the projector"
    );
    assert!(
        projector.contains("<svg") && projector.contains(&format!("/e/{code}")),
        "the QR code and the address"
    );
    assert!(
        projector.contains("http-equiv=\"refresh\""),
        "it reloads itself without JavaScript"
    );
    let csv = app
        .get_as(&format!("/events/{id}/export/results.csv"), Some(&chair))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with("Rank,Priority,Votes,Young people's votes\r\n1,Safer journeys,3,0\r\n2,Mental health support,2,2\r\n"), "{csv}");
    let xlsx = app
        .get_as(&format!("/events/{id}/export/results.xlsx"), Some(&chair))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(xlsx.starts_with(b"PK"), "a workbook");
    assert!(!String::from_utf8_lossy(&xlsx).contains("07700"));

    // The chair closes voting; a late vote is refused, nothing stored; the code no longer joins.
    let rev = event_page(&app, &chair, id).await.event.revision;
    assert_eq!(
        post(
            &app,
            Some(&chair),
            "/api/events/voting",
            &[
                ("event_id", id.to_string()),
                ("revision", rev.to_string()),
                ("voting", "closed".into())
            ]
        )
        .await
        .0,
        200
    );
    let before = snapshot(&t.db).await;
    let (status, body, _) = phone
        .post(
            &app,
            &format!("/e/{code}/ballot"),
            &as_form(&ballot(&[(options[0], "1")])),
        )
        .await;
    assert_eq!(status, 409);
    assert!(body.contains("Voting has closed"));
    // A new device looking at the finished event sees the results without joining it.
    let (status, body) = Device::new().get(&app, &format!("/e/{code}")).await;
    assert_eq!(status, 200);
    assert!(body.contains("ballot-closed") && !body.contains("ballot-form"));
    let (status, _, _) = phone
        .post(
            &app,
            &format!("/e/{code}/comment"),
            &[("comment", "Too late".into())],
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(snapshot(&t.db).await, before);
    let res = app.get(&format!("/e?code={code}")).await;
    assert_eq!(res.status().as_u16(), 410);
    assert!(res.text().await.unwrap().contains("has closed"));
    // The database refuses a ballot change at a closed event too.
    let refused = common::exec(
        &t.db,
        &format!("DELETE FROM event_vote WHERE option_id = {}", options[2]),
    )
    .await;
    assert!(refused.is_err(), "{refused:?}");

    // The results into the plan: once, with their source.
    let page = event_page(&app, &chair, id).await;
    assert_eq!(page.plans.len(), 1);
    assert_eq!(page.plans[0].state, PlanTargetState::CanAdd);
    assert_eq!(
        post(
            &app,
            Some(&manager),
            "/api/events/add-to-plan",
            &[
                ("event_id", id.to_string()),
                ("partnership", "east-hampshire".into())
            ]
        )
        .await
        .0,
        403
    );
    let (status, body) = post(
        &app,
        Some(&chair),
        "/api/events/add-to-plan",
        &[
            ("event_id", id.to_string()),
            ("partnership", "east-hampshire".into()),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let needs = common::rows_text(&t.db, "SELECT needs_summary FROM plan p JOIN partnership pt ON pt.id = p.partnership_id WHERE pt.slug = 'east-hampshire' AND p.plan_year = 2026").await;
    assert!(needs[0].contains("Stakeholder event “East Hampshire data day”, 23 November 2026 (2 people taking part, 2 voted). Priorities by votes: 1. Safer journeys (3 votes); 2. Mental health support (2 votes)"), "{needs:?}");
    let young_said = common::rows_text(&t.db, "SELECT young_people_said FROM plan p JOIN partnership pt ON pt.id = p.partnership_id WHERE pt.slug = 'east-hampshire' AND p.plan_year = 2026").await;
    assert!(
        young_said[0]
            .contains("1 young person voted. Their priorities: 1. Mental health support (2 votes)"),
        "{young_said:?}"
    );
    assert!(!young_said[0].contains("07700"));
    let before = snapshot(&t.db).await;
    let (status, body) = post(
        &app,
        Some(&chair),
        "/api/events/add-to-plan",
        &[
            ("event_id", id.to_string()),
            ("partnership", "east-hampshire".into()),
        ],
    )
    .await;
    assert_eq!(status, 409);
    assert!(body.contains("already"), "{body}");
    assert_eq!(snapshot(&t.db).await, before);
    assert_eq!(
        event_page(&app, &chair, id).await.plans[0].state,
        PlanTargetState::Added
    );
});

on_both_backends!(wrong_codes_are_throttled_and_unknown_codes_explained, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    // Malformed and unknown codes: a clear message each.
    let res = app.get("/e?code=K0R4MX").await;
    assert_eq!(res.status().as_u16(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("never use 0, O, 1, I or L"));
    let res = app.get("/e/ZZZZZZ").await;
    assert_eq!(res.status().as_u16(), 404);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("No event has the code ZZZ ZZZ"));
    // The demo's open event joins.
    assert_eq!(app.get("/e?code=EHY7RF").await.status().as_u16(), 303);
    // Twenty wrong codes from one address, then even the right one waits.
    for i in 0..19 {
        let code = format!(
            "ZZZZ{}",
            [
                "A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "M", "N", "P", "Q", "R", "S",
                "T", "U", "V"
            ][i]
        );
        let res = app.get(&format!("/e?code={code}Z")).await;
        assert_eq!(res.status().as_u16(), 404, "{code}");
    }
    let res = app.get("/e?code=EHY7RF").await;
    assert_eq!(res.status().as_u16(), 429);
    assert!(res.text().await.unwrap().contains("Too many wrong codes"));
    assert_eq!(app.get("/e/EHY7RF").await.status().as_u16(), 429);
});

/// Two app servers on one PostgreSQL database, as a county runs them behind a load balancer: a
/// projector's live stream on one hears of a vote cast through the other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_app_servers_share_live_results_on_postgresql() {
    let t = common::fresh_db(common::Backend::Postgres).await;
    demo::load(&t.db, common::today()).await.unwrap();
    let other_pool = app::db::Db::connect(&t.url, &app::db::PoolSettings::default())
        .await
        .unwrap();
    let a = TestApp::spawn(t.db.clone()).await;
    let b = TestApp::spawn(other_pool).await;
    let manager = b.sign_in(MANAGER, DEMO_PASSWORD).await.unwrap();
    let id = scalar_i64(
        &t.db,
        "SELECT id FROM stakeholder_event WHERE code = 'EHY7RF'",
    )
    .await;
    let mut projector = b
        .get_as(&format!("/events/{id}/live"), Some(&manager))
        .await;
    assert_eq!(projector.status().as_u16(), 200);
    assert!(
        wait_for_update(&mut projector, 0, std::time::Duration::from_secs(5))
            .await
            .is_some()
    );
    let option = scalar_i64(
        &t.db,
        &format!("SELECT MIN(id) FROM event_option WHERE event_id = {id}"),
    )
    .await;
    let mut phone = Device::new();
    let started = std::time::Instant::now();
    let (status, _, change) = phone
        .post(
            &a,
            "/e/EHY7RF/ballot",
            &[(&format!("votes[{option}]"), "1".into())],
        )
        .await;
    assert_eq!(status, 303);
    let data = wait_for_update(
        &mut projector,
        change.unwrap(),
        std::time::Duration::from_secs(1),
    )
    .await
    .expect("the vote cast through server A reaches the projector on server B within a second");
    assert!(data.contains("voted"));
    println!("vote through A shown on B after {:?}", started.elapsed());
}
