//! Read-only queries for reviews and patterns: the live entries of a range
//! of days and their detections, each one query that walks the day index,
//! so a review of one week costs the same in a ten-year journal as in a new
//! one.

use chrono::NaiveDate;
use rusqlite::params;

use super::Store;
use super::detections::{D_COLUMNS, detection_from_row};
use super::entries::{ENTRY_COLUMNS, entry_from_row};
use crate::Result;
use crate::model::{Entry, StoredDetection};

impl Store {
    /// The live entries whose day lies in `from..=to` (every kind), oldest
    /// first, and all their detections (dismissed ones too: the analysis
    /// decides what counts).
    pub fn review_data(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<(Vec<Entry>, Vec<StoredDetection>)> {
        let (from, to) = (from.to_string(), to.to_string());
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries e \
             WHERE e.deleted_at IS NULL AND e.day >= ?1 AND e.day <= ?2 \
             ORDER BY e.day, e.created_at"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let entries = stmt
            .query_map(params![from, to], entry_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let sql = format!(
            "SELECT {D_COLUMNS} FROM entries e JOIN detections d ON d.entry_id = e.id \
             WHERE e.deleted_at IS NULL AND e.day >= ?1 AND e.day <= ?2 \
             ORDER BY e.day, e.created_at, d.start"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let detections = stmt
            .query_map(params![from, to], detection_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((entries, detections))
    }
}
