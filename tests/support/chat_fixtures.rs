// Each test that includes this uses a part of it.
#![allow(dead_code)]

//! The chat fixtures of `tests/fixtures/chats` (see its README): each
//! `NAME.txt` with the scene and rows its `NAME.rows` states. Shared by the
//! native test and the end-to-end one.

use std::path::{Path, PathBuf};

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
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .expect("tests/fixtures/chats")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".rows").map(str::to_string))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let path = dir().join(format!("{name}.txt"));
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}.txt: {e}"));
            let spec = std::fs::read_to_string(dir().join(format!("{name}.rows")))
                .unwrap_or_else(|e| panic!("{name}.rows: {e}"));
            let mut f = ChatFixture {
                name: name.clone(),
                path,
                text,
                date: String::new(),
                today: String::new(),
                zone: String::new(),
                rows: Vec::new(),
            };
            for line in spec.lines().filter(|l| !l.trim().is_empty()) {
                if let Some(setting) = line.strip_prefix("# ") {
                    let (key, value) = setting.split_once(' ').unwrap_or((setting, ""));
                    match key {
                        "date" => f.date = value.to_string(),
                        "today" => f.today = value.to_string(),
                        "zone" => f.zone = value.to_string(),
                        other => panic!("{name}.rows: unknown setting {other:?}"),
                    }
                    continue;
                }
                let (time, event) = line
                    .split_once('\t')
                    .unwrap_or_else(|| panic!("{name}.rows: no tab in {line:?}"));
                f.rows.push((time.to_string(), event.to_string()));
            }
            f
        })
        .collect()
}
