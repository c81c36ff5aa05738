//! The plan pages people met in issue 11, over HTTP on both backends: removing asks first (a
//! confirmation page whose plain form post removes), the Board's list of plans opens on the year
//! with work and links a district manager only to plans they may open, a partnership's history
//! is told in words, and a notice left by the page's own code shows only on its own page.

mod common;

use app::domain::plan::Plan;
use common::{scalar_i64, TestApp, DEMO_PASSWORD};
use server::demo;

const CHAIR: &str = "chair.gosport@trustboard.example";
const BOARD: &str = "board@trustboard.example";
const DM: &str = "district.manager@trustboard.example";

fn s(v: impl ToString) -> String {
    v.to_string()
}

async fn html(app: &TestApp, path: &str, cookie: &str) -> (u16, String) {
    let res = app.get_as(path, Some(cookie)).await;
    let status = res.status().as_u16();
    (status, res.text().await.unwrap_or_default())
}

/// The cookie a response sets under `name`, as `name=value`.
fn set_cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter(|v| v.starts_with(&format!("{name}=")) && !v.contains("Max-Age=0"))
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
        .next()
}

/// The chair starts Gosport's 2027/28 plan and gives its first priority a measure and an
/// action, and adds a local priority; returns the plan as saved.
async fn gosport_plan(app: &TestApp, chair: &str) -> Plan {
    let ok = |res: reqwest::Response| async move {
        let status = res.status().as_u16();
        let body = res.text().await.unwrap_or_default();
        assert_eq!(status, 200, "{body}");
        body
    };
    ok(app
        .post_as(
            "/api/plans/start",
            Some(chair),
            &[("slug", s("gosport")), ("year", s(2027))],
        )
        .await)
    .await;
    let plan = load(app, chair).await;
    let p0 = plan.priorities[0].id;
    let lead = {
        let res = app
            .get_as("/api/plans/page?slug=gosport&year=2027", Some(chair))
            .await;
        let page: app::api::plans::PlanPage = res.json().await.expect("the plan page");
        page.partners[0].value.clone()
    };
    ok(app
        .post_as(
            "/api/plans/measure/save",
            Some(chair),
            &[
                ("plan_id", s(plan.id)),
                ("priority_id", s(p0)),
                ("measure_id", s(0)),
                ("revision", s(0)),
                ("form[indicator]", "NI 112".into()),
                ("form[baseline]", String::new()),
                ("form[baseline_period]", String::new()),
                ("form[target]", "18.5".into()),
                ("form[due]", "31 March 2028".into()),
            ],
        )
        .await)
    .await;
    ok(app
        .post_as(
            "/api/plans/action/save",
            Some(chair),
            &[
                ("plan_id", s(plan.id)),
                ("priority_id", s(p0)),
                ("action_id", s(0)),
                ("revision", s(0)),
                (
                    "form[description]",
                    "Benefit take-up campaign in family hubs".into(),
                ),
                ("form[lead]", lead),
                ("form[start]", "1/4/2027".into()),
                ("form[due]", "31/3/2028".into()),
                ("form[resources]", String::new()),
                ("form[pooled_budget]", String::new()),
                ("form[commissioning]", "neither".into()),
                ("form[status]", "not_started".into()),
            ],
        )
        .await)
    .await;
    ok(app
        .post_as(
            "/api/plans/priority/add",
            Some(chair),
            &[
                ("plan_id", s(plan.id)),
                ("form[title]", "Things to do after school".into()),
                ("form[outcome]", "More young people go to clubs".into()),
            ],
        )
        .await)
    .await;
    load(app, chair).await
}

async fn load(app: &TestApp, cookie: &str) -> Plan {
    let res = app
        .get_as("/api/plans/page?slug=gosport&year=2027", Some(cookie))
        .await;
    let page: app::api::plans::PlanPage = res.json().await.expect("the plan page");
    page.plan.expect("the plan has been started")
}

on_both_backends!(removing_asks_first_and_the_confirmation_page_removes, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let chair = app.sign_in(CHAIR, DEMO_PASSWORD).await.expect("sign in");
    let plan = gosport_plan(&app, &chair).await;
    let p0 = &plan.priorities[0];
    let (measure, action) = (p0.measures[0].id, p0.actions[0].id);
    let local = plan
        .priorities
        .iter()
        .find(|p| !p.mandated)
        .expect("the local priority")
        .id;
    let base = "/partnerships/gosport/plans/2027";
    let count = |sql: String| {
        let db = t.db.clone();
        async move { scalar_i64(&db, &sql).await }
    };
    let actions = || {
        count(format!(
            "SELECT COUNT(*) FROM plan_action WHERE id = {action}"
        ))
    };
    let measures = || {
        count(format!(
            "SELECT COUNT(*) FROM plan_measure WHERE id = {measure}"
        ))
    };
    let priorities = || {
        count(format!(
            "SELECT COUNT(*) FROM plan_priority WHERE id = {local}"
        ))
    };

    // The priority's page links to a confirmation page; it posts no removal itself.
    let (status, page) = html(&app, &format!("{base}/priorities/{}", p0.id), &chair).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&format!("href=\"{base}/actions/{action}/remove\"")),
        "{page}"
    );
    assert!(
        page.contains(&format!("href=\"{base}/measures/{measure}/remove\"")),
        "{page}"
    );
    assert!(
        !page.contains("/api/plans/action/remove"),
        "no removal without asking"
    );
    assert!(
        !page.contains("/api/plans/measure/remove"),
        "no removal without asking"
    );

    // A removal that has not been confirmed removes nothing: from the page's code it is refused,
    // and a plain form post is sent to the confirmation page.
    let remove_action = |confirm: Option<&str>| {
        let mut form = vec![
            ("plan_id", s(plan.id)),
            ("priority_id", s(p0.id)),
            ("action_id", s(action)),
        ];
        if let Some(c) = confirm {
            form.push(("confirm", c.to_string()));
        }
        form
    };
    let res = app
        .post_as(
            "/api/plans/action/remove",
            Some(&chair),
            &remove_action(None),
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let res = app
        .plain_post(
            "/api/plans/action/remove",
            &chair,
            &remove_action(Some("no")),
        )
        .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(
        res.headers().get("location").and_then(|v| v.to_str().ok()),
        Some(format!("{base}/actions/{action}/remove").as_str())
    );
    assert_eq!(actions().await, 1, "nothing removed yet");

    // The confirmation page names the action and posts the removal, confirmed; "Cancel" goes
    // back to the priority.
    let (status, confirm) = html(&app, &format!("{base}/actions/{action}/remove"), &chair).await;
    assert_eq!(status, 200, "{confirm}");
    assert!(
        confirm.contains(
            "Are you sure you want to remove the action “Benefit take-up campaign in family hubs”?"
        ),
        "{confirm}"
    );
    assert!(
        confirm.contains("action=\"/api/plans/action/remove\""),
        "{confirm}"
    );
    assert!(
        confirm.contains("name=\"confirm\" value=\"yes\""),
        "{confirm}"
    );
    assert!(
        confirm.contains(&format!("name=\"action_id\" value=\"{action}\"")),
        "{confirm}"
    );
    assert!(
        confirm.contains(&format!("href=\"{base}/priorities/{}\"", p0.id)),
        "{confirm}"
    );
    assert!(confirm.contains(">Cancel<"), "{confirm}");

    // Its plain form post removes the action (audited) and goes back to the priority.
    let res = app
        .plain_post(
            "/api/plans/action/remove",
            &chair,
            &remove_action(Some("yes")),
        )
        .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(
        res.headers().get("location").and_then(|v| v.to_str().ok()),
        Some(format!("{base}/priorities/{}", p0.id).as_str())
    );
    assert_eq!(actions().await, 0);
    assert_eq!(
        count(format!(
            "SELECT COUNT(*) FROM audit_event WHERE entity_type = 'plan_action' AND entity_id = '{action}' AND action = 'delete'"
        ))
        .await,
        1
    );
    // Something no longer in the plan has no confirmation page.
    let (status, _) = html(&app, &format!("{base}/actions/{action}/remove"), &chair).await;
    assert_eq!(status, 404);

    // The same for a measure and for a local priority.
    let (status, confirm) = html(&app, &format!("{base}/measures/{measure}/remove"), &chair).await;
    assert_eq!(status, 200);
    assert!(
        confirm.contains("Are you sure you want to remove the measure “NI 112"),
        "{confirm}"
    );
    let res = app
        .plain_post(
            "/api/plans/measure/remove",
            &chair,
            &[
                ("plan_id", s(plan.id)),
                ("priority_id", s(p0.id)),
                ("measure_id", s(measure)),
                ("confirm", s("yes")),
            ],
        )
        .await;
    assert!(res.status().is_redirection());
    assert_eq!(measures().await, 0);

    let (status, confirm) = html(&app, &format!("{base}/priorities/{local}/remove"), &chair).await;
    assert_eq!(status, 200);
    assert!(
        confirm
            .contains("Are you sure you want to remove the priority “Things to do after school”?"),
        "{confirm}"
    );
    let unconfirmed = app
        .post_as(
            "/api/plans/priority/remove",
            Some(&chair),
            &[("plan_id", s(plan.id)), ("priority_id", s(local))],
        )
        .await;
    assert_eq!(unconfirmed.status().as_u16(), 422);
    assert_eq!(priorities().await, 1);
    let res = app
        .plain_post(
            "/api/plans/priority/remove",
            &chair,
            &[
                ("plan_id", s(plan.id)),
                ("priority_id", s(local)),
                ("confirm", s("yes")),
            ],
        )
        .await;
    assert!(res.status().is_redirection());
    assert_eq!(priorities().await, 0);
});

/// The links to plans in the page's table of plans.
fn plan_links(page: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| {
            let parts: Vec<&str> = href.split('/').collect();
            parts.len() == 5
                && parts[1] == "partnerships"
                && parts[3] == "plans"
                && parts[4].parse::<i32>().is_ok()
        })
        .map(str::to_string)
        .collect()
}

on_both_backends!(
    the_plans_list_opens_on_the_year_with_work_and_links_what_opens,
    |t| {
        // The demo, made on 23 November 2026: every 2025/26 plan approved, the 2026/27 plans in every
        // state of the workflow.
        demo::load(&t.db, common::today()).await.unwrap();
        // On the demo's day, this cycle's year, whose plans are under way (the choice on other
        // days is `domain::plan::years`, unit-tested there).
        let app = TestApp::spawn(t.db.clone()).await;
        let board = app.sign_in(BOARD, DEMO_PASSWORD).await.expect("sign in");
        let (status, page) = html(&app, "/plans", &board).await;
        assert_eq!(status, 200);
        assert!(page.contains("Local delivery plans 2026/27"), "{page}");

        // A district manager is offered only the plans they may open, and each opens.
        let dm = app.sign_in(DM, DEMO_PASSWORD).await.expect("sign in");
        for year in ["", "?year=2025", "?year=2026"] {
            let (status, page) = html(&app, &format!("/plans{year}"), &dm).await;
            assert_eq!(status, 200);
            let links = plan_links(&page);
            assert!(
                !links.is_empty(),
                "the district's plans are offered:\n{page}"
            );
            assert!(links.len() < 11, "not every partnership's: {links:?}");
            for link in links {
                let (status, _) = html(&app, &link, &dm).await;
                assert_eq!(status, 200, "{link}");
            }
        }
        // The Board may open every plan.
        let (_, page) = html(&app, "/plans", &board).await;
        assert_eq!(plan_links(&page).len(), 11, "{page}");
    }
);

on_both_backends!(a_partnerships_history_is_told_in_words, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let board = app.sign_in(BOARD, DEMO_PASSWORD).await.expect("sign in");
    let chair = app.sign_in(CHAIR, DEMO_PASSWORD).await.expect("sign in");
    let plan = gosport_plan(&app, &chair).await;
    let action = plan.priorities[0].actions[0].id;
    let res = app
        .post_as(
            "/api/plans/action/remove",
            Some(&chair),
            &[
                ("plan_id", s(plan.id)),
                ("priority_id", s(plan.priorities[0].id)),
                ("action_id", s(action)),
                ("confirm", s("yes")),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);

    // Havant's plan was submitted and returned with the Board's comments.
    let (status, page) = html(&app, "/partnerships/havant/history", &board).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Status changed from Submitted to Draft"),
        "{page}"
    );
    let (status, gosport) = html(&app, "/partnerships/gosport/history", &board).await;
    assert_eq!(status, 200);
    assert!(
        gosport.contains("Action “Benefit take-up campaign in family hubs” removed"),
        "{gosport}"
    );
    assert!(gosport.contains("Due was 31 March 2028"), "{gosport}");
    let lead = plan.organisation_name(plan.priorities[0].actions[0].lead_partner);
    assert!(
        gosport.contains(&format!("Lead partner was {lead}")),
        "{gosport}"
    );
    for page in [&page, &gosport] {
        let table = page
            .split("data-testid=\"audit\"")
            .nth(1)
            .and_then(|rest| rest.split("</table>").next())
            .expect("the history's table");
        for raw in [
            "{&quot;",
            "{\"",
            "&quot;:",
            "\":",
            "plan_action",
            "plan_priority",
            "Before:",
            "After:",
        ] {
            assert!(!table.contains(raw), "{raw} in the history:\n{table}");
        }
        assert!(
            !table.contains(&format!("action {action}")),
            "no internal ids"
        );
    }
});

on_both_backends!(
    a_notice_from_the_pages_code_shows_only_on_its_own_page,
    |t| {
        demo::load(&t.db, common::today()).await.unwrap();
        let app = TestApp::spawn(t.db.clone()).await;
        let chair = app.sign_in(CHAIR, DEMO_PASSWORD).await.expect("sign in");
        let plan = gosport_plan(&app, &chair).await;
        let save_about = |text: &'static str| {
            let app = &app;
            let chair = chair.clone();
            async move {
                let plan = load(app, &chair).await;
                let res = app
                    .post_as(
                        "/api/plans/about",
                        Some(&chair),
                        &[
                            ("plan_id", s(plan.id)),
                            ("revision", s(plan.revision)),
                            ("form[needs_summary]", text.into()),
                            ("form[young_people_said]", "Somewhere safe to go".into()),
                        ],
                    )
                    .await;
                assert_eq!(res.status().as_u16(), 200);
                set_cookie(&res, "tb_flash").expect("a notice was left")
            }
        };
        // Saved from the page's code (JavaScript on), which shows the outcome itself: a link then
        // followed within the application reads the flash through the server function, and is given
        // no notice.
        let flash = save_about("Conceptions are above the county rate.").await;
        let res = app
            .get_as("/api/flash", Some(&format!("{chair}; {flash}")))
            .await;
        assert_eq!(res.status().as_u16(), 200);
        let body = res.text().await.unwrap_or_default();
        assert!(!body.contains("has been saved"), "{body}");
        // Nor does a page other than the one the notice belongs to.
        let flash = save_about("Conceptions fell.").await;
        let (_, page) = html(
            &app,
            &format!(
                "/partnerships/gosport/plans/2027/priorities/{}",
                plan.priorities[0].id
            ),
            &format!("{chair}; {flash}"),
        )
        .await;
        assert!(!page.contains("has been saved"), "{page}");
        // The page the notice belongs to, loaded afresh (the page's code loads it), shows it once.
        let flash = save_about("Conceptions fell again.").await;
        let cookies = format!("{chair}; {flash}");
        let (_, page) = html(&app, "/partnerships/gosport/plans/2027", &cookies).await;
        assert!(
            page.contains("The plan's summary has been saved."),
            "{page}"
        );
        let (_, again) = html(&app, "/partnerships/gosport/plans/2027", &cookies).await;
        assert!(!again.contains("has been saved"), "once only");
    }
);
