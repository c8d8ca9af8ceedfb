//! The postmortem document: plain data, serde-serialisable and versioned.
//!
//! Fields hold what the person typed, not parsed values: nothing typed is ever
//! lost, and parsing (times, durations) is derived where it is needed.

use serde::{Deserialize, Serialize};

/// Bumped whenever the stored shape changes; `storage` migrates older drafts.
pub const MODEL_VERSION: u32 = 1;

/// Stable identity of a row inside one document. Lists render keyed by it,
/// never by index, so moving or deleting a row keeps focus and DOM state.
pub type RowId = u64;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Document {
    pub version: u32,
    pub title: String,
    pub summary: String,
    pub timeline: Vec<TimelineRow>,
    /// Next id to hand out; ids are never reused within a document.
    pub next_id: RowId,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimelineRow {
    pub id: RowId,
    pub time: String,
    pub event: String,
}

impl Document {
    pub fn new() -> Self {
        Document { version: MODEL_VERSION, next_id: 1, ..Default::default() }
    }

    pub fn fresh_id(&mut self) -> RowId {
        // Guard against documents whose counter lags their rows (hand-edited JSON).
        let max = self.timeline.iter().map(|r| r.id).max().unwrap_or(0);
        let id = self.next_id.max(max + 1);
        self.next_id = id + 1;
        id
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_never_reused() {
        let mut doc = Document::new();
        let a = doc.add_row();
        let b = doc.add_row();
        doc.remove_row(b);
        let c = doc.add_row();
        assert_ne!(a, b);
        assert_ne!(c, b, "a removed row's id must not come back");
        assert_eq!(doc.timeline.iter().map(|r| r.id).collect::<Vec<_>>(), vec![a, c]);
    }

    #[test]
    fn fresh_id_skips_past_ids_already_present() {
        let mut doc = Document::new();
        doc.timeline.push(TimelineRow { id: 7, ..Default::default() });
        assert_eq!(doc.add_row(), 8);
    }

    #[test]
    fn serde_round_trip_and_missing_fields_default() {
        let mut doc = Document::new();
        doc.title = "LB outage".into();
        let id = doc.add_row();
        doc.row_mut(id).unwrap().event = "Alert".into();
        let json = serde_json::to_string(&doc).unwrap();
        assert_eq!(serde_json::from_str::<Document>(&json).unwrap(), doc);
        let partial: Document = serde_json::from_str(r#"{"title":"x"}"#).unwrap();
        assert_eq!(partial.title, "x");
        assert!(partial.timeline.is_empty());
    }
}
