//! Small readers of text that every stage of import shares: words for the
//! "no word lost" checks, one-line values, labels, line numbers.

use std::ops::Range;

use rustc_hash::FxHashSet as HashSet;

/// A part of the source: a block, a line, an item's value.
pub type Piece = Range<usize>;

/// The words of a text (runs of letters and digits, lower-cased).
pub fn words(s: &str) -> HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Every word of `text` is in `by`.
pub fn covered(text: &str, by: &str) -> bool {
    words(text).is_subset(&words(by))
}

/// Lower-case words of a heading or label, for matching: parenthesised
/// asides, footnote links, emphasis and emoji left out.
pub fn name_words(text: &str) -> Vec<String> {
    // Read as shown: "&lt;" is a "<", not the words "and lt" (export
    // writes a tag it shows as text so, and the words must not change).
    let text = crate::html::tokens::decode(text);
    let (mut plain, mut nested) = (String::new(), 0usize);
    for c in text.chars() {
        match c {
            '(' | '[' => nested += 1,
            ')' | ']' => nested = nested.saturating_sub(1),
            '\'' | '’' => {}
            '&' if nested == 0 => plain.push_str(" and "),
            c if nested == 0 => plain.push(if c.is_alphanumeric() { c } else { ' ' }),
            _ => {}
        }
    }
    plain.split_whitespace().map(str::to_lowercase).collect()
}

/// Whether any of `words` is one of `any`.
pub fn has_any(words: &[String], any: &[&str]) -> bool {
    words.iter().any(|x| any.contains(&x.as_str()))
}

/// Whether `words` hold the words of `phrase` in a row.
pub fn has_phrase(words: &[String], phrase: &str) -> bool {
    let wanted: Vec<&str> = phrase.split(' ').collect();
    words.windows(wanted.len()).any(|run| run.iter().zip(&wanted).all(|(a, b)| a == b))
}

/// A row's or task's one-line text without the mark our export writes after
/// it for the team-only ones, and whether it had it. What stood before the
/// mark is read as `single` reads a line, since the mark hid its end.
pub fn without_internal_mark(text: &str) -> (String, bool) {
    match text.trim_end().strip_suffix(crate::export::INTERNAL_MARK) {
        Some(rest) => (single(rest), true),
        None => (text.to_string(), false),
    }
}

/// One line: whitespace folded, and the `\#` that `export::inline` writes
/// for a trailing `#` read back as `#`.
pub fn single(s: &str) -> String {
    let mut out = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if out.ends_with("\\#")
        && out[..out.len() - 1].chars().rev().take_while(|&c| c == '\\').count() % 2 == 1
    {
        out.remove(out.len() - 2);
    }
    out
}

/// A time as written without the emphasis or brackets around it, which
/// say nothing about the time ("**14:10**", "[08:47]"); a link stays.
pub fn unmarked(cell: &str) -> String {
    let mut t = cell.trim();
    loop {
        let before = t.len();
        for mark in ["**", "__", "`", "*", "_"] {
            if let Some(inner) = t.strip_prefix(mark).and_then(|i| i.strip_suffix(mark)) {
                if !inner.trim().is_empty() && !inner.contains(mark) {
                    t = inner.trim();
                }
            }
        }
        if let Some(inner) = t.strip_prefix('[').and_then(|i| i.strip_suffix(']')) {
            if !inner.contains(['[', ']']) {
                t = inner.trim();
            }
        }
        if t.len() == before {
            return t.split_whitespace().collect::<Vec<_>>().join(" ");
        }
    }
}

/// A table cell as typed: without the `\` that `export::cell` puts before `|`.
pub fn uncell(s: &str) -> String {
    let (mut out, mut slashes) = (String::with_capacity(s.len()), 0);
    for c in s.chars() {
        if c == '|' && slashes % 2 == 1 {
            out.pop();
        }
        slashes = if c == '\\' { slashes + 1 } else { 0 };
        out.push(c);
    }
    single(&out)
}

/// Emoji, bullets and punctuation around a label.
pub fn trim_decoration(s: &str) -> &str {
    s.trim_matches(|c: char| !c.is_alphanumeric() && !"()[]".contains(c))
}

/// "**Label:** value", "**Label**: value" or "Label: value": the label as
/// written (without emphasis and colon) and where in `line` the value starts.
pub fn split_label(line: &str) -> Option<(String, usize)> {
    let t = line.trim_start();
    let found = |name: &str, after: &str| {
        Some((trim_decoration(name).to_string(), line.len() - after.trim_start().len()))
    };
    for mark in ["**", "__"] {
        let Some(rest) = t.strip_prefix(mark) else { continue };
        let close = rest.find(mark)?;
        let (inner, after) = (&rest[..close], &rest[close + mark.len()..]);
        let (name, after) = match inner.trim_end().strip_suffix(':') {
            Some(n) => (n, after),
            None => (inner, after.strip_prefix(':')?),
        };
        let name = trim_decoration(name);
        let ok = !name.is_empty()
            && !name.contains(['*', '_', '`'])
            && name.split_whitespace().count() <= 6;
        return if ok { found(name, after) } else { None };
    }
    let (name, after) = t.split_once(':')?;
    let name = trim_decoration(name);
    let ok = (after.is_empty() || after.starts_with(char::is_whitespace))
        && !name.contains(['*', '`', '[', ']', '(', ')', '<', '>', '|', '#', '\\'])
        && name.chars().any(char::is_alphabetic)
        && name.split_whitespace().count() <= 5
        && !t.starts_with(|c: char| !c.is_alphanumeric() && !"*_•".contains(c));
    if ok {
        found(name, after)
    } else {
        None
    }
}

/// An item's source without the number of a numbered list ("1." or "1)").
pub fn without_number(src: &str, item: Piece) -> Piece {
    let text = &src[item.clone()];
    let pad = text.len() - text.trim_start().len();
    let digits = text[pad..].bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && text[pad + digits..].starts_with(['.', ')']) {
        item.start + pad + digits + 1..item.end
    } else {
        item
    }
}

/// A table column that only numbers the rows ("#", "No.", "Step", with
/// 1, 2, 3 under it): markup like a numbered list's numbers, so it is
/// neither an event's text nor a word that import must keep.
pub fn is_index_column(header: &str, cells: &[&str]) -> bool {
    let header = header.trim().trim_end_matches('.').to_ascii_lowercase();
    matches!(header.as_str(), "#" | "no" | "nr" | "n" | "step" | "seq" | "")
        && !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.trim().trim_end_matches('.');
            !c.is_empty() && c.len() <= 3 && c.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Line numbers of byte offsets, by binary search.
pub struct Lines(Vec<usize>);

impl Lines {
    pub fn new(text: &str) -> Lines {
        Lines(text.match_indices('\n').map(|(i, _)| i).collect())
    }

    /// The 1-based line that byte `at` is on.
    pub fn of(&self, at: usize) -> usize {
        self.0.partition_point(|&nl| nl < at) + 1
    }
}
