//! UI actions and opening the editor, in headless Chromium, on the release
//! build. For generated postmortems of 100, 300 and 600 timeline rows: the
//! time from a click (dispatched in the page) to the page updated and laid
//! out, for each button a person uses to reshape the document; median and
//! p90 of 9 repetitions, after one of warm-up. And the time from navigation
//! to the editor shown and laid out, for a new (empty) draft and for stored
//! drafts: to its first screen (title, headings, tasks and the first 20
//! timeline rows, in the form and the preview: a long timeline's later rows
//! are drawn when the browser is idle), and to the whole document. Opening
//! another draft from the Drafts panel counts to its first screen too.
//!
//! "Updated" is read from the DOM, not from a hook in the app: after the
//! click, the page is given macrotask turns (a MessageChannel message, so
//! every microtask queued so far, where leptos runs its effects, has run)
//! until the change the action makes is there, in the form and, when the
//! action changes the Markdown, in the preview; then layout is forced
//! (`document.body.offsetHeight`) and the clock read. Work the app defers
//! on purpose (focus moved at the next animation frame, autosave, the
//! findings list 300 ms after a change) is not counted, and is let finish
//! before the next repetition.
//!
//! The documents are `sample::document` with two tasks added to its one, so
//! that a task has neighbours to move between; each action is given in
//! `ACTIONS` with what counts as its change.
//!
//! Run with `scripts/bench` (it builds the release app first).

#[path = "../tests/support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use fantoccini::Client;
use postmortem::drafts::{self, MemoryStore};
use postmortem::model::{Document, Task};
use postmortem::{export, render, sample};
use serde_json::{json, Value};
use support::*;

const SIZES: [usize; 3] = [100, 300, 600];
/// The timeline rows of a first screen (`SCREENFUL` in the page's script too).
const SCREENFUL: usize = 20;
const REPETITIONS: usize = 9;
const WARMUP: usize = 1;
/// Between repetitions: autosave (within 450 ms of a change) and the
/// findings list (300 ms after it) have run, and the page is idle again.
const SETTLE: Duration = Duration::from_millis(1000);

/// The actions measured together on one page, one after the other, each
/// repetition of the first followed by one of the second: pairs undo each
/// other (up then down, remove then add back), so the page stays the same.
/// `reload`: the action cannot be undone by a button, so every repetition
/// starts from the document stored again and the page loaded afresh.
struct Group {
    actions: &'static [&'static str],
    reload: bool,
    /// The stored document: the bench document, or one of its variants.
    seed: Seed,
}

#[derive(Clone, Copy, PartialEq)]
enum Seed {
    Document,
    /// The middle row moved to the end, for Sort to put back.
    Unsorted,
    /// Two drafts of the same size, for the Drafts panel to switch between.
    TwoDrafts,
}

const GROUPS: &[Group] = &[
    Group { actions: &["add a timeline row"], reload: false, seed: Seed::Document },
    Group { actions: &["remove a timeline row (middle)"], reload: false, seed: Seed::Document },
    Group {
        actions: &["move a row up (middle)", "move a row down (middle)"],
        reload: false,
        seed: Seed::Document,
    },
    Group {
        actions: &["sort the timeline (one row out of place)"],
        reload: true,
        seed: Seed::Unsorted,
    },
    Group { actions: &["add a task"], reload: false, seed: Seed::Document },
    Group { actions: &["remove a task (middle of 3)"], reload: true, seed: Seed::Document },
    Group {
        actions: &["move a task up (middle of 3)", "move a task down (middle of 3)"],
        reload: false,
        seed: Seed::Document,
    },
    Group {
        actions: &["remove a section (Lessons learned)", "add a section (Lessons learned)"],
        reload: false,
        seed: Seed::Document,
    },
    Group {
        actions: &["add a custom section", "remove a custom section"],
        reload: false,
        seed: Seed::Document,
    },
    Group {
        actions: &["switch to the Markdown view", "switch back to the preview"],
        reload: false,
        seed: Seed::Document,
    },
    Group {
        actions: &["open the other draft (Drafts panel)"],
        reload: false,
        seed: Seed::TwoDrafts,
    },
];

/// Page helpers shared by every script here: what the editor shows, read
/// from the DOM.
const HELPERS: &str = r#"
// Lists are found once and read through their live children, so that
// checking for a change costs the same at 600 rows as at 6: a query over
// the whole page costs milliseconds at 600 rows, and the check runs inside
// the measured time. Found again once a found element has left the page,
// or is in an editor another draft replaced (`.leaving`, taken apart when
// the browser is idle).
const found = {};
const once = (name, find) => {
  const el = found[name];
  if (el && el.isConnected && !el.closest('.leaving')) return el;
  return (found[name] = find());
};
const kids = el => (el ? [...el.children] : []);
const preview = () => once('preview', () => document.querySelector('[aria-label=Preview]'));
const formRows = () => kids(once('form rows',
  () => document.querySelector('[role=table][aria-label=Timeline] > [role=rowgroup]:last-child')));
const previewRows = () => kids(once('preview rows', () => preview() && preview().querySelector('tbody')));
const formTasks = () => kids(once('form tasks', () => document.querySelector('table[aria-label=Tasks] tbody')));
const previewTasks = () => kids(once('preview tasks', () => {
  const box = preview() && preview().querySelector('li > input[type=checkbox]');
  return box && box.closest('ul');
})).filter(li => li.querySelector(':scope > input[type=checkbox]'));
// The preview's headings are among its top-level nodes.
const headings = () => kids(preview()).filter(e => e.tagName === 'H2');
const heading = text => headings().find(h => h.textContent === text);
// The form's sections are its children: a handful, however long the timeline.
const customSections = () => kids(once('form', () => document.querySelector('form.form')))
  .filter(f => f.tagName === 'FIELDSET' && f.firstElementChild?.textContent === 'Custom section');
const button = (text, root = document) =>
  [...root.querySelectorAll('button')].find(b => b.textContent.trim() === text);
// The first screen of this document: its title, every heading and task,
// and the first SCREENFUL timeline rows in the form and the preview (or all
// of them, if fewer). A long timeline's later rows are drawn when the
// browser is idle (ui::timeline::draw_the_rest).
const firstScreen = d => {
  const p = preview();
  if (!p) return false;
  const h1 = p.querySelector('h1');
  return formRows().length >= Math.min(d.rows, SCREENFUL)
    && previewRows().length >= Math.min(d.tableRows, SCREENFUL)
    && formTasks().length === d.tasks && headings().length === d.headings
    && (h1 ? h1.textContent : '') === d.title;
};
// The editor holds this whole document: its first screen, every row in the
// form, and as many elements in the preview as the document's HTML has.
const shown = d => firstScreen(d) && formRows().length === d.rows
  && preview().getElementsByTagName('*').length === d.elements;
const channel = new MessageChannel();
const turns = [];
channel.port1.onmessage = () => turns.shift()();
// The next macrotask: after every microtask queued so far has run.
const macrotask = () => new Promise(r => { turns.push(r); channel.port2.postMessage(0); });
const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
const until = async (what, probe) => {
  const t0 = performance.now();
  while (!probe()) {
    if (performance.now() - t0 > 20000) throw new Error(`not ${what} after 20 s`);
    await macrotask();
  }
};
"#;

/// The page's helpers, with the bench's size of a first screen.
fn helpers() -> String {
    format!("const SCREENFUL = {SCREENFUL};{HELPERS}")
}

/// Each action: what to click, brought into view with the part of the
/// preview it changes (rows out of view are not laid out at all, see
/// content-visibility in style/main.css), and a test of the change done.
const ACTIONS: &str = r#"
const inView = (...els) => els.forEach(el => el && el.scrollIntoView({ block: 'center' }));
// Moves the middle entry of a list one place; "down" moves the entry that
// "up" moved, so that the two in turn leave the list as it was.
const move = (entries, shownEntries, id, what, d) => {
  const all = entries(), seen = shownEntries();
  const from = Math.floor(all.length / 2) - (d > 0 ? 1 : 0), to = from + d;
  const key = id(all[from]), text = seen[from].textContent;
  inView(seen[from], all[from]);
  const b = all[from].querySelector(`[aria-label="Move ${what} ${d < 0 ? 'up' : 'down'}"]`);
  return [b, () => id(entries()[to]) === key && shownEntries()[to].textContent === text];
};
const rowId = r => r.querySelector('input[aria-label=Time]').id;
const taskId = t => t.querySelector('input[aria-label=Task]').id;
const ACTIONS = {
  // A new row is empty, and an empty row is left out of the Markdown: only
  // the form changes.
  'add a timeline row': () => {
    const n = formRows().length, b = button('Add timeline row');
    inView(b);
    return [b, () => formRows().length === n + 1];
  },
  'remove a timeline row (middle)': () => {
    const all = formRows(), seen = previewRows(), mid = Math.floor(all.length / 2);
    inView(seen[mid], all[mid]);
    const b = all[mid].querySelector('[aria-label="Remove row"]');
    return [b, () => formRows().length === all.length - 1 && previewRows().length === seen.length - 1];
  },
  'move a row up (middle)': () => move(formRows, previewRows, rowId, 'row', -1),
  'move a row down (middle)': () => move(formRows, previewRows, rowId, 'row', 1),
  // The last row belongs in the middle (see `Seed::Unsorted`).
  'sort the timeline (one row out of place)': () => {
    const all = formRows(), seen = previewRows(), mid = Math.floor(all.length / 2);
    const key = rowId(all[all.length - 1]), text = seen[seen.length - 1].textContent;
    const b = button('Sort timeline by time');
    inView(seen[mid], b);
    return [b, () => rowId(formRows()[mid]) === key && previewRows()[mid].textContent === text];
  },
  // Empty, so only in the form, as a new row.
  'add a task': () => {
    const n = formTasks().length, b = button('Add task');
    inView(previewTasks()[0], b);
    return [b, () => formTasks().length === n + 1];
  },
  'remove a task (middle of 3)': () => {
    const all = formTasks(), seen = previewTasks(), mid = Math.floor(all.length / 2);
    inView(seen[mid], all[mid]);
    const b = all[mid].querySelector('[aria-label="Remove task"]');
    return [b, () => formTasks().length === all.length - 1 && previewTasks().length === seen.length - 1];
  },
  'move a task up (middle of 3)': () => move(formTasks, previewTasks, taskId, 'task', -1),
  'move a task down (middle of 3)': () => move(formTasks, previewTasks, taskId, 'task', 1),
  'remove a section (Lessons learned)': () => {
    const b = button('Remove lessons learned');
    inView(heading('Lessons learned'), b);
    return [b, () => !document.getElementById('went-well') && !heading('Lessons learned')];
  },
  // Back with the texts it had: the editor keeps them while it is off.
  'add a section (Lessons learned)': () => {
    const b = button('Lessons learned', document.querySelector('[aria-label="Add a section"]'));
    inView(heading('Corrective and Preventative Measures'), b);
    return [b, () => !!document.getElementById('went-well') && !!heading('Lessons learned')];
  },
  // An empty custom section is a "Notes" heading in the Markdown.
  'add a custom section': () => {
    const n = customSections().length, h = headings().length, b = button('Custom section');
    inView(heading('Corrective and Preventative Measures'), b);
    return [b, () => customSections().length === n + 1 && headings().length === h + 1];
  },
  'remove a custom section': () => {
    const n = customSections().length, h = headings().length;
    const all = [...document.querySelectorAll('button')].filter(b => b.textContent === 'Remove this section');
    const b = all[all.length - 1];
    inView(heading('Notes'), b);
    return [b, () => customSections().length === n - 1 && headings().length === h - 1];
  },
  'switch to the Markdown view': () => {
    const b = button('Markdown', document.querySelector('[aria-label=View]'));
    inView(b);
    const raw = document.querySelector('pre[aria-label=Markdown]');
    return [b, () => !raw.classList.contains('hidden') && preview().classList.contains('hidden')];
  },
  'switch back to the preview': () => {
    const b = button('Preview', document.querySelector('[aria-label=View]'));
    inView(b);
    const raw = document.querySelector('pre[aria-label=Markdown]');
    return [b, () => raw.classList.contains('hidden') && !preview().classList.contains('hidden')];
  },
  // The panel is opened first, unmeasured; the click is on the other
  // draft's Open, and it is done when the editor shows that draft whole.
  'open the other draft (Drafts panel)': async drafts => {
    const h1 = preview().querySelector('h1');
    const other = drafts.find(d => d.title !== (h1 && h1.textContent));
    if (!document.querySelector('.drafts-panel')) button('Drafts').click();
    let b;
    await until('the panel shown', () => (b = document.querySelector(`[aria-label="Open ${other.name}"]`)));
    inView(b);
    return [b, () => firstScreen(other)];
  },
};
"#;

/// Prepares the action named, waits for a fresh frame, clicks, and gives
/// the milliseconds from the click to the change done and laid out.
const MEASURE: &str = r#"
const [action, drafts, done] = arguments;
(async () => {
  const [target, changed] = await ACTIONS[action](drafts);
  await frame();
  const t0 = performance.now();
  target.click();
  do await macrotask(); while (!changed() && performance.now() - t0 < 20000);
  if (!changed()) throw new Error('no change after 20 s');
  const scripted = performance.now();
  void document.body.offsetHeight;
  done({ ms: (SCRIPT_ONLY ? scripted : performance.now()) - t0 });
})().catch(e => done({ error: `${action}: ${e}` }));
"#;

/// Run before the page's own scripts on every navigation (through the
/// DevTools protocol, as WebDriver has no such thing): the time from
/// navigation start (`performance.now()` counts from it) to the first
/// macrotask turn after which the editor shows the whole document (see
/// `shown`), plus the layout then forced. Checked after each batch of DOM
/// changes, and every 100 ms in case one were missed.
const OPENED: &str = r#"
(() => {
  const expected = EXPECTED;
  HELPERS
  let queued = false, finished = false;
  const check = async () => {
    if (queued || finished) return;
    queued = true;
    await macrotask();
    queued = false;
    if (finished) return;
    if (!window.benchFirstScreen && firstScreen(expected)) {
      void document.body.offsetHeight;
      window.benchFirstScreen = performance.now();
    }
    if (!shown(expected)) return;
    finished = true;
    void document.body.offsetHeight;
    window.benchOpened = performance.now();
    observer.disconnect();
    clearInterval(poll);
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  const poll = setInterval(check, 100);
})();
"#;

/// The bench document: a sample postmortem, with two more tasks than its
/// one, so that a task has neighbours to move between.
fn bench_document(rows: usize) -> Document {
    let mut doc = sample::document(rows);
    for (text, owner) in
        [("Load-test the pool at peak", "A. Lee"), ("Review pool sizes yearly", "")]
    {
        let id = doc.fresh_id();
        doc.tasks.push(Task {
            id,
            text: text.into(),
            owner: owner.into(),
            due: "2024-07-01".into(),
            done: false,
            internal: false,
        });
    }
    doc
}

/// What `shown` looks for in the page.
fn expected(doc: &Document) -> Value {
    let html = render::to_html(&export::to_markdown(doc));
    let elements = html
        .match_indices('<')
        .filter(|(i, _)| html[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic()))
        .count();
    // The preview's heading ("Postmortem: " and the title); the generated
    // titles have nothing HTML would escape.
    let h1 = html.split_once("<h1>").and_then(|(_, rest)| rest.split_once("</h1>"));
    json!({
        "name": doc.display_title(),
        "title": h1.map(|(h1, _)| h1).unwrap_or_default(),
        "rows": doc.timeline.len(),
        "tasks": doc.tasks.len(),
        "elements": elements,
        "headings": html.matches("<h2").count(),
        // Body rows of the preview's tables: an empty timeline row is left
        // out of the Markdown.
        "tableRows": html.matches("<tr>").count() - html.matches("<thead>").count(),
    })
}

/// The drafts stored for a group, the open one first.
fn drafts_for(seed: Seed, rows: usize) -> Vec<Document> {
    let doc = bench_document(rows);
    match seed {
        Seed::Document => vec![doc],
        Seed::Unsorted => {
            let mut doc = doc;
            let row = doc.timeline.remove(rows / 2);
            doc.timeline.push(row);
            vec![doc]
        }
        Seed::TwoDrafts => {
            let mut other = doc.clone();
            other.title = format!("{} (the other draft)", doc.title);
            vec![doc, other]
        }
    }
}

/// A fresh headless Chromium with room for long scripts.
async fn new_browser(driver: &Driver) -> (Client, tempdir::TempDir) {
    let (c, profile) = browser(driver).await;
    let timeouts = fantoccini::wd::TimeoutConfiguration::new(
        Some(Duration::from_secs(300)),
        Some(Duration::from_secs(60)),
        None,
    );
    c.update_timeouts(timeouts).await.unwrap();
    (c, profile)
}

/// Stores `docs` in the page's localStorage as the only drafts, the first
/// one open (none at all: the editor starts a new draft).
async fn store(c: &Client, docs: &[Document]) {
    let mut store = MemoryStore::default();
    for (i, doc) in docs.iter().enumerate() {
        // Newer in turn: the list shows the newest first.
        drafts::save(&mut store, &format!("bench-{i}"), doc, 1.0 + i as f64, 0).unwrap();
    }
    if !docs.is_empty() {
        drafts::set_current(&mut store, "bench-0").unwrap();
    }
    let entries: Vec<_> = store.entries.into_iter().collect();
    c.execute(
        "localStorage.clear(); for (const [k, v] of arguments[0]) localStorage.setItem(k, v);",
        vec![json!(entries)],
    )
    .await
    .unwrap();
}

/// Stores `docs` and opens the editor on the first, then lets the first
/// saves and checks settle.
async fn load(c: &Client, url: &str, docs: &[Document]) {
    store(c, docs).await;
    c.goto(url).await.unwrap();
    let doc = expected(&docs[0]);
    eventually("the document is in the editor", || async {
        let script = format!("{} return shown(arguments[0]);", helpers());
        c.execute(&script, vec![doc.clone()]).await.ok().and_then(|v| v.as_bool()) == Some(true)
    })
    .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
}

async fn measure(c: &Client, action: &str, drafts: &Value) -> f64 {
    // BENCH_SCRIPT_ONLY=yes stops the clock before the forced layout: how
    // much of an action is the app's own work, for finding where time goes.
    let script_only = std::env::var("BENCH_SCRIPT_ONLY").is_ok_and(|v| v == "yes");
    let script = format!("const SCRIPT_ONLY = {script_only};{}{ACTIONS}{MEASURE}", helpers());
    let v = c.execute_async(&script, vec![json!(action), drafts.clone()]).await.unwrap();
    match v.get("ms").and_then(Value::as_f64) {
        Some(ms) => ms,
        None => panic!("{v}"),
    }
}

/// Each action of `group` at `rows` rows: its repetitions' milliseconds.
async fn run_group(driver: &Driver, url: &str, group: &Group, rows: usize) -> Vec<Vec<f64>> {
    let docs = drafts_for(group.seed, rows);
    let shown: Value = docs.iter().map(expected).collect();
    let (c, _profile) = new_browser(driver).await;
    let session = c.session_id().await.unwrap().expect("a session");
    c.goto(url).await.unwrap();
    load(&c, url, &docs).await;
    let mut times = vec![Vec::new(); group.actions.len()];
    for round in 0..WARMUP + REPETITIONS {
        if group.reload && round > 0 {
            load(&c, url, &docs).await;
        }
        for (i, action) in group.actions.iter().enumerate() {
            let profiled = profiling() && round + 1 == WARMUP + REPETITIONS;
            if profiled {
                devtools(driver, &session, "Profiler.enable", json!({}));
                devtools(
                    driver,
                    &session,
                    "Profiler.setSamplingInterval",
                    json!({ "interval": 100 }),
                );
                devtools(driver, &session, "Profiler.start", json!({}));
            }
            let ms = measure(&c, action, &shown).await;
            if profiled {
                print_profile(action, &devtools(driver, &session, "Profiler.stop", json!({})));
            }
            if round >= WARMUP {
                times[i].push(ms);
            }
            tokio::time::sleep(SETTLE).await;
        }
    }
    c.close().await.unwrap();
    times
}

/// Milliseconds from navigation start to the editor shown with `docs`
/// stored (none: a new draft), over the repetitions.
/// Milliseconds to the first screen and to the whole document, over the
/// repetitions.
async fn opening(driver: &Driver, url: &str, docs: &[Document]) -> (Vec<f64>, Vec<f64>) {
    let doc = docs.first().cloned().unwrap_or_else(new_draft);
    let script =
        OPENED.replace("EXPECTED", &expected(&doc).to_string()).replace("HELPERS", &helpers());
    let (c, _profile) = new_browser(driver).await;
    let session = c.session_id().await.unwrap().expect("a session");
    devtools(
        driver,
        &session,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": script }),
    );
    c.goto(url).await.unwrap();
    store(&c, docs).await;
    let (mut first_screens, mut wholes) = (Vec::new(), Vec::new());
    // The first load after storing is warm-up; by the next one the
    // service worker serves the app, as for someone coming back to it.
    for round in 0..WARMUP + REPETITIONS {
        let profiled = profiling() && round + 1 == WARMUP + REPETITIONS;
        if profiled {
            devtools(driver, &session, "Profiler.enable", json!({}));
            devtools(driver, &session, "Profiler.setSamplingInterval", json!({ "interval": 100 }));
            devtools(driver, &session, "Profiler.start", json!({}));
        }
        c.goto(url).await.unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        let (first, whole) = loop {
            let v = c
                .execute("return [window.benchFirstScreen, window.benchOpened]", vec![])
                .await
                .unwrap();
            if let (Some(first), Some(whole)) = (v[0].as_f64(), v[1].as_f64()) {
                break (first, whole);
            }
            assert!(std::time::Instant::now() < deadline, "the editor was not shown");
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        if profiled {
            let what = format!("opening with {} rows", doc.timeline.len());
            print_profile(&what, &devtools(driver, &session, "Profiler.stop", json!({})));
        }
        if round >= WARMUP {
            first_screens.push(first);
            wholes.push(whole);
        }
        tokio::time::sleep(SETTLE).await;
    }
    c.close().await.unwrap();
    (first_screens, wholes)
}

/// What a new draft holds (`ui::drafts::starter`): one empty row.
fn new_draft() -> Document {
    let mut doc = Document::new();
    doc.add_row();
    doc
}

/// A DevTools command through ChromeDriver (`goog/cdp/execute`), over a
/// plain HTTP request: fantoccini has no call for it.
fn devtools(driver: &Driver, session: &str, cmd: &str, params: Value) -> Value {
    let host = driver.url.trim_start_matches("http://");
    let body = json!({ "cmd": cmd, "params": params }).to_string();
    let mut stream = TcpStream::connect(host).unwrap();
    write!(
        stream,
        "POST /session/{session}/goog/cdp/execute HTTP/1.1\r\nHost: {host}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    let mut length = 0;
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap() > 2 {
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        line.clear();
    }
    let mut answer = vec![0; length];
    reader.read_exact(&mut answer).unwrap();
    assert!(status.contains(" 200 "), "{cmd}: {status} {}", String::from_utf8_lossy(&answer));
    serde_json::from_slice(&answer).unwrap_or(Value::Null)
}

/// BENCH_PROFILE=yes: the last repetition of each action and opening
/// under the CPU profiler, and the functions that took the most time in
/// it, by total time (with what they called) and by self time, on stderr.
/// Build the app with names kept to read them.
fn profiling() -> bool {
    std::env::var("BENCH_PROFILE").is_ok_and(|v| v == "yes")
}

fn print_profile(action: &str, answer: &Value) {
    let nodes = answer.pointer("/value/profile/nodes").and_then(Value::as_array);
    let profile = answer.pointer("/value/profile");
    let (Some(nodes), Some(profile)) = (nodes, profile) else { return };
    let samples = profile.get("samples").and_then(Value::as_array).cloned().unwrap_or_default();
    let deltas = profile.get("timeDeltas").and_then(Value::as_array).cloned().unwrap_or_default();
    let mut name_of = HashMap::new();
    for n in nodes {
        let id = n.get("id").and_then(Value::as_u64).unwrap_or(0);
        let name = n.pointer("/callFrame/functionName").and_then(Value::as_str).unwrap_or("");
        name_of
            .insert(id, if name.is_empty() { "(anonymous)".to_string() } else { name.to_string() });
    }
    let mut self_ms: HashMap<String, f64> = HashMap::new();
    for (sample, delta) in samples.iter().zip(deltas.iter().skip(1)) {
        let name = name_of.get(&sample.as_u64().unwrap_or(0)).cloned().unwrap_or_default();
        *self_ms.entry(name).or_default() += delta.as_f64().unwrap_or(0.0) / 1000.0;
    }
    let mut parent = HashMap::new();
    for n in nodes {
        let id = n.get("id").and_then(Value::as_u64).unwrap_or(0);
        for c in n.get("children").and_then(Value::as_array).into_iter().flatten() {
            parent.insert(c.as_u64().unwrap_or(0), id);
        }
    }
    let mut total_ms: HashMap<String, f64> = HashMap::new();
    for (sample, delta) in samples.iter().zip(deltas.iter().skip(1)) {
        let mut id = sample.as_u64().unwrap_or(0);
        let mut seen = std::collections::HashSet::new();
        loop {
            let name = name_of.get(&id).cloned().unwrap_or_default();
            if seen.insert(name.clone()) {
                *total_ms.entry(name).or_default() += delta.as_f64().unwrap_or(0.0) / 1000.0;
            }
            match parent.get(&id) {
                Some(p) => id = *p,
                None => break,
            }
        }
    }
    let mut tot: Vec<_> = total_ms.into_iter().collect();
    tot.sort_by(|a, b| b.1.total_cmp(&a.1));
    eprintln!("\n{action}: total time, ms");
    for (name, ms) in tot.iter().take(70) {
        eprintln!("  {ms:7.2}  {}", name.chars().take(160).collect::<String>());
    }
    let mut top: Vec<_> = self_ms.into_iter().collect();
    top.sort_by(|a, b| b.1.total_cmp(&a.1));
    eprintln!("\n{action}: self time, ms");
    for (name, ms) in top.iter().take(30) {
        eprintln!("  {ms:7.2}  {}", name.chars().take(140).collect::<String>());
    }
}

/// Median and p90 of `times`.
fn summary(times: Vec<f64>) -> (f64, f64) {
    median_and(0.9, times)
}

#[tokio::main]
async fn main() {
    let host = host(&dist());
    let url = host.url.clone();
    let driver = chromedriver();
    let version = {
        let (c, _profile) = new_browser(&driver).await;
        let v = c.execute("return navigator.userAgent", vec![]).await.unwrap();
        c.close().await.unwrap();
        v.as_str().unwrap_or_default().to_string()
    };
    // Every group in a browser of its own: one long-lived browser slows down
    // as it goes, which would make whatever runs last look worse.
    // For a quick look while working on one thing: BENCH_ROWS=300 measures
    // one size, BENCH_ACTIONS=row only the actions whose name has "row",
    // BENCH_OPENING=no leaves out the openings. scripts/bench sets none.
    let sizes: Vec<usize> = std::env::var("BENCH_ROWS")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| SIZES.to_vec());
    let wanted = std::env::var("BENCH_ACTIONS").unwrap_or_default();
    let groups: Vec<&Group> =
        GROUPS.iter().filter(|g| g.actions.iter().any(|a| a.contains(wanted.as_str()))).collect();
    let with_openings = std::env::var("BENCH_OPENING").map_or(true, |v| v != "no");
    let mut times: HashMap<(&str, usize), Vec<f64>> = HashMap::new();
    for &rows in &sizes {
        for &group in &groups {
            let t = run_group(&driver, &url, group, rows).await;
            for (action, t) in group.actions.iter().zip(t) {
                times.insert((*action, rows), t);
            }
        }
    }
    // Each draft: its times to the first screen and to the whole document.
    type Openings = Vec<(String, (Vec<f64>, Vec<f64>))>;
    let openings: Openings = if !with_openings {
        Vec::new()
    } else {
        let mut out = vec![("new draft (empty)".to_string(), opening(&driver, &url, &[]).await)];
        for &rows in &sizes {
            let t = opening(&driver, &url, &[bench_document(rows)]).await;
            out.push((format!("{rows} rows stored"), t));
        }
        out
    };

    println!(
        "Click to page updated and laid out, ms (median and p90 of {REPETITIONS}, after \
         {WARMUP} of warm-up)"
    );
    println!("{version}\n");
    let heads: Vec<String> = sizes.iter().map(|r| format!("{r} rows median | p90")).collect();
    let growth_of = |figures: &[(usize, f64)]| {
        let at = |rows| figures.iter().find(|(r, _)| *r == rows).map(|(_, m)| *m);
        Some(format!("{:+.0}%", (at(600)? / at(300)? - 1.0) * 100.0))
    };
    println!("| action | {} | 300→600 |", heads.join(" | "));
    println!("| --- |{} ---: |", " ---: | ---: |".repeat(sizes.len()));
    for group in &groups {
        for action in group.actions {
            let figures: Vec<(f64, f64)> =
                sizes.iter().map(|&r| summary(times[&(*action, r)].clone())).collect();
            let cells: Vec<String> =
                figures.iter().map(|(m, p)| format!("{m:.1} | {p:.1}")).collect();
            let medians: Vec<(usize, f64)> =
                sizes.iter().copied().zip(figures.iter().map(|f| f.0)).collect();
            let growth = growth_of(&medians).unwrap_or_default();
            println!("| {action} | {} | {growth} |", cells.join(" | "));
        }
    }
    println!(
        "\nNavigation to the editor shown and laid out, ms (median and p90 of {REPETITIONS}, \
         after {WARMUP} of warm-up): to its first screen (the first {SCREENFUL} rows) and to \
         the whole document\n"
    );
    if openings.is_empty() {
        return;
    }
    println!(
        "| draft | first screen median | p90 | × the empty draft | whole document median | p90 |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    let empty = summary(openings[0].1 .0.clone()).0;
    for (name, (first, whole)) in openings {
        let (m, p) = summary(first);
        let (wm, wp) = summary(whole);
        println!("| {name} | {m:.1} | {p:.1} | {:.2} | {wm:.1} | {wp:.1} |", m / empty);
    }
}
