//! Home: tonight at a glance (checked in or not, the streak, a waiting
//! draft), this week's signs as a small chart, yesterday's small step, and
//! the way to every other screen.

use chrono::{Datelike, NaiveDate, Weekday};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{clip, draw_keys, draw_title, frame_areas, safe_line};
use crate::tui::action::Action;
use crate::tui::theme::Theme;

/// What Home shows, gathered by the app from the journal.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HomeData {
    pub today: NaiveDate,
    pub checked_in: bool,
    /// Evenings in a row with a check-in, up to tonight or last night.
    pub streak: usize,
    /// This week's signs and how often each was seen, most first.
    pub week_signs: Vec<(String, usize)>,
    pub small_step: Option<SmallStep>,
    /// The day of a check-in draft waiting to be finished.
    pub draft: Option<NaiveDate>,
    pub review_day: bool,
    pub open_repairs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SmallStep {
    pub entry_id: String,
    pub text: String,
    pub answer: Option<bool>,
}

pub const KEYS: &[(&str, &str)] = &[
    ("c", "check-in"),
    ("e", "entries"),
    ("r", "review"),
    ("p", "people"),
    ("?", "help"),
    ("q", "quit"),
];

pub fn handle_key(data: &HomeData, key: KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Char('q') => Some(Action::Quit),
        KeyCode::Char('c') | KeyCode::Enter => Some(Action::OpenCheckin),
        KeyCode::Char('e') => Some(Action::OpenEntries),
        KeyCode::Char('r') => Some(Action::OpenReview),
        KeyCode::Char('p') => Some(Action::OpenPeople),
        KeyCode::Char('?') | KeyCode::F(1) => Some(Action::Help),
        KeyCode::Char(c @ ('y' | 'n')) => {
            data.small_step.as_ref().map(|s| Action::AnswerSmallStep {
                entry_id: s.entry_id.clone(),
                done: c == 'y',
            })
        }
        _ => None,
    }
}

pub fn draw(frame: &mut Frame<'_>, data: &HomeData, theme: &Theme) {
    let (title, body, footer) = frame_areas(frame.area());
    draw_title(
        frame,
        title,
        theme,
        "closer",
        &data.today.format("%A %-d %B %Y").to_string(),
    );
    draw_keys(frame, footer, theme, KEYS);

    let [top, bottom] = Layout::vertical([Constraint::Min(8), Constraint::Length(6)]).areas(body);
    let [tonight, week] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(top);

    let mut lines = Vec::new();
    if data.checked_in {
        lines.push(Line::styled("✓ You checked in tonight.", theme.good()));
        lines.push(Line::styled(
            "  c opens it again to add or change.",
            theme.dim(),
        ));
    } else if let Some(day) = data.draft {
        lines.push(Line::styled(
            format!(
                "An unsaved check-in from {} is waiting.",
                day.format("%a %-d %b")
            ),
            theme.warn(),
        ));
        lines.push(Line::from(vec![
            Span::styled("  c", theme.key()),
            Span::raw(" continues it."),
        ]));
    } else {
        lines.push(Line::from("No check-in yet tonight."));
        lines.push(Line::from(vec![
            Span::styled("  c", theme.key()),
            Span::raw(" starts one: a few minutes, every question skippable."),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(match data.streak {
        0 => "No streak yet: tonight can be the first evening.".to_string(),
        1 => "1 evening in a row.".to_string(),
        n => format!("{n} evenings in a row."),
    }));
    if let Some(step) = &data.small_step {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Yesterday's small step:", theme.title()));
        lines.push(Line::from(format!(
            "  “{}”",
            clip(&safe_line(&step.text), 60)
        )));
        lines.push(match step.answer {
            None => Line::from(vec![
                Span::raw("  Did you do it? "),
                Span::styled("y", theme.key()),
                Span::raw(" / "),
                Span::styled("n", theme.key()),
            ]),
            Some(true) => Line::styled("  Done. That counts.", theme.good()),
            Some(false) => Line::styled("  Not this time; it can wait for tomorrow.", theme.dim()),
        });
    }
    if data.review_day {
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled("It's review day: ", theme.warn()),
            Span::styled("r", theme.key()),
            Span::raw(" looks back at the week."),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" Tonight ")),
        tonight,
    );

    let inner_width = week.width.saturating_sub(4) as usize;
    let most = data.week_signs.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let label_width = data
        .week_signs
        .iter()
        .map(|(l, _)| l.len())
        .max()
        .unwrap_or(0)
        .min(18);
    let bar_room = inner_width.saturating_sub(label_width + 5).max(1);
    let mut chart: Vec<Line<'_>> = data
        .week_signs
        .iter()
        .map(|(label, n)| {
            let bar = (n * bar_room).div_ceil(most.max(1));
            Line::from(vec![
                Span::raw(format!(
                    "{:<w$} ",
                    clip(label, label_width),
                    w = label_width
                )),
                Span::styled("█".repeat(bar), theme.accent()),
                Span::raw(format!(" {n}")),
            ])
        })
        .collect();
    if chart.is_empty() {
        chart.push(Line::styled("No signs noticed this week.", theme.dim()));
    }
    frame.render_widget(
        Paragraph::new(chart).block(Block::bordered().title(" This week's signs ")),
        week,
    );

    let mut repairs: Vec<Line<'_>> = data
        .open_repairs
        .iter()
        .take(3)
        .map(|r| Line::from(format!("• {}", clip(&safe_line(r), 74))))
        .collect();
    if data.open_repairs.len() > 3 {
        repairs.push(Line::styled(
            format!("  and {} more: p shows them", data.open_repairs.len() - 3),
            theme.dim(),
        ));
    }
    if repairs.is_empty() {
        repairs.push(Line::styled(
            "Nothing to follow up. p shows the people in your journal.",
            theme.dim(),
        ));
    }
    frame.render_widget(
        Paragraph::new(repairs).block(Block::bordered().title(" Open repairs ")),
        bottom,
    );
}

/// Whether `today` is the configured review day.
pub fn is_review_day(today: NaiveDate, review_day: Weekday) -> bool {
    today.weekday() == review_day
}
