//! Recurring patterns and counter-moves: what keeps setting the user off,
//! and how often they met it with a step instead.
//!
//! A pattern is a sign together with something that went with it: a trigger
//! or a thought that came before it (see [`super::episodes`]), a person it
//! was about, a weekday or a time of day. It *recurs* when it happened on at
//! least `days_in_week` distinct days of the last seven days of the period,
//! or on `days_in_window` distinct days of the window (the last
//! `window_days` days, settings), and never from one day alone, whatever the
//! settings say; and only when the sign is more likely with the cause than
//! without it (lift above 1: every evening entry is "in the evening", which
//! says nothing). Patterns rank by distinct days in the window, then by lift.
//!
//! Lift compares how often the sign shows up in entries with the cause and
//! in entries without it: P(sign after cause | cause) / P(sign | no cause),
//! each share smoothed by half an entry so a handful of entries cannot give
//! an infinite or zero lift. Above 1, the sign is more likely with the cause.
//!
//! A counter-move is a trigger met with a step ("after a conflict you stayed
//! and talked 3 times, pulled back twice"). Pure: no I/O, no clock.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::episodes::{EntryEpisodes, TimeOfDay};
use super::period::{Period, weekday_name};
use crate::config::PatternSettings;

/// What went with a sign.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// A trigger that came before it.
    Trigger(String),
    /// A thought that came before it.
    Thought(String),
    /// Someone it was about.
    Person(String),
    /// The weekday, as "Monday".
    Weekday(String),
    TimeOfDay(TimeOfDay),
}

impl Cause {
    /// Whether it is something that happened or was thought, rather than who
    /// or when.
    pub fn is_trigger_or_thought(&self) -> bool {
        matches!(self, Cause::Trigger(_) | Cause::Thought(_))
    }
}

/// How many times, for one name or label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub id: String,
    pub count: usize,
}

/// Someone, and how many times they were part of a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonCount {
    pub name: String,
    pub count: usize,
}

/// One time a pattern happened: the entry and the words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The entry's id.
    pub id: String,
    pub day: NaiveDate,
    /// The words the sign was found on (none if added by hand).
    pub evidence: Option<String>,
    /// The words of the trigger or thought before it.
    pub before: Option<String>,
}

/// A sign that keeps coming with the same cause.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pattern {
    #[serde(flatten)]
    pub cause: Cause,
    pub sign: String,
    /// Distinct days it happened on in the window.
    pub days: usize,
    /// Distinct days it happened on in the last seven days of the period.
    pub days_this_week: usize,
    /// Entries it happened in, in the window.
    pub count: usize,
    pub lift: f64,
    /// The people most involved, most first.
    pub people: Vec<PersonCount>,
    /// Up to three, this week's first, newest first.
    pub examples: Vec<Example>,
}

/// How many examples a pattern keeps.
const EXAMPLES: usize = 3;
/// How many people a pattern names.
const PEOPLE: usize = 3;

#[derive(Default)]
struct Acc {
    entries: usize,
    days: BTreeSet<NaiveDate>,
    week_days: BTreeSet<NaiveDate>,
    people: BTreeMap<String, usize>,
    examples: Vec<(bool, Example)>,
}

/// The recurring patterns of the window that ends with `period`, best
/// first. `entries` may hold more days than the window; only the window's
/// are read.
pub fn recurring(
    entries: &[EntryEpisodes],
    period: &Period,
    settings: &PatternSettings,
) -> Vec<Pattern> {
    let window = period.window(settings.window_days);
    let week = period.last_week();
    let in_window: Vec<&EntryEpisodes> =
        entries.iter().filter(|e| window.contains(e.day)).collect();
    let mut with_cause: HashMap<Cause, usize> = HashMap::new();
    let mut with_sign: HashMap<&str, usize> = HashMap::new();
    let mut with_both: HashMap<(Cause, &str), usize> = HashMap::new();
    let mut linked: HashMap<(Cause, &str), Acc> = HashMap::new();
    for e in &in_window {
        let present = causes_present(e);
        for c in &present {
            *with_cause.entry(c.clone()).or_default() += 1;
        }
        for ep in &e.episodes {
            let sign = ep.sign.as_str();
            *with_sign.entry(sign).or_default() += 1;
            for c in &present {
                *with_both.entry((c.clone(), sign)).or_default() += 1;
            }
            let mut causes: BTreeMap<Cause, Option<String>> = BTreeMap::new();
            for t in &ep.triggers {
                causes
                    .entry(Cause::Trigger(t.id.clone()))
                    .or_insert(t.evidence.clone());
            }
            for t in &ep.thoughts {
                causes
                    .entry(Cause::Thought(t.id.clone()))
                    .or_insert(t.evidence.clone());
            }
            for p in &ep.people {
                causes.entry(Cause::Person(p.clone())).or_insert(None);
            }
            causes.insert(Cause::Weekday(weekday_name(e.weekday).to_string()), None);
            causes.insert(Cause::TimeOfDay(e.time_of_day), None);
            let this_week = week.contains(e.day);
            for (cause, before) in causes {
                let acc = linked.entry((cause.clone(), sign)).or_default();
                acc.entries += 1;
                acc.days.insert(e.day);
                if this_week {
                    acc.week_days.insert(e.day);
                }
                for p in &ep.people {
                    if cause != Cause::Person(p.clone()) {
                        *acc.people.entry(p.clone()).or_default() += 1;
                    }
                }
                acc.examples.push((
                    this_week,
                    Example {
                        id: e.entry_id.clone(),
                        day: e.day,
                        evidence: ep.evidence.clone(),
                        before,
                    },
                ));
            }
        }
    }
    let week_needs = settings.days_in_week.max(2) as usize;
    let window_needs = settings.days_in_window.max(2) as usize;
    let total = in_window.len() as f64;
    let mut out: Vec<Pattern> = linked
        .into_iter()
        .filter(|(_, acc)| acc.week_days.len() >= week_needs || acc.days.len() >= window_needs)
        .map(|((cause, sign), mut acc)| {
            let n_cause = with_cause.get(&cause).copied().unwrap_or(0) as f64;
            let n_sign = with_sign.get(sign).copied().unwrap_or(0) as f64;
            let n_both = with_both.get(&(cause.clone(), sign)).copied().unwrap_or(0) as f64;
            let p_with = (acc.entries as f64 + 0.5) / (n_cause + 1.0);
            let p_without = ((n_sign - n_both).max(0.0) + 0.5) / ((total - n_cause).max(0.0) + 1.0);
            let lift = round2(p_with / p_without);
            acc.examples.sort_by(|(wa, a), (wb, b)| {
                wb.cmp(wa).then(b.day.cmp(&a.day)).then(a.id.cmp(&b.id))
            });
            acc.examples.dedup_by(|a, b| a.1.id == b.1.id);
            Pattern {
                cause,
                sign: sign.to_string(),
                days: acc.days.len(),
                days_this_week: acc.week_days.len(),
                count: acc.entries,
                lift,
                people: top(acc.people, PEOPLE)
                    .into_iter()
                    .map(|c| PersonCount {
                        name: c.id,
                        count: c.count,
                    })
                    .collect(),
                examples: acc
                    .examples
                    .into_iter()
                    .take(EXAMPLES)
                    .map(|(_, e)| e)
                    .collect(),
            }
        })
        .filter(|p| p.lift > 1.0)
        .collect();
    out.sort_by(|a, b| {
        b.days
            .cmp(&a.days)
            .then(b.lift.total_cmp(&a.lift))
            .then(b.count.cmp(&a.count))
            .then(a.cause.cmp(&b.cause))
            .then(a.sign.cmp(&b.sign))
    });
    out
}

/// Everything that may go with a sign in this entry, each once.
fn causes_present(e: &EntryEpisodes) -> BTreeSet<Cause> {
    let mut present = BTreeSet::new();
    for t in &e.triggers {
        present.insert(Cause::Trigger(t.id.clone()));
    }
    for t in &e.thoughts {
        present.insert(Cause::Thought(t.id.clone()));
    }
    for p in &e.people {
        present.insert(Cause::Person(p.clone()));
    }
    present.insert(Cause::Weekday(weekday_name(e.weekday).to_string()));
    present.insert(Cause::TimeOfDay(e.time_of_day));
    present
}

/// Counts, most first (ties by name), at most `n`.
pub(super) fn top(counts: BTreeMap<String, usize>, n: usize) -> Vec<Count> {
    let mut v: Vec<Count> = counts
        .into_iter()
        .map(|(id, count)| Count { id, count })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.id.cmp(&b.id)));
    v.truncate(n);
    v
}

pub(super) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// How often a trigger was met with a step or a sign.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Entries where the trigger came up.
    pub times: usize,
    /// ... and a step followed it.
    pub stepped: usize,
    /// ... and a sign followed it.
    pub pulled_back: usize,
}

/// One trigger and what the user did after it: the progress view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CounterMove {
    pub trigger: String,
    #[serde(flatten)]
    pub tally: Tally,
    /// The steps taken after it, most first.
    pub steps: Vec<Count>,
    /// The signs after it, most first.
    pub signs: Vec<Count>,
    /// The same tally over the periods compared with.
    pub before: Tally,
}

/// Every trigger that came up in `period`, with the steps and signs that
/// followed it there and the tally over `before`. Most frequent first.
pub fn counter_moves(
    entries: &[EntryEpisodes],
    period: &Period,
    before: &Period,
) -> Vec<CounterMove> {
    #[derive(Default)]
    struct Acc {
        now: Tally,
        before: Tally,
        steps: BTreeMap<String, usize>,
        signs: BTreeMap<String, usize>,
    }
    let mut by_trigger: BTreeMap<&str, Acc> = BTreeMap::new();
    for e in entries {
        let (now, earlier) = (period.contains(e.day), before.contains(e.day));
        if !now && !earlier {
            continue;
        }
        for r in &e.reactions {
            let acc = by_trigger.entry(r.trigger.as_str()).or_default();
            let tally = if now { &mut acc.now } else { &mut acc.before };
            tally.times += 1;
            tally.stepped += usize::from(!r.steps.is_empty());
            tally.pulled_back += usize::from(!r.signs.is_empty());
            if now {
                for s in &r.steps {
                    *acc.steps.entry(s.clone()).or_default() += 1;
                }
                for s in &r.signs {
                    *acc.signs.entry(s.clone()).or_default() += 1;
                }
            }
        }
    }
    let mut out: Vec<CounterMove> = by_trigger
        .into_iter()
        .filter(|(_, acc)| acc.now.times > 0)
        .map(|(trigger, acc)| CounterMove {
            trigger: trigger.to_string(),
            tally: acc.now,
            steps: top(acc.steps, usize::MAX),
            signs: top(acc.signs, usize::MAX),
            before: acc.before,
        })
        .collect();
    out.sort_by(|a, b| {
        b.tally
            .times
            .cmp(&a.tally.times)
            .then(a.trigger.cmp(&b.trigger))
    });
    out
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, Duration};

    use super::*;
    use crate::analysis::episodes::{Episode, Found, Reaction};
    use crate::model::EntryKind;

    fn day(n: i64) -> NaiveDate {
        // Day 0 is Monday 16 November 2026, the first day of 2026-W47.
        NaiveDate::from_ymd_opt(2026, 11, 16).expect("date") + Duration::days(n)
    }

    fn found(id: &str) -> Found {
        Found {
            id: id.into(),
            evidence: Some(format!("words of {id}")),
            people: Vec::new(),
        }
    }

    /// An entry on day `n` where `trigger` (if any) came before `sign` (if
    /// any) with `person`, and `step` (if any) after the trigger.
    fn entry(n: i64, trigger: &str, sign: &str, person: &str, step: &str) -> EntryEpisodes {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let people: Vec<String> = opt(person).into_iter().collect();
        let triggers: Vec<Found> = opt(trigger).iter().map(|t| found(t)).collect();
        EntryEpisodes {
            entry_id: format!("entry-{n}-{trigger}-{sign}"),
            day: day(n),
            weekday: day(n).weekday(),
            time_of_day: TimeOfDay::Evening,
            kind: EntryKind::Checkin,
            mood: None,
            urge: None,
            people: people.clone(),
            episodes: opt(sign)
                .map(|s| Episode {
                    sign: s,
                    evidence: Some("did it".into()),
                    triggers: triggers.clone(),
                    thoughts: Vec::new(),
                    people: people.clone(),
                })
                .into_iter()
                .collect(),
            reactions: opt(trigger)
                .map(|t| Reaction {
                    trigger: t,
                    evidence: None,
                    people: people.clone(),
                    signs: opt(sign).into_iter().collect(),
                    steps: opt(step).into_iter().collect(),
                })
                .into_iter()
                .collect(),
            triggers,
            thoughts: Vec::new(),
            steps: opt(step).iter().map(|s| found(s)).collect(),
            small_step: None,
        }
    }

    fn week() -> Period {
        Period::parse_week("2026-W47").expect("week")
    }

    fn trigger_patterns(entries: &[EntryEpisodes]) -> Vec<(String, String, usize)> {
        recurring(entries, &week(), &PatternSettings::default())
            .into_iter()
            .filter_map(|p| match p.cause {
                Cause::Trigger(t) => Some((t, p.sign, p.days)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn recurrence_needs_two_days_in_the_week_or_three_in_the_window() {
        // (days the pair happened on, relative to Monday of the week; recurs?)
        let cases: &[(&[i64], bool)] = &[
            (&[2], false),
            (&[2, 2], false),
            (&[1, 4], true),
            (&[-3, 4], false),
            (&[-20, -10, 4], true),
            (&[-21, -14, -1], true),
            (&[-22, -14, -1], false),
            (&[-40, -10, 4], false),
        ];
        for (days, recurs) in cases {
            let entries: Vec<EntryEpisodes> = days
                .iter()
                .map(|n| entry(*n, "conflict", "avoided-conflict", "Sam", ""))
                .collect();
            let found = trigger_patterns(&entries);
            assert_eq!(!found.is_empty(), *recurs, "{days:?}: {found:?}");
        }
    }

    #[test]
    fn patterns_rank_by_days_then_by_lift() {
        let mut entries = vec![
            // conflict → avoided-conflict on three days, always with Sam.
            entry(0, "conflict", "avoided-conflict", "Sam", ""),
            entry(2, "conflict", "avoided-conflict", "Sam", ""),
            entry(4, "conflict", "avoided-conflict", "Sam", ""),
            // stress → cancelled-plans on two days; cancelled-plans also
            // shows up without stress on two days, so its lift is lower.
            entry(1, "stress", "cancelled-plans", "Jo", ""),
            entry(3, "stress", "cancelled-plans", "Jo", ""),
            entry(5, "", "cancelled-plans", "Jo", ""),
            entry(6, "", "cancelled-plans", "Ana", ""),
            // closeness-bid → kept-distance on two days, nothing else.
            entry(2, "closeness-bid", "kept-distance", "Dev", ""),
            entry(5, "closeness-bid", "kept-distance", "Dev", ""),
        ];
        entries.push(entry(6, "past-hurt", "", "", ""));
        let found = trigger_patterns(&entries);
        assert_eq!(
            found,
            [
                ("conflict".into(), "avoided-conflict".into(), 3),
                ("closeness-bid".into(), "kept-distance".into(), 2),
                ("stress".into(), "cancelled-plans".into(), 2),
            ]
        );
        let all = recurring(&entries, &week(), &PatternSettings::default());
        let first = all
            .iter()
            .find(|p| p.cause == Cause::Trigger("conflict".into()))
            .expect("conflict pattern");
        assert_eq!(
            first.people,
            [PersonCount {
                name: "Sam".into(),
                count: 3
            }]
        );
        assert_eq!(first.examples.len(), 3);
        assert_eq!(first.examples[0].day, day(4), "newest first");
        assert_eq!(
            first.examples[0].before.as_deref(),
            Some("words of conflict")
        );
        assert!(first.lift > 1.0, "{}", first.lift);
        let person = all
            .iter()
            .find(|p| p.cause == Cause::Person("Sam".into()))
            .expect("Sam's pattern");
        assert_eq!((person.sign.as_str(), person.days), ("avoided-conflict", 3));
    }

    #[test]
    fn counter_moves_count_steps_and_signs_after_a_trigger() {
        let entries = vec![
            entry(0, "conflict", "", "Sam", "stayed-in-conflict"),
            entry(1, "conflict", "", "Sam", "stayed-in-conflict"),
            entry(2, "conflict", "", "Sam", "stayed-in-conflict"),
            entry(3, "conflict", "avoided-conflict", "Sam", ""),
            entry(4, "conflict", "avoided-conflict", "Sam", ""),
            entry(-7, "conflict", "avoided-conflict", "Sam", ""),
            entry(-40, "conflict", "avoided-conflict", "Sam", ""),
        ];
        let moves = counter_moves(&entries, &week(), &week().before(4));
        assert_eq!(moves.len(), 1);
        let m = &moves[0];
        assert_eq!(
            m.tally,
            Tally {
                times: 5,
                stepped: 3,
                pulled_back: 2
            }
        );
        assert_eq!(
            m.steps,
            [Count {
                id: "stayed-in-conflict".into(),
                count: 3
            }]
        );
        assert_eq!(
            m.before,
            Tally {
                times: 1,
                stepped: 0,
                pulled_back: 1
            }
        );
    }
}
