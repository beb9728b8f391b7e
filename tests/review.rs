//! The weekly review on journals whose true patterns are known: entries and
//! labels built by hand through the store (not by the rules, which change),
//! read back the way the CLI reads them, and a few runs of the real binary.

mod common;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use closer::analysis::patterns::{Cause, Count, PersonCount};
use closer::analysis::{Period, Review, days_needed, review};
use closer::config::PatternSettings;
use closer::model::{DetectionStatus, EntryKind, NewEntry, Section};
use closer::rules::{EntryDetections, Family, LabelDetection};
use closer::store::Store;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(common::NOW).expect("time")
}

/// One label on the words `words` of the text, as the rules would store it.
struct Label<'a> {
    family: Family,
    id: &'a str,
    words: &'a str,
    people: &'a [&'a str],
}

fn label<'a>(family: Family, id: &'a str, words: &'a str, people: &'a [&'a str]) -> Label<'a> {
    Label {
        family,
        id,
        words,
        people,
    }
}

/// A journal in memory, filled entry by entry.
struct Builder {
    store: Store,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            store: Store::open_in_memory().expect("store"),
        }
    }

    /// Adds an entry on `day` at 21:00 with `labels` stored on its words.
    fn entry(&mut self, on: &str, text: &str, mood: Option<u8>, labels: &[Label<'_>]) -> String {
        self.add(
            NewEntry {
                mood,
                urge: mood.map(|m| 10 - 2 * m),
                created_at: Some(evening(on)),
                ..NewEntry::note(day(on), text)
            },
            labels,
        )
    }

    fn add(&mut self, new: NewEntry, labels: &[Label<'_>]) -> String {
        let text = new.text.clone();
        let ids = self.store.add_entries(&[new], now()).expect("add");
        let id = ids[0].clone();
        let mut found = EntryDetections::default();
        for l in labels {
            let start = text
                .find(l.words)
                .expect("the label's words are in the text");
            let d = LabelDetection {
                id: l.id.to_string(),
                rule: format!("{}/test", l.id),
                start,
                end: start + l.words.len(),
                evidence: l.words.to_string(),
                people: l.people.iter().map(|p| (*p).to_string()).collect(),
                spans: Vec::new(),
            };
            match l.family {
                Family::Sign => found.signs.push(d),
                Family::Trigger => found.triggers.push(d),
                Family::Thought => found.thoughts.push(d),
                Family::Step => found.steps.push(d),
                Family::Safety => found.safety.push(d),
            }
        }
        self.store
            .write_with(now(), |w| w.save_detections(&id, &found, "test"))
            .expect("detections");
        id
    }

    fn hand_label(&mut self, id: &str, family: Family, label: &str) {
        self.store.add_user_label(id, family, label).expect("label");
    }

    fn dismiss(&mut self, id: &str, family: Family, label: &str) {
        self.store
            .set_detection_status(id, family, label, DetectionStatus::Dismissed)
            .expect("dismiss");
    }

    /// The review of `week`, read the way `closer review` reads it.
    fn review(&self, week: &str) -> Review {
        let period = Period::parse_week(week).expect("week");
        let settings = PatternSettings::default();
        let needed = days_needed(&period, &settings);
        let (entries, detections) = self
            .store
            .review_data(needed.from, needed.to)
            .expect("review data");
        review(&entries, &detections, &period, &settings)
    }
}

fn evening(on: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{on}T21:00:00+01:00")).expect("time")
}

use Family::{Sign, Step, Thought, Trigger};

/// 2026-W47 (Monday 16 to Sunday 22 November): conflict with Sam met by
/// walking out on three evenings, and noise around it that happens once.
fn conflict_journal() -> (Builder, Vec<String>) {
    let mut j = Builder::new();
    let mut sam = Vec::new();
    for on in ["2026-11-16", "2026-11-18", "2026-11-20"] {
        sam.push(j.entry(
            on,
            "@Sam criticised how I handled the bills. I walked out and went for a drive.",
            Some(2),
            &[
                label(
                    Trigger,
                    "conflict",
                    "criticised how I handled the bills",
                    &["Sam"],
                ),
                label(Sign, "avoided-conflict", "walked out", &[]),
            ],
        ));
    }
    // Noise: each pair once, in the week and the weeks before.
    j.entry(
        "2026-11-17",
        "@Jo asked me over. I kept my distance and stayed home.",
        Some(3),
        &[
            label(Trigger, "closeness-bid", "asked me over", &["Jo"]),
            label(Sign, "kept-distance", "kept my distance", &[]),
        ],
    );
    j.entry(
        "2026-11-19",
        "Deadlines everywhere. Cancelled on @Priya.",
        Some(3),
        &[
            label(Trigger, "stress", "Deadlines everywhere", &[]),
            label(Sign, "cancelled-plans", "Cancelled on @Priya", &["Priya"]),
        ],
    );
    j.entry(
        "2026-11-21",
        "Left @Mum on read.",
        Some(4),
        &[label(
            Sign,
            "ignored-contact",
            "Left @Mum on read",
            &["Mum"],
        )],
    );
    j.entry(
        "2026-11-22",
        "@Dev complained about the party. We talked it through.",
        Some(4),
        &[
            label(Trigger, "conflict", "complained about the party", &["Dev"]),
            label(Step, "stayed-in-conflict", "talked it through", &[]),
        ],
    );
    j.entry(
        "2026-11-05",
        "A song brought back the breakup. Snapped at @Dev.",
        Some(2),
        &[
            label(Trigger, "past-hurt", "brought back the breakup", &[]),
            label(Sign, "harsh-words", "Snapped at @Dev", &["Dev"]),
        ],
    );
    j.entry(
        "2026-10-28",
        "@Sam was upset about the holiday. I changed the subject.",
        Some(2),
        &[
            label(Trigger, "conflict", "upset about the holiday", &["Sam"]),
            label(Sign, "avoided-conflict", "changed the subject", &[]),
        ],
    );
    (j, sam)
}

#[test]
fn the_true_pattern_is_found_and_ranked_first() {
    let (j, sam) = conflict_journal();
    let r = j.review("2026-W47");
    let first = &r.patterns[0];
    assert_eq!(first.cause, Cause::Trigger("conflict".into()));
    assert_eq!(first.sign, "avoided-conflict");
    assert_eq!(
        (first.days_this_week, first.days),
        (3, 4),
        "three this week, one in October"
    );
    assert_eq!(
        first.people,
        [PersonCount {
            name: "Sam".into(),
            count: 4
        }]
    );
    assert!(first.lift > 1.0, "lift {}", first.lift);
    let example_ids: Vec<&str> = first.examples.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        example_ids,
        [sam[2].as_str(), sam[1].as_str(), sam[0].as_str()],
        "this week's, newest first"
    );
    assert_eq!(first.examples[0].evidence.as_deref(), Some("walked out"));
    assert_eq!(
        first.examples[0].before.as_deref(),
        Some("criticised how I handled the bills")
    );
    let sam_pattern = r
        .people_and_times
        .iter()
        .find(|p| p.cause == Cause::Person("Sam".into()))
        .expect("a pattern with Sam");
    assert_eq!(sam_pattern.sign, "avoided-conflict");
}

#[test]
fn a_single_occurrence_is_never_a_pattern() {
    let (j, _) = conflict_journal();
    let r = j.review("2026-W47");
    for p in r.patterns.iter().chain(&r.people_and_times) {
        assert!(p.days >= 2, "{p:?}");
    }
    let signs: Vec<&str> = r.patterns.iter().map(|p| p.sign.as_str()).collect();
    assert_eq!(
        signs,
        ["avoided-conflict"],
        "only the conflict pattern recurs: {:?}",
        r.patterns
    );
}

#[test]
fn the_review_counts_signs_against_the_four_weeks_before() {
    let (j, _) = conflict_journal();
    let r = j.review("2026-W47");
    assert_eq!(r.entries, 7);
    assert_eq!(r.days_checked_in, 7);
    let avoided = r
        .signs
        .iter()
        .find(|s| s.id == "avoided-conflict")
        .expect("counted");
    assert_eq!(
        (avoided.count, avoided.days, avoided.previous_average),
        (3, 3, 0.25)
    );
    let harsh = r
        .signs
        .iter()
        .find(|s| s.id == "harsh-words")
        .expect("from before");
    assert_eq!((harsh.count, harsh.previous_average), (0, 0.25));
    assert_eq!(r.signs[0].id, "avoided-conflict", "most first");
    assert_eq!(
        r.mood.per_day,
        [
            Some(2.0),
            Some(3.0),
            Some(2.0),
            Some(3.0),
            Some(2.0),
            Some(4.0),
            Some(4.0)
        ]
    );
    assert_eq!(r.mood.previous_average, Some(2.0));
    assert_eq!(r.people[0].name, "Sam");
    assert_eq!(r.people[0].signs, 3);
    assert_eq!(r.people[0].top_trigger.as_deref(), Some("conflict"));
}

#[test]
fn counter_moves_show_a_trigger_met_with_a_step() {
    let (j, _) = conflict_journal();
    let r = j.review("2026-W47");
    let conflict = r
        .counter_moves
        .iter()
        .find(|m| m.trigger == "conflict")
        .expect("conflict came up");
    assert_eq!(
        (
            conflict.tally.times,
            conflict.tally.stepped,
            conflict.tally.pulled_back
        ),
        (4, 1, 3)
    );
    assert_eq!(
        conflict.steps,
        [Count {
            id: "stayed-in-conflict".into(),
            count: 1
        }]
    );
    assert_eq!((conflict.before.times, conflict.before.pulled_back), (1, 1));
    assert_eq!(r.steps[0].id, "stayed-in-conflict");
}

#[test]
fn dismissed_detections_never_count_and_hand_added_ones_always_do() {
    let (mut j, sam) = conflict_journal();
    // The user says Monday's walk-out was not avoiding anything.
    j.dismiss(&sam[0], Sign, "avoided-conflict");
    let r = j.review("2026-W47");
    let avoided = r
        .signs
        .iter()
        .find(|s| s.id == "avoided-conflict")
        .expect("counted");
    assert_eq!(avoided.count, 2);
    assert_eq!(r.patterns[0].days_this_week, 2);
    // A hand-added trigger and sign on an entry the rules found nothing in.
    let id = j.entry(
        "2026-11-21",
        "Another evening of it with @Sam.",
        Some(2),
        &[],
    );
    j.hand_label(&id, Trigger, "conflict");
    j.hand_label(&id, Sign, "avoided-conflict");
    let r = j.review("2026-W47");
    let first = &r.patterns[0];
    assert_eq!(
        (first.sign.as_str(), first.days_this_week),
        ("avoided-conflict", 3)
    );
    assert!(
        first
            .examples
            .iter()
            .any(|e| e.id == id && e.evidence.is_none())
    );
    assert_eq!(
        first.people[0].name, "Sam",
        "a hand label is about the entry's people"
    );
}

#[test]
fn a_thought_that_recurs_before_a_sign_is_a_pattern() {
    let mut j = Builder::new();
    for on in ["2026-11-17", "2026-11-19"] {
        j.entry(
            on,
            "They'll leave anyway. So I kept @Ana at arm's length.",
            Some(2),
            &[
                label(Thought, "expect-rejection", "They'll leave anyway", &[]),
                label(Sign, "kept-distance", "kept @Ana at arm's length", &["Ana"]),
            ],
        );
    }
    // The same thought after the sign precedes nothing.
    j.entry(
        "2026-11-21",
        "I kept @Ana at arm's length. Later: they'll leave anyway.",
        Some(2),
        &[
            label(
                Sign,
                "kept-distance",
                "I kept @Ana at arm's length",
                &["Ana"],
            ),
            label(Thought, "expect-rejection", "they'll leave anyway", &[]),
        ],
    );
    let r = j.review("2026-W47");
    let p = &r.patterns[0];
    assert_eq!(p.cause, Cause::Thought("expect-rejection".into()));
    assert_eq!((p.sign.as_str(), p.days, p.count), ("kept-distance", 2, 2));
    assert_eq!(r.thoughts[0].count, 3);
}

fn checkin(on: &str, answers: &[(&str, &str)]) -> NewEntry {
    let sections: Vec<Section> = answers
        .iter()
        .map(|(key, answer)| Section {
            key: (*key).to_string(),
            prompt: String::new(),
            answer: (*answer).to_string(),
        })
        .collect();
    NewEntry {
        kind: EntryKind::Checkin,
        text: Section::joined_answers(&sections),
        sections,
        mood: Some(3),
        urge: Some(4),
        created_at: Some(evening(on)),
        ..NewEntry::note(day(on), "")
    }
}

#[test]
fn small_steps_are_followed_through_on_the_next_days() {
    let mut j = Builder::new();
    // Sunday before the week: a step for Monday, kept on Monday.
    j.add(
        checkin(
            "2026-11-15",
            &[
                ("before", "Quiet day."),
                ("step", "Reply to @Jo before lunch."),
            ],
        ),
        &[],
    );
    let monday = checkin(
        "2026-11-16",
        &[
            ("let-in", "Texted @Jo back properly."),
            ("step", "Call Mum back."),
        ],
    );
    j.add(
        monday,
        &[label(
            Step,
            "reached-out",
            "Texted @Jo back properly",
            &["Jo"],
        )],
    );
    // Monday's step for Tuesday: Tuesday and Wednesday written, no call.
    j.add(checkin("2026-11-17", &[("before", "Work all day.")]), &[]);
    j.add(
        checkin(
            "2026-11-18",
            &[("before", "Tired."), ("step", "Ask Dev how the move went.")],
        ),
        &[],
    );
    // Wednesday's step for Thursday: nothing written after it.
    let r = j.review("2026-W47");
    let s = &r.small_steps;
    assert_eq!(
        (s.set, s.kept, s.not_kept, s.unknown),
        (3, 1, 1, 1),
        "{s:?}"
    );
    assert_eq!(s.steps[0].step.as_deref(), Some("reached-out"));
    assert_eq!(s.steps[0].person.as_deref(), Some("Jo"));
    assert_eq!(s.steps[0].kept_on, Some(day("2026-11-16")));
    assert_eq!(s.steps[1].kept, Some(false));
}

#[test]
fn the_weekly_reflection_is_shown_and_not_counted_again() {
    let (mut j, _) = conflict_journal();
    let text = "I walked out on @Sam three times. Next time I'll say I need ten minutes.";
    let id = j.add(
        NewEntry {
            kind: EntryKind::Weekly,
            created_at: Some(evening("2026-11-22")),
            ..NewEntry::note(day("2026-11-22"), text)
        },
        &[label(
            Sign,
            "avoided-conflict",
            "walked out on @Sam",
            &["Sam"],
        )],
    );
    let r = j.review("2026-W47");
    assert_eq!(r.reflections.len(), 1);
    assert_eq!(
        (r.reflections[0].id.as_str(), r.reflections[0].text.as_str()),
        (id.as_str(), text)
    );
    let avoided = r
        .signs
        .iter()
        .find(|s| s.id == "avoided-conflict")
        .expect("counted");
    assert_eq!(
        avoided.count, 3,
        "the reflection's words are not a fourth evening"
    );
    assert_eq!(r.entries, 7);
}

#[test]
fn the_review_of_an_empty_week_is_empty_not_an_error() {
    let (j, _) = conflict_journal();
    let r = j.review("2025-W10");
    assert_eq!((r.entries, r.days_checked_in), (0, 0));
    assert!(r.patterns.is_empty() && r.signs.is_empty());
    assert_eq!(r.mood.average, None);
}

#[test]
fn the_markdown_review_of_a_small_journal() {
    let (j, _) = conflict_journal();
    let r = j.review("2026-W47");
    // Entry ids are random (UUID v7): name them by order of appearance.
    let mut short = std::collections::HashMap::new();
    for e in r.patterns.iter().flat_map(|p| &p.examples) {
        let n = short.len();
        short.entry(e.id.clone()).or_insert(format!("entry-{n}"));
    }
    insta::assert_snapshot!(closer::analysis::markdown::render(&r, &short));
}

#[test]
fn review_data_walks_only_the_days_asked_for() {
    let (j, _) = conflict_journal();
    let (entries, detections) = j
        .store
        .review_data(day("2026-11-16"), day("2026-11-17"))
        .expect("read");
    assert_eq!(entries.len(), 2);
    assert!(entries[0].day <= entries[1].day, "oldest first");
    assert_eq!(detections.len(), 4);
    let _ = Duration::days(1);
}

// The real binary: a few runs only, since each builds the rule engine.

#[test]
fn cli_review_json_has_the_agreed_shape() {
    let j = common::Journal::new();
    {
        let mut store = Store::open(&j.db()).expect("journal");
        for on in ["2026-11-16", "2026-11-18", "2026-11-20"] {
            let e = store
                .add_entry(
                    &NewEntry {
                        mood: Some(2),
                        urge: Some(7),
                        ..NewEntry::note(day(on), "An evening with @Sam.")
                    },
                    now(),
                )
                .expect("add");
            store
                .add_user_label(&e.id, Trigger, "conflict")
                .expect("label");
            store
                .add_user_label(&e.id, Sign, "avoided-conflict")
                .expect("label");
        }
    }
    let json: serde_json::Value =
        serde_json::from_str(&j.ok(&["review", "--week", "2026-W47", "--json"])).expect("JSON");
    assert_eq!(json["period"]["label"], "2026-W47");
    assert_eq!(json["days_checked_in"], 3);
    assert_eq!(json["signs"][0]["id"], "avoided-conflict");
    assert_eq!(json["signs"][0]["count"], 3);
    assert_eq!(json["signs"][0]["previous_average"], 0.0);
    let p = &json["patterns"][0];
    assert_eq!(
        (p["trigger"].as_str(), p["sign"].as_str()),
        (Some("conflict"), Some("avoided-conflict"))
    );
    assert_eq!(
        (p["days"].as_u64(), p["count"].as_u64()),
        (Some(3), Some(3))
    );
    assert!(p["lift"].as_f64().is_some());
    assert_eq!(p["people"][0]["name"], "Sam");
    assert!(
        p["examples"][0]["id"]
            .as_str()
            .is_some_and(|id| id.len() == 36)
    );
    assert!(p["examples"][0].get("evidence").is_some());
    for key in [
        "steps",
        "mood",
        "urge",
        "thoughts",
        "counter_moves",
        "people",
        "small_steps",
        "reflections",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(json["mood"]["average"], 2.0);

    // The reflection, saved for the week and shown by the review.
    j.ok(&[
        "review",
        "--week",
        "2026-W47",
        "--note",
        "Walked out on Sam a lot.",
    ]);
    let text = j.ok(&["review"]);
    assert!(text.contains("Walked out on Sam a lot."), "{text}");
    assert!(
        text.contains("Review of 2026-W47"),
        "the current week by default: {text}"
    );
    assert!(
        text.lines().all(|l| l.chars().count() <= 80),
        "80 columns:\n{text}"
    );
}

#[test]
fn cli_review_refuses_a_week_that_does_not_exist() {
    let j = common::Journal::new();
    let err = j.fails(&["review", "--week", "2026-W60"]);
    assert!(err.contains("no week 60"), "{err}");
}

#[test]
fn cli_demo_writes_a_journal_a_review_finds_patterns_in_and_never_mixes_in() {
    let j = common::Journal::new();
    let out = j.ok(&["demo"]);
    assert!(out.contains("demo entries"), "{out}");
    let err = j.fails(&["demo"]);
    assert!(err.contains("--force"), "{err}");
    let json: serde_json::Value =
        serde_json::from_str(&j.ok(&["review", "--week", "last", "--json"])).expect("JSON");
    assert!(
        json["days_checked_in"].as_u64().is_some_and(|d| d >= 4),
        "{}",
        json["days_checked_in"]
    );
    assert!(
        json["patterns"].as_array().is_some_and(|p| !p.is_empty()),
        "the demo shows patterns: {json}"
    );
    assert!(json["reflections"].as_array().is_some_and(|r| r.len() == 1));
}
