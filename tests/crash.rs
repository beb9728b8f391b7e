//! Crash safety: a process killed with SIGKILL in the middle of saving
//! leaves every entry whole or absent, and the journal intact: 50 kills at
//! varying points over a few hundred saves.
//!
//! The writer is this test binary itself, started again with an environment
//! variable that makes it write entries (with their people, tags and
//! detections) in a loop until it is killed.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate};
use closer::journal::Journal;
use closer::model::NewEntry;
use closer::rules::Engine;
use closer::store::Store;

const WRITER_ENV: &str = "CLOSER_TEST_CRASH_WRITER";

/// Each entry says how many people and tags it names, so a torn write
/// (text saved, links not) is visible afterwards.
fn entry_text(n: usize) -> String {
    let people: Vec<String> = (0..n % 4 + 1).map(|i| format!("@P{n}x{i}")).collect();
    format!(
        "entry {n} and I ignored the calls from {} again #t{n}",
        people.join(" and ")
    )
}

#[test]
fn crash_writer() {
    // Only runs as the child of the test below.
    let Ok(db) = std::env::var(WRITER_ENV) else {
        return;
    };
    let now = DateTime::parse_from_rfc3339("2026-11-20T21:30:00+01:00").expect("time");
    let store = Store::open(std::path::Path::new(&db)).expect("open");
    let (mut journal, _) = Journal::new(store, Engine::builtin(), now).expect("journal");
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
    println!("ready");
    for n in 0.. {
        journal
            .add(&NewEntry::note(day, entry_text(n)), now)
            .expect("save");
    }
}

fn count_entries(db: &std::path::Path) -> i64 {
    rusqlite::Connection::open(db)
        .and_then(|c| c.query_row("SELECT count(*) FROM entries", [], |r| r.get(0)))
        .unwrap_or(0)
}

#[test]
fn a_killed_writer_leaves_whole_entries_or_none() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("journal.db");
    let me = std::env::current_exe().expect("test binary");
    let mut target = 0;
    let mut kills = 0;
    // 50 kills over ~350 saves: each lands wherever the writer happens to
    // be (it is always saving), and a random extra wait moves the point.
    for _ in 0..50 {
        let mut child = Command::new(&me)
            .args(["--exact", "crash_writer", "--nocapture", "--test-threads=1"])
            .env(WRITER_ENV, &db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("writer starts");
        // Kill at a different point each round: after a growing number of
        // saves, so the kill lands mid-transaction some of the times.
        target += 4 + fastrand::i64(0..8);
        let start = Instant::now();
        while count_entries(&db) < target && start.elapsed() < Duration::from_secs(120) {
            std::thread::yield_now();
        }
        let extra = Instant::now();
        let wait = Duration::from_micros(fastrand::u64(0..3_000));
        while extra.elapsed() < wait {
            std::hint::spin_loop();
        }
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        kills += 1;
    }
    assert_eq!(kills, 50);
    let conn = rusqlite::Connection::open(&db).expect("open");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("fk");
    assert_eq!(fk, 0);
    let mut stmt = conn
        .prepare(
            "SELECT e.text, (SELECT count(*) FROM entry_people p WHERE p.entry_id = e.id), \
                    (SELECT count(*) FROM entry_tags t WHERE t.entry_id = e.id), \
                    (SELECT count(*) FROM detections d WHERE d.entry_id = e.id) FROM entries e",
        )
        .expect("query");
    let rows: Vec<(String, i64, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("read");
    assert!(
        rows.len() as i64 >= target - 1,
        "the saves reached the journal"
    );
    for (text, people, tags, detections) in rows {
        let n: usize = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("numbered");
        assert_eq!(text, entry_text(n), "text whole");
        assert_eq!(people as usize, n % 4 + 1, "entry {n}: every person linked");
        assert_eq!(tags, 1, "entry {n}: its tag linked");
        assert!(detections >= 1, "entry {n}: its detections saved with it");
    }
}
