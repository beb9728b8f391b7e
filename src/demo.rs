//! A generator of believable journals: evening check-ins with triggers,
//! signs, thoughts and steps, around a small cast of people, with patterns a
//! review should find (conflict with one person met by withdrawal, work
//! stress met by cancelled plans) and slow progress over the weeks.
//!
//! It feeds `closer demo`, the benchmarks and tests. It is deterministic for
//! a seed so benchmarks and snapshots are repeatable. The sentences are the
//! project's own.

use chrono::{Datelike, Duration, FixedOffset, NaiveDate, TimeZone};

use crate::model::{EntryKind, NewEntry, Section};

/// The cast: (name, how they relate to the writer).
pub const PEOPLE: &[(&str, &str)] = &[
    ("Sam", "partner"),
    ("Mum", "mother"),
    ("Jo", "friend"),
    ("Priya", "colleague"),
    ("Dev", "brother"),
    ("Ana", "friend"),
];

/// The check-in prompts, by key: what the TUI asks and the demo answers.
pub use crate::model::CHECKIN_PROMPTS as PROMPTS;

const TRIGGERS: &[&str] = &[
    "{p} said I never really listen when I'm tired, and it stung.",
    "{p} complained that I'd forgotten to call back again.",
    "We disagreed about money over dinner and {p} got sharp about it.",
    "{p} texted that they missed me and asked if I was free this week.",
    "{p} asked how I was really doing, not just the usual.",
    "{p} invited me round for dinner on Saturday.",
    "{p} brought up moving in together.",
    "Work was relentless: three deadlines landed at once.",
    "Stayed at the office until nine again, completely drained.",
    "Felt flat and empty most of the day, like everything was far away.",
    "Two parties and a work drinks this week, I'm worn out from people.",
    "A song in the shop reminded me of the breakup.",
];

const SIGNS: &[&str] = &[
    "Left {p}'s message on read.",
    "Didn't answer when {p} called, let it go to voicemail.",
    "Replied to {p} with one word and put the phone face down.",
    "Cancelled on {p}, said I had too much work on.",
    "Bailed on the plan with {p} an hour before.",
    "Changed the subject when {p} tried to talk about it.",
    "Walked out of the room instead of talking it through with {p}.",
    "Pulled away when {p} went to hug me.",
    "Told {p} I was fine when I really wasn't.",
    "Snapped at {p} over nothing much.",
    "Haven't texted {p} first in weeks; I just wait for them to get in touch.",
    "Picked at everything {p} did tonight, the dishes, the tone, all of it.",
];

const THOUGHTS: &[&str] = &[
    "They'll get tired of me eventually anyway.",
    "I'm not good enough for someone like them.",
    "They're only being polite, they don't actually like me.",
    "I'll just mess it up like I always do.",
    "They're probably not telling me everything.",
    "",
];

const STEPS: &[&str] = &[
    "Texted {p} back properly and we chatted for a while.",
    "Called {p} back after dinner.",
    "Told {p} I'd been feeling low lately.",
    "Asked {p} about their day and actually listened.",
    "Stayed and talked it through with {p} instead of leaving.",
    "Went to see {p} even though I wanted to cancel.",
    "Thanked {p} for checking in on me.",
    "Let {p} help with the shopping when they offered.",
    "Was kind to myself about it instead of spiralling.",
];

const SMALL_STEPS: &[&str] = &[
    "Reply to {p} before lunch.",
    "Ask {p} how their week went.",
    "Keep the plan with {p} on Friday.",
    "Tell {p} one true thing about how I feel.",
    "Call {p} back, even for five minutes.",
];

const NOTES: &[&str] = &[
    "Long walk by the river. Quiet head for once. #walk",
    "Therapy tomorrow, want to bring up the thing with {p}. #therapy",
    "Read for an hour, slept badly. #sleep",
    "Good coffee with {p}, easy and light. #friends",
];

/// How the generator shapes a journal.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub seed: u64,
    /// The last journal day; the journal runs back from here.
    pub end: NaiveDate,
    /// How many entries to make.
    pub entries: usize,
    /// The writers' UTC offset.
    pub offset: FixedOffset,
}

/// Makes `options.entries` entries, newest day first, about one check-in an
/// evening with a free note now and then.
pub fn journal(options: &DemoOptions) -> Vec<NewEntry> {
    let mut rng = fastrand::Rng::with_seed(options.seed);
    let mut out = Vec::with_capacity(options.entries);
    let mut day = options.end;
    // Progress: the further back, the more signs and the fewer steps.
    let total_days = (options.entries as f64 / 1.1).max(1.0);
    let mut back = 0.0_f64;
    while out.len() < options.entries {
        let progress = 1.0 - (back / total_days).min(1.0);
        if rng.f64() < 0.88 {
            out.push(checkin(&mut rng, day, options.offset, progress));
        }
        if out.len() < options.entries && rng.f64() < 0.2 {
            out.push(note(&mut rng, day, options.offset));
        }
        day = day.pred_opt().unwrap_or(day);
        back += 1.0;
    }
    out
}

/// Reflections the demo writes at the end of a week, oldest week first.
const REFLECTIONS: &[&str] = &[
    "A hard week. Every time things got tense with @Sam I found a way out of the room. I want to notice the moment before I leave.",
    "Work swallowed everything again and I used it as a reason to cancel. I miss @Jo.",
    "Noticed the 'they'll get tired of me' voice a lot this week. It is loud right before I pull back.",
    "Stayed in one argument with @Sam until the end. It was awful and then it was fine.",
    "Said yes to dinner with @Mum and went. Small, but it counts.",
    "Quieter week. Fewer walk-outs. Still leaving messages on read when I'm tired.",
    "Told @Ana about the pulling-away thing. She said she had noticed and wasn't going anywhere.",
];

/// A demo journal of `weeks` whole weeks of evening check-ins and notes
/// ending on `end`, oldest first, with a weekly reflection every Sunday
/// before `end`: what `closer demo` writes so a newcomer sees a full
/// review at once.
pub fn weeks(end: NaiveDate, weeks: u32, offset: FixedOffset, seed: u64) -> Vec<NewEntry> {
    let days = i64::from(weeks.max(1)) * 7;
    let first = end - Duration::days(days - 1);
    let mut entries: Vec<NewEntry> = journal(&DemoOptions {
        seed,
        end,
        entries: usize::try_from(days * 2).unwrap_or(usize::MAX),
        offset,
    })
    .into_iter()
    .filter(|e| e.day >= first)
    .collect();
    entries.reverse();
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x5eed);
    follow_small_steps(&mut entries, &mut rng);
    let sundays: Vec<NaiveDate> = first
        .iter_days()
        .take_while(|d| *d < end)
        .filter(|d| d.weekday() == chrono::Weekday::Sun)
        .collect();
    // The last reflections are the most hopeful: the latest week gets the last.
    let n = sundays.len();
    for (i, sunday) in sundays.into_iter().enumerate() {
        let from_last = (n - 1 - i) % REFLECTIONS.len();
        entries.push(NewEntry {
            kind: EntryKind::Weekly,
            created_at: Some(evening(&mut rng, sunday, offset, 20)),
            ..NewEntry::note(sunday, REFLECTIONS[REFLECTIONS.len() - 1 - from_last])
        });
    }
    entries.sort_by_key(|e| (e.day, e.created_at));
    entries
}

/// What doing each of [`SMALL_STEPS`] sounds like the evening after.
const SMALL_STEPS_DONE: &[&str] = &[
    "Texted {p} back properly and we chatted for a while.",
    "Asked {p} about their day and actually listened.",
    "Went to see {p} even though I wanted to cancel.",
    "Told {p} I'd been feeling low lately.",
    "Called {p} back after dinner.",
];

/// Makes about half of the small steps come true the next evening: the
/// next check-in (`entries` oldest first) tells of doing it, so a review's
/// follow-through has something to find.
fn follow_small_steps(entries: &mut [NewEntry], rng: &mut fastrand::Rng) {
    for i in 1..entries.len() {
        let (before, after) = entries.split_at_mut(i);
        let (prev, next) = (&before[i - 1], &mut after[0]);
        if next.kind != EntryKind::Checkin || next.day != prev.day + Duration::days(1) {
            continue;
        }
        let Some(step) = prev.sections.iter().find(|s| s.key == "step") else {
            continue;
        };
        let done = SMALL_STEPS
            .iter()
            .zip(SMALL_STEPS_DONE)
            .find_map(|(plan, done)| {
                PEOPLE
                    .iter()
                    .find(|(name, _)| fill(plan, name) == step.answer)
                    .map(|(name, _)| fill(done, name))
            });
        let Some(done) = done else { continue };
        if !rng.bool() {
            continue;
        }
        let mut answers: Vec<(String, String)> = next
            .sections
            .iter()
            .filter(|s| s.key != "let-in")
            .map(|s| (s.key.clone(), s.answer.clone()))
            .collect();
        answers.push(("let-in".to_string(), done));
        next.sections = PROMPTS
            .iter()
            .filter_map(|(key, prompt)| {
                answers
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, answer)| Section {
                        key: (*key).to_string(),
                        prompt: (*prompt).to_string(),
                        answer: answer.clone(),
                    })
            })
            .collect();
        next.text = Section::joined_answers(&next.sections);
    }
}

fn pick<'a>(rng: &mut fastrand::Rng, items: &[&'a str]) -> &'a str {
    items[rng.usize(..items.len())]
}

fn fill(template: &str, person: &str) -> String {
    template.replace("{p}", &format!("@{person}"))
}

fn checkin(
    rng: &mut fastrand::Rng,
    day: NaiveDate,
    offset: FixedOffset,
    progress: f64,
) -> NewEntry {
    // Scripted patterns a review can find: Sam and conflict, Priya and work.
    let trigger_index = rng.usize(..TRIGGERS.len());
    let person = match trigger_index {
        0..=2 if rng.f64() < 0.7 => "Sam",
        7 | 8 if rng.f64() < 0.6 => "Priya",
        _ => PEOPLE[rng.usize(..PEOPLE.len())].0,
    };
    let sign = match trigger_index {
        0..=2 => SIGNS[5 + rng.usize(..2)],
        3..=6 => SIGNS[rng.usize(..1) + if rng.bool() { 7 } else { 0 }],
        7 | 8 => SIGNS[3 + rng.usize(..2)],
        _ => pick(rng, SIGNS),
    };
    let took_step = rng.f64() < 0.25 + 0.45 * progress;
    let acted = !took_step || rng.f64() < 0.3;
    let answers = [
        fill(TRIGGERS[trigger_index], person),
        if acted {
            fill(sign, person)
        } else {
            String::new()
        },
        pick(rng, THOUGHTS).to_string(),
        if took_step {
            fill(pick(rng, STEPS), person)
        } else {
            String::new()
        },
        fill(pick(rng, SMALL_STEPS), PEOPLE[rng.usize(..PEOPLE.len())].0),
    ];
    let sections: Vec<Section> = PROMPTS
        .iter()
        .zip(answers)
        .filter(|(_, a)| !a.is_empty())
        .map(|((key, prompt), answer)| Section {
            key: (*key).to_string(),
            prompt: (*prompt).to_string(),
            answer,
        })
        .collect();
    let urge_base = if acted { 5 } else { 2 };
    NewEntry {
        day,
        kind: EntryKind::Checkin,
        text: Section::joined_answers(&sections),
        sections,
        mood: Some(
            1 + rng.u8(..3) + u8::from(took_step) + u8::from(progress > 0.5 && rng.bool()).min(1),
        ),
        urge: Some((urge_base + rng.u8(..5)).min(10)),
        people: Vec::new(),
        private: rng.f64() < 0.05,
        discuss: rng.f64() < 0.08,
        created_at: Some(evening(rng, day, offset, 21)),
    }
}

fn note(rng: &mut fastrand::Rng, day: NaiveDate, offset: FixedOffset) -> NewEntry {
    let person = PEOPLE[rng.usize(..PEOPLE.len())].0;
    NewEntry {
        created_at: Some(evening(rng, day, offset, 18)),
        ..NewEntry::note(day, fill(pick(rng, NOTES), person))
    }
}

fn evening(
    rng: &mut fastrand::Rng,
    day: NaiveDate,
    offset: FixedOffset,
    from_hour: i64,
) -> chrono::DateTime<FixedOffset> {
    let minutes = from_hour * 60 + rng.i64(0..150);
    let naive = day.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::minutes(minutes);
    offset
        .from_local_datetime(&naive)
        .single()
        .unwrap_or_else(|| offset.from_utc_datetime(&naive))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(entries: usize) -> DemoOptions {
        DemoOptions {
            seed: 7,
            end: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
            entries,
            offset: FixedOffset::east_opt(3600).expect("offset"),
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_journal() {
        assert_eq!(journal(&options(50)), journal(&options(50)));
        assert_eq!(journal(&options(50)).len(), 50);
    }

    #[test]
    fn weeks_fill_whole_weeks_with_a_reflection_closing_each_past_one() {
        let end = options(1).end;
        let entries = weeks(end, 8, options(1).offset, 7);
        assert!(
            entries
                .iter()
                .all(|e| e.day <= end && e.day > end - Duration::days(56))
        );
        assert_eq!(
            entries
                .iter()
                .filter(|e| e.kind == EntryKind::Weekly)
                .count(),
            8
        );
        assert!(
            entries
                .iter()
                .filter(|e| e.kind == EntryKind::Checkin)
                .count()
                > 40
        );
        assert_eq!(entries, weeks(end, 8, options(1).offset, 7));
    }

    #[test]
    fn entries_are_valid_and_run_back_from_the_end() {
        let entries = journal(&options(200));
        assert!(
            entries
                .iter()
                .all(|e| crate::model::check_text(&e.text).is_ok())
        );
        assert!(entries.iter().all(|e| e.day <= options(1).end));
        assert!(entries.iter().any(|e| e.kind == EntryKind::Note));
        assert!(
            entries
                .iter()
                .all(|e| e.mood.is_none_or(|m| (1..=5).contains(&m)))
        );
        assert!(entries.iter().all(|e| e.urge.is_none_or(|u| u <= 10)));
    }
}
