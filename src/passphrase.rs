//! Where the passphrase of an encrypted journal comes from, and the one type
//! that holds it. Two sources only, never the command line (argv is visible
//! to every user of the machine in `ps`) and never an ordinary environment
//! variable (inherited by every child, editor included):
//!
//! - `CLOSER_PASSPHRASE_FILE`: a file whose first line is the passphrase. It
//!   must be readable by its owner only, as ssh demands of its keys: a
//!   passphrase others can read protects nothing.
//! - a prompt with echo switched off, on standard input when it is a
//!   terminal, or on `/dev/tty` when only standard error is one.
//!
//! A [`Secret`] never prints (its `Debug` is a placeholder) and overwrites its
//! bytes when dropped. That is best effort: SQLite and the key derivation keep
//! their own copies for as long as the journal is open.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The file holding the passphrase of the journal (first line).
pub const FILE_ENV: &str = "CLOSER_PASSPHRASE_FILE";

/// The file holding the new passphrase for `closer passwd` (and for
/// `closer encrypt`, which also accepts [`FILE_ENV`]).
pub const NEW_FILE_ENV: &str = "CLOSER_NEW_PASSPHRASE_FILE";

/// A passphrase. It cannot be printed by accident and is wiped on drop.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a passphrase; refuses an empty one, which would protect nothing.
    pub fn new(text: String) -> Result<Secret> {
        let secret = Secret(text);
        if secret.0.is_empty() {
            return Err(Error::invalid(
                "the passphrase is empty; an empty passphrase would not protect the journal",
            ));
        }
        Ok(secret)
    }

    /// The passphrase itself, for handing to SQLCipher and nothing else.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<hidden>)")
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        // SAFETY: zero bytes are valid UTF-8, so the String stays valid; the
        // volatile writes keep the compiler from skipping a store to memory
        // about to be freed.
        unsafe {
            for b in self.0.as_bytes_mut() {
                std::ptr::write_volatile(b, 0);
            }
        }
    }
}

/// The passphrase of the journal being opened: from [`FILE_ENV`], else a
/// prompt on the terminal. `Ok(None)` when there is no way to ask.
pub fn current() -> Result<Option<Secret>> {
    if let Some(path) = env_path(FILE_ENV) {
        return read_file(&path).map(Some);
    }
    prompt("Passphrase for the journal: ")
}

/// The passphrase from [`FILE_ENV`] only, never a prompt: for `closer
/// status`, which runs in shell prompts where asking would hang every line.
pub fn from_file_only() -> Result<Option<Secret>> {
    env_path(FILE_ENV).map(|p| read_file(&p)).transpose()
}

/// A new passphrase: from [`NEW_FILE_ENV`] (or, when `fallback_to_current`,
/// from [`FILE_ENV`]), else asked for twice on the terminal.
pub fn new_passphrase(fallback_to_current: bool) -> Result<Secret> {
    if let Some(path) = env_path(NEW_FILE_ENV) {
        return read_file(&path);
    }
    if fallback_to_current && let Some(path) = env_path(FILE_ENV) {
        return read_file(&path);
    }
    let Some(first) = prompt("New passphrase: ")? else {
        return Err(Error::invalid(format!(
            "no terminal to ask for the new passphrase; name a file holding it with {NEW_FILE_ENV} (readable by you only)"
        )));
    };
    let Some(again) = prompt("The same passphrase again: ")? else {
        return Err(Error::invalid(
            "no terminal to ask for the passphrase again",
        ));
    };
    if first != again {
        return Err(Error::invalid(
            "the two passphrases differ; nothing was changed, try again",
        ));
    }
    Ok(first)
}

fn env_path(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The first line of `path`, which must be readable by its owner only.
pub fn read_file(path: &Path) -> Result<Secret> {
    let file = std::fs::File::open(path).map_err(|e| {
        Error::io(
            format!(
                "cannot read the passphrase file {} (named by {FILE_ENV} or {NEW_FILE_ENV})",
                path.display()
            ),
            e,
        )
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = file
            .metadata()
            .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(Error::invalid(format!(
                "the passphrase file {} can be read by others ({:04o}); fix with `chmod 600 {}`",
                path.display(),
                mode & 0o777,
                path.display()
            )));
        }
    }
    let mut line = String::new();
    std::io::BufReader::new(file)
        .read_line(&mut line)
        .map_err(|e| {
            Error::io(
                format!("cannot read the passphrase file {}", path.display()),
                e,
            )
        })?;
    let secret = Secret(line);
    let trimmed = secret.0.trim_end_matches(['\n', '\r']).to_string();
    Secret::new(trimmed).map_err(|_| {
        Error::invalid(format!(
            "the passphrase file {} is empty; its first line is the passphrase",
            path.display()
        ))
    })
}

/// Asks on the terminal with echo off: on standard input when it is a
/// terminal, else on the controlling terminal (`/dev/tty`) when standard
/// error is one (`echo … | closer add` typed at a shell, as ssh and gpg do).
/// `Ok(None)` when neither is a terminal (a script, a test): closer never
/// reads a passphrase from a pipe, where it may come from a file others can
/// read.
fn prompt(label: &str) -> Result<Option<Secret>> {
    let stdin = std::io::stdin();
    let mut err = std::io::stderr();
    let line = if stdin.is_terminal() {
        let _ = write!(err, "{label}");
        let _ = err.flush();
        let _echo = EchoOff::new(0)?; // standard input
        let mut line = Secret(String::new());
        stdin
            .lock()
            .read_line(&mut line.0)
            .map_err(|e| Error::io("cannot read the passphrase", e))?;
        line
    } else if err.is_terminal() {
        let Some(tty) = controlling_terminal() else {
            return Ok(None);
        };
        let _ = write!(err, "{label}");
        let _ = err.flush();
        let _echo = EchoOff::new(raw_fd(&tty))?;
        let mut line = Secret(String::new());
        // A terminal in line mode hands over one line per read, so the
        // buffer takes nothing past the Enter.
        std::io::BufReader::new(&tty)
            .read_line(&mut line.0)
            .map_err(|e| Error::io("cannot read the passphrase from /dev/tty", e))?;
        line
    } else {
        return Ok(None);
    };
    // The Enter the user typed was not echoed either.
    let _ = writeln!(err);
    let text = line.0.trim_end_matches(['\n', '\r']).to_string();
    Secret::new(text).map(Some)
}

#[cfg(unix)]
fn controlling_terminal() -> Option<std::fs::File> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()
        .filter(|f| f.is_terminal())
}

#[cfg(not(unix))]
fn controlling_terminal() -> Option<std::fs::File> {
    None
}

#[cfg(unix)]
fn raw_fd(file: &std::fs::File) -> i32 {
    use std::os::unix::io::AsRawFd;
    file.as_raw_fd()
}

#[cfg(not(unix))]
fn raw_fd(_file: &std::fs::File) -> i32 {
    -1
}

/// Terminal echo switched off for as long as this lives (restored on drop,
/// also when reading fails).
struct EchoOff {
    #[cfg(unix)]
    fd: i32,
    #[cfg(unix)]
    saved: libc::termios,
}

impl EchoOff {
    #[cfg(unix)]
    fn new(fd: i32) -> Result<EchoOff> {
        // SAFETY: tcgetattr/tcsetattr on `fd`, a terminal the caller holds
        // open for as long as this guard lives, with a zeroed, then filled,
        // termios.
        unsafe {
            let mut saved: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(fd, &mut saved) != 0 {
                return Err(Error::io(
                    "cannot switch off the terminal's echo",
                    std::io::Error::last_os_error(),
                ));
            }
            let mut quiet = saved;
            quiet.c_lflag &= !libc::ECHO;
            if libc::tcsetattr(fd, libc::TCSANOW, &quiet) != 0 {
                return Err(Error::io(
                    "cannot switch off the terminal's echo",
                    std::io::Error::last_os_error(),
                ));
            }
            Ok(EchoOff { fd, saved })
        }
    }

    #[cfg(not(unix))]
    fn new(_fd: i32) -> Result<EchoOff> {
        Err(Error::invalid(format!(
            "closer cannot hide typing on this system; name a file holding the passphrase with {FILE_ENV}"
        )))
    }
}

impl Drop for EchoOff {
    fn drop(&mut self) {
        #[cfg(unix)]
        // SAFETY: restores the settings read in `new` on the same descriptor.
        unsafe {
            libc::tcsetattr(self.fd, libc::TCSANOW, &self.saved);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_never_prints() {
        let s = Secret::new("hunter2".into()).expect("secret");
        assert!(!format!("{s:?}").contains("hunter2"));
    }

    #[test]
    fn an_empty_passphrase_is_refused() {
        assert!(Secret::new(String::new()).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_passphrase_file_gives_its_first_line_and_must_be_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("pass");
        std::fs::write(&path, "correct horse\r\nsecond line\n").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let err = read_file(&path).expect_err("others can read it");
        assert!(err.to_string().contains("chmod 600"), "{err}");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        assert_eq!(read_file(&path).expect("reads").expose(), "correct horse");
        std::fs::write(&path, "\n").expect("write");
        assert!(read_file(&path).is_err());
    }
}
