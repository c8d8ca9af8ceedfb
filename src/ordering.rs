//! Which entries of a reordered list can stay where they are: the rest are
//! the fewest that must move. The timeline's keyed list (so that sorting
//! moves only the rows that leave their order) and the preview's arranging
//! of its nodes (so that a row added, removed or moved costs a DOM call or
//! two, not a walk over every node) ask it.

use std::hash::Hash;

use rustc_hash::FxHashMap as HashMap;

/// How a list in the order `old` becomes `new`. Keys are unique in each.
pub struct Reordering {
    /// For each key of `new`, whether its entry can stay where it is: it
    /// was in `old`, and it is among the most entries that keep their
    /// order. The others (new ones among them) are the ones to place.
    pub stays: Vec<bool>,
    /// The places in `old` of the keys that `new` no longer has.
    pub gone: Vec<usize>,
}

pub fn reordering<K: Eq + Hash + Copy>(old: &[K], new: &[K]) -> Reordering {
    let mut old_place: HashMap<K, usize> =
        HashMap::with_capacity_and_hasher(old.len(), Default::default());
    for (place, key) in old.iter().enumerate() {
        old_place.insert(*key, place);
    }
    let places: Vec<Option<usize>> = new.iter().map(|k| old_place.get(k).copied()).collect();
    let mut kept = vec![false; old.len()];
    for &place in places.iter().flatten() {
        kept[place] = true;
    }
    let gone = (0..old.len()).filter(|&place| !kept[place]).collect();
    let known: Vec<usize> = places.iter().flatten().copied().collect();
    let mut stays = staying(&known).into_iter();
    let stays =
        places.iter().map(|place| place.is_some() && stays.next().unwrap_or(false)).collect();
    Reordering { stays, gone }
}

/// For each entry of `old_places` (an entry's place in the old order,
/// given in the new order), whether it belongs to one longest run of
/// increasing old places: those entries keep their order relative to each
/// other, so only the others need moving. Patience sorting, n log n.
fn staying(old_places: &[usize]) -> Vec<bool> {
    // tails[k]: the position (in old_places) ending the run of length k + 1
    // with the smallest old place found so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; old_places.len()];
    for (i, &place) in old_places.iter().enumerate() {
        let at = tails.partition_point(|&t| old_places[t] < place);
        before[i] = at.checked_sub(1).map(|k| tails[k]);
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut stays = vec![false; old_places.len()];
    let mut next = tails.last().copied();
    while let Some(i) = next {
        stays[i] = true;
        next = before[i];
    }
    stays
}

#[cfg(test)]
mod tests {
    use super::{reordering, staying};
    use proptest::prelude::*;

    /// The longest increasing run, by trying every subset: for small lists.
    fn longest_by_brute_force(values: &[usize]) -> usize {
        (0u32..1 << values.len())
            .filter(|mask| {
                let chosen: Vec<usize> =
                    (0..values.len()).filter(|i| mask & (1 << i) != 0).map(|i| values[i]).collect();
                chosen.windows(2).all(|w| w[0] < w[1])
            })
            .map(|mask| mask.count_ones() as usize)
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn one_entry_moved_is_the_only_one_that_moves() {
        // The entry that was last (old place 4) is now in the middle.
        assert_eq!(staying(&[0, 1, 4, 2, 3]), [true, true, false, true, true]);
        // An entry moved down a place: its neighbour could move instead,
        // but one of the two moves, never more.
        let stays = staying(&[1, 0, 2]);
        assert_eq!(stays.iter().filter(|s| !**s).count(), 1);
        assert_eq!(staying(&[]), Vec::<bool>::new());
        // New entries have no old place; with gaps where entries went.
        assert_eq!(staying(&[0, 2, 5, 7]), [true; 4]);
    }

    #[test]
    fn keys_new_to_the_list_are_placed_and_the_rest_keep_their_order() {
        // c moved to the front, x is new, b went.
        let r = reordering(&['a', 'b', 'c', 'd'], &['c', 'x', 'a', 'd']);
        assert_eq!(r.stays, [false, false, true, true]);
        assert_eq!(r.gone, [1]);
        let r = reordering(&['a', 'b'], &['a', 'b']);
        assert_eq!((r.stays, r.gone), (vec![true, true], vec![]));
        let r = reordering::<char>(&[], &['a']);
        assert_eq!((r.stays, r.gone), (vec![false], vec![]));
        let r = reordering(&['a', 'b'], &[]);
        assert_eq!((r.stays, r.gone), (vec![], vec![0, 1]));
    }

    proptest! {
        #[test]
        fn the_entries_that_stay_are_a_longest_increasing_run(
            values in proptest::collection::vec(0usize..20, 0..12)
        ) {
            let stays = staying(&values);
            let kept: Vec<usize> =
                values.iter().zip(&stays).filter(|(_, s)| **s).map(|(v, _)| *v).collect();
            prop_assert!(kept.windows(2).all(|w| w[0] < w[1]));
            prop_assert_eq!(kept.len(), longest_by_brute_force(&values));
        }
    }
}
