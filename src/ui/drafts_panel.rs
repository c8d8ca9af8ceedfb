//! The drafts panel: every stored draft, newest first, with what can be done
//! to each; the backup of them all and its restore; and how safe the
//! browser keeps them.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::drafts::{backup, size_in_words};
use crate::templates::{Template, TEMPLATES};
use crate::ui::drafts::{local_time, starter, Drafts};
use crate::ui::output::{download, today};

/// A template's document, with a first timeline row to type in, as a new
/// draft has.
fn from_template(template: &Template) -> crate::model::Document {
    let mut doc = template.document();
    if doc.timeline.is_empty() {
        doc.add_row();
    }
    doc
}

/// A backup larger than this is not a backup of ours (localStorage holds
/// at most a few megabytes).
const MAX_BACKUP_BYTES: f64 = 50.0 * 1024.0 * 1024.0;

#[component]
pub fn DraftsPanel(drafts: Drafts, shown: RwSignal<bool>) -> impl IntoView {
    let list = move || drafts.list();
    let close = move || shown.set(false);
    view! {
        <section class="drafts-panel" aria-label="Drafts"
            on:keydown=move |ev| if ev.key() == "Escape" { shown.set(false) }>
            <div class="panel-head">
                <h2>"Drafts"</h2>
                <button type="button" on:click=move |_| { drafts.create(starter()); close(); }>"New draft"</button>
                <button type="button" on:click=move |_| close()>"Close"</button>
            </div>
            <div class="templates" role="group" aria-label="New from template">
                <span>"New from template: "</span>
                {TEMPLATES.iter().map(|template| view! {
                    <button type="button" title=template.description
                        aria-label=format!("New from template: {}", template.title)
                        on:click=move |_| { drafts.create(from_template(template)); close(); }>
                        {template.title}
                    </button>
                }).collect_view()}
            </div>
            {move || drafts.deleted.get().map(|d| view! {
                <p class="notice" role="status">
                    {format!("Deleted \u{201c}{}\u{201d}. ", d.doc.display_title())}
                    <button type="button" on:click=move |_| drafts.undo_delete()>"Undo"</button>
                </p>
            })}
            <ul class="draft-list">
                {move || {
                    let open = drafts.id.get();
                    list()
                        .into_iter()
                        .map(|d| {
                            let id = d.id.clone();
                            let (a, b, c) = (id.clone(), id.clone(), id.clone());
                            let is_open = id == open;
                            let name = d.doc.display_title();
                            view! {
                                <li class:current=is_open>
                                    <span class="draft-title">{name.clone()}</span>
                                    <span class="draft-time">{local_time(d.updated)}</span>
                                    <button type="button" aria-label=format!("Open {name}")
                                        disabled=is_open
                                        on:click=move |_| { drafts.open_draft(&a); close(); }>"Open"</button>
                                    <button type="button" aria-label=format!("Duplicate {name}")
                                        on:click=move |_| { drafts.duplicate(&b); close(); }>"Duplicate"</button>
                                    <button type="button" aria-label=format!("Delete {name}")
                                        on:click=move |_| drafts.delete(&c)>"Delete"</button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <Backup drafts/>
            <StorageState drafts/>
        </section>
    }
}

/// *Download all drafts* and *Restore drafts*, with what happened said.
#[component]
fn Backup(drafts: Drafts) -> impl IntoView {
    let said = RwSignal::new(None::<(bool, String)>);
    let on_download = move |_| {
        if drafts.unsaved() {
            drafts.save_now();
        }
        let file = drafts.with_store(|s| backup::backup(s, js_sys::Date::now()));
        said.set(Some(match download(&backup::file_name(&today()), "application/json", &file) {
            Ok(()) => (false, "Every draft was saved to one file. Keep it somewhere safe.".into()),
            Err(e) => (true, format!("The backup could not be saved: {e}")),
        }));
    };
    let on_restore = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        // Choosing the same file again is a new choice.
        input.set_value("");
        let name = file.name();
        if file.size() > MAX_BACKUP_BYTES {
            said.set(Some((
                true,
                format!("Nothing was restored: \u{201c}{name}\u{201d} is far larger than a backup of drafts can be."),
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => text.as_string().unwrap_or_default(),
                Err(_) => {
                    said.set(Some((
                        true,
                        format!("\u{201c}{name}\u{201d} could not be read; nothing was restored."),
                    )));
                    return;
                }
            };
            let result = drafts.with_store(|s| backup::restore(s, &text, js_sys::Date::now()));
            drafts.listed.update(|n| *n += 1);
            said.set(Some(match result {
                Ok(report) => (report.full.is_some(), report.summary()),
                Err(e) => (true, e.to_string()),
            }));
        });
    };
    view! {
        <div class="backup">
            <button type="button" on:click=on_download>"Download all drafts"</button>
            <input id="restore-file" type="file" accept=".json,application/json" on:change=on_restore/>
            <label class="file-button" for="restore-file">"Restore drafts"</label>
            {move || said.get().map(|(error, text)| view! {
                <p class=if error { "notice error" } else { "notice" } role=if error { "alert" } else { "status" }>
                    {text}
                </p>
            })}
        </div>
    }
}

/// Whether the browser may evict the drafts, and how much room they take.
#[component]
fn StorageState(drafts: Drafts) -> impl IntoView {
    // Plain signals filled by one task, not LocalResources: the async
    // machinery they bring costs the download more than it gives here.
    let persisted = RwSignal::new(None);
    let estimate = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        persisted.set(crate::storage::persisted().await);
        estimate.set(crate::storage::estimate().await);
    });
    let used = move || {
        drafts.listed.track();
        drafts.with_store(|s| crate::drafts::bytes_used(s))
    };
    view! {
        <p class="storage-state">
            {move || match persisted.get() {
                Some(true) => "This browser keeps the drafts until you delete them (persistent storage).",
                Some(false) => "This browser may clear the drafts when it runs low on space: download a backup to be safe.",
                None => "This browser does not say whether it keeps the drafts: download a backup to be safe.",
            }}
            " "
            {move || format!("The drafts take {}", size_in_words(used() as u64))}
            {move || estimate.get().map(|(usage, quota)| {
                format!(
                    "; this site uses {} of the {} the browser allows.",
                    size_in_words(usage),
                    size_in_words(quota)
                )
            }).unwrap_or_else(|| ".".into())}
        </p>
    }
}
