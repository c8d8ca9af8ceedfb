//! What a folder of postmortems is measured by (`postmortem stats`): for
//! each, its outage's start, duration, time to detect and to resolve (the
//! figures its exported summary states) and the size of its timeline and
//! task list; across them, the count, median and mean of each duration.

use crate::export::Figures;
use crate::model::Document;
use crate::timeline::Clock;

#[derive(Clone, Debug, PartialEq)]
pub struct PostmortemStats {
    pub title: String,
    /// The outage's start as the editor writes it ("2024-06-01 14:00 UTC").
    pub start: Option<String>,
    /// Whole minutes, as the exported summary gives them.
    pub duration: Option<i64>,
    pub detect: Option<i64>,
    pub resolve: Option<i64>,
    pub rows: usize,
    pub open_tasks: usize,
    pub done_tasks: usize,
}

pub fn postmortem_stats(doc: &Document) -> PostmortemStats {
    let clock = Clock::of(doc);
    let figures = Figures::new(&clock, doc.timeline.iter().map(|r| (r.tag, clock.row(&r.time))));
    let zone = clock.zone.as_ref().map(|z| format!(" {}", z.label)).unwrap_or_default();
    let start = clock.window().0.map(|s| format!("{}{zone}", clock.show(&s, true)));
    let tasks = doc.tasks.iter().filter(|t| !t.text.trim().is_empty());
    let done_tasks = tasks.clone().filter(|t| t.done).count();
    PostmortemStats {
        title: doc.title.clone(),
        start,
        duration: figures.duration.map(|d| d.whole_minutes()),
        detect: figures.detect.map(|d| d.whole_minutes()),
        resolve: figures.resolve.map(|d| d.whole_minutes()),
        rows: doc.timeline.len(),
        open_tasks: tasks.count() - done_tasks,
        done_tasks,
    }
}

/// How many values there are, their median and their mean, in minutes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub count: usize,
    pub median: Option<f64>,
    pub mean: Option<f64>,
}

pub fn spread(values: impl IntoIterator<Item = i64>) -> Spread {
    let mut values: Vec<i64> = values.into_iter().collect();
    values.sort_unstable();
    let count = values.len();
    let half = count / 2;
    let median = match count {
        0 => None,
        _ if count % 2 == 1 => Some(values[half] as f64),
        _ => Some((values[half - 1] + values[half]) as f64 / 2.0),
    };
    let mean = (count > 0).then(|| values.iter().sum::<i64>() as f64 / count as f64);
    Spread { count, median, mean }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Tag, Task};
    use crate::sample;

    #[test]
    fn a_postmortems_figures_are_those_its_summary_states() {
        let mut doc = sample::document(90);
        doc.tasks.push(Task {
            id: 900,
            text: "Done already".into(),
            done: true,
            ..Task::default()
        });
        doc.tasks.push(Task { id: 901, ..Task::default() });
        doc.timeline[10].tag = Some(Tag::Detection);
        doc.timeline[0].tag = None;
        let s = postmortem_stats(&doc);
        assert_eq!(s.start.as_deref(), Some("2024-06-01 00:00 UTC"));
        assert_eq!((s.duration, s.detect, s.resolve), (Some(90), Some(10), Some(89)));
        assert_eq!((s.rows, s.open_tasks, s.done_tasks), (90, 1, 1));
    }

    #[test]
    fn an_empty_document_has_no_figures() {
        let s = postmortem_stats(&Document::new());
        assert_eq!((s.start, s.duration, s.detect, s.resolve), (None, None, None, None));
    }

    #[test]
    fn median_and_mean() {
        assert_eq!(spread([]), Spread { count: 0, median: None, mean: None });
        assert_eq!(
            spread([120, 30, 90]),
            Spread { count: 3, median: Some(90.0), mean: Some(80.0) }
        );
        assert_eq!(
            spread([10, 40, 20, 31]),
            Spread { count: 4, median: Some(25.5), mean: Some(25.25) }
        );
    }
}
