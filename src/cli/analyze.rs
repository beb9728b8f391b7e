//! `closer analyze`: run the rules over every entry again.

use super::Context;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &Context, _args: Args) -> anyhow::Result<()> {
    let store = ctx.open_store()?;
    let engine = ctx.engine()?;
    let (mut journal, _) = crate::journal::Journal::new(store, engine, ctx.now)?;
    let n = journal.reanalyse(ctx.now)?;
    println!(
        "analysed {n} entries with rules {}; what you confirmed, dismissed or added is kept",
        journal.engine().version()
    );
    Ok(())
}
