//! The terminal interface: `closer` with no command, `closer checkin`.
//!
//! Architecture: one [`app::App`] holds all state; screens turn keys into
//! [`action::Action`]s without doing any work; `App::update` is the only
//! place that touches the journal (through the same store and journal API as
//! the CLI); drawing only reads state. The loop here owns the terminal.
//!
//! Nothing typed is lost: the check-in is kept as a draft as it is written
//! (debounced), on Esc, Ctrl-C, SIGTERM or SIGHUP, and even after a panic,
//! which restores the terminal first.

pub mod action;
pub mod app;
pub mod form;
pub mod picker;
pub mod screens;
pub mod strings;
pub mod theme;

use std::io::Write;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crossterm::event::{self, Event, KeyEventKind};

pub use app::{App, Start};

use crate::config::Settings;
use crate::journal::{self, Journal};
use crate::store::Store;

/// What the TUI needs to start.
pub struct Options {
    pub db_path: PathBuf,
    pub rules_dir: PathBuf,
    pub settings: Settings,
    pub color: bool,
    pub start: Start,
}

/// Opens the journal and runs the TUI until the user quits.
pub fn run(options: Options) -> anyhow::Result<()> {
    // Opening the store first means a bad journal is reported as a plain
    // error, before the terminal is taken over.
    let store = Store::open(&options.db_path)?;
    let today = crate::clock::journal_day(crate::clock::now(), options.settings.day_starts_at);
    // Once a day a copy; a failure here must not keep anyone from writing.
    let backup_failed = store.daily_backup(today).err();
    let rules_dir = options.rules_dir.clone();
    let loading = std::thread::spawn(move || {
        let (engine, warnings) = journal::load_engine(&rules_dir);
        (std::sync::Arc::new(engine), warnings)
    });
    let journal = Journal::with_engine_loading(store, loading);
    let mut app = App::new(
        journal,
        options.settings,
        theme::Theme::new(options.color),
        options.start,
    )?;
    if let Some(e) = backup_failed {
        app.toast = Some(format!("Today's backup failed: {e}"));
    }

    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }

    let mut terminal = ratatui::init();
    let outcome = guarded(&mut app, |app| event_loop(&mut terminal, app, &stop));
    ratatui::restore();
    outcome
}

/// Runs `body`; whatever happens in it, a panic included, the check-in being
/// written is kept as a draft afterwards.
pub fn guarded(
    app: &mut App,
    body: impl FnOnce(&mut App) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| body(app)));
    let kept = app.save_draft_now();
    match outcome {
        Ok(result) => {
            result?;
            kept?;
            Ok(())
        }
        Err(_) => anyhow::bail!(
            "closer hit a bug and closed{}; please report it",
            if kept.is_ok() {
                ", keeping your check-in as a draft"
            } else {
                ""
            }
        ),
    }
}

/// Whether the terminal can still be written to. A terminal that went away
/// without a hang-up signal (its tmux server killed, say) reads as endless
/// end-of-file: crossterm's `/dev/tty` reader (see Cargo.toml) returns from
/// poll with no event and no error, and a draw that changes nothing writes
/// nothing. So each pass writes a no-op, "reset attributes", which every
/// draw ends with anyway: it fails once the terminal is gone, and closer
/// ends (keeping the check-in as a draft) instead of running on unseen.
fn terminal_is_there(terminal: &mut ratatui::DefaultTerminal) -> bool {
    let out = terminal.backend_mut();
    out.write_all(b"\x1b[0m").and_then(|()| out.flush()).is_ok()
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    loop {
        terminal.draw(|frame| app.draw(frame))?;
        if app.quit || stop.load(Ordering::Relaxed) || !terminal_is_there(terminal) {
            return Ok(());
        }
        if event::poll(app.next_wakeup(Instant::now()))? {
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => app.handle_key(key),
                // A resize is drawn by the next pass of the loop.
                _ => {}
            }
        }
        app.tick(Instant::now());
    }
}
