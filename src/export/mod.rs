//! Exports: the summary a user takes to therapy, as Markdown, HTML or JSON.
//!
//! One serialisable [`Report`] is built by [`build`] (pure: values in, a
//! value out) from the live entries and detections of the period and the
//! people of the journal, and every format renders that one value, so the
//! privacy rules are applied in one place and hold in every format:
//! - private entries are left out (with their detections) unless
//!   [`Options::include_private`];
//! - dismissed detections never appear, as evidence or in any count;
//! - with [`Options::redact`], every string of the report (evidence, entry
//!   text, reflections, small steps, names in patterns) has each person's
//!   name and aliases replaced, as whole words and whatever their case, by
//!   the role the user gave them or else a stable "Person A", "Person B" in
//!   order of first appearance (see [`redact`]).
//!
//! Rendering is in [`render`]: minijinja templates compiled in, with HTML
//! auto-escaped, so stored text can never become markup.

pub mod backup;
pub mod redact;
pub mod render;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::analysis::period::weekday_name;
use crate::analysis::{Period, Review, review};
use crate::config::PatternSettings;
use crate::model::{Entry, EntryKind, PersonSummary, StoredDetection};
use crate::rules::Family;

/// The version of the report's JSON shape; bumped when a field changes
/// meaning or goes away (adding one does not).
pub const REPORT_VERSION: u32 = 1;

/// Which entries the report prints in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum EntriesShown {
    /// None: the summary alone.
    None,
    /// Only those the user flagged to discuss.
    Discuss,
    /// Every entry of the period.
    All,
}

/// What the user asked of the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub include_private: bool,
    pub redact: bool,
    pub entries: EntriesShown,
}

/// Everything an export prints, privacy rules applied.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub format: &'static str,
    pub version: u32,
    pub period: Period,
    pub redacted: bool,
    pub private_included: bool,
    pub entries_shown: EntriesShown,
    pub summary: Summary,
    /// The review of the whole period (signs, patterns, thoughts, steps,
    /// counter-moves, reflections).
    pub review: Review,
    pub chart: Chart,
    /// The DBT-style diary card, one block per ISO week.
    pub grid: Vec<GridWeek>,
    /// Entries flagged `discuss`, listed by day whatever `entries_shown` is.
    pub discuss: Vec<Flagged>,
    pub safety_days: Vec<SafetyDay>,
    pub entries: Vec<ExportEntry>,
}

/// The first page.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub days: usize,
    pub days_checked_in: usize,
    pub entries: usize,
    pub mood_average: Option<f64>,
    pub urge_average: Option<f64>,
    /// The most counted signs, at most three.
    pub top_signs: Vec<String>,
    pub signs: usize,
    pub steps: usize,
    pub patterns: usize,
    pub discuss: usize,
    pub safety_days: usize,
}

/// Mood and urge over time and the signs' counts, as coordinates in a
/// fixed viewBox: the template draws them as numbers, never as text.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub width: u32,
    pub height: u32,
    /// Where the plot starts and ends horizontally.
    pub left: u32,
    pub right: u32,
    pub top: u32,
    pub bottom: u32,
    pub mood: Vec<Point>,
    pub urge: Vec<Point>,
    /// Vertical grid lines at each Monday, with its date as the label.
    pub weeks: Vec<Tick>,
    pub bars: Vec<Bar>,
    pub bars_height: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    pub x: f64,
    pub day: NaiveDate,
}

/// One sign's bar: its label id, count and the bar's geometry.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub id: String,
    pub count: usize,
    pub y: f64,
    pub width: f64,
}

/// One week of the diary card.
#[derive(Debug, Clone, Serialize)]
pub struct GridWeek {
    pub label: String,
    /// The signs seen that week: the card's columns.
    pub signs: Vec<String>,
    pub days: Vec<GridDay>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GridDay {
    pub day: NaiveDate,
    pub weekday: &'static str,
    pub in_period: bool,
    pub mood: Option<f64>,
    pub urge: Option<f64>,
    /// How many entries each of the week's signs counted in, in column order.
    pub signs: Vec<usize>,
    pub steps: usize,
}

/// An entry the user flagged to discuss, in brief.
#[derive(Debug, Clone, Serialize)]
pub struct Flagged {
    pub id: String,
    pub day: NaiveDate,
    pub kind: EntryKind,
    /// The first line of the text, short.
    pub gist: String,
}

/// A day the safety rules marked, with what they found (no text).
#[derive(Debug, Clone, Serialize)]
pub struct SafetyDay {
    pub day: NaiveDate,
    pub labels: Vec<String>,
}

/// An entry printed in full, its text cut into plain and evidence segments.
#[derive(Debug, Clone, Serialize)]
pub struct ExportEntry {
    pub id: String,
    pub day: NaiveDate,
    pub kind: EntryKind,
    pub mood: Option<u8>,
    pub urge: Option<u8>,
    pub people: Vec<String>,
    pub tags: Vec<String>,
    pub discuss: bool,
    pub segments: Vec<Segment>,
}

/// A piece of an entry's text; `label` is set when a detection was found on it.
#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    pub text: String,
    pub family: Option<Family>,
    pub label: Option<String>,
}

/// The days [`build`] needs from the store for `period`.
pub fn days_needed(period: &Period, settings: &PatternSettings) -> Period {
    crate::analysis::days_needed(period, settings)
}

/// Builds the report of `period` from the live entries and detections of
/// [`days_needed`] and everyone in the journal. The privacy rules are applied
/// here and nowhere else.
pub fn build(
    entries: &[Entry],
    detections: &[StoredDetection],
    people: &[PersonSummary],
    period: &Period,
    settings: &PatternSettings,
    options: Options,
) -> serde_json::Value {
    let report = report(entries, detections, period, settings, options);
    let value = serde_json::to_value(&report).unwrap_or(serde_json::Value::Null);
    if !options.redact {
        return value;
    }
    let redactor = redact::Redactor::new(people, &appearance_order(&report));
    let mut value = redactor.value(value);
    // Entry text is cut into segments and gists are cut short; redacting the
    // pieces would miss a name cut in two ("Jo" | " Smith"), so both are
    // made again from the whole text redacted at once.
    if let Some(shown) = value.get_mut("entries").and_then(|v| v.as_array_mut()) {
        for (slot, e) in shown.iter_mut().zip(&report.entries) {
            if let Ok(segments) = serde_json::to_value(redacted_segments(&redactor, &e.segments)) {
                slot["segments"] = segments;
            }
        }
    }
    if let Some(flagged) = value.get_mut("discuss").and_then(|v| v.as_array_mut()) {
        let texts: HashMap<&str, &str> = entries
            .iter()
            .map(|e| (e.id.as_str(), e.text.as_str()))
            .collect();
        for (slot, f) in flagged.iter_mut().zip(&report.discuss) {
            if let Some(text) = texts.get(f.id.as_str()) {
                slot["gist"] = serde_json::Value::String(gist(&redactor.text(text)));
            }
        }
    }
    value
}

/// The segments of an entry's text, redacted as one text: each marked span
/// moved to where its words are in the redacted text, widened to a whole
/// stand-in when it began or ended inside a name.
fn redacted_segments(redactor: &redact::Redactor, segments: &[Segment]) -> Vec<Segment> {
    let whole: String = segments.iter().map(|s| s.text.as_str()).collect();
    let (text, map) = redactor.text_mapped(&whole);
    let mut marked = Vec::new();
    let mut at = 0;
    for s in segments {
        let end = at + s.text.len();
        if s.label.is_some() {
            marked.push((
                redact::map_offset(&map, at, false),
                redact::map_offset(&map, end, true),
                s,
            ));
        }
        at = end;
    }
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end, s) in marked {
        // A span widened over a name may now reach into the one before.
        let start = start.max(at);
        if start >= end || text.get(start..end).is_none() {
            continue;
        }
        if start > at {
            out.push(plain(&text[at..start]));
        }
        out.push(Segment {
            text: text[start..end].to_string(),
            family: s.family,
            label: s.label.clone(),
        });
        at = end;
    }
    if at < text.len() {
        out.push(plain(&text[at..]));
    }
    out
}

/// The people of the report in order of first appearance: the entries
/// printed (oldest first), then those the review names.
fn appearance_order(report: &Report) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let names = report
        .entries
        .iter()
        .flat_map(|e| e.people.iter())
        .chain(report.review.people.iter().map(|p| &p.name));
    for n in names {
        if !seen.iter().any(|s| s.eq_ignore_ascii_case(n)) {
            seen.push(n.clone());
        }
    }
    seen
}

/// The report before redaction.
pub fn report(
    entries: &[Entry],
    detections: &[StoredDetection],
    period: &Period,
    settings: &PatternSettings,
    options: Options,
) -> Report {
    // The privacy filter: the one place entries and detections are dropped.
    let kept: Vec<Entry> = entries
        .iter()
        .filter(|e| e.deleted_at.is_none() && (options.include_private || !e.private))
        .cloned()
        .collect();
    let ids: HashSet<&str> = kept.iter().map(|e| e.id.as_str()).collect();
    let detections: Vec<StoredDetection> = detections
        .iter()
        .filter(|d| d.status.counts() && ids.contains(d.entry_id.as_str()))
        .cloned()
        .collect();

    let review = review(&kept, &detections, period, settings);
    let in_period: Vec<&Entry> = kept.iter().filter(|e| period.contains(e.day)).collect();
    let mut by_entry: BTreeMap<&str, Vec<&StoredDetection>> = BTreeMap::new();
    for d in &detections {
        by_entry.entry(d.entry_id.as_str()).or_default().push(d);
    }

    let safety_days = safety_days(&in_period, &by_entry);
    let discuss: Vec<Flagged> = in_period
        .iter()
        .filter(|e| e.discuss)
        .map(|e| Flagged {
            id: e.id.clone(),
            day: e.day,
            kind: e.kind,
            gist: gist(&e.text),
        })
        .collect();
    let shown: Vec<ExportEntry> = in_period
        .iter()
        .filter(|e| match options.entries {
            EntriesShown::None => false,
            EntriesShown::Discuss => e.discuss,
            EntriesShown::All => true,
        })
        .map(|e| export_entry(e, by_entry.get(e.id.as_str()).map_or(&[], Vec::as_slice)))
        .collect();

    let summary = Summary {
        days: review.days.len(),
        days_checked_in: review.days_checked_in,
        entries: review.entries,
        mood_average: review.mood.average,
        urge_average: review.urge.average,
        top_signs: review.signs.iter().take(3).map(|s| s.id.clone()).collect(),
        signs: review.signs.iter().map(|s| s.count).sum(),
        steps: review.steps.iter().map(|s| s.count).sum(),
        patterns: review.patterns.len(),
        discuss: discuss.len(),
        safety_days: safety_days.len(),
    };
    Report {
        format: "closer-report",
        version: REPORT_VERSION,
        period: period.clone(),
        redacted: options.redact,
        private_included: options.include_private,
        entries_shown: options.entries,
        summary,
        chart: chart(&review),
        grid: grid(period, &review, &in_period, &by_entry),
        review,
        discuss,
        safety_days,
        entries: shown,
    }
}

/// The first line of a text, at most 80 characters.
fn gist(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut out: String = line.trim().chars().take(80).collect();
    if line.trim().chars().count() > 80 {
        out.push('…');
    }
    out
}

fn safety_days(
    in_period: &[&Entry],
    by_entry: &BTreeMap<&str, Vec<&StoredDetection>>,
) -> Vec<SafetyDay> {
    let mut days: BTreeMap<NaiveDate, BTreeSet<String>> = BTreeMap::new();
    for e in in_period {
        for d in by_entry.get(e.id.as_str()).into_iter().flatten() {
            if d.family == Family::Safety {
                days.entry(e.day).or_default().insert(d.label.clone());
            }
        }
    }
    days.into_iter()
        .map(|(day, labels)| SafetyDay {
            day,
            labels: labels.into_iter().collect(),
        })
        .collect()
}

/// An entry's text cut at its detections' evidence. Offsets come from the
/// database, so a span that is out of range, not on a character boundary or
/// overlapping an earlier one is left unmarked rather than trusted.
fn export_entry(e: &Entry, detections: &[&StoredDetection]) -> ExportEntry {
    let mut spans: Vec<(usize, usize, &StoredDetection)> = detections
        .iter()
        .filter_map(|d| Some((d.start?, d.end?, *d)))
        .filter(|(s, t, _)| s < t && e.text.get(*s..*t).is_some())
        .collect();
    spans.sort_by_key(|(s, t, _)| (*s, std::cmp::Reverse(*t)));
    let mut segments = Vec::new();
    let mut at = 0;
    for (start, end, d) in spans {
        if start < at {
            continue;
        }
        if start > at {
            segments.push(plain(&e.text[at..start]));
        }
        segments.push(Segment {
            text: e.text[start..end].to_string(),
            family: Some(d.family),
            label: Some(d.label.clone()),
        });
        at = end;
    }
    if at < e.text.len() {
        segments.push(plain(&e.text[at..]));
    }
    ExportEntry {
        id: e.id.clone(),
        day: e.day,
        kind: e.kind,
        mood: e.mood,
        urge: e.urge,
        people: e.people.clone(),
        tags: e.tags.clone(),
        discuss: e.discuss,
        segments,
    }
}

fn plain(text: &str) -> Segment {
    Segment {
        text: text.to_string(),
        family: None,
        label: None,
    }
}

const CHART_WIDTH: u32 = 640;
const CHART_HEIGHT: u32 = 200;
const BAR_ROW: u32 = 22;

fn chart(review: &Review) -> Chart {
    let (left, right, top, bottom) = (40u32, CHART_WIDTH - 40, 10u32, CHART_HEIGHT - 30);
    let n = review.days.len().max(2) - 1;
    let x = |i: usize| f64::from(left) + f64::from(right - left) * (i as f64) / (n as f64).max(1.0);
    // Both scales share the plot: mood 1–5 and urge 0–10 mapped to the same
    // height, labelled on either side.
    let y = |v: f64, lo: f64, hi: f64| {
        let share = ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
        round1(f64::from(bottom) - share * f64::from(bottom - top))
    };
    let points = |values: &[Option<f64>], lo: f64, hi: f64| {
        values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                v.map(|v| Point {
                    x: round1(x(i)),
                    y: y(v, lo, hi),
                })
            })
            .collect()
    };
    let weeks = review
        .days
        .iter()
        .enumerate()
        // Mondays only: a label for the first day too would overlap the
        // next Monday's when the period starts late in a week.
        .filter(|(_, d)| d.day.weekday() == chrono::Weekday::Mon)
        .map(|(i, d)| Tick {
            x: round1(x(i)),
            day: d.day,
        })
        .collect();
    let most = review
        .signs
        .iter()
        .map(|s| s.count)
        .max()
        .unwrap_or(1)
        .max(1);
    let bars = review
        .signs
        .iter()
        .enumerate()
        .map(|(i, s)| Bar {
            id: s.id.clone(),
            count: s.count,
            y: f64::from(BAR_ROW) * i as f64,
            width: round1(300.0 * s.count as f64 / most as f64),
        })
        .collect::<Vec<_>>();
    Chart {
        width: CHART_WIDTH,
        height: CHART_HEIGHT,
        left,
        right,
        top,
        bottom,
        mood: points(&review.mood.per_day, 1.0, 5.0),
        urge: points(&review.urge.per_day, 0.0, 10.0),
        weeks,
        bars_height: BAR_ROW * u32::try_from(bars.len()).unwrap_or(0),
        bars,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The diary card: the period's ISO weeks, Monday to Sunday (days outside
/// the period left blank), with one column per sign seen that week.
fn grid(
    period: &Period,
    review: &Review,
    in_period: &[&Entry],
    by_entry: &BTreeMap<&str, Vec<&StoredDetection>>,
) -> Vec<GridWeek> {
    let mut per_day: BTreeMap<NaiveDate, (BTreeMap<String, usize>, usize)> = BTreeMap::new();
    for e in in_period {
        if e.kind == EntryKind::Weekly {
            continue;
        }
        let found = by_entry.get(e.id.as_str()).map_or(&[][..], Vec::as_slice);
        let day = per_day.entry(e.day).or_default();
        let signs: BTreeSet<&str> = found
            .iter()
            .filter(|d| d.family == Family::Sign)
            .map(|d| d.label.as_str())
            .collect();
        for s in signs {
            *day.0.entry(s.to_string()).or_default() += 1;
        }
        day.1 += found.iter().filter(|d| d.family == Family::Step).count();
    }
    let mut weeks = Vec::new();
    let mut monday = Period::week_of(period.from).from;
    while monday <= period.to {
        let week = Period::week_of(monday);
        let signs: Vec<String> = week
            .days()
            .filter_map(|d| per_day.get(&d))
            .flat_map(|(s, _)| s.keys().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let days = week
            .days()
            .map(|day| {
                let index = usize::try_from((day - period.from).num_days()).ok();
                let of = |f: fn(&crate::analysis::review::Day) -> Option<f64>| {
                    index
                        .filter(|_| period.contains(day))
                        .and_then(|i| review.days.get(i))
                        .and_then(f)
                };
                let (counts, steps) = per_day.get(&day).cloned().unwrap_or_default();
                GridDay {
                    day,
                    weekday: weekday_name(day.weekday()),
                    in_period: period.contains(day),
                    mood: of(|d| d.mood),
                    urge: of(|d| d.urge),
                    signs: signs
                        .iter()
                        .map(|s| counts.get(s).copied().unwrap_or(0))
                        .collect(),
                    steps,
                }
            })
            .collect();
        weeks.push(GridWeek {
            label: week.label.clone(),
            signs,
            days,
        });
        monday += Duration::days(7);
    }
    weeks
}
