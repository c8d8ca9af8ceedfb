#![cfg(not(target_arch = "wasm32"))]
//! Import of real postmortems (`../shared/corpus`, third-party documents we
//! do not commit) and of our own fixtures (`tests/fixtures`, invented ones
//! with the same quirks). For each document the tables below state what
//! import must recognise; every document must also import without losing a
//! word, read back to the same Markdown, and give rows whose times parse.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use postmortem::export::to_markdown;
use postmortem::import::{import, ImportKind, ImportKind::*};
use postmortem::model::Document;
use postmortem::timeline::{Clock, RowTime};
use postmortem::validate::{validate, Field};

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

/// The real postmortems of `../shared/corpus` (see its SOURCES.tsv).
const CORPUS: &[Case] = &[
    Case {
        file: "01-ammar-emoji-headings.md",
        note: "emoji after every heading; zone only as (GMT+03:00) in the summary prose; separate Root Cause and Resolution sections",
        title: "Postmprtem 📓",
        parts: &[Title, Intro, Summary, Window, Zone, Timeline, RootCause, Resolution, Improvements],
        custom: &[],
        rows: 6,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "02-kemi-plain-text.md",
        note: "no Markdown: bare-line title and headings; window from '15:00 WAT till 21:00 WAT'; '03:00 PM:' lines and '07:00PM:'; a stray '.' line",
        title: "Postmrtem",
        parts: &[Title, Intro, Window, Zone, Timeline, RootCause, Resolution, Measures],
        custom: &[],
        rows: 12,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "03-pasignature-accidental-setext.md",
        note: "six '---' lines under text read as text, not headings; bare section names; WAT from the summary",
        title: "0x19. Postmortem",
        parts: &[Title, Intro, Summary, Window, Zone, Timeline, RootCause, Resolution, Measures],
        custom: &[],
        rows: 6,
        findings: &[NotAHeading, NotAHeading, NotAHeading, NotAHeading, NotAHeading, NotAHeading],
        unreadable: &[],
    },
    Case {
        file: "04-abel-caps-tab-table.md",
        note: "ALL-CAPS title and headings; tab-separated rows; AM for PM makes the timeline far longer than '1 hour and 20 minutes'",
        title: "REPORT OF SERVER OUTAGE INCIDENTS",
        parts: &[Title, Intro, Summary, Window, Zone, Timeline, RootCause, Measures],
        custom: &[],
        rows: 8,
        findings: &[DurationMismatch, TimesBackwards],
        unreadable: &[],
    },
    Case {
        file: "05-ayaelsaid-dashed-underlines.md",
        note: "'---' after ATX headings are rules; '**•<TAB>Label:**' fields; image on a GitHub blob page; duration only a date stays in the notes; the zone (PDT) is the one every row names",
        title: "Postmortem Report",
        parts: &[Title, Intro, Summary, Zone, Timeline, RootCause, Resolution, Measures],
        custom: &[],
        rows: 6,
        findings: &[BrokenImage],
        unreadable: &[],
    },
    Case {
        file: "06-gaspela-pacific-dates.md",
        note: "### headings ending in '.'; '5:00 pm 05/22/2020' rows; 'Pacific time' zone; '1 hours' against 5pm to 6:35pm",
        title: "",
        parts: &[Summary, Window, Zone, Timeline, RootCause, Resolution, Measures],
        custom: &[],
        rows: 6,
        findings: &[DurationMismatch],
        unreadable: &[],
    },
    Case {
        file: "07-brotherkayman-no-space-hash.md",
        note: "'#Postmoterm' read as the title; bold-line sections; 'Midnight (SAST)'; tasks nested under a bold label item",
        title: "Postmoterm",
        parts: &[Title, Intro, Summary, Window, Timeline, RootCause, Resolution, Measures, Tasks],
        custom: &[],
        rows: 7,
        findings: &[NotAHeading],
        unreadable: &[],
    },
    Case {
        file: "08-ahmedhany-humor-bold-headings.md",
        note: "bold emoji headings with asides kept as the author's headings; 'Sleepy-Time' window; numbered sub-lists stay notes",
        title: "",
        parts: &[Intro, Summary, Window, Zone, Timeline, RootCause, Resolution, Measures],
        custom: &["**In Conclusion: Apology Cookies 🍪 for All!**"],
        rows: 9,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "09-dtikoli-html-header-emoji.md",
        note: "title from an HTML <h1>; italic window with (UTC); rows '**10:00 AM (UTC):**' with ZWJ emoji",
        title: "Web Stack Outage 😱",
        parts: &[Title, Intro, Summary, Window, Zone, Timeline, RootCause, Resolution, Measures],
        custom: &[],
        rows: 8,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "10-01fab-no-timeline-cat-pst.md",
        note: "no summary or timeline: Debugging Process and Summation are custom, Prevention is the measures; '06:05' from the intro, CAT",
        title: "",
        parts: &[Intro, Window, Measures],
        custom: &["Debugging Process", "Summation"],
        rows: 0,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "11-mahmoudmod-chatgpt-fenced.md",
        note: "whole document inside an unclosed ```markdown fence; 'Start:'/'End:' lines kept as notes, their window read",
        title: "Postmortem Report: Incident 0x19 - Web Service Outage",
        parts: &[Title, Intro, Summary, Window, Zone, Timeline, RootCause, Resolution, Measures],
        custom: &[],
        rows: 7,
        findings: &[UnclosedFence],
        unreadable: &[],
    },
    Case {
        file: "12-chibuezeorjinta-indented-html.md",
        note: "indented bold ALL-CAPS headings with emoji and kaomoji; <img> kept as text; Actions Taken custom; misleading and escalation",
        title: "**Incident Report:** Expired Certbot Certificate",
        parts: &[Title, Intro, Summary, Window, Zone, Timeline, RootCause, Misleading, Escalation, Measures, Improvements],
        custom: &["**ACTIONS TAKEN:** (☞\u{ff9f}ヮ\u{ff9f})☞"],
        rows: 7,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "13-samson-h1-fields-code-timeline.md",
        note: "H1 field labels ('# Root Cause: ...') read as fields; timeline and tasks indented as code",
        title: "Web Stack Outage - August 18, 2024",
        parts: &[Title, Summary, Window, Zone, Timeline, RootCause, Resolution, Measures, Tasks],
        custom: &["Conclusion"],
        rows: 9,
        findings: &[IndentedCode, IndentedCode],
        unreadable: &[],
    },
    Case {
        file: "14-buzengi-bold-headings-ranges.md",
        note: "bold-line sections; range rows '7:30AM to 8:05PM WAT'; restored at 9:30PM but the summary says ~10:10PM",
        title: "Postmortem of WordPress LAMP Server Outage",
        parts: &[Title, Summary, Window, Timeline, RootCause, Resolution, Measures],
        custom: &[],
        rows: 7,
        findings: &[DurationMismatch],
        unreadable: &[],
    },
    Case {
        file: "15-xlroo-eat-ddmm-dates.md",
        note: "bare headings; dd/mm/yyyy rows five weeks apart against a 2.5-hour window",
        title: "",
        parts: &[Summary, Window, Zone, Timeline, RootCause, Resolution, Measures],
        custom: &[],
        rows: 6,
        findings: &[DurationMismatch],
        unreadable: &[],
    },
    Case {
        file: "16-dominic-gmt1-split-bullet.md",
        note: "entry split over two bullets joined; a.m./am mixed; GMT+1 in the window's end",
        title: "",
        parts: &[Intro, Summary, Window, Timeline, RootCause, Measures, Improvements],
        custom: &[],
        rows: 6,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "17-blackteji-table-timeline.md",
        note: "pipe-table timeline with bold times; emoji+bold headings; improvements and '- [ ]' tasks under ### headings",
        title: "Bank Fee Transparency Tool Outage",
        parts: &[Title, Summary, Window, Zone, Timeline, RootCause, Resolution, Measures, Improvements, Tasks],
        custom: &[],
        rows: 10,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "18-zwingli-military-time-eat.md",
        note: "'**2305HRS EAT** to **0030HRS EAT**'; loose '* 2306HRS -' rows over midnight; bold sub-labels in root cause",
        title: "OUTAGE POSTMORTEM REPORT",
        parts: &[Title, Intro, Summary, Window, Zone, Timeline, RootCause, Resolution, Measures],
        custom: &[],
        rows: 4,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "19-alvin-cat-edt-loose-indent.md",
        note: "indented bare headings and rows; one row in EDT among CAT; 'April 17th'",
        title: "",
        parts: &[Summary, Window, Timeline, RootCause, Measures],
        custom: &[],
        rows: 7,
        findings: &[TimesBackwards],
        unreadable: &[],
    },
    Case {
        file: "20-mcpt-judge-breach.md",
        note: "backticked full timestamps over three weeks; the last date goes backwards (a validation finding); Eastern Time",
        title: "Incident 2021-10-28: Judge Server Compromised",
        parts: &[Title, Summary, Zone, Timeline, RootCause, Resolution, Measures],
        custom: &[],
        rows: 5,
        findings: &[TimesBackwards],
        unreadable: &[],
    },
    Case {
        file: "21-wire-dos-outage.md",
        note: "question headings; '<br />'-ended rows with '\\\\' lines; '2023-01-04/11:34'",
        title: "2023-01-04 - Outage of wire.com caused by a DoS attack",
        parts: &[Title, Intro, Summary, Timeline],
        custom: &["What was the impact identified?", "Are Wire installations affected?"],
        rows: 6,
        findings: &[TimesBackwards],
        unreadable: &[],
    },
    Case {
        file: "22-flutter-dev-reflowed-br.md",
        note: "<br>-joined fields and rows under '### 2023-08-25' date headings; lessons in another order; the summary's date is a day late",
        title: "",
        parts: &[Intro, Summary, Window, Zone, Timeline, RootCause, Lessons, Measures],
        custom: &["Data", "Impact"],
        rows: 11,
        findings: &[DurationMismatch],
        unreadable: &[],
    },
    Case {
        file: "23-google-sre-shakespeare-setext.md",
        note: "Setext headings; bold field labels with footnotes in the intro; 34 rows under a date line; action items table",
        title: "Example Postmortem",
        parts: &[Title, Intro, Summary, Zone, Timeline, Lessons, Measures],
        custom: &["Supporting information: [[168]](https://sre.google/sre-book/example-postmortem/#id-8ZQumS0SqFvo)"],
        rows: 34,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "24-hex-outage-narrative.md",
        note: "no section headings: the window comes from 'Between approximately ... and ...'; not recognised as a postmortem",
        title: "2025-07-30/31 Hex Outage",
        parts: &[Title, Intro, Window, Zone],
        custom: &[],
        rows: 0,
        findings: &[NoSections],
        unreadable: &[],
    },
    Case {
        file: "25-dastergon-google-api-template.md",
        note: "an empty template: every section empty, the zone from '> (all times in Pacific Time)'",
        title: "Title",
        parts: &[Title, Intro, Zone, Timeline],
        custom: &[],
        rows: 0,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "26-ajiyanu-caps-no-timestamps.md",
        note: "ALL-CAPS bare headings; curl output in the summary; a timeline without a single time",
        title: "Apache Internal Error (500) Fix",
        parts: &[Title, Summary, Window, Zone, Timeline, RootCause],
        custom: &[],
        rows: 0,
        findings: &[],
        unreadable: &[],
    },
];

/// Our own fixtures: invented postmortems with the corpus's quirks.
const FIXTURES: &[Case] = &[
    Case {
        file: "fx01-emoji-headings-accidental-setext.md",
        note: "emoji headings; accidental Setext; a Setext H1 custom section; '-we' pseudo-bullets; autolinks; broken image syntax",
        title: "Postmorten 🧯",
        parts: &[Title, Intro, Summary, Window, Zone, Timeline, RootCause, Resolution, Measures],
        custom: &["Sign-off"],
        rows: 5,
        findings: &[BrokenImage, NotAHeading, NotAHeading],
        unreadable: &[],
    },
    Case {
        file: "fx02-bare-lines-plain-text.md",
        note: "no Markdown: bare title and headings; 'till' window; '02:00 PM:' lines, '03:30PM:', a '.' line; emoji line and trailing blank lines",
        title: "Postmortm",
        parts: &[Title, Intro, Window, Zone, Timeline, RootCause, Resolution, Measures],
        custom: &[],
        rows: 6,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "fx03-caps-tab-table.md",
        note: "ALL-CAPS headings; tab-separated table with a header line; hard-wrapped lines with trailing spaces",
        title: "REPORT OF THE PAYROLL EXPORT FAILURE",
        parts: &[Title, Intro, Summary, Window, Zone, Timeline, RootCause, Measures],
        custom: &[],
        rows: 5,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "fx04-dashed-underlines.md",
        note: "blank first line; rules under ATX headings; '**•<TAB>Label:**' fields and rows; GitHub blob image; date-only duration; the zone is the one every row names",
        title: "Outage Report",
        parts: &[Title, Intro, Summary, Zone, Timeline, Measures],
        custom: &[],
        rows: 4,
        findings: &[BrokenImage],
        unreadable: &[],
    },
    Case {
        file: "fx05-periods-us-dates.md",
        note: "### headings ending in '.'; '12:10 am 06/02/2021' rows; 'Pacific time'; a date typo in the root cause",
        title: "",
        parts: &[Summary, Window, Zone, Timeline, RootCause, Resolution, Measures],
        custom: &[],
        rows: 3,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "fx06-bold-headings-no-space-hash.md",
        note: "'#Postmorterm'; bold-line title and sections with emoji; 'Midnight (SAST)'; nested improvement and task lists; no final newline",
        title: "Postmorterm",
        parts: &[Title, Intro, Summary, Window, Timeline, RootCause, Resolution, Measures, Tasks],
        custom: &[],
        rows: 5,
        findings: &[NotAHeading],
        unreadable: &[],
    },
    Case {
        file: "fx07-chat-fence-html-title.md",
        note: "unclosed ```markdown fence; HTML <h1> title; 'Start:'/'End:' label lines; ZWJ emoji rows; numbered measures",
        title: "Login Page Timeouts 😴",
        parts: &[Title, Intro, Summary, Window, Zone, Timeline, RootCause, Resolution, Measures],
        custom: &[],
        rows: 4,
        findings: &[UnclosedFence],
        unreadable: &[],
    },
    Case {
        file: "fx08-story-without-timeline.md",
        note: "no summary or timeline; custom sections; clashing zones; broken relative link; ':sweat_smile:'",
        title: "",
        parts: &[Intro, Window, Measures],
        custom: &["Investigation Steps", "Summation"],
        rows: 0,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "fx09-indented-html-caps.md",
        note: "indented bold caps headings with kaomoji; <img> tags; whitespace-only lines; duplicated bullet; no final newline",
        title: "**Incident Report:** Expired Signing Key",
        parts: &[
            Title,
            Intro,
            Summary,
            Window,
            Zone,
            Timeline,
            RootCause,
            Misleading,
            Escalation,
            Measures,
            Improvements,
        ],
        custom: &["**ACTIONS TAKEN:** (ノ°▽°)ノ"],
        rows: 5,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "fx10-h1-fields-code-timeline.md",
        note: "title at ###; H1 field labels; indented (code) timeline and tasks; zone only in the duration",
        title: "Checkout Outage - July 2, 2024",
        parts: &[Title, Summary, Window, Zone, Timeline, RootCause, Resolution, Measures, Tasks],
        custom: &["Conclusion"],
        rows: 5,
        findings: &[IndentedCode, IndentedCode],
        unreadable: &[],
    },
    Case {
        file: "fx11-bold-ranges-ddmm.md",
        note: "title at ##; bold-line sections; range rows; 'fixed at 9:10PM' against '09:50PM' in the summary",
        title: "Postmortem of the Ticketing Site Outage",
        parts: &[Title, Summary, Window, Timeline, RootCause, Resolution, Measures],
        custom: &[],
        rows: 4,
        findings: &[DurationMismatch],
        unreadable: &[],
    },
    Case {
        file: "fx12-ddmm-bare-headings.md",
        note: "bare headings; dd/mm rows weeks apart against a 2-hour window; 'EAT,the' spacing; a '022/2025' typo",
        title: "",
        parts: &[Summary, Window, Zone, Timeline, RootCause, Resolution, Measures],
        custom: &[],
        rows: 5,
        findings: &[DurationMismatch],
        unreadable: &[],
    },
    Case {
        file: "fx13-split-bullet-gmt.md",
        note: "bold intro line; split bullet; a.m./am; GMT+1; a single-space line; timed root-cause bullets",
        title: "",
        parts: &[Intro, Summary, Window, Timeline, RootCause, Measures, Improvements],
        custom: &[],
        rows: 4,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "fx14-pipe-table-tasks.md",
        note: "pipe table with bold times; nested bullets under Impact; '✅' lines; checked and open tasks; ends with '---'",
        title: "Receipt Printer Service Outage",
        parts: &[
            Title,
            Summary,
            Window,
            Zone,
            Timeline,
            RootCause,
            Resolution,
            Measures,
            Improvements,
            Tasks,
        ],
        custom: &[],
        rows: 5,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "fx15-military-time.md",
        note: "military times over midnight; loose list; bold sub-labels; image under the title; numbered loose measures",
        title: "ANALYTICS OUTAGE REPORT",
        parts: &[Title, Intro, Summary, Window, Zone, Timeline, RootCause, Resolution, Measures],
        custom: &[],
        rows: 4,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "fx16-loose-indent.md",
        note: "leading-space headings with colons; indented rows; 'CAT-'; an EDT row; 'June 9th'; mixed list indents; glued URL",
        title: "",
        parts: &[Summary, Window, Timeline, RootCause, Measures],
        custom: &[],
        rows: 5,
        findings: &[TimesBackwards],
        unreadable: &[],
    },
    Case {
        file: "fx17-incident-report.md",
        note: "backticked timestamps over weeks, the last date going backwards; bold sentence; prose measures; closing paragraph",
        title: "Incident 2022-04-02: Build Server Mining Crypto",
        parts: &[Title, Summary, Zone, Timeline, RootCause, Resolution, Measures],
        custom: &[],
        rows: 5,
        findings: &[TimesBackwards],
        unreadable: &[],
    },
    Case {
        file: "fx18-br-out-of-order.md",
        note: "question headings; '<br />' rows with '\\\\' lines; '2024-02-10/12:15'; rows out of order",
        title: "2024-02-10 - Status page outage caused by a bot flood",
        parts: &[Title, Intro, Summary, Timeline],
        custom: &["How long did it last?"],
        rows: 5,
        findings: &[TimesBackwards],
        unreadable: &[],
    },
    Case {
        file: "fx19-reflowed-br-dates.md",
        note: "<br>-joined wrapped fields and rows under date headings; START/END markers; bare URLs; empty-alt images; lessons",
        title: "",
        parts: &[Intro, Summary, Window, Zone, Timeline, RootCause, Lessons, Measures],
        custom: &["Data", "Impact"],
        rows: 7,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "fx20-setext-footnotes.md",
        note: "Setext headings with footnote links; bold labels with '^[1](url)^'; action-items table; rows under a date line",
        title: "Sample Postmortem",
        parts: &[Title, Intro, Summary, Zone, Timeline, Lessons, Measures],
        custom: &["Supporting information: [[5]](https://example.com/notes#info)"],
        rows: 5,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "fx21-narrative.md",
        note: "starts at ##; HTML byline with diacritics; prose window; numbered measures: not recognised as a postmortem",
        title: "2023-11-04/05 Mirror Outage",
        parts: &[Title, Intro, Window, Zone],
        custom: &[],
        rows: 0,
        findings: &[NoSections],
        unreadable: &[],
    },
    Case {
        file: "fx22-empty-template.md",
        note: "blockquote attribution; every section empty; zone only in a quoted note",
        title: "Title",
        parts: &[Title, Intro, Zone, Timeline],
        custom: &[],
        rows: 0,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "fx23-caps-no-timestamps.md",
        note: "bare title; ALL-CAPS headings; HTTP headers in the summary; no times in the timeline; numbered steps",
        title: "Nginx 403 Forbidden Fix",
        parts: &[Title, Summary, Window, Zone, Timeline, RootCause],
        custom: &[],
        rows: 0,
        findings: &[],
        unreadable: &[],
    },
    Case {
        file: "fx24-not-a-postmortem.md",
        note: "a recipe: custom sections and a not-a-postmortem finding",
        title: "Grandma's Lentil Soup",
        parts: &[Title, Intro],
        custom: &["Ingredients", "Method", "Serving"],
        rows: 0,
        findings: &[NotAPostmortem],
        unreadable: &[],
    },
    Case {
        file: "fx25-merge-conflict.md",
        note: "merge-conflict markers in the timeline; both sides kept",
        title: "Cache Stampede",
        parts: &[Title, Summary, Window, Zone, Timeline, RootCause, Resolution, Improvements],
        custom: &[],
        rows: 5,
        findings: &[ConflictMarker, TimesBackwards],
        unreadable: &[],
    },
    Case {
        file: "fx26-github-rendering.md",
        note: "what GitHub renders its own way: bare addresses, HTML in cells, comments and a declaration only CommonMark 0.31 reads, aligned columns, <details>, tasks in the resolution (loose, and a box ending its line)",
        title: "Status page served stale data",
        parts: &[Title, Intro, Summary, Window, Zone, Timeline, RootCause, Resolution, Improvements],
        custom: &[],
        rows: 5,
        findings: &[],
        unreadable: &[],
    },
];
