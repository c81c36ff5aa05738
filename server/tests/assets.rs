//! The built site's assets: served as the build compressed them (Brotli, else gzip, else as
//! they are — never compressed per request), kept by browsers for a year when their names
//! carry a hash of their content, and not kept when missing.

mod common;

use common::{Backend, TestApp};
use std::path::Path;

const NAME: &str = "trustboard.Q1w2E3r4T5y6U7i8O9p0aA.wasm";

/// A site folder as a release build leaves it: a file and its two compressed copies (each
/// with different bytes, so the test can tell which was sent).
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pkg = dir.path().join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg");
    std::fs::write(pkg.join(NAME), b"\0asm raw bytes of the module").expect("raw");
    std::fs::write(pkg.join(format!("{NAME}.br")), b"brotli copy").expect("br");
    std::fs::write(pkg.join(format!("{NAME}.gz")), b"gzip copy").expect("gz");
    dir
}

/// The app serving `site`; the database is kept as long as the app.
async fn serve(site: &Path, hashed: bool) -> (TestApp, common::TestDb) {
    let db = common::fresh_db(Backend::Sqlite).await;
    let root = site.to_path_buf();
    let app = TestApp::spawn_configured(
        db.db.clone(),
        move |s| s.site_root = root,
        move |o| o.hash_files = hashed,
    )
    .await;
    (app, db)
}

async fn fetch(app: &TestApp, path: &str, accept: Option<&str>) -> reqwest::Response {
    let mut req = app.client.get(app.url(path));
    if let Some(a) = accept {
        req = req.header("accept-encoding", a);
    }
    req.send().await.expect("request")
}

fn header(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hashed_assets_are_sent_precompressed_and_kept_for_a_year() {
    let dir = site();
    let (app, _db) = serve(dir.path(), true).await;
    let path = format!("/pkg/{NAME}");

    let res = fetch(&app, &path, Some("br, gzip")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-encoding").as_deref(), Some("br"));
    assert_eq!(
        header(&res, "content-type").as_deref(),
        Some("application/wasm")
    );
    assert_eq!(
        header(&res, "cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"brotli copy");

    let res = fetch(&app, &path, Some("gzip")).await;
    assert_eq!(header(&res, "content-encoding").as_deref(), Some("gzip"));
    assert_eq!(
        res.bytes().await.unwrap().as_ref(),
        b"gzip copy",
        "the build's copy, not one made now"
    );

    let res = fetch(&app, &path, None).await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-encoding"), None);
    assert_eq!(
        header(&res, "cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(
        res.bytes().await.unwrap().as_ref(),
        b"\0asm raw bytes of the module"
    );

    // A name that is not there (yet) is not made to last.
    let res = fetch(
        &app,
        "/pkg/trustboard.AAAAAAAAAAAAAAAAAAAAAA.wasm",
        Some("br"),
    )
    .await;
    assert_eq!(res.status(), 404);
    assert!(!header(&res, "cache-control")
        .unwrap_or_default()
        .contains("max-age"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assets_without_hashed_names_are_checked_each_time() {
    let dir = site();
    let (app, _db) = serve(dir.path(), false).await;
    let res = fetch(&app, &format!("/pkg/{NAME}"), Some("gzip")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "cache-control").as_deref(), Some("no-cache"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"gzip copy");
}
