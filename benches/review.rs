//! The weekly review of a ten-year journal: 36,500 generated entries (ten
//! a day, so a week's review has plenty to read) with their detections
//! stored through the journal (as `closer add` stores them), and the review
//! of one week, including the store reads.
//!
//! Target: under 100 ms for the review once detections are stored.
//! Measured (2026-11-21, 2 cores shared with two other builds): the review
//! of one week, store reads included, median 10 ms (fastest 5.4 ms); the
//! reads alone 7 ms; opening the journal and reviewing 16 ms. A whole year as
//! one period (which reads the four years before it too) takes about 0.7 s.

use std::path::PathBuf;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate};
use closer::analysis::{Period, days_needed, review};
use closer::config::PatternSettings;
use closer::demo::{self, DemoOptions};
use closer::journal::Journal;
use closer::rules::Engine;
use closer::store::Store;

const ENTRIES: usize = 36_500;

struct Fixture {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    let store = Store::open(&db).expect("create journal");
    let (mut journal, _) = Journal::new(store, Engine::builtin(), now()).expect("journal");
    let end = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let mut entries = demo::journal(&DemoOptions {
        seed: 2026,
        end,
        entries: ENTRIES,
        offset: FixedOffset::east_opt(3600).expect("offset"),
    });
    // The generator writes about one entry a day; ten years of 36,500
    // entries is ten a day, so spread them back from `end` ten to a day.
    for (i, e) in entries.iter_mut().enumerate() {
        let day = end - chrono::Duration::days(i64::try_from(i / 10).expect("small"));
        let shift = day - e.day;
        e.day = day;
        e.created_at = e.created_at.map(|t| t + shift);
    }
    for chunk in entries.chunks(5_000) {
        journal.add_many(chunk, now()).expect("fill journal");
    }
    Fixture { _dir: dir, db }
});

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T21:30:00+01:00").expect("time")
}

fn main() {
    LazyLock::force(&FIXTURE);
    divan::main();
}

fn review_week(store: &Store, week: &str) -> closer::analysis::Review {
    let period = Period::parse_week(week).expect("week");
    let settings = PatternSettings::default();
    let needed = days_needed(&period, &settings);
    let (entries, detections) = store
        .review_data(needed.from, needed.to)
        .expect("review data");
    review(&entries, &detections, &period, &settings)
}

/// The review of the last week: the store reads and the analysis.
#[divan::bench(sample_count = 100)]
fn review_of_one_week(bencher: divan::Bencher) {
    let store = Store::open(&FIXTURE.db).expect("open");
    bencher.bench_local(|| review_week(&store, "2026-W47"));
}

/// The same, opening the journal first, as `closer review` does.
#[divan::bench(sample_count = 50)]
fn open_and_review_one_week() {
    let store = Store::open(&FIXTURE.db).expect("open");
    divan::black_box(review_week(&store, "2026-W47"));
}

/// The store reads alone.
#[divan::bench(sample_count = 100)]
fn review_data_of_one_week(bencher: divan::Bencher) {
    let store = Store::open(&FIXTURE.db).expect("open");
    let period = Period::parse_week("2026-W47").expect("week");
    let needed = days_needed(&period, &PatternSettings::default());
    bencher.bench_local(|| store.review_data(needed.from, needed.to).expect("read"));
}

/// A whole year as one period, for scale.
#[divan::bench(sample_count = 10)]
fn review_of_a_year(bencher: divan::Bencher) {
    let store = Store::open(&FIXTURE.db).expect("open");
    let period = Period::range(
        NaiveDate::from_ymd_opt(2025, 11, 23).expect("date"),
        NaiveDate::from_ymd_opt(2026, 11, 22).expect("date"),
    )
    .expect("year");
    let settings = PatternSettings::default();
    bencher.bench_local(|| {
        let needed = days_needed(&period, &settings);
        let (entries, detections) = store.review_data(needed.from, needed.to).expect("read");
        review(&entries, &detections, &period, &settings)
    });
}
