//! Entries: create, read, list, change, move to the trash and back.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, Transaction, params};
use uuid::Uuid;

use super::Store;
use super::people::{find_or_create_person, resolve_person};
use crate::clock::format_timestamp;
use crate::model::{
    Entry, EntryChange, EntryKind, NewEntry, Section, check_mood, check_size, check_text,
    check_urge,
};
use crate::rules::Family;
use crate::text::mentions;
use crate::{Error, Result};

/// The columns every entry query selects, in the order [`entry_from_row`]
/// reads them. People and tags come along as unit-separator-joined lists so a
/// page of entries is one query.
pub(super) const ENTRY_COLUMNS: &str = "e.id, e.day, e.created_at, e.updated_at, e.kind, e.text, \
     e.sections, e.mood, e.urge, e.private, e.discuss, e.revision, e.deleted_at, \
     (SELECT group_concat(p.name, char(31) ORDER BY ep.position) \
        FROM entry_people ep JOIN people p ON p.id = ep.person_id WHERE ep.entry_id = e.id), \
     (SELECT group_concat(t.tag, char(31) ORDER BY t.position) \
        FROM entry_tags t WHERE t.entry_id = e.id)";

/// Which entries `list` returns. Every field narrows; `None` is no limit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub person: Option<String>,
    pub tag: Option<String>,
    pub kind: Option<EntryKind>,
    /// Only entries where this label was found (and not dismissed).
    pub label: Option<(Family, String)>,
    pub limit: Option<usize>,
}

impl Store {
    /// Saves a new entry and returns it as stored.
    pub fn add_entry(&mut self, new: &NewEntry, now: DateTime<FixedOffset>) -> Result<Entry> {
        let ids = self.add_entries(std::slice::from_ref(new), now)?;
        let id = ids
            .first()
            .ok_or_else(|| Error::invalid("the entry was not saved"))?;
        self.entry(id)
    }

    /// Saves many entries in one transaction: all or none. Returns their ids
    /// in order.
    pub fn add_entries(
        &mut self,
        entries: &[NewEntry],
        now: DateTime<FixedOffset>,
    ) -> Result<Vec<String>> {
        self.write_with(now, |w| {
            entries.iter().map(|new| w.insert_entry(new)).collect()
        })
    }

    /// The entry with this full id, live or in the trash.
    pub fn entry(&self, id: &str) -> Result<Entry> {
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.id = ?1");
        self.conn
            .query_row(&sql, [id], entry_from_row)
            .optional()?
            .ok_or_else(|| Error::UnknownId(id.to_string()))
    }

    /// Live entries, newest first.
    pub fn list(&self, filter: &ListFilter) -> Result<Vec<Entry>> {
        let mut sql = format!("SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.deleted_at IS NULL");
        let mut args: Vec<Value> = Vec::new();
        if let Some(from) = filter.from {
            args.push(Value::Text(from.to_string()));
            sql.push_str(&format!(" AND e.day >= ?{}", args.len()));
        }
        if let Some(to) = filter.to {
            args.push(Value::Text(to.to_string()));
            sql.push_str(&format!(" AND e.day <= ?{}", args.len()));
        }
        if let Some(kind) = filter.kind {
            args.push(Value::Text(kind.as_str().to_string()));
            sql.push_str(&format!(" AND e.kind = ?{}", args.len()));
        }
        if let Some(name) = &filter.person {
            let person = resolve_person(&self.conn, name)?.ok_or_else(|| {
                Error::invalid(format!(
                    "no one called `{name}` appears in the journal; `closer people` lists who does"
                ))
            })?;
            args.push(Value::Integer(person));
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM entry_people ep WHERE ep.entry_id = e.id AND ep.person_id = ?{})",
                args.len()
            ));
        }
        if let Some(tag) = &filter.tag {
            let tag = tag.trim_start_matches('#').to_lowercase();
            let known: bool = self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM entry_tags WHERE tag = ?1)",
                [&tag],
                |r| r.get(0),
            )?;
            if !known {
                return Err(Error::invalid(format!(
                    "no entry is tagged #{tag}; `closer tags` lists the tags"
                )));
            }
            args.push(Value::Text(tag));
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id AND t.tag = ?{})",
                args.len()
            ));
        }
        if let Some((family, label)) = &filter.label {
            args.push(Value::Text(family.as_str().to_string()));
            args.push(Value::Text(label.clone()));
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM detections d WHERE d.entry_id = e.id \
                   AND d.family = ?{} AND d.label = ?{} AND d.status != 'dismissed')",
                args.len() - 1,
                args.len()
            ));
        }
        sql.push_str(" ORDER BY e.day DESC, e.created_at DESC");
        if let Some(limit) = filter.limit {
            args.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
            sql.push_str(&format!(" LIMIT ?{}", args.len()));
        }
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), entry_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Entries in the trash, most recently deleted first.
    pub fn trash(&self) -> Result<Vec<Entry>> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.deleted_at IS NOT NULL \
             ORDER BY e.deleted_at DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], entry_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Applies `change` to an entry. With `expected_revision`, the change is
    /// refused if someone else saved the entry since it was read.
    pub fn update_entry(
        &mut self,
        id: &str,
        change: &EntryChange,
        expected_revision: Option<i64>,
        now: DateTime<FixedOffset>,
    ) -> Result<Entry> {
        self.write_with(now, |w| w.update_entry(id, change, expected_revision))?;
        self.entry(id)
    }

    /// Moves a live entry to the trash.
    pub fn delete_entry(&mut self, id: &str, now: DateTime<FixedOffset>) -> Result<Entry> {
        let stamp = format_timestamp(now);
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE entries SET deleted_at = ?2, revision = revision + 1 \
                 WHERE id = ?1 AND deleted_at IS NULL",
                params![id, stamp],
            )?;
            if changed == 0 {
                return Err(state_error(
                    tx,
                    id,
                    "is already in the trash; `closer restore` brings it back",
                )?);
            }
            Ok(())
        })?;
        self.entry(id)
    }

    /// Brings an entry back from the trash.
    pub fn restore_entry(&mut self, id: &str) -> Result<Entry> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE entries SET deleted_at = NULL, revision = revision + 1 \
                 WHERE id = ?1 AND deleted_at IS NOT NULL",
                [id],
            )?;
            if changed == 0 {
                return Err(state_error(
                    tx,
                    id,
                    "is not in the trash; nothing to restore",
                )?);
            }
            Ok(())
        })?;
        self.entry(id)
    }

    /// How many live entries the journal holds.
    pub fn count_entries(&self) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM entries WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}

pub(super) fn insert_entry(tx: &Transaction<'_>, new: &NewEntry, now: &str) -> Result<String> {
    new.check()?;
    let id = Uuid::now_v7().to_string();
    let written = new.created_at.map(format_timestamp);
    let stamp = written.as_deref().unwrap_or(now);
    let sections = sections_json(&new.sections)?;
    tx.prepare_cached(
        "INSERT INTO entries (id, day, created_at, updated_at, kind, text, sections, \
         mood, urge, private, discuss) VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        id,
        new.day.to_string(),
        stamp,
        new.kind.as_str(),
        new.text,
        sections,
        new.mood,
        new.urge,
        new.private,
        new.discuss
    ])?;
    link_people(tx, &id, &new.people, &new.text, stamp)?;
    link_tags(tx, &id, &new.text)?;
    Ok(id)
}

/// Applies a change inside a transaction; see [`Store::update_entry`].
pub(super) fn update_entry(
    tx: &Transaction<'_>,
    id: &str,
    change: &EntryChange,
    expected_revision: Option<i64>,
    stamp: &str,
) -> Result<()> {
    if let Some(text) = &change.text {
        let kind: String = tx
            .prepare_cached("SELECT kind FROM entries WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::UnknownId(id.to_string()))?;
        if kind == EntryKind::Checkin.as_str() {
            check_size(text)?;
        } else {
            check_text(text)?;
        }
    }
    if let Some(Some(m)) = change.mood {
        check_mood(m)?;
    }
    if let Some(Some(u)) = change.urge {
        check_urge(u)?;
    }
    let sections = change.sections.as_deref().map(sections_json).transpose()?;
    {
        let found: i64 = tx
            .query_row("SELECT revision FROM entries WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| Error::UnknownId(id.to_string()))?;
        if let Some(expected) = expected_revision
            && expected != found
        {
            return Err(Error::Conflict {
                id: id.to_string(),
                expected,
                found,
            });
        }
        if let Some(text) = &change.text {
            tx.execute(
                "UPDATE entries SET text = ?2 WHERE id = ?1",
                params![id, text],
            )?;
            tx.execute(
                "DELETE FROM entry_people WHERE entry_id = ?1 AND via = 'text'",
                [id],
            )?;
            tx.execute("DELETE FROM entry_tags WHERE entry_id = ?1", [id])?;
            link_people(tx, id, &[], text, stamp)?;
            link_tags(tx, id, text)?;
        }
        if let Some(sections) = &sections {
            tx.execute(
                "UPDATE entries SET sections = ?2 WHERE id = ?1",
                params![id, sections],
            )?;
        }
        if let Some(day) = change.day {
            tx.execute(
                "UPDATE entries SET day = ?2 WHERE id = ?1",
                params![id, day.to_string()],
            )?;
        }
        if let Some(mood) = change.mood {
            tx.execute(
                "UPDATE entries SET mood = ?2 WHERE id = ?1",
                params![id, mood],
            )?;
        }
        if let Some(urge) = change.urge {
            tx.execute(
                "UPDATE entries SET urge = ?2 WHERE id = ?1",
                params![id, urge],
            )?;
        }
        if let Some(private) = change.private {
            tx.execute(
                "UPDATE entries SET private = ?2 WHERE id = ?1",
                params![id, private],
            )?;
        }
        if let Some(discuss) = change.discuss {
            tx.execute(
                "UPDATE entries SET discuss = ?2 WHERE id = ?1",
                params![id, discuss],
            )?;
        }
        if !change.add_people.is_empty() {
            let text: String =
                tx.query_row("SELECT text FROM entries WHERE id = ?1", [id], |r| r.get(0))?;
            link_people(tx, id, &change.add_people, &text, stamp)?;
        }
        tx.execute(
            "UPDATE entries SET revision = revision + 1, updated_at = ?2 WHERE id = ?1",
            params![id, stamp],
        )?;
        Ok(())
    }
}

fn state_error(tx: &Transaction<'_>, id: &str, what: &str) -> Result<Error> {
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM entries WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    Ok(if exists {
        Error::invalid(format!("entry {id} {what}"))
    } else {
        Error::UnknownId(id.to_string())
    })
}

pub(super) fn sections_json(sections: &[Section]) -> Result<Option<String>> {
    if sections.is_empty() {
        return Ok(None);
    }
    serde_json::to_string(sections)
        .map(Some)
        .map_err(|e| Error::invalid(format!("cannot store the check-in's sections: {e}")))
}

/// Links the people named besides (`given`) and marked in the text, each
/// person once, in order.
pub(super) fn link_people(
    tx: &Transaction<'_>,
    entry_id: &str,
    given: &[String],
    text: &str,
    stamp: &str,
) -> Result<()> {
    let mut position: i64 = tx
        .prepare_cached(
            "SELECT coalesce(max(position) + 1, 0) FROM entry_people WHERE entry_id = ?1",
        )?
        .query_row([entry_id], |r| r.get(0))?;
    let marked = mentions::people(text);
    let named = given
        .iter()
        .map(|n| (n.as_str(), "given"))
        .chain(marked.iter().map(|n| (n.as_str(), "text")));
    for (name, via) in named {
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        let person = find_or_create_person(tx, name, stamp)?;
        let added = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO entry_people (entry_id, person_id, position, via) \
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![entry_id, person, position, via])?;
        position += i64::try_from(added).unwrap_or(0);
    }
    Ok(())
}

pub(super) fn link_tags(tx: &Transaction<'_>, entry_id: &str, text: &str) -> Result<()> {
    for (position, tag) in mentions::tags(text).iter().enumerate() {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO entry_tags (entry_id, tag, position) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![
            entry_id,
            tag,
            i64::try_from(position).unwrap_or(i64::MAX)
        ])?;
    }
    Ok(())
}

/// A check-in's sections as stored (JSON in column `col`; NULL for a note).
pub(super) fn sections_from_json(
    col: usize,
    json: Option<String>,
) -> rusqlite::Result<Vec<Section>> {
    match json {
        Some(json) => serde_json::from_str(&json).map_err(|e| conversion_error(col, "sections", e)),
        None => Ok(Vec::new()),
    }
}

fn conversion_error(col: usize, what: &str, e: impl std::fmt::Display) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        format!("stored {what} is malformed: {e}").into(),
    )
}

fn parse_time(col: usize, s: &str) -> rusqlite::Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).map_err(|e| conversion_error(col, "timestamp", e))
}

fn split_list(joined: Option<String>) -> Vec<String> {
    joined
        .map(|s| s.split('\u{1f}').map(str::to_string).collect())
        .unwrap_or_default()
}

pub(super) fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<Entry> {
    let day: String = row.get(1)?;
    let created: String = row.get(2)?;
    let updated: String = row.get(3)?;
    let kind: String = row.get(4)?;
    let sections: Option<String> = row.get(6)?;
    let deleted: Option<String> = row.get(12)?;
    Ok(Entry {
        id: row.get(0)?,
        day: NaiveDate::parse_from_str(&day, "%Y-%m-%d")
            .map_err(|e| conversion_error(1, "day", e))?,
        created_at: parse_time(2, &created)?,
        updated_at: parse_time(3, &updated)?,
        kind: EntryKind::parse(&kind).map_err(|e| conversion_error(4, "kind", e))?,
        text: row.get(5)?,
        sections: sections_from_json(6, sections)?,
        mood: row.get(7)?,
        urge: row.get(8)?,
        private: row.get(9)?,
        discuss: row.get(10)?,
        revision: row.get(11)?,
        deleted_at: deleted.as_deref().map(|s| parse_time(12, s)).transpose()?,
        people: split_list(row.get(13)?),
        tags: split_list(row.get(14)?),
    })
}
