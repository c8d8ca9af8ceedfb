#![cfg(not(target_arch = "wasm32"))]
//! Import of real postmortems (`../shared/corpus`, third-party documents we
//! do not commit) and of our own fixtures (`tests/fixtures`, invented ones
//! with the same quirks). For each document the tables below state what
//! import must recognise; every document must also import without losing a
//! word, read back to the same Markdown, and give rows whose times parse.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use postmortem::export::to_markdown;
use postmortem::import::{import, ImportKind};
use postmortem::model::Document;
use postmortem::timeline::{Clock, RowTime};
use postmortem::validate::{validate, Field};

mod cases;
use cases::{CORPUS, FIXTURES};

/// The parts of the draft a document filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Title,
    Intro,
    /// Summary text: notes, impact, root cause.
    Summary,
    /// The outage window (start or end).
    Window,
    Zone,
    /// Rows or notes.
    Timeline,
    RootCause,
    Resolution,
    Misleading,
    Escalation,
    Lessons,
    /// Measures' notes.
    Measures,
    Improvements,
    Tasks,
}
use Part::*;

struct Case {
    file: &'static str,
    /// What the document tests.
    note: &'static str,
    title: &'static str,
    parts: &'static [Part],
    /// Headings of the custom sections, in order.
    custom: &'static [&'static str],
    rows: usize,
    /// Kinds of the import findings, sorted by name.
    findings: &'static [ImportKind],
    /// Row times allowed not to read, each with its reason.
    unreadable: &'static [&'static str],
}

fn parts(d: &Document) -> Vec<Part> {
    let s = &d.summary;
    [
        (Title, !d.title.is_empty()),
        (Intro, !d.intro.is_empty()),
        (Summary, [&s.notes, &s.impact, &s.affected, &s.root_cause].iter().any(|t| !t.is_empty())),
        (Window, !(s.start.is_empty() && s.end.is_empty())),
        (Zone, !s.zone.is_empty()),
        (Timeline, !(d.timeline.is_empty() && d.timeline_notes.is_empty())),
        (RootCause, !d.root_cause.is_empty()),
        (Resolution, !d.resolution.is_empty()),
        (Misleading, d.misleading.is_some()),
        (Escalation, d.escalation.is_some()),
        (Lessons, d.lessons.is_some()),
        (Measures, !d.measures_notes.is_empty()),
        (Improvements, !d.improvements.is_empty()),
        (Tasks, !d.tasks.is_empty()),
    ]
    .into_iter()
    .filter_map(|(p, filled)| filled.then_some(p))
    .collect()
}

/// Imports one document and checks it against its case; returns what it
/// recognised, for the report, and how long the import took.
fn check(dir: &Path, case: &Case) -> (String, Duration) {
    let path = dir.join(case.file);
    let source =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let started = Instant::now();
    let imported = import(&source);
    let took = started.elapsed();
    let doc = &imported.doc;
    let markdown = to_markdown(doc);
    let file = case.file;

    let lost = postmortem::import::words_lost(&source, &markdown);
    assert!(lost.is_empty(), "{file}: words lost: {lost:?}\n{markdown}");

    let again = to_markdown(&import(&markdown).doc);
    assert_eq!(again, markdown, "{file}: exported, imported and exported again, it changed");

    assert_eq!(doc.title, case.title, "{file}: title");
    assert_eq!(parts(doc), case.parts, "{file}: parts filled");
    let custom: Vec<&str> = doc.custom.iter().map(|c| c.heading.as_str()).collect();
    assert_eq!(custom, case.custom, "{file}: custom sections");
    assert_eq!(doc.timeline.len(), case.rows, "{file}: timeline rows");
    let mut kinds: Vec<ImportKind> = imported.findings.iter().map(|f| f.kind).collect();
    kinds.sort_by_key(|k| format!("{k:?}"));
    assert_eq!(kinds, case.findings, "{file}: findings {:#?}", imported.findings);
    for f in &imported.findings {
        assert!(f.line >= 1 && f.line <= source.lines().count().max(1), "{file}: {f:?}");
        assert!(f.message.ends_with('.') && f.message.len() > 30, "{file}: {f:?}");
    }

    let clock = Clock::new(&doc.summary);
    for row in doc.timeline.iter().filter(|r| !r.time.trim().is_empty()) {
        let reads = matches!(clock.row(&row.time), RowTime::At(_));
        assert!(
            reads || case.unreadable.contains(&row.time.as_str()),
            "{file}: row time {:?} does not read",
            row.time
        );
    }

    let report = format!(
        "{file} ({}): {:?}, {} rows, custom {:?}, findings {:?}",
        case.note,
        parts(doc),
        doc.timeline.len(),
        custom,
        kinds
    );
    (report, took)
}

fn run(dir: &Path, cases: &[Case]) {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".md"))
        .collect();
    files.sort();
    let stated: Vec<&str> = cases.iter().map(|c| c.file).collect();
    assert_eq!(files, stated, "every document in {} has a case, and only those", dir.display());
    let mut slowest = (Duration::ZERO, "");
    let mut largest = (0, "", Duration::ZERO);
    // Every case is checked, and every one that fails is said, not only the first.
    let mut failed = Vec::new();
    for case in cases {
        let (report, took) = match std::panic::catch_unwind(|| check(dir, case)) {
            Ok(done) => done,
            Err(why) => {
                let why = why
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| why.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failed.push(why);
                continue;
            }
        };
        println!("{report}");
        let size = std::fs::metadata(dir.join(case.file)).map(|m| m.len()).unwrap_or(0);
        if took > slowest.0 {
            slowest = (took, case.file);
        }
        if size > largest.0 {
            largest = (size, case.file, took);
        }
    }
    println!(
        "largest: {} ({} bytes) imported in {:?}; slowest: {} in {:?}",
        largest.1, largest.0, largest.2, slowest.1, slowest.0
    );
    assert!(
        failed.is_empty(),
        "{} of {} documents:\n{}",
        failed.len(),
        cases.len(),
        failed.join("\n")
    );
}

/// What validation says about imported rows: (file, row, start of the
/// message). Import keeps rows as written; these are the author's mistakes.
const ROW_FINDINGS: &[(&str, usize, &str)] = &[
    ("04-abel-caps-tab-table.md", 3, "Earlier than the row above (12:00)"), // 12:15 AM for PM
    ("19-alvin-cat-edt-loose-indent.md", 6, "Earlier than the row above (22:00)"), // 4:00 PM EDT is 22:00 CAT
    ("20-mcpt-judge-breach.md", 5, "Earlier than the row above (23:47)"), // 2021-11-18 00:58: the 19th
    ("21-wire-dos-outage.md", 4, "Earlier than the row above (11:34)"),   // entries out of order
    ("fx16-loose-indent.md", 4, "Earlier than the row above (19:40)"),
    ("fx17-incident-report.md", 5, "Earlier than the row above (22:30)"),
    ("fx18-br-out-of-order.md", 4, "Earlier than the row above (12:15)"),
];

fn row_findings(dir: &Path, file_prefix: &str) -> usize {
    let mut checked = 0;
    for (file, row, message) in ROW_FINDINGS.iter().filter(|f| f.0.starts_with(file_prefix)) {
        let source = std::fs::read_to_string(dir.join(file)).expect("a case file");
        let doc = import(&source).doc;
        let id = doc.timeline[row - 1].id;
        let findings = validate(&doc);
        assert!(
            findings
                .iter()
                .any(|f| f.field == Field::RowTime(id) && f.message.starts_with(message)),
            "{file}: row {row}: {findings:#?}"
        );
        checked += 1;
    }
    checked
}

fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"))
}

#[test]
fn corpus_documents_import_as_stated() {
    let dir = corpus_dir();
    if !dir.is_dir() {
        println!(
            "SKIPPED: ../shared/corpus not found (it holds third-party documents we do not commit)"
        );
        return;
    }
    run(&dir, CORPUS);
    assert_eq!(row_findings(&dir, "0") + row_findings(&dir, "1") + row_findings(&dir, "2"), 4);
}

#[test]
fn fixtures_import_as_stated() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"));
    run(dir, FIXTURES);
    assert_eq!(row_findings(dir, "fx"), 3);
}
