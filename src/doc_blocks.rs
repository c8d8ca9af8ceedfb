//! The document's blocks, as the export writes them (`export::blocks`)
//! and the preview renders them (`render::block_html`): each block's key,
//! the container it sits in, and its Markdown.

use crate::model::RowId;

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
