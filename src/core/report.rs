//! The assessment record: answers, outcome, findings, score, next steps,
//! rule-set and destination-data versions and caller-supplied timestamps,
//! sealed with a SHA-256 fingerprint over the RFC 8785 (JSON
//! Canonicalization Scheme) form of everything else, so any JCS
//! implementation can check it. Typed and read with serde: an unknown field
//! or value and a duplicate key are errors with their path. Older schemas
//! are migrated on load.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::answers::Answers;
use super::destinations::{Destinations, FactRef};
use super::error::{from_value, LoadError};
use super::evaluate::{next_steps, Assessment, Because, CategoryScore};
use super::outcome::Outcome;
use super::provenance::SourceClass;
use super::ruleset::{FindingKind, RuleSet};
use super::screening::decisions::{self, MatchGround};
use super::screening::record::ScreeningRecord;
use super::serde_util::UniqueValue;
use super::text::Lang;
use super::vars::TextVars;

const INPUT: &str = "report";
const MAX_BYTES: usize = 16 * 1024 * 1024;
const FIX: &str = "use the report exactly as export-assessor wrote it";
pub const SCHEMA_VERSION: u32 = 4;

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
    /// How sure the rule's source is (absent in reports before schema 4).
    #[serde(default)]
    pub provenance: Option<SourceClass>,
    #[serde(default)]
    pub unconfirmed: Option<String>,
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
    #[serde(default)]
    pub provenance: Option<SourceClass>,
    pub unconfirmed: Option<String>,
    pub because: Because,
}

/// A confirmed sanctions-list match and its legal ground, as sealed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportGround {
    pub question: String,
    pub party: String,
    pub list: String,
    pub list_format: String,
    pub list_generated: Option<String>,
    pub entry_id: String,
    pub matched_name: String,
    pub programme: Option<String>,
    pub act: String,
    pub eu_law: bool,
    pub provenance: SourceClass,
}

impl From<&MatchGround> for ReportGround {
    fn from(g: &MatchGround) -> ReportGround {
        ReportGround {
            question: g.question.clone(),
            party: g.party.clone(),
            list: g.list_label.clone(),
            list_format: g.list_format.clone(),
            list_generated: g.list_generated.clone(),
            entry_id: g.entry_id.clone(),
            matched_name: g.matched_name.clone(),
            programme: g.programme.clone(),
            act: g.ground.act.clone(),
            eu_law: g.ground.eu_law,
            provenance: g.ground.status,
        }
    }
}

/// The score as sealed: total, categories and why it does not decide the
/// outcome (the note is absent before schema 4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportScore {
    pub total: u32,
    pub categories: Vec<CategoryScore>,
    #[serde(default)]
    pub note: String,
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
    #[serde(deserialize_with = "crate::core::serde_util::unique_map")]
    pub answers: Answers,
    pub outcome: Outcome,
    pub undecided: bool,
    pub decided_by: Vec<ReportRule>,
    pub findings: Vec<ReportFinding>,
    pub missing: Vec<String>,
    pub score: ReportScore,
    /// What the destination facts behind the outcome rest on (absent before schema 4).
    #[serde(default)]
    pub destination_facts: Vec<FactRef>,
    /// The confirmed sanctions-list matches and the acts behind them.
    #[serde(default)]
    pub sanctions_grounds: Vec<ReportGround>,
    pub next_steps: Vec<String>,
    /// The sanctions screening behind the answers, when the parties were
    /// screened: lists (with generation date and SHA-256), hits, decisions.
    #[serde(default)]
    pub screening: Option<ScreeningRecord>,
    pub fingerprint: String,
}

fn err(
    location: impl Into<String>,
    problem: impl Into<String>,
    fix: impl Into<String>,
) -> LoadError {
    LoadError::new(INPUT, location, problem, fix)
}

fn check_timestamp(field: &str, ts: &str) -> Result<(), LoadError> {
    if ts.trim().is_empty() || ts.len() > 64 || ts.chars().any(char::is_control) {
        return Err(err(
            field,
            format!("\"{ts}\" is not a usable timestamp"),
            "pass a timestamp such as 2026-11-25T09:30:00Z",
        ));
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
        let vars = TextVars::new(rules, destinations, answers, lang);
        let mut report = Report {
            schema_version: SCHEMA_VERSION,
            tool: format!("export-assessor {}", env!("CARGO_PKG_VERSION")),
            rule_set: RuleSetRef {
                id: rules.id.clone(),
                version: rules.version.clone(),
            },
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
                        explanation: vars.text(&rule.explanation),
                        citation: vars.text(&rule.citation),
                        provenance: Some(rule.provenance),
                        unconfirmed: rule.unconfirmed.as_ref().map(|u| vars.text(u)),
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
                        title: vars.text(&rule.title),
                        explanation: vars.text(&rule.explanation),
                        citation: vars.text(&rule.citation),
                        provenance: Some(rule.provenance),
                        unconfirmed: rule.unconfirmed.as_ref().map(|u| vars.text(u)),
                        because: f.because.clone(),
                    })
                })
                .collect(),
            missing: assessment.missing.clone(),
            score: ReportScore {
                total: assessment.score.total,
                categories: assessment.score.categories.clone(),
                note: rules.score.note.get(lang).to_string(),
            },
            destination_facts: assessment.destination_basis.clone(),
            sanctions_grounds: Vec::new(),
            next_steps: next_steps(rules, destinations, answers, assessment, lang),
            answers: shown,
            screening: None,
            fingerprint: String::new(),
        };
        report.fingerprint = report.compute_fingerprint();
        Ok(report)
    }

    /// Adds the screening record (when the parties were screened) and the
    /// grounds of its confirmed matches, and seals the report again.
    pub fn with_screening(
        mut self,
        rules: &RuleSet,
        destinations: &Destinations,
        record: &ScreeningRecord,
    ) -> Report {
        self.screening = (!record.is_empty()).then(|| record.clone());
        self.sanctions_grounds = decisions::grounds(rules, destinations, &self.answers, record)
            .iter()
            .map(ReportGround::from)
            .collect();
        self.fingerprint = self.compute_fingerprint();
        self
    }

    pub fn compute_fingerprint(&self) -> String {
        fingerprint(&self.to_value())
    }

    /// The report as a JSON value (what is sealed and written).
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Reads a report in the current schema from a parsed value.
    pub fn from_value(v: &Value) -> Result<Report, LoadError> {
        let report: Report = from_value(INPUT, "", v, FIX)?;
        report.check_ranges()?;
        Ok(report)
    }

    /// Numbers a report can hold; anything else is damage.
    fn check_ranges(&self) -> Result<(), LoadError> {
        let out_of_range = |at: String, n: i64| Err(err(at, format!("{n} is out of range"), FIX));
        if self.score.total > 100 {
            return out_of_range("score.total".into(), self.score.total as i64);
        }
        for (i, c) in self.score.categories.iter().enumerate() {
            if c.weight > 100 || c.value > 100 {
                return out_of_range(
                    format!("score.categories[{i}]"),
                    c.weight.max(c.value) as i64,
                );
            }
        }
        for (i, f) in self.findings.iter().enumerate() {
            if !(-100..=100).contains(&f.weight) {
                return out_of_range(format!("findings[{i}].weight"), f.weight as i64);
            }
        }
        Ok(())
    }
}

/// `sha256:<hex>` over the RFC 8785 canonical form of `value` without its
/// top-level `fingerprint` member.
pub fn fingerprint(value: &Value) -> String {
    let mut v = value.clone();
    if let Value::Object(m) = &mut v {
        m.remove("fingerprint");
    }
    let canonical = serde_json_canonicalizer::to_vec(&v).unwrap_or_default();
    let digest = Sha256::digest(&canonical);
    let mut hex = String::with_capacity(7 + 64);
    hex.push_str("sha256:");
    for b in digest {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

/// A download file-name stem a person recognises, e.g.
/// `ACME-router-Iran_2026-12-03_notify-authority`: the reference folded to
/// ASCII letters, digits and single hyphens (at most 60 characters;
/// "assessment" when nothing is left), the date when `date` starts with
/// one (YYYY-MM-DD), and the outcome. Safe as a file name on any system:
/// no separators, dots, control or bidirectional characters survive.
pub fn file_stem(reference: &str, date: &str, outcome: Outcome) -> String {
    const MAX: usize = 60;
    let mut name = String::with_capacity(MAX);
    for c in reference.chars() {
        if name.len() >= MAX {
            break;
        }
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_end_matches('-');
    let name = if name.is_empty() { "assessment" } else { name };
    let day = date.get(..10).filter(|d| {
        d.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
    });
    let outcome = outcome.name().replace('_', "-");
    match day {
        Some(d) => format!("{name}_{d}_{outcome}"),
        None => format!("{name}_{outcome}"),
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

/// Reads a report (duplicate keys refused), recomputes its fingerprint over
/// the file's own content, and migrates it to the current schema. Earlier
/// schemas were sealed over keys sorted by their bytes with the same
/// escaping; for the ASCII keys reports have, that is the RFC 8785 form, so
/// they verify unchanged.
pub fn verify(bytes: &[u8]) -> Result<Verification, LoadError> {
    if bytes.len() > MAX_BYTES {
        return Err(LoadError::too_large(INPUT, bytes.len(), MAX_BYTES));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        err(
            format!("byte {}", e.valid_up_to()),
            "the file is not UTF-8 text",
            "use the report file as written",
        )
    })?;
    let text = text.trim_start_matches('\u{feff}');
    let value = match serde_json::from_str::<UniqueValue>(text) {
        Ok(v) => v.0,
        Err(e) => return Err(LoadError::from_json(INPUT, String::new(), e, FIX)),
    };
    let Value::Object(top) = &value else {
        return Err(err(
            "top level",
            "expected an object",
            "use a report file written by export-assessor",
        ));
    };
    let schema = match top.get("schema_version").or_else(|| top.get("schema")) {
        Some(Value::Number(n)) => n.as_u64().ok_or_else(|| {
            err(
                "schema_version",
                "the schema version is not a whole number",
                FIX,
            )
        })?,
        Some(_) => {
            return Err(err(
                "schema_version",
                "the schema version is not a number",
                "use a report file written by export-assessor",
            ))
        }
        None => {
            return Err(err(
                "schema_version",
                "the report has no schema version",
                "use a report file written by export-assessor",
            ))
        }
    };
    let stated = match top.get("fingerprint") {
        Some(Value::String(s)) => s.clone(),
        _ => {
            return Err(err(
                "fingerprint",
                "the report has no fingerprint",
                "use a report file written by export-assessor",
            ))
        }
    };
    let computed = fingerprint(&value);
    let report = match schema {
        1 => migrate_v1(top.clone())?,
        2 | 3 => {
            // Schema 2 lacks `screening`, schema 3 the provenance, destination
            // facts, grounds and score note: read as absent, re-sealed in the
            // current schema.
            let mut r = Report::from_value(&value)?;
            r.schema_version = SCHEMA_VERSION;
            r.fingerprint = r.compute_fingerprint();
            r
        }
        4 => Report::from_value(&value)?,
        n => {
            return Err(err(
                "schema_version",
                format!("schema version {n} is not known (this tool reads 1 to {SCHEMA_VERSION})"),
                "verify it with the export-assessor version that wrote it, or a newer one",
            ))
        }
    };
    Ok(Verification {
        original_schema: schema as u32,
        stated,
        computed,
        report,
    })
}

/// Schema 1 (the 0.1 pre-release layout) had `schema`, flat
/// `ruleset_id`/`ruleset_version`, one `timestamp` and no `lang` or
/// `undecided`. The migrated report is re-sealed in the current schema.
fn migrate_v1(mut map: Map<String, Value>) -> Result<Report, LoadError> {
    let mut take = |key: &str| -> Result<String, LoadError> {
        match map.remove(key) {
            Some(Value::String(s)) => Ok(s),
            _ => Err(err(
                key,
                format!("a schema-1 report needs the text field \"{key}\""),
                "use the report exactly as written",
            )),
        }
    };
    let id = take("ruleset_id")?;
    let version = take("ruleset_version")?;
    let timestamp = take("timestamp")?;
    map.remove("schema");
    map.insert("schema_version".into(), Value::from(SCHEMA_VERSION));
    map.insert(
        "rule_set".into(),
        serde_json::json!({ "id": id, "version": version }),
    );
    map.insert("created_at".into(), Value::String(timestamp.clone()));
    map.insert("updated_at".into(), Value::String(timestamp));
    map.entry("lang")
        .or_insert_with(|| Value::String("en".into()));
    map.entry("undecided").or_insert(Value::Bool(false));
    let mut report = Report::from_value(&Value::Object(map))?;
    report.fingerprint = report.compute_fingerprint();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::{file_stem, fingerprint};
    use crate::core::outcome::Outcome;

    #[test]
    fn file_stems_are_readable_and_safe() {
        let stem = |r: &str, d: &str| file_stem(r, d, Outcome::NotifyAuthority);
        assert_eq!(
            stem("ACME router → Iran", "2026-12-03T09:30:00Z"),
            "ACME-router-Iran_2026-12-03_notify-authority"
        );
        assert_eq!(
            file_stem("x", "2026-12-03", Outcome::ProceedDocumented),
            "x_2026-12-03_proceed-documented"
        );
        assert_eq!(
            stem("../../etc/passwd", "2026-12-03"),
            "etc-passwd_2026-12-03_notify-authority"
        );
        assert_eq!(
            stem("a/b\\c:d", "2026-12-03"),
            "a-b-c-d_2026-12-03_notify-authority"
        );
        assert_eq!(
            stem("..", "2026-12-03"),
            "assessment_2026-12-03_notify-authority"
        );
        assert_eq!(stem("", ""), "assessment_notify-authority");
        assert_eq!(stem("  --  ", "x"), "assessment_notify-authority");
        // Bidirectional overrides and control characters cannot reorder or hide the name.
        assert_eq!(
            stem("invoice\u{202e}fdp.exe\u{0}\n", "2026-12-03"),
            "invoice-fdp-exe_2026-12-03_notify-authority"
        );
        // Dates that are not YYYY-MM-DD are left out.
        for d in [
            "03.12.2026",
            "2026-1-3",
            "2026/12/03",
            "20261203T00",
            "2026-12-0",
            "２０２６-12-03",
        ] {
            assert_eq!(stem("r", d), "r_notify-authority", "{d}");
        }
        let long = "Ä".repeat(5_000) + &"ab/".repeat(5_000);
        let s = stem(&long, "2026-12-03");
        let name = s.split('_').next().unwrap();
        assert!(name.len() <= 60 && name.starts_with("ab-ab"), "{s}");
        assert!(!name.ends_with('-'));
        let s = stem(&"z".repeat(10_000), "2026-12-03T00:00:00Z");
        assert_eq!(s, format!("{}_2026-12-03_notify-authority", "z".repeat(60)));
        for s in [stem(&long, ""), stem("a..b", "")] {
            assert!(
                s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
                "{s}"
            );
        }
    }

    #[test]
    fn the_fingerprint_is_sha256_over_rfc_8785() {
        // RFC 8785: members sorted, no whitespace, non-ASCII kept literally,
        // control characters escaped; the fingerprint member left out.
        let v = serde_json::json!({ "b": [1, "é\n"], "a": { "y": null, "x": true }, "fingerprint": "ignored" });
        let jcs = "{\"a\":{\"x\":true,\"y\":null},\"b\":[1,\"é\\n\"]}";
        assert_eq!(fingerprint(&v), sha256_hex(jcs.as_bytes()));
    }

    fn sha256_hex(bytes: &[u8]) -> String {
        use sha2::{Digest, Sha256};
        let d = Sha256::digest(bytes);
        format!(
            "sha256:{}",
            d.iter().map(|b| format!("{b:02x}")).collect::<String>()
        )
    }
}
