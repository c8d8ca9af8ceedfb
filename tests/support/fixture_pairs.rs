// Each test that includes this uses a part of it.
#![allow(dead_code)]

//! Fixtures that come in pairs: `NAME.EXT`, the input, and `NAME.rows`, the
//! rows it must give (a time, a tab, the event), with `# key value`
//! settings among them. Read here for the timeline and the chat fixtures.

use std::path::{Path, PathBuf};

pub struct Pair {
    pub name: String,
    pub path: PathBuf,
    pub text: String,
    /// `# key value` lines of `NAME.rows`, in order.
    pub settings: Vec<(String, String)>,
    /// Time and event of each row, in order.
    pub rows: Vec<(String, String)>,
}

/// Every pair in `dir`, by name.
pub fn pairs(dir: &Path, extension: &str) -> Vec<Pair> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".rows").map(str::to_string))
        .collect();
    names.sort();
    names.into_iter().map(|name| pair(dir, name, extension)).collect()
}

fn pair(dir: &Path, name: String, extension: &str) -> Pair {
    let path = dir.join(format!("{name}.{extension}"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}.{extension}: {e}"));
    let spec = std::fs::read_to_string(dir.join(format!("{name}.rows")))
        .unwrap_or_else(|e| panic!("{name}.rows: {e}"));
    let (mut settings, mut rows) = (Vec::new(), Vec::new());
    for line in spec.lines().filter(|l| !l.trim().is_empty()) {
        if let Some(setting) = line.strip_prefix("# ") {
            let (key, value) = setting.split_once(' ').unwrap_or((setting, ""));
            settings.push((key.to_string(), value.to_string()));
            continue;
        }
        let (time, event) =
            line.split_once('\t').unwrap_or_else(|| panic!("{name}.rows: no tab in {line:?}"));
        rows.push((time.to_string(), event.to_string()));
    }
    Pair { name, path, text, settings, rows }
}
