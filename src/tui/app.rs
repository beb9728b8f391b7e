//! The app: which screen is shown, the popup over it, and `update`, the one
//! place where actions touch the journal. Screens only turn keys into
//! actions and draw.

use std::time::{Duration, Instant};

use chrono::{DateTime, Datelike, Duration as Days, FixedOffset, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;

use super::action::Action;
use super::form::{FORM, Form, FormDraft, ReviewPane, WEEKLY_FORM};
use super::screens::entries::{EntriesState, parse_query};
use super::screens::entry::EntryView;
use super::screens::help::Popup;
use super::screens::home::{HomeData, SmallStep, is_review_day};
use super::screens::people::PeopleState;
use super::screens::review::ReviewState;
use super::screens::{checkin, entries, entry, help, home, people, review};
use super::strings;
use super::theme::Theme;
use crate::analysis::people::person_pages;
use crate::analysis::repairs::Repair;
use crate::clock;
use crate::config::Settings;
use crate::journal::{Decision, Journal, SAFETY_NOTE};
use crate::model::{DetectionStatus, EntryKind};
use crate::rules::Family;
use crate::store::{Draft, ListFilter};
use crate::{Error, Result};

/// Where the app opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    Home,
    Checkin,
}

pub enum Screen {
    Home(HomeData),
    Review(Box<ReviewState>),
    People(PeopleState),
    Checkin(Box<Form>),
    Entries(EntriesState),
    Entry(Box<EntryView>),
}

/// A draft is saved this long after the last keystroke...
const DRAFT_QUIET: Duration = Duration::from_millis(500);
/// ...or at the latest this long after the first unsaved one.
const DRAFT_AT_MOST: Duration = Duration::from_secs(2);

pub struct App {
    pub journal: Journal,
    pub settings: Settings,
    pub theme: Theme,
    pub screen: Screen,
    stack: Vec<Screen>,
    pub popup: Option<Popup>,
    pub toast: Option<String>,
    /// When the form first changed since its draft was saved, and last changed.
    unsaved: Option<(Instant, Instant)>,
    engine_checked: bool,
    pub quit: bool,
    clock: fn() -> DateTime<FixedOffset>,
}

impl App {
    pub fn new(journal: Journal, settings: Settings, theme: Theme, start: Start) -> Result<App> {
        App::with_clock(journal, settings, theme, start, clock::now)
    }

    /// The app on a given clock, for tests and snapshots.
    pub fn with_clock(
        journal: Journal,
        settings: Settings,
        theme: Theme,
        start: Start,
        clock: fn() -> DateTime<FixedOffset>,
    ) -> Result<App> {
        let mut app = App {
            journal,
            settings,
            theme,
            screen: Screen::Home(HomeData::default()),
            stack: Vec::new(),
            popup: None,
            toast: None,
            unsaved: None,
            engine_checked: false,
            quit: false,
            clock,
        };
        app.screen = Screen::Home(app.load_home()?);
        if start == Start::Checkin {
            app.update(Action::OpenCheckin)?;
        }
        Ok(app)
    }

    fn now(&self) -> DateTime<FixedOffset> {
        (self.clock)()
    }

    fn today(&self) -> NaiveDate {
        clock::journal_day(self.now(), self.settings.day_starts_at)
    }

    /// A key from the terminal. Errors become a note on screen: the app
    /// never closes under the user's hands.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if let Err(e) = self.handle_key_inner(key) {
            self.popup = Some(Popup::Note {
                title: "That did not work".to_string(),
                text: e.to_string(),
            });
        }
    }

    fn handle_key_inner(&mut self, key: KeyEvent) -> Result<()> {
        self.toast = None;
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.save_draft_now()?;
            self.quit = true;
            return Ok(());
        }
        if let Some(popup) = self.popup.take() {
            if let Popup::Confirm { yes, question } = popup {
                match key.code {
                    KeyCode::Char('y') | KeyCode::Char('Y') => return self.update(yes),
                    KeyCode::Char('n') | KeyCode::Esc => {}
                    _ => self.popup = Some(Popup::Confirm { question, yes }),
                }
            }
            return Ok(());
        }
        let action = match &mut self.screen {
            Screen::Home(data) => home::handle_key(data, key),
            Screen::Review(state) => state.handle_key(key),
            Screen::People(state) => state.handle_key(key),
            Screen::Checkin(form) => form.handle_key(key),
            Screen::Entries(state) => state.handle_key(key),
            Screen::Entry(view) => view.handle_key(key),
        };
        match action {
            Some(action) => self.update(action),
            None => Ok(()),
        }
    }

    /// Carries out an action.
    pub fn update(&mut self, action: Action) -> Result<()> {
        match action {
            Action::Quit => {
                self.save_draft_now()?;
                self.quit = true;
            }
            Action::Back => self.back()?,
            Action::Help => self.popup = Some(Popup::Help(self.help())),
            Action::OpenHome => {
                self.stack.clear();
                self.screen = Screen::Home(self.load_home()?);
            }
            Action::OpenCheckin => {
                let form = self.tonights_form()?;
                self.open(Screen::Checkin(Box::new(form)));
            }
            Action::EditEntry(id) => {
                let entry = self.journal.store.entry(&id)?;
                let form = Form::from_entry(&entry, self.known_people()?);
                self.open(Screen::Checkin(Box::new(form)));
            }
            Action::OpenEntries => {
                let mut state = EntriesState::default();
                self.fill_entries(&mut state)?;
                self.open(Screen::Entries(state));
            }
            Action::OpenEntry(id) => {
                let view = self.load_entry(&id)?;
                self.open(Screen::Entry(Box::new(view)));
            }
            Action::OpenPeople => {
                let state = self.load_people()?;
                self.open(Screen::People(state));
            }
            Action::RepairDone(key) => {
                self.journal.store.mark_repair_done(&key, self.now())?;
                self.refresh()?;
                self.toast = Some("Marked done. Good for you.".to_string());
            }
            Action::OpenReview => {
                let state = self.load_review(0)?;
                self.open(Screen::Review(Box::new(state)));
            }
            Action::ReviewWeek(delta) => {
                if let Screen::Review(state) = &self.screen {
                    let offset = (state.offset + delta).min(0);
                    let fresh = self.load_review(offset)?;
                    self.screen = Screen::Review(Box::new(fresh));
                }
            }
            Action::WriteReflection => {
                let form = self.reflection_form()?;
                self.open(Screen::Checkin(Box::new(form)));
            }
            Action::FormChanged => {
                let now = Instant::now();
                let first = self.unsaved.map_or(now, |(first, _)| first);
                self.unsaved = Some((first, now));
            }
            Action::AnalyseForm => {
                if let Screen::Checkin(form) = &mut self.screen {
                    let text = form.text();
                    let found = self.journal.analyse(&text, &form.sections());
                    form.review = ReviewPane {
                        text,
                        found,
                        cursor: 0,
                        adding: None,
                    };
                }
                self.update(Action::FormChanged)?;
            }
            Action::SaveForm => self.save_form()?,
            Action::KeepDraft => {
                let weekly =
                    matches!(&self.screen, Screen::Checkin(f) if f.kind == EntryKind::Weekly);
                let kept = match &self.screen {
                    Screen::Checkin(form) if !form.is_empty() => {
                        self.save_draft_now()?;
                        true
                    }
                    Screen::Checkin(form) => {
                        self.journal.store.discard_draft(form.draft_key())?;
                        self.unsaved = None;
                        false
                    }
                    _ => false,
                };
                self.back()?;
                if kept {
                    self.toast = Some(if weekly {
                        "Kept as a draft: w continues it.".to_string()
                    } else {
                        "Kept as a draft: c continues it.".to_string()
                    });
                }
            }
            Action::DiscardDraft => {
                self.popup = Some(Popup::Confirm {
                    question: "Throw this check-in away? What you wrote tonight is not saved."
                        .to_string(),
                    yes: Action::DropDraft,
                });
            }
            Action::DropDraft => {
                let key = match &self.screen {
                    Screen::Checkin(form) => form.draft_key(),
                    _ => FORM,
                };
                self.journal.store.discard_draft(key)?;
                self.unsaved = None;
                self.stack.clear();
                self.screen = Screen::Home(self.load_home()?);
                self.toast = Some("The draft was thrown away.".to_string());
            }
            Action::FilterEntries(query) => {
                if let Screen::Entries(mut state) =
                    std::mem::replace(&mut self.screen, Screen::Home(HomeData::default()))
                {
                    state.query = query;
                    state.cursor = 0;
                    self.fill_entries(&mut state)?;
                    self.screen = Screen::Entries(state);
                }
            }
            Action::ConfirmDelete(id) => {
                self.popup = Some(Popup::Confirm {
                    question: "Move this entry to the trash? u undoes it.".to_string(),
                    yes: Action::Delete(id),
                });
            }
            Action::Delete(id) => {
                self.journal.store.delete_entry(&id, self.now())?;
                if matches!(self.screen, Screen::Entry(_)) {
                    self.back()?;
                }
                if let Screen::Entries(state) = &mut self.screen {
                    state.last_deleted = Some(id);
                }
                self.refresh()?;
                self.toast = Some("Moved to the trash: u undoes it.".to_string());
            }
            Action::UndoDelete => {
                let last = match &mut self.screen {
                    Screen::Entries(state) => state.last_deleted.take(),
                    _ => None,
                };
                match last {
                    Some(id) => {
                        self.journal.store.restore_entry(&id)?;
                        self.refresh()?;
                        self.toast = Some("Restored.".to_string());
                    }
                    None => self.toast = Some("Nothing to undo.".to_string()),
                }
            }
            Action::AnswerSmallStep { entry_id, done } => {
                self.journal
                    .store
                    .answer_small_step(&entry_id, done, self.now())?;
                self.refresh()?;
            }
            Action::Label {
                entry_id,
                family,
                label,
                decision,
            } => {
                match decision {
                    Decision::Add => self
                        .journal
                        .store
                        .add_user_label(&entry_id, family, &label)?,
                    Decision::Confirm => self.journal.store.set_detection_status(
                        &entry_id,
                        family,
                        &label,
                        DetectionStatus::Confirmed,
                    )?,
                    Decision::Dismiss => self.journal.store.set_detection_status(
                        &entry_id,
                        family,
                        &label,
                        DetectionStatus::Dismissed,
                    )?,
                }
                self.refresh()?;
            }
        }
        Ok(())
    }

    fn open(&mut self, screen: Screen) {
        let previous = std::mem::replace(&mut self.screen, screen);
        self.stack.push(previous);
    }

    fn back(&mut self) -> Result<()> {
        self.screen = self
            .stack
            .pop()
            .unwrap_or(Screen::Home(HomeData::default()));
        self.refresh()
    }

    /// Reloads what the current screen shows from the journal.
    fn refresh(&mut self) -> Result<()> {
        match std::mem::replace(&mut self.screen, Screen::Home(HomeData::default())) {
            Screen::Home(_) => self.screen = Screen::Home(self.load_home()?),
            Screen::Review(old) => {
                let mut fresh = self.load_review(old.offset)?;
                fresh.cursor = old
                    .cursor
                    .min(fresh.review.patterns.len().saturating_sub(1));
                self.screen = Screen::Review(Box::new(fresh));
            }
            Screen::People(old) => {
                let mut fresh = self.load_people()?;
                fresh.cursor = old.cursor.min(fresh.pages.len().saturating_sub(1));
                let open = fresh.pages.get(fresh.cursor).map_or(0, |p| p.repairs.len());
                fresh.on_repairs = old.on_repairs && open > 0;
                fresh.repair_cursor = old.repair_cursor.min(open.saturating_sub(1));
                self.screen = Screen::People(fresh);
            }
            Screen::Entries(mut state) => {
                self.fill_entries(&mut state)?;
                self.screen = Screen::Entries(state);
            }
            Screen::Entry(view) => {
                let mut fresh = self.load_entry(&view.entry.id)?;
                fresh.cursor = view.cursor.min(fresh.detections.len().saturating_sub(1));
                fresh.scroll = view.scroll;
                self.screen = Screen::Entry(Box::new(fresh));
            }
            other => self.screen = other,
        }
        Ok(())
    }

    fn help(&self) -> &'static [(&'static str, &'static str)] {
        match &self.screen {
            Screen::Home(_) => strings::HOME_HELP,
            Screen::Review(_) => strings::REVIEW_HELP,
            Screen::People(_) => strings::PEOPLE_HELP,
            Screen::Checkin(_) => strings::CHECKIN_HELP,
            Screen::Entries(_) => strings::ENTRIES_HELP,
            Screen::Entry(_) => strings::ENTRY_HELP,
        }
    }

    fn known_people(&self) -> Result<Vec<String>> {
        Ok(self
            .journal
            .store
            .people()?
            .into_iter()
            .map(|p| p.name)
            .collect())
    }

    /// Tonight's check-in: the waiting draft, else tonight's saved check-in
    /// to edit, else a new one. One check-in per evening.
    fn tonights_form(&mut self) -> Result<Form> {
        let people = self.known_people()?;
        if let Some(draft) = self.journal.store.draft(FORM)?
            && let Ok(body) = serde_json::from_str::<FormDraft>(&draft.body)
        {
            let editing = draft.entry_id.clone().zip(draft.revision);
            return Ok(Form::from_draft(&body, draft.day, editing, people));
        }
        let today = self.today();
        let tonight = self.journal.store.list(&ListFilter {
            from: Some(today),
            to: Some(today),
            kind: Some(EntryKind::Checkin),
            limit: Some(1),
            ..ListFilter::default()
        })?;
        Ok(match tonight.first() {
            Some(entry) => Form::from_entry(entry, people),
            None => Form::new_checkin(today, people),
        })
    }

    fn save_form(&mut self) -> Result<()> {
        let Screen::Checkin(form) = &self.screen else {
            return Ok(());
        };
        if form.is_empty() {
            self.toast = Some(
                "Nothing to save yet: every question is skippable, but not all of them."
                    .to_string(),
            );
            return Ok(());
        }
        let new = form.to_new_entry();
        let editing = form.editing.clone();
        let decisions = form.decisions.clone();
        let now = self.now();
        let key = form.draft_key();
        let saved = match self.journal.save_form(
            key,
            editing.as_ref().map(|(id, rev)| (id.as_str(), *rev)),
            &new,
            &decisions,
            now,
        ) {
            Ok(saved) => saved,
            Err(Error::Conflict { .. }) => {
                self.save_draft_now()?;
                self.popup = Some(Popup::Note {
                    title: "Changed elsewhere".to_string(),
                    text: "This entry was changed in another window since you opened it, so your version was not saved over it. \
                           Your version is kept as a draft; the other one is in Entries."
                        .to_string(),
                });
                return Ok(());
            }
            Err(e) => {
                self.save_draft_now()?;
                return Err(e);
            }
        };
        self.unsaved = None;
        self.stack.clear();
        self.screen = Screen::Home(self.load_home()?);
        self.toast = Some("Saved. Thank you for checking in.".to_string());
        if saved.needs_safety_note() {
            self.popup = Some(Popup::Note {
                title: "Please look after yourself".to_string(),
                text: SAFETY_NOTE.to_string(),
            });
        }
        Ok(())
    }

    /// Saves the form being written as a draft, now.
    pub fn save_draft_now(&mut self) -> Result<()> {
        let Screen::Checkin(form) = &self.screen else {
            return Ok(());
        };
        if self.unsaved.is_none() && self.journal.store.draft(form.draft_key())?.is_some() {
            return Ok(());
        }
        if form.is_empty() {
            self.unsaved = None;
            return Ok(());
        }
        let body = serde_json::to_string(&form.to_draft())
            .map_err(|e| Error::invalid(format!("cannot keep the draft: {e}")))?;
        let draft = Draft {
            form: form.draft_key().to_string(),
            day: form.day,
            entry_id: form.editing.as_ref().map(|(id, _)| id.clone()),
            revision: form.editing.as_ref().map(|(_, rev)| *rev),
            body,
            updated_at: None,
        };
        let now = self.now();
        self.journal.store.save_draft(&draft, now)?;
        self.unsaved = None;
        Ok(())
    }

    /// Time passing: saves a due draft, and once the rule engine is ready,
    /// brings stored detections up to date with it.
    pub fn tick(&mut self, now: Instant) {
        let result = (|| -> Result<()> {
            if let Some((first, last)) = self.unsaved
                && (now.duration_since(last) >= DRAFT_QUIET
                    || now.duration_since(first) >= DRAFT_AT_MOST)
            {
                self.save_draft_now()?;
            }
            if !self.engine_checked && self.journal.engine_ready() {
                self.engine_checked = true;
                let n = self.journal.bring_up_to_date(self.now())?;
                let warnings = self.journal.take_warnings();
                if let Some(w) = warnings.first() {
                    self.toast = Some(w.clone());
                } else if n > 0 {
                    self.toast = Some(format!("The rules changed: {n} entries analysed again."));
                    self.refresh()?;
                }
            }
            Ok(())
        })();
        if let Err(e) = result {
            self.toast = Some(format!("Could not save the draft: {e}"));
        }
    }

    /// How long the loop may wait for a key before `tick` is due.
    pub fn next_wakeup(&self, now: Instant) -> Duration {
        match self.unsaved {
            Some((first, last)) => {
                let quiet = (last + DRAFT_QUIET).saturating_duration_since(now);
                let most = (first + DRAFT_AT_MOST).saturating_duration_since(now);
                quiet.min(most)
            }
            None => Duration::from_millis(250),
        }
    }

    fn load_home(&self) -> Result<HomeData> {
        let store = &self.journal.store;
        let today = self.today();
        let checkins = store.list(&ListFilter {
            from: today.checked_sub_signed(Days::days(400)),
            to: Some(today),
            kind: Some(EntryKind::Checkin),
            ..ListFilter::default()
        })?;
        let days: std::collections::BTreeSet<NaiveDate> = checkins.iter().map(|e| e.day).collect();
        let checked_in = days.contains(&today);
        let mut streak = 0;
        let mut day = if checked_in {
            Some(today)
        } else {
            today.pred_opt()
        };
        while let Some(d) = day.filter(|d| days.contains(d)) {
            streak += 1;
            day = d.pred_opt();
        }
        let monday = today - Days::days(i64::from(today.weekday().num_days_from_monday()));
        let mut counts: std::collections::BTreeMap<String, usize> =
            std::collections::BTreeMap::new();
        for d in store.detections_between(Some(monday), Some(today))? {
            if d.family == Family::Sign && d.status.counts() {
                *counts.entry(d.label).or_default() += 1;
            }
        }
        let mut week_signs: Vec<(String, usize)> = counts.into_iter().collect();
        week_signs.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let yesterday = today.pred_opt();
        let small_step = match checkins.iter().find(|e| Some(e.day) == yesterday) {
            Some(e) => match e
                .sections
                .iter()
                .find(|s| s.key == "step" && !s.answer.trim().is_empty())
            {
                Some(s) => Some(SmallStep {
                    entry_id: e.id.clone(),
                    text: s.answer.clone(),
                    answer: store.small_step_answer(&e.id)?,
                }),
                None => None,
            },
            None => None,
        };
        let weekly_done = !store
            .list(&ListFilter {
                from: Some(monday),
                to: Some(today),
                kind: Some(EntryKind::Weekly),
                limit: Some(1),
                ..ListFilter::default()
            })?
            .is_empty();
        Ok(HomeData {
            today,
            checked_in,
            streak,
            week_signs,
            small_step,
            draft: store.draft(FORM)?.map(|d| d.day),
            review_day: is_review_day(today, self.settings.review_day.weekday()) && !weekly_done,
            open_repairs: self.repairs()?.iter().map(|r| r.describe(today)).collect(),
        })
    }

    fn repairs(&self) -> Result<Vec<Repair>> {
        crate::journal::open_repairs(&self.journal.store, self.today())
    }

    /// The review of the week `offset` weeks from this one.
    fn load_review(&self, offset: i32) -> Result<ReviewState> {
        let day = self.today() + Days::weeks(i64::from(offset));
        let period = crate::analysis::Period::week_of(day);
        let needed = crate::analysis::days_needed(&period, &self.settings.patterns);
        let (entries, detections) = self.journal.store.review_data(needed.from, needed.to)?;
        Ok(ReviewState {
            review: crate::analysis::review(
                &entries,
                &detections,
                &period,
                &self.settings.patterns,
            ),
            offset,
            cursor: 0,
        })
    }

    /// The reflection of the week shown: its draft, the saved one to edit,
    /// or a new one dated today (or the week's last day, if it is over).
    fn reflection_form(&self) -> Result<Form> {
        let Screen::Review(state) = &self.screen else {
            return Ok(Form::new_weekly(self.today()));
        };
        let period = &state.review.period;
        if let Some(draft) = self.journal.store.draft(WEEKLY_FORM)?
            && period.contains(draft.day)
            && let Ok(body) = serde_json::from_str::<FormDraft>(&draft.body)
        {
            let editing = draft.entry_id.clone().zip(draft.revision);
            return Ok(Form::from_draft(&body, draft.day, editing, Vec::new()));
        }
        let saved = self.journal.store.list(&ListFilter {
            from: Some(period.from),
            to: Some(period.to),
            kind: Some(EntryKind::Weekly),
            limit: Some(1),
            ..ListFilter::default()
        })?;
        Ok(match saved.first() {
            Some(entry) => {
                let mut form = Form::from_entry(entry, Vec::new());
                form.kind = EntryKind::Weekly;
                form
            }
            None => Form::new_weekly(self.today().min(period.to)),
        })
    }

    fn load_people(&self) -> Result<PeopleState> {
        let store = &self.journal.store;
        let today = self.today();
        let since = today - Days::days(90);
        let entries = store.list(&ListFilter {
            from: Some(since),
            ..ListFilter::default()
        })?;
        let detections = store.detections_between(Some(since), None)?;
        let people = store.people()?;
        Ok(PeopleState {
            pages: person_pages(&people, &entries, &detections, &self.repairs()?),
            today,
            ..PeopleState::default()
        })
    }

    fn fill_entries(&self, state: &mut EntriesState) -> Result<()> {
        let store = &self.journal.store;
        let query = match parse_query(&state.query, self.today()) {
            Ok(q) => q,
            Err(problem) => {
                state.problem = Some(problem);
                return Ok(());
            }
        };
        let sign = match query.sign.as_deref() {
            Some(s)
                if crate::rules::Catalog::builtin()
                    .get(Family::Sign, s)
                    .is_none() =>
            {
                state.problem = Some(format!("sign:{s} is not a sign closer knows"));
                return Ok(());
            }
            other => other.map(|s| (Family::Sign, s.to_string())),
        };
        let filter = ListFilter {
            from: query.from,
            to: query.to,
            person: query.person.clone(),
            tag: query.tag.clone(),
            label: sign,
            ..ListFilter::default()
        };
        let listed = if query.words.is_empty() {
            store.list(&ListFilter {
                limit: Some(1000),
                ..filter
            })
        } else {
            store.search(&query.words, 1000).and_then(|hits| {
                let filtered = filter != ListFilter::default();
                let allowed: Option<std::collections::HashSet<String>> = if filtered {
                    Some(store.list(&filter)?.into_iter().map(|e| e.id).collect())
                } else {
                    None
                };
                Ok(hits
                    .into_iter()
                    .map(|h| h.entry)
                    .filter(|e| allowed.as_ref().is_none_or(|a| a.contains(&e.id)))
                    .collect())
            })
        };
        match listed {
            Ok(entries) => {
                state.entries = entries;
                state.problem = None;
            }
            Err(Error::Invalid(problem)) => {
                state.entries.clear();
                state.problem = Some(problem);
            }
            Err(e) => return Err(e),
        }
        state.cursor = state.cursor.min(state.entries.len().saturating_sub(1));
        Ok(())
    }

    fn load_entry(&self, id: &str) -> Result<EntryView> {
        Ok(EntryView {
            entry: self.journal.store.entry(id)?,
            detections: self.journal.store.detections(id)?,
            cursor: 0,
            scroll: 0,
        })
    }

    pub fn draw(&self, frame: &mut Frame<'_>) {
        match &self.screen {
            Screen::Home(data) => home::draw(frame, data, &self.theme),
            Screen::Review(state) => review::draw(frame, state, &self.theme),
            Screen::People(state) => people::draw(frame, state, &self.theme),
            Screen::Checkin(form) => checkin::draw(frame, form, &self.theme),
            Screen::Entries(state) => entries::draw(frame, state, &self.theme),
            Screen::Entry(view) => entry::draw(frame, view, &self.theme),
        }
        if let Some(toast) = &self.toast {
            let area = frame.area();
            let width = (toast.chars().count() as u16 + 4).min(area.width);
            let rect = ratatui::layout::Rect {
                x: area.width.saturating_sub(width),
                y: area.height.saturating_sub(2),
                width,
                height: 1,
            };
            frame.render_widget(ratatui::widgets::Clear, rect);
            frame.render_widget(
                ratatui::widgets::Paragraph::new(format!(" {} ", super::screens::safe_line(toast)))
                    .style(self.theme.selected()),
                rect,
            );
        }
        if let Some(popup) = &self.popup {
            help::draw(frame, popup, &self.theme);
        }
    }
}
