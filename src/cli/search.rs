//! `closer search`: full-text search with highlighted snippets.

use serde::Serialize;

use super::Context;
use super::output::{print_json, snippet};
use crate::model::{Entry, HIT_END, HIT_START};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words to find (all must appear); "quotes" for a phrase, word* for a prefix.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// At most this many results.
    #[arg(short = 'n', long = "limit", default_value_t = 50)]
    pub limit: usize,
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct JsonHit<'a> {
    #[serde(flatten)]
    entry: &'a Entry,
    snippet: String,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let store = ctx.open_store()?;
    let query = args.query.join(" ");
    let hits = store.search(&query, args.limit)?;
    if args.json {
        let json: Vec<JsonHit<'_>> = hits
            .iter()
            .map(|h| JsonHit {
                entry: &h.entry,
                // Scripts get the hits marked in plain brackets.
                snippet: h.snippet.replace(HIT_START, "[").replace(HIT_END, "]"),
            })
            .collect();
        return print_json(&json);
    }
    if hits.is_empty() {
        eprintln!(
            "nothing in the journal matches `{}`",
            crate::text::terminal::one_line(&query)
        );
        return Ok(());
    }
    for hit in &hits {
        let short = store.short_id(&hit.entry.id)?;
        println!(
            "{}  {}  {}",
            hit.entry.day,
            ctx.painter.accent(&short),
            snippet(&ctx.painter, &hit.snippet)
        );
    }
    Ok(())
}
