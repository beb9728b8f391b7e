//! `closer show`: one entry in full; and what `closer` prints with no command.

use super::Context;
use super::output::{body, print_json};
use crate::model::Entry;
use crate::store::ListFilter;
use crate::text::terminal::one_line;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The entry's id, or a unique prefix of at least 6 characters.
    pub id: String,
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let store = ctx.open_store()?;
    let id = store.resolve_id(&args.id)?;
    let entry = store.entry(&id)?;
    if args.json {
        return print_json(&entry);
    }
    print!("{}", render(ctx, &entry));
    Ok(())
}

/// An entry in full, as `show` prints it.
pub fn render(ctx: &Context, entry: &Entry) -> String {
    let p = &ctx.painter;
    let mut out = String::new();
    out.push_str(&format!("{}\n", p.accent(&entry.id)));
    let mut head = vec![
        entry.day.format("%A %-d %B %Y").to_string(),
        entry.kind.as_str().to_string(),
        format!("written {}", entry.created_at.format("%H:%M")),
    ];
    if entry.updated_at != entry.created_at {
        head.push(format!(
            "edited {}",
            entry.updated_at.format("%Y-%m-%d %H:%M")
        ));
    }
    out.push_str(&format!("{}\n", p.dim(&head.join(" · "))));
    let mut meta = Vec::new();
    if let Some(m) = entry.mood {
        meta.push(format!("mood {m}/5"));
    }
    if let Some(u) = entry.urge {
        meta.push(format!("urge to withdraw {u}/10"));
    }
    if entry.private {
        meta.push("private".to_string());
    }
    if entry.discuss {
        meta.push("to discuss".to_string());
    }
    if let Some(deleted) = entry.deleted_at {
        meta.push(format!(
            "in the trash since {}",
            deleted.format("%Y-%m-%d %H:%M")
        ));
    }
    if !meta.is_empty() {
        out.push_str(&format!("{}\n", meta.join(" · ")));
    }
    if !entry.people.is_empty() {
        out.push_str(&format!("people: {}\n", one_line(&entry.people.join(", "))));
    }
    if !entry.tags.is_empty() {
        let tags: Vec<String> = entry.tags.iter().map(|t| format!("#{t}")).collect();
        out.push_str(&format!("tags: {}\n", one_line(&tags.join(" "))));
    }
    out.push('\n');
    if entry.sections.is_empty() {
        out.push_str(&body(&entry.text));
        out.push('\n');
    } else {
        for section in entry
            .sections
            .iter()
            .filter(|s| !s.answer.trim().is_empty())
        {
            out.push_str(&format!("{}\n", p.bold(&one_line(&section.prompt))));
            out.push_str(&body(section.answer.trim_end()));
            out.push_str("\n\n");
        }
    }
    out
}

/// `closer` with no command: where the journal is and what is due tonight.
pub fn overview(ctx: &Context) -> anyhow::Result<()> {
    let store = ctx.open_store()?;
    let today = ctx.today();
    let tonight = store.list(&ListFilter {
        from: Some(today),
        to: Some(today),
        ..ListFilter::default()
    })?;
    let total = store.count_entries()?;
    println!("closer: {total} entries in {}", ctx.db_path.display());
    if tonight.is_empty() {
        println!("Tonight ({today}): no entry yet. `closer add` writes one.");
    } else {
        println!(
            "Tonight ({today}): {} entr{} written.",
            tonight.len(),
            if tonight.len() == 1 { "y" } else { "ies" }
        );
    }
    println!("`closer --help` lists every command.");
    Ok(())
}
