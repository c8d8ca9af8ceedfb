//! Files are read and checked on every core, and reported in the order
//! they were found, so that a run's output is the same however its work
//! was shared out.

use std::collections::BTreeMap;
use std::sync::{mpsc, Mutex};

/// `work` on each item, on as many threads as there are cores; `each` on
/// the results, on this thread, in the items' order, as soon as each one's
/// turn comes.
pub fn in_order<T: Send, R: Send>(
    items: Vec<T>,
    work: impl Fn(T) -> R + Sync,
    mut each: impl FnMut(R),
) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
    if threads <= 1 {
        items.into_iter().map(work).for_each(each);
        return;
    }
    let queue = Mutex::new(items.into_iter().enumerate());
    let (send, receive) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let send = send.clone();
            let (queue, work) = (&queue, &work);
            scope.spawn(move || loop {
                // A poisoned queue means a worker panicked; the others stop.
                let Some((i, item)) = queue.lock().ok().and_then(|mut q| q.next()) else { break };
                if send.send((i, work(item))).is_err() {
                    break;
                }
            });
        }
        drop(send);
        let (mut next, mut waiting) = (0, BTreeMap::new());
        for (i, result) in receive {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&next) {
                each(result);
                next += 1;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_order_of_the_items_whatever_finishes_first() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        in_order(
            items,
            |i| {
                // Early items take longest, so they finish last.
                std::thread::sleep(std::time::Duration::from_micros((200 - i) * 20));
                i * 2
            },
            |r| seen.push(r),
        );
        assert_eq!(seen, (0..200).map(|i| i * 2).collect::<Vec<_>>());
    }
}
