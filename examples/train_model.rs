//! Trains the built-in second opinion: `train_model OUT.bin LABELLED.jsonl...`.
use closer::rules::Family;
use closer::rules::model::{Example, Model, Training};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut texts: Vec<(String, Vec<(Family, String)>)> = Vec::new();
    for path in &args[1..] {
        let src = std::fs::read_to_string(path).unwrap();
        for line in src.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let mut labels = Vec::new();
            for (key, fam) in [
                ("signs", Family::Sign),
                ("triggers", Family::Trigger),
                ("thoughts", Family::Thought),
                ("steps", Family::Step),
            ] {
                for x in v[key].as_array().into_iter().flatten() {
                    labels.push((fam, x.as_str().unwrap().to_string()));
                }
            }
            texts.push((v["text"].as_str().unwrap_or("").to_string(), labels));
        }
    }
    let examples: Vec<Example> = texts
        .iter()
        .map(|(t, l)| Example {
            text: t,
            labels: l.iter().map(|(f, s)| (*f, s.as_str())).collect(),
        })
        .collect();
    let model = Model::train(&examples, Training::default());
    std::fs::write(&args[0], model.to_bytes()).unwrap();
    eprintln!("{} texts -> {}", texts.len(), args[0]);
}
