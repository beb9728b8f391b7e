//! Many writers and a long reader at once: 1,000 `closer add` processes (two
//! streams of 500 side by side) while this test holds read transactions open
//! on the journal, as the TUI does while it shows a screen. Every add must
//! succeed, none may report a locked database, and every entry must be there.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use common::Journal;

const ADDS: usize = 1_000;
const STREAMS: usize = 2;

#[test]
fn a_thousand_adds_beside_a_long_reader_all_land() {
    let j = Arc::new(Journal::new());
    j.ok(&["add", "the first entry, before the rush"]);

    let stop = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicUsize::new(0));
    let reader = {
        let (db, stop, reads) = (j.db(), Arc::clone(&stop), Arc::clone(&reads));
        std::thread::spawn(move || {
            let conn = rusqlite::Connection::open(&db).expect("reader opens");
            conn.busy_timeout(std::time::Duration::from_secs(10))
                .expect("timeout");
            let mut last = 0;
            while !stop.load(Ordering::Relaxed) {
                // One long transaction over many reads: the snapshot stays
                // fixed, and the writers must neither wait for it nor fail.
                conn.execute_batch("BEGIN").expect("begin read");
                for _ in 0..50 {
                    let n: i64 = conn
                        .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
                        .expect("read during writes");
                    assert!(n >= last, "a reader saw entries disappear");
                    last = n;
                    reads.fetch_add(1, Ordering::Relaxed);
                }
                conn.execute_batch("COMMIT").expect("end read");
            }
        })
    };

    let writers: Vec<_> = (0..STREAMS)
        .map(|stream| {
            let j = Arc::clone(&j);
            std::thread::spawn(move || {
                for k in 0..ADDS / STREAMS {
                    let n = stream * (ADDS / STREAMS) + k;
                    let out = j
                        .std_cmd()
                        .args(["add", &format!("concurrent entry number {n} of the run")])
                        .output()
                        .expect("closer add runs");
                    let stderr = String::from_utf8_lossy(&out.stderr);
                    assert!(out.status.success(), "add {n} failed: {stderr}");
                    assert!(!stderr.contains("locked"), "add {n}: {stderr}");
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer stream");
    }
    stop.store(true, Ordering::Relaxed);
    reader.join().expect("reader");
    assert!(reads.load(Ordering::Relaxed) > 0, "the reader ran");

    let conn = rusqlite::Connection::open(j.db()).expect("open");
    let texts: Vec<String> = conn
        .prepare("SELECT text FROM entries")
        .and_then(|mut s| {
            s.query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()
        })
        .expect("entries");
    assert_eq!(texts.len(), ADDS + 1, "every add is in the journal");
    for n in 0..ADDS {
        let want = format!("concurrent entry number {n} of the run");
        assert!(texts.contains(&want), "entry {n} is missing");
    }
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity");
    assert_eq!(check, "ok");
}
