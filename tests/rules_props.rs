//! Property tests: `detect` never panics on arbitrary Unicode, and every span
//! it returns lies on char boundaries with `&text[start..end] == evidence`.

use std::sync::LazyLock;

use closer::rules::Engine;
use proptest::prelude::*;

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::builtin);

fn check_spans(text: &str) {
    let dets = ENGINE.detect(text);
    for d in &dets {
        assert!(d.start < d.end && d.end <= text.len(), "{d:?}");
        assert!(
            text.is_char_boundary(d.start) && text.is_char_boundary(d.end),
            "{d:?}"
        );
        assert_eq!(&text[d.start..d.end], d.evidence);
    }
    assert!(dets.windows(2).all(|w| w[0].start <= w[1].start));
}

/// Journal-ish words mixed with hostile characters: emoji, right-to-left
/// text, combining marks, control characters, curly quotes.
fn journal_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("I didn't reply to Sam".to_string()),
        Just("left her on read".to_string()),
        Just("cancelled on Jo".to_string()),
        Just("I snapped at him".to_string()),
        Just("didn’t".to_string()),
        Just("'k'".to_string()),
        Just("😶‍🌫️".to_string()),
        Just("שלום עולם".to_string()),
        Just("مرحبا".to_string()),
        Just("e\u{301}\u{302}".to_string()),
        Just("\u{0}\u{7}\u{1b}[0m".to_string()),
        Just("\u{202e}reversed\u{202c}".to_string()),
        Just("…".to_string()),
        Just(". ! ? ; , — ( ) \" “ ”".to_string()),
        "\\PC{0,12}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn detect_never_panics_and_spans_are_exact(pieces in proptest::collection::vec(journal_piece(), 0..12)) {
        let text = pieces.join(" ");
        check_spans(&text);
    }

    #[test]
    fn arbitrary_strings_are_safe(text in any::<String>()) {
        check_spans(&text);
    }
}

#[test]
fn a_one_megabyte_entry_is_handled() {
    let para = "Mum rang and I let it go to voicemail. Sam asked if I wanted to come over \
                and I said I was busy. Didn’t reply to @Kai. 🙃 Then I snapped at him, \
                which I regret. We talked it through in the end.\n";
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(para);
    }
    check_spans(&text);
    let dets = ENGINE.detect(&text);
    assert!(dets.len() > 1000, "found {}", dets.len());
}
