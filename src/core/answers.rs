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
use super::evaluate::answer_is_valid;
use super::ruleset::validate_possible_answers;
use super::ruleset::RuleSet;

const INPUT: &str = "answers";
const MAX_BYTES: usize = 1024 * 1024;

#[derive(Deserialize)]
struct AnswersFile {
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
            return Err(LoadError::new(
                INPUT,
                format!("answers.{id}"),
                format!("{shown} is not a possible answer"),
                format!(
                    "use {}",
                    validate_possible_answers(&rules.questions[q].kind)
                ),
            ));
        }
    }
    Ok(())
}

use super::json::{Fields, Json};

impl AnswerValue {
    pub fn to_json(&self) -> Json {
        match self {
            AnswerValue::One(s) => Json::Str(s.clone()),
            AnswerValue::Many(list) => {
                Json::Arr(list.iter().map(|s| Json::Str(s.clone())).collect())
            }
        }
    }
}

pub fn answers_to_json(answers: &Answers) -> Json {
    Json::Obj(
        answers
            .iter()
            .map(|(k, v)| (k.clone(), v.to_json()))
            .collect(),
    )
}

/// Answers from JSON: each member a string or a list of strings.
pub fn answers_from_json(input: &'static str, at: &str, v: &Json) -> Result<Answers, LoadError> {
    let fields = Fields::of(input, at, v)?;
    let Json::Obj(members) = v else {
        return Ok(Answers::new());
    };
    let mut out = Answers::new();
    for (k, val) in members {
        let value = match val {
            Json::Str(s) => AnswerValue::One(s.clone()),
            Json::Arr(_) => AnswerValue::Many(fields.strings(k)?),
            other => return Err(fields.type_error(k, "a string or a list of strings", other)),
        };
        out.insert(k.clone(), value);
    }
    Ok(out)
}
