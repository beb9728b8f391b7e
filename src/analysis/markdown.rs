//! The review as Markdown, from `templates/review.md` (minijinja). Stored
//! text (evidence, small steps, reflections, names) goes through the `text`
//! filter: controls made inert, on one line, Markdown's own characters
//! escaped, so an entry cannot break the document or the terminal it is
//! printed to. Pure: the template is compiled in.

use std::collections::HashMap;

use minijinja::{Environment, Value};

use super::review::Review;
use crate::rules::Catalog;
use crate::text::terminal::one_line;

const TEMPLATE: &str = include_str!("../../templates/review.md");

/// Renders a review as Markdown. `short_ids` maps entry ids to the short
/// forms the store hands out (`Store::short_id`); an id missing from it is
/// printed whole.
pub fn render(review: &Review, short_ids: &HashMap<String, String>) -> String {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    let catalog = Catalog::builtin();
    env.add_filter("text", |s: String| escape(&s));
    let shorts = short_ids.clone();
    env.add_filter("short", move |id: String| {
        escape(shorts.get(&id).map_or(id.as_str(), String::as_str))
    });
    env.add_filter("num", |v: Value| number(&v));
    let name = move |id: &str| {
        catalog
            .entries()
            .iter()
            .find(|e| e.id == id)
            .map_or_else(|| escape(id), |e| e.name.clone())
    };
    let label = name.clone();
    env.add_filter("label", move |id: String| label(&id));
    // A list of counts ("Sam 3, Jo 1"), names of labels where they are labels.
    env.add_filter("counts", move |list: Vec<Value>| {
        list.iter()
            .map(|c| {
                let id = c
                    .get_attr("id")
                    .ok()
                    .filter(|v| !v.is_undefined())
                    .or_else(|| c.get_attr("name").ok())
                    .map(|v| v.to_string())
                    .unwrap_or_default();
                let count = c
                    .get_attr("count")
                    .map(|v| v.to_string())
                    .unwrap_or_default();
                format!("{} ({count})", name(&id))
            })
            .collect::<Vec<_>>()
            .join(", ")
    });
    // The template is compiled in and covered by tests, so failing to render
    // is a bug in closer; say so in the document rather than panic.
    env.render_str(TEMPLATE, review).unwrap_or_else(|e| {
        format!("closer could not render the review ({e}); please report this.\n")
    })
}

/// A number as people read it (see [`number_text`]), `–` for none.
fn number(v: &Value) -> String {
    if v.is_none() || v.is_undefined() {
        return "–".to_string();
    }
    match f64::try_from(v.clone()) {
        Ok(x) => number_text(x),
        Err(_) => escape(&v.to_string()),
    }
}

/// At most two decimals, without trailing zeros: `3`, `2.5`, `0.25`.
pub fn number_text(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Stored text made safe for a Markdown line and a terminal.
pub fn escape(text: &str) -> String {
    let flat = one_line(text);
    let mut out = String::with_capacity(flat.len());
    for c in flat
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '{' | '}'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_text_cannot_break_markdown_or_the_terminal() {
        let cases = [
            ("plain words", "plain words"),
            ("a | b", "a \\| b"),
            ("**bold** [link](x)", "\\*\\*bold\\*\\* \\[link\\](x)"),
            ("line\nbreak", "line break"),
            ("esc \x1b[2J", "esc ␛\\[2J"),
            ("<script>", "\\<script\\>"),
        ];
        for (text, expected) in cases {
            assert_eq!(escape(text), expected, "{text:?}");
        }
    }

    #[test]
    fn numbers_show_at_most_one_decimal() {
        let cases = [
            (Value::from(3.0), "3"),
            (Value::from(2.25), "2.25"),
            (Value::from(2.5), "2.5"),
            (Value::from(()), "–"),
            (Value::from(4), "4"),
        ];
        for (v, expected) in cases {
            assert_eq!(number(&v), expected);
        }
    }
}
