//! How the pure core's cost grows with the timeline: export, validation
//! and import of generated postmortems from 100 to 3,000 rows; then import
//! of hand-written shapes, hostile input and the corpus's documents; chat
//! logs of 1,000 to 10,000 lines read and imported. Prints
//! the median and the best of repeated runs; asserts nothing.
//! `cargo bench --bench core` (scripts/bench runs it).

use std::hint::black_box;
use std::time::{Duration, Instant};

use postmortem::model::Summary;
use postmortem::timeline::Clock;
use postmortem::{chat, export, import, render, sample, validate};

const SIZES: [usize; 5] = [100, 300, 1000, 2000, 3000];

/// Runs `f` for about half a second (at least 5 times) and returns the
/// median and the fastest run.
fn time<T>(mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut runs = Vec::new();
    let start = Instant::now();
    while runs.len() < 5 || (start.elapsed() < Duration::from_millis(500) && runs.len() < 1000) {
        let t = Instant::now();
        black_box(f());
        runs.push(t.elapsed());
    }
    runs.sort();
    (runs[runs.len() / 2], runs[0])
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1e3)
}

fn main() {
    println!("Core operations, ms (median / best), native, one core");
    println!();
    println!("| rows | Markdown KB | export | render to HTML | validate | import |");
    println!("| ---: | ---: | ---: | ---: | ---: | ---: |");
    for rows in SIZES {
        let doc = sample::document(rows);
        let md = export::to_markdown(&doc);
        let e = time(|| export::to_markdown(&doc));
        let r = time(|| render::to_html(&md));
        let v = time(|| validate::validate(&doc));
        let i = time(|| import::import(&md));
        println!(
            "| {rows} | {:.1} | {} / {} | {} / {} | {} / {} | {} / {} |",
            md.len() as f64 / 1024.0,
            ms(e.0),
            ms(e.1),
            ms(r.0),
            ms(r.1),
            ms(v.0),
            ms(v.1),
            ms(i.0),
            ms(i.1)
        );
    }
    println!();
    println!("Import of other input, ms (median / best)");
    println!();
    println!("| input | KB | import |");
    println!("| --- | ---: | ---: |");
    let row = "- 14:05 UTC: event with **bold**, `code` and a [link](https://example.com)\n";
    let mut inputs: Vec<(String, String)> = vec![
        (
            "3,000 bulleted rows and 240 KB of prose".into(),
            format!(
                "# Postmortem: big\n\n## Summary\nFrom 10:00 to 12:00 UTC.\n\n## Timeline\n{}\n## Notes\n{}",
                row.repeat(3000),
                "Some words. ".repeat(20000)
            ),
        ),
        ("50,000 '[' then 50,000 ']'".into(), "[".repeat(50_000) + &"]".repeat(50_000)),
        ("3,000 nested quotes".into(), "> ".repeat(3000)),
        ("10,000 '<br>'-joined rows".into(), "14:00 a<br>".repeat(10_000)),
        ("10,000 field lines".into(), "**Impact:** x\n".repeat(10_000)),
    ];
    // The real documents, when the shared corpus is beside the project.
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "md"));
    files.sort_by_key(|p| std::cmp::Reverse(std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)));
    for path in files.into_iter().take(3) {
        if let Ok(text) = std::fs::read_to_string(&path) {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            inputs.push((format!("corpus: {name}"), text));
        }
    }
    for (name, text) in inputs {
        let t = time(|| import::import(&text));
        println!("| {name} | {:.1} | {} / {} |", text.len() as f64 / 1024.0, ms(t.0), ms(t.1));
    }
    println!();
    println!();
    println!("Chat logs: reading a pasted transcript and proposing its rows (the dialog's");
    println!("work on a paste), and importing a postmortem whose timeline is that log in a");
    println!("fenced block; ms (median / best), and messages a second at the median");
    println!();
    println!(
        "| transcript | lines | KB | messages (read) | read and propose | messages/s | rows imported | import |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let summary = Summary {
        start: "2024-06-01 00:00".into(),
        end: "2024-06-02 00:00".into(),
        zone: "UTC".into(),
        ..Default::default()
    };
    let clock = Clock::new(&summary);
    for format in sample::CHAT_FORMATS {
        for lines in [1000, 3000, 10_000] {
            let (text, written) = sample::chat_log(format, lines);
            let read = chat::read(&text).messages.len();
            let paste = time(|| {
                let t = chat::read(&text);
                let (date, zone) = chat::rows::defaults(&t, &clock, None);
                chat::rows::propose(&t, date, zone.as_ref(), None, &clock)
            });
            let doc = format!(
                "# Postmortem: chat\n\n## Summary\nFrom 2024-06-01 00:00 to 2024-06-02 00:00 UTC.\n\n## Timeline\n\n```\n{text}```\n"
            );
            let imported = time(|| import::import(&doc));
            let rows = import::import(&doc).doc.timeline.len();
            println!(
                "| {format} | {} | {:.1} | {written} ({read}) | {} / {} | {:.0} | {rows} | {} / {} |",
                text.lines().count(),
                text.len() as f64 / 1024.0,
                ms(paste.0),
                ms(paste.1),
                written as f64 / paste.0.as_secs_f64(),
                ms(imported.0),
                ms(imported.1)
            );
        }
    }
}
