//! Import parsers: the text of a file in, the records closer would store out.
//! Pure: no I/O, no database, no clock (the caller passes the offset and the
//! hour the journal day starts at).
//!
//! Three formats, one module each: [`closer`] (closer's own backup, the
//! `closer export --format json` file, see `docs/backup-format.md`),
//! [`jrnl`] (`jrnl --export json`) and [`dayone`] (Day One's JSON export).
//! [`sniff`] guesses which one a file is when the user did not say.
//!
//! Every record is checked here before anything is written (dates, mood,
//! urge, kind, the 1 MB limit of an entry), so a file with one bad record is
//! refused whole, with the record's number and its line in the file named.
//! Errors never quote entry text. How records merge with a journal that
//! already holds some of them is decided by [`merge`], which the store
//! applies inside its one transaction (`store::import`).

pub mod closer;
pub mod dayone;
pub mod jrnl;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::model::{
    DetectionSource, DetectionStatus, EntryKind, Section, check_mood, check_size, check_urge,
};
use crate::rules::{Family, Span};

/// The largest file `closer import` reads. A 100,000-entry journal exports
/// to about 60 MB; anything far beyond that is almost certainly the wrong
/// file, and reading it whole would only exhaust memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The formats closer imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// closer's own backup (`closer export --format json`).
    Closer,
    /// `jrnl --export json`.
    Jrnl,
    /// Day One's JSON export (the `Journal.json` in its zip).
    Dayone,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Closer => "closer",
            Format::Jrnl => "jrnl",
            Format::Dayone => "dayone",
        }
    }
}

/// What the parsers need to know of the importing journal.
#[derive(Debug, Clone, Copy)]
pub struct ParseOptions {
    /// The offset given to times that carry none (jrnl's, Day One's when its
    /// time zone cannot be resolved): the importing machine's.
    pub offset: FixedOffset,
    /// Before this hour an entry belongs to the evening before, as for
    /// entries written in closer.
    pub day_starts_at: u32,
}

/// An entry as it will be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// A UUID in its hyphenated lower-case form.
    pub id: String,
    pub day: NaiveDate,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
    pub kind: EntryKind,
    pub text: String,
    pub sections: Vec<Section>,
    pub mood: Option<u8>,
    pub urge: Option<u8>,
    /// People named besides those marked in the text, in order.
    pub people: Vec<String>,
    pub private: bool,
    pub discuss: bool,
    pub revision: i64,
    pub deleted_at: Option<DateTime<FixedOffset>>,
    /// The user's word on labels (confirmed, dismissed, added by hand),
    /// kept over what the rules find. Plain findings are not carried: the
    /// rules compute them again.
    pub decisions: Vec<LabelDecision>,
}

impl Record {
    /// A plain note from another journal app: no check-in answers, mood,
    /// flags or decisions, revision 1 (those apps keep no revision count;
    /// a later `updated_at` wins a merge), on the journal day of its time.
    pub(crate) fn note(
        id: String,
        created_at: DateTime<FixedOffset>,
        updated_at: DateTime<FixedOffset>,
        text: String,
        day_starts_at: u32,
    ) -> Record {
        Record {
            id,
            day: crate::clock::journal_day(created_at, day_starts_at),
            created_at,
            updated_at,
            kind: EntryKind::Note,
            text,
            sections: Vec::new(),
            mood: None,
            urge: None,
            people: Vec::new(),
            private: false,
            discuss: false,
            revision: 1,
            deleted_at: None,
            decisions: Vec::new(),
        }
    }
}

/// What the user said of one label of an entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelDecision {
    pub family: Family,
    pub label: String,
    pub source: DetectionSource,
    pub status: DetectionStatus,
    pub rule: Option<String>,
    /// The evidence as `(start, end, text)`, checked against the entry's
    /// text: used only if the rules no longer find the label themselves.
    pub evidence: Option<(usize, usize, String)>,
    pub people: Vec<String>,
    pub spans: Vec<Span>,
}

/// A person of the backup, with their aliases and role.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRecord {
    pub name: String,
    pub role: Option<String>,
    pub aliases: Vec<String>,
}

/// A parsed file, every record checked.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub format: Format,
    pub records: Vec<Record>,
    pub people: Vec<PersonRecord>,
    /// Things the user should know before trusting the result (a redacted
    /// backup, one without its private entries). Never entry text.
    pub warnings: Vec<String>,
}

/// Why a file cannot be imported: where, and what is wrong. Never entry text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    pub message: String,
}

impl ParseError {
    pub fn new(message: impl Into<String>) -> ParseError {
        ParseError {
            message: message.into(),
        }
    }

    /// An error in entry `index` (counted from 1, as people count) at `line`.
    pub fn record(index: usize, line: usize, what: impl std::fmt::Display) -> ParseError {
        ParseError::new(format!("entry {index} (line {line}): {what}"))
    }
}

/// Which format `text` is in, from its shape: `"format": "closer"` is
/// closer's; `metadata` with entries carrying `uuid` is Day One's; entries
/// with `title`/`body` are jrnl's.
pub fn sniff(text: &str) -> Result<Format, ParseError> {
    #[derive(serde::Deserialize)]
    struct Shape<'a> {
        format: Option<String>,
        metadata: Option<serde::de::IgnoredAny>,
        #[serde(borrow)]
        entries: Option<Vec<&'a RawValue>>,
    }
    #[derive(serde::Deserialize)]
    struct Keys {
        uuid: Option<serde::de::IgnoredAny>,
        title: Option<serde::de::IgnoredAny>,
        body: Option<serde::de::IgnoredAny>,
    }
    check_depth(text)?;
    let shape: Shape<'_> = serde_json::from_str(text).map_err(json_error)?;
    if let Some(format) = &shape.format {
        return if format == "closer" {
            Ok(Format::Closer)
        } else {
            Err(ParseError::new(format!(
                "this is a `{}` file, not a closer backup; `closer export --format json` writes backups (a `closer-report` is a summary and cannot be imported)",
                crate::text::terminal::one_line(format)
            )))
        };
    }
    let first = shape
        .entries
        .as_ref()
        .and_then(|e| e.first())
        .and_then(|raw| serde_json::from_str::<Keys>(raw.get()).ok());
    match first {
        Some(k) if shape.metadata.is_some() && k.uuid.is_some() => Ok(Format::Dayone),
        Some(k) if k.title.is_some() || k.body.is_some() => Ok(Format::Jrnl),
        _ => Err(ParseError::new(
            "closer cannot tell which format this file is in (closer, jrnl or Day One); say it with --format",
        )),
    }
}

/// How deeply closer lets JSON nest: serde_json's own limit. None of the
/// formats nests past 6; a file far deeper is hostile or broken.
pub const MAX_DEPTH: usize = 128;

/// Refuses JSON nested deeper than [`MAX_DEPTH`], wherever it is. serde_json
/// stops at that depth only where it builds values; the parts closer skips
/// (unknown fields, each record before it is parsed) it walks without a
/// limit, so the check is made here once, over the bytes.
pub fn check_depth(text: &str) -> Result<(), ParseError> {
    let (mut depth, mut line, mut in_string, mut escaped) = (0usize, 1usize, false, false);
    for &b in text.as_bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'\n' => line += 1,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ParseError::new(format!(
                        "the JSON is nested deeper than closer reads ({MAX_DEPTH} levels) at line {line}; this is not an export closer knows"
                    )));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Parses `text` as `format`, checking every record. Every id in the
/// result is unique: see [`dedupe`].
pub fn parse(text: &str, format: Format, options: ParseOptions) -> Result<Parsed, ParseError> {
    check_depth(text)?;
    let mut parsed = match format {
        Format::Closer => closer::parse(text),
        Format::Jrnl => jrnl::parse(text, options),
        Format::Dayone => dayone::parse(text, options),
    }?;
    dedupe(&mut parsed)?;
    Ok(parsed)
}

/// An entry repeated in a file (jrnl writes two identical entries the same;
/// a copy-paste in a hand-edited backup) is imported once. Two different
/// entries under one id are a broken file: refused, both named.
fn dedupe(parsed: &mut Parsed) -> Result<(), ParseError> {
    let mut first: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::with_capacity(parsed.records.len());
    let mut repeats = Vec::new();
    for (i, r) in parsed.records.iter().enumerate() {
        match first.get(r.id.as_str()) {
            None => {
                first.insert(r.id.as_str(), i);
            }
            Some(&j) if same_content(&parsed.records[j], r) => repeats.push(i),
            Some(&j) => {
                return Err(ParseError::new(format!(
                    "entries {} and {} have the same id {} but differ; nothing was imported: remove one",
                    j + 1,
                    i + 1,
                    r.id
                )));
            }
        }
    }
    if !repeats.is_empty() {
        parsed.warnings.push(format!(
            "{} entries appear twice in the file; each is imported once",
            repeats.len()
        ));
        let mut index = 0;
        let mut next = repeats.iter().peekable();
        parsed.records.retain(|_| {
            let drop = next.peek() == Some(&&index);
            if drop {
                next.next();
            }
            index += 1;
            !drop
        });
    }
    Ok(())
}

/// What an import does with one record, given the journal's copy of the
/// same entry (if any). The rule, documented in `docs/backup-format.md`:
/// - no copy: the record is added;
/// - the same content (text, answers, day, kind, mood, urge, flags, trash):
///   nothing changes, whatever the revisions, so a second import is a no-op;
/// - different content: the higher revision wins, then the later
///   `updated_at`; on a tie the journal's copy stays. When the record wins,
///   the journal's replaced text is kept as a copy in the trash, so an import
///   never silently loses words the user wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    Add,
    Same,
    Replace,
    KeepJournal,
}

pub fn merge(existing: Option<&Record>, incoming: &Record) -> Merge {
    let Some(old) = existing else {
        return Merge::Add;
    };
    if same_content(old, incoming) {
        return Merge::Same;
    }
    let newer = (incoming.revision, incoming.updated_at) > (old.revision, old.updated_at);
    if newer {
        Merge::Replace
    } else {
        Merge::KeepJournal
    }
}

/// Whether two versions of an entry say the same (ids, times and
/// revisions aside).
pub fn same_content(a: &Record, b: &Record) -> bool {
    a.text == b.text
        && a.sections == b.sections
        && a.day == b.day
        && a.kind == b.kind
        && a.mood == b.mood
        && a.urge == b.urge
        && a.private == b.private
        && a.discuss == b.discuss
        && a.deleted_at.is_some() == b.deleted_at.is_some()
}

/// The top of an export that is an object with an `entries` array (jrnl's
/// and Day One's): the entries kept raw, as [`entries_of`] takes them.
#[derive(serde::Deserialize)]
struct EntriesOnly<'a> {
    #[serde(borrow)]
    entries: Vec<&'a RawValue>,
}

/// Parses such an export: each entry is read on its own (its errors placed
/// on its line), turned into a record by `record`, and checked.
pub(crate) fn parse_entries<E: DeserializeOwned>(
    text: &str,
    format: Format,
    options: ParseOptions,
    record: impl Fn(usize, usize, E, ParseOptions) -> Result<Record, ParseError> + Sync,
) -> Result<Parsed, ParseError> {
    let top: EntriesOnly<'_> = serde_json::from_str(text).map_err(json_error)?;
    let records = records_of(&top.entries, text, |index, line, raw| {
        let e: E = record_from(index, line, raw)?;
        record(index, line, e, options)
    })?;
    Ok(Parsed {
        format,
        records,
        people: Vec::new(),
        warnings: Vec::new(),
    })
}

/// Entries to a thread, at least, when a file's records are parsed on
/// several: fewer are not worth a thread.
const ENTRIES_PER_THREAD: usize = 1_000;

/// Each raw entry of `text` made into a record by `make(index, line, raw)`
/// and checked, in file order. Every entry is parsed on its own, so a large
/// file's are split among the cores; a bad file fails with the error of
/// its first bad entry, as when read in one go.
pub(crate) fn records_of<'a>(
    raw: &'a [&'a RawValue],
    text: &'a str,
    make: impl Fn(usize, usize, &'a str) -> Result<Record, ParseError> + Sync,
) -> Result<Vec<Record>, ParseError> {
    let checked = |&(index, line, raw): &(usize, usize, &'a str)| {
        let record = make(index, line, raw)?;
        check_record(index, line, &record)?;
        Ok(record)
    };
    let located: Vec<(usize, usize, &str)> = entries_of(raw, text).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(8)
        .min(located.len() / ENTRIES_PER_THREAD)
        .max(1);
    if threads == 1 {
        return located.iter().map(checked).collect();
    }
    std::thread::scope(|scope| {
        let parts: Vec<_> = located
            .chunks(located.len().div_ceil(threads))
            .map(|part| scope.spawn(|| part.iter().map(checked).collect::<Result<Vec<_>, _>>()))
            .collect();
        let mut records = Vec::with_capacity(located.len());
        for part in parts {
            match part.join() {
                Ok(done) => records.extend(done?),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        Ok(records)
    })
}

/// The top of a file whose records are an `entries` array: each entry kept
/// as raw JSON so it can be parsed on its own and an error placed on its
/// line. Entries come in file order, so lines are counted once, onwards
/// from the entry before.
pub(crate) fn entries_of<'a>(
    raw: &'a [&'a RawValue],
    text: &'a str,
) -> impl Iterator<Item = (usize, usize, &'a str)> + 'a {
    let (mut offset, mut line) = (0usize, 1usize);
    raw.iter().enumerate().map(move |(i, r)| {
        let slice = r.get();
        let at = offset_in(text, slice).max(offset);
        line += count_lines(&text.as_bytes()[offset..at]);
        offset = at;
        (i + 1, line, slice)
    })
}

/// Where `part`, a slice of `whole`, starts in it.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(whole.as_ptr() as usize)
        .min(whole.len())
}

fn count_lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// The line (from 1) where `part`, a slice of `whole`, starts.
#[cfg(test)]
fn line_of(whole: &str, part: &str) -> usize {
    count_lines(&whole.as_bytes()[..offset_in(whole, part)]) + 1
}

/// Parses one record's JSON, placing a serde error on the file's line.
pub(crate) fn record_from<T: DeserializeOwned>(
    index: usize,
    line: usize,
    raw: &str,
) -> Result<T, ParseError> {
    serde_json::from_str(raw).map_err(|e| {
        // serde_json counts lines within the record; the record starts at `line`.
        let at = line + e.line().saturating_sub(1);
        ParseError::record(index, at, strip_position(&e))
    })
}

/// A whole-file JSON error, said plainly.
pub(crate) fn json_error(e: serde_json::Error) -> ParseError {
    let message = e.to_string();
    if message.contains("recursion limit") {
        return ParseError::new(format!(
            "the JSON is nested deeper than closer reads (128 levels), at line {} column {}; this is not an export closer knows",
            e.line(),
            e.column()
        ));
    }
    match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            ParseError::new(format!(
                "this is not valid JSON: {} at line {} column {}",
                strip_position(&e),
                e.line(),
                e.column()
            ))
        }
        _ => ParseError::new(format!(
            "the file's shape is not an export closer knows: {} at line {}",
            strip_position(&e),
            e.line()
        )),
    }
}

/// serde_json's message without its " at line L column C" (said by the
/// caller with the file's own line).
fn strip_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    }
}

/// Checks what the store would refuse, naming the record.
pub(crate) fn check_record(index: usize, line: usize, r: &Record) -> Result<(), ParseError> {
    let fail = |e: crate::Error| ParseError::record(index, line, e);
    check_size(&r.text).map_err(fail)?;
    for s in &r.sections {
        check_size(&s.answer).map_err(fail)?;
    }
    if r.kind != EntryKind::Checkin && r.text.trim().is_empty() {
        return Err(ParseError::record(index, line, "the entry has no text"));
    }
    r.mood.map(check_mood).transpose().map_err(fail)?;
    r.urge.map(check_urge).transpose().map_err(fail)?;
    if r.revision < 1 {
        return Err(ParseError::record(
            index,
            line,
            format!(
                "revision {} is not a revision (they count from 1)",
                r.revision
            ),
        ));
    }
    Ok(())
}

/// A stable UUID (version 8) from `parts`, for formats whose entries carry
/// no id: the same entry imported twice gets the same id, so the second
/// import changes nothing. FNV-1a over 128 bits: not secret, only stable.
pub fn stable_id(parts: &[&str]) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    for part in parts {
        // The length first, so ("ab", "c") and ("a", "bc") differ.
        for b in (part.len() as u64)
            .to_le_bytes()
            .iter()
            .chain(part.as_bytes())
        {
            hash ^= u128::from(*b);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    uuid::Uuid::new_v8(hash.to_be_bytes()).to_string()
}

/// Adds `#tag` for each tag not already marked in `text`, on a last line,
/// so tags from another app become closer tags (which live in the text).
pub(crate) fn append_tags(text: &mut String, tags: &[String]) {
    let have = crate::text::mentions::tags(text);
    let missing: Vec<String> = tags
        .iter()
        .map(|t| tag_word(t))
        .filter(|t| !t.is_empty() && !have.contains(&t.to_lowercase()))
        .fold(Vec::new(), |mut acc, t| {
            if !acc.iter().any(|a: &String| a.eq_ignore_ascii_case(&t)) {
                acc.push(t);
            }
            acc
        });
    if missing.is_empty() {
        return;
    }
    let line: Vec<String> = missing.iter().map(|t| format!("#{t}")).collect();
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(&line.join(" "));
}

/// A tag as one closer tag word: its marker dropped, spaces made hyphens,
/// anything else that cannot be in a tag dropped.
fn tag_word(tag: &str) -> String {
    tag.trim()
        .trim_start_matches(['#', '@'])
        .chars()
        .map(|c| if c.is_whitespace() { '-' } else { c })
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_ids_are_stable_and_distinct() {
        let a = stable_id(&["2026-01-05", "21:30", "hello"]);
        assert_eq!(a, stable_id(&["2026-01-05", "21:30", "hello"]));
        assert_ne!(a, stable_id(&["2026-01-05", "21:3", "0hello"]));
        assert!(uuid::Uuid::parse_str(&a).is_ok());
    }

    #[test]
    fn sniffing_tells_the_formats_apart() {
        assert_eq!(
            sniff(r#"{"format":"closer","version":1,"entries":[]}"#),
            Ok(Format::Closer)
        );
        assert_eq!(
            sniff(r#"{"tags":{},"entries":[{"title":"a","body":""}]}"#),
            Ok(Format::Jrnl)
        );
        assert_eq!(
            sniff(r#"{"metadata":{},"entries":[{"uuid":"AB","text":""}]}"#),
            Ok(Format::Dayone)
        );
        assert!(sniff(r#"{"entries":[]}"#).is_err());
        assert!(sniff(r#"{"format":"closer-report"}"#).is_err());
    }

    #[test]
    fn deep_nesting_is_refused_wherever_it_is() {
        let deep = format!(
            "{{\"x\": {}{}, \"s\": \"[[[\"}}",
            "[".repeat(200),
            "]".repeat(200)
        );
        let err = check_depth(&deep).expect_err("too deep");
        assert!(err.message.contains("nested deeper"), "{err}");
        let fine = format!("{{\"s\": \"{}\\\"\"}}", "[".repeat(200));
        assert!(
            check_depth(&fine).is_ok(),
            "brackets in strings do not count"
        );
    }

    #[test]
    fn lines_are_counted_from_one() {
        let text = "a\nb\nc";
        assert_eq!(line_of(text, &text[0..1]), 1);
        assert_eq!(line_of(text, &text[4..5]), 3);
    }

    #[test]
    fn tags_are_appended_once() {
        let mut t = "Went out #work".to_string();
        append_tags(&mut t, &["work".into(), "two words".into(), "@Home".into()]);
        assert_eq!(t, "Went out #work\n\n#two-words #Home");
    }
}
