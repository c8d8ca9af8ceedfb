//! Front matter: the YAML (between `---` lines) or TOML (between `+++`
//! lines) block that static-site generators and postmortem folders put at
//! the top of a Markdown file. Found and read here for what a postmortem
//! needs (title, date, authors); the block itself is kept as written.
//!
//! Not a YAML or TOML parser: the values a person writes for these keys
//! (plain, quoted, a list on one line or one item per line) are read, and
//! anything else is left alone, since the block is kept whole anyway.

/// What a postmortem takes from its front matter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields {
    pub title: Option<String>,
    /// The date as written ("2024-03-02", "2024-03-02T17:36:00+00:00").
    pub date: Option<String>,
    pub authors: Vec<String>,
}

/// The front matter at the very start of `text` (delimiter lines included,
/// no newline after the closing one) and the text after it. A `---` line
/// followed by text and another `---` is also how a thematic break and a
/// Setext heading are written, so the block must hold a key: a line like
/// `title: ...` (YAML) or `title = ...` (TOML).
pub fn split(text: &str) -> Option<(&str, &str)> {
    let (open, closers, yaml) = if text.starts_with("---\n") {
        ("---", ["---", "..."], true)
    } else if text.starts_with("+++\n") {
        ("+++", ["+++", "+++"], false)
    } else {
        return None;
    };
    let mut at = open.len() + 1;
    let mut keyed = false;
    for line in text[at..].split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if closers.contains(&bare.trim_end()) {
            let end = at + bare.len();
            let rest = text[end..].strip_prefix('\n').unwrap_or(&text[end..]);
            return keyed.then_some((&text[..end], rest));
        }
        keyed |= is_key_line(bare, yaml);
        at += line.len();
    }
    None
}

/// `key: value` (YAML) or `key = value` (TOML), or a TOML `[table]`.
fn is_key_line(line: &str, yaml: bool) -> bool {
    let key_end = line.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'));
    let Some(end) = key_end.filter(|&e| e > 0) else { return false };
    let rest = &line[end..];
    if yaml {
        rest.starts_with(':') && (rest.len() == 1 || rest[1..].starts_with(' '))
    } else {
        rest.trim_start().starts_with('=')
    }
}

/// The title, date and authors a front matter block gives.
pub fn fields(front_matter: &str) -> Fields {
    let yaml = front_matter.starts_with("---");
    let lines: Vec<&str> = front_matter.lines().skip(1).collect();
    let mut fields = Fields::default();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        // Top-level keys only (and TOML keys under a table, as `[taxonomies]`).
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let separator = if yaml { ':' } else { '=' };
        let Some((key, value)) = line.split_once(separator) else { continue };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim();
        match key.as_str() {
            "title" => fields.title = Some(unquoted(value)).filter(|t| !t.is_empty()),
            "date" | "start_time" | "started" | "start" if fields.date.is_none() => {
                fields.date = Some(unquoted(value)).filter(|d| !d.is_empty())
            }
            "authors" | "author" | "owners" | "owner" if fields.authors.is_empty() => {
                fields.authors = if value.is_empty() && yaml {
                    // One item per line: "  - Ana".
                    let mut items = Vec::new();
                    while let Some(item) =
                        lines.get(i).and_then(|l| l.trim_start().strip_prefix("- "))
                    {
                        items.push(unquoted(item.trim()));
                        i += 1;
                    }
                    items
                } else {
                    list(value)
                };
            }
            _ => {}
        }
    }
    fields
}

/// `[a, "b"]` or `a, b` or `a`.
fn list(value: &str) -> Vec<String> {
    let inner = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')).unwrap_or(value);
    inner.split(',').map(|v| unquoted(v.trim())).filter(|v| !v.is_empty()).collect()
}

/// A value without the quotes around it.
fn unquoted(value: &str) -> String {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner.to_string();
        }
    }
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_yaml_and_toml_front_matter() {
        let yaml = "---\ntitle: \"Disk full\"\ndate: 2024-03-02\nauthors:\n  - Ana Ruiz\n  - Bo Li\n---\n# Postmortem\n";
        let (fm, rest) = split(yaml).unwrap();
        assert!(fm.ends_with("---") && fm.starts_with("---\ntitle"));
        assert_eq!(rest, "# Postmortem\n");
        assert_eq!(
            fields(fm),
            Fields {
                title: Some("Disk full".into()),
                date: Some("2024-03-02".into()),
                authors: vec!["Ana Ruiz".into(), "Bo Li".into()],
            }
        );
        let toml = "+++\ntitle = 'Disk full'\ndate = 2024-03-02\nauthors = [\"Ana\", \"Bo\"]\n[extra]\nx = 1\n+++\n\ntext";
        let (fm, rest) = split(toml).unwrap();
        assert_eq!(rest, "\ntext");
        let f = fields(fm);
        assert_eq!((f.title.as_deref(), f.authors.len()), (Some("Disk full"), 2));
        assert_eq!(
            fields("---\nauthor: Ana\nstart_time: 2020-05-24T17:36:00Z\n---").date.as_deref(),
            Some("2020-05-24T17:36:00Z")
        );
    }

    #[test]
    fn a_rule_and_a_setext_heading_are_not_front_matter() {
        assert_eq!(split("---\nSome text\n---\n"), None);
        assert_eq!(split("---\n\n# Title\n"), None);
        assert_eq!(split("--- \ntitle: x\n---"), None);
        assert_eq!(split("---\ntitle: x\n"), None, "never closed");
        assert_eq!(split("text\n---\ntitle: x\n---"), None, "not at the start");
    }
}
