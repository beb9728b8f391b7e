//! `closer status`: what is due, in one short line or JSON, fast enough for
//! a shell prompt or a tmux status bar. It never creates a journal.

use super::Context;
use super::output::print_json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// `prompt`: one short line, or nothing when nothing is due; `json`: for scripts.
    #[arg(long, default_value = "prompt", value_parser = ["prompt", "json"])]
    pub format: String,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    // A prompt runs this on every command line; it must not conjure a
    // journal into existence on a machine where closer was never used.
    if !ctx.db_path.exists() {
        if args.format == "json" {
            print_json(&serde_json::json!({"journal": false}))?;
        }
        return Ok(());
    }
    // Never a passphrase prompt here: an encrypted journal without
    // CLOSER_PASSPHRASE_FILE shows nothing rather than hang every prompt.
    let store =
        match crate::store::Store::open_with(&ctx.db_path, &crate::passphrase::from_file_only) {
            Err(crate::Error::NeedPassphrase { .. }) => {
                if args.format == "json" {
                    print_json(&serde_json::json!({"journal": true, "locked": true}))?;
                }
                return Ok(());
            }
            other => other?,
        };
    let status = crate::journal::status(&store, &ctx.settings, ctx.now)?;
    if args.format == "json" {
        return print_json(&status);
    }
    if let Some(line) = status.line() {
        println!("{line}");
    }
    Ok(())
}
