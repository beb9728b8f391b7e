//! The `closer detect` JSON Lines path. Its line loop lives in the CLI
//! (`src/cli/detect.rs`, private `Input` type, reads a `BufRead`), so this
//! target mirrors it line by line: `{"id": any, "text": string}` through
//! serde_json, then `Engine::detect` and `summarize`, and the output line
//! must serialise. It also feeds the same bytes to the library's other JSON
//! Lines parser, `rules::parse_jsonl` (the labelled corpus of `closer eval`).
#![no_main]

mod common;

use std::sync::LazyLock;

use closer::rules::{Engine, parse_jsonl, summarize};
use libfuzzer_sys::fuzz_target;
use serde::Deserialize;

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::builtin);

/// Same shape as the CLI's private `Input`.
#[derive(Deserialize)]
struct Input {
    id: serde_json::Value,
    text: String,
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    // The CLI reads with `read_line`: lines keep their '\n'.
    for line in src.split_inclusive('\n') {
        if line.trim().is_empty() {
            continue;
        }
        let Ok(item) = serde_json::from_str::<Input>(line) else {
            continue;
        };
        let dets = ENGINE.detect(&item.text);
        common::check_detections(&item.text, &dets);
        let found = summarize(&dets);
        let mut out = serde_json::to_value(&found).expect("summary serialises");
        out["id"] = item.id;
        serde_json::to_string(&out).expect("output line serialises");
    }
    if let Ok(entries) = parse_jsonl(src) {
        for e in entries.iter().take(4) {
            common::check_detections(&e.text, &ENGINE.detect(&e.text));
        }
    }
});
