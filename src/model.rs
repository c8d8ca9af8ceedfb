//! The postmortem document: plain data, serde-serialisable and versioned.
//!
//! Fields hold what the person typed, not parsed values: nothing typed is ever
//! lost, and parsing (times, durations) is derived where it is needed.
//! Single-line fields and long texts are Markdown source.

use serde::{Deserialize, Serialize};

/// Bumped whenever the stored shape changes; `drafts::migrate` brings older
/// drafts up to date.
pub const MODEL_VERSION: u32 = 4;

/// Stable identity of a row inside one document. Lists render keyed by it,
/// never by index, so moving or deleting a row keeps focus and DOM state.
pub type RowId = u64;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Document {
    pub version: u32,
    /// YAML (`---`) or TOML (`+++`) front matter of an imported document,
    /// delimiters included, kept as written: static-site generators and
    /// folders of postmortems read it. Empty when there is none.
    pub front_matter: String,
    pub title: String,
    pub authors: String,
    pub status: Status,
    /// Free text between the title and the summary (Markdown).
    pub intro: String,
    pub summary: Summary,
    /// Free text under the timeline's heading, before the table (Markdown).
    pub timeline_notes: String,
    pub timeline: Vec<TimelineRow>,
    pub root_cause: String,
    pub resolution: String,
    /// Optional sections: `None` when the person has not added them.
    pub misleading: Option<String>,
    pub escalation: Option<String>,
    pub lessons: Option<Lessons>,
    pub custom: Vec<CustomSection>,
    /// Which optional sections are for the team only (see `public_version`).
    pub internal: InternalSections,
    /// The template the draft was started from (`templates::find`), for the
    /// prompts its empty fields show; never exported.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub template: String,
    /// Corrective and preventative measures: free text, a list, tasks.
    pub measures_notes: String,
    pub improvements: Vec<Item>,
    pub tasks: Vec<Task>,
    /// Section headings as the author wrote them, where they differ from
    /// the standard ones (kept by import so no word is lost).
    pub headings: Headings,
    /// Next id to hand out; ids are never reused within a document.
    pub next_id: RowId,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Draft,
    InReview,
    Final,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Draft, Status::InReview, Status::Final];

    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::InReview => "In review",
            Status::Final => "Final",
        }
    }
}

/// The issue summary. Start and end are typed times ("2024-06-01 14:00"),
/// `zone` the document's time zone ("UTC", "EAT", "GMT+2", "+03:00").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Summary {
    pub start: String,
    pub end: String,
    pub zone: String,
    pub impact: String,
    /// Share of users affected, in percent, as typed.
    pub affected: String,
    /// The root cause in one or two sentences.
    pub root_cause: String,
    /// Anything else the summary says (Markdown).
    pub notes: String,
}

/// Headings for the standard sections; an empty one means the standard
/// heading (`export::SUMMARY` and the like).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Headings {
    pub summary: String,
    pub timeline: String,
    pub root_cause_and_resolution: String,
    pub root_cause: String,
    pub resolution: String,
    pub misleading: String,
    pub escalation: String,
    pub lessons: String,
    pub went_well: String,
    pub went_wrong: String,
    pub got_lucky: String,
    pub measures: String,
    pub tasks: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimelineRow {
    pub id: RowId,
    /// As typed; may omit the date, which then comes from the outage window.
    pub time: String,
    pub event: String,
    pub tag: Option<Tag>,
    /// For the team only: left out of the public version.
    pub internal: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    Detection,
    Investigation,
    MisleadingPath,
    Escalation,
    Mitigation,
    Resolution,
}

impl Tag {
    pub const ALL: [Tag; 6] = [
        Tag::Detection,
        Tag::Investigation,
        Tag::MisleadingPath,
        Tag::Escalation,
        Tag::Mitigation,
        Tag::Resolution,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tag::Detection => "Detection",
            Tag::Investigation => "Investigation",
            Tag::MisleadingPath => "Misleading path",
            Tag::Escalation => "Escalation",
            Tag::Mitigation => "Mitigation",
            Tag::Resolution => "Resolution",
        }
    }

    pub fn from_label(label: &str) -> Option<Tag> {
        Tag::ALL.into_iter().find(|t| t.label().eq_ignore_ascii_case(label.trim()))
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Lessons {
    pub went_well: String,
    pub went_wrong: String,
    pub got_lucky: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomSection {
    pub id: RowId,
    pub heading: String,
    pub body: String,
    pub internal: bool,
}

/// The optional sections marked for the team only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InternalSections {
    pub misleading: bool,
    pub escalation: bool,
    pub lessons: bool,
}

/// One corrective or preventative measure.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Item {
    pub id: RowId,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Task {
    pub id: RowId,
    pub text: String,
    pub owner: String,
    /// A date as typed, e.g. "2024-06-15".
    pub due: String,
    pub done: bool,
    pub internal: bool,
}

impl Document {
    pub fn new() -> Self {
        Document { version: MODEL_VERSION, next_id: 1, ..Default::default() }
    }

    /// The document without what is marked internal: the rows, tasks and
    /// optional sections for the team only.
    pub fn public_version(&self) -> Document {
        let mut public = self.clone();
        public.timeline.retain(|r| !r.internal);
        public.tasks.retain(|t| !t.internal);
        public.custom.retain(|c| !c.internal);
        let internal = std::mem::take(&mut public.internal);
        if internal.misleading {
            public.misleading = None;
        }
        if internal.escalation {
            public.escalation = None;
        }
        if internal.lessons {
            public.lessons = None;
        }
        public
    }

    /// Whether anything is marked internal.
    pub fn has_internal(&self) -> bool {
        let i = self.internal;
        (i.misleading && self.misleading.is_some())
            || (i.escalation && self.escalation.is_some())
            || (i.lessons && self.lessons.is_some())
            || self.timeline.iter().any(|r| r.internal)
            || self.tasks.iter().any(|t| t.internal)
            || self.custom.iter().any(|c| c.internal)
    }

    /// A new id, never used before in this document.
    pub fn fresh_id(&mut self) -> RowId {
        // Guard against documents whose counter lags their rows (hand-edited JSON).
        let id = self.next_id.max(self.max_id() + 1);
        self.next_id = id + 1;
        id
    }

    fn max_id(&self) -> RowId {
        let rows = self.timeline.iter().map(|r| r.id);
        let custom = self.custom.iter().map(|c| c.id);
        let items = self.improvements.iter().map(|i| i.id);
        let tasks = self.tasks.iter().map(|t| t.id);
        rows.chain(custom).chain(items).chain(tasks).max().unwrap_or(0)
    }

    /// The title to list the document by.
    pub fn display_title(&self) -> String {
        match self.title.trim() {
            "" => "Untitled postmortem".into(),
            t => t.to_string(),
        }
    }

    /// Appends an empty timeline row and returns its id.
    pub fn add_row(&mut self) -> RowId {
        let id = self.fresh_id();
        self.timeline.push(TimelineRow { id, ..Default::default() });
        id
    }

    pub fn remove_row(&mut self, id: RowId) {
        self.timeline.retain(|r| r.id != id);
    }

    pub fn row_mut(&mut self, id: RowId) -> Option<&mut TimelineRow> {
        self.timeline.iter_mut().find(|r| r.id == id)
    }
}

/// Moves the element with `id` one place up (`-1`) or down (`1`); false when
/// it is already at that end or not there.
pub fn move_by<T>(list: &mut [T], index_of: impl Fn(&T) -> bool, delta: isize) -> bool {
    let Some(i) = list.iter().position(index_of) else { return false };
    let j = i as isize + delta;
    if j < 0 || j as usize >= list.len() {
        return false;
    }
    list.swap(i, j as usize);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_across_lists_and_never_reused() {
        let mut doc = Document::new();
        let a = doc.add_row();
        let b = doc.add_row();
        doc.remove_row(b);
        let c = doc.add_row();
        let t = doc.fresh_id();
        assert_ne!(c, b, "a removed row's id must not come back");
        assert_eq!(doc.timeline.iter().map(|r| r.id).collect::<Vec<_>>(), vec![a, c]);
        assert!(t > c);
    }

    #[test]
    fn fresh_id_skips_past_ids_already_present() {
        let mut doc = Document::new();
        doc.tasks.push(Task { id: 7, ..Default::default() });
        assert_eq!(doc.add_row(), 8);
    }

    #[test]
    fn serde_round_trip_and_missing_fields_default() {
        let mut doc = Document::new();
        doc.title = "LB outage".into();
        doc.status = Status::InReview;
        let id = doc.add_row();
        let row = doc.row_mut(id).unwrap();
        row.event = "Alert".into();
        row.tag = Some(Tag::MisleadingPath);
        doc.lessons = Some(Lessons { got_lucky: "Low traffic".into(), ..Default::default() });
        let json = serde_json::to_string(&doc).unwrap();
        assert!(json.contains("\"in_review\"") && json.contains("\"misleading_path\""), "{json}");
        assert_eq!(serde_json::from_str::<Document>(&json).unwrap(), doc);
        let partial: Document = serde_json::from_str(r#"{"title":"x"}"#).unwrap();
        assert_eq!(partial.title, "x");
        assert!(partial.timeline.is_empty() && partial.lessons.is_none());
    }

    #[test]
    fn the_public_version_leaves_out_exactly_what_is_internal() {
        let mut doc = Document::new();
        for (event, internal) in [("Alert", false), ("Paged the DBA", true), ("Fixed", false)] {
            let id = doc.add_row();
            let row = doc.row_mut(id).unwrap();
            row.event = event.into();
            row.internal = internal;
        }
        doc.tasks.push(Task {
            id: 90,
            text: "Rotate keys".into(),
            internal: true,
            ..Default::default()
        });
        doc.tasks.push(Task { id: 91, text: "Add alert".into(), ..Default::default() });
        doc.custom.push(CustomSection {
            id: 92,
            heading: "Blame".into(),
            internal: true,
            ..Default::default()
        });
        doc.misleading = Some("We looked at DNS.".into());
        doc.escalation = Some("Paged at 03:00.".into());
        doc.internal.escalation = true;
        doc.lessons = Some(Lessons::default());
        assert!(doc.has_internal());

        let public = doc.public_version();
        let events: Vec<&str> = public.timeline.iter().map(|r| r.event.as_str()).collect();
        assert_eq!(events, ["Alert", "Fixed"]);
        assert_eq!(public.tasks.iter().map(|t| t.id).collect::<Vec<_>>(), [91]);
        assert!(public.custom.is_empty());
        assert_eq!(public.misleading.as_deref(), Some("We looked at DNS."));
        assert_eq!(public.escalation, None);
        assert!(public.lessons.is_some());
        assert!(!public.has_internal());
        assert_eq!(public.public_version(), public);
    }

    #[test]
    fn tags_read_back_from_their_labels() {
        for tag in Tag::ALL {
            assert_eq!(Tag::from_label(tag.label()), Some(tag));
            assert_eq!(Tag::from_label(&tag.label().to_uppercase()), Some(tag));
        }
        assert_eq!(Tag::from_label("Lunch"), None);
    }

    #[test]
    fn move_by_swaps_neighbours_and_stops_at_the_ends() {
        let mut v = vec![1, 2, 3];
        assert!(move_by(&mut v, |&x| x == 1, 1));
        assert_eq!(v, [2, 1, 3]);
        assert!(!move_by(&mut v, |&x| x == 2, -1));
        assert!(!move_by(&mut v, |&x| x == 3, 1));
        assert!(!move_by(&mut v, |&x| x == 9, 1));
    }
}
