//! `closer export`: the summary a user takes to therapy, as Markdown (the
//! default, to standard output), one HTML file, or JSON. Picks the period
//! (the last four weeks unless told), loads its days and the journal's
//! people, and hands them to [`crate::export`], which applies the privacy
//! rules and renders. `--out` writes the file atomically and privately.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;
use chrono::Duration;

use super::Context;
use crate::analysis::Period;
use crate::export::{self, EntriesShown, Options, render};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Html,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The first day (e.g. 2026-10-24, "4 weeks ago"; default: 27 days before --to).
    #[arg(long)]
    pub from: Option<String>,
    /// The last day, included (default: today).
    #[arg(long)]
    pub to: Option<String>,
    /// md (Markdown), html (one self-contained file) or json (the report's data, `"format": "closer-report"`).
    #[arg(long, value_enum, default_value = "md")]
    pub format: Format,
    /// Write to FILE (created private, replaced atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    /// Replace every person's name with their role, or Person A, Person B …
    #[arg(long)]
    pub redact: bool,
    /// Include entries marked private (left out by default).
    #[arg(long)]
    pub include_private: bool,
    /// Which entries to print in full: none, discuss (those flagged) or all.
    #[arg(long, value_enum, default_value = "discuss")]
    pub entries: EntriesShown,
}

fn period(ctx: &Context, args: &Args) -> anyhow::Result<Period> {
    let to = match &args.to {
        Some(d) => ctx.parse_day(d)?,
        None => ctx.today(),
    };
    let from = match &args.from {
        Some(d) => ctx.parse_day(d)?,
        None => to - Duration::days(27),
    };
    Ok(Period::range(from, to)?)
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let period = period(ctx, &args)?;
    let journal = ctx.open_journal()?;
    let needed = export::days_needed(&period, &ctx.settings.patterns);
    let (entries, detections) = journal.store.review_data(needed.from, needed.to)?;
    let people = journal.store.people()?;
    let options = Options {
        include_private: args.include_private,
        redact: args.redact,
        entries: args.entries,
    };
    let report = export::build(
        &entries,
        &detections,
        &people,
        &period,
        &ctx.settings.patterns,
        options,
    );
    let text = match args.format {
        Format::Md => render::markdown(&report),
        Format::Html => render::html(&report),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&report)?;
            s.push('\n');
            s
        }
    };
    match &args.out {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
        Some(path) => {
            write_private(path, text.as_bytes())?;
            eprintln!("wrote the export of {} to {}", period.label, path.display());
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` so that no reader ever sees half a file: a temp
/// file in the same folder (created 0600, as the journal is private), synced,
/// then renamed over `path`.
pub fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".closer-export-")
        .tempfile_in(dir)
        .with_context(|| {
            format!(
                "could not write in {}; check the folder exists",
                dir.display()
            )
        })?;
    // tempfile creates its files 0600 on Unix already; said here because the
    // export holds journal text and must stay as private as the journal.
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path)
        .map_err(|e| anyhow::anyhow!("could not save {}: {}", path.display(), e.error))?;
    Ok(())
}
