//! Drafts on the page: the open one saved within half a second of every
//! change, the list of all of them, and what happens when storage fails.

use leptos::prelude::*;

use crate::drafts::{self, Changed, Draft, Reconcile, SaveError, Saved};
use crate::model::Document;
use crate::storage::Store;
use crate::ui::editor_slot;
use crate::ui::schedule::idle;

/// A change is saved this long after it, once the browser is idle...
const SAVE_DELAY_MS: i32 = 250;
/// ...and at the latest this long after it.
const SAVE_DEADLINE_MS: i32 = 450;

fn now() -> f64 {
    js_sys::Date::now()
}

#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Saved,
    Pending,
    Failed(String),
}

/// The open editor as the drafts module knows it, handed over by the
/// editor when it is built: the document it holds, read only when a save,
/// a copy or a download needs it (not copied on every keystroke), and its
/// count of edits, which counts an edit as unsaved from the keystroke,
/// before autosave hears of it. The drafts module never sees the form.
#[derive(Clone, Copy)]
pub struct OpenEditor {
    pub document: Callback<(), Document>,
    pub edits: Signal<u64>,
    /// Shows a new title in the editor: the copy's, when these edits met
    /// another tab's and went to a copy.
    pub retitle: Callback<String>,
}

impl OpenEditor {
    /// `None` once the editor is gone.
    fn document(&self) -> Option<Document> {
        self.document.try_run(())
    }

    fn edits(&self) -> u64 {
        self.edits.try_get_untracked().unwrap_or_default()
    }
}

/// Everything about drafts the page shares.
#[derive(Clone, Copy)]
pub struct Drafts {
    store: StoredValue<Store, LocalStorage>,
    /// The draft an editor is built for: its id and the document it opened
    /// with. Setting it rebuilds the editor.
    pub open: RwSignal<(String, Document)>,
    /// The draft the editor saves to: the one it opened, or the copy its
    /// edits went to when they met another tab's.
    pub id: RwSignal<String>,
    /// The revision of that draft this tab last read or wrote (0: never
    /// stored). A save over a newer one is refused (see `drafts::save`).
    base: StoredValue<u64>,
    /// The editor of the open draft, once it is built.
    editor: StoredValue<Option<OpenEditor>>,
    pub status: RwSignal<SaveState>,
    /// Messages the user must read (storage trouble, drafts set aside).
    pub notices: RwSignal<Vec<String>>,
    /// A passing word that needs no answer ("Updated from another tab").
    pub brief: RwSignal<Option<String>>,
    /// The last deleted draft, for undo.
    pub deleted: RwSignal<Option<Draft>>,
    /// Bumped when the stored list changes, so the list re-reads it.
    pub listed: RwSignal<u64>,
    /// A save is scheduled.
    pending: StoredValue<bool>,
    /// The editor's edit count when it was last saved or opened: an edit
    /// counts as unsaved from the keystroke, before autosave hears of it.
    saved_edits: StoredValue<u64>,
    /// Persistent storage was asked for (once per page).
    asked_to_persist: StoredValue<bool>,
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
        let has_drafts = !loaded.drafts.is_empty();
        let (id, doc, base) = match draft {
            Some(d) => (d.id, d.doc, d.revision),
            None => (drafts::new_id(&store, now()), starter(), 0),
        };
        let _ = drafts::set_current(&mut store, &id);
        let this = Drafts {
            store: StoredValue::new_local(store),
            open: RwSignal::new((id.clone(), doc)),
            id: RwSignal::new(id),
            base: StoredValue::new(base),
            editor: StoredValue::new(None),
            status: RwSignal::new(SaveState::Saved),
            notices: RwSignal::new(notices),
            brief: RwSignal::new(None),
            deleted: RwSignal::new(None),
            listed: RwSignal::new(0),
            pending: StoredValue::new(false),
            saved_edits: StoredValue::new(0),
            asked_to_persist: StoredValue::new(false),
        };
        if has_drafts {
            this.ask_to_persist();
        }
        this
    }

    /// Every stored draft, newest first.
    pub fn list(&self) -> Vec<Draft> {
        self.listed.track();
        let mut out = Vec::new();
        self.store.update_value(|s| out = drafts::load_all(s).drafts);
        out
    }

    pub fn open_id(&self) -> String {
        self.id.get_untracked()
    }

    /// Runs `f` on the store.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> T) -> T {
        let mut f = Some(f);
        let mut out = None;
        self.store.update_value(|s| out = f.take().map(|f| f(s)));
        out.expect("update_value runs its closure")
    }

    /// The editor built for the open draft hands over what saving needs.
    pub fn hand_over(&self, editor: OpenEditor) {
        self.editor.set_value(Some(editor));
    }

    /// The open draft's document as its editor has it now.
    pub fn document(&self) -> Option<Document> {
        self.editor.get_value()?.document()
    }

    /// Saves the open draft now.
    pub fn save_now(&self) {
        self.pending.set_value(false);
        let Some(editor) = self.editor.get_value() else { return };
        let Some(doc) = editor.document() else { return };
        let edits = editor.edits();
        let id = self.open_id();
        let base = self.base.get_value();
        let result = self.with_store(|s| {
            let result = drafts::save(s, &id, &doc, now(), base);
            if let Ok(Saved::Written { .. }) = result {
                let _ = drafts::set_current(s, &id);
            }
            result
        });
        match result {
            Ok(Saved::Written { revision }) => {
                self.base.set_value(revision);
                self.saved_edits.set_value(edits);
                self.status.set(SaveState::Saved);
                self.ask_to_persist();
            }
            Ok(Saved::Overtaken { stored }) => self.keep_both(&doc, stored.map(|d| *d)),
            Err(e) => self.status.set(SaveState::Failed(e.to_string())),
        }
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

    /// This tab's edits met another tab's save (or delete) of the same
    /// draft: they go to a copy, which this tab goes on editing, and the
    /// other tab's version stays as it is.
    fn keep_both(&self, doc: &Document, theirs: Option<Draft>) {
        self.pending.set_value(false);
        let original = doc.display_title();
        let copy = self.with_store(|s| {
            let copy = drafts::save_copy(s, doc, "from another tab", now())?;
            let _ = drafts::set_current(s, &copy.id);
            Ok::<_, SaveError>(copy)
        });
        let copy = match copy {
            Ok(copy) => copy,
            Err(e) => {
                self.status.set(SaveState::Failed(format!(
                    "\u{201c}{original}\u{201d} was changed in another tab, and the edits made \
                     here could not be saved beside it: {e}"
                )));
                return;
            }
        };
        self.id.set(copy.id.clone());
        self.base.set_value(copy.revision);
        // The title field shows which draft this is now; the copy already
        // holds that title, so this is no new edit.
        if let Some(editor) = self.editor.get_value() {
            self.saved_edits.set_value(editor.edits());
            // Nothing to show once the editor is gone.
            let _ = editor.retitle.try_run(copy.doc.title.clone());
        }
        self.status.set(SaveState::Saved);
        let mine = copy.doc.title;
        self.notices.update(|n| {
            n.push(match theirs {
                Some(theirs) => format!(
                    "This draft was also changed in another tab. Both versions are kept: the \
                     other tab's is \u{201c}{}\u{201d} in Drafts; yours is now \
                     \u{201c}{mine}\u{201d}, open here.",
                    theirs.doc.display_title()
                ),
                None => format!(
                    "\u{201c}{original}\u{201d} was deleted in another tab while you were \
                     editing it here. Your version is kept as \u{201c}{mine}\u{201d}, open here."
                ),
            })
        });
        self.listed.update(|n| *n += 1);
    }

    /// Another tab changed the store under `key` (a `storage` event; `None`
    /// when it cleared the whole store).
    pub fn heard(&self, key: Option<String>) {
        let change = drafts::changed(key.as_deref());
        if change == Changed::Nothing {
            return;
        }
        self.listed.update(|n| *n += 1);
        let id = self.open_id();
        if matches!(&change, Changed::Draft(other) if *other != id) {
            return;
        }
        let stored = self.with_store(|s| drafts::read(s, &id));
        match drafts::reconcile(self.base.get_value(), self.unsaved(), stored) {
            Reconcile::UpToDate => {}
            Reconcile::TakeTheirs(theirs) => {
                self.base.set_value(theirs.revision);
                self.saved_edits.set_value(0);
                let focused = focused();
                self.editor.set_value(None);
                self.open.set((theirs.id, theirs.doc));
                refocus(focused);
                self.say_briefly("Updated with the changes saved in another tab.");
            }
            Reconcile::KeepBoth { theirs } => {
                if let Some(doc) = self.document() {
                    self.keep_both(&doc, theirs);
                }
            }
            Reconcile::Gone => {
                if let Some(doc) = self.document() {
                    let title = doc.display_title();
                    let revision = self.base.get_value();
                    self.deleted.set(Some(Draft { id, updated: now(), revision, doc }));
                    self.notices.update(|n| {
                        n.push(format!(
                            "\u{201c}{title}\u{201d} was deleted in another tab. Drafts has Undo \
                             to bring it back."
                        ))
                    });
                }
                self.editor.set_value(None);
                match self.list().into_iter().next() {
                    Some(d) => self.switch(d.id, d.doc, d.revision),
                    // Not stored until it is edited: the other tab may well
                    // have made a fresh draft of its own.
                    None => {
                        let id = self.with_store(|s| drafts::new_id(s, now()));
                        self.switch(id, starter(), 0);
                    }
                }
            }
        }
    }

    /// Shows `text` in the status line for a few seconds.
    pub fn say_briefly(&self, text: &str) {
        self.brief.set(Some(text.to_string()));
        let brief = self.brief;
        let said = text.to_string();
        set_timeout(
            move || {
                if brief.get_untracked().as_deref() == Some(said.as_str()) {
                    brief.set(None);
                }
            },
            std::time::Duration::from_secs(6),
        );
    }

    /// Saves what is open if it has unsaved edits (a draft merely left keeps
    /// its time in the list), then opens `id` with `doc`.
    fn switch(&self, id: String, doc: Document, revision: u64) {
        if self.unsaved() {
            self.save_now();
        }
        // Leaving a draft whose edits could not be saved would lose them.
        if let SaveState::Failed(why) = self.status.get_untracked() {
            if self.editor.get_value().is_some() {
                self.notices.update(|n| {
                    n.push(format!(
                        "The open draft stays open: its latest edits are not saved ({why}). \
                         Download its Markdown, or make room, before opening another."
                    ))
                });
                return;
            }
        }
        self.with_store(|s| {
            let _ = drafts::set_current(s, &id);
        });
        self.editor.set_value(None);
        self.base.set_value(revision);
        self.saved_edits.set_value(0);
        self.id.set(id.clone());
        self.status.set(SaveState::Saved);
        self.open.set((id, doc));
    }

    pub fn open_draft(&self, id: &str) {
        // That one draft read, not every draft parsed to find it.
        let found = self.with_store(|s| drafts::read(s, id));
        match found {
            Ok(Some(d)) => self.switch(d.id, d.doc, d.revision),
            // Deleted in another tab meanwhile: the list catches up.
            Ok(None) => self.listed.update(|n| *n += 1),
            Err(why) => self.notices.update(|n| {
                n.push(format!(
                    "That draft could not be opened ({why}); reload the page to have it set aside \
                     and the others listed."
                ))
            }),
        }
    }

    /// Creates a draft holding `doc` and opens it.
    pub fn create(&self, doc: Document) {
        let (id, result) = self.with_store(|s| {
            let id = drafts::new_id(s, now());
            let result = drafts::save(s, &id, &doc, now(), 0);
            (id, result)
        });
        let revision = match result {
            Ok(Saved::Written { revision }) => revision,
            Ok(Saved::Overtaken { .. }) => 0,
            Err(e) => {
                self.status.set(SaveState::Failed(e.to_string()));
                0
            }
        };
        let failed = self.status.get_untracked();
        self.switch(id, doc, revision);
        if let SaveState::Failed(_) = failed {
            self.status.set(failed);
        }
        self.ask_to_persist();
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
            self.editor.set_value(None);
            self.status.set(SaveState::Saved);
        }
        let Some(draft) = self.list().into_iter().find(|d| d.id == id) else { return };
        self.with_store(|s| drafts::delete(s, id));
        self.deleted.set(Some(draft));
        self.listed.update(|n| *n += 1);
        if open {
            // Open the newest remaining draft, or a fresh one.
            match self.list().into_iter().next() {
                Some(d) => self.switch(d.id, d.doc, d.revision),
                None => self.create(starter()),
            }
        }
    }

    pub fn undo_delete(&self) {
        let Some(d) = self.deleted.get_untracked() else { return };
        // One revision on, so that a tab still holding it hears of it.
        let back = Draft { updated: d.updated.max(1.0), revision: d.revision + 1, ..d };
        match self.with_store(|s| drafts::write(s, &back)) {
            Ok(()) => {
                self.deleted.set(None);
                self.listed.update(|n| *n += 1);
            }
            Err(e) => self.status.set(SaveState::Failed(e.to_string())),
        }
    }

    /// True when nothing but this tab holds the open draft's latest edits.
    pub fn unsaved(&self) -> bool {
        let edited = self
            .editor
            .get_value()
            .is_some_and(|editor| editor.edits() != self.saved_edits.get_value());
        edited || !matches!(self.status.get_untracked(), SaveState::Saved)
    }

    /// Once the user has a draft, asks the browser not to evict its storage.
    fn ask_to_persist(&self) {
        if self.asked_to_persist.get_value() {
            return;
        }
        self.asked_to_persist.set_value(true);
        leptos::task::spawn_local(async {
            let _ = crate::storage::ask_to_persist().await;
        });
    }
}

/// Where the focus is: the focused element's id and, in a text field, the
/// selection, to be given back once the editor is rebuilt with another
/// tab's version (a timeline row's fields are new elements then).
struct Focus {
    id: String,
    selection: Option<(u32, u32)>,
}

fn focused() -> Option<Focus> {
    use wasm_bindgen::JsCast;
    let element = document().active_element()?;
    let id = element.id();
    if id.is_empty() {
        return None;
    }
    let selection = if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.selection_start().ok().flatten().zip(input.selection_end().ok().flatten())
    } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.selection_start().ok().flatten().zip(area.selection_end().ok().flatten())
    } else {
        None
    };
    Some(Focus { id, selection })
}

/// Frames to wait for the element that had the focus: a row far down a
/// long timeline is drawn some idle turns after the editor (about half a
/// second at 300 rows, `ui::timeline::draw_the_rest`).
const FRAMES_TO_REFOCUS: u32 = 120;

fn refocus(focus: Option<Focus>) {
    if let Some(focus) = focus {
        give_back(focus, FRAMES_TO_REFOCUS);
    }
}

fn give_back(focus: Focus, frames_left: u32) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let Some(element) = editor_slot::shown_element(&focus.id) else {
            // Asked again only while nothing else has the focus: a click
            // meanwhile is where the person went.
            let unfocused = document().active_element().is_none_or(|active| {
                document().body().is_some_and(|body| body.is_same_node(Some(&active)))
                    || editor_slot::is_leaving(&active)
            });
            if frames_left > 0 && unfocused {
                give_back(focus, frames_left - 1);
            }
            return;
        };
        if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
        // The text may be shorter now; the browser clamps the range.
        let Some((start, end)) = focus.selection else { return };
        if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
            let _ = input.set_selection_range(start, end);
        } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            let _ = area.set_selection_range(start, end);
        }
    });
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
