//! The page: leptos components that bind the pure core to the DOM.

use leptos::prelude::*;

use crate::drafts;
use crate::model::{Document, RowId};
use crate::storage::Store;
use crate::{export, render};

/// The open draft and where it is kept.
#[derive(Clone, Copy)]
struct Editor {
    doc: RwSignal<Document>,
    draft_id: StoredValue<String>,
    store: StoredValue<Store, LocalStorage>,
    /// A message about saving or loading the user must see, if any.
    notice: RwSignal<Option<String>>,
}

fn now() -> f64 {
    js_sys::Date::now()
}

impl Editor {
    fn open() -> Editor {
        let (mut store, unavailable) = Store::open();
        let loaded = drafts::load_all(&mut store);
        let mut notices: Vec<String> = Vec::new();
        if let Some(why) = unavailable {
            notices.push(format!(
                "Drafts cannot be saved in this browser ({why}); download the Markdown before \
                 you close the tab."
            ));
        }
        for aside in &loaded.set_aside {
            notices.push(format!(
                "A stored draft could not be opened because {}. It was kept, untouched, under \
                 the key \u{201c}{}\u{201d} in this site's localStorage.",
                aside.reason, aside.key
            ));
        }
        let current = drafts::current(&store);
        let draft = current
            .and_then(|id| loaded.drafts.iter().find(|d| d.id == id))
            .or(loaded.drafts.first())
            .cloned();
        let (id, doc) = match draft {
            Some(d) => (d.id, d.doc),
            None => {
                let mut doc = Document::new();
                doc.add_row();
                (drafts::new_id(&store, now()), doc)
            }
        };
        let _ = drafts::set_current(&mut store, &id);
        Editor {
            doc: RwSignal::new(doc),
            draft_id: StoredValue::new(id),
            store: StoredValue::new_local(store),
            notice: RwSignal::new((!notices.is_empty()).then(|| notices.join(" "))),
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    let editor = Editor::open();
    let doc = editor.doc;

    // Every change is written through; a failed write keeps the edits in
    // memory and says why.
    Effect::new(move |_| {
        doc.track();
        let id = editor.draft_id.get_value();
        let result = doc.with_untracked(|d| {
            let mut out = Ok(());
            editor.store.update_value(|s| out = drafts::save(s, &id, d, now()));
            out
        });
        match result {
            Ok(()) => {
                if editor.notice.with_untracked(|n| n.as_deref().is_some_and(is_save_notice)) {
                    editor.notice.set(None);
                }
            }
            Err(e) => editor.notice.set(Some(format!("{SAVE_PREFIX}{e}"))),
        }
    });

    let markdown = Memo::new(move |_| doc.with(export::to_markdown));
    let preview = Memo::new(move |_| markdown.with(|md| render::to_html(md)));

    view! {
        <header class="bar">
            <h1>"Postmortem editor"</h1>
        </header>
        {move || editor.notice.get().map(|n| view! { <p class="notice" role="alert">{n}</p> })}
        <main class="editor">
            <form class="form" aria-label="Postmortem" on:submit=|ev| ev.prevent_default()>
                <label for="title">"Title"</label>
                <input
                    id="title"
                    type="text"
                    placeholder="Load balancer sent all traffic to one backend"
                    prop:value=move || doc.with(|d| d.title.clone())
                    on:input:target=move |ev| doc.update(|d| d.title = ev.target().value())
                />
                <label for="summary">"Issue summary"</label>
                <textarea
                    id="summary"
                    rows="5"
                    placeholder="What happened, for how long, to whom, and why (Markdown)"
                    prop:value=move || doc.with(|d| d.summary.clone())
                    on:input:target=move |ev| doc.update(|d| d.summary = ev.target().value())
                ></textarea>
                <Timeline doc/>
            </form>
            <section class="preview" aria-label="Preview">
                <div class="markdown-body" inner_html=move || preview.get()></div>
            </section>
        </main>
    }
}

const SAVE_PREFIX: &str = "Not saved: ";

fn is_save_notice(notice: &str) -> bool {
    notice.starts_with(SAVE_PREFIX)
}

#[component]
fn Timeline(doc: RwSignal<Document>) -> impl IntoView {
    let ids = move || doc.with(|d| d.timeline.iter().map(|r| r.id).collect::<Vec<_>>());
    let add = move |_| {
        let id = doc.try_update(|d| d.add_row());
        if let Some(id) = id {
            focus_later(format!("time-{id}"));
        }
    };
    view! {
        <fieldset class="timeline">
            <legend>"Timeline"</legend>
            <table aria-label="Timeline">
                <thead>
                    <tr>
                        <th scope="col">"Time"</th>
                        <th scope="col">"Event"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=ids key=|id| *id let:id>
                        <Row doc id/>
                    </For>
                </tbody>
            </table>
            <button type="button" on:click=add>"Add timeline row"</button>
        </fieldset>
    }
}

#[component]
fn Row(doc: RwSignal<Document>, id: RowId) -> impl IntoView {
    let field = move |f: fn(&crate::model::TimelineRow) -> &String| {
        move || {
            doc.with(|d| {
                d.timeline.iter().find(|r| r.id == id).map(|r| f(r).clone()).unwrap_or_default()
            })
        }
    };
    let remove = move |_| {
        // Focus moves to the row that takes this one's place, or the add button.
        let next = doc.with_untracked(|d| {
            let i = d.timeline.iter().position(|r| r.id == id)?;
            d.timeline
                .get(i + 1)
                .or_else(|| i.checked_sub(1).and_then(|j| d.timeline.get(j)))
                .map(|r| r.id)
        });
        doc.update(|d| d.remove_row(id));
        if let Some(next) = next {
            focus_later(format!("time-{next}"));
        }
    };
    view! {
        <tr>
            <td>
                <input
                    id=format!("time-{id}")
                    type="text"
                    aria-label="Time"
                    placeholder="14:05"
                    prop:value=field(|r| &r.time)
                    on:input:target=move |ev| {
                        doc.update(|d| if let Some(r) = d.row_mut(id) { r.time = ev.target().value() })
                    }
                />
            </td>
            <td>
                <input
                    type="text"
                    aria-label="Event"
                    placeholder="What happened"
                    prop:value=field(|r| &r.event)
                    on:input:target=move |ev| {
                        doc.update(|d| if let Some(r) = d.row_mut(id) { r.event = ev.target().value() })
                    }
                />
            </td>
            <td>
                <button type="button" aria-label="Remove row" on:click=remove>"✕"</button>
            </td>
        </tr>
    }
}

/// Focuses an element once the current update has reached the DOM.
fn focus_later(id: String) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}
