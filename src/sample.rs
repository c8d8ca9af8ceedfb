//! Generated postmortems of any length, for the benchmarks: realistic text
//! (a timeline over a day, tagged rows, code spans, links, long texts),
//! the same for the same arguments; and chat transcripts as long as asked,
//! for the chat benchmark.

use crate::model::*;

const EVENTS: &[&str] = &[
    "Monitoring alert on `5xx` error rate for the checkout API",
    "On-call engineer acknowledges the page and opens the dashboard",
    "Rolled back the last deployment; no change in error rate",
    "Connection pool on `db-primary` reported at 100% utilisation",
    "Raised `max_connections` from 100 to 400 on the pool",
    "Customer support reports failed payments from **EU** users",
    "Traffic shifted to the standby region, see [runbook](https://example.com/runbook)",
    "Load balancer health checks flapping for backend `web-3`",
    "Error rate back under 0.1%; monitoring continues",
    "Incident channel updated with the current status",
];

const TAGS: &[Option<Tag>] = &[
    None,
    Some(Tag::Investigation),
    None,
    Some(Tag::MisleadingPath),
    None,
    Some(Tag::Mitigation),
    None,
    Some(Tag::Escalation),
];

/// A postmortem with `rows` timeline rows, one a minute from 00:00 (dated
/// when they run over more than a day), and long texts of a few paragraphs.
pub fn document(rows: usize) -> Document {
    let mut d = Document::new();
    d.title = format!("Checkout API outage with {rows} timeline rows");
    d.authors = "A. Lee, R. Ortiz".into();
    d.status = Status::InReview;
    let minutes = rows.max(1) as i64;
    d.summary = Summary {
        start: "2024-06-01 00:00".into(),
        end: end_text(minutes),
        zone: "UTC".into(),
        impact: "Checkout unavailable for most users; payments failed or timed out.".into(),
        affected: "70".into(),
        root_cause: "The database connection pool was sized for a tenth of peak traffic.".into(),
        notes: String::new(),
    };
    for i in 0..rows {
        let id = d.fresh_id();
        let tag = match i {
            0 => Some(Tag::Detection),
            _ if i + 1 == rows => Some(Tag::Resolution),
            _ => TAGS[i % TAGS.len()],
        };
        d.timeline.push(TimelineRow {
            id,
            time: time_text(i as i64, rows > 1440),
            event: format!("{} (step {})", EVENTS[i % EVENTS.len()], i + 1),
            tag,
            internal: false,
        });
    }
    let paragraph = "The pool was configured years ago for a tenth of today's traffic. When the \
        evening peak arrived, every request waited for a connection, timeouts cascaded to the \
        load balancer, and its health checks took healthy backends out of rotation. See \
        `pool.yaml` and the [capacity plan](https://example.com/capacity).";
    d.root_cause = [paragraph; 4].join("\n\n");
    d.resolution =
        "- Raised the pool size.\n- Restarted the web tier.\n- Added headroom alerts.".into();
    d.lessons = Some(Lessons {
        went_well: "Alerting fired within a minute.".into(),
        went_wrong: "The rollback was a misleading path that cost 20 minutes.".into(),
        got_lucky: "The incident started at a low-traffic hour.".into(),
    });
    for text in ["Size pools from measured peak traffic.", "Alert on pool saturation above 80%."] {
        let id = d.fresh_id();
        d.improvements.push(Item { id, text: text.into() });
    }
    let id = d.fresh_id();
    d.tasks.push(Task {
        id,
        text: "Add a pool saturation alert".into(),
        owner: "R. Ortiz".into(),
        due: "2024-06-15".into(),
        done: false,
        internal: false,
    });
    d
}

/// A bare time while the outage fits in one day; dated when it does not
/// (a bare time would be ambiguous).
fn time_text(minute: i64, dated: bool) -> String {
    let (day, h, m) = (minute / 1440, minute / 60 % 24, minute % 60);
    if !dated {
        format!("{h:02}:{m:02}")
    } else {
        format!("2024-06-{:02} {h:02}:{m:02}", 1 + day)
    }
}

fn end_text(minutes: i64) -> String {
    let (day, h, m) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    format!("2024-06-{:02} {h:02}:{m:02}", 1 + day)
}

/// The ways of writing a transcript that `chat_log` generates.
pub const CHAT_FORMATS: [&str; 4] = ["Slack copy", "IRC log", "WhatsApp export", "ISO log lines"];

/// A transcript of at least `lines` lines in one of `CHAT_FORMATS`, for the
/// chat benchmark: messages 7 seconds apart from 00:00 on 2024-06-01 by
/// four people, some over two lines, with reactions (Slack) and joins (IRC)
/// between them as clients copy them. Gives the text and the number of
/// messages in it.
pub fn chat_log(format: &str, lines: usize) -> (String, usize) {
    let names = ["Priya Raman", "Marcus Webb", "Dana Ortiz", "Sam Lee"];
    let mut out = String::new();
    let (mut n, mut k) = (0, 0usize);
    while n < lines {
        let name = names[k % names.len()];
        let nick = name.split(' ').next().unwrap_or(name).to_lowercase();
        let text = EVENTS[k % EVENTS.len()];
        let secs = k * 7;
        let (h, m, s) = (secs / 3600 % 24, secs / 60 % 60, secs % 60);
        let (h12, half) = (if h % 12 == 0 { 12 } else { h % 12 }, if h < 12 { "AM" } else { "PM" });
        let written = match format {
            "Slack copy" => {
                let mut t = format!("{name}\n  {h12}:{m:02} {half}\n{text}\n");
                if k % 5 == 0 {
                    t.push_str("the second line of the message\n:+1:\n2\n");
                }
                t
            }
            "IRC log" => {
                let mut t = format!("[{h:02}:{m:02}:{s:02}] <{nick}> {text}\n");
                if k % 9 == 0 {
                    t.push_str(&format!("[{h:02}:{m:02}:{s:02}] *** Joins: guest{k} (g@host)\n"));
                }
                t
            }
            "WhatsApp export" => {
                let mut t = format!("01/06/2024, {h:02}:{m:02} - {name}: {text}\n");
                if k % 5 == 0 {
                    t.push_str("the second line of the message\n");
                }
                t
            }
            _ => format!("2024-06-01T{h:02}:{m:02}:{s:02}.{:03}Z api-{} {text}\n", k % 1000, k % 8),
        };
        n += written.lines().count();
        out.push_str(&written);
        k += 1;
    }
    (out, k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_documents_are_valid_and_sized_as_asked() {
        for n in [1, 100, 300, 3000] {
            let d = document(n);
            assert_eq!(d.timeline.len(), n);
            let findings = crate::validate::validate(&d);
            assert!(findings.is_empty(), "{n} rows: {:?}", &findings[..findings.len().min(3)]);
        }
    }

    #[test]
    fn generated_chat_logs_are_read_message_for_message() {
        for format in CHAT_FORMATS {
            let (text, messages) = chat_log(format, 200);
            assert!(text.lines().count() >= 200, "{format}");
            let read = crate::chat::read(&text).messages;
            assert_eq!(read.len(), messages, "{format}");
            if format != "ISO log lines" {
                assert!(
                    read.iter().all(|m| m.author.is_some()),
                    "{format}: a message without author"
                );
            }
        }
    }
}
