//! How the pure core's cost grows with the timeline: export, validation
//! and import of generated postmortems from 100 to 3,000 rows. Prints the
//! median and the best of repeated runs; asserts nothing.
//! `cargo bench --bench core` (scripts/bench runs it).

use std::hint::black_box;
use std::time::{Duration, Instant};

use postmortem::{export, import, render, sample, validate};

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
}
