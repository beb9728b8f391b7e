//! Throughput of `Engine::detect` on realistic journal text, and a guard
//! against the slow path of the regex crate.
//!
//! Inputs: the shared dev corpus texts (`../shared/corpus/dev.jsonl`, or the
//! project's own examples when it is absent) detected entry by entry until a
//! few MB have gone through, and the same texts joined into one 1 MB entry.
//! Run with `cargo bench --bench detect`; divan prints bytes/s.
//!
//! Target: 50 MB/s on one core. Measured 2026-11-22 (session 8; 2 cores,
//! load ~2 from outside the project, so wall-clock figures swing by a third
//! run to run): entry by entry 4.2 MB/s median (3.7 to 4.6), the 1 MB entry
//! 4.0 MB/s; `build_engine` 0.73 ms. Instructions are the steadier measure:
//! under callgrind a pass over the dev corpus took 47.3M at the start of
//! session 7, 40.6M after the anchored `requires`/`unless` and telling-verb
//! work, 43.6M with session 7's new phrases, 47.0M with session 8's and
//! 49.5M with session 9's (about 800 instructions a byte; session 9's bench:
//! entries 3.6 MB/s median, the 1 MB entry 4.6 MB/s, under load). Session 10
//! measured 51.2M at its start (the same binary built again) and 54.6M after
//! its ~150 phrase lines and context checks (about 900 a byte); its own
//! instrumented run put 60% of the time in trying patterns, spread over
//! ~1,150 of them, none above 4%. Session 11 (machine idle: 4.1 to 4.3 MB/s)
//! counted 54.8M a pass with ~40 more phrase lines: 7,841 sentence-pattern
//! candidates, 13,489 phrase attempts of which 1,383 match; the anchor walk
//! and tokenising alone take ~9.5M, more than a 50 MB/s pass may. Session
//! 12 counted 55.6M at its start and 57.2M after ~180 more phrase lines
//! (wall clock on a slower machine that day: this bench gave entries 2.7
//! MB/s median, 2.4 to 3.2, the 1 MB entry 3.4 MB/s, `build_engine`
//! 1.0 ms); by function, phrase searches take ~17M, the `requires`/`unless`
//! checks ~6.6M, the anchor walk 5.4M, tokens 4.8M, context and people 4M. For the word-level engine, session 12 timed its
//! first stage alone: one pass that splits the text into words, lower-cases
//! them and looks each up in an FNV hash map of the rules' 2,226 words ran
//! at 120 to 130 MB/s on the dev corpus (11,618 words a pass). That is ~40%
//! of a 50 MB/s budget, leaving ~180 cycles a word for candidates, phrase
//! automata and context. Session 13 took 5.5M instructions out of the
//! byte-level engine with the same output (a check's anchors read as bits,
//! a plain loop for a pattern's other words, candidates sorted a sentence
//! at a time, the quote scan jumping between marks): 57.3M -> 51.8M a
//! pass; back to back on an idle machine a dev pass went from ~12.4 to
//! ~11.6 ms (~4.9 to ~5.2 MB/s), and this bench gave entries 3.9 MB/s
//! median (3.6 to 4.4), the 1 MB entry 5.0 MB/s, `build_engine` 0.78 ms.
//! Compiled regexes in place of the phrase steps counted 17% fewer
//! instructions but ran slower by the clock (more memory touched), so the
//! steps stay. What is left is spread thin (phrase
//! searches, the anchor walk, tokens, context, people, allocation): 50 MB/s
//! needs a different engine (word-level matching over one tokenisation),
//! not trimming.
//!
//! Session 15 added the learned second opinion (`rules::second_opinion`),
//! which this bench includes since `Engine::builtin` carries it. Over the
//! 4,200 fresh texts (775 KB), best of five, it took detection from 0.20 to
//! 0.32 s (machine quiet) and from 0.23 to 0.39 s (under load): scoring
//! every label is ~0.035 s of that, the rest is finding evidence and
//! checking context for the labels it adds. The model costs ~1.6x; the
//! target is as far off as before.
//!
//! Session 16 (machine idle, load ~0.9): over the 4,440 fresh texts, best
//! of five, 0.24 s with the second opinion (3.4 MB/s) and 0.17 s with the
//! rules alone (4.8 MB/s); scoring every label ~0.03 s. The session's ~50
//! phrase lines and the to-do check moved neither figure measurably.
//!
//! Session 17 (load ~1): this bench gave entries 3.7 MB/s median (3.3 to
//! 3.8), the 1 MB entry 5.2 MB/s, `build_engine` 0.74 ms; over the 5,400
//! fresh texts, best of five, 0.30 s with the second opinion (3.2 MB/s)
//! and 0.20 s with the rules alone (4.7 MB/s), scoring every label 0.036
//! s. A profile of that pass: trying patterns ~40% (the phrase steps 27%,
//! compiled regexes 9%), finding candidates 18% (the anchor walk 7.5%,
//! checking a pattern's other words 6%), the second opinion 13%, the rest
//! tokens, context, people and allocation. The session's ~40 phrase lines
//! and context checks moved neither figure.
//!
//! Session 18 (load ~1.7): entries 3.7 MB/s median (2.3 to 3.8), the 1 MB
//! entry 3.8 MB/s, `build_engine` 0.71 ms; over the 5,400 fresh texts,
//! best of ten, 0.30 s with the second opinion and 0.21 s on the rules
//! alone, as at the session's start. Two things tried and dropped: writing
//! `(?-u:\b)` in the raw regex rules changed nothing, since
//! [`closer::rules::parse`] already makes every `\b` ASCII; and a phrase
//! word's spellings searched against a lower-cased copy of the word (one
//! slice comparison a probe) counted 2% more instructions than comparing
//! as it lower-cases. The quote-shaped curt-reply regexes, tried on every
//! sentence holding "said" or "sent", take ~6% of a pass.
//!
//! Session 19 (load ~1.1): entries 3.7 MB/s median (3.4 to 3.7), the 1 MB
//! entry 5.1 MB/s, `build_engine` 0.76 ms, after the session's phrase
//! lines, one context check and the second opinion's return of detections
//! that waited for a label (a clone of each such detection, only in
//! entries that have one). The target is as far off as before.
//!
//! Session 20 counted 72.4M instructions a dev pass at its start, after a
//! warm-up pass (callgrind toggled on the timed loop only; earlier counts
//! included one-time compiling). The second opinion took a quarter of it,
//! ~15 of its 17M in turning the text into features. Word hashes now read
//! ASCII bytes directly and build each pair's hash beside the word's, and
//! every label's sum reads a feature's weights once for all labels (the
//! same additions in the same order, so the same bits): 65.2M, with detect
//! output identical on every labelled file; 65.4M at the session's end
//! after ~80 phrase lines (the rules alone 55.5M). This bench, with load
//! ~1 from outside: entries 3.5 MB/s median (3.2 to 3.9), the 1 MB entry
//! 4.7 MB/s, `build_engine` 0.77 ms. What remains has no part above 15%:
//! phrase steps, candidates, tokens, context, people, regexes, the model.
//!
//! Session 21 retrained the model on 7,148 texts (from 5,708; a larger
//! vocabulary) and checks its additions at three grams: 65.2M a dev pass
//! with the whole engine, 55.6M with the rules alone; best of twenty dev
//! passes 3.6 MB/s under outside load ~2.
//!
//! Session 22 (model retrained on 7,868 texts, ~60 phrase lines, one
//! context check): 66.1M instructions a dev pass with the whole engine,
//! 56.4M with the rules alone, counted as the difference between 0 and 5
//! passes after a warm-up pass; forty passes under outside load ~1.7 ran
//! at 3.1 to 3.3 MB/s (whole) and 3.9 to 4.4 MB/s (rules alone). By
//! function, per pass: the matcher's own loop (anchor walk, candidates,
//! inlined checks) 17.7M, phrase steps 13M, the model's features and
//! sums 5.6M, tokens 3.9M, people 1.5M, allocation ~3M, the rest under
//! 1.5M each. The first pass after start-up costs ~350M (regexes and the
//! model built on first use), which a one-shot `closer add` pays. The
//! target is as far off as before, for the same reason.
//!
//! Session 24 (~25 phrase lines and regexes, one pass that drops a sign a
//! bare "Didn't." takes back): `closer detect` over `fresh.jsonl` (2.2 MB,
//! start-up included) took 0.56 to 0.58 s against 0.54 to 0.57 s for the
//! session's starting binary, about 4 MB/s either way. The new pass costs
//! nothing on a sentence longer than 36 bytes. The session also profiled
//! a pass (phrase steps 21%, the matcher's loop 17%, the model's features
//! 5%, allocation ~10%) and left the engine as it is: no one part is large
//! enough that trimming it reaches 50 MB/s.
//!
//! Session 25 (~200 phrase lines, a few regexes, a per-family veto):
//! `closer detect` over `fresh.jsonl`, best of five, 0.57 s against 0.54 s
//! for the session's starting binary (about 4 MB/s). The target is as far
//! off as before, for the same reason.
//!
//! Session 26 (model retrained on 10,028 texts, a dozen phrase lines, load
//! ~1.5 from outside): this bench gave entries 4.8 MB/s median (4.2 to
//! 4.9), the 1 MB entry 6.1 MB/s, `build_engine` 0.59 ms. `closer detect`
//! over the 7,560 texts that were `fresh.jsonl` at session 25 (1.32 MB of
//! text; the 2.2 MB of earlier notes counted the file with its labels),
//! best of five, 0.46 s against 0.47 s for the session's starting binary:
//! about 2.9 MB/s of text, start-up included. The target is as far off as
//! before, for the same reason.
//!
//! Session 27 looked again at where a pass goes, on 1.4 MB of journal
//! text (8,000 entries), rules alone, timed inside one process after a
//! first pass had compiled every lazy regex and phrase program (the first
//! pass pays ~0.12 s for that, which is why `closer detect` on a small
//! file reads slower than this bench): ~290 ms a pass (4.8 MB/s), of which
//! trying patterns ~145 ms (272,000 attempts, 34,500 matching: anchored
//! phrases 125,000 attempts at ~620 ns, raw regexes 130,000 at ~210 ns,
//! phrases with no leading word 17,000 at ~1.1 us), finding candidates
//! ~55 ms, the context checks and people ~46 ms, `requires`/`unless`
//! ~18 ms; the second opinion adds ~70 ms. A raw regex searched alone over
//! the same sentences costs 50 to 150 ns, so inside a pass most of an
//! attempt is memory: thousands of patterns' programs and lazy DFAs touched
//! in turn. Two things were tried and dropped:
//! - One regex set over the whole entry saying which of the 47 raw
//!   regexes can match at all (with `^`/`$` loosened so it never misses):
//!   output identical, but the set ran at 1.45 MB/s, its lazy DFA swamped by
//!   the patterns' Unicode classes and counted repeats together, and the
//!   pass went from 0.47 to 1.6 s. Each alone runs at 230+ MB/s; 23 of them
//!   together at 60 MB/s, which saves nothing over the 28 ms they cost now.
//! - All 3,300 patterns in one `RegexSet` (with a 256 MiB DFA cache) ran at
//!   under 0.01 MB/s, the slow path this bench guards; in sets of 1,000 at
//!   10 MB/s, which alone is a fifth of the target's budget.
//!
//! So the measured shape stands: 50 MB/s needs an engine of a different
//! kind (one word-level pass with patterns compiled together), not a
//! prefilter in front of this one. With the session's ~70 phrase lines,
//! this bench gave entries 4.2 MB/s median (3.9 to 4.6), the 1 MB entry
//! 5.6 MB/s, `build_engine` 0.52 ms (load ~0.9); `closer detect` over the
//! same 7,560 texts, best of five, 0.52 s against 0.50 s for the session's
//! starting binary.
//!
//! Session 29 retrained the model on 16,508 texts (its saved form grew
//! from 1.7 to 2.6 MB) and added a few context checks: this bench gave
//! entries 5.3 MB/s median (4.5 to 5.4), the 1 MB entry 6.4 MB/s,
//! `build_engine` 0.53 ms, on an idle machine; `closer detect` over the
//! same 7,560 texts, best of three, 0.47 s for both the session's starting
//! binary and its last, peak memory 45 MB to 50 MB. The target is as far
//! off as before, for the same reason.
//!
//! Session 30 added a pass that finds who a detection is about when its
//! words name no one (`rules::referent`); it tokenises only the sentences
//! of such detections. `closer detect` over the same 7,560 texts, best of
//! two, 0.41 s for the session's starting binary and 0.43 s for its last,
//! peak memory 50 MB for both: no change that the machine's noise shows.
//! It also found that a sentence of thousands of words cost each match in
//! it the whole sentence (the context checks walked back to its start, one
//! of them once per word), so a 1 MB entry with no full stop took 7.8 s.
//! The checks now read 64 words either side of a match (the same
//! detections on every labelled file) and a clause start is found once per
//! clause: `one_sentence_1mb` below, 0.23 s (4.3 MB/s). With load ~1.6
//! from outside, this bench gave entries 4.1 MB/s median (3.8 to 4.3), the
//! 1 MB entry 5.6 MB/s, `build_engine` 0.54 ms. The target is as far off
//! as before, for the same reason.

use std::sync::LazyLock;

use closer::rules::{Engine, eval};
use divan::counter::BytesCount;

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::builtin);

fn texts() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/dev.jsonl");
    let src = std::fs::read_to_string(path)
        .unwrap_or_else(|_| include_str!("../tests/data/rules/examples.jsonl").to_string());
    eval::parse_jsonl(&src)
        .map(|entries| entries.into_iter().map(|e| e.text).collect())
        .unwrap_or_default()
}

/// About 2 MB of entries, detected one by one as the store would.
static ENTRIES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let base = texts();
    let mut out = Vec::new();
    let mut total = 0;
    while total < 2 << 20 && !base.is_empty() {
        for t in &base {
            total += t.len();
            out.push(t.clone());
        }
    }
    out
});

/// One entry of about 1 MB.
static BIG: LazyLock<String> = LazyLock::new(|| {
    let base = texts().join("\n");
    let mut s = String::new();
    while s.len() < 1 << 20 && !base.is_empty() {
        s.push_str(&base);
        s.push('\n');
    }
    s
});

fn main() {
    // The slow-path guard: a Unicode word boundary or a small DFA cache makes
    // the prefilter fall back to an engine ~700x slower, silently.
    let info = ENGINE.prefilter_info();
    assert!(info.ascii_boundaries, "a rule pattern uses a Unicode \\b");
    assert!(info.dfa_size_limit >= 4 << 20, "DFA cache below 4 MiB");
    divan::main();
}

#[divan::bench(sample_count = 10)]
fn entries_2mb(bencher: divan::Bencher) {
    let entries = &*ENTRIES;
    let bytes: usize = entries.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mut n = 0;
        for t in entries {
            n += ENGINE.detect(divan::black_box(t)).len();
        }
        n
    });
}

/// Detects `text` as one entry, counting its bytes.
fn one_entry(bencher: divan::Bencher, text: &str) {
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| ENGINE.detect(divan::black_box(text)).len());
}

#[divan::bench(sample_count = 10)]
fn one_entry_1mb(bencher: divan::Bencher) {
    one_entry(bencher, &BIG);
}

/// One entry of about 1 MB with no full stop: one sentence, a match every
/// few words. Each match reads only the words near it, so this stays
/// linear; before session 30 it took 7.8 s (and 125 s with the first
/// version of the people pass).
static ONE_SENTENCE: LazyLock<String> =
    LazyLock::new(|| "Sam texted me, I left him on read and told Mia I was busy, ".repeat(17_000));

#[divan::bench(sample_count = 3)]
fn one_sentence_1mb(bencher: divan::Bencher) {
    one_entry(bencher, &ONE_SENTENCE);
}

#[divan::bench(sample_count = 5)]
fn build_engine() -> usize {
    Engine::builtin().rule_ids().len()
}
