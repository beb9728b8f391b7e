//! The HTML export of a year of the demo journal (`demo::weeks`, 52 weeks,
//! stored through the journal so detections are there as `closer demo`
//! stores them): store reads, the report and its rendering.
//!
//! Target: under 200 ms. Measured (2026-11-21, 2 cores shared with other
//! builds): median 23 ms, fastest 22 ms, slowest 59 ms (20 samples).

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate};
use closer::analysis::Period;
use closer::config::PatternSettings;
use closer::demo;
use closer::export::{self, EntriesShown, Options, render};
use closer::journal::Journal;
use closer::rules::Engine;
use closer::store::Store;

struct Fixture {
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    let store = Store::open(&db).expect("create journal");
    let (mut journal, _) = Journal::new(store, Engine::builtin(), now()).expect("journal");
    let entries = demo::weeks(
        end(),
        52,
        FixedOffset::east_opt(3600).expect("offset"),
        2026,
    );
    journal.add_many(&entries, now()).expect("fill journal");
    Fixture { _dir: dir, db }
});

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T21:30:00+01:00").expect("time")
}

fn end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
}

fn main() {
    LazyLock::force(&FIXTURE);
    divan::main();
}

/// A year as one report, every entry printed, names redacted: the heaviest
/// export there is.
#[divan::bench(sample_count = 20)]
fn html_report_of_a_year(bencher: divan::Bencher) {
    let store = Store::open(&FIXTURE.db).expect("open");
    let period = Period::range(end() - chrono::Duration::days(363), end()).expect("year");
    let settings = PatternSettings::default();
    let options = Options {
        include_private: false,
        redact: true,
        entries: EntriesShown::All,
    };
    bencher.bench_local(|| {
        let needed = export::days_needed(&period, &settings);
        let (entries, detections) = store.review_data(needed.from, needed.to).expect("read");
        let people = store.people().expect("people");
        let report = export::build(&entries, &detections, &people, &period, &settings, options);
        render::html(&report)
    });
}
