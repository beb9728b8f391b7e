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

/// The examples labelled with nothing: the hard cases where nothing
/// happened, someone else did it, or the words mean something else.
fn silent_examples() -> Vec<eval::LabelledEntry> {
    let Ok(entries) = eval::parse_jsonl(EXAMPLES) else {
        panic!("examples.jsonl does not parse");
    };
    entries
        .into_iter()
        .filter(|e| {
            e.signs.is_empty()
                && e.triggers.is_empty()
                && e.thoughts.is_empty()
                && e.steps.is_empty()
        })
        .collect()
}

fn found(engine: &Engine, text: &str) -> Vec<String> {
    engine
        .detect(text)
        .into_iter()
        .filter(|d| d.family != Family::Safety)
        .map(|d| format!("{}/{} on {:?} ({})", d.family, d.label, d.evidence, d.rule))
        .collect()
}

#[test]
fn examples_with_no_labels_stay_silent() {
    let rules = Engine::builtin().with_second_opinion(None);
    let silent = silent_examples();
    assert!(silent.len() >= 25, "keep the hard negatives");
    for e in &silent {
        let found = found(&rules, &e.text);
        assert!(found.is_empty(), "{}: {:?}", e.id, found);
    }
    // The second opinion reads words, not grammar: it may add a label to
    // one of them ("Gran asked what I was up to" reads as a bid), no more.
    let engine = Engine::builtin();
    let noisy: Vec<String> = silent
        .iter()
        .map(|e| (e.id.clone(), found(&engine, &e.text)))
        .filter(|(_, f)| !f.is_empty())
        .map(|(id, f)| format!("{id}: {f:?}"))
        .collect();
    assert!(noisy.len() <= 1, "{noisy:#?}");
}
