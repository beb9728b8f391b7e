//! The learned second opinion beside the rules: when the model
//! ([`super::learned`]) finds a rule's label very unlikely for the entry, the
//! label is dropped; when it is sure of a label the rules missed, and the
//! labelling rules of the catalog (who did it, negation, intention) hold at
//! the words that weigh most for it, the label is added.
//!
//! Pure, like the rest of `rules/`: detections and text in, detections out.
//! The rules stay the explainable core; the model only trims and adds, and
//! what it adds carries its sentence as evidence and the rule id
//! `second-opinion/LABEL`, so the user can see it and dismiss it. The user's
//! own rules and the safety family are never dropped: the user has the last
//! word, and safety language is never second-guessed.
//!
//! Why: phrase rules fitted to one writer's sets barely carry to the next
//! writer's (`tests/rules_holdout.rs`); a linear model over words carries
//! further. The thresholds below were chosen on blind sets that neither the
//! rules nor the model had seen (see `examples/train_model.rs`).

use std::sync::{Arc, LazyLock};

use super::learned::{Model, SentenceFeatures};
use super::parse::{Mood, Negation, Subject};
use super::{Detection, Family, context, text};

/// The prefix of the rule id of every label the second opinion adds, and
/// the id a user rule file names in `disable` to switch it off.
pub const RULE: &str = "second-opinion";

/// The model and the thresholds that turn its probabilities into choices.
#[derive(Debug, Clone)]
pub struct SecondOpinion {
    pub model: Arc<Model>,
    /// A rule's label the model gives less than this is dropped, by
    /// family: sign, trigger, thought, step.
    pub veto: [f32; 4],
    /// A label the rules missed is added when the model gives it more than
    /// this, by family: sign, trigger, thought, step.
    pub add: [f32; 4],
}

/// How many of a label's heaviest grams the context checks are tried at
/// before the model may add it. One heavy gram is often the other person's
/// part ("Wren was telling me about her mum's diagnosis ... just nodding"
/// weighs for disinterest on "telling me"), so the label is added when the
/// checks pass at any of the three. Measured (session 21) against the
/// heaviest alone: on je to jh with a model trained without them, signs
/// .950/.737 to .929/.766, thoughts .867/.743 to .882/.857, steps
/// .929/.903 to .918/.931, triggers alike; on the 480 newest blind texts
/// signs .887/.763 to .877/.766, thoughts .897/.634 to .918/.683, steps
/// .947/.821 to .935/.854; on dev two more wrong signs (P .930 to .921).
const CHECKED_GRAMS: usize = 3;

/// The model built into the binary (`rules/model.bin`).
static BUILTIN_MODEL: LazyLock<Option<Arc<Model>>> = LazyLock::new(|| {
    Model::from_bytes(include_bytes!("../../rules/model.bin"))
        .ok()
        .map(Arc::new)
});

/// A threshold kept by family (sign, trigger, thought, step); safety has
/// none.
fn of_family(values: &[f32; 4], family: Family) -> Option<f32> {
    match family {
        Family::Sign => Some(values[0]),
        Family::Trigger => Some(values[1]),
        Family::Thought => Some(values[2]),
        Family::Step => Some(values[3]),
        Family::Safety => None,
    }
}

impl SecondOpinion {
    /// The built-in model with the built-in thresholds; `None` only if the
    /// built-in model data were broken, which a test rules out.
    pub fn builtin() -> Option<SecondOpinion> {
        BUILTIN_MODEL
            .as_ref()
            .map(|m| SecondOpinion::with_model(Arc::clone(m)))
    }

    /// `model` with the built-in thresholds. Chosen on blind sets with a
    /// model trained without them (session 15): on hm and hn, which neither
    /// the rules nor the model had seen, signs went from P .82 R .44 to
    /// .88/.49 and triggers from .90/.38 to .85/.63; on the dev corpus
    /// (never trained on) signs went from .95/.91 to .95/.90 and triggers
    /// from .96/.91 to .88/.93. Session 19 moved signs from 0.8 to 0.7 and
    /// triggers from 0.6 to 0.7 on 360 texts new to both (is to ix): signs
    /// went from .932/.672 to .915/.708, and over the 480 unseen texts the
    /// model never saw from .959/.751 to .952/.775, for three wrong dev
    /// signs (P .944 to .930); triggers at 0.7 left blind F1 where it was
    /// (.840 to .842, .855 to .851) and took dev's from .891 to .907, as
    /// most of the bids it added there were wrong by convention 8.
    /// Session 25 raised the sign veto from 0.1 to 0.15 (the others stay
    /// at 0.1): on the 1,680 unseen texts signs went from .908/.769 to
    /// .921/.762, on 480 texts written that session (`kw-` to `ld-`) from
    /// .893/.723 to .904/.716, on dev from .917/.908 to .925/.898: the same
    /// F1 with precision over .90 for new writers. A lower veto (0.05)
    /// cost more precision than it gained recall in every family.
    /// Session 26 lowered the thought threshold from 0.7 to 0.6, with the
    /// model trained on 10,028 texts: on 960 texts it had never seen
    /// (`le-` to `lt-`), thoughts F1 went from .720 to .762 (.740 to .760
    /// on the first half, .697 to .765 on the second), on dev from .949 to
    /// .933 (two wrong thoughts more: "not worth the hours" about a work
    /// account, and a fear of rejection beside ending it). Steps at 0.6
    /// moved F1 by under .005 either way; signs at 0.6 fell under dev's
    /// .90 precision (.894) and triggers lost more precision on dev than
    /// they gained recall, so those three stay at 0.7.
    /// Session 29 retrained the model on 16,508 texts (6,480 new, in 108
    /// voices), which made it surer: at the old thresholds signs fell under
    /// dev's .90 precision (.889), the labels it added there all wrong
    /// while on new writers they were mostly right. Signs moved to 0.8 and
    /// thoughts to 0.65. Against the session's starting engine, on 1,080
    /// texts in 18 voices neither the rules nor the model had seen (now in
    /// `unseen.jsonl`), signs F1 went from .698 to .707, triggers .690 to
    /// .719, thoughts .676 to .694, steps .840 to .847; on the older 1,920
    /// unseen texts .746 to .758, .737 to .756, .775 to .783, .862 to
    /// .868; on dev .907 to .906 (P .916 to .920), .897 to .905, .933 to
    /// .932, .928 to .928. Signs at 0.75 gained a point of F1 on new
    /// writers for dev precision .906; at 0.7, .889.
    pub fn with_model(model: Arc<Model>) -> SecondOpinion {
        SecondOpinion {
            model,
            veto: [0.15, 0.1, 0.1, 0.1],
            add: [0.8, 0.7, 0.65, 0.7],
        }
    }

    /// The model never adds a safety label.
    fn add_above(&self, family: Family) -> f32 {
        of_family(&self.add, family).unwrap_or(f32::INFINITY)
    }

    /// Nor does it drop one.
    fn veto_below(&self, family: Family) -> f32 {
        of_family(&self.veto, family).unwrap_or(f32::NEG_INFINITY)
    }

    /// A stable description of the model and thresholds, for the engine's
    /// version.
    pub fn fingerprint(&self) -> String {
        format!(
            "{:016x}/{:?}/{:?}",
            self.model.fingerprint(),
            self.veto,
            self.add
        )
    }

    /// Applies the second opinion to `dets`, the rules' detections in
    /// `text` (read with `@` mentions as plain names; `original` is the text
    /// as written, for evidence). `protected` says which rules it must never
    /// drop. Returns the dropped detections with the probability given, for
    /// `explain`. Keeps `dets` sorted by start.
    pub fn apply(
        &self,
        original: &str,
        text: &str,
        known: &[String],
        protected: impl Fn(&Detection) -> bool,
        dets: &mut Vec<Detection>,
    ) -> Vec<(Detection, f32)> {
        let opinions = self.model.opinions(text);
        let p_of = |family: Family, label: &str| {
            opinions
                .iter()
                .find(|o| o.family == family && o.label == label)
                .map(|o| o.probability)
        };
        let mut dropped = Vec::new();
        dets.retain(|d| {
            if d.family == Family::Safety || protected(d) {
                return true;
            }
            match p_of(d.family, &d.label) {
                Some(p) if p < self.veto_below(d.family) => {
                    dropped.push((d.clone(), p));
                    false
                }
                _ => true,
            }
        });
        let mut added = false;
        // Featurised once, only if some label may be added.
        let mut sentences = None;
        for o in &opinions {
            if o.probability <= self.add_above(o.family)
                || dets
                    .iter()
                    .any(|d| d.family == o.family && d.label == o.label)
            {
                continue;
            }
            let sentences = sentences.get_or_insert_with(|| self.model.sentences(text));
            if let Some(d) = self.addition(original, text, sentences, known, o.family, o.label) {
                dets.push(d);
                added = true;
            }
        }
        if added {
            dets.sort_by_key(|d| d.start);
        }
        dropped
    }

    /// The detection for a label the model is sure of: its sentence, if the
    /// labelling rules hold at the words that weigh most there.
    fn addition(
        &self,
        original: &str,
        text: &str,
        sentences: &[SentenceFeatures],
        known: &[String],
        family: Family,
        label: &str,
    ) -> Option<Detection> {
        let ev = self
            .model
            .evidence_in(sentences, family, label, CHECKED_GRAMS)?;
        let toks = text::tokens(text, ev.start, ev.end);
        let (subject, negation, mood) = match family {
            // A situation counts whoever brought it about, and a negated
            // one was still met ("she didn't text back"); one only
            // feared or planned was not (measured: as good on the
            // blind sets, better on dev).
            Family::Trigger => (Subject::Any, Negation::Ignore, Mood::Actual),
            Family::Thought => (Subject::Author, Negation::Cancels, Mood::Any),
            _ => (Subject::Author, Negation::Cancels, Mood::Actual),
        };
        // "#therapy" closing a note is a tag the user filed it under, not
        // something that happened: a sentence of tags alone is no evidence.
        if !toks.is_empty()
            && toks
                .iter()
                .all(|t| t.start > 0 && text.as_bytes().get(t.start - 1) == Some(&b'#'))
        {
            return None;
        }
        // "Ask Ana how their week went.": tomorrow's small step written as
        // a to-do, not a step taken, whichever of its words weighs most.
        if family == Family::Step && context::is_to_do(&toks) {
            return None;
        }
        // A bag of words does not see who did it or whether it happened:
        // "never once asked how the physio was going" weighs for being
        // asked about. The catalog's checks must pass at one of the
        // heaviest grams the sentence holds.
        // A gram whose first word is not one of the sentence's tokens is
        // not checked; when none is, the label is not held back.
        let mut passes = ev.grams.iter().filter_map(|gram| {
            let mut words = gram.split(' ');
            let first_word = words.next()?;
            let first = toks.iter().position(|t| t.norm == first_word)?;
            let after = (first + 1 + words.count()).min(toks.len());
            Some(context::check(&toks, first, after, subject, negation, mood).is_ok())
        });
        if passes.next() == Some(false) && !passes.any(|passed| passed) {
            return None;
        }
        // "Nearly gave Paul the usual 'ticking along' when he asked how I
        // was really doing": a sign only nearly shown was not shown
        // (catalog rule 2), even when its heaviest words sit in a later
        // clause than the near miss. A step nearly skipped was taken, so
        // steps keep theirs.
        if family == Family::Sign {
            let heaviest = ev
                .grams
                .first()
                .and_then(|g| g.split(' ').next())
                .and_then(|w| toks.iter().position(|t| t.norm == w))
                .unwrap_or(toks.len());
            if toks[..heaviest]
                .iter()
                .any(|t| matches!(t.norm.as_ref(), "nearly" | "almost"))
            {
                return None;
            }
        }
        Some(Detection {
            family,
            label: label.to_string(),
            rule: format!("{RULE}/{label}"),
            start: ev.start,
            end: ev.end,
            evidence: original.get(ev.start..ev.end)?.to_string(),
            people: text::people(original, &toks, known),
        })
    }

    /// How sure the model is of `label` in `text`, and the words that
    /// weighed most for it in its strongest sentence: what `explain` shows
    /// for a label the second opinion added.
    pub fn why(&self, text: &str, family: Family, label: &str) -> Option<(f32, Vec<String>)> {
        let p = self
            .model
            .opinions(text)
            .into_iter()
            .find(|o| o.family == family && o.label == label)?
            .probability;
        let ev = self.model.evidence(text, family, label, 3)?;
        Some((p, ev.grams))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Catalog, Engine};

    fn labels(dets: &[Detection]) -> Vec<String> {
        dets.iter()
            .map(|d| format!("{}/{}", d.family.as_str(), d.label))
            .collect()
    }

    #[test]
    fn a_sentence_of_tags_alone_is_no_evidence() {
        let text = "Therapy tomorrow, want to bring up the thing with Sam. #therapy";
        let dets = Engine::builtin().detect(text);
        assert!(
            !dets.iter().any(|d| d.evidence.starts_with('#')),
            "{dets:?}"
        );
        assert!(
            !labels(&dets).contains(&"steps/therapy".to_string()),
            "{dets:?}"
        );
    }

    #[test]
    fn a_label_the_rules_missed_is_added_with_its_sentence_as_evidence() {
        let text = "Tom squeezed my hand at dinner and said he wanted us to spend more \
                    time together. I said 'cheers' and went to do the dishes.";
        let rules_only = Engine::builtin().with_second_opinion(None).detect(text);
        let both = Engine::builtin().detect(text);
        let added: Vec<&Detection> = both
            .iter()
            .filter(|d| d.rule.starts_with("second-opinion/"))
            .collect();
        assert!(
            !labels(&rules_only).contains(&"triggers/closeness-bid".to_string()),
            "{rules_only:?}"
        );
        let bid = added
            .iter()
            .find(|d| d.label == "closeness-bid")
            .unwrap_or_else(|| panic!("{both:?}"));
        assert_eq!(bid.rule, "second-opinion/closeness-bid");
        assert_eq!(&text[bid.start..bid.end], bid.evidence);
        assert_eq!(
            bid.evidence,
            "Tom squeezed my hand at dinner and said he wanted us to spend more time together."
        );
        assert_eq!(bid.people, vec!["Tom"]);
    }

    #[test]
    fn an_addition_obeys_the_labelling_rules_at_its_heaviest_words() {
        // The model alone gives getting-serious on "move in" (p ~.7); a
        // situation only wished for was not met.
        let engine = Engine::builtin();
        let text = "Sam might want to move in.";
        let added: Vec<String> = engine
            .detect(text)
            .iter()
            .filter(|d| d.rule.starts_with(RULE))
            .map(|d| d.label.clone())
            .collect();
        assert!(added.is_empty(), "{text}: {added:?}");
    }

    #[test]
    fn a_sign_only_nearly_shown_is_not_added() {
        let text = "Nearly gave Paul the usual 'oh, ticking along' when he asked how I was \
                    really doing. Didn't.";
        let so = SecondOpinion::builtin().expect("built-in model");
        let p = so
            .model
            .opinions(text)
            .into_iter()
            .find(|o| o.family == Family::Sign && o.label == "withheld-feelings")
            .map(|o| o.probability);
        assert!(
            p.is_some_and(|p| p > so.add[0]),
            "the model alone would add it: {p:?}"
        );
        let found = Engine::builtin().detect(text);
        assert!(found.iter().all(|d| d.family != Family::Sign), "{found:?}");
    }

    #[test]
    fn tomorrows_small_step_written_as_a_to_do_gets_no_step() {
        for text in [
            "Call @Mum back, even for five minutes.",
            "Ask @Ana how their week went.",
            "Tell @Ana one true thing about how I feel.",
        ] {
            let found = Engine::builtin().detect(text);
            assert!(
                found.iter().all(|d| d.family != Family::Step),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_rule_label_the_model_finds_unlikely_is_dropped_and_explained() {
        let so = SecondOpinion::builtin().expect("built-in model");
        // A veto of 1 drops every label the model knows: the mechanism,
        // independent of the model's numbers.
        let strict = SecondOpinion {
            veto: [1.0; 4],
            add: [2.0; 4],
            ..so
        };
        let engine = Engine::builtin().with_second_opinion(Some(strict));
        let text = "Left Sam on read again.";
        assert!(
            !Engine::builtin()
                .with_second_opinion(None)
                .detect(text)
                .is_empty(),
            "the rules find something"
        );
        assert!(labels(&engine.detect(text)).is_empty());
        let trace = engine.explain(text);
        assert!(
            trace.iter().any(|(_, _, verdict)| verdict
                .as_ref()
                .is_err_and(|why| why.contains("second opinion"))),
            "{trace:?}"
        );
    }

    #[test]
    fn the_users_own_rules_and_safety_are_never_dropped() {
        let so = SecondOpinion::builtin().expect("built-in model");
        let strict = SecondOpinion {
            veto: [1.0; 4],
            ..so
        };
        let file = (
            "mine.toml".to_string(),
            "family = \"signs\"\n[[rule]]\nid = \"mine/scroll\"\nlabel = \"kept-distance\"\n\
             phrases = [\"scroll~ my phone\"]\n"
                .to_string(),
        );
        let (engine, errors) = Engine::load(&[file]);
        assert!(errors.is_empty(), "{errors:?}");
        let engine = engine.with_second_opinion(Some(strict));
        let found = labels(&engine.detect("Scrolled my phone the whole dinner."));
        assert_eq!(found, vec!["signs/kept-distance"]);
        let found = engine.detect("I don't want to be alive anymore.");
        assert!(
            found.iter().any(|d| d.family == Family::Safety),
            "{found:?}"
        );
    }

    #[test]
    fn a_rule_waiting_for_a_label_the_model_adds_is_brought_back() {
        // avoided-conflict/withdrew needs a conflict in the entry; no rule
        // reads one in this complaint, the model does.
        let text = "Rowan said she feels like she's always last on my list. \
                    Told her she was being dramatic and turned the telly up.";
        let rules_alone = labels(&Engine::builtin().with_second_opinion(None).detect(text));
        assert!(!rules_alone.contains(&"signs/avoided-conflict".to_string()));
        let dets = Engine::builtin().detect(text);
        assert!(labels(&dets).contains(&"triggers/conflict".to_string()));
        let withdrew = dets
            .iter()
            .find(|d| d.label == "avoided-conflict")
            .expect("avoided-conflict brought back");
        assert_eq!(withdrew.rule, "avoided-conflict/withdrew");
        assert_eq!(withdrew.evidence, "turned the telly up");
    }

    #[test]
    fn a_user_file_can_switch_the_second_opinion_off() {
        let file = (
            "off.toml".to_string(),
            "disable = [\"second-opinion\"]\n".to_string(),
        );
        let (engine, errors) = Engine::load(&[file]);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(engine.second_opinion().is_none());
        assert_eq!(
            engine.version(),
            Engine::builtin().with_second_opinion(None).version()
        );
        assert_ne!(engine.version(), Engine::builtin().version());
    }

    #[test]
    fn the_builtin_model_loads_and_knows_only_catalog_labels() {
        let so = SecondOpinion::builtin().expect("rules/model.bin reads back");
        let catalog = Catalog::builtin();
        let labels: Vec<(Family, &str)> = so.model.labels().collect();
        assert!(labels.len() > 25, "{}", labels.len());
        for (family, label) in labels {
            assert!(
                catalog.get(family, label).is_some(),
                "{family:?}/{label} is not in the catalog"
            );
        }
    }
}
