//! The user's answers: question id → value. A value is one string (yes/no,
//! a choice, a country code, free text) or a list (multi choice).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum AnswerValue {
    One(String),
    Many(Vec<String>),
}

// A visitor rather than `#[serde(untagged)]`: no content buffering, and a
// clear message for anything that is neither a string nor a list of strings.
impl<'de> Deserialize<'de> for AnswerValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = AnswerValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an answer: a string, or a list of strings")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<AnswerValue, E> {
                Ok(AnswerValue::One(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<AnswerValue, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element::<String>()? {
                    out.push(v);
                }
                Ok(AnswerValue::Many(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl AnswerValue {
    /// True when the answer is, or (for a list) contains, `v`.
    pub fn has(&self, v: &str) -> bool {
        match self {
            AnswerValue::One(s) => s == v,
            AnswerValue::Many(list) => list.iter().any(|s| s == v),
        }
    }

    pub fn as_one(&self) -> Option<&str> {
        match self {
            AnswerValue::One(s) => Some(s),
            AnswerValue::Many(_) => None,
        }
    }

    pub fn values(&self) -> Vec<&str> {
        match self {
            AnswerValue::One(s) => vec![s.as_str()],
            AnswerValue::Many(list) => list.iter().map(String::as_str).collect(),
        }
    }
}

/// Answers keyed by question id. Ordered, so serialisation is canonical.
pub type Answers = BTreeMap<String, AnswerValue>;

use super::destinations::Destinations;
use super::error::{parse_json, LoadError};
use super::ruleset::validate_possible_answers;
use super::ruleset::{CountryScope, QuestionKind, RuleSet};

const INPUT: &str = "answers";
const MAX_BYTES: usize = 1024 * 1024;

#[derive(Deserialize)]
struct AnswersFile {
    #[serde(deserialize_with = "crate::core::serde_util::unique_map")]
    answers: Answers,
}

/// Reads `{"answers": {...}}` (other top-level members, such as a scenario's
/// expectations, are ignored) and checks every answer against the rule set.
pub fn load_answers(
    bytes: &[u8],
    rules: &RuleSet,
    destinations: &Destinations,
) -> Result<Answers, LoadError> {
    let file: AnswersFile = parse_json(
        INPUT,
        bytes,
        MAX_BYTES,
        "answers are an object {\"answers\": {\"question_id\": \"value\" or [\"values\"]}}",
    )?;
    check_answers(&file.answers, rules, destinations)?;
    Ok(file.answers)
}

/// Every answer must belong to a question of the rule set and be a possible
/// answer to it.
pub fn check_answers(
    answers: &Answers,
    rules: &RuleSet,
    destinations: &Destinations,
) -> Result<(), LoadError> {
    for (id, value) in answers {
        let Some(&q) = rules.compiled.question_index.get(id) else {
            return Err(LoadError::new(
                INPUT,
                format!("answers.{id}"),
                format!("rule set \"{}\" has no question \"{id}\"", rules.id),
                "remove the answer, or load the rule set (extension) that defines the question",
            ));
        };
        if !answer_is_valid(rules, destinations, q, value) {
            let shown = serde_json::to_string(value).unwrap_or_default();
            // A hostile answer (megabytes of text) is named, not echoed.
            let shown = if shown.chars().count() > 120 {
                let head: String = shown.chars().take(100).collect();
                format!("{head}… ({} characters)", shown.chars().count())
            } else {
                shown
            };
            return Err(LoadError::new(
                INPUT,
                format!("answers.{id}"),
                format!("{shown} is not a possible answer"),
                match rules.questions.get(q) {
                    Some(question) => format!("use {}", validate_possible_answers(&question.kind)),
                    None => "answer a question of the rule set".to_string(),
                },
            ));
        }
    }
    Ok(())
}

/// Whether `value` is a possible answer to question `q`. Invalid answers
/// are ignored by the evaluation (treated as not given).
pub fn answer_is_valid(
    rules: &RuleSet,
    destinations: &Destinations,
    q: usize,
    value: &AnswerValue,
) -> bool {
    let Some(question) = rules.questions.get(q) else {
        return false;
    };
    match (&question.kind, value) {
        (QuestionKind::YesNo, AnswerValue::One(v)) => matches!(v.as_str(), "yes" | "no"),
        (QuestionKind::YesNoUnknown, AnswerValue::One(v)) => {
            matches!(v.as_str(), "yes" | "no" | "unknown")
        }
        (QuestionKind::Single { options }, AnswerValue::One(v)) => {
            options.iter().any(|o| &o.id == v)
        }
        (QuestionKind::Multi { options, exclusive }, AnswerValue::Many(vs)) => {
            !vs.is_empty()
                && vs.iter().all(|v| options.iter().any(|o| &o.id == v))
                && vs
                    .iter()
                    .enumerate()
                    .all(|(i, v)| !vs.iter().take(i).any(|o| o == v))
                && (vs.len() == 1 || !vs.iter().any(|v| exclusive.contains(v)))
        }
        (QuestionKind::Country { scope }, AnswerValue::One(v)) => match destinations.country(v) {
            Some(c) => *scope == CountryScope::All || c.eu_member,
            None => false,
        },
        (QuestionKind::Text { max_len, .. }, AnswerValue::One(v)) => {
            !v.trim().is_empty() && v.chars().count() <= *max_len
        }
        _ => false,
    }
}
