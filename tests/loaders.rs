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
    assert!(err.location.contains(location), "location {:?} should contain {location:?} ({err})", err.location);
    assert!(err.problem.contains(problem), "problem {:?} should contain {problem:?} ({err})", err.problem);
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
    assert!(untranslated.is_empty(), "texts without German: {untranslated:?}");
}

#[test]
fn rule_set_syntax_and_truncation_errors_give_a_position() {
    check(RuleSet::load(b""), "line 1", "EOF");
    check(RuleSet::load(b"{"), "line 1", "EOF");
    check(RuleSet::load(b"[]"), "line 1", "must be a JSON object");
    check(load_answers(b"{\"answers\": {}} trailing", &rules(), &dest()), "line 1", "more text");
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
    check(load_value(&v), "questions[\"exporter_member_state\"]", "used twice");

    let mut v = default_value();
    v["findings"][0]["when"] = json!({ "is": { "q": "no_such_question", "v": "yes" } });
    check(load_value(&v), "findings[\"intra_eu\"].when.is.q", "no question has the id");

    let mut v = default_value();
    v["findings"][0]["when"] = json!({ "is": { "q": "cs_covert", "v": "perhaps" } });
    check(load_value(&v), "findings[\"intra_eu\"].when.is.v", "not a possible answer");

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
    let idx = v["findings"].as_array().unwrap().iter().position(|f| f["id"] == "cs_item").unwrap();
    v["findings"][idx]["when"] = json!({ "finding": "cs_unclear" });
    check(load_value(&v), "finding", "circular dependency");

    // A required question shown by an optional one.
    let mut v = default_value();
    let idx = v["questions"].as_array().unwrap().iter().position(|q| q["id"] == "item_name").unwrap();
    v["questions"][idx]["show_if"] = json!({ "answered": "consignee_name" });
    check(load_value(&v), "questions[\"item_name\"].show_if", "optional question \"consignee_name\"");
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
            "help": "Acme policy 7.2.", "citation": "Acme export policy 7.2"
        }],
        "findings": [{
            "id": "acme_no_board_approval", "kind": "red_flag", "category": "end_user", "weight": 25,
            "when": { "is": { "q": "acme_board_approval", "v": "no" } },
            "title": "No board approval", "explanation": "Acme requires board approval.", "citation": "Acme export policy 7.2"
        }],
        "weights": { "categories": { "item": 30, "destination": 15 }, "findings": { "rf_marketed_covert": 50 } }
    });
    let merged = base.extended_with(ext.to_string().as_bytes()).unwrap();
    assert_eq!(merged.id, "acme-export-rules");
    assert!(merged.version.contains("2026.1") && merged.version.contains(&base.version));
    assert_eq!(merged.finding("rf_marketed_covert").unwrap().weight, 50);
    assert_eq!(merged.category("item").unwrap().weight, 30);

    let answers = load_answers(json!({ "answers": { "destination_country": "FR", "acme_board_approval": "no" } }).to_string().as_bytes(), &merged, &dest()).unwrap();
    let a = evaluate(&merged, &dest(), &answers);
    assert!(a.finding("acme_no_board_approval").is_some());

    // The base rule set does not know the company's question.
    check(load_answers(json!({ "answers": { "acme_board_approval": "no" } }).to_string().as_bytes(), &base, &dest()), "answers.acme_board_approval", "has no question");
}

#[test]
fn bad_extensions_are_refused_with_the_reason() {
    let base = rules();
    let ext = |extra: Value| {
        let mut e = json!({ "extends": "eu-2021-821-art5", "id": "acme", "version": "1" });
        e.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        base.extended_with(e.to_string().as_bytes())
    };
    check(base.extended_with(br#"{"extends": "other", "id": "x", "version": "1"}"#), "extends", "this extension is for \"other\"");
    check(ext(json!({ "questions": [ { "id": "item_name", "section": "transaction", "required": false, "kind": {"type": "yes_no"}, "text": "t", "help": "h", "citation": "c" } ] })), "questions[0].id", "already exists");
    check(ext(json!({ "weights": { "categories": { "item": 99 } } })), "score.categories", "add up to");
    check(ext(json!({ "weights": { "findings": { "nope": 3 } } })), "weights.findings.nope", "no finding");
    check(ext(json!({ "findings": [ { "id": "x1", "kind": "red_flag", "category": "end_user", "weight": 10, "when": { "finding": "x1" }, "title": "t", "explanation": "e", "citation": "c" } ] })), "finding \"x1\"", "circular");
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
        assert!(c.competent_authority.is_some(), "{} has no authority", c.code);
    }
    // What the reference marks unconfirmed stays marked so.
    use export_assessor::core::destinations::Status;
    for code in ["PT", "GR", "HR", "SI"] {
        assert_eq!(d.country(code).unwrap().competent_authority.as_ref().unwrap().status, Status::Unconfirmed, "{code}");
    }
    assert_eq!(d.country("SY").unwrap().monitoring_regime.as_ref().unwrap().status, Status::Unconfirmed);
    assert_eq!(d.country("BY").unwrap().monitoring_regime.as_ref().unwrap().status, Status::Unconfirmed);
}

#[test]
fn bad_destination_data_is_refused_precisely() {
    check(Destinations::load(b"{\"schema_version\": 1, \"as_of\": \"2026"), "line 1", "EOF");
    check(Destinations::load(&vec![b' '; 5 * 1024 * 1024]), "whole file", "bytes");
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
    let de = v["countries"].as_array().unwrap().iter().position(|c| c["code"] == "DE").unwrap();
    v["countries"][de]["competent_authority"] = Value::Null;
    check(load_dest(&v), "code \"DE\"", "no competent authority");
    let mut v = dest_value();
    v["countries"][de]["sources"] = json!(["R999"]);
    check(load_dest(&v), "code \"DE\"", "source \"R999\" is not defined");
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
    check(load_answers(b"{\"answers\": {\"item_name\": 3}}", &r, &d), "answers.item_name", "");
    check(load_answers(b"{\"answers\": {\"cs_covert\": \"perhaps\"}}", &r, &d), "answers.cs_covert", "not a possible answer");
    check(load_answers(b"{\"answers\": {\"exporter_member_state\": \"US\"}}", &r, &d), "answers.exporter_member_state", "not a possible answer");
    check(load_answers(b"{\"answers\": {\"diversion\": [\"none\", \"intermediaries\"]}}", &r, &d), "answers.diversion", "not a possible answer");
    check(load_answers(b"{}", &r, &d), "line 1", "missing field `answers`");
    check(load_answers(b"{\"answers\": ", &r, &d), "line 1", "EOF");
}

// ── reports ─────────────────────────────────────────────────────────────

fn sample_report() -> Report {
    let (r, d) = (rules(), dest());
    let text = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios/001-proceed-cs-item-no-red-flags.json")).unwrap();
    let answers = load_answers(&text, &r, &d).unwrap();
    let a = evaluate(&r, &d, &answers);
    Report::build(&r, &d, &answers, &a, Lang::De, "2026-11-25T09:00:00Z", "2026-11-25T09:30:00Z").unwrap()
}

#[test]
fn a_report_verifies_and_any_one_byte_change_is_caught() {
    let report = sample_report();
    let bytes = report.to_json_pretty().into_bytes();
    let v = verify(&bytes).unwrap();
    assert!(v.holds());
    assert_eq!(v.original_schema, 3);
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
    assert!(missed.is_empty(), "one-byte changes at {missed:?} were not caught");
}

#[test]
fn reports_keep_their_fingerprint_through_reformatting() {
    // The fingerprint covers the content, not the layout.
    let report = sample_report();
    let compact = report.to_json().canonical(None);
    assert!(verify(compact.as_bytes()).unwrap().holds());
    // serde_json's own layout of the same content verifies too.
    let relaid: serde_json::Value = serde_json::from_str(&report.to_json_pretty()).unwrap();
    assert!(verify(serde_json::to_string(&relaid).unwrap().as_bytes()).unwrap().holds());
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
    let as_json = export_assessor::core::json::parse("test", v.to_string().as_bytes(), usize::MAX).unwrap();
    let fp = export_assessor::core::report::fingerprint(&as_json);
    v["fingerprint"] = json!(fp);
    let checked = verify(v.to_string().as_bytes()).unwrap();
    assert!(checked.holds());
    assert_eq!(checked.original_schema, 1);
    assert_eq!(checked.report.schema_version, 3);
    assert_eq!(checked.report.rule_set, report.rule_set);
    assert_eq!(checked.report.created_at, "2026-01-02T03:04:05Z");
    assert_eq!(checked.report.lang, Lang::En);
    assert_eq!(checked.report.outcome, report.outcome);
    assert_eq!(checked.report.fingerprint, checked.report.compute_fingerprint());
}

#[test]
fn a_schema_2_report_is_verified_and_migrated() {
    // Schema 2 was schema 3 without the screening record.
    let report = sample_report();
    let mut v: serde_json::Value = serde_json::from_str(&report.to_json_pretty()).unwrap();
    v.as_object_mut().unwrap().remove("screening");
    v["schema_version"] = json!(2);
    let as_json = export_assessor::core::json::parse("test", v.to_string().as_bytes(), usize::MAX).unwrap();
    v["fingerprint"] = json!(export_assessor::core::report::fingerprint(&as_json));
    let checked = verify(v.to_string().as_bytes()).unwrap();
    assert!(checked.holds());
    assert_eq!((checked.original_schema, checked.report.schema_version), (2, 3));
    assert_eq!(checked.report.screening, None);
    assert_eq!(checked.report.outcome, report.outcome);
    assert_eq!(checked.report.fingerprint, checked.report.compute_fingerprint());
    // A schema-2 file that claims a screening record is not what schema 2 wrote,
    // but reads the same way; a damaged record is refused precisely.
    v["screening"] = json!({ "lists": "x" });
    let e = verify(v.to_string().as_bytes()).unwrap_err();
    assert!(e.to_string().contains("screening.lists"), "{e}");
}

#[test]
fn bad_reports_are_refused_precisely() {
    check(verify(b"[1,2]"), "top level", "expected an object");
    check(verify(b"{\"fingerprint\": \"x\"}"), "schema_version", "no schema version");
    check(verify(b"{\"schema_version\": 9, \"fingerprint\": \"x\"}"), "schema_version", "not known");
    check(verify(b"{\"schema_version\": 2}"), "fingerprint", "no fingerprint");
    let mut v: serde_json::Value = serde_json::from_str(&sample_report().to_json_pretty()).unwrap();
    v["score"]["total"] = json!("high");
    check(verify(v.to_string().as_bytes()), "score.total", "expected a whole number");
    check(verify(&vec![b' '; 17 * 1024 * 1024]), "whole file", "bytes");
    let text = sample_report().to_json_pretty();
    check(verify(&text.as_bytes()[..text.len() / 2]), "line", "end of file");
    check(Report::build(&rules(), &dest(), &Default::default(), &evaluate(&rules(), &dest(), &Default::default()), Lang::En, "", "x"), "created_at", "not a usable timestamp");
}
