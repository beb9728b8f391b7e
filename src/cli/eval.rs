//! `closer eval`: how well the rules (built-in and yours) label a corpus.

use anyhow::Context as _;

use super::Context;
use crate::rules::{evaluate, parse_jsonl, render_report};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A labelled corpus: one {"id","text","signs","triggers","thoughts","steps"} per line.
    pub file: std::path::PathBuf,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read the corpus {}", args.file.display()))?;
    let entries = parse_jsonl(&text).with_context(|| format!("{}", args.file.display()))?;
    let report = evaluate(&ctx.engine()?, &entries);
    print!(
        "{}",
        crate::text::terminal::inert(&render_report(&report), true)
    );
    Ok(())
}
