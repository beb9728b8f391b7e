//! `closer catalog`: every label closer knows, what it means and what can help.

use serde::Serialize;

use super::output::print_json;
use crate::rules::{Catalog, Family};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Item<'a> {
    family: &'static str,
    id: &'a str,
    name: &'a str,
    description: &'a str,
    help: &'a str,
    seeds: &'a [String],
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let catalog = Catalog::builtin();
    if args.json {
        let items: Vec<Item<'_>> = catalog
            .entries()
            .iter()
            .map(|e| Item {
                family: e.family.as_str(),
                id: &e.id,
                name: &e.name,
                description: &e.description,
                help: &e.help,
                seeds: &e.seeds,
            })
            .collect();
        return print_json(&items);
    }
    for family in Family::ALL {
        println!("{}", family.as_str());
        for e in catalog.family(family) {
            println!("  {:<20} {}", e.id, e.description);
            println!("  {:<20} what can help: {}", "", e.help);
        }
        println!();
    }
    println!(
        "Sources: the articles in shared/seeds, by file name (`closer catalog --json` lists them per label)."
    );
    Ok(())
}
