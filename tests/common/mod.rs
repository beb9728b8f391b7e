//! A hermetic journal for tests: a temp directory standing in for HOME and
//! the XDG folders, a pinned clock, no colour, no editor.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// Friday 20 November 2026, 21:30 in a UTC+1 evening.
pub const NOW: &str = "2026-11-20T21:30:00+01:00";

pub struct Journal {
    pub dir: TempDir,
}

impl Journal {
    pub fn new() -> Journal {
        Journal {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("data").join("journal.db")
    }

    pub fn config_dir(&self) -> PathBuf {
        self.home().join(".config").join("closer")
    }

    /// `closer` with the environment pointed away from the real one.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// The same as [`Journal::cmd`], as a plain process to spawn.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("closer"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home())
            .env("XDG_DATA_HOME", self.home().join(".local/share"))
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env("XDG_STATE_HOME", self.home().join(".local/state"))
            .env("XDG_CACHE_HOME", self.home().join(".cache"))
            .env("CLOSER_DB", self.db())
            .env("CLOSER_NOW", NOW)
            .env("NO_COLOR", "1");
        cmd
    }

    /// Runs closer with `args`, expecting success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("runs");
        assert!(
            out.status.success(),
            "closer {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// Runs closer with `args`, expecting failure; returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("runs");
        assert!(!out.status.success(), "closer {args:?} should have failed");
        assert_eq!(
            out.status.code(),
            Some(1),
            "errors exit with 1, not a panic or signal"
        );
        let err = String::from_utf8(out.stderr).expect("utf-8 errors");
        assert!(!err.contains("panicked"), "no panic: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one clear line: {err}");
        err
    }

    /// Adds an entry and returns its full id.
    pub fn add(&self, args: &[&str]) -> String {
        let mut all = vec!["add"];
        all.extend_from_slice(args);
        self.ok(&all).trim().to_string()
    }

    pub fn list_json(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.ok(&all)).expect("list --json is JSON")
    }
}

/// A file's bytes, compared without printing them when they differ.
#[derive(PartialEq)]
pub struct Bytes(Vec<u8>);

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} bytes>", self.0.len())
    }
}

pub fn file_bytes(path: &Path) -> Bytes {
    Bytes(std::fs::read(path).expect("readable file"))
}
