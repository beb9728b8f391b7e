//! The backup format: the whole journal as one versioned JSON document
//! (`closer export --format json`), which `closer import` reads back. The
//! schema is documented field by field in `docs/backup-format.md`; the
//! types here are that schema, serialised on export and deserialised on
//! import (`import::closer`), so the two cannot drift apart.
//!
//! Pure: entries, detections and people in, a JSON value out. The privacy
//! rules hold here too:
//! - private entries are left out unless asked ([`BackupOptions::include_private`]),
//!   and so are the people named only in them;
//! - a dismissed detection is kept only as the user's decision
//!   (`family`, `label`, `status`, `source`), never with its evidence, so
//!   the decision survives a round trip while the dismissed words never
//!   appear;
//! - with redaction, every string but ids and days has names replaced, as in
//!   the other formats (the file is then no longer a faithful backup, and it
//!   says so in `redacted`).
//!
//! Entries in the trash are included, with `deleted_at`: a backup that
//! forgot them would make a restore after a mistaken delete impossible.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::config::{PatternSettings, ReviewDay, Settings};
use crate::model::{
    DetectionSource, DetectionStatus, Entry, EntryKind, PersonSummary, Section, StoredDetection,
};
use crate::rules::{Family, Span};

/// The value of `format` in a backup.
pub const BACKUP_FORMAT: &str = "closer";

/// The version of the backup's shape. Bumped when a field changes meaning or
/// goes away; adding an optional field does not bump it, and readers ignore
/// fields they do not know. closer refuses a backup with a higher version.
pub const BACKUP_VERSION: u32 = 1;

/// What the user asked of the backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BackupOptions {
    pub include_private: bool,
    pub redact: bool,
}

/// The whole document.
#[derive(Debug, Clone, Serialize)]
pub struct Backup {
    pub format: &'static str,
    pub version: u32,
    pub exported_at: DateTime<FixedOffset>,
    /// The days covered, when `--from`/`--to` narrowed the backup.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub private_included: bool,
    /// How many private entries were left out.
    pub private_left_out: usize,
    pub redacted: bool,
    pub entries: Vec<BackupEntry>,
    pub people: Vec<BackupPerson>,
    pub settings: BackupSettings,
}

/// One entry, with the labels found in it and the user's word on them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupEntry {
    pub id: String,
    pub day: NaiveDate,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    pub kind: EntryKind,
    pub text: String,
    #[serde(default)]
    pub sections: Vec<Section>,
    pub mood: Option<u8>,
    pub urge: Option<u8>,
    #[serde(default)]
    pub people: Vec<String>,
    /// Derived from the text's `#tags`; informative, recomputed on import.
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub private: bool,
    #[serde(default)]
    pub discuss: bool,
    pub revision: i64,
    #[serde(default)]
    pub deleted_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    pub detections: Vec<BackupDetection>,
}

/// A label of an entry. A dismissed one carries no evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupDetection {
    pub family: Family,
    pub label: String,
    pub status: DetectionStatus,
    pub source: DetectionSource,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupPerson {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// The settings that shape what closer shows (not the editor, which
/// belongs to a machine). For reference: import never rewrites the user's
/// `config.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupSettings {
    pub day_starts_at: u32,
    pub review_day: ReviewDay,
    pub remind_from: u32,
    pub patterns: PatternSettings,
}

impl From<&Settings> for BackupSettings {
    fn from(s: &Settings) -> Self {
        BackupSettings {
            day_starts_at: s.day_starts_at,
            review_day: s.review_day,
            remind_from: s.remind_from,
            patterns: s.patterns.clone(),
        }
    }
}

/// The backup of `entries` (live and trashed) with their `detections` and
/// everyone in the journal, privacy rules applied, as a JSON value.
pub fn build(
    entries: &[Entry],
    detections: &[StoredDetection],
    people: &[PersonSummary],
    settings: &Settings,
    range: (Option<NaiveDate>, Option<NaiveDate>),
    exported_at: DateTime<FixedOffset>,
    options: BackupOptions,
) -> Backup {
    let mut by_entry: BTreeMap<&str, Vec<&StoredDetection>> = BTreeMap::new();
    for d in detections {
        by_entry.entry(d.entry_id.as_str()).or_default().push(d);
    }
    let private_left_out = entries
        .iter()
        .filter(|e| e.private && !options.include_private)
        .count();
    // Someone named only in private entries is as private as they are.
    let named = |private: bool| -> HashSet<String> {
        entries
            .iter()
            .filter(|e| e.private == private)
            .flat_map(|e| e.people.iter().map(|n| n.to_lowercase()))
            .collect()
    };
    let only_private: HashSet<String> = named(true).difference(&named(false)).cloned().collect();
    let entries = entries
        .iter()
        .filter(|e| options.include_private || !e.private)
        .map(|e| BackupEntry {
            id: e.id.clone(),
            day: e.day,
            created_at: e.created_at,
            updated_at: e.updated_at,
            kind: e.kind,
            text: e.text.clone(),
            sections: e.sections.clone(),
            mood: e.mood,
            urge: e.urge,
            people: e.people.clone(),
            tags: e.tags.clone(),
            private: e.private,
            discuss: e.discuss,
            revision: e.revision,
            deleted_at: e.deleted_at,
            detections: by_entry
                .get(e.id.as_str())
                .into_iter()
                .flatten()
                .map(|d| detection(d))
                .collect(),
        })
        .collect();
    Backup {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        exported_at,
        from: range.0,
        to: range.1,
        private_included: options.include_private,
        private_left_out,
        redacted: options.redact,
        entries,
        people: people
            .iter()
            .filter(|p| options.include_private || !only_private.contains(&p.name.to_lowercase()))
            .map(|p| BackupPerson {
                name: p.name.clone(),
                role: p.role.clone(),
                aliases: p.aliases.clone(),
            })
            .collect(),
        settings: settings.into(),
    }
}

/// A stored detection as the backup holds it: a dismissed one reduced to
/// the decision alone.
fn detection(d: &StoredDetection) -> BackupDetection {
    if d.status == DetectionStatus::Dismissed {
        return BackupDetection {
            family: d.family,
            label: d.label.clone(),
            status: d.status,
            source: d.source,
            rule: None,
            start: None,
            end: None,
            evidence: None,
            people: Vec::new(),
            spans: Vec::new(),
        };
    }
    BackupDetection {
        family: d.family,
        label: d.label.clone(),
        status: d.status,
        source: d.source,
        rule: d.rule.clone(),
        start: d.start,
        end: d.end,
        evidence: d.evidence.clone(),
        people: d.people.clone(),
        spans: d.spans.clone(),
    }
}

/// The backup as JSON, names replaced when asked. The order of first
/// appearance (for "Person A, B…") is the entries' people, oldest first,
/// then everyone else.
pub fn to_value(backup: &Backup, people: &[PersonSummary]) -> serde_json::Value {
    let value = serde_json::to_value(backup).unwrap_or(serde_json::Value::Null);
    if !backup.redacted {
        return value;
    }
    let order: Vec<String> = backup
        .entries
        .iter()
        .flat_map(|e| e.people.iter().cloned())
        .collect();
    super::redact::Redactor::new(people, &order).value(value)
}
