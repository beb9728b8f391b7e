//! Scores the engine on `tests/data/rules/fresh.jsonl`: 990 entries in thirteen
//! sets (`fa-` to `fm-`), each written by someone who had read only the
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
//! | h   | .533    | .320    | after a–g were fitted |
//! | i   | .677    | .583    | after a–g were fitted |
//! | j   | .900    | .818    | after a–i were fitted |
//! | k   | .636    | .389    | after a–j (triggers .850/.425, thoughts .800/.400: the set is about them) |
//! | l   | .880    | .431    | after a–k (triggers .886/.513, thoughts .929/.500) |
//! | m   | .806    | .658    | after a–l (triggers .952/.851, thoughts 1.0/.727, steps .875/.700); not fitted |
//!
//! The rules were then broadened from their misses (phrasings and context
//! fixes that generalise, never their sentences). The floors below sit a
//! little under what the whole file scores now (signs P .908 R .831,
//! triggers .946/.853, thoughts .941/.879, steps .965/.867), so a change
//! that loses ground on other people's writing fails here.

use closer::rules::{Engine, Family, eval};

const FRESH: &str = include_str!("data/rules/fresh.jsonl");

#[test]
fn fresh_sets_score_above_their_floors() {
    let entries = match eval::parse_jsonl(FRESH) {
        Ok(e) => e,
        Err(e) => panic!("fresh.jsonl {e}"),
    };
    assert_eq!(entries.len(), 990);
    let report = eval::evaluate(&Engine::builtin(), &entries);
    println!("{}", eval::render_report(&report));
    let floors = [
        (Family::Sign, 0.89, 0.81),
        (Family::Trigger, 0.92, 0.83),
        (Family::Thought, 0.92, 0.86),
        (Family::Step, 0.94, 0.85),
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
