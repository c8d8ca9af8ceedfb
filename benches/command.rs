//! How many postmortems a second `postmortem check` gets through: a folder
//! of generated postmortems (`sample`, 10 to 60 timeline rows each, one in
//! ten with two rows out of order, so there are findings to report), and
//! the command as `cargo install` builds it (the release profile) run over
//! it. Prints the median and the best of repeated runs; asserts nothing.
//! `cargo bench --bench command` (scripts/bench runs it).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use postmortem::{export, file_findings, sample};

const FILES: usize = 3000;
const RUNS: usize = 5;

fn main() {
    let dir = std::env::temp_dir().join(format!("postmortem-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let bytes = write_folder(&dir);
    println!("The command over {FILES} generated postmortems ({:.1} MB), wall time, median / best of {RUNS} runs", bytes as f64 / 1e6);
    println!();
    println!("| command | seconds | files/s | MB/s |");
    println!("| --- | ---: | ---: | ---: |");
    let folder = dir.to_string_lossy().into_owned();
    for args in [
        vec!["check", &folder],
        vec!["check", "--format", "github", &folder],
        vec!["check", "--format", "json", &folder],
        vec!["stats", "--format", "csv", &folder],
        vec!["fmt", "--check", &folder],
    ] {
        let (median, best) = time(&args);
        let per_second = |d: Duration, n: f64| n / d.as_secs_f64();
        println!(
            "| `postmortem {}` | {:.3} / {:.3} | {:.0} / {:.0} | {:.1} / {:.1} |",
            args[..args.len() - 1].join(" ") + " DIR",
            median.as_secs_f64(),
            best.as_secs_f64(),
            per_second(median, FILES as f64),
            per_second(best, FILES as f64),
            per_second(median, bytes as f64 / 1e6),
            per_second(best, bytes as f64 / 1e6),
        );
    }
    // The same work without the command: every file read and checked on
    // one thread of this process, to tell the core's part from the rest.
    let files = files_under(&dir);
    let (median, best) = time_with(|| {
        for path in &files {
            let text = std::fs::read_to_string(path).expect("a postmortem");
            std::hint::black_box(file_findings::file_findings(&text));
        }
    });
    println!(
        "| `file_findings` on each file, in process, one thread | {:.3} / {:.3} | {:.0} / {:.0} | {:.1} / {:.1} |",
        median.as_secs_f64(),
        best.as_secs_f64(),
        FILES as f64 / median.as_secs_f64(),
        FILES as f64 / best.as_secs_f64(),
        bytes as f64 / 1e6 / median.as_secs_f64(),
        bytes as f64 / 1e6 / best.as_secs_f64(),
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("the folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Writes the postmortems; gives their size in bytes.
fn write_folder(dir: &Path) -> usize {
    let mut bytes = 0;
    for i in 0..FILES {
        let mut doc = sample::document(10 + (i * 7) % 51);
        if i % 10 == 0 {
            let (a, b) = (doc.timeline[2].time.clone(), doc.timeline[3].time.clone());
            doc.timeline[2].time = b;
            doc.timeline[3].time = a;
        }
        let markdown = export::to_markdown(&doc);
        bytes += markdown.len();
        // A hundred files to a folder, as a repository of years of them might be kept.
        let path = dir.join(format!("{:02}/{i:04}-outage.md", i / 100));
        std::fs::create_dir_all(path.parent().unwrap_or(dir)).expect("a folder");
        std::fs::write(path, markdown).expect("a postmortem");
    }
    bytes
}

/// Runs the command `RUNS` times (after one run to warm the file cache);
/// the median and the fastest.
fn time(args: &[&str]) -> (Duration, Duration) {
    time_with(|| {
        let status = Command::new(env!("CARGO_BIN_EXE_postmortem"))
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("the postmortem command runs");
        // 1: findings (the out-of-order rows), which is what is measured.
        assert!(status.code().is_some_and(|c| c < 2), "{args:?}: {status}");
    })
}

fn time_with(mut f: impl FnMut()) -> (Duration, Duration) {
    f();
    let mut runs: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    runs.sort();
    (runs[RUNS / 2], runs[0])
}
