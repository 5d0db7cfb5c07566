//! Auditing a report: its fingerprint, and whether what it states is what
//! the rule set gives for its own answers. The fingerprint alone cannot
//! tell an edited report whose fingerprint was computed again from a
//! genuine one; re-evaluating the answers under the rule set and
//! destination data the report names can.

use serde_json::Value;

use super::destinations::Destinations;
use super::error::LoadError;
use super::evaluate::evaluate;
use super::outcome::Outcome;
use super::report::{self, Report, Verification};
use super::ruleset::RuleSet;
use super::screening::decisions;
use super::text::Lang;

/// One way a report differs from what it should be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    /// The stated fingerprint is not the one computed over the file's content.
    Fingerprint {
        stated: String,
        computed: String,
    },
    Outcome {
        stated: Outcome,
        recomputed: Outcome,
    },
    /// Finding ids in the report but not recomputed, and recomputed but not in the report.
    Findings {
        only_stated: Vec<String>,
        only_recomputed: Vec<String>,
    },
    Score {
        stated: u32,
        recomputed: u32,
    },
    /// Any other sealed field (e.g. "decided_by", "missing", "next_steps",
    /// "answers", "findings" when the same findings differ in their texts)
    /// that differs from what the rule set gives: the top-level field name.
    Field {
        name: String,
    },
}

/// Whether the report's content could be re-checked, and what was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Consistency {
    /// Re-evaluated under the rule set and destination data the report
    /// names; no differences when empty.
    Checked(Vec<Difference>),
    /// The build does not carry the rule set / destination data version the
    /// report names: only the fingerprint could be checked. Both in the
    /// form of `versions`.
    HashOnly { named: String, carried: String },
}

/// The fingerprint check and the consistency check of one report file.
#[derive(Clone, Debug)]
pub struct Audit {
    pub verification: Verification,
    pub consistency: Consistency,
}

impl Audit {
    /// Fingerprint holds and (when checked) no differences.
    pub fn holds(&self) -> bool {
        self.verification.holds()
            && match &self.consistency {
                Consistency::Checked(d) => d.is_empty(),
                Consistency::HashOnly { .. } => true,
            }
    }

    /// All differences: the fingerprint one first (when it does not hold),
    /// then the consistency ones.
    pub fn differences(&self) -> Vec<Difference> {
        let mut out = Vec::new();
        if !self.verification.holds() {
            out.push(Difference::Fingerprint {
                stated: self.verification.stated.clone(),
                computed: self.verification.computed.clone(),
            });
        }
        if let Consistency::Checked(d) = &self.consistency {
            out.extend(d.iter().cloned());
        }
        out
    }
}

/// A rule set and destination data named in words, e.g.
/// "eu-2021-821-art5 2.0.0, destination data as of 2025-01-01".
pub fn versions(rule_set_id: &str, rule_set_version: &str, destination_data_as_of: &str) -> String {
    format!("{rule_set_id} {rule_set_version}, destination data as of {destination_data_as_of}")
}

/// Reads and verifies the report (`report::verify`); then, when it names
/// the rule set and destination data given here, rebuilds it from its own
/// answers, language, timestamps and screening record, and compares the
/// two field by field. The `tool` field is not compared: a report made by
/// another tool version is not a difference by itself.
pub fn audit(
    bytes: &[u8],
    rules: &RuleSet,
    destinations: &Destinations,
) -> Result<Audit, LoadError> {
    let verification = report::verify(bytes)?;
    let stated = &verification.report;
    let same = stated.rule_set.id == rules.id
        && stated.rule_set.version == rules.version
        && stated.destination_data_as_of == destinations.as_of;
    let consistency = if same {
        Consistency::Checked(check(
            rules,
            destinations,
            stated,
            verification.original_schema,
        ))
    } else {
        Consistency::HashOnly {
            named: versions(
                &stated.rule_set.id,
                &stated.rule_set.version,
                &stated.destination_data_as_of,
            ),
            carried: versions(&rules.id, &rules.version, &destinations.as_of),
        }
    };
    Ok(Audit {
        verification,
        consistency,
    })
}

fn check(
    rules: &RuleSet,
    destinations: &Destinations,
    stated: &Report,
    schema: u32,
) -> Vec<Difference> {
    // Schema 1 did not record the language (it reads as English): the
    // language whose texts match is the one it was written in.
    let langs: &[Lang] = if schema == 1 {
        &Lang::ALL
    } else {
        std::slice::from_ref(&stated.lang)
    };
    langs
        .iter()
        .map(|&lang| match rebuild(rules, destinations, stated, lang) {
            Ok(rebuilt) => compare(
                &comparable(stated.clone(), schema),
                &comparable(rebuilt, schema),
            ),
            // Only a timestamp the tool would not have sealed fails here.
            Err(e) => vec![Difference::Field { name: e.location }],
        })
        .min_by_key(Vec::len)
        .unwrap_or_default()
}

/// The report the tool writes for `stated`'s answers, timestamps and
/// screening record, as `export-assessor report` and the app build it.
fn rebuild(
    rules: &RuleSet,
    destinations: &Destinations,
    stated: &Report,
    lang: Lang,
) -> Result<Report, LoadError> {
    let record = stated.screening.clone().unwrap_or_default();
    // The sealed answers already hold the screening answer the record
    // implied, so this changes nothing for a genuine report; an answer
    // edited to contradict the record shows as a difference in `answers`.
    let answers = decisions::effective_answers(rules, destinations, &stated.answers, &record);
    let assessment = evaluate(rules, destinations, &answers);
    let mut rebuilt = Report::build(
        rules,
        destinations,
        &answers,
        &assessment,
        lang,
        &stated.created_at,
        &stated.updated_at,
    )?
    .with_screening(rules, destinations, &record);
    rebuilt.tool = stated.tool.clone();
    rebuilt.fingerprint = rebuilt.compute_fingerprint();
    Ok(rebuilt)
}

/// The report with the fields its original schema did not seal blanked
/// (as migration reads them), so that only what was sealed is compared.
fn comparable(mut r: Report, schema: u32) -> Report {
    if schema <= 3 {
        for rule in &mut r.decided_by {
            rule.provenance = None;
            rule.unconfirmed = None;
        }
        for f in &mut r.findings {
            f.provenance = None;
        }
        r.destination_facts.clear();
        r.sanctions_grounds.clear();
        r.score.note.clear();
    }
    if schema <= 1 {
        r.lang = Lang::En;
        r.undecided = false;
    }
    r
}

fn compare(stated: &Report, rebuilt: &Report) -> Vec<Difference> {
    let mut out = Vec::new();
    if stated.outcome != rebuilt.outcome {
        out.push(Difference::Outcome {
            stated: stated.outcome,
            recomputed: rebuilt.outcome,
        });
    }
    let has = |r: &Report, id: &str| r.findings.iter().any(|f| f.id == id);
    let only = |a: &Report, b: &Report| {
        let mut ids: Vec<String> = Vec::new();
        for f in a.findings.iter().filter(|f| !has(b, &f.id)) {
            if !ids.contains(&f.id) {
                ids.push(f.id.clone());
            }
        }
        ids
    };
    let (only_stated, only_recomputed) = (only(stated, rebuilt), only(rebuilt, stated));
    if !only_stated.is_empty() || !only_recomputed.is_empty() {
        out.push(Difference::Findings {
            only_stated,
            only_recomputed,
        });
    }
    // The findings both have must agree in order, kind, weight and texts.
    let common = |a: &Report, b: &Report| {
        a.findings
            .iter()
            .filter(|f| has(b, &f.id))
            .cloned()
            .collect::<Vec<_>>()
    };
    if common(stated, rebuilt) != common(rebuilt, stated) {
        out.push(Difference::Field {
            name: "findings".into(),
        });
    }
    if stated.score.total != rebuilt.score.total {
        out.push(Difference::Score {
            stated: stated.score.total,
            recomputed: rebuilt.score.total,
        });
    }
    if stated.score.categories != rebuilt.score.categories
        || stated.score.note != rebuilt.score.note
    {
        out.push(Difference::Field {
            name: "score".into(),
        });
    }
    // Every other sealed field, by its JSON form: a field added to the
    // report later is compared without being listed here.
    let (Value::Object(a), Value::Object(b)) = (stated.to_value(), rebuilt.to_value()) else {
        return out;
    };
    let mut names: Vec<&String> = a.keys().chain(b.keys()).collect();
    names.sort();
    names.dedup();
    for name in names {
        if matches!(
            name.as_str(),
            "fingerprint" | "outcome" | "findings" | "score"
        ) {
            continue;
        }
        if a.get(name) != b.get(name) {
            out.push(Difference::Field { name: name.clone() });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::answers::load_answers;
    use crate::core::screening::record::{self, ScreeningRecord};

    const ART5_2: &str =
        include_str!("../../tests/scenarios/018-notify-art5-2-egypt-emotion-recognition.json");

    fn context() -> (RuleSet, Destinations) {
        (
            RuleSet::eu_default().unwrap().clone(),
            Destinations::builtin().unwrap(),
        )
    }

    /// The report `export-assessor report` writes for an answers file.
    fn report_for(scenario: &str, rules: &RuleSet, dest: &Destinations, lang: Lang) -> Report {
        let doc: Value = serde_json::from_str(scenario).unwrap();
        let bytes = serde_json::to_vec(&serde_json::json!({ "answers": doc["answers"] })).unwrap();
        let answers = load_answers(&bytes, rules, dest).unwrap();
        let record: ScreeningRecord = record::from_answers_file(&bytes).unwrap();
        let effective = decisions::effective_answers(rules, dest, &answers, &record);
        let a = evaluate(rules, dest, &effective);
        Report::build(
            rules,
            dest,
            &effective,
            &a,
            lang,
            "2026-12-03T09:00:00Z",
            "2026-12-03T10:30:00Z",
        )
        .unwrap()
        .with_screening(rules, dest, &record)
    }

    fn reseal(v: &mut Value) -> Vec<u8> {
        v["fingerprint"] = Value::String(report::fingerprint(v));
        serde_json::to_vec_pretty(v).unwrap()
    }

    fn sample() -> (RuleSet, Destinations, Value) {
        let (rules, dest) = context();
        let report = report_for(ART5_2, &rules, &dest, Lang::En);
        let value = report.to_value();
        (rules, dest, value)
    }

    #[test]
    fn a_report_rebuilds_byte_for_byte_and_audits_clean() {
        // Every scenario is audited through the CLI in tests/cli.rs.
        let (rules, dest) = context();
        for lang in Lang::ALL {
            let bytes = report_for(ART5_2, &rules, &dest, lang).to_json_pretty();
            let read = report::verify(bytes.as_bytes()).unwrap().report;
            let again = rebuild(&rules, &dest, &read, read.lang).unwrap();
            assert_eq!(again.to_json_pretty(), bytes, "{}", lang.code());
            let a = audit(bytes.as_bytes(), &rules, &dest).unwrap();
            assert!(a.holds(), "{}", lang.code());
            assert_eq!(a.consistency, Consistency::Checked(vec![]));
        }
    }

    #[test]
    fn an_edited_and_resealed_report_names_each_difference() {
        let (rules, dest, value) = sample();
        let findings = |v: &Value| -> Vec<String> {
            v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["id"].as_str().unwrap().to_string())
                .collect()
        };
        type Edit = Box<dyn Fn(&mut Value)>;
        let cases: Vec<(&str, Edit, Vec<Difference>)> = vec![
            (
                "outcome",
                Box::new(|v| v["outcome"] = "proceed_documented".into()),
                vec![Difference::Outcome {
                    stated: Outcome::ProceedDocumented,
                    recomputed: Outcome::NotifyAuthority,
                }],
            ),
            (
                "a removed finding",
                Box::new(|v| {
                    v["findings"].as_array_mut().unwrap().remove(0);
                }),
                vec![Difference::Findings {
                    only_stated: vec![],
                    only_recomputed: vec![findings(&value)[0].clone()],
                }],
            ),
            (
                "the score",
                Box::new(|v| v["score"]["total"] = 3.into()),
                vec![Difference::Score {
                    stated: 3,
                    recomputed: value["score"]["total"].as_u64().unwrap() as u32,
                }],
            ),
            (
                "a finding's text",
                Box::new(|v| v["findings"][0]["explanation"] = "harmless".into()),
                vec![Difference::Field {
                    name: "findings".into(),
                }],
            ),
            (
                "the next steps",
                Box::new(|v| v["next_steps"] = serde_json::json!([])),
                vec![Difference::Field {
                    name: "next_steps".into(),
                }],
            ),
            (
                "another tool",
                Box::new(|v| v["tool"] = "export-assessor 9.9.9".into()),
                vec![],
            ),
        ];
        for (what, edit, expected) in cases {
            let mut v = value.clone();
            edit(&mut v);
            let a = audit(&reseal(&mut v), &rules, &dest).unwrap();
            assert!(a.verification.holds(), "{what}: resealed");
            assert_eq!(
                a.consistency,
                Consistency::Checked(expected.clone()),
                "{what}"
            );
            assert_eq!(a.holds(), expected.is_empty(), "{what}");
        }
    }

    #[test]
    fn an_edit_without_resealing_lists_the_fingerprint_first() {
        let (rules, dest, mut value) = sample();
        value["outcome"] = "escalate".into();
        let a = audit(&serde_json::to_vec(&value).unwrap(), &rules, &dest).unwrap();
        let d = a.differences();
        assert!(
            matches!(&d[0], Difference::Fingerprint { stated, computed } if stated != computed)
        );
        assert_eq!(
            d[1],
            Difference::Outcome {
                stated: Outcome::Escalate,
                recomputed: Outcome::NotifyAuthority
            }
        );
        assert!(!a.holds());
    }

    #[test]
    fn a_report_under_other_versions_is_checked_by_its_fingerprint_only() {
        let (rules, dest, mut value) = sample();
        value["rule_set"]["version"] = "0.9.0".into();
        value["outcome"] = "proceed_documented".into();
        let a = audit(&reseal(&mut value), &rules, &dest).unwrap();
        assert!(a.holds());
        assert_eq!(
            a.consistency,
            Consistency::HashOnly {
                named: versions(&rules.id, "0.9.0", &dest.as_of),
                carried: versions(&rules.id, &rules.version, &dest.as_of),
            }
        );
        value["destination_data_as_of"] = "1999-01-01".into();
        value["rule_set"]["version"] = rules.version.clone().into();
        let a = audit(&reseal(&mut value), &rules, &dest).unwrap();
        assert!(matches!(a.consistency, Consistency::HashOnly { .. }));
    }

    #[test]
    fn answers_the_tool_would_not_seal_are_a_difference() {
        let (rules, dest, value) = sample();
        let report = Report::from_value(&value).unwrap();
        // An answer to a question the answers hide is not part of a record.
        let a = evaluate(&rules, &dest, &report.answers);
        let hidden = rules
            .questions
            .iter()
            .find(|q| {
                !a.is_visible(&rules, &q.id)
                    && matches!(q.kind, crate::core::ruleset::QuestionKind::YesNo)
            })
            .unwrap();
        let mut v = value.clone();
        v["answers"][&hidden.id] = "yes".into();
        let a = audit(&reseal(&mut v), &rules, &dest).unwrap();
        assert_eq!(
            a.consistency,
            Consistency::Checked(vec![Difference::Field {
                name: "answers".into()
            }]),
            "{}",
            hidden.id
        );
        // An answer changed and resealed changes what the rules give.
        let mut v = value.clone();
        v["answers"]["aware_art5_2"] = "no".into();
        let a = audit(&reseal(&mut v), &rules, &dest).unwrap();
        assert!(a
            .differences()
            .iter()
            .any(|d| matches!(d, Difference::Outcome { .. })));
    }

    #[test]
    fn old_schemas_are_compared_on_what_they_sealed() {
        let (rules, dest, value) = sample();
        let mut v = value.clone();
        let m = v.as_object_mut().unwrap();
        m.remove("destination_facts");
        m.remove("sanctions_grounds");
        m["score"].as_object_mut().unwrap().remove("note");
        for list in ["decided_by", "findings"] {
            for x in m[list].as_array_mut().unwrap() {
                x.as_object_mut().unwrap().remove("provenance");
            }
        }
        for x in m["decided_by"].as_array_mut().unwrap() {
            x.as_object_mut().unwrap().remove("unconfirmed");
        }
        v["schema_version"] = 3.into();
        let a = audit(&reseal(&mut v), &rules, &dest).unwrap();
        assert_eq!(a.consistency, Consistency::Checked(vec![]));
        v["outcome"] = "escalate".into();
        let a = audit(&reseal(&mut v), &rules, &dest).unwrap();
        assert!(!a.holds());
    }

    #[test]
    fn a_schema_1_report_is_compared_in_the_language_it_was_written_in() {
        let (rules, dest) = context();
        let report = report_for(ART5_2, &rules, &dest, Lang::De);
        let mut v = report.to_value();
        let m = v.as_object_mut().unwrap();
        for key in [
            "schema_version",
            "rule_set",
            "created_at",
            "updated_at",
            "lang",
            "undecided",
            "screening",
        ] {
            m.remove(key);
        }
        m.insert("schema".into(), 1.into());
        m.insert("ruleset_id".into(), rules.id.clone().into());
        m.insert("ruleset_version".into(), rules.version.clone().into());
        m.insert("timestamp".into(), "2026-12-03T09:00:00Z".into());
        let a = audit(&reseal(&mut v), &rules, &dest).unwrap();
        assert_eq!(a.verification.original_schema, 1);
        assert_eq!(a.consistency, Consistency::Checked(vec![]));
        v["next_steps"][0] = "Nichts tun.".into();
        let a = audit(&reseal(&mut v), &rules, &dest).unwrap();
        assert_eq!(
            a.consistency,
            Consistency::Checked(vec![Difference::Field {
                name: "next_steps".into()
            }])
        );
    }
}
