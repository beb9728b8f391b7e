//! `closer import FILE`: reads closer's backup, jrnl's or Day One's JSON
//! export into the journal. The file is read and every record checked
//! (`crate::import`, pure) before the journal is even opened, so a bad file
//! changes nothing; the write is one transaction (`Journal::import`). Prints
//! one line of counts, never entry text.

use std::path::PathBuf;

use anyhow::Context as _;

use super::Context;
use crate::import::{self, Format, MAX_FILE_BYTES, ParseOptions};
use crate::store::{ImportCounts, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file to import (JSON).
    pub file: PathBuf,
    /// closer (a backup from `closer export --format json`), jrnl (`jrnl --export json`) or
    /// dayone (Day One's JSON export); guessed from the file when not given.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Read and check the file and say what would change, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let shown = args.file.display().to_string();
    let size = std::fs::metadata(&args.file)
        .with_context(|| format!("cannot read {shown}; check the path"))?
        .len();
    if size > MAX_FILE_BYTES {
        anyhow::bail!(
            "{shown} is {} MB, over closer's import limit of {} MB; nothing was imported: split the export into smaller files",
            size / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        );
    }
    let bytes = std::fs::read(&args.file).with_context(|| format!("cannot read {shown}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{shown} is not UTF-8 text (a bad byte at offset {}); nothing was imported: is it the JSON export?",
            e.utf8_error().valid_up_to()
        )
    })?;
    let fail = |e: import::ParseError| anyhow::anyhow!("{shown}: {e}; nothing was imported");
    let format = match args.format {
        Some(f) => f,
        None => import::sniff(&text).map_err(fail)?,
    };
    let options = ParseOptions {
        offset: *ctx.now.offset(),
        day_starts_at: ctx.settings.day_starts_at,
    };
    let parsed = import::parse(&text, format, options).map_err(fail)?;
    drop(text);
    for w in &parsed.warnings {
        eprintln!("closer: note: {w}");
    }
    if args.dry_run {
        // A dry run never creates a journal: with none, everything is new.
        let counts = if ctx.db_path.exists() {
            ctx.open_store()?.import_plan(&parsed)?.0
        } else {
            Store::open_in_memory()?.import_plan(&parsed)?.0
        };
        println!(
            "would import {} (a dry run: nothing was written)",
            summary(&counts, format)
        );
        return Ok(());
    }
    let mut journal = ctx.open_journal()?;
    let counts = journal
        .import(&parsed, ctx.now)
        .with_context(|| format!("importing {shown} failed; nothing was imported"))?;
    println!("imported {}", summary(&counts, format));
    if counts.safety > 0 {
        let p = &ctx.painter;
        eprintln!(
            "\n{}\n",
            p.bold(&crate::journal::import_safety_note(counts.safety))
        );
    }
    if counts.trash_copies > 0 {
        eprintln!(
            "closer: the journal's older text of {} replaced entries is kept in the trash (`closer trash`)",
            counts.trash_copies
        );
    }
    Ok(())
}

/// "12 entries from jrnl (3 already there, 1 updated); detections computed for 13".
fn summary(c: &ImportCounts, format: Format) -> String {
    let mut parts = vec![
        format!("{} already there", c.same),
        format!("{} updated", c.updated),
    ];
    if c.kept > 0 {
        parts.push(format!(
            "{} kept as they were: the journal's copy is newer",
            c.kept
        ));
    }
    format!(
        "{} {} from {} ({}); detections computed for {}",
        c.added,
        if c.added == 1 { "entry" } else { "entries" },
        format.name(),
        parts.join(", "),
        c.analysed
    )
}
