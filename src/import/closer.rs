//! closer's own backup (`closer export --format json`, schema in
//! `docs/backup-format.md` and `export::backup`): entries keep their UUIDs,
//! times, revisions and trash state; people keep their aliases and roles;
//! the user's confirmed, dismissed and hand-added labels are kept as
//! decisions. Plain rule findings are not read: the rules compute them again
//! for the imported text.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{
    LabelDecision, ParseError, Parsed, PersonRecord, Record, json_error, record_from, records_of,
};
use crate::export::backup::{BACKUP_FORMAT, BACKUP_VERSION, BackupEntry, BackupPerson};
use crate::model::{DetectionSource, DetectionStatus};

#[derive(Deserialize)]
struct Top<'a> {
    format: String,
    version: u32,
    #[serde(default)]
    redacted: bool,
    #[serde(default)]
    private_left_out: usize,
    #[serde(borrow)]
    entries: Vec<&'a RawValue>,
    #[serde(default)]
    people: Vec<BackupPerson>,
}

pub fn parse(text: &str) -> Result<Parsed, ParseError> {
    let top: Top<'_> = serde_json::from_str(text).map_err(json_error)?;
    if top.format != BACKUP_FORMAT {
        return Err(ParseError::new(format!(
            "`format` is `{}`, not `{BACKUP_FORMAT}`: this is not a closer backup",
            crate::text::terminal::one_line(&top.format)
        )));
    }
    if top.version > BACKUP_VERSION {
        return Err(ParseError::new(format!(
            "this backup is version {} of the format, written by a newer closer (this one reads up to {BACKUP_VERSION}); update closer to import it",
            top.version
        )));
    }
    let records = records_of(&top.entries, text, |index, line, raw| {
        let entry: BackupEntry = record_from(index, line, raw)?;
        record(index, line, entry)
    })?;
    let mut people = Vec::with_capacity(top.people.len());
    for (i, p) in top.people.into_iter().enumerate() {
        if p.name.trim().is_empty() {
            return Err(ParseError::new(format!(
                "person {} has no name; nothing was imported",
                i + 1
            )));
        }
        people.push(PersonRecord {
            name: p.name,
            role: p.role,
            aliases: p.aliases,
        });
    }
    let mut warnings = Vec::new();
    if top.redacted {
        warnings.push(
            "this backup was made with --redact: names in it were replaced, so what is imported is not the original journal"
                .to_string(),
        );
    }
    if top.private_left_out > 0 {
        warnings.push(format!(
            "this backup left out {} private entries (it was made without --include-private)",
            top.private_left_out
        ));
    }
    Ok(Parsed {
        format: super::Format::Closer,
        records,
        people,
        warnings,
    })
}

fn record(index: usize, line: usize, e: BackupEntry) -> Result<Record, ParseError> {
    let id = uuid::Uuid::parse_str(&e.id)
        .map_err(|_| ParseError::record(index, line, "`id` is not a UUID"))?
        .to_string();
    let decisions = e
        .detections
        .into_iter()
        // Plain findings are the rules' to make again; only the user's word is kept.
        .filter(|d| d.source == DetectionSource::User || d.status != DetectionStatus::Detected)
        .map(|d| {
            // Evidence is trusted only if it is what the text says there.
            let evidence = match (d.start, d.end, d.evidence) {
                (Some(s), Some(t), Some(ev)) if e.text.get(s..t) == Some(ev.as_str()) => {
                    Some((s, t, ev))
                }
                _ => None,
            };
            let spans = d
                .spans
                .into_iter()
                .filter(|s| e.text.get(s.start..s.end) == Some(s.evidence.as_str()))
                .collect();
            LabelDecision {
                family: d.family,
                label: d.label,
                source: d.source,
                status: d.status,
                rule: d.rule,
                evidence,
                people: d.people,
                spans,
            }
        })
        .collect();
    Ok(Record {
        id,
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
        decisions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"{
  "format": "closer",
  "version": 1,
  "entries": [
    {"id": "019a4f2c-0000-7000-8000-000000000001", "day": "2026-11-18",
     "created_at": "2026-11-18T21:00:00+01:00", "updated_at": "2026-11-18T21:00:00+01:00",
     "kind": "note", "text": "Left @Sam on read.", "mood": 2, "urge": 6, "revision": 1,
     "detections": [
       {"family": "signs", "label": "ignored-contact", "status": "detected", "source": "rules"},
       {"family": "signs", "label": "curt-reply", "status": "dismissed", "source": "rules"}
     ]},
    {"id": "019a4f2c-0000-7000-8000-000000000002", "day": "2026-11-19",
     "created_at": "2026-11-19T21:00:00+01:00", "updated_at": "2026-11-19T21:00:00+01:00",
     "kind": "note", "text": "Fine.", "mood": 9, "revision": 1}
  ]
}"#;

    #[test]
    fn a_bad_record_is_named_with_its_line() {
        let err = parse(ONE).expect_err("mood 9");
        assert!(err.message.starts_with("entry 2 (line 12)"), "{err}");
        assert!(err.message.contains("mood of 9"), "{err}");
    }

    #[test]
    fn only_the_users_word_is_kept() {
        let fixed = ONE.replace("\"mood\": 9", "\"mood\": 3");
        let parsed = parse(&fixed).expect("parses");
        assert_eq!(parsed.records.len(), 2);
        let d = &parsed.records[0].decisions;
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].status, DetectionStatus::Dismissed);
    }

    #[test]
    fn a_newer_version_is_refused() {
        let err = parse(r#"{"format":"closer","version":2,"entries":[]}"#).expect_err("newer");
        assert!(err.message.contains("update closer"), "{err}");
    }
}
