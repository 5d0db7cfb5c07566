//! Company extensions of a rule set: extra sections, questions, findings and
//! outcome rules, and changed weights. The merged rule set is validated as a
//! whole, so an extension can never produce an invalid rule set.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{FindingRule, OutcomeRule, Question, RuleSet, Section};
use crate::core::error::{parse_json, LoadError};
use crate::core::text::Text;

const INPUT: &str = "rule-set extension";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSetExtension {
    /// The id of the rule set this extends.
    pub extends: String,
    pub id: String,
    pub version: String,
    #[serde(default)]
    pub title: Option<Text>,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub findings: Vec<FindingRule>,
    #[serde(default)]
    pub outcomes: Vec<OutcomeRule>,
    #[serde(default)]
    pub weights: Weights,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// Score category id → new weight (all weights must still add up to 100).
    #[serde(default)]
    pub categories: BTreeMap<String, u32>,
    /// Finding id → new weight.
    #[serde(default)]
    pub findings: BTreeMap<String, i32>,
}

pub(super) fn apply(base: &RuleSet, bytes: &[u8]) -> Result<RuleSet, LoadError> {
    let ext: RuleSetExtension = parse_json(
        INPUT,
        bytes,
        super::MAX_BYTES,
        "compare the field with the extension format in the README",
    )?;
    let e = |loc: String, problem: String, fix: &str| LoadError::new(INPUT, loc, problem, fix);
    if ext.extends != base.id {
        return Err(e(
            "extends".into(),
            format!(
                "this extension is for \"{}\", but the loaded rule set is \"{}\"",
                ext.extends, base.id
            ),
            "set \"extends\" to the id of the rule set you extend",
        ));
    }
    if ext.id == base.id {
        return Err(e(
            "id".into(),
            "the extension has the same id as the rule set it extends".into(),
            "give the extended rule set its own id, e.g. \"acme-export-rules\"",
        ));
    }
    let mut merged = base.clone();
    merged.id = ext.id;
    merged.version = format!("{} (on {} {})", ext.version, base.id, base.version);
    if let Some(t) = ext.title {
        merged.title = t;
    }
    for (i, s) in ext.sections.into_iter().enumerate() {
        if merged.sections.iter().any(|x| x.id == s.id) {
            return Err(e(
                format!("sections[{i}].id"),
                format!("section \"{}\" already exists", s.id),
                "choose a new id; an extension adds, it does not replace",
            ));
        }
        merged.sections.push(s);
    }
    for (i, q) in ext.questions.into_iter().enumerate() {
        if merged.questions.iter().any(|x| x.id == q.id) {
            return Err(e(
                format!("questions[{i}].id"),
                format!("question \"{}\" already exists", q.id),
                "choose a new id, e.g. with your company's prefix",
            ));
        }
        merged.questions.push(q);
    }
    for (i, f) in ext.findings.into_iter().enumerate() {
        if merged.findings.iter().any(|x| x.id == f.id) {
            return Err(e(
                format!("findings[{i}].id"),
                format!("finding \"{}\" already exists", f.id),
                "choose a new id, or change its weight under \"weights\"",
            ));
        }
        merged.findings.push(f);
    }
    for (i, o) in ext.outcomes.into_iter().enumerate() {
        if merged.outcomes.iter().any(|x| x.id == o.id) {
            return Err(e(
                format!("outcomes[{i}].id"),
                format!("outcome rule \"{}\" already exists", o.id),
                "choose a new id",
            ));
        }
        merged.outcomes.push(o);
    }
    for (id, w) in ext.weights.categories {
        match merged.score.categories.iter_mut().find(|c| c.id == id) {
            Some(c) => c.weight = w,
            None => {
                return Err(e(
                    format!("weights.categories.{id}"),
                    format!("no score category has the id \"{id}\""),
                    "use one of the category ids of the base rule set",
                ))
            }
        }
    }
    for (id, w) in ext.weights.findings {
        match merged.findings.iter_mut().find(|f| f.id == id) {
            Some(f) => f.weight = w,
            None => {
                return Err(e(
                    format!("weights.findings.{id}"),
                    format!("no finding has the id \"{id}\""),
                    "use the id of an existing finding",
                ))
            }
        }
    }
    // Re-validate the whole; report problems as the extension's.
    merged.finish().map_err(|mut err| {
        err.input = INPUT;
        err.problem = format!("{} (in the merged rule set)", err.problem);
        err
    })
}
