//! Writing in the user's own editor, the way `git commit` does: a private
//! temporary file, `$VISUAL` or `$EDITOR` run through the shell (so
//! `code --wait` works), and the file read back when the editor exits.

use std::io::Write;
use std::process::Command;

use anyhow::{Context as _, bail};

use crate::config::Settings;

/// Where the editor's file goes. The editor needs a real file, so the entry's
/// text is plaintext there even when the journal is encrypted: on Linux it is
/// put in `/dev/shm`, memory that never reaches the disk (short of swap),
/// else in the usual temporary folder. The file is 0600 either way.
fn temp_dir() -> std::path::PathBuf {
    let shm = std::path::Path::new("/dev/shm");
    if cfg!(target_os = "linux") && shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    }
}

/// Opens `initial` in the editor and returns what the user saved.
///
/// The temporary file is created readable by the user only and removed
/// afterwards. If the editor fails, the file is kept and its path printed, so
/// nothing typed is lost.
pub fn edit(initial: &str, settings: &Settings) -> anyhow::Result<String> {
    let editor = settings
        .editor
        .clone()
        .or_else(|| {
            std::env::var("VISUAL")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    let mut file = tempfile::Builder::new()
        .prefix("closer-entry-")
        .suffix(".md")
        .tempfile_in(temp_dir())
        .context("cannot create a temporary file for the editor")?;
    file.write_all(initial.as_bytes())
        .and_then(|()| file.flush())
        .context("cannot write the temporary file for the editor")?;
    let path = file.path().to_path_buf();
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("closer-editor")
        .arg(&path)
        .status()
        .with_context(|| format!("cannot start the editor `{editor}`; set $VISUAL or $EDITOR"))?;
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read back {}", path.display()))?;
    if !status.success() {
        if text.trim() != initial.trim() {
            let (_, kept) = file.keep().context("cannot keep the editor's file")?;
            bail!(
                "the editor `{editor}` failed ({status}); nothing was saved. What you wrote is kept in {}",
                kept.display()
            );
        }
        bail!("the editor `{editor}` failed ({status}); nothing was saved");
    }
    Ok(text)
}
