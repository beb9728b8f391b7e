//! `closer export` on a small journal built by hand (labels stored through
//! the store, not found by the rules, which change): the privacy rules in
//! every format, hostile text made inert in HTML, a Markdown snapshot, and a
//! few runs of the real binary.

mod common;

use chrono::{DateTime, FixedOffset, NaiveDate};
use closer::analysis::Period;
use closer::config::PatternSettings;
use closer::export::{self, EntriesShown, Options, render};
use closer::model::{DetectionStatus, NewEntry};
use closer::rules::{EntryDetections, Family, LabelDetection};
use closer::store::Store;

use Family::{Safety, Sign, Step, Thought, Trigger};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(common::NOW).expect("time")
}

fn evening(on: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{on}T21:00:00+01:00")).expect("time")
}

struct Builder {
    store: Store,
}

struct Entry<'a> {
    on: &'a str,
    text: &'a str,
    mood: Option<u8>,
    private: bool,
    discuss: bool,
    labels: &'a [(Family, &'a str, &'a str)],
}

impl Builder {
    fn new() -> Builder {
        Builder {
            store: Store::open_in_memory().expect("store"),
        }
    }

    fn add(&mut self, e: Entry<'_>) -> String {
        let new = NewEntry {
            mood: e.mood,
            urge: e.mood.map(|m| 10 - 2 * m),
            private: e.private,
            discuss: e.discuss,
            created_at: Some(evening(e.on)),
            ..NewEntry::note(day(e.on), e.text)
        };
        let id = self.store.add_entries(&[new], now()).expect("add")[0].clone();
        let mut found = EntryDetections::default();
        for (family, label, words) in e.labels {
            let start = e
                .text
                .find(words)
                .expect("the label's words are in the text");
            let d = LabelDetection {
                id: (*label).to_string(),
                rule: format!("{label}/test"),
                start,
                end: start + words.len(),
                evidence: (*words).to_string(),
                people: Vec::new(),
                spans: Vec::new(),
            };
            match family {
                Sign => found.signs.push(d),
                Trigger => found.triggers.push(d),
                Thought => found.thoughts.push(d),
                Step => found.steps.push(d),
                Safety => found.safety.push(d),
            }
        }
        self.store
            .write_with(now(), |w| w.save_detections(&id, &found, "test"))
            .expect("detections");
        id
    }

    fn report(&self, options: Options) -> serde_json::Value {
        let period = Period::range(day("2026-10-26"), day("2026-11-22")).expect("period");
        let settings = PatternSettings::default();
        let needed = export::days_needed(&period, &settings);
        let (entries, detections) = self
            .store
            .review_data(needed.from, needed.to)
            .expect("review data");
        let people = self.store.people().expect("people");
        export::build(&entries, &detections, &people, &period, &settings, options)
    }
}

const HOSTILE: &str = r#"<script>alert(1)</script> and "><img src=x onerror=alert(1)> and [x](javascript:alert(1)) https://evil.example/x //evil.example"#;

/// Four weeks with Sam (aliased Sammy), Jo (role partner), a private entry,
/// a dismissed detection, a safety day, a hostile entry and a reflection.
fn journal() -> Builder {
    let mut j = Builder::new();
    for on in ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-18"] {
        j.add(Entry {
            on,
            text: "@Sam criticised how I handled the bills. I walked out.",
            mood: Some(2),
            private: false,
            discuss: on == "2026-11-18",
            labels: &[
                (Trigger, "conflict", "criticised how I handled the bills"),
                (Sign, "avoided-conflict", "walked out"),
            ],
        });
    }
    j.add(Entry {
        on: "2026-11-17",
        text: "Sammy texted. I told @Jo how I felt, then ignored Sam's call.",
        mood: Some(3),
        private: false,
        discuss: true,
        labels: &[
            (Step, "shared-feelings", "told @Jo how I felt"),
            (Sign, "ignored-contact", "ignored Sam's call"),
        ],
    });
    let dismissed = j.add(Entry {
        on: "2026-11-19",
        text: "They will leave eventually, I thought about Dismissedword.",
        mood: Some(3),
        private: false,
        discuss: true,
        labels: &[
            (Thought, "expect-rejection", "They will leave eventually"),
            (Sign, "kept-distance", "Dismissedword"),
        ],
    });
    j.store
        .set_detection_status(
            &dismissed,
            Sign,
            "kept-distance",
            DetectionStatus::Dismissed,
        )
        .expect("dismiss");
    j.add(Entry {
        on: "2026-11-20",
        text: "Secretword: a private evening with @Priya.",
        mood: Some(1),
        private: true,
        discuss: true,
        labels: &[(Sign, "withheld-feelings", "Secretword")],
    });
    j.add(Entry {
        on: "2026-11-21",
        text: "Some nights I think of hurting myself.",
        mood: Some(1),
        private: false,
        discuss: false,
        labels: &[(Safety, "self-harm", "hurting myself")],
    });
    j.add(Entry {
        on: "2026-11-21",
        text: HOSTILE,
        mood: None,
        private: false,
        discuss: true,
        labels: &[(Sign, "curt-reply", "<script>alert(1)</script>")],
    });
    let weekly = NewEntry {
        kind: closer::model::EntryKind::Weekly,
        created_at: Some(evening("2026-11-22")),
        ..NewEntry::note(day("2026-11-22"), "A hard week with Sam; Jo helped.")
    };
    j.store.add_entries(&[weekly], now()).expect("weekly");
    j.store.set_role("Jo", Some("partner")).expect("role");
    j.store.add_alias("Sam", "Sammy").expect("alias");
    j
}

fn options(redact: bool, include_private: bool, entries: EntriesShown) -> Options {
    Options {
        include_private,
        redact,
        entries,
    }
}

/// Every format of one report.
fn all_formats(report: &serde_json::Value) -> [(&'static str, String); 3] {
    [
        ("md", render::markdown(report)),
        ("html", render::html(report)),
        ("json", serde_json::to_string_pretty(report).expect("json")),
    ]
}

#[test]
fn private_entries_are_left_out_of_every_format_unless_asked() {
    let j = journal();
    let report = j.report(options(false, false, EntriesShown::All));
    for (format, text) in all_formats(&report) {
        assert!(
            !text.contains("Secretword"),
            "{format} shows a private entry"
        );
        assert!(
            !text.contains("Priya"),
            "{format} names someone only in a private entry"
        );
        assert!(
            !text.contains("withheld-feelings") && !text.contains("Withheld feelings"),
            "{format} counts a private entry's sign"
        );
    }
    let report = j.report(options(false, true, EntriesShown::All));
    for (format, text) in all_formats(&report) {
        assert!(
            text.contains("Secretword"),
            "{format} leaves out a private entry it was asked for"
        );
    }
}

#[test]
fn dismissed_detections_never_appear() {
    let j = journal();
    let report = j.report(options(false, false, EntriesShown::All));
    let html = render::html(&report);
    let md = render::markdown(&report);
    // The entry is shown, but its dismissed sign is neither counted nor marked.
    assert!(md.contains("Dismissedword") && html.contains("Dismissedword"));
    for (format, text) in all_formats(&report) {
        assert!(
            !text.contains("kept-distance"),
            "{format} mentions a dismissed label"
        );
        assert!(
            !text.contains("Kept distance"),
            "{format} names a dismissed label"
        );
    }
    assert!(
        !md.contains("**Dismissedword**"),
        "dismissed evidence is marked"
    );
    assert!(
        !html.contains("<mark>Dismissedword"),
        "dismissed evidence is marked"
    );
}

#[test]
fn redaction_replaces_names_and_aliases_everywhere_in_every_format() {
    let j = journal();
    let report = j.report(options(true, true, EntriesShown::All));
    for (format, text) in all_formats(&report) {
        for name in ["Sam", "Sammy", "Jo", "Priya"] {
            let found = regex::Regex::new(&format!(r"(?i)\b{name}\b"))
                .expect("regex")
                .is_match(&text);
            assert!(!found, "{format} still names {name}");
        }
        assert!(text.contains("partner"), "{format} lacks the role");
        assert!(text.contains("Person A"), "{format} lacks a placeholder");
        assert!(
            text.contains("Person B"),
            "{format} lacks a second placeholder"
        );
    }
    // Sam appears first (2 November), so Sam is Person A, in evidence too.
    let md = render::markdown(&report);
    assert!(md.contains("Person A's call"), "{md}");
    assert!(md.contains("told @partner how I felt") || md.contains("told partner how I felt"));
}

/// Every piece of markup in `html`: since stored text has its `<` escaped,
/// each raw `<` starts markup the template wrote.
fn markup(html: &str) -> Vec<String> {
    regex::Regex::new(r"<[^>]*>")
        .expect("regex")
        .find_iter(html)
        .map(|m| m.as_str().to_lowercase())
        .collect()
}

/// What the template's own markup and style may never hold.
fn assert_no_active_content(html: &str) {
    let lower = html.to_lowercase();
    let allowed = regex::Regex::new(
        r"^</?(!doctype|html|head|meta|title|style|body|section|div|h1|h2|h3|p|ul|li|strong|small|mark|span|i|table|thead|tbody|tr|th|td|blockquote|svg|line|text|polyline|circle|rect)[\s>/]",
    )
    .expect("regex");
    let handler = regex::Regex::new(r"\son\w+\s*=").expect("regex");
    for tag in markup(html) {
        assert!(allowed.is_match(&tag), "unexpected markup {tag}");
        for bad in [
            "script",
            "src=",
            "href=",
            "http",
            "//",
            "url(",
            "javascript:",
        ] {
            assert!(!tag.contains(bad), "{bad} in markup {tag}");
        }
        assert!(!handler.is_match(&tag), "an event handler in {tag}");
    }
    let style = &lower[lower.find("<style>").expect("style")..lower.find("</style>").expect("end")];
    for bad in ["@import", "url(", "http", "//"] {
        assert!(!style.contains(bad), "{bad} in the style");
    }
    assert!(!lower.contains("<script"), "a script element");
}

#[test]
fn hostile_text_is_inert_in_html() {
    let j = journal();
    for redact in [false, true] {
        let html = render::html(&j.report(options(redact, true, EntriesShown::All)));
        assert_no_active_content(&html);
        // The text is still there, as text.
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"),
            "{html}"
        );
        assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    }
}

#[test]
fn the_html_is_one_file_with_no_script_or_external_reference() {
    let j = journal();
    let html = render::html(&j.report(options(false, false, EntriesShown::None)));
    assert_no_active_content(&html);
    let lower = html.to_lowercase();
    assert!(lower.starts_with("<!doctype html>"));
    assert!(lower.contains("<svg"), "an inline chart");
    assert!(lower.contains("<polyline"), "the mood line");
    assert!(lower.contains("@media print"), "print styles");
}

#[test]
fn entries_are_shown_as_asked() {
    let j = journal();
    let none = render::markdown(&j.report(options(false, false, EntriesShown::None)));
    assert!(!none.contains("## Entries"));
    let discuss = render::markdown(&j.report(options(false, false, EntriesShown::Discuss)));
    assert!(discuss.contains("ignored Sam's call"), "a flagged entry");
    assert!(
        !discuss.contains("Some nights"),
        "an unflagged entry in full"
    );
    let all = render::markdown(&j.report(options(false, false, EntriesShown::All)));
    assert!(all.contains("Some nights"));
}

#[test]
fn the_report_has_its_sections_in_a_therapists_order() {
    let j = journal();
    let md = render::markdown(&j.report(options(false, false, EntriesShown::Discuss)));
    let order = [
        "## Summary",
        "## Mood and urge",
        "### Diary card",
        "## Signs",
        "## Recurring patterns",
        "## Recurring thoughts",
        "## Steps taken",
        "## Flagged to discuss",
        "## Weekly reflections",
        "## Safety",
        "## Entries",
    ];
    let mut at = 0;
    for heading in order {
        let found = md[at..]
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} after {at}"));
        at += found;
    }
    assert!(
        md.contains("2026-11-21: Self-harm") || md.contains("2026-11-21:"),
        "the safety day"
    );
}

#[test]
fn the_markdown_export_of_a_small_journal() {
    let j = journal();
    let md = render::markdown(&j.report(options(true, false, EntriesShown::Discuss)));
    insta::assert_snapshot!(md);
}

#[test]
fn cli_export_writes_a_private_file_and_markdown_by_default() {
    let j = common::Journal::new();
    j.add(&[
        "--day",
        "2026-11-18",
        "--discuss",
        "I ignored @Sam today. <script>x</script>",
    ]);
    j.add(&["--day", "2026-11-19", "--private", "Secretword with @Priya"]);
    let md = j.ok(&["export"]);
    assert!(
        md.starts_with("# Journal summary: 2026-10-24 to 2026-11-20"),
        "{md}"
    );
    assert!(
        md.contains("ignored @Sam") || md.contains("ignored Sam"),
        "{md}"
    );
    assert!(!md.contains("Secretword"));
    let out = j.dir.path().join("report.html");
    j.ok(&[
        "export",
        "--format",
        "html",
        "--redact",
        "--out",
        out.to_str().expect("path"),
    ]);
    let html = std::fs::read_to_string(&out).expect("written");
    assert!(!html.contains("<script>x"));
    assert!(!html.contains("Sam"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the export is private");
    }
    let json: serde_json::Value =
        serde_json::from_str(&j.ok(&["export", "--format", "report"])).expect("json");
    assert_eq!(json["format"], "closer-report");
    assert_eq!(json["version"], 1);
    // `--format json` is the backup: the whole journal, versioned.
    let json: serde_json::Value =
        serde_json::from_str(&j.ok(&["export", "--format", "json"])).expect("json");
    assert_eq!(json["format"], "closer");
    assert_eq!(json["version"], 1);
    let err = j.fails(&["export", "--from", "2026-11-20", "--to", "2026-11-01"]);
    assert!(err.contains("swap"), "{err}");
}

#[test]
fn a_name_cut_by_evidence_or_a_gist_is_still_redacted() {
    let mut j = Builder::new();
    // The evidence ends between the two words of a name, and the gist (80
    // characters) ends inside it: redacting the pieces would miss both.
    let cut = j.add(Entry {
        on: "2026-11-18",
        text: "I ignored Jo Smith all evening.",
        mood: Some(2),
        private: false,
        discuss: true,
        labels: &[(Sign, "ignored-contact", "ignored Jo")],
    });
    let long = j.add(Entry {
        on: "2026-11-19",
        text: "A long first line about a long day at work and the long way home, and then Jo Smith called.",
        mood: Some(3),
        private: false,
        discuss: true,
        labels: &[],
    });
    for id in [cut, long] {
        let change = closer::model::EntryChange {
            add_people: vec!["Jo Smith".to_string()],
            ..closer::model::EntryChange::default()
        };
        j.store
            .update_entry(&id, &change, None, now())
            .expect("person");
    }
    let report = j.report(options(true, false, EntriesShown::All));
    for (format, text) in all_formats(&report) {
        for word in ["Jo", "Smith"] {
            let found = regex::Regex::new(&format!(r"\b{word}\b"))
                .expect("regex")
                .is_match(&text);
            assert!(!found, "{format} still shows {word:?}");
        }
        assert!(!text.contains("Sm…"), "{format} shows half a name");
        assert!(
            text.contains("ignored Person A"),
            "{format} lost the evidence"
        );
    }
}
