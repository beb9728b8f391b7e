//! Spike: a linear second opinion beside the rules.
//!
//! `model_spike TRAIN.jsonl[,MORE.jsonl...] TEST.jsonl RULES_DETECT.jsonl [EXCLUDE_PREFIXES]`
//! trains one logistic regression per label on word uni- and bigrams
//! (tf-idf, sublinear, l2), then scores the test set: rules alone, model
//! alone and two ways of combining them.
use std::collections::{HashMap, HashSet};

const FAMILIES: [&str; 4] = ["signs", "triggers", "thoughts", "steps"];

struct Doc {
    id: String,
    text: String,
    labels: HashMap<&'static str, HashSet<String>>,
}

fn load(path: &str, exclude: &[String]) -> Vec<Doc> {
    let src = std::fs::read_to_string(path).unwrap();
    src.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| {
            let id = v["id"].as_str().unwrap();
            !exclude.iter().any(|p| id.starts_with(p.as_str()))
        })
        .map(|v| {
            let mut labels = HashMap::new();
            for f in FAMILIES {
                let set = v[f]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|x| {
                                x.as_str()
                                    .map(str::to_string)
                                    .unwrap_or_else(|| x["id"].as_str().unwrap().to_string())
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                labels.insert(f, set);
            }
            Doc {
                id: v["id"].as_str().unwrap().to_string(),
                text: v["text"].as_str().unwrap_or("").to_string(),
                labels,
            }
        })
        .collect()
}

/// Words as sklearn's default token pattern finds them: runs of two or more
/// word characters, lower-cased.
fn words(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in lower.chars() {
        if c.is_alphanumeric() || c == '_' {
            cur.push(c);
        } else {
            if cur.chars().count() >= 2 {
                out.push(std::mem::take(&mut cur));
            }
            cur.clear();
        }
    }
    if cur.chars().count() >= 2 {
        out.push(cur);
    }
    out
}

fn grams(text: &str) -> Vec<String> {
    let w = words(text);
    let mut g: Vec<String> = w.clone();
    g.extend(w.windows(2).map(|p| format!("{} {}", p[0], p[1])));
    g
}

struct Vectorizer {
    vocab: HashMap<String, u32>,
    idf: Vec<f32>,
}

impl Vectorizer {
    fn fit(docs: &[Doc]) -> Vectorizer {
        let mut df: HashMap<String, u32> = HashMap::new();
        for d in docs {
            let set: HashSet<String> = grams(&d.text).into_iter().collect();
            for g in set {
                *df.entry(g).or_default() += 1;
            }
        }
        let mut kept: Vec<(String, u32)> = df.into_iter().filter(|(_, n)| *n >= 2).collect();
        kept.sort();
        let n = docs.len() as f32;
        let mut vocab = HashMap::new();
        let mut idf = Vec::new();
        for (i, (g, d)) in kept.into_iter().enumerate() {
            vocab.insert(g, i as u32);
            idf.push(((1.0 + n) / (1.0 + d as f32)).ln() + 1.0);
        }
        Vectorizer { vocab, idf }
    }

    fn transform(&self, text: &str) -> Vec<(u32, f32)> {
        let mut tf: HashMap<u32, f32> = HashMap::new();
        for g in grams(text) {
            if let Some(&i) = self.vocab.get(&g) {
                *tf.entry(i).or_default() += 1.0;
            }
        }
        let mut v: Vec<(u32, f32)> = tf
            .into_iter()
            .map(|(i, c)| (i, (1.0 + c.ln()) * self.idf[i as usize]))
            .collect();
        v.sort_by_key(|x| x.0);
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            for x in &mut v {
                x.1 /= norm;
            }
        }
        v
    }
}

/// Balanced-class, L2-regularised logistic regression by full-batch
/// gradient descent with momentum (Nesterov); deterministic.
fn train(xs: &[Vec<(u32, f32)>], ys: &[bool], dims: usize, c: f32, iters: usize) -> (Vec<f32>, f32) {
    let n = xs.len() as f32;
    let pos = ys.iter().filter(|&&y| y).count() as f32;
    let wpos = n / (2.0 * pos.max(1.0));
    let wneg = n / (2.0 * (n - pos).max(1.0));
    let mut w = vec![0f32; dims];
    let mut b = 0f32;
    let mut vw = vec![0f32; dims];
    let mut vb = 0f32;
    let lr: f32 = std::env::var("LR").ok().and_then(|s| s.parse().ok()).unwrap_or(0.5);
    let mom = 0.9f32;
    let mut grad = vec![0f32; dims];
    for _ in 0..iters {
        // Look-ahead point.
        let la: Vec<f32> = w.iter().zip(&vw).map(|(w, v)| w + mom * v).collect();
        let lab = b + mom * vb;
        grad.iter_mut().for_each(|g| *g = 0.0);
        let mut gb = 0f32;
        for (x, &y) in xs.iter().zip(ys) {
            let z: f32 = lab + x.iter().map(|&(i, v)| la[i as usize] * v).sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            let sw = if y { wpos } else { wneg };
            let g = sw * (p - if y { 1.0 } else { 0.0 });
            for &(i, v) in x {
                grad[i as usize] += g * v;
            }
            gb += g;
        }
        // Objective: C * sum(loss) + 0.5 * |w|^2, scaled by 1/(C n).
        let scale = 1.0 / n;
        for i in 0..dims {
            let g = grad[i] * scale + la[i] / (c * n);
            vw[i] = mom * vw[i] - lr * g;
            w[i] += vw[i];
        }
        vb = mom * vb - lr * gb * scale;
        b += vb;
    }
    (w, b)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let exclude: Vec<String> = args
        .get(3)
        .map(|s| s.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let mut train_docs = Vec::new();
    for p in args[0].split(',') {
        train_docs.extend(load(p, &exclude));
    }
    let test = load(&args[1], &[]);
    let rules: HashMap<String, Doc> = load(&args[2], &[])
        .into_iter()
        .map(|d| (d.id.clone(), d))
        .collect();
    let iters: usize = std::env::var("ITERS").ok().and_then(|s| s.parse().ok()).unwrap_or(300);
    let t0 = std::time::Instant::now();
    let vec = Vectorizer::fit(&train_docs);
    let xs: Vec<_> = train_docs.iter().map(|d| vec.transform(&d.text)).collect();
    let xt: Vec<_> = test.iter().map(|d| vec.transform(&d.text)).collect();
    eprintln!("vocab {} docs {} ({:?})", vec.idf.len(), xs.len(), t0.elapsed());
    for f in FAMILIES {
        let mut labels: Vec<&String> = train_docs
            .iter()
            .flat_map(|d| d.labels[f].iter())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        labels.sort();
        // rules, model>.5, u.8, i.1
        let mut cnt = [[0usize; 3]; 4];
        for lab in labels {
            let ys: Vec<bool> = train_docs.iter().map(|d| d.labels[f].contains(lab)).collect();
            if ys.iter().filter(|&&y| y).count() < 5 {
                continue;
            }
            let (w, b) = train(&xs, &ys, vec.idf.len(), 4.0, iters);
            for (d, x) in test.iter().zip(&xt) {
                let z = b + x.iter().map(|&(i, v)| w[i as usize] * v).sum::<f32>();
                let p = 1.0 / (1.0 + (-z).exp());
                let g = d.labels[f].contains(lab);
                let r = rules.get(&d.id).is_some_and(|rd| rd.labels[f].contains(lab));
                let calls = [r, p > 0.5, r || p > 0.8, (r && p > 0.1) || p > 0.8];
                for (k, &v) in calls.iter().enumerate() {
                    cnt[k][0] += (g && v) as usize;
                    cnt[k][1] += (!g && v) as usize;
                    cnt[k][2] += (g && !v) as usize;
                }
            }
        }
        let show = |c: [usize; 3]| {
            format!(
                "{:.2}/{:.2}",
                c[0] as f32 / (c[0] + c[1]).max(1) as f32,
                c[0] as f32 / (c[0] + c[2]).max(1) as f32
            )
        };
        println!(
            "{f:9} rules {}  m.5 {}  u.8 {}  i.1 {}",
            show(cnt[0]),
            show(cnt[1]),
            show(cnt[2]),
            show(cnt[3])
        );
    }
    eprintln!("total {:?}", t0.elapsed());
}
