//! The rule set's triage profile (`data/eu-triage.json`): data, validated
//! against the rule set it names. It says which questions a product's
//! classification answers, which answers a lead row gives, which questions
//! only a full assessment can answer, and how an evaluation's outcome (and,
//! for `incomplete`, what is still open and what fired) maps to a class.
//! First matching class rule wins.

use serde::{Deserialize, Serialize};

use super::TriageClass;
use crate::core::answers::{AnswerValue, Answers};
use crate::core::condition::Tri;
use crate::core::destinations::DestFact;
use crate::core::error::{parse_json, LoadError};
use crate::core::evaluate::{visibility, Assessment};
use crate::core::outcome::Outcome;
use crate::core::ruleset::{Question, RuleSet, Section};
use crate::core::Destinations;

const INPUT: &str = "triage profile";
const FIX: &str = "correct the triage profile: it names questions, findings and outcomes of the rule set it is written for";
const MAX_BYTES: usize = 1 << 20;

pub const DEFAULT_JSON: &str = include_str!("../data/eu-triage.json");

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriageProfile {
    /// The rule set (id and version) this profile was written for.
    pub rule_set: String,
    pub rule_set_version: String,
    /// Questions a product's classification answers (Annex I status and
    /// entry, the item test, vigilance and monitoring-equipment categories).
    pub product_questions: Vec<String>,
    /// Which question each lead column answers.
    pub lead_questions: LeadQuestions,
    /// Questions only a full assessment answers (red flags, awareness, …).
    pub assessment_questions: Vec<String>,
    pub classes: Vec<ClassRule>,
    /// The questions triage answers itself (destination, Member State,
    /// screening): the rule set's, filled in by `parse`.
    #[serde(skip)]
    pub derived_questions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadQuestions {
    pub company: String,
    pub end_user_type: String,
    pub consignee: String,
    /// The question the product's name answers (the item's name).
    pub product_name: String,
}

/// One class rule: the class applies when the outcome is one of
/// `outcomes` and every optional test holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassRule {
    pub class: TriageClass,
    pub outcomes: Vec<Outcome>,
    /// The strongest outcome rule that fired (decided or not) is at most this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strongest_fired_at_most: Option<Outcome>,
    /// Every missing question is one of the assessment questions.
    #[serde(default)]
    pub only_assessment_questions_missing: bool,
    /// None of these findings fired.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub none_of_findings: Vec<String>,
    /// The strongest outcome rule that fired is at least this (so a rule
    /// on `incomplete` needs something to have fired).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strongest_fired_at_least: Option<Outcome>,
    /// Why this class, in words (English, German), shown with the lead.
    pub explanation: crate::core::text::Text,
}

/// Who answers a question in triage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answerer {
    /// The product's classification in the catalogue.
    Product,
    /// The lead row, the settings (Member State) or the screening.
    Lead,
    /// Only a full assessment (also every question the profile does not name).
    Assessment,
}

impl TriageProfile {
    /// Parses and validates against `rules` (every question and finding
    /// exists; the profile names this rule set; every outcome is classed).
    pub fn parse(json: &str, rules: &RuleSet) -> Result<TriageProfile, LoadError> {
        let mut p: TriageProfile = parse_json(INPUT, json.as_bytes(), MAX_BYTES, FIX)?;
        p.validate(rules)?;
        p.derived_questions = [&rules.destination_question, &rules.member_state_question]
            .into_iter()
            .chain(rules.party_screening.as_ref().map(|s| &s.question))
            .cloned()
            .collect();
        Ok(p)
    }

    /// The built-in EU profile, validated against `rules`.
    pub fn eu_default(rules: &RuleSet) -> Result<TriageProfile, LoadError> {
        TriageProfile::parse(DEFAULT_JSON, rules)
    }

    fn validate(&self, rules: &RuleSet) -> Result<(), LoadError> {
        let err = |at: String, what: String, fix: &str| Err(LoadError::new(INPUT, at, what, fix));
        let named = rules.id == self.rule_set && rules.version == self.rule_set_version
            || rules
                .version
                .ends_with(&format!("(on {} {})", self.rule_set, self.rule_set_version));
        if !named {
            return err(
                "rule_set".into(),
                format!(
                    "the profile is written for rule set \"{}\" version {}, but rule set \"{}\" version {} is loaded",
                    self.rule_set, self.rule_set_version, rules.id, rules.version
                ),
                "use the triage profile written for the loaded rule set, or update its questions and set rule_set and rule_set_version",
            );
        }
        let mut seen: Vec<&str> = Vec::new();
        let lead = &self.lead_questions;
        let lists = self
            .product_questions
            .iter()
            .enumerate()
            .map(|(i, q)| (format!("product_questions[{i}]"), q))
            .chain([
                ("lead_questions.company".to_string(), &lead.company),
                (
                    "lead_questions.end_user_type".to_string(),
                    &lead.end_user_type,
                ),
                ("lead_questions.consignee".to_string(), &lead.consignee),
                (
                    "lead_questions.product_name".to_string(),
                    &lead.product_name,
                ),
            ])
            .chain(
                self.assessment_questions
                    .iter()
                    .enumerate()
                    .map(|(i, q)| (format!("assessment_questions[{i}]"), q)),
            );
        for (at, q) in lists {
            if rules.question(q).is_none() {
                return err(
                    at,
                    format!("rule set \"{}\" has no question \"{q}\"", rules.id),
                    "name a question of the rule set",
                );
            }
            if seen.contains(&q.as_str()) {
                return err(
                    at,
                    format!("question \"{q}\" is named twice"),
                    "name each question in one place only: product, lead or assessment",
                );
            }
            seen.push(q);
        }
        let derived = [&rules.destination_question, &rules.member_state_question]
            .into_iter()
            .chain(rules.party_screening.as_ref().map(|p| &p.question));
        for q in derived {
            if seen.contains(&q.as_str()) {
                return err(
                    "product_questions".into(),
                    format!("question \"{q}\" is answered by triage itself (destination, Member State or screening)"),
                    "remove it from the profile's lists",
                );
            }
        }
        for (i, c) in self.classes.iter().enumerate() {
            for (j, f) in c.none_of_findings.iter().enumerate() {
                if rules.finding(f).is_none() {
                    return err(
                        format!("classes[{i}].none_of_findings[{j}]"),
                        format!("rule set \"{}\" has no finding \"{f}\"", rules.id),
                        "name a finding of the rule set",
                    );
                }
            }
            if c.outcomes.is_empty() {
                return err(
                    format!("classes[{i}].outcomes"),
                    "the rule names no outcome".into(),
                    "name the outcomes the class rule applies to",
                );
            }
            if c.explanation.is_blank() {
                return err(
                    format!("classes[{i}].explanation"),
                    "the explanation is empty".into(),
                    "say in words why a lead gets this class",
                );
            }
        }
        for o in Outcome::ALL {
            let covered = self.classes.iter().any(|c| {
                c.outcomes.contains(&o)
                    && c.strongest_fired_at_most.is_none()
                    && c.strongest_fired_at_least.is_none()
                    && !c.only_assessment_questions_missing
                    && c.none_of_findings.is_empty()
            });
            if !covered {
                return err(
                    "classes".into(),
                    format!(
                        "no unconditional class rule covers the outcome \"{}\"",
                        o.name()
                    ),
                    "add a class rule without tests for this outcome (after the conditional ones)",
                );
            }
        }
        Ok(())
    }

    /// Who answers question `id` in triage.
    pub fn answerer(&self, id: &str) -> Answerer {
        let l = &self.lead_questions;
        if self.product_questions.iter().any(|q| q == id) {
            Answerer::Product
        } else if [&l.company, &l.end_user_type, &l.consignee, &l.product_name]
            .into_iter()
            .chain(&self.derived_questions)
            .any(|q| q == id)
        {
            Answerer::Lead
        } else {
            Answerer::Assessment
        }
    }

    /// The class of one evaluation, and the rule that gave it.
    pub fn classify(&self, a: &Assessment) -> (TriageClass, &ClassRule) {
        let strongest = a
            .decided_by
            .iter()
            .chain(&a.also_fired)
            .map(|r| r.outcome)
            .max();
        let found = self.classes.iter().find(|c| {
            c.outcomes.contains(&a.outcome)
                && c.strongest_fired_at_most
                    .is_none_or(|m| strongest.is_none_or(|s| s <= m))
                && c.strongest_fired_at_least
                    .is_none_or(|m| strongest.is_some_and(|s| s >= m))
                && (!c.only_assessment_questions_missing
                    || a.missing
                        .iter()
                        .all(|q| self.answerer(q) == Answerer::Assessment))
                && !c.none_of_findings.iter().any(|f| a.finding(f).is_some())
        });
        match found {
            Some(c) => (c.class, c),
            // Unreachable for a validated profile; a safe default all the same.
            None => (TriageClass::Assess, &FALLBACK),
        }
    }

    /// Per product question (profile order): whether the Products page
    /// shows it for these product answers, no destination answered. Shown
    /// unless its show-if is definitely false.
    pub fn product_questions_shown(
        &self,
        rules: &RuleSet,
        destinations: &Destinations,
        answers: &Answers,
    ) -> Vec<(String, bool)> {
        product_questions_shown(rules, destinations, self, answers)
    }
}

static FALLBACK: std::sync::LazyLock<ClassRule> = std::sync::LazyLock::new(|| {
    ClassRule {
    class: TriageClass::Assess,
    outcomes: Vec::new(),
    strongest_fired_at_most: None,
    strongest_fired_at_least: None,
    only_assessment_questions_missing: false,
    none_of_findings: Vec::new(),
    explanation: crate::core::text::Text {
        en: "No class rule of the triage profile matched: a full assessment decides.".into(),
        de: Some(
            "Keine Klassenregel des Triage-Profils trifft zu: eine vollständige Prüfung entscheidet."
                .into(),
        ),
    },
}
});

/// Per product question (profile order): whether the Products page shows
/// it for these product answers, the destination not known yet: shown
/// unless its show-if is definitely false for every destination. (With no
/// destination answered at all, a question whose visibility depends on the
/// destination counts its answer as open, so the item's own answers could
/// hide nothing; trying each destination of the data is exact.) Only the
/// profile's product questions' answers are considered.
pub fn product_questions_shown(
    rules: &RuleSet,
    destinations: &Destinations,
    profile: &TriageProfile,
    answers: &Answers,
) -> Vec<(String, bool)> {
    let mut given: Answers = answers
        .iter()
        .filter(|(q, _)| profile.product_questions.contains(q))
        .map(|(q, v)| (q.clone(), v.clone()))
        .collect();
    let index: Vec<Option<usize>> = profile
        .product_questions
        .iter()
        .map(|q| rules.compiled.question_index.get(q).copied())
        .collect();
    let mut shown: Vec<bool> = index.iter().map(Option::is_none).collect();
    let mut seen: Vec<Vec<Tri>> = Vec::new();
    // Countries alike in every fact a condition can test are tried once.
    let mut kinds: Vec<(Vec<bool>, Option<&Vec<String>>)> = Vec::new();
    for country in &destinations.countries {
        if shown.iter().all(|s| *s) {
            break;
        }
        let kind = (
            DestFact::ALL.iter().map(|f| country.has(*f)).collect(),
            country.monitoring_regime.as_ref().map(|m| &m.categories),
        );
        if kinds.contains(&kind) {
            continue;
        }
        kinds.push(kind);
        given.insert(
            rules.destination_question.clone(),
            AnswerValue::One(country.code.clone()),
        );
        let vis = visibility(rules, destinations, &given);
        let mine: Vec<Tri> = index
            .iter()
            .map(|i| i.and_then(|i| vis.get(i).copied()).unwrap_or(Tri::True))
            .collect();
        if seen.contains(&mine) {
            continue;
        }
        for (s, t) in shown.iter_mut().zip(&mine) {
            *s |= *t != Tri::False;
        }
        seen.push(mine);
    }
    if destinations.countries.is_empty() {
        shown.iter_mut().for_each(|s| *s = true);
    }
    profile
        .product_questions
        .iter()
        .cloned()
        .zip(shown)
        .collect()
}

/// The product questions grouped by section, sections and questions in
/// rule-set order (what the Products page lays out).
pub fn product_questions_by_section<'a>(
    rules: &'a RuleSet,
    profile: &TriageProfile,
) -> Vec<(&'a Section, Vec<&'a Question>)> {
    rules
        .sections
        .iter()
        .filter_map(|s| {
            let qs: Vec<&Question> = rules
                .questions_in(&s.id)
                .filter(|q| profile.product_questions.contains(&q.id))
                .collect();
            (!qs.is_empty()).then_some((s, qs))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> &'static RuleSet {
        RuleSet::eu_default().expect("rules")
    }

    #[test]
    fn the_eu_profile_is_valid_and_names_every_required_question() {
        let r = rules();
        let p = TriageProfile::eu_default(r).expect("profile");
        for q in r.questions.iter().filter(|q| q.required) {
            let named = p.product_questions.contains(&q.id)
                || p.assessment_questions.contains(&q.id)
                || p.derived_questions.contains(&q.id)
                || p.answerer(&q.id) == Answerer::Lead;
            assert!(named, "required question {} is in no list", q.id);
        }
    }

    #[test]
    fn bad_profiles_are_refused_with_the_place() {
        let r = rules();
        let good: serde_json::Value = serde_json::from_str(DEFAULT_JSON).expect("json");
        let cases: Vec<(&str, serde_json::Value, &str)> = vec![
            (
                "/product_questions/0",
                "no_such_q".into(),
                "product_questions[0]",
            ),
            (
                "/lead_questions/company",
                "no_such_q".into(),
                "lead_questions.company",
            ),
            (
                "/assessment_questions/0",
                "annex_status".into(),
                "assessment_questions[0]",
            ),
            (
                "/assessment_questions/1",
                "destination_country".into(),
                "product_questions",
            ),
            (
                "/classes/5/none_of_findings/0",
                "nope".into(),
                "classes[5].none_of_findings[0]",
            ),
            ("/rule_set_version", "0.1".into(), "rule_set"),
            (
                "/classes/4/outcomes",
                serde_json::json!(["escalate"]),
                "classes",
            ),
        ];
        for (ptr, value, at) in cases {
            let mut v = good.clone();
            *v.pointer_mut(ptr).expect(ptr) = value;
            let e = TriageProfile::parse(&v.to_string(), r).expect_err(ptr);
            assert_eq!(e.location, at, "{ptr}: {e}");
        }
        let e = TriageProfile::parse("{\"rule_set\": 1}", r).expect_err("type");
        assert_eq!(e.location, "rule_set (line 1 column 14)");
    }

    #[test]
    fn product_questions_hide_only_what_is_definitely_hidden() {
        let r = rules();
        let d = Destinations::builtin().expect("destinations");
        let p = TriageProfile::eu_default(r).expect("profile");
        let shown = |answers: &[(&str, &str)]| -> Vec<String> {
            let a: Answers = answers
                .iter()
                .map(|(q, v)| (q.to_string(), AnswerValue::One(v.to_string())))
                .collect();
            product_questions_shown(r, &d, &p, &a)
                .into_iter()
                .filter(|(_, s)| *s)
                .map(|(q, _)| q)
                .collect()
        };
        // Nothing answered: every question may apply.
        assert_eq!(shown(&[]).len(), p.product_questions.len());
        // A listed item: the item test and the checks do not apply, nor do
        // the monitoring categories (listed items are out of those regimes).
        let listed = shown(&[("annex_status", "classified_listed")]);
        assert!(listed.contains(&"annex_entry".to_string()));
        for q in [
            "check_5a001f",
            "cs_covert",
            "monitoring_equipment",
            "enhancement_goods",
        ] {
            assert!(!listed.contains(&q.to_string()), "{q}");
        }
        // Not listed: the checks and the item test, but not the entry.
        let not_listed = shown(&[("annex_status", "classified_not_listed")]);
        assert!(!not_listed.contains(&"annex_entry".to_string()));
        assert!(not_listed.contains(&"check_5a001f".to_string()));
        assert!(not_listed.contains(&"cs_covert".to_string()));
        // Monitoring equipment: the exclusion question only for categories
        // some destination's regime lists.
        let many = |v: &str| AnswerValue::Many(vec![v.to_string()]);
        let with = |m: &str| -> Vec<String> {
            let a: Answers = [
                (
                    "annex_status".to_string(),
                    AnswerValue::One("classified_not_listed".into()),
                ),
                ("monitoring_equipment".to_string(), many(m)),
            ]
            .into_iter()
            .collect();
            product_questions_shown(r, &d, &p, &a)
                .into_iter()
                .filter(|(_, s)| *s)
                .map(|(q, _)| q)
                .collect()
        };
        assert!(with("dpi").contains(&"monitoring_excluded".to_string()));
        assert!(!with("none").contains(&"monitoring_excluded".to_string()));
        // An answer to a non-product question is ignored.
        let with_dest = shown(&[("destination_country", "FR")]);
        assert_eq!(with_dest.len(), p.product_questions.len());
    }

    #[test]
    fn classify_never_falls_through() {
        let r = rules();
        let d = Destinations::builtin().expect("destinations");
        let mut p = TriageProfile::eu_default(r).expect("profile");
        let a = crate::core::evaluate::evaluate(r, &d, &Answers::new());
        assert_eq!(a.outcome, Outcome::Incomplete);
        assert_eq!(p.classify(&a).0, TriageClass::Assess);
        // A profile built by hand without rules still gives the safe default.
        p.classes.clear();
        let (class, rule) = p.classify(&a);
        assert_eq!(class, TriageClass::Assess);
        assert!(!rule.explanation.is_blank());
    }

    #[test]
    fn product_questions_come_by_section_in_rule_set_order() {
        let r = rules();
        let p = TriageProfile::eu_default(r).expect("profile");
        let groups = product_questions_by_section(r, &p);
        let flat: Vec<&str> = groups
            .iter()
            .flat_map(|(_, qs)| qs.iter().map(|q| q.id.as_str()))
            .collect();
        assert_eq!(flat.len(), p.product_questions.len());
        let order: Vec<usize> = flat.iter().map(|q| r.compiled.question_index[*q]).collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{flat:?}");
        assert_eq!(groups[0].0.id, "transaction");
    }
}
