//! jrnl's `jrnl --export json`: `{"tags": {...}, "entries": [{"title",
//! "body", "date": "YYYY-MM-DD", "time": "HH:MM", "tags": ["@tag"],
//! "starred", "uuid"?}]}`.
//!
//! Choices, documented in the README:
//! - the text is the title, then the body (after a space when the title ends
//!   a sentence, else on a new line), as jrnl split them;
//! - jrnl marks tags with `@` by default, which closer reads as a person;
//!   jrnl's tags are tags, so each one the entry lists is rewritten in the
//!   text from `@word` (or whatever the tag symbol was) to `#word`, and a
//!   listed tag missing from the text is added on a last line;
//! - `starred` becomes the tag `#starred`, not `discuss`: discuss puts an
//!   entry in full into the therapist export, which only the user should
//!   decide;
//! - times carry no offset in jrnl: they get the importing machine's;
//! - jrnl entries have no id (unless it syncs with Day One): the id is a
//!   UUID derived from the date, time, title and body, so importing the same
//!   export twice changes nothing (an entry edited in jrnl since comes in as
//!   a new entry).

use chrono::{NaiveDate, NaiveTime, TimeZone};
use serde::Deserialize;

use super::{
    Format, ParseError, ParseOptions, Parsed, Record, append_tags, parse_entries, stable_id,
};

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
    #[serde(default)]
    uuid: Option<String>,
}

pub fn parse(text: &str, options: ParseOptions) -> Result<Parsed, ParseError> {
    parse_entries(text, Format::Jrnl, options, record)
}

fn record(
    index: usize,
    line: usize,
    e: Entry,
    options: ParseOptions,
) -> Result<Record, ParseError> {
    let date = NaiveDate::parse_from_str(e.date.trim(), "%Y-%m-%d").map_err(|_| {
        ParseError::record(
            index,
            line,
            format!(
                "`date` {:?} is not a date like 2026-01-05",
                crate::text::terminal::one_line(&e.date)
            ),
        )
    })?;
    let time_text = e.time.as_deref().unwrap_or("00:00").trim();
    let time = NaiveTime::parse_from_str(time_text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(time_text, "%H:%M:%S"))
        .map_err(|_| {
            ParseError::record(
                index,
                line,
                format!(
                    "`time` {:?} is not a time like 21:30",
                    crate::text::terminal::one_line(time_text)
                ),
            )
        })?;
    let created_at = options
        .offset
        .from_local_datetime(&date.and_time(time))
        .single()
        .ok_or_else(|| ParseError::record(index, line, "the date and time do not exist"))?;
    let id = match e
        .uuid
        .as_deref()
        .and_then(|u| uuid::Uuid::parse_str(u.trim()).ok())
    {
        Some(u) => u.to_string(),
        None => stable_id(&["jrnl", &e.date, time_text, &e.title, &e.body]),
    };
    let mut text = join(&e.title, &e.body);
    retag(&mut text, &e.tags);
    let mut tags = e.tags.clone();
    if e.starred {
        tags.push("starred".to_string());
    }
    append_tags(&mut text, &tags);
    Ok(Record::note(
        id,
        created_at,
        created_at,
        text,
        options.day_starts_at,
    ))
}

fn join(title: &str, body: &str) -> String {
    let (title, body) = (title.trim(), body.trim());
    match (title.is_empty(), body.is_empty()) {
        (_, true) => title.to_string(),
        (true, false) => body.to_string(),
        (false, false) if title.ends_with(['.', '!', '?', ':']) => format!("{title} {body}"),
        (false, false) => format!("{title}\n{body}"),
    }
}

/// Rewrites each listed tag's marker (jrnl's `@` by default) to `#` where it
/// starts a word, so closer reads a tag and not a person.
fn retag(text: &mut String, tags: &[String]) {
    let mut wanted: Vec<(char, String)> = Vec::new();
    for t in tags {
        let mut chars = t.trim().chars();
        if let Some(symbol) = chars.next()
            && !symbol.is_alphanumeric()
            && symbol != '#'
        {
            wanted.push((symbol, chars.as_str().to_lowercase()));
        }
    }
    if wanted.is_empty() {
        return;
    }
    // From symbol to symbol, copying the text between: most entries hold
    // few tags, and a large export has a hundred thousand entries.
    let mut symbols: Vec<char> = wanted.iter().map(|(s, _)| *s).collect();
    symbols.sort_unstable();
    symbols.dedup();
    // One symbol (jrnl's `@`, nearly always) is searched for bytewise.
    let marks: Box<dyn Iterator<Item = (usize, &str)>> = match symbols[..] {
        [one] => Box::new(text.match_indices(one)),
        _ => Box::new(text.match_indices(&symbols[..])),
    };
    let mut out = String::new();
    let mut copied = 0;
    for (i, symbol) in marks {
        let Some(c) = symbol.chars().next() else {
            continue;
        };
        let starts_word = text[..i]
            .chars()
            .next_back()
            .is_none_or(|p| !(p.is_alphanumeric() || p == '_'));
        if !starts_word {
            continue;
        }
        let rest = &text[i + c.len_utf8()..];
        let word_end = rest
            .char_indices()
            .find(|&(_, ch)| !(ch.is_alphanumeric() || matches!(ch, '-' | '_')))
            .map_or(rest.len(), |(j, _)| j);
        let word = rest[..word_end].to_lowercase();
        if wanted.iter().any(|(s, w)| *s == c && *w == word) {
            if out.capacity() == 0 {
                out.reserve(text.len() + 8);
            }
            out.push_str(&text[copied..i]);
            out.push('#');
            copied = i + c.len_utf8();
        }
    }
    if copied > 0 {
        out.push_str(&text[copied..]);
        *text = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn options() -> ParseOptions {
        ParseOptions {
            offset: FixedOffset::east_opt(3600).expect("offset"),
            day_starts_at: 4,
        }
    }

    #[test]
    fn tags_become_closer_tags_and_ids_are_stable() {
        let json = r#"{"tags": {"@work": 1}, "entries": [
            {"title": "Long day at @work.", "body": "Left Sam on read.", "date": "2026-01-05",
             "time": "21:30", "tags": ["@work"], "starred": true}]}"#;
        let a = parse(json, options()).expect("parses");
        let b = parse(json, options()).expect("parses");
        let r = &a.records[0];
        assert_eq!(r.id, b.records[0].id);
        assert_eq!(r.text, "Long day at #work. Left Sam on read.\n\n#starred");
        assert_eq!(r.created_at.to_rfc3339(), "2026-01-05T21:30:00+01:00");
        assert_eq!(r.day.to_string(), "2026-01-05");
    }

    #[test]
    fn a_bad_date_names_the_entry() {
        let json = "{\"entries\": [\n{\"title\": \"a\", \"date\": \"2026-01-05\"},\n{\"title\": \"b\", \"date\": \"05/01/2026\"}]}";
        let err = parse(json, options()).expect_err("bad date");
        assert!(err.message.starts_with("entry 2 (line 3)"), "{err}");
    }
}
