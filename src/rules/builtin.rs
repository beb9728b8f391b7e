//! The built-in rules: the TOML files under `rules/`, compiled into the
//! binary, and their precompiled form `src/rules/compiled.rs`.
//!
//! Turning ~1,000 phrases into rules took most of what every `closer`
//! command paid to start (~40 ms), and building the engine's tables from the
//! rules, or reading them from JSON, most of the rest (~4 ms), so both are
//! done ahead of time: `compiled.rs` holds the engine's [`Image`] as Rust
//! statics, stamped with a hash of the sources it came from. At run time the
//! stamp is checked; a stale file (rules edited, test not yet run) is
//! ignored and the TOML parsed as before, so the result is always that of
//! the sources, only slower. The test `precompiled_rules_match_the_sources`
//! rewrites the file when it differs and fails, the way rust-analyzer keeps
//! its generated code honest.

use std::borrow::Cow;

use super::catalog::Catalog;
use super::compiled;
use super::image::{self, Image};
use super::matcher::{FNV_OFFSET, fnv_extend};
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
pub const COMPILED_PATH: &str = "src/rules/compiled.rs";

/// A stamp of every input of the translation: the rule files and the
/// catalog they are checked against. Worked out as the binary is compiled,
/// since every command checks it.
fn sources_hash() -> String {
    const HASH: u64 = {
        let mut h = FNV_OFFSET;
        let mut f = 0;
        while f < BUILTIN_FILES.len() {
            h = fnv_extend(h, BUILTIN_FILES[f].0.as_bytes());
            h = fnv_extend(h, &[0]);
            h = fnv_extend(h, BUILTIN_FILES[f].1.as_bytes());
            h = fnv_extend(h, &[0]);
            f += 1;
        }
        fnv_extend(h, super::catalog::CATALOG_TOML.as_bytes())
    };
    format!("{HASH:016x}")
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

/// The built-in rules, ready for the engine: precompiled when the stamp
/// matches, else parsed from the sources.
pub fn image() -> Image<'static> {
    if compiled::SOURCES == sources_hash() {
        Image {
            version: Cow::Borrowed(compiled::VERSION),
            anchors: Cow::Borrowed(compiled::ANCHORS),
            rules: compiled::rules(),
            patterns: Cow::Borrowed(compiled::PATTERNS),
            checks: Cow::Borrowed(compiled::CHECKS),
        }
    } else {
        Image::from_specs(parse_sources().0)
    }
}

/// The built-in rules as specs, for merging with a user's rule files.
pub fn specs() -> Vec<RuleSpec> {
    image().specs()
}

/// What `src/rules/compiled.rs` should contain for the current sources.
pub fn render_compiled() -> String {
    let (mut rules, _) = parse_sources();
    // A phrase's regex is made again on the rare occasion it is needed.
    for rule in &mut rules {
        for pattern in &mut rule.patterns {
            if pattern.phrase.is_some() {
                pattern.src.clear();
            }
        }
    }
    image::render(&Image::from_specs(rules), &sources_hash())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stamp_is_the_hash_of_the_sources() {
        let mut bytes = Vec::new();
        for (name, contents) in BUILTIN_FILES {
            bytes.extend_from_slice(name.as_bytes());
            bytes.push(0);
            bytes.extend_from_slice(contents.as_bytes());
            bytes.push(0);
        }
        bytes.extend_from_slice(super::super::catalog::CATALOG_TOML.as_bytes());
        assert_eq!(sources_hash(), super::super::matcher::fnv_hex(&bytes));
    }

    #[test]
    fn precompiled_rules_match_the_sources() {
        let want = render_compiled();
        if include_str!("compiled.rs") != want {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(COMPILED_PATH);
            std::fs::write(&path, &want).expect("write src/rules/compiled.rs");
            panic!(
                "{COMPILED_PATH} was out of date with rules/*.toml and has been rewritten; \
                 rebuild and run the tests again, then commit it"
            );
        }
        // Used as it is, not silently parsed again.
        assert_eq!(compiled::SOURCES, sources_hash());
        let specs = specs();
        let (parsed, errors) = parse_sources();
        assert!(errors.is_empty(), "{errors:?}");
        // The version it carries is the one the sources make.
        assert_eq!(compiled::VERSION, Image::from_specs(parsed.clone()).version);
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
