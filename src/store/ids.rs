//! Entry ids as people type them: the full UUID or a unique prefix of at
//! least six characters, and the short forms closer prints.
//!
//! UUID v7 ids start with a timestamp, so entries written the same evening
//! share their first characters. A fixed-length short id would be ambiguous
//! exactly when it matters, so closer prints, like git, the shortest prefix
//! that is unique in the journal (never fewer than eight characters).

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use super::Store;
use crate::{Error, Result};

/// The fewest characters a typed id may have.
pub const MIN_PREFIX: usize = 6;
/// The fewest characters a printed short id has.
pub const MIN_SHORT: usize = 8;

impl Store {
    /// The full id of the one entry (live or in the trash) whose id starts
    /// with `prefix`.
    pub fn resolve_id(&self, prefix: &str) -> Result<String> {
        let prefix = prefix.trim().to_lowercase();
        if !prefix.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(Error::invalid(format!(
                "`{prefix}` is not an entry id (ids are hexadecimal, like 019a4f2c-…); `closer list` shows them"
            )));
        }
        if prefix.chars().count() < MIN_PREFIX {
            return Err(Error::ShortId(prefix));
        }
        // '~' sorts after every hex digit and '-', so this is a range scan
        // on the primary key rather than a full scan.
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM entries WHERE id >= ?1 AND id < ?1 || '~' ORDER BY id LIMIT 4",
        )?;
        let found = stmt
            .query_map([&prefix], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        match found.as_slice() {
            [] => Err(Error::UnknownId(prefix)),
            [one] => Ok(one.clone()),
            many => {
                let count: i64 = self.conn.query_row(
                    "SELECT count(*) FROM entries WHERE id >= ?1 AND id < ?1 || '~'",
                    [&prefix],
                    |r| r.get(0),
                )?;
                let examples = many
                    .iter()
                    .take(3)
                    .map(|id| self.short_id(id))
                    .collect::<Result<Vec<_>>>()?
                    .join(", ");
                Err(Error::AmbiguousId {
                    prefix,
                    count: usize::try_from(count).unwrap_or(many.len()),
                    examples,
                })
            }
        }
    }

    /// The shortest prefix of `id`, at least [`MIN_SHORT`] long, that no
    /// other entry shares.
    pub fn short_id(&self, id: &str) -> Result<String> {
        let mut next = self
            .conn
            .prepare_cached("SELECT id FROM entries WHERE id > ?1 ORDER BY id LIMIT 1")?;
        let mut prev = self
            .conn
            .prepare_cached("SELECT id FROM entries WHERE id < ?1 ORDER BY id DESC LIMIT 1")?;
        let after: Option<String> = next.query_row([id], |r| r.get(0)).optional()?;
        let before: Option<String> = prev.query_row([id], |r| r.get(0)).optional()?;
        let shared = [after, before]
            .iter()
            .flatten()
            .map(|other| common_prefix(id, other))
            .max()
            .unwrap_or(0);
        let len = (shared + 1).max(MIN_SHORT).min(id.len());
        Ok(id[..len].to_string())
    }

    /// Short ids for many entries at once.
    pub fn short_ids<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<HashMap<String, String>> {
        ids.into_iter()
            .map(|id| Ok((id.to_string(), self.short_id(id)?)))
            .collect()
    }
}

/// Length in bytes of the common prefix; ids are ASCII.
fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}
