//! One file holding every draft: *Download all drafts* writes it, *Restore
//! drafts* reads it back, here or in another browser.
//!
//! Restoring only adds: a draft the store lacks is added as it was; one the
//! store holds in the same or a newer version is skipped; one the backup
//! holds in a newer, different version is added beside the one here, as a
//! copy. Drafts that were set aside as unreadable travel byte for byte. A
//! file that is not a backup, is cut short, or comes from a newer version
//! is refused before anything is written.

use serde::{Deserialize, Serialize};

use super::{migrate, new_id, read, set_aside_entries, write, Draft, KeyValue, SaveError, Stored};
use crate::json::{self, ReadError, Value};
use crate::model::Document;

/// What the file says it is, so that no other JSON is taken for one.
const FORMAT: &str = "postmortem-drafts";
/// Bumped when the file's shape changes; a newer one is refused.
pub const BACKUP_VERSION: u64 = 1;

/// Written with the documents as they are, read with them as [`Value`]s.
#[derive(Serialize, Deserialize)]
struct File<D> {
    format: String,
    version: u64,
    /// Milliseconds since the Unix epoch.
    created: f64,
    drafts: Vec<BackedUp<D>>,
    /// Drafts this editor could not read when they were backed up, as
    /// stored: the key and the exact text.
    #[serde(default)]
    set_aside: Vec<Raw>,
}

#[derive(Serialize, Deserialize)]
struct BackedUp<D> {
    id: String,
    updated: f64,
    #[serde(default)]
    revision: u64,
    /// Read through `migrate`, so a backup made by an older version restores.
    doc: D,
}

#[derive(Serialize, Deserialize)]
struct Raw {
    key: String,
    value: String,
}

/// The backup file of everything in the store (drafts set aside included).
pub fn backup(store: &mut impl KeyValue, now: f64) -> String {
    let loaded = super::load_all(store);
    let file: File<&Document> = File {
        format: FORMAT.into(),
        version: BACKUP_VERSION,
        created: now,
        drafts: loaded
            .drafts
            .iter()
            .map(|d| BackedUp {
                id: d.id.clone(),
                updated: d.updated,
                revision: d.revision,
                doc: &d.doc,
            })
            .collect(),
        set_aside: set_aside_entries(store)
            .into_iter()
            .map(|(key, value)| Raw { key, value })
            .collect(),
    };
    json::to_text(&file, true).unwrap_or_default()
}

/// A file name for a backup made at `date` ("2024-06-01").
pub fn file_name(date: &str) -> String {
    format!("postmortem-drafts-{date}.json")
}

/// Why a file was not restored. Nothing was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RestoreError {
    Empty,
    NotABackup(String),
    CutShort,
    Newer(u64),
}

impl std::fmt::Display for RestoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Nothing was restored: ")?;
        match self {
            RestoreError::Empty => f.write_str("the file is empty."),
            RestoreError::NotABackup(what) => write!(
                f,
                "this file is not a backup of drafts ({what}). A backup is the file that \
                 \u{201c}Download all drafts\u{201d} saves; to bring in a postmortem written \
                 in Markdown, use Import."
            ),
            RestoreError::CutShort => f.write_str(
                "the file ends too soon, as if it was cut short while being copied or saved. \
                 Try the original file again.",
            ),
            RestoreError::Newer(version) => write!(
                f,
                "the backup was made by a newer version of this editor (backup format \
                 {version}). Reload the page to get the newest version, then restore it."
            ),
        }
    }
}

/// What a restore did, draft by draft (titles, for the user).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub added: Vec<String>,
    /// Newer in the backup than here, and different: added beside it.
    pub added_as_copies: Vec<String>,
    /// Already here, or newer here: left as they are.
    pub skipped: Vec<(String, String)>,
    /// Set-aside drafts put back aside (or unreadable ones kept aside).
    pub kept_aside: usize,
    /// The store filled up; the rest was not restored.
    pub full: Option<SaveError>,
}

impl Report {
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let count = |n: usize| if n == 1 { "1 draft".to_string() } else { format!("{n} drafts") };
        parts.push(match self.added.len() {
            0 => "No draft was missing here, so none was added.".to_string(),
            n => format!("Added {}: {}.", count(n), quoted(&self.added)),
        });
        if !self.added_as_copies.is_empty() {
            parts.push(format!(
                "Added {} as copies beside an older version here: {}.",
                count(self.added_as_copies.len()),
                quoted(&self.added_as_copies)
            ));
        }
        if !self.skipped.is_empty() {
            let reasons: Vec<String> = self
                .skipped
                .iter()
                .map(|(t, why)| format!("\u{201c}{t}\u{201d} ({why})"))
                .collect();
            parts.push(format!("Skipped {}: {}.", count(self.skipped.len()), reasons.join(", ")));
        }
        if self.kept_aside > 0 {
            parts.push(format!(
                "Kept {} that this editor cannot open aside, untouched.",
                count(self.kept_aside)
            ));
        }
        if let Some(e) = &self.full {
            parts.push(format!("The rest was not restored: {e}"));
        }
        parts.join(" ")
    }
}

fn quoted(titles: &[String]) -> String {
    titles.iter().map(|t| format!("\u{201c}{t}\u{201d}")).collect::<Vec<_>>().join(", ")
}

/// Reads a backup file and adds to the store what it lacks.
pub fn restore(store: &mut impl KeyValue, text: &str, now: f64) -> Result<Report, RestoreError> {
    let file = parse(text)?;
    let mut report = Report::default();
    // Documents already here under any id: a copy restored before is not
    // restored again.
    let mut here: Vec<crate::model::Document> =
        super::load_all(store).drafts.into_iter().map(|d| d.doc).collect();
    for entry in file.drafts {
        let title = entry.doc.get("title").and_then(Value::as_str).unwrap_or("").trim();
        let title = if title.is_empty() { "Untitled postmortem" } else { title }.to_string();
        let doc = match migrate(entry.doc.clone()) {
            Ok(doc) => doc,
            // A draft this version cannot read is kept aside, as written.
            Err(_) => {
                let raw =
                    Stored { updated: entry.updated, revision: entry.revision, doc: entry.doc };
                let key = super::aside_key(store, &entry.id);
                if let Err(e) = store.set(&key, &json::to_text(&raw, false).unwrap_or_default()) {
                    report.full = Some(e);
                    break;
                }
                report.kept_aside += 1;
                continue;
            }
        };
        let backed_up =
            Draft { id: entry.id.clone(), updated: entry.updated, revision: entry.revision, doc };
        let result = match read(store, &entry.id) {
            Ok(None) => write(store, &backed_up).map(|()| report.added.push(title)),
            Ok(Some(same)) if same.doc == backed_up.doc => {
                report.skipped.push((title, "already here".into()));
                Ok(())
            }
            Ok(Some(newer)) if newer.updated >= backed_up.updated => {
                report.skipped.push((title, "a newer version is here".into()));
                Ok(())
            }
            // Newer in the backup, or unreadable here: both are kept, the
            // backup's titled so that the two can be told apart.
            Ok(Some(_)) | Err(_) => {
                let mut doc = backed_up.doc;
                doc.title = format!("{title} (from the backup)");
                if here.contains(&doc) {
                    report.skipped.push((title, "restored before".into()));
                    continue;
                }
                let copy = Draft { id: new_id(store, now), revision: 1, doc, ..backed_up };
                let written = write(store, &copy);
                here.push(copy.doc);
                written.map(|()| report.added_as_copies.push(title))
            }
        };
        if let Err(e) = result {
            report.full = Some(e);
            break;
        }
    }
    if report.full.is_none() {
        let here = set_aside_entries(store);
        for raw in file.set_aside {
            if here.iter().any(|(_, value)| *value == raw.value) {
                continue;
            }
            let key = if store.get(&raw.key).is_none() && raw.key.starts_with(super::ASIDE_PREFIX) {
                raw.key
            } else {
                super::aside_key(store, "restored")
            };
            if let Err(e) = store.set(&key, &raw.value) {
                report.full = Some(e);
                break;
            }
            report.kept_aside += 1;
        }
    }
    Ok(report)
}

/// The file, checked whole before anything is written.
fn parse(text: &str) -> Result<File<Value>, RestoreError> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(RestoreError::Empty);
    }
    let value = json::parse(text).map_err(|e| match e {
        ReadError::CutShort => RestoreError::CutShort,
        _ if text.trim_start().starts_with('{') => {
            RestoreError::NotABackup(format!("it is damaged: {e}"))
        }
        _ => RestoreError::NotABackup("it is not JSON".into()),
    })?;
    if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(RestoreError::NotABackup("it is JSON, but not one this editor wrote".into()));
    }
    let version = value.get("version").and_then(Value::as_u64).unwrap_or(0);
    if version > BACKUP_VERSION {
        return Err(RestoreError::Newer(version));
    }
    json::from_value(value)
        .map_err(|e| RestoreError::NotABackup(format!("its contents do not read: {e}")))
}

#[cfg(test)]
mod tests {
    use super::super::{draft_key, load_all, save, MemoryStore};
    use super::*;

    fn doc(title: &str) -> Document {
        let mut d = Document::new();
        d.title = title.into();
        d.add_row();
        d
    }

    fn store_with(drafts: &[(&str, &str, f64)]) -> MemoryStore {
        let mut s = MemoryStore::default();
        for (id, title, at) in drafts {
            save(&mut s, id, &doc(title), *at, 0).unwrap();
        }
        s
    }

    #[test]
    fn a_backup_restores_into_an_empty_browser_as_it_was() {
        let mut here = store_with(&[("a", "Disk full", 1.0), ("b", "DNS", 2.0)]);
        here.set("postmortem/aside/c", "{\"doc\": broken").unwrap();
        let file = backup(&mut here, 3.0);
        let mut elsewhere = MemoryStore::default();
        let report = restore(&mut elsewhere, &file, 4.0).unwrap();
        assert_eq!(report.added, ["DNS", "Disk full"]);
        assert_eq!(report.kept_aside, 1);
        assert_eq!(elsewhere.entries, here.entries, "every entry, byte for byte");
        assert!(report.summary().contains("Added 2 drafts"), "{}", report.summary());
    }

    #[test]
    fn restoring_never_replaces_a_newer_draft_and_keeps_both_when_the_backup_is_newer() {
        let mut then =
            store_with(&[("a", "Old title", 1.0), ("b", "Same", 1.0), ("c", "Gone", 1.0)]);
        save(&mut then, "d", &doc("Newer in backup"), 5.0, 0).unwrap();
        let file = backup(&mut then, 6.0);
        let mut now = store_with(&[("a", "Edited since", 7.0), ("b", "Same", 1.0)]);
        save(&mut now, "d", &doc("Older here"), 2.0, 0).unwrap();
        let report = restore(&mut now, &file, 8.0).unwrap();
        assert_eq!(report.added, ["Gone"]);
        assert_eq!(report.added_as_copies, ["Newer in backup"]);
        assert_eq!(
            report.skipped,
            [
                ("Old title".to_string(), "a newer version is here".to_string()),
                ("Same".to_string(), "already here".to_string())
            ]
        );
        let titles: Vec<String> =
            load_all(&mut now).drafts.into_iter().map(|d| d.doc.title).collect();
        for kept in
            ["Edited since", "Same", "Gone", "Newer in backup (from the backup)", "Older here"]
        {
            assert!(titles.contains(&kept.to_string()), "{kept} in {titles:?}");
        }
        // Restoring twice adds nothing more.
        let again = restore(&mut now, &file, 9.0).unwrap();
        assert!(again.added.is_empty() && again.added_as_copies.is_empty(), "{again:?}");
    }

    #[test]
    fn a_bad_file_is_refused_with_its_reason_and_changes_nothing() {
        let mut s = store_with(&[("a", "Kept", 1.0)]);
        let before = s.entries.clone();
        let good = backup(&mut store_with(&[("z", "In the file", 1.0)]), 2.0);
        let newer = good.replacen("\"version\": 1", "\"version\": 2", 1);
        for (text, expected) in [
            ("", RestoreError::Empty),
            ("# Postmortem: Disk full\n", RestoreError::NotABackup("it is not JSON".into())),
            (
                "{\"title\": \"x\"}",
                RestoreError::NotABackup("it is JSON, but not one this editor wrote".into()),
            ),
            (&good[..good.len() / 2], RestoreError::CutShort),
            (&newer, RestoreError::Newer(2)),
        ] {
            assert_eq!(restore(&mut s, text, 3.0), Err(expected), "{text}");
            assert_eq!(s.entries, before);
        }
        let damaged = good.replacen("\"drafts\": [", "\"drafts\": [}", 1);
        assert!(matches!(restore(&mut s, &damaged, 3.0), Err(RestoreError::NotABackup(_))));
        let wrong_shape = good.replacen("\"drafts\": [", "\"drafts\": 5, \"x\": [", 1);
        assert!(matches!(restore(&mut s, &wrong_shape, 3.0), Err(RestoreError::NotABackup(_))));
        assert_eq!(s.entries, before);
        for e in [RestoreError::Empty, RestoreError::CutShort, RestoreError::Newer(2)] {
            assert!(e.to_string().starts_with("Nothing was restored"), "{e}");
        }
    }

    #[test]
    fn a_draft_this_version_cannot_read_is_kept_aside_not_dropped() {
        let file = format!(
            r#"{{"format":"{FORMAT}","version":1,"created":1,"drafts":[
                {{"id":"f","updated":1,"doc":{{"version":999,"title":"From the future"}}}},
                {{"id":"v1","updated":1,"doc":{{"version":1,"title":"Old","summary":"text"}}}}]}}"#
        );
        let mut s = MemoryStore::default();
        let report = restore(&mut s, &file, 2.0).unwrap();
        assert_eq!(report.added, ["Old"]);
        assert_eq!(report.kept_aside, 1);
        let aside = set_aside_entries(&s);
        assert!(aside[0].1.contains("From the future"), "{aside:?}");
        assert!(s.get(&draft_key("v1")).is_some());
    }

    #[test]
    fn a_full_store_stops_the_restore_and_says_so() {
        let file = backup(&mut store_with(&[("a", "A", 1.0), ("b", "B", 2.0)]), 3.0);
        let mut s = MemoryStore { capacity: Some(900), ..Default::default() };
        let report = restore(&mut s, &file, 4.0).unwrap();
        assert_eq!(report.added.len(), 1, "{report:?}");
        assert_eq!(report.full, Some(SaveError::Full));
        assert!(report.summary().contains("not restored"), "{}", report.summary());
    }
}
