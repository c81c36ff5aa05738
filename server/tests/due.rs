//! What is due, on both backends, with the demo data (today 23 November 2026): the home page
//! shows a chair their plan due in the April window and overdue after it, a district manager
//! the self-assessments to moderate in their districts, a Board member the plans awaiting
//! approval and the cycle table (which a chair may not see); the daily digests for a fixed date
//! go to the right people with only their own items, not to someone who turned them off, once a
//! day, and wait in the outbox (an administrator's page) without a mail server; with one (a
//! tiny SMTP server in the test) they are sent once, and a failure is recorded. The calendar
//! feed parses as strict iCalendar and holds the person's deadlines only; a wrong or replaced
//! secret, or a disabled account, is "not found".

mod common;

use app::api::due::{CycleTable, DueNow, Outbox};
use app::domain::PlanYear;
use common::{scalar_i64, TestApp, DEMO_PASSWORD};
use server::demo;
use server::reminders::run_digests;

const ADMIN: &str = "admin@trustboard.example";
const BOARD: &str = "board@trustboard.example";
const MANAGER: &str = "district.manager@trustboard.example";
const GOSPORT: &str = "chair.gosport@trustboard.example";
const FAREHAM: &str = "chair.fareham@trustboard.example";
const EAST_HAMPSHIRE: &str = "chair.easthampshire@trustboard.example";
const MEMBER: &str = "member.havant@trustboard.example";
const VIEWER: &str = "viewer@trustboard.example";

fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn page(app: &TestApp, path: &str, cookie: Option<&str>) -> (u16, String) {
    let res = app.get_as(path, cookie).await;
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The "What is due from you" section of the home page.
fn due_section(html: &str) -> String {
    let start = html
        .find("data-testid=\"what-is-due\"")
        .unwrap_or_else(|| panic!("no what-is-due section in {html}"));
    let rest = &html[start..];
    rest[..rest.find("</section>").unwrap()].to_string()
}

async fn due(app: &TestApp, cookie: &str) -> DueNow {
    let res = app.get_as("/api/due/mine", Some(cookie)).await;
    assert_eq!(res.status().as_u16(), 200);
    res.json().await.unwrap()
}

fn texts(d: &DueNow) -> Vec<String> {
    d.items.iter().map(|i| i.text.clone()).collect()
}

on_both_backends!(a_chair_sees_their_plan_due_then_overdue, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    // April 2027: Gosport's 2027/28 plan and self-assessment are not started.
    let app = TestApp::spawn_with(t.db.clone(), |s| s.today = Some(date(2027, 4, 18))).await;
    let chair = app.sign_in(GOSPORT, DEMO_PASSWORD).await.unwrap();
    let (status, html) = page(&app, "/", Some(&chair)).await;
    assert_eq!(status, 200);
    let section = due_section(&html);
    assert!(section.contains("What is due from you"));
    assert!(
        section.contains("Plan for 2027/28 due 30 April 2027 (12 days)"),
        "{section}"
    );
    assert!(section.contains("Self-assessment due 30 April 2027 (12 days)"));
    assert!(section.contains("href=\"/partnerships/gosport/plans/2027\""));
    assert!(!section.contains("Overdue"));
    assert!(
        !section.contains("Fareham"),
        "another partnership's: {section}"
    );
    assert!(
        !section.contains("cycle-link"),
        "a chair has no cycle table"
    );
    // Nobody signed in: no section at all.
    let (status, html) = page(&app, "/", None).await;
    assert_eq!(status, 200);
    assert!(!html.contains("what-is-due"));
    drop(app);

    // After the date it is overdue, tagged so.
    let app = TestApp::spawn_with(t.db.clone(), |s| s.today = Some(date(2027, 5, 3))).await;
    let chair = app.sign_in(GOSPORT, DEMO_PASSWORD).await.unwrap();
    let section = due_section(&page(&app, "/", Some(&chair)).await.1);
    assert!(
        section.contains("Plan for 2027/28 was due 30 April 2027 (3 days ago)"),
        "{section}"
    );
    assert!(section.contains("govuk-tag--red"));
    assert!(section.contains(">Overdue<"));
    let d = due(&app, &chair).await;
    assert!(d.items.iter().all(|i| i.overdue));
    assert_eq!(d.year, PlanYear::new(2027).unwrap());

    // A viewer: nothing is due.
    let viewer = app.sign_in(VIEWER, DEMO_PASSWORD).await.unwrap();
    let section = due_section(&page(&app, "/", Some(&viewer)).await.1);
    assert!(section.contains("Nothing is due from you in the next fortnight"));
});

on_both_backends!(
    district_managers_and_the_board_count_what_waits_on_them,
    |t| {
        demo::load(&t.db, common::today()).await.unwrap();
        // The Gosport manager looks after Eastleigh (submitted late) and Hart (being moderated) too.
        let manager_id = scalar_i64(
            &t.db,
            &format!("SELECT id FROM user_account WHERE email = '{MANAGER}'"),
        )
        .await;
        for district in ["Eastleigh", "Hart"] {
            common::exec(
            &t.db,
            &format!(
                "INSERT INTO role_assignment (user_id, role, district_area_id)
                 SELECT {manager_id}, 'district_manager', id FROM area WHERE name = '{district}' AND kind = 'district'"
            ),
        )
        .await
        .unwrap();
        }
        let app = TestApp::spawn(t.db.clone()).await;
        let manager = app.sign_in(MANAGER, DEMO_PASSWORD).await.unwrap();
        let d = due(&app, &manager).await;
        assert_eq!(
            texts(&d),
            vec!["2 self-assessments to moderate, was due 31 May 2026 (176 days ago)"]
        );
        assert!(d.items[0].overdue);
        let section = due_section(&page(&app, "/", Some(&manager)).await.1);
        assert!(section.contains("2 self-assessments to moderate"));

        // The Board: Eastleigh's and Rushmoor's plans, Test Valley's mid-year review.
        let board = app.sign_in(BOARD, DEMO_PASSWORD).await.unwrap();
        let d = due(&app, &board).await;
        assert_eq!(
            texts(&d),
            vec![
                "2 plans awaiting approval, was due 31 May 2026 (176 days ago)",
                "1 mid-year review to accept, due 31 December 2026 (38 days)",
            ]
        );
        assert!(d.can_view_cycle);
        let (status, html) = page(&app, "/", Some(&board)).await;
        assert_eq!(status, 200);
        assert!(html.contains("href=\"/cycle\""));

        // The cycle table: every partnership, with its plan, self-assessment and mid-year review.
        let res = app.get_as("/api/due/cycle", Some(&board)).await;
        assert_eq!(res.status().as_u16(), 200);
        let table: CycleTable = res.json().await.unwrap();
        assert_eq!(table.partnerships.len(), 11);
        let (status, html) = page(&app, "/cycle", Some(&board)).await;
        assert_eq!(status, 200);
        assert!(html.contains("data-testid=\"cycle-table\""));
        let row = |slug: &str| {
            let start = html.find(&format!("data-slug=\"{slug}\"")).unwrap();
            let rest = &html[start..];
            rest[..rest.find("</tr>").unwrap()].to_string()
        };
        let gosport = row("gosport");
        assert!(
            gosport.contains("Not started") && gosport.contains(">Overdue<"),
            "{gosport}"
        );
        let test_valley = row("test-valley");
        assert!(test_valley.contains("Approved") && test_valley.contains("Moderated"));
        assert!(
            test_valley.contains("Submitted"),
            "its mid-year review: {test_valley}"
        );
        assert!(!test_valley.contains("Overdue"));
        assert!(row("hart").contains("Being moderated"));

        // A chair may not see it; nobody must sign in.
        let chair = app.sign_in(GOSPORT, DEMO_PASSWORD).await.unwrap();
        assert_eq!(
            app.get_as("/api/due/cycle", Some(&chair))
                .await
                .status()
                .as_u16(),
            403
        );
        let (status, html) = page(&app, "/cycle", Some(&chair)).await;
        assert_eq!(status, 403);
        assert!(!html.contains("cycle-table"));
        assert_eq!(
            app.get_as("/api/due/cycle", None).await.status().as_u16(),
            401
        );
        assert_eq!(
            app.get_as("/api/due/mine", None).await.status().as_u16(),
            401
        );
    }
);

/// The day's digests, by address: (subject, body).
async fn digests(db: &app::db::Db) -> Vec<(String, String, String)> {
    let (rows, _) = app::db::due::outbox(db, 0, 100).await.unwrap();
    let mut out: Vec<_> = rows
        .into_iter()
        .map(|d| (d.email, d.subject, d.body))
        .collect();
    out.sort();
    out
}

on_both_backends!(the_daily_digests, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    // Fareham's chair turns digests off (a plain form, audited).
    let fareham = app.sign_in(FAREHAM, DEMO_PASSWORD).await.unwrap();
    let res = app
        .plain_post("/api/due/digests", &fareham, &[("digests", "off".into())])
        .await;
    assert!(
        res.status().is_redirection(),
        "a plain form is sent back to the page"
    );
    assert!(
        scalar_i64(
            &t.db,
            "SELECT COUNT(*) FROM audit_event WHERE entity_type = 'user_account' AND summary LIKE '%digests%off'"
        )
        .await
            == 1
    );
    let (_, html) = page(&app, "/account", Some(&fareham)).await;
    assert!(html.contains("digests-form"));
    assert!(
        html.contains("id=\"digests-off\" name=\"digests\" type=\"radio\" value=\"off\" checked"),
        "{html}"
    );

    // Demo sign-ins get digests only in demo mode.
    let today = common::today();
    let off = run_digests(&t.db, None, "https://tb.example.org", today, false)
        .await
        .unwrap();
    assert_eq!(off.made, 0);

    let report = run_digests(&t.db, None, "https://tb.example.org/", today, true)
        .await
        .unwrap();
    let got = digests(&t.db).await;
    let to: Vec<&str> = got.iter().map(|(e, _, _)| e.as_str()).collect();
    assert_eq!(
        to,
        vec![ADMIN, BOARD, EAST_HAMPSHIRE, GOSPORT, MEMBER],
        "the viewer and the managers have nothing due; Fareham's chair turned them off"
    );
    assert_eq!(report.made, 5);
    let of = |who: &str| got.iter().find(|(e, _, _)| e == who).unwrap().clone();
    let (_, subject, body) = of(GOSPORT);
    assert_eq!(subject, "Trustboard: 2 things overdue");
    assert!(body.starts_with("Dear Ruth Adeyemi,"));
    assert!(body.contains("- OVERDUE: Plan for 2026/27 was due 30 April 2026"));
    assert!(body.contains("https://tb.example.org/partnerships/gosport/plans/2026\n"));
    assert!(body.contains("https://tb.example.org/account"));
    for other in ["Fareham", "Havant", "East Hampshire"] {
        assert!(
            !body.contains(other),
            "Gosport's chair got {other}'s: {body}"
        );
    }
    let (_, subject, body) = of(EAST_HAMPSHIRE);
    assert_eq!(subject, "Trustboard: 1 thing due");
    assert!(body.contains("Mid-year review due 30 November 2026 (7 days)"));
    assert!(body
        .contains("https://tb.example.org/partnerships/east-hampshire/plans/2026/mid-year-review"));
    assert!(!body.contains("Gosport"));
    let (_, subject, body) = of(MEMBER);
    assert_eq!(subject, "Trustboard: 2 things overdue");
    assert!(body.contains("Havant") && !body.contains("Gosport"));
    let (_, subject, body) = of(BOARD);
    assert_eq!(subject, "Trustboard: 1 thing overdue", "{body}");
    assert!(
        !body.contains("mid-year review to accept"),
        "38 days away: not yet worth an e-mail"
    );
    let (_, _, body) = of(ADMIN);
    assert!(body.contains("no chair who can sign in"));

    // A second run the same day adds nothing.
    let again = run_digests(&t.db, None, "https://tb.example.org", today, true)
        .await
        .unwrap();
    assert_eq!((again.made, again.already), (0, 5));
    assert_eq!(scalar_i64(&t.db, "SELECT COUNT(*) FROM digest").await, 5);

    // Without a mail server they wait in the outbox: an administrator's page.
    let admin = app.sign_in(ADMIN, DEMO_PASSWORD).await.unwrap();
    let res = app.get_as("/api/due/outbox", Some(&admin)).await;
    assert_eq!(res.status().as_u16(), 200);
    let outbox: Outbox = res.json().await.unwrap();
    assert_eq!(outbox.total, 5);
    assert!(!outbox.mail_configured);
    assert!(outbox
        .digests
        .iter()
        .all(|d| !d.sent && d.state == "Waiting"));
    let (status, html) = page(&app, "/admin/outbox", Some(&admin)).await;
    assert_eq!(status, 200);
    assert!(html.contains("No mail server is configured"));
    assert!(html.contains("Trustboard: 2 things overdue"));
    assert!(html.contains(GOSPORT));
    assert!(html.contains("Dear Ruth Adeyemi,"), "the body is readable");
    assert!(page(&app, "/", Some(&admin))
        .await
        .1
        .contains("href=\"/admin/outbox\""));
    let chair = app.sign_in(GOSPORT, DEMO_PASSWORD).await.unwrap();
    assert_eq!(
        app.get_as("/api/due/outbox", Some(&chair))
            .await
            .status()
            .as_u16(),
        403
    );
    assert_eq!(page(&app, "/admin/outbox", Some(&chair)).await.0, 403);
    assert_eq!(
        app.get_as("/api/due/outbox", None).await.status().as_u16(),
        401
    );
});

// --- A tiny SMTP server ---------------------------------------------------------------------

/// Accepts SMTP sessions on a random port and keeps every message's data.
async fn smtp_server() -> (u16, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let got = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let keep = got.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let keep = keep.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 test.local ESMTP\r\n").await;
                while let Ok(Some(line)) = lines.next_line().await {
                    let verb = line.split_whitespace().next().unwrap_or("").to_uppercase();
                    let answer: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 test.local\r\n",
                        "DATA" => {
                            let _ = write.write_all(b"354 end with a dot\r\n").await;
                            let mut data = String::new();
                            while let Ok(Some(l)) = lines.next_line().await {
                                if l == "." {
                                    break;
                                }
                                data.push_str(&l);
                                data.push('\n');
                            }
                            keep.lock().unwrap().push(data);
                            b"250 queued\r\n"
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            return;
                        }
                        _ => b"250 OK\r\n",
                    };
                    if write.write_all(answer).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (port, got)
}

fn mailer(port: u16) -> app::mail::Mailer {
    app::mail::Mailer::new(&app::mail::MailSettings {
        host: "127.0.0.1".into(),
        port,
        username: None,
        password: None,
        from: "Trustboard <trustboard@example.org>".into(),
        security: app::mail::MailSecurity::None,
    })
    .unwrap()
}

on_both_backends!(digests_are_sent_once_through_smtp, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let today = common::today();
    // A mail server that is not there: the digests wait, with the reason.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let report = run_digests(
        &t.db,
        Some(&mailer(closed)),
        "https://tb.example.org",
        today,
        true,
    )
    .await
    .unwrap();
    // Fareham's chair has digests on here: six people have something due.
    assert_eq!((report.made, report.sent, report.failed), (6, 0, 6));
    assert_eq!(
        scalar_i64(
            &t.db,
            "SELECT COUNT(*) FROM digest WHERE sent_at IS NULL AND send_error IS NOT NULL"
        )
        .await,
        6
    );
    let app = TestApp::spawn(t.db.clone()).await;
    let admin = app.sign_in(ADMIN, DEMO_PASSWORD).await.unwrap();
    let (_, html) = page(&app, "/admin/outbox", Some(&admin)).await;
    assert!(html.contains("Why it was not sent"));
    assert!(html.contains("Not sent"));

    // Then it is there: each is sent once.
    let (port, got) = smtp_server().await;
    let m = mailer(port);
    let report = run_digests(&t.db, Some(&m), "https://tb.example.org", today, true)
        .await
        .unwrap();
    assert_eq!(
        (report.made, report.already, report.sent, report.failed),
        (0, 6, 6, 0)
    );
    let again = run_digests(&t.db, Some(&m), "https://tb.example.org", today, true)
        .await
        .unwrap();
    assert_eq!(again.sent, 0, "nothing is sent twice");
    let messages = got.lock().unwrap().clone();
    assert_eq!(messages.len(), 6);
    assert!(messages
        .iter()
        .any(|m| m.contains("Subject: Trustboard: 2 things overdue")
            && m.contains("To: chair.gosport@trustboard.example")));
    assert_eq!(
        scalar_i64(
            &t.db,
            "SELECT COUNT(*) FROM digest WHERE sent_at IS NOT NULL AND send_error IS NULL"
        )
        .await,
        6
    );
    let (_, html) = page(&app, "/admin/outbox", Some(&admin)).await;
    assert!(
        html.contains("Sent 23 November 2026") || html.contains("Sent "),
        "{html}"
    );
});

// --- The calendar feed ----------------------------------------------------------------------

/// A strict reading of an iCalendar document: CRLF line ends, lines of at most 75 octets,
/// BEGIN/END properly nested, the required properties present. Answers the unfolded events'
/// properties.
fn parse_ical(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    assert!(text.ends_with("\r\n"), "ends with CRLF");
    let raw: Vec<&str> = text[..text.len() - 2].split("\r\n").collect();
    for l in &raw {
        assert!(
            !l.contains('\n') && !l.contains('\r'),
            "bare line break in {l:?}"
        );
        assert!(l.len() <= 75, "a line of {} octets: {l:?}", l.len());
    }
    // Unfold.
    let mut lines: Vec<String> = Vec::new();
    for l in raw {
        if let Some(rest) = l.strip_prefix(' ') {
            lines
                .last_mut()
                .expect("a continuation follows a line")
                .push_str(rest);
        } else {
            lines.push(l.to_string());
        }
    }
    let mut stack: Vec<String> = Vec::new();
    let mut events = Vec::new();
    let mut calendar_props = std::collections::HashMap::new();
    let mut current: Option<std::collections::HashMap<String, String>> = None;
    for l in &lines {
        let (name, value) = l.split_once(':').unwrap_or_else(|| panic!("no colon: {l}"));
        let key = name.split(';').next().unwrap().to_string();
        assert!(!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        match key.as_str() {
            "BEGIN" => {
                if value == "VEVENT" {
                    assert_eq!(stack.last().map(String::as_str), Some("VCALENDAR"));
                    current = Some(Default::default());
                } else {
                    assert!(stack.is_empty() && value == "VCALENDAR");
                }
                stack.push(value.to_string());
            }
            "END" => {
                assert_eq!(stack.pop().as_deref(), Some(value), "END matches BEGIN");
                if value == "VEVENT" {
                    let e = current.take().unwrap();
                    for required in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"] {
                        assert!(e.contains_key(required), "an event without {required}");
                    }
                    events.push(e);
                }
            }
            _ => {
                let target = match current.as_mut() {
                    Some(e) => e,
                    None => &mut calendar_props,
                };
                let stored = if name.contains("VALUE=DATE") {
                    format!("DATE:{value}")
                } else {
                    value.to_string()
                };
                target.insert(key, stored);
            }
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert_eq!(
        calendar_props.get("VERSION").map(String::as_str),
        Some("2.0")
    );
    assert!(calendar_props.contains_key("PRODID"));
    events
}

on_both_backends!(the_calendar_feed, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let chair = app.sign_in(GOSPORT, DEMO_PASSWORD).await.unwrap();
    let (status, html) = page(&app, "/account", Some(&chair)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Your calendar address") && !html.contains("has-calendar"));
    let res = app.post_as("/api/due/calendar", Some(&chair), &[]).await;
    assert_eq!(res.status().as_u16(), 200);
    let address: String = res.json().await.unwrap();
    let base = format!("http://{}", app.addr);
    let path = address
        .strip_prefix(&base)
        .expect("a full address")
        .to_string();
    assert!(path.starts_with("/calendar/") && path.ends_with(".ics"));
    let token = &path["/calendar/".len()..path.len() - 4];
    assert!(token.len() >= 43, "32 random bytes");
    // Only its hash is stored.
    assert_eq!(
        scalar_i64(
            &t.db,
            &format!(
                "SELECT COUNT(*) FROM user_account WHERE calendar_token_hash = '{}'",
                app::auth::token_hash(token)
            )
        )
        .await,
        1
    );
    assert_eq!(
        scalar_i64(
            &t.db,
            "SELECT COUNT(*) FROM audit_event WHERE entity_type = 'calendar_feed'"
        )
        .await,
        1
    );
    assert!(page(&app, "/account", Some(&chair))
        .await
        .1
        .contains("has-calendar"));

    // No sign-in needed: the secret is the key.
    let res = app.get_as(&path, None).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "text/calendar; charset=utf-8"
    );
    let text = res.text().await.unwrap();
    let events = parse_ical(&text);
    let user = scalar_i64(
        &t.db,
        &format!("SELECT id FROM user_account WHERE email = '{GOSPORT}'"),
    )
    .await;
    let uid = |kind: &str, year: i32| format!("stage-{kind}-{year}-{user}@trustboard");
    let find = |uid: String| {
        events
            .iter()
            .find(|e| e["UID"] == uid)
            .unwrap_or_else(|| panic!("no {uid} in {text}"))
            .clone()
    };
    let submission = find(uid("plan_submission", 2026));
    assert_eq!(submission["DTSTART"], "DATE:20260430");
    assert_eq!(submission["DTEND"], "DATE:20260501");
    assert!(submission["DESCRIPTION"].contains("Gosport Children's Partnership"));
    assert_eq!(
        submission["URL"],
        format!("{base}/partnerships/gosport/plans/2026")
    );
    let next = find(uid("mid_year_submission", 2027));
    assert_eq!(next["DTSTART"], "DATE:20271130");
    assert!(next["SUMMARY"].contains("(2027/28)"));
    // Not the Board's stages, nor another partnership's.
    assert!(events.iter().all(|e| !e["UID"].contains("plan_approval")));
    assert!(!text.contains("Fareham") && !text.contains("East Hampshire"));
    assert_eq!(
        events.len(),
        2 * 6,
        "six partnership stages this year and next"
    );

    // A wrong secret: not found.
    assert_eq!(
        app.get_as("/calendar/not-a-real-secret.ics", None)
            .await
            .status()
            .as_u16(),
        404
    );
    assert_eq!(app.get_as("/calendar/", None).await.status().as_u16(), 404);
    // A new address replaces the old.
    let res = app.post_as("/api/due/calendar", Some(&chair), &[]).await;
    let newer: String = res.json().await.unwrap();
    assert_ne!(newer, address);
    assert_eq!(app.get_as(&path, None).await.status().as_u16(), 404);
    let newer_path = newer.strip_prefix(&base).unwrap().to_string();
    assert_eq!(app.get_as(&newer_path, None).await.status().as_u16(), 200);
    // A disabled account's feed is gone.
    common::exec(
        &t.db,
        &format!("UPDATE user_account SET disabled = TRUE WHERE id = {user}"),
    )
    .await
    .unwrap();
    assert_eq!(app.get_as(&newer_path, None).await.status().as_u16(), 404);

    // Without JavaScript: the account page shows the new address once, with how to subscribe.
    let viewer = app.sign_in(VIEWER, DEMO_PASSWORD).await.unwrap();
    let res = app.plain_post("/api/due/calendar", &viewer, &[]).await;
    assert!(res.status().is_redirection());
    assert_eq!(res.headers()["location"], "/account");
    let key = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("tb_flash="))
        .map(|v| v.split(';').next().unwrap().to_string())
        .expect("a flash key");
    let html = page(&app, "/account", Some(&format!("{viewer}; {key}")))
        .await
        .1;
    assert!(html.contains(&format!("{base}/calendar/")), "{html}");
    assert!(html.contains("shown only once") && html.contains("From URL"));
    let html = page(&app, "/account", Some(&format!("{viewer}; {key}")))
        .await
        .1;
    assert!(!html.contains(&format!("{base}/calendar/")), "only once");

    // A Board member's feed has the Board's stages.
    let board = app.sign_in(BOARD, DEMO_PASSWORD).await.unwrap();
    let res = app.post_as("/api/due/calendar", Some(&board), &[]).await;
    let address: String = res.json().await.unwrap();
    let text = app
        .get_as(address.strip_prefix(&base).unwrap(), None)
        .await
        .text()
        .await
        .unwrap();
    let events = parse_ical(&text);
    assert!(events
        .iter()
        .any(|e| e["UID"].starts_with("stage-plan_approval-2026-")));
    assert!(events
        .iter()
        .all(|e| !e["UID"].contains("mid_year_submission")));
});
