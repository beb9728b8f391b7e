//! Scores the engine on `tests/data/rules/fresh.jsonl`: 540 entries in seven
//! sets (`fa-` to `fg-`), each written by someone who had read only the
//! catalog, never the dev corpus or the rules, in a style of their own
//! (phone notes without apostrophes, reflective prose, present-tense
//! narration, mixed voices). Each set was scored blind before any rule was
//! fitted to it, and those first scores are the honest estimate of how the
//! rules do on text written by other people:
//!
//! | set | signs P | signs R | scored when |
//! |-----|---------|---------|-------------|
//! | a   | .824    | .609    | session 6 start |
//! | b   | .724    | .447    | session 6 start |
//! | c   | .733    | .440    | session 6 start |
//! | d   | .867    | .520    | after a–c were fitted |
//! | e   | .594    | .388    | after a–d were fitted |
//! | f   | .784    | .604    | after a–e were fitted |
//! | g   | .686    | .522    | after a–e were fitted |
//!
//! The rules were then broadened from their misses (phrasings and context
//! fixes that generalise, never their sentences). The floors below sit a
//! little under what the whole file scores now (signs P .928 R .878,
//! triggers .933/.838, thoughts .946/.897, steps .962/.905), so a change
//! that loses ground on other people's writing fails here.

use closer::rules::{Engine, Family, eval};

const FRESH: &str = include_str!("data/rules/fresh.jsonl");

#[test]
fn fresh_sets_score_above_their_floors() {
    let entries = match eval::parse_jsonl(FRESH) {
        Ok(e) => e,
        Err(e) => panic!("fresh.jsonl {e}"),
    };
    assert_eq!(entries.len(), 540);
    let report = eval::evaluate(&Engine::builtin(), &entries);
    println!("{}", eval::render_report(&report));
    let floors = [
        (Family::Sign, 0.91, 0.86),
        (Family::Trigger, 0.91, 0.82),
        (Family::Thought, 0.92, 0.87),
        (Family::Step, 0.94, 0.88),
    ];
    for (f, p, r) in floors {
        let c = report.family(f);
        assert!(
            c.precision() >= p,
            "{f} precision {:.3} < {p}",
            c.precision()
        );
        assert!(c.recall() >= r, "{f} recall {:.3} < {r}", c.recall());
    }
}
