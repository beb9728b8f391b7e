//! The rule engine: journal text in, detections out. Pure: no I/O, no database.
//!
//! This module owns the public face of the engine: the [`Family`] of a label,
//! a single [`Detection`] with its evidence span, and the per-entry summary
//! ([`EntryDetections`]) that `closer detect` prints and the store keeps. The
//! work is split across submodules:
//!
//! - [`builtin`]: the built-in rule files and their precompiled form.
//! - [`catalog`]: the identifiers of the four catalog families plus `safety`,
//!   with names, descriptions and "what can help" lines (data in
//!   `rules/catalog.toml`).
//! - [`parse`]: the rule-file schema, the phrase mini-language and the errors a
//!   user rule file can produce.
//! - [`text`]: sentences, clauses, tokens and people named in a sentence.
//! - [`context`]: the labelling rules (who is the subject, negation,
//!   hypotheticals) applied to one match.
//! - [`matcher`]: the [`Engine`], which runs one fast prefilter over the text
//!   and the costly context checks only where something matched.
//! - [`referent`]: who a detection is about when its evidence names
//!   nobody ("Left him on read" after "Sam texted").
//! - [`eval`]: precision/recall against labelled entries.
//! - [`learned`] and [`second_opinion`]: the learned model built into the
//!   binary, and how the engine uses it after the rules to drop a label it
//!   finds very unlikely and add one it is sure of.
//!
//! Nothing here reads files: built-in rules are compiled in with
//! `include_str!`, and the caller hands user rule files over as strings.

pub mod anchors;
pub mod builtin;
pub mod catalog;
#[rustfmt::skip]
mod compiled;
pub mod context;
pub mod eval;
pub mod image;
pub mod learned;
pub mod matcher;
pub mod parse;
pub mod phrase;
pub mod referent;
pub mod second_opinion;
pub mod text;

use serde::{Deserialize, Serialize};

pub use builtin::BUILTIN_FILES;
pub use catalog::{Catalog, CatalogEntry};
pub use eval::{EvalReport, LabelledEntry, evaluate, parse_jsonl, render_report};
pub use matcher::{AUTHOR_NOT_WANTED, Engine, PrefilterInfo, Trace};
pub use parse::RuleFileError;

/// The five families a label belongs to. The first four are the catalog's
/// (`spec/catalog.md`); `Safety` sits outside it and is never scored against
/// the corpora.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Family {
    #[serde(rename = "signs")]
    Sign,
    #[serde(rename = "triggers")]
    Trigger,
    #[serde(rename = "thoughts")]
    Thought,
    #[serde(rename = "steps")]
    Step,
    #[serde(rename = "safety")]
    Safety,
}

impl Family {
    /// Every family, in the order the output lists them.
    pub const ALL: [Family; 5] = [
        Family::Sign,
        Family::Trigger,
        Family::Thought,
        Family::Step,
        Family::Safety,
    ];

    /// The plural key used in the corpus, JSON output and rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Sign => "signs",
            Family::Trigger => "triggers",
            Family::Thought => "thoughts",
            Family::Step => "steps",
            Family::Safety => "safety",
        }
    }

    /// The singular name, for prose ("a sign", "a trigger").
    pub fn singular(self) -> &'static str {
        match self {
            Family::Sign => "sign",
            Family::Trigger => "trigger",
            Family::Thought => "thought",
            Family::Step => "step",
            Family::Safety => "safety",
        }
    }

    /// Accepts the plural key or the singular name.
    pub fn parse(s: &str) -> Option<Family> {
        Family::ALL
            .into_iter()
            .find(|f| f.as_str() == s || f.singular() == s)
    }
}

impl std::fmt::Display for Family {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One rule firing on one span of the entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detection {
    pub family: Family,
    /// The catalog identifier, e.g. `ignored-contact`.
    pub label: String,
    /// The id of the rule that fired, e.g. `ignored-contact/left-on-read`.
    pub rule: String,
    /// Byte offsets into the input, always on char boundaries.
    pub start: usize,
    pub end: usize,
    /// `&text[start..end]`.
    pub evidence: String,
    /// People named in the same sentence, in order of appearance; when the
    /// evidence names no one but points back ("left him on read" after "Sam
    /// texted"), the person it points to (see [`referent`]).
    pub people: Vec<String>,
}

/// A further span for a label already reported with its first span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub rule: String,
    pub start: usize,
    pub end: usize,
    pub evidence: String,
}

/// One label of an entry: the first span as evidence, any others in `spans`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelDetection {
    pub id: String,
    pub rule: String,
    pub start: usize,
    pub end: usize,
    pub evidence: String,
    pub people: Vec<String>,
    #[serde(default)]
    pub spans: Vec<Span>,
}

/// The detections of one entry, grouped by family, each label at most once.
/// This is the shape `closer detect` prints (the CLI adds the entry id).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryDetections {
    pub signs: Vec<LabelDetection>,
    pub triggers: Vec<LabelDetection>,
    pub thoughts: Vec<LabelDetection>,
    pub steps: Vec<LabelDetection>,
    pub safety: Vec<LabelDetection>,
}

impl EntryDetections {
    pub fn family(&self, family: Family) -> &[LabelDetection] {
        match family {
            Family::Sign => &self.signs,
            Family::Trigger => &self.triggers,
            Family::Thought => &self.thoughts,
            Family::Step => &self.steps,
            Family::Safety => &self.safety,
        }
    }

    fn family_mut(&mut self, family: Family) -> &mut Vec<LabelDetection> {
        match family {
            Family::Sign => &mut self.signs,
            Family::Trigger => &mut self.triggers,
            Family::Thought => &mut self.thoughts,
            Family::Step => &mut self.steps,
            Family::Safety => &mut self.safety,
        }
    }

    /// The label ids of one family, in order of first evidence.
    pub fn labels(&self, family: Family) -> Vec<&str> {
        self.family(family).iter().map(|d| d.id.as_str()).collect()
    }

    pub fn is_empty(&self) -> bool {
        Family::ALL.iter().all(|f| self.family(*f).is_empty())
    }
}

/// Groups detections per family and label. The earliest span is the evidence;
/// later spans of the same label go to `spans`, and the people of all spans
/// are merged so a label remembers everyone it was about.
pub fn summarize(dets: &[Detection]) -> EntryDetections {
    let mut sorted: Vec<&Detection> = dets.iter().collect();
    sorted.sort_by_key(|d| (d.start, d.end));
    let mut out = EntryDetections::default();
    for d in sorted {
        let list = out.family_mut(d.family);
        if let Some(existing) = list.iter_mut().find(|l| l.id == d.label) {
            existing.spans.push(Span {
                rule: d.rule.clone(),
                start: d.start,
                end: d.end,
                evidence: d.evidence.clone(),
            });
            for p in &d.people {
                if !existing.people.contains(p) {
                    existing.people.push(p.clone());
                }
            }
        } else {
            list.push(LabelDetection {
                id: d.label.clone(),
                rule: d.rule.clone(),
                start: d.start,
                end: d.end,
                evidence: d.evidence.clone(),
                people: d.people.clone(),
                spans: Vec::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn det(family: Family, label: &str, start: usize, people: &[&str]) -> Detection {
        Detection {
            family,
            label: label.to_string(),
            rule: format!("{label}/r"),
            start,
            end: start + 2,
            evidence: "xx".to_string(),
            people: people.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn summarize_keeps_first_span_and_collects_the_rest() {
        let dets = vec![
            det(Family::Sign, "curt-reply", 30, &["Jo"]),
            det(Family::Sign, "curt-reply", 10, &["Sam"]),
            det(Family::Step, "reached-out", 5, &[]),
        ];
        let s = summarize(&dets);
        assert_eq!(s.signs.len(), 1);
        assert_eq!(s.signs[0].start, 10);
        assert_eq!(s.signs[0].spans.len(), 1);
        assert_eq!(s.signs[0].spans[0].start, 30);
        assert_eq!(s.signs[0].people, vec!["Sam", "Jo"]);
        assert_eq!(s.labels(Family::Step), vec!["reached-out"]);
        assert!(s.triggers.is_empty());
    }

    #[test]
    fn summary_serialises_to_the_cli_shape() {
        let s = summarize(&[det(Family::Sign, "curt-reply", 0, &["Sam"])]);
        let v = serde_json::to_value(&s).expect("serialise");
        let keys: Vec<&str> = v
            .as_object()
            .expect("object")
            .keys()
            .map(|k| k.as_str())
            .collect();
        for k in ["signs", "triggers", "thoughts", "steps", "safety"] {
            assert!(keys.contains(&k), "missing {k}");
        }
        assert_eq!(v["signs"][0]["id"], "curt-reply");
        assert_eq!(v["signs"][0]["people"][0], "Sam");
        assert_eq!(v["signs"][0]["start"], 0);
    }

    #[test]
    fn family_names_round_trip() {
        for f in Family::ALL {
            assert_eq!(Family::parse(f.as_str()), Some(f));
            assert_eq!(Family::parse(f.singular()), Some(f));
            let json = serde_json::to_string(&f).expect("serialise");
            assert_eq!(json, format!("\"{}\"", f.as_str()));
        }
    }
}
