//! `closer demo`: a journal of eight weeks of believable check-ins, written
//! through the journal so their detections are stored, so that a newcomer
//! sees a full review at once.
//!
//! It never touches a journal that already has entries unless told to with
//! `--force`, and even then it only adds: the demo entries are tagged
//! `#demo` so they can be found (`closer list --tag demo`) and deleted, and
//! nothing of the user's is changed or removed.

use anyhow::bail;

use super::Context;
use crate::demo;
use crate::model::Section;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Add the demo entries to a journal that already has entries (tagged #demo; nothing is deleted).
    #[arg(long)]
    pub force: bool,
    /// How many weeks of entries to write, ending today.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=520))]
    pub weeks: u32,
    /// The seed of the generator: the same seed writes the same journal.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let path = ctx.db_path.display().to_string();
    let existing = {
        let store = ctx.open_store()?;
        store.count_entries()? + store.trash()?.len()
    };
    if existing > 0 && !args.force {
        bail!(
            "the journal at {path} already has {existing} entries, and the demo never mixes into a real journal: \
             run `closer --db /tmp/demo.db demo` for a separate demo journal, or add --force to add the demo entries here (tagged #demo; nothing is deleted)"
        );
    }
    let mut entries = demo::weeks(ctx.today(), args.weeks, *ctx.now.offset(), args.seed);
    if existing > 0 {
        for e in &mut entries {
            match e.sections.last_mut() {
                Some(last) => {
                    last.answer.push_str(" #demo");
                    e.text = Section::joined_answers(&e.sections);
                }
                None => e.text.push_str(" #demo"),
            }
        }
    }
    let mut journal = ctx.open_journal()?;
    let ids = journal.add_many(&entries, ctx.now)?;
    println!(
        "wrote {} demo entries over {} weeks to {path}",
        ids.len(),
        args.weeks
    );
    eprintln!(
        "try `closer --db {path} review`, `closer --db {path} review --week last` or `closer --db {path} list`"
    );
    Ok(())
}
