//! `closer import` and the backup it reads (`closer export --format json`),
//! through the real binary on hermetic journals: the round trip reproduces a
//! journal, a second import is a no-op, jrnl's and Day One's exports come in
//! with their tags and ids, a bad file changes nothing and says where it is
//! bad, and the privacy rules hold in the backup.

mod common;

use std::path::{Path, PathBuf};

use common::{Journal, file_bytes};
use serde_json::{Value, json};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Runs closer expecting success; returns (stdout, stderr).
fn run(j: &Journal, args: &[&str]) -> (String, String) {
    let out = j.cmd().args(args).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "closer {args:?} failed: {stderr}");
    (String::from_utf8(out.stdout).expect("utf-8"), stderr)
}

/// Everything a user can see of a journal, as JSON: entries, the trash,
/// people (aliases, roles), tags, and each entry's detections and page.
fn everything(j: &Journal) -> Value {
    let list = j.list_json(&[]);
    let trash: Value = serde_json::from_str(&j.ok(&["trash", "--json"])).expect("trash");
    let mut ids: Vec<String> = list
        .iter()
        .chain(trash.as_array().expect("array"))
        .map(|e| e["id"].as_str().expect("id").to_string())
        .collect();
    ids.sort();
    let pages: Vec<Value> = ids
        .iter()
        .map(|id| {
            let show: Value = serde_json::from_str(&j.ok(&["show", id, "--json"])).expect("show");
            let explain: Value =
                serde_json::from_str(&j.ok(&["explain", id, "--json"])).expect("explain");
            json!({"show": show, "explain": explain})
        })
        .collect();
    json!({
        "list": list,
        "trash": trash,
        "people": serde_json::from_str::<Value>(&j.ok(&["people", "--json"])).expect("people"),
        "tags": serde_json::from_str::<Value>(&j.ok(&["tags", "--json"])).expect("tags"),
        "pages": pages,
    })
}

/// A journal with something of everything: the demo's check-ins (answers,
/// mood, urge), a private entry, one edited twice, one in the trash, a
/// person given besides the text, aliases and a role, and labels the user
/// confirmed, dismissed and added.
fn rich_journal() -> Journal {
    let j = Journal::new();
    j.ok(&["demo", "--weeks", "2"]);
    let private = j.add(&[
        "--day",
        "2026-11-19",
        "--private",
        "Secretword: left @Priya on read again.",
    ]);
    let edited = j.add(&[
        "--day",
        "2026-11-18",
        "--person",
        "Dev",
        "Cancelled on @Jo, said I had too much work on. #work",
    ]);
    j.ok(&["edit", &edited, "--mood", "2", "--urge", "7", "--discuss"]);
    let trashed = j.add(&["--day", "2026-11-17", "Snapped at @Ana over nothing much."]);
    j.ok(&["delete", &trashed]);
    j.ok(&["people", "alias", "Jo", "Joanna"]);
    j.ok(&["people", "set", "Priya", "--role", "colleague"]);
    let explain: Value =
        serde_json::from_str(&j.ok(&["explain", &edited, "--json"])).expect("explain");
    let labels: Vec<String> = explain["detections"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|d| Some(format!("{}/{}", d["family"].as_str()?, d["id"].as_str()?)))
                .collect()
        })
        .unwrap_or_default();
    assert!(!labels.is_empty(), "the rules find the cancelled plan");
    j.ok(&["label", &edited, "dismiss", &labels[0]]);
    // Confirm the first label of the newest demo check-in that has one.
    let confirmed = j.list_json(&["--kind", "checkin"]).iter().find_map(|e| {
        let id = e["id"].as_str()?.to_string();
        let explain: Value = serde_json::from_str(&j.ok(&["explain", &id, "--json"])).ok()?;
        let d = explain["detections"].as_array()?.first()?.clone();
        Some((
            id,
            format!("{}/{}", d["family"].as_str()?, d["id"].as_str()?),
        ))
    });
    let (id, label) = confirmed.expect("the demo has labels");
    j.ok(&["label", &id, "confirm", &label]);
    j.ok(&["label", &private, "add", "thoughts/expect-rejection"]);
    j
}

fn without_exported_at(text: &str) -> Value {
    let mut v: Value = serde_json::from_str(text).expect("backup is JSON");
    v.as_object_mut().expect("object").remove("exported_at");
    v
}

#[test]
fn an_export_import_round_trip_reproduces_the_journal() {
    let a = rich_journal();
    let backup = a.dir.path().join("backup.json");
    let (_, err) = run(
        &a,
        &[
            "export",
            "--format",
            "json",
            "--include-private",
            "--out",
            path(&backup),
        ],
    );
    assert!(!err.contains("left out"), "{err}");

    let b = Journal::new();
    let (out, _) = run(&b, &["import", path(&backup)]);
    let n = a.list_json(&[]).len() + 1; // and the one in the trash
    assert_eq!(
        out.trim(),
        format!(
            "imported {n} entries from closer (0 already there, 0 updated); detections computed for {n}"
        )
    );
    assert_eq!(everything(&a), everything(&b));

    let again = b.dir.path().join("again.json");
    run(
        &b,
        &[
            "export",
            "--format",
            "json",
            "--include-private",
            "--out",
            path(&again),
        ],
    );
    let first = std::fs::read_to_string(&backup).expect("backup");
    let second = std::fs::read_to_string(&again).expect("backup");
    assert_eq!(without_exported_at(&first), without_exported_at(&second));
    assert_eq!(first, second, "byte-identical (the clock is pinned)");
}

#[test]
fn a_second_import_is_a_no_op() {
    let a = rich_journal();
    let backup = a.dir.path().join("backup.json");
    run(
        &a,
        &[
            "export",
            "--format",
            "json",
            "--include-private",
            "--out",
            path(&backup),
        ],
    );
    let before = everything(&a);
    let (out, _) = run(&a, &["import", path(&backup)]);
    let n = a.list_json(&[]).len() + 1;
    assert_eq!(
        out.trim(),
        format!(
            "imported 0 entries from closer ({n} already there, 0 updated); detections computed for 0"
        )
    );
    assert_eq!(before, everything(&a));
}

#[test]
fn a_newer_version_in_the_file_replaces_the_older_and_keeps_its_text_in_the_trash() {
    let a = Journal::new();
    let id = a.add(&["--day", "2026-11-18", "Left @Sam on read."]);
    let backup = a.dir.path().join("backup.json");
    run(&a, &["export", "--format", "json", "--out", path(&backup)]);
    // The file's copy: edited since (revision 2, new text).
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(&backup).expect("read")).expect("json");
    v["entries"][0]["text"] = json!("Left @Sam on read, then called him back.");
    v["entries"][0]["revision"] = json!(2);
    std::fs::write(&backup, v.to_string()).expect("write");
    let (out, err) = run(&a, &["import", path(&backup)]);
    assert!(
        out.contains("0 entries from closer (0 already there, 1 updated)"),
        "{out}"
    );
    assert!(err.contains("kept in the trash"), "{err}");
    let shown: Value = serde_json::from_str(&a.ok(&["show", &id, "--json"])).expect("show");
    assert_eq!(shown["text"], "Left @Sam on read, then called him back.");
    let trash: Value = serde_json::from_str(&a.ok(&["trash", "--json"])).expect("trash");
    assert_eq!(trash[0]["text"], "Left @Sam on read.");
    // The journal's copy is now the newer one: importing an older file keeps it.
    v["entries"][0]["revision"] = json!(1);
    v["entries"][0]["text"] = json!("Something else.");
    std::fs::write(&backup, v.to_string()).expect("write");
    let (out, _) = run(&a, &["import", path(&backup)]);
    assert!(out.contains("1 kept as they were"), "{out}");
    let shown: Value = serde_json::from_str(&a.ok(&["show", &id, "--json"])).expect("show");
    assert_eq!(shown["text"], "Left @Sam on read, then called him back.");
}

#[test]
fn a_jrnl_export_comes_in_with_tags_not_people_and_twice_is_once() {
    let j = Journal::new();
    let (out, _) = run(&j, &["import", path(&data("jrnl.json"))]);
    assert_eq!(
        out.trim(),
        "imported 4 entries from jrnl (0 already there, 0 updated); detections computed for 4"
    );
    let list = j.list_json(&[]);
    let texts: Vec<&str> = list
        .iter()
        .map(|e| e["text"].as_str().expect("text"))
        .collect();
    assert!(texts.contains(&"Long day at #work. Sam texted asking if I wanted to get dinner and I left it on read. I told myself I was too tired, but really I just didn't want to talk."));
    assert!(texts.contains(&"Called Mum back. We talked for an hour about nothing much and it was nice. Ça m'a fait du bien. #family\n\n#starred"));
    assert!(texts.contains(&"Cancelled on Jo again\nSaid I had too much #work on. I didn't."));
    let people: Value = serde_json::from_str(&j.ok(&["people", "--json"])).expect("people");
    assert_eq!(people, json!([]), "jrnl's @tags are not people");
    let tags: Value = serde_json::from_str(&j.ok(&["tags", "--json"])).expect("tags");
    let names: Vec<&str> = tags
        .as_array()
        .expect("tags")
        .iter()
        .filter_map(|t| t["tag"].as_str())
        .collect();
    assert_eq!(names, ["work", "family", "starred"]);
    // 01:15 on the 10th belongs to the evening of the 9th, as in closer.
    let quiet = list
        .iter()
        .find(|e| e["text"] == "Quiet evening.")
        .expect("quiet entry");
    assert_eq!(quiet["day"], "2026-01-09");
    assert_eq!(quiet["created_at"], "2026-01-10T01:15:00+01:00");
    // The rules ran on the imported text.
    let long_day = list
        .iter()
        .find(|e| {
            e["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("Long day"))
        })
        .expect("entry");
    let explain: Value =
        serde_json::from_str(&j.ok(&["explain", long_day["id"].as_str().expect("id"), "--json"]))
            .expect("explain");
    assert!(
        explain["detections"]
            .as_array()
            .is_some_and(|d| d.iter().any(|d| d["id"] == "closeness-bid")),
        "{explain}"
    );

    // Imported entries are in the full-text index (written many to a statement).
    let hits: Value = serde_json::from_str(&j.ok(&["search", "dinner", "--json"])).expect("search");
    assert_eq!(hits.as_array().map(Vec::len), Some(1), "{hits}");

    let before = everything(&j);
    let (out, _) = run(
        &j,
        &["import", "--format", "jrnl", path(&data("jrnl.json"))],
    );
    assert!(
        out.contains("imported 0 entries from jrnl (4 already there"),
        "{out}"
    );
    assert_eq!(before, everything(&j));
}

#[test]
fn a_day_one_export_keeps_its_uuids_and_twice_is_once() {
    let j = Journal::new();
    let (out, _) = run(&j, &["import", path(&data("dayone.json"))]);
    assert!(out.starts_with("imported 3 entries from dayone"), "{out}");
    let list = j.list_json(&[]);
    let ids: Vec<&str> = list.iter().filter_map(|e| e["id"].as_str()).collect();
    assert!(
        ids.contains(&"6e5f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"),
        "{ids:?}"
    );
    let walk = list
        .iter()
        .find(|e| e["id"] == "6e5f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b")
        .expect("entry");
    assert!(
        walk["text"]
            .as_str()
            .expect("text")
            .ends_with("second message.\n\n#work #hard-days")
    );
    // The instant is kept, shown at the machine's offset (+01:00 here).
    assert_eq!(walk["created_at"], "2026-02-01T21:30:00+01:00");
    assert_eq!(walk["updated_at"], "2026-02-01T21:41:12+01:00");
    let before = everything(&j);
    let (out, _) = run(&j, &["import", path(&data("dayone.json"))]);
    assert!(
        out.contains("imported 0 entries from dayone (3 already there"),
        "{out}"
    );
    assert_eq!(before, everything(&j));
}

/// A jrnl export of `n` entries where entry `bad` (from 1) is spoiled by `spoil`.
fn jrnl_with_bad_record(n: usize, bad: usize, spoil: fn(&mut Value)) -> String {
    let entries: Vec<Value> = (1..=n)
        .map(|i| {
            let mut e = json!({
                "title": format!("Day {i}."),
                "body": "Left Sam's message on read.",
                "date": format!("2026-03-{:02}", 1 + i % 28),
                "time": "21:00",
                "tags": [],
                "starred": false
            });
            if i == bad {
                spoil(&mut e);
            }
            e
        })
        .collect();
    serde_json::to_string_pretty(&json!({"tags": {}, "entries": entries})).expect("json")
}

/// A journal with one entry.
fn journal_with_one_entry() -> Journal {
    let j = Journal::new();
    j.add(&["--day", "2026-11-18", "Called Mum back."]);
    j
}

/// The line (from 1) where the entry holding `marker` starts.
fn line_of_entry(text: &str, marker: &str) -> usize {
    let at = text.find(marker).expect("marker");
    // Back to the `{` that encloses the marker, past any closed objects.
    let mut depth = 0usize;
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| match c {
            '}' => {
                depth += 1;
                false
            }
            '{' if depth == 0 => true,
            '{' => {
                depth -= 1;
                false
            }
            _ => false,
        })
        .expect("entry start")
        .0;
    text[..start].matches('\n').count() + 1
}

/// Imports `file` expecting a refusal; checks the journal's file is
/// byte-for-byte as it was and lists the same; returns the message.
fn refused(j: &Journal, file: &Path, extra: &[&str]) -> String {
    let before = file_bytes(&j.db());
    let list = j.list_json(&[]);
    let mut args = vec!["import", path(file)];
    args.extend_from_slice(extra);
    let err = j.fails(&args);
    assert_eq!(before, file_bytes(&j.db()), "the journal's file changed");
    assert_eq!(list, j.list_json(&[]));
    assert!(err.contains("nothing was imported"), "{err}");
    err
}

#[test]
fn one_bad_record_among_many_imports_nothing_and_is_named() {
    let j = journal_with_one_entry();
    let file = j.dir.path().join("bad.json");
    let text = jrnl_with_bad_record(50, 37, |e| e["date"] = json!("2026-02-30"));
    std::fs::write(&file, &text).expect("write");
    let err = refused(&j, &file, &[]);
    let line = line_of_entry(&text, "\"Day 37.\"");
    assert!(err.contains(&format!("entry 37 (line {line})")), "{err}");
    assert!(err.contains("`date`"), "{err}");
    assert!(!err.contains("Left Sam"), "no entry text in errors: {err}");

    // A closer backup of 50 entries (one exported, copied under new ids)
    // whose entry 37 has a mood of 9.
    let a = Journal::new();
    a.add(&["--day", "2026-10-01", "--mood", "3", "Called @Mum back."]);
    let backup = a.dir.path().join("backup.json");
    run(&a, &["export", "--format", "json", "--out", path(&backup)]);
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(&backup).expect("read")).expect("json");
    let one = v["entries"][0].clone();
    v["entries"] = (1..=50)
        .map(|i| {
            let mut e = one.clone();
            e["id"] = json!(format!("019a4f2c-0000-7000-8000-{i:012}"));
            e
        })
        .collect();
    v["entries"][36]["mood"] = json!(9);
    let text = serde_json::to_string_pretty(&v).expect("json");
    std::fs::write(&backup, &text).expect("write");
    let err = refused(&j, &backup, &[]);
    let id = v["entries"][36]["id"].as_str().expect("id");
    let line = line_of_entry(&text, &format!("\"{id}\""));
    assert!(err.contains(&format!("entry 37 (line {line})")), "{err}");
    assert!(err.contains("mood of 9"), "{err}");
}

#[test]
fn a_fresh_journal_stays_empty_after_a_refused_import() {
    let j = Journal::new();
    let file = j.dir.path().join("bad.json");
    std::fs::write(
        &file,
        jrnl_with_bad_record(50, 37, |e| e["time"] = json!("25:99")),
    )
    .expect("write");
    let err = j.fails(&["import", path(&file)]);
    assert!(err.contains("entry 37"), "{err}");
    assert!(!j.db().exists(), "a refused file never creates a journal");
    assert_eq!(j.list_json(&[]), Vec::<Value>::new());
}

#[test]
fn files_that_are_not_exports_are_refused_clearly() {
    let j = journal_with_one_entry();
    let dir = j.dir.path();

    let not_json = dir.join("notes.txt");
    std::fs::write(&not_json, "Dear diary,\nthis is not JSON.\n").expect("write");
    let err = refused(&j, &not_json, &[]);
    assert!(
        err.contains("not valid JSON") && err.contains("line 1"),
        "{err}"
    );

    let deep = dir.join("deep.json");
    let nested = format!(
        "{{\"entries\": [{{\"title\": {}1{}}}]}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    std::fs::write(&deep, &nested).expect("write");
    let err = refused(&j, &deep, &[]);
    assert!(err.contains("nested deeper"), "{err}");
    let err = refused(&j, &deep, &["--format", "jrnl"]);
    assert!(err.contains("nested deeper"), "{err}");

    let unknown = dir.join("other.json");
    std::fs::write(&unknown, r#"{"notes": [{"content": "x"}]}"#).expect("write");
    let err = refused(&j, &unknown, &[]);
    assert!(err.contains("--format"), "{err}");

    let report = dir.join("report.json");
    std::fs::write(&report, j.ok(&["export", "--format", "report"])).expect("write");
    let err = refused(&j, &report, &[]);
    assert!(err.contains("closer-report"), "{err}");

    let big = dir.join("big.json");
    let text = "x".repeat(1_000_001);
    std::fs::write(
        &big,
        json!({"entries": [{"title": "a", "date": "2026-01-01"}, {"title": text, "date": "2026-01-02"}]})
            .to_string(),
    )
    .expect("write");
    let err = refused(&j, &big, &[]);
    assert!(err.contains("entry 2") && err.contains("1000000"), "{err}");

    let binary = dir.join("binary.json");
    std::fs::write(&binary, [b'{', 0xff, 0xfe, b'}']).expect("write");
    let err = refused(&j, &binary, &[]);
    assert!(err.contains("not UTF-8"), "{err}");
}

#[test]
fn a_dry_run_says_what_would_change_and_writes_nothing() {
    let j = journal_with_one_entry();
    let before = file_bytes(&j.db());
    let (out, _) = run(&j, &["import", "--dry-run", path(&data("jrnl.json"))]);
    assert!(out.starts_with("would import 4 entries from jrnl"), "{out}");
    assert_eq!(before, file_bytes(&j.db()));
    assert_eq!(j.list_json(&[]).len(), 1);
}

#[test]
fn privacy_and_redaction_hold_in_the_backup() {
    let j = Journal::new();
    j.add(&["--day", "2026-11-18", "Left @Sam on read. #work"]);
    j.add(&[
        "--day",
        "2026-11-19",
        "--private",
        "Secretword with @Priya.",
    ]);
    let kept = j.add(&[
        "--day",
        "2026-11-20",
        "Told @Jo how I felt, then went quiet.",
    ]);
    j.ok(&["people", "set", "Jo", "--role", "partner"]);
    j.ok(&["label", &kept, "add", "signs/withheld-feelings"]);
    // A dismissed label: the decision is kept, its words are not.
    let explain: Value =
        serde_json::from_str(&j.ok(&["explain", &kept, "--json"])).expect("explain");
    let found = explain["detections"]
        .as_array()
        .expect("detections")
        .iter()
        .find(|d| d["source"] == "rules")
        .cloned()
        .expect("the rules find the step");

    let (out, err) = run(&j, &["export", "--format", "json"]);
    assert!(
        !out.contains("Secretword") && !out.contains("Priya"),
        "private left out"
    );
    assert!(err.contains("1 private entries were left out"), "{err}");
    let (out, err) = run(&j, &["export", "--format", "json", "--include-private"]);
    assert!(out.contains("Secretword"));
    assert!(err.is_empty(), "{err}");

    let (out, err) = run(&j, &["export", "--format", "json", "--redact"]);
    for name in ["Sam", "Jo", "Priya"] {
        let named = regex::Regex::new(&format!(r"\b{name}\b")).expect("regex");
        assert!(!named.is_match(&out), "{name} in a redacted backup");
    }
    assert!(out.contains("partner"));
    assert!(err.contains("not a faithful backup"), "{err}");

    {
        let d = found;
        let label = format!(
            "{}/{}",
            d["family"].as_str().expect("family"),
            d["id"].as_str().expect("id")
        );
        let evidence = d["evidence"].as_str().expect("evidence").to_string();
        j.ok(&["label", &kept, "dismiss", &label]);
        let (out, _) = run(&j, &["export", "--format", "json"]);
        let v: Value = serde_json::from_str(&out).expect("json");
        let entry = v["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .find(|e| e["id"] == kept.as_str())
            .expect("entry");
        let dismissed = entry["detections"]
            .as_array()
            .expect("detections")
            .iter()
            .find(|x| x["status"] == "dismissed")
            .expect("the decision is kept");
        assert_eq!(
            dismissed.as_object().expect("object").len(),
            4,
            "family, label, status and source only: {dismissed}"
        );
        let others: Vec<&Value> = entry["detections"]
            .as_array()
            .expect("detections")
            .iter()
            .filter(|x| x["status"] != "dismissed")
            .collect();
        for o in others {
            assert_ne!(o["evidence"].as_str(), Some(evidence.as_str()));
        }
    }
}

#[test]
fn hostile_text_survives_the_round_trip_and_stays_inert() {
    let a = Journal::new();
    let hostile =
        "<script>alert(1)</script> \u{1b}]0;pwned\u{7}\u{1b}[2J \"quoted\" \\ back\u{202e}slash";
    let id = a.add(&["--day", "2026-11-18", hostile]);
    let backup = a.dir.path().join("backup.json");
    run(&a, &["export", "--format", "json", "--out", path(&backup)]);
    let raw = std::fs::read(&backup).expect("read");
    assert!(!raw.contains(&0x1b), "escape bytes are escaped in the JSON");
    let b = Journal::new();
    run(&b, &["import", path(&backup)]);
    let shown: Value = serde_json::from_str(&b.ok(&["show", &id, "--json"])).expect("show");
    assert_eq!(shown["text"], hostile, "byte-exact");
    let printed = b.ok(&["show", &id]);
    assert!(
        !printed.contains('\u{1b}') && !printed.contains('\u{7}'),
        "inert when printed"
    );
}

#[test]
fn imported_entries_that_speak_of_self_harm_bring_the_calm_note() {
    let j = Journal::new();
    let (_, err) = run(&j, &["import", path(&data("jrnl.json"))]);
    assert!(
        !err.contains("emergency"),
        "no note for ordinary entries: {err}"
    );

    let file = j.dir.path().join("heavy.json");
    let export = json!({
        "tags": {},
        "entries": [
            {"title": "Bad night.", "body": "Some nights I want to die and I tell nobody.",
             "date": "2026-03-02", "time": "23:10", "tags": [], "starred": false},
            {"title": "Better.", "body": "Walked with Mum by the river.",
             "date": "2026-03-03", "time": "20:00", "tags": [], "starred": false}
        ]
    });
    std::fs::write(&file, export.to_string()).expect("write");
    let (out, err) = run(&j, &["import", path(&file)]);
    assert!(out.contains("imported 2 entries"), "{out}");
    assert!(
        err.contains("One of the imported entries speaks of hurting yourself"),
        "{err}"
    );
    assert!(err.contains("emergency number"), "{err}");
    // The note never quotes the entry.
    assert!(!err.contains("want to die"), "{err}");
}
