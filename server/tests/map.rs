//! The partnership map on both backends, with the real boundaries in ../shared: a hex map
//! before any boundaries, the England TopoJSON drawing every Hampshire partnership within the
//! size budget, wards joined into a partnership's area, bad files refused with nothing changed,
//! and the public map only when published.

mod common;

use app::api::map::MapView;
use app::db::audit::Actor;
use app::db::boundaries::{import_boundaries, BoundaryError};
use app::error::AppError;
use common::{scalar_i64, snapshot, TestApp, DEMO_PASSWORD};
use server::demo;

fn shared(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/boundaries")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The size budget of the county map's shapes (the SVG paths), in bytes.
const MAP_BUDGET: usize = 40_000;

async fn map(app: &TestApp, cookie: Option<&str>, query: &str) -> (u16, String) {
    let res = app.get_as(&format!("/api/map{query}"), cookie).await;
    (res.status().as_u16(), res.text().await.unwrap())
}

on_both_backends!(the_map_draws_every_partnership, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let chair = app
        .sign_in("chair.gosport@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();

    // Before any boundaries: a hexagon each.
    let (status, body) = map(&app, Some(&chair), "").await;
    assert_eq!(status, 200, "{body}");
    let m: MapView = serde_json::from_str(&body).unwrap();
    assert!(m.hex);
    assert_eq!(m.areas.len(), 11);
    assert_eq!(map(&app, None, "").await.0, 401);

    // The England districts: the Trust's eleven are stored, the rest skipped and counted.
    let actor = Actor::system("test");
    let r = import_boundaries(
        &t.db,
        &actor,
        "england-lad-topo.json",
        &shared("england-lad-topo.json"),
    )
    .await
    .unwrap();
    assert_eq!((r.features, r.stored, r.skipped_outside), (326, 11, 315));
    let (_, body) = map(&app, Some(&chair), "?shade=NI+112&selected=gosport").await;
    let m: MapView = serde_json::from_str(&body).unwrap();
    assert!(!m.hex, "drawn from the boundaries");
    assert!(
        m.areas
            .iter()
            .all(|a| a.path.starts_with('M') && a.path.len() > 100),
        "every partnership is drawn"
    );
    assert!(
        m.bytes < MAP_BUDGET,
        "the map's shapes take {} bytes",
        m.bytes
    );
    assert!(
        m.areas.iter().all(|a| a.label != "no figure"),
        "shaded by the indicator"
    );
    let panel = m.selected.expect("Gosport's panel");
    assert_eq!(panel.slug, "gosport");
    assert!(!panel.figures.is_empty());
    // Shaded by RAG for a Board priority: every area rated or grey, named in the table.
    let (_, body) = map(
        &app,
        Some(&chair),
        "?shade=priority:Reducing+teenage+conceptions",
    )
    .await;
    let rag: MapView = serde_json::from_str(&body).unwrap();
    assert!(
        rag.shade_label.starts_with("RAG for"),
        "{}",
        rag.shade_label
    );
    assert!(rag.areas.iter().all(
        |a| ["Red", "Amber", "Green", "No data", "Too few to rate"].contains(&a.label.as_str())
    ));
    let html = app
        .get_as("/map?shade=NI+112", Some(&chair))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("data-testid=\"map-table\""),
        "a table alternative"
    );
    assert_eq!(
        html.matches("class=\"tb-map__area").count(),
        11,
        "every area is a link"
    );

    // Wards: added under their district; a partnership defined by wards gets their union.
    let r = import_boundaries(
        &t.db,
        &actor,
        "wards-E07000088.geojson",
        &shared("wards-E07000088.geojson"),
    )
    .await
    .unwrap();
    assert_eq!((r.stored, r.new_wards), (17, 17));
    let gosport = scalar_i64(&t.db, "SELECT id FROM partnership WHERE slug = 'gosport'").await;
    let district = scalar_i64(&t.db, "SELECT id FROM area WHERE code = 'E07000088'").await;
    assert_eq!(
        scalar_i64(
            &t.db,
            &format!("SELECT COUNT(*) FROM area WHERE kind = 'ward' AND parent_id = {district}")
        )
        .await,
        17
    );
    // An administrator sets Gosport to cover its wards (codes checked first).
    let admin = app
        .sign_in("admin@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let before = snapshot(&t.db).await;
    let res = app
        .post_as(
            "/api/admin/map/areas",
            Some(&admin),
            &[
                ("slug", "gosport".into()),
                ("areas", "E05004531 E05999999".into()),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    assert!(
        res.text().await.unwrap().contains("E05999999"),
        "the unknown code is named"
    );
    assert_eq!(snapshot(&t.db).await, before, "nothing changed");
    let wards = common::rows_text(
        &t.db,
        &format!("SELECT code FROM area WHERE parent_id = {district} ORDER BY code"),
    )
    .await;
    let res = app
        .post_as(
            "/api/admin/map/areas",
            Some(&admin),
            &[("slug", "gosport".into()), ("areas", wards.join(", "))],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        scalar_i64(
            &t.db,
            &format!("SELECT COUNT(*) FROM partnership_area WHERE partnership_id = {gosport}")
        )
        .await,
        17
    );
    let (_, body) = map(&app, Some(&chair), "").await;
    let m: MapView = serde_json::from_str(&body).unwrap();
    let drawn = m.areas.iter().find(|a| a.slug == "gosport").unwrap();
    assert!(!m.hex && drawn.path.len() > 100);
    assert!(
        drawn.path.matches('M').count() < 17,
        "one outline, not seventeen wards"
    );
});

on_both_backends!(bad_boundary_files_change_nothing, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let actor = Actor::system("test");
    let before = snapshot(&t.db).await;
    let cases = [
        ("not json", "not JSON"),
        (r#"{"type":"Feature"}"#, "neither GeoJSON"),
        (
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"LAD13CD":"E07000088"},"geometry":{"type":"Point","coordinates":[-1.1,50.8]}}]}"#,
            "not an area",
        ),
        (
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"LAD13CD":"XYZ"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}"#,
            "not an ONS area code",
        ),
        (
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"LAD13CD":"E07000001"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}"#,
            "None of the 1 areas",
        ),
    ];
    for (text, why) in cases {
        match import_boundaries(&t.db, &actor, "bad.json", text).await {
            Err(BoundaryError::Refused(m)) => assert!(m.contains(why), "{why}: {m}"),
            other => panic!("{why}: {other:?}"),
        }
    }
    assert_eq!(snapshot(&t.db).await, before, "nothing changed");

    // Over HTTP: only administrators may upload.
    let app = TestApp::spawn(t.db.clone()).await;
    let member = app
        .sign_in("member.havant@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let before = snapshot(&t.db).await;
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::text(shared("wards-E07000088.geojson")).file_name("w.geojson"),
    );
    let res = app
        .client
        .post(app.url("/admin/boundaries/upload"))
        .header("sec-fetch-site", "same-origin")
        .header("cookie", &member)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    assert_eq!(snapshot(&t.db).await, before);

    // An administrator's upload of a bad file goes back to the page with the reason; a good one
    // is imported.
    let admin = app
        .sign_in("admin@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let upload = |text: String| {
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::text(text).file_name("boundaries.json"),
        );
        app.client
            .post(app.url("/admin/boundaries/upload"))
            .header("sec-fetch-site", "same-origin")
            .header("cookie", &admin)
            .multipart(form)
            .send()
    };
    let res = upload("not json".into()).await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], "/admin/map");
    let stored = || async {
        scalar_i64(
            &t.db,
            "SELECT COUNT(*) FROM area WHERE geometry IS NOT NULL",
        )
        .await
    };
    assert_eq!(stored().await, 0);
    let res = upload(shared("england-lad-topo.json")).await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(stored().await, 11);
});

on_both_backends!(the_public_map_only_when_published, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let res = app.get_as("/api/public/map", None).await;
    assert_eq!(res.status().as_u16(), 404);
    assert!(matches!(
        res.json::<AppError>().await.unwrap(),
        AppError::NotFound(_)
    ));
    let admin = app
        .sign_in("admin@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let res = app
        .post_as(
            "/api/admin/map/publish",
            Some(&admin),
            &[("published", "yes".into()), ("indicator", "NI 999".into())],
        )
        .await;
    assert_eq!(
        res.status().as_u16(),
        422,
        "an unknown indicator is refused"
    );
    let res = app
        .post_as(
            "/api/admin/map/publish",
            Some(&admin),
            &[("published", "yes".into()), ("indicator", "NI 112".into())],
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app.get_as("/api/public/map?selected=gosport", None).await;
    assert_eq!(res.status().as_u16(), 200);
    let m: MapView = res.json().await.unwrap();
    assert_eq!(m.areas.len(), 11);
    assert!(m.shade_label.starts_with("NI 112"));
    let panel = m.selected.unwrap();
    assert!(
        panel.priorities.is_empty() && panel.status.is_none(),
        "nothing that is being drafted"
    );
    assert!(m.shades.is_empty());
});

on_both_backends!(hostile_boundary_uploads_are_refused_with_the_reason, |t| {
    demo::load(&t.db, common::today()).await.unwrap();
    let app = TestApp::spawn(t.db.clone()).await;
    let admin = app
        .sign_in("admin@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let topology = |arcs: &str, rings: &str| {
        format!(
            r#"{{"type":"Topology","objects":{{"lad":{{"type":"GeometryCollection","geometries":[{{"type":"Polygon","properties":{{"LAD13CD":"E07000088","LAD13NM":"Gosport"}},"arcs":{rings}}}]}}}},"arcs":{arcs}}}"#
        )
    };
    let square = "[[-1.2,50.8],[-1.1,50.8],[-1.1,50.9],[-1.2,50.9],[-1.2,50.8]]";
    // One arc of 1,000 points used by 3,001 rings: a small file of over 3,000,000 points.
    let long_arc: Vec<String> = (0..1000)
        .map(|i| format!("[{},{}]", -1.0 - (i % 7) as f64 / 100.0, 50.8))
        .collect();
    let cases = [
        (
            topology(&format!("[{square},[]]"), "[[0,1]]"),
            "Arc 1 is empty",
        ),
        (
            topology(&format!("[{square}]"), "[[3]]"),
            "refers to arc 3, but the topology has only 1 arcs",
        ),
        (
            topology(&format!("[{square}]"), "[[-5]]"),
            "refers to arc -5 (arc 4 reversed)",
        ),
        (
            topology("[[[4000,9000],[10,0],[0,10],[-10,0]]]", "[[0]]"),
            "the topology has no transform",
        ),
        (
            topology(
                &format!("[[{}]]", long_arc.join(",")),
                &format!("[{}]", vec!["[0]"; 3001].join(",")),
            ),
            "more than 3,000,000 points",
        ),
    ];
    for (text, why) in cases {
        let before = snapshot(&t.db).await;
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::text(text).file_name("hostile.json"),
        );
        let res = app
            .client
            .post(app.url("/admin/boundaries/upload"))
            .header("sec-fetch-site", "same-origin")
            .header("cookie", &admin)
            .multipart(form)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{why}: the server answers: {e}"));
        assert_eq!(res.status().as_u16(), 303, "{why}");
        assert_eq!(res.headers()["location"], "/admin/map");
        let flash = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
            .find(|v| v.starts_with("tb_flash="))
            .expect("the reason travels in the flash cookie");
        let page = app
            .get_as("/admin/map", Some(&format!("{admin}; {flash}")))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains(why), "{why}: the page says why");
        assert_eq!(snapshot(&t.db).await, before, "{why}: nothing stored");
    }
    assert_eq!(
        scalar_i64(
            &t.db,
            "SELECT COUNT(*) FROM area WHERE geometry IS NOT NULL"
        )
        .await,
        0
    );
});
