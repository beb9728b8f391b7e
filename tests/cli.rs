//! The command line, run as a user would: the real binary against a
//! temporary journal.

mod common;

use std::io::Write;
use std::process::Stdio;

use common::{Journal, file_bytes};
use predicates::prelude::*;

#[test]
fn add_then_list_json_has_the_stable_fields() {
    let j = Journal::new();
    let id = j.add(&[
        "Left @Sam on read again. #work",
        "--mood",
        "2",
        "--urge",
        "7",
        "--discuss",
    ]);
    assert_eq!(id.len(), 36, "the full UUID is printed: {id}");
    let list = j.list_json(&[]);
    assert_eq!(list.len(), 1);
    let e = &list[0];
    for key in [
        "id",
        "day",
        "created_at",
        "kind",
        "text",
        "mood",
        "urge",
        "people",
        "tags",
        "private",
        "discuss",
    ] {
        assert!(e.get(key).is_some(), "missing {key} in {e}");
    }
    assert_eq!(e["id"], id.as_str());
    assert_eq!(e["day"], "2026-11-20");
    assert_eq!(e["created_at"], "2026-11-20T21:30:00+01:00");
    assert_eq!(e["kind"], "note");
    assert_eq!(e["mood"], 2);
    assert_eq!(e["urge"], 7);
    assert_eq!(e["people"], serde_json::json!(["Sam"]));
    assert_eq!(e["tags"], serde_json::json!(["work"]));
    assert_eq!(e["private"], false);
    assert_eq!(e["discuss"], true);
}

#[test]
fn the_database_and_its_folder_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let j = Journal::new();
    j.add(&["first"]);
    let file_mode = std::fs::metadata(j.db()).expect("db").permissions().mode() & 0o777;
    let dir_mode = std::fs::metadata(j.db().parent().expect("dir"))
        .expect("dir")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(file_mode, 0o600);
    assert_eq!(dir_mode, 0o700);
}

#[test]
fn the_default_journal_lives_in_the_xdg_data_directory() {
    let j = Journal::new();
    j.cmd()
        .env_remove("CLOSER_DB")
        .args(["add", "in the default place"])
        .assert()
        .success();
    assert!(j.home().join(".local/share/closer/journal.db").exists());
}

#[test]
fn db_flag_overrides_the_environment() {
    let j = Journal::new();
    let other = j.dir.path().join("other.db");
    j.ok(&["--db", other.to_str().expect("path"), "add", "elsewhere"]);
    assert!(other.exists());
    assert!(!j.db().exists());
}

#[test]
fn add_reads_standard_input_when_no_text_is_given() {
    let j = Journal::new();
    j.cmd()
        .arg("add")
        .write_stdin("Typed into a pipe, with @Jo.\n")
        .assert()
        .success();
    let list = j.list_json(&[]);
    assert_eq!(list[0]["text"], "Typed into a pipe, with @Jo.");
    assert_eq!(list[0]["people"], serde_json::json!(["Jo"]));
}

#[test]
fn add_dash_reads_standard_input() {
    let j = Journal::new();
    j.cmd()
        .args(["add", "-"])
        .write_stdin("Piped in after a dash.\n")
        .assert()
        .success();
    let list = j.list_json(&[]);
    assert_eq!(list[0]["text"], "Piped in after a dash.");
}

#[test]
fn an_empty_entry_saves_nothing() {
    let j = Journal::new();
    let mut cmd = j.cmd();
    cmd.arg("add").write_stdin("   \n");
    cmd.assert()
        .failure()
        .stderr(predicate::str::contains("empty"));
    assert!(j.list_json(&[]).is_empty());
}

#[test]
fn entries_written_after_midnight_belong_to_the_evening_before() {
    let j = Journal::new();
    j.cmd()
        .env("CLOSER_NOW", "2026-11-21T01:15:00+01:00")
        .args(["add", "cannot sleep"])
        .assert()
        .success();
    assert_eq!(j.list_json(&[])[0]["day"], "2026-11-20");
}

#[test]
fn the_day_start_hour_is_a_setting() {
    let j = Journal::new();
    std::fs::create_dir_all(j.config_dir()).expect("config dir");
    std::fs::write(j.config_dir().join("config.toml"), "day_starts_at = 0\n").expect("config");
    j.cmd()
        .env("CLOSER_NOW", "2026-11-21T01:15:00+01:00")
        .args(["add", "cannot sleep"])
        .assert()
        .success();
    assert_eq!(j.list_json(&[])[0]["day"], "2026-11-21");
}

#[test]
fn an_invalid_settings_file_names_file_line_and_key() {
    let j = Journal::new();
    std::fs::create_dir_all(j.config_dir()).expect("config dir");
    std::fs::write(
        j.config_dir().join("config.toml"),
        "# mine\nreview_day = \"someday\"\n",
    )
    .expect("config");
    let err = j.fails(&["list"]);
    assert!(err.contains("config.toml"), "{err}");
    assert!(err.contains("line 2"), "{err}");
    assert!(err.contains("review_day"), "{err}");
}

#[test]
fn dates_accept_the_words_people_type() {
    let j = Journal::new();
    // NOW is Friday 2026-11-20.
    for (word, day) in [
        ("yesterday", "2026-11-19"),
        ("monday", "2026-11-16"),
        ("last friday", "2026-11-13"),
        ("3 days ago", "2026-11-17"),
        ("2026-11-02", "2026-11-02"),
    ] {
        j.add(&[&format!("written for {word}"), "--day", word]);
        let found = j.list_json(&["--from", day, "--to", day]);
        assert_eq!(found.len(), 1, "{word} should be {day}");
    }
}

#[test]
fn list_filters_and_limits_newest_first() {
    let j = Journal::new();
    j.add(&["old one with @Sam #family", "--day", "2026-11-01"]);
    j.add(&[
        "middle with @Jo",
        "--day",
        "2026-11-10",
        "--kind",
        "checkin",
    ]);
    j.add(&["new one with @sam #work", "--day", "2026-11-19"]);
    let days = |v: Vec<serde_json::Value>| {
        v.iter()
            .map(|e| e["day"].as_str().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        days(j.list_json(&[])),
        ["2026-11-19", "2026-11-10", "2026-11-01"]
    );
    assert_eq!(days(j.list_json(&["-n", "1"])), ["2026-11-19"]);
    assert_eq!(
        days(j.list_json(&["--person", "SAM"])),
        ["2026-11-19", "2026-11-01"]
    );
    assert_eq!(days(j.list_json(&["--tag", "#family"])), ["2026-11-01"]);
    assert_eq!(
        days(j.list_json(&["--from", "2026-11-05", "--to", "2026-11-15"])),
        ["2026-11-10"]
    );
    assert_eq!(days(j.list_json(&["--kind", "checkin"])), ["2026-11-10"]);
    let human = j.ok(&["list"]);
    assert_eq!(human.lines().count(), 3);
    assert!(human.lines().next().unwrap_or("").starts_with("2026-11-19"));
}

#[test]
fn unknown_people_and_tags_are_explained() {
    let j = Journal::new();
    j.add(&["hello @Sam"]);
    assert!(
        j.fails(&["list", "--person", "Nobody"])
            .contains("closer people")
    );
    assert!(
        j.fails(&["list", "--tag", "nothing"])
            .contains("closer tags")
    );
}

#[test]
fn show_prints_the_whole_entry_by_prefix() {
    let j = Journal::new();
    let id = j.add(&[
        "Gave @Ana the cold shoulder.\nThen went to bed.",
        "--mood",
        "3",
    ]);
    let out = j.ok(&["show", &id[..13]]);
    assert!(out.contains(&id));
    assert!(out.contains("Friday 20 November 2026"));
    assert!(out.contains("mood 3/5"));
    assert!(out.contains("Gave @Ana the cold shoulder.\nThen went to bed."));
    let json: serde_json::Value =
        serde_json::from_str(&j.ok(&["show", &id, "--json"])).expect("json");
    assert_eq!(json["id"], id.as_str());
}

#[test]
fn ids_must_be_known_unique_and_long_enough() {
    let j = Journal::new();
    let a = j.add(&["one"]);
    let b = j.add(&["two"]);
    // Two ids written in the same second share a long prefix.
    let shared = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    assert!(shared >= 6);
    let err = j.fails(&["show", &a[..shared]]);
    assert!(err.contains("matches 2 entries"), "{err}");
    assert!(j.fails(&["show", "abc"]).contains("at least 6"));
    assert!(j.fails(&["show", "ffffffff"]).contains("no entry"));
    assert!(j.fails(&["show", "not-an-id!"]).contains("not an entry id"));
}

#[test]
fn list_prints_short_ids_that_are_unique() {
    let j = Journal::new();
    let a = j.add(&["one"]);
    j.add(&["two"]);
    let out = j.ok(&["list"]);
    let shorts: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect();
    assert_eq!(shorts.len(), 2);
    assert_ne!(shorts[0], shorts[1]);
    for s in &shorts {
        assert!(s.len() >= 8);
    }
    // A printed short id works as an id.
    let short_a = shorts
        .iter()
        .find(|s| a.starts_with(**s))
        .expect("a listed");
    assert!(j.ok(&["show", short_a]).contains(&a));
}

#[test]
fn delete_moves_to_the_trash_and_restore_brings_it_back() {
    let j = Journal::new();
    let id = j.add(&["something I regret writing"]);
    j.ok(&["delete", &id]);
    assert!(j.list_json(&[]).is_empty());
    let trash: Vec<serde_json::Value> =
        serde_json::from_str(&j.ok(&["trash", "--json"])).expect("json");
    assert_eq!(trash.len(), 1);
    assert!(trash[0]["deleted_at"].is_string());
    assert!(j.fails(&["delete", &id]).contains("already in the trash"));
    j.ok(&["restore", &id]);
    assert_eq!(j.list_json(&[]).len(), 1);
    assert!(j.fails(&["restore", &id]).contains("not in the trash"));
    assert!(j.ok(&["trash"]).is_empty());
}

#[test]
fn edit_with_flags_changes_details_without_an_editor() {
    let j = Journal::new();
    let id = j.add(&["evening"]);
    j.ok(&[
        "edit",
        &id,
        "--mood",
        "4",
        "--urge",
        "1",
        "--private",
        "--discuss",
        "--person",
        "Kim",
    ]);
    let e = &j.list_json(&[])[0];
    assert_eq!(e["mood"], 4);
    assert_eq!(e["urge"], 1);
    assert_eq!(e["private"], true);
    assert_eq!(e["discuss"], true);
    assert_eq!(e["people"], serde_json::json!(["Kim"]));
    j.ok(&["edit", &id, "--public", "--no-discuss"]);
    let e = &j.list_json(&[])[0];
    assert_eq!(e["private"], false);
    assert_eq!(e["discuss"], false);
}

#[test]
fn edit_opens_the_editor_on_the_text() {
    let j = Journal::new();
    let id = j.add(&["told @Jo I was busy"]);
    // The editor is run through the shell with the file as "$1".
    j.cmd()
        .env("EDITOR", "sed -i 's/busy/tired, which was true/'")
        .args(["edit", &id])
        .assert()
        .success();
    let e = &j.list_json(&[])[0];
    assert_eq!(e["text"], "told @Jo I was tired, which was true");
    assert_eq!(e["people"], serde_json::json!(["Jo"]));
}

#[test]
fn a_failing_editor_saves_nothing() {
    let j = Journal::new();
    let id = j.add(&["unchanged"]);
    j.cmd()
        .env("EDITOR", "false")
        .args(["edit", &id])
        .assert()
        .failure()
        .stderr(predicate::str::contains("nothing was saved"));
    assert_eq!(j.list_json(&[])[0]["text"], "unchanged");
}

#[test]
fn search_finds_stems_and_highlights_them() {
    let j = Journal::new();
    j.add(&["I ignored Sam's call again", "--day", "2026-11-18"]);
    j.add(&["Had lunch with Jo, it was fine", "--day", "2026-11-19"]);
    let out = j.ok(&["search", "ignore"]);
    assert_eq!(out.lines().count(), 1);
    assert!(out.contains("[ignored]"), "{out}");
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&j.ok(&["search", "lunch", "--json"])).expect("json");
    assert_eq!(json.len(), 1);
    assert_eq!(json[0]["day"], "2026-11-19");
    assert!(
        json[0]["snippet"]
            .as_str()
            .unwrap_or("")
            .contains("[lunch]")
    );
    // Punctuation that is FTS5 syntax is taken literally.
    j.ok(&["search", "Sam's", "call-again", "(x"]);
    assert!(j.ok(&["search", "\"call again\""]).contains("2026-11-18"));
}

#[test]
fn deleted_entries_are_not_searched() {
    let j = Journal::new();
    let id = j.add(&["a secret word: marmalade"]);
    j.ok(&["delete", &id]);
    assert!(j.ok(&["search", "marmalade"]).is_empty());
}

#[test]
fn people_have_counts_aliases_and_roles() {
    let j = Journal::new();
    j.add(&["rang @Mum"]);
    j.add(&["@mum again", "--person", "Dad"]);
    j.add(&["@Mother wrote"]);
    let people: Vec<serde_json::Value> =
        serde_json::from_str(&j.ok(&["people", "--json"])).expect("json");
    assert_eq!(people[0]["name"], "Mum");
    assert_eq!(people[0]["entries"], 2);
    // Aliasing a name already in use merges the two.
    j.ok(&["people", "alias", "Mum", "Mother"]);
    j.ok(&["people", "set", "mum", "--role", "mother"]);
    let people: Vec<serde_json::Value> =
        serde_json::from_str(&j.ok(&["people", "--json"])).expect("json");
    assert_eq!(people.len(), 2);
    assert_eq!(people[0]["entries"], 3);
    assert_eq!(people[0]["role"], "mother");
    assert_eq!(people[0]["aliases"], serde_json::json!(["Mother"]));
    assert_eq!(j.list_json(&["--person", "mother"]).len(), 3);
    assert!(j.ok(&["people"]).contains("Mum (mother) aka Mother"));
    assert!(
        j.fails(&["people", "alias", "Nobody", "X"])
            .contains("closer people")
    );
}

#[test]
fn tags_have_counts() {
    let j = Journal::new();
    j.add(&["#Work #sleep"]);
    j.add(&["#work again"]);
    let out = j.ok(&["tags"]);
    assert_eq!(out, "    2  #work\n    1  #sleep\n");
}

#[test]
fn completions_are_printed_for_each_shell() {
    let j = Journal::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = j.ok(&["completions", shell]);
        assert!(out.contains("closer"), "{shell}");
        assert!(out.contains("search"), "{shell}");
    }
}

#[test]
fn bad_input_gets_one_clear_line_and_writes_nothing() {
    let j = Journal::new();
    j.add(&["a first entry"]);
    let before = j.list_json(&[]);
    assert!(j.fails(&["add", "x", "--mood", "9"]).contains("mood of 9"));
    assert!(
        j.fails(&["add", "x", "--urge", "11"])
            .contains("0 (none) to 10")
    );
    assert!(
        j.fails(&["add", "x", "--day", "someday soon"])
            .contains("YYYY-MM-DD")
    );
    assert!(
        j.fails(&["list", "--from", "2026-11-20", "--to", "2026-11-01"])
            .contains("swap")
    );
    assert_eq!(j.list_json(&[]), before);
}

#[test]
fn a_non_database_file_is_refused_and_left_alone() {
    let j = Journal::new();
    std::fs::create_dir_all(j.db().parent().expect("dir")).expect("dir");
    std::fs::write(j.db(), b"these are my notes, not a database\n".repeat(100)).expect("write");
    let before = file_bytes(&j.db());
    let err = j.fails(&["list"]);
    assert!(err.contains("closer doctor"), "{err}");
    assert_eq!(file_bytes(&j.db()), before);
}

#[test]
fn a_journal_from_a_newer_closer_is_refused_unchanged() {
    let j = Journal::new();
    j.add(&["written by this closer"]);
    {
        let conn = rusqlite::Connection::open(j.db()).expect("open");
        conn.pragma_update(None, "user_version", 999).expect("bump");
        conn.pragma_update(None, "journal_mode", "DELETE")
            .expect("no wal");
    }
    let before = file_bytes(&j.db());
    let err = j.fails(&["list"]);
    assert!(err.contains("newer closer"), "{err}");
    assert!(err.contains("999"), "{err}");
    assert_eq!(file_bytes(&j.db()), before, "not even the header changed");
    assert!(!j.db().with_extension("db-wal").exists());
}

#[test]
fn a_writer_waits_for_another_instead_of_failing() {
    let j = Journal::new();
    j.add(&["first"]);
    let conn = rusqlite::Connection::open(j.db()).expect("open");
    // A long reader (the TUI) holds a snapshot while another process writes.
    conn.execute_batch("BEGIN; SELECT count(*) FROM entries;")
        .expect("read tx");
    j.add(&["written while a reader is open"]);
    conn.execute_batch("COMMIT").expect("end read");
    // A writer holds the lock while a second process starts writing; the
    // second one waits for the lock rather than failing.
    conn.execute_batch("BEGIN IMMEDIATE; INSERT INTO people (name, name_key, created_at) VALUES ('Held', 'held', 'x');")
        .expect("write lock");
    let child = j
        .std_cmd()
        .args(["add", "written while a writer held the lock"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    conn.execute_batch("COMMIT").expect("release");
    let out = child.wait_with_output().expect("child ends");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(j.list_json(&[]).len(), 3);
}

#[test]
fn many_writers_at_once_all_succeed() {
    let j = Journal::new();
    j.add(&["first"]);
    let children: Vec<_> = (0..12)
        .map(|i| {
            j.std_cmd()
                .args(["add", "--person", "Sam"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .map(|mut c| {
                    if let Some(mut stdin) = c.stdin.take() {
                        let _ = writeln!(stdin, "parallel entry {i}");
                    }
                    c
                })
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("ends");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(j.list_json(&[]).len(), 13);
    assert_eq!(j.list_json(&["--person", "sam"]).len(), 12);
}

#[test]
fn hostile_text_is_inert_on_the_terminal() {
    let j = Journal::new();
    let id = j.add(&["fine\x1b]52;c;cGF5bG9hZA==\x07 \x1b[2J\u{9b}31m \u{202e}gnp.exe"]);
    for args in [
        vec!["list"],
        vec!["show", id.as_str()],
        vec!["search", "fine"],
    ] {
        let out = j.ok(&args);
        assert!(!out.contains('\x1b'), "{args:?}: {out:?}");
        assert!(!out.contains('\u{9b}'), "{args:?}");
        assert!(!out.contains('\u{202e}'), "{args:?}");
        assert!(
            out.contains("␛"),
            "{args:?}: the escape is shown, not hidden"
        );
    }
}

#[test]
fn no_command_gives_an_overview() {
    let j = Journal::new();
    let out = j.ok(&[]);
    assert!(out.contains("0 entries"));
    assert!(out.contains("no entry yet"));
}
