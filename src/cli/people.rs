//! `closer people` and `closer tags`: who and what the journal is about.

use super::Context;
use super::output::print_json;
use crate::text::terminal::one_line;

#[derive(Debug, clap::Args)]
pub struct PeopleArgs {
    #[command(subcommand)]
    pub action: Option<PeopleAction>,
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum PeopleAction {
    /// Make ALIAS another name for NAME ("Mum" for "Mother"); merges them if both were used.
    Alias { name: String, alias: String },
    /// Set how a person is named when an export is redacted.
    Set {
        name: String,
        /// Their role: partner, mother, friend 2…; empty to clear.
        #[arg(long)]
        role: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct TagsArgs {
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

pub fn run_people(ctx: &Context, args: PeopleArgs) -> anyhow::Result<()> {
    let mut store = ctx.open_store()?;
    match args.action {
        Some(PeopleAction::Alias { name, alias }) => {
            store.add_alias(&name, &alias)?;
            println!("`{}` now also means {}", one_line(&alias), one_line(&name));
            return Ok(());
        }
        Some(PeopleAction::Set { name, role }) => {
            store.set_role(&name, Some(&role))?;
            if role.trim().is_empty() {
                println!("cleared the role of {}", one_line(&name));
            } else {
                println!(
                    "{} is shown as `{}` in redacted exports",
                    one_line(&name),
                    one_line(&role)
                );
            }
            return Ok(());
        }
        None => {}
    }
    let people = store.people()?;
    if args.json {
        return print_json(&people);
    }
    if people.is_empty() {
        eprintln!("no one yet: mention someone as @Name in an entry, or use --person");
        return Ok(());
    }
    for person in &people {
        let mut line = format!("{:>5}  {}", person.entries, one_line(&person.name));
        if let Some(role) = &person.role {
            line.push_str(&ctx.painter.dim(&format!(" ({})", one_line(role))));
        }
        if !person.aliases.is_empty() {
            line.push_str(
                &ctx.painter
                    .dim(&format!(" aka {}", one_line(&person.aliases.join(", ")))),
            );
        }
        println!("{line}");
    }
    Ok(())
}

pub fn run_tags(ctx: &Context, args: TagsArgs) -> anyhow::Result<()> {
    let store = ctx.open_store()?;
    let tags = store.tags()?;
    if args.json {
        return print_json(&tags);
    }
    if tags.is_empty() {
        eprintln!("no tags yet: write #word in an entry to tag it");
        return Ok(());
    }
    for tag in &tags {
        println!("{:>5}  #{}", tag.entries, one_line(&tag.tag));
    }
    Ok(())
}
