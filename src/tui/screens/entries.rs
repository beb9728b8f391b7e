//! Entries: the journal newest first, with one query line that searches and
//! filters at once: free words (full-text), `@person`, `#tag`, `sign:label`,
//! `from:DATE`, `to:DATE`.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, ListItem, Paragraph};

use super::{clip, draw_keys, draw_list, draw_title, frame_areas, move_in_list, safe_line};
use crate::model::Entry;
use crate::tui::action::Action;
use crate::tui::theme::Theme;

#[derive(Debug, Clone, Default)]
pub struct EntriesState {
    pub query: String,
    pub typing: bool,
    pub entries: Vec<Entry>,
    pub cursor: usize,
    pub last_deleted: Option<String>,
    /// A problem with the query, shown under it.
    pub problem: Option<String>,
}

/// A query split into its filters and the words to search for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub words: String,
    pub person: Option<String>,
    pub tag: Option<String>,
    pub sign: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Reads a query line; dates accept what `closer list` accepts.
pub fn parse_query(query: &str, today: NaiveDate) -> Result<Query, String> {
    let mut q = Query::default();
    let mut words = Vec::new();
    for token in query.split_whitespace() {
        if let Some(p) = token.strip_prefix('@') {
            q.person = Some(p.to_string());
        } else if let Some(t) = token.strip_prefix('#') {
            q.tag = Some(t.to_string());
        } else if let Some(s) = token.strip_prefix("sign:") {
            q.sign = Some(s.to_string());
        } else if let Some(d) = token.strip_prefix("from:") {
            q.from = Some(crate::dates::parse_day(d, today).map_err(|e| e.to_string())?);
        } else if let Some(d) = token.strip_prefix("to:") {
            q.to = Some(crate::dates::parse_day(d, today).map_err(|e| e.to_string())?);
        } else {
            words.push(token);
        }
    }
    q.words = words.join(" ");
    Ok(q)
}

pub const KEYS: &[(&str, &str)] = &[
    ("/", "search"),
    ("Enter", "open"),
    ("d", "delete"),
    ("u", "undo"),
    ("Esc", "back"),
    ("?", "help"),
];

impl EntriesState {
    pub fn selected(&self) -> Option<&Entry> {
        self.entries.get(self.cursor)
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Action> {
        if self.typing {
            match key.code {
                KeyCode::Enter => {
                    self.typing = false;
                    return Some(Action::FilterEntries(self.query.clone()));
                }
                KeyCode::Esc => self.typing = false,
                KeyCode::Backspace => {
                    self.query.pop();
                }
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.query.push(c)
                }
                _ => {}
            }
            return None;
        }
        match key.code {
            code if move_in_list(&mut self.cursor, self.entries.len(), code, 10) => None,
            KeyCode::Enter => self.selected().map(|e| Action::OpenEntry(e.id.clone())),
            KeyCode::Char('/') => {
                self.typing = true;
                None
            }
            KeyCode::Char('d') => self.selected().map(|e| Action::ConfirmDelete(e.id.clone())),
            KeyCode::Char('u') => Some(Action::UndoDelete),
            KeyCode::Char('e') => self.selected().map(|e| Action::EditEntry(e.id.clone())),
            KeyCode::Esc | KeyCode::Char('q') => Some(Action::Back),
            KeyCode::Char('?') | KeyCode::F(1) => Some(Action::Help),
            _ => None,
        }
    }
}

pub fn draw(frame: &mut Frame<'_>, state: &EntriesState, theme: &Theme) {
    let (title, body, footer) = frame_areas(frame.area());
    draw_title(
        frame,
        title,
        theme,
        "Entries",
        &format!("{} shown", state.entries.len()),
    );
    draw_keys(frame, footer, theme, KEYS);
    let [query, list] = Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(body);
    let query_line = if state.typing {
        Line::from(vec![
            Span::raw(safe_line(&state.query)),
            Span::styled("▏", theme.focus()),
        ])
    } else if state.query.is_empty() {
        Line::styled(
            "/ to search: words, @person, #tag, sign:ignored-contact, from:monday",
            theme.dim(),
        )
    } else {
        Line::raw(safe_line(&state.query))
    };
    let query_title = match &state.problem {
        Some(p) => format!(" {} ", clip(p, 70)),
        None => " Search ".to_string(),
    };
    let border = if state.typing {
        theme.focus()
    } else {
        theme.dim()
    };
    frame.render_widget(
        Paragraph::new(query_line).block(Block::bordered().title(query_title).border_style(border)),
        query,
    );
    let width = list.width.saturating_sub(4) as usize;
    let items: Vec<ListItem<'_>> = state
        .entries
        .iter()
        .map(|e| {
            let mut meta = String::new();
            if let Some(m) = e.mood {
                meta.push_str(&format!(" m{m}"));
            }
            if e.private {
                meta.push_str(" ⚿");
            }
            if e.discuss {
                meta.push_str(" ✎");
            }
            let head = format!(
                "{} {:<7}{meta} ",
                e.day.format("%a %d %b %y"),
                e.kind.as_str()
            );
            let room = width.saturating_sub(head.chars().count());
            ListItem::new(Line::from(vec![
                Span::styled(head, theme.dim()),
                Span::raw(clip(&safe_line(&e.text), room)),
            ]))
        })
        .collect();
    draw_list(
        frame,
        list,
        items,
        "No entries match.",
        Some(state.cursor),
        Block::bordered(),
        theme,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_splits_into_filters_and_words() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
        let q = parse_query(
            "left on read @Sam #work sign:ignored-contact from:monday",
            today,
        )
        .expect("query");
        assert_eq!(q.words, "left on read");
        assert_eq!(q.person.as_deref(), Some("Sam"));
        assert_eq!(q.tag.as_deref(), Some("work"));
        assert_eq!(q.sign.as_deref(), Some("ignored-contact"));
        assert_eq!(q.from.map(|d| d.to_string()).as_deref(), Some("2026-11-16"));
        assert!(parse_query("from:someday", today).is_err());
    }
}
