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
use rusqlite::{OptionalExtension, Transaction, params};
use uuid::Uuid;

use super::detections::{self, D_COLUMNS, detection_from_row};
use super::entries::{ENTRY_COLUMNS, entry_from_row, link_people, link_tags, sections_json};
use super::people::{find_or_create_person, resolve_person};
use super::{Store, Writer};
use crate::clock::format_timestamp;
use crate::import::{LabelDecision, Merge, Parsed, PersonRecord, Record, merge};
use crate::model::{Entry, StoredDetection};
use crate::rules::EntryDetections;
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

    /// What importing `parsed` would do now, and for each record whether
    /// the rules must run on it (it will be added or replace the journal's
    /// copy). Reads only.
    pub fn import_plan(&self, parsed: &Parsed) -> Result<(ImportCounts, Vec<bool>)> {
        // The parser made ids unique, so each record meets the journal alone.
        let mut counts = ImportCounts::default();
        let mut needs = Vec::with_capacity(parsed.records.len());
        let empty = journal_is_empty(&self.conn)?;
        for r in &parsed.records {
            let old = if empty {
                None
            } else {
                existing(&self.conn, &r.id)?
            };
            let action = merge(old.as_ref(), r);
            counts.count(action);
            let writes = matches!(action, Merge::Add | Merge::Replace);
            if writes {
                counts.analysed += 1;
            }
            needs.push(writes);
        }
        Ok((counts, needs))
    }

    /// Imports `parsed` in one transaction. `found()` gives, for each record
    /// `i`, what the rules found in it when computed ahead: it is asked only
    /// once the entries and their links are written, so the rules can run on
    /// other threads meanwhile. `detect` is asked for any other record that turns out to need it
    /// (the journal changed since the plan). The store itself knows nothing
    /// of how detections are made.
    pub fn import(
        &mut self,
        parsed: &Parsed,
        found: &mut dyn FnMut() -> Vec<Option<EntryDetections>>,
        rules_version: &str,
        now: DateTime<FixedOffset>,
        detect: &mut dyn FnMut(&str) -> EntryDetections,
    ) -> Result<ImportCounts> {
        // A large import outgrows SQLite's default 2 MB page cache within one
        // transaction, and then spills pages to the WAL and reads them back;
        // a bigger cache for this one write keeps it in memory.
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", IMPORT_CACHE_KIB)?;
        let done = self.import_in_one_transaction(parsed, found, rules_version, now, detect);
        self.conn.pragma_update(None, "cache_size", cache)?;
        done
    }

    fn import_in_one_transaction(
        &mut self,
        parsed: &Parsed,
        found: &mut dyn FnMut() -> Vec<Option<EntryDetections>>,
        rules_version: &str,
        now: DateTime<FixedOffset>,
        detect: &mut dyn FnMut(&str) -> EntryDetections,
    ) -> Result<ImportCounts> {
        self.write_with(now, |w| {
            // Into an empty journal every record is new: no need to look
            // each one up (a tenth of a large import's write).
            let empty = journal_is_empty(w.tx)?;
            for p in &parsed.people {
                import_person(w.tx, p, &w.now)?;
            }
            let mut counts = ImportCounts::default();
            // The parser made ids unique, so each record is merged with the
            // journal alone, and the writes can be grouped by kind.
            let mut added = Vec::new();
            let mut replaced = Vec::new();
            for (i, r) in parsed.records.iter().enumerate() {
                let old = if empty { None } else { existing(w.tx, &r.id)? };
                let action = merge(old.as_ref(), r);
                counts.count(action);
                match action {
                    Merge::Same | Merge::KeepJournal => continue,
                    Merge::Add => added.push(i),
                    Merge::Replace => {
                        if old.as_ref().is_some_and(|o| o.text != r.text) {
                            copy_to_trash(w.tx, &r.id, &w.now)?;
                            counts.trash_copies += 1;
                        }
                        replace(w.tx, r, &w.now)?;
                        replaced.push(i);
                    }
                }
            }
            // New entries, and their people, tags and labels, go in many rows
            // to a statement. Each statement that writes makes SQLite set a
            // savepoint, and the full-text index writes out what it holds at
            // every savepoint: one entry a statement made one tiny index
            // segment per entry, and merging those, with the cost of the
            // statements themselves, was most of a large import's time.
            // In id order: every table of an entry is keyed by its id first,
            // and ids from other apps are random, so file order would scatter
            // each row across the B-trees and leave their pages half full.
            added.sort_by(|&a, &b| parsed.records[a].id.cmp(&parsed.records[b].id));
            let mut rows = Rows::default();
            let mut people = PeopleCache::default();
            for &i in &added {
                rows.links(w.tx, &mut people, &parsed.records[i], &w.now)?;
            }
            for batch in added.chunks(INSERT_BATCH) {
                insert_many(w.tx, batch.iter().map(|&i| &parsed.records[i]))?;
            }
            rows.write_links(w.tx)?;
            // Only now are the rules' findings needed.
            let found = found();
            for &i in &added {
                let r = &parsed.records[i];
                let computed;
                let detections = match found.get(i).and_then(Option::as_ref) {
                    Some(d) => d,
                    None => {
                        computed = detect(&r.text);
                        &computed
                    }
                };
                rows.detections(&r.id, detections, rules_version)?;
            }
            rows.write_detections(w.tx)?;
            counts.analysed += added.len();
            for &i in &added {
                let r = &parsed.records[i];
                for d in &r.decisions {
                    decide(w, &r.id, d)?;
                }
            }
            // Replaced entries, few, one at a time.
            for i in replaced {
                let r = &parsed.records[i];
                let computed;
                let detections = match found.get(i).and_then(Option::as_ref) {
                    Some(d) => d,
                    None => {
                        computed = detect(&r.text);
                        &computed
                    }
                };
                counts.analysed += 1;
                detections::save(w.tx, &r.id, detections, rules_version)?;
                for d in &r.decisions {
                    decide(w, &r.id, d)?;
                }
            }
            Ok(counts)
        })
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

/// The rows of new entries' people, tags and labels, written together.
#[derive(Default)]
struct Rows {
    people: Vec<rusqlite::types::Value>,
    tags: Vec<rusqlite::types::Value>,
    detections: Vec<rusqlite::types::Value>,
}

impl Rows {
    /// The record's people in its order (each `text` if the text marks
    /// them, else `given`, as when written in closer), then anyone else the
    /// text marks; then its tags. The same rows `link` writes.
    fn links(
        &mut self,
        tx: &Transaction<'_>,
        cache: &mut PeopleCache,
        r: &Record,
        stamp: &str,
    ) -> Result<()> {
        use rusqlite::types::Value as V;
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
            self.people.extend([
                V::Text(r.id.clone()),
                V::Integer(*person),
                V::Integer(i64::try_from(position).unwrap_or(i64::MAX)),
                V::Text(via.to_string()),
            ]);
        }
        for (position, tag) in mentions::tags(&r.text).into_iter().enumerate() {
            self.tags.extend([
                V::Text(r.id.clone()),
                V::Text(tag),
                V::Integer(i64::try_from(position).unwrap_or(i64::MAX)),
            ]);
        }
        Ok(())
    }

    /// What the rules found, as `detections::save` stores it for a new entry.
    fn detections(&mut self, id: &str, found: &EntryDetections, version: &str) -> Result<()> {
        use rusqlite::types::Value as V;
        for family in crate::rules::Family::ALL {
            for d in found.family(family) {
                self.detections.extend([
                    V::Text(id.to_string()),
                    V::Text(family.as_str().to_string()),
                    V::Text(d.id.clone()),
                    V::Text("rules".to_string()),
                    V::Text("detected".to_string()),
                    V::Text(d.rule.clone()),
                    V::Integer(i64::try_from(d.start).unwrap_or(i64::MAX)),
                    V::Integer(i64::try_from(d.end).unwrap_or(i64::MAX)),
                    V::Text(d.evidence.clone()),
                    V::Text(to_json(&d.people)?),
                    V::Text(to_json(&d.spans)?),
                    V::Text(version.to_string()),
                ]);
            }
        }
        Ok(())
    }

    fn write_links(&mut self, tx: &Transaction<'_>) -> Result<()> {
        insert_rows(
            tx,
            "INSERT INTO entry_people (entry_id, person_id, position, via)",
            4,
            std::mem::take(&mut self.people),
        )?;
        insert_rows(
            tx,
            "INSERT INTO entry_tags (entry_id, tag, position)",
            3,
            std::mem::take(&mut self.tags),
        )
    }

    fn write_detections(self, tx: &Transaction<'_>) -> Result<()> {
        insert_rows(
            tx,
            "INSERT INTO detections (entry_id, family, label, source, status, rule, start, end, \
             evidence, people, spans, rules_version)",
            12,
            self.detections,
        )
    }
}

/// Inserts `values`, `width` to a row, many rows to a statement.
fn insert_rows(
    tx: &Transaction<'_>,
    head: &str,
    width: usize,
    values: Vec<rusqlite::types::Value>,
) -> Result<()> {
    let per = (30_000 / width).min(500);
    let mut full: Option<String> = None;
    for chunk in values.chunks(per * width) {
        let n = chunk.len() / width;
        let sql = |n: usize| {
            let mut sql = format!("{head} VALUES ");
            for k in 0..n {
                if k > 0 {
                    sql.push_str(", ");
                }
                sql.push('(');
                sql.push_str(
                    &(1..=width)
                        .map(|c| format!("?{}", k * width + c))
                        .collect::<Vec<_>>()
                        .join(", "),
                );
                sql.push(')');
            }
            sql
        };
        let params = rusqlite::params_from_iter(chunk.iter());
        if n == per {
            let sql = full.get_or_insert_with(|| sql(n));
            tx.prepare_cached(sql)?.execute(params)?;
        } else {
            tx.prepare(&sql(n))?.execute(params)?;
        }
    }
    Ok(())
}

/// New entries per `INSERT` statement (13 parameters each, well under
/// SQLite's limit of 32,766).
const INSERT_BATCH: usize = 2_000;

/// Inserts `records` with one statement.
fn insert_many<'a>(
    tx: &Transaction<'_>,
    records: impl ExactSizeIterator<Item = &'a Record>,
) -> Result<()> {
    let n = records.len();
    if n == 0 {
        return Ok(());
    }
    let mut sql = String::from(
        "INSERT INTO entries (id, day, created_at, updated_at, kind, text, sections, \
         mood, urge, private, discuss, revision, deleted_at) VALUES ",
    );
    for k in 0..n {
        if k > 0 {
            sql.push_str(", ");
        }
        let b = k * 13;
        sql.push('(');
        sql.push_str(
            &(1..=13)
                .map(|c| format!("?{}", b + c))
                .collect::<Vec<_>>()
                .join(", "),
        );
        sql.push(')');
    }
    let mut values: Vec<rusqlite::types::Value> = Vec::with_capacity(n * 13);
    for r in records {
        use rusqlite::types::Value as V;
        let opt_u8 = |v: Option<u8>| v.map_or(V::Null, |m| V::Integer(i64::from(m)));
        values.extend([
            V::Text(r.id.clone()),
            V::Text(r.day.to_string()),
            V::Text(format_timestamp(r.created_at)),
            V::Text(format_timestamp(r.updated_at)),
            V::Text(r.kind.as_str().to_string()),
            V::Text(r.text.clone()),
            sections_json(&r.sections)?.map_or(V::Null, V::Text),
            opt_u8(r.mood),
            opt_u8(r.urge),
            V::Integer(i64::from(r.private)),
            V::Integer(i64::from(r.discuss)),
            V::Integer(r.revision),
            r.deleted_at
                .map_or(V::Null, |t| V::Text(format_timestamp(t))),
        ]);
    }
    // The full batch's statement is cached; the last, shorter one is not
    // worth a place in the cache.
    let values = rusqlite::params_from_iter(values);
    if n == INSERT_BATCH {
        tx.prepare_cached(&sql)?.execute(values)?;
    } else {
        tx.prepare(&sql)?.execute(values)?;
    }
    Ok(())
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
