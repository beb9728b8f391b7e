//! Popups over any screen: the keys of the screen, a question before
//! something is thrown away, and notes the user must see (the safety note).

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::centered;
use crate::tui::action::Action;
use crate::tui::theme::Theme;

#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    Help(&'static [(&'static str, &'static str)]),
    /// A yes/no question; `yes` is carried out on y.
    Confirm {
        question: String,
        yes: Action,
    },
    /// Something to read; any key closes it.
    Note {
        title: String,
        text: String,
    },
}

pub fn draw(frame: &mut Frame<'_>, popup: &Popup, theme: &Theme) {
    let (title, lines, width, height) = match popup {
        Popup::Help(keys) => {
            let lines: Vec<Line<'_>> = keys
                .iter()
                .map(|(k, what)| {
                    Line::from(vec![
                        Span::styled(format!("{k:>22}  "), theme.key()),
                        Span::raw(*what),
                    ])
                })
                .chain([
                    Line::raw(""),
                    Line::styled("any key closes this", theme.dim()),
                ])
                .collect();
            let height = lines.len() as u16 + 2;
            (" Keys ".to_string(), lines, 76, height)
        }
        Popup::Confirm { question, .. } => (
            " Are you sure? ".to_string(),
            vec![
                Line::raw(question.clone()),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("y", theme.key()),
                    Span::raw(" yes   "),
                    Span::styled("n", theme.key()),
                    Span::raw(" / Esc no"),
                ]),
            ],
            60,
            7,
        ),
        Popup::Note { title, text } => (
            format!(" {title} "),
            vec![
                Line::raw(text.clone()),
                Line::raw(""),
                Line::styled("any key closes this", theme.dim()),
            ],
            70,
            12,
        ),
    };
    let area = centered(frame.area(), width, height);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(title).border_style(theme.focus())),
        area,
    );
}
