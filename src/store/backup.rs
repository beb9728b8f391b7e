//! Backups with SQLite's online backup API: a consistent copy even while
//! another process writes. They live in `backups/` beside the journal, are
//! readable by the user only, and are pruned to 7 daily and 4 weekly.
//!
//! A backup is written to a temporary file first and renamed into place, so a
//! crash half-way never leaves a file that looks like a good backup.
//!
//! The backup of an encrypted journal is keyed with the journal's passphrase
//! before a page is copied, so it is encrypted too (with its own salt).

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{Store, cipher, schema_version_known};
use crate::passphrase::Secret;
use crate::{Error, Result};

/// Daily backups kept, and weeks for which one more is kept.
const KEEP_DAYS: usize = 7;
const KEEP_WEEKS: usize = 4;

/// The backups folder beside a journal file.
pub fn backups_dir(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("journal")
        .to_string()
}

/// The daily backup file for `day`: `backups/journal-2026-11-20.db`.
fn daily_path(db: &Path, day: NaiveDate) -> PathBuf {
    backups_dir(db).join(format!("{}-{day}.db", stem(db)))
}

/// Backups of `db` found in its folder, newest first, with the day each was
/// taken (from its name). Backups taken before a migration or a restore
/// (`journal-2026-11-20-before-….db`) are listed too.
pub fn list_backups(db: &Path) -> Vec<(NaiveDate, PathBuf)> {
    let prefix = format!("{}-", stem(db));
    let mut found: Vec<(NaiveDate, PathBuf)> = std::fs::read_dir(backups_dir(db))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "db"))
        .filter_map(|p| {
            let name = p.file_stem()?.to_str()?;
            let rest = name.strip_prefix(&prefix)?;
            let day = NaiveDate::parse_from_str(rest.get(..10)?, "%Y-%m-%d").ok()?;
            Some((day, p))
        })
        .collect();
    found.sort_by(|a, b| b.cmp(a));
    found
}

/// Temporary copies left by a backup that never finished (the process was
/// killed mid-copy), an hour old or more, so a copy in progress in another
/// process is left alone.
fn stale_partials(db: &Path) -> Vec<PathBuf> {
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::read_dir(backups_dir(db))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "partial"))
        .filter(|e| {
            e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t < hour_ago)
        })
        .map(|e| e.path())
        .collect()
}

/// Which daily backups to delete: all but the newest [`KEEP_DAYS`] days and
/// the newest of each of the [`KEEP_WEEKS`] most recent ISO weeks. Backups
/// taken before a migration or restore are never pruned.
pub fn to_prune(backups: &[(NaiveDate, PathBuf)]) -> Vec<PathBuf> {
    let daily: Vec<&(NaiveDate, PathBuf)> = backups
        .iter()
        .filter(|(day, p)| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s.ends_with(&day.to_string()))
        })
        .collect();
    let mut keep: Vec<&PathBuf> = daily.iter().take(KEEP_DAYS).map(|(_, p)| p).collect();
    let mut weeks = Vec::new();
    for (day, path) in &daily {
        let week = (day.iso_week().year(), day.iso_week().week());
        if !weeks.contains(&week) {
            weeks.push(week);
            if weeks.len() <= KEEP_WEEKS {
                keep.push(path);
            }
        }
    }
    daily
        .iter()
        .map(|(_, p)| p)
        .filter(|p| !keep.contains(p))
        .cloned()
        .collect()
}

/// Creates an empty file readable by the user only (and its folder, 0700).
pub(super) fn private_file(path: &Path) -> Result<()> {
    use std::fs::{DirBuilder, OpenOptions};
    #[cfg(unix)]
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    if let Some(dir) = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.exists())
    {
        let mut b = DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        b.mode(0o700);
        b.create(dir)
            .map_err(|e| Error::io(format!("cannot create the folder {}", dir.display()), e))?;
    }
    let mut o = OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    o.mode(0o600);
    o.open(path)
        .map(|_| ())
        .map_err(|e| Error::io(format!("cannot create {}", path.display()), e))
}

/// Copies `src` into the database file at `dest` in one step of the
/// online backup API (a consistent snapshot), through a temporary file.
fn copy_database(src: &Connection, dest: &Path, key: Option<&Secret>) -> Result<()> {
    // One temporary file per process: two commands started together on a
    // new day both take the daily backup, and sharing one file made one of
    // them fail with "database is locked". Each copy is a whole snapshot,
    // so whichever is renamed last is as good as the other.
    let tmp = dest.with_extension(format!("db.{}.partial", std::process::id()));
    private_file(&tmp)?;
    let result = (|| -> Result<()> {
        let mut out = Connection::open(&tmp)?;
        if let Some(key) = key {
            cipher::apply_key(&out, key)?;
        }
        {
            let backup = Backup::new(src, &mut out)?;
            match backup.step(-1)? {
                StepResult::Done => {}
                _ => return Err(Error::invalid("the journal was busy; try the backup again")),
            }
        }
        // The copy carries the journal's WAL flag; a backup is one file at
        // rest, and in WAL mode even a read-only look at it (doctor,
        // restore) would leave -wal and -shm files beside it.
        out.pragma_update(None, "journal_mode", "DELETE")?;
        let check: String = out.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(Error::invalid(format!(
                "the copy did not check out: {check}"
            )));
        }
        out.close().map_err(|(_, e)| Error::from(e))?;
        std::fs::rename(&tmp, dest)
            .map_err(|e| Error::io(format!("cannot move the backup into {}", dest.display()), e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

impl Store {
    /// Copies the journal to `dest` (readable by the user only).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if self.path.as_deref().is_some_and(|p| p == dest) {
            return Err(Error::invalid(
                "a backup cannot replace the journal itself; name another file",
            ));
        }
        copy_database(&self.conn, dest, self.key.as_ref())
    }

    /// Today's backup, once a day: taken if none exists for `today` and the
    /// journal has entries; old ones are pruned. Returns the file written.
    pub fn daily_backup(&self, today: NaiveDate) -> Result<Option<PathBuf>> {
        let Some(db) = self.path.clone() else {
            return Ok(None);
        };
        let dest = daily_path(&db, today);
        if dest.exists() || self.count_entries()? == 0 {
            return Ok(None);
        }
        self.backup_to(&dest)?;
        for old in to_prune(&list_backups(&db))
            .into_iter()
            .chain(stale_partials(&db))
        {
            // A backup that cannot be removed is only a little disk space.
            let _ = std::fs::remove_file(old);
        }
        Ok(Some(dest))
    }

    /// Replaces the journal's contents with the backup at `src`, after
    /// checking the backup and backing up the current journal first.
    /// Returns where the current journal was saved.
    pub fn restore_from(&mut self, src: &Path, today: NaiveDate) -> Result<PathBuf> {
        let db = self
            .path
            .clone()
            .ok_or_else(|| Error::invalid("an in-memory journal has nothing to restore into"))?;
        // SQLCipher copies pages only between two encrypted or two plain
        // files, so an older backup of the other kind is turned away here,
        // with the way round it.
        if src.is_file() {
            match (cipher::kind(src)?, &self.key) {
                (cipher::Kind::Plain, Some(_)) => {
                    return Err(Error::invalid(format!(
                        "{} is not a usable backup for an encrypted journal: it is plaintext. Run `closer decrypt`, restore, then `closer encrypt` again (nothing was changed)",
                        src.display()
                    )));
                }
                (cipher::Kind::Opaque, None) => {
                    return Err(Error::invalid(format!(
                        "{} is not a usable backup: it is not a plain SQLite file, so it is encrypted or not a journal at all. If it is encrypted, `closer encrypt` the journal with the backup's passphrase first, then restore (nothing was changed)",
                        src.display()
                    )));
                }
                _ => {}
            }
        }
        check_backup(src, self.key.as_ref())?;
        let before = backups_dir(&db).join(format!(
            "{}-{today}-before-restore-{}.db",
            stem(&db),
            std::process::id()
        ));
        self.backup_to(&before)?;
        let source = open_backup(src, self.key.as_ref())?;
        {
            let backup = Backup::new(&source, &mut self.conn)?;
            match backup.step(-1)? {
                StepResult::Done => {}
                _ => {
                    return Err(Error::invalid(
                        "the journal is in use by another closer; close it and try again (nothing was changed)",
                    ));
                }
            }
        }
        self.migrate()?;
        Ok(before)
    }
}

/// Opens a backup read-only: as it is if it is plaintext, with `key` if it
/// is not (the backup of an encrypted journal is encrypted with its key).
fn open_backup(path: &Path, key: Option<&Secret>) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    if let Some(key) = key
        && cipher::kind(path)? == cipher::Kind::Opaque
    {
        cipher::apply_key(&conn, key)?;
    }
    Ok(conn)
}

/// Whether `path` is a readable, intact closer journal this closer can open
/// (with `key`, if it is encrypted).
pub fn check_backup(path: &Path, key: Option<&Secret>) -> Result<()> {
    let bad =
        |why: String| Error::invalid(format!("{} is not a usable backup: {why}", path.display()));
    if !path.is_file() {
        return Err(bad("there is no such file".into()));
    }
    let conn = open_backup(path, key).map_err(|e| bad(e.to_string()))?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| bad(e.to_string()))?;
    let version = usize::try_from(version).unwrap_or(0);
    if version == 0 || version > schema_version_known() {
        return Err(bad(format!("its schema version is {version}")));
    }
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| bad(e.to_string()))?;
    if check != "ok" {
        return Err(bad(format!("it is damaged ({check})")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
    }

    #[test]
    fn pruning_keeps_seven_days_and_four_weeks() {
        let db = Path::new("/j/journal.db");
        let backups: Vec<(NaiveDate, PathBuf)> = (0..40)
            .map(|i| {
                let d = day("2026-11-20") - chrono::Duration::days(i);
                (d, daily_path(db, d))
            })
            .collect();
        let pruned = to_prune(&backups);
        let kept: Vec<&PathBuf> = backups
            .iter()
            .map(|(_, p)| p)
            .filter(|p| !pruned.contains(p))
            .collect();
        // 7 days (Nov 14-20) span two ISO weeks; two more weeks add one each.
        assert_eq!(kept.len(), 9, "{kept:?}");
        assert!(kept.iter().any(|p| p.ends_with("journal-2026-11-14.db")));
        assert!(
            kept.iter().any(|p| p.ends_with("journal-2026-11-08.db")),
            "newest of week 45"
        );
        assert!(
            kept.iter().any(|p| p.ends_with("journal-2026-11-01.db")),
            "newest of week 44"
        );
        assert!(
            !kept.iter().any(|p| p.ends_with("journal-2026-10-25.db")),
            "week 43 is the fifth"
        );
    }

    #[test]
    fn backups_before_a_migration_are_never_pruned() {
        let db = Path::new("/j/journal.db");
        let mut backups: Vec<(NaiveDate, PathBuf)> = (0..20)
            .map(|i| {
                let d = day("2026-11-20") - chrono::Duration::days(i);
                (d, daily_path(db, d))
            })
            .collect();
        let special = PathBuf::from("/j/backups/journal-2026-10-01-before-schema-3.db");
        backups.push((day("2026-10-01"), special.clone()));
        assert!(!to_prune(&backups).contains(&special));
    }
}
