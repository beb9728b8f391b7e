//! People: one page per person: evenings turned toward them and away, the
//! triggers that came with them, and open repairs to mark done.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, ListItem, Paragraph, Wrap};

use super::{
    clip, draw_keys, draw_list, draw_title, frame_areas, move_in_list, safe_line, wrap_words,
};
use crate::analysis::people::PersonPage;
use crate::tui::action::Action;
use crate::tui::theme::Theme;

#[derive(Debug, Clone, Default)]
pub struct PeopleState {
    pub pages: Vec<PersonPage>,
    pub cursor: usize,
    pub on_repairs: bool,
    pub repair_cursor: usize,
    pub today: chrono::NaiveDate,
}

pub const KEYS: &[(&str, &str)] = &[
    ("↑↓", "move"),
    ("Tab", "people / repairs"),
    ("Enter", "repair done"),
    ("Esc", "back"),
    ("?", "help"),
];

impl PeopleState {
    fn page(&self) -> Option<&PersonPage> {
        self.pages.get(self.cursor)
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Action> {
        let repairs = self.page().map_or(0, |p| p.repairs.len());
        match key.code {
            KeyCode::Tab | KeyCode::BackTab => {
                self.on_repairs = !self.on_repairs && repairs > 0;
                None
            }
            code if self.on_repairs && move_in_list(&mut self.repair_cursor, repairs, code, 0) => {
                None
            }
            code if !self.on_repairs
                && move_in_list(&mut self.cursor, self.pages.len(), code, 0) =>
            {
                // Another person: their repairs start at the top.
                self.repair_cursor = 0;
                None
            }
            KeyCode::Enter if self.on_repairs => {
                let repair = self.page()?.repairs.get(self.repair_cursor)?;
                Some(Action::RepairDone(repair.key()))
            }
            KeyCode::Esc | KeyCode::Char('q') => Some(Action::Back),
            KeyCode::Char('?') | KeyCode::F(1) => Some(Action::Help),
            _ => None,
        }
    }
}

fn counts(items: &[(String, usize)], max: usize) -> String {
    if items.is_empty() {
        return "none".to_string();
    }
    items
        .iter()
        .take(max)
        .map(|(label, n)| format!("{label} ×{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn draw(frame: &mut Frame<'_>, state: &PeopleState, theme: &Theme) {
    let (title, body, footer) = frame_areas(frame.area());
    draw_title(
        frame,
        title,
        theme,
        "People",
        &format!("{} in your journal", state.pages.len()),
    );
    draw_keys(frame, footer, theme, KEYS);
    let [list_area, page_area] =
        Layout::horizontal([Constraint::Length(24), Constraint::Min(30)]).areas(body);
    let items: Vec<ListItem<'_>> = state
        .pages
        .iter()
        .map(|p| {
            let open = if p.repairs.is_empty() {
                String::new()
            } else {
                format!(" ({})", p.repairs.len())
            };
            ListItem::new(format!("{}{open}", clip(&safe_line(&p.name), 18)))
        })
        .collect();
    let border = if state.on_repairs {
        theme.dim()
    } else {
        theme.focus()
    };
    draw_list(
        frame,
        list_area,
        items,
        "Nobody yet. Name people with @Name.",
        Some(state.cursor),
        Block::bordered().border_style(border),
        theme,
    );
    let Some(page) = state.pages.get(state.cursor) else {
        frame.render_widget(Block::bordered(), page_area);
        return;
    };
    let [facts, repairs_area] =
        Layout::vertical([Constraint::Min(8), Constraint::Length(8)]).areas(page_area);
    let role = page
        .role
        .as_deref()
        .map(|r| format!(" ({})", safe_line(r)))
        .unwrap_or_default();
    let lines = vec![
        Line::from(vec![
            Span::styled(safe_line(&page.name), theme.title()),
            Span::styled(role, theme.dim()),
        ]),
        Line::styled(
            format!(
                "in {} entries{}",
                page.entries,
                page.last_seen
                    .map(|d| format!(", last on {}", d.format("%a %-d %b")))
                    .unwrap_or_default()
            ),
            theme.dim(),
        ),
        Line::raw(""),
        Line::from(vec![
            Span::styled("Turned toward: ", theme.good()),
            Span::raw(format!(
                "{} evenings · {}",
                page.evenings_toward,
                counts(&page.steps, 3)
            )),
        ]),
        Line::from(vec![
            Span::styled("Pulled away:   ", theme.warn()),
            Span::raw(format!(
                "{} evenings · {}",
                page.evenings_away,
                counts(&page.signs, 3)
            )),
        ]),
        Line::from(vec![
            Span::styled("What came first: ", theme.dim()),
            Span::raw(counts(&page.triggers, 3)),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" The last 90 days ")),
        facts,
    );
    let width = repairs_area.width.saturating_sub(2) as usize;
    let repair_items: Vec<ListItem<'_>> = page
        .repairs
        .iter()
        .map(|r| ListItem::new(wrap_words(&safe_line(&r.describe(state.today)), width).join("\n")))
        .collect();
    let border = if state.on_repairs {
        theme.focus()
    } else {
        theme.dim()
    };
    draw_list(
        frame,
        repairs_area,
        repair_items,
        "Nothing open with them.",
        state.on_repairs.then_some(state.repair_cursor),
        Block::bordered()
            .title(" Open repairs · Enter marks done ")
            .border_style(border),
        theme,
    );
}
