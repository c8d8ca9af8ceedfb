#![cfg(not(target_arch = "wasm32"))]
//! The preview against GitHub's renderer. cmark-gfm (Debian's `cmark-gfm`,
//! the C library github.com renders Markdown with) renders each exported
//! document, its HTML goes through the same allowlist as the preview's
//! (`html::sanitize`, GitHub's sanitiser), and the two must be the same
//! HTML. Every fixture (`tests/fixtures/**/*.md`) and every corpus
//! document (`../shared/corpus`, skipped, saying so, when absent) is
//! imported and exported first, as a user's would be.
//!
//! Front matter is cut off before cmark-gfm sees the document, as
//! `render::to_html` cuts it: GitHub shows YAML front matter as a table,
//! the preview does not show it.
//!
//! Compared after `normalise` (whitespace only, see there). Without
//! cmark-gfm (`scripts/setup --test` installs it) the tests say they are
//! skipped, and fail when `CI` is set.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use postmortem::export::to_markdown;
use postmortem::html::allowlist::BLOCKS;
use postmortem::html::sanitize;
use postmortem::html::tokens::{decode, tokens, Token};
use postmortem::import::import;
use postmortem::render::to_html;

/// GitHub's Markdown: tables, strikethrough, autolinks, the tag filter and
/// task lists (cmark-gfm 0.29.0.gfm.6's names for them).
const EXTENSIONS: &[&str] = &["table", "strikethrough", "autolink", "tagfilter", "tasklist"];

/// cmark-gfm's arguments for `extensions`, raw HTML passed on (to the sanitiser).
fn args<'a>(extensions: impl IntoIterator<Item = &'a &'a str>) -> Vec<&'a str> {
    let mut args = vec!["--unsafe"];
    for e in extensions {
        args.extend(["-e", e]);
    }
    args
}

/// cmark-gfm's HTML of `markdown` with `args`; none when it cannot run.
fn cmark_gfm_with(markdown: &str, args: &[&str]) -> Option<String> {
    let mut child = Command::new("cmark-gfm")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(markdown.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    assert!(out.status.success(), "cmark-gfm failed on {markdown:?}");
    Some(String::from_utf8(out.stdout).expect("cmark-gfm writes UTF-8"))
}

/// What GitHub shows of `markdown` (front matter cut off as the preview cuts it).
fn github(markdown: &str) -> String {
    let body = postmortem::frontmatter::split(markdown).map_or(markdown, |(_, rest)| rest);
    sanitize(&cmark_gfm_with(body, &args(EXTENSIONS)).expect("cmark-gfm ran before"))
}

/// Whether cmark-gfm is here; if not, says the test is skipped (or fails
/// it, in CI).
fn have_cmark_gfm(test: &str) -> bool {
    let version = Command::new("cmark-gfm").arg("--version").stdout(Stdio::null()).status();
    if version.is_ok_and(|s| s.success()) {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: cmark-gfm is missing (scripts/setup --test installs it)"
    );
    println!("SKIPPED {test}: cmark-gfm not found (scripts/setup --test installs it)");
    false
}

/// HTML with whitespace the browser does not show made the same, and
/// nothing else changed. Both renderers lay their HTML out differently
/// (pulldown-cmark a table row to a line, cmark-gfm a line to each tag),
/// so, outside `<pre>` and `<code>` (whose whitespace is shown):
/// 1. every run of whitespace becomes one space, as `white-space: normal`
///    shows it;
/// 2. a space next to a block element's start or end tag goes: between
///    blocks, or at a block's start or end, it is not shown.
///
/// The input is sanitised HTML: a `<` in text or `>` in a value is escaped,
/// so a tag runs from `<` to the next `>`.
fn normalise(html: &str) -> String {
    let name = |tag: &str| -> String {
        tag.trim_start_matches(['<', '/']).chars().take_while(char::is_ascii_alphanumeric).collect()
    };
    let mut out = String::with_capacity(html.len());
    // Inside <pre> or <code>, how deep.
    let mut kept = 0usize;
    // A space seen and not yet written; whether the last thing written was a block tag.
    let (mut space, mut after_block) = (false, true);
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            let tag = &rest[..end];
            let name = name(tag);
            let block = BLOCKS.contains(&name.as_str());
            if space && !block && !after_block {
                out.push(' ');
            }
            space = false;
            out.push_str(tag);
            if name == "pre" || name == "code" {
                if tag.starts_with("</") {
                    kept = kept.saturating_sub(1);
                } else {
                    kept += 1;
                }
            }
            after_block = block;
            rest = &rest[end..];
            continue;
        }
        if kept == 0 && c.is_ascii_whitespace() {
            space = true;
        } else {
            if space && !after_block {
                out.push(' ');
            }
            space = false;
            out.push(c);
            after_block = false;
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Normalised HTML a tag to a line, for reading a difference.
fn readable(html: &str) -> String {
    html.replace("><", ">\n<")
}

/// The first line where `ours` and `theirs` differ, with a line around it.
fn first_difference(ours: &str, theirs: &str) -> String {
    let (ours, theirs) = (readable(ours), readable(theirs));
    let (a, b): (Vec<&str>, Vec<&str>) = (ours.lines().collect(), theirs.lines().collect());
    let at = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    let show = |lines: &[&str]| lines[at.saturating_sub(1)..(at + 2).min(lines.len())].join("\n");
    format!("line {}:\npreview:\n{}\nGitHub:\n{}", at + 1, show(&a), show(&b))
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "md") {
            out.push(path);
        }
    }
}

/// Every fixture, and every corpus document when the corpus is here.
fn documents() -> Vec<PathBuf> {
    let mut files = Vec::new();
    markdown_files(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures")), &mut files);
    let corpus = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
    if corpus.is_dir() {
        markdown_files(corpus, &mut files);
    } else {
        println!(
            "SKIPPED the corpus: ../shared/corpus not found (it holds third-party documents we do not commit)"
        );
    }
    files.sort();
    files
}

fn name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

#[test]
fn the_preview_of_every_exported_document_is_what_github_shows() {
    if !have_cmark_gfm("the_preview_of_every_exported_document_is_what_github_shows") {
        return;
    }
    let files = documents();
    let mut differ = Vec::new();
    for path in &files {
        let source = std::fs::read_to_string(path).expect("a readable document");
        let exported = to_markdown(&import(&source).doc);
        let ours = normalise(&to_html(&exported));
        let theirs = normalise(&github(&exported));
        if ours != theirs {
            differ.push(format!("{}: {}", name(path), first_difference(&ours, &theirs)));
        }
    }
    println!("{} documents compared, {} differ", files.len(), differ.len());
    assert!(differ.is_empty(), "{}", differ.join("\n\n"));
}

/// The `href` of every link and the `src` of every image in `html`.
fn addresses(html: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for token in tokens(html) {
        if let Token::Start { name, attributes, .. } = token {
            let wanted = match name.as_str() {
                "a" => "href",
                "img" => "src",
                _ => continue,
            };
            for a in attributes.iter().filter(|a| a.name == wanted) {
                found.insert(format!("{name} {}", decode(a.value.unwrap_or(""))));
            }
        }
    }
    found
}

#[test]
fn every_link_and_image_github_shows_is_still_shown_after_import_and_export() {
    if !have_cmark_gfm("every_link_and_image_github_shows_is_still_shown_after_import_and_export") {
        return;
    }
    let files = documents();
    let (mut shown, mut lost) = (0, Vec::new());
    for path in &files {
        let source = std::fs::read_to_string(path).expect("a readable document");
        let before = addresses(&github(&source));
        let after = addresses(&github(&to_markdown(&import(&source).doc)));
        shown += before.len();
        let missing: Vec<&String> = before.difference(&after).collect();
        if !missing.is_empty() {
            lost.push(format!("{}: {missing:?}", name(path)));
        }
    }
    println!("{} documents, {shown} links and images, all still shown", files.len());
    assert!(lost.is_empty(), "links or images GitHub no longer shows:\n{}", lost.join("\n"));
}

/// Random text from what autolinks are made of, where the two parsers
/// read the Markdown alike without autolinks (their other differences are
/// not this test's), must be linked alike. Deterministic: a fixed seed.
/// Backslashes and backticks are left out: where a link ends between a
/// backslash and what it escapes, or inside a code span, cmark-gfm parses
/// the rest again from there and pulldown-cmark's events cannot follow
/// (see `autolink`).
#[test]
fn bare_addresses_are_linked_as_github_links_them() {
    if !have_cmark_gfm("bare_addresses_are_linked_as_github_links_them") {
        return;
    }
    const PIECES: &[&str] = &[
        "www.",
        "http://",
        "https://",
        "ftp://",
        "mailto:",
        "xmpp:",
        "a",
        "b",
        "x.y",
        "com",
        "w",
        "e@f.g",
        "@",
        ".",
        ",",
        ";",
        ":",
        "/",
        "_",
        "*",
        "**",
        "~",
        "(",
        ")",
        "[",
        "]",
        "!",
        "&",
        "&amp;",
        "&hl;",
        "<",
        ">",
        "<b>",
        "</b>",
        "|",
        "#",
        "-",
        "\"",
        "'",
        "?",
        " ",
        "\n",
        "\n\n",
        "\n- ",
        "\n- [ ] ",
        "\n> ",
        "\n# ",
        "\n| ",
        " |",
        "\n|-|-|\n",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let without_autolinks = args(EXTENSIONS.iter().filter(|e| **e != "autolink"));
    let (mut compared, mut differ) = (0, Vec::new());
    for _ in 0..1500 {
        let len = 3 + (next() % 14) as usize;
        let text: String =
            (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        let mut plain = String::new();
        let parser = pulldown_cmark::Parser::new_ext(&text, postmortem::dialect::options());
        pulldown_cmark::html::push_html(&mut plain, parser);
        let plain_github = cmark_gfm_with(&text, &without_autolinks).expect("cmark-gfm ran before");
        if normalise(&sanitize(&plain)) != normalise(&sanitize(&plain_github)) {
            continue;
        }
        compared += 1;
        let (ours, theirs) = (normalise(&to_html(&text)), normalise(&github(&text)));
        if ours != theirs {
            differ.push(format!("{text:?}\npreview: {ours}\nGitHub:  {theirs}"));
        }
    }
    println!("{compared} texts compared, {} differ", differ.len());
    assert!(compared > 1000, "too few texts the parsers read alike: {compared}");
    assert!(differ.is_empty(), "{}", differ.join("\n\n"));
}

#[test]
fn normalising_changes_only_whitespace_the_browser_does_not_show() {
    assert_eq!(
        normalise("<table>\n<tr>\n<td>a  b</td>\n</tr>\n</table>\n<p> x\n<b>y</b> </p>"),
        "<table><tr><td>a b</td></tr></table><p>x <b>y</b></p>"
    );
    assert_eq!(
        normalise("<pre><code>a\n\n  b\n</code></pre>"),
        "<pre><code>a\n\n  b\n</code></pre>"
    );
    assert_eq!(
        normalise("<p>a<br />\nb <code>x  y</code></p>"),
        "<p>a<br /> b <code>x  y</code></p>"
    );
    assert_ne!(normalise("<p>a b</p>"), normalise("<p>ab</p>"));
}
