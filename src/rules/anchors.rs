//! Finding the rules' anchor words in a text: every place a word starts
//! with one of them.
//!
//! Anchors are letters and digits, and the engine only wants them where a
//! word starts, so each word is looked up by its prefixes in a hash map
//! instead of scanning with an automaton. Building the map is a few hundred
//! microseconds, which a one-shot `closer add` would otherwise spend building
//! an aho-corasick automaton over two thousand words.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: anchors are short, and a keyed hash buys nothing here.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Bytes that continue a word for the anchors' purpose: ASCII letters and
/// digits, and any byte of a non-ASCII character (so a hit never starts or
/// ends inside one).
fn is_wordish(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Whether `bytes` start with ‘ or ’.
fn is_curly_quote(bytes: &[u8]) -> bool {
    matches!(bytes, [0xE2, 0x80, 0x98 | 0x99, ..])
}

/// The anchor words, by their lower-case bytes.
#[derive(Debug, Default)]
pub struct AnchorIndex {
    /// Anchor bytes -> a range of `ids`: one word can be two anchors (a
    /// whole word and a stem). Keys are borrowed from the precompiled rules
    /// when they can be, so building this allocates two vectors, not one
    /// per word.
    ranges: HashMap<Cow<'static, [u8]>, (u32, u32), BuildHasherDefault<Fnv>>,
    ids: Vec<u32>,
    /// Bit n set when some anchor is n bytes long (n < 64).
    lengths: u64,
    longest: usize,
}

/// One anchor found at the start of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub at: usize,
    pub anchor: u32,
    /// The anchor's bytes end where the word does.
    pub whole: bool,
}

impl AnchorIndex {
    /// Anchor `id` is the `id`th of `anchors`, as lower-case bytes.
    pub fn new(anchors: impl IntoIterator<Item = Cow<'static, [u8]>>) -> AnchorIndex {
        let mut words: Vec<(Cow<'static, [u8]>, u32)> = anchors
            .into_iter()
            .enumerate()
            .filter(|(_, a)| !a.is_empty())
            .map(|(id, a)| (a, id as u32))
            .collect();
        // The precompiled rules come numbered in this order already.
        if !words.is_sorted() {
            words.sort_unstable();
        }
        let mut index = AnchorIndex {
            ids: words.iter().map(|(_, id)| *id).collect(),
            ..AnchorIndex::default()
        };
        index.ranges.reserve(words.len());
        let mut start = 0;
        while start < words.len() {
            let mut end = start + 1;
            while end < words.len() && words[end].0 == words[start].0 {
                end += 1;
            }
            let len = words[start].0.len();
            index.lengths |= 1u64.checked_shl(len as u32).unwrap_or(0);
            index.longest = index.longest.max(len);
            index
                .ranges
                .insert(words[start].0.clone(), (start as u32, end as u32));
            start = end;
        }
        index
    }

    /// Every anchor that begins a word of `text`, in text order (anchors of
    /// one word shortest first).
    pub fn find(&self, text: &str, mut found: impl FnMut(Found)) {
        if self.ranges.is_empty() {
            return;
        }
        let bytes = text.as_bytes();
        let mut key = [0u8; 64];
        let mut i = 0;
        // A curly apostrophe ends a word as a straight one does ("arm’s"
        // holds the word "arm"); any other non-ASCII character is a letter.
        let word_at = |i: usize| is_wordish(bytes[i]) && !is_curly_quote(&bytes[i..]);
        while i < bytes.len() {
            if !word_at(i) {
                i += if is_curly_quote(&bytes[i..]) { 3 } else { 1 };
                continue;
            }
            let start = i;
            while i < bytes.len() && word_at(i) {
                i += 1;
            }
            let word = &bytes[start..i];
            let longest = word.len().min(self.longest).min(key.len());
            for (k, b) in word[..longest].iter().enumerate() {
                key[k] = b.to_ascii_lowercase();
            }
            for n in 1..=longest {
                if n < 64 && self.lengths & (1 << n) == 0 {
                    continue;
                }
                if let Some(&(from, to)) = self.ranges.get(&key[..n]) {
                    for &anchor in &self.ids[from as usize..to as usize] {
                        found(Found {
                            at: start,
                            anchor,
                            whole: n == word.len(),
                        });
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(anchors: &[&'static str], text: &str) -> Vec<(usize, u32, bool)> {
        let index = AnchorIndex::new(anchors.iter().map(|a| Cow::Borrowed(a.as_bytes())));
        let mut out = Vec::new();
        index.find(text, |f| out.push((f.at, f.anchor, f.whole)));
        out
    }

    #[test]
    fn anchors_are_found_at_word_starts_only() {
        assert_eq!(
            finds(&["read", "re", "on"], "Left it on READ, unread; reading"),
            vec![
                (8, 2, true),
                (11, 1, false),
                (11, 0, true),
                (25, 1, false),
                (25, 0, false)
            ]
        );
        // Inside a word, after a non-ASCII letter, or a digit: not a start.
        assert!(finds(&["read"], "caféread 9read").is_empty());
        assert_eq!(finds(&["café"], "Café! CAFÉ"), vec![(0, 0, true)]);
        assert_eq!(
            finds(&["arm", "s"], "arm’s arm's"),
            vec![(0, 0, true), (6, 1, true), (8, 0, true), (12, 1, true)]
        );
        assert!(finds(&[], "anything").is_empty());
        // One word can be two anchors (a whole word and a stem): both found.
        assert_eq!(
            finds(&["go", "went", "go"], "Go on"),
            vec![(0, 0, true), (0, 2, true)]
        );
    }
}
