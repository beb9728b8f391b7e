//! User rule files: adding rules, disabling built-in ones, and clear errors
//! (file, line, column) for malformed files, without losing the other rules.

use closer::rules::{Engine, Family};

fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn labels(engine: &Engine, text: &str) -> Vec<String> {
    engine
        .detect(text)
        .into_iter()
        .map(|d| format!("{}/{}", d.family, d.label))
        .collect()
}

#[test]
fn a_user_file_adds_a_rule_and_disables_a_builtin_one() {
    let text = "Left Tom on read. Sent Tom a 'meh'.";
    let base = Engine::builtin();
    assert!(labels(&base, text).contains(&"signs/ignored-contact".to_string()));
    let user = files(&[(
        "~/.config/closer/rules/mine.toml",
        r#"
family = "signs"
disable = ["ignored-contact/left-on-read"]

[[rule]]
id = "mine/meh"
label = "curt-reply"
phrases = ["sent <who> a <q> meh"]
"#,
    )]);
    let (engine, errors) = Engine::load(&user);
    assert!(errors.is_empty(), "{errors:?}");
    // The rule is gone; the learned second opinion may still find the
    // label on its own (it has its own id to disable; see
    // `rules::second_opinion`'s tests).
    let rules: Vec<String> = engine.detect(text).into_iter().map(|d| d.rule).collect();
    assert!(
        !rules.iter().any(|r| r == "ignored-contact/left-on-read"),
        "{rules:?}"
    );
    let curt = engine
        .detect(text)
        .into_iter()
        .find(|d| d.family == Family::Sign && d.label == "curt-reply");
    let curt = curt.expect("user rule fires");
    assert_eq!(curt.rule, "mine/meh");
    assert_ne!(engine.version(), base.version());
}

#[test]
fn malformed_toml_reports_file_line_and_column() {
    let user = files(&[
        (
            "bad.toml",
            "family = \"signs\"\n\n[[rule]]\nid = \"x\"\nlabel = curt-reply\n",
        ),
        (
            "good.toml",
            "[[rule]]\nid = \"g\"\nlabel = \"signs/curt-reply\"\nphrases = [\"said meh\"]\n",
        ),
    ]);
    let (engine, errors) = Engine::load(&user);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert_eq!(e.file, "bad.toml");
    assert_eq!(e.line, 5);
    assert!(e.column.is_some());
    assert!(e.to_string().starts_with("bad.toml:5:"), "{e}");
    // The good file and the built-in rules still work.
    assert!(engine.rule_ids().contains(&"g"));
    assert!(labels(&engine, "I said meh.").contains(&"signs/curt-reply".to_string()));
    assert!(engine.rule_ids().len() > 40);
}

#[test]
fn semantic_errors_name_the_line_of_the_offending_value() {
    let src = r#"family = "signs"

[[rule]]
id = "a"
label = "not-a-label"
phrases = ["whatever"]

[[rule]]
id = "b"
label = "curt-reply"
phrases = ["ok (unclosed"]

[[rule]]
id = "c"
label = "curt-reply"
regex = ['(?i)(']

[[rule]]
id = "d"
label = "curt-reply"
phrases = ["fine"]
unknown_key = 1
"#;
    let (engine, errors) = Engine::load(&files(&[("mine.toml", src)]));
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert!(lines.contains(&5), "{errors:?}");
    assert!(lines.contains(&11), "{errors:?}");
    assert!(lines.contains(&16), "{errors:?}");
    assert!(
        errors.iter().any(|e| e.message.contains("not a label")),
        "{errors:?}"
    );
    assert!(!engine.rule_ids().contains(&"a"));
}

#[test]
fn unknown_keys_and_unknown_disables_are_reported() {
    let (_, errors) = Engine::load(&files(&[(
        "x.toml",
        "family = \"signs\"\ndisable = [\"no-such-rule\"]\n",
    )]));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, 2);
    assert!(errors[0].message.contains("no-such-rule"));
    let (_, errors) = Engine::load(&files(&[(
        "y.toml",
        "[[rule]]\nid = \"d\"\nlabel = \"signs/curt-reply\"\nphrases = [\"fine\"]\nunknown_key = 1\n",
    )]));
    assert_eq!(errors.len(), 1, "{errors:?}");
}

#[test]
fn a_huge_user_regex_fails_fast_with_a_clear_error() {
    let src = "[[rule]]\nid = \"big\"\nlabel = \"signs/curt-reply\"\nregex = ['(?:\\w{1,100}){1,100}\\s(?:\\w{1,100}){1,100}']\n";
    let start = std::time::Instant::now();
    let (engine, errors) = Engine::load(&files(&[("big.toml", src)]));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("too large"), "{}", errors[0]);
    assert_eq!(errors[0].line, 4);
    assert!(!engine.rule_ids().contains(&"big"));
    // Not a timing assertion on detect: only that loading did not hang.
    assert!(start.elapsed().as_secs() < 120);
}
