//! People: who appears in entries, their aliases and roles. Names match
//! case-insensitively, and an alias points at the same person, so "@mum",
//! "@Mum" and "@Mother" (once aliased) are one person.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::Store;
use crate::model::{PersonSummary, TagSummary};
use crate::{Error, Result};

/// The matching key of a name: trimmed and lower-cased.
fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The id of the person called `name`, by name or alias.
pub(super) fn resolve_person(conn: &Connection, name: &str) -> Result<Option<i64>> {
    let k = key(name);
    let id = conn
        .prepare_cached(
            "SELECT id FROM people WHERE name_key = ?1 \
             UNION ALL SELECT person_id FROM person_aliases WHERE alias_key = ?1 LIMIT 1",
        )?
        .query_row([&k], |r| r.get(0))
        .optional()?;
    Ok(id)
}

pub(super) fn find_or_create_person(tx: &Transaction<'_>, name: &str, stamp: &str) -> Result<i64> {
    if let Some(id) = resolve_person(tx, name)? {
        return Ok(id);
    }
    tx.execute(
        "INSERT INTO people (name, name_key, created_at) VALUES (?1, ?2, ?3)",
        params![name.trim(), key(name), stamp],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// Everyone in the journal with the number of live entries they are in,
    /// most frequent first.
    pub fn people(&self) -> Result<Vec<PersonSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.name, p.role, \
               (SELECT group_concat(a.alias, char(31) ORDER BY a.alias_key) \
                  FROM person_aliases a WHERE a.person_id = p.id), \
               (SELECT count(*) FROM entry_people ep JOIN entries e ON e.id = ep.entry_id \
                  WHERE ep.person_id = p.id AND e.deleted_at IS NULL) AS n \
             FROM people p ORDER BY n DESC, p.name_key",
        )?;
        let rows = stmt.query_map([], |r| {
            let aliases: Option<String> = r.get(2)?;
            let n: i64 = r.get(3)?;
            Ok(PersonSummary {
                name: r.get(0)?,
                role: r.get(1)?,
                aliases: aliases
                    .map(|a| a.split('\u{1f}').map(str::to_string).collect())
                    .unwrap_or_default(),
                entries: usize::try_from(n).unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every tag with the number of live entries it marks, most used first.
    pub fn tags(&self) -> Result<Vec<TagSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.tag, count(*) AS n FROM entry_tags t JOIN entries e ON e.id = t.entry_id \
             WHERE e.deleted_at IS NULL GROUP BY t.tag ORDER BY n DESC, t.tag",
        )?;
        let rows = stmt.query_map([], |r| {
            let n: i64 = r.get(1)?;
            Ok(TagSummary {
                tag: r.get(0)?,
                entries: usize::try_from(n).unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Makes `alias` another name for `name`. If `alias` was already a person
    /// of its own (someone wrote "@Mum" before aliasing it to "Mother"), the
    /// two become one: their entries and aliases move over.
    pub fn add_alias(&mut self, name: &str, alias: &str) -> Result<()> {
        let alias = alias.trim().trim_start_matches('@');
        if alias.is_empty() {
            return Err(Error::invalid("an alias cannot be empty"));
        }
        let name = name.trim_start_matches('@');
        self.write(|tx| {
            let person = resolve_person(tx, name)?.ok_or_else(|| unknown_person(name))?;
            match resolve_person(tx, alias)? {
                Some(same) if same == person => return Ok(()),
                Some(other) => merge_person(tx, other, person)?,
                None => {}
            }
            // OR IGNORE: a merge above already kept the old name as an alias.
            tx.execute(
                "INSERT OR IGNORE INTO person_aliases (alias_key, alias, person_id) VALUES (?1, ?2, ?3)",
                params![key(alias), alias, person],
            )?;
            Ok(())
        })
    }

    /// Sets (or with `None` clears) the role used for a person when names are
    /// redacted: "partner", "mother", "friend 2".
    pub fn set_role(&mut self, name: &str, role: Option<&str>) -> Result<()> {
        let name = name.trim_start_matches('@');
        let role = role.map(str::trim).filter(|r| !r.is_empty());
        self.write(|tx| {
            let person = resolve_person(tx, name)?.ok_or_else(|| unknown_person(name))?;
            tx.execute(
                "UPDATE people SET role = ?2 WHERE id = ?1",
                params![person, role],
            )?;
            Ok(())
        })
    }
}

fn unknown_person(name: &str) -> Error {
    Error::invalid(format!(
        "no one called `{name}` appears in the journal; `closer people` lists who does"
    ))
}

/// Moves everything of person `from` onto person `into` and removes `from`;
/// `from`'s own name stays findable as an alias.
fn merge_person(tx: &Transaction<'_>, from: i64, into: i64) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO entry_people (entry_id, person_id, position, via) \
         SELECT entry_id, ?2, position, via FROM entry_people WHERE person_id = ?1",
        params![from, into],
    )?;
    tx.execute(
        "UPDATE person_aliases SET person_id = ?2 WHERE person_id = ?1",
        params![from, into],
    )?;
    let (name, name_key): (String, String) = tx.query_row(
        "SELECT name, name_key FROM people WHERE id = ?1",
        [from],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    tx.execute("DELETE FROM people WHERE id = ?1", [from])?;
    tx.execute(
        "INSERT OR IGNORE INTO person_aliases (alias_key, alias, person_id) VALUES (?1, ?2, ?3)",
        params![name_key, name, into],
    )?;
    Ok(())
}
