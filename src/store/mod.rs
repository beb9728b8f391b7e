//! The journal's storage: one SQLite file, opened and migrated here. This
//! module and its children are the only place in closer that writes SQL.
//!
//! Invariants kept here:
//! - every write is one `BEGIN IMMEDIATE` transaction, so a writer waits for
//!   another instead of failing half-way with a stale snapshot;
//! - a database written by a newer closer is refused before anything touches
//!   the file (not even switching on WAL, which rewrites its header);
//! - a file that cannot be opened is never recreated or "repaired";
//! - the file and its folder are created readable by the user only;
//! - an encrypted journal is keyed before anything else reads it, and a
//!   wrong key is reported before anything is written (see `cipher`).

pub mod backup;
pub mod cipher;
mod detections;
pub mod doctor;
mod drafts;
mod entries;
mod followups;
mod ids;
mod import;
mod people;
mod review;
mod search;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use include_dir::{Dir, include_dir};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::Migrations;

use crate::passphrase::Secret;
use crate::{Error, Result};

pub use drafts::Draft;
pub use entries::ListFilter;
pub use followups::RepairKey;
pub use import::ImportCounts;

use crate::clock::format_timestamp;
use crate::model::{EntryChange, NewEntry};
use crate::rules::EntryDetections;

static MIGRATIONS_DIR: Dir = include_dir!("$CARGO_MANIFEST_DIR/migrations");

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    // The directory is compiled in and checked by a unit test, so a malformed
    // migration is a build-time bug, never a user's problem.
    Migrations::from_directory(&MIGRATIONS_DIR).unwrap_or_else(|e| {
        panic!("closer's built-in migrations are malformed: {e}");
    })
});

/// How long a writer waits for another process holding the journal (the TUI
/// open while `closer add` runs in another shell) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open journal.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The passphrase of an encrypted journal, kept to key its backups.
    key: Option<Secret>,
}

/// Asked for the passphrase when the journal turns out to be encrypted;
/// `Ok(None)` means there is no way to get one.
pub type AskPassphrase<'a> = &'a dyn Fn() -> Result<Option<Secret>>;

impl Store {
    /// Opens the journal at `path`, creating it (and its folder, 0700) if it
    /// does not exist, and bringing its schema up to date. An encrypted
    /// journal's passphrase comes from `CLOSER_PASSPHRASE_FILE` or a prompt
    /// on the terminal ([`crate::passphrase::current`]).
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, &crate::passphrase::current)
    }

    /// Opens the journal at `path` as [`Store::open`] does, asking `ask`
    /// for the passphrase if (and only if) the file is encrypted.
    pub fn open_with(path: &Path, ask: AskPassphrase<'_>) -> Result<Store> {
        without_memory_statistics();
        if !path.exists() {
            create_private_file(path)?;
        }
        let open_error = |reason: String| Error::Open {
            path: path.to_path_buf(),
            reason,
        };
        // A plaintext SQLite file announces itself in its first 16 bytes;
        // an encrypted one starts with random salt, like any other file that
        // is not a database. Only the key tells those two apart.
        let opaque = cipher::kind(path)? == cipher::Kind::Opaque;
        let key = if opaque && cipher::AVAILABLE {
            match ask()? {
                Some(key) => Some(key),
                None => {
                    return Err(Error::NeedPassphrase {
                        path: path.to_path_buf(),
                    });
                }
            }
        } else {
            None
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| open_error(e.to_string()))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if let Some(key) = &key {
            cipher::apply_key(&conn, key)?;
            if !cipher::key_opens(&conn)? {
                return Err(Error::WrongPassphrase {
                    path: path.to_path_buf(),
                });
            }
        }
        let found = schema_version(&conn).map_err(|e| {
            let maybe_encrypted = if opaque && !cipher::AVAILABLE {
                " (or it is an encrypted journal and this closer was built without encryption)"
            } else {
                ""
            };
            open_error(format!(
                "{e}; it may not be a closer journal, or it is damaged{maybe_encrypted}: run `closer doctor` (the file was not changed)"
            ))
        })?;
        let known = schema_version_known();
        if found > known {
            return Err(Error::NewerSchema {
                path: path.to_path_buf(),
                found,
                known,
            });
        }
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            key,
        };
        // An existing journal about to change shape is copied first.
        if found > 0 && found < known {
            let today = chrono::Local::now().date_naive();
            let dest = backup::backups_dir(path).join(format!(
                "{}-{today}-before-schema-{known}.db",
                path.file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("journal")
            ));
            store.backup_to(&dest)?;
        }
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// A journal that lives in memory only, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        without_memory_statistics();
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: None,
            key: None,
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// The file this journal lives in, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn configure(&self) -> Result<()> {
        // WAL lets readers (the TUI) and one writer work at once. FULL sync
        // makes a committed entry survive a power cut, not just a crash.
        // Switching to WAL rewrites the file's header, so it happens only
        // when needed, and a journal with content is checked first: a
        // damaged file must be left exactly as it was.
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            if schema_version(&self.conn)? > 0 {
                let check: String = self
                    .conn
                    .query_row("PRAGMA quick_check", [], |r| r.get(0))?;
                if check != "ok" {
                    return Err(Error::Damaged(check));
                }
            }
            self.conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // Temporary tables and sort spills stay in memory: SQLCipher would
        // encrypt them, plain SQLite would not, and neither is worth a file.
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        MIGRATIONS.to_latest(&mut self.conn)?;
        Ok(())
    }

    /// The schema version of the open journal.
    pub fn schema_version(&self) -> Result<usize> {
        Ok(schema_version(&self.conn)?)
    }

    /// Runs `f` inside one `BEGIN IMMEDIATE` transaction, committed only if
    /// `f` succeeds.
    fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

/// The writes that may be combined in one transaction (see
/// [`Store::write_with`]): saving an entry and its detections together means a
/// crash can never leave one without the other.
pub struct Writer<'a> {
    tx: &'a Transaction<'a>,
    now: String,
}

impl Writer<'_> {
    /// Inserts a new entry; returns its id.
    pub fn insert_entry(&self, new: &NewEntry) -> Result<String> {
        entries::insert_entry(self.tx, new, &self.now)
    }

    /// Changes an entry; see [`Store::update_entry`].
    pub fn update_entry(
        &self,
        id: &str,
        change: &EntryChange,
        expected_revision: Option<i64>,
    ) -> Result<()> {
        entries::update_entry(self.tx, id, change, expected_revision, &self.now)
    }

    /// Stores what the rules found in an entry, keeping the user's word:
    /// see [`detections`](self::detections) for how the two merge.
    pub fn save_detections(
        &self,
        entry_id: &str,
        found: &EntryDetections,
        rules_version: &str,
    ) -> Result<()> {
        detections::save(self.tx, entry_id, found, rules_version)
    }

    /// Confirms or dismisses a label of an entry; see [`Store::set_detection_status`].
    pub fn set_detection_status(
        &self,
        entry_id: &str,
        family: crate::rules::Family,
        label: &str,
        status: crate::model::DetectionStatus,
    ) -> Result<()> {
        detections::set_status(self.tx, entry_id, family, label, status)
    }

    /// Adds a label the rules missed; see [`Store::add_user_label`].
    pub fn add_user_label(
        &self,
        entry_id: &str,
        family: crate::rules::Family,
        label: &str,
    ) -> Result<()> {
        detections::add_user(self.tx, entry_id, family, label)
    }

    /// Throws away the draft of a form (it was just saved for real).
    pub fn discard_draft(&self, form: &str) -> Result<()> {
        drafts::discard(self.tx, form)
    }

    /// Records which rules the stored detections come from.
    pub fn set_rules_version(&self, version: &str) -> Result<()> {
        detections::set_meta(self.tx, detections::RULES_VERSION_KEY, version)
    }
}

impl Store {
    /// Runs `f` with a [`Writer`] inside one `BEGIN IMMEDIATE` transaction,
    /// committed only if `f` succeeds.
    pub fn write_with<T>(
        &mut self,
        now: DateTime<FixedOffset>,
        f: impl FnOnce(&Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        let now = format_timestamp(now);
        self.write(|tx| f(&Writer { tx, now }))
    }
}

/// Turns off SQLite's statistics of its own memory use, before the first
/// connection. They take a global mutex and look up the block's size on
/// every allocation and free, and closer never reads them (it sets no heap
/// limit): a large import binds millions of values, each one copied into an
/// allocation, and the statistics were a tenth of its write.
fn without_memory_statistics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_config takes an int for this option. It must not
        // run while another thread is inside SQLite: it runs once, as the
        // process opens its first journal, before any thread of closer's
        // has touched SQLite. Once SQLite is initialised (a connection
        // opened some other way first) it only returns SQLITE_MISUSE and
        // changes nothing, which is fine: the statistics are not needed.
        unsafe {
            rusqlite::ffi::sqlite3_config(
                rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS,
                std::ffi::c_int::from(0u8),
            );
        }
    });
}

/// The schema version this build of closer knows.
pub fn schema_version_known() -> usize {
    // One folder per migration (`0001-init/up.sql`), as rusqlite_migration reads them.
    MIGRATIONS_DIR.dirs().count()
}

fn schema_version(conn: &Connection) -> rusqlite::Result<usize> {
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(usize::try_from(v).unwrap_or(0))
}

/// Creates an empty journal file readable by the user only, and its folder
/// (0700) if needed, before SQLite opens it: SQLite would create the file with
/// the process umask, typically readable by everyone.
fn create_private_file(path: &Path) -> Result<()> {
    use std::fs::{DirBuilder, OpenOptions};
    #[cfg(unix)]
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};

    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        let mut builder = DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        builder.mode(0o700);
        builder.create(dir).map_err(|e| {
            Error::io(
                format!("cannot create the journal's folder {}", dir.display()),
                e,
            )
        })?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        // Another process created it between our check and now: fine.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::io(
            format!("cannot create the journal {}", path.display()),
            e,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(MIGRATIONS.validate().is_ok());
        assert!(schema_version_known() >= 1);
    }

    #[test]
    fn migrating_twice_is_a_no_op() {
        let mut store = Store::open_in_memory().expect("opens");
        let v = store.schema_version().expect("version");
        store.migrate().expect("second migration");
        assert_eq!(store.schema_version().expect("version"), v);
        assert_eq!(v, schema_version_known());
    }
}
