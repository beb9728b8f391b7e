//! Text structure for the context checks: sentences, word tokens, clause
//! boundaries and the people named in a sentence.
//!
//! Everything works on byte offsets into the caller's `&str` and only ever cuts
//! on char boundaries, so spans handed back to the caller can be sliced
//! safely. Nothing is normalised in place: curly apostrophes and case are
//! handled by comparing through [`norm_word`], which keeps offsets honest.

/// Splits text into sentences: byte ranges with surrounding whitespace trimmed.
///
/// A sentence ends at `.`, `!`, `?` or `…` followed by whitespace (or a closing
/// quote or bracket and whitespace), and at every line break, since journal
/// entries are often lists. Titles such as "Dr." do not end a sentence.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 48 + 2);
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Most bytes end nothing: skip to the next one that might (0xE2
        // starts "…" and the curly quotes).
        match bytes[i..]
            .iter()
            .position(|&b| matches!(b, b'\n' | b'\r' | b'.' | b'!' | b'?' | 0xE2))
        {
            Some(k) => i += k,
            None => break,
        }
        let b = bytes[i];
        let mut end_here = None;
        if b == b'\n' || b == b'\r' {
            end_here = Some((i, i + 1));
        } else if b == b'.' || b == b'!' || b == b'?' || bytes[i..].starts_with("…".as_bytes()) {
            let mut j = i + if b == b'.' || b == b'!' || b == b'?' {
                1
            } else {
                '…'.len_utf8()
            };
            // Runs of terminators ("?!", "...") and closing quotes stay with
            // the sentence they end.
            while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?' | b'\'' | b'"' | b')') {
                j += 1;
            }
            while j < bytes.len()
                && (bytes[j..].starts_with("’".as_bytes())
                    || bytes[j..].starts_with("”".as_bytes()))
            {
                j += 3;
            }
            let at_end = j >= bytes.len();
            let then_space = !at_end && bytes[j].is_ascii_whitespace();
            // "texted 'come over tonight?' and I said ...": a question or
            // exclamation closed by a quote and continued in lower case is
            // quoted speech inside one sentence.
            let quoted = j > i + 1 && matches!(bytes[j - 1], b'\'' | b'"' | 0x99 | 0x9d);
            let continues_lower = text[j..]
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
            if (at_end || then_space)
                && !(b == b'.' && is_title_before(text, i))
                && !(quoted && continues_lower)
            {
                end_here = Some((j, j));
            }
        }
        if let Some((end, next)) = end_here {
            push_trimmed(text, start, end, &mut out);
            start = next;
            i = next.max(i + 1);
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    if start >= end {
        return;
    }
    let (s, e) = trimmed(text, start, end);
    if s < e {
        out.push((s, e));
    }
}

/// The span `start..end` of `text` without the blanks at its ends, so a
/// sentence or a piece of evidence starts and ends on a word.
pub(crate) fn trimmed(text: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    (start + lead, (end - trail).max(start + lead))
}

/// True when the `.` at `dot` closes a title or common abbreviation.
fn is_title_before(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .rfind(|c: char| !c.is_alphanumeric())
        .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &before[word_start..];
    [
        "dr", "mr", "mrs", "ms", "mx", "st", "prof", "vs", "etc", "e.g", "i.e", "approx",
    ]
    .iter()
    .any(|t| t.eq_ignore_ascii_case(word))
}

/// One word of a sentence with its byte range in the whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    /// Lower-cased, curly apostrophes folded to `'`; borrowed from the text
    /// when it already is (most words), so a token costs no allocation.
    pub norm: std::borrow::Cow<'a, str>,
    /// Capitalised as written (first char uppercase).
    pub capital: bool,
    /// A clause boundary (`,` `;` `:` `(` dash, or a linking word) precedes it.
    pub clause_start: bool,
    /// Inside quotation marks: someone's words ("said 'you're breaking up,
    /// I'll ring you back' and hung up"), not the narration around them.
    pub quoted: bool,
}

/// Rewrites `@name` mentions so they read as plain names, without moving a
/// single byte: the `@` becomes a space and an ASCII lower-case first letter
/// is capitalised ("@jo" reads as " Jo"). Patterns, placeholders and the
/// context checks then treat a mention exactly like the name, and every
/// offset found in the result is an offset into the original text. Only an
/// `@` at the start of a word counts, so e-mail addresses are left alone.
pub fn unmention(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('@') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut iter = text.chars().peekable();
    while let Some(c) = iter.next() {
        // The same notion of a mention as `text::mentions`: `@` starting a
        // word, followed by a letter.
        let at_word_start = prev.is_none_or(|p| !(p.is_alphanumeric() || p == '_' || p == '@'));
        let next = iter.peek().copied();
        if c == '@' && at_word_start && next.is_some_and(char::is_alphabetic) {
            out.push(' ');
            if let Some(d) = iter.next() {
                // Only an ASCII letter is capitalised: its upper case has the
                // same length, so offsets stay exact.
                out.push(if d.is_ascii_lowercase() {
                    d.to_ascii_uppercase()
                } else {
                    d
                });
                prev = Some(d);
            }
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    std::borrow::Cow::Owned(out)
}

/// Lower-cases and folds curly apostrophes so `Didn’t` compares as `didn't`.
pub fn norm_word(w: &str) -> String {
    // Most words are ASCII, where this is a copy and a byte loop.
    if w.is_ascii() {
        return w.to_ascii_lowercase();
    }
    w.chars()
        .map(|c| if c == '’' || c == '‘' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '@'
}

/// Words that start a new clause: the subject may change after them.
const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "so", "then", "because", "cos", "'cause", "when", "while", "until", "though",
    "although", "whereas", "or", "which", "who", "after", "before", "til", "till", "bc", "cuz",
    "coz", "cos",
];

/// Tokenises the sentence `text[start..end]`, marking clause starts.
pub fn tokens(text: &str, start: usize, end: usize) -> Vec<Token<'_>> {
    let s = &text[start..end];
    let mut out: Vec<Token> = Vec::with_capacity(s.len() / 4 + 1);
    let quotes = quote_spans(s);
    let mut next_quote = 0;
    let mut boundary = true;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if is_word_char(c) && c != '\'' && c != '’' && c != '-' {
            let mut j = i + c.len_utf8();
            while let Some(&(k, d)) = iter.peek() {
                if is_word_char(d) {
                    j = k + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            // Trailing apostrophes and hyphens are punctuation, not word.
            let mut word = &s[i..j];
            while let Some(last) = word.chars().last() {
                if last == '\'' || last == '’' || last == '-' {
                    word = &word[..word.len() - last.len_utf8()];
                } else {
                    break;
                }
            }
            let norm = if word
                .bytes()
                .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
            {
                std::borrow::Cow::Borrowed(word)
            } else {
                std::borrow::Cow::Owned(norm_word(word))
            };
            let clause_word = is_clause_word(&norm);
            while quotes.get(next_quote).is_some_and(|q| q.1 <= i) {
                next_quote += 1;
            }
            let quoted = quotes.get(next_quote).is_some_and(|q| q.0 < i);
            out.push(Token {
                start: start + i,
                end: start + i + word.len(),
                capital: c.is_uppercase(),
                clause_start: boundary || clause_word,
                quoted,
                norm,
            });
            boundary = false;
        } else if matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '–' | '"' | '“' | '”')
            // An emoji or symbol between words ends a clause as a comma does:
            // "haven't opened them 🙃 everything feels grey".
            || (c >= '\u{2000}' && !c.is_alphanumeric() && !c.is_whitespace() && c != '‘' && c != '’')
        {
            boundary = true;
        } else if c == '-' {
            // A spaced hyphen is a dash; a hyphen inside a word was consumed above.
            if iter.peek().is_some_and(|&(_, d)| d.is_whitespace()) {
                boundary = true;
            }
        }
    }
    out
}

/// The quoted stretches of a sentence, as byte ranges from the opening mark
/// to the closing one. A straight apostrophe is also the inside of "I'd" and
/// the end of "kids'", so a mark opens a quote only at the start of a word
/// (after a space, a bracket or a colon) and closes one only at the end of a
/// word (before a space or punctuation); an opening mark that is never
/// closed in the sentence quotes nothing.
fn quote_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, bool)> = None;
    let b = s.as_bytes();
    // Only quote marks and the characters either side of them matter, so
    // the scan jumps from one possible mark to the next: `"`, `'`, and the
    // lead byte 0xE2 of the curly ones.
    let mut from = 0;
    while let Some(k) = b[from..]
        .iter()
        .position(|&x| matches!(x, b'"' | b'\'' | 0xE2))
    {
        let i = from + k;
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        from = i + c.len_utf8();
        let prev = s[..i].chars().next_back();
        let next = s[from..].chars().next();
        quote_mark(i, c, prev, next, &mut open, &mut out);
    }
    out
}

/// One character `c` at byte `i` of the quote scan, between `prev` and
/// `next`: a quote mark that can open or close a quotation does, into
/// `open` (where the open one started, and whether it is double) and `out`.
fn quote_mark(
    i: usize,
    c: char,
    prev: Option<char>,
    next: Option<char>,
    open: &mut Option<(usize, bool)>,
    out: &mut Vec<(usize, usize)>,
) {
    let double = matches!(c, '"' | '“' | '”');
    let single = matches!(c, '\'' | '‘' | '’');
    if !(double || single) {
        return;
    }
    let can_close = prev.is_some_and(|p| !p.is_whitespace())
        && next.is_none_or(|d| d.is_whitespace() || ".,!?;:)…—–".contains(d));
    let can_open = prev.is_none_or(|p| p.is_whitespace() || "([:—–".contains(p))
        && next.is_some_and(|d| d.is_alphanumeric() || (double && !d.is_whitespace()));
    match *open {
        Some((start, was_double)) if was_double == double && can_close && c != '‘' && c != '“' =>
        {
            out.push((start, i + c.len_utf8()));
            *open = None;
        }
        None if can_open && c != '’' && c != '”' => *open = Some((i, double)),
        _ => {}
    }
}

/// Words that are capitalised for reasons other than being a name.
const NOT_NAMES: &[&str] = &[
    "i",
    "i'm",
    "i've",
    "i'd",
    "i'll",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "christmas",
    "easter",
    "ok",
    "okay",
    "god",
    "english",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "uni",
    "tv",
    "slack",
    "teams",
    "whatsapp",
    "insta",
    "instagram",
    "facebook",
    "netflix",
    "zoom",
    "google",
    "uber",
    "tesco",
    "ikea",
    "thanksgiving",
    "eid",
    "diwali",
    "ramadan",
    "tinder",
    "hinge",
    "bumble",
    "twitter",
    "tiktok",
    "spotify",
    "youtube",
    "lol",
    "omg",
    "tbh",
    "btw",
    "imo",
    "idk",
    "ugh",
    "hr",
    "gp",
    "nhs",
    "dnd",
    "a&e",
    "covid",
    "zoom",
    "iphone",
    "facetime",
    "gmail",
    "outlook",
    "discord",
];

/// Nouns for people, as the second word of a possessive subject ("Rob's
/// mate", "Jo's boss") or of a role ("Best friend").
pub(crate) const PERSON_NOUNS: &[&str] = &[
    "mate",
    "mates",
    "friend",
    "friends",
    "boss",
    "manager",
    "mum",
    "mom",
    "dad",
    "sister",
    "brother",
    "partner",
    "wife",
    "husband",
    "boyfriend",
    "girlfriend",
    "bf",
    "gf",
    "son",
    "daughter",
    "kid",
    "kids",
    "mother",
    "father",
    "parents",
    "cousin",
    "aunt",
    "auntie",
    "uncle",
    "colleague",
    "coworker",
    "flatmate",
    "roommate",
    "housemate",
    "family",
    "lot",
    "crew",
    "pal",
    "ex",
    "fiance",
    "fiancé",
    "fiancee",
    "nan",
    "gran",
    "grandma",
    "grandad",
    "team",
];

/// People at work named by their job, as in "Charge nurse", "Head chef".
pub(crate) const WORK_ROLES: &[&str] = &[
    "nurse",
    "doctor",
    "teacher",
    "supervisor",
    "chef",
    "lead",
    "coach",
    "neighbour",
    "neighbor",
    "landlord",
    "landlady",
    "client",
    "customer",
    "director",
    "editor",
    "sergeant",
    "officer",
    "matron",
    "consultant",
    "registrar",
    "foreman",
    "gaffer",
    "trainer",
    "tutor",
    "lecturer",
    "professor",
    "head",
    "principal",
    "manager",
    "boss",
];

/// Whether `toks[i]` is a capitalised word that, with the lower-case person
/// or job noun right after it, names someone by role: "Charge nurse",
/// "Head chef", "Best friend". Not "Rob's mate": Rob is a name.
pub(crate) fn names_a_role(toks: &[Token], i: usize) -> bool {
    toks[i].capital
        && !toks[i].norm.ends_with("'s")
        && toks.get(i + 1).is_some_and(|n| {
            !n.capital
                && !n.clause_start
                && (WORK_ROLES.contains(&n.norm.as_ref())
                    || PERSON_NOUNS.contains(&n.norm.as_ref()))
        })
}

/// Family words that name a person even in lower case ("rang mum"), the
/// women's and the men's, so that "her" can tell Mum from Dad.
const KIN_SHE: &[&str] = &[
    "mum", "mom", "mam", "mummy", "mommy", "ma", "mama", "nan", "nana", "nanna", "gran", "granny",
    "grandma", "abuela", "nonna", "oma", "auntie", "aunty",
];
const KIN_HE: &[&str] = &[
    "dad", "daddy", "pa", "papa", "grandad", "granddad", "grandpa", "gramps", "abuelo", "nonno",
    "opa", "uncle",
];

fn is_kin(w: &str) -> bool {
    is_kin_she(w) || is_kin_he(w)
}

/// Common words that open sentences; a capital there says nothing about names.
const COMMON_STARTERS: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "all",
    "almost",
    "also",
    "although",
    "always",
    "an",
    "and",
    "another",
    "any",
    "anyway",
    "anyways",
    "anyhow",
    "somehow",
    "somewhere",
    "otherwise",
    "often",
    "soon",
    "twice",
    "ever",
    "quite",
    "rather",
    "together",
    "alone",
    "apparently",
    "as",
    "at",
    "back",
    "bad",
    "because",
    "been",
    "before",
    "being",
    "best",
    "better",
    "big",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "could",
    "couldn't",
    "did",
    "didn't",
    "do",
    "don't",
    "done",
    "during",
    "each",
    "early",
    "either",
    "even",
    "every",
    "everyone",
    "everything",
    "felt",
    "finally",
    "first",
    "for",
    "found",
    "from",
    "fine",
    "gave",
    "good",
    "got",
    "great",
    "had",
    "half",
    "hard",
    "has",
    "have",
    "haven't",
    "having",
    "he",
    "he's",
    "her",
    "here",
    "his",
    "how",
    "however",
    "if",
    "in",
    "instead",
    "is",
    "it",
    "it's",
    "its",
    "just",
    "kept",
    "last",
    "later",
    "left",
    "let",
    "like",
    "long",
    "lots",
    "low",
    "made",
    "maybe",
    "me",
    "might",
    "more",
    "most",
    "much",
    "my",
    "never",
    "new",
    "next",
    "nice",
    "no",
    "nobody",
    "none",
    "not",
    "nothing",
    "now",
    "of",
    "oh",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "part",
    "people",
    "please",
    "pretty",
    "quiet",
    "rough",
    "said",
    "same",
    "sat",
    "saw",
    "sent",
    "she",
    "she's",
    "should",
    "since",
    "so",
    "some",
    "someone",
    "something",
    "sometimes",
    "still",
    "such",
    "sure",
    "that",
    "that's",
    "the",
    "their",
    "them",
    "then",
    "there",
    "there's",
    "these",
    "they",
    "they're",
    "this",
    "those",
    "though",
    "three",
    "through",
    "to",
    "today",
    "told",
    "tomorrow",
    "tonight",
    "too",
    "took",
    "two",
    "up",
    "us",
    "very",
    "was",
    "wasn't",
    "we",
    "we're",
    "well",
    "went",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "without",
    "work",
    "would",
    "wouldn't",
    "yes",
    "yesterday",
    "yet",
    "you",
    "your",
    "week",
    "weekend",
    "morning",
    "evening",
    "night",
    "day",
    "tired",
    "ate",
    "woke",
    "stayed",
    "spent",
    "asked",
    "texted",
    "called",
    "rang",
    "ignored",
    "cancelled",
    "canceled",
    "bailed",
    "muted",
    "snapped",
    "told",
    "wanted",
    "tried",
    "stopped",
    "kept",
    "nearly",
    "really",
    "honestly",
    "actually",
    "probably",
    "definitely",
    "totally",
    "completely",
    "numb",
    "flat",
    "grim",
    "heavy",
    "busy",
    "long",
    "massive",
    "huge",
    "crunch",
    "deadline",
    "session",
    "therapy",
    "counselling",
    "haven't",
    "hasn't",
    "won't",
    "isn't",
    "aren't",
    "still",
    "every",
    "sorry",
    "thanks",
    "thank",
    "hey",
    "hi",
    "ugh",
    "wow",
    "yeah",
    "nah",
    "feeling",
    "feel",
    "think",
    "hate",
    "love",
    "miss",
    "need",
    "want",
    "keep",
    "make",
    "take",
    "give",
    "get",
    "go",
    "come",
    "see",
    "say",
    "tell",
    "ask",
    "call",
    "text",
    "reply",
    "answer",
    "three",
    "four",
    "five",
    "second",
    "third",
    "fourth",
    "twelve",
    "ten",
    "two",
    "six",
    "eight",
    "nine",
    "seven",
];

/// People named in a sentence: capitalised names, `@name` mentions, kinship
/// words and any caller-supplied known names (matched case-insensitively),
/// each once, in order.
pub fn people(text: &str, toks: &[Token], known: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, name) in person_mentions(text, toks, known) {
        if !out.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            out.push(name);
        }
    }
    out
}

/// Every mention of a person in `toks`, as (token index, name), in order
/// and with repeats: what [`people`] reads, for callers that need to know
/// where each one is.
pub fn person_mentions(text: &str, toks: &[Token], known: &[String]) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let known_norm: Vec<String> = known.iter().map(|k| norm_word(k)).collect();
    for (idx, t) in toks.iter().enumerate() {
        let push = |name: String, out: &mut Vec<(usize, String)>| {
            if !name.is_empty() {
                out.push((idx, name));
            }
        };
        let raw = &text[t.start..t.end];
        let base = strip_possessive(raw);
        // The token's own normal form, unless a possessive came off.
        let base_norm: std::borrow::Cow<'_, str> = if base.len() == raw.len() {
            std::borrow::Cow::Borrowed(&t.norm)
        } else {
            std::borrow::Cow::Owned(norm_word(base))
        };
        // A mention the caller already unmentioned (see [`unmention`]): the
        // token starts right after the `@` in the original text.
        if text[..t.start].ends_with('@') {
            if base.chars().next().is_some_and(char::is_alphanumeric) {
                push(base.to_string(), &mut out);
            }
            continue;
        }
        if let Some(handle) = base.strip_prefix('@') {
            if handle.chars().next().is_some_and(char::is_alphanumeric) {
                push(handle.to_string(), &mut out);
            }
            continue;
        }
        if let Some(k) = known_norm.iter().position(|k| *k == *base_norm) {
            push(known[k].clone(), &mut out);
            continue;
        }
        if is_kin(&base_norm) {
            // "my ma" and "Mum" are people; "ma" alone inside a word list is
            // rare enough in journals that the false alarm is acceptable.
            push(capitalise(&base_norm), &mut out);
            continue;
        }
        if !t.capital || is_not_name(&base_norm) || is_opener(&base_norm) {
            continue;
        }
        if base.len() == raw.len() && is_a_place(toks, idx) {
            continue;
        }
        let letters: Vec<char> = base.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() < 2 || letters.iter().all(|c| c.is_uppercase()) {
            // Initials and acronyms (HR, DND) are rarely people.
            continue;
        }
        if idx == 0 || is_sentence_initial(text, t) {
            let possessive = base.len() != raw.len();
            // "Charge nurse", "Head chef": a word naming the role, not a name.
            if !possessive && names_a_role(toks, idx) {
                continue;
            }
            let looks_common = is_common_starter(&base_norm)
                || base_norm.ends_with("ed")
                || base_norm.ends_with("ing")
                || (base_norm.ends_with("ly") && base_norm.len() >= 6)
                || base_norm.contains('\'')
                || counts_something(&base_norm);
            // "She's", "It's", "Work's": the 's of a word that names no
            // one is "is" or "has", not whose.
            if looks_common && (!possessive || is_contracted(&base_norm)) {
                continue;
            }
        }
        push(base.to_string(), &mut out);
    }
    out
}

/// Words that are no one's name even when capitalised, mostly at the start
/// of a sentence (where [`COMMON_STARTERS`] already covers many): note-style
/// verbs ("Came home", "Wrote back"), contractions written without their
/// apostrophe ("Didnt", "Im"), and words of feeling, time and things.
/// Words that are also common names (Will, Rich, Joy, Rose) stay out.
const OPENERS: &[&str] = &[
    // contractions without an apostrophe
    "didnt",
    "dont",
    "doesnt",
    "cant",
    "wont",
    "isnt",
    "wasnt",
    "werent",
    "arent",
    "couldnt",
    "wouldnt",
    "shouldnt",
    "havent",
    "hasnt",
    "hadnt",
    "im",
    "ive",
    "id",
    "ill",
    "youre",
    "theyre",
    "thats",
    "whats",
    "shes",
    "hes",
    "lets",
    "theres",
    "dunno",
    "didnae",
    "cannae",
    "wasnae",
    "dinnae",
    "canny",
    "gonna",
    "wanna",
    "gotta",
    // note-style verbs
    "came",
    "wrote",
    "bit",
    "caught",
    "lay",
    "read",
    "put",
    "stood",
    "drove",
    "hung",
    "bought",
    "brought",
    "slept",
    "tore",
    "met",
    "thought",
    "heard",
    "shut",
    "stuck",
    "broke",
    "hit",
    "blew",
    "hid",
    "stung",
    "lost",
    "ran",
    "threw",
    "swore",
    "fell",
    "forgot",
    "froze",
    "drank",
    "knew",
    "grew",
    "rode",
    "spoke",
    "wore",
    "began",
    "chose",
    "paid",
    "lent",
    "led",
    "lit",
    "sold",
    "held",
    "fought",
    "taught",
    "understood",
    "overheard",
    "overslept",
    "hurt",
    "quit",
    "cut",
    "set",
    "shook",
    "dug",
    "fed",
    "fled",
    "flew",
    "snuck",
    "swam",
    "wept",
    "telt",
    "turns",
    "keeps",
    "feels",
    "seems",
    "figure",
    "figured",
    "reckon",
    "meet",
    "bake",
    "nearly",
    "skipped",
    "cried",
    "replied",
    "messaged",
    "facetimed",
    "whatsapped",
    "whatsapps",
    "dm'd",
    "dmed",
    "rang",
    "sent",
    "hugged",
    "binned",
    "ghosted",
    "blanked",
    // feelings, time, things
    "glad",
    "proud",
    "funny",
    "real",
    "dead",
    "full",
    "short",
    "proper",
    "classic",
    "double",
    "sarcastic",
    "sarcasm",
    "whole",
    "easier",
    "harder",
    "old",
    "fair",
    "truth",
    "things",
    "stuff",
    "year",
    "years",
    "day",
    "days",
    "home",
    "lunch",
    "dinner",
    "breakfast",
    "tea",
    "date",
    "exam",
    "exams",
    "deadline",
    "sprint",
    "audit",
    "radio",
    "voice",
    "video",
    "group",
    "kids",
    "lads",
    "girls",
    "guys",
    "knee",
    "thumb",
    "way",
    "road",
    "street",
    "near",
    "halfway",
    "within",
    "already",
    "sooner",
    "whenever",
    "whatever",
    "neither",
    "everybody",
    "afterwards",
    "off",
    "right",
    "yep",
    "nope",
    "mm",
    "hmm",
    "anniversary",
    "birthday",
    "sundays",
    "mondays",
    "tuesdays",
    "wednesdays",
    "thursdays",
    "fridays",
    "saturdays",
    "weekends",
    "mornings",
    "evenings",
    "nights",
    "one-word",
    "back-to-back",
    "kind",
    "phone",
    "text",
    "texts",
    "message",
    "messages",
    "call",
    "calls",
    "voicemail",
    "ex",
    "wee",
    "bloody",
    "absolutely",
    "genuinely",
    "literally",
    "awful",
    "brutal",
    "shite",
    "rubbish",
    "mad",
    "weird",
    "strange",
    "odd",
    "okay",
    "alright",
    "grand",
    "new",
    "love",
    "poor",
    "lovely",
    "typical",
];

/// Words whose `'s` at the start of a sentence is "is" or "has".
const CONTRACTED: &[&str] = &[
    "he",
    "she",
    "it",
    "that",
    "there",
    "here",
    "what",
    "who",
    "where",
    "how",
    "why",
    "when",
    "everyone",
    "everything",
    "everybody",
    "nothing",
    "something",
    "someone",
    "somebody",
    "nobody",
    "work",
    "today",
    "tonight",
    "tomorrow",
    "life",
    "this",
    "one",
    "let",
    "things",
];

/// "in Leeds", "near Skipton", "outside Tesco": a capital after these is
/// a place, except for the one confided in.
fn is_a_place(toks: &[Token], idx: usize) -> bool {
    let before = |k: usize| idx.checked_sub(k).and_then(|i| toks.get(i));
    before(1).is_some_and(|t| matches!(t.norm.as_ref(), "in" | "near" | "outside"))
        && !before(2).is_some_and(|t| t.norm.starts_with("confid") || t.norm.starts_with("trust"))
}

/// A number as a word leading a compound: "Twelve-hour", "Forty-odd".
fn counts_something(w: &str) -> bool {
    const NUMBERS: &[&str] = &[
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "half",
        "quarter",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
    ];
    let head = w.split('-').next().unwrap_or(w);
    NUMBERS.contains(&head)
}

/// FNV-1a: the word lists are fixed and short words hash in a few steps,
/// where the default keyed hash costs more than the lookup saves.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        use super::matcher::{FNV_OFFSET, fnv_extend};
        let h = if self.0 == 0 { FNV_OFFSET } else { self.0 };
        self.0 = fnv_extend(h, bytes);
    }
}

type WordSet = std::collections::HashSet<&'static str, std::hash::BuildHasherDefault<Fnv>>;

/// Membership in a word list, by hash rather than by a scan of it: these
/// are asked of every word of a sentence with a detection.
macro_rules! word_set {
    ($vis:vis $name:ident, $list:ident) => {
        $vis fn $name(w: &str) -> bool {
            static SET: std::sync::LazyLock<WordSet> =
                std::sync::LazyLock::new(|| $list.iter().copied().collect());
            SET.contains(w)
        }
    };
}

word_set!(pub(crate) is_kin_she, KIN_SHE);
word_set!(pub(crate) is_kin_he, KIN_HE);
word_set!(is_opener, OPENERS);
word_set!(is_contracted, CONTRACTED);
word_set!(is_clause_word, CLAUSE_WORDS);
word_set!(pub(crate) is_not_name, NOT_NAMES);
// Whether `w` (normalised) is a word often capitalised only for starting a
// sentence.
word_set!(pub(crate) is_common_starter, COMMON_STARTERS);

fn is_sentence_initial(text: &str, t: &Token) -> bool {
    // After a quote mark or dash inside a sentence a capital also says little.
    let before = text[..t.start].trim_end();
    before.is_empty()
        || before.ends_with(['.', '!', '?', '\'', '"', '‘', '“', ':'])
        || before.ends_with('\n')
}

fn strip_possessive(w: &str) -> &str {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(s) = w.strip_suffix(suffix) {
            return s;
        }
    }
    w
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quote scan as it was first written, every character in turn:
    /// the scan that jumps between marks must find the same spans.
    fn quote_spans_char_by_char(s: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut open: Option<(usize, bool)> = None;
        let mut prev: Option<char> = None;
        let mut iter = s.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let next = iter.peek().map(|&(_, d)| d);
            quote_mark(i, c, prev, next, &mut open, &mut out);
            prev = Some(c);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn quote_spans_jump_to_the_same_spans(
            picks in proptest::collection::vec(0usize..20, 0..40),
        ) {
            const PIECES: [&str; 20] = [
                "'", "\"", "‘", "’", "“", "”", " ", "a", "I", "é", "—", "(", ":", ".",
                ",", "\u{2013}", "…", "ok", "\u{2028}", "🙂",
            ];
            let s: String = picks.iter().map(|&k| PIECES[k]).collect();
            proptest::prop_assert_eq!(quote_spans(&s), quote_spans_char_by_char(&s));
        }
    }

    #[test]
    fn quotes_are_found_apart_from_apostrophes() {
        let s = "I said 'fine, I'll sort it' and the kids' toys stayed out.";
        let spans = quote_spans(s);
        assert_eq!(spans.len(), 1);
        assert_eq!(&s[spans[0].0..spans[0].1], "'fine, I'll sort it'");
        // An opening mark never closed quotes nothing.
        assert!(quote_spans("we went 'cause it was late").is_empty());
        assert_eq!(quote_spans("Me: \u{201c}busy\u{201d} and left").len(), 1);
        let toks = tokens(s, 0, s.len());
        let quoted: Vec<&str> = toks
            .iter()
            .filter(|t| t.quoted)
            .map(|t| t.norm.as_ref())
            .collect();
        assert_eq!(quoted, ["fine", "i'll", "sort", "it"]);
    }

    fn sents(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn splits_sentences_but_not_titles() {
        assert_eq!(
            sents("Saw Dr. Shah today. It helped!  Then bed\nnext line"),
            vec!["Saw Dr. Shah today.", "It helped!", "Then bed", "next line"]
        );
        assert_eq!(
            sents("She said 'no.' Then left."),
            vec!["She said 'no.'", "Then left."]
        );
        assert_eq!(sents("wait… what"), vec!["wait…", "what"]);
        assert!(sents("   ").is_empty());
    }

    #[test]
    fn tokens_fold_apostrophes_and_mark_clauses() {
        let t = "I didn’t reply, and Sam's mad";
        let toks = tokens(t, 0, t.len());
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_ref()).collect();
        assert_eq!(norms, vec!["i", "didn't", "reply", "and", "sam's", "mad"]);
        assert!(toks[0].clause_start);
        assert!(!toks[1].clause_start);
        assert!(toks[3].clause_start);
        assert_eq!(&t[toks[1].start..toks[1].end], "didn’t");
    }

    fn names(t: &str) -> Vec<String> {
        let toks = tokens(t, 0, t.len());
        people(t, &toks, &[])
    }

    #[test]
    fn finds_people_and_skips_common_capitals() {
        assert_eq!(names("Left Sam on read again on Monday."), vec!["Sam"]);
        assert_eq!(names("Declined Noor's call."), vec!["Noor"]);
        assert_eq!(names("Then mum rang and I let it ring."), vec!["Mum"]);
        assert_eq!(
            names("Pinged @jo.bloggs and @Kai about it"),
            vec!["jo", "Kai"]
        );
        assert_eq!(names("Ifeanyi wants a dog. HR emailed."), vec!["Ifeanyi"]);
        assert!(names("I went to Tesco in May.").is_empty());
        // A role is nobody's name; a name before "'s" still is.
        assert_eq!(names("Charge nurse snapped at Priya."), vec!["Priya"]);
        assert!(names("Best friend bailed on me.").is_empty());
        assert_eq!(names("Rob's mate bailed on him."), vec!["Rob"]);
    }

    #[test]
    fn note_style_openers_and_contractions_are_no_one() {
        assert_eq!(names("Didnt answer Sam. Came home."), vec!["Sam"]);
        assert!(names("She's been off with me. It's late. Work's mad.").is_empty());
        assert!(names("Wrote back 'fine'. Caught myself doing it again.").is_empty());
        assert!(names("Twelve-hour shift. Told her Im fine, as on Sundays.").is_empty());
        // A name that is also a word keeps its 's.
        assert_eq!(names("Will's birthday drinks tonight."), vec!["Will"]);
        // Places after "in", not the one confided in.
        assert_eq!(names("Mum rang from her flat in Leeds."), vec!["Mum"]);
        assert_eq!(names("Finally confided in Ruth."), vec!["Ruth"]);
    }

    #[test]
    fn unmention_keeps_offsets_and_leaves_addresses() {
        let t = "Left @sam on read, mailed jo@example.com @ 5 and @Él";
        let u = unmention(t);
        assert_eq!(u.len(), t.len());
        assert_eq!(u, "Left  Sam on read, mailed jo@example.com @ 5 and  Él");
        assert!(matches!(
            unmention("no mentions"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn mentions_found_after_unmention_are_bare_names() {
        let t = "Texted @jo and @Priya's sister";
        let u = unmention(t);
        let toks = tokens(&u, 0, u.len());
        assert_eq!(people(t, &toks, &[]), vec!["jo", "Priya"]);
    }

    #[test]
    fn known_names_are_used_even_in_lower_case() {
        let t = "texted kojo back";
        let toks = tokens(t, 0, t.len());
        assert_eq!(people(t, &toks, &["Kojo".to_string()]), vec!["Kojo"]);
    }
}
