//! The document's blocks, as the export writes them (`export::blocks`)
//! and the preview renders them (`render::block_html`): each block's key,
//! the container it sits in, its Markdown, and (`Shape::keys`) their order,
//! written once for the export and the editor's preview alike.

use crate::model::{Document, RowId};

/// What decides which blocks a document has: its rows, the optional
/// sections that are on, its own sections, measures and tasks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    pub rows: Vec<RowId>,
    pub misleading: bool,
    pub escalation: bool,
    pub lessons: bool,
    pub custom: Vec<RowId>,
    pub improvements: Vec<RowId>,
    pub tasks: Vec<RowId>,
}

impl Shape {
    pub fn of(doc: &Document) -> Shape {
        Shape {
            rows: doc.timeline.iter().map(|r| r.id).collect(),
            misleading: doc.misleading.is_some(),
            escalation: doc.escalation.is_some(),
            lessons: doc.lessons.is_some(),
            custom: doc.custom.iter().map(|c| c.id).collect(),
            improvements: doc.improvements.iter().map(|i| i.id).collect(),
            tasks: doc.tasks.iter().map(|t| t.id).collect(),
        }
    }

    /// Every block, in the order the document reads. A block may come out
    /// empty (the tasks' heading when no task has text yet).
    pub fn keys(&self) -> Vec<Key> {
        let mut keys = vec![
            Key::FrontMatter,
            Key::Title,
            Key::Meta,
            Key::Intro,
            Key::Summary,
            Key::TimelineHead,
            Key::TableHead,
        ];
        keys.extend(self.rows.iter().map(|&id| Key::Row(id)));
        keys.extend([Key::RootCause, Key::Resolution]);
        let optional = [
            (self.misleading, Key::Misleading),
            (self.escalation, Key::Escalation),
            (self.lessons, Key::Lessons),
        ];
        keys.extend(optional.into_iter().filter(|(on, _)| *on).map(|(_, key)| key));
        keys.extend(self.custom.iter().map(|&id| Key::Custom(id)));
        keys.push(Key::MeasuresHead);
        keys.extend(self.improvements.iter().map(|&id| Key::Improvement(id)));
        keys.push(Key::TasksHead);
        keys.extend(self.tasks.iter().map(|&id| Key::Task(id)));
        keys
    }
}

/// Where a block sits: at the top level of the document, or as an item of
/// the timeline table or of a list (which the preview renders into the
/// table's body or the list's element).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    FrontMatter,
    Title,
    Meta,
    Intro,
    Summary,
    TimelineHead,
    /// The timeline table without its rows; the rows go into its body.
    TableHead,
    Row(RowId),
    RootCause,
    Resolution,
    Misleading,
    Escalation,
    Lessons,
    Custom(RowId),
    MeasuresHead,
    Improvement(RowId),
    TasksHead,
    Task(RowId),
}

impl Key {
    /// The container a block belongs to, if it is not top-level.
    pub fn container(self) -> Option<Container> {
        match self {
            Key::Row(_) => Some(Container::Timeline),
            Key::Improvement(_) => Some(Container::Improvements),
            Key::Task(_) => Some(Container::Tasks),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Container {
    Timeline,
    Improvements,
    Tasks,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub key: Key,
    pub markdown: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_follow_the_document_and_leave_out_what_is_off() {
        let mut doc = Document::new();
        let row = doc.add_row();
        doc.lessons = Some(Default::default());
        let task = doc.fresh_id();
        doc.tasks.push(crate::model::Task { id: task, ..Default::default() });
        let shape = Shape::of(&doc);
        let keys = shape.keys();
        assert_eq!(
            keys[..8],
            [
                Key::FrontMatter,
                Key::Title,
                Key::Meta,
                Key::Intro,
                Key::Summary,
                Key::TimelineHead,
                Key::TableHead,
                Key::Row(row)
            ]
        );
        assert_eq!(
            keys[8..],
            [
                Key::RootCause,
                Key::Resolution,
                Key::Lessons,
                Key::MeasuresHead,
                Key::TasksHead,
                Key::Task(task)
            ]
        );
        let all_on = Shape { misleading: true, escalation: true, custom: vec![7], ..shape };
        let keys = all_on.keys();
        let at = |key| keys.iter().position(|k| *k == key).unwrap();
        assert!(at(Key::Resolution) < at(Key::Misleading));
        assert!(
            at(Key::Misleading) < at(Key::Escalation) && at(Key::Escalation) < at(Key::Lessons)
        );
        assert!(
            at(Key::Lessons) < at(Key::Custom(7)) && at(Key::Custom(7)) < at(Key::MeasuresHead)
        );
    }
}
