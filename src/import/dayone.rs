//! Day One's JSON export (`Journal.json` in the zip it writes):
//! `{"metadata": {...}, "entries": [{"uuid": "32 hex digits",
//! "creationDate": "2026-01-05T21:30:00Z", "modifiedDate", "timeZone",
//! "text", "tags", "starred", ...}]}`.
//!
//! Choices, documented in the README:
//! - the entry's `uuid` becomes its id, so a second import changes nothing
//!   and an entry edited in Day One since (a later `modifiedDate`) replaces
//!   the older copy;
//! - `timeZone` is a zone name (`Europe/Paris`) and closer carries no time
//!   zone database: the instant is kept exactly, shown at the importing
//!   machine's offset, and the journal day is taken at that offset;
//! - the Markdown text is kept as it is; `tags` and `starred` become `#tags`
//!   (a space in a tag becomes `-`) on a last line, as closer's tags live in
//!   the text; `starred` is not `discuss`, for the reason given in
//!   [`super::jrnl`].

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

use super::{Format, ParseError, ParseOptions, Parsed, Record, append_tags, parse_entries};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    uuid: String,
    creation_date: String,
    #[serde(default)]
    modified_date: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

pub fn parse(text: &str, options: ParseOptions) -> Result<Parsed, ParseError> {
    parse_entries(text, Format::Dayone, options, record)
}

fn time(
    index: usize,
    line: usize,
    field: &str,
    value: &str,
    offset: FixedOffset,
) -> Result<DateTime<FixedOffset>, ParseError> {
    DateTime::parse_from_rfc3339(value.trim())
        .map(|t| t.with_timezone(&offset))
        .map_err(|_| {
            ParseError::record(
                index,
                line,
                format!(
                    "`{field}` {:?} is not a time like 2026-01-05T21:30:00Z",
                    crate::text::terminal::one_line(value)
                ),
            )
        })
}

fn record(
    index: usize,
    line: usize,
    e: Entry,
    options: ParseOptions,
) -> Result<Record, ParseError> {
    let id = uuid::Uuid::parse_str(e.uuid.trim())
        .map_err(|_| ParseError::record(index, line, "`uuid` is not 32 hexadecimal digits"))?
        .to_string();
    let created_at = time(
        index,
        line,
        "creationDate",
        &e.creation_date,
        options.offset,
    )?;
    let updated_at = match &e.modified_date {
        Some(m) => time(index, line, "modifiedDate", m, options.offset)?.max(created_at),
        None => created_at,
    };
    let mut text = e.text.trim_end().to_string();
    let mut tags = e.tags;
    if e.starred {
        tags.push("starred".to_string());
    }
    append_tags(&mut text, &tags);
    Ok(Record::note(
        id,
        created_at,
        updated_at,
        text,
        options.day_starts_at,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_keeps_its_uuid_and_instant() {
        let json = r#"{"metadata": {"version": "1.0"}, "entries": [
            {"uuid": "0A1B2C3D4E5F60718293A4B5C6D7E8F9", "creationDate": "2026-01-05T20:30:00Z",
             "timeZone": "Europe/Paris", "text": "Skipped the call with Mum.", "tags": ["family life"]}]}"#;
        let options = ParseOptions {
            offset: FixedOffset::east_opt(3600).expect("offset"),
            day_starts_at: 4,
        };
        let parsed = parse(json, options).expect("parses");
        let r = &parsed.records[0];
        assert_eq!(r.id, "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9");
        assert_eq!(r.created_at.to_rfc3339(), "2026-01-05T21:30:00+01:00");
        assert_eq!(r.text, "Skipped the call with Mum.\n\n#family-life");
    }
}
