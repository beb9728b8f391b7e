//! `closer detect`: the rule engine on its own, JSON Lines in and out; no
//! journal is opened.

use std::io::{BufRead, Read, Write};

use anyhow::{Context as _, bail};
use serde::{Deserialize, Serialize};

use super::Context;
use crate::rules::{EntryDetections, summarize};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A file of {"id": "...", "text": "..."} lines; `-` or nothing reads standard input.
    pub file: Option<std::path::PathBuf>,
    /// Treat the whole input as the text of one entry.
    #[arg(long)]
    pub text: bool,
}

#[derive(Deserialize)]
struct Input {
    id: serde_json::Value,
    text: String,
}

#[derive(Serialize)]
struct Output<'a> {
    id: &'a serde_json::Value,
    #[serde(flatten)]
    found: EntryDetections,
}

fn open_input(file: Option<&std::path::Path>) -> anyhow::Result<Box<dyn BufRead>> {
    Ok(match file {
        None => Box::new(std::io::stdin().lock()),
        Some(p) if p.as_os_str() == "-" => Box::new(std::io::stdin().lock()),
        Some(p) => Box::new(std::io::BufReader::new(
            std::fs::File::open(p).with_context(|| format!("cannot open {}", p.display()))?,
        )),
    })
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let engine = ctx.engine()?;
    let mut input = open_input(args.file.as_deref())?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.text {
        let mut text = String::new();
        input
            .read_to_string(&mut text)
            .context("the input must be UTF-8 text")?;
        let id = serde_json::Value::String("text".to_string());
        serde_json::to_writer(
            &mut out,
            &Output {
                id: &id,
                found: summarize(&engine.detect(&text)),
            },
        )?;
        writeln!(out)?;
        return Ok(out.flush()?);
    }
    let mut line = String::new();
    let mut number = 0;
    loop {
        line.clear();
        number += 1;
        let read = input
            .read_line(&mut line)
            .with_context(|| format!("line {number}: the input must be UTF-8 text"))?;
        if read == 0 {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        let item: Input = match serde_json::from_str(&line) {
            Ok(item) => item,
            Err(e) => bail!(
                "line {number}: {e}; each line must be {{\"id\": \"…\", \"text\": \"…\"}} (or use --text for plain text)"
            ),
        };
        let found = summarize(&engine.detect(&item.text));
        serde_json::to_writer(
            &mut out,
            &Output {
                id: &item.id,
                found,
            },
        )?;
        writeln!(out)?;
    }
    Ok(out.flush()?)
}
