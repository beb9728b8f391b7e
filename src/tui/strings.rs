//! The words the TUI shows that are not the user's own: titles, hints and
//! the help of each screen. Kept together so they read as one voice.

pub const APP: &str = "closer";

pub const HOME_HELP: &[(&str, &str)] = &[
    ("c", "tonight's check-in"),
    ("e", "entries"),
    ("r", "weekly review"),
    ("p", "people"),
    ("y / n", "answer: did you take yesterday's small step?"),
    ("?", "this help"),
    ("q", "quit"),
];

pub const CHECKIN_HELP: &[(&str, &str)] = &[
    ("Tab / Shift-Tab", "next / previous question"),
    ("Ctrl-S", "save the check-in, from anywhere"),
    ("Esc", "leave; what you wrote stays as a draft"),
    ("← → or digits", "mood and urge"),
    (
        "type, ↑ ↓, Space, Enter",
        "people: find, move, pick, add someone new",
    ),
    ("c / x / a", "review: confirm, dismiss, add a label"),
    ("Ctrl-D", "review: throw the draft away"),
    ("F1", "this help"),
];

pub const ENTRIES_HELP: &[(&str, &str)] = &[
    ("↑ ↓ / j k", "move"),
    ("Enter", "open the entry"),
    (
        "/",
        "search and filter: words, @person, #tag, sign:label, from:DATE, to:DATE",
    ),
    ("d", "move to the trash (asks first)"),
    ("u", "undo the last delete"),
    ("Esc", "back"),
    ("?", "this help"),
];

pub const ENTRY_HELP: &[(&str, &str)] = &[
    ("↑ ↓ / j k", "choose a label"),
    ("c / x", "confirm / dismiss the label"),
    ("e", "edit the entry"),
    ("d", "move to the trash (asks first)"),
    ("Esc", "back"),
    ("?", "this help"),
];

pub const REVIEW_HELP: &[(&str, &str)] = &[
    ("← → / h l", "previous / next week"),
    ("↑ ↓ / j k", "choose a pattern"),
    ("Enter", "open its example entry"),
    ("Esc", "back"),
    ("?", "this help"),
];

pub const PEOPLE_HELP: &[(&str, &str)] = &[
    ("↑ ↓ / j k", "choose a person"),
    ("Tab", "move between people and their repairs"),
    ("Enter", "mark the chosen repair done"),
    ("Esc", "back"),
    ("?", "this help"),
];

pub const MOOD_WORDS: [&str; 5] = ["very low", "low", "so-so", "good", "very good"];
