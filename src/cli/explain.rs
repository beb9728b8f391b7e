//! `closer explain`: an entry with the words behind each detection
//! highlighted, the rule that fired, and what the user said of it; and the
//! rule matches that the context checks passed over, with the reason, so a
//! miss can be understood and added by hand.

use serde::Serialize;

use super::Context;
use super::output::{Painter, print_json};
use crate::model::{DetectionSource, DetectionStatus, Entry, Section, StoredDetection};
use crate::rules::{Catalog, Engine, Family, second_opinion};
use crate::text::terminal::{inert, one_line};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The entry's id, or a unique prefix of at least 6 characters.
    pub id: String,
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Explained<'a> {
    entry: &'a Entry,
    detections: &'a [StoredDetection],
    passed_over: &'a [PassedOver],
}

/// A rule that matched the entry's words but was not counted, and why.
#[derive(Debug, Serialize, PartialEq, Eq)]
struct PassedOver {
    rule: String,
    /// The matched words, or the whole sentence when the rule's context
    /// checks turned it down.
    evidence: String,
    why: String,
}

/// At most this many are shown: the first are the ones that read best.
const PASSED_OVER_SHOWN: usize = 12;

/// The engine's rejected matches, each rule and reason once. Left out: a
/// label the entry has anyway (`counted` says which), and a rule about
/// what others did that matched the author's own words, which says nothing
/// the user could miss.
fn passed_over(trace: Vec<crate::rules::Trace>, counted: impl Fn(&str) -> bool) -> Vec<PassedOver> {
    let mut out: Vec<PassedOver> = Vec::new();
    for (rule, evidence, verdict) in trace {
        let Err(why) = verdict else { continue };
        if counted(&rule) || why == crate::rules::AUTHOR_NOT_WANTED {
            continue;
        }
        let item = PassedOver {
            rule,
            evidence,
            why,
        };
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out.truncate(PASSED_OVER_SHOWN);
    out
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let mut journal = ctx.open_journal()?;
    let id = journal.store.resolve_id(&args.id)?;
    let entry = journal.store.entry(&id)?;
    let detections = journal.store.detections(&id)?;
    let engine = journal.engine();
    // What the rules read: tomorrow's plan is left out, as on save.
    let read = Section::text_for_rules(&entry.text, &entry.sections);
    let passed = passed_over(engine.explain(&read), |rule| {
        engine.label_of(rule).is_some_and(|label| {
            detections
                .iter()
                .any(|d| d.label == label && d.status.counts())
        })
    });
    if args.json {
        return print_json(&Explained {
            entry: &entry,
            detections: &detections,
            passed_over: &passed,
        });
    }
    let p = &ctx.painter;
    println!("{}", p.accent(&entry.id));
    println!(
        "{}\n",
        p.dim(&format!(
            "{} · {}",
            entry.day.format("%A %-d %B %Y"),
            entry.kind.as_str()
        ))
    );
    println!(
        "{}\n",
        highlight(p, &entry.text, &evidence_spans(&entry.text, &detections))
    );
    if detections.is_empty() {
        print_passed_over(p, &passed);
        println!(
            "The rules found nothing here. `closer label {} add FAMILY/LABEL` adds what they missed.",
            &entry.id[..8]
        );
        return Ok(());
    }
    let catalog = Catalog::builtin();
    for family in Family::ALL {
        let of_family: Vec<&StoredDetection> =
            detections.iter().filter(|d| d.family == family).collect();
        if of_family.is_empty() {
            continue;
        }
        println!("{}", p.bold(family.as_str()));
        for d in of_family {
            let name = catalog
                .get(family, &d.label)
                .map_or("", |c| c.name.as_str());
            let mut line = format!("  {:<20} {}", d.label, p.dim(name));
            if let Some(evidence) = &d.evidence {
                line.push_str(&format!("\n  {:<20} “{}”", "", one_line(evidence)));
            }
            let mut notes = Vec::new();
            match (&d.rule, d.source) {
                (_, DetectionSource::User) => notes.push("added by you".to_string()),
                (Some(rule), _) if rule.starts_with(second_opinion::RULE) => {
                    notes.push(learned_note(engine, &read, family, &d.label))
                }
                (Some(rule), _) => notes.push(format!("rule {rule}")),
                (None, _) => {}
            }
            match d.status {
                DetectionStatus::Confirmed if d.source == DetectionSource::Rules => {
                    notes.push("confirmed".to_string())
                }
                DetectionStatus::Dismissed => notes.push("dismissed: not counted".to_string()),
                _ => {}
            }
            if !d.people.is_empty() {
                notes.push(format!("with {}", one_line(&d.people.join(", "))));
            }
            line.push_str(&format!("\n  {:<20} {}", "", p.dim(&notes.join(" · "))));
            println!("{line}");
        }
        println!();
    }
    print_passed_over(p, &passed);
    if detections
        .iter()
        .any(|d| d.family == Family::Safety && d.status.counts())
    {
        println!("{}\n", p.bold(crate::journal::SAFETY_NOTE));
    }
    println!(
        "{}",
        p.dim("`closer label ID confirm|dismiss|add FAMILY/LABEL` gives your own word on any of these.")
    );
    Ok(())
}

/// What `explain` says of a label the learned second opinion added: how
/// sure it is and the words that weighed most, so it can be judged like a
/// rule's evidence.
fn learned_note(engine: &Engine, text: &str, family: Family, label: &str) -> String {
    match engine
        .second_opinion()
        .and_then(|so| so.why(text, family, label))
    {
        Some((p, words)) if !words.is_empty() => format!(
            "the learned second opinion, {:.0}% sure; words that weighed most: {}",
            p * 100.0,
            words
                .iter()
                .map(|w| format!("“{}”", one_line(w)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => "the learned second opinion".to_string(),
    }
}

fn print_passed_over(p: &Painter, passed: &[PassedOver]) {
    if passed.is_empty() {
        return;
    }
    println!("{}", p.bold("passed over"));
    for item in passed {
        println!(
            "  {}\n  {:<20} “{}”\n  {:<20} {}",
            one_line(&item.rule),
            "",
            one_line(&item.evidence),
            "",
            p.dim(&item.why)
        );
    }
    println!();
}

/// The byte ranges to highlight: every counted detection's spans that still
/// match the text (an edit may have moved the words of a kept detection).
fn evidence_spans(text: &str, detections: &[StoredDetection]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for d in detections.iter().filter(|d| d.status.counts()) {
        if let (Some(s), Some(e), Some(ev)) = (d.start, d.end, &d.evidence)
            && text.get(s..e) == Some(ev.as_str())
        {
            spans.push((s, e));
        }
        for extra in &d.spans {
            if text.get(extra.start..extra.end) == Some(extra.evidence.as_str()) {
                spans.push((extra.start, extra.end));
            }
        }
    }
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// The text with the spans (sorted, disjoint, on char boundaries) styled as hits.
fn highlight(p: &Painter, text: &str, spans: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for &(s, e) in spans {
        out.push_str(&inert(text.get(at..s).unwrap_or(""), true));
        out.push_str(&p.hit(&inert(text.get(s..e).unwrap_or(""), true)));
        at = e;
    }
    out.push_str(&inert(text.get(at..).unwrap_or(""), true));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passed_over_lists_each_rejection_once_and_no_accepted_match() {
        let trace = vec![
            ("a/x".to_string(), "went quiet".to_string(), Ok(())),
            (
                "b/y".to_string(),
                "steered us".to_string(),
                Err("someone else did it".to_string()),
            ),
            (
                "b/y".to_string(),
                "steered us".to_string(),
                Err("someone else did it".to_string()),
            ),
        ];
        assert_eq!(
            passed_over(trace, |_| false),
            vec![PassedOver {
                rule: "b/y".into(),
                evidence: "steered us".into(),
                why: "someone else did it".into(),
            }]
        );
    }

    #[test]
    fn overlapping_evidence_is_highlighted_once() {
        let text = "I left Sam on read and said k.";
        let out = highlight(&Painter::new(false), text, &[(2, 18), (28, 29)]);
        assert_eq!(out, "I [left Sam on read] and said [k].");
    }
}
