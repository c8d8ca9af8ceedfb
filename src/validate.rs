//! Findings: what is wrong or missing in the document, each tied to the
//! field it is about, with a message that says how to fix it. Findings
//! never block export.
//!
//! Each check reads only what it needs (a row, the row above it, the
//! window), so the page re-checks only the rows an edit touches.

use crate::decimal;
use crate::model::{Document, RowId, Summary, Task, TimelineRow};
use crate::timeline::{Clock, RowTime, Span, When};
use crate::timeparse::{self, TimeError, ACCEPTED};

/// The field a finding is about; the page focuses it when the finding is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Start,
    End,
    Zone,
    Impact,
    Affected,
    SummaryRootCause,
    RootCause,
    Resolution,
    Misleading,
    Escalation,
    WentWell,
    WentWrong,
    GotLucky,
    RowTime(RowId),
    RowEvent(RowId),
    CustomHeading(RowId),
    CustomBody(RowId),
    Improvement(RowId),
    TaskText(RowId),
    TaskOwner(RowId),
    TaskDue(RowId),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub field: Field,
    pub severity: Severity,
    pub message: String,
}

fn error(field: Field, message: impl Into<String>) -> Finding {
    Finding { field, severity: Severity::Error, message: message.into() }
}

fn warning(field: Field, message: impl Into<String>) -> Finding {
    Finding { field, severity: Severity::Warning, message: message.into() }
}

/// Every finding of the document, in the order of the form.
pub fn validate(doc: &Document) -> Vec<Finding> {
    let clock = Clock::of(doc);
    let mut out = Vec::new();
    out.extend(text_findings(Field::Title, &doc.title));
    out.extend(summary_findings(&doc.summary, &clock));
    out.extend(root_cause_missing(&doc.summary.root_cause, &doc.root_cause));
    let mut previous = None;
    for row in &doc.timeline {
        let time = clock.row(&row.time);
        out.extend(row_findings(row, &time, previous, &clock));
        previous = time.span().map(|s| s.start).or(previous);
    }
    out.extend(text_findings(Field::RootCause, &doc.root_cause));
    out.extend(text_findings(Field::Resolution, &doc.resolution));
    for (field, text) in
        [(Field::Misleading, &doc.misleading), (Field::Escalation, &doc.escalation)]
    {
        if let Some(text) = text {
            out.extend(text_findings(field, text));
        }
    }
    if let Some(l) = &doc.lessons {
        out.extend(text_findings(Field::WentWell, &l.went_well));
        out.extend(text_findings(Field::WentWrong, &l.went_wrong));
        out.extend(text_findings(Field::GotLucky, &l.got_lucky));
    }
    for c in &doc.custom {
        out.extend(text_findings(Field::CustomHeading(c.id), &c.heading));
        out.extend(text_findings(Field::CustomBody(c.id), &c.body));
    }
    for item in &doc.improvements {
        out.extend(text_findings(Field::Improvement(item.id), &item.text));
    }
    for task in &doc.tasks {
        out.extend(task_findings(task, &clock));
    }
    out
}

const UNKNOWN_TIME: &str =
    "Time unknown: the row keeps its place in the timeline. Add the time when you find it.";

/// What a time that could not be read should say.
pub fn time_message(e: &TimeError) -> String {
    match e {
        TimeError::Empty => "No time given.".into(),
        TimeError::Unreadable(_) => format!("Unreadable time. Write it like {ACCEPTED}."),
        TimeError::BadDate(d) => format!("\u{201c}{d}\u{201d} is not a date that exists."),
        TimeError::BadTime(t) => format!("\u{201c}{t}\u{201d} is not a time of day."),
        TimeError::UnknownZone(z) => {
            format!(
                "Unknown time zone \u{201c}{z}\u{201d}. Use one like UTC, EAT, GMT+2, +03:00 or Europe/Berlin."
            )
        }
        TimeError::Unknown(_) => UNKNOWN_TIME.into(),
    }
}

pub fn summary_findings(s: &Summary, clock: &Clock) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Err(e) = &clock.start {
        out.push(error(Field::Start, time_message(e)));
    }
    if let Err(e) = &clock.end {
        out.push(error(Field::End, time_message(e)));
    }
    if let (Some(start), Some(end)) = clock.window() {
        if end.before(&start) {
            out.push(error(Field::End, "The outage ends before it starts."));
        }
    }
    if !s.zone.trim().is_empty() && timeparse::parse_zone(&s.zone).is_none() {
        out.push(error(
            Field::Zone,
            "Unknown time zone. Use one like UTC, EAT, GMT+2, +03:00 or Europe/Berlin.",
        ));
    } else if clock.zone.is_none() && !(s.start.trim().is_empty() && s.end.trim().is_empty()) {
        out.push(warning(
            Field::Zone,
            "No time zone: readers elsewhere cannot tell when this was. Add one (UTC, EAT, GMT+2, +03:00, Europe/Berlin).",
        ));
    }
    out.extend(zone_findings(s, clock));
    let affected = s.affected.trim().trim_end_matches('%').trim();
    if !affected.is_empty() && !decimal::read(affected).is_some_and(|p| (0.0..=100.0).contains(&p))
    {
        out.push(error(
            Field::Affected,
            "The share of users affected is a percentage from 0 to 100.",
        ));
    }
    for (field, text) in [
        (Field::Start, &s.start),
        (Field::End, &s.end),
        (Field::Impact, &s.impact),
        (Field::SummaryRootCause, &s.root_cause),
    ] {
        out.extend(text_findings(field, text));
    }
    out
}

/// The document's zone against the outage's day: an abbreviation of the
/// other season ("PST" in July), or one several zones share that the
/// summary's words do not settle ("IST").
fn zone_findings(s: &Summary, clock: &Clock) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(zone) = &clock.zone else { return out };
    // The finding goes where the zone was written.
    let field = if s.zone.trim().is_empty() { Field::Start } else { Field::Zone };
    let day = clock.window().0.and_then(|w| w.date).filter(|_| !clock.undated);
    if let Some((wrong, day)) = day.and_then(|d| Some((timeparse::wrong_season(zone, d)?, d))) {
        out.push(warning(field, wrong.message(day)));
    }
    if let Some(question) = clock.context.undecided(zone) {
        out.push(warning(field, question));
    }
    out
}

pub fn root_cause_missing(summary: &str, long: &str) -> Option<Finding> {
    (summary.trim().is_empty() && long.trim().is_empty()).then(|| {
        warning(
            Field::SummaryRootCause,
            "No root cause yet: say in a sentence or two why this happened.",
        )
    })
}

/// The findings of one timeline row, given how its time reads and the time
/// of the nearest row above it whose time could be read.
pub fn row_findings(
    row: &TimelineRow,
    time: &RowTime,
    previous: Option<When>,
    clock: &Clock,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let event_blank = row.event.trim().is_empty();
    match time {
        RowTime::Blank if !event_blank => {
            out.push(warning(Field::RowTime(row.id), "No time: add when this happened."));
        }
        RowTime::Unknown => out.push(warning(Field::RowTime(row.id), UNKNOWN_TIME)),
        RowTime::Bad(e) => out.push(error(Field::RowTime(row.id), time_message(e))),
        RowTime::At(span) => {
            // A day without a time is out of order only on an earlier day.
            let earlier = |p: &When| match (span.day_only, span.start.date, p.date) {
                (true, Some(day), Some(before)) => day < before,
                (true, _, _) => false,
                _ => span.start.before(p),
            };
            if let Some(prev) = previous.filter(earlier) {
                out.push(error(
                    Field::RowTime(row.id),
                    format!(
                        "Earlier than the row above ({}). Fix the time, or sort the timeline.",
                        clock.show(&prev, prev.date != span.start.date)
                    ),
                ));
            }
            if let Some(message) = outside(span, clock) {
                out.push(warning(Field::RowTime(row.id), message));
            }
            // A zone written on the row, of the other season than its day.
            let day = span.start.date.filter(|_| !clock.undated);
            let written = span.zone.as_ref().zip(day);
            if let Some((wrong, day)) =
                written.and_then(|(z, d)| Some((timeparse::wrong_season(z, d)?, d)))
            {
                out.push(warning(Field::RowTime(row.id), wrong.message(day)));
            }
            if span.ambiguous {
                out.push(warning(
                    Field::RowTime(row.id),
                    "The outage lasts several days: add the date, like 2024-06-01 14:05.",
                ));
            }
        }
        RowTime::Blank => {}
    }
    if event_blank && (!matches!(time, RowTime::Blank) || row.tag.is_some()) {
        out.push(error(Field::RowEvent(row.id), "Empty event: say what happened at this time."));
    }
    out.extend(text_findings(Field::RowEvent(row.id), &row.event));
    out
}

/// Why a row is outside the outage window, when it is.
pub fn outside(span: &Span, clock: &Clock) -> Option<String> {
    let (start, end) = clock.window();
    let zone = clock.zone.as_ref().map(|z| format!(" {}", z.label)).unwrap_or_default();
    // Only rows whose day is known can be outside the window; a day
    // without a time only when the whole day is.
    let at = span.start;
    let day = at.date?;
    let (early, late) = if span.day_only {
        (
            start.and_then(|s| s.date).is_some_and(|s| day < s),
            end.and_then(|e| e.date).is_some_and(|e| day > e),
        )
    } else {
        (
            start.is_some_and(|s| s.date.is_some() && at.before(&s)),
            end.is_some_and(|e| e.date.is_some() && e.before(&at)),
        )
    };
    if !(early || late) {
        return None;
    }
    let window = match (start, end) {
        (Some(s), Some(e)) => {
            format!("{} – {}{zone}", clock.show(&s, true), clock.show(&e, s.date != e.date))
        }
        (Some(s), None) => format!("from {}{zone}", clock.show(&s, true)),
        (None, Some(e)) => format!("until {}{zone}", clock.show(&e, true)),
        (None, None) => return None,
    };
    Some(format!("Outside the outage window ({window}). Check the time, or the start and end."))
}

pub fn task_findings(task: &Task, clock: &Clock) -> Vec<Finding> {
    let mut out = Vec::new();
    let blank = [&task.text, &task.owner, &task.due].iter().all(|s| s.trim().is_empty());
    if blank {
        return out;
    }
    if task.text.trim().is_empty() {
        out.push(error(Field::TaskText(task.id), "Empty task: say what needs doing."));
    }
    if task.owner.trim().is_empty() {
        out.push(warning(
            Field::TaskOwner(task.id),
            "No owner: every task needs someone to own it.",
        ));
    }
    let due = task.due.trim();
    if !due.is_empty() {
        let dates = timeparse::find_dates(due, clock.order);
        if !matches!(dates.as_slice(), [(r, _)] if r.start == 0 && r.end == due.len()) {
            out.push(error(
                Field::TaskDue(task.id),
                "Unreadable due date. Write it like 2024-06-15.",
            ));
        }
    }
    out.extend(text_findings(Field::TaskText(task.id), &task.text));
    out.extend(text_findings(Field::TaskOwner(task.id), &task.owner));
    out
}

pub const CONFLICT_MARKER: &str = "Unresolved merge-conflict marker (<<<<<<<, =======, >>>>>>>): keep one side and remove the markers.";

/// Checks that apply to any text: a merge-conflict marker left in.
pub fn text_findings(field: Field, text: &str) -> Option<Finding> {
    let marker = text.lines().any(|l| {
        l.starts_with("<<<<<<< ")
            || l == "<<<<<<<"
            || l.trim_end() == "======="
            || l.starts_with(">>>>>>> ")
            || l == ">>>>>>>"
    });
    marker.then(|| error(field, CONFLICT_MARKER))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Tag;
    use proptest::prelude::*;

    fn doc(rows: &[(&str, &str)]) -> Document {
        let mut d = Document::new();
        d.summary.start = "2024-06-01 14:00".into();
        d.summary.end = "16:30".into();
        d.summary.zone = "UTC".into();
        d.summary.root_cause = "A maintenance change.".into();
        for (time, event) in rows {
            let id = d.fresh_id();
            d.timeline.push(TimelineRow {
                id,
                time: (*time).into(),
                event: (*event).into(),
                tag: None,
                internal: false,
            });
        }
        d
    }

    fn messages(d: &Document) -> Vec<(Field, String)> {
        validate(d).into_iter().map(|f| (f.field, f.message)).collect()
    }

    #[test]
    fn a_clean_document_has_no_findings() {
        assert_eq!(messages(&doc(&[("14:00", "Alert"), ("14:10", "Rollback")])), []);
    }

    #[test]
    fn unreadable_time_says_which_formats_work() {
        let d = doc(&[("half past two", "Alert")]);
        let f = validate(&d);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].field, Field::RowTime(1));
        assert!(
            f[0].message.contains("14:05") && f[0].message.contains("2:05 PM"),
            "{}",
            f[0].message
        );
        assert!(validate(&doc(&[("25:00", "x")]))[0].message.contains("not a time of day"));
    }

    #[test]
    fn out_of_order_outside_window_and_empty_event() {
        let d = doc(&[
            ("14:30", "A"),
            ("14:10", "B"),
            ("17:00", ""),
            ("", "no time"),
            ("noon-ish", "C"),
            ("14:20", "D"),
        ]);
        let m = messages(&d);
        assert!(
            m.iter().any(|(f, s)| *f == Field::RowTime(2)
                && s.starts_with("Earlier than the row above (14:30)")),
            "{m:?}"
        );
        assert!(
            m.iter().any(|(f, s)| *f == Field::RowTime(3)
                && s.contains("Outside the outage window (2024-06-01 14:00 – 16:30 UTC)")),
            "{m:?}"
        );
        assert!(
            m.iter().any(|(f, s)| *f == Field::RowEvent(3) && s.starts_with("Empty event")),
            "{m:?}"
        );
        assert!(
            m.iter().any(|(f, s)| *f == Field::RowTime(4) && s.starts_with("No time")),
            "{m:?}"
        );
    }

    #[test]
    fn a_blank_row_is_not_a_finding() {
        assert_eq!(messages(&doc(&[("", "")])), []);
    }

    #[test]
    fn an_undated_window_over_midnight_is_in_order_and_in_its_window() {
        let mut d = doc(&[("2306HRS", "Complaint"), ("0029HRS", "Fixed"), ("0045HRS", "Late")]);
        d.summary.start = "2305HRS".into();
        d.summary.end = "0030HRS".into();
        d.summary.zone = "EAT".into();
        let m = messages(&d);
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(
            m[0].1,
            "Outside the outage window (23:05 – 00:30 EAT). Check the time, or the start and end."
        );
    }

    #[test]
    fn midnight_rollover_is_in_order() {
        let mut d = doc(&[("2306HRS", "Complaint"), ("0029HRS", "Fixed")]);
        d.summary.start = "2024-06-01 2305HRS".into();
        d.summary.end = "0030HRS".into();
        d.summary.zone = "EAT".into();
        assert_eq!(messages(&d), []);
    }

    #[test]
    fn summary_checks() {
        let mut d = doc(&[]);
        d.summary.end = "2024-06-01 13:00".into();
        d.summary.affected = "120".into();
        d.summary.zone = "Mars time".into();
        d.summary.root_cause.clear();
        let m = messages(&d);
        assert!(m.contains(&(Field::End, "The outage ends before it starts.".into())), "{m:?}");
        assert!(m.iter().any(|(f, _)| *f == Field::Affected), "{m:?}");
        assert!(
            m.iter().any(|(f, s)| *f == Field::Zone && s.starts_with("Unknown time zone")),
            "{m:?}"
        );
        assert!(
            m.iter().any(|(f, s)| *f == Field::SummaryRootCause && s.starts_with("No root cause")),
            "{m:?}"
        );
        d.summary.zone.clear();
        assert!(messages(&d)
            .iter()
            .any(|(f, s)| *f == Field::Zone && s.starts_with("No time zone")));
        d.summary.affected = "65%".into();
        assert!(!messages(&d).iter().any(|(f, _)| *f == Field::Affected));
    }

    #[test]
    fn task_without_owner_and_bad_due_date() {
        let mut d = doc(&[]);
        d.tasks.push(Task {
            id: 50,
            text: "Add alert".into(),
            due: "someday".into(),
            ..Default::default()
        });
        let m = messages(&d);
        assert!(
            m.iter().any(|(f, s)| *f == Field::TaskOwner(50) && s.starts_with("No owner")),
            "{m:?}"
        );
        assert!(m.iter().any(|(f, _)| *f == Field::TaskDue(50)), "{m:?}");
        d.tasks[0].owner = "R. Ortiz".into();
        d.tasks[0].due = "2024-06-15".into();
        assert_eq!(messages(&d), []);
    }

    #[test]
    fn merge_conflict_markers_are_found_in_any_field() {
        let mut d = doc(&[("14:00", "Alert")]);
        d.root_cause = "ok\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> branch".into();
        d.timeline[0].tag = Some(Tag::Detection);
        let m = messages(&d);
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].0, Field::RootCause);
        assert!(m[0].1.contains("merge-conflict"));
    }

    #[test]
    fn an_abbreviation_of_the_other_season_gets_a_finding_naming_the_right_one() {
        let mut d = doc(&[("14:00", "Alert"), ("2024-01-10 09:00 PDT", "Old alert")]);
        d.summary.start = "2024-07-15 14:00".into();
        d.summary.zone = "PST".into();
        let m = messages(&d);
        let zone: Vec<&String> =
            m.iter().filter(|(f, _)| *f == Field::Zone).map(|(_, s)| s).collect();
        assert_eq!(
            zone,
            ["PST is not in use on 2024-07-15: US Pacific time is on PDT (UTC\u{2212}7) then. \
              Write PDT, or the zone's name (America/Los_Angeles) to follow daylight saving."],
            "{m:?}"
        );
        assert!(
            m.iter().any(|(f, s)| *f == Field::RowTime(2)
                && s.starts_with("PDT is not in use on 2024-01-10")),
            "{m:?}"
        );
        d.summary.zone = "PDT".into();
        assert!(!messages(&d).iter().any(|(f, _)| *f == Field::Zone));
        d.summary.zone = "CET".into();
        d.summary.start = "2024-08-02 10:00".into();
        assert!(messages(&d)
            .iter()
            .any(|(f, s)| *f == Field::Zone && s.contains("on CEST (UTC+2)")));
        // Arizona keeps MST all summer: MST in July is not wrong.
        d.summary.zone = "MST".into();
        assert!(!messages(&d).iter().any(|(f, _)| *f == Field::Zone));
        d.summary.zone = "America/Los_Angeles".into();
        assert!(!messages(&d).iter().any(|(f, _)| *f == Field::Zone), "{:?}", messages(&d));
    }

    #[test]
    fn a_shared_abbreviation_is_read_by_the_summary_or_asked_about() {
        let mut d = doc(&[("14:00", "Alert")]);
        d.summary.zone = "IST".into();
        let asked = |d: &Document| {
            messages(d)
                .into_iter()
                .filter(|(f, _)| *f == Field::Zone)
                .map(|(_, s)| s)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            asked(&d),
            ["IST can mean India Standard Time (UTC+5:30), Irish Standard Time (UTC+1) or \
              Israel Standard Time (UTC+2); it is read as India Standard Time. Write the zone's \
              name (Asia/Kolkata, Europe/Dublin or Asia/Jerusalem) to say which."]
        );
        d.summary.impact = "Checkout failed for users in Dublin and Cork.".into();
        assert_eq!(asked(&d), Vec::<String>::new());
        assert_eq!(Clock::of(&d).zone.unwrap().offset.whole_hours(), 1);
        d.summary.zone = "CST".into();
        d.summary.impact = "Orders from Shanghai failed.".into();
        assert_eq!(asked(&d), Vec::<String>::new());
        assert_eq!(Clock::of(&d).zone.unwrap().offset.whole_hours(), 8);
    }

    proptest! {
        #[test]
        fn validation_never_panics_and_is_stable(d in crate::arbitrary::document()) {
            let a = validate(&d);
            prop_assert_eq!(&a, &validate(&d));
        }
    }
}
