//! `closer export`: the summary a user takes to therapy, as Markdown (the
//! default, to standard output), one HTML file or the report's JSON; or the
//! whole journal as closer's backup format (`--format json`, read back by
//! `closer import`). Picks the period (for a summary the last four weeks
//! unless told; for a backup everything unless told), loads its days and the
//! journal's people, and hands them to [`crate::export`], which applies the
//! privacy rules and renders. `--out` writes the file atomically and
//! privately.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;
use chrono::Duration;

use super::Context;
use crate::analysis::Period;
use crate::export::backup::{self, BackupOptions};
use crate::export::{self, EntriesShown, Options, render};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Html,
    /// The backup format (`"format": "closer"`), see docs/backup-format.md.
    Json,
    /// The summary's data as JSON (`"format": "closer-report"`).
    Report,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The first day (e.g. 2026-10-24, "4 weeks ago"; default: 27 days before --to, or for
    /// json the first entry).
    #[arg(long)]
    pub from: Option<String>,
    /// The last day, included (default: today, or for json the last entry).
    #[arg(long)]
    pub to: Option<String>,
    /// md (Markdown), html (one self-contained file), json (a full backup `closer import`
    /// reads: every entry, trash included, unless --from/--to) or report (the summary's data
    /// as JSON, `"format": "closer-report"`).
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
    /// Which entries to print in full: none, discuss (those flagged) or all (not for json,
    /// which holds every entry).
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
    if args.format == Format::Json {
        return run_backup(ctx, &args);
    }
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
        Format::Report | Format::Json => {
            let mut s = serde_json::to_string_pretty(&report)?;
            s.push('\n');
            s
        }
    };
    emit(&args, &text, &period.label)
}

/// Standard output, or `--out` written privately.
fn emit(args: &Args, text: &str, what: &str) -> anyhow::Result<()> {
    match &args.out {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
        Some(path) => {
            write_private(path, text.as_bytes())?;
            eprintln!("wrote the export of {what} to {}", path.display());
        }
    }
    Ok(())
}

/// `--format json`: the backup of the whole journal, or of the days
/// `--from`/`--to` name (each bound optional).
fn run_backup(ctx: &Context, args: &Args) -> anyhow::Result<()> {
    let from = args.from.as_deref().map(|d| ctx.parse_day(d)).transpose()?;
    let to = args.to.as_deref().map(|d| ctx.parse_day(d)).transpose()?;
    if let (Some(f), Some(t)) = (from, to) {
        // The same check and message as a summary's period.
        Period::range(f, t)?;
    }
    let journal = ctx.open_journal()?;
    let (entries, detections) = journal.store.backup_data(from, to)?;
    let people = journal.store.people()?;
    let options = BackupOptions {
        include_private: args.include_private,
        redact: args.redact,
    };
    let built = backup::build(
        &entries,
        &detections,
        &people,
        &ctx.settings,
        (from, to),
        ctx.now,
        options,
    );
    let mut text = serde_json::to_string_pretty(&backup::to_value(&built, &people))?;
    text.push('\n');
    // Said on standard error so a user making a backup notices what it lacks.
    if built.private_left_out > 0 {
        eprintln!(
            "closer: {} private entries were left out; add --include-private for a complete backup",
            built.private_left_out
        );
    }
    if args.redact {
        eprintln!(
            "closer: names were replaced (--redact): this file is not a faithful backup of your journal"
        );
    }
    let what = match (from, to) {
        (None, None) => "the whole journal".to_string(),
        _ => format!(
            "{} to {}",
            from.map_or("the first entry".to_string(), |d| d.to_string()),
            to.map_or("the last entry".to_string(), |d| d.to_string())
        ),
    };
    emit(args, &text, &what)
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
