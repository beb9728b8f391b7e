//! Nothing lost: backups, restore, doctor, damaged and foreign files, and
//! schema changes that go wrong.

mod common;

use common::{Journal, file_bytes};

fn backups(j: &Journal) -> Vec<std::path::PathBuf> {
    let dir = j.db().parent().expect("dir").join("backups");
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "db"))
        .collect();
    found.sort();
    found
}

#[test]
fn a_backup_killed_mid_copy_leaves_nothing_behind_for_long() {
    // Each process copies through its own temporary file (two commands on a
    // new day once shared one and one failed as "locked"); one left by a
    // killed process goes at the next daily backup, once it is an hour old,
    // and one that may still be in progress stays.
    let j = Journal::new();
    j.add(&["first"]);
    let dir = j.db().parent().expect("dir").join("backups");
    std::fs::create_dir_all(&dir).expect("backups dir");
    let stale = dir.join("journal-2026-11-19.db.4242.partial");
    let fresh = dir.join("journal-2026-11-20.db.4343.partial");
    for p in [&stale, &fresh] {
        std::fs::write(p, b"half a copy").expect("partial");
    }
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .and_then(|f| f.set_modified(two_hours_ago))
        .expect("age the stale copy");
    j.add(&["second"]);
    assert_eq!(backups(&j).len(), 1, "today's backup was taken");
    assert!(!stale.exists(), "the stale partial copy is removed");
    assert!(fresh.exists(), "a copy that may be in progress is left");
}

#[test]
fn a_daily_backup_is_taken_once_the_journal_has_entries() {
    use std::os::unix::fs::PermissionsExt;
    let j = Journal::new();
    j.add(&["first"]);
    assert!(backups(&j).is_empty(), "an empty journal needs no backup");
    j.add(&["second"]);
    let found = backups(&j);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with("journal-2026-11-20.db"));
    let mode = std::fs::metadata(&found[0])
        .expect("backup")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    j.add(&["third"]);
    assert_eq!(backups(&j).len(), 1, "once a day");
}

#[test]
fn backup_and_restore_round_trip() {
    let j = Journal::new();
    j.add(&["kept in the backup"]);
    let copy = j.dir.path().join("copy.db");
    j.ok(&["backup", copy.to_str().expect("path")]);
    assert!(
        j.fails(&["backup", copy.to_str().expect("path")])
            .contains("never overwrites")
    );
    let id = j.add(&["written after the backup"]);
    assert_eq!(j.list_json(&[]).len(), 2);
    let out = j.ok(&["restore", copy.to_str().expect("path")]);
    assert!(out.contains("kept in"), "{out}");
    let list = j.list_json(&[]);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["text"], "kept in the backup");
    // The journal as it was before the restore is itself kept.
    let before = backups(&j)
        .into_iter()
        .find(|p| p.to_string_lossy().contains("before-restore"))
        .expect("kept");
    let conn = rusqlite::Connection::open(&before).expect("open");
    let found: i64 = conn
        .query_row("SELECT count(*) FROM entries WHERE id = ?1", [&id], |r| {
            r.get(0)
        })
        .expect("query");
    assert_eq!(found, 1);
    // An id still restores from the trash.
    let id = j.add(&["to the trash"]);
    j.ok(&["delete", &id]);
    j.ok(&["restore", &id[..13]]);
}

#[test]
fn restoring_from_something_that_is_not_a_backup_changes_nothing() {
    let j = Journal::new();
    j.add(&["precious"]);
    let junk = j.dir.path().join("junk.db");
    std::fs::write(&junk, "not a database").expect("junk");
    let err = j.fails(&["restore", junk.to_str().expect("path")]);
    assert!(err.contains("not a usable backup"), "{err}");
    assert_eq!(j.list_json(&[])[0]["text"], "precious");
}

#[test]
fn doctor_reports_a_healthy_journal() {
    let j = Journal::new();
    j.add(&["one"]);
    j.add(&["two"]);
    let out = j.ok(&["doctor"]);
    for check in [
        "integrity",
        "foreign keys",
        "schema",
        "file permissions",
        "backups",
        "location",
    ] {
        assert!(out.contains(check), "{check}: {out}");
    }
    assert!(!out.contains("!!"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&j.ok(&["doctor", "--json"])).expect("json");
    assert_eq!(json["damaged"], false);
}

#[test]
fn doctor_warns_about_loose_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let j = Journal::new();
    j.add(&["one"]);
    std::fs::set_permissions(j.db(), std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = j.cmd().arg("doctor").output().expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("chmod 600"));
}

/// Writes `n` entries through the library (quicker than `n` processes) and
/// takes the day's backup, as `closer add` would.
fn fill(j: &Journal, n: usize) {
    let mut store = closer::store::Store::open(&j.db()).expect("journal");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
    let now = chrono::DateTime::parse_from_rfc3339(common::NOW).expect("now");
    let entries: Vec<closer::model::NewEntry> = (0..n)
        .map(|i| {
            closer::model::NewEntry::note(
                day,
                format!("entry number {i} with enough words to fill a page or two"),
            )
        })
        .collect();
    store.add_entries(&entries, now).expect("entries");
    store.daily_backup(day).expect("backup");
}

/// Overwrites a stretch of the file's pages, past the header, with noise.
fn damage(path: &std::path::Path) {
    let mut bytes = std::fs::read(path).expect("read");
    let len = bytes.len();
    assert!(len > 8192, "the journal should span several pages");
    for (i, b) in bytes[4096..len.min(4096 * 6)].iter_mut().enumerate() {
        *b = (i * 31 % 251) as u8;
    }
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn a_damaged_journal_is_refused_untouched_and_doctor_names_the_backup() {
    let j = Journal::new();
    fill(&j, 30);
    // Make sure everything is in the main file, then damage it.
    {
        let conn = rusqlite::Connection::open(j.db()).expect("open");
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .expect("checkpoint");
    }
    damage(&j.db());
    let before = file_bytes(&j.db());
    let out = j.cmd().args(["list"]).output().expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("closer doctor"), "{err}");
    assert_eq!(
        file_bytes(&j.db()),
        before,
        "the damaged file is left as it was"
    );
    let doctor = j.cmd().arg("doctor").output().expect("runs");
    assert!(!doctor.status.success());
    let report = String::from_utf8_lossy(&doctor.stdout);
    assert!(report.contains("closer restore"), "{report}");
    assert!(report.contains("journal-2026-11-20.db"), "{report}");
    assert_eq!(file_bytes(&j.db()), before, "doctor only reads");
}

#[test]
fn doctor_on_a_file_that_is_not_a_journal() {
    let j = Journal::new();
    std::fs::create_dir_all(j.db().parent().expect("dir")).expect("dir");
    std::fs::write(j.db(), b"Dear diary, this is a text file.\n".repeat(200)).expect("write");
    let before = file_bytes(&j.db());
    let out = j.cmd().arg("doctor").output().expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("no intact backup"));
    assert_eq!(file_bytes(&j.db()), before);
}

#[test]
fn an_older_journal_is_backed_up_before_its_schema_changes() {
    let j = Journal::new();
    j.add(&["from an older closer"]);
    {
        // Pretend the journal was written before the last migration.
        let conn = rusqlite::Connection::open(j.db()).expect("open");
        let known: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        conn.execute_batch("DROP TABLE drafts; DROP TABLE small_steps; DROP TABLE repairs_done;")
            .expect("undo 0003");
        conn.pragma_update(None, "user_version", known - 1)
            .expect("version");
    }
    j.ok(&["list"]);
    let found = backups(&j);
    let before = found
        .iter()
        .find(|p| p.to_string_lossy().contains("before-schema"))
        .expect("a backup before migrating");
    let conn = rusqlite::Connection::open(before).expect("open backup");
    let text: String = conn
        .query_row("SELECT text FROM entries", [], |r| r.get(0))
        .expect("entry");
    assert_eq!(text, "from an older closer");
    // And the journal works at the new schema.
    j.ok(&["status"]);
}

#[test]
fn a_migration_that_fails_half_way_leaves_the_journal_as_it_was() {
    let j = Journal::new();
    j.add(&["must survive"]);
    {
        // An older journal whose data makes the last migration fail: a
        // table the migration creates already exists.
        let conn = rusqlite::Connection::open(j.db()).expect("open");
        let known: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        conn.execute_batch("DROP TABLE small_steps; DROP TABLE repairs_done;")
            .expect("half undo");
        conn.pragma_update(None, "user_version", known - 1)
            .expect("version");
        conn.pragma_update(None, "journal_mode", "DELETE")
            .expect("no wal");
    }
    let before = file_bytes(&j.db());
    let out = j.cmd().arg("list").output().expect("runs");
    assert!(!out.status.success(), "the migration must fail");
    assert_eq!(out.status.code(), Some(1));
    // Only the journal mode pragma may differ; the content is unchanged.
    let conn = rusqlite::Connection::open(j.db()).expect("open");
    let text: String = conn
        .query_row("SELECT text FROM entries", [], |r| r.get(0))
        .expect("entry");
    assert_eq!(text, "must survive");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert!(version < closer::store::schema_version_known() as i64);
    assert!(
        backups(&j)
            .iter()
            .any(|p| p.to_string_lossy().contains("before-schema")),
        "a backup was taken first"
    );
    drop(before);
}

#[test]
fn a_damaged_journal_outside_wal_mode_is_not_switched_to_it() {
    let j = Journal::new();
    fill(&j, 30);
    {
        let conn = rusqlite::Connection::open(j.db()).expect("open");
        conn.pragma_update(None, "journal_mode", "DELETE")
            .expect("rollback journal");
    }
    damage(&j.db());
    let before = file_bytes(&j.db());
    let err = j.fails(&["list"]);
    assert!(err.contains("closer doctor"), "{err}");
    assert_eq!(file_bytes(&j.db()), before);
}

#[test]
fn an_entry_over_the_size_limit_is_refused_and_nothing_is_written() {
    let j = Journal::new();
    j.add(&["a small one"]);
    let big = "word ".repeat(250_000);
    let out = j.cmd().arg("add").write_stdin(big).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("over closer's limit"));
    assert_eq!(j.list_json(&[]).len(), 1);
}

#[test]
fn json_nested_past_the_parser_limit_is_a_clear_error() {
    let j = Journal::new();
    let deep = format!("{}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let out = j
        .cmd()
        .arg("detect")
        .write_stdin(deep)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 1"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn hostile_text_in_a_reflection_is_inert_in_the_review() {
    let j = Journal::new();
    j.add(&["Left Sam on read again."]);
    j.ok(&[
        "review",
        "--note",
        "noticed things \u{1b}]52;c;cGF5bG9hZA==\u{7}\u{1b}[2J \u{9b}31m \u{202e}gnp.exe",
    ]);
    let out = j.ok(&["review"]);
    assert!(out.contains("noticed things"), "{out}");
    assert!(!out.contains('\u{1b}'));
    assert!(!out.contains('\u{9b}'));
    assert!(!out.contains('\u{202e}'));
    let md = j.ok(&["review", "--format", "md"]);
    assert!(!md.contains('\u{1b}'));
}

/// Without the `encryption` feature, closer says so rather than pretend:
/// plain SQLite ignores `PRAGMA key`, so "encrypting" would write plaintext.
#[cfg(not(feature = "encryption"))]
#[test]
fn a_build_without_encryption_refuses_to_encrypt_and_names_the_feature() {
    let j = Journal::new();
    j.add(&["kept plain"]);
    let before = file_bytes(&j.db());
    for command in ["encrypt", "decrypt", "passwd"] {
        let err = j.fails(&[command]);
        assert!(err.contains("--features encryption"), "{err}");
    }
    assert_eq!(file_bytes(&j.db()), before);
    // A file that may be an encrypted journal: refused, with both reasons.
    std::fs::write(j.db(), [0x5a_u8; 8192]).expect("write");
    let err = j.fails(&["list"]);
    assert!(err.contains("closer doctor"), "{err}");
    assert!(err.contains("built without encryption"), "{err}");
}
