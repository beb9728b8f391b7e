//! `closer encrypt`, `closer decrypt` and `closer passwd`: the passphrase is
//! asked for here (never taken from the command line); the conversion itself,
//! through a verified new file, is `store::cipher::convert`.

use anyhow::bail;

use super::Context;
use crate::passphrase::{self, Secret};
use crate::store::{Store, backup, cipher};

#[derive(Debug, clap::Args)]
pub struct EncryptArgs {
    /// Then delete the plaintext backups in backups/ (including the one taken
    /// just before encrypting); without this they are kept and listed.
    #[arg(long)]
    pub remove_plaintext_backups: bool,
}

#[derive(Debug, clap::Args)]
pub struct DecryptArgs {}

#[derive(Debug, clap::Args)]
pub struct PasswdArgs {}

/// The current passphrase of an encrypted journal, checked against it
/// before anything else is asked or done.
fn current_passphrase(ctx: &Context) -> anyhow::Result<Secret> {
    if cipher::kind(&ctx.db_path)? == cipher::Kind::Plain {
        bail!(
            "the journal at {} is not encrypted; `closer encrypt` encrypts it",
            ctx.db_path.display()
        );
    }
    let key = passphrase::current()?.ok_or_else(|| crate::Error::NeedPassphrase {
        path: ctx.db_path.clone(),
    })?;
    // Opening checks the key and reads only; a wrong one ends here.
    let supplied = key.clone();
    drop(Store::open_with(&ctx.db_path, &move || {
        Ok(Some(supplied.clone()))
    })?);
    Ok(key)
}

fn require_journal(ctx: &Context) -> anyhow::Result<()> {
    if !cipher::AVAILABLE {
        return Err(cipher::not_built().into());
    }
    if !ctx.db_path.is_file() {
        bail!(
            "there is no journal at {}; `closer add` starts one",
            ctx.db_path.display()
        );
    }
    Ok(())
}

pub fn run_encrypt(ctx: &Context, args: EncryptArgs) -> anyhow::Result<()> {
    require_journal(ctx)?;
    if cipher::kind(&ctx.db_path)? != cipher::Kind::Plain {
        bail!(
            "the journal at {} is already encrypted (or is not a journal); `closer passwd` changes its passphrase",
            ctx.db_path.display()
        );
    }
    let new = passphrase::new_passphrase(true)?;
    let converted = cipher::convert(&ctx.db_path, None, Some(new), ctx.today())?;
    println!("encrypted the journal at {}", ctx.db_path.display());
    let plain = cipher::plaintext_backups(&ctx.db_path);
    if args.remove_plaintext_backups {
        let mut removed = 0;
        for p in &plain {
            match std::fs::remove_file(p) {
                Ok(()) => removed += 1,
                Err(e) => eprintln!("closer: warning: cannot remove {}: {e}", p.display()),
            }
        }
        println!(
            "removed {removed} plaintext backups from {} (a deleted file may still be recoverable from the disk itself)",
            backup::backups_dir(&ctx.db_path).display()
        );
    } else if !plain.is_empty() {
        eprintln!(
            "closer: warning: {} backups in {} are NOT encrypted, among them {} (the journal as it was). Delete them yourself once you are sure the encrypted journal opens; backups from now on are encrypted.",
            plain.len(),
            backup::backups_dir(&ctx.db_path).display(),
            converted.backup.display()
        );
    }
    Ok(())
}

pub fn run_decrypt(ctx: &Context, _args: DecryptArgs) -> anyhow::Result<()> {
    require_journal(ctx)?;
    let old = current_passphrase(ctx)?;
    let converted = cipher::convert(&ctx.db_path, Some(old), None, ctx.today())?;
    println!(
        "decrypted the journal at {}; it is now readable by anyone who can read the file",
        ctx.db_path.display()
    );
    eprintln!(
        "closer: note: backups taken so far stay encrypted with the old passphrase (the newest is {}); new backups are not encrypted",
        converted.backup.display()
    );
    Ok(())
}

pub fn run_passwd(ctx: &Context, _args: PasswdArgs) -> anyhow::Result<()> {
    require_journal(ctx)?;
    let old = current_passphrase(ctx)?;
    let new = passphrase::new_passphrase(false)?;
    if new == old {
        bail!("the new passphrase is the same as the old one; nothing was changed");
    }
    let converted = cipher::convert(&ctx.db_path, Some(old), Some(new), ctx.today())?;
    println!(
        "changed the passphrase of the journal at {}",
        ctx.db_path.display()
    );
    eprintln!(
        "closer: note: backups taken so far still open with the old passphrase (the newest is {})",
        converted.backup.display()
    );
    Ok(())
}
