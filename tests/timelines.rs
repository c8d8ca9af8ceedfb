#![cfg(not(target_arch = "wasm32"))]
//! Our own timeline fixtures (`tests/fixtures/timelines`, see its README):
//! whole postmortems in every shape people write a timeline in, each with
//! the rows import must find. Every fixture must also import without losing
//! a word, read back to the same Markdown, and give rows whose times read
//! (or that say the time is unknown).

#[path = "support/fixture_pairs.rs"]
mod fixture_pairs;
#[path = "support/timeline_fixtures.rs"]
mod timeline_fixtures;

use postmortem::export::to_markdown;
use postmortem::import::{import, words_lost};
use postmortem::timeline::{Clock, RowTime};
use timeline_fixtures::{fixtures, Fixture};

#[test]
fn every_timed_entry_becomes_a_row_with_its_time_and_text_in_order() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 30, "expected the timeline fixtures, found {}", fixtures.len());
    let (mut expected, mut found) = (0, 0);
    let mut failures = Vec::new();
    for Fixture { name, text, rows, .. } in &fixtures {
        let doc = import(text).doc;
        // The event as the row shows it: a tag read from "**Mitigation:**" is shown so.
        let shown = |r: &postmortem::model::TimelineRow| match r.tag {
            Some(tag) => format!("**{}:** {}", tag.label(), r.event),
            None => r.event.clone(),
        };
        let events: Vec<String> = doc.timeline.iter().map(shown).collect();
        let got: Vec<(&str, &str)> =
            doc.timeline.iter().zip(&events).map(|(r, e)| (r.time.as_str(), e.as_str())).collect();
        let matched = rows
            .iter()
            .zip(&got)
            .filter(|((time, event), (t, e))| time == t && e.starts_with(event.as_str()))
            .count();
        expected += rows.len();
        found += matched;
        println!("{name}: {matched} of {} rows as stated ({} read)", rows.len(), got.len());
        if matched != rows.len() || got.len() != rows.len() {
            let wanted: Vec<String> = rows.iter().map(|(t, e)| format!("{t} | {e}")).collect();
            let read: Vec<String> = got.iter().map(|(t, e)| format!("{t} | {e}")).collect();
            failures.push(format!("{name}:\n  wanted {wanted:#?}\n  read {read:#?}"));
        }
    }
    println!("timeline fixtures: {found} of {expected} rows as stated");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fixture_keeps_its_words_reads_back_the_same_and_its_times_read() {
    for Fixture { name, text, .. } in fixtures() {
        let doc = import(&text).doc;
        let markdown = to_markdown(&doc);
        let lost = words_lost(&text, &markdown);
        assert!(lost.is_empty(), "{name}: words lost: {lost:?}\n{markdown}");
        assert_eq!(to_markdown(&import(&markdown).doc), markdown, "{name}: not a fixed point");
        let clock = Clock::of(&doc);
        for row in &doc.timeline {
            let time = clock.row(&row.time);
            assert!(
                matches!(time, RowTime::At(_) | RowTime::Unknown),
                "{name}: row time {:?} reads as {time:?}",
                row.time
            );
        }
    }
}
