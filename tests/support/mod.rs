//! What the end-to-end tests stand on: the built dist/ served on localhost
//! under a sub-path, a ChromeDriver, and lookups by label as a user reads the
//! page.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

/// The sub-path the app is served under, as on a static host's project page.
pub const BASE: &str = "/postmortem/";

/// The built app: `POSTMORTEM_DIST`, else `dist/` beside Cargo.toml.
pub fn dist() -> PathBuf {
    std::env::var_os("POSTMORTEM_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"))
}

/// The static host: its URL, and a switch that takes it off the network.
pub struct Host {
    pub url: String,
    offline: Arc<AtomicBool>,
}

impl Host {
    /// From now on every request fails, as with no network.
    pub fn go_offline(&self) {
        self.offline.store(true, Ordering::SeqCst);
    }
}

/// Serves `dist` read-only under `BASE` on a free localhost port. Anything
/// outside `BASE` is a 404, so an absolute asset URL would break the test.
pub fn host(dist: &Path) -> Host {
    assert!(
        dist.join("index.html").is_file(),
        "{} has no index.html: build it first (scripts/test does, with trunk build --release)",
        dist.display()
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let dist = dist.to_path_buf();
    let offline = Arc::new(AtomicBool::new(false));
    let off = Arc::clone(&offline);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            if off.load(Ordering::SeqCst) {
                // Closed without an answer: a network error for the browser.
                drop(stream);
                continue;
            }
            let dist = dist.clone();
            std::thread::spawn(move || {
                let _ = respond(stream, &dist);
            });
        }
    });
    Host { url: format!("http://{addr}{BASE}"), offline }
}

fn respond(mut stream: TcpStream, dist: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Drain the headers; the body of a GET is empty.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let file: Option<PathBuf> = path.strip_prefix(BASE).and_then(|rel| {
        let rel = if rel.is_empty() { "index.html" } else { rel };
        (!rel.split('/').any(|seg| seg == ".." || seg.is_empty()))
            .then(|| dist.join(rel))
            .filter(|p| p.is_file())
    });
    match file {
        Some(file) => {
            let body = std::fs::read(&file)?;
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript",
                Some("wasm") => "application/wasm",
                Some("css") => "text/css",
                Some("json" | "webmanifest") => "application/json",
                Some("svg") => "image/svg+xml",
                Some("md") => "text/markdown; charset=utf-8",
                Some("png") => "image/png",
                _ => "application/octet-stream",
            };
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )?;
            stream.write_all(&body)
        }
        None => stream.write_all(
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found",
        ),
    }
}

/// A ChromeDriver process, stopped when dropped.
pub struct Driver {
    child: Child,
    pub url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn chromedriver() -> Driver {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let child = Command::new(&bin)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {bin} ({e}); scripts/setup --test installs it"));
    let driver = Driver { child, url: format!("http://127.0.0.1:{port}") };
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    driver
}

/// A fresh headless Chromium with its own empty profile (so its own empty
/// localStorage), which lasts as long as the returned directory. Downloads
/// go to `downloads` in it.
pub async fn browser(driver: &Driver) -> (Client, tempdir::TempDir) {
    browser_with(driver, &[]).await
}

/// `browser`, with more Chromium switches.
pub async fn browser_with(driver: &Driver, switches: &[&str]) -> (Client, tempdir::TempDir) {
    let profile = tempdir::TempDir::new();
    let downloads = profile.path().join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let mut args: Vec<String> = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--window-size=1400,1100",
    ]
    .map(String::from)
    .to_vec();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    args.extend(switches.iter().map(|s| s.to_string()));
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "prefs": {
                "download.default_directory": downloads.display().to_string(),
                "download.prompt_for_download": false,
            },
            "args": args,
        }
    });
    let caps = match caps {
        serde_json::Value::Object(map) => map,
        _ => unreachable!(),
    };
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a WebDriver session");
    (client, profile)
}

/// A temporary directory removed when dropped (no extra crate for it).
pub mod tempdir {
    use std::path::{Path, PathBuf};
    pub struct TempDir(PathBuf);
    impl TempDir {
        pub fn new() -> TempDir {
            use std::sync::atomic::{AtomicUsize, Ordering};
            static N: AtomicUsize = AtomicUsize::new(0);
            let dir = std::env::temp_dir().join(format!(
                "postmortem-e2e-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            ));
            std::fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }
        pub fn path(&self) -> &Path {
            &self.0
        }
    }
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// An XPath string literal for any text (XPath 1.0 has no escapes).
fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else if !s.contains('"') {
        format!("\"{s}\"")
    } else {
        format!("concat('{}')", s.split('\'').collect::<Vec<_>>().join("', \"'\", '"))
    }
}

/// An XPath for the controls a person finds by this visible label (a
/// label may add " (Markdown)") or accessible name.
fn labelled(label: &str) -> String {
    let l = xpath_literal(label);
    let md = xpath_literal(&format!("{label} (Markdown)"));
    format!(
        "//*[@id=//label[normalize-space(.)={l} or normalize-space(.)={md}]/@for] | //*[@aria-label={l}]"
    )
}

/// The control a person would find by its visible label or accessible name.
pub async fn by_label(c: &Client, label: &str) -> Element {
    wait_for(c, Locator::XPath(&labelled(label))).await
}

/// Every control with this visible label or accessible name, in page order.
pub async fn all_labelled(c: &Client, label: &str) -> Vec<Element> {
    let xpath = labelled(label);
    wait_for(c, Locator::XPath(&xpath)).await;
    c.find_all(Locator::XPath(&xpath)).await.unwrap()
}

/// All controls with this accessible name, in page order (waiting for the
/// first to appear).
pub async fn all_by_label(c: &Client, label: &str) -> Vec<Element> {
    let xpath = format!("//*[@aria-label={}]", xpath_literal(label));
    wait_for(c, Locator::XPath(&xpath)).await;
    c.find_all(Locator::XPath(&xpath)).await.unwrap()
}

/// The button whose text or accessible name is `name`.
pub async fn button(c: &Client, name: &str) -> Element {
    let l = xpath_literal(name);
    let xpath = format!("//button[normalize-space(.)={l} or @aria-label={l}]");
    wait_for(c, Locator::XPath(&xpath)).await
}

pub async fn wait_for(c: &Client, locator: Locator<'_>) -> Element {
    c.wait()
        .at_most(Duration::from_secs(30))
        .for_element(locator)
        .await
        .unwrap_or_else(|e| panic!("element not found: {e}"))
}

/// Polls `probe` until it returns true, or fails with `what`.
pub async fn eventually<F, Fut>(what: &str, mut probe: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(30);
    while !probe().await {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Sets a field's whole value as a paste does: one input event.
/// (ChromeDriver types a key at a time, and cannot type emoji at all.)
pub async fn set_value(c: &Client, field: &Element, text: &str) {
    c.execute(
        "arguments[0].value = arguments[1]; \
         arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
        vec![serde_json::to_value(field).unwrap(), serde_json::Value::from(text)],
    )
    .await
    .unwrap();
}

/// Sets the whole value of the field labelled `label`, as a paste does.
pub async fn set_labelled(c: &Client, label: &str, text: &str) {
    set_value(c, &by_label(c, label).await, text).await;
}

/// Pastes `text` into the import dialog and imports it.
pub async fn paste_import(c: &Client, text: &str) {
    button(c, "Import Markdown").await.click().await.unwrap();
    set_value(c, &by_label(c, "Paste Markdown").await, text).await;
    button(c, "Import pasted text").await.click().await.unwrap();
}

/// The rendered preview's HTML.
pub async fn preview_html(c: &Client) -> String {
    by_label(c, "Preview").await.html(true).await.unwrap_or_default()
}

/// The median and the `high` quantile (0.9, 0.95) of a benchmark's times,
/// each the nearest observation. For the benchmarks in `examples/`.
#[allow(dead_code)]
pub fn median_and(high: f64, mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(high))
}
