//! Analysis: stored detections turned into insight: what keeps setting the
//! user off, and what they did instead. Pure functions over entries, stored
//! detections, settings values and a given period: no I/O, no database, no
//! clock. The CLI and the TUI load the days a review needs from the store
//! (`Store::review_data`) and call [`review`].
//!
//! - [`period`]: ISO weeks and ranges of days, the periods before them.
//! - [`episodes`]: one entry read in order: each sign with the triggers and
//!   thoughts before it, its people, day and time; each trigger with what
//!   followed it.
//! - [`patterns`]: recurring cause → sign patterns, ranked; counter-moves.
//! - [`review`]: the weekly review as one serialisable value.
//! - [`markdown`]: the review as Markdown.
//! - [`repairs`]: signs aimed at someone that nothing has mended yet.
//! - [`people`]: one page per person: toward, away, what came first.

pub mod episodes;
pub mod markdown;
pub mod patterns;
pub mod people;
pub mod period;
pub mod repairs;
pub mod review;

pub use episodes::{EntryEpisodes, Episode, Reaction, TimeOfDay};
pub use patterns::{Cause, CounterMove, Pattern, counter_moves, recurring};
pub use period::Period;
pub use review::{Review, days_needed, review};
