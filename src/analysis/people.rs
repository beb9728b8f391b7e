//! One page per person: the evenings the user turned toward them (steps)
//! and away from them (signs), the triggers that came with them, and the
//! repairs still open.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::repairs::Repair;
use crate::model::{Entry, PersonSummary, StoredDetection};
use crate::rules::Family;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonPage {
    pub name: String,
    pub role: Option<String>,
    pub entries: usize,
    pub last_seen: Option<NaiveDate>,
    /// Distinct evenings with a step toward them (one that mends, not
    /// self-compassion or therapy), and with a sign away.
    pub evenings_toward: usize,
    pub evenings_away: usize,
    /// Labels with how often, most first.
    pub steps: Vec<(String, usize)>,
    pub signs: Vec<(String, usize)>,
    pub triggers: Vec<(String, usize)>,
    pub repairs: Vec<Repair>,
}

fn ranked(counts: BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Pages for `people`, from the entries and detections of a period.
pub fn person_pages(
    people: &[PersonSummary],
    entries: &[Entry],
    detections: &[StoredDetection],
    repairs: &[Repair],
) -> Vec<PersonPage> {
    let by_id: BTreeMap<&str, &Entry> = entries.iter().map(|e| (e.id.as_str(), e)).collect();
    people
        .iter()
        .map(|person| {
            let names: BTreeSet<String> = std::iter::once(&person.name)
                .chain(&person.aliases)
                .map(|n| n.to_lowercase())
                .collect();
            let named = |n: &str| names.contains(&n.to_lowercase());
            let in_entry = |e: &Entry| e.people.iter().any(|p| named(p));
            let involves = |d: &StoredDetection, e: &Entry| {
                if d.people.is_empty() {
                    e.people.len() == 1 && in_entry(e)
                } else {
                    d.people.iter().any(|p| named(p))
                }
            };
            let mut steps = BTreeMap::new();
            let mut signs = BTreeMap::new();
            let mut triggers = BTreeMap::new();
            let mut toward = BTreeSet::new();
            let mut away = BTreeSet::new();
            for d in detections.iter().filter(|d| d.status.counts()) {
                let Some(e) = by_id.get(d.entry_id.as_str()) else {
                    continue;
                };
                match d.family {
                    Family::Step
                        if involves(d, e)
                            && super::repairs::MENDING_STEPS.contains(&d.label.as_str()) =>
                    {
                        *steps.entry(d.label.clone()).or_default() += 1;
                        toward.insert(e.day);
                    }
                    Family::Sign if involves(d, e) => {
                        *signs.entry(d.label.clone()).or_default() += 1;
                        away.insert(e.day);
                    }
                    Family::Trigger if in_entry(e) || d.people.iter().any(|p| named(p)) => {
                        *triggers.entry(d.label.clone()).or_default() += 1;
                    }
                    _ => {}
                }
            }
            PersonPage {
                name: person.name.clone(),
                role: person.role.clone(),
                entries: person.entries,
                last_seen: entries.iter().filter(|e| in_entry(e)).map(|e| e.day).max(),
                evenings_toward: toward.len(),
                evenings_away: away.len(),
                steps: ranked(steps),
                signs: ranked(signs),
                triggers: ranked(triggers),
                repairs: repairs
                    .iter()
                    .filter(|r| named(&r.person))
                    .cloned()
                    .collect(),
            }
        })
        .collect()
}
