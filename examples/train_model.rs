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
//! honest check of the whole engine, and neither is
//! `tests/data/rules/unseen.jsonl`, so that the model always has sets it
//! has not seen. Takes about forty seconds on two cores (16,508 texts in
//! session 29).
use anyhow::{Context, bail};
use closer::rules::eval;
use closer::rules::learned::{Example, Model, Training};

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
    let mut entries = Vec::new();
    for name in LABELLED {
        let path = format!("{}/tests/data/rules/{name}", env!("CARGO_MANIFEST_DIR"));
        let src = std::fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
        let parsed = eval::parse_jsonl(&src).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
        entries.extend(
            parsed
                .into_iter()
                .filter(|e| !leave_out.iter().any(|p| e.id.starts_with(p.as_str()))),
        );
    }
    let examples: Vec<Example> = entries
        .iter()
        .map(|e| Example {
            text: &e.text,
            labels: eval::SCORED
                .into_iter()
                .flat_map(|f| e.labels(f).iter().map(move |l| (f, l.as_str())))
                .collect(),
        })
        .collect();
    let model = Model::train(&examples, Training::default());
    std::fs::write(&out, model.to_bytes()).with_context(|| format!("writing {out}"))?;
    eprintln!("{} labelled texts -> {out}", entries.len());
    Ok(())
}
