// Each test that includes this uses a part of it.
#![allow(dead_code)]

//! The chat fixtures of `tests/fixtures/chats` (see its README): each
//! `NAME.txt` with the scene and rows its `NAME.rows` states. Shared by the
//! native test and the end-to-end one.

use std::path::{Path, PathBuf};

// Declared by the test that includes this, beside it.
use crate::fixture_pairs;

pub struct ChatFixture {
    pub name: String,
    pub path: PathBuf,
    pub text: String,
    /// The outage's first day, the day of pasting, the document's zone.
    pub date: String,
    pub today: String,
    pub zone: String,
    /// Time and event of each proposed row, in order.
    pub rows: Vec<(String, String)>,
}

pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/chats")
}

pub fn chat_fixtures() -> Vec<ChatFixture> {
    fixture_pairs::pairs(&dir(), "txt")
        .into_iter()
        .map(|pair| {
            let mut f = ChatFixture {
                name: pair.name,
                path: pair.path,
                text: pair.text,
                date: String::new(),
                today: String::new(),
                zone: String::new(),
                rows: pair.rows,
            };
            for (key, value) in pair.settings {
                match key.as_str() {
                    "date" => f.date = value,
                    "today" => f.today = value,
                    "zone" => f.zone = value,
                    other => panic!("{}.rows: unknown setting {other:?}", f.name),
                }
            }
            f
        })
        .collect()
}
