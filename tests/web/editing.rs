//! Editing on the page: typing, rows and tasks by mouse and keyboard,
//! findings beside their fields and in the panel, sections, views, and a
//! long timeline drawn a screenful first.

use super::*;

#[wasm_bindgen_test]
async fn typing_updates_the_preview_and_the_stored_draft() {
    clear_storage();
    mount_app();
    type_into(&labelled("Title"), "Connection pool exhausted");
    wait_until("title in preview", || {
        preview().inner_html().contains("<h1>Postmortem: Connection pool exhausted</h1>")
    })
    .await;
    type_into(&all_named("Time")[0], "14:05");
    type_into(&all_named("Event")[0], "Pool <b>saturated</b> | alerts fired");
    wait_until("row in preview", || preview().inner_html().contains("<td>14:05</td>")).await;
    // The HTML GitHub keeps is shown, and the pipe stays in its cell.
    let html = preview().inner_html();
    assert!(html.contains("<td>Pool <b>saturated</b> | alerts fired</td>"), "{html}");

    let (mut store, _) = Store::open();
    wait_until("draft saved", || {
        drafts::load_all(&mut store)
            .drafts
            .first()
            .is_some_and(|d| d.doc.timeline.first().is_some_and(|r| r.time == "14:05"))
    })
    .await;
}

/// The promise: a change is in localStorage within half a second,
/// so closing the tab right after typing loses nothing.
#[wasm_bindgen_test]
async fn every_change_is_stored_within_half_a_second() {
    clear_storage();
    mount_app();
    settle(600).await;
    let (mut store, _) = Store::open();
    for (i, title) in
        ["Load balancer drained", "Load balancer drained by a typo"].iter().enumerate()
    {
        let typed = js_sys::Date::now();
        type_into(&labelled("Title"), title);
        loop {
            let stored = drafts::load_all(&mut store).drafts.first().map(|d| d.doc.title.clone());
            let elapsed = js_sys::Date::now() - typed;
            if stored.as_deref() == Some(*title) {
                break;
            }
            assert!(elapsed < 500.0, "change {i} not stored after {elapsed} ms: {stored:?}");
            settle(20).await;
        }
        settle(100).await;
    }
}

#[wasm_bindgen_test]
async fn rows_are_added_moved_and_removed_with_focus_where_expected() {
    clear_storage();
    mount_app();
    let rows = || all_named("Event").len();
    wait_until("the first row", || rows() == 1).await;
    type_into(&all_named("Event")[0], "first");
    button("Add timeline row").click();
    wait_until("a second row", || rows() == 2).await;
    settle(50).await;
    let focused = document().active_element().unwrap();
    assert!(all_named("Time")[1].is_same_node(Some(&focused)), "focus goes to the new row's time");
    type_into(&all_named("Event")[1], "second");
    all_named("Move row up")[1].click();
    wait_until("rows swapped", || value(&all_named("Event")[0]) == "second").await;
    all_named("Remove row")[0].click();
    wait_until("one row again", || rows() == 1).await;
    assert_eq!(value(&all_named("Event")[0]), "first");
    settle(50).await;
    let focused = document().active_element().unwrap();
    assert!(
        all_named("Time")[0].is_same_node(Some(&focused)),
        "focus goes to the row that took its place"
    );
}

#[wasm_bindgen_test]
async fn sorting_moving_and_removing_rows_keep_form_and_preview_in_step_with_or_without_move_before(
) {
    // Where the browser has no Element.moveBefore the timeline takes a row
    // out and puts it back instead: both ways must give the same page.
    for with_move_before in [true, false] {
        if !with_move_before {
            js("window.savedMoveBefore = Element.prototype.moveBefore; \
                delete Element.prototype.moveBefore;");
        }
        clear_storage();
        mount_app();
        wait_until("the first row", || all_named("Event").len() == 1).await;
        type_into(&labelled("Outage start"), "2024-06-01 14:00");
        let written = [("14:04", "d"), ("14:01", "a"), ("14:03", "c"), ("14:02", "b")];
        for (i, (time, event)) in written.iter().enumerate() {
            if i > 0 {
                button("Add timeline row").click();
                wait_until("another row", || all_named("Event").len() == i + 1).await;
            }
            type_into(&all_named("Time")[i], time);
            type_into(&all_named("Event")[i], event);
        }
        let events = || all_named("Event").iter().map(value).collect::<Vec<_>>();
        let in_preview = |order: &[&str]| {
            let html = preview().inner_html();
            let places: Vec<Option<usize>> =
                order.iter().map(|e| html.find(&format!("<td>{e}</td>"))).collect();
            places.iter().all(Option::is_some) && places.windows(2).all(|w| w[0] < w[1])
        };
        button("Sort timeline by time").click();
        wait_until("sorted", || events() == ["a", "b", "c", "d"]).await;
        wait_until("sorted in the preview", || in_preview(&["a", "b", "c", "d"])).await;
        all_named("Move row up")[3].click();
        wait_until("d moved up", || events() == ["a", "b", "d", "c"]).await;
        settle(50).await;
        assert!(all_named("Time")[2].is_same_node(Some(&focused())), "focus follows the row");
        all_named("Remove row")[0].click();
        wait_until("a removed", || events() == ["b", "d", "c"]).await;
        // The moved row is still bound to its own row: typing in it
        // changes that row in the preview.
        type_into(&all_named("Event")[1], "d again");
        wait_until("in the preview", || in_preview(&["b", "d again", "c"])).await;
        assert_eq!(
            all_named("Time").iter().map(value).collect::<Vec<_>>(),
            ["14:02", "14:04", "14:03"]
        );
        if !with_move_before {
            js("Element.prototype.moveBefore = window.savedMoveBefore;");
        }
    }
}

#[wasm_bindgen_test]
async fn rows_and_tasks_move_by_keyboard_and_enter_starts_the_next_row() {
    clear_storage();
    mount_app();
    wait_until("the first row", || all_named("Event").len() == 1).await;
    type_into(&all_named("Event")[0], "first");
    // Enter in a row starts a new one right after it, focused.
    press(&all_named("Event")[0], "Enter", false);
    wait_until("a second row", || all_named("Event").len() == 2).await;
    settle(50).await;
    assert!(all_named("Time")[1].is_same_node(Some(&focused())), "focus in the new row");
    type_into(&all_named("Event")[1], "second");
    // Alt+Up moves the row whose field has focus, and focus goes with it.
    press(&all_named("Event")[1], "ArrowUp", true);
    wait_until("rows swapped", || value(&all_named("Event")[0]) == "second").await;
    settle(50).await;
    assert!(all_named("Time")[0].is_same_node(Some(&focused())), "focus follows the row");
    press(&all_named("Time")[0], "ArrowDown", true);
    wait_until("rows back", || value(&all_named("Event")[1]) == "second").await;
    // Up on the first row does nothing.
    press(&all_named("Time")[0], "ArrowUp", true);
    settle(50).await;
    assert_eq!(value(&all_named("Event")[0]), "first");

    button("Add task").click();
    button("Add task").click();
    wait_until("two tasks", || all_named("Task").len() == 2).await;
    type_into(&all_named("Task")[0], "alert on pool size");
    type_into(&all_named("Task")[1], "runbook");
    press(&all_named("Owner")[1], "ArrowUp", true);
    wait_until("tasks swapped", || value(&all_named("Task")[0]) == "runbook").await;
    all_named("Move task down")[0].click();
    wait_until("tasks back", || value(&all_named("Task")[0]) == "alert on pool size").await;
    wait_until("in the preview, in order", || {
        let html = preview().inner_html();
        html.find("alert on pool size").zip(html.find("runbook")).is_some_and(|(a, b)| a < b)
    })
    .await;
}

#[wasm_bindgen_test]
async fn summary_and_task_findings_show_beside_their_fields_and_are_counted() {
    clear_storage();
    mount_app();
    type_into(&labelled("Outage start"), "2024-06-01 14:00");
    type_into(&labelled("Outage end"), "2024-06-01 13:00");
    type_into(&labelled("Time zone"), "UTC");
    type_into(&labelled("Users affected (%)"), "150");
    button("Add task").click();
    wait_until("a task", || all_named("Task").len() == 1).await;
    type_into(&all_named("Task")[0], "Alert on pool size");
    wait_until("the messages beside the fields", || {
        described(&labelled("Outage end")).contains("before")
            && described(&labelled("Users affected (%)")).contains("100")
            && described(&all_named("Owner")[0]).contains("No owner")
    })
    .await;
    assert_eq!(labelled("Outage end").get_attribute("aria-invalid").as_deref(), Some("true"));
    // The root cause is missing: said beside the summary's root cause field.
    assert!(described(&labelled("Root cause, in a sentence or two")).contains("root cause"));
    // The panel counts them all once typing pauses.
    let panel = || region("Findings").query_selector("summary").unwrap().unwrap();
    wait_until("the count", || panel().text_content().unwrap_or_default().contains("findings"))
        .await;
    let count: usize = panel()
        .text_content()
        .unwrap_or_default()
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number of findings");
    assert!(count >= 4, "end before start, share, owner, root cause: {count}");
    // Fixed, they go, and the count with them.
    type_into(&labelled("Outage end"), "2024-06-01 16:00");
    type_into(&labelled("Users affected (%)"), "40");
    type_into(&all_named("Owner")[0], "R. Ortiz");
    type_into(&labelled("Root cause, in a sentence or two"), "Pool too small");
    wait_until("no findings", || {
        panel().text_content().unwrap_or_default().to_lowercase().contains("no findings")
    })
    .await;
    assert_eq!(labelled("Outage end").get_attribute("aria-invalid").as_deref(), Some("false"));
}

#[wasm_bindgen_test]
async fn typing_in_one_row_changes_only_that_rows_text_in_the_preview() {
    clear_storage();
    mount_app();
    for i in 0..3 {
        if i > 0 {
            button("Add timeline row").click();
            wait_until("another row", || all_named("Event").len() == i + 1).await;
        }
        type_into(&all_named("Time")[i], &format!("14:0{i}"));
        type_into(&all_named("Event")[i], &format!("row {i}"));
    }
    wait_until("three rows in the preview", || {
        preview().query_selector_all("tbody tr").unwrap().length() == 3
    })
    .await;
    settle(100).await;
    let rows = preview().query_selector_all("tbody tr").unwrap();
    let middle = rows.item(1).unwrap();
    let records = std::rc::Rc::new(std::cell::RefCell::new(Vec::<web_sys::Node>::new()));
    let sink = records.clone();
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
        move |list: js_sys::Array| {
            for r in list.iter() {
                let r: web_sys::MutationRecord = r.unchecked_into();
                if let Some(t) = r.target() {
                    sink.borrow_mut().push(t);
                }
            }
        },
    );
    let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).unwrap();
    let options = web_sys::MutationObserverInit::new();
    options.set_subtree(true);
    options.set_child_list(true);
    options.set_character_data(true);
    options.set_attributes(true);
    observer.observe_with_options(&preview(), &options).unwrap();
    let before = patches();
    type_into(&all_named("Event")[1], "row 1, edited");
    wait_until("the edit in the preview", || patches() > before).await;
    settle(100).await;
    observer.disconnect();
    let changed = records.borrow();
    assert!(!changed.is_empty(), "the edit reached the preview");
    for node in changed.iter() {
        assert!(
            middle.contains(Some(node)),
            "changed outside the edited row: {:?}",
            node.node_name()
        );
    }
    // The row itself and its cells are the same nodes: only text changed.
    let rows_after = preview().query_selector_all("tbody tr").unwrap();
    for i in 0..3 {
        assert!(rows.item(i).unwrap().is_same_node(rows_after.item(i).as_ref()));
    }
    assert!(middle.text_content().unwrap_or_default().contains("row 1, edited"));
}

fn patches() -> f64 {
    js_sys::Reflect::get(&web_sys::window().unwrap(), &"postmortemPatches".into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

#[wasm_bindgen_test]
async fn when_copying_is_refused_the_markdown_is_shown_selected() {
    clear_storage();
    mount_app();
    type_into(&labelled("Title"), "Refused copy");
    settle(100).await;
    // Both ways of copying refused, as in some locked-down browsers.
    js("window.__clip = navigator.clipboard.writeText; \
        navigator.clipboard.writeText = () => Promise.reject(new Error('denied')); \
        window.__exec = document.execCommand; document.execCommand = () => false;");
    button("Copy Markdown").click();
    wait_until("the fallback said", || page_says("shown and selected")).await;
    settle(100).await;
    js("navigator.clipboard.writeText = window.__clip; document.execCommand = window.__exec;");
    let raw = region("Markdown");
    assert!(!raw.class_list().contains("hidden"), "the Markdown view is shown");
    assert_eq!(button("Markdown").get_attribute("aria-pressed").as_deref(), Some("true"));
    let selected = web_sys::window().unwrap().get_selection().unwrap().unwrap().to_string();
    let selected: String = selected.into();
    // The whole Markdown (a selection's text leaves out the last newline).
    assert_eq!(selected.trim_end(), raw.text_content().unwrap_or_default().trim_end());
    assert!(selected.starts_with("# Postmortem: Refused copy\n"), "{selected}");
    button("Preview").click();
    wait_until("back to the preview", || region("Markdown").class_list().contains("hidden")).await;
}

#[wasm_bindgen_test]
async fn figures_are_computed_and_optional_sections_come_and_go() {
    clear_storage();
    mount_app();
    type_into(&labelled("Outage start"), "2024-06-01 23:30");
    type_into(&labelled("Outage end"), "01:15");
    type_into(&labelled("Time zone"), "EAT");
    wait_until("the duration beside the window", || page_says("Duration 1 h 45 min")).await;
    assert!(preview().inner_html().contains("(1 h 45 min)"), "{}", preview().inner_html());

    button("Lessons learned").click();
    wait_until("the lessons fields", || document().get_element_by_id("went-well").is_some()).await;
    type_into(&labelled("What went well"), "Paging worked");
    wait_until("lessons in the preview", || preview().inner_html().contains("Paging worked")).await;
    assert!(button("Lessons learned").has_attribute("disabled"), "added once");
    button("Remove lessons learned").click();
    wait_until("lessons gone", || {
        document().get_element_by_id("went-well").is_none()
            && !preview().inner_html().contains("Paging worked")
    })
    .await;
}

#[wasm_bindgen_test]
async fn findings_show_beside_the_field_and_in_the_panel() {
    clear_storage();
    mount_app();
    type_into(&labelled("Outage start"), "2024-06-01 14:00");
    type_into(&labelled("Outage end"), "16:30");
    type_into(&labelled("Time zone"), "UTC");
    type_into(&all_named("Time")[0], "half past two");
    type_into(&all_named("Event")[0], "Alert");
    wait_until("inline message", || {
        document().body().unwrap().inner_html().contains("Unreadable time. Write it like 14:05")
    })
    .await;
    let time = &all_named("Time")[0];
    assert_eq!(time.get_attribute("aria-invalid").as_deref(), Some("true"));
    wait_until("panel lists it", || {
        find_region("Findings")
            .is_some_and(|p| p.text_content().unwrap_or_default().contains("Unreadable time"))
    })
    .await;
    // Choosing the finding takes you to the field.
    finding_in_the_panel("Unreadable time").click();
    let focused = document().active_element().unwrap();
    assert!(time.is_same_node(Some(&focused)));
}

/// A long timeline opens with a screenful of rows drawn, in the form and
/// the preview, and the rest follow in idle time; a row added, or a
/// finding about a row not drawn chosen, before then has every row drawn
/// at once, so that the field is there to be focused.
#[wasm_bindgen_test]
async fn a_long_timeline_is_drawn_a_screenful_first_and_whole_soon_after() {
    use postmortem::ui::state::ROWS_DRAWN_FIRST;
    let form_rows = || all_named("Time").len();
    let preview_rows = || preview().query_selector_all("tbody tr").unwrap().length() as usize;
    for (add_a_row_at_once, choose_a_finding) in [(false, false), (true, false), (false, true)] {
        let (doc, late_time) = long_timeline_stored();
        mount_app();
        // The page as it is after the microtasks is the first screen.
        microtasks().await;
        assert_eq!(form_rows(), ROWS_DRAWN_FIRST, "form rows at first");
        assert_eq!(preview_rows(), ROWS_DRAWN_FIRST, "preview rows at first");
        assert!(preview().inner_html().contains("Root Cause and Resolution"), "the rest is shown");
        if add_a_row_at_once {
            button("Add timeline row").click();
            settle(0).await;
            settle(0).await;
            assert_eq!(form_rows(), doc.timeline.len() + 1, "all rows, and the new one");
            settle(50).await;
            let focused = document().active_element().map(|e| e.id());
            assert_eq!(focused, all_named("Time").last().map(|e| e.id()), "the new row has focus");
        }
        if choose_a_finding {
            assert!(document().get_element_by_id(&late_time).is_none(), "not drawn yet");
            finding_in_the_panel("Unreadable time").click();
            settle(0).await;
            settle(0).await;
            assert_eq!(form_rows(), doc.timeline.len(), "all rows drawn");
            settle(50).await;
            let focused = document().active_element().map(|e| e.id());
            assert_eq!(focused.as_deref(), Some(late_time.as_str()), "the field has focus");
        }
        let rows = doc.timeline.len() + usize::from(add_a_row_at_once);
        wait_until("every row drawn", || form_rows() == rows).await;
        // The new row is empty, so the Markdown is the stored draft's.
        let md = export::to_markdown(&doc);
        wait_until("the preview whole", || {
            preview().inner_html() == normalised(&render::to_html(&md))
        })
        .await;
    }
}

/// A finding's link goes to the field in the editor shown, even while the
/// one it replaced, which has that field (same id) drawn and the shown one
/// not yet, is still on the page being taken apart.
#[wasm_bindgen_test]
async fn a_findings_link_goes_to_the_shown_editor_not_the_one_leaving() {
    use postmortem::ui::editor_slot::is_leaving;
    let (doc, late_time) = long_timeline_stored();
    mount_app();
    wait_until("every row drawn", || all_named("Time").len() == doc.timeline.len()).await;
    button("Drafts").click();
    // A copy keeps its rows' ids.
    await_button(&format!("Duplicate {}", doc.title)).await.click();
    microtasks().await;
    assert!(value(&labelled("Title")).ends_with("(copy)"), "the copy is open");
    let namesake = document().get_element_by_id(&late_time).expect("the old editor's field");
    assert!(is_leaving(&namesake), "only the leaving editor has it yet");
    finding_in_the_panel("Unreadable time").click();
    settle(0).await;
    settle(50).await;
    let focused = focused();
    assert_eq!(focused.id(), late_time, "the field has focus");
    assert!(!is_leaving(&focused), "in the editor shown");
}

/// Stores, as the open draft, a timeline four screenfuls long with an
/// unreadable time in a row far below the first screen; gives it and the
/// id of that row's time field.
fn long_timeline_stored() -> (Document, String) {
    use postmortem::ui::state::ROWS_DRAWN_FIRST;
    clear_storage();
    let mut doc = postmortem::sample::document(ROWS_DRAWN_FIRST * 4);
    let late = ROWS_DRAWN_FIRST * 3;
    doc.timeline[late].time = "half past two".into();
    let late_time = format!("row-{}-time", doc.timeline[late].id);
    let (mut store, _) = Store::open();
    drafts::save(&mut store, "long", &doc, 1.0, 0).unwrap();
    drafts::set_current(&mut store, "long").unwrap();
    (doc, late_time)
}

/// Lets the queued microtasks run, and so leptos's effects, without a
/// macrotask turn: no idle turn comes in between.
async fn microtasks() {
    for _ in 0..50 {
        let resolved = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
        wasm_bindgen_futures::JsFuture::from(resolved).await.unwrap();
    }
}

/// The entry of the findings panel whose message starts with `message`.
fn finding_in_the_panel(message: &str) -> HtmlElement {
    let entries = region("Findings").query_selector_all("li button").unwrap();
    (0..entries.length())
        .map(|i| entries.item(i).unwrap().unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().starts_with(message))
        .unwrap_or_else(|| panic!("no finding {message:?} in the panel"))
}

/// Dropping a gone list's items (another draft opened in the editor's
/// place) waits for the browser to be idle, and then every one goes.
#[wasm_bindgen_test]
async fn a_gone_lists_items_go_off_the_page_at_once_and_are_dropped_when_idle() {
    thread_local! { static DROPPED: Cell<usize> = const { Cell::new(0) }; }
    struct Counted;
    impl Drop for Counted {
        fn drop(&mut self) {
            DROPPED.with(|d| d.set(d.get() + 1));
        }
    }
    const ITEMS: usize = 120;
    let shown = RwSignal::new(true);
    let _mounted = leptos::mount::mount_to(host(), move || {
        move || {
            shown.get().then(|| {
                let rows = postmortem::ui::keyed_list::keyed_children(
                    || (0..ITEMS).collect::<Vec<_>>(),
                    |n| *n,
                    |n| {
                        let counted = Counted;
                        view! { <span class="counted">{move || { let _ = &counted; n.to_string() }}</span> }
                    },
                );
                leptos::html::div().directive(rows, ())
            })
        }
    });
    settle(0).await;
    let on_page = || document().query_selector_all("span.counted").unwrap().length() as usize;
    assert_eq!(on_page(), ITEMS);
    DROPPED.with(|d| d.set(0));
    shown.set(false);
    settle(0).await;
    assert_eq!(on_page(), 0, "off the page with their list");
    assert!(DROPPED.with(Cell::get) < ITEMS, "not all dropped before the browser is idle");
    wait_until("every item dropped", || DROPPED.with(Cell::get) == ITEMS).await;
}

/// Another draft opened in the editor's place (`ui::editor_slot`): the new
/// view is on the page at once, before the old, so that ids find it; the
/// old is hidden and inert at once and its reactive parts dropped at once,
/// and its elements leave the page when the browser is idle.
#[wasm_bindgen_test]
async fn a_replaced_editor_is_inert_at_once_and_leaves_the_page_when_idle() {
    thread_local! { static CLEANED: Cell<usize> = const { Cell::new(0) }; }
    const ROWS: usize = 2000;
    let wanted = RwSignal::new(Some(1_usize));
    let slot = postmortem::ui::editor_slot::editor_slot(
        move || wanted.get(),
        |n| {
            on_cleanup(|| CLEANED.with(|c| c.set(c.get() + 1)));
            // Held by what it owns, as a directive holds the owner it
            // draws under: so dropped alone, it would never be cleaned.
            StoredValue::new_local(Owner::current());
            let rows =
                (0..ROWS).map(|r| view! { <p class="drawn-row"><span>{r.to_string()}</span></p> });
            view! { <main class="drawn"><h1 id="drawn-title">{n.to_string()}</h1>{rows.collect_view()}</main> }
                .into_any()
        },
    );
    let _mounted = leptos::mount::mount_to(host(), move || leptos::html::div().directive(slot, ()));
    settle(0).await;
    let drawn = || {
        let list = document().query_selector_all("main.drawn").unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().unchecked_into::<web_sys::Element>())
            .collect::<Vec<_>>()
    };
    let title = || document().get_element_by_id("drawn-title").and_then(|t| t.text_content());
    assert_eq!(drawn().len(), 1);
    assert_eq!(title().as_deref(), Some("1"));

    wanted.set(Some(2));
    // The slot's effect has run; the browser has not been idle since.
    leptos::task::tick().await;
    let both = drawn();
    assert_eq!(both.len(), 2, "the replaced one waits for the browser to be idle");
    assert_eq!(title().as_deref(), Some("2"), "an id both hold finds the new one");
    assert!(!both[0].class_list().contains("leaving"));
    assert!(both[1].class_list().contains("leaving"), "hidden at once");
    assert!(both[1].has_attribute("inert"), "out of reach of focus and clicks at once");
    assert_eq!(both[1].get_attribute("aria-hidden").as_deref(), Some("true"));
    assert_eq!(CLEANED.with(Cell::get), 1, "its reactive parts went at once");

    wait_until("the replaced one off the page", || drawn().len() == 1).await;
    assert!(!both[1].is_connected());
    assert_eq!(both[1].child_element_count(), 0, "taken apart, not only taken off");
    assert_eq!(document().query_selector_all("p.drawn-row").unwrap().length() as usize, ROWS);

    wanted.set(None);
    leptos::task::tick().await;
    assert_eq!(CLEANED.with(Cell::get), 2);
    wait_until("nothing drawn", || drawn().is_empty()).await;
}
