//! One sort for the whole core (and the app's views): every list is ordered through the same
//! single instantiation of the standard library's stable sort, on a permutation of indices
//! with a `dyn` comparator.
//!
//! Why: the app is size-bound (docs/performance.md, "App shell size"), and each `sort_by` on a
//! new element type or closure compiles another copy of the standard library's sort into the
//! wasm (quicksort, merge, small-sort networks: 2-6 KB each; there were fifteen). Sorting
//! indices through one `&dyn Fn` costs an indirect call per comparison and one index vector per
//! sort, which is nothing next to the comparisons themselves (strings, dates).

use std::cmp::Ordering;

/// The stable order of `len` items under `cmp` (which compares two item indices): the indices
/// `0..len`, arranged so that the items they name are sorted, ties in index order.
pub fn sorted_order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Sorts `v` stably by `cmp`, like `slice::sort_by`, through [`sorted_order`].
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    // Indices come from `sorted_order(v.len(), ..)`, so they are all in bounds.
    let order = sorted_order(v.len(), &|a, b| cmp(&v[a], &v[b]));
    permute(v, &order);
}

/// Sorts `v` stably by the key `f` gives each item, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, f: impl Fn(&T) -> K) {
    sort_by(v, |a, b| f(a).cmp(&f(b)));
}

/// Sorts `v` in its natural order and drops repeated items: the canonical form of a set kept
/// as a list.
pub fn sort_dedup<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
    v.dedup();
}

/// Rearranges `v` so that item `k` becomes the old `v[order[k]]`. `order` is a permutation of
/// `0..v.len()` (as [`sorted_order`] returns); an index out of range or repeated drops that slot
/// rather than panicking.
pub fn permute<T>(v: &mut Vec<T>, order: &[usize]) {
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    *v = order
        .iter()
        .filter_map(|&i| slots.get_mut(i).and_then(Option::take))
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Sorting by a key agrees with the standard library's stable sort, ties kept in order.
    #[test]
    fn agrees_with_std_stable_sort() {
        let cases: [&[(u8, char)]; 5] = [
            &[],
            &[(1, 'a')],
            &[(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd')],
            &[(3, 'x'), (3, 'y'), (3, 'z')],
            &[(9, 'a'), (8, 'b'), (7, 'c'), (1, 'd'), (0, 'e')],
        ];
        for case in cases {
            let mut ours = case.to_vec();
            sort_by_key(&mut ours, |p| p.0);
            let mut std = case.to_vec();
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "{case:?}");
        }
    }

    /// A set kept as a list comes out sorted and without repeats.
    #[test]
    fn sort_dedup_makes_a_set() {
        let cases: [(&[&str], &[&str]); 3] = [
            (&[], &[]),
            (&["b", "a", "b", "c", "a"], &["a", "b", "c"]),
            (&["z"], &["z"]),
        ];
        for (input, want) in cases {
            let mut v = input.to_vec();
            sort_dedup(&mut v);
            assert_eq!(v, want, "{input:?}");
        }
    }

    /// A malformed permutation loses slots instead of panicking.
    #[test]
    fn permute_tolerates_bad_orders() {
        let cases: [(&[usize], &[char]); 3] = [
            (&[2, 0, 1], &['c', 'a', 'b']),
            (&[0, 0, 7], &['a']),
            (&[], &[]),
        ];
        for (order, want) in cases {
            let mut v = vec!['a', 'b', 'c'];
            permute(&mut v, order);
            assert_eq!(v, want, "{order:?}");
        }
    }

    proptest! {
        /// On any input, `sort_by` is the standard stable sort.
        #[test]
        fn sort_by_is_std_sort_by(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = v;
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }
    }
}
