//! The assessment record: answers, outcome, findings, score, next steps,
//! rule-set and destination-data versions and caller-supplied timestamps,
//! sealed with a SHA-256 fingerprint over a canonical serialisation.
//! Schema-versioned; older schemas are migrated on load.

use sha2::{Digest, Sha256};

use super::answers::{answers_from_json, answers_to_json, Answers};
use super::destinations::{DestFact, Destinations, FactRef};
use super::error::LoadError;
use super::evaluate::{next_steps, AnswerRef, Assessment, Because, CategoryScore, Score};
use super::json::{self, obj, strs, Fields, Json};
use super::outcome::Outcome;
use super::provenance::SourceClass;
use super::ruleset::{FindingKind, RuleSet};
use super::screening::decisions::{self, MatchGround};
use super::screening::record::ScreeningRecord;
use super::text::Lang;
use super::vars::TextVars;

const INPUT: &str = "report";
const MAX_BYTES: usize = 16 * 1024 * 1024;
pub const SCHEMA_VERSION: u32 = 4;

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
    /// How sure the rule's source is (absent in reports before schema 4).
    pub provenance: Option<SourceClass>,
    pub unconfirmed: Option<String>,
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
    pub provenance: Option<SourceClass>,
    pub unconfirmed: Option<String>,
    pub because: Because,
}

/// A confirmed sanctions-list match and its legal ground, as sealed.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// Why the score does not decide the outcome (empty before schema 4).
    pub score_note: String,
    /// What the destination facts behind the outcome rest on.
    pub destination_facts: Vec<FactRef>,
    /// The confirmed sanctions-list matches and the acts behind them.
    pub sanctions_grounds: Vec<ReportGround>,
    pub next_steps: Vec<String>,
    /// The sanctions screening behind the answers, when the parties were
    /// screened: lists (with generation date and SHA-256), hits, decisions.
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
            score: assessment.score.clone(),
            score_note: rules.score.note.get(lang).to_string(),
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
            (
                "rule_set",
                obj(vec![
                    ("id", Json::str(&self.rule_set.id)),
                    ("version", Json::str(&self.rule_set.version)),
                ]),
            ),
            (
                "destination_data_as_of",
                Json::str(&self.destination_data_as_of),
            ),
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
                        .map(|r| {
                            obj(vec![
                                ("id", Json::str(&r.id)),
                                ("explanation", Json::str(&r.explanation)),
                                ("citation", Json::str(&r.citation)),
                                (
                                    "provenance",
                                    r.provenance.map_or(Json::Null, |p| Json::str(p.name())),
                                ),
                                ("unconfirmed", opt(&r.unconfirmed)),
                                ("because", because_to_json(&r.because)),
                            ])
                        })
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
                                (
                                    "provenance",
                                    f.provenance.map_or(Json::Null, |p| Json::str(p.name())),
                                ),
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
                                .map(|c| {
                                    obj(vec![
                                        ("id", Json::str(&c.id)),
                                        ("weight", Json::Int(c.weight as i64)),
                                        ("points", Json::Int(c.points as i64)),
                                        ("value", Json::Int(c.value as i64)),
                                    ])
                                })
                                .collect(),
                        ),
                    ),
                    ("note", Json::str(&self.score_note)),
                ]),
            ),
            (
                "destination_facts",
                Json::Arr(
                    self.destination_facts
                        .iter()
                        .map(|f| {
                            obj(vec![
                                ("fact", Json::str(f.fact.name())),
                                ("country", Json::str(&f.country)),
                                ("citation", Json::str(&f.citation)),
                                ("status", Json::str(f.status.name())),
                            ])
                        })
                        .collect(),
                ),
            ),
            (
                "sanctions_grounds",
                Json::Arr(
                    self.sanctions_grounds
                        .iter()
                        .map(|g| {
                            obj(vec![
                                ("question", Json::str(&g.question)),
                                ("party", Json::str(&g.party)),
                                ("list", Json::str(&g.list)),
                                ("list_format", Json::str(&g.list_format)),
                                ("list_generated", opt(&g.list_generated)),
                                ("entry_id", Json::str(&g.entry_id)),
                                ("matched_name", Json::str(&g.matched_name)),
                                ("programme", opt(&g.programme)),
                                ("act", Json::str(&g.act)),
                                ("eu_law", Json::Bool(g.eu_law)),
                                ("provenance", Json::str(g.provenance.name())),
                            ])
                        })
                        .collect(),
                ),
            ),
            ("next_steps", strs(&self.next_steps)),
            (
                "screening",
                self.screening
                    .as_ref()
                    .map_or(Json::Null, ScreeningRecord::to_json),
            ),
            ("fingerprint", Json::str(&self.fingerprint)),
        ])
    }

    /// Reads a report in the current schema, field by field.
    pub fn from_json(v: &Json) -> Result<Report, LoadError> {
        let f = Fields::of(INPUT, "", v)?;
        f.only(&[
            "schema_version",
            "tool",
            "rule_set",
            "destination_data_as_of",
            "created_at",
            "updated_at",
            "lang",
            "answers",
            "outcome",
            "undecided",
            "decided_by",
            "findings",
            "missing",
            "score",
            "destination_facts",
            "sanctions_grounds",
            "next_steps",
            "screening",
            "fingerprint",
        ])?;
        // Absent before schema 4; present and null-free after.
        let provenance = |fields: &Fields, key: &str| -> Result<Option<SourceClass>, LoadError> {
            match fields.opt_string(key)? {
                None => Ok(None),
                Some(s) => SourceClass::from_name(&s).map(Some).ok_or_else(|| {
                    LoadError::new(
                        INPUT,
                        fields.path(key),
                        format!("\"{s}\" is not a source class"),
                        "use confirmed, secondary, practice or unconfirmed",
                    )
                }),
            }
        };
        let rs = Fields::of(INPUT, "rule_set", f.req("rule_set")?)?;
        rs.only(&["id", "version"])?;
        let num = |fields: &Fields, key: &str, min: i64, max: i64| -> Result<i64, LoadError> {
            let n = fields.int(key)?;
            if (min..=max).contains(&n) {
                Ok(n)
            } else {
                Err(LoadError::new(
                    INPUT,
                    fields.path(key),
                    format!("{n} is out of range"),
                    "use the report exactly as written",
                ))
            }
        };
        let decided_by = f
            .list("decided_by")?
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let r = Fields::of(INPUT, format!("decided_by[{i}]"), r)?;
                r.only(&[
                    "id",
                    "explanation",
                    "citation",
                    "provenance",
                    "unconfirmed",
                    "because",
                ])?;
                Ok(ReportRule {
                    id: r.string("id")?,
                    explanation: r.string("explanation")?,
                    citation: r.string("citation")?,
                    provenance: provenance(&r, "provenance")?,
                    unconfirmed: r.opt_string("unconfirmed")?,
                    because: because_from_json(&r, "because")?,
                })
            })
            .collect::<Result<Vec<_>, LoadError>>()?;
        let findings = f
            .list("findings")?
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let x = Fields::of(INPUT, format!("findings[{i}]"), x)?;
                x.only(&[
                    "id",
                    "kind",
                    "category",
                    "weight",
                    "title",
                    "explanation",
                    "citation",
                    "provenance",
                    "unconfirmed",
                    "because",
                ])?;
                Ok(ReportFinding {
                    id: x.string("id")?,
                    kind: x.name(
                        "kind",
                        FindingKind::from_name,
                        "red_flag, gap, trigger, risk_factor, mitigation, classification, note",
                    )?,
                    category: x.opt_string("category")?,
                    weight: num(&x, "weight", -100, 100)? as i32,
                    title: x.string("title")?,
                    explanation: x.string("explanation")?,
                    citation: x.string("citation")?,
                    provenance: provenance(&x, "provenance")?,
                    unconfirmed: x.opt_string("unconfirmed")?,
                    because: because_from_json(&x, "because")?,
                })
            })
            .collect::<Result<Vec<_>, LoadError>>()?;
        let sc = Fields::of(INPUT, "score", f.req("score")?)?;
        sc.only(&["total", "categories", "note"])?;
        let categories = sc
            .list("categories")?
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let c = Fields::of(INPUT, format!("score.categories[{i}]"), c)?;
                c.only(&["id", "weight", "points", "value"])?;
                Ok(CategoryScore {
                    id: c.string("id")?,
                    weight: num(&c, "weight", 0, 100)? as u32,
                    points: num(&c, "points", -100_000, 100_000)? as i32,
                    value: num(&c, "value", 0, 100)? as u32,
                })
            })
            .collect::<Result<Vec<_>, LoadError>>()?;
        Ok(Report {
            schema_version: num(&f, "schema_version", 0, 1000)? as u32,
            tool: f.string("tool")?,
            rule_set: RuleSetRef {
                id: rs.string("id")?,
                version: rs.string("version")?,
            },
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
            score: Score {
                total: num(&sc, "total", 0, 100)? as u32,
                categories,
            },
            score_note: sc.opt_string("note")?.unwrap_or_default(),
            destination_facts: match f.opt("destination_facts") {
                None => vec![],
                Some(_) => f
                    .list("destination_facts")?
                    .iter()
                    .enumerate()
                    .map(|(i, x)| {
                        let x = Fields::of(INPUT, format!("destination_facts[{i}]"), x)?;
                        x.only(&["fact", "country", "citation", "status"])?;
                        Ok(FactRef {
                            fact: x.name(
                                "fact",
                                DestFact::from_name,
                                "a destination fact such as monitoring_authorisation",
                            )?,
                            country: x.string("country")?,
                            citation: x.string("citation")?,
                            status: x.name(
                                "status",
                                SourceClass::from_name,
                                "confirmed, secondary, practice, unconfirmed",
                            )?,
                        })
                    })
                    .collect::<Result<Vec<_>, LoadError>>()?,
            },
            sanctions_grounds: match f.opt("sanctions_grounds") {
                None => vec![],
                Some(_) => f
                    .list("sanctions_grounds")?
                    .iter()
                    .enumerate()
                    .map(|(i, x)| {
                        let x = Fields::of(INPUT, format!("sanctions_grounds[{i}]"), x)?;
                        x.only(&[
                            "question",
                            "party",
                            "list",
                            "list_format",
                            "list_generated",
                            "entry_id",
                            "matched_name",
                            "programme",
                            "act",
                            "eu_law",
                            "provenance",
                        ])?;
                        Ok(ReportGround {
                            question: x.string("question")?,
                            party: x.string("party")?,
                            list: x.string("list")?,
                            list_format: x.string("list_format")?,
                            list_generated: x.opt_string("list_generated")?,
                            entry_id: x.string("entry_id")?,
                            matched_name: x.string("matched_name")?,
                            programme: x.opt_string("programme")?,
                            act: x.string("act")?,
                            eu_law: x.bool("eu_law")?,
                            provenance: x.name(
                                "provenance",
                                SourceClass::from_name,
                                "confirmed, secondary, practice, unconfirmed",
                            )?,
                        })
                    })
                    .collect::<Result<Vec<_>, LoadError>>()?,
            },
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
        (
            "answers",
            Json::Arr(
                b.answers
                    .iter()
                    .map(|a| {
                        obj(vec![
                            ("question", Json::str(&a.question)),
                            ("value", a.value.to_json()),
                        ])
                    })
                    .collect(),
            ),
        ),
        ("findings", strs(&b.findings)),
        (
            "destination_facts",
            Json::Arr(
                b.destination_facts
                    .iter()
                    .map(|f| Json::str(f.name()))
                    .collect(),
            ),
        ),
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
            let value = answers_from_json(INPUT, &a.at, &wrapped)?
                .remove("v")
                .unwrap_or(super::answers::AnswerValue::One(String::new()));
            Ok(AnswerRef {
                question: a.string("question")?,
                value,
            })
        })
        .collect::<Result<Vec<_>, LoadError>>()?;
    let facts = b
        .strings("destination_facts")?
        .iter()
        .map(|s| {
            DestFact::from_name(s).ok_or_else(|| {
                LoadError::new(
                    INPUT,
                    b.path("destination_facts"),
                    format!("\"{s}\" is not a destination fact"),
                    "use the report exactly as written",
                )
            })
        })
        .collect::<Result<Vec<_>, LoadError>>()?;
    Ok(Because {
        answers,
        findings: b.strings("findings")?,
        destination_facts: facts,
    })
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
    let stated = match f.opt("fingerprint") {
        Some(Json::Str(s)) => s.clone(),
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
        1 => migrate_v1(value)?,
        2 | 3 => {
            // Schema 2 lacks `screening`, schema 3 the provenance, destination
            // facts, grounds and score note: read as absent, re-sealed in the
            // current schema.
            let mut r = Report::from_json(&value)?;
            r.schema_version = SCHEMA_VERSION;
            r.fingerprint = r.compute_fingerprint();
            r
        }
        4 => Report::from_json(&value)?,
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
fn migrate_v1(value: Json) -> Result<Report, LoadError> {
    let Json::Obj(members) = value else {
        return Err(err(
            "top level",
            "the report is not a JSON object",
            "use a report file written by export-assessor",
        ));
    };
    let mut map: Vec<(String, Json)> = members;
    let mut take = |key: &str| -> Result<String, LoadError> {
        let pos = map.iter().position(|(k, _)| k == key);
        match pos.map(|p| map.remove(p).1) {
            Some(Json::Str(s)) => Ok(s),
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
    map.retain(|(k, _)| k != "schema" && k != "schema_version");
    let has = |map: &Vec<(String, Json)>, k: &str| map.iter().any(|(x, _)| x == k);
    map.push(("schema_version".into(), Json::Int(SCHEMA_VERSION as i64)));
    map.push((
        "rule_set".into(),
        obj(vec![("id", Json::Str(id)), ("version", Json::Str(version))]),
    ));
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
