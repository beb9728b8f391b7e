//! One entry in full: the text with each detection's evidence highlighted,
//! the labels with the rule behind them, and the user's word on each.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, ListItem, Paragraph, Wrap};

use super::{
    clip, draw_keys, draw_list, draw_title, frame_areas, highlighted, move_in_list, safe_line,
};
use crate::journal::Decision;
use crate::model::{DetectionSource, DetectionStatus, Entry, StoredDetection};
use crate::rules::Catalog;
use crate::tui::action::Action;
use crate::tui::theme::Theme;

#[derive(Debug, Clone)]
pub struct EntryView {
    pub entry: Entry,
    pub detections: Vec<StoredDetection>,
    pub cursor: usize,
    pub scroll: u16,
}

pub const KEYS: &[(&str, &str)] = &[
    ("c", "confirm"),
    ("x", "dismiss"),
    ("e", "edit"),
    ("d", "delete"),
    ("Esc", "back"),
    ("?", "help"),
];

impl EntryView {
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Action> {
        match key.code {
            code if move_in_list(&mut self.cursor, self.detections.len(), code, 0) => None,
            KeyCode::PageDown => {
                self.scroll = self.scroll.saturating_add(5);
                None
            }
            KeyCode::PageUp => {
                self.scroll = self.scroll.saturating_sub(5);
                None
            }
            KeyCode::Char(c @ ('c' | 'x')) => {
                let d = self.detections.get(self.cursor)?;
                Some(Action::Label {
                    entry_id: self.entry.id.clone(),
                    family: d.family,
                    label: d.label.clone(),
                    decision: if c == 'c' {
                        Decision::Confirm
                    } else {
                        Decision::Dismiss
                    },
                })
            }
            KeyCode::Char('e') => Some(Action::EditEntry(self.entry.id.clone())),
            KeyCode::Char('d') => Some(Action::ConfirmDelete(self.entry.id.clone())),
            KeyCode::Esc | KeyCode::Char('q') => Some(Action::Back),
            KeyCode::Char('?') | KeyCode::F(1) => Some(Action::Help),
            _ => None,
        }
    }
}

pub fn draw(frame: &mut Frame<'_>, view: &EntryView, theme: &Theme) {
    let (title, body, footer) = frame_areas(frame.area());
    let e = &view.entry;
    let mut right = Vec::new();
    if let Some(m) = e.mood {
        right.push(format!("mood {m}/5"));
    }
    if let Some(u) = e.urge {
        right.push(format!("urge {u}/10"));
    }
    if e.private {
        right.push("private".into());
    }
    if e.discuss {
        right.push("for therapy".into());
    }
    draw_title(
        frame,
        title,
        theme,
        &format!("{} · {}", e.day.format("%A %-d %B %Y"), e.kind.as_str()),
        &right.join(" · "),
    );
    draw_keys(frame, footer, theme, KEYS);
    let list_height = (view.detections.len() as u16 * 2 + 2)
        .min(body.height / 2)
        .max(3.min(body.height));
    let [text, list] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(list_height)]).areas(body);
    let spans: Vec<(usize, usize)> = view
        .detections
        .iter()
        .filter(|d| d.status.counts())
        .flat_map(|d| {
            let main = match (d.start, d.end, &d.evidence) {
                (Some(s), Some(end), Some(ev)) if e.text.get(s..end) == Some(ev.as_str()) => {
                    Some((s, end))
                }
                _ => None,
            };
            main.into_iter().chain(
                d.spans
                    .iter()
                    .filter(|x| e.text.get(x.start..x.end) == Some(x.evidence.as_str()))
                    .map(|x| (x.start, x.end)),
            )
        })
        .collect();
    let people = if e.people.is_empty() {
        String::new()
    } else {
        format!(" with {} ", clip(&safe_line(&e.people.join(", ")), 40))
    };
    frame.render_widget(
        Paragraph::new(highlighted(&e.text, &spans, theme))
            .wrap(Wrap { trim: false })
            .scroll((view.scroll, 0))
            .block(Block::bordered().title(people)),
        text,
    );
    let catalog = Catalog::builtin();
    let items: Vec<ListItem<'_>> = view
        .detections
        .iter()
        .map(|d| {
            let style = match d.status {
                DetectionStatus::Dismissed => theme.dismissed(),
                DetectionStatus::Confirmed => theme.good(),
                DetectionStatus::Detected => ratatui::style::Style::new(),
            };
            let status = match (d.source, d.status) {
                (DetectionSource::User, _) => "added by you",
                (_, DetectionStatus::Confirmed) => "confirmed",
                (_, DetectionStatus::Dismissed) => "dismissed",
                _ => "",
            };
            let name = catalog
                .get(d.family, &d.label)
                .map_or("", |c| c.name.as_str());
            let second = match (&d.evidence, &d.rule) {
                (Some(ev), Some(rule)) => format!("    “{}” · {}", clip(&safe_line(ev), 40), rule),
                _ => "    added by hand".to_string(),
            };
            ListItem::new(vec![
                Line::from(vec![
                    Span::styled(format!("{}/{}", d.family.singular(), d.label), style),
                    Span::styled(format!("  {name}  {status}"), theme.dim()),
                ]),
                Line::styled(second, theme.dim()),
            ])
        })
        .collect();
    draw_list(
        frame,
        list,
        items,
        "The rules noticed nothing here.",
        Some(view.cursor),
        Block::bordered().title(" What closer noticed "),
        theme,
    );
}
