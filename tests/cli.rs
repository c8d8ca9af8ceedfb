#![cfg(not(target_arch = "wasm32"))]
//! The `postmortem` command as a CI job or a hook runs it: the built binary
//! on files in a scratch folder, its output and exit code read back. Our
//! fixtures (`tests/fixtures`) and, when it is beside the project, the
//! shared corpus (`../shared/corpus`) are what it formats.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use postmortem::export::to_markdown;
use postmortem::import::words_lost;
use postmortem::model::Document;
use postmortem::sample;

/// A folder of its own for one test, removed when the test ends.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("postmortem-cli-{}-{n}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("a scratch folder");
        Scratch(dir)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("a folder");
        }
        fs::write(&path, bytes).expect("a file");
        path
    }

    fn read(&self, name: &str) -> String {
        fs::read_to_string(self.0.join(name)).expect("a file")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the built command in `dir`.
fn postmortem(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_postmortem"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the postmortem command runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A postmortem with one slip of each kind, each on a line we know.
const BROKEN: &str = "# Postmortem: Checkout down

## Issue Summary
- **Start:** half past two
- **Root cause:** A full disk.

##Timeline
| Time | Event |
| --- | --- |
| 14:30 | Alert on checkout errors |
| 14:10 | Paged the on-call engineer |

## Corrective and Preventative Measures
### Tasks
- [ ] Rotate the logs (owner: R. Ortiz, due someday)
";

#[test]
fn check_exits_0_when_clean_0_on_warnings_unless_strict_and_1_on_errors() {
    let dir = Scratch::new("exit");
    dir.write("clean.md", to_markdown(&sample::document(30)));
    dir.write("blank.md", to_markdown(&Document::new()));
    dir.write("broken.md", BROKEN);

    // Named twice, a file is read once.
    let clean = postmortem(&dir.0, &["check", "clean.md", "./clean.md"]);
    assert_eq!((clean.code, clean.stdout.as_str()), (0, "Checked 1 file: no findings.\n"));

    let warned = postmortem(&dir.0, &["check", "blank.md"]);
    assert_eq!(warned.code, 0, "{}", warned.stdout);
    assert!(warned.stdout.contains("blank.md:5: warning: No root cause yet"), "{}", warned.stdout);
    assert_eq!(postmortem(&dir.0, &["check", "--strict", "blank.md"]).code, 1);

    let failed = postmortem(&dir.0, &["check", "."]);
    assert_eq!(failed.code, 1, "{}", failed.stdout);
    assert!(
        failed.stdout.ends_with("Checked 3 files: 4 errors and 2 warnings in 2 files.\n"),
        "{}",
        failed.stdout
    );
}

#[test]
fn check_gives_each_finding_its_line_in_each_format() {
    let dir = Scratch::new("formats");
    dir.write("pm/broken.md", BROKEN);

    let text = postmortem(&dir.0, &["check", "./pm"]);
    assert_eq!(text.code, 1);
    let expected = [
        "pm/broken.md:4: error: Unreadable time. Write it like 14:05,",
        "pm/broken.md:4: warning: No time zone: readers elsewhere",
        "pm/broken.md:7: error: \"##Timeline\" is not a heading on GitHub",
        "pm/broken.md:11: error: Earlier than the row above (14:30).",
        "pm/broken.md:15: error: Unreadable due date.",
        "Checked 1 file: 4 errors and 1 warning in 1 file.",
    ];
    let lines: Vec<&str> = text.stdout.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{}", text.stdout);
    for (line, start) in lines.iter().zip(expected) {
        assert!(line.starts_with(start), "{line:?} should start with {start:?}");
    }

    let github = postmortem(&dir.0, &["check", "--format", "github", "pm"]);
    assert_eq!(github.code, 1);
    let first = github.stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(
            "::error file=pm/broken.md,line=4,title=postmortem check::Unreadable time."
        ),
        "{first}"
    );
    assert!(github.stdout.contains("::warning file=pm/broken.md,line=4,"), "{}", github.stdout);
    assert_eq!(github.stdout.lines().filter(|l| l.starts_with("::")).count(), 5);

    let json = postmortem(&dir.0, &["check", "--format", "json", "pm"]);
    assert_eq!(json.code, 1);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let file = &value["files"][0];
    assert_eq!(file["path"], "pm/broken.md");
    let found: Vec<(u64, &str, &str, &str)> = file["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default();
            (f["line"].as_u64().unwrap_or(0), s("severity"), s("check"), s("kind"))
        })
        .collect();
    assert_eq!(
        found,
        [
            (4, "error", "validation", "Start"),
            (4, "warning", "validation", "Zone"),
            (7, "error", "import", "NotAHeading"),
            (11, "error", "validation", "RowTime"),
            (15, "error", "validation", "TaskDue"),
        ]
    );
    assert_eq!(value["summary"]["errors"], 4);
    assert_eq!(value["summary"]["files"], 1);
}

#[test]
fn github_commands_escape_what_would_cut_them_short() {
    let dir = Scratch::new("escape");
    dir.write("a,b: c.md", "# Outage\n\n## Issue Summary\n- **Impact:** 100% down\n");
    let run = postmortem(&dir.0, &["check", "--format", "github", "."]);
    assert!(run.stdout.starts_with("::warning file=a%2Cb%3A c.md,line="), "{}", run.stdout);
}

/// The kinds of bad input, each with the reason it must be reported by.
#[cfg(unix)]
fn bad_inputs(dir: &Scratch) -> Vec<(&'static str, &'static str)> {
    use std::os::unix::fs::symlink;
    dir.write("latin1.md", b"# Caf\xe9 outage\n");
    dir.write("image.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    dir.write("empty.md", b"");
    let big = fs::File::create(dir.0.join("big.md")).expect("a file");
    big.set_len(50 * 1024 * 1024).expect("50 MB");
    symlink("loop.md", dir.0.join("loop.md")).expect("a symlink");
    fs::create_dir_all(dir.0.join("sub")).expect("a folder");
    symlink("..", dir.0.join("sub/up")).expect("a symlink");
    vec![
        ("big.md", "too large: 52.4 MB, more than the 10 MB a postmortem is read up to"),
        ("empty.md", "empty: the file has no text"),
        ("image.md", "a binary file, not Markdown text (it holds a NUL byte at byte 8)"),
        ("latin1.md", "not UTF-8: byte 0xE9 at line 1, column 6 is not UTF-8 text"),
        ("loop.md", "a symlink loop: following its links never reaches a file"),
        ("sub/up", "a symlink loop: it leads back to ., a folder it is in"),
        ("missing.md", "no such file or folder"),
    ]
}

#[cfg(unix)]
#[test]
fn each_bad_input_is_named_with_its_reason_and_the_others_are_still_read() {
    let dir = Scratch::new("bad");
    let bad = bad_inputs(&dir);
    dir.write("good.md", BROKEN);
    let check = postmortem(&dir.0, &["check", ".", "missing.md"]);
    assert_eq!(check.code, 2, "{}", check.stdout);
    for (name, reason) in &bad {
        let said = format!("{name}: error: {reason}");
        assert!(check.stdout.lines().any(|l| l.starts_with(&said)), "{said}\n{}", check.stdout);
    }
    assert!(check.stdout.contains("good.md:11: error: Earlier than the row above"));
    assert!(check.stdout.ends_with("in 1 file. 7 paths could not be read.\n"), "{}", check.stdout);

    // Files named one by one, as a pre-commit hook names them, too.
    for (name, reason) in bad.iter().filter(|b| b.0 != "sub/up") {
        let one = postmortem(&dir.0, &["check", "--format", "github", name, "good.md"]);
        assert_eq!(one.code, 2, "{name}");
        let said = format!("::error file={name},title=postmortem check::{reason}");
        assert!(one.stdout.starts_with(&said), "{said}\n{}", one.stdout);
        assert!(one.stdout.contains("file=good.md,line=11"), "{}", one.stdout);
    }

    // fmt and stats read the others, and change none of the bad.
    let fmt = postmortem(&dir.0, &["fmt", "."]);
    assert_eq!(fmt.code, 2, "{}", fmt.stdout);
    assert!(fmt.stdout.contains("good.md: formatted"), "{}", fmt.stdout);
    assert!(fmt.stdout.contains("latin1.md: error: not UTF-8"), "{}", fmt.stdout);
    assert_eq!(fs::read(dir.0.join("latin1.md")).ok(), Some(b"# Caf\xe9 outage\n".to_vec()));
    let stats = postmortem(&dir.0, &["stats", "--format", "csv", "."]);
    assert_eq!(stats.code, 2);
    assert!(stats.stderr.contains("image.md: error: a binary file"), "{}", stats.stderr);
    assert!(stats.stdout.lines().any(|l| l.starts_with("good.md,")), "{}", stats.stdout);
}

/// Our fixtures and the corpus's documents, each under its own name.
fn documents() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("tests/fixtures"), root.join("tests/fixtures/timelines")];
    let corpus = root.join("../shared/corpus");
    if corpus.is_dir() {
        dirs.push(corpus);
    } else {
        println!("SKIPPED the corpus: ../shared/corpus not found (third-party documents we do not commit)");
    }
    let mut out = Vec::new();
    for dir in dirs {
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .expect("a folder of documents")
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        let prefix = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
        for path in files {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let text = fs::read_to_string(&path).expect("a document");
            out.push((format!("{prefix}-{name}"), text));
        }
    }
    out
}

#[test]
fn fmt_loses_no_word_of_any_document_and_a_second_run_changes_nothing() {
    let dir = Scratch::new("fmt");
    let documents = documents();
    for (name, text) in &documents {
        dir.write(name, text);
    }
    let first = postmortem(&dir.0, &["fmt", "."]);
    assert_eq!(first.code, 0, "{}", first.stdout);
    let (mut rewritten, mut left) = (Vec::new(), Vec::new());
    for (name, text) in &documents {
        let now = dir.read(name);
        if now == *text {
            let said = format!("{name}: left as it is: ");
            assert!(first.stdout.contains(&said), "{name} unchanged, and not said why");
            left.push(name.as_str());
        } else {
            assert!(first.stdout.contains(&format!("{name}: formatted")), "{name}");
            assert_eq!(words_lost(text, &now), Vec::<String>::new(), "{name}: words lost");
            rewritten.push(name.as_str());
        }
    }
    println!("fmt rewrote {} documents and left {}: {left:?}", rewritten.len(), left.len());
    for ours in ["fx21-narrative.md", "fx24-not-a-postmortem.md", "fx25-merge-conflict.md"] {
        assert!(left.contains(&format!("fixtures-{ours}").as_str()), "{ours}: {left:?}");
    }
    assert!(rewritten.len() > documents.len() / 2, "{left:?}");
    // Of the corpus, only a story told without sections stays as written.
    if documents.iter().any(|(name, _)| name.starts_with("corpus-")) {
        let corpus: Vec<&&str> = left.iter().filter(|n| n.starts_with("corpus-")).collect();
        assert_eq!(corpus, [&"corpus-24-hex-outage-narrative.md"]);
    }

    let after: Vec<String> = documents.iter().map(|(name, _)| dir.read(name)).collect();
    let second = postmortem(&dir.0, &["fmt", "."]);
    assert_eq!(second.code, 0);
    let summary = format!(
        "0 formatted, {} already canonical, {} left as written.\n",
        rewritten.len(),
        left.len()
    );
    assert!(second.stdout.ends_with(&summary), "{}", second.stdout);
    let again: Vec<String> = documents.iter().map(|(name, _)| dir.read(name)).collect();
    assert!(after == again, "the second fmt changed a file");
    assert_eq!(postmortem(&dir.0, &["fmt", "--check", "."]).code, 0);
}

#[test]
fn fmt_check_prints_a_unified_diff_and_changes_nothing() {
    let dir = Scratch::new("fmt-check");
    let text = "# Outage\n\nISSUE SUMMARY\n\nFrom 14:00 to 15:00 UTC checkout was down.\n\nTIMELINE\n\n* 14:00 - alert fired\n* 14:30 - rolled back\n";
    dir.write("outage.md", text);
    dir.write("ok.md", to_markdown(&sample::document(5)));
    let check = postmortem(&dir.0, &["fmt", "--check", "."]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    assert!(
        check.stdout.starts_with("--- a/outage.md\n+++ b/outage.md\n@@ -1,"),
        "{}",
        check.stdout
    );
    assert!(check.stdout.contains("\n-ISSUE SUMMARY\n"), "{}", check.stdout);
    assert!(check.stdout.contains("\n+## Issue Summary\n"), "{}", check.stdout);
    assert!(check
        .stdout
        .ends_with("1 would be formatted, 1 already canonical, 0 left as written.\n"));
    assert_eq!(dir.read("outage.md"), text);
    assert_eq!(postmortem(&dir.0, &["fmt", "outage.md"]).code, 0);
    let formatted = postmortem(&dir.0, &["fmt", "--check", "outage.md"]);
    assert_eq!((formatted.code, formatted.stdout.lines().count()), (0, 1), "{}", formatted.stdout);
}

#[test]
fn stats_give_each_postmortems_figures_and_their_median_and_mean() {
    let dir = Scratch::new("stats");
    // Durations of 30, 90 and 120 minutes; detected at once; resolved at the last row.
    for rows in [30, 90, 120] {
        dir.write(&format!("pm-{rows}.md"), to_markdown(&sample::document(rows)));
    }
    dir.write("notes.md", "Meeting notes\n\nWe talked about lunch.\n");

    let csv = postmortem(&dir.0, &["stats", "--format", "csv", "."]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    assert!(csv.stderr.contains("notes.md: skipped"), "{}", csv.stderr);
    let title = "Checkout API outage with 90 timeline rows";
    assert_eq!(
        csv.stdout.lines().collect::<Vec<_>>(),
        [
            "file,title,start,duration_minutes,detect_minutes,resolve_minutes,timeline_rows,open_tasks,done_tasks",
            "pm-120.md,Checkout API outage with 120 timeline rows,2024-06-01 00:00 UTC,120,0,119,120,1,0",
            "pm-30.md,Checkout API outage with 30 timeline rows,2024-06-01 00:00 UTC,30,0,29,30,1,0",
            &format!("pm-90.md,{title},2024-06-01 00:00 UTC,90,0,89,90,1,0"),
            ",count,,3,3,3,,,",
            ",median,,90.0,0.0,89.0,,,",
            ",mean,,80.0,0.0,79.0,,,",
        ]
    );

    let json = postmortem(&dir.0, &["stats", "--format", "json", "."]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(value["postmortems"][2]["title"], title);
    assert_eq!(value["postmortems"][2]["resolve_minutes"], 89);
    assert_eq!(value["summary"]["postmortems"], 3);
    assert_eq!(value["summary"]["duration_minutes"]["median"], 90.0);
    assert_eq!(value["summary"]["resolve_minutes"]["mean"], 79.0);

    let table = postmortem(&dir.0, &["stats", "."]);
    assert_eq!(table.code, 0);
    let row = table.stdout.lines().find(|l| l.starts_with("pm-90.md")).unwrap_or_default();
    let cells: Vec<&str> = row.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect();
    assert_eq!(
        cells,
        [
            "pm-90.md",
            // Titles are cut to 40 characters in the table.
            "Checkout API outage with 90 timeline ro…",
            "2024-06-01 00:00 UTC",
            "1 h 30 min",
            "0 min",
            "1 h 29 min",
            "90",
            "1",
            "0"
        ]
    );
    let duration = table.stdout.lines().find(|l| l.starts_with("duration")).unwrap_or_default();
    let cells: Vec<&str> = duration.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect();
    assert_eq!(cells, ["duration", "3", "1 h 30 min", "1 h 20 min"]);
}

#[test]
fn new_prints_a_template_that_checks_and_formats_as_it_is() {
    let dir = Scratch::new("new");
    let blank = postmortem(&dir.0, &["new"]);
    assert_eq!((blank.code, blank.stdout.as_str()), (0, to_markdown(&Document::new()).as_str()));
    let full = postmortem(&dir.0, &["new", "--template", "full"]);
    assert!(full.stdout.contains("## Lessons learned\n"), "{}", full.stdout);
    dir.write("full.md", &full.stdout);
    assert_eq!(postmortem(&dir.0, &["check", "full.md"]).code, 0);
    assert_eq!(postmortem(&dir.0, &["fmt", "--check", "full.md"]).code, 0);

    let unknown = postmortem(&dir.0, &["new", "--template", "nope"]);
    assert_eq!((unknown.code, unknown.stdout.as_str()), (2, ""));
    assert!(
        unknown.stderr.contains("blank") && unknown.stderr.contains("full"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn a_wrong_command_line_exits_2_and_says_how_to_use_it() {
    let dir = Scratch::new("usage");
    let none = postmortem(&dir.0, &["check"]);
    assert_eq!(none.code, 2);
    assert!(none.stderr.contains("Usage: postmortem check"), "{}", none.stderr);
    assert_eq!(postmortem(&dir.0, &["check", "--format", "xml", "."]).code, 2);
    assert_eq!(postmortem(&dir.0, &["--help"]).code, 0);
}
