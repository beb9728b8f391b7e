//! The engine: compiles built-in and user rules, then finds detections.
//!
//! Speed comes from doing the cheap thing everywhere and the costly thing
//! rarely. Every pattern has "anchors": literal words of which each match
//! contains one (see [`super::parse::Pattern`]; a raw regex rule names its
//! own). One pass over the words of the text ([`super::anchors`]) finds the
//! anchors and the phrases' other words; a pattern is tried only on a
//! sentence that holds its anchor and one word of each of its other required
//! groups (on the dev corpus: 3 patterns a sentence instead of 16), and a
//! pattern whose phrase fixes its first words (an optional first word
//! included) is tried only where such a word starts. Phrases run on the
//! phrase matcher ([`super::phrase`]), which needs no compiling; a raw
//! regex, or a phrase whose search runs out of steps, is compiled on first
//! use. Only the spans found get the context checks of [`super::context`];
//! a rule's `requires`/`unless` phrases are searched only in a sentence
//! holding one of their words, and then only where their first words begin,
//! as the therapy checks are tried only at the verbs of telling.
//!
//! Start-up is what a one-shot `closer add` pays: the built-in rules come
//! as an [`Image`] generated ahead of time (`compiled.rs`: patterns with
//! their words already numbered, phrases without their regexes), so all
//! that is built is a trie of the anchor words; no regex is compiled
//! unless one is needed.
//!
//! Measured on the dev corpus: ~5 MB/s a core on a loaded machine, against
//! the 50 MB/s aimed for (see `benches/detect.rs`). What is left is spread
//! thin: the phrase searches, the anchor walk, tokenising the sentences that
//! matched, the context checks, finding people, and allocation.
//!
//! Why not one `RegexSet` of everything: with ~900 patterns full of word
//! gaps the lazy DFA's states grow huge, its cache thrashes and the set falls
//! back to a slow engine (measured: 0.01 MB/s). When a user's rules leave a
//! pattern without anchors, those few share one small set, kept on the fast
//! path by two settings: every word boundary is ASCII (`(?-u:\b)`, enforced
//! by [`super::parse`]), and the DFA cache is larger than the 2 MiB default.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use regex_automata::{Anchored, Input, meta};

use std::borrow::Cow;

use super::anchors::AnchorIndex;
use super::builtin;
use super::catalog::Catalog;
use super::context::{self, Rejected, Who};
use super::image::{self, Image, PatternImage};
use super::parse::{self, RuleFileError, RuleSpec, Scope, Subject};
use super::phrase::{Found, Program};
use super::referent;
use super::second_opinion::{self, SecondOpinion};
use super::text;
use super::{Detection, Family};

/// Bumped whenever the context logic changes in a way that changes output,
/// so [`Engine::version`] changes even when no rule file did.
const LOGIC_VERSION: &str = "context-54";

/// DFA cache for the prefilter set. Measured: with ~300 patterns the 2 MiB
/// default thrashes and throughput drops by ~700x; 16 MiB leaves headroom for
/// user rules.
pub const DFA_SIZE_LIMIT: usize = 16 << 20;
/// Compiled-size budget for the whole set.
pub const SET_SIZE_LIMIT: usize = 64 << 20;

/// "Told my counsellor I've been muting ...": a sentence reporting what the
/// author told a therapist.
static THERAPY_REPORT: std::sync::LazyLock<Check> = std::sync::LazyLock::new(|| {
    Check::new(
        "(told|tell|telling|admitted|admit) (my)? (therapist|counsellor|counselor|dr <name>|dr. <name>)",
    )
});
/// An entry that mentions a session: then "Told her I've been ..." at the
/// start of a sentence is most likely still addressed to the therapist.
static THERAPY_ENTRY: std::sync::LazyLock<Check> = std::sync::LazyLock::new(|| {
    Check::new("(therapist|counsellor|counselor|therapy|counselling|counseling|session with)")
});
/// At the start of a sentence only.
static TOLD_PRONOUN: std::sync::LazyLock<Check> =
    std::sync::LazyLock::new(|| Check::new("(I)? (told|tell|admitted to) (her|him|them)"));

/// Catalog rule 13: telling someone about one's own habit of pulling away
/// ("told Bea I've been pulling away", "admitted to Jo that I tend to go
/// quiet", "told Michael over breakfast that I know I've been distant",
/// "talked about how I ghost people", "spent the session on why I go
/// quiet") is a step, so a sign phrase inside that report is not a sign.
static TOLD_HABIT: std::sync::LazyLock<Check> = std::sync::LazyLock::new(|| {
    Check::new(
        "((told|tell|telling|admitted|admit|explained|confessed|confided|owned up|came clean) (to)? (<name>|her|him|them|my _)? (tonight|today|finally|honestly|properly|earlier|straight|straight up|at last)? (that)? ((I've|I have|I'd|I had|I) (been|tend|always|keep|usually|often|get|do|know|start|pull|go|shut|push)|when ..5 I (start|get|go|tend|pull|shut|push|run|freeze|panic|bolt))|(talked|talking|talk|spoke|speaking|went into|went over|got into|dug into|unpacked|unpicked|picked apart|discussed|discussing|worked on|looked at|explored|went through|going through|talked through) (about)? (how|why|the way|the fact that) (I|I've|I'm)|(told|tell|telling|admitted|admit|explained|confessed|confided) (to)? (<name>|her|him|them|my _) ..3 that (I've|I have|I'd|I had|I) (been|tend|always|keep|usually|often|get|do|know|start|pull|go|shut|push)|(spent|spend|spending) ..4 (hour|session|time|appointment) (on|talking about|looking at|unpacking|unpicking|going over) (how|why|the way) (I|I've|I'm)|(talked|talking|talk|spoke|speaking|discussed|discussing|went over|went through|going through|talked through) (about)? ..4 and (how|why|the way) (I|I've|I'm)|(told|tell|telling|admitted|explained|confessed|confided) (to)? (<name>|her|him|them|my _|_) about ..4 (how|why) ..6 I (start|get|go|tend|pull|shut|push|run|freeze|panic|bolt|find|look|avoid|disappear|hide|keep|always|never)|(told|tell|telling) _ (tonight|today|finally|honestly|properly|earlier)? that when ..5 I (start|get|go|tend|pull|shut|push|run|freeze|panic|bolt|find|look|avoid|disappear|hide|keep))",
    )
});

/// The starts of the words in `sentence` that begin like a verb of telling
/// (told, tell, admit, explain, confess, confide, own up, come clean, talk
/// about, go into ..., spend ... on, in any inflection), which every match of
/// [`THERAPY_REPORT`] and [`TOLD_HABIT`] starts with and [`TOLD_PRONOUN`]
/// holds: most sentences have none, and the two phrases are then tried at
/// these words only rather than at every byte. A word starts after any byte
/// that is not an ASCII letter or digit, so it errs towards trying them.
fn telling_starts(sentence: &str, out: &mut Vec<usize>) {
    // A word start, and for common verbs the word that must follow them
    // ("went into", "worked on"), so everyday "went" and "got" do not open
    // the gate.
    // Sorted by first letter, so a word is compared with its letter's run.
    const STARTS: &[(&[u8], &[u8])] = &[
        (b"admit", b""),
        (b"came", b""),
        (b"come", b""),
        (b"coming", b""),
        (b"confess", b""),
        (b"confid", b""),
        (b"discuss", b""),
        (b"dug", b"into"),
        (b"explain", b""),
        (b"explor", b""),
        (b"going", b"through"),
        (b"got", b"into"),
        (b"looked", b"at"),
        (b"own", b""),
        (b"picked", b"apart"),
        (b"speak", b""),
        (b"spen", b""),
        (b"spok", b""),
        (b"talk", b""),
        (b"tell", b""),
        (b"told", b""),
        (b"unpack", b""),
        (b"unpick", b""),
        (b"went", b"into"),
        (b"went", b"over"),
        (b"went", b"through"),
        (b"worked", b"on"),
    ];
    // Each first letter's run of STARTS (empty for most letters): the rest
    // of a word is compared only with the entries of its letter.
    const RUN: [(u8, u8); 256] = {
        let mut t = [(0u8, 0u8); 256];
        let mut k = 0;
        while k < STARTS.len() {
            let c = STARTS[k].0[0] as usize;
            if t[c].1 == 0 {
                t[c].0 = k as u8;
            }
            t[c].1 = k as u8 + 1;
            k += 1;
        }
        t
    };
    out.clear();
    let b = sentence.as_bytes();
    let starts_with = |at: usize, s: &[u8]| {
        b.get(at..at + s.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(s))
    };
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let word = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let c = b[word].to_ascii_lowercase();
        let (run_from, run_to) = RUN[c as usize];
        if !b[word].is_ascii_alphabetic() || run_from == run_to {
            continue;
        }
        let telling = STARTS[run_from as usize..run_to as usize]
            .iter()
            .any(|&(first, then)| {
                if !starts_with(word, first) {
                    return false;
                }
                if then.is_empty() {
                    return true;
                }
                let mut j = word + first.len();
                if !b.get(j).is_some_and(u8::is_ascii_whitespace) {
                    return false;
                }
                while b.get(j).is_some_and(u8::is_ascii_whitespace) {
                    j += 1;
                }
                starts_with(j, then)
            });
        if telling {
            out.push(word);
        }
    }
}

struct CompiledRule {
    spec: RuleSpec,
    requires: Vec<Check>,
    unless: Vec<Check>,
}

/// A phrase used as a yes/no check on a sentence or an entry (a rule's
/// `requires` and `unless`, and the therapy checks above): run by the
/// phrase matcher, its regex made and compiled only if that gives up.
struct Check {
    phrase: String,
    /// Sorted ids of the anchor words one of which every match holds, when
    /// the phrase fixes them: a sentence without any is not searched.
    anchors: Option<Cow<'static, [u32]>>,
    /// Sorted ids of the words one of which every match starts with, when
    /// the phrase fixes them: the phrase is then tried at those words only.
    leading: Option<Cow<'static, [u32]>>,
    program: OnceLock<Option<Program>>,
    regex: OnceLock<Option<Regex>>,
}

fn build_regex(src: &str) -> Result<Regex, String> {
    RegexBuilder::new(src)
        .size_limit(parse::MAX_REGEX_SIZE * 8)
        .build()
        .map_err(|e| e.to_string())
}

impl Check {
    fn new(phrase: &str) -> Check {
        Check {
            phrase: phrase.to_string(),
            anchors: None,
            leading: None,
            program: OnceLock::new(),
            regex: OnceLock::new(),
        }
    }

    fn program(&self) -> Option<&Program> {
        self.program
            .get_or_init(|| parse::phrase_program(&self.phrase).ok().map(Program::new))
            .as_ref()
    }

    fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| {
                parse::compile_phrase(&self.phrase)
                    .ok()
                    .and_then(|src| build_regex(&src).ok())
            })
            .as_ref()
    }

    /// Whether a match is possible in a scope with these anchor `hits`
    /// (`None`: not known, so it is).
    fn may_match(&self, hits: Option<HitsIn<'_>>) -> bool {
        match (&self.anchors, hits) {
            (Some(anchors), Some(hits)) => anchors.iter().any(|&a| hits.has_whole(a)),
            _ => true,
        }
    }

    fn is_match(&self, text: &str) -> bool {
        match self.program().and_then(|p| p.is_match(text)) {
            Some(found) => found,
            None => self.regex().is_some_and(|r| r.is_match(text)),
        }
    }

    /// Whether `scope` (which starts at `offset` in the text) holds a
    /// match, given the anchor `hits` inside it when they are known.
    fn is_match_in(&self, scope: &str, offset: usize, hits: Option<HitsIn<'_>>) -> bool {
        if !self.may_match(hits) {
            return false;
        }
        match (&self.leading, hits) {
            (Some(leading), Some(hits)) => self.is_match_from(
                scope,
                hits.list
                    .iter()
                    .filter(|h| leading.binary_search(&h.anchor).is_ok())
                    .map(|h| h.at - offset),
            ),
            _ => self.is_match(scope),
        }
    }

    /// Whether a match starts at one of `starts` in `text`, when every match
    /// must start at one of them.
    fn is_match_from(&self, text: &str, starts: impl IntoIterator<Item = usize>) -> bool {
        let Some(program) = self.program() else {
            return self.is_match(text);
        };
        let budget = Program::budget(text);
        for at in starts {
            match program.match_at(text, at, &budget) {
                Found::End(end) if end > at => return true,
                Found::GaveUp => return self.regex().is_some_and(|r| r.is_match(text)),
                _ => {}
            }
        }
        false
    }

    /// Whether a match starts at the very start of `text`.
    fn is_match_at_start(&self, text: &str) -> bool {
        let found = self
            .program()
            .map(|p| p.match_at(text, 0, &Program::budget(text)));
        match found {
            Some(Found::End(end)) => end > 0,
            Some(Found::None) => false,
            _ => self
                .regex()
                .and_then(|r| r.find(text))
                .is_some_and(|m| m.start() == 0 && m.end() > 0),
        }
    }
}

/// A pattern as one of its anchors lists it.
#[derive(Debug, Clone, Copy, Default)]
struct AnchoredPattern {
    pattern: u32,
    /// Its other required words: a range of [`Engine::also`].
    also: (u32, u32),
}

/// One pattern of one rule.
struct PatternEntry {
    rule: usize,
    src: Cow<'static, str>,
    /// Compiled on first use, like [`LazyRegex`]; the lower-level regex
    /// type because it can search anchored at a given start.
    re: OnceLock<Option<meta::Regex>>,
    /// Sorted anchor ids one of which starts every match, when known: the
    /// regex then runs anchored at those words only, a few bytes each,
    /// rather than over the whole sentence.
    leading: Option<Cow<'static, [u32]>>,
    /// The phrase behind the pattern, and its steps built on first use:
    /// the phrase matcher answers first, the regex only when it gives up.
    phrase: Option<Cow<'static, str>>,
    program: OnceLock<Option<Program>>,
}

impl PatternEntry {
    fn source(&self) -> String {
        parse::regex_source(&self.src, self.phrase.as_deref())
    }

    fn regex(&self) -> Option<&meta::Regex> {
        self.re
            .get_or_init(|| {
                let mut config =
                    meta::Config::new().nfa_size_limit(Some(parse::MAX_REGEX_SIZE * 8));
                if self.leading.is_some() {
                    // An anchored search has no use for a literal prefilter,
                    // and extracting one was ~40% of compiling the pattern.
                    config = config.auto_prefilter(false);
                }
                meta::Regex::builder()
                    .configure(config)
                    .build(&self.source())
                    .ok()
            })
            .as_ref()
    }

    /// The non-empty matches of this pattern in `sentence` (which starts
    /// at `offset` in the text), as offsets into the sentence. `hits` are
    /// the anchors found in this sentence, in text order.
    fn matches(&self, sentence: &str, offset: usize, hits: &[Hit], out: &mut Vec<(usize, usize)>) {
        if let Some(program) = self.program()
            && self.phrase_matches(program, sentence, offset, hits, out)
        {
            return;
        }
        self.regex_matches(sentence, offset, hits, out);
    }

    fn program(&self) -> Option<&Program> {
        self.program
            .get_or_init(|| {
                let phrase = self.phrase.as_deref()?;
                parse::phrase_program(phrase).ok().map(Program::new)
            })
            .as_ref()
    }

    /// [`PatternEntry::matches`] through the phrase matcher; false when it
    /// gave up and the regex must answer.
    fn phrase_matches(
        &self,
        program: &Program,
        sentence: &str,
        offset: usize,
        hits: &[Hit],
        out: &mut Vec<(usize, usize)>,
    ) -> bool {
        out.clear();
        let Some(leading) = &self.leading else {
            return program.find_all(sentence, out).is_some();
        };
        let budget = Program::budget(sentence);
        at_leading_words(leading, offset, hits, out, |at| {
            match program.match_at(sentence, at, &budget) {
                Found::GaveUp => Err(()),
                Found::End(end) => Ok(Some(end)),
                Found::None => Ok(None),
            }
        })
        .is_ok()
    }

    /// [`PatternEntry::matches`] through the compiled regex.
    fn regex_matches(
        &self,
        sentence: &str,
        offset: usize,
        hits: &[Hit],
        out: &mut Vec<(usize, usize)>,
    ) {
        out.clear();
        let Some(re) = self.regex() else {
            return;
        };
        let Some(leading) = &self.leading else {
            out.extend(
                re.find_iter(sentence)
                    .filter(|m| m.start() < m.end())
                    .map(|m| (m.start(), m.end())),
            );
            return;
        };
        // The regex never gives up, so neither does this.
        let _ = at_leading_words(leading, offset, hits, out, |at| {
            let input = Input::new(sentence)
                .span(at..sentence.len())
                .anchored(Anchored::Yes);
            Ok(re.search(&input).map(|m| m.end()))
        });
    }
}

/// The matches of a pattern whose every match starts at one of its
/// `leading` anchors: `end_at` is tried at each such anchor of the sentence
/// (which starts at `offset` in the text) in order, going on after each
/// match's end, which finds the same leftmost-first spans as searching the
/// whole sentence. An `Err` from `end_at` gives up at once.
fn at_leading_words(
    leading: &[u32],
    offset: usize,
    hits: &[Hit],
    out: &mut Vec<(usize, usize)>,
    mut end_at: impl FnMut(usize) -> Result<Option<usize>, ()>,
) -> Result<(), ()> {
    let mut free_from = 0;
    let mut tried = None;
    for h in hits {
        let at = h.at - offset;
        if at < free_from || tried == Some(at) || leading.binary_search(&h.anchor).is_err() {
            continue;
        }
        tried = Some(at);
        if let Some(end) = end_at(at)?
            && at < end
        {
            out.push((at, end));
            free_from = end;
        }
    }
    Ok(())
}

/// Whether `before` (the sentence up to a match) says the match is one of
/// a habit's occasions: "whenever", "every time", "each time".
fn after_whenever(before: &str) -> bool {
    let lower = before.to_ascii_lowercase();
    lower.contains("whenever") || lower.contains("every time") || lower.contains("each time")
}

/// Whether every group of `also` (each ended by [`image::GROUP_END`]) has
/// a word whose bit is set. A plain loop: it runs for every pattern an
/// anchor of a sentence lists, ~50,000 times a pass over the dev corpus.
fn every_group_present(also: &[u32], bits: &[u64]) -> bool {
    let mut found = false;
    for &w in also {
        if w == image::GROUP_END {
            if !found {
                return false;
            }
            found = false;
        } else if !found {
            found = has_bit(bits, w);
        }
    }
    true
}

/// The anchor hits of one scope (a sentence or the whole entry), with the
/// anchors found there as whole words as bits, so a check's anchors are
/// looked up a bit each instead of searched for hit by hit.
#[derive(Clone, Copy)]
struct HitsIn<'a> {
    list: &'a [Hit],
    whole: &'a [u64],
}

impl HitsIn<'_> {
    fn has_whole(&self, anchor: u32) -> bool {
        has_bit(self.whole, anchor)
    }
}

/// Whether bit `id` of a bit set of anchors (or groups) is set.
fn has_bit(bits: &[u64], id: u32) -> bool {
    bits.get(id as usize / 64)
        .is_some_and(|w| w & (1 << (id % 64)) != 0)
}

/// The anchors `hits` hold as whole words, as bits over `anchors` anchors.
fn whole_words(hits: &[Hit], anchors: usize) -> Vec<u64> {
    let mut bits = vec![0; anchors.div_ceil(64)];
    for h in hits.iter().filter(|h| h.whole) {
        if let Some(w) = bits.get_mut(h.anchor as usize / 64) {
            *w |= 1 << (h.anchor % 64);
        }
    }
    bits
}

/// One anchor word found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Hit {
    sentence: usize,
    /// Byte offset in the text.
    at: usize,
    anchor: u32,
    /// Whether it is a whole word (or a stem followed by letters, for a stem
    /// anchor). A hit that only starts a word still marks where a leading
    /// word may begin ("check" in "checkin").
    whole: bool,
}

/// One line of [`Engine::explain`]: rule id, evidence (or sentence), and
/// whether the context checks accepted it (and why not).
pub type Trace = (String, String, Result<(), String>);

/// Facts about the compiled prefilter, for benches and the slow-path guard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrefilterInfo {
    pub patterns: usize,
    /// Patterns found through anchors; the rest go through the small set.
    pub anchored: usize,
    pub anchors: usize,
    pub rules: usize,
    /// True when no pattern contains a Unicode word boundary.
    pub ascii_boundaries: bool,
    pub dfa_size_limit: usize,
    pub size_limit: usize,
}

/// The rule engine. Build once, call [`Engine::detect`] many times; it is
/// `Send + Sync` and cheap to share.
pub struct Engine {
    rules: Vec<CompiledRule>,
    patterns: Vec<PatternEntry>,
    /// Finds anchors.
    anchors: AnchorIndex,
    /// The patterns anchor `a` anchors: `anchored[anchored_from[a]..
    /// anchored_from[a + 1]]`.
    anchored_from: Vec<u32>,
    anchored: Vec<AnchoredPattern>,
    /// The patterns' other required words, groups ended by
    /// [`image::GROUP_END`], side by side for the anchors' quick test.
    also: Vec<u32>,
    /// Per anchor: true when it may be followed by more letters (a stem).
    anchor_prefix: Vec<bool>,
    /// Patterns without anchors, as one set; set index -> pattern id.
    loose_set: Option<RegexSet>,
    loose_ids: Vec<usize>,
    /// [`Engine::version`] of the rules alone.
    rules_version: String,
    /// Of the rules and the second opinion.
    version: String,
    known_people: Vec<String>,
    second_opinion: Option<SecondOpinion>,
    /// Ids of the rules from the user's own files, which the second opinion
    /// never drops.
    user_rules: Vec<String>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("rules", &self.rules.len())
            .field("patterns", &self.patterns.len())
            .field("version", &self.version)
            .finish()
    }
}

impl Engine {
    /// The engine with the built-in rules and second opinion.
    pub fn builtin() -> Engine {
        Engine::load(&[]).0
    }

    /// The same rules with `second_opinion` in place of the current one
    /// (`None`: the rules alone).
    pub fn with_second_opinion(mut self, second_opinion: Option<SecondOpinion>) -> Engine {
        self.version = match &second_opinion {
            Some(so) => fnv_hex(format!("{}{}", self.rules_version, so.fingerprint()).as_bytes()),
            None => self.rules_version.clone(),
        };
        self.second_opinion = second_opinion;
        self
    }

    /// The second opinion this engine applies, if any.
    pub fn second_opinion(&self) -> Option<&SecondOpinion> {
        self.second_opinion.as_ref()
    }

    /// Built-in rules plus user rule files given as `(path_for_messages,
    /// contents)`. A user file may add rules, replace a built-in rule by
    /// reusing its id, and switch built-in rules off with `disable = [..]`.
    /// Bad files or rules are reported and skipped; the rest still load.
    pub fn load(user_files: &[(String, String)]) -> (Engine, Vec<RuleFileError>) {
        if user_files.is_empty() {
            // The built-in rules have no loose patterns, the only thing
            // that can fail to build.
            let engine = Engine::from_image(builtin::image()).unwrap_or_else(|_| Engine::empty());
            return (
                engine.with_second_opinion(SecondOpinion::builtin()),
                Vec::new(),
            );
        }
        let mut specs = builtin::specs();
        let mut errors = Vec::new();
        let catalog = Catalog::builtin();
        let mut second_opinion = SecondOpinion::builtin();
        let mut user_rules = Vec::new();
        for (name, contents) in user_files {
            let (parsed, errs) = parse::parse_file(name, contents, &catalog, true);
            errors.extend(errs);
            for (id, offset) in &parsed.disable {
                if id == second_opinion::RULE {
                    second_opinion = None;
                    continue;
                }
                let before = specs.len();
                specs.retain(|s| &s.id != id);
                if specs.len() == before {
                    errors.push(RuleFileError::at(
                        name,
                        contents,
                        *offset,
                        format!("disable: no rule with id '{id}'"),
                    ));
                }
            }
            for rule in parsed.rules {
                // Reusing an id replaces the earlier rule: the way to tune a
                // built-in rule without copying the whole file.
                specs.retain(|s| s.id != rule.id);
                user_rules.push(rule.id.clone());
                specs.push(rule);
            }
        }
        match Engine::from_image(Image::from_specs(specs)) {
            Ok(mut engine) => {
                engine.user_rules = user_rules;
                (engine.with_second_opinion(second_opinion), errors)
            }
            Err(msg) => {
                // Only user patterns can make the combined set too big:
                // fall back to the built-in rules and say why.
                errors.push(RuleFileError {
                    file: user_files
                        .first()
                        .map_or_else(|| "rules".to_string(), |f| f.0.clone()),
                    line: 1,
                    column: None,
                    message: format!("user rules ignored: {msg}"),
                });
                let engine =
                    Engine::from_image(builtin::image()).unwrap_or_else(|_| Engine::empty());
                (engine.with_second_opinion(second_opinion), errors)
            }
        }
    }

    fn empty() -> Engine {
        Engine {
            rules: Vec::new(),
            patterns: Vec::new(),
            anchors: AnchorIndex::default(),
            anchored_from: vec![0],
            anchored: Vec::new(),
            also: Vec::new(),
            anchor_prefix: Vec::new(),
            loose_set: None,
            loose_ids: Vec::new(),
            rules_version: fnv_hex(LOGIC_VERSION.as_bytes()),
            version: fnv_hex(LOGIC_VERSION.as_bytes()),
            known_people: Vec::new(),
            second_opinion: None,
            user_rules: Vec::new(),
        }
    }

    /// The engine that runs `image`'s rules.
    fn from_image(image: Image<'static>) -> Result<Engine, String> {
        let Image {
            version,
            anchors: words,
            rules: specs,
            patterns: images,
            checks,
        } = image;
        // An anchor that is nothing but `*` would match every word; a
        // pattern naming one is tried everywhere instead.
        let usable_word: Vec<bool> = words
            .iter()
            .map(|w| !w.trim_end_matches('*').is_empty())
            .collect();
        let usable = |list: &[u32]| {
            !list.is_empty()
                && list
                    .iter()
                    .all(|&a| usable_word.get(a as usize).copied().unwrap_or(false))
        };
        fn primary<'p>(
            p: &'p PatternImage<'static>,
            usable: &impl Fn(&[u32]) -> bool,
        ) -> Option<&'p [u32]> {
            p.anchors.as_deref().filter(|l| usable(l))
        }
        let mut anchored_from = vec![0u32; words.len() + 1];
        for &a in images.iter().filter_map(|p| primary(p, &usable)).flatten() {
            anchored_from[a as usize + 1] += 1;
        }
        for a in 0..words.len() {
            anchored_from[a + 1] += anchored_from[a];
        }
        let mut anchored = vec![AnchoredPattern::default(); anchored_from[words.len()] as usize];
        let mut also = Vec::new();
        let mut filled = anchored_from.clone();
        let mut patterns = Vec::with_capacity(images.len());
        let mut loose_src = Vec::new();
        let mut loose_ids = Vec::new();
        for (pid, p) in images.iter().enumerate() {
            let anchors = primary(p, &usable);
            match anchors {
                Some(ids) => {
                    let from = also.len() as u32;
                    for g in image::groups(&p.also).filter(|g| usable(g)) {
                        also.extend_from_slice(g);
                        also.push(image::GROUP_END);
                    }
                    let entry = AnchoredPattern {
                        pattern: pid as u32,
                        also: (from, also.len() as u32),
                    };
                    for &a in ids {
                        anchored[filled[a as usize] as usize] = entry;
                        filled[a as usize] += 1;
                    }
                }
                None => {
                    loose_src.push(parse::regex_source(&p.src, p.phrase.as_deref()));
                    loose_ids.push(pid);
                }
            }
            let leading = p.leading.as_deref().filter(|l| usable(l)).map(|ids| {
                if ids.is_sorted_by(|a, b| a < b) {
                    p.leading.clone().unwrap_or_default()
                } else {
                    let mut ids = ids.to_vec();
                    ids.sort_unstable();
                    ids.dedup();
                    Cow::Owned(ids)
                }
            });
            patterns.push(PatternEntry {
                rule: p.rule as usize,
                src: p.src.clone(),
                re: OnceLock::new(),
                leading,
                phrase: p.phrase.clone(),
                program: OnceLock::new(),
            });
        }
        let anchor_prefix = words.iter().map(|w| w.ends_with('*')).collect();
        let anchors = AnchorIndex::new(words.iter().map(|w| match w {
            Cow::Borrowed(s) => Cow::Borrowed(s.trim_end_matches('*').as_bytes()),
            Cow::Owned(s) => Cow::Owned(s.trim_end_matches('*').as_bytes().to_vec()),
        }));
        // A user's checks were compiled as the file was read, so a mistake
        // surfaced there; the built-in ones are tested.
        // The checks' anchors, in the order of the rules' phrases; if they
        // do not line up one to one, no check takes the shortcut.
        let expected = specs
            .iter()
            .enumerate()
            .flat_map(|(ri, s)| std::iter::repeat_n(ri, s.requires.len() + s.unless.len()));
        let aligned = checks.len() == expected.clone().count()
            && checks
                .iter()
                .zip(expected)
                .all(|(c, ri)| c.rule as usize == ri);
        let sorted = |a: &Cow<'static, [u32]>| {
            if a.is_sorted() {
                a.clone()
            } else {
                let mut a = a.to_vec();
                a.sort_unstable();
                Cow::Owned(a)
            }
        };
        let mut check_words = checks.iter().map(|c| {
            if aligned {
                (
                    c.anchors.as_ref().map(sorted),
                    c.leading.as_ref().filter(|l| usable(l)).map(sorted),
                )
            } else {
                (None, None)
            }
        });
        let mut check = |phrase: &str| {
            let mut c = Check::new(phrase);
            (c.anchors, c.leading) = check_words.next().unwrap_or((None, None));
            c
        };
        let rules = specs
            .into_iter()
            .map(|spec| CompiledRule {
                requires: spec.requires.iter().map(|p| check(p)).collect(),
                unless: spec.unless.iter().map(|p| check(p)).collect(),
                spec,
            })
            .collect();
        let loose_set = if loose_src.is_empty() {
            None
        } else {
            Some(
                RegexSetBuilder::new(&loose_src)
                    .size_limit(SET_SIZE_LIMIT)
                    .dfa_size_limit(DFA_SIZE_LIMIT)
                    .build()
                    .map_err(|e| e.to_string())?,
            )
        };
        Ok(Engine {
            rules,
            patterns,
            anchors,
            anchored_from,
            anchored,
            also,
            anchor_prefix,
            loose_set,
            loose_ids,
            rules_version: version.to_string(),
            version: version.into_owned(),
            known_people: Vec::new(),
            second_opinion: None,
            user_rules: Vec::new(),
        })
    }

    /// The patterns anchor `a` anchors.
    fn anchored_by(&self, a: u32) -> &[AnchoredPattern] {
        let a = a as usize;
        &self.anchored[self.anchored_from[a] as usize..self.anchored_from[a + 1] as usize]
    }

    /// Names the caller already knows (e.g. from earlier entries), found in
    /// sentences even when written in lower case.
    pub fn with_known_people(mut self, names: Vec<String>) -> Engine {
        self.known_people = names;
        self
    }

    /// A stable hash of every active rule and of the context logic. It changes
    /// when any rule is added, removed or edited, so stored detections can be
    /// recomputed when it differs.
    pub fn version(&self) -> String {
        self.version.clone()
    }

    /// Ids of the active rules, in load order.
    pub fn rule_ids(&self) -> Vec<&str> {
        self.rules.iter().map(|r| r.spec.id.as_str()).collect()
    }

    /// The label a rule gives, by the rule's id.
    pub fn label_of(&self, rule: &str) -> Option<&str> {
        self.rules
            .iter()
            .find(|r| r.spec.id == rule)
            .map(|r| r.spec.label.as_str())
    }

    pub fn prefilter_info(&self) -> PrefilterInfo {
        PrefilterInfo {
            patterns: self.patterns.len(),
            anchored: self.patterns.len() - self.loose_ids.len(),
            anchors: self.anchor_prefix.len(),
            rules: self.rules.len(),
            ascii_boundaries: self
                .patterns
                .iter()
                .all(|p| !has_unicode_boundary(&p.source())),
            dfa_size_limit: DFA_SIZE_LIMIT,
            size_limit: SET_SIZE_LIMIT,
        }
    }

    /// Candidate (sentence, pattern) pairs from the anchors and the small
    /// set, sorted by sentence; and every anchor hit, sorted by position.
    fn candidates(
        &self,
        text: &str,
        sentences: &[(usize, usize)],
    ) -> (Vec<(usize, usize)>, Vec<Hit>) {
        // Sized for journal prose (an anchor every ~8 bytes) so that
        // growing them is rare: reallocation was 4% of detecting.
        let mut candidates: Vec<(usize, usize)> = Vec::with_capacity(text.len() / 16 + 8);
        let mut hits: Vec<Hit> = Vec::with_capacity(text.len() / 8 + 8);
        // Whole words only: an anchor followed by more of the word (unless
        // it is a stem) is not whole, though it still marks where a leading
        // word may begin.
        // Anchors come in text order, so the sentence holding one only
        // moves forward.
        let mut si = 0;
        self.anchors.find(text, |found| {
            let at = found.at;
            let aid = found.anchor;
            while si < sentences.len() && sentences[si].1 <= at {
                si += 1;
            }
            if si >= sentences.len() || sentences[si].0 > at {
                return;
            }
            hits.push(Hit {
                sentence: si,
                at,
                anchor: aid,
                whole: found.whole || self.anchor_prefix[aid as usize],
            });
        });
        // The anchors of one sentence as bits, each whole-word anchor once:
        // a pattern's other words are then checked a bit each, not searched
        // for. Hits come in text order, so a sentence's are one run.
        let mut bits = vec![0u64; self.anchor_prefix.len().div_ceil(64)];
        let mut here: Vec<u32> = Vec::new();
        let mut k = 0;
        while k < hits.len() {
            let si = hits[k].sentence;
            let mut end = k;
            here.clear();
            while end < hits.len() && hits[end].sentence == si {
                let h = hits[end];
                if h.whole && !has_bit(&bits, h.anchor) {
                    bits[h.anchor as usize / 64] |= 1 << (h.anchor % 64);
                    here.push(h.anchor);
                }
                end += 1;
            }
            let from = candidates.len();
            for &aid in &here {
                for a in self.anchored_by(aid) {
                    let also = &self.also[a.also.0 as usize..a.also.1 as usize];
                    if every_group_present(also, &bits) {
                        candidates.push((si, a.pattern as usize));
                    }
                }
            }
            // Sentences come in order, so sorting each one's candidates
            // sorts them all.
            candidates[from..].sort_unstable();
            for &aid in &here {
                bits[aid as usize / 64] = 0;
            }
            k = end;
        }
        if let Some(set) = &self.loose_set {
            for (si, &(s, e)) in sentences.iter().enumerate() {
                for k in set.matches(&text[s..e]).iter() {
                    candidates.push((si, self.loose_ids[k]));
                }
            }
            candidates.sort_unstable();
        }
        candidates.dedup();
        (candidates, hits)
    }

    /// All detections in `text`, sorted by start offset.
    pub fn detect(&self, text: &str) -> Vec<Detection> {
        self.detect_inner(text, &self.known_people, None)
    }

    /// Like [`Engine::detect`], with extra known names for this call.
    pub fn detect_with_people(&self, text: &str, known: &[String]) -> Vec<Detection> {
        let mut all = self.known_people.clone();
        all.extend(known.iter().cloned());
        self.detect_inner(text, &all, None)
    }

    /// Explains, for each rule whose pattern matched, whether the context
    /// checks accepted it. For tests and for tuning rules.
    pub fn explain(&self, text: &str) -> Vec<Trace> {
        let mut out = Vec::new();
        self.detect_inner(text, &self.known_people, Some(&mut out));
        out
    }

    fn detect_inner(
        &self,
        text: &str,
        known: &[String],
        mut trace: Option<&mut Vec<Trace>>,
    ) -> Vec<Detection> {
        // Everything below reads `@Sam` as `Sam`; `original` is kept for the
        // evidence and for telling mentions from names. Offsets are shared.
        let original = text;
        let unmentioned = text::unmention(text);
        let text: &str = &unmentioned;
        let sentences = text::sentences(text);
        if sentences.is_empty() {
            return Vec::new();
        }
        let (candidates, hits) = self.candidates(text, &sentences);
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut out: Vec<Detection> = Vec::new();
        // Index of the rule behind each detection, for the label conditions.
        let mut rule_of: Vec<usize> = Vec::new();
        // Where each detection's line is in the trace, when explaining.
        let mut traced_at: Vec<usize> = Vec::new();
        let entry_therapy = std::cell::OnceCell::new();
        let anchor_count = self.anchor_prefix.len();
        let whole_entry: std::cell::OnceCell<Vec<u64>> = std::cell::OnceCell::new();
        let mut entry_scope: std::collections::HashMap<usize, bool> =
            std::collections::HashMap::new();
        let mut k = 0;
        while k < candidates.len() {
            let si = candidates[k].0;
            let mut end = k;
            while end < candidates.len() && candidates[end].0 == si {
                end += 1;
            }
            let (s, e) = sentences[si];
            let sentence = &text[s..e];
            let hits_from = hits.partition_point(|h| h.sentence < si);
            let hits_to = hits.partition_point(|h| h.sentence <= si);
            let hits_here = &hits[hits_from..hits_to];
            // Tokens and the therapy check are only needed once a pattern
            // actually matches, which most anchor hits do not.
            let toks_cell: std::cell::OnceCell<Vec<text::Token>> = std::cell::OnceCell::new();
            let told_cell: std::cell::OnceCell<bool> = std::cell::OnceCell::new();
            let told_habit_cell: std::cell::OnceCell<bool> = std::cell::OnceCell::new();
            let telling_cell: std::cell::OnceCell<Vec<usize>> = std::cell::OnceCell::new();
            let whole_here: std::cell::OnceCell<Vec<u64>> = std::cell::OnceCell::new();
            let mut people: Option<Vec<String>> = None;
            for &(_, pid) in &candidates[k..end] {
                let entry = &self.patterns[pid];
                let ri = entry.rule;
                let rule = &self.rules[ri];
                entry.matches(sentence, s, hits_here, &mut spans);
                if spans.is_empty() {
                    continue;
                }
                // Catalog rule 13: telling a therapist about a habit is
                // therapy, not a sign of this entry.
                let telling = || {
                    telling_cell.get_or_init(|| {
                        let mut starts = Vec::new();
                        telling_starts(sentence, &mut starts);
                        starts
                    })
                };
                let told_therapist = || {
                    *told_cell.get_or_init(|| {
                        THERAPY_REPORT.is_match_from(sentence, telling().iter().copied())
                            || (TOLD_PRONOUN.is_match_at_start(sentence)
                                && *entry_therapy.get_or_init(|| THERAPY_ENTRY.is_match(text)))
                    })
                };
                let told_habit = || {
                    *told_habit_cell.get_or_init(|| {
                        TOLD_HABIT.is_match_from(sentence, telling().iter().copied())
                    })
                };
                if rule.spec.family == Family::Sign
                    && !telling().is_empty()
                    && (told_therapist() || told_habit())
                {
                    continue;
                }
                // The same report names no event of the day: "talked through
                // how I go quiet whenever Phil wants a serious chat" is no
                // bid today.
                if rule.spec.family == Family::Trigger
                    && !telling().is_empty()
                    && after_whenever(&sentence[..spans[0].0])
                    && (told_therapist() || told_habit())
                {
                    continue;
                }
                let passes = |scope: &str, offset: usize, hits: Option<HitsIn<'_>>| {
                    let found = |c: &Check| c.is_match_in(scope, offset, hits);
                    !rule.unless.iter().any(found)
                        && (rule.requires.is_empty() || rule.requires.iter().any(found))
                };
                let ok = match rule.spec.within {
                    Scope::Sentence => passes(
                        sentence,
                        s,
                        Some(HitsIn {
                            list: hits_here,
                            whole: whole_here.get_or_init(|| whole_words(hits_here, anchor_count)),
                        }),
                    ),
                    // Entry-wide conditions are checked once per detect call,
                    // and only where the whole text holds one of their anchors.
                    Scope::Entry => *entry_scope.entry(ri).or_insert_with(|| {
                        let whole = whole_entry.get_or_init(|| whole_words(&hits, anchor_count));
                        passes(text, 0, Some(HitsIn { list: &hits, whole }))
                    }),
                };
                if !ok {
                    if let Some(t) = trace.as_deref_mut() {
                        t.push((
                            rule.spec.id.clone(),
                            sentence.to_string(),
                            Err("the words around it say otherwise (requires/unless)".into()),
                        ));
                    }
                    continue;
                }
                let toks = toks_cell.get_or_init(|| text::tokens(text, s, e));
                for &(start, end) in &spans {
                    // An optional last step ("fine <q>") can leave the space
                    // before it inside the match; the evidence shows words only.
                    let (ms, me) = text::trimmed(original, s + start, s + end);
                    let first = toks.partition_point(|t| t.end <= ms);
                    let after = toks.partition_point(|t| t.start < me);
                    let verdict = context::check(
                        toks,
                        first,
                        after,
                        rule.spec.subject,
                        rule.spec.negation,
                        rule.spec.mood,
                    )
                    .and_then(|who| {
                        let own_deed = matches!(rule.spec.family, Family::Sign | Family::Step)
                            && rule.spec.subject == Subject::Author;
                        if own_deed && context::done_to_author(toks, first, after, who) {
                            Err(Rejected::WrongSubject(Who::Other))
                        } else {
                            Ok(who)
                        }
                    });
                    if let Some(t) = trace.as_deref_mut() {
                        t.push((
                            rule.spec.id.clone(),
                            original[ms..me].to_string(),
                            verdict.map(|_| ()).map_err(describe),
                        ));
                    }
                    if verdict.is_err() {
                        continue;
                    }
                    let people = people
                        .get_or_insert_with(|| text::people(original, toks, known))
                        .clone();
                    rule_of.push(ri);
                    if let Some(t) = trace.as_deref() {
                        traced_at.push(t.len() - 1);
                    }
                    out.push(Detection {
                        family: rule.spec.family,
                        label: rule.spec.label.clone(),
                        rule: rule.spec.id.clone(),
                        start: ms,
                        end: me,
                        evidence: original[ms..me].to_string(),
                        people,
                    });
                }
            }
            k = end;
        }
        // Each pass drops detections and the rule and trace line beside
        // them, so the next pass still reads every detection's own rule.
        let mut passes = Kept {
            dets: &mut out,
            rule_of: &mut rule_of,
            traced_at: &mut traced_at,
            trace,
        };
        let keep = self.label_conditions_keep(passes.dets, passes.rule_of);
        // Those that lacked a needed label wait for the second opinion, which
        // may find that label in words no rule knows.
        let waiting: Vec<(Detection, usize)> = match (&keep, &self.second_opinion) {
            (Some(keep), Some(_)) => passes
                .dets
                .iter()
                .zip(passes.rule_of.iter())
                .zip(keep)
                .filter(|((_, ri), kept)| !**kept && !self.rules[**ri].spec.with_label.is_empty())
                .map(|((d, ri), _)| (d.clone(), *ri))
                .collect(),
            _ => Vec::new(),
        };
        passes.retain(keep, DROPPED_BY_LABEL);
        let keep = self.sentence_conditions_keep(passes.dets, passes.rule_of, &sentences);
        passes.retain(keep, DROPPED_IN_SENTENCE);
        let keep = taken_back_keep(passes.dets, text, &sentences);
        passes.retain(keep, DROPPED_TAKEN_BACK);
        let keep = measured_other_keep(passes.dets, text, &sentences);
        passes.retain(keep, DROPPED_MEASURED_OTHER);
        let trace = passes.trace;
        dedup(&mut out);
        if let Some(so) = &self.second_opinion {
            let user = |d: &Detection| self.user_rules.contains(&d.rule);
            let dropped = so.apply(original, text, known, user, &mut out);
            let restored = self.restore_waiting(waiting, &mut out);
            if let Some(trace) = trace {
                // The earlier line said it was dropped; this one says why not.
                for d in restored {
                    trace.push((d.rule, d.evidence, Ok(())));
                }
                for (d, p) in dropped {
                    trace.push((
                        d.rule,
                        d.evidence,
                        Err(format!(
                            "dropped: the learned second opinion finds this label unlikely here ({:.0}%)",
                            p * 100.0
                        )),
                    ));
                }
            }
        }
        referent::attribute(original, text, &sentences, known, &mut out);
        out
    }

    /// Drops detections whose rule needs (or forbids) another label in the
    /// same entry. The condition is judged on detections of unconditional
    /// rules only, so the result does not depend on rule order.
    fn label_conditions_keep(&self, dets: &[Detection], rule_of: &[usize]) -> Option<Vec<bool>> {
        // Three tiers keep the result independent of rule order while letting
        // a rule that only *forbids* a label (conflict unless picked-fight)
        // still enable one that *needs* it (walked off needs a conflict):
        // 0 = no conditions, 1 = only `without_label`, 2 = any `with_label`.
        let tier = |ri: usize| {
            let s = &self.rules[ri].spec;
            if !s.with_label.is_empty() {
                2
            } else if !s.without_label.is_empty() {
                1
            } else {
                0
            }
        };
        if !rule_of.iter().any(|ri| tier(*ri) > 0) {
            return None;
        }
        let has = |base: &[(Family, &str)], list: &[(Family, String)]| {
            list.iter()
                .any(|(f, l)| base.iter().any(|(bf, bl)| bf == f && bl == l))
        };
        let mut base: Vec<(Family, &str)> = dets
            .iter()
            .zip(rule_of)
            .filter(|(_, ri)| tier(**ri) == 0)
            .map(|(d, _)| (d.family, d.label.as_str()))
            .collect();
        let mut keep: Vec<bool> = vec![true; dets.len()];
        for (k, ri) in rule_of.iter().enumerate() {
            if tier(*ri) == 1 {
                keep[k] = !has(&base, &self.rules[*ri].spec.without_label);
            }
        }
        let tier1: Vec<(Family, &str)> = dets
            .iter()
            .zip(rule_of)
            .zip(&keep)
            .filter(|((_, ri), kept)| tier(**ri) == 1 && **kept)
            .map(|((d, _), _)| (d.family, d.label.as_str()))
            .collect();
        base.extend(tier1);
        for (k, ri) in rule_of.iter().enumerate() {
            if tier(*ri) == 2 {
                let s = &self.rules[*ri].spec;
                keep[k] = has(&base, &s.with_label)
                    && (s.without_label.is_empty() || !has(&base, &s.without_label));
            }
        }
        Some(keep)
    }

    /// Brings back the detections that lacked a needed label (`with_label`)
    /// when the second opinion has since added it, and nothing they rule
    /// out is there: "started in on me about my grades ... put my headphones
    /// in and walked out". Not on a closeness bid the model added: it adds
    /// bids for any wish to talk, and on the labelled texts the kept-distance
    /// it brought back was wrong two times in three. The veto is not asked
    /// again: the label waited for is the model's own reading of the entry.
    fn restore_waiting(
        &self,
        waiting: Vec<(Detection, usize)>,
        out: &mut Vec<Detection>,
    ) -> Vec<Detection> {
        let mut restored = Vec::new();
        if waiting.is_empty() {
            return restored;
        }
        let holds = |list: &[(Family, String)], out: &[Detection], bids: bool| {
            list.iter().any(|(f, l)| {
                (bids || !(*f == Family::Trigger && l == "closeness-bid"))
                    && out.iter().any(|d| d.family == *f && &d.label == l)
            })
        };
        for (d, ri) in waiting {
            let s = &self.rules[ri].spec;
            if !holds(&s.with_label, out, false) || holds(&s.without_label, out, true) {
                continue;
            }
            // A label the model added itself carries its whole sentence; the
            // rule's own words are the better evidence for it.
            match out
                .iter()
                .position(|o| o.family == d.family && o.label == d.label)
            {
                None => {
                    restored.push(d.clone());
                    out.push(d);
                }
                Some(i) if out[i].rule.starts_with(second_opinion::RULE) => {
                    restored.push(d.clone());
                    out[i] = d;
                }
                Some(_) => {}
            }
        }
        if !restored.is_empty() {
            out.sort_by_key(|d| d.start);
        }
        restored
    }

    /// Drops detections whose rule forbids a label in its own sentence
    /// (`without_label_in_sentence`). Judged on the detections of rules
    /// without such a condition, so the result does not depend on rule order.
    fn sentence_conditions_keep(
        &self,
        dets: &[Detection],
        rule_of: &[usize],
        sentences: &[(usize, usize)],
    ) -> Option<Vec<bool>> {
        let conditional = |ri: usize| !self.rules[ri].spec.without_label_in_sentence.is_empty();
        if !rule_of.iter().any(|&ri| conditional(ri)) {
            return None;
        }
        let sentence_of = |at: usize| sentence_index(sentences, at);
        // The labels each sentence holds, sorted by sentence, so a 1 MB entry
        // with thousands of detections stays n log n.
        let mut held: Vec<(usize, Family, &str)> = dets
            .iter()
            .zip(rule_of)
            .filter(|&(_, &ri)| !conditional(ri))
            .map(|(d, _)| (sentence_of(d.start), d.family, d.label.as_str()))
            .collect();
        held.sort_unstable();
        let keep: Vec<bool> = dets
            .iter()
            .zip(rule_of)
            .map(|(d, &ri)| {
                let forbidden = &self.rules[ri].spec.without_label_in_sentence;
                if forbidden.is_empty() {
                    return true;
                }
                let here = sentence_of(d.start);
                let from = held.partition_point(|h| h.0 < here);
                let to = held.partition_point(|h| h.0 <= here);
                !held[from..to].iter().any(|&(_, family, label)| {
                    forbidden.iter().any(|(f, l)| *f == family && l == label)
                })
            })
            .collect();
        Some(keep)
    }
}

/// The detections of one call, with the rule behind each and, when
/// explaining, the trace and where each one's line is in it.
struct Kept<'a, 't> {
    dets: &'a mut Vec<Detection>,
    rule_of: &'a mut Vec<usize>,
    traced_at: &'a mut Vec<usize>,
    trace: Option<&'t mut Vec<Trace>>,
}

impl Kept<'_, '_> {
    /// Keeps the detections whose flag in `keep` (one per detection, `None`
    /// for all) is set, and their rules; a dropped one's trace line says why.
    fn retain(&mut self, keep: Option<Vec<bool>>, why: &str) {
        let Some(keep) = keep else {
            return;
        };
        if let Some(trace) = self.trace.as_deref_mut() {
            for (&at, _) in self.traced_at.iter().zip(&keep).filter(|(_, k)| !**k) {
                if let Some(line) = trace.get_mut(at) {
                    line.2 = Err(why.to_string());
                }
            }
        }
        retain_flagged(self.dets, &keep);
        retain_flagged(self.rule_of, &keep);
        retain_flagged(self.traced_at, &keep);
    }
}

/// Keeps the items whose flag in `keep` (one per item) is set.
fn retain_flagged<T>(items: &mut Vec<T>, keep: &[bool]) {
    let mut k = keep.iter();
    items.retain(|_| k.next().copied().unwrap_or(true));
}

/// Why a label condition dropped a detection, as `explain` shows it.
const DROPPED_BY_LABEL: &str = "dropped: the entry lacks a label this rule needs (with_label), \
                                or holds one it rules out (without_label)";
const DROPPED_IN_SENTENCE: &str =
    "dropped: its sentence holds a label this rule rules out (without_label_in_sentence)";

const DROPPED_TAKEN_BACK: &str =
    "dropped: the next sentence takes it back (\"Didn't.\"), a near miss";

const DROPPED_MEASURED_OTHER: &str =
    "dropped: a measure of replies after a sentence on how someone else has been is theirs";

/// The index of the sentence (in `sentences`, sorted spans) that holds the
/// byte `at`.
fn sentence_index(sentences: &[(usize, usize)], at: usize) -> usize {
    sentences.partition_point(|&(_, e)| e <= at)
}

/// Drops a sign found in a sentence that only measures replies ("Short
/// replies, never suggests a call.") after one on how someone else has been
/// ("Harriet's been really distant since she moved."). Rare, so the two
/// sentences are read again only when a sign starts a sentence.
fn measured_other_keep(
    dets: &[Detection],
    text: &str,
    sentences: &[(usize, usize)],
) -> Option<Vec<bool>> {
    let sentence_of = |at: usize| sentence_index(sentences, at);
    let mut any = false;
    let keep: Vec<bool> = dets
        .iter()
        .map(|d| {
            if d.family != Family::Sign {
                return true;
            }
            let here = sentence_of(d.start);
            let (Some(&(s, e)), Some(&(ps, pe))) = (
                sentences.get(here),
                here.checked_sub(1).and_then(|p| sentences.get(p)),
            ) else {
                return true;
            };
            if text.get(s..d.start).is_none_or(|b| !b.trim().is_empty()) {
                return true;
            }
            let toks = text::tokens(text, s, e);
            let before = text::tokens(text, ps, pe);
            let drop = context::measure_continues_other(&toks, &before);
            any |= drop;
            !drop
        })
        .collect();
    any.then_some(keep)
}

/// Whether `sentence` only says the thing before it did not happen: "Didn't.",
/// "But I didn't.", "I didn't in the end."
fn is_taken_back(sentence: &str) -> bool {
    // Most sentences are longer than the longest form; they cost nothing.
    if sentence.trim().len() > 36 {
        return false;
    }
    let folded = sentence.trim().to_lowercase().replace('’', "'");
    let mut rest = folded.trim_end_matches(['.', '!', ' ']);
    for lead in ["but ", "and "] {
        rest = rest.strip_prefix(lead).unwrap_or(rest);
    }
    rest = rest.strip_prefix("i ").unwrap_or(rest);
    let Some(rest) = ["didn't", "did not", "didnt"]
        .iter()
        .find_map(|d| rest.strip_prefix(d))
    else {
        return false;
    };
    matches!(
        rest.trim_start_matches(',').trim(),
        "" | "though" | "in the end" | "this time" | "though, this time"
    )
}

/// Drops a sign told as what the author was about to do ("... to storm
/// off") when the next sentence is a bare "Didn't.": "I had my keys in my
/// hand to storm off. Didn't." is a near miss (catalog rule 2), told over
/// two sentences. Only the infinitive: after "Said I had a migraine." the
/// same "I didn't." takes back the excuse, not the sign. Signs only: what
/// happened to the author, or a step taken, is not taken back this way.
fn taken_back_keep(
    dets: &[Detection],
    text: &str,
    sentences: &[(usize, usize)],
) -> Option<Vec<bool>> {
    let taken_back: Vec<bool> = sentences
        .iter()
        .map(|&(s, e)| text.get(s..e).is_some_and(is_taken_back))
        .collect();
    if !taken_back.iter().any(|&t| t) {
        return None;
    }
    let sentence_of = |at: usize| sentence_index(sentences, at);
    Some(
        dets.iter()
            .map(|d| {
                let here = sentence_of(d.start);
                let next_takes_back = taken_back.get(here + 1).copied().unwrap_or(false);
                let before = sentences
                    .get(here)
                    .and_then(|&(s, _)| text.get(s..d.start))
                    .unwrap_or("")
                    .trim_end()
                    .to_lowercase();
                let about_to = before == "to" || before.ends_with(" to");
                d.family != Family::Sign || !(next_takes_back && about_to)
            })
            .collect(),
    )
}

/// Why a rule about what others did passed over the author's own words.
pub const AUTHOR_NOT_WANTED: &str = "the author did it, rule wants someone else";

fn describe(r: Rejected) -> String {
    match r {
        Rejected::WrongSubject(Who::Other) => "someone else did it".into(),
        Rejected::WrongSubject(_) => AUTHOR_NOT_WANTED.into(),
        Rejected::Negated => "negated or nearly done".into(),
        Rejected::NotActual => "intended, hypothetical or past habit".into(),
    }
}

/// Sorts by start and drops repeats: the same label found by two rules on
/// overlapping words is one piece of evidence, not two.
fn dedup(dets: &mut Vec<Detection>) {
    dets.sort_by(|a, b| {
        (a.start, std::cmp::Reverse(a.end), a.family, &a.label).cmp(&(
            b.start,
            std::cmp::Reverse(b.end),
            b.family,
            &b.label,
        ))
    });
    let mut kept: Vec<Detection> = Vec::with_capacity(dets.len());
    for d in dets.drain(..) {
        let overlaps = kept.iter().rev().take(16).any(|k| {
            k.family == d.family && k.label == d.label && k.start < d.end && d.start < k.end
        });
        if !overlaps {
            kept.push(d);
        }
    }
    *dets = kept;
}

/// True when `src` holds a `\b` or `\B` outside an ASCII group `(?-u:..)`.
fn has_unicode_boundary(src: &str) -> bool {
    let cleaned = src.replace("(?-u:\\b)", "").replace("(?-u:\\B)", "");
    let mut chars = cleaned.chars();
    while let Some(c) = chars.next() {
        if c == '\\' && matches!(chars.next(), Some('b' | 'B')) {
            return true;
        }
    }
    false
}

/// [`Engine::version`] of these rules.
pub(crate) fn version_of(specs: &[RuleSpec]) -> String {
    let mut canon = String::from(LOGIC_VERSION);
    for s in specs {
        canon.push_str(&format!(
            "\u{1}{}\u{2}{}\u{2}{}\u{2}{:?}\u{2}{:?}\u{2}{:?}\u{2}{}\u{2}{}\u{2}{}\u{2}{:?}\u{2}{:?}\u{2}{:?}\u{2}{:?}",
            s.id,
            s.family.as_str(),
            s.label,
            s.subject,
            s.negation,
            s.mood,
            s.patterns
                .iter()
                .map(|p| p.phrase.as_deref().unwrap_or(&p.src))
                .collect::<Vec<_>>()
                .join("\u{3}"),
            s.requires.join("\u{3}"),
            s.unless.join("\u{3}"),
            s.within,
            s.with_label,
            s.without_label,
            s.without_label_in_sentence,
        ));
    }
    fnv_hex(canon.as_bytes())
}

/// FNV-1a, 64 bit: tiny, and unlike `DefaultHasher` stable across Rust
/// releases, which a version stored in a database needs.
pub(crate) fn fnv_hex(bytes: &[u8]) -> String {
    format!("{:016x}", fnv_extend(FNV_OFFSET, bytes))
}

/// Where an FNV-1a hash starts.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a over `bytes`, going on from `h`; a `const fn`, so the built-in
/// rules' stamp is worked out as the binary is compiled.
pub(crate) const fn fnv_extend(mut h: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    h
}

/// Family of a detection, for callers that only have the label.
pub fn family_of(label: &str) -> Option<Family> {
    let catalog = Catalog::builtin();
    Family::ALL
        .into_iter()
        .find(|f| catalog.get(*f, label).is_some())
}

#[cfg(test)]
mod tests {
    #[test]
    fn evidence_starts_and_ends_on_a_word() {
        // "fine <q>": the optional closing quote used to leave the blank before it.
        let engine = Engine::builtin();
        let dets = engine.detect("Told Mum I was fine when she asked.");
        assert!(!dets.is_empty());
        for d in &dets {
            assert_eq!(d.evidence, d.evidence.trim(), "{}", d.rule);
            assert_eq!(d.evidence.len(), d.end - d.start);
        }
    }

    #[test]
    fn every_built_in_pattern_and_context_check_compiles() {
        // They compile lazily, so a broken one would never match and never say so.
        let engine = Engine::builtin();
        for p in &engine.patterns {
            assert!(
                p.regex().is_some(),
                "pattern does not compile: {}",
                p.source()
            );
            if p.phrase.is_some() {
                assert!(p.program().is_some(), "no phrase steps for: {:?}", p.phrase);
            }
        }
        let therapy = [&THERAPY_REPORT, &THERAPY_ENTRY, &TOLD_PRONOUN, &TOLD_HABIT];
        let checks = engine
            .rules
            .iter()
            .flat_map(|rule| rule.requires.iter().chain(&rule.unless))
            .chain(therapy.iter().map(|c| &***c));
        for check in checks {
            assert!(
                check.regex().is_some() && check.program().is_some(),
                "context check does not compile: {}",
                check.phrase
            );
        }
    }

    use super::*;

    #[test]
    fn the_generated_image_runs_as_the_rules_it_came_from() {
        // The built-in image (generated statics) and the one a user's rule
        // file makes (specs numbered again) must be the same engine.
        let generated = Engine::builtin();
        let (numbered, errors) = Engine::load(&[("empty.toml".into(), "# nothing\n".into())]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(generated.version(), numbered.version());
        assert_eq!(generated.rule_ids(), numbered.rule_ids());
        assert_eq!(generated.prefilter_info(), numbered.prefilter_info());
        let texts = [
            include_str!("../../tests/data/rules/examples.jsonl"),
            include_str!("../../tests/data/rules/holdout.jsonl"),
            include_str!("../../tests/data/rules/fresh.jsonl"),
            include_str!("../../tests/data/rules/unseen.jsonl"),
        ];
        let mut found = 0;
        for e in texts
            .iter()
            .flat_map(|f| super::super::eval::parse_jsonl(f).unwrap_or_default())
        {
            let dets = generated.detect(&e.text);
            found += dets.len();
            assert_eq!(dets, numbered.detect(&e.text), "{:?}", e.text);
        }
        assert!(
            found > 100,
            "only {found} detections: the comparison is empty"
        );
    }

    #[test]
    fn anchored_matching_finds_what_a_full_search_finds() {
        // Starting each pattern only at its leading words must give the
        // same spans as searching the whole sentence, or detections change.
        let engine = Engine::builtin();
        let mut texts: Vec<String> = [
            include_str!("../../tests/data/rules/examples.jsonl"),
            include_str!("../../tests/data/rules/holdout.jsonl"),
            include_str!("../../tests/data/rules/fresh.jsonl"),
            include_str!("../../tests/data/rules/unseen.jsonl"),
        ]
        .iter()
        .flat_map(|f| super::super::eval::parse_jsonl(f).unwrap_or_default())
        .map(|e| e.text)
        .collect();
        // The dev corpus too, when it sits beside the project (as in CI).
        let dev = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/dev.jsonl");
        if let Ok(src) = std::fs::read_to_string(dev) {
            texts.extend(
                super::super::eval::parse_jsonl(&src)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|e| e.text),
            );
        }
        texts.push(
            "Won't reply. Will not reply! Check in, check-in, checkin; cannot, can not. \
                    DIDN'T ANSWER, did not answer, didnt answer; I’m ghosting, I'm ghosting"
                .to_string(),
        );
        let mut compared = 0;
        let mut checked = 0;
        let mut spans = Vec::new();
        let mut by_phrase = Vec::new();
        for text in &texts {
            let text = text::unmention(text);
            let sentences = text::sentences(&text);
            let (candidates, hits) = engine.candidates(&text, &sentences);
            for (si, &(s, e)) in sentences.iter().enumerate() {
                let sentence = &text[s..e];
                let from = hits.partition_point(|h| h.sentence < si);
                let to = hits.partition_point(|h| h.sentence <= si);
                for (pid, p) in engine.patterns.iter().enumerate() {
                    // Every phrase through the phrase matcher, anchored where
                    // the engine anchors it, against the whole regex search.
                    if let Some(program) = p.program() {
                        assert!(
                            p.phrase_matches(program, sentence, s, &hits[from..to], &mut by_phrase),
                            "gave up: {} in {sentence:?}",
                            p.source()
                        );
                    } else {
                        assert!(p.phrase.is_none(), "no program for {:?}", p.phrase);
                        by_phrase.clear();
                    }
                    if p.leading.is_some() {
                        p.regex_matches(sentence, s, &hits[from..to], &mut spans);
                    }
                    let full: Vec<(usize, usize)> = p
                        .regex()
                        .expect("compiles")
                        .find_iter(sentence)
                        .filter(|m| m.start() < m.end())
                        .map(|m| (m.start(), m.end()))
                        .collect();
                    if p.leading.is_some() {
                        assert_eq!(spans, full, "{} in {sentence:?}", p.source());
                    }
                    if p.phrase.is_some() {
                        assert_eq!(by_phrase, full, "phrase {:?} in {sentence:?}", p.phrase);
                    }
                    // A sentence where the pattern matches must have its
                    // anchors, or the engine never tries it there.
                    if !full.is_empty() && !engine.loose_ids.contains(&pid) {
                        assert!(
                            candidates.binary_search(&(si, pid)).is_ok(),
                            "{} matches {sentence:?} but its anchors are not all there",
                            p.source()
                        );
                    }
                    compared += full.len();
                }
                // A requires/unless phrase that matches must find its anchor
                // words in the sentence, or the shortcut would skip it; and
                // trying it only at its leading words must find the same.
                for c in engine
                    .rules
                    .iter()
                    .flat_map(|r| r.requires.iter().chain(&r.unless))
                {
                    let found = c.is_match(sentence);
                    let whole = whole_words(&hits[from..to], engine.anchor_prefix.len());
                    let here = HitsIn {
                        list: &hits[from..to],
                        whole: &whole,
                    };
                    assert_eq!(
                        c.is_match_in(sentence, s, Some(here)),
                        found,
                        "{:?} in {sentence:?}",
                        c.phrase
                    );
                    if found {
                        assert!(
                            c.may_match(Some(here)),
                            "{:?} matches {sentence:?} but its anchors are not there",
                            c.phrase
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(compared > 100, "only {compared} matches compared");
        assert!(checked > 20, "only {checked} check matches compared");
    }

    /// Words of the built-in phrases, with the inflections `~` stands for,
    /// and some of the text the phrase steps treat specially.
    static VOCABULARY: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let mut words: Vec<String> = ENGINE
            .patterns
            .iter()
            .filter_map(|p| p.phrase.as_deref())
            .flat_map(|ph| {
                ph.split(|c: char| c.is_whitespace() || "()|?<>".contains(c))
                    .map(|w| w.trim_end_matches(['~', '*']).to_string())
                    .collect::<Vec<_>>()
            })
            .filter(|w| !w.is_empty() && !w.starts_with(".."))
            .flat_map(|w| parse::inflections(&w))
            .collect();
        words.extend(
            [
                "I",
                "Sam",
                "Sam's",
                "Bea’s",
                "my sister",
                "McKay",
                "didnt",
                "did not",
                "don’t",
                "can not",
                "cannot",
                "'",
                "\"",
                "“",
                "”",
                ",",
                ".",
                "!",
                "-",
                "one word",
                "12",
                "k",
                "ok",
                "fine",
                "it's",
                "ſ",
                "@Jo",
                "👍",
                "é",
            ]
            .map(String::from),
        );
        words.sort();
        words.dedup();
        words
    });

    /// Writes one text a phrase describes, choosing with `dice`: an
    /// alternative per group, a form per `~` word, words for gaps and
    /// placeholders. Text that matches, or nearly, is where two matchers
    /// are likely to disagree.
    fn instance(phrase: &str, dice: &mut impl FnMut(usize) -> usize, out: &mut String) {
        fn seq(
            chars: &[char],
            pos: &mut usize,
            dice: &mut dyn FnMut(usize) -> usize,
            out: &mut String,
        ) {
            while *pos < chars.len() && chars[*pos] != '|' && chars[*pos] != ')' {
                match chars[*pos] {
                    ' ' => {
                        *pos += 1;
                        out.push_str([" ", " ", "  ", "\n"][dice(4)]);
                    }
                    '(' => {
                        *pos += 1;
                        let mut alts = vec![String::new()];
                        loop {
                            let mut alt = String::new();
                            seq(chars, pos, dice, &mut alt);
                            alts.push(alt);
                            if *pos < chars.len() && chars[*pos] == '|' {
                                *pos += 1;
                                continue;
                            }
                            *pos += 1;
                            break;
                        }
                        alts.remove(0);
                        let optional = *pos < chars.len() && chars[*pos] == '?';
                        if optional {
                            *pos += 1;
                        }
                        if !(optional && dice(2) == 0) {
                            out.push_str(&alts[dice(alts.len())]);
                        }
                    }
                    _ => {
                        let start = *pos;
                        while *pos < chars.len() && !" ()|".contains(chars[*pos]) {
                            *pos += 1;
                        }
                        let word: String = chars[start..*pos].iter().collect();
                        let vocab = &*VOCABULARY;
                        let pick = |list: &[&str], dice: &mut dyn FnMut(usize) -> usize| {
                            list[dice(list.len())].to_string()
                        };
                        let text = match word.as_str() {
                            "<who>" => pick(
                                &["him", "my sister", "Sam", "everyone", "my mum-in-law"],
                                dice,
                            ),
                            "<whose>" => pick(&["her", "Sam's", "my mum's", "their", "Jo’s"], dice),
                            "<name>" => pick(&["Sam", "Bea", "McKay"], dice),
                            "<name>'s" => pick(&["Sam's", "Bea’s"], dice),
                            "<num>" => pick(&["3", "two", "12"], dice),
                            "<q>" => pick(&["", "\"", " '", "“"], dice),
                            "<person>" => pick(&["she", "my boss", "they"], dice),
                            "_" => vocab[dice(vocab.len())].clone(),
                            w if w.starts_with("..") => {
                                let n = w[2..].parse::<usize>().unwrap_or(w.len());
                                (0..dice(n + 1))
                                    .map(|_| vocab[dice(vocab.len())].clone())
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            }
                            w if w.ends_with('~') => {
                                let forms = parse::inflections(w.trim_end_matches('~'));
                                forms[dice(forms.len())].clone()
                            }
                            w if w.ends_with('*') => {
                                format!(
                                    "{}{}",
                                    w.trim_end_matches('*'),
                                    pick(&["", "ed", "ing", "s", "9"], dice)
                                )
                            }
                            w => w.to_string(),
                        };
                        out.push_str(&text);
                    }
                }
            }
        }
        let chars: Vec<char> = phrase.chars().collect();
        let mut pos = 0;
        seq(&chars, &mut pos, dice, out);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn phrase_steps_match_what_the_regex_matches(
            phrase_pick in 0usize..10_000,
            rolls in proptest::collection::vec(0usize..1_000_000, 64),
            picks in proptest::collection::vec((0usize..100_000, 0usize..8), 1..12),
            caps in proptest::collection::vec(proptest::bool::ANY, 24),
        ) {
            let vocab = &*VOCABULARY;
            let seps = [" ", " ", " ", "  ", "\u{a0}", "\n", ", ", " \""];
            let phrases: Vec<&str> = ENGINE.patterns.iter().filter_map(|p| p.phrase.as_deref()).collect();
            let mut roll = 0;
            let mut dice = |n: usize| {
                roll += 1;
                rolls[roll % rolls.len()].wrapping_mul(roll) % n.max(1)
            };
            let mut sentence = String::new();
            let split = picks.len() / 2;
            for (k, (w, sep)) in picks.iter().enumerate() {
                if k == split {
                    instance(phrases[phrase_pick % phrases.len()], &mut dice, &mut sentence);
                    sentence.push_str(seps[*sep]);
                }
                let word = &vocab[w % vocab.len()];
                if caps[k % caps.len()] {
                    let mut c = word.chars();
                    if let Some(f) = c.next() {
                        sentence.extend(f.to_uppercase());
                        sentence.push_str(c.as_str());
                    }
                } else {
                    sentence.push_str(word);
                }
                sentence.push_str(seps[*sep]);
            }
            let mut by_phrase = Vec::new();
            for p in &ENGINE.patterns {
                let Some(program) = p.program() else { continue };
                if program.find_all(&sentence, &mut by_phrase).is_none() {
                    continue;
                }
                let full: Vec<(usize, usize)> = p
                    .regex()
                    .expect("compiles")
                    .find_iter(&sentence)
                    .filter(|m| m.start() < m.end())
                    .map(|m| (m.start(), m.end()))
                    .collect();
                proptest::prop_assert_eq!(&by_phrase, &full, "{:?} in {:?}", p.phrase, sentence);
            }
        }
    }

    /// Built once: compiling the rules is the slow part of a test run. The
    /// rules alone: these tests hold the labelling rules; the second
    /// opinion's own tests are in `second_opinion.rs`.
    static ENGINE: std::sync::LazyLock<Engine> =
        std::sync::LazyLock::new(|| Engine::builtin().with_second_opinion(None));

    #[test]
    fn builtin_rule_files_load_without_errors() {
        let (engine, errors) = Engine::load(&[]);
        assert!(
            errors.is_empty(),
            "{}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert!(engine.rule_ids().len() > 40);
    }

    /// Asserts the set of `family/label` found in `text` equals `expected`.
    fn check(text: &str, expected: &[&str]) {
        let engine = &*ENGINE;
        let dets = engine.detect(text);
        let mut got: Vec<String> = dets
            .iter()
            .map(|d| format!("{}/{}", d.family, d.label))
            .collect();
        got.sort();
        got.dedup();
        let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(
            got,
            want,
            "text: {text}\nexplain: {:#?}",
            engine.explain(text)
        );
    }

    /// Only the labels of one family, for cases where other families are noise.
    fn check_family(text: &str, family: Family, expected: &[&str]) {
        let mut got: Vec<String> = ENGINE
            .detect(text)
            .into_iter()
            .filter(|d| d.family == family)
            .map(|d| d.label)
            .collect();
        got.sort();
        got.dedup();
        let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "text: {text}");
    }

    #[test]
    fn rule1_the_author_is_the_subject() {
        check("I left Tom on read again.", &["signs/ignored-contact"]);
        check("left Tom on read again", &["signs/ignored-contact"]);
        check("Cancelled on Jo.", &["signs/cancelled-plans"]);
        check("Tom ignored my text.", &[]);
        check("She never replied to my message.", &[]);
        check_family("Priya snapped at me over the rota.", Family::Sign, &[]);
        check_family(
            "Denise went over everything wrong with my budget report.",
            Family::Sign,
            &[],
        );
        check_family(
            "Priya snapped at me over the rota.",
            Family::Trigger,
            &["conflict"],
        );
        check("Femi bailed on me again.", &[]);
        // A job title opening the sentence is someone acting, not note style.
        check_family(
            "Charge nurse tore into me about my charts.",
            Family::Sign,
            &[],
        );
        check_family(
            "Charge nurse tore into me about my charts.",
            Family::Trigger,
            &["conflict"],
        );
        check_family("Head chef shouted at me again.", Family::Sign, &[]);
    }

    #[test]
    fn rule2_negation_and_near_misses() {
        check(
            "I almost ignored her text but answered.",
            &["steps/reached-out"],
        );
        check("I didn't snap at him this time.", &[]);
        check("I managed not to snap at Kit.", &[]);
        // No sign; the near-miss says the plan was kept.
        check("Nearly cancelled on Bea.", &["steps/kept-plans"]);
        // Negation that is the sign.
        check("I didn't reply to Mum.", &["signs/ignored-contact"]);
        check("Never texted Rosa back.", &["signs/ignored-contact"]);
        check("I haven't called her back.", &["signs/ignored-contact"]);
        check("Still haven't answered Lou.", &["signs/ignored-contact"]);
    }

    #[test]
    fn rule2_negation_that_affirms_or_names_something_else() {
        // "can't shake the feeling" holds the feeling all the more.
        check_family(
            "She's kind, almost too kind, and I can't shake the feeling she's after something.",
            Family::Thought,
            &["distrust"],
        );
        // "instead of a fake one" negates the fake reason, not the telling
        // after "and".
        check_family(
            "But I texted her the real reason instead of a fake one and told her I'm not ok.",
            Family::Step,
            &["reached-out", "shared-feelings"],
        );
        // "no" as the answer given is no negation of what followed.
        check_family(
            "Said no and spent the evening listing her faults to the cat.",
            Family::Sign,
            &["fault-finding"],
        );
    }

    #[test]
    fn rule3_intentions_hypotheticals_and_past_habits_do_not_count() {
        check("I might cancel on Dara tomorrow.", &[]);
        check("I'm going to cancel dinner with Jen.", &[]);
        check("I want to reply but I can't face it.", &[]);
        check("I used to ghost people.", &[]);
        check("If Ollie texts I'll ignore him.", &[]);
        check("Thinking about bailing on the party with Wes.", &[]);
        // Tomorrow's small step, written as a to-do, is a plan; note style
        // tells what was done in the past tense.
        check("Call @Mum back, even for five minutes.", &[]);
        check("Ask Ana how her week went.", &[]);
        check(
            "Called @Mum back, even for five minutes.",
            &["steps/reached-out"],
        );
        // A modal inside quoted words is the speaker's, not the mood of the
        // deed narrated after the quote.
        check_family(
            "Paul had a go about the bill and I just went 'fine, whatever, I'll sort it' and walked out to the garden.",
            Family::Sign,
            &["avoided-conflict"],
        );
        // A deed done despite the wish before it happened.
        check_family(
            "Wanted to stay home in my hoodie, went anyway.",
            Family::Step,
            &["kept-plans"],
        );
        check_family(
            "Part of me wanted to stay in, but I went and stayed till last orders.",
            Family::Step,
            &["kept-plans"],
        );
    }

    #[test]
    fn rule4_habitual_present_counts() {
        check(
            "I keep leaving his messages on read.",
            &["signs/ignored-contact"],
        );
        check("I keep snapping at Ayo.", &["signs/harsh-words"]);
    }

    #[test]
    fn idioms_people_really_write() {
        // An excuse the entry gives the lie to, when someone asked to meet.
        for text in [
            "Dad asked me round for Sunday dinner. Told him I'm on overtime. I'm not.",
            "Josh asked to come on the zoo trip and I told him the tickets were sold out, which they weren't.",
            "My coworker invited me to her birthday drinks and I made up a dentist appt.",
            "Maya invited me to her party and I texted her I felt sick.",
        ] {
            check_family(text, Family::Sign, &["cancelled-plans"]);
        }
        for text in [
            "Kit's move is Saturday and I wanted to text an excuse for lunch so badly. Didn't.",
            "Sol asked if I want to talk about the birth. 'Nah I'm fine about it.' I'm not.",
        ] {
            let labels = ENGINE.detect(text);
            assert!(
                labels.iter().all(|d| d.label != "cancelled-plans"),
                "{text}: {labels:?}"
            );
        }
        // "left him hanging": a hand held out in person and not taken is
        // kept distance; a message left so is an ignored contact.
        check_family(
            "Kai said sorry and went for a fist bump. Left him hanging and walked off.",
            Family::Sign,
            &["kept-distance"],
        );
        check_family(
            "Sam texted about Friday and I left him hanging.",
            Family::Sign,
            &["ignored-contact"],
        );
        for text in [
            "Ryan wanted a proper cuddle on the couch.",
            "Dan said 'I miss us' while we were in the car.",
            "Kai went for a fist bump.",
        ] {
            check_family(text, Family::Trigger, &["closeness-bid"]);
        }
        for text in [
            "Me and our Dean have been at loggerheads about Dad's house since the funeral.",
            "Jen and I were going back and forth about whose turn it is to host.",
            "Karen pointed out the minutes I'd done had mistakes in.",
            "Had a blue with Kim at work over the roster.",
        ] {
            check_family(text, Family::Trigger, &["conflict"]);
        }
        for text in [
            "Jin-woo asked again when I will meet his parents.",
            "Three days ago he told me he could see us getting a place together.",
        ] {
            check_family(text, Family::Trigger, &["getting-serious"]);
        }
        // Convention 9: a request that takes a step is a bid too.
        check_family(
            "Then he asked if I'd like to meet his sister next weekend.",
            Family::Trigger,
            &["closeness-bid", "getting-serious"],
        );
        for text in [
            "Wayne said the stew was a bit salty and I went off like a rocket.",
            "Told her she's a nag.",
            "I told him to cook his own bloody dinner then.",
            "I came back at her with something about her own hair.",
            "Told her maybe she needs thicker skin.",
        ] {
            check_family(text, Family::Sign, &["harsh-words"]);
        }
        check_family(
            "Moana keeps asking me along and I've stopped even replying to that bit.",
            Family::Sign,
            &["ignored-contact"],
        );
        check_family(
            "I don't start convos with anyone anymore.",
            Family::Sign,
            &["stopped-initiating"],
        );
        // Holding back does not undo what the other person started, and a
        // "no worries" sent back denies nothing.
        check_family(
            "Wanted to bite Grandma's head off when she started in on my weight again, but I didn't.",
            Family::Trigger,
            &["conflict"],
        );
        check_family(
            "I texted back no worries and asked if she's doing alright.",
            Family::Step,
            &["asked-about-them", "reached-out"],
        );
        check_family(
            "Left her hanging all weekend.",
            Family::Sign,
            &["ignored-contact"],
        );
        check_family(
            "Let it go to voicemail. Twice.",
            Family::Sign,
            &["ignored-contact"],
        );
        check_family(
            "Ghosted the guy from the climbing wall.",
            Family::Sign,
            &["ignored-contact"],
        );
        check_family(
            "Bailed on quiz night with Arlo.",
            Family::Sign,
            &["cancelled-plans"],
        );
        check_family(
            "Flaked on Hettie's drinks.",
            Family::Sign,
            &["cancelled-plans"],
        );
        check_family(
            "Asked Noor for a rain check on dinner.",
            Family::Sign,
            &["cancelled-plans"],
        );
        check_family(
            "Put my phone on silent for the whole evening.",
            Family::Sign,
            &["ignored-contact"],
        );
        check_family(
            "Gave one-word answers all through dinner.",
            Family::Sign,
            &["curt-reply"],
        );
        check_family(
            "I just stonewalled him.",
            Family::Sign,
            &["avoided-conflict"],
        );
        check_family(
            "Replied 'k' and put the phone down.",
            Family::Sign,
            &["curt-reply"],
        );
        check_family("I didn’t reply to Gus.", Family::Sign, &["ignored-contact"]);
        check_family(
            "I DID NOT REPLY TO GUS.",
            Family::Sign,
            &["ignored-contact"],
        );
        check_family(
            "Kept Moira at arm's length all evening.",
            Family::Sign,
            &["kept-distance"],
        );
    }

    #[test]
    fn words_in_other_senses_do_not_fire() {
        check("The meeting was cancelled.", &[]);
        // Cancelling a subscription pushes nobody away.
        check("I cancelled my gym membership.", &[]);
        check("Snapped a string at band practice.", &[]);
        check("Ignored about ten spam calls.", &[]);
        check("A curt email from HR about my timesheets.", &[]);
        // "the end" is a time, and a vow is no curse.
        check_family(
            "We argued about the bins, and by the end it was a full-blown row.",
            Family::Sign,
            &[],
        );
        check_family(
            "After Douglas walked out I swore never again.",
            Family::Sign,
            &[],
        );
    }

    #[test]
    fn thoughts_in_the_shapes_people_write_them() {
        let t = Family::Thought;
        check_family(
            "Told myself he'd have ditched me by summer anyway.",
            t,
            &["expect-rejection"],
        );
        check_family(
            "She's only looking for an excuse to dump me.",
            t,
            &["expect-rejection"],
        );
        check_family(
            "Pretty sure Jo only texts because she feels she has to.",
            t,
            &["not-liked"],
        );
        check_family(
            "They'd be better off without a misery like me.",
            t,
            &["not-good-enough"],
        );
        check_family("He probably wants something.", t, &["distrust"]);
        // A lift, not a rejection; an errand, not a motive.
        check_family("Mum will drop me at the station anyway.", t, &[]);
        check_family("Ana only came because she had a meeting nearby.", t, &[]);
    }

    #[test]
    fn curt_replies_and_distance_told_by_their_measure() {
        let s = Family::Sign;
        check_family(
            "Mia got nothing but shrugs out of me all night.",
            s,
            &["curt-reply"],
        );
        check_family(
            "Answered every question Dad asked with a grunt.",
            s,
            &["curt-reply"],
        );
        check_family(
            "Found an excuse to head home before the speeches.",
            s,
            &["kept-distance"],
        );
        check_family(
            "He went to kiss me and I turned so he got my hair.",
            s,
            &["kept-distance"],
        );
        // Someone else's short answers, someone else's excuse.
        check_family("Hana answers all my messages with one word lately.", s, &[]);
        check_family("Dad found a reason to leave early.", s, &[]);
        // A measure of replies after saying how someone has been is theirs;
        // after an event, or with the author in it, it is the author's.
        check_family(
            "Kit's been so cold lately, one-word answers, straight to bed.",
            s,
            &[],
        );
        check_family("Dad rang, one-word answers, hung up.", s, &["curt-reply"]);
        check_family(
            "I've been quiet all week, one-word answers to everyone.",
            s,
            &["curt-reply"],
        );
    }

    #[test]
    fn thoughts_of_being_found_out_left_or_used() {
        let t = Family::Thought;
        check_family(
            "Not telling Mo about the job, he'd only go and tell everyone at work.",
            t,
            &["distrust"],
        );
        check_family(
            "Dee is lovely to me and I keep waiting for the catch.",
            t,
            &["distrust"],
        );
        check_family(
            "Called it off first. She'd have gone off me by summer.",
            t,
            &["expect-rejection"],
        );
        check_family(
            "If I cry in front of Sam he'll see what a mess I am and leave.",
            t,
            &["expect-rejection"],
        );
        check_family(
            "Reckon Jo's gone off me since the wedding.",
            t,
            &["not-liked"],
        );
        check_family("Honestly Ravi is too good for me.", t, &["not-good-enough"]);
        check_family(
            "I'd probably mess the whole thing up.",
            t,
            &["will-let-down"],
        );
        // Someone else's news, a plain chore, food gone off.
        check_family("She'd tell me if something was wrong.", t, &[]);
        check_family("The milk's gone off again.", t, &[]);
    }

    #[test]
    fn transcripts_gifs_and_a_body_moved_away() {
        let s = Family::Sign;
        check_family(
            "Kim: 'can we talk tonight? x' Me: 'tired'.",
            s,
            &["curt-reply"],
        );
        check_family(
            "Nell: you alright? you seem low. Me: all good x. I'm not.",
            s,
            &["curt-reply", "withheld-feelings"],
        );
        check_family(
            "Ade poured his heart out on the phone and I sent back a gif.",
            s,
            &["curt-reply"],
        );
        check_family(
            "Mum went to hug me at the gate and I slid my arm free.",
            s,
            &["kept-distance"],
        );
        check_family(
            "Priya asked about the rent again so I went to the shop so I wouldn't have to answer.",
            s,
            &["avoided-conflict"],
        );
        // A warm answer, a long one, someone else moving away.
        check_family("Kim: 'miss you' Me: 'miss you too x'.", s, &[]);
        check_family("Dayo: 'u ok?' Me: a long, honest voice note.", s, &[]);
        check_family("Tom slid his hand free and went to bed.", s, &[]);
    }

    #[test]
    fn stress_said_in_hours_shifts_and_worn_out_brains() {
        let t = Family::Trigger;
        check_family("Three lates done, brain like mush.", t, &["stress"]);
        check_family(
            "Seventy hours this week and it's only Friday.",
            t,
            &["stress"],
        );
        check_family("Month-end crunch, so I barely looked up.", t, &["stress"]);
        check_family("Honestly everything's a bit grey lately.", t, &["low-mood"]);
        // Hours of sleep at last, hours of someone else's silence.
        check_family("Baby slept four hours straight!! Good day.", t, &[]);
        check_family("Ryan left it six hours today before replying.", t, &[]);
    }

    #[test]
    fn bids_and_digs_in_family_words() {
        let t = Family::Trigger;
        check_family(
            "Gran started on my weight again at lunch.",
            t,
            &["conflict"],
        );
        check_family(
            "My aunt commented on my tattoos all evening.",
            t,
            &["conflict"],
        );
        check_family(
            "Sol came out to the garden to keep me company.",
            t,
            &["closeness-bid"],
        );
        check_family(
            "Ana keeps floating a weekend away in June.",
            t,
            &["closeness-bid"],
        );
        // The author starting on a chore, the author's comment.
        check_family("I started on the ironing after tea.", t, &[]);
        check_family("I commented on her new haircut.", t, &[]);
        // Hiding in the kitchen is not staying in a row.
        check_family(
            "Dad started on my job again so I went and stayed in the kitchen till pudding.",
            Family::Step,
            &[],
        );
    }

    #[test]
    fn old_wounds_remembered() {
        let t = Family::Trigger;
        check_family(
            "Last time someone bought me flowers she was gone by spring.",
            t,
            &["past-hurt"],
        );
        check_family(
            "I remember the Christmas Dad never came home.",
            t,
            &["past-hurt"],
        );
        check_family("I remember the day we got the dog.", t, &[]);
    }

    #[test]
    fn excuses_given_then_taken_back() {
        let s = Family::Sign;
        for text in [
            "Nan's 90th lunch is Sunday. Told my sister I'm on call. I'm not on call.",
            "Cal wants me to come for Sunday dinner. Told him we've got a family thing. We don't.",
            "Mil asked when we're coming for Sunday lunch. Told her Isla's got a cold. She hasn't.",
            "Freya asked me to come to Cornwall. Said we're probably away then (we're not).",
            "The lads were expecting me at the Crown tonight, stopped in.",
            "Invitation came for Harry's golden wedding. Sent it back with regrets.",
            "The lads asked me to the darts. Said I'm skint. I'm not skint.",
            "Jo asked me to her party. Told her I was swamped. I wasn't even swamped.",
            "Ben asked if I was still up for the cinema and I said I'm snowed under.",
            "Holly's 40th invite came. RSVP'd no within a minute.",
            "Told the lads I'm skipping the stag do.",
        ] {
            check_family(text, s, &["cancelled-plans"]);
        }
        // The same denial after a question about feelings, not a plan.
        check_family(
            "Kim asked what was wrong and I said I was skint. I'm not skint, I'm sad.",
            s,
            &[],
        );
        // An invitation asked about again is a bid, whatever the tense.
        check_family(
            "All he'd done was ask if I was coming down the Crown later.",
            Family::Trigger,
            &["closeness-bid"],
        );
        // Resisting the urge is the opposite of the sign.
        check_family(
            "Mum's text about lunch came mid-call and I wanted to fire back 'busy'. I didn't.",
            s,
            &[],
        );
        check_family(
            "The lads were expecting me at the Crown and I went.",
            s,
            &[],
        );
    }

    #[test]
    fn the_line_given_instead_of_the_truth() {
        let s = Family::Sign;
        for text in [
            "Gave my sister the 'I'm fine, honestly' speech again.",
            "I keep telling everyone at work 'im good!!' and I'm not.",
            "It really hurt but I said nothing, to nobody.",
            "Deb keeps asking what's up with me. Keep telling her nowt.",
        ] {
            check_family(text, s, &["withheld-feelings"]);
        }
        check_family("Mum told me 'I'm fine' and changed the subject.", s, &[]);
    }

    #[test]
    fn calls_unanswered_chats_unopened_and_a_bloody_rest() {
        let s = Family::Sign;
        check_family("Haven't picked up once.", s, &["ignored-contact"]);
        check_family("Didn't pick up Claire's facetime.", s, &["ignored-contact"]);
        check_family("Stopped opening the NCT chat.", s, &["ignored-contact"]);
        check_family("He didn't pick up my call.", s, &[]);
        check_family(
            "mon. no reply to Sal. no reply to Jim. bed.",
            s,
            &["ignored-contact"],
        );
        // The reply that did not come was theirs.
        check_family("Texted Jo twice. No reply to my text.", s, &[]);
        check_family(
            "Keep meaning to ring Auntie Val. Keep not doing it.",
            s,
            &["stopped-initiating"],
        );
        // A call not returned is not a first move withheld.
        check_family(
            "Three missed calls. I keep meaning to ring her back. I keep not doing it.",
            s,
            &[],
        );
        check_family(
            "Jun asked if something was up and I said 'nah just sleepy'.",
            s,
            &["withheld-feelings"],
        );
        check_family("Told her to give it a bloody rest.", s, &["harsh-words"]);
        check_family("I told him stop being so clingy.", s, &["harsh-words"]);
        check_family(
            "Lee went to hold my hand and I got up to do dishes that didn't need doing.",
            s,
            &["kept-distance"],
        );
    }

    #[test]
    fn weeks_from_hell_kids_told_and_a_storm_off_taken_back() {
        let t = Family::Trigger;
        for text in [
            "Sixty hour week and counting.",
            "Fifty-hour week at the depot.",
            "All-nighter on the thesis.",
            "Work from hell.",
        ] {
            check_family(text, t, &["stress"]);
        }
        check_family(
            "She'd even told her kids about me.",
            t,
            &["getting-serious"],
        );
        check_family("Dev said I make him feel useless.", t, &["conflict"]);
        // Work's madness given as an excuse is not the week the author had.
        check_family("Work's mental at the moment.", t, &["stress"]);
        check_family(
            "Had the text all typed out ('so sorry, work's mental').",
            t,
            &[],
        );
        check_family("Told him work's mental that weekend. It isn't.", t, &[]);
        // Hell in another sense is no week's load.
        check_family("The film was about a road trip to hell.", t, &[]);
        let s = Family::Sign;
        check_family(
            "Dev had a go at me. I had my keys in my hand to storm off.",
            s,
            &["avoided-conflict"],
        );
        check_family(
            "Dev had a go at me. I had my keys in my hand to storm off. Didn't.",
            s,
            &[],
        );
        // After an excuse, the same words take back the excuse, not the sign.
        check_family(
            "Nadia invited me to her drinks and I said I had a migraine. I didn't.",
            s,
            &["cancelled-plans"],
        );
        // Telling planned and not done is the sign itself.
        check_family(
            "Was going to say to the lads at snap time. Didnt.",
            s,
            &["withheld-feelings"],
        );
        check_family("Wanted to tell him to get lost. Didn't.", s, &[]);
        // A measure of replies after a sentence on how someone else has
        // been is theirs; after the author's own, it is the author's.
        check_family(
            "Grace has gone cold on me since my promotion. Short replies, 'ok', 'noted'.",
            s,
            &[],
        );
        check_family(
            "Ben went really cold on me tonight, one word answers, fine, k.",
            s,
            &[],
        );
        check_family(
            "I was off with him. Short replies all night.",
            s,
            &["curt-reply"],
        );
        check_family(
            "Dave's gone quiet on me since he started in Leeds. Not answered in a week.",
            s,
            &[],
        );
        check_family("Mum rang twice. Not answered.", s, &["ignored-contact"]);
        assert!(is_taken_back("Didn't."));
        assert!(is_taken_back(" But I didn’t, in the end."));
        assert!(!is_taken_back("Didn't reply."));
    }

    #[test]
    fn a_back_door_kept_open_and_a_call_cut_short() {
        let s = Family::Sign;
        check_family("Always leaving the back door open.", s, &["sabotage"]);
        check_family(
            "Kieran wants to make it official. I said 'why do we need a label'.",
            s,
            &["sabotage"],
        );
        // A door in the house is not an idiom.
        check_family("Derek left the back door open again.", s, &[]);
        check_family(
            "Didn't say one word to him about being absolutely terrified.",
            s,
            &["withheld-feelings"],
        );
        check_family(
            "Said 'great, good for you' and hung up.",
            s,
            &["curt-reply"],
        );
        // Hers, not mine; and a long retort is more than a curt reply.
        check_family("She said 'can't talk, swamped' and hung up.", s, &[]);
        check_family(
            "I said 'because some of us have lives, Jude' and hung up.",
            s,
            &["harsh-words"],
        );
    }

    #[test]
    fn leaving_foretold_in_plainer_words() {
        let th = Family::Thought;
        for (text, label) in [
            (
                "If you don't let them get close they can't leave you.",
                "expect-rejection",
            ),
            (
                "I get scared that one day he just gets bored of me and goes.",
                "expect-rejection",
            ),
            (
                "Maybe I'm just not a person people keep for long.",
                "expect-rejection",
            ),
            (
                "Snapped at her over nothing. What kind of wife does that.",
                "not-good-enough",
            ),
            ("Says it's her sister. Her sister my arse.", "distrust"),
        ] {
            check_family(text, th, &[label]);
        }
        // Both at once: she could do better (not good enough), and she
        // will see it and go (rejection foretold).
        check_family(
            "She could do better. Give it a month before she clocks that.",
            th,
            &["expect-rejection", "not-good-enough"],
        );
        check_family("I left before she realised.", th, &[]);
        check_family("My arse is numb from the drive.", th, &[]);
    }

    #[test]
    fn bids_in_regional_words_and_old_losses_by_their_dates() {
        let t = Family::Trigger;
        for text in [
            "Jo asked at tea was I alright, really alright.",
            "Sharon asked did I want to go up the crem together.",
            "Lou went to give me a cuddle in the kitchen.",
            "Georgie wanted a 'proper catch up' over wine.",
        ] {
            check_family(text, t, &["closeness-bid"]);
        }
        for text in [
            "Dad's anniversary today.",
            "Grandad's been gone two years today.",
            "Saw a photo of him with the girl he left me for.",
        ] {
            check_family(text, t, &["past-hurt"]);
        }
        check_family("Our wedding anniversary today.", t, &[]);
        check_family("I couldn't get off the sofa all day.", t, &["low-mood"]);
    }

    #[test]
    fn steps_said_plainly() {
        let st = Family::Step;
        check_family(
            "Told her she's an absolute legend and meant it.",
            st,
            &["appreciation"],
        );
        check_family(
            "Told Lee he's doing a cracking job with the apprentices.",
            st,
            &["appreciation"],
        );
        check_family(
            "Finally told Sam I've felt like a ghost in my own house.",
            st,
            &["shared-feelings"],
        );
        check_family(
            "Said when I go quiet for days it's not her, it's me.",
            st,
            &["shared-feelings"],
        );
        check_family("Counsellor again, third go.", st, &["therapy"]);
        check_family("Sam told me she's doing a great job.", st, &[]);
    }

    #[test]
    fn one_word_said_back_and_a_mother_got_onto_her_tomatoes() {
        let s = Family::Sign;
        check_family(
            "Jo asked was I alright, really alright. Said 'work'.",
            s,
            &["curt-reply"],
        );
        check_family(
            "Steph asked was I coming to her mum's. 'Suppose.'",
            s,
            &["curt-reply"],
        );
        check_family("Jo asked how the scan went. Said 'brilliant'.", s, &[]);
        check_family(
            "Mam had a go about never hearing from me. Got her onto her tomatoes.",
            s,
            &["avoided-conflict"],
        );
    }

    #[test]
    fn a_chore_a_berth_a_glance_away() {
        let s = Family::Sign;
        check_family(
            "Lou reached for my hand at the pictures. Remembered the bins needed putting out.",
            s,
            &["kept-distance"],
        );
        check_family(
            "Been giving the whole team a wide berth.",
            s,
            &["kept-distance"],
        );
        check_family(
            "Priya told me about her promotion and I watched the telly over her shoulder.",
            s,
            &["disinterest"],
        );
        check_family(
            "Dad asked about the bank and I told him to keep his nose out.",
            s,
            &["harsh-words"],
        );
        check_family(
            "Nadia asked after the baby and got two words out of me.",
            s,
            &["curt-reply"],
        );
        check_family(
            "Haven't phoned Gran in over a fortnight.",
            s,
            &["stopped-initiating"],
        );
        // A chore with nobody reaching out, someone else's berth, a snoop.
        check_family(
            "Found the gutters needed clearing, so that was Sunday.",
            s,
            &[],
        );
        check_family("Mo has been giving me a wide berth since the row.", s, &[]);
        check_family("Read his messages over his shoulder on the bus.", s, &[]);
    }

    #[test]
    fn rule5_one_phrase_may_carry_several_labels() {
        check_family(
            "Sina asked me to come to her sister's wedding and I told her I was busy.",
            Family::Sign,
            &["cancelled-plans"],
        );
        check_family(
            "Sina asked me to come to her sister's wedding and I told her I was busy.",
            Family::Trigger,
            &["closeness-bid"],
        );
        check_family(
            "Jem said 'I love you' for the first time.",
            Family::Trigger,
            &["closeness-bid", "getting-serious"],
        );
    }

    #[test]
    fn a_habit_told_to_someone_is_no_sign_of_the_day() {
        for text in [
            "Talked about Mum's illness and why I avoid her calls.",
            "Told Jess about the Marcus thing, how every time he gets close I find a reason to bail.",
            "told ellie tonight that when training gets like this i go quiet on everyone.",
        ] {
            check_family(text, Family::Sign, &[]);
        }
        // A deed after the telling is the day's own.
        check_family(
            "Told Sam about the party and then ignored his texts.",
            Family::Sign,
            &["ignored-contact"],
        );
        check_family(
            "Talked about work and then I ignored her calls.",
            Family::Sign,
            &["ignored-contact"],
        );
    }

    #[test]
    fn the_telling_words_are_where_every_therapy_check_match_starts() {
        let positives = [
            "Told my therapist I ignore Sam",
            "I tell my counsellor everything",
            "telling Dr Reyes about it",
            "Admitted to Jo that I go quiet",
            "I admit to my therapist that I cancel",
            "She said I explained to her that I've been hiding",
            "Confessed to Mum I have been avoiding her",
            "I confided in him that I tend to withdraw",
            "Owned up to Sam that I keep ghosting",
            "came clean to them that I usually cancel",
            "I’ve told her I do that",
            "(TELLS him I always leave)",
            "we talked about how I pull away",
            "In session we worked on why I go quiet",
            "we went  into why I cancel",
            "Looked at the way I shut down",
        ];
        let has_telling_word = |s: &str| {
            let mut starts = Vec::new();
            telling_starts(s, &mut starts);
            !starts.is_empty()
        };
        for sentence in positives {
            assert!(has_telling_word(sentence), "{sentence}");
        }
        for sentence in [
            "Left Sam on read again",
            "hotel stay, untold stories",
            "I own",
            "went to the shop and got milk",
            "worked late, looked tired",
        ] {
            assert_eq!(
                has_telling_word(sentence),
                sentence == "I own",
                "{sentence}"
            );
        }
        // What the gate stands in front of: the checks do match these, and
        // so the gate must open for them.
        let checked = |s: &str| {
            THERAPY_REPORT.is_match(s)
                || TOLD_HABIT.is_match(s)
                || TOLD_PRONOUN.is_match_at_start(s)
        };
        let matched: Vec<&str> = positives.iter().copied().filter(|s| checked(s)).collect();
        assert!(
            matched.len() >= 8,
            "the checks match most of them: {matched:?}"
        );
        // And on every sentence of the project's labelled examples.
        let examples = concat!(
            include_str!("../../tests/data/rules/examples.jsonl"),
            include_str!("../../tests/data/rules/holdout.jsonl"),
            include_str!("../../tests/data/rules/fresh.jsonl"),
            include_str!("../../tests/data/rules/unseen.jsonl")
        );
        let mut seen = 0;
        for entry in crate::rules::eval::parse_jsonl(examples).expect("examples parse") {
            for (s, e) in text::sentences(&entry.text) {
                let sentence = &entry.text[s..e];
                if checked(sentence) {
                    seen += 1;
                    assert!(has_telling_word(sentence), "{sentence}");
                }
                // Trying the two phrases at the telling words only finds
                // what searching the whole sentence finds.
                let mut starts = Vec::new();
                telling_starts(sentence, &mut starts);
                for check in [&*THERAPY_REPORT, &*TOLD_HABIT] {
                    assert_eq!(
                        check.is_match_from(sentence, starts.iter().copied()),
                        check.is_match(sentence),
                        "{sentence}"
                    );
                }
            }
        }
        assert!(seen > 0, "the examples hold sentences the checks match");
    }

    #[test]
    fn steps_and_therapy_conventions() {
        check(
            "Called Nan back after a week of ignoring her.",
            &["steps/reached-out", "signs/ignored-contact"],
        );
        // A curt reply is never reaching out (catalog rule 10).
        check_family("Texted Lou back 'fine'.", Family::Step, &[]);
        check_family(
            "Session with my therapist today. Told her I've been muting my sister.",
            Family::Sign,
            &[],
        );
        check_family(
            "Session with my therapist today.",
            Family::Step,
            &["therapy"],
        );
        check_family("Booked a therapist for next month.", Family::Step, &[]);
        // Telling someone about the habit (rule 13), with a word of time
        // between, or the habit put as "when ..., I start ...".
        check_family(
            "Told Noor tonight that I've been pulling away from everyone.",
            Family::Sign,
            &[],
        );
        check_family(
            "I told her that when things get good I start pulling away from people.",
            Family::Sign,
            &[],
        );
        check_family(
            "Told Michael over breakfast that I know I've been distant since I retired.",
            Family::Sign,
            &[],
        );
        check_family(
            "Thanked Ines for covering my shift.",
            Family::Step,
            &["appreciation"],
        );
        // A session spent on the habit: no sign, and the occasions after
        // "whenever" are no triggers of this day.
        let hour = "Saw Dr Okafor today and we spent most of the hour on why I go quiet \
                    whenever Chris asks me to move in.";
        check_family(hour, Family::Sign, &[]);
        check_family(hour, Family::Trigger, &[]);
        // Outside such a report the same words are a bid.
        check_family(
            "Chris asked me to move in and I went quiet.",
            Family::Trigger,
            &["closeness-bid", "getting-serious"],
        );
    }

    #[test]
    fn a_detection_dropped_by_a_label_condition_takes_only_its_own_rule_along() {
        // withheld-feelings/when-asked needs a closeness bid and is dropped
        // first; the reached-out spans after it must still be judged as
        // reached-out (their sentence holds withheld-feelings), not under
        // the rule of the detection before them.
        let engine = Engine::builtin();
        let text = "I messaged him back and told him I was fine, which I wasn't.";
        let rules: Vec<String> = engine.detect(text).into_iter().map(|d| d.rule).collect();
        assert!(
            !rules.iter().any(|r| r.starts_with("reached-out")),
            "{rules:?}"
        );
        assert!(
            rules.iter().any(|r| r.starts_with("withheld-feelings/")),
            "{rules:?}"
        );
        // And explain says why each was dropped.
        let trace = engine.explain(text);
        let dropped = |rule: &str, why: &str| {
            trace
                .iter()
                .any(|(r, _, v)| r == rule && v.as_ref().is_err_and(|w| w.contains(why)))
        };
        assert!(
            dropped("reached-out/called-back", "without_label_in_sentence"),
            "{trace:?}"
        );
        assert!(
            dropped("withheld-feelings/when-asked", "with_label"),
            "{trace:?}"
        );
        // A detection that stays is still explained as accepted.
        assert!(
            trace
                .iter()
                .any(|(r, _, v)| r == "withheld-feelings/didnt-tell" && v.is_ok()),
            "{trace:?}"
        );
    }

    #[test]
    fn a_curt_reply_is_not_also_reaching_out_in_its_sentence() {
        // Catalog convention 10, held by `without_label_in_sentence`.
        check_family(
            "Oskar texted 'miss u' and I replied 'ya'.",
            Family::Step,
            &[],
        );
        check_family(
            "Texted Priya that I had a migraine so couldn't do dinner.",
            Family::Step,
            &[],
        );
        // In a later sentence the call back still counts.
        check_family(
            "Bailed on dinner at Mam's and told her the deadline's killing me. Felt rotten so I rang her this evening.",
            Family::Step,
            &["reached-out"],
        );
    }

    #[test]
    fn safety_language_fires_unless_negated() {
        check_family(
            "Some days I want to die.",
            Family::Safety,
            &["suicidal-thoughts"],
        );
        check_family(
            "they'd all be better off without me",
            Family::Safety,
            &["suicidal-thoughts"],
        );
        check_family(
            "I thought about ending it all last night.",
            Family::Safety,
            &["suicidal-thoughts"],
        );
        check_family(
            "I hurt myself again tonight.",
            Family::Safety,
            &["self-harm"],
        );
        check_family("I'm not suicidal, just tired.", Family::Safety, &[]);
        check_family(
            "I don't want to die, I want things to change.",
            Family::Safety,
            &[],
        );
        check_family("The battery is about to die.", Family::Safety, &[]);
        // "End it" in a journal about pulling away is mostly a breakup or a
        // conversation; it is safety language as a wish, or "end it all".
        check_family(
            "Some nights I just want to end it.",
            Family::Safety,
            &["suicidal-thoughts"],
        );
        check_family(
            "I thought about ending it all.",
            Family::Safety,
            &["suicidal-thoughts"],
        );
        check_family(
            "Two weeks in I'd found enough red flags to end it.",
            Family::Safety,
            &[],
        );
        check_family(
            "I said 'fine, I'll come' just to end it and hung up.",
            Family::Safety,
            &[],
        );
        check_family(
            "I always end it right when they want more.",
            Family::Safety,
            &[],
        );
    }

    #[test]
    fn detections_carry_evidence_offsets_and_people() {
        let text = "Mum rang. I didn’t reply to @Kai or Sam on Monday.";
        let dets = ENGINE.detect(text);
        let d = dets
            .iter()
            .find(|d| d.label == "ignored-contact")
            .expect("ignored-contact found");
        assert_eq!(&text[d.start..d.end], d.evidence);
        assert!(d.evidence.starts_with("didn’t reply"), "{}", d.evidence);
        assert_eq!(d.people, vec!["Kai", "Sam"]);
        assert!(dets.windows(2).all(|w| w[0].start <= w[1].start));
        // A job named at the start of a sentence is nobody's name.
        let dets = ENGINE.detect("Charge nurse tore into me in front of Priya.");
        let conflict = dets
            .iter()
            .find(|d| d.label == "conflict")
            .expect("conflict found");
        assert_eq!(conflict.people, vec!["Priya"]);
    }

    #[test]
    fn misses_and_false_alarms_found_in_review() {
        // Found by other engineers on unseen text; fixed by phrasing, so
        // close variants are checked alongside the reported sentences.
        check_family(
            "Texted @Jo back properly and we chatted.",
            Family::Step,
            &["reached-out"],
        );
        check_family(
            "Called @Priya back after dinner.",
            Family::Step,
            &["reached-out"],
        );
        check_family(
            "Rang my brother back after tea.",
            Family::Step,
            &["reached-out"],
        );
        check_family(
            "Told @Priya I'd been feeling low lately.",
            Family::Step,
            &["shared-feelings"],
        );
        check_family(
            "Told Ana I've been feeling really lonely.",
            Family::Step,
            &["shared-feelings"],
        );
        check_family("@Jo asked how I was really doing.", Family::Step, &[]);
        check_family(
            "@Jo asked how I was really doing.",
            Family::Trigger,
            &["closeness-bid"],
        );
        check_family(
            "Sam wanted to talk about moving in.",
            Family::Trigger,
            &["closeness-bid", "getting-serious"],
        );
        check_family(
            "Ines wants to talk about getting engaged.",
            Family::Trigger,
            &["closeness-bid", "getting-serious"],
        );
        // Someone else's "might" still makes it hypothetical.
        check_family("Sam might want to move in.", Family::Trigger, &[]);
        check_family("I said I was busy.", Family::Trigger, &[]);
    }

    #[test]
    fn mentions_match_like_names() {
        // `@Name` must behave exactly like `Name`: same labels, people
        // without the `@`, and evidence cut from the original text.
        for (plain, mention) in [
            ("Left Sam on read again.", "Left @Sam on read again."),
            ("left Sam on read again.", "left @sam on read again."),
            (
                "Sam asked me to move in. I changed the subject.",
                "@Sam asked me to move in. I changed the subject.",
            ),
            (
                "Snapped at Jo when she asked.",
                "Snapped at @Jo when she asked.",
            ),
        ] {
            let e = Engine::builtin();
            let a: Vec<_> = e
                .detect(plain)
                .into_iter()
                .map(|d| (d.label, d.start, d.end))
                .collect();
            let b = e.detect(mention);
            let b_labels: Vec<_> = b.iter().map(|d| d.label.clone()).collect();
            let a_labels: Vec<_> = a.iter().map(|d| d.0.clone()).collect();
            assert_eq!(a_labels, b_labels, "{mention}");
            for d in &b {
                assert_eq!(d.evidence, &mention[d.start..d.end]);
                assert!(
                    d.people.iter().all(|p| !p.starts_with('@')),
                    "{:?}",
                    d.people
                );
            }
        }
        let d = Engine::builtin().detect("Left @Sam on read again.");
        assert!(
            d.iter()
                .any(|d| d.label == "ignored-contact" && d.people == ["Sam"])
        );
        assert!(d.iter().any(|d| d.evidence.contains("@Sam")));
    }

    #[test]
    fn known_people_are_reported_in_lower_case_text() {
        let dets =
            Engine::builtin().detect_with_people("ignored jo's texts all day", &["Jo".to_string()]);
        assert!(
            dets.iter().any(|d| d.label == "ignored-contact"),
            "{dets:?}"
        );
        // Whatever else the learned second opinion adds names Jo too.
        for d in &dets {
            assert_eq!(d.people, vec!["Jo"], "{d:?}");
        }
    }

    #[test]
    fn version_is_stable_and_changes_with_rules() {
        let a = Engine::builtin().version();
        assert_eq!(a, Engine::builtin().version());
        let user = vec![(
            "mine.toml".to_string(),
            "family = \"signs\"\n[[rule]]\nid = \"mine/x\"\nlabel = \"curt-reply\"\nphrases = [\"said meh\"]\n".to_string(),
        )];
        let (engine, errors) = Engine::load(&user);
        assert!(errors.is_empty(), "{errors:?}");
        assert_ne!(a, engine.version());
    }

    #[test]
    fn prefilter_stays_on_the_fast_path() {
        let info = Engine::builtin().prefilter_info();
        assert!(
            info.ascii_boundaries,
            "a pattern uses a Unicode word boundary"
        );
        assert!(info.dfa_size_limit >= 4 << 20);
    }

    #[test]
    fn excuses_of_the_yard_a_message_left_and_a_hand_held_in_answer() {
        let s = Family::Sign;
        // Excuses given to an invitation, in the forms farmers and fishers
        // write them.
        for text in [
            "Sean texted about the pub quiz Thursday. Said I'd the silage to finish.",
            "Liam's girlfriend asked me to her birthday do. Said I'd be lambing.",
            "Tom asked me to give a hand Saturday. Told him the quad was broke.",
            "The lads asked if I was coming for pints. Said early start. There is no early start.",
        ] {
            check_family(text, s, &["cancelled-plans"]);
        }
        check_family(
            "Dom messaged asking if I fancied food. Sent 'busy'.",
            s,
            &["cancelled-plans", "curt-reply"],
        );
        // Saying yes, or a machine broken with no invitation, is no excuse.
        check_family("Liam asked me to his do. Said I'd be there.", s, &[]);
        check_family("Told him the quad was broke, needs a part.", s, &[]);
        // "Left it." after a message leaves the message; ending a talk is not.
        check_family(
            "Sarah messaged about the supper. Left it.",
            s,
            &["ignored-contact"],
        );
        check_family("Thought about the money again. Left it.", s, &[]);
        check_family("We talked about his knee. Left it there.", s, &[]);
        check_family(
            "She'd been leaving messages and I let them pile up.",
            s,
            &["ignored-contact"],
        );
        check_family(
            "Brenda called round. Kept her on the doorstep and never asked her in.",
            s,
            &["kept-distance"],
        );
        check_family(
            "Now I let her do all the texting.",
            s,
            &["stopped-initiating"],
        );
        check_family(
            "I said 'literally nothing' way louder than I meant to.",
            s,
            &["harsh-words"],
        );
        let t = Family::Trigger;
        // A hand held in answer to a telling is comfort, not a bid; one
        // taken first, or held on a walk, is.
        check_family("Told her I go quiet. She just held my hand.", t, &[]);
        check_family(
            "Irene held my hand on the landing and said she missed me.",
            t,
            &["closeness-bid"],
        );
        check_family(
            "Nuala texted was I coming to the card game.",
            t,
            &["closeness-bid"],
        );
        check_family("Evie climbed onto my lap.", t, &["closeness-bid"]);
        check_family("Mum's birthday would have been today.", t, &["past-hurt"]);
        check_family(
            "Declan's wife hasn't spoken to me since the christening.",
            t,
            &["conflict"],
        );
        // Busy is no low mood; small talk is no row.
        check_family("Told him I was flat out with the hay.", t, &[]);
        check_family(
            "Said 'ah, getting on' and started on about the rain.",
            t,
            &[],
        );
        let th = Family::Thought;
        check_family(
            "Keeping it short. Less to lose when she gets tired of waiting.",
            th,
            &["expect-rejection"],
        );
        check_family("He's probably messaging his ex again.", th, &["distrust"]);
        check_family(
            "Dont know why anyone bothers with me.",
            th,
            &["not-good-enough"],
        );
    }

    #[test]
    fn hedged_answers_retorts_kindness_doubted_and_bids_in_new_words() {
        let s = Family::Sign;
        check_family(
            "Jo asked if I was coming to breakfast. Said I need my bed.",
            s,
            &["cancelled-plans"],
        );
        check_family(
            "Mira asked if I'd come to the wedding. Said 'let's see how work looks'.",
            s,
            &["cancelled-plans"],
        );
        check_family(
            "Margaret keeps asking me along to things. Told them I'd see, which means no.",
            s,
            &["cancelled-plans"],
        );
        // With no invitation in the entry, going to bed is no excuse.
        check_family("Long shift. Said I need my bed.", s, &[]);
        // A contraction with a mark after it is anchored on its joined
        // spelling too.
        check_family(
            "Abi asked me to come to her graduation. Said I cant, got a double.",
            s,
            &["cancelled-plans"],
        );
        check_family(
            "I came back with 'sorry, some of us have actual jobs'.",
            s,
            &["harsh-words"],
        );
        check_family("Told Kyle to jog on.", s, &["harsh-words"]);
        check_family("She came back with two coffees.", s, &[]);
        let t = Family::Thought;
        check_family(
            "Nobody's that nice in week one unless they want something.",
            t,
            &["distrust"],
        );
        check_family("I can't believe anyone who's nice to me.", t, &["distrust"]);
        check_family("Sat here convinced something's going on.", t, &["distrust"]);
        check_family("I know how that story ends.", t, &["expect-rejection"]);
        check_family(
            "His friends are kind to me purely out of loyalty to him.",
            t,
            &["not-liked"],
        );
        check_family(
            "Saying yes feels like signing something I'll end up breaking.",
            t,
            &["will-let-down"],
        );
        // A thing broken is no person let down.
        check_family(
            "I'll end up breaking the vase if I carry it like that.",
            t,
            &[],
        );
        let g = Family::Trigger;
        check_family(
            "Snap off Chloe, 'wish u were here x'.",
            g,
            &["closeness-bid"],
        );
        check_family(
            "Jess sent a long thing about missing our Sunday walks.",
            g,
            &["closeness-bid"],
        );
        // The author missing them is no bid from someone else.
        check_family("Told Priya that I miss our walks.", g, &[]);
        check_family(
            "Bernie sent 'would LOVE you to come too!!'",
            g,
            &["closeness-bid"],
        );
        check_family("Gaffer was snappy with everyone today.", g, &["conflict"]);
        check_family(
            "She said it feels like I'm not bothered about her anymore.",
            g,
            &["conflict"],
        );
        check_family("Prod went down at half four.", g, &["stress"]);
        // Worn out by people is overload, not stress.
        check_family(
            "Three parties this weekend and I'm completely fried.",
            g,
            &["social-overload"],
        );
    }

    #[test]
    fn excuses_and_invitations_in_more_voices() {
        let s = Family::Sign;
        for text in [
            "Peggy asked would I come on the trip. Said I'd the calves to mind.",
            "Bea asked me round for a girls night. Said I'm on shift.",
            "They invited me bowling, I said I was skint.",
            "The lads asked us both to the pub quiz. I said I had reading.",
            "Rosa invited me to her 90th. I said no before she'd even got to the date.",
            "Graham asked if I fancied a stroll. Told him my feet were killing me.",
            "Theo asked to come over and I said it's a bad time.",
            "Lorraine wants me to come to Whitby. Said October's impossible.",
            "Derek asked me to the bowls. Texted him I wouldnt make it.",
        ] {
            check_family(text, s, &["cancelled-plans"]);
        }
        // The same words with no invitation in the entry are no refusal.
        check_family("Said I'm on shift.", s, &[]);
        check_family("Told him my feet were killing me.", s, &[]);
        check_family("Said October's impossible at the salon.", s, &[]);
    }

    #[test]
    fn asked_about_myself_and_turned_it_round() {
        let s = Family::Sign;
        for text in [
            "Ciara asked was I depressed. Told her not to be silly.",
            "Lily asked if I was happy. Changed it round to her rabbit.",
            "Rina asked me straight out if I'm depressed. I launched into the ward gossip instead.",
            "Mum asked if I was struggling. Started talking about Kuya's new car.",
            "Graham asked me if I was happy. I said 'course, why wouldnt I be' and made toast.",
        ] {
            check_family(text, s, &["withheld-feelings"]);
        }
        // Without anyone asking, the same moves hold nothing back.
        check_family("Started talking about Kuya's new car.", s, &[]);
        check_family("Told her not to be silly.", s, &[]);
        check_family(
            "Steven asked was I managing, properly managing.",
            Family::Trigger,
            &["closeness-bid"],
        );
    }

    #[test]
    fn bids_in_more_voices() {
        let t = Family::Trigger;
        for text in [
            "Kevin text 'u coming friday or what'.",
            "Tita Cora keeps sending voice notes asking when I'll visit.",
            "Sean wanted to bring me out for a meal.",
            "Ciara asked would I be godmother to the little one.",
            "Joan suggested we'd all go to Lahinch in June.",
            "Mary asked was everything ok, said I looked worn out.",
            "Priya's been trying to get me to her work happy hour.",
            "Esther called two minutes later just to talk.",
            "Kieran keeps asking me for a coffee.",
            "Dan's sister emailed inviting us for Christmas.",
            "The lads asked who's in for the charity 10k.",
            "Ciara says she does be worried about me.",
        ] {
            check_family(text, t, &["closeness-bid"]);
        }
        // A long message is news, not a bid; ringing someone myself is a
        // step, not their bid.
        check_family("Jas sent me a long message about her breakup.", t, &[]);
        check_family("Rang my brother just to chat.", t, &[]);
    }

    #[test]
    fn strain_and_old_wounds_in_more_voices() {
        let t = Family::Trigger;
        for text in [
            "Wanted to bail so bad, zombie after nights.",
            "Post-call brain is not an excuse.",
            "Brutal day. Two admits, no lunch.",
            "Nine days on exercise, brains like porridge.",
            "After a week of 5am starts and live firing, straight to bed.",
            "Been like this with everyone since exams started.",
            "Too much on with the promotion course.",
        ] {
            check_family(text, t, &["stress"]);
        }
        check_family(
            "Bumped into Mike, him who jilted me in 89.",
            t,
            &["past-hurt"],
        );
        check_family(
            "Same voice he used when I came out at nineteen.",
            t,
            &["past-hurt"],
        );
        // A failed exam is a low, not a load, to the labellers.
        check_family("I failed the chem mock.", t, &[]);
    }

    #[test]
    fn distance_kept_after_a_bid_in_more_voices() {
        let s = Family::Sign;
        for text in [
            "Brian waved me over. Sat at the end with my paper instead.",
            "Tom said he was proud of me. Said 'what's got into you' and went upstairs.",
            "Jade keeps sending miss u. No point getting attached.",
            "Jade asked me over. Went cold on her the rest of the day.",
        ] {
            check_family(text, s, &["kept-distance"]);
        }
        // With no bid in the entry the same words keep no one away.
        check_family("Sat at the end with my paper instead.", s, &[]);
        // Thanks for a kind word is taking it, not deflecting it.
        check_family(
            "Mum said she was proud of me. I said thank you and meant it.",
            s,
            &[],
        );
    }

    #[test]
    fn a_time_opening_a_note_is_no_one_acting() {
        let st = Family::Step;
        // "This morning" opens the note; the messaging is the author's.
        check_family(
            "This morning finally messaged Priya back properly.",
            st,
            &["reached-out"],
        );
        check_family("Last night double texted Bea.", st, &["reached-out"]);
        // A time with its own verb is the subject, and it did nothing.
        check_family(
            "This week has been so long, Priya messaged me back.",
            st,
            &[],
        );
        check_family(
            "Messaged him later to check he's ok.",
            st,
            &["asked-about-them", "reached-out"],
        );
        check_family(
            "Rang Connor after lights out to see how his mocks went.",
            st,
            &["asked-about-them", "reached-out"],
        );
        for (text, label) in [
            (
                "Took round a lasagne and stopped for an hour.",
                "reached-out",
            ),
            (
                "Hugged her goodbye and told her I'd missed her.",
                "shared-feelings",
            ),
            (
                "She made me tea. Letting her fuss for once.",
                "accepted-help",
            ),
        ] {
            check_family(text, st, &[label]);
        }
        // A card of thanks is appreciation, not reaching out; someone else
        // bringing round a cake is their step.
        check_family("Derek brought round a lemon drizzle.", st, &[]);
        // A name straight after the author's verb is its object, not the
        // next deed's subject, even when "just" follows it.
        check_family(
            "Texted Marisol just to say hi and asked how the new job is treating her.",
            st,
            &["asked-about-them", "reached-out"],
        );
        // After a verb of seeing, the name opens a clause of its own.
        check_family(
            "Saw Theo was online at 1am but hadn't answered me.",
            Family::Sign,
            &[],
        );
        // Asking if someone is free is an invitation, not asking after them.
        check_family(
            "Texted Asha afterwards to ask if she's free Sunday.",
            st,
            &["reached-out"],
        );
    }

    #[test]
    fn short_answers_barbs_and_screening_in_more_voices() {
        let s = Family::Sign;
        for (text, label) in [
            ("Mum sent a long message. I put thx.", "curt-reply"),
            ("Said whatever mate and put my headphones in.", "curt-reply"),
            (
                "Tore a strip off Kayleigh for the wrong toner.",
                "harsh-words",
            ),
            (
                "Said 'you're one to talk' and dragged up 2009.",
                "harsh-words",
            ),
            (
                "Ciara keeps sending links. I've stopped opening them.",
                "ignored-contact",
            ),
            ("Declined Daniel's facetime.", "ignored-contact"),
            (
                "Fourteen missed calls. Not rung any of them back.",
                "ignored-contact",
            ),
        ] {
            check_family(text, s, &[label]);
        }
        // A phone turned face down after a short reply adds no sign of
        // its own to the labellers.
        check_family(
            "Typed 'congrats' and put the phone face down.",
            s,
            &["curt-reply"],
        );
    }

    #[test]
    fn later_shapes_from_new_writers() {
        let s = Family::Sign;
        check_family("Ben rang and I hit decline.", s, &["ignored-contact"]);
        // Hiding from someone counts as keeping them away only when they
        // sought closeness.
        check_family("Ducked behind the stall till the rain passed.", s, &[]);
        check_family("Told her to mind her own business.", s, &["harsh-words"]);
        check_family("Said it in my nastiest voice.", s, &["harsh-words"]);
        check_family(
            "Danielle keeps asking to meet up. Saw her and ducked behind the stall till she passed.",
            s,
            &["kept-distance"],
        );
        check_family(
            "Mae messaged checking we're still on for thursday and I cancelled.",
            s,
            &["cancelled-plans"],
        );
        // The meeting being cancelled is not the author cancelling.
        check_family("The meeting was cancelled.", s, &[]);
        check_family(
            "Rhi asked me to pub quiz and I didnt even reply.",
            s,
            &["ignored-contact"],
        );
        // A quiz question left unanswered is no message ignored.
        check_family("I didn't answer the quiz question.", s, &[]);
        let t = Family::Trigger;
        check_family("12hr shift, two arrests.", t, &["stress"]);
        check_family(
            "Lads asking in the group if I'm in for five-a-side.",
            t,
            &["closeness-bid"],
        );
        check_family(
            "The lease renewal came with both our names filled in.",
            t,
            &["getting-serious"],
        );
        // Being asked if I want cake is an offer, not a bid.
        check_family("Steph asked if I wanted cake.", t, &[]);
        let th = Family::Thought;
        check_family("I keep wondering what she's after.", th, &["distrust"]);
        check_family(
            "He only phones so he feels less guilty.",
            th,
            &["not-liked"],
        );
        check_family("She could do so much better.", th, &["not-good-enough"]);
        check_family(
            "I'm terrified I'll freeze on the day.",
            th,
            &["will-let-down"],
        );
        // Someone else's fears are not the author's thought.
        check_family("Sam said he was terrified of the dentist.", th, &[]);
    }
}
