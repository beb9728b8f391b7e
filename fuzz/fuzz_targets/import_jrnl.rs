//! NOT BUILT YET: needs `closer::import` from the `import` branch. Enable
//! it with the `[[bin]]` block commented at the end of `fuzz/Cargo.toml`.
//!
//! The jrnl importer: arbitrary bytes, if UTF-8, through `import::sniff` and
//! `import::parse(.., Format::Jrnl, ..)`; see `import_common.rs` for the checks.
#![no_main]

mod import_common;

use closer::import::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| import_common::run(data, Format::Jrnl));
