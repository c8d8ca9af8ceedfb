#![cfg(not(target_arch = "wasm32"))]
//! Fuzzing at scale, run by `scripts/fuzz` (ignored by `cargo test`, which
//! runs a thousand inputs instead): a million generated inputs, by default,
//! through import, export, rendering and validation, each checked for the
//! promises the editor makes of any text: no panic; no word lost on import;
//! what import gives exports to a fixed point of import and export; the
//! preview's HTML, whole and block by block, is the same and passes
//! `support/html_safety.rs`; the sanitiser's output is its own fixed
//! point; validation runs.
//!
//! Inputs come from a seed and their index alone, so a failure is replayed
//! with `FUZZ_CASE=<index>` (and the same `FUZZ_SEED`). Five kinds take
//! turns: fixtures (ours and `../shared/corpus` when present) with lines
//! and characters mutated; random documents exported; soups of Markdown,
//! HTML and pieces of the XSS payloads; payloads spliced into fixtures; and
//! soups of single characters that matter to the parsers.
//!
//! Settings: `FUZZ_INPUTS` (1000000), `FUZZ_SEED` (1), `FUZZ_THREADS` (the
//! machine's cores), `FUZZ_CASE`. Failing inputs are written to
//! `target/fuzz/` and each kind of failure is printed once with its input.

#[path = "support/html_safety.rs"]
mod html_safety;
#[path = "support/xss_payloads.rs"]
mod xss_payloads;

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use postmortem::model::{CustomSection, Document, Item, Lessons, Status, Tag, Task};
use postmortem::{export, html, import, render, validate};

/// Failing inputs kept (and written out) per kind of failure.
const KEPT_PER_FAILURE: usize = 20;

#[test]
#[ignore = "fuzzing at scale: scripts/fuzz runs it"]
fn fuzz() {
    let inputs: u64 = setting("FUZZ_INPUTS", 1_000_000);
    let seed: u64 = setting("FUZZ_SEED", 1);
    let threads: u64 =
        setting("FUZZ_THREADS", std::thread::available_parallelism().map_or(1, |n| n.get() as u64));
    let seeds = Seeds::load();
    if let Ok(case) = std::env::var("FUZZ_CASE") {
        let index: u64 = case.parse().expect("FUZZ_CASE is an input's index");
        let (kind, input) = generate(seed, index, &seeds);
        println!("input #{index} ({}), {} bytes:\n{input:?}", kind.name(), input.len());
        let outcome = run_one(&input, kind, seed, index, &seeds);
        match outcome {
            Ok(()) => println!("every invariant holds"),
            Err(f) => println!("{}: {}", f.what, f.detail),
        }
        return;
    }
    let tally = run(inputs, seed, threads, &seeds);
    tally.print();
    if !tally.failures.is_empty() {
        let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz");
        let _ = std::fs::create_dir_all(&out);
        for (what, found) in &tally.failures {
            for (index, _, _, input) in &found.examples {
                let _ = std::fs::write(out.join(format!("{}-{index}.md", slug(what))), input);
            }
        }
        panic!("invariants broken ({}); inputs in {}", tally.failures_summary(), out.display());
    }
}

/// A thousand inputs in every `cargo test` (another seed than the big
/// run's), so that the generators and checks keep working between runs of
/// `scripts/fuzz` and a common failure shows at once. A thousand because
/// the debug build CI tests runs about 70 a second on two cores.
#[test]
fn a_thousand_fuzzed_inputs_break_nothing() {
    let inputs = setting("FUZZ_SMALL_INPUTS", 1000);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get() as u64);
    let tally = run(inputs, 2, threads, &Seeds::load());
    tally.print();
    assert_eq!(tally.inputs, inputs);
    assert!(tally.failures.is_empty(), "invariants broken: {}", tally.failures_summary());
}

/// Runs inputs `0..inputs` of `seed` on `threads` threads.
fn run(inputs: u64, seed: u64, threads: u64, seeds: &Seeds) -> Tally {
    quiet_panics_while_fuzzing();
    let started = Instant::now();
    let next = AtomicU64::new(0);
    let done = AtomicU64::new(0);
    let bytes = AtomicU64::new(0);
    let tally = Mutex::new(Tally::default());
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| {
                FUZZING.with(|f| f.set(true));
                let mut local = Tally::default();
                loop {
                    let from = next.fetch_add(64, Ordering::Relaxed);
                    if from >= inputs {
                        break;
                    }
                    for index in from..(from + 64).min(inputs) {
                        let (kind, input) = generate(seed, index, seeds);
                        let t = Instant::now();
                        let outcome = run_one(&input, kind, seed, index, seeds);
                        local.count(kind, index, input.len(), t.elapsed());
                        bytes.fetch_add(input.len() as u64, Ordering::Relaxed);
                        if let Err(failure) = outcome {
                            local.fail(failure, kind, index, input);
                        }
                    }
                    done.fetch_add((from + 64).min(inputs) - from, Ordering::Relaxed);
                }
                tally.lock().unwrap().merge(local);
            });
        }
        let mut last = Instant::now();
        while done.load(Ordering::Relaxed) < inputs {
            std::thread::sleep(Duration::from_millis(50));
            if last.elapsed() >= Duration::from_secs(30) {
                last = Instant::now();
                let n = done.load(Ordering::Relaxed);
                let s = started.elapsed().as_secs_f64();
                eprintln!("fuzz: {n} of {inputs} inputs in {s:.0} s ({:.0}/s)", n as f64 / s);
            }
        }
    });
    let mut tally = tally.into_inner().unwrap();
    tally.inputs = inputs;
    tally.seed = seed;
    tally.threads = threads;
    tally.seconds = started.elapsed().as_secs_f64();
    tally.megabytes = bytes.load(Ordering::Relaxed) as f64 / 1e6;
    tally
}

thread_local! {
    static PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    /// Whether this thread is a fuzzing one, whose panics are findings.
    static FUZZING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// On fuzzing threads a panic is a finding, kept with its input, not a
/// message per case; other threads (other tests) print theirs as usual.
fn quiet_panics_while_fuzzing() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let usual = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !FUZZING.with(|f| f.get()) {
                return usual(info);
            }
            let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line()));
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            PANIC.with(|p| {
                *p.borrow_mut() = Some(format!("{message}{}", place.unwrap_or_default()))
            });
        }));
    });
}

/// Inputs fuzzing found breaking an invariant, each of a kind of failure
/// since fixed, some in the code before these fixes and some in the fixes
/// on their way (the unit tests in `src/html` hold the smaller cases).
const FOUND: &[&str] = &[
    // An unclosed <select> in a summary item removed the rest of the page.
    "## Summary\n- **Impact:** slow <select> logins\n- **Root cause:** pool\n\n## Timeline\n- 14:05 alert\n",
    // "</SCRIPT>" does not end pulldown-cmark's HTML block: the document
    // grew by a set of sections on each import and export.
    "<SCRIPT =\">\" SRC=\"x\"></SCRIPT>\n\n# Title\n\n## Timeline\n- 14:00 x\n",
    // A form feed after "<SCRIPT" starts that block too.
    "## Timeline\n<SCRIPT\u{c}>x</SCRIPT>\n\nCorrective and Preventative Measures\n02/02 8:00 AM: paid\n",
    // "&lt;" read as the words "and lt" made a heading too long to name the summary.
    "## Summary<summary><?```javascript:/>===<&-->2) <tr>**Impact:** <i>\n",
    // A block's first tag never ended: shown as text, its lines became entries.
    "## Timeline\n- 2:00 PM found\n<iframe src=http://xss.invalid/x.html <\n- 3:30 PM fixed\n",
    "<div align=\"\n  <h1>Postmortem: x</h1>\n</div>\n\n## Timeline\n- 09:00 a\n",
    // Elements a browser ends ("<p>a<p>", "<li>") and places ("<th>" outside a table).
    "# Postmortem\n\n\u{0}&2024-06-01<p> &lt;/style>&&lt;?\n\n## Timeline\n",
    "a <p></p><sup>b\n\n## Timeline\n- 14:05 x\n",
    "x&copy;<th></p>&nbsp<p> href=\n\n```\n```\n",
    "a *<div>* b\n\n## Timeline\n",
    "a <hr> *<noscript>b* <del><summary><template>c\n\n## Timeline\n",
    "<p>a<a href=\"\">b<select></template><ul>`</ul>.<tbody>\n\n## Timeline\n",
    "## Root cause\n<script><br><math>\n</script>\n\n## Timeline\n",
    "## Lessons learned\n* a <UL><LI>b</br> c\n* d\n\n## Notes\nx\n",
    "## Root cause\nx  \n<form><math><mtext></form><form><mglyph><style>&lt;/math>\n**y**\n",
    // A tag in a tag's value became a tag once the outer one was text.
    "## Timeline\n| 01:00 PDT | <link rel=\"import\" href=\"data:text/html,<script>x</script>\"> y |\n",
    // A Setext heading whose text is white space only to Rust (U+2028)
    // sliced past its underline.
    "\u{2028}\n-\r@*]",
    // "<a .../>" and "<div/>" open an element for the browser.
    "#### <a title=\"x\"/> y\n\n- [ ] t (owner: <div/>)\n",
];

#[test]
fn what_fuzzing_found_holds() {
    for input in FOUND {
        if let Err(f) = check_text(input) {
            panic!("{input:?}: {}: {}", f.what, f.detail);
        }
    }
}

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.replace('_', "").parse().ok()).unwrap_or(default)
}

fn slug(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).take(40).collect()
}

/// One input's checks, a panic among them.
fn run_one(input: &str, kind: Kind, seed: u64, index: u64, seeds: &Seeds) -> Result<(), Failure> {
    PANIC.with(|p| p.borrow_mut().take());
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        if kind == Kind::Document {
            // The document itself, before its Markdown is read back.
            let doc = document(&mut Rng::new(seed, index), seeds);
            check_document(&doc, input)?;
        }
        check_text(input)
    }));
    match outcome {
        Ok(result) => result,
        Err(_) => {
            let message = PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default();
            Err(Failure { what: "panic", detail: message })
        }
    }
}

struct Failure {
    what: &'static str,
    detail: String,
}

fn broken(what: &'static str, detail: impl Into<String>) -> Result<(), Failure> {
    Err(Failure { what, detail: detail.into() })
}

/// What must hold for any text, imported.
fn check_text(input: &str) -> Result<(), Failure> {
    let doc = import::import(input).doc;
    let markdown = export::to_markdown(&doc);
    let lost = import::words_lost(input, &markdown);
    if !lost.is_empty() {
        return broken("a word lost on import", format!("{lost:?}"));
    }
    let again = export::to_markdown(&import::import(&markdown).doc);
    if again != markdown {
        return broken("import of the export is not a fixed point", difference(&markdown, &again));
    }
    check_document(&doc, &markdown)?;
    safe("the input rendered as it is", &render::to_html(input))
}

/// What must hold for any document and its Markdown.
fn check_document(doc: &Document, markdown: &str) -> Result<(), Failure> {
    let whole = render::to_html(markdown);
    safe("the preview's HTML", &whole)?;
    let by_block = render::assemble(&render::blocks_html(&export::blocks(doc)));
    if by_block != whole {
        return broken("block by block is not the whole document", difference(&whole, &by_block));
    }
    let again = html::sanitize(&whole);
    if again != whole {
        return broken(
            "the sanitiser's output is not its own fixed point",
            difference(&whole, &again),
        );
    }
    let _findings = validate::validate(doc);
    Ok(())
}

fn safe(what: &'static str, html: &str) -> Result<(), Failure> {
    let problems = html_safety::problems(html);
    if problems.is_empty() {
        return Ok(());
    }
    broken(what, format!("unsafe: {problems:?}"))
}

/// Where two texts first differ, with a little of each.
fn difference(a: &str, b: &str) -> String {
    let at = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or_else(|| a.len().min(b.len()), |((i, _), _)| i);
    let from = a[..at.min(a.len())].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
    let cut = |s: &str| s.get(from..).unwrap_or("").chars().take(120).collect::<String>();
    format!("at byte {at}: {:?} / {:?}", cut(a), cut(b))
}

#[derive(Default)]
struct Tally {
    inputs: u64,
    seed: u64,
    threads: u64,
    seconds: f64,
    megabytes: f64,
    kinds: BTreeMap<&'static str, (u64, Duration)>,
    /// Time, index and length of the slowest input.
    slowest: Option<(Duration, u64, usize)>,
    failures: BTreeMap<&'static str, Found>,
}

#[derive(Default)]
struct Found {
    count: u64,
    /// Index, kind, detail and input.
    examples: Vec<(u64, &'static str, String, String)>,
}

impl Tally {
    /// The run's figures, and each kind of failure once with its input.
    fn print(&self) {
        println!(
            "fuzz: {} inputs (seed {}, {} threads) in {:.1} s: {:.0} inputs/s, {:.1} MB of input ({:.2} MB/s), {} failing",
            self.inputs,
            self.seed,
            self.threads,
            self.seconds,
            self.inputs as f64 / self.seconds,
            self.megabytes,
            self.megabytes / self.seconds,
            self.failures.values().map(|f| f.count).sum::<u64>()
        );
        for (kind, (n, time)) in &self.kinds {
            println!(
                "  {kind}: {n} inputs, {:.0} µs each on one thread",
                time.as_secs_f64() * 1e6 / *n as f64
            );
        }
        if let Some((time, index, len)) = self.slowest {
            println!("  slowest: input #{index}, {len} bytes, {:.1} ms", time.as_secs_f64() * 1e3);
        }
        if self.failures.is_empty() {
            println!("  no panic, no invariant broken");
        }
        for (what, found) in &self.failures {
            let (index, kind, detail, input) = &found.examples[0];
            println!(
                "\n{what}: {} inputs, first #{index} ({kind}): {detail}\n{input:?}",
                found.count
            );
        }
    }

    fn failures_summary(&self) -> String {
        let each: Vec<String> =
            self.failures.iter().map(|(what, f)| format!("{what}: {} inputs", f.count)).collect();
        each.join("; ")
    }

    fn count(&mut self, kind: Kind, index: u64, len: usize, time: Duration) {
        let entry = self.kinds.entry(kind.name()).or_default();
        entry.0 += 1;
        entry.1 += time;
        if self.slowest.is_none_or(|(t, _, _)| time > t) {
            self.slowest = Some((time, index, len));
        }
    }

    fn fail(&mut self, failure: Failure, kind: Kind, index: u64, input: String) {
        let found = self.failures.entry(failure.what).or_default();
        found.count += 1;
        if found.examples.len() < KEPT_PER_FAILURE {
            found.examples.push((index, kind.name(), failure.detail, input));
        }
    }

    fn merge(&mut self, other: Tally) {
        for (kind, (n, time)) in other.kinds {
            let entry = self.kinds.entry(kind).or_default();
            entry.0 += n;
            entry.1 += time;
        }
        if let Some(s) = other.slowest {
            if self.slowest.is_none_or(|(t, _, _)| s.0 > t) {
                self.slowest = Some(s);
            }
        }
        for (what, found) in other.failures {
            let mine = self.failures.entry(what).or_default();
            mine.count += found.count;
            for e in found.examples {
                if mine.examples.len() < KEPT_PER_FAILURE {
                    mine.examples.push(e);
                }
            }
            mine.examples.sort_by_key(|e| e.0);
        }
    }
}

/// SplitMix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, index: u64) -> Rng {
        let mut rng = Rng(seed.wrapping_mul(0xD134_2543_DE82_EF95) ^ index);
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.below(list.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    MutatedFixture,
    Document,
    Soup,
    SplicedPayload,
    Characters,
}

impl Kind {
    const ALL: [Kind; 5] =
        [Kind::MutatedFixture, Kind::Document, Kind::Soup, Kind::SplicedPayload, Kind::Characters];

    fn name(self) -> &'static str {
        match self {
            Kind::MutatedFixture => "mutated fixture",
            Kind::Document => "random document",
            Kind::Soup => "Markdown and HTML soup",
            Kind::SplicedPayload => "payload spliced into a fixture",
            Kind::Characters => "characters",
        }
    }
}

/// What inputs are made from.
struct Seeds {
    fixtures: Vec<String>,
    lines: Vec<String>,
    payloads: Vec<String>,
}

impl Seeds {
    fn load() -> Seeds {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut fixtures = Vec::new();
        for dir in ["tests/fixtures", "tests/fixtures/timelines", "../shared/corpus"] {
            fixtures.extend(markdown_files(&root.join(dir)));
        }
        assert!(fixtures.len() > 30, "the fixtures of tests/fixtures, found {}", fixtures.len());
        let lines = fixtures.iter().flat_map(|f| f.lines().map(str::to_string)).collect();
        let payloads = xss_payloads::payloads().into_iter().map(|p| p.text).collect();
        Seeds { fixtures, lines, payloads }
    }
}

fn markdown_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
}

/// Input `index` of the run with `seed`, and its kind.
fn generate(seed: u64, index: u64, seeds: &Seeds) -> (Kind, String) {
    let kind = Kind::ALL[(index % Kind::ALL.len() as u64) as usize];
    let rng = &mut Rng::new(seed, index);
    let text = match kind {
        Kind::MutatedFixture => {
            let fixture = rng.pick(&seeds.fixtures).clone();
            let edits = 1 + rng.below(8);
            mutate(rng, fixture, edits, seeds)
        }
        Kind::Document => export::to_markdown(&document(rng, seeds)),
        Kind::Soup => soup(rng, 40, seeds),
        Kind::SplicedPayload => {
            let mut text = rng.pick(&seeds.fixtures).clone();
            for _ in 0..1 + rng.below(3) {
                let payload = rng.pick(&seeds.payloads).clone();
                let at = boundary(rng, &text);
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                // At a line's start (a block of its own) or inside a line.
                let at = if rng.chance(50) { line_start } else { at };
                let sep = if at == line_start { "\n" } else { "" };
                text.insert_str(at, &format!("{payload}{sep}"));
            }
            text
        }
        Kind::Characters => {
            const ALPHABET: &[&str] = &[
                "<", ">", "/", "&", "#", ";", "=", "\"", "'", "`", "!", "-", "[", "]", "(", ")",
                "*", "_", "|", "\\", ":", "\n", "\n", "\t", " ", " ", "a", "b", "x", "1", "9", "~",
                "+", ".", "?", "{", "}", "é", "\u{0}", "\u{a0}", "\u{2028}", "\r", "%", "@", "$",
                "^",
            ];
            let n = rng.below(300);
            (0..n).map(|_| *rng.pick(ALPHABET)).collect()
        }
    };
    (kind, text)
}

/// A character boundary of `text`, anywhere.
fn boundary(rng: &mut Rng, text: &str) -> usize {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn mutate(rng: &mut Rng, text: String, edits: usize, seeds: &Seeds) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for _ in 0..edits {
        let at = rng.below(lines.len().max(1));
        match rng.below(9) {
            0 if !lines.is_empty() => drop(lines.remove(at)),
            1 if !lines.is_empty() => lines.insert(at, lines[at].clone()),
            2 if !lines.is_empty() => {
                let line = &lines[at];
                let cut = boundary(rng, line);
                lines[at] = line[..cut].to_string();
            }
            3 if lines.len() > 1 => {
                let other = rng.below(lines.len());
                lines.swap(at, other);
            }
            4 => lines.insert(at.min(lines.len()), rng.pick(&seeds.lines).clone()),
            5 => lines.insert(at.min(lines.len()), rng.pick(&seeds.payloads).clone()),
            6 if !lines.is_empty() => {
                let cut = boundary(rng, &lines[at]);
                let piece = soup(rng, 3, seeds);
                lines[at].insert_str(cut, &piece);
            }
            7 if !lines.is_empty() => {
                let line = &lines[at];
                let from = boundary(rng, line);
                let mut to = (from + 1 + rng.below(20)).min(line.len());
                while !line.is_char_boundary(to) {
                    to += 1;
                }
                lines[at].replace_range(from..to, "");
            }
            _ => lines.insert(at.min(lines.len()), String::new()),
        }
    }
    let mut out = lines.join(if rng.chance(10) { "\r\n" } else { "\n" });
    if rng.chance(70) {
        out.push('\n');
    }
    out
}

/// Markdown, HTML and what both read specially, up to `max` pieces.
const PIECES: &[&str] = &[
    "word",
    "Pool",
    "balancer",
    " ",
    " ",
    "  ",
    "    ",
    "\t",
    "\n",
    "\n",
    "\n\n",
    "\r\n",
    "|",
    "\\|",
    "| --- |",
    "#",
    "# ",
    "## ",
    "### ",
    "*",
    "**",
    "_",
    "__",
    "~~",
    "`",
    "``",
    "```",
    "~~~",
    "> ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "- [ ] ",
    "- [x] ",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "]: ",
    "[r]",
    "[r]: /u",
    "[^1]",
    "<",
    ">",
    "\\",
    "---",
    "===",
    "***",
    "&",
    "&amp;",
    "&lt;",
    "&#60;",
    "&#x3c;",
    "&colon;",
    "&Tab;",
    "&#0;",
    "&copy;",
    "&nbsp",
    "\"",
    "'",
    "=",
    "14:05",
    "2024-06-01",
    "2:05 PM",
    "UTC",
    "PDT",
    "(owner: X)",
    "(due 2024-01-01)",
    "**Detection:** ",
    "**Impact:** ",
    "**Root cause:** ",
    "Timeline",
    "## Timeline",
    "## Root cause",
    "## Summary",
    "## Lessons learned",
    "### Tasks",
    "🦸‍♂️",
    "é",
    "\u{0}",
    "\u{2028}",
    "<<<<<<< HEAD",
    "=======",
    ">>>>>>> b",
    "+++",
    "---\ntitle: x\n---\n",
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<div>",
    "</div>",
    "<details>",
    "<details open>",
    "</details>",
    "<summary>",
    "</summary>",
    "<p>",
    "</p>",
    "<pre>",
    "</pre>",
    "<table>",
    "</table>",
    "<tr>",
    "<td>",
    "</td>",
    "<th>",
    "<tbody>",
    "<li>",
    "</li>",
    "<ul>",
    "</ul>",
    "<br>",
    "<br/>",
    "<hr>",
    "<img src=x>",
    "<img",
    " src=",
    " onerror=",
    " href=",
    " name=",
    " style=",
    " action=",
    " cite=",
    "javascript:",
    "data:",
    "<a href=\"",
    "\">",
    "</a>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<textarea>",
    "</textarea>",
    "<title>",
    "<xmp>",
    "<noscript>",
    "</noscript>",
    "<template>",
    "</template>",
    "<svg>",
    "</svg>",
    "<math>",
    "</math>",
    "<!--",
    "-->",
    "--!>",
    "<!-->",
    "<!",
    "<?",
    "?>",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE html>",
    "<input type=checkbox checked>",
    "<select>",
    "<option>",
    "<iframe>",
    "<kbd>",
    "<sup>",
    "<del>",
    "<q cite=",
    "<plaintext>",
    "</",
    "/>",
    "<x-y>",
    "</p>",
];

fn soup(rng: &mut Rng, max: usize, seeds: &Seeds) -> String {
    let mut out = String::new();
    for _ in 0..rng.below(max + 1) {
        if rng.chance(10) {
            // A piece of a payload, cut anywhere.
            let payload = rng.pick(&seeds.payloads);
            let from = boundary(rng, payload);
            let to = from + boundary(rng, &payload[from..]);
            out.push_str(&payload[from..to.max(from)]);
        } else {
            let piece: &&str = rng.pick(PIECES);
            out.push_str(piece);
        }
    }
    out
}

/// A document as the form could hold it, every field random.
fn document(rng: &mut Rng, seeds: &Seeds) -> Document {
    const TIMES: &[&str] = &[
        "14:05",
        "2:05 PM",
        "2024-06-03 14:15",
        "09:00 PDT / 16:00 UTC",
        "",
        "soon",
        "23:59:60",
        "2024-02-30 10:00",
        "~14:00",
        "14:05–14:30",
        "Day 2 03:00",
    ];
    let text = |rng: &mut Rng, max: usize| {
        if rng.chance(30) {
            String::new()
        } else {
            soup(rng, max, seeds)
        }
    };
    let mut d = Document::new();
    d.title = text(rng, 6);
    d.authors = text(rng, 3);
    d.status = *rng.pick(&Status::ALL);
    d.intro = text(rng, 10);
    d.summary.start = rng.pick(TIMES).to_string();
    d.summary.end = rng.pick(TIMES).to_string();
    d.summary.zone = rng.pick(&["", "UTC", "EAT", "GMT+2", "+03:00", "Mars"]).to_string();
    d.summary.impact = text(rng, 6);
    d.summary.affected = rng.pick(&["", "40", "150", "-1", "x"]).to_string();
    d.summary.root_cause = text(rng, 6);
    d.summary.notes = text(rng, 10);
    d.timeline_notes = text(rng, 8);
    for _ in 0..rng.below(6) {
        let id = d.add_row();
        let time = rng.pick(TIMES).to_string();
        let event = text(rng, 8);
        let tag = if rng.chance(30) { Some(*rng.pick(&Tag::ALL)) } else { None };
        let row = d.row_mut(id).expect("the row just added");
        row.time = time;
        row.event = event;
        row.tag = tag;
    }
    d.root_cause = text(rng, 12);
    d.resolution = text(rng, 12);
    if rng.chance(30) {
        d.misleading = Some(text(rng, 8));
    }
    if rng.chance(30) {
        d.escalation = Some(text(rng, 8));
    }
    if rng.chance(30) {
        d.lessons = Some(Lessons {
            went_well: text(rng, 6),
            went_wrong: text(rng, 6),
            got_lucky: text(rng, 6),
        });
    }
    for _ in 0..rng.below(3) {
        let id = d.fresh_id();
        let (heading, body) = (text(rng, 4), text(rng, 10));
        d.custom.push(CustomSection { id, heading, body, internal: rng.chance(20) });
    }
    d.measures_notes = text(rng, 6);
    for _ in 0..rng.below(4) {
        let id = d.fresh_id();
        let item_text = text(rng, 6);
        d.improvements.push(Item { id, text: item_text });
    }
    for _ in 0..rng.below(4) {
        let id = d.fresh_id();
        let (task_text, owner) = (text(rng, 6), text(rng, 2));
        let due = rng.pick(&["", "2024-06-15", "tomorrow", "15/06"]).to_string();
        d.tasks.push(Task {
            id,
            text: task_text,
            owner,
            due,
            done: rng.chance(50),
            internal: rng.chance(20),
        });
    }
    if rng.chance(20) {
        d.headings.summary = text(rng, 3);
        d.headings.timeline = text(rng, 3);
        d.headings.tasks = text(rng, 3);
    }
    d
}
