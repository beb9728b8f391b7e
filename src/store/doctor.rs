//! `closer doctor`: a read-only examination of a journal file, which works
//! even when the journal cannot be opened normally (damaged, not a database,
//! written by a newer closer). It never changes the file. An encrypted
//! journal is examined with its passphrase when one can be had, and its
//! cipher settings are reported.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::backup::{check_backup, list_backups};
use super::{AskPassphrase, cipher, schema_version_known};
use crate::passphrase::Secret;

/// One finding; `ok` false means something needs the user.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub check: &'static str,
    pub ok: bool,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub path: PathBuf,
    pub findings: Vec<Finding>,
    /// The newest backup that passed its own check, if any.
    pub good_backup: Option<PathBuf>,
    /// Whether the journal itself is damaged or unreadable.
    pub damaged: bool,
    /// SQLCipher's settings, when the journal is encrypted and was opened.
    pub cipher: Option<cipher::Settings>,
}

impl Report {
    pub fn healthy(&self) -> bool {
        self.findings.iter().all(|f| f.ok)
    }
}

fn finding(check: &'static str, ok: bool, detail: impl Into<String>) -> Finding {
    Finding {
        check,
        ok,
        detail: detail.into(),
    }
}

/// Examines the journal at `path`, asking for a passphrase the usual way
/// (`CLOSER_PASSPHRASE_FILE` or the terminal) if it is encrypted.
pub fn examine(path: &Path) -> Report {
    examine_with(path, &crate::passphrase::current)
}

/// Examines the journal at `path`, asking `ask` for the passphrase if the
/// file is not a plain SQLite file.
pub fn examine_with(path: &Path, ask: AskPassphrase<'_>) -> Report {
    let mut findings = Vec::new();
    let mut damaged = false;
    if !path.exists() {
        findings.push(finding(
            "journal",
            false,
            "there is no journal here yet; `closer add` or `closer` starts one",
        ));
        return Report {
            path: path.to_path_buf(),
            findings,
            good_backup: None,
            damaged: false,
            cipher: None,
        };
    }
    findings.extend(permissions(path));
    findings.extend(location(path));
    let (key, encryption) = encryption(path, ask);
    findings.push(encryption);
    let mut cipher_settings = None;
    let opened = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| e.to_string())
    .and_then(|conn| match &key {
        None => Ok(conn),
        Some(key) => {
            cipher::apply_key(&conn, key).map_err(|e| e.to_string())?;
            if !cipher::key_opens(&conn).map_err(|e| e.to_string())? {
                return Err(
                    "the passphrase does not open it: a wrong passphrase, or the file is damaged"
                        .to_string(),
                );
            }
            cipher_settings = cipher::settings(&conn).ok();
            Ok(conn)
        }
    });
    if let Some(settings) = &cipher_settings {
        findings.push(finding("cipher", true, settings.to_string()));
    }
    match opened {
        Err(e) => {
            damaged = true;
            findings.push(finding("open", false, format!("cannot be opened: {e}")));
        }
        Ok(conn) => match conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)) {
            Err(e) => {
                damaged = true;
                findings.push(finding(
                    "schema",
                    false,
                    format!("not a readable SQLite database: {e}"),
                ));
            }
            Ok(v) => {
                let known = schema_version_known();
                let v = usize::try_from(v).unwrap_or(0);
                findings.push(if v > known {
                    finding(
                        "schema",
                        false,
                        format!(
                            "version {v}, newer than this closer knows ({known}): update closer"
                        ),
                    )
                } else {
                    finding("schema", true, format!("version {v} of {known}"))
                });
                let integrity: Result<Vec<String>, _> = conn
                    .prepare("PRAGMA integrity_check")
                    .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect());
                match integrity {
                    Ok(lines) if lines == ["ok"] => findings.push(finding("integrity", true, "ok")),
                    Ok(lines) => {
                        damaged = true;
                        findings.push(finding(
                            "integrity",
                            false,
                            lines.into_iter().take(3).collect::<Vec<_>>().join("; "),
                        ));
                    }
                    Err(e) => {
                        damaged = true;
                        findings.push(finding("integrity", false, e.to_string()));
                    }
                }
                let fk: Result<usize, _> = conn
                    .prepare("PRAGMA foreign_key_check")
                    .and_then(|mut s| Ok(s.query_map([], |_| Ok(()))?.count()));
                findings.push(match fk {
                    Ok(0) => finding("foreign keys", true, "ok"),
                    Ok(n) => finding("foreign keys", false, format!("{n} broken references")),
                    Err(e) => finding("foreign keys", false, e.to_string()),
                });
            }
        },
    }
    let backups = list_backups(path);
    let good_backup = backups
        .iter()
        .map(|(_, p)| p)
        .find(|p| check_backup(p, key.as_ref()).is_ok())
        .cloned();
    // Backups encrypted with a passphrase doctor was not given (those of a
    // journal since decrypted, or before `closer passwd`) cannot be
    // checked; they are not counted as damaged.
    let locked = backups
        .iter()
        .filter(|(_, p)| key.is_none() && matches!(cipher::kind(p), Ok(cipher::Kind::Opaque)))
        .count();
    findings.push(match (&backups.first(), &good_backup) {
        (Some(_), None) if locked == backups.len() => finding(
            "backups",
            !damaged,
            format!(
                "{} found, all encrypted with a passphrase doctor was not given; not checked",
                backups.len()
            ),
        ),
        (None, _) => finding(
            "backups",
            !damaged,
            "none yet (closer takes one a day once the journal has entries)",
        ),
        (Some((day, _)), Some(good)) => finding(
            "backups",
            true,
            format!(
                "{} found, newest from {day}; newest good: {}",
                backups.len(),
                good.display()
            ),
        ),
        (Some(_), None) => finding(
            "backups",
            false,
            format!("{} found, none of them intact", backups.len()),
        ),
    });
    // Backups taken before `closer encrypt` are still plaintext: the
    // journal's words, readable by anyone who gets the file.
    if key.is_some() {
        let plain = cipher::plaintext_backups(path);
        if !plain.is_empty() {
            findings.push(finding(
                "backup encryption",
                false,
                format!(
                    "{} backups are NOT encrypted (taken before `closer encrypt`), the newest {}; delete them once you are sure",
                    plain.len(),
                    plain[0].display()
                ),
            ));
        }
    }
    Report {
        path: path.to_path_buf(),
        findings,
        good_backup,
        damaged,
        cipher: cipher_settings,
    }
}

/// Whether the journal is encrypted, judged from its first bytes, and its
/// passphrase when it is and one can be had.
fn encryption(path: &Path, ask: AskPassphrase<'_>) -> (Option<Secret>, Finding) {
    match cipher::kind(path) {
        Err(e) => (None, finding("encryption", false, e.to_string())),
        Ok(cipher::Kind::Plain) => (None, finding("encryption", true, "not encrypted")),
        Ok(cipher::Kind::Opaque) if !cipher::AVAILABLE => (
            None,
            finding(
                "encryption",
                false,
                "not a plain SQLite file: encrypted (this closer was built without encryption) or damaged",
            ),
        ),
        Ok(cipher::Kind::Opaque) => match ask() {
            Ok(Some(key)) => (Some(key), finding("encryption", true, "encrypted")),
            Ok(None) => (
                None,
                finding(
                    "encryption",
                    false,
                    "not a plain SQLite file: encrypted or damaged; give the passphrase (at a terminal, or CLOSER_PASSPHRASE_FILE) to check it",
                ),
            ),
            Err(e) => (None, finding("encryption", false, e.to_string())),
        },
    }
}

#[cfg(unix)]
fn permissions(path: &Path) -> Vec<Finding> {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| {
        std::fs::metadata(p)
            .map(|m| m.permissions().mode() & 0o777)
            .ok()
    };
    let mut out = Vec::new();
    if let Some(m) = mode(path) {
        out.push(if m & 0o077 == 0 {
            finding("file permissions", true, format!("{m:04o}"))
        } else {
            finding(
                "file permissions",
                false,
                format!(
                    "{m:04o}: others can read your journal; fix with `chmod 600 {}`",
                    path.display()
                ),
            )
        });
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Some(m) = mode(dir)
    {
        out.push(if m & 0o077 == 0 {
            finding("folder permissions", true, format!("{m:04o}"))
        } else {
            finding(
                "folder permissions",
                false,
                format!("{m:04o}: fix with `chmod 700 {}`", dir.display()),
            )
        });
    }
    out
}

#[cfg(not(unix))]
fn permissions(_path: &Path) -> Vec<Finding> {
    Vec::new()
}

/// SQLite's locking is unreliable on network file systems, and sync clients
/// can copy a journal half-written or fork it into conflicting copies.
fn location(path: &Path) -> Option<Finding> {
    const SYNC_FOLDERS: &[&str] = &[
        "dropbox",
        "onedrive",
        "google drive",
        "googledrive",
        "icloud",
        "nextcloud",
        "owncloud",
        "syncthing",
        "pcloud",
        "mega",
    ];
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let lower = absolute.to_string_lossy().to_lowercase();
    if let Some(name) = SYNC_FOLDERS.iter().find(|s| lower.contains(*s)) {
        return Some(finding(
            "location",
            false,
            format!(
                "the journal is in a sync folder ({name}); sync can copy it half-written. Keep it local and back up with `closer backup`"
            ),
        ));
    }
    if let Some(fs) = network_filesystem(&absolute) {
        return Some(finding(
            "location",
            false,
            format!(
                "the journal is on a network file system ({fs}), where SQLite's locking is unreliable; keep it on a local disk"
            ),
        ));
    }
    Some(finding("location", true, "a local folder"))
}

#[cfg(target_os = "linux")]
fn network_filesystem(path: &Path) -> Option<&'static str> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    let mut stat: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is a valid NUL-terminated path and `stat` a valid buffer.
    if unsafe { libc::statfs(c.as_ptr(), &mut stat) } != 0 {
        return None;
    }
    #[allow(clippy::unnecessary_cast)]
    match stat.f_type as i64 {
        0x6969 => Some("NFS"),
        0x517B => Some("SMB"),
        0xFF53_4D42 => Some("CIFS"),
        0xFE53_4D42 => Some("SMB2"),
        0x6573_5546 => Some("FUSE"),
        _ => None,
    }
}

#[cfg(not(target_os = "linux"))]
fn network_filesystem(_path: &Path) -> Option<&'static str> {
    None
}
