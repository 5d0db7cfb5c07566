//! The product catalogue: the company's items, each classified once by
//! answering the profile's product questions. One JSON file (format 1),
//! the same in the app (IndexedDB, export/import) and the CLI.

use serde::{Deserialize, Serialize};

use super::profile::TriageProfile;
use crate::core::answers::{answer_is_valid, Answers};
use crate::core::error::{parse_json, LoadError};
use crate::core::ruleset::{validate_possible_answers, RuleSet};
use crate::core::screening::register::days;
use crate::core::Destinations;

pub const FORMAT: u32 = 1;
const INPUT: &str = "product catalogue";
const FIX: &str =
    "use a catalogue exported by export-assessor (format 1), or correct the value named";
pub const MAX_BYTES: usize = 4 << 20;
pub const MAX_PRODUCTS: usize = 5_000;
pub const MAX_ID: usize = 100;
pub const MAX_NAME: usize = 200;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub format: u32,
    pub products: Vec<Product>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// The company's internal id (unique in a catalogue; what lead files name).
    pub id: String,
    pub name: String,
    /// The rule set (id, version) it was classified under.
    pub rule_set: String,
    pub rule_set_version: String,
    /// The day it was classified (YYYY-MM-DD), given by the caller.
    pub classified_on: String,
    /// Answers to product questions only.
    #[serde(deserialize_with = "crate::core::serde_util::unique_map")]
    pub answers: Answers,
}

/// What importing a catalogue would do; nothing is overwritten silently.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPlan {
    pub new: Vec<Product>,
    pub identical: Vec<String>,
    /// (ours, theirs) with the same id and different content.
    pub conflicting: Vec<(Product, Product)>,
}

/// Per conflicting id: what the user chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictChoice {
    KeepOurs,
    TakeTheirs,
    /// Theirs added under a new id (`<id>-2`, …).
    KeepBoth,
}

impl Catalogue {
    /// Parses a catalogue file: located errors, unique ids, non-empty names,
    /// only product questions answered, valid answers; size limits. Ids and
    /// names are kept trimmed.
    pub fn parse(
        bytes: &[u8],
        rules: &RuleSet,
        destinations: &Destinations,
        profile: &TriageProfile,
    ) -> Result<Catalogue, LoadError> {
        let mut c: Catalogue = parse_json(INPUT, bytes, MAX_BYTES, FIX)?;
        if c.format != FORMAT {
            return Err(LoadError::new(
                INPUT,
                "format",
                format!(
                    "format {} is not known (this tool reads format {FORMAT})",
                    c.format
                ),
                "export the catalogue again with this version of export-assessor",
            ));
        }
        if c.products.len() > MAX_PRODUCTS {
            return Err(LoadError::new(
                INPUT,
                "products",
                format!(
                    "{} products; at most {MAX_PRODUCTS} are accepted",
                    c.products.len()
                ),
                "split the catalogue into several files",
            ));
        }
        for p in &mut c.products {
            p.id = p.id.trim().to_string();
            p.name = p.name.trim().to_string();
        }
        for (i, p) in c.products.iter().enumerate() {
            p.check(rules, destinations, profile)
                .map_err(|(field, problem, fix)| {
                    LoadError::new(INPUT, format!("products[{i}].{field}"), problem, fix)
                })?;
            if let Some(j) = c.products.iter().take(i).position(|o| o.id == p.id) {
                return Err(LoadError::new(
                    INPUT,
                    format!("products[{i}].id"),
                    format!("the id \"{}\" is taken by products[{j}]", p.id),
                    "give each product its own internal id",
                ));
            }
        }
        Ok(c)
    }

    /// The catalogue as its file: pretty JSON, products in their order.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// The product a lead cell names: by internal id, else by name
    /// (case-insensitive, trimmed).
    pub fn find(&self, id_or_name: &str) -> Option<&Product> {
        let key = id_or_name.trim();
        if key.is_empty() {
            return None;
        }
        self.products
            .iter()
            .find(|p| p.id == key)
            .or_else(|| self.products.iter().find(|p| same_text(&p.id, key)))
            .or_else(|| self.products.iter().find(|p| same_text(&p.name, key)))
    }

    /// What importing `incoming` would do: new ids, identical products,
    /// and conflicts (same id, different content).
    pub fn plan_import(&self, incoming: &Catalogue) -> ImportPlan {
        let mut plan = ImportPlan::default();
        for theirs in &incoming.products {
            match self.products.iter().find(|p| p.id == theirs.id) {
                None => {
                    if !plan.new.iter().any(|p| p.id == theirs.id) {
                        plan.new.push(theirs.clone());
                    }
                }
                Some(ours) if ours == theirs => plan.identical.push(theirs.id.clone()),
                Some(ours) => plan.conflicting.push((ours.clone(), theirs.clone())),
            }
        }
        plan
    }

    /// Applies a plan: new products are added; each conflict as chosen
    /// (no choice: ours are kept). Nothing beyond `MAX_PRODUCTS` is added.
    pub fn apply_import(&mut self, plan: &ImportPlan, choices: &[(String, ConflictChoice)]) {
        for p in &plan.new {
            if self.products.len() < MAX_PRODUCTS && !self.products.iter().any(|o| o.id == p.id) {
                self.products.push(p.clone());
            }
        }
        for (ours, theirs) in &plan.conflicting {
            let choice = choices
                .iter()
                .find(|(id, _)| *id == ours.id)
                .map_or(ConflictChoice::KeepOurs, |(_, c)| *c);
            match choice {
                ConflictChoice::KeepOurs => {}
                ConflictChoice::TakeTheirs => {
                    if let Some(p) = self.products.iter_mut().find(|p| p.id == ours.id) {
                        *p = theirs.clone();
                    }
                }
                ConflictChoice::KeepBoth => {
                    if self.products.len() < MAX_PRODUCTS {
                        let mut p = theirs.clone();
                        p.id = self.free_id(&theirs.id);
                        self.products.push(p);
                    }
                }
            }
        }
    }

    /// `<id>-2`, `<id>-3`, … : the first not taken (kept within `MAX_ID`).
    pub fn free_id(&self, id: &str) -> String {
        let base: String = id.chars().take(MAX_ID - 6).collect();
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|c| !self.products.iter().any(|p| &p.id == c))
            .unwrap_or_default()
    }
}

fn same_text(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
        || a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
}

type Problem = (String, String, String);

impl Product {
    /// Classified under another rule set or version than `rules`: review it.
    pub fn needs_review(&self, rules: &RuleSet) -> bool {
        self.rule_set != rules.id || self.rule_set_version != rules.version
    }

    /// What is wrong with one product: (field, problem, what to do).
    pub fn check(
        &self,
        rules: &RuleSet,
        destinations: &Destinations,
        profile: &TriageProfile,
    ) -> Result<(), Problem> {
        let p = |f: &str, what: String, fix: &str| Err((f.to_string(), what, fix.to_string()));
        let text = |f: &str, v: &str, max: usize| -> Result<(), Problem> {
            let n = v.trim().chars().count();
            if n == 0 {
                return p(f, "it is empty".into(), "fill it in");
            }
            if n > max {
                return p(f, format!("{n} characters; at most {max}"), "shorten it");
            }
            Ok(())
        };
        text("id", &self.id, MAX_ID)?;
        text("name", &self.name, MAX_NAME)?;
        text("rule_set", &self.rule_set, MAX_NAME)?;
        text("rule_set_version", &self.rule_set_version, MAX_NAME)?;
        if days(&self.classified_on).is_none() {
            return p(
                "classified_on",
                format!("\"{}\" is not a date", self.classified_on),
                "write the day it was classified as YYYY-MM-DD",
            );
        }
        for (q, value) in &self.answers {
            let field = format!("answers.{q}");
            if !profile.product_questions.contains(q) {
                return p(
                    &field,
                    format!("\"{q}\" is not a product question of the triage profile"),
                    "remove the answer: a product answers only its classification questions",
                );
            }
            let Some(&i) = rules.compiled.question_index.get(q) else {
                return p(
                    &field,
                    format!("rule set \"{}\" has no question \"{q}\"", rules.id),
                    "remove the answer",
                );
            };
            if !answer_is_valid(rules, destinations, i, value) {
                let shown = serde_json::to_string(value).unwrap_or_default();
                return Err((
                    field,
                    format!("{shown} is not a possible answer"),
                    format!(
                        "use {}",
                        rules
                            .questions
                            .get(i)
                            .map(|q| validate_possible_answers(&q.kind))
                            .unwrap_or_default()
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn setup() -> (&'static RuleSet, Destinations, TriageProfile) {
        let r = RuleSet::eu_default().expect("rules");
        let d = Destinations::builtin().expect("destinations");
        let p = TriageProfile::eu_default(r).expect("profile");
        (r, d, p)
    }

    fn product(id: &str, name: &str) -> serde_json::Value {
        json!({
            "id": id, "name": name, "rule_set": "eu-2021-821-art5", "rule_set_version": "2.0.0",
            "classified_on": "2026-11-02",
            "answers": {"annex_status": "classified_listed", "annex_entry": "5A001.j", "item_description": "IP network surveillance"}
        })
    }

    fn file(products: Vec<serde_json::Value>) -> serde_json::Value {
        json!({"format": 1, "products": products})
    }

    #[test]
    fn a_catalogue_round_trips_and_finds_by_id_then_name() {
        let (r, d, p) = setup();
        let text = file(vec![
            product(" P-1 ", "Probe Alpha"),
            product("P-2", "Ünterwegs Box"),
        ])
        .to_string();
        let c = Catalogue::parse(text.as_bytes(), r, &d, &p).expect("parse");
        assert_eq!(c.products[0].id, "P-1");
        let again = Catalogue::parse(c.to_json().as_bytes(), r, &d, &p).expect("again");
        assert_eq!(again, c);
        assert_eq!(c.find("p-1").map(|x| x.name.as_str()), Some("Probe Alpha"));
        assert_eq!(c.find(" probe alpha ").map(|x| x.id.as_str()), Some("P-1"));
        assert_eq!(c.find("üNTERWEGS box").map(|x| x.id.as_str()), Some("P-2"));
        assert!(c.find("P-3").is_none());
        assert!(c.find("  ").is_none());
        assert!(!c.products[0].needs_review(r));
    }

    #[test]
    fn bad_catalogues_are_refused_with_the_place_and_what_to_do() {
        let (r, d, p) = setup();
        let good = file(vec![product("P-1", "Probe"), product("P-2", "Box")]);
        let cases: Vec<(&str, serde_json::Value, &str)> = vec![
            ("/format", json!(2), "format"),
            ("/products/1/id", json!(" P-1"), "products[1].id"),
            ("/products/0/id", json!("  "), "products[0].id"),
            ("/products/0/id", json!("x".repeat(101)), "products[0].id"),
            ("/products/1/name", json!(""), "products[1].name"),
            (
                "/products/0/classified_on",
                json!("2026-02-30"),
                "products[0].classified_on",
            ),
            (
                "/products/0/answers/end_use_statement",
                json!("yes"),
                "products[0].answers.end_use_statement",
            ),
            (
                "/products/0/answers/annex_status",
                json!("maybe"),
                "products[0].answers.annex_status",
            ),
            (
                "/products/0/answers/no_such",
                json!("yes"),
                "products[0].answers.no_such",
            ),
            ("/products/0/colour", json!("red"), "products[0]"),
        ];
        for (ptr, value, at) in cases {
            let mut v = good.clone();
            match v.pointer_mut(ptr) {
                Some(slot) => *slot = value,
                None => {
                    let (parent, key) = ptr.rsplit_once('/').expect("ptr");
                    v.pointer_mut(parent).expect(parent)[key] = value;
                }
            }
            let e = Catalogue::parse(v.to_string().as_bytes(), r, &d, &p).expect_err(ptr);
            assert!(e.location.starts_with(at), "{ptr}: {e}");
            assert!(!e.fix.is_empty());
        }
        let big = vec![b' '; MAX_BYTES + 1];
        assert_eq!(
            Catalogue::parse(&big, r, &d, &p).expect_err("big").location,
            "whole file"
        );
        let many: Vec<_> = (0..=MAX_PRODUCTS)
            .map(|i| product(&format!("P{i}"), "x"))
            .collect();
        let e = Catalogue::parse(file(many).to_string().as_bytes(), r, &d, &p).expect_err("many");
        assert_eq!(e.location, "products");
        let dup = r#"{"format": 1, "products": [{"id": "a", "name": "a", "rule_set": "x", "rule_set_version": "1",
            "classified_on": "2026-01-01", "answers": {"annex_status": "not_classified", "annex_status": "classified_listed"}}]}"#;
        assert!(Catalogue::parse(dup.as_bytes(), r, &d, &p).is_err());
    }

    #[test]
    fn an_older_rule_set_is_accepted_and_flagged_for_review() {
        let (r, d, p) = setup();
        let mut old = product("P-1", "Probe");
        old["rule_set_version"] = json!("1.4.0");
        let c = Catalogue::parse(file(vec![old]).to_string().as_bytes(), r, &d, &p).expect("parse");
        assert!(c.products[0].needs_review(r));
    }

    #[test]
    fn import_plans_new_identical_and_conflicting_and_keeps_both_under_fresh_ids() {
        let (r, d, p) = setup();
        let parse = |v: serde_json::Value| {
            Catalogue::parse(v.to_string().as_bytes(), r, &d, &p).expect("parse")
        };
        let mut ours = parse(file(vec![
            product("A", "Alpha"),
            product("B", "Beta"),
            product("C-2", "Taken"),
        ]));
        let theirs = parse(file(vec![
            product("A", "Alpha"),
            product("B", "Beta v2"),
            product("C", "Gamma"),
            product("D", "Delta"),
        ]));
        let mut ours_c = ours.clone();
        ours_c
            .products
            .push(parse(file(vec![product("C", "Old gamma")])).products[0].clone());
        let plan = ours_c.plan_import(&theirs);
        assert_eq!(plan.identical, vec!["A".to_string()]);
        assert_eq!(
            plan.new.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
            vec!["D"]
        );
        let conflicts: Vec<&str> = plan
            .conflicting
            .iter()
            .map(|(o, _)| o.id.as_str())
            .collect();
        assert_eq!(conflicts, vec!["B", "C"]);
        ours_c.apply_import(
            &plan,
            &[
                ("B".into(), ConflictChoice::TakeTheirs),
                ("C".into(), ConflictChoice::KeepBoth),
            ],
        );
        let names: Vec<(&str, &str)> = ours_c
            .products
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("A", "Alpha"),
                ("B", "Beta v2"),
                ("C-2", "Taken"),
                ("C", "Old gamma"),
                ("D", "Delta"),
                ("C-3", "Gamma")
            ]
        );
        // No choice: ours are kept.
        let plan = ours.plan_import(&theirs);
        ours.apply_import(&plan, &[]);
        assert_eq!(ours.find("B").map(|p| p.name.as_str()), Some("Beta"));
        // The result is still a valid catalogue.
        Catalogue::parse(ours_c.to_json().as_bytes(), r, &d, &p).expect("valid");
    }

    #[test]
    fn damaged_catalogues_are_errors_never_panics() {
        let (r, d, p) = setup();
        let text = file(vec![product("P-1", "Probe"), product("P-2", "Box")]).to_string();
        let bytes = text.as_bytes();
        for cut in 0..bytes.len() {
            let _ = Catalogue::parse(&bytes[..cut], r, &d, &p);
        }
        // Deterministic byte flips (xorshift), each an error or a valid catalogue.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut b = bytes.to_vec();
            let at = (x as usize) % b.len();
            b[at] = (x >> 32) as u8;
            if let Ok(c) = Catalogue::parse(&b, r, &d, &p) {
                assert!(c
                    .products
                    .iter()
                    .all(|p| p.check(r, &d, &setup().2).is_ok()));
            }
        }
    }
}
