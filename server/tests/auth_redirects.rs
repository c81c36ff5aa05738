//! Where sign-in sends the browser (only a path on this site, never a panic), and that nothing
//! personal may be stored by browsers or proxies; over HTTP on both backends.

mod common;

use common::{TestApp, DEMO_PASSWORD};
use server::demo;

const CHAIR: &str = "chair.gosport@trustboard.example";
const ADMIN: &str = "admin@trustboard.example";

async fn demo_app(t: &common::TestDb) -> TestApp {
    demo::load(&t.db, common::today()).await.unwrap();
    TestApp::spawn(t.db.clone()).await
}

/// `next` values that must not take anyone off this site (or break the answer).
const HOSTILE: &[&str] = &[
    "/\t/evil.example",
    "\t//evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\u{1}",
    "/\u{0}x",
    "/\u{7f}",
    "/%01",
    "/%00",
    "/%09/evil.example",
    "/%0d%0aSet-Cookie:%20x=1",
    "/\\evil.example",
    "\\\\evil.example",
    "/%5Cevil.example",
    "/%2F/evil.example",
    "/%252F/evil.example",
    "//evil.example",
    " //evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "/api/auth/sign-out",
];

/// Signs in by a plain form post (JavaScript off) with `next`, returning status and Location.
async fn form_sign_in(app: &TestApp, password: &str, next: &str) -> (u16, String) {
    let res = app
        .client
        .post(app.url("/api/auth/sign-in"))
        .header("accept", "text/html")
        .header("sec-fetch-site", "same-origin")
        .form(&[("email", CHAIR), ("password", password), ("next", next)])
        .send()
        .await
        .unwrap();
    let location = res
        .headers()
        .get("location")
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .unwrap_or_default();
    (res.status().as_u16(), location)
}

/// A path on this site that every browser reads as such.
fn is_safe_local(location: &str) -> bool {
    location.starts_with('/')
        && !location.starts_with("//")
        && location.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
}

on_both_backends!(sign_in_only_ever_sends_people_to_this_site, |t| {
    let app = demo_app(&t).await;
    for next in HOSTILE {
        let (status, location) = form_sign_in(&app, DEMO_PASSWORD, next).await;
        assert_eq!((status, location.as_str()), (302, "/"), "next = {next:?}");
        // With JavaScript the page goes where the answer says.
        let res = app
            .post_as(
                "/api/auth/sign-in",
                None,
                &[
                    ("email", CHAIR.into()),
                    ("password", DEMO_PASSWORD.into()),
                    ("next", next.to_string()),
                ],
            )
            .await;
        assert_eq!(res.status(), 200, "next = {next:?}");
        assert_eq!(res.json::<String>().await.unwrap(), "/", "next = {next:?}");
        // A wrong password goes back to the form, with a harmless `next`.
        let (status, location) = form_sign_in(&app, "wrong", next).await;
        assert_eq!(status, 302, "next = {next:?}");
        assert_eq!(location, "/sign-in?next=/", "next = {next:?}");
        // The sign-in page itself renders.
        let page = app
            .client
            .get(app.url("/sign-in"))
            .query(&[("next", next)])
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200, "next = {next:?}");
    }
    for (next, expected) in [
        ("/admin/people", "/admin/people"),
        (
            "/audit?entity_type=plan&page=2",
            "/audit?entity_type=plan&page=2",
        ),
        ("/dashboard?q=%20x", "/dashboard?q=%20x"),
        ("/plans/café", "/plans/caf%C3%A9"),
    ] {
        let (status, location) = form_sign_in(&app, DEMO_PASSWORD, next).await;
        assert_eq!((status, location.as_str()), (302, expected));
        assert!(is_safe_local(&location), "{location}");
    }
});

/// The `Cache-Control` a response carries.
fn cache_control(res: &reqwest::Response) -> String {
    res.headers()
        .get("cache-control")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

on_both_backends!(nothing_personal_is_stored, |t| {
    let app = demo_app(&t).await;
    let admin = app.sign_in(ADMIN, DEMO_PASSWORD).await.unwrap();
    for path in [
        "/",
        "/admin/people",
        "/account",
        "/dashboard",
        "/audit",
        "/api/auth/me",
        "/api/account",
        "/api/flash",
    ] {
        let res = app.get_as(path, Some(&admin)).await;
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(cache_control(&res), "no-store", "{path}");
    }
    // Every server function, signed in or not, and whatever its answer.
    let res = app.get_as("/api/auth/me", None).await;
    assert_eq!(cache_control(&res), "no-store");
    let res = app.get_as("/api/account", None).await;
    assert_eq!(res.status(), 401);
    assert_eq!(cache_control(&res), "no-store");
    let res = app
        .post_as(
            "/api/auth/sign-in",
            None,
            &[("email", ADMIN.into()), ("password", DEMO_PASSWORD.into())],
        )
        .await;
    assert_eq!(cache_control(&res), "no-store");
    let res = app.post_as("/api/auth/sign-out", Some(&admin), &[]).await;
    assert_eq!(res.status(), 200);
    assert_eq!(cache_control(&res), "no-store");
    // Static assets are left to their own caching, even for someone signed in.
    let chair = app.sign_in(CHAIR, DEMO_PASSWORD).await.unwrap();
    let res = app.get_as("/pkg/trustboard.css", Some(&chair)).await;
    assert!(
        !cache_control(&res).contains("no-store"),
        "{:?}",
        res.headers()
    );
});
