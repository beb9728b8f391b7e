//! `closer backup` and `closer doctor`, and `closer restore` when it is
//! given a backup file rather than an entry id.

use std::path::{Path, PathBuf};

use super::Context;
use super::output::print_json;
use crate::store::{backup, doctor};

#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// Where to write the copy (default: backups/ beside the journal, named by the time).
    pub path: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct DoctorArgs {
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

pub fn run_backup(ctx: &Context, args: BackupArgs) -> anyhow::Result<()> {
    let store = ctx.open_store()?;
    let dest = match args.path {
        Some(p) => p,
        None => backup::backups_dir(&ctx.db_path).join(format!(
            "{}-{}-manual-{}.db",
            ctx.db_path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("journal"),
            ctx.today(),
            ctx.now.format("%H%M%S")
        )),
    };
    if dest.exists() {
        anyhow::bail!(
            "{} already exists; name a new file (closer never overwrites one)",
            dest.display()
        );
    }
    store.backup_to(&dest)?;
    println!("backed up the journal to {}", dest.display());
    Ok(())
}

/// Whether `closer restore X` names a backup file rather than an entry.
pub fn is_backup_path(arg: &str) -> bool {
    let p = Path::new(arg);
    arg.contains('/') || arg.ends_with(".db") || p.is_file()
}

pub fn run_restore_journal(ctx: &Context, from: &Path) -> anyhow::Result<()> {
    let mut store = ctx.open_store()?;
    let saved = store.restore_from(from, ctx.today())?;
    println!(
        "restored the journal from {}; the journal as it was is kept in {}",
        from.display(),
        saved.display()
    );
    Ok(())
}

pub fn run_doctor(ctx: &Context, args: DoctorArgs) -> anyhow::Result<()> {
    let report = doctor::examine(&ctx.db_path);
    if args.json {
        print_json(&report)?;
    } else {
        println!("journal: {}", ctx.db_path.display());
        for f in &report.findings {
            let mark = if f.ok {
                ctx.painter.accent("ok  ")
            } else {
                ctx.painter.bold("!!  ")
            };
            println!("{mark}{:<18} {}", f.check, f.detail);
        }
        let locked = report
            .findings
            .iter()
            .any(|f| f.check == "encryption" && !f.ok);
        if locked {
            println!(
                "\nIf you encrypted this journal, run `closer doctor` again with its passphrase (at a terminal, or CLOSER_PASSPHRASE_FILE); what follows assumes it is damaged."
            );
        }
        if report.damaged {
            match &report.good_backup {
                Some(good) => println!(
                    "\nThe journal is damaged. To restore the newest good backup (the damaged file is kept beside it):\n  cp '{}' '{}.damaged' && closer restore '{}'",
                    ctx.db_path.display(),
                    ctx.db_path.display(),
                    good.display()
                ),
                None => println!(
                    "\nThe journal is damaged and no intact backup was found. Keep a copy of the file before anything else:\n  cp '{}' '{}.damaged'\nSQLite's `.recover` command (sqlite3 '{}' .recover) can often save most of it.",
                    ctx.db_path.display(),
                    ctx.db_path.display(),
                    ctx.db_path.display()
                ),
            }
        }
    }
    if report.healthy() {
        Ok(())
    } else {
        anyhow::bail!("closer doctor found problems (see above)")
    }
}
