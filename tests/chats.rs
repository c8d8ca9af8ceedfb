#![cfg(not(target_arch = "wasm32"))]
//! Our own chat transcripts (`tests/fixtures/chats`, see its README): each
//! must give exactly its timestamped messages as proposed rows, in order,
//! with the time and text stated; a paste without times gives none.

#[path = "support/chat_fixtures.rs"]
mod chat_fixtures;
#[path = "support/fixture_pairs.rs"]
mod fixture_pairs;

use chat_fixtures::{chat_fixtures, ChatFixture};
use postmortem::chat::{self, rows};
use postmortem::model::Summary;
use postmortem::timeline::Clock;

fn day(text: &str) -> Option<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text, format).ok()
}

/// The rows the dialog proposes for a fixture, as it starts: the date and
/// zone from the transcript, else from the outage and the document.
pub fn proposed(f: &ChatFixture) -> Vec<(String, String)> {
    let summary =
        Summary { start: format!("{} 00:00", f.date), zone: f.zone.clone(), ..Default::default() };
    let clock = Clock::new(&summary);
    let transcript = chat::read(&f.text);
    let today = day(&f.today);
    let (date, zone) = rows::defaults(&transcript, &clock, today);
    rows::propose(&transcript, date, zone.as_ref(), today, &clock)
        .into_iter()
        .map(|p| (p.time, p.event))
        .collect()
}

#[test]
fn every_chat_fixture_gives_exactly_its_messages() {
    let fixtures = chat_fixtures();
    assert!(fixtures.len() >= 30, "expected the chat fixtures, found {}", fixtures.len());
    let (mut expected, mut matched_all) = (0, 0);
    let mut failures = Vec::new();
    for f in &fixtures {
        let got = proposed(f);
        let matched = f.rows.iter().zip(&got).filter(|(a, b)| a == b).count();
        expected += f.rows.len();
        matched_all += matched;
        println!(
            "{}: {matched} of {} messages as stated ({} proposed)",
            f.name,
            f.rows.len(),
            got.len()
        );
        if got != f.rows {
            let show = |rows: &[(String, String)]| {
                rows.iter().map(|(t, e)| format!("{t}\t{e}")).collect::<Vec<_>>().join("\n    ")
            };
            failures.push(format!(
                "{}:\n  wanted\n    {}\n  proposed\n    {}",
                f.name,
                show(&f.rows),
                show(&got)
            ));
        }
    }
    println!("chat fixtures: {matched_all} of {expected} messages as stated");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
