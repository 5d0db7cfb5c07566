//! Bad input for every loader: malformed, truncated, huge and mistyped files
//! give a precise error (where, what, what to do) and never a panic.

use export_assessor::core::answers::load_answers;
use export_assessor::core::evaluate::evaluate;
use export_assessor::core::report::{verify, Report};
use export_assessor::core::ruleset::{DEFAULT_JSON, SCHEMA_VERSION};
use export_assessor::core::{Destinations, Lang, LoadError, RuleSet};
use serde_json::{json, Value};

fn rules() -> RuleSet {
    RuleSet::eu_default().expect("built-in rule set").clone()
}
fn dest() -> Destinations {
    Destinations::builtin().expect("built-in destination data")
}

/// One helper per area: `check` asserts that loading fails and that the
/// error names the expected location and problem.
fn check(result: Result<impl std::fmt::Debug, LoadError>, location: &str, problem: &str) {
    let err = result.expect_err("the input must be rejected");
    assert!(
        err.location.contains(location),
        "location {:?} should contain {location:?} ({err})",
        err.location
    );
    assert!(
        err.problem.contains(problem),
        "problem {:?} should contain {problem:?} ({err})",
        err.problem
    );
    assert!(!err.fix.is_empty(), "every error says what to do: {err}");
}

fn default_value() -> Value {
    serde_json::from_str(DEFAULT_JSON).unwrap()
}

fn load_value(v: &Value) -> Result<RuleSet, LoadError> {
    RuleSet::load(serde_json::to_string(v).unwrap().as_bytes())
}

// ── rule set ────────────────────────────────────────────────────────────

#[test]
fn the_default_rule_set_and_its_german_catalogue_load() {
    let r = rules();
    assert_eq!(r.id, "eu-2021-821-art5");
    assert_eq!(r.schema_version, SCHEMA_VERSION);
    let mut untranslated = Vec::new();
    let mut copy = r.clone();
    for (key, text) in copy.texts_mut() {
        if text.de.is_none() {
            untranslated.push(key);
        }
    }
    assert!(
        untranslated.is_empty(),
        "texts without German: {untranslated:?}"
    );
}

#[test]
fn rule_set_syntax_and_truncation_errors_give_a_position() {
    check(RuleSet::load(b""), "line 1", "EOF");
    check(RuleSet::load(b"{"), "line 1", "EOF");
    check(RuleSet::load(b"[]"), "line 1", "must be a JSON object");
    check(
        load_answers(b"{\"answers\": {}} trailing", &rules(), &dest()),
        "line 1",
        "more text",
    );
    check(RuleSet::load(&[0xff, 0xfe, b'{']), "byte 0", "not UTF-8");
    // Cut the real file at many points: always an error, never a panic.
    let bytes = DEFAULT_JSON.as_bytes();
    for cut in (1..bytes.len()).step_by(997) {
        let err = RuleSet::load(&bytes[..cut]).expect_err("a truncated rule set must be rejected");
        assert!(err.location.contains("line"), "{err}");
    }
}

#[test]
fn a_huge_rule_set_is_refused_before_parsing() {
    let huge = vec![b' '; 3 * 1024 * 1024];
    check(RuleSet::load(&huge), "whole file", "bytes");
}

#[test]
fn mistyped_fields_are_reported_by_path() {
    let mut v = default_value();
    v["questions"][3]["required"] = json!("yes");
    check(load_value(&v), "questions[3].required", "invalid type");
    let mut v = default_value();
    v["questions"][0]["kind"] = json!({ "type": "slider" });
    check(load_value(&v), "questions[0].kind", "unknown variant");
    let mut v = default_value();
    v["findings"][2]["when"] = json!({ "iss": { "q": "x", "v": "y" } });
    check(load_value(&v), "findings[2].when", "unknown variant");
    let mut v = default_value();
    v["surprise"] = json!(1);
    check(load_value(&v), "", "unknown field");
}

#[test]
fn semantic_errors_name_the_rule_and_the_fix() {
    let mut v = default_value();
    v["questions"][1]["id"] = v["questions"][0]["id"].clone();
    check(
        load_value(&v),
        "questions[\"exporter_member_state\"]",
        "used twice",
    );

    let mut v = default_value();
    v["findings"][0]["when"] = json!({ "is": { "q": "no_such_question", "v": "yes" } });
    check(
        load_value(&v),
        "findings[\"intra_eu\"].when.is.q",
        "no question has the id",
    );

    let mut v = default_value();
    v["findings"][0]["when"] = json!({ "is": { "q": "cs_covert", "v": "perhaps" } });
    check(
        load_value(&v),
        "findings[\"intra_eu\"].when.is.v",
        "not a possible answer",
    );

    let mut v = default_value();
    v["score"]["categories"][0]["weight"] = json!(50);
    check(load_value(&v), "score.categories", "add up to 125");

    let mut v = default_value();
    v["outcomes"][0]["outcome"] = json!("incomplete");
    check(load_value(&v), "outcome", "decided by the engine");

    let mut v = default_value();
    v["findings"][0]["explanation"] = json!("Ask {regulator}.");
    check(load_value(&v), "explanation", "unknown placeholder");

    // A finding that reads itself through another: a cycle.
    let mut v = default_value();
    let idx = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .position(|f| f["id"] == "cs_item")
        .unwrap();
    v["findings"][idx]["when"] = json!({ "finding": "cs_unclear" });
    check(load_value(&v), "finding", "circular dependency");

    // A required question shown by an optional one.
    let mut v = default_value();
    let idx = v["questions"]
        .as_array()
        .unwrap()
        .iter()
        .position(|q| q["id"] == "item_name")
        .unwrap();
    v["questions"][idx]["show_if"] = json!({ "answered": "consignee_name" });
    check(
        load_value(&v),
        "questions[\"item_name\"].show_if",
        "optional question \"consignee_name\"",
    );
}

#[test]
fn deeply_nested_conditions_are_an_error_not_a_stack_overflow() {
    let mut cond = json!({ "dest": "eu_member" });
    for _ in 0..40 {
        cond = json!({ "not": cond });
    }
    let mut v = default_value();
    v["findings"][0]["when"] = cond;
    check(load_value(&v), "findings[\"intra_eu\"].when", "nested");
    // Deeper than the JSON parser's own limit: still an error.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(RuleSet::load(deep.as_bytes()).is_err());
}

#[test]
fn a_company_extension_adds_questions_flags_and_weights() {
    let base = rules();
    let ext = json!({
        "extends": "eu-2021-821-art5",
        "id": "acme-export-rules",
        "version": "2026.1",
        "questions": [{
            "id": "acme_board_approval", "section": "mitigation", "required": true,
            "kind": { "type": "yes_no" },
            "text": "Has the board approved sales to this end-user?",
            "help": "Acme policy 7.2.", "citation": "Acme export policy 7.2", "provenance": "practice"
        }],
        "findings": [{
            "id": "acme_no_board_approval", "kind": "red_flag", "category": "end_user", "weight": 25,
            "when": { "is": { "q": "acme_board_approval", "v": "no" } },
            "title": "No board approval", "explanation": "Acme requires board approval.", "citation": "Acme export policy 7.2", "provenance": "practice"
        }],
        "weights": { "categories": { "item": 30, "destination": 15 }, "findings": { "rf_marketed_covert": 50 } }
    });
    let merged = base.extended_with(ext.to_string().as_bytes()).unwrap();
    assert_eq!(merged.id, "acme-export-rules");
    assert!(merged.version.contains("2026.1") && merged.version.contains(&base.version));
    assert_eq!(merged.finding("rf_marketed_covert").unwrap().weight, 50);
    assert_eq!(merged.category("item").unwrap().weight, 30);

    let answers = load_answers(
        json!({ "answers": { "destination_country": "FR", "acme_board_approval": "no" } })
            .to_string()
            .as_bytes(),
        &merged,
        &dest(),
    )
    .unwrap();
    let a = evaluate(&merged, &dest(), &answers);
    assert!(a.finding("acme_no_board_approval").is_some());

    // The base rule set does not know the company's question.
    check(
        load_answers(
            json!({ "answers": { "acme_board_approval": "no" } })
                .to_string()
                .as_bytes(),
            &base,
            &dest(),
        ),
        "answers.acme_board_approval",
        "has no question",
    );
}

#[test]
fn bad_extensions_are_refused_with_the_reason() {
    let base = rules();
    let ext = |extra: Value| {
        let mut e = json!({ "extends": "eu-2021-821-art5", "id": "acme", "version": "1" });
        e.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        base.extended_with(e.to_string().as_bytes())
    };
    check(
        base.extended_with(br#"{"extends": "other", "id": "x", "version": "1"}"#),
        "extends",
        "this extension is for \"other\"",
    );
    check(
        ext(
            json!({ "questions": [ { "id": "item_name", "section": "transaction", "required": false, "kind": {"type": "yes_no"}, "text": "t", "help": "h", "citation": "c", "provenance": "practice" } ] }),
        ),
        "questions[0].id",
        "already exists",
    );
    check(
        ext(
            json!({ "questions": [ { "id": "acme_q", "section": "transaction", "required": false, "kind": {"type": "yes_no"}, "text": "t", "help": "h", "citation": "c" } ] }),
        ),
        "questions[0]",
        "missing field `provenance`",
    );
    check(
        ext(
            json!({ "questions": [ { "id": "acme_q", "section": "transaction", "required": false, "kind": {"type": "yes_no"}, "text": "t", "help": "h", "citation": "c", "provenance": "unconfirmed" } ] }),
        ),
        "questions[\"acme_q\"].unconfirmed",
        "nothing says what is unconfirmed",
    );
    check(
        ext(
            json!({ "questions": [ { "id": "acme_q", "section": "transaction", "required": false, "kind": {"type": "yes_no"}, "text": "t", "help": "h", "citation": "c", "provenance": "confirmed", "unconfirmed": "x" } ] }),
        ),
        "questions[\"acme_q\"].unconfirmed",
        "marked confirmed",
    );
    check(
        ext(json!({ "weights": { "categories": { "item": 4294967295u32 } } })),
        "score.categories[0].weight",
        "overflow",
    );
    check(
        ext(json!({ "weights": { "categories": { "item": 99 } } })),
        "score.categories",
        "add up to",
    );
    check(
        ext(json!({ "weights": { "findings": { "nope": 3 } } })),
        "weights.findings.nope",
        "no finding",
    );
    check(
        ext(
            json!({ "findings": [ { "id": "x1", "kind": "red_flag", "category": "end_user", "weight": 10, "when": { "finding": "x1" }, "title": "t", "explanation": "e", "citation": "c", "provenance": "practice" } ] }),
        ),
        "finding \"x1\"",
        "circular",
    );
}

// ── destination data ───────────────────────────────────────────────────

fn dest_value() -> Value {
    serde_json::from_str(export_assessor::core::destinations::DEFAULT_JSON).unwrap()
}
fn load_dest(v: &Value) -> Result<Destinations, LoadError> {
    Destinations::load(serde_json::to_string(v).unwrap().as_bytes())
}

#[test]
fn the_destination_data_covers_every_country_with_sources() {
    let d = dest();
    assert_eq!(d.countries.len(), 249, "every ISO 3166-1 country");
    assert_eq!(d.eu_members().count(), 27);
    for c in d.eu_members() {
        assert!(
            c.competent_authority.is_some(),
            "{} has no authority",
            c.code
        );
    }
    use export_assessor::core::destinations::{BanKind, MonitoringKind, Status};
    for c in d.eu_members() {
        assert!(
            c.sanctions_authority.is_some(),
            "{} has no sanctions authority",
            c.code
        );
    }
    // As the consolidated texts read (legal confirmations of 2026-12-02).
    let authority = |code: &str| {
        d.country(code)
            .unwrap()
            .competent_authority
            .clone()
            .unwrap()
    };
    assert!(authority("PT").name.contains("Autoridade Tributária"));
    for (code, status) in [
        ("PT", Status::Confirmed),
        ("IT", Status::Confirmed),
        ("NL", Status::Confirmed),
        ("AT", Status::Unconfirmed),
        ("SI", Status::Secondary),
        ("HR", Status::Secondary),
        ("GR", Status::Unconfirmed),
    ] {
        assert_eq!(authority(code).status, status, "{code}");
    }
    // All six monitoring regimes are prior authorisation; Syria's status after May 2025 is unconfirmed.
    for (code, article, annex) in [
        ("IR", "Art. 1b", "Annex IV"),
        ("SY", "Art. 4", "Annex V"),
        ("MM", "Art. 3b", "Annex III"),
        ("VE", "Art. 6", "Annex II"),
        ("BY", "Art. 1c", "Annex IV"),
        ("RU", "Art. 3", "Annex II"),
    ] {
        let m = d.country(code).unwrap().monitoring_regime.clone().unwrap();
        assert_eq!(
            (m.article.as_str(), m.annex.as_str()),
            (article, annex),
            "{code}"
        );
        assert_eq!(
            m.kind,
            if code == "SY" {
                MonitoringKind::Unclear
            } else {
                MonitoringKind::Authorisation
            },
            "{code}"
        );
        assert_eq!(
            m.status,
            if code == "SY" {
                Status::Unconfirmed
            } else {
                Status::Confirmed
            },
            "{code}"
        );
        assert!(
            !m.refusal_test.is_blank() && m.refusal_test.de.is_some(),
            "{code}"
        );
    }
    let ban = |code: &str| d.country(code).unwrap().dual_use_ban.clone().unwrap();
    assert_eq!(
        (
            ban("BY").kind,
            ban("BY").article.as_str(),
            ban("BY").cyber_security_exception
        ),
        (BanKind::General, "Art. 1e", true)
    );
    assert_eq!(
        (
            ban("RU").kind,
            ban("RU").article.as_str(),
            ban("RU").cyber_security_exception
        ),
        (BanKind::General, "Art. 2", false)
    );
    assert_eq!(
        (ban("MM").kind, ban("MM").article.as_str()),
        (BanKind::Conditional, "Art. 3a")
    );
    // OSCE embargoes are arms embargoes (Art. 2(19)); political declarations are not.
    use export_assessor::core::destinations::DestFact;
    assert!(
        d.country("AM").unwrap().has(DestFact::ArmsEmbargo)
            && d.country("AZ").unwrap().has(DestFact::ArmsEmbargo)
    );
    assert!(
        !d.country("CN").unwrap().has(DestFact::ArmsEmbargo)
            && d.country("CN").unwrap().has(DestFact::ArmsEmbargoOther)
    );
}

#[test]
fn bad_monitoring_regimes_and_list_bases_are_refused() {
    let by = |v: &Value| {
        v["countries"]
            .as_array()
            .unwrap()
            .iter()
            .position(|c| c["code"] == "BY")
            .unwrap()
    };
    let mut v = dest_value();
    let i = by(&v);
    v["countries"][i]["monitoring_regime"]["article"] = json!(" ");
    check(load_dest(&v), "monitoring_regime.article", "empty");
    let mut v = dest_value();
    v["countries"][i]["monitoring_regime"]["refusal_test"] = json!("");
    check(
        load_dest(&v),
        "monitoring_regime.refusal_test",
        "refusal test is empty",
    );
    let mut v = dest_value();
    v["countries"][i]["monitoring_regime"]["kind"] = json!("ban");
    check(load_dest(&v), "kind", "unknown variant");
    let mut v = dest_value();
    v["countries"][i]["sanctions_authority"] =
        json!({ "name": "x", "status": "confirmed", "note": null, "sources": [] });
    check(load_dest(&v), "sanctions_authority", "outside the EU");
    let mut v = dest_value();
    v["list_bases"][0]["list"] = json!("xml");
    check(load_dest(&v), "list_bases[0].list", "not a list format");
    let mut v = dest_value();
    let dup = v["list_bases"][0].clone();
    v["list_bases"].as_array_mut().unwrap().push(dup);
    check(load_dest(&v), "list_bases", "also appear");
}

#[test]
fn bad_destination_data_is_refused_precisely() {
    check(
        Destinations::load(b"{\"schema_version\": 1, \"as_of\": \"2026"),
        "line 1",
        "EOF",
    );
    check(
        Destinations::load(&vec![b' '; 5 * 1024 * 1024]),
        "whole file",
        "bytes",
    );
    let mut v = dest_value();
    v["as_of"] = json!("25.11.2026");
    check(load_dest(&v), "as_of", "not a date");
    let mut v = dest_value();
    v["as_of"] = json!("2026-02-30");
    check(load_dest(&v), "as_of", "not a date");
    let mut v = dest_value();
    v["countries"][1]["code"] = v["countries"][0]["code"].clone();
    check(load_dest(&v), "countries[1]", "also appears");
    let mut v = dest_value();
    let de = v["countries"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["code"] == "DE")
        .unwrap();
    v["countries"][de]["competent_authority"] = Value::Null;
    check(load_dest(&v), "code \"DE\"", "no competent authority");
    let mut v = dest_value();
    v["countries"][de]["sources"] = json!(["R999"]);
    check(
        load_dest(&v),
        "code \"DE\"",
        "source \"R999\" is not defined",
    );
    let mut v = dest_value();
    v["countries"][0]["eu_member"] = json!("no");
    check(load_dest(&v), "countries[0].eu_member", "invalid type");
    let mut v = dest_value();
    v["schema_version"] = json!(7);
    check(load_dest(&v), "schema_version", "not supported");
}

#[test]
fn an_updated_destination_file_can_be_imported() {
    let mut v = dest_value();
    v["as_of"] = json!("2027-01-15");
    let d = load_dest(&v).unwrap();
    assert_eq!(d.as_of, "2027-01-15");
    // Round trip through the export format.
    let again = Destinations::load(d.to_json().as_bytes()).unwrap();
    assert_eq!(again.countries, d.countries);
}

// ── answers ─────────────────────────────────────────────────────────────

#[test]
fn bad_answers_are_refused_precisely() {
    let (r, d) = (rules(), dest());
    check(
        load_answers(b"{\"answers\": {\"item_name\": 3}}", &r, &d),
        "answers.item_name",
        "",
    );
    check(
        load_answers(b"{\"answers\": {\"cs_covert\": \"perhaps\"}}", &r, &d),
        "answers.cs_covert",
        "not a possible answer",
    );
    check(
        load_answers(
            b"{\"answers\": {\"exporter_member_state\": \"US\"}}",
            &r,
            &d,
        ),
        "answers.exporter_member_state",
        "not a possible answer",
    );
    check(
        load_answers(
            b"{\"answers\": {\"diversion\": [\"none\", \"intermediaries\"]}}",
            &r,
            &d,
        ),
        "answers.diversion",
        "not a possible answer",
    );
    check(
        load_answers(b"{}", &r, &d),
        "line 1",
        "missing field `answers`",
    );
    check(load_answers(b"{\"answers\": ", &r, &d), "line 1", "EOF");
}

// ── reports ─────────────────────────────────────────────────────────────

fn sample_report() -> Report {
    let (r, d) = (rules(), dest());
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scenarios/001-proceed-cs-item-no-red-flags.json"
    ))
    .unwrap();
    let answers = load_answers(&text, &r, &d).unwrap();
    let a = evaluate(&r, &d, &answers);
    Report::build(
        &r,
        &d,
        &answers,
        &a,
        Lang::De,
        "2026-11-25T09:00:00Z",
        "2026-11-25T09:30:00Z",
    )
    .unwrap()
}

#[test]
fn a_report_verifies_and_any_one_byte_change_is_caught() {
    let report = sample_report();
    let bytes = report.to_json_pretty().into_bytes();
    let v = verify(&bytes).unwrap();
    assert!(v.holds());
    assert_eq!(v.original_schema, 4);
    // Schema 4 carries the provenance, the destination facts' acts and the score note.
    let r = &v.report;
    assert!(
        r.decided_by.iter().all(|x| x.provenance.is_some())
            && r.findings.iter().all(|x| x.provenance.is_some())
    );
    assert!(!r.score.note.is_empty());
    let mut missed = Vec::new();
    for i in 0..bytes.len() {
        let mut changed = bytes.clone();
        changed[i] ^= 0x01;
        if let Ok(v) = verify(&changed) {
            if v.holds() {
                missed.push(i);
            }
        }
    }
    assert!(
        missed.is_empty(),
        "one-byte changes at {missed:?} were not caught"
    );
}

#[test]
fn reports_keep_their_fingerprint_through_reformatting() {
    // The fingerprint covers the content, not the layout.
    let report = sample_report();
    let compact = serde_json::to_string(&report.to_value()).unwrap();
    assert!(verify(compact.as_bytes()).unwrap().holds());
    // serde_json's own layout of the same content verifies too.
    let relaid: serde_json::Value = serde_json::from_str(&report.to_json_pretty()).unwrap();
    assert!(verify(serde_json::to_string(&relaid).unwrap().as_bytes())
        .unwrap()
        .holds());
}

/// Seals an edited report value again, as its writer would have, and
/// verifies it: the fingerprint holds, and after migration the report
/// carries the fingerprint of its migrated form.
fn reseal_and_verify(v: &mut Value) -> export_assessor::core::report::Verification {
    let as_json = v.clone();
    v["fingerprint"] = json!(export_assessor::core::report::fingerprint(&as_json));
    let checked = verify(v.to_string().as_bytes()).unwrap();
    assert!(checked.holds());
    assert_eq!(
        checked.report.fingerprint,
        checked.report.compute_fingerprint()
    );
    checked
}

#[test]
fn a_schema_1_report_is_verified_and_migrated() {
    let report = sample_report();
    let mut v: serde_json::Value = serde_json::from_str(&report.to_json_pretty()).unwrap();
    let m = v.as_object_mut().unwrap();
    m.remove("schema_version");
    m.remove("rule_set");
    m.remove("created_at");
    m.remove("updated_at");
    m.remove("lang");
    m.remove("undecided");
    m.remove("screening");
    m.insert("schema".into(), json!(1));
    m.insert("ruleset_id".into(), json!(report.rule_set.id));
    m.insert("ruleset_version".into(), json!(report.rule_set.version));
    m.insert("timestamp".into(), json!("2026-01-02T03:04:05Z"));
    let checked = reseal_and_verify(&mut v);
    assert_eq!(checked.original_schema, 1);
    assert_eq!(checked.report.schema_version, 4);
    assert_eq!(checked.report.rule_set, report.rule_set);
    assert_eq!(checked.report.created_at, "2026-01-02T03:04:05Z");
    assert_eq!(checked.report.lang, Lang::En);
    assert_eq!(checked.report.outcome, report.outcome);
}

#[test]
fn a_schema_2_report_is_verified_and_migrated() {
    // Schema 2 was schema 3 without the screening record.
    let report = sample_report();
    let mut v: serde_json::Value = serde_json::from_str(&report.to_json_pretty()).unwrap();
    v.as_object_mut().unwrap().remove("screening");
    v["schema_version"] = json!(2);
    let checked = reseal_and_verify(&mut v);
    assert_eq!(
        (checked.original_schema, checked.report.schema_version),
        (2, 4)
    );
    assert_eq!(checked.report.screening, None);
    assert_eq!(checked.report.outcome, report.outcome);
    // A schema-2 file that claims a screening record is not what schema 2 wrote,
    // but reads the same way; a damaged record is refused precisely.
    v["screening"] = json!({ "lists": "x" });
    let e = verify(v.to_string().as_bytes()).unwrap_err();
    assert!(e.to_string().contains("screening.lists"), "{e}");
}

#[test]
fn a_schema_3_report_is_verified_and_migrated() {
    // Schema 3 had no provenance, destination facts, grounds or score note.
    let report = sample_report();
    let mut v: serde_json::Value = serde_json::from_str(&report.to_json_pretty()).unwrap();
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
    v["schema_version"] = json!(3);
    let checked = reseal_and_verify(&mut v);
    assert_eq!(
        (checked.original_schema, checked.report.schema_version),
        (3, 4)
    );
    assert!(
        checked
            .report
            .findings
            .iter()
            .all(|f| f.provenance.is_none()),
        "a migrated report does not invent provenance"
    );
    assert!(checked.report.destination_facts.is_empty() && checked.report.score.note.is_empty());
    // A bad source class is refused with its path.
    let mut bad: serde_json::Value = serde_json::from_str(&report.to_json_pretty()).unwrap();
    bad["findings"][0]["provenance"] = json!("binding");
    check(
        verify(bad.to_string().as_bytes()),
        "findings[0].provenance",
        "unknown variant `binding`",
    );
}

#[test]
fn bad_reports_are_refused_precisely() {
    check(verify(b"[1,2]"), "top level", "expected an object");
    check(
        verify(b"{\"fingerprint\": \"x\"}"),
        "schema_version",
        "no schema version",
    );
    check(
        verify(b"{\"schema_version\": 9, \"fingerprint\": \"x\"}"),
        "schema_version",
        "not known",
    );
    check(
        verify(b"{\"schema_version\": 2}"),
        "fingerprint",
        "no fingerprint",
    );
    let mut v: serde_json::Value = serde_json::from_str(&sample_report().to_json_pretty()).unwrap();
    v["score"]["total"] = json!("high");
    check(
        verify(v.to_string().as_bytes()),
        "score.total",
        "expected u32",
    );
    check(verify(&vec![b' '; 17 * 1024 * 1024]), "whole file", "bytes");
    let text = sample_report().to_json_pretty();
    check(
        verify(&text.as_bytes()[..text.len() / 2]),
        "line",
        "EOF while parsing",
    );
    check(
        Report::build(
            &rules(),
            &dest(),
            &Default::default(),
            &evaluate(&rules(), &dest(), &Default::default()),
            Lang::En,
            "",
            "x",
        ),
        "created_at",
        "not a usable timestamp",
    );
}

#[test]
fn the_eu_rule_set_is_complete_in_german_versioned_and_sourced() {
    let mut r = rules();
    // Every text has its German version.
    let untranslated: Vec<String> = r
        .texts_mut()
        .into_iter()
        .filter(|(_, t)| t.de.is_none())
        .map(|(k, _)| k)
        .collect();
    assert!(untranslated.is_empty(), "no German for {untranslated:?}");
    // The changelog's newest entry is this version, and says what, why and from which text.
    assert_eq!(
        r.changelog.first().map(|c| c.version.as_str()),
        Some(r.version.as_str())
    );
    assert!(r.changelog[0].changes.len() >= 10);
    // No rule cites the old catch-all "Destination facts (…)": destination-driven
    // rules name the act through a placeholder filled from the destination data.
    for f in &r.findings {
        assert!(!f.citation.en.starts_with("Destination facts"), "{}", f.id);
    }
    for o in &r.outcomes {
        assert!(!o.citation.en.starts_with("Destination facts"), "{}", o.id);
    }
    // No outcome rule prohibits through a monitoring regime: every prohibition
    // rests on a ban, a transit ban, Art. 5 of Reg. 2024/1485 or a confirmed match.
    use export_assessor::core::Outcome;
    let prohibiting: Vec<&str> = r
        .outcomes
        .iter()
        .filter(|o| o.outcome == Outcome::Prohibited)
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(
        prohibiting,
        [
            "prohibited_sanctioned_party",
            "prohibited_dual_use_ban",
            "prohibited_conditional_ban",
            "prohibited_transit",
            "prohibited_catch_all_repression"
        ]
    );
    // Every source class is used, and the secondary red flags say so.
    use export_assessor::core::SourceClass;
    for class in SourceClass::ALL {
        assert!(
            r.findings.iter().any(|f| f.provenance == class),
            "no finding is {}",
            class.name()
        );
    }
    for f in r.findings.iter().filter(|f| {
        f.kind == export_assessor::core::ruleset::FindingKind::RedFlag
            && f.provenance == SourceClass::Secondary
    }) {
        assert!(
            f.unconfirmed.is_some(),
            "{} is secondary but does not say what is unconfirmed",
            f.id
        );
    }
}

#[test]
fn category_weights_that_overflow_are_refused_with_their_path() {
    let mut v = default_value();
    v["score"]["categories"][0]["weight"] = json!(u32::MAX);
    check(load_value(&v), "score.categories[0].weight", "overflow");
    let mut v = default_value();
    v["score"]["categories"][1]["weight"] = json!(4_000_000_000u32);
    v["score"]["categories"][2]["weight"] = json!(4_000_000_000u32);
    check(
        load_value(&v),
        "score.categories[1].weight",
        "larger than 100",
    );
}

#[test]
fn duplicate_keys_in_a_report_are_refused_wherever_they_are() {
    let text = sample_report().to_json_pretty();
    // A second "outcome" at the top, and a second answer inside "answers".
    let dup_top = text.replacen(
        "\"outcome\":",
        "\"outcome\": \"prohibited\",\n  \"outcome\":",
        1,
    );
    check(
        verify(dup_top.as_bytes()),
        "line",
        "\"outcome\" appears twice",
    );
    let dup_answer = text.replacen(
        "\"item_name\":",
        "\"item_name\": \"x\",\n    \"item_name\":",
        1,
    );
    check(
        verify(dup_answer.as_bytes()),
        "line",
        "\"item_name\" appears twice",
    );
}

/// Anyone can check a fingerprint with a JSON canonicalizer (RFC 8785) and
/// SHA-256: here with a few lines of Python, as the README shows.
#[test]
fn another_language_reproduces_the_fingerprint() {
    let report = sample_report();
    let dir = std::env::temp_dir().join(format!("ea-jcs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("report.json");
    std::fs::write(&path, report.to_json_pretty()).unwrap();
    let script = r#"
import hashlib, json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
stated = report.pop("fingerprint")
canonical = json.dumps(report, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
print("sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest() == stated)
"#;
    match std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()
    {
        Ok(out) if out.status.success() => assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            "True",
            "{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        _ => eprintln!("python3 is not available here: the cross-language check is skipped"),
    }
}

// ── screening lists and lead files (issue 12: nothing dropped silently) ──

use export_assessor::core::screening::csv as sc_csv;
use export_assessor::core::screening::leads::read_leads;
use export_assessor::core::screening::lists::{load, ListFormat, ListWarning, SanctionsList};

fn screening_fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/screening/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn names_of(list: &SanctionsList) -> Vec<&str> {
    list.entries
        .iter()
        .flat_map(|e| e.names.iter().map(|a| a.name.as_str()))
        .collect()
}

/// A minimal EU FSF file with one entity whose `nameAlias` carries `attrs`.
fn eu_with(attrs: &str) -> Vec<u8> {
    format!(
        "<export generationDate=\"2026-01-01\">\n<sanctionEntity logicalId=\"7\">\n\
         <nameAlias wholeName=\"Good Name Ltd\"/>\n<nameAlias {attrs}/>\n</sanctionEntity>\n</export>\n"
    )
    .into_bytes()
}

#[test]
fn undecodable_names_are_loaded_with_a_replacement_and_counted() {
    for (attr, kept) in [
        ("wholeName=\"Bad &bogus; Trading\"", "Bad \u{FFFD} Trading"),
        ("wholeName=\"Nul &#0; Trading\"", "Nul \u{FFFD} Trading"),
        ("wholeName=\"Amp & Trading\"", "Amp \u{FFFD} Trading"),
    ] {
        let list = load(ListFormat::EuFsf, "eu.xml", &eu_with(attr), None)
            .unwrap_or_else(|e| panic!("{attr}: {e}"));
        assert!(
            names_of(&list).contains(&kept),
            "{attr}: {:?}",
            names_of(&list)
        );
        assert_eq!(
            list.warnings,
            vec![ListWarning::Undecodable {
                entries: 1,
                first: "entry 7, line 4".into()
            }],
            "{attr}"
        );
    }
    // Invalid UTF-8 inside a name, and a good entity beside a bad one.
    let mut bytes = eu_with("wholeName=\"Caf\u{e9} &amp; Bar\"");
    let at = bytes.windows(2).position(|w| w == "é".as_bytes()).unwrap();
    bytes.splice(at..at + 2, [0xe9]);
    let list = load(ListFormat::EuFsf, "eu.xml", &bytes, None).unwrap();
    assert!(
        names_of(&list).contains(&"Caf\u{FFFD} & Bar"),
        "{:?}",
        names_of(&list)
    );
    assert_eq!(list.warnings[0].count(), 1);
    // The UN format: names are texts, not attributes.
    let un = String::from_utf8(screening_fixture("un-mini.xml"))
        .unwrap()
        .replace("<ALIAS_NAME>Abu Khalil", "<ALIAS_NAME>Abu &unknown; Khalil")
        .replace("ZEUS TRADING", "ZEUS &#0; TRADING");
    let list = load(ListFormat::Un, "un.xml", un.as_bytes(), None).unwrap();
    assert_eq!(list.entries.len(), 2, "no entry is dropped");
    assert!(names_of(&list).contains(&"Abu \u{FFFD} Khalil"));
    assert_eq!(
        list.warnings,
        vec![ListWarning::Undecodable {
            entries: 2,
            first: "entry QDi.900, line 8".into()
        }]
    );
    for lang in Lang::ALL {
        let text = list.warnings[0].describe(lang);
        assert!(text.contains('2') && text.contains("QDi.900"), "{text}");
    }
    // A clean file has no warnings.
    let clean = load(
        ListFormat::Un,
        "un.xml",
        &screening_fixture("un-mini.xml"),
        None,
    )
    .unwrap();
    assert!(clean.warnings.is_empty(), "{:?}", clean.warnings);
    assert_eq!(clean.declared, None, "the UN file declares no count");
}

#[test]
fn entries_without_any_name_are_counted_not_dropped_silently() {
    let bytes = b"<export generationDate=\"x\">\n<sanctionEntity logicalId=\"1\"><nameAlias wholeName=\"A Ltd\"/></sanctionEntity>\n\
<sanctionEntity logicalId=\"2\"><nameAlias wholeName=\" \"/></sanctionEntity>\n</export>";
    let list = load(ListFormat::EuFsf, "eu.xml", bytes, None).unwrap();
    assert_eq!(list.entries.len(), 1);
    assert_eq!(
        list.warnings,
        vec![ListWarning::Nameless {
            entries: 1,
            first: "entry 2, line 3".into()
        }]
    );
}

#[test]
fn country_codes_are_two_ascii_letters_and_duplicate_attributes_are_refused() {
    let bytes = b"<export generationDate=\"x\">\n<sanctionEntity logicalId=\"1\"><nameAlias wholeName=\"A Ltd\"/>\n\
<citizenship countryIso2Code=\"\xc3\x9f\"/><address countryIso2Code=\"de\"/></sanctionEntity>\n</export>";
    let list = load(ListFormat::EuFsf, "eu.xml", bytes, None).unwrap();
    assert_eq!(list.entries[0].countries, vec!["DE".to_string()]);
    check(
        load(
            ListFormat::EuFsf,
            "eu.xml",
            &eu_with("wholeName=\"A\" strong=\"true\" wholeName=\"B\""),
            None,
        ),
        "eu.xml: line 4",
        "\"wholeName\" appears twice",
    );
    check(
        load(ListFormat::EuFsf, "eu.xml", &eu_with("wholeName=A"), None),
        "eu.xml: line 4",
        "malformed",
    );
}

/// Many attributes on one element, with or without a duplicate at the end.
fn many_attributes(n: usize, duplicate: bool) -> Vec<u8> {
    let mut attrs = String::with_capacity(n * 12);
    for i in 0..n {
        attrs.push_str(&format!(" a{i}=\"x\""));
    }
    if duplicate {
        attrs.push_str(" a7=\"y\"");
    }
    eu_with(&format!("wholeName=\"Many Attributes Ltd\"{attrs}"))
}

#[test]
fn an_element_with_500000_attributes_is_read_in_linear_time() {
    let bytes = many_attributes(500_000, false);
    let started = std::time::Instant::now();
    let list = load(ListFormat::EuFsf, "eu.xml", &bytes, None).unwrap();
    let clean = started.elapsed();
    assert!(names_of(&list).contains(&"Many Attributes Ltd"));
    let started = std::time::Instant::now();
    check(
        load(
            ListFormat::EuFsf,
            "eu.xml",
            &many_attributes(500_000, true),
            None,
        ),
        "line 4",
        "\"a7\" appears twice",
    );
    let dup = started.elapsed();
    eprintln!("500,000 attributes: {clean:?} to load, {dup:?} to refuse a duplicate");
    // Quadratic took minutes; linear takes well under a second in release
    // and a few seconds unoptimised (`cargo test` builds debug).
    let limit = if cfg!(debug_assertions) { 20 } else { 2 };
    assert!(
        clean.as_secs() < limit && dup.as_secs() < limit,
        "{clean:?} {dup:?}"
    );
}

#[test]
fn ofac_without_alt_csv_warns_and_stray_aliases_are_counted() {
    let sdn = screening_fixture("sdn.csv");
    let list = load(ListFormat::Ofac, "sdn.csv", &sdn, None).unwrap();
    // The fixture's remarks mention one a.k.a. ('BNC').
    assert_eq!(
        list.warnings,
        vec![ListWarning::NoAltFile { akas_in_remarks: 1 }]
    );
    for lang in Lang::ALL {
        assert!(list.warnings[0].describe(lang).contains("alt.csv"));
    }
    let mut alt = screening_fixture("alt.csv");
    alt.extend_from_slice(b"99999,1,\"aka\",\"NOBODY\",-0- \n306,2,\"aka\",-0- ,-0- \n");
    let list = load(ListFormat::Ofac, "sdn.csv", &sdn, Some(&alt)).unwrap();
    assert_eq!(
        list.warnings,
        vec![
            ListWarning::AliasWithoutEntry {
                rows: 1,
                first_line: 4
            },
            ListWarning::AliasUnreadable {
                rows: 1,
                first_line: 5
            }
        ]
    );
    let complete = load(
        ListFormat::Ofac,
        "sdn.csv",
        &sdn,
        Some(&screening_fixture("alt.csv")),
    )
    .unwrap();
    assert!(complete.warnings.is_empty(), "{:?}", complete.warnings);
    assert_eq!(complete.declared, None, "sdn.csv declares no count");
}

#[test]
fn csv_reads_cr_only_line_ends_and_keeps_line_numbers() {
    let text = "a,b\r\"c\rd\",e\r\rf,g\r";
    let records = sc_csv::parse(text, b',').unwrap_or_else(|(l, p)| panic!("{l}: {p}"));
    let got: Vec<(usize, Vec<String>)> = records.into_iter().map(|r| (r.line, r.fields)).collect();
    assert_eq!(
        got,
        vec![
            (1, vec!["a".to_string(), "b".to_string()]),
            (2, vec!["c\rd".to_string(), "e".to_string()]),
            (5, vec!["f".to_string(), "g".to_string()]),
        ]
    );
    assert_eq!(sc_csv::sniff_delimiter("a;b;c\rd,e"), b';');
    let (line, problem) = sc_csv::parse("a,b\r\n1,2\r\n3,\"open\r\n", b',')
        .err()
        .expect("an unclosed quote is an error");
    assert_eq!(line, 3, "{problem}");
    assert!(problem.contains("not closed"));
    // A doubled quote inside a quoted field is not a close.
    assert!(sc_csv::parse("x,\"a \"\" b\"\n", b',').is_ok());
    assert!(sc_csv::parse("x,\"a \"\"\n", b',').is_err());
    // A quote inside an unquoted field is a character, as the crate reads it.
    assert!(sc_csv::parse("x,5\" pipe\n", b',').is_ok());
}

#[test]
fn a_lead_file_with_cr_only_line_ends_is_read_line_by_line() {
    let file = read_leads("leads-cr.csv", &screening_fixture("leads-cr.csv")).unwrap();
    assert!(file.header);
    let names: Vec<&str> = file.leads.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Nordlicht Logistik GmbH",
            "Ivan Petrovich Sidorov",
            "Acme \"Shadow\" Ltd"
        ]
    );
    // The watchlist format too.
    let list = load(
        ListFormat::Csv,
        "w.csv",
        b"name,country\rAlpha Ltd,DE\rBeta Ltd,FR\r",
        None,
    )
    .unwrap();
    assert_eq!(list.entries.len(), 2);
}

#[test]
fn a_lead_file_without_a_name_column_is_refused() {
    // A header without "name": never screened as a lead.
    check(
        read_leads("l.csv", b"id,firma,land\n1,Acme GmbH,DE\n"),
        "l.csv: line 1",
        "looks like a header",
    );
    // One column and no header: names and ids cannot be told apart.
    check(
        read_leads("l.csv", b"Acme GmbH\nBeta Ltd\n"),
        "l.csv: line 1",
        "no name column",
    );
    // No header and a second column of numbers.
    check(
        read_leads("l.csv", b"Acme GmbH,4711\nBeta Ltd,4712\n"),
        "l.csv: line 1",
        "no letters",
    );
    check(
        read_leads("l.csv", b"1,Acme GmbH,DE\n2,12345,FR\n"),
        "l.csv: line 2",
        "no letters",
    );
    // Headerless id;name;country keeps working (Windows-1252 here is UTF-8).
    let file = read_leads(
        "leads-headerless.csv",
        &screening_fixture("leads-headerless.csv"),
    )
    .unwrap();
    assert!(!file.header);
    assert_eq!(file.delimiter, ';');
    let got: Vec<(&str, &str, Option<&str>)> = file
        .leads
        .iter()
        .map(|l| (l.id.as_str(), l.name.as_str(), l.country.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("1", "Müller Maschinenbau GmbH", Some("DE")),
            ("2", "Tekhnopribor LLC", Some("RU")),
            ("3", "Korea Zeus Trading", Some("KP")),
        ]
    );
}

// The fuzz harness itself (scripts/fuzz.sh runs it 1,000,000 times per
// target); here a few hundred mutations per target, from the fixtures only
// (the list and lead loaders, and the data targets: rule-set extension,
// destinations, answers, drafts, archive import, report verification,
// bundle, catalogue, register, screening responses).
#[allow(dead_code)]
#[path = "../scripts/fuzz_loaders.rs"]
mod fuzz_loaders;

#[test]
fn every_loader_survives_a_few_hundred_mutated_inputs() {
    // A panic inside a loader is counted by the harness, not printed.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let results: Vec<(&str, usize, fuzz_loaders::Stats)> = fuzz_loaders::TARGETS
        .iter()
        .map(|target| {
            let seeds = fuzz_loaders::seeds(target, None);
            let s = fuzz_loaders::fuzz(target, 300, 12, &seeds, None);
            (*target, seeds.own.len(), s)
        })
        .collect();
    std::panic::set_hook(previous);
    assert_eq!(results.len(), 16, "every target is smoke-tested");
    // The data targets' seeds come from every scenario (none dropped).
    let scenarios = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios"))
        .map(|d| d.count())
        .unwrap_or(0);
    let context = fuzz_loaders::context().expect("the shipped data loads");
    assert!(scenarios > 10);
    assert_eq!(context.scenarios.len(), scenarios);
    // The screening target starts from a response with hits on both
    // parties and a draft with one of them decided.
    let s = &context.screened.screening;
    assert_eq!(s.parties.len(), 2, "{:?}", s.parties);
    assert!(
        s.parties.iter().all(|p| !p.hits.is_empty()),
        "{:?}",
        s.parties
    );
    assert_eq!(s.decisions.len(), 1);
    assert!(context.response.contains("Zeus") && context.response.contains("\"s1\""));
    for (target, seeds, s) in results {
        assert!(seeds > 0, "{target}: no seed");
        assert_eq!(s.execs, 300, "{target}");
        assert_eq!(
            s.crashes, 0,
            "{target}: run bash scripts/fuzz.sh --target {target}"
        );
        // The loaded path is reached too, not only the refusals.
        assert!(
            s.loaded > 0 && s.loaded < 300,
            "{target}: {} of 300 loaded",
            s.loaded
        );
    }
}

#[test]
fn the_fuzz_harness_counts_crashes_and_is_reproducible() {
    // "0 crashes" means something only if a panic is counted: a stand-in
    // loader panics on inputs of odd length, and the harness must count
    // exactly those.
    let seeds = fuzz_loaders::seeds("eu-fsf", None);
    let odd = std::cell::Cell::new(0u64);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let s = fuzz_loaders::fuzz_with("eu-fsf", 200, 3, &seeds, None, |_, data, _| {
        if data.len() % 2 == 1 {
            odd.set(odd.get() + 1);
            panic!("odd");
        }
        true
    });
    std::panic::set_hook(previous);
    assert_eq!(s.execs, 200);
    assert!(odd.get() > 0 && odd.get() < 200, "{}", odd.get());
    assert_eq!(s.crashes, odd.get());
    // The same seed gives the same inputs, and they are mutated.
    let mut rng = fuzz_loaders::Rng::new(1);
    let inputs: Vec<Vec<u8>> = (0..50)
        .map(|_| fuzz_loaders::input(&mut rng, &seeds))
        .collect();
    let mut again = fuzz_loaders::Rng::new(1);
    let same: Vec<Vec<u8>> = (0..50)
        .map(|_| fuzz_loaders::input(&mut again, &seeds))
        .collect();
    assert_eq!(inputs, same, "the mutations are reproducible from the seed");
    assert!(
        inputs.iter().any(|i| !seeds.own.contains(i)),
        "inputs are mutated"
    );
}

#[test]
fn millions_of_tiny_rows_are_refused_while_reading() {
    let (line, problem) = sc_csv::parse_at_most("a\n\nb\nc\nd\n", b',', 2)
        .err()
        .expect("a third row is too many");
    assert_eq!(
        (line, problem.as_str()),
        (4, "the file has more than 2 rows")
    );
    assert_eq!(
        sc_csv::parse_at_most("a\nb\n", b',', 2).map(|r| r.len()),
        Ok(2)
    );
    // A lead file: refused at the row past the limit, not after building
    // every row (a 64 MB file of tiny rows took gigabytes).
    let mut leads = String::from("id,name\n");
    for i in 0..1_000_001 {
        leads.push_str(&format!("{i},A\n"));
    }
    check(
        read_leads("l.csv", leads.as_bytes()),
        "l.csv: line 1000002",
        "more than",
    );
}

#[test]
fn the_cli_warns_loudly_when_alt_csv_is_missing() {
    // sdn.csv alone in a directory: no alt.csv beside it.
    let dir = std::env::temp_dir().join(format!("ea-loaders-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sdn = dir.join("sdn.csv");
    std::fs::write(&sdn, screening_fixture("sdn.csv")).unwrap();
    let leads = format!(
        "{}/tests/fixtures/screening/leads-cr.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_export-assessor"))
        .args(["screen", "--list", sdn.to_str().unwrap(), &leads])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("WARNING: sdn.csv: alt.csv is missing"),
        "{stderr}"
    );
    assert!(
        stderr.contains("3 lead(s) screened")
            && stderr.contains("2 entries, 2 names (the file declares no count)"),
        "{stderr}"
    );
}
