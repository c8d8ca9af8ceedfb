//! The precompressed copies beside each asset (scripts/compress-assets):
//! each decompresses to exactly its original, and the service worker's
//! list of files to cache leaves them out. Reads dist/ only, no browser.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

/// What gets a .gz and a .br beside it.
const COMPRESSED: [&str; 6] = ["wasm", "js", "css", "html", "svg", "webmanifest"];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn ext(path: &Path) -> &str {
    path.extension().and_then(|e| e.to_str()).unwrap_or("")
}

/// `tool -d -c file`'s output: gzip and brotli both take these flags.
fn decompressed(tool: &str, file: &Path) -> Vec<u8> {
    let out = Command::new(tool)
        .args(["-d", "-c"])
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (scripts/setup installs it): {e}"));
    assert!(
        out.status.success(),
        "{tool} -d {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
#[ignore = "needs dist/: run scripts/test"]
fn each_compressed_file_is_its_original_and_the_service_worker_leaves_them_out() {
    let dist = dist();
    if !dist.join("index.html").is_file() {
        eprintln!(
            "skipped: {} has no index.html; build it first (scripts/test does, with trunk build --release)",
            dist.display()
        );
        return;
    }
    let mut all = Vec::new();
    files(&dist, &mut all);
    all.sort();
    let originals: Vec<&PathBuf> = all.iter().filter(|p| COMPRESSED.contains(&ext(p))).collect();
    assert!(originals.iter().any(|p| ext(p) == "wasm"), "a wasm in {}", dist.display());
    for original in &originals {
        let bytes = std::fs::read(original).unwrap();
        let mut sizes = vec![bytes.len()];
        for (suffix, tool) in [("gz", "gzip"), ("br", "brotli")] {
            let copy = PathBuf::from(format!("{}.{suffix}", original.display()));
            assert!(copy.is_file(), "{} has no .{suffix} beside it", original.display());
            assert!(decompressed(tool, &copy) == bytes, "{} is not its original", copy.display());
            sizes.push(std::fs::metadata(&copy).unwrap().len() as usize);
        }
        if ext(original) == "wasm" {
            println!(
                "wasm {}: {} bytes raw, {} gzip, {} brotli",
                original.file_name().unwrap().to_string_lossy(),
                sizes[0],
                sizes[1],
                sizes[2]
            );
        }
    }
    // Nothing else is compressed: no copy without its original.
    for path in &all {
        if ["gz", "br"].contains(&ext(path)) {
            let original = path.with_extension("");
            assert!(originals.contains(&&original), "{} has no original", path.display());
        }
    }

    // The service worker caches the originals, every one, and no copy: the
    // browser asks for the originals (a host picks the encoding).
    let sw = std::fs::read_to_string(dist.join("sw.js")).unwrap();
    let line = sw.lines().find(|l| l.starts_with("const FILES = [")).expect("FILES in sw.js");
    let cached: Vec<&str> = line["const FILES = [".len()..line.len() - "];".len()]
        .split(',')
        .map(|f| f.trim_matches('\''))
        .collect();
    assert!(cached.iter().all(|f| !f.ends_with(".gz") && !f.ends_with(".br")), "{line}");
    for original in originals.iter().filter(|p| p.file_name().unwrap() != "sw.js") {
        let rel = format!("./{}", original.strip_prefix(&dist).unwrap().display());
        assert!(cached.contains(&rel.as_str()), "{rel} not in {line}");
    }
}
