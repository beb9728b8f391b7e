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
        if limit == 0 {
            return Ok(Vec::new());
        }
        match self.newest_in_writing_order(fts_query, limit)? {
            Some(hits) => Ok(hits),
            None => self.newest_by_day(fts_query, limit),
        }
    }

    /// The fast way, exact whenever it answers. A journal is mostly written
    /// in day order (or, filled by a generator or an import, in reverse), so
    /// its newest matches are among the first or the last rows of the index.
    /// Walks `limit` live matches in from each end; then only the entries
    /// between the two walks that are at least as new as the page's oldest
    /// can still belong on the page, and those few are checked one by one.
    /// `None` when there are too many of them (a journal whose order an
    /// import mixed up): the caller takes the slow way.
    fn newest_in_writing_order(
        &self,
        fts_query: &str,
        limit: usize,
    ) -> Result<Option<Vec<SearchHit>>> {
        let cols = hit_columns();
        let walk = |order: &str| -> Result<Vec<Ranked>> {
            let sql = format!(
                "SELECT {cols} \
                 FROM entries_fts CROSS JOIN entries e ON e.rowid = entries_fts.rowid \
                 WHERE entries_fts MATCH ?1 AND e.deleted_at IS NULL \
                 ORDER BY entries_fts.rowid {order} LIMIT ?2"
            );
            Ok(self
                .conn
                .prepare_cached(&sql)?
                .query_map(rusqlite::params![fts_query, limit_param(limit)], ranked)?
                .collect::<rusqlite::Result<_>>()?)
        };
        let mut hits = walk("DESC")?;
        if hits.len() == limit {
            let from_start = walk("ASC")?;
            // Rows strictly between the two walks were not seen.
            let unseen = match (from_start.last(), hits.last()) {
                (Some(a), Some(b)) if from_start.len() == limit && a.rowid < b.rowid => {
                    Some((a.rowid, b.rowid))
                }
                _ => None,
            };
            let seen: std::collections::HashSet<i64> = hits.iter().map(|h| h.rowid).collect();
            hits.extend(from_start.into_iter().filter(|h| !seen.contains(&h.rowid)));
            sort_newest_first(&mut hits);
            if let Some((after, before)) = unseen {
                let more = self.newer_between(fts_query, &hits[limit - 1].key, (after, before))?;
                match more {
                    Some(more) => hits.extend(more),
                    None => return Ok(None),
                }
            }
        }
        sort_newest_first(&mut hits);
        hits.truncate(limit);
        Ok(Some(hits.into_iter().map(|h| h.hit).collect()))
    }

    /// The live matches with a rowid strictly between `after` and `before`
    /// that are at least as new as `oldest` (day, creation time): entries written out of
    /// day order, looked up one by one. `None` when there are more than
    /// [`OUT_OF_ORDER_CHECKS`] such entries to look at.
    fn newer_between(
        &self,
        fts_query: &str,
        oldest: &(String, String),
        (after, before): (i64, i64),
    ) -> Result<Option<Vec<Ranked>>> {
        let between: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT rowid FROM entries INDEXED BY entries_by_day \
                 WHERE deleted_at IS NULL AND (day, created_at) >= (?1, ?2) \
                   AND rowid > ?3 AND rowid < ?4 LIMIT ?5",
            )?
            .query_map(
                rusqlite::params![oldest.0, oldest.1, after, before, OUT_OF_ORDER_CHECKS + 1],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        if between.len() > OUT_OF_ORDER_CHECKS as usize {
            return Ok(None);
        }
        let cols = hit_columns();
        let mut one = self.conn.prepare_cached(&format!(
            "SELECT {cols} \
             FROM entries_fts CROSS JOIN entries e ON e.rowid = entries_fts.rowid \
             WHERE entries_fts MATCH ?1 AND entries_fts.rowid = ?2"
        ))?;
        let mut found = Vec::new();
        for rowid in between {
            if let Some(hit) = one
                .query_map(rusqlite::params![fts_query, rowid], ranked)?
                .next()
            {
                found.push(hit?);
            }
        }
        Ok(Some(found))
    }

    /// The slow way, for any journal: all matches sorted by day.
    fn newest_by_day(&self, fts_query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        // Two ways to find the newest matches, each fast where the other is
        // slow. A rare term: take its few matches from the index and sort
        // them. A common one (thousands of matches): walk the journal newest
        // first and stop at the first `limit` that match, instead of looking
        // up and sorting every match. Counting stops at the threshold: a
        // common phrase ("it" in it) costs a walk of whole doclists.
        let matches: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM \
                 (SELECT 1 FROM entries_fts WHERE entries_fts MATCH ?1 LIMIT ?2)",
            )?
            .query_row(rusqlite::params![fts_query, COMMON_TERM_MATCHES + 1], |r| {
                r.get(0)
            })?;
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
        let cols = hit_columns();
        // Only the page that is shown pays for snippets and the people and
        // tags of each entry. CROSS JOIN keeps that order: left to itself,
        // the planner walks every match of the index and looks each one up
        // in the page (three times slower for a common phrase).
        let sql = format!(
            "WITH page AS ({page}) \
             SELECT {cols} \
             FROM page CROSS JOIN entries e ON e.rowid = page.rid \
               CROSS JOIN entries_fts ON entries_fts.rowid = page.rid \
             WHERE entries_fts MATCH ?1 \
             ORDER BY page.day DESC, page.created_at DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![fts_query, limit_param(limit)], |r| {
            ranked(r).map(|h| h.hit)
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// An entry's columns, its snippet, and what orders it: day and creation
/// time as stored (text, compared as SQLite compares them) and its rowid.
fn hit_columns() -> String {
    format!(
        "{ENTRY_COLUMNS}, snippet(entries_fts, 0, char({start}), char({end}), '…', 24), \
         e.day, e.created_at, e.rowid",
        start = HIT_START as u32,
        end = HIT_END as u32,
    )
}

/// A hit with what it is ordered by.
struct Ranked {
    key: (String, String),
    rowid: i64,
    hit: SearchHit,
}

fn ranked(r: &rusqlite::Row<'_>) -> rusqlite::Result<Ranked> {
    Ok(Ranked {
        key: (r.get(16)?, r.get(17)?),
        rowid: r.get(18)?,
        hit: SearchHit {
            entry: entry_from_row(r)?,
            snippet: r.get(15)?,
        },
    })
}

/// Newest first, as the slow way orders them; ties by writing order.
fn sort_newest_first(hits: &mut [Ranked]) {
    hits.sort_by(|a, b| b.key.cmp(&a.key).then(b.rowid.cmp(&a.rowid)));
}

fn limit_param(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

/// Entries written out of day order that the fast way checks one by one
/// before it gives up for the slow way.
const OUT_OF_ORDER_CHECKS: i64 = 32;

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
