//! The store through its library API, on in-memory and temporary journals.

use chrono::{DateTime, FixedOffset, NaiveDate};
use closer::Error;
use closer::model::{EntryChange, EntryKind, NewEntry, Section};
use closer::store::{ListFilter, Store};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-20T21:30:00+01:00").expect("time")
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
}

#[test]
fn a_checkin_keeps_its_sections_and_is_searchable_by_its_answers() {
    let mut store = Store::open_in_memory().expect("store");
    let sections = vec![
        Section {
            key: "before".into(),
            prompt: "What happened just before?".into(),
            answer: "@Ana asked to talk about us.".into(),
        },
        Section {
            key: "did".into(),
            prompt: "What did you do?".into(),
            answer: "Said I was exhausted.".into(),
        },
    ];
    let new = NewEntry {
        kind: EntryKind::Checkin,
        text: Section::joined_answers(&sections),
        sections: sections.clone(),
        mood: Some(2),
        urge: Some(8),
        ..NewEntry::note(day("2026-11-20"), "")
    };
    let saved = store.add_entry(&new, now()).expect("saved");
    assert_eq!(saved.sections, sections);
    assert_eq!(
        saved.text,
        "@Ana asked to talk about us.\n\nSaid I was exhausted."
    );
    assert_eq!(saved.people, ["Ana"]);
    let hits = store.search("exhausted", 10).expect("search");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].entry.id, saved.id);
}

#[test]
fn a_stale_revision_is_refused_and_nothing_is_overwritten() {
    let mut store = Store::open_in_memory().expect("store");
    let e = store
        .add_entry(&NewEntry::note(day("2026-11-20"), "first draft"), now())
        .expect("saved");
    let change = |t: &str| EntryChange {
        text: Some(t.to_string()),
        ..EntryChange::default()
    };
    let saved = store
        .update_entry(&e.id, &change("edited in the TUI"), Some(e.revision), now())
        .expect("first save");
    assert_eq!(saved.revision, e.revision + 1);
    let err = store
        .update_entry(
            &e.id,
            &change("edited in another shell"),
            Some(e.revision),
            now(),
        )
        .expect_err("stale");
    assert!(matches!(err, Error::Conflict { .. }), "{err}");
    assert_eq!(store.entry(&e.id).expect("entry").text, "edited in the TUI");
}

#[test]
fn editing_the_text_updates_mentions_but_keeps_people_named_besides() {
    let mut store = Store::open_in_memory().expect("store");
    let new = NewEntry {
        people: vec!["Kim".into()],
        ..NewEntry::note(day("2026-11-20"), "saw @Sam #work")
    };
    let e = store.add_entry(&new, now()).expect("saved");
    assert_eq!(e.people, ["Kim", "Sam"]);
    let change = EntryChange {
        text: Some("saw @Jo instead #rest".into()),
        ..EntryChange::default()
    };
    let e = store
        .update_entry(&e.id, &change, None, now())
        .expect("edited");
    assert_eq!(e.people, ["Kim", "Jo"]);
    assert_eq!(e.tags, ["rest"]);
    assert!(
        store.search("Sam", 5).expect("search").is_empty(),
        "the old text left the index"
    );
}

#[test]
fn too_large_or_empty_entries_are_refused() {
    let mut store = Store::open_in_memory().expect("store");
    let big = "a".repeat(closer::model::MAX_ENTRY_BYTES + 1);
    assert!(
        store
            .add_entry(&NewEntry::note(day("2026-11-20"), big), now())
            .is_err()
    );
    assert!(
        store
            .add_entry(&NewEntry::note(day("2026-11-20"), " \n "), now())
            .is_err()
    );
    assert_eq!(store.count_entries().expect("count"), 0);
}

#[test]
fn list_is_newest_first_across_days_and_times() {
    let mut store = Store::open_in_memory().expect("store");
    let later = DateTime::parse_from_rfc3339("2026-11-20T22:00:00+01:00").expect("time");
    store
        .add_entry(&NewEntry::note(day("2026-11-19"), "b"), now())
        .expect("b");
    store
        .add_entry(&NewEntry::note(day("2026-11-20"), "c"), now())
        .expect("c");
    store
        .add_entry(&NewEntry::note(day("2026-11-20"), "d"), later)
        .expect("d");
    store
        .add_entry(&NewEntry::note(day("2026-11-18"), "a"), later)
        .expect("a");
    let texts: Vec<String> = store
        .list(&ListFilter::default())
        .expect("list")
        .into_iter()
        .map(|e| e.text)
        .collect();
    assert_eq!(texts, ["d", "c", "b", "a"]);
}

#[test]
fn a_journal_reopens_with_everything_in_it() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("nested").join("journal.db");
    let id = {
        let mut store = Store::open(&path).expect("create");
        store
            .add_entry(&NewEntry::note(day("2026-11-20"), "kept"), now())
            .expect("saved")
            .id
    };
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.entry(&id).expect("entry").text, "kept");
    assert_eq!(
        store.schema_version().expect("v"),
        closer::store::schema_version_known()
    );
}

#[test]
fn a_common_word_is_searched_newest_first_without_deleted_entries() {
    // Enough matches to take the path that walks the journal in day order.
    let mut store = Store::open_in_memory().expect("store");
    let start = day("2020-01-01");
    let entries: Vec<NewEntry> = (0..2500)
        .map(|i| {
            NewEntry::note(
                start + chrono::Duration::days(i),
                format!("went quiet again, day {i}"),
            )
        })
        .collect();
    store.add_entries(&entries, now()).expect("bulk");
    let newest = store
        .list(&ListFilter {
            limit: Some(1),
            ..ListFilter::default()
        })
        .expect("list");
    store.delete_entry(&newest[0].id, now()).expect("delete");
    let hits = store.search("quiet", 3).expect("search");
    let days: Vec<String> = hits.iter().map(|h| h.entry.day.to_string()).collect();
    // The newest, 2026-11-04, is in the trash.
    assert_eq!(days, ["2026-11-03", "2026-11-02", "2026-11-01"]);
    assert!(hits[0].snippet.contains("quiet"));
    // And a rare word takes the other path to the same kind of answer.
    let rare = store.search("\"day 17\"", 5).expect("search");
    assert_eq!(rare.len(), 1);
    assert_eq!(rare[0].entry.day, day("2020-01-18"));
}
