//! The command line: parse arguments, resolve settings, run one command.
//!
//! Each subcommand lives in its own module as an `Args` struct and a `run`
//! function; they stay thin, calling the store, rules and analysis APIs that
//! the TUI uses too. Errors surface here, printed as one line.

mod add;
mod analyze;
mod backup;
mod catalog;
mod completions;
mod delete;
mod demo;
mod detect;
mod edit;
mod editor;
mod encrypt;
mod eval;
mod explain;
mod export;
mod import;
mod label;
mod list;
mod output;
mod people;
mod review;
mod search;
mod show;
mod status;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::{Parser, Subcommand};

use crate::clock;
use crate::config::Settings;
use crate::dates;
use crate::journal::{self, Journal};
use crate::paths;
use crate::rules::Engine;
use crate::store::Store;

pub use output::Painter;

/// closer: a private journal for noticing when you push people away.
#[derive(Debug, Parser)]
#[command(name = "closer", version, about, long_about = None)]
pub struct Cli {
    /// The journal file (default: ~/.local/share/closer/journal.db).
    #[arg(long, global = true, env = paths::DB_ENV, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// No colour in the output (NO_COLOR is honoured too).
    #[arg(long, global = true)]
    pub no_color: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open tonight's check-in in the terminal interface.
    Checkin,
    /// Write an entry (from TEXT, standard input, or your editor).
    Add(add::Args),
    /// List entries, newest first.
    List(list::Args),
    /// Show one entry in full.
    Show(show::Args),
    /// Change an entry: its text in your editor, or its details with flags.
    Edit(edit::Args),
    /// Move an entry to the trash.
    Delete(delete::DeleteArgs),
    /// Bring an entry back from the trash; given a backup file, restore the journal from it.
    Restore(delete::RestoreArgs),
    /// List the entries in the trash.
    Trash(list::TrashArgs),
    /// Search the journal's text.
    Search(search::Args),
    /// The people in the journal; give them aliases and roles.
    People(people::PeopleArgs),
    /// The tags in the journal, with counts.
    Tags(people::TagsArgs),
    /// Show an entry with each detection's evidence highlighted and the rule behind it.
    Explain(explain::Args),
    /// Confirm or dismiss a detection, or add a label the rules missed.
    Label(label::Args),
    /// Run the rules over every entry again (closer does this itself when the rules change).
    Analyze(analyze::Args),
    /// Find signs, triggers, thoughts and steps in text (JSON Lines in and out; no journal needed).
    Detect(detect::Args),
    /// Score the rules against a labelled corpus (JSON Lines in the catalog's format).
    Eval(eval::Args),
    /// The signs, triggers, thoughts and steps closer knows, and what can help.
    Catalog(catalog::Args),
    /// One short line of what is due (check-in, weekly review, repairs), for a shell prompt.
    Status(status::Args),
    /// Copy the journal (with SQLite's online backup) to PATH or to backups/.
    Backup(backup::BackupArgs),
    /// Check the journal: integrity, schema, permissions, backups, location.
    Doctor(backup::DoctorArgs),
    /// Print a shell completion script.
    Completions(completions::Args),
    /// The weekly review: signs, what set them off, steps, people, small steps.
    Review(review::Args),
    /// Write eight weeks of believable demo entries (to an empty journal, or with --force).
    Demo(demo::Args),
    /// A summary for your therapist (Markdown or one HTML file), or a full backup (JSON); private by default.
    Export(export::Args),
    /// Encrypt the journal with a passphrase (asked for, or CLOSER_PASSPHRASE_FILE).
    Encrypt(encrypt::EncryptArgs),
    /// Turn an encrypted journal back into a plain one.
    Decrypt(encrypt::DecryptArgs),
    /// Change the passphrase of an encrypted journal (new one: asked twice, or CLOSER_NEW_PASSPHRASE_FILE).
    Passwd(encrypt::PasswdArgs),
    /// Bring in a closer backup, a jrnl export or a Day One export (all or nothing).
    Import(import::Args),
}

/// What every command may need: where the journal is, the settings, the
/// clock, and how to print.
pub struct Context {
    pub db_path: PathBuf,
    pub settings: Settings,
    pub now: DateTime<FixedOffset>,
    pub painter: Painter,
    /// Colour in the TUI: on unless --no-color or NO_COLOR.
    pub tui_color: bool,
}

impl Context {
    fn new(cli: &Cli) -> anyhow::Result<Context> {
        let db_path = match &cli.db {
            Some(p) => p.clone(),
            None => paths::default_db()?,
        };
        let settings = Settings::load(&paths::config_file()?)?;
        let wants_color =
            !cli.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let color = wants_color && std::io::stdout().is_terminal();
        Ok(Context {
            db_path,
            settings,
            now: clock::now(),
            painter: Painter::new(color),
            tui_color: wants_color,
        })
    }

    pub fn open_store(&self) -> anyhow::Result<Store> {
        Ok(Store::open(&self.db_path)?)
    }

    /// The rule engine with the user's rule files; problems in those files
    /// are warned about and the rest carries on.
    pub fn engine(&self) -> anyhow::Result<Engine> {
        let (engine, warnings) = journal::load_engine(&paths::user_rules_dir()?);
        for w in warnings {
            eprintln!("closer: warning: {}", crate::text::terminal::one_line(&w));
        }
        Ok(engine)
    }

    /// The journal with its rules, its detections brought up to date.
    pub fn open_journal(&self) -> anyhow::Result<Journal> {
        let store = self.open_store()?;
        // Once a day, before the first write, a copy of the journal.
        if let Err(e) = store.daily_backup(self.today()) {
            eprintln!("closer: warning: today's backup failed: {e}");
        }
        // Not loaded on a second thread while the store opens: measured,
        // a thread's own malloc arena made `closer add` slower, not faster.
        let (journal, reanalysed) = Journal::new(store, self.engine()?, self.now)?;
        journal.keep_engine_until_exit();
        if reanalysed > 0 {
            eprintln!("closer: the rules changed; analysed {reanalysed} entries again");
        }
        Ok(journal)
    }

    /// The journal day it is now.
    pub fn today(&self) -> NaiveDate {
        clock::journal_day(self.now, self.settings.day_starts_at)
    }

    /// Parses a date the user typed, relative to today.
    pub fn parse_day(&self, input: &str) -> anyhow::Result<NaiveDate> {
        Ok(dates::parse_day(input, self.today())?)
    }
}

/// Runs closer with the process's arguments; the binary's whole `main`.
pub fn main() -> ExitCode {
    install_panic_hook();
    reset_sigpipe();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let ctx = Context::new(&cli)?;
    match cli.command {
        None if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() => {
            run_tui(&ctx, crate::tui::Start::Home)
        }
        None => show::overview(&ctx),
        Some(Command::Checkin) => run_tui(&ctx, crate::tui::Start::Checkin),
        Some(Command::Add(args)) => add::run(&ctx, args),
        Some(Command::List(args)) => list::run(&ctx, args),
        Some(Command::Show(args)) => show::run(&ctx, args),
        Some(Command::Edit(args)) => edit::run(&ctx, args),
        Some(Command::Delete(args)) => delete::run_delete(&ctx, args),
        Some(Command::Restore(args)) if backup::is_backup_path(&args.id) => {
            backup::run_restore_journal(&ctx, std::path::Path::new(&args.id))
        }
        Some(Command::Restore(args)) => delete::run_restore(&ctx, args),
        Some(Command::Trash(args)) => list::run_trash(&ctx, args),
        Some(Command::Search(args)) => search::run(&ctx, args),
        Some(Command::People(args)) => people::run_people(&ctx, args),
        Some(Command::Tags(args)) => people::run_tags(&ctx, args),
        Some(Command::Explain(args)) => explain::run(&ctx, args),
        Some(Command::Label(args)) => label::run(&ctx, args),
        Some(Command::Analyze(args)) => analyze::run(&ctx, args),
        Some(Command::Detect(args)) => detect::run(&ctx, args),
        Some(Command::Eval(args)) => eval::run(&ctx, args),
        Some(Command::Catalog(args)) => catalog::run(args),
        Some(Command::Status(args)) => status::run(&ctx, args),
        Some(Command::Backup(args)) => backup::run_backup(&ctx, args),
        Some(Command::Doctor(args)) => backup::run_doctor(&ctx, args),
        Some(Command::Completions(args)) => completions::run(args),
        Some(Command::Review(args)) => review::run(&ctx, args),
        Some(Command::Demo(args)) => demo::run(&ctx, args),
        Some(Command::Export(args)) => export::run(&ctx, args),
        Some(Command::Encrypt(args)) => encrypt::run_encrypt(&ctx, args),
        Some(Command::Decrypt(args)) => encrypt::run_decrypt(&ctx, args),
        Some(Command::Passwd(args)) => encrypt::run_passwd(&ctx, args),
        Some(Command::Import(args)) => import::run(&ctx, args),
    }
}

fn run_tui(ctx: &Context, start: crate::tui::Start) -> anyhow::Result<()> {
    crate::tui::run(crate::tui::Options {
        db_path: ctx.db_path.clone(),
        rules_dir: paths::user_rules_dir()?,
        settings: ctx.settings.clone(),
        color: ctx.tui_color,
        start,
    })
}

/// Prints an error as one line (its causes joined), made safe for the
/// terminal since a path or id in it came from the user.
fn report(e: &anyhow::Error) {
    let mut message = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !message.contains(&cause) {
            message.push_str(": ");
            message.push_str(&cause);
        }
    }
    eprintln!("closer: {}", crate::text::terminal::one_line(&message));
}

/// `closer list | head` should end quietly when `head` stops reading, as
/// other Unix tools do, rather than report a broken pipe as an error.
fn reset_sigpipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE at start-up,
    // before any thread exists, is sound.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// A panic must never print entry text (Rust's own message for a bad string
/// slice quotes the string), so the hook names only where it happened.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "closer: internal error{place}. Nothing more was written; your saved entries are safe. Please report this."
        );
    }));
}
