//! The weekly review as a dashboard: signs this week against the four
//! before, recurring patterns with their examples, mood and urge across the
//! week, steps and counter-moves, people, and the week's reflection.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, ListItem, Paragraph, Wrap};

use super::{clip, draw_keys, draw_list, draw_title, frame_areas, move_in_list, safe_line};
use crate::analysis::Review;
use crate::analysis::patterns::Cause;
use crate::tui::action::Action;
use crate::tui::theme::Theme;

pub struct ReviewState {
    pub review: Review,
    /// Weeks back from the current one (0 = this week).
    pub offset: i32,
    pub cursor: usize,
}

pub const KEYS: &[(&str, &str)] = &[
    ("←→", "weeks"),
    ("↑↓", "patterns"),
    ("Enter", "example"),
    ("w", "reflection"),
    ("Esc", "back"),
    ("?", "help"),
];

fn cause_name(cause: &Cause) -> String {
    match cause {
        Cause::Trigger(t) | Cause::Thought(t) => t.clone(),
        Cause::Person(p) => format!("with {p}"),
        Cause::Weekday(d) => format!("on {d}s"),
        Cause::TimeOfDay(t) => format!("{t:?}").to_lowercase(),
    }
}

/// A lift as a short factor: "×2.4", or "×35" once the decimals stop mattering.
fn lift(x: f64) -> String {
    if x >= 10.0 {
        format!("×{x:.0}")
    } else {
        format!("×{x:.1}")
    }
}

impl ReviewState {
    pub fn handle_key(&mut self, key: KeyEvent) -> Option<Action> {
        match key.code {
            KeyCode::Left | KeyCode::Char('h') => Some(Action::ReviewWeek(-1)),
            KeyCode::Right | KeyCode::Char('l') => {
                (self.offset < 0).then_some(Action::ReviewWeek(1))
            }
            code if move_in_list(&mut self.cursor, self.review.patterns.len(), code, 0) => None,
            KeyCode::Enter => {
                let example = self.review.patterns.get(self.cursor)?.examples.first()?;
                Some(Action::OpenEntry(example.id.clone()))
            }
            KeyCode::Char('w') => Some(Action::WriteReflection),
            KeyCode::Esc | KeyCode::Char('q') => Some(Action::Back),
            KeyCode::Char('?') | KeyCode::F(1) => Some(Action::Help),
            _ => None,
        }
    }
}

pub fn draw(frame: &mut Frame<'_>, state: &ReviewState, theme: &Theme) {
    let r = &state.review;
    let (title, body, footer) = frame_areas(frame.area());
    draw_title(
        frame,
        title,
        theme,
        &format!(
            "Weekly review · {} ({} – {})",
            r.period.label,
            r.period.from.format("%-d %b"),
            r.period.to.format("%-d %b")
        ),
        &format!("{} of 7 evenings", r.days_checked_in),
    );
    draw_keys(frame, footer, theme, KEYS);
    let [top, middle, bottom] = Layout::vertical([
        Constraint::Length(9),
        Constraint::Min(5),
        Constraint::Length(5),
    ])
    .areas(body);
    let [signs_area, days_area] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(top);

    // Signs: this week's bar, and the four weeks before as a number.
    let width = signs_area.width.saturating_sub(4) as usize;
    let most = r.signs.iter().map(|s| s.count).max().unwrap_or(0).max(1);
    let mut lines: Vec<Line<'_>> = r
        .signs
        .iter()
        .take(7)
        .map(|s| {
            let room = width.saturating_sub(18 + 10).max(1);
            let bar = (s.count * room).div_ceil(most);
            Line::from(vec![
                Span::raw(format!("{:<17} ", clip(&s.id, 17))),
                Span::styled("█".repeat(bar), theme.accent()),
                Span::raw(format!(" {}", s.count)),
                Span::styled(format!(" ({:.1})", s.previous_average), theme.dim()),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled("No signs noticed this week.", theme.dim()));
    }
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Signs · (4-week average) ")),
        signs_area,
    );

    let mut days: Vec<Line<'_>> = vec![Line::styled("      mood  urge", theme.dim())];
    for d in &r.days {
        let num = |v: Option<f64>| v.map_or("  –".to_string(), |x| format!("{x:>3.0}"));
        days.push(Line::from(format!(
            "{:<4} {}   {}",
            &d.weekday[..d.weekday.len().min(3)],
            num(d.mood),
            num(d.urge)
        )));
    }
    frame.render_widget(
        Paragraph::new(days).block(Block::bordered().title(" Mood & urge ")),
        days_area,
    );

    // Patterns and the chosen one's examples.
    let [patterns_area, examples_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(middle);
    let items: Vec<ListItem<'_>> = r
        .patterns
        .iter()
        .map(|p| {
            ListItem::new(Line::from(vec![
                Span::raw(format!("{} → {}", cause_name(&p.cause), p.sign)),
                Span::styled(format!("  {}d {}", p.days, lift(p.lift)), theme.dim()),
            ]))
        })
        .collect();
    draw_list(
        frame,
        patterns_area,
        items,
        "Nothing recurring yet.",
        Some(state.cursor),
        Block::bordered().title(" Keeps happening "),
        theme,
    );
    let mut examples: Vec<Line<'_>> = Vec::new();
    if let Some(p) = r.patterns.get(state.cursor) {
        if !p.people.is_empty() {
            let who: Vec<String> = p.people.iter().map(|c| safe_line(&c.name)).collect();
            examples.push(Line::styled(
                format!("with {}", who.join(", ")),
                theme.dim(),
            ));
        }
        for ex in &p.examples {
            let words = ex
                .evidence
                .as_deref()
                .map_or("(added by you)".to_string(), |e| {
                    format!("“{}”", safe_line(e))
                });
            examples.push(Line::from(vec![
                Span::styled(format!("{} ", ex.day.format("%a")), theme.accent()),
                Span::raw(words),
            ]));
        }
    }
    frame.render_widget(
        Paragraph::new(examples)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(" Examples ")),
        examples_area,
    );

    // Counter-moves, people, small steps and the reflection.
    let moves: Vec<String> = r
        .counter_moves
        .iter()
        .filter(|m| m.tally.times > 0)
        .take(2)
        .map(|m| {
            format!(
                "after {}: stepped {} · pulled back {}",
                m.trigger, m.tally.stepped, m.tally.pulled_back
            )
        })
        .collect();
    let people: Vec<String> = r
        .people
        .iter()
        .take(3)
        .map(|p| safe_line(&p.name))
        .collect();
    let mut bottom_lines = vec![
        Line::from(if moves.is_empty() {
            "No triggers this week.".to_string()
        } else {
            moves.join("  ·  ")
        }),
        Line::from(format!(
            "Small steps: {} kept of {} · People: {}",
            r.small_steps.kept,
            r.small_steps.set,
            if people.is_empty() {
                "–".to_string()
            } else {
                people.join(", ")
            }
        )),
    ];
    bottom_lines.push(match r.reflections.last() {
        Some(reflection) => Line::from(vec![
            Span::styled("Your reflection: ", theme.good()),
            Span::raw(clip(&safe_line(&reflection.text), 60)),
        ]),
        None => Line::from(vec![
            Span::styled("w", theme.key()),
            Span::raw(" writes this week's reflection: what did you notice?"),
        ]),
    });
    frame.render_widget(
        Paragraph::new(bottom_lines).block(Block::bordered().title(" Progress ")),
        bottom,
    );
}
