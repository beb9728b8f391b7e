//! Full-text search over live entries with SQLite FTS5.
//!
//! People type plain words, not FTS5 syntax: "didn't reply" or "check-in"
//! would be syntax errors as FTS5 queries. So a query is used as FTS5 syntax
//! only when it visibly uses it (quotes, `*`, AND/OR/NOT/NEAR) and parses;
//! otherwise every word becomes a quoted term and all must match.

use super::Store;
use super::entries::{ENTRY_COLUMNS, entry_from_row};
use crate::model::{HIT_END, HIT_START, SearchHit};
use crate::{Error, Result};

impl Store {
    /// Live entries matching `query`, newest first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let plain = plain_query(query);
        if plain.is_empty() {
            return Err(Error::invalid(
                "the search is empty; give a word or phrase to look for",
            ));
        }
        if uses_fts_syntax(query) {
            match self.run_search(query, limit) {
                Ok(hits) => return Ok(hits),
                Err(Error::Sqlite(e)) if e.to_string().contains("fts5") => {}
                Err(e) => return Err(e),
            }
        }
        self.run_search(&plain, limit)
    }

    fn run_search(&self, fts_query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        // Two ways to find the newest matches, each fast where the other is
        // slow. A rare term: take its few matches from the index and sort
        // them. A common one (thousands of matches): walk the journal newest
        // first and stop at the first `limit` that match, instead of looking
        // up and sorting every match.
        let matches: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?1")?
            .query_row([fts_query], |r| r.get(0))?;
        if matches == 0 {
            return Ok(Vec::new());
        }
        let page = if matches <= COMMON_TERM_MATCHES {
            "SELECT e.rowid AS rid, e.day, e.created_at \
             FROM entries_fts JOIN entries e ON e.rowid = entries_fts.rowid \
             WHERE entries_fts MATCH ?1 AND e.deleted_at IS NULL \
             ORDER BY e.day DESC, e.created_at DESC LIMIT ?2"
        } else {
            "SELECT e.rowid AS rid, e.day, e.created_at \
             FROM entries e INDEXED BY entries_by_day \
             WHERE e.deleted_at IS NULL \
               AND e.rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?1) \
             ORDER BY e.day DESC, e.created_at DESC LIMIT ?2"
        };
        // Only the page that is shown pays for snippets and the people and
        // tags of each entry.
        let sql = format!(
            "WITH page AS ({page}) \
             SELECT {ENTRY_COLUMNS}, \
               snippet(entries_fts, 0, char({start}), char({end}), '…', 24) \
             FROM page JOIN entries e ON e.rowid = page.rid \
               JOIN entries_fts ON entries_fts.rowid = page.rid \
             WHERE entries_fts MATCH ?1 \
             ORDER BY page.day DESC, page.created_at DESC",
            start = HIT_START as u32,
            end = HIT_END as u32,
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(rusqlite::params![fts_query, limit], |r| {
            Ok(SearchHit {
                entry: entry_from_row(r)?,
                snippet: r.get(15)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// Above this many matches, walking the journal in order beats sorting them.
const COMMON_TERM_MATCHES: i64 = 2000;

fn uses_fts_syntax(query: &str) -> bool {
    query.contains('"')
        || query.contains('*')
        || query
            .split_whitespace()
            .any(|w| matches!(w, "AND" | "OR" | "NOT") || w.starts_with("NEAR("))
}

/// Every word quoted as an FTS5 string, so no character is an operator.
fn plain_query(query: &str) -> String {
    query
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_are_quoted() {
        assert_eq!(
            plain_query("didn't reply, check-in!"),
            "\"didn't\" \"reply\" \"check-in\""
        );
        assert_eq!(plain_query("  ... "), "");
    }

    #[test]
    fn syntax_is_recognised() {
        assert!(uses_fts_syntax("\"left on read\""));
        assert!(uses_fts_syntax("ignor*"));
        assert!(uses_fts_syntax("sam OR jo"));
        assert!(!uses_fts_syntax("or else"));
    }
}
