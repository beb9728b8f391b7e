//! Both sides of the backup format in SQL: reading the whole journal (trash
//! included) for `closer export --format json`, and writing an import.
//!
//! An import is one `BEGIN IMMEDIATE` transaction: people (with aliases and
//! roles) first, so the entries' `@names` resolve to them, then each record
//! merged by UUID as [`crate::import::merge`] decides, its detections saved
//! with it and the user's decisions from the file kept over the rules'. Any
//! error rolls everything back: a file is imported whole or not at all.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{OptionalExtension, ToSql, Transaction, params};
use uuid::Uuid;

use super::detections::{self, D_COLUMNS, detection_from_row};
use super::entries::{ENTRY_COLUMNS, entry_from_row, link_people, link_tags, sections_json};
use super::people::{find_or_create_person, resolve_person};
use super::{Store, Writer};
use crate::clock::format_timestamp;
use crate::import::{LabelDecision, Merge, Parsed, PersonRecord, Record, merge};
use crate::model::{Entry, StoredDetection};
use crate::rules::{EntryDetections, Family};
use crate::text::mentions;
use crate::{Error, Result};

/// The page cache during an import, in KiB as `PRAGMA cache_size` takes it
/// (negative): 256 MB at most, used only as the import grows.
const IMPORT_CACHE_KIB: i64 = -262_144;

/// What an import did, or (for a dry run) would do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportCounts {
    /// Entries new to the journal.
    pub added: usize,
    /// Entries already there with the same content.
    pub same: usize,
    /// Entries replaced by the file's newer version.
    pub updated: usize,
    /// Entries whose journal copy is newer, left as they are.
    pub kept: usize,
    /// Replaced versions whose text differed, kept in the trash.
    pub trash_copies: usize,
    /// Entries the rules were run on.
    pub analysed: usize,
    /// Entries written whose words the safety rules recognised (filled in
    /// by `Journal::import`, which runs the rules).
    pub safety: usize,
}

impl ImportCounts {
    fn count(&mut self, action: Merge) {
        match action {
            Merge::Add => self.added += 1,
            Merge::Same => self.same += 1,
            Merge::Replace => self.updated += 1,
            Merge::KeepJournal => self.kept += 1,
        }
    }
}

/// An entry as an import record, to compare with the file's.
fn record_of(e: Entry) -> Record {
    Record {
        id: e.id,
        day: e.day,
        created_at: e.created_at,
        updated_at: e.updated_at,
        kind: e.kind,
        text: e.text,
        sections: e.sections,
        mood: e.mood,
        urge: e.urge,
        people: e.people,
        private: e.private,
        discuss: e.discuss,
        revision: e.revision,
        deleted_at: e.deleted_at,
        decisions: Vec::new(),
    }
}

/// True when the journal has no entry at all, the trash included.
fn journal_is_empty(conn: &rusqlite::Connection) -> Result<bool> {
    Ok(
        conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM entries)", [], |r| {
            r.get(0)
        })?,
    )
}

fn existing(conn: &rusqlite::Connection, id: &str) -> Result<Option<Record>> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], entry_from_row)
        .optional()?
        .map(record_of))
}

impl Store {
    /// Every entry, live and in the trash, whose day lies in `from..=to`
    /// (each bound optional), oldest first, with all their detections.
    pub fn backup_data(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<(Vec<Entry>, Vec<StoredDetection>)> {
        let from = from.map_or_else(|| "0000-01-01".to_string(), |d| d.to_string());
        let to = to.map_or_else(|| "9999-12-31".to_string(), |d| d.to_string());
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.day >= ?1 AND e.day <= ?2 \
             ORDER BY e.day, e.created_at, e.id"
        );
        let entries = self
            .conn
            .prepare(&sql)?
            .query_map(params![from, to], entry_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        // The same order as `Store::detections` within an entry.
        let sql = format!(
            "SELECT {D_COLUMNS} FROM entries e JOIN detections d ON d.entry_id = e.id \
             WHERE e.day >= ?1 AND e.day <= ?2 \
             ORDER BY e.day, e.created_at, e.id, d.start IS NULL, d.start, d.family, d.label"
        );
        let detections = self
            .conn
            .prepare(&sql)?
            .query_map(params![from, to], detection_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((entries, detections))
    }

    /// What importing `parsed` would do now, and the records the rules must
    /// run on (those it will add, or write over the journal's copy), in the
    /// order [`Store::import`] will ask for them. Reads only.
    pub fn import_plan(&self, parsed: &Parsed) -> Result<(ImportCounts, Vec<usize>)> {
        // The parser made ids unique, so each record meets the journal alone.
        let mut counts = ImportCounts::default();
        let mut actions = Vec::with_capacity(parsed.records.len());
        let empty = journal_is_empty(&self.conn)?;
        for r in &parsed.records {
            let old = if empty {
                None
            } else {
                existing(&self.conn, &r.id)?
            };
            let action = merge(old.as_ref(), r);
            counts.count(action);
            actions.push(action);
        }
        let order = write_order(parsed, &actions);
        counts.analysed = order.len();
        Ok((counts, order))
    }

    /// Imports `parsed` in one transaction. `found(i)` gives what the rules
    /// find in record `i`: it is asked once for each record written, in the
    /// order [`Store::import_plan`] gave (unless the journal changed since),
    /// and only once the new entries and their links are written, so the
    /// rules can run on other threads meanwhile. The store itself knows
    /// nothing of how detections are made.
    pub fn import(
        &mut self,
        parsed: &Parsed,
        found: &mut dyn FnMut(usize) -> EntryDetections,
        rules_version: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<ImportCounts> {
        // A large import outgrows SQLite's default 2 MB page cache within one
        // transaction, and then spills pages to the WAL and reads them back;
        // a bigger cache for this one write keeps it in memory.
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", IMPORT_CACHE_KIB)?;
        let done = self.import_in_one_transaction(parsed, found, rules_version, now);
        self.conn.pragma_update(None, "cache_size", cache)?;
        done
    }

    fn import_in_one_transaction(
        &mut self,
        parsed: &Parsed,
        found: &mut dyn FnMut(usize) -> EntryDetections,
        rules_version: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<ImportCounts> {
        self.write_with(now, |w| {
            // Into an empty journal every record is new: no need to look
            // each one up (a tenth of a large import's write).
            let empty = journal_is_empty(w.tx)?;
            for p in &parsed.people {
                import_person(w.tx, p, &w.now)?;
            }
            let mut counts = ImportCounts::default();
            let mut actions = Vec::with_capacity(parsed.records.len());
            // The parser made ids unique, so each record is merged with the
            // journal alone, and the writes can be grouped by kind.
            for r in &parsed.records {
                let old = if empty { None } else { existing(w.tx, &r.id)? };
                let action = merge(old.as_ref(), r);
                counts.count(action);
                if action == Merge::Replace {
                    if old.as_ref().is_some_and(|o| o.text != r.text) {
                        copy_to_trash(w.tx, &r.id, &w.now)?;
                        counts.trash_copies += 1;
                    }
                    replace(w.tx, r, &w.now)?;
                }
                actions.push(action);
            }
            let order = write_order(parsed, &actions);
            counts.analysed = order.len();
            let (added, replaced) = order.split_at(counts.added);
            write_new(w, parsed, added, found, rules_version, empty)?;
            // Replaced entries, few, one at a time.
            for &i in replaced {
                let r = &parsed.records[i];
                detections::save(w.tx, &r.id, &found(i), rules_version)?;
                for d in &r.decisions {
                    decide(w, &r.id, d)?;
                }
            }
            Ok(counts)
        })
    }
}

/// The records an import writes, in the order it writes them: the new ones
/// by id, then those it replaces in file order.
fn write_order(parsed: &Parsed, actions: &[Merge]) -> Vec<usize> {
    let of = |wanted: Merge| (0..actions.len()).filter(move |&i| actions[i] == wanted);
    let mut order: Vec<usize> = of(Merge::Add).collect();
    // Every table of an entry is keyed by its id first, and ids from other
    // apps are random: in file order each row would land anywhere in the
    // B-trees and leave their pages half full.
    order.sort_unstable_by(|&a, &b| parsed.records[a].id.cmp(&parsed.records[b].id));
    order.extend(of(Merge::Replace));
    order
}

/// Writes the new entries `added` (in id order), their people and tags,
/// then what the rules found in them, then the user's decisions from the
/// file.
fn write_new(
    w: &Writer<'_>,
    parsed: &Parsed,
    added: &[usize],
    found: &mut dyn FnMut(usize) -> EntryDetections,
    rules_version: &str,
    empty: bool,
) -> Result<()> {
    // New entries, and their people, tags and labels, go in many rows to a
    // statement. Each statement that writes makes SQLite set a savepoint,
    // and the full-text index writes out what it holds at every savepoint:
    // one entry a statement made one tiny index segment per entry, and
    // merging those, with the cost of the statements themselves, was most
    // of a large import's time.
    let mut dropped = if empty {
        DroppedIndexes::drop(
            w.tx,
            &["entries", "entry_people", "entry_tags", "detections"],
        )?
    } else {
        DroppedIndexes::default()
    };
    let mut entries = Batch::new(w.tx, &ENTRIES, Vec::new());
    let mut people = Batch::new(w.tx, &PEOPLE, Vec::new());
    let mut tags = Batch::new(w.tx, &TAGS, Vec::new());
    let mut cache = PeopleCache::default();
    // An entry goes in before its links, whose keys refer to it.
    for chunk in added.chunks(ENTRIES.per) {
        for &i in chunk {
            entries.push(entry_row(&parsed.records[i])?)?;
        }
        entries.flush()?;
        for &i in chunk {
            link_rows(
                w.tx,
                &mut cache,
                &parsed.records[i],
                &w.now,
                &mut people,
                &mut tags,
            )?;
        }
    }
    people.finish()?;
    tags.finish()?;
    // While the rules may still be running on other threads.
    dropped.make_again(w.tx, &["entries", "entry_people", "entry_tags"])?;
    // Only now are the rules' findings needed, one entry after another as
    // they come.
    let mut labels = Batch::new(w.tx, &DETECTIONS, vec![Cell::Str(rules_version)]);
    for &i in added {
        detection_rows(&parsed.records[i].id, found(i), &mut labels)?;
    }
    labels.finish()?;
    dropped.make_all_again(w.tx)?;
    for &i in added {
        let r = &parsed.records[i];
        for d in &r.decisions {
            decide(w, &r.id, d)?;
        }
    }
    Ok(())
}

/// Secondary indexes dropped while an import fills their tables, and the
/// statements that make them again. Into an empty journal, building an
/// index once from all the rows (sorted, its pages full) is cheaper than
/// keeping it up to date row by row, where each key lands at random. The
/// same transaction makes them again, so no one ever sees them missing,
/// and an import that fails rolls the drop back with the rest.
#[derive(Default)]
struct DroppedIndexes(Vec<(String, String)>);

impl DroppedIndexes {
    /// Drops the indexes on `tables`.
    fn drop(tx: &Transaction<'_>, tables: &[&str]) -> Result<Self> {
        // Indexes SQLite made itself for keys have no SQL, and stay.
        let indexes = tx
            .prepare(
                "SELECT name, tbl_name, sql FROM sqlite_schema \
                 WHERE type = 'index' AND sql IS NOT NULL",
            )?
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut dropped = Vec::new();
        for (name, table, sql) in indexes {
            if tables.contains(&table.as_str()) {
                let name = name.replace('"', "\"\"");
                tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
                dropped.push((table, sql));
            }
        }
        Ok(DroppedIndexes(dropped))
    }

    /// Makes the indexes of `tables` again.
    fn make_again(&mut self, tx: &Transaction<'_>, tables: &[&str]) -> Result<()> {
        let (now, later) = std::mem::take(&mut self.0)
            .into_iter()
            .partition(|(table, _)| tables.contains(&table.as_str()));
        self.0 = later;
        for (_, sql) in now {
            tx.execute_batch(&sql)?;
        }
        Ok(())
    }

    /// Makes every index still dropped again.
    fn make_all_again(mut self, tx: &Transaction<'_>) -> Result<()> {
        for (_, sql) in std::mem::take(&mut self.0) {
            tx.execute_batch(&sql)?;
        }
        Ok(())
    }
}

/// People resolved during one import, by lower-cased name or alias: the
/// import is the only writer while its transaction lasts.
#[derive(Default)]
struct PeopleCache(HashMap<String, i64>);

impl PeopleCache {
    fn resolve(&mut self, tx: &Transaction<'_>, name: &str) -> Result<Option<i64>> {
        let key = name.trim().to_lowercase();
        if let Some(&id) = self.0.get(&key) {
            return Ok(Some(id));
        }
        let found = resolve_person(tx, name)?;
        if let Some(id) = found {
            self.0.insert(key, id);
        }
        Ok(found)
    }

    fn find_or_create(&mut self, tx: &Transaction<'_>, name: &str, stamp: &str) -> Result<i64> {
        if let Some(id) = self.resolve(tx, name)? {
            return Ok(id);
        }
        let id = find_or_create_person(tx, name, stamp)?;
        self.0.insert(name.trim().to_lowercase(), id);
        Ok(id)
    }
}

/// A value bound to an inserted row: borrowed from the parsed file where it
/// can be, so a large import does not copy every text once more before
/// SQLite copies it.
enum Cell<'a> {
    Str(&'a str),
    String(String),
    Int(i64),
    Null,
}

impl Cell<'_> {
    fn int(n: usize) -> Self {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl ToSql for Cell<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Cell::Str(s) => ValueRef::Text(s.as_bytes()),
            Cell::String(s) => ValueRef::Text(s.as_bytes()),
            Cell::Int(n) => ValueRef::Integer(*n),
            Cell::Null => ValueRef::Null,
        }))
    }
}

/// One table's many-rows insert: the statement's head, and one row of it
/// with `#` for each value the row binds. `?1` in a row is a value every row
/// shares, bound once a statement: a parameter costs SQLite a copy of its
/// text, and a large import binds millions.
struct Insert {
    head: &'static str,
    row: &'static str,
    /// Rows to a statement.
    per: usize,
}

impl Insert {
    /// The values each row binds.
    fn width(&self) -> usize {
        self.row.matches('#').count()
    }

    /// `head VALUES row, …` for `rows` rows, after `shared` shared values.
    fn sql(&self, rows: usize, shared: usize) -> String {
        use std::fmt::Write as _;
        let mut sql = String::with_capacity(self.head.len() + 8 + rows * self.row.len() * 2);
        sql.push_str(self.head);
        sql.push_str(" VALUES ");
        let mut n = shared;
        for k in 0..rows {
            if k > 0 {
                sql.push_str(", ");
            }
            for c in self.row.chars() {
                if c == '#' {
                    n += 1;
                    let _ = write!(sql, "?{n}");
                } else {
                    sql.push(c);
                }
            }
        }
        sql
    }
}

/// New entries 2,000 to a statement (13 values each, well under SQLite's
/// limit of 32,766).
const ENTRIES: Insert = Insert {
    head: "INSERT INTO entries (id, day, created_at, updated_at, kind, text, sections, mood, \
           urge, private, discuss, revision, deleted_at)",
    row: "(#, #, #, #, #, #, #, #, #, #, #, #, #)",
    per: 2_000,
};

const PEOPLE: Insert = Insert {
    head: "INSERT INTO entry_people (entry_id, person_id, position, via)",
    row: "(#, #, #, #)",
    per: 500,
};

const TAGS: Insert = Insert {
    head: "INSERT INTO entry_tags (entry_id, tag, position)",
    row: "(#, #, #)",
    per: 500,
};

/// Labels as the rules found them; `?1` is the rules' version.
const DETECTIONS: Insert = Insert {
    head: "INSERT INTO detections (entry_id, family, label, source, status, rule, start, end, \
           evidence, people, spans, rules_version)",
    row: "(#, #, #, 'rules', 'detected', #, #, #, #, #, #, ?1)",
    per: 500,
};

/// Rows of one table, sent to SQLite many to a statement as they come.
struct Batch<'a, 't> {
    tx: &'t Transaction<'t>,
    insert: &'static Insert,
    width: usize,
    shared: Vec<Cell<'a>>,
    cells: Vec<Cell<'a>>,
    /// The statement of a full batch, prepared once.
    full: Option<rusqlite::Statement<'t>>,
}

impl<'a, 't> Batch<'a, 't> {
    fn new(tx: &'t Transaction<'t>, insert: &'static Insert, shared: Vec<Cell<'a>>) -> Self {
        let width = insert.width();
        Batch {
            tx,
            insert,
            width,
            shared,
            cells: Vec::with_capacity(width * insert.per),
            full: None,
        }
    }

    fn push<const N: usize>(&mut self, row: [Cell<'a>; N]) -> Result<()> {
        debug_assert_eq!(N, self.width);
        self.cells.extend(row);
        if self.cells.len() == self.width * self.insert.per {
            let statement = match &mut self.full {
                Some(s) => s,
                None => self.full.insert(
                    self.tx
                        .prepare(&self.insert.sql(self.insert.per, self.shared.len()))?,
                ),
            };
            statement.execute(rusqlite::params_from_iter(
                self.shared.iter().chain(&self.cells),
            ))?;
            self.cells.clear();
        }
        Ok(())
    }

    /// Sends the rows held, however few.
    fn flush(&mut self) -> Result<()> {
        if !self.cells.is_empty() {
            let rows = self.cells.len() / self.width;
            self.tx
                .prepare(&self.insert.sql(rows, self.shared.len()))?
                .execute(rusqlite::params_from_iter(
                    self.shared.iter().chain(&self.cells),
                ))?;
            self.cells.clear();
        }
        Ok(())
    }

    /// Sends the rows left over.
    fn finish(mut self) -> Result<()> {
        self.flush()
    }
}

/// A new entry's row, in [`ENTRIES`]' columns.
fn entry_row(r: &Record) -> Result<[Cell<'_>; 13]> {
    let opt_u8 = |v: Option<u8>| v.map_or(Cell::Null, |m| Cell::Int(i64::from(m)));
    let created = format_timestamp(r.created_at);
    // Most imported entries were never edited; times compare as instants,
    // so the offset too must match for the text to.
    let updated = if r.updated_at == r.created_at && r.updated_at.offset() == r.created_at.offset()
    {
        created.clone()
    } else {
        format_timestamp(r.updated_at)
    };
    Ok([
        Cell::Str(&r.id),
        Cell::String(r.day.to_string()),
        Cell::String(created),
        Cell::String(updated),
        Cell::Str(r.kind.as_str()),
        Cell::Str(&r.text),
        sections_json(&r.sections)?.map_or(Cell::Null, Cell::String),
        opt_u8(r.mood),
        opt_u8(r.urge),
        Cell::Int(i64::from(r.private)),
        Cell::Int(i64::from(r.discuss)),
        Cell::Int(r.revision),
        r.deleted_at
            .map_or(Cell::Null, |t| Cell::String(format_timestamp(t))),
    ])
}

/// The record's people in its order (each `text` if the text marks them,
/// else `given`, as when written in closer), then anyone else the text
/// marks; then its tags. The same rows `link` writes.
fn link_rows<'a>(
    tx: &Transaction<'_>,
    cache: &mut PeopleCache,
    r: &'a Record,
    stamp: &str,
    people: &mut Batch<'a, '_>,
    tags: &mut Batch<'a, '_>,
) -> Result<()> {
    let marked = mentions::people(&r.text);
    let mut marked_ids = Vec::with_capacity(marked.len());
    for m in &marked {
        marked_ids.push(cache.find_or_create(tx, m, stamp)?);
    }
    let mut linked: Vec<i64> = Vec::new();
    for name in r.people.iter().filter(|n| !n.trim().is_empty()) {
        let person = cache.find_or_create(tx, name, stamp)?;
        if !linked.contains(&person) {
            linked.push(person);
        }
    }
    for id in &marked_ids {
        if !linked.contains(id) {
            linked.push(*id);
        }
    }
    for (position, person) in linked.iter().enumerate() {
        let via = if marked_ids.contains(person) {
            "text"
        } else {
            "given"
        };
        people.push([
            Cell::Str(&r.id),
            Cell::Int(*person),
            Cell::int(position),
            Cell::Str(via),
        ])?;
    }
    for (position, tag) in mentions::tags(&r.text).into_iter().enumerate() {
        tags.push([Cell::Str(&r.id), Cell::String(tag), Cell::int(position)])?;
    }
    Ok(())
}

/// What the rules found in a new entry, as `detections::save` stores it,
/// in [`DETECTIONS`]' columns. The findings are the caller's to give away:
/// their strings move into the rows.
fn detection_rows<'a>(
    id: &'a str,
    mut found: EntryDetections,
    rows: &mut Batch<'a, '_>,
) -> Result<()> {
    for family in Family::ALL {
        let of_family = match family {
            Family::Sign => &mut found.signs,
            Family::Trigger => &mut found.triggers,
            Family::Thought => &mut found.thoughts,
            Family::Step => &mut found.steps,
            Family::Safety => &mut found.safety,
        };
        for d in std::mem::take(of_family) {
            rows.push([
                Cell::Str(id),
                Cell::Str(family.as_str()),
                Cell::String(d.id),
                Cell::String(d.rule),
                Cell::int(d.start),
                Cell::int(d.end),
                Cell::String(d.evidence),
                json_list(&d.people)?,
                json_list(&d.spans)?,
            ])?;
        }
    }
    Ok(())
}

/// A list as the JSON stored for it: most are empty.
fn json_list<T: serde::Serialize>(list: &[T]) -> Result<Cell<'static>> {
    Ok(if list.is_empty() {
        Cell::Str("[]")
    } else {
        Cell::String(to_json(&list)?)
    })
}

/// A person of the file: created if new; their role set if the journal has
/// none; each alias added unless it already names someone (then the
/// journal's meaning stays).
fn import_person(tx: &Transaction<'_>, p: &PersonRecord, stamp: &str) -> Result<()> {
    let id = find_or_create_person(tx, &p.name, stamp)?;
    if let Some(role) = p.role.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        tx.prepare_cached("UPDATE people SET role = ?2 WHERE id = ?1 AND role IS NULL")?
            .execute(params![id, role])?;
    }
    for alias in &p.aliases {
        let alias = alias.trim();
        if alias.is_empty() || resolve_person(tx, alias)?.is_some() {
            continue;
        }
        tx.prepare_cached(
            "INSERT INTO person_aliases (alias_key, alias, person_id) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![alias.to_lowercase(), alias, id])?;
    }
    Ok(())
}

/// Overwrites the journal's copy with the file's newer version.
fn replace(tx: &Transaction<'_>, r: &Record, stamp: &str) -> Result<()> {
    tx.execute("DELETE FROM entry_people WHERE entry_id = ?1", [&r.id])?;
    tx.execute("DELETE FROM entry_tags WHERE entry_id = ?1", [&r.id])?;
    tx.execute(
        "UPDATE entries SET day = ?2, created_at = ?3, updated_at = ?4, kind = ?5, text = ?6, \
         sections = ?7, mood = ?8, urge = ?9, private = ?10, discuss = ?11, revision = ?12, \
         deleted_at = ?13 WHERE id = ?1",
        params![
            r.id,
            r.day.to_string(),
            format_timestamp(r.created_at),
            format_timestamp(r.updated_at),
            r.kind.as_str(),
            r.text,
            sections_json(&r.sections)?,
            r.mood,
            r.urge,
            r.private,
            r.discuss,
            r.revision,
            r.deleted_at.map(format_timestamp),
        ],
    )?;
    link(tx, r, stamp)
}

/// Links the record's people in its order (each marked `text` if the text
/// names them, else `given`, as when written in closer), then anyone else
/// the text marks, then its tags.
fn link(tx: &Transaction<'_>, r: &Record, stamp: &str) -> Result<()> {
    if !r.people.is_empty() {
        let marked = mentions::people(&r.text);
        let mut marked_ids = Vec::with_capacity(marked.len());
        for m in &marked {
            if let Some(id) = resolve_person(tx, m)? {
                marked_ids.push(id);
            }
        }
        let mut position = 0i64;
        for name in &r.people {
            if name.trim().is_empty() {
                continue;
            }
            let person = find_or_create_person(tx, name, stamp)?;
            let via = if marked_ids.contains(&person) {
                "text"
            } else {
                "given"
            };
            position += i64::try_from(
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO entry_people (entry_id, person_id, position, via) \
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![r.id, person, position, via])?,
            )
            .unwrap_or(0);
        }
    }
    link_people(tx, &r.id, &[], &r.text, stamp)?;
    link_tags(tx, &r.id, &r.text)
}

/// Keeps the journal's version of `id` as a new entry in the trash, with its
/// people, tags and labels, before the import overwrites it.
fn copy_to_trash(tx: &Transaction<'_>, id: &str, stamp: &str) -> Result<()> {
    let copy = Uuid::now_v7().to_string();
    tx.execute(
        "INSERT INTO entries (id, day, created_at, updated_at, kind, text, sections, mood, urge, \
         private, discuss, revision, deleted_at) \
         SELECT ?2, day, created_at, updated_at, kind, text, sections, mood, urge, private, \
         discuss, revision, ?3 FROM entries WHERE id = ?1",
        params![id, copy, stamp],
    )?;
    tx.execute(
        "INSERT INTO entry_people (entry_id, person_id, position, via) \
         SELECT ?2, person_id, position, via FROM entry_people WHERE entry_id = ?1",
        params![id, copy],
    )?;
    tx.execute(
        "INSERT INTO entry_tags (entry_id, tag, position) \
         SELECT ?2, tag, position FROM entry_tags WHERE entry_id = ?1",
        params![id, copy],
    )?;
    tx.execute(
        "INSERT INTO detections (entry_id, family, label, source, status, rule, start, end, \
         evidence, people, spans, rules_version) \
         SELECT ?2, family, label, source, status, rule, start, end, evidence, people, spans, \
         rules_version FROM detections WHERE entry_id = ?1",
        params![id, copy],
    )?;
    Ok(())
}

/// Applies the user's word on a label from the file over what the rules
/// just stored. A label the rules no longer find is kept with the evidence
/// the file gave (checked against the text by the parser), or none.
fn decide(w: &Writer<'_>, entry_id: &str, d: &LabelDecision) -> Result<()> {
    let (start, end, evidence) = match &d.evidence {
        Some((s, t, ev)) => (
            i64::try_from(*s).ok(),
            i64::try_from(*t).ok(),
            Some(ev.as_str()),
        ),
        None => (None, None, None),
    };
    w.tx.prepare_cached(
        "INSERT INTO detections (entry_id, family, label, source, status, rule, start, end, \
                                 evidence, people, spans) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) \
         ON CONFLICT (entry_id, family, label) DO UPDATE SET \
           status = excluded.status, source = excluded.source",
    )?
    .execute(params![
        entry_id,
        d.family.as_str(),
        d.label,
        d.source.as_str(),
        d.status.as_str(),
        d.rule,
        start,
        end,
        evidence,
        to_json(&d.people)?,
        to_json(&d.spans)?,
    ])?;
    Ok(())
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| Error::invalid(format!("cannot store a detection: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Engine, summarize};

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-20T21:30:00+01:00").expect("time")
    }

    /// `n` notes from the demo journal (people marked in their text), every
    /// third with tags, under ids unrelated to their order.
    fn parsed(n: usize, seed: u64) -> Parsed {
        let records = crate::demo::journal(&crate::demo::DemoOptions {
            seed,
            end: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
            entries: n,
            offset: *now().offset(),
        })
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let text = if i % 3 == 0 {
                format!("{} #work #Sleep-{}", e.text, i % 7)
            } else {
                e.text
            };
            let at = e.created_at.unwrap_or_else(now);
            let id = crate::import::stable_id(&[&seed.to_string(), &i.to_string()]);
            Record::note(id, at, at, text, 4)
        })
        .collect();
        Parsed {
            format: crate::import::Format::Jrnl,
            records,
            people: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn import(store: &mut Store, parsed: &Parsed, engine: &Engine) -> ImportCounts {
        let found = &mut |i: usize| summarize(&engine.detect(&parsed.records[i].text));
        store
            .import(parsed, found, &engine.version(), now())
            .expect("imports")
    }

    fn count(store: &Store, table: &str) -> i64 {
        store
            .conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count")
    }

    fn indexes(store: &Store) -> Vec<(String, String)> {
        store
            .conn
            .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name")
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?)))?
                    .map(|r| r.map(|(name, sql)| (name, sql.unwrap_or_default())))
                    .collect()
            })
            .expect("indexes")
    }

    /// Past a full statement of every table, into an empty journal (whose
    /// indexes are dropped and made again) and into one that already holds
    /// an entry (whose are kept up to date): the same rows, the same indexes.
    #[test]
    fn a_large_import_writes_the_same_rows_into_an_empty_journal_or_not() {
        let engine = Engine::builtin();
        let big = parsed(ENTRIES.per + 345, 1);
        let mut empty = Store::open_in_memory().expect("store");
        let schema = indexes(&empty);
        let counts = import(&mut empty, &big, &engine);
        assert_eq!(
            (counts.added, counts.analysed),
            (big.records.len(), big.records.len())
        );
        assert_eq!(indexes(&empty), schema, "every index is back as it was");
        for (table, per) in [("detections", DETECTIONS.per), ("entry_tags", TAGS.per)] {
            assert!(
                count(&empty, table) > 2 * i64::try_from(per).expect("small"),
                "{table}"
            );
        }
        assert!(count(&empty, "entry_people") > 0);
        let stale: i64 = empty
            .conn
            .query_row(
                "SELECT count(*) FROM detections WHERE rules_version IS NOT ?1 \
                 OR source <> 'rules' OR status <> 'detected'",
                [engine.version()],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(stale, 0, "every label is the rules' own, of this version");

        let mut busy = Store::open_in_memory().expect("store");
        import(&mut busy, &parsed(1, 2), &engine);
        import(&mut busy, &big, &engine);
        assert_eq!(indexes(&busy), schema);
        let all = |s: &Store| s.backup_data(None, None).expect("reads");
        let (mut entries, mut detections) = all(&busy);
        let other = parsed(1, 2).records[0].id.clone();
        entries.retain(|e| e.id != other);
        detections.retain(|d| d.entry_id != other);
        assert_eq!(all(&empty), (entries, detections));
        // People's ids depend on who came first; their names do not.
        for sql in [
            "SELECT entry_id || ' ' || tag || ' ' || position FROM entry_tags",
            "SELECT l.entry_id || ' ' || p.name_key || ' ' || l.via || ' ' || l.position \
             FROM entry_people l JOIN people p ON p.id = l.person_id",
        ] {
            let links = |s: &Store| {
                let mut rows: Vec<String> = s
                    .conn
                    .prepare(sql)
                    .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
                    .expect("links");
                rows.sort();
                rows
            };
            let mut kept = links(&busy);
            kept.retain(|l| !l.starts_with(&other));
            assert_eq!(links(&empty), kept, "{sql}");
        }
        // The full-text index holds every entry.
        let found: i64 = empty
            .conn
            .query_row(
                "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'work'",
                [],
                |r| r.get(0),
            )
            .expect("search");
        assert!(found >= i64::try_from(big.records.len() / 3).expect("small"));
    }
}
