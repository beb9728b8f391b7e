//! The journal as the CLI and the TUI use it: the store and the rule engine
//! together, so that every save also stores what the rules found, in the same
//! transaction, and the stored findings follow the rules when they change.
//!
//! It also reads the user's own rule files (the rule engine itself does no
//! I/O), and holds the words closer shows when an entry speaks of self-harm.

use std::path::Path;
use std::sync::Arc;
use std::thread::JoinHandle;

use chrono::{DateTime, FixedOffset};

use crate::model::{DetectionStatus, Entry, EntryChange, NewEntry, Section};
use crate::rules::{Engine, EntryDetections, Family, summarize};
use crate::store::Store;
use crate::{Error, Result};

mod ahead;

use ahead::Ahead;

/// Where to turn now: the part every safety note shares.
macro_rules! reach_someone {
    () => {
        "please reach someone now: your local emergency number (112, 999, 911), a crisis line (call or text 988 in the US; \
Samaritans 116 123 in the UK and Ireland), or someone you trust."
    };
}

/// What closer says, calmly and without blocking anything, when an entry
/// speaks of self-harm or suicide.
pub const SAFETY_NOTE: &str = concat!(
    "What you wrote tonight sounds very heavy. If you might act on thoughts of hurting yourself, ",
    reach_someone!(),
    " Your entry is saved."
);

/// The note after an import brought in entries that speak of self-harm or
/// suicide: they may be old, so it says what closer does with them and
/// where to turn if the thoughts are here now.
pub fn import_safety_note(entries: usize) -> String {
    let which = if entries == 1 {
        "One of the imported entries speaks".to_string()
    } else {
        format!("{entries} of the imported entries speak")
    };
    format!(
        "{which} of hurting yourself; reviews and exports mark those days for your therapist. \
If such thoughts are with you now, {}",
        reach_someone!()
    )
}

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

/// What the user decided about a label in the check-in's review pane,
/// applied when the check-in is saved.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LabelDecision {
    pub family: Family,
    pub label: String,
    pub decision: Decision,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Confirm,
    Dismiss,
    Add,
}

/// The rule engine, ready or still being built on another thread (the TUI
/// shows its first frame without waiting for it).
enum EngineSlot {
    Ready(Arc<Engine>),
    Loading(JoinHandle<(Arc<Engine>, Vec<String>)>),
}

pub struct Journal {
    pub store: Store,
    engine: Option<EngineSlot>,
    warnings: Vec<String>,
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
        let mut journal = Journal {
            store,
            engine: Some(EngineSlot::Ready(Arc::new(engine))),
            warnings: Vec::new(),
        };
        let reanalysed = journal.bring_up_to_date(now)?;
        Ok((journal, reanalysed))
    }

    /// Wraps an open store while the engine is still being built by
    /// `loading`; the engine is waited for the first time it is needed.
    pub fn with_engine_loading(
        store: Store,
        loading: JoinHandle<(Arc<Engine>, Vec<String>)>,
    ) -> Journal {
        Journal {
            store,
            engine: Some(EngineSlot::Loading(loading)),
            warnings: Vec::new(),
        }
    }

    /// Keeps the rule engine alive to the end of the process, so it is not
    /// freed on the way out: for a one-shot command, freeing its ~10,000
    /// allocations cost ~15% of a `closer add`, for memory the system takes
    /// back at exit anyway.
    pub fn keep_engine_until_exit(&self) {
        if let Some(EngineSlot::Ready(engine)) = &self.engine {
            std::mem::forget(Arc::clone(engine));
        }
    }

    /// Whether the engine is built (asking never blocks).
    pub fn engine_ready(&self) -> bool {
        match &self.engine {
            Some(EngineSlot::Ready(_)) => true,
            Some(EngineSlot::Loading(handle)) => handle.is_finished(),
            None => false,
        }
    }

    /// The rule engine, waiting for it if it is still being built.
    pub fn engine(&mut self) -> &Engine {
        let engine = match self.engine.take() {
            Some(EngineSlot::Ready(engine)) => engine,
            Some(EngineSlot::Loading(handle)) => match handle.join() {
                Ok((engine, warnings)) => {
                    self.warnings.extend(warnings);
                    engine
                }
                // The loader fails only through a bug; the built-in rules
                // still give the user a working journal.
                Err(_) => {
                    self.warnings.push(
                        "loading your rule files failed; using the built-in rules".to_string(),
                    );
                    Arc::new(Engine::builtin())
                }
            },
            None => Arc::new(Engine::builtin()),
        };
        let slot = self.engine.insert(EngineSlot::Ready(engine));
        match slot {
            EngineSlot::Ready(engine) => engine,
            EngineSlot::Loading(_) => unreachable!("the slot was just filled with a ready engine"),
        }
    }

    /// Problems met loading the user's rule files, once.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// Re-analyses every entry if the rules changed since the stored
    /// detections were made; returns how many entries were analysed.
    pub fn bring_up_to_date(&mut self, now: DateTime<FixedOffset>) -> Result<usize> {
        let version = self.engine().version();
        if self.store.rules_version()?.as_deref() == Some(&version) {
            return Ok(0);
        }
        self.reanalyse(now)
    }

    /// What the rules find in `text`, an entry with these check-in
    /// `sections` (empty for a note); tomorrow's plan is not read.
    pub fn analyse(&mut self, text: &str, sections: &[Section]) -> EntryDetections {
        summarize(
            &self
                .engine()
                .detect(&Section::text_for_rules(text, sections)),
        )
    }

    /// Saves a new entry and its detections.
    pub fn add(&mut self, new: &NewEntry, now: DateTime<FixedOffset>) -> Result<Saved> {
        let found = self.analyse(&new.text, &new.sections);
        let version = self.engine().version();
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
        let found: Vec<EntryDetections> = entries
            .iter()
            .map(|e| self.analyse(&e.text, &e.sections))
            .collect();
        let version = self.engine().version();
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
        let found = match (&change.text, &change.sections) {
            (None, _) => None,
            (Some(text), Some(sections)) => Some(self.analyse(text, sections)),
            // A new text with the sections unchanged: the stored ones hold
            // the plan to skip.
            (Some(text), None) => {
                let sections = self.store.entry(id)?.sections;
                Some(self.analyse(text, &sections))
            }
        };
        let version = self.engine().version();
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
            None => self.analyse(&entry.text, &entry.sections),
        };
        Ok(Saved { entry, found })
    }

    /// Saves a check-in written in the form: a new entry, or a change to the
    /// one it edits (refused if that entry changed meanwhile), with the
    /// user's decisions on its labels, and the form's draft discarded, all in
    /// one transaction.
    pub fn save_form(
        &mut self,
        form: &str,
        editing: Option<(&str, i64)>,
        new: &NewEntry,
        decisions: &[LabelDecision],
        now: DateTime<FixedOffset>,
    ) -> Result<Saved> {
        let found = self.analyse(&new.text, &new.sections);
        let version = self.engine().version();
        let id = self.store.write_with(now, |w| {
            let id = match editing {
                Some((id, revision)) => {
                    let change = EntryChange {
                        text: Some(new.text.clone()),
                        sections: Some(new.sections.clone()),
                        day: Some(new.day),
                        mood: Some(new.mood),
                        urge: Some(new.urge),
                        add_people: new.people.clone(),
                        private: Some(new.private),
                        discuss: Some(new.discuss),
                    };
                    w.update_entry(id, &change, Some(revision))?;
                    id.to_string()
                }
                None => w.insert_entry(new)?,
            };
            w.save_detections(&id, &found, &version)?;
            for d in decisions {
                match d.decision {
                    Decision::Add => w.add_user_label(&id, d.family, &d.label)?,
                    Decision::Confirm => {
                        w.set_detection_status(&id, d.family, &d.label, DetectionStatus::Confirmed)?
                    }
                    Decision::Dismiss => {
                        w.set_detection_status(&id, d.family, &d.label, DetectionStatus::Dismissed)?
                    }
                }
            }
            w.discard_draft(form)?;
            Ok(id)
        })?;
        let entry = self.store.entry(&id).map_err(|e| match e {
            Error::UnknownId(_) => Error::invalid("the check-in was saved but cannot be read back"),
            other => other,
        })?;
        Ok(Saved { entry, found })
    }

    /// The engine, shared, so the rules can run on other threads.
    fn shared_engine(&mut self) -> Arc<Engine> {
        self.engine();
        match &self.engine {
            Some(EngineSlot::Ready(engine)) => Arc::clone(engine),
            // `engine()` just left a ready engine in the slot.
            _ => Arc::new(Engine::builtin()),
        }
    }

    /// Imports a parsed file in one transaction, the user's decisions from
    /// the file kept over the rules'. All or nothing. The rules run on every
    /// record that will be written (new, or newer than the journal's copy):
    /// on the other cores while the entries are written, then on every core
    /// as their findings are written (see [`ahead`]).
    pub fn import(
        &mut self,
        parsed: &crate::import::Parsed,
        now: DateTime<FixedOffset>,
    ) -> Result<crate::store::ImportCounts> {
        let (_, order) = self.store.import_plan(parsed)?;
        let engine = self.shared_engine();
        let version = engine.version();
        let read: Vec<std::borrow::Cow<str>> = parsed
            .records
            .iter()
            .map(|r| Section::text_for_rules(&r.text, &r.sections))
            .collect();
        let texts = order.iter().map(|&i| read[i].as_ref()).collect();
        let ahead = Ahead::new(&engine, texts);
        // The writer keeps a core to itself while it writes the entries.
        let workers = cores().saturating_sub(1).min(ahead.chunks());
        let mut safety = 0;
        let mut counts = std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| ahead.work());
            }
            let _stop = ahead.stop_when_dropped();
            let mut taker = ahead.taker(&order, parsed.records.len());
            let mut found = |i: usize| {
                let found = taker.take(i, &read[i]);
                if !found.safety.is_empty() {
                    safety += 1;
                }
                found
            };
            self.store.import(parsed, &mut found, &version, now)
        })?;
        counts.safety = safety;
        Ok(counts)
    }

    /// Runs the rules over every entry again, keeping what the user
    /// confirmed, dismissed or added. One transaction: all or nothing.
    pub fn reanalyse(&mut self, now: DateTime<FixedOffset>) -> Result<usize> {
        let texts = self.store.texts()?;
        let engine = self.shared_engine();
        let read: Vec<std::borrow::Cow<str>> = texts
            .iter()
            .map(|(_, text, sections)| Section::text_for_rules(text, sections))
            .collect();
        let plain: Vec<&str> = read.iter().map(|t| t.as_ref()).collect();
        let found: Vec<EntryDetections> = detect_in_parallel(&engine, &plain, cores())
            .into_iter()
            .zip(&plain)
            .map(|(d, text)| d.unwrap_or_else(|| summarize(&engine.detect(text))))
            .collect();
        let version = engine.version();
        self.store.write_with(now, |w| {
            for ((id, _, _), found) in texts.iter().zip(&found) {
                w.save_detections(id, found, &version)?;
            }
            w.set_rules_version(&version)
        })?;
        Ok(texts.len())
    }
}

/// How far back a sign still asks to be followed up.
pub const REPAIR_DAYS: i64 = 14;

/// Repairs still open from the last [`REPAIR_DAYS`] days. Needs no rule
/// engine, so a shell prompt can ask cheaply.
pub fn open_repairs(
    store: &Store,
    today: chrono::NaiveDate,
) -> Result<Vec<crate::analysis::repairs::Repair>> {
    let since = today - chrono::Duration::days(REPAIR_DAYS);
    let entries = store.list(&crate::store::ListFilter {
        from: Some(since),
        ..crate::store::ListFilter::default()
    })?;
    let detections = store.detections_between(Some(since), None)?;
    Ok(crate::analysis::repairs::open_repairs(
        &entries,
        &detections,
        &store.repairs_done()?,
        since,
    ))
}

/// What is due, for `closer status` and a shell prompt.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Status {
    pub checkin_due: bool,
    pub review_due: bool,
    pub open_repairs: usize,
    pub draft_waiting: bool,
}

impl Status {
    /// One short line, or nothing when nothing is due.
    pub fn line(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.draft_waiting {
            parts.push("check-in draft waiting".to_string());
        } else if self.checkin_due {
            parts.push("check-in due".to_string());
        }
        if self.review_due {
            parts.push("weekly review due".to_string());
        }
        match self.open_repairs {
            0 => {}
            1 => parts.push("1 open repair".to_string()),
            n => parts.push(format!("{n} open repairs")),
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}

/// What is due now. Reads only; needs no rule engine.
pub fn status(
    store: &Store,
    settings: &crate::config::Settings,
    now: DateTime<FixedOffset>,
) -> Result<Status> {
    use chrono::{Datelike, Timelike};
    let today = crate::clock::journal_day(now, settings.day_starts_at);
    let of_kind = |kind, from| {
        store.list(&crate::store::ListFilter {
            from: Some(from),
            to: Some(today),
            kind: Some(kind),
            limit: Some(1),
            ..crate::store::ListFilter::default()
        })
    };
    let evening = now.hour() >= settings.remind_from || now.hour() < settings.day_starts_at;
    let checked_in = !of_kind(crate::model::EntryKind::Checkin, today)?.is_empty();
    let monday = today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let review_day = settings.review_day.weekday().num_days_from_monday();
    let reviewed = !of_kind(crate::model::EntryKind::Weekly, monday)?.is_empty();
    Ok(Status {
        checkin_due: evening && !checked_in,
        review_due: today.weekday().num_days_from_monday() >= review_day && !reviewed,
        open_repairs: open_repairs(store, today)?.len(),
        draft_waiting: store.draft("checkin")?.is_some(),
    })
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

/// This machine's cores, up to 8.
fn cores() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, 8)
}

/// The detections of many texts, in order, on `threads` threads: the rules
/// are the costly part of an import or a re-analysis, and the engine is
/// shared read-only. `None` where a rule thread panicked, for the caller to
/// analyse again on its own thread rather than lose the text.
fn detect_in_parallel(
    engine: &Engine,
    texts: &[&str],
    threads: usize,
) -> Vec<Option<EntryDetections>> {
    let threads = threads.max(1);
    let chunk = texts.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = texts
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|text| summarize(&engine.detect(text)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .zip(texts.chunks(chunk))
            .flat_map(|(h, part)| match h.join() {
                Ok(found) => found.into_iter().map(Some).collect::<Vec<_>>(),
                Err(_) => vec![None; part.len()],
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryKind, PLAN_KEY};

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-20T21:00:00+01:00").expect("time")
    }

    fn journal() -> Journal {
        Journal::new(
            Store::open_in_memory().expect("store"),
            Engine::builtin(),
            now(),
        )
        .expect("journal")
        .0
    }

    fn checkin(did: &str, plan: &str) -> NewEntry {
        let mut new = NewEntry::note(now().date_naive(), "");
        new.kind = EntryKind::Checkin;
        new.sections = vec![
            Section {
                key: "did".into(),
                prompt: "What did you do?".into(),
                answer: did.into(),
            },
            Section {
                key: PLAN_KEY.into(),
                prompt: "One small step for tomorrow".into(),
                answer: plan.into(),
            },
        ];
        new.text = Section::joined_answers(&new.sections);
        new
    }

    fn stored_steps(j: &Journal, id: &str) -> Vec<String> {
        j.store
            .detections(id)
            .expect("detections")
            .into_iter()
            .filter(|d| d.family == Family::Step)
            .map(|d| d.label)
            .collect()
    }

    #[test]
    fn tomorrows_plan_is_not_read_as_done_on_save_edit_or_reanalysis() {
        // An adverb first, so only the section, not the wording, says it
        // is a plan.
        let plan = "Actually text Sam back tonight, even one line.";
        let mut j = journal();
        let saved = j
            .add(&checkin("Left Sam on read again.", plan), now())
            .expect("check-in saved");
        let steps: Vec<&str> = saved.found.steps.iter().map(|d| d.id.as_str()).collect();
        assert!(steps.is_empty(), "{steps:?}");
        assert!(
            saved.found.signs.iter().any(|d| d.id == "ignored-contact"),
            "{:?}",
            saved.found.signs
        );
        // The same words written as a note tell something done.
        let note = j
            .add(&NewEntry::note(now().date_naive(), plan), now())
            .expect("note saved");
        assert_eq!(stored_steps(&j, &note.entry.id), vec!["reached-out"]);
        // A new text with the sections unchanged keeps the plan a plan.
        let change = EntryChange {
            text: Some(format!("Left Sam on read.\n\n{plan}")),
            ..EntryChange::default()
        };
        let edited = j
            .update(&saved.entry.id, &change, None, now())
            .expect("edited");
        assert!(edited.found.steps.is_empty(), "{:?}", edited.found.steps);
        j.reanalyse(now()).expect("reanalysed");
        assert!(stored_steps(&j, &saved.entry.id).is_empty());
        assert_eq!(stored_steps(&j, &note.entry.id), vec!["reached-out"]);
    }
}
