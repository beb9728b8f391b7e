//! The journal as the CLI and the TUI use it: the store and the rule engine
//! together, so that every save also stores what the rules found, in the same
//! transaction, and the stored findings follow the rules when they change.
//!
//! It also reads the user's own rule files (the rule engine itself does no
//! I/O), and holds the words closer shows when an entry speaks of self-harm.

use std::path::Path;

use chrono::{DateTime, FixedOffset};

use crate::Result;
use crate::model::{Entry, EntryChange, NewEntry};
use crate::rules::{Engine, EntryDetections, summarize};
use crate::store::Store;

/// What closer says, calmly and without blocking anything, when an entry
/// speaks of self-harm or suicide.
pub const SAFETY_NOTE: &str = "What you wrote tonight sounds very heavy. If you might act on thoughts of hurting yourself, \
please reach someone now: your local emergency number (112, 999, 911), a crisis line (call or text 988 in the US; \
Samaritans 116 123 in the UK and Ireland), or someone you trust. Your entry is saved.";

/// An entry just saved, with what the rules found in it.
#[derive(Debug, Clone)]
pub struct Saved {
    pub entry: Entry,
    pub found: EntryDetections,
}

impl Saved {
    /// Whether the entry needs the safety note.
    pub fn needs_safety_note(&self) -> bool {
        !self.found.safety.is_empty()
    }
}

pub struct Journal {
    pub store: Store,
    pub engine: Engine,
}

impl Journal {
    /// Wraps an open store; brings its stored detections up to date if the
    /// rules changed since they were computed. Returns how many entries were
    /// analysed again.
    pub fn new(
        store: Store,
        engine: Engine,
        now: DateTime<FixedOffset>,
    ) -> Result<(Journal, usize)> {
        let mut journal = Journal { store, engine };
        let reanalysed =
            if journal.store.rules_version()?.as_deref() == Some(&journal.engine.version()) {
                0
            } else {
                journal.reanalyse(now)?
            };
        Ok((journal, reanalysed))
    }

    fn analyse(&self, text: &str) -> EntryDetections {
        summarize(&self.engine.detect(text))
    }

    /// Saves a new entry and its detections.
    pub fn add(&mut self, new: &NewEntry, now: DateTime<FixedOffset>) -> Result<Saved> {
        let found = self.analyse(&new.text);
        let version = self.engine.version();
        let id = self.store.write_with(now, |w| {
            let id = w.insert_entry(new)?;
            w.save_detections(&id, &found, &version)?;
            Ok(id)
        })?;
        Ok(Saved {
            entry: self.store.entry(&id)?,
            found,
        })
    }

    /// Saves many entries and their detections in one transaction.
    pub fn add_many(
        &mut self,
        entries: &[NewEntry],
        now: DateTime<FixedOffset>,
    ) -> Result<Vec<String>> {
        let found: Vec<EntryDetections> = entries.iter().map(|e| self.analyse(&e.text)).collect();
        let version = self.engine.version();
        self.store.write_with(now, |w| {
            entries
                .iter()
                .zip(&found)
                .map(|(new, found)| {
                    let id = w.insert_entry(new)?;
                    w.save_detections(&id, found, &version)?;
                    Ok(id)
                })
                .collect()
        })
    }

    /// Changes an entry; a new text is analysed again in the same transaction.
    pub fn update(
        &mut self,
        id: &str,
        change: &EntryChange,
        expected_revision: Option<i64>,
        now: DateTime<FixedOffset>,
    ) -> Result<Saved> {
        let found = change.text.as_deref().map(|t| self.analyse(t));
        let version = self.engine.version();
        self.store.write_with(now, |w| {
            w.update_entry(id, change, expected_revision)?;
            if let Some(found) = &found {
                w.save_detections(id, found, &version)?;
            }
            Ok(())
        })?;
        let entry = self.store.entry(id)?;
        let found = match found {
            Some(f) => f,
            None => self.analyse(&entry.text),
        };
        Ok(Saved { entry, found })
    }

    /// Runs the rules over every entry again, keeping what the user
    /// confirmed, dismissed or added. One transaction: all or nothing.
    pub fn reanalyse(&mut self, now: DateTime<FixedOffset>) -> Result<usize> {
        let texts = self.store.texts()?;
        let found: Vec<EntryDetections> =
            texts.iter().map(|(_, text)| self.analyse(text)).collect();
        let version = self.engine.version();
        self.store.write_with(now, |w| {
            for ((id, _), found) in texts.iter().zip(&found) {
                w.save_detections(id, found, &version)?;
            }
            w.set_rules_version(&version)
        })?;
        Ok(texts.len())
    }
}

/// The rule engine with the user's rule files from `dir` (`*.toml`, in name
/// order). A file that cannot be read or has mistakes is reported and left
/// out; closer carries on with the rest.
pub fn load_engine(dir: &Path) -> (Engine, Vec<String>) {
    let mut warnings = Vec::new();
    let mut files: Vec<(String, String)> = Vec::new();
    if let Ok(read) = std::fs::read_dir(dir) {
        let mut paths: Vec<_> = read
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            match std::fs::read_to_string(&path) {
                Ok(text) => files.push((path.display().to_string(), text)),
                Err(e) => warnings.push(format!(
                    "cannot read the rule file {}: {e}; it was left out",
                    path.display()
                )),
            }
        }
    }
    if files.is_empty() {
        return (Engine::builtin(), warnings);
    }
    let (engine, errors) = Engine::load(&files);
    warnings.extend(
        errors
            .into_iter()
            .map(|e| format!("{e}; this rule file was left out, the other rules still apply")),
    );
    (engine, warnings)
}
