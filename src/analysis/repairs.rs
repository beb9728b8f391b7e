//! Repairs: a sign aimed at someone ("left Sam on read on Tuesday") that
//! nothing has mended yet. A repair closes when a later step with the same
//! person shows up (replying, sharing, asking, staying, keeping plans,
//! thanks) or when the user marks it done.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Entry, StoredDetection};
use crate::rules::Family;
use crate::store::RepairKey;

/// Steps that mend a relationship; self-compassion and therapy matter, but
/// they are not a move toward the other person.
pub const MENDING_STEPS: &[&str] = &[
    "reached-out",
    "shared-feelings",
    "asked-about-them",
    "stayed-in-conflict",
    "kept-plans",
    "appreciation",
    "accepted-help",
];

/// An open repair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Repair {
    pub entry_id: String,
    pub day: NaiveDate,
    pub label: String,
    pub person: String,
    pub evidence: Option<String>,
}

impl Repair {
    pub fn key(&self) -> RepairKey {
        RepairKey {
            entry_id: self.entry_id.clone(),
            label: self.label.clone(),
            person: self.person.to_lowercase(),
        }
    }

    /// "On Tuesday you left Sam without a reply. Follow up?"
    pub fn describe(&self, today: NaiveDate) -> String {
        let when = match (today - self.day).num_days() {
            0 => "Tonight".to_string(),
            1 => "Yesterday".to_string(),
            2..=6 => format!("On {}", self.day.format("%A")),
            _ => format!("On {}", self.day.format("%-d %B")),
        };
        format!(
            "{when} you {}. Follow up?",
            what_you_did(&self.label, &self.person)
        )
    }
}

fn what_you_did(label: &str, p: &str) -> String {
    match label {
        "ignored-contact" => format!("left {p} without a reply"),
        "curt-reply" => format!("were short with {p}"),
        "avoided-conflict" => format!("stepped away from a hard talk with {p}"),
        "cancelled-plans" => format!("cancelled on {p}"),
        "stopped-initiating" => format!("waited for {p} to reach out"),
        "kept-distance" => format!("kept {p} at a distance"),
        "withheld-feelings" => format!("kept how you felt from {p}"),
        "disinterest" => format!("tuned out {p}"),
        "harsh-words" => format!("snapped at {p}"),
        "picked-fight" => format!("started a fight with {p}"),
        "fault-finding" => format!("picked at {p}"),
        "sabotage" => format!("pushed {p} away"),
        other => format!("showed {other} toward {p}"),
    }
}

/// The people a detection is about: those the engine gave it (named in its
/// sentence, or pointed back to by a pronoun), or the
/// entry's only person when the sentence names nobody.
fn people_of<'a>(d: &'a StoredDetection, entry: &'a Entry) -> Vec<&'a str> {
    if !d.people.is_empty() {
        d.people.iter().map(String::as_str).collect()
    } else if entry.people.len() == 1 {
        vec![entry.people[0].as_str()]
    } else {
        Vec::new()
    }
}

/// Open repairs from `since` on, newest first. `entries` and `detections`
/// cover that period (later days included: a step after the window still
/// mends a sign inside it).
pub fn open_repairs(
    entries: &[Entry],
    detections: &[StoredDetection],
    done: &HashSet<RepairKey>,
    since: NaiveDate,
) -> Vec<Repair> {
    let by_id: HashMap<&str, &Entry> = entries.iter().map(|e| (e.id.as_str(), e)).collect();
    // The last day each person was met with a mending step.
    let mut mended: HashMap<String, NaiveDate> = HashMap::new();
    for d in detections
        .iter()
        .filter(|d| d.family == Family::Step && d.status.counts())
    {
        if !MENDING_STEPS.contains(&d.label.as_str()) {
            continue;
        }
        let Some(entry) = by_id.get(d.entry_id.as_str()) else {
            continue;
        };
        for p in people_of(d, entry) {
            let last = mended.entry(p.to_lowercase()).or_insert(entry.day);
            *last = (*last).max(entry.day);
        }
    }
    let mut repairs = Vec::new();
    let mut seen = HashSet::new();
    for d in detections
        .iter()
        .filter(|d| d.family == Family::Sign && d.status.counts())
    {
        let Some(entry) = by_id.get(d.entry_id.as_str()) else {
            continue;
        };
        if entry.day < since {
            continue;
        }
        for p in people_of(d, entry) {
            let repair = Repair {
                entry_id: entry.id.clone(),
                day: entry.day,
                label: d.label.clone(),
                person: p.to_string(),
                evidence: d.evidence.clone(),
            };
            let key = repair.key();
            // A step the same evening or later mends it.
            let is_mended = mended
                .get(&key.person)
                .is_some_and(|last| *last >= entry.day);
            if !is_mended && !done.contains(&key) && seen.insert(key) {
                repairs.push(repair);
            }
        }
    }
    repairs.sort_by(|a, b| b.day.cmp(&a.day).then_with(|| a.person.cmp(&b.person)));
    repairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DetectionSource, DetectionStatus, EntryKind};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
    }

    fn entry(id: &str, d: u32, people: &[&str]) -> Entry {
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-20T21:00:00+00:00").expect("time");
        Entry {
            id: id.into(),
            day: day(d),
            created_at: t,
            updated_at: t,
            kind: EntryKind::Checkin,
            text: String::new(),
            sections: vec![],
            mood: None,
            urge: None,
            people: people.iter().map(|p| p.to_string()).collect(),
            tags: vec![],
            private: false,
            discuss: false,
            revision: 1,
            deleted_at: None,
        }
    }

    fn det(
        entry: &str,
        family: Family,
        label: &str,
        people: &[&str],
        status: DetectionStatus,
    ) -> StoredDetection {
        StoredDetection {
            entry_id: entry.into(),
            family,
            label: label.into(),
            source: DetectionSource::Rules,
            status,
            rule: None,
            start: None,
            end: None,
            evidence: Some("left Sam on read".into()),
            people: people.iter().map(|p| p.to_string()).collect(),
            spans: vec![],
        }
    }

    #[test]
    fn a_sign_toward_someone_stays_open_until_a_step_with_them() {
        let entries = vec![entry("a", 17, &["Sam"]), entry("b", 19, &["Jo"])];
        let dets = vec![
            det(
                "a",
                Family::Sign,
                "ignored-contact",
                &["Sam"],
                DetectionStatus::Detected,
            ),
            det(
                "b",
                Family::Step,
                "reached-out",
                &["Jo"],
                DetectionStatus::Detected,
            ),
        ];
        let open = open_repairs(&entries, &dets, &HashSet::new(), day(10));
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].person, "Sam");
        assert_eq!(
            open[0].describe(day(20)),
            "On Tuesday you left Sam without a reply. Follow up?"
        );

        let mut mended = dets.clone();
        mended.push(det(
            "b",
            Family::Step,
            "reached-out",
            &["sam"],
            DetectionStatus::Detected,
        ));
        assert!(open_repairs(&entries, &mended, &HashSet::new(), day(10)).is_empty());
    }

    #[test]
    fn marked_done_dismissed_or_before_the_window_is_not_open() {
        let entries = vec![entry("a", 17, &["Sam"]), entry("c", 2, &["Sam"])];
        let dets = vec![
            det(
                "a",
                Family::Sign,
                "ignored-contact",
                &["Sam"],
                DetectionStatus::Detected,
            ),
            det(
                "a",
                Family::Sign,
                "curt-reply",
                &["Sam"],
                DetectionStatus::Dismissed,
            ),
            det(
                "c",
                Family::Sign,
                "harsh-words",
                &["Sam"],
                DetectionStatus::Detected,
            ),
        ];
        let done: HashSet<RepairKey> = [RepairKey {
            entry_id: "a".into(),
            label: "ignored-contact".into(),
            person: "sam".into(),
        }]
        .into();
        assert!(open_repairs(&entries, &dets, &done, day(10)).is_empty());
    }

    #[test]
    fn a_sign_without_a_named_person_uses_the_entrys_only_person() {
        let entries = vec![entry("a", 18, &["Mum"]), entry("b", 18, &["Mum", "Dad"])];
        let dets = vec![
            det(
                "a",
                Family::Sign,
                "cancelled-plans",
                &[],
                DetectionStatus::Detected,
            ),
            det(
                "b",
                Family::Sign,
                "cancelled-plans",
                &[],
                DetectionStatus::Detected,
            ),
        ];
        let open = open_repairs(&entries, &dets, &HashSet::new(), day(10));
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].entry_id, "a");
    }
}
