//! What the user did about earlier entries: whether they took the small step
//! they planned, and which repairs ("went quiet on Sam on Tuesday") are done.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};
use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::Result;
use crate::clock::format_timestamp;

/// A repair marked done: the entry and label it answers, and the person
/// (as their lower-cased name).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RepairKey {
    pub entry_id: String,
    pub label: String,
    pub person: String,
}

impl Store {
    /// Records whether the small step planned in `entry_id` was taken.
    pub fn answer_small_step(
        &mut self,
        entry_id: &str,
        done: bool,
        now: DateTime<FixedOffset>,
    ) -> Result<()> {
        let stamp = format_timestamp(now);
        self.write(|tx| {
            tx.execute(
                "INSERT INTO small_steps (entry_id, done, answered_at) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (entry_id) DO UPDATE SET done = excluded.done, answered_at = excluded.answered_at",
                params![entry_id, done, stamp],
            )?;
            Ok(())
        })
    }

    /// The answer given for the small step planned in `entry_id`, if any.
    pub fn small_step_answer(&self, entry_id: &str) -> Result<Option<bool>> {
        Ok(self
            .conn
            .prepare_cached("SELECT done FROM small_steps WHERE entry_id = ?1")?
            .query_row([entry_id], |r| r.get(0))
            .optional()?)
    }

    /// Marks a repair done.
    pub fn mark_repair_done(&mut self, key: &RepairKey, now: DateTime<FixedOffset>) -> Result<()> {
        let stamp = format_timestamp(now);
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO repairs_done (entry_id, label, person, done_at) VALUES (?1, ?2, ?3, ?4)",
                params![key.entry_id, key.label, key.person.to_lowercase(), stamp],
            )?;
            Ok(())
        })
    }

    /// Every repair marked done.
    pub fn repairs_done(&self) -> Result<HashSet<RepairKey>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT entry_id, label, person FROM repairs_done")?;
        let rows = stmt.query_map([], |r| {
            Ok(RepairKey {
                entry_id: r.get(0)?,
                label: r.get(1)?,
                person: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<HashSet<_>>>()?)
    }
}
