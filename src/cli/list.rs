//! `closer list` and `closer trash`: entries, newest first.

use super::Context;
use super::output::{entry_line, print_json};
use crate::model::Entry;
use crate::store::{ListFilter, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// From this day on (e.g. 2026-11-01, monday, "3 days ago").
    #[arg(long)]
    pub from: Option<String>,
    /// Up to and including this day.
    #[arg(long)]
    pub to: Option<String>,
    /// Only entries with this person (a name or an alias).
    #[arg(long, short = 'p')]
    pub person: Option<String>,
    /// Only entries with this tag.
    #[arg(long, short = 't')]
    pub tag: Option<String>,
    /// Only checkin, note or weekly entries.
    #[arg(long, value_parser = ["checkin", "note", "weekly"])]
    pub kind: Option<String>,
    /// Only entries where this sign was found, e.g. ignored-contact (`closer catalog` lists them).
    #[arg(long, value_name = "SIGN")]
    pub sign: Option<String>,
    /// At most this many entries.
    #[arg(short = 'n', long = "limit", value_name = "N")]
    pub limit: Option<usize>,
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct TrashArgs {
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let filter = ListFilter {
        from: args.from.as_deref().map(|d| ctx.parse_day(d)).transpose()?,
        to: args.to.as_deref().map(|d| ctx.parse_day(d)).transpose()?,
        person: args.person,
        tag: args.tag,
        kind: args
            .kind
            .as_deref()
            .map(crate::model::EntryKind::parse)
            .transpose()?,
        label: args
            .sign
            .as_deref()
            .map(|s| super::label::parse_label(&format!("signs/{s}")))
            .transpose()?,
        limit: args.limit,
    };
    if let (Some(from), Some(to)) = (filter.from, filter.to)
        && from > to
    {
        anyhow::bail!("--from {from} is after --to {to}; swap them");
    }
    // Filtering by a sign needs detections that are up to date with the rules.
    let store = if filter.label.is_some() {
        ctx.open_journal()?.store
    } else {
        ctx.open_store()?
    };
    let entries = store.list(&filter)?;
    print_entries(
        ctx,
        &store,
        &entries,
        args.json,
        "no entries match; `closer add` writes one",
    )
}

pub fn run_trash(ctx: &Context, args: TrashArgs) -> anyhow::Result<()> {
    let store = ctx.open_store()?;
    let entries = store.trash()?;
    print_entries(ctx, &store, &entries, args.json, "the trash is empty")
}

fn print_entries(
    ctx: &Context,
    store: &Store,
    entries: &[Entry],
    json: bool,
    when_empty: &str,
) -> anyhow::Result<()> {
    if json {
        return print_json(&entries);
    }
    if entries.is_empty() {
        eprintln!("{when_empty}");
        return Ok(());
    }
    for entry in entries {
        let short = store.short_id(&entry.id)?;
        println!("{}", entry_line(&ctx.painter, entry, &short));
    }
    Ok(())
}
