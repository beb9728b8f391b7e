//! A user rule file: arbitrary bytes, if UTF-8, go to `Engine::load` as one
//! file. Loading must never panic, every error must have a 1-based line (and
//! column, when given), and an engine built from the file must still detect
//! without panicking. Each line is also handed to the phrase compiler: when
//! it accepts a phrase, the regex it produced must be valid syntax.
#![no_main]

mod common;

use closer::rules::Engine;
use closer::rules::catalog::Catalog;
use closer::rules::parse::{self, compile_phrase};
use libfuzzer_sys::fuzz_target;

const SAMPLE: &str = "Left Sam on read again. I told him \"fine\" and muted the chat.";

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };

    // The parser on its own (cheap), then the whole load (compiles the set).
    let (parsed, errors) = parse::parse_file("fuzz.toml", s, &Catalog::builtin(), true);
    check_errors(&errors);
    // With no rules and no `disable`, `load` adds nothing to the parse above
    // but the (costly) compile of the built-in set: skip it.
    if !parsed.rules.is_empty() || !parsed.disable.is_empty() {
        let (engine, errors) = Engine::load(&[("fuzz.toml".to_string(), s.to_string())]);
        check_errors(&errors);
        for text in [SAMPLE, s] {
            common::check_detections(text, &engine.detect(text));
        }
    }

    for line in s.lines() {
        if let Ok(src) = compile_phrase(line) {
            match regex::RegexBuilder::new(&src)
                .size_limit(parse::MAX_REGEX_SIZE * 8)
                .build()
            {
                Ok(_) | Err(regex::Error::CompiledTooBig(_)) => {}
                Err(e) => panic!("phrase {line:?} compiled to a bad regex {src:?}: {e}"),
            }
        }
    }
});

fn check_errors(errors: &[closer::rules::RuleFileError]) {
    for e in errors {
        assert!(e.line >= 1, "error with line 0: {e:?}");
        assert!(
            e.column.is_none_or(|c| c >= 1),
            "error with column 0: {e:?}"
        );
    }
}
