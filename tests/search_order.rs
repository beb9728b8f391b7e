//! Search returns the newest matches first whatever order the journal was
//! written in: day by day, newest first (a generator), an old journal
//! imported after weeks of writing, or shuffled. The store walks its index
//! in from both ends and checks what lies between; this compares its pages
//! with the plain answer `list` gives.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use closer::model::NewEntry;
use closer::store::{ListFilter, Store};
use proptest::prelude::*;
use proptest::sample::Index;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-20T21:30:00+01:00").expect("time")
}

/// The order entries are written in, as day numbers, each day once.
fn writing_order() -> impl Strategy<Value = Vec<usize>> {
    (1usize..150).prop_flat_map(|n| {
        let days: Vec<usize> = (0..n).collect();
        let newest_first: Vec<usize> = days.iter().rev().copied().collect();
        let mut imported_late = days.clone();
        imported_late.rotate_left(n / 3);
        let shape = prop_oneof![
            Just(days.clone()),
            Just(newest_first),
            Just(imported_late),
            Just(days).prop_shuffle(),
        ];
        let swaps = proptest::collection::vec((any::<Index>(), any::<Index>()), 0..6);
        (shape, swaps).prop_map(|(mut order, swaps)| {
            let n = order.len();
            for (a, b) in swaps {
                order.swap(a.index(n), b.index(n));
            }
            order
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// `marks[day]`: 0 no match, 1 or 2 a match, 3 a match later deleted.
    #[test]
    fn a_page_of_search_is_the_newest_live_matches(
        order in writing_order(),
        marks in proptest::collection::vec(0u8..4, 150),
        limit in 1usize..25,
    ) {
        let mut store = Store::open_in_memory().expect("store");
        let start = NaiveDate::from_ymd_opt(2020, 1, 1).expect("date");
        let entries: Vec<NewEntry> = order
            .iter()
            .map(|&d| {
                let word = if marks[d] == 0 { "plain" } else { "zork" };
                NewEntry::note(start + Duration::days(d as i64), format!("a {word} walk, day {d}"))
            })
            .collect();
        let ids = store.add_entries(&entries, now()).expect("add");
        for (id, &d) in ids.iter().zip(&order) {
            if marks[d] == 3 {
                store.delete_entry(id, now()).expect("delete");
            }
        }
        let expected: Vec<NaiveDate> = store
            .list(&ListFilter::default())
            .expect("list")
            .into_iter()
            .filter(|e| e.text.contains("zork"))
            .take(limit)
            .map(|e| e.day)
            .collect();
        let found: Vec<NaiveDate> = store
            .search("zork", limit)
            .expect("search")
            .into_iter()
            .map(|h| h.entry.day)
            .collect();
        prop_assert_eq!(found, expected);
    }
}
