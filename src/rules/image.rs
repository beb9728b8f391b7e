//! The engine's tables as plain data: the rules without their patterns,
//! every pattern with its anchor words replaced by numbers into one shared
//! list, and the version all of it makes.
//!
//! For the built-in rules this is generated ahead of time as Rust statics
//! (`compiled.rs`, written by [`render`]), so a one-shot `closer add` starts
//! with the engine's tables already in its binary: nothing is parsed, no
//! word is copied or hashed to find its number. User rule files take the
//! longer way: the built-in image is turned back into [`RuleSpec`]s, merged
//! with the user's, and numbered again by [`Image::from_specs`].

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;

use super::Family;
use super::parse::{Mood, Negation, Pattern, RuleSpec, Scope, Subject};

/// Ends each group of [`PatternImage::also`].
pub const GROUP_END: u32 = u32::MAX;

/// Everything the engine needs to run a set of rules.
#[derive(Debug, Clone)]
pub struct Image<'a> {
    /// The engine version these rules make (see `Engine::version`).
    pub version: Cow<'a, str>,
    /// Every anchor word of every pattern, once, lower case, in byte order;
    /// a trailing `*` marks a stem (it may be followed by more letters).
    pub anchors: Cow<'a, [Cow<'a, str>]>,
    /// The rules, in load order, each with its patterns left out.
    pub rules: Vec<RuleSpec>,
    /// Every pattern of every rule, in rule order.
    pub patterns: Cow<'a, [PatternImage<'a>]>,
    /// The words of every rule's `requires` and `unless` phrases, rule by
    /// rule, each rule's `requires` then its `unless` in order.
    pub checks: Cow<'a, [CheckImage<'a>]>,
}

/// The anchor words of a `requires` or `unless` phrase: one of them is in
/// every match, so a sentence holding none of them needs no search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckImage<'a> {
    /// Index into [`Image::rules`].
    pub rule: u32,
    /// `None` when the phrase fixes no word (it is then always searched).
    pub anchors: Option<Cow<'a, [u32]>>,
    /// Words one of which every match starts with, when the phrase fixes
    /// them: the check is then tried at those words only.
    pub leading: Option<Cow<'a, [u32]>>,
}

/// A check of the generated image.
pub const fn check(
    rule: u32,
    anchors: Option<&'static [u32]>,
    leading: Option<&'static [u32]>,
) -> CheckImage<'static> {
    CheckImage {
        rule,
        anchors: match anchors {
            Some(a) => Some(Cow::Borrowed(a)),
            None => None,
        },
        leading: match leading {
            Some(l) => Some(Cow::Borrowed(l)),
            None => None,
        },
    }
}

/// The anchors and leading words of a `requires` or `unless` phrase, as the
/// parser finds them for a pattern (none if it cannot be parsed, which the
/// rule file's checks have already reported).
fn check_words(phrase: &str) -> (Option<Vec<String>>, Option<Vec<String>>) {
    match super::parse::compile_phrase_anchored(phrase) {
        Ok(p) => (p.anchors, p.leading),
        Err(_) => (None, None),
    }
}

/// One pattern, its words numbered into [`Image::anchors`] in the order the
/// rule's [`Pattern`] lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternImage<'a> {
    /// Index into [`Image::rules`].
    pub rule: u32,
    /// The regex source; empty for a phrase, whose regex is made again from
    /// the phrase on the rare occasion it is needed.
    pub src: Cow<'a, str>,
    pub anchors: Option<Cow<'a, [u32]>>,
    /// [`Pattern::also`]'s groups, each followed by [`GROUP_END`].
    pub also: Cow<'a, [u32]>,
    pub leading: Option<Cow<'a, [u32]>>,
    pub phrase: Option<Cow<'a, str>>,
}

/// The groups of a flattened [`PatternImage::also`].
pub fn groups(also: &[u32]) -> impl Iterator<Item = &[u32]> {
    also.split(|&a| a == GROUP_END).filter(|g| !g.is_empty())
}

/// A pattern of the generated image.
pub const fn pattern(
    rule: u32,
    src: &'static str,
    anchors: Option<&'static [u32]>,
    also: &'static [u32],
    leading: Option<&'static [u32]>,
    phrase: Option<&'static str>,
) -> PatternImage<'static> {
    PatternImage {
        rule,
        src: Cow::Borrowed(src),
        anchors: match anchors {
            Some(a) => Some(Cow::Borrowed(a)),
            None => None,
        },
        also: Cow::Borrowed(also),
        leading: match leading {
            Some(l) => Some(Cow::Borrowed(l)),
            None => None,
        },
        phrase: match phrase {
            Some(p) => Some(Cow::Borrowed(p)),
            None => None,
        },
    }
}

/// A rule of the generated image, its patterns left out.
#[allow(clippy::too_many_arguments)]
pub fn rule(
    id: &str,
    family: Family,
    label: &str,
    (subject, negation, mood): (Subject, Negation, Mood),
    requires: &[&str],
    unless: &[&str],
    within: Scope,
    with_label: &[(Family, &str)],
    without_label: &[(Family, &str)],
    without_label_in_sentence: &[(Family, &str)],
    origin: &str,
) -> RuleSpec {
    let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
    let labels = |list: &[(Family, &str)]| list.iter().map(|(f, l)| (*f, l.to_string())).collect();
    RuleSpec {
        id: id.to_string(),
        family,
        label: label.to_string(),
        patterns: Vec::new(),
        subject,
        negation,
        mood,
        requires: strings(requires),
        unless: strings(unless),
        within,
        with_label: labels(with_label),
        without_label: labels(without_label),
        without_label_in_sentence: labels(without_label_in_sentence),
        origin: origin.to_string(),
    }
}

impl Image<'static> {
    /// Numbers the anchors of `specs` and takes their patterns out.
    pub fn from_specs(specs: Vec<RuleSpec>) -> Image<'static> {
        let version = super::matcher::version_of(&specs);
        // Numbered in the order of their bytes (a stem after the whole
        // word), which is the order the engine's anchor index keeps them
        // in: it then has nothing to sort.
        // (rule, anchors, leading words) of every check.
        type CheckWords = (u32, Option<Vec<String>>, Option<Vec<String>>);
        let check_words: Vec<CheckWords> = specs
            .iter()
            .enumerate()
            .flat_map(|(ri, s)| {
                s.requires.iter().chain(&s.unless).map(move |p| {
                    let (anchors, leading) = check_words(p);
                    (ri as u32, anchors, leading)
                })
            })
            .collect();
        let mut all: Vec<&String> = Vec::new();
        for p in specs.iter().flat_map(|s| &s.patterns) {
            all.extend(p.anchors.iter().flatten());
            all.extend(p.also.iter().flatten());
            all.extend(p.leading.iter().flatten());
        }
        for (_, anchors, leading) in &check_words {
            all.extend(anchors.iter().flatten());
            all.extend(leading.iter().flatten());
        }
        all.sort_unstable_by(|a, b| {
            (a.trim_end_matches('*'), a.as_str()).cmp(&(b.trim_end_matches('*'), b.as_str()))
        });
        all.dedup();
        let index: HashMap<String, u32> = all
            .iter()
            .enumerate()
            .map(|(id, w)| (w.to_string(), id as u32))
            .collect();
        let anchors: Vec<Cow<'static, str>> =
            all.iter().map(|w| Cow::Owned(w.to_string())).collect();
        let number = |word: &String| index.get(word.as_str()).copied().unwrap_or(GROUP_END);
        let numbers = |words: &Vec<String>| -> Cow<'static, [u32]> {
            Cow::Owned(words.iter().map(number).collect())
        };
        let sorted_numbers = |w: &Vec<String>| -> Cow<'static, [u32]> {
            let mut ids = numbers(w).into_owned();
            ids.sort_unstable();
            ids.dedup();
            Cow::Owned(ids)
        };
        let checks: Vec<CheckImage<'static>> = check_words
            .iter()
            .map(|(rule, anchors, leading)| CheckImage {
                rule: *rule,
                anchors: anchors.as_ref().map(sorted_numbers),
                leading: leading.as_ref().map(sorted_numbers),
            })
            .collect();
        let mut rules = Vec::with_capacity(specs.len());
        let mut patterns = Vec::new();
        for (ri, mut spec) in specs.into_iter().enumerate() {
            for p in std::mem::take(&mut spec.patterns) {
                let mut also = Vec::new();
                for group in &p.also {
                    also.extend(group.iter().map(number));
                    also.push(GROUP_END);
                }
                patterns.push(PatternImage {
                    rule: ri as u32,
                    src: Cow::Owned(p.src),
                    anchors: p.anchors.as_ref().map(numbers),
                    also: Cow::Owned(also),
                    leading: p.leading.as_ref().map(numbers),
                    phrase: p.phrase.map(Cow::Owned),
                });
            }
            rules.push(spec);
        }
        Image {
            version: Cow::Owned(version),
            anchors: Cow::Owned(anchors),
            rules,
            patterns: Cow::Owned(patterns),
            checks: Cow::Owned(checks),
        }
    }
}

impl Image<'_> {
    /// The rules with their patterns back in place: what
    /// [`Image::from_specs`] was given.
    pub fn specs(&self) -> Vec<RuleSpec> {
        let word = |id: &u32| {
            self.anchors
                .get(*id as usize)
                .map_or_else(String::new, |t| t.to_string())
        };
        let words = |ids: &Cow<'_, [u32]>| ids.iter().map(word).collect::<Vec<_>>();
        let mut rules = self.rules.clone();
        for p in self.patterns.iter() {
            let Some(rule) = rules.get_mut(p.rule as usize) else {
                continue;
            };
            rule.patterns.push(Pattern {
                src: p.src.to_string(),
                anchors: p.anchors.as_ref().map(words),
                also: groups(&p.also)
                    .map(|g| g.iter().map(word).collect())
                    .collect(),
                leading: p.leading.as_ref().map(words),
                phrase: p.phrase.as_ref().map(|t| t.to_string()),
            });
        }
        rules
    }
}

/// The Rust source of `compiled.rs` for `image`, stamped with `sources`.
pub fn render(image: &Image<'_>, sources: &str) -> String {
    let mut out = String::new();
    let ids = |list: &[u32]| {
        let inner: Vec<String> = list
            .iter()
            .map(|&a| {
                if a == GROUP_END {
                    "E".to_string()
                } else {
                    a.to_string()
                }
            })
            .collect();
        format!("&[{}]", inner.join(", "))
    };
    let some = |v: Option<String>| v.map_or_else(|| "None".to_string(), |s| format!("Some({s})"));
    let strs = |list: &[String]| {
        let inner: Vec<String> = list.iter().map(|s| format!("{s:?}")).collect();
        format!("&[{}]", inner.join(", "))
    };
    let labels = |list: &[(Family, String)]| {
        let inner: Vec<String> = list
            .iter()
            .map(|(f, l)| format!("(Family::{f:?}, {l:?})"))
            .collect();
        format!("&[{}]", inner.join(", "))
    };
    out.push_str(
        "//! The built-in rules as the engine's image (see `image.rs`).\n\
         //!\n\
         //! @generated from `rules/*.toml` by the test\n\
         //! `precompiled_rules_match_the_sources`: do not edit.\n\n\
         use std::borrow::Cow::{self, Borrowed as B};\n\n\
         use super::Family;\n\
         use super::image::{\n    CheckImage, GROUP_END as E, PatternImage, check as c, pattern as p, rule,\n};\n\
         use super::parse::{Mood, Negation, RuleSpec, Scope, Subject};\n\n",
    );
    let _ = writeln!(out, "pub const SOURCES: &str = {sources:?};");
    let _ = writeln!(out, "pub const VERSION: &str = {:?};\n", image.version);
    out.push_str("pub static ANCHORS: &[Cow<'static, str>] = &[\n");
    for a in image.anchors.iter() {
        let _ = writeln!(out, "    B({a:?}),");
    }
    out.push_str("];\n\npub static PATTERNS: &[PatternImage<'static>] = &[\n");
    for pat in image.patterns.iter() {
        let _ = writeln!(
            out,
            "    p({}, {:?}, {}, {}, {}, {}),",
            pat.rule,
            pat.src,
            some(pat.anchors.as_deref().map(ids)),
            ids(&pat.also),
            some(pat.leading.as_deref().map(ids)),
            some(pat.phrase.as_ref().map(|s| format!("{s:?}"))),
        );
    }
    out.push_str("];\n\npub static CHECKS: &[CheckImage<'static>] = &[\n");
    for c in image.checks.iter() {
        let _ = writeln!(
            out,
            "    c({}, {}, {}),",
            c.rule,
            some(c.anchors.as_deref().map(ids)),
            some(c.leading.as_deref().map(ids))
        );
    }
    out.push_str("];\n\npub fn rules() -> Vec<RuleSpec> {\n    vec![\n");
    for r in &image.rules {
        let _ = writeln!(
            out,
            "        rule({:?}, Family::{:?}, {:?}, (Subject::{:?}, Negation::{:?}, Mood::{:?}), {}, {}, Scope::{:?}, {}, {}, {}, {:?}),",
            r.id,
            r.family,
            r.label,
            r.subject,
            r.negation,
            r.mood,
            strs(&r.requires),
            strs(&r.unless),
            r.within,
            labels(&r.with_label),
            labels(&r.without_label),
            labels(&r.without_label_in_sentence),
            r.origin,
        );
    }
    out.push_str("    ]\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_gives_back_the_specs_it_was_made_from() {
        let (specs, _) = super::super::builtin::parse_sources();
        let image = Image::from_specs(specs.clone());
        assert!(image.rules.iter().all(|r| r.patterns.is_empty()));
        assert_eq!(image.specs(), specs);
        // Numbered once each, in the order of their bytes.
        let words: Vec<(&str, &str)> = image
            .anchors
            .iter()
            .map(|t| (t.trim_end_matches('*'), t.as_ref()))
            .collect();
        assert!(words.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn also_groups_survive_flattening() {
        assert_eq!(
            groups(&[1, 2, GROUP_END, 3, GROUP_END]).collect::<Vec<_>>(),
            vec![&[1, 2][..], &[3][..]]
        );
        assert_eq!(groups(&[]).count(), 0);
    }
}
