//! `postmortem stats`: one row per postmortem (its outage's start,
//! duration, time to detect and to resolve, timeline rows, open and done
//! tasks) and, at the end, the count, median and mean of each duration, as
//! a table, CSV or JSON. Files that are not postmortems, and paths that
//! cannot be read, are said on stderr so that stdout stays CSV or JSON.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use postmortem::import::{import, ImportKind};
use postmortem::stats::{postmortem_stats, spread, PostmortemStats, Spread};
use postmortem::timeparse::format_duration;
use serde::Serialize;

use super::inputs::{find_files, read_text, shown, Found};
use super::outcome::Outcome;
use super::parallel::in_order;

#[derive(Args)]
pub struct StatsArgs {
    /// Markdown files, or folders to search for *.md
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Serialize)]
struct Row {
    file: String,
    title: String,
    start: Option<String>,
    duration_minutes: Option<i64>,
    detect_minutes: Option<i64>,
    resolve_minutes: Option<i64>,
    timeline_rows: usize,
    open_tasks: usize,
    done_tasks: usize,
}

impl Row {
    fn new(file: String, s: PostmortemStats) -> Row {
        Row {
            file,
            title: s.title,
            start: s.start,
            duration_minutes: s.duration,
            detect_minutes: s.detect,
            resolve_minutes: s.resolve,
            timeline_rows: s.rows,
            open_tasks: s.open_tasks,
            done_tasks: s.done_tasks,
        }
    }
}

#[derive(Serialize)]
struct Summary {
    postmortems: usize,
    duration_minutes: JsonSpread,
    detect_minutes: JsonSpread,
    resolve_minutes: JsonSpread,
}

#[derive(Serialize)]
struct JsonSpread {
    count: usize,
    median: Option<f64>,
    mean: Option<f64>,
}

impl From<Spread> for JsonSpread {
    fn from(s: Spread) -> JsonSpread {
        // A tenth of a minute is as fine as a mean of whole minutes says.
        let tenth = |m: f64| (m * 10.0).round() / 10.0;
        JsonSpread { count: s.count, median: s.median.map(tenth), mean: s.mean.map(tenth) }
    }
}

pub fn run(args: StatsArgs) -> Outcome {
    let mut rows = Vec::new();
    let mut outcome = Outcome::Clean;
    in_order(find_files(&args.paths), measure, |(name, measured)| match measured {
        Ok(Some(stats)) => rows.push(Row::new(name, stats)),
        Ok(None) => {
            eprintln!("{name}: skipped: no postmortem section and no outage time were found")
        }
        Err(reason) => {
            eprintln!("{name}: error: {reason}");
            outcome = Outcome::Trouble;
        }
    });
    let spreads = [
        spread(rows.iter().filter_map(|r| r.duration_minutes)),
        spread(rows.iter().filter_map(|r| r.detect_minutes)),
        spread(rows.iter().filter_map(|r| r.resolve_minutes)),
    ];
    let out = match args.format {
        Format::Table => table(&rows, &spreads),
        Format::Csv => csv(&rows, &spreads),
        Format::Json => {
            let [duration, detect, resolve] = spreads.map(JsonSpread::from);
            let summary = Summary {
                postmortems: rows.len(),
                duration_minutes: duration,
                detect_minutes: detect,
                resolve_minutes: resolve,
            };
            #[derive(Serialize)]
            struct All {
                postmortems: Vec<Row>,
                summary: Summary,
            }
            serde_json::to_string_pretty(&All { postmortems: rows, summary }).unwrap_or_default()
                + "\n"
        }
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    outcome
}

/// A file's figures; none when it is not a postmortem; why it cannot be read.
fn measure(found: Found) -> (String, Result<Option<PostmortemStats>, String>) {
    let (path, text) = match found {
        Found::Bad(path, reason) => (path, Err(reason)),
        Found::File(path) => {
            let text = read_text(&path);
            (path, text)
        }
    };
    let measured = text.map(|text| {
        let imported = import(&text);
        let postmortem = !imported.findings.iter().any(|f| f.kind == ImportKind::NotAPostmortem);
        postmortem.then(|| postmortem_stats(&imported.doc))
    });
    (shown(&path), measured)
}

const MEASURES: [&str; 3] = ["duration", "time to detect", "time to resolve"];

fn minutes(m: Option<i64>) -> String {
    m.map(|m| m.to_string()).unwrap_or_default()
}

/// One CSV field, quoted when it holds a comma, a quote or a line end.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.trim() != s {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The rows, then three rows with no file whose title is "count",
/// "median" or "mean", holding those of each duration.
fn csv(rows: &[Row], spreads: &[Spread; 3]) -> String {
    let mut out = String::from("file,title,start,duration_minutes,detect_minutes,resolve_minutes,timeline_rows,open_tasks,done_tasks\n");
    for r in rows {
        let line = [
            field(&r.file),
            field(&r.title),
            field(r.start.as_deref().unwrap_or_default()),
            minutes(r.duration_minutes),
            minutes(r.detect_minutes),
            minutes(r.resolve_minutes),
            r.timeline_rows.to_string(),
            r.open_tasks.to_string(),
            r.done_tasks.to_string(),
        ];
        out.push_str(&line.join(","));
        out.push('\n');
    }
    let number = |m: Option<f64>| m.map(|m| format!("{m:.1}")).unwrap_or_default();
    let cells =
        |of: &dyn Fn(&Spread) -> String| spreads.iter().map(of).collect::<Vec<_>>().join(",");
    out.push_str(&format!(",count,,{},,,\n", cells(&|s| s.count.to_string())));
    out.push_str(&format!(",median,,{},,,\n", cells(&|s| number(s.median))));
    out.push_str(&format!(",mean,,{},,,\n", cells(&|s| number(s.mean))));
    out
}

/// A duration of (possibly fractional) minutes as the editor writes one.
fn human(minutes: Option<f64>) -> String {
    minutes
        .map(|m| format_duration(time::Duration::seconds((m * 60.0).round() as i64)))
        .unwrap_or_else(|| "–".into())
}

/// Titles are cut to this many characters in the table.
const TITLE_WIDTH: usize = 40;

fn table(rows: &[Row], spreads: &[Spread; 3]) -> String {
    let head = ["file", "title", "start", "duration", "detect", "resolve", "rows", "open", "done"];
    let cut = |t: &str| match t.char_indices().nth(TITLE_WIDTH - 1) {
        Some((at, _)) if t.chars().count() > TITLE_WIDTH => format!("{}…", &t[..at]),
        _ => t.to_string(),
    };
    let min = |m: Option<i64>| human(m.map(|m| m as f64));
    let mut lines: Vec<Vec<String>> = vec![head.iter().map(|h| h.to_string()).collect()];
    for r in rows {
        lines.push(vec![
            r.file.clone(),
            cut(&r.title),
            r.start.clone().unwrap_or_else(|| "–".into()),
            min(r.duration_minutes),
            min(r.detect_minutes),
            min(r.resolve_minutes),
            r.timeline_rows.to_string(),
            r.open_tasks.to_string(),
            r.done_tasks.to_string(),
        ]);
    }
    // Numbers right-aligned, text left.
    let mut out = aligned(&lines, &[false, false, false, true, true, true, true, true, true]);
    out.push('\n');
    let mut summary = vec![vec![
        format!("{} postmortems", rows.len()),
        "count".into(),
        "median".into(),
        "mean".into(),
    ]];
    for (name, s) in MEASURES.iter().zip(spreads) {
        summary.push(vec![name.to_string(), s.count.to_string(), human(s.median), human(s.mean)]);
    }
    out.push_str(&aligned(&summary, &[false, true, true, true]));
    out
}

fn aligned(lines: &[Vec<String>], right: &[bool]) -> String {
    let widths: Vec<usize> = (0..right.len())
        .map(|c| lines.iter().map(|l| l[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for line in lines {
        let cells: Vec<String> = line
            .iter()
            .zip(&widths)
            .zip(right)
            .map(|((cell, &w), &r)| if r { format!("{cell:>w$}") } else { format!("{cell:<w$}") })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_they_must_be() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn long_titles_are_cut_in_the_table_only() {
        let row = Row::new(
            "a.md".into(),
            PostmortemStats {
                title: "x".repeat(50),
                start: None,
                duration: Some(90),
                detect: None,
                resolve: None,
                rows: 0,
                open_tasks: 0,
                done_tasks: 0,
            },
        );
        let spreads = [spread([90]), spread([]), spread([])];
        let table = table(std::slice::from_ref(&row), &spreads);
        assert!(table.contains(&format!("{}…", "x".repeat(39))), "{table}");
        assert!(table.contains("1 h 30 min"), "{table}");
        assert!(csv(&[row], &spreads).contains(&"x".repeat(50)));
    }
}
