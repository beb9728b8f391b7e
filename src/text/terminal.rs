//! Makes stored text inert before it reaches a terminal.
//!
//! Journal text is untrusted when printed: an imported entry could carry an
//! escape sequence that rewrites the screen, sets the clipboard (OSC 52) or
//! hides a link (OSC 8). Rather than strip such bytes, which would hide that
//! something odd is in the entry, every control character is replaced by a
//! visible stand-in. Without its ESC or C1 introducer no sequence can run.

use std::borrow::Cow;

/// Returns `text` with every control character made visible: C0 controls as
/// Unicode control pictures (ESC becomes `␛`), DEL as `␡`, C1 controls and
/// bidirectional overrides as `<U+XXXX>`. Newlines and tabs are kept unless
/// `keep_newlines` is false, in which case they become spaces.
pub fn inert(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| needs_care(c, keep_newlines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        push_inert(&mut out, c, keep_newlines);
    }
    Cow::Owned(out)
}

/// One line for a list: newlines and tabs folded to spaces, controls inert.
pub fn one_line(text: &str) -> Cow<'_, str> {
    inert(text, false)
}

fn needs_care(c: char, keep_newlines: bool) -> bool {
    match c {
        '\n' | '\t' => !keep_newlines,
        _ => c.is_control() || is_bidi_control(c),
    }
}

fn push_inert(out: &mut String, c: char, keep_newlines: bool) {
    match c {
        '\n' | '\t' if keep_newlines => out.push(c),
        '\n' | '\t' => out.push(' '),
        '\u{7f}' => out.push('\u{2421}'),
        c if (c as u32) < 0x20 => {
            // U+2400 + n is the control picture for C0 control n.
            out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
        }
        c if c.is_control() || is_bidi_control(c) => {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        }
        c => out.push(c),
    }
}

/// Characters that reorder how text is displayed: an attacker's way to make
/// a line read differently from what it contains.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{200E}' | '\u{200F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(
            inert("I texted Sam back.\nFinally.", true),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escape_sequences_lose_their_introducer() {
        let hostile = "a\x1b[2Jb\x1b]52;c;aGk=\x07c\x1b]8;;http://x\x1b\\d";
        let shown = inert(hostile, true);
        assert!(!shown.contains('\x1b'));
        assert!(!shown.contains('\x07'));
        assert!(shown.contains("␛[2J"));
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_shown() {
        let shown = inert("x\u{9b}31my\u{9d}z\u{202e}evil", true);
        assert_eq!(shown, "x<U+009B>31my<U+009D>z<U+202E>evil");
    }

    #[test]
    fn one_line_folds_newlines() {
        assert_eq!(one_line("a\nb\tc\r"), "a b c␍");
    }
}
