//! The built-in engine on arbitrary text (lossy UTF-8): no panic, and every
//! detection's span and evidence agree with the text.
#![no_main]

mod common;

use std::sync::LazyLock;

use closer::rules::Engine;
use libfuzzer_sys::fuzz_target;

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::builtin);

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let dets = ENGINE.detect(&s);
    common::check_detections(&s, &dets);
    // The per-entry summary `closer detect` prints keeps the same spans.
    let summary = closer::rules::summarize(&dets);
    for f in closer::rules::Family::ALL {
        for l in summary.family(f) {
            assert_eq!(l.evidence, &s[l.start..l.end]);
            for sp in &l.spans {
                assert_eq!(sp.evidence, &s[sp.start..sp.end]);
            }
        }
    }
});
