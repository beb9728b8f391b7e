//! The evening check-in: one question at a time, every one skippable, and a
//! review pane before saving that shows what the rules noticed, with the
//! user's own words highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph, Wrap};

use super::{
    centered, clip, draw_keys, draw_list, draw_title, frame_areas, highlighted, safe_line,
};
use crate::journal::Decision;
use crate::model::EntryKind;
use crate::rules::{Catalog, Family};
use crate::tui::form::{Field, Form};
use crate::tui::strings::MOOD_WORDS;
use crate::tui::theme::Theme;

pub const KEYS: &[(&str, &str)] = &[
    ("Tab", "next"),
    ("S-Tab", "back"),
    ("Ctrl-S", "save"),
    ("Esc", "keep as draft"),
    ("F1", "help"),
];

pub const REVIEW_KEYS: &[(&str, &str)] = &[
    ("c", "confirm"),
    ("x", "dismiss"),
    ("a", "add"),
    ("p", "private"),
    ("t", "therapy"),
    ("Ctrl-S", "save"),
    ("F1", "help"),
];

fn field_name(form: &Form, field: Field) -> String {
    match field {
        Field::Mood => "mood".into(),
        Field::Urge => "urge".into(),
        Field::People => "people".into(),
        Field::Answer(i) => form.answers.get(i).map_or("text".into(), |a| a.key.clone()),
        Field::Review => "review".into(),
    }
}

pub fn draw(frame: &mut Frame<'_>, form: &Form, theme: &Theme) {
    let (title, body, footer) = frame_areas(frame.area());
    let what = match (form.kind, &form.editing) {
        (EntryKind::Checkin, None) => "Evening check-in",
        (EntryKind::Checkin, Some(_)) => "Check-in",
        (EntryKind::Weekly, _) => "Weekly reflection",
        (_, _) => "Entry",
    };
    let fields = form.fields();
    draw_title(
        frame,
        title,
        theme,
        &format!("{what} · {}", form.day.format("%A %-d %B")),
        &format!("{} / {}", form.focus + 1, fields.len()),
    );
    let field = form.field();
    draw_keys(
        frame,
        footer,
        theme,
        if field == Field::Review {
            REVIEW_KEYS
        } else {
            KEYS
        },
    );

    let [progress, main] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(body);
    let mut steps = vec![Span::raw(" ")];
    for (i, f) in fields.iter().enumerate() {
        let name = field_name(form, *f);
        let style = if i == form.focus {
            theme.selected()
        } else {
            theme.dim()
        };
        steps.push(Span::styled(format!(" {name} "), style));
    }
    frame.render_widget(
        Paragraph::new(Line::from(steps)).wrap(Wrap { trim: true }),
        progress,
    );

    match field {
        Field::Mood => draw_scale(
            frame,
            main,
            theme,
            "How was your mood today?",
            form.mood,
            1..=5,
            |m| {
                MOOD_WORDS
                    .get(usize::from(m).saturating_sub(1))
                    .copied()
                    .unwrap_or("")
            },
        ),
        Field::Urge => draw_scale(
            frame,
            main,
            theme,
            "How strong was the pull to withdraw today?",
            form.urge,
            0..=10,
            |u| match u {
                0 => "none",
                1..=3 => "faint",
                4..=6 => "noticeable",
                7..=9 => "strong",
                _ => "overwhelming",
            },
        ),
        Field::People => draw_people(frame, main, form, theme),
        Field::Answer(i) => {
            if let Some(answer) = form.answers.get(i) {
                let [prompt, area] =
                    Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(main);
                frame.render_widget(
                    Paragraph::new(Line::styled(answer.prompt.clone(), theme.title()))
                        .wrap(Wrap { trim: true }),
                    inset(prompt),
                );
                let mut text_area = answer.area.clone();
                text_area.set_block(Block::bordered().border_style(theme.focus()));
                frame.render_widget(&text_area, area);
            }
        }
        Field::Review => draw_review(frame, main, form, theme),
    }
}

fn inset(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    }
}

fn draw_scale(
    frame: &mut Frame<'_>,
    area: Rect,
    theme: &Theme,
    question: &str,
    value: Option<u8>,
    range: std::ops::RangeInclusive<u8>,
    word: impl Fn(u8) -> &'static str,
) {
    let mut choices = vec![Span::raw("  ")];
    for n in range.clone() {
        let style = if value == Some(n) {
            theme.selected()
        } else {
            theme.accent()
        };
        choices.push(Span::styled(format!(" {n} "), style));
        choices.push(Span::raw(" "));
    }
    let chosen = match value {
        Some(v) => format!("  {v}: {}", word(v)),
        None => "  not set (Tab skips)".to_string(),
    };
    let lines = vec![
        Line::styled(question.to_string(), theme.title()),
        Line::raw(""),
        Line::from(choices),
        Line::raw(""),
        Line::styled(chosen, theme.dim()),
        Line::raw(""),
        Line::styled(
            format!(
                "← → to choose, or type {}–{}",
                range.start(),
                range.end().min(&9)
            ),
            theme.dim(),
        ),
    ];
    frame.render_widget(Paragraph::new(lines), inset(area));
}

fn draw_people(frame: &mut Frame<'_>, area: Rect, form: &Form, theme: &Theme) {
    let [head, list] =
        Layout::vertical([Constraint::Length(4), Constraint::Min(2)]).areas(inset(area));
    let chosen = if form.people.chosen.is_empty() {
        "nobody picked yet".to_string()
    } else {
        form.people
            .chosen
            .iter()
            .map(|p| safe_line(p))
            .collect::<Vec<_>>()
            .join(", ")
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled("Who did you deal with today?", theme.title()),
            Line::from(vec![
                Span::styled("Picked: ", theme.dim()),
                Span::raw(clip(&chosen, 70)),
            ]),
            Line::from(vec![
                Span::styled("Find or add: ", theme.dim()),
                Span::styled(format!("{}▏", safe_line(&form.people.query)), theme.focus()),
            ]),
        ]),
        head,
    );
    let visible = form.people.visible();
    let mut items: Vec<ListItem<'_>> = visible
        .iter()
        .map(|p| {
            let mark = if form.people.is_chosen(p) {
                "[x]"
            } else {
                "[ ]"
            };
            ListItem::new(format!("{mark} {}", safe_line(p)))
        })
        .collect();
    if visible.is_empty() {
        let hint = if form.people.query.trim().is_empty() {
            "Type a name, then Enter to add them.".to_string()
        } else {
            format!("Enter adds “{}”.", safe_line(form.people.query.trim()))
        };
        items.push(ListItem::new(Line::styled(hint, theme.dim())));
    }
    let mut state =
        ListState::default().with_selected((!visible.is_empty()).then_some(form.people.cursor));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_style(theme.selected())
            .block(Block::bordered().title(" ↑↓ move · Space pick ")),
        list,
        &mut state,
    );
}

fn draw_review(frame: &mut Frame<'_>, area: Rect, form: &Form, theme: &Theme) {
    let rows = form.review_rows();
    let list_height = (rows.len() as u16 * 2 + 2)
        .min(area.height / 2 + 1)
        .max(4.min(area.height));
    let [text_area, list_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(list_height)]).areas(area);
    let found = &form.review.found;
    let mut spans = Vec::new();
    for family in Family::ALL {
        for d in found.family(family) {
            if form.decision(family, &d.id) != Some(Decision::Dismiss) {
                spans.push((d.start, d.end));
                spans.extend(d.spans.iter().map(|s| (s.start, s.end)));
            }
        }
    }
    let mut flags = Vec::new();
    if form.private {
        flags.push("private");
    }
    if form.discuss {
        flags.push("for therapy");
    }
    let title = if flags.is_empty() {
        " What you wrote ".to_string()
    } else {
        format!(" What you wrote · {} ", flags.join(" · "))
    };
    let text = if form.review.text.trim().is_empty() {
        ratatui::text::Text::styled(
            "Nothing written; mood, urge and people are saved all the same.",
            theme.dim(),
        )
    } else {
        highlighted(&form.review.text, &spans, theme)
    };
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(title)),
        text_area,
    );

    let catalog = Catalog::builtin();
    let items: Vec<ListItem<'_>> = rows
        .iter()
        .map(|(family, label)| {
            let decision = form.decision(*family, label);
            let (mark, style) = match decision {
                Some(Decision::Dismiss) => ("✗", theme.dismissed()),
                Some(Decision::Confirm) => ("✓", theme.good()),
                Some(Decision::Add) => ("+", theme.good()),
                None => ("·", ratatui::style::Style::new()),
            };
            let name = catalog
                .get(*family, label)
                .map_or(label.as_str(), |c| c.name.as_str());
            let evidence = found
                .family(*family)
                .iter()
                .find(|d| &d.id == label)
                .map(|d| format!("“{}”", clip(&safe_line(&d.evidence), 50)))
                .unwrap_or_else(|| "added by you".to_string());
            ListItem::new(vec![
                Line::from(vec![
                    Span::styled(format!("{mark} {}/{label}", family.singular()), style),
                    Span::styled(format!("  {name}"), theme.dim()),
                ]),
                Line::styled(format!("    {evidence}"), theme.dim()),
            ])
        })
        .collect();
    draw_list(
        frame,
        list_area,
        items,
        "The rules noticed nothing. a adds a label they missed.",
        Some(form.review.cursor),
        Block::bordered().title(" What closer noticed · c confirm · x dismiss · a add "),
        theme,
    );

    if let Some(picker) = &form.review.adding {
        let popup = centered(frame.area(), 60, 16);
        frame.render_widget(Clear, popup);
        let [query, list] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(popup);
        frame.render_widget(
            Paragraph::new(format!("{}▏", safe_line(&picker.query))).block(
                Block::bordered().title(" Add a label: type to find, Enter adds, Esc closes "),
            ),
            query,
        );
        let items: Vec<ListItem<'_>> = picker
            .visible()
            .iter()
            .map(|l| ListItem::new(l.to_string()))
            .collect();
        let mut state = ListState::default().with_selected(Some(picker.cursor));
        frame.render_stateful_widget(
            List::new(items)
                .highlight_style(theme.selected())
                .block(Block::bordered()),
            list,
            &mut state,
        );
    }
}
