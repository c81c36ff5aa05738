//! The local delivery plan over HTTP, on both backends: the whole workflow (start, fill, the
//! submission rules, submit, return, resubmit, approve, a frozen snapshot, version 2 and the
//! comparison), stale saves refused with nothing overwritten, bad input and other
//! partnerships' rows refused with nothing changed, and the downloads.

mod common;

use app::domain::plan::{Change, Plan};
use app::error::AppError;
use common::{exec, scalar_i64, snapshot, TestApp, DEMO_PASSWORD};
use serde_json::Value;
use server::demo;

const CHAIR: &str = "chair.gosport@trustboard.example";
const BOARD: &str = "board@trustboard.example";
const DM: &str = "district.manager@trustboard.example";

struct Session<'a> {
    app: &'a TestApp,
    cookie: String,
}

impl Session<'_> {
    async fn post(&self, path: &str, form: &[(&str, String)]) -> (u16, String) {
        let res = self.app.post_as(path, Some(&self.cookie), form).await;
        let status = res.status().as_u16();
        (status, res.text().await.unwrap())
    }

    async fn ok(&self, path: &str, form: &[(&str, String)]) -> Value {
        let (status, body) = self.post(path, form).await;
        assert_eq!(status, 200, "{path}: {body}");
        serde_json::from_str(&body).unwrap()
    }

    async fn refused(&self, path: &str, form: &[(&str, String)], want: u16) -> AppError {
        let (status, body) = self.post(path, form).await;
        assert_eq!(status, want, "{path}: {body}");
        serde_json::from_str(&body).unwrap()
    }

    async fn page(&self, slug: &str, year: i32) -> app::api::plans::PlanPage {
        let res = self
            .app
            .get_as(
                &format!("/api/plans/page?slug={slug}&year={year}"),
                Some(&self.cookie),
            )
            .await;
        assert_eq!(res.status().as_u16(), 200);
        res.json().await.unwrap()
    }
}

async fn session<'a>(app: &'a TestApp, email: &str) -> Session<'a> {
    Session {
        app,
        cookie: app.sign_in(email, DEMO_PASSWORD).await.expect("sign in"),
    }
}

fn s(v: impl ToString) -> String {
    v.to_string()
}

/// The form of a complete action for a priority.
fn action_form(
    plan: &Plan,
    priority: i64,
    lead: &str,
    description: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("plan_id", s(plan.id)),
        ("priority_id", s(priority)),
        ("action_id", s(0)),
        ("revision", s(0)),
        ("form[description]", description.into()),
        ("form[lead]", lead.into()),
        ("form[start]", "1/4/2027".into()),
        ("form[due]", "31/3/2028".into()),
        ("form[resources]", "Two youth workers".into()),
        ("form[pooled_budget]", "£12,500".into()),
        ("form[commissioning]", "commissions".into()),
        ("form[status]", "not_started".into()),
    ]
}

fn measure_form(plan: &Plan, priority: i64, code: &str) -> Vec<(&'static str, String)> {
    vec![
        ("plan_id", s(plan.id)),
        ("priority_id", s(priority)),
        ("measure_id", s(0)),
        ("revision", s(0)),
        ("form[indicator]", code.into()),
        ("form[baseline]", String::new()),
        ("form[baseline_period]", String::new()),
        ("form[target]", "18.5".into()),
        ("form[due]", "31 March 2028".into()),
    ]
}

on_both_backends!(
    a_plan_goes_from_draft_to_approved_and_on_to_version_2,
    |t| {
        demo::load(&t.db, common::today()).await.unwrap();
        let app = TestApp::spawn(t.db.clone()).await;
        let chair = session(&app, CHAIR).await;
        let board = session(&app, BOARD).await;
        let dm = session(&app, DM).await;

        chair
            .ok(
                "/api/plans/start",
                &[("slug", s("gosport")), ("year", s(2027))],
            )
            .await;
        // Starting twice is refused, and changes nothing.
        let before = snapshot(&t.db).await;
        chair
            .refused(
                "/api/plans/start",
                &[("slug", s("gosport")), ("year", s(2027))],
                409,
            )
            .await;
        assert_eq!(snapshot(&t.db).await, before);

        let page = chair.page("gosport", 2027).await;
        let plan = page.plan.clone().expect("started");
        assert!(page.may.edit && page.may.submit && !page.may.decide);
        assert_eq!(
            plan.priorities.len(),
            5,
            "the Board's five priorities are in"
        );
        assert!(plan.priorities.iter().all(|p| p.mandated));

        // A mandated priority cannot be removed.
        let first = plan.priorities[0].id;
        let e = chair
            .refused(
                "/api/plans/priority/remove",
                &[
                    ("plan_id", s(plan.id)),
                    ("priority_id", s(first)),
                    ("confirm", s("yes")),
                ],
                409,
            )
            .await;
        assert!(e.to_string().contains("cannot be removed"), "{e}");

        // Rule: every mandated priority needs a measure. Each gap is listed, linking to its field.
        let e = chair
            .refused(
                "/api/plans/submit",
                &[("plan_id", s(plan.id)), ("revision", s(plan.revision))],
                422,
            )
            .await;
        let gaps = e.field_errors().to_vec();
        assert_eq!(
            gaps.iter()
                .filter(|g| g.message.contains("needs at least one measure"))
                .count(),
            5,
            "{gaps:?}"
        );
        assert!(gaps.iter().all(|g| g
            .field
            .starts_with("/partnerships/gosport/plans/2027/priorities/")));

        // Add a measure (the baseline offered from the latest figure) and an action to each.
        let lead = page.partners[0].value.clone();
        let codes = ["NI 112", "NI 117", "NI 148", "NI 102", "NI 116"];
        for (p, code) in plan.priorities.iter().zip(codes) {
            chair
                .ok(
                    "/api/plans/priority/save",
                    &[
                        ("plan_id", s(plan.id)),
                        ("priority_id", s(p.id)),
                        ("revision", s(p.revision)),
                        ("form[title]", p.title.clone()),
                        ("form[outcome]", format!("Outcome sought: {}", p.title)),
                        ("form[champion]", String::new()),
                        ("form[challenger]", String::new()),
                    ],
                )
                .await;
            chair
                .ok("/api/plans/measure/save", &measure_form(&plan, p.id, code))
                .await;
            chair
                .ok(
                    "/api/plans/action/save",
                    &action_form(&plan, p.id, &lead, &format!("Action for {}", p.title)),
                )
                .await;
        }
        let page = chair.page("gosport", 2027).await;
        let plan = page.plan.clone().unwrap();
        let m = &plan.priorities[0].measures[0];
        assert!(
            m.baseline.is_some() && m.baseline_period.is_some(),
            "baseline offered: {m:?}"
        );
        assert_eq!(
            plan.priorities[0].actions[0].pooled_budget_pence,
            Some(1_250_000)
        );

        // Rule: a measure needs a target and a due date; an action a lead and a timescale.
        let p0 = &plan.priorities[0];
        let mut gap_measure = measure_form(&plan, p0.id, "NI 112");
        gap_measure.retain(|(k, _)| *k != "form[target]" && *k != "form[due]");
        gap_measure.push(("form[target]", String::new()));
        gap_measure.push(("form[due]", String::new()));
        chair.ok("/api/plans/measure/save", &gap_measure).await;
        let mut gap_action = action_form(&plan, p0.id, "", "Drop-in sessions");
        gap_action.retain(|(k, _)| *k != "form[start]");
        gap_action.push(("form[start]", String::new()));
        chair.ok("/api/plans/action/save", &gap_action).await;
        let plan = chair.page("gosport", 2027).await.plan.unwrap();
        let e = chair
            .refused(
                "/api/plans/submit",
                &[("plan_id", s(plan.id)), ("revision", s(plan.revision))],
                422,
            )
            .await;
        let messages: Vec<String> = e.field_errors().iter().map(|f| f.message.clone()).collect();
        for want in [
            "Enter the target",
            "Enter the date the target",
            "Choose the lead partner",
            "Enter when the action “Drop-in sessions” starts",
        ] {
            assert!(
                messages.iter().any(|m| m.contains(want)),
                "{want}: {messages:?}"
            );
        }
        // An action cannot be due before it starts: refused as typed, nothing changed.
        let before = snapshot(&t.db).await;
        let mut backwards = action_form(&plan, p0.id, &lead, "Backwards");
        backwards.retain(|(k, _)| *k != "form[due]");
        backwards.push(("form[due]", "1/1/2027".into()));
        let e = chair
            .refused("/api/plans/action/save", &backwards, 422)
            .await;
        assert_eq!(e.field_errors()[0].field, "due");
        assert_eq!(snapshot(&t.db).await, before);

        // Remove the incomplete ones (in place, with JavaScript) and submit.
        let p0 = plan.priorities[0].clone();
        let gap_m = p0.measures.iter().find(|m| m.target.is_none()).unwrap().id;
        let gap_a = p0
            .actions
            .iter()
            .find(|a| a.lead_partner.is_none())
            .unwrap()
            .id;
        chair
            .ok(
                "/api/plans/measure/remove",
                &[
                    ("plan_id", s(plan.id)),
                    ("priority_id", s(p0.id)),
                    ("measure_id", s(gap_m)),
                    ("confirm", s("yes")),
                ],
            )
            .await;
        chair
            .ok(
                "/api/plans/action/remove",
                &[
                    ("plan_id", s(plan.id)),
                    ("priority_id", s(p0.id)),
                    ("action_id", s(gap_a)),
                    ("confirm", s("yes")),
                ],
            )
            .await;
        // The district manager comments before submission.
        dm.ok(
            "/api/plans/comment",
            &[
                ("plan_id", s(plan.id)),
                ("form[comment]", "Add the youth council's views".into()),
            ],
        )
        .await;
        let plan = chair.page("gosport", 2027).await.plan.unwrap();
        chair
            .ok(
                "/api/plans/submit",
                &[("plan_id", s(plan.id)), ("revision", s(plan.revision))],
            )
            .await;

        // Submitted: frozen for the partnership.
        let plan = chair.page("gosport", 2027).await.plan.unwrap();
        assert_eq!(plan.status.as_str(), "submitted");
        let before = snapshot(&t.db).await;
        let p0 = &plan.priorities[0];
        let e = chair
            .refused(
                "/api/plans/priority/save",
                &[
                    ("plan_id", s(plan.id)),
                    ("priority_id", s(p0.id)),
                    ("revision", s(p0.revision)),
                    ("form[title]", p0.title.clone()),
                    ("form[outcome]", "Changed after submission".into()),
                    ("form[champion]", String::new()),
                    ("form[challenger]", String::new()),
                ],
                409,
            )
            .await;
        assert!(e.to_string().contains("cannot be changed now"), "{e}");
        assert_eq!(snapshot(&t.db).await, before);

        // The Board returns it: a comment is needed.
        let decide = |decision: &str, comment: &str, revision: i64| {
            vec![
                ("plan_id", s(plan.id)),
                ("revision", s(revision)),
                ("form[decision]", decision.to_string()),
                ("form[comment]", comment.to_string()),
            ]
        };
        let e = board
            .refused(
                "/api/plans/decide",
                &decide("return", " ", plan.revision),
                422,
            )
            .await;
        assert_eq!(e.field_errors()[0].field, "comment");
        board
            .ok(
                "/api/plans/decide",
                &decide(
                    "return",
                    "Please add a champion for each priority",
                    plan.revision,
                ),
            )
            .await;
        let page = chair.page("gosport", 2027).await;
        let plan = page.plan.clone().unwrap();
        assert_eq!(plan.status.as_str(), "draft");
        assert!(page
            .comments
            .iter()
            .any(|c| c.returned && c.body.contains("champion")));
        assert!(page
            .comments
            .iter()
            .any(|c| !c.returned && c.body.contains("youth council")));

        // The chair fixes it and resubmits; the Board approves.
        for p in &plan.priorities {
            chair
                .ok(
                    "/api/plans/priority/save",
                    &[
                        ("plan_id", s(plan.id)),
                        ("priority_id", s(p.id)),
                        ("revision", s(p.revision)),
                        ("form[title]", p.title.clone()),
                        ("form[outcome]", format!("Better outcomes: {}", p.title)),
                        ("form[champion]", "Ruth Adeyemi".into()),
                        ("form[challenger]", "Sam Okafor".into()),
                    ],
                )
                .await;
        }
        let plan = chair.page("gosport", 2027).await.plan.unwrap();
        chair
            .ok(
                "/api/plans/submit",
                &[("plan_id", s(plan.id)), ("revision", s(plan.revision))],
            )
            .await;
        let plan = chair.page("gosport", 2027).await.plan.unwrap();
        // A decision based on an older revision is refused.
        board
            .refused(
                "/api/plans/decide",
                &decide("approve", "", plan.revision - 1),
                409,
            )
            .await;
        board
            .ok("/api/plans/decide", &decide("approve", "", plan.revision))
            .await;
        let page = chair.page("gosport", 2027).await;
        assert_eq!(page.plan.as_ref().unwrap().status.as_str(), "approved");
        assert_eq!(page.versions.len(), 1);

        // The approved snapshot cannot be altered, even by SQL.
        let plan_id = page.plan.as_ref().unwrap().id;
        assert!(exec(
            &t.db,
            &format!("UPDATE plan_version SET content = '{{}}' WHERE plan_id = {plan_id}")
        )
        .await
        .unwrap_err()
        .contains("frozen"));
        assert!(exec(
            &t.db,
            &format!("DELETE FROM plan_version WHERE plan_id = {plan_id}")
        )
        .await
        .unwrap_err()
        .contains("frozen"));

        // A later change starts version 2; the comparison shows it.
        let plan = page.plan.unwrap();
        chair
            .ok(
                "/api/plans/amend",
                &[("plan_id", s(plan.id)), ("revision", s(plan.revision))],
            )
            .await;
        let plan = chair.page("gosport", 2027).await.plan.unwrap();
        assert_eq!((plan.version, plan.status.as_str()), (2, "draft"));
        let m = plan.priorities[0].measures[0].clone();
        let mut change = measure_form(&plan, plan.priorities[0].id, "NI 112");
        change.retain(|(k, _)| !matches!(*k, "measure_id" | "revision" | "form[target]"));
        change.extend([
            ("measure_id", s(m.id)),
            ("revision", s(m.revision)),
            ("form[target]", s(16)),
        ]);
        chair.ok("/api/plans/measure/save", &change).await;
        let res = chair
            .app
            .get_as(
                "/api/plans/compare?slug=gosport&year=2027&from=1&to=0",
                Some(&chair.cookie),
            )
            .await;
        let cmp: app::api::plans::Comparison = res.json().await.unwrap();
        assert_eq!(cmp.changes.len(), 1, "{cmp:?}");
        assert!(
            matches!(&cmp.changes[0], Change::Changed { before, after, .. } if before.contains("target 18.5") && after.contains("target 16"))
        );
        // Version 1 stays as approved.
        let v1 = app::db::plans::snapshot(&t.db, plan.id, 1)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(v1.priorities[0].measures[0].target, Some(18.5));

        // Every step is in the audit trail.
        let logged = scalar_i64(
            &t.db,
            "SELECT COUNT(*) FROM audit_event WHERE entity_type LIKE 'plan%'",
        )
        .await;
        assert!(logged >= 25, "{logged} plan audit entries");
        for summary in [
            "Submitted version 1",
            "Returned version 1",
            "Approved version 1",
            "Started version 2",
        ] {
            assert!(
                scalar_i64(
                    &t.db,
                    &format!("SELECT COUNT(*) FROM audit_event WHERE summary LIKE '{summary}%'")
                )
                .await
                    >= 1,
                "{summary}"
            );
        }
    }
);

on_both_backends!(a_stale_save_is_refused_and_nothing_is_overwritten, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let alice = session(&app, CHAIR).await;
    let bob = session(&app, CHAIR).await;
    alice
        .ok(
            "/api/plans/start",
            &[("slug", s("gosport")), ("year", s(2027))],
        )
        .await;
    let page = alice.page("gosport", 2027).await;
    let plan = page.plan.clone().unwrap();
    let p = plan.priorities[0].id;
    let lead = page.partners[0].value.clone();
    let saved = alice
        .ok(
            "/api/plans/action/save",
            &action_form(&plan, p, &lead, "Drop-in clinics"),
        )
        .await;
    let (id, rev) = (
        saved["id"].as_i64().unwrap(),
        saved["revision"].as_i64().unwrap(),
    );
    assert_eq!(rev, 1);

    // Both open the action at revision 1; Alice saves first.
    let edit = |description: &str, resources: &str, based_on: i64| {
        let mut f = action_form(&plan, p, &lead, description);
        f.retain(|(k, _)| !matches!(*k, "action_id" | "revision" | "form[resources]"));
        f.extend([
            ("action_id", s(id)),
            ("revision", s(based_on)),
            ("form[resources]", resources.into()),
        ]);
        f
    };
    let a = alice
        .ok(
            "/api/plans/action/save",
            &edit("Drop-in clinics in every secondary school", "Two nurses", 1),
        )
        .await;
    assert_eq!(a["revision"], 2);
    let before = snapshot(&t.db).await;
    let stored_before = scalar_i64(
        &t.db,
        &format!("SELECT revision FROM plan_action WHERE id = {id}"),
    )
    .await;
    let e = bob
        .refused(
            "/api/plans/action/save",
            &edit("Clinics", "Two nurses", 1),
            409,
        )
        .await;
    match &e {
        AppError::Stale {
            revision,
            fields,
            message,
        } => {
            assert_eq!(*revision, 2, "the revision now saved comes back");
            assert!(
                message.contains("Someone else saved this action"),
                "{message}"
            );
            assert!(
                fields.iter().any(|f| f.field == "description"
                    && f.message
                        .contains("Drop-in clinics in every secondary school")),
                "shows what changed meanwhile: {fields:?}"
            );
            assert!(
                !fields.iter().any(|f| f.field == "resources"),
                "unchanged fields are not listed"
            );
        }
        other => panic!("expected a stale refusal, got {other:?}"),
    }
    assert_eq!(snapshot(&t.db).await, before, "nothing was overwritten");
    assert_eq!(
        scalar_i64(
            &t.db,
            &format!("SELECT revision FROM plan_action WHERE id = {id}")
        )
        .await,
        stored_before
    );
    let plan_now = alice.page("gosport", 2027).await.plan.unwrap();
    assert_eq!(
        plan_now.priorities[0].actions[0].description,
        "Drop-in clinics in every secondary school"
    );
    // Saving again, knowingly based on revision 2, replaces it.
    bob.ok("/api/plans/action/save", &edit("Clinics", "Two nurses", 2))
        .await;

    // The same holds for a priority and for the plan's summary.
    let pr = &plan.priorities[0];
    let prio = |outcome: &str, rev: i64| {
        vec![
            ("plan_id", s(plan.id)),
            ("priority_id", s(pr.id)),
            ("revision", s(rev)),
            ("form[title]", pr.title.clone()),
            ("form[outcome]", outcome.to_string()),
            ("form[champion]", String::new()),
            ("form[challenger]", String::new()),
        ]
    };
    alice
        .ok(
            "/api/plans/priority/save",
            &prio("Fewer conceptions", pr.revision),
        )
        .await;
    let e = bob
        .refused(
            "/api/plans/priority/save",
            &prio("Other outcome", pr.revision),
            409,
        )
        .await;
    assert!(e
        .field_errors()
        .iter()
        .any(|f| f.field == "outcome" && f.message.contains("Fewer conceptions")));
    let about = |text: &str, rev: i64| {
        vec![
            ("plan_id", s(plan.id)),
            ("revision", s(rev)),
            ("form[needs_summary]", text.to_string()),
            ("form[young_people_said]", String::new()),
        ]
    };
    let current = alice.page("gosport", 2027).await.plan.unwrap().revision;
    alice
        .ok(
            "/api/plans/about",
            &about("Teenage conceptions are high in Rowner", current),
        )
        .await;
    let e = bob
        .refused("/api/plans/about", &about("Something else", current), 409)
        .await;
    assert!(matches!(e, AppError::Stale { .. }));
    assert_eq!(
        alice
            .page("gosport", 2027)
            .await
            .plan
            .unwrap()
            .needs_summary,
        "Teenage conceptions are high in Rowner"
    );
});

on_both_backends!(other_partnerships_rows_and_bad_input_change_nothing, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let chair = session(&app, CHAIR).await;
    let havant = session(&app, "member.havant@trustboard.example").await;
    chair
        .ok(
            "/api/plans/start",
            &[("slug", s("gosport")), ("year", s(2027))],
        )
        .await;
    havant
        .ok(
            "/api/plans/start",
            &[("slug", s("havant")), ("year", s(2027))],
        )
        .await;
    let mine = chair.page("gosport", 2027).await;
    let theirs = havant.page("havant", 2027).await.plan.unwrap();
    let plan = mine.plan.clone().unwrap();
    let lead = mine.partners[0].value.clone();
    let before = snapshot(&t.db).await;

    // Gosport's plan with Havant's priority: not part of this plan.
    let e = chair
        .refused(
            "/api/plans/action/save",
            &action_form(&plan, theirs.priorities[0].id, &lead, "Sneaky"),
            404,
        )
        .await;
    assert!(matches!(e, AppError::NotFound(_)));
    // Havant's plan directly: forbidden.
    chair
        .refused(
            "/api/plans/action/save",
            &action_form(&theirs, theirs.priorities[0].id, &lead, "Sneaky"),
            403,
        )
        .await;
    // A lead partner from outside the partnership.
    let outsider = scalar_i64(
        &t.db,
        "SELECT o.id FROM organisation o WHERE o.id NOT IN (SELECT organisation_id FROM partnership_organisation pa JOIN partnership p ON p.id = pa.partnership_id WHERE p.slug = 'gosport') LIMIT 1",
    )
    .await;
    chair
        .refused(
            "/api/plans/action/save",
            &action_form(
                &plan,
                plan.priorities[0].id,
                &outsider.to_string(),
                "Outsider",
            ),
            422,
        )
        .await;
    // Nonsense in every field: every problem named, against its field.
    let mut bad = action_form(&plan, plan.priorities[0].id, "x", "");
    bad.retain(|(k, _)| !matches!(*k, "form[start]" | "form[pooled_budget]" | "form[status]"));
    bad.extend([
        ("form[start]", "soon".into()),
        ("form[pooled_budget]", "lots".into()),
        ("form[status]", "done-ish".into()),
    ]);
    let e = chair.refused("/api/plans/action/save", &bad, 422).await;
    let fields: Vec<&str> = e.field_errors().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        ["description", "lead", "start", "pooled_budget", "status"]
    );
    let mut bad_measure = measure_form(&plan, plan.priorities[0].id, "NI 999");
    bad_measure.retain(|(k, _)| *k != "form[target]");
    bad_measure.push(("form[target]", "about 20".into()));
    let e = chair
        .refused("/api/plans/measure/save", &bad_measure, 422)
        .await;
    assert_eq!(e.field_errors()[0].field, "target");
    let unknown = measure_form(&plan, plan.priorities[0].id, "NI 999");
    let e = chair
        .refused("/api/plans/measure/save", &unknown, 422)
        .await;
    assert_eq!(e.field_errors()[0].field, "indicator");
    let e = chair
        .refused(
            "/api/plans/priority/add",
            &[
                ("plan_id", s(plan.id)),
                ("form[title]", " ".into()),
                ("form[outcome]", String::new()),
            ],
            422,
        )
        .await;
    assert_eq!(e.field_errors()[0].field, "title");
    assert_eq!(
        snapshot(&t.db).await,
        before,
        "refused input changed nothing"
    );
});

on_both_backends!(the_plan_downloads_parse_and_hold_the_plan, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let chair = session(&app, CHAIR).await;
    chair
        .ok(
            "/api/plans/start",
            &[("slug", s("gosport")), ("year", s(2027))],
        )
        .await;
    let page = chair.page("gosport", 2027).await;
    let plan = page.plan.clone().unwrap();
    let lead = page.partners[0].value.clone();
    chair
        .ok(
            "/api/plans/measure/save",
            &measure_form(&plan, plan.priorities[0].id, "NI 112"),
        )
        .await;
    chair
        .ok(
            "/api/plans/action/save",
            &action_form(
                &plan,
                plan.priorities[0].id,
                &lead,
                "Sexual health drop-ins, \"Clinic\" days",
            ),
        )
        .await;
    let base = "/partnerships/gosport/plans/2027/export";
    let get = |file: &'static str, cookie: Option<String>| {
        let app = &app;
        async move {
            app.get_as(&format!("{base}/{file}"), cookie.as_deref())
                .await
        }
    };
    let res = get("plan.docx", Some(chair.cookie.clone())).await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("gosport-plan-2027-v1.docx"));
    let bytes = res.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("Gosport"), "partnership named");
    assert!(xml.contains("Reducing teenage conceptions"));
    assert!(xml.contains("NI 112"));
    assert!(xml.contains("Sexual health drop-ins"));

    let res = get("plan.xlsx", Some(chair.cookie.clone())).await;
    assert_eq!(res.status().as_u16(), 200);
    let bytes = res.bytes().await.unwrap();
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let actions = book.worksheet_range("Actions").unwrap();
    assert_eq!(actions.height(), 2, "a header and one action");
    let measures = book.worksheet_range("Measures").unwrap();
    assert_eq!(measures.height(), 2);

    let res = get("actions.csv", Some(chair.cookie.clone())).await;
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = res.text().await.unwrap();
    assert!(
        text.contains("\"Sexual health drop-ins, \"\"Clinic\"\" days\""),
        "{text}"
    );
    let text = get("measures.csv", Some(chair.cookie.clone()))
        .await
        .text()
        .await
        .unwrap();
    assert!(text.contains("NI 112") && text.contains("18.5"), "{text}");

    // Nobody signed in, and another partnership's member, get nothing.
    assert_eq!(get("plan.docx", None).await.status().as_u16(), 401);
    let havant = session(&app, "member.havant@trustboard.example").await;
    assert_eq!(
        get("plan.docx", Some(havant.cookie.clone()))
            .await
            .status()
            .as_u16(),
        403
    );
    assert_eq!(
        get("plan.pdf", Some(chair.cookie.clone()))
            .await
            .status()
            .as_u16(),
        404
    );
});
