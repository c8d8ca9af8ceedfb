//! Drafts in the browser's localStorage: saved, listed, duplicated and
//! deleted, another tab's saves, dropped files, corrupt, old and full
//! storage.

use super::*;

#[wasm_bindgen_test]
async fn drafts_are_duplicated_deleted_and_brought_back() {
    clear_storage();
    mount_app();
    type_into(&labelled("Title"), "Pool exhausted");
    settle(600).await;
    button("Drafts").click();
    wait_until("the list", || {
        find_region("Drafts").is_some_and(|r| r.query_selector("li").unwrap().is_some())
    })
    .await;
    await_button("Duplicate Pool exhausted").await.click();
    wait_until("the copy is open", || value(&labelled("Title")) == "Pool exhausted (copy)").await;
    let (mut store, _) = Store::open();
    let titles = |store: &mut Store| -> Vec<String> {
        drafts::load_all(store).drafts.into_iter().map(|d| d.doc.title).collect()
    };
    assert_eq!(titles(&mut store), ["Pool exhausted (copy)", "Pool exhausted"]);
    // Deleting the open draft deletes it, and opens the next one.
    button("Drafts").click();
    wait_until("the list", || {
        find_region("Drafts").is_some_and(|r| r.query_selector("li").unwrap().is_some())
    })
    .await;
    await_button("Delete Pool exhausted (copy)").await.click();
    wait_until("the other draft is open", || value(&labelled("Title")) == "Pool exhausted").await;
    settle(600).await;
    assert_eq!(titles(&mut store), ["Pool exhausted"], "the deleted draft stays deleted");
    await_button("Undo").await.click();
    wait_until("it is back", || titles(&mut store).len() == 2).await;
    assert!(titles(&mut store).contains(&"Pool exhausted (copy)".to_string()));
    // Deleting the only other one, then the last, leaves a fresh draft.
    await_button("Delete Pool exhausted (copy)").await.click();
    await_button("Delete Pool exhausted").await.click();
    wait_until("a fresh draft", || value(&labelled("Title")).is_empty()).await;
    settle(600).await;
    assert_eq!(titles(&mut store), [""]);
}

/// What another tab does: writes the store (or removes `key`), and this
/// tab hears of it as a `storage` event.
fn another_tab_wrote(key: &str, value: Option<&str>) {
    let (mut store, _) = Store::open();
    match value {
        Some(value) => store.set(key, value).unwrap(),
        None => store.remove(key),
    }
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(key));
    init.set_new_value(value);
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

/// A draft as another tab would have stored it.
fn stored_json(title: &str, revision: u64) -> String {
    let mut doc = Document::new();
    doc.title = title.into();
    doc.add_row();
    serde_json::json!({ "updated": js_sys::Date::now(), "revision": revision, "doc": doc })
        .to_string()
}

fn stored_titles() -> Vec<String> {
    let (mut store, _) = Store::open();
    let mut titles: Vec<String> =
        drafts::load_all(&mut store).drafts.into_iter().map(|d| d.doc.title).collect();
    titles.sort();
    titles
}

#[wasm_bindgen_test]
async fn another_tabs_saves_and_deletes_never_cost_this_tab_an_edit() {
    clear_storage();
    let key = drafts::draft_key("shared");
    {
        let (mut store, _) = Store::open();
        store.set(&key, &stored_json("Shared", 1)).unwrap();
        drafts::set_current(&mut store, "shared").unwrap();
    }
    mount_app();
    wait_until("the shared draft open", || value(&labelled("Title")) == "Shared").await;

    // Nothing unsaved here: the newer version is shown in place.
    another_tab_wrote(&key, Some(&stored_json("Newer elsewhere", 2)));
    wait_until("the newer version", || value(&labelled("Title")) == "Newer elsewhere").await;
    assert!(page_says("Updated with the changes saved in another tab"));

    // An edit not yet saved meets a newer save: both are kept.
    type_into(&labelled("Title"), "Mine");
    another_tab_wrote(&key, Some(&stored_json("Theirs", 3)));
    wait_until("both kept", || page_says("Both versions are kept")).await;
    assert_eq!(value(&labelled("Title")), "Mine (from another tab)");
    settle(600).await;
    assert_eq!(stored_titles(), ["Mine (from another tab)", "Theirs"]);

    // The copy, edited here and deleted there before the edit is saved.
    let copy = {
        let (store, _) = Store::open();
        drafts::current(&store).unwrap()
    };
    assert_ne!(copy, "shared");
    type_into(&labelled("Root cause"), "Edited here");
    another_tab_wrote(&drafts::draft_key(&copy), None);
    wait_until("the edit kept", || page_says("was deleted in another tab while you were editing"))
        .await;
    settle(600).await;
    let (mut store, _) = Store::open();
    let kept = drafts::load_all(&mut store).drafts;
    assert!(
        kept.iter().any(|d| d.doc.root_cause == "Edited here"
            && d.doc.title == "Mine (from another tab) (from another tab)"),
        "{:?}",
        kept.iter().map(|d| (&d.doc.title, &d.doc.root_cause)).collect::<Vec<_>>()
    );

    // A save elsewhere this tab never heard of is still not written over.
    let open = drafts::current(&store).unwrap();
    store.set(&drafts::draft_key(&open), &stored_json("Saved unheard", 99)).unwrap();
    type_into(&labelled("Impact"), "Typed late");
    wait_until("the late edit kept", || {
        stored_titles().iter().any(|t| t == "Saved unheard")
            && drafts::load_all(&mut Store::open().0)
                .drafts
                .iter()
                .any(|d| d.doc.summary.impact == "Typed late")
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_dropped_file_opens_as_a_new_draft_with_what_import_noticed() {
    clear_storage();
    mount_app();
    type_into(&labelled("Title"), "Kept as it was");
    settle(600).await;
    let text = "# Postmortem: Dropped pool\n\n## Timeline\n- 14:05 UTC: alert\n<<<<<<< HEAD\n- 14:10 UTC: ours\n=======\n- 14:12 UTC: theirs\n>>>>>>> branch\n";
    let parts = js_sys::Array::of1(&text.into());
    let file = web_sys::File::new_with_str_sequence(&parts, "dropped.md").unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let init = web_sys::DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(&transfer));
    let drop = web_sys::DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    document().body().unwrap().dispatch_event(&drop).unwrap();
    wait_until("the dropped draft open", || value(&labelled("Title")) == "Dropped pool").await;
    wait_until("what import noticed", || {
        find_region("Import notes")
            .is_some_and(|r| r.text_content().unwrap_or_default().contains("merge conflict"))
    })
    .await;
    assert_eq!(all_named("Event").len(), 3, "both sides of the conflict are kept");
    // The draft that was open is still there, untouched.
    settle(600).await;
    let (mut store, _) = Store::open();
    let titles: Vec<String> =
        drafts::load_all(&mut store).drafts.into_iter().map(|d| d.doc.title).collect();
    assert!(titles.contains(&"Kept as it was".to_string()), "{titles:?}");
    assert!(titles.contains(&"Dropped pool".to_string()), "{titles:?}");
}

#[wasm_bindgen_test]
fn drafts_round_trip_through_local_storage() {
    clear_storage();
    let (mut store, unavailable) = Store::open();
    assert!(unavailable.is_none(), "localStorage should be usable here");
    let mut doc = Document::new();
    doc.title = "Stored ✓ with unicode".into();
    doc.add_row();
    drafts::save(&mut store, "t1", &doc, 1.0, 0).unwrap();
    let loaded = drafts::load_all(&mut store);
    assert_eq!(loaded.drafts.len(), 1);
    assert_eq!(loaded.drafts[0].doc, doc);
}

#[wasm_bindgen_test]
fn numbers_with_a_fraction_are_read_by_the_browser_as_json_parse_reads_them() {
    // Drafts written by serde_json kept their times as 1717243200000.0;
    // the wasm reads such numbers with the browser's parseFloat.
    let text = r#"[1717243200000.0, -2.5, 1e3, 2.5E-2, 0.1, 1.7976931348623157e308, 12]"#;
    let ours: Vec<f64> = postmortem::json::from_text(text).unwrap();
    let theirs: Vec<f64> =
        serde_wasm_bindgen::from_value(js_sys::JSON::parse(text).unwrap()).unwrap();
    assert_eq!(ours, theirs);
    assert_eq!(ours[0], 1_717_243_200_000.0);
}

#[wasm_bindgen_test]
async fn a_corrupt_draft_is_set_aside_and_the_app_still_starts() {
    clear_storage();
    let (mut store, _) = Store::open();
    store.set(&drafts::draft_key("broken"), "{not json").unwrap();
    mount_app();
    wait_until("the notice", || page_says("could not be opened")).await;
    let (store, _) = Store::open();
    let kept: Vec<String> = store.keys().into_iter().filter(|k| k.contains("aside")).collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(store.get(&kept[0]).as_deref(), Some("{not json"));
    // And the editor works.
    type_into(&labelled("Title"), "Still works");
    wait_until("preview", || preview().inner_html().contains("Still works")).await;
}

#[wasm_bindgen_test]
async fn a_draft_from_version_one_is_migrated_on_load() {
    clear_storage();
    let (mut store, _) = Store::open();
    let v1 = r#"{"updated":5,"doc":{"version":1,"title":"Old draft","summary":"Kept text","timeline":[{"id":1,"time":"14:05","event":"Alert"}],"next_id":2}}"#;
    store.set(&drafts::draft_key("v1"), v1).unwrap();
    mount_app();
    wait_until("the old draft", || {
        let html = preview().inner_html();
        html.contains("Old draft") && html.contains("<td>Alert</td>") && html.contains("Kept text")
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_full_local_storage_says_so_and_keeps_the_edits() {
    clear_storage();
    mount_app();
    // Fill the origin's quota (about 5 MB in Chromium) with filler keys.
    let (mut store, _) = Store::open();
    let chunk = "x".repeat(512 * 1024);
    let mut n = 0;
    while store.set(&format!("filler/{n}"), &chunk).is_ok() && n < 40 {
        n += 1;
    }
    let small = "y".repeat(1024);
    let mut m = 0;
    while store.set(&format!("filler/small/{m}"), &small).is_ok() && m < 5000 {
        m += 1;
    }
    type_into(&labelled("Root cause"), &"A long root cause. ".repeat(200));
    wait_until("the storage-full message", || page_says("storage is full")).await;
    // The edit is still on the page.
    assert!(preview().inner_html().contains("A long root cause."));
    for k in store.keys().into_iter().filter(|k| k.starts_with("filler/")) {
        store.remove(&k);
    }
}
