//! Hostile requests over HTTP, on both backends: bodies over their route kind's limit are
//! refused early with 413 and a message saying the limit (declared or not); deeply nested and
//! oversized input is refused as a mistake (4xx or a form's error), never a 500; the server keeps
//! answering afterwards. And nothing personal is stored: every page and every download a
//! signed-in person gets is `Cache-Control: no-store`, while the hashed assets stay cacheable.

mod common;

use common::{snapshot, TestApp, DEMO_PASSWORD};
use server::limits::{MAX_EVENT_FORM, MAX_SERVER_FN};
use server::setup_uploads::MAX_LIST_UPLOAD;
use server::uploads::{MAX_BOUNDARY_UPLOAD, MAX_UPLOAD};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const ADMIN: &str = "admin@trustboard.example";
const CHAIR: &str = "chair.gosport@trustboard.example";

async fn demo_app(t: &common::TestDb) -> TestApp {
    server::demo::load(&t.db, common::today()).await.unwrap();
    TestApp::spawn(t.db.clone()).await
}

/// Sends `head` (the request line and headers, without the blank line) and `body` over a raw
/// connection, as no well-behaved client would, and returns the status and body of the answer.
async fn raw(app: &TestApp, head: String, body: Vec<u8>) -> (u16, String) {
    let stream = tokio::net::TcpStream::connect(app.addr)
        .await
        .expect("connect");
    let (mut read, mut write) = stream.into_split();
    // The server may answer (and close) before the body is all sent: write on the side.
    let writer = tokio::spawn(async move {
        let _ = write
            .write_all(format!("{head}\r\nconnection: close\r\n\r\n").as_bytes())
            .await;
        let _ = write.write_all(&body).await;
        write
    });
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(30), read.read_to_end(&mut answer)).await;
    writer.abort();
    let text = String::from_utf8_lossy(&answer).to_string();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no answer: {text:?}"));
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn post_head(path: &str, cookie: &str, content_type: &str, length: Option<usize>) -> String {
    let length = match length {
        Some(n) => format!("content-length: {n}"),
        None => "transfer-encoding: chunked".to_string(),
    };
    format!(
        "POST {path} HTTP/1.1\r\nhost: 127.0.0.1\r\nsec-fetch-site: same-origin\r\ncookie: {cookie}\r\ncontent-type: {content_type}\r\n{length}"
    )
}

async fn still_answers(app: &TestApp) {
    let res = app.get("/healthz").await;
    assert_eq!(res.status(), 200, "the server keeps answering");
}

on_both_backends!(bodies_declared_too_large_are_refused_at_once, |t| {
    let app = demo_app(&t).await;
    let admin = app.sign_in(ADMIN, DEMO_PASSWORD).await.unwrap();
    let before = snapshot(&t.db).await;
    let multipart = "multipart/form-data; boundary=xyz";
    let form = "application/x-www-form-urlencoded";
    for (path, content_type, limit, says) in [
        (
            "/admin/imports/upload",
            multipart,
            MAX_UPLOAD,
            "files of at most 20 MB",
        ),
        (
            "/admin/boundaries/upload",
            multipart,
            MAX_BOUNDARY_UPLOAD,
            "files of at most 20 MB",
        ),
        (
            "/admin/setup/people/upload",
            multipart,
            MAX_LIST_UPLOAD,
            "files of at most 2 MB",
        ),
        (
            "/admin/setup/organisations/upload",
            multipart,
            MAX_LIST_UPLOAD,
            "files of at most 2 MB",
        ),
        ("/api/auth/sign-in", form, MAX_SERVER_FN, "at most 1 MB"),
        ("/e/ABCDEF/ballot", form, MAX_EVENT_FORM, "at most 64 KB"),
        ("/e/ABCDEF/comment", form, MAX_EVENT_FORM, "at most 64 KB"),
        (
            "/partnerships/gosport",
            form,
            server::limits::MAX_OTHER,
            "at most 256 KB",
        ),
    ] {
        let started = std::time::Instant::now();
        // Declared one byte over the limit; only a little is ever sent.
        let (status, body) = raw(
            &app,
            post_head(path, &admin, content_type, Some(limit + 1)),
            vec![b'a'; 1024],
        )
        .await;
        assert_eq!(status, 413, "{path}: {body}");
        assert!(
            body.contains(says),
            "{path}: the answer says the limit: {body}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{path}: refused without waiting for the body"
        );
    }
    assert_eq!(snapshot(&t.db).await, before, "nothing changed");
    still_answers(&app).await;
});

on_both_backends!(bodies_without_a_length_are_cut_off_at_the_limit, |t| {
    let app = demo_app(&t).await;
    let admin = app.sign_in(ADMIN, DEMO_PASSWORD).await.unwrap();
    let before = snapshot(&t.db).await;
    for (path, limit) in [
        ("/api/auth/sign-in", MAX_SERVER_FN),
        ("/e/ABCDEF/comment", MAX_EVENT_FORM),
    ] {
        let chunk = vec![b'a'; 32 * 1024];
        let mut body = Vec::new();
        for _ in 0..(limit / chunk.len() + 2) {
            body.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            body.extend_from_slice(&chunk);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(b"0\r\n\r\n");
        let (status, answer) = raw(
            &app,
            post_head(path, &admin, "application/x-www-form-urlencoded", None),
            body,
        )
        .await;
        assert_eq!(status, 413, "{path}: {answer}");
        assert!(answer.contains("at most"), "{path}: {answer}");
    }
    // Just under the limit is read (and refused, or not, for what it says).
    let email = "a".repeat(MAX_SERVER_FN - 200);
    let res = app
        .post_as(
            "/api/auth/sign-in",
            None,
            &[("email", email), ("password", "x".into())],
        )
        .await;
    let status = res.status().as_u16();
    assert!(
        status != 413 && status < 500,
        "a body under the limit is read: {status}"
    );
    assert_eq!(snapshot(&t.db).await, before, "nothing changed");
    still_answers(&app).await;
});

/// A boundary file upload as the map page sends it; the answer's status and, when it sends the
/// person back, what the page then says.
async fn upload_boundaries(app: &TestApp, admin: &str, text: String) -> (u16, String) {
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::text(text).file_name("hostile.json"),
    );
    let res = app
        .client
        .post(app.url("/admin/boundaries/upload"))
        .header("sec-fetch-site", "same-origin")
        .header("cookie", admin)
        .multipart(form)
        .send()
        .await
        .expect("the server answers");
    let status = res.status().as_u16();
    let Some(flash) = common::flash_cookie(&res) else {
        return (status, res.text().await.unwrap_or_default());
    };
    let page = app
        .get_as("/admin/map", Some(&format!("{admin}; {flash}")))
        .await
        .text()
        .await
        .unwrap_or_default();
    (status, page)
}

on_both_backends!(deep_and_huge_input_is_refused_as_a_mistake, |t| {
    let app = demo_app(&t).await;
    let admin = app.sign_in(ADMIN, DEMO_PASSWORD).await.unwrap();
    let before = snapshot(&t.db).await;
    // Boundary files nested 100,000 deep, as lists and as objects.
    for text in [
        format!(
            "{{\"type\":\"FeatureCollection\",\"features\":{}1{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
        format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000)),
    ] {
        let (status, page) = upload_boundaries(&app, &admin, text).await;
        assert_eq!(status, 303, "{page}");
        assert!(
            page.contains("nests lists or objects too deeply"),
            "the page says why"
        );
    }
    // A geometry of more points than are read: one arc of 1,001 points used 3,001 times.
    let arc: Vec<String> = (0..1001)
        .map(|i| format!("[{},{}]", i % 2, i % 3))
        .collect();
    let topology = format!(
        "{{\"type\":\"Topology\",\"transform\":{{\"scale\":[0.0001,0.0001],\"translate\":[-1.2,50.8]}},\"arcs\":[[{}]],\"objects\":{{\"w\":{{\"type\":\"GeometryCollection\",\"geometries\":[{{\"type\":\"Polygon\",\"properties\":{{\"WD22CD\":\"E05004531\"}},\"arcs\":[{}]}}]}}}}}}",
        arc.join(","),
        vec!["[0]"; 3001].join(",")
    );
    let (status, page) = upload_boundaries(&app, &admin, topology).await;
    assert_eq!(status, 303);
    assert!(
        page.contains("more than 3,000,000 points"),
        "the page says why"
    );
    // Server functions: form keys nested thousands deep, and deep JSON where a form belongs.
    let deep_key = format!("email{}", "[a]".repeat(5_000));
    let res = app
        .post_as(
            "/api/auth/sign-in",
            None,
            &[(deep_key.as_str(), "x".into()), ("password", "y".into())],
        )
        .await;
    let status = res.status().as_u16();
    assert!((400..500).contains(&status), "nested form keys: {status}");
    for content_type in ["application/json", "application/x-www-form-urlencoded"] {
        let res = app
            .client
            .post(app.url("/api/account"))
            .header("sec-fetch-site", "same-origin")
            .header("cookie", &admin)
            .header("content-type", content_type)
            .body(format!("{}1{}", "[".repeat(200_000), "]".repeat(200_000)))
            .send()
            .await
            .expect("the server answers");
        let status = res.status().as_u16();
        assert!(
            (400..500).contains(&status),
            "deep JSON as {content_type}: {status}"
        );
    }
    assert_eq!(snapshot(&t.db).await, before, "nothing changed");
    still_answers(&app).await;
});

/// Every page route the application declares, its parameters filled in with the demo's.
fn page_paths() -> Vec<String> {
    let mut paths: Vec<String> = leptos_axum::generate_route_list(app::App)
        .into_iter()
        .map(|r| r.path().to_string())
        .collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .map(|p| {
            p.split('/')
                .map(|seg| {
                    let name = seg
                        .trim_start_matches([':', '*', '{'])
                        .trim_end_matches('}');
                    if seg == name {
                        return seg.to_string();
                    }
                    match name {
                        "slug" => "gosport".into(),
                        "year" => "2026".into(),
                        "token" => "not-a-real-token".into(),
                        _ => "1".into(),
                    }
                })
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect()
}

const DOWNLOADS: &[&str] = &[
    "/partnerships/gosport/plans/2026/export/plan.docx",
    "/partnerships/gosport/plans/2026/export/plan.xlsx",
    "/partnerships/gosport/plans/2026/export/measures.csv",
    "/partnerships/gosport/plans/2026/export/actions.csv",
    "/dashboard/exceptions/export.csv",
    "/dashboard/exceptions/export.xlsx",
    "/self-assessments/2026/export/report.docx",
    "/self-assessments/2026/export/report.xlsx",
    "/self-assessments/2026/export/grades.csv",
    "/mid-year-reviews/2026/export/roll-up.docx",
    "/mid-year-reviews/2026/export/roll-up.xlsx",
    "/events/1/export/results.csv",
    "/events/1/export/results.xlsx",
];

fn cache_control(res: &reqwest::Response) -> String {
    res.headers()
        .get_all("cache-control")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(", ")
}

on_both_backends!(nothing_a_signed_in_person_gets_is_stored, |t| {
    let app = demo_app(&t).await;
    let pages = page_paths();
    assert!(
        pages.len() > 40,
        "the route list is the application's: {pages:?}"
    );
    // Pages that answered someone with 200 (the rest are refusals, not found or redirects, which
    // must not be stored either).
    let mut answered = std::collections::BTreeSet::new();
    for who in [ADMIN, CHAIR, "board@trustboard.example"] {
        let cookie = app.sign_in(who, DEMO_PASSWORD).await.unwrap();
        for path in pages
            .iter()
            .map(String::as_str)
            .chain(DOWNLOADS.iter().copied())
        {
            let res = app.get_as(path, Some(&cookie)).await;
            if res.status() == 200 {
                answered.insert(path.to_string());
            }
            assert_eq!(
                cache_control(&res),
                "no-store",
                "{who} {path} ({})",
                res.status()
            );
        }
        // The hashed assets are cached, whoever asks.
        let res = app.get_as("/pkg/trustboard.css", Some(&cookie)).await;
        assert!(
            !cache_control(&res).contains("no-store"),
            "{who}: {:?}",
            res.headers()
        );
    }
    let total = pages.len() + DOWNLOADS.len();
    assert!(
        answered.len() * 4 > total * 3,
        "most pages and downloads answered someone 200: {} of {total}",
        answered.len()
    );
    // Downloads made for people who are signed in answer 200 with the file, still no-store.
    let board = app
        .sign_in("board@trustboard.example", DEMO_PASSWORD)
        .await
        .unwrap();
    let res = app
        .get_as("/dashboard/exceptions/export.csv", Some(&board))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(cache_control(&res), "no-store");
});
