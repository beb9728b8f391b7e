//! Shared by the importer targets (`import_closer`, `import_jrnl`,
//! `import_dayone`). Written against `closer::import` on the `import` branch
//! (not merged into `fuzz` yet): see the comment at the end of
//! `fuzz/Cargo.toml` for how to enable these targets after the merge.
//!
//! Each target hands the bytes, if UTF-8, to `import::sniff` and to
//! `import::parse` with its format under two importing offsets (-09:30 with
//! the day starting at 04:00, +14:00 with it at midnight). Neither may panic;
//! an error must say something; a parsed file must keep the module's
//! documented promises.

use chrono::FixedOffset;
use closer::import::{self, Format, ParseOptions, Parsed};
use closer::model::{EntryKind, check_mood, check_size, check_urge};

fn options() -> [ParseOptions; 2] {
    [
        ParseOptions {
            offset: FixedOffset::west_opt(9 * 3600 + 1800).expect("offset"),
            day_starts_at: 4,
        },
        ParseOptions {
            offset: FixedOffset::east_opt(14 * 3600).expect("offset"),
            day_starts_at: 0,
        },
    ]
}

pub fn run(data: &[u8], format: Format) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = import::sniff(text) {
        assert!(!e.message.is_empty(), "sniff: empty error");
    }
    for options in options() {
        match import::parse(text, format, options) {
            Ok(parsed) => check(&parsed, format),
            Err(e) => assert!(!e.message.is_empty(), "parse: empty error"),
        }
    }
}

/// What `Record` and `Parsed` promise in their docs.
fn check(parsed: &Parsed, format: Format) {
    assert_eq!(parsed.format, format);
    let mut ids = std::collections::HashSet::new();
    for r in &parsed.records {
        assert!(
            is_lower_hyphenated_uuid(&r.id),
            "id {:?} is not a lower-case UUID",
            r.id
        );
        assert!(ids.insert(r.id.as_str()), "id {} twice in one result", r.id);
        assert!(r.revision >= 1, "revision {}", r.revision);
        assert!(
            check_size(&r.text).is_ok(),
            "oversized text passed the check"
        );
        if r.kind != EntryKind::Checkin {
            assert!(!r.text.trim().is_empty(), "an entry with no text passed");
        }
        if let Some(m) = r.mood {
            assert!(check_mood(m).is_ok(), "mood {m} passed");
        }
        if let Some(u) = r.urge {
            assert!(check_urge(u).is_ok(), "urge {u} passed");
        }
        for d in &r.decisions {
            if let Some((s, e, ev)) = &d.evidence {
                assert_eq!(
                    r.text.get(*s..*e),
                    Some(ev.as_str()),
                    "evidence off the text"
                );
            }
            for sp in &d.spans {
                assert_eq!(
                    r.text.get(sp.start..sp.end),
                    Some(sp.evidence.as_str()),
                    "span off the text"
                );
            }
        }
    }
}

fn is_lower_hyphenated_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_digit() || ('a'..='f').contains(&c),
        })
}
