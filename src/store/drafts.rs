//! Drafts: a form being filled in (the evening check-in), kept as the user
//! types so that nothing typed is lost to a crash, a closed terminal or Esc.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::Result;
use crate::clock::format_timestamp;

/// A saved draft; `body` is the form's own JSON, opaque to the store.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub form: String,
    pub day: NaiveDate,
    /// The entry the form edits, and its revision when it was opened.
    pub entry_id: Option<String>,
    pub revision: Option<i64>,
    pub body: String,
    pub updated_at: Option<DateTime<FixedOffset>>,
}

pub(super) fn discard(tx: &rusqlite::Transaction<'_>, form: &str) -> Result<()> {
    tx.execute("DELETE FROM drafts WHERE form = ?1", [form])?;
    Ok(())
}

impl Store {
    /// Saves (replaces) the draft of `draft.form`.
    pub fn save_draft(&mut self, draft: &Draft, now: DateTime<FixedOffset>) -> Result<()> {
        let stamp = format_timestamp(now);
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO drafts (form, day, entry_id, revision, body, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
                 ON CONFLICT (form) DO UPDATE SET day = excluded.day, entry_id = excluded.entry_id, \
                   revision = excluded.revision, body = excluded.body, updated_at = excluded.updated_at",
            )?
            .execute(params![
                draft.form,
                draft.day.to_string(),
                draft.entry_id,
                draft.revision,
                draft.body,
                stamp
            ])?;
            Ok(())
        })
    }

    /// The draft of a form, if one was left.
    pub fn draft(&self, form: &str) -> Result<Option<Draft>> {
        let row = self
            .conn
            .query_row(
                "SELECT form, day, entry_id, revision, body, updated_at FROM drafts WHERE form = ?1",
                [form],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<i64>>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                },
            )
            .optional()?;
        Ok(
            row.and_then(|(form, day, entry_id, revision, body, updated)| {
                // A draft whose day cannot be read is still the user's text:
                // keep it, on today's page.
                let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok()?;
                Some(Draft {
                    form,
                    day,
                    entry_id,
                    revision,
                    body,
                    updated_at: DateTime::parse_from_rfc3339(&updated).ok(),
                })
            }),
        )
    }

    /// Throws a draft away.
    pub fn discard_draft(&mut self, form: &str) -> Result<()> {
        self.write(|tx| discard(tx, form))
    }
}
