//! The journal at scale: 100,000 generated entries, and how long the
//! commands a user runs every day take on it, as whole processes (start-up,
//! opening and migrating the database, printing) and as library calls.
//!
//! Targets at 100,000 entries: `list -n 20` and an insert under 10 ms, a
//! search under 15 ms, as whole commands.
//!
//! Measured 2026-11-21 evening (session 5), load ~2 from outside, medians
//! of 50: add_one 9.1 ms, list_20 4.5 ms, search_word 9.4 ms,
//! search_phrase 7.1 ms, status 6.6 ms, version_only 3.1 ms; on an idle
//! machine earlier the same evening add_one 8.4 ms, list_20 4.8 ms. Search
//! walks the index in from both ends instead of sorting every match: in
//! instructions, the phrase search went from 82M to 11M and a word in a
//! third of the entries from 123M to 8M. `closer add` executes 6.6M
//! instructions; most of its time is process start and five fsyncs. The
//! slowest add_one sample (~5 s) is the first of the day on a new fixture:
//! the daily backup of the 190 MB journal.

use std::path::PathBuf;
use std::process::Command;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate};
use closer::demo::{DemoOptions, journal};
use closer::model::NewEntry;
use closer::store::{ListFilter, Store};

const ENTRIES: usize = 100_000;

struct Fixture {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    let mut store = Store::open(&db).expect("create journal");
    let entries = journal(&DemoOptions {
        seed: 2026,
        end: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
        entries: ENTRIES,
        offset: FixedOffset::east_opt(0).expect("offset"),
    });
    for chunk in entries.chunks(10_000) {
        store.add_entries(chunk, now()).expect("fill journal");
    }
    Fixture { _dir: dir, db }
});

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-20T21:30:00+00:00").expect("time")
}

fn closer(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_closer"))
        .args(args)
        .env("CLOSER_DB", &FIXTURE.db)
        .env("XDG_CONFIG_HOME", FIXTURE.db.parent().expect("dir"))
        .env("NO_COLOR", "1")
        .output()
        .expect("closer runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    divan::black_box(out.stdout);
}

fn main() {
    LazyLock::force(&FIXTURE);
    divan::main();
}

mod command {
    use super::closer;

    #[divan::bench(sample_count = 50)]
    fn list_20() {
        closer(&["list", "-n", "20"]);
    }

    #[divan::bench(sample_count = 50)]
    fn search_word() {
        closer(&["search", "voicemail", "-n", "20"]);
    }

    #[divan::bench(sample_count = 50)]
    fn search_phrase() {
        closer(&["search", "\"talked it through\"", "-n", "20"]);
    }

    #[divan::bench(sample_count = 50)]
    fn add_one() {
        closer(&["add", "Left @Sam on read again, benchmark edition. #bench"]);
    }

    /// What a shell prompt runs before every command line: target < 10 ms.
    #[divan::bench(sample_count = 50)]
    fn status() {
        closer(&["status"]);
    }

    /// The floor under every command: starting the process at all.
    #[divan::bench(sample_count = 50)]
    fn version_only() {
        closer(&["--version"]);
    }
}

mod library {
    use super::*;

    #[divan::bench(sample_count = 100)]
    fn list_20(bencher: divan::Bencher) {
        let store = Store::open(&FIXTURE.db).expect("open");
        let filter = ListFilter {
            limit: Some(20),
            ..ListFilter::default()
        };
        bencher.bench_local(|| store.list(&filter).expect("list"));
    }

    #[divan::bench(sample_count = 100)]
    fn search_20(bencher: divan::Bencher) {
        let store = Store::open(&FIXTURE.db).expect("open");
        bencher.bench_local(|| store.search("voicemail", 20).expect("search"));
    }

    #[divan::bench(sample_count = 100)]
    fn search_phrase_20(bencher: divan::Bencher) {
        let store = Store::open(&FIXTURE.db).expect("open");
        bencher.bench_local(|| store.search("\"talked it through\"", 20).expect("search"));
    }

    #[divan::bench(sample_count = 100)]
    fn add_entry(bencher: divan::Bencher) {
        let mut store = Store::open(&FIXTURE.db).expect("open");
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
        bencher.bench_local(|| {
            store
                .add_entry(&NewEntry::note(day, "Called @Mum back."), now())
                .expect("add")
        });
    }
}
