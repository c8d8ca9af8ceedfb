// Each test that includes this uses a part of it.
#![allow(dead_code)]

//! The timeline fixtures of `tests/fixtures/timelines` (see its README):
//! each `NAME.md` with the rows its `NAME.rows` states. Shared by the
//! native test of the rows and the end-to-end one.

use std::path::{Path, PathBuf};

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
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .expect("tests/fixtures/timelines")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".rows").map(str::to_string))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let path = dir().join(format!("{name}.md"));
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}.md: {e}"));
            let rows = std::fs::read_to_string(dir().join(format!("{name}.rows")))
                .unwrap_or_else(|e| panic!("{name}.rows: {e}"))
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    let (time, event) = l
                        .split_once('\t')
                        .unwrap_or_else(|| panic!("{name}.rows: no tab in {l:?}"));
                    (time.to_string(), event.to_string())
                })
                .collect();
            Fixture { name, path, text, rows }
        })
        .collect()
}
