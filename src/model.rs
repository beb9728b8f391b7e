//! Plain data that every layer speaks: entries, their kinds and check-in
//! sections, the people in them. No behaviour beyond validation, and the
//! text of a check-in the rules read, lives here.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// What an entry is: an evening check-in, a free note, or a weekly reflection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Checkin,
    Note,
    Weekly,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Checkin => "checkin",
            EntryKind::Note => "note",
            EntryKind::Weekly => "weekly",
        }
    }

    pub fn parse(s: &str) -> Result<EntryKind> {
        match s {
            "checkin" | "check-in" => Ok(EntryKind::Checkin),
            "note" => Ok(EntryKind::Note),
            "weekly" => Ok(EntryKind::Weekly),
            other => Err(Error::invalid(format!(
                "`{other}` is not a kind of entry; use checkin, note or weekly"
            ))),
        }
    }
}

/// One guided answer of a check-in: which prompt (`key`, stable across
/// wording changes), the prompt as the user saw it, and what they wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub key: String,
    pub prompt: String,
    pub answer: String,
}

impl Section {
    /// The text of a check-in: its non-empty answers, one paragraph each.
    pub fn joined_answers(sections: &[Section]) -> String {
        sections
            .iter()
            .map(|s| s.answer.trim())
            .filter(|a| !a.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// `text` as the rule engine reads it: the answer to "One small step
    /// for tomorrow" is a plan, not something done today, so its bytes are
    /// blanked ("Text Sam back" counts only when it happened). Offsets
    /// everywhere else stay as they are, so evidence still points into the
    /// entry as written.
    pub fn text_for_rules<'a>(text: &'a str, sections: &[Section]) -> std::borrow::Cow<'a, str> {
        let plan = sections
            .iter()
            .find(|s| s.key == PLAN_KEY)
            .map(|s| s.answer.trim())
            .filter(|a| !a.is_empty());
        // The answers are joined in order and the plan comes last, so its
        // last occurrence is the section itself.
        let Some((start, len)) = plan.and_then(|a| Some((text.rfind(a)?, a.len()))) else {
            return std::borrow::Cow::Borrowed(text);
        };
        let mut masked = text.to_string();
        masked.replace_range(start..start + len, &" ".repeat(len));
        std::borrow::Cow::Owned(masked)
    }
}

/// The key of the check-in's plan for tomorrow, which the rules skip.
pub const PLAN_KEY: &str = "step";

/// The evening check-in's guided questions, by key. The key is stored with
/// each answer so the wording can change without losing what an answer was to.
pub const CHECKIN_PROMPTS: &[(&str, &str)] = &[
    (
        "before",
        "Was there a moment you pulled back, or wanted to? What happened just before?",
    ),
    ("did", "What did you do?"),
    ("told", "What were you telling yourself?"),
    ("let-in", "Anything you did that let someone in?"),
    (PLAN_KEY, "One small step for tomorrow"),
];

/// A journal entry as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub day: NaiveDate,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    pub kind: EntryKind,
    /// The whole text: for a check-in, its answers joined, which is what
    /// search and the rule engine read.
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    pub mood: Option<u8>,
    pub urge: Option<u8>,
    pub people: Vec<String>,
    pub tags: Vec<String>,
    pub private: bool,
    pub discuss: bool,
    pub revision: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<DateTime<FixedOffset>>,
}

/// What a writer hands the store to create an entry. People and tags marked
/// in the text (`@Sam`, `#work`) are added by the store; `people` holds the
/// ones given besides (`--person`).
#[derive(Debug, Clone, PartialEq)]
pub struct NewEntry {
    pub day: NaiveDate,
    pub kind: EntryKind,
    pub text: String,
    pub sections: Vec<Section>,
    pub mood: Option<u8>,
    pub urge: Option<u8>,
    pub people: Vec<String>,
    pub private: bool,
    pub discuss: bool,
    /// When it was written, if not now (an import, the demo journal).
    pub created_at: Option<DateTime<FixedOffset>>,
}

impl NewEntry {
    /// Checks what the store refuses. A check-in may have no text at all:
    /// every question is skippable, and a mood alone is worth keeping.
    pub fn check(&self) -> Result<()> {
        if self.kind == EntryKind::Checkin {
            check_size(&self.text)?;
            if self.text.trim().is_empty()
                && self.mood.is_none()
                && self.urge.is_none()
                && self.people.is_empty()
            {
                return Err(Error::invalid("the check-in is empty; nothing was saved"));
            }
        } else {
            check_text(&self.text)?;
        }
        self.mood.map(check_mood).transpose()?;
        self.urge.map(check_urge).transpose()?;
        Ok(())
    }

    pub fn note(day: NaiveDate, text: impl Into<String>) -> NewEntry {
        NewEntry {
            day,
            kind: EntryKind::Note,
            text: text.into(),
            sections: Vec::new(),
            mood: None,
            urge: None,
            people: Vec::new(),
            private: false,
            discuss: false,
            created_at: None,
        }
    }
}

/// A change to an existing entry; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntryChange {
    pub text: Option<String>,
    pub sections: Option<Vec<Section>>,
    pub day: Option<NaiveDate>,
    pub mood: Option<Option<u8>>,
    pub urge: Option<Option<u8>>,
    pub add_people: Vec<String>,
    pub private: Option<bool>,
    pub discuss: Option<bool>,
}

/// The largest entry closer stores; anything bigger is almost certainly a
/// mistake (a pasted file) and would slow every search and review.
pub const MAX_ENTRY_BYTES: usize = 1_000_000;

pub fn check_mood(mood: u8) -> Result<u8> {
    if (1..=5).contains(&mood) {
        Ok(mood)
    } else {
        Err(Error::invalid(format!(
            "a mood of {mood} is out of range; use 1 (very low) to 5 (very good)"
        )))
    }
}

pub fn check_urge(urge: u8) -> Result<u8> {
    if urge <= 10 {
        Ok(urge)
    } else {
        Err(Error::invalid(format!(
            "an urge to withdraw of {urge} is out of range; use 0 (none) to 10 (overwhelming)"
        )))
    }
}

/// Refuses text closer should not store: empty, or larger than
/// [`MAX_ENTRY_BYTES`].
pub fn check_text(text: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(Error::invalid("the entry is empty; nothing was saved"));
    }
    check_size(text)
}

/// Refuses text over [`MAX_ENTRY_BYTES`].
pub fn check_size(text: &str) -> Result<()> {
    if text.len() > MAX_ENTRY_BYTES {
        return Err(Error::invalid(format!(
            "the entry is {} bytes, over closer's limit of {MAX_ENTRY_BYTES}; nothing was saved: split it into smaller entries",
            text.len()
        )));
    }
    Ok(())
}

/// A person with the number of live entries they appear in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonSummary {
    pub name: String,
    pub role: Option<String>,
    pub aliases: Vec<String>,
    pub entries: usize,
}

/// A tag with the number of live entries it marks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagSummary {
    pub tag: String,
    pub entries: usize,
}

/// An entry found by full-text search, with a snippet whose matched words
/// are wrapped in [`HIT_START`] / [`HIT_END`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub entry: Entry,
    pub snippet: String,
}

/// Private-use characters that mark a search hit inside a snippet; the
/// printer turns them into colour or brackets.
pub const HIT_START: char = '\u{E000}';
pub const HIT_END: char = '\u{E001}';

/// Whether a detection came from the rules or from the user's own hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DetectionSource {
    Rules,
    User,
}

/// What the user said of a detection. Dismissed ones never count; confirmed
/// ones count even if the rules later stop finding them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DetectionStatus {
    Detected,
    Confirmed,
    Dismissed,
}

impl DetectionSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DetectionSource::Rules => "rules",
            DetectionSource::User => "user",
        }
    }
}

impl DetectionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DetectionStatus::Detected => "detected",
            DetectionStatus::Confirmed => "confirmed",
            DetectionStatus::Dismissed => "dismissed",
        }
    }

    /// Whether it counts in reviews, patterns and exports.
    pub fn counts(self) -> bool {
        self != DetectionStatus::Dismissed
    }
}

/// A label of an entry as stored: found by the rules or added by hand, with
/// the evidence it was found on (none for a hand-added label).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredDetection {
    pub entry_id: String,
    pub family: crate::rules::Family,
    #[serde(rename = "id")]
    pub label: String,
    pub source: DetectionSource,
    pub status: DetectionStatus,
    pub rule: Option<String>,
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub evidence: Option<String>,
    pub people: Vec<String>,
    pub spans: Vec<crate::rules::Span>,
}

#[cfg(test)]
mod plan_tests {
    use std::borrow::Cow;

    use super::*;

    fn sections(plan: &str) -> Vec<Section> {
        vec![
            Section {
                key: "did".into(),
                prompt: "What did you do?".into(),
                answer: "Left Sam on read.".into(),
            },
            Section {
                key: PLAN_KEY.into(),
                prompt: "One small step for tomorrow".into(),
                answer: plan.into(),
            },
        ]
    }

    #[test]
    fn the_plan_for_tomorrow_is_blanked_and_every_offset_kept() {
        let s = sections("Text Sam back — café at 10 ☕");
        let text = Section::joined_answers(&s);
        let read = Section::text_for_rules(&text, &s);
        assert_eq!(read.len(), text.len());
        let did = "Left Sam on read.\n\n";
        assert_eq!(&read[..did.len()], did);
        assert!(read[did.len()..].trim().is_empty(), "{read:?}");
    }

    #[test]
    fn without_a_plan_the_text_is_read_as_written() {
        let s = sections("  ");
        let text = Section::joined_answers(&s);
        assert!(matches!(
            Section::text_for_rules(&text, &s),
            Cow::Borrowed(t) if t == text
        ));
        assert!(matches!(
            Section::text_for_rules("Text Sam back.", &[]),
            Cow::Borrowed("Text Sam back.")
        ));
    }
}
