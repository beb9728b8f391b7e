//! The screens: each a state struct with `handle_key` (keys to actions, no
//! I/O) and a `draw` that only reads its state.

pub mod checkin;
pub mod entries;
pub mod entry;
pub mod help;
pub mod home;
pub mod people;
pub mod review;

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;

/// Splits the screen into a title line, the body and a footer of keys.
/// The keys every list shares: ↓/j and ↑/k move by one, PageDown/PageUp
/// by `page` (0 where a screen scrolls its text with those keys instead).
/// Moves `cursor` within `len` items; says whether `code` was one of them.
pub fn move_in_list(cursor: &mut usize, len: usize, code: KeyCode, page: usize) -> bool {
    let last = len.saturating_sub(1);
    *cursor = match code {
        KeyCode::Down | KeyCode::Char('j') => (*cursor + 1).min(last),
        KeyCode::Up | KeyCode::Char('k') => cursor.saturating_sub(1),
        KeyCode::PageDown if page > 0 => (*cursor + page).min(last),
        KeyCode::PageUp if page > 0 => cursor.saturating_sub(page),
        _ => return false,
    };
    true
}

pub fn frame_areas(area: Rect) -> (Rect, Rect, Rect) {
    let [title, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    (title, body, footer)
}

pub fn draw_title(frame: &mut Frame<'_>, area: Rect, theme: &Theme, left: &str, right: &str) {
    let width = area.width as usize;
    let pad = width.saturating_sub(left.chars().count() + right.chars().count() + 2);
    let line = Line::from(vec![
        Span::styled(format!(" {left}"), theme.title()),
        Span::raw(" ".repeat(pad)),
        Span::styled(format!("{right} "), theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The keys of the current screen, always on screen.
pub fn draw_keys(frame: &mut Frame<'_>, area: Rect, theme: &Theme, keys: &[(&str, &str)]) {
    let mut spans = vec![Span::raw(" ")];
    for (i, (key, what)) in keys.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("  ", theme.dim()));
        }
        spans.push(Span::styled(*key, theme.key()));
        spans.push(Span::raw(format!(" {what}")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Text from the journal, safe for the terminal, on one line.
pub fn safe_line(text: &str) -> String {
    crate::text::terminal::one_line(text).into_owned()
}

/// The first `max` characters of `text` with an ellipsis when cut.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// `text` as lines, with the byte ranges in `spans` styled as evidence.
/// Spans that do not fall on the text's character boundaries are skipped,
/// and every piece is made safe for the terminal.
pub fn highlighted(
    text: &str,
    spans: &[(usize, usize)],
    theme: &Theme,
) -> ratatui::text::Text<'static> {
    let mut marks: Vec<(usize, usize)> = spans
        .iter()
        .copied()
        .filter(|&(s, e)| s < e && text.get(s..e).is_some())
        .collect();
    marks.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in marks {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut at = 0;
    for (s, e) in merged {
        pieces.push((text.get(at..s).unwrap_or(""), false));
        pieces.push((text.get(s..e).unwrap_or(""), true));
        at = e;
    }
    pieces.push((text.get(at..).unwrap_or(""), false));
    let mut lines: Vec<Line<'static>> = vec![Line::default()];
    for (piece, marked) in pieces {
        for (i, part) in piece.split('\n').enumerate() {
            if i > 0 {
                lines.push(Line::default());
            }
            if part.is_empty() {
                continue;
            }
            let safe = crate::text::terminal::inert(part, false).into_owned();
            let style = if marked {
                theme.evidence()
            } else {
                ratatui::style::Style::new()
            };
            if let Some(line) = lines.last_mut() {
                line.spans.push(Span::styled(safe, style));
            }
        }
    }
    ratatui::text::Text::from(lines)
}

/// A centred rectangle of at most `width` x `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Word-wraps `text` to lines of at most `width` characters.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A list with the row under `cursor` highlighted, or one dim line saying
/// why it is empty.
pub fn draw_list(
    frame: &mut Frame<'_>,
    area: Rect,
    items: Vec<ratatui::widgets::ListItem<'_>>,
    when_empty: &str,
    cursor: Option<usize>,
    block: ratatui::widgets::Block<'_>,
    theme: &Theme,
) {
    use ratatui::widgets::{List, ListItem, ListState};
    let empty = items.is_empty();
    let list = if empty {
        List::new(vec![ListItem::new(Line::styled(
            when_empty.to_string(),
            theme.dim(),
        ))])
    } else {
        List::new(items)
    };
    let mut state = ListState::default().with_selected(cursor.filter(|_| !empty));
    frame.render_stateful_widget(
        list.highlight_style(theme.selected()).block(block),
        area,
        &mut state,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_keys_move_within_the_list() {
        let mut c = 0;
        assert!(move_in_list(&mut c, 3, KeyCode::Char('j'), 10));
        assert!(move_in_list(&mut c, 3, KeyCode::Down, 10));
        assert!(move_in_list(&mut c, 3, KeyCode::Down, 10));
        assert_eq!(c, 2, "stops at the last item");
        assert!(move_in_list(&mut c, 3, KeyCode::PageUp, 10));
        assert_eq!(c, 0);
        assert!(move_in_list(&mut c, 30, KeyCode::PageDown, 10));
        assert_eq!(c, 10);
        assert!(
            !move_in_list(&mut c, 30, KeyCode::PageDown, 0),
            "paging off"
        );
        assert!(!move_in_list(&mut c, 30, KeyCode::Enter, 10));
        assert_eq!(c, 10);
        let mut empty = 0;
        assert!(move_in_list(&mut empty, 0, KeyCode::Down, 10));
        assert_eq!(empty, 0, "an empty list keeps the cursor at 0");
    }
}
