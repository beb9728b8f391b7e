//! The report as Markdown (`templates/export.md`) and as one self-contained
//! HTML file (`templates/export.html`: inline CSS and SVG, no script, no
//! external link), both through minijinja. The HTML template's name ends in
//! `.html`, so minijinja escapes every value printed in it: stored text can
//! only ever be text. Charts are drawn from numbers the report precomputed.
//! Pure: the templates are compiled in.

use minijinja::{AutoEscape, Environment, Value};

use crate::analysis::markdown::{escape, number_text};
use crate::rules::Catalog;
use crate::text::terminal::inert;

const MARKDOWN: &str = include_str!("../../templates/export.md");
const HTML: &str = include_str!("../../templates/export.html");

/// The report (as [`super::build`] returns it) as Markdown.
pub fn markdown(report: &serde_json::Value) -> String {
    render("export.md", MARKDOWN, report)
}

/// The report (as [`super::build`] returns it) as one HTML file.
pub fn html(report: &serde_json::Value) -> String {
    render("export.html", HTML, report)
}

fn render(name: &'static str, source: &'static str, report: &serde_json::Value) -> String {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    let html = name.ends_with(".html");
    // Explicit rather than left to minijinja's default by file name, so a
    // rename can never turn escaping off.
    env.set_auto_escape_callback(move |_| {
        if html {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    if html {
        // Controls made visible; the escaping of `<`, `&` and quotes is
        // minijinja's, applied to the plain string this returns.
        env.add_filter("text", |s: String| inert(&s, true).into_owned());
    } else {
        env.add_filter("text", |s: String| escape(&s));
        // A piece of an entry's text: escaped like `text`, but keeping a
        // space at either end, where it meets the evidence beside it.
        env.add_filter("inline", |s: String| {
            if s.trim().is_empty() {
                return if s.is_empty() { s } else { " ".to_string() };
            }
            format!("{}{}{}", edge_before(&s), escape(&s), edge_after(&s))
        });
        env.add_filter("edge_before", |s: String| edge_before(&s));
        env.add_filter("edge_after", |s: String| edge_after(&s));
    }
    env.add_filter("num", |v: Value| number(&v));
    let catalog = Catalog::builtin();
    env.add_filter("label", move |id: String| {
        catalog.entries().iter().find(|e| e.id == id).map_or_else(
            || if html { id.clone() } else { escape(&id) },
            |e| e.name.clone(),
        )
    });
    let ctx = Value::from_serialize(report);
    let rendered = env
        .add_template(name, source)
        .and_then(|()| env.get_template(name))
        .and_then(|t| t.render(ctx));
    // The templates are compiled in and tested: failing to render is a bug
    // in closer, said in the document rather than by a panic.
    rendered.unwrap_or_else(|e| {
        format!("closer could not render the export ({e}); please report this.\n")
    })
}

fn edge_before(s: &str) -> String {
    if s.starts_with(char::is_whitespace) && !s.trim().is_empty() {
        " ".to_string()
    } else {
        String::new()
    }
}

fn edge_after(s: &str) -> String {
    if s.ends_with(char::is_whitespace) && !s.trim().is_empty() {
        " ".to_string()
    } else {
        String::new()
    }
}

fn number(v: &Value) -> String {
    if v.is_none() || v.is_undefined() {
        return "–".to_string();
    }
    match f64::try_from(v.clone()) {
        Ok(x) => number_text(x),
        Err(_) => "–".to_string(),
    }
}
