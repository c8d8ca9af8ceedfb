//! Drafts kept in a key-value store (the browser's localStorage in the app,
//! a map in tests): several of them, never lost.
//!
//! Each draft is one key, so a corrupt or oversized draft cannot take the
//! others down with it, and the list is read from the keys themselves, so
//! there is no index to fall out of step. A draft that does not parse, or
//! that a newer version of the app wrote, is moved aside byte for byte and
//! reported; it is never deleted.
//!
//! Several tabs share the store. Each stored draft carries a revision that
//! every save bumps, and a tab saves only over the revision it last read or
//! wrote: when another tab has saved or deleted the draft since, `save`
//! writes nothing and hands back what is stored, and `reconcile` says what
//! the tab does about it.

pub mod backup;
mod migrate;

use serde::{Deserialize, Serialize};

use crate::json::{self, ReadError, Value};

use crate::model::Document;
pub use migrate::migrate;

pub(crate) const DRAFT_PREFIX: &str = "postmortem/draft/";
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
struct Stored<D> {
    /// Milliseconds since the Unix epoch of the last save.
    updated: f64,
    /// Bumped by every save; drafts stored before revisions existed read as 0.
    #[serde(default)]
    revision: u64,
    doc: D,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub id: String,
    pub updated: f64,
    pub revision: u64,
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
        match parse(&id, &raw) {
            Ok(draft) => loaded.drafts.push(draft),
            Err(reason) => {
                let key = set_aside(store, &id, &key, &raw);
                loaded.set_aside.push(SetAside { id, key, reason });
            }
        }
    }
    loaded.drafts.sort_by(|a, b| b.updated.total_cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
    loaded
}

/// Moves an unreadable entry to a key of its own; returns where it is.
fn set_aside(store: &mut impl KeyValue, id: &str, key: &str, raw: &str) -> String {
    let aside = aside_key(store, id);
    // Only drop the original once its copy is safely written.
    match store.set(&aside, raw) {
        Ok(()) => {
            store.remove(key);
            aside
        }
        Err(_) => key.to_string(),
    }
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

/// The raw entries set aside, key and bytes, in key order.
pub fn set_aside_entries(store: &impl KeyValue) -> Vec<(String, String)> {
    let mut keys: Vec<String> =
        store.keys().into_iter().filter(|k| k.starts_with(ASIDE_PREFIX)).collect();
    keys.sort();
    keys.into_iter().filter_map(|k| store.get(&k).map(|v| (k, v))).collect()
}

/// One draft as stored, if there is one. Err when what is stored does not
/// read (it is left where it is).
pub fn read(store: &impl KeyValue, id: &str) -> Result<Option<Draft>, String> {
    store.get(&draft_key(id)).map(|raw| parse(id, &raw)).transpose()
}

fn parse(id: &str, raw: &str) -> Result<Draft, String> {
    let stored: Stored<Value> = json::from_text(raw).map_err(|e| match e {
        ReadError::Shape(why) => format!("it is not a stored draft ({why})"),
        ReadError::CutShort | ReadError::NotJson(_) => format!("it is not valid JSON ({e})"),
    })?;
    let doc = migrate(stored.doc)?;
    Ok(Draft { id: id.to_string(), updated: stored.updated, revision: stored.revision, doc })
}

/// Writes `draft` as it is (its time and revision), over whatever is there.
/// For putting back a draft this tab holds whole: undoing a delete,
/// restoring a backup.
pub fn write(store: &mut impl KeyValue, draft: &Draft) -> Result<(), SaveError> {
    let stored = Stored { updated: draft.updated, revision: draft.revision, doc: &draft.doc };
    let text = json::to_text(&stored, false).map_err(SaveError::Unavailable)?;
    store.set(&draft_key(&draft.id), &text)
}

/// What `save` did.
#[derive(Clone, Debug, PartialEq)]
pub enum Saved {
    /// Written, as this revision.
    Written { revision: u64 },
    /// Nothing written: another tab saved the draft after the revision this
    /// tab had (`stored` is what it saved), or deleted it (`None`), or left
    /// something this version cannot read.
    Overtaken { stored: Option<Box<Draft>> },
}

/// Saves `doc` as draft `id`, unless the stored draft has moved on from
/// `base`, the revision this tab last read or wrote (0 for a draft it never
/// saw stored).
pub fn save(
    store: &mut impl KeyValue,
    id: &str,
    doc: &Document,
    now: f64,
    base: u64,
) -> Result<Saved, SaveError> {
    let stored_revision = match read(store, id) {
        Ok(Some(stored)) if stored.revision > base => {
            return Ok(Saved::Overtaken { stored: Some(Box::new(stored)) })
        }
        Ok(Some(stored)) => stored.revision,
        Ok(None) if base == 0 => 0,
        Ok(None) | Err(_) => return Ok(Saved::Overtaken { stored: None }),
    };
    let revision = stored_revision.max(base) + 1;
    write(store, &Draft { id: id.to_string(), updated: now, revision, doc: doc.clone() })?;
    Ok(Saved::Written { revision })
}

/// Saves `doc` as a new draft whose title says where it came from:
/// "Disk full (from another tab)".
pub fn save_copy(
    store: &mut impl KeyValue,
    doc: &Document,
    origin: &str,
    now: f64,
) -> Result<Draft, SaveError> {
    let mut doc = doc.clone();
    doc.title = format!("{} ({origin})", doc.display_title());
    let draft = Draft { id: new_id(store, now), updated: now, revision: 1, doc };
    write(store, &draft)?;
    Ok(draft)
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

/// Bytes the drafts take in the store, counted as browsers count
/// localStorage: two per UTF-16 unit of each key and value.
pub fn bytes_used(store: &impl KeyValue) -> usize {
    store
        .keys()
        .into_iter()
        .filter(|k| k.starts_with("postmortem/"))
        .map(|k| {
            let value = store.get(&k).unwrap_or_default();
            2 * (k.encode_utf16().count() + value.encode_utf16().count())
        })
        .sum()
}

/// "812 bytes", "12 KB", "3.4 MB", "1.2 GB", counted in integers: the
/// browser build carries no float formatting for this.
pub fn size_in_words(bytes: u64) -> String {
    const KB: u64 = 1024;
    match bytes {
        b if b < KB => format!("{b} bytes"),
        b if b < KB * KB => format!("{} KB", (b + KB / 2) / KB),
        b => {
            let (unit, name) =
                if b < KB * KB * KB { (KB * KB, "MB") } else { (KB * KB * KB, "GB") };
            let tenths = (b * 10 + unit / 2) / unit;
            format!("{}.{} {name}", tenths / 10, tenths % 10)
        }
    }
}

/// What a change another tab made to the store, under `key`, is about.
/// (`None` is the whole store cleared.)
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changed {
    Draft(String),
    Everything,
    Nothing,
}

pub fn changed(key: Option<&str>) -> Changed {
    match key {
        None => Changed::Everything,
        Some(key) => match key.strip_prefix(DRAFT_PREFIX) {
            Some(id) => Changed::Draft(id.to_string()),
            // A draft set aside elsewhere leaves the list.
            None if key.starts_with(ASIDE_PREFIX) => Changed::Everything,
            None => Changed::Nothing,
        },
    }
}

/// What a tab does once another tab has saved or deleted its open draft.
#[derive(Clone, Debug, PartialEq)]
pub enum Reconcile {
    /// Nothing newer than what this tab has (its own save coming back).
    UpToDate,
    /// This tab changed nothing since: it shows the other tab's version.
    TakeTheirs(Draft),
    /// Deleted elsewhere, and nothing here was unsaved: this tab lets go.
    Gone,
    /// Both changed it: this tab's version is saved as a copy, and the other
    /// tab's (if it was not deleted) stays as it is.
    KeepBoth { theirs: Option<Draft> },
}

/// `base` is the revision this tab last read or wrote, `unsaved` whether it
/// holds edits not yet saved, `stored` what the store holds now.
pub fn reconcile(base: u64, unsaved: bool, stored: Result<Option<Draft>, String>) -> Reconcile {
    match stored {
        Ok(Some(theirs)) if theirs.revision <= base => Reconcile::UpToDate,
        Ok(Some(theirs)) if unsaved => Reconcile::KeepBoth { theirs: Some(theirs) },
        Ok(Some(theirs)) => Reconcile::TakeTheirs(theirs),
        // Never stored, so nothing was deleted.
        Ok(None) if base == 0 => Reconcile::UpToDate,
        Ok(None) if unsaved => Reconcile::KeepBoth { theirs: None },
        Ok(None) => Reconcile::Gone,
        // Unreadable here (a newer version's tab?): left alone; this tab's
        // edits, if any, go to a copy rather than over it.
        Err(_) if unsaved => Reconcile::KeepBoth { theirs: None },
        Err(_) => Reconcile::UpToDate,
    }
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
    #[test]
    fn sizes_read_in_the_unit_that_suits_them() {
        let words: Vec<_> = [
            0,
            1023,
            1024,
            1535,
            1536,
            1024 * 1024 - 1,
            1024 * 1024,
            3_565_158,
            50 * 1024 * 1024 * 1024 / 40,
            5 * 1024 * 1024 * 1024 + 1,
        ]
        .into_iter()
        .map(super::size_in_words)
        .collect();
        assert_eq!(
            words,
            [
                "0 bytes",
                "1023 bytes",
                "1 KB",
                "1 KB",
                "2 KB",
                "1024 KB",
                "1.0 MB",
                "3.4 MB",
                "1.3 GB",
                "5.0 GB"
            ]
        );
    }

    use super::*;
    use crate::model::MODEL_VERSION;

    fn doc(title: &str) -> Document {
        let mut d = Document::new();
        d.title = title.into();
        d.add_row();
        d
    }

    #[test]
    fn round_trip_newest_first() {
        let mut s = MemoryStore::default();
        save(&mut s, "a", &doc("old"), 1.0, 0).unwrap();
        save(&mut s, "b", &doc("new"), 2.0, 0).unwrap();
        let loaded = load_all(&mut s);
        assert!(loaded.set_aside.is_empty());
        let titles: Vec<_> = loaded.drafts.iter().map(|d| d.doc.title.as_str()).collect();
        assert_eq!(titles, ["new", "old"]);
        assert_eq!(loaded.drafts[0].doc, doc("new"));
    }

    #[test]
    fn corrupt_draft_is_moved_aside_untouched_and_the_rest_load() {
        let mut s = MemoryStore::default();
        save(&mut s, "good", &doc("fine"), 1.0, 0).unwrap();
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
        let mut s = MemoryStore::default();
        save(&mut s, "a", &doc("small"), 1.0, 0).unwrap();
        // Room for the small draft and a little more (bytes_used counts two
        // per character), not for 1,000 more.
        s.capacity = Some(bytes_used(&s) / 2 + 300);
        let mut big = doc("big");
        big.root_cause = "x".repeat(1000);
        assert_eq!(save(&mut s, "a", &big, 2.0, 1), Err(SaveError::Full));
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
        save(&mut s, &a, &doc("a"), 5.0, 0).unwrap();
        let b = new_id(&s, 5.0);
        assert_ne!(a, b);
    }

    #[test]
    fn each_save_bumps_the_revision_and_drafts_from_before_revisions_read_as_0() {
        let mut s = MemoryStore::default();
        s.set(&draft_key("old"), r#"{"updated":1,"doc":{"version":3,"title":"t"}}"#).unwrap();
        assert_eq!(read(&s, "old").unwrap().unwrap().revision, 0);
        assert_eq!(save(&mut s, "old", &doc("t2"), 2.0, 0), Ok(Saved::Written { revision: 1 }));
        assert_eq!(save(&mut s, "old", &doc("t3"), 3.0, 1), Ok(Saved::Written { revision: 2 }));
        let stored = read(&s, "old").unwrap().unwrap();
        assert_eq!((stored.revision, stored.updated, stored.doc.title.as_str()), (2, 3.0, "t3"));
    }

    #[test]
    fn a_tab_never_saves_over_a_newer_save_or_a_delete() {
        let mut s = MemoryStore::default();
        // Two tabs open the same draft at revision 1.
        save(&mut s, "d", &doc("first"), 1.0, 0).unwrap();
        // The first saves a title: revision 2.
        assert_eq!(save(&mut s, "d", &doc("title"), 2.0, 1), Ok(Saved::Written { revision: 2 }));
        // The second, still at 1, is told and gets what is stored; nothing is written.
        let Ok(Saved::Overtaken { stored: Some(theirs) }) =
            save(&mut s, "d", &doc("stale"), 3.0, 1)
        else {
            panic!("the stale save went through")
        };
        assert_eq!((theirs.revision, theirs.doc.title.as_str()), (2, "title"));
        assert_eq!(read(&s, "d").unwrap().unwrap().doc.title, "title");
        // Deleted elsewhere: a tab that had it does not bring it back.
        delete(&mut s, "d");
        assert_eq!(save(&mut s, "d", &doc("late"), 4.0, 2), Ok(Saved::Overtaken { stored: None }));
        assert!(read(&s, "d").unwrap().is_none());
        // What no tab has stored yet is simply written.
        assert_eq!(save(&mut s, "new", &doc("n"), 5.0, 0), Ok(Saved::Written { revision: 1 }));
    }

    #[test]
    fn a_copy_is_a_new_draft_titled_by_where_it_came_from() {
        let mut s = MemoryStore::default();
        save(&mut s, "d", &doc("Disk full"), 1.0, 0).unwrap();
        let copy = save_copy(&mut s, &doc("Disk full"), "from another tab", 2.0).unwrap();
        assert_ne!(copy.id, "d");
        assert_eq!(read(&s, &copy.id).unwrap().unwrap().doc.title, "Disk full (from another tab)");
        let untitled = save_copy(&mut s, &doc(""), "from another tab", 2.0).unwrap();
        assert_eq!(untitled.doc.title, "Untitled postmortem (from another tab)");
        assert_eq!(load_all(&mut s).drafts.len(), 3);
    }

    #[test]
    fn what_a_tab_does_when_its_draft_changes_elsewhere() {
        let theirs = Draft { id: "d".into(), updated: 2.0, revision: 3, doc: doc("theirs") };
        // Its own save, heard back, or an older one: nothing to do.
        assert_eq!(reconcile(3, false, Ok(Some(theirs.clone()))), Reconcile::UpToDate);
        assert_eq!(reconcile(4, true, Ok(Some(theirs.clone()))), Reconcile::UpToDate);
        // Newer, nothing unsaved here: shown in place.
        assert_eq!(
            reconcile(2, false, Ok(Some(theirs.clone()))),
            Reconcile::TakeTheirs(theirs.clone())
        );
        // Newer, and edits here: both kept.
        assert_eq!(
            reconcile(2, true, Ok(Some(theirs.clone()))),
            Reconcile::KeepBoth { theirs: Some(theirs) }
        );
        // Deleted: let go, unless this tab has edits to keep.
        assert_eq!(reconcile(2, false, Ok(None)), Reconcile::Gone);
        assert_eq!(reconcile(2, true, Ok(None)), Reconcile::KeepBoth { theirs: None });
        assert_eq!(reconcile(0, true, Ok(None)), Reconcile::UpToDate);
        // Unreadable here: this tab's edits are not written over it.
        assert_eq!(reconcile(2, true, Err("newer".into())), Reconcile::KeepBoth { theirs: None });
        assert_eq!(reconcile(2, false, Err("newer".into())), Reconcile::UpToDate);
    }

    #[test]
    fn a_change_elsewhere_is_about_one_draft_the_list_or_nothing() {
        assert_eq!(changed(Some(&draft_key("123"))), Changed::Draft("123".into()));
        assert_eq!(changed(Some("postmortem/aside/123")), Changed::Everything);
        assert_eq!(changed(None), Changed::Everything);
        assert_eq!(changed(Some(CURRENT_KEY)), Changed::Nothing);
        assert_eq!(changed(Some("someone-else")), Changed::Nothing);
    }

    #[test]
    fn bytes_used_counts_our_keys_as_browsers_do() {
        let mut s = MemoryStore::default();
        s.set("other", "xxxxxxxx").unwrap();
        s.set(&draft_key("é"), "ab").unwrap();
        assert_eq!(bytes_used(&s), 2 * ("postmortem/draft/é".chars().count() + 2));
    }

    #[test]
    fn current_draft_is_remembered() {
        let mut s = MemoryStore::default();
        assert_eq!(current(&s), None);
        set_current(&mut s, "abc").unwrap();
        assert_eq!(current(&s).as_deref(), Some("abc"));
    }
}
