//! Drafts on the page: the open one saved within half a second of every
//! change, the list of all of them, and what happens when storage fails.

use leptos::prelude::*;

use crate::drafts::{self, Draft, SaveError};
use crate::model::Document;
use crate::storage::Store;
use crate::ui::state::EditorState;

/// A change is saved this long after it, once the browser is idle...
const SAVE_DELAY_MS: i32 = 250;
/// ...and at the latest this long after it.
const SAVE_DEADLINE_MS: i32 = 450;

/// Runs `f` when the browser is next idle, or after `within_ms` at the
/// latest (at once where there is no requestIdleCallback).
fn idle(f: impl FnOnce() + 'static, within_ms: i32) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return f() };
    let has_idle = js_sys::Reflect::has(&window, &"requestIdleCallback".into()).unwrap_or(false);
    if !has_idle {
        return f();
    }
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(within_ms.max(1) as u32);
    let callback = Closure::once_into_js(f);
    let _ = window.request_idle_callback_with_options(callback.unchecked_ref(), &options);
}

fn now() -> f64 {
    js_sys::Date::now()
}

#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Saved,
    Pending,
    Failed(String),
}

/// Everything about drafts the page shares.
#[derive(Clone, Copy)]
pub struct Drafts {
    store: StoredValue<Store, LocalStorage>,
    /// The open draft: its id and the document it opened with. Changes only
    /// when another draft is opened, which rebuilds the editor.
    pub open: RwSignal<(String, Document)>,
    /// The editor of the open draft, once it is built.
    pub editor: RwSignal<Option<EditorState>>,
    pub status: RwSignal<SaveState>,
    /// Messages the user must read (storage trouble, drafts set aside).
    pub notices: RwSignal<Vec<String>>,
    /// The last deleted draft, for undo.
    pub deleted: RwSignal<Option<Draft>>,
    /// Bumped when the stored list changes, so the list re-reads it.
    pub listed: RwSignal<u64>,
    /// A save is scheduled.
    pending: StoredValue<bool>,
}

impl Drafts {
    /// Opens storage and the last open draft (else the newest, else a new one).
    pub fn load() -> Drafts {
        let (mut store, unavailable) = Store::open();
        let loaded = drafts::load_all(&mut store);
        let mut notices = Vec::new();
        if let Some(why) = unavailable {
            notices.push(format!(
                "Drafts cannot be saved in this browser ({why}). Your edits stay in this tab: copy \
                 or download the Markdown before you close it."
            ));
        }
        for aside in &loaded.set_aside {
            notices.push(format!(
                "A stored draft could not be opened because {}. It was kept, untouched, under the \
                 key \u{201c}{}\u{201d} in this site's localStorage.",
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
            None => (drafts::new_id(&store, now()), starter()),
        };
        let _ = drafts::set_current(&mut store, &id);
        Drafts {
            store: StoredValue::new_local(store),
            open: RwSignal::new((id, doc)),
            editor: RwSignal::new(None),
            status: RwSignal::new(SaveState::Saved),
            notices: RwSignal::new(notices),
            deleted: RwSignal::new(None),
            listed: RwSignal::new(0),
            pending: StoredValue::new(false),
        }
    }

    /// Every stored draft, newest first.
    pub fn list(&self) -> Vec<Draft> {
        self.listed.track();
        let mut out = Vec::new();
        self.store.update_value(|s| out = drafts::load_all(s).drafts);
        out
    }

    pub fn open_id(&self) -> String {
        self.open.with_untracked(|(id, _)| id.clone())
    }

    /// Saves the open draft now.
    pub fn save_now(&self) {
        self.pending.set_value(false);
        let Some(editor) = self.editor.get_untracked() else { return };
        let doc = editor.snapshot();
        let id = self.open_id();
        let mut result = Ok(());
        self.store.update_value(|s| {
            result = drafts::save(s, &id, &doc, now());
            if result.is_ok() {
                let _ = drafts::set_current(s, &id);
            }
        });
        self.status.set(match result {
            Ok(()) => SaveState::Saved,
            Err(e) => SaveState::Failed(e.to_string()),
        });
        self.listed.update(|n| *n += 1);
    }

    /// Schedules a save; many changes in a row make one save.
    pub fn changed(&self) {
        if self.pending.get_value() {
            return;
        }
        self.status.set(SaveState::Pending);
        self.pending.set_value(true);
        let this = *self;
        let save = move || {
            if this.pending.get_value() {
                this.save_now();
            }
        };
        // Written in a moment the browser is idle, between keystrokes rather
        // than just before one, but never later than SAVE_DEADLINE_MS.
        set_timeout(
            move || idle(save, SAVE_DEADLINE_MS - SAVE_DELAY_MS),
            std::time::Duration::from_millis(SAVE_DELAY_MS as u64),
        );
    }

    /// Saves what is open if it has unsaved edits (a draft merely left keeps
    /// its time in the list), then opens `id` with `doc`.
    fn switch(&self, id: String, doc: Document) {
        if self.unsaved() {
            self.save_now();
        }
        self.store.update_value(|s| {
            let _ = drafts::set_current(s, &id);
        });
        self.editor.set(None);
        self.open.set((id, doc));
    }

    pub fn open_draft(&self, id: &str) {
        let found = self.list().into_iter().find(|d| d.id == id);
        if let Some(d) = found {
            self.switch(d.id, d.doc);
        }
    }

    /// Creates a draft holding `doc` and opens it.
    pub fn create(&self, doc: Document) {
        let mut id = String::new();
        let mut result: Result<(), SaveError> = Ok(());
        self.store.update_value(|s| {
            id = drafts::new_id(s, now());
            result = drafts::save(s, &id, &doc, now());
        });
        if let Err(e) = result {
            self.status.set(SaveState::Failed(e.to_string()));
        }
        self.switch(id, doc);
        // The new draft is open, so saving it again records it as current.
        self.listed.update(|n| *n += 1);
    }

    pub fn duplicate(&self, id: &str) {
        if id == self.open_id() && self.unsaved() {
            self.save_now();
        }
        if let Some(d) = self.list().into_iter().find(|d| d.id == id) {
            let mut doc = d.doc;
            doc.title = format!("{} (copy)", doc.title).trim_start().to_string();
            self.create(doc);
        }
    }

    /// Deletes a draft; it can be brought back with `undo_delete` until the
    /// next delete.
    pub fn delete(&self, id: &str) {
        let open = id == self.open_id();
        if open {
            // Its latest edits go into what undo brings back; then the
            // editor lets go of it, or opening the next draft would save it
            // again.
            if self.unsaved() {
                self.save_now();
            }
            self.editor.set(None);
        }
        let Some(draft) = self.list().into_iter().find(|d| d.id == id) else { return };
        self.store.update_value(|s| drafts::delete(s, id));
        self.deleted.set(Some(draft));
        self.listed.update(|n| *n += 1);
        if open {
            // Open the newest remaining draft, or a fresh one.
            match self.list().into_iter().next() {
                Some(d) => self.switch(d.id, d.doc),
                None => self.create(starter()),
            }
        }
    }

    pub fn undo_delete(&self) {
        let Some(d) = self.deleted.get_untracked() else { return };
        let mut result = Ok(());
        self.store.update_value(|s| result = drafts::save(s, &d.id, &d.doc, d.updated.max(1.0)));
        match result {
            Ok(()) => {
                self.deleted.set(None);
                self.listed.update(|n| *n += 1);
            }
            Err(e) => self.status.set(SaveState::Failed(e.to_string())),
        }
    }

    /// True when nothing but this tab holds the open draft's latest edits.
    pub fn unsaved(&self) -> bool {
        !matches!(self.status.get_untracked(), SaveState::Saved)
    }
}

/// A new draft: one empty timeline row to start typing in.
pub fn starter() -> Document {
    let mut doc = Document::new();
    doc.add_row();
    doc
}

/// "2024-06-01 14:05" in the browser's local time.
pub fn local_time(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// The list of drafts, newest first, with what can be done to each.
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
            {move || drafts.deleted.get().map(|d| view! {
                <p class="notice" role="status">
                    {format!("Deleted \u{201c}{}\u{201d}. ", d.doc.display_title())}
                    <button type="button" on:click=move |_| drafts.undo_delete()>"Undo"</button>
                </p>
            })}
            <ul class="draft-list">
                {move || {
                    let open = drafts.open.with(|(id, _)| id.clone());
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
        </section>
    }
}
