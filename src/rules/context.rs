//! The catalog's labelling rules, applied to one pattern match inside one
//! sentence: who did it, whether it was negated or nearly done, and whether
//! it actually happened or was only intended, imagined or a past habit.
//!
//! This is what separates the engine from a keyword search. The checks are
//! deliberately shallow (no parser): they look at the words of the clause
//! before the match, which is where English puts the subject, the negation
//! and the modal verbs. Patterns that need a negation as part of the sign
//! ("didn't reply") carry it inside the match, so the look-behind here never
//! sees it and cannot cancel it.

use super::parse::{Mood, Negation, Subject};
use super::parse::{is_irregular_finite_form, is_irregular_verb_form};
use super::text::{PERSON_NOUNS, Token, WORK_ROLES, is_common_starter, is_not_name, names_a_role};

/// Who the check decided was the subject of the matched words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// "I" or "we" written out.
    Author,
    /// No subject in the clause: note style ("Left Sam on read.").
    Implied,
    /// Someone else: a pronoun, a name or a noun phrase.
    Other,
}

/// Why a match was not counted. Useful in tests and when explaining output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejected {
    WrongSubject(Who),
    Negated,
    NotActual,
}

const AUTHOR: &[&str] = &[
    "i", "i'm", "i've", "i'd", "i'll", "im", "ive", "we", "we're", "we've", "we'd", "we'll",
];
const OTHER_PRONOUNS: &[&str] = &[
    "he", "she", "they", "he's", "she's", "they're", "they've", "he'd", "she'd", "they'd", "he'll",
    "she'll", "they'll",
];
/// Words for a stretch of time, which "this", "that", "last" or "next"
/// before them make a time of day or week, not a subject.
const TIME_NOUNS: &[&str] = &[
    "morning",
    "afternoon",
    "evening",
    "night",
    "week",
    "weekend",
    "time",
    "year",
    "month",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Subjects that only count at the start of a clause, because elsewhere they
/// are usually objects ("told you", "ignored it").
const CLAUSE_INITIAL_OTHER: &[&str] = &[
    "you",
    "you're",
    "you've",
    "it",
    "it's",
    "nobody",
    "everyone",
    "everybody",
    "someone",
    "somebody",
    "no-one",
    "people",
    "this",
    "that",
    "there",
    "there's",
    "the",
    // People named by role, as notes write them: "mil asked how it's going",
    // "bf was short with me", "dad tried to talk about it".
    "mum",
    "mom",
    "dad",
    "mil",
    "fil",
    "sil",
    "bil",
    "bf",
    "gf",
    "bestie",
    "hubby",
    "wifey",
    "boss",
    "partner",
    "husband",
    "wife",
    "boyfriend",
    "girlfriend",
    "flatmate",
    "roommate",
];

const LINKS: &[&str] = &["and", "but", "then", "or", "so", "also"];
/// Words that open a subordinate clause ("when Sam texted, I ...").
const SUBORDINATORS: &[&str] = &[
    "when", "because", "cos", "after", "before", "while", "until", "till", "til", "though",
    "although", "whereas",
];
/// Verbs after which "if"/"whether" open someone's question, not a
/// hypothetical ("asked if I wanted to come round").
const ASK_VERBS: &[&str] = &[
    "ask",
    "asks",
    "asked",
    "asking",
    "wondered",
    "wondering",
    "checked",
];

/// Negators and near-misses that cancel a sign or step written after them.
fn is_negator(w: &str) -> bool {
    w.ends_with("n't")
        || matches!(
            w,
            "not"
                | "no"
                | "never"
                | "cannot"
                | "didnt"
                | "dont"
                | "havent"
                | "hasnt"
                | "wasnt"
                | "cant"
                | "wont"
                | "couldnt"
                | "almost"
                | "nearly"
                | "resisted"
                | "refused"
                | "without"
                | "hardly"
                | "stopped"
        )
}

/// Words that make what follows an intention, a hypothetical or a habit of
/// the past rather than something that happened.
fn is_mood_word(w: &str, next: Option<&str>) -> bool {
    let to_follows = next == Some("to");
    match w {
        // "before I could stop myself" happened.
        "could" => !matches!(next, Some("stop" | "help" | "think" | "blink")),
        "might" | "may" | "would" | "should" | "will" | "shall" | "gonna" | "wanna" | "if"
        | "unless" | "whether" | "tempted" | "urge" | "imagine" | "imagining" | "considering"
        | "consider" | "hope" | "hoping" | "wish" | "supposed" | "gotta" | "shouldve"
        | "wouldve" | "couldve" | "probably" => true,
        "going" | "want" | "wants" | "wanted" | "wanting" | "plan" | "plans" | "planning"
        | "planned" | "meant" | "meaning" | "need" | "needs" | "used" | "trying" | "about"
        | "intend" | "intended" | "pull" | "itch" | "instinct" | "impulse" | "mind" => to_follows,
        "thinking" | "think" | "thought" => matches!(next, Some("about" | "abt" | "of")),
        // "Rather than the usual excuse, told him": what replaced the
        // excuse happened (a deed led into is a near-miss, see `check`).
        "rather" => next != Some("than"),
        w => {
            w.ends_with("'ll")
                || modal_form(w, "would")
                || modal_form(w, "should")
                // "couldn't" is a past inability (or, before "stop" and
                // "help", a compulsion): neither is hypothetical.
                || (modal_form(w, "could") && !w.starts_with("couldn"))
        }
    }
}

/// `w` is the modal `base` or a contraction of it ("should've",
/// "shouldn't", "wouldnt"), not a word that only starts the same way
/// ("shoulder").
fn modal_form(w: &str, base: &str) -> bool {
    w.strip_prefix(base).is_some_and(|rest| {
        rest.is_empty()
            || rest.starts_with('\'')
            || rest.starts_with("n'")
            || rest.starts_with("nt")
            || rest == "ve"
    })
}

/// After "I'd": a past participle means "had" (it happened), anything else
/// means "would" (habit or hypothetical).
fn is_past_participle(w: &str) -> bool {
    w.ends_with("ed")
        || w.ends_with("en")
        || matches!(
            w,
            "been"
                | "done"
                | "gone"
                | "left"
                | "told"
                | "said"
                | "made"
                | "kept"
                | "sent"
                | "got"
                | "had"
                | "found"
                | "felt"
                | "thought"
                | "brought"
                | "bought"
                | "put"
                | "let"
                | "set"
                | "shut"
                | "cut"
                | "read"
                | "met"
                | "heard"
                | "held"
                | "lost"
                | "run"
                | "come"
                | "become"
                | "begun"
                | "known"
                | "seen"
                | "spent"
                | "slept"
                | "stood"
                | "sat"
                | "hung"
                | "won"
                | "built"
                | "meant"
                | "dealt"
        )
}

const ADVERBS: &[&str] = &[
    "just",
    "already",
    "never",
    "always",
    "even",
    "finally",
    "only",
    "basically",
    "completely",
    "totally",
    "really",
    "actually",
    "probably",
    "still",
    "ever",
    "also",
    "kind",
    "sort",
    "of",
    "so",
    "quietly",
    "deliberately",
    "basically",
    "literally",
];

/// How many words either side of a match the checks read at most, so a
/// sentence of thousands of words (a pasted log, a 1 MB entry with no full
/// stop) costs each match the same as a sentence of twenty. Of 85,790
/// sentences in the labelled files 14 are longer than 64 words, and every
/// detection there is the same with the window as without it.
const WINDOW: usize = 64;

/// The words within [`WINDOW`] of a match, and where the match sits in them.
fn near<'t, 'a>(
    toks: &'t [Token<'a>],
    first: usize,
    after: usize,
) -> (&'t [Token<'a>], usize, usize) {
    let first = first.min(toks.len());
    let after = after.min(toks.len());
    let lo = first.saturating_sub(WINDOW);
    let hi = first.max(after).saturating_add(WINDOW).min(toks.len());
    (&toks[lo..hi], first - lo, after.saturating_sub(lo))
}

/// Applies the labelling rules to a match covering tokens from `first`
/// (the first token inside the match) in the sentence `toks`, and the
/// tokens `after` the match. `sentence_question` is true when the sentence
/// ends with '?'.
pub fn check(
    toks: &[Token],
    first: usize,
    after: usize,
    subject: Subject,
    negation: Negation,
    mood: Mood,
) -> Result<Who, Rejected> {
    let (toks, first, after) = near(toks, first, after);
    // The clause holding the match: back to the nearest clause boundary.
    let mut cs = first;
    if first < toks.len() && toks[first].clause_start {
        cs = first;
    } else {
        while cs > 0 {
            cs -= 1;
            if toks[cs].clause_start {
                break;
            }
        }
    }
    let _window = &toks[cs..first];
    // Words inside quotation marks are someone's speech: their "I'll" or
    // "it's" is neither the subject nor the mood of a deed narrated outside
    // the quote ("said 'you're breaking up, I'll ring you back' and hung up").
    let match_quoted = toks.get(first).is_some_and(|t| t.quoted);
    let spoken_aside = |t: &Token| t.quoted && !match_quoted;
    let narrated = |i: usize| !spoken_aside(&toks[i]);
    let clause_initial = |i: usize| -> bool {
        // Position i (absolute) is clause-initial if it starts the clause or
        // only a linking word precedes it in the clause.
        i == cs
            || (i == cs + 1 && LINKS.contains(&toks[cs].norm.as_ref()))
            || (i == cs + 1 && SUBORDINATORS.contains(&toks[cs].norm.as_ref()))
    };

    // 1. The subject. A subject pronoun written at the start of the match
    //    itself ("I said I was busy") decides; otherwise search backwards.
    let mut who = None;
    let mut subject_at: Option<usize> = None;
    if first < toks.len() && AUTHOR.contains(&toks[first].norm.as_ref()) {
        who = Some(Who::Author);
    }
    // "all I gave him was 'fine'": the author named second in the match.
    if who.is_none()
        && first + 1 < after
        && AUTHOR.contains(&toks[first + 1].norm.as_ref())
        && matches!(toks[first].norm.as_ref(), "all" | "only")
    {
        who = Some(Who::Author);
    }
    // "it's been weeks since I messaged anyone": the author is the subject
    // of the deed the match spells out, whatever the dummy "it" before.
    if who.is_none()
        && (first + 1..after.min(toks.len()).min(first + 4)).any(|j| {
            toks[j - 1].norm == "since" && narrated(j) && AUTHOR.contains(&toks[j].norm.as_ref())
        })
    {
        who = Some(Who::Author);
    }
    if who.is_none() {
        for i in (cs..first).rev().filter(|&i| narrated(i)) {
            if let Some(w) = subject_of(toks, i, clause_initial(i)) {
                who = Some(w);
                subject_at = Some(i);
                break;
            }
        }
    }
    if who.is_none() {
        // A clause linked with "and"/"but"/"then" shares the subject of the
        // clause before; other clauses without a subject are note style.
        let linked = cs < toks.len() && LINKS.contains(&toks[cs].norm.as_ref());
        let mut inherited = None;
        let mut i = cs;
        // The start of the clause holding `i`, found once per clause as `i`
        // walks back: a walk from each word would make a long sentence
        // with few commas cost its length squared.
        let mut ccs = usize::MAX;
        while i > 0 {
            i -= 1;
            if !narrated(i) {
                continue;
            }
            if ccs > i {
                ccs = i;
                while ccs > 0 && !toks[ccs].clause_start {
                    ccs -= 1;
                }
            }
            let init = i == ccs || (i == ccs + 1 && LINKS.contains(&toks[ccs].norm.as_ref()));
            // Skip subjects of reported speech ("said he's fine, and thanked
            // him"): the linked clause continues the reporter, not the report.
            // The teller may name a listener first ("told him he sounds
            // like his father, then walked out"): the walking is the teller's.
            let told_listener = i > 1
                && !AUTHOR.contains(&toks[i].norm.as_ref())
                && matches!(
                    toks[i - 2].norm.as_ref(),
                    "told" | "tell" | "tells" | "telling"
                )
                && (matches!(
                    toks[i - 1].norm.as_ref(),
                    "him" | "her" | "them" | "me" | "us"
                ) || toks[i - 1].capital
                    || PERSON_NOUNS.contains(&toks[i - 1].norm.as_ref()));
            // "I decided she was lying and ..., and gave one-word answers":
            // what the author thought someone did is reported too.
            // A person named through whose they are ("saw that my ex got
            // engaged") is reported from the word before the "my".
            let lead = if i > 1 && person_named_by_owner(toks, i) {
                i - 1
            } else {
                i
            };
            let reported = lead > 0
                && (SAY_VERBS.contains(&toks[lead - 1].norm.as_ref())
                    || BELIEVING_VERBS.contains(&toks[lead - 1].norm.as_ref())
                    || toks[lead - 1].norm == "that"
                    || told_listener);
            // Skip subordinate clauses too ("went through her phone while
            // she was in the shower, and then started a row"): the linked
            // clause continues the main one.
            let subordinate = SUBORDINATORS.contains(&toks[ccs].norm.as_ref())
                || matches!(toks[ccs].norm.as_ref(), "which" | "who");
            // ... but an "I" further in, after the subordinate clause's own
            // subject and verb, opens the main clause when no comma marks it:
            // "when Dad rang I let it ring out and texted 'busy'".
            let main_after_subordinate = subordinate
                && i > ccs + 2
                && AUTHOR.contains(&toks[i].norm.as_ref())
                && toks[i - 1].norm != "and";
            if reported || (subordinate && !main_after_subordinate) {
                continue;
            }
            // "told Jae about it, the whole thing, and tried ...": a phrase
            // set off by commas, with no verb, names no one acting.
            if init && verbless_aside(toks, i) {
                continue;
            }
            if let Some(w) = subject_of(toks, i, init) {
                // "every time he's been on his phone, and called him a
                // hypocrite": he did not call himself "him"; look further.
                let object = match toks[i].norm.as_ref() {
                    "he" | "he's" | "he'd" | "he'll" => Some("him"),
                    "she" | "she's" | "she'd" | "she'll" => Some("her"),
                    _ => None,
                };
                let own_object = object.is_some_and(|o| {
                    toks[first.min(toks.len())..after.min(toks.len())]
                        .iter()
                        .any(|t| t.norm == o)
                });
                if own_object {
                    continue;
                }
                inherited = Some(w);
                break;
            }
        }
        // Words said or measured after the author, a question, a verb of
        // saying or sending, a "you" written for the author, or other
        // quoted words may have been drawn from the author.
        // "Ben went really cold on me": going cold is how he has been,
        // not a reply voiced ("I went 'fine'").
        let went_cold = |i: usize| {
            toks[i + 1..first]
                .iter()
                .take(3)
                .any(|t| HOW_SOMEONE_HAS_BEEN.contains(&t.norm.as_ref()))
        };
        let drawn_from_author = toks[..first].iter().enumerate().any(|(i, t)| {
            let w = t.norm.as_ref();
            t.quoted
                || ASK_VERBS.contains(&w)
                || SAY_VERBS.contains(&w)
                || VOICING_VERBS.contains(&w)
                || AUTHOR.contains(&w)
                || matches!(w, "you" | "sent")
                || (matches!(w, "go" | "goes" | "went") && !went_cold(i))
        });
        // "Wiremu's been short with me all week, one-word texts, 'k',
        // 'sure'": words quoted with no verb of their own are the words
        // of the one the clause before was about, unless drawn from the
        // author ("she asked about my day, 'fine'").
        let quoted_aside = first < after
            && toks[first..after.min(toks.len())].iter().all(|t| t.quoted)
            && !drawn_from_author;
        // "Andy's been quiet all week, one-word answers, straight out to
        // the shed": a verbless measure of replies continues the one the
        // clause before was about, on the same terms as quoted words, but
        // only after a clause that says how they have been ("Dad rang,
        // one-word answers" may be the author's answers).
        let measured_aside = first < after
            && clause_is_a_measure(toks, cs)
            && toks[..cs]
                .iter()
                .any(|t| HOW_SOMEONE_HAS_BEEN.contains(&t.norm.as_ref()))
            && !drawn_from_author;
        who = Some(match inherited {
            Some(Who::Other) if linked || quoted_aside || measured_aside => Who::Other,
            _ => Who::Implied,
        });
    }
    let own_subject = subject_at.or(if who == Some(Who::Author) {
        Some(first)
    } else {
        None
    });
    let mut who = who.unwrap_or(Who::Implied);
    // "Sana said I've been absent": the "I" is someone else's claim about
    // the author, not the author's own report.
    if who == Who::Author {
        let ai = subject_at.unwrap_or(first);
        if reported_by_other(toks, ai) {
            who = Who::Other;
        }
    }
    let ok_subject = match subject {
        Subject::Any => true,
        Subject::Author => who != Who::Other,
        Subject::Other => who == Who::Other,
    };
    if !ok_subject {
        return Err(Rejected::WrongSubject(who));
    }

    // The match's own clause, before it may be extended below.
    let match_cs = cs;
    // A clause joined by "and"/"or" without its own subject shares the
    // words before it: "the urge to go quiet and change the subject".
    let mut extended = false;
    // Not when the match opens with its own "I" ("Gav's stopped asking me
    // and I've stopped asking him"): the clause before is someone else's.
    if own_subject.is_none()
        && cs > 0
        && cs < toks.len()
        && matches!(toks[cs].norm.as_ref(), "and" | "or")
    {
        let mut p = cs - 1;
        while p > 0 && !toks[p].clause_start {
            p -= 1;
        }
        cs = p;
        extended = true;
    }
    // Only the first "I" of the clause, and not one that opens reported
    // words ("said I", "the 'I think we need a break' text") or a habit
    // ("the one where I go grey").
    let own_i = (cs..first)
        .find(|&i| narrated(i) && AUTHOR.contains(&toks[i].norm.as_ref()))
        .filter(|&i| {
            i > 0
                && !SAY_VERBS.contains(&toks[i - 1].norm.as_ref())
                && !matches!(
                    toks[i - 1].norm.as_ref(),
                    "that"
                        | "say"
                        | "tell"
                        | "where"
                        | "when"
                        | "whenever"
                        | "if"
                        | "the"
                        | "a"
                        | "an"
                        | "my"
                        | "his"
                        | "her"
                        | "their"
                        | "your"
                        | "to"
                        | "like"
                )
        });
    let subject_at = subject_at.or_else(|| {
        (cs..first)
            .rev()
            .find(|&i| narrated(i) && subject_of(toks, i, false).is_some())
    });

    // "when she started in on my weight": a match may open with its own
    // subject, which the checks above look for only before it. Then the
    // author's "but I didn't" after it is not its negation (step 2), and
    // the wish of the clause before is not its mood (step 3).
    let match_has_subject =
        first < toks.len() && OTHER_PRONOUNS.contains(&toks[first].norm.as_ref());

    // 2. Negation and near-misses between the subject and the match.
    if negation == Negation::Cancels {
        let from = subject_at.map_or(cs, |i| i + 1);
        let neg_window = &toks[from.min(first)..first];
        let negated = neg_window.iter().enumerate().any(|(k, t)| {
            if spoken_aside(t) {
                return false;
            }
            // "instead of replying", "rather than call": a near-miss when
            // it leads into the match; "texted the real reason instead of a
            // fake one and told her" names its own object, and the deed
            // after "and" stands, as does a deed in the past written after
            // what it replaced ("Instead of going dark messaged Priya").
            if matches!(t.norm.as_ref(), "instead" | "rather") {
                let of = if t.norm == "instead" { "of" } else { "than" };
                return neg_window.get(k + 1).is_some_and(|n| n.norm == of)
                    && !neg_window[k + 2..].iter().any(|n| n.norm == "and")
                    && !(k + 2 < neg_window.len() && deed_in_past(toks, first, after));
            }
            // "told him not to uproot and turned it round to the cricket",
            // "couldnt face it and went to bed": "not" and a "do" or modal
            // take a bare verb, so a verb in the past after "and" is a deed
            // of its own, outside their scope, as after a near-miss verb
            // ("stopped mid-sentence and asked how her mum was"). Not
            // "never" or "hadn't", whose verbs look like the past ("never
            // rang and apologised").
            let at = from.min(first) + k;
            if extended
                && at < match_cs
                && (takes_bare_verb(toks, at)
                    || matches!(t.norm.as_ref(), "stopped" | "refused" | "resisted"))
                && (deed_in_past(toks, first, after) || deed_in_past(toks, match_cs, after))
            {
                return false;
            }
            // "came close to snapping", "on the verge of cancelling": a
            // near-miss when it leads straight into the match.
            if matches!(t.norm.as_ref(), "close" | "verge") && k + 2 == neg_window.len() {
                return matches!(neg_window[k + 1].norm.as_ref(), "to" | "of");
            }
            // "couldn't stop cataloguing", "can't help snapping", "can't
            // shake the feeling she's after something": the negation says
            // it happened all the more.
            if is_negator(&t.norm)
                && neg_window
                    .get(k + 1)
                    .is_some_and(|n| matches!(n.norm.as_ref(), "stop" | "help" | "shake"))
            {
                return false;
            }
            // "Stopped myself and wrote her a real answer": the urge was
            // stopped; the deed after "and" happened.
            if matches!(t.norm.as_ref(), "stopped" | "caught")
                && neg_window.get(k + 1).is_some_and(|n| n.norm == "myself")
                && neg_window
                    .get(k + 2)
                    .is_some_and(|n| n.norm == "and" || n.clause_start)
            {
                return false;
            }
            // "sent me a card for no reason": no reason given, nothing denied.
            if t.norm == "no"
                && at > 0
                && toks[at - 1].norm == "for"
                && toks.get(at + 1).is_some_and(|n| n.norm == "reason")
            {
                return false;
            }
            // "Said no and spent the evening ...": an answer given, not
            // a deed denied.
            if t.norm == "no" && at > 0 && SAY_VERBS.contains(&toks[at - 1].norm.as_ref()) {
                return false;
            }
            // "texted back no worries and asked how she was": a set phrase,
            // complete before the deed, that denies nothing the author did
            // ("no worries if you're swamped" still qualifies what follows).
            if t.norm == "no"
                && toks.get(at + 1).is_some_and(|n| {
                    matches!(
                        n.norm.as_ref(),
                        "worries" | "worry" | "problem" | "problems" | "probs" | "bother" | "rush"
                    )
                })
                && toks.get(at + 2).is_none_or(|n| {
                    n.clause_start || matches!(n.norm.as_ref(), "and" | "then" | "but" | "so")
                })
            {
                return false;
            }
            is_negator(&t.norm)
        });
        let other_acted = who == Who::Other || match_has_subject;
        if negated
            || resisted_after(toks, after, other_acted)
            || (subject == Subject::Author && nearly_told(toks, first, after))
        {
            return Err(Rejected::Negated);
        }
    }

    // 3. Mood: intentions, hypotheticals, past habits. A list of clauses
    // without their own subject ("convinced I'll ruin it, lose the rings,
    // say something awful") shares the mood of the clause that opened it.
    // "Sam wanted a hug and I pushed him away": a wish or modal written
    // before the author's own "I" belongs to someone else's clause.
    let mut window_from = match own_i {
        Some(i) if i > cs => i,
        _ => cs,
    };
    let mut window = &toks[window_from..first];
    let mut borrowed: (usize, usize) = (0, 0);
    // "..., then let her calls ring out": a deed that follows in time
    // happened; it does not share the mood of the clause before.
    let sequel = toks[cs.min(toks.len())..first]
        .iter()
        .take(2)
        .any(|t| t.norm == "then");
    // "Thiago wanted to curl up and I said I was too warm and moved to the
    // armchair": once the clause has borrowed the one before for its
    // subject ("I said ... and moved"), that clause is its own; the wish in
    // the clause before that is not its mood.
    let borrowed_own = extended && own_i.is_some();
    // "wanted to stay in, but I went", "wanted to bail, went anyway": a
    // deed set against the wish before it happened despite it.
    let despite = [toks.get(match_cs), toks.get(first)]
        .into_iter()
        .flatten()
        .any(|t| matches!(t.norm.as_ref(), "but" | "yet"))
        || toks[first.min(toks.len())..(after + 1).min(toks.len())]
            .iter()
            .any(|t| matches!(t.norm.as_ref(), "anyway" | "anyhow" | "regardless"));
    if own_subject.is_none() && !match_has_subject && !borrowed_own && cs > 0 && !sequel && !despite
    {
        let mut p = cs - 1;
        while p > 0 && !toks[p].clause_start {
            p -= 1;
        }
        // The list may run on: "I used to go even quieter, make myself
        // small, stop ringing anyone" shares the mood of its first clause
        // through each clause without a subject of its own.
        let mut hops = 0;
        while hops < 3 && p > 0 && bare_verb_clause(toks, p) {
            let mut q = p - 1;
            while q > 0 && !toks[q].clause_start {
                q -= 1;
            }
            p = q;
            hops += 1;
        }
        // A question someone asked ("Dan asked if I wanted to come round,
        // made up an excuse") is not the mood of the deeds listed after it:
        // the borrowed clause ends where its embedded question begins.
        let asked = toks[p..cs].windows(2).position(|w| {
            ASK_VERBS.contains(&w[0].norm.as_ref())
                && matches!(w[1].norm.as_ref(), "if" | "whether")
        });
        match asked {
            Some(k) => borrowed = (p, p + k),
            None => {
                window_from = p;
                window = &toks[p..first];
            }
        }
    }
    if mood == Mood::Actual {
        // "If she texts I'll ignore it": the condition, and what follows
        // it, are hypothetical. But "If I'm honest, I ignored her all week"
        // reports a deed after the condition's comma; a modal in that
        // clause is still caught below.
        let if_clause_end = toks[1.min(toks.len())..]
            .iter()
            .position(|t| t.clause_start && !LINKS.contains(&t.norm.as_ref()))
            .map_or(toks.len(), |n| n + 1);
        let sentence_if = toks
            .first()
            .is_some_and(|t| matches!(t.norm.as_ref(), "if" | "unless"))
            && first < if_clause_end;
        // Someone else's wish is an event in the author's day ("Sam wanted
        // to talk about moving in" is a bid), so for rules that are not
        // about the author's own deeds, another person's "want(ed) to" and
        // "asked to" do not make the match hypothetical.
        let others_wish = who == Who::Other && subject != Subject::Author;
        // "Martin asked if I'd thought about us getting a place together",
        // "keeps asking when I'll meet his girls": for the same rules the
        // question someone asked is the event; the modal words inside it
        // are the question's, not a plan of the author's.
        let asked_from = if subject == Subject::Author {
            None
        } else {
            question_asked_by_other(toks, first)
        };
        // The question ends where the next clause begins ("asked if I was
        // alright, said I'd been quiet").
        let question_end = asked_from.map(|(q, opener)| {
            let end = (opener + 1..toks.len())
                .find(|&x| toks[x].clause_start)
                .unwrap_or(toks.len());
            (q, end)
        });
        let in_question = |i: usize| question_end.is_some_and(|(q, end)| i > q && i < end);
        // `from` is where `part` starts in `toks`.
        let modal_in = |from: usize, part: &[Token], after: Option<&Token>| {
            part.iter().enumerate().any(|(k, t)| {
                if spoken_aside(t) || in_question(from + k) {
                    return false;
                }
                // "wanted so badly to leave it", "wanted so much to say":
                // intensifiers sit between the wish and its "to".
                let next = part[k + 1..]
                    .iter()
                    .chain(after)
                    .map(|n| n.norm.as_ref())
                    .find(|n| {
                        !matches!(
                            *n,
                            "so" | "much" | "very" | "badly" | "really" | "desperately" | "just"
                        )
                    });
                if others_wish && matches!(t.norm.as_ref(), "want" | "wants" | "wanted" | "wanting")
                {
                    return false;
                }
                // "knocked to ask if I'd seen her charger": an embedded
                // question, not a hypothetical.
                let asked = k
                    .checked_sub(1)
                    .is_some_and(|p| ASK_VERBS.contains(&part[p].norm.as_ref()));
                // ... but "I asked if he wanted to grab dinner" was the
                // author's own invitation: what he wanted is only asked.
                let author_asked = asked && {
                    let a = from + k - 1;
                    a == 0
                        || toks[a.saturating_sub(3)..a]
                            .iter()
                            .any(|t| AUTHOR.contains(&t.norm.as_ref()))
                };
                let wish_asked = part[k + 1..].iter().chain(after).any(|t| {
                    matches!(
                        t.norm.as_ref(),
                        "want" | "wanted" | "wants" | "fancied" | "fancy" | "fancies" | "like"
                    )
                });
                if asked
                    && matches!(t.norm.as_ref(), "if" | "whether")
                    && !(author_asked && wish_asked && who == Who::Other)
                {
                    return false;
                }
                // "before anyone else could speak I stood up": the modal
                // belongs to a subordinate clause that ends where the
                // author's own clause begins, with or without a comma.
                let in_subordinate = part[..k]
                    .iter()
                    .any(|p| SUBORDINATORS.contains(&p.norm.as_ref()))
                    && part[k + 1..]
                        .iter()
                        .any(|p| AUTHOR.contains(&p.norm.as_ref()));
                if in_subordinate {
                    return false;
                }
                // "wanted to tell mum to get off my back when she was having
                // a go": a clause opened after the wish, with its own subject
                // and a verb in the past, happened.
                let past_clause_after = part[k + 1..].windows(3).any(|w| {
                    SUBORDINATORS.contains(&w[0].norm.as_ref())
                        && (OTHER_PRONOUNS.contains(&w[1].norm.as_ref())
                            || AUTHOR.contains(&w[1].norm.as_ref())
                            || w[1].capital)
                        && is_past_tense(&w[2].norm)
                });
                if past_clause_after {
                    return false;
                }
                // "told Gabe maybe we should see other people": a proposal
                // the author voiced. Saying it is the deed, not a plan.
                if proposed(toks, from + k) {
                    return false;
                }
                // "texted 'thinking of you, how's the new job?'": a
                // greeting, not a plan.
                let mut rest = part[k + 1..].iter().chain(after);
                let of_you = rest.next().is_some_and(|n| n.norm == "of")
                    && rest.next().is_some_and(|n| n.norm == "you");
                if matches!(t.norm.as_ref(), "thinking" | "thought") && of_you {
                    return false;
                }
                is_mood_word(&t.norm, next)
            })
        };
        let modal = modal_in(window_from, window, toks.get(first))
            || modal_in(
                borrowed.0,
                &toks[borrowed.0..borrowed.1],
                toks.get(borrowed.1),
            );
        let would = subject_at
            .or(if who == Who::Author && first < toks.len() {
                Some(first)
            } else {
                None
            })
            .is_some_and(|i| {
                let norm = toks[i].norm.as_ref();
                if !(norm.ends_with("'d") || norm == "id") || in_question(i) {
                    return false;
                }
                // "He said he'd love me to meet his sister": a wish someone
                // voiced is an event, like their "wants".
                if subject != Subject::Author
                    && OTHER_PRONOUNS.contains(&norm)
                    && toks
                        .get(i + 1)
                        .is_some_and(|t| matches!(t.norm.as_ref(), "love" | "like"))
                {
                    return false;
                }
                // "told myself I'd let it ring out": a plan, even before a
                // participle-like "let".
                if i >= 2
                    && toks[i - 1].norm == "myself"
                    && matches!(
                        toks[i - 2].norm.as_ref(),
                        "told" | "promised" | "swore" | "decided" | "figured"
                    )
                {
                    return true;
                }
                let next = toks[i + 1..]
                    .iter()
                    .find(|t| !ADVERBS.contains(&t.norm.as_ref()));
                if next.is_some_and(|t| t.norm == "rather") && preference_voiced(toks, i) {
                    return false;
                }
                next.is_some_and(|t| !is_past_participle(&t.norm))
            });
        // "Homework is to reply": a task, not a deed.
        let task = window
            .windows(2)
            .any(|w| w[1].norm == "to" && matches!(w[0].norm.as_ref(), "is" | "was" | "homework"));
        // "back when ...", "in my twenties I ...": a habit of the past.
        // Not a back someone is on: "get off my back when she was having a
        // go" happened.
        let back_when = toks[..first].windows(2).enumerate().any(|(j, w)| {
            (w[0].norm == "back"
                && w[1].norm == "when"
                && !(j > 0
                    && matches!(
                        toks[j - 1].norm.as_ref(),
                        "my" | "your" | "his" | "her" | "our" | "their" | "the"
                    )))
                || (w[0].norm == "my"
                    && matches!(
                        w[1].norm.as_ref(),
                        "teens" | "twenties" | "thirties" | "forties" | "youth"
                    ))
        });
        let long_ago = long_ago_before(toks, first);
        let linked_past = linked_past_deed(toks, match_cs, first, after);
        // "Call Mum back, even for five minutes.": a to-do opening the
        // sentence with a bare verb (tomorrow's small step) is a plan.
        let to_do = who == Who::Implied && first == 0 && is_to_do(toks);
        if sentence_if
            || ((modal || would) && !linked_past)
            || back_when
            || long_ago
            || task
            || to_do
        {
            return Err(Rejected::NotActual);
        }
    }
    Ok(who)
}

/// Whether the sentence sets what comes before `first` years back ("Years
/// ago I'd screen every call", "Twenty years ago I was terrible for that,
/// let them pile up"): like "used to", a deed of the past, not of this
/// entry. Not a person from back then ("a friend from years ago texted"),
/// nor once the sentence comes back to now ("... and tonight I ignored").
fn long_ago_before(toks: &[Token], first: usize) -> bool {
    let Some(ago) = toks[..first]
        .windows(2)
        .position(|w| matches!(w[0].norm.as_ref(), "years" | "decades") && w[1].norm == "ago")
    else {
        return false;
    };
    let governed = ago > 0
        && matches!(
            toks[ago - 1].norm.as_ref(),
            "from" | "since" | "for" | "than" | "like"
        );
    let back_to_now = toks[ago + 2..first].iter().any(|t| {
        WHEN_WORDS.contains(&t.norm.as_ref())
            || matches!(t.norm.as_ref(), "still" | "again" | "anymore" | "but")
    });
    !governed && !back_to_now
}

/// Words that open a sentence with when it happened, where a to-do opens
/// with its verb (weekdays and months are [`is_not_name`]'s).
const WHEN_WORDS: &[&str] = &[
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "later",
    "earlier",
    "then",
    "now",
    "this",
    "last",
    "morning",
    "afternoon",
    "evening",
    "weekend",
    "situation",
];

/// Whether the sentence opens as a to-do: a bare verb ("call", "ask",
/// "tell", "reply") straight before whom it is for (a name, "him", "my
/// sister", "to Sam", "back").
/// Note style tells the day in the past ("Called Mum back"), so a bare
/// verb there is an instruction to oneself. Verbs whose past is the bare
/// form ("put", "let", "read") could be either and are left alone.
pub(crate) fn is_to_do(toks: &[Token]) -> bool {
    let Some(first) = toks.first().filter(|t| !t.quoted) else {
        return false;
    };
    let verb = first.norm.as_ref();
    // "Tonight Theo said ...", "Monday Ana rang": when, not a verb.
    if WHEN_WORDS.contains(&verb) || is_not_name(verb) {
        return false;
    }
    let bare = verb.len() >= 3
        && !LINKS.contains(&verb)
        && !SUBORDINATORS.contains(&verb)
        && !ADVERBS.contains(&verb)
        && verb.bytes().all(|b| b.is_ascii_lowercase())
        && !is_past_tense(verb)
        && !verb.ends_with("ing")
        // "calls", "texts": a third-person present, not a to-do.
        && (!verb.ends_with('s') || verb.ends_with("ss"))
        && !matches!(
            verb,
            "put"
                | "let"
                | "hit"
                | "cut"
                | "set"
                | "read"
                | "quit"
                | "shut"
                | "hurt"
                | "cost"
                | "bet"
        );
    let done_to = toks.get(1).is_some_and(|t| {
        (t.capital && !AUTHOR.contains(&t.norm.as_ref()))
            || matches!(
                t.norm.as_ref(),
                "him" | "her" | "them" | "everyone" | "someone" | "my" | "to" | "back" | "how"
            )
    });
    bare && done_to
}

/// Whether the modal at `toks[k]` opens a proposal the author voiced: "we
/// should" or "we could", a few words after "told", "said" or
/// "suggested" ("told Gabe maybe we should slow down"), or a voiced
/// "I'd rather".
fn proposed(toks: &[Token], k: usize) -> bool {
    if k > 0 && toks[k].norm == "rather" {
        return preference_voiced(toks, k - 1);
    }
    // "told Ethan we should probably see other people": the hedge after a
    // voiced "should" belongs to the proposal.
    if k > 0
        && matches!(toks[k].norm.as_ref(), "probably" | "maybe")
        && matches!(toks[k - 1].norm.as_ref(), "should" | "could")
    {
        return proposed(toks, k - 1);
    }
    if !matches!(toks[k].norm.as_ref(), "should" | "could" | "need" | "ought") || k == 0 {
        return false;
    }
    let mut j = k - 1;
    while j > 0
        && matches!(
            toks[j].norm.as_ref(),
            "maybe" | "probably" | "just" | "really"
        )
    {
        j -= 1;
    }
    if toks[j].norm != "we" {
        return false;
    }
    // "should have" looks back at what was not done: no proposal.
    if toks
        .get(k + 1)
        .is_some_and(|t| matches!(t.norm.as_ref(), "have" | "'ve"))
    {
        return false;
    }
    // The voicing verb may sit a clause back, when what was said runs on:
    // "told her it's getting a bit heavy and we should keep it easy".
    toks[j.saturating_sub(8)..j]
        .iter()
        .any(|t| VOICING_VERBS.contains(&t.norm.as_ref()))
}

/// Verbs that put the author's words out loud. Unlike [`SAY_VERBS`], not
/// "thought" or "reckons": a thought proposal is still only a wish.
const VOICING_VERBS: &[&str] = &[
    "told",
    "tell",
    "tells",
    "said",
    "say",
    "says",
    "suggested",
    "texted",
    "messaged",
    "announced",
    "blurted",
    "replied",
];

/// Whether the "I'd" at `i`, before "rather", is a preference the author
/// voiced: "said I'd rather not put labels on it" declines, it is no wish.
fn preference_voiced(toks: &[Token], i: usize) -> bool {
    matches!(toks[i].norm.as_ref(), "i'd" | "id" | "we'd")
        && toks[i.saturating_sub(3)..i]
            .iter()
            .any(|t| VOICING_VERBS.contains(&t.norm.as_ref()))
}

/// "I said I'd have a think and changed the subject", "I'd hit a wall and
/// muted every chat": a modal takes a bare verb, so a deed in the past
/// tense, in a later clause with nothing but a link, the author or an
/// adverb before it, happened; it does not share the mood of the modal's
/// clause. Not after a modal perfect ("I'd have called and apologised")
/// or a modal copula ("I'd be tired and distracted"), whose participles
/// look the same. `cs` is the match's own clause, `first..after` the match.
fn linked_past_deed(toks: &[Token], cs: usize, first: usize, after: usize) -> bool {
    if cs == 0 || cs > first || first >= toks.len() {
        return false;
    }
    let lead_in = toks[cs..first].iter().all(|t| {
        let w = t.norm.as_ref();
        LINKS.contains(&w) || AUTHOR.contains(&w) || ADVERBS.contains(&w)
    });
    let verb = toks[first..after.min(toks.len())]
        .iter()
        .find(|t| !AUTHOR.contains(&t.norm.as_ref()) && !ADVERBS.contains(&t.norm.as_ref()));
    // "Said I'd think about it and still haven't replied": a modal takes
    // no finite "haven't" either.
    let finite = |w: &str| {
        is_past_tense(w) || matches!(w, "haven't" | "havent" | "hasn't" | "hasnt" | "has")
    };
    if !lead_in || !verb.is_some_and(|t| finite(&t.norm)) {
        return false;
    }
    // The modal's clause: what follows its last modal word, before `cs`.
    let before = &toks[..cs];
    let modal_perfect = |w: &str| {
        ["would", "could", "should", "might", "must"]
            .iter()
            .any(|m| w.starts_with(m) && w.ends_with("ve"))
    };
    let Some(m) = before.iter().rposition(|t| {
        let w = t.norm.as_ref();
        w.ends_with("'d")
            || w == "id"
            || w.ends_with("'ll")
            || modal_perfect(w)
            || matches!(
                w,
                "would" | "could" | "should" | "might" | "may" | "must" | "will" | "shall" | "to"
            )
    }) else {
        return false;
    };
    if modal_perfect(&before[m].norm) {
        return false;
    }
    let mut rest = before[m + 1..]
        .iter()
        .map(|t| t.norm.as_ref())
        .filter(|w| !ADVERBS.contains(w) && *w != "not");
    match rest.next() {
        Some("be" | "feel" | "get" | "seem" | "look" | "stay" | "become" | "sound") => false,
        Some("have" | "of" | "'ve") => rest.next().is_some_and(|w| !is_past_participle(w)),
        Some(_) => true,
        None => false,
    }
}

/// The ask verb of a question someone else asked before `first` ("Linda
/// asked would I ever think about her moving in", "he keeps asking when
/// I'll meet his girls") and the word opening the question, if the closest
/// ask verb opens one: "if", "whether", "when" or a modal within three
/// words of it, and someone other than the author as its subject.
fn question_asked_by_other(toks: &[Token], first: usize) -> Option<(usize, usize)> {
    let j = (0..first.min(toks.len()))
        .rev()
        .find(|&j| !toks[j].quoted && ASK_VERBS.contains(&toks[j].norm.as_ref()))?;
    let opener = (j + 1..(j + 4).min(first + 1).min(toks.len())).find(|&o| {
        matches!(
            toks[o].norm.as_ref(),
            "if" | "whether" | "when" | "would" | "could" | "will" | "can"
        )
    })?;
    let mut i = j;
    while i > 0 {
        i -= 1;
        let initial = toks[i].clause_start || i == 0;
        if let Some(who) = subject_of(toks, i, initial) {
            return (who == Who::Other).then_some((j, opener));
        }
        if toks[i].clause_start {
            break;
        }
    }
    None
}

/// Whether the words from `from` (a match, or the clause holding one) up
/// to `after` tell a deed in the past: the first word that is not a link,
/// the author or an adverb is a verb in the simple past ("and spent the
/// evening at the other end of the sofa").
fn deed_in_past(toks: &[Token], from: usize, after: usize) -> bool {
    toks[from.min(toks.len())..after.min(toks.len())]
        .iter()
        .find(|t| {
            let w = t.norm.as_ref();
            !AUTHOR.contains(&w) && !ADVERBS.contains(&w) && !LINKS.contains(&w)
        })
        .is_some_and(|t| is_past_tense(&t.norm))
}

/// Whether the negator at `i` is "not" or a negated "do", modal or "be",
/// which a bare verb, an infinitive or a complement follows, never a verb
/// in the past: "didn't", "couldnt", "not to", "can we not". A negated
/// "have", "never" and the near-misses ("nearly", "refused") are not.
fn takes_bare_verb(toks: &[Token], i: usize) -> bool {
    let w = toks[i].norm.as_ref();
    if w == "not" {
        return !(i > 0 && matches!(toks[i - 1].norm.as_ref(), "have" | "has" | "had" | "'ve"));
    }
    let base = w
        .strip_suffix("n't")
        .or_else(|| w.strip_suffix("nt"))
        .unwrap_or("");
    matches!(
        base,
        "do" | "does"
            | "did"
            | "ca"
            | "can"
            | "could"
            | "wo"
            | "would"
            | "should"
            | "must"
            | "is"
            | "are"
            | "was"
            | "were"
    ) || w == "cannot"
}

/// Whether the clause opening at `i` with "the", "this" or "that" is a
/// short aside without a verb ("the whole thing", "that night").
fn verbless_aside(toks: &[Token], i: usize) -> bool {
    if !matches!(toks[i].norm.as_ref(), "the" | "this" | "that") {
        return false;
    }
    let len = toks[i + 1..]
        .iter()
        .position(|t| t.clause_start)
        .map_or(toks.len() - i, |n| n + 1);
    len <= 3
        && !toks[i..i + len].iter().any(|t| {
            let w = t.norm.as_ref();
            let third_person = w.len() > 3 && w.ends_with('s') && !w.ends_with("ss");
            is_past_tense(w)
                || third_person
                || matches!(w, "is" | "are" | "'s" | "has" | "have" | "does" | "do")
        })
}

/// Whether a sentence made only of a measure of replies ("Short replies,
/// never suggests a call.") continues `before`, a sentence about how
/// someone else has been ("Harriet's been really distant since she
/// moved."): the replies measured are then theirs, as within one sentence.
/// "Dave's gone quiet on me. Not answered in a week.": a verbless "not
/// answered" is read the same way.
pub(crate) fn measure_continues_other(toks: &[Token], before: &[Token]) -> bool {
    let not_replied = toks.first().is_some_and(|t| t.norm == "not")
        && toks.get(1).is_some_and(|t| {
            matches!(
                t.norm.as_ref(),
                "answered" | "replied" | "responded" | "texted" | "rung" | "called" | "returned"
            )
        });
    !toks.is_empty()
        && (clause_is_a_measure(toks, 0) || not_replied)
        && !before.is_empty()
        && subject_of(before, 0, true) == Some(Who::Other)
        && before
            .iter()
            .any(|t| HOW_SOMEONE_HAS_BEEN.contains(&t.norm.as_ref()))
}

/// Words saying how someone has been with the author, after which a
/// measure of replies is theirs (see [`clause_is_a_measure`]).
const HOW_SOMEONE_HAS_BEEN: &[&str] = &[
    "quiet",
    "quieter",
    "cold",
    "colder",
    "short",
    "distant",
    "off",
    "frosty",
    "icy",
    "funny",
    "weird",
    "moody",
    "curt",
    "snappy",
    "offish",
    "withdrawn",
];

/// A clause that only measures replies, with no verb and no one named:
/// "one-word answers", "short replies, nothing else". It opens with a
/// measure word, and none of its words is a verb form a deed would need.
fn clause_is_a_measure(toks: &[Token], cs: usize) -> bool {
    const MEASURES: &[&str] = &[
        "one",
        "one-word",
        "one-line",
        "two",
        "two-word",
        "short",
        "shorter",
        "curt",
        "clipped",
        "brief",
        "few",
        "single",
        "monosyllables",
        "monosyllabic",
        "grunts",
    ];
    const VERB_FORMS: &[&str] = &[
        "is", "are", "am", "'m", "was", "were", "'s", "be", "been", "being", "has", "have", "had",
        "do", "does", "did", "will", "would", "can", "could", "'ll", "'d", "should",
    ];
    let Some(start) = toks.get(cs) else {
        return false;
    };
    let start_word = if LINKS.contains(&start.norm.as_ref()) {
        toks.get(cs + 1)
    } else {
        Some(start)
    };
    if !start_word.is_some_and(|t| MEASURES.contains(&t.norm.as_ref())) {
        return false;
    }
    let len = toks[cs + 1..]
        .iter()
        .position(|t| t.clause_start)
        .map_or(toks.len() - cs, |n| n + 1);
    !toks[cs..cs + len].iter().any(|t| {
        let w = t.norm.as_ref();
        is_past_tense(w)
            || VERB_FORMS.contains(&w)
            || AUTHOR.contains(&w)
            || (w.len() > 4 && w.ends_with("ing"))
    })
}

/// Words ending in "-ed" that are no past tense.
const NOT_PAST_ED: &[&str] = &[
    "need", "feed", "seed", "bleed", "breed", "speed", "proceed", "succeed", "exceed", "embed",
];
/// Past forms that are not "-ed", and the past of "do", "be" and "have".
const IRREGULAR_PASTS: &[&str] = &[
    "went", "rang", "sang", "swam", "drank", "ate", "wore", "flew", "grew", "drew", "rode", "slid",
    "stuck", "struck", "swept", "wept", "crept", "lent", "bent", "built", "dug", "bled", "shot",
    "sought", "bit", "sank", "shrank", "spun", "won", "laid", "sold", "left", "told", "said",
    "sent", "gave", "took", "made", "kept", "got", "ran", "came", "saw", "felt", "thought",
    "brought", "bought", "found", "lost", "spent", "slept", "stood", "sat", "hung", "wrote",
    "spoke", "broke", "forgot", "froze", "hid", "drove", "threw", "blew", "knew", "began", "fell",
    "held", "heard", "met", "paid", "snuck", "taught", "caught", "fought", "meant", "shook",
    "woke", "tore", "swore", "chose", "led", "fled", "stole", "did", "didn't", "didnt", "was",
    "wasn't", "wasnt", "were", "weren't", "had", "hadn't",
];

/// A verb in the simple past: regular "-ed" forms, the common irregular
/// ones, and the past of "do" and "be". Forms that are also the bare verb
/// ("put", "let", "hit", "cut") are left out: after a modal they are bare.
fn is_past_tense(w: &str) -> bool {
    (w.len() >= 4 && w.ends_with("ed") && !NOT_PAST_ED.contains(&w)) || IRREGULAR_PASTS.contains(&w)
}

/// Verbs of believing, after which someone's deed is what the author made
/// of it ("decided she was lying"), not a clause a later one continues.
/// Not verbs of seeing: "saw Theo was online but hadn't answered me" is
/// Theo's all along.
const BELIEVING_VERBS: &[&str] = &[
    "decided",
    "figured",
    "assumed",
    "reckoned",
    "guessed",
    "hoped",
    "imagined",
    "suspected",
];

/// Verbs of seeing, knowing or saying in the past, after which a name may
/// open a clause of its own ("saw Theo was online") rather than be the
/// verb's object (see `subject_of`).
const CLAUSE_OPENING_VERBS: &[&str] = &[
    "saw",
    "heard",
    "noticed",
    "knew",
    "thought",
    "felt",
    "found",
    "realised",
    "realized",
    "said",
    "guessed",
    "figured",
    "assumed",
    "reckoned",
    "decided",
    "hoped",
    "wished",
    "learned",
    "learnt",
    "remembered",
    "forgot",
    "spotted",
    "watched",
];

/// Whether token i is a subject, and whose.
fn subject_of(toks: &[Token], i: usize, clause_initial: bool) -> Option<Who> {
    let w = toks[i].norm.as_ref();
    if AUTHOR.contains(&w) {
        return Some(Who::Author);
    }
    if OTHER_PRONOUNS.contains(&w) {
        return Some(Who::Other);
    }
    // "her boyfriend, who never texts back": a relative clause acts for the
    // person before it.
    if w == "who" && clause_initial {
        // ... unless the person is the author: "I'm the one who ...".
        let author_before = toks[i.saturating_sub(4)..i]
            .iter()
            .any(|t| AUTHOR.contains(&t.norm.as_ref()));
        return Some(if author_before {
            Who::Author
        } else {
            Who::Other
        });
    }
    // ... unless a preposition governs it ("calls from Hugo", "since
    // Saturday") or the verb opens the next clause ("from Hugo, declined").
    let governed = i > 0 && GOVERNING.contains(&toks[i - 1].norm.as_ref());
    let verb_in_clause = toks.get(i + 1).is_some_and(|t| !t.clause_start);
    // "Rang Connor just to see ...": a name straight after a verb in the
    // past is its object, whatever follows; after a verb of seeing or
    // knowing it may open a clause of its own ("saw Theo was online").
    // So is a name after a person it names ("Rang my brother Idris just to
    // chat", "Called Uncle Ray just to ask", "phoning my brother Aziz").
    let verb_at = if i > 1 && PERSON_NOUNS.contains(&toks[i - 1].norm.as_ref()) {
        if i > 2
            && matches!(
                toks[i - 2].norm.as_ref(),
                "my" | "our" | "his" | "her" | "their"
            )
        {
            Some(i - 3)
        } else {
            Some(i - 2)
        }
    } else {
        i.checked_sub(1)
    };
    let object_of_verb = verb_at.is_some_and(|v| {
        let verb = toks[v].norm.as_ref();
        (is_past_tense(verb) || (v + 1 < i && verb.ends_with("ing") && verb.len() > 4))
            && !CLAUSE_OPENING_VERBS.contains(&verb)
    });
    // "Me and Donna had it out", "Noor and me watched the same film": the
    // author acts with them.
    let with_author = i > 1
        && toks[i - 1].norm == "and"
        && ((toks[i].capital && toks[i - 2].norm == "me" && (i == 2 || toks[i - 2].clause_start))
            || (w == "me" && toks[i - 2].capital && next_is_verbish(toks, i)));
    if with_author {
        return Some(Who::Author);
    }
    if toks[i].capital
        && i > 0
        && !governed
        && !object_of_verb
        && verb_in_clause
        && !w.ends_with("'s")
        && next_is_verbish(toks, i)
    {
        // "on the way home Yaw texted ...": a name directly before a verb
        // is acting, wherever it sits in the clause.
        return Some(Who::Other);
    }
    // "Charge nurse tore into me", "Head chef binned my sauce": a role
    // named by one capitalised word and a noun opens the clause, then a verb.
    if i > 0
        && (i == 1 || toks[i - 1].clause_start)
        && names_a_role(toks, i - 1)
        && toks.get(i + 1).is_some_and(|t| {
            !t.clause_start && (is_irregular_finite_form(&t.norm) || next_is_verbish(toks, i))
        })
    {
        return Some(Who::Other);
    }
    // "Turns out his boss tore into him", "Priya's supervisor is ignoring
    // her emails": a person named through whose they are, straight before
    // a verb, is acting wherever the words sit in the clause. Not someone
    // the author did something to ("texted my sister loads").
    if verb_in_clause && person_named_by_owner(toks, i) && next_is_verbish(toks, i) {
        let before = if i > 1 { toks[i - 2].norm.as_ref() } else { "" };
        let after_verb = !toks[i - 1].clause_start
            && (is_past_tense(before)
                || before.ends_with("ing")
                || GOVERNING.contains(&before)
                || matches!(
                    before,
                    "tell"
                        | "ask"
                        | "text"
                        | "call"
                        | "ring"
                        | "message"
                        | "send"
                        | "let"
                        | "help"
                        | "make"
                        | "see"
                        | "saw"
                        | "watch"
                        | "heard"
                        | "hear"
                ));
        if !after_verb {
            return Some(Who::Other);
        }
    }
    if !clause_initial {
        return None;
    }
    // "This morning finally messaged Priya": a time opening a note is no
    // one acting; the deed after it is the author's. A time followed by a
    // verb of its own, an auxiliary or a word in -s ("This week has wrung
    // me out", "this week feels long"), is the subject.
    if matches!(w, "this" | "that" | "last" | "next")
        && toks
            .get(i + 1)
            .is_some_and(|t| TIME_NOUNS.contains(&t.norm.as_ref()))
        && !toks.get(i + 2).is_some_and(|t| {
            matches!(
                t.norm.as_ref(),
                "has" | "had" | "was" | "is" | "were" | "will" | "would" | "felt"
            ) || t.norm.ends_with("s")
        })
    {
        return None;
    }
    if CLAUSE_INITIAL_OTHER.contains(&w) {
        return Some(Who::Other);
    }
    // "Maddie's been pulling away": a name and a contracted "has" or "is"
    // ("Let's not" and "What's been" name no one).
    if toks[i].capital
        && w.ends_with("'s")
        && !matches!(
            w,
            "let's" | "what's" | "who's" | "how's" | "here's" | "where's"
        )
        && toks.get(i + 1).is_some_and(|t| {
            matches!(
                t.norm.as_ref(),
                "been"
                    | "got"
                    | "gone"
                    | "done"
                    | "just"
                    | "always"
                    | "never"
                    | "finally"
                    | "already"
                    | "still"
                    | "not"
                    | "started"
                    | "stopped"
                    | "taken"
                    | "left"
            )
        })
    {
        return Some(Who::Other);
    }
    // "Rob's mate bailed on him": a person named through someone else's,
    // then a verb.
    if w.ends_with("'s")
        && toks
            .get(i + 1)
            .is_some_and(|t| PERSON_NOUNS.contains(&t.norm.as_ref()))
        && next_is_verbish(toks, i + 1)
    {
        return Some(Who::Other);
    }
    if matches!(w, "my" | "our" | "his" | "her" | "their" | "your") {
        // "my sister ignored ..." — but "my phone" is not a person acting on
        // the author; close enough, both are not the author's own act.
        return Some(Who::Other);
    }
    // A capitalised word opening a clause mid-sentence is a name acting.
    if toks[i].capital && i > 0 && !w.ends_with("'s") {
        return Some(Who::Other);
    }
    if !toks[i].capital && lower_case_name_acting(toks, i) {
        return Some(Who::Other);
    }
    // Sentence-initial capitals: a name if it is followed by a verb-like word
    // we know from the match context is hard to tell; treat known subject
    // shapes ("Sam said", "Mum rang") as names when the next token is a
    // typical reporting or action verb ending.
    if toks[i].capital
        && i == 0
        && next_is_verbish(toks, i)
        && !is_common_starter(w)
        && !(w.ends_with("ly") && w.len() >= 6)
        && !w.ends_with("ed")
        && !w.ends_with("ing")
    {
        return Some(Who::Other);
    }
    None
}

/// Prepositions that make the word after them their object, not a subject
/// ("calls from Hugo", "since Saturday").
const GOVERNING: &[&str] = &[
    "from", "to", "with", "at", "on", "by", "for", "about", "of", "since", "until", "till", "w",
    "after", "before",
];

/// Whether `toks[i]` is a person named through whose they are: a person or
/// job noun after "my", "the", "Priya's" ("his boss", "Priya's supervisor").
fn person_named_by_owner(toks: &[Token], i: usize) -> bool {
    let w = toks[i].norm.as_ref();
    if i == 0 || !(PERSON_NOUNS.contains(&w) || WORK_ROLES.contains(&w)) {
        return false;
    }
    let det = &toks[i - 1];
    matches!(
        det.norm.as_ref(),
        "my" | "his" | "her" | "their" | "our" | "your" | "the"
    ) || (det.capital && det.norm.ends_with("'s"))
}

/// Texting style writes names in lower case ("maya sent me 4 tiktoks",
/// "jas bailed on our plan", "dev's been short with me"). A clause-opening
/// word that is not a common English word, not a verb form itself and not
/// a filler ("lowkey", "ngl"), followed by a verb in the past or the third
/// person, is someone else acting. Note style ("left sam on read", "kinda
/// ignored it") opens with the verb, which this leaves alone.
fn lower_case_name_acting(toks: &[Token], i: usize) -> bool {
    let w = toks[i].norm.as_ref();
    let (name, contracted) = match w.strip_suffix("'s") {
        Some(n) => (n, true),
        None => (w, false),
    };
    if name.len() < 2
        || !name.chars().all(|c| c.is_alphabetic())
        || is_common_starter(name)
        || is_common_starter(w)
        || FILLERS.contains(&name)
        || name.ends_with("ed")
        || name.ends_with("ing")
        || name.ends_with("ly")
        || is_irregular_verb_form(name)
        || AUTHOR.contains(&w)
    {
        return false;
    }
    let Some(next) = toks.get(i + 1).filter(|t| !t.clause_start) else {
        return false;
    };
    let next = next.norm.as_ref();
    if contracted {
        // "dev's been", "maya's just texted"; not "dev's mum".
        return matches!(
            next,
            "been" | "got" | "gone" | "just" | "always" | "never" | "still" | "not" | "already"
        );
    }
    (next.len() > 4 && next.ends_with("ed") && !next.ends_with("eed"))
        || is_irregular_finite_form(next)
        || matches!(
            next,
            "asks"
                | "wants"
                | "texts"
                | "calls"
                | "hasn't"
                | "doesn't"
                | "won't"
                | "wasn't"
                | "isn't"
                | "didn't"
                | "didnt"
        )
}

/// Words that open a line in texting style and are not names.
const FILLERS: &[&str] = &[
    "kinda",
    "sorta",
    "lowkey",
    "highkey",
    "ngl",
    "tbh",
    "fr",
    "lol",
    "lmao",
    "legit",
    "def",
    "defo",
    "prob",
    "probs",
    "omg",
    "idk",
    "ok",
    "okay",
    "ugh",
    "welp",
    "anyways",
    "pretty",
    "straight",
    "full",
    "semi",
    "half",
    "totes",
    "rly",
    "basically",
    "literally",
    "accidentally",
    "me",
    "we",
    "u",
    "ur",
    "gonna",
    "wanna",
    "gotta",
    "cant",
    "dont",
    "didnt",
    "wont",
    "couldnt",
    "shouldnt",
    "wasnt",
    "isnt",
    "havent",
    "hadnt",
    "tmrw",
    "tmr",
    "tonite",
    "tho",
    "bc",
    "cuz",
    "cos",
    "coz",
    "also",
    "plus",
    "nope",
    "yep",
    "yeah",
    "nah",
    "mm",
    "hmm",
    "oh",
    "ah",
];

/// Whether the matched words are something done *to* the author: "me"
/// (or "us") as the object right after the verb ("bestie left ME on read",
/// "gabe ghosted me"), closing a short match ("cancelled on me"), or after a
/// match that is one verb or ends in a preposition ("stonewalled me",
/// "snapped at me", "bailed on me").
/// Whoever the subject is, a sign or step is the author's own deed, so
/// these are someone else's, even when the name was written in lower case.
/// "let me" and "tell me" ask for help or attention: the author's own.
/// When the author is the subject, written or implied ("I steered us onto
/// football", "said 'course' and steered us onto football"), "us" takes the
/// author in and only "me" is done to them.
pub fn done_to_author(toks: &[Token], first: usize, after: usize, who: Who) -> bool {
    let (toks, first, after) = near(toks, first, after);
    let norm = |i: usize| toks.get(i).map(|t| t.norm.as_ref());
    let is_me = |i: usize| match norm(i) {
        Some("me") => true,
        // A clause with no subject of its own after the author's "I"
        // ("I said 'course' and steered us onto football") is theirs; one
        // with no "I" before it may hide someone the checks did not see
        // as a subject ("Fish guy ghosted us again").
        Some("us") => match who {
            Who::Author => false,
            Who::Other => true,
            Who::Implied => !toks[..first]
                .iter()
                .any(|t| !t.quoted && AUTHOR.contains(&t.norm.as_ref())),
        },
        _ => false,
    };
    if first >= after
        || matches!(
            norm(first),
            Some("let" | "lets" | "letting" | "tell" | "help" | "helped")
        )
    {
        return false;
    }
    let len = after - first;
    let preposition = |i: usize| matches!(norm(i), Some("at" | "on" | "with" | "to" | "off"));
    // "didnt answer me all afternoon": the verb after a negation is the
    // one whose object counts.
    let negated_verb_on_me = len >= 3 && norm(first).is_some_and(is_negator) && is_me(first + 2);
    negated_verb_on_me
        || (len >= 2 && is_me(first + 1))
        || (len >= 3 && preposition(first + 1) && is_me(first + 2))
        || (len <= 3 && is_me(after - 1))
        || ((len == 1 || preposition(after - 1)) && is_me(after))
}

/// Whether the token after `i` looks like a finite verb, so `i` is its subject.
/// Whether the clause starting at `p` opens with a verb in its bare form
/// ("make myself small"), so it continues a list begun before it.
fn bare_verb_clause(toks: &[Token], p: usize) -> bool {
    let t = &toks[p];
    let w = t.norm.as_ref();
    !t.capital
        && !t.quoted
        && w.len() > 1
        && !AUTHOR.contains(&w)
        && !OTHER_PRONOUNS.contains(&w)
        && !LINKS.contains(&w)
        && !SUBORDINATORS.contains(&w)
        && !is_past_tense(w)
        && !w.ends_with("ing")
        && !w.ends_with('s')
        && !w.contains('\'')
        && toks.get(p + 1).is_some_and(|n| !n.clause_start)
        && matches!(
            toks.get(p + 1).map(|n| n.norm.as_ref()),
            Some(
                "myself"
                    | "me"
                    | "him"
                    | "her"
                    | "them"
                    | "it"
                    | "up"
                    | "out"
                    | "off"
                    | "away"
                    | "back"
                    | "a"
                    | "an"
                    | "the"
                    | "my"
                    | "his"
                    | "their"
                    | "everyone"
                    | "anyone"
                    | "people"
            )
        )
}

/// Whether the sentence opens with a message nearly sent, and the match is
/// what it would have said or been for: "Almost told Kath I had a migraine
/// so I could get out of Sue's do", "Nearly texted Gillian I was ill to
/// get out of the lunch". A deed after "and", "but" or "then" is the day's
/// own ("Almost texted him and then ignored it anyway").
fn nearly_told(toks: &[Token], first: usize, after: usize) -> bool {
    let n = match toks.first().map(|t| t.norm.as_ref()) {
        Some("almost" | "nearly") => 0,
        Some(w) if AUTHOR.contains(&w) => 1,
        _ => return false,
    };
    if !toks
        .get(n)
        .is_some_and(|t| matches!(t.norm.as_ref(), "almost" | "nearly"))
    {
        return false;
    }
    let telling = toks.get(n + 1).is_some_and(|t| {
        matches!(
            t.norm.as_ref(),
            "told"
                | "texted"
                | "messaged"
                | "rang"
                | "called"
                | "phoned"
                | "emailed"
                | "wrote"
                | "typed"
                | "said"
                | "sent"
        )
    });
    // The message's content and its purpose go on in clauses of their own
    // ("I had a migraine", "so I could ..."); any other clause ("...,
    // convinced I'd ruin it") is the day's own.
    let content = |t: &Token| {
        !t.clause_start
            || AUTHOR.contains(&t.norm.as_ref())
            || matches!(
                t.norm.as_ref(),
                "so" | "to" | "that" | "because" | "cos" | "cause" | "coz"
            )
    };
    telling
        && first > n + 1
        && toks[n + 2..first].iter().all(content)
        && !toks[n + 2..after.min(toks.len())].iter().any(|t| {
            matches!(
                t.norm.as_ref(),
                "and" | "but" | "then" | "instead" | "anyway" | "though" | "went"
            )
        })
}

fn next_is_verbish(toks: &[Token], i: usize) -> bool {
    let Some(next) = toks.get(i + 1) else {
        return false;
    };
    let next = next.norm.as_ref();
    next.ends_with("ed")
        || (next.ends_with('s') && !next.ends_with("ss") && !next.ends_with("'s") && next.len() > 3)
        || matches!(
            next,
            "said"
                | "told"
                | "asked"
                | "rang"
                | "sent"
                | "left"
                | "got"
                | "went"
                | "came"
                | "kept"
                | "made"
                | "took"
                | "gave"
                | "thought"
                | "felt"
                | "was"
                | "is"
                | "has"
                | "had"
                | "did"
                | "didn't"
                | "doesn't"
                | "hasn't"
                | "won't"
                | "wasn't"
                | "can't"
                | "isn't"
                | "hadn't"
                | "didnt"
                | "doesnt"
                | "hasnt"
                | "wont"
                | "wasnt"
                | "isnt"
                | "hadnt"
                | "not"
                | "just"
                | "never"
                | "always"
                | "still"
                | "spent"
                | "hung"
                | "threw"
                | "tore"
                | "snapped"
                | "shouted"
                | "yelled"
                | "stormed"
                | "walked"
                | "ghosted"
                | "cancelled"
                | "canceled"
                | "bailed"
                | "ignored"
                | "brought"
                | "found"
                | "knew"
                | "saw"
                | "sat"
                | "stood"
                | "ran"
                | "put"
                | "let"
                | "began"
                | "wrote"
                | "spoke"
                | "broke"
                | "forgot"
                | "lost"
                | "held"
                | "heard"
                | "met"
                | "paid"
                | "slept"
                | "woke"
                | "caught"
                | "bought"
                | "fought"
                | "became"
                | "keeps"
                | "will"
                | "would"
                | "could"
                | "might"
                | "really"
                | "also"
                | "then"
                | "finally"
                | "only"
        )
}

const SAY_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "thinks",
    "thought",
    "reckons",
    "claims",
    "claimed",
    "complained",
    "accused",
    "insists",
    "insisted",
    "pointed",
    "saying",
    "complains",
    "moaned",
    "moans",
    "mentioned",
];

/// True when the author pronoun at `ai` sits in someone else's reported
/// speech: "<someone> said (, gently,) (that) I ...".
fn reported_by_other(toks: &[Token], ai: usize) -> bool {
    let mut i = ai;
    let mut steps = 0;
    while i > 0 && steps < 5 {
        i -= 1;
        steps += 1;
        let w = toks[i].norm.as_ref();
        if matches!(
            w,
            "that" | "me" | "gently" | "again" | "once" | "out" | "just" | "basically"
        ) {
            continue;
        }
        // "my brother sent a paragraph about how I never visit": the
        // words after "about how" are the content of someone's message.
        if w == "how" && i > 0 && toks[i - 1].norm == "about" {
            return about_someone_elses(toks, i - 1);
        }
        // "Priya said she feels like I've been avoiding her": a feeling
        // someone voices about the author reports them, like "thinks".
        let feels_like = w == "like"
            && i > 0
            && matches!(
                toks[i - 1].norm.as_ref(),
                "feels" | "felt" | "feel" | "feeling"
            );
        if feels_like {
            i -= 1;
        }
        if feels_like || SAY_VERBS.contains(&w) {
            // Whose verb? Look a few words further back for its subject.
            let mut j = i;
            let mut k = 0;
            while j > 0 && k < 3 {
                j -= 1;
                k += 1;
                let v = toks[j].norm.as_ref();
                if AUTHOR.contains(&v) {
                    return false;
                }
                if OTHER_PRONOUNS.contains(&v) || (toks[j].capital && !v.ends_with("'s")) {
                    // A capitalised first word of the sentence is a name only
                    // if it is not the verb itself ("Told him I ...").
                    return !(j == 0 && SAY_VERBS.contains(&v));
                }
            }
            return false;
        }
        return false;
    }
    false
}

/// Whether the "about" at `at` belongs to someone else's words: the
/// nearest person before it, within a few words, is not the author ("her
/// message about", "my brother sent a paragraph about", "Sam went on
/// about"). Someone spoken to ("talking to Sam about") does not count.
fn about_someone_elses(toks: &[Token], at: usize) -> bool {
    for j in (at.saturating_sub(8)..at).rev() {
        let v = toks[j].norm.as_ref();
        if AUTHOR.contains(&v) {
            return false;
        }
        // "told my sister about", "talking to Sam about": the one spoken
        // to is not the one whose words follow.
        let spoken_to = j > 0 && {
            let before = toks[j - 1].norm.as_ref();
            matches!(
                before,
                "to" | "with" | "asked" | "texted" | "messaged" | "reminded"
            ) || SAY_VERBS.contains(&before)
        };
        if spoken_to {
            continue;
        }
        if OTHER_PRONOUNS.contains(&v)
            || matches!(v, "her" | "his" | "their" | "my")
            || (toks[j].capital && j > 0)
        {
            return true;
        }
    }
    false
}

/// "..., but didn't", "but caught myself": the act was resisted after all.
fn resisted_after(toks: &[Token], after: usize, other_acted: bool) -> bool {
    let rest = &toks[after.min(toks.len())..];
    let Some(pos) = rest.iter().take(4).position(|t| t.norm == "but") else {
        return false;
    };
    let resisted = rest[pos + 1..].iter().take(4).position(|t| {
        matches!(
            t.norm.as_ref(),
            "didn't" | "didnt" | "caught" | "stopped" | "resisted" | "held" | "managed"
        )
    });
    // "wanted to snap when she started in on my weight, but I didn't": the
    // author held back, and what the other person did still happened.
    resisted.is_some_and(|k| {
        !(other_acted
            && rest[pos + 1..pos + 1 + k]
                .iter()
                .any(|t| AUTHOR.contains(&t.norm.as_ref())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::text::tokens;

    #[test]
    fn a_to_do_opens_with_its_verb_not_with_when() {
        let to_do = |text: &str| is_to_do(&tokens(text, 0, text.len()));
        assert!(to_do("Call Mum back, even for five minutes."));
        assert!(to_do("Ask Ana how their week went."));
        assert!(!to_do("Tonight Ana said it and I said it back."));
        assert!(!to_do("Monday Ana rang twice."));
        assert!(!to_do("Called Mum back."));
    }

    #[test]
    fn a_deed_in_the_past_after_and_is_outside_a_bare_verbs_negation() {
        let a = |t, n| run(t, n, Subject::Author, Mood::Actual);
        assert!(
            a(
                "Told him not to uproot on my account and turned it round to the cricket.",
                "turned it round"
            )
            .is_ok()
        );
        assert!(
            a(
                "Said I couldnt face it and went to bed at nine.",
                "went to bed"
            )
            .is_ok()
        );
        assert!(
            a(
                "Said can we not, and sat out on the balcony till she went up.",
                "sat out"
            )
            .is_ok()
        );
        // A bare verb after "and" shares the negation; "never" and a
        // negated "have" reach past tenses too.
        assert_eq!(
            a("I didn't call and apologise.", "apologise"),
            Err(Rejected::Negated)
        );
        assert_eq!(
            a("I never rang and apologised.", "apologised"),
            Err(Rejected::Negated)
        );
        assert_eq!(
            a("I hadn't eaten and slept all day.", "slept"),
            Err(Rejected::Negated)
        );
    }

    #[test]
    fn a_name_before_a_negation_spelt_without_apostrophe_acts() {
        let a = |t, n| run(t, n, Subject::Author, Mood::Actual);
        assert_eq!(
            a("Gloria not answering my texts all week.", "not answering"),
            Err(Rejected::WrongSubject(Who::Other))
        );
        assert!(matches!(
            a("Tom didnt reply all day.", "didnt reply"),
            Err(Rejected::WrongSubject(_))
        ));
        // The author's own note-style negation still counts.
        assert!(a("Still not answered Sam.", "not answered").is_ok());
        assert!(a("Didnt answer Mum all day.", "Didnt answer").is_ok());
    }

    #[test]
    fn a_negated_verb_on_me_was_done_to_the_author() {
        let done = |text: &str, needle: &str| {
            let (toks, first, after) = span(text, needle);
            done_to_author(&toks, first, after, Who::Implied)
        };
        assert!(done(
            "didnt answer me all afternoon, turned out her phone died.",
            "didnt answer me all afternoon"
        ));
        // The author as the source is still the author's silence.
        assert!(!done("Two days, no reply from me.", "no reply from me"));
        assert!(!done("Didnt answer Mum all day.", "Didnt answer Mum"));
    }

    #[test]
    fn a_person_named_through_whose_they_are_acts_before_a_verb() {
        let a = |t, n| run(t, n, Subject::Author, Mood::Actual);
        assert_eq!(
            a("Turns out his boss tore into him on a call.", "tore into"),
            Err(Rejected::WrongSubject(Who::Other))
        );
        assert_eq!(
            a(
                "Priya's supervisor is ignoring her emails.",
                "ignoring her emails"
            ),
            Err(Rejected::WrongSubject(Who::Other))
        );
        // Someone the author did something to is no subject.
        assert!(a("Texted my sister loads but ignored Sam.", "ignored Sam").is_ok());
        // What the author saw someone do is reported; the deed after "and"
        // is the author's.
        assert!(
            a(
                "saw that my ex got engaged and spent all night leaving texts unread.",
                "leaving texts unread"
            )
            .is_ok()
        );
    }

    #[test]
    fn a_feeling_someone_voices_about_the_author_reports_them() {
        let a = |t, n| run(t, n, Subject::Author, Mood::Actual);
        assert!(
            a(
                "Priya said she feels like I've been avoiding her.",
                "avoiding her"
            )
            .is_err()
        );
        assert!(a("She feels like I've been avoiding her.", "avoiding her").is_err());
        assert!(a("I feel like I've been avoiding her.", "avoiding her").is_ok());
    }

    #[test]
    fn what_a_message_nearly_said_did_not_happen() {
        let a = |t, n| run(t, n, Subject::Author, Mood::Any);
        assert_eq!(
            a(
                "Almost told Kath I had a migraine so I could get out of the do.",
                "so I could get out"
            ),
            Err(Rejected::Negated)
        );
        assert_eq!(
            a(
                "Nearly texted Gillian I was ill to get out of the lunch.",
                "get out of the"
            ),
            Err(Rejected::Negated)
        );
        // A deed after "and then" is the day's own, and so is a clause that
        // is not the message ("..., convinced I'd ruin it").
        assert!(
            a(
                "Nearly texted him and then ignored his call.",
                "ignored his call"
            )
            .is_ok()
        );
        assert!(
            a(
                "Nearly rang round to call it off, convinced I'd ruin the turkey.",
                "I'd ruin"
            )
            .is_ok()
        );
        // Others' part in it is not the author's near-miss.
        assert!(
            run(
                "Almost told Pete to mind his business when he asked how I was holding up.",
                "asked how I was",
                Subject::Any,
                Mood::Actual
            )
            .is_ok()
        );
    }

    #[test]
    fn a_list_of_bare_verbs_shares_the_mood_of_its_first_clause() {
        let a = |t, n| run(t, n, Subject::Author, Mood::Actual);
        assert_eq!(
            a(
                "I used to go even quieter, make myself small, stop ringing anyone.",
                "stop ringing anyone"
            ),
            Err(Rejected::NotActual)
        );
        assert!(
            a(
                "Mum rang, I ignored it, left her on read.",
                "left her on read"
            )
            .is_ok()
        );
    }

    #[test]
    fn years_ago_is_a_deed_of_the_past() {
        let a = |t, n| run(t, n, Subject::Author, Mood::Actual);
        assert_eq!(
            a(
                "Years ago I'd screen every call from him.",
                "screen every call"
            ),
            Err(Rejected::NotActual)
        );
        assert_eq!(
            a(
                "Years ago I was terrible for that, let them pile up.",
                "let them pile up"
            ),
            Err(Rejected::NotActual)
        );
        // Someone from back then, or a sentence that comes back to now.
        assert!(
            a(
                "A friend from years ago texted and I ignored it.",
                "ignored it"
            )
            .is_ok()
        );
        assert!(
            a(
                "Years ago she hurt me, and tonight I ignored her call.",
                "ignored her call"
            )
            .is_ok()
        );
    }

    #[test]
    fn what_was_done_instead_happened() {
        let a = |t, n| run(t, n, Subject::Author, Mood::Actual);
        assert!(a("Instead of going dark messaged Priya.", "messaged Priya").is_ok());
        assert!(
            a(
                "Rather than the usual vague excuse, told Kemal honestly.",
                "told Kemal"
            )
            .is_ok()
        );
        // What was replaced did not happen.
        assert_eq!(
            a("Instead of replying I made tea.", "replying"),
            Err(Rejected::Negated)
        );
        assert_eq!(
            a("Rather than cancel, I went.", "cancel"),
            Err(Rejected::Negated)
        );
        // "I'd rather" is still a wish.
        assert_eq!(
            a("I'd rather cancel than sit through it.", "cancel"),
            Err(Rejected::NotActual)
        );
    }

    #[test]
    fn a_finite_verb_after_and_is_outside_a_modal() {
        let a = |t, n| run(t, n, Subject::Author, Mood::Actual);
        assert!(
            a(
                "Said I'd think about it, five days ago, and still havent replied.",
                "havent replied"
            )
            .is_ok()
        );
        assert_eq!(
            a("I'll think about it and reply tomorrow.", "reply"),
            Err(Rejected::NotActual)
        );
    }

    #[test]
    fn us_takes_in_the_author_after_their_own_i() {
        let done = |text: &str, needle: &str| {
            let (toks, first, after) = span(text, needle);
            let who = check(
                &toks,
                first,
                after,
                Subject::Any,
                Negation::Cancels,
                Mood::Actual,
            )
            .expect("the check passes");
            done_to_author(&toks, first, after, who)
        };
        assert!(!done(
            "I said 'course, all good' and steered us onto the football.",
            "steered us onto"
        ));
        assert!(done("Fish guy ghosted us again.", "ghosted us"));
        assert!(done("Ghosted us again, the landlord.", "Ghosted us"));
        // An adverb opening the clause is no one's name.
        assert!(
            run(
                "I said 'lol' and somehow started a row.",
                "started a row",
                Subject::Author,
                Mood::Actual
            )
            .is_ok()
        );
    }

    #[test]
    fn a_question_someone_asked_is_an_event_for_what_happened_around_me() {
        let any = |t, n| run(t, n, Subject::Any, Mood::Actual);
        assert!(
            any(
                "Martin asked if I'd thought about us getting a place together.",
                "getting a place together"
            )
            .is_ok()
        );
        assert!(
            any(
                "Linda asked would I ever think about her moving in.",
                "moving in"
            )
            .is_ok()
        );
        assert!(
            any(
                "He keeps asking when I'll meet his girls.",
                "meet his girls"
            )
            .is_ok()
        );
        assert!(
            any(
                "He said he'd love me to meet his sister.",
                "meet his sister"
            )
            .is_ok()
        );
        // The author's own question, a deed of the author's asked about, and
        // someone's "would" that is no wish stay hypothetical.
        assert_eq!(
            any("I asked if we could move in together.", "move in together"),
            Err(Rejected::NotActual)
        );
        assert_eq!(
            run(
                "She asked if I'd text him.",
                "text him",
                Subject::Author,
                Mood::Actual
            ),
            Err(Rejected::NotActual)
        );
        assert_eq!(
            any("He'd probably criticise me.", "criticise me"),
            Err(Rejected::NotActual)
        );
    }

    #[test]
    fn who_acts_with_the_author_and_who_is_only_named() {
        let a = |t, n| run(t, n, Subject::Author, Mood::Actual);
        assert!(a("Me and Donna had it out about the money.", "had it out").is_ok());
        assert!(a("Noor and me watched the same film.", "watched").is_ok());
        assert!(
            a(
                "Rang my brother Idris just to chat and asked how they're getting on.",
                "asked how"
            )
            .is_ok()
        );
        assert!(a("Called Uncle Ray just to ask how he's doing.", "ask how").is_ok());
        assert!(
            a(
                "I decided she was lying and was with her ex, checked her location twice, and gave one-word answers.",
                "gave one-word answers"
            )
            .is_ok()
        );
        // Someone else all along.
        assert!(a("My brother Idris just rang.", "rang").is_err());
        assert!(
            a(
                "Callie took two days to get back to me and then just sent 'k'.",
                "sent 'k'"
            )
            .is_err()
        );
        assert!(
            a(
                "Saw Theo was online but hadn't answered me.",
                "hadn't answered me"
            )
            .is_err()
        );
    }

    #[test]
    fn negation_and_mood_end_where_their_clause_does() {
        let a = |t, n| run(t, n, Subject::Author, Mood::Actual);
        let any = |t, n| run(t, n, Subject::Any, Mood::Actual);
        assert!(
            a(
                "Gav's stopped asking me out and I've stopped asking him.",
                "I've stopped asking him"
            )
            .is_ok()
        );
        assert!(
            a(
                "Caught myself monologuing, stopped mid-sentence and asked how her mum was.",
                "asked how"
            )
            .is_ok()
        );
        assert!(
            any(
                "Nan sent me a card for no reason with 'proud of you' in it.",
                "sent me a card"
            )
            .is_ok()
        );
        assert!(
            any(
                "Told her to get off my back when she was having a go about my driving.",
                "having a go"
            )
            .is_ok()
        );
        assert!(
            any(
                "Wanted to scream when she had a go about my driving.",
                "had a go"
            )
            .is_ok()
        );
        // What "stopped" leads into did not happen; a habit of the past
        // is no event.
        assert_eq!(
            a("Stopped replying to her texts.", "replying"),
            Err(Rejected::Negated)
        );
        assert_eq!(
            a(
                "Back when I was drinking I ignored everyone.",
                "ignored everyone"
            ),
            Err(Rejected::NotActual)
        );
    }

    /// Runs the check on the first occurrence of `needle` in `text`.
    /// The tokens of `text` and where `needle` starts and ends among them.
    fn span<'a>(text: &'a str, needle: &str) -> (Vec<Token<'a>>, usize, usize) {
        let toks = tokens(text, 0, text.len());
        let start = text.find(needle).expect("needle in text");
        let end = start + needle.len();
        let first = toks
            .iter()
            .position(|t| t.start >= start)
            .unwrap_or(toks.len());
        let after = toks
            .iter()
            .position(|t| t.start >= end)
            .unwrap_or(toks.len());
        (toks, first, after)
    }

    fn run(text: &str, needle: &str, subject: Subject, mood: Mood) -> Result<Who, Rejected> {
        let (toks, first, after) = span(text, needle);
        check(&toks, first, after, subject, Negation::Cancels, mood)
    }

    #[test]
    fn subject_rules() {
        let a = |t, n| run(t, n, Subject::Author, Mood::Actual);
        // Words quoted with no verb of their own belong to whoever the
        // clause before was about, unless they answer a question asked.
        assert_eq!(
            a(
                "Wiremu's been short with me all week, one-word texts, 'k', 'sure'",
                "'k', 'sure'"
            ),
            Err(Rejected::WrongSubject(Who::Other))
        );
        assert!(
            a(
                "Mum asked about my day, 'fine', 'whatever'",
                "'fine', 'whatever'"
            )
            .is_ok()
        );
        // A main clause after a subordinate one with no comma between:
        // the "I" opens it, and the linked deed is the author's.
        assert!(
            a(
                "The office had me on calls all week, so when Dad rang I let it ring out and texted 'busy'",
                "texted 'busy'"
            )
            .is_ok()
        );
        assert_eq!(
            a(
                "Jo snapped at me, so when she and I got home he texted 'busy'",
                "texted 'busy'"
            ),
            Err(Rejected::WrongSubject(Who::Other))
        );
        // The listener's clause inside "told him ..." is what was said;
        // the deed after it is the teller's.
        assert!(
            a(
                "I told him he sounds exactly like his father, then walked out of the kitchen",
                "walked out"
            )
            .is_ok()
        );
        assert_eq!(
            a(
                "Mum told me she was fine and walked out of the kitchen",
                "walked out"
            ),
            Err(Rejected::WrongSubject(Who::Other))
        );
        // An aside without a verb names no one acting.
        assert!(
            a(
                "I told Jae about it, the whole thing, and tried to be gentle with myself",
                "be gentle"
            )
            .is_ok()
        );
        // Words after "about how" are the content of someone's message,
        // unless the author is the one talking.
        assert_eq!(
            a(
                "My brother sent a whole paragraph about how I never visit Mom anymore",
                "never visit"
            ),
            Err(Rejected::WrongSubject(Who::Other))
        );
        assert!(
            a(
                "I told Sam about how I never visit Mom anymore",
                "never visit"
            )
            .is_ok()
        );
        assert!(
            a(
                "I told my sister about how I never visit Mom anymore",
                "never visit"
            )
            .is_ok()
        );
        // A dummy "it" is nobody: the "I" after "since" in the match acts.
        assert_eq!(
            a(
                "It's been three weeks since I messaged anyone first",
                "weeks since I messaged"
            ),
            Ok(Who::Author)
        );
        assert_eq!(
            a(
                "her boyfriend, who never texts back, says fine",
                "texts back"
            ),
            Err(Rejected::WrongSubject(Who::Other))
        );
        assert_eq!(
            a("I'm the one who always organises everything", "organises"),
            Ok(Who::Author)
        );
        assert_eq!(a("I ignored her text", "ignored"), Ok(Who::Author));
        assert_eq!(
            a(
                "I listed every time he's been late and called him a liar",
                "called him"
            ),
            Ok(Who::Implied)
        );
        assert_eq!(a("Ignored her text again", "Ignored"), Ok(Who::Implied));
        // Someone named through someone else ("Rob's mate"), or a name with a
        // contracted "has", acts; the author does not.
        assert_eq!(
            a("Rob's mate bailed on him last minute", "bailed on"),
            Err(Rejected::WrongSubject(Who::Other))
        );
        assert_eq!(
            a(
                "Maddie's been pulling away lately, takes days to reply and bailed on coffee",
                "bailed on"
            ),
            Err(Rejected::WrongSubject(Who::Other))
        );
        // A possession that is not a person leaves note style alone.
        assert_eq!(
            a("Sam's text sat there and I ignored it", "ignored"),
            Ok(Who::Author)
        );
        assert!(a("Sam ignored my text", "ignored").is_err());
        assert!(a("She ignored my text", "ignored").is_err());
        assert_eq!(a("Sam texted and I ignored it", "ignored"), Ok(Who::Author));
        assert!(a("He texted and ignored me", "ignored").is_err());
        assert_eq!(a("When Sam asked, I snapped", "snapped"), Ok(Who::Author));
    }

    #[test]
    fn names_written_in_lower_case() {
        let a = |t, n| run(t, n, Subject::Author, Mood::Actual);
        let other = Err(Rejected::WrongSubject(Who::Other));
        assert_eq!(a("jas bailed on our cinema plan", "bailed on"), other);
        assert_eq!(a("ok so priya cancelled our coffee", "cancelled"), other);
        assert_eq!(a("dev's been short with me all day", "short with"), other);
        // Note style opens with the verb or a filler: still the author.
        assert_eq!(
            a("left sam on read again", "left sam on read"),
            Ok(Who::Implied)
        );
        assert_eq!(a("kinda ignored her text", "ignored"), Ok(Who::Implied));
        assert_eq!(
            a("lowkey ghosted the group chat", "ghosted"),
            Ok(Who::Implied)
        );
        assert_eq!(
            a("all I gave him was 'fine'", "all I gave"),
            Ok(Who::Author)
        );
    }

    #[test]
    fn negation_and_near_misses() {
        let a = |t, n| run(t, n, Subject::Author, Mood::Actual);
        assert_eq!(a("I almost ignored her", "ignored"), Err(Rejected::Negated));
        assert_eq!(
            a("I didn't snap at him this time", "snap"),
            Err(Rejected::Negated)
        );
        assert_eq!(a("I managed not to snap", "snap"), Err(Rejected::Negated));
        assert_eq!(
            a("I went to snap but didn't", "snap"),
            Err(Rejected::Negated)
        );
        // The urge was stopped; the deed after it stands.
        assert!(
            a(
                "Stopped myself and wrote her a real answer",
                "wrote her a real answer"
            )
            .is_ok()
        );
        assert_eq!(
            a("I stopped myself from texting him", "texting"),
            Err(Rejected::Negated)
        );
        // A set phrase with "no" in it denies nothing.
        assert!(
            a(
                "I texted back no worries and asked if she's alright",
                "asked"
            )
            .is_ok()
        );
        // The author holding back does not undo what someone else did.
        let any = |t, n| run(t, n, Subject::Any, Mood::Any);
        assert_eq!(
            any(
                "wanted to bite her head off when she started in on my weight, but I didn't",
                "started in on"
            ),
            Ok(Who::Other)
        );
        assert_eq!(
            any("she started to shout but didn't", "shout"),
            Err(Rejected::Negated)
        );
        assert_eq!(
            a("I couldn't stop picking at her", "picking"),
            Ok(Who::Author)
        );
        assert_eq!(
            a("I came very close to snapping at Ethan", "snapping"),
            Err(Rejected::Negated)
        );
        assert_eq!(
            a("I sat close to her and snapped", "snapped"),
            Ok(Who::Implied)
        );
    }

    #[test]
    fn deeds_done_to_the_author() {
        let with_subject = |t: &str, needle: &str, who: Who| {
            let toks = tokens(t, 0, t.len());
            let at = t.find(needle).unwrap();
            let first = toks.partition_point(|x| x.end <= at);
            let after = toks.partition_point(|x| x.start < at + needle.len());
            done_to_author(&toks, first, after, who)
        };
        let done = |t: &str, needle: &str| with_subject(t, needle, Who::Other);
        assert!(done("bestie left ME on read", "left ME on read"));
        assert!(done("gabe bailed on me again", "bailed on"));
        assert!(done("jo snapped at me about the dishes", "snapped at"));
        assert!(done("she cancelled on me", "cancelled on me"));
        assert!(done("ama cancelled on me again", "cancelled on me again"));
        assert!(done("nils stonewalled me for days", "stonewalled"));
        assert!(!done("left Sam on read", "left Sam on read"));
        assert!(!done("I snapped at him", "snapped at"));
        // "us" is done to the author unless the author is the written subject.
        let steered = "I steered us onto the football";
        assert!(!with_subject(steered, "steered us onto", Who::Author));
        assert!(with_subject(steered, "steered us onto", Who::Other));
        assert!(with_subject(
            "I said he stonewalled me",
            "stonewalled me",
            Who::Author
        ));
        assert!(!done("let me cry on her shoulder", "let me cry on"));
        assert!(!done(
            "waiting for people to text me first",
            "waiting for people to text me"
        ));
    }

    #[test]
    fn mood_rules() {
        let a = |t, n| run(t, n, Subject::Author, Mood::Actual);
        // A proposal voiced a clause back is still voiced; "should have"
        // is a regret, not a proposal.
        assert!(
            a(
                "Told her it's getting a bit heavy and we should keep it easy for now",
                "keep it easy"
            )
            .is_ok()
        );
        assert_eq!(
            a(
                "Told her about the weekend and we should have kept it easy",
                "kept it easy"
            ),
            Err(Rejected::NotActual)
        );
        // "shoulder" is no "should".
        assert!(
            a(
                "shrugged her hand off my shoulder and kept saying nothing was wrong",
                "nothing was wrong"
            )
            .is_ok()
        );
        assert_eq!(
            a("I should've said nothing was wrong", "nothing was wrong"),
            Err(Rejected::NotActual)
        );
        // The author's own question about someone's wish names no wish.
        let other = |t, n| run(t, n, Subject::Other, Mood::Actual);
        assert_eq!(
            other(
                "Finn left me on read after I asked if he wanted to grab dinner",
                "wanted to grab dinner"
            ),
            Err(Rejected::NotActual)
        );
        // A plan told to oneself did not happen, even before a verb that
        // looks like a participle ("I'd let" is usually "I had let").
        assert_eq!(
            a(
                "told myself I'd let Mom's call go to voicemail, but I picked up",
                "let Mom's call go to voicemail"
            ),
            Err(Rejected::NotActual)
        );
        assert!(
            a(
                "I'd let her call go to voicemail twice by then",
                "let her call"
            )
            .is_ok()
        );
        // Someone else's wish before the author's own clause is not its mood.
        assert!(
            a(
                "Thiago wanted to curl up and I said I was too warm and moved to the armchair",
                "moved to"
            )
            .is_ok()
        );
        assert!(
            a(
                "when he got home and wanted to hug me I pushed him away",
                "pushed him away"
            )
            .is_ok()
        );
        // ... but the author's own modal still is, and so is one before an "I"
        // that only opens reported words.
        assert_eq!(
            a(
                "I'll probably tell them I can't get the time off",
                "can't get"
            ),
            Err(Rejected::NotActual)
        );
        assert_eq!(
            a(
                "part of me wanted to say I'm tired and go to bed",
                "go to bed"
            ),
            Err(Rejected::NotActual)
        );
        assert_eq!(
            a("I might cancel tomorrow", "cancel"),
            Err(Rejected::NotActual)
        );
        assert_eq!(a("I'm going to cancel", "cancel"), Err(Rejected::NotActual));
        assert_eq!(
            a("I used to ghost people", "ghost"),
            Err(Rejected::NotActual)
        );
        assert_eq!(
            a("If she texts I'll ignore it", "ignore"),
            Err(Rejected::NotActual)
        );
        assert_eq!(
            a("I'd pick fights with her", "pick"),
            Err(Rejected::NotActual)
        );
        assert_eq!(a("I'd stopped answering", "stopped"), Ok(Who::Author));
        // A modal takes a bare verb: a past-tense deed linked after its
        // clause happened. A modal perfect or copula still carries over.
        assert!(a("I said I'd have a think and changed the subject", "changed").is_ok());
        assert!(a("by eight I'd hit a wall and muted every chat", "muted").is_ok());
        assert!(a("I was going to call her, then cancelled", "cancelled").is_ok());
        assert_eq!(
            a("I'd hit a wall and mute every chat", "mute"),
            Err(Rejected::NotActual)
        );
        assert_eq!(
            a("I would have called and apologised", "apologised"),
            Err(Rejected::NotActual)
        );
        assert_eq!(
            a("I'd be tired and distracted", "distracted"),
            Err(Rejected::NotActual)
        );
        assert_eq!(
            a("I would've called and apologised", "apologised"),
            Err(Rejected::NotActual)
        );
        // A deed after the condition's comma happened; the condition and a
        // modal main clause are still hypothetical.
        assert!(a("If I'm honest, I ignored her texts all week", "ignored").is_ok());
        assert_eq!(
            a("If she texts, I'll ignore it", "ignore"),
            Err(Rejected::NotActual)
        );
        assert_eq!(
            a("If I ring her and cancel again she'll be furious", "cancel"),
            Err(Rejected::NotActual)
        );
        // A preference the author voiced declines; one only thought is a wish.
        assert!(a("I said I'd rather not put labels on it", "not put labels").is_ok());
        assert_eq!(
            a("I'd rather keep it light", "keep it light"),
            Err(Rejected::NotActual)
        );
        assert_eq!(
            a("I thought I'd rather keep it light", "keep it light"),
            Err(Rejected::NotActual)
        );
        assert!(a("Wanted to hole up, but rang my brother instead", "rang").is_ok());
        assert!(
            a(
                "Texted Jess, just 'thinking of you, how's the new job treating you?'",
                "how's the new job"
            )
            .is_ok()
        );
        assert_eq!(
            a("I was thinking of texting Jess", "texting"),
            Err(Rejected::NotActual)
        );
        // A proposal the author voiced is said, not planned.
        assert!(
            a(
                "then told Gabe maybe we should slow down, maybe see other people",
                "see other people"
            )
            .is_ok()
        );
        assert!(
            a(
                "Told Ethan we should probably see other people",
                "see other people"
            )
            .is_ok()
        );
        assert_eq!(
            a("I think we should see other people", "see other people"),
            Err(Rejected::NotActual)
        );
        assert_eq!(
            a("I wanted so badly to leave it on read", "leave"),
            Err(Rejected::NotActual)
        );
        assert_eq!(
            a(
                "I wanted so much to say something nasty",
                "say something nasty"
            ),
            Err(Rejected::NotActual)
        );
        // A modal inside a subordinate clause is not the main clause's mood,
        // comma or no comma; the author's own modal still is.
        assert_eq!(
            a("before anyone else could speak I walked out", "walked"),
            Ok(Who::Author)
        );
        assert_eq!(
            a("when he wanted to talk I would leave the room", "leave"),
            Err(Rejected::NotActual)
        );
        // A list of deeds after someone's question is not in its mood; a list
        // after the author's own "I'll" is.
        assert_eq!(
            a(
                "Dan asked if I wanted to come round, made up an excuse and muted him",
                "muted"
            ),
            Ok(Who::Implied)
        );
        assert_eq!(
            a(
                "Sure I'll ruin it, lose the rings, say something awful",
                "lose"
            ),
            Err(Rejected::NotActual)
        );
        assert_eq!(
            a(
                "we should stop seeing each other, then let her calls ring out",
                "let"
            ),
            Ok(Who::Implied)
        );
        assert_eq!(a("I keep leaving it on read", "leaving"), Ok(Who::Author));
        assert_eq!(
            a("Thinking about cancelling", "cancelling"),
            Err(Rejected::NotActual)
        );
        assert_eq!(
            run("I might die", "die", Subject::Author, Mood::Any),
            Ok(Who::Author)
        );
    }
}
