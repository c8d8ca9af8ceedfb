//! Drafts kept in a key-value store (the browser's localStorage in the app,
//! a map in tests): several of them, never lost.
//!
//! Each draft is one key, so a corrupt or oversized draft cannot take the
//! others down with it, and the list is read from the keys themselves, so
//! there is no index to fall out of step. A draft that does not parse, or
//! that a newer version of the app wrote, is moved aside byte for byte and
//! reported; it is never deleted.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{Document, MODEL_VERSION};

const DRAFT_PREFIX: &str = "postmortem/draft/";
const ASIDE_PREFIX: &str = "postmortem/aside/";
const CURRENT_KEY: &str = "postmortem/current";

/// The storage the drafts live in. `set` fails when the store is full.
pub trait KeyValue {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), SaveError>;
    fn remove(&mut self, key: &str);
    fn keys(&self) -> Vec<String>;
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The browser's storage quota is used up.
    Full,
    /// Storage refused for another reason (disabled, private mode...).
    Unavailable(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Full => f.write_str(
                "The browser's storage is full, so this draft is not saved. Your edits are kept \
                 in this tab: download the Markdown, or delete old drafts to make room.",
            ),
            SaveError::Unavailable(why) => write!(
                f,
                "This browser refused to save the draft ({why}). Your edits are kept in this \
                 tab: download the Markdown before you close it."
            ),
        }
    }
}

/// One stored draft as written to the store.
#[derive(Serialize, Deserialize)]
struct Stored {
    /// Milliseconds since the Unix epoch of the last save.
    updated: f64,
    doc: Document,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub id: String,
    pub updated: f64,
    pub doc: Document,
}

/// A stored draft that could not be opened and was moved aside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    pub id: String,
    /// Where its bytes now are, untouched.
    pub key: String,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct Loaded {
    /// Newest first.
    pub drafts: Vec<Draft>,
    pub set_aside: Vec<SetAside>,
}

pub fn draft_key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

/// Reads every draft, migrating older ones and moving unreadable ones aside.
pub fn load_all(store: &mut impl KeyValue) -> Loaded {
    let mut loaded = Loaded::default();
    let mut keys: Vec<String> =
        store.keys().into_iter().filter(|k| k.starts_with(DRAFT_PREFIX)).collect();
    keys.sort();
    for key in keys {
        let id = key[DRAFT_PREFIX.len()..].to_string();
        let Some(raw) = store.get(&key) else { continue };
        match parse(&raw) {
            Ok((updated, doc)) => loaded.drafts.push(Draft { id, updated, doc }),
            Err(reason) => {
                let aside = aside_key(store, &id);
                // Only drop the original once its copy is safely written.
                let key = match store.set(&aside, &raw) {
                    Ok(()) => {
                        store.remove(&key);
                        aside
                    }
                    Err(_) => key,
                };
                loaded.set_aside.push(SetAside { id, key, reason });
            }
        }
    }
    loaded.drafts.sort_by(|a, b| b.updated.total_cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
    loaded
}

fn aside_key(store: &impl KeyValue, id: &str) -> String {
    let base = format!("{ASIDE_PREFIX}{id}");
    let mut key = base.clone();
    let mut n = 1;
    while store.get(&key).is_some() {
        n += 1;
        key = format!("{base}.{n}");
    }
    key
}

fn parse(raw: &str) -> Result<(f64, Document), String> {
    let mut value: Value =
        serde_json::from_str(raw).map_err(|e| format!("it is not valid JSON ({e})"))?;
    let doc = value.get_mut("doc").ok_or("it has no document in it")?.take();
    let updated = value.get("updated").and_then(Value::as_f64).unwrap_or(0.0);
    Ok((updated, migrate(doc)?))
}

/// Brings a stored document of any earlier model version up to the current
/// one. A draft from an older version is migrated, never dropped.
pub fn migrate(doc: Value) -> Result<Document, String> {
    let version = doc.get("version").and_then(Value::as_u64).unwrap_or(1);
    if version > u64::from(MODEL_VERSION) {
        return Err(format!(
            "it was saved by a newer version of this editor (document version {version}); \
             reload the page to get the newest version"
        ));
    }
    let mut doc = doc;
    if version < 2 {
        doc = v1_to_v2(doc);
    }
    // Version 3 added the front matter, empty in older drafts (serde's default).
    let mut doc: Document =
        serde_json::from_value(doc).map_err(|e| format!("its document does not read ({e})"))?;
    doc.version = MODEL_VERSION;
    Ok(doc)
}

/// Version 1 (the first editor screen) had one free-text "summary"; version
/// 2 structures the summary. The old text is kept whole, as a custom
/// section the person can move where it belongs.
fn v1_to_v2(mut doc: Value) -> Value {
    if let Some(obj) = doc.as_object_mut() {
        let text = match obj.remove("summary") {
            Some(Value::String(s)) => s,
            Some(other) if !other.is_null() => other.to_string(),
            _ => String::new(),
        };
        if !text.trim().is_empty() {
            let ids = obj.get("timeline").and_then(Value::as_array).map(|rows| {
                rows.iter().filter_map(|r| r.get("id").and_then(Value::as_u64)).max().unwrap_or(0)
            });
            let next = obj.get("next_id").and_then(Value::as_u64).unwrap_or(1);
            let id = next.max(ids.unwrap_or(0) + 1);
            obj.insert("next_id".into(), Value::from(id + 1));
            obj.insert(
                "custom".into(),
                serde_json::json!([{ "id": id, "heading": "Summary", "body": text }]),
            );
        }
    }
    doc
}

pub fn save(
    store: &mut impl KeyValue,
    id: &str,
    doc: &Document,
    now: f64,
) -> Result<(), SaveError> {
    let json = serde_json::to_string(&Stored { updated: now, doc: doc.clone() })
        .map_err(|e| SaveError::Unavailable(e.to_string()))?;
    store.set(&draft_key(id), &json)
}

pub fn delete(store: &mut impl KeyValue, id: &str) {
    store.remove(&draft_key(id));
}

pub fn current(store: &impl KeyValue) -> Option<String> {
    store.get(CURRENT_KEY)
}

pub fn set_current(store: &mut impl KeyValue, id: &str) -> Result<(), SaveError> {
    store.set(CURRENT_KEY, id)
}

/// A new draft id: time-based so ids sort by creation, with a suffix that
/// keeps two drafts made in the same millisecond apart.
pub fn new_id(store: &impl KeyValue, now: f64) -> String {
    let base = format!("{:013}", now.max(0.0) as u64);
    let mut id = base.clone();
    let mut n = 1;
    while store.get(&draft_key(&id)).is_some() {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// An in-memory store, for tests and as the fallback when the browser has
/// no usable localStorage. `capacity` bounds the total bytes, like a quota.
#[derive(Debug, Default)]
pub struct MemoryStore {
    pub entries: std::collections::BTreeMap<String, String>,
    pub capacity: Option<usize>,
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.entries.get(key).cloned()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), SaveError> {
        if let Some(cap) = self.capacity {
            let others: usize = self
                .entries
                .iter()
                .filter(|(k, _)| *k != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if others + key.len() + value.len() > cap {
                return Err(SaveError::Full);
            }
        }
        self.entries.insert(key.to_string(), value.to_string());
        Ok(())
    }
    fn remove(&mut self, key: &str) {
        self.entries.remove(key);
    }
    fn keys(&self) -> Vec<String> {
        self.entries.keys().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str) -> Document {
        let mut d = Document::new();
        d.title = title.into();
        d.add_row();
        d
    }

    #[test]
    fn round_trip_newest_first() {
        let mut s = MemoryStore::default();
        save(&mut s, "a", &doc("old"), 1.0).unwrap();
        save(&mut s, "b", &doc("new"), 2.0).unwrap();
        let loaded = load_all(&mut s);
        assert!(loaded.set_aside.is_empty());
        let titles: Vec<_> = loaded.drafts.iter().map(|d| d.doc.title.as_str()).collect();
        assert_eq!(titles, ["new", "old"]);
        assert_eq!(loaded.drafts[0].doc, doc("new"));
    }

    #[test]
    fn corrupt_draft_is_moved_aside_untouched_and_the_rest_load() {
        let mut s = MemoryStore::default();
        save(&mut s, "good", &doc("fine"), 1.0).unwrap();
        s.set(&draft_key("bad"), "{\"updated\": 3, \"doc\": {\"title\": ").unwrap();
        s.set(&draft_key("worse"), "\u{0}not json at all").unwrap();
        let loaded = load_all(&mut s);
        assert_eq!(loaded.drafts.len(), 1);
        assert_eq!(loaded.set_aside.len(), 2);
        let bad = &loaded.set_aside[0];
        assert_eq!(bad.id, "bad");
        assert!(bad.reason.contains("not valid JSON"), "{}", bad.reason);
        assert_eq!(s.get(&bad.key).unwrap(), "{\"updated\": 3, \"doc\": {\"title\": ");
        assert!(s.get(&draft_key("bad")).is_none());
        // Loading again finds nothing new to set aside and keeps the first copy.
        let again = load_all(&mut s);
        assert!(again.set_aside.is_empty());
        assert_eq!(s.keys().iter().filter(|k| k.starts_with(ASIDE_PREFIX)).count(), 2);
    }

    #[test]
    fn a_second_corrupt_draft_with_the_same_id_does_not_overwrite_the_first() {
        let mut s = MemoryStore::default();
        s.set(&draft_key("x"), "broken 1").unwrap();
        load_all(&mut s);
        s.set(&draft_key("x"), "broken 2").unwrap();
        load_all(&mut s);
        let kept: Vec<_> = s.entries.values().cloned().collect();
        assert!(kept.contains(&"broken 1".to_string()) && kept.contains(&"broken 2".to_string()));
    }

    #[test]
    fn corrupt_draft_stays_in_place_when_there_is_no_room_to_move_it() {
        let mut s = MemoryStore::default();
        s.set(&draft_key("bad"), "garbage").unwrap();
        s.capacity = Some(30);
        let loaded = load_all(&mut s);
        assert_eq!(loaded.set_aside[0].key, draft_key("bad"));
        assert_eq!(s.get(&draft_key("bad")).unwrap(), "garbage");
    }

    #[test]
    fn full_store_reports_full_and_keeps_the_previous_save() {
        let mut s = MemoryStore { capacity: Some(700), ..Default::default() };
        save(&mut s, "a", &doc("small"), 1.0).unwrap();
        let mut big = doc("big");
        big.root_cause = "x".repeat(1000);
        assert_eq!(save(&mut s, "a", &big, 2.0), Err(SaveError::Full));
        assert_eq!(load_all(&mut s).drafts[0].doc.title, "small");
        assert!(SaveError::Full.to_string().contains("full"));
    }

    #[test]
    fn draft_from_a_newer_version_is_set_aside_not_dropped() {
        let mut s = MemoryStore::default();
        let raw = format!(
            r#"{{"updated":1,"doc":{{"version":{},"title":"future"}}}}"#,
            MODEL_VERSION + 1
        );
        s.set(&draft_key("f"), &raw).unwrap();
        let loaded = load_all(&mut s);
        assert!(loaded.set_aside[0].reason.contains("newer version"));
        assert_eq!(s.get(&loaded.set_aside[0].key).unwrap(), raw);
    }

    #[test]
    fn draft_without_version_reads_as_version_one() {
        let doc = migrate(serde_json::json!({"title": "t", "timeline": [{"id": 3, "time": "1:00", "event": "e"}]})).unwrap();
        assert_eq!(doc.version, MODEL_VERSION);
        assert_eq!(doc.timeline[0].event, "e");
    }

    #[test]
    fn version_one_draft_is_migrated_keeping_every_field() {
        // Exactly what the first version of the editor saved.
        let raw = r#"{"updated":1700000000000,"doc":{"version":1,"title":"Pool exhausted","summary":"Checkout **down** for 40 min.\n\nSecond paragraph.","timeline":[{"id":1,"time":"14:05","event":"Alert"},{"id":2,"time":"14:20","event":"Pool raised"}],"next_id":3}}"#;
        let mut s = MemoryStore::default();
        s.set(&draft_key("old"), raw).unwrap();
        let loaded = load_all(&mut s);
        assert!(loaded.set_aside.is_empty(), "{:?}", loaded.set_aside);
        let doc = &loaded.drafts[0].doc;
        assert_eq!(doc.version, MODEL_VERSION);
        assert_eq!(doc.title, "Pool exhausted");
        assert_eq!(doc.timeline.len(), 2);
        assert_eq!(doc.timeline[1].event, "Pool raised");
        assert_eq!(doc.custom.len(), 1);
        assert_eq!(doc.custom[0].heading, "Summary");
        assert_eq!(doc.custom[0].body, "Checkout **down** for 40 min.\n\nSecond paragraph.");
        let mut doc = doc.clone();
        let fresh = doc.fresh_id();
        assert!(fresh > doc.custom[0].id && doc.custom[0].id > 2, "ids stay unique");
    }

    #[test]
    fn new_ids_are_unique_even_in_the_same_millisecond() {
        let mut s = MemoryStore::default();
        let a = new_id(&s, 5.0);
        save(&mut s, &a, &doc("a"), 5.0).unwrap();
        let b = new_id(&s, 5.0);
        assert_ne!(a, b);
    }

    #[test]
    fn current_draft_is_remembered() {
        let mut s = MemoryStore::default();
        assert_eq!(current(&s), None);
        set_current(&mut s, "abc").unwrap();
        assert_eq!(current(&s).as_deref(), Some("abc"));
    }
}
