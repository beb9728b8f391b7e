//! closer: a private terminal journal for noticing when you push people away.
//!
//! The crate is one library with a thin binary on top. The rooms, and what each
//! may know about the others, are mapped in `ARCHITECTURE.md`.

pub mod analysis;
pub mod cli;
pub mod clock;
pub mod config;
pub mod dates;
pub mod demo;
pub mod error;
pub mod export;
pub mod import;
pub mod journal;
pub mod model;
pub mod passphrase;
pub mod paths;
pub mod rules;
pub mod store;
pub mod text;
pub mod tui;

pub use error::{Error, Result};
