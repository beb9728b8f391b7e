//! The stretch of days a review covers: an ISO week (`2026-W47`, Monday to
//! Sunday) or any range of days, and the stretches before it that a review
//! compares with (the previous four weeks) and looks back over for patterns
//! (the pattern window). Dates only: no clock, no time zones.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

use crate::{Error, Result};

/// A range of journal days, both ends included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// `2026-W47` for a week, `2026-11-01 to 2026-11-20` for a range.
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// The ISO week (Monday to Sunday) holding `day`.
    pub fn week_of(day: NaiveDate) -> Period {
        let from = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
        let iso = day.iso_week();
        Period {
            label: format!("{}-W{:02}", iso.year(), iso.week()),
            from,
            to: from + Duration::days(6),
        }
    }

    /// Reads an ISO week as people write it: `2026-W47` (also `2026w47`,
    /// `2026-W7`).
    pub fn parse_week(text: &str) -> Result<Period> {
        let bad = || {
            Error::invalid(format!(
                "`{text}` is not a week; write it as YEAR-WNN, e.g. 2026-W47"
            ))
        };
        let t = text.trim().to_ascii_uppercase();
        let (year, week) = t.split_once('W').ok_or_else(bad)?;
        let year: i32 = year.trim_end_matches('-').parse().map_err(|_| bad())?;
        let week: u32 = week.parse().map_err(|_| bad())?;
        let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or_else(|| {
            Error::invalid(format!(
                "{year} has no week {week}; ISO years have 52 or 53 weeks"
            ))
        })?;
        Ok(Period::week_of(monday))
    }

    /// The days from `from` to `to`, both included.
    pub fn range(from: NaiveDate, to: NaiveDate) -> Result<Period> {
        if from > to {
            return Err(Error::invalid(format!(
                "the period starts on {from}, after it ends on {to}; swap them"
            )));
        }
        let week = Period::week_of(from);
        if week.from == from && week.to == to {
            return Ok(week);
        }
        Ok(Period {
            label: format!("{from} to {to}"),
            from,
            to,
        })
    }

    /// How many days it spans.
    pub fn len_days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// Whether it is exactly one ISO week.
    pub fn is_week(&self) -> bool {
        Period::week_of(self.from) == *self
    }

    /// Its days in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.from.iter_days().take_while(|d| *d <= self.to)
    }

    /// The `n` periods of the same length just before this one, taken
    /// together: for a week, the previous four weeks when `n` is 4.
    pub fn before(&self, n: u32) -> Period {
        let len = self.len_days();
        let to = self.from - Duration::days(1);
        let from = self.from - Duration::days(len * i64::from(n));
        let label = if self.is_week() {
            format!(
                "{} to {}",
                Period::week_of(from).label,
                Period::week_of(to).label
            )
        } else {
            format!("{from} to {to}")
        };
        Period { label, from, to }
    }

    /// The last seven days of the period: "the week" in which two days make
    /// a pattern recur. For a weekly review it is the week itself.
    pub fn last_week(&self) -> Period {
        let from = (self.to - Duration::days(6)).max(self.from);
        Period::range(from, self.to).unwrap_or_else(|_| self.clone())
    }

    /// The `days` days ending with the period, or the whole period if it is
    /// longer: where patterns are looked for.
    pub fn window(&self, days: u32) -> Period {
        let from = (self.to - Duration::days(i64::from(days.max(1)) - 1)).min(self.from);
        Period {
            label: format!("{from} to {}", self.to),
            from,
            to: self.to,
        }
    }
}

/// A weekday as the user reads it.
pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn weeks_are_read_in_the_ways_people_write_them() {
        let cases = [
            ("2026-W47", "2026-11-16", "2026-11-22"),
            ("2026w47", "2026-11-16", "2026-11-22"),
            ("2026-W1", "2025-12-29", "2026-01-04"),
            ("2020-W53", "2020-12-28", "2021-01-03"),
        ];
        for (text, from, to) in cases {
            let p = Period::parse_week(text).expect(text);
            assert_eq!((p.from, p.to), (d(from), d(to)), "{text}");
            assert!(p.is_week());
        }
        assert_eq!(
            Period::parse_week("2026-w47").expect("week").label,
            "2026-W47"
        );
    }

    #[test]
    fn nonsense_weeks_are_refused_with_the_format() {
        for text in [
            "", "W47", "2026-47", "2026-W", "2026-W54", "2026-W0", "x-W3",
        ] {
            let e = Period::parse_week(text).expect_err(text).to_string();
            assert!(e.contains("week"), "{text}: {e}");
        }
    }

    #[test]
    fn the_week_of_a_sunday_starts_the_monday_before() {
        let p = Period::week_of(d("2026-11-22"));
        assert_eq!(
            (p.from, p.to, p.label.as_str()),
            (d("2026-11-16"), d("2026-11-22"), "2026-W47")
        );
    }

    #[test]
    fn the_four_weeks_before_a_week_are_28_days() {
        let p = Period::parse_week("2026-W47").expect("week").before(4);
        assert_eq!((p.from, p.to), (d("2026-10-19"), d("2026-11-15")));
        assert_eq!(p.label, "2026-W43 to 2026-W46");
        let r = Period::range(d("2026-11-01"), d("2026-11-10"))
            .expect("range")
            .before(4);
        assert_eq!((p.len_days(), r.len_days()), (28, 40));
    }

    #[test]
    fn a_range_that_is_a_week_is_that_week_and_backwards_is_refused() {
        assert!(
            Period::range(d("2026-11-16"), d("2026-11-22"))
                .expect("ok")
                .is_week()
        );
        assert!(Period::range(d("2026-11-17"), d("2026-11-22")).is_ok_and(|p| !p.is_week()));
        assert!(Period::range(d("2026-11-22"), d("2026-11-16")).is_err());
    }

    #[test]
    fn the_window_reaches_back_but_never_cuts_the_period() {
        let week = Period::parse_week("2026-W47").expect("week");
        assert_eq!(week.window(28).from, d("2026-10-26"));
        let long = Period::range(d("2026-09-01"), d("2026-11-22")).expect("range");
        assert_eq!(long.window(28).from, d("2026-09-01"));
        assert_eq!(long.last_week().from, d("2026-11-16"));
        assert_eq!(week.days().count(), 7);
    }
}
