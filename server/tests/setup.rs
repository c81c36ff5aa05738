//! Setting a county up from an empty database, as an administrator would after
//! `trustboard create-admin`: the Trust, the real boundaries, partnerships from districts and
//! from wards, partner organisations and people uploaded as CSV (a bad row first), and a new
//! person choosing their password with their link. Every refusal changes nothing; everyone
//! but an administrator is refused.

mod common;

use common::{rows_text, scalar_i64, snapshot, TestApp, DEMO_PASSWORD};
use server::demo;

const ADMIN: &str = "admin@council.example";
const ADMIN_PASSWORD: &str = "a long admin password";

fn shared(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/boundaries")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Posts a CSV file to an upload address; answers the status and where it leads.
async fn upload(
    app: &TestApp,
    path: &str,
    cookie: Option<&str>,
    name: &str,
    text: &str,
) -> (u16, String, Option<String>) {
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::text(text.to_string()).file_name(name.to_string()),
    );
    let mut req = app
        .client
        .post(app.url(path))
        .header("sec-fetch-site", "same-origin")
        .multipart(form);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let to = res
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let flash = common::flash_cookie(&res);
    (status, to, flash)
}

/// What a form post left for the next page.
async fn flash(app: &TestApp, cookie: &str, flash: &str) -> app::api::Flash {
    app.get_as("/api/flash", Some(&format!("{cookie}; {flash}")))
        .await
        .json::<Option<app::api::Flash>>()
        .await
        .unwrap()
        .expect("a flash")
}

fn trust_form(districts: &str) -> Vec<(&'static str, String)> {
    vec![
        ("form[name]", "Hampshire Children's Trust".into()),
        ("form[county_code]", "E10000014".into()),
        ("form[county_name]", "Hampshire".into()),
        ("form[districts]", districts.into()),
    ]
}

const HAMPSHIRE: &str = "E07000084\nE07000085\nE07000086\nE07000087\nE07000088\nE07000089\nE07000090\nE07000091\nE07000092\nE07000093\nE07000094";

on_both_backends!(an_administrator_sets_a_county_up_from_nothing, |t| {
    server::admin::create_admin(&t.db, ADMIN, "Ada Admin", ADMIN_PASSWORD)
        .await
        .unwrap();
    let app = TestApp::spawn_with(t.db.clone(), |s| s.demo = false).await;
    let admin = app.sign_in(ADMIN, ADMIN_PASSWORD).await.unwrap();

    // The Trust: mistakes named at their fields, nothing stored; then set up.
    let before = snapshot(&t.db).await;
    let res = app
        .post_as(
            "/api/setup/trust/save",
            Some(&admin),
            &trust_form("E05004464\nnonsense"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("Line 1: E05004464 is not a district's code"),
        "{body}"
    );
    assert!(
        body.contains("Line 2: 'nonsense' is not an ONS area code"),
        "{body}"
    );
    assert_eq!(snapshot(&t.db).await, before);
    let res = app
        .post_as(
            "/api/setup/trust/save",
            Some(&admin),
            &trust_form(HAMPSHIRE),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());
    assert_eq!(
        scalar_i64(&t.db, "SELECT COUNT(*) FROM area WHERE kind = 'district' AND parent_id = (SELECT id FROM area WHERE code = 'E10000014')").await,
        11
    );

    // The real boundaries: the county's districts get their outlines and names, then one
    // district's wards.
    let actor = app::db::audit::Actor::system("test");
    let report = app::db::boundaries::import_boundaries(
        &t.db,
        &actor,
        "england-lad-topo.json",
        &shared("england-lad-topo.json"),
    )
    .await
    .unwrap();
    assert_eq!(report.stored, 11, "{report:?}");
    assert_eq!(
        rows_text(&t.db, "SELECT name FROM area WHERE code = 'E07000085'").await,
        vec!["East Hampshire"]
    );
    let wards = app::db::boundaries::import_boundaries(
        &t.db,
        &actor,
        "wards-E07000085.geojson",
        &shared("wards-E07000085.geojson"),
    )
    .await
    .unwrap();
    assert!(wards.new_wards > 20, "{wards:?}");

    // Partnerships: one from a district by name, one from wards by name and code.
    let create = |name: &str, areas: &str| {
        vec![
            ("form[name]", name.to_string()),
            ("form[areas]", areas.to_string()),
        ]
    };
    let res = app
        .post_as(
            "/api/setup/partnerships/create",
            Some(&admin),
            &create("Basingstoke and Deane", "basingstoke and deane"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());
    let ward_codes = rows_text(&t.db, "SELECT code FROM area WHERE kind = 'ward' AND parent_id = (SELECT id FROM area WHERE code = 'E07000085') ORDER BY code LIMIT 3").await;
    let first_ward = rows_text(
        &t.db,
        &format!("SELECT name FROM area WHERE code = '{}'", ward_codes[0]),
    )
    .await;
    let res = app
        .post_as(
            "/api/setup/partnerships/create",
            Some(&admin),
            &create(
                "East Hampshire North",
                &format!("{}\n{}\n{}", first_ward[0], ward_codes[1], ward_codes[2]),
            ),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());
    assert_eq!(
        scalar_i64(&t.db, "SELECT COUNT(*) FROM partnership_area pa JOIN partnership p ON p.id = pa.partnership_id WHERE p.slug = 'east-hampshire-north'").await,
        3
    );
    // Refused, nothing changed: a name taken (ignoring case), an area another covers, unknown
    // areas, districts and wards mixed, an empty name.
    let before = snapshot(&t.db).await;
    for (form, field, said) in [
        (
            create("BASINGSTOKE AND DEANE", "E07000086"),
            "name",
            "There is already a partnership called Basingstoke and Deane",
        ),
        (
            create("Overlap", &ward_codes[1]),
            "areas",
            "is covered by East Hampshire North",
        ),
        (
            create("Nowhere", "Narnia"),
            "areas",
            "“Narnia” is not an area Trustboard holds",
        ),
        (
            create("Mixed", &format!("E07000086\n{}", ward_codes[2])),
            "areas",
            "not both",
        ),
        (
            create("", "E07000086"),
            "name",
            "Enter the partnership's name",
        ),
    ] {
        let res = app
            .post_as("/api/setup/partnerships/create", Some(&admin), &form)
            .await;
        assert_eq!(res.status().as_u16(), 422);
        let e: app::error::AppError = serde_json::from_str(&res.text().await.unwrap()).unwrap();
        let f = e.field_errors();
        assert!(
            f.iter()
                .any(|x| x.field == field && x.message.contains(said)),
            "{f:?}"
        );
    }
    assert_eq!(snapshot(&t.db).await, before);

    // Renamed (its address stays) and given another district; retired and brought back.
    let res = app
        .post_as(
            "/api/setup/partnerships/update",
            Some(&admin),
            &[
                ("slug", "basingstoke-and-deane".into()),
                ("form[name]", "Basingstoke and Deane Partnership".into()),
                ("form[areas]", "E07000084\nHart".into()),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());
    assert_eq!(
        rows_text(
            &t.db,
            "SELECT name FROM partnership WHERE slug = 'basingstoke-and-deane'"
        )
        .await,
        vec!["Basingstoke and Deane Partnership"]
    );
    let retire = |r: bool| {
        vec![
            ("slug", "basingstoke-and-deane".to_string()),
            ("retired", r.to_string()),
        ]
    };
    assert_eq!(
        app.post_as(
            "/api/setup/partnerships/retire",
            Some(&admin),
            &retire(true)
        )
        .await
        .status()
        .as_u16(),
        200
    );
    let overview: app::api::partnerships::Overview = app
        .get_as("/api/partnerships/overview", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        overview
            .partnerships
            .iter()
            .map(|p| p.slug.as_str())
            .collect::<Vec<_>>(),
        vec!["east-hampshire-north"],
        "a retired partnership leaves the list"
    );
    let before = snapshot(&t.db).await;
    assert_eq!(
        app.post_as(
            "/api/setup/partnerships/retire",
            Some(&admin),
            &retire(true)
        )
        .await
        .status()
        .as_u16(),
        409
    );
    assert_eq!(snapshot(&t.db).await, before);
    assert_eq!(
        app.post_as(
            "/api/setup/partnerships/retire",
            Some(&admin),
            &retire(false)
        )
        .await
        .status()
        .as_u16(),
        200
    );
    assert_eq!(
        scalar_i64(&t.db, "SELECT COUNT(*) FROM partnership").await,
        2,
        "nothing was deleted"
    );

    // Partner organisations: a bad row first (nothing stored), then the list.
    let before = snapshot(&t.db).await;
    let bad = "name,type,partnerships\nAlton College,College,East Hampshire North\nQueen Mary's College,University,Basingstoke and Deane Partnership\n";
    let (status, to, key) = upload(
        &app,
        "/admin/setup/organisations/upload",
        Some(&admin),
        "orgs.csv",
        bad,
    )
    .await;
    assert_eq!((status, to.as_str()), (303, "/admin/setup/organisations"));
    let f = flash(&app, &admin, &key.unwrap()).await;
    assert!(!f.errors.is_empty(), "{f:?}");
    assert!(
        f.errors[0]
            .message
            .starts_with("Row 3: “University” is not a type of organisation"),
        "{:?}",
        f.errors
    );
    assert_eq!(snapshot(&t.db).await, before, "a bad row stores nothing");
    let good = "Name,Type,Partnerships\nAlton College,College,East Hampshire North\nQueen Mary's College,College,Basingstoke and Deane Partnership\nHampshire Constabulary,Police,East Hampshire North; basingstoke-and-deane\n";
    let (_, _, key) = upload(
        &app,
        "/admin/setup/organisations/upload",
        Some(&admin),
        "orgs.csv",
        good,
    )
    .await;
    let f = flash(&app, &admin, &key.unwrap()).await;
    assert_eq!(
        f.notice.as_deref(),
        Some("orgs.csv: 3 organisations added, 0 changed, 0 already as listed."),
        "{f:?}"
    );
    assert_eq!(
        scalar_i64(&t.db, "SELECT COUNT(*) FROM partnership_organisation").await,
        4
    );
    // The same list again changes nothing but says so.
    let (_, _, key) = upload(
        &app,
        "/admin/setup/organisations/upload",
        Some(&admin),
        "orgs.csv",
        good,
    )
    .await;
    assert_eq!(
        flash(&app, &admin, &key.unwrap()).await.notice.as_deref(),
        Some("orgs.csv: 0 organisations added, 0 changed, 3 already as listed.")
    );

    // People: a bad row first, then the list; each gets a link.
    let before = snapshot(&t.db).await;
    let bad = "name,email,role,partnership or district\nNadia Rahman,nadia@council.example,chair,East Hampshire North\nSam Okafor,SAM@council.example,district manager,Atlantis\n";
    let (_, _, key) = upload(
        &app,
        "/admin/setup/people/upload",
        Some(&admin),
        "people.csv",
        bad,
    )
    .await;
    let f = flash(&app, &admin, &key.unwrap()).await;
    assert_eq!(
        f.errors[0].message,
        "Row 3: “Atlantis” is not a district of the Trust"
    );
    assert_eq!(snapshot(&t.db).await, before);
    let good = "name,email,role,partnership or district\nNadia Rahman,nadia@council.example,chair,East Hampshire North\nSam Okafor,SAM@council.example,district manager,East Hampshire\nBea Board,bea@council.example,Board member,\n";
    let (_, _, key) = upload(
        &app,
        "/admin/setup/people/upload",
        Some(&admin),
        "people.csv",
        good,
    )
    .await;
    let f = flash(&app, &admin, &key.unwrap()).await;
    let added: app::domain::setup::PeopleAdded = f.form().expect("the links");
    assert_eq!(added.people.len(), 3);
    assert_eq!(added.people[1].email, "sam@council.example");
    assert!(!added.people[0].emailed, "no mail server is configured");
    assert_eq!(
        rows_text(&t.db, "SELECT pe.full_name || '|' || m.role FROM partnership_member m JOIN person pe ON pe.id = m.person_id").await,
        vec!["Nadia Rahman|chair"]
    );
    // Nobody can sign in before choosing a password.
    assert_eq!(
        app.sign_in("nadia@council.example", "a password she never had")
            .await
            .unwrap_err()
            .0,
        422
    );

    // Nadia uses her link: a mismatch refused, then chosen; signed in; the link is spent.
    let token = added.people[0].link.rsplit('/').next().unwrap().to_string();
    let state: app::api::setup::password::LinkState = app
        .get_as(&format!("/api/password-link?token={token}"), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        state,
        app::api::setup::password::LinkState::Valid {
            name: "Nadia Rahman".into(),
            email: "nadia@council.example".into()
        }
    );
    let choose = |a: &str, b: &str| {
        vec![
            ("token", token.clone()),
            ("new_password", a.to_string()),
            ("confirm_password", b.to_string()),
        ]
    };
    let res = app
        .post_as(
            "/api/password-link/choose",
            None,
            &choose("correct horse battery", "correct horse batterx"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let res = app
        .post_as("/api/password-link/choose", None, &choose("short", "short"))
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let res = app
        .post_as(
            "/api/password-link/choose",
            None,
            &choose("correct horse battery", "correct horse battery"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());
    let me = app
        .me(common::session_cookie(&res).as_deref())
        .await
        .expect("signed in by the link");
    assert_eq!(me.email, "nadia@council.example");
    assert!(app
        .sign_in("nadia@council.example", "correct horse battery")
        .await
        .is_ok());
    let before = snapshot(&t.db).await;
    let res = app
        .post_as(
            "/api/password-link/choose",
            None,
            &choose("another long password", "another long password"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 409, "a link works once");
    assert_eq!(snapshot(&t.db).await, before);
    let state: app::api::setup::password::LinkState = app
        .get_as(&format!("/api/password-link?token={token}"), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(state, app::api::setup::password::LinkState::Used);
    let res = app
        .get_as("/api/password-link?token=not-a-token", None)
        .await;
    assert_eq!(
        res.json::<app::api::setup::password::LinkState>()
            .await
            .unwrap(),
        app::api::setup::password::LinkState::Unknown
    );
    // An expired link.
    common::exec(
        &t.db,
        "UPDATE password_setup SET expires_at = created_at WHERE used_at IS NULL",
    )
    .await
    .unwrap();
    let sam = added.people[1].link.rsplit('/').next().unwrap().to_string();
    let res = app
        .post_as(
            "/api/password-link/choose",
            None,
            &[
                ("token", sam),
                ("new_password", "a long enough one".into()),
                ("confirm_password", "a long enough one".into()),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 409);

    // The audit trail holds every step.
    let audited = rows_text(&t.db, "SELECT entity_type FROM audit_event ORDER BY id").await;
    for kind in [
        "trust",
        "boundaries",
        "partnership",
        "organisations",
        "user_account",
    ] {
        assert!(
            audited.iter().any(|a| a == kind),
            "{kind} not audited: {audited:?}"
        );
    }
});

on_both_backends!(only_administrators_set_the_county_up, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let people = [
        Some("chair.gosport@trustboard.example"),
        Some("board@trustboard.example"),
        Some("district.manager.havant@trustboard.example"),
        None,
    ];
    let orgs = "name,type,partnerships\nA new school,School,Gosport\n";
    let list = "name,email,role,partnership or district\nNew Person,new@example.org,viewer,\n";
    for who in people {
        let cookie = match who {
            Some(e) => Some(app.sign_in(e, DEMO_PASSWORD).await.unwrap()),
            None => None,
        };
        let want = if who.is_some() { 403 } else { 401 };
        let before = snapshot(&t.db).await;
        for (path, text) in [
            ("/admin/setup/organisations/upload", orgs),
            ("/admin/setup/people/upload", list),
        ] {
            let (status, _, _) = upload(&app, path, cookie.as_deref(), "list.csv", text).await;
            assert_eq!(status, want, "{who:?} {path}");
        }
        for path in [
            "/api/setup/overview",
            "/api/setup/trust",
            "/api/setup/partnerships",
            "/api/setup/organisations",
        ] {
            assert_eq!(
                app.get_as(path, cookie.as_deref()).await.status().as_u16(),
                want,
                "{who:?} {path}"
            );
        }
        let res = app
            .post_as(
                "/api/setup/partnerships/retire",
                cookie.as_deref(),
                &[("slug", "gosport".into()), ("retired", "true".into())],
            )
            .await;
        assert_eq!(res.status().as_u16(), want);
        assert_eq!(
            snapshot(&t.db).await,
            before,
            "{who:?}: a refused call changed nothing"
        );
    }
    // The demo's administrator may; a partnership with plans keeps its history when retired.
    let admin = app
        .sign_in("admin@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let plans = scalar_i64(&t.db, "SELECT COUNT(*) FROM plan WHERE partnership_id = (SELECT id FROM partnership WHERE slug = 'gosport')").await;
    assert!(plans > 0);
    let res = app
        .post_as(
            "/api/setup/partnerships/retire",
            Some(&admin),
            &[("slug", "gosport".into()), ("retired", "true".into())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(scalar_i64(&t.db, "SELECT COUNT(*) FROM plan WHERE partnership_id = (SELECT id FROM partnership WHERE slug = 'gosport')").await, plans);
    // A text longer than a cookie comes back whole when refused.
    let long = "x".repeat(5_000);
    let res = app
        .plain_post(
            "/api/setup/partnerships/create",
            &admin,
            &[
                ("form[name]", long.clone()),
                ("form[areas]", "E07000088".into()),
            ],
        )
        .await;
    assert!(matches!(res.status().as_u16(), 302 | 303));
    let key = common::flash_cookie(&res).unwrap();
    let f = flash(&app, &admin, &key).await;
    let typed: app::domain::setup::PartnershipForm = f.form().unwrap();
    assert_eq!(typed.name, long);
    assert!(f
        .errors
        .iter()
        .any(|e| e.field == "name" && e.message.contains("120 characters or fewer")));
});
