//! `closer edit`: change an entry's text in the editor, or its details with
//! flags (no editor opens when only flags are given).

use super::{Context, editor};
use crate::model::{Entry, EntryChange, Section, check_mood, check_urge};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The entry's id, or a unique prefix of at least 6 characters.
    pub id: String,
    /// Set the mood, 1 to 5.
    #[arg(long)]
    pub mood: Option<u8>,
    /// Set the urge to withdraw, 0 to 10.
    #[arg(long)]
    pub urge: Option<u8>,
    /// Move it to another journal day.
    #[arg(long)]
    pub day: Option<String>,
    /// Add someone to it (repeatable).
    #[arg(long = "person", short = 'p', value_name = "NAME")]
    pub people: Vec<String>,
    /// Mark it private (never exported unless asked).
    #[arg(long, conflicts_with = "public")]
    pub private: bool,
    /// Clear the private mark.
    #[arg(long)]
    pub public: bool,
    /// Flag it to bring to therapy.
    #[arg(long, conflicts_with = "no_discuss")]
    pub discuss: bool,
    /// Clear the therapy flag.
    #[arg(long)]
    pub no_discuss: bool,
}

impl Args {
    fn has_flags(&self) -> bool {
        self.mood.is_some()
            || self.urge.is_some()
            || self.day.is_some()
            || !self.people.is_empty()
            || self.private
            || self.public
            || self.discuss
            || self.no_discuss
    }
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let mut journal = ctx.open_journal()?;
    let id = journal.store.resolve_id(&args.id)?;
    let entry = journal.store.entry(&id)?;
    let mut change = EntryChange {
        mood: args.mood.map(check_mood).transpose()?.map(Some),
        urge: args.urge.map(check_urge).transpose()?.map(Some),
        day: args.day.as_deref().map(|d| ctx.parse_day(d)).transpose()?,
        add_people: args.people.clone(),
        private: flag(args.private, args.public),
        discuss: flag(args.discuss, args.no_discuss),
        ..EntryChange::default()
    };
    if !args.has_flags() {
        let edited = editor::edit(&editable_text(&entry), &ctx.settings)?;
        if edited.trim_end() == editable_text(&entry).trim_end() {
            eprintln!("no changes; the entry is as it was");
            return Ok(());
        }
        apply_edit(&entry, &edited, &mut change);
    }
    // The revision read above guards against a save made elsewhere (the TUI)
    // while the editor was open.
    let saved = journal.update(&id, &change, Some(entry.revision), ctx.now)?;
    println!("saved entry {}", journal.store.short_id(&saved.entry.id)?);
    if change.text.is_some() {
        super::output::after_save(&ctx.painter, &saved);
    }
    Ok(())
}

fn flag(on: bool, off: bool) -> Option<bool> {
    match (on, off) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    }
}

/// A check-in opens as its prompts (`## prompt`) with the answers below
/// them; a note opens as its text.
fn editable_text(entry: &Entry) -> String {
    if entry.sections.is_empty() {
        return entry.text.clone();
    }
    entry
        .sections
        .iter()
        .map(|s| format!("## {}\n{}\n", s.prompt, s.answer.trim_end()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn apply_edit(entry: &Entry, edited: &str, change: &mut EntryChange) {
    if entry.sections.is_empty() {
        change.text = Some(edited.trim_end().to_string());
        return;
    }
    let sections = parse_sections(edited, &entry.sections);
    change.text = Some(Section::joined_answers(&sections));
    change.sections = Some(sections);
}

/// Reads `## prompt` blocks back. A prompt the entry had keeps its key; a
/// heading the user added becomes a section of its own.
fn parse_sections(edited: &str, before: &[Section]) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut preamble = String::new();
    for line in edited.lines() {
        if let Some(prompt) = line.strip_prefix("## ") {
            let prompt = prompt.trim().to_string();
            let key = before
                .iter()
                .find(|s| s.prompt.trim() == prompt)
                .map_or_else(|| "extra".to_string(), |s| s.key.clone());
            sections.push(Section {
                key,
                prompt,
                answer: String::new(),
            });
        } else if let Some(current) = sections.last_mut() {
            current.answer.push_str(line);
            current.answer.push('\n');
        } else {
            preamble.push_str(line);
            preamble.push('\n');
        }
    }
    if !preamble.trim().is_empty() {
        sections.insert(
            0,
            Section {
                key: "extra".to_string(),
                prompt: "Notes".to_string(),
                answer: preamble,
            },
        );
    }
    for s in &mut sections {
        s.answer = s.answer.trim().to_string();
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(key: &str, prompt: &str, answer: &str) -> Section {
        Section {
            key: key.into(),
            prompt: prompt.into(),
            answer: answer.into(),
        }
    }

    #[test]
    fn sections_survive_a_round_trip_through_the_editor() {
        let before = vec![
            section("before", "What happened just before?", "Sam asked to talk."),
            section(
                "did",
                "What did you do?",
                "Said I was busy.\nWent for a walk.",
            ),
        ];
        let text: String = before
            .iter()
            .map(|s| format!("## {}\n{}\n", s.prompt, s.answer))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(parse_sections(&text, &before), before);
    }

    #[test]
    fn a_new_heading_becomes_an_extra_section() {
        let before = vec![section("did", "What did you do?", "x")];
        let parsed = parse_sections("## What did you do?\ny\n## Later\nz\n", &before);
        assert_eq!(parsed[1], section("extra", "Later", "z"));
    }
}
