//! Redaction: every person's name and aliases replaced, as whole words and
//! whatever their case (with a leading `@`), by the role the user gave them
//! (`closer people set NAME --role partner`) or else a stable placeholder,
//! "Person A", "Person B", in order of first appearance.
//!
//! It works on the report as a JSON value, rewriting every string in it, so
//! a field added to the report later is redacted without anyone
//! remembering to. Only the `id` and `day` fields are left alone: they are
//! generated, never typed, and a hex id could otherwise lose a run of
//! letters that happens to spell a short name.

use std::collections::HashMap;

use regex::Regex;
use serde_json::Value;

use crate::model::PersonSummary;

pub struct Redactor {
    /// `None` when the journal names no one.
    pattern: Option<Regex>,
    /// Lower-cased name or alias → what replaces it.
    replacements: HashMap<String, String>,
}

impl Redactor {
    /// `order` lists names in order of first appearance; people not in it
    /// get their placeholders after, in the order the store lists them.
    pub fn new(people: &[PersonSummary], order: &[String]) -> Redactor {
        let mut ranked: Vec<&PersonSummary> = Vec::new();
        for name in order {
            if let Some(p) = people.iter().find(|p| same(&p.name, name))
                && !ranked.iter().any(|r| same(&r.name, &p.name))
            {
                ranked.push(p);
            }
        }
        for p in people {
            if !ranked.iter().any(|r| same(&r.name, &p.name)) {
                ranked.push(p);
            }
        }
        let mut replacements = HashMap::new();
        let mut placeholders = 0usize;
        for p in ranked {
            let stand_in = match p.role.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                Some(role) => role.to_string(),
                None => {
                    placeholders += 1;
                    placeholder(placeholders)
                }
            };
            for name in std::iter::once(&p.name).chain(&p.aliases) {
                let name = name.trim();
                if !name.is_empty() {
                    replacements
                        .entry(name.to_lowercase())
                        .or_insert_with(|| stand_in.clone());
                }
            }
        }
        // Longest first, so "Sam Lee" is replaced whole before "Sam" could be.
        let mut names: Vec<&String> = replacements.keys().collect();
        names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let alternatives: Vec<String> = names
            .iter()
            .map(|n| {
                let start = if n.starts_with(|c: char| c.is_alphanumeric()) {
                    r"\b"
                } else {
                    ""
                };
                let end = if n.ends_with(|c: char| c.is_alphanumeric()) {
                    r"\b"
                } else {
                    ""
                };
                format!("{start}{}{end}", regex::escape(n))
            })
            .collect();
        let pattern = if alternatives.is_empty() {
            None
        } else {
            // Names are escaped and the set is small; a failure here would
            // be a bug, and redacting nothing silently is not an option.
            Regex::new(&format!("(?i)@?(?:{})", alternatives.join("|"))).ok()
        };
        Redactor {
            pattern,
            replacements,
        }
    }

    /// `text` with every name replaced.
    pub fn text(&self, text: &str) -> String {
        let Some(pattern) = &self.pattern else {
            return text.to_string();
        };
        pattern
            .replace_all(text, |c: &regex::Captures<'_>| {
                let found = c[0].trim_start_matches('@').to_lowercase();
                self.replacements
                    .get(&found)
                    .cloned()
                    .unwrap_or_else(|| placeholder(0))
            })
            .into_owned()
    }

    /// `text` with every name replaced, and where each replacement went:
    /// `(start, end)` in `text` and `(start, end)` in the result, in order.
    pub fn text_mapped(&self, text: &str) -> (String, Vec<Replaced>) {
        let Some(pattern) = &self.pattern else {
            return (text.to_string(), Vec::new());
        };
        let mut out = String::with_capacity(text.len());
        let mut map = Vec::new();
        let mut at = 0;
        for m in pattern.find_iter(text) {
            out.push_str(&text[at..m.start()]);
            let found = m.as_str().trim_start_matches('@').to_lowercase();
            let stand_in = self
                .replacements
                .get(&found)
                .cloned()
                .unwrap_or_else(|| placeholder(0));
            let start = out.len();
            out.push_str(&stand_in);
            map.push(Replaced {
                from: (m.start(), m.end()),
                to: (start, out.len()),
            });
            at = m.end();
        }
        out.push_str(&text[at..]);
        (out, map)
    }

    /// Every string of `value` (object keys too) redacted, but `id` and `day`.
    pub fn value(&self, value: Value) -> Value {
        match value {
            Value::String(s) => Value::String(self.text(&s)),
            Value::Array(items) => Value::Array(items.into_iter().map(|v| self.value(v)).collect()),
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .map(|(k, v)| {
                        if k == "id" || k == "day" {
                            (k, v)
                        } else {
                            (self.text(&k), self.value(v))
                        }
                    })
                    .collect(),
            ),
            other => other,
        }
    }
}

/// One name replaced: where it was, and where its stand-in is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Replaced {
    pub from: (usize, usize),
    pub to: (usize, usize),
}

/// Where offset `at` of the original text lands in the redacted one. An
/// offset inside a replaced name moves to the stand-in's start (`is_end`
/// false) or end (`is_end` true), so a span never keeps half a name.
pub fn map_offset(map: &[Replaced], at: usize, is_end: bool) -> usize {
    let mut shift: isize = 0;
    for r in map {
        if at <= r.from.0 {
            break;
        }
        if at < r.from.1 {
            return if is_end { r.to.1 } else { r.to.0 };
        }
        shift = r.to.1 as isize - r.from.1 as isize;
    }
    at.checked_add_signed(shift).unwrap_or(at)
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// "Person A" … "Person Z", then "Person 27" and on; 0 is "someone" (a
/// name the pattern found but the table lost, which cannot happen).
fn placeholder(n: usize) -> String {
    match n {
        0 => "someone".to_string(),
        1..=26 => format!(
            "Person {}",
            char::from(b'A' + u8::try_from(n - 1).unwrap_or(0))
        ),
        _ => format!("Person {n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, role: Option<&str>, aliases: &[&str]) -> PersonSummary {
        PersonSummary {
            name: name.to_string(),
            role: role.map(str::to_string),
            aliases: aliases.iter().map(|a| (*a).to_string()).collect(),
            entries: 1,
        }
    }

    #[test]
    fn names_become_roles_or_placeholders_as_whole_words() {
        let people = [
            person("Sam", None, &["Sammy"]),
            person("Jo", Some("partner"), &["Joanna"]),
            person("Mum", Some("mother"), &[]),
            person("Lee", None, &[]),
        ];
        let r = Redactor::new(&people, &["Lee".to_string(), "Sam".to_string()]);
        let cases = [
            ("I ignored SAM's texts", "I ignored Person B's texts"),
            ("@Sammy and @jo", "Person B and partner"),
            ("Joanna called Mum", "partner called mother"),
            ("Lee left early", "Person A left early"),
            (
                "Samuel and Joseph are strangers",
                "Samuel and Joseph are strangers",
            ),
            ("no names", "no names"),
        ];
        for (text, expected) in cases {
            assert_eq!(r.text(text), expected, "{text:?}");
        }
    }

    #[test]
    fn ids_and_days_are_left_alone_and_everything_else_redacted() {
        let r = Redactor::new(&[person("Abe", None, &[])], &[]);
        let v = serde_json::json!({"id": "abe-1", "day": "abe", "text": "Abe", "list": [{"Abe": "abe"}]});
        let out = r.value(v);
        assert_eq!(
            out,
            serde_json::json!({"id": "abe-1", "day": "abe", "text": "Person A", "list": [{"Person A": "Person A"}]})
        );
    }

    #[test]
    fn offsets_inside_a_name_move_to_its_stand_in() {
        let r = Redactor::new(&[person("Jo Smith", None, &[])], &[]);
        let (text, map) = r.text_mapped("I ignored Jo Smith today");
        assert_eq!(text, "I ignored Person A today");
        assert_eq!(map_offset(&map, 2, false), 2);
        // "ignored Jo" ends inside the name: the span takes the whole stand-in.
        assert_eq!(map_offset(&map, 12, true), 18);
        assert_eq!(map_offset(&map, 12, false), 10);
        assert_eq!(map_offset(&map, 18, false), 18);
        assert_eq!(map_offset(&map, 24, true), 24);
    }

    #[test]
    fn placeholders_go_past_z() {
        assert_eq!(placeholder(1), "Person A");
        assert_eq!(placeholder(26), "Person Z");
        assert_eq!(placeholder(27), "Person 27");
    }
}
