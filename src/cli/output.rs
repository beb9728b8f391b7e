//! How the command line prints: colour when it helps, entries as one line or
//! in full, JSON for scripts. Every piece of stored text passes through
//! [`crate::text::terminal`] before it reaches the terminal.

use std::io::Write;

use serde::Serialize;

use crate::model::{Entry, HIT_END, HIT_START};
use crate::text::terminal::{inert, one_line};

/// Styles text when colour is on, passes it through when off.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    color: bool,
}

impl Painter {
    pub fn new(color: bool) -> Painter {
        Painter { color }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn accent(&self, text: &str) -> String {
        self.paint("36", text)
    }

    /// A search hit or a piece of evidence: reversed in colour, bracketed without.
    pub fn hit(&self, text: &str) -> String {
        if self.color {
            self.paint("1;7", text)
        } else {
            format!("[{text}]")
        }
    }
}

/// Prints `value` as pretty JSON with a trailing newline.
pub fn print_json(value: &impl Serialize) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// The first `max` characters of `text` on one line, with an ellipsis if cut.
pub fn preview(text: &str, max: usize) -> String {
    let flat = one_line(text);
    let flat = flat.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// One line for an entry in a list.
pub fn entry_line(p: &Painter, entry: &Entry, short_id: &str) -> String {
    let mut meta = Vec::new();
    if let Some(m) = entry.mood {
        meta.push(format!("mood {m}"));
    }
    if let Some(u) = entry.urge {
        meta.push(format!("urge {u}"));
    }
    if entry.private {
        meta.push("private".to_string());
    }
    if entry.discuss {
        meta.push("discuss".to_string());
    }
    let meta = if meta.is_empty() {
        String::new()
    } else {
        format!(" {}", p.dim(&format!("({})", meta.join(", "))))
    };
    format!(
        "{}  {}  {:<7}{}  {}",
        entry.day,
        p.accent(short_id),
        entry.kind.as_str(),
        meta,
        preview(&entry.text, 60)
    )
}

/// A search snippet with its hits styled, made safe for the terminal.
pub fn snippet(p: &Painter, snippet: &str) -> String {
    let safe = one_line(snippet);
    let mut out = String::new();
    let mut rest: &str = &safe;
    while let Some(start) = rest.find(HIT_START) {
        out.push_str(&rest[..start]);
        let after = &rest[start + HIT_START.len_utf8()..];
        let end = after.find(HIT_END).unwrap_or(after.len());
        out.push_str(&p.hit(&after[..end]));
        rest = after.get(end + HIT_END.len_utf8()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// After an entry is saved: what the rules noticed, on standard error so
/// scripts reading the id from standard output are undisturbed; and the
/// safety note when the entry needs it.
pub fn after_save(p: &Painter, saved: &crate::journal::Saved) {
    let found = &saved.found;
    let labels: Vec<String> = [crate::rules::Family::Sign, crate::rules::Family::Step]
        .iter()
        .flat_map(|f| {
            found
                .family(*f)
                .iter()
                .map(move |d| format!("{}/{}", f.singular(), d.id))
        })
        .collect();
    if !labels.is_empty() {
        eprintln!(
            "{}",
            p.dim(&format!(
                "noticed: {} (`closer explain` shows the words)",
                labels.join(", ")
            ))
        );
    }
    if saved.needs_safety_note() {
        eprintln!("\n{}\n", p.bold(crate::journal::SAFETY_NOTE));
    }
}

/// Stored text for a full view: controls made visible, newlines kept.
pub fn body(text: &str) -> String {
    inert(text, true).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_cuts_on_characters_not_bytes() {
        assert_eq!(preview("ééééé", 3), "éé…");
        assert_eq!(preview("a\nb", 10), "a b");
    }

    #[test]
    fn snippet_brackets_hits_without_colour() {
        let s = format!("I {HIT_START}ignored{HIT_END} her \x1b[31m");
        assert_eq!(snippet(&Painter::new(false), &s), "I [ignored] her ␛[31m");
    }
}
