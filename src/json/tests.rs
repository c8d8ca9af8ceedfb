//! The reader checked against serde_json, and values written and read back.

use super::read::MAX_DEPTH;
use super::*;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Colour {
    DarkRed,
    Blue,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Thing {
    name: String,
    count: u64,
    when: f64,
    colour: Colour,
    note: Option<String>,
    #[serde(default)]
    items: Vec<i32>,
}

#[test]
fn a_value_reads_back_as_the_type_it_was_written_from() {
    let thing = Thing {
        name: "a \"quoted\" name".into(),
        count: 9_007_199_254_740_991,
        when: 1.5,
        colour: Colour::DarkRed,
        note: None,
        items: vec![-3, 0, 7],
    };
    let text = to_text(&thing, false).unwrap();
    assert_eq!(from_text::<Thing>(&text).unwrap(), thing);
    let pretty = to_text(&thing, true).unwrap();
    assert!(pretty.contains("\n  \"name\""), "{pretty}");
    assert_eq!(from_text::<Thing>(&pretty).unwrap(), thing);
}

#[test]
fn numbers_written_as_floats_read_as_whole_numbers() {
    // Drafts stored by earlier versions wrote times as 1717243200000.0.
    let thing: Thing =
        from_text(r#"{"name":"n","count":3.0,"when":1717243200000.0,"colour":"blue","note":"x"}"#)
            .unwrap();
    assert_eq!((thing.count, thing.when, thing.colour), (3, 1717243200000.0, Colour::Blue));
    assert_eq!(thing.note.as_deref(), Some("x"));
    assert!(thing.items.is_empty());
}

#[test]
fn whole_numbers_too_large_for_an_integer_stay_as_they_were() {
    let text = "[1.7976931348623157e308, -1e300, 18446744073709551616, -9223372036854775808]";
    let read: Vec<f64> = from_text(text).unwrap();
    assert_eq!(read, [f64::MAX, -1e300, 18446744073709551616.0, -9223372036854775808.0]);
}

#[test]
fn shapes_that_do_not_fit_say_why() {
    let wrong = from_text::<Thing>(r#"{"name":1}"#).unwrap_err();
    assert_eq!(wrong, ReadError::Shape("invalid type: integer `1`, expected a string".into()));
    let fraction = from_text::<Thing>(r#"{"name":1.5}"#).unwrap_err();
    let expected = "invalid type: a number with a fraction, expected a string";
    assert_eq!(fraction, ReadError::Shape(expected.into()));
    let colour =
        from_text::<Thing>(r#"{"name":"n","count":1,"when":1,"colour":"green","note":null}"#)
            .unwrap_err();
    assert!(matches!(&colour, ReadError::Shape(why) if why.contains("green")), "{colour:?}");
    assert!(matches!(from_text::<Thing>("[1,2]"), Err(ReadError::Shape(_))));
}

#[test]
fn text_cut_short_is_told_apart_from_text_that_is_not_json() {
    for cut in [r#"{"a": [1, 2"#, r#"{"a": "unfinished"#, "[", r#"{"a": "}\"" "#] {
        assert_eq!(parse(cut), Err(ReadError::CutShort), "{cut}");
    }
    for broken in ["hello", "{\"a\": }", "{} }", "1 2", "{\"a\": \"b\\\"\"} x"] {
        assert!(matches!(parse(broken), Err(ReadError::NotJson(_))), "{broken}");
    }
}

/// Ours, with each object's keys sorted as serde_json keeps them.
fn ours(text: &str) -> Option<Value> {
    fn sorted(v: Value) -> Value {
        match v {
            Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
            Value::Object(mut entries) => {
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
            }
            other => other,
        }
    }
    parse(text).ok().map(sorted)
}

/// serde_json's reading, as a [`Value`]: the yardstick for ours.
fn as_serde_json_reads_it(text: &str) -> Option<Value> {
    fn convert(v: serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(a) => Value::Array(a.into_iter().map(convert).collect()),
            serde_json::Value::Object(o) => {
                Value::Object(o.into_iter().map(|(k, v)| (k, convert(v))).collect())
            }
        }
    }
    serde_json::from_str(text).ok().map(convert)
}

#[test]
fn the_reader_reads_what_serde_json_reads_and_refuses_what_it_refuses() {
    let texts = [
        "null",
        " true ",
        "false",
        "0",
        "-0",
        "12",
        "-3.25",
        "1e3",
        "2.5E-2",
        "1.7976931348623157e308",
        "123456789012345",
        "-999999999999999",
        "1234567890123456789",
        "1717243200000.0",
        r#""""#,
        r#""plain""#,
        r#""a \"quote\" and \\ and \/ \b\f\n\r\t""#,
        r#""\u00e9\u20ac \ud83d\ude00 é €""#,
        "[]",
        "[1, [2, [3]], {}]",
        r#"{"a": 1, "b": [true, null], "c": {"d": "e"}}"#,
        " {\n\t\"k\" : \"v\"\r\n} ",
        // Refused by both:
        "",
        "nul",
        "tru",
        "01",
        "-",
        "1.",
        ".5",
        "1e",
        "+1",
        "[1,]",
        "[1 2]",
        "{\"a\" 1}",
        "{a: 1}",
        "{\"a\": 1,}",
        "\"tab\there\"",
        "\"\\x\"",
        "\"\\u12\"",
        "[1]]",
        "{} {}",
        "'single'",
        "\"open",
    ];
    for text in texts {
        assert_eq!(ours(text), as_serde_json_reads_it(text), "{text:?}");
    }
}

#[test]
fn a_lone_surrogate_becomes_a_replacement_character_and_nothing_else_is_lost() {
    let read = parse(r#"["a\ud800b", "\udc00", "\ud83d\ude00"]"#).unwrap();
    let strings: Vec<&str> = read.as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert_eq!(strings, ["a\u{fffd}b", "\u{fffd}", "\u{1f600}"]);
}

#[test]
fn nesting_deeper_than_any_draft_is_refused_not_overflowed() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    assert!(matches!(parse(&deep), Err(ReadError::NotJson(why)) if why.contains("too deeply")));
    let fine = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
    assert!(parse(&fine).is_ok());
}

#[test]
fn a_generated_postmortem_reads_back_as_it_was_written() {
    for rows in [0, 1, 30, 300] {
        let doc = crate::sample::document(rows);
        let text = to_text(&doc, false).unwrap();
        assert_eq!(ours(&text), as_serde_json_reads_it(&text));
        assert_eq!(from_text::<crate::model::Document>(&text).unwrap(), doc);
    }
}

proptest::proptest! {
    #[test]
    fn any_json_written_reads_back_exactly(
        value in json_values(),
        pretty in proptest::bool::ANY,
    ) {
        // Exactly, floats too: serde_json's own default reader rounds
        // some of them a last digit off, so the value written is the
        // yardstick here rather than serde_json's reading.
        let text = to_text(&value, pretty).unwrap();
        proptest::prop_assert_eq!(parse(&text).ok(), Some(value));
    }
}

fn json_values() -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(|n| Value::Number(n.into())),
        (-1e12f64..1e12).prop_map(Value::Number),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::vec((any::<String>(), inner), 0..8).prop_map(|entries| {
                // serde_json keeps one value per key; so do documents.
                let mut seen = std::collections::HashSet::new();
                Value::Object(entries.into_iter().filter(|(k, _)| seen.insert(k.clone())).collect())
            }),
        ]
    })
}

#[test]
fn an_object_is_edited_in_place_and_keeps_its_order() {
    let mut value = parse(r#"{"b": 1, "a": [true, null], "c": "x"}"#).unwrap();
    assert_eq!(value.remove("a"), Some(Value::Array(vec![Value::Bool(true), Value::Null])));
    value.insert("b", Value::Number(2.0));
    value.insert("d", Value::String("y".into()));
    assert_eq!(to_text(&value, false).unwrap(), r#"{"b":2,"c":"x","d":"y"}"#);
    assert_eq!(value.get("b").and_then(Value::as_u64), Some(2));
    assert_eq!(value.get("c").and_then(Value::as_str), Some("x"));
    assert_eq!(Value::Number(-1.0).as_u64(), None);
    assert_eq!(Value::Number(1.5).as_u64(), None);
}
