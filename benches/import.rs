//! Importing a jrnl export (`jrnl --export json`) of generated entries
//! (`demo::journal`'s check-ins and notes, their `@names` listed as jrnl
//! tags as jrnl would) into a fresh journal: parsing, the rules on every
//! entry, and the one write transaction, rule engine build included, as
//! `closer import` does it. The rules run ahead of the write on the cores it
//! leaves free (`journal/ahead.rs`), so the import takes about parse + write.
//!
//! Target: 100,000 entries under 5 s. Measured 2026-11-21 on 2 cores shared
//! with another engineer's builds, each run started once both cores had been
//! at least 96% idle for 2 s, 2 samples a run. The machine's speed drifted
//! through the day: the code before this branch's work, run alternately with
//! it, took 6.05 to 8.88 s (six runs, median of medians 8.2 s) where it had
//! measured 5.77 s that morning.
//! - 100,000 entries: medians of six runs 3.73, 4.78, 4.78, 5.03, 5.10 and
//!   6.10 s (samples 3.58 to 6.11 s), 0.59 to 0.74 of the old code's time in
//!   the same minutes (median 0.60); 1,000: 61 to 89 ms; 10,000: 426 to
//!   543 ms (old code: 90 to 118 ms, 641 to 778 ms);
//! - the same 10,000 a second time (a no-op): 330 to 396 ms (old: 361 to
//!   502 ms);
//! - `phases` at 100,000 (16 MB of text, a 126 MB journal, three runs):
//!   parse 0.32 to 0.61 s (on two threads), engine 4 ms, rules 2.4 to 3.1 s
//!   on one thread for the 57,000 distinct texts, write 4.6 to 5.7 s with the
//!   detections ready (old code in the same runs: parse 0.97 to 1.22 s, write
//!   4.9 to 7.3 s).
//!
//! Where the write goes now (a profile of it with the detections ready):
//! SQLite inserting the rows ~40% (the full-text index a good part of the
//! entries'), building the secondary indexes once the rows are in ~20%, the
//! commit ~10% (126 MB to the WAL, then checkpointed into the file), binding
//! values ~10%, the rest building rows in Rust.

use chrono::{DateTime, FixedOffset, NaiveDate};
use closer::demo::{DemoOptions, journal};
use closer::import::{self, Format, ParseOptions};
use closer::journal::Journal;
use closer::rules::Engine;
use closer::store::Store;
use serde_json::json;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-20T21:30:00+01:00").expect("time")
}

fn offset() -> FixedOffset {
    FixedOffset::east_opt(3600).expect("offset")
}

/// A jrnl export of `n` entries, as text.
fn jrnl_export(n: usize) -> String {
    let entries: Vec<serde_json::Value> = journal(&DemoOptions {
        seed: 2026,
        end: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
        entries: n,
        offset: offset(),
    })
    .into_iter()
    .enumerate()
    .map(|(i, e)| {
        // jrnl splits the first sentence off as the title.
        let (title, body) = match e.text.find(". ") {
            Some(at) => (&e.text[..=at], e.text[at + 2..].to_string()),
            None => (e.text.as_str(), String::new()),
        };
        let tags: Vec<String> = closer::text::mentions::people(&e.text)
            .iter()
            .map(|p| format!("@{}", p.to_lowercase()))
            .collect();
        json!({
            "title": title,
            "body": body,
            "date": e.day.to_string(),
            "time": format!("{:02}:{:02}", 19 + i % 4, i % 60),
            "tags": tags,
            "starred": i % 17 == 0,
        })
    })
    .collect();
    serde_json::to_string_pretty(&json!({"tags": {}, "entries": entries})).expect("json")
}

/// What `closer import` does after reading the file.
fn import(text: &str, db: &std::path::Path) -> usize {
    let options = ParseOptions {
        offset: offset(),
        day_starts_at: 4,
    };
    let parsed = import::parse(text, Format::Jrnl, options).expect("parses");
    let store = Store::open(db).expect("journal");
    let (mut journal, _) = Journal::new(store, Engine::builtin(), now()).expect("journal");
    let counts = journal.import(&parsed, now()).expect("imports");
    assert_eq!(counts.added + counts.same, parsed.records.len());
    counts.analysed
}

fn main() {
    divan::main();
}

#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 2, sample_size = 1)]
fn jrnl_into_a_fresh_journal(bencher: divan::Bencher<'_, '_>, n: usize) {
    let text = jrnl_export(n);
    bencher
        .with_inputs(|| tempfile::tempdir().expect("temp dir"))
        .bench_local_values(|dir| {
            let db = dir.path().join("journal.db");
            divan::black_box(import(&text, &db));
            dir
        });
}

/// The same file again into the journal that already holds it: a no-op.
#[divan::bench(args = [10_000], sample_count = 2, sample_size = 1)]
fn jrnl_a_second_time(bencher: divan::Bencher<'_, '_>, n: usize) {
    let text = jrnl_export(n);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    import(&text, &db);
    bencher.bench_local(|| {
        let options = ParseOptions {
            offset: offset(),
            day_starts_at: 4,
        };
        let parsed = import::parse(&text, Format::Jrnl, options).expect("parses");
        let store = Store::open(&db).expect("journal");
        let (mut journal, _) = Journal::new(store, Engine::builtin(), now()).expect("journal");
        let counts = journal.import(&parsed, now()).expect("imports");
        assert_eq!(counts.same, parsed.records.len());
    });
}

/// Where the time goes: parse, engine build, write (printed). The rules
/// run once per distinct text here (the generator repeats itself), so the
/// write is measured at full size without waiting on the rules; the
/// benchmarks above run them on every entry.
#[divan::bench(args = [10_000, 100_000], sample_count = 1, sample_size = 1)]
fn phases(n: usize) {
    let text = jrnl_export(n);
    let dir = tempfile::tempdir().expect("temp dir");
    let t = std::time::Instant::now();
    let options = ParseOptions {
        offset: offset(),
        day_starts_at: 4,
    };
    let parsed = import::parse(&text, Format::Jrnl, options).expect("parses");
    let parse = t.elapsed();
    let engine = Engine::builtin();
    let build = t.elapsed() - parse;
    let mut seen = std::collections::HashMap::new();
    let found: Vec<_> = parsed
        .records
        .iter()
        .map(|r| {
            Some(
                seen.entry(r.text.clone())
                    .or_insert_with(|| closer::rules::summarize(&engine.detect(&r.text)))
                    .clone(),
            )
        })
        .collect();
    let rules = t.elapsed() - parse - build;
    let mut store = Store::open(&dir.path().join("journal.db")).expect("journal");
    let mut found = found;
    store
        .import(
            &parsed,
            &mut |i| found.get_mut(i).and_then(Option::take).unwrap_or_default(),
            &engine.version(),
            now(),
        )
        .expect("imports");
    let write = t.elapsed() - parse - build - rules;
    let size =
        |name: &str| std::fs::metadata(dir.path().join(name)).map_or(0, |m| m.len()) / 1_000_000;
    eprintln!(
        "{n}: journal {} MB + WAL {} MB; parse {parse:?}, engine build {build:?}, rules on {} distinct texts {rules:?}, write {write:?}; {} MB of text",
        size("journal.db"),
        size("journal.db-wal"),
        seen.len(),
        parsed.records.iter().map(|r| r.text.len()).sum::<usize>() / 1_000_000
    );
}
