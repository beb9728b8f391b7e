//! The weekly review: one [`Review`] value, computed by [`review`] from the
//! entries and stored detections of the days it needs ([`days_needed`]), for
//! the CLI, the TUI's review screen and exports to print as they like.
//!
//! What it holds, and the choices made where the issue left room:
//! - *days checked in*: distinct days with a check-in or a note (weekly
//!   reflections aside);
//! - *mood and urge*: per day (the average if a day has several entries),
//!   over the period, and over the four periods before it;
//! - *signs, triggers, thoughts, steps*: in how many entries each counted,
//!   against the average per period over the four periods before (for a
//!   week: the previous four weeks);
//! - *patterns*: see [`super::patterns`]; trigger and thought patterns apart
//!   from those about people and times;
//! - *counter-moves*: triggers of the period met with a step or a sign;
//! - *people most involved*: people of the period's entries, by the signs
//!   and steps they were part of;
//! - *small steps*: each check-in's "one small step for tomorrow" whose
//!   tomorrow falls in the period (so written from the day before the period
//!   to its second-last day). It was *kept* when a step of the kind it names
//!   (see [`expected_step`]; any step if it names none) is recorded on that
//!   tomorrow or the day after, with the person it names if it names one. It
//!   was *not kept* when those days have entries but no such step, and is
//!   *unknown* when they have none: an unwritten evening proves nothing;
//! - *reflections*: the weekly entries written for the period.
//!
//! Pure: no I/O, no clock.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::episodes::{self, EntryEpisodes};
use super::patterns::{self, Count, CounterMove, Pattern, round2};
use super::period::{Period, weekday_name};
use crate::config::PatternSettings;
use crate::model::{Entry, EntryKind, StoredDetection};
use crate::rules::Family;

/// How many periods before the reviewed one its counts are compared with.
pub const PERIODS_BEFORE: u32 = 4;
/// How many people the review names.
const PEOPLE: usize = 5;

/// The review of one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub period: Period,
    /// The four periods before, taken together.
    pub compared_with: Period,
    /// Where recurring patterns were looked for.
    pub window: Period,
    /// Entries written in the period (weekly reflections aside).
    pub entries: usize,
    pub days_checked_in: usize,
    pub days: Vec<Day>,
    pub mood: Trend,
    pub urge: Trend,
    pub signs: Vec<LabelCount>,
    pub triggers: Vec<LabelCount>,
    pub thoughts: Vec<LabelCount>,
    pub steps: Vec<LabelCount>,
    /// Trigger → sign and thought → sign patterns, best first.
    pub patterns: Vec<Pattern>,
    /// Person, weekday and time-of-day patterns, best first.
    pub people_and_times: Vec<Pattern>,
    pub counter_moves: Vec<CounterMove>,
    pub people: Vec<Person>,
    pub small_steps: SmallSteps,
    pub reflections: Vec<Reflection>,
}

/// One day of the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Day {
    pub day: NaiveDate,
    pub weekday: &'static str,
    pub entries: usize,
    pub mood: Option<f64>,
    pub urge: Option<f64>,
}

/// Mood or urge: the period's average, the four periods before, and each day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    pub average: Option<f64>,
    pub previous_average: Option<f64>,
    pub per_day: Vec<Option<f64>>,
}

/// How many of the period's entries a label counted in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelCount {
    pub id: String,
    pub count: usize,
    pub days: usize,
    /// Entries per period over the four periods before.
    pub previous_average: f64,
}

/// Someone in the period's entries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub name: String,
    pub entries: usize,
    /// Signs about them.
    pub signs: usize,
    /// Steps towards them.
    pub steps: usize,
    pub top_sign: Option<String>,
    pub top_trigger: Option<String>,
}

/// The small steps whose tomorrow fell in the period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SmallSteps {
    pub set: usize,
    pub kept: usize,
    pub not_kept: usize,
    pub unknown: usize,
    pub steps: Vec<SmallStep>,
}

/// One "small step for tomorrow" and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SmallStep {
    /// The check-in it was written in.
    pub id: String,
    pub day: NaiveDate,
    pub text: String,
    /// The kind of step it names, if any.
    pub step: Option<String>,
    pub person: Option<String>,
    /// Kept, not kept, or unknown (no entry on the days after).
    pub kept: Option<bool>,
    pub kept_on: Option<NaiveDate>,
    pub kept_with: Option<String>,
}

/// A weekly reflection written for the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reflection {
    pub id: String,
    pub day: NaiveDate,
    pub text: String,
}

/// The days a review of `period` reads: the period, the four before it, the
/// pattern window and the day before all of them (for its small step).
pub fn days_needed(period: &Period, settings: &PatternSettings) -> Period {
    let from = period
        .before(PERIODS_BEFORE)
        .from
        .min(period.window(settings.window_days).from)
        - Duration::days(1);
    Period {
        label: format!("{from} to {}", period.to),
        from,
        to: period.to,
    }
}

/// The review of `period` from live entries and their stored detections
/// (those outside [`days_needed`] are ignored, missing ones make the review
/// poorer, not wrong).
pub fn review(
    entries: &[Entry],
    detections: &[StoredDetection],
    period: &Period,
    settings: &PatternSettings,
) -> Review {
    let needed = days_needed(period, settings);
    let entries: Vec<Entry> = entries
        .iter()
        .filter(|e| needed.contains(e.day) && e.deleted_at.is_none())
        .cloned()
        .collect();
    let read = episodes::read(&entries, detections);
    let before = period.before(PERIODS_BEFORE);
    let in_period: Vec<&EntryEpisodes> = read.iter().filter(|e| period.contains(e.day)).collect();
    let earlier: Vec<&EntryEpisodes> = read.iter().filter(|e| before.contains(e.day)).collect();

    let mut by_day: BTreeMap<NaiveDate, Vec<&EntryEpisodes>> = BTreeMap::new();
    for e in &in_period {
        by_day.entry(e.day).or_default().push(e);
    }
    let days: Vec<Day> = period
        .days()
        .map(|day| {
            let of_day: &[&EntryEpisodes] = by_day.get(&day).map_or(&[], Vec::as_slice);
            Day {
                day,
                weekday: weekday_name(chrono::Datelike::weekday(&day)),
                entries: of_day.len(),
                mood: average(of_day.iter().filter_map(|e| e.mood)),
                urge: average(of_day.iter().filter_map(|e| e.urge)),
            }
        })
        .collect();
    let trend = |value: fn(&EntryEpisodes) -> Option<u8>, per_day: Vec<Option<f64>>| Trend {
        average: average(in_period.iter().filter_map(|e| value(e))),
        previous_average: average(earlier.iter().filter_map(|e| value(e))),
        per_day,
    };
    let mood = trend(|e| e.mood, days.iter().map(|d| d.mood).collect());
    let urge = trend(|e| e.urge, days.iter().map(|d| d.urge).collect());

    let (patterns, people_and_times): (Vec<Pattern>, Vec<Pattern>) =
        patterns::recurring(&read, period, settings)
            .into_iter()
            .partition(|p| p.cause.is_trigger_or_thought());

    Review {
        period: period.clone(),
        compared_with: before.clone(),
        window: period.window(settings.window_days),
        entries: in_period.len(),
        days_checked_in: days.iter().filter(|d| d.entries > 0).count(),
        mood,
        urge,
        signs: label_counts(&in_period, &earlier, Family::Sign),
        triggers: label_counts(&in_period, &earlier, Family::Trigger),
        thoughts: label_counts(&in_period, &earlier, Family::Thought),
        steps: label_counts(&in_period, &earlier, Family::Step),
        patterns,
        people_and_times,
        counter_moves: patterns::counter_moves(&read, period, &before),
        people: people(&in_period),
        small_steps: small_steps(&read, period),
        reflections: entries
            .iter()
            .filter(|e| e.kind == EntryKind::Weekly && period.contains(e.day))
            .map(|e| Reflection {
                id: e.id.clone(),
                day: e.day,
                text: e.text.clone(),
            })
            .collect(),
        days,
    }
}

fn average(values: impl Iterator<Item = u8>) -> Option<f64> {
    let (sum, n) = values.fold((0u32, 0u32), |(s, n), v| (s + u32::from(v), n + 1));
    (n > 0).then(|| round2(f64::from(sum) / f64::from(n)))
}

fn label_counts(
    now: &[&EntryEpisodes],
    earlier: &[&EntryEpisodes],
    family: Family,
) -> Vec<LabelCount> {
    let mut counts: BTreeMap<&str, (usize, BTreeSet<NaiveDate>, usize)> = BTreeMap::new();
    for e in now {
        for id in e.labels(family) {
            let c = counts.entry(id).or_default();
            c.0 += 1;
            c.1.insert(e.day);
        }
    }
    for e in earlier {
        for id in e.labels(family) {
            counts.entry(id).or_default().2 += 1;
        }
    }
    let mut out: Vec<LabelCount> = counts
        .into_iter()
        .map(|(id, (count, days, before))| LabelCount {
            id: id.to_string(),
            count,
            days: days.len(),
            previous_average: round2(before as f64 / f64::from(PERIODS_BEFORE)),
        })
        .collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.previous_average.total_cmp(&a.previous_average))
            .then(a.id.cmp(&b.id))
    });
    out
}

fn people(now: &[&EntryEpisodes]) -> Vec<Person> {
    #[derive(Default)]
    struct Acc {
        entries: usize,
        signs: BTreeMap<String, usize>,
        triggers: BTreeMap<String, usize>,
        steps: usize,
    }
    let mut by_name: BTreeMap<&str, Acc> = BTreeMap::new();
    for e in now {
        for name in &e.people {
            let acc = by_name.entry(name.as_str()).or_default();
            acc.entries += 1;
            for ep in e.episodes.iter().filter(|ep| ep.people.contains(name)) {
                *acc.signs.entry(ep.sign.clone()).or_default() += 1;
                for t in &ep.triggers {
                    *acc.triggers.entry(t.id.clone()).or_default() += 1;
                }
            }
            acc.steps += e
                .steps
                .iter()
                .filter(|s| s.people.contains(name) || (s.people.is_empty() && e.people.len() == 1))
                .count();
        }
    }
    let first =
        |m: BTreeMap<String, usize>| patterns::top(m, 1).into_iter().next().map(|c: Count| c.id);
    let mut out: Vec<Person> = by_name
        .into_iter()
        .map(|(name, acc)| Person {
            name: name.to_string(),
            entries: acc.entries,
            signs: acc.signs.values().sum(),
            steps: acc.steps,
            top_sign: first(acc.signs),
            top_trigger: first(acc.triggers),
        })
        .collect();
    out.sort_by(|a, b| {
        (b.signs + b.steps)
            .cmp(&(a.signs + a.steps))
            .then(b.entries.cmp(&a.entries))
            .then(a.name.cmp(&b.name))
    });
    out.truncate(PEOPLE);
    out
}

/// Words that name a kind of step, checked in order; a word ending in `*`
/// matches any word it begins. The first hit decides.
const STEP_WORDS: &[(&str, &str)] = &[
    ("therap*", "therapy"),
    ("counsel*", "therapy"),
    ("thank*", "appreciation"),
    ("appreciat*", "appreciation"),
    ("grateful", "appreciation"),
    ("talk it through", "stayed-in-conflict"),
    ("talk through", "stayed-in-conflict"),
    ("stay and talk", "stayed-in-conflict"),
    ("keep the plan", "kept-plans"),
    ("keep plans", "kept-plans"),
    ("keep my plans", "kept-plans"),
    ("show up", "kept-plans"),
    ("turn up", "kept-plans"),
    ("go to", "kept-plans"),
    ("kind to myself", "self-compassion"),
    ("easy on myself", "self-compassion"),
    ("gentle with myself", "self-compassion"),
    ("ask", "asked-about-them"),
    ("tell", "shared-feelings"),
    ("share", "shared-feelings"),
    ("open up", "shared-feelings"),
    ("accept*", "accepted-help"),
    ("help", "accepted-help"),
    ("reply", "reached-out"),
    ("respond", "reached-out"),
    ("answer", "reached-out"),
    ("text", "reached-out"),
    ("message", "reached-out"),
    ("call", "reached-out"),
    ("ring", "reached-out"),
    ("write to", "reached-out"),
    ("reach out", "reached-out"),
    ("get back to", "reached-out"),
    ("invite", "reached-out"),
];

/// The kind of step a small step names ("Reply to Jo before lunch" names
/// `reached-out`), if any of [`STEP_WORDS`] is in it.
pub fn expected_step(text: &str) -> Option<&'static str> {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    STEP_WORDS.iter().find_map(|(needle, step)| {
        let needle: Vec<&str> = needle.split(' ').collect();
        words
            .windows(needle.len())
            .any(|w| {
                w.iter()
                    .zip(&needle)
                    .all(|(word, n)| match n.strip_suffix('*') {
                        Some(prefix) => word.starts_with(prefix),
                        None => word == n,
                    })
            })
            .then_some(*step)
    })
}

fn small_steps(read: &[EntryEpisodes], period: &Period) -> SmallSteps {
    let known: BTreeSet<&str> = read
        .iter()
        .flat_map(|e| e.people.iter().map(String::as_str))
        .collect();
    let mut by_day: BTreeMap<NaiveDate, Vec<&EntryEpisodes>> = BTreeMap::new();
    for e in read {
        by_day.entry(e.day).or_default().push(e);
    }
    let mut out = SmallSteps::default();
    let set_from = period.from - Duration::days(1);
    let set_to = period.to - Duration::days(1);
    for e in read.iter().filter(|e| set_from <= e.day && e.day <= set_to) {
        let Some(text) = &e.small_step else { continue };
        let step = expected_step(text);
        let person = named_person(text, &known);
        let mut kept = None;
        let mut kept_on = None;
        let mut kept_with = None;
        'days: for later in [e.day + Duration::days(1), e.day + Duration::days(2)] {
            if !period.contains(later) {
                continue;
            }
            for next in by_day.get(&later).into_iter().flatten() {
                kept = Some(false);
                let found = next.steps.iter().find(|s| {
                    step.is_none_or(|x| s.id == x)
                        && person.as_deref().is_none_or(|p| {
                            s.people.iter().any(|n| n.eq_ignore_ascii_case(p))
                                || (s.people.is_empty()
                                    && next.people.iter().any(|n| n.eq_ignore_ascii_case(p)))
                        })
                });
                if let Some(s) = found {
                    kept = Some(true);
                    kept_on = Some(later);
                    kept_with = Some(s.id.clone());
                    break 'days;
                }
            }
        }
        match kept {
            Some(true) => out.kept += 1,
            Some(false) => out.not_kept += 1,
            None => out.unknown += 1,
        }
        out.steps.push(SmallStep {
            id: e.entry_id.clone(),
            day: e.day,
            text: text.clone(),
            step: step.map(str::to_string),
            person,
            kept,
            kept_on,
            kept_with,
        });
    }
    out.set = out.steps.len();
    out
}

/// The person a small step names: an `@mention`, else the first person of
/// the journal named as a word.
fn named_person(text: &str, known: &BTreeSet<&str>) -> Option<String> {
    if let Some(p) = crate::text::mentions::people(text).into_iter().next() {
        return Some(
            known
                .iter()
                .find(|k| k.eq_ignore_ascii_case(&p))
                .map_or(p, |k| (*k).to_string()),
        );
    }
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .collect();
    words.iter().find_map(|w| {
        known
            .iter()
            .find(|k| k.eq_ignore_ascii_case(w))
            .map(|k| (*k).to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_steps_name_the_kind_of_step_they_mean() {
        let cases = [
            ("Reply to @Jo before lunch.", Some("reached-out")),
            ("Ask Sam how their week went.", Some("asked-about-them")),
            ("Keep the plan with Ana on Friday.", Some("kept-plans")),
            (
                "Tell Mum one true thing about how I feel.",
                Some("shared-feelings"),
            ),
            ("Call Dev back, even for five minutes.", Some("reached-out")),
            ("Thank Priya for covering.", Some("appreciation")),
            ("Bring it up in therapy.", Some("therapy")),
            ("Be kind to myself if I slip.", Some("self-compassion")),
            ("Sleep early.", None),
            ("Recall the good bits.", None),
        ];
        for (text, expected) in cases {
            assert_eq!(expected_step(text), expected, "{text}");
        }
    }

    #[test]
    fn a_small_step_names_a_person_by_mention_or_by_name() {
        let known: BTreeSet<&str> = ["Sam", "Mum"].into_iter().collect();
        let cases = [
            ("Reply to @sam before lunch.", Some("Sam")),
            ("Call mum back.", Some("Mum")),
            ("Reply to @Jo.", Some("Jo")),
            ("Sleep early.", None),
            ("Samples are due.", None),
        ];
        for (text, expected) in cases {
            assert_eq!(named_person(text, &known).as_deref(), expected, "{text}");
        }
    }

    #[test]
    fn the_data_a_week_needs_starts_the_day_before_its_comparison() {
        let week = Period::parse_week("2026-W47").expect("week");
        let needed = days_needed(&week, &PatternSettings::default());
        assert_eq!(needed.from.to_string(), "2026-10-18");
        assert_eq!(needed.to, week.to);
    }
}
