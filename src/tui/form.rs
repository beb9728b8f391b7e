//! The check-in form (and the same form for editing a note): its fields,
//! which one has the focus, the review pane's decisions, and the draft it
//! turns into and back from.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};
use serde::{Deserialize, Serialize};

use super::action::Action;
use super::picker::{Picked, Picker};
use super::screens::move_in_list;
use crate::journal::{Decision, LabelDecision};
use crate::model::{CHECKIN_PROMPTS, Entry, EntryKind, NewEntry, Section};
use crate::rules::{Catalog, EntryDetections, Family};

/// The check-in form's name in the drafts table.
pub const FORM: &str = "checkin";
/// The weekly reflection's name in the drafts table.
pub const WEEKLY_FORM: &str = "weekly";

/// One question of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Mood,
    Urge,
    People,
    Answer(usize),
    Review,
}

/// A written answer and its editor.
pub struct Answer {
    pub key: String,
    pub prompt: String,
    pub area: TextArea<'static>,
}

/// The form as a draft: plain data that survives a crash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormDraft {
    pub kind: EntryKind,
    pub mood: Option<u8>,
    pub urge: Option<u8>,
    pub people: Vec<String>,
    /// (key, prompt, answer)
    pub answers: Vec<(String, String, String)>,
    #[serde(default)]
    pub decisions: Vec<LabelDecision>,
    #[serde(default)]
    pub private: bool,
    #[serde(default)]
    pub discuss: bool,
    #[serde(default)]
    pub focus: usize,
}

/// What the rules see in the form, with the user's decisions on it.
#[derive(Default)]
pub struct ReviewPane {
    pub text: String,
    pub found: EntryDetections,
    pub cursor: usize,
    pub adding: Option<Picker>,
}

pub struct Form {
    pub kind: EntryKind,
    pub day: NaiveDate,
    /// The entry being edited and its revision when opened.
    pub editing: Option<(String, i64)>,
    pub mood: Option<u8>,
    pub urge: Option<u8>,
    pub people: Picker,
    pub answers: Vec<Answer>,
    pub focus: usize,
    pub review: ReviewPane,
    pub decisions: Vec<LabelDecision>,
    pub private: bool,
    pub discuss: bool,
}

const REFLECTION_PROMPT: &str =
    "Looking back at this week: what did you notice, and what would you like to try next week?";

fn text_area(text: &str, prompt: &str) -> TextArea<'static> {
    let mut area = TextArea::new(text.lines().map(str::to_string).collect());
    area.set_wrap_mode(WrapMode::Word);
    area.set_placeholder_text(format!("{prompt} (Tab skips)"));
    area
}

impl Form {
    /// A fresh check-in for `day`.
    pub fn new_checkin(day: NaiveDate, known_people: Vec<String>) -> Form {
        let answers = CHECKIN_PROMPTS
            .iter()
            .map(|(key, prompt)| Answer {
                key: (*key).to_string(),
                prompt: (*prompt).to_string(),
                area: text_area("", prompt),
            })
            .collect();
        Form {
            kind: EntryKind::Checkin,
            day,
            editing: None,
            mood: None,
            urge: None,
            people: Picker::new(known_people, true, false),
            answers,
            focus: 0,
            review: ReviewPane::default(),
            decisions: Vec::new(),
            private: false,
            discuss: false,
        }
    }

    /// A weekly reflection for the week ending on (or including) `day`.
    pub fn new_weekly(day: NaiveDate) -> Form {
        let mut form = Form::new_checkin(day, Vec::new());
        form.kind = EntryKind::Weekly;
        form.answers = vec![Answer {
            key: "text".to_string(),
            prompt: REFLECTION_PROMPT.to_string(),
            area: text_area("", REFLECTION_PROMPT),
        }];
        form
    }

    /// The drafts-table name this form is kept under.
    pub fn draft_key(&self) -> &'static str {
        if self.kind == EntryKind::Weekly {
            WEEKLY_FORM
        } else {
            FORM
        }
    }

    /// The form on an existing entry: a check-in's answers, or a note's text.
    pub fn from_entry(entry: &Entry, known_people: Vec<String>) -> Form {
        let mut form = Form::new_checkin(entry.day, known_people);
        form.kind = entry.kind;
        form.editing = Some((entry.id.clone(), entry.revision));
        form.mood = entry.mood;
        form.urge = entry.urge;
        form.private = entry.private;
        form.discuss = entry.discuss;
        form.people.chosen = entry.people.clone();
        form.answers = if entry.sections.is_empty() {
            vec![Answer {
                key: "text".to_string(),
                prompt: "Your entry".to_string(),
                area: text_area(&entry.text, "Your entry"),
            }]
        } else {
            let mut answers: Vec<Answer> = CHECKIN_PROMPTS
                .iter()
                .map(|(key, prompt)| {
                    let answer = entry
                        .sections
                        .iter()
                        .find(|s| s.key == *key)
                        .map_or("", |s| s.answer.as_str());
                    Answer {
                        key: (*key).to_string(),
                        prompt: (*prompt).to_string(),
                        area: text_area(answer, prompt),
                    }
                })
                .collect();
            // Sections written elsewhere (an edit in $EDITOR) keep their place.
            for s in entry
                .sections
                .iter()
                .filter(|s| !CHECKIN_PROMPTS.iter().any(|(k, _)| *k == s.key))
            {
                answers.push(Answer {
                    key: s.key.clone(),
                    prompt: s.prompt.clone(),
                    area: text_area(&s.answer, &s.prompt),
                });
            }
            answers
        };
        form
    }

    /// The form from its draft.
    pub fn from_draft(
        draft: &FormDraft,
        day: NaiveDate,
        editing: Option<(String, i64)>,
        known_people: Vec<String>,
    ) -> Form {
        let mut form = Form::new_checkin(day, known_people);
        form.kind = draft.kind;
        form.editing = editing;
        form.mood = draft.mood;
        form.urge = draft.urge;
        form.people.chosen = draft.people.clone();
        for p in &draft.people {
            if !form.people.items.iter().any(|i| i.eq_ignore_ascii_case(p)) {
                form.people.items.push(p.clone());
            }
        }
        form.answers = draft
            .answers
            .iter()
            .map(|(key, prompt, text)| Answer {
                key: key.clone(),
                prompt: prompt.clone(),
                area: text_area(text, prompt),
            })
            .collect();
        form.decisions = draft.decisions.clone();
        form.private = draft.private;
        form.discuss = draft.discuss;
        form.focus = draft.focus.min(form.fields().len().saturating_sub(1));
        form
    }

    pub fn to_draft(&self) -> FormDraft {
        FormDraft {
            kind: self.kind,
            mood: self.mood,
            urge: self.urge,
            people: self.people.chosen.clone(),
            answers: self
                .answers
                .iter()
                .map(|a| (a.key.clone(), a.prompt.clone(), a.area.lines().join("\n")))
                .collect(),
            decisions: self.decisions.clone(),
            private: self.private,
            discuss: self.discuss,
            focus: self.focus,
        }
    }

    /// The questions in order: mood, urge, people, each written answer,
    /// and the review pane last.
    pub fn fields(&self) -> Vec<Field> {
        // A weekly reflection is one text: no mood, people or labels to review.
        if self.kind == EntryKind::Weekly {
            return vec![Field::Answer(0)];
        }
        let mut fields = vec![Field::Mood, Field::Urge, Field::People];
        fields.extend((0..self.answers.len()).map(Field::Answer));
        fields.push(Field::Review);
        fields
    }

    pub fn field(&self) -> Field {
        self.fields()
            .get(self.focus)
            .copied()
            .unwrap_or(Field::Review)
    }

    /// The entry's text as search and the rules see it.
    pub fn text(&self) -> String {
        if self.kind == EntryKind::Checkin {
            Section::joined_answers(&self.sections())
        } else {
            self.answers
                .first()
                .map(|a| a.area.lines().join("\n"))
                .unwrap_or_default()
                .trim()
                .to_string()
        }
    }

    /// The check-in's answers as sections (empty for a note).
    pub fn sections(&self) -> Vec<Section> {
        if self.kind != EntryKind::Checkin {
            return Vec::new();
        }
        self.answers
            .iter()
            .map(|a| Section {
                key: a.key.clone(),
                prompt: a.prompt.clone(),
                answer: a.area.lines().join("\n").trim().to_string(),
            })
            .collect()
    }

    /// Whether anything was written or chosen.
    pub fn is_empty(&self) -> bool {
        self.text().trim().is_empty()
            && self.mood.is_none()
            && self.urge.is_none()
            && self.people.chosen.is_empty()
    }

    pub fn to_new_entry(&self) -> NewEntry {
        let sections = if self.kind == EntryKind::Checkin {
            self.sections()
                .into_iter()
                .filter(|s| !s.answer.is_empty())
                .collect()
        } else {
            Vec::new()
        };
        NewEntry {
            day: self.day,
            kind: self.kind,
            text: self.text(),
            sections,
            mood: self.mood,
            urge: self.urge,
            people: self.people.chosen.clone(),
            private: self.private,
            discuss: self.discuss,
            created_at: None,
        }
    }

    /// The decision on a label, if the user made one.
    pub fn decision(&self, family: Family, label: &str) -> Option<Decision> {
        self.decisions
            .iter()
            .find(|d| d.family == family && d.label == label)
            .map(|d| d.decision)
    }

    fn decide(&mut self, family: Family, label: &str, decision: Decision) {
        self.decisions
            .retain(|d| !(d.family == family && d.label == label));
        self.decisions.push(LabelDecision {
            family,
            label: label.to_string(),
            decision,
        });
    }

    /// The review pane's rows: what the rules found, then labels the user added.
    pub fn review_rows(&self) -> Vec<(Family, String)> {
        let mut rows: Vec<(Family, String)> = Family::ALL
            .iter()
            .flat_map(|f| {
                self.review
                    .found
                    .family(*f)
                    .iter()
                    .map(move |d| (*f, d.id.clone()))
            })
            .collect();
        for d in self
            .decisions
            .iter()
            .filter(|d| d.decision == Decision::Add)
        {
            if !rows.iter().any(|(f, l)| *f == d.family && *l == d.label) {
                rows.push((d.family, d.label.clone()));
            }
        }
        rows
    }

    fn move_focus(&mut self, forward: bool) -> Option<Action> {
        let last = self.fields().len().saturating_sub(1);
        self.focus = if forward {
            (self.focus + 1).min(last)
        } else {
            self.focus.saturating_sub(1)
        };
        if self.field() == Field::Review {
            Some(Action::AnalyseForm)
        } else {
            Some(Action::FormChanged)
        }
    }

    /// Keys while the form has the focus. Tab, Shift-Tab, Ctrl-S, Esc and
    /// F1 work in every field; the rest go to the field.
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Action> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if self.review.adding.is_some() {
            return self.handle_label_picker(key);
        }
        match key.code {
            KeyCode::Char('s') if ctrl => return Some(Action::SaveForm),
            KeyCode::Esc => return Some(Action::KeepDraft),
            KeyCode::F(1) => return Some(Action::Help),
            KeyCode::Tab => return self.move_focus(true),
            KeyCode::BackTab => return self.move_focus(false),
            _ => {}
        }
        match self.field() {
            Field::Mood => {
                let changed = match key.code {
                    KeyCode::Left | KeyCode::Char('h') => {
                        self.mood = Some(self.mood.unwrap_or(3).saturating_sub(1).max(1));
                        true
                    }
                    KeyCode::Right | KeyCode::Char('l') => {
                        self.mood = Some((self.mood.unwrap_or(2) + 1).min(5));
                        true
                    }
                    KeyCode::Char(c @ '1'..='5') => {
                        self.mood = Some(c as u8 - b'0');
                        return self.move_focus(true);
                    }
                    KeyCode::Enter => return self.move_focus(true),
                    _ => false,
                };
                changed.then_some(Action::FormChanged)
            }
            Field::Urge => {
                let changed = match key.code {
                    KeyCode::Left | KeyCode::Char('h') => {
                        self.urge = Some(self.urge.unwrap_or(5).saturating_sub(1));
                        true
                    }
                    KeyCode::Right | KeyCode::Char('l') => {
                        self.urge = Some((self.urge.map_or(5, |u| u + 1)).min(10));
                        true
                    }
                    KeyCode::Char(c @ '0'..='9') => {
                        self.urge = Some(c as u8 - b'0');
                        true
                    }
                    KeyCode::Enter => return self.move_focus(true),
                    _ => false,
                };
                changed.then_some(Action::FormChanged)
            }
            Field::People => match self.people.handle_key(key) {
                Picked::Nothing => None,
                _ => Some(Action::FormChanged),
            },
            Field::Answer(i) => {
                let area = &mut self.answers.get_mut(i)?.area;
                area.input(key).then_some(Action::FormChanged)
            }
            Field::Review => self.handle_review_key(key),
        }
    }

    fn handle_review_key(&mut self, key: KeyEvent) -> Option<Action> {
        let rows = self.review_rows();
        match key.code {
            code if move_in_list(&mut self.review.cursor, rows.len(), code, 0) => None,
            KeyCode::Char('c') | KeyCode::Char('x') => {
                let (family, label) = rows.get(self.review.cursor)?.clone();
                let decision = if key.code == KeyCode::Char('c') {
                    Decision::Confirm
                } else {
                    Decision::Dismiss
                };
                if self.decision(family, &label) == Some(Decision::Add) {
                    // Dismissing a label you added yourself takes it away again.
                    if decision == Decision::Dismiss {
                        self.decisions
                            .retain(|d| !(d.family == family && d.label == label));
                        self.review.cursor = self
                            .review
                            .cursor
                            .min(self.review_rows().len().saturating_sub(1));
                    }
                } else if self.decision(family, &label) == Some(decision) {
                    self.decisions
                        .retain(|d| !(d.family == family && d.label == label));
                } else {
                    self.decide(family, &label, decision);
                }
                Some(Action::FormChanged)
            }
            KeyCode::Char('a') => {
                let labels = Catalog::builtin()
                    .entries()
                    .iter()
                    .map(|e| format!("{}/{}", e.family.as_str(), e.id))
                    .collect();
                self.review.adding = Some(Picker::new(labels, false, true));
                None
            }
            KeyCode::Char('p') => {
                self.private = !self.private;
                Some(Action::FormChanged)
            }
            KeyCode::Char('t') => {
                self.discuss = !self.discuss;
                Some(Action::FormChanged)
            }
            KeyCode::Char('d') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                Some(Action::DiscardDraft)
            }
            KeyCode::Enter => Some(Action::SaveForm),
            _ => None,
        }
    }

    fn handle_label_picker(&mut self, key: KeyEvent) -> Option<Action> {
        if key.code == KeyCode::Esc {
            self.review.adding = None;
            return None;
        }
        let picker = self.review.adding.as_mut()?;
        if let Picked::Chosen(choice) = picker.handle_key(key) {
            self.review.adding = None;
            let (family, label) = choice.split_once('/')?;
            let family = Family::parse(family)?;
            self.decide(family, label, Decision::Add);
            return Some(Action::FormChanged);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")
    }

    #[test]
    fn tab_walks_the_questions_and_reaching_review_asks_for_analysis() {
        let mut form = Form::new_checkin(day(), vec![]);
        assert_eq!(form.field(), Field::Mood);
        for _ in 0..7 {
            form.handle_key(key(KeyCode::Tab));
        }
        assert_eq!(form.field(), Field::Answer(4));
        assert_eq!(
            form.handle_key(key(KeyCode::Tab)),
            Some(Action::AnalyseForm)
        );
        assert_eq!(form.field(), Field::Review);
        form.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
        assert_eq!(form.field(), Field::Answer(4));
    }

    #[test]
    fn ctrl_s_saves_from_any_field() {
        let mut form = Form::new_checkin(day(), vec![]);
        form.focus = 4;
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(form.handle_key(ctrl_s), Some(Action::SaveForm));
    }

    #[test]
    fn typed_answers_become_sections_and_text() {
        let mut form = Form::new_checkin(day(), vec!["Sam".into()]);
        form.handle_key(key(KeyCode::Char('2')));
        assert_eq!(form.mood, Some(2));
        form.focus = 3;
        for c in "Sam asked to talk.".chars() {
            form.handle_key(key(KeyCode::Char(c)));
        }
        let new = form.to_new_entry();
        assert_eq!(new.text, "Sam asked to talk.");
        assert_eq!(new.sections.len(), 1);
        assert_eq!(new.sections[0].key, "before");
        assert_eq!(new.mood, Some(2));
    }

    #[test]
    fn a_draft_round_trips() {
        let mut form = Form::new_checkin(day(), vec![]);
        form.mood = Some(4);
        form.urge = Some(7);
        form.people.chosen = vec!["Jo".into()];
        form.answers[1].area.insert_str("Went quiet.\nThen left.");
        form.focus = 4;
        let draft = form.to_draft();
        let back = Form::from_draft(&draft, day(), None, vec![]);
        assert_eq!(back.to_draft(), draft);
        assert_eq!(back.text(), "Went quiet.\nThen left.");
    }
}
