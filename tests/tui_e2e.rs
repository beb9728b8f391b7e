//! The real binary in a real terminal: tmux runs closer, keys go in with
//! send-keys, the screen comes back with capture-pane. Each test has its own
//! tmux server (a socket in its temp dir), so nothing touches the user's.
//!
//! Waiting is for a condition on screen or in the journal, polled, never a
//! fixed sleep. Without tmux (`apt-get install tmux`) these tests say so and
//! pass; `.ci/run` installs it.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use common::Journal;

struct Tmux {
    socket: PathBuf,
}

const PATIENCE: Duration = Duration::from_secs(30);

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

impl Tmux {
    /// Starts closer in an 80x24 tmux window on the journal `j`.
    fn start(j: &Journal, name: &str, color: bool) -> Tmux {
        let socket = j.dir.path().join(format!("tmux-{name}"));
        let closer = assert_cmd::cargo::cargo_bin("closer");
        let mut env = vec![
            format!("PATH={}", std::env::var("PATH").unwrap_or_default()),
            format!("HOME={}", j.home().display()),
            format!("XDG_DATA_HOME={}", j.home().join(".local/share").display()),
            format!("XDG_CONFIG_HOME={}", j.home().join(".config").display()),
            format!("CLOSER_DB={}", j.db().display()),
            format!("CLOSER_NOW={}", common::NOW),
            "TERM=xterm-256color".to_string(),
        ];
        if !color {
            env.push("NO_COLOR=1".to_string());
        }
        let command = format!("exec env -i {} '{}'", env.join(" "), closer.display());
        let status = Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "closer",
                "-x",
                "80",
                "-y",
                "24",
                &command,
            ])
            .status()
            .expect("tmux runs");
        assert!(status.success(), "tmux could not start closer");
        Tmux { socket }
    }

    /// Starts closer on `j` and opens tonight's check-in at its first question.
    fn start_checkin(j: &Journal, name: &str, color: bool) -> Tmux {
        let t = Tmux::start(j, name, color);
        t.wait_for("No check-in yet tonight");
        t.keys(&["c"]);
        t.wait_for("How was your mood today?");
        t
    }

    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "closer"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "closer", "-l", text]);
    }

    fn screen(&self, with_styles: bool) -> String {
        let mut args = vec!["capture-pane", "-p", "-t", "closer"];
        if with_styles {
            args.push("-e");
        }
        String::from_utf8_lossy(&self.tmux(&args).stdout).into_owned()
    }

    /// Waits until `text` is on screen; returns the screen.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(false);
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "`{text}` never appeared; the screen was:\n{screen}"
            );
            std::thread::yield_now();
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn pid(&self) -> Option<i32> {
        let out = self.tmux(&["list-panes", "-t", "closer", "-F", "#{pane_pid}"]);
        String::from_utf8_lossy(&out.stdout).trim().parse().ok()
    }

    fn is_running(&self) -> bool {
        self.tmux(&["has-session", "-t", "closer"]).status.success()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < PATIENCE, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_whole_checkin_in_the_terminal() {
    if !tmux_available() {
        eprintln!("tmux is not installed: skipping the terminal end-to-end test");
        return;
    }
    let j = Journal::new();
    let t = Tmux::start_checkin(&j, "checkin", true);
    t.keys(&["2", "7", "Tab"]);
    t.wait_for("Who did you deal with today?");
    t.type_text("Sam");
    t.keys(&["Enter", "Tab"]);
    t.wait_for("What happened just before?");
    t.type_text("Sam asked if we could talk about the weekend.");
    t.keys(&["Tab"]);
    t.wait_for("What did you do?");
    t.type_text("I left his message on read again.");
    t.keys(&["Tab", "Tab", "Tab", "Tab"]);
    // A frame is written top to bottom and capture-pane can land halfway
    // through one, so the wait is for the last thing this test reads, the
    // detection in the list under the panel's title.
    let review = t.wait_for("ignored-contact");
    assert!(review.contains("What closer noticed"), "{review}");
    // The evidence is highlighted: styled differently from the text around it.
    let plain = t.screen(false);
    let row = plain
        .lines()
        .position(|l| l.contains("I left his message on read again."))
        .expect("the text is shown");
    let styled = t.screen(true);
    let line = styled.lines().nth(row).expect("same row, with styles");
    assert!(
        line.contains("\u{1b}["),
        "evidence is drawn with a style: {line:?}"
    );
    assert!(
        !line.contains("I left his message"),
        "the evidence is split off by its style: {line:?}"
    );
    t.keys(&["C-s"]);
    t.wait_for("Saved.");
    t.wait_for("You checked in tonight");
    t.keys(&["q"]);
    wait_until("closer to quit", || !t.is_running());
    let list = j.list_json(&[]);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["kind"], "checkin");
    assert_eq!(list[0]["mood"], 2);
    assert_eq!(list[0]["urge"], 7);
    assert_eq!(list[0]["people"], serde_json::json!(["Sam"]));
    assert!(
        list[0]["text"]
            .as_str()
            .unwrap_or("")
            .contains("left his message on read")
    );
}

#[test]
fn a_killed_checkin_comes_back_as_a_draft() {
    if !tmux_available() {
        eprintln!("tmux is not installed: skipping the terminal end-to-end test");
        return;
    }
    let j = Journal::new();
    let t = Tmux::start_checkin(&j, "first", false);
    t.keys(&["3", "Tab", "Tab"]);
    t.wait_for("What happened just before?");
    t.type_text("Half a thought about Jo");
    // Wait for the debounced draft to reach the journal, then kill -9.
    wait_until("the draft to be saved", || {
        rusqlite::Connection::open(j.db())
            .and_then(|c| c.query_row("SELECT body FROM drafts", [], |r| r.get::<_, String>(0)))
            .is_ok_and(|body| body.contains("Half a thought about Jo"))
    });
    let pid = t.pid().expect("closer's pid");
    let killed = Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    wait_until("closer to die", || !t.is_running());
    drop(t);

    let t = Tmux::start(&j, "second", false);
    t.wait_for("An unsaved check-in from Fri 20 Nov");
    t.keys(&["c"]);
    // Both waited for: a capture can land halfway through drawing a frame.
    t.wait_for("Half a thought about Jo");
    t.wait_for("What happened just before?");
    t.keys(&["Escape"]);
    t.wait_for("Kept as a draft");
    t.keys(&["q"]);
    wait_until("closer to quit", || !t.is_running());
    assert!(
        j.list_json(&[]).is_empty(),
        "a draft is not an entry until it is saved"
    );
}

/// Whether process `pid` has ended (gone, or a zombie waiting for its parent).
fn has_ended(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).map_or(true, |stat| {
        // The state follows the command name, which is in parentheses.
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'))
    })
}

#[test]
fn a_terminal_that_goes_away_ends_closer_and_keeps_the_draft() {
    if !tmux_available() || !std::path::Path::new("/proc/self/stat").exists() {
        eprintln!("tmux or /proc is missing: skipping the terminal end-to-end test");
        return;
    }
    let j = Journal::new();
    let t = Tmux::start_checkin(&j, "gone", false);
    t.keys(&["3", "Tab", "Tab"]);
    t.wait_for("What happened just before?");
    t.type_text("Typed just before the window shut");
    t.wait_for("Typed just before the window shut");
    let pid = t.pid().expect("closer's pid");
    // Killing the tmux server closes the terminal without a hang-up signal.
    t.tmux(&["kill-server"]);
    wait_until("closer to end with its terminal", || has_ended(pid));
    let body: String = rusqlite::Connection::open(j.db())
        .and_then(|c| c.query_row("SELECT body FROM drafts", [], |r| r.get(0)))
        .expect("a draft was kept");
    assert!(body.contains("Typed just before the window shut"), "{body}");
}
