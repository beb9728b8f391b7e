//! Episodes: what one entry says happened, put in order. Each sign becomes
//! an [`Episode`] linked to the triggers and thoughts that came before it,
//! the people it was about, and the entry's day, weekday, time of day, mood
//! and urge. Each trigger becomes a [`Reaction`]: the signs and the steps
//! that followed it, which is what the counter-move view counts.
//!
//! What "came before" means:
//! - a trigger or thought precedes a sign when it starts in the sign's
//!   sentence (wherever in it: "I said I was busy when she asked to talk" is
//!   one moment) or in an earlier sentence of the entry;
//! - in a check-in, the answers are read in the order things happened, not
//!   the order the prompts are asked: what the user was telling themselves
//!   (`told`) comes first, then what happened just before (`before`), then
//!   the rest in text order. So a thought written under "What were you
//!   telling yourself?" precedes the sign written under "What did you do?";
//! - a label added by hand has no place in the text: it belongs to the entry
//!   as a whole and is linked with every label of the other kind there.
//!
//! A check-in's "one small step for tomorrow" is a plan, not something done
//! (intent does not count, as the catalog says), so labels found only in
//! that answer are left out. Only labels that count are read (dismissed ones
//! never do) and weekly
//! reflections are left out: they look back over days already written about
//! and would count the same signs twice. Pure: no I/O, no clock.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Timelike, Weekday};
use serde::Serialize;

use crate::model::{Entry, EntryKind, Section, StoredDetection};
use crate::rules::Family;

/// When in the day an entry was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeOfDay {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl TimeOfDay {
    /// Morning 5–12, afternoon 12–17, evening 17–midnight, night the small
    /// hours: an evening check-in written at 23:00 is still the evening.
    pub fn of_hour(hour: u32) -> TimeOfDay {
        match hour {
            5..=11 => TimeOfDay::Morning,
            12..=16 => TimeOfDay::Afternoon,
            17..=23 => TimeOfDay::Evening,
            _ => TimeOfDay::Night,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TimeOfDay::Morning => "morning",
            TimeOfDay::Afternoon => "afternoon",
            TimeOfDay::Evening => "evening",
            TimeOfDay::Night => "night",
        }
    }
}

/// One label found in an entry, with its words and people.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    pub id: String,
    /// The words it was found on; none for a label added by hand.
    pub evidence: Option<String>,
    pub people: Vec<String>,
}

/// One sign in one entry, with what led up to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Episode {
    pub sign: String,
    pub evidence: Option<String>,
    /// Triggers that came before it, in the entry.
    pub triggers: Vec<Found>,
    /// Thoughts that came before it.
    pub thoughts: Vec<Found>,
    /// Who it was about: the people named with the sign, else those named
    /// with its triggers, else everyone in the entry.
    pub people: Vec<String>,
}

/// One trigger in one entry, and what the user did after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reaction {
    pub trigger: String,
    pub evidence: Option<String>,
    pub people: Vec<String>,
    /// Signs that followed it.
    pub signs: Vec<String>,
    /// Steps that followed it: the counter-moves.
    pub steps: Vec<String>,
}

/// One entry, read: its episodes and reactions and the context they share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryEpisodes {
    pub entry_id: String,
    pub day: NaiveDate,
    pub weekday: Weekday,
    pub time_of_day: TimeOfDay,
    pub kind: EntryKind,
    pub mood: Option<u8>,
    pub urge: Option<u8>,
    /// Everyone in the entry: people named or marked, and those the rules
    /// found in its sentences.
    pub people: Vec<String>,
    pub episodes: Vec<Episode>,
    pub reactions: Vec<Reaction>,
    pub triggers: Vec<Found>,
    pub thoughts: Vec<Found>,
    pub steps: Vec<Found>,
    /// A check-in's "one small step for tomorrow", if written.
    pub small_step: Option<String>,
}

impl EntryEpisodes {
    /// Whether a label of `family` counts in this entry.
    pub fn has(&self, family: Family, id: &str) -> bool {
        match family {
            Family::Sign => self.episodes.iter().any(|e| e.sign == id),
            Family::Trigger => self.triggers.iter().any(|f| f.id == id),
            Family::Thought => self.thoughts.iter().any(|f| f.id == id),
            Family::Step => self.steps.iter().any(|f| f.id == id),
            Family::Safety => false,
        }
    }

    /// The labels of one family, each once.
    pub fn labels(&self, family: Family) -> Vec<&str> {
        match family {
            Family::Sign => self.episodes.iter().map(|e| e.sign.as_str()).collect(),
            Family::Trigger => self.triggers.iter().map(|f| f.id.as_str()).collect(),
            Family::Thought => self.thoughts.iter().map(|f| f.id.as_str()).collect(),
            Family::Step => self.steps.iter().map(|f| f.id.as_str()).collect(),
            Family::Safety => Vec::new(),
        }
    }
}

/// Reads entries and their stored detections into episodes, one
/// [`EntryEpisodes`] per entry (weekly reflections left out), in the order
/// the entries were given. Detections of entries not given are ignored.
pub fn read(entries: &[Entry], detections: &[StoredDetection]) -> Vec<EntryEpisodes> {
    let mut by_entry: HashMap<&str, Vec<&StoredDetection>> = HashMap::new();
    for d in detections {
        if d.status.counts() && d.family != Family::Safety {
            by_entry.entry(d.entry_id.as_str()).or_default().push(d);
        }
    }
    entries
        .iter()
        .filter(|e| e.kind != EntryKind::Weekly && e.deleted_at.is_none())
        .map(|e| {
            read_entry(
                e,
                by_entry.get(e.id.as_str()).map_or(&[][..], Vec::as_slice),
            )
        })
        .collect()
}

/// Reads one entry with the detections that count in it.
pub fn read_entry(entry: &Entry, detections: &[&StoredDetection]) -> EntryEpisodes {
    let layout = Layout::of(entry);
    let detections: Vec<&StoredDetection> = detections
        .iter()
        .copied()
        .filter(|d| !layout.only_in_plan(d))
        .collect();
    let mut people: Vec<String> = entry.people.clone();
    let found = |d: &StoredDetection, people: &mut Vec<String>| {
        let names: Vec<String> = d
            .people
            .iter()
            .map(|n| canonical(&entry.people, n))
            .collect();
        for n in &names {
            if !people.iter().any(|p| p.eq_ignore_ascii_case(n)) {
                people.push(n.clone());
            }
        }
        Found {
            id: d.label.clone(),
            evidence: d.evidence.clone(),
            people: names,
        }
    };
    let of = |family: Family| -> Vec<&StoredDetection> {
        detections
            .iter()
            .copied()
            .filter(|d| d.family == family)
            .collect()
    };
    let (signs, triggers, thoughts, steps) = (
        of(Family::Sign),
        of(Family::Trigger),
        of(Family::Thought),
        of(Family::Step),
    );
    let trigger_found: Vec<Found> = triggers.iter().map(|d| found(d, &mut people)).collect();
    let thought_found: Vec<Found> = thoughts.iter().map(|d| found(d, &mut people)).collect();
    let step_found: Vec<Found> = steps.iter().map(|d| found(d, &mut people)).collect();
    let episodes: Vec<Episode> = signs
        .iter()
        .map(|sign| {
            let own = found(sign, &mut people);
            let before = |list: &[&StoredDetection], found: &[Found]| -> Vec<Found> {
                list.iter()
                    .zip(found)
                    .filter(|(d, _)| layout.precedes(d, sign))
                    .map(|(_, f)| f.clone())
                    .collect()
            };
            let linked_triggers = before(&triggers, &trigger_found);
            let linked_thoughts = before(&thoughts, &thought_found);
            let mut who = own.people.clone();
            if who.is_empty() {
                for t in &linked_triggers {
                    for p in &t.people {
                        if !who.contains(p) {
                            who.push(p.clone());
                        }
                    }
                }
            }
            if who.is_empty() {
                who = entry.people.clone();
            }
            Episode {
                sign: own.id,
                evidence: own.evidence,
                triggers: linked_triggers,
                thoughts: linked_thoughts,
                people: who,
            }
        })
        .collect();
    let reactions = triggers
        .iter()
        .zip(&trigger_found)
        .map(|(t, f)| Reaction {
            trigger: f.id.clone(),
            evidence: f.evidence.clone(),
            people: f.people.clone(),
            signs: signs
                .iter()
                .filter(|s| layout.precedes(t, s))
                .map(|s| s.label.clone())
                .collect(),
            steps: steps
                .iter()
                .filter(|s| layout.precedes(t, s))
                .map(|s| s.label.clone())
                .collect(),
        })
        .collect();
    let small_step = entry
        .sections
        .iter()
        .find(|s| s.key == "step" && !s.answer.trim().is_empty())
        .map(|s| s.answer.trim().to_string());
    EntryEpisodes {
        entry_id: entry.id.clone(),
        day: entry.day,
        weekday: entry.day.weekday(),
        time_of_day: TimeOfDay::of_hour(entry.created_at.hour()),
        kind: entry.kind,
        mood: entry.mood,
        urge: entry.urge,
        people,
        episodes,
        reactions,
        triggers: trigger_found,
        thoughts: thought_found,
        steps: step_found,
        small_step,
    }
}

/// A name as the entry spells it (`sam` found by the rules is the entry's
/// `Sam`), without a leading `@`.
fn canonical(entry_people: &[String], name: &str) -> String {
    let name = name.trim().trim_start_matches('@');
    entry_people
        .iter()
        .find(|p| p.to_lowercase() == name.to_lowercase())
        .cloned()
        .unwrap_or_else(|| name.to_string())
}

/// Where things sit in an entry: its sentences, and for a check-in whose
/// text is still its joined answers, which answer each byte belongs to.
struct Layout {
    sentences: Vec<(usize, usize)>,
    /// (start, end, order) of each non-empty answer.
    sections: Vec<(usize, usize, u8)>,
    /// Where the "one small step for tomorrow" answer lies, if anywhere.
    plan: Option<(usize, usize)>,
}

/// Where in the telling a position is: the answer's order, then the byte.
type Place = (u8, usize);

impl Layout {
    fn of(entry: &Entry) -> Layout {
        let mut sections = Vec::new();
        let mut plan = None;
        if !entry.sections.is_empty() && Section::joined_answers(&entry.sections) == entry.text {
            let mut pos = 0;
            for s in &entry.sections {
                let answer = s.answer.trim();
                if answer.is_empty() {
                    continue;
                }
                let order = match s.key.as_str() {
                    "told" => 0,
                    "before" => 1,
                    _ => 2,
                };
                sections.push((pos, pos + answer.len(), order));
                if s.key == "step" {
                    plan = Some((pos, pos + answer.len()));
                }
                pos += answer.len() + 2;
            }
        }
        Layout {
            sentences: crate::rules::text::sentences(&entry.text),
            sections,
            plan,
        }
    }

    /// Whether every span of `d` lies in the plan for tomorrow.
    fn only_in_plan(&self, d: &StoredDetection) -> bool {
        let Some((from, to)) = self.plan else {
            return false;
        };
        d.start.is_some() && Self::starts(d).all(|s| from <= s && s < to)
    }

    fn order(&self, at: usize) -> u8 {
        self.sections
            .iter()
            .find(|(s, e, _)| *s <= at && at < *e)
            .map_or(2, |(_, _, o)| *o)
    }

    fn sentence_end(&self, at: usize) -> usize {
        self.sentences
            .iter()
            .find(|(_, e)| at < *e)
            .map_or(at + 1, |(_, e)| *e)
    }

    fn starts(d: &StoredDetection) -> impl Iterator<Item = usize> + '_ {
        d.start.into_iter().chain(d.spans.iter().map(|s| s.start))
    }

    /// Where the earliest span of `d` starts.
    fn first(&self, d: &StoredDetection) -> Option<Place> {
        Self::starts(d).map(|s| (self.order(s), s)).min()
    }

    /// The end of the sentence of the latest span of `d`: anything starting
    /// before this came before (or with) it.
    fn reach(&self, d: &StoredDetection) -> Option<Place> {
        Self::starts(d)
            .map(|s| (self.order(s), self.sentence_end(s)))
            .max()
    }

    /// Whether `a` came before (or in the same sentence as) `b`. A label
    /// added by hand has no place, so it goes with everything.
    fn precedes(&self, a: &StoredDetection, b: &StoredDetection) -> bool {
        match (self.first(a), self.reach(b)) {
            (Some(a), Some(b)) => a < b,
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::model::{DetectionSource, DetectionStatus};

    fn entry(text: &str, sections: &[(&str, &str)], people: &[&str]) -> Entry {
        let at = DateTime::parse_from_rfc3339("2026-11-18T21:15:00+01:00").expect("time");
        let sections: Vec<Section> = sections
            .iter()
            .map(|(k, a)| Section {
                key: (*k).to_string(),
                prompt: String::new(),
                answer: (*a).to_string(),
            })
            .collect();
        let text = if sections.is_empty() {
            text.to_string()
        } else {
            Section::joined_answers(&sections)
        };
        Entry {
            id: "e1".into(),
            day: at.date_naive(),
            created_at: at,
            updated_at: at,
            kind: EntryKind::Checkin,
            text,
            sections,
            mood: Some(2),
            urge: Some(7),
            people: people.iter().map(|p| (*p).to_string()).collect(),
            tags: Vec::new(),
            private: false,
            discuss: false,
            revision: 1,
            deleted_at: None,
        }
    }

    /// A detection on the first occurrence of `words` in the text, or added
    /// by hand when `words` is empty.
    fn det(e: &Entry, family: Family, label: &str, words: &str) -> StoredDetection {
        let start = (!words.is_empty()).then(|| e.text.find(words).expect("words in text"));
        StoredDetection {
            entry_id: e.id.clone(),
            family,
            label: label.into(),
            source: if start.is_some() {
                DetectionSource::Rules
            } else {
                DetectionSource::User
            },
            status: if start.is_some() {
                DetectionStatus::Detected
            } else {
                DetectionStatus::Confirmed
            },
            rule: None,
            start,
            end: start.map(|s| s + words.len()),
            evidence: start.map(|_| words.to_string()),
            people: Vec::new(),
            spans: Vec::new(),
        }
    }

    type Case<'a> = (&'a str, &'a [(Family, &'a str, &'a str)], &'a [&'a str]);

    /// Each case: entry text, its detections (family, label, words; empty
    /// words for a hand label), and the triggers and thoughts expected to
    /// precede the single sign.
    #[test]
    fn signs_link_to_what_came_before_them() {
        use Family::*;
        let cases: &[Case<'_>] = &[
            (
                "We argued about money. I walked out.",
                &[
                    (Trigger, "conflict", "argued"),
                    (Sign, "avoided-conflict", "walked out"),
                ],
                &["conflict"],
            ),
            (
                "I walked out. Later we argued about money.",
                &[
                    (Trigger, "conflict", "argued"),
                    (Sign, "avoided-conflict", "walked out"),
                ],
                &[],
            ),
            (
                "I said I was busy when she asked to talk about us.",
                &[
                    (Sign, "cancelled-plans", "said I was busy"),
                    (Trigger, "closeness-bid", "asked to talk"),
                ],
                &["closeness-bid"],
            ),
            (
                "They'll leave anyway. So I kept my distance. Work was mad.",
                &[
                    (Thought, "expect-rejection", "leave anyway"),
                    (Sign, "kept-distance", "kept my distance"),
                    (Trigger, "stress", "Work was mad"),
                ],
                &["expect-rejection"],
            ),
            (
                "I walked out.",
                &[
                    (Sign, "avoided-conflict", "walked out"),
                    (Trigger, "conflict", ""),
                ],
                &["conflict"],
            ),
            (
                "We argued. Then more.",
                &[
                    (Trigger, "conflict", "argued"),
                    (Sign, "avoided-conflict", ""),
                ],
                &["conflict"],
            ),
        ];
        for (text, dets, expected) in cases {
            let e = entry(text, &[], &[]);
            let stored: Vec<StoredDetection> =
                dets.iter().map(|(f, l, w)| det(&e, *f, l, w)).collect();
            let read = read(std::slice::from_ref(&e), &stored);
            let ep = &read[0].episodes[0];
            let mut linked: Vec<&str> = ep
                .triggers
                .iter()
                .chain(&ep.thoughts)
                .map(|f| f.id.as_str())
                .collect();
            linked.sort_unstable();
            let mut expected = expected.to_vec();
            expected.sort_unstable();
            assert_eq!(linked, expected, "{text}");
        }
    }

    #[test]
    fn a_checkin_is_read_in_the_order_things_happened() {
        let e = entry(
            "",
            &[
                ("before", "Sam got sharp about money."),
                ("did", "I changed the subject."),
                ("told", "They'll leave anyway."),
                ("let-in", "Later I stayed and talked it through."),
                ("step", "Call Mum."),
            ],
            &["Sam"],
        );
        let stored = vec![
            det(&e, Family::Trigger, "conflict", "got sharp"),
            det(&e, Family::Sign, "avoided-conflict", "changed the subject"),
            det(&e, Family::Thought, "expect-rejection", "leave anyway"),
            det(&e, Family::Step, "stayed-in-conflict", "stayed and talked"),
            det(&e, Family::Step, "reached-out", "Call Mum"),
        ];
        let read = &read(std::slice::from_ref(&e), &stored)[0];
        let ep = &read.episodes[0];
        assert_eq!(ep.triggers[0].id, "conflict");
        assert_eq!(ep.thoughts[0].id, "expect-rejection");
        assert_eq!(
            ep.people,
            ["Sam"],
            "no one named with it: the entry's people"
        );
        assert_eq!(read.reactions[0].signs, ["avoided-conflict"]);
        assert_eq!(read.reactions[0].steps, ["stayed-in-conflict"]);
        assert_eq!(read.small_step.as_deref(), Some("Call Mum."));
        assert!(
            !read.has(Family::Step, "reached-out"),
            "a plan is not a step taken"
        );
        assert_eq!(
            (read.mood, read.urge, read.time_of_day),
            (Some(2), Some(7), TimeOfDay::Evening)
        );
    }

    #[test]
    fn dismissed_labels_and_weekly_reflections_do_not_count() {
        let e = entry("We argued. I walked out.", &[], &[]);
        let mut sign = det(&e, Family::Sign, "avoided-conflict", "walked out");
        sign.status = DetectionStatus::Dismissed;
        let read1 = read(std::slice::from_ref(&e), &[sign]);
        assert!(read1[0].episodes.is_empty());
        let weekly = Entry {
            kind: EntryKind::Weekly,
            ..e.clone()
        };
        let sign = det(&e, Family::Sign, "avoided-conflict", "walked out");
        assert!(read(&[weekly], &[sign]).is_empty());
    }

    #[test]
    fn people_found_by_the_rules_take_the_entrys_spelling() {
        let e = entry("Left sam on read.", &[], &["Sam"]);
        let mut sign = det(&e, Family::Sign, "ignored-contact", "Left sam on read");
        sign.people = vec!["sam".into()];
        let read = read(std::slice::from_ref(&e), &[sign]);
        assert_eq!(read[0].episodes[0].people, ["Sam"]);
        assert_eq!(read[0].people, ["Sam"]);
    }

    #[test]
    fn hours_fall_into_four_times_of_day() {
        let cases = [
            (0, TimeOfDay::Night),
            (4, TimeOfDay::Night),
            (5, TimeOfDay::Morning),
            (12, TimeOfDay::Afternoon),
            (17, TimeOfDay::Evening),
            (21, TimeOfDay::Evening),
            (23, TimeOfDay::Evening),
        ];
        for (hour, expected) in cases {
            assert_eq!(TimeOfDay::of_hour(hour), expected, "{hour}");
        }
    }
}
