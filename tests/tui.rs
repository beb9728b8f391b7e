//! The TUI without a terminal: keys in, state and drawn screens out, on a
//! fixed journal and a fixed clock. Every screen is snapshotted at 80x24 and
//! 120x40 (ratatui's TestBackend + insta).

use chrono::{DateTime, FixedOffset, NaiveDate};
use closer::config::Settings;
use closer::demo::{DemoOptions, journal};
use closer::journal::Journal;
use closer::rules::Engine;
use closer::store::Store;
use closer::tui::app::Screen;
use closer::tui::theme::Theme;
use closer::tui::{App, Start};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-20T21:30:00+01:00").expect("time")
}

fn empty_journal() -> Journal {
    let store = Store::open_in_memory().expect("store");
    Journal::new(store, Engine::builtin(), now())
        .expect("journal")
        .0
}

/// Four weeks of the demo journal ending the evening before "now".
fn demo_journal() -> Journal {
    let mut j = empty_journal();
    let entries = journal(&DemoOptions {
        seed: 11,
        end: NaiveDate::from_ymd_opt(2026, 11, 19).expect("date"),
        entries: 30,
        offset: FixedOffset::east_opt(3600).expect("offset"),
    });
    j.add_many(&entries, now()).expect("demo entries");
    j
}

fn app(journal: Journal, start: Start) -> App {
    App::with_clock(journal, Settings::default(), Theme::new(false), start, now).expect("app")
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(key(KeyCode::Char(c)));
    }
}

fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| app.draw(f)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let line: String = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn snapshot_both(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), render(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), render(app, 120, 40));
}

#[test]
fn home_on_an_empty_journal() {
    let app = app(empty_journal(), Start::Home);
    snapshot_both("home_empty", &app);
}

#[test]
fn home_with_a_journal() {
    let app = app(demo_journal(), Start::Home);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("This week's signs"));
    assert!(
        screen.contains("in a row") || screen.contains("No streak"),
        "{screen}"
    );
    assert!(!screen.contains("No signs noticed this week"), "{screen}");
    snapshot_both("home_demo", &app);
}

#[test]
fn a_whole_checkin_is_saved_with_its_decisions() {
    let mut app = app(demo_journal(), Start::Home);
    app.handle_key(key(KeyCode::Char('c')));
    assert!(matches!(app.screen, Screen::Checkin(_)));
    snapshot_both("checkin_mood", &app);
    app.handle_key(key(KeyCode::Char('2'))); // mood, moves on
    app.handle_key(key(KeyCode::Char('8'))); // urge
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Sam");
    app.handle_key(key(KeyCode::Enter));
    snapshot_both("checkin_people", &app);
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Sam wanted to talk about moving in.");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Left his message on read and went to bed.");
    snapshot_both("checkin_answer", &app);
    for _ in 0..4 {
        app.handle_key(key(KeyCode::Tab));
    }
    let screen = render(&app, 80, 24);
    assert!(screen.contains("What closer noticed"), "{screen}");
    assert!(screen.contains("ignored-contact"), "{screen}");
    snapshot_both("checkin_review", &app);
    app.handle_key(ctrl('s'));
    assert!(matches!(app.screen, Screen::Home(_)));
    let saved = app.journal.store.list(&Default::default()).expect("list");
    let tonight = saved
        .iter()
        .find(|e| e.day.to_string() == "2026-11-20")
        .expect("saved tonight");
    assert_eq!(tonight.mood, Some(2));
    assert_eq!(tonight.urge, Some(8));
    assert_eq!(tonight.people, ["Sam"]);
    assert_eq!(tonight.sections.len(), 2);
    assert!(
        app.journal.store.draft("checkin").expect("draft").is_none(),
        "saving discards the draft"
    );
    assert!(render(&app, 80, 24).contains("You checked in tonight"));
}

#[test]
fn esc_keeps_the_checkin_as_a_draft_and_c_brings_it_back() {
    let mut app = app(empty_journal(), Start::Checkin);
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Half a thought");
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(app.screen, Screen::Home(_)));
    assert!(app.journal.store.draft("checkin").expect("draft").is_some());
    assert!(render(&app, 80, 24).contains("unsaved check-in"));
    app.handle_key(key(KeyCode::Char('c')));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Half a thought"), "{screen}");
}

#[test]
fn a_draft_is_saved_while_typing_once_the_keys_pause() {
    let mut app = app(empty_journal(), Start::Checkin);
    app.handle_key(key(KeyCode::Char('3')));
    assert!(app.journal.store.draft("checkin").expect("draft").is_none());
    // Time is passed in, so no test waits for it.
    app.tick(std::time::Instant::now() + std::time::Duration::from_secs(3));
    assert!(app.journal.store.draft("checkin").expect("draft").is_some());
}

#[test]
fn opening_the_checkin_again_edits_tonights() {
    let mut app = app(empty_journal(), Start::Checkin);
    app.handle_key(key(KeyCode::Char('4')));
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('c')));
    match &app.screen {
        Screen::Checkin(form) => {
            assert!(
                form.editing.is_some(),
                "tonight's check-in is edited, not duplicated"
            );
            assert_eq!(form.mood, Some(4));
        }
        _ => panic!("the check-in should be open"),
    }
    app.handle_key(key(KeyCode::Right));
    app.handle_key(ctrl('s'));
    let all = app.journal.store.list(&Default::default()).expect("list");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].mood, Some(5));
}

#[test]
fn entries_search_open_delete_and_undo() {
    let mut app = app(demo_journal(), Start::Home);
    app.handle_key(key(KeyCode::Char('e')));
    snapshot_both("entries", &app);
    app.handle_key(key(KeyCode::Char('/')));
    type_text(&mut app, "voicemail");
    app.handle_key(key(KeyCode::Enter));
    let count = match &app.screen {
        Screen::Entries(state) => {
            assert!(
                state
                    .entries
                    .iter()
                    .all(|e| e.text.to_lowercase().contains("voicemail"))
            );
            state.entries.len()
        }
        _ => panic!("entries should be shown"),
    };
    assert!(count > 0);
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.screen, Screen::Entry(_)));
    snapshot_both("entry", &app);
    app.handle_key(key(KeyCode::Char('d')));
    assert!(render(&app, 80, 24).contains("trash"));
    app.handle_key(key(KeyCode::Char('y')));
    match &app.screen {
        Screen::Entries(state) => assert_eq!(state.entries.len(), count - 1),
        _ => panic!("back on the list after deleting"),
    }
    app.handle_key(key(KeyCode::Char('u')));
    match &app.screen {
        Screen::Entries(state) => assert_eq!(state.entries.len(), count),
        _ => panic!("still on the list"),
    }
}

#[test]
fn help_lists_the_keys_of_the_screen() {
    let mut app = app(empty_journal(), Start::Home);
    app.handle_key(key(KeyCode::Char('?')));
    snapshot_both("help_home", &app);
    app.handle_key(key(KeyCode::Char('x')));
    assert!(app.popup.is_none());
    app.handle_key(key(KeyCode::Char('c')));
    app.handle_key(key(KeyCode::F(1)));
    assert!(render(&app, 80, 24).contains("Ctrl-S"));
}

#[test]
fn hostile_text_is_never_drawn_raw() {
    let mut j = empty_journal();
    let text = "evil \u{1b}]52;c;cGF5bG9hZA==\u{7} and \u{9b}31m and \u{202e}txt.exe";
    j.add(
        &closer::model::NewEntry::note(NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"), text),
        now(),
    )
    .expect("saved");
    let mut app = app(j, Start::Home);
    app.handle_key(key(KeyCode::Char('e')));
    let list = render(&app, 80, 24);
    app.handle_key(key(KeyCode::Enter));
    let detail = render(&app, 80, 24);
    for screen in [list, detail] {
        assert!(!screen.contains('\u{1b}'));
        assert!(!screen.contains('\u{9b}'));
        assert!(!screen.contains('\u{202e}'));
        assert!(screen.contains("␛"), "{screen}");
    }
}

#[test]
fn quitting_from_home() {
    let mut app = app(empty_journal(), Start::Home);
    app.handle_key(key(KeyCode::Char('q')));
    assert!(app.quit);
}

#[test]
fn people_pages_and_marking_a_repair_done() {
    let mut app = app(demo_journal(), Start::Home);
    app.handle_key(key(KeyCode::Char('p')));
    let open_before = match &app.screen {
        Screen::People(state) => {
            assert!(!state.pages.is_empty());
            state.pages.iter().map(|p| p.repairs.len()).sum::<usize>()
        }
        _ => panic!("people should be shown: {:?}", app.popup),
    };
    snapshot_both("people", &app);
    // Find someone with an open repair, then mark it done.
    let Some(index) = (match &app.screen {
        Screen::People(state) => state.pages.iter().position(|p| !p.repairs.is_empty()),
        _ => None,
    }) else {
        return;
    };
    for _ in 0..index {
        app.handle_key(key(KeyCode::Down));
    }
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Enter));
    match &app.screen {
        Screen::People(state) => {
            let open_after: usize = state.pages.iter().map(|p| p.repairs.len()).sum();
            assert_eq!(open_after + 1, open_before);
        }
        _ => panic!("still on people"),
    }
}

#[test]
fn the_weekly_review_dashboard_and_a_reflection() {
    let mut app = app(demo_journal(), Start::Home);
    app.handle_key(key(KeyCode::Char('r')));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Weekly review · 2026-W47"), "{screen}");
    assert!(screen.contains("Keeps happening"), "{screen}");
    snapshot_both("review", &app);
    app.handle_key(key(KeyCode::Left));
    assert!(render(&app, 80, 24).contains("2026-W46"));
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Char('w')));
    assert!(render(&app, 80, 24).contains("Weekly reflection"));
    type_text(&mut app, "I noticed I go quiet after rows.");
    app.handle_key(ctrl('s'));
    let weekly = app
        .journal
        .store
        .list(&closer::store::ListFilter {
            kind: Some(closer::model::EntryKind::Weekly),
            ..Default::default()
        })
        .expect("list");
    assert_eq!(weekly.len(), 1);
    assert_eq!(weekly[0].text, "I noticed I go quiet after rows.");
    assert_eq!(weekly[0].day.to_string(), "2026-11-20");
}

#[test]
fn every_screen_survives_any_terminal_size() {
    let mut app = app(demo_journal(), Start::Home);
    let sizes = [(1, 1), (10, 3), (20, 5), (40, 12), (79, 23), (200, 60)];
    let screens: [&[KeyEvent]; 6] = [
        &[],
        &[key(KeyCode::Char('c'))],
        &[key(KeyCode::Char('e'))],
        &[key(KeyCode::Char('e')), key(KeyCode::Enter)],
        &[key(KeyCode::Char('r'))],
        &[key(KeyCode::Char('p'))],
    ];
    for keys in screens {
        app.handle_key(key(KeyCode::Esc));
        app.handle_key(key(KeyCode::Esc));
        for k in keys {
            app.handle_key(*k);
        }
        for (w, h) in sizes {
            render(&app, w, h);
        }
        app.handle_key(key(KeyCode::Char('?')));
        for (w, h) in sizes {
            render(&app, w, h);
        }
        app.handle_key(key(KeyCode::Esc));
    }
}

#[test]
fn a_panic_mid_checkin_keeps_the_draft() {
    let mut app = app(empty_journal(), Start::Checkin);
    let outcome = closer::tui::guarded(&mut app, |app| {
        app.handle_key(key(KeyCode::Char('2')));
        for c in "typed just before the crash".chars() {
            app.handle_key(key(KeyCode::Char(c)));
        }
        panic!("a bug in the middle of the evening (this panic is the test's own)");
    });
    let err = outcome
        .expect_err("the panic is reported as an error")
        .to_string();
    assert!(err.contains("keeping your check-in as a draft"), "{err}");
    let draft = app
        .journal
        .store
        .draft("checkin")
        .expect("read")
        .expect("the draft was kept");
    assert!(draft.body.contains("\"mood\":2"), "{}", draft.body);
}
