//! Plain-text helpers over entry text: making stored text safe for a
//! terminal, and reading the `@people` and `#tags` a writer marks.

pub mod mentions;
pub mod terminal;
