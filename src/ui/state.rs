//! The open document as fine-grained signals: one per field, one per row
//! field, so typing in a field re-runs only what reads that field. Built
//! from a `Document` and turned back into one (`snapshot`) for saving,
//! copying and checking.

use leptos::prelude::*;

use crate::doc_blocks::{Key, Shape};
use crate::model::*;
use crate::templates::Template;

pub type Text = RwSignal<String>;

fn text(s: &str) -> Text {
    RwSignal::new(s.to_string())
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RowState {
    pub id: RowId,
    pub time: Text,
    pub event: Text,
    pub tag: RwSignal<Option<Tag>>,
    pub internal: RwSignal<bool>,
}

impl RowState {
    pub fn new(r: &TimelineRow) -> Self {
        RowState {
            id: r.id,
            time: text(&r.time),
            event: text(&r.event),
            tag: RwSignal::new(r.tag),
            internal: RwSignal::new(r.internal),
        }
    }
    pub fn get(&self) -> TimelineRow {
        TimelineRow {
            id: self.id,
            time: self.time.get(),
            event: self.event.get(),
            tag: self.tag.get(),
            internal: self.internal.get(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ItemState {
    pub id: RowId,
    pub text: Text,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TaskState {
    pub id: RowId,
    pub text: Text,
    pub owner: Text,
    pub due: Text,
    pub done: RwSignal<bool>,
    pub internal: RwSignal<bool>,
}

impl TaskState {
    fn new(t: &Task) -> Self {
        TaskState {
            id: t.id,
            text: text(&t.text),
            owner: text(&t.owner),
            due: text(&t.due),
            done: RwSignal::new(t.done),
            internal: RwSignal::new(t.internal),
        }
    }
    pub fn get(&self) -> Task {
        Task {
            id: self.id,
            text: self.text.get(),
            owner: self.owner.get(),
            due: self.due.get(),
            done: self.done.get(),
            internal: self.internal.get(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CustomState {
    pub id: RowId,
    pub heading: Text,
    pub body: Text,
    pub internal: RwSignal<bool>,
}

impl CustomState {
    fn new(c: &CustomSection) -> Self {
        CustomState {
            id: c.id,
            heading: text(&c.heading),
            body: text(&c.body),
            internal: RwSignal::new(c.internal),
        }
    }
    pub fn get(&self) -> CustomSection {
        CustomSection {
            id: self.id,
            heading: self.heading.get(),
            body: self.body.get(),
            internal: self.internal.get(),
        }
    }
}

/// An optional section: its text is kept while it is switched off, so
/// removing and adding it back in one session loses nothing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Optional {
    pub on: RwSignal<bool>,
    pub text: Text,
    pub internal: RwSignal<bool>,
}

impl Optional {
    fn new(value: &Option<String>, internal: bool) -> Self {
        Optional {
            on: RwSignal::new(value.is_some()),
            text: text(value.as_deref().unwrap_or_default()),
            internal: RwSignal::new(internal),
        }
    }
    fn get(&self) -> Option<String> {
        self.on.get().then(|| self.text.get())
    }
}

/// The timeline rows drawn at once when a draft opens: more than a screen
/// holds, in the form and in the preview (whose table starts about 550 px
/// down, with rows of about 50 px: 20 rows reach past 1,600 px). The rest
/// follow in idle time, so a long timeline opens about as fast as a short
/// one. `examples/bench_actions.rs` counts a first screen with as many.
pub const ROWS_DRAWN_FIRST: usize = 20;

#[derive(Clone, Copy)]
pub struct EditorState {
    pub front_matter: Text,
    pub title: Text,
    pub authors: Text,
    pub status: RwSignal<Status>,
    pub intro: Text,
    pub start: Text,
    pub end: Text,
    pub zone: Text,
    pub impact: Text,
    pub affected: Text,
    pub summary_root_cause: Text,
    pub summary_notes: Text,
    pub timeline_notes: Text,
    pub rows: RwSignal<Vec<RowState>>,
    pub root_cause: Text,
    pub resolution: Text,
    pub misleading: Optional,
    pub escalation: Optional,
    pub lessons_on: RwSignal<bool>,
    pub lessons_internal: RwSignal<bool>,
    pub went_well: Text,
    pub went_wrong: Text,
    pub got_lucky: Text,
    pub custom: RwSignal<Vec<CustomState>>,
    pub measures_notes: Text,
    pub improvements: RwSignal<Vec<ItemState>>,
    pub tasks: RwSignal<Vec<TaskState>>,
    pub headings: RwSignal<Headings>,
    /// The template the draft was started from, for its prompts.
    pub template: Option<&'static Template>,
    next_id: StoredValue<RowId>,
    /// How many timeline rows the form and the preview show: all of them,
    /// except while a long timeline is being drawn after opening, a
    /// screenful first and the rest when the browser is idle (see
    /// `ui::timeline::draw_the_rest`).
    pub drawn_rows: RwSignal<usize>,
    /// Bumped on every edit: what autosave watches, so that it costs
    /// nothing per keystroke to know that something changed.
    pub revision: RwSignal<u64>,
}

impl EditorState {
    pub fn new(doc: &Document) -> Self {
        let lessons = doc.lessons.clone();
        let l = lessons.clone().unwrap_or_default();
        let mut doc_ids = doc.clone();
        let next_id = doc_ids.fresh_id();
        EditorState {
            front_matter: text(&doc.front_matter),
            title: text(&doc.title),
            authors: text(&doc.authors),
            status: RwSignal::new(doc.status),
            intro: text(&doc.intro),
            start: text(&doc.summary.start),
            end: text(&doc.summary.end),
            zone: text(&doc.summary.zone),
            impact: text(&doc.summary.impact),
            affected: text(&doc.summary.affected),
            summary_root_cause: text(&doc.summary.root_cause),
            summary_notes: text(&doc.summary.notes),
            timeline_notes: text(&doc.timeline_notes),
            rows: RwSignal::new(doc.timeline.iter().map(RowState::new).collect()),
            root_cause: text(&doc.root_cause),
            resolution: text(&doc.resolution),
            misleading: Optional::new(&doc.misleading, doc.internal.misleading),
            escalation: Optional::new(&doc.escalation, doc.internal.escalation),
            lessons_on: RwSignal::new(lessons.is_some()),
            lessons_internal: RwSignal::new(doc.internal.lessons),
            went_well: text(&l.went_well),
            went_wrong: text(&l.went_wrong),
            got_lucky: text(&l.got_lucky),
            custom: RwSignal::new(doc.custom.iter().map(CustomState::new).collect()),
            measures_notes: text(&doc.measures_notes),
            improvements: RwSignal::new(
                doc.improvements
                    .iter()
                    .map(|i| ItemState { id: i.id, text: text(&i.text) })
                    .collect(),
            ),
            tasks: RwSignal::new(doc.tasks.iter().map(TaskState::new).collect()),
            headings: RwSignal::new(doc.headings.clone()),
            template: crate::templates::find(&doc.template),
            next_id: StoredValue::new(next_id),
            drawn_rows: RwSignal::new(if doc.timeline.len() > ROWS_DRAWN_FIRST {
                ROWS_DRAWN_FIRST
            } else {
                usize::MAX
            }),
            revision: RwSignal::new(0),
        }
    }

    /// The document as it stands. Untracked: for saving, copying, checking.
    pub fn snapshot(&self) -> Document {
        untrack(|| self.document())
    }

    /// The document, tracking every field read.
    pub fn document(&self) -> Document {
        let mut doc = Document {
            front_matter: self.front_matter.get(),
            title: self.title.get(),
            authors: self.authors.get(),
            status: self.status.get(),
            intro: self.intro.get(),
            summary: self.summary(),
            timeline_notes: self.timeline_notes.get(),
            timeline: self.rows.get().iter().map(RowState::get).collect(),
            root_cause: self.root_cause.get(),
            resolution: self.resolution.get(),
            misleading: self.misleading.get(),
            escalation: self.escalation.get(),
            lessons: self.lessons_on.get().then(|| self.lessons()),
            custom: self.custom.get().iter().map(CustomState::get).collect(),
            internal: InternalSections {
                misleading: self.misleading.internal.get(),
                escalation: self.escalation.internal.get(),
                lessons: self.lessons_internal.get(),
            },
            measures_notes: self.measures_notes.get(),
            improvements: self
                .improvements
                .get()
                .iter()
                .map(|i| Item { id: i.id, text: i.text.get() })
                .collect(),
            tasks: self.tasks.get().iter().map(TaskState::get).collect(),
            headings: self.headings.get(),
            template: self.template.map(|t| t.name.to_string()).unwrap_or_default(),
            ..Document::new()
        };
        doc.next_id = self.next_id.get_value();
        doc
    }

    /// The outage window as the rows are placed on it, tracked: only the
    /// window's three fields (typing elsewhere in the summary costs the
    /// rows nothing), and rows only for a window of bare times, up to the
    /// first with a date.
    pub fn clock(&self) -> crate::timeline::Clock {
        let summary = Summary {
            start: self.start.get(),
            end: self.end.get(),
            zone: self.zone.get(),
            ..Default::default()
        };
        self.rows.with(|rows| {
            crate::timeline::Clock::with_rows(&summary, rows.iter().map(|r| r.time.get()))
        })
    }

    /// The issue summary's fields, tracked.
    pub fn summary(&self) -> Summary {
        Summary {
            start: self.start.get(),
            end: self.end.get(),
            zone: self.zone.get(),
            impact: self.impact.get(),
            affected: self.affected.get(),
            root_cause: self.summary_root_cause.get(),
            notes: self.summary_notes.get(),
        }
    }

    /// The lessons' three texts, tracked (whether the section is on or not).
    pub fn lessons(&self) -> Lessons {
        Lessons {
            went_well: self.went_well.get(),
            went_wrong: self.went_wrong.get(),
            got_lucky: self.got_lucky.get(),
        }
    }

    /// What the template says goes in the field with this id, if anything.
    pub fn prompt(&self, field_id: &str) -> Option<&'static str> {
        self.template.and_then(|t| t.prompt(field_id))
    }

    /// Marks the document as edited (autosave picks it up).
    pub fn touch(&self) {
        self.revision.update(|r| *r += 1);
    }

    /// Sets a field from the page and marks the document edited.
    pub fn set(&self, field: Text, value: String) {
        field.set(value);
        self.touch();
    }

    /// Draws every timeline row now, if some are still waiting for an idle
    /// turn (see `drawn_rows`).
    pub fn draw_every_row(&self) {
        if self.drawn_rows.get_untracked() != usize::MAX {
            self.drawn_rows.set(usize::MAX);
        }
    }

    pub fn fresh_id(&self) -> RowId {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
    }

    /// Inserts an empty timeline row after `after` (or at the end).
    pub fn add_row(&self, after: Option<RowId>) -> RowId {
        let id = self.fresh_id();
        let row = RowState::new(&TimelineRow { id, ..Default::default() });
        self.rows.update(|rows| {
            let at = after
                .and_then(|a| rows.iter().position(|r| r.id == a))
                .map_or(rows.len(), |i| i + 1);
            rows.insert(at, row);
        });
        self.touch();
        id
    }

    pub fn remove_row(&self, id: RowId) {
        // The row's signals are not disposed here: the row's own view may
        // still read them before it is taken off the page, and a read of a
        // disposed signal panics. They go with the editor.
        self.remove_where(self.rows, |r| r.id == id);
    }

    /// Moves a row, an item or a task one place up or down.
    pub fn move_in<T: Copy + Send + Sync + 'static>(
        &self,
        list: RwSignal<Vec<T>>,
        is: impl Fn(&T) -> bool,
        delta: isize,
    ) -> bool {
        let mut moved = false;
        list.update(|l| moved = move_by(l, is, delta));
        if moved {
            self.touch();
        }
        moved
    }

    /// Orders the rows by their time; rows whose time cannot be read keep
    /// their place relative to the row above them.
    pub fn sort_rows(&self) {
        let clock = untrack(|| self.clock());
        let mut keyed: Vec<(Option<crate::timeline::When>, usize, RowState)> = Vec::new();
        let rows = self.rows.get_untracked();
        let mut last = None;
        for (i, row) in rows.iter().enumerate() {
            let when = clock.row(&row.time.get_untracked()).span().map(|s| s.start);
            let key = when.or(last);
            last = key;
            keyed.push((key, i, *row));
        }
        // Stable: equal times keep their order.
        keyed.sort_by(|a, b| match (a.0, b.0) {
            (Some(x), Some(y)) if x.before(&y) => std::cmp::Ordering::Less,
            (Some(x), Some(y)) if y.before(&x) => std::cmp::Ordering::Greater,
            (None, Some(_)) => std::cmp::Ordering::Less,
            (Some(_), None) => std::cmp::Ordering::Greater,
            _ => a.1.cmp(&b.1),
        });
        let sorted: Vec<RowState> = keyed.into_iter().map(|k| k.2).collect();
        if sorted != rows {
            // The timeline's list moves only the rows that leave their
            // order (`ui::keyed_list`).
            self.rows.set(sorted);
            self.touch();
        }
    }

    /// Adds rows (time, event) among the timeline's rows in time order
    /// (`chat::rows::merged`); gives the new rows' ids.
    pub fn add_rows_in_order(&self, added: Vec<(String, String)>) -> Vec<RowId> {
        let doc = self.snapshot();
        let clock = crate::timeline::Clock::of(&doc);
        let added: Vec<TimelineRow> = added
            .into_iter()
            .map(|(time, event)| TimelineRow {
                id: self.fresh_id(),
                time,
                event,
                ..Default::default()
            })
            .collect();
        let ids: Vec<RowId> = added.iter().map(|r| r.id).collect();
        // A row left blank (as a new draft's first) says nothing: it goes.
        let kept: Vec<TimelineRow> = doc
            .timeline
            .into_iter()
            .filter(|r| r.tag.is_some() || !(r.time.trim().is_empty() && r.event.trim().is_empty()))
            .collect();
        let order = crate::chat::rows::merged(&clock, kept, added.clone());
        let mut states: rustc_hash::FxHashMap<RowId, RowState> =
            self.rows.get_untracked().into_iter().map(|r| (r.id, r)).collect();
        states.extend(added.iter().map(|r| (r.id, RowState::new(r))));
        let rows: Vec<RowState> = order.iter().filter_map(|r| states.get(&r.id).copied()).collect();
        self.rows.set(rows);
        self.touch();
        ids
    }

    /// Appends an entry made with a fresh id to one of the lists.
    fn push<T: Send + Sync + 'static>(
        &self,
        list: RwSignal<Vec<T>>,
        make: impl FnOnce(RowId) -> T,
    ) -> RowId {
        let id = self.fresh_id();
        list.update(|l| l.push(make(id)));
        self.touch();
        id
    }

    fn remove_where<T: Send + Sync + 'static>(
        &self,
        list: RwSignal<Vec<T>>,
        gone: impl Fn(&T) -> bool,
    ) {
        list.update(|l| l.retain(|x| !gone(x)));
        self.touch();
    }

    pub fn add_item(&self) -> RowId {
        self.push(self.improvements, |id| ItemState { id, text: text("") })
    }

    pub fn remove_item(&self, id: RowId) {
        self.remove_where(self.improvements, |i| i.id == id);
    }

    pub fn add_task(&self) -> RowId {
        self.push(self.tasks, |id| TaskState::new(&Task { id, ..Default::default() }))
    }

    pub fn remove_task(&self, id: RowId) {
        self.remove_where(self.tasks, |t| t.id == id);
    }

    pub fn add_custom(&self) -> RowId {
        self.push(self.custom, |id| CustomState::new(&CustomSection { id, ..Default::default() }))
    }

    pub fn remove_custom(&self, id: RowId) {
        self.remove_where(self.custom, |c| c.id == id);
    }

    /// The blocks of the exported document, in order, as keys: what the
    /// preview lays out. Tracks only the structure, not the text.
    pub fn layout(&self) -> Vec<Key> {
        Shape {
            rows: self.rows.with(|l| l.iter().take(self.drawn_rows.get()).map(|r| r.id).collect()),
            misleading: self.misleading.on.get(),
            escalation: self.escalation.on.get(),
            lessons: self.lessons_on.get(),
            custom: self.custom.with(|l| l.iter().map(|c| c.id).collect()),
            improvements: self.improvements.with(|l| l.iter().map(|i| i.id).collect()),
            tasks: self.tasks.with(|l| l.iter().map(|t| t.id).collect()),
        }
        .keys()
    }
}
