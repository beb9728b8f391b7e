//! Spike: `closer::rules::model` as a second opinion beside the rules.
//!
//! `model_spike TRAIN.jsonl[,MORE...] TEST.jsonl RULES_DETECT.jsonl [EXCLUDE_PREFIXES]`
//! trains on the labelled texts (leaving out ids with the given prefixes),
//! then scores the test set: the rules alone, the model alone, and two ways
//! of combining them; and shows the model's evidence for a few additions.
use closer::rules::model::{Example, Model, Training};
use closer::rules::parse::{Mood, Negation, Subject};
use closer::rules::{Family, context, text};
use std::collections::{HashMap, HashSet};

const FAMILIES: [(&str, Family); 4] = [
    ("signs", Family::Sign),
    ("triggers", Family::Trigger),
    ("thoughts", Family::Thought),
    ("steps", Family::Step),
];

struct Doc {
    id: String,
    text: String,
    labels: HashSet<(Family, String)>,
}

fn load(path: &str, exclude: &[String]) -> Vec<Doc> {
    let src = std::fs::read_to_string(path).unwrap();
    src.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| {
            !exclude
                .iter()
                .any(|p| v["id"].as_str().unwrap().starts_with(p.as_str()))
        })
        .map(|v| {
            let mut labels = HashSet::new();
            for (key, fam) in FAMILIES {
                for x in v[key].as_array().into_iter().flatten() {
                    let l = x.as_str().or_else(|| x["id"].as_str()).unwrap().to_string();
                    labels.insert((fam, l));
                }
            }
            Doc {
                id: v["id"].as_str().unwrap().to_string(),
                text: v["text"].as_str().unwrap_or("").to_string(),
                labels,
            }
        })
        .collect()
}

fn passes_context(model: &Model, t: &str, family: Family, label: &str) -> bool {
    let Some(ev) = model.evidence(t, family, label, 1) else {
        return false;
    };
    let Some(gram) = ev.grams.first() else {
        return false;
    };
    let toks = text::tokens(t, ev.start, ev.end);
    let words: Vec<&str> = gram.split(' ').collect();
    let Some(first) = toks.iter().position(|tk| tk.norm == words[0]) else {
        return true;
    };
    let after = (first + words.len()).min(toks.len());
    let (subject, negation, mood) = match family {
        Family::Trigger => (Subject::Any, Negation::Ignore, Mood::Any),
        Family::Thought => (Subject::Author, Negation::Cancels, Mood::Any),
        _ => (Subject::Author, Negation::Cancels, Mood::Actual),
    };
    let verdict = context::check(&toks, first, after, subject, negation, mood);
    if std::env::var("SHOW").is_ok() {
        println!("  ctx {family:?}/{label} at {gram:?}: {verdict:?}");
    }
    verdict.is_ok()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let exclude: Vec<String> = args
        .get(3)
        .map(|s| s.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let train: Vec<Doc> = args[0].split(',').flat_map(|p| load(p, &exclude)).collect();
    let test = load(&args[1], &[]);
    let rules: HashMap<String, Doc> = load(&args[2], &[])
        .into_iter()
        .map(|d| (d.id.clone(), d))
        .collect();
    let t0 = std::time::Instant::now();
    let examples: Vec<Example> = train
        .iter()
        .map(|d| Example {
            text: &d.text,
            labels: d.labels.iter().map(|(f, l)| (*f, l.as_str())).collect(),
        })
        .collect();
    let trained = Model::train(&examples, Training::default());
    eprintln!("trained on {} texts in {:?}", train.len(), t0.elapsed());
    let bytes = trained.to_bytes();
    let model = Model::from_bytes(&bytes).unwrap();
    let total: usize = test.iter().map(|d| d.text.len()).sum();
    let t1 = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..20 {
        for d in &test {
            n += model.opinions(&d.text).len();
        }
    }
    let secs = t1.elapsed().as_secs_f64();
    eprintln!(
        "model {} bytes; opinions at {:.1} MB/s ({n})",
        bytes.len(),
        20.0 * total as f64 / secs / 1e6
    );
    // family -> [rules, m.5, u.8, i.1] x [tp, fp, fn]
    let mut cnt: HashMap<Family, [[usize; 3]; 4]> = HashMap::new();
    let mut shown = 0;
    for d in &test {
        for op in model.opinions(&d.text) {
            let key = (op.family, op.label.to_string());
            let g = d.labels.contains(&key);
            let r = rules.get(&d.id).is_some_and(|rd| rd.labels.contains(&key));
            let p = op.probability;
            // A model addition must pass the context checks at its heaviest gram.
            let add: f32 = std::env::var("ADD")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0.8);
            let checked = p > add && !r && passes_context(&model, &d.text, op.family, op.label);
            let calls = [r, p > 0.5, r || checked, (r && p > 0.1) || checked];
            let c = cnt.entry(op.family).or_default();
            for (k, &v) in calls.iter().enumerate() {
                c[k][0] += (g && v) as usize;
                c[k][1] += (!g && v) as usize;
                c[k][2] += (g && !v) as usize;
            }
            if !r && p > 0.8 && shown < 6 {
                shown += 1;
                if let Some(ev) = model.evidence(&d.text, op.family, op.label, 3) {
                    println!(
                        "{} {}/{} p={p:.2} {}: \"{}\" {:?}",
                        d.id,
                        op.family.as_str(),
                        op.label,
                        if g { "right" } else { "WRONG" },
                        &d.text[ev.start..ev.end],
                        ev.grams
                    );
                }
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
    for (key, fam) in FAMILIES {
        let c = cnt.get(&fam).copied().unwrap_or_default();
        println!(
            "{key:9} rules {}  m.5 {}  u.8 {}  i.1 {}",
            show(c[0]),
            show(c[1]),
            show(c[2]),
            show(c[3])
        );
    }
}
