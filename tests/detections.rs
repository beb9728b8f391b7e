//! Detections through the command line: stored on save, explained, labelled
//! by the user, kept through re-analysis, and the rule engine on its own.

mod common;

use common::Journal;
use predicates::prelude::*;

fn explain_json(j: &Journal, id: &str) -> serde_json::Value {
    serde_json::from_str(&j.ok(&["explain", id, "--json"])).expect("explain --json")
}

fn labels(explained: &serde_json::Value, family: &str) -> Vec<(String, String)> {
    explained["detections"]
        .as_array()
        .expect("detections")
        .iter()
        .filter(|d| d["family"] == family)
        .map(|d| {
            (
                d["id"].as_str().unwrap_or("").to_string(),
                d["status"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn write_user_rules(j: &Journal, name: &str, text: &str) {
    let dir = j.config_dir().join("rules");
    std::fs::create_dir_all(&dir).expect("rules dir");
    std::fs::write(dir.join(name), text).expect("rule file");
}

#[test]
fn saving_an_entry_stores_its_detections_with_evidence() {
    let j = Journal::new();
    let text = "Left @Sam's message on read again.";
    let id = j.add(&[text]);
    let explained = explain_json(&j, &id);
    let sign = explained["detections"]
        .as_array()
        .expect("array")
        .iter()
        .find(|d| d["id"] == "ignored-contact")
        .expect("ignored-contact found");
    let (start, end) = (
        sign["start"].as_u64().unwrap_or(0) as usize,
        sign["end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(
        &text[start..end],
        sign["evidence"].as_str().expect("evidence")
    );
    assert_eq!(sign["status"], "detected");
    assert_eq!(sign["source"], "rules");
    let shown = j.ok(&["explain", &id]);
    assert!(shown.contains("ignored-contact"), "{shown}");
    assert!(shown.contains('['), "evidence is highlighted: {shown}");
}

#[test]
fn add_mentions_what_it_noticed_on_stderr_only() {
    let j = Journal::new();
    let out = j
        .cmd()
        .args(["add", "I ignored Mum's calls all day."])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.trim().len(), 36, "stdout is just the id: {stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("ignored-contact"));
}

#[test]
fn others_actions_are_not_the_authors_signs() {
    let j = Journal::new();
    let id = j.add(&["Sam ignored my texts all weekend."]);
    assert!(labels(&explain_json(&j, &id), "signs").is_empty());
}

#[test]
fn list_filters_by_sign() {
    let j = Journal::new();
    j.add(&["Left Jo on read.", "--day", "2026-11-18"]);
    j.add(&[
        "Called Jo back and we talked for an hour.",
        "--day",
        "2026-11-19",
    ]);
    let found = j.list_json(&["--sign", "ignored-contact"]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["day"], "2026-11-18");
    assert!(
        j.fails(&["list", "--sign", "ghosting"])
            .contains("closer catalog")
    );
}

#[test]
fn dismissed_stays_dismissed_and_confirmed_and_added_stay_through_reanalysis() {
    let j = Journal::new();
    let id = j.add(&["Left Sam on read. Snapped at Dev over dinner."]);
    j.ok(&["label", &id, "dismiss", "signs/ignored-contact"]);
    j.ok(&["label", &id, "confirm", "signs/harsh-words"]);
    j.ok(&["label", &id, "add", "triggers/stress"]);
    j.ok(&["analyze"]);
    // Editing the text so the rules no longer find harsh-words must not
    // drop what the user confirmed.
    j.cmd()
        .env("EDITOR", "sed -i 's/Snapped at Dev/Had dinner with Dev/'")
        .args(["edit", &id])
        .assert()
        .success();
    let explained = explain_json(&j, &id);
    let signs = labels(&explained, "signs");
    assert!(
        signs.contains(&("ignored-contact".into(), "dismissed".into())),
        "{signs:?}"
    );
    assert!(
        signs.contains(&("harsh-words".into(), "confirmed".into())),
        "{signs:?}"
    );
    assert!(labels(&explained, "triggers").contains(&("stress".into(), "confirmed".into())));
    // A dismissed sign no longer counts in filters.
    assert!(j.list_json(&["--sign", "ignored-contact"]).is_empty());
    assert_eq!(j.list_json(&["--sign", "harsh-words"]).len(), 1);
}

#[test]
fn labels_are_checked_against_the_catalog() {
    let j = Journal::new();
    let id = j.add(&["quiet evening"]);
    assert!(
        j.fails(&["label", &id, "add", "signs/moping"])
            .contains("closer catalog")
    );
    assert!(
        j.fails(&["label", &id, "add", "feelings/curt-reply"])
            .contains("not a family")
    );
    assert!(
        j.fails(&["label", &id, "add", "curt-reply"])
            .contains("signs/curt-reply")
    );
    assert!(
        j.fails(&["label", &id, "dismiss", "signs/curt-reply"])
            .contains("has no")
    );
}

#[test]
fn changed_rules_trigger_reanalysis_on_the_next_start() {
    let j = Journal::new();
    let id = j.add(&["Spent the evening polishing the spoons instead of calling Ana."]);
    assert!(
        labels(&explain_json(&j, &id), "signs")
            .iter()
            .all(|(l, _)| l != "withheld-feelings")
    );
    write_user_rules(
        &j,
        "spoons.toml",
        "family = \"signs\"\n[[rule]]\nid = \"mine/spoons\"\nlabel = \"withheld-feelings\"\nphrases = [\"polish~ the spoons\"]\n",
    );
    let out = j
        .cmd()
        .args(["explain", &id, "--json"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("analysed 1 entries again"));
    let explained: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(
        labels(&explained, "signs")
            .iter()
            .any(|(l, _)| l == "withheld-feelings")
    );
}

#[test]
fn a_broken_user_rule_file_is_reported_and_closer_carries_on() {
    let j = Journal::new();
    write_user_rules(
        &j,
        "broken.toml",
        "family = \"signs\"\n\n[[rule]]\nid = \"x\"\nlabel = \n",
    );
    let out = j
        .cmd()
        .args(["add", "Left Jo on read."])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.toml"), "{err}");
    assert!(err.contains(":5"), "names the line: {err}");
    assert!(
        err.contains("ignored-contact"),
        "built-in rules still ran: {err}"
    );
}

#[test]
fn detect_reads_json_lines_and_answers_in_order() {
    let j = Journal::new();
    let input = "{\"id\": \"a\", \"text\": \"I snapped at Mum.\"}\n\n{\"id\": 7, \"text\": \"Called Mum back.\"}\n";
    let out = j
        .cmd()
        .arg("detect")
        .write_stdin(input)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["signs"][0]["id"], "harsh-words");
    assert_eq!(lines[0]["signs"][0]["evidence"], "snapped at");
    assert_eq!(lines[1]["id"], 7);
    assert_eq!(lines[1]["steps"][0]["id"], "reached-out");
    for family in ["signs", "triggers", "thoughts", "steps"] {
        assert!(lines[1][family].is_array(), "{family} always present");
    }
    assert!(!j.db().exists(), "detect needs no journal");
}

#[test]
fn detect_text_treats_the_input_as_one_entry() {
    let j = Journal::new();
    let out = j.ok(&["detect", "--text", "-"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert!(v["signs"].as_array().expect("signs").is_empty());
    let mut cmd = j.cmd();
    cmd.args(["detect", "--text"])
        .write_stdin("Told him I was fine.\nI wasn't.");
    cmd.assert()
        .success()
        .stdout(predicate::str::contains("withheld-feelings"));
}

#[test]
fn detect_names_a_bad_line() {
    let j = Journal::new();
    let mut cmd = j.cmd();
    cmd.arg("detect")
        .write_stdin("{\"id\": \"a\", \"text\": \"ok\"}\nnot json\n");
    cmd.assert()
        .failure()
        .stderr(predicate::str::contains("line 2"));
}

#[test]
fn eval_scores_a_labelled_corpus() {
    let j = Journal::new();
    let corpus = j.dir.path().join("mine.jsonl");
    std::fs::write(
        &corpus,
        "{\"id\": \"m1\", \"text\": \"Left Jo on read.\", \"signs\": [\"ignored-contact\"], \"triggers\": [], \"thoughts\": [], \"steps\": []}\n\
         {\"id\": \"m2\", \"text\": \"Called Jo back.\", \"signs\": [\"curt-reply\"], \"triggers\": [], \"thoughts\": [], \"steps\": [\"reached-out\"]}\n",
    )
    .expect("corpus");
    let out = j.ok(&["eval", corpus.to_str().expect("path")]);
    assert!(out.contains("signs"), "{out}");
    assert!(out.contains("0.500"), "recall of signs is 1 of 2: {out}");
    assert!(out.contains("m2"), "the miss is listed: {out}");
    std::fs::write(&corpus, "{\"id\": \"m1\"}\n").expect("bad corpus");
    assert!(
        j.fails(&["eval", corpus.to_str().expect("path")])
            .contains("line 1")
    );
}

#[test]
fn the_catalog_lists_every_family_with_help_and_sources() {
    let j = Journal::new();
    let items: Vec<serde_json::Value> =
        serde_json::from_str(&j.ok(&["catalog", "--json"])).expect("json");
    for (family, count) in [
        ("signs", 12),
        ("triggers", 7),
        ("thoughts", 5),
        ("steps", 9),
    ] {
        let of = items.iter().filter(|i| i["family"] == family).count();
        assert_eq!(of, count, "{family}");
    }
    assert!(
        items
            .iter()
            .all(|i| !i["help"].as_str().unwrap_or("").is_empty())
    );
    assert!(
        items
            .iter()
            .filter(|i| i["family"] != "safety")
            .all(|i| i["seeds"].as_array().is_some_and(|s| !s.is_empty()))
    );
    assert!(j.ok(&["catalog"]).contains("what can help"));
}

#[test]
fn words_of_self_harm_bring_a_calm_note_and_save_the_entry() {
    let j = Journal::new();
    let out = j
        .cmd()
        .args(["add", "Some nights I just want to die."])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("crisis line"), "{err}");
    assert_eq!(j.list_json(&[]).len(), 1);
    let quiet = j
        .cmd()
        .args(["add", "Work was a lot today."])
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("crisis"));
}

#[test]
fn status_says_what_is_due_in_one_line() {
    let j = Journal::new();
    assert_eq!(j.ok(&["status"]), "", "no journal: nothing to say");
    assert!(!j.db().exists(), "status never creates a journal");
    j.add(&["a note, not a check-in"]);
    // Friday 21:30: the evening check-in is due; Sunday's review is not.
    assert_eq!(j.ok(&["status"]), "check-in due\n");
    j.add(&["Left Sam on read again.", "--kind", "checkin"]);
    assert_eq!(j.ok(&["status"]), "1 open repair\n");
    let json: serde_json::Value =
        serde_json::from_str(&j.ok(&["status", "--format", "json"])).expect("json");
    assert_eq!(json["checkin_due"], false);
    assert_eq!(json["review_due"], false);
    assert_eq!(json["open_repairs"], 1);
    // A step toward the same person mends it.
    j.add(&["Called Sam back and we talked it through."]);
    assert_eq!(j.ok(&["status"]), "");
    // On Sunday the weekly review is due.
    let sunday = j
        .cmd()
        .env("CLOSER_NOW", "2026-11-22T12:00:00+01:00")
        .arg("status")
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&sunday.stdout),
        "weekly review due\n"
    );
}

#[test]
fn morning_is_not_check_in_time() {
    let j = Journal::new();
    j.add(&["a note"]);
    let out = j
        .cmd()
        .env("CLOSER_NOW", "2026-11-20T09:00:00+01:00")
        .arg("status")
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
}

#[test]
fn the_readme_rule_example_loads_and_fires() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let start = readme
        .find("```toml\nfamily = \"signs\"")
        .expect("the example rule file")
        + "```toml\n".len();
    let example = &readme[start..start + readme[start..].find("```").expect("end of example")];
    let (engine, errors) =
        closer::rules::Engine::load(&[("README.toml".to_string(), example.to_string())]);
    assert!(errors.is_empty(), "{errors:?}");
    let found = engine.detect("Scrolled my phone while Sam talked about his day.");
    assert!(
        found.iter().any(|d| d.label == "kept-distance"),
        "{found:?}"
    );
}

#[test]
fn explain_shows_what_the_context_checks_passed_over_and_why() {
    let j = Journal::new();
    let id = j.add(&["Mum went on about the wedding again, then steered us onto the weather."]);
    let explained = explain_json(&j, &id);
    assert!(labels(&explained, "signs").is_empty());
    let passed = explained["passed_over"].as_array().expect("passed_over");
    assert!(
        passed.iter().any(|p| p["rule"]
            .as_str()
            .is_some_and(|r| r.starts_with("avoided-conflict/"))
            && p["evidence"]
                .as_str()
                .is_some_and(|e| e.starts_with("steered us onto"))
            && p["why"] == "someone else did it"),
        "{passed:?}"
    );
    let shown = j.ok(&["explain", &id]);
    assert!(shown.contains("passed over"), "{shown}");
    assert!(shown.contains("someone else did it"), "{shown}");
    // An entry whose every match counted has nothing passed over.
    let plain = j.add(&["Left Sam's message on read again."]);
    let explained = explain_json(&j, &plain);
    assert_eq!(explained["passed_over"], serde_json::json!([]));
    assert!(!j.ok(&["explain", &plain]).contains("passed over"));
}
