//! Evaluation against labelled entries: precision, recall and F1 per family
//! (micro-averaged over entries) and per label, plus the misses and false
//! alarms with the entry they came from.
//!
//! Pure: the caller reads the corpus file and hands over its contents; the
//! plain-text rendering is returned as a string for `closer eval` to print.
//! Labels are scored per entry as sets (catalog rule 6); spans are not scored.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::{Engine, Family, summarize};

/// The four scored families (safety has no labelled corpus).
pub const SCORED: [Family; 4] = [Family::Sign, Family::Trigger, Family::Thought, Family::Step];

/// One labelled entry in the corpus format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelledEntry {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub signs: Vec<String>,
    #[serde(default)]
    pub triggers: Vec<String>,
    #[serde(default)]
    pub thoughts: Vec<String>,
    #[serde(default)]
    pub steps: Vec<String>,
}

impl LabelledEntry {
    pub fn labels(&self, family: Family) -> &[String] {
        match family {
            Family::Sign => &self.signs,
            Family::Trigger => &self.triggers,
            Family::Thought => &self.thoughts,
            Family::Step => &self.steps,
            Family::Safety => &[],
        }
    }
}

/// A corpus line that is not a valid entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct CorpusError {
    /// 1-based.
    pub line: usize,
    pub message: String,
}

/// Parses JSONL: one entry a line, blank lines allowed. Stops at the first
/// bad line, naming it, because a half-read corpus gives misleading scores.
pub fn parse_jsonl(src: &str) -> Result<Vec<LabelledEntry>, CorpusError> {
    let mut out = Vec::new();
    for (i, line) in src.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let entry: LabelledEntry = serde_json::from_str(line).map_err(|e| CorpusError {
            line: i + 1,
            message: e.to_string(),
        })?;
        out.push(entry);
    }
    Ok(out)
}

/// Counts of true positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub r#fn: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.r#fn)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// An empty denominator scores 1.0: nothing to find and nothing claimed is
/// not a failure.
fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

/// A label missed or wrongly claimed in one entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Miss {
    pub entry: String,
    pub family: Family,
    pub label: String,
    pub text: String,
    /// For false alarms: the evidence the engine showed.
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct EvalReport {
    pub entries: usize,
    pub families: BTreeMap<Family, Counts>,
    pub labels: BTreeMap<(Family, String), Counts>,
    pub misses: Vec<Miss>,
    pub false_alarms: Vec<Miss>,
}

impl EvalReport {
    pub fn family(&self, f: Family) -> Counts {
        self.families.get(&f).copied().unwrap_or_default()
    }
}

/// Runs the engine on every entry and scores the labels.
pub fn evaluate(engine: &Engine, entries: &[LabelledEntry]) -> EvalReport {
    let mut report = EvalReport {
        entries: entries.len(),
        ..EvalReport::default()
    };
    for e in entries {
        let found = summarize(&engine.detect(&e.text));
        for family in SCORED {
            let gold: BTreeSet<&str> = e.labels(family).iter().map(String::as_str).collect();
            let got: BTreeMap<&str, &str> = found
                .family(family)
                .iter()
                .map(|d| (d.id.as_str(), d.evidence.as_str()))
                .collect();
            let fam = report.families.entry(family).or_default();
            for label in gold.iter() {
                let c = report
                    .labels
                    .entry((family, label.to_string()))
                    .or_default();
                if got.contains_key(label) {
                    c.tp += 1;
                    fam.tp += 1;
                } else {
                    c.r#fn += 1;
                    fam.r#fn += 1;
                    report.misses.push(Miss {
                        entry: e.id.clone(),
                        family,
                        label: label.to_string(),
                        text: e.text.clone(),
                        evidence: None,
                    });
                }
            }
            for (label, evidence) in &got {
                if !gold.contains(label) {
                    let c = report
                        .labels
                        .entry((family, label.to_string()))
                        .or_default();
                    c.fp += 1;
                    fam.fp += 1;
                    report.false_alarms.push(Miss {
                        entry: e.id.clone(),
                        family,
                        label: label.to_string(),
                        text: e.text.clone(),
                        evidence: Some(evidence.to_string()),
                    });
                }
            }
        }
    }
    report
}

/// Plain-text report: family table, label table, then misses and false
/// alarms (entry text shortened to keep the listing scannable).
pub fn render_report(r: &EvalReport) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} entries", r.entries);
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<10} {:>9} {:>6} {:>6}   tp  fp  fn",
        "family", "precision", "recall", "f1"
    );
    for f in SCORED {
        let c = r.family(f);
        let _ = writeln!(
            s,
            "{:<10} {:>9.3} {:>6.3} {:>6.3}  {:>3} {:>3} {:>3}",
            f.as_str(),
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.r#fn
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<30} {:>9} {:>6} {:>6}   tp  fp  fn",
        "label", "precision", "recall", "f1"
    );
    for ((f, label), c) in &r.labels {
        let _ = writeln!(
            s,
            "{:<30} {:>9.3} {:>6.3} {:>6.3}  {:>3} {:>3} {:>3}",
            format!("{}/{}", f.as_str(), label),
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.r#fn
        );
    }
    let short = |t: &str| -> String {
        let mut out: String = t.chars().take(100).collect();
        if t.chars().count() > 100 {
            out.push('…');
        }
        out
    };
    if !r.misses.is_empty() {
        let _ = writeln!(s, "\nmisses ({})", r.misses.len());
        for m in &r.misses {
            let _ = writeln!(
                s,
                "  {} {}/{}: {}",
                m.entry,
                m.family,
                m.label,
                short(&m.text)
            );
        }
    }
    if !r.false_alarms.is_empty() {
        let _ = writeln!(s, "\nfalse alarms ({})", r.false_alarms.len());
        for m in &r.false_alarms {
            let _ = writeln!(
                s,
                "  {} {}/{} on \"{}\": {}",
                m.entry,
                m.family,
                m.label,
                m.evidence.as_deref().unwrap_or(""),
                short(&m.text)
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reports_the_bad_line() {
        let src = "{\"id\":\"a\",\"text\":\"x\",\"signs\":[],\"triggers\":[],\"thoughts\":[],\"steps\":[]}\n\n{not json}\n";
        let err = parse_jsonl(src).expect_err("line 3 is bad");
        assert_eq!(err.line, 3);
        let ok = parse_jsonl(&src[..src.find('\n').unwrap_or(0)]).expect("first line parses");
        assert_eq!(ok.len(), 1);
    }

    #[test]
    fn counts_give_precision_recall_f1() {
        let c = Counts {
            tp: 8,
            fp: 2,
            r#fn: 8,
        };
        assert!((c.precision() - 0.8).abs() < 1e-9);
        assert!((c.recall() - 0.5).abs() < 1e-9);
        assert!((c.f1() - 0.615_384_6).abs() < 1e-6);
        assert_eq!(Counts::default().f1(), 1.0);
    }

    #[test]
    fn evaluate_scores_sets_and_lists_misses() {
        let engine = Engine::builtin();
        let entries = vec![LabelledEntry {
            id: "t-1".into(),
            text: "Left Sam on read again.".into(),
            signs: vec!["ignored-contact".into(), "curt-reply".into()],
            triggers: vec![],
            thoughts: vec![],
            steps: vec![],
        }];
        let r = evaluate(&engine, &entries);
        let signs = r.family(Family::Sign);
        assert_eq!((signs.tp, signs.r#fn), (1, 1));
        assert_eq!(r.misses.len(), 1);
        assert_eq!(r.misses[0].label, "curt-reply");
        let text = render_report(&r);
        assert!(text.contains("signs/curt-reply"), "{text}");
        assert!(text.contains("t-1"), "{text}");
    }
}
