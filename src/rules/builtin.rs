//! The built-in rules: the TOML files under `rules/`, compiled into the
//! binary, and their precompiled form `rules/compiled.json`.
//!
//! Turning ~1,000 phrases into regex sources took most of what every
//! `closer` command paid to start (~40 ms), so the translation is done ahead
//! of time: `compiled.json` holds the parsed [`RuleSpec`]s, stamped with a
//! hash of the sources it came from. At run time the stamp is checked; a
//! stale file (rules edited, test not yet run) is ignored and the TOML parsed
//! as before, so the result is always that of the sources, only slower.
//! The test `precompiled_rules_match_the_sources` rewrites the file when it
//! differs and fails, the way rust-analyzer keeps its generated code honest.

use serde::{Deserialize, Serialize};

use super::catalog::Catalog;
use super::parse::{self, RuleFileError, RuleSpec};

/// The built-in rule files, compiled in. Tests load each and require no errors.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("rules/signs.toml", include_str!("../../rules/signs.toml")),
    (
        "rules/triggers.toml",
        include_str!("../../rules/triggers.toml"),
    ),
    (
        "rules/thoughts.toml",
        include_str!("../../rules/thoughts.toml"),
    ),
    ("rules/steps.toml", include_str!("../../rules/steps.toml")),
    ("rules/safety.toml", include_str!("../../rules/safety.toml")),
];

/// Where the precompiled rules live, relative to the crate root.
pub const COMPILED_PATH: &str = "rules/compiled.json";

const COMPILED: &str = include_str!("../../rules/compiled.json");

#[derive(Serialize, Deserialize)]
struct Compiled {
    /// [`sources_hash`] of the files this was made from.
    sources: String,
    rules: Vec<RuleSpec>,
}

/// A stamp of every input of the translation: the rule files and the
/// catalog they are checked against.
fn sources_hash() -> String {
    let mut bytes = Vec::new();
    for (name, contents) in BUILTIN_FILES {
        bytes.extend_from_slice(name.as_bytes());
        bytes.push(0);
        bytes.extend_from_slice(contents.as_bytes());
        bytes.push(0);
    }
    bytes.extend_from_slice(super::catalog::CATALOG_TOML.as_bytes());
    super::matcher::fnv_hex(&bytes)
}

/// The built-in rules, parsed from the TOML sources.
pub fn parse_sources() -> (Vec<RuleSpec>, Vec<RuleFileError>) {
    let catalog = Catalog::builtin();
    let mut errors = Vec::new();
    let mut specs = Vec::new();
    for (name, contents) in BUILTIN_FILES {
        let (parsed, errs) = parse::parse_file(name, contents, &catalog, false);
        errors.extend(errs);
        specs.extend(parsed.rules);
    }
    (specs, errors)
}

/// The built-in rules: precompiled when the stamp matches, else parsed.
pub fn specs() -> (Vec<RuleSpec>, Vec<RuleFileError>) {
    match serde_json::from_str::<Compiled>(COMPILED) {
        Ok(c) if c.sources == sources_hash() => (c.rules, Vec::new()),
        _ => parse_sources(),
    }
}

/// What `rules/compiled.json` should contain for the current sources.
pub fn render_compiled() -> String {
    let (mut rules, _) = parse_sources();
    // A phrase's regex is made again on the rare occasion it is needed;
    // reading it here was a third of what every command paid to start.
    for rule in &mut rules {
        for pattern in &mut rule.patterns {
            if pattern.phrase.is_some() {
                pattern.src.clear();
            }
        }
    }
    let compiled = Compiled {
        sources: sources_hash(),
        rules,
    };
    let mut out = serde_json::to_string(&compiled).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precompiled_rules_match_the_sources() {
        let want = render_compiled();
        if COMPILED != want {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(COMPILED_PATH);
            std::fs::write(&path, &want).expect("write rules/compiled.json");
            panic!(
                "{COMPILED_PATH} was out of date with rules/*.toml and has been rewritten; \
                 rebuild and run the tests again, then commit it"
            );
        }
        let (specs, errors) = specs();
        assert!(errors.is_empty());
        let (parsed, _) = parse_sources();
        assert_eq!(specs.len(), parsed.len());
        for (loaded, parsed) in specs.iter().zip(&parsed) {
            // Loaded from the file, a phrase's regex is made again on demand.
            for (l, p) in loaded.patterns.iter().zip(&parsed.patterns) {
                assert_eq!(l.source(), p.src);
            }
            let mut parsed = parsed.clone();
            for (l, p) in loaded.patterns.iter().zip(parsed.patterns.iter_mut()) {
                p.src = l.src.clone();
            }
            assert_eq!(loaded, &parsed);
        }
    }
}
