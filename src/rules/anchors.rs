//! Finding the rules' anchor words in a text: every place a word starts
//! with one of them.
//!
//! Anchors are letters and digits, and the engine only wants them where a
//! word starts, so each word of the text walks a trie of the anchors, a byte
//! a step, reporting every anchor it passes: one walk finds the whole words
//! and the stems. The trie is built from the anchors in byte order (which is
//! how the precompiled rules number them) in one pass, without hashing, so a
//! one-shot `closer add` pays a few tens of microseconds for it instead of
//! building an aho-corasick automaton over two thousand words. Measured on
//! the dev corpus, the walk costs a quarter of the hash-map lookups of every
//! prefix that it replaced.

use std::borrow::Cow;

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

/// The anchor words, by their lower-case bytes, as a trie.
#[derive(Debug)]
pub struct AnchorIndex {
    /// Node 0 is the root (the empty word).
    nodes: Vec<Node>,
    /// Every node's edges, contiguous and sorted by byte: (byte, node).
    edges: Vec<(u8, u32)>,
    /// The root's child for each first byte, 0 for none: most words stop
    /// at the first step.
    first: Box<[u32; 256]>,
    /// Anchor ids, grouped by the node whose word they are.
    ids: Vec<u32>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Node {
    edges: (u32, u32),
    /// One word can be two anchors (a whole word and a stem).
    ids: (u32, u32),
}

impl Default for AnchorIndex {
    fn default() -> Self {
        AnchorIndex {
            nodes: vec![Node::default()],
            edges: Vec::new(),
            first: Box::new([0; 256]),
            ids: Vec::new(),
        }
    }
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
            nodes: Vec::with_capacity(words.len() * 3),
            ..AnchorIndex::default()
        };
        let keys: Vec<(&[u8], u32)> = words.iter().map(|(w, id)| (&**w, *id)).collect();
        index.build(&keys, 0);
        for &(b, child) in
            &index.edges[index.nodes[0].edges.0 as usize..index.nodes[0].edges.1 as usize]
        {
            index.first[b as usize] = child;
        }
        index
    }

    /// Adds the node for `words`, which share their first `depth` bytes,
    /// sorted; returns its number.
    fn build(&mut self, words: &[(&[u8], u32)], depth: usize) -> u32 {
        let me = self.nodes.len();
        self.nodes.push(Node::default());
        // A word that ends here sorts before every longer one.
        let ends = words.iter().take_while(|w| w.0.len() == depth).count();
        let ids_from = self.ids.len() as u32;
        self.ids.extend(words[..ends].iter().map(|w| w.1));
        let ids = (ids_from, self.ids.len() as u32);
        // The node's edges first, so they sit together; then the children,
        // each filling in its edge.
        let from = self.edges.len();
        let mut i = ends;
        while i < words.len() {
            let b = words[i].0[depth];
            i += words[i..].iter().take_while(|w| w.0[depth] == b).count();
            self.edges.push((b, 0));
        }
        let to = self.edges.len();
        self.nodes[me] = Node {
            edges: (from as u32, to as u32),
            ids,
        };
        let mut i = ends;
        for e in from..to {
            let b = self.edges[e].0;
            let j = i + words[i..].iter().take_while(|w| w.0[depth] == b).count();
            self.edges[e].1 = self.build(&words[i..j], depth + 1);
            i = j;
        }
        me as u32
    }

    fn child(&self, node: u32, b: u8) -> Option<u32> {
        let Node {
            edges: (from, to), ..
        } = self.nodes[node as usize];
        self.edges[from as usize..to as usize]
            .iter()
            .find(|e| e.0 == b)
            .map(|e| e.1)
    }

    /// Every anchor that begins a word of `text`, in text order (anchors of
    /// one word shortest first).
    pub fn find(&self, text: &str, mut found: impl FnMut(Found)) {
        if self.ids.is_empty() {
            return;
        }
        let bytes = text.as_bytes();
        let mut i = 0;
        // A curly apostrophe ends a word as a straight one does ("arm’s"
        // holds the word "arm"); any other non-ASCII character is a letter.
        let word_at = |i: usize| {
            let b = bytes[i];
            is_wordish(b) && (b != 0xE2 || !is_curly_quote(&bytes[i..]))
        };
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
            let mut node = self.first[word[0].to_ascii_lowercase() as usize];
            let mut n = 1;
            while node != 0 {
                let (from, to) = self.nodes[node as usize].ids;
                for &anchor in &self.ids[from as usize..to as usize] {
                    found(Found {
                        at: start,
                        anchor,
                        whole: n == word.len(),
                    });
                }
                if n == word.len() {
                    break;
                }
                node = self.child(node, word[n].to_ascii_lowercase()).unwrap_or(0);
                n += 1;
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
