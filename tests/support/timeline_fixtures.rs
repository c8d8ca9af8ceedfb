// Each test that includes this uses a part of it.
#![allow(dead_code)]

//! The timeline fixtures of `tests/fixtures/timelines` (see its README):
//! each `NAME.md` with the rows its `NAME.rows` states. Shared by the
//! native test of the rows and the end-to-end one.

use std::path::{Path, PathBuf};

// Declared by the test that includes this, beside it.
use crate::fixture_pairs;

pub struct Fixture {
    pub name: String,
    pub path: PathBuf,
    pub text: String,
    /// Time and the start of the event, in document order.
    pub rows: Vec<(String, String)>,
}

pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/timelines")
}

pub fn fixtures() -> Vec<Fixture> {
    fixture_pairs::pairs(&dir(), "md")
        .into_iter()
        .map(|pair| {
            assert!(pair.settings.is_empty(), "{}.rows: timelines take no settings", pair.name);
            Fixture { name: pair.name, path: pair.path, text: pair.text, rows: pair.rows }
        })
        .collect()
}
