//! Encryption at rest (issue #7, acceptance test 5): a wrong passphrase
//! changes nothing, encrypt and decrypt give back the same journal, no word
//! of it is left readable in the data folder while it is encrypted, every
//! journal has its own salt, and a conversion that fails half-way leaves the
//! old journal readable. The passphrase always comes from
//! CLOSER_PASSPHRASE_FILE here: tests have no terminal.

#![cfg(feature = "encryption")]

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{Journal, file_bytes};

/// A word that appears nowhere else, lower case so that FTS5's porter
/// tokenizer stores it as it is.
const SENTINEL: &str = "quokkafjord";

/// A passphrase file (0600) named `name` in the test's folder.
fn pass_file(j: &Journal, name: &str, passphrase: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = j.dir.path().join(name);
    std::fs::write(&path, format!("{passphrase}\n")).expect("write passphrase");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    path
}

/// Runs closer with CLOSER_PASSPHRASE_FILE set to `pass`.
fn run_with(j: &Journal, pass: &Path, args: &[&str]) -> Output {
    j.cmd()
        .env("CLOSER_PASSPHRASE_FILE", pass)
        .args(args)
        .output()
        .expect("runs")
}

fn ok_with(j: &Journal, pass: &Path, args: &[&str]) -> String {
    let out = run_with(j, pass, args);
    assert!(
        out.status.success(),
        "closer {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn fails_with(j: &Journal, pass: &Path, args: &[&str]) -> String {
    let out = run_with(j, pass, args);
    assert!(!out.status.success(), "closer {args:?} should have failed");
    assert_eq!(out.status.code(), Some(1), "an error, not a crash");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The files under `dir` holding `word` in plain bytes.
fn files_containing(dir: &Path, word: &str) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| {
            let bytes = std::fs::read(p).expect("readable");
            bytes.windows(word.len()).any(|w| w == word.as_bytes())
        })
        .collect()
}

fn data_dir(j: &Journal) -> PathBuf {
    j.db().parent().expect("data dir").to_path_buf()
}

fn header(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read")[..16].to_vec()
}

const PLAIN: &[u8] = b"SQLite format 3\0";

/// A journal with a few entries (enough for a daily backup), the sentinel in
/// one of them, and detections stored.
fn journal_with_entries(j: &Journal) -> String {
    j.add(&["Cancelled on @Samantha again, said I was too tired. #work"]);
    let id = j.add(&[&format!(
        "Went quiet with @Ana after she asked about the {SENTINEL} trip; I felt I would only be a burden."
    )]);
    j.add(&["Texted @Samantha back and said sorry for disappearing."]);
    id
}

#[test]
fn encrypting_hides_every_word_and_decrypting_gives_the_journal_back() {
    let j = Journal::new();
    let id = journal_with_entries(&j);
    let pass = pass_file(&j, "pass", "correct horse battery staple");
    let list_before = j.list_json(&[]);
    let explain_before = j.ok(&["explain", &id, "--json"]);
    let search_before = j.ok(&["search", SENTINEL, "--json"]);
    assert!(search_before.contains(&id));
    assert!(
        !files_containing(&data_dir(&j), SENTINEL).is_empty(),
        "the word is readable in the plain journal, so this test can fail"
    );

    let out = run_with(&j, &pass, &["encrypt", "--remove-plaintext-backups"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(header(&j.db()), PLAIN, "the file starts with its salt");
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(j.db())
            .expect("journal")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the new file is private too");
    }
    assert!(
        !data_dir(&j).join("journal.db.converting").exists(),
        "no temporary file is left behind"
    );

    // Work on the encrypted journal: a write lands in the WAL, a backup is
    // taken; a connection held open keeps -wal and -shm on disk meanwhile.
    let key = std::fs::read_to_string(&pass).expect("pass");
    let holder = rusqlite::Connection::open(j.db()).expect("open");
    holder
        .pragma_update(None, "key", key.trim_end())
        .expect("key");
    holder
        .query_row("SELECT count(*) FROM entries", [], |r| r.get::<_, i64>(0))
        .expect("the key opens it");
    ok_with(
        &j,
        &pass,
        &[
            "add",
            &format!("Another {SENTINEL} evening, kept to myself."),
        ],
    );
    ok_with(&j, &pass, &["backup"]);
    assert!(
        data_dir(&j).join("journal.db-wal").exists(),
        "a WAL to check"
    );
    let files = files_under(&data_dir(&j));
    assert!(
        files
            .iter()
            .any(|p| p.starts_with(data_dir(&j).join("backups"))),
        "{files:?}"
    );
    // Words of six bytes or more: ciphertext is random bytes, and a
    // three-letter word turns up in a few hundred kilobytes of it about one
    // run in two hundred (it did: "Sam" failed a CI run once).
    for word in [SENTINEL, "Samantha", "burden", "disappearing"] {
        assert_eq!(
            files_containing(&data_dir(&j), word),
            Vec::<PathBuf>::new(),
            "`{word}` is readable while the journal is encrypted"
        );
    }
    // SQLCipher 4's defaults: AES-256, PBKDF2-HMAC-SHA512, 256,000 rounds.
    let kdf: String = holder
        .query_row("PRAGMA kdf_iter", [], |r| r.get(0))
        .expect("kdf_iter");
    assert_eq!(kdf, "256000");
    let algorithm: String = holder
        .query_row("PRAGMA cipher_kdf_algorithm", [], |r| r.get(0))
        .expect("kdf algorithm");
    assert_eq!(algorithm, "PBKDF2_HMAC_SHA512");
    let version: String = holder
        .query_row("PRAGMA cipher_version", [], |r| r.get(0))
        .expect("cipher version");
    assert!(version.starts_with('4'), "{version}");
    drop(holder);

    let doctor = ok_with(&j, &pass, &["doctor"]);
    assert!(doctor.contains("encrypted"), "{doctor}");
    assert!(doctor.contains("256000"), "{doctor}");
    assert!(doctor.contains("PBKDF2_HMAC_SHA512"), "{doctor}");
    assert!(!doctor.contains("!!"), "{doctor}");
    let hits = ok_with(&j, &pass, &["search", SENTINEL, "--json"]);
    assert!(hits.contains(&id), "FTS5 works on the encrypted journal");

    ok_with(&j, &pass, &["decrypt"]);
    assert_eq!(header(&j.db()), PLAIN);
    let list_after: Vec<serde_json::Value> =
        serde_json::from_str(&j.ok(&["list", "--json"])).expect("json");
    assert_eq!(list_after.len(), list_before.len() + 1);
    let old_ones: Vec<&serde_json::Value> = list_after
        .iter()
        .filter(|e| !e["text"].as_str().unwrap_or("").starts_with("Another"))
        .collect();
    assert_eq!(
        old_ones,
        list_before.iter().collect::<Vec<_>>(),
        "every entry as it was"
    );
    assert_eq!(j.ok(&["explain", &id, "--json"]), explain_before);
    let hits: Vec<serde_json::Value> =
        serde_json::from_str(&j.ok(&["search", SENTINEL, "--json"])).expect("json");
    assert_eq!(hits.len(), 2, "the index was carried over and kept up");
    assert!(j.ok(&["doctor"]).contains("not encrypted"));
}

#[test]
fn a_wrong_passphrase_is_a_clear_error_and_changes_nothing() {
    let j = Journal::new();
    journal_with_entries(&j);
    let pass = pass_file(&j, "pass", "the right one");
    ok_with(&j, &pass, &["encrypt"]);
    let before = file_bytes(&j.db());

    let wrong = pass_file(&j, "wrong", "the wrong one");
    let err = fails_with(&j, &wrong, &["list"]);
    assert!(err.contains("wrong passphrase"), "{err}");
    assert!(err.contains("unchanged"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!err.contains("the wrong one") && !err.contains("the right one"));
    assert_eq!(file_bytes(&j.db()), before, "nothing was written");
    assert!(!data_dir(&j).join("journal.db-wal").exists());
    fails_with(&j, &wrong, &["add", "written with the wrong key"]);
    fails_with(&j, &wrong, &["decrypt"]);
    fails_with(&j, &wrong, &["passwd"]);
    assert_eq!(file_bytes(&j.db()), before, "nothing was written");

    // No passphrase at all (no terminal in a test): how to give one.
    let err = j.fails(&["list"]);
    assert!(err.contains("CLOSER_PASSPHRASE_FILE"), "{err}");
    assert!(err.contains("encrypted"), "{err}");
    // A passphrase file that is not there.
    let missing = j.dir.path().join("no-such-file");
    let err = fails_with(&j, &missing, &["list"]);
    assert!(err.contains("cannot read the passphrase file"), "{err}");
    assert!(err.contains("no-such-file"), "{err}");
    assert_eq!(file_bytes(&j.db()), before);
    // `closer status` in a shell prompt never asks and never fails.
    let status = j.cmd().arg("status").output().expect("runs");
    assert!(status.status.success());
    assert!(status.stdout.is_empty());
}

#[test]
fn two_journals_with_the_same_passphrase_have_different_salts() {
    let (a, b) = (Journal::new(), Journal::new());
    for j in [&a, &b] {
        j.add(&["the same words in both"]);
        let pass = pass_file(j, "pass", "one passphrase for both");
        ok_with(j, &pass, &["encrypt"]);
    }
    let (salt_a, salt_b) = (header(&a.db()), header(&b.db()));
    assert_ne!(salt_a, PLAIN);
    assert_ne!(salt_a, salt_b, "each journal has its own random salt");
}

#[test]
fn passwd_changes_the_passphrase() {
    let j = Journal::new();
    journal_with_entries(&j);
    let old = pass_file(&j, "old", "old passphrase");
    let new = pass_file(&j, "new", "new passphrase");
    ok_with(&j, &old, &["encrypt"]);
    let salt = header(&j.db());
    let out = j
        .cmd()
        .env("CLOSER_PASSPHRASE_FILE", &old)
        .env("CLOSER_NEW_PASSPHRASE_FILE", &new)
        .arg("passwd")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(fails_with(&j, &old, &["list"]).contains("wrong passphrase"));
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&ok_with(&j, &new, &["list", "--json"])).expect("json");
    assert_eq!(list.len(), 3);
    assert_ne!(header(&j.db()), salt, "a new file, a new salt");
}

#[test]
fn an_encrypt_that_fails_before_the_new_file_leaves_the_journal_as_it_was() {
    let j = Journal::new();
    journal_with_entries(&j);
    let pass = pass_file(&j, "pass", "a passphrase");
    // Something is in the way of the new file: a folder by its name.
    std::fs::create_dir(data_dir(&j).join("journal.db.converting")).expect("dir");
    let before = file_bytes(&j.db());
    let err = fails_with(&j, &pass, &["encrypt"]);
    assert!(err.contains("journal.db.converting"), "{err}");
    assert_eq!(file_bytes(&j.db()), before);
    assert_eq!(j.list_json(&[]).len(), 3, "still readable without a key");
}

#[test]
fn an_encrypt_is_refused_while_another_program_has_the_journal_open() {
    let j = Journal::new();
    journal_with_entries(&j);
    let pass = pass_file(&j, "pass", "a passphrase");
    // Renaming a new file over a journal someone has open would pair their
    // -wal with the new file; closer refuses instead.
    let other = rusqlite::Connection::open(j.db()).expect("open");
    other
        .query_row("SELECT count(*) FROM entries", [], |r| r.get::<_, i64>(0))
        .expect("reads");
    let before = file_bytes(&j.db());
    let err = fails_with(&j, &pass, &["encrypt"]);
    assert!(err.contains("open in another closer"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    drop(other);
    assert_eq!(file_bytes(&j.db()), before);
    assert!(!data_dir(&j).join("journal.db.converting").exists());
    assert_eq!(j.list_json(&[]).len(), 3, "still readable without a key");
    // And with nothing in the way, it goes through.
    ok_with(&j, &pass, &["encrypt"]);
    assert_ne!(header(&j.db()), PLAIN);
}

// The failure switch exists in debug builds only (`cargo test --release`
// has none).
#[cfg(debug_assertions)]
#[test]
fn a_conversion_that_fails_after_the_new_file_is_written_leaves_the_journal_as_it_was() {
    let j = Journal::new();
    journal_with_entries(&j);
    let pass = pass_file(&j, "pass", "a passphrase");
    let before = file_bytes(&j.db());
    // The new file is exported, checked and synced; then the step before the
    // swap fails (a switch only debug builds have).
    let out = j
        .cmd()
        .env("CLOSER_PASSPHRASE_FILE", &pass)
        .env("CLOSER_TEST_FAIL_CONVERT", "1")
        .arg("encrypt")
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the journal is unchanged"), "{err}");
    assert_eq!(file_bytes(&j.db()), before, "not a byte changed");
    assert!(!data_dir(&j).join("journal.db.converting").exists());
    assert!(!data_dir(&j).join("journal.db-wal").exists());
    assert_eq!(j.list_json(&[]).len(), 3, "still readable without a key");

    // The same for decrypt: the encrypted journal stays as it was.
    ok_with(&j, &pass, &["encrypt"]);
    let encrypted = file_bytes(&j.db());
    let out = j
        .cmd()
        .env("CLOSER_PASSPHRASE_FILE", &pass)
        .env("CLOSER_TEST_FAIL_CONVERT", "1")
        .arg("decrypt")
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert_eq!(file_bytes(&j.db()), encrypted);
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&ok_with(&j, &pass, &["list", "--json"])).expect("json");
    assert_eq!(list.len(), 3);
}

#[test]
fn an_interrupted_conversion_is_reported_and_its_files_are_left_alone() {
    let j = Journal::new();
    journal_with_entries(&j);
    let pass = pass_file(&j, "pass", "a passphrase");
    // What a crash in the middle of the export leaves: the new file and
    // SQLite's rollback journal for it. closer never deletes a -journal.
    let tmp = data_dir(&j).join("journal.db.converting");
    let tmp_journal = data_dir(&j).join("journal.db.converting-journal");
    std::fs::write(&tmp, b"half").expect("write");
    std::fs::write(&tmp_journal, b"rollback").expect("write");
    let before = file_bytes(&j.db());
    let err = fails_with(&j, &pass, &["encrypt"]);
    assert!(err.contains("interrupted"), "{err}");
    assert!(err.contains("journal.db.converting-journal"), "{err}");
    assert!(tmp_journal.exists() && tmp.exists(), "left for the user");
    assert_eq!(file_bytes(&j.db()), before);
    assert_eq!(j.list_json(&[]).len(), 3);
}

#[test]
fn a_backup_of_an_encrypted_journal_restores_with_its_passphrase() {
    let j = Journal::new();
    journal_with_entries(&j);
    let pass = pass_file(&j, "pass", "a passphrase");
    let out = run_with(&j, &pass, &["encrypt"]);
    assert!(out.status.success());
    let warning = String::from_utf8_lossy(&out.stderr);
    assert!(warning.contains("NOT encrypted"), "{warning}");
    let doctor = run_with(&j, &pass, &["doctor"]);
    let report = String::from_utf8_lossy(&doctor.stdout);
    assert!(
        !doctor.status.success() && report.contains("backups are NOT encrypted"),
        "{report}"
    );
    // A plaintext backup cannot be restored into the encrypted journal.
    let backups = files_under(&data_dir(&j).join("backups"));
    assert!(
        backups
            .iter()
            .all(|p| p.extension().is_some_and(|x| x == "db")),
        "looking at backups leaves no -wal or -shm beside them: {backups:?}"
    );
    let plain_backup = backups
        .into_iter()
        .find(|p| header(p) == PLAIN)
        .expect("the backup taken before encrypting");
    let before = file_bytes(&j.db());
    let err = fails_with(
        &j,
        &pass,
        &["restore", plain_backup.to_str().expect("path")],
    );
    assert!(err.contains("closer decrypt"), "{err}");
    assert_eq!(file_bytes(&j.db()), before);
    for p in files_under(&data_dir(&j).join("backups")) {
        if header(&p) == PLAIN {
            std::fs::remove_file(p).expect("remove");
        }
    }
    let copy = j.dir.path().join("copy.db");
    ok_with(&j, &pass, &["backup", copy.to_str().expect("path")]);
    assert_ne!(header(&copy), PLAIN, "the backup is encrypted too");
    assert_ne!(header(&copy), header(&j.db()), "with its own salt");
    ok_with(&j, &pass, &["add", "written after the backup"]);
    ok_with(&j, &pass, &["restore", copy.to_str().expect("path")]);
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&ok_with(&j, &pass, &["list", "--json"])).expect("json");
    assert_eq!(list.len(), 3);
}

#[test]
fn the_library_keys_with_sqlcipher_4_defaults_and_refuses_a_wrong_key() {
    use closer::passphrase::Secret;
    use closer::store::{Store, cipher};
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("journal.db");
    let plain = Store::open(&db).expect("a new journal is plain and asks nothing");
    assert!(!plain.is_encrypted());
    assert_eq!(plain.cipher_settings().expect("settings"), None);
    drop(plain);
    let key = Secret::new("library passphrase".into()).expect("secret");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("day");
    let converted = cipher::convert(&db, None, Some(key.clone()), today).expect("encrypted");
    assert!(converted.store.is_encrypted());
    assert!(converted.backup.is_file(), "a backup was taken first");
    let settings = converted
        .store
        .cipher_settings()
        .expect("settings")
        .expect("encrypted");
    assert!(settings.cipher_version.starts_with("4."), "{settings:?}");
    assert_eq!(settings.kdf_iter, 256_000);
    assert_eq!(settings.kdf_algorithm, "PBKDF2_HMAC_SHA512");
    assert_eq!(settings.hmac_algorithm, "HMAC_SHA512");
    drop(converted);

    let before = file_bytes(&db);
    let wrong = Secret::new("not it".into()).expect("secret");
    let refused = Store::open_with(&db, &move || Ok(Some(wrong.clone())));
    assert!(matches!(
        refused.err(),
        Some(closer::Error::WrongPassphrase { .. })
    ));
    let unasked = Store::open_with(&db, &|| Ok(None));
    assert!(matches!(
        unasked.err(),
        Some(closer::Error::NeedPassphrase { .. })
    ));
    assert_eq!(file_bytes(&db), before);
    let reopened = Store::open_with(&db, &move || Ok(Some(key.clone()))).expect("opens");
    assert!(reopened.is_encrypted());
}
