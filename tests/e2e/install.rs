//! Installable: the web app manifest and its icons, and a new release that
//! waits until the person reloads instead of mixing with the open one.

use fantoccini::Client;
use serde_json::{json, Value};

use super::{assert_no_errors, record_errors, start};
use crate::support::*;

async fn run(c: &Client, script: &str) -> Value {
    c.execute_async(script, vec![]).await.unwrap()
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn the_manifest_is_served_and_valid_with_icons_of_its_sizes() {
    let (host, _driver, c, _profile) = start().await;
    let manifest = run(
        &c,
        "const done = arguments[arguments.length - 1];
         const link = document.querySelector('link[rel=manifest]').href;
         fetch(link).then(r => r.json().then(m => done({ url: r.url, status: r.status, manifest: m })))
           .catch(e => done({ error: String(e) }));",
    )
    .await;
    assert_eq!(manifest["status"], json!(200), "{manifest}");
    assert!(manifest["url"].as_str().unwrap().starts_with(&host.url), "under the sub-path");
    let m = &manifest["manifest"];
    assert_eq!(m["name"], json!("Postmortem editor"));
    assert_eq!(m["short_name"], json!("Postmortem"));
    assert_eq!(m["display"], json!("standalone"));
    // Relative, so that the app installs wherever it is hosted.
    assert_eq!(m["start_url"], json!("./"));
    assert_eq!(m["scope"], json!("./"));
    assert!(m["theme_color"].as_str().unwrap().starts_with('#'));
    let icons = m["icons"].as_array().unwrap();
    assert!(icons.iter().any(|i| i["sizes"] == json!("512x512")), "a 512 px icon");
    assert!(icons.iter().any(|i| i["sizes"] == json!("192x192")), "a 192 px icon");
    for icon in icons {
        // Each icon loads, at the size the manifest gives.
        let loaded = c
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 const image = new Image();
                 image.onload = () => done([image.naturalWidth, image.naturalHeight]);
                 image.onerror = () => done('failed');
                 image.src = new URL(arguments[0], document.querySelector('link[rel=manifest]').href);",
                vec![icon["src"].clone()],
            )
            .await
            .unwrap();
        assert_ne!(loaded, json!("failed"), "{icon}");
        if let Some((w, h)) = icon["sizes"].as_str().unwrap().split_once('x') {
            assert_eq!(
                loaded,
                json!([w.parse::<u32>().unwrap(), h.parse::<u32>().unwrap()]),
                "{icon}"
            );
        }
    }
    assert_no_errors(&c).await;
    c.close().await.unwrap();
}

async fn cache_names(c: &Client) -> Value {
    run(c, "const done = arguments[arguments.length - 1]; caches.keys().then(done);").await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_new_release_waits_for_reload_to_update_and_the_old_cache_goes() {
    // A copy of dist/ that the test can release again.
    let served = tempdir::TempDir::new();
    let copy = std::process::Command::new("cp")
        .arg("-r")
        .arg(format!("{}/.", dist().display()))
        .arg(served.path())
        .status()
        .unwrap();
    assert!(copy.success());
    let host = host(served.path());
    let driver = chromedriver();
    let (c, _profile) = browser(&driver).await;
    c.goto(&host.url).await.unwrap();
    by_label(&c, "Title").await;
    record_errors(&c).await;
    eventually("the service worker controls the page", || async {
        c.execute("return !!navigator.serviceWorker.controller", vec![]).await.ok()
            == Some(json!(true))
    })
    .await;
    let first = cache_names(&c).await;
    assert_eq!(first.as_array().unwrap().len(), 1, "one release cached: {first}");

    // The next release: the same files, another version.
    let sw = served.path().join("sw.js");
    let text = std::fs::read_to_string(&sw).unwrap();
    let start = text.find("const VERSION = '").unwrap();
    let end = start + text[start..].find(";\n").unwrap();
    std::fs::write(&sw, format!("{}const VERSION = 'next'{}", &text[..start], &text[end..]))
        .unwrap();
    run(
        &c,
        "const done = arguments[arguments.length - 1];
             navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => done(1));",
    )
    .await;
    let reload = button(&c, "Reload to update").await;
    // Until then the open tab keeps its release, and its cache.
    assert!(cache_names(&c).await.as_array().unwrap().contains(&first[0]));
    assert_no_errors(&c).await;
    reload.click().await.unwrap();
    eventually("the new release in charge, the old cache gone", || async {
        cache_names(&c).await == json!(["postmortem-next"])
    })
    .await;
    by_label(&c, "Title").await;
    c.close().await.unwrap();
}
