//! A learned second opinion beside the rules: one logistic regression per
//! label over the words and word pairs of an entry (tf-idf weighted), trained
//! on labelled entries. Pure: text in, probabilities out; training is a
//! plain function over examples.
//!
//! Why: phrase rules fitted on one writer's sets barely carry to the next
//! writer's (see `tests/rules_holdout.rs`); a linear model over words carries
//! further. How the engine uses it, with the thresholds and what they were
//! measured to do, is [`super::second_opinion`].
//!
//! Explainable like a rule: [`Model::evidence`] names the sentence that
//! weighs most for a label and the words in it that weigh most.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::Family;
use super::text;

/// Words as the usual tf-idf tokenisers find them: runs of two or more
/// letters, digits or underscores, lower-cased.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if cur.chars().nth(1).is_some() {
            out.push(std::mem::take(cur));
        }
        cur.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            cur.extend(c.to_lowercase());
        } else {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// The words and each pair of neighbouring words.
fn grams(text: &str) -> Vec<String> {
    let w = words(text);
    let pairs: Vec<String> = w.windows(2).map(|p| format!("{} {}", p[0], p[1])).collect();
    let mut all = w;
    all.extend(pairs);
    all
}

/// Turns text into a sparse, unit-length tf-idf vector.
#[derive(Debug, Clone)]
pub struct Featurizer {
    /// Feature number -> gram, for evidence and for saving.
    grams: Vec<String>,
    /// Feature number by the gram's FNV-1a hash, so scoring needs no `String`.
    by_hash: HashMap<u64, u32, BuildHasherDefault<AlreadyHashed>>,
    /// Per feature: smoothed inverse document frequency.
    idf: Vec<f32>,
}

impl Featurizer {
    /// Keeps every gram found in at least `min_docs` of `texts`.
    pub fn fit<'a>(texts: impl IntoIterator<Item = &'a str>, min_docs: u32) -> Featurizer {
        let mut df: HashMap<String, u32> = HashMap::new();
        let mut n = 0u32;
        for t in texts {
            n += 1;
            let mut seen = grams(t);
            seen.sort_unstable();
            seen.dedup();
            for g in seen {
                *df.entry(g).or_default() += 1;
            }
        }
        let mut kept: Vec<(String, u32)> = df.into_iter().filter(|&(_, d)| d >= min_docs).collect();
        kept.sort_unstable();
        let mut grams = Vec::with_capacity(kept.len());
        let mut idf = Vec::with_capacity(kept.len());
        for (g, d) in kept {
            grams.push(g);
            idf.push(((1.0 + n as f32) / (1.0 + d as f32)).ln() + 1.0);
        }
        Featurizer::new(grams, idf)
    }

    fn new(grams: Vec<String>, idf: Vec<f32>) -> Featurizer {
        let by_hash = grams
            .iter()
            .enumerate()
            .map(|(i, g)| (fnv(FNV_START, g.as_bytes()), i as u32))
            .collect();
        Featurizer {
            grams,
            by_hash,
            idf,
        }
    }

    /// Calls `found` with the hash of every word and word pair of `text`,
    /// lower-cased and paired as [`grams`] does, without allocating.
    fn gram_hashes(text: &str, mut found: impl FnMut(u64)) {
        // The hash of the last word of two or more letters; the current
        // word's hash and letter count; and the hash of the pair it would
        // make with the last word, built byte by byte beside it so that the
        // word's bytes need not be kept.
        let mut prev: Option<u64> = None;
        let mut cur = FNV_START;
        let mut pair = 0u64;
        let mut chars = 0usize;
        let mut end = |cur: u64, pair: u64, chars: usize, prev: &mut Option<u64>| {
            // A one-letter word is skipped, and pairs form across it.
            if chars >= 2 {
                found(cur);
                if prev.is_some() {
                    found(pair);
                }
                *prev = Some(cur);
            }
        };
        let mut buf = [0u8; 4];
        for c in text.chars() {
            // ASCII, nearly all of journal text, skips the Unicode tables;
            // the answer is the same.
            let letter = if c.is_ascii() {
                c.is_ascii_alphanumeric() || c == '_'
            } else {
                c.is_alphanumeric()
            };
            if letter {
                if chars == 0 {
                    pair = prev.map_or(0, |p| fnv(p, b" "));
                }
                if c.is_ascii() {
                    chars += 1;
                    let l = [c.to_ascii_lowercase() as u8];
                    cur = fnv(cur, &l);
                    pair = fnv(pair, &l);
                } else {
                    // Counted after lower-casing, as [`words`] counts: "İ"
                    // lower-cases to two letters, so it is a word.
                    for l in c.to_lowercase() {
                        chars += 1;
                        let e = l.encode_utf8(&mut buf).as_bytes();
                        cur = fnv(cur, e);
                        pair = fnv(pair, e);
                    }
                }
            } else if chars > 0 {
                end(cur, pair, chars, &mut prev);
                (cur, chars) = (FNV_START, 0);
            }
        }
        if chars > 0 {
            end(cur, pair, chars, &mut prev);
        }
    }

    pub fn len(&self) -> usize {
        self.idf.len()
    }

    pub fn is_empty(&self) -> bool {
        self.idf.is_empty()
    }

    /// Sublinear tf times idf, scaled to unit length; sorted by feature.
    pub fn features(&self, text: &str) -> Vec<(u32, f32)> {
        let mut hits: Vec<u32> = Vec::new();
        Featurizer::gram_hashes(text, |h| {
            if let Some(&i) = self.by_hash.get(&h) {
                hits.push(i);
            }
        });
        hits.sort_unstable();
        let mut v: Vec<(u32, f32)> = Vec::with_capacity(hits.len());
        for i in hits {
            match v.last_mut() {
                Some(last) if last.0 == i => last.1 += 1.0,
                _ => v.push((i, 1.0)),
            }
        }
        for x in &mut v {
            let idf = self.idf[x.0 as usize];
            // Most grams occur once, and 1 + ln 1 is exactly 1: no `ln` call.
            x.1 = if x.1 == 1.0 {
                idf
            } else {
                (1.0 + x.1.ln()) * idf
            };
        }
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            for x in &mut v {
                x.1 /= norm;
            }
        }
        v
    }

    /// The gram behind a feature number, for showing evidence.
    fn gram(&self, feature: u32) -> Option<&str> {
        self.grams.get(feature as usize).map(String::as_str)
    }
}

/// One label of the model; its weights are in [`Model::by_feature`].
#[derive(Debug, Clone)]
pub struct LabelModel {
    pub family: Family,
    pub label: String,
    bias: f32,
}

/// A labelled text to learn from.
pub struct Example<'a> {
    pub text: &'a str,
    /// (family, label) pairs the text carries.
    pub labels: Vec<(Family, &'a str)>,
}

/// How to train.
#[derive(Debug, Clone, Copy)]
pub struct Training {
    /// A gram must occur in this many texts to be a feature.
    pub min_docs: u32,
    /// Inverse strength of the L2 penalty, as scikit-learn's `C`.
    pub c: f32,
    pub steps: usize,
    pub learning_rate: f32,
    /// Labels seen on fewer texts than this get no model.
    pub min_examples: usize,
}

impl Default for Training {
    fn default() -> Self {
        // Measured: these reproduce scikit-learn's lbfgs results on the
        // project's labelled texts.
        Training {
            min_docs: 2,
            c: 4.0,
            steps: 1000,
            learning_rate: 4.0,
            min_examples: 5,
        }
    }
}

/// The trained model.
#[derive(Debug, Clone)]
pub struct Model {
    featurizer: Featurizer,
    labels: Vec<LabelModel>,
    /// Every label's weight for feature `i` at `i * labels.len()..`: the
    /// features of a text are then read once for all labels, not once per
    /// label, in the same order, so the sums are the same to the bit.
    by_feature: Vec<f32>,
    /// FNV-1a of the saved form it was read from (or would be saved as).
    fingerprint: u64,
}

/// A label and how likely the model finds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Opinion<'m> {
    pub family: Family,
    pub label: &'m str,
    pub probability: f32,
}

/// A sentence's place in the text and its features.
#[derive(Debug, Clone)]
pub struct SentenceFeatures {
    pub start: usize,
    pub end: usize,
    features: Vec<(u32, f32)>,
}

/// Why the model gives a label: the sentence that weighs most, and its
/// heaviest grams.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelEvidence {
    pub start: usize,
    pub end: usize,
    pub grams: Vec<String>,
}

/// The keys of [`Featurizer::by_hash`] are hashes already: hashing them
/// again (SipHash, the default) is wasted work on every word.
#[derive(Default)]
struct AlreadyHashed(u64);

impl Hasher for AlreadyHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; anything else still hashes, plainly.
        self.0 = fnv(self.0 ^ FNV_START, bytes);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

impl Model {
    /// Trains one balanced, L2-penalised logistic regression per label by
    /// full-batch gradient descent with Nesterov momentum: deterministic,
    /// the same model from the same examples.
    pub fn train(examples: &[Example<'_>], settings: Training) -> Model {
        let featurizer = Featurizer::fit(examples.iter().map(|e| e.text), settings.min_docs);
        let xs: Vec<Vec<(u32, f32)>> = examples
            .iter()
            .map(|e| featurizer.features(e.text))
            .collect();
        let mut names: Vec<(Family, &str)> = examples
            .iter()
            .flat_map(|e| e.labels.iter().copied())
            .collect();
        names.sort_unstable_by_key(|&(f, l)| (f.as_str(), l));
        names.dedup();
        let mut labels = Vec::new();
        let mut weights = Vec::new();
        for (family, label) in names {
            let ys: Vec<bool> = examples
                .iter()
                .map(|e| e.labels.contains(&(family, label)))
                .collect();
            if ys.iter().filter(|&&y| y).count() < settings.min_examples {
                continue;
            }
            let (w, bias) = fit_one(&xs, &ys, featurizer.len(), settings);
            labels.push(LabelModel {
                family,
                label: label.to_string(),
                bias,
            });
            weights.push(w);
        }
        let mut model = Model::assemble(featurizer, labels, &weights, 0);
        model.fingerprint = fnv(FNV_START, &model.to_bytes());
        model
    }

    /// `weights[l]` are label `l`'s, one per feature.
    fn assemble(
        featurizer: Featurizer,
        labels: Vec<LabelModel>,
        weights: &[Vec<f32>],
        fingerprint: u64,
    ) -> Model {
        let mut by_feature = vec![0f32; featurizer.len() * labels.len()];
        for (l, w) in weights.iter().enumerate().take(labels.len()) {
            for (i, &w) in w.iter().enumerate().take(featurizer.len()) {
                by_feature[i * labels.len() + l] = w;
            }
        }
        Model {
            featurizer,
            labels,
            by_feature,
            fingerprint,
        }
    }

    /// Label `l`'s weight for feature `i`.
    fn weight(&self, l: usize, i: u32) -> f32 {
        self.by_feature[i as usize * self.labels.len() + l]
    }

    fn logit(&self, l: usize, x: &[(u32, f32)]) -> f32 {
        self.labels[l].bias + x.iter().map(|&(i, v)| self.weight(l, i) * v).sum::<f32>()
    }

    /// A stable hash of the model's saved form: a new model means stored
    /// detections are analysed again.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The labels the model knows, with their families.
    pub fn labels(&self) -> impl Iterator<Item = (Family, &str)> {
        self.labels.iter().map(|m| (m.family, m.label.as_str()))
    }

    /// Every label's probability for `text`.
    pub fn opinions(&self, text: &str) -> Vec<Opinion<'_>> {
        let x = self.featurizer.features(text);
        let n = self.labels.len();
        let mut sums = vec![0f32; n];
        for &(i, v) in &x {
            let row = &self.by_feature[i as usize * n..][..n];
            for (sum, w) in sums.iter_mut().zip(row) {
                *sum += w * v;
            }
        }
        self.labels
            .iter()
            .zip(sums)
            .map(|(m, sum)| Opinion {
                family: m.family,
                label: &m.label,
                probability: sigmoid(m.bias + sum),
            })
            .collect()
    }

    /// Each sentence of `text` with its features, for [`Model::evidence_in`]:
    /// computed once when several labels need evidence.
    pub fn sentences(&self, text: &str) -> Vec<SentenceFeatures> {
        text::sentences(text)
            .into_iter()
            .map(|(start, end)| SentenceFeatures {
                start,
                end,
                features: self.featurizer.features(&text[start..end]),
            })
            .collect()
    }

    /// The sentence of `text` that speaks most for `label`, and up to
    /// `top` of its grams that weigh most.
    pub fn evidence(
        &self,
        text: &str,
        family: Family,
        label: &str,
        top: usize,
    ) -> Option<ModelEvidence> {
        self.evidence_in(&self.sentences(text), family, label, top)
    }

    /// [`Model::evidence`] over sentences already featurised.
    pub fn evidence_in(
        &self,
        sentences: &[SentenceFeatures],
        family: Family,
        label: &str,
        top: usize,
    ) -> Option<ModelEvidence> {
        let l = self
            .labels
            .iter()
            .position(|m| m.family == family && m.label == label)?;
        let best = sentences.iter().max_by(|a, b| {
            self.logit(l, &a.features)
                .total_cmp(&self.logit(l, &b.features))
        })?;
        let (start, end, x) = (best.start, best.end, &best.features);
        let mut weighed: Vec<(f32, u32)> = x
            .iter()
            .map(|&(i, v)| (self.weight(l, i) * v, i))
            .filter(|&(w, _)| w > 0.0)
            .collect();
        weighed.sort_by(|a, b| b.0.total_cmp(&a.0));
        let grams = weighed
            .into_iter()
            .take(top)
            .filter_map(|(_, i)| self.featurizer.gram(i).map(str::to_string))
            .collect();
        Some(ModelEvidence { start, end, grams })
    }
}

/// The model as bytes: "CLM1", then the grams (each a u16 length and its
/// UTF-8), their idf (f32), and per label its family, name, bias, scale and
/// one i8 weight per gram. Weights are kept to 8 bits against the label's
/// largest: the probabilities move by under 0.01.
impl Model {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = b"CLM1".to_vec();
        let f = &self.featurizer;
        out.extend((f.grams.len() as u32).to_le_bytes());
        for (g, idf) in f.grams.iter().zip(&f.idf) {
            out.extend((g.len() as u16).to_le_bytes());
            out.extend(g.as_bytes());
            out.extend(idf.to_le_bytes());
        }
        out.extend((self.labels.len() as u32).to_le_bytes());
        for (l, m) in self.labels.iter().enumerate() {
            out.push(m.family as u8);
            out.extend((m.label.len() as u16).to_le_bytes());
            out.extend(m.label.as_bytes());
            out.extend(m.bias.to_le_bytes());
            let weights = (0..f.len() as u32).map(|i| self.weight(l, i));
            let scale = weights.clone().fold(0f32, |a, w| a.max(w.abs())) / 127.0;
            out.extend(scale.to_le_bytes());
            out.extend(weights.map(|w| {
                if scale > 0.0 {
                    (w / scale).round() as i8 as u8
                } else {
                    0
                }
            }));
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let mut at = 0usize;
        let mut take = |n: usize| -> Result<&[u8], String> {
            let s = bytes.get(at..at + n).ok_or("the model data ends early")?;
            at += n;
            Ok(s)
        };
        if take(4)? != b"CLM1" {
            return Err("not a closer model (no CLM1 header)".into());
        }
        let u32_of = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let f32_of = |b: &[u8]| f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let n = u32_of(take(4)?) as usize;
        let mut grams = Vec::with_capacity(n.min(bytes.len()));
        let mut idf = Vec::with_capacity(n.min(bytes.len()));
        for _ in 0..n {
            let len = u16::from_le_bytes([take(1)?[0], take(1)?[0]]) as usize;
            let g = std::str::from_utf8(take(len)?).map_err(|e| e.to_string())?;
            grams.push(g.to_string());
            idf.push(f32_of(take(4)?));
        }
        let labels_n = u32_of(take(4)?) as usize;
        let mut labels = Vec::with_capacity(labels_n.min(256));
        let mut weights = Vec::with_capacity(labels_n.min(256));
        for _ in 0..labels_n {
            let family = match take(1)?[0] {
                0 => Family::Sign,
                1 => Family::Trigger,
                2 => Family::Thought,
                3 => Family::Step,
                4 => Family::Safety,
                f => return Err(format!("unknown family {f} in the model data")),
            };
            let len = u16::from_le_bytes([take(1)?[0], take(1)?[0]]) as usize;
            let label = std::str::from_utf8(take(len)?)
                .map_err(|e| e.to_string())?
                .to_string();
            let bias = f32_of(take(4)?);
            let scale = f32_of(take(4)?);
            weights.push(take(n)?.iter().map(|&b| b as i8 as f32 * scale).collect());
            labels.push(LabelModel {
                family,
                label,
                bias,
            });
        }
        Ok(Model::assemble(
            Featurizer::new(grams, idf),
            labels,
            &weights,
            fnv(FNV_START, bytes),
        ))
    }
}

fn fit_one(xs: &[Vec<(u32, f32)>], ys: &[bool], dims: usize, s: Training) -> (Vec<f32>, f32) {
    let n = xs.len() as f32;
    let pos = ys.iter().filter(|&&y| y).count() as f32;
    // Balanced classes: each side weighs as much in total.
    let w_pos = n / (2.0 * pos.max(1.0));
    let w_neg = n / (2.0 * (n - pos).max(1.0));
    let momentum = 0.9f32;
    let (mut w, mut vw, mut ahead, mut grad) = (
        vec![0f32; dims],
        vec![0f32; dims],
        vec![0f32; dims],
        vec![0f32; dims],
    );
    let (mut b, mut vb) = (0f32, 0f32);
    for _ in 0..s.steps {
        for i in 0..dims {
            ahead[i] = w[i] + momentum * vw[i];
        }
        let b_ahead = b + momentum * vb;
        grad.iter_mut().for_each(|g| *g = 0.0);
        let mut gb = 0f32;
        for (x, &y) in xs.iter().zip(ys) {
            let z = b_ahead + x.iter().map(|&(i, v)| ahead[i as usize] * v).sum::<f32>();
            let g = if y { w_pos } else { w_neg } * (sigmoid(z) - if y { 1.0 } else { 0.0 });
            for &(i, v) in x {
                grad[i as usize] += g * v;
            }
            gb += g;
        }
        // The mean loss plus |w|^2 / (2 C n), as scikit-learn weighs them.
        for i in 0..dims {
            let g = grad[i] / n + ahead[i] / (s.c * n);
            vw[i] = momentum * vw[i] - s.learning_rate * g;
            w[i] += vw[i];
        }
        vb = momentum * vb - s.learning_rate * gb / n;
        b += vb;
    }
    (w, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_pairs_are_lower_case_runs_of_two_or_more() {
        assert_eq!(
            words("I left Sam on READ, k?"),
            vec!["left", "sam", "on", "read"]
        );
        assert_eq!(grams("Left it")[2], "left it");
    }

    #[test]
    fn hashed_grams_are_the_hashes_of_the_grams() {
        let text = "I left Sam on READ, k? Café olé";
        let mut hashed = Vec::new();
        Featurizer::gram_hashes(text, |h| hashed.push(h));
        let mut expected: Vec<u64> = grams(text)
            .iter()
            .map(|g| fnv(FNV_START, g.as_bytes()))
            .collect();
        hashed.sort_unstable();
        expected.sort_unstable();
        assert_eq!(hashed, expected);
    }

    proptest::proptest! {
        #[test]
        fn hashed_grams_match_the_grams_on_any_text(text in "([a-zA-Z0-9_İÉéß ,.'!🙂ـ]{0,6} ?){0,12}|\\PC{0,40}") {
            let mut hashed = Vec::new();
            Featurizer::gram_hashes(&text, |h| hashed.push(h));
            let mut expected: Vec<u64> = grams(&text)
                .iter()
                .map(|g| fnv(FNV_START, g.as_bytes()))
                .collect();
            hashed.sort_unstable();
            expected.sort_unstable();
            proptest::prop_assert_eq!(hashed, expected);
        }
    }

    #[test]
    fn features_are_unit_length_and_skip_unknown_grams() {
        let f = Featurizer::fit(["left it on read", "left the party", "on read"], 2);
        let x = f.features("Left it ON READ, totally unknown words");
        let norm: f32 = x.iter().map(|v| v.1 * v.1).sum();
        assert!((norm - 1.0).abs() < 1e-5, "{norm}");
        assert!(f.features("nothing known here").is_empty());
    }

    fn toy() -> Model {
        let texts = [
            ("left her on read again", true),
            ("left his text on read", true),
            ("left them on read all week", true),
            ("kept leaving it on read", true),
            ("saw the message and left it on read", true),
            ("called mum and we talked", false),
            ("went for a run by the river", false),
            ("made dinner and watched a film", false),
            ("read a book on the train", false),
            ("she left early for work", false),
        ];
        let examples: Vec<Example> = texts
            .iter()
            .map(|&(t, sign)| Example {
                text: t,
                labels: if sign {
                    vec![(Family::Sign, "ignored-contact")]
                } else {
                    vec![]
                },
            })
            .collect();
        Model::train(
            &examples,
            Training {
                min_docs: 1,
                min_examples: 3,
                steps: 300,
                ..Training::default()
            },
        )
    }

    #[test]
    fn a_trained_label_tells_its_texts_from_the_others() {
        let m = toy();
        let p = |t: &str| m.opinions(t)[0].probability;
        assert!(p("I left Jo on read") > 0.5, "{}", p("I left Jo on read"));
        assert!(
            p("went for a run with Jo") < 0.5,
            "{}",
            p("went for a run with Jo")
        );
    }

    #[test]
    fn evidence_is_the_sentence_that_weighs_most() {
        let m = toy();
        let text = "Went for a run. Then I left Jo on read. Made dinner.";
        let ev = m
            .evidence(text, Family::Sign, "ignored-contact", 2)
            .expect("evidence");
        assert_eq!(&text[ev.start..ev.end], "Then I left Jo on read.");
        assert!(
            ev.grams.iter().any(|g| g.contains("read")),
            "{:?}",
            ev.grams
        );
        assert!(m.evidence(text, Family::Sign, "curt-reply", 2).is_none());
    }

    #[test]
    fn a_model_read_back_from_bytes_gives_nearly_the_same_opinions() {
        let m = toy();
        let back = Model::from_bytes(&m.to_bytes()).expect("reads back");
        for t in ["left it on read", "went for a run", "left Jo on read again"] {
            let (a, b) = (m.opinions(t), back.opinions(t));
            assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(&b) {
                assert_eq!((x.family, x.label), (y.family, y.label));
                assert!(
                    (x.probability - y.probability).abs() < 0.01,
                    "{t}: {x:?} {y:?}"
                );
            }
        }
        assert!(Model::from_bytes(b"nope").is_err());
        assert!(Model::from_bytes(&m.to_bytes()[..20]).is_err());
    }

    #[test]
    fn training_is_deterministic() {
        let (a, b) = (toy(), toy());
        let t = "left it on read";
        assert_eq!(a.opinions(t), b.opinions(t));
    }
}
