//! `closer label`: the user has the last word on what an entry shows.

use anyhow::bail;

use super::Context;
use crate::model::DetectionStatus;
use crate::rules::{Catalog, Family};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The entry's id, or a unique prefix of at least 6 characters.
    pub id: String,
    /// add a label the rules missed, confirm one they found, or dismiss one that is wrong.
    #[arg(value_parser = ["add", "confirm", "dismiss"])]
    pub action: String,
    /// FAMILY/LABEL, e.g. signs/curt-reply or trigger/conflict (`closer catalog` lists them).
    pub label: String,
}

/// Reads `family/label` (plural or singular family) and checks it against
/// the catalog, suggesting the family when only a label is given.
pub fn parse_label(text: &str) -> anyhow::Result<(Family, String)> {
    let catalog = Catalog::builtin();
    let Some((family, label)) = text.split_once('/') else {
        let owners: Vec<String> = Family::ALL
            .iter()
            .filter(|f| catalog.get(**f, text).is_some())
            .map(|f| format!("{}/{text}", f.as_str()))
            .collect();
        if owners.is_empty() {
            bail!(
                "`{text}` is not a label; write FAMILY/LABEL, e.g. signs/curt-reply (`closer catalog` lists them)"
            );
        }
        bail!("write the family too: {}", owners.join(" or "));
    };
    let family = Family::parse(family).ok_or_else(|| {
        anyhow::anyhow!(
            "`{family}` is not a family; use signs, triggers, thoughts, steps or safety"
        )
    })?;
    if catalog.get(family, label).is_none() {
        bail!(
            "`{label}` is not one of the {}; `closer catalog` lists them",
            family.as_str()
        );
    }
    Ok((family, label.to_string()))
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let (family, label) = parse_label(&args.label)?;
    let mut journal = ctx.open_journal()?;
    let id = journal.store.resolve_id(&args.id)?;
    let short = journal.store.short_id(&id)?;
    match args.action.as_str() {
        "add" => {
            journal.store.add_user_label(&id, family, &label)?;
            println!("added {}/{label} to entry {short}", family.as_str());
        }
        "confirm" => {
            journal
                .store
                .set_detection_status(&id, family, &label, DetectionStatus::Confirmed)?;
            println!("confirmed {}/{label} in entry {short}", family.as_str());
        }
        _ => {
            journal
                .store
                .set_detection_status(&id, family, &label, DetectionStatus::Dismissed)?;
            println!(
                "dismissed {}/{label} in entry {short}; it stays dismissed and no longer counts",
                family.as_str()
            );
        }
    }
    Ok(())
}
