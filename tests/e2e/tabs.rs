//! Two tabs on one profile: two real browser windows of one session, which
//! share localStorage and hear each other's saves as `storage` events.

use fantoccini::wd::WindowHandle;
use fantoccini::Client;
use serde_json::{json, Value};

use super::{assert_no_errors, fill_label, record_errors, start};
use crate::support::*;

/// Opens the editor again in a second window, as from a bookmark; returns
/// the first window and the second, which is then the current one.
async fn second_window(c: &Client, url: &str) -> (WindowHandle, WindowHandle) {
    let first = c.window().await.unwrap();
    // A window, not a tab: a hidden tab would save at once on being hidden.
    let second = c.new_window(false).await.unwrap().handle;
    c.switch_to_window(second.clone()).await.unwrap();
    c.goto(url).await.unwrap();
    by_label(c, "Title").await;
    record_errors(c).await;
    (first, second)
}

/// Every stored draft as (title, root cause), sorted.
async fn stored(c: &Client) -> Vec<(String, String)> {
    let value = c
        .execute(
            "return Object.keys(localStorage).filter(k => k.startsWith('postmortem/draft/'))
               .map(k => JSON.parse(localStorage.getItem(k)).doc)
               .map(d => [d.title, d.root_cause]).sort()",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(value).unwrap()
}

/// The field's value; empty while the field found is taken off the page
/// between finding and reading it (another tab's save taken draws the
/// timeline's rows anew), so that `eventually` asks again.
async fn value_of(c: &Client, label: &str) -> String {
    by_label(c, label).await.prop("value").await.ok().flatten().unwrap_or_default()
}

/// The focused element's id and selection, as `[id, start, end]`.
async fn caret(c: &Client) -> Value {
    let script =
        "const a = document.activeElement; return [a.id, a.selectionStart, a.selectionEnd]";
    c.execute(script, vec![]).await.unwrap()
}

/// Selects `start..end` in the focused field, and gives its `caret`.
async fn select_in_focused(c: &Client, start: u32, end: u32) -> Value {
    let script = "document.activeElement.setSelectionRange(arguments[0], arguments[1])";
    c.execute(script, vec![json!(start), json!(end)]).await.unwrap();
    caret(c).await
}

async fn notices(c: &Client) -> String {
    let text = c
        .execute(
            "return [...document.querySelectorAll('.notice')].map(n => n.textContent).join('\\n')",
            vec![],
        )
        .await
        .unwrap();
    text.as_str().unwrap_or_default().to_string()
}

/// Keeps this window's `storage` events from the app until released,
/// remembering their keys. The app's listener was added first and a window
/// runs its listeners in that order, capturing or not, so rather than stop
/// the event this makes its key read as one the app ignores.
const HOLD_STORAGE_EVENTS: &str = "
    const key = Object.getOwnPropertyDescriptor(StorageEvent.prototype, 'key');
    window.heldStorage = { key, keys: [] };
    Object.defineProperty(StorageEvent.prototype, 'key', {
        configurable: true,
        get() { heldStorage.keys.push(key.get.call(this)); return 'held by the test'; },
    });";

/// Lets the held events reach the app, in the order they came.
const RELEASE_STORAGE_EVENTS: &str = "
    Object.defineProperty(StorageEvent.prototype, 'key', heldStorage.key);
    for (const key of heldStorage.keys)
        window.dispatchEvent(new StorageEvent('storage', { key, storageArea: localStorage }));";

/// The first window with a stored draft, and a second window open on it.
async fn two_windows_on_one_draft(c: &Client, url: &str) -> (WindowHandle, WindowHandle) {
    fill_label(c, "Impact", "Checkout down").await;
    eventually("the draft stored", || async { stored(c).await.len() == 1 }).await;
    second_window(c, url).await
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_tab_with_nothing_unsaved_takes_the_other_tabs_save_and_builds_on_it() {
    let (host, _driver, c, _profile) = start().await;
    let (first, second) = two_windows_on_one_draft(&c, &host.url).await;
    // The second window's caret, in the timeline row's event after "Dep".
    c.switch_to_window(first.clone()).await.unwrap();
    fill_label(&c, "Event", "Deploy started").await;
    c.switch_to_window(second.clone()).await.unwrap();
    eventually("the second window to take the event", || async {
        value_of(&c, "Event").await == "Deploy started"
    })
    .await;
    by_label(&c, "Event").await.click().await.unwrap();
    let before = select_in_focused(&c, 3, 3).await;
    c.switch_to_window(first.clone()).await.unwrap();
    fill_label(&c, "Title", "Typed in the first tab").await;
    c.switch_to_window(second.clone()).await.unwrap();
    eventually("the second window to show the first one's title", || async {
        value_of(&c, "Title").await == "Typed in the first tab"
    })
    .await;
    // Its rows are drawn anew with the other version; the caret is back.
    eventually("the caret where it was", || async { caret(&c).await == before }).await;
    assert_eq!(before[1], 3, "the caret was set: {before}");
    let status = c.execute("return document.querySelector('.save-status').textContent", vec![]);
    let status = status.await.unwrap();
    assert!(status.as_str().unwrap_or_default().contains("another tab"), "said briefly: {status}");
    fill_label(&c, "Root cause", "A full disk").await;
    eventually("the root cause stored", || async {
        stored(&c).await == [("Typed in the first tab".into(), "A full disk".into())]
    })
    .await;
    assert_no_errors(&c).await;
    // After a reload, nothing typed in either window is missing.
    c.switch_to_window(first).await.unwrap();
    eventually("the first window to take the root cause", || async {
        value_of(&c, "Root cause").await == "A full disk"
    })
    .await;
    c.refresh().await.unwrap();
    eventually("both edits after a reload", || async {
        let html = preview_html(&c).await;
        html.contains("<h1>Postmortem: Typed in the first tab</h1>") && html.contains("A full disk")
    })
    .await;
    assert_eq!(stored(&c).await.len(), 1, "no copy was needed");
    c.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_caret_far_down_a_long_timeline_comes_back_too() {
    // Rows past the first screenful are drawn some idle turns after the
    // editor: the caret waits for its row.
    let (host, _driver, c, _profile) = start().await;
    let doc = postmortem::sample::document(40);
    paste_import(&c, &postmortem::export::to_markdown(&doc)).await;
    eventually("the imported postmortem", || async {
        preview_html(&c).await.contains("(step 40)")
    })
    .await;
    let (first, second) = second_window(&c, &host.url).await;
    let events = || async { all_labelled(&c, "Event").await };
    eventually("every row drawn", || async { events().await.len() == 40 }).await;
    events().await[35].click().await.unwrap();
    let before = select_in_focused(&c, 2, 4).await;
    assert_eq!((&before[1], &before[2]), (&json!(2), &json!(4)), "the selection was set");
    c.switch_to_window(first).await.unwrap();
    // Typed after the imported title.
    fill_label(&c, "Title", ", typed in the first tab").await;
    c.switch_to_window(second).await.unwrap();
    eventually("the second window to show the first one's title", || async {
        value_of(&c, "Title").await.ends_with(", typed in the first tab")
    })
    .await;
    eventually("the selection where it was", || async { caret(&c).await == before }).await;
    assert_no_errors(&c).await;
    c.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn edits_made_in_two_tabs_at_once_are_both_kept() {
    let (host, _driver, c, _profile) = start().await;
    let (first, second) = two_windows_on_one_draft(&c, &host.url).await;
    // Each window edits before it hears of the other's save. Real timing
    // cannot promise that (under load the first window may hear the save
    // before its own keystrokes land, and rightly take it in place), so the
    // first window's ears are held shut until it has typed.
    c.switch_to_window(first.clone()).await.unwrap();
    c.execute(HOLD_STORAGE_EVENTS, vec![]).await.unwrap();
    c.switch_to_window(second.clone()).await.unwrap();
    fill_label(&c, "Root cause", "Typed in the second tab").await;
    eventually("the second window's save", || async {
        stored(&c).await.iter().any(|(_, root)| root == "Typed in the second tab")
    })
    .await;
    c.switch_to_window(first.clone()).await.unwrap();
    fill_label(&c, "Title", "Typed in the first tab").await;
    c.execute(RELEASE_STORAGE_EVENTS, vec![]).await.unwrap();
    eventually("two drafts stored", || async { stored(&c).await.len() == 2 }).await;
    let drafts = stored(&c).await;
    // One holds the second window's root cause, the other the first one's
    // title; the one that saved second is the copy.
    assert!(drafts.iter().any(|(_, root)| root == "Typed in the second tab"), "{drafts:?}");
    assert!(
        drafts.iter().any(|(title, _)| title.starts_with("Typed in the first tab")),
        "{drafts:?}"
    );
    let copies: Vec<_> = drafts.iter().filter(|(t, _)| t.ends_with("(from another tab)")).collect();
    assert_eq!(copies.len(), 1, "{drafts:?}");
    // The window whose edits went to the copy says where each version is,
    // and shows the copy's title.
    let mut told = false;
    for window in [first, second] {
        c.switch_to_window(window).await.unwrap();
        let said = notices(&c).await;
        if said.contains("Both versions are kept") {
            told = true;
            assert_eq!(value_of(&c, "Title").await, copies[0].0);
        }
        // Both windows list both drafts without a reload.
        button(&c, "Drafts").await.click().await.unwrap();
        for (title, _) in &drafts {
            let shown = if title.is_empty() { "Untitled postmortem" } else { title };
            button(&c, &format!("Open {shown}")).await;
        }
        button(&c, "Close").await.click().await.unwrap();
        assert_no_errors(&c).await;
    }
    assert!(told, "neither window said that both versions were kept");
    c.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs dist/ and chromedriver: run scripts/test"]
async fn a_draft_made_or_deleted_in_one_tab_is_seen_in_the_other() {
    let (host, _driver, c, _profile) = start().await;
    let (first, second) = two_windows_on_one_draft(&c, &host.url).await;
    // The second window's list is open while the first adds a draft.
    button(&c, "Drafts").await.click().await.unwrap();
    c.switch_to_window(first.clone()).await.unwrap();
    button(&c, "Drafts").await.click().await.unwrap();
    button(&c, "New draft").await.click().await.unwrap();
    fill_label(&c, "Title", "Made in the first tab").await;
    c.switch_to_window(second.clone()).await.unwrap();
    button(&c, "Open Made in the first tab").await;
    // The second window has the first draft open; the first deletes it.
    c.switch_to_window(first.clone()).await.unwrap();
    button(&c, "Drafts").await.click().await.unwrap();
    button(&c, "Delete Untitled postmortem").await.click().await.unwrap();
    eventually("one draft left", || async { stored(&c).await.len() == 1 }).await;
    c.switch_to_window(second).await.unwrap();
    eventually("the second window to hear of the delete", || async {
        notices(&c).await.contains("was deleted in another tab")
    })
    .await;
    // It lets go of the deleted draft, opens what is left, and can bring the
    // deleted one back.
    eventually("the remaining draft open", || async {
        value_of(&c, "Title").await == "Made in the first tab"
    })
    .await;
    let listed = c
        .execute(
            "return !!document.querySelector('[aria-label=\"Open Untitled postmortem\"]')",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(listed, json!(false), "the deleted draft is still listed");
    button(&c, "Undo").await.click().await.unwrap();
    eventually("the deleted draft back", || async { stored(&c).await.len() == 2 }).await;
    let titles: Value = json!(stored(&c).await.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>());
    assert_eq!(titles, json!(["", "Made in the first tab"]));
    assert_no_errors(&c).await;
    c.close().await.unwrap();
}
