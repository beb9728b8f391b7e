//! Encryption at rest with SQLCipher 4 (the `encryption` cargo feature):
//! telling an encrypted journal from a plain one, keying a connection and
//! checking the key, the cipher settings `closer doctor` shows, and turning
//! a journal into its encrypted, decrypted or re-keyed self.
//!
//! A conversion never rewrites the journal in place. It backs the journal up,
//! exports it into a new file beside it (`sqlcipher_export`), checks the new
//! file with the new key (integrity, schema version, every table's row
//! count), syncs it, and only then renames it over the journal. Until that
//! rename the old journal is exactly as it was, whatever fails.
//!
//! Without the feature closer is linked against plain SQLite, which ignores
//! `PRAGMA key` silently: every entry point here refuses to run then, rather
//! than "encrypt" to a plaintext file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, params};
use serde::Serialize;

use super::Store;
use super::backup::{backups_dir, list_backups};
use crate::passphrase::Secret;
use crate::{Error, Result};

/// Whether this build can read and write encrypted journals.
pub const AVAILABLE: bool = cfg!(feature = "encryption");

/// The first 16 bytes of every plaintext SQLite file. An SQLCipher file
/// starts with its random salt instead.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// How a journal file is stored, judged from its first bytes only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Empty (a journal about to be created) or a plaintext SQLite file.
    Plain,
    /// Anything else: an encrypted journal, or a file that is not a database.
    /// Only the right key tells the two apart.
    Opaque,
}

/// How the file at `path` is stored.
pub fn kind(path: &Path) -> Result<Kind> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)
        .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    let mut head = Vec::with_capacity(16);
    file.by_ref()
        .take(16)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    Ok(if head.is_empty() || head == PLAIN_HEADER {
        Kind::Plain
    } else {
        Kind::Opaque
    })
}

/// Keys a freshly opened connection. It must be the first statement run on
/// it: SQLCipher reads nothing from the file before it has the key.
pub(crate) fn apply_key(conn: &Connection, key: &Secret) -> Result<()> {
    #[cfg(not(feature = "encryption"))]
    {
        let _ = (conn, key);
        Err(not_built())
    }
    #[cfg(feature = "encryption")]
    {
        // SQLCipher writes its own log to stderr by default, a wrong key
        // among it; closer reports that itself, in one line. The level is
        // global to the process.
        conn.execute_batch("PRAGMA cipher_log_level = NONE")?;
        // sqlite3_key_v2 rather than `PRAGMA key = '…'`: the passphrase is
        // handed over as bytes, never pasted into SQL text that SQLite keeps
        // (and frees without wiping) with the statement, and never quoted.
        let bytes = key.expose().as_bytes();
        let len = std::ffi::c_int::try_from(bytes.len())
            .map_err(|_| Error::invalid("the passphrase is too long"))?;
        // SAFETY: the handle is valid while `conn` lives; sqlite3_key_v2
        // copies `len` bytes from the pointer and does not keep it.
        let rc = unsafe {
            rusqlite::ffi::sqlite3_key_v2(
                conn.handle(),
                c"main".as_ptr(),
                bytes.as_ptr().cast(),
                len,
            )
        };
        if rc != rusqlite::ffi::SQLITE_OK {
            return Err(Error::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rc),
                Some("SQLCipher refused the key".into()),
            )));
        }
        Ok(())
    }
}

/// Whether the key given to `conn` opens its file: the first read of the
/// schema fails with "file is not a database" otherwise. Reads only. Any
/// other failure (busy, unreadable) is returned as itself, not mistaken for
/// a wrong passphrase.
pub(crate) fn key_opens(conn: &Connection) -> Result<bool> {
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(true),
        Err(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::NotADatabase =>
        {
            Ok(false)
        }
        Err(e) => Err(Error::Sqlite(e)),
    }
}

/// The error for a build without SQLCipher.
pub fn not_built() -> Error {
    Error::invalid(
        "this closer was built without encryption; build it with `cargo install closer --features encryption` (or `cargo build --release --features encryption`)",
    )
}

/// SQLCipher's settings for an open, keyed journal (`closer doctor`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    pub cipher_version: String,
    pub provider: String,
    pub kdf_iter: u32,
    pub kdf_algorithm: String,
    pub hmac_algorithm: String,
    pub page_size: u32,
}

impl std::fmt::Display for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "SQLCipher {} ({}), AES-256, key from {} with {} iterations, {} page checks, {}-byte pages",
            self.cipher_version,
            self.provider,
            self.kdf_algorithm,
            self.kdf_iter,
            self.hmac_algorithm,
            self.page_size
        )
    }
}

/// The cipher settings of a keyed connection.
pub(crate) fn settings(conn: &Connection) -> Result<Settings> {
    let text = |pragma: &str| -> Result<String> {
        Ok(conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get::<_, String>(0))?)
    };
    let number = |pragma: &str| -> Result<u32> {
        let value = text(pragma)?;
        value
            .trim()
            .parse()
            .map_err(|_| Error::invalid(format!("SQLCipher reported {pragma} as `{value}`")))
    };
    Ok(Settings {
        cipher_version: text("cipher_version")?,
        provider: text("cipher_provider")?,
        kdf_iter: number("kdf_iter")?,
        kdf_algorithm: text("cipher_kdf_algorithm")?,
        hmac_algorithm: text("cipher_hmac_algorithm")?,
        page_size: number("cipher_page_size")?,
    })
}

impl Store {
    /// Whether this journal is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// The cipher settings of an encrypted journal; `None` for a plain one.
    pub fn cipher_settings(&self) -> Result<Option<Settings>> {
        match self.key {
            Some(_) => settings(&self.conn).map(Some),
            None => Ok(None),
        }
    }
}

/// What a conversion was: from plain or from a key, to plain or to a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Encrypt,
    Decrypt,
    Rekey,
}

impl Change {
    fn word(self) -> &'static str {
        match self {
            Change::Encrypt => "encrypt",
            Change::Decrypt => "decrypt",
            Change::Rekey => "passwd",
        }
    }
}

/// The result of a conversion.
pub struct Converted {
    /// The journal, open in its new form.
    pub store: Store,
    /// The backup taken before the conversion (in the old form).
    pub backup: PathBuf,
}

/// Converts the journal at `path` from `from` (its current key; `None` when
/// plain) to `to` (`None`: plain), through a verified new file. The journal
/// is opened here; nothing else may have it open.
pub fn convert(
    path: &Path,
    from: Option<Secret>,
    to: Option<Secret>,
    today: NaiveDate,
) -> Result<Converted> {
    if !AVAILABLE {
        return Err(not_built());
    }
    let change = match (&from, &to) {
        (None, Some(_)) => Change::Encrypt,
        (Some(_), None) => Change::Decrypt,
        (Some(_), Some(_)) => Change::Rekey,
        (None, None) => return Err(Error::invalid("nothing to change")),
    };
    if !path.is_file() {
        return Err(Error::invalid(format!(
            "there is no journal at {}; nothing to {}",
            path.display(),
            change.word()
        )));
    }
    match (kind(path)?, &from) {
        (Kind::Plain, Some(_)) => {
            return Err(Error::invalid(format!(
                "the journal at {} is not encrypted; `closer encrypt` encrypts it",
                path.display()
            )));
        }
        (Kind::Opaque, None) => {
            return Err(Error::invalid(format!(
                "the journal at {} is already encrypted (or is not a journal); `closer passwd` changes its passphrase",
                path.display()
            )));
        }
        _ => {}
    }
    let tmp = sibling(path, ".converting");
    let tmp_journal = sibling(&tmp, "-journal");
    if tmp_journal.exists() {
        // A crash mid-export left SQLite's rollback journal of the new file.
        // closer never deletes a -journal file, so it asks the user to.
        return Err(Error::invalid(format!(
            "an earlier `closer {}` was interrupted and left {} and {}; your journal is intact: remove both files and try again",
            change.word(),
            tmp.display(),
            tmp_journal.display()
        )));
    }

    let supplied = from.clone();
    let store = Store::open_with(path, &move || Ok(supplied.clone()))?;

    // From here to the close, this connection holds the journal alone: in
    // exclusive locking mode it keeps the write lock it takes now, so no
    // other closer can write an entry the copy would miss (it waits, then
    // fails with "busy", its entry unsaved and on its screen). Another
    // program merely holding the journal open already blocks this. The
    // checkpoint then puts everything committed into the main file, and a
    // busy one means a reader is still there.
    store.conn.busy_timeout(LOCK_WAIT)?;
    store
        .conn
        .pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    let locked = store
        .conn
        .execute_batch("BEGIN IMMEDIATE; COMMIT;")
        .and_then(|()| {
            store
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    r.get::<_, i64>(0)
                })
        });
    match locked {
        Ok(0) => {}
        Ok(_) => return Err(in_use(change)),
        Err(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::DatabaseBusy =>
        {
            return Err(in_use(change));
        }
        Err(e) => return Err(e.into()),
    }

    // The backup comes from this same connection, under the lock.
    let backup = backups_dir(path).join(format!(
        "{}-{today}-before-{}-{}.db",
        path.file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("journal"),
        change.word(),
        std::process::id()
    ));
    store.backup_to(&backup)?;

    let result = export_and_verify(&store, &tmp, to.as_ref());
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }

    // Closing the last connection checkpoints the WAL and deletes `-wal` and
    // `-shm`. If they are still there, someone else has the journal open, and
    // renaming now would pair their plaintext WAL with the new file.
    store.conn.close().map_err(|(_, e)| Error::from(e))?;
    let wal = sibling(path, "-wal");
    let shm = sibling(path, "-shm");
    if wal.exists() || shm.exists() {
        let _ = std::fs::remove_file(&tmp);
        return Err(in_use(change));
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(
            format!(
                "cannot move the converted journal over {} (the journal is unchanged)",
                path.display()
            ),
            e,
        )
    })?;
    sync_dir(path);
    // Between the close and the rename another closer could have opened the
    // old file and started a WAL, which SQLite would now read as the new
    // file's. Nothing here may delete it (it may hold that closer's last
    // write), so the user is told, with where the journal as it was is.
    if wal.exists() || shm.exists() {
        return Err(Error::invalid(format!(
            "another closer opened the journal while it was being converted; close every closer, then run `closer doctor`. The journal as it was is kept in {}",
            backup.display()
        )));
    }
    let key = to.clone();
    let store = Store::open_with(path, &move || Ok(key.clone()))?;
    Ok(Converted { store, backup })
}

/// How long a conversion waits for another closer to finish a write before
/// saying the journal is in use.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

fn in_use(change: Change) -> Error {
    Error::invalid(format!(
        "the journal is open in another closer (the terminal interface?); close it and run `closer {}` again (nothing was changed)",
        change.word()
    ))
}

/// `path` with `suffix` added to its file name (`journal.db-wal`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes the journal open in `store` into a new file at `tmp`, keyed with
/// `to` (plain when `None`), then checks the new file and syncs it.
fn export_and_verify(store: &Store, tmp: &Path, to: Option<&Secret>) -> Result<()> {
    super::backup::private_file(tmp)?;
    let tmp_str = tmp.to_str().ok_or_else(|| {
        Error::invalid(format!(
            "the journal's folder {} is not valid UTF-8, which SQLite's ATTACH needs; move the journal",
            tmp.display()
        ))
    })?;
    let version = store.schema_version()?;
    let key = to.map(Secret::expose).unwrap_or("");
    // `KEY ''` attaches a plaintext database; any other key an encrypted one
    // with its own fresh random salt.
    store.conn.execute(
        "ATTACH DATABASE ?1 AS closer_convert KEY ?2",
        params![tmp_str, key],
    )?;
    let exported = (|| -> Result<()> {
        store
            .conn
            .query_row("SELECT sqlcipher_export('closer_convert')", [], |_| Ok(()))?;
        // sqlcipher_export copies schema and rows, not the header's
        // user_version, which is the schema version migrations track.
        store
            .conn
            .pragma_update(Some("closer_convert"), "user_version", version as i64)?;
        Ok(())
    })();
    let detached = store.conn.execute("DETACH DATABASE closer_convert", []);
    exported?;
    detached?;

    let tables: Vec<String> = store
        .conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let count = |conn: &Connection, table: &str| -> Result<i64> {
        let quoted = table.replace('"', "\"\"");
        Ok(
            conn.query_row(&format!("SELECT count(*) FROM \"{quoted}\""), [], |r| {
                r.get(0)
            })?,
        )
    };

    let bad = |why: String| {
        Error::invalid(format!(
            "the converted copy did not check out ({why}); the journal is unchanged"
        ))
    };
    // The new file's first bytes must say what was asked for: a plain
    // header for a plain copy, a salt for an encrypted one.
    let expected = if to.is_some() {
        Kind::Opaque
    } else {
        Kind::Plain
    };
    if kind(tmp)? != expected {
        return Err(bad("its header is not what was asked for".into()));
    }
    let check = Connection::open_with_flags(tmp, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    if let Some(key) = to {
        apply_key(&check, key)?;
    }
    if !key_opens(&check)? {
        return Err(bad("it does not open with the new passphrase".into()));
    }
    let integrity: String = check.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if integrity != "ok" {
        return Err(bad(format!("integrity: {integrity}")));
    }
    let found = super::schema_version(&check)?;
    if found != version {
        return Err(bad(format!("schema version {found}, expected {version}")));
    }
    for table in &tables {
        let (old, new) = (count(&store.conn, table)?, count(&check, table)?);
        if old != new {
            return Err(bad(format!("table {table}: {new} rows, expected {old}")));
        }
    }
    check.close().map_err(|(_, e)| Error::from(e))?;
    std::fs::File::open(tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(format!("cannot sync {}", tmp.display()), e))?;
    // Tests make the last step before the swap fail, the new file written
    // and checked, to see the old journal come through untouched. Debug
    // builds only: a release build has no such switch.
    #[cfg(debug_assertions)]
    if std::env::var_os("CLOSER_TEST_FAIL_CONVERT").is_some() {
        return Err(bad("CLOSER_TEST_FAIL_CONVERT is set".into()));
    }
    Ok(())
}

/// Makes a rename durable. Failing only loses durability, not data.
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
}

/// The backups beside the journal at `path` that are plaintext SQLite files.
pub fn plaintext_backups(path: &Path) -> Vec<PathBuf> {
    list_backups(path)
        .into_iter()
        .map(|(_, p)| p)
        .filter(|p| matches!(kind(p), Ok(Kind::Plain)))
        .collect()
}
