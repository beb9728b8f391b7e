//! The user's settings, from `~/.config/closer/config.toml`.
//!
//! The file is optional and every setting has a default, so a newcomer never
//! has to write one. A file that is there but wrong is refused with the file,
//! line and key named: silently falling back to defaults would hide a typo
//! the user believes is in force.

use std::path::{Path, PathBuf};

use chrono::Weekday;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// An entry written before this hour belongs to the previous evening.
    pub day_starts_at: u32,
    /// The day Home invites the weekly review.
    pub review_day: ReviewDay,
    /// From this hour `closer status` says the evening check-in is due.
    pub remind_from: u32,
    /// The editor for `closer add` and `closer edit`; else `$VISUAL`, `$EDITOR`, `vi`.
    pub editor: Option<String>,
    /// When a trigger-sign pattern counts as recurring.
    pub patterns: PatternSettings,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PatternSettings {
    /// Distinct days within one week that make a pattern recur.
    pub days_in_week: u32,
    /// Distinct days within the longer window that make a pattern recur.
    pub days_in_window: u32,
    /// The longer window, in days.
    pub window_days: u32,
}

impl Default for PatternSettings {
    fn default() -> Self {
        PatternSettings {
            days_in_week: 2,
            days_in_window: 3,
            window_days: 28,
        }
    }
}

/// A weekday spelled the way people write it in a settings file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewDay {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl ReviewDay {
    pub fn weekday(self) -> Weekday {
        match self {
            ReviewDay::Monday => Weekday::Mon,
            ReviewDay::Tuesday => Weekday::Tue,
            ReviewDay::Wednesday => Weekday::Wed,
            ReviewDay::Thursday => Weekday::Thu,
            ReviewDay::Friday => Weekday::Fri,
            ReviewDay::Saturday => Weekday::Sat,
            ReviewDay::Sunday => Weekday::Sun,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            day_starts_at: 4,
            review_day: ReviewDay::Sunday,
            remind_from: 18,
            editor: None,
            patterns: PatternSettings::default(),
        }
    }
}

impl Settings {
    /// Reads the settings file if there is one; defaults otherwise.
    pub fn load(path: &Path) -> Result<Settings> {
        match std::fs::read_to_string(path) {
            Ok(text) => Settings::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(e) => Err(Error::io(
                format!("cannot read the settings file {}", path.display()),
                e,
            )),
        }
    }

    /// Parses settings text; `path` is only used to name the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Settings> {
        let settings: Settings = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|span| line_of(text, span.start));
            config_error(path, text, line, e.message())
        })?;
        settings.validate(text, path)?;
        Ok(settings)
    }

    fn validate(&self, text: &str, path: &Path) -> Result<()> {
        let range_error =
            |key: &str, message: &str| config_error(path, text, line_of_key(text, key), message);
        if self.day_starts_at > 12 {
            return Err(range_error(
                "day_starts_at",
                "must be an hour from 0 to 12 (the small hours that still belong to the evening before)",
            ));
        }
        if self.remind_from > 23 {
            return Err(range_error("remind_from", "must be an hour from 0 to 23"));
        }
        let p = &self.patterns;
        if p.days_in_week == 0 || p.days_in_week > 7 {
            return Err(range_error("days_in_week", "must be from 1 to 7"));
        }
        if p.window_days < 7 || p.window_days > 366 {
            return Err(range_error("window_days", "must be from 7 to 366"));
        }
        if p.days_in_window == 0 || p.days_in_window > p.window_days {
            return Err(range_error(
                "days_in_window",
                "must be from 1 to window_days",
            ));
        }
        Ok(())
    }
}

fn config_error(path: &Path, text: &str, line: Option<usize>, message: &str) -> Error {
    let message = message.trim().replace('\n', "; ");
    let location = match line {
        Some(n) => match key_on_line(text, n) {
            Some(key) => format!("line {n}, key `{key}`: "),
            None => format!("line {n}: "),
        },
        None => String::new(),
    };
    Error::Config {
        path: PathBuf::from(path),
        message: format!(
            "{location}{message} (fix or remove this setting; every setting has a default)"
        ),
    }
}

/// The 1-based line holding byte `offset`.
fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim_start().split('=').next().map(str::trim) == Some(key))
        .map(|i| i + 1)
}

fn key_on_line(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let (key, _) = l.split_once('=')?;
    let key = key.trim();
    (!key.is_empty() && !key.starts_with('#')).then(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Settings> {
        Settings::parse(text, Path::new("/home/u/.config/closer/config.toml"))
    }

    #[test]
    fn an_empty_file_gives_the_defaults() {
        assert_eq!(parse("").expect("empty is fine"), Settings::default());
    }

    #[test]
    fn settings_are_read() {
        let s = parse("day_starts_at = 5\nreview_day = \"friday\"\n[patterns]\nwindow_days = 14\n")
            .expect("valid");
        assert_eq!(s.day_starts_at, 5);
        assert_eq!(s.review_day, ReviewDay::Friday);
        assert_eq!(s.patterns.window_days, 14);
        assert_eq!(s.patterns.days_in_week, 2);
    }

    #[test]
    fn a_wrong_type_names_file_line_and_key() {
        let err = parse("# mine\nday_starts_at = \"late\"\n")
            .expect_err("invalid")
            .to_string();
        assert!(err.contains("config.toml"), "{err}");
        assert!(err.contains("line 2"), "{err}");
        assert!(err.contains("day_starts_at"), "{err}");
    }

    #[test]
    fn an_unknown_key_is_refused() {
        let err = parse("day_start = 4\n").expect_err("unknown").to_string();
        assert!(err.contains("line 1"), "{err}");
        assert!(err.contains("day_start"), "{err}");
    }

    #[test]
    fn an_out_of_range_hour_is_refused_with_its_line() {
        let err = parse("\n\nday_starts_at = 23\n")
            .expect_err("range")
            .to_string();
        assert!(err.contains("line 3, key `day_starts_at`"), "{err}");
    }
}
