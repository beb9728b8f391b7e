//! Rule files: the TOML schema, the phrase mini-language, and the errors a
//! rule file can produce.
//!
//! A rule file looks like this (all keys but `id`, `label` and one of
//! `phrases`/`regex` are optional):
//!
//! ```toml
//! family = "signs"                 # default family for the rules below
//! disable = ["curt-reply/fine"]    # built-in rule ids to switch off
//!
//! [[rule]]
//! id = "ignored-contact/left-on-read"
//! label = "ignored-contact"        # or "signs/ignored-contact"
//! phrases = ["left <who> on (read|unread)", "(leave~|keep leaving) .. on read"]
//! regex = ['(?i)\bghost(ed|ing)\b']
//! anchors = ["ghosted", "ghosting"] # for regex: words one of which every
//!                                  # match holds (a stem ends in *); the
//!                                  # regex then runs only where one is
//! subject = "author"               # author | other | any
//! negation = "cancels"             # cancels | ignore
//! mood = "actual"                  # actual | any
//! requires = ["<person>"]          # one must occur in the same sentence
//! unless = ["spam", "cold caller"] # none may occur in the same sentence
//! within = "sentence"              # or "entry": where requires/unless look
//! with_label = ["triggers/conflict"]   # the entry must have one of these
//! without_label = ["signs/sabotage"]   # the entry must have none of these
//! without_label_in_sentence = ["signs/curt-reply"] # nor may its sentence
//! ```
//!
//! Phrases are case-insensitive and compile to regexes with ASCII word
//! boundaries (see [`compile_phrase`]). This module only turns text into
//! [`RuleSpec`]s; compiling them into a matcher is `matcher`'s job.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::Family;
use super::catalog::Catalog;
use super::phrase::{self, Node, RunKind};

/// Longest pattern source a user may write; longer ones are almost always a
/// mistake and make compile time unpredictable.
pub const MAX_PATTERN_LEN: usize = 2_000;

/// Compiled-size budget of one user regex (bytes of NFA), so a pathological
/// repetition fails with a clear error instead of stalling startup.
pub const MAX_REGEX_SIZE: usize = 512 * 1024;

/// What is wrong with a rule file, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}{col}: {message}", col = column.map(|c| format!(":{c}")).unwrap_or_default())]
pub struct RuleFileError {
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, when known.
    pub column: Option<usize>,
    pub message: String,
}

impl RuleFileError {
    pub(crate) fn at(
        file: &str,
        contents: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = line_col(contents, offset);
        RuleFileError {
            file: file.to_string(),
            line,
            column: Some(column),
            message: message.into(),
        }
    }
}

/// 1-based line and column (in chars) of a byte offset.
pub fn line_col(contents: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(contents.len());
    while !contents.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &contents[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Who must be the subject of the matched words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Subject {
    /// The author: "I", "we", or note style with no subject at all.
    Author,
    /// Someone other than the author.
    Other,
    /// Anyone.
    Any,
}

/// What a negation or near-miss before the match does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Negation {
    /// "didn't", "almost", "managed not to" before the match cancel it.
    Cancels,
    /// Negation is not checked (the phrase carries its own).
    Ignore,
}

/// Whether intentions, hypotheticals and past habits cancel the match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mood {
    /// Only what actually happened: "might", "going to", "if", "used to" cancel.
    Actual,
    /// Thoughts and safety language count however they are phrased.
    Any,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    family: Option<Spanned<String>>,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    family: Option<Spanned<String>>,
    label: Spanned<String>,
    #[serde(default)]
    phrases: Vec<Spanned<String>>,
    #[serde(default)]
    regex: Vec<Spanned<String>>,
    /// For `regex`: words one of which every match holds.
    #[serde(default)]
    anchors: Vec<Spanned<String>>,
    subject: Option<Subject>,
    negation: Option<Negation>,
    mood: Option<Mood>,
    #[serde(default)]
    requires: Vec<Spanned<String>>,
    #[serde(default)]
    unless: Vec<Spanned<String>>,
    within: Option<Scope>,
    #[serde(default)]
    with_label: Vec<Spanned<String>>,
    #[serde(default)]
    without_label: Vec<Spanned<String>>,
    #[serde(default)]
    without_label_in_sentence: Vec<Spanned<String>>,
}

/// Where `requires` and `unless` look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Sentence,
    Entry,
}

/// One pattern: its regex source and, when the phrase guarantees one, the
/// literal words ("anchors") of which every match contains at least one.
/// The engine finds anchors in one pass over the words and only tries the
/// pattern on sentences that hold one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Pattern {
    /// The regex; left out of the generated image (`compiled.rs`) for a phrase, whose
    /// regex [`Pattern::source`] makes again when it is needed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub src: String,
    /// Lower-case literals matched as whole words, or as word prefixes when
    /// they end in `*`; `None` means the pattern must be tried everywhere.
    pub anchors: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Further words every match holds: each inner list is a choice of
    /// which one of its words is present. The engine skips a sentence that
    /// has the anchor but lacks the rest of the phrase, which is most of
    /// them: measured on the dev corpus, this cut the regexes run per
    /// sentence from 11 to 3. Only the most frequent words are left out.
    pub also: Vec<Vec<String>>,
    /// Words one of which every match starts with, when the phrase fixes
    /// that: the engine then tries the pattern only where such a word
    /// begins, instead of searching the whole sentence.
    pub leading: Option<Vec<String>>,
    /// The phrase this pattern was compiled from (none for a raw regex):
    /// the engine runs it with the phrase matcher instead of the regex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrase: Option<String>,
}

impl Pattern {
    /// The regex source, made from the phrase when it was left out.
    pub fn source(&self) -> String {
        regex_source(&self.src, self.phrase.as_deref())
    }
}

/// A pattern's regex: `src` as given, or made from the phrase when left out.
pub fn regex_source(src: &str, phrase: Option<&str>) -> String {
    match phrase {
        Some(phrase) if src.is_empty() => compile_phrase(phrase).unwrap_or_default(),
        _ => src.to_string(),
    }
}

/// One rule, validated, with its patterns translated to regex source.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RuleSpec {
    pub id: String,
    pub family: Family,
    pub label: String,
    /// The patterns that find candidate spans (left out of an
    /// [`super::image::Image`], which numbers their words).
    pub patterns: Vec<Pattern>,
    pub subject: Subject,
    pub negation: Negation,
    pub mood: Mood,
    /// Phrases; at least one must match in the sentence (if any given).
    pub requires: Vec<String>,
    /// Phrases; none may match in the sentence.
    pub unless: Vec<String>,
    /// Where `requires` and `unless` look: the sentence (default) or the entry.
    pub within: Scope,
    /// The entry must also have one of these labels from another rule
    /// (e.g. `avoided-conflict` phrased as "went to bed" needs a `conflict`).
    pub with_label: Vec<(Family, String)>,
    /// The entry must have none of these labels.
    pub without_label: Vec<(Family, String)>,
    /// The sentence of the match must hold none of these labels: "I replied
    /// 'ya'" is a curt reply, so it is not also reaching out.
    pub without_label_in_sentence: Vec<(Family, String)>,
    /// Where the rule came from, for messages.
    pub origin: String,
}

/// A parsed rule file: its rules and the built-in ids it switches off.
#[derive(Debug, Clone, Default)]
pub struct ParsedFile {
    pub rules: Vec<RuleSpec>,
    /// Ids to switch off, with the byte offset of each for messages.
    pub disable: Vec<(String, usize)>,
}

/// Defaults that follow the catalog's labelling rules for each family.
fn defaults(family: Family) -> (Subject, Negation, Mood) {
    match family {
        Family::Sign | Family::Step => (Subject::Author, Negation::Cancels, Mood::Actual),
        Family::Trigger => (Subject::Any, Negation::Cancels, Mood::Actual),
        Family::Thought => (Subject::Any, Negation::Cancels, Mood::Any),
        Family::Safety => (Subject::Author, Negation::Cancels, Mood::Any),
    }
}

/// Parses one rule file. Rules with errors are skipped and reported; the good
/// rules of the same file are still returned, so one typo does not silently
/// drop a whole file. `user` tightens limits on regex size.
pub fn parse_file(
    file: &str,
    contents: &str,
    catalog: &Catalog,
    user: bool,
) -> (ParsedFile, Vec<RuleFileError>) {
    let mut errors = Vec::new();
    let raw: RawFile = match toml::from_str(contents) {
        Ok(r) => r,
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            let msg = e.message().trim().to_string();
            errors.push(RuleFileError::at(file, contents, offset, msg));
            // One bad rule should not cost the others: if the file is valid
            // TOML, keep every rule table that does match the schema.
            match salvage_rules(contents) {
                Some(raw) => raw,
                None => return (ParsedFile::default(), errors),
            }
        }
    };
    let file_family = match &raw.family {
        None => None,
        Some(f) => match Family::parse(f.get_ref()) {
            Some(fam) => Some(fam),
            None => {
                errors.push(RuleFileError::at(
                    file,
                    contents,
                    f.span().start,
                    format!(
                        "unknown family '{}' (expected signs, triggers, thoughts, steps or safety)",
                        f.get_ref()
                    ),
                ));
                return (ParsedFile::default(), errors);
            }
        },
    };
    let mut parsed = ParsedFile {
        disable: raw
            .disable
            .iter()
            .map(|d| (d.get_ref().trim().to_string(), d.span().start))
            .collect(),
        rules: Vec::new(),
    };
    let mut seen_ids: Vec<String> = Vec::new();
    for spanned in &raw.rule {
        let rule = spanned.get_ref();
        let at = |offset: usize, msg: String| RuleFileError::at(file, contents, offset, msg);
        let id = rule.id.get_ref().trim().to_string();
        if id.is_empty() {
            errors.push(at(rule.id.span().start, "rule id is empty".into()));
            continue;
        }
        if seen_ids.contains(&id) {
            errors.push(at(
                rule.id.span().start,
                format!("duplicate rule id '{id}'"),
            ));
            continue;
        }
        // The label may carry its family: "signs/curt-reply".
        let label_text = rule.label.get_ref().trim();
        let (label_family, label) = match label_text.split_once('/') {
            Some((f, l)) => match Family::parse(f) {
                Some(fam) => (Some(fam), l.to_string()),
                None => {
                    errors.push(at(
                        rule.label.span().start,
                        format!("unknown family '{f}' in label '{label_text}'"),
                    ));
                    continue;
                }
            },
            None => (None, label_text.to_string()),
        };
        let explicit = match &rule.family {
            None => None,
            Some(f) => match Family::parse(f.get_ref()) {
                Some(fam) => Some(fam),
                None => {
                    errors.push(at(
                        f.span().start,
                        format!("unknown family '{}'", f.get_ref()),
                    ));
                    continue;
                }
            },
        };
        let Some(family) = label_family.or(explicit).or(file_family) else {
            errors.push(at(
                rule.label.span().start,
                format!("rule '{id}' has no family: write label = \"signs/{label}\" or set family"),
            ));
            continue;
        };
        if catalog.get(family, &label).is_none() {
            errors.push(at(
                rule.label.span().start,
                format!("'{label}' is not a label of {family} in the catalog"),
            ));
            continue;
        }
        if rule.phrases.is_empty() && rule.regex.is_empty() {
            errors.push(at(
                spanned.span().start,
                format!("rule '{id}' has neither phrases nor regex"),
            ));
            continue;
        }
        let mut patterns = Vec::new();
        let mut ok = true;
        for p in &rule.phrases {
            match compile_phrase_anchored(p.get_ref())
                .and_then(|pat| check_regex(&pat.src, user).map(|_| pat))
            {
                Ok(pat) => patterns.push(pat),
                Err(msg) => {
                    errors.push(at(
                        p.span().start,
                        format!("phrase \"{}\": {msg}", p.get_ref()),
                    ));
                    ok = false;
                }
            }
        }
        let mut regex_anchors: Vec<String> = Vec::new();
        for a in &rule.anchors {
            let word = a.get_ref().trim().to_lowercase();
            let bare = word.strip_suffix('*').unwrap_or(&word);
            if bare.is_empty() || !bare.chars().all(char::is_alphanumeric) {
                errors.push(at(
                    a.span().start,
                    format!(
                        "anchor \"{}\": write one word of letters or digits, with * after a stem",
                        a.get_ref()
                    ),
                ));
                ok = false;
            } else {
                regex_anchors.push(word);
            }
        }
        if !rule.anchors.is_empty() && rule.regex.is_empty() {
            errors.push(at(
                spanned.span().start,
                format!(
                    "rule '{id}': anchors only apply to regex patterns (phrases find their own)"
                ),
            ));
            ok = false;
        }
        for r in &rule.regex {
            let src = ascii_boundaries(r.get_ref());
            match check_regex(&src, user) {
                Ok(()) => patterns.push(Pattern {
                    src,
                    anchors: (!regex_anchors.is_empty()).then(|| regex_anchors.clone()),
                    also: Vec::new(),
                    leading: None,
                    phrase: None,
                }),
                Err(msg) => {
                    errors.push(at(r.span().start, format!("regex: {msg}")));
                    ok = false;
                }
            }
        }
        let mut context = |list: &[Spanned<String>], what: &str| -> Vec<String> {
            let mut out = Vec::new();
            for p in list {
                match compile_phrase(p.get_ref())
                    .and_then(|src| check_regex(&src, user).map(|_| src))
                {
                    Ok(_) => out.push(p.get_ref().trim().to_string()),
                    Err(msg) => {
                        errors.push(at(
                            p.span().start,
                            format!("{what} \"{}\": {msg}", p.get_ref()),
                        ));
                        ok = false;
                    }
                }
            }
            out
        };
        let requires = context(&rule.requires, "requires");
        let unless = context(&rule.unless, "unless");
        let mut labels = |list: &[Spanned<String>]| -> Vec<(Family, String)> {
            let mut out = Vec::new();
            for l in list {
                let text = l.get_ref().trim();
                let parsed = text.split_once('/').and_then(|(f, id)| {
                    Family::parse(f)
                        .filter(|fam| catalog.get(*fam, id).is_some())
                        .map(|fam| (fam, id.to_string()))
                });
                match parsed {
                    Some(p) => out.push(p),
                    None => {
                        errors.push(at(
                            l.span().start,
                            format!("'{text}' is not a catalog label (write family/label, e.g. triggers/conflict)"),
                        ));
                        ok = false;
                    }
                }
            }
            out
        };
        let with_label = labels(&rule.with_label);
        let without_label = labels(&rule.without_label);
        let without_label_in_sentence = labels(&rule.without_label_in_sentence);
        if !ok {
            continue;
        }
        let (subject, negation, mood) = defaults(family);
        seen_ids.push(id.clone());
        parsed.rules.push(RuleSpec {
            id,
            family,
            label,
            patterns,
            subject: rule.subject.unwrap_or(subject),
            negation: rule.negation.unwrap_or(negation),
            mood: rule.mood.unwrap_or(mood),
            requires,
            unless,
            within: rule.within.unwrap_or(Scope::Sentence),
            with_label,
            without_label,
            without_label_in_sentence,
            origin: file.to_string(),
        });
    }
    (parsed, errors)
}

#[derive(Debug, Deserialize)]
struct LooseFile {
    family: Option<Spanned<String>>,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    rule: Vec<Spanned<toml::Table>>,
}

/// Re-reads a file whose typed parse failed: each `[[rule]]` table is parsed
/// on its own (from its slice of the source, so spans stay exact) and the
/// ones that fail are dropped; their error was already reported.
fn salvage_rules(contents: &str) -> Option<RawFile> {
    let loose: LooseFile = toml::from_str(contents).ok()?;
    let mut rules = Vec::new();
    // toml reports the span of an array-of-tables element as its `[[rule]]`
    // header only; a rule's text runs from its header to the next one.
    let starts: Vec<usize> = loose.rule.iter().map(|t| t.span().start).collect();
    for (k, start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(contents.len());
        let Some(slice) = contents.get(*start..end) else {
            continue;
        };
        // Pad with spaces so offsets inside the slice equal file offsets.
        let text = format!("{}{}", " ".repeat(*start), slice);
        if let Ok(one) = toml::from_str::<RawFile>(&text) {
            rules.extend(one.rule);
        }
    }
    Some(RawFile {
        family: loose.family,
        disable: loose.disable,
        rule: rules,
    })
}

/// Compiles a regex source once to catch syntax errors and size blow-ups at
/// load time rather than at detect time.
fn check_regex(src: &str, user: bool) -> Result<(), String> {
    if !user {
        // Built-in rules: compiled by the engine (lazily) and by the tests;
        // compiling ~900 regexes here would double start-up time.
        return Ok(());
    }
    if src.len() > MAX_PATTERN_LEN * 8 {
        return Err(format!(
            "pattern too long (over {MAX_PATTERN_LEN} characters)"
        ));
    }
    regex::RegexBuilder::new(src)
        .size_limit(MAX_REGEX_SIZE)
        .build()
        .map(|_| ())
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(n) => {
                format!("pattern too large once compiled (limit {n} bytes); simplify repetitions")
            }
            other => other.to_string(),
        })
}

/// Rewrites `\b` and `\B` to their ASCII forms. Unicode word boundaries stop
/// the regex crate's DFA and make the whole set crawl (~0.3 MB/s), so no
/// pattern the engine compiles may contain one.
pub fn ascii_boundaries(src: &str) -> String {
    let mut out = String::with_capacity(src.len() + 16);
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some('B') => out.push_str("(?-u:\\B)"),
                Some(d) => {
                    out.push('\\');
                    out.push(d);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    // User regexes are case-insensitive unless they set their own flags.
    if src.starts_with("(?") && !src.starts_with("(?:") && !src.starts_with("(?P") {
        out
    } else {
        format!("(?i){out}")
    }
}

const B: &str = "(?-u:\\b)";
/// Whitespace between words; a line break inside a sentence is still a space.
const SP: &str = "\\s+";
/// One word for the gap tokens: no spaces and no sentence punctuation.
const WORD: &str = "[^\\s.!?;]+";

/// Phrase mini-language, compiled to regex source:
///
/// - words match case-insensitively on ASCII word boundaries; whitespace
///   between words matches any run of whitespace;
/// - `'` matches a straight or curly apostrophe or none ("didnt");
///   `-` inside a word matches a hyphen, a space or nothing;
/// - `didn't`, `haven't`, `can't` ... also match "did not" and friends;
/// - `word~` matches the inflections: `ignore~` is ignore, ignores,
///   ignored, ignoring; irregular verbs know their forms (`leave~` has left);
///   `stem*` matches the stem followed by any letters (`argu*`);
/// - `(a|b c)` are alternatives (each a phrase); `(...)?` is optional;
///   an alternative starting with an apostrophe joins the word before it,
///   so `I (had|'ve got)` matches "I've got";
/// - `_` is any one word, `..` up to two words, `...` up to four;
/// - `<who>` a person or pronoun object ("him", "my sister", "Sam");
///   `<whose>` a possessive ("her", "Sam's", "my mum's"); `<q>` an optional
///   quote mark; `<person>` someone other than the author in any case form.
pub fn compile_phrase(phrase: &str) -> Result<String, String> {
    compile_phrase_anchored(phrase).map(|p| p.src)
}

/// [`compile_phrase`], plus the anchors of the phrase.
pub fn compile_phrase_anchored(phrase: &str) -> Result<Pattern, String> {
    let phrase = phrase.trim();
    if phrase.is_empty() {
        return Err("empty phrase".into());
    }
    if phrase.len() > MAX_PATTERN_LEN {
        return Err(format!(
            "phrase too long (over {MAX_PATTERN_LEN} characters)"
        ));
    }
    let (body, groups, leading, _) = parse_whole(phrase, Want::All)?;
    let anchors = best_anchors(groups.clone());
    let also = groups
        .into_iter()
        .filter(|g| Some(g) != anchors.as_ref() && worth_looking_for(g))
        .collect();
    Ok(Pattern {
        src: format!("(?i){body}"),
        anchors,
        also,
        leading,
        phrase: Some(phrase.to_string()),
    })
}

/// The phrase as steps for the phrase matcher (see [`super::phrase`]),
/// matching what [`compile_phrase`]'s regex matches.
pub fn phrase_program(phrase: &str) -> Result<Node, String> {
    parse_whole(phrase.trim(), Want::Steps).map(|(_, _, _, node)| node)
}

/// Parses a whole phrase, its punctuation marks spelt out and its
/// contractions joined first (see [`expand_punctuation`] and
/// [`join_contractions`]). An error is reported against the phrase as the
/// user wrote it, so its character positions are theirs.
fn parse_whole(phrase: &str, want: Want) -> Result<Seq, String> {
    let parse = |text: &str| -> Result<Seq, String> {
        let chars: Vec<char> = text.chars().collect();
        let mut pos = 0;
        let seq = parse_seq(&chars, &mut pos, 0, want)?;
        match chars.get(pos) {
            Some(c) => Err(format!("unexpected '{c}' at character {}", pos + 1)),
            None => Ok(seq),
        }
    };
    let joined = join_contractions(&expand_punctuation(phrase));
    if joined == phrase {
        return parse(phrase);
    }
    parse(&joined).map_err(|e| parse(phrase).err().unwrap_or(e))
}

/// "I (had|'ve got) it covered": an alternative that starts with an
/// apostrophe is the end of the word before it ("I've got"), which the
/// space between the pieces would otherwise keep apart, so the phrase never
/// matched "I've". The word before (or a group of plain words) is carried
/// into the group: "(I had|I've got) it covered", and "(he|she) ('d|would)"
/// becomes "(he'd|he would|she'd|she would)". A group marked optional, or
/// one after a gap, `<who>` or an inflected word, is left as written.
fn join_contractions(phrase: &str) -> String {
    let mut out = join_glued(phrase);
    let mut from = 0;
    while let Some(rel) = out[from..].find(" (") {
        let open = from + rel + 1;
        from = open + 1;
        let Some(close_rel) = out[open + 1..].find([')', '(']) else {
            break;
        };
        let close = open + 1 + close_rel;
        if out.as_bytes()[close] != b')' || out[close + 1..].starts_with('?') {
            continue;
        }
        let alts: Vec<&str> = out[open + 1..close].split('|').map(str::trim).collect();
        if !alts
            .iter()
            .any(|a| a.starts_with('\'') || a.starts_with('’'))
        {
            continue;
        }
        let plain = |w: &String| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | ' '))
        };
        let Some((prev_start, prevs)) = piece_before(&out, open - 1) else {
            continue;
        };
        if !prevs.iter().all(plain) {
            continue;
        }
        let mut joined = Vec::new();
        for p in &prevs {
            for a in &alts {
                if a.starts_with('\'') || a.starts_with('’') {
                    joined.push(format!("{p}{a}"));
                } else {
                    joined.push(format!("{p} {a}"));
                }
            }
        }
        let replacement = format!("({})", joined.join("|"));
        out.replace_range(prev_start..close + 1, &replacement);
        from = prev_start + replacement.len();
    }
    out
}

/// The piece of a phrase that ends at byte `end`, for the rewrites above
/// and below: a group "(a|b)" as its alternatives, or else the bare word,
/// with the byte where it starts. `None` for a group that holds another.
fn piece_before(phrase: &str, end: usize) -> Option<(usize, Vec<String>)> {
    let before = &phrase[..end];
    if let Some(inner) = before.strip_suffix(')') {
        let open = inner.rfind('(')?;
        if inner[open + 1..].contains(')') {
            return None;
        }
        let alts = inner[open + 1..]
            .split('|')
            .map(|a| a.trim().to_string())
            .collect();
        return Some((open, alts));
    }
    let start = before.rfind([' ', '(', '|']).map_or(0, |i| i + 1);
    Some((start, vec![before[start..].to_string()]))
}

/// "didn't go[.,!;]": a word (or a group of plain words) followed by a
/// bracket of punctuation marks ends with one of them. The pieces of a
/// phrase had no such class: the bracket was read as part of the word, so
/// the phrase could never match. It is spelt out as alternatives of the
/// word with each mark ("(didn't|did not) (go.|go,|go!|go;)"), which the
/// rest of the parser already reads: a word that ends in a mark needs no
/// word boundary after it.
fn expand_punctuation(phrase: &str) -> String {
    let mut out = phrase.to_string();
    let mut from = 0;
    while let Some(rel) = out[from..].find('[') {
        let open = from + rel;
        from = open + 1;
        let Some(close_rel) = out[open..].find(']') else {
            break;
        };
        let close = open + close_rel;
        let marks: Vec<char> = out[open + 1..close].chars().collect();
        let punctuation_only = !marks.is_empty() && marks.iter().all(|c| ".,!?;:".contains(*c));
        let quantified = out[close + 1..].starts_with(['*', '+', '?', '$']);
        if !punctuation_only || quantified || open == 0 {
            continue;
        }
        let Some((start, alts)) = piece_before(&out, open) else {
            continue;
        };
        if alts
            .iter()
            .any(|a| a.is_empty() || a.starts_with('<') || a.contains(['~', '*', '_']))
        {
            continue;
        }
        let spelled: Vec<String> = alts
            .iter()
            .flat_map(|a| marks.iter().map(move |m| format!("{a}{m}")))
            .collect();
        let replacement = format!("({})", spelled.join("|"));
        out.replace_range(start..close + 1, &replacement);
        from = start + replacement.len();
    }
    out
}

/// "I('ve| have)? been": a group written straight after a word, with no
/// space, continues that word. Parsed as written, the word and the group
/// were two words, so "I've" never matched. The word is carried into each
/// alternative ("I've", "I have" for one that starts with a space, "were"
/// for `we(re)`), and an optional group also keeps the bare word:
/// "(I've|I have|I) been".
fn join_glued(phrase: &str) -> String {
    let mut out = phrase.to_string();
    let mut from = 0;
    while let Some(rel) = out[from..].find('(') {
        let open = from + rel;
        from = open + 1;
        let glued = out[..open]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '\'' | '’'));
        if !glued {
            continue;
        }
        let Some(close_rel) = out[open + 1..].find([')', '(']) else {
            break;
        };
        let close = open + 1 + close_rel;
        if out.as_bytes()[close] != b')' {
            continue;
        }
        // Glued to a letter, the piece before is a bare word.
        let Some((start, mut word)) = piece_before(&out, open) else {
            continue;
        };
        let word = word.pop().unwrap_or_default();
        let optional = out[close + 1..].starts_with('?');
        let mut joined: Vec<String> = out[open + 1..close]
            .split('|')
            .map(|a| format!("{word}{a}"))
            .collect();
        if optional {
            joined.push(word);
        }
        let end = close + 1 + usize::from(optional);
        let replacement = format!("({})", joined.join("|"));
        out.replace_range(start..end, &replacement);
        from = start + replacement.len();
    }
    out
}

type Anchors = Option<Vec<String>>;

/// Required word groups of a sequence: every match holds one word of each.
type Groups = Vec<Vec<String>>;

/// True when no word of the group is so frequent that finding it would
/// tell nothing (and cost a hit at every other word of the text).
fn worth_looking_for(group: &[String]) -> bool {
    !group.is_empty()
        && group.iter().all(|w| {
            let bare = w.trim_end_matches('*');
            bare.len() >= 2 && !matches!(bare, "a" | "i" | "the" | "and" | "to")
        })
}

/// A form without the mark a phrase put after it ("can't." from
/// "(can't|cannot)[.,!;]"): the mark is not part of the word, so "cant."
/// still anchors on "cant" and stays a contraction.
fn without_mark(form: &str) -> &str {
    form.trim_end_matches(['.', ',', '!', ';', ':', '?'])
}

/// The literal runs that every match of one word form contains: the longest
/// run of letters (apostrophes and hyphens are the optional parts), or for a
/// "n't" contraction the stem its long form shares ("did" for didn't).
fn word_anchors(form: &str) -> Vec<String> {
    let lower = form.to_lowercase().replace('’', "'");
    let lower = without_mark(&lower);
    match lower {
        "can't" => return vec!["can*".into()],
        "won't" => return vec!["won*".into(), "will".into()],
        "shan't" => return vec!["shan*".into(), "shall".into()],
        _ => {}
    }
    if let Some(stem) = lower.strip_suffix("n't")
        && !stem.is_empty()
    {
        // "did" is followed by "n't" in one form: a prefix anchor.
        return vec![format!("{stem}*")];
    }
    let best = lower
        .split(|c: char| !c.is_alphanumeric())
        .max_by_key(|run| run.len())
        .unwrap_or("");
    // A hyphen or an apostrophe also matches nothing ("nit-pick" is written
    // "nitpick", "she's" is written "shes"), and then the longest part is not
    // a word of its own: the joined form is a second anchor. (Not the first
    // part as a prefix: "in-laws" would make every word starting "in" a
    // candidate.)
    let joined: String = lower.chars().filter(|&c| c != '-' && c != '\'').collect();
    if joined != lower && joined.chars().all(char::is_alphanumeric) {
        return vec![best.to_string(), joined];
    }
    vec![best.to_string()]
}

/// Words so frequent in journals that anchoring on them filters nothing.
const COMMON: &[&str] = &[
    "a", "about", "after", "all", "an", "and", "are", "as", "ask", "asked", "asking", "asks", "at",
    "back", "be", "been", "but", "day", "did", "do", "down", "first", "for", "get", "got", "had",
    "have", "he", "her", "him", "his", "i", "in", "is", "it", "just", "let", "me", "my", "no",
    "not", "of", "on", "one", "out", "people", "said", "say", "says", "she", "so", "tell", "that",
    "the", "them", "then", "they", "thing", "things", "time", "to", "told", "up", "us", "want",
    "wanted", "was", "we", "week", "went", "what", "when", "with", "you", "your",
];

/// Picks the anchors of a sequence: the solid item whose words are rarest,
/// judged by avoiding very common words first and then by length.
fn best_anchors(candidates: Groups) -> Anchors {
    candidates
        .into_iter()
        .filter(|a| !a.is_empty() && a.iter().all(|s| !s.is_empty()))
        .max_by_key(|a| {
            let common = a.iter().filter(|w| COMMON.contains(&w.as_str())).count();
            let shortest = a.iter().map(String::len).min().unwrap_or(0);
            (
                shortest >= 3,
                std::cmp::Reverse(common),
                shortest.min(6),
                std::cmp::Reverse(a.len()),
            )
        })
}

#[derive(Debug)]
enum Item {
    /// A piece that must be separated from its neighbours by whitespace,
    /// with the anchors it guarantees (if any) and those it starts with.
    Solid(String, Anchors, Anchors, Node),
    /// An optional piece, with the anchors it starts with (if any).
    Optional(String, Anchors, Node),
    /// A run of up to n words, each carrying its trailing whitespace.
    Gap(u8),
    /// An optional quote mark, glued to its neighbours by optional space.
    Quote,
}

/// A parsed sequence: its regex source, the word groups every match holds,
/// the words one of which every match starts with, and its steps.
type Seq = (String, Groups, Anchors, Node);

/// What a parse is for: the regex and anchors too, or only the steps of
/// the phrase matcher (as a check is first run: making the regex and the
/// anchors of every word was most of that).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    All,
    Steps,
}

fn parse_seq(chars: &[char], pos: &mut usize, depth: usize, want: Want) -> Result<Seq, String> {
    if depth > 8 {
        return Err("brackets nested too deeply".into());
    }
    let mut items: Vec<Item> = Vec::new();
    loop {
        while *pos < chars.len() && chars[*pos] == ' ' {
            *pos += 1;
        }
        if *pos >= chars.len() || chars[*pos] == '|' || chars[*pos] == ')' {
            break;
        }
        let c = chars[*pos];
        let item = if c == '(' {
            *pos += 1;
            let mut alts = vec![parse_seq(chars, pos, depth + 1, want)?];
            while *pos < chars.len() && chars[*pos] == '|' {
                *pos += 1;
                alts.push(parse_seq(chars, pos, depth + 1, want)?);
            }
            if *pos >= chars.len() || chars[*pos] != ')' {
                return Err("missing ')'".into());
            }
            *pos += 1;
            // (The regex is left empty when only the steps are wanted.)
            if alts
                .iter()
                .any(|(a, _, _, n)| a.is_empty() && matches!(n, Node::Seq(v) if v.is_empty()))
            {
                return Err("empty alternative inside ( )".into());
            }
            // A group guarantees an anchor only if every alternative does.
            let anchors = alts
                .iter()
                .map(|(_, a, _, _)| best_anchors(a.clone()))
                .collect::<Option<Vec<Vec<String>>>>()
                .map(|v| {
                    let mut all: Vec<String> = v.into_iter().flatten().collect();
                    all.sort();
                    all.dedup();
                    all
                });
            let leading = alts
                .iter()
                .map(|(_, _, l, _)| l.clone())
                .collect::<Option<Vec<Vec<String>>>>()
                .map(|v| {
                    let mut all: Vec<String> = v.into_iter().flatten().collect();
                    all.sort();
                    all.dedup();
                    all
                });
            let group = format!(
                "(?:{})",
                alts.iter()
                    .map(|(a, _, _, _)| a.as_str())
                    .collect::<Vec<_>>()
                    .join("|")
            );
            let node = Node::Alt(alts.into_iter().map(|(_, _, _, n)| n).collect());
            if *pos < chars.len() && chars[*pos] == '?' {
                *pos += 1;
                Item::Optional(group, leading, node)
            } else {
                Item::Solid(group, anchors, leading, node)
            }
        } else {
            let start = *pos;
            while *pos < chars.len() && !matches!(chars[*pos], ' ' | '(' | ')' | '|') {
                *pos += 1;
            }
            let word: String = chars[start..*pos].iter().collect();
            word_item(&word, want)?
        };
        items.push(item);
    }
    if let Some(Item::Gap(_)) = items.last() {
        return Err("a phrase cannot end with a gap (_ is fine, .. and ... are not)".into());
    }
    if let Some(Item::Gap(_)) = items.first() {
        return Err("a phrase cannot start with a gap".into());
    }
    // Join: solid pieces are separated by whitespace; optional pieces and
    // gaps carry their own whitespace so that leaving them out leaves one
    // space, not two.
    let mut out = String::new();
    let mut need_sep = false;
    let n = items.len();
    let groups: Groups = items
        .iter()
        .filter_map(|i| match i {
            Item::Solid(_, Some(a), _, _) if !a.is_empty() && a.iter().all(|s| !s.is_empty()) => {
                Some(a.clone())
            }
            _ => None,
        })
        .collect();
    // The steps mirror the regex piece by piece, so both match alike.
    let mut nodes: Vec<Node> = Vec::new();
    // A match starts at the first solid piece, or at one of the optional
    // pieces before it: each must fix its first words.
    let mut leading = None;
    let mut optional_starts: Vec<String> = Vec::new();
    for item in &items {
        match item {
            Item::Solid(_, _, Some(l), _) if !l.is_empty() => {
                optional_starts.extend(l.iter().cloned());
                optional_starts.sort();
                optional_starts.dedup();
                leading = Some(optional_starts);
                break;
            }
            Item::Optional(_, Some(l), _) if !l.is_empty() => {
                optional_starts.extend(l.iter().cloned());
            }
            _ => break,
        }
    }
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Item::Solid(s, _, _, node) => {
                if need_sep {
                    out.push_str(SP);
                    nodes.push(Node::Space);
                }
                out.push_str(&s);
                nodes.push(node);
                need_sep = true;
            }
            Item::Optional(s, _, node) => {
                if i + 1 == n {
                    // A trailing optional attaches to what precedes it.
                    if need_sep {
                        out.push_str(&format!("(?:{SP}{s})?"));
                        nodes.push(Node::Opt(Box::new(Node::Seq(vec![Node::Space, node]))));
                    } else {
                        out.push_str(&format!("(?:{s})?"));
                        nodes.push(Node::Opt(Box::new(node)));
                    }
                } else {
                    if need_sep {
                        out.push_str(SP);
                        nodes.push(Node::Space);
                    }
                    out.push_str(&format!("(?:{s}{SP})?"));
                    nodes.push(Node::Opt(Box::new(Node::Seq(vec![node, Node::Space]))));
                    need_sep = false;
                }
            }
            Item::Quote => {
                out.push_str("(?:\\s*[\"'‘’“”])?\\s*");
                nodes.push(Node::Quote);
                need_sep = false;
            }
            Item::Gap(k) => {
                if need_sep {
                    out.push_str(SP);
                    nodes.push(Node::Space);
                }
                out.push_str(&format!("(?:{WORD}{SP}){{0,{k}}}"));
                nodes.push(Node::Gap(k));
                need_sep = false;
            }
        }
    }
    Ok((out, groups, leading, Node::Seq(nodes)))
}

fn word_item(word: &str, want: Want) -> Result<Item, String> {
    Ok(match word {
        "_" => Item::Solid(WORD.to_string(), None, None, Node::Run(RunKind::Word)),
        ".." => Item::Gap(2),
        "..." => Item::Gap(4),
        "<who>" => Item::Solid(WHO.to_string(), None, None, phrase::who()),
        "<name>" => Item::Solid(NAME.to_string(), None, None, Node::Name),
        "<num>" => Item::Solid(NUM.to_string(), None, None, phrase::num()),
        "<whose>" => Item::Solid(WHOSE.to_string(), None, None, phrase::whose()),
        "<person>" => Item::Solid(PERSON.to_string(), None, None, phrase::person()),
        "<q>" => Item::Quote,
        // A name's possessive: "Bea's invite". Without this the placeholder
        // and the "'s" form one unknown word that can never match.
        "<name>'s" | "<name>’s" => Item::Solid(
            format!("{NAME}['’]s{B}"),
            None,
            None,
            phrase::name_possessive(),
        ),
        w if w.len() > 2 && w.starts_with("..") && w[2..].chars().all(|c| c.is_ascii_digit()) => {
            match w[2..].parse::<u8>() {
                Ok(n) if (1..=12).contains(&n) => Item::Gap(n),
                _ => return Err(format!("gap {w}: write ..1 to ..12")),
            }
        }
        w if w.starts_with('<') && w.ends_with('>') => {
            return Err(format!(
                "unknown placeholder {w} (known: <who>, <whose>, <name>, <num>, <person>, <q>)"
            ));
        }
        w => {
            if w.chars().any(|c| c == '?') {
                return Err(format!(
                    "'?' only follows a bracket: write ({})? for an optional word",
                    w.trim_end_matches('?')
                ));
            }
            if let Some(stem) = w.strip_suffix('*') {
                // A stem and any letters after it: "argu*" is argue, argued,
                // arguing, argument. For words whose forms share no base.
                if stem.is_empty()
                    || !stem
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '\'')
                {
                    return Err(format!("'*' must follow a plain word stem, not '{w}'"));
                }
                let steps = Node::Word(phrase::Word::new(
                    phrase::word_forms(stem),
                    true,
                    true,
                    true,
                ));
                if want == Want::Steps {
                    return Ok(Item::Solid(String::new(), None, None, steps));
                }
                let anchors: Vec<String> = word_anchors(stem)
                    .into_iter()
                    .map(|a| format!("{}*", a.trim_end_matches('*')))
                    .collect();
                let leading = starting_anchors(&[stem.to_string()], &anchors, true);
                return Ok(Item::Solid(
                    format!("{B}{}[a-z]*{B}", word_regex(stem)),
                    Some(anchors),
                    leading,
                    steps,
                ));
            }
            let inflect = w.ends_with('~');
            let w = w.trim_end_matches('~');
            if w.is_empty() {
                return Err("'~' must follow a word".into());
            }
            let forms = if inflect {
                inflections(w)
            } else {
                vec![w.to_string()]
            };
            let first_word = w.chars().next().is_some_and(|c| c.is_alphanumeric());
            let last_word = w.chars().last().is_some_and(|c| c.is_alphanumeric());
            let steps = Node::Word(phrase::Word::new(
                forms.iter().flat_map(|f| phrase::word_forms(f)).collect(),
                first_word,
                last_word,
                false,
            ));
            if want == Want::Steps {
                return Ok(Item::Solid(String::new(), None, None, steps));
            }
            let alts: Vec<String> = forms.iter().map(|f| word_regex(f)).collect();
            let body = if alts.len() == 1 {
                alts.into_iter().next().unwrap_or_default()
            } else {
                format!("(?:{})", alts.join("|"))
            };
            let mut anchors: Vec<String> = forms.iter().flat_map(|f| word_anchors(f)).collect();
            anchors.sort();
            anchors.dedup();
            let leading = if first_word {
                starting_anchors(&forms, &anchors, false)
            } else {
                None
            };
            Item::Solid(
                format!(
                    "{}{body}{}",
                    if first_word { B } else { "" },
                    if last_word { B } else { "" }
                ),
                Some(anchors),
                leading,
                steps,
            )
        }
    })
}

/// The words that begin a match of one of `forms`: for each form, those of
/// its anchors it starts with, or else its first run of letters and its
/// spelling without hyphens or apostrophes ("video" and "videocalled" for
/// video-called, "dm" and "dmd" for dm'd). `None` when a form begins with
/// none, or one of them is not worth looking for ("i", "and", "the"...:
/// measured, a hit on every one of those cost more than starting there
/// saved).
fn starting_anchors(forms: &[String], anchors: &[String], stem: bool) -> Anchors {
    let mut out = Vec::new();
    for form in forms {
        let lower = form.to_lowercase().replace('’', "'");
        // A contraction's long form starts with its other anchor ("will"
        // for won't): every anchor of it starts one of its spellings.
        let contraction = without_mark(&lower).ends_with("n't");
        let starts: Vec<String> = word_anchors(&lower)
            .iter()
            .filter_map(|w| {
                anchors
                    .iter()
                    .find(|a| a.trim_end_matches('*') == w.trim_end_matches('*'))
            })
            .filter(|a| contraction || lower.starts_with(a.trim_end_matches('*')))
            .cloned()
            .collect();
        if !starts.is_empty() {
            out.extend(starts);
            continue;
        }
        if contraction {
            return None;
        }
        let first: String = lower.chars().take_while(|c| c.is_alphanumeric()).collect();
        if first.is_empty() {
            return None;
        }
        let mark = if stem { "*" } else { "" };
        let joined: String = lower.chars().filter(|&c| c != '-' && c != '\'').collect();
        if joined == first {
            out.push(format!("{first}{mark}"));
            continue;
        }
        if !joined.chars().all(char::is_alphanumeric) {
            return None;
        }
        // The first run is followed by a hyphen or an apostrophe, so it is a
        // whole word there.
        out.push(first);
        out.push(format!("{joined}{mark}"));
    }
    out.sort();
    out.dedup();
    worth_looking_for(&out).then_some(out)
}

/// A number in digits or words, as journals write them.
const NUM: &str = "(?:[0-9]+|(?-u:\\b)(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|forty)(?-u:\\b))";
/// A capitalised word: a name, in practice, once other rules have run.
const NAME: &str = "(?-i:\\p{Lu}[\\p{Ll}'’-]*\\p{Ll})";
/// An object person: a pronoun, "my sister", a kinship word or a name.
const WHO: &str = "(?:(?-u:\\b)(?:him|her|them|me|us|you|everyone|everybody|anyone|anybody|people|mum|mom|dad|ma|nan|nana|gran|grandma|grandad|grandpa|(?:my|his|her|their|our)\\s+[^\\s.!?;,]+)(?-u:\\b)|(?-i:\\p{Lu}[\\p{Ll}'’-]*\\p{Ll}))";
/// A possessive: "her", "Sam's", "my mum's".
const WHOSE: &str = "(?:(?-u:\\b)(?:his|her|their|your|my|our)(?-u:\\b)(?:\\s+[^\\s.!?;,'’]+['’]s?)?|[^\\s.!?;,'’]+['’]s?)";
const PERSON: &str = "(?-u:\\b)(?:he|she|they|him|her|them|his|their|my\\s+(?:mum|mom|dad|mother|father|sister|brother|partner|wife|husband|boyfriend|girlfriend|friend|flatmate|roommate|boss|son|daughter))(?-u:\\b)";

/// Contractions of "not" and their long forms.
const NOT_CONTRACTIONS: &[(&str, &str)] = &[
    ("can't", "(?:can['’]?t|cannot|can\\s+not)"),
    ("won't", "(?:won['’]?t|will\\s+not)"),
    ("shan't", "(?:shan['’]?t|shall\\s+not)"),
    ("ain't", "(?:ain['’]?t)"),
];

/// Regex for one literal word: escaped, apostrophes and hyphens loosened.
fn word_regex(w: &str) -> String {
    let lower = w.to_lowercase().replace('’', "'");
    for (short, long) in NOT_CONTRACTIONS {
        if lower == *short {
            return (*long).to_string();
        }
    }
    if let Some(stem) = lower.strip_suffix("n't")
        && !stem.is_empty()
    {
        return format!(
            "(?:{}n['’]?t|{}\\s+not)",
            regex::escape(stem),
            regex::escape(stem)
        );
    }
    let mut out = String::new();
    for c in w.chars() {
        match c {
            '\'' | '’' => out.push_str("['’]?"),
            '-' => out.push_str("[-\\s]?"),
            c => out.push_str(&regex::escape(&c.to_string())),
        }
    }
    out
}

/// Irregular verbs: base form, then the other forms.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("be", &["am", "is", "are", "was", "were", "been", "being"]),
    ("begin", &["begins", "began", "begun", "beginning"]),
    ("bite", &["bites", "bit", "bitten", "biting"]),
    ("blow", &["blows", "blew", "blown", "blowing"]),
    ("break", &["breaks", "broke", "broken", "breaking"]),
    ("bring", &["brings", "brought", "bringing"]),
    ("buy", &["buys", "bought", "buying"]),
    ("catch", &["catches", "caught", "catching"]),
    ("come", &["comes", "came", "coming"]),
    ("cut", &["cuts", "cutting"]),
    ("do", &["does", "did", "done", "doing"]),
    ("drive", &["drives", "drove", "driven", "driving"]),
    ("eat", &["eats", "ate", "eaten", "eating"]),
    ("fall", &["falls", "fell", "fallen", "falling"]),
    ("feel", &["feels", "felt", "feeling"]),
    ("fight", &["fights", "fought", "fighting"]),
    ("find", &["finds", "found", "finding"]),
    ("forget", &["forgets", "forgot", "forgotten", "forgetting"]),
    ("freeze", &["freezes", "froze", "frozen", "freezing"]),
    ("get", &["gets", "got", "gotten", "getting"]),
    ("give", &["gives", "gave", "given", "giving"]),
    ("go", &["goes", "went", "gone", "going"]),
    ("hang", &["hangs", "hung", "hanged", "hanging"]),
    ("have", &["has", "had", "having"]),
    ("hear", &["hears", "heard", "hearing"]),
    ("hide", &["hides", "hid", "hidden", "hiding"]),
    ("hold", &["holds", "held", "holding"]),
    ("hurt", &["hurts", "hurting"]),
    ("keep", &["keeps", "kept", "keeping"]),
    ("know", &["knows", "knew", "known", "knowing"]),
    ("leave", &["leaves", "left", "leaving"]),
    ("let", &["lets", "letting"]),
    ("lie", &["lies", "lied", "lay", "lain", "lying"]),
    ("lose", &["loses", "lost", "losing"]),
    ("make", &["makes", "made", "making"]),
    ("mean", &["means", "meant", "meaning"]),
    ("meet", &["meets", "met", "meeting"]),
    ("put", &["puts", "putting"]),
    ("quit", &["quits", "quitting"]),
    ("read", &["reads", "reading"]),
    ("ring", &["rings", "rang", "rung", "ringing"]),
    ("run", &["runs", "ran", "running"]),
    ("say", &["says", "said", "saying"]),
    ("see", &["sees", "saw", "seen", "seeing"]),
    ("send", &["sends", "sent", "sending"]),
    ("set", &["sets", "setting"]),
    ("shut", &["shuts", "shutting"]),
    ("sit", &["sits", "sat", "sitting"]),
    ("sleep", &["sleeps", "slept", "sleeping"]),
    ("speak", &["speaks", "spoke", "spoken", "speaking"]),
    ("spend", &["spends", "spent", "spending"]),
    ("stand", &["stands", "stood", "standing"]),
    ("stick", &["sticks", "stuck", "sticking"]),
    ("swear", &["swears", "swore", "sworn", "swearing"]),
    ("take", &["takes", "took", "taken", "taking"]),
    ("tell", &["tells", "told", "telling"]),
    ("think", &["thinks", "thought", "thinking"]),
    ("throw", &["throws", "threw", "thrown", "throwing"]),
    ("turn", &["turns", "turned", "turning"]),
    ("wake", &["wakes", "woke", "woken", "waking"]),
    ("write", &["writes", "wrote", "written", "writing"]),
];

/// Whether `w` (lower case) is a form of one of the irregular verbs the
/// phrase language knows ("left", "sent", "keep").
pub(crate) fn is_irregular_verb_form(w: &str) -> bool {
    IRREGULAR
        .iter()
        .any(|(base, forms)| *base == w || forms.contains(&w))
}

/// Whether `w` is a finite inflection of an irregular verb: its past or
/// third person ("left", "says"), not its base or "-ing" form.
pub(crate) fn is_irregular_finite_form(w: &str) -> bool {
    !w.ends_with("ing") && IRREGULAR.iter().any(|(_, forms)| forms.contains(&w))
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The forms of a word used as a verb (or a noun: "text~" gives texts too).
/// British and American doubling are both produced ("cancelled", "canceled").
pub fn inflections(base: &str) -> Vec<String> {
    let lower = base.to_lowercase();
    // Multi-word bases inflect their first word: "give~ up" is not supported
    // here; rule authors write "(give~) up".
    if let Some((_, forms)) = IRREGULAR.iter().find(|(b, _)| *b == lower) {
        let mut v = vec![lower.clone()];
        v.extend(forms.iter().map(|s| s.to_string()));
        return sort_longest_first(v);
    }
    let chars: Vec<char> = lower.chars().collect();
    let n = chars.len();
    let mut v = vec![lower.clone()];
    if n == 0 {
        return v;
    }
    let last = chars[n - 1];
    let prev = if n >= 2 { chars[n - 2] } else { ' ' };
    // Third person / plural.
    if lower.ends_with('s')
        || lower.ends_with("sh")
        || lower.ends_with("ch")
        || lower.ends_with('x')
        || lower.ends_with('z')
        || lower.ends_with('o')
    {
        v.push(format!("{lower}es"));
    } else if last == 'y' && !is_vowel(prev) {
        v.push(format!("{}ies", &lower[..lower.len() - 1]));
    } else {
        v.push(format!("{lower}s"));
    }
    // Past and -ing.
    if last == 'e' {
        v.push(format!("{lower}d"));
        if lower.ends_with("ee") || lower.ends_with("ye") || lower.ends_with("oe") {
            v.push(format!("{lower}ing"));
        } else if lower.ends_with("ie") {
            v.push(format!("{}ying", &lower[..lower.len() - 2]));
        } else {
            v.push(format!("{}ing", &lower[..lower.len() - 1]));
        }
    } else if last == 'y' && !is_vowel(prev) {
        v.push(format!("{}ied", &lower[..lower.len() - 1]));
        v.push(format!("{lower}ing"));
    } else {
        v.push(format!("{lower}ed"));
        v.push(format!("{lower}ing"));
        // Consonant-vowel-consonant endings double in some spellings
        // (snapped, cancelled); producing both costs nothing.
        let before_prev = if n >= 3 { chars[n - 3] } else { ' ' };
        if n >= 3
            && !is_vowel(last)
            && !matches!(last, 'w' | 'x' | 'y')
            && is_vowel(prev)
            && !is_vowel(before_prev)
        {
            v.push(format!("{lower}{last}ed"));
            v.push(format!("{lower}{last}ing"));
        }
    }
    sort_longest_first(v)
}

fn sort_longest_first(mut v: Vec<String>) -> Vec<String> {
    v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(phrase: &str, text: &str) -> bool {
        let src = compile_phrase(phrase).expect("phrase compiles");
        regex::Regex::new(&src).expect("regex").is_match(text)
    }

    #[test]
    fn a_sentence_label_condition_is_read_and_checked() {
        let catalog = Catalog::builtin();
        let file = |condition: &str| {
            format!(
                "[[rule]]\nid = \"mine/texted\"\nlabel = \"steps/reached-out\"\nphrases = [\"texted her\"]\nwithout_label_in_sentence = [\"{condition}\"]\n"
            )
        };
        let (parsed, errors) = parse_file("mine.toml", &file("signs/curt-reply"), &catalog, true);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            parsed.rules[0].without_label_in_sentence,
            vec![(Family::Sign, "curt-reply".to_string())]
        );
        let (parsed, errors) = parse_file("mine.toml", &file("signs/curtness"), &catalog, true);
        assert!(parsed.rules.is_empty());
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("not a catalog label"),
            "{errors:?}"
        );
        assert_eq!(errors[0].line, 5);
    }

    #[test]
    fn contractions_in_a_group_join_the_word_before() {
        assert_eq!(
            join_contractions("told her I (had|'ve got) it covered"),
            "told her (I had|I've got) it covered"
        );
        assert_eq!(
            join_contractions("(he|she) ('d|would) leave"),
            "(he'd|he would|she'd|she would) leave"
        );
        assert_eq!(join_contractions("I (had|have) it"), "I (had|have) it");
        // A group glued to the word before it continues that word.
        assert_eq!(
            join_contractions("(that)? I('ve| have)? been"),
            "(that)? (I've|I have|I) been"
        );
        assert_eq!(
            join_contractions("ask~ what('s| was) up"),
            "ask~ (what's|what was) up"
        );
        assert_eq!(join_contractions("if we(re) ok"), "if (were) ok");
    }

    #[test]
    fn punctuation_after_a_word_is_one_of_the_marks() {
        assert_eq!(expand_punctuation("didn't go[.,!]"), "didn't (go.|go,|go!)");
        assert_eq!(
            expand_punctuation("muted (it|them)[.!]"),
            "muted (it.|it!|them.|them!)"
        );
        // Not a class of marks, or one with a quantifier: left as written.
        assert_eq!(expand_punctuation("left it[.!]*$"), "left it[.!]*$");
        assert_eq!(expand_punctuation("asked why[.]"), "asked (why.)");
        assert_eq!(join_contractions("I ('ve)? got"), "I ('ve)? got");
        assert!(matches(
            "told her I (had|'ve got) it covered",
            "I told her I've got it covered"
        ));
        assert!(matches(
            "told her I (had|'ve got) it covered",
            "I told her I had it covered"
        ));
        assert!(matches("(he|she) ('d|would) leave", "she'd leave"));
        // A mistake is reported where the user wrote it, not in the
        // rewritten phrase.
        let Err(err) = compile_phrase_anchored("I (had|'ve got) it) covered") else {
            panic!("a stray ')' is an error");
        };
        assert_eq!(err, "unexpected ')' at character 19");
        let program = phrase_program("told her I (had|'ve got) it covered").expect("compiles");
        let text = "I told her I’ve got it covered";
        assert_eq!(
            super::super::phrase::Program::new(program).is_match(text),
            Some(true)
        );
    }

    #[test]
    fn inflections_cover_regular_and_irregular_verbs() {
        let has = |b: &str, f: &str| inflections(b).iter().any(|x| x == f);
        assert!(has("ignore", "ignoring") && has("ignore", "ignored") && has("ignore", "ignores"));
        assert!(has("reply", "replied") && has("reply", "replies") && has("reply", "replying"));
        assert!(has("cancel", "cancelled") && has("cancel", "canceled"));
        assert!(has("snap", "snapped") && has("snap", "snapping"));
        assert!(has("leave", "left") && has("tell", "told"));
        assert!(has("text", "texted") && has("text", "texts"));
    }

    #[test]
    fn phrases_handle_case_apostrophes_and_negation_forms() {
        assert!(matches("didn't reply~", "I DIDN’T reply"));
        assert!(matches("didn't reply~", "i didnt reply"));
        assert!(matches("didn't reply~", "I did not reply"));
        assert!(matches("can't face it", "cannot face it"));
        assert!(matches("one-word (answer~|reply~)", "one word answers"));
        assert!(!matches("snap~", "snapshot"));
        assert!(matches("argu* with", "arguing with"));
        assert!(matches("argu* with", "argument with"));
    }

    #[test]
    fn optional_items_and_gaps_keep_spacing() {
        assert!(matches("left <who> on (read|unread)", "left Sam on read"));
        assert!(matches(
            "<name>'s (invite|invitation)",
            "said yes to Bea's invite"
        ));
        assert!(matches(
            "<name>'s (invite|invitation)",
            "Mo’s invitation came"
        ));
        assert!(!matches("<name>'s (invite|invitation)", "the invite"));
        assert!(matches(
            "left <who> on (read|unread)",
            "left my sister on unread"
        ));
        assert!(matches("(really)? didn't .. reply~", "didn't even reply"));
        assert!(matches("(really)? didn't .. reply~", "really didn't reply"));
        assert!(matches("said <q> fine", "said 'fine'"));
        assert!(matches("said <q> fine", "said fine"));
        assert!(matches("sent (back)?", "sent back"));
        assert!(matches("sent (back)?", "sent"));
    }

    #[test]
    fn other_uncommon_words_of_a_phrase_are_required_too() {
        let pat = compile_phrase_anchored("left <who> on (read|unread)").expect("compiles");
        assert_eq!(pat.anchors, Some(vec!["left".to_string()]));
        assert_eq!(
            pat.also,
            vec![
                vec!["on".to_string()],
                vec!["read".to_string(), "unread".to_string()]
            ]
        );
        // Words in every other sentence are not worth looking for.
        let pat = compile_phrase_anchored("ghosted the group").expect("compiles");
        assert!(pat.also.iter().all(|g| !g.contains(&"the".to_string())));
        // Optional words and gaps require nothing.
        let pat = compile_phrase_anchored("(really)? ignore~ .. texts").expect("compiles");
        assert!(pat.also.iter().all(|g| !g.contains(&"really".to_string())));
    }

    #[test]
    fn leading_words_are_where_every_match_starts() {
        let l = |p: &str| compile_phrase_anchored(p).expect("compiles").leading;
        assert_eq!(l("left <who> on read"), Some(vec!["left".to_string()]));
        // Both spellings of a contraction, and a hyphenated word joined.
        let wont = l("won't reply").expect("leading");
        assert!(wont.contains(&"will".to_string()) && wont.contains(&"won*".to_string()));
        let check = l("check-in with").expect("leading");
        assert!(check.contains(&"check".to_string()), "{check:?}");
        // An optional start adds its words to those of what follows it.
        assert_eq!(
            l("(really)? ignored <who>"),
            Some(vec!["ignored".to_string(), "really".to_string()])
        );
        // A placeholder start fixes nothing, nor does an optional start
        // before one, nor a very common word.
        assert_eq!(l("<who> ignored me"), None);
        assert_eq!(l("(just)? <who> ignored me"), None);
        assert_eq!(l("(but|and) I went"), None);
        // A word whose longest part is not its first starts with that part,
        // or is written joined.
        let nit = l("nit-pick~ at").expect("leading");
        assert!(
            nit.contains(&"nit".to_string()) && nit.contains(&"nitpicked".to_string()),
            "{nit:?}"
        );
        assert_eq!(
            l("(ignored|muted) <who>"),
            Some(vec!["ignored".to_string(), "muted".to_string()])
        );
    }

    #[test]
    fn anchors_are_words_every_match_contains() {
        let a = |p: &str| compile_phrase_anchored(p).expect("compiles").anchors;
        assert_eq!(
            a("left <who> on (read|unread)"),
            Some(vec!["left".to_string()])
        );
        assert_eq!(
            a("didn't reply~").map(|v| v.contains(&"did".to_string())),
            Some(false)
        );
        assert_eq!(a("didn't"), Some(vec!["did*".to_string()]));
        assert_eq!(a("<who> _"), None);
        // A hyphenated word is also written joined: both forms anchor, and
        // its first part is not turned into a broad prefix.
        let nit = a("nit-pick~").expect("anchored");
        assert!(nit.contains(&"nitpicked".to_string()), "{nit:?}");
        assert!(nit.contains(&"pick".to_string()), "{nit:?}");
        assert!(
            !a("in-laws")
                .expect("anchored")
                .iter()
                .any(|x| x.ends_with('*'))
        );
        let snap = a("snap~ (at|back)").expect("anchored");
        assert!(snap.contains(&"snapped".to_string()) && snap.contains(&"snap".to_string()));
        assert_eq!(
            a("one-word (answers|replies)"),
            Some(vec!["answers".to_string(), "replies".to_string()])
        );
    }

    #[test]
    fn bad_phrases_are_reported() {
        assert!(compile_phrase("(unclosed").is_err());
        assert!(compile_phrase("ends with ..").is_err());
        assert!(compile_phrase("<nobody>").is_err());
        assert!(compile_phrase("texts?").is_err());
        assert!(compile_phrase("").is_err());
    }

    #[test]
    fn user_regex_boundaries_become_ascii() {
        assert_eq!(ascii_boundaries(r"\bfoo\b"), r"(?i)(?-u:\b)foo(?-u:\b)");
        assert_eq!(ascii_boundaries(r"(?i)a\\b"), r"(?i)a\\b");
    }

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }
}
