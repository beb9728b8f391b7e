//! `closer review`: the weekly review in the terminal, as Markdown or as
//! JSON, and `--note` to save the week's reflection. The review itself is
//! computed by [`crate::analysis::review`]; this module picks the period,
//! loads its days from the store and prints.

use anyhow::bail;
use chrono::Duration;

use super::output::{Painter, preview, print_json};
use super::{Context, editor};
use crate::analysis::markdown;
use crate::analysis::patterns::{Cause, Pattern};
use crate::analysis::review::{LabelCount, Review};
use crate::analysis::{Period, days_needed, review};
use crate::model::{EntryKind, NewEntry, check_text};
use crate::rules::Catalog;
use crate::text::terminal::inert;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ISO week, e.g. 2026-W47, or `this` / `last` (default: this week, Monday to Sunday).
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub week: Option<String>,
    /// Review from this day instead (e.g. 2026-11-01, "3 weeks ago").
    #[arg(long)]
    pub from: Option<String>,
    /// ... up to and including this day (default: today).
    #[arg(long)]
    pub to: Option<String>,
    /// Print JSON for scripts.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// text for the terminal, md for Markdown.
    #[arg(long, value_parser = ["text", "md"], default_value = "text")]
    pub format: String,
    /// Save your reflection on the week (without TEXT, your editor opens).
    #[arg(long, value_name = "TEXT", num_args = 0..=1, default_missing_value = "")]
    pub note: Option<String>,
}

fn period(ctx: &Context, args: &Args) -> anyhow::Result<Period> {
    let today = ctx.today();
    if let Some(week) = &args.week {
        return Ok(match week.trim().to_lowercase().as_str() {
            "this" | "current" => Period::week_of(today),
            "last" | "previous" => Period::week_of(today - Duration::days(7)),
            _ => Period::parse_week(week)?,
        });
    }
    let from = args.from.as_deref().map(|d| ctx.parse_day(d)).transpose()?;
    let to = args.to.as_deref().map(|d| ctx.parse_day(d)).transpose()?;
    Ok(match (from, to) {
        (None, None) => Period::week_of(today),
        (Some(from), None) => Period::range(from, today.max(from))?,
        (None, Some(to)) => Period::range(to - Duration::days(6), to)?,
        (Some(from), Some(to)) => Period::range(from, to)?,
    })
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let period = period(ctx, &args)?;
    let mut journal = ctx.open_journal()?;
    if let Some(note) = &args.note {
        let today = ctx.today();
        if period.from > today {
            bail!(
                "{} has not started yet; write the reflection once it has",
                period.label
            );
        }
        let text = if note.trim().is_empty() {
            editor::edit("", &ctx.settings)?
        } else {
            note.clone()
        };
        let text = text.trim_end().to_string();
        check_text(&text)?;
        let new = NewEntry {
            kind: EntryKind::Weekly,
            ..NewEntry::note(today.min(period.to), text)
        };
        let saved = journal.add(&new, ctx.now)?;
        println!("{}", saved.entry.id);
        eprintln!(
            "saved your reflection on {}; `closer review` shows it",
            period.label
        );
        return Ok(());
    }
    let needed = days_needed(&period, &ctx.settings.patterns);
    let (entries, detections) = journal.store.review_data(needed.from, needed.to)?;
    let review = review(&entries, &detections, &period, &ctx.settings.patterns);
    if args.json {
        return print_json(&review);
    }
    if args.format == "md" {
        let examples = review.patterns.iter().flat_map(|p| &p.examples);
        let short_ids = journal.store.short_ids(examples.map(|ex| ex.id.as_str()))?;
        print!("{}", markdown::render(&review, &short_ids));
    } else {
        print!("{}", render(&ctx.painter, &review));
    }
    Ok(())
}

/// The catalog's name of a label, or the id itself.
fn name(catalog: &Catalog, id: &str) -> String {
    catalog
        .entries()
        .iter()
        .find(|e| e.id == id)
        .map_or_else(|| id.to_string(), |e| e.name.clone())
}

fn num(v: Option<f64>) -> String {
    match v {
        None => "–".to_string(),
        Some(x) if x.fract().abs() < 0.05 => format!("{x:.0}"),
        Some(x) => format!("{x:.1}"),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The review for an 80-column terminal. Stored text goes through
/// `preview` (inert, one line, cut) or `inert` (the reflection).
pub fn render(p: &Painter, r: &Review) -> String {
    let catalog = Catalog::builtin();
    let name = |id: &str| name(&catalog, id);
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(p.bold(&format!(
        "Review of {} ({} to {})",
        r.period.label,
        r.period.from.format("%a %-d %b"),
        r.period.to.format("%a %-d %b %Y")
    )));
    line(format!(
        "You wrote on {} of {} days ({}).",
        r.days_checked_in,
        r.days.len(),
        plural(r.entries, "entry", "entries")
    ));
    if r.entries == 0 {
        line(p.dim(
            "Nothing was written in this period yet: `closer add` writes an entry, `closer demo --db PATH` shows a full review.",
        ));
    }
    line(String::new());

    if r.days.len() <= 7 {
        let head: String = r
            .days
            .iter()
            .map(|d| format!("{:>4}", &d.weekday[..3]))
            .collect();
        line(p.dim(&format!("{:<6}{head}{:>7}{:>8}", "", "avg", "before")));
        for (label, trend) in [("mood", &r.mood), ("urge", &r.urge)] {
            let cells: String = trend
                .per_day
                .iter()
                .map(|v| format!("{:>4}", num(*v)))
                .collect();
            line(format!(
                "{label:<6}{cells}{:>7}{:>8}",
                num(trend.average),
                num(trend.previous_average)
            ));
        }
    } else {
        line(format!(
            "mood {} (before {}), urge to withdraw {} (before {})",
            num(r.mood.average),
            num(r.mood.previous_average),
            num(r.urge.average),
            num(r.urge.previous_average)
        ));
    }
    line(p.dim(&format!(
        "mood 1–5, urge to withdraw 0–10; before: {}",
        r.compared_with.label
    )));
    line(String::new());

    let counts = |title: &str, list: &[LabelCount], empty: &str, line: &mut dyn FnMut(String)| {
        line(p.bold(title));
        if list.is_empty() {
            line(format!("  {empty}"));
        }
        for c in list {
            let arrow = if (c.count as f64) > c.previous_average + 0.5 {
                "↑"
            } else if (c.count as f64) + 0.5 < c.previous_average {
                "↓"
            } else {
                " "
            };
            let row = format!(
                "  {:<44}{:>5}   before {:>5} {arrow}",
                preview(&name(&c.id), 44),
                c.count,
                markdown::number_text(c.previous_average)
            );
            line(row.trim_end().to_string());
        }
        line(String::new());
    };
    counts(
        "Signs",
        &r.signs,
        "No signs of pulling away were noted.",
        &mut line,
    );

    line(p.bold("What keeps setting you off"));
    if r.patterns.is_empty() {
        line("  No trigger or thought came before the same sign on enough days yet.".into());
    }
    for (i, pat) in r.patterns.iter().take(5).enumerate() {
        pattern(p, &name, i + 1, pat, &mut line);
    }
    if !r.people_and_times.is_empty() {
        line(p.dim("  Around people and times:"));
        for pat in r.people_and_times.iter().take(4) {
            let who = match &pat.cause {
                Cause::Person(n) => format!("with {}", preview(n, 20)),
                Cause::Weekday(d) => format!("on {d}s"),
                Cause::TimeOfDay(t) => format!("in the {}", t.as_str()),
                Cause::Trigger(t) | Cause::Thought(t) => name(t),
            };
            line(format!(
                "  · {who}: {} on {}",
                name(&pat.sign).to_lowercase(),
                plural(pat.days, "day", "days")
            ));
        }
    }
    line(String::new());

    counts(
        "Thoughts",
        &r.thoughts,
        "No thoughts were noted.",
        &mut line,
    );
    counts(
        "Steps",
        &r.steps,
        "No steps were noted this time.",
        &mut line,
    );

    if !r.counter_moves.is_empty() {
        line(p.bold("After a trigger"));
        for m in &r.counter_moves {
            let list = |v: &[crate::analysis::patterns::Count]| {
                v.iter()
                    .map(|c| format!("{} {}", name(&c.id).to_lowercase(), c.count))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            line(format!(
                "  {} ({}): a step {}, pulled back {}",
                name(&m.trigger),
                plural(m.tally.times, "time", "times"),
                m.tally.stepped,
                m.tally.pulled_back
            ));
            if !m.steps.is_empty() {
                line(p.dim(&format!("    steps: {}", preview(&list(&m.steps), 66))));
            }
            if m.before.times > 0 {
                line(p.dim(&format!(
                    "    before: a step {} and pulled back {} in {}",
                    m.before.stepped,
                    m.before.pulled_back,
                    plural(m.before.times, "time", "times")
                )));
            }
        }
        line(String::new());
    }

    line(p.bold("People most involved"));
    if r.people.is_empty() {
        line("  No one was named.".into());
    }
    for person in &r.people {
        let mut about = vec![
            plural(person.entries, "entry", "entries"),
            plural(person.signs, "sign", "signs"),
            plural(person.steps, "step", "steps"),
        ];
        if let Some(s) = &person.top_sign {
            about.push(format!("mostly {}", name(s).to_lowercase()));
        }
        line(format!(
            "  {:<12}{}",
            preview(&person.name, 11),
            preview(&about.join(" · "), 64)
        ));
    }
    line(String::new());

    let s = &r.small_steps;
    line(p.bold("Small steps"));
    if s.set == 0 {
        line("  No small steps for tomorrow were set in this period.".into());
    } else {
        line(format!(
            "  {} set: {} kept, {} not kept, {} unknown (no entry the day after)",
            s.set, s.kept, s.not_kept, s.unknown
        ));
        for step in s.steps.iter().take(7) {
            let outcome = match (step.kept, step.kept_on) {
                (Some(true), Some(day)) => format!("kept {}", day.format("%a")),
                (Some(true), None) => "kept".into(),
                (Some(false), _) => "not kept".into(),
                (None, _) => "unknown".into(),
            };
            line(format!(
                "  {} {:<56} {}",
                step.day.format("%a"),
                preview(&step.text, 55),
                outcome
            ));
        }
    }
    line(String::new());

    line(p.bold("Reflection"));
    if r.reflections.is_empty() {
        line("  None yet: `closer review --note \"…\"` saves one.".into());
    }
    for reflection in &r.reflections {
        for l in wrap(&inert(&reflection.text, true), 76) {
            line(format!("  {l}"));
        }
    }
    out
}

fn pattern(
    p: &Painter,
    name: &dyn Fn(&str) -> String,
    n: usize,
    pat: &Pattern,
    line: &mut dyn FnMut(String),
) {
    let cause = match &pat.cause {
        Cause::Trigger(t) => name(t),
        Cause::Thought(t) => format!("Thinking \"{}\"", name(t).to_lowercase()),
        Cause::Person(n) => preview(n, 20),
        Cause::Weekday(d) => d.clone(),
        Cause::TimeOfDay(t) => t.as_str().to_string(),
    };
    line(format!("  {n}. {} → {}", p.accent(&cause), name(&pat.sign)));
    let mut about = vec![format!(
        "{} in the window ({} this week)",
        plural(pat.days, "day", "days"),
        pat.days_this_week
    )];
    about.push(format!("{:.1}× as likely", pat.lift));
    if !pat.people.is_empty() {
        let people: Vec<String> = pat.people.iter().map(|c| preview(&c.name, 16)).collect();
        about.push(format!("with {}", people.join(", ")));
    }
    line(format!("     {}", about.join(" · ")));
    for ex in pat.examples.iter().take(2) {
        let words = match (&ex.before, &ex.evidence) {
            (Some(b), Some(e)) => format!("\"{}\" → \"{}\"", preview(b, 28), preview(e, 28)),
            (None, Some(e)) => format!("\"{}\"", preview(e, 58)),
            (Some(b), None) => format!("\"{}\" → (added by hand)", preview(b, 40)),
            (None, None) => "(added by hand)".into(),
        };
        // Entry ids stay out of the terminal view: they make lines long, and
        // the day finds the entry (`closer list --from DAY --to DAY`).
        line(p.dim(&format!("     {:<11}{words}", ex.day.format("%a %-d %b"))));
    }
}

/// Splits text into lines of at most `width` characters at spaces, keeping
/// the writer's own line breaks.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut current = String::new();
        for word in para.split_whitespace() {
            if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        lines.push(current);
    }
    lines
}
