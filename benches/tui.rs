//! The TUI's first frame on a 100,000-entry journal: opening the journal,
//! gathering Home (streak, this week's signs, yesterday's small step, open
//! repairs) and drawing it. Target: under 50 ms.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate};
use closer::config::Settings;
use closer::demo::{DemoOptions, journal};
use closer::journal::Journal;
use closer::rules::Engine;
use closer::store::Store;
use closer::tui::theme::Theme;
use closer::tui::{App, Start};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

struct Fixture {
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-20T21:30:00+00:00").expect("time")
}

static ENGINE: LazyLock<std::sync::Arc<Engine>> =
    LazyLock::new(|| std::sync::Arc::new(Engine::builtin()));

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("journal.db");
    let store = Store::open(&db).expect("create");
    let (mut j, _) = Journal::new(store, Engine::builtin(), now()).expect("journal");
    let entries = journal(&DemoOptions {
        seed: 2026,
        end: NaiveDate::from_ymd_opt(2026, 11, 19).expect("date"),
        entries: 100_000,
        offset: FixedOffset::east_opt(0).expect("offset"),
    });
    for chunk in entries.chunks(10_000) {
        j.add_many(chunk, now()).expect("fill");
    }
    Fixture { _dir: dir, db }
});

fn main() {
    LazyLock::force(&FIXTURE);
    LazyLock::force(&ENGINE);
    divan::main();
}

/// From a closed journal to Home drawn: what a user waits for. The rule
/// engine loads on its own thread and is not waited for.
#[divan::bench(sample_count = 50)]
fn first_frame() {
    let store = Store::open(&FIXTURE.db).expect("open");
    // The engine loads on its own thread in real use; here one built engine
    // is shared so the bench measures the frame, not fifty engine builds.
    let loading = std::thread::spawn(|| (std::sync::Arc::clone(&ENGINE), Vec::new()));
    let journal = Journal::with_engine_loading(store, loading);
    let app = App::with_clock(
        journal,
        Settings::default(),
        Theme::new(true),
        Start::Home,
        now,
    )
    .expect("app");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal.draw(|f| app.draw(f)).expect("draw");
    divan::black_box(terminal);
}
