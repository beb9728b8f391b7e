//! The library's error type. Every message is one line a user can act on:
//! what is wrong, and where possible what to do about it. Entry text never
//! appears in an error, because errors end up in terminals and logs.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Invalid(String),

    #[error("no entry has an id starting with `{0}`; `closer list` shows the ids")]
    UnknownId(String),

    #[error("`{prefix}` matches {count} entries ({examples}); type more of the id")]
    AmbiguousId {
        prefix: String,
        count: usize,
        examples: String,
    },

    #[error("an id needs at least 6 characters, `{0}` has fewer; `closer list` shows the ids")]
    ShortId(String),

    #[error(
        "the journal at {path} was written by a newer closer (schema version {found}, this closer knows up to {known}); it was left untouched: update closer to open it"
    )]
    NewerSchema {
        path: PathBuf,
        found: usize,
        known: usize,
    },

    #[error(
        "wrong passphrase for the journal at {path}, or it is not a closer journal; the file is unchanged (if it was never encrypted, `closer doctor` checks it)"
    )]
    WrongPassphrase { path: PathBuf },

    #[error(
        "the journal at {path} is encrypted, or damaged: type its passphrase at a terminal, or name a file holding it (readable by you only) with CLOSER_PASSPHRASE_FILE; if it was never encrypted, run `closer doctor` (the file was not changed)"
    )]
    NeedPassphrase { path: PathBuf },

    #[error("cannot open the journal at {path}: {reason}")]
    Open { path: PathBuf, reason: String },

    #[error(
        "entry {id} changed since it was opened (revision {expected}, now {found}); your version was not saved over it"
    )]
    Conflict {
        id: String,
        expected: i64,
        found: i64,
    },

    #[error("{path}: {message}")]
    Config { path: PathBuf, message: String },

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },

    #[error("the journal database failed: {0}")]
    Sqlite(rusqlite::Error),

    #[error(
        "the journal is damaged ({0}); run `closer doctor`: it checks the file and says how to restore the newest good backup"
    )]
    Damaged(String),

    #[error("updating the journal's schema failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
        match &e {
            rusqlite::Error::SqliteFailure(f, _)
                if matches!(f.code, DatabaseCorrupt | NotADatabase) =>
            {
                Error::Damaged(e.to_string())
            }
            _ => Error::Sqlite(e),
        }
    }
}

impl Error {
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(message.into())
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}
