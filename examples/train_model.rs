//! Trains the second opinion built into closer (`rules/model.bin`) from the
//! project's own labelled texts under `tests/data/rules/`:
//!
//! ```text
//! cargo run --release --example train_model [-- [--leave-out PREFIX,...] [OUT.bin]]
//! ```
//!
//! Run it after adding labelled texts; the model is the same for the same
//! texts (training is deterministic). `--leave-out` skips the entries whose
//! id starts with one of the prefixes, to measure on sets the model has not
//! seen. The shared dev corpus is never trained on, so that it stays an
//! honest check of the whole engine. Takes ~30 s on two cores.
use anyhow::{Context, bail};
use closer::rules::Family;
use closer::rules::model::{Example, Model, Training};

const LABELLED: [&str; 3] = ["examples.jsonl", "fresh.jsonl", "holdout.jsonl"];

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut leave_out: Vec<String> = Vec::new();
    let mut out = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/model.bin").to_string();
    while let Some(arg) = args.next() {
        if arg == "--leave-out" {
            let list = args.next().context("--leave-out needs PREFIX,...")?;
            leave_out.extend(list.split(',').map(str::to_string));
        } else if arg.starts_with('-') {
            bail!("unknown option {arg}; usage: train_model [--leave-out PREFIX,...] [OUT.bin]");
        } else {
            out = arg;
        }
    }
    let mut texts: Vec<(String, Vec<(Family, String)>)> = Vec::new();
    for name in LABELLED {
        let path = format!("{}/tests/data/rules/{name}", env!("CARGO_MANIFEST_DIR"));
        let src = std::fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
        for (n, line) in src
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let v: serde_json::Value =
                serde_json::from_str(line).with_context(|| format!("{path}:{}", n + 1))?;
            let id = v["id"].as_str().unwrap_or("");
            if leave_out.iter().any(|p| id.starts_with(p.as_str())) {
                continue;
            }
            let mut labels = Vec::new();
            for family in [Family::Sign, Family::Trigger, Family::Thought, Family::Step] {
                for x in v[family.as_str()].as_array().into_iter().flatten() {
                    let label = x.as_str().or_else(|| x["id"].as_str());
                    labels.push((family, label.unwrap_or_default().to_string()));
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
    std::fs::write(&out, model.to_bytes()).with_context(|| format!("writing {out}"))?;
    eprintln!("{} labelled texts -> {out}", texts.len());
    Ok(())
}
