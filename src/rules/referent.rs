//! Who a detection is about when its own words name nobody.
//!
//! A detection's people are those named in its sentence. That reads well
//! when the name is there ("left Sam on read"), and badly when the sentence
//! goes on with a pronoun: in "Sam asked about Friday. Left him on read and
//! told Mia I was busy", the first sign is about Sam, not Mia. Repairs, the
//! review's "with whom" and `explain` all show these people, so a wrong one
//! would prompt the user to follow up with the wrong person.
//!
//! So, for a detection whose evidence names nobody:
//! - a pronoun in it (him, her, he, she, them) points back to the person
//!   named most recently before it in the sentence, or else in one of the
//!   two sentences before; "her" passes over a Dad or an uncle for someone
//!   whose word does not say, and "them" takes everyone named there;
//! - a sign or step in a sentence that names nobody at all ("Mum rang.
//!   Let it ring out.") is about the people of the sentence just before.
//!
//! Anything else keeps its sentence's people. Pure: text in, people out.

use super::text::{self, Token};
use super::{Detection, Family};

/// How many sentences back a pronoun may reach for its person.
const PRONOUN_REACH: usize = 2;

#[derive(Clone, Copy, PartialEq)]
enum Pronoun {
    He,
    She,
    Many,
}

fn pronoun(t: &Token) -> Option<Pronoun> {
    match t.norm.as_ref() {
        "him" | "he" | "he's" | "he'd" | "he'll" => Some(Pronoun::He),
        "her" | "she" | "she's" | "she'd" | "she'll" => Some(Pronoun::She),
        "them" | "'em" => Some(Pronoun::Many),
        _ => None,
    }
}

/// The family words among the people [`text::people`] finds say who they
/// are: "her" is not Dad. Names say nothing.
fn gender(person: &str) -> Option<Pronoun> {
    let w = person.to_lowercase();
    if text::is_kin_she(&w) {
        Some(Pronoun::She)
    } else if text::is_kin_he(&w) {
        Some(Pronoun::He)
    } else {
        None
    }
}

/// Steps taken for oneself have no one to follow up with.
fn toward_someone(d: &Detection) -> bool {
    match d.family {
        Family::Sign => true,
        Family::Step => !matches!(d.label.as_str(), "self-compassion" | "therapy"),
        _ => false,
    }
}

/// How far back from a pronoun the search for its person goes, in
/// mentions: enough for any sentence people write, and it keeps a 1 MB
/// entry with no full stop linear.
const MENTIONS_BACK: usize = 64;

/// One sentence, tokenised once, with where its people are named.
struct Sentence<'t> {
    toks: Vec<Token<'t>>,
    mentions: Vec<(usize, String)>,
}

/// Corrects the people of each detection in `dets` whose evidence names
/// nobody (see the module doc). `text` is the entry with mentions undone,
/// `original` as written; their offsets agree, as in the matcher.
pub fn attribute<'t>(
    original: &str,
    text: &'t str,
    sentences: &[(usize, usize)],
    known: &[String],
    dets: &mut [Detection],
) {
    let mut cache: Vec<Option<Sentence<'t>>> = Vec::new();
    cache.resize_with(sentences.len(), || None);
    // Fills the cache for sentence `k` and gives `k` back, so that the
    // borrow of one cached sentence never outlives the filling of another.
    let read = |k: usize, cache: &mut Vec<Option<Sentence<'t>>>| -> usize {
        if cache[k].is_none() {
            let (s, e) = sentences[k];
            let toks = text::tokens(text, s, e);
            let mentions = text::person_mentions(original, &toks, known);
            cache[k] = Some(Sentence { toks, mentions });
        }
        k
    };
    for d in dets.iter_mut() {
        let si = sentences.partition_point(|&(_, e)| e <= d.start);
        let Some(&(_, e)) = sentences.get(si) else {
            continue;
        };
        if d.end > e {
            continue;
        }
        read(si, &mut cache);
        let Some(here) = cache[si].as_ref() else {
            continue;
        };
        let first = here.toks.partition_point(|t| t.end <= d.start);
        let after = here.toks.partition_point(|t| t.start < d.end);
        let named_before = here.mentions.partition_point(|m| m.0 < first);
        let named_through = here.mentions.partition_point(|m| m.0 < after);
        if named_through > named_before {
            // The evidence names someone itself.
            continue;
        }
        let found = here.toks[first..after].iter().find_map(pronoun);
        let people = match found {
            Some(kind) if named_before > 0 => pick(&here.mentions[..named_before], kind),
            Some(kind) => (1..=PRONOUN_REACH.min(si)).find_map(|back| {
                let k = read(si - back, &mut cache);
                let mentions = &cache[k].as_ref()?.mentions;
                pick(mentions, kind)
            }),
            None if toward_someone(d) && d.people.is_empty() && si > 0 => {
                let k = read(si - 1, &mut cache);
                cache[k]
                    .as_ref()
                    .map(|p| distinct(&p.mentions, MENTIONS_BACK))
                    .filter(|p| !p.is_empty())
            }
            None => None,
        };
        if let Some(people) = people {
            d.people = people;
        }
    }
}

/// The names in `mentions`, each once, in order, looking back no further
/// than `back` mentions from the end.
fn distinct(mentions: &[(usize, String)], back: usize) -> Vec<String> {
    let from = mentions.len().saturating_sub(back);
    let mut out: Vec<String> = Vec::new();
    for (_, name) in &mentions[from..] {
        if !out.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            out.push(name.clone());
        }
    }
    out
}

/// "them" may be all of them; "her" is the last one named who is a she,
/// else the last whose word does not say.
fn pick(mentions: &[(usize, String)], kind: Pronoun) -> Option<Vec<String>> {
    if mentions.is_empty() {
        return None;
    }
    if kind == Pronoun::Many {
        return Some(distinct(mentions, MENTIONS_BACK));
    }
    let recent = &mentions[mentions.len().saturating_sub(MENTIONS_BACK)..];
    let last = |fits: &dyn Fn(Option<Pronoun>) -> bool| {
        recent
            .iter()
            .rev()
            .find(|(_, p)| fits(gender(p)))
            .map(|(_, p)| p.clone())
    };
    last(&|g| g == Some(kind))
        .or_else(|| last(&|g| g.is_none()))
        .map(|p| vec![p])
}

#[cfg(test)]
mod tests {
    use crate::rules::Engine;

    fn people_of(text: &str, label: &str) -> Vec<String> {
        let engine = Engine::builtin();
        let d = engine.detect(text);
        d.iter()
            .find(|d| d.label == label)
            .unwrap_or_else(|| panic!("no {label} in {text:?}: {d:?}"))
            .people
            .clone()
    }

    #[test]
    fn a_pronoun_points_back_to_the_sentence_before() {
        let t = "Sam texted asking about dinner on Friday. Left him on read and told Mia I was busy with work.";
        assert_eq!(people_of(t, "ignored-contact"), ["Sam"]);
        // The name in the evidence still counts.
        assert_eq!(people_of(t, "cancelled-plans"), ["Mia"]);
    }

    #[test]
    fn a_pronoun_after_a_name_in_its_sentence_is_that_person() {
        let t = "Jo asked me to the pub with Priya and I told her I was busy.";
        assert_eq!(people_of(t, "cancelled-plans"), ["Priya"]);
    }

    #[test]
    fn a_sign_in_a_sentence_naming_nobody_is_about_the_last_one_named() {
        let t = "Mum called about Sunday lunch. Let it ring out.";
        assert_eq!(people_of(t, "ignored-contact"), ["Mum"]);
    }

    #[test]
    fn names_in_the_sentence_are_kept_when_no_pronoun_points_elsewhere() {
        let t = "Left Sam on read and then told Jo I was fine.";
        assert_eq!(people_of(t, "ignored-contact"), ["Sam", "Jo"]);
    }

    #[test]
    fn no_one_named_anywhere_stays_no_one() {
        let t = "Long day. Left him on read.";
        assert!(people_of(t, "ignored-contact").is_empty());
    }

    #[test]
    fn her_is_not_dad() {
        let t = "Mum and Dad invited us for Sunday lunch. Told her I had a work thing.";
        assert_eq!(people_of(t, "cancelled-plans"), ["Mum"]);
        let t = "Grandad and Nana came round. Ignored her texts about it all week.";
        assert_eq!(people_of(t, "ignored-contact"), ["Nana"]);
    }

    #[test]
    fn a_step_for_oneself_takes_no_one_from_before() {
        let t = "Priya cancelled on me again. Reminded myself I'm allowed to be tired.";
        assert!(people_of(t, "self-compassion").is_empty());
    }

    #[test]
    fn them_is_everyone_named_before() {
        let t = "Mum and Dad rang twice. Ignored them both.";
        assert_eq!(people_of(t, "ignored-contact"), ["Mum", "Dad"]);
    }
}
