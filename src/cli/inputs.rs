//! The files a command reads: the paths given, with folders searched for
//! `*.md`, and each file's text, or why it cannot be read as a postmortem.
//! One bad path never stops the others: it is reported by name and reason.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use postmortem::import::MAX_INPUT;

/// A file to read, or a path that led to none.
pub enum Found {
    File(PathBuf),
    Bad(PathBuf, String),
}

/// Each path in the order given; a folder's `*.md` files by name, its
/// sub-folders too. Entries whose name starts with "." (`.git`) are not
/// searched; a path given by name is read whatever it is called. A file
/// reached twice the same way (`check a.md a.md`) is read once.
pub fn find_files(paths: &[PathBuf]) -> Vec<Found> {
    let mut out = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Err(e) => out.push(Found::Bad(path.clone(), unreachable_reason(path, &e))),
            Ok(m) if m.is_dir() => walk(path, &mut Vec::new(), &mut out),
            Ok(_) => out.push(Found::File(path.clone())),
        }
    }
    let mut seen = HashSet::new();
    out.retain(|found| match found {
        Found::File(path) => seen.insert(shown(path)),
        Found::Bad(..) => true,
    });
    out
}

/// `ancestors`: the folders being searched, each as found and as given.
fn walk(dir: &Path, ancestors: &mut Vec<(PathBuf, PathBuf)>, out: &mut Vec<Found>) {
    let real = match fs::canonicalize(dir) {
        Ok(real) => real,
        Err(e) => return out.push(Found::Bad(dir.to_path_buf(), unreachable_reason(dir, &e))),
    };
    // A folder reached again inside itself is a symlink to one of its own
    // parents: searching it would never end.
    if let Some((_, given)) = ancestors.iter().find(|a| a.0 == real) {
        let reason =
            format!("a symlink loop: it leads back to {}, a folder it is in", shown(given));
        return out.push(Found::Bad(dir.to_path_buf(), reason));
    }
    let mut entries: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => return out.push(Found::Bad(dir.to_path_buf(), unreachable_reason(dir, &e))),
    };
    entries.sort();
    ancestors.push((real, dir.to_path_buf()));
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, ancestors, out),
            Ok(_) if name.ends_with(".md") => out.push(Found::File(path)),
            Ok(_) => {}
            // What cannot be followed may be a folder or a postmortem: say so.
            Err(e) => out.push(Found::Bad(path.clone(), unreachable_reason(&path, &e))),
        }
    }
    ancestors.pop();
}

/// The error number of "too many levels of symbolic links".
const ELOOP: i32 =
    if cfg!(any(target_os = "macos", target_os = "ios", target_os = "freebsd")) { 62 } else { 40 };

/// Why a path could not be followed, in words.
fn unreachable_reason(path: &Path, e: &io::Error) -> String {
    if e.raw_os_error() == Some(ELOOP) {
        return "a symlink loop: following its links never reaches a file".into();
    }
    match e.kind() {
        io::ErrorKind::NotFound if fs::symlink_metadata(path).is_ok() => {
            "a symlink to a path that does not exist".into()
        }
        io::ErrorKind::NotFound => "no such file or folder".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot be read ({e})"),
    }
}

/// The file's text, or why it is no Markdown text to read: too large,
/// empty, binary, or not UTF-8.
pub fn read_text(path: &Path) -> Result<String, String> {
    let meta = fs::metadata(path).map_err(|e| unreachable_reason(path, &e))?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    let too_large = |size: u64| {
        format!(
            "too large: {:.1} MB, more than the {} MB a postmortem is read up to",
            size as f64 / 1e6,
            MAX_INPUT / 1_000_000
        )
    };
    if meta.len() > MAX_INPUT as u64 {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let file = fs::File::open(path).map_err(|e| unreachable_reason(path, &e))?;
    // Read no more than the limit, even from a file that grows meanwhile.
    file.take(MAX_INPUT as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read ({e})"))?;
    if bytes.len() > MAX_INPUT {
        return Err(too_large(bytes.len() as u64));
    }
    text_of(bytes)
}

/// The bytes of a file as text, or why they are not Markdown.
pub fn text_of(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.is_empty() {
        return Err("empty: the file has no text".into());
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            "UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8".into()
        );
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("a binary file, not Markdown text (it holds a NUL byte at byte {at})"));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        let byte = e.as_bytes()[good.len()];
        format!(
            "not UTF-8: byte 0x{byte:02X} at line {line}, column {column} is not UTF-8 text; \
             save the file as UTF-8"
        )
    })?;
    if text.trim().is_empty() {
        return Err("empty: the file holds only white space".into());
    }
    Ok(text)
}

/// A path as reports show it: without a leading "./", so that GitHub
/// finds it from the repository's root.
pub fn shown(path: &Path) -> String {
    let parts: PathBuf = path.components().filter(|c| *c != Component::CurDir).collect();
    let shown = parts.to_string_lossy().into_owned();
    if shown.is_empty() {
        ".".into()
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_are_no_markdown_text_say_why() {
        let reason = |b: &[u8]| text_of(b.to_vec()).err().unwrap_or_default();
        assert_eq!(reason(b""), "empty: the file has no text");
        assert!(reason(b" \n\t\n").starts_with("empty: the file holds only white space"));
        assert!(reason(b"\x89PNG\r\n\x1a\n\0\0").contains("NUL byte at byte 8"));
        assert!(reason(b"\xFF\xFEa\0").starts_with("UTF-16"));
        assert!(reason(b"# Caf\xC3\xA9\nna\xC3\xAFve \xE9t\xC3\xA9")
            .starts_with("not UTF-8: byte 0xE9 at line 2, column 7"));
        assert_eq!(text_of(b"# Outage\n".to_vec()), Ok("# Outage\n".to_string()));
    }

    #[test]
    fn shown_paths_lose_their_leading_dot() {
        assert_eq!(shown(Path::new("./a/./b.md")), "a/b.md");
        assert_eq!(shown(Path::new(".")), ".");
        assert_eq!(shown(Path::new("../x.md")), "../x.md");
    }
}
