//! The catalog: every label the engine can report, with a human name, a
//! one-line description, a "what can help" line and the seed articles it comes
//! from.
//!
//! The data lives in `rules/catalog.toml` and is compiled in. The identifiers
//! of the four catalog families are a contract (`spec/catalog.md`); `safety`
//! is closer's own family. Tests check the compiled-in data against the
//! contract, so [`Catalog::builtin`] cannot fail at run time.

use serde::Deserialize;

use super::Family;

pub(crate) const CATALOG_TOML: &str = include_str!("../../rules/catalog.toml");

/// One label of the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogEntry {
    pub id: String,
    pub name: String,
    pub description: String,
    pub help: String,
    /// Seed article file names, e.g. `003_5b75e23707d7a685.txt`.
    pub seeds: Vec<String>,
    #[serde(skip, default = "default_family")]
    pub family: Family,
}

fn default_family() -> Family {
    Family::Sign
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    signs: Vec<CatalogEntry>,
    triggers: Vec<CatalogEntry>,
    thoughts: Vec<CatalogEntry>,
    steps: Vec<CatalogEntry>,
    safety: Vec<CatalogEntry>,
}

/// All labels, per family, in catalog order.
#[derive(Debug, Clone)]
pub struct Catalog {
    entries: Vec<CatalogEntry>,
}

/// The identifiers fixed by `spec/catalog.md`, used to check the data file.
pub const CONTRACT: &[(Family, &[&str])] = &[
    (
        Family::Sign,
        &[
            "ignored-contact",
            "curt-reply",
            "avoided-conflict",
            "cancelled-plans",
            "stopped-initiating",
            "kept-distance",
            "withheld-feelings",
            "disinterest",
            "harsh-words",
            "picked-fight",
            "fault-finding",
            "sabotage",
        ],
    ),
    (
        Family::Trigger,
        &[
            "closeness-bid",
            "conflict",
            "getting-serious",
            "past-hurt",
            "low-mood",
            "stress",
            "social-overload",
        ],
    ),
    (
        Family::Thought,
        &[
            "expect-rejection",
            "not-good-enough",
            "not-liked",
            "will-let-down",
            "distrust",
        ],
    ),
    (
        Family::Step,
        &[
            "reached-out",
            "shared-feelings",
            "asked-about-them",
            "stayed-in-conflict",
            "kept-plans",
            "appreciation",
            "accepted-help",
            "self-compassion",
            "therapy",
        ],
    ),
];

impl Catalog {
    /// The compiled-in catalog. Tested against [`CONTRACT`]; an empty catalog
    /// (never expected) is returned rather than a panic if the data were bad.
    pub fn builtin() -> Catalog {
        Catalog::from_toml(CATALOG_TOML).unwrap_or(Catalog {
            entries: Vec::new(),
        })
    }

    /// Parses catalog data in the `rules/catalog.toml` format.
    pub fn from_toml(src: &str) -> Result<Catalog, toml::de::Error> {
        let raw: RawCatalog = toml::from_str(src)?;
        let mut entries = Vec::new();
        for (family, list) in [
            (Family::Sign, raw.signs),
            (Family::Trigger, raw.triggers),
            (Family::Thought, raw.thoughts),
            (Family::Step, raw.steps),
            (Family::Safety, raw.safety),
        ] {
            for mut e in list {
                e.family = family;
                entries.push(e);
            }
        }
        Ok(Catalog { entries })
    }

    pub fn get(&self, family: Family, id: &str) -> Option<&CatalogEntry> {
        self.entries
            .iter()
            .find(|e| e.family == family && e.id == id)
    }

    /// The labels of one family, in catalog order.
    pub fn family(&self, family: Family) -> impl Iterator<Item = &CatalogEntry> {
        self.entries.iter().filter(move |e| e.family == family)
    }

    pub fn entries(&self) -> &[CatalogEntry] {
        &self.entries
    }

    /// The raw data, for `closer` to show or export.
    pub fn source() -> &'static str {
        CATALOG_TOML
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_matches_the_contract_exactly() {
        let raw: Result<RawCatalog, _> = toml::from_str(CATALOG_TOML);
        assert!(raw.is_ok(), "catalog.toml parses: {:?}", raw.err());
        let cat = Catalog::builtin();
        for (family, ids) in CONTRACT {
            let have: Vec<&str> = cat.family(*family).map(|e| e.id.as_str()).collect();
            assert_eq!(
                &have, ids,
                "{family} identifiers differ from spec/catalog.md"
            );
        }
        let safety: Vec<&str> = cat.family(Family::Safety).map(|e| e.id.as_str()).collect();
        assert!(safety.contains(&"self-harm") && safety.contains(&"suicidal-thoughts"));
    }

    #[test]
    fn every_entry_is_described_and_cites_real_seeds() {
        let seeds = [
            "000_b02f4ef4e3bb3838.txt",
            "001_5d2c3f830aae55c0.txt",
            "002_adc718a4de387089.txt",
            "003_5b75e23707d7a685.txt",
            "004_9584878d58ce93bc.txt",
        ];
        for e in Catalog::builtin().entries() {
            assert!(
                !e.name.is_empty() && !e.description.is_empty() && !e.help.is_empty(),
                "{}",
                e.id
            );
            if e.family != Family::Safety {
                assert!(!e.seeds.is_empty(), "{} cites no seed", e.id);
            }
            for s in &e.seeds {
                assert!(
                    seeds.contains(&s.as_str()),
                    "{} cites unknown seed {s}",
                    e.id
                );
            }
        }
    }
}
