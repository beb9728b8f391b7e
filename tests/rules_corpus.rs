//! Scores the engine on the shared development corpus (`../shared/corpus/dev.jsonl`
//! relative to the crate root) and fails below the project's thresholds.
//!
//! The corpus lives beside the project, not in it; when it is absent (a
//! packaged crate, a fresh CI runner) the test prints a note and passes.
//! `CLOSER_EVAL_RANGE=0..150` restricts the run to some lines (no thresholds
//! then) and `CLOSER_EVAL_VERBOSE=1` prints misses and false alarms, for
//! tuning rules.

use std::path::Path;

use closer::rules::{Engine, Family, eval};

fn corpus() -> Option<Vec<eval::LabelledEntry>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev.jsonl");
    let Ok(src) = std::fs::read_to_string(&path) else {
        println!(
            "note: {} not found; corpus thresholds not checked",
            path.display()
        );
        return None;
    };
    match eval::parse_jsonl(&src) {
        Ok(entries) => Some(entries),
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

fn range(len: usize) -> std::ops::Range<usize> {
    let Ok(spec) = std::env::var("CLOSER_EVAL_RANGE") else {
        return 0..len;
    };
    let (a, b) = spec.split_once("..").unwrap_or(("0", ""));
    let a = a.parse().unwrap_or(0).min(len);
    let b = b.parse().unwrap_or(len).min(len);
    a..b.max(a)
}

#[test]
fn dev_corpus_meets_thresholds() {
    let Some(entries) = corpus() else { return };
    let engine = Engine::builtin();
    let full = std::env::var("CLOSER_EVAL_RANGE").is_err();
    let r = range(entries.len());
    let report = eval::evaluate(&engine, &entries[r]);
    let text = eval::render_report(&report);
    if std::env::var("CLOSER_EVAL_VERBOSE").is_ok() {
        println!("{text}");
    } else {
        // The family table only: the label table and listings are long.
        for line in text.lines().take(7) {
            println!("{line}");
        }
    }
    if !full {
        return;
    }
    let signs = report.family(Family::Sign);
    assert!(
        signs.precision() >= 0.90,
        "signs precision {:.3} < 0.90",
        signs.precision()
    );
    assert!(
        signs.recall() >= 0.80,
        "signs recall {:.3} < 0.80",
        signs.recall()
    );
    for f in [Family::Trigger, Family::Thought, Family::Step] {
        let c = report.family(f);
        assert!(c.f1() >= 0.75, "{f} micro F1 {:.3} < 0.75", c.f1());
    }
}

/// Tuning aid: `CLOSER_EXPLAIN="text" cargo test --test rules_corpus explain -- --ignored --nocapture`
/// shows every pattern hit and what the context checks made of it.
#[test]
#[ignore]
fn explain() {
    let text = std::env::var("CLOSER_EXPLAIN").unwrap_or_default();
    let engine = Engine::builtin();
    for (rule, evidence, verdict) in engine.explain(&text) {
        println!("{rule:<45} {evidence:?} {verdict:?}");
    }
    for d in engine.detect(&text) {
        println!(
            "=> {}/{} {:?} {:?}",
            d.family, d.label, d.evidence, d.people
        );
    }
}
