//! closer: a private terminal journal for noticing when you push people away.
//!
//! The crate is one library with a thin binary on top. The rooms, and what each
//! may know about the others, are mapped in `ARCHITECTURE.md`.

pub mod rules;
