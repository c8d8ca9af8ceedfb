//! Stored documents of every earlier model version brought up to the
//! current one: a draft from an older version is migrated, never dropped.

use crate::json::{self, Value};

use crate::model::{Document, MODEL_VERSION};

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
    // Version 3 added the front matter, version 4 the internal marks: empty
    // and unmarked in older drafts (serde's defaults).
    let mut doc: Document =
        json::from_value(doc).map_err(|e| format!("its document does not read ({e})"))?;
    doc.version = MODEL_VERSION;
    Ok(doc)
}

/// Version 1 (the first editor screen) had one free-text "summary"; version
/// 2 structures the summary. The old text is kept whole, as a custom
/// section the person can move where it belongs.
fn v1_to_v2(mut doc: Value) -> Value {
    if let Value::Object(_) = doc {
        let text = match doc.remove("summary") {
            Some(Value::String(s)) => s,
            Some(other) if !other.is_null() => json::to_text(&other, false).unwrap_or_default(),
            _ => String::new(),
        };
        if !text.trim().is_empty() {
            let ids = doc.get("timeline").and_then(Value::as_array).map(|rows| {
                rows.iter().filter_map(|r| r.get("id").and_then(Value::as_u64)).max().unwrap_or(0)
            });
            let next = doc.get("next_id").and_then(Value::as_u64).unwrap_or(1);
            let id = next.max(ids.unwrap_or(0) + 1);
            doc.insert("next_id", Value::Number((id + 1) as f64));
            let section = Value::Object(vec![
                ("id".into(), Value::Number(id as f64)),
                ("heading".into(), Value::String("Summary".into())),
                ("body".into(), Value::String(text)),
            ]);
            doc.insert("custom", Value::Array(vec![section]));
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_without_version_reads_as_version_one() {
        let doc = migrate(
            json::parse(r#"{"title": "t", "timeline": [{"id": 3, "time": "1:00", "event": "e"}]}"#)
                .unwrap(),
        )
        .unwrap();
        assert_eq!(doc.version, MODEL_VERSION);
        assert_eq!(doc.timeline[0].event, "e");
    }

    #[test]
    fn a_document_from_a_newer_version_is_refused_with_the_reason() {
        let newer =
            json::parse(&format!(r#"{{"version": {}, "title": "t"}}"#, MODEL_VERSION + 1)).unwrap();
        assert!(migrate(newer).unwrap_err().contains("newer version"));
    }
}
