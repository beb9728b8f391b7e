//! Where closer keeps things on disk: the journal database (XDG data
//! directory) and the settings and user rules (XDG config directory).
//! `--db` and `CLOSER_DB` override the journal's place.

use std::path::PathBuf;

use directories::ProjectDirs;

use crate::{Error, Result};

/// The environment variable naming the journal file.
pub const DB_ENV: &str = "CLOSER_DB";

fn project_dirs() -> Result<ProjectDirs> {
    ProjectDirs::from("", "", "closer").ok_or_else(|| {
        Error::invalid(
            "cannot find a home directory for the journal; set HOME, or name a file with --db PATH",
        )
    })
}

/// The default journal: `$XDG_DATA_HOME/closer/journal.db`.
pub fn default_db() -> Result<PathBuf> {
    Ok(project_dirs()?.data_dir().join("journal.db"))
}

/// The settings folder: `$XDG_CONFIG_HOME/closer/`.
pub fn config_dir() -> Result<PathBuf> {
    Ok(project_dirs()?.config_dir().to_path_buf())
}

/// The settings file: `$XDG_CONFIG_HOME/closer/config.toml`.
pub fn config_file() -> Result<PathBuf> {
    Ok(config_dir()?.join("config.toml"))
}

/// The user's own rule files: `$XDG_CONFIG_HOME/closer/rules/*.toml`.
pub fn user_rules_dir() -> Result<PathBuf> {
    Ok(config_dir()?.join("rules"))
}
