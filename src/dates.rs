//! Dates as people type them: `2026-11-20`, `today`, `yesterday`, `monday`,
//! `last friday`, `3 days ago`.
//!
//! A journal looks back, so a bare weekday means the most recent one (today
//! included), never the next. The common forms are handled here so their
//! meaning is ours and tested; anything else goes to the `interim` crate.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::{Error, Result};

/// Parses a date relative to `today` (the current journal day).
pub fn parse_day(input: &str, today: NaiveDate) -> Result<NaiveDate> {
    let text = input.trim().to_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    let found = match words.as_slice() {
        [] => None,
        [one] => single_word(one, today),
        ["last", "week"] => today.checked_sub_signed(Duration::days(7)),
        ["last", day] => weekday(day).map(|w| before(today, w)),
        ["this", day] => weekday(day).map(|w| on_or_before(today, w)),
        [n, unit, "ago"] => ago(n, unit, today),
        _ => None,
    };
    found.or_else(|| via_interim(&text, today)).ok_or_else(|| {
        Error::invalid(format!(
            "`{}` is not a date closer understands; use YYYY-MM-DD or words like today, yesterday, monday, last friday, 3 days ago",
            input.trim()
        ))
    })
}

fn single_word(word: &str, today: NaiveDate) -> Option<NaiveDate> {
    match word {
        "today" | "tonight" | "now" => Some(today),
        "yesterday" => today.pred_opt(),
        "tomorrow" => today.succ_opt(),
        _ => NaiveDate::parse_from_str(word, "%Y-%m-%d")
            .ok()
            .or_else(|| weekday(word).map(|w| on_or_before(today, w))),
    }
}

fn weekday(word: &str) -> Option<Weekday> {
    let w = match word {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    };
    Some(w)
}

/// The most recent `w`, today included.
fn on_or_before(today: NaiveDate, w: Weekday) -> NaiveDate {
    let back = (7 + today.weekday().num_days_from_monday() - w.num_days_from_monday()) % 7;
    today - Duration::days(i64::from(back))
}

/// The most recent `w` strictly before today: "last friday" said on a Friday
/// means a week ago.
fn before(today: NaiveDate, w: Weekday) -> NaiveDate {
    let back = match (7 + today.weekday().num_days_from_monday() - w.num_days_from_monday()) % 7 {
        0 => 7,
        n => n,
    };
    today - Duration::days(i64::from(back))
}

fn ago(n: &str, unit: &str, today: NaiveDate) -> Option<NaiveDate> {
    let n: i64 = match n {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        _ => n.parse().ok()?,
    };
    let days = match unit.trim_end_matches('s') {
        "day" => n,
        "week" => n.checked_mul(7)?,
        _ => return None,
    };
    today.checked_sub_signed(Duration::try_days(days)?)
}

fn via_interim(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let noon = today.and_hms_opt(12, 0, 0)?.and_utc();
    interim::parse_date_string(text, noon, interim::Dialect::Uk)
        .ok()
        .map(|t| t.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-11-20 is a Friday.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid date")
    }

    fn check(input: &str, expected: &str) {
        let got = parse_day(input, today()).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(got.to_string(), expected, "{input}");
    }

    #[test]
    fn words_people_type() {
        check("2026-11-02", "2026-11-02");
        check("today", "2026-11-20");
        check("Yesterday", "2026-11-19");
        check("monday", "2026-11-16");
        check("friday", "2026-11-20");
        check("last friday", "2026-11-13");
        check("last monday", "2026-11-16");
        check("3 days ago", "2026-11-17");
        check("1 day ago", "2026-11-19");
        check("2 weeks ago", "2026-11-06");
        check("a week ago", "2026-11-13");
    }

    #[test]
    fn nonsense_is_refused_with_a_hint() {
        let err = parse_day("the day after the party", today()).expect_err("nonsense");
        assert!(err.to_string().contains("YYYY-MM-DD"));
        assert!(parse_day("2026-13-40", today()).is_err());
        assert!(parse_day("", today()).is_err());
    }
}
