//! The assessment record: answers, outcome, findings, score, next steps,
//! rule-set and destination-data versions and caller-supplied timestamps,
//! sealed with a SHA-256 fingerprint over a canonical serialisation.
//! Schema-versioned; older schemas are migrated on load.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::answers::Answers;
use super::destinations::Destinations;
use super::error::LoadError;
use super::evaluate::{next_steps, Assessment, Because, Score};
use super::outcome::Outcome;
use super::ruleset::{FindingKind, RuleSet};
use super::text::Lang;

const INPUT: &str = "report";
const MAX_BYTES: usize = 16 * 1024 * 1024;
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSetRef {
    pub id: String,
    pub version: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportRule {
    pub id: String,
    pub explanation: String,
    pub citation: String,
    pub because: Because,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFinding {
    pub id: String,
    pub kind: FindingKind,
    pub category: Option<String>,
    pub weight: i32,
    pub title: String,
    pub explanation: String,
    pub citation: String,
    pub unconfirmed: Option<String>,
    pub because: Because,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub schema_version: u32,
    pub tool: String,
    pub rule_set: RuleSetRef,
    pub destination_data_as_of: String,
    pub created_at: String,
    pub updated_at: String,
    pub lang: Lang,
    /// The answers to the questions shown; answers to hidden questions are
    /// not part of the record.
    pub answers: Answers,
    pub outcome: Outcome,
    pub undecided: bool,
    pub decided_by: Vec<ReportRule>,
    pub findings: Vec<ReportFinding>,
    pub missing: Vec<String>,
    pub score: Score,
    pub next_steps: Vec<String>,
    pub fingerprint: String,
}

fn err(location: impl Into<String>, problem: impl Into<String>, fix: impl Into<String>) -> LoadError {
    LoadError::new(INPUT, location, problem, fix)
}

fn check_timestamp(field: &str, ts: &str) -> Result<(), LoadError> {
    if ts.trim().is_empty() || ts.len() > 64 || ts.chars().any(char::is_control) {
        return Err(err(field, format!("\"{ts}\" is not a usable timestamp"), "pass a timestamp such as 2026-11-25T09:30:00Z"));
    }
    Ok(())
}

impl Report {
    /// Builds and seals the record of `assessment`. Timestamps come from the
    /// caller: the core reads no clock.
    #[allow(clippy::too_many_arguments)]
    pub fn build(
        rules: &RuleSet,
        destinations: &Destinations,
        answers: &Answers,
        assessment: &Assessment,
        lang: Lang,
        created_at: &str,
        updated_at: &str,
    ) -> Result<Report, LoadError> {
        check_timestamp("created_at", created_at)?;
        check_timestamp("updated_at", updated_at)?;
        let shown: Answers = answers
            .iter()
            .filter(|(id, _)| assessment.is_visible(rules, id))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut report = Report {
            schema_version: SCHEMA_VERSION,
            tool: format!("export-assessor {}", env!("CARGO_PKG_VERSION")),
            rule_set: RuleSetRef { id: rules.id.clone(), version: rules.version.clone() },
            destination_data_as_of: destinations.as_of.clone(),
            created_at: created_at.to_string(),
            updated_at: updated_at.to_string(),
            lang,
            outcome: assessment.outcome,
            undecided: assessment.undecided,
            decided_by: assessment
                .decided_by
                .iter()
                .filter_map(|r| {
                    let rule = rules.outcome_rule(&r.id)?;
                    Some(ReportRule {
                        id: r.id.clone(),
                        explanation: rule.explanation.get(lang).to_string(),
                        citation: rule.citation.get(lang).to_string(),
                        because: r.because.clone(),
                    })
                })
                .collect(),
            findings: assessment
                .findings
                .iter()
                .filter_map(|f| {
                    let rule = rules.finding(&f.id)?;
                    Some(ReportFinding {
                        id: f.id.clone(),
                        kind: f.kind,
                        category: f.category.clone(),
                        weight: f.weight,
                        title: rule.title.get(lang).to_string(),
                        explanation: rule.explanation.get(lang).to_string(),
                        citation: rule.citation.get(lang).to_string(),
                        unconfirmed: rule.unconfirmed.as_ref().map(|u| u.get(lang).to_string()),
                        because: f.because.clone(),
                    })
                })
                .collect(),
            missing: assessment.missing.clone(),
            score: assessment.score.clone(),
            next_steps: next_steps(rules, destinations, answers, assessment, lang),
            answers: shown,
            fingerprint: String::new(),
        };
        report.fingerprint = report.compute_fingerprint();
        Ok(report)
    }

    pub fn compute_fingerprint(&self) -> String {
        match serde_json::to_value(self) {
            Ok(v) => fingerprint(&v),
            Err(_) => String::new(),
        }
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// `sha256:<hex>` over the canonical form of `value` without its
/// `fingerprint` member.
pub fn fingerprint(value: &Value) -> String {
    let mut canonical = String::new();
    write_canonical(value, true, &mut canonical);
    let digest = Sha256::digest(canonical.as_bytes());
    let mut hex = String::with_capacity(7 + 64);
    hex.push_str("sha256:");
    for b in digest {
        hex.push(char::from_digit((b >> 4) as u32, 16).unwrap_or('0'));
        hex.push(char::from_digit((b & 15) as u32, 16).unwrap_or('0'));
    }
    hex
}

/// Canonical JSON: no whitespace, object keys sorted by their UTF-8 bytes,
/// strings escaped as serde_json does. Independent of map ordering features.
fn write_canonical(v: &Value, top: bool, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().filter(|k| !(top && k.as_str() == "fingerprint")).collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(k).unwrap_or_default());
                out.push(':');
                write_canonical(&map[k], false, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, false, out);
            }
            out.push(']');
        }
        other => out.push_str(&serde_json::to_string(other).unwrap_or_default()),
    }
}

/// The result of checking a report file.
#[derive(Clone, Debug)]
pub struct Verification {
    /// The schema the file was written in.
    pub original_schema: u32,
    pub stated: String,
    pub computed: String,
    /// The report in the current schema (migrated if it was older).
    pub report: Report,
}

impl Verification {
    pub fn holds(&self) -> bool {
        self.stated == self.computed
    }
}

/// Reads a report, recomputes its fingerprint over the file's own content,
/// and migrates it to the current schema.
pub fn verify(bytes: &[u8]) -> Result<Verification, LoadError> {
    let value: Value = crate::core::error::parse_json(INPUT, bytes, MAX_BYTES, "use the report file exactly as export-assessor wrote it")?;
    let Value::Object(map) = &value else {
        return Err(err("top level", "the report is not a JSON object", "use a report file written by export-assessor"));
    };
    let schema = match map.get("schema_version").or_else(|| map.get("schema")) {
        Some(Value::Number(n)) => n.as_u64().unwrap_or(0),
        Some(_) => return Err(err("schema_version", "the schema version is not a number", "use a report file written by export-assessor")),
        None => return Err(err("schema_version", "the report has no schema version", "use a report file written by export-assessor")),
    };
    let stated = match map.get("fingerprint") {
        Some(Value::String(s)) => s.clone(),
        _ => return Err(err("fingerprint", "the report has no fingerprint", "use a report file written by export-assessor")),
    };
    let computed = fingerprint(&value);
    let report = match schema {
        1 => migrate_v1(value.clone())?,
        // Typed from the bytes, sharing the deserializer the other loaders use.
        2 => crate::core::error::parse_json(INPUT, bytes, MAX_BYTES, "the field does not have the type a report needs; use the report exactly as written")?,
        n => {
            return Err(err(
                "schema_version",
                format!("schema version {n} is not known (this tool reads 1 to {SCHEMA_VERSION})"),
                "verify it with the export-assessor version that wrote it, or a newer one",
            ))
        }
    };
    Ok(Verification { original_schema: schema as u32, stated, computed, report })
}

fn typed(value: Value) -> Result<Report, LoadError> {
    let text = value.to_string();
    crate::core::error::parse_json(INPUT, text.as_bytes(), MAX_BYTES, "the field does not have the type a report needs; use the report exactly as written")
}

/// Schema 1 (the 0.1 pre-release layout) had `schema`, flat
/// `ruleset_id`/`ruleset_version`, one `timestamp` and no `lang` or
/// `undecided`. The migrated report is re-sealed in the current schema.
fn migrate_v1(value: Value) -> Result<Report, LoadError> {
    let Value::Object(mut map) = value else {
        return Err(err("top level", "the report is not a JSON object", "use a report file written by export-assessor"));
    };
    let take_str = |map: &mut serde_json::Map<String, Value>, key: &str| match map.remove(key) {
        Some(Value::String(s)) => Ok(s),
        _ => Err(err(key, format!("a schema-1 report needs the text field \"{key}\""), "use the report exactly as written")),
    };
    map.remove("schema");
    map.remove("schema_version");
    let id = take_str(&mut map, "ruleset_id")?;
    let version = take_str(&mut map, "ruleset_version")?;
    let timestamp = take_str(&mut map, "timestamp")?;
    map.insert("schema_version".into(), Value::from(SCHEMA_VERSION));
    map.insert("rule_set".into(), serde_json::json!({ "id": id, "version": version }));
    map.insert("created_at".into(), Value::String(timestamp.clone()));
    map.insert("updated_at".into(), Value::String(timestamp));
    map.entry("lang").or_insert_with(|| Value::String("en".into()));
    map.entry("undecided").or_insert(Value::Bool(false));
    let mut report = typed(Value::Object(map))?;
    report.fingerprint = report.compute_fingerprint();
    Ok(report)
}
