//! Detections as stored: what the rules found in each entry, merged with
//! what the user said of it.
//!
//! Saving new rule results never overrules the user: a dismissed label stays
//! dismissed when the rules find it again; a confirmed or hand-added label
//! stays when the rules no longer find it. Only plain rule findings the user
//! never touched are replaced.

use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::Store;
use super::entries::sections_from_json;
use crate::model::{DetectionSource, DetectionStatus, Section, StoredDetection};
use crate::rules::{EntryDetections, Family, Span};
use crate::{Error, Result};

pub(super) const RULES_VERSION_KEY: &str = "rules_version";

pub(super) const COLUMNS: &str =
    "entry_id, family, label, source, status, rule, start, end, evidence, people, spans";

/// [`COLUMNS`] of the table aliased `d`, for queries joining entries.
pub(super) const D_COLUMNS: &str = "d.entry_id, d.family, d.label, d.source, d.status, d.rule, \
     d.start, d.end, d.evidence, d.people, d.spans";

pub(super) fn save(
    tx: &Transaction<'_>,
    entry_id: &str,
    found: &EntryDetections,
    rules_version: &str,
) -> Result<()> {
    // Plain findings are recomputed from scratch; anything the user touched stays.
    tx.prepare_cached(
        "DELETE FROM detections WHERE entry_id = ?1 AND source = 'rules' AND status = 'detected'",
    )?
    .execute([entry_id])?;
    let mut upsert = tx.prepare_cached(
        "INSERT INTO detections (entry_id, family, label, source, status, rule, start, end, \
                                 evidence, people, spans, rules_version) \
         VALUES (?1, ?2, ?3, 'rules', 'detected', ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
         ON CONFLICT (entry_id, family, label) DO UPDATE SET \
           rule = excluded.rule, start = excluded.start, end = excluded.end, \
           evidence = excluded.evidence, people = excluded.people, spans = excluded.spans, \
           rules_version = excluded.rules_version",
    )?;
    for family in Family::ALL {
        for d in found.family(family) {
            upsert.execute(params![
                entry_id,
                family.as_str(),
                d.id,
                d.rule,
                to_i64(d.start),
                to_i64(d.end),
                d.evidence,
                json(&d.people)?,
                json(&d.spans)?,
                rules_version,
            ])?;
        }
    }
    Ok(())
}

pub(super) fn set_meta(tx: &Transaction<'_>, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub(super) fn set_status(
    tx: &Transaction<'_>,
    entry_id: &str,
    family: Family,
    label: &str,
    status: DetectionStatus,
) -> Result<()> {
    let changed = tx.execute(
        "UPDATE detections SET status = ?4 WHERE entry_id = ?1 AND family = ?2 AND label = ?3",
        params![entry_id, family.as_str(), label, status.as_str()],
    )?;
    if changed == 0 {
        return Err(Error::invalid(format!(
            "entry {entry_id} has no {}/{label} to {}; `closer explain` shows its labels, `closer label … add` adds one",
            family.as_str(),
            match status {
                DetectionStatus::Dismissed => "dismiss",
                _ => "confirm",
            }
        )));
    }
    Ok(())
}

pub(super) fn add_user(
    tx: &Transaction<'_>,
    entry_id: &str,
    family: Family,
    label: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO detections (entry_id, family, label, source, status) \
         VALUES (?1, ?2, ?3, 'user', 'confirmed') \
         ON CONFLICT (entry_id, family, label) DO UPDATE SET status = 'confirmed'",
        params![entry_id, family.as_str(), label],
    )?;
    Ok(())
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| Error::invalid(format!("cannot store a detection: {e}")))
}

pub(super) fn detection_from_row(row: &Row<'_>) -> rusqlite::Result<StoredDetection> {
    let bad = |col: usize, what: String| {
        rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, what.into())
    };
    let family: String = row.get(1)?;
    let source: String = row.get(3)?;
    let status: String = row.get(4)?;
    let people: String = row.get(9)?;
    let spans: String = row.get(10)?;
    let start: Option<i64> = row.get(6)?;
    let end: Option<i64> = row.get(7)?;
    Ok(StoredDetection {
        entry_id: row.get(0)?,
        family: Family::parse(&family).ok_or_else(|| bad(1, format!("unknown family {family}")))?,
        label: row.get(2)?,
        source: match source.as_str() {
            "user" => DetectionSource::User,
            _ => DetectionSource::Rules,
        },
        status: match status.as_str() {
            "confirmed" => DetectionStatus::Confirmed,
            "dismissed" => DetectionStatus::Dismissed,
            _ => DetectionStatus::Detected,
        },
        rule: row.get(5)?,
        start: start.and_then(|n| usize::try_from(n).ok()),
        end: end.and_then(|n| usize::try_from(n).ok()),
        evidence: row.get(8)?,
        people: serde_json::from_str(&people).map_err(|e| bad(9, e.to_string()))?,
        spans: serde_json::from_str::<Vec<Span>>(&spans).map_err(|e| bad(10, e.to_string()))?,
    })
}

impl Store {
    /// The labels of one entry, evidence first in text order, hand-added last.
    pub fn detections(&self, entry_id: &str) -> Result<Vec<StoredDetection>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM detections WHERE entry_id = ?1 \
             ORDER BY start IS NULL, start, family, label"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([entry_id], detection_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every detection of the live entries whose day lies in `from..=to`
    /// (each bound optional), for reviews and exports.
    pub fn detections_between(
        &self,
        from: Option<chrono::NaiveDate>,
        to: Option<chrono::NaiveDate>,
    ) -> Result<Vec<StoredDetection>> {
        // Only the bounds given go into the query, so SQLite walks the
        // entries' day index over the period instead of every detection.
        let mut sql = format!(
            "SELECT {D_COLUMNS} FROM entries e JOIN detections d ON d.entry_id = e.id \
             WHERE e.deleted_at IS NULL"
        );
        let mut args: Vec<String> = Vec::new();
        if let Some(from) = from {
            args.push(from.to_string());
            sql.push_str(&format!(" AND e.day >= ?{}", args.len()));
        }
        if let Some(to) = to {
            args.push(to.to_string());
            sql.push_str(&format!(" AND e.day <= ?{}", args.len()));
        }
        sql.push_str(" ORDER BY e.day, e.created_at, d.start");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), detection_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Confirms or dismisses a label of an entry.
    pub fn set_detection_status(
        &mut self,
        entry_id: &str,
        family: Family,
        label: &str,
        status: DetectionStatus,
    ) -> Result<()> {
        self.write(|tx| set_status(tx, entry_id, family, label, status))
    }

    /// Adds a label the rules missed, as the user's own (confirmed) word.
    pub fn add_user_label(&mut self, entry_id: &str, family: Family, label: &str) -> Result<()> {
        self.write(|tx| add_user(tx, entry_id, family, label))
    }

    /// The version of the rules the stored detections come from, if any ran.
    pub fn rules_version(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [RULES_VERSION_KEY],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Every entry's id, text and check-in sections, live and in the
    /// trash, for re-analysis.
    pub fn texts(&self) -> Result<Vec<(String, String, Vec<Section>)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, text, sections FROM entries ORDER BY rowid")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, sections_from_json(2, r.get(2)?)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

#[cfg(test)]
mod columns_tests {
    #[test]
    fn the_aliased_columns_are_the_columns() {
        let aliased: Vec<String> = super::COLUMNS
            .split(", ")
            .map(|c| format!("d.{c}"))
            .collect();
        let written: Vec<&str> = super::D_COLUMNS.split(", ").collect();
        assert_eq!(written, aliased);
    }
}
