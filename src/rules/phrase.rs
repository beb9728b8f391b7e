//! The phrase matcher: a rule phrase kept as a small tree of word-level
//! steps, and a backtracking search that runs it over one sentence.
//!
//! Every phrase also compiles to a regex (`parse::compile_phrase`), which
//! stays the reference: this matcher finds the same spans (leftmost-first,
//! greedy, as the regex crate does) but needs no compiling, so a one-shot
//! `closer add` does not pay for regexes, and a list of words is one
//! binary search instead of a walk through a DFA of its own. The tests check
//! both agree on every built-in pattern, over the project's texts and over
//! random instances of the phrases.
//!
//! Where the two may differ, by choice: Unicode's two odd case folds (the
//! Kelvin sign for `k`, the long s for `s`) are not folded here, and a name's
//! capital and small letters use Rust's `is_uppercase`/`is_lowercase`.
//! A search that takes too many steps gives up and the caller asks the regex,
//! so a hostile entry costs linear time, as the regex would.

use std::cell::Cell;

/// Word characters for `\b`, as the regexes use it: ASCII only.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// What a run of characters may not contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    /// `[^\s.!?;]+`: one word of a gap, or `_`.
    Word,
    /// `[^\s.!?;,]+`: the noun after "my" in `<who>`.
    Noun,
    /// `[^\s.!?;,'’]+`: the owner before an apostrophe in `<whose>`.
    Owner,
}

impl RunKind {
    fn allows(self, c: char) -> bool {
        if c.is_whitespace() || matches!(c, '.' | '!' | '?' | ';') {
            return false;
        }
        match self {
            RunKind::Word => true,
            RunKind::Noun => c != ',',
            RunKind::Owner => !matches!(c, ',' | '\'' | '’'),
        }
    }
}

/// One step of a spelling that is not plain ASCII letters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// A character, compared case-insensitively (stored in lower case).
    Lit(char),
    /// `['’]?`
    OptApostrophe,
    /// `[-\s]?`
    OptHyphen,
    /// `\s+`
    Spaces,
}

/// One spelling of a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    /// Lower-case ASCII letters and digits, compared byte by byte.
    Plain(Box<[u8]>),
    Ops(Vec<Op>),
}

impl Form {
    fn from_ops(ops: Vec<Op>) -> Form {
        let plain = ops
            .iter()
            .all(|op| matches!(op, Op::Lit(c) if c.is_ascii_alphanumeric()));
        if plain {
            Form::Plain(
                ops.iter()
                    .filter_map(|op| match op {
                        Op::Lit(c) => Some(c.to_ascii_lowercase() as u8),
                        _ => None,
                    })
                    .collect(),
            )
        } else {
            Form::Ops(ops)
        }
    }
}

/// A word item: its spellings in the regex's order, and the word
/// boundaries around them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub forms: Vec<Form>,
    pub lead_boundary: bool,
    pub trail_boundary: bool,
    /// `stem*`: any ASCII letters may follow the spelling.
    pub stem: bool,
    /// See [`Word::lookup`]; filled by [`Word::new`].
    pub sorted: Option<Vec<Box<[u8]>>>,
}

impl Word {
    pub fn new(forms: Vec<Form>, lead_boundary: bool, trail_boundary: bool, stem: bool) -> Word {
        let mut word = Word {
            forms,
            lead_boundary,
            trail_boundary,
            stem,
            sorted: None,
        };
        word.sorted = word.lookup();
        word
    }

    /// With a boundary on both sides and only plain spellings, at most one
    /// spelling can match at a place: the whole ASCII word there. Then the
    /// spellings, sorted, are searched instead of tried one by one.
    fn lookup(&self) -> Option<Vec<Box<[u8]>>> {
        if self.stem || !self.lead_boundary || !self.trail_boundary {
            return None;
        }
        let mut sorted = Vec::with_capacity(self.forms.len());
        for form in &self.forms {
            match form {
                Form::Plain(b) => sorted.push(b.clone()),
                Form::Ops(_) => return None,
            }
        }
        sorted.sort();
        sorted.dedup();
        Some(sorted)
    }
}

/// A compiled phrase, or a piece of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Seq(Vec<Node>),
    /// Alternatives, the first that leads to a match wins.
    Alt(Vec<Node>),
    /// Alternatives as [`Program::new`] leaves them: each with the bytes it
    /// can start with, so most are passed over without a step.
    Choice(Vec<(Starts, Node)>),
    /// Greedy `?`.
    Opt(Box<Node>),
    /// `\s+`
    Space,
    Word(Word),
    /// `[^…]+`, greedy.
    Run(RunKind),
    /// Up to n words, each with its trailing whitespace, greedy.
    Gap(u8),
    /// An optional quote mark glued by optional whitespace.
    Quote,
    /// A capitalised word: `\p{Lu}[\p{Ll}'’-]*\p{Ll}`.
    Name,
    /// `[0-9]+`
    Digits,
    /// `['’]`
    Apostrophe,
    /// `s?`
    OptS,
    /// `\b`
    Boundary,
}

/// Spellings of one literal word, mirroring `parse::word_regex`.
pub fn word_forms(w: &str) -> Vec<Form> {
    let lit = |s: &str| s.chars().map(|c| Op::Lit(lower(c))).collect::<Vec<Op>>();
    let join = |parts: &[Vec<Op>]| parts.concat();
    let lower_w = w.to_lowercase().replace('’', "'");
    let contraction = |stem: &str| {
        vec![
            join(&[
                lit(stem),
                vec![Op::Lit('n'), Op::OptApostrophe, Op::Lit('t')],
            ]),
            join(&[lit(stem), vec![Op::Spaces], lit("not")]),
        ]
    };
    let ops: Vec<Vec<Op>> = match lower_w.as_str() {
        "can't" => vec![
            join(&[lit("can"), vec![Op::OptApostrophe], lit("t")]),
            lit("cannot"),
            join(&[lit("can"), vec![Op::Spaces], lit("not")]),
        ],
        "won't" => vec![
            join(&[lit("won"), vec![Op::OptApostrophe], lit("t")]),
            join(&[lit("will"), vec![Op::Spaces], lit("not")]),
        ],
        "shan't" => vec![
            join(&[lit("shan"), vec![Op::OptApostrophe], lit("t")]),
            join(&[lit("shall"), vec![Op::Spaces], lit("not")]),
        ],
        "ain't" => vec![join(&[lit("ain"), vec![Op::OptApostrophe], lit("t")])],
        l => match l.strip_suffix("n't").filter(|s| !s.is_empty()) {
            Some(stem) => contraction(stem),
            None => vec![
                w.chars()
                    .map(|c| match c {
                        '\'' | '’' => Op::OptApostrophe,
                        '-' => Op::OptHyphen,
                        c => Op::Lit(lower(c)),
                    })
                    .collect(),
            ],
        },
    };
    ops.into_iter().map(Form::from_ops).collect()
}

/// The lower case of a character when it is one character.
fn lower(c: char) -> char {
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Word spellings, each a whole word.
fn words(list: &[&str]) -> Node {
    word_list(list, true)
}

fn word_list(list: &[&str], bounded: bool) -> Node {
    Node::Word(Word::new(
        list.iter().flat_map(|w| word_forms(w)).collect(),
        bounded,
        bounded,
        false,
    ))
}

/// `<who>`: a pronoun, kinship word, "my sister", or a name.
pub fn who() -> Node {
    Node::Alt(vec![
        words(&[
            "him",
            "her",
            "them",
            "me",
            "us",
            "you",
            "everyone",
            "everybody",
            "anyone",
            "anybody",
            "people",
            "mum",
            "mom",
            "dad",
            "ma",
            "nan",
            "nana",
            "gran",
            "grandma",
            "grandad",
            "grandpa",
        ]),
        Node::Seq(vec![
            Node::Boundary,
            unbounded(&["my", "his", "her", "their", "our"]),
            Node::Space,
            Node::Run(RunKind::Noun),
            Node::Boundary,
        ]),
        Node::Name,
    ])
}

/// Word spellings with no boundaries of their own.
fn unbounded(list: &[&str]) -> Node {
    word_list(list, false)
}

/// `<whose>`: "her", "Sam's", "my mum's".
pub fn whose() -> Node {
    Node::Alt(vec![
        Node::Seq(vec![
            words(&["his", "her", "their", "your", "my", "our"]),
            Node::Opt(Box::new(Node::Seq(vec![
                Node::Space,
                Node::Run(RunKind::Owner),
                Node::Apostrophe,
                Node::OptS,
            ]))),
        ]),
        Node::Seq(vec![
            Node::Run(RunKind::Owner),
            Node::Apostrophe,
            Node::OptS,
        ]),
    ])
}

/// `<person>`: someone other than the author.
pub fn person() -> Node {
    Node::Seq(vec![
        Node::Boundary,
        Node::Alt(vec![
            unbounded(&["he", "she", "they", "him", "her", "them", "his", "their"]),
            Node::Seq(vec![
                unbounded(&["my"]),
                Node::Space,
                unbounded(&[
                    "mum",
                    "mom",
                    "dad",
                    "mother",
                    "father",
                    "sister",
                    "brother",
                    "partner",
                    "wife",
                    "husband",
                    "boyfriend",
                    "girlfriend",
                    "friend",
                    "flatmate",
                    "roommate",
                    "boss",
                    "son",
                    "daughter",
                ]),
            ]),
        ]),
        Node::Boundary,
    ])
}

/// `<num>`: digits or a number word.
pub fn num() -> Node {
    Node::Alt(vec![
        Node::Digits,
        words(&[
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "fourteen", "fifteen", "twenty", "forty",
        ]),
    ])
}

/// `<name>'s`
pub fn name_possessive() -> Node {
    Node::Seq(vec![
        Node::Name,
        Node::Apostrophe,
        Node::Word(Word::new(word_forms("s"), false, true, false)),
    ])
}

/// The bytes a piece can start with, and whether it can match nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Starts {
    first: Box<[bool; 256]>,
    nullable: bool,
}

impl Starts {
    fn of(node: &Node) -> Starts {
        let mut first = Box::new([false; 256]);
        first_bytes(std::slice::from_ref(node), &mut first);
        Starts {
            first,
            nullable: nullable(std::slice::from_ref(node)),
        }
    }

    fn may_start(&self, b: &[u8], p: usize) -> bool {
        self.nullable || b.get(p).is_some_and(|&c| self.first[c as usize])
    }
}

/// Flattens nested sequences, merges neighbouring word alternatives into one
/// word (alternation keeps its order, so `(a|b)|(c)` is `a|b|c`), and gives
/// each remaining alternative its start bytes.
fn simplify(node: Node) -> Node {
    match node {
        Node::Seq(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                match simplify(item) {
                    Node::Seq(inner) => out.extend(inner),
                    other => out.push(other),
                }
            }
            if out.len() == 1 {
                out.pop().unwrap_or(Node::Seq(Vec::new()))
            } else {
                Node::Seq(out)
            }
        }
        Node::Alt(alts) => {
            let mut out: Vec<Node> = Vec::with_capacity(alts.len());
            for alt in alts {
                let alt = simplify(alt);
                if let (Some(Node::Word(prev)), Node::Word(next)) = (out.last_mut(), &alt)
                    && !prev.stem
                    && !next.stem
                    && prev.lead_boundary == next.lead_boundary
                    && prev.trail_boundary == next.trail_boundary
                {
                    prev.forms.extend(next.forms.iter().cloned());
                    continue;
                }
                out.push(alt);
            }
            // Merged words search their spellings as one list.
            for node in &mut out {
                if let Node::Word(w) = node {
                    w.sorted = w.lookup();
                }
            }
            if out.len() == 1 {
                return out.pop().unwrap_or(Node::Alt(Vec::new()));
            }
            Node::Choice(out.into_iter().map(|n| (Starts::of(&n), n)).collect())
        }
        Node::Opt(x) => Node::Opt(Box::new(simplify(*x))),
        other => other,
    }
}

/// A phrase ready to run: its tree and the bytes a match can start with.
#[derive(Debug, Clone)]
pub struct Program {
    root: Node,
    first: [bool; 256],
    /// Whether it can match nothing at all (then any position may start it).
    nullable: bool,
    /// Whether every match starts a word (a letter or digit after none):
    /// then a search skips the inside of words without trying them.
    word_start: bool,
}

/// What one search found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A match ending here.
    End(usize),
    None,
    /// The step budget ran out: ask the regex.
    GaveUp,
}

impl Program {
    pub fn new(root: Node) -> Program {
        let root = simplify(root);
        let mut first = [false; 256];
        first_bytes(std::slice::from_ref(&root), &mut first);
        let nullable = nullable(std::slice::from_ref(&root));
        let word_start = starts_words(std::slice::from_ref(&root));
        Program {
            root,
            first,
            nullable,
            word_start,
        }
    }

    /// Whether `at` follows a letter or digit where the program can only
    /// start a word, so no match can begin there.
    fn inside_word(&self, bytes: &[u8], at: usize) -> bool {
        self.word_start && at > 0 && is_word_byte(bytes[at - 1])
    }

    /// A search budget for one sentence: generous for real text, linear in
    /// its length so a hostile entry cannot make the search quadratic.
    pub fn budget(sentence: &str) -> Budget {
        Budget(Cell::new(20_000 + 16 * sentence.len() as u64))
    }

    /// The end of the match starting exactly at `at`, if any.
    pub fn match_at(&self, sentence: &str, at: usize, budget: &Budget) -> Found {
        let bytes = sentence.as_bytes();
        let can_start = match bytes.get(at) {
            Some(&b) => self.first[b as usize],
            None => false,
        };
        if at > bytes.len() || !(can_start || self.nullable) || self.inside_word(bytes, at) {
            return Found::None;
        }
        let ctx = Ctx {
            s: sentence,
            b: bytes,
            budget,
        };
        let mut end = None;
        let hit = ctx.go(&self.root, at, &mut |e| {
            end = Some(e);
            true
        });
        if budget.0.get() == 0 {
            return Found::GaveUp;
        }
        match (hit, end) {
            (true, Some(e)) => Found::End(e),
            _ => Found::None,
        }
    }

    /// Every non-empty leftmost-first match in `sentence`, as `find_iter`
    /// would give them; `None` when the budget ran out.
    pub fn find_all(&self, sentence: &str, out: &mut Vec<(usize, usize)>) -> Option<()> {
        out.clear();
        let budget = Program::budget(sentence);
        let bytes = sentence.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if !sentence.is_char_boundary(at)
                || !(self.first[bytes[at] as usize] || self.nullable)
                || self.inside_word(bytes, at)
            {
                at += 1;
                continue;
            }
            match self.match_at(sentence, at, &budget) {
                Found::GaveUp => return None,
                Found::End(e) if e > at => {
                    out.push((at, e));
                    at = e;
                }
                _ => at += 1,
            }
        }
        Some(())
    }

    /// Whether the phrase occurs anywhere in `text`; `None` when the budget
    /// ran out.
    pub fn is_match(&self, text: &str) -> Option<bool> {
        let budget = Program::budget(text);
        let bytes = text.as_bytes();
        for at in 0..=bytes.len() {
            if at < bytes.len()
                && (!text.is_char_boundary(at)
                    || !self.first[bytes[at] as usize]
                    || self.inside_word(bytes, at))
            {
                continue;
            }
            match self.match_at(text, at, &budget) {
                Found::GaveUp => return None,
                Found::End(e) if e > at => return Some(true),
                _ => {}
            }
        }
        Some(false)
    }
}

/// Steps left for the searches in one sentence.
pub struct Budget(Cell<u64>);

impl Budget {
    fn spend(&self, n: usize) -> bool {
        let left = self.0.get();
        if left <= n as u64 {
            self.0.set(0);
            false
        } else {
            self.0.set(left - n as u64);
            true
        }
    }
}

/// Whether a sequence can match without consuming anything.
/// Whether every match of `seq` begins with a word whose first byte is an
/// ASCII letter or digit and which must follow a word boundary: then a
/// match can only start where no letter or digit comes before.
fn starts_words(seq: &[Node]) -> bool {
    let Some((first, rest)) = seq.split_first() else {
        return false;
    };
    let starts = match first {
        Node::Seq(items) => starts_words(items),
        Node::Alt(alts) => alts.iter().all(|a| starts_words(std::slice::from_ref(a))),
        Node::Choice(alts) => alts
            .iter()
            .all(|(_, a)| starts_words(std::slice::from_ref(a))),
        Node::Opt(x) => starts_words(std::slice::from_ref(x)),
        Node::Word(w) => {
            w.lead_boundary
                && w.forms.iter().all(|f| match f {
                    Form::Plain(b) => b.first().is_some_and(|c| c.is_ascii_alphanumeric()),
                    Form::Ops(ops) => {
                        matches!(ops.first(), Some(Op::Lit(c)) if c.is_ascii_alphanumeric())
                    }
                })
        }
        _ => false,
    };
    // Something that can match nothing leaves the start to what follows.
    if nullable(std::slice::from_ref(first)) {
        starts && starts_words(rest)
    } else {
        starts
    }
}

fn nullable(seq: &[Node]) -> bool {
    seq.iter().all(|n| match n {
        Node::Seq(items) => nullable(items),
        Node::Alt(alts) => alts.iter().any(|a| nullable(std::slice::from_ref(a))),
        Node::Choice(alts) => alts.iter().any(|(s, _)| s.nullable),
        Node::Opt(_) | Node::Gap(_) | Node::Quote | Node::OptS | Node::Boundary => true,
        Node::Word(w) => w.forms.iter().any(|f| match f {
            Form::Plain(b) => b.is_empty(),
            Form::Ops(ops) => ops
                .iter()
                .all(|o| matches!(o, Op::OptApostrophe | Op::OptHyphen)),
        }),
        Node::Space | Node::Run(_) | Node::Name | Node::Digits | Node::Apostrophe => false,
    })
}

/// Marks every byte a match of `seq` may start with. Generous: any byte of
/// a non-ASCII character is allowed wherever one might appear.
fn first_bytes(seq: &[Node], out: &mut [bool; 256]) {
    fn high(out: &mut [bool; 256]) {
        for b in out.iter_mut().skip(0x80) {
            *b = true;
        }
    }
    fn space(out: &mut [bool; 256]) {
        for b in [b' ', b'\t', b'\n', b'\r', 0x0b, 0x0c] {
            out[b as usize] = true;
        }
        high(out);
    }
    fn lit(c: char, out: &mut [bool; 256]) {
        if c.is_ascii() {
            out[c.to_ascii_lowercase() as usize] = true;
            out[c.to_ascii_uppercase() as usize] = true;
        } else {
            high(out);
        }
        // The two odd case folds of the regex crate start outside ASCII.
        if matches!(c, 'k' | 's') {
            high(out);
        }
    }
    for node in seq {
        match node {
            Node::Seq(items) => first_bytes(items, out),
            Node::Alt(alts) => alts
                .iter()
                .for_each(|a| first_bytes(std::slice::from_ref(a), out)),
            Node::Choice(alts) => {
                for (starts, _) in alts {
                    for (o, f) in out.iter_mut().zip(starts.first.iter()) {
                        *o |= *f;
                    }
                }
            }
            Node::Opt(x) => first_bytes(std::slice::from_ref(x), out),
            Node::Space => space(out),
            Node::Word(w) => {
                for f in &w.forms {
                    match f {
                        Form::Plain(b) => {
                            if let Some(&c) = b.first() {
                                lit(c as char, out);
                            }
                        }
                        Form::Ops(ops) => {
                            for op in ops {
                                match op {
                                    Op::Lit(c) => {
                                        lit(*c, out);
                                        break;
                                    }
                                    Op::Spaces => {
                                        space(out);
                                        break;
                                    }
                                    Op::OptApostrophe => {
                                        out[b'\'' as usize] = true;
                                        high(out);
                                    }
                                    Op::OptHyphen => {
                                        out[b'-' as usize] = true;
                                        space(out);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Node::Run(kind) => {
                for b in 0..0x80u8 {
                    if kind.allows(b as char) {
                        out[b as usize] = true;
                    }
                }
                high(out);
            }
            Node::Gap(_) => first_bytes(&[Node::Run(RunKind::Word)], out),
            Node::Quote => {
                space(out);
                out[b'"' as usize] = true;
                out[b'\'' as usize] = true;
            }
            Node::Name => {
                for b in b'A'..=b'Z' {
                    out[b as usize] = true;
                }
                high(out);
            }
            Node::Digits => {
                for b in b'0'..=b'9' {
                    out[b as usize] = true;
                }
            }
            Node::Apostrophe => {
                out[b'\'' as usize] = true;
                high(out);
            }
            Node::OptS => lit('s', out),
            Node::Boundary => {}
        }
        if !nullable(std::slice::from_ref(node)) {
            return;
        }
    }
}

/// One search: the sentence and the budget shared by its attempts.
struct Ctx<'a> {
    s: &'a str,
    b: &'a [u8],
    budget: &'a Budget,
}

/// What to do with the end of a piece: go on with the rest of the phrase.
/// Returns true once the whole phrase has matched.
type Then<'k> = dyn FnMut(usize) -> bool + 'k;

impl Ctx<'_> {
    fn boundary(&self, p: usize) -> bool {
        let before = p > 0 && is_word_byte(self.b[p - 1]);
        let after = p < self.b.len() && is_word_byte(self.b[p]);
        before != after
    }

    /// The position after the character at `p` (or `p` at the end).
    fn after_char(&self, p: usize) -> usize {
        p + self.char_at(p).map_or(0, char::len_utf8)
    }

    fn char_at(&self, p: usize) -> Option<char> {
        self.s.get(p..).and_then(|rest| rest.chars().next())
    }

    /// The end of the longest run from `p` of characters `ok` accepts.
    fn run_end(&self, p: usize, ok: impl Fn(char) -> bool) -> usize {
        let rest = &self.s[p..];
        let len = rest
            .char_indices()
            .find(|&(_, c)| !ok(c))
            .map_or(rest.len(), |(i, _)| i);
        self.budget.spend(len / 8);
        p + len
    }

    /// Tries `then` at every char boundary from `end` down to `min`
    /// (inclusive): a greedy repetition giving back one character at a time.
    fn give_back(&self, min: usize, end: usize, then: &mut Then<'_>) -> bool {
        let mut q = end;
        loop {
            if then(q) {
                return true;
            }
            if q <= min {
                return false;
            }
            q -= 1;
            while q > min && !self.s.is_char_boundary(q) {
                q -= 1;
            }
        }
    }

    fn go(&self, node: &Node, p: usize, then: &mut Then<'_>) -> bool {
        if !self.budget.spend(1) {
            return false;
        }
        match node {
            Node::Seq(items) => self.seq(items, p, then),
            Node::Alt(alts) => alts.iter().any(|a| self.go(a, p, then)),
            Node::Choice(alts) => alts
                .iter()
                .any(|(starts, a)| starts.may_start(self.b, p) && self.go(a, p, then)),
            Node::Opt(x) => self.go(x, p, then) || then(p),
            Node::Space => {
                let end = self.run_end(p, char::is_whitespace);
                end > p && self.give_back(self.after_char(p), end, then)
            }
            Node::Word(w) => self.word(w, p, then),
            Node::Run(kind) => {
                let end = self.run_end(p, |c| kind.allows(c));
                end > p && self.give_back(self.after_char(p), end, then)
            }
            Node::Gap(n) => self.gap(*n, p, then),
            Node::Quote => {
                let after_space = self.run_end(p, char::is_whitespace);
                if let Some(c) = self.char_at(after_space)
                    && matches!(c, '"' | '\'' | '‘' | '’' | '“' | '”')
                {
                    let q = after_space + c.len_utf8();
                    let end = self.run_end(q, char::is_whitespace);
                    if self.give_back(q, end, then) {
                        return true;
                    }
                }
                self.give_back(p, after_space, then)
            }
            Node::Name => {
                let Some(c) = self.char_at(p).filter(|c| c.is_uppercase()) else {
                    return false;
                };
                let start = p + c.len_utf8();
                let end =
                    self.run_end(start, |c| c.is_lowercase() || matches!(c, '\'' | '’' | '-'));
                // Ends after a small letter, longest first.
                let mut q = end;
                while q > start {
                    let Some(last) = self.s[..q].chars().next_back() else {
                        return false;
                    };
                    if last.is_lowercase() && then(q) {
                        return true;
                    }
                    q -= last.len_utf8();
                }
                false
            }
            Node::Digits => {
                let end = self.run_end(p, |c| c.is_ascii_digit());
                end > p && self.give_back(p + 1, end, then)
            }
            Node::Apostrophe => match self.char_at(p) {
                Some(c @ ('\'' | '’')) => then(p + c.len_utf8()),
                _ => false,
            },
            Node::OptS => (matches!(self.b.get(p), Some(b's' | b'S')) && then(p + 1)) || then(p),
            Node::Boundary => self.boundary(p) && then(p),
        }
    }

    fn seq(&self, items: &[Node], p: usize, then: &mut Then<'_>) -> bool {
        match items.split_first() {
            None => then(p),
            Some((first, rest)) => self.go(first, p, &mut |e| self.seq(rest, e, then)),
        }
    }

    fn gap(&self, left: u8, p: usize, then: &mut Then<'_>) -> bool {
        if left > 0 && self.budget.spend(1) {
            let word_end = self.run_end(p, |c| RunKind::Word.allows(c));
            if word_end > p {
                let space_end = self.run_end(word_end, char::is_whitespace);
                // Giving back letters of the word never helps: whitespace
                // must follow it. Then more words before fewer.
                if space_end > word_end
                    && self.give_back(self.after_char(word_end), space_end, &mut |e| {
                        self.gap(left - 1, e, then)
                    })
                {
                    return true;
                }
            }
        }
        then(p)
    }

    fn word(&self, w: &Word, p: usize, then: &mut Then<'_>) -> bool {
        if w.lead_boundary && !self.boundary(p) {
            return false;
        }
        if let Some(sorted) = &w.sorted {
            let end = p + self.b[p..].iter().take_while(|b| is_word_byte(**b)).count();
            let run = &self.b[p..end];
            let found = sorted
                .binary_search_by(|form| {
                    form.iter()
                        .copied()
                        .cmp(run.iter().map(u8::to_ascii_lowercase))
                })
                .is_ok();
            return found && then(end);
        }
        let mut after = |e: usize| {
            if w.stem {
                let end = e + self.b[e..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphabetic())
                    .count();
                let mut q = end;
                loop {
                    if self.boundary(q) && then(q) {
                        return true;
                    }
                    if q == e {
                        return false;
                    }
                    q -= 1;
                }
            } else {
                (!w.trail_boundary || self.boundary(e)) && then(e)
            }
        };
        for form in &w.forms {
            match form {
                Form::Plain(lit) => {
                    let n = lit.len();
                    if self.b.len() - p >= n
                        && self.b[p..p + n].eq_ignore_ascii_case(lit)
                        && after(p + n)
                    {
                        return true;
                    }
                }
                Form::Ops(ops) => {
                    if self.ops(ops, p, &mut after) {
                        return true;
                    }
                }
            }
        }
        false
    }

    fn ops(&self, ops: &[Op], p: usize, then: &mut Then<'_>) -> bool {
        let Some((op, rest)) = ops.split_first() else {
            return then(p);
        };
        match op {
            Op::Lit(c) => match self.char_at(p) {
                Some(t) if t == *c || lower(t) == *c => self.ops(rest, p + t.len_utf8(), then),
                _ => false,
            },
            Op::OptApostrophe => {
                (matches!(self.char_at(p), Some(c @ ('\'' | '’')) if self.ops(rest, p + c.len_utf8(), then)))
                    || self.ops(rest, p, then)
            }
            Op::OptHyphen => {
                (matches!(self.char_at(p), Some(c) if (c == '-' || c.is_whitespace()) && self.ops(rest, p + c.len_utf8(), then)))
                    || self.ops(rest, p, then)
            }
            Op::Spaces => {
                let end = self.run_end(p, char::is_whitespace);
                end > p && self.give_back(self.after_char(p), end, &mut |e| self.ops(rest, e, then))
            }
        }
    }
}
