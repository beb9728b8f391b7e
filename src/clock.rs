//! The current time, and the journal day it falls on.
//!
//! Every "now" in closer comes through here so tests (and the demo journal)
//! can pin the clock with `CLOSER_NOW` (an RFC 3339 time) instead of sleeping
//! or racing midnight.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, Timelike};

/// The environment variable that pins the clock, for tests and demos.
pub const NOW_ENV: &str = "CLOSER_NOW";

/// The current local time with its UTC offset.
pub fn now() -> DateTime<FixedOffset> {
    if let Ok(pinned) = std::env::var(NOW_ENV)
        && let Ok(t) = DateTime::parse_from_rfc3339(pinned.trim())
    {
        return t;
    }
    Local::now().fixed_offset()
}

/// The journal day a moment belongs to: an entry written after midnight but
/// before `day_starts_at` o'clock still belongs to the evening before, because
/// that is the evening the writer is reflecting on.
pub fn journal_day(at: DateTime<FixedOffset>, day_starts_at: u32) -> NaiveDate {
    let date = at.date_naive();
    if at.hour() < day_starts_at {
        date.pred_opt().unwrap_or(date)
    } else {
        date
    }
}

/// Timestamps are stored as RFC 3339 text with milliseconds and the offset,
/// so the local time the user saw is never lost.
pub fn format_timestamp(t: DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).expect("test time")
    }

    #[test]
    fn small_hours_belong_to_the_evening_before() {
        let day = journal_day(at("2026-11-21T01:30:00+01:00"), 4);
        assert_eq!(day.to_string(), "2026-11-20");
    }

    #[test]
    fn the_day_starts_at_the_configured_hour() {
        assert_eq!(
            journal_day(at("2026-11-21T04:00:00+00:00"), 4).to_string(),
            "2026-11-21"
        );
        assert_eq!(
            journal_day(at("2026-11-21T04:00:00+00:00"), 6).to_string(),
            "2026-11-20"
        );
        assert_eq!(
            journal_day(at("2026-11-21T00:10:00+00:00"), 0).to_string(),
            "2026-11-21"
        );
    }
}
