//! `closer add`: write an entry from an argument, standard input or the editor.

use std::io::{IsTerminal, Read};

use anyhow::Context as _;

use super::{Context, editor};
use crate::model::{EntryKind, NewEntry, check_mood, check_text, check_urge};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The entry's text (`-` reads standard input); without it closer reads standard
    /// input when it is piped, or opens your editor.
    pub text: Option<String>,
    /// Someone this entry is about (repeatable); `@Name` in the text works too.
    #[arg(long = "person", short = 'p', value_name = "NAME")]
    pub people: Vec<String>,
    /// How you felt today, 1 (very low) to 5 (very good).
    #[arg(long)]
    pub mood: Option<u8>,
    /// The pull to withdraw today, 0 (none) to 10 (overwhelming).
    #[arg(long)]
    pub urge: Option<u8>,
    /// The journal day it belongs to (default: today; e.g. yesterday, monday, 2026-11-20).
    #[arg(long)]
    pub day: Option<String>,
    /// Never exported unless you ask.
    #[arg(long)]
    pub private: bool,
    /// Flag it to bring to therapy.
    #[arg(long)]
    pub discuss: bool,
    /// What kind of entry it is.
    #[arg(long, default_value = "note", value_parser = ["note", "checkin"])]
    pub kind: String,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    // Everything is checked before the editor opens, so nobody writes an
    // entry only to have it refused for a typo in a flag.
    let mood = args.mood.map(check_mood).transpose()?;
    let urge = args.urge.map(check_urge).transpose()?;
    let day = match &args.day {
        Some(d) => ctx.parse_day(d)?,
        None => ctx.today(),
    };
    let kind = EntryKind::parse(&args.kind)?;
    let mut journal = ctx.open_journal()?;
    // `-` is standard input, as for `closer detect`: stored as the text it
    // would have been a one-character entry nobody meant.
    let from_stdin = args.text.as_deref() == Some("-");
    let text = match args.text {
        Some(t) if !from_stdin => t,
        _ if from_stdin || !std::io::stdin().is_terminal() => {
            let mut buf = String::new();
            std::io::stdin()
                .read_to_string(&mut buf)
                .context("cannot read the entry from standard input (it must be UTF-8 text)")?;
            buf
        }
        _ => editor::edit("", &ctx.settings)?,
    };
    let text = text.trim_end().to_string();
    check_text(&text)?;
    let new = NewEntry {
        day,
        kind,
        text,
        sections: Vec::new(),
        mood,
        urge,
        people: args.people,
        private: args.private,
        discuss: args.discuss,
        created_at: None,
    };
    let saved = journal.add(&new, ctx.now)?;
    println!("{}", saved.entry.id);
    super::output::after_save(&ctx.painter, &saved);
    Ok(())
}
