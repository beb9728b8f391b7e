//! `closer delete` and `closer restore`: the trash is the only way out, so a
//! slip of the keyboard never destroys an entry.

use super::Context;

#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    /// The entry's id, or a unique prefix of at least 6 characters.
    pub id: String,
}

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The entry's id or a unique prefix (`closer trash` lists them), or a backup file to restore the journal from.
    pub id: String,
}

pub fn run_delete(ctx: &Context, args: DeleteArgs) -> anyhow::Result<()> {
    let mut store = ctx.open_store()?;
    let id = store.resolve_id(&args.id)?;
    let entry = store.delete_entry(&id, ctx.now)?;
    let short = store.short_id(&entry.id)?;
    println!(
        "moved entry {short} ({}) to the trash; `closer restore {short}` brings it back",
        entry.day
    );
    Ok(())
}

pub fn run_restore(ctx: &Context, args: RestoreArgs) -> anyhow::Result<()> {
    let mut store = ctx.open_store()?;
    let id = store.resolve_id(&args.id)?;
    let entry = store.restore_entry(&id)?;
    let short = store.short_id(&entry.id)?;
    println!("restored entry {short} ({})", entry.day);
    Ok(())
}
