//! Scores the engine on the project's own labelled examples
//! (`tests/data/rules/examples.jsonl`): entries written for closer, with
//! other people and phrasings than the shared dev corpus, including the
//! hard cases (others' actions, near-misses, hypotheticals, past habits,
//! words in other senses). A regression in any family fails the test.

use closer::rules::{Engine, Family, eval};

const EXAMPLES: &str = include_str!("data/rules/examples.jsonl");

#[test]
fn own_examples_score_well() {
    let entries = match eval::parse_jsonl(EXAMPLES) {
        Ok(e) => e,
        Err(e) => panic!("examples.jsonl {e}"),
    };
    assert!(entries.len() >= 80, "keep at least 80 examples");
    let report = eval::evaluate(&Engine::builtin(), &entries);
    let text = eval::render_report(&report);
    println!("{text}");
    for f in [Family::Sign, Family::Trigger, Family::Thought, Family::Step] {
        let c = report.family(f);
        assert!(c.precision() >= 0.85, "{f} precision {:.3}", c.precision());
        assert!(c.recall() >= 0.80, "{f} recall {:.3}", c.recall());
    }
}

#[test]
fn examples_with_no_labels_stay_silent() {
    let Ok(entries) = eval::parse_jsonl(EXAMPLES) else {
        panic!("examples.jsonl does not parse");
    };
    let engine = Engine::builtin();
    for e in entries.iter().filter(|e| {
        e.signs.is_empty() && e.triggers.is_empty() && e.thoughts.is_empty() && e.steps.is_empty()
    }) {
        let found: Vec<String> = engine
            .detect(&e.text)
            .into_iter()
            .filter(|d| d.family != Family::Safety)
            .map(|d| format!("{}/{} on {:?}", d.family, d.label, d.evidence))
            .collect();
        assert!(found.is_empty(), "{}: {:?}", e.id, found);
    }
}
