//! The assessment record: answers, outcome, findings, score, next steps,
//! rule-set and destination-data versions and caller-supplied timestamps,
//! sealed with a SHA-256 fingerprint over a canonical serialisation.
//! Schema-versioned; older schemas are migrated on load.

use sha2::{Digest, Sha256};

use super::answers::{answers_from_json, answers_to_json, Answers};
use super::destinations::{DestFact, Destinations};
use super::error::LoadError;
use super::evaluate::{next_steps, AnswerRef, Assessment, Because, CategoryScore, Score};
use super::json::{self, obj, strs, Fields, Json};
use super::outcome::Outcome;
use super::screening::record::ScreeningRecord;
use super::ruleset::{FindingKind, RuleSet};
use super::text::Lang;

const INPUT: &str = "report";
const MAX_BYTES: usize = 16 * 1024 * 1024;
pub const SCHEMA_VERSION: u32 = 3;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSetRef {
    pub id: String,
    pub version: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportRule {
    pub id: String,
    pub explanation: String,
    pub citation: String,
    pub because: Because,
}

#[derive(Clone, Debug, PartialEq, Eq)]
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

#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// The sanctions screening behind the answers, when the parties were
    /// screened: lists (with generation date and SHA-256), hits, decisions.
    pub screening: Option<ScreeningRecord>,
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
            screening: None,
            fingerprint: String::new(),
        };
        report.fingerprint = report.compute_fingerprint();
        Ok(report)
    }

    /// Adds the screening record (when the parties were screened) and
    /// seals the report again.
    pub fn with_screening(mut self, record: &ScreeningRecord) -> Report {
        self.screening = (!record.is_empty()).then(|| record.clone());
        self.fingerprint = self.compute_fingerprint();
        self
    }

    pub fn compute_fingerprint(&self) -> String {
        fingerprint(&self.to_json())
    }

    pub fn to_json_pretty(&self) -> String {
        self.to_json().pretty()
    }

    pub fn to_json(&self) -> Json {
        let opt = |o: &Option<String>| o.as_ref().map_or(Json::Null, Json::str);
        obj(vec![
            ("schema_version", Json::Int(self.schema_version as i64)),
            ("tool", Json::str(&self.tool)),
            ("rule_set", obj(vec![("id", Json::str(&self.rule_set.id)), ("version", Json::str(&self.rule_set.version))])),
            ("destination_data_as_of", Json::str(&self.destination_data_as_of)),
            ("created_at", Json::str(&self.created_at)),
            ("updated_at", Json::str(&self.updated_at)),
            ("lang", Json::str(self.lang.code())),
            ("answers", answers_to_json(&self.answers)),
            ("outcome", Json::str(self.outcome.name())),
            ("undecided", Json::Bool(self.undecided)),
            (
                "decided_by",
                Json::Arr(
                    self.decided_by
                        .iter()
                        .map(|r| obj(vec![("id", Json::str(&r.id)), ("explanation", Json::str(&r.explanation)), ("citation", Json::str(&r.citation)), ("because", because_to_json(&r.because))]))
                        .collect(),
                ),
            ),
            (
                "findings",
                Json::Arr(
                    self.findings
                        .iter()
                        .map(|f| {
                            obj(vec![
                                ("id", Json::str(&f.id)),
                                ("kind", Json::str(f.kind.name())),
                                ("category", opt(&f.category)),
                                ("weight", Json::Int(f.weight as i64)),
                                ("title", Json::str(&f.title)),
                                ("explanation", Json::str(&f.explanation)),
                                ("citation", Json::str(&f.citation)),
                                ("unconfirmed", opt(&f.unconfirmed)),
                                ("because", because_to_json(&f.because)),
                            ])
                        })
                        .collect(),
                ),
            ),
            ("missing", strs(&self.missing)),
            (
                "score",
                obj(vec![
                    ("total", Json::Int(self.score.total as i64)),
                    (
                        "categories",
                        Json::Arr(
                            self.score
                                .categories
                                .iter()
                                .map(|c| obj(vec![("id", Json::str(&c.id)), ("weight", Json::Int(c.weight as i64)), ("points", Json::Int(c.points as i64)), ("value", Json::Int(c.value as i64))]))
                                .collect(),
                        ),
                    ),
                ]),
            ),
            ("next_steps", strs(&self.next_steps)),
            ("screening", self.screening.as_ref().map_or(Json::Null, ScreeningRecord::to_json)),
            ("fingerprint", Json::str(&self.fingerprint)),
        ])
    }

    /// Reads a report in the current schema, field by field.
    pub fn from_json(v: &Json) -> Result<Report, LoadError> {
        let f = Fields::of(INPUT, "", v)?;
        f.only(&["schema_version", "tool", "rule_set", "destination_data_as_of", "created_at", "updated_at", "lang", "answers", "outcome", "undecided", "decided_by", "findings", "missing", "score", "next_steps", "screening", "fingerprint"])?;
        let rs = Fields::of(INPUT, "rule_set", f.req("rule_set")?)?;
        rs.only(&["id", "version"])?;
        let num = |fields: &Fields, key: &str, min: i64, max: i64| -> Result<i64, LoadError> {
            let n = fields.int(key)?;
            if (min..=max).contains(&n) {
                Ok(n)
            } else {
                Err(LoadError::new(INPUT, fields.path(key), format!("{n} is out of range"), "use the report exactly as written"))
            }
        };
        let decided_by = f
            .list("decided_by")?
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let r = Fields::of(INPUT, format!("decided_by[{i}]"), r)?;
                r.only(&["id", "explanation", "citation", "because"])?;
                Ok(ReportRule { id: r.string("id")?, explanation: r.string("explanation")?, citation: r.string("citation")?, because: because_from_json(&r, "because")? })
            })
            .collect::<Result<Vec<_>, LoadError>>()?;
        let findings = f
            .list("findings")?
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let x = Fields::of(INPUT, format!("findings[{i}]"), x)?;
                x.only(&["id", "kind", "category", "weight", "title", "explanation", "citation", "unconfirmed", "because"])?;
                Ok(ReportFinding {
                    id: x.string("id")?,
                    kind: x.name("kind", FindingKind::from_name, "red_flag, gap, trigger, risk_factor, mitigation, classification, note")?,
                    category: x.opt_string("category")?,
                    weight: num(&x, "weight", -100, 100)? as i32,
                    title: x.string("title")?,
                    explanation: x.string("explanation")?,
                    citation: x.string("citation")?,
                    unconfirmed: x.opt_string("unconfirmed")?,
                    because: because_from_json(&x, "because")?,
                })
            })
            .collect::<Result<Vec<_>, LoadError>>()?;
        let sc = Fields::of(INPUT, "score", f.req("score")?)?;
        sc.only(&["total", "categories"])?;
        let categories = sc
            .list("categories")?
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let c = Fields::of(INPUT, format!("score.categories[{i}]"), c)?;
                c.only(&["id", "weight", "points", "value"])?;
                Ok(CategoryScore { id: c.string("id")?, weight: num(&c, "weight", 0, 100)? as u32, points: num(&c, "points", -100_000, 100_000)? as i32, value: num(&c, "value", 0, 100)? as u32 })
            })
            .collect::<Result<Vec<_>, LoadError>>()?;
        Ok(Report {
            schema_version: num(&f, "schema_version", 0, 1000)? as u32,
            tool: f.string("tool")?,
            rule_set: RuleSetRef { id: rs.string("id")?, version: rs.string("version")? },
            destination_data_as_of: f.string("destination_data_as_of")?,
            created_at: f.string("created_at")?,
            updated_at: f.string("updated_at")?,
            lang: f.name("lang", Lang::from_code, "en, de")?,
            answers: answers_from_json(INPUT, "answers", f.req("answers")?)?,
            outcome: f.name("outcome", Outcome::from_name, "the seven outcome names")?,
            undecided: f.bool("undecided")?,
            decided_by,
            findings,
            missing: f.strings("missing")?,
            score: Score { total: num(&sc, "total", 0, 100)? as u32, categories },
            next_steps: f.strings("next_steps")?,
            // Schema 2 had no screening: absent reads as none.
            screening: match f.opt("screening") {
                None | Some(Json::Null) => None,
                Some(v) => Some(ScreeningRecord::from_json(INPUT, "screening", v)?),
            },
            fingerprint: f.string("fingerprint")?,
        })
    }
}

fn because_to_json(b: &Because) -> Json {
    obj(vec![
        ("answers", Json::Arr(b.answers.iter().map(|a| obj(vec![("question", Json::str(&a.question)), ("value", a.value.to_json())])).collect())),
        ("findings", strs(&b.findings)),
        ("destination_facts", Json::Arr(b.destination_facts.iter().map(|f| Json::str(f.name())).collect())),
    ])
}

fn because_from_json(parent: &Fields, key: &str) -> Result<Because, LoadError> {
    let b = Fields::of(INPUT, parent.path(key), parent.req(key)?)?;
    b.only(&["answers", "findings", "destination_facts"])?;
    let answers = b
        .list("answers")?
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let a = Fields::of(INPUT, format!("{}[{i}]", b.path("answers")), a)?;
            a.only(&["question", "value"])?;
            let wrapped = Json::Obj(vec![("v".to_string(), a.req("value")?.clone())]);
            let value = answers_from_json(INPUT, &a.at, &wrapped)?.remove("v").unwrap_or(super::answers::AnswerValue::One(String::new()));
            Ok(AnswerRef { question: a.string("question")?, value })
        })
        .collect::<Result<Vec<_>, LoadError>>()?;
    let facts = b
        .strings("destination_facts")?
        .iter()
        .map(|s| DestFact::from_name(s).ok_or_else(|| LoadError::new(INPUT, b.path("destination_facts"), format!("\"{s}\" is not a destination fact"), "use the report exactly as written")))
        .collect::<Result<Vec<_>, LoadError>>()?;
    Ok(Because { answers, findings: b.strings("findings")?, destination_facts: facts })
}

/// `sha256:<hex>` over the canonical form of `value` without its
/// top-level `fingerprint` member (see `json::Json::canonical`).
pub fn fingerprint(value: &Json) -> String {
    let digest = Sha256::digest(value.canonical(Some("fingerprint")).as_bytes());
    let mut hex = String::with_capacity(7 + 64);
    hex.push_str("sha256:");
    for b in digest {
        hex.push(char::from_digit((b >> 4) as u32, 16).unwrap_or('0'));
        hex.push(char::from_digit((b & 15) as u32, 16).unwrap_or('0'));
    }
    hex
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
    let value = json::parse(INPUT, bytes, MAX_BYTES)?;
    let f = Fields::of(INPUT, "top level", &value)?;
    let schema = match f.opt("schema_version").or_else(|| f.opt("schema")) {
        Some(Json::Int(n)) => *n,
        Some(_) => return Err(err("schema_version", "the schema version is not a number", "use a report file written by export-assessor")),
        None => return Err(err("schema_version", "the report has no schema version", "use a report file written by export-assessor")),
    };
    let stated = match f.opt("fingerprint") {
        Some(Json::Str(s)) => s.clone(),
        _ => return Err(err("fingerprint", "the report has no fingerprint", "use a report file written by export-assessor")),
    };
    let computed = fingerprint(&value);
    let report = match schema {
        1 => migrate_v1(value)?,
        2 => {
            // Schema 2 lacks `screening` only: re-sealed in the current schema.
            let mut r = Report::from_json(&value)?;
            r.schema_version = SCHEMA_VERSION;
            r.fingerprint = r.compute_fingerprint();
            r
        }
        3 => Report::from_json(&value)?,
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

/// Schema 1 (the 0.1 pre-release layout) had `schema`, flat
/// `ruleset_id`/`ruleset_version`, one `timestamp` and no `lang` or
/// `undecided`. The migrated report is re-sealed in the current schema.
fn migrate_v1(value: Json) -> Result<Report, LoadError> {
    let Json::Obj(members) = value else {
        return Err(err("top level", "the report is not a JSON object", "use a report file written by export-assessor"));
    };
    let mut map: Vec<(String, Json)> = members;
    let mut take = |key: &str| -> Result<String, LoadError> {
        let pos = map.iter().position(|(k, _)| k == key);
        match pos.map(|p| map.remove(p).1) {
            Some(Json::Str(s)) => Ok(s),
            _ => Err(err(key, format!("a schema-1 report needs the text field \"{key}\""), "use the report exactly as written")),
        }
    };
    let id = take("ruleset_id")?;
    let version = take("ruleset_version")?;
    let timestamp = take("timestamp")?;
    map.retain(|(k, _)| k != "schema" && k != "schema_version");
    let has = |map: &Vec<(String, Json)>, k: &str| map.iter().any(|(x, _)| x == k);
    map.push(("schema_version".into(), Json::Int(SCHEMA_VERSION as i64)));
    map.push(("rule_set".into(), obj(vec![("id", Json::Str(id)), ("version", Json::Str(version))])));
    map.push(("created_at".into(), Json::Str(timestamp.clone())));
    map.push(("updated_at".into(), Json::Str(timestamp)));
    if !has(&map, "lang") {
        map.push(("lang".into(), Json::str("en")));
    }
    if !has(&map, "undecided") {
        map.push(("undecided".into(), Json::Bool(false)));
    }
    let mut report = Report::from_json(&Json::Obj(map))?;
    report.fingerprint = report.compute_fingerprint();
    Ok(report)
}
